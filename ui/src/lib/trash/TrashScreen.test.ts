import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { damagedError } from '../backup/fake';
import { FakeTrashBackend, sampleTrashBackend, trashItem } from './fake';
import TrashScreen from './TrashScreen.svelte';

// The user is in Paris: 09:30 UTC on 26 November is 10:30 there.
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

const NOW = new Date('2026-11-26T11:30:00Z');

function setup(backend: FakeTrashBackend = sampleTrashBackend(NOW)) {
  const user = userEvent.setup();
  const onopen = vi.fn();
  const empty = vi.spyOn(backend, 'emptyTrash');
  render(TrashScreen, { props: { backend, onopen, now: NOW } });
  return { user, backend, onopen, empty };
}

const storage = (message: string) => new ApiError({ kind: 'storage', message, field: null, problem: null });

describe('TrashScreen', () => {
  it('lists what was deleted, newest first, with the kind in French, when it was deleted and when it goes', async () => {
    // Given out of order: the screen still shows the newest first.
    const backend = new FakeTrashBackend([
      trashItem('t-lilas', 'organization', 'Collectif Les Lilas', '2026-11-16T09:30:00Z'),
      trashItem('t-awa', 'person', 'Awa Diallo', '2026-11-26T09:30:00Z'),
      trashItem('t-action', 'action', 'Tracter au marché', '2026-10-31T08:00:00Z'),
    ]);
    setup(backend);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Corbeille');
    const rows = await screen.findAllByTestId('trash-row');
    expect(rows.map((r) => within(r).getByText(/^(Awa|Collectif Les|Tracter)/).textContent)).toEqual([
      'Awa Diallo',
      'Collectif Les Lilas',
      'Tracter au marché',
    ]);
    expect(rows[0]).toHaveTextContent('Contact');
    expect(rows[0]).toHaveTextContent('supprimé le 26 novembre 2026 à 10:30');
    expect(rows[0]).toHaveTextContent('sera effacé définitivement le 26 décembre 2026 à 10:30');
    expect(rows[1]).toHaveTextContent('Collectif ou organisation');
    // Three days and 20 hours left: said in whole days.
    expect(rows[2]).toHaveTextContent('Action');
    expect(rows[2]).toHaveTextContent('supprimée le 31 octobre 2026 à 09:00');
    expect(rows[2]).toHaveTextContent('sera effacée définitivement dans 3 jours');
  });

  it('puts a record back: its line leaves, the status says where it is, and it can be opened', async () => {
    const { user, backend, onopen } = setup();
    const list = within(await screen.findByTestId('trash-list'));
    await user.click(list.getByRole('button', { name: 'Restaurer Awa Diallo' }));

    await waitFor(() => expect(screen.getByTestId('trash-status')).toHaveTextContent('Awa Diallo est de retour dans les contacts.'));
    expect(screen.getByTestId('trash-status')).not.toHaveTextContent('lien');
    expect(backend.restored).toEqual(['t-awa']);
    expect(screen.queryByText('Awa Diallo', { selector: '.label' })).toBeNull();
    expect(screen.getAllByTestId('trash-row')).toHaveLength(4);
    // Focus moves on to the next line, so several can be restored from the keyboard.
    expect(list.getByRole('button', { name: 'Restaurer Séance de coaching — Collectif Les Lilas' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Ouvrir Awa Diallo' }));
    expect(onopen).toHaveBeenCalledWith('person', 'record-t-awa');
  });

  it('says when some of the record\'s links could not be put back', async () => {
    const backend = sampleTrashBackend(NOW);
    backend.leftOut.set('t-seance', 2);
    const { user } = setup(backend);
    await user.click(await screen.findByRole('button', { name: 'Restaurer Séance de coaching — Collectif Les Lilas' }));
    const status = screen.getByTestId('trash-status');
    await waitFor(() => expect(status).toHaveTextContent('La séance « Séance de coaching — Collectif Les Lilas » est de retour.'));
    expect(status).toHaveTextContent('2 liens n\'ont pas pu être rétablis');
  });

  it('shows a failed restore in French and keeps the line', async () => {
    const backend = sampleTrashBackend(NOW);
    backend.failures.restoreFromTrash = storage('disk full');
    const { user } = setup(backend);
    await user.click(await screen.findByRole('button', { name: 'Restaurer Awa Diallo' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('La restauration de « Awa Diallo » n\'a pas abouti.');
    expect(alert).toHaveTextContent('ses données : disk full');
    expect(screen.getAllByTestId('trash-row')).toHaveLength(5);
    expect(screen.getByTestId('trash-status')).toHaveTextContent(/^$/);
  });

  it('says plainly when the database turns out to be damaged', async () => {
    const backend = sampleTrashBackend(NOW);
    backend.failures.restoreFromTrash = damagedError();
    const { user } = setup(backend);
    await user.click(await screen.findByRole('button', { name: 'Restaurer Awa Diallo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Le fichier de données de Flocon est endommagé : rien n\'a été modifié.');
    expect(screen.getAllByTestId('trash-row')).toHaveLength(5);
  });

  it('says so when the item is no longer in the trash, and shows the list as it is now', async () => {
    const backend = sampleTrashBackend(NOW);
    const { user } = setup(backend);
    const button = await screen.findByRole('button', { name: 'Restaurer Awa Diallo' });
    // Another window restored it meanwhile.
    backend.items = backend.items.filter((i) => i.id !== 't-awa');
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent('« Awa Diallo » n\'est plus dans la corbeille');
    await waitFor(() => expect(screen.getAllByTestId('trash-row')).toHaveLength(4));
  });

  it('asks before emptying, saying how many items go for good; cancelling changes nothing', async () => {
    const { user, backend, empty } = setup();
    await screen.findAllByTestId('trash-row');
    await user.click(screen.getByRole('button', { name: 'Vider la corbeille' }));

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAccessibleName('Vider la corbeille ?');
    expect(dialog).toHaveTextContent('Les 5 éléments de la corbeille seront effacés définitivement. Cette action est irréversible.');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(empty).not.toHaveBeenCalled();
    expect(backend.items).toHaveLength(5);
    expect(screen.getAllByTestId('trash-row')).toHaveLength(5);
  });

  it('empties the trash once confirmed, and says how many items went', async () => {
    const { user, backend, empty } = setup();
    await screen.findAllByTestId('trash-row');
    await user.click(screen.getByRole('button', { name: 'Vider la corbeille' }));
    await user.click(screen.getByTestId('confirm-empty-trash'));

    await waitFor(() => expect(screen.getByTestId('trash-empty')).toHaveTextContent('La corbeille est vide.'));
    expect(empty).toHaveBeenCalledOnce();
    expect(backend.items).toEqual([]);
    expect(screen.queryByTestId('trash-row')).toBeNull();
    expect(screen.getByTestId('trash-status')).toHaveTextContent('5 éléments ont été effacés définitivement.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Vider la corbeille' })).toBeNull();
  });

  it('keeps everything and says why when emptying fails', async () => {
    const backend = sampleTrashBackend(NOW);
    backend.failures.emptyTrash = storage('locked');
    const { user } = setup(backend);
    await screen.findAllByTestId('trash-row');
    await user.click(screen.getByRole('button', { name: 'Vider la corbeille' }));
    await user.click(screen.getByTestId('confirm-empty-trash'));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('La corbeille n\'a pas été vidée.');
    expect(screen.getAllByTestId('trash-row')).toHaveLength(5);
  });

  it('says kindly when the trash is empty, and offers nothing to empty', async () => {
    setup(new FakeTrashBackend());
    expect(await screen.findByTestId('trash-empty')).toHaveTextContent(
      'La corbeille est vide. Les éléments supprimés y restent 30 jours.',
    );
    expect(screen.queryByRole('button', { name: 'Vider la corbeille' })).toBeNull();
  });

  it('offers to try again when the trash cannot be read', async () => {
    const backend = sampleTrashBackend(NOW);
    backend.failures.listTrash = storage('locked');
    const { user } = setup(backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('La corbeille n\'a pas pu être lue.');
    delete backend.failures.listTrash;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findAllByTestId('trash-row')).toHaveLength(5);
  });
});
