// The editing shortcuts act on "the current line" of a textarea: the line the caret is on.
// Pure functions over (text, caret), so the rules are tested without a DOM.

export interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past its last character (before the newline, if any). */
  end: number;
  /** The line as written. */
  raw: string;
  /** What it says: trimmed, without a leading "- " or "* " list marker. */
  text: string;
}

/** Removes a list marker ("- ", "* ", "- [ ] ") and the spaces around the line. */
export function lineContent(raw: string): string {
  return raw
    .trim()
    .replace(/^[-*]\s+(\[[ xX]\]\s+)?/, '')
    .trim();
}

/** The line the caret (`offset`) is on. */
export function lineAt(text: string, offset: number): Line {
  const at = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const end = newline === -1 ? text.length : newline;
  const raw = text.slice(start, end);
  return { start, end, raw, text: lineContent(raw) };
}

/**
 * `text` without the line `raw`, with its newline. The line is looked for as a whole line,
 * nearest to `near` (where it was when the user acted: typing may have moved it since); the
 * text comes back unchanged when the line is gone.
 */
export function removeLine(text: string, raw: string, near: number): { text: string; caret: number } {
  const starts: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line === raw) starts.push(start);
    start += line.length + 1;
  }
  if (starts.length === 0) return { text, caret: Math.min(near, text.length) };
  const best = starts.reduce((a, b) => (Math.abs(b - near) < Math.abs(a - near) ? b : a));
  const end = best + raw.length;
  // Take the line's own newline; the last line takes the one before it instead.
  if (end < text.length) return { text: text.slice(0, best) + text.slice(end + 1), caret: best };
  const from = best > 0 ? best - 1 : best;
  return { text: text.slice(0, from) + text.slice(end), caret: from };
}

/** `text` with `raw` put back as a line starting at `at` (after a failed shortcut). */
export function insertLine(text: string, raw: string, at: number): string {
  if (text === '') return raw;
  // It was the last line: it goes back at the end.
  if (at >= text.length) return text.endsWith('\n') ? `${text}${raw}` : `${text}\n${raw}`;
  const start = lineAt(text, at).start;
  return `${text.slice(0, start)}${raw}\n${text.slice(start)}`;
}
