// An in-memory `SyncBackend` for the sync screens' tests and the browser-only dev mode. It keeps
// the rules the screens rely on: the passphrase « mauvaise » is never the team's, a folder is
// created once and joined after (`teamFolders` holds the folders created, with their
// passphrase), a sync needs the passphrase in this run, a change of the team passphrase made
// elsewhere (`changeTeamPassphrase`) stops the next sync until the new one is given, a sync
// sends what is pending and receives what `inbox` holds (telling the reports `progress` holds
// as it goes, then its end), and settling a conflict closes it.

import type {
  Conflict,
  ConflictChoice,
  DeviceInfo,
  RekeyReport,
  SyncBackend,
  SyncProgress,
  SyncReport,
  SyncSizes,
  SyncStatus,
} from './api';
import { SyncError } from './api';

export const THIS_DEVICE = '0190a1b2-0000-7000-8000-00000000a11a';
export const KARIM_DEVICE = '0190a1b2-0000-7000-8000-00000000b22b';
export const SAMIA_DEVICE = '0190a1b2-0000-7000-8000-00000000c33c';

const MINUTE = 60_000;

/** An instant `minutes` before now, as the backend sends it. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

export function makeDevice(fields: Partial<DeviceInfo> & { id: string; name: string }): DeviceInfo {
  return { last_change_at: null, commits: 0, this_device: false, ...fields };
}

/** Léa's laptop (this one), Karim's and Samia's, as a folder in use for a while shows them. */
export function sampleDevices(): DeviceInfo[] {
  return [
    makeDevice({ id: THIS_DEVICE, name: 'Portable de Léa', last_change_at: minutesAgo(5), commits: 42, this_device: true }),
    makeDevice({ id: KARIM_DEVICE, name: 'Portable de Karim', last_change_at: minutesAgo(60 * 20), commits: 31 }),
    makeDevice({ id: SAMIA_DEVICE, name: 'Portable de Samia', last_change_at: minutesAgo(60 * 24 * 9), commits: 7 }),
  ];
}

export function makeConflict(fields: Partial<Conflict> & { id: string }): Conflict {
  return {
    entity: 'person',
    record_id: `record-${fields.id}`,
    label: 'Fiche',
    field: 'notes',
    kind: 'edit',
    open: true,
    kept: { device_id: THIS_DEVICE, device_name: 'Portable de Léa', at: minutesAgo(30), text: '', deleted: false },
    other: { device_id: KARIM_DEVICE, device_name: 'Portable de Karim', at: minutesAgo(25), text: '', deleted: false },
    ...fields,
  };
}

/** Three conflicts of the three kinds: session notes, a contact's city, an action deleted on
 *  one laptop and edited on another. */
export function sampleConflicts(): Conflict[] {
  return [
    makeConflict({
      id: 'c-notes-lilas',
      entity: 'session',
      label: 'Séance de coaching — Collectif Les Lilas',
      field: 'notes',
      kind: 'text',
      kept: {
        device_id: THIS_DEVICE,
        device_name: 'Portable de Léa',
        at: minutesAgo(90),
        text: '## Météo\n\nÉnergie en hausse depuis la pétition.\n\n## Décisions\n\n- Relancer la mairie pour la salle\n- Préparer la réunion publique du 14',
        deleted: false,
      },
      other: {
        device_id: KARIM_DEVICE,
        device_name: 'Portable de Karim',
        at: minutesAgo(75),
        text: '## Météo\n\nFatigue après la distribution de tracts.\n\n## Décisions\n\n- Relancer la mairie pour la salle\n- Trouver deux nouvelles personnes pour l\'accueil',
        deleted: false,
      },
    }),
    makeConflict({
      id: 'c-city-awa',
      entity: 'person',
      label: 'Awa Diallo',
      field: 'city',
      kind: 'edit',
      kept: { device_id: KARIM_DEVICE, device_name: 'Portable de Karim', at: minutesAgo(60 * 26), text: 'Villeurbanne', deleted: false },
      other: { device_id: THIS_DEVICE, device_name: 'Portable de Léa', at: minutesAgo(60 * 27), text: 'Lyon', deleted: false },
    }),
    makeConflict({
      id: 'c-action-mairie',
      entity: 'action',
      label: 'Relancer la mairie pour la salle',
      field: '',
      kind: 'deleted',
      kept: { device_id: THIS_DEVICE, device_name: 'Portable de Léa', at: minutesAgo(60 * 3), text: 'Relancer la mairie pour la salle (appeler M. Benali)', deleted: false },
      other: { device_id: KARIM_DEVICE, device_name: 'Portable de Karim', at: minutesAgo(60 * 4), text: '', deleted: true },
    }),
  ];
}

