import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type SaveState } from './autosave';

function setup(save = vi.fn(async (_text: string) => '2026-11-25T09:42:00Z')) {
  const states: SaveState[] = [];
  const autosave = new Autosave(save, { onstate: (s) => states.push(s) });
  return { autosave, save, states };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosave', () => {
  it('saves 400 ms after the last keystroke, once, with the newest text', async () => {
    const { autosave, save } = setup();
    autosave.change('B');
    await vi.advanceTimersByTimeAsync(200);
    autosave.change('Bo');
    await vi.advanceTimersByTimeAsync(399);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith('Bo');
    expect(autosave.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledOnce();
  });

  it('saves at most a second after the first keystroke while typing goes on', async () => {
    const { autosave, save } = setup();
    let text = '';
    for (let i = 0; i < 10; i++) {
      text += 'a';
      autosave.change(text);
      await vi.advanceTimersByTimeAsync(150);
    }
    // 1 500 ms of continuous typing: the first save went out at 1 000 ms.
    expect(save).toHaveBeenCalledOnce();
    expect(save.mock.calls[0]![0]).toBe('aaaaaaa');
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenLastCalledWith('aaaaaaaaaa');
    expect(autosave.pending).toBe(false);
  });

  it('flush saves what is pending at once and cancels the timers', async () => {
    const { autosave, save, states } = setup();
    autosave.change('Ordre du jour');
    await autosave.flush();
    expect(save).toHaveBeenCalledExactlyOnceWith('Ordre du jour');
    expect(states.at(-1)).toEqual({ kind: 'saved', at: '2026-11-25T09:42:00Z' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledOnce();
  });

  it('flush with nothing pending saves nothing', async () => {
    const { autosave, save } = setup();
    await autosave.flush();
    expect(save).not.toHaveBeenCalled();
  });

  it('keeps the text pending when a save fails, and retries with the next change', async () => {
    const save = vi.fn<(text: string) => Promise<string>>();
    save.mockRejectedValueOnce(new Error('disk full')).mockResolvedValue('2026-11-25T09:43:00Z');
    const { autosave, states } = setup(save);

    autosave.change('Décidé : fête de quartier');
    await vi.advanceTimersByTimeAsync(400);
    expect(states.at(-1)).toMatchObject({ kind: 'failed' });
    expect(autosave.pending).toBe(true);

    autosave.change('Décidé : fête de quartier le 12');
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenLastCalledWith('Décidé : fête de quartier le 12');
    expect(states.at(-1)).toEqual({ kind: 'saved', at: '2026-11-25T09:43:00Z' });
    expect(autosave.pending).toBe(false);
  });

  it('flush rejects when the save fails, so the window close can report it', async () => {
    const save = vi.fn<(text: string) => Promise<string>>().mockRejectedValue(new Error('locked'));
    const { autosave } = setup(save);
    autosave.change('notes');
    await expect(autosave.flush()).rejects.toThrow('locked');
    expect(autosave.pending).toBe(true);
  });

  it('never runs two saves at once, and saves text typed during a save afterwards', async () => {
    let finish: (at: string) => void = () => {};
    const save = vi.fn(
      (_text: string) =>
        new Promise<string>((resolve) => {
          finish = resolve;
        }),
    );
    const { autosave } = setup(save);
    autosave.change('un');
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);

    autosave.change('un deux');
    await vi.advanceTimersByTimeAsync(400);
    // The second save waits for the first.
    expect(save).toHaveBeenCalledTimes(1);
    finish('2026-11-25T09:44:00Z');
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith('un deux');
    expect(autosave.pending).toBe(true);
    finish('2026-11-25T09:44:01Z');
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.pending).toBe(false);
  });

  it('dispose stops the timers', async () => {
    const { autosave, save } = setup();
    autosave.change('x');
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(autosave.pending).toBe(true);
  });
});
