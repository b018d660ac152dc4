// An in-memory `EventsBackend` for the events screens' tests, applying the core's rules that the
// screens rely on (crates/flocon-core/src/event.rs): a title, no end before the start, no one
// both speaker and guest, counts by answer with the unnamed apart, newest first, and a series'
// name found again whatever its accents and case.

import { ApiError } from '../api';
import type { Problem } from '../api/types.gen';
import { fold, tidy } from '../text';
import type {
  Attendance,
  AttendanceCounts,
  AttendanceEntry,
  Event,
  EventDraft,
  EventQuery,
  EventRole,
  EventSeries,
  EventsBackend,
  EventSummary,
  OrganizationEvent,
  OrgRef,
  PersonEvent,
  PersonRef,
  SeriesRef,
} from './api';

const STAMP = '2026-01-01T00:00:00Z';
/** crates/flocon-core/src/event.rs: MAX_UNNAMED. */
const MAX_UNNAMED = 100_000;

export function makeSeries(id: string, name: string, events = 0): EventSeries {
  return { id, name, events };
}

/** The counts the core derives from the named list and the unnamed ones. */
export function countsOf(attendance: AttendanceEntry[], unnamed: number): AttendanceCounts {
  const counts: AttendanceCounts = { invited: 0, registered: 0, present: 0, absent: 0, excused: 0, unnamed };
  for (const entry of attendance) counts[entry.status] += 1;
  return counts;
}

/** An entry of the list, for fixtures: `entry(awa, 'present')`. */
export function entry(person: PersonRef, status: Attendance, updatedAt = STAMP): AttendanceEntry {
  return { person, status, updated_at: updatedAt };
}

const byName = (a: AttendanceEntry, b: AttendanceEntry) => a.person.name.localeCompare(b.person.name, 'fr');

/** A whole event; its counts always follow its list and `unnamed_count`. */
export function makeEvent(fields: Partial<Omit<Event, 'counts'>> & { id: string; starts_at: string }): Event {
  const attendance = [...(fields.attendance ?? [])].sort(byName);
  const unnamed = fields.unnamed_count ?? 0;
  return {
    title: 'Rencontre',
    series: null,
    ends_at: null,
    place: '',
    speakers: [],
    guests: [],
    organizations: [],
    description: '',
    notes: '',
    created_at: STAMP,
    updated_at: STAMP,
    ...fields,
    unnamed_count: unnamed,
    attendance,
    counts: countsOf(attendance, unnamed),
  };
}

export function summaryOf(event: Event): EventSummary {
  const { id, title, series, starts_at, ends_at, place, counts } = event;
  return structuredClone({ id, title, series, starts_at, ends_at, place, counts });
}

function invalid(field: string, problem: Problem): ApiError {
  return new ApiError({ kind: 'invalid', message: `${field}: ${problem.code}`, field, problem });
}

