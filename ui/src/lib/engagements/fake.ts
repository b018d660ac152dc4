// An in-memory `CoachingBackend` for the tests of "Ma semaine", the engagement screens and the
// templates. It keeps session summaries (not whole sessions) and computes the week and the
// engagement page from them the way the core does; the session editor's commands are not
// needed by these screens and refuse.

import { ApiError } from '../api';
import type {
  Action,
  ActionDraft,
  ActionQuery,
  ActionStatus,
  ActionsByOwner,
  OwnersBeyond,
  CoachingBackend,
  Engagement,
  EngagementDraft,
  EngagementPage,
  EngagementStatus,
  Session,
  SessionSummary,
  SessionTemplate,
  TemplateDraft,
  Week,
  WeekQuery,
} from '../coaching/api';
import type { Problem } from '../api/types.gen';

const STAMP = '2026-01-01T00:00:00Z';

export function makeEngagement(overrides: Partial<Engagement> & { id: string }): Engagement {
  return {
    title: 'Accompagnement',
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
    created_at: STAMP,
    updated_at: STAMP,
    ...overrides,
  };
}

export function makeSession(overrides: Partial<SessionSummary> & { id: string; starts_at: string }): SessionSummary {
  return {
    title: 'Séance',
    duration_minutes: 120,
    place: '',
    format: 'collective',
    engagement: null,
    organizations: [],
    open_actions: 0,
    ...overrides,
  };
}

export function makeAction(overrides: Partial<Action> & { id: string }): Action {
  return {
    text: 'Action',
    owner: null,
    objective: null,
    due_on: null,
    status: 'todo',
    done_on: null,
    session: null,
    created_at: STAMP,
    updated_at: STAMP,
    ...overrides,
  };
}

export function makeTemplate(overrides: Partial<SessionTemplate> & { id: string }): SessionTemplate {
  return { name: 'Modèle', body: '', updated_at: STAMP, ...overrides };
}

function invalid(field: string, problem: Problem): ApiError {
  return new ApiError({ kind: 'invalid', message: `${field}: ${problem.code}`, field, problem });
}

function notFound(what: string): ApiError {
  return new ApiError({ kind: 'not_found', message: `no ${what}`, field: null, problem: null });
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d + days));
  return at.toISOString().slice(0, 10);
}

/** Groups open actions by owner, owners by name, the ones nobody owns last. */
/** Actions by owner as the core groups them: owners by name, each group's first `limit`
 * actions, the list's first `owners` groups and the others only counted. */
function byOwner(actions: Action[], limit?: number, owners?: number): [ActionsByOwner[], OwnersBeyond] {
  const groups = new Map<string, ActionsByOwner>();
  const urgent = [...actions].sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? '') || a.id.localeCompare(b.id));
  for (const action of urgent) {
    const key = action.owner?.id ?? '';
    const group = groups.get(key) ?? { owner: action.owner, actions: [], total: 0 };
    group.total += 1;
    if (limit === undefined || group.actions.length < limit) group.actions.push(action);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((a, b) => {
    if (!a.owner || !b.owner) return a.owner ? -1 : b.owner ? 1 : 0;
    return a.owner.name.localeCompare(b.owner.name);
  });
  const kept = sorted.slice(0, owners ?? sorted.length);
  const left = sorted.slice(kept.length);
  return [kept, { owners: left.length, actions: left.reduce((sum, g) => sum + g.total, 0) }];
}

export class FakeCoachingBackend implements CoachingBackend {
  engagements: Engagement[] = [];
  sessions: SessionSummary[] = [];
  actions: Action[] = [];
  templates: SessionTemplate[] = [];
  /** Decisions of each session, by session id. */
  decisions = new Map<string, string[]>();
  /** Names of the organisations and people that drafts refer to by id. */
  names = new Map<string, string>();
  /** The rendered goals of an engagement; a bare paragraph when not set. */
  goalsHtml = new Map<string, string>();
  /** When set, calls to that command reject with it. */
  failures: Partial<Record<keyof CoachingBackend, ApiError>> = {};
  private next = 1;

  constructor(data: Partial<Pick<FakeCoachingBackend, 'engagements' | 'sessions' | 'actions' | 'templates'>> = {}) {
    this.engagements = structuredClone(data.engagements ?? []);
    this.sessions = structuredClone(data.sessions ?? []);
    this.actions = structuredClone(data.actions ?? []);
    this.templates = structuredClone(data.templates ?? []);
  }

  private fail(command: keyof CoachingBackend): void {
    const failure = this.failures[command];
    if (failure) throw failure;
  }

  private ref(id: string) {
    return { id, name: this.names.get(id) ?? id };
  }

  private sessionsOf(engagementId: string): SessionSummary[] {
    return this.sessions
      .filter((s) => s.engagement?.id === engagementId)
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  }

  private withSessions(e: Engagement): Engagement {
    const sessions = this.sessionsOf(e.id);
    return { ...e, session_count: sessions.length, last_session_at: sessions.at(-1)?.starts_at ?? null };
  }

