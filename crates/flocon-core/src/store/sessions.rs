//! Engagements, sessions, actions and templates: their SQL and the store methods over them.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params, types::Value};
use uuid::Uuid;

use super::persons::parse_stored_date;
use super::{
    Store, format_time, id_name_pairs, not_found, parse_time, parse_uuid, require, search,
    validate_each,
};
use crate::error::{Entity, Result};
use crate::markdown;
use crate::organization::PersonRef;
use crate::session::{
    Action, ActionDraft, ActionQuery, ActionsByOwner, DecisionRef, Engagement, EngagementDraft,
    EngagementPage, EngagementRef, ObjectiveLink, OrgRef, OwnersBeyond, Progress, QuietEngagement,
    Session, SessionDraft, SessionRef, SessionSummary, SessionTemplate, SessionText, TemplateDraft,
    Week, WeekQuery,
};
use crate::vocab::{ActionStatus, EngagementKind, EngagementStatus, SessionFormat};

/// How far ahead "Ma semaine" looks for actions coming due.
const UPCOMING_DAYS: i64 = 14;
/// How many sessions a person or organisation page shows.
const TIMELINE_LENGTH: u32 = 100;

const PARTICIPANT: &str = "participant";
const FACILITATOR: &str = "facilitator";

/// Which sessions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SessionQuery {
    #[ts(type = "string | null")]
    pub engagement_id: Option<Uuid>,
    #[ts(type = "string | null")]
    pub organization_id: Option<Uuid>,
    /// Sessions this person took part in or facilitated.
    #[ts(type = "string | null")]
    pub person_id: Option<Uuid>,
    /// Sessions starting at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Sessions starting before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Newest first instead of oldest first.
    pub newest_first: bool,
    pub limit: Option<u32>,
}

impl Store {
    // --- Engagements ------------------------------------------------------------------------

