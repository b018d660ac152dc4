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

const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid',
  'not_found',
  'refused',
  'malformed',
  'database_too_new',
  'not_a_flocon_database',
  'wrong_passphrase',
  'passphrase_needed',
  'sync_folder_missing',
  'sync_folder_not_ready',
  'sync_folder_in_use',
  'sync_key_changed',
  'sync_manifest_replaced',
  'storage',
  'damaged',
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
