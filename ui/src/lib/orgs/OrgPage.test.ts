import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg, makePerson } from '../api/fake';
import OrgPage from './OrgPage.svelte';

function setup() {
  const fake = new FakeBackend({
    people: [
      makePerson({ id: 'p1', first_name: 'Élodie', last_name: 'Dupré' }),
      makePerson({ id: 'p2', first_name: 'Aïcha', last_name: 'Benali' }),
      makePerson({ id: 'p3', first_name: 'Awa', last_name: 'Diallo' }),
      makePerson({ id: 'lea', first_name: 'Léa', last_name: 'Rousseau' }),
    ],
    orgs: [
      makeOrg({
        id: 'o1',
        name: 'Mères solidaires',
        status: 'supported',
        point_person_id: 'lea',
        description: 'Ligne 1\n<b>Ligne 2</b>',
      }),
    ],
    memberships: [
      { id: 'm1', person_id: 'p2', organization_id: 'o1', role: 'Trésorière', since: null, until: '2020-01-31', leadership: false },
      { id: 'm2', person_id: 'p3', organization_id: 'o1', role: 'Membre', since: null, until: null, leadership: false },
      { id: 'm3', person_id: 'p1', organization_id: 'o1', role: 'Porte-parole', since: '2025-03-01', until: null, leadership: true },
    ],
    teams: [
      { id: 't1', organization_id: 'o1', parent_id: null, name: 'Coordination', members: [{ person_id: 'p1', role: 'coordinatrice' }] },
      { id: 't2', organization_id: 'o1', parent_id: 't1', name: 'Équipe école', members: [] },
    ],
  });
  const user = userEvent.setup();
  const props = { id: 'o1', onedit: vi.fn(), ondeleted: vi.fn(), onback: vi.fn() };
  const view = render(OrgPage, { props, context: backendContext(fake) });
  return { fake, user, props, view };
}

describe('OrgPage', () => {
  it('shows the badges, point person, members (leadership first, past members last) and the description as text', async () => {
    const { view } = setup();
    expect(await screen.findByTestId('org-name')).toHaveTextContent('Mères solidaires');
    expect(screen.getByTestId('org-kind')).toHaveTextContent('Collectif');
    expect(screen.getByTestId('org-status')).toHaveTextContent('Accompagné');
    expect(screen.getByRole('link', { name: 'Léa Rousseau' })).toBeInTheDocument();

    const rows = screen.getAllByTestId('member-row');
    expect(rows.map((r) => r.querySelector('a')?.textContent)).toEqual(['Élodie Dupré', 'Awa Diallo', 'Aïcha Benali']);
    expect(rows[0]).toHaveTextContent('Équipe de leadership');
    expect(rows[2]).toHaveClass('past');
    expect(rows[2]).toHaveTextContent('Ancien·ne membre');
    expect(screen.getByTestId('org-description').textContent).toBe('Ligne 1\n<b>Ligne 2</b>');
    expect(view.container.querySelector('b')).toBeNull();
  });

  it('draws the teams tree with sub-teams inside their parent, and members with roles', async () => {
    setup();
    await screen.findByTestId('org-name');
    const teams = screen.getAllByTestId('team');
    expect(teams).toHaveLength(2);
    const [root, child] = teams;
    expect(within(root!).getByRole('heading', { name: 'Coordination' })).toBeInTheDocument();
    expect(root).toContainElement(child!);
    expect(within(root!).getAllByTestId('team-member')[0]).toHaveTextContent('Élodie Dupré coordinatrice');
    expect(within(child!).getByText('Pas encore de membres.')).toBeInTheDocument();
  });

  it('adds a sub-team and a member to a team', async () => {
    const { fake, user } = setup();
    await screen.findByTestId('org-name');
    const addTeam = vi.spyOn(fake, 'addTeam');
    const setMember = vi.spyOn(fake, 'setTeamMember');

    await user.click(screen.getByTestId('add-team'));
    await user.type(screen.getByLabelText('Nom de l\'équipe'), 'Équipe média');
    await user.selectOptions(screen.getByLabelText('Dans l\'équipe'), '— Équipe école');
    await user.click(screen.getByTestId('save-team'));
    await waitFor(() => expect(addTeam).toHaveBeenCalledWith('o1', 't2', 'Équipe média'));
    await waitFor(() => expect(screen.getAllByTestId('team')).toHaveLength(3));

    await user.click(screen.getByRole('button', { name: 'Ajouter un membre à Équipe école' }));
    await user.type(screen.getByRole('combobox', { name: 'Personne' }), 'awa');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Personne' })).toHaveAttribute('aria-activedescendant'));
    await user.keyboard('{Enter}');
    await user.type(screen.getByLabelText('Rôle dans l\'équipe'), 'référente');
    await user.click(screen.getByTestId('save-team-member'));

    await waitFor(() => expect(setMember).toHaveBeenCalledWith('t2', 'p3', 'référente'));
    await waitFor(() => expect(screen.getAllByTestId('team-member').map((m) => m.textContent)).toContain('Awa Diallo référente'));
  });

  it('adds a member through the membership form with a person picker', async () => {
    const { user } = setup();
    await screen.findByTestId('org-name');
    await user.click(screen.getByTestId('add-member'));
    await user.type(screen.getByRole('combobox', { name: 'Personne' }), 'lea');
    await waitFor(() => expect(screen.getByTestId('membership-person-options')).toHaveTextContent('Léa Rousseau'));
    await user.keyboard('{Enter}');
    await user.click(screen.getByTestId('save-membership'));

    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(4));
  });

  it('deletes after confirmation', async () => {
    const { user, props, fake } = setup();
    await screen.findByTestId('org-name');
    await user.click(screen.getByTestId('delete-org'));
    await user.click(screen.getByTestId('confirm-delete-org'));
    await waitFor(() => expect(props.ondeleted).toHaveBeenCalledWith('Mères solidaires'));
    expect(fake.orgs).toHaveLength(0);
  });
});