    pub fn create_engagement(&self, draft: EngagementDraft) -> Result<Engagement> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            check_engagement_links(tx, &draft)?;
            let now = format_time(Utc::now());
            tx.execute(
                "INSERT INTO engagement (id, title, goals, starts_on, ends_on, cadence, funder_id,
                     status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    id.to_string(),
                    draft.title,
                    draft.goals,
                    draft.starts_on.map(|d| d.to_string()),
                    draft.ends_on.map(|d| d.to_string()),
                    draft.cadence,
                    draft.funder_id.map(|f| f.to_string()),
                    draft.status.code(),
                    now,
                ],
            )?;
            write_engagement_links(tx, id, &draft)?;
            get_engagement(tx, id)
        })
    }

    pub fn update_engagement(&self, id: Uuid, draft: EngagementDraft) -> Result<Engagement> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_engagement_links(tx, &draft)?;
            let changed = tx.execute(
                "UPDATE engagement SET title = ?2, goals = ?3, starts_on = ?4, ends_on = ?5,
                     cadence = ?6, funder_id = ?7, status = ?8, updated_at = ?9
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.title,
                    draft.goals,
                    draft.starts_on.map(|d| d.to_string()),
                    draft.ends_on.map(|d| d.to_string()),
                    draft.cadence,
                    draft.funder_id.map(|f| f.to_string()),
                    draft.status.code(),
                    format_time(Utc::now()),
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Engagement, id));
            }
            for table in [
                "engagement_kind",
                "engagement_organization",
                "engagement_lead",
            ] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE engagement_id = ?1"),
                    [id.to_string()],
                )?;
            }
            write_engagement_links(tx, id, &draft)?;
            // Sessions show their engagement's title in the index.
            for session in ids(
                tx,
                "SELECT id FROM session WHERE engagement_id = ?1",
                &id.to_string(),
            )? {
                search::index_session(tx, &session)?;
            }
            get_engagement(tx, id)
        })
    }

    /// Deletes the engagement; its sessions stay, without an engagement.
    pub fn delete_engagement(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            super::trash::keep(tx, super::trash::TrashKind::Engagement, id)?;
            if tx.execute("DELETE FROM engagement WHERE id = ?1", [id.to_string()])? == 0 {
                return Err(not_found(Entity::Engagement, id));
            }
            Ok(())
        })
    }

    pub fn get_engagement(&self, id: Uuid) -> Result<Engagement> {
        self.db.read(|c| get_engagement(c, id))
    }

    /// Engagements in progress first, then by title.
    pub fn list_engagements(&self, status: Option<EngagementStatus>) -> Result<Vec<Engagement>> {
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM engagement WHERE ?1 IS NULL OR status = ?1
                 ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'preparing' THEN 1
                          WHEN 'suspended' THEN 2 ELSE 3 END, title COLLATE NOCASE, id",
            )?;
            let ids = stmt
                .query_map([status.map(EngagementStatus::code)], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids.iter()
                .map(|id| get_engagement(c, parse_uuid(id)?))
                .collect()
        })
    }

    pub fn engagement_page(&self, id: Uuid) -> Result<EngagementPage> {
        self.db.read(|c| {
            let engagement = get_engagement(c, id)?;
            let sessions = list_sessions(
                c,
                &SessionQuery {
                    engagement_id: Some(id),
                    ..SessionQuery::default()
                },
            )?;
            let mut decisions = Vec::new();
            for s in &sessions {
                for text in decisions_of(c, &s.id.to_string())? {
                    decisions.push(DecisionRef {
                        text,
                        session: SessionRef {
                            id: s.id,
                            title: s.title.clone(),
                            starts_at: s.starts_at,
                        },
                    });
                }
            }
            let mut actions = actions_where(
                c,
                "a.session_id IN (SELECT id FROM session WHERE engagement_id = ?1)",
                vec![Value::Text(id.to_string())],
            )?;
            actions.sort_by_key(|a| (a.status != ActionStatus::Todo, a.due_on.is_none(), a.due_on));
            let (goals_done, goals_total) = markdown::task_progress(&engagement.goals);
            let progress = Progress {
                goals_done,
                goals_total,
                actions_done: count(&actions, ActionStatus::Done),
                actions_total: (actions.len() as u32) - count(&actions, ActionStatus::Dropped),
            };
            Ok(EngagementPage {
                goals_html: markdown::to_safe_html(&engagement.goals),
                engagement,
                progress,
                sessions,
                decisions,
                actions,
            })
        })
    }

    // --- Sessions ---------------------------------------------------------------------------

    /// Creates a session. Its preparation starts from the template when one is given and the
    /// draft has none, and the open actions of the previous session of the same engagement (or,
    /// without one, of the same collective) are carried into it.
    pub fn create_session(
        &self,
        draft: SessionDraft,
        template_id: Option<Uuid>,
    ) -> Result<Session> {
        let mut draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            if let Some(template) = template_id
                && draft.preparation.trim().is_empty()
            {
                draft.preparation = get_template(tx, template)?.body;
            }
            insert_session(tx, id, &draft)?;
            get_session(tx, id)
        })
    }

    /// Creates many sessions in one transaction, in the order given: all of them, or none if
    /// one is invalid (the error then names the draft's position, as `sessions.3.title`). Each
    /// carries the open actions of the session before it, as `create_session` does.
    pub fn create_sessions(&self, drafts: Vec<SessionDraft>) -> Result<Vec<Uuid>> {
        let drafts = validate_each("sessions", drafts, SessionDraft::validate)?;
        self.db.write(|tx| {
            drafts
                .iter()
                .map(|draft| {
                    let id = Uuid::now_v7();
                    insert_session(tx, id, draft)?;
                    Ok(id)
                })
                .collect()
        })
    }

    /// Replaces every field of the session with the draft's (its actions stay).
    pub fn update_session(&self, id: Uuid, draft: SessionDraft) -> Result<Session> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_session_links(tx, &draft)?;
            let changed = tx.execute(
                "UPDATE session SET title = ?2, engagement_id = ?3, starts_at = ?4,
                     duration_minutes = ?5, place = ?6, format = ?7, preparation = ?8, notes = ?9,
                     next_session_on = ?10, updated_at = ?11
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.title,
                    draft.engagement_id.map(|e| e.to_string()),
                    format_time(draft.starts_at),
                    draft.duration_minutes,
                    draft.place,
                    draft.format.code(),
                    draft.preparation,
                    draft.notes,
                    draft.next_session_on.map(|d| d.to_string()),
                    format_time(Utc::now()),
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Session, id));
            }
            for table in ["session_organization", "session_person", "session_decision"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE session_id = ?1"),
                    [id.to_string()],
                )?;
            }
            write_session_links(tx, id, &draft)?;
            search::index_session(tx, &id.to_string())?;
            reindex_actions_of(tx, id)?;
            get_session(tx, id)
        })
    }

    /// Writes one long text of a session (what autosave calls while someone types), and
    /// returns when it was saved.
    pub fn save_session_text(
        &self,
        id: Uuid,
        which: SessionText,
        text: &str,
    ) -> Result<DateTime<Utc>> {
        let field = match which {
            SessionText::Preparation => "preparation",
            SessionText::Notes => "notes",
        };
        let mut text = text.to_string();
        crate::person::check_long_text(field, &mut text)?;
        // The time as stored (to the millisecond), so the answer equals what is read back.
        let now = parse_time(&format_time(Utc::now()))?;
        self.db.write(|tx| {
            let changed = tx
                .prepare_cached(&format!(
                    "UPDATE session SET {field} = ?2, updated_at = ?3 WHERE id = ?1"
                ))?
                .execute(params![id.to_string(), text, format_time(now)])?;
            if changed == 0 {
                return Err(not_found(Entity::Session, id));
            }
            search::index_session(tx, &id.to_string())?;
            Ok(now)
        })
    }

    /// Replaces the session's decisions (the editor adds one from the current line).
    pub fn set_session_decisions(&self, id: Uuid, decisions: Vec<String>) -> Result<Session> {
        let decisions = crate::session::tidy_decisions(decisions)?;
        self.db.write(|tx| {
            let changed = tx.execute(
                "UPDATE session SET updated_at = ?2 WHERE id = ?1",
                params![id.to_string(), format_time(Utc::now())],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Session, id));
            }
            tx.execute(
                "DELETE FROM session_decision WHERE session_id = ?1",
                [id.to_string()],
            )?;
            write_decisions(tx, id, &decisions)?;
            search::index_session(tx, &id.to_string())?;
            get_session(tx, id)
        })
    }

    /// Deletes the session; the actions decided there stay, without an origin.
    pub fn delete_session(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            super::trash::keep(tx, super::trash::TrashKind::Session, id)?;
            let actions = ids(
                tx,
                "SELECT id FROM action WHERE session_id = ?1",
                &id.to_string(),
            )?;
            if tx.execute("DELETE FROM session WHERE id = ?1", [id.to_string()])? == 0 {
                return Err(not_found(Entity::Session, id));
            }
            for action in actions {
                search::index_action(tx, &action)?;
            }
            search::remove(tx, search::SearchKind::Session, &id.to_string())
        })
    }

    pub fn get_session(&self, id: Uuid) -> Result<Session> {
        self.db.read(|c| get_session(c, id))
    }

    pub fn list_sessions(&self, query: &SessionQuery) -> Result<Vec<SessionSummary>> {
        self.db.read(|c| list_sessions(c, query))
    }

    // --- Actions ----------------------------------------------------------------------------

    pub fn add_action(&self, draft: ActionDraft) -> Result<Action> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            insert_action(tx, id, &draft)?;
            get_action(tx, id)
        })
    }

    /// Adds many actions in one transaction: all of them, or none if one is invalid (the error
    /// then names the draft's position, as `actions.3.text`) or links to a missing record.
    pub fn add_actions(&self, drafts: Vec<ActionDraft>) -> Result<Vec<Uuid>> {
        let drafts = validate_each("actions", drafts, ActionDraft::validate)?;
        self.db.write(|tx| {
            drafts
                .iter()
                .map(|draft| {
                    let id = Uuid::now_v7();
                    insert_action(tx, id, draft)?;
                    Ok(id)
                })
                .collect()
        })
    }

    /// Changes an action's text, owner, due date or session; its status stays.
    pub fn update_action(&self, id: Uuid, draft: ActionDraft) -> Result<Action> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_action_links(tx, &draft)?;
            let changed = tx.execute(
                "UPDATE action SET text = ?2, owner_id = ?3, due_on = ?4, session_id = ?5,
                     objective_id = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.text,
                    draft.owner_id.map(|o| o.to_string()),
                    draft.due_on.map(|d| d.to_string()),
                    draft.session_id.map(|s| s.to_string()),
                    draft.objective_id.map(|o| o.to_string()),
                    format_time(Utc::now()),
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Action, id));
            }
            search::index_action(tx, &id.to_string())?;
            get_action(tx, id)
        })
    }

    /// Marks an action done (on `today`), dropped, or to do again.
    pub fn set_action_status(
        &self,
        id: Uuid,
        status: ActionStatus,
        today: NaiveDate,
    ) -> Result<Action> {
        self.db.write(|tx| {
            write_action_status(tx, id, status, today)?;
            get_action(tx, id)
        })
    }

    /// Sets the status of many actions in one transaction, each (when done) on its own day:
    /// all of them, or none if one action does not exist.
    pub fn set_action_statuses(&self, changes: &[(Uuid, ActionStatus, NaiveDate)]) -> Result<()> {
        self.db.write(|tx| {
            for &(id, status, day) in changes {
                write_action_status(tx, id, status, day)?;
            }
            Ok(())
        })
    }

    pub fn delete_action(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            super::trash::keep(tx, super::trash::TrashKind::Action, id)?;
            if tx.execute("DELETE FROM action WHERE id = ?1", [id.to_string()])? == 0 {
                return Err(not_found(Entity::Action, id));
            }
            search::remove(tx, search::SearchKind::Action, &id.to_string())
        })
    }

    pub fn get_action(&self, id: Uuid) -> Result<Action> {
        self.db.read(|c| get_action(c, id))
    }

    /// Actions by due date (those without one last).
    pub fn list_actions(&self, query: &ActionQuery) -> Result<Vec<Action>> {
        self.db.read(|c| {
            let mut clauses = vec!["1 = 1".to_string()];
            let mut values = Vec::new();
            if let Some(owner) = query.owner_id {
                values.push(Value::Text(owner.to_string()));
                clauses.push(format!("a.owner_id = ?{}", values.len()));
            }
            if let Some(day) = query.overdue_on {
                values.push(Value::Text(day.to_string()));
                clauses.push(format!(
                    "a.status = 'todo' AND a.due_on < ?{}",
                    values.len()
                ));
            }
            if let Some(status) = query.status {
                values.push(Value::Text(status.code().into()));
                clauses.push(format!("a.status = ?{}", values.len()));
            }
            limited_actions_where(c, &clauses.join(" AND "), values, query.limit)
        })
    }

    // --- Templates --------------------------------------------------------------------------

    pub fn list_templates(&self) -> Result<Vec<SessionTemplate>> {
        self.db.read(|c| {
            ids(
                c,
                "SELECT id FROM session_template WHERE ?1 = ?1 ORDER BY name COLLATE NOCASE, id",
                "",
            )?
            .iter()
            .map(|id| get_template(c, parse_uuid(id)?))
            .collect()
        })
    }

    pub fn create_template(&self, draft: TemplateDraft) -> Result<SessionTemplate> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            tx.execute(
                "INSERT INTO session_template (id, name, body, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![
                    id.to_string(),
                    draft.name,
                    draft.body,
                    format_time(Utc::now())
                ],
            )?;
            get_template(tx, id)
        })
    }

    pub fn update_template(&self, id: Uuid, draft: TemplateDraft) -> Result<SessionTemplate> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            let changed = tx.execute(
                "UPDATE session_template SET name = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.name,
                    draft.body,
                    format_time(Utc::now())
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Template, id));
            }
            get_template(tx, id)
        })
    }

    pub fn delete_template(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            if tx.execute(
                "DELETE FROM session_template WHERE id = ?1",
                [id.to_string()],
            )? == 0
            {
                return Err(not_found(Entity::Template, id));
            }
            Ok(())
        })
    }

    // --- Ma semaine -------------------------------------------------------------------------

    pub fn week(&self, query: &WeekQuery) -> Result<Week> {
        self.db.read(|c| {
            let in_range = |from, to| {
                list_sessions(
                    c,
                    &SessionQuery {
                        from: Some(from),
                        to: Some(to),
                        ..SessionQuery::default()
                    },
                )
            };
            let today = in_range(query.day_start, query.day_end)?;
            let this_week = in_range(query.week_start, query.week_end)?
                .into_iter()
                .filter(|s| !today.iter().any(|t| t.id == s.id))
                .collect();
            let overdue = actions_where(
                c,
                "a.status = 'todo' AND a.due_on < ?1",
                vec![Value::Text(query.today.to_string())],
            )?;
            let upcoming = actions_where(
                c,
                "a.status = 'todo' AND a.due_on >= ?1 AND a.due_on <= ?2",
                vec![
                    Value::Text(query.today.to_string()),
                    Value::Text((query.today + Duration::days(UPCOMING_DAYS)).to_string()),
                ],
            )?;
            let quiet_before =
                query.day_start - Duration::weeks(query.stale_after_weeks.max(1).into());
            let (overdue, overdue_beyond) = by_owner(overdue, query);
            let (upcoming, upcoming_beyond) = by_owner(upcoming, query);
            Ok(Week {
                today,
                this_week,
                overdue,
                upcoming,
                quiet_engagements: quiet_engagements(c, quiet_before)?,
                overdue_beyond,
                upcoming_beyond,
            })
        })
    }
}

