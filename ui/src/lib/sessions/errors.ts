// A backend refusal, worded for the sessions screens: beside its field when the form has one.

import { toApiError } from '../api';
import { errorMessage, problemMessage } from '../i18n';

export interface FieldFailure {
  /** The form's field at fault (`participants` for `participants.2`), or null. */
  field: string | null;
  message: string;
}

/** What to say about a failed call, in plain words. */
export function failureMessage(reason: unknown): string {
  const error = toApiError(reason);
  return error.problem ? problemMessage(error.problem) : errorMessage(error);
}

export function fieldFailure(reason: unknown, fields: readonly string[]): FieldFailure {
  const error = toApiError(reason);
  const field = error.field?.split('.')[0] ?? null;
  if (field !== null && error.problem && fields.includes(field)) {
    return { field, message: problemMessage(error.problem) };
  }
  return { field: null, message: failureMessage(error) };
}
