import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend } from '../api/fake';
import { makePerson } from '../api/fakeRecords';
import { CoachingStub, FakeRoadmapBackend, makeAxis, makeObjective } from './fake';
import RoadmapBoard from './RoadmapBoard.svelte';

const mobilisation = makeAxis('a-mob', 'Mobilisation', 0);
const formation = makeAxis('a-form', 'Formation', 1);
const plaidoyer = makeAxis('a-plai', 'Plaidoyer', 2);
const lea = { id: 'p-lea', name: 'Léa Rousseau' };
const karim = { id: 'p-karim', name: 'Karim Benali' };

function fixture() {
  const backend = new FakeRoadmapBackend({
    axes: [formation, mobilisation, plaidoyer],
    objectives: [
      makeObjective({
        id: 'o-membres',
        axis: mobilisation,
        title: '40 membres actifs',
        status: 'in_progress',
        owners: [lea, karim],
        progress: 28,
        target: 40,
        carried_from: { id: 'o-old', quarter: '2026-T3', title: '30 membres actifs', axis: 'Mobilisation', status: 'late', percent: 60, target: 30 },
        review: { decision: 'keep', comment: '', new_target: null, seminar_id: null, reviewed_at: '2026-12-15T10:00:00Z' },
        open_actions: 2,
      }),
      makeObjective({ id: 'o-festival', axis: mobilisation, title: 'Un festival', status: 'late', owners: [karim], progress: 10 }),
      makeObjective({ id: 'o-formation', axis: formation, title: 'Former 12 leaders', status: 'not_started', owners: [lea], progress: 0 }),
      makeObjective({ id: 'o-passe', axis: formation, quarter: '2026-T3', title: 'Ancien objectif' }),
    ],
  });
  return backend;
}

function setup(backend = fixture()) {
  const user = userEvent.setup();
  const coaching = new CoachingStub();
  const props = {
    backend,
    coaching,
    quarter: '2026-T4',
    onquarter: vi.fn(),
    onreview: vi.fn(),
    ondiff: vi.fn(),
    ontimeline: vi.fn(),
  };
  const patch = vi.spyOn(backend, 'patchObjective');
  const records = new FakeBackend({ people: [makePerson({ id: 'p-lea', first_name: 'Léa', last_name: 'Rousseau' })] });
  render(RoadmapBoard, { props, context: backendContext(records) });
  return { user, patch, ...props };
}

const column = (axis: string) => document.querySelector<HTMLElement>(`[data-testid="axis-column"][data-axis="${axis}"]`)!;
const card = (title: string) => screen.getByText(title).closest<HTMLElement>('[data-testid="objective-card"]')!;
const titlesIn = (axis: string) => within(column(axis)).queryAllByTestId('objective-title').map((b) => b.textContent?.trim());

