// An in-memory `RoadmapBackend` for the review and diff screens' tests. It follows the core's
// rules where these screens depend on them (crates/flocon-core/src/store/roadmap.rs): keeping,
// adjusting or carrying an objective creates its successor in the next quarter, closing and
// dropping set the status, a decision taken again replaces the first, taking one back is refused
// once its successor was reviewed, the diff is computed from the same data, and seminars are
// checked as the core checks them. The board's editing commands are not needed here and refuse.

import { ApiError, type PersonRef } from '../api';
import type {
  Axis,
  Objective,
  ObjectiveRef,
  ObjectiveStatus,
  Quarter,
  QuarterState,
  ReviewDraft,
  ReviewOutcome,
  RoadmapBackend,
  RoadmapDiff,
  Seminar,
  SeminarDraft,
} from '../roadmap/api';
import { shiftQuarter } from '../roadmap/api';
import { tidy } from '../text';

const STAMP = '2026-01-01T00:00:00Z';

export function makeAxis(overrides: Partial<Axis> & { id: string }): Axis {
  return { name: 'Axe', position: 0, ...overrides };
}

export function makeObjective(overrides: Partial<Objective> & { id: string; axis: Axis }): Objective {
  const progress = overrides.progress ?? 0;
  const target = overrides.target ?? null;
  return {
    quarter: '2026-T4',
    title: 'Objectif',
    description: '',
    owners: [],
    status: 'in_progress',
    progress,
    target,
    percent: percentOf(progress, target),
    indicators: [],
    organizations: [],
    engagements: [],
    carried_from: null,
    carried_to: null,
    review: null,
    open_actions: 0,
    created_at: STAMP,
    updated_at: STAMP,
    ...overrides,
  };
}

export function makeSeminar(overrides: Partial<Seminar> & { id: string; quarter: Quarter }): Seminar {
  return {
    title: `Séminaire ${overrides.quarter}`,
    starts_on: null,
    ends_on: null,
    place: '',
    participants: [],
    agenda: '',
    notes: '',
    ...overrides,
  };
}

function percentOf(progress: number, target: number | null): number {
  if (target === null || target <= 0) return progress;
  return Math.min(100, (progress / target) * 100);
}

function refOf(objective: Objective): ObjectiveRef {
  return {
    id: objective.id,
    quarter: objective.quarter,
    title: objective.title,
    axis: objective.axis.name,
    status: objective.status,
    percent: objective.percent,
    target: objective.target,
  };
}

const notFound = (what: string) => new ApiError({ kind: 'not_found', message: `no ${what}`, field: null, problem: null });
const refused = (message: string) => new ApiError({ kind: 'refused', message, field: null, problem: null });

interface Memory {
  /** The status an objective had before its review, to give it back on undo. */
  statusBefore: ObjectiveStatus;
}

export class FakeRoadmapBackend implements RoadmapBackend {
  axes: Axis[];
  objectives: Objective[];
  seminars: Seminar[];
  /** The people a seminar's participants may be (the core checks they exist). */
  people: PersonRef[];
  savedDiffs: Array<{ from: Quarter; to: Quarter }> = [];
  private memory = new Map<string, Memory>();
  private sequence = 0;

  constructor(data: { axes?: Axis[]; objectives?: Objective[]; seminars?: Seminar[]; people?: PersonRef[] } = {}) {
    this.axes = data.axes ?? [];
    this.objectives = data.objectives ?? [];
    this.seminars = data.seminars ?? [];
    this.people = data.people ?? [];
  }

  private find(id: string): Objective {
    const objective = this.objectives.find((o) => o.id === id);
    if (!objective) throw notFound('objective');
    return objective;
  }

  private replace(next: Objective): Objective {
    this.objectives = this.objectives.map((o) => (o.id === next.id ? next : o));
    return structuredClone(next);
  }

  private stateOf(quarter: Quarter): QuarterState {
    const all = this.objectives.filter((o) => o.quarter === quarter);
    const reviewed = all.filter((o) => o.review).length;
    if (reviewed === 0) return 'open';
    return reviewed === all.length ? 'closed' : 'in_review';
  }

  async listAxes() {
    return structuredClone(this.axes);
  }

