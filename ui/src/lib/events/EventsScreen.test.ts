import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import type { AttendanceEntry, PersonRef } from './api';
import EventsScreen from './EventsScreen.svelte';
import { entry, FakeEventsBackend, makeEvent, makeSeries } from './fake';

// The user is in Paris: 19:00 on 12 June is 17:00 UTC (summer time), and the month's bounds
// are Paris midnights.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeAll(() => {
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});
afterEach(() => localStorage.clear());

// Wednesday 10 June 2026, morning, local time.
const NOW = new Date(2026, 5, 10, 9, 0);

const gagner = makeSeries('series-gagner', '#GagnerEnsemble');
const soiree = makeSeries('series-soiree', 'Soirée de la communauté');

function crowd(count: number, status: AttendanceEntry['status'], prefix: string): AttendanceEntry[] {
  return Array.from({ length: count }, (_, i): AttendanceEntry => {
    const person: PersonRef = { id: `${prefix}-${i}`, name: `${prefix} ${String(i).padStart(2, '0')}` };
    return entry(person, status);
  });
}

function fixture() {
  return new FakeEventsBackend({
    series: [gagner, soiree],
    events: [
      makeEvent({
        id: 'ev-juin',
        title: 'Soirée de la communauté de juin',
        series: { id: soiree.id, name: soiree.name },
        starts_at: '2026-06-12T17:00:00Z',
        ends_at: '2026-06-12T19:30:00Z',
        place: 'Maison des associations, Montreuil',
        attendance: [...crowd(39, 'present', 'Présente'), ...crowd(50, 'registered', 'Inscrite')],
        unnamed_count: 3,
      }),
      makeEvent({
        id: 'ev-mai',
        title: 'Atelier : mener une campagne locale',
        series: { id: gagner.id, name: gagner.name },
        starts_at: '2026-05-20T16:30:00Z',
        place: 'https://visio.example.org/gagner',
      }),
      makeEvent({ id: 'ev-juin-matin', title: 'Petit-déjeuner des partenaires', starts_at: '2026-06-12T06:30:00Z' }),
      makeEvent({ id: 'ev-juillet', title: 'Pique-nique de l\'été', starts_at: '2026-07-04T10:00:00Z' }),
      // Either side of local midnight on 30 June: 23:30 is still June in Paris; 00:30 is July
      // there, though still 30 June in UTC.
      makeEvent({ id: 'ev-fin-juin', title: 'Veillée de fin juin', starts_at: '2026-06-30T21:30:00Z' }),
      makeEvent({ id: 'ev-nuit', title: 'Nuit des solidarités', starts_at: '2026-06-30T22:30:00Z' }),
    ],
  });
}

function setup(backend = fixture()) {
  const user = userEvent.setup();
  const props = { backend, onopenevent: vi.fn(), onnewevent: vi.fn(), now: NOW };
  const list = vi.spyOn(backend, 'listEvents');
  const view = render(EventsScreen, { props });
  return { user, list, view, ...props };
}

