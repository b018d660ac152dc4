import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import { reloadLocale, setLocale } from '../i18n';
import { FakeRoadmapBackend, makeSeminar } from './fake';
import SeminarPanel from './SeminarPanel.svelte';
import { formatSeminarDates } from './strings';

const awa = { id: 'p-awa', name: 'Awa Diallo' };
const louis = { id: 'p-louis', name: 'Louis Martin' };
const lea = { id: 'p-lea', name: 'Léa Rousseau' };

const records = () =>
  new FakeBackend({
    people: [
      makePerson({ id: 'p-awa', first_name: 'Awa', last_name: 'Diallo' }),
      makePerson({ id: 'p-louis', first_name: 'Louis', last_name: 'Martin' }),
      makePerson({ id: 'p-lea', first_name: 'Léa', last_name: 'Rousseau' }),
    ],
  });

const die = () =>
  makeSeminar({
    id: 'sem-1',
    quarter: '2026-T4',
    title: 'Séminaire de Die',
    starts_on: '2026-12-12',
    ends_on: '2026-12-14',
    place: 'Die, gîte des Clots',
    participants: [awa, louis],
    agenda: 'Samedi : bilan du trimestre\nDimanche : feuille de route 2027',
    notes: 'Accueil à 9 h 30',
  });

function setup(seminars = [die()]) {
  const backend = new FakeRoadmapBackend({ seminars, people: [awa, louis, lea] });
  const user = userEvent.setup();
  const roadmap = vi.spyOn(backend, 'roadmap');
  const create = vi.spyOn(backend, 'createSeminar');
  const update = vi.spyOn(backend, 'updateSeminar');
  const view = render(SeminarPanel, { props: { backend, quarter: '2026-T4' }, context: backendContext(records()) });
  return { backend, user, roadmap, create, update, view };
}

const panel = () => screen.findByTestId('seminar-panel');
const fieldError = (field: string) => document.querySelector(`[data-field-error="${field}"]`);

