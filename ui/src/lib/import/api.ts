// The import screen's door to Rust. The file's bytes travel as the raw request body (Tauri 2
// sends a Uint8Array as is, no JSON), so the web view needs no file-system permission.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type { ImportReport } from '../api/types.gen';

export type { ImportEntry, ImportReport, MatchReason, SkippedEntry } from '../api/types.gen';

/** The core refuses larger files (its `MAX_IMPORT_BYTES`); the screen refuses them first. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportBackend {
  /** What importing `bytes` would create, merge and skip; nothing is changed. */
  preview(bytes: Uint8Array): Promise<ImportReport>;
  /** Imports `bytes`, all or nothing. */
  apply(bytes: Uint8Array): Promise<ImportReport>;
}

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriImportBackend: ImportBackend = {
  preview: (bytes) => call('import_preview', bytes),
  apply: (bytes) => call('import_apply', bytes),
};
