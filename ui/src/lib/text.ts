/** Lower case without accents, the way the backend compares names and tags. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whitespace runs collapsed to one space and trimmed, as the backend tidies names. */
export function tidy(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ');
}
