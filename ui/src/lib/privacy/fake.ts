// An in-memory `PrivacyBackend` for the GDPR screens' tests: it records what was asked, answers
// the export with the file names the core would write, and the retention view with the rows it
// was given that are older than the threshold (from a fixed "today"), oldest first, as the core
// does (crates/flocon-core/src/store/gdpr.rs); an erasure forgets the person and answers the
// records given as mentioning them, which the review list then holds (store/erasure.rs).

import { ApiError } from '../api';
import type { ErrorPayload } from '../api/types.gen';
import type { ErasureReport, FlaggedRecord, GdprExportFiles, PersonSummary, PrivacyBackend, RetentionRow } from './api';

type Method = keyof PrivacyBackend;

export const DOWNLOADS = '/home/awa/Téléchargements';

export function makeSummary(fields: Partial<PersonSummary> & Pick<PersonSummary, 'id'>): PersonSummary {
  return {
    first_name: '',
    last_name: '',
    email: null,
    organization: null,
    city: null,
    sectors: [],
    tags: [],
    legal_basis: null,
    ...fields,
  };
}

export function makeRow(
  person: Partial<PersonSummary> & Pick<PersonSummary, 'id'>,
  lastActivity: string | null,
  createdOn = '2019-01-15',
): RetentionRow {
  return { person: makeSummary(person), last_activity: lastActivity, created_on: createdOn };
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The day `years` years before `today` (YYYY-MM-DD). */
function yearsBefore(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
}

export class FakePrivacyBackend implements PrivacyBackend {
  rows: RetentionRow[];
  /** The names `exportPerson` knows, by id: others are not found. */
  names: Map<string, string>;
  /** The records that mention a person by name, by person id: flagged when they are erased. */
  mentions: Map<string, FlaggedRecord[]>;
  /** What `erasureReview` answers: the flagged records, latest erasure first. */
  review: FlaggedRecord[];
  readonly calls: { method: Method; arg: string | number | null }[] = [];
  private failures = new Map<Method, ErrorPayload>();
  private pending = new Map<Method, { promise: Promise<void>; release: () => void }>();

  constructor(
    data: {
      rows?: RetentionRow[];
      people?: { id: string; name: string }[];
      mentions?: Record<string, FlaggedRecord[]>;
      review?: FlaggedRecord[];
    } = {},
    private readonly today = '2026-11-26',
  ) {
    this.rows = [...(data.rows ?? [])];
    this.names = new Map((data.people ?? []).map((p) => [p.id, p.name]));
    this.mentions = new Map(Object.entries(data.mentions ?? {}));
    this.review = [...(data.review ?? [])];
    for (const row of this.rows) {
      if (!this.names.has(row.person.id)) {
        this.names.set(row.person.id, `${row.person.first_name} ${row.person.last_name}`.trim());
      }
    }
  }

  /** Makes the next call of `method` reject with this payload, as the Tauri backend would. */
  failNext(method: Method, payload: Partial<ErrorPayload> & Pick<ErrorPayload, 'kind'>): void {
    this.failures.set(method, { message: payload.kind, field: null, problem: null, ...payload });
  }

  /** Makes calls of `method` wait until `release()` is called: for the "in progress" states. */
  hold(method: Method): () => void {
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.pending.set(method, { promise, release });
    return () => {
      this.pending.delete(method);
      release();
    };
  }

  private async check(method: Method, arg: string | number | null): Promise<void> {
    this.calls.push({ method, arg });
    await Promise.resolve();
    await this.pending.get(method)?.promise;
    const payload = this.failures.get(method);
    if (payload) {
      this.failures.delete(method);
      throw new ApiError(payload);
    }
  }

  async exportPerson(id: string): Promise<GdprExportFiles> {
    await this.check('exportPerson', id);
    const name = this.names.get(id);
    if (name === undefined) {
      throw new ApiError({ kind: 'not_found', message: `no contact with id ${id}`, field: null, problem: null });
    }
    const base = `${DOWNLOADS}/flocon-donnees-${slug(name) || 'contact'}-${this.today}`;
    return { json_file: `${base}.json`, html_file: `${base}.html` };
  }

  async retention(years: number): Promise<RetentionRow[]> {
    await this.check('retention', years);
    if (!Number.isInteger(years) || years < 1 || years > 20) {
      throw new ApiError({
        kind: 'invalid',
        message: 'years: must be between 1 and 20',
        field: 'years',
        problem: { code: 'out_of_range', min: 1, max: 20 },
      });
    }
    const cutoff = yearsBefore(this.today, years);
    const since = (row: RetentionRow) => row.last_activity ?? row.created_on;
    return structuredClone(
      this.rows.filter((row) => since(row) < cutoff).sort((a, b) => since(a).localeCompare(since(b)) || a.person.id.localeCompare(b.person.id)),
    );
  }

  async erasePerson(id: string): Promise<ErasureReport> {
    await this.check('erasePerson', id);
    if (!this.names.has(id)) {
      throw new ApiError({ kind: 'not_found', message: `no person with id ${id}`, field: null, problem: null });
    }
    this.names.delete(id);
    this.rows = this.rows.filter((row) => row.person.id !== id);
    const flagged = this.mentions.get(id) ?? [];
    this.mentions.delete(id);
    this.review = [...flagged, ...this.review];
    return structuredClone({
      person_id: id,
      erased_at: `${this.today}T07:00:00Z`,
      removed: [{ table: 'person', rows: 1 }],
      unlinked: [],
      flagged,
    });
  }

  async erasureReview(): Promise<FlaggedRecord[]> {
    await this.check('erasureReview', null);
    return structuredClone(this.review);
  }
}
