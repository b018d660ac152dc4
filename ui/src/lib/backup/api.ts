// The door to Rust for backups and the database's health: the backups kept on this laptop,
// « Sauvegarder maintenant », restoring one (the app restarts), and the integrity check run
// after start. See src-tauri/commands/backup.rs. `backups_list` and `backup_restore` answer
// even when the database is damaged: they are the way out.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { ApiError, toApiError } from '../api';
import type { BackupInfo, IntegrityStatus } from '../api/types.gen';

export type { BackupInfo, BackupKind, IntegrityState, IntegrityStatus } from '../api/types.gen';

/** The event the app sends when the check run after start ends. */
export const INTEGRITY_EVENT = 'integrity-status';

export interface BackupBackend {
  /** The backups on this laptop, newest first. */
  listBackups(): Promise<BackupInfo[]>;
  /** Takes a backup now and answers it. */
  backupNow(): Promise<BackupInfo>;
  /**
   * Checks the backup called `name` (a `BackupInfo.name` from `listBackups`: the app restores
   * only Flocon's own backups, never a path), keeps a copy of the current data, schedules the
   * restore and restarts.
   */
  restoreBackup(name: string): Promise<void>;
  /** Where the check run after start stands. */
  integrityStatus(): Promise<IntegrityStatus>;
  /** Calls `handler` with each status the app sends; resolves to the way to stop. */
  onIntegrityStatus(handler: (status: IntegrityStatus) => void): Promise<() => void>;
}

/**
 * True when a failed call says the database is damaged. Takes the raw rejection as well as an
 * `ApiError`, since a `toApiError` that does not know the kind yet turns it into `internal`.
 */
export function isDamaged(reason: unknown): boolean {
  if (reason instanceof ApiError) return reason.kind === 'damaged';
  return typeof reason === 'object' && reason !== null && (reason as { kind?: unknown }).kind === 'damaged';
}

/** `toApiError`, keeping the kind `damaged`. */
export function toSafetyError(reason: unknown): ApiError {
  if (!(reason instanceof ApiError) && isDamaged(reason)) {
    const message = (reason as { message?: unknown }).message;
    return new ApiError({ kind: 'damaged', message: typeof message === 'string' ? message : 'damaged', field: null, problem: null });
  }
  return toApiError(reason);
}

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toSafetyError(reason);
  }
}

export const tauriBackupBackend: BackupBackend = {
  listBackups: () => call('backups_list', {}),
  backupNow: () => call('backup_now', {}),
  restoreBackup: async (name) => {
    await call<null>('backup_restore', { name });
  },
  integrityStatus: () => call('integrity_status', {}),
  onIntegrityStatus: (handler) => listen<IntegrityStatus>(INTEGRITY_EVENT, (event) => handler(event.payload)),
};
