// The door to Rust for the trash: deleted records wait there 30 days on this laptop, and can
// be put back or removed for good. See src-tauri/commands/trash.rs.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { TrashItem, TrashRestored } from '../api/types.gen';
import { toSafetyError } from '../backup/api';

export type { TrashItem, TrashKind, TrashRestored } from '../api/types.gen';

export interface TrashBackend {
  /** Everything in the trash, newest first. */
  listTrash(): Promise<TrashItem[]>;
  /** Puts the record back; rejects with `not_found` when the item is no longer there. */
  restoreFromTrash(id: string): Promise<TrashRestored>;
  /** Removes everything for good; resolves to how many items were removed. */
  emptyTrash(): Promise<number>;
}

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toSafetyError(reason);
  }
}

export const tauriTrashBackend: TrashBackend = {
  listTrash: () => call('trash_list', {}),
  restoreFromTrash: (id) => call('trash_restore', { id }),
  emptyTrash: () => call('trash_empty', {}),
};
