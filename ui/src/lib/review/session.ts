// The review's decisions that need no screen: the order objectives come in, where to go after a
// decision, what a decision did, and what the summary counts.

import type { Objective, ReviewDecision, ReviewOutcome, Roadmap } from '../roadmap/api';
import type { Locale } from '../i18n';
import { currentLocale } from '../i18n';
import { CONTINUING, DECISIONS, formatAmount, tr } from './strings';

/** Every objective of the quarter, axis by axis in the board's order. */
export function objectivesInOrder(roadmap: Roadmap): Objective[] {
  return [...roadmap.axes].sort((a, b) => a.axis.position - b.axis.position).flatMap((column) => column.objectives);
}

/** The first objective without a decision from `start` on, going round; null when all have one. */
export function nextUnreviewed(objectives: readonly Objective[], start: number): number | null {
  for (let step = 0; step < objectives.length; step++) {
    const index = (start + step) % objectives.length;
    if (!objectives[index]?.review) return index;
  }
  return null;
}

export const reviewedCount = (objectives: readonly Objective[]) => objectives.filter((o) => o.review).length;

/** How many objectives got each decision, in the keys' order. */
export function countDecisions(objectives: readonly Objective[]): Array<{ decision: ReviewDecision; count: number }> {
  return DECISIONS.map((decision) => ({
    decision,
    count: objectives.filter((o) => o.review?.decision === decision).length,
  }));
}

export interface SummaryGroups {
  continued: Objective[];
  closed: Objective[];
  dropped: Objective[];
}

export function groupByOutcome(objectives: readonly Objective[]): SummaryGroups {
  const with_ = (decisions: readonly ReviewDecision[]) =>
    objectives.filter((o) => o.review !== null && decisions.includes(o.review.decision));
  return { continued: with_(CONTINUING), closed: with_(['close']), dropped: with_(['drop']) };
}

/** What the seminar just decided, in words: « « Former les porte-parole » : reporté en 2027-T1. » */
export function outcomeMessage(outcome: ReviewOutcome, locale: Locale = currentLocale()): string {
  const { objective, successor } = outcome;
  const decision = objective.review?.decision;
  const title = objective.title;
  const quarter = successor?.quarter ?? '';
  switch (decision) {
    case 'keep':
    case 'carry':
      return tr(`outcome.${decision}`, { title, quarter }, locale);
    case 'adjust': {
      const target = successor?.target ?? objective.review?.new_target ?? null;
      return tr('outcome.adjust', { title, quarter, target: target === null ? '' : formatAmount(target, locale) }, locale);
    }
    case 'close':
    case 'drop':
      return tr(`outcome.${decision}`, { title }, locale);
    default:
      return tr('decide.undone', { title }, locale);
  }
}

/** A positive number typed the French or the English way (« 12,5 » or "12.5"), or null. */
export function parseTarget(text: string): number | null {
  const cleaned = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value > 0 ? value : null;
}

/** The beginning of a description, cut at a word, for a projected card. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
