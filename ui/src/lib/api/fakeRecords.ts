// Records for the fake backend and for tests: complete objects from the few fields a test
// cares about, and the read-side shapes (summaries, refs) the real store computes.

import { fold } from '../text';
import type {
  Interaction,
  Membership,
  Organization,
  OrganizationSummary,
  Person,
  PersonRef,
  PersonSummary,
} from './types.gen';

export function makePerson(fields: Partial<Person> & Pick<Person, 'id'>): Person {
  return {
    first_name: '',
    last_name: '',
    emails: [],
    phones: [],
    organization: null,
    tags: [],
    notes: '',
    created_at: '2026-11-25T17:02:00Z',
    updated_at: '2026-11-25T17:02:00Z',
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
    ...fields,
  };
}

export function makeOrg(fields: Partial<Organization> & Pick<Organization, 'id' | 'name'>): Organization {
  return {
    created_at: '2026-11-25T17:02:00Z',
    updated_at: '2026-11-25T17:02:00Z',
    kind: 'collective',
    city: null,
    website: null,
    description: '',
    tags: [],
    status: null,
    point_person_id: null,
    ...fields,
  };
}

/** A membership as stored by the fake: the names are filled in when read. */
export type StoredMembership = Omit<Membership, 'person_name' | 'organization_name'>;

export interface StoredTeam {
  id: string;
  organization_id: string;
  parent_id: string | null;
  name: string;
  members: { person_id: string; role: string }[];
}

export type StoredInteraction = Omit<Interaction, 'people' | 'team_member' | 'suggested'> & {
  people: string[];
  team_member_id: string | null;
  suggested: string[];
};

export function personName(p: Pick<Person, 'first_name' | 'last_name'>): string {
  return `${p.first_name} ${p.last_name}`.trim();
}

export function personRef(p: Person): PersonRef {
  return { id: p.id, name: personName(p) };
}

export function personSummary(p: Person): PersonSummary {
  return {
    id: p.id,
    first_name: p.first_name,
    last_name: p.last_name,
    email: p.emails[0]?.value ?? null,
    organization: p.organization,
    city: p.city,
    sectors: p.sectors,
    tags: p.tags,
    legal_basis: p.legal_basis,
  };
}

export function orgSummary(o: Organization, memberCount: number): OrganizationSummary {
  return { id: o.id, name: o.name, kind: o.kind, city: o.city, status: o.status, member_count: memberCount, tags: o.tags };
}

/** List order: last name then first name, accents and case ignored, then id (the keyset). */
export function personSortKey(p: Person): string {
  const first = fold(p.first_name);
  const last = fold(p.last_name);
  return `${last ? `${last}\u0001${first}` : `${first}\u0001`}\u0001${p.id}`;
}

/** Today as YYYY-MM-DD, for "is this membership still current". */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