// --- Reading ---------------------------------------------------------------------------------

pub(crate) fn get_engagement(conn: &Connection, id: Uuid) -> Result<Engagement> {
    let key = id.to_string();
    let row = conn
        .prepare_cached(
            "SELECT title, goals, starts_on, ends_on, cadence, funder_id, status, created_at,
                    updated_at,
                    (SELECT max(starts_at) FROM session WHERE engagement_id = e.id),
                    (SELECT count(*) FROM session WHERE engagement_id = e.id)
             FROM engagement e WHERE id = ?1",
        )?
        .query_row([&key], |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get::<_, String>(1)?],
                [
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ],
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                [r.get::<_, String>(7)?, r.get::<_, String>(8)?],
                r.get::<_, Option<String>>(9)?,
                r.get::<_, u32>(10)?,
            ))
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Engagement, id))?;
    let ([title, goals], [starts, ends], cadence, funder, status, [created, updated], last, n) =
        row;
    let kinds = ids(
        conn,
        "SELECT kind FROM engagement_kind WHERE engagement_id = ?1 ORDER BY kind",
        &key,
    )?
    .iter()
    .map(|k| EngagementKind::from_code(k))
    .collect::<Result<Vec<_>>>()?;
    let mut kinds = kinds;
    kinds.sort();
    Ok(Engagement {
        id,
        title,
        organizations: org_refs(
            conn,
            "SELECT o.id, o.name FROM engagement_organization x
             JOIN organization o ON o.id = x.organization_id
             WHERE x.engagement_id = ?1 ORDER BY o.sort_key",
            &key,
        )?,
        kinds,
        goals,
        starts_on: starts.as_deref().map(parse_stored_date).transpose()?,
        ends_on: ends.as_deref().map(parse_stored_date).transpose()?,
        cadence,
        funder: match funder {
            Some(f) => org_refs(conn, "SELECT id, name FROM organization WHERE id = ?1", &f)?.pop(),
            None => None,
        },
        status: EngagementStatus::from_code(&status)?,
        leads: person_refs(
            conn,
            "SELECT p.id, trim(p.first_name || ' ' || p.last_name) FROM engagement_lead x
             JOIN person p ON p.id = x.person_id WHERE x.engagement_id = ?1 ORDER BY p.sort_key",
            &key,
        )?,
        last_session_at: last.as_deref().map(parse_time).transpose()?,
        session_count: n,
        created_at: parse_time(&created)?,
        updated_at: parse_time(&updated)?,
    })
}