function notFound(what: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what}`, field: null, problem: null });
}

const newestFirst = (a: { starts_at: string }, b: { starts_at: string }) => Date.parse(b.starts_at) - Date.parse(a.starts_at);

/** Every word typed is in the name, accents and case aside. */
function matches(name: string, text: string): boolean {
  const words = fold(text).split(/\s+/).filter(Boolean);
  const folded = fold(name);
  return words.every((w) => folded.includes(w));
}

export class FakeEventsBackend implements EventsBackend {
  series: EventSeries[];
  events: Event[];
  /** The contacts: who can be found, named on an event, or put on a list. */
  people: PersonRef[];
  orgs: OrgRef[];
  /** The members of each organisation (organisation id → person ids), for `organizationEvents`. */
  members = new Map<string, string[]>();
  /** When set, calls to that method reject with it. */
  failures: Partial<Record<keyof EventsBackend, ApiError>> = {};
  private next = 1;
  private clock = Date.parse('2026-06-01T08:00:00Z');

  constructor(data: { series?: EventSeries[]; events?: Event[]; people?: PersonRef[]; orgs?: OrgRef[] } = {}) {
    this.series = structuredClone(data.series ?? []);
    this.events = structuredClone(data.events ?? []);
    this.people = structuredClone(data.people ?? []);
    this.orgs = structuredClone(data.orgs ?? []);
    // Everyone and every series a fixture names exists, so drafts can refer to them by id.
    for (const e of this.events) {
      for (const p of [...e.speakers, ...e.guests, ...e.attendance.map((a) => a.person)]) this.knowPerson(p);
      for (const o of e.organizations) if (!this.orgs.some((k) => k.id === o.id)) this.orgs.push({ ...o });
      const series = e.series;
      if (series && !this.series.some((s) => s.id === series.id)) this.series.push(makeSeries(series.id, series.name));
    }
  }

  private knowPerson(person: PersonRef): void {
    if (!this.people.some((p) => p.id === person.id)) this.people.push({ ...person });
  }

  private fail(method: keyof EventsBackend): void {
    const failure = this.failures[method];
    if (failure) throw failure;
  }

  private stamp(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private find(id: string): Event {
    const found = this.events.find((e) => e.id === id);
    if (!found) throw notFound('event');
    return found;
  }

  private store(event: Event): Event {
    const attendance = [...event.attendance].sort(byName);
    const saved: Event = { ...event, attendance, counts: countsOf(attendance, event.unnamed_count) };
    this.events = this.events.some((e) => e.id === saved.id)
      ? this.events.map((e) => (e.id === saved.id ? saved : e))
      : [...this.events, saved];
    return structuredClone(saved);
  }

  private personOf(field: string, id: string): PersonRef {
    const found = this.people.find((p) => p.id === id);
    if (!found) throw invalid(field, { code: 'invalid_id', value: id });
    return { ...found };
  }

  private refs<T extends { id: string }>(field: string, ids: string[], known: T[]): T[] {
    return [...new Set(ids)].map((id, i) => {
      const found = known.find((k) => k.id === id);
      if (!found) throw invalid(`${field}.${i}`, { code: 'invalid_id', value: id });
      return { ...found };
    });
  }

  /** `EventDraft::validate`, then the names of what the draft refers to. */
  private fromDraft(draft: EventDraft): Omit<Event, 'id' | 'attendance' | 'counts' | 'created_at' | 'updated_at'> {
    const title = tidy(draft.title);
    if (!title) throw invalid('title', { code: 'required' });
    if (Number.isNaN(Date.parse(draft.starts_at))) throw invalid('starts_at', { code: 'invalid_date_time', value: draft.starts_at });
    if (draft.ends_at !== null) {
      if (Number.isNaN(Date.parse(draft.ends_at))) throw invalid('ends_at', { code: 'invalid_date_time', value: draft.ends_at });
      if (Date.parse(draft.ends_at) < Date.parse(draft.starts_at)) throw invalid('ends_at', { code: 'ends_before_start' });
    }
    if (!Number.isInteger(draft.unnamed_count) || draft.unnamed_count < 0 || draft.unnamed_count > MAX_UNNAMED) {
      throw invalid('unnamed_count', { code: 'out_of_range', min: 0, max: MAX_UNNAMED });
    }
    let series: SeriesRef | null = null;
    if (draft.series_id !== null) {
      const found = this.series.find((s) => s.id === draft.series_id);
      if (!found) throw invalid('series_id', { code: 'invalid_id', value: draft.series_id });
      series = { id: found.id, name: found.name };
    }
    const speakers = this.refs('speakers', draft.speakers, this.people);
    const guests = this.refs('guests', draft.guests, this.people).filter((g) => !speakers.some((s) => s.id === g.id));
    return {
      title,
      series,
      starts_at: draft.starts_at,
      ends_at: draft.ends_at,
      place: draft.place.trim(),
      speakers,
      guests,
      organizations: this.refs('organizations', draft.organizations, this.orgs),
      description: draft.description,
      notes: draft.notes,
      unnamed_count: draft.unnamed_count,
    };
  }

  async listSeries(): Promise<EventSeries[]> {
    this.fail('listSeries');
    return this.series
      .map((s) => ({ ...s, events: this.events.filter((e) => e.series?.id === s.id).length }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  async addSeries(name: string): Promise<EventSeries> {
    this.fail('addSeries');
    const tidied = tidy(name);
    if (!tidied) throw invalid('name', { code: 'required' });
    // The core keeps one series per folded name: typing an existing one finds it.
    const existing = this.series.find((s) => fold(s.name) === fold(tidied));
    if (existing) return { ...existing };
    const series = makeSeries(`series-${this.next++}`, tidied);
    this.series.push(series);
    return { ...series };
  }

  async renameSeries(id: string, name: string): Promise<EventSeries> {
    this.fail('renameSeries');
    const tidied = tidy(name);
    if (!tidied) throw invalid('name', { code: 'required' });
    const found = this.series.find((s) => s.id === id);
    if (!found) throw notFound('series');
    found.name = tidied;
    this.events = this.events.map((e) => (e.series?.id === id ? { ...e, series: { id, name: tidied } } : e));
    return { ...found };
  }

  async listEvents(query: EventQuery): Promise<EventSummary[]> {
    this.fail('listEvents');
    const from = query.from ? Date.parse(query.from) : -Infinity;
    const to = query.to ? Date.parse(query.to) : Infinity;
    return this.events
      .filter((e) => {
        const at = Date.parse(e.starts_at);
        return at >= from && at < to && (!query.series_id || e.series?.id === query.series_id);
      })
      .sort(newestFirst)
      .map(summaryOf);
  }

  async getEvent(id: string): Promise<Event> {
    this.fail('getEvent');
    return structuredClone(this.find(id));
  }

  async createEvent(draft: EventDraft): Promise<Event> {
    this.fail('createEvent');
    const fields = this.fromDraft(draft);
    const at = this.stamp();
    return this.store({ id: `event-${this.next++}`, ...fields, attendance: [], counts: countsOf([], 0), created_at: at, updated_at: at });
  }

  async updateEvent(id: string, draft: EventDraft): Promise<Event> {
    this.fail('updateEvent');
    const found = this.find(id);
    return this.store({ ...found, ...this.fromDraft(draft), updated_at: this.stamp() });
  }

  async deleteEvent(id: string): Promise<void> {
    this.fail('deleteEvent');
    this.find(id);
    this.events = this.events.filter((e) => e.id !== id);
  }

  async setAttendance(eventId: string, personId: string, status: Attendance | null): Promise<Event> {
    this.fail('setAttendance');
    const found = this.find(eventId);
    const person = this.personOf('person_id', personId);
    const at = this.stamp();
    const others = found.attendance.filter((a) => a.person.id !== personId);
    const attendance = status === null ? others : [...others, { person, status, updated_at: at }];
    return this.store({ ...found, attendance, updated_at: at });
  }

  async personEvents(personId: string): Promise<PersonEvent[]> {
    this.fail('personEvents');
    const found: PersonEvent[] = [];
    for (const event of [...this.events].sort(newestFirst)) {
      const status = event.attendance.find((a) => a.person.id === personId)?.status ?? null;
      const role: EventRole | null = event.speakers.some((p) => p.id === personId)
        ? 'speaker'
        : event.guests.some((p) => p.id === personId)
          ? 'guest'
          : null;
      if (status !== null || role !== null) found.push({ event: summaryOf(event), status, role });
    }
    return found;
  }

  async organizationEvents(organizationId: string): Promise<OrganizationEvent[]> {
    this.fail('organizationEvents');
    const members = this.members.get(organizationId) ?? [];
    const found: OrganizationEvent[] = [];
    for (const event of [...this.events].sort(newestFirst)) {
      const involved = event.organizations.some((o) => o.id === organizationId);
      const present = event.attendance.filter((a) => a.status === 'present' && members.includes(a.person.id)).length;
      if (involved || present > 0) found.push({ event: summaryOf(event), involved, members_present: present });
    }
    return found;
  }

  async findPeople(text: string, limit: number): Promise<PersonRef[]> {
    this.fail('findPeople');
    return this.people
      .filter((p) => matches(p.name, text))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .slice(0, limit)
      .map((p) => ({ ...p }));
  }

  async findOrganizations(text: string, limit: number): Promise<OrgRef[]> {
    this.fail('findOrganizations');
    return this.orgs
      .filter((o) => matches(o.name, text))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .slice(0, limit)
      .map((o) => ({ ...o }));
  }

  async addPerson(firstName: string, lastName: string, email: string | null): Promise<PersonRef> {
    this.fail('addPerson');
    const name = tidy(`${firstName} ${lastName}`);
    if (!name) throw invalid('first_name', { code: 'name_required' });
    if (email !== null && !email.includes('@')) throw invalid('emails.0', { code: 'invalid_email', value: email });
    const person = { id: `person-${this.next++}`, name };
    this.people.push(person);
    return { ...person };
  }
}
