// An in-memory `TrashBackend` for the trash screen's tests, with the core's rules the screen
// relies on: the list is newest first, a restored item leaves the trash, an item no longer
// there is `not_found`, and emptying removes everything and says how many went.

import { ApiError } from '../api';
import type { TrashBackend, TrashItem, TrashKind, TrashRestored } from './api';

const DAY = 24 * 60 * 60 * 1000;
/** How long an item waits in the trash. */
export const TRASH_DAYS = 30;

function notFound(what: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what}`, field: null, problem: null });
}

/** An item deleted at `deletedAt` (an instant), expiring 30 days later. */
export function trashItem(id: string, kind: TrashKind, label: string, deletedAt: string): TrashItem {
  const expires = new Date(new Date(deletedAt).getTime() + TRASH_DAYS * DAY).toISOString();
  return { id, kind, record_id: `record-${id}`, label, deleted_at: new Date(deletedAt).toISOString(), expires_at: expires };
}

export class FakeTrashBackend implements TrashBackend {
  items: TrashItem[];
  /** How many links the core could not put back, by item id (the answer's `left_out`). */
  leftOut = new Map<string, number>();
  /** The ids restored, in order. */
  restored: string[] = [];
  /** How many times the trash was emptied. */
  emptied = 0;
  /** When set, calls to that command reject with it. */
  failures: Partial<Record<keyof TrashBackend, ApiError>> = {};

  constructor(items: TrashItem[] = []) {
    this.items = structuredClone(items);
  }

  private fail(command: keyof TrashBackend): void {
    const failure = this.failures[command];
    if (failure) throw failure;
  }

  async listTrash(): Promise<TrashItem[]> {
    this.fail('listTrash');
    return structuredClone(this.items).sort((a, b) => b.deleted_at.localeCompare(a.deleted_at));
  }

  async restoreFromTrash(id: string): Promise<TrashRestored> {
    this.fail('restoreFromTrash');
    const item = this.items.find((i) => i.id === id);
    if (!item) throw notFound('trash item');
    this.items = this.items.filter((i) => i.id !== id);
    this.restored.push(id);
    return { kind: item.kind, record_id: item.record_id, label: item.label, left_out: this.leftOut.get(id) ?? 0 };
  }

  async emptyTrash(): Promise<number> {
    this.fail('emptyTrash');
    const count = this.items.length;
    this.items = [];
    this.emptied += 1;
    return count;
  }
}

/**
 * What a week of work leaves in the trash, relative to `now`: a contact deleted by mistake
 * this morning, a session, an event, a collective, an action deleted 26 days ago (4 days left).
 */
export function sampleTrash(now: Date = new Date()): TrashItem[] {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 60 * 60 * 1000).toISOString();
  return [
    trashItem('t-awa', 'person', 'Awa Diallo', ago(0, 2)),
    trashItem('t-seance', 'session', 'Séance de coaching — Collectif Les Lilas', ago(1)),
    trashItem('t-rencontre', 'event', 'Assemblée de quartier', ago(3)),
    trashItem('t-lilas', 'organization', 'Collectif Les Lilas', ago(10)),
    trashItem('t-action', 'action', 'Tracter au marché', ago(26)),
  ];
}

export function sampleTrashBackend(now: Date = new Date()): FakeTrashBackend {
  return new FakeTrashBackend(sampleTrash(now));
}
