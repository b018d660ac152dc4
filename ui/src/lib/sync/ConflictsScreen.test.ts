import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SyncError } from './api';
import ConflictsScreen from './ConflictsScreen.svelte';
import { FakeSyncBackend, sampleConflicts } from './fake';

function setup(backend = new FakeSyncBackend({ folder: '/media/cle/flocon', conflicts: sampleConflicts() })) {
  const user = userEvent.setup();
  render(ConflictsScreen, { props: { backend } });
  return { backend, user };
}

const cards = () => screen.findAllByTestId('conflict-card');

async function card(id: string) {
  const found = (await cards()).find((c) => c.dataset.conflictId === id);
  if (!found) throw new Error(`no card for ${id}`);
  return within(found);
}

describe('ConflictsScreen', () => {
  it('shows each conflict with its two versions, named in French', async () => {
    setup();
    expect(await cards()).toHaveLength(3);
    expect(screen.getByText('3 conflits à régler')).toBeInTheDocument();

    const awa = await card('c-city-awa');
    expect(awa.getByRole('heading', { level: 2 })).toHaveTextContent('Awa Diallo');
    expect(awa.getByText('Contact · Ville')).toBeInTheDocument();
    expect(awa.getByText('2 versions')).toBeInTheDocument();
    const kept = awa.getByRole('region', { name: 'Version de Portable de Karim' });
    const other = awa.getByRole('region', { name: 'Version de Portable de Léa' });
    expect(kept).toHaveTextContent('Villeurbanne');
    expect(other).toHaveTextContent('Lyon');
    expect(kept.closest('section')).toHaveTextContent('Version retenue');
    expect(other.closest('section')).not.toHaveTextContent('Version retenue');
    expect(awa.getByTestId('conflict-keep-kept')).toHaveTextContent('Garder cette version');

    const notes = await card('c-notes-lilas');
    expect(notes.getByText('Séance · Notes')).toBeInTheDocument();
    // Markdown notes keep their line breaks.
    expect(notes.getByRole('region', { name: 'Version de Portable de Léa' }).textContent).toContain(
      '## Météo\n\nÉnergie en hausse depuis la pétition.',
    );
  });

  it('keeps the chosen version, and the conflict leaves the open list', async () => {
    const { backend, user } = setup();
    const resolve = vi.spyOn(backend, 'resolve');
    const awa = await card('c-city-awa');
    await user.click(awa.getByTestId('conflict-keep-other'));

    expect(resolve).toHaveBeenCalledWith('c-city-awa', { keep: 'other' });
    await waitFor(() => expect(screen.getAllByTestId('conflict-card')).toHaveLength(2));
    expect(screen.getAllByTestId('conflict-card').map((c) => c.dataset.conflictId)).not.toContain('c-city-awa');
    expect(screen.getByRole('status')).toHaveTextContent('Conflit réglé : Awa Diallo — Contact · Ville.');
    expect(screen.getByText('2 conflits à régler')).toBeInTheDocument();
    // Focus goes to the card that took its place rather than being lost.
    expect(document.activeElement?.tagName).toBe('H2');
  });

  it('saves a version combined by hand', async () => {
    const { backend, user } = setup();
    const resolve = vi.spyOn(backend, 'resolve');
    const notes = await card('c-notes-lilas');
    await user.click(notes.getByTestId('conflict-combine'));

    const text = notes.getByTestId('conflict-combined-text');
    expect(text).toHaveFocus();
    expect(notes.getByLabelText('Version combinée')).toBe(text);
    const value = (text as HTMLTextAreaElement).value;
    expect(value.startsWith('## Météo\n\nÉnergie en hausse')).toBe(true);
    expect(value).toContain('\n\n---\n\n## Météo\n\nFatigue après la distribution de tracts.');

    await user.clear(text);
    await user.type(text, 'Énergie en hausse, mais fatigue après les tracts.');
    await user.click(notes.getByTestId('conflict-save-combined'));

    expect(resolve).toHaveBeenCalledWith('c-notes-lilas', {
      keep: 'combined',
      text: 'Énergie en hausse, mais fatigue après les tracts.',
    });
    await waitFor(() => expect(screen.getAllByTestId('conflict-card')).toHaveLength(2));
    expect(backend.conflictList.find((c) => c.id === 'c-notes-lilas')?.kept.text).toBe(
      'Énergie en hausse, mais fatigue après les tracts.',
    );
  });

  it('words a deletion as such, with no combining', async () => {
    const { backend, user } = setup();
    const resolve = vi.spyOn(backend, 'resolve');
    const action = await card('c-action-mairie');
    expect(action.getByText('Action · Suppression')).toBeInTheDocument();
    expect(action.getByText(/^Supprimé sur Portable de Karim le \d{1,2} \S+ \d{4} à \d{2}:\d{2}$/)).toBeInTheDocument();
    expect(action.getByTestId('conflict-keep-kept')).toHaveTextContent('Garder (restaurer)');
    expect(action.getByTestId('conflict-keep-other')).toHaveTextContent('Supprimer quand même');
    expect(action.queryByTestId('conflict-combine')).toBeNull();

    await user.click(action.getByTestId('conflict-keep-other'));
    expect(resolve).toHaveBeenCalledWith('c-action-mairie', { keep: 'other' });
  });

  it('shows the settled conflicts on demand, without buttons', async () => {
    const { backend, user } = setup();
    const list = vi.spyOn(backend, 'conflicts');
    await user.click((await card('c-city-awa')).getByTestId('conflict-keep-kept'));
    await waitFor(() => expect(screen.getAllByTestId('conflict-card')).toHaveLength(2));

    await user.click(screen.getByLabelText('Voir aussi les conflits réglés'));
    await waitFor(() => expect(screen.getAllByTestId('conflict-card')).toHaveLength(3));
    expect(list).toHaveBeenLastCalledWith(false);
    const ids = screen.getAllByTestId('conflict-card').map((c) => c.dataset.conflictId);
    expect(ids.at(-1)).toBe('c-city-awa');
    const settled = await card('c-city-awa');
    expect(settled.getByText('Réglé')).toBeInTheDocument();
    expect(settled.queryByRole('button')).toBeNull();
  });

  it('says so when there is no conflict', async () => {
    setup(new FakeSyncBackend({ folder: '/media/cle/flocon' }));
    expect(await screen.findByTestId('conflicts-empty')).toHaveTextContent('Aucun conflit : toutes les versions concordent.');
  });

  it('explains a conflict already settled elsewhere', async () => {
    const { backend, user } = setup();
    backend.failures.resolve = new SyncError('not_found', 'conflict c-city-awa not found');
    const awa = await card('c-city-awa');
    await user.click(awa.getByTestId('conflict-keep-kept'));
    expect(await awa.findByRole('alert')).toHaveTextContent(
      'Ce conflit n\'existe plus : il a peut-être déjà été réglé sur un autre ordinateur.',
    );
    expect(awa.getByTestId('conflict-keep-kept')).toBeEnabled();
  });
});
