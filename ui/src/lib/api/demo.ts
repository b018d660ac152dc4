// Invented data for `npm run dev` in a plain browser, where there is no Rust backend.
// `?many=10000` in the address adds that many generated people, to try the long list.

import type { FakeData } from './fake';
import { makeOrg, makePerson } from './fakeRecords';
import type { Person } from './types.gen';

const FIRST = ['Awa', 'Louis', 'Inès', 'Mamadou', 'Chloé', 'Yanis', 'Fatou', 'Hugo', 'Léa', 'Samir', 'Zoé', 'Karim'];
const LAST = ['Martin', 'Diallo', 'Bernard', 'Nguyen', 'Petit', 'Haddad', 'Moreau', 'Traoré', 'Lefèvre', 'Rousseau'];
const CITIES = ['Bobigny', 'Montreuil', 'Saint-Denis', 'Aubervilliers', 'Pantin', 'Paris'];

export function manyPeople(count: number): Person[] {
  return Array.from({ length: count }, (_, i) =>
    makePerson({
      id: `many-${String(i).padStart(6, '0')}`,
      first_name: FIRST[i % FIRST.length] ?? '',
      last_name: `${LAST[(i * 7) % LAST.length] ?? ''} ${i}`,
      city: CITIES[i % CITIES.length] ?? null,
      emails: [{ label: '', value: `personne${i}@example.org` }],
    }),
  );
}

export function demoData(): FakeData {
  const people = [
    makePerson({
      id: 'demo-1',
      first_name: 'Élodie',
      last_name: 'Dupré',
      pronouns: 'elle',
      emails: [{ label: 'travail', value: 'elodie.dupre@example.org' }],
      phones: [{ label: 'portable', value: '06 12 34 56 78' }],
      organization: 'Mères solidaires de Bobigny',
      city: 'Bobigny',
      sectors: ['collective'],
      circles: ['community'],
      languages: ['français', 'arabe'],
      tags: ['école', 'mères', 'Bobigny'],
      point_person_id: 'demo-6',
      introduced_by_id: 'demo-7',
      legal_basis: 'consent',
      legal_basis_on: '2026-10-12',
      legal_basis_source: 'formulaire bootcamp 2026',
      notes: 'Rencontrée au one-to-one du 12 octobre.\nPrête à animer la prochaine réunion publique.',
    }),
    makePerson({
      id: 'demo-2',
      first_name: 'Karim',
      last_name: 'Benali',
      emails: [{ label: '', value: 'karim@example.net' }],
      organization: 'Fondation Horizons',
      sectors: ['philanthropy'],
      circles: ['funder'],
      tags: ['financeur'],
    }),
    makePerson({
      id: 'demo-3',
      first_name: 'Jean-Luc',
      last_name: 'Le Goff',
      emails: [{ label: 'perso', value: 'jl.legoff@example.org' }],
      organization: 'Université Paris 8',
      sectors: ['research'],
      circles: ['pro'],
      tags: ['cercle des pros'],
    }),
    makePerson({ id: 'demo-4', first_name: 'Awa', last_name: 'Diallo', sectors: ['ngo'], city: 'Montreuil', organization: 'Climat Quartiers' }),
    makePerson({
      id: 'demo-5',
      first_name: 'Hélène',
      last_name: 'Ngata',
      emails: [{ label: 'rédaction', value: 'h.ngata@example.com' }],
      organization: 'Le Journal des Cités',
      sectors: ['journalism'],
      circles: ['media'],
    }),
    makePerson({ id: 'demo-6', first_name: 'Léa', last_name: 'Rousseau', circles: ['team'], city: 'Paris' }),
    makePerson({ id: 'demo-7', first_name: 'Aïcha', last_name: 'Benali', introduced_by_id: 'demo-6', city: 'Bobigny' }),
  ];
  const orgs = [
    makeOrg({
      id: 'org-1',
      name: 'Mères solidaires de Bobigny',
      kind: 'collective',
      status: 'supported',
      city: 'Bobigny',
      tags: ['école', 'décrochage'],
      point_person_id: 'demo-6',
      description: 'Des mères qui se mobilisent contre le refus scolaire.\nAccompagnées depuis 2025.',
    }),
    makeOrg({ id: 'org-2', name: 'Climat Quartiers', kind: 'collective', status: 'prospect', city: 'Montreuil', tags: ['climat'] }),
    makeOrg({ id: 'org-3', name: 'Fondation Horizons', kind: 'foundation', city: 'Paris' }),
    makeOrg({ id: 'org-4', name: 'Le Journal des Cités', kind: 'media', city: 'Saint-Denis' }),
  ];
  return {
    people,
    orgs,
    memberships: [
      { id: 'm-1', person_id: 'demo-1', organization_id: 'org-1', role: 'Porte-parole', since: '2025-03-01', until: null, leadership: true },
      { id: 'm-2', person_id: 'demo-7', organization_id: 'org-1', role: 'Trésorière', since: '2025-03-01', until: '2026-01-31', leadership: false },
      { id: 'm-3', person_id: 'demo-4', organization_id: 'org-2', role: 'Fondatrice', since: '2026-02-10', until: null, leadership: true },
    ],
    teams: [
      { id: 't-1', organization_id: 'org-1', parent_id: null, name: 'Équipe de coordination', members: [{ person_id: 'demo-1', role: 'coordinatrice' }] },
      { id: 't-2', organization_id: 'org-1', parent_id: 't-1', name: 'Équipe école', members: [{ person_id: 'demo-7', role: 'référente' }] },
    ],
    interactions: [
      {
        id: 'i-1',
        date: '2026-10-12',
        kind: 'one_to_one',
        people: ['demo-1'],
        team_member_id: 'demo-6',
        notes: 'Premier one-to-one, à la sortie de l\'école.',
        one_to_one: {
          interests: 'La réussite scolaire de ses enfants, la justice.',
          story: 'Arrivée à Bobigny en 2015.',
          resources: 'Connaît toutes les mères de l\'école Jean-Jaurès.',
          commitment_asked: 'Animer la prochaine réunion publique.',
          commitment_given: 'Oui, avec Aïcha.',
        },
        suggested: ['demo-4'],
        created_at: '2026-10-12T16:00:00Z',
        updated_at: '2026-10-12T16:00:00Z',
      },
    ],
  };
}