async function pick(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.type(screen.getByRole('combobox', { name: 'Participants' }), text);
  const options = within(screen.getByTestId('seminar-participants-options'));
  await waitFor(() => expect(options.getAllByRole('option').length).toBeGreaterThan(0));
  await user.click(options.getAllByRole('option')[0]!);
}

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('SeminarPanel', () => {
  it('shows the quarter\'s seminar: dates in French, place, participants, agenda and notes as typed', async () => {
    const { roadmap } = setup();
    const section = within(await panel());
    expect(section.getByRole('heading', { level: 2 })).toHaveTextContent('Séminaire du trimestre');
    expect(await section.findByRole('heading', { level: 3, name: 'Séminaire de Die' })).toBeInTheDocument();
    expect(roadmap).toHaveBeenCalledWith('2026-T4', { quarter: '2026-T4', owner_id: null, status: null });

    expect(screen.getByTestId('seminar-dates')).toHaveTextContent('12–14 décembre 2026');
    expect(screen.getByTestId('seminar-place')).toHaveTextContent('Die, gîte des Clots');
    expect(within(screen.getByTestId('seminar-participants')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Awa Diallo',
      'Louis Martin',
    ]);
    // Plain text, line breaks kept.
    expect(screen.getByTestId('seminar-agenda').textContent).toBe('Samedi : bilan du trimestre\nDimanche : feuille de route 2027');
    expect(screen.getByTestId('seminar-notes')).toHaveTextContent('Accueil à 9 h 30');
    expect(screen.getByTestId('edit-seminar')).toHaveTextContent('Modifier');
    expect(screen.queryByTestId('prepare-seminar')).not.toBeInTheDocument();
  });

  it('shows what is still to be set, and the dates in English too', async () => {
    setup([makeSeminar({ id: 'sem-2', quarter: '2026-T4', starts_on: '2026-12-12' })]);
    expect(await screen.findByTestId('seminar-dates')).toHaveTextContent(/^12 décembre 2026$/);
    expect(screen.getByTestId('seminar-place')).toHaveTextContent('Lieu à fixer');
    expect(screen.getByTestId('seminar-participants')).toHaveTextContent('Personne pour l\'instant');
    expect(screen.getByTestId('seminar-notes')).toHaveTextContent('Rien pour l\'instant.');
    expect(formatSeminarDates(null, null, 'fr')).toBe('Dates à fixer');
    expect(formatSeminarDates(null, '2026-12-14', 'fr')).toBe('Jusqu\'au 14 décembre 2026');
    setLocale('en');
    expect(formatSeminarDates('2026-11-30', '2026-12-02')).toMatch(/^30 November\s–\s2 December 2026$/);
  });

  it('edits the seminar inline and saves every field with updateSeminar', async () => {
    const { user, update, backend } = setup();
    await user.click(await screen.findByTestId('edit-seminar'));

    const title = screen.getByLabelText('Intitulé');
    expect(title).toHaveValue('Séminaire de Die');
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.getByLabelText('Début')).toHaveValue('2026-12-12');
    expect(screen.getByLabelText('Fin')).toHaveValue('2026-12-14');
    expect(screen.getByLabelText('Ordre du jour')).toHaveValue('Samedi : bilan du trimestre\nDimanche : feuille de route 2027');

    await user.clear(title);
    await user.type(title, '  Séminaire   d\'hiver ');
    await user.clear(screen.getByLabelText('Lieu'));
    await user.type(screen.getByLabelText('Lieu'), 'Crest');
    await user.click(screen.getByRole('button', { name: 'Retirer Louis Martin' }));
    await pick(user, 'léa');
    await user.type(screen.getByLabelText('Ordre du jour'), '{Enter}Lundi : rangement');

    await user.click(screen.getByTestId('save-seminar'));
    await waitFor(() => expect(screen.queryByTestId('save-seminar')).not.toBeInTheDocument());
    expect(update).toHaveBeenLastCalledWith('sem-1', {
      quarter: '2026-T4',
      title: 'Séminaire d\'hiver',
      starts_on: '2026-12-12',
      ends_on: '2026-12-14',
      place: 'Crest',
      participants: ['p-awa', 'p-lea'],
      agenda: 'Samedi : bilan du trimestre\nDimanche : feuille de route 2027\nLundi : rangement',
      notes: 'Accueil à 9 h 30',
    });
    expect(backend.seminars[0]).toMatchObject({ title: 'Séminaire d\'hiver', participants: [awa, lea] });

    expect(screen.getByRole('heading', { level: 3, name: 'Séminaire d\'hiver' })).toBeInTheDocument();
    expect(screen.getByTestId('seminar-place')).toHaveTextContent('Crest');
    expect(screen.getByTestId('seminar-participants')).toHaveTextContent(/Awa Diallo.*Léa Rousseau/);
    expect(screen.getByTestId('seminar-agenda').textContent).toMatch(/\nLundi : rangement$/);
    await waitFor(() => expect(screen.getByTestId('edit-seminar')).toHaveFocus());
  });

  it('saves the notes typed during the seminar as soon as the field is left, without the rest of the form', async () => {
    const { user, update, backend } = setup();
    await user.click(await screen.findByTestId('edit-seminar'));
    await user.clear(screen.getByLabelText('Intitulé'));
    await user.type(screen.getByLabelText('Intitulé'), 'Pas encore validé');

    const notes = screen.getByLabelText('Notes');
    await user.type(notes, '{Enter}Décidé : fête de quartier le 12 juin');
    expect(update).not.toHaveBeenCalled();
    await user.tab();

    await waitFor(() => expect(update).toHaveBeenCalledOnce());
    expect(update).toHaveBeenCalledWith('sem-1', {
      ...draftOf(die()),
      notes: 'Accueil à 9 h 30\nDécidé : fête de quartier le 12 juin',
    });
    expect(await screen.findByText('Notes enregistrées.')).toBeInTheDocument();
    expect(backend.seminars[0]).toMatchObject({ title: 'Séminaire de Die', notes: 'Accueil à 9 h 30\nDécidé : fête de quartier le 12 juin' });

    // Leaving the notes again without a change saves nothing more; cancelling keeps the notes.
    await user.click(notes);
    await user.tab();
    await user.click(screen.getByTestId('cancel-seminar'));
    expect(update).toHaveBeenCalledOnce();
    expect(screen.getByRole('heading', { level: 3, name: 'Séminaire de Die' })).toBeInTheDocument();
    expect(screen.getByTestId('seminar-notes').textContent).toBe('Accueil à 9 h 30\nDécidé : fête de quartier le 12 juin');
  });

  it('keeps the notes when saving them fails, says so, and Enregistrer sends them again', async () => {
    const { user, update } = setup();
    update.mockRejectedValueOnce(new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null }));
    await user.click(await screen.findByTestId('edit-seminar'));
    const notes = screen.getByLabelText('Notes');
    await user.type(notes, ' — tour de table');
    await user.tab();

    expect(await screen.findByTestId('seminar-notes-status')).toHaveTextContent(/Notes non enregistrées/);
    expect(notes).toHaveValue('Accueil à 9 h 30 — tour de table');

    await user.click(screen.getByTestId('save-seminar'));
    await waitFor(() => expect(screen.getByTestId('seminar-notes')).toHaveTextContent('Accueil à 9 h 30 — tour de table'));
    expect(update).toHaveBeenLastCalledWith('sem-1', expect.objectContaining({ notes: 'Accueil à 9 h 30 — tour de table' }));
  });

  it('prepares the seminar when there is none yet, with createSeminar', async () => {
    const { user, create, update, backend } = setup([]);
    expect(await screen.findByText('Aucun séminaire n\'est encore prévu pour 2026-T4.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Préparer le séminaire' }));

    expect(screen.getByLabelText('Intitulé')).toHaveValue('Séminaire 2026-T4');
    await user.type(screen.getByLabelText('Début'), '2026-12-12');
    await user.type(screen.getByLabelText('Fin'), '2026-12-12');
    await user.type(screen.getByLabelText('Lieu'), 'Die');
    await pick(user, 'awa');
    await user.type(screen.getByLabelText('Notes'), 'Covoiturage depuis Valence');
    await user.tab();
    expect(create).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('save-seminar'));
    await waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({
      quarter: '2026-T4',
      title: 'Séminaire 2026-T4',
      starts_on: '2026-12-12',
      ends_on: '2026-12-12',
      place: 'Die',
      participants: ['p-awa'],
      agenda: '',
      notes: 'Covoiturage depuis Valence',
    });
    expect(update).not.toHaveBeenCalled();
    expect(backend.seminars).toHaveLength(1);
    expect(await screen.findByRole('heading', { level: 3, name: 'Séminaire 2026-T4' })).toBeInTheDocument();
    expect(screen.getByTestId('seminar-dates')).toHaveTextContent(/^12 décembre 2026$/);
    expect(screen.queryByTestId('prepare-seminar')).not.toBeInTheDocument();
  });

  it('refuses an end before the start and an empty title before asking the core', async () => {
    const { user, update } = setup();
    await user.click(await screen.findByTestId('edit-seminar'));
    await user.clear(screen.getByLabelText('Intitulé'));
    await user.clear(screen.getByLabelText('Fin'));
    await user.type(screen.getByLabelText('Fin'), '2026-12-10');
    await user.click(screen.getByTestId('save-seminar'));

    expect(fieldError('title')).toHaveTextContent('Ce champ est obligatoire.');
    expect(fieldError('ends_on')).toHaveTextContent('La date de fin précède la date de début.');
    expect(screen.getByLabelText('Fin')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Le séminaire n\'a pas été enregistré');
    await waitFor(() => expect(screen.getByLabelText('Intitulé')).toHaveFocus());
    expect(update).not.toHaveBeenCalled();
  });

  it('shows what the core refuses beside the field it names', async () => {
    const { user, update } = setup();
    update.mockRejectedValueOnce(
      new ApiError({ kind: 'invalid', message: 'place: too long', field: 'place', problem: { code: 'too_long', max: 200 } }),
    );
    await user.click(await screen.findByTestId('edit-seminar'));
    await user.click(screen.getByTestId('save-seminar'));

    expect(await screen.findByText('Ce texte est trop long : 200 caractères au plus.')).toHaveAttribute('data-field-error', 'place');
    await waitFor(() => expect(screen.getByLabelText('Lieu')).toHaveFocus());
    expect(screen.getByTestId('save-seminar')).toBeEnabled();
  });
});

function draftOf(seminar: ReturnType<typeof die>) {
  return {
    quarter: seminar.quarter,
    title: seminar.title,
    starts_on: seminar.starts_on,
    ends_on: seminar.ends_on,
    place: seminar.place,
    participants: seminar.participants.map((p) => p.id),
    agenda: seminar.agenda,
    notes: seminar.notes,
  };
}
