// The review's keyboard, as a pure reading of key events: 1–5 choose a decision, Enter records
// (Ctrl+Enter inside the comment), ←/→ and PageUp/PageDown move (presenter remotes send the
// latter), Escape leaves. Keys meant for a field being typed in are left to it.

import type { ReviewDecision } from '../roadmap/api';
import { DECISIONS } from './strings';

export type KeyAction =
  | { kind: 'exit' }
  | { kind: 'move'; step: 1 | -1 }
  | { kind: 'choose'; index: number }
  /** `decision` is set when Enter was pressed on a decision's button. */
  | { kind: 'record'; decision: ReviewDecision | null };

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'date', 'password', '']);

/** Whether keys pressed in `target` type text or pick a value there. */
export function isTyping(target: Element | null): boolean {
  if (!target) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

function isDecision(code: string | null): code is ReviewDecision {
  return DECISIONS.some((d) => d === code);
}

/** What a key press means to the review; null when it is none of its business. */
export function keyAction(event: KeyboardEvent, reviewing: boolean): KeyAction | null {
  if (event.defaultPrevented || event.altKey || event.metaKey || event.isComposing) return null;
  const target = event.target instanceof Element ? event.target : null;
  // A dialog (the leave question, the search palette) handles its own keys.
  if (target?.closest('dialog')) return null;
  if (event.key === 'Escape') return { kind: 'exit' };
  if (!reviewing) return null;

  switch (event.key) {
    case 'Enter':
      return enterAction(event, target);
    case 'ArrowLeft':
    case 'ArrowRight':
      if (isTyping(target) || event.ctrlKey || event.shiftKey) return null;
      return { kind: 'move', step: event.key === 'ArrowLeft' ? -1 : 1 };
    case 'PageUp':
    case 'PageDown':
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return null;
      return { kind: 'move', step: event.key === 'PageUp' ? -1 : 1 };
    default:
      if (isTyping(target) || event.ctrlKey || !/^[1-5]$/.test(event.key)) return null;
      return { kind: 'choose', index: Number(event.key) - 1 };
  }
}

function enterAction(event: KeyboardEvent, target: Element | null): KeyAction | null {
  if (event.shiftKey) return null;
  if (target instanceof HTMLTextAreaElement) return event.ctrlKey ? { kind: 'record', decision: null } : null;
  const control = target?.closest('button, a, select, summary');
  if (control) {
    // Enter on a decision's button takes that decision; other buttons do their own thing.
    const code = control.getAttribute('data-decision');
    return isDecision(code) ? { kind: 'record', decision: code } : null;
  }
  return { kind: 'record', decision: null };
}
