// Search snippets mark their matches with U+0002 (start) and U+0003 (end). They are split here
// into plain pieces, each rendered as a text node, inside <mark> when matched: the snippet is
// never parsed as HTML, so a name like "<script>" stays text.

export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface Piece {
  text: string;
  matched: boolean;
}

/**
 * The snippet as pieces. A stray end marker is dropped; a start marker never closed marks the
 * rest; consecutive pieces of the same kind are merged; empty pieces are left out.
 */
export function snippetPieces(snippet: string): Piece[] {
  const pieces: Piece[] = [];
  let matched = false;
  let text = '';
  const flush = () => {
    if (!text) return;
    const last = pieces.at(-1);
    if (last && last.matched === matched) last.text += text;
    else pieces.push({ text, matched });
    text = '';
  };
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      matched = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return pieces;
}
