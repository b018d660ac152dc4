// The contacts list's filters, as the filter bar edits them and as the backend wants them.

import { NO_PERSON_FILTER, type Circle, type PersonQuery, type PersonSort, type Sector } from '../api';
import { tidy } from '../text';
import type { Choice } from '../ui/pickers';
import type { LegalBasisFilter } from '../privacy/api';

export interface Filters {
  sector: Sector | '';
  circle: Circle | '';
  tag: string;
  city: string;
  /** The team member who holds the relationship. */
  pointPerson: Choice | null;
  /** A GDPR legal basis, or 'none' for the people without one. */
  legalBasis: LegalBasisFilter | '';
  /** Not a filter, but chosen in the same bar; clearing the filters keeps it. */
  sort: PersonSort;
}

export function noFilters(sort: PersonSort = 'name'): Filters {
  return { sector: '', circle: '', tag: '', city: '', pointPerson: null, legalBasis: '', sort };
}

export function isFiltered(filters: Filters): boolean {
  return Boolean(
    filters.sector || filters.circle || tidy(filters.tag) || tidy(filters.city) || filters.pointPerson || filters.legalBasis,
  );
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
    point_person_id: filters.pointPerson?.id ?? null,
    legal_basis: filters.legalBasis || null,
    sort: filters.sort,
    after,
    limit,
  };
}
