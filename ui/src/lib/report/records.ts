// The records behind each figure of the report, by name, so that a reader can check a figure
// by opening what it counts. The report carries the lists; the headline figures gather them
// from its sections.

import type { EngagementRef, ObjectiveRef, PersonRef, SessionRef } from '../api/types.gen';
import { sectorLabel } from '../vocab';
import { formatInstantDay } from '../week/dates';
import type { ActivityReport, EngagementActivity, EventLine, ReportTotals } from './api';
import { countOf, countTotal, sessionsElsewhere, tr } from './strings';

export type RecordKind = 'person' | 'organization' | 'engagement' | 'session' | 'event' | 'objective' | 'cohort';

export interface ReportRecord {
  kind: RecordKind;
  id: string;
  name: string;
  /** A second line: a date, an attendance, a sector… */
  detail?: string;
}

/** The records behind a figure, and what they leave out, when they do. */
export interface Backing {
  records: ReportRecord[];
  note?: string;
}

const byStart = <T extends { starts_at: string }>(a: T, b: T) => a.starts_at.localeCompare(b.starts_at);

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

export const sessionRecords = (sessions: readonly SessionRef[]): ReportRecord[] =>
  [...sessions].sort(byStart).map((s) => ({ kind: 'session', id: s.id, name: s.title, detail: formatInstantDay(s.starts_at) }));

/** Everyone who came to an event: marked present, and counted without a name. */
export const cameTo = (line: EventLine) => line.present + line.unnamed;

export function attendance(line: EventLine): string {
  const came = countOf('event.present', cameTo(line));
  return line.unnamed > 0 ? `${came} (${tr('event.unnamed', { count: line.unnamed })})` : came;
}

export const eventRecords = (lines: readonly EventLine[]): ReportRecord[] =>
  [...lines].sort(byStart).map((l) => ({
    kind: 'event',
    id: l.id,
    name: l.title,
    detail: `${formatInstantDay(l.starts_at)} · ${attendance(l)}`,
  }));

export const peopleRecords = (people: readonly PersonRef[]): ReportRecord[] =>
  [...people].sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((p) => ({ kind: 'person', id: p.id, name: p.name }));

export const objectiveRecords = (objectives: readonly ObjectiveRef[]): ReportRecord[] =>
  objectives.map((o) => ({ kind: 'objective', id: o.id, name: o.title, detail: tr('objective.meta', { quarter: o.quarter, axis: o.axis }) }));

/** Every engagement's activity in the report: the collectives' and the trainings'. */
function activities(report: ActivityReport): EngagementActivity[] {
  return [...report.collectives.flatMap((c) => c.engagements), ...report.trainings];
}

/** The sessions the report lists, each once, in order. */
export function listedSessions(report: ActivityReport): SessionRef[] {
  return unique(activities(report).flatMap((a) => a.session_list), (s) => s.id).sort(byStart);
}

export function listedEvents(report: ActivityReport): EventLine[] {
  return report.series.flatMap((s) => s.lines).sort(byStart);
}

/** The new contacts, each once, with every sector they count in. */
function newContacts(report: ActivityReport): ReportRecord[] {
  const sectors = new Map<string, { person: PersonRef; sectors: string[] }>();
  for (const group of report.new_contacts) {
    const label = group.sector ? sectorLabel(group.sector) : tr('contacts.noSector');
    for (const person of group.people) {
      const entry = sectors.get(person.id) ?? { person, sectors: [] };
      entry.sectors.push(label);
      sectors.set(person.id, entry);
    }
  }
  return peopleRecords([...sectors.values()].map((e) => e.person)).map((r) => ({
    ...r,
    detail: sectors.get(r.id)?.sectors.join(', '),
  }));
}

function engagements(report: ActivityReport): ReportRecord[] {
  const counted = new Map<string, { ref: EngagementRef; sessions: Set<string> }>();
  for (const activity of activities(report)) {
    if (!activity.engagement) continue;
    const entry = counted.get(activity.engagement.id) ?? { ref: activity.engagement, sessions: new Set<string>() };
    for (const s of activity.session_list) entry.sessions.add(s.id);
    counted.set(activity.engagement.id, entry);
  }
  return [...counted.values()]
    .sort((a, b) => a.ref.title.localeCompare(b.ref.title, 'fr'))
    .map(({ ref, sessions }) => ({ kind: 'engagement', id: ref.id, name: ref.title, detail: countTotal('sessions', sessions.size) }));
}

/** The records behind a headline figure. */
export function totalBacking(report: ActivityReport, key: keyof ReportTotals): Backing {
  switch (key) {
    case 'events':
      return { records: eventRecords(listedEvents(report)) };
    case 'attendees_present':
      return { records: eventRecords(listedEvents(report)), note: tr('note.attendees') };
    case 'people_present':
      // The report counts them but does not name them: their events do.
      return { records: eventRecords(listedEvents(report)), note: tr('note.peoplePresent') };
    case 'sessions': {
      const sessions = listedSessions(report);
      const missing = report.totals.sessions - sessions.length;
      return { records: sessionRecords(sessions), note: missing > 0 ? sessionsElsewhere(missing) : undefined };
    }
    case 'engagements':
      return { records: engagements(report) };
    case 'collectives':
      return {
        records: report.collectives.map((c) => ({
          kind: 'organization',
          id: c.organization.id,
          name: c.organization.name,
          detail: countTotal('sessions', c.sessions),
        })),
      };
    case 'new_contacts':
      return { records: newContacts(report), note: report.new_contacts.length > 1 ? tr('note.sectors') : undefined };
    case 'cohorts':
      return {
        records: report.cohorts.map((c) => ({ kind: 'cohort', id: c.id, name: c.name, detail: tr('cohorts.programme', { name: c.programme.name }) })),
      };
    case 'objectives_reached':
      return { records: objectiveRecords(report.objectives) };
  }
}

/** A period with nothing recorded: every headline figure is zero. */
export const isEmpty = (report: ActivityReport) => Object.values(report.totals).every((value) => value === 0);
