import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, tauriBackend, toApiError } from './index';
import type { ErrorPayload, Person, PersonDraft } from './types.gen';

const person: Person = {
  id: '0193a8c2-0000-7000-8000-000000000001',
  first_name: 'Élodie',
  last_name: 'Dupré',
  emails: [{ label: 'travail', value: 'elodie@example.org' }],
  phones: [],
  organization: null,
  sector: 'collective',
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
  sector: 'collective',
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

    await tauriBackend.listContacts({ text: 'dupre', limit: 50 });
    await tauriBackend.getContact(person.id);
    await tauriBackend.createContact(draft);
    await tauriBackend.updateContact(person.id, draft);
    await tauriBackend.deleteContact(person.id);

    expect(calls).toEqual([
      { cmd: 'contacts_list', args: { query: { text: 'dupre', limit: 50 } } },
      { cmd: 'contacts_get', args: { id: person.id } },
      { cmd: 'contacts_create', args: { draft } },
      { cmd: 'contacts_update', args: { id: person.id, draft } },
      { cmd: 'contacts_delete', args: { id: person.id } },
    ]);
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

    const error = await tauriBackend.listContacts({ text: null, limit: null }).catch((e: unknown) => e);

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

  it('keeps a payload without field or problem usable', () => {
    expect(toApiError({ kind: 'not_found', message: 'no contact with id x' })).toMatchObject({
      kind: 'not_found',
      field: null,
      problem: null,
    });
  });
});