pub(crate) fn get_session(conn: &Connection, id: Uuid) -> Result<Session> {
    let key = id.to_string();
    let row = conn
        .prepare_cached(
            "SELECT s.title, s.engagement_id, e.title, s.starts_at, s.duration_minutes, s.place,
                    s.format, s.preparation, s.notes, s.next_session_on, s.created_at,
                    s.updated_at
             FROM session s LEFT JOIN engagement e ON e.id = s.engagement_id WHERE s.id = ?1",
        )?
        .query_row([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                [
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ],
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                [
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ],
                r.get::<_, Option<String>>(9)?,
                [r.get::<_, String>(10)?, r.get::<_, String>(11)?],
            ))
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Session, id))?;
    let (
        title,
        [engagement_id, engagement_title],
        starts,
        duration,
        [place, format, preparation, notes],
        next,
        [created, updated],
    ) = row;
    let people = |role: &str| {
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, trim(p.first_name || ' ' || p.last_name) FROM session_person x
             JOIN person p ON p.id = x.person_id
             WHERE x.session_id = ?1 AND x.role = ?2 ORDER BY p.sort_key",
        )?;
        let rows = stmt.query_map([key.as_str(), role], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|r| {
            let (id, name) = r?;
            Ok(PersonRef {
                id: parse_uuid(&id)?,
                name,
            })
        })
        .collect::<Result<Vec<_>>>()
    };
    let mut carried = actions_where(
        conn,
        "a.id IN (SELECT action_id FROM session_carried_action WHERE session_id = ?1)",
        vec![Value::Text(key.clone())],
    )?;
    carried.sort_by_key(|a| (a.session.as_ref().map(|s| s.starts_at), a.id));
    Ok(Session {
        id,
        title,
        engagement: match (engagement_id, engagement_title) {
            (Some(id), Some(title)) => Some(EngagementRef {
                id: parse_uuid(&id)?,
                title,
            }),
            _ => None,
        },
        organizations: session_orgs(conn, &key)?,
        starts_at: parse_time(&starts)?,
        duration_minutes: duration,
        place,
        format: SessionFormat::from_code(&format)?,
        participants: people(PARTICIPANT)?,
        facilitators: people(FACILITATOR)?,
        preparation,
        notes,
        decisions: decisions_of(conn, &key)?,
        next_session_on: next.as_deref().map(parse_stored_date).transpose()?,
        actions: actions_where(conn, "a.session_id = ?1", vec![Value::Text(key.clone())])?,
        carried_actions: carried,
        created_at: parse_time(&created)?,
        updated_at: parse_time(&updated)?,
    })
}

