// The contacts list's filters, as the filter bar edits them and as the backend wants them.

import { NO_PERSON_FILTER, type Circle, type PersonQuery, type Sector } from '../api';
import { tidy } from '../text';

export interface Filters {
  sector: Sector | '';
  circle: Circle | '';
  tag: string;
  city: string;
}

export function noFilters(): Filters {
  return { sector: '', circle: '', tag: '', city: '' };
}

export function isFiltered(filters: Filters): boolean {
  return Boolean(filters.sector || filters.circle || tidy(filters.tag) || tidy(filters.city));
}

/** The query for one page of the list: `after` is the id of the last row already shown. */
export function personQuery(text: string, filters: Filters, after: string | null, limit: number): PersonQuery {
  return {
    ...NO_PERSON_FILTER,
    text: tidy(text) || null,
    sector: filters.sector || null,
    circle: filters.circle || null,
    tag: tidy(filters.tag) || null,
    city: tidy(filters.city) || null,
    after,
    limit,
  };
}
