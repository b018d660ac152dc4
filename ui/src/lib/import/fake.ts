// An in-memory `ImportBackend` for tests and for working on the screen without Rust. It answers
// a fixed report (or a fixed failure) and remembers the bytes it was given.

import { ApiError } from '../api';
import type { ErrorPayload } from '../api/types.gen';
import type { ImportBackend, ImportEntry, ImportProgress, ImportReport } from './api';

export function makeEntry(overrides: Partial<ImportEntry> = {}): ImportEntry {
  return { line: 1, name: 'Sans nom', person_id: null, matched_by: null, ...overrides };
}

export function makeReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return { format: 'vcard', dry_run: true, created: [], merged: [], unchanged: [], skipped: [], ...overrides };
}

/** The rejection the core sends for a file it cannot read. */
export function malformed(message: string): ApiError {
  const payload: ErrorPayload = { kind: 'malformed', message, field: null, problem: null };
  return new ApiError(payload);
}

export class FakeImportBackend implements ImportBackend {
  /** Every call, in order, with the bytes it carried. */
  readonly calls: { command: 'preview' | 'apply'; bytes: Uint8Array }[] = [];
  report: ImportReport;
  /** When set, both commands reject with it. */
  failure: ApiError | null;
  /** When set, only `apply` rejects with it. */
  applyFailure: ApiError | null = null;

  constructor(report: ImportReport = makeReport(), failure: ApiError | null = null) {
    this.report = report;
    this.failure = failure;
  }

  /** Reported to the caller before each answer, as the core would on a large file. */
  progress: ImportProgress[] = [];

  async preview(bytes: Uint8Array, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
    this.calls.push({ command: 'preview', bytes });
    this.progress.forEach((p) => onProgress?.(p));
    if (this.failure) throw this.failure;
    return structuredClone({ ...this.report, dry_run: true });
  }

  async apply(bytes: Uint8Array, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
    this.calls.push({ command: 'apply', bytes });
    this.progress.forEach((p) => onProgress?.(p));
    if (this.failure) throw this.failure;
    if (this.applyFailure) throw this.applyFailure;
    // Applied for real, the created entries now name the people they became.
    const created = this.report.created.map((entry, i) => ({
      ...entry,
      person_id: entry.person_id ?? `imported-${i + 1}`,
    }));
    return structuredClone({ ...this.report, created, dry_run: false });
  }
}
