import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import ContactPage from './ContactPage.svelte';

const elodie = makePerson({
  id: 'p1',
  first_name: 'Élodie',
  last_name: 'Dupré',
  emails: [{ label: 'travail', value: 'elodie@example.org' }],
  phones: [{ label: 'portable', value: '06 12 34 56 78' }],
  organization: 'Mères solidaires',
  sector: 'collective',
  tags: ['école'],
  notes: 'Première ligne\n<b>pas du HTML</b>',
  created_at: '2026-11-25T17:02:00Z',
  updated_at: '2026-11-26T09:15:00Z',
});

function setup(fake = new FakeBackend([elodie])) {
  const props = { id: 'p1', onedit: vi.fn(), ondeleted: vi.fn(), onback: vi.fn() };
  const user = userEvent.setup();
  const remove = vi.spyOn(fake, 'deleteContact');
  const view = render(ContactPage, { props, context: backendContext(fake) });
  return { fake, props, user, remove, view };
}

describe('ContactPage', () => {
  it('shows the person with mail and phone links, tags and notes as plain text', async () => {
    const { view } = setup();

    expect(await screen.findByTestId('contact-name')).toHaveTextContent('Élodie Dupré');
    expect(screen.getByText('Mères solidaires · Collectif')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'elodie@example.org' })).toHaveAttribute(
      'href',
      'mailto:elodie@example.org',
    );
    expect(screen.getByRole('link', { name: '06 12 34 56 78' })).toHaveAttribute('href', 'tel:0612345678');
    expect(screen.getByText('portable')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Étiquettes' })).toHaveTextContent('école');

    const notes = screen.getByTestId('contact-notes');
    expect(notes.textContent).toBe('Première ligne\n<b>pas du HTML</b>');
    expect(view.container.querySelector('b')).toBeNull();
    expect(screen.getByText(/^Créé le 25 novembre 2026 à \d\d:02$/)).toBeInTheDocument();
  });

  it('goes to the form with Modifier', async () => {
    const { props, user } = setup();
    await user.click(await screen.findByTestId('edit-contact'));
    expect(props.onedit).toHaveBeenCalledWith('p1');
  });

  it('asks before deleting; Annuler keeps the contact', async () => {
    const { fake, remove, props, user } = setup();
    await user.click(await screen.findByTestId('delete-contact'));

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toHaveAccessibleName('Supprimer Élodie Dupré ?');
    expect(dialog).toHaveAccessibleDescription('Cette action est définitive.');

    await user.click(screen.getByRole('button', { name: 'Annuler' }));

    expect(dialog).not.toHaveAttribute('open');
    expect(remove).not.toHaveBeenCalled();
    expect(props.ondeleted).not.toHaveBeenCalled();
    expect(fake.people).toHaveLength(1);
    expect(screen.getByTestId('delete-contact')).toHaveFocus();
  });

  it('treats Escape (the dialog cancel event) as Annuler', async () => {
    const { remove, user } = setup();
    await user.click(await screen.findByTestId('delete-contact'));
    const dialog = screen.getByRole('dialog');

    await fireEvent(dialog, new Event('cancel', { cancelable: true }));

    expect(dialog).not.toHaveAttribute('open');
    expect(remove).not.toHaveBeenCalled();
  });

  it('deletes on confirmation and reports the name', async () => {
    const { fake, remove, props, user } = setup();
    await user.click(await screen.findByTestId('delete-contact'));
    await user.click(screen.getByTestId('confirm-delete'));

    await waitFor(() => expect(props.ondeleted).toHaveBeenCalledWith('Élodie Dupré'));
    expect(remove).toHaveBeenCalledWith('p1');
    expect(fake.people).toEqual([]);
  });

  it('keeps the dialog open with the reason when the deletion fails', async () => {
    const fake = new FakeBackend([elodie]);
    fake.failNext('deleteContact', { kind: 'not_found', message: 'gone' });
    const { props, user } = setup(fake);
    await user.click(await screen.findByTestId('delete-contact'));
    await user.click(screen.getByTestId('confirm-delete'));

    expect(await screen.findByRole('alert')).toHaveTextContent('Ce contact n\'existe plus.');
    expect(screen.getByRole('dialog')).toHaveAttribute('open');
    expect(props.ondeleted).not.toHaveBeenCalled();
  });

  it('says so when the contact no longer exists', async () => {
    setup(new FakeBackend([]));
    expect(await screen.findByRole('alert')).toHaveTextContent('Ce contact n\'existe plus.');
  });
});
