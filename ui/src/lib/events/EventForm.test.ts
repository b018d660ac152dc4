import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import EventForm from './EventForm.svelte';
import { entry, FakeEventsBackend, makeEvent, makeSeries } from './fake';

// The user is in Paris: 19:00 on 12 June is 17:00 UTC (summer time).
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
const climat = { id: 'o-climat', name: 'Climat Quartiers' };
const meres = { id: 'o-meres', name: 'Mères solidaires' };

function fixture() {
  return new FakeEventsBackend({
    series: [makeSeries('series-gagner', '#GagnerEnsemble'), makeSeries('series-soiree', 'Soirée de la communauté')],
    people: [fatou, lea, karim],
    orgs: [climat, meres],
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
        organizations: [climat],
        description: 'Bilan de l\'année\nQuiz',
        notes: 'Prévoir des chaises',
        unnamed_count: 3,
        attendance: [entry(karim, 'present')],
      }),
    ],
  });
}

function setup(id?: string, backend = fixture()) {
  const user = userEvent.setup();
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  const create = vi.spyOn(backend, 'createEvent');
  const update = vi.spyOn(backend, 'updateEvent');
  const view = render(EventForm, { props: id === undefined ? { backend, onsaved, oncancel } : { backend, id, onsaved, oncancel } });
  const $ = (selector: string) => view.container.querySelector<HTMLInputElement>(selector)!;
  return { backend, user, onsaved, oncancel, create, update, $ };
}

async function pick(user: ReturnType<typeof userEvent.setup>, $: (s: string) => HTMLInputElement, field: string, text: string, name: string) {
  await user.type($(`#${field}`), text);
  await user.click(await within(document.getElementById(`${field}-options`)!).findByText(name));
}

