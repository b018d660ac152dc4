import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ErasePersonButton from './ErasePersonButton.svelte';
import { FakePrivacyBackend } from './fake';

const mention = { kind: 'event', id: 'e1', title: 'Soirée des parents' };

function setup() {
  const backend = new FakePrivacyBackend({
    people: [{ id: 'p1', name: 'Élodie Dupré' }],
    mentions: { p1: [mention] },
  });
  const erase = vi.spyOn(backend, 'erasePerson');
  const onerased = vi.fn();
  const user = userEvent.setup();
  render(ErasePersonButton, { props: { backend, personId: 'p1', name: 'Élodie Dupré', onerased } });
  return { backend, erase, onerased, user };
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Effacer cette personne (RGPD)' }));
  return screen.getByRole('dialog', { name: 'Effacer définitivement Élodie Dupré ?' });
}

describe('ErasePersonButton', () => {
  it('explains what the erasure does before anything happens', async () => {
    const { erase, user } = setup();
    const dialog = await openDialog(user);

    expect(dialog).toHaveTextContent('de cet ordinateur tout de suite, des autres ordinateurs de l\'équipe à leur prochaine synchronisation, et du dossier partagé');
    expect(dialog).toHaveTextContent('rien ne passe par la corbeille');
    expect(dialog).toHaveTextContent('exportez-les d\'abord');
    expect(dialog).toHaveTextContent('listées dans la rubrique RGPD pour être relues');
    expect(erase).not.toHaveBeenCalled();
  });

  it('keeps the confirm button disabled until the full name is typed, accents and case ignored', async () => {
    const { erase, user } = setup();
    const dialog = await openDialog(user);
    const confirm = within(dialog).getByTestId('confirm-gdpr-erase');
    const field = within(dialog).getByLabelText('Pour confirmer, tapez son nom complet : Élodie Dupré');

    expect(confirm).toBeDisabled();
    await user.type(field, 'elodie{Enter}');
    expect(confirm).toBeDisabled();
    expect(erase).not.toHaveBeenCalled();
    await user.clear(field);
    await user.type(field, 'Elodie Dupreé');
    expect(confirm).toBeDisabled();
    await user.clear(field);
    await user.type(field, '  ELODIE   dupre ');
    expect(confirm).toBeEnabled();
  });

  it('calls nothing when cancelled', async () => {
    const { erase, onerased, user } = setup();
    const dialog = await openDialog(user);
    await user.type(within(dialog).getByTestId('gdpr-erase-name'), 'Élodie Dupré');

    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(erase).not.toHaveBeenCalled();
    expect(onerased).not.toHaveBeenCalled();
  });

  it('erases once when confirmed and hands the report over', async () => {
    const { erase, onerased, user } = setup();
    const dialog = await openDialog(user);
    await user.type(within(dialog).getByTestId('gdpr-erase-name'), 'élodie dupré');

    await user.click(within(dialog).getByRole('button', { name: 'Effacer définitivement' }));

    await waitFor(() => expect(onerased).toHaveBeenCalledTimes(1));
    expect(erase).toHaveBeenCalledTimes(1);
    expect(erase).toHaveBeenCalledWith('p1');
    expect(onerased.mock.calls[0]?.[0]).toMatchObject({ person_id: 'p1', flagged: [mention] });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says in French why the erasure failed, keeps the dialog open and lets the user try again', async () => {
    const { backend, erase, onerased, user } = setup();
    backend.failNext('erasePerson', { kind: 'storage', message: 'disk full' });
    const dialog = await openDialog(user);
    await user.type(within(dialog).getByTestId('gdpr-erase-name'), 'Élodie Dupré');

    await user.click(within(dialog).getByTestId('confirm-gdpr-erase'));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'L\'effacement n\'a pas abouti : Flocon n\'arrive pas à lire ou à écrire ses données : disk full',
    );
    expect(onerased).not.toHaveBeenCalled();
    expect(within(dialog).getByTestId('confirm-gdpr-erase')).toBeEnabled();

    await user.click(within(dialog).getByTestId('confirm-gdpr-erase'));
    await waitFor(() => expect(onerased).toHaveBeenCalledTimes(1));
    expect(erase).toHaveBeenCalledTimes(2);
  });
});
