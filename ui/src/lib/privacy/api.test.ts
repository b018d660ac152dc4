import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { fileName, loadRetentionYears, nameKey, RETENTION_YEARS, saveRetentionYears, tauriPrivacyBackend, validYears } from './api';

afterEach(() => {
  clearMocks();
  localStorage.clear();
});

describe('tauriPrivacyBackend', () => {
  it('calls gdpr_export and gdpr_retention by name with the arguments Rust expects', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return cmd === 'gdpr_export' ? { json_file: '/t/a.json', html_file: '/t/a.html' } : [];
    });

    await expect(tauriPrivacyBackend.exportPerson('p1')).resolves.toEqual({ json_file: '/t/a.json', html_file: '/t/a.html' });
    await expect(tauriPrivacyBackend.retention(5)).resolves.toEqual([]);

    expect(calls).toEqual([
      { cmd: 'gdpr_export', args: { id: 'p1' } },
      { cmd: 'gdpr_retention', args: { years: 5 } },
    ]);
  });

  it('calls gdpr_erase with the id and gdpr_erasure_review without arguments', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const report = { person_id: 'p1', erased_at: '2026-11-26T07:00:00Z', removed: [], unlinked: [], flagged: [] };
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return cmd === 'gdpr_erase' ? report : [{ kind: 'event', id: 'e1', title: 'Soirée' }];
    });

    await expect(tauriPrivacyBackend.erasePerson('p1')).resolves.toEqual(report);
    await expect(tauriPrivacyBackend.erasureReview()).resolves.toEqual([{ kind: 'event', id: 'e1', title: 'Soirée' }]);

    expect(calls).toEqual([
      { cmd: 'gdpr_erase', args: { id: 'p1' } },
      { cmd: 'gdpr_erasure_review', args: {} },
    ]);
  });

  it('turns a refusal into an ApiError the screens can word in French', async () => {
    mockIPC(() => {
      throw { kind: 'not_found', message: 'no person with id p9', field: null, problem: null };
    });
    const failure = await tauriPrivacyBackend.exportPerson('p9').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ kind: 'not_found' });
  });
});

describe('privacy helpers', () => {
  it('compares typed names without accents, case or extra spaces', () => {
    expect(nameKey('  élodie   MARTIN ')).toBe(nameKey('Élodie Martin'));
    expect(nameKey('Elodie Martinez')).not.toBe(nameKey('Élodie Martin'));
  });

  it('shows only the file name of a full path, on Linux, macOS or Windows', () => {
    expect(fileName('/home/awa/Téléchargements/flocon-donnees-awa-diallo-2026-11-26.json')).toBe(
      'flocon-donnees-awa-diallo-2026-11-26.json',
    );
    expect(fileName('C:\\Users\\Awa\\Downloads\\flocon-donnees-awa-2026-11-26.html')).toBe('flocon-donnees-awa-2026-11-26.html');
    expect(fileName('seul.json')).toBe('seul.json');
  });

  it('accepts whole numbers of years from 1 to 20 only', () => {
    expect(validYears(1)).toBe(1);
    expect(validYears(20)).toBe(20);
    expect(validYears(0)).toBeNull();
    expect(validYears(21)).toBeNull();
    expect(validYears(2.5)).toBeNull();
    expect(validYears(Number.NaN)).toBeNull();
  });

  it('remembers the years chosen, and falls back to 3 on nothing or junk', () => {
    expect(loadRetentionYears()).toBe(RETENTION_YEARS.default);
    saveRetentionYears(7);
    expect(loadRetentionYears()).toBe(7);
    localStorage.setItem('flocon.privacy.retentionYears', '99');
    expect(loadRetentionYears()).toBe(3);
    localStorage.setItem('flocon.privacy.retentionYears', 'abc');
    expect(loadRetentionYears()).toBe(3);
  });
});