describe('EventForm', () => {
  it('creates an event with its times in UTC, its people and organisations', async () => {
    const { user, create, onsaved, $ } = setup();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Nouvelle rencontre');
    await waitFor(() => expect(screen.getByTestId('event-title')).toHaveFocus());
    await waitFor(() => expect(screen.getByRole('option', { name: 'Soirée de la communauté' })).toBeInTheDocument());

    await user.type(screen.getByTestId('event-title'), 'Soirée de la communauté de juin');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Série' }), 'Soirée de la communauté');
    await fireEvent.input(screen.getByTestId('event-start'), { target: { value: '2026-06-12T19:00' } });
    await fireEvent.input($('#event-end'), { target: { value: '2026-06-12T21:30' } });
    await user.type(screen.getByLabelText('Lieu ou lien'), '  Maison des associations, Montreuil ');
    await pick(user, $, 'event-speakers', 'fatou', 'Fatou Sow');
    await pick(user, $, 'event-guests', 'léa', 'Léa Rousseau');
    await pick(user, $, 'event-organizations', 'climat', 'Climat Quartiers');
    await user.type(screen.getByLabelText('Description'), 'Bilan de l\'année{Enter}Quiz');
    const unnamed = screen.getByRole('spinbutton', { name: 'Participants non nommés' });
    await user.clear(unnamed);
    await user.type(unnamed, '4');
    await user.click(screen.getByTestId('event-save'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({
      title: 'Soirée de la communauté de juin',
      series_id: 'series-soiree',
      starts_at: '2026-06-12T17:00:00Z',
      ends_at: '2026-06-12T19:30:00Z',
      place: 'Maison des associations, Montreuil',
      speakers: ['p-fatou'],
      guests: ['p-lea'],
      organizations: ['o-climat'],
      description: 'Bilan de l\'année\nQuiz',
      notes: '',
      unnamed_count: 4,
    });
    const created = await create.mock.results[0]!.value;
    expect(onsaved).toHaveBeenCalledWith(created);
  });

  it('asks for a title and a start before sending anything', async () => {
    const { user, create } = setup();
    await user.click(screen.getByTestId('event-save'));
    expect(screen.getByText('Donnez un titre à la rencontre.')).toBeInTheDocument();
    expect(screen.getByText('Indiquez le jour et l\'heure du début.')).toBeInTheDocument();
    expect(screen.getByTestId('event-title')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByTestId('event-title')).toHaveFocus());
    expect(create).not.toHaveBeenCalled();
  });

  it('refuses an end before the start', async () => {
    const { user, create, $ } = setup();
    await user.type(screen.getByTestId('event-title'), 'Atelier');
    await fireEvent.input(screen.getByTestId('event-start'), { target: { value: '2026-06-12T19:00' } });
    await fireEvent.input($('#event-end'), { target: { value: '2026-06-12T18:00' } });
    await user.click(screen.getByTestId('event-save'));
    expect($('#event-end')).toHaveAccessibleDescription('La date de fin précède la date de début.');
    expect(create).not.toHaveBeenCalled();
  });

  it('shows the backend\'s refusal next to its field, in French, and saves nothing', async () => {
    const { user, backend, onsaved, $ } = setup();
    backend.failures.createEvent = new ApiError({
      kind: 'invalid',
      message: 'place: too_long',
      field: 'place',
      problem: { code: 'too_long', max: 500 },
    });
    await user.type(screen.getByTestId('event-title'), 'Atelier');
    await fireEvent.input(screen.getByTestId('event-start'), { target: { value: '2026-06-12T19:00' } });
    await user.type($('#event-place'), 'Très long');
    await user.click(screen.getByTestId('event-save'));

    await waitFor(() => expect($('#event-place')).toHaveAccessibleDescription(expect.stringContaining('Ce texte est trop long : 500 caractères au plus.')));
    expect($('#event-place')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect($('#event-place')).toHaveFocus());
    expect(onsaved).not.toHaveBeenCalled();
    expect(backend.events).toHaveLength(1);
  });

  it('names a refused speaker next to the speakers, and other failures above the buttons', async () => {
    const { user, backend, $ } = setup();
    backend.failures.createEvent = new ApiError({
      kind: 'invalid',
      message: 'speakers.0: invalid_id',
      field: 'speakers.0',
      problem: { code: 'invalid_id', value: 'p-fatou' },
    });
    await user.type(screen.getByTestId('event-title'), 'Atelier');
    await fireEvent.input(screen.getByTestId('event-start'), { target: { value: '2026-06-12T19:00' } });
    await pick(user, $, 'event-speakers', 'fatou', 'Fatou Sow');
    await user.click(screen.getByTestId('event-save'));
    expect(await screen.findByText('« p-fatou » n\'est pas un identifiant valide.')).toHaveAttribute('id', 'event-speakers-error');

    backend.failures.createEvent = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    await user.click(screen.getByTestId('event-save'));
    expect(await screen.findByTestId('event-form-error')).toHaveTextContent('La rencontre n\'a pas été enregistrée.');
  });

  it('adds a series on the spot and chooses it, without sending the form', async () => {
    const { user, backend, create } = setup();
    const addSeries = vi.spyOn(backend, 'addSeries');
    await user.click(screen.getByRole('button', { name: 'Nouvelle série…' }));
    const name = screen.getByRole('textbox', { name: 'Nom de la nouvelle série' });
    expect(name).toHaveFocus();
    await user.type(name, 'Café politique{Enter}');

    await waitFor(() => expect(addSeries).toHaveBeenCalledWith('Café politique'));
    const select = screen.getByRole('combobox', { name: 'Série' });
    await waitFor(() => expect(select).toHaveFocus());
    expect(within(select).getByRole('option', { selected: true })).toHaveTextContent('Café politique');
    expect(screen.queryByRole('textbox', { name: 'Nom de la nouvelle série' })).toBeNull();
    expect(create).not.toHaveBeenCalled();
  });

  it('edits an event: its fields as saved, the times in local time, the attendance kept', async () => {
    const { user, update, onsaved, backend, $ } = setup('ev-juin');
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Modifier la rencontre');
    expect(screen.getByTestId('event-title')).toHaveValue('Soirée de la communauté de juin');
    expect(screen.getByTestId('event-start')).toHaveValue('2026-06-12T19:00');
    expect($('#event-end')).toHaveValue('2026-06-12T21:30');
    expect(screen.getByRole('combobox', { name: 'Série' })).toHaveValue('series-soiree');
    expect(screen.getByRole('list', { name: 'Intervenants' })).toHaveTextContent('Fatou Sow');
    expect(screen.getByRole('list', { name: 'Invités d\'honneur' })).toHaveTextContent('Léa Rousseau');
    expect(screen.getByRole('list', { name: 'Organisations impliquées' })).toHaveTextContent('Climat Quartiers');
    expect(screen.getByLabelText('Description')).toHaveValue('Bilan de l\'année\nQuiz');
    expect(screen.getByRole('spinbutton', { name: 'Participants non nommés' })).toHaveValue(3);

    await user.clear(screen.getByTestId('event-title'));
    await user.type(screen.getByTestId('event-title'), 'Grande soirée de juin');
    await user.click(screen.getByRole('button', { name: 'Retirer Léa Rousseau' }));
    await user.click(screen.getByTestId('event-save'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(update).toHaveBeenCalledWith('ev-juin', {
      title: 'Grande soirée de juin',
      series_id: 'series-soiree',
      starts_at: '2026-06-12T17:00:00Z',
      ends_at: '2026-06-12T19:30:00Z',
      place: 'Maison des associations, Montreuil',
      speakers: ['p-fatou'],
      guests: [],
      organizations: ['o-climat'],
      description: 'Bilan de l\'année\nQuiz',
      notes: 'Prévoir des chaises',
      unnamed_count: 3,
    });
    expect(backend.events[0]!.attendance.map((a) => a.person.name)).toEqual(['Karim Benali']);
  });

  it('says so when the event to edit is gone, and lets the user leave', async () => {
    const { user, oncancel } = setup('gone');
    expect(await screen.findByRole('alert')).toHaveTextContent('Cette rencontre n\'existe plus.');
    await user.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(oncancel).toHaveBeenCalledOnce();
  });
});