  async listEngagements(status: EngagementStatus | null = null): Promise<Engagement[]> {
    this.fail('listEngagements');
    return structuredClone(
      this.engagements
        .filter((e) => status === null || e.status === status)
        .map((e) => this.withSessions(e))
        .sort((a, b) => a.title.localeCompare(b.title)),
    );
  }

  async engagementPage(id: string): Promise<EngagementPage> {
    this.fail('engagementPage');
    const found = this.engagements.find((e) => e.id === id);
    if (!found) throw notFound(`engagement ${id}`);
    const engagement = this.withSessions(found);
    const sessions = this.sessionsOf(id);
    const sessionIds = new Set(sessions.map((s) => s.id));
    const actions = this.actions
      .filter((a) => a.session && sessionIds.has(a.session.id))
      .sort((a, b) => Number(a.status !== 'todo') - Number(b.status !== 'todo'));
    const counted = actions.filter((a) => a.status !== 'dropped');
    return structuredClone({
      engagement,
      goals_html: this.goalsHtml.get(id) ?? (engagement.goals ? `<p>${engagement.goals}</p>` : ''),
      progress: {
        goals_done: (engagement.goals.match(/^\s*[-*] \[[xX]\]/gm) ?? []).length,
        goals_total: (engagement.goals.match(/^\s*[-*] \[[ xX]\]/gm) ?? []).length,
        actions_done: counted.filter((a) => a.status === 'done').length,
        actions_total: counted.length,
      },
      sessions,
      decisions: sessions.flatMap((s) =>
        (this.decisions.get(s.id) ?? []).map((text) => ({
          text,
          session: { id: s.id, title: s.title, starts_at: s.starts_at },
        })),
      ),
      actions,
    });
  }

  private build(draft: EngagementDraft, base: Engagement): Engagement {
    const title = draft.title.trim().replace(/\s+/g, ' ');
    if (!title) throw invalid('title', { code: 'required' });
    if (draft.organizations.length === 0) throw invalid('organizations', { code: 'required' });
    if (draft.starts_on && draft.ends_on && draft.ends_on < draft.starts_on) {
      throw invalid('ends_on', { code: 'ends_before_start' });
    }
    return {
      ...base,
      title,
      organizations: draft.organizations.map((id) => this.ref(id)),
      kinds: [...draft.kinds],
      goals: draft.goals,
      starts_on: draft.starts_on,
      ends_on: draft.ends_on,
      cadence: draft.cadence.trim(),
      funder: draft.funder_id ? this.ref(draft.funder_id) : null,
      status: draft.status,
      leads: draft.leads.map((id) => this.ref(id)),
    };
  }

  async createEngagement(draft: EngagementDraft): Promise<Engagement> {
    this.fail('createEngagement');
    const created = this.build(draft, makeEngagement({ id: `engagement-${this.next++}` }));
    this.engagements.push(created);
    return structuredClone(created);
  }

  async updateEngagement(id: string, draft: EngagementDraft): Promise<Engagement> {
    this.fail('updateEngagement');
    const index = this.engagements.findIndex((e) => e.id === id);
    const current = this.engagements[index];
    if (!current) throw notFound(`engagement ${id}`);
    const updated = this.build(draft, current);
    this.engagements[index] = updated;
    return structuredClone(this.withSessions(updated));
  }

  async deleteEngagement(id: string): Promise<void> {
    this.fail('deleteEngagement');
    if (!this.engagements.some((e) => e.id === id)) throw notFound(`engagement ${id}`);
    this.engagements = this.engagements.filter((e) => e.id !== id);
    for (const s of this.sessions) if (s.engagement?.id === id) s.engagement = null;
  }

  async listSessions(): Promise<SessionSummary[]> {
    this.fail('listSessions');
    return structuredClone(this.sessions);
  }

  private unsupported(command: string): Promise<never> {
    return Promise.reject(
      new ApiError({ kind: 'internal', message: `${command} is not in the fake`, field: null, problem: null }),
    );
  }

  getSession(): Promise<Session> {
    return this.unsupported('getSession');
  }
  createSession(): Promise<Session> {
    return this.unsupported('createSession');
  }
  updateSession(): Promise<Session> {
    return this.unsupported('updateSession');
  }
  saveSessionText(): Promise<string> {
    return this.unsupported('saveSessionText');
  }
  setSessionDecisions(): Promise<Session> {
    return this.unsupported('setSessionDecisions');
  }
  deleteSession(): Promise<void> {
    return this.unsupported('deleteSession');
  }
  exportSession(): Promise<string> {
    return this.unsupported('exportSession');
  }
  saveSessionFile(): Promise<string> {
    return this.unsupported('saveSessionFile');
  }
  saveCalendarFile(): Promise<string> {
    return this.unsupported('saveCalendarFile');
  }

