import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import type { Event, PersonRef } from './api';
import AttendanceTaker from './AttendanceTaker.svelte';
import { entry, FakeEventsBackend, makeEvent } from './fake';

const awa = { id: 'p-awa', name: 'Awa Diallo' };
const awaT = { id: 'p-awa-t', name: 'Awa Traoré' };
const karim = { id: 'p-karim', name: 'Karim Benali' };
const lea = { id: 'p-lea', name: 'Léa Rousseau' };
const fatou = { id: 'p-fatou', name: 'Fatou Sow' };

function soiree(fields: Partial<Event> = {}): Event {
  return makeEvent({
    id: 'ev-soiree',
    title: 'Soirée de la communauté de juin',
    series: { id: 'series-soiree', name: 'Soirée de la communauté' },
    starts_at: '2026-06-12T17:00:00Z',
    ends_at: '2026-06-12T19:30:00Z',
    place: 'Maison des associations, Montreuil',
    speakers: [fatou],
    organizations: [{ id: 'o-climat', name: 'Climat Quartiers' }],
    description: 'Bilan de l\'année',
    ...fields,
  });
}

function setup(event = soiree()) {
  const backend = new FakeEventsBackend({ events: [event], people: [awa, awaT, karim, lea, fatou] });
  const onchange = vi.fn();
  const user = userEvent.setup();
  const spies = {
    find: vi.spyOn(backend, 'findPeople'),
    set: vi.spyOn(backend, 'setAttendance'),
    add: vi.spyOn(backend, 'addPerson'),
    update: vi.spyOn(backend, 'updateEvent'),
  };
  render(AttendanceTaker, { props: { backend, event, onchange } });
  const box = screen.getByRole('combobox', { name: 'Chercher une personne' });
  return { backend, onchange, user, box, ...spies };
}

const rows = () => screen.queryAllByTestId('attendance-row');
const rowOf = (name: string) => rows().find((r) => r.textContent?.includes(name));
const options = () => within(screen.getByRole('listbox', { name: 'Personnes trouvées', hidden: true })).queryAllByRole('option', { hidden: true });

