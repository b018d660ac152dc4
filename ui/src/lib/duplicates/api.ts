// The duplicates screen's door to Rust: list the probable duplicates, merge one person into
// another, undo a merge. Failures leave as `ApiError`, like everywhere else.

import { invoke } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type { DuplicatePair } from '../api/types.gen';

export type { DuplicatePair, MatchReason, PersonSummary } from '../api/types.gen';

export interface DuplicatesBackend {
  /** Pairs of people that share an email, a phone number or a name. */
  list(): Promise<DuplicatePair[]>;
  /** Merges `other` into `keep` and answers the merge id, for `undo`. */
  merge(keep: string, other: string): Promise<string>;
  /** Puts both people back as they were before the merge. */
  undo(mergeId: string): Promise<void>;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

// Tauri turns camelCase argument names into the Rust commands' snake_case parameters.
export const tauriDuplicatesBackend: DuplicatesBackend = {
  list: () => call('duplicates_list'),
  merge: (keep, other) => call('duplicates_merge', { keep, other }),
  undo: async (mergeId) => {
    await call<null>('duplicates_undo', { mergeId });
  },
};
