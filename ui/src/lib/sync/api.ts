// The door to Rust for sync: the shared folder, the team's passphrase, syncing now and how far
// a sync has gone, and the conflicts a sync set aside. One typed wrapper per desktop command.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { toApiError } from '../api';
import type {
  Conflict,
  ConflictChoice,
  ErrorKind,
  ErrorPayload,
  Problem,
  RekeyReport,
  SyncProgress,
  SyncReport,
  SyncStatus,
} from '../api/types.gen';

export type {
  Conflict,
  ConflictChoice,
  ConflictKind,
  ConflictVersion,
  DeviceInfo,
  FolderSize,
  RekeyReport,
  SkippedFile,
  SkipReason,
  SyncProgress,
  SyncReport,
  SyncSizes,
  SyncStatus,
  SyncStep,
} from '../api/types.gen';

/** Where a sync stands, a few times a second and at each change of step (src-tauri/commands/sync.rs). */
export const SYNC_PROGRESS_EVENT = 'sync-progress';
/** A sync ended, well or not. */
export const SYNC_ENDED_EVENT = 'sync-ended';

export interface SyncBackend {
  status(): Promise<SyncStatus>;
  /** « Créer un dossier d'équipe »: makes the folder the team's, once, on the first computer.
   *  Fails with 'sync_folder_in_use' where a team folder (or its files) already is.
   *  remember=true stores the key in the OS keyring where available; otherwise it is kept for
   *  this run only. */
  create(folder: string, passphrase: string, remember: boolean): Promise<SyncStatus>;
  /** « Rejoindre un dossier d'équipe »: checks the passphrase against the folder's manifest,
   *  which is never created here ('sync_folder_not_ready' while the sync tool has not brought
   *  it, 'sync_folder_missing' when the folder is not there). */
  join(folder: string, passphrase: string, remember: boolean): Promise<SyncStatus>;
  /** Syncs now. Fails with kind 'passphrase_needed' when the passphrase is not known in this
   *  run, 'sync_key_changed' when the team passphrase was changed on another computer. */
  syncNow(): Promise<SyncReport>;
  /** Calls `onProgress` with where a sync stands as it goes — one asked for here, or an
   *  automatic one — and with null when it ends, well or not. Resolves to the function that
   *  stops listening. */
  watchProgress(onProgress: (progress: SyncProgress | null) => void): Promise<() => void>;
  /** Gives the passphrase for this run (when it is not in the keyring), or the new one after
   *  a change made on another computer. */
  unlock(passphrase: string, remember: boolean): Promise<SyncStatus>;
  /** « Changer la phrase de passe »: syncs, then moves the folder to the new passphrase. */
  rekey(newPassphrase: string): Promise<RekeyReport>;
  /** Stops syncing with the folder (nothing is deleted, here or in the folder). */
  disconnect(): Promise<SyncStatus>;
  /** Names this laptop for the others (« Portable de Léa »); the name is trimmed. Fails with
   *  kind 'invalid' (problem 'required') when the name is blank. */
  renameDevice(name: string): Promise<SyncStatus>;
  conflicts(openOnly: boolean): Promise<Conflict[]>;
  resolve(id: string, choice: ConflictChoice): Promise<Conflict>;
}

/** The kinds a sync call fails with (the generated `ErrorKind`). */
export type SyncErrorKind = ErrorKind;

/** A failed sync call. Like `ApiError`, but it keeps the sync kinds that `toApiError` would
 *  otherwise turn into `internal`. `message` is English, for logs. */
export class SyncError extends Error {
  readonly kind: SyncErrorKind;
  readonly problem: Problem | null;

  constructor(kind: SyncErrorKind, message: string, problem: Problem | null = null) {
    super(message);
    this.name = 'SyncError';
    this.kind = kind;
    this.problem = problem;
  }
}

const SYNC_KINDS: readonly SyncErrorKind[] = [
  'wrong_passphrase',
  'passphrase_needed',
  'sync_folder_missing',
  'sync_folder_not_ready',
  'sync_folder_in_use',
  'sync_key_changed',
  'sync_manifest_replaced',
];

function isSyncPayload(value: unknown): value is Pick<ErrorPayload, 'message'> & { kind: SyncErrorKind } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (SYNC_KINDS as readonly unknown[]).includes(v.kind) && typeof v.message === 'string';
}

/** Turns anything a failed sync call can throw into a `SyncError`. */
export function toSyncError(reason: unknown): SyncError {
  if (reason instanceof SyncError) return reason;
  if (isSyncPayload(reason)) return new SyncError(reason.kind, reason.message);
  const error = toApiError(reason);
  return new SyncError(error.kind, error.message, error.problem);
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toSyncError(reason);
  }
}

// Tauri turns camelCase argument names into the Rust commands' snake_case parameters.
export const tauriSyncBackend: SyncBackend = {
  status: () => call('sync_status'),
  create: (folder, passphrase, remember) => call('sync_create', { folder, passphrase, remember }),
  join: (folder, passphrase, remember) => call('sync_join', { folder, passphrase, remember }),
  syncNow: () => call('sync_now'),
  watchProgress: async (onProgress) => {
    const stops = await Promise.all([
      listen<SyncProgress>(SYNC_PROGRESS_EVENT, (event) => onProgress(event.payload)),
      listen(SYNC_ENDED_EVENT, () => onProgress(null)),
    ]);
    return () => stops.forEach((stop) => stop());
  },
  unlock: (passphrase, remember) => call('sync_unlock', { passphrase, remember }),
  rekey: (newPassphrase) => call('sync_rekey', { newPassphrase }),
  disconnect: () => call('sync_disconnect'),
  renameDevice: (name) => call('sync_rename_device', { name }),
  conflicts: (openOnly) => call('conflicts_list', { openOnly }),
  resolve: (id, choice) => call('conflict_resolve', { id, choice }),
};
