import { describe, expect, it } from 'vitest';
import { NO_PERSON_FILTER } from './index';
import { FakeBackend, makeOrg, makePerson } from './fake';

const people = [
  makePerson({ id: 'a', first_name: 'Élodie', last_name: 'Dupré', city: 'Bobigny', sectors: ['collective'] }),
  makePerson({ id: 'b', first_name: 'Karim', last_name: 'Benali', circles: ['funder'], tags: ['Financeur'] }),
  makePerson({ id: 'c', first_name: 'Awa', last_name: 'Diallo', city: 'bobigny' }),
];

describe('FakeBackend', () => {
  it('pages the list by keyset: after the last id of the previous page', async () => {
    const fake = new FakeBackend(people);
    const first = await fake.listContacts({ ...NO_PERSON_FILTER, limit: 2 });
    expect(first.map((p) => p.id)).toEqual(['b', 'c']);
    const next = await fake.listContacts({ ...NO_PERSON_FILTER, after: 'c', limit: 2 });
    expect(next.map((p) => p.id)).toEqual(['a']);
  });

  it('filters by sector, circle, tag and city, accents and case ignored', async () => {
    const fake = new FakeBackend(people);
    const ids = async (q: Partial<typeof NO_PERSON_FILTER>) =>
      (await fake.listContacts({ ...NO_PERSON_FILTER, ...q })).map((p) => p.id);
    expect(await ids({ sector: 'collective' })).toEqual(['a']);
    expect(await ids({ circle: 'funder' })).toEqual(['b']);
    expect(await ids({ tag: 'financeur' })).toEqual(['b']);
    expect(await ids({ city: 'BOBIGNY' })).toEqual(['c', 'a']);
  });

  it('searches by word prefix without accents and marks the matches', async () => {
    const fake = new FakeBackend({ people, orgs: [makeOrg({ id: 'o', name: 'Mères de Bobigny' })] });
    const hits = await fake.search('dupr', 10);
    expect(hits).toEqual([{ kind: 'person', id: 'a', title: 'Élodie Dupré', snippet: 'Élodie \u0002Dupré\u0003 · Bobigny' }]);
    expect((await fake.search('meres', 10)).map((h) => h.kind)).toEqual(['organization']);
    expect(await fake.search('upre', 10)).toEqual([]);
  });
});
