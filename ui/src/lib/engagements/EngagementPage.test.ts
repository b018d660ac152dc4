import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import EngagementPage from './EngagementPage.svelte';
import { FakeCoachingBackend, makeAction, makeEngagement, makeSession } from './fake';

const ref = { id: 'e-climat', title: 'Climat Quartiers 2026' };
const first = makeSession({ id: 's1', title: 'Lancement', starts_at: '2026-09-10T10:00:00Z', engagement: ref, format: 'bilateral' });
const second = makeSession({ id: 's2', title: 'Point d\'étape', starts_at: '2026-10-12T10:00:00Z', engagement: ref });
const sessionRef = (s: typeof first) => ({ id: s.id, title: s.title, starts_at: s.starts_at });

function fixture() {
  const backend = new FakeCoachingBackend({
    engagements: [
      makeEngagement({
        id: 'e-climat',
        title: 'Climat Quartiers 2026',
        organizations: [{ id: 'o1', name: 'Climat Quartiers' }],
        kinds: ['team_coaching'],
        goals: '- [x] Une équipe de 5\n- [ ] Une campagne\n- [ ] Un festival',
        starts_on: '2026-09-01',
        ends_on: '2027-06-30',
        cadence: 'bilatérale mensuelle',
        funder: { id: 'o-fond', name: 'Fondation Horizons' },
        leads: [{ id: 'p-lea', name: 'Léa Rousseau' }],
      }),
    ],
    sessions: [second, first],
    actions: [
      makeAction({ id: 'a-done', text: 'Cartographier les alliés', status: 'done', done_on: '2026-09-20', session: sessionRef(first) }),
      makeAction({ id: 'a-open', text: 'Écrire le tract', owner: { id: 'p-lea', name: 'Léa Rousseau' }, due_on: '2026-10-30', session: sessionRef(second) }),
      makeAction({ id: 'a-dropped', text: 'Louer un bus', status: 'dropped', session: sessionRef(first) }),
    ],
  });
  backend.decisions.set('s1', ['Se réunir le mardi']);
  backend.decisions.set('s2', ['Lancer la campagne en novembre']);
  backend.goalsHtml.set(
    'e-climat',
    '<ul><li><input type="checkbox" checked disabled> Une équipe de 5</li><li><input type="checkbox" disabled> Une campagne <a href="https://example.org/plan">plan</a></li></ul>',
  );
  return backend;
}

function setup(backend = fixture()) {
  const user = userEvent.setup();
  const props = {
    backend,
    id: 'e-climat',
    onedit: vi.fn(),
    onopensession: vi.fn(),
    onnewsession: vi.fn(),
    ondeleted: vi.fn(),
    onback: vi.fn(),
  };
  render(EngagementPage, { props });
  return { user, ...props };
}

