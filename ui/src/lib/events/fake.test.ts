import { describe, expect, it } from 'vitest';
import type { EventDraft } from './api';
import { entry, FakeEventsBackend, makeEvent, makeSeries } from './fake';

const awa = { id: 'p-awa', name: 'Awa Diallo' };
const karim = { id: 'p-karim', name: 'Karim Benali' };

const draft = (fields: Partial<EventDraft> = {}): EventDraft => ({
  title: 'Atelier',
  series_id: null,
  starts_at: '2026-06-12T17:00:00Z',
  ends_at: null,
  place: '',
  speakers: [],
  guests: [],
  organizations: [],
  description: '',
  notes: '',
  unnamed_count: 0,
  ...fields,
});

function fixture() {
  return new FakeEventsBackend({
    series: [makeSeries('s-gagner', '#GagnerEnsemble')],
    people: [awa, karim],
    events: [
      makeEvent({ id: 'e1', title: 'Mai', starts_at: '2026-05-20T16:00:00Z', series: { id: 's-gagner', name: '#GagnerEnsemble' } }),
      makeEvent({ id: 'e2', title: 'Juin', starts_at: '2026-06-12T17:00:00Z', unnamed_count: 2 }),
      makeEvent({ id: 'e3', title: 'Juillet', starts_at: '2026-07-04T10:00:00Z' }),
    ],
  });
}

describe('FakeEventsBackend', () => {
  it('lists events in [from, to) of a series, newest first', async () => {
    const backend = fixture();
    expect((await backend.listEvents({})).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
    expect((await backend.listEvents({ from: '2026-05-20T16:00:00Z', to: '2026-07-04T10:00:00Z' })).map((e) => e.id)).toEqual(['e2', 'e1']);
    expect((await backend.listEvents({ series_id: 's-gagner' })).map((e) => e.id)).toEqual(['e1']);
  });

  it('counts each answer by name and the unnamed apart, as the core does', async () => {
    const backend = fixture();
    let event = await backend.setAttendance('e2', 'p-awa', 'registered');
    expect(event.counts).toEqual({ invited: 0, registered: 1, present: 0, absent: 0, excused: 0, unnamed: 2 });
    event = await backend.setAttendance('e2', 'p-awa', 'present');
    await backend.setAttendance('e2', 'p-karim', 'present');
    event = await backend.setAttendance('e2', 'p-karim', null);
    expect(event.counts).toEqual({ invited: 0, registered: 0, present: 1, absent: 0, excused: 0, unnamed: 2 });
    expect(event.attendance.map((a) => a.person.name)).toEqual(['Awa Diallo']);
  });

  it('applies the draft rules: a title, no end before the start, no speaker also a guest', async () => {
    const backend = fixture();
    await expect(backend.createEvent(draft({ title: '  ' }))).rejects.toMatchObject({ field: 'title' });
    await expect(backend.createEvent(draft({ ends_at: '2026-06-12T16:00:00Z' }))).rejects.toMatchObject({
      field: 'ends_at',
      problem: { code: 'ends_before_start' },
    });
    const created = await backend.createEvent(draft({ speakers: ['p-awa'], guests: ['p-awa', 'p-karim'] }));
    expect(created.guests).toEqual([karim]);
  });

  it('finds a series again whatever its accents and case', async () => {
    const backend = fixture();
    expect((await backend.addSeries('#gagnerensemble')).id).toBe('s-gagner');
    expect((await backend.listSeries()).find((s) => s.id === 's-gagner')!.events).toBe(1);
  });

  it('shows an event on the pages of its people and organisations', async () => {
    const backend = new FakeEventsBackend({
      events: [
        makeEvent({ id: 'e1', starts_at: '2026-06-12T17:00:00Z', speakers: [awa], attendance: [entry(karim, 'present')] }),
        makeEvent({ id: 'e2', starts_at: '2026-07-12T17:00:00Z', organizations: [{ id: 'o1', name: 'Climat Quartiers' }] }),
      ],
    });
    backend.members.set('o1', ['p-karim']);
    expect(await backend.personEvents('p-awa')).toEqual([expect.objectContaining({ role: 'speaker', status: null })]);
    expect((await backend.organizationEvents('o1')).map((o) => [o.event.id, o.involved, o.members_present])).toEqual([
      ['e2', true, 0],
      ['e1', false, 1],
    ]);
  });
});
