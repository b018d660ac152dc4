// The restore of a backup, as both the « Sauvegardes » panel and the damaged-database screen
// offer it: a backup chosen, a confirmation, the call (after which Flocon restarts), or the
// reason it was refused, shown in the dialog.

import { toSafetyError, type BackupInfo } from './api';
import { failureText, takenAt, tr } from './strings';

export class RestoreChoice {
  /** The backup whose restore awaits confirmation. */
  chosen = $state.raw<BackupInfo | null>(null);
  restoring = $state(false);
  error = $state<string | null>(null);
  /** Once the restore was accepted: the sentence saying Flocon restarts. */
  restarting = $state<string | null>(null);

  /** `restore` is given the chosen backup's name. */
  constructor(private readonly restore: (name: string) => Promise<void>) {}

  /** The chosen backup's date, in words. */
  get when(): string {
    return this.chosen ? takenAt(this.chosen) : '';
  }

  ask = (backup: BackupInfo) => {
    this.error = null;
    this.chosen = backup;
  };

  cancel = () => {
    this.chosen = null;
    this.error = null;
  };

  confirm = async () => {
    const backup = this.chosen;
    if (!backup || this.restoring) return;
    this.restoring = true;
    this.error = null;
    try {
      await this.restore(backup.name);
      this.restarting = tr('restore.restarting', { when: takenAt(backup) });
      this.chosen = null;
    } catch (reason) {
      this.error = tr('error.restore', { message: failureText(toSafetyError(reason)) });
    } finally {
      this.restoring = false;
    }
  };
}
