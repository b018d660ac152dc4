// An in-memory `ReportBackend` for the report screen's tests and for trying the screen out: it
// answers a realistic report of the association's year (the #GagnerEnsemble talks, #OpenSource,
// the Leadership Bootcamp, the « Soirée de la communauté », the 2026 organizers' cohort),
// refuses a period the core would refuse, and reports its progress part by part.

import { ApiError } from '../api';
import type { ObjectiveRef, OrgRef, PersonRef, Problem, SessionRef } from '../api/types.gen';
import type {
  ActivityReport,
  CohortActivity,
  CollectiveActivity,
  EngagementActivity,
  EventLine,
  ReportBackend,
  ReportFormat,
  ReportPart,
  ReportProgress,
  ReportQuery,
  SectorCount,
  SeriesActivity,
} from './api';
import { isCalendarDate } from './period';

export const REPORT_PARTS: readonly ReportPart[] = ['sessions', 'events', 'trainings', 'cohorts', 'contacts', 'objectives'];

function invalid(field: string, problem: Problem): ApiError {
  return new ApiError({ kind: 'invalid', message: `${field}: ${problem.code}`, field, problem });
}

const session = (id: string, title: string, startsAt: string): SessionRef => ({ id, title, starts_at: startsAt });

function activity(fields: Partial<EngagementActivity> & { session_list: SessionRef[] }): EngagementActivity {
  return {
    engagement: null,
    kinds: [],
    organizations: [],
    sessions: fields.session_list.length,
    formats: [],
    ...fields,
  };
}

const line = (id: string, title: string, startsAt: string, present: number, unnamed = 0, registered = 0): EventLine => ({
  id,
  title,
  starts_at: startsAt,
  present,
  unnamed,
  registered,
});

function series(ref: SeriesActivity['series'], lines: EventLine[]): SeriesActivity {
  return { series: ref, events: lines.length, attendees_present: lines.reduce((sum, l) => sum + l.present + l.unnamed, 0), lines };
}

const people = (...names: string[]): PersonRef[] =>
  names.map((name) => ({ id: `p-${name.split(' ')[0]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}`, name }));

export const CLIMAT: OrgRef = { id: 'org-climat', name: 'Climat Quartiers' };
export const MERES: OrgRef = { id: 'org-meres', name: 'Mères solidaires de Bobigny' };
export const BOOTCAMP = { id: 'eng-bootcamp', title: 'Leadership Bootcamp' };

/** The ten trainees of « Formation organisateurs 2026 »; all but Aminata are certified. */
export const TRAINEES = people(
  'Awa Diallo',
  'Karim Benali',
  'Léa Rousseau',
  'Mehdi Haddad',
  'Chloé Martin',
  'Fatou Sow',
  'Julien Moreau',
  'Inès Bouaziz',
  'Thomas Lefèvre',
  'Aminata Koné',
);

/**
 * The report of a busy first half of 2026 (the figures add up, as the core's do), over the
 * period asked for.
 */
