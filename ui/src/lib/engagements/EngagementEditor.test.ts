import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { backendContext } from '../api/context';
import { FakeBackend } from '../api/fake';
import { makeOrg, makePerson } from '../api/fakeRecords';
import EngagementEditor from './EngagementEditor.svelte';
import { FakeCoachingBackend, makeEngagement } from './fake';

const records = () =>
  new FakeBackend({
    people: [makePerson({ id: 'p-lea', first_name: 'Léa', last_name: 'Rousseau' })],
    orgs: [
      makeOrg({ id: 'o-climat', name: 'Climat Quartiers', kind: 'collective' }),
      makeOrg({ id: 'o-fond', name: 'Fondation Horizons', kind: 'foundation' }),
    ],
  });

function setup(backend = new FakeCoachingBackend(), id: string | null = null) {
  const user = userEvent.setup();
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  const create = vi.spyOn(backend, 'createEngagement');
  const update = vi.spyOn(backend, 'updateEngagement');
  render(EngagementEditor, { props: { backend, id, onsaved, oncancel }, context: backendContext(records()) });
  return { backend, user, onsaved, oncancel, create, update };
}

const fieldError = (field: string) => document.querySelector(`[data-field-error="${field}"]`);

async function pick(user: ReturnType<typeof userEvent.setup>, label: string, text: string, optionsTestId: string) {
  await user.type(screen.getByRole('combobox', { name: label }), text);
  const options = within(screen.getByTestId(optionsTestId));
  await waitFor(() => expect(options.getAllByRole('option').length).toBeGreaterThan(0));
  await user.click(options.getAllByRole('option')[0]!);
}

describe('EngagementEditor', () => {
  it('checks the title, the collectives and the dates before asking the core', async () => {
    const { user, create } = setup();
    await user.type(screen.getByLabelText('Début'), '2026-09-01');
    await user.type(screen.getByLabelText('Fin'), '2026-06-30');
    await user.click(screen.getByTestId('save-engagement'));

    expect(fieldError('title')).toHaveTextContent('Ce champ est obligatoire.');
    expect(fieldError('organizations')).toHaveTextContent('Choisissez au moins un collectif.');
    expect(fieldError('ends_on')).toHaveTextContent('La date de fin précède la date de début.');
    expect(screen.getByRole('alert')).toHaveTextContent('Corrigez les champs signalés.');
    await waitFor(() => expect(screen.getByLabelText('Intitulé')).toHaveFocus());
    expect(create).not.toHaveBeenCalled();
  });

  it('saves a new engagement with everything the user chose', async () => {
    const { user, create, onsaved } = setup();
    await user.type(screen.getByLabelText('Intitulé'), '  Climat   2026 ');
    await pick(user, 'Collectifs accompagnés', 'climat', 'engagement-organizations-options');
    await user.click(screen.getByRole('checkbox', { name: 'Coaching d\'équipe' }));
    await user.click(screen.getByRole('checkbox', { name: 'Accompagnement de crise' }));
    await user.selectOptions(screen.getByLabelText('Statut'), 'En préparation');
    await user.type(screen.getByLabelText('Début'), '2026-09-01');
    await user.type(screen.getByLabelText('Fin'), '2027-06-30');
    await user.type(screen.getByLabelText('Rythme'), 'bilatérale mensuelle');
    await pick(user, 'Financeur ou partenaire', 'horizons', 'engagement-funder-options');
    await pick(user, 'Suivi par', 'léa', 'engagement-leads-options');
    await user.type(screen.getByLabelText('Objectifs'), '- [[ ] Une équipe de 5');
    expect(screen.getByText(/« - \[ \] objectif »/)).toBeInTheDocument();

    await user.click(screen.getByTestId('save-engagement'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({
      title: 'Climat 2026',
      organizations: ['o-climat'],
      kinds: ['team_coaching', 'crisis'],
      goals: '- [ ] Une équipe de 5',
      starts_on: '2026-09-01',
      ends_on: '2027-06-30',
      cadence: 'bilatérale mensuelle',
      funder_id: 'o-fond',
      status: 'preparing',
      leads: ['p-lea'],
    });
    expect(onsaved.mock.calls[0]![0]).toMatchObject({ title: 'Climat 2026' });
  });

  it('loads the engagement to edit and saves the changes', async () => {
    const backend = new FakeCoachingBackend({
      engagements: [
        makeEngagement({
          id: 'e1',
          title: 'Climat 2026',
          organizations: [{ id: 'o-climat', name: 'Climat Quartiers' }],
          kinds: ['media'],
          funder: { id: 'o-fond', name: 'Fondation Horizons' },
          status: 'active',
        }),
      ],
    });
    const { user, update, onsaved } = setup(backend, 'e1');
    const title = await screen.findByLabelText('Intitulé');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Modifier « Climat 2026 »');
    expect(title).toHaveValue('Climat 2026');
    expect(screen.getByRole('list', { name: 'Collectifs accompagnés' })).toHaveTextContent('Climat Quartiers');
    expect(screen.getByRole('checkbox', { name: 'Mise en lumière médiatique' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Financeur ou partenaire' })).toHaveValue('Fondation Horizons');

    await user.selectOptions(screen.getByLabelText('Statut'), 'Suspendu');
    await user.click(screen.getByTestId('save-engagement'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(update).toHaveBeenCalledWith('e1', expect.objectContaining({ status: 'suspended', organizations: ['o-climat'], funder_id: 'o-fond' }));
  });

  it('shows what the core refuses beside the field it names', async () => {
    const backend = new FakeCoachingBackend();
    backend.failures.createEngagement = new ApiError({
      kind: 'invalid',
      message: 'cadence too long',
      field: 'cadence',
      problem: { code: 'too_long', max: 200 },
    });
    const { user } = setup(backend);
    await user.type(screen.getByLabelText('Intitulé'), 'Climat');
    await pick(user, 'Collectifs accompagnés', 'climat', 'engagement-organizations-options');
    await user.click(screen.getByTestId('save-engagement'));
    await waitFor(() => expect(fieldError('cadence')).toHaveTextContent('Ce texte est trop long : 200 caractères au plus.'));
    await waitFor(() => expect(screen.getByLabelText('Rythme')).toHaveFocus());
  });

  it('cancels with its button and with Escape', async () => {
    const { user, oncancel } = setup();
    await user.click(screen.getByTestId('cancel-engagement'));
    await user.click(screen.getByLabelText('Intitulé'));
    await user.keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledTimes(2);
  });
});