/** What the next sync receives from the other laptops; emptied by the sync. */
export interface Inbox {
  changes: number;
  merged: number;
  conflicts: Conflict[];
  skipped: SyncReport['skipped'];
  devices: DeviceInfo[];
  waiting: number;
  needsUpdate: number;
  duplicates: number;
}

const EMPTY_INBOX: Inbox = { changes: 0, merged: 0, conflicts: [], skipped: [], devices: [], waiting: 0, needsUpdate: 0, duplicates: 0 };

export interface FakeSyncOptions {
  /** The folder already chosen; none by default. */
  folder?: string | null;
  /** Whether the passphrase is known in this run (the keyring had it); true by default. */
  unlocked?: boolean;
  deviceName?: string;
  devices?: DeviceInfo[];
  conflicts?: Conflict[];
  pending?: number;
  lastSync?: string | null;
  inbox?: Partial<Inbox>;
  /** The sizes every status and report gives; those of a new team folder by default. */
  sizes?: SyncSizes;
  /** What the next sync tells as it goes; nothing by default. */
  progress?: SyncProgress[];
}

/** A team folder with nothing sent yet, and a new database (as the core measured them). */
const NEW_SIZES: SyncSizes = { folder: { bytes: 0, files: 0 }, history_bytes: 155_648, database_bytes: 1_294_336 };

export class FakeSyncBackend implements SyncBackend {
  folder: string | null;
  unlocked: boolean;
  /** The passphrase the folder was set up with: the team's. */
  teamPassphrase: string | null = null;
  /** Team folders that exist, and their passphrase. */
  teamFolders = new Map<string, string>();
  /** A sync met a new team passphrase (changed on another computer). */
  keyChanged = false;
  keyGeneration = 0;
  /** The team passphrases before the current one. */
  oldPassphrases: string[] = [];
  remembered = false;
  deviceName: string;
  devices: DeviceInfo[];
  conflictList: Conflict[];
  pending: number;
  lastSync: string | null;
  waiting = 0;
  needsUpdate = 0;
  inbox: Inbox;
  sizes: SyncSizes;
  /** What the next sync tells as it goes, before its end. */
  progress: SyncProgress[];
  /** Who listens to the progress of syncs. */
  private watchers = new Set<(progress: SyncProgress | null) => void>();
  /** When set, calls to that method reject with it. */
  failures: Partial<Record<keyof SyncBackend, SyncError>> = {};

  constructor(options: FakeSyncOptions = {}) {
    this.folder = options.folder ?? null;
    this.unlocked = options.unlocked ?? true;
    this.deviceName = options.deviceName ?? 'Portable de Léa';
    this.devices = structuredClone(
      options.devices ?? [makeDevice({ id: THIS_DEVICE, name: this.deviceName, this_device: true })],
    );
    this.conflictList = structuredClone(options.conflicts ?? []);
    this.pending = options.pending ?? 0;
    this.lastSync = options.lastSync ?? null;
    this.inbox = { ...EMPTY_INBOX, ...structuredClone(options.inbox ?? {}) };
    this.sizes = structuredClone(options.sizes ?? NEW_SIZES);
    this.progress = structuredClone(options.progress ?? []);
  }

