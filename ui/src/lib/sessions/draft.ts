// The draft that rewrites a session as it is now on screen (for the few whole-session updates,
// such as the next session's date).

import type { Session, SessionDraft } from '../coaching/api';

export interface OnScreen {
  preparation: string;
  notes: string;
  decisions: string[];
  nextOn: string;
}

export function sessionDraft(session: Session, screen: OnScreen): SessionDraft {
  return {
    title: session.title,
    engagement_id: session.engagement?.id ?? null,
    organizations: session.organizations.map((o) => o.id),
    starts_at: session.starts_at,
    duration_minutes: session.duration_minutes,
    place: session.place,
    format: session.format,
    participants: session.participants.map((p) => p.id),
    facilitators: session.facilitators.map((p) => p.id),
    preparation: screen.preparation,
    notes: screen.notes,
    decisions: [...screen.decisions],
    next_session_on: screen.nextOn || null,
  };
}