  async addAxis(): Promise<Axis> {
    throw refused('addAxis is not in the fake');
  }

  async renameAxis(): Promise<Axis> {
    throw refused('renameAxis is not in the fake');
  }

  async roadmap(quarter: Quarter) {
    const all = this.objectives.filter((o) => o.quarter === quarter);
    const axes = [...this.axes]
      .sort((a, b) => a.position - b.position)
      .map((axis) => ({ axis, objectives: all.filter((o) => o.axis.id === axis.id) }));
    return structuredClone({
      quarter,
      axes,
      state: this.stateOf(quarter),
      reviewed: all.filter((o) => o.review).length,
      total: all.length,
      seminars: this.seminars.filter((s) => s.quarter === quarter),
    });
  }

  async listQuarters() {
    const quarters = new Set([...this.objectives.map((o) => o.quarter), ...this.seminars.map((s) => s.quarter)]);
    return [...quarters].sort();
  }

  async getObjective(id: string) {
    return structuredClone(this.find(id));
  }

  async createObjective(): Promise<Objective> {
    throw refused('createObjective is not in the fake');
  }

  async updateObjective(): Promise<Objective> {
    throw refused('updateObjective is not in the fake');
  }

  async patchObjective(): Promise<Objective> {
    throw refused('patchObjective is not in the fake');
  }

  async deleteObjective(): Promise<void> {
    throw refused('deleteObjective is not in the fake');
  }

  async reviewObjective(id: string, draft: ReviewDraft): Promise<ReviewOutcome> {
    if (draft.decision === 'adjust' && draft.new_target === null) {
      throw new ApiError({
        kind: 'invalid',
        message: 'new_target: required',
        field: 'new_target',
        problem: { code: 'required' },
      });
    }
    if (draft.seminar_id && !this.seminars.some((s) => s.id === draft.seminar_id)) throw notFound('seminar');
    this.takeBack(this.find(id));
    const objective = this.find(id);
    this.memory.set(id, { statusBefore: objective.status });
    const review = { ...draft, reviewed_at: '2026-12-12T10:00:00Z' };
    let successor: Objective | null = null;
    let reviewed: Objective;
    if (draft.decision === 'close' || draft.decision === 'drop') {
      reviewed = { ...objective, review, status: draft.decision === 'close' ? 'achieved' : 'dropped' };
    } else {
      const target = draft.new_target ?? objective.target;
      const progress = target !== null && objective.target === null ? 0 : objective.progress;
      const status = objective.status === 'achieved' || objective.status === 'dropped' ? 'in_progress' : objective.status;
      successor = {
        ...structuredClone(objective),
        id: `${id}-next-${++this.sequence}`,
        quarter: shiftQuarter(objective.quarter, 1),
        status,
        progress,
        target,
        percent: percentOf(progress, target),
        carried_from: refOf(objective),
        carried_to: null,
        review: null,
      };
      this.objectives = [...this.objectives, successor];
      reviewed = { ...objective, review, carried_to: refOf(successor) };
    }
    return {
      objective: this.replace(reviewed),
      successor: successor ? structuredClone(successor) : null,
      state: this.stateOf(objective.quarter),
    };
  }

  async undoReview(id: string): Promise<Objective> {
    const objective = this.find(id);
    if (!objective.review) throw refused('this objective has not been reviewed');
    this.takeBack(objective);
    return structuredClone(this.find(id));
  }

  /** The core's `undo_review`: refused once the successor was itself reviewed or continued. */
  private takeBack(objective: Objective): void {
    if (!objective.review) return;
    if (objective.carried_to) {
      const successor = this.find(objective.carried_to.id);
      if (successor.review || successor.carried_to) {
        throw refused(
          `the decision on "${objective.title}" was followed up in ${successor.quarter}: take that review back first`,
        );
      }
      this.objectives = this.objectives.filter((o) => o.id !== successor.id);
    }
    const before = this.memory.get(objective.id)?.statusBefore ?? objective.status;
    this.replace({ ...objective, review: null, carried_to: null, status: before });
  }

