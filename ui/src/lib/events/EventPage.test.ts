import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import EventPage from './EventPage.svelte';
import { entry, FakeEventsBackend, makeEvent } from './fake';

// The user is in Paris: 17:00 UTC on 12 June is 19:00 there.
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

const fatou = { id: 'p-fatou', name: 'Fatou Sow' };
const lea = { id: 'p-lea', name: 'Léa Rousseau' };
const karim = { id: 'p-karim', name: 'Karim Benali' };
const awa = { id: 'p-awa', name: 'Awa Diallo' };
const moussa = { id: 'p-moussa', name: 'Moussa Konaté' };
const ines = { id: 'p-ines', name: 'Inès Bouaziz' };

function fixture() {
  return new FakeEventsBackend({
    people: [awa],
    events: [
      makeEvent({
        id: 'ev-juin',
        title: 'Soirée de la communauté de juin',
        series: { id: 'series-soiree', name: 'Soirée de la communauté' },
        starts_at: '2026-06-12T17:00:00Z',
        ends_at: '2026-06-12T19:30:00Z',
        place: 'Maison des associations, Montreuil',
        speakers: [fatou],
        guests: [lea],
        organizations: [{ id: 'o-climat', name: 'Climat Quartiers' }],
        description: 'Bilan de l\'année\nQuiz sur les victoires du quartier',
        notes: 'Prévoir des chaises.\n\nRappeler la mairie.',
        unnamed_count: 3,
        attendance: [entry(karim, 'present'), entry(moussa, 'registered'), entry(ines, 'excused')],
      }),
    ],
  });
}

function setup(backend = fixture(), id = 'ev-juin') {
  const user = userEvent.setup();
  const props = {
    backend,
    id,
    onopenperson: vi.fn(),
    onopenorg: vi.fn(),
    onedit: vi.fn(),
    ondeleted: vi.fn(),
    onback: vi.fn(),
  };
  render(EventPage, { props });
  return { user, ...props };
}

describe('EventPage', () => {
  it('shows what, when, where and who, with the typed text\'s line breaks', async () => {
    const { user, onopenperson, onopenorg } = setup();
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Soirée de la communauté de juin');
    const facts = within(screen.getByTestId('event-facts'));
    expect(facts.getByText('Vendredi 12 juin 2026, 19:00 – 21:30')).toBeInTheDocument();
    expect(facts.getByText('Maison des associations, Montreuil')).toBeInTheDocument();
    expect(facts.getAllByText('Soirée de la communauté')).not.toHaveLength(0);
    expect(screen.getByTestId('event-description').textContent).toBe('Bilan de l\'année\nQuiz sur les victoires du quartier');
    expect(screen.getByTestId('event-notes').textContent).toBe('Prévoir des chaises.\n\nRappeler la mairie.');

    await user.click(facts.getByRole('link', { name: 'Fatou Sow' }));
    expect(onopenperson).toHaveBeenCalledWith('p-fatou');
    await user.click(facts.getByRole('link', { name: 'Léa Rousseau' }));
    expect(onopenperson).toHaveBeenCalledWith('p-lea');
    await user.click(facts.getByRole('link', { name: 'Climat Quartiers' }));
    expect(onopenorg).toHaveBeenCalledWith('o-climat');
  });

  it('lists who came by answer, names as links, and counts the unnamed as present', async () => {
    const { user, onopenperson } = setup();
    const attendance = within(await screen.findByTestId('event-attendance'));
    expect(screen.getByTestId('event-counts')).toHaveTextContent(
      '4 présents (dont 3 non nommés) · 1 inscrit · 0 invité · 1 excusé · 0 absent',
    );
    expect(attendance.getAllByRole('heading', { level: 3 }).map((h) => h.textContent?.trim())).toEqual([
      'Présents (1)',
      'Inscrits (1)',
      'Excusés (1)',
    ]);
    const present = within(attendance.getByRole('group', { name: 'Présents (1)' }));
    await user.click(present.getByRole('link', { name: 'Karim Benali' }));
    expect(onopenperson).toHaveBeenCalledWith('p-karim');
  });

  it('takes attendance on the page, and the list follows', async () => {
    const { user } = setup();
    const take = await screen.findByRole('button', { name: 'Prendre les présences' });
    // Not the event's day: the door view waits to be opened.
    expect(take).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('attendance-search')).toBeNull();
    await user.click(take);
    const search = screen.getByTestId('attendance-search');
    await waitFor(() => expect(search).toHaveFocus());

    await user.type(search, 'awa');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Awa Diallo' })).toBeInTheDocument());
    await user.keyboard('{Enter}');
    const attendance = within(screen.getByTestId('event-attendance'));
    await waitFor(() => expect(attendance.getByRole('group', { name: 'Présents (2)' })).toBeInTheDocument());
    expect(attendance.getByRole('link', { name: 'Awa Diallo' })).toBeInTheDocument();
    expect(screen.getByTestId('event-counts')).toHaveTextContent('5 présents');

    await user.click(screen.getByRole('button', { name: 'Terminer la prise des présences' }));
    expect(screen.queryByTestId('attendance-search')).toBeNull();
  });

  it('opens the door view at once on the event\'s day', async () => {
    const backend = fixture();
    const now = new Date();
    backend.events[0] = makeEvent({ ...backend.events[0]!, starts_at: now.toISOString(), ends_at: null });
    setup(backend);
    const search = await screen.findByTestId('attendance-search');
    await waitFor(() => expect(search).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Terminer la prise des présences' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('edits and goes back', async () => {
    const { user, onedit, onback } = setup();
    await user.click(await screen.findByRole('button', { name: 'Modifier' }));
    expect(onedit).toHaveBeenCalledWith('ev-juin');
    await user.click(screen.getByRole('link', { name: /Retour aux rencontres/ }));
    expect(onback).toHaveBeenCalledOnce();
  });

  it('deletes only after confirmation', async () => {
    const { user, backend, ondeleted } = setup();
    await user.click(await screen.findByTestId('delete-event'));
    expect(screen.getByRole('dialog')).toHaveTextContent('Supprimer « Soirée de la communauté de juin » ?');
    await user.click(screen.getByTestId('cancel-delete-event'));
    expect(backend.events).toHaveLength(1);
    expect(screen.getByTestId('delete-event')).toHaveFocus();

    await user.click(screen.getByTestId('delete-event'));
    await user.click(screen.getByTestId('confirm-delete-event'));
    await waitFor(() => expect(ondeleted).toHaveBeenCalledOnce());
    expect(backend.events).toHaveLength(0);
  });

  it('keeps the event when deleting fails, and says why', async () => {
    const { user, backend, ondeleted } = setup();
    backend.failures.deleteEvent = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    await user.click(await screen.findByTestId('delete-event'));
    await user.click(screen.getByTestId('confirm-delete-event'));
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent('La rencontre n\'a pas été supprimée.');
    expect(ondeleted).not.toHaveBeenCalled();
    expect(backend.events).toHaveLength(1);
  });

  it('says so when the event no longer exists', async () => {
    setup(fixture(), 'gone');
    expect(await screen.findByRole('alert')).toHaveTextContent('Cette rencontre n\'existe plus.');
  });
});