  async listActions(query: ActionQuery): Promise<Action[]> {
    this.fail('listActions');
    return structuredClone(
      this.actions.filter(
        (a) =>
          (query.owner_id === null || a.owner?.id === query.owner_id) &&
          (query.status === null || a.status === query.status) &&
          (query.overdue_on === null || (a.status === 'todo' && a.due_on !== null && a.due_on < query.overdue_on)),
      ),
    );
  }

  async getAction(id: string): Promise<Action> {
    this.fail('getAction');
    const action = this.actions.find((a) => a.id === id);
    if (!action) throw notFound(`action ${id}`);
    return structuredClone(action);
  }

  async addAction(draft: ActionDraft): Promise<Action> {
    this.fail('addAction');
    const session = this.sessions.find((s) => s.id === draft.session_id);
    const action = makeAction({
      id: `action-${this.next++}`,
      text: draft.text,
      owner: draft.owner_id ? { id: draft.owner_id, name: this.names.get(draft.owner_id) ?? draft.owner_id } : null,
      due_on: draft.due_on,
      session: session ? { id: session.id, title: session.title, starts_at: session.starts_at } : null,
    });
    this.actions.push(action);
    return structuredClone(action);
  }

  async updateAction(id: string, draft: ActionDraft): Promise<Action> {
    this.fail('updateAction');
    const action = this.actions.find((a) => a.id === id);
    if (!action) throw notFound(`action ${id}`);
    action.text = draft.text;
    action.due_on = draft.due_on;
    return structuredClone(action);
  }

  async setActionStatus(id: string, status: ActionStatus, today: string): Promise<Action> {
    this.fail('setActionStatus');
    const action = this.actions.find((a) => a.id === id);
    if (!action) throw notFound(`action ${id}`);
    action.status = status;
    action.done_on = status === 'done' ? today : null;
    return structuredClone(action);
  }

  async deleteAction(id: string): Promise<void> {
    this.fail('deleteAction');
    this.actions = this.actions.filter((a) => a.id !== id);
  }

  async listTemplates(): Promise<SessionTemplate[]> {
    this.fail('listTemplates');
    return structuredClone([...this.templates].sort((a, b) => a.name.localeCompare(b.name)));
  }

  private checkTemplate(draft: TemplateDraft): TemplateDraft {
    const name = draft.name.trim().replace(/\s+/g, ' ');
    if (!name) throw invalid('name', { code: 'required' });
    return { name, body: draft.body };
  }

  async createTemplate(draft: TemplateDraft): Promise<SessionTemplate> {
    this.fail('createTemplate');
    const template = { id: `template-${this.next++}`, ...this.checkTemplate(draft), updated_at: STAMP };
    this.templates.push(template);
    return structuredClone(template);
  }

  async updateTemplate(id: string, draft: TemplateDraft): Promise<SessionTemplate> {
    this.fail('updateTemplate');
    const index = this.templates.findIndex((t) => t.id === id);
    if (index < 0) throw notFound(`template ${id}`);
    const template = { id, ...this.checkTemplate(draft), updated_at: STAMP };
    this.templates[index] = template;
    return structuredClone(template);
  }

  async deleteTemplate(id: string): Promise<void> {
    this.fail('deleteTemplate');
    if (!this.templates.some((t) => t.id === id)) throw notFound(`template ${id}`);
    this.templates = this.templates.filter((t) => t.id !== id);
  }

  async myWeek(query: WeekQuery): Promise<Week> {
    this.fail('myWeek');
    const within = (from: string, to: string) => (s: SessionSummary) =>
      Date.parse(s.starts_at) >= Date.parse(from) && Date.parse(s.starts_at) < Date.parse(to);
    const sorted = [...this.sessions].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    const today = sorted.filter(within(query.day_start, query.day_end));
    const open = this.actions.filter((a) => a.status === 'todo' && a.due_on !== null);
    const horizon = addDays(query.today, 14);
    const staleBefore = Date.parse(query.day_start) - query.stale_after_weeks * 7 * 86_400_000;
    const [overdue, overdue_beyond] = byOwner(
      open.filter((a) => a.due_on! < query.today),
      query.actions_per_owner,
      query.owners_per_section,
    );
    const [upcoming, upcoming_beyond] = byOwner(
      open.filter((a) => a.due_on! >= query.today && a.due_on! <= horizon),
      query.actions_per_owner,
      query.owners_per_section,
    );
    return structuredClone({
      today,
      this_week: sorted.filter((s) => within(query.week_start, query.week_end)(s) && !today.includes(s)),
      overdue,
      upcoming,
      overdue_beyond,
      upcoming_beyond,
      quiet_engagements: this.engagements
        .filter((e) => e.status === 'active')
        .map((e) => this.withSessions(e))
        .filter((e) => e.last_session_at === null || Date.parse(e.last_session_at) < staleBefore)
        .map((e) => ({
          engagement: { id: e.id, title: e.title },
          organizations: e.organizations,
          last_session_at: e.last_session_at,
        })),
    });
  }

  async renderMarkdown(text: string): Promise<string> {
    this.fail('renderMarkdown');
    return `<p>${text}</p>`;
  }
}
