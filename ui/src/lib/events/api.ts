// The door to Rust for community events: series, events, attendance, and the events shown on
// a person's or an organisation's page. One typed wrapper per desktop command (see
// src-tauri/commands/events.rs).

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type {
  Attendance,
  Event,
  EventDraft,
  EventQuery,
  EventSeries,
  EventSummary,
  OrganizationEvent,
  OrganizationSummary,
  OrgRef,
  PersonDraft,
  PersonEvent,
  PersonRef,
  PersonSummary,
} from '../api/types.gen';

export type {
  Attendance,
  AttendanceCounts,
  AttendanceEntry,
  Event,
  EventDraft,
  EventQuery,
  EventRole,
  EventSeries,
  EventSummary,
  OrganizationEvent,
  OrgRef,
  PersonEvent,
  PersonRef,
  SeriesRef,
} from '../api/types.gen';

export interface EventsBackend {
  /** The team's series, by name, with how many events each has. */
  listSeries(): Promise<EventSeries[]>;
  addSeries(name: string): Promise<EventSeries>;
  renameSeries(id: string, name: string): Promise<EventSeries>;

  /** Events starting in [from, to) (instants), of a series; newest first. */
  listEvents(query: EventQuery): Promise<EventSummary[]>;
  getEvent(id: string): Promise<Event>;
  createEvent(draft: EventDraft): Promise<Event>;
  /** Changes what the draft says; the attendance list is kept. */
  updateEvent(id: string, draft: EventDraft): Promise<Event>;
  deleteEvent(id: string): Promise<void>;
  /** Puts a person on the list with this answer, or takes them off it (`null`). */
  setAttendance(eventId: string, personId: string, status: Attendance | null): Promise<Event>;

  /** The events a person came to, was invited to, spoke at…, newest first. */
  personEvents(personId: string): Promise<PersonEvent[]>;
  /** The events an organisation was involved in or its members attended, newest first. */
  organizationEvents(organizationId: string): Promise<OrganizationEvent[]>;

  /** People whose name, email… match `text` (accents and case aside), for the door list. */
  findPeople(text: string, limit: number): Promise<PersonRef[]>;
  /** Organisations whose name matches `text`, for the event form. */
  findOrganizations(text: string, limit: number): Promise<OrgRef[]>;
  /** Creates a contact on the spot (at the door) and returns it. */
  addPerson(firstName: string, lastName: string, email: string | null): Promise<PersonRef>;
}

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

const nameOf = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`.trim();

const newPerson = (firstName: string, lastName: string, email: string | null): PersonDraft => ({
  first_name: firstName,
  last_name: lastName,
  emails: email ? [{ label: '', value: email }] : [],
  phones: [],
  organization: null,
  tags: [],
  notes: '',
  pronouns: null,
  sectors: [],
  circles: [],
  languages: [],
  linkedin: null,
  instagram: null,
  website: null,
  city: null,
  point_person_id: null,
  introduced_by_id: null,
  legal_basis: null,
  legal_basis_on: null,
  legal_basis_source: '',
});

// Tauri turns camelCase argument names into the Rust commands' snake_case parameters.
export const tauriEventsBackend: EventsBackend = {
  listSeries: () => call('series_list', {}),
  addSeries: (name) => call('series_add', { name }),
  renameSeries: (id, name) => call('series_rename', { id, name }),
  listEvents: (query) => call('events_list', { query }),
  getEvent: (id) => call('events_get', { id }),
  createEvent: (draft) => call('events_create', { draft }),
  updateEvent: (id, draft) => call('events_update', { id, draft }),
  deleteEvent: async (id) => {
    await call<null>('events_delete', { id });
  },
  setAttendance: (eventId, personId, status) => call('attendance_set', { eventId, personId, status }),
  personEvents: (personId) => call('events_of_person', { personId }),
  organizationEvents: (organizationId) => call('events_of_organization', { organizationId }),
  findPeople: async (text, limit) => {
    const found = await call<PersonSummary[]>('contacts_list', {
      query: { text, sector: null, circle: null, tag: null, city: null, point_person_id: null, legal_basis: null, sort: null, after: null, limit },
    });
    return found.map((p) => ({ id: p.id, name: nameOf(p) }));
  },
  findOrganizations: async (text, limit) => {
    const found = await call<OrganizationSummary[]>('orgs_list', {
      query: { text, kind: null, status: null, tag: null, city: null, point_person_id: null, after: null, limit },
    });
    return found.map((o) => ({ id: o.id, name: o.name }));
  },
  addPerson: async (firstName, lastName, email) => {
    const created = await call<{ id: string; first_name: string; last_name: string }>('contacts_create', {
      draft: newPerson(firstName, lastName, email),
    });
    return { id: created.id, name: nameOf(created) };
  },
};
