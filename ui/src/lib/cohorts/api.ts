// The door to Rust for training programmes and their cohorts: each person's stages (intéressé,
// candidat, retenu, certifié; or non retenu, abandon) with their dates. See
// src-tauri/commands/events.rs.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type { Cohort, CohortDraft, CohortStage, CohortSummary } from '../api/types.gen';

export type {
  Cohort,
  CohortDraft,
  CohortMember,
  CohortStage,
  CohortSummary,
  PersonRef,
  ProgrammeRef,
  StageCount,
  StageStep,
} from '../api/types.gen';

export interface CohortsBackend {
  /** Every cohort, newest first, with its programme and number of people. */
  listCohorts(): Promise<CohortSummary[]>;
  getCohort(id: string): Promise<Cohort>;
  /** The programme is named: found (accents and case aside) or created. */
  createCohort(draft: CohortDraft): Promise<Cohort>;
  /** Records that a person reached a stage on a day (YYYY-MM-DD); adds them if new. */
  setStage(cohortId: string, personId: string, stage: CohortStage, on: string): Promise<Cohort>;
  /** Takes a person out of the cohort, with their steps. */
  removeMember(cohortId: string, personId: string): Promise<Cohort>;
}

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

// Tauri turns camelCase argument names into the Rust commands' snake_case parameters.
export const tauriCohortsBackend: CohortsBackend = {
  listCohorts: () => call('cohorts_list', {}),
  getCohort: (id) => call('cohorts_get', { id }),
  createCohort: (draft) => call('cohorts_create', { draft }),
  setStage: (cohortId, personId, stage, on) => call('cohorts_set_stage', { cohortId, personId, stage, on }),
  removeMember: (cohortId, personId) => call('cohorts_remove_member', { cohortId, personId }),
};