pub(crate) fn list_sessions(
    conn: &Connection,
    query: &SessionQuery,
) -> Result<Vec<SessionSummary>> {
    let mut clauses = vec!["1 = 1".to_string()];
    let mut values = Vec::new();
    let mut bind = |clause: &str, value: String, values: &mut Vec<Value>| {
        values.push(Value::Text(value));
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(e) = query.engagement_id {
        bind("s.engagement_id = ?", e.to_string(), &mut values);
    }
    if let Some(o) = query.organization_id {
        bind(
            "s.id IN (SELECT session_id FROM session_organization WHERE organization_id = ?)",
            o.to_string(),
            &mut values,
        );
    }
    if let Some(p) = query.person_id {
        bind(
            "s.id IN (SELECT session_id FROM session_person WHERE person_id = ?)",
            p.to_string(),
            &mut values,
        );
    }
    if let Some(from) = query.from {
        bind("s.starts_at >= ?", format_time(from), &mut values);
    }
    if let Some(to) = query.to {
        bind("s.starts_at < ?", format_time(to), &mut values);
    }
    let order = if query.newest_first { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT s.id, s.title, s.starts_at, s.duration_minutes, s.place, s.format,
                s.engagement_id, e.title,
                (SELECT count(*) FROM action a WHERE a.session_id = s.id AND a.status = 'todo')
         FROM session s LEFT JOIN engagement e ON e.id = s.engagement_id
         WHERE {} ORDER BY s.starts_at {order}, s.id {order} LIMIT {}",
        clauses.join(" AND "),
        query.limit.unwrap_or(10_000),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values), |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ],
                r.get::<_, u32>(3)?,
                [r.get::<_, String>(4)?, r.get::<_, String>(5)?],
                [
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ],
                r.get::<_, u32>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |([id, title, starts], duration, [place, format], [eid, etitle], open)| {
                Ok(SessionSummary {
                    organizations: session_orgs(conn, &id)?,
                    id: parse_uuid(&id)?,
                    title,
                    starts_at: parse_time(&starts)?,
                    duration_minutes: duration,
                    place,
                    format: SessionFormat::from_code(&format)?,
                    engagement: match (eid, etitle) {
                        (Some(id), Some(title)) => Some(EngagementRef {
                            id: parse_uuid(&id)?,
                            title,
                        }),
                        _ => None,
                    },
                    open_actions: open,
                })
            },
        )
        .collect()
}

/// The sessions a person took part in, or an organisation attended, newest first.
pub(crate) fn timeline(
    conn: &Connection,
    person_id: Option<Uuid>,
    organization_id: Option<Uuid>,
) -> Result<Vec<SessionSummary>> {
    list_sessions(
        conn,
        &SessionQuery {
            person_id,
            organization_id,
            newest_first: true,
            limit: Some(TIMELINE_LENGTH),
            ..SessionQuery::default()
        },
    )
}

