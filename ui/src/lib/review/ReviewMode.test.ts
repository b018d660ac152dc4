import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Objective } from '../roadmap/api';
import { FakeRoadmapBackend, makeAxis, makeObjective, makeSeminar } from './fake';
import ReviewMode from './ReviewMode.svelte';

const mobilisation = makeAxis({ id: 'ax-mob', name: 'Mobilisation', position: 0 });
const formation = makeAxis({ id: 'ax-form', name: 'Formation', position: 1 });

function objectives(): Objective[] {
  return [
    // Listed out of order on purpose: the review follows the axes' order.
    makeObjective({ id: 'o3', axis: formation, title: 'Cycle de formation d\'été', status: 'achieved', progress: 10, target: 10 }),
    makeObjective({
      id: 'o1',
      axis: mobilisation,
      title: 'Former 40 porte-parole',
      description: 'Des habitantes et habitants qui prennent la parole en public, dans chaque quartier.',
      owners: [{ id: 'p1', name: 'Awa Diallo' }, { id: 'p2', name: 'Louis Martin' }],
      progress: 28,
      target: 40,
      indicators: [{ name: 'Ateliers tenus', target: 8, current: 5 }],
      carried_from: {
        id: 'old',
        quarter: '2026-T3',
        title: 'Former 40 porte-parole',
        axis: 'Mobilisation',
        status: 'late',
        percent: 40,
        target: 40,
      },
    }),
    makeObjective({ id: 'o2', axis: mobilisation, title: 'Lancer la campagne logement', status: 'late', progress: 50 }),
  ];
}

function fixture(options: { seminar?: boolean } = { seminar: true }) {
  return new FakeRoadmapBackend({
    axes: [formation, mobilisation],
    objectives: objectives(),
    seminars: options.seminar ? [makeSeminar({ id: 'sem-1', quarter: '2026-T4', title: 'Séminaire de Die' })] : [],
  });
}

function setup(backend = fixture()) {
  const user = userEvent.setup();
  const onexit = vi.fn();
  const onopenquarter = vi.fn();
  const ondiff = vi.fn();
  const review = vi.spyOn(backend, 'reviewObjective');
  const undo = vi.spyOn(backend, 'undoReview');
  render(ReviewMode, { props: { backend, quarter: '2026-T4', onexit, onopenquarter, ondiff } });
  return { user, backend, onexit, onopenquarter, ondiff, review, undo };
}

const card = () => screen.findByTestId('review-objective');
const shown = async (id: string) => waitFor(() => expect(screen.getByTestId('review-objective')).toHaveAttribute('data-objective-id', id));

