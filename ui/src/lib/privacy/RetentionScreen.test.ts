import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePrivacyBackend, makeRow } from './fake';
import RetentionScreen from './RetentionScreen.svelte';

// The fake's today is 2026-11-26: three years back is 2023-11-26.
const rows = [
  makeRow({ id: 'p1', first_name: 'Élodie', last_name: 'Dupré', organization: 'Mères solidaires' }, '2022-03-12'),
  makeRow({ id: 'p2', first_name: 'Karim', last_name: 'Benali' }, null, '2019-01-15'),
  makeRow({ id: 'p3', first_name: 'Awa', last_name: 'Diallo' }, '2021-06-01'),
  makeRow({ id: 'p4', first_name: 'Léa', last_name: 'Rousseau' }, '2026-10-01'),
];

function setup(fake = new FakePrivacyBackend({ rows })) {
  const onopen = vi.fn();
  const user = userEvent.setup();
  const retention = vi.spyOn(fake, 'retention');
  const view = render(RetentionScreen, { props: { backend: fake, onopen } });
  return { fake, onopen, user, retention, view };
}

const names = () =>
  within(screen.getByTestId('retention-rows'))
    .getAllByRole('link')
    .map((a) => a.textContent);

afterEach(() => localStorage.clear());

describe('RetentionScreen', () => {
  it('asks for 3 years by default and lists the people to review, oldest first, with the count', async () => {
    const { retention } = setup();

    expect(screen.getByRole('heading', { name: 'Durée de conservation' })).toBeInTheDocument();
    expect(screen.getByLabelText('Sans activité depuis')).toHaveValue(3);
    expect(await screen.findByTestId('retention-count')).toHaveTextContent('3 personnes sans activité depuis plus de 3 ans');
    expect(retention).toHaveBeenCalledExactlyOnceWith(3);
    expect(names()).toEqual(['Karim Benali', 'Awa Diallo', 'Élodie Dupré']);

    const items = within(screen.getByTestId('retention-rows')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Aucune activité depuis la création le 15 janvier 2019');
    expect(items[2]).toHaveTextContent('Mères solidaires');
    expect(items[2]).toHaveTextContent('Dernière activité : 12 mars 2022');
    // Why the list exists, and what to do with it.
    expect(screen.getByText(/ne pas garder les données personnelles plus longtemps que nécessaire/)).toHaveTextContent(
      /redemandez leur consentement ou effacez-les/,
    );
  });

  it('opens a person\'s page from their name', async () => {
    const { onopen, user } = setup();
    const link = await screen.findByRole('link', { name: 'Awa Diallo' });
    expect(link).toHaveAttribute('href', '#/contacts/p3');

    await user.click(link);

    expect(onopen).toHaveBeenCalledWith('p3');
  });

  it('asks again with the years typed, and remembers them for next time', async () => {
    const { retention, user, view } = setup();
    await screen.findByTestId('retention-count');
    const years = screen.getByLabelText('Sans activité depuis');

    await user.clear(years);
    await user.type(years, '5');

    await waitFor(() => expect(retention).toHaveBeenLastCalledWith(5));
    await waitFor(() =>
      expect(screen.getByTestId('retention-count')).toHaveTextContent('2 personnes sans activité depuis plus de 5 ans'),
    );
    expect(names()).toEqual(['Karim Benali', 'Awa Diallo']);

    view.unmount();
    const again = setup();
    expect(screen.getByLabelText('Sans activité depuis')).toHaveValue(5);
    await waitFor(() => expect(again.retention).toHaveBeenCalledWith(5));
  });

  it('says what is wrong with a number of years out of 1 to 20, and does not ask', async () => {
    const { retention, user } = setup();
    await screen.findByTestId('retention-count');
    const years = screen.getByLabelText('Sans activité depuis');

    await user.clear(years);
    await user.type(years, '25');

    expect(await screen.findByText('Indiquez un nombre d\'années entre 1 et 20.')).toBeInTheDocument();
    expect(years).toHaveAttribute('aria-invalid', 'true');
    expect(years).toHaveAccessibleDescription('Indiquez un nombre d\'années entre 1 et 20.');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(retention.mock.calls.map(([y]) => y)).not.toContain(25);
    expect(localStorage.getItem('flocon.privacy.retentionYears')).not.toBe('25');
  });

  it('says when nobody needs reviewing', async () => {
    setup(new FakePrivacyBackend({ rows: [rows[3]!] }));
    expect(await screen.findByTestId('retention-empty')).toHaveTextContent(
      'Personne n\'est sans activité depuis plus de 3 ans : rien à revoir pour l\'instant.',
    );
    expect(screen.queryByTestId('retention-rows')).toBeNull();
  });

  it('shows a failed load in French with a way to retry', async () => {
    const fake = new FakePrivacyBackend({ rows });
    fake.failNext('retention', { kind: 'storage', message: 'disk I/O error' });
    const { user } = setup(fake);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'La liste n\'a pas pu être chargée : Flocon n\'arrive pas à lire ou à écrire ses données : disk I/O error',
    );
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByTestId('retention-count')).toHaveTextContent('3 personnes');
  });
});

