import { afterEach, describe, expect, it } from 'vitest';
import { keyAction } from './keys';

afterEach(() => {
  document.body.innerHTML = '';
});

/** The action a key pressed on `target` maps to, the way the window listener sees it. */
function press(key: string, target: Element = document.body, init: KeyboardEventInit = {}) {
  if (!target.isConnected) document.body.append(target);
  let seen: ReturnType<typeof keyAction> = null;
  const listener = (event: KeyboardEvent) => (seen = keyAction(event, true));
  window.addEventListener('keydown', listener);
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
  window.removeEventListener('keydown', listener);
  return seen;
}

const element = (html: string) => {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  document.body.append(holder);
  return holder.firstElementChild as Element;
};

describe('review keys', () => {
  it('choose a decision with 1 to 5, but not while typing', () => {
    expect(press('3')).toEqual({ kind: 'choose', index: 2 });
    expect(press('6')).toBeNull();
    expect(press('3', element('<textarea></textarea>'))).toBeNull();
    expect(press('3', element('<input id="review-target">'))).toBeNull();
  });

  it('record with Enter, Ctrl+Enter in the comment, and leave other buttons alone', () => {
    expect(press('Enter')).toEqual({ kind: 'record', decision: null });
    expect(press('Enter', element('<input>'))).toEqual({ kind: 'record', decision: null });
    expect(press('Enter', element('<textarea></textarea>'))).toBeNull();
    expect(press('Enter', element('<textarea></textarea>'), { ctrlKey: true })).toEqual({ kind: 'record', decision: null });
    expect(press('Enter', element('<button>Suivant</button>'))).toBeNull();
    expect(press('Enter', element('<button data-decision="drop">Abandonner</button>'))).toEqual({
      kind: 'record',
      decision: 'drop',
    });
  });

  it('move with the arrows and the presenter keys, outside text fields', () => {
    expect(press('ArrowRight')).toEqual({ kind: 'move', step: 1 });
    expect(press('PageUp')).toEqual({ kind: 'move', step: -1 });
    expect(press('ArrowLeft', element('<input>'))).toBeNull();
    expect(press('PageDown', element('<textarea></textarea>'))).toBeNull();
  });

  it('leave with Escape from anywhere but a dialog, which handles its own', () => {
    expect(press('Escape', element('<textarea></textarea>'))).toEqual({ kind: 'exit' });
    expect(press('Escape', element('<dialog open><button>Non</button></dialog>').querySelector('button')!)).toBeNull();
  });
});
