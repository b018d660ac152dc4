import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import CohortsScreen from './CohortsScreen.svelte';
import { FakeCohortsBackend, FORMATION_PROGRAMME, sampleCohortsBackend } from './fake';

function setup(backend = sampleCohortsBackend()) {
  const user = userEvent.setup();
  const onopencohort = vi.fn();
  const create = vi.spyOn(backend, 'createCohort');
  render(CohortsScreen, { props: { backend, onopencohort } });
  return { user, backend, onopencohort, create };
}

describe('CohortsScreen', () => {
  it('lists every cohort with its programme, its start in French and its number of people', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Cohortes');
    const rows = await screen.findAllByTestId('cohort-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('Formation organisateurs 2026');
    expect(rows[1]).toHaveTextContent('Formation au community organizing');
    expect(rows[1]).toHaveTextContent('Début le 12 janvier 2026');
    expect(rows[1]).toHaveTextContent('10 personnes');
    expect(rows[0]).toHaveTextContent('Leadership Bootcamp — printemps 2026');
    expect(rows[0]).toHaveTextContent('4 personnes');
  });

  it('opens a cohort from its name', async () => {
    const { user, onopencohort } = setup();
    const list = within(await screen.findByTestId('cohorts-list'));
    await user.click(list.getByRole('link', { name: 'Formation organisateurs 2026' }));
    expect(onopencohort).toHaveBeenCalledWith('cohort-formation-2026');
  });

  it('creates a cohort in a programme already used, then opens it', async () => {
    const { user, backend, create, onopencohort } = setup();
    await screen.findAllByTestId('cohort-row');
    const form = within(screen.getByTestId('cohort-form'));
    expect(form.getByRole('heading', { name: 'Nouvelle cohorte' })).toBeInTheDocument();

    // The programmes already used are offered while typing.
    const programme = form.getByLabelText('Programme');
    const suggestions = document.getElementById(programme.getAttribute('list') ?? '');
    expect([...(suggestions?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual([
      'Formation au community organizing',
      'Leadership Bootcamp',
    ]);

    await user.type(form.getByLabelText('Nom'), 'Formation organisateurs 2027');
    await user.type(programme, 'formation au COMMUNITY organizing');
    await user.type(form.getByLabelText('Début (facultatif)'), '2027-01-11');
    await user.click(form.getByRole('button', { name: 'Créer la cohorte' }));

    expect(create).toHaveBeenCalledWith({
      name: 'Formation organisateurs 2027',
      programme: 'formation au COMMUNITY organizing',
      starts_on: '2027-01-11',
    });
    await waitFor(() => expect(onopencohort).toHaveBeenCalledOnce());
    const created = backend.cohorts[0]!;
    expect(onopencohort).toHaveBeenCalledWith(created.id);
    expect(created.programme).toEqual(FORMATION_PROGRAMME);
  });

  it('leaves the start date out when none is given', async () => {
    const { user, create } = setup();
    const form = within(screen.getByTestId('cohort-form'));
    await user.type(form.getByLabelText('Nom'), 'Bootcamp automne');
    await user.type(form.getByLabelText('Programme'), 'Leadership Bootcamp');
    await user.click(form.getByRole('button', { name: 'Créer la cohorte' }));
    expect(create).toHaveBeenCalledWith({ name: 'Bootcamp automne', programme: 'Leadership Bootcamp', starts_on: null });
  });

  it('says in French, beside the field, what is missing, and opens nothing', async () => {
    const { user, onopencohort } = setup();
    const form = within(screen.getByTestId('cohort-form'));
    await user.type(form.getByLabelText('Programme'), 'Leadership Bootcamp');
    await user.click(form.getByRole('button', { name: 'Créer la cohorte' }));

    const name = form.getByLabelText('Nom');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription('Ce champ est obligatoire.');
    await waitFor(() => expect(name).toHaveFocus());
    expect(onopencohort).not.toHaveBeenCalled();
  });

  it('shows a refusal that names no field above the button', async () => {
    const backend = sampleCohortsBackend();
    backend.failures.createCohort = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    const { user } = setup(backend);
    const form = within(screen.getByTestId('cohort-form'));
    await user.type(form.getByLabelText('Nom'), 'Bootcamp automne');
    await user.type(form.getByLabelText('Programme'), 'Leadership Bootcamp');
    await user.click(form.getByRole('button', { name: 'Créer la cohorte' }));
    const alert = await form.findByRole('alert');
    expect(alert).toHaveTextContent('La cohorte n\'a pas été créée.');
    expect(alert).toHaveTextContent('ses données : disk full');
  });

  it('says kindly when there is no cohort yet', async () => {
    setup(new FakeCohortsBackend());
    expect(await screen.findByText(/Aucune cohorte pour l'instant/)).toBeInTheDocument();
    expect(screen.queryByTestId('cohorts-list')).toBeNull();
  });

  it('offers to try again when the list cannot be loaded', async () => {
    const backend = sampleCohortsBackend();
    backend.failures.listCohorts = new ApiError({ kind: 'storage', message: 'locked', field: null, problem: null });
    const { user } = setup(backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('Les cohortes n\'ont pas pu être chargées.');
    delete backend.failures.listCohorts;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findAllByTestId('cohort-row')).toHaveLength(2);
  });
});
