// An in-memory backend for component tests and for `npm run dev` in a plain browser. It keeps
// the backend's observable behaviour (accent- and case-insensitive search, sort by last name,
// not_found) but not its validation: a test that wants a server-side refusal asks for it with
// `failNext`.

import { fold } from '../text';
import { ApiError, type Backend } from './index';
import type { ErrorPayload, Person, PersonDraft, PersonQuery, PersonSummary } from './types.gen';

type Method = keyof Backend;

export function makePerson(fields: Partial<Person> & Pick<Person, 'id'>): Person {
  return {
    first_name: '',
    last_name: '',
    emails: [],
    phones: [],
    organization: null,
    sector: null,
    tags: [],
    notes: '',
    created_at: '2026-11-25T17:02:00Z',
    updated_at: '2026-11-25T17:02:00Z',
    ...fields,
  };
}

function summary(p: Person): PersonSummary {
  return {
    id: p.id,
    first_name: p.first_name,
    last_name: p.last_name,
    email: p.emails[0]?.value ?? null,
    organization: p.organization,
    sector: p.sector,
    tags: p.tags,
  };
}

function sortKey(p: Person): string {
  const first = fold(p.first_name);
  const last = fold(p.last_name);
  return last ? `${last}\u0001${first}` : `${first}\u0001`;
}

function matches(p: Person, words: string[]): boolean {
  const haystack = fold(
    [p.first_name, p.last_name, ...p.emails.map((e) => e.value), p.organization ?? '', ...p.tags].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}

export class FakeBackend implements Backend {
  people: Person[];
  private failures = new Map<Method, ErrorPayload>();
  private nextId = 1;
  private now: () => string;

  constructor(people: Person[] = [], now: () => string = () => new Date().toISOString()) {
    this.people = [...people];
    this.now = now;
  }

  /** Makes the next call of `method` reject with this payload, as the Tauri backend would. */
  failNext(method: Method, payload: Partial<ErrorPayload> & Pick<ErrorPayload, 'kind'>): void {
    this.failures.set(method, { message: payload.kind, field: null, problem: null, ...payload });
  }

  private async check(method: Method): Promise<void> {
    // Let the caller reach its awaiting state first, as with a real round trip.
    await Promise.resolve();
    const payload = this.failures.get(method);
    if (payload) {
      this.failures.delete(method);
      throw new ApiError(payload);
    }
  }

  private find(id: string): Person {
    const person = this.people.find((p) => p.id === id);
    if (!person) throw new ApiError({ kind: 'not_found', message: `no contact with id ${id}`, field: null, problem: null });
    return person;
  }

  async listContacts(query: PersonQuery): Promise<PersonSummary[]> {
    await this.check('listContacts');
    const words = fold(query.text ?? '').split(/\s+/).filter(Boolean);
    const found = this.people
      .filter((p) => matches(p, words))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
      .map(summary);
    return query.limit === null ? found : found.slice(0, query.limit);
  }

  async getContact(id: string): Promise<Person> {
    await this.check('getContact');
    return structuredClone(this.find(id));
  }

  async createContact(draft: PersonDraft): Promise<Person> {
    await this.check('createContact');
    const now = this.now();
    const person: Person = { ...structuredClone(draft), id: `fake-${this.nextId++}`, created_at: now, updated_at: now };
    this.people.push(person);
    return structuredClone(person);
  }

  async updateContact(id: string, draft: PersonDraft): Promise<Person> {
    await this.check('updateContact');
    const old = this.find(id);
    const person: Person = { ...structuredClone(draft), id, created_at: old.created_at, updated_at: this.now() };
    this.people = this.people.map((p) => (p.id === id ? person : p));
    return structuredClone(person);
  }

  async deleteContact(id: string): Promise<void> {
    await this.check('deleteContact');
    this.find(id);
    this.people = this.people.filter((p) => p.id !== id);
  }
}
