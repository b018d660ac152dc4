import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { SyncError, tauriSyncBackend, toSyncError } from './api';

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
    await tauriSyncBackend.configure('/media/cle/flocon', 'ours polaire', true);
    await tauriSyncBackend.syncNow();
    await tauriSyncBackend.unlock('ours polaire');
    await tauriSyncBackend.disconnect();
    await tauriSyncBackend.renameDevice('Portable de Léa');
    await expect(tauriSyncBackend.conflicts(true)).resolves.toEqual([]);
    await tauriSyncBackend.resolve('c1', { keep: 'combined', text: 'Lyon' });

    expect(calls).toEqual([
      { cmd: 'sync_status', args: {} },
      { cmd: 'sync_configure', args: { folder: '/media/cle/flocon', passphrase: 'ours polaire', remember: true } },
      { cmd: 'sync_now', args: {} },
      { cmd: 'sync_unlock', args: { passphrase: 'ours polaire' } },
      { cmd: 'sync_disconnect', args: {} },
      { cmd: 'sync_rename_device', args: { name: 'Portable de Léa' } },
      // Tauri maps openOnly to the Rust parameter open_only.
      { cmd: 'conflicts_list', args: { openOnly: true } },
      { cmd: 'conflict_resolve', args: { id: 'c1', choice: { keep: 'combined', text: 'Lyon' } } },
    ]);
  });

  it('keeps the sync error kinds that the shared error mapping does not know', async () => {
    for (const kind of ['wrong_passphrase', 'passphrase_needed'] as const) {
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

});
