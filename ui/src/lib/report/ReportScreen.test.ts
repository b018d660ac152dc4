import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { emptyReport, FakeReportBackend } from './fake';
import ReportScreen from './ReportScreen.svelte';

const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeEach(() => {
  // The team works in Paris: event and session days are Paris days.
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterEach(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});

// Wednesday 20 May 2026, local time.
const TODAY = new Date(2026, 4, 20, 10, 0);

function setup(backend = new FakeReportBackend()) {
  const user = userEvent.setup();
  const onopen = vi.fn();
  const build = vi.spyOn(backend, 'buildReport');
  const save = vi.spyOn(backend, 'saveReportFile');
  render(ReportScreen, { props: { backend, onopen, today: TODAY } });
  const form = within(screen.getByTestId('report-form'));
  return { user, backend, onopen, build, save, form };
}

async function generated(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId('report-generate'));
  return within(await screen.findByTestId('report'));
}

const total = (report: ReturnType<typeof within>, key: string) => report.getByTestId(`report-total-${key}`);

describe('ReportScreen', () => {
  it('starts on this year so far, and builds nothing until asked', () => {
    const { form, build } = setup();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Rapport d\'activité');
    expect(form.getByLabelText('Du')).toHaveValue('2026-01-01');
    expect(form.getByLabelText('Au')).toHaveValue('2026-05-20');
    expect(build).not.toHaveBeenCalled();
    expect(screen.queryByTestId('report')).toBeNull();
  });

  it('offers last year and this year in one click', async () => {
    const { user, form } = setup();
    await user.click(form.getByRole('button', { name: 'Année dernière' }));
    expect(form.getByLabelText('Du')).toHaveValue('2025-01-01');
    expect(form.getByLabelText('Au')).toHaveValue('2025-12-31');
    await user.click(form.getByRole('button', { name: 'Année en cours' }));
    expect(form.getByLabelText('Du')).toHaveValue('2026-01-01');
    expect(form.getByLabelText('Au')).toHaveValue('2026-05-20');
  });

  it('refuses a period back to front, says so in French, and builds nothing', async () => {
    const { user, form, build } = setup();
    await user.clear(form.getByLabelText('Du'));
    await user.type(form.getByLabelText('Du'), '2026-05-01');
    await user.clear(form.getByLabelText('Au'));
    await user.type(form.getByLabelText('Au'), '2026-04-01');
    await user.click(screen.getByTestId('report-generate'));

    expect(await form.findByRole('alert')).toHaveTextContent(
      'La période est à l\'envers : la date « Au » (1 avril 2026) vient avant la date « Du » (1 mai 2026).',
    );
    expect(form.getByLabelText('Au')).toHaveAttribute('aria-invalid', 'true');
    expect(form.getByLabelText('Au')).toHaveFocus();
    expect(build).not.toHaveBeenCalled();
    expect(screen.queryByTestId('report')).toBeNull();
  });

  it('asks for both dates', async () => {
    const { user, form, build } = setup();
    await user.clear(form.getByLabelText('Du'));
    await user.click(screen.getByTestId('report-generate'));
    expect(await form.findByRole('alert')).toHaveTextContent('Indiquez les deux dates de la période, « Du » et « Au ».');
    expect(form.getByLabelText('Du')).toHaveAttribute('aria-invalid', 'true');
    expect(form.getByLabelText('Au')).not.toHaveAttribute('aria-invalid');
    expect(build).not.toHaveBeenCalled();
  });

  it('shows how far the report has got while it is built', async () => {
    const backend = new FakeReportBackend();
    let release = () => {};
    backend.hold = new Promise((resolve) => (release = resolve));
    const { user } = setup(backend);
    await user.click(screen.getByTestId('report-generate'));

    const progress = within(await screen.findByTestId('report-progress'));
    const bar = progress.getByRole('progressbar', { name: 'Lecture des séances…' });
    expect(bar).toHaveAttribute('max', '6');
    expect(progress.getByRole('status')).toHaveTextContent('Lecture des séances…');
    expect(screen.getByTestId('report-generate')).toBeDisabled();

    release();
    expect(await screen.findByTestId('report')).toBeInTheDocument();
    expect(screen.queryByTestId('report-progress')).toBeNull();
    expect(screen.getByTestId('report-generate')).toBeEnabled();
  });

  it('builds the report of the period and shows its headline figures', async () => {
    const { user, build } = setup();
    const report = await generated(user);
    expect(build).toHaveBeenCalledWith({ from: '2026-01-01', to: '2026-05-20' }, expect.any(Function));
    expect(report.getByText('Du 1 janvier 2026 au 20 mai 2026')).toHaveFocus();

    const figures = {
      events: '4 rencontres',
      attendees_present: '183 participations',
      people_present: '96 personnes différentes',
      sessions: '13 séances',
      engagements: '4 accompagnements',
      collectives: '2 collectifs accompagnés',
      new_contacts: '13 nouveaux contacts',
      cohorts: '2 cohortes',
      objectives_reached: '3 objectifs atteints',
    };
    for (const [key, text] of Object.entries(figures)) expect(total(report, key)).toHaveTextContent(text);
  });

  it('unfolds a figure into the records it counts, by name, each opening its page', async () => {
    const { user, onopen } = setup();
    const report = await generated(user);
    const sessions = within(total(report, 'sessions'));
    const button = sessions.getByRole('button', { name: /13 séances/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');

    const list = sessions.getByRole('list', { name: 'Le détail : 13 séances' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(13);
    expect(items[0]).toHaveTextContent('Lancement de la campagne « Cours d\'école vertes »');
    expect(items[0]).toHaveTextContent('20 janvier 2026');
    await user.click(within(list).getByRole('link', { name: 'Bilan individuel avec Samia' }));
    expect(onopen).toHaveBeenCalledWith('session', 's-climat-bilan');

    await user.click(button);
    expect(sessions.queryByRole('list')).toBeNull();
  });

  it('names each new contact once, with every sector they count in', async () => {
    const { user, onopen } = setup();
    const report = await generated(user);
    const contacts = within(total(report, 'new_contacts'));
    await user.click(contacts.getByRole('button', { name: /13 nouveaux contacts/ }));
    const items = contacts.getAllByRole('listitem');
    expect(items).toHaveLength(13);
    expect(contacts.getByText('Camille Roux').closest('li')).toHaveTextContent('Recherche, ONG');
    await user.click(contacts.getByRole('link', { name: 'Camille Roux' }));
    expect(onopen).toHaveBeenCalledWith('person', 'p-camille');
  });

  it('tells the work with each collective: engagements, sessions, formats and kinds', async () => {
    const { user, onopen } = setup();
    const report = await generated(user);
    const part = within(report.getByTestId('report-collectives'));
    expect(part.getByRole('heading', { level: 2 })).toHaveTextContent('Accompagnements par collectif');
    const climat = part.getByRole('article', { name: 'Climat Quartiers' });
    const [campaign, apart] = within(climat).getAllByTestId('report-engagement');
    expect(campaign).toHaveTextContent('Climat Quartiers : campagne 2026');
    expect(campaign).toHaveTextContent('4 séances');
    expect(campaign).toHaveTextContent('Formats : Collectif (3), Bilatéral (1)');
    expect(campaign).toHaveTextContent('Coaching d\'équipe');
    expect(apart).toHaveTextContent('Séances hors accompagnement');
    expect(apart).toHaveTextContent('1 séance');

    await user.click(within(climat).getByRole('link', { name: 'Climat Quartiers' }));
    expect(onopen).toHaveBeenCalledWith('organization', 'org-climat');
    await user.click(within(campaign!).getByRole('link', { name: 'Climat Quartiers : campagne 2026' }));
    expect(onopen).toHaveBeenCalledWith('engagement', 'eng-climat');
  });

  it('lists the events by series with their attendance', async () => {
    const { user, onopen } = setup();
    const report = await generated(user);
    const part = within(report.getByTestId('report-series'));
    const gagner = part.getByRole('article', { name: '#GagnerEnsemble' });
    expect(gagner).toHaveTextContent('2 rencontres · 83 présents');
    expect(within(gagner).getAllByTestId('report-event')).toHaveLength(2);
    const apart = part.getByRole('article', { name: 'Hors série' });
    const soiree = within(apart).getByTestId('report-event');
    expect(soiree).toHaveTextContent('Soirée de la communauté');
    expect(soiree).toHaveTextContent('16 avril 2026');
    expect(soiree).toHaveTextContent('75 présents (dont 66 sans nom)');
    await user.click(within(soiree).getByRole('link', { name: 'Soirée de la communauté' }));
    expect(onopen).toHaveBeenCalledWith('event', 'ev-soiree');
  });

  it('sums each cohort up as the association does, each figure naming its people', async () => {
    const { user, onopen } = setup();
    const report = await generated(user);
    const part = within(report.getByTestId('report-cohorts'));
    const [formation, bootcamp] = part.getAllByTestId('report-cohort');
    expect(formation).toHaveTextContent('Formation organisateurs 2026');
    expect(formation).toHaveTextContent('10 candidats, 10 retenus, 9 certifiés');
    expect(bootcamp).toHaveTextContent('8 candidats, 6 retenus, 2 non retenus');

    await user.click(within(formation!).getByRole('button', { name: /9 certifiés/ }));
    const certified = within(within(formation!).getByRole('list', { name: 'Le détail : 9 certifiés' }));
    expect(certified.getAllByRole('link')).toHaveLength(9);
    expect(certified.queryByText('Aminata Koné')).toBeNull();
    await user.click(certified.getByRole('link', { name: 'Léa Rousseau' }));
    expect(onopen).toHaveBeenCalledWith('person', 'p-lea');
    await user.click(within(formation!).getByRole('link', { name: 'Formation organisateurs 2026' }));
    expect(onopen).toHaveBeenCalledWith('cohort', 'cohort-formation-2026');
  });

  it('lists the trainings and the roadmap objectives reached', async () => {
    const { user, onopen } = setup();
    const report = await generated(user);
    const trainings = within(report.getByTestId('report-trainings'));
    const bootcamp = trainings.getAllByTestId('report-engagement')[0]!;
    expect(bootcamp).toHaveTextContent('Leadership Bootcamp');
    expect(bootcamp).toHaveTextContent('3 séances');
    expect(bootcamp).toHaveTextContent('Avec : Climat Quartiers, Mères solidaires de Bobigny');
    const objectives = within(report.getByTestId('report-objectives'));
    expect(objectives.getByRole('heading', { level: 2 })).toHaveTextContent('Objectifs de la feuille de route atteints');
    await user.click(objectives.getByRole('link', { name: 'Réunir 70 personnes à la Soirée de la communauté' }));
    expect(onopen).toHaveBeenCalledWith('objective', 'obj-soiree');
  });

  it('saves the report shown as Markdown or as a printable page, and says where', async () => {
    const { user, save, form } = setup();
    const report = await generated(user);
    // Changing the form afterwards does not change what is saved: the report on screen is.
    await user.click(form.getByRole('button', { name: 'Année dernière' }));

    await user.click(report.getByRole('button', { name: 'Exporter en Markdown' }));
    expect(save).toHaveBeenCalledWith({ from: '2026-01-01', to: '2026-05-20' }, 'md');
    expect(await report.findByTestId('report-saved')).toHaveTextContent(
      'Enregistré dans Téléchargements : /home/lea/Téléchargements/rapport-activite-2026-01-01-2026-05-20.md',
    );

    await user.click(report.getByRole('button', { name: 'Page imprimable (HTML)' }));
    expect(save).toHaveBeenLastCalledWith({ from: '2026-01-01', to: '2026-05-20' }, 'html');
    await waitFor(() => expect(report.getByTestId('report-saved')).toHaveTextContent(/rapport-activite-2026-01-01-2026-05-20\.html$/));
  });

  it('prints the page as it stands', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { user } = setup();
    const report = await generated(user);
    await user.click(report.getByRole('button', { name: 'Imprimer' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('says in French when the report cannot be built, or saved', async () => {
    const backend = new FakeReportBackend();
    backend.failures.buildReport = new ApiError({ kind: 'storage', message: 'database is locked', field: null, problem: null });
    const { user } = setup(backend);
    await user.click(screen.getByTestId('report-generate'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Le rapport n\'a pas pu être préparé.');
    expect(alert).toHaveTextContent('database is locked');
    expect(screen.queryByTestId('report')).toBeNull();

    delete backend.failures.buildReport;
    backend.failures.saveReportFile = new ApiError({ kind: 'storage', message: 'disk full', field: null, problem: null });
    const report = await generated(user);
    await user.click(report.getByRole('button', { name: 'Exporter en Markdown' }));
    expect(await report.findByRole('alert')).toHaveTextContent('Le fichier n\'a pas été enregistré.');
  });

  it('says kindly when nothing happened over the period, and offers nothing to export', async () => {
    const backend = new FakeReportBackend();
    backend.reportFor = (query) => emptyReport(query.from, query.to);
    const { user } = setup(backend);
    const report = await generated(user);
    expect(report.getByText(/Rien n'a été enregistré sur cette période/)).toBeInTheDocument();
    expect(report.queryByTestId('report-total-events')).toBeNull();
    expect(report.queryByRole('button', { name: 'Exporter en Markdown' })).toBeNull();
  });
});
