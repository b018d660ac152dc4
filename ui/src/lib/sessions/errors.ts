// A backend refusal, worded for the sessions screens: beside its field when the form has one.

import { toApiError } from '../api';
import { errorMessage, problemMessage } from '../i18n';
import type { Problem } from '../api';
import { tr } from './strings';

export interface FieldFailure {
  /** The form's field at fault (`participants` for `participants.2`), or null. */
  field: string | null;
  message: string;
}

/** The wording of a problem, including the ones the shared dictionaries do not have yet. */
export function sessionProblem(problem: Problem): string {
  switch (problem.code) {
    case 'invalid_date_time':
      return tr('problem.invalid_date_time', { value: problem.value });
    case 'out_of_range':
      return tr('problem.out_of_range', { min: String(problem.min), max: String(problem.max) });
    default:
      return problemMessage(problem);
  }
}

/** What to say about a failed call, in plain words. */
export function failureMessage(reason: unknown): string {
  const error = toApiError(reason);
  return error.problem ? sessionProblem(error.problem) : errorMessage(error);
}

export function fieldFailure(reason: unknown, fields: readonly string[]): FieldFailure {
  const error = toApiError(reason);
  const field = error.field?.split('.')[0] ?? null;
  if (field !== null && error.problem && fields.includes(field)) {
    return { field, message: sessionProblem(error.problem) };
  }
  return { field: null, message: failureMessage(error) };
}
