import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { FakeCoachingBackend, makeAction, makeEngagement, makeSession } from '../engagements/fake';
import { prefetchWeek } from './prefetch';
import WeekScreen from './WeekScreen.svelte';

// Wednesday 25 November 2026, mid-morning, local time.
const NOW = new Date(2026, 10, 25, 10, 0);
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).toISOString();

const climat = { id: 'org-climat', name: 'Climat Quartiers' };
const meres = { id: 'org-meres', name: 'Mères solidaires' };
const lea = { id: 'p-lea', name: 'Léa Rousseau' };
const karim = { id: 'p-karim', name: 'Karim Benali' };
const bilan = { id: 's-old', title: 'Bilan de rentrée', starts_at: at(2, 18) };

function fixture() {
  return new FakeCoachingBackend({
    sessions: [
      makeSession({ id: 's-today', title: 'Séance collective', starts_at: at(25, 14), duration_minutes: 150, place: 'Maison des associations', organizations: [climat], engagement: { id: 'e-climat', title: 'Climat 2026' } }),
      makeSession({ id: 's-fri', title: 'Bilatérale', starts_at: at(27, 9, 30), duration_minutes: 60, organizations: [meres] }),
      makeSession({ id: 's-mon', title: 'Point de lancement', starts_at: at(23, 18), organizations: [meres] }),
      makeSession({ id: 's-next', title: 'La semaine prochaine', starts_at: at(30, 10) }),
      makeSession({ id: 's-old', title: bilan.title, starts_at: bilan.starts_at, engagement: { id: 'e-climat', title: 'Climat 2026' } }),
    ],
    actions: [
      makeAction({ id: 'a-late', text: 'Envoyer le compte rendu', owner: lea, due_on: '2026-11-20', session: bilan }),
      makeAction({ id: 'a-late-2', text: 'Réserver la salle', owner: lea, due_on: '2026-11-24' }),
      makeAction({ id: 'a-late-orphan', text: 'Relancer la mairie', owner: null, due_on: '2026-11-10' }),
      makeAction({ id: 'a-late-karim', text: 'Appeler la fondation', owner: karim, due_on: '2026-11-01' }),
      makeAction({ id: 'a-soon', text: 'Préparer le quiz', owner: karim, due_on: '2026-12-05' }),
      makeAction({ id: 'a-later', text: 'Trop loin', owner: karim, due_on: '2026-12-31' }),
      makeAction({ id: 'a-done', text: 'Déjà faite', owner: karim, due_on: '2026-11-02', status: 'done' }),
    ],
    engagements: [
      makeEngagement({ id: 'e-climat', title: 'Climat 2026', organizations: [climat] }),
      makeEngagement({ id: 'e-meres', title: 'Mères solidaires : leadership', organizations: [meres] }),
      makeEngagement({ id: 'e-ended', title: 'Fini', status: 'finished' }),
    ],
  });
}

function setup(backend = fixture()) {
  const user = userEvent.setup();
  const props = { backend, onopensession: vi.fn(), onopenengagement: vi.fn(), onnewsession: vi.fn(), now: NOW };
  const myWeek = vi.spyOn(backend, 'myWeek');
  const setStatus = vi.spyOn(backend, 'setActionStatus');
  render(WeekScreen, { props });
  return { user, myWeek, setStatus, ...props };
}

const section = async (id: string) => within(await screen.findByTestId(id));

afterEach(() => localStorage.clear());

