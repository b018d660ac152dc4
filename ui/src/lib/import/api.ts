// The import screen's door to Rust. The file's bytes travel as the raw request body (Tauri 2
// sends a Uint8Array as is, no JSON), so the web view needs no file-system permission.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { toApiError } from '../api';
import type { ImportProgress, ImportReport } from '../api/types.gen';

export type { ImportEntry, ImportProgress, ImportReport, MatchReason, SkippedEntry } from '../api/types.gen';

/** The core refuses larger files (its `MAX_IMPORT_BYTES`); the screen refuses them first. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportBackend {
  /** What importing `bytes` would create, merge and skip; nothing is changed. */
  preview(bytes: Uint8Array, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport>;
  /** Imports `bytes`, all or nothing. */
  apply(bytes: Uint8Array, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport>;
}

/** The event the core sends as entries are processed. */
export const PROGRESS_EVENT = 'import-progress';

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** Runs `command`, passing its progress events to `onProgress` while it runs. */
async function withProgress(
  command: string,
  bytes: Uint8Array,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  if (!onProgress) return call(command, bytes);
  const unlisten = await listen<ImportProgress>(PROGRESS_EVENT, (event) => onProgress(event.payload));
  try {
    return await call(command, bytes);
  } finally {
    unlisten();
  }
}

export const tauriImportBackend: ImportBackend = {
  preview: (bytes, onProgress) => withProgress('import_preview', bytes, onProgress),
  apply: (bytes, onProgress) => withProgress('import_apply', bytes, onProgress),
};
