import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import type { ErrorPayload } from '../api/types.gen';
import { tauriDuplicatesBackend, type DuplicatePair } from './api';
import { makeSummary } from './fake';

afterEach(() => clearMocks());

const pair: DuplicatePair = {
  first: makeSummary({ id: 'a', first_name: 'Élodie', last_name: 'Dupré' }),
  second: makeSummary({ id: 'b', first_name: 'Elodie', last_name: 'Dupre' }),
  reasons: ['email', 'name'],
};

function recordCalls(reply: (cmd: string) => unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return reply(cmd);
  });
  return calls;
}

describe('tauriDuplicatesBackend', () => {
  it('calls each command by its name, with camelCase arguments for Rust', async () => {
    const calls = recordCalls((cmd) =>
      cmd === 'duplicates_list' ? [pair] : cmd === 'duplicates_merge' ? 'merge-7' : null,
    );

    await expect(tauriDuplicatesBackend.list()).resolves.toEqual([pair]);
    await expect(tauriDuplicatesBackend.merge('a', 'b')).resolves.toBe('merge-7');
    await expect(tauriDuplicatesBackend.undo('merge-7')).resolves.toBeUndefined();

    expect(calls).toEqual([
      { cmd: 'duplicates_list', args: {} },
      { cmd: 'duplicates_merge', args: { keep: 'a', other: 'b' } },
      // Tauri maps mergeId to the Rust parameter merge_id; merge_id itself would not arrive.
      { cmd: 'duplicates_undo', args: { mergeId: 'merge-7' } },
    ]);
  });

  it('turns an ErrorPayload rejection into an ApiError', async () => {
    const payload: ErrorPayload = {
      kind: 'refused',
      message: 'this merge was already undone',
      field: null,
      problem: null,
    };
    mockIPC(() => {
      throw payload;
    });

    const error = await tauriDuplicatesBackend.undo('merge-7').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'refused', message: 'this merge was already undone' });
  });

  it('turns anything else into an internal ApiError', async () => {
    mockIPC(() => {
      throw new Error('boom');
    });

    const error = await tauriDuplicatesBackend.merge('a', 'b').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'internal', message: 'boom' });
  });
});
