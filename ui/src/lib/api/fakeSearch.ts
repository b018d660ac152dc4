// The fake backend's search: every word typed must start a word of the record, accents and
// case ignored, as the real full-text index does; matched words come back wrapped in the
// same U+0002 … U+0003 markers.

import { fold } from '../text';

export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

const WORD = /[\p{L}\p{N}]+/gu;
const SNIPPET_LENGTH = 120;

/** The folded words of a query, in order, without empty ones. */
export function queryWords(text: string): string[] {
  return Array.from(fold(text).matchAll(WORD), (m) => m[0]);
}

/** True when every query word starts some word of `text`. */
export function matchesPrefixes(text: string, words: string[]): boolean {
  if (words.length === 0) return false;
  const own = Array.from(fold(text).matchAll(WORD), (m) => m[0]);
  return words.every((w) => own.some((o) => o.startsWith(w)));
}

/** `text` with each word that starts with a query word wrapped in markers, cut around the first. */
export function markedSnippet(text: string, words: string[]): string {
  const marked = text.replace(WORD, (word) =>
    words.some((w) => fold(word).startsWith(w)) ? `${MATCH_START}${word}${MATCH_END}` : word,
  );
  if (marked.length <= SNIPPET_LENGTH) return marked;
  const first = Math.max(0, marked.indexOf(MATCH_START));
  const start = Math.max(0, first - 40);
  let cut = marked.slice(start, start + SNIPPET_LENGTH);
  // A mark cut in half at the end is closed, so the snippet stays well formed.
  if (cut.lastIndexOf(MATCH_START) > cut.lastIndexOf(MATCH_END)) cut += MATCH_END;
  return `${start > 0 ? '…' : ''}${cut}${start + SNIPPET_LENGTH < marked.length ? '…' : ''}`;
}
