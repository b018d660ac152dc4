// An in-memory `BackupBackend` for the backup panel's and the damaged screen's tests, with the
// rules they rely on: the list is newest first, a new backup is a manual one at the top, a
// restore names a backup that is in the list, and the integrity status can be sent as the app
// sends its event.

import { ApiError } from '../api';
import type { BackupBackend, BackupInfo, BackupKind, IntegrityStatus } from './api';

const DAY = 24 * 60 * 60 * 1000;
export const BACKUP_DIR = '/home/lea/.local/share/flocon/backups';

/** The word of each kind in a backup's name (see `BackupKind::word` in the core). */
const KIND_WORDS: Record<BackupKind, string> = { automatic: 'auto', manual: 'manuel', before_restore: 'avant-restauration' };

/** A backup taken at `takenAt` (an instant), named as the core names them. */
export function backupInfo(takenAt: string, kind: BackupKind, sizeBytes = 12_400_000, dir = BACKUP_DIR): BackupInfo {
  const at = new Date(takenAt);
  const stamp = `${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
  const name = `flocon-${stamp}-${KIND_WORDS[kind]}.sqlite3`;
  return { file: `${dir}/${name}`, name, taken_at: at.toISOString(), size_bytes: sizeBytes, kind };
}

/** The refusal every data command answers when the database is damaged. */
export function damagedError(message = 'database disk image is malformed'): ApiError {
  return new ApiError({ kind: 'damaged', message, field: null, problem: null });
}

export class FakeBackupBackend implements BackupBackend {
  backups: BackupInfo[];
  status: IntegrityStatus = { state: 'ok', detail: null, latest_backup: null };
  /** The names of the backups restored, in order. */
  restored: string[] = [];
  /** When set, calls to that command reject with it. */
  failures: Partial<Record<keyof BackupBackend, ApiError>> = {};
  /** The clock of `backupNow`. */
  now: () => Date = () => new Date();
  private listeners = new Set<(status: IntegrityStatus) => void>();

  constructor(backups: BackupInfo[] = []) {
    this.backups = structuredClone(backups);
  }

  private fail(command: keyof BackupBackend): void {
    const failure = this.failures[command];
    if (failure) throw failure;
  }

  async listBackups(): Promise<BackupInfo[]> {
    this.fail('listBackups');
    return structuredClone(this.backups).sort((a, b) => b.taken_at.localeCompare(a.taken_at));
  }

  async backupNow(): Promise<BackupInfo> {
    this.fail('backupNow');
    const made = backupInfo(this.now().toISOString(), 'manual', 12_600_000);
    this.backups.unshift(made);
    return structuredClone(made);
  }

  async restoreBackup(name: string): Promise<void> {
    this.fail('restoreBackup');
    if (!this.backups.some((b) => b.name === name)) {
      throw new ApiError({ kind: 'refused', message: `"${name}" is not one of Flocon's backups; nothing was restored`, field: null, problem: null });
    }
    this.restored.push(name);
  }

  async integrityStatus(): Promise<IntegrityStatus> {
    this.fail('integrityStatus');
    return structuredClone(this.status);
  }

  async onIntegrityStatus(handler: (status: IntegrityStatus) => void): Promise<() => void> {
    this.fail('onIntegrityStatus');
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  /** Sends the 'integrity-status' event, as the app does when its check ends. */
  emit(status: IntegrityStatus): void {
    this.status = structuredClone(status);
    for (const listener of [...this.listeners]) listener(structuredClone(status));
  }

  /** How many handlers listen to the event. */
  get listening(): number {
    return this.listeners.size;
  }
}

/**
 * What a laptop in use for a month keeps, relative to `now`: the daily backups of the last
 * days, a weekly one, a manual one before an import, one taken before a restore.
 */
export function sampleBackups(now: Date = new Date()): BackupInfo[] {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 60 * 60 * 1000).toISOString();
  return [
    backupInfo(ago(0, 2), 'automatic', 12_400_000),
    backupInfo(ago(1, 2), 'automatic', 12_300_000),
    backupInfo(ago(2, 2), 'automatic', 12_200_000),
    backupInfo(ago(3, 5), 'manual', 12_100_000),
    backupInfo(ago(4, 2), 'automatic', 12_000_000),
    backupInfo(ago(9, 2), 'before_restore', 11_800_000),
    backupInfo(ago(14, 2), 'automatic', 11_500_000),
  ];
}

export function sampleBackupBackend(now: Date = new Date()): FakeBackupBackend {
  return new FakeBackupBackend(sampleBackups(now));
}
