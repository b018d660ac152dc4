import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeRoadmapBackend, makeAxis, makeObjective, refOf } from './fake';
import RoadmapTimeline from './RoadmapTimeline.svelte';

const mobilisation = makeAxis('a-mob', 'Mobilisation', 0);
const formation = makeAxis('a-form', 'Formation', 1);
const reviewed = (decision: 'keep' | 'carry' | 'close') => ({ decision, comment: '', new_target: null, seminar_id: null, reviewed_at: '2026-09-20T10:00:00Z' });

function fixture() {
  // « 40 membres actifs » started in T2, was carried into T3, then kept into T4.
  const t2 = makeObjective({ id: 'm2', quarter: '2026-T2', axis: mobilisation, title: '30 membres actifs', status: 'late', progress: 40, review: reviewed('carry') });
  const t3 = makeObjective({ id: 'm3', quarter: '2026-T3', axis: mobilisation, title: '40 membres actifs', status: 'in_progress', progress: 60, review: reviewed('keep') });
  const t4 = makeObjective({ id: 'm4', quarter: '2026-T4', axis: mobilisation, title: '40 membres actifs', status: 'in_progress', progress: 28, target: 40 });
  t2.carried_to = refOf(t3);
  t3.carried_from = refOf(t2);
  t3.carried_to = refOf(t4);
  t4.carried_from = refOf(t3);
  const alone = makeObjective({ id: 'f4', quarter: '2026-T4', axis: formation, title: 'Former 12 leaders', status: 'achieved', progress: 100, review: reviewed('close') });
  const old = makeObjective({ id: 'o1', quarter: '2025-T1', axis: formation, title: 'Très ancien', status: 'achieved', progress: 100 });
  return new FakeRoadmapBackend({ axes: [mobilisation, formation], objectives: [t2, t3, t4, alone, old] });
}

function setup(props: { from?: string; to?: string } = {}, backend = fixture()) {
  const user = userEvent.setup();
  const onquarter = vi.fn();
  const timeline = vi.spyOn(backend, 'roadmapTimeline');
  render(RoadmapTimeline, { props: { backend, onquarter, now: new Date(2026, 10, 15), ...props } });
  return { user, onquarter, timeline };
}

const cell = (row: HTMLElement, quarter: string) => row.querySelector<HTMLElement>(`[data-testid="timeline-cell"][data-quarter="${quarter}"]`)!;

describe('RoadmapTimeline', () => {
  it('shows by default the four quarters ending at the current one', async () => {
    const { timeline } = setup();
    await screen.findAllByTestId('timeline-row');
    expect(timeline).toHaveBeenCalledWith('2026-T1', '2026-T4');
    expect(screen.getAllByTestId('timeline-quarter').map((q) => q.textContent?.trim())).toEqual(['2026-T1', '2026-T2', '2026-T3', '2026-T4']);
    expect(screen.getByLabelText('Du trimestre')).toHaveValue('2026-T1');
    expect(screen.getByLabelText('Au trimestre')).toHaveValue('2026-T4');
  });

  it('follows a carried objective across quarters with its status, percent and decisions', async () => {
    setup({ from: '2026-T1', to: '2026-T4' });
    const rows = await screen.findAllByTestId('timeline-row');
    expect(rows).toHaveLength(2);
    const chain = rows.find((r) => r.textContent?.includes('40 membres actifs'))!;
    expect(within(chain).getByRole('rowheader')).toHaveTextContent('40 membres actifs Mobilisation');

    expect(cell(chain, '2026-T1')).toHaveTextContent('Pas d\'objectif ce trimestre');
    expect(cell(chain, '2026-T2')).toHaveTextContent('En retard');
    expect(cell(chain, '2026-T2')).toHaveTextContent('40 %');
    expect(within(cell(chain, '2026-T2')).getByTestId('timeline-decision')).toHaveTextContent('Reporté →');
    expect(cell(chain, '2026-T3')).toHaveTextContent('En cours');
    expect(within(cell(chain, '2026-T3')).getByTestId('timeline-decision')).toHaveTextContent('Maintenu →');
    expect(cell(chain, '2026-T4')).toHaveTextContent('70 %');
    expect(within(cell(chain, '2026-T4')).queryByTestId('timeline-decision')).not.toBeInTheDocument();
    // A closed objective stops there: no arrow to a next quarter.
    const closed = rows.find((r) => r.textContent?.includes('Former 12 leaders'))!;
    const decision = within(cell(closed, '2026-T4')).getByTestId('timeline-decision');
    expect(decision).toHaveTextContent('Clos');
    expect(decision.textContent).not.toContain('→');

    const alone = rows.find((r) => r.textContent?.includes('Former 12 leaders'))!;
    expect(cell(alone, '2026-T4')).toHaveTextContent('Atteint');
  });

  it('reloads when the range changes and opens a quarter from its column', async () => {
    const { user, timeline, onquarter } = setup();
    await screen.findAllByTestId('timeline-row');
    await user.selectOptions(screen.getByLabelText('Du trimestre'), '2025-T1');
    await waitFor(() => expect(timeline).toHaveBeenLastCalledWith('2025-T1', '2026-T4'));
    await waitFor(() => expect(screen.getAllByTestId('timeline-row')).toHaveLength(3));
    expect(screen.getAllByTestId('timeline-quarter')).toHaveLength(8);

    await user.click(screen.getByRole('link', { name: 'Ouvrir la feuille de route 2026-T3' }));
    expect(onquarter).toHaveBeenCalledWith('2026-T3');
  });

  it('says when nothing happened in the period', async () => {
    setup({ from: '2024-T1', to: '2024-T2' });
    expect(await screen.findByText('Aucun objectif sur cette période.')).toBeInTheDocument();
  });
});
