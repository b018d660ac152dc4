import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg, makePerson } from '../api/fake';
import { FakePrivacyBackend } from '../privacy/fake';
import ContactPage from './ContactPage.svelte';

const elodie = makePerson({
  id: 'p1',
  first_name: 'Élodie',
  last_name: 'Dupré',
  emails: [{ label: 'travail', value: 'elodie@example.org' }],
  phones: [{ label: 'portable', value: '06 12 34 56 78' }],
  organization: 'Mères solidaires',
  sectors: ['collective'],
  tags: ['école'],
  notes: 'Première ligne\n<b>pas du HTML</b>',
  created_at: '2026-11-25T17:02:00Z',
  updated_at: '2026-11-26T09:15:00Z',
});

function setup(fake = new FakeBackend([elodie]), privacy = new FakePrivacyBackend({ people: [{ id: 'p1', name: 'Élodie Dupré' }] })) {
  const props = { id: 'p1', onedit: vi.fn(), ondeleted: vi.fn(), onback: vi.fn(), privacy };
  const user = userEvent.setup();
  const remove = vi.spyOn(fake, 'deleteContact');
  const view = render(ContactPage, { props, context: backendContext(fake) });
  return { fake, privacy, props, user, remove, view };
}

describe('ContactPage', () => {
  it('shows the person with mail and phone links, tags and notes as plain text', async () => {
    const { view } = setup();

    expect(await screen.findByTestId('contact-name')).toHaveTextContent('Élodie Dupré');
    expect(screen.getByText('Mères solidaires')).toBeInTheDocument();
    expect(screen.getByTestId('contact-profile')).toHaveTextContent('Secteurs Collectif');
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

  it('shows the referral chain, memberships and conversations from the person page', async () => {
    const lea = makePerson({ id: 'lea', first_name: 'Léa', last_name: 'Rousseau' });
    const aicha = makePerson({ id: 'aicha', first_name: 'Aïcha', last_name: 'Benali', introduced_by_id: 'lea' });
    const awa = makePerson({ id: 'awa', first_name: 'Awa', last_name: 'Diallo', introduced_by_id: 'p1' });
    const fake = new FakeBackend({
      people: [{ ...elodie, introduced_by_id: 'aicha', point_person_id: 'lea', legal_basis: 'consent', legal_basis_on: '2026-10-12' }, lea, aicha, awa],
      orgs: [makeOrg({ id: 'o1', name: 'Mères solidaires de Bobigny' })],
      memberships: [
        { id: 'm1', person_id: 'p1', organization_id: 'o1', role: 'Porte-parole', since: '2025-03-01', until: null, leadership: true },
      ],
      interactions: [
        {
          id: 'i1',
          date: '2026-10-12',
          kind: 'one_to_one',
          people: ['p1'],
          team_member_id: 'lea',
          notes: 'À la sortie de l\'école.',
          one_to_one: { interests: 'La justice.', story: '', resources: '', commitment_asked: '', commitment_given: '' },
          suggested: [],
          created_at: '2026-10-12T16:00:00Z',
          updated_at: '2026-10-12T16:00:00Z',
        },
      ],
    });
    setup(fake);

    await screen.findByTestId('contact-name');
    expect(screen.getByTestId('introduced-by')).toHaveTextContent(
      'Présenté·e par Aïcha Benali, à son tour présenté·e par Léa Rousseau',
    );
    expect(screen.getByTestId('introduced')).toHaveTextContent('Awa Diallo');
    const row = screen.getByTestId('membership-row');
    expect(row).toHaveTextContent('Mères solidaires de Bobigny');
    expect(row).toHaveTextContent('Porte-parole');
    expect(row).toHaveTextContent('Équipe de leadership');
    expect(row).toHaveTextContent('depuis le 1 mars 2025');
    const interaction = screen.getByTestId('interaction-row');
    expect(interaction).toHaveTextContent('12 octobre 2026');
    expect(interaction).toHaveTextContent('One-to-one relationnel');
    expect(interaction).toHaveTextContent('Intérêts et valeurs La justice.');
    expect(interaction).toHaveTextContent('Mené par Léa Rousseau');
    expect(screen.getByTestId('contact-gdpr')).toHaveTextContent('Consentement');
  });

  it('shows the legal basis with its date and source, and edits it from there', async () => {
    const withBasis = { ...elodie, legal_basis: 'legitimate_interest' as const, legal_basis_on: '2026-03-12', legal_basis_source: 'formulaire papier' };
    const { props, user } = setup(new FakeBackend([withBasis]));

    const gdpr = await screen.findByTestId('contact-gdpr');
    expect(gdpr).toHaveTextContent('Base légale Intérêt légitime');
    expect(gdpr).toHaveTextContent('Depuis le 12 mars 2026');
    expect(gdpr).toHaveTextContent('Source formulaire papier');
    expect(screen.queryByTestId('legal-basis-missing')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Modifier la base légale' }));
    expect(props.onedit).toHaveBeenCalledWith('p1');
  });

  it('says calmly when no legal basis is recorded, with a way to record it', async () => {
    const { props, user } = setup();

    const missing = await screen.findByTestId('legal-basis-missing');
    expect(missing).toHaveTextContent('Base légale non renseignée');
    expect(screen.queryByTestId('contact-gdpr')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Renseigner la base légale' }));
    expect(props.onedit).toHaveBeenCalledWith('p1');
  });

  it('exports the person\'s data and names both files written in Downloads', async () => {
    const { privacy, user } = setup();
    const exportPerson = vi.spyOn(privacy, 'exportPerson');

    await user.click(await screen.findByRole('button', { name: 'Exporter les données de cette personne' }));

    expect(exportPerson).toHaveBeenCalledWith('p1');
    expect(await screen.findByTestId('gdpr-export-result')).toHaveTextContent(
      'Données exportées dans Téléchargements : flocon-donnees-elodie-dupre-2026-11-26.json et flocon-donnees-elodie-dupre-2026-11-26.html',
    );
    expect(screen.getByRole('status')).toHaveTextContent('flocon-donnees-elodie-dupre-2026-11-26.json');
  });

  it('says in French why an export failed', async () => {
    const { privacy, user } = setup();
    privacy.failNext('exportPerson', { kind: 'storage', message: 'permission denied' });

    await user.click(await screen.findByTestId('gdpr-export'));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'L\'export n\'a pas abouti : Flocon n\'arrive pas à lire ou à écrire ses données : permission denied',
    );
    expect(screen.getByTestId('gdpr-export')).toBeEnabled();
  });

  it('after a GDPR erasure, reports who was erased and how many notes mention them', async () => {
    const fake = new FakeBackend([elodie]);
    const privacy = new FakePrivacyBackend({
      people: [{ id: 'p1', name: 'Élodie Dupré' }],
      mentions: { p1: [{ kind: 'event', id: 'e1', title: 'Soirée' }, { kind: 'interaction', id: 'i1', title: '2026-03-02 call' }] },
    });
    const onerased = vi.fn();
    const user = userEvent.setup();
    const props = { id: 'p1', onedit: vi.fn(), ondeleted: vi.fn(), onback: vi.fn(), privacy, onerased };
    render(ContactPage, { props, context: backendContext(fake) });

    await user.click(await screen.findByRole('button', { name: 'Effacer cette personne (RGPD)' }));
    await user.type(screen.getByTestId('gdpr-erase-name'), 'elodie dupre');
    await user.click(screen.getByTestId('confirm-gdpr-erase'));

    await waitFor(() =>
      expect(onerased).toHaveBeenCalledWith(
        'Élodie Dupré : données effacées. 2 notes mentionnent cette personne : à relire dans la rubrique RGPD.',
      ),
    );
    expect(props.ondeleted).not.toHaveBeenCalled();
  });
});