describe('AttendanceTaker', () => {
  it('marks the highlighted person present on Enter, empties the box and keeps the focus in it', async () => {
    const { user, box, set, onchange } = setup();
    await waitFor(() => expect(box).toHaveFocus());
    expect(screen.getByText('Personne sur la liste pour l\'instant : cherchez un nom pour commencer.')).toBeInTheDocument();

    await user.type(box, 'awa di');
    await waitFor(() => expect(options().map((o) => o.textContent?.trim())).toEqual(['Awa Diallo']));
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');

    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    await waitFor(() => expect(set).toHaveBeenCalledWith('ev-soiree', 'p-awa', 'present'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Awa Diallo : présence notée.'));
    const row = rowOf('Awa Diallo')!;
    expect(within(row).getByRole('combobox', { name: 'Réponse de Awa Diallo' })).toHaveValue('present');
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('1 présent');
    const saved = onchange.mock.lastCall![0] as Event;
    expect(saved.counts.present).toBe(1);
    expect(box).toHaveFocus();

    // The next name at once: no click needed.
    await user.type(box, 'karim');
    await waitFor(() => expect(options()[0]).toHaveTextContent('Karim Benali'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('2 présents');
  });

  it('takes the first match when Enter comes before the search answered', async () => {
    const { user, box, set } = setup();
    await user.type(box, 'karim{Enter}');
    await waitFor(() => expect(set).toHaveBeenCalledWith('ev-soiree', 'p-karim', 'present'));
    expect(box).toHaveValue('');
    await waitFor(() => expect(rowOf('Karim Benali')).toBeDefined());
  });

  it('chooses another match with the arrow keys', async () => {
    const { user, box, set } = setup();
    await user.type(box, 'awa');
    await waitFor(() => expect(options().map((o) => o.textContent?.trim())).toEqual(['Awa Diallo', 'Awa Traoré']));
    expect(box).toHaveAttribute('aria-activedescendant', options()[0]!.id);

    await user.keyboard('{ArrowDown}');
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', options()[1]!.id);
    await user.keyboard('{ArrowUp}');
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    // Both ends wrap round.
    await user.keyboard('{ArrowUp}');
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Enter}');
    await waitFor(() => expect(set).toHaveBeenCalledWith('ev-soiree', 'p-awa-t', 'present'));
    await waitFor(() => expect(rowOf('Awa Traoré')).toBeDefined());
    expect(rowOf('Awa Diallo')).toBeUndefined();
  });

  it('says who is already on the list, with their answer', async () => {
    const { user, box } = setup(soiree({ attendance: [entry(lea, 'registered')] }));
    await user.type(box, 'léa');
    await waitFor(() => expect(options()[0]).toHaveTextContent('Léa Rousseau'));
    expect(options()[0]).toHaveTextContent('déjà sur la liste : Inscrit');
  });

  it('adds someone unknown as a new contact, first word as first name, and marks them present', async () => {
    const { user, box, add, set, backend } = setup();
    await user.type(box, 'Moussa Konaté Diarra');
    await waitFor(() => expect(options().map((o) => o.textContent?.trim())).toEqual([
      expect.stringContaining('Ajouter « Moussa Konaté Diarra » comme nouvelle personne'),
    ]));
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();

    await waitFor(() => expect(add).toHaveBeenCalledWith('Moussa', 'Konaté Diarra', null));
    const created = backend.people.find((p) => p.name === 'Moussa Konaté Diarra')!;
    await waitFor(() => expect(set).toHaveBeenCalledWith('ev-soiree', created.id, 'present'));
    await waitFor(() => expect(rowOf('Moussa Konaté Diarra')).toBeDefined());
    expect(screen.getByRole('status')).toHaveTextContent('Moussa Konaté Diarra : contact créé, présence notée.');
  });

  it('keeps the order of quick successive entries, each saved after the previous one', async () => {
    const { user, box, set } = setup();
    await user.type(box, 'karim{Enter}');
    await user.type(box, 'fatou{Enter}');
    await user.type(box, 'léa{Enter}');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(set.mock.calls.map((c) => c[1])).toEqual(['p-karim', 'p-fatou', 'p-lea']);
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('3 présents');
  });

  it('changes a line\'s answer, and takes someone off the list', async () => {
    const { user, set, onchange, box } = setup(soiree({ attendance: [entry(lea, 'registered'), entry(karim, 'present')] }));
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('1 présent');
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('1 inscrit');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Réponse de Léa Rousseau' }), 'Excusé');
    await waitFor(() => expect(set).toHaveBeenCalledWith('ev-soiree', 'p-lea', 'excused'));
    await waitFor(() => expect(screen.getByTestId('attendance-counts')).toHaveTextContent('1 excusé'));
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('0 inscrit');
    expect(screen.getByRole('status')).toHaveTextContent('Léa Rousseau : Excusé.');
    expect((onchange.mock.lastCall![0] as Event).counts.excused).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Retirer Karim Benali de la liste' }));
    await waitFor(() => expect(set).toHaveBeenCalledWith('ev-soiree', 'p-karim', null));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole('status')).toHaveTextContent('Karim Benali n\'est plus sur la liste.');
    expect(screen.getByTestId('attendance-counts')).toHaveTextContent('0 présent');
    // Focus went to the line that took its place.
    expect(screen.getByRole('combobox', { name: 'Réponse de Léa Rousseau' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Retirer Léa Rousseau de la liste' }));
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(box).toHaveFocus();
  });

  it('shows only the latest search\'s answer when an older one arrives late', async () => {
    const { user, box, find } = setup();
    const pending: { text: string; resolve: (people: PersonRef[]) => void }[] = [];
    find.mockImplementation((text) => new Promise((resolve) => pending.push({ text, resolve })));

    await user.type(box, 'ka');
    await waitFor(() => expect(pending).toHaveLength(1));
    await user.type(box, 'rim');
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(pending.map((p) => p.text)).toEqual(['ka', 'karim']);

    pending[1]!.resolve([karim]);
    await waitFor(() => expect(options().map((o) => o.textContent?.trim())).toEqual(['Karim Benali']));
    pending[0]!.resolve([karim, { id: 'p-kadi', name: 'Kadiatou Camara' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(options().map((o) => o.textContent?.trim())).toEqual(['Karim Benali']);
  });

  it('saves the unnamed participants with the rest of the event unchanged, and counts them present', async () => {
    const { user, update } = setup(soiree({ attendance: [entry(karim, 'present')], guests: [lea] }));
    const count = screen.getByRole('spinbutton', { name: 'Participants non nommés' });
    await user.clear(count);
    await user.type(count, '12');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() =>
      expect(update).toHaveBeenCalledWith('ev-soiree', {
        title: 'Soirée de la communauté de juin',
        series_id: 'series-soiree',
        starts_at: '2026-06-12T17:00:00Z',
        ends_at: '2026-06-12T19:30:00Z',
        place: 'Maison des associations, Montreuil',
        speakers: ['p-fatou'],
        guests: ['p-lea'],
        organizations: ['o-climat'],
        description: 'Bilan de l\'année',
        notes: '',
        unnamed_count: 12,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('attendance-counts')).toHaveTextContent('13 présents (dont 12 non nommés)'));
    expect(rows()).toHaveLength(1);
  });

  it('says so when a mark fails, and lists nobody', async () => {
    const { user, box, backend } = setup();
    backend.failures.setAttendance = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    await user.type(box, 'awa di');
    await waitFor(() => expect(options()).toHaveLength(1));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Awa Diallo : la présence n\'a pas été notée.');
    expect(rows()).toHaveLength(0);
    expect(box).toHaveFocus();
  });
});
