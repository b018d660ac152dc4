// An in-memory `DuplicatesBackend` for tests and for working on the screen without Rust.
// Merging drops the pairs that involved the merged person; undoing puts them back.

import { ApiError } from '../api';
import type { DuplicatePair, DuplicatesBackend, PersonSummary } from './api';

export function makeSummary(overrides: Partial<PersonSummary> & { id: string }): PersonSummary {
  return {
    first_name: '',
    last_name: '',
    email: null,
    organization: null,
    city: null,
    sectors: [],
    tags: [],
    legal_basis: null,
    ...overrides,
  };
}

export class FakeDuplicatesBackend implements DuplicatesBackend {
  pairs: DuplicatePair[];
  /** Merges done and not undone, by merge id: the pairs as they were before. */
  private readonly merges = new Map<string, DuplicatePair[]>();
  private nextMerge = 1;
  /** When set, the next calls to that command reject with it. */
  failures: { list?: ApiError; merge?: ApiError; undo?: ApiError } = {};

  constructor(pairs: DuplicatePair[] = []) {
    this.pairs = structuredClone(pairs);
  }

  async list(): Promise<DuplicatePair[]> {
    if (this.failures.list) throw this.failures.list;
    return structuredClone(this.pairs);
  }

  async merge(keep: string, other: string): Promise<string> {
    if (this.failures.merge) throw this.failures.merge;
    if (keep === other) {
      throw new ApiError({
        kind: 'refused',
        message: 'a contact cannot be merged with itself',
        field: null,
        problem: null,
      });
    }
    const known = this.pairs.some((p) => [p.first.id, p.second.id].includes(other));
    if (!known) throw new ApiError({ kind: 'not_found', message: `no person ${other}`, field: null, problem: null });
    const id = `merge-${this.nextMerge++}`;
    this.merges.set(id, structuredClone(this.pairs));
    this.pairs = this.pairs.filter((p) => p.first.id !== other && p.second.id !== other);
    return id;
  }

  async undo(mergeId: string): Promise<void> {
    if (this.failures.undo) throw this.failures.undo;
    const before = this.merges.get(mergeId);
    if (!before) {
      throw new ApiError({ kind: 'refused', message: `no merge with id ${mergeId}`, field: null, problem: null });
    }
    this.merges.delete(mergeId);
    this.pairs = before;
  }
}