  /** A team that has been syncing for a while, with conflicts to settle: for the dev mode. */
  static demo(): FakeSyncBackend {
    return new FakeSyncBackend({
      folder: '/home/lea/Nextcloud/Flocon-equipe',
      devices: sampleDevices(),
      conflicts: sampleConflicts(),
      pending: 4,
      lastSync: minutesAgo(5),
      inbox: { changes: 12, merged: 1 },
      sizes: { folder: { bytes: 12_345_678, files: 48 }, history_bytes: 35_100_000, database_bytes: 80_200_000 },
    });
  }

  private fail(method: keyof SyncBackend): void {
    const failure = this.failures[method];
    if (failure) throw failure;
  }

  private snapshot(): SyncStatus {
    return structuredClone({
      device_id: THIS_DEVICE,
      device_name: this.deviceName,
      folder: this.folder,
      last_sync: this.lastSync,
      pending_records: this.pending,
      devices: this.devices,
      open_conflicts: this.conflictList.filter((c) => c.open).length,
      waiting: this.waiting,
      needs_update: this.needsUpdate,
      held: 0,
      key_changed: this.keyChanged,
      sizes: this.sizes,
    });
  }

  /** Another computer changed the team passphrase: this run's key no longer opens the folder. */
  changeTeamPassphrase(passphrase: string): void {
    if (this.folder !== null) this.teamFolders.set(this.folder, passphrase);
    if (this.teamPassphrase !== null) this.oldPassphrases.push(this.teamPassphrase);
    this.teamPassphrase = passphrase;
    this.unlocked = false;
    this.keyGeneration += 1;
  }

  private wrong(passphrase: string): boolean {
    return passphrase === 'mauvaise' || (this.teamPassphrase !== null && passphrase !== this.teamPassphrase);
  }

  /** Tells the listeners where a sync stands (null: it ended), as a sync started here or an
   *  automatic one would. */
  tell(progress: SyncProgress | null): void {
    for (const watcher of this.watchers) watcher(progress === null ? null : { ...progress });
  }

  async watchProgress(onProgress: (progress: SyncProgress | null) => void): Promise<() => void> {
    this.watchers.add(onProgress);
    return () => this.watchers.delete(onProgress);
  }

  /** How many listen to the progress of syncs. */
  get watching(): number {
    return this.watchers.size;
  }

  async status(): Promise<SyncStatus> {
    this.fail('status');
    return this.snapshot();
  }

  async create(folder: string, passphrase: string, remember: boolean): Promise<SyncStatus> {
    this.fail('create');
    const path = folder.trim();
    if (!path) throw new SyncError('sync_folder_missing', 'no folder given');
    if (this.teamFolders.has(path)) throw new SyncError('sync_folder_in_use', `${path} is already a team folder`);
    this.teamFolders.set(path, passphrase);
    this.teamPassphrase = passphrase;
    this.folder = path;
    this.unlocked = true;
    this.remembered = remember;
    return this.snapshot();
  }

  async join(folder: string, passphrase: string, remember: boolean): Promise<SyncStatus> {
    this.fail('join');
    const path = folder.trim();
    if (!path) throw new SyncError('sync_folder_missing', 'no folder given');
    const team = this.teamFolders.get(path);
    // A folder this fake was not told about is a team folder with the first passphrase given.
    if (passphrase === 'mauvaise' || (team !== undefined && passphrase !== team)) {
      throw new SyncError('wrong_passphrase', 'wrong passphrase: it does not open this sync folder; nothing was changed');
    }
    this.teamFolders.set(path, passphrase);
    this.teamPassphrase = passphrase;
    this.folder = path;
    this.unlocked = true;
    this.remembered = remember;
    return this.snapshot();
  }

  async syncNow(): Promise<SyncReport> {
    return this.sync(true);
  }