pub(crate) fn get_action(conn: &Connection, id: Uuid) -> Result<Action> {
    actions_where(conn, "a.id = ?1", vec![Value::Text(id.to_string())])?
        .pop()
        .ok_or_else(|| not_found(Entity::Action, id))
}

/// Actions matching a condition on `a` (the action table), by due date, undated last.
pub(crate) fn actions_where(
    conn: &Connection,
    condition: &str,
    values: Vec<Value>,
) -> Result<Vec<Action>> {
    limited_actions_where(conn, condition, values, None)
}

/// The first `limit` of those actions (all without a limit), cut by SQLite.
fn limited_actions_where(
    conn: &Connection,
    condition: &str,
    values: Vec<Value>,
    limit: Option<u32>,
) -> Result<Vec<Action>> {
    let sql = format!(
        "SELECT a.id, a.text, a.owner_id, trim(p.first_name || ' ' || p.last_name), a.due_on,
                a.status, a.done_on, a.session_id, s.title, s.starts_at, a.created_at,
                a.updated_at, a.objective_id, o.title, o.quarter
         FROM action a
         LEFT JOIN person p ON p.id = a.owner_id
         LEFT JOIN session s ON s.id = a.session_id
         LEFT JOIN objective o ON o.id = a.objective_id
         WHERE {condition}
         ORDER BY a.due_on IS NULL, a.due_on, a.id
         LIMIT {}",
        limit.map_or(-1, i64::from)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values), |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get::<_, String>(1)?],
                [
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ],
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                [
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ],
                [r.get::<_, String>(10)?, r.get::<_, String>(11)?],
                [
                    r.get::<_, Option<String>>(12)?,
                    r.get::<_, Option<String>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                ],
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(
                [id, text],
                [owner_id, owner_name],
                due,
                status,
                done,
                [sid, stitle, sstart],
                [created, updated],
                [oid, otitle, oquarter],
            )| {
                Ok(Action {
                    id: parse_uuid(&id)?,
                    text,
                    owner: match (owner_id, owner_name) {
                        (Some(id), Some(name)) => Some(PersonRef {
                            id: parse_uuid(&id)?,
                            name,
                        }),
                        _ => None,
                    },
                    due_on: due.as_deref().map(parse_stored_date).transpose()?,
                    status: ActionStatus::from_code(&status)?,
                    done_on: done.as_deref().map(parse_stored_date).transpose()?,
                    session: match (sid, stitle, sstart) {
                        (Some(id), Some(title), Some(start)) => Some(SessionRef {
                            id: parse_uuid(&id)?,
                            title,
                            starts_at: parse_time(&start)?,
                        }),
                        _ => None,
                    },
                    objective: match (oid, otitle, oquarter) {
                        (Some(id), Some(title), Some(quarter)) => Some(ObjectiveLink {
                            id: parse_uuid(&id)?,
                            title,
                            quarter,
                        }),
                        _ => None,
                    },
                    created_at: parse_time(&created)?,
                    updated_at: parse_time(&updated)?,
                })
            },
        )
        .collect()
}

fn get_template(conn: &Connection, id: Uuid) -> Result<SessionTemplate> {
    conn.prepare_cached("SELECT name, body, updated_at FROM session_template WHERE id = ?1")?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Template, id))
        .and_then(|(name, body, updated)| {
            Ok(SessionTemplate {
                id,
                name,
                body,
                updated_at: parse_time(&updated)?,
            })
        })
}

fn decisions_of(conn: &Connection, session_id: &str) -> Result<Vec<String>> {
    ids(
        conn,
        "SELECT text FROM session_decision WHERE session_id = ?1 ORDER BY position",
        session_id,
    )
}

fn session_orgs(conn: &Connection, session_id: &str) -> Result<Vec<OrgRef>> {
    org_refs(
        conn,
        "SELECT o.id, o.name FROM session_organization x
         JOIN organization o ON o.id = x.organization_id
         WHERE x.session_id = ?1 ORDER BY o.sort_key",
        session_id,
    )
}

