// Nothing typed may be lost when the window closes. Editors register a flush (write what is
// pending now); when the user closes the window, the shell runs every flush before letting
// it go (see installCloseGuard, wired in main.ts).

type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

/** Registers `flush` to run before the window closes; returns the function that unregisters it. */
export function registerFlush(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Runs every registered flush; resolves when all are done (or failed: a failure is reported,
 *  and the other flushes still run). Returns the failures. */
export async function flushAll(): Promise<unknown[]> {
  const results = await Promise.allSettled([...flushes].map((flush) => flush()));
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
}

/** Whether a failed flush already held the window open once: the next close goes through. */
let warned = false;

/** Runs every flush when the user closes the window; the window then closes. If a flush
 *  fails, the window stays open once (the editor shows why); closing again closes it. */
export async function installCloseGuard(): Promise<void> {
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  await getCurrentWindow().onCloseRequested(async (event) => {
    const failures = await flushAll();
    if (failures.length > 0 && !warned) {
      warned = true;
      console.error('pending notes could not be saved before closing', failures);
      event.preventDefault();
    }
  });
}
