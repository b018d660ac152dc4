import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import ContactForm from './ContactForm.svelte';

function setup(options: { person?: ReturnType<typeof makePerson>; fake?: FakeBackend } = {}) {
  const fake = options.fake ?? new FakeBackend();
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  const user = userEvent.setup();
  const view = render(ContactForm, {
    props: { person: options.person ?? null, onsaved, oncancel },
    context: backendContext(fake),
  });
  const field = (selector: string) => {
    const element = view.container.querySelector<HTMLInputElement>(selector);
    if (!element) throw new Error(`no ${selector}`);
    return element;
  };
  const fieldError = (name: string) => view.container.querySelector(`[data-field-error="${name}"]`);
  return { fake, onsaved, oncancel, user, field, fieldError };
}

describe('ContactForm', () => {
  it('shows the French message under an invalid email and does not call create', async () => {
    const { fake, user, field, fieldError } = setup();
    const create = vi.spyOn(fake, 'createContact');

    await user.type(field('#first_name'), 'Élodie');
    await user.type(field('#email-0'), 'elodie@');
    await user.click(screen.getByTestId('save-contact'));

    expect(fieldError('emails.0')).toHaveTextContent('« elodie@ » n\'est pas une adresse e-mail valide.');
    expect(field('#email-0')).toHaveAttribute('aria-invalid', 'true');
    expect(field('#email-0')).toHaveAccessibleDescription('« elodie@ » n\'est pas une adresse e-mail valide.');
    expect(field('#email-0')).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
  });

  it('updates the message as the user fixes the field', async () => {
    const { user, field, fieldError } = setup();

    await user.click(screen.getByTestId('save-contact'));
    expect(fieldError('first_name')).toHaveTextContent('Indiquez au moins un prénom ou un nom.');

    await user.type(field('#last_name'), 'Dupré');
    expect(fieldError('first_name')).toBeNull();
    expect(field('#first_name')).not.toHaveAttribute('aria-invalid');
  });

  it('does not show errors before the first submit', async () => {
    const { user, field, fieldError } = setup();
    await user.type(field('#email-0'), 'pas-une-adresse');
    expect(fieldError('emails.0')).toBeNull();
  });

  it('shows a backend field error beside the form row it names, until that field changes', async () => {
    const { fake, user, field, fieldError, onsaved } = setup();
    // The backend counts rows of the tidy draft: its `emails.0` is the form's second row,
    // because the first one is left empty.
    fake.failNext('createContact', {
      kind: 'invalid',
      field: 'emails.0',
      problem: { code: 'invalid_email', value: 'awa@example.org' },
    });

    await user.type(field('#first_name'), 'Awa');
    await user.click(screen.getByRole('button', { name: 'Ajouter un e-mail' }));
    await user.type(field('#email-1'), 'awa@example.org');
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() =>
      expect(fieldError('emails.1')).toHaveTextContent('« awa@example.org » n\'est pas une adresse e-mail valide.'),
    );
    expect(fieldError('emails.0')).toBeNull();
    expect(field('#email-1')).toHaveAttribute('aria-invalid', 'true');
    expect(onsaved).not.toHaveBeenCalled();

    await user.type(field('#email-1'), 'x');
    expect(fieldError('emails.1')).toBeNull();
  });

  it('sends a tidy draft to create and hands the saved contact back', async () => {
    const { fake, user, field, onsaved } = setup();
    const create = vi.spyOn(fake, 'createContact');

    await user.type(field('#first_name'), '  Élodie ');
    await user.type(field('#last_name'), 'Dupré');
    await user.type(field('#email-label-0'), 'travail');
    await user.type(field('#email-0'), ' elodie@example.org ');
    await user.type(field('#phone-0'), '06 12 34 56 78');
    await user.type(field('#organization'), 'Mères solidaires');
    await user.click(field('input[name=sectors][value=collective]'));
    await user.click(field('input[name=sectors][value=research]'));
    await user.click(field('input[name=circles][value=pro]'));
    await user.type(field('#city'), ' Bobigny ');
    await user.type(field('#languages'), 'français, arabe');
    await user.selectOptions(field('#legal_basis'), 'Consentement');
    await user.type(field('#tags'), 'école, mères,, école');
    await user.type(field('#notes'), 'Rencontrée le 12.');
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({
      first_name: 'Élodie',
      last_name: 'Dupré',
      emails: [{ label: 'travail', value: 'elodie@example.org' }],
      phones: [{ label: '', value: '06 12 34 56 78' }],
      organization: 'Mères solidaires',
      tags: ['école', 'mères'],
      notes: 'Rencontrée le 12.',
      pronouns: null,
      sectors: ['research', 'collective'],
      circles: ['pro'],
      languages: ['français', 'arabe'],
      linkedin: null,
      instagram: null,
      website: null,
      city: 'Bobigny',
      point_person_id: null,
      introduced_by_id: null,
      legal_basis: 'consent',
      legal_basis_on: null,
      legal_basis_source: '',
    });
    expect(onsaved.mock.calls[0]?.[0]).toMatchObject({ id: 'fake-1', first_name: 'Élodie' });
  });

  it('sends the legal basis, its date and its source in the draft, and reads them back to edit', async () => {
    const { fake, user, field, onsaved } = setup();
    const create = vi.spyOn(fake, 'createContact');

    expect(screen.getByRole('region', { name: 'Base légale (RGPD)' })).toBeInTheDocument();
    expect(field('#legal_basis_source')).toHaveAttribute('placeholder', 'ex. formulaire papier, soirée du 12 mars');
    await user.type(field('#first_name'), 'Awa');
    await user.selectOptions(field('#legal_basis'), 'Intérêt légitime');
    await user.type(field('#legal_basis_on'), '2026-03-12');
    await user.type(field('#legal_basis_source'), ' formulaire papier, soirée du 12 mars ');
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({
        legal_basis: 'legitimate_interest',
        legal_basis_on: '2026-03-12',
        legal_basis_source: 'formulaire papier, soirée du 12 mars',
      }),
    );
  });

  it('offers the four legal bases after « non renseignée », and shows the recorded one', () => {
    const awa = makePerson({ id: 'awa', first_name: 'Awa', legal_basis: 'contract', legal_basis_on: '2025-01-02', legal_basis_source: 'adhésion' });
    const { field } = setup({ person: awa });
    const options = Array.from(field('#legal_basis').querySelectorAll('option')).map((o) => o.textContent?.trim());
    expect(options).toEqual(['— non renseignée —', 'Consentement', 'Intérêt légitime', 'Contrat', 'Obligation légale']);
    expect(field('#legal_basis')).toHaveValue('contract');
    expect(field('#legal_basis_on')).toHaveValue('2025-01-02');
    expect(field('#legal_basis_source')).toHaveValue('adhésion');
  });

  it('refuses a « Depuis le » in the future beside the field, without calling the core', async () => {
    const { fake, user, field, fieldError } = setup();
    const create = vi.spyOn(fake, 'createContact');
    await user.type(field('#first_name'), 'Awa');
    await user.type(field('#legal_basis_on'), '2999-01-01');
    await user.click(screen.getByTestId('save-contact'));

    expect(fieldError('legal_basis_on')).toHaveTextContent('La date ne peut pas être dans le futur (1 janvier 2999).');
    expect(field('#legal_basis_on')).toHaveAttribute('aria-invalid', 'true');
    expect(field('#legal_basis_on')).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
  });

  it('shows the core\'s refusal of the legal basis date beside that field, until it changes', async () => {
    const { fake, user, field, fieldError, onsaved } = setup();
    await user.type(field('#first_name'), 'Awa');
    await user.type(field('#legal_basis_on'), '2026-03-12');
    // The core's calendar may already be tomorrow's: it has the last word.
    fake.failNext('createContact', {
      kind: 'invalid',
      field: 'legal_basis_on',
      problem: { code: 'date_in_future', value: '2026-03-12' },
    });
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() =>
      expect(fieldError('legal_basis_on')).toHaveTextContent('La date ne peut pas être dans le futur (12 mars 2026).'),
    );
    expect(field('#legal_basis_on')).toHaveAttribute('aria-invalid', 'true');
    expect(field('#legal_basis_on')).toHaveAccessibleDescription('La date ne peut pas être dans le futur (12 mars 2026).');
    expect(onsaved).not.toHaveBeenCalled();

    await user.clear(field('#legal_basis_on'));
    expect(fieldError('legal_basis_on')).toBeNull();
  });

  it('saves with Ctrl+Enter and cancels with Escape', async () => {
    const { fake, user, field, onsaved, oncancel } = setup();
    const create = vi.spyOn(fake, 'createContact');

    await user.type(field('#first_name'), 'Awa');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledOnce();

    await user.keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('cancels with the Annuler button without saving', async () => {
    const { fake, user, oncancel } = setup();
    const create = vi.spyOn(fake, 'createContact');
    await user.click(screen.getByTestId('cancel-edit'));
    expect(oncancel).toHaveBeenCalledOnce();
    expect(create).not.toHaveBeenCalled();
  });

  it('edits an existing contact: fields prefilled, update called with its id', async () => {
    const person = makePerson({
      id: 'p1',
      first_name: 'Karim',
      last_name: 'Benali',
      emails: [{ label: 'perso', value: 'karim@example.net' }],
      tags: ['financeur'],
    });
    const fake = new FakeBackend([person]);
    const update = vi.spyOn(fake, 'updateContact');
    const { user, field, onsaved } = setup({ person, fake });

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Modifier Karim Benali');
    expect(field('#email-0')).toHaveValue('karim@example.net');
    expect(field('#tags')).toHaveValue('financeur');

    await user.clear(field('#last_name'));
    await user.type(field('#last_name'), 'Benali-Roux');
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(update).toHaveBeenCalledWith('p1', expect.objectContaining({ last_name: 'Benali-Roux', tags: ['financeur'] }));
  });

  it('removes an email row', async () => {
    const person = makePerson({
      id: 'p1',
      first_name: 'Karim',
      emails: [
        { label: '', value: 'a@example.net' },
        { label: '', value: 'b@example.net' },
      ],
    });
    const fake = new FakeBackend([person]);
    const update = vi.spyOn(fake, 'updateContact');
    const { user, onsaved } = setup({ person, fake });

    await user.click(screen.getByRole('button', { name: 'Retirer l\'e-mail 1' }));
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(update.mock.calls[0]?.[1].emails).toEqual([{ label: '', value: 'b@example.net' }]);
  });

  it('shows a failure that names no field above the buttons, in French', async () => {
    const { fake, user, field, onsaved } = setup();
    fake.failNext('createContact', { kind: 'storage', message: 'disk full' });

    await user.type(field('#first_name'), 'Awa');
    await user.click(screen.getByTestId('save-contact'));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Flocon n\'arrive pas à lire ou à écrire ses données : disk full',
    );
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('shows backend errors on the new fields: sectors, introduced by, legal basis date', async () => {
    const { fake, user, field, fieldError } = setup();
    await user.type(field('#first_name'), 'Awa');
    await user.click(field('input[name=sectors][value=ngo]'));
    fake.failNext('createContact', {
      kind: 'invalid',
      field: 'sectors',
      problem: { code: 'unknown_value', value: 'ong', expected: 'a sector' },
    });
    await user.click(screen.getByTestId('save-contact'));
    await waitFor(() =>
      expect(fieldError('sectors')).toHaveTextContent('« ong » n\'est pas une valeur acceptée (attendu : a sector).'),
    );
    expect(field('input[name=sectors][value=research]')).toHaveFocus();

    fake.failNext('createContact', { kind: 'invalid', field: 'introduced_by_id', problem: { code: 'self_reference' } });
    await user.click(screen.getByTestId('save-contact'));
    await waitFor(() =>
      expect(fieldError('introduced_by_id')).toHaveTextContent('Une personne ne peut pas être sa propre référence.'),
    );
    expect(fieldError('sectors')).toBeNull();
    expect(field('#introduced_by')).toHaveAttribute('aria-invalid', 'true');

    await user.type(field('#legal_basis_on'), '2026-10-12');
    fake.failNext('createContact', { kind: 'invalid', field: 'legal_basis_on', problem: { code: 'invalid_date', value: '2026-10-12' } });
    await user.click(screen.getByTestId('save-contact'));
    await waitFor(() => expect(fieldError('legal_basis_on')).toHaveTextContent('« 2026-10-12 » n\'est pas une date valide.'));
  });

  it('edits the point person with the person picker, shown by name', async () => {
    const lea = makePerson({ id: 'lea', first_name: 'Léa', last_name: 'Rousseau' });
    const awa = makePerson({ id: 'awa', first_name: 'Awa', last_name: 'Diallo', point_person_id: 'lea', circles: ['community'] });
    const fake = new FakeBackend([lea, awa, makePerson({ id: 'karim', first_name: 'Karim', last_name: 'Benali' })]);
    const update = vi.spyOn(fake, 'updateContact');
    const user = userEvent.setup();
    const view = render(ContactForm, {
      props: { person: awa, linked: { point_person: { id: 'lea', name: 'Léa Rousseau' }, introduced_by: null }, onsaved: vi.fn(), oncancel: vi.fn() },
      context: backendContext(fake),
    });
    const input = view.container.querySelector<HTMLInputElement>('#point_person')!;
    expect(input).toHaveValue('Léa Rousseau');
    expect(view.container.querySelector('input[name=circles][value=community]')).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Effacer : Personne référente' }));
    await user.type(input, 'kar');
    await waitFor(() => expect(input).toHaveAttribute('aria-activedescendant'));
    await user.keyboard('{Enter}');
    // Enter picked the person: it did not submit the form.
    expect(update).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('save-contact'));

    await waitFor(() => expect(update).toHaveBeenCalledWith('awa', expect.objectContaining({ point_person_id: 'karim', circles: ['community'] })));
  });
});
