// How a membership reads: its dates in words, and whether it is over.

import type { Membership } from '../api';
import { formatDate, t } from '../i18n';

export function isPast(m: Pick<Membership, 'until'>, today = new Date().toISOString().slice(0, 10)): boolean {
  return m.until !== null && m.until < today;
}

/** « depuis le 3 mars 2025 », « du 1 janvier 2024 au 30 juin 2025 », or nothing. */
export function membershipDates(m: Pick<Membership, 'since' | 'until'>): string {
  if (m.since && m.until) return t('memberships.between', { since: formatDate(m.since), until: formatDate(m.until) });
  if (m.since) return t('memberships.since', { date: formatDate(m.since) });
  if (m.until) return t('memberships.until', { date: formatDate(m.until) });
  return '';
}