export function sampleReport(from = '2026-01-01', to = '2026-06-30'): ActivityReport {
  const climatSessions = [
    session('s-climat-1', 'Lancement de la campagne « Cours d\'école vertes »', '2026-01-20T17:30:00Z'),
    session('s-climat-2', 'Cartographie du pouvoir', '2026-02-17T17:30:00Z'),
    session('s-climat-3', 'Point avec la porte-parole', '2026-03-03T09:00:00Z'),
    session('s-climat-4', 'Préparer la rencontre avec la mairie', '2026-04-14T16:30:00Z'),
  ];
  const climatApart = [session('s-climat-bilan', 'Bilan individuel avec Samia', '2026-05-05T08:00:00Z')];
  const meresSessions = [
    session('s-meres-1', 'Qui décide à l\'école ? Atelier collectif', '2026-02-03T13:00:00Z'),
    session('s-meres-2', 'Raconter notre histoire', '2026-03-24T13:00:00Z'),
    session('s-meres-3', 'Formation prise de parole', '2026-05-12T13:00:00Z'),
  ];
  const bootcampSessions = [
    session('s-bootcamp-1', 'Bootcamp, jour 1 : le pouvoir relationnel', '2026-04-07T07:30:00Z'),
    session('s-bootcamp-2', 'Bootcamp, jour 2 : construire une équipe', '2026-04-08T07:30:00Z'),
    session('s-bootcamp-3', 'Bootcamp, jour 3 : la campagne', '2026-04-09T07:30:00Z'),
  ];
  const formationSessions = [
    session('s-formation-1', 'Formation organisateurs : les one-to-one', '2026-01-24T08:00:00Z'),
    session('s-formation-2', 'Formation organisateurs : l\'action publique', '2026-03-07T08:00:00Z'),
  ];

  const climat = activity({
    engagement: { id: 'eng-climat', title: 'Climat Quartiers : campagne 2026' },
    kinds: ['team_coaching', 'distributed_leadership'],
    organizations: [CLIMAT],
    formats: [
      { format: 'collective', count: 3 },
      { format: 'bilateral', count: 1 },
    ],
    session_list: climatSessions,
  });
  const collectives: CollectiveActivity[] = [
    {
      organization: CLIMAT,
      sessions: 5,
      engagements: [
        climat,
        activity({ organizations: [CLIMAT], formats: [{ format: 'individual', count: 1 }], session_list: climatApart }),
      ],
    },
    {
      organization: MERES,
      sessions: 3,
      engagements: [
        activity({
          engagement: { id: 'eng-meres', title: 'Mères solidaires : leadership' },
          kinds: ['distributed_leadership', 'storytelling'],
          organizations: [MERES],
          formats: [
            { format: 'collective', count: 2 },
            { format: 'training', count: 1 },
          ],
          session_list: meresSessions,
        }),
      ],
    },
  ];

  const trainings: EngagementActivity[] = [
    activity({
      engagement: BOOTCAMP,
      kinds: ['organizing_training'],
      organizations: [CLIMAT, MERES],
      formats: [{ format: 'training', count: 3 }],
      session_list: bootcampSessions,
    }),
    activity({
      engagement: { id: 'eng-formation', title: 'Formation organisateurs 2026' },
      kinds: ['organizing_training'],
      formats: [{ format: 'training', count: 2 }],
      session_list: formationSessions,
    }),
  ];

  const allSeries: SeriesActivity[] = [
    series({ id: 'series-gagner', name: '#GagnerEnsemble' }, [
      line('ev-gagner-1', '#GagnerEnsemble : les mères solidaires de Bobigny', '2026-01-22T18:00:00Z', 38, 4, 45),
      line('ev-gagner-2', '#GagnerEnsemble : gagner une campagne locale', '2026-03-12T18:00:00Z', 41, 0, 50),
    ]),
    series({ id: 'series-opensource', name: '#OpenSource' }, [
      line('ev-opensource-1', '#OpenSource : des outils libres pour les collectifs', '2026-02-10T18:00:00Z', 22, 3, 30),
    ]),
    series(null, [line('ev-soiree', 'Soirée de la communauté', '2026-04-16T17:00:00Z', 9, 66)]),
  ];

  const certified = TRAINEES.filter((p) => p.name !== 'Aminata Koné');
  const cohorts: CohortActivity[] = [
    {
      id: 'cohort-formation-2026',
      name: 'Formation organisateurs 2026',
      programme: { id: 'programme-formation', name: 'Formation au community organizing' },
      stages: [
        { stage: 'applicant', count: 10, people: [...TRAINEES] },
        { stage: 'accepted', count: 10, people: [...TRAINEES] },
        { stage: 'certified', count: 9, people: certified },
      ],
    },
    {
      id: 'cohort-bootcamp',
      name: 'Leadership Bootcamp — printemps 2026',
      programme: { id: 'programme-bootcamp', name: 'Leadership Bootcamp' },
      stages: [
        { stage: 'applicant', count: 8, people: people('Samia Ouali', 'Paul Girard', 'Nadia Rahmani', 'Hugo Petit', 'Rokia Traoré', 'Lucas Bernard', 'Yasmine Chérif', 'Théo Garnier') },
        { stage: 'accepted', count: 6, people: people('Samia Ouali', 'Paul Girard', 'Nadia Rahmani', 'Hugo Petit', 'Rokia Traoré', 'Lucas Bernard') },
        { stage: 'rejected', count: 2, people: people('Yasmine Chérif', 'Théo Garnier') },
      ],
    },
  ];

  const newContacts: SectorCount[] = [
    { sector: 'journalism', count: 2, people: people('Claire Dubois', 'Olivier Lambert') },
    { sector: 'research', count: 3, people: people('Sophie Laurent', 'Antoine Mercier', 'Camille Roux') },
    { sector: 'ngo', count: 4, people: people('Marion Faure', 'Bilal Amrani', 'Emma Blanc', 'Camille Roux') },
    { sector: 'collective', count: 3, people: people('Samia Ouali', 'Rokia Traoré', 'Paul Girard') },
    { sector: null, count: 2, people: people('Jean Perrin', 'Lina Haddad') },
  ];

  const objectives: ObjectiveRef[] = [
    { id: 'obj-cohorte', quarter: '2026-T1', title: 'Lancer la cohorte 2026 de la formation organisateurs', axis: 'Former', status: 'achieved', percent: 100, target: 10 },
    { id: 'obj-soiree', quarter: '2026-T2', title: 'Réunir 70 personnes à la Soirée de la communauté', axis: 'Rassembler', status: 'achieved', percent: 100, target: 70 },
    { id: 'obj-medias', quarter: '2026-T2', title: 'Deux articles sur les campagnes des collectifs', axis: 'Faire connaître', status: 'achieved', percent: 100, target: 2 },
  ];

  const sessions = [...collectives.flatMap((c) => c.engagements), ...trainings].reduce((sum, a) => sum + a.sessions, 0);
  const contactIds = new Set(newContacts.flatMap((g) => g.people.map((p) => p.id)));
  return {
    from,
    to,
    totals: {
      events: allSeries.reduce((sum, s) => sum + s.events, 0),
      attendees_present: allSeries.reduce((sum, s) => sum + s.attendees_present, 0),
      people_present: 96,
      sessions,
      engagements: 4,
      collectives: collectives.length,
      new_contacts: contactIds.size,
      cohorts: cohorts.length,
      objectives_reached: objectives.length,
    },
    collectives,
    series: allSeries,
    trainings,
    cohorts,
    new_contacts: newContacts,
    objectives,
  };
}

