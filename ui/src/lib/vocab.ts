// The closed vocabularies of the domain, in the order the UI offers them, and their labels
// in the current language.

import type { Circle, CollectiveStatus, InteractionKind, LegalBasis, OrganizationKind, Sector } from './api';
import { t } from './i18n';

export const SECTORS: readonly Sector[] = [
  'research',
  'journalism',
  'philanthropy',
  'arts_culture',
  'entrepreneurship',
  'business',
  'institution',
  'ngo',
  'collective',
];

export const CIRCLES: readonly Circle[] = ['team', 'pro', 'community', 'partner', 'media', 'funder'];

export const LEGAL_BASES: readonly LegalBasis[] = ['consent', 'legitimate_interest', 'contract', 'legal_obligation'];

export const ORG_KINDS: readonly OrganizationKind[] = [
  'collective',
  'association',
  'foundation',
  'media',
  'company',
  'institution',
  'school',
  'network',
];

export const STATUSES: readonly CollectiveStatus[] = ['prospect', 'supported', 'partner', 'alumni'];

export const INTERACTION_KINDS: readonly InteractionKind[] = ['one_to_one', 'call', 'email', 'meeting', 'other'];

export const sectorLabel = (code: Sector): string => t(`sector.${code}`);
export const circleLabel = (code: Circle): string => t(`circle.${code}`);
export const legalBasisLabel = (code: LegalBasis): string => t(`legalBasis.${code}`);
export const orgKindLabel = (code: OrganizationKind): string => t(`orgKind.${code}`);
export const statusLabel = (code: CollectiveStatus): string => t(`status.${code}`);
export const interactionKindLabel = (code: InteractionKind): string => t(`interactionKind.${code}`);
