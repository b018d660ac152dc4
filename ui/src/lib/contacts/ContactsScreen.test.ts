import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NO_PERSON_FILTER } from '../api';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import ContactsScreen from './ContactsScreen.svelte';

const people = [
  makePerson({
    id: 'p1',
    first_name: 'Élodie',
    last_name: 'Dupré',
    emails: [{ label: 'travail', value: 'elodie@example.org' }],
    organization: 'Mères solidaires',
    sectors: ['collective'],
    tags: ['école', 'mères'],
  }),
  makePerson({ id: 'p2', first_name: 'Karim', last_name: 'Benali', sectors: ['philanthropy'] }),
  makePerson({ id: 'p3', first_name: 'Awa', last_name: 'Diallo' }),
];

function setup(fake = new FakeBackend(people)) {
  const onopen = vi.fn();
  const oncreate = vi.fn();
  const user = userEvent.setup();
  const list = vi.spyOn(fake, 'listContacts');
  render(ContactsScreen, { props: { onopen, oncreate }, context: backendContext(fake) });
  return { fake, list, onopen, oncreate, user };
}

async function loadedList() {
  const list = screen.getByTestId('contact-list');
  await waitFor(() => expect(list).toHaveAttribute('data-loaded', 'true'));
  return list;
}

describe('ContactsScreen', () => {
  it('lists the people the backend returns, sorted, with name, organisation, sector, email and tags', async () => {
    setup();
    await loadedList();

    const rows = screen.getAllByTestId('contact-row');
    expect(rows.map((r) => within(r).getByText(/Benali|Diallo|Dupré/).textContent)).toEqual([
      'Karim Benali',
      'Awa Diallo',
      'Élodie Dupré',
    ]);
    const elodie = rows[2]!;
    expect(elodie).toHaveTextContent('Mères solidaires · Collectif');
    expect(elodie).toHaveTextContent('elodie@example.org');
    expect(elodie).toHaveTextContent('école');
    expect(elodie).toHaveTextContent('ÉD');
    expect(screen.getByRole('status')).toHaveTextContent('3 contacts');
  });

  it('searches as the user types, once the typing pauses', async () => {
    const { list, user } = setup();
    await loadedList();
    expect(list).toHaveBeenCalledWith({ ...NO_PERSON_FILTER, sort: 'name', limit: 200 });

    await user.type(screen.getByLabelText('Rechercher un contact'), 'dupre');

    expect(screen.getByTestId('contact-list')).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ ...NO_PERSON_FILTER, sort: 'name', text: 'dupre', limit: 200 }));
    // One call for the whole word, not one per keystroke.
    expect(list.mock.calls.filter(([query]) => query.text !== null)).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('contact-list')).toHaveAttribute('data-query', 'dupre'));
    expect(screen.getByTestId('contact-list')).toHaveAttribute('aria-busy', 'false');
    expect(screen.getAllByTestId('contact-row')).toHaveLength(1);
    expect(screen.getByTestId('contact-row')).toHaveTextContent('Élodie Dupré');
  });

  it('lists the most recently added first when asked, and keeps that order when filters are cleared', async () => {
    const { list, user } = setup();
    await loadedList();
    await user.selectOptions(screen.getByLabelText('Ordre de la liste'), 'recently_added');
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({ ...NO_PERSON_FILTER, sort: 'recently_added', limit: 200 }),
    );
    await user.selectOptions(screen.getByLabelText('Secteur'), 'collective');
    await user.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({ ...NO_PERSON_FILTER, sort: 'recently_added', limit: 200 }),
    );
  });

  it('filters by legal basis, « Non renseignée » finding the people without one', async () => {
    const fake = new FakeBackend([{ ...people[0]!, legal_basis: 'consent' }, people[1]!, { ...people[2]!, legal_basis: 'contract' }]);
    const { list, user } = setup(fake);
    await loadedList();

    const filter = screen.getByLabelText('Base légale');
    expect(Array.from(filter.querySelectorAll('option')).map((o) => o.textContent?.trim())).toEqual([
      'Toutes les bases légales',
      'Consentement',
      'Intérêt légitime',
      'Contrat',
      'Obligation légale',
      'Non renseignée',
    ]);
    await user.selectOptions(filter, 'Non renseignée');
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({ ...NO_PERSON_FILTER, sort: 'name', legal_basis: 'none', limit: 200 }),
    );
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(1));
    expect(screen.getByTestId('contact-row')).toHaveTextContent('Karim Benali');

    await user.selectOptions(filter, 'Consentement');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ legal_basis: 'consent' })));
    await waitFor(() => expect(screen.getByTestId('contact-row')).toHaveTextContent('Élodie Dupré'));

    await user.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ ...NO_PERSON_FILTER, sort: 'name', limit: 200 }));
  });

  it('shows only the people a team member holds, once that member is picked', async () => {
    const { list, user } = setup();
    await loadedList();
    const all = await list.mock.results[0]?.value;
    const holder = all?.[0];
    expect(holder).toBeDefined();
    await user.type(screen.getByRole('combobox', { name: 'Personne référente' }), holder.last_name.slice(0, 4));
    await user.click(await screen.findByRole('option', { name: new RegExp(holder.last_name) }));
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith(
        expect.objectContaining({ point_person_id: holder.id, after: null }),
      ),
    );
  });

  it('invites to create the first contact when there are none', async () => {
    const { oncreate, user } = setup(new FakeBackend([]));
    const list = await loadedList();

    expect(within(list).getByRole('heading')).toHaveTextContent('Aucun contact pour l\'instant');
    expect(screen.queryByTestId('contact-row')).toBeNull();
    await user.click(within(list).getByRole('button', { name: 'Créer le premier contact' }));
    expect(oncreate).toHaveBeenCalledOnce();
  });

  it('says when a search matches nobody, and can clear it', async () => {
    const { user } = setup();
    const list = await loadedList();

    await user.type(screen.getByTestId('contact-filter'), 'zzz');
    await waitFor(() =>
      expect(within(list).getByRole('heading')).toHaveTextContent('Aucun contact ne correspond à « zzz »'),
    );

    await user.click(screen.getByRole('button', { name: 'Effacer la recherche' }));
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(3));
    expect(screen.getByTestId('contact-filter')).toHaveValue('');
  });

  it('moves through rows with the arrow keys and opens one with Enter', async () => {
    const { onopen, user } = setup();
    await loadedList();
    const rows = screen.getAllByTestId('contact-row');

    await user.click(screen.getByTestId('contact-filter'));
    await user.keyboard('{ArrowDown}');
    expect(rows[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(rows[2]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(rows[1]).toHaveFocus();
    // Only the current row is in the tab order.
    expect(rows.map((r) => r.getAttribute('tabindex'))).toEqual(['-1', '0', '-1']);

    await user.keyboard('{Enter}');
    expect(onopen).toHaveBeenCalledWith('p3');
  });

  it('opens a contact on click, and creates one with the button', async () => {
    const { onopen, oncreate, user } = setup();
    await loadedList();

    await user.click(screen.getAllByTestId('contact-row')[2]!);
    expect(onopen).toHaveBeenCalledWith('p1');
    await user.click(screen.getByTestId('new-contact'));
    expect(oncreate).toHaveBeenCalledOnce();
  });

  it('shows a failed load in French with a way to retry', async () => {
    const fake = new FakeBackend(people);
    fake.failNext('listContacts', { kind: 'database_too_new', message: 'schema 9' });
    const { user } = setup(fake);
    const list = await loadedList();

    expect(within(list).getByRole('alert')).toHaveTextContent('version plus récente de Flocon');
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(3));
  });
});
