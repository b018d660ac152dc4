// Watching the database's health, for the app shell: it shows the damaged-database screen
// instead of everything as soon as either the status asked at start or the event sent when the
// check ends says `damaged` (or the question itself is refused because the database is).

import { isDamaged, type BackupBackend, type IntegrityStatus } from './api';

/**
 * Asks `integrity_status` once and listens to the 'integrity-status' event; calls `onDamaged`
 * once, the first time either says the database is damaged. Returns the way to stop listening.
 */
export function watchIntegrity(
  backend: Pick<BackupBackend, 'integrityStatus' | 'onIntegrityStatus'>,
  onDamaged: (status: IntegrityStatus) => void,
): () => void {
  let stopped = false;
  let reported = false;
  let unlisten: (() => void) | null = null;

  const seen = (status: IntegrityStatus) => {
    if (stopped || reported || status.state !== 'damaged') return;
    reported = true;
    onDamaged(status);
  };

  // Listen first, then ask: a check ending in between is seen either way.
  backend.onIntegrityStatus(seen).then(
    (stop) => {
      if (stopped) stop();
      else unlisten = stop;
    },
    () => {
      // No event channel (a browser preview): the question below still answers.
    },
  );
  backend.integrityStatus().then(seen, (reason: unknown) => {
    if (!isDamaged(reason)) return;
    const message = (reason as { message?: unknown }).message;
    seen({ state: 'damaged', detail: typeof message === 'string' ? message : null, latest_backup: null });
  });

  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}
