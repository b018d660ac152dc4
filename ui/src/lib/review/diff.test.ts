import { describe, expect, it } from 'vitest';
import type { CarriedObjective, ObjectiveRef } from '../roadmap/api';
import { changesOf, refLine } from './diff';

const before: ObjectiveRef = {
  id: 'a',
  quarter: '2026-T4',
  title: 'Former 40 porte-parole',
  axis: 'Mobilisation',
  status: 'in_progress',
  percent: 70,
  target: 40,
};

const carried = (after: Partial<ObjectiveRef>): CarriedObjective => ({
  before,
  after: { ...before, id: 'b', quarter: '2027-T1', ...after },
  decision: 'carry',
  comment: '',
});

const flat = (texts: string[]) => texts.map((t) => t.replace(/\s/g, ' '));

describe('diff wording', () => {
  it('names nothing when nothing changed but the quarter', () => {
    expect(changesOf(carried({}), 'fr')).toEqual([]);
    expect(changesOf(carried({ percent: 70.2 }), 'fr')).toEqual([]);
  });

  it('words every change, in French and in English', () => {
    const item = carried({ title: 'Former 60 porte-parole', axis: 'Formation', status: 'late', percent: 50, target: null });
    expect(flat(changesOf(item, 'fr'))).toEqual([
      'Intitulé : Former 40 porte-parole → Former 60 porte-parole',
      'Axe changé : Mobilisation → Formation',
      'Statut : En cours → En retard',
      'Avancement : 70 % → 50 %',
      'Cible : 40 → aucune',
    ]);
    expect(changesOf(item, 'en')).toEqual([
      'Title: Former 40 porte-parole → Former 60 porte-parole',
      'Axis changed: Mobilisation → Formation',
      'Status: In progress → Late',
      'Progress: 70% → 50%',
      'Target: 40 → none',
    ]);
  });

  it('sums up where an objective stands in one line', () => {
    expect(refLine(before, 'en')).toBe('Mobilisation · In progress · 70%');
  });
});