describe('EngagementPage', () => {
  it('shows the engagement\'s status, collectives, kinds, dates, cadence, funder and leads', async () => {
    setup();
    expect(await screen.findByTestId('engagement-title')).toHaveTextContent('Climat Quartiers 2026');
    expect(screen.getByTestId('engagement-status')).toHaveTextContent('En cours');
    const facts = screen.getByTestId('engagement-facts');
    expect(facts).toHaveTextContent('Climat Quartiers');
    expect(facts).toHaveTextContent('Coaching d\'équipe');
    expect(facts).toHaveTextContent('Du 1 septembre 2026 au 30 juin 2027');
    expect(facts).toHaveTextContent('bilatérale mensuelle');
    expect(within(facts).getByRole('link', { name: 'Fondation Horizons' })).toBeInTheDocument();
    expect(within(facts).getByRole('link', { name: 'Léa Rousseau' })).toBeInTheDocument();
  });

  it('shows the goals as rendered and keeps their links from leaving the app', async () => {
    setup();
    const goals = await screen.findByTestId('engagement-goals');
    expect(goals).toHaveTextContent('Une équipe de 5');
    const link = within(goals).getByRole('link', { name: 'plan' });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    await fireEvent(link, click);
    expect(click.defaultPrevented).toBe(true);
  });

  it('shows progress as bars with their numbers in words', async () => {
    setup();
    const goals = await screen.findByRole('progressbar', { name: 'Objectifs atteints' });
    expect(goals).toHaveAttribute('value', '1');
    expect(goals).toHaveAttribute('max', '3');
    expect(goals).toHaveAttribute('aria-valuetext', '1 sur 3');
    const actions = screen.getByRole('progressbar', { name: 'Actions faites' });
    expect(actions).toHaveAttribute('aria-valuetext', '1 sur 2');
  });

  it('lists sessions in order and every decision with its session', async () => {
    const { user, onopensession } = setup();
    const sessions = within(await screen.findByTestId('engagement-sessions'));
    expect(sessions.getAllByRole('link').map((a) => a.textContent?.trim())).toEqual(['Lancement', 'Point d\'étape']);
    expect(sessions.getAllByRole('listitem')[0]).toHaveTextContent('10 septembre 2026 · Bilatéral');

    const decisions = screen.getAllByTestId('decision');
    expect(decisions.map((d) => d.firstElementChild?.textContent)).toEqual(['Se réunir le mardi', 'Lancer la campagne en novembre']);
    expect(decisions[1]).toHaveTextContent('Point d\'étape, 12 octobre 2026');
    await user.click(within(decisions[1]!).getByRole('link'));
    expect(onopensession).toHaveBeenCalledWith('s2');
  });

  it('lists every action, open first, and marks one done, which moves the progress', async () => {
    const { user } = setup();
    const actions = within(await screen.findByTestId('engagement-actions'));
    const rows = actions.getAllByTestId('action');
    expect(rows[0]).toHaveTextContent('Écrire le tract');
    expect(rows[0]).toHaveTextContent('Responsable : Léa Rousseau');
    expect(actions.getByText('Louer un bus').closest('li')).toHaveTextContent('Abandonnée');

    await user.click(actions.getByRole('checkbox', { name: 'Marquer comme faite : Écrire le tract' }));
    await waitFor(() =>
      expect(actions.getByRole('checkbox', { name: 'Remettre à faire : Écrire le tract' })).toBeChecked(),
    );
    expect(screen.getByRole('progressbar', { name: 'Actions faites' })).toHaveAttribute('aria-valuetext', '2 sur 2');
  });

  it('starts a session, edits, and goes back', async () => {
    const { user, onnewsession, onedit, onback } = setup();
    await user.click(await screen.findByRole('button', { name: 'Nouvelle séance' }));
    expect(onnewsession).toHaveBeenCalledWith('e-climat');
    await user.click(screen.getByTestId('edit-engagement'));
    expect(onedit).toHaveBeenCalledWith('e-climat');
    await user.click(screen.getByRole('link', { name: /Retour aux accompagnements/ }));
    expect(onback).toHaveBeenCalledOnce();
  });

  it('deletes after confirmation', async () => {
    const backend = fixture();
    const { user, ondeleted } = setup(backend);
    await user.click(await screen.findByTestId('delete-engagement'));
    expect(screen.getByRole('dialog')).toHaveTextContent('Supprimer « Climat Quartiers 2026 » ?');
    await user.click(screen.getByTestId('cancel-delete-engagement'));
    expect(backend.engagements).toHaveLength(1);

    await user.click(screen.getByTestId('delete-engagement'));
    await user.click(screen.getByTestId('confirm-delete-engagement'));
    await waitFor(() => expect(ondeleted).toHaveBeenCalledWith('Climat Quartiers 2026'));
    expect(backend.engagements).toHaveLength(0);
  });

  it('says so when the engagement no longer exists', async () => {
    const backend = new FakeCoachingBackend();
    render(EngagementPage, {
      props: { backend, id: 'gone', onedit: vi.fn(), onopensession: vi.fn(), onnewsession: vi.fn(), ondeleted: vi.fn(), onback: vi.fn() },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Cet accompagnement n\'existe plus.');
  });
});