  /** A sync; the one a change of passphrase makes tells no progress, as in the app. */
  private async sync(telling: boolean): Promise<SyncReport> {
    this.fail('syncNow');
    if (this.folder === null) throw new SyncError('refused', 'no sync folder chosen');
    if (!this.unlocked && this.keyGeneration > 0) {
      this.keyChanged = true;
      throw new SyncError('sync_key_changed', 'the team passphrase was changed on another computer');
    }
    if (!this.unlocked) throw new SyncError('passphrase_needed', 'the passphrase is needed to sync');
    if (telling) {
      for (const report of this.progress) this.tell(report);
      this.progress = [];
      this.tell(null);
    }
    const now = new Date().toISOString();
    const inbox = this.inbox;
    const sent = this.pending;
    for (const device of inbox.devices) {
      const index = this.devices.findIndex((d) => d.id === device.id);
      if (index >= 0) this.devices[index] = structuredClone(device);
      else this.devices.push(structuredClone(device));
    }
    this.devices = this.devices.map((d) => (d.this_device && sent > 0 ? { ...d, last_change_at: now, commits: d.commits + 1 } : d));
    this.conflictList.push(...structuredClone(inbox.conflicts));
    this.pending = 0;
    this.waiting = inbox.waiting;
    this.needsUpdate = inbox.needsUpdate;
    this.lastSync = now;
    this.inbox = structuredClone(EMPTY_INBOX);
    return structuredClone({
      device_id: THIS_DEVICE,
      folder: this.folder,
      sent_commits: sent > 0 ? 1 : 0,
      sent_changes: sent,
      files_written: sent > 0 ? 1 : 0,
      received_commits: inbox.changes > 0 ? 1 : 0,
      received_changes: inbox.changes,
      merged_texts: inbox.merged,
      new_conflicts: inbox.conflicts,
      skipped: inbox.skipped,
      duplicates: inbox.duplicates,
      waiting: inbox.waiting,
      needs_update: inbox.needsUpdate,
      devices: this.devices,
      new_identity: null,
      held: [],
      sizes: this.sizes,
      finished_at: now,
    });
  }

  async unlock(passphrase: string, remember: boolean): Promise<SyncStatus> {
    this.fail('unlock');
    if (this.folder === null) throw new SyncError('refused', 'no sync folder chosen');
    if (this.oldPassphrases.includes(passphrase)) {
      this.keyChanged = true;
      throw new SyncError('sync_key_changed', 'the team passphrase was changed on another computer');
    }
    if (this.wrong(passphrase)) {
      throw new SyncError('wrong_passphrase', 'wrong passphrase: it does not open this sync folder; nothing was changed');
    }
    this.unlocked = true;
    this.keyChanged = false;
    this.remembered = remember;
    return this.snapshot();
  }

  async rekey(newPassphrase: string): Promise<RekeyReport> {
    this.fail('rekey');
    if (!this.unlocked) throw new SyncError('passphrase_needed', 'the passphrase is needed to sync');
    if (newPassphrase === this.teamPassphrase) {
      throw new SyncError('refused', 'the new passphrase is the one the team has now; nothing was changed');
    }
    const sync = await this.sync(false);
    if (this.folder !== null) this.teamFolders.set(this.folder, newPassphrase);
    this.teamPassphrase = newPassphrase;
    this.keyGeneration += 1;
    return { sync, key_generation: this.keyGeneration, commits: 42, files_removed: 7 };
  }

  async disconnect(): Promise<SyncStatus> {
    this.fail('disconnect');
    this.folder = null;
    this.lastSync = null;
    this.keyChanged = false;
    return this.snapshot();
  }

  async renameDevice(name: string): Promise<SyncStatus> {
    this.fail('renameDevice');
    const trimmed = name.trim();
    if (!trimmed) throw new SyncError('invalid', 'device_name: required', { code: 'required' });
    this.deviceName = trimmed;
    this.devices = this.devices.map((d) => (d.this_device ? { ...d, name: trimmed } : d));
    return this.snapshot();
  }

  async conflicts(openOnly: boolean): Promise<Conflict[]> {
    this.fail('conflicts');
    return structuredClone(this.conflictList.filter((c) => !openOnly || c.open));
  }

  async resolve(id: string, choice: ConflictChoice): Promise<Conflict> {
    this.fail('resolve');
    const conflict = this.conflictList.find((c) => c.id === id);
    if (!conflict) throw new SyncError('not_found', `conflict ${id} not found`);
    if (choice.keep === 'combined') conflict.kept = { ...conflict.kept, text: choice.text };
    conflict.open = false;
    return structuredClone(conflict);
  }
}
