// The contact form's model, and the same rules the backend enforces, so the form can say what
// is wrong before a round trip. The backend stays the authority: its field errors are mapped
// back onto the form rows with `formField`.

import type { Circle, Labeled, LegalBasis, Person, PersonDraft, PersonRef, Problem, Sector } from '../api';
import type { Choice } from '../ui/pickers';
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
  /** Comma-separated, as typed. */
  tags: string;
  notes: string;
  pronouns: string;
  sectors: Sector[];
  circles: Circle[];
  /** Comma-separated, as typed. */
  languages: string;
  linkedin: string;
  instagram: string;
  website: string;
  city: string;
  point_person: Choice | null;
  introduced_by: Choice | null;
  legal_basis: LegalBasis | '';
  /** « Depuis le »: YYYY-MM-DD from the date input, or empty; never after today. */
  legal_basis_on: string;
  /** Where the basis comes from (« formulaire papier, soirée du 12 mars »). */
  legal_basis_source: string;
}

/** The people a contact's form links to, by name (the contact itself only holds their ids). */
export interface LinkedPeople {
  point_person: PersonRef | null;
  introduced_by: PersonRef | null;
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
    tags: '',
    notes: '',
    pronouns: '',
    sectors: [],
    circles: [],
    languages: '',
    linkedin: '',
    instagram: '',
    website: '',
    city: '',
    point_person: null,
    introduced_by: null,
    legal_basis: '',
    legal_basis_on: '',
    legal_basis_source: '',
  };
}

function rowsOf(items: Labeled[]): LabeledRow[] {
  return items.length > 0 ? items.map((i) => ({ label: i.label, value: i.value })) : [emptyRow()];
}

export function formFromPerson(
  person: Person,
  linked: LinkedPeople = { point_person: null, introduced_by: null },
): PersonForm {
  // An id whose name we do not know still shows, as the id, rather than vanish on save.
  const choice = (id: string | null, ref: PersonRef | null): Choice | null =>
    id === null ? null : { id, name: ref?.id === id ? ref.name : id };
  return {
    first_name: person.first_name,
    last_name: person.last_name,
    emails: rowsOf(person.emails),
    phones: rowsOf(person.phones),
    organization: person.organization ?? '',
    tags: person.tags.join(', '),
    notes: person.notes,
    pronouns: person.pronouns ?? '',
    sectors: [...person.sectors],
    circles: [...person.circles],
    languages: person.languages.join(', '),
    linkedin: person.linkedin ?? '',
    instagram: person.instagram ?? '',
    website: person.website ?? '',
    city: person.city ?? '',
    point_person: choice(person.point_person_id, linked.point_person),
    introduced_by: choice(person.introduced_by_id, linked.introduced_by),
    legal_basis: person.legal_basis ?? '',
    legal_basis_on: person.legal_basis_on ?? '',
    legal_basis_source: person.legal_basis_source,
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

const pad = (n: number) => String(n).padStart(2, '0');

/** Today on the user's calendar, as YYYY-MM-DD: the day the core compares « Depuis le » with. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Every broken rule of the form at once, keyed by the form's own field names. */
export function validateForm(form: PersonForm, today: string = localToday()): FieldErrors {
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
  // A basis cannot be recorded ahead of time. The date input gives YYYY-MM-DD or nothing.
  if (form.legal_basis_on && form.legal_basis_on > today) {
    errors.legal_basis_on = { code: 'date_in_future', value: form.legal_basis_on };
  }
  if (tooLong(tidy(form.legal_basis_source), LIMITS.organization)) {
    errors.legal_basis_source = { code: 'too_long', max: LIMITS.organization };
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
  const orNull = (text: string) => tidy(text) || null;
  return {
    draft: {
      first_name: tidy(form.first_name),
      last_name: tidy(form.last_name),
      emails: emails.kept,
      phones: phones.kept,
      organization: organization || null,
      tags: parseTags(form.tags),
      notes: form.notes,
      pronouns: orNull(form.pronouns),
      sectors: [...form.sectors],
      circles: [...form.circles],
      languages: parseTags(form.languages),
      linkedin: orNull(form.linkedin),
      instagram: orNull(form.instagram),
      website: orNull(form.website),
      city: orNull(form.city),
      point_person_id: form.point_person?.id ?? null,
      introduced_by_id: form.introduced_by?.id ?? null,
      legal_basis: form.legal_basis || null,
      legal_basis_on: form.legal_basis_on || null,
      legal_basis_source: tidy(form.legal_basis_source),
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

const TEXT_FIELDS = [
  'last_name',
  'organization',
  'tags',
  'notes',
  'pronouns',
  'languages',
  'linkedin',
  'instagram',
  'website',
  'city',
  'legal_basis',
  'legal_basis_on',
  'legal_basis_source',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const isTextField = (field: string): field is TextField => (TEXT_FIELDS as readonly string[]).includes(field);

/** Backend field → the id of the control that edits it, when they differ. */
const CONTROLS: Record<string, string> = {
  first_name: 'first_name',
  sectors: 'sectors',
  circles: 'circles',
  point_person_id: 'point_person',
  introduced_by_id: 'introduced_by',
};
const ROW_FIELD = /^(emails|phones)\.(\d+)(\.label)?$/;

/** The id of the control that edits a field, or null when the form has no such control. */
export function controlId(field: string): string | null {
  if (isTextField(field)) return field;
  if (field in CONTROLS) return CONTROLS[field] ?? null;
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
    case 'sectors':
    case 'circles':
      return form[field].join(',');
    case 'point_person_id':
      return form.point_person?.id ?? '';
    case 'introduced_by_id':
      return form.introduced_by?.id ?? '';
  }
  if (isTextField(field)) return form[field];
  const match = ROW_FIELD.exec(field);
  if (!match) return undefined;
  const row = form[match[1] as 'emails' | 'phones'][Number(match[2])];
  return match[3] ? row?.label : row?.value;
}
