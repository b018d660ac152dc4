// An in-memory `CoachingBackend` for the sessions tests and for working on the screens without
// Rust. It keeps what the screens rely on (carried actions, template preparation, decisions,
// statuses, not_found) and a tiny Markdown renderer that escapes everything, as the core's
// sanitizer would; a test that wants a refusal asks for it with `failNext`.

import { ApiError, type ErrorPayload } from '../api';
import type {
  Action,
  ActionDraft,
  ActionQuery,
  ActionStatus,
  CoachingBackend,
  Engagement,
  EngagementDraft,
  EngagementPage,
  EngagementStatus,
  Session,
  SessionDraft,
  SessionQuery,
  SessionSummary,
  SessionTemplate,
  SessionText,
  TemplateDraft,
  Week,
  WeekQuery,
} from '../coaching/api';

type Method = keyof CoachingBackend;
const NOW = '2026-11-25T09:42:00Z';

function notFound(what: string, id: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what} with id ${id}`, field: null, problem: null });
}

export function makeSession(fields: Partial<Session> & Pick<Session, 'id'>): Session {
  return {
    title: 'Séance',
    engagement: null,
    organizations: [],
    starts_at: '2026-12-02T17:00:00Z',
    duration_minutes: 90,
    place: '',
    format: 'collective',
    participants: [],
    facilitators: [],
    preparation: '',
    notes: '',
    decisions: [],
    next_session_on: null,
    actions: [],
    carried_actions: [],
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  };
}

export function makeAction(fields: Partial<Action> & Pick<Action, 'id' | 'text'>): Action {
  return {
    owner: null,
    objective: null,
    due_on: null,
    status: 'todo',
    done_on: null,
    session: null,
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  };
}

export function makeEngagement(fields: Partial<Engagement> & Pick<Engagement, 'id' | 'title'>): Engagement {
  return {
    organizations: [],
    kinds: [],
    goals: '',
    starts_on: null,
    ends_on: null,
    cadence: '',
    funder: null,
    status: 'active',
    leads: [],
    last_session_at: null,
    session_count: 0,
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs, **bold** and [links](url), everything else escaped. */
export function fakeMarkdown(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((block) => block.trim())
    .map((block) => {
      const html = escapeHtml(block.trim())
        .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
        .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>');
      return `<p>${html}</p>`;
    })
    .join('\n');
}

export interface FakeCoachingData {
  sessions?: Session[];
  engagements?: Engagement[];
  templates?: SessionTemplate[];
  /** People and organisations by id, to name the refs of what is created. */
  names?: Record<string, string>;
}

export class FakeCoachingBackend implements CoachingBackend {
  sessions: Session[];
  engagements: Engagement[];
  templates: SessionTemplate[];
  names: Record<string, string>;
  /** Every call to saveSessionText, in order. */
  savedTexts: { id: string; which: SessionText; text: string }[] = [];
  private failures = new Map<Method, ErrorPayload>();
  private nextId = 1;
  now = NOW;

  constructor(data: FakeCoachingData = {}) {
    this.sessions = structuredClone(data.sessions ?? []);
    this.engagements = structuredClone(data.engagements ?? []);
    this.templates = structuredClone(data.templates ?? []);
    this.names = { ...(data.names ?? {}) };
  }

  /** Makes the next call of `method` reject with this payload, as the Tauri backend would. */
  failNext(method: Method, payload: Partial<ErrorPayload> & Pick<ErrorPayload, 'kind'>): void {
    this.failures.set(method, { message: payload.kind, field: null, problem: null, ...payload });
  }

  private async check(method: Method): Promise<void> {
    // Let the caller reach its awaiting state first, as with a real round trip.
    await Promise.resolve();
    const payload = this.failures.get(method);
    if (payload) {
      this.failures.delete(method);
      throw new ApiError(payload);
    }
  }

  private newId(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  private session(id: string): Session {
    const session = this.sessions.find((s) => s.id === id);
    if (!session) throw notFound('session', id);
    return session;
  }

  private ref(id: string) {
    return { id, name: this.names[id] ?? id };
  }

  private allActions(): Action[] {
    const seen = new Map<string, Action>();
    for (const s of this.sessions) for (const a of [...s.actions, ...s.carried_actions]) seen.set(a.id, a);
    return [...seen.values()];
  }

  /** Writes `action` everywhere it appears (its own session and the ones it was carried to). */
  private storeAction(action: Action): void {
    for (const s of this.sessions) {
      s.actions = s.actions.map((a) => (a.id === action.id ? action : a));
      s.carried_actions = s.carried_actions.map((a) => (a.id === action.id ? action : a));
    }
  }

  private summary(s: Session): SessionSummary {
    return {
      id: s.id,
      title: s.title,
      starts_at: s.starts_at,
      duration_minutes: s.duration_minutes,
      place: s.place,
      format: s.format,
      engagement: s.engagement,
      organizations: s.organizations,
      open_actions: s.actions.filter((a) => a.status === 'todo').length,
    };
  }

  // Engagements

  async listEngagements(status: EngagementStatus | null = null): Promise<Engagement[]> {
    await this.check('listEngagements');
    return structuredClone(this.engagements.filter((e) => status === null || e.status === status));
  }

  async engagementPage(id: string): Promise<EngagementPage> {
    await this.check('engagementPage');
    const engagement = this.engagements.find((e) => e.id === id);
    if (!engagement) throw notFound('engagement', id);
    const sessions = this.sessions.filter((s) => s.engagement?.id === id);
    return structuredClone({
      engagement,
      goals_html: fakeMarkdown(engagement.goals),
      progress: { goals_done: 0, goals_total: 0, actions_done: 0, actions_total: 0 },
      sessions: sessions.map((s) => this.summary(s)),
      decisions: sessions.flatMap((s) => s.decisions.map((text) => ({ text, session: { id: s.id, title: s.title, starts_at: s.starts_at } }))),
      actions: sessions.flatMap((s) => s.actions),
    });
  }

  async createEngagement(draft: EngagementDraft): Promise<Engagement> {
    await this.check('createEngagement');
    const engagement = makeEngagement({
      id: this.newId('engagement'),
      title: draft.title,
      organizations: draft.organizations.map((id) => this.ref(id)),
      status: draft.status,
    });
    this.engagements.push(engagement);
    return structuredClone(engagement);
  }

  async updateEngagement(id: string, draft: EngagementDraft): Promise<Engagement> {
    await this.check('updateEngagement');
    const engagement = this.engagements.find((e) => e.id === id);
    if (!engagement) throw notFound('engagement', id);
    Object.assign(engagement, { title: draft.title, status: draft.status });
    return structuredClone(engagement);
  }

  async deleteEngagement(id: string): Promise<void> {
    await this.check('deleteEngagement');
    this.engagements = this.engagements.filter((e) => e.id !== id);
  }

  // Sessions

  async listSessions(query: SessionQuery): Promise<SessionSummary[]> {
    await this.check('listSessions');
    const found = this.sessions
      .filter((s) => query.engagement_id === null || s.engagement?.id === query.engagement_id)
      .filter((s) => query.organization_id === null || s.organizations.some((o) => o.id === query.organization_id))
      .filter(
        (s) =>
          query.person_id === null ||
          [...s.participants, ...s.facilitators].some((p) => p.id === query.person_id),
      )
      .filter((s) => query.from === null || Date.parse(s.starts_at) >= Date.parse(query.from))
      .filter((s) => query.to === null || Date.parse(s.starts_at) < Date.parse(query.to))
      .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
    if (query.newest_first) found.reverse();
    const limited = query.limit === null ? found : found.slice(0, query.limit);
    return structuredClone(limited.map((s) => this.summary(s)));
  }

  async getSession(id: string): Promise<Session> {
    await this.check('getSession');
    return structuredClone(this.session(id));
  }

  async createSession(draft: SessionDraft, templateId: string | null): Promise<Session> {
    await this.check('createSession');
    const template = templateId === null ? null : this.templates.find((t) => t.id === templateId);
    if (template === undefined) throw notFound('template', templateId ?? '');
    const engagement = draft.engagement_id === null ? null : this.engagements.find((e) => e.id === draft.engagement_id);
    if (engagement === undefined) throw notFound('engagement', draft.engagement_id ?? '');
    const earlier = engagement
      ? this.sessions.filter((s) => s.engagement?.id === engagement.id && Date.parse(s.starts_at) < Date.parse(draft.starts_at))
      : [];
    const session = makeSession({
      id: this.newId('session'),
      ...this.fromDraft(draft),
      engagement: engagement ? { id: engagement.id, title: engagement.title } : null,
      preparation: draft.preparation || template?.body || '',
      carried_actions: earlier.flatMap((s) => s.actions.filter((a) => a.status === 'todo')),
    });
    this.sessions.push(session);
    return structuredClone(session);
  }

  private fromDraft(draft: SessionDraft): Partial<Session> {
    return {
      title: draft.title,
      organizations: draft.organizations.map((id) => this.ref(id)),
      starts_at: draft.starts_at,
      duration_minutes: draft.duration_minutes,
      place: draft.place,
      format: draft.format,
      participants: draft.participants.map((id) => this.ref(id)),
      facilitators: draft.facilitators.map((id) => this.ref(id)),
      preparation: draft.preparation,
      notes: draft.notes,
      decisions: [...draft.decisions],
      next_session_on: draft.next_session_on,
    };
  }

  async updateSession(id: string, draft: SessionDraft): Promise<Session> {
    await this.check('updateSession');
    const session = this.session(id);
    const engagement = this.engagements.find((e) => e.id === draft.engagement_id);
    Object.assign(session, this.fromDraft(draft), {
      engagement: engagement ? { id: engagement.id, title: engagement.title } : session.engagement,
      updated_at: this.now,
    });
    return structuredClone(session);
  }

  async saveSessionText(id: string, which: SessionText, text: string): Promise<string> {
    await this.check('saveSessionText');
    this.session(id)[which] = text;
    this.savedTexts.push({ id, which, text });
    return this.now;
  }

  async setSessionDecisions(id: string, decisions: string[]): Promise<Session> {
    await this.check('setSessionDecisions');
    const session = this.session(id);
    session.decisions = [...decisions];
    return structuredClone(session);
  }

  async deleteSession(id: string): Promise<void> {
    await this.check('deleteSession');
    this.session(id);
    this.sessions = this.sessions.filter((s) => s.id !== id);
  }

  async exportSession(id: string, format: 'md' | 'html'): Promise<string> {
    await this.check('exportSession');
    const session = this.session(id);
    const markdown = `# ${session.title}\n\n${session.preparation}\n\n${session.notes}\n`;
    return format === 'md' ? markdown : fakeMarkdown(markdown);
  }

  async saveSessionFile(id: string, format: 'md' | 'html'): Promise<string> {
    await this.check('saveSessionFile');
    this.session(id);
    return `/home/equipe/Téléchargements/seance-${id}.${format}`;
  }

  async saveCalendarFile(): Promise<string> {
    await this.check('saveCalendarFile');
    return '/home/equipe/Téléchargements/flocon-seances.ics';
  }

  // Actions

  async listActions(query: ActionQuery): Promise<Action[]> {
    await this.check('listActions');
    const found = this.allActions()
      .filter((a) => query.owner_id === null || a.owner?.id === query.owner_id)
      .filter((a) => query.status === null || a.status === query.status);
    return structuredClone(query.limit === null ? found : found.slice(0, query.limit));
  }

  async getAction(id: string): Promise<Action> {
    await this.check('getAction');
    const action = this.allActions().find((a) => a.id === id);
    if (!action) throw notFound('action', id);
    return structuredClone(action);
  }

  async addAction(draft: ActionDraft): Promise<Action> {
    await this.check('addAction');
    const session = draft.session_id === null ? null : this.session(draft.session_id);
    const action = makeAction({
      id: this.newId('action'),
      text: draft.text,
      owner: draft.owner_id === null ? null : this.ref(draft.owner_id),
      due_on: draft.due_on,
      session: session ? { id: session.id, title: session.title, starts_at: session.starts_at } : null,
    });
    session?.actions.push(action);
    return structuredClone(action);
  }

  async updateAction(id: string, draft: ActionDraft): Promise<Action> {
    await this.check('updateAction');
    const action = this.allActions().find((a) => a.id === id);
    if (!action) throw notFound('action', id);
    const updated = {
      ...action,
      text: draft.text,
      owner: draft.owner_id === null ? null : this.ref(draft.owner_id),
      due_on: draft.due_on,
    };
    this.storeAction(updated);
    return structuredClone(updated);
  }

  async setActionStatus(id: string, status: ActionStatus, today: string): Promise<Action> {
    await this.check('setActionStatus');
    const action = this.allActions().find((a) => a.id === id);
    if (!action) throw notFound('action', id);
    const updated = { ...action, status, done_on: status === 'done' ? today : null };
    this.storeAction(updated);
    return structuredClone(updated);
  }

  async deleteAction(id: string): Promise<void> {
    await this.check('deleteAction');
    for (const s of this.sessions) {
      s.actions = s.actions.filter((a) => a.id !== id);
      s.carried_actions = s.carried_actions.filter((a) => a.id !== id);
    }
  }

  // Templates

  async listTemplates(): Promise<SessionTemplate[]> {
    await this.check('listTemplates');
    return structuredClone(this.templates);
  }

  async createTemplate(draft: TemplateDraft): Promise<SessionTemplate> {
    await this.check('createTemplate');
    const template = { id: this.newId('template'), ...draft, updated_at: this.now };
    this.templates.push(template);
    return structuredClone(template);
  }

  async updateTemplate(id: string, draft: TemplateDraft): Promise<SessionTemplate> {
    await this.check('updateTemplate');
    const template = this.templates.find((t) => t.id === id);
    if (!template) throw notFound('template', id);
    Object.assign(template, draft, { updated_at: this.now });
    return structuredClone(template);
  }

  async deleteTemplate(id: string): Promise<void> {
    await this.check('deleteTemplate');
    this.templates = this.templates.filter((t) => t.id !== id);
  }

  async myWeek(_query: WeekQuery): Promise<Week> {
    await this.check('myWeek');
    return {
      today: [],
      this_week: [],
      overdue: [],
      upcoming: [],
      quiet_engagements: [],
      overdue_beyond: { owners: 0, actions: 0 },
      upcoming_beyond: { owners: 0, actions: 0 },
    };
  }

  async renderMarkdown(text: string): Promise<string> {
    await this.check('renderMarkdown');
    return fakeMarkdown(text);
  }
}
