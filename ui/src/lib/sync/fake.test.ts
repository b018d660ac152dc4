import { describe, expect, it } from 'vitest';
import { SyncError, type SyncProgress } from './api';
import { FakeSyncBackend, sampleDevices } from './fake';

describe('FakeSyncBackend', () => {
  it('renames this laptop, in its status and among the laptops seen', async () => {
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', deviceName: 'vm', devices: sampleDevices() });
    const status = await backend.renameDevice('  Portable de Léa (bureau) ');
    expect(status.device_name).toBe('Portable de Léa (bureau)');
    expect(status.devices.filter((d) => d.this_device).map((d) => d.name)).toEqual(['Portable de Léa (bureau)']);
    expect(status.devices.filter((d) => !d.this_device).map((d) => d.name)).toEqual(['Portable de Karim', 'Portable de Samia']);
    expect((await backend.status()).device_name).toBe('Portable de Léa (bureau)');
  });

  it('refuses a blank name as the desktop does', async () => {
    const backend = new FakeSyncBackend({ deviceName: 'vm' });
    const error = await backend.renameDevice(' \t ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'invalid', problem: { code: 'required' } });
    expect(backend.deviceName).toBe('vm');
  });

  it('tells the progress it was given as its sync goes, then the end, to whoever listens', async () => {
    const reports: SyncProgress[] = [
      { step: 'reading', done: 0, total: 3 },
      { step: 'settling', done: 0, total: 0 },
    ];
    const backend = new FakeSyncBackend({ folder: '/media/cle/flocon', progress: reports });
    const seen: (SyncProgress | null)[] = [];
    const stop = await backend.watchProgress((p) => seen.push(p));
    await backend.syncNow();
    stop();
    await backend.syncNow();
    expect(seen).toEqual([...reports, null]);
    expect(backend.watching).toBe(0);
  });
});