describe('WeekScreen', () => {
  it('asks for the local week and shows today\'s sessions with their time, collectives and place', async () => {
    const { myWeek } = setup();
    const today = await section('week-today');
    expect(myWeek).toHaveBeenCalledWith(
      expect.objectContaining({
        today: '2026-11-25',
        day_start: new Date(2026, 10, 25).toISOString(),
        week_start: new Date(2026, 10, 23).toISOString(),
        week_end: new Date(2026, 10, 30).toISOString(),
        stale_after_weeks: 6,
      }),
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ma semaine');
    const [session] = today.getAllByTestId('week-session');
    expect(session).toHaveTextContent('14:00 – 16:30');
    expect(session).toHaveTextContent('Séance collective');
    expect(session).toHaveTextContent('Climat Quartiers');
    expect(session).toHaveTextContent('Lieu : Maison des associations');
  });

  it('groups the week\'s other sessions by day, in order, and opens one', async () => {
    const { user, onopensession } = setup();
    const week = await section('week-this-week');
    const days = week.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual(['lundi 23 novembre', 'vendredi 27 novembre']);
    expect(week.queryByText('Séance collective')).toBeNull();
    expect(week.queryByText('La semaine prochaine')).toBeNull();
    expect(week.getAllByTestId('week-session')[1]).toHaveTextContent('09:30 – 10:30');

    await user.click(week.getByRole('link', { name: 'Bilatérale' }));
    expect(onopensession).toHaveBeenCalledWith('s-fri');
  });

  it('lists overdue actions by owner, nobody\'s last, and links each to its session', async () => {
    const { user, onopensession } = setup();
    const overdue = await section('week-overdue');
    const owners = overdue.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(owners).toEqual(['Karim Benali', 'Léa Rousseau', 'Sans responsable']);
    expect(within(overdue.getByRole('group', { name: 'Léa Rousseau' })).getAllByTestId('action')).toHaveLength(2);
    expect(overdue.queryByText('Déjà faite')).toBeNull();
    expect(overdue.getByText('Envoyer le compte rendu').closest('li')).toHaveTextContent('Pour le 20 novembre 2026');

    await user.click(overdue.getByRole('link', { name: /Bilan de rentrée/ }));
    expect(onopensession).toHaveBeenCalledWith('s-old');
  });

  it('shows five actions per owner at first, the most overdue, and the rest on demand', async () => {
    const backend = fixture();
    for (let day = 1; day <= 12; day++) {
      backend.actions.push(
        makeAction({ id: `a-relance-${day}`, text: `Relance ${day}`, owner: lea, due_on: `2026-10-${String(day).padStart(2, '0')}` }),
      );
    }
    const { user, myWeek } = setup(backend);
    const overdue = await section('week-overdue');
    expect(myWeek).toHaveBeenLastCalledWith(expect.objectContaining({ actions_per_owner: 5 }));
    const leaGroup = () => within(overdue.getByRole('group', { name: 'Léa Rousseau' }));
    expect(leaGroup().getAllByTestId('action').map((a) => a.textContent)).toEqual(
      [1, 2, 3, 4, 5].map((d) => expect.stringContaining(`Relance ${d}`)),
    );
    // Karim's single late action needs no button.
    expect(within(overdue.getByRole('group', { name: 'Karim Benali' })).queryByTestId('week-more')).toBeNull();

    await user.click(leaGroup().getByRole('button', { name: 'Voir les 9 autres actions de Léa Rousseau' }));
    await waitFor(() => expect(leaGroup().getAllByTestId('action')).toHaveLength(14));
    expect(myWeek).toHaveBeenLastCalledWith(expect.not.objectContaining({ actions_per_owner: expect.anything() }));
    expect(leaGroup().getByText('Réserver la salle')).toBeInTheDocument();

    await user.click(leaGroup().getByRole('button', { name: 'Réduire' }));
    expect(leaGroup().getAllByTestId('action')).toHaveLength(5);
    expect(leaGroup().getByRole('button', { name: 'Voir les 9 autres actions de Léa Rousseau' })).toBeInTheDocument();
  });

  it('keeps a large team\'s late actions to 25 lines at first, the other owners folded with their count', async () => {
    const backend = fixture();
    backend.actions = [];
    for (let o = 0; o < 7; o++) {
      const owner = { id: `p-${o}`, name: `Personne ${String.fromCharCode(65 + o)}` };
      for (let d = 1; d <= 5; d++) {
        backend.actions.push(makeAction({ id: `a-${o}-${d}`, text: `Relance ${o}.${d}`, owner, due_on: `2026-10-0${d}` }));
      }
    }
    const { user } = setup(backend);
    const overdue = await section('week-overdue');
    expect(overdue.getAllByTestId('action')).toHaveLength(25);
    const last = () => within(overdue.getByRole('group', { name: 'Personne G' }));
    expect(last().queryAllByTestId('action')).toHaveLength(0);
    await user.click(last().getByRole('button', { name: 'Voir les 5 actions de Personne G' }));
    await waitFor(() => expect(last().getAllByTestId('action')).toHaveLength(5));
  });

  it('keeps the owners past the first lines behind one button when hundreds have late actions', async () => {
    const backend = fixture();
    backend.actions = [];
    for (let o = 0; o < 40; o++) {
      const owner = { id: `p-${o}`, name: `Personne ${String(o).padStart(2, '0')}` };
      backend.actions.push(makeAction({ id: `a-${o}`, text: `Relance ${o}`, owner, due_on: '2026-10-01' }));
      if (o >= 30) backend.actions.push(makeAction({ id: `b-${o}`, text: `Rappel ${o}`, owner, due_on: '2026-10-02' }));
    }
    const { user } = setup(backend);
    const overdue = await section('week-overdue');
    expect(overdue.getAllByTestId('action')).toHaveLength(25);
    // 25 owners with their line, 5 more folded with their count, the last 10 behind one button.
    expect(overdue.getAllByRole('group')).toHaveLength(30);
    expect(overdue.queryByRole('group', { name: 'Personne 30' })).toBeNull();
    await user.click(overdue.getByRole('button', { name: 'Voir les 10 autres personnes (20 actions)' }));
    expect(overdue.getAllByRole('group')).toHaveLength(40);
    const last = () => within(overdue.getByRole('group', { name: 'Personne 39' }));
    await user.click(last().getByRole('button', { name: 'Voir les 2 actions de Personne 39' }));
    await waitFor(() => expect(last().getAllByTestId('action')).toHaveLength(2));
    expect(overdue.queryByTestId('week-more-owners')).toBeNull();
  });

  it('moves on to the new day at midnight when the window stays open', async () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 25, 23, 58), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const backend = fixture();
      const myWeek = vi.spyOn(backend, 'myWeek');
      render(WeekScreen, { props: { backend, onopensession: vi.fn(), onopenengagement: vi.fn(), onnewsession: vi.fn() } });
      await vi.waitFor(() => expect(myWeek).toHaveBeenCalledTimes(1));
      expect(myWeek.mock.calls[0]?.[0]).toMatchObject({ today: '2026-11-25' });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(myWeek).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      await vi.waitFor(() => expect(myWeek).toHaveBeenCalledTimes(2));
      expect(myWeek.mock.calls[1]?.[0]).toMatchObject({ today: '2026-11-26' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows five sessions of a busy day and the rest on demand', async () => {
    const backend = fixture();
    for (let n = 0; n < 8; n++) {
      backend.sessions.push(makeSession({ id: `s-thu-${n}`, title: `Atelier ${n + 1}`, starts_at: at(26, 9 + n) }));
    }
    const { user } = setup(backend);
    const week = await section('week-this-week');
    const thursday = () => within(week.getByRole('group', { name: /jeudi/i }));
    expect(thursday().getAllByTestId('week-session')).toHaveLength(5);
    await user.click(thursday().getByRole('button', { name: 'Voir les 3 autres séances' }));
    expect(thursday().getAllByTestId('week-session')).toHaveLength(8);
    expect(thursday().queryByTestId('week-more-sessions')).toBeNull();
  });

  it('counts a group down as its hidden actions come into view when one is done', async () => {
    const backend = fixture();
    for (let day = 1; day <= 6; day++) {
      backend.actions.push(makeAction({ id: `a-r-${day}`, text: `Relance ${day}`, owner: lea, due_on: `2026-10-0${day}` }));
    }
    const { user } = setup(backend);
    const overdue = await section('week-overdue');
    const leaGroup = within(overdue.getByRole('group', { name: 'Léa Rousseau' }));
    expect(leaGroup.getByTestId('week-more')).toHaveTextContent('Voir les 3 autres actions');
    await user.click(leaGroup.getByRole('checkbox', { name: 'Marquer comme faite : Relance 1' }));
    await waitFor(() => expect(leaGroup.getByTestId('week-more')).toHaveTextContent('Voir les 2 autres actions'));
  });

  it('shows the next fifteen days\' actions apart from the late ones', async () => {
    setup();
    const upcoming = await section('week-upcoming');
    expect(upcoming.getAllByTestId('action').map((a) => a.textContent)).toEqual([expect.stringContaining('Préparer le quiz')]);
  });

  it('marks an overdue action done with today\'s local date and takes it off the list', async () => {
    const { backend, user, setStatus } = setup();
    const overdue = await section('week-overdue');
    await user.click(overdue.getByRole('checkbox', { name: 'Marquer comme faite : Envoyer le compte rendu' }));

    expect(setStatus).toHaveBeenCalledWith('a-late', 'done', '2026-11-25');
    await waitFor(() => expect(overdue.queryByText('Envoyer le compte rendu')).toBeNull());
    expect(backend.actions.find((a) => a.id === 'a-late')?.done_on).toBe('2026-11-25');
    expect(screen.getByRole('status')).toHaveTextContent('Action « Envoyer le compte rendu » marquée comme faite.');
    // Focus moves on to the line that took its place, for ticking several in a row.
    expect(overdue.getByRole('checkbox', { name: 'Marquer comme faite : Réserver la salle' })).toHaveFocus();
  });

  it('drops an owner\'s group once their last action is done', async () => {
    const { user } = setup();
    const overdue = await section('week-overdue');
    await user.click(overdue.getByRole('checkbox', { name: 'Marquer comme faite : Relancer la mairie' }));
    await waitFor(() => expect(overdue.queryByRole('heading', { name: 'Sans responsable' })).toBeNull());
  });

  it('keeps the action and says so when marking it done fails', async () => {
    const backend = fixture();
    backend.failures.setActionStatus = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    const { user } = setup(backend);
    const overdue = await section('week-overdue');
    const box = overdue.getByRole('checkbox', { name: 'Marquer comme faite : Réserver la salle' });
    await user.click(box);
    expect(await screen.findByRole('alert')).toHaveTextContent('L\'action « Réserver la salle » n\'a pas pu être marquée comme faite.');
    expect(box).not.toBeChecked();
    expect(overdue.getByText('Réserver la salle')).toBeInTheDocument();
  });

  it('flags engagements in progress with no recent session, "Jamais" when they never had one', async () => {
    const { user, onopenengagement } = setup();
    const quiet = await section('week-quiet');
    expect(quiet.getByRole('heading', { level: 2 })).toHaveTextContent('Accompagnements sans séance depuis plus de 6 semaines');
    const rows = quiet.getAllByTestId('quiet-engagement');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Mères solidaires : leadership');
    expect(rows[0]).toHaveTextContent('Dernière séance : Jamais');
    await user.click(quiet.getByRole('link', { name: 'Mères solidaires : leadership' }));
    expect(onopenengagement).toHaveBeenCalledWith('e-meres');
  });

  it('asks again with the threshold the user picks, remembers it, and shows the last session date', async () => {
    const backend = fixture();
    // Climat's sessions in the list are recent; make its last one old enough for 4 weeks only.
    backend.sessions = backend.sessions.filter((s) => s.engagement?.id !== 'e-climat');
    backend.sessions.push(makeSession({ id: 's-sept', starts_at: at(-5, 18), engagement: { id: 'e-climat', title: 'Climat 2026' } }));
    const { user, myWeek } = setup(backend);
    const quiet = await section('week-quiet');
    await waitFor(() => expect(quiet.getAllByTestId('quiet-engagement')).toHaveLength(1));

    await user.selectOptions(quiet.getByLabelText('Seuil'), '4 semaines');
    expect(myWeek).toHaveBeenLastCalledWith(expect.objectContaining({ stale_after_weeks: 4 }));
    await waitFor(() => expect(quiet.getAllByTestId('quiet-engagement')).toHaveLength(2));
    expect(quiet.getByText(/Climat 2026/).closest('li')).toHaveTextContent('Dernière séance : 26 octobre 2026');
    expect(quiet.getByRole('heading', { level: 2 })).toHaveTextContent('plus de 4 semaines');
    expect(localStorage.getItem('flocon.week.staleAfterWeeks')).toBe('4');
  });

  it('starts from the remembered threshold', async () => {
    localStorage.setItem('flocon.week.staleAfterWeeks', '12');
    const { myWeek } = setup();
    const quiet = await section('week-quiet');
    expect(myWeek).toHaveBeenCalledWith(expect.objectContaining({ stale_after_weeks: 12 }));
    expect(quiet.getByLabelText('Seuil')).toHaveValue('12');
  });

  it('says kindly when the week is empty, and offers a new session', async () => {
    const { user, onnewsession } = setup(new FakeCoachingBackend());
    expect((await section('week-today')).getByText(/Pas de séance aujourd'hui/)).toBeInTheDocument();
    expect(screen.getByTestId('week-this-week')).toHaveTextContent('Aucune autre séance prévue cette semaine.');
    expect(screen.getByTestId('week-overdue')).toHaveTextContent('Aucune action en retard.');
    expect(screen.getByTestId('week-upcoming')).toHaveTextContent('Rien d\'attendu dans les quinze prochains jours.');
    expect(screen.getByTestId('week-quiet')).toHaveTextContent('Tous les accompagnements en cours ont eu une séance récemment.');
    await user.click(screen.getByRole('button', { name: /Nouvelle séance/ }));
    expect(onnewsession).toHaveBeenCalledOnce();
  });

  it('offers to try again when the week cannot be loaded', async () => {
    const backend = fixture();
    backend.failures.myWeek = new ApiError({ kind: 'storage', message: 'locked', field: null, problem: null });
    const { user } = setup(backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('La semaine n\'a pas pu être chargée.');
    delete backend.failures.myWeek;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByTestId('week-today')).toBeInTheDocument();
  });
});

describe('WeekScreen with the week asked for at start', () => {
  it('shows the answer asked for before it existed, without asking again', async () => {
    const backend = fixture();
    const myWeek = vi.spyOn(backend, 'myWeek');
    await prefetchWeek(backend, NOW);
    expect(myWeek).toHaveBeenCalledTimes(1);
    render(WeekScreen, { props: { backend, onopensession: vi.fn(), onopenengagement: vi.fn(), onnewsession: vi.fn(), now: NOW } });
    const today = await section('week-today');
    expect(today.getByText('Séance collective')).toBeInTheDocument();
    expect(myWeek).toHaveBeenCalledTimes(1);
  });

  it('asks again when the screen wants another week than the one asked for at start', async () => {
    const backend = fixture();
    const myWeek = vi.spyOn(backend, 'myWeek');
    await prefetchWeek(backend, new Date(2026, 10, 18, 10, 0)); // the week before
    render(WeekScreen, { props: { backend, onopensession: vi.fn(), onopenengagement: vi.fn(), onnewsession: vi.fn(), now: NOW } });
    const today = await section('week-today');
    expect(today.getByText('Séance collective')).toBeInTheDocument();
    expect(myWeek).toHaveBeenCalledTimes(2);
    expect(myWeek.mock.calls[1]?.[0]).toMatchObject({ today: '2026-11-25' });
  });

  it('shows the error of a failed early answer, and the retry asks again', async () => {
    const backend = fixture();
    const myWeek = vi.spyOn(backend, 'myWeek').mockRejectedValueOnce(new ApiError({ kind: 'storage', message: 'base illisible', field: null, problem: null }));
    void prefetchWeek(backend, NOW);
    const user = userEvent.setup();
    render(WeekScreen, { props: { backend, onopensession: vi.fn(), onopenengagement: vi.fn(), onnewsession: vi.fn(), now: NOW } });
    expect(await screen.findByRole('alert')).toHaveTextContent('base illisible');
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByText('Séance collective')).toBeInTheDocument();
    expect(myWeek).toHaveBeenCalledTimes(2);
  });
});