/// The first column of every row of a query with one text parameter.
fn ids(conn: &Connection, sql: &str, param: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([param], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn org_refs(conn: &Connection, sql: &str, param: &str) -> Result<Vec<OrgRef>> {
    Ok(id_name_pairs(conn, sql, param)?
        .into_iter()
        .map(|(id, name)| OrgRef { id, name })
        .collect())
}

fn person_refs(conn: &Connection, sql: &str, param: &str) -> Result<Vec<PersonRef>> {
    Ok(id_name_pairs(conn, sql, param)?
        .into_iter()
        .map(|(id, name)| PersonRef { id, name })
        .collect())
}

fn count(actions: &[Action], status: ActionStatus) -> u32 {
    actions.iter().filter(|a| a.status == status).count() as u32
}

/// Groups actions by owner: owners by name, actions nobody owns last.
/// Groups actions (most urgent first) by owner, each group cut to `limit` with its total.
/// Groups actions (the most urgent first) by owner, owners by name and those without one last;
/// each group keeps its first `actions_per_owner`, and the list its first `owners_per_section`
/// groups, the others only counted.
fn by_owner(actions: Vec<Action>, query: &WeekQuery) -> (Vec<ActionsByOwner>, OwnersBeyond) {
    let per_owner = query.actions_per_owner.map_or(usize::MAX, |l| l as usize);
    let mut index: HashMap<Option<Uuid>, usize> = HashMap::new();
    let mut groups: Vec<ActionsByOwner> = Vec::new();
    for action in actions {
        let at = *index
            .entry(action.owner.as_ref().map(|o| o.id))
            .or_insert_with(|| {
                groups.push(ActionsByOwner {
                    owner: action.owner.clone(),
                    actions: Vec::new(),
                    total: 0,
                });
                groups.len() - 1
            });
        let group = &mut groups[at];
        group.total += 1;
        if group.actions.len() < per_owner {
            group.actions.push(action);
        }
    }
    groups.sort_by_cached_key(|g| match &g.owner {
        Some(p) => (0, crate::text::fold(&p.name)),
        None => (1, String::new()),
    });
    let kept = query.owners_per_section.map_or(usize::MAX, |l| l as usize);
    let left_out = groups.split_off(kept.min(groups.len()));
    let beyond = OwnersBeyond {
        owners: u32::try_from(left_out.len()).unwrap_or(u32::MAX),
        actions: left_out.iter().map(|g| g.total).sum(),
    };
    (groups, beyond)
}

fn quiet_engagements(conn: &Connection, before: DateTime<Utc>) -> Result<Vec<QuietEngagement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.title, (SELECT max(starts_at) FROM session WHERE engagement_id = e.id) AS last
         FROM engagement e WHERE e.status = 'active' AND (last IS NULL OR last < ?1)
         ORDER BY last IS NOT NULL, last, e.title",
    )?;
    let rows = stmt
        .query_map([format_time(before)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, title, last)| {
            Ok(QuietEngagement {
                organizations: org_refs(
                    conn,
                    "SELECT o.id, o.name FROM engagement_organization x
                     JOIN organization o ON o.id = x.organization_id
                     WHERE x.engagement_id = ?1 ORDER BY o.sort_key",
                    &id,
                )?,
                engagement: EngagementRef {
                    id: parse_uuid(&id)?,
                    title,
                },
                last_session_at: last.as_deref().map(parse_time).transpose()?,
            })
        })
        .collect()
}

// --- Writing ---------------------------------------------------------------------------------

fn check_engagement_links(tx: &Connection, draft: &EngagementDraft) -> Result<()> {
    for org in draft.organizations.iter().chain(&draft.funder_id) {
        require(tx, Entity::Organization, *org)?;
    }
    for person in &draft.leads {
        require(tx, Entity::Person, *person)?;
    }
    Ok(())
}

fn write_engagement_links(tx: &Connection, id: Uuid, draft: &EngagementDraft) -> Result<()> {
    let key = id.to_string();
    let mut kind =
        tx.prepare_cached("INSERT INTO engagement_kind (engagement_id, kind) VALUES (?1, ?2)")?;
    for k in &draft.kinds {
        kind.execute(params![key, k.code()])?;
    }
    let mut org = tx.prepare_cached(
        "INSERT INTO engagement_organization (engagement_id, organization_id) VALUES (?1, ?2)",
    )?;
    for o in &draft.organizations {
        org.execute(params![key, o.to_string()])?;
    }
    let mut lead = tx
        .prepare_cached("INSERT INTO engagement_lead (engagement_id, person_id) VALUES (?1, ?2)")?;
    for p in &draft.leads {
        lead.execute(params![key, p.to_string()])?;
    }
    Ok(())
}

fn check_session_links(tx: &Connection, draft: &SessionDraft) -> Result<()> {
    if let Some(engagement) = draft.engagement_id {
        require(tx, Entity::Engagement, engagement)?;
    }
    for org in &draft.organizations {
        require(tx, Entity::Organization, *org)?;
    }
    for person in draft.participants.iter().chain(&draft.facilitators) {
        require(tx, Entity::Person, *person)?;
    }
    Ok(())
}

fn write_session_links(tx: &Connection, id: Uuid, draft: &SessionDraft) -> Result<()> {
    let key = id.to_string();
    let mut org = tx.prepare_cached(
        "INSERT INTO session_organization (session_id, organization_id) VALUES (?1, ?2)",
    )?;
    for o in &draft.organizations {
        org.execute(params![key, o.to_string()])?;
    }
    let mut person = tx.prepare_cached(
        "INSERT INTO session_person (session_id, person_id, role) VALUES (?1, ?2, ?3)",
    )?;
    for p in &draft.participants {
        person.execute(params![key, p.to_string(), PARTICIPANT])?;
    }
    for p in &draft.facilitators {
        person.execute(params![key, p.to_string(), FACILITATOR])?;
    }
    write_decisions(tx, id, &draft.decisions)
}

fn write_decisions(tx: &Connection, id: Uuid, decisions: &[String]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO session_decision (session_id, position, text) VALUES (?1, ?2, ?3)",
    )?;
    for (i, d) in decisions.iter().enumerate() {
        stmt.execute(params![id.to_string(), i as i64, d])?;
    }
    Ok(())
}

