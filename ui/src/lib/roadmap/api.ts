// The door to Rust for the quarterly roadmap: axes, objectives, seminar reviews, the diff
// between quarters, the timeline and exports. One typed wrapper per desktop command (see
// src-tauri/commands/roadmap.rs). A quarter is a string such as "2026-T4".

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type {
  Axis,
  Objective,
  ObjectiveChain,
  ObjectiveDraft,
  ObjectivePatch,
  ObjectiveQuery,
  Quarter,
  ReviewDraft,
  ReviewOutcome,
  Roadmap,
  RoadmapDiff,
  Seminar,
  SeminarDraft,
} from '../api/types.gen';

export type {
  Axis,
  AxisColumn,
  CarriedObjective,
  Indicator,
  Objective,
  ObjectiveChain,
  ObjectiveDraft,
  ObjectivePatch,
  ObjectiveQuery,
  ObjectiveRef,
  ObjectiveStatus,
  ObjectiveStep,
  Quarter,
  QuarterState,
  Review,
  ReviewDecision,
  ReviewDraft,
  ReviewOutcome,
  Roadmap,
  RoadmapDiff,
  Seminar,
  SeminarDraft,
} from '../api/types.gen';

export type RoadmapExportFormat = 'md' | 'html';

export interface RoadmapBackend {
  listAxes(): Promise<Axis[]>;
  addAxis(name: string): Promise<Axis>;
  renameAxis(id: string, name: string): Promise<Axis>;

  /** A quarter's objectives by axis (every axis, even empty), filtered by owner or status. */
  roadmap(quarter: Quarter, query: ObjectiveQuery): Promise<Roadmap>;
  /** The quarters that have objectives or seminars, oldest first. */
  listQuarters(): Promise<Quarter[]>;
  getObjective(id: string): Promise<Objective>;
  createObjective(draft: ObjectiveDraft): Promise<Objective>;
  updateObjective(id: string, draft: ObjectiveDraft): Promise<Objective>;
  /** Drag and drop on the board: a new status, axis or progress. */
  patchObjective(id: string, patch: ObjectivePatch): Promise<Objective>;
  deleteObjective(id: string): Promise<void>;

  /** Records the seminar's decision; maintained, adjusted and carried objectives continue in
   *  the next quarter (`successor`). A second decision replaces the first. */
  reviewObjective(id: string, draft: ReviewDraft): Promise<ReviewOutcome>;
  undoReview(id: string): Promise<Objective>;

  roadmapDiff(from: Quarter, to: Quarter): Promise<RoadmapDiff>;
  roadmapTimeline(from: Quarter, to: Quarter): Promise<ObjectiveChain[]>;

  createSeminar(draft: SeminarDraft): Promise<Seminar>;
  updateSeminar(id: string, draft: SeminarDraft): Promise<Seminar>;

  /** Writes the quarter's roadmap and review to the Downloads folder; resolves to the path. */
  saveRoadmapFile(quarter: Quarter, format: RoadmapExportFormat): Promise<string>;
  /** Writes the diff between two quarters (Markdown) to the Downloads folder. */
  saveDiffFile(from: Quarter, to: Quarter): Promise<string>;
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriRoadmapBackend: RoadmapBackend = {
  listAxes: () => call('list_axes'),
  addAxis: (name) => call('add_axis', { name }),
  renameAxis: (id, name) => call('rename_axis', { id, name }),

  roadmap: (quarter, query) => call('roadmap', { quarter, query }),
  listQuarters: () => call('list_quarters'),
  getObjective: (id) => call('get_objective', { id }),
  createObjective: (draft) => call('create_objective', { draft }),
  updateObjective: (id, draft) => call('update_objective', { id, draft }),
  patchObjective: (id, patch) => call('patch_objective', { id, patch }),
  deleteObjective: (id) => call('delete_objective', { id }),

  reviewObjective: (id, draft) => call('review_objective', { id, draft }),
  undoReview: (id) => call('undo_review', { id }),

  roadmapDiff: (from, to) => call('roadmap_diff', { from, to }),
  roadmapTimeline: (from, to) => call('roadmap_timeline', { from, to }),

  createSeminar: (draft) => call('create_seminar', { draft }),
  updateSeminar: (id, draft) => call('update_seminar', { id, draft }),

  saveRoadmapFile: (quarter, format) => call('save_roadmap_file', { quarter, format }),
  saveDiffFile: (from, to) => call('save_diff_file', { from, to }),
};

/** "2026-T4" → { year: 2026, number: 4 }, or null. */
export function parseQuarter(text: string): { year: number; number: number } | null {
  const match = /^\s*(\d{4})\s*-?\s*[TtQq]\s*([1-4])\s*$/.exec(text);
  return match ? { year: Number(match[1]), number: Number(match[2]) } : null;
}

/** The quarter a date falls in, in local time. */
export function quarterOf(date: Date): Quarter {
  return `${date.getFullYear()}-T${Math.floor(date.getMonth() / 3) + 1}`;
}

/** The quarter after (step 1) or before (step -1) `quarter`. */
export function shiftQuarter(quarter: Quarter, step: number): Quarter {
  const q = parseQuarter(quarter);
  if (!q) return quarter;
  const index = q.year * 4 + (q.number - 1) + step;
  return `${Math.floor(index / 4)}-T${(index % 4) + 1}`;
}
