// An in-memory backend for component tests and for `npm run dev` in a plain browser. It keeps
// the backend's observable behaviour (accent- and case-insensitive filters, sort by last name,
// keyset pages, prefix search with marked snippets, not_found) but not its validation: a test
// that wants a server-side refusal asks for it with `failNext`.

import { fold } from '../text';
import { ApiError, type Backend } from './index';
import { markedSnippet, matchesPrefixes, queryWords } from './fakeSearch';
import {
  orgSummary,
  personName,
  personRef,
  personSortKey,
  personSummary,
  today,
  type StoredInteraction,
  type StoredMembership,
  type StoredTeam,
} from './fakeRecords';
import type {
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
  PersonRef,
  PersonSummary,
  SearchHit,
  Team,
} from './types.gen';

export { makeOrg, makePerson } from './fakeRecords';
export type { StoredInteraction, StoredMembership, StoredTeam } from './fakeRecords';

type Method = keyof Backend;

export interface FakeData {
  people?: Person[];
  orgs?: Organization[];
  memberships?: StoredMembership[];
  teams?: StoredTeam[];
  interactions?: StoredInteraction[];
}

function notFound(what: string, id: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what} with id ${id}`, field: null, problem: null });
}

/** Everything after the row with id `after`, at most `limit` rows. */
function page<T extends { id: string }>(sorted: T[], after: string | null, limit: number | null): T[] {
  const start = after === null ? 0 : sorted.findIndex((row) => row.id === after) + 1;
  const rest = sorted.slice(start);
  return limit === null ? rest : rest.slice(0, limit);
}

/** 'none' finds the people without a recorded basis; null is no filter. */
function matchesLegalBasis(p: Person, wanted: PersonQuery['legal_basis']): boolean {
  return wanted === null || (wanted === 'none' ? p.legal_basis === null : p.legal_basis === wanted);
}

function sameFolded(a: string | null, b: string): boolean {
  return a !== null && fold(a) === fold(b);
}

export class FakeBackend implements Backend {
  people: Person[];
  orgs: Organization[];
  memberships: StoredMembership[];
  teams: StoredTeam[];
  interactions: StoredInteraction[];
  private failures = new Map<Method, ErrorPayload>();
  private nextId = 1;
  private now: () => string;

  constructor(data: Person[] | FakeData = [], now: () => string = () => new Date().toISOString()) {
    const d: FakeData = Array.isArray(data) ? { people: data } : data;
    this.people = [...(d.people ?? [])];
    this.orgs = [...(d.orgs ?? [])];
    this.memberships = [...(d.memberships ?? [])];
    this.teams = [...(d.teams ?? [])];
    this.interactions = [...(d.interactions ?? [])];
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

  private newId(): string {
    return `fake-${this.nextId++}`;
  }

  private person(id: string): Person {
    const person = this.people.find((p) => p.id === id);
    if (!person) throw notFound('contact', id);
    return person;
  }

  private org(id: string): Organization {
    const org = this.orgs.find((o) => o.id === id);
    if (!org) throw notFound('organization', id);
    return org;
  }

  private ref(id: string): PersonRef | null {
    const person = this.people.find((p) => p.id === id);
    return person ? personRef(person) : null;
  }

  private refs(ids: string[]): PersonRef[] {
    return ids.map((id) => this.ref(id)).filter((r): r is PersonRef => r !== null);
  }

  private membership(m: StoredMembership): Membership {
    const person = this.people.find((p) => p.id === m.person_id);
    const org = this.orgs.find((o) => o.id === m.organization_id);
    return { ...m, person_name: person ? personName(person) : '', organization_name: org?.name ?? '' };
  }

  private interaction(i: StoredInteraction): Interaction {
    const { team_member_id, ...rest } = i;
    return {
      ...structuredClone(rest),
      people: this.refs(i.people),
      team_member: team_member_id === null ? null : this.ref(team_member_id),
      suggested: this.refs(i.suggested),
    };
  }

  // People

  async listContacts(query: PersonQuery): Promise<PersonSummary[]> {
    await this.check('listContacts');
    const words = fold(query.text ?? '').split(/\s+/).filter(Boolean);
    const found = this.people
      .filter((p) => {
        const haystack = fold(
          [p.first_name, p.last_name, ...p.emails.map((e) => e.value), p.organization ?? '', p.city ?? '', ...p.tags].join(' '),
        );
        return (
          words.every((w) => haystack.includes(w)) &&
          (query.sector === null || p.sectors.includes(query.sector)) &&
          (query.circle === null || p.circles.includes(query.circle)) &&
          (query.tag === null || p.tags.some((tag) => sameFolded(tag, query.tag ?? ''))) &&
          (query.city === null || sameFolded(p.city, query.city)) &&
          (query.point_person_id === null || p.point_person_id === query.point_person_id) &&
          matchesLegalBasis(p, query.legal_basis ?? null)
        );
      })
      .map((p) => ({ p, key: query.sort === 'recently_added' ? '' : personSortKey(p) }))
      .sort((a, b) =>
        query.sort === 'recently_added'
          ? b.p.created_at.localeCompare(a.p.created_at) || b.p.id.localeCompare(a.p.id)
          : a.key < b.key
            ? -1
            : a.key > b.key
              ? 1
              : 0,
      )
      .map(({ p }) => p);
    return page(found, query.after, query.limit).map(personSummary);
  }

  async getContact(id: string): Promise<Person> {
    await this.check('getContact');
    return structuredClone(this.person(id));
  }

  async contactPage(id: string): Promise<PersonPage> {
    await this.check('contactPage');
    const person = this.person(id);
    const chain: PersonRef[] = [];
    const seen = new Set([id]);
    for (let next = person.introduced_by_id; next !== null && !seen.has(next); ) {
      seen.add(next);
      const introducer = this.people.find((p) => p.id === next);
      if (!introducer) break;
      chain.push(personRef(introducer));
      next = introducer.introduced_by_id;
    }
    const mine = this.interactions.filter((i) => i.people.includes(id));
    const introduced = new Set([
      ...this.people.filter((p) => p.introduced_by_id === id).map((p) => p.id),
      ...mine.flatMap((i) => i.suggested),
    ]);
    introduced.delete(id);
    return {
      person: structuredClone(person),
      point_person: person.point_person_id === null ? null : this.ref(person.point_person_id),
      introduced_by: chain,
      introduced: this.refs([...introduced]),
      memberships: this.memberships.filter((m) => m.person_id === id).map((m) => this.membership(m)),
      interactions: mine
        .sort((a, b) => (a.date === b.date ? b.created_at.localeCompare(a.created_at) : b.date.localeCompare(a.date)))
        .map((i) => this.interaction(i)),
      sessions: [],
    };
  }

  async createContact(draft: PersonDraft): Promise<Person> {
    await this.check('createContact');
    const now = this.now();
    const person: Person = { ...structuredClone(draft), id: this.newId(), created_at: now, updated_at: now };
    this.people.push(person);
    return structuredClone(person);
  }

  async updateContact(id: string, draft: PersonDraft): Promise<Person> {
    await this.check('updateContact');
    const old = this.person(id);
    const person: Person = { ...structuredClone(draft), id, created_at: old.created_at, updated_at: this.now() };
    this.people = this.people.map((p) => (p.id === id ? person : p));
    return structuredClone(person);
  }

  async deleteContact(id: string): Promise<void> {
    await this.check('deleteContact');
    this.person(id);
    this.people = this.people.filter((p) => p.id !== id);
    this.memberships = this.memberships.filter((m) => m.person_id !== id);
  }

  // Organisations

  private memberCount(orgId: string): number {
    const now = today();
    return this.memberships.filter((m) => m.organization_id === orgId && (m.until === null || m.until >= now)).length;
  }

  async listOrgs(query: OrganizationQuery): Promise<OrganizationSummary[]> {
    await this.check('listOrgs');
    const words = fold(query.text ?? '').split(/\s+/).filter(Boolean);
    const found = this.orgs
      .filter((o) => {
        const haystack = fold([o.name, o.city ?? '', ...o.tags].join(' '));
        return (
          words.every((w) => haystack.includes(w)) &&
          (query.kind === null || o.kind === query.kind) &&
          (query.status === null || o.status === query.status) &&
          (query.tag === null || o.tags.some((tag) => sameFolded(tag, query.tag ?? ''))) &&
          (query.city === null || sameFolded(o.city, query.city)) &&
          (query.point_person_id === null || o.point_person_id === query.point_person_id)
        );
      })
      .sort((a, b) => fold(a.name).localeCompare(fold(b.name)) || a.id.localeCompare(b.id));
    return page(found, query.after, query.limit).map((o) => orgSummary(o, this.memberCount(o.id)));
  }

  private teamTree(orgId: string, parentId: string | null): Team[] {
    return this.teams
      .filter((t) => t.organization_id === orgId && t.parent_id === parentId)
      .map((t) => ({
        id: t.id,
        name: t.name,
        parent_id: t.parent_id,
        members: t.members.map((m) => ({ person_id: m.person_id, role: m.role, name: this.ref(m.person_id)?.name ?? '' })),
        children: this.teamTree(orgId, t.id),
      }));
  }

  async orgPage(id: string): Promise<OrganizationPage> {
    await this.check('orgPage');
    const org = this.org(id);
    const now = today();
    const past = (m: StoredMembership) => (m.until !== null && m.until < now ? 1 : 0);
    const members = this.memberships
      .filter((m) => m.organization_id === id)
      .sort((a, b) => past(a) - past(b) || Number(b.leadership) - Number(a.leadership))
      .map((m) => this.membership(m));
    return {
      organization: structuredClone(org),
      point_person: org.point_person_id === null ? null : this.ref(org.point_person_id),
      members,
      teams: this.teamTree(id, null),
      timeline: this.interactions
        .filter((i) => i.people.some((p) => this.memberships.some((m) => m.organization_id === id && m.person_id === p)))
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((i) => this.interaction(i)),
      sessions: [],
    };
  }

  async createOrg(draft: OrganizationDraft): Promise<Organization> {
    await this.check('createOrg');
    const now = this.now();
    const org: Organization = { ...structuredClone(draft), id: this.newId(), created_at: now, updated_at: now };
    this.orgs.push(org);
    return structuredClone(org);
  }

  async updateOrg(id: string, draft: OrganizationDraft): Promise<Organization> {
    await this.check('updateOrg');
    const old = this.org(id);
    const org: Organization = { ...structuredClone(draft), id, created_at: old.created_at, updated_at: this.now() };
    this.orgs = this.orgs.map((o) => (o.id === id ? org : o));
    return structuredClone(org);
  }

  async deleteOrg(id: string): Promise<void> {
    await this.check('deleteOrg');
    this.org(id);
    this.orgs = this.orgs.filter((o) => o.id !== id);
    this.memberships = this.memberships.filter((m) => m.organization_id !== id);
    this.teams = this.teams.filter((t) => t.organization_id !== id);
  }

  // Memberships and teams

  async addMembership(draft: MembershipDraft): Promise<Membership> {
    await this.check('addMembership');
    this.person(draft.person_id);
    this.org(draft.organization_id);
    const stored: StoredMembership = { ...structuredClone(draft), id: this.newId() };
    this.memberships.push(stored);
    return this.membership(stored);
  }

  async deleteMembership(id: string): Promise<void> {
    await this.check('deleteMembership');
    if (!this.memberships.some((m) => m.id === id)) throw notFound('membership', id);
    this.memberships = this.memberships.filter((m) => m.id !== id);
  }

  async addTeam(organizationId: string, parentId: string | null, name: string): Promise<string> {
    await this.check('addTeam');
    this.org(organizationId);
    const id = this.newId();
    this.teams.push({ id, organization_id: organizationId, parent_id: parentId, name, members: [] });
    return id;
  }

  async setTeamMember(teamId: string, personId: string, role: string): Promise<void> {
    await this.check('setTeamMember');
    const team = this.teams.find((t) => t.id === teamId);
    if (!team) throw notFound('team', teamId);
    this.person(personId);
    team.members = [...team.members.filter((m) => m.person_id !== personId), { person_id: personId, role }];
  }

  // Interactions and search

  async addInteraction(draft: InteractionDraft): Promise<Interaction> {
    await this.check('addInteraction');
    const now = this.now();
    const stored: StoredInteraction = { ...structuredClone(draft), id: this.newId(), created_at: now, updated_at: now };
    this.interactions.push(stored);
    return this.interaction(stored);
  }

  async search(text: string, limit: number): Promise<SearchHit[]> {
    await this.check('search');
    const words = queryWords(text);
    const records: { kind: SearchHit['kind']; id: string; title: string; body: string }[] = [
      ...this.people.map((p) => ({
        kind: 'person' as const,
        id: p.id,
        title: personName(p),
        body: [personName(p), p.organization, p.city, ...p.emails.map((e) => e.value), ...p.tags, p.notes]
          .filter(Boolean)
          .join(' · '),
      })),
      ...this.orgs.map((o) => ({
        kind: 'organization' as const,
        id: o.id,
        title: o.name,
        body: [o.name, o.city, ...o.tags, o.description].filter(Boolean).join(' · '),
      })),
      ...this.interactions.map((i) => {
        const one = i.one_to_one;
        return {
          kind: 'interaction' as const,
          id: i.id,
          title: [i.date, this.refs(i.people).map((r) => r.name).join(', ')].join(' · '),
          body: [i.notes, one.interests, one.story, one.resources, one.commitment_asked, one.commitment_given]
            .filter(Boolean)
            .join(' · '),
        };
      }),
    ];
    return records
      .filter((r) => matchesPrefixes(`${r.title} ${r.body}`, words))
      .slice(0, limit)
      .map((r) => ({ kind: r.kind, id: r.id, title: r.title, snippet: markedSnippet(r.body || r.title, words) }));
  }
}

