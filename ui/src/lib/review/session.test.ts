import { describe, expect, it } from 'vitest';
import type { Objective, ReviewDecision } from '../roadmap/api';
import { makeAxis, makeObjective } from './fake';
import {
  countDecisions,
  excerpt,
  groupByOutcome,
  nextUnreviewed,
  objectivesInOrder,
  outcomeMessage,
  parseTarget,
} from './session';

const axis = makeAxis({ id: 'a', name: 'Mobilisation' });

function reviewed(id: string, decision: ReviewDecision | null): Objective {
  const review = decision
    ? { decision, comment: '', new_target: null, seminar_id: null, reviewed_at: '2026-12-12T10:00:00Z' }
    : null;
  return makeObjective({ id, axis, title: id, review });
}

describe('review session', () => {
  it('orders objectives by axis position, whatever order the axes come in', () => {
    const first = makeAxis({ id: 'first', position: 0 });
    const second = makeAxis({ id: 'second', position: 1 });
    const roadmap = {
      quarter: '2026-T4',
      axes: [
        { axis: second, objectives: [makeObjective({ id: 's1', axis: second })] },
        { axis: first, objectives: [makeObjective({ id: 'f1', axis: first }), makeObjective({ id: 'f2', axis: first })] },
      ],
      state: 'open' as const,
      reviewed: 0,
      total: 3,
      seminars: [],
    };
    expect(objectivesInOrder(roadmap).map((o) => o.id)).toEqual(['f1', 'f2', 's1']);
  });

  it('finds the next objective without a decision, going round, or none', () => {
    const list = [reviewed('a', null), reviewed('b', 'keep'), reviewed('c', null)];
    expect(nextUnreviewed(list, 1)).toBe(2);
    expect(nextUnreviewed(list, 3)).toBe(0);
    expect(nextUnreviewed([reviewed('a', 'drop')], 0)).toBeNull();
  });

  it('counts decisions and groups what continues, closes and stops', () => {
    const list = [reviewed('a', 'carry'), reviewed('b', 'keep'), reviewed('c', 'carry'), reviewed('d', 'drop'), reviewed('e', null)];
    expect(countDecisions(list)).toEqual([
      { decision: 'keep', count: 1 },
      { decision: 'adjust', count: 0 },
      { decision: 'carry', count: 2 },
      { decision: 'close', count: 0 },
      { decision: 'drop', count: 1 },
    ]);
    const groups = groupByOutcome(list);
    expect(groups.continued.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(groups.closed).toEqual([]);
    expect(groups.dropped.map((o) => o.id)).toEqual(['d']);
  });

  it('says what a decision did, naming the quarter it continues in', () => {
    const objective = { ...reviewed('Former les porte-parole', 'carry') };
    const successor = makeObjective({ id: 'n', axis, quarter: '2027-T1', target: 60 });
    expect(outcomeMessage({ objective, successor, state: 'in_review' }, 'fr')).toBe(
      '« Former les porte-parole » : reporté en 2027-T1.',
    );
    const adjusted = reviewed('X', 'adjust');
    expect(outcomeMessage({ objective: adjusted, successor, state: 'in_review' }, 'fr')).toBe(
      '« X » : ajusté, cible 60 en 2027-T1.',
    );
    expect(outcomeMessage({ objective: reviewed('Y', 'drop'), successor: null, state: 'closed' }, 'en')).toBe('“Y”: dropped.');
  });

  it('reads targets typed the French or the English way, and refuses the rest', () => {
    expect(parseTarget('60')).toBe(60);
    expect(parseTarget(' 12,5 ')).toBe(12.5);
    expect(parseTarget('12.5')).toBe(12.5);
    expect(parseTarget('')).toBeNull();
    expect(parseTarget('0')).toBeNull();
    expect(parseTarget('-3')).toBeNull();
    expect(parseTarget('douze')).toBeNull();
  });

  it('cuts long descriptions at a word', () => {
    expect(excerpt('court')).toBe('court');
    const long = 'mot '.repeat(100);
    const cut = excerpt(long, 30);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut.endsWith('mot…')).toBe(true);
  });
});
