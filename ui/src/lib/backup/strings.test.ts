import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { backupInfo } from './fake';
import { BACKUP_KINDS, databaseFileNear, en, folderOf, formatSize, fr, kindLabel, takenAt, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('backup strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('name each kind of backup in French, and follow the app language', () => {
    expect(BACKUP_KINDS.map((k) => kindLabel(k))).toEqual(['automatique', 'manuelle', 'avant restauration']);
    setLocale('en');
    expect(kindLabel('before_restore')).toBe('before restore');
    expect(tr('panel.title')).toBe('Backups');
  });

  it('date a backup in the user\'s time zone and size it in Mo', () => {
    expect(takenAt(backupInfo('2026-11-26T09:30:00Z', 'manual'), 'fr', 'Europe/Paris')).toBe('26 novembre 2026 à 10:30');
    expect(formatSize(13_002_342, 'fr')).toBe('12,4 Mo');
    expect(formatSize(1_048_576, 'fr')).toBe('1,0 Mo');
    expect(formatSize(10_000, 'fr')).toBe('moins de 0,1 Mo');
    expect(formatSize(13_002_342, 'en')).toBe('12.4 MB');
  });

  it('find the data file beside the backups folder, whatever the system', () => {
    const linux = backupInfo('2026-11-26T09:30:00Z', 'manual', 1, '/home/lea/.local/share/flocon/backups');
    expect(folderOf(linux.file)).toBe('/home/lea/.local/share/flocon/backups');
    expect(databaseFileNear(linux)).toBe('/home/lea/.local/share/flocon/flocon.sqlite3');
    const windows = { ...linux, file: 'C:\\Users\\lea\\AppData\\Roaming\\Flocon\\flocon\\data\\backups\\flocon-1.sqlite3' };
    expect(databaseFileNear(windows)).toBe('C:\\Users\\lea\\AppData\\Roaming\\Flocon\\flocon\\data\\flocon.sqlite3');
  });
});