describe('RoadmapBoard', () => {
  it('shows the quarter, its review state and every axis in order, even empty ones', async () => {
    const backend = fixture();
    backend.objectives = backend.objectives.map((o) => (o.id === 'o-festival' ? { ...o, review: { decision: 'drop', comment: '', new_target: null, seminar_id: null, reviewed_at: '2026-12-15T10:00:00Z' } } : o));
    setup(backend);
    expect(screen.getByTestId('quarter-title')).toHaveTextContent('Feuille de route 2026-T4');
    await screen.findAllByTestId('objective-card');
    expect(screen.getByTestId('review-state')).toHaveTextContent('Revue : 2 objectifs sur 3');
    const columns = screen.getAllByTestId('axis-column');
    expect(columns.map((c) => c.dataset.axis)).toEqual(['a-mob', 'a-form', 'a-plai']);
    expect(within(column('a-plai')).getByRole('heading', { name: 'Plaidoyer' })).toBeInTheDocument();
    expect(column('a-plai')).toHaveTextContent('Aucun objectif');
    expect(titlesIn('a-mob')).toEqual(['40 membres actifs', 'Un festival']);
    expect(screen.queryByText('Ancien objectif')).not.toBeInTheDocument();
  });

  it('shows on a card its status in words, owners\' initials, progress, carried quarter and decision', async () => {
    setup();
    await screen.findAllByTestId('objective-card');
    const membres = card('40 membres actifs');
    expect(membres.dataset.status).toBe('in_progress');
    expect(within(membres).getByTestId('objective-status')).toHaveTextContent('En cours');
    expect(within(membres).getByTitle('Léa Rousseau')).toHaveTextContent('LR');
    expect(within(membres).getByTitle('Karim Benali')).toHaveTextContent('KB');
    expect(within(membres).getByTestId('objective-percent')).toHaveTextContent('70 %');
    expect(within(membres).getByTestId('objective-count')).toHaveTextContent('28 / 40');
    expect(within(membres).getByRole('progressbar', { name: 'Avancement' })).toHaveAttribute('value', '70');
    expect(within(membres).getByTestId('objective-carried')).toHaveTextContent('suite de 2026-T3');
    expect(within(membres).getByTestId('objective-decision')).toHaveTextContent('Décision : Maintenu');
    expect(membres).toHaveTextContent('2 actions ouvertes');

    const festival = card('Un festival');
    expect(within(festival).getByTestId('objective-status')).toHaveTextContent('En retard');
    expect(within(festival).getByTestId('objective-percent')).toHaveTextContent('10 %');
    expect(within(festival).queryByTestId('objective-count')).not.toBeInTheDocument();
    expect(within(festival).queryByTestId('objective-carried')).not.toBeInTheDocument();
  });

  it('filters by owner and by status, offering only the owners present', async () => {
    const { user } = setup();
    await screen.findAllByTestId('objective-card');
    const owner = screen.getByLabelText('Responsable');
    expect(within(owner).getAllByRole('option').map((o) => o.textContent)).toEqual(['Toutes les personnes', 'Karim Benali', 'Léa Rousseau']);

    await user.selectOptions(owner, 'Léa Rousseau');
    expect(screen.getAllByTestId('objective-title').map((t) => t.textContent?.trim())).toEqual(['40 membres actifs', 'Former 12 leaders']);

    await user.selectOptions(screen.getByLabelText('Statut'), 'Pas commencé');
    expect(screen.getAllByTestId('objective-title').map((t) => t.textContent?.trim())).toEqual(['Former 12 leaders']);

    await user.selectOptions(owner, 'Toutes les personnes');
    await user.selectOptions(screen.getByLabelText('Statut'), 'En retard');
    expect(screen.getAllByTestId('objective-card').map((c) => c.dataset.status)).toEqual(['late']);
    // Every axis stays, so a card can still be dropped on an empty one.
    expect(screen.getAllByTestId('axis-column')).toHaveLength(3);
  });

  it('moves a focused card to the next axis with Alt+Right, announces it and keeps the focus on it', async () => {
    const { user, patch } = setup();
    await screen.findAllByTestId('objective-card');
    within(card('Un festival')).getByTestId('objective-title').focus();
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');

    expect(patch).toHaveBeenCalledWith('o-festival', { status: null, axis_id: 'a-form', progress: null });
    await waitFor(() => expect(titlesIn('a-form')).toEqual(['Former 12 leaders', 'Un festival']));
    expect(titlesIn('a-mob')).toEqual(['40 membres actifs']);
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('« Un festival » est maintenant dans l\'axe Formation.');
    await waitFor(() => expect(within(card('Un festival')).getByTestId('objective-title')).toHaveFocus());
  });

  it('changes the status with Alt+Down and says so when a card can go no further', async () => {
    const { user, patch } = setup();
    await screen.findAllByTestId('objective-card');
    within(card('Former 12 leaders')).getByTestId('objective-title').focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(patch).toHaveBeenCalledWith('o-formation', { status: 'in_progress', axis_id: null, progress: null });
    await waitFor(() => expect(card('Former 12 leaders').dataset.status).toBe('in_progress'));
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('« Former 12 leaders » passe au statut « En cours ».');

    await waitFor(() => expect(within(card('Former 12 leaders')).getByTestId('objective-title')).toHaveFocus());

    // Mobilisation is the first axis: nothing on its left.
    within(card('40 membres actifs')).getByTestId('objective-title').focus();
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(patch).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('« 40 membres actifs » ne peut pas aller plus loin dans ce sens.');
  });

  it('moves a card dropped on another column', async () => {
    const { patch } = setup();
    await screen.findAllByTestId('objective-card');
    await fireEvent.dragStart(card('40 membres actifs'));
    await fireEvent.dragOver(column('a-plai'));
    await fireEvent.drop(column('a-plai'));
    expect(patch).toHaveBeenCalledWith('o-membres', { status: null, axis_id: 'a-plai', progress: null });
    await waitFor(() => expect(titlesIn('a-plai')).toEqual(['40 membres actifs']));
  });

  it('changes the status of a card dropped on a status zone, shown while dragging', async () => {
    const { patch } = setup();
    await screen.findAllByTestId('objective-card');
    expect(screen.queryByTestId('status-zone')).not.toBeInTheDocument();
    await fireEvent.dragStart(card('Un festival'));
    const achieved = screen.getAllByTestId('status-zone').find((z) => z.dataset.status === 'achieved')!;
    expect(achieved).toHaveTextContent('Passer en « Atteint »');
    await fireEvent.drop(achieved);
    expect(patch).toHaveBeenCalledWith('o-festival', { status: 'achieved', axis_id: null, progress: null });
    await waitFor(() => expect(card('Un festival').dataset.status).toBe('achieved'));
    expect(screen.queryByTestId('status-zone')).not.toBeInTheDocument();
  });

  it('moves a card through its "Déplacer…" selects', async () => {
    const { user, patch } = setup();
    await screen.findAllByTestId('objective-card');
    const festival = card('Un festival');
    await user.click(within(festival).getByRole('button', { name: 'Déplacer « Un festival »' }));
    await user.selectOptions(within(festival).getByLabelText('Axe'), 'Plaidoyer');
    expect(patch).toHaveBeenCalledWith('o-festival', { status: null, axis_id: 'a-plai', progress: null });
    await waitFor(() => expect(titlesIn('a-plai')).toEqual(['Un festival']));
  });

  it('shows why a move was refused and leaves the card where it was', async () => {
    const backend = fixture();
    backend.failures.patchObjective = new (await import('../api')).ApiError({ kind: 'storage', message: 'disque plein', field: null, problem: null });
    const { user } = setup(backend);
    await screen.findAllByTestId('objective-card');
    within(card('Un festival')).getByTestId('objective-title').focus();
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    expect(await screen.findByRole('alert')).toHaveTextContent('« Un festival » n\'a pas pu être modifié.');
    expect(titlesIn('a-mob')).toEqual(['40 membres actifs', 'Un festival']);
  });

  it('sends the header buttons to the review, the diff, the timeline and the neighbouring quarters', async () => {
    const { user, onreview, ondiff, ontimeline, onquarter } = setup();
    await screen.findAllByTestId('objective-card');
    await user.click(screen.getByTestId('start-review'));
    expect(onreview).toHaveBeenCalledWith('2026-T4');
    await user.click(screen.getByTestId('open-diff'));
    expect(ondiff).toHaveBeenCalledWith('2026-T3', '2026-T4');
    await user.click(screen.getByRole('button', { name: 'Chronologie' }));
    expect(ontimeline).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Trimestre suivant (2027-T1)' }));
    expect(onquarter).toHaveBeenCalledWith('2027-T1');
    await user.click(screen.getByRole('button', { name: 'Trimestre précédent (2026-T3)' }));
    expect(onquarter).toHaveBeenLastCalledWith('2026-T3');
  });

  it('exports the quarter and shows where the file went', async () => {
    const { user } = setup();
    await screen.findAllByTestId('objective-card');
    await user.click(screen.getByRole('button', { name: 'Imprimable (HTML)' }));
    expect(await screen.findByTestId('export-saved')).toHaveTextContent('Fichier enregistré : /home/lea/Téléchargements/feuille-de-route-2026-T4.html');
  });

  it('says when the quarter is closed', async () => {
    const backend = fixture();
    backend.states.set('2026-T4', 'closed');
    setup(backend);
    expect(await screen.findByTestId('review-state')).toHaveTextContent('Trimestre clos');
  });

  it('creates an objective from a column and shows it there', async () => {
    const { user } = setup();
    await screen.findAllByTestId('objective-card');
    await user.click(within(column('a-plai')).getByTestId('new-objective'));
    const editor = await screen.findByTestId('objective-editor');
    expect(within(editor).getByLabelText('Axe')).toHaveValue('a-plai');
    await user.type(within(editor).getByLabelText('Intitulé'), 'Une tribune dans la presse');
    await user.click(within(editor).getByTestId('save-objective'));
    await waitFor(() => expect(titlesIn('a-plai')).toEqual(['Une tribune dans la presse']));
    expect(screen.queryByTestId('objective-editor')).not.toBeInTheDocument();
    expect(screen.getByTestId('review-state')).toHaveTextContent('Revue : 1 objectif sur 4');
  });

  it('opens a card in the editor when its title is clicked', async () => {
    const { user } = setup();
    await screen.findAllByTestId('objective-card');
    await user.click(within(card('Un festival')).getByTestId('objective-title'));
    const editor = await screen.findByTestId('objective-editor');
    expect(within(editor).getByLabelText('Intitulé')).toHaveValue('Un festival');
    await user.click(within(editor).getByTestId('cancel-objective'));
    await waitFor(() => expect(screen.queryByTestId('objective-editor')).not.toBeInTheDocument());
    await waitFor(() => expect(within(card('Un festival')).getByTestId('objective-title')).toHaveFocus());
  });
});
