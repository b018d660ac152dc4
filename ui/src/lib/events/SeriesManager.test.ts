import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import EventsScreen from './EventsScreen.svelte';
import { FakeEventsBackend, makeEvent, makeSeries } from './fake';

const gagner = makeSeries('series-gagner', '#GagnerEnsemble');
const open = makeSeries('series-open', '#OpenSorce');

function setup() {
  const backend = new FakeEventsBackend({
    series: [gagner, open],
    events: [makeEvent({ id: 'e-1', title: 'Trouver des financements', starts_at: '2026-06-12T17:00:00Z', series: { id: open.id, name: open.name } })],
  });
  const user = userEvent.setup();
  render(EventsScreen, { props: { backend, onopenevent: () => {}, onnewevent: () => {} } });
  return { backend, user };
}

describe('SeriesManager', () => {
  it('renames a series, and the filter and the events carry the new name', async () => {
    const { backend, user } = setup();
    const manager = within(await screen.findByTestId('series-manager'));
    await user.click(manager.getByRole('button', { name: 'Gérer les séries' }));
    expect(manager.getAllByTestId('series-line').map((l) => l.textContent)).toEqual([
      expect.stringContaining('#GagnerEnsemble'),
      expect.stringContaining('1 rencontre'),
    ]);
    await user.click(manager.getByRole('button', { name: 'Renommer la série #OpenSorce' }));
    const input = manager.getByLabelText('Nouveau nom de la série #OpenSorce');
    await user.clear(input);
    await user.type(input, '#OpenSource');
    await user.click(manager.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.getByRole('option', { name: '#OpenSource' })).toBeInTheDocument());
    expect(backend.series.map((s) => s.name)).toContain('#OpenSource');
    expect(manager.getByText('Série renommée « #OpenSource ».')).toBeInTheDocument();
  });

  it('adds a series ahead of its first event, and says why an empty name is refused', async () => {
    const { user } = setup();
    const manager = within(await screen.findByTestId('series-manager'));
    await user.click(manager.getByRole('button', { name: 'Gérer les séries' }));
    await user.click(manager.getByRole('button', { name: 'Renommer la série #GagnerEnsemble' }));
    await user.clear(manager.getByLabelText('Nouveau nom de la série #GagnerEnsemble'));
    await user.click(manager.getByRole('button', { name: 'Enregistrer' }));
    expect(await manager.findByRole('alert')).toHaveTextContent(/nom|requis|obligatoire/i);

    await user.type(manager.getByLabelText('Nouvelle série'), 'Porte-à-porte');
    await user.click(manager.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(screen.getByRole('option', { name: 'Porte-à-porte' })).toBeInTheDocument());
  });
});
