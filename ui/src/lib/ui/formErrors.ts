// The small forms (membership, conversation, organisation, team) show a backend refusal beside
// the field it names when they have that field, and above their buttons otherwise.

import { toApiError } from '../api';
import { errorMessage, problemMessage } from '../i18n';

export interface FormError {
  /** The backend's field name, when this form has a control for it. */
  field: string | null;
  message: string;
}

export function formError(reason: unknown, fields: readonly string[]): FormError {
  const error = toApiError(reason);
  if (error.field !== null && error.problem && fields.includes(error.field)) {
    return { field: error.field, message: problemMessage(error.problem) };
  }
  return { field: null, message: errorMessage(error) };
}

/** Focuses the first control marked invalid, once the DOM shows the marks. */
export function focusFirstInvalid(form: HTMLElement | undefined): void {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
