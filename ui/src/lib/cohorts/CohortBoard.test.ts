import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import CohortBoard from './CohortBoard.svelte';
import { fakePeople, NEWCOMERS, sampleCohortsBackend } from './fake';

// Wednesday 20 May 2026, local time.
const TODAY = new Date(2026, 4, 20, 10, 0);
const FORMATION = 'cohort-formation-2026';

function setup(id = FORMATION, backend = sampleCohortsBackend()) {
  const user = userEvent.setup();
  const people = fakePeople([...NEWCOMERS, { id: 'p-awa', name: 'Awa Diallo' }]);
  const props = { backend, people, id, onopenperson: vi.fn(), onback: vi.fn(), today: TODAY };
  const setStage = vi.spyOn(backend, 'setStage');
  const removeMember = vi.spyOn(backend, 'removeMember');
  const findPeople = vi.spyOn(people, 'findPeople');
  render(CohortBoard, { props });
  return { user, setStage, removeMember, findPeople, ...props };
}

const column = (stage: string) => {
  const found = screen.getAllByTestId('stage-column').find((c) => c.dataset.stage === stage);
  if (!found) throw new Error(`no column ${stage}`);
  return within(found);
};
const names = (stage: string) => column(stage).queryAllByTestId('cohort-card').map((c) => within(c).getByRole('link').textContent);

