// The door to Rust for the GDPR tools: exporting everything about one person (Art. 15 and 20)
// the retention view of people with no activity for years, and the erasure of a person (Art. 17)
// with the records left to reread after it. One typed wrapper per desktop
// command (see src-tauri/commands/gdpr.rs); the legal basis itself travels with the contact
// (Person, PersonDraft, PersonQuery) through the contacts backend.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type { ErasureReport, FlaggedRecord, GdprExportFiles, RetentionRow } from '../api/types.gen';

export type { ErasureReport, FlaggedRecord, GdprExportFiles, LegalBasis, LegalBasisFilter, PersonSummary, RetentionRow } from '../api/types.gen';

export interface PrivacyBackend {
  /** Writes flocon-donnees-<name>-<date>.json and .html into Downloads; answers both full paths. */
  exportPerson(id: string): Promise<GdprExportFiles>;
  /** People with no activity (or created, when none) for more than `years` years, oldest first. */
  retention(years: number): Promise<RetentionRow[]>;
  /**
   * Erases the person everywhere: this laptop now, the others at their next sync, the shared
   * folder. Cannot be undone (nothing goes to the trash).
   */
  erasePerson(id: string): Promise<ErasureReport>;
  /** The records whose texts mention an erased person, to be reread; latest erasure first. */
  erasureReview(): Promise<FlaggedRecord[]>;
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
  erasePerson: (id) => call('gdpr_erase', { id }),
  erasureReview: () => call('gdpr_erasure_review', {}),
};

/** A name as typed for a confirmation: accents, case and extra spaces do not count. */
export function nameKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim();
}

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
