// The fake must follow the core's review rules, or the screens' tests prove nothing.

import { describe, expect, it } from 'vitest';
import type { ReviewDecision } from '../roadmap/api';
import { FakeRoadmapBackend, makeAxis, makeObjective } from './fake';

const axis = makeAxis({ id: 'ax', name: 'Mobilisation' });
const draft = (decision: ReviewDecision, new_target: number | null = null) => ({
  decision,
  comment: '',
  new_target,
  seminar_id: null,
});

function backend() {
  return new FakeRoadmapBackend({
    axes: [axis],
    objectives: [makeObjective({ id: 'o', axis, title: 'Former', progress: 28, target: 40, status: 'late' })],
  });
}

describe('FakeRoadmapBackend', () => {
  it('continues kept, adjusted and carried objectives in the next quarter', async () => {
    const fake = backend();
    const outcome = await fake.reviewObjective('o', draft('adjust', 60));
    expect(outcome.successor).toMatchObject({ quarter: '2027-T1', target: 60, progress: 28, status: 'late' });
    expect(outcome.objective.carried_to?.id).toBe(outcome.successor?.id);
    expect(outcome.state).toBe('closed');
    await expect(fake.reviewObjective('o', draft('adjust'))).rejects.toMatchObject({ kind: 'invalid', field: 'new_target' });
  });

  it('sets the status on close and drop, and a second decision replaces the first', async () => {
    const fake = backend();
    await fake.reviewObjective('o', draft('carry'));
    const closed = await fake.reviewObjective('o', draft('close'));
    expect(closed.successor).toBeNull();
    expect(closed.objective).toMatchObject({ status: 'achieved', carried_to: null, review: { decision: 'close' } });
    expect(fake.objectives.filter((o) => o.quarter === '2027-T1')).toEqual([]);
    const undone = await fake.undoReview('o');
    expect(undone).toMatchObject({ status: 'late', review: null });
  });

  it('refuses to take back a decision followed up in the next quarter', async () => {
    const fake = backend();
    const { successor } = await fake.reviewObjective('o', draft('keep'));
    await fake.reviewObjective(successor!.id, draft('drop'));
    await expect(fake.undoReview('o')).rejects.toMatchObject({ kind: 'refused' });
    await expect(fake.undoReview(successor!.id)).resolves.toMatchObject({ review: null });
    await expect(fake.undoReview('o')).resolves.toMatchObject({ review: null });
  });

  it('computes the diff from its own data', async () => {
    const fake = backend();
    await fake.reviewObjective('o', draft('adjust', 60));
    const diff = await fake.roadmapDiff('2026-T4', '2027-T1');
    expect(diff.carried).toMatchObject([{ before: { id: 'o', target: 40 }, after: { target: 60 }, decision: 'adjust' }]);
    expect([diff.added, diff.closed, diff.dropped, diff.unreviewed]).toEqual([[], [], [], []]);
    await expect(fake.roadmapDiff('2027-T1', '2026-T4')).rejects.toMatchObject({ kind: 'invalid' });
  });
});