describe('ReviewMode', () => {
  it('shows the first objective with everything the room needs to decide', async () => {
    setup();
    const objective = await card();
    expect(objective).toHaveAttribute('data-objective-id', 'o1');
    expect(objective).toHaveTextContent('Mobilisation');
    expect(within(objective).getByRole('heading', { level: 2 })).toHaveTextContent('Former 40 porte-parole');
    expect(objective).toHaveTextContent('Awa Diallo, Louis Martin');
    expect(within(objective).getByTestId('review-status')).toHaveTextContent('En cours');
    expect(within(objective).getByTestId('review-percent')).toHaveTextContent(/^70\s%$/);
    expect(within(objective).getByTestId('review-count')).toHaveTextContent('28 / 40');
    expect(objective).toHaveTextContent('Ateliers tenus 5 / 8');
    expect(objective).toHaveTextContent('Des habitantes et habitants qui prennent la parole');
    expect(within(objective).getByTestId('carried-from')).toHaveTextContent('Suite de 2026-T3');
    expect(screen.getByTestId('review-progress')).toHaveTextContent('Objectif 1 sur 3 · 0 revu');
    expect(screen.getByTestId('review-seminar')).toHaveTextContent('Séminaire de Die');
  });

  it('records "carry" with 3 then Enter, says what happened and shows the next objective', async () => {
    const { user, review, backend } = setup();
    await card();
    await user.keyboard('3');
    expect(screen.getByTestId('decision-carry')).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{Enter}');

    expect(review).toHaveBeenCalledWith('o1', { decision: 'carry', comment: '', new_target: null, seminar_id: 'sem-1' });
    await shown('o2');
    expect(screen.getByTestId('review-outcome')).toHaveTextContent('« Former 40 porte-parole » : reporté en 2027-T1.');
    expect(screen.getByTestId('review-progress')).toHaveTextContent('Objectif 2 sur 3 · 1 revu');
    expect(backend.objectives.find((o) => o.quarter === '2027-T1')?.carried_from?.id).toBe('o1');
    expect(screen.getByTestId('decision-carry')).toHaveAttribute('aria-pressed', 'false');
  });

  it('records the comment typed, with Ctrl+Enter inside it', async () => {
    const { user, review } = setup();
    await card();
    await user.click(screen.getByTestId('decision-keep'));
    await user.type(screen.getByLabelText('Commentaire'), 'On garde le cap{Enter}jusqu\'en mars');
    expect(review).not.toHaveBeenCalled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(review).toHaveBeenCalledWith('o1', expect.objectContaining({ decision: 'keep', comment: 'On garde le cap\njusqu\'en mars' }));
    await shown('o2');
  });

  it('asks for the new target when adjusting, prefilled with the current one', async () => {
    const { user, review } = setup();
    await card();
    expect(document.querySelector('#review-target')).toBeNull();
    await user.keyboard('2');
    const target = screen.getByLabelText('Nouvelle cible');
    expect(target).toHaveAttribute('id', 'review-target');
    expect(target).toHaveValue('40');
    expect(target).toHaveFocus();

    await user.clear(target);
    await user.keyboard('{Enter}');
    expect(review).not.toHaveBeenCalled();
    expect(target).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Indiquez la nouvelle cible, un nombre positif.')).toBeInTheDocument();

    await user.type(target, '60{Enter}');
    expect(review).toHaveBeenCalledWith('o1', expect.objectContaining({ decision: 'adjust', new_target: 60 }));
    expect(await screen.findByTestId('review-outcome')).toHaveTextContent('ajusté, cible 60 en 2027-T1');
  });

  it('moves between objectives with the arrows and the buttons without recording', async () => {
    const { user, review } = setup();
    await card();
    await user.keyboard('{ArrowRight}');
    await shown('o2');
    await user.keyboard('{PageDown}');
    await shown('o3');
    expect(screen.getByTestId('next-objective')).toBeDisabled();
    await user.click(screen.getByTestId('previous-objective'));
    await shown('o2');
    await user.keyboard('{ArrowLeft}');
    await shown('o1');
    expect(review).not.toHaveBeenCalled();
  });

  it('shows the summary after the last decision, with counts and where each objective went', async () => {
    const { user, onopenquarter, ondiff } = setup();
    await card();
    await user.keyboard('1{Enter}');
    await shown('o2');
    await user.keyboard('5{Enter}');
    await shown('o3');
    await user.click(screen.getByTestId('decision-close'));
    await user.click(screen.getByTestId('record-decision'));

    const summary = await screen.findByTestId('review-summary');
    expect(screen.queryByTestId('review-objective')).toBeNull();
    expect(within(summary).getByTestId('summary-count-keep')).toHaveTextContent('Maintenir 1');
    expect(within(summary).getByTestId('summary-count-drop')).toHaveTextContent('Abandonner 1');
    expect(within(summary).getByTestId('summary-count-close')).toHaveTextContent('Clore car atteint 1');
    expect(within(summary).getByTestId('summary-count-carry')).toHaveTextContent('Reporter au trimestre suivant 0');
    expect(within(summary).getByTestId('summary-continued')).toHaveTextContent('Poursuivis en 2027-T1');
    expect(within(summary).getByTestId('summary-continued')).toHaveTextContent('Former 40 porte-parole Maintenir');
    expect(within(summary).getByTestId('summary-closed')).toHaveTextContent('Cycle de formation d\'été');
    expect(within(summary).getByTestId('summary-dropped')).toHaveTextContent('Lancer la campagne logement');

    await user.click(screen.getByTestId('open-next-quarter'));
    expect(onopenquarter).toHaveBeenCalledWith('2027-T1');
    await user.click(screen.getByRole('button', { name: 'Voir l\'évolution' }));
    expect(ondiff).toHaveBeenCalledWith('2026-T4', '2027-T1');
  });

  it('changes a decision already taken: recording again replaces it', async () => {
    const backend = fixture();
    await backend.reviewObjective('o1', { decision: 'carry', comment: 'Pas assez de formateurs', new_target: null, seminar_id: 'sem-1' });
    const { user, review } = setup(backend);
    await shown('o2');
    await user.keyboard('{ArrowLeft}');
    await shown('o1');
    expect(screen.getByTestId('current-decision')).toHaveTextContent('Décision prise : Reporter au trimestre suivant');
    expect(screen.getByTestId('current-decision')).toHaveTextContent('« Pas assez de formateurs »');
    expect(screen.getByLabelText('Commentaire')).toHaveValue('Pas assez de formateurs');
    expect(screen.getByTestId('decision-carry')).toHaveAttribute('aria-pressed', 'true');

    await user.keyboard('4');
    await user.click(screen.getByRole('button', { name: 'Changer la décision' }));
    expect(review).toHaveBeenLastCalledWith('o1', expect.objectContaining({ decision: 'close' }));
    await shown('o2');
    expect(backend.objectives.find((o) => o.id === 'o1')?.review?.decision).toBe('close');
    expect(backend.objectives.filter((o) => o.quarter === '2027-T1')).toEqual([]);
  });

  it('takes a decision back through undoReview', async () => {
    const backend = fixture();
    await backend.reviewObjective('o1', { decision: 'keep', comment: '', new_target: null, seminar_id: null });
    const { user, undo } = setup(backend);
    await shown('o2');
    await user.keyboard('{ArrowLeft}');
    await user.click(await screen.findByTestId('undo-decision'));
    expect(undo).toHaveBeenCalledWith('o1');
    expect(await screen.findByTestId('review-outcome')).toHaveTextContent('Décision annulée pour « Former 40 porte-parole ».');
    expect(screen.queryByTestId('current-decision')).toBeNull();
    expect(screen.queryByTestId('undo-decision')).toBeNull();
    expect(screen.getByTestId('review-progress')).toHaveTextContent('0 revu');
  });

  it('shows the backend\'s refusal when a decision cannot be taken back', async () => {
    const backend = fixture();
    const outcome = await backend.reviewObjective('o1', { decision: 'carry', comment: '', new_target: null, seminar_id: null });
    await backend.reviewObjective(outcome.successor!.id, { decision: 'close', comment: '', new_target: null, seminar_id: null });
    const { user } = setup(backend);
    await shown('o2');
    await user.keyboard('{ArrowLeft}');
    await user.click(await screen.findByTestId('undo-decision'));
    expect(await screen.findByTestId('review-error')).toHaveTextContent(
      'Opération refusée : the decision on "Former 40 porte-parole" was followed up in 2027-T1',
    );
    expect(screen.getByTestId('current-decision')).toBeInTheDocument();
  });

  it('leaves with Escape, asking first when a decision is being typed', async () => {
    const { user, onexit } = setup();
    await card();
    await user.keyboard('{Escape}');
    expect(onexit).toHaveBeenCalledOnce();

    await user.keyboard('5');
    await user.keyboard('{Escape}');
    expect(onexit).toHaveBeenCalledOnce();
    expect(screen.getByRole('dialog', { name: 'Quitter la revue ?' })).toBeInTheDocument();
    await user.click(screen.getByTestId('cancel-leave-review'));
    expect(screen.getByTestId('decision-drop')).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByTestId('exit-review'));
    await user.click(screen.getByTestId('confirm-leave-review'));
    expect(onexit).toHaveBeenCalledTimes(2);
  });

  it('asks for a decision before recording', async () => {
    const { user, review } = setup();
    await card();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('review-error')).toHaveTextContent('Choisissez une décision (touches 1 à 5).');
    expect(review).not.toHaveBeenCalled();
  });

  it('offers to create the quarter\'s seminar first, and files decisions under it', async () => {
    const { user, review, backend } = setup(fixture({ seminar: false }));
    const title = await screen.findByLabelText('Intitulé');
    expect(title).toHaveValue('Séminaire 2026-T4');
    await user.type(screen.getByLabelText('Lieu'), 'Die');
    await user.type(screen.getByLabelText('Début'), '2026-12-10');
    await user.click(screen.getByTestId('create-seminar'));
    await card();
    expect(backend.seminars).toMatchObject([{ title: 'Séminaire 2026-T4', place: 'Die', starts_on: '2026-12-10', quarter: '2026-T4' }]);
    expect(screen.getByTestId('review-seminar')).toHaveTextContent('Séminaire 2026-T4');

    await user.keyboard('1{Enter}');
    expect(review).toHaveBeenCalledWith('o1', expect.objectContaining({ seminar_id: backend.seminars[0]!.id }));
  });

  it('shows a seminar refusal beside its field, and can start without a seminar', async () => {
    const { user, review } = setup(fixture({ seminar: false }));
    await user.type(await screen.findByLabelText('Début'), '2026-12-10');
    await user.type(screen.getByLabelText('Fin'), '2026-12-01');
    await user.click(screen.getByTestId('create-seminar'));
    expect(await screen.findByLabelText('Fin')).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByTestId('skip-seminar'));
    await card();
    expect(screen.getByTestId('review-seminar')).toHaveTextContent('Sans séminaire');
    await user.keyboard('1{Enter}');
    expect(review).toHaveBeenCalledWith('o1', expect.objectContaining({ seminar_id: null }));
  });

  it('opens on the summary when every objective was already reviewed', async () => {
    const backend = new FakeRoadmapBackend({
      axes: [mobilisation],
      objectives: [makeObjective({ id: 'x', axis: mobilisation, title: 'Seul objectif' })],
      seminars: [makeSeminar({ id: 's', quarter: '2026-T4' })],
    });
    await backend.reviewObjective('x', { decision: 'drop', comment: '', new_target: null, seminar_id: 's' });
    const { user } = setup(backend);
    expect(await screen.findByTestId('review-summary')).toHaveTextContent('Seul objectif');
    await user.click(screen.getByTestId('revisit'));
    await shown('x');
  });

  it('lets the room choose among the quarter\'s seminars, the latest by default', async () => {
    const backend = fixture();
    backend.seminars = [...backend.seminars, makeSeminar({ id: 'sem-2', quarter: '2026-T4', title: 'Séminaire de rattrapage' })];
    const { user, review } = setup(backend);
    await card();
    const select = screen.getByLabelText('Séminaire');
    expect(select).toHaveValue('sem-2');
    await user.selectOptions(select, 'Séminaire de Die');
    await user.click(screen.getByTestId('decision-keep'));
    await user.click(screen.getByTestId('record-decision'));
    expect(review).toHaveBeenCalledWith('o1', expect.objectContaining({ seminar_id: 'sem-1' }));
  });
});