  async roadmapDiff(from: Quarter, to: Quarter): Promise<RoadmapDiff> {
    if (to <= from) {
      throw new ApiError({ kind: 'invalid', message: 'to: ends_before_start', field: 'to', problem: { code: 'ends_before_start' } });
    }
    const before = this.objectives.filter((o) => o.quarter === from);
    const after = this.objectives.filter((o) => o.quarter === to);
    const diff: RoadmapDiff = { from, to, added: [], closed: [], dropped: [], carried: [], unreviewed: [] };
    const continued = new Set<string>();
    for (const objective of after) {
      const origin = this.ancestorIn(objective, from);
      if (origin) {
        continued.add(origin.id);
        diff.carried.push({
          before: refOf(origin),
          after: refOf(objective),
          decision: origin.review?.decision ?? null,
          comment: origin.review?.comment ?? '',
        });
      } else {
        diff.added.push(refOf(objective));
      }
    }
    for (const objective of before) {
      if (continued.has(objective.id)) continue;
      const decision = objective.review?.decision;
      if (decision === 'close' || (decision !== 'drop' && objective.status === 'achieved')) diff.closed.push(refOf(objective));
      else if (decision === 'drop' || objective.status === 'dropped') diff.dropped.push(refOf(objective));
      else diff.unreviewed.push(refOf(objective));
    }
    return structuredClone(diff);
  }

  private ancestorIn(objective: Objective, quarter: Quarter): Objective | null {
    let current: Objective | undefined = objective;
    while (current?.carried_from) {
      const previous = this.objectives.find((o) => o.id === current?.carried_from?.id);
      if (!previous) return null;
      if (previous.quarter === quarter) return previous;
      current = previous;
    }
    return null;
  }

  async roadmapTimeline(): Promise<never> {
    throw refused('roadmapTimeline is not in the fake');
  }

  /** The core's `SeminarDraft::validate` and `check_people`: a tidied title is required, the
   *  end may not precede the start, participants must exist (those given as `people`). */
  private checkSeminar(draft: SeminarDraft): { draft: SeminarDraft; participants: PersonRef[] } {
    const title = tidy(draft.title);
    if (title === '') {
      throw new ApiError({ kind: 'invalid', message: 'title: required', field: 'title', problem: { code: 'required' } });
    }
    if (draft.starts_on && draft.ends_on && draft.ends_on < draft.starts_on) {
      throw new ApiError({
        kind: 'invalid',
        message: 'ends_on: ends_before_start',
        field: 'ends_on',
        problem: { code: 'ends_before_start' },
      });
    }
    const participants = [...new Set(draft.participants)].map((id) => {
      const person = this.people.find((p) => p.id === id);
      if (!person) throw notFound('person');
      return { ...person };
    });
    return { draft: { ...draft, title, place: tidy(draft.place) }, participants };
  }

  async createSeminar(input: SeminarDraft): Promise<Seminar> {
    const { draft, participants } = this.checkSeminar(input);
    const seminar = makeSeminar({
      id: `seminar-${++this.sequence}`,
      quarter: draft.quarter,
      title: draft.title,
      starts_on: draft.starts_on,
      ends_on: draft.ends_on,
      place: draft.place,
      participants,
      agenda: draft.agenda,
      notes: draft.notes,
    });
    this.seminars = [...this.seminars, seminar];
    return structuredClone(seminar);
  }

  async updateSeminar(id: string, input: SeminarDraft): Promise<Seminar> {
    const { draft, participants } = this.checkSeminar(input);
    if (!this.seminars.some((s) => s.id === id)) throw notFound('seminar');
    const seminar: Seminar = {
      id,
      quarter: draft.quarter,
      title: draft.title,
      starts_on: draft.starts_on,
      ends_on: draft.ends_on,
      place: draft.place,
      participants,
      agenda: draft.agenda,
      notes: draft.notes,
    };
    this.seminars = this.seminars.map((s) => (s.id === id ? seminar : s));
    return structuredClone(seminar);
  }

  async saveRoadmapFile(quarter: Quarter, format: string) {
    return `/home/equipe/Téléchargements/feuille-de-route-${quarter}.${format}`;
  }

  async saveDiffFile(from: Quarter, to: Quarter) {
    this.savedDiffs.push({ from, to });
    return `/home/equipe/Téléchargements/evolution-${from}-${to}.md`;
  }
}
