import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { SyncError, type SyncProgress, type SyncReport } from './api';
import { FakeSyncBackend, minutesAgo } from './fake';
import SyncScreen from './SyncScreen.svelte';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

const reading: SyncProgress = { step: 'reading', done: 12, total: 120 };
const sending: SyncProgress = { step: 'sending', done: 3, total: 40 };
const applying: SyncProgress = { step: 'applying', done: 40, total: 200 };
const settling: SyncProgress = { step: 'settling', done: 0, total: 0 };

function setup(backend: FakeSyncBackend) {
  const user = userEvent.setup();
  const view = render(SyncScreen, { props: { backend } });
  return { user, view };
}

/** A sync now that runs until `finish` (or `fail`) is called. */
function holdSyncNow(backend: FakeSyncBackend) {
  const real = backend.syncNow.bind(backend);
  const held = { finish: async () => {}, fail: (_error: SyncError) => {} };
  vi.spyOn(backend, 'syncNow').mockImplementation(
    () =>
      new Promise<SyncReport>((resolve, reject) => {
        held.finish = async () => resolve(await real());
        held.fail = reject;
      }),
  );
  return held;
}

const bar = () => screen.getByRole('progressbar', { name: 'Avancement de la synchronisation' });
const line = () => screen.getByTestId('sync-progress-line');

describe('SyncScreen while a sync runs', () => {
  it('shows a labelled bar that says each step and its counts, then hides it when the sync ends', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', pending: 2 });
    const held = holdSyncNow(backend);
    const { user } = setup(backend);
    await user.click(await screen.findByTestId('sync-now'));

    // Before the first report, a bar without a value: it moves without counting.
    expect(bar()).not.toHaveAttribute('value');
    expect(line()).toHaveTextContent('Synchronisation…');
    expect(bar()).toHaveAttribute('aria-describedby', 'sync-progress-line');

    backend.tell(reading);
    await waitFor(() => expect(line()).toHaveTextContent('Lecture du dossier partagé : 12 fichiers sur 120'));
    expect(bar()).toHaveAttribute('value', '12');
    expect(bar()).toHaveAttribute('max', '120');

    backend.tell(sending);
    await waitFor(() => expect(line()).toHaveTextContent('Envoi : 3 lots de modifications sur 40'));
    expect(bar()).toHaveAttribute('value', '3');
    expect(bar()).toHaveAttribute('max', '40');

    backend.tell(applying);
    await waitFor(() => expect(line()).toHaveTextContent('Application des modifications : 40 sur 200'));
    expect(bar()).toHaveAttribute('value', '40');
    expect(bar()).toHaveAttribute('max', '200');

    backend.tell(settling);
    await waitFor(() => expect(line()).toHaveTextContent('Mise à jour des fiches…'));
    expect(bar()).not.toHaveAttribute('value');
    expect(screen.getByTestId('sync-now')).toBeDisabled();

    // The core's end comes a moment before the call returns: the last step stays until then.
    backend.tell(null);
    await tick();
    expect(line()).toHaveTextContent('Mise à jour des fiches…');

    await held.finish();
    await screen.findByTestId('sync-report');
    expect(screen.queryByTestId('sync-progress')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('sync-now')).toBeEnabled());
  });

  it('hides the bar when the sync fails', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon' });
    const held = holdSyncNow(backend);
    const { user } = setup(backend);
    await user.click(await screen.findByTestId('sync-now'));
    backend.tell(reading);
    await waitFor(() => expect(bar()).toHaveAttribute('value', '12'));

    held.fail(new SyncError('sync_folder_missing', 'sync folder /media/cle/flocon: not there'));
    expect(await screen.findByTestId('sync-error')).toHaveTextContent('La synchronisation n\'a pas abouti.');
    expect(screen.queryByTestId('sync-progress')).toBeNull();
    expect(screen.getByTestId('sync-now')).toBeEnabled();
  });

  it('shows the progress of an automatic sync too, with the button disabled, and what it changed after', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', lastSync: minutesAgo(20) });
    setup(backend);
    expect(await screen.findByTestId('sync-last')).toHaveTextContent('il y a 20 minutes');

    backend.tell(applying);
    await waitFor(() => expect(line()).toHaveTextContent('Application des modifications : 40 sur 200'));
    expect(screen.getByTestId('sync-now')).toBeDisabled();
    expect(screen.getByTestId('sync-now')).toHaveTextContent('Synchronisation…');

    backend.lastSync = new Date().toISOString();
    backend.tell(null);
    await waitFor(() => expect(screen.queryByTestId('sync-progress')).toBeNull());
    expect(screen.getByTestId('sync-now')).toBeEnabled();
    await waitFor(() => expect(screen.getByTestId('sync-last')).toHaveTextContent('à l\'instant'));
  });

  it('speaks English when the app does', async () => {
    setLocale('en');
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon' });
    holdSyncNow(backend);
    const { user } = setup(backend);
    await user.click(await screen.findByTestId('sync-now'));
    backend.tell(reading);
    await waitFor(() => expect(line()).toHaveTextContent('Reading the shared folder: 12 files out of 120'));
    expect(screen.getByRole('progressbar', { name: 'Sync progress' })).toHaveAttribute('max', '120');
  });

  it('stops listening when the screen closes', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon' });
    const { view } = setup(backend);
    await screen.findByTestId('sync-now');
    await waitFor(() => expect(backend.watching).toBe(1));
    view.unmount();
    expect(backend.watching).toBe(0);
  });
});
