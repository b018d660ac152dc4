// An in-memory `RoadmapBackend` for the roadmap screens' tests, applying the core's rules that
// the screens rely on (a title, progress against a target, percent rounding, chains of
// carried objectives). Seminars, reviews and the diff belong to other screens and refuse.
// `CoachingStub` answers the one coaching command these screens use: adding an action.

import { ApiError } from '../api';
import type { Problem } from '../api/types.gen';
import type { Action, ActionDraft, CoachingBackend } from '../coaching/api';
import type {
  Axis,
  Objective,
  ObjectiveChain,
  ObjectiveDraft,
  ObjectivePatch,
  ObjectiveQuery,
  ObjectiveRef,
  Quarter,
  QuarterState,
  RoadmapBackend,
  RoadmapExportFormat,
  Roadmap,
} from './api';
import { compareQuarters } from './board';

const STAMP = '2026-01-01T00:00:00Z';
const MAX_VALUE = 1e9;

export function makeAxis(id: string, name: string, position: number): Axis {
  return { id, name, position };
}

/** The core's percentage: of the target when there is one, capped at 100, one decimal. */
export function percentOf(progress: number, target: number | null): number {
  const value = target !== null && target > 0 ? (progress / target) * 100 : progress;
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

export function makeObjective(fields: Partial<Objective> & { id: string; axis: Axis }): Objective {
  const progress = fields.progress ?? 0;
  const target = fields.target ?? null;
  return {
    quarter: '2026-T4',
    title: 'Objectif',
    description: '',
    owners: [],
    status: 'not_started',
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
    ...fields,
  };
}

export function refOf(o: Objective): ObjectiveRef {
  return { id: o.id, quarter: o.quarter, title: o.title, axis: o.axis.name, status: o.status, percent: o.percent, target: o.target };
}

function invalid(field: string, problem: Problem): ApiError {
  return new ApiError({ kind: 'invalid', message: `${field}: ${problem.code}`, field, problem });
}

function notFound(what: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what}`, field: null, problem: null });
}

function refused(command: string): ApiError {
  return new ApiError({ kind: 'refused', message: `${command} is not faked`, field: null, problem: null });
}

/** `check_progress` of crates/flocon-core/src/roadmap.rs. */
function checkProgress(progress: number, target: number | null): void {
  if (target === null) {
    if (!Number.isFinite(progress) || progress < 0 || progress > 100) throw invalid('progress', { code: 'out_of_range', min: 0, max: 100 });
    return;
  }
  if (!Number.isFinite(target) || target <= 0 || target > MAX_VALUE) {
    throw invalid('target', { code: 'out_of_range', min: 1, max: MAX_VALUE });
  }
  if (!Number.isFinite(progress) || progress < 0 || progress > MAX_VALUE) {
    throw invalid('progress', { code: 'out_of_range', min: 0, max: MAX_VALUE });
  }
}

export class FakeRoadmapBackend implements RoadmapBackend {
  axes: Axis[];
  objectives: Objective[];
  /** The state of each quarter; open when not set. */
  states = new Map<Quarter, QuarterState>();
  /** Names of the people that drafts refer to by id. */
  names = new Map<string, string>();
  /** When set, calls to that command reject with it. */
  failures: Partial<Record<keyof RoadmapBackend, ApiError>> = {};
  private next = 1;

  constructor(data: { axes?: Axis[]; objectives?: Objective[] } = {}) {
    this.axes = structuredClone(data.axes ?? []);
    this.objectives = structuredClone(data.objectives ?? []);
    for (const o of this.objectives) for (const p of o.owners) this.names.set(p.id, p.name);
  }

  private fail(command: keyof RoadmapBackend): void {
    const failure = this.failures[command];
    if (failure) throw failure;
  }

  private axis(id: string): Axis {
    const axis = this.axes.find((a) => a.id === id);
    if (!axis) throw invalid('axis_id', { code: 'invalid_id', value: id });
    return axis;
  }

  private find(id: string): Objective {
    const found = this.objectives.find((o) => o.id === id);
    if (!found) throw notFound('objective');
    return found;
  }

  private store(objective: Objective): Objective {
    const saved = { ...objective, percent: percentOf(objective.progress, objective.target), updated_at: STAMP };
    this.objectives = this.objectives.some((o) => o.id === saved.id)
      ? this.objectives.map((o) => (o.id === saved.id ? saved : o))
      : [...this.objectives, saved];
    return structuredClone(saved);
  }

  /** An action came from the objective: one more open. */
  addOpenAction(id: string): void {
    const found = this.objectives.find((o) => o.id === id);
    if (found) this.store({ ...found, open_actions: found.open_actions + 1 });
  }

  async listAxes(): Promise<Axis[]> {
    this.fail('listAxes');
    return structuredClone([...this.axes].sort((a, b) => a.position - b.position));
  }

  async addAxis(name: string): Promise<Axis> {
    this.fail('addAxis');
    const axis = makeAxis(`axis-${this.next++}`, name.trim(), this.axes.length);
    this.axes.push(axis);
    return { ...axis };
  }

  async renameAxis(id: string, name: string): Promise<Axis> {
    this.fail('renameAxis');
    const axis = { ...this.axis(id), name: name.trim() };
    this.axes = this.axes.map((a) => (a.id === id ? axis : a));
    return { ...axis };
  }

  async roadmap(quarter: Quarter, query: ObjectiveQuery): Promise<Roadmap> {
    this.fail('roadmap');
    const ofQuarter = this.objectives.filter((o) => o.quarter === quarter);
    const shown = ofQuarter.filter(
      (o) => (!query.owner_id || o.owners.some((p) => p.id === query.owner_id)) && (!query.status || o.status === query.status),
    );
    const axes = (await this.listAxes()).map((axis) => ({
      axis,
      objectives: structuredClone(shown.filter((o) => o.axis.id === axis.id)),
    }));
    return {
      quarter,
      axes,
      state: this.states.get(quarter) ?? 'open',
      reviewed: ofQuarter.filter((o) => o.review !== null).length,
      total: ofQuarter.length,
      seminars: [],
    };
  }

  async listQuarters(): Promise<Quarter[]> {
    this.fail('listQuarters');
    return [...new Set(this.objectives.map((o) => o.quarter))].sort(compareQuarters);
  }

  async getObjective(id: string): Promise<Objective> {
    this.fail('getObjective');
    return structuredClone(this.find(id));
  }

  private fromDraft(draft: ObjectiveDraft): Pick<Objective, 'quarter' | 'axis' | 'title' | 'description' | 'owners' | 'status' | 'progress' | 'target' | 'indicators'> {
    const title = draft.title.trim().replace(/\s+/g, ' ');
    if (!title) throw invalid('title', { code: 'required' });
    checkProgress(draft.progress, draft.target);
    draft.indicators.forEach((indicator, i) => {
      if (!indicator.name.trim()) throw invalid(`indicators.${i}.name`, { code: 'required' });
    });
    return {
      quarter: draft.quarter,
      axis: this.axis(draft.axis_id),
      title,
      description: draft.description,
      owners: [...new Set(draft.owners)].map((id) => ({ id, name: this.names.get(id) ?? id })),
      status: draft.status,
      progress: draft.progress,
      target: draft.target,
      indicators: draft.indicators.map((i) => ({ ...i, name: i.name.trim() })),
    };
  }

  async createObjective(draft: ObjectiveDraft): Promise<Objective> {
    this.fail('createObjective');
    const fields = this.fromDraft(draft);
    return this.store(makeObjective({ id: `objective-${this.next++}`, ...fields }));
  }

  async updateObjective(id: string, draft: ObjectiveDraft): Promise<Objective> {
    this.fail('updateObjective');
    const found = this.find(id);
    return this.store({ ...found, ...this.fromDraft(draft) });
  }

  async patchObjective(id: string, patch: ObjectivePatch): Promise<Objective> {
    this.fail('patchObjective');
    const found = this.find(id);
    const progress = patch.progress ?? found.progress;
    checkProgress(progress, found.target);
    return this.store({
      ...found,
      status: patch.status ?? found.status,
      axis: patch.axis_id === null ? found.axis : this.axis(patch.axis_id),
      progress,
    });
  }

  async deleteObjective(id: string): Promise<void> {
    this.fail('deleteObjective');
    this.find(id);
    this.objectives = this.objectives.filter((o) => o.id !== id);
  }

  async reviewObjective(): Promise<never> {
    throw refused('reviewObjective');
  }

  async undoReview(): Promise<never> {
    throw refused('undoReview');
  }

  async roadmapDiff(): Promise<never> {
    throw refused('roadmapDiff');
  }

  /** The chains the core builds: each objective followed through `carried_to`, oldest first. */
  async roadmapTimeline(from: Quarter, to: Quarter): Promise<ObjectiveChain[]> {
    this.fail('roadmapTimeline');
    const within = (q: Quarter) => compareQuarters(from, q) <= 0 && compareQuarters(q, to) <= 0;
    const byId = new Map(this.objectives.map((o) => [o.id, o]));
    const chains: ObjectiveChain[] = [];
    for (const root of this.objectives.filter((o) => !o.carried_from || !byId.has(o.carried_from.id))) {
      const steps = [];
      for (let at: Objective | undefined = root; at; at = at.carried_to ? byId.get(at.carried_to.id) : undefined) {
        if (within(at.quarter)) {
          steps.push({ id: at.id, quarter: at.quarter, status: at.status, percent: at.percent, decision: at.review?.decision ?? null });
        }
      }
      const last = steps.at(-1);
      const latest = last ? byId.get(last.id) : undefined;
      if (latest) chains.push({ title: latest.title, axis: latest.axis.name, steps });
    }
    return chains;
  }

  async createSeminar(): Promise<never> {
    throw refused('createSeminar');
  }

  async updateSeminar(): Promise<never> {
    throw refused('updateSeminar');
  }

  async saveRoadmapFile(quarter: Quarter, format: RoadmapExportFormat): Promise<string> {
    this.fail('saveRoadmapFile');
    return `/home/lea/Téléchargements/feuille-de-route-${quarter}.${format}`;
  }

  async saveDiffFile(from: Quarter, to: Quarter): Promise<string> {
    this.fail('saveDiffFile');
    return `/home/lea/Téléchargements/comparaison-${from}-${to}.md`;
  }
}

/** The coaching commands the roadmap screens do not use refuse; `addAction` records the draft. */
export class CoachingStub implements CoachingBackend {
  added: ActionDraft[] = [];
  failure: ApiError | null = null;

  constructor(private readonly onadd: (draft: ActionDraft) => void = () => {}) {}

  async addAction(draft: ActionDraft): Promise<Action> {
    if (this.failure) throw this.failure;
    this.added.push(draft);
    this.onadd(draft);
    return {
      id: `action-${this.added.length}`,
      text: draft.text,
      owner: draft.owner_id ? { id: draft.owner_id, name: draft.owner_id } : null,
      due_on: draft.due_on,
      status: 'todo',
      done_on: null,
      session: null,
      objective: draft.objective_id ? { id: draft.objective_id, title: '', quarter: '' } : null,
      created_at: STAMP,
      updated_at: STAMP,
    };
  }

  listEngagements = refuse;
  engagementPage = refuse;
  createEngagement = refuse;
  updateEngagement = refuse;
  deleteEngagement = refuse;
  listSessions = refuse;
  getSession = refuse;
  createSession = refuse;
  updateSession = refuse;
  saveSessionText = refuse;
  setSessionDecisions = refuse;
  deleteSession = refuse;
  exportSession = refuse;
  saveSessionFile = refuse;
  saveCalendarFile = refuse;
  listActions = refuse;
  getAction = refuse;
  updateAction = refuse;
  setActionStatus = refuse;
  deleteAction = refuse;
  listTemplates = refuse;
  createTemplate = refuse;
  updateTemplate = refuse;
  deleteTemplate = refuse;
  myWeek = refuse;
  renderMarkdown = refuse;
}

function refuse(): Promise<never> {
  return Promise.reject(refused('this coaching command'));
}
