import { describe, expect, it } from 'vitest';
import {
  controlId,
  emptyForm,
  fieldValue,
  formField,
  formFromPerson,
  isValidEmail,
  isValidPhone,
  parseTags,
  tidyDraft,
  validateForm,
  type PersonForm,
} from './draft';
import { makePerson } from '../api/fake';

function form(fields: Partial<PersonForm>): PersonForm {
  return { ...emptyForm(), ...fields };
}

describe('the client-side rules mirror the backend', () => {
  it('accepts and refuses the same email addresses as the Rust tests', () => {
    for (const ok of ['elodie@example.org', "jean-luc.o'neil+flocon@asso-quartiers.fr", 'a@b.co']) {
      expect(isValidEmail(ok), ok).toBe(true);
    }
    for (const bad of [
      '',
      'elodie',
      '@example.org',
      'elodie@',
      'elodie@example',
      'elodie@@example.org',
      'élodie@example.org',
      'elodie@exa mple.org',
      'elodie@-example.org',
      'elodie@example..org',
    ]) {
      expect(isValidEmail(bad), bad).toBe(false);
    }
  });

  it('accepts and refuses the same phone numbers as the Rust tests', () => {
    for (const ok of ['06 12 34 56 78', '+33 6 12 34 56 78', '01.23.45.67.89', 'tel:+33612345678', '(0)1 23']) {
      expect(isValidPhone(ok), ok).toBe(true);
    }
    for (const bad of ['', '12', 'appelle-moi', '06 12 34 56 78 poste 4']) {
      expect(isValidPhone(bad), bad).toBe(false);
    }
  });

  it('requires a first or a last name, reported on first_name', () => {
    expect(validateForm(form({ first_name: '  ' }))).toEqual({ first_name: { code: 'name_required' } });
    expect(validateForm(form({ last_name: 'Dupré' }))).toEqual({});
  });

  it('limits names to 200 characters, counted as characters not bytes', () => {
    expect(validateForm(form({ first_name: 'é'.repeat(200) }))).toEqual({});
    expect(validateForm(form({ last_name: 'é'.repeat(201), first_name: 'A' }))).toEqual({
      last_name: { code: 'too_long', max: 200 },
    });
  });

  it('refuses a legal basis date after today, and accepts today or before', () => {
    expect(validateForm(form({ last_name: 'Dupré', legal_basis_on: '2026-11-27' }), '2026-11-26')).toEqual({
      legal_basis_on: { code: 'date_in_future', value: '2026-11-27' },
    });
    expect(validateForm(form({ last_name: 'Dupré', legal_basis_on: '2026-11-26' }), '2026-11-26')).toEqual({});
    expect(validateForm(form({ last_name: 'Dupré', legal_basis_on: '2019-03-12' }), '2026-11-26')).toEqual({});
  });

  it('names each bad row by its position and ignores empty rows', () => {
    const errors = validateForm(
      form({
        first_name: 'Awa',
        emails: [{ label: '', value: '' }, { label: '', value: ' nope ' }],
        phones: [{ label: '', value: '12' }],
      }),
    );
    expect(errors).toEqual({
      'emails.1': { code: 'invalid_email', value: 'nope' },
      'phones.0': { code: 'invalid_phone', value: '12' },
    });
  });
});

describe('the draft sent to the backend', () => {
  it('is tidy: names collapsed, empty rows dropped, tags split, blanks as null', () => {
    const { draft, origins } = tidyDraft(
      form({
        first_name: '  Jean   Luc ',
        last_name: ' Le Goff ',
        emails: [{ label: '', value: ' ' }, { label: ' perso ', value: ' jl@example.org ' }],
        phones: [{ label: '', value: '' }],
        organization: '   ',
        pronouns: ' iel ',
        languages: 'français, Arabe, francais',
        legal_basis_on: '2026-10-12',
        legal_basis_source: '  formulaire   papier ',
        point_person: { id: 'lea', name: 'Léa Rousseau' },
        tags: 'école, , Mères,ecole ',
        notes: 'Une note\n',
      }),
    );
    expect(draft).toEqual({
      first_name: 'Jean Luc',
      last_name: 'Le Goff',
      emails: [{ label: 'perso', value: 'jl@example.org' }],
      phones: [],
      organization: null,
      tags: ['école', 'Mères'],
      notes: 'Une note\n',
      pronouns: 'iel',
      sectors: [],
      circles: [],
      languages: ['français', 'Arabe'],
      linkedin: null,
      instagram: null,
      website: null,
      city: null,
      point_person_id: 'lea',
      introduced_by_id: null,
      legal_basis: null,
      legal_basis_on: '2026-10-12',
      legal_basis_source: 'formulaire papier',
    });
    expect(origins).toEqual({ emails: [1], phones: [] });
  });

  it('maps a backend row number back to the form row it came from', () => {
    const origins = { emails: [1, 3], phones: [0] };
    expect(formField('emails.1', origins)).toBe('emails.3');
    expect(formField('emails.0.label', origins)).toBe('emails.1.label');
    expect(formField('phones.0', origins)).toBe('phones.0');
    expect(formField('first_name', origins)).toBe('first_name');
  });
});

describe('form helpers', () => {
  it('parses tags once each, whatever their accents and case', () => {
    expect(parseTags('Climat,  climat , CLIMAT, quartiers')).toEqual(['Climat', 'quartiers']);
  });

  it('gives an edited person at least one row to type into', () => {
    const f = formFromPerson(makePerson({ id: 'x', first_name: 'Awa', tags: ['a', 'b'] }));
    expect(f.emails).toEqual([{ label: '', value: '' }]);
    expect(f.tags).toBe('a, b');
  });

  it('finds the control of each field the backend can name', () => {
    expect(controlId('emails.2')).toBe('email-2');
    expect(controlId('phones.0.label')).toBe('phone-label-0');
    expect(controlId('notes')).toBe('notes');
    expect(controlId('sectors')).toBe('sectors');
    expect(controlId('point_person_id')).toBe('point_person');
    expect(controlId('introduced_by_id')).toBe('introduced_by');
    expect(controlId('legal_basis_on')).toBe('legal_basis_on');
    expect(controlId('legal_basis_source')).toBe('legal_basis_source');
    expect(controlId('people.3.emails.0')).toBeNull();
  });

  it('reads the value of a row field, and both names for first_name', () => {
    const f = form({ first_name: 'A', last_name: 'B', emails: [{ label: 'l', value: 'v' }] });
    expect(fieldValue(f, 'emails.0')).toBe('v');
    expect(fieldValue(f, 'emails.0.label')).toBe('l');
    expect(fieldValue(f, 'first_name')).toBe('A\nB');
  });
});
