import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { isDamaged, tauriBackupBackend, toSafetyError, type IntegrityStatus } from './api';
import { backupInfo, damagedError, FakeBackupBackend } from './fake';
import { watchIntegrity } from './integrity';

const DAMAGED: IntegrityStatus = {
  state: 'damaged',
  detail: 'integrity_check: row 12 missing from index',
  latest_backup: backupInfo('2026-11-26T07:30:00Z', 'automatic'),
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchIntegrity', () => {
  it('reports a damaged database the status already knows at start', async () => {
    const backend = new FakeBackupBackend();
    backend.status = DAMAGED;
    const onDamaged = vi.fn();
    watchIntegrity(backend, onDamaged);
    await settle();
    expect(onDamaged).toHaveBeenCalledExactlyOnceWith(DAMAGED);
  });

  it('says nothing while the check runs or when it passes, then reports the event saying damaged, once', async () => {
    const backend = new FakeBackupBackend();
    backend.status = { state: 'pending', detail: null, latest_backup: null };
    const onDamaged = vi.fn();
    watchIntegrity(backend, onDamaged);
    await settle();
    backend.emit({ state: 'ok', detail: null, latest_backup: null });
    expect(onDamaged).not.toHaveBeenCalled();

    backend.emit(DAMAGED);
    backend.emit(DAMAGED);
    expect(onDamaged).toHaveBeenCalledExactlyOnceWith(DAMAGED);
  });

  it('reports a damaged database when the question itself is refused as damaged', async () => {
    const backend = new FakeBackupBackend();
    backend.failures.integrityStatus = damagedError('file is not a database');
    const onDamaged = vi.fn();
    watchIntegrity(backend, onDamaged);
    await settle();
    expect(onDamaged).toHaveBeenCalledExactlyOnceWith({ state: 'damaged', detail: 'file is not a database', latest_backup: null });
  });

  it('stops listening when asked', async () => {
    const backend = new FakeBackupBackend();
    backend.status = { state: 'pending', detail: null, latest_backup: null };
    const onDamaged = vi.fn();
    const stop = watchIntegrity(backend, onDamaged);
    await settle();
    expect(backend.listening).toBe(1);
    stop();
    expect(backend.listening).toBe(0);
    backend.emit(DAMAGED);
    expect(onDamaged).not.toHaveBeenCalled();
  });
});

describe('damaged refusals', () => {
  it('are recognised raw from Tauri or as an ApiError, and keep their kind', () => {
    const raw = { kind: 'damaged', message: 'database disk image is malformed', field: null, problem: null };
    expect(isDamaged(raw)).toBe(true);
    const error = toSafetyError(raw);
    expect(error).toBeInstanceOf(ApiError);
    expect(isDamaged(error)).toBe(true);
    expect(error.message).toBe('database disk image is malformed');
    expect(isDamaged(new ApiError({ kind: 'storage', message: 'x', field: null, problem: null }))).toBe(false);
    expect(isDamaged('boom')).toBe(false);
    expect(toSafetyError({ kind: 'not_found', message: 'gone', field: null, problem: null }).kind).toBe('not_found');
  });
});

describe('tauriBackupBackend', () => {
  afterEach(() => clearMocks());

  it('asks to restore a backup by its name in Flocon\'s folder, never by a path', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return null;
    });
    const backup = backupInfo('2026-11-26T07:30:00Z', 'automatic');
    expect(backup.name).toBe('flocon-2026-11-26T07-30-00Z-auto.sqlite3');
    await tauriBackupBackend.restoreBackup(backup.name);
    expect(calls).toEqual([{ cmd: 'backup_restore', args: { name: 'flocon-2026-11-26T07-30-00Z-auto.sqlite3' } }]);
  });
});
