// What the pickers search: people and organisations, by the same list commands as the screens.

import { NO_ORG_FILTER, NO_PERSON_FILTER, type Backend, type OrganizationKind } from '../api';
import { displayName } from '../contacts/person';
import { orgKindLabel } from '../vocab';

export interface Choice {
  id: string;
  name: string;
  /** A second line that tells two namesakes apart. */
  detail?: string;
}

export type ChoiceSearch = (text: string) => Promise<Choice[]>;

const PICKER_LIMIT = 8;

export function peopleSearch(backend: Backend): ChoiceSearch {
  return async (text) => {
    const found = await backend.listContacts({ ...NO_PERSON_FILTER, text: text.trim() || null, limit: PICKER_LIMIT });
    return found.map((p) => ({
      id: p.id,
      name: displayName(p),
      detail: [p.organization, p.city].filter(Boolean).join(' · ') || undefined,
    }));
  };
}

export function orgsSearch(backend: Backend, kind: OrganizationKind | null = null): ChoiceSearch {
  return async (text) => {
    const found = await backend.listOrgs({ ...NO_ORG_FILTER, text: text.trim() || null, kind, limit: PICKER_LIMIT });
    return found.map((o) => ({
      id: o.id,
      name: o.name,
      detail: [orgKindLabel(o.kind), o.city].filter(Boolean).join(' · '),
    }));
  };
}