/** A period when nothing was recorded. */
export function emptyReport(from: string, to: string): ActivityReport {
  return {
    from,
    to,
    totals: {
      events: 0,
      attendees_present: 0,
      people_present: 0,
      sessions: 0,
      engagements: 0,
      collectives: 0,
      new_contacts: 0,
      cohorts: 0,
      objectives_reached: 0,
    },
    collectives: [],
    series: [],
    trainings: [],
    cohorts: [],
    new_contacts: [],
    objectives: [],
  };
}

export class FakeReportBackend implements ReportBackend {
  /** What a build answers for a period; the sample report by default. */
  reportFor: (query: ReportQuery) => ActivityReport = (query) => sampleReport(query.from, query.to);
  /** When set, calls to that command reject with it. */
  failures: Partial<Record<keyof ReportBackend, ApiError>> = {};
  /** When set, a build waits for it after its first progress step, so a test can watch. */
  hold: Promise<void> | null = null;
  /** The files written, newest last. */
  saved: { query: ReportQuery; format: ReportFormat; path: string }[] = [];

  private fail(command: keyof ReportBackend): void {
    const failure = this.failures[command];
    if (failure) throw failure;
  }

  /** The core's check of a period (crates/flocon-core/src/report.rs). */
  private check(query: ReportQuery): void {
    if (!isCalendarDate(query.from)) throw invalid('from', { code: 'invalid_date', value: query.from });
    if (!isCalendarDate(query.to)) throw invalid('to', { code: 'invalid_date', value: query.to });
    if (query.to < query.from) throw invalid('to', { code: 'ends_before_start' });
  }

  async buildReport(query: ReportQuery, onProgress?: (progress: ReportProgress) => void): Promise<ActivityReport> {
    this.check(query);
    for (const [done, part] of REPORT_PARTS.entries()) {
      onProgress?.({ done, total: REPORT_PARTS.length, part });
      if (done === 0 && this.hold) await this.hold;
      // Each part takes a turn, as reading the records does.
      await Promise.resolve();
    }
    this.fail('buildReport');
    return structuredClone(this.reportFor(query));
  }

  async saveReportFile(query: ReportQuery, format: ReportFormat): Promise<string> {
    this.fail('saveReportFile');
    this.check(query);
    const path = `/home/lea/Téléchargements/rapport-activite-${query.from}-${query.to}.${format}`;
    this.saved.push({ query: { ...query }, format, path });
    return path;
  }
}