/// Links into the new session the open actions of the session before it: those decided there
/// and those it had itself carried, so an action stays in view until it is done or dropped.
fn carry_open_actions(tx: &Connection, id: Uuid, draft: &SessionDraft) -> Result<()> {
    let starts = format_time(draft.starts_at);
    let previous: Option<String> = match draft.engagement_id {
        Some(engagement) => tx
            .prepare_cached(
                "SELECT id FROM session WHERE engagement_id = ?1 AND starts_at < ?2 AND id <> ?3
                 ORDER BY starts_at DESC, id DESC LIMIT 1",
            )?
            .query_row(
                params![engagement.to_string(), starts, id.to_string()],
                |r| r.get(0),
            )
            .optional()?,
        None if !draft.organizations.is_empty() => {
            let orgs: Vec<String> = draft.organizations.iter().map(Uuid::to_string).collect();
            let list =
                serde_json::to_string(&orgs).map_err(|e| crate::Error::Internal(e.to_string()))?;
            tx.prepare_cached(
                "SELECT s.id FROM session s
                 WHERE s.starts_at < ?2 AND s.id <> ?3 AND s.id IN (
                     SELECT session_id FROM session_organization
                     WHERE organization_id IN (SELECT value FROM json_each(?1)))
                 ORDER BY s.starts_at DESC, s.id DESC LIMIT 1",
            )?
            .query_row(params![list, starts, id.to_string()], |r| r.get(0))
            .optional()?
        }
        None => None,
    };
    if let Some(previous) = previous {
        // Two indexed lookups rather than one `OR`, which SQLite answers by reading every
        // open action: creating a session must not slow down as actions pile up.
        tx.prepare_cached(
            "INSERT OR IGNORE INTO session_carried_action (session_id, action_id)
             SELECT ?1, a.id FROM action a WHERE a.session_id = ?2 AND a.status = 'todo'
             UNION
             SELECT ?1, a.id FROM session_carried_action c JOIN action a ON a.id = c.action_id
             WHERE c.session_id = ?2 AND a.status = 'todo'",
        )?
        .execute(params![id.to_string(), previous])?;
    }
    Ok(())
}

/// Writes a new, validated session with its links, carries into it the open actions of the
/// session before it, and indexes it for search.
fn insert_session(tx: &Connection, id: Uuid, draft: &SessionDraft) -> Result<()> {
    check_session_links(tx, draft)?;
    tx.prepare_cached(
        "INSERT INTO session (id, title, engagement_id, starts_at, duration_minutes, place,
             format, preparation, notes, next_session_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        id.to_string(),
        draft.title,
        draft.engagement_id.map(|e| e.to_string()),
        format_time(draft.starts_at),
        draft.duration_minutes,
        draft.place,
        draft.format.code(),
        draft.preparation,
        draft.notes,
        draft.next_session_on.map(|d| d.to_string()),
        format_time(Utc::now()),
    ])?;
    write_session_links(tx, id, draft)?;
    carry_open_actions(tx, id, draft)?;
    search::index_session(tx, &id.to_string())
}

/// Writes a new, validated action (to do) and indexes it for search.
fn insert_action(tx: &Connection, id: Uuid, draft: &ActionDraft) -> Result<()> {
    check_action_links(tx, draft)?;
    tx.prepare_cached(
        "INSERT INTO action (id, text, owner_id, due_on, status, session_id, objective_id,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'todo', ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        id.to_string(),
        draft.text,
        draft.owner_id.map(|o| o.to_string()),
        draft.due_on.map(|d| d.to_string()),
        draft.session_id.map(|s| s.to_string()),
        draft.objective_id.map(|o| o.to_string()),
        format_time(Utc::now()),
    ])?;
    search::index_action(tx, &id.to_string())
}

/// Marks an action done (on `day`), dropped, or to do again.
fn write_action_status(
    tx: &Connection,
    id: Uuid,
    status: ActionStatus,
    day: NaiveDate,
) -> Result<()> {
    let done_on = (status == ActionStatus::Done).then(|| day.to_string());
    let changed = tx
        .prepare_cached(
            "UPDATE action SET status = ?2, done_on = ?3, updated_at = ?4 WHERE id = ?1",
        )?
        .execute(params![
            id.to_string(),
            status.code(),
            done_on,
            format_time(Utc::now())
        ])?;
    if changed == 0 {
        return Err(not_found(Entity::Action, id));
    }
    Ok(())
}

fn check_action_links(tx: &Connection, draft: &ActionDraft) -> Result<()> {
    for (entity, id) in [
        (Entity::Person, draft.owner_id),
        (Entity::Session, draft.session_id),
        (Entity::Objective, draft.objective_id),
    ] {
        if let Some(id) = id {
            require(tx, entity, id)?;
        }
    }
    Ok(())
}

fn reindex_actions_of(tx: &Connection, session: Uuid) -> Result<()> {
    for action in ids(
        tx,
        "SELECT id FROM action WHERE session_id = ?1",
        &session.to_string(),
    )? {
        search::index_action(tx, &action)?;
    }
    Ok(())
}
