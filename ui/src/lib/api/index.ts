// The one door to the Rust side. Components talk to a `Backend`; the desktop app plugs in
// `tauriBackend`, component tests plug in a fake. Every failure leaves this module as an
// `ApiError`, so no component ever inspects a raw rejection.

import { invoke } from '@tauri-apps/api/core';
import type {
  ErrorKind,
  ErrorPayload,
  Interaction,
  InteractionDraft,
  Membership,
  MembershipDraft,
  Organization,
  OrganizationDraft,
  OrganizationPage,
  OrganizationQuery,
  OrganizationSummary,
  Person,
  PersonDraft,
  PersonPage,
  PersonQuery,
  PersonSummary,
  Problem,
  SchemaDifference,
  SearchHit,
} from './types.gen';

export type {
  Circle,
  CollectiveStatus,
  ErrorKind,
  ErrorPayload,
  Interaction,
  InteractionDraft,
  InteractionKind,
  Labeled,
  LegalBasis,
  Membership,
  MembershipDraft,
  OneToOne,
  Organization,
  OrganizationDraft,
  OrganizationKind,
  OrganizationPage,
  OrganizationQuery,
  OrganizationSummary,
  Person,
  PersonDraft,
  PersonPage,
  PersonQuery,
  PersonSort,
  PersonRef,
  PersonSummary,
  Problem,
  SchemaChange,
  SchemaDifference,
  SchemaObject,
  SearchHit,
  SearchKind,
  Sector,
  Team,
  TeamMember,
} from './types.gen';

export interface Backend {
  listContacts(query: PersonQuery): Promise<PersonSummary[]>;
  getContact(id: string): Promise<Person>;
  contactPage(id: string): Promise<PersonPage>;
  createContact(draft: PersonDraft): Promise<Person>;
  updateContact(id: string, draft: PersonDraft): Promise<Person>;
  deleteContact(id: string): Promise<void>;

  listOrgs(query: OrganizationQuery): Promise<OrganizationSummary[]>;
  orgPage(id: string): Promise<OrganizationPage>;
  createOrg(draft: OrganizationDraft): Promise<Organization>;
  updateOrg(id: string, draft: OrganizationDraft): Promise<Organization>;
  deleteOrg(id: string): Promise<void>;

  addMembership(draft: MembershipDraft): Promise<Membership>;
  deleteMembership(id: string): Promise<void>;
  /** Adds a team (inside `parentId` when given) and answers its id. */
  addTeam(organizationId: string, parentId: string | null, name: string): Promise<string>;
  setTeamMember(teamId: string, personId: string, role: string): Promise<void>;

  addInteraction(draft: InteractionDraft): Promise<Interaction>;
  search(text: string, limit: number): Promise<SearchHit[]>;
}

/** A query with every filter off: spread it and set the ones you need. */
export const NO_PERSON_FILTER: PersonQuery = {
  text: null,
  sector: null,
  circle: null,
  tag: null,
  city: null,
  point_person_id: null,
  legal_basis: null,
  sort: null,
  after: null,
  limit: null,
};

export const NO_ORG_FILTER: OrganizationQuery = {
  text: null,
  kind: null,
  status: null,
  tag: null,
  city: null,
  point_person_id: null,
  after: null,
  limit: null,
};

// Every kind the core sends, checked against the generated type: a kind missing here would
// turn the core's refusal into an « unexpected error ».
const KNOWN_KINDS: Record<ErrorKind, true> = {
  invalid: true,
  not_found: true,
  refused: true,
  malformed: true,
  database_too_new: true,
  not_a_flocon_database: true,
  wrong_passphrase: true,
  passphrase_needed: true,
  sync_folder_missing: true,
  sync_folder_not_ready: true,
  sync_folder_in_use: true,
  sync_key_changed: true,
  sync_manifest_replaced: true,
  storage: true,
  damaged: true,
  foreign_schema: true,
  internal: true,
};
const ERROR_KINDS = Object.keys(KNOWN_KINDS) as readonly ErrorKind[];

/** A failure from the backend, in the shape the UI acts on. `message` is English, for logs. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  /** The form field at fault (`first_name`, `emails.1`), when the input broke a rule. */
  readonly field: string | null;
  readonly problem: Problem | null;
  /** How a file's schema differs from Flocon's (`foreign_schema`). */
  readonly schema: SchemaDifference | null;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.kind = payload.kind;
    this.field = payload.field;
    this.problem = payload.problem;
    this.schema = payload.schema ?? null;
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

function isSchemaDifference(value: unknown): value is SchemaDifference {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.change === 'string' && typeof v.object === 'string' && typeof v.name === 'string';
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
      schema: isSchemaDifference(reason.schema) ? reason.schema : undefined,
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

// Tauri turns camelCase argument names into the Rust commands' snake_case parameters.
export const tauriBackend: Backend = {
  listContacts: (query) => call('contacts_list', { query }),
  getContact: (id) => call('contacts_get', { id }),
  contactPage: (id) => call('contacts_page', { id }),
  createContact: (draft) => call('contacts_create', { draft }),
  updateContact: (id, draft) => call('contacts_update', { id, draft }),
  deleteContact: async (id) => {
    await call<null>('contacts_delete', { id });
  },

  listOrgs: (query) => call('orgs_list', { query }),
  orgPage: (id) => call('orgs_page', { id }),
  createOrg: (draft) => call('orgs_create', { draft }),
  updateOrg: (id, draft) => call('orgs_update', { id, draft }),
  deleteOrg: async (id) => {
    await call<null>('orgs_delete', { id });
  },

  addMembership: (draft) => call('memberships_add', { draft }),
  deleteMembership: async (id) => {
    await call<null>('memberships_delete', { id });
  },
  addTeam: (organizationId, parentId, name) => call('teams_add', { organizationId, parentId, name }),
  setTeamMember: async (teamId, personId, role) => {
    await call<null>('teams_set_member', { teamId, personId, role });
  },

  addInteraction: (draft) => call('interactions_add', { draft }),
  search: (text, limit) => call('search', { text, limit }),
};
