import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { SYNC_ENDED_EVENT, SYNC_PROGRESS_EVENT, SyncError, tauriSyncBackend, toSyncError, type SyncProgress } from './api';

afterEach(() => clearMocks());

function recordCalls(reply: (cmd: string) => unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return reply(cmd);
  });
  return calls;
}

describe('tauriSyncBackend', () => {
  it('calls each command by its name, with camelCase arguments for Rust', async () => {
    const calls = recordCalls((cmd) => (cmd === 'conflicts_list' ? [] : {}));

    await tauriSyncBackend.status();
    await tauriSyncBackend.create('/media/cle/flocon', 'ours polaire', true);
    await tauriSyncBackend.join('/media/cle/flocon', 'ours polaire', false);
    await tauriSyncBackend.syncNow();
    await tauriSyncBackend.unlock('ours polaire', true);
    await tauriSyncBackend.rekey('ours brun');
    await tauriSyncBackend.disconnect();
    await tauriSyncBackend.renameDevice('Portable de Léa');
    await expect(tauriSyncBackend.conflicts(true)).resolves.toEqual([]);
    await tauriSyncBackend.resolve('c1', { keep: 'combined', text: 'Lyon' });

    expect(calls).toEqual([
      { cmd: 'sync_status', args: {} },
      { cmd: 'sync_create', args: { folder: '/media/cle/flocon', passphrase: 'ours polaire', remember: true } },
      { cmd: 'sync_join', args: { folder: '/media/cle/flocon', passphrase: 'ours polaire', remember: false } },
      { cmd: 'sync_now', args: {} },
      { cmd: 'sync_unlock', args: { passphrase: 'ours polaire', remember: true } },
      // Tauri maps newPassphrase to the Rust parameter new_passphrase.
      { cmd: 'sync_rekey', args: { newPassphrase: 'ours brun' } },
      { cmd: 'sync_disconnect', args: {} },
      { cmd: 'sync_rename_device', args: { name: 'Portable de Léa' } },
      // Tauri maps openOnly to the Rust parameter open_only.
      { cmd: 'conflicts_list', args: { openOnly: true } },
      { cmd: 'conflict_resolve', args: { id: 'c1', choice: { keep: 'combined', text: 'Lyon' } } },
    ]);
  });

  it('keeps the sync error kinds that the shared error mapping does not know', async () => {
    for (const kind of [
      'wrong_passphrase',
      'passphrase_needed',
      'sync_folder_missing',
      'sync_folder_not_ready',
      'sync_folder_in_use',
      'sync_key_changed',
      'sync_manifest_replaced',
    ] as const) {
      mockIPC(() => {
        throw { kind, message: 'no', field: null, problem: null };
      });
      const error = await tauriSyncBackend.syncNow().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ kind, message: 'no' });
    }
  });

  it('maps the other failures as the rest of the app does', async () => {
    mockIPC(() => {
      throw { kind: 'refused', message: 'sync folder /x: read-only', field: null, problem: null };
    });
    const error = await tauriSyncBackend.status().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'refused', message: 'sync folder /x: read-only' });
    expect(toSyncError('boom')).toMatchObject({ kind: 'internal', message: 'boom' });
    const storage = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    expect(toSyncError(storage)).toMatchObject({ kind: 'storage', message: 'disk full' });
  });

  it('passes on where a sync stands and its end, until told to stop listening', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const seen: (SyncProgress | null)[] = [];
    const stop = await tauriSyncBackend.watchProgress((p) => seen.push(p));

    await emit(SYNC_PROGRESS_EVENT, { step: 'reading', done: 12, total: 120 });
    await emit(SYNC_PROGRESS_EVENT, { step: 'settling', done: 0, total: 0 });
    await emit(SYNC_ENDED_EVENT);
    stop();
    await emit(SYNC_PROGRESS_EVENT, { step: 'reading', done: 0, total: 3 });

    expect(seen).toEqual([
      { step: 'reading', done: 12, total: 120 },
      { step: 'settling', done: 0, total: 0 },
      null,
    ]);
  });
});
