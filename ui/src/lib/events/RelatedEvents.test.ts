import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entry, FakeEventsBackend, makeEvent } from './fake';
import OrganizationEvents from './OrganizationEvents.svelte';
import PersonEvents from './PersonEvents.svelte';

// Dates are shown in the user's day: Paris, as the association's.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeAll(() => {
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});

const awa = { id: 'p-awa', name: 'Awa Diallo' };
const karim = { id: 'p-karim', name: 'Karim Benali' };
const leo = { id: 'p-leo', name: 'Léo Martin' };
const climat = { id: 'o-climat', name: 'Climat Quartiers' };

function fixture() {
  const backend = new FakeEventsBackend({
    people: [leo],
    events: [
      makeEvent({
        id: 'ev-juin',
        title: 'Soirée de la communauté de juin',
        series: { id: 's-soiree', name: 'Soirée de la communauté' },
        starts_at: '2026-06-12T17:00:00Z',
        speakers: [awa],
        attendance: [entry(karim, 'present'), entry(awa, 'present')],
      }),
      makeEvent({
        id: 'ev-sept',
        title: 'Atelier : mener une campagne locale',
        starts_at: '2026-09-15T16:00:00Z',
        organizations: [climat],
        attendance: [entry(karim, 'excused')],
      }),
    ],
  });
  backend.members.set('o-climat', ['p-karim', 'p-awa']);
  return backend;
}

describe('PersonEvents', () => {
  it('lists the person\'s events newest first, with their answer and role', async () => {
    const onopenevent = vi.fn();
    render(PersonEvents, { props: { backend: fixture(), personId: 'p-awa', onopenevent } });
    const section = within(await screen.findByTestId('person-events'));
    expect(section.getByRole('heading', { level: 2 })).toHaveTextContent('Rencontres');
    const items = await section.findAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Soirée de la communauté de juin');
    expect(items[0]).toHaveTextContent('12 juin 2026');
    expect(items[0]).toHaveTextContent('Intervenant · Présent');

    await userEvent.setup().click(section.getByRole('link', { name: 'Soirée de la communauté de juin' }));
    expect(onopenevent).toHaveBeenCalledWith('ev-juin');
  });

  it('says when there is none yet', async () => {
    render(PersonEvents, { props: { backend: fixture(), personId: 'p-leo', onopenevent: vi.fn() } });
    expect(await screen.findByText('Aucune rencontre pour l\'instant.')).toBeInTheDocument();
  });
});

describe('OrganizationEvents', () => {
  it('lists the events it took part in and those its members came to', async () => {
    render(OrganizationEvents, { props: { backend: fixture(), organizationId: 'o-climat', onopenevent: vi.fn() } });
    const section = within(await screen.findByTestId('organization-events'));
    const items = await section.findAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('link').textContent)).toEqual([
      'Atelier : mener une campagne locale',
      'Soirée de la communauté de juin',
    ]);
    expect(items[0]).toHaveTextContent('Impliquée');
    expect(items[0]).not.toHaveTextContent('membre');
    expect(items[1]).toHaveTextContent('2 membres présents');
    expect(items[1]).not.toHaveTextContent('Impliquée');
  });
});
