import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { FakePrivacyBackend, makeRow } from './fake';

// The screens' tests lean on this fake: it must answer as contracts.md §1 says the core does.
describe('FakePrivacyBackend', () => {
  it('finds the people quiet for more than N years, by last activity or else creation, oldest first', async () => {
    const fake = new FakePrivacyBackend(
      {
        rows: [
          makeRow({ id: 'recent', first_name: 'Léa' }, '2025-01-01'),
          makeRow({ id: 'old', first_name: 'Awa' }, '2021-06-01'),
          makeRow({ id: 'never', first_name: 'Karim' }, null, '2019-01-15'),
          makeRow({ id: 'new', first_name: 'Zoé' }, null, '2026-01-15'),
        ],
      },
      '2026-11-26',
    );
    expect((await fake.retention(3)).map((r) => r.person.id)).toEqual(['never', 'old']);
    expect((await fake.retention(1)).map((r) => r.person.id)).toEqual(['never', 'old', 'recent']);
    await expect(fake.retention(0)).rejects.toBeInstanceOf(ApiError);
    await expect(fake.retention(21)).rejects.toMatchObject({ kind: 'invalid', field: 'years' });
  });

  it('names the export files after the person and the day, and refuses an unknown person', async () => {
    const fake = new FakePrivacyBackend({ people: [{ id: 'p1', name: 'Élodie Dupré' }] }, '2026-11-26');
    const files = await fake.exportPerson('p1');
    expect(files.json_file).toMatch(/\/flocon-donnees-elodie-dupre-2026-11-26\.json$/);
    expect(files.html_file).toMatch(/\/flocon-donnees-elodie-dupre-2026-11-26\.html$/);
    await expect(fake.exportPerson('nobody')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
