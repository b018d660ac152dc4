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
    await user.selectOptions(field('#sector'), 'Collectif');
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
      sector: 'collective',
      tags: ['école', 'mères'],
      notes: 'Rencontrée le 12.',
    });
    expect(onsaved.mock.calls[0]?.[0]).toMatchObject({ id: 'fake-1', first_name: 'Élodie' });
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
});
