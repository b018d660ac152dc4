// The contact form's model, and the same rules the backend enforces, so the form can say what
// is wrong before a round trip. The backend stays the authority: its field errors are mapped
// back onto the form rows with `formField`.

import type { Labeled, Person, PersonDraft, Problem, Sector } from '../api';
import { fold, tidy } from '../text';

export const LIMITS = { name: 200, label: 60, tag: 80, organization: 300 } as const;

export interface LabeledRow {
  label: string;
  value: string;
}

export interface PersonForm {
  first_name: string;
  last_name: string;
  emails: LabeledRow[];
  phones: LabeledRow[];
  organization: string;
  sector: Sector | '';
  /** Comma-separated, as typed. */
  tags: string;
  notes: string;
}

/** Field name (`first_name`, `emails.0`) → what is wrong with it. */
export type FieldErrors = Record<string, Problem>;

/** For each kept row of the draft, the index of the form row it came from. */
export interface RowOrigins {
  emails: number[];
  phones: number[];
}

export function emptyRow(): LabeledRow {
  return { label: '', value: '' };
}

export function emptyForm(): PersonForm {
  return {
    first_name: '',
    last_name: '',
    emails: [emptyRow()],
    phones: [emptyRow()],
    organization: '',
    sector: '',
    tags: '',
    notes: '',
  };
}

function rowsOf(items: Labeled[]): LabeledRow[] {
  return items.length > 0 ? items.map((i) => ({ label: i.label, value: i.value })) : [emptyRow()];
}

export function formFromPerson(person: Person): PersonForm {
  return {
    first_name: person.first_name,
    last_name: person.last_name,
    emails: rowsOf(person.emails),
    phones: rowsOf(person.phones),
    organization: person.organization ?? '',
    sector: person.sector ?? '',
    tags: person.tags.join(', '),
    notes: person.notes,
  };
}

/** Tags from the comma-separated text: tidied, empty ones dropped, duplicates (by fold) once. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = tidy(part);
    const key = fold(tag);
    if (tag && !seen.has(key)) {
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags;
}

const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9-]{1,63}$/;

/** The browser's `type=email` rule plus a dot in the domain, exactly as the backend checks. */
export function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return (
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => DOMAIN_LABEL.test(l) && !l.startsWith('-') && !l.endsWith('-'))
  );
}

/** Digits with spaces, dots, dashes, slashes or brackets, an optional `+` or `tel:`; ≥ 3 digits. */
export function isValidPhone(number: string): boolean {
  let body = number.startsWith('tel:') ? number.slice(4) : number;
  if (body.startsWith('+')) body = body.slice(1);
  const digits = body.replace(/\D/g, '').length;
  return digits >= 3 && /^[0-9 .\-/()]*$/.test(body);
}

function tooLong(text: string, max: number): boolean {
  return Array.from(text).length > max;
}

/** Every broken rule of the form at once, keyed by the form's own field names. */
export function validateForm(form: PersonForm): FieldErrors {
  const errors: FieldErrors = {};
  const first = tidy(form.first_name);
  const last = tidy(form.last_name);
  if (!first && !last) errors.first_name = { code: 'name_required' };
  if (tooLong(first, LIMITS.name)) errors.first_name = { code: 'too_long', max: LIMITS.name };
  if (tooLong(last, LIMITS.name)) errors.last_name = { code: 'too_long', max: LIMITS.name };

  const checkRows = (
    field: 'emails' | 'phones',
    tidyValue: (v: string) => string,
    isValid: (v: string) => boolean,
    problem: (value: string) => Problem,
  ) => {
    form[field].forEach((row, i) => {
      const value = tidyValue(row.value);
      if (!value) return;
      if (!isValid(value)) errors[`${field}.${i}`] = problem(value);
      if (tooLong(tidy(row.label), LIMITS.label)) {
        errors[`${field}.${i}.label`] = { code: 'too_long', max: LIMITS.label };
      }
    });
  };
  checkRows('emails', (v) => v.trim(), isValidEmail, (value) => ({ code: 'invalid_email', value }));
  checkRows('phones', tidy, isValidPhone, (value) => ({ code: 'invalid_phone', value }));

  if (tooLong(tidy(form.organization), LIMITS.organization)) {
    errors.organization = { code: 'too_long', max: LIMITS.organization };
  }
  if (parseTags(form.tags).some((tag) => tooLong(tag, LIMITS.tag))) {
    errors.tags = { code: 'too_long', max: LIMITS.tag };
  }
  return errors;
}

function tidyRows(rows: LabeledRow[], tidyValue: (v: string) => string) {
  const kept: Labeled[] = [];
  const origins: number[] = [];
  rows.forEach((row, i) => {
    const value = tidyValue(row.value);
    if (value) {
      kept.push({ label: tidy(row.label), value });
      origins.push(i);
    }
  });
  return { kept, origins };
}

/** The draft to send: names and labels tidied, empty rows dropped, tags split. */
export function tidyDraft(form: PersonForm): { draft: PersonDraft; origins: RowOrigins } {
  const emails = tidyRows(form.emails, (v) => v.trim());
  const phones = tidyRows(form.phones, tidy);
  const organization = tidy(form.organization);
  return {
    draft: {
      first_name: tidy(form.first_name),
      last_name: tidy(form.last_name),
      emails: emails.kept,
      phones: phones.kept,
      organization: organization || null,
      sector: form.sector || null,
      tags: parseTags(form.tags),
      notes: form.notes,
    },
    origins: { emails: emails.origins, phones: phones.origins },
  };
}

/**
 * The form field a backend error names. The backend counts rows of the draft it received,
 * which has no empty rows, so `emails.1` may be the form's third row.
 */
export function formField(field: string, origins: RowOrigins): string {
  const match = /^(emails|phones)\.(\d+)(.*)$/.exec(field);
  if (!match) return field;
  const [, list, index, rest] = match as unknown as [string, 'emails' | 'phones', string, string];
  const origin = origins[list][Number(index)];
  return origin === undefined ? field : `${list}.${origin}${rest}`;
}

const SIMPLE_FIELDS = ['first_name', 'last_name', 'organization', 'sector', 'tags', 'notes'];
const ROW_FIELD = /^(emails|phones)\.(\d+)(\.label)?$/;

/** The id of the control that edits a field, or null when the form has no such control. */
export function controlId(field: string): string | null {
  if (SIMPLE_FIELDS.includes(field)) return field;
  const match = ROW_FIELD.exec(field);
  if (!match) return null;
  const kind = match[1] === 'emails' ? 'email' : 'phone';
  return match[3] ? `${kind}-label-${match[2]}` : `${kind}-${match[2]}`;
}

/**
 * What the user typed in a field. A backend error stays shown while this is unchanged.
 * Both names count for `first_name`, because the name rule is about the pair.
 */
export function fieldValue(form: PersonForm, field: string): string | undefined {
  switch (field) {
    case 'first_name':
      return `${form.first_name}\n${form.last_name}`;
    case 'last_name':
    case 'organization':
    case 'sector':
    case 'tags':
    case 'notes':
      return form[field];
  }
  const match = ROW_FIELD.exec(field);
  if (!match) return undefined;
  const row = form[match[1] as 'emails' | 'phones'][Number(match[2])];
  return match[3] ? row?.label : row?.value;
}