describe('EventsScreen', () => {
  it('lists the events newest first with their series, local time, place and attendance', async () => {
    const { list } = setup();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Rencontres');
    const rows = within(await screen.findByTestId('events-list')).getAllByTestId('event-row');
    expect(list).toHaveBeenCalledWith({});
    expect(rows.map((r) => within(r).getByRole('link').textContent?.trim())).toEqual([
      'Pique-nique de l\'été',
      'Nuit des solidarités',
      'Veillée de fin juin',
      'Soirée de la communauté de juin',
      'Petit-déjeuner des partenaires',
      'Atelier : mener une campagne locale',
    ]);
    const juin = rows[3]!;
    expect(juin).toHaveTextContent('Soirée de la communauté');
    expect(juin).toHaveTextContent('Vendredi 12 juin 2026, 19:00 – 21:30');
    expect(juin).toHaveTextContent('Lieu : Maison des associations, Montreuil');
    // Present counts the 3 people whose names were not taken.
    expect(juin).toHaveTextContent('42 présents · 50 inscrits');
    expect(rows[5]).toHaveTextContent('Mercredi 20 mai 2026, 18:30');
    // Nobody counted yet: no "0 présent" noise.
    expect(rows[5]).not.toHaveTextContent('présent');
  });

  it('filters by series', async () => {
    const { user, list } = setup();
    await screen.findByTestId('events-list');
    const select = screen.getByRole('combobox', { name: 'Série' });
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Toutes les séries',
      '#GagnerEnsemble',
      'Soirée de la communauté',
    ]));
    await user.selectOptions(select, '#GagnerEnsemble');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ series_id: 'series-gagner' }));
    await waitFor(() => expect(screen.getAllByTestId('event-row')).toHaveLength(1));
    expect(screen.getByTestId('event-row')).toHaveTextContent('Atelier : mener une campagne locale');
  });

  it('says when a series has no event yet', async () => {
    const backend = fixture();
    backend.series.push(makeSeries('series-codev', 'Co-développement'));
    const { user } = setup(backend);
    await screen.findByTestId('events-list');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Co-développement' })).toBeInTheDocument());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Série' }), 'Co-développement');
    expect(await screen.findByText('Aucune rencontre dans la série « Co-développement ».')).toBeInTheDocument();
  });

  it('opens an event and starts a new one', async () => {
    const { user, onopenevent, onnewevent } = setup();
    await user.click(await screen.findByRole('link', { name: 'Pique-nique de l\'été' }));
    expect(onopenevent).toHaveBeenCalledWith('ev-juillet');
    await user.click(screen.getByRole('button', { name: /Nouvelle rencontre/ }));
    expect(onnewevent).toHaveBeenCalledOnce();
  });

  it('shows the month as a Monday-first calendar, asking only for that month in local time', async () => {
    const { user, list } = setup();
    await screen.findByTestId('events-list');
    await user.click(screen.getByRole('button', { name: 'Calendrier' }));
    const calendar = within(await screen.findByTestId('events-calendar'));
    expect(screen.getByRole('button', { name: 'Calendrier' })).toHaveAttribute('aria-pressed', 'true');

    // Paris midnights: 1 June is 31 May 22:00 UTC.
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ from: '2026-05-31T22:00:00Z', to: '2026-06-30T22:00:00Z' }));
    expect(calendar.getByRole('heading', { level: 2 })).toHaveTextContent('Juin 2026');
    const headers = calendar.getAllByRole('columnheader');
    expect(headers.map((h) => h.querySelector('abbr')?.title)).toEqual([
      'lundi',
      'mardi',
      'mercredi',
      'jeudi',
      'vendredi',
      'samedi',
      'dimanche',
    ]);
    const days = calendar.getAllByTestId('calendar-day');
    expect(days).toHaveLength(30);
    // 1 June 2026 is a Monday: the first square.
    expect(days[0]!.closest('tr')!.querySelector('td')).toBe(days[0]);
    expect(days[9]).toHaveAttribute('aria-current', 'date');

    const twelfth = within(days[11]!);
    await waitFor(() => expect(twelfth.getAllByRole('link')).toHaveLength(2));
    // Earliest first inside a day, with the local time.
    expect(twelfth.getAllByRole('link').map((l) => l.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '08:30 Petit-déjeuner des partenaires',
      '19:00 Soirée de la communauté de juin',
    ]);
    expect(within(days[29]!).getByRole('link')).toHaveTextContent('Veillée de fin juin');
    expect(calendar.queryByText('Nuit des solidarités')).toBeNull();
    expect(calendar.queryByText('Pique-nique de l\'été')).toBeNull();
  });

  it('moves between months, back to today, and opens an event from its day', async () => {
    localStorage.setItem('flocon.events.view', 'calendar');
    const { user, list, onopenevent } = setup();
    const calendar = within(await screen.findByTestId('events-calendar'));

    await user.click(calendar.getByRole('button', { name: 'Mois suivant' }));
    expect(calendar.getByRole('heading', { level: 2 })).toHaveTextContent('Juillet 2026');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ from: '2026-06-30T22:00:00Z', to: '2026-07-31T22:00:00Z' }));
    const days = calendar.getAllByTestId('calendar-day');
    expect(days).toHaveLength(31);
    expect(days.some((d) => d.hasAttribute('aria-current'))).toBe(false);
    await waitFor(() => expect(within(days[0]!).getByRole('link')).toHaveTextContent('00:30 Nuit des solidarités'));
    await user.click(await within(days[3]!).findByRole('link', { name: /Pique-nique de l'été/ }));
    expect(onopenevent).toHaveBeenCalledWith('ev-juillet');

    await user.click(calendar.getByRole('button', { name: 'Mois précédent' }));
    await user.click(calendar.getByRole('button', { name: 'Mois précédent' }));
    expect(calendar.getByRole('heading', { level: 2 })).toHaveTextContent('Mai 2026');
    await user.click(calendar.getByRole('button', { name: 'Aujourd\'hui' }));
    expect(calendar.getByRole('heading', { level: 2 })).toHaveTextContent('Juin 2026');
  });

  it('remembers the view chosen', async () => {
    const first = setup();
    await screen.findByTestId('events-list');
    await first.user.click(screen.getByRole('button', { name: 'Calendrier' }));
    first.view.unmount();

    setup();
    expect(await screen.findByTestId('events-calendar')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Liste' }));
    expect(await screen.findByTestId('events-list')).toBeInTheDocument();
    expect(localStorage.getItem('flocon.events.view')).toBe('list');
  });

  it('keeps the series filter in the calendar', async () => {
    localStorage.setItem('flocon.events.view', 'calendar');
    const { user, list } = setup();
    await screen.findByTestId('events-calendar');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Soirée de la communauté' })).toBeInTheDocument());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Série' }), 'Soirée de la communauté');
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({ from: '2026-05-31T22:00:00Z', to: '2026-06-30T22:00:00Z', series_id: 'series-soiree' }),
    );
    await waitFor(() => expect(within(screen.getByTestId('events-calendar')).getAllByRole('link')).toHaveLength(1));
  });

  it('says when the events cannot be loaded, and tries again', async () => {
    const backend = fixture();
    backend.failures.listEvents = new ApiError({ kind: 'storage', message: 'disk', field: null, problem: null });
    const { user } = setup(backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('Les rencontres n\'ont pas pu être chargées.');
    delete backend.failures.listEvents;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByTestId('events-list')).toBeInTheDocument();
  });
});
