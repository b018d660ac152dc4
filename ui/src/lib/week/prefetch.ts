// "Ma semaine" is the first screen: its data is asked for as the app starts, before the screen
// exists, so the core works while the page builds the window, and the first frame drawn can
// already show the week instead of a "Chargement…" line followed by a second full layout.

import type { CoachingBackend, Week, WeekQuery } from '../coaching/api';
import { loadStaleWeeks, weekQuery } from './range';

let pending: { key: string; answer: Promise<Week> } | null = null;

/** Asks for the week the screen will ask for on `now`; the answer waits for `takePrefetchedWeek`. */
export function prefetchWeek(backend: CoachingBackend, now: Date = new Date()): Promise<Week> {
  const query = weekQuery(now, loadStaleWeeks());
  const answer = backend.myWeek(query);
  // A failure is the screen's to show, when it takes the answer; not an unhandled rejection.
  answer.catch(() => undefined);
  pending = { key: JSON.stringify(query), answer };
  return answer;
}

/** The prefetched answer if it was for this very query; each answer is taken once. */
export function takePrefetchedWeek(query: WeekQuery): Promise<Week> | null {
  const found = pending;
  pending = null;
  return found !== null && found.key === JSON.stringify(query) ? found.answer : null;
}
