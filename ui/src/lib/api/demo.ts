// Invented people for `npm run dev` in a plain browser, where there is no Rust backend.

import { makePerson } from './fake';
import type { Person } from './types.gen';

export function demoPeople(): Person[] {
  return [
    makePerson({
      id: 'demo-1',
      first_name: 'Élodie',
      last_name: 'Dupré',
      emails: [{ label: 'travail', value: 'elodie.dupre@example.org' }],
      phones: [{ label: 'portable', value: '06 12 34 56 78' }],
      organization: 'Mères solidaires de Bobigny',
      sector: 'collective',
      tags: ['école', 'mères', 'Bobigny'],
      notes: 'Rencontrée au one-to-one du 12 octobre.\nPrête à animer la prochaine réunion publique.',
    }),
    makePerson({
      id: 'demo-2',
      first_name: 'Karim',
      last_name: 'Benali',
      emails: [{ label: '', value: 'karim@example.net' }],
      organization: 'Fondation Horizons',
      sector: 'philanthropy',
      tags: ['financeur'],
    }),
    makePerson({
      id: 'demo-3',
      first_name: 'Jean-Luc',
      last_name: 'Le Goff',
      emails: [{ label: 'perso', value: 'jl.legoff@example.org' }],
      organization: 'Université Paris 8',
      sector: 'research',
      tags: ['cercle des pros'],
    }),
    makePerson({ id: 'demo-4', first_name: 'Awa', last_name: 'Diallo', sector: 'ngo', organization: 'Climat Quartiers' }),
    makePerson({
      id: 'demo-5',
      first_name: 'Hélène',
      last_name: 'Ngata',
      emails: [{ label: 'rédaction', value: 'h.ngata@example.com' }],
      organization: 'Le Journal des Cités',
      sector: 'journalism',
    }),
  ];
}
