// The door to Rust for coaching work: engagements, sessions, actions, templates and "Ma
// semaine". One typed wrapper per desktop command (see src-tauri/commands/coaching.rs);
// multi-word arguments are camelCase on this side, as Tauri expects.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toApiError } from '../api';
import type {
  Action,
  ActionDraft,
  ActionQuery,
  ActionStatus,
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
} from '../api/types.gen';

export type {
  Action,
  ActionDraft,
  ActionQuery,
  ActionStatus,
  ActionsByOwner,
  DecisionRef,
  Engagement,
  EngagementDraft,
  EngagementKind,
  EngagementPage,
  EngagementRef,
  EngagementStatus,
  OrgRef,
  OwnersBeyond,
  Progress,
  QuietEngagement,
  Session,
  SessionDraft,
  SessionFormat,
  SessionQuery,
  SessionRef,
  SessionSummary,
  SessionTemplate,
  SessionText,
  TemplateDraft,
  Week,
  WeekQuery,
} from '../api/types.gen';

/** What a session can be exported to. */
export type SessionExportFormat = 'md' | 'html';

export interface CoachingBackend {
  listEngagements(status?: EngagementStatus | null): Promise<Engagement[]>;
  engagementPage(id: string): Promise<EngagementPage>;
  createEngagement(draft: EngagementDraft): Promise<Engagement>;
  updateEngagement(id: string, draft: EngagementDraft): Promise<Engagement>;
  deleteEngagement(id: string): Promise<void>;

  listSessions(query: SessionQuery): Promise<SessionSummary[]>;
  getSession(id: string): Promise<Session>;
  /** Creates a session; its preparation starts from the template when the draft has none, and
   *  the previous session's open actions are carried into it. */
  createSession(draft: SessionDraft, templateId: string | null): Promise<Session>;
  updateSession(id: string, draft: SessionDraft): Promise<Session>;
  /** Autosave: writes the preparation or the notes; resolves to when it was saved (RFC 3339). */
  saveSessionText(id: string, which: SessionText, text: string): Promise<string>;
  setSessionDecisions(id: string, decisions: string[]): Promise<Session>;
  deleteSession(id: string): Promise<void>;
  /** The session as Markdown or as a printable, sanitized HTML page. */
  exportSession(id: string, format: SessionExportFormat): Promise<string>;
  /** Writes the session's Markdown to the Downloads folder; resolves to the file's path. */
  saveSessionFile(id: string, format: SessionExportFormat): Promise<string>;
  /** Writes every session to an iCalendar file in the Downloads folder; resolves to its path. */
  saveCalendarFile(): Promise<string>;

  listActions(query: ActionQuery): Promise<Action[]>;
  getAction(id: string): Promise<Action>;
  addAction(draft: ActionDraft): Promise<Action>;
  updateAction(id: string, draft: ActionDraft): Promise<Action>;
  /** `today` is the user's local date (YYYY-MM-DD): it becomes the done date. */
  setActionStatus(id: string, status: ActionStatus, today: string): Promise<Action>;
  deleteAction(id: string): Promise<void>;

  listTemplates(): Promise<SessionTemplate[]>;
  createTemplate(draft: TemplateDraft): Promise<SessionTemplate>;
  updateTemplate(id: string, draft: TemplateDraft): Promise<SessionTemplate>;
  deleteTemplate(id: string): Promise<void>;

  myWeek(query: WeekQuery): Promise<Week>;
  /** Markdown rendered by the core through its sanitizer: safe to put in the page. */
  renderMarkdown(text: string): Promise<string>;
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriCoachingBackend: CoachingBackend = {
  listEngagements: (status = null) => call('list_engagements', { status }),
  engagementPage: (id) => call('engagement_page', { id }),
  createEngagement: (draft) => call('create_engagement', { draft }),
  updateEngagement: (id, draft) => call('update_engagement', { id, draft }),
  deleteEngagement: (id) => call('delete_engagement', { id }),

  listSessions: (query) => call('list_sessions', { query }),
  getSession: (id) => call('get_session', { id }),
  createSession: (draft, templateId) => call('create_session', { draft, templateId }),
  updateSession: (id, draft) => call('update_session', { id, draft }),
  saveSessionText: (id, which, text) => call('save_session_text', { id, which, text }),
  setSessionDecisions: (id, decisions) => call('set_session_decisions', { id, decisions }),
  deleteSession: (id) => call('delete_session', { id }),
  exportSession: (id, format) => call('export_session', { id, format }),
  saveSessionFile: (id, format) => call('save_session_file', { id, format }),
  saveCalendarFile: () => call('save_calendar_file'),

  listActions: (query) => call('list_actions', { query }),
  getAction: (id) => call('get_action', { id }),
  addAction: (draft) => call('add_action', { draft }),
  updateAction: (id, draft) => call('update_action', { id, draft }),
  setActionStatus: (id, status, today) => call('set_action_status', { id, status, today }),
  deleteAction: (id) => call('delete_action', { id }),

  listTemplates: () => call('list_templates'),
  createTemplate: (draft) => call('create_template', { draft }),
  updateTemplate: (id, draft) => call('update_template', { id, draft }),
  deleteTemplate: (id) => call('delete_template', { id }),

  myWeek: (query) => call('my_week', { query }),
  renderMarkdown: (text) => call('render_markdown', { text }),
};
