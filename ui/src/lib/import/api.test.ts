import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import type { ErrorPayload } from '../api/types.gen';
import { tauriImportBackend } from './api';
import { makeEntry, makeReport } from './fake';

afterEach(() => clearMocks());

const report = makeReport({ created: [makeEntry({ line: 1, name: 'Élodie Dupré' })] });

describe('tauriImportBackend', () => {
  it('sends the file as the raw Uint8Array body of import_preview and import_apply, nothing else', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return report;
    });
    const bytes = new TextEncoder().encode('BEGIN:VCARD\r\nFN:Élodie Dupré\r\nEND:VCARD\r\n');

    await expect(tauriImportBackend.preview(bytes)).resolves.toEqual(report);
    await expect(tauriImportBackend.apply(bytes)).resolves.toEqual(report);

    expect(calls.map((c) => c.cmd)).toEqual(['import_preview', 'import_apply']);
    for (const call of calls) {
      // The very same bytes, not wrapped in an object: Rust reads them as InvokeBody::Raw.
      // (TextEncoder's Uint8Array comes from another realm under jsdom, hence no instanceof.)
      expect(Object.prototype.toString.call(call.args)).toBe('[object Uint8Array]');
      expect(call.args).toBe(bytes);
    }
  });

  it('passes the core\'s progress events to the caller while the import runs, and stops listening after', async () => {
    mockIPC(
      async (cmd) => {
        if (cmd === 'import_apply') {
          await emit('import-progress', { done: 250, total: 600 });
          await emit('import-progress', { done: 600, total: 600 });
        }
        return cmd.startsWith('import_') ? report : undefined;
      },
      { shouldMockEvents: true },
    );
    const seen: { done: number; total: number }[] = [];
    const bytes = new TextEncoder().encode('Prénom;Nom\nÉlodie;Dupré\n');

    await tauriImportBackend.apply(bytes, (p) => seen.push(p));
    await emit('import-progress', { done: 1, total: 1 });

    expect(seen).toEqual([
      { done: 250, total: 600 },
      { done: 600, total: 600 },
    ]);
  });

  it('turns a malformed-file rejection into an ApiError that keeps the core message', async () => {
    const payload: ErrorPayload = {
      kind: 'malformed',
      message: 'line 5: BEGIN:VCARD has no END:VCARD',
      field: null,
      problem: null,
    };
    mockIPC(() => {
      throw payload;
    });

    const error = await tauriImportBackend.preview(new Uint8Array([1, 2, 3])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'malformed', message: 'line 5: BEGIN:VCARD has no END:VCARD' });
  });

  it('turns an unknown rejection into an internal ApiError', async () => {
    mockIPC(() => {
      throw 'the IPC channel closed';
    });

    const error = await tauriImportBackend.apply(new Uint8Array([1])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'internal', message: 'the IPC channel closed' });
  });
});
