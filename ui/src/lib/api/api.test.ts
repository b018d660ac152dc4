import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NO_ORG_FILTER, NO_PERSON_FILTER, tauriBackend, toApiError } from './index';
import type { ErrorPayload, Person, PersonDraft } from './types.gen';

const person: Person = {
  id: '0193a8c2-0000-7000-8000-000000000001',
  first_name: 'Élodie',
  last_name: 'Dupré',
  emails: [{ label: 'travail', value: 'elodie@example.org' }],
  phones: [],
  organization: null,
  pronouns: null,
  sectors: ['collective'],
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
  tags: ['école'],
  notes: '',
  created_at: '2026-11-25T17:02:00Z',
  updated_at: '2026-11-25T17:02:00Z',
};

const draft: PersonDraft = {
  first_name: 'Élodie',
  last_name: 'Dupré',
  emails: [{ label: 'travail', value: 'elodie@example.org' }],
  phones: [],
  organization: null,
  pronouns: null,
  sectors: ['collective'],
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
  tags: ['école'],
  notes: '',
};

/** Records every command and its arguments, answering with `reply(cmd)`. */
function recordCalls(reply: (cmd: string) => unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return reply(cmd);
  });
  return calls;
}

afterEach(() => clearMocks());

describe('tauriBackend', () => {
  it('calls each contacts command by its name with the argument shape Rust expects', async () => {
    const calls = recordCalls((cmd) => (cmd === 'contacts_list' ? [] : cmd === 'contacts_delete' ? null : person));

    await tauriBackend.listContacts({ ...NO_PERSON_FILTER, text: 'dupre', limit: 50 });
    await tauriBackend.getContact(person.id);
    await tauriBackend.createContact(draft);
    await tauriBackend.updateContact(person.id, draft);
    await tauriBackend.deleteContact(person.id);

    expect(calls).toEqual([
      { cmd: 'contacts_list', args: { query: { ...NO_PERSON_FILTER, text: 'dupre', limit: 50 } } },
      { cmd: 'contacts_get', args: { id: person.id } },
      { cmd: 'contacts_create', args: { draft } },
      { cmd: 'contacts_update', args: { id: person.id, draft } },
      { cmd: 'contacts_delete', args: { id: person.id } },
    ]);
  });

  it('calls the organisation, membership, team, conversation and search commands with camelCase arguments', async () => {
    const calls = recordCalls((cmd) => (cmd === 'teams_add' ? 'team-1' : cmd.endsWith('_list') || cmd === 'search' ? [] : null));
    const orgDraft = {
      name: 'Mères solidaires',
      kind: 'collective' as const,
      city: null,
      website: null,
      description: '',
      tags: [],
      status: 'supported' as const,
      point_person_id: null,
    };
    const membership = {
      person_id: 'p1',
      organization_id: 'o1',
      role: 'Porte-parole',
      since: '2025-03-01',
      until: null,
      leadership: true,
    };
    const interaction = {
      date: '2026-10-12',
      kind: 'one_to_one' as const,
      people: ['p1'],
      team_member_id: null,
      notes: '',
      one_to_one: { interests: '', story: '', resources: '', commitment_asked: '', commitment_given: '' },
      suggested: [],
    };

    await tauriBackend.contactPage('p1');
    await tauriBackend.listOrgs({ ...NO_ORG_FILTER, kind: 'collective', after: 'o0', limit: 200 });
    await tauriBackend.orgPage('o1');
    await tauriBackend.createOrg(orgDraft);
    await tauriBackend.updateOrg('o1', orgDraft);
    await tauriBackend.deleteOrg('o1');
    await tauriBackend.addMembership(membership);
    await tauriBackend.deleteMembership('m1');
    await expect(tauriBackend.addTeam('o1', null, 'Coordination')).resolves.toBe('team-1');
    await tauriBackend.addTeam('o1', 'team-1', 'École');
    await tauriBackend.setTeamMember('team-1', 'p1', 'coordinatrice');
    await tauriBackend.addInteraction(interaction);
    await tauriBackend.search('dupre', 20);

    expect(calls).toEqual([
      { cmd: 'contacts_page', args: { id: 'p1' } },
      { cmd: 'orgs_list', args: { query: { ...NO_ORG_FILTER, kind: 'collective', after: 'o0', limit: 200 } } },
      { cmd: 'orgs_page', args: { id: 'o1' } },
      { cmd: 'orgs_create', args: { draft: orgDraft } },
      { cmd: 'orgs_update', args: { id: 'o1', draft: orgDraft } },
      { cmd: 'orgs_delete', args: { id: 'o1' } },
      { cmd: 'memberships_add', args: { draft: membership } },
      { cmd: 'memberships_delete', args: { id: 'm1' } },
      { cmd: 'teams_add', args: { organizationId: 'o1', parentId: null, name: 'Coordination' } },
      { cmd: 'teams_add', args: { organizationId: 'o1', parentId: 'team-1', name: 'École' } },
      { cmd: 'teams_set_member', args: { teamId: 'team-1', personId: 'p1', role: 'coordinatrice' } },
      { cmd: 'interactions_add', args: { draft: interaction } },
      { cmd: 'search', args: { text: 'dupre', limit: 20 } },
    ]);
  });

  it('accepts the malformed error kind', () => {
    expect(toApiError({ kind: 'malformed', message: 'bad json' }).kind).toBe('malformed');
  });

  it('returns what the command answered', async () => {
    recordCalls(() => person);
    await expect(tauriBackend.getContact(person.id)).resolves.toEqual(person);
  });

  it('turns an ErrorPayload rejection into an ApiError that names the field and the problem', async () => {
    const payload: ErrorPayload = {
      kind: 'invalid',
      message: 'emails.0: "nope" is not a valid email address',
      field: 'emails.0',
      problem: { code: 'invalid_email', value: 'nope' },
    };
    mockIPC(() => {
      throw payload;
    });

    const error = await tauriBackend.createContact(draft).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'invalid',
      field: 'emails.0',
      problem: { code: 'invalid_email', value: 'nope' },
      message: payload.message,
    });
  });

  it('turns a rejection that is not an ErrorPayload into an internal ApiError', async () => {
    mockIPC(() => {
      throw 'command contacts_list not found';
    });

    const error = await tauriBackend.listContacts(NO_PERSON_FILTER).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'internal',
      field: null,
      problem: null,
      message: 'command contacts_list not found',
    });
  });
});

describe('toApiError', () => {
  it('treats an unknown kind as internal rather than trusting it', () => {
    expect(toApiError({ kind: 'exploded', message: 'x' }).kind).toBe('internal');
  });

  it('keeps the message of a thrown Error', () => {
    expect(toApiError(new TypeError('boom'))).toMatchObject({ kind: 'internal', message: 'boom' });
  });

  it('keeps the kind and the difference of a schema that is not Flocon\'s', () => {
    const schema = { change: 'unknown', object: 'trigger', name: 'leak', others: 0 } as const;
    expect(toApiError({ kind: 'foreign_schema', message: 'm', field: null, problem: null, schema })).toMatchObject({
      kind: 'foreign_schema',
      schema,
    });
    expect(toApiError({ kind: 'foreign_schema', message: 'm', schema: 'garbled' }).schema).toBeNull();
  });

  it('keeps a payload without field or problem usable', () => {
    expect(toApiError({ kind: 'not_found', message: 'no contact with id x' })).toMatchObject({
      kind: 'not_found',
      field: null,
      problem: null,
    });
  });
});
