import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { backendContext } from '../api/context';
import { FakeBackend } from '../api/fake';
import { makePerson } from '../api/fakeRecords';
import type { Objective } from './api';
import { CoachingStub, FakeRoadmapBackend, makeAxis, makeObjective } from './fake';
import ObjectiveEditor from './ObjectiveEditor.svelte';

const mobilisation = makeAxis('a-mob', 'Mobilisation', 0);
const formation = makeAxis('a-form', 'Formation', 1);

const records = () =>
  new FakeBackend({
    people: [
      makePerson({ id: 'p-lea', first_name: 'Léa', last_name: 'Rousseau' }),
      makePerson({ id: 'p-karim', first_name: 'Karim', last_name: 'Benali' }),
    ],
  });

const existing = makeObjective({
  id: 'o-membres',
  axis: mobilisation,
  title: '40 membres actifs',
  owners: [{ id: 'p-lea', name: 'Léa Rousseau' }],
  status: 'in_progress',
  progress: 28,
  target: 40,
  indicators: [{ name: 'Adhésions', current: 12.5, target: 20 }],
  open_actions: 1,
});

function setup(objective: Objective | null = null) {
  const user = userEvent.setup();
  const backend = new FakeRoadmapBackend({ axes: [mobilisation, formation], objectives: objective ? [objective] : [] });
  backend.names.set('p-lea', 'Léa Rousseau').set('p-karim', 'Karim Benali');
  const coaching = new CoachingStub((draft) => draft.objective_id && backend.addOpenAction(draft.objective_id));
  const props = { backend, coaching, quarter: '2026-T4', axisId: 'a-form', objective, onsaved: vi.fn(), oncancel: vi.fn(), ondeleted: vi.fn() };
  const create = vi.spyOn(backend, 'createObjective');
  const update = vi.spyOn(backend, 'updateObjective');
  render(ObjectiveEditor, { props, context: backendContext(records()) });
  return { user, create, update, ...props };
}

const fieldError = (field: string) => document.querySelector(`[data-field-error="${field}"]`);
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

async function pickOwner(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.type(screen.getByRole('combobox', { name: 'Responsables' }), text);
  const options = within(screen.getByTestId('objective-owners-options'));
  await waitFor(() => expect(options.getAllByRole('option').length).toBeGreaterThan(0));
  await user.click(options.getAllByRole('option')[0]!);
}

