import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import EngagementsScreen from './EngagementsScreen.svelte';
import { FakeCoachingBackend, makeEngagement, makeSession } from './fake';

function fixture() {
  const backend = new FakeCoachingBackend({
    engagements: [
      makeEngagement({
        id: 'e-climat',
        title: 'Climat Quartiers 2026',
        organizations: [{ id: 'o1', name: 'Climat Quartiers' }, { id: 'o2', name: 'Jeunes pour le climat' }],
        kinds: ['team_coaching', 'storytelling'],
        status: 'active',
      }),
      makeEngagement({ id: 'e-meres', title: 'Mères solidaires', status: 'finished' }),
    ],
    sessions: [
      makeSession({ id: 's1', starts_at: '2026-09-10T10:00:00Z', engagement: { id: 'e-climat', title: 'Climat Quartiers 2026' } }),
      makeSession({ id: 's2', starts_at: '2026-10-12T10:00:00Z', engagement: { id: 'e-climat', title: 'Climat Quartiers 2026' } }),
    ],
  });
  return backend;
}

function setup(backend = fixture()) {
  const user = userEvent.setup();
  const onopen = vi.fn();
  const oncreate = vi.fn();
  const list = vi.spyOn(backend, 'listEngagements');
  render(EngagementsScreen, { props: { backend, onopen, oncreate } });
  return { user, onopen, oncreate, list };
}

describe('EngagementsScreen', () => {
  it('lists engagements with collectives, kinds, status, last session and count', async () => {
    setup();
    const rows = await screen.findAllByTestId('engagement-row');
    expect(rows).toHaveLength(2);
    const climat = within(rows[0]!);
    expect(climat.getByRole('link')).toHaveTextContent('Climat Quartiers 2026');
    expect(rows[0]).toHaveTextContent('Climat Quartiers, Jeunes pour le climat');
    expect(climat.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Coaching d\'équipe', 'Narration et communication']);
    expect(climat.getByTestId('engagement-status')).toHaveTextContent('En cours');
    expect(rows[0]).toHaveTextContent('Dernière séance : 12 octobre 2026');
    expect(rows[0]).toHaveTextContent('2 séances');
    expect(rows[1]).toHaveTextContent('Pas encore de séance');
    expect(screen.getByTestId('engagements-count')).toHaveTextContent('2 accompagnements');
  });

  it('filters by status through the core', async () => {
    const { user, list } = setup();
    await screen.findAllByTestId('engagement-row');
    await user.selectOptions(screen.getByLabelText('Filtrer par statut'), 'Terminé');
    expect(list).toHaveBeenLastCalledWith('finished');
    await waitFor(() => expect(screen.getAllByTestId('engagement-row')).toHaveLength(1));
    expect(screen.getByTestId('engagement-row')).toHaveTextContent('Mères solidaires');

    await user.selectOptions(screen.getByLabelText('Filtrer par statut'), 'Suspendu');
    expect(await screen.findByTestId('no-engagements')).toHaveTextContent('Aucun accompagnement avec le statut « Suspendu ».');
  });

  it('opens an engagement and creates a new one', async () => {
    const { user, onopen, oncreate } = setup();
    await user.click(await screen.findByRole('link', { name: 'Mères solidaires' }));
    expect(onopen).toHaveBeenCalledWith('e-meres');
    await user.click(screen.getByRole('button', { name: /Nouvel accompagnement/ }));
    expect(oncreate).toHaveBeenCalledOnce();
  });

  it('invites to create the first engagement when there is none', async () => {
    setup(new FakeCoachingBackend());
    expect(await screen.findByTestId('no-engagements')).toHaveTextContent('Aucun accompagnement pour l\'instant');
  });
});