describe('CohortBoard', () => {
  it('shows a column per stage, the way through first and the ways out apart, each with its counts', async () => {
    setup();
    await screen.findByRole('heading', { level: 1, name: 'Formation organisateurs 2026' });
    const board = screen.getByTestId('cohort-board');
    expect(board).toHaveTextContent('Programme : Formation au community organizing');
    expect(board).toHaveTextContent('Début le 12 janvier 2026');

    const stages = screen.getAllByTestId('stage-column').map((c) => c.dataset.stage);
    expect(stages).toEqual(['interested', 'applicant', 'accepted', 'certified', 'rejected', 'dropped']);
    const way = within(screen.getByRole('group', { name: 'Le parcours' }));
    expect(way.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Intéressé · 0',
      'Candidat · 0',
      'Retenu · 1',
      'Certifié · 9',
    ]);
    const exits = within(screen.getByRole('group', { name: 'Sorties du parcours' }));
    expect(exits.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Non retenu · 0', 'Abandon · 0']);

    expect(column('accepted').getByText('10 au total passés par là')).toBeInTheDocument();
    expect(column('certified').getByText('9 au total passés par là')).toBeInTheDocument();
    expect(column('rejected').getByText('0 au total passé par là')).toBeInTheDocument();
    expect(screen.getByTestId('cohort-summary')).toHaveTextContent('10 candidats, 10 retenus, 9 certifiés');
  });

  it('shows each person since when they stand there, and opens their page', async () => {
    const { user, onopenperson } = setup();
    await screen.findAllByTestId('stage-column');
    expect(names('accepted')).toEqual(['Aminata Koné']);
    const card = column('accepted').getByTestId('cohort-card');
    expect(card).toHaveTextContent('depuis le 2 février 2026');
    await user.click(within(card).getByRole('link', { name: 'Aminata Koné' }));
    expect(onopenperson).toHaveBeenCalledWith('p-aminata');
  });

  it('moves a person to the next stage on the date given, and the board follows', async () => {
    const { user, setStage } = setup();
    await screen.findAllByTestId('stage-column');
    await user.click(screen.getByRole('button', { name: 'Changer l\'étape de Aminata Koné' }));

    const form = within(screen.getByRole('form', { name: 'Nouvelle étape pour Aminata Koné' }));
    // The next step of the way, today, unless told otherwise.
    expect(form.getByLabelText('Étape')).toHaveValue('certified');
    expect(form.getByLabelText('Date')).toHaveValue('2026-05-20');
    await user.clear(form.getByLabelText('Date'));
    await user.type(form.getByLabelText('Date'), '2026-05-18');
    await user.click(form.getByRole('button', { name: 'Enregistrer' }));

    expect(setStage).toHaveBeenCalledWith(FORMATION, 'p-aminata', 'certified', '2026-05-18');
    await waitFor(() => expect(names('certified')).toContain('Aminata Koné'));
    expect(names('accepted')).toEqual([]);
    expect(column('certified').getByRole('heading', { level: 2 })).toHaveTextContent('Certifié · 10');
    expect(screen.getByTestId('cohort-summary')).toHaveTextContent('10 candidats, 10 retenus, 10 certifiés');
    const card = column('certified').getAllByTestId('cohort-card').find((c) => c.dataset.person === 'p-aminata')!;
    expect(card).toHaveTextContent('depuis le 18 mai 2026');
    // Focus follows the person to their new column, and the move is announced.
    expect(within(card).getByRole('link')).toHaveFocus();
    expect(screen.getByTestId('cohort-announcement')).toHaveTextContent('Aminata Koné : Certifié depuis le 18 mai 2026.');
  });

  it('moves a person with the keyboard alone, to any stage, and Escape closes the form', async () => {
    const { user, setStage } = setup();
    await screen.findAllByTestId('stage-column');
    const toggle = screen.getByRole('button', { name: 'Changer l\'étape de Awa Diallo' });
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Étape' })).toHaveFocus());
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();

    await user.keyboard('{Enter}');
    const form = within(screen.getByRole('form', { name: 'Nouvelle étape pour Awa Diallo' }));
    await user.selectOptions(form.getByLabelText('Étape'), 'Abandon');
    await user.click(form.getByLabelText('Date'));
    await user.keyboard('{Enter}');

    expect(setStage).toHaveBeenCalledWith(FORMATION, 'p-awa', 'dropped', '2026-05-20');
    await waitFor(() => expect(names('dropped')).toEqual(['Awa Diallo']));
    expect(column('dropped').getByRole('heading', { level: 2 })).toHaveTextContent('Abandon · 1');
    expect(screen.getByTestId('cohort-summary')).toHaveTextContent('10 candidats, 10 retenus, 9 certifiés, 1 abandon');
  });

  it('keeps the person where they were and says so when the move fails', async () => {
    const backend = sampleCohortsBackend();
    backend.failures.setStage = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    const { user } = setup(FORMATION, backend);
    await screen.findAllByTestId('stage-column');
    await user.click(screen.getByRole('button', { name: 'Changer l\'étape de Aminata Koné' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La nouvelle étape de Aminata Koné n\'a pas été enregistrée.');
    expect(names('accepted')).toEqual(['Aminata Koné']);
  });

  it('adds a person found by name, at « Intéressé » today, and suggests nobody already there', async () => {
    const { user, setStage, findPeople } = setup();
    await screen.findAllByTestId('stage-column');
    const picker = screen.getByRole('combobox', { name: 'Personne' });

    await user.type(picker, 'a');
    const options = within(screen.getByTestId('cohort-add-options'));
    await waitFor(() => expect(options.getAllByRole('option').map((o) => o.textContent?.trim())).toEqual(['Sarah Cohen', 'Yanis Belkacem']));
    expect(findPeople).toHaveBeenLastCalledWith('a', 8);

    await user.click(options.getByRole('option', { name: 'Sarah Cohen' }));
    expect(screen.getByLabelText('Étape d\'arrivée')).toHaveValue('interested');
    await user.click(screen.getByRole('button', { name: 'Ajouter à la cohorte' }));

    expect(setStage).toHaveBeenCalledWith(FORMATION, 'p-sarah', 'interested', '2026-05-20');
    await waitFor(() => expect(names('interested')).toEqual(['Sarah Cohen']));
    expect(column('interested').getByRole('heading', { level: 2 })).toHaveTextContent('Intéressé · 1');
    expect(screen.getByTestId('cohort-announcement')).toHaveTextContent('Sarah Cohen fait maintenant partie de la cohorte (Intéressé).');
    // The picker is empty again, ready for the next name.
    expect(screen.getByRole('combobox', { name: 'Personne' })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Personne' })).toHaveFocus();
  });

  it('adds a person at a chosen stage', async () => {
    const { user, setStage } = setup();
    await screen.findAllByTestId('stage-column');
    await user.type(screen.getByRole('combobox', { name: 'Personne' }), 'yan');
    await user.click(await screen.findByRole('option', { name: 'Yanis Belkacem' }));
    await user.selectOptions(screen.getByLabelText('Étape d\'arrivée'), 'Candidat');
    await user.click(screen.getByRole('button', { name: 'Ajouter à la cohorte' }));
    expect(setStage).toHaveBeenCalledWith(FORMATION, 'p-yanis', 'applicant', '2026-05-20');
    await waitFor(() => expect(names('applicant')).toEqual(['Yanis Belkacem']));
  });

  it('asks for a person before adding', async () => {
    const { user, setStage } = setup();
    await screen.findAllByTestId('stage-column');
    await user.click(screen.getByRole('button', { name: 'Ajouter à la cohorte' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choisissez d\'abord une personne dans la liste.');
    expect(setStage).not.toHaveBeenCalled();
  });

  it('removes a person after asking, and keeps them when the question is cancelled', async () => {
    const { user, removeMember } = setup();
    await screen.findAllByTestId('stage-column');

    await user.click(screen.getByRole('button', { name: 'Retirer Awa Diallo de la cohorte' }));
    expect(screen.getByRole('dialog', { name: 'Retirer Awa Diallo de la cohorte ?' })).toBeInTheDocument();
    await user.click(screen.getByTestId('cancel-remove-member'));
    expect(removeMember).not.toHaveBeenCalled();
    expect(names('certified')).toContain('Awa Diallo');

    await user.click(screen.getByRole('button', { name: 'Retirer Awa Diallo de la cohorte' }));
    await user.click(screen.getByTestId('confirm-remove-member'));
    expect(removeMember).toHaveBeenCalledWith(FORMATION, 'p-awa');
    await waitFor(() => expect(names('certified')).not.toContain('Awa Diallo'));
    expect(column('certified').getByRole('heading', { level: 2 })).toHaveTextContent('Certifié · 8');
    expect(screen.getByTestId('cohort-summary')).toHaveTextContent('9 candidats, 9 retenus, 8 certifiés');
    expect(screen.getByTestId('cohort-announcement')).toHaveTextContent('Awa Diallo ne fait plus partie de la cohorte.');
  });

  it('says why a removal failed, in the question', async () => {
    const backend = sampleCohortsBackend();
    backend.failures.removeMember = new ApiError({ kind: 'not_found', message: 'gone', field: null, problem: null });
    const { user } = setup(FORMATION, backend);
    await screen.findAllByTestId('stage-column');
    await user.click(screen.getByRole('button', { name: 'Retirer Awa Diallo de la cohorte' }));
    await user.click(screen.getByTestId('confirm-remove-member'));
    const dialog = within(screen.getByRole('dialog'));
    expect(await dialog.findByRole('alert')).toHaveTextContent('Le retrait de Awa Diallo n\'a pas abouti.');
  });

  it('writes the summary the way the association does, exits included', async () => {
    setup('cohort-bootcamp');
    expect(await screen.findByTestId('cohort-summary')).toHaveTextContent('3 candidats, 1 retenu, 1 non retenu');
    expect(names('rejected')).toEqual(['Julien Moreau']);
    expect(names('interested')).toEqual(['Karim Benali']);
  });

  it('goes back to the list, and offers to try again when the cohort cannot be loaded', async () => {
    const backend = sampleCohortsBackend();
    backend.failures.getCohort = new ApiError({ kind: 'storage', message: 'locked', field: null, problem: null });
    const { user, onback } = setup(FORMATION, backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('La cohorte n\'a pas pu être chargée.');
    delete backend.failures.getCohort;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Formation organisateurs 2026');
    await user.click(screen.getByRole('link', { name: /Toutes les cohortes/ }));
    expect(onback).toHaveBeenCalledOnce();
  });
});
