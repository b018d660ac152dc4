// The door to Rust for the GDPR tools: exporting everything about one person (Art. 15 and 20)
// and the retention view of people with no activity for years. One typed wrapper per desktop
// command (see src-tauri/commands/gdpr.rs); the legal basis itself travels with the contact
// (Person, PersonDraft, PersonQuery) through the contacts backend.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type { GdprExportFiles, RetentionRow } from '../api/types.gen';

export type { GdprExportFiles, LegalBasis, LegalBasisFilter, PersonSummary, RetentionRow } from '../api/types.gen';

export interface PrivacyBackend {
  /** Writes flocon-donnees-<name>-<date>.json and .html into Downloads; answers both full paths. */
  exportPerson(id: string): Promise<GdprExportFiles>;
  /** People with no activity (or created, when none) for more than `years` years, oldest first. */
  retention(years: number): Promise<RetentionRow[]>;
}

/** What the export button reports, for the page to show: the files written, or why not. */
export interface ExportResult {
  ok: boolean;
  message: string;
}

/** The years the retention view accepts, and the one it starts with. */
export const RETENTION_YEARS = { min: 1, max: 20, default: 3 } as const;

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriPrivacyBackend: PrivacyBackend = {
  exportPerson: (id) => call('gdpr_export', { id }),
  retention: (years) => call('gdpr_retention', { years }),
};

/** The last part of a full path, whichever the system's separator: the name the user sees. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

const YEARS_KEY = 'flocon.privacy.retentionYears';

/** A whole number of years the core accepts, or null. */
export function validYears(value: number): number | null {
  return Number.isInteger(value) && value >= RETENTION_YEARS.min && value <= RETENTION_YEARS.max ? value : null;
}

/** The threshold the user chose last time, or 3 years. */
export function loadRetentionYears(): number {
  try {
    const stored = globalThis.localStorage?.getItem(YEARS_KEY);
    return (stored ? validYears(Number(stored)) : null) ?? RETENTION_YEARS.default;
  } catch {
    // Storage can be unavailable; the default is a fine answer.
    return RETENTION_YEARS.default;
  }
}

export function saveRetentionYears(years: number): void {
  try {
    globalThis.localStorage?.setItem(YEARS_KEY, String(years));
  } catch {
    // Not remembered this time; the choice still applies until the screen closes.
  }
}