describe('ObjectiveEditor', () => {
  it('checks the title, a percentage without target and the indicators before asking the core', async () => {
    const { user, create } = setup();
    await user.type(input('objective-progress'), '{Control>}a{/Control}140');
    await user.click(screen.getByTestId('add-indicator'));
    await user.type(input('indicator-0-current'), 'beaucoup');
    await user.click(screen.getByTestId('save-objective'));

    expect(fieldError('title')).toHaveTextContent('Ce champ est obligatoire.');
    expect(fieldError('progress')).toHaveTextContent('Sans cible, l\'avancement est un pourcentage entre 0 et 100.');
    expect(fieldError('indicators.0.name')).toHaveTextContent('Ce champ est obligatoire.');
    expect(fieldError('indicators.0.current')).toHaveTextContent('Saisissez un nombre');
    expect(screen.getByRole('alert')).toHaveTextContent('Corrigez les champs signalés.');
    await waitFor(() => expect(input('objective-title')).toHaveFocus());
    expect(create).not.toHaveBeenCalled();
  });

  it('wants a target above 0, and then takes the progress as a count towards it', async () => {
    const { user, create } = setup();
    await user.type(input('objective-title'), 'Membres');
    await user.type(input('objective-target'), '0');
    await user.click(screen.getByTestId('save-objective'));
    expect(fieldError('target')).toHaveTextContent('La cible doit être supérieure à 0.');

    await user.clear(input('objective-target'));
    await user.type(input('objective-target'), '40');
    expect(screen.getByLabelText('Avancement (nombre atteint)')).toBe(input('objective-progress'));
    await user.clear(input('objective-progress'));
    await user.type(input('objective-progress'), '140');
    await user.click(screen.getByTestId('save-objective'));
    expect(fieldError('progress')).not.toBeInTheDocument();
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ progress: 140, target: 40 }));
  });

  it('saves a new objective with everything the user chose', async () => {
    const { user, create, onsaved } = setup();
    await waitFor(() => expect(within(input('objective-axis') as unknown as HTMLElement).getAllByRole('option')).toHaveLength(2));
    expect(input('objective-axis')).toHaveValue('a-form');
    await user.type(input('objective-title'), '  40   membres actifs ');
    await user.selectOptions(input('objective-axis') as unknown as HTMLSelectElement, 'Mobilisation');
    await pickOwner(user, 'léa');
    await user.selectOptions(input('objective-status') as unknown as HTMLSelectElement, 'En cours');
    await user.type(input('objective-target'), '40');
    await user.clear(input('objective-progress'));
    await user.type(input('objective-progress'), '28');
    await user.click(screen.getByTestId('add-indicator'));
    await user.type(input('indicator-0-name'), 'Adhésions');
    await user.type(input('indicator-0-current'), '12,5');
    await user.type(input('indicator-0-target'), '20');
    await user.type(input('objective-description'), 'Par le porte-à-porte');
    await user.click(screen.getByTestId('save-objective'));

    expect(create).toHaveBeenCalledWith({
      quarter: '2026-T4',
      axis_id: 'a-mob',
      title: '40 membres actifs',
      description: 'Par le porte-à-porte',
      owners: ['p-lea'],
      status: 'in_progress',
      progress: 28,
      target: 40,
      indicators: [{ name: 'Adhésions', current: 12.5, target: 20 }],
      organizations: [],
      engagements: [],
    });
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ title: '40 membres actifs', percent: 70 })));
  });

  it('removes an indicator row and moves the focus to the next one', async () => {
    const { user } = setup(existing);
    await user.click(screen.getByTestId('add-indicator'));
    expect(screen.getAllByTestId('indicator-row')).toHaveLength(2);
    expect(input('indicator-0-current')).toHaveValue('12,5');
    await user.click(screen.getByRole('button', { name: 'Retirer l\'indicateur 1' }));
    expect(screen.getAllByTestId('indicator-row')).toHaveLength(1);
    expect(input('indicator-0-name')).toHaveValue('');
    expect(input('indicator-0-name')).toHaveFocus();
  });

  it('shows beside its field what the core refused', async () => {
    const { user, backend } = setup(existing);
    backend.failures.updateObjective = new ApiError({ kind: 'invalid', message: 'too long', field: 'indicators.0.name', problem: { code: 'too_long', max: 200 } });
    await user.click(screen.getByTestId('save-objective'));
    expect(await screen.findByText('Ce texte est trop long : 200 caractères au plus.')).toHaveAttribute('data-field-error', 'indicators.0.name');
    await waitFor(() => expect(input('indicator-0-name')).toHaveFocus());
  });

  it('edits an existing objective in place', async () => {
    const { user, update, onsaved } = setup(existing);
    expect(input('objective-title')).toHaveValue('40 membres actifs');
    expect(input('objective-target')).toHaveValue('40');
    expect(input('objective-progress')).toHaveValue('28');
    await user.clear(input('objective-progress'));
    await user.type(input('objective-progress'), '32');
    await user.click(screen.getByTestId('save-objective'));
    expect(update).toHaveBeenCalledWith('o-membres', expect.objectContaining({ progress: 32, owners: ['p-lea'], axis_id: 'a-mob' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ percent: 80 })));
  });

  it('deletes an objective once confirmed', async () => {
    const { user, backend, ondeleted } = setup(existing);
    await user.click(screen.getByTestId('delete-objective'));
    expect(screen.getByRole('dialog', { name: 'Supprimer « 40 membres actifs » ?' })).toBeInTheDocument();
    await user.click(screen.getByTestId('confirm-delete-objective'));
    await waitFor(() => expect(ondeleted).toHaveBeenCalled());
    expect(backend.objectives).toHaveLength(0);
  });

  it('adds an action that comes from the objective and counts it', async () => {
    const { user, coaching } = setup(existing);
    expect(screen.getByTestId('objective-open-actions')).toHaveTextContent('1 action ouverte');
    await user.click(screen.getByTestId('add-action'));
    expect(fieldError('text')).toHaveTextContent('Ce champ est obligatoire.');
    expect(coaching.added).toHaveLength(0);

    await user.type(screen.getByLabelText('Action à mener'), 'Relancer les adhérents');
    await user.type(screen.getByRole('combobox', { name: 'Qui s\'en charge' }), 'karim');
    const options = within(screen.getByTestId('action-owner-options'));
    await waitFor(() => expect(options.getAllByRole('option').length).toBeGreaterThan(0));
    await user.click(options.getAllByRole('option')[0]!);
    await user.type(screen.getByLabelText('Échéance'), '2026-11-30');
    await user.click(screen.getByTestId('add-action'));

    await waitFor(() => expect(screen.getByTestId('objective-open-actions')).toHaveTextContent('2 actions ouvertes'));
    expect(coaching.added).toEqual([
      { text: 'Relancer les adhérents', owner_id: 'p-karim', due_on: '2026-11-30', session_id: null, objective_id: 'o-membres' },
    ]);
    expect(screen.getByText('Action ajoutée : Relancer les adhérents')).toBeInTheDocument();
    expect(screen.getByLabelText('Action à mener')).toHaveValue('');
  });

  it('offers no delete and no action on a new objective', () => {
    setup();
    expect(screen.queryByTestId('delete-objective')).not.toBeInTheDocument();
    expect(screen.queryByTestId('add-action')).not.toBeInTheDocument();
  });
});
