import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { FakeBackend, makeOrg, makePerson } from './lib/api/fake';
import { FakeCohortsBackend } from './lib/cohorts/fake';
import { FakeEventsBackend } from './lib/events/fake';
import { FakeReportBackend } from './lib/report/fake';
import { reloadLocale } from './lib/i18n';
import { router } from './lib/router/router.svelte';
import { coachingScreens, contactScreens, eventScreens, roadmapScreens, safetyScreens, syncScreens } from './lib/shell/screens';

// The screens load by part when first opened; under Vitest the first load also compiles them,
// which on a busy machine takes longer than a test waits for a screen. Load them once first:
// these tests are about routing, not about how fast modules compile.
beforeAll(async () => {
  await Promise.all([contactScreens(), coachingScreens(), roadmapScreens(), eventScreens(), syncScreens(), safetyScreens()]);
}, 60_000);

beforeEach(() => router.go({ name: 'contacts' }));
afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

function setup(fake = new FakeBackend()) {
  const user = userEvent.setup();
  const view = render(App, { props: { backend: fake } });
  return { fake, user, view };
}

async function listLoaded() {
  await waitFor(() => expect(screen.getByTestId('contact-list')).toHaveAttribute('data-loaded', 'true'));
}

describe('App', () => {
  it('opens on the contacts screen, marked as the current page', async () => {
    const { view } = setup();
    await listLoaded();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Contacts');
    expect(view.container.querySelector('a[data-nav="contacts"]')).toHaveAttribute('aria-current', 'page');
  });

  it('opens the events, their cohorts and the activity report from the sidebar', async () => {
    const user = userEvent.setup();
    const view = render(App, {
      props: {
        backend: new FakeBackend(),
        eventsBackend: new FakeEventsBackend(),
        cohortsBackend: new FakeCohortsBackend(),
        reportBackend: new FakeReportBackend(),
      },
    });
    await user.click(view.container.querySelector('a[data-nav="events"]')!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Rencontres' })).toBeInTheDocument();
    expect(view.container.querySelector('a[data-nav="events"]')).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('link', { name: 'Cohortes de formation' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cohortes' })).toBeInTheDocument();
    await user.click(view.container.querySelector('a[data-nav="report"]')!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Rapport d\'activité' })).toBeInTheDocument();
  });

  it('switches to English, updates <html lang>, and remembers the choice', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByTestId('language-switch'), 'en');

    expect(screen.getByTestId('new-contact')).toHaveTextContent('New contact');
    expect(screen.getByRole('link', { name: 'Sessions' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('flocon.locale')).toBe('en');
  });

  it('creates, shows, edits and deletes a contact', async () => {
    const { fake, user, view } = setup(
      new FakeBackend([makePerson({ id: 'other', first_name: 'Awa', last_name: 'Diallo' })]),
    );
    const input = (id: string) => view.container.querySelector<HTMLInputElement>(`#${id}`)!;
    await listLoaded();

    await user.click(screen.getByTestId('new-contact'));
    await user.type(input('first_name'), 'Élodie');
    await user.type(input('last_name'), 'Dupré');
    await user.type(input('email-0'), 'elodie@example.org');
    await user.click(screen.getByTestId('save-contact'));

    expect(await screen.findByTestId('contact-name')).toHaveTextContent('Élodie Dupré');

    await user.click(screen.getByTestId('edit-contact'));
    await user.type(input('organization'), 'Mères solidaires');
    await user.click(screen.getByTestId('save-contact'));
    await waitFor(() => expect(screen.getByText('Mères solidaires')).toBeInTheDocument());

    await user.click(screen.getByTestId('delete-contact'));
    await user.click(screen.getByTestId('confirm-delete'));

    await listLoaded();
    expect(await screen.findByText('Élodie Dupré a été supprimé.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(1));
    expect(fake.people.map((p) => p.id)).toEqual(['other']);
  });

  it('goes back to the contact page when editing is cancelled', async () => {
    const { user } = setup(new FakeBackend([makePerson({ id: 'p1', first_name: 'Awa', last_name: 'Diallo' })]));
    await listLoaded();
    await user.click(await screen.findByTestId('contact-row'));
    await user.click(await screen.findByTestId('edit-contact'));
    await user.click(await screen.findByTestId('cancel-edit'));
    expect(await screen.findByTestId('contact-name')).toHaveTextContent('Awa Diallo');
  });

  it('opens the collectives screen from the sidebar', async () => {
    const { user, view } = setup(new FakeBackend({ orgs: [makeOrg({ id: 'o1', name: 'Climat Quartiers' })] }));
    await user.click(view.container.querySelector('a[data-nav="collectives"]')!);

    await waitFor(() => expect(screen.getByTestId('org-list')).toHaveAttribute('data-loaded', 'true'));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Collectifs');
    expect(view.container.querySelector('a[data-nav="collectives"]')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('org-row')).toHaveTextContent('Climat Quartiers');
  });

  it('opens the search palette from the sidebar button and goes to a hit', async () => {
    const { user } = setup(new FakeBackend([makePerson({ id: 'p1', first_name: 'Élodie', last_name: 'Dupré' })]));
    await listLoaded();
    await user.click(screen.getByTestId('open-search'));

    expect(screen.getByTestId('search-palette')).toHaveAttribute('open');
    await user.type(screen.getByTestId('search-input'), 'elo');
    await screen.findByTestId('search-hit');
    await user.keyboard('{Enter}');

    expect(await screen.findByTestId('contact-name')).toHaveTextContent('Élodie Dupré');
    expect(screen.getByTestId('search-palette')).not.toHaveAttribute('open');
  });
});
