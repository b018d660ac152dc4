// What an event says, as a draft to send back: for the changes made outside the form (the
// unnamed count at the door), which must keep everything else as it is.

import type { Event, EventDraft } from './api';

export function draftOf(event: Event, change: Partial<EventDraft> = {}): EventDraft {
  return {
    title: event.title,
    series_id: event.series?.id ?? null,
    starts_at: event.starts_at,
    ends_at: event.ends_at,
    place: event.place,
    speakers: event.speakers.map((p) => p.id),
    guests: event.guests.map((p) => p.id),
    organizations: event.organizations.map((o) => o.id),
    description: event.description,
    notes: event.notes,
    unnamed_count: event.unnamed_count,
    ...change,
  };
}

/** « Awa Diallo » → first name « Awa », last name « Diallo »; « Jean-Marc de La Tour » keeps « de La Tour ». */
export function splitName(text: string): { first: string; last: string } {
  const words = text.split(/\s+/).filter(Boolean);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}
