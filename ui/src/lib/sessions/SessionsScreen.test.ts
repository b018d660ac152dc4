import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeCoachingBackend, makeAction, makeSession } from './fake';
import SessionsScreen from './SessionsScreen.svelte';

const climat = { id: 'o-climat', name: 'Climat Quartiers' };
const engagement = { id: 'e1', title: 'Accompagnement Climat 2026' };

function setup() {
  const backend = new FakeCoachingBackend({
    sessions: [
      makeSession({ id: 's-old', title: 'Lancement', starts_at: '2020-03-02T17:00:00Z' }),
      makeSession({
        id: 's-recent',
        title: 'Bilan du trimestre',
        starts_at: '2020-06-10T16:00:00Z',
        organizations: [climat],
        engagement,
        actions: [makeAction({ id: 'a1', text: 'Appeler la mairie' }), makeAction({ id: 'a2', text: 'Réserver la salle' })],
      }),
      makeSession({ id: 's-next', title: 'Atelier récit', starts_at: '2099-10-14T16:00:00Z', duration_minutes: 90, organizations: [climat] }),
    ],
  });
  const onopen = vi.fn();
  const oncreate = vi.fn();
  render(SessionsScreen, { props: { backend, onopen, oncreate } });
  return { backend, onopen, oncreate, user: userEvent.setup() };
}

describe('SessionsScreen', () => {
  it('lists upcoming sessions, then past ones newest first, with their collectives and open actions', async () => {
    const { onopen, user } = setup();
    const upcoming = await screen.findByTestId('sessions-upcoming');
    const past = screen.getByTestId('sessions-past');

    const [next] = within(upcoming).getAllByTestId('session-row');
    expect(next).toHaveTextContent('Atelier récit');
    expect(next).toHaveTextContent(/octobre 2099, \d{2}:\d{2} – \d{2}:\d{2}/);
    expect(next).toHaveTextContent('Climat Quartiers');
    expect(next).toHaveTextContent('Aucune action ouverte');

    const rows = within(past).getAllByTestId('session-row');
    expect(rows.map((r) => within(r).getByRole('button').textContent)).toEqual([
      expect.stringContaining('Bilan du trimestre'),
      expect.stringContaining('Lancement'),
    ]);
    expect(rows[0]).toHaveTextContent('Accompagnement Climat 2026');
    expect(rows[0]).toHaveTextContent('2 actions ouvertes');
    expect(rows[0]).toHaveTextContent(/juin 2020/);

    await user.click(within(rows[0]!).getByRole('button', { name: /Bilan du trimestre/ }));
    expect(onopen).toHaveBeenCalledWith('s-recent');
  });

  it('exports the calendar and says where the file is', async () => {
    const { user, backend } = setup();
    const save = vi.spyOn(backend, 'saveCalendarFile');
    await user.click(await screen.findByRole('button', { name: 'Exporter le calendrier (.ics)' }));
    expect(save).toHaveBeenCalledOnce();
    expect(await screen.findByTestId('export-result')).toHaveTextContent(
      'Calendrier enregistré : /home/equipe/Téléchargements/flocon-seances.ics',
    );
  });

  it('tells when the calendar could not be saved', async () => {
    const { user, backend } = setup();
    backend.failNext('saveCalendarFile', { kind: 'storage', message: 'disk full' });
    await user.click(await screen.findByRole('button', { name: 'Exporter le calendrier (.ics)' }));
    expect(await screen.findByTestId('export-result')).toHaveTextContent('Le calendrier n’a pas pu être enregistré.');
  });

  it('opens the new-session form', async () => {
    const { user, oncreate } = setup();
    await user.click(await screen.findByRole('button', { name: 'Préparer une séance' }));
    expect(oncreate).toHaveBeenCalledOnce();
  });
});
