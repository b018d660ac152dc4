import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import { flushAll } from '../shell/closeGuard';
import { FakeCoachingBackend, makeAction, makeSession } from './fake';
import SessionEditor from './SessionEditor.svelte';
import { localDate } from './time';

const awa = { id: 'p-awa', name: 'Awa Diallo' };
const karim = { id: 'p-karim', name: 'Karim Benali' };
const carried = makeAction({
  id: 'a-old',
  text: 'Appeler la mairie',
  owner: karim,
  due_on: '2026-11-20',
  session: { id: 's-before', title: 'Lancement', starts_at: '2026-10-14T16:00:00Z' },
});

function setup() {
  const backend = new FakeCoachingBackend({
    sessions: [
      makeSession({
        id: 's1',
        title: 'Bilan du trimestre',
        engagement: { id: 'e1', title: 'Climat 2026' },
        organizations: [{ id: 'o-climat', name: 'Climat Quartiers' }],
        starts_at: '2026-11-25T17:00:00Z',
        place: 'Maison des associations',
        participants: [awa],
        facilitators: [karim],
        preparation: '## Ordre du jour',
        notes: '',
        carried_actions: [carried],
      }),
    ],
    names: { 'p-awa': 'Awa Diallo', 'p-karim': 'Karim Benali' },
  });
  const people = new FakeBackend([makePerson({ id: 'p-lea', first_name: 'Léa', last_name: 'Martin' })]);
  const onopenengagement = vi.fn();
  const view = render(SessionEditor, {
    props: { backend, id: 's1', onopenengagement, onback: vi.fn() },
    context: backendContext(people),
  });
  const notes = () => view.container.querySelector<HTMLTextAreaElement>('#session-notes')!;
  const preparation = () => view.container.querySelector<HTMLTextAreaElement>('#session-preparation')!;
  return { backend, view, notes, preparation, onopenengagement };
}

