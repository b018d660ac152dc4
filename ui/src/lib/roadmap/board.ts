// The small decisions behind the roadmap screens, kept out of the components so they read as
// plain cases: initials, the neighbouring axis or status, a quarter range, a typed number.

import type { AxisColumn, Objective, ObjectiveStatus, Quarter } from './api';
import { parseQuarter, shiftQuarter } from './api';
import { OBJECTIVE_STATUSES } from './strings';

/** « Léa Rousseau » → « LR »; « Moussa » → « MO »; the first letters of the first and last words. */
export function initials(name: string): string {
  const words = name.trim().split(/[\s-]+/u).filter(Boolean);
  const first = words[0] ?? '';
  if (words.length === 1) return first.slice(0, 2).toLocaleUpperCase();
  const last = words.at(-1) ?? '';
  return `${[...first][0] ?? ''}${[...last][0] ?? ''}`.toLocaleUpperCase();
}

/** The axis `step` columns away from the objective's, or null past the first or last. */
export function neighbourAxis(columns: readonly AxisColumn[], axisId: string, step: -1 | 1): string | null {
  const index = columns.findIndex((c) => c.axis.id === axisId);
  if (index < 0) return null;
  return columns[index + step]?.axis.id ?? null;
}

/** The status `step` places away in the board's order, or null past the ends. */
export function neighbourStatus(status: ObjectiveStatus, step: -1 | 1): ObjectiveStatus | null {
  return OBJECTIVE_STATUSES[OBJECTIVE_STATUSES.indexOf(status) + step] ?? null;
}

/** Everyone owning an objective of the board, by name, once each. */
export function ownersOf(columns: readonly AxisColumn[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const column of columns) for (const o of column.objectives) for (const p of o.owners) byId.set(p.id, p.name);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

export interface BoardFilter {
  ownerId: string;
  status: ObjectiveStatus | '';
}

export function matches(objective: Objective, filter: BoardFilter): boolean {
  return (
    (!filter.ownerId || objective.owners.some((p) => p.id === filter.ownerId)) &&
    (!filter.status || objective.status === filter.status)
  );
}

/** The board after the core saved `saved`: out of its old column, at the end of its new one. */
export function placed(columns: readonly AxisColumn[], saved: Objective): AxisColumn[] {
  return columns.map((column) => {
    const others = column.objectives.filter((o) => o.id !== saved.id);
    if (column.axis.id !== saved.axis.id) return { ...column, objectives: others };
    const at = column.objectives.findIndex((o) => o.id === saved.id);
    const objectives = at < 0 ? [...others, saved] : column.objectives.map((o) => (o.id === saved.id ? saved : o));
    return { ...column, objectives };
  });
}

function order(quarter: Quarter): number {
  const q = parseQuarter(quarter);
  return q ? q.year * 4 + q.number - 1 : Number.NaN;
}

/** Compares two quarters in time; unreadable ones sort as equal. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return order(a) - order(b) || 0;
}

/** Every quarter from `from` to `to`, both included (in order, whichever comes first). */
export function quarterRange(from: Quarter, to: Quarter, max = 40): Quarter[] {
  const [start, end] = compareQuarters(from, to) <= 0 ? [from, to] : [to, from];
  const quarters: Quarter[] = [start];
  while (quarters.length < max && compareQuarters(quarters.at(-1) ?? end, end) < 0) {
    quarters.push(shiftQuarter(quarters.at(-1) ?? end, 1));
  }
  return quarters;
}

/** What the user typed in a number field: empty, a number (« 12,5 » as well as « 12.5 »), or not one. */
export function readNumber(text: string): number | null | 'invalid' {
  const tidy = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!tidy) return null;
  const value = Number(tidy);
  return Number.isFinite(value) ? value : 'invalid';
}

/** A number for an input, the user's way: « 12,5 » in French. */
export function writeNumber(value: number | null, decimalComma: boolean): string {
  if (value === null) return '';
  const text = String(value);
  return decimalComma ? text.replace('.', ',') : text;
}