describe('RetentionScreen, notes to reread after an erasure', () => {
  const flagged = [
    { kind: 'event', id: 'e1', title: 'Soirée des parents' },
    { kind: 'interaction', id: 'i1', title: '2026-03-02 call' },
  ];

  it('lists the flagged records with their kind in French, and opens one', async () => {
    const fake = new FakePrivacyBackend({ rows, review: flagged });
    const onopenrecord = vi.fn();
    const user = userEvent.setup();
    render(RetentionScreen, { props: { backend: fake, onopen: vi.fn(), onopenrecord } });

    const section = screen.getByRole('region', { name: 'Notes à relire après un effacement' });
    const list = await within(section).findByRole('list', { name: 'Notes à relire' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Rencontre Soirée des parents',
      'Échange 2026-03-02 call',
    ]);
    const event = within(list).getByRole('link', { name: 'Soirée des parents' });
    expect(event).toHaveAttribute('href', '#/events/e1');

    await user.click(event);
    expect(onopenrecord).toHaveBeenCalledWith('event', 'e1');
    await user.click(within(list).getByRole('button', { name: '2026-03-02 call' }));
    expect(onopenrecord).toHaveBeenLastCalledWith('interaction', 'i1');
    // The retention list is still there, as before.
    expect(await screen.findByTestId('retention-count')).toHaveTextContent('3 personnes');
  });

  it('shows the records an erasure just flagged, and says when there is nothing to reread', async () => {
    const fake = new FakePrivacyBackend({ people: [{ id: 'p9', name: 'Awa Diallo' }], mentions: { p9: [flagged[0]!] } });
    const first = render(RetentionScreen, { props: { backend: fake, onopen: vi.fn() } });
    expect(await screen.findByTestId('erasure-review-empty')).toHaveTextContent(
      'Aucune note à relire : aucun texte ne mentionne une personne effacée.',
    );
    first.unmount();

    await fake.erasePerson('p9');
    render(RetentionScreen, { props: { backend: fake, onopen: vi.fn() } });
    expect(await screen.findByTestId('erasure-review-rows')).toHaveTextContent('Soirée des parents');
  });

  it('says in French when the notes to reread could not be loaded', async () => {
    const fake = new FakePrivacyBackend({ rows });
    fake.failNext('erasureReview', { kind: 'storage', message: 'disk error' });
    render(RetentionScreen, { props: { backend: fake, onopen: vi.fn() } });
    const section = screen.getByTestId('erasure-review');
    expect(await within(section).findByRole('alert')).toHaveTextContent('Les notes à relire n\'ont pas pu être chargées');
  });
});