const loaded = () => screen.findByRole('heading', { level: 1, name: 'Bilan du trimestre' });

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionEditor', () => {
  it('shows the session’s frame and opens its engagement', async () => {
    const { onopenengagement } = setup();
    await loaded();
    expect(screen.getByTestId('session-when')).toHaveTextContent(/^mercredi 25 novembre 2026, \d{2}:\d{2} – \d{2}:\d{2}$/);
    expect(screen.getByText('Maison des associations')).toBeInTheDocument();
    expect(screen.getByText('Collectif')).toBeInTheDocument();
    expect(screen.getByText('Climat Quartiers')).toBeInTheDocument();
    expect(screen.getByLabelText('Préparation')).toHaveValue('## Ordre du jour');
    expect(screen.getByLabelText('Notes')).toHaveValue('');
    await userEvent.click(screen.getByTestId('engagement-link'));
    expect(onopenengagement).toHaveBeenCalledWith('e1');
  });

  it('autosaves typed notes 400 ms after the last keystroke and says when', async () => {
    const { backend, notes } = setup();
    await loaded();
    vi.useFakeTimers();
    const save = vi.spyOn(backend, 'saveSessionText');

    await fireEvent.input(notes(), { target: { value: 'Tour de table' } });
    await vi.advanceTimersByTimeAsync(300);
    await fireEvent.input(notes(), { target: { value: 'Tour de table : 8 présents' } });
    await vi.advanceTimersByTimeAsync(399);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith('s1', 'notes', 'Tour de table : 8 présents');
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('save-status')).toHaveTextContent(/^Enregistré à \d{2}:\d{2}$/);
  });

  it('keeps the text when a save fails, says so, and retries at the next change', async () => {
    const { backend, notes } = setup();
    await loaded();
    vi.useFakeTimers();
    backend.failNext('saveSessionText', { kind: 'storage', message: 'database is locked' });

    await fireEvent.input(notes(), { target: { value: 'Décision à prendre' } });
    await vi.advanceTimersByTimeAsync(400);
    expect(screen.getByTestId('save-status')).toHaveTextContent('Pas encore enregistré');
    expect(notes()).toHaveValue('Décision à prendre');
    expect(backend.savedTexts).toEqual([]);

    await fireEvent.input(notes(), { target: { value: 'Décision à prendre ensemble' } });
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.savedTexts).toEqual([{ id: 's1', which: 'notes', text: 'Décision à prendre ensemble' }]);
    expect(screen.getByTestId('save-status')).toHaveTextContent(/^Enregistré à/);
  });

  it('saves on blur, and the flush registered with the close guard writes pending text', async () => {
    const { backend, notes, preparation } = setup();
    await loaded();
    await fireEvent.input(preparation(), { target: { value: '## Ordre du jour\n- Bilan' } });
    await fireEvent.blur(preparation());
    await waitFor(() => expect(backend.savedTexts).toHaveLength(1));
    expect(backend.savedTexts[0]).toEqual({ id: 's1', which: 'preparation', text: '## Ordre du jour\n- Bilan' });

    await fireEvent.input(notes(), { target: { value: 'Notes prises juste avant la fermeture' } });
    // The window closes before the debounce: the shell runs every registered flush.
    expect(await flushAll()).toEqual([]);
    expect(backend.savedTexts.at(-1)).toEqual({ id: 's1', which: 'notes', text: 'Notes prises juste avant la fermeture' });
    expect(backend.sessions[0]!.notes).toBe('Notes prises juste avant la fermeture');
  });

  it('Ctrl+D turns the current line into a decision and removes it from the notes', async () => {
    const { backend, notes } = setup();
    const user = userEvent.setup();
    await loaded();
    const decide = vi.spyOn(backend, 'setSessionDecisions');

    await user.click(notes());
    await user.type(notes(), 'Tour de table{Enter}- Fête de quartier le 12 juin');
    await user.keyboard('{Control>}d{/Control}');

    await waitFor(() => expect(decide).toHaveBeenCalledWith('s1', ['Fête de quartier le 12 juin']));
    expect(notes()).toHaveValue('Tour de table');
    expect(await screen.findByTestId('decisions')).toHaveTextContent('Fête de quartier le 12 juin');
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Décision ajoutée : Fête de quartier le 12 juin'));
    // The shortened notes are saved too.
    await waitFor(() => expect(backend.sessions[0]!.notes).toBe('Tour de table'));
  });

  it('puts the line back when the decision could not be saved', async () => {
    const { backend, notes } = setup();
    const user = userEvent.setup();
    await loaded();
    backend.failNext('setSessionDecisions', { kind: 'storage', message: 'database is locked' });
    await user.click(notes());
    await user.type(notes(), 'Tour de table{Enter}- Fête le 12');
    await user.keyboard('{Control>}d{/Control}');
    expect(await screen.findByText(/Les décisions n’ont pas pu être enregistrées/, { selector: '.alert' })).toBeInTheDocument();
    expect(notes()).toHaveValue('Tour de table\n- Fête le 12');
    expect(screen.queryByTestId('decisions')).toBeNull();
  });

  it('Ctrl+Shift+A turns the current line into an action with an owner and a due date', async () => {
    const { backend, notes } = setup();
    const user = userEvent.setup();
    await loaded();
    const add = vi.spyOn(backend, 'addAction');

    await user.click(notes());
    await user.type(notes(), '* Réserver la salle{Enter}Suite');
    notes().setSelectionRange(3, 3);
    await user.keyboard('{Control>}{Shift>}A{/Shift}{/Control}');

    const form = await screen.findByTestId('line-to-action');
    expect(within(form).getByLabelText('Action')).toHaveValue('Réserver la salle');
    const owner = within(form).getByLabelText('Responsable');
    expect(within(owner).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Personne pour l’instant',
      'Awa Diallo',
      'Karim Benali',
      'Quelqu’un d’autre…',
    ]);
    await user.selectOptions(owner, 'Awa Diallo');
    await fireEvent.input(within(form).getByLabelText('Échéance'), { target: { value: '2026-12-15' } });
    await user.click(within(form).getByLabelText('Action'));
    await user.keyboard('{Enter}');

    await waitFor(() =>
      expect(add).toHaveBeenCalledWith({ text: 'Réserver la salle', owner_id: 'p-awa', due_on: '2026-12-15', session_id: 's1', objective_id: null }),
    );
    await waitFor(() => expect(screen.queryByTestId('line-to-action')).toBeNull());
    expect(notes()).toHaveValue('Suite');
    const list = screen.getByTestId('session-actions');
    expect(list).toHaveTextContent('Réserver la salle');
    expect(list).toHaveTextContent('Responsable : Awa Diallo');
    expect(list).toHaveTextContent('15 décembre 2026');
  });

  it('Escape closes the line-to-action form and keeps the line', async () => {
    const { backend, notes } = setup();
    const user = userEvent.setup();
    await loaded();
    const add = vi.spyOn(backend, 'addAction');
    await user.click(notes());
    await user.type(notes(), '- Écrire aux partenaires');
    await user.keyboard('{Control>}{Shift>}A{/Shift}{/Control}');
    await screen.findByTestId('line-to-action');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('line-to-action')).toBeNull();
    expect(notes()).toHaveValue('- Écrire aux partenaires');
    expect(add).not.toHaveBeenCalled();
  });

  it('marks a carried action done with today’s local date', async () => {
    const { backend } = setup();
    const user = userEvent.setup();
    await loaded();
    const status = vi.spyOn(backend, 'setActionStatus');
    const list = screen.getByTestId('carried-actions');
    const [item] = within(list).getAllByRole('listitem');
    expect(item).toHaveTextContent('Appeler la mairie');
    expect(item).toHaveTextContent('Responsable : Karim Benali');
    expect(item).toHaveTextContent('20 novembre 2026');
    expect(item).toHaveTextContent('Lancement');
    expect(screen.getByText(/elle sera reportée à la prochaine séance/)).toBeInTheDocument();

    await user.click(within(item!).getByRole('button', { name: 'Marquer « Appeler la mairie » comme fait' }));
    expect(status).toHaveBeenCalledWith('a-old', 'done', localDate());
    await waitFor(() => expect(item).toHaveTextContent('Fait'));
    expect(within(item!).queryByRole('button', { name: /comme fait/ })).toBeNull();
  });

  it('previews the Markdown as the backend renders it, and links never navigate', async () => {
    const { backend, preparation } = setup();
    const user = userEvent.setup();
    await loaded();
    const render = vi.spyOn(backend, 'renderMarkdown');
    await fireEvent.input(preparation(), {
      target: { value: '**Ordre du jour** <script>alert(1)</script>\n\n[Le pad](https://pad.example.org)' },
    });
    await user.click(preparation());
    await user.keyboard('{Control>}e{/Control}');

    const preview = await screen.findByTestId('session-preparation-preview');
    expect(render).toHaveBeenCalledWith('**Ordre du jour** <script>alert(1)</script>\n\n[Le pad](https://pad.example.org)');
    expect(preview).toHaveClass('md-preview');
    expect(preview.querySelector('strong')).toHaveTextContent('Ordre du jour');
    expect(preview.querySelector('script')).toBeNull();
    expect(preview).toHaveTextContent('<script>alert(1)</script>');
    const link = within(preview).getByRole('link', { name: 'Le pad' });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Modifier' }));
    expect(preparation()).toHaveValue('**Ordre du jour** <script>alert(1)</script>\n\n[Le pad](https://pad.example.org)');
  });

  it('adds an action from the form and removes a decision', async () => {
    const { backend } = setup();
    backend.sessions[0]!.decisions = ['Fête le 12', 'Nouvelle réunion'];
    const user = userEvent.setup();
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Ajouter une action' }));
    const form = screen.getByTestId('add-action-form');
    await user.type(within(form).getByLabelText('Action'), 'Envoyer le compte rendu{Enter}');
    await waitFor(() => expect(screen.getByTestId('session-actions')).toHaveTextContent('Envoyer le compte rendu'));

    await user.click(screen.getByRole('button', { name: 'Retirer la décision « Fête le 12 »' }));
    await waitFor(() => expect(backend.sessions[0]!.decisions).toEqual(['Nouvelle réunion']));
    expect(screen.getByTestId('decisions')).not.toHaveTextContent('Fête le 12');
  });

  it('exports the session as Markdown and saves the next session date', async () => {
    const { backend, view } = setup();
    const user = userEvent.setup();
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Exporter en Markdown' }));
    expect(await screen.findByTestId('export-result')).toHaveTextContent('Fichier enregistré : /home/equipe/Téléchargements/seance-s1.md');

    const update = vi.spyOn(backend, 'updateSession');
    const next = view.container.querySelector<HTMLInputElement>('#session-next')!;
    // A date input reports the new value with `input`, then `change`.
    await fireEvent.input(next, { target: { value: '2026-12-16' } });
    await fireEvent.change(next);
    await waitFor(() => expect(update).toHaveBeenCalledWith('s1', expect.objectContaining({ next_session_on: '2026-12-16' })));
    expect(await screen.findByText('Date de la prochaine séance enregistrée.')).toBeInTheDocument();
  });
});
