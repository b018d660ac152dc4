// The one door to the Rust side. Components talk to a `Backend`; the desktop app plugs in
// `tauriBackend`, component tests plug in a fake. Every failure leaves this module as an
// `ApiError`, so no component ever inspects a raw rejection.

import { invoke } from '@tauri-apps/api/core';
import type {
  ErrorKind,
  ErrorPayload,
  Person,
  PersonDraft,
  PersonQuery,
  PersonSummary,
  Problem,
} from './types.gen';

export type {
  ErrorKind,
  ErrorPayload,
  Labeled,
  Person,
  PersonDraft,
  PersonQuery,
  PersonSummary,
  Problem,
  Sector,
} from './types.gen';

export interface Backend {
  listContacts(query: PersonQuery): Promise<PersonSummary[]>;
  getContact(id: string): Promise<Person>;
  createContact(draft: PersonDraft): Promise<Person>;
  updateContact(id: string, draft: PersonDraft): Promise<Person>;
  deleteContact(id: string): Promise<void>;
}

const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid',
  'not_found',
  'refused',
  'database_too_new',
  'not_a_flocon_database',
  'storage',
  'internal',
];

/** A failure from the backend, in the shape the UI acts on. `message` is English, for logs. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  /** The form field at fault (`first_name`, `emails.1`), when the input broke a rule. */
  readonly field: string | null;
  readonly problem: Problem | null;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.kind = payload.kind;
    this.field = payload.field;
    this.problem = payload.problem;
  }
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    (ERROR_KINDS as readonly string[]).includes(v.kind) &&
    typeof v.message === 'string'
  );
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/** Turns anything a failed call can throw into an `ApiError`; unknown shapes are `internal`. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isErrorPayload(reason)) {
    return new ApiError({
      kind: reason.kind,
      message: reason.message,
      field: typeof reason.field === 'string' ? reason.field : null,
      problem: isProblem(reason.problem) ? reason.problem : null,
    });
  }
  const message =
    reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : String(reason);
  return new ApiError({ kind: 'internal', message, field: null, problem: null });
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriBackend: Backend = {
  listContacts: (query) => call('contacts_list', { query }),
  getContact: (id) => call('contacts_get', { id }),
  createContact: (draft) => call('contacts_create', { draft }),
  updateContact: (id, draft) => call('contacts_update', { id, draft }),
  deleteContact: async (id) => {
    await call<null>('contacts_delete', { id });
  },
};
