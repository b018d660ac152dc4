// An in-memory `CohortsBackend` for the cohort screens' tests, applying the core's rules that
// the screens rely on: a name and a programme are required, a programme is found by its name
// (accents and case aside) or created, a person's stage is their latest step, and the counts
// come with every cohort. `sampleCohortsBackend` fills it as the association would.

import { ApiError } from '../api';
import type { Problem } from '../api/types.gen';
import type {
  Cohort,
  CohortDraft,
  CohortMember,
  CohortStage,
  CohortSummary,
  CohortsBackend,
  PersonRef,
  ProgrammeRef,
  StageCount,
  StageStep,
} from './api';
import { COHORT_STAGES, WAY_STAGES } from './strings';

/** A cohort as the fake keeps it: members are people and their steps, in the order recorded. */
export interface StoredCohort {
  id: string;
  name: string;
  programme: ProgrammeRef;
  starts_on: string | null;
  members: { person: PersonRef; steps: StageStep[] }[];
}

function invalid(field: string, problem: Problem): ApiError {
  return new ApiError({ kind: 'invalid', message: `${field}: ${problem.code}`, field, problem });
}

function notFound(what: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what}`, field: null, problem: null });
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(new Date(`${text}T00:00:00Z`).getTime());

/** The steps by date; a later record wins a tie, as it is the newer news. */
function ordered(steps: readonly StageStep[]): StageStep[] {
  return steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.on.localeCompare(b.step.on) || a.i - b.i).map((x) => x.step);
}

/**
 * Who reached a stage: those with a step there, and, along the way, those who went further
 * (a certified person was a candidate and was accepted, even when only the end was noted).
 */
function reached(members: readonly { steps: StageStep[] }[], stage: CohortStage): number {
  const way = WAY_STAGES.indexOf(stage);
  return members.filter((m) =>
    m.steps.some((s) => s.stage === stage || (way >= 0 && WAY_STAGES.indexOf(s.stage) > way)),
  ).length;
}

/** The cohort the core answers: members by stage then name, with every stage's counts. */
export function cohortOf(stored: StoredCohort): Cohort {
  const members: CohortMember[] = stored.members.map(({ person, steps }) => {
    const sorted = ordered(steps);
    const last = sorted[sorted.length - 1];
    if (!last) throw new Error(`${person.name} has no step`);
    return { person: { ...person }, stage: last.stage, since: last.on, steps: sorted };
  });
  members.sort(
    (a, b) => COHORT_STAGES.indexOf(a.stage) - COHORT_STAGES.indexOf(b.stage) || a.person.name.localeCompare(b.person.name, 'fr'),
  );
  const counts: StageCount[] = COHORT_STAGES.map((stage) => ({
    stage,
    now: members.filter((m) => m.stage === stage).length,
    reached: reached(stored.members, stage),
  }));
  return { id: stored.id, name: stored.name, programme: { ...stored.programme }, starts_on: stored.starts_on, members, counts };
}

export class FakeCohortsBackend implements CohortsBackend {
  /** Newest first, as `listCohorts` answers. */
  cohorts: StoredCohort[];
  programmes: ProgrammeRef[];
  /** The people `setStage` may add, by id. */
  people = new Map<string, PersonRef>();
  /** When set, calls to that command reject with it. */
  failures: Partial<Record<keyof CohortsBackend, ApiError>> = {};
  private next = 1;

  constructor(data: { cohorts?: StoredCohort[]; people?: PersonRef[] } = {}) {
    this.cohorts = structuredClone(data.cohorts ?? []);
    const programmes = new Map<string, ProgrammeRef>();
    for (const c of this.cohorts) {
      programmes.set(c.programme.id, c.programme);
      for (const m of c.members) this.people.set(m.person.id, m.person);
    }
    this.programmes = [...programmes.values()];
    for (const p of data.people ?? []) this.people.set(p.id, p);
  }

  private fail(command: keyof CohortsBackend): void {
    const failure = this.failures[command];
    if (failure) throw failure;
  }

  private find(id: string): StoredCohort {
    const found = this.cohorts.find((c) => c.id === id);
    if (!found) throw notFound('cohort');
    return found;
  }

  async listCohorts(): Promise<CohortSummary[]> {
    this.fail('listCohorts');
    return this.cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      programme: { ...c.programme },
      starts_on: c.starts_on,
      members: c.members.length,
    }));
  }

  async getCohort(id: string): Promise<Cohort> {
    this.fail('getCohort');
    return cohortOf(this.find(id));
  }

  async createCohort(draft: CohortDraft): Promise<Cohort> {
    this.fail('createCohort');
    const name = tidy(draft.name);
    const programmeName = tidy(draft.programme);
    if (!name) throw invalid('name', { code: 'required' });
    if (!programmeName) throw invalid('programme', { code: 'required' });
    if (draft.starts_on !== null && !isDate(draft.starts_on)) {
      throw invalid('starts_on', { code: 'invalid_date', value: draft.starts_on });
    }
    let programme = this.programmes.find((p) => fold(p.name) === fold(programmeName));
    if (!programme) {
      programme = { id: `programme-${this.next++}`, name: programmeName };
      this.programmes.push(programme);
    }
    const stored: StoredCohort = { id: `cohort-${this.next++}`, name, programme, starts_on: draft.starts_on, members: [] };
    this.cohorts.unshift(stored);
    return cohortOf(stored);
  }

  async setStage(cohortId: string, personId: string, stage: CohortStage, on: string): Promise<Cohort> {
    this.fail('setStage');
    const cohort = this.find(cohortId);
    if (!isDate(on)) throw invalid('on', { code: 'invalid_date', value: on });
    const member = cohort.members.find((m) => m.person.id === personId);
    if (member) {
      // One step per stage: reaching it again moves its date.
      member.steps = [...member.steps.filter((s) => s.stage !== stage), { stage, on }];
    } else {
      const person = this.people.get(personId);
      if (!person) throw invalid('person_id', { code: 'invalid_id', value: personId });
      cohort.members.push({ person: { ...person }, steps: [{ stage, on }] });
    }
    return cohortOf(cohort);
  }

  async removeMember(cohortId: string, personId: string): Promise<Cohort> {
    this.fail('removeMember');
    const cohort = this.find(cohortId);
    if (!cohort.members.some((m) => m.person.id === personId)) throw notFound('member');
    cohort.members = cohort.members.filter((m) => m.person.id !== personId);
    return cohortOf(cohort);
  }
}

/** A member who went through `stages` in order, one step on each date. */
export function member(person: PersonRef, ...steps: [CohortStage, string][]): StoredCohort['members'][number] {
  return { person, steps: steps.map(([stage, on]) => ({ stage, on })) };
}

export const FORMATION_PROGRAMME: ProgrammeRef = { id: 'programme-formation', name: 'Formation au community organizing' };
export const BOOTCAMP_PROGRAMME: ProgrammeRef = { id: 'programme-bootcamp', name: 'Leadership Bootcamp' };

const TRAINEES: readonly PersonRef[] = [
  { id: 'p-awa', name: 'Awa Diallo' },
  { id: 'p-karim', name: 'Karim Benali' },
  { id: 'p-lea', name: 'Léa Rousseau' },
  { id: 'p-mehdi', name: 'Mehdi Haddad' },
  { id: 'p-chloe', name: 'Chloé Martin' },
  { id: 'p-fatou', name: 'Fatou Sow' },
  { id: 'p-julien', name: 'Julien Moreau' },
  { id: 'p-ines', name: 'Inès Bouaziz' },
  { id: 'p-thomas', name: 'Thomas Lefèvre' },
  { id: 'p-aminata', name: 'Aminata Koné' },
];

/** People the board can add, not yet in any cohort. */
export const NEWCOMERS: readonly PersonRef[] = [
  { id: 'p-sarah', name: 'Sarah Cohen' },
  { id: 'p-yanis', name: 'Yanis Belkacem' },
];

/**
 * The association's cohorts: « Formation organisateurs 2026 » (10 candidats, 10 retenus,
 * 9 certifiés, Aminata still to certify) and the spring Leadership Bootcamp, under way.
 */
export function sampleCohorts(): StoredCohort[] {
  const [awa, karim, lea, mehdi, chloe, fatou, julien, ines, thomas, aminata] = TRAINEES as [
    PersonRef, PersonRef, PersonRef, PersonRef, PersonRef, PersonRef, PersonRef, PersonRef, PersonRef, PersonRef,
  ];
  const certified = (p: PersonRef) => member(p, ['applicant', '2026-01-15'], ['accepted', '2026-02-02'], ['certified', '2026-03-12']);
  return [
    {
      id: 'cohort-bootcamp',
      name: 'Leadership Bootcamp — printemps 2026',
      programme: BOOTCAMP_PROGRAMME,
      starts_on: '2026-04-07',
      members: [
        member(karim, ['interested', '2026-03-01']),
        member(fatou, ['interested', '2026-03-02'], ['applicant', '2026-03-10']),
        member(thomas, ['interested', '2026-03-02'], ['applicant', '2026-03-10'], ['accepted', '2026-03-20']),
        member(julien, ['applicant', '2026-03-11'], ['rejected', '2026-03-20']),
      ],
    },
    {
      id: 'cohort-formation-2026',
      name: 'Formation organisateurs 2026',
      programme: FORMATION_PROGRAMME,
      starts_on: '2026-01-12',
      members: [
        ...[awa, karim, lea, mehdi, chloe, fatou, julien, ines, thomas].map(certified),
        member(aminata, ['applicant', '2026-01-15'], ['accepted', '2026-02-02']),
      ],
    },
  ];
}

export function sampleCohortsBackend(): FakeCohortsBackend {
  return new FakeCohortsBackend({ cohorts: sampleCohorts(), people: [...NEWCOMERS] });
}

/** `findPeople` over a list, accents and case aside, as the core searches. */
export function fakePeople(people: readonly PersonRef[]): { findPeople(text: string, limit: number): Promise<PersonRef[]> } {
  return {
    findPeople: async (text, limit) => people.filter((p) => fold(p.name).includes(fold(text))).slice(0, limit).map((p) => ({ ...p })),
  };
}
