import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Objective, ObjectiveRef, Review } from '../roadmap/api';
import { FakeRoadmapBackend, makeAxis, makeObjective } from './fake';
import RoadmapDiff from './RoadmapDiff.svelte';

const mobilisation = makeAxis({ id: 'ax-mob', name: 'Mobilisation', position: 0 });
const formation = makeAxis({ id: 'ax-form', name: 'Formation', position: 1 });

function review(decision: Review['decision'], comment = ''): Review {
  return { decision, comment, new_target: null, seminar_id: null, reviewed_at: '2026-12-12T10:00:00Z' };
}

function ref(objective: Objective): ObjectiveRef {
  const { id, quarter, title, status, percent, target } = objective;
  return { id, quarter, title, axis: objective.axis.name, status, percent, target };
}

/** A reviewed 2026-T4 and the 2027-T1 it led to, with one objective of each kind. */
function fixture() {
  const carried = makeObjective({
    id: 'o1',
    axis: mobilisation,
    title: 'Former 40 porte-parole',
    progress: 28,
    target: 40,
    review: review('adjust', 'Manque de formateurs'),
  });
  const successor = makeObjective({
    id: 'n1',
    quarter: '2027-T1',
    axis: formation,
    title: 'Former 40 porte-parole',
    status: 'late',
    progress: 30,
    target: 60,
    carried_from: ref(carried),
  });
  return new FakeRoadmapBackend({
    axes: [mobilisation, formation],
    objectives: [
      { ...carried, carried_to: ref(successor) },
      successor,
      makeObjective({ id: 'o2', axis: formation, title: 'Cycle d\'été', status: 'achieved', progress: 100, review: review('close') }),
      makeObjective({ id: 'o3', axis: mobilisation, title: 'Journal de quartier', status: 'dropped', review: review('drop') }),
      makeObjective({ id: 'o4', axis: mobilisation, title: 'Fichier des soutiens', progress: 20 }),
      makeObjective({ id: 'n2', quarter: '2027-T1', axis: mobilisation, title: 'Assemblée de printemps' }),
      makeObjective({ id: 'old', quarter: '2026-T3', axis: mobilisation, title: 'Ancien objectif' }),
    ],
  });
}

function setup(backend = fixture(), from = '2026-T4', to = '2027-T1') {
  const user = userEvent.setup();
  const onquarter = vi.fn();
  const diff = vi.spyOn(backend, 'roadmapDiff');
  render(RoadmapDiff, { props: { backend, from, to, onquarter } });
  return { user, backend, onquarter, diff };
}

const rows = (section: string) => within(screen.getByTestId(section)).queryAllByTestId('diff-row');

describe('RoadmapDiff', () => {
  it('lists each section of the diff', async () => {
    setup();
    expect(await screen.findByTestId('diff-added')).toHaveTextContent('Nouveaux objectifs');
    expect(screen.getByTestId('diff')).toBeInTheDocument();
    expect(rows('diff-added').map((r) => r.textContent)).toEqual([expect.stringContaining('Assemblée de printemps')]);
    expect(rows('diff-carried')).toHaveLength(1);
    expect(rows('diff-closed')[0]).toHaveTextContent('Cycle d\'été');
    expect(rows('diff-closed')[0]).toHaveTextContent(/Formation · Atteint · 100\s%/);
    expect(rows('diff-dropped')[0]).toHaveTextContent('Journal de quartier');
    expect(rows('diff-unreviewed')[0]).toHaveTextContent('Fichier des soutiens');
    expect(screen.getByTestId('diff-carried')).toHaveTextContent('Poursuivis ou reportés');
    expect(screen.getByTestId('diff-closed')).toHaveTextContent('Clos car atteints');
    expect(screen.getByTestId('diff-dropped')).toHaveTextContent('Abandonnés');
    expect(screen.getByTestId('diff-unreviewed')).toHaveTextContent('Non revus');
  });

  it('words the changes of a continued objective in French, with its decision and comment', async () => {
    setup();
    await screen.findByTestId('diff-carried');
    const [row] = rows('diff-carried');
    expect(within(row!).getByTestId('diff-decision')).toHaveTextContent('Ajuster');
    const changes = within(row!).getAllByRole('listitem').map((li) => li.textContent?.replace(/\s/g, ' '));
    expect(changes).toEqual([
      'Axe changé : Mobilisation → Formation',
      'Statut : En cours → En retard',
      'Avancement : 70 % → 50 %',
      'Cible : 40 → 60',
    ]);
    expect(row).toHaveTextContent('Commentaire : Manque de formateurs');
  });

  it('says when a section is empty and when nothing changed', async () => {
    const backend = new FakeRoadmapBackend({
      axes: [mobilisation],
      objectives: [makeObjective({ id: 'k', axis: mobilisation, title: 'Tenir le cap' })],
    });
    await backend.reviewObjective('k', { decision: 'keep', comment: '', new_target: null, seminar_id: null });
    setup(backend);
    expect(await screen.findByTestId('diff-added')).toHaveTextContent('Aucun.');
    const [row] = rows('diff-carried');
    expect(row).toHaveTextContent('Maintenir');
    expect(row).toHaveTextContent('Sans changement');
  });

  it('compares other quarters chosen in the selects, and refuses a backward comparison', async () => {
    const { user, diff } = setup();
    await screen.findByTestId('diff-added');
    await user.selectOptions(screen.getByLabelText('Depuis'), '2026-T3');
    await waitFor(() => expect(diff).toHaveBeenLastCalledWith('2026-T3', '2027-T1'));
    await user.selectOptions(screen.getByLabelText('Jusqu\'à'), '2026-T3');
    expect(await screen.findByTestId('diff-order')).toHaveTextContent('Choisissez un trimestre d\'arrivée postérieur');
    expect(screen.getByLabelText('Jusqu\'à')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('export-diff')).toBeDisabled();
    expect(diff).toHaveBeenCalledTimes(2);
  });

  it('exports the diff as Markdown and shows where it went', async () => {
    const { user, backend } = setup();
    await screen.findByTestId('diff-added');
    await user.click(screen.getByRole('button', { name: 'Exporter (Markdown)' }));
    expect(await screen.findByText(/Enregistré dans/)).toHaveTextContent(
      'Enregistré dans /home/equipe/Téléchargements/evolution-2026-T4-2027-T1.md',
    );
    expect(backend.savedDiffs).toEqual([{ from: '2026-T4', to: '2027-T1' }]);
  });

  it('opens the boards of the quarters compared', async () => {
    const { user, onquarter } = setup();
    await user.click(await screen.findByRole('button', { name: 'Voir le tableau 2027-T1' }));
    expect(onquarter).toHaveBeenCalledWith('2027-T1');
  });
});
