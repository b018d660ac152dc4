import { describe, expect, it } from 'vitest';
import { compareQuarters, initials, neighbourAxis, neighbourStatus, ownersOf, placed, quarterRange, readNumber, writeNumber } from './board';
import { makeAxis, makeObjective } from './fake';

const mobilisation = makeAxis('a1', 'Mobilisation', 0);
const formation = makeAxis('a2', 'Formation', 1);

describe('roadmap board rules', () => {
  it('take initials from the first and last words of a name', () => {
    expect(initials('Léa Rousseau')).toBe('LR');
    expect(initials('Jean-Baptiste de la Tour')).toBe('JT');
    expect(initials('Moussa')).toBe('MO');
  });

  it('find the neighbouring axis and status, and nothing past the ends', () => {
    const columns = [mobilisation, formation].map((axis) => ({ axis, objectives: [] }));
    expect(neighbourAxis(columns, 'a1', 1)).toBe('a2');
    expect(neighbourAxis(columns, 'a1', -1)).toBeNull();
    expect(neighbourStatus('not_started', 1)).toBe('in_progress');
    expect(neighbourStatus('dropped', 1)).toBeNull();
    expect(neighbourStatus('not_started', -1)).toBeNull();
  });

  it('list the owners present once each, by name', () => {
    const lea = { id: 'p-lea', name: 'Léa Rousseau' };
    const karim = { id: 'p-karim', name: 'Karim Benali' };
    const columns = [
      { axis: mobilisation, objectives: [makeObjective({ id: 'o1', axis: mobilisation, owners: [lea, karim] })] },
      { axis: formation, objectives: [makeObjective({ id: 'o2', axis: formation, owners: [lea] })] },
    ];
    expect(ownersOf(columns)).toEqual([karim, lea]);
  });

  it('place a saved objective at the end of its new column only', () => {
    const moved = makeObjective({ id: 'o1', axis: mobilisation });
    const stays = makeObjective({ id: 'o2', axis: formation });
    const columns = [
      { axis: mobilisation, objectives: [moved] },
      { axis: formation, objectives: [stays] },
    ];
    const after = placed(columns, { ...moved, axis: formation });
    expect(after.map((c) => c.objectives.map((o) => o.id))).toEqual([[], ['o2', 'o1']]);
  });

  it('count quarters across years, in either order', () => {
    expect(quarterRange('2026-T3', '2027-T1')).toEqual(['2026-T3', '2026-T4', '2027-T1']);
    expect(quarterRange('2027-T1', '2026-T4')).toEqual(['2026-T4', '2027-T1']);
    expect(compareQuarters('2026-T4', '2027-T1')).toBeLessThan(0);
  });

  it('read numbers typed with a comma or a point, and refuse words', () => {
    expect(readNumber(' 12,5 ')).toBe(12.5);
    expect(readNumber('40')).toBe(40);
    expect(readNumber('')).toBeNull();
    expect(readNumber('beaucoup')).toBe('invalid');
    expect(writeNumber(12.5, true)).toBe('12,5');
    expect(writeNumber(null, true)).toBe('');
  });
});
