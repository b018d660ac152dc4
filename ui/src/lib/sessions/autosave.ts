// Autosave for text typed live during a meeting. Nothing typed may be lost, and nothing waits
// long: a save starts 400 ms after the last keystroke, or after 1 s of continuous typing, and
// `flush` saves at once (on blur, when leaving the screen, before the window closes).
//
// Saves run one after the other, never overlapping. A failed save keeps the text pending: the
// next change (or flush) tries again with the newest text.

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** `at`: when the backend says it saved (RFC 3339). */
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; error: unknown };

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

// Looked up at call time, so that vi.useFakeTimers() applies to the default too.
const globalTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AutosaveOptions {
  /** Quiet time after the last change before saving. */
  debounceMs?: number;
  /** Longest a change waits while the user keeps typing. */
  maxWaitMs?: number;
  timers?: Timers;
  onstate?: (state: SaveState) => void;
}

export class Autosave {
  private readonly save: (text: string) => Promise<string>;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly timers: Timers;
  private readonly onstate: (state: SaveState) => void;
  /** The newest text not yet known to be saved; null when everything is saved. */
  private pendingText: string | null = null;
  private debounceTimer: unknown = null;
  private maxWaitTimer: unknown = null;
  /** The last save in the queue; never rejects, so the next one can always chain on it. */
  private queue: Promise<void> = Promise.resolve();
  state: SaveState = { kind: 'idle' };

  constructor(save: (text: string) => Promise<string>, options: AutosaveOptions = {}) {
    this.save = save;
    this.debounceMs = options.debounceMs ?? 400;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.timers = options.timers ?? globalTimers;
    this.onstate = options.onstate ?? (() => {});
  }

  /** Whether some text is not saved yet. */
  get pending(): boolean {
    return this.pendingText !== null;
  }

  /** The text changed: save it soon. */
  change(text: string): void {
    this.pendingText = text;
    if (this.debounceTimer !== null) this.timers.clear(this.debounceTimer);
    this.debounceTimer = this.timers.set(this.fire, this.debounceMs);
    this.maxWaitTimer ??= this.timers.set(this.fire, this.maxWaitMs);
  }

  /** Saves what is pending now; rejects when that save fails (the text stays pending). */
  flush(): Promise<void> {
    this.clearTimers();
    const run = this.queue.then(() => this.saveOnce());
    this.queue = run.catch(() => {});
    return run;
  }

  /** Stops the timers (the component is going away; call `flush` first). */
  dispose(): void {
    this.clearTimers();
  }

  private readonly fire = (): void => {
    // The failure is in `state` for the status line; the text stays pending for the next try.
    this.flush().catch(() => {});
  };

  private clearTimers(): void {
    if (this.debounceTimer !== null) this.timers.clear(this.debounceTimer);
    if (this.maxWaitTimer !== null) this.timers.clear(this.maxWaitTimer);
    this.debounceTimer = null;
    this.maxWaitTimer = null;
  }

  private async saveOnce(): Promise<void> {
    const text = this.pendingText;
    if (text === null) return;
    this.report({ kind: 'saving' });
    try {
      const at = await this.save(text);
      // Typing during the save made newer text pending: that one is still to save.
      if (this.pendingText === text) this.pendingText = null;
      this.report({ kind: 'saved', at });
    } catch (error) {
      this.report({ kind: 'failed', error });
      throw error;
    }
  }

  private report(state: SaveState): void {
    this.state = state;
    this.onstate(state);
  }
}
