//! The quarterly roadmap: axes, objectives, seminars, reviews and the quarter-to-quarter diff.

use std::collections::HashMap;

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, params, types::Value};
use uuid::Uuid;

use super::persons::parse_stored_date;
use super::{
    Store, format_time, id_name_pairs, not_found, parse_time, parse_uuid, require, search,
};
use crate::error::{Entity, Error, Problem, Result};
use crate::organization::PersonRef;
use crate::roadmap::{
    Axis, AxisColumn, CarriedObjective, Indicator, Objective, ObjectiveChain, ObjectiveDraft,
    ObjectivePatch, ObjectiveQuery, ObjectiveRef, ObjectiveStep, Quarter, QuarterState, Review,
    ReviewDraft, ReviewOutcome, Roadmap, RoadmapDiff, Seminar, SeminarDraft, check_progress,
    percent,
};
use crate::session::{EngagementRef, OrgRef};
use crate::text::{fold, tidy};
use crate::vocab::{ObjectiveStatus, ReviewDecision};

impl Store {
    // --- Axes -------------------------------------------------------------------------------

    pub fn list_axes(&self) -> Result<Vec<Axis>> {
        self.db.read(list_axes)
    }

    /// Adds an axis at the end of the list.
    pub fn add_axis(&self, name: &str) -> Result<Axis> {
        let name = tidy(name);
        if name.is_empty() {
            return Err(Error::invalid("name", Problem::Required));
        }
        crate::person::check_len("name", &name, crate::person::MAX_NAME_CHARS)?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            let taken: Option<i64> = tx
                .prepare_cached("SELECT 1 FROM roadmap_axis WHERE name_key = ?1")?
                .query_row([fold(&name)], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Err(Error::Refused(format!("an axis named \"{name}\" already exists")));
            }
            tx.execute(
                "INSERT INTO roadmap_axis (id, name, name_key, position, created_at)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM roadmap_axis), ?4)",
                params![id.to_string(), name, fold(&name), format_time(Utc::now())],
            )?;
            get_axis(tx, id)
        })
    }

    pub fn rename_axis(&self, id: Uuid, name: &str) -> Result<Axis> {
        let name = tidy(name);
        if name.is_empty() {
            return Err(Error::invalid("name", Problem::Required));
        }
        self.db.write(|tx| {
            let changed = tx.execute(
                "UPDATE roadmap_axis SET name = ?2, name_key = ?3 WHERE id = ?1",
                params![id.to_string(), name, fold(&name)],
            );
            match changed {
                Ok(0) => Err(not_found(Entity::Axis, id)),
                Ok(_) => get_axis(tx, id),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Err(Error::Refused(format!(
                        "an axis named \"{name}\" already exists"
                    )))
                }
                Err(e) => Err(e.into()),
            }
        })
    }

    /// Finds an axis by its name, accents and case ignored.
    pub fn find_axis(&self, name: &str) -> Result<Option<Axis>> {
        self.db.read(|c| {
            let id: Option<String> = c
                .prepare_cached("SELECT id FROM roadmap_axis WHERE name_key = ?1")?
                .query_row([fold(&tidy(name))], |r| r.get(0))
                .optional()?;
            id.map(|id| get_axis(c, parse_uuid(&id)?)).transpose()
        })
    }

    // --- Objectives -------------------------------------------------------------------------

    pub fn create_objective(&self, draft: ObjectiveDraft) -> Result<Objective> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            check_links(tx, &draft)?;
            insert_objective(tx, id, &draft, None)?;
            search::index_objective(tx, &id.to_string())?;
            get_objective(tx, id)
        })
    }

    /// Replaces every field of the objective with the draft's (its history and review stay).
    pub fn update_objective(&self, id: Uuid, draft: ObjectiveDraft) -> Result<Objective> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_links(tx, &draft)?;
            let changed = tx.execute(
                "UPDATE objective SET quarter = ?2, axis_id = ?3, title = ?4, description = ?5,
                     status = ?6, progress = ?7, target = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.quarter.to_string(),
                    draft.axis_id.to_string(),
                    draft.title,
                    draft.description,
                    draft.status.code(),
                    draft.progress,
                    draft.target,
                    format_time(Utc::now()),
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Objective, id));
            }
            for table in [
                "objective_owner",
                "objective_indicator",
                "objective_organization",
                "objective_engagement",
            ] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE objective_id = ?1"),
                    [id.to_string()],
                )?;
            }
            write_links(tx, id, &draft)?;
            search::index_objective(tx, &id.to_string())?;
            get_objective(tx, id)
        })
    }

    /// Changes the status, the axis or the progress (the board's drag and drop).
    pub fn patch_objective(&self, id: Uuid, patch: ObjectivePatch) -> Result<Objective> {
        self.db.write(|tx| {
            let current = get_objective(tx, id)?;
            if let Some(axis) = patch.axis_id {
                get_axis(tx, axis)?;
            }
            let progress = patch.progress.unwrap_or(current.progress);
            check_progress(progress, current.target)?;
            tx.execute(
                "UPDATE objective SET status = ?2, axis_id = ?3, progress = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    patch.status.unwrap_or(current.status).code(),
                    patch.axis_id.unwrap_or(current.axis.id).to_string(),
                    progress,
                    format_time(Utc::now()),
                ],
            )?;
            search::index_objective(tx, &id.to_string())?;
            get_objective(tx, id)
        })
    }

    pub fn delete_objective(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            super::trash::keep(tx, super::trash::TrashKind::Objective, id)?;
            if tx.execute("DELETE FROM objective WHERE id = ?1", [id.to_string()])? == 0 {
                return Err(not_found(Entity::Objective, id));
            }
            search::remove(tx, search::SearchKind::Objective, &id.to_string())
        })
    }

    pub fn get_objective(&self, id: Uuid) -> Result<Objective> {
        self.db.read(|c| get_objective(c, id))
    }

    /// Objectives by quarter, axis and title.
    pub fn list_objectives(&self, query: &ObjectiveQuery) -> Result<Vec<Objective>> {
        self.db.read(|c| list_objectives(c, query))
    }

    /// A quarter's roadmap: every axis (even empty) with its objectives.
    pub fn roadmap(&self, quarter: Quarter, query: &ObjectiveQuery) -> Result<Roadmap> {
        self.db.read(|c| {
            let query = ObjectiveQuery {
                quarter: Some(quarter),
                ..query.clone()
            };
            let objectives = list_objectives(c, &query)?;
            let (reviewed, total) = review_counts(c, quarter)?;
            let axes = list_axes(c)?
                .into_iter()
                .map(|axis| AxisColumn {
                    objectives: objectives
                        .iter()
                        .filter(|o| o.axis.id == axis.id)
                        .cloned()
                        .collect(),
                    axis,
                })
                .collect();
            Ok(Roadmap {
                quarter,
                axes,
                state: state_of(reviewed, total),
                reviewed,
                total,
                seminars: seminars_of(c, quarter)?,
            })
        })
    }

    /// The quarters that have objectives or seminars, oldest first.
    pub fn quarters(&self) -> Result<Vec<Quarter>> {
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT quarter FROM objective UNION SELECT quarter FROM seminar ORDER BY 1",
            )?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.map(|r| Quarter::parse("quarter", &r?))
                .collect::<Result<Vec<_>>>()
        })
    }

    // --- Reviews ----------------------------------------------------------------------------

    /// Records the seminar's decision on an objective. Maintained, adjusted and carried
    /// objectives continue in the next quarter, linked to this one; a closed one becomes
    /// achieved, a dropped one abandoned. A decision taken again replaces the previous one.
    pub fn review_objective(&self, id: Uuid, draft: ReviewDraft) -> Result<ReviewOutcome> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            let objective = get_objective(tx, id)?;
            if let Some(seminar) = draft.seminar_id {
                get_seminar(tx, seminar)?;
            }
            undo_review(tx, &objective)?;
            let objective = get_objective(tx, id)?;
            // A continuation without the review that made it: a decision taken back on one
            // laptop while another edited the continuation (sync brings it back, flagged).
            let orphan = objective.carried_to.clone();
            if orphan.is_some()
                && matches!(draft.decision, ReviewDecision::Close | ReviewDecision::Drop)
            {
                return Err(Error::Refused(format!(
                    "\"{}\" already continues in {} (brought back by a sync): delete that \
                     objective first, or keep, adjust or carry this one",
                    objective.title,
                    objective.quarter.next()
                )));
            }
            tx.execute(
                "INSERT INTO objective_review (objective_id, decision, comment, new_target,
                     seminar_id, status_before, progress_before, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id.to_string(),
                    draft.decision.code(),
                    draft.comment,
                    draft.new_target,
                    draft.seminar_id.map(|s| s.to_string()),
                    objective.status.code(),
                    objective.progress,
                    format_time(Utc::now()),
                ],
            )?;
            let successor = match draft.decision {
                ReviewDecision::Close | ReviewDecision::Drop => {
                    let status = if draft.decision == ReviewDecision::Close {
                        ObjectiveStatus::Achieved
                    } else {
                        ObjectiveStatus::Dropped
                    };
                    // Closed as achieved: its progress reaches the target (or 100 %).
                    let progress = match (draft.decision, objective.target) {
                        (ReviewDecision::Close, Some(target)) => objective.progress.max(target),
                        (ReviewDecision::Close, None) => 100.0,
                        _ => objective.progress,
                    };
                    tx.execute(
                        "UPDATE objective SET status = ?2, progress = ?3, updated_at = ?4
                         WHERE id = ?1",
                        params![
                            id.to_string(),
                            status.code(),
                            progress,
                            format_time(Utc::now())
                        ],
                    )?;
                    None
                }
                ReviewDecision::Keep | ReviewDecision::Adjust | ReviewDecision::Carry
                    if orphan.is_some() =>
                {
                    // The continuation is there already: it is this decision's, with its
                    // edits kept; a new target is applied to it.
                    let next = orphan.map(|o| o.id).unwrap_or_default();
                    if let Some(target) = draft.new_target {
                        tx.execute(
                            "UPDATE objective SET target = ?2, updated_at = ?3 WHERE id = ?1",
                            params![next.to_string(), target, format_time(Utc::now())],
                        )?;
                    }
                    Some(get_objective(tx, next)?)
                }
                ReviewDecision::Keep | ReviewDecision::Adjust | ReviewDecision::Carry => {
                    let next = Uuid::now_v7();
                    let target = draft.new_target.or(objective.target);
                    let progress = match target {
                        // A progress that was a percentage stays one only without a target.
                        Some(_) if objective.target.is_none() => 0.0,
                        _ => objective.progress,
                    };
                    let status = match objective.status {
                        ObjectiveStatus::Achieved | ObjectiveStatus::Dropped => {
                            ObjectiveStatus::InProgress
                        }
                        other => other,
                    };
                    let draft = ObjectiveDraft {
                        quarter: objective.quarter.next(),
                        axis_id: objective.axis.id,
                        title: objective.title.clone(),
                        description: objective.description.clone(),
                        owners: objective.owners.iter().map(|p| p.id).collect(),
                        status,
                        progress,
                        target,
                        indicators: objective.indicators.clone(),
                        organizations: objective.organizations.iter().map(|o| o.id).collect(),
                        engagements: objective.engagements.iter().map(|e| e.id).collect(),
                    };
                    insert_objective(tx, next, &draft, Some(id))?;
                    search::index_objective(tx, &next.to_string())?;
                    Some(get_objective(tx, next)?)
                }
            };
            let (reviewed, total) = review_counts(tx, objective.quarter)?;
            Ok(ReviewOutcome {
                objective: get_objective(tx, id)?,
                successor,
                state: state_of(reviewed, total),
            })
        })
    }

    /// Takes a decision back: the objective's status returns, and the objective it had
    /// created in the next quarter goes (refused once that one has been reviewed itself).
    pub fn undo_review(&self, id: Uuid) -> Result<Objective> {
        self.db.write(|tx| {
            let objective = get_objective(tx, id)?;
            if objective.review.is_none() {
                return Err(Error::Refused(
                    "this objective has not been reviewed".into(),
                ));
            }
            undo_review(tx, &objective)?;
            get_objective(tx, id)
        })
    }

    /// What changed from `from` to `to` (usually one quarter and the next).
    pub fn roadmap_diff(&self, from: Quarter, to: Quarter) -> Result<RoadmapDiff> {
        if to <= from {
            return Err(Error::invalid("to", Problem::EndsBeforeStart));
        }
        self.db.read(|c| {
            let before = list_objectives(
                c,
                &ObjectiveQuery {
                    quarter: Some(from),
                    ..ObjectiveQuery::default()
                },
            )?;
            let after = list_objectives(
                c,
                &ObjectiveQuery {
                    quarter: Some(to),
                    ..ObjectiveQuery::default()
                },
            )?;
            let by_id: HashMap<Uuid, &Objective> = before.iter().map(|o| (o.id, o)).collect();
            let mut continued: HashMap<Uuid, Uuid> = HashMap::new();
            let mut diff = RoadmapDiff {
                from,
                to,
                added: Vec::new(),
                closed: Vec::new(),
                dropped: Vec::new(),
                carried: Vec::new(),
                unreviewed: Vec::new(),
            };
            for objective in &after {
                match ancestor_in(c, objective, from)? {
                    Some(origin) if by_id.contains_key(&origin) => {
                        continued.insert(origin, objective.id);
                        let old = by_id[&origin];
                        diff.carried.push(CarriedObjective {
                            before: reference(old),
                            after: reference(objective),
                            decision: old.review.as_ref().map(|r| r.decision),
                            comment: old
                                .review
                                .as_ref()
                                .map(|r| r.comment.clone())
                                .unwrap_or_default(),
                        });
                    }
                    _ => diff.added.push(reference(objective)),
                }
            }
            for objective in &before {
                if continued.contains_key(&objective.id) {
                    continue;
                }
                match objective.review.as_ref().map(|r| r.decision) {
                    Some(ReviewDecision::Close) => diff.closed.push(reference(objective)),
                    Some(ReviewDecision::Drop) => diff.dropped.push(reference(objective)),
                    _ if objective.status == ObjectiveStatus::Achieved => {
                        diff.closed.push(reference(objective))
                    }
                    _ if objective.status == ObjectiveStatus::Dropped => {
                        diff.dropped.push(reference(objective))
                    }
                    _ => diff.unreviewed.push(reference(objective)),
                }
            }
            Ok(diff)
        })
    }

    /// Every objective followed across the quarters from `from` to `to`, oldest step first.
    pub fn roadmap_timeline(&self, from: Quarter, to: Quarter) -> Result<Vec<ObjectiveChain>> {
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM objective WHERE quarter >= ?1 AND quarter <= ?2
                 ORDER BY quarter, id",
            )?;
            let ids = stmt
                .query_map([from.to_string(), to.to_string()], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let objectives = ids
                .iter()
                .map(|id| get_objective(c, parse_uuid(id)?))
                .collect::<Result<Vec<_>>>()?;
            let in_range: HashMap<Uuid, &Objective> =
                objectives.iter().map(|o| (o.id, o)).collect();
            let mut chains = Vec::new();
            for start in &objectives {
                // A chain starts where its history leaves the range.
                if start
                    .carried_from
                    .as_ref()
                    .is_some_and(|f| in_range.contains_key(&f.id))
                {
                    continue;
                }
                let mut steps = Vec::new();
                let mut current = Some(start);
                while let Some(o) = current {
                    steps.push(ObjectiveStep {
                        id: o.id,
                        quarter: o.quarter,
                        status: o.status,
                        percent: o.percent,
                        decision: o.review.as_ref().map(|r| r.decision),
                    });
                    current = o
                        .carried_to
                        .as_ref()
                        .and_then(|next| in_range.get(&next.id).copied());
                }
                chains.push(ObjectiveChain {
                    title: start.title.clone(),
                    axis: start.axis.name.clone(),
                    steps,
                });
            }
            Ok(chains)
        })
    }

    // --- Seminars ---------------------------------------------------------------------------

    pub fn create_seminar(&self, draft: SeminarDraft) -> Result<Seminar> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            check_people(tx, &draft.participants)?;
            let now = format_time(Utc::now());
            tx.execute(
                "INSERT INTO seminar (id, quarter, title, starts_on, ends_on, place, agenda, notes,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    id.to_string(),
                    draft.quarter.to_string(),
                    draft.title,
                    draft.starts_on.map(|d| d.to_string()),
                    draft.ends_on.map(|d| d.to_string()),
                    draft.place,
                    draft.agenda,
                    draft.notes,
                    now,
                ],
            )?;
            write_participants(tx, id, &draft.participants)?;
            get_seminar(tx, id)
        })
    }

    pub fn update_seminar(&self, id: Uuid, draft: SeminarDraft) -> Result<Seminar> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_people(tx, &draft.participants)?;
            let changed = tx.execute(
                "UPDATE seminar SET quarter = ?2, title = ?3, starts_on = ?4, ends_on = ?5,
                     place = ?6, agenda = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.quarter.to_string(),
                    draft.title,
                    draft.starts_on.map(|d| d.to_string()),
                    draft.ends_on.map(|d| d.to_string()),
                    draft.place,
                    draft.agenda,
                    draft.notes,
                    format_time(Utc::now()),
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Seminar, id));
            }
            tx.execute(
                "DELETE FROM seminar_person WHERE seminar_id = ?1",
                [id.to_string()],
            )?;
            write_participants(tx, id, &draft.participants)?;
            get_seminar(tx, id)
        })
    }
}

// --- Reading ---------------------------------------------------------------------------------

fn list_axes(conn: &Connection) -> Result<Vec<Axis>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, position FROM roadmap_axis ORDER BY position, name")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, name, position)| {
            Ok(Axis {
                id: parse_uuid(&id)?,
                name,
                position,
            })
        })
        .collect()
}

fn get_axis(conn: &Connection, id: Uuid) -> Result<Axis> {
    conn.prepare_cached("SELECT name, position FROM roadmap_axis WHERE id = ?1")?
        .query_row([id.to_string()], |r| {
            Ok(Axis {
                id,
                name: r.get(0)?,
                position: r.get(1)?,
            })
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Axis, id))
}

fn list_objectives(conn: &Connection, query: &ObjectiveQuery) -> Result<Vec<Objective>> {
    let mut clauses = vec!["1 = 1".to_string()];
    let mut values = Vec::new();
    if let Some(q) = query.quarter {
        values.push(Value::Text(q.to_string()));
        clauses.push(format!("o.quarter = ?{}", values.len()));
    }
    if let Some(owner) = query.owner_id {
        values.push(Value::Text(owner.to_string()));
        clauses.push(format!(
            "o.id IN (SELECT objective_id FROM objective_owner WHERE person_id = ?{})",
            values.len()
        ));
    }
    if let Some(status) = query.status {
        values.push(Value::Text(status.code().into()));
        clauses.push(format!("o.status = ?{}", values.len()));
    }
    let sql = format!(
        "SELECT o.id FROM objective o JOIN roadmap_axis a ON a.id = o.axis_id
         WHERE {} ORDER BY o.quarter, a.position, o.title COLLATE NOCASE, o.id",
        clauses.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(values), |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter()
        .map(|id| get_objective(conn, parse_uuid(id)?))
        .collect()
}

/// The objective's row, without its links (for references).
struct Row {
    quarter: Quarter,
    axis: Axis,
    title: String,
    description: String,
    status: ObjectiveStatus,
    progress: f64,
    target: Option<f64>,
    carried_from: Option<Uuid>,
    created: String,
    updated: String,
}

fn row(conn: &Connection, id: Uuid) -> Result<Row> {
    let found = conn
        .prepare_cached(
            "SELECT o.quarter, o.axis_id, a.name, a.position, o.title, o.description, o.status,
                    o.progress, o.target, o.carried_from_id, o.created_at, o.updated_at
             FROM objective o JOIN roadmap_axis a ON a.id = o.axis_id WHERE o.id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ],
                r.get::<_, u32>(3)?,
                [
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ],
                r.get::<_, f64>(7)?,
                r.get::<_, Option<f64>>(8)?,
                r.get::<_, Option<String>>(9)?,
                [r.get::<_, String>(10)?, r.get::<_, String>(11)?],
            ))
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Objective, id))?;
    let (
        [quarter, axis_id, axis_name],
        position,
        [title, description, status],
        progress,
        target,
        carried_from,
        [created, updated],
    ) = found;
    Ok(Row {
        quarter: Quarter::parse("quarter", &quarter).map_err(|_| {
            Error::Internal(format!("malformed quarter {quarter:?} in the database"))
        })?,
        axis: Axis {
            id: parse_uuid(&axis_id)?,
            name: axis_name,
            position,
        },
        title,
        description,
        status: ObjectiveStatus::from_code(&status)?,
        progress,
        target,
        carried_from: carried_from.as_deref().map(parse_uuid).transpose()?,
        created,
        updated,
    })
}

pub(crate) fn reference_of(conn: &Connection, id: Uuid) -> Result<ObjectiveRef> {
    let r = row(conn, id)?;
    Ok(ObjectiveRef {
        id,
        quarter: r.quarter,
        title: r.title,
        axis: r.axis.name,
        status: r.status,
        percent: percent(r.progress, r.target),
        target: r.target,
    })
}

fn reference(o: &Objective) -> ObjectiveRef {
    ObjectiveRef {
        id: o.id,
        quarter: o.quarter,
        title: o.title.clone(),
        axis: o.axis.name.clone(),
        status: o.status,
        percent: o.percent,
        target: o.target,
    }
}

pub(crate) fn get_objective(conn: &Connection, id: Uuid) -> Result<Objective> {
    let r = row(conn, id)?;
    let key = id.to_string();
    let owners = id_name_pairs(
        conn,
        "SELECT p.id, trim(p.first_name || ' ' || p.last_name) FROM objective_owner x
         JOIN person p ON p.id = x.person_id WHERE x.objective_id = ?1 ORDER BY p.sort_key",
        &key,
    )?
    .into_iter()
    .map(|(id, name)| PersonRef { id, name })
    .collect();
    let organizations = id_name_pairs(
        conn,
        "SELECT o.id, o.name FROM objective_organization x
         JOIN organization o ON o.id = x.organization_id WHERE x.objective_id = ?1
         ORDER BY o.sort_key",
        &key,
    )?
    .into_iter()
    .map(|(id, name)| OrgRef { id, name })
    .collect();
    let engagements = id_name_pairs(
        conn,
        "SELECT e.id, e.title FROM objective_engagement x
         JOIN engagement e ON e.id = x.engagement_id WHERE x.objective_id = ?1 ORDER BY e.title",
        &key,
    )?
    .into_iter()
    .map(|(id, title)| EngagementRef { id, title })
    .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT name, target, current FROM objective_indicator WHERE objective_id = ?1
         ORDER BY position",
    )?;
    let indicators = stmt
        .query_map([&key], |r| {
            Ok(Indicator {
                name: r.get(0)?,
                target: r.get(1)?,
                current: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let review = conn
        .prepare_cached(
            "SELECT decision, comment, new_target, seminar_id, reviewed_at
             FROM objective_review WHERE objective_id = ?1",
        )?
        .query_row([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?
        .map(|(decision, comment, new_target, seminar, at)| {
            Ok::<_, Error>(Review {
                decision: ReviewDecision::from_code(&decision)?,
                comment,
                new_target,
                seminar_id: seminar.as_deref().map(parse_uuid).transpose()?,
                reviewed_at: parse_time(&at)?,
            })
        })
        .transpose()?;
    let carried_to: Option<String> = conn
        .prepare_cached("SELECT id FROM objective WHERE carried_from_id = ?1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    let open_actions: u32 = conn
        .prepare_cached("SELECT count(*) FROM action WHERE objective_id = ?1 AND status = 'todo'")?
        .query_row([&key], |r| r.get(0))?;
    Ok(Objective {
        id,
        quarter: r.quarter,
        percent: percent(r.progress, r.target),
        axis: r.axis,
        title: r.title,
        description: r.description,
        owners,
        status: r.status,
        progress: r.progress,
        target: r.target,
        indicators,
        organizations,
        engagements,
        carried_from: r
            .carried_from
            .map(|from| reference_of(conn, from))
            .transpose()?,
        carried_to: carried_to
            .as_deref()
            .map(|to| reference_of(conn, parse_uuid(to)?))
            .transpose()?,
        review,
        open_actions,
        created_at: parse_time(&r.created)?,
        updated_at: parse_time(&r.updated)?,
    })
}

/// Follows `objective`'s history back to the quarter `quarter`.
fn ancestor_in(conn: &Connection, objective: &Objective, quarter: Quarter) -> Result<Option<Uuid>> {
    let mut current = objective.carried_from.as_ref().map(|f| (f.id, f.quarter));
    let mut guard = 0;
    while let Some((id, q)) = current {
        if q == quarter {
            return Ok(Some(id));
        }
        if q < quarter || guard > 200 {
            return Ok(None);
        }
        guard += 1;
        let r = row(conn, id)?;
        current = match r.carried_from {
            Some(from) => Some((from, row(conn, from)?.quarter)),
            None => None,
        };
    }
    Ok(None)
}

fn review_counts(conn: &Connection, quarter: Quarter) -> Result<(u32, u32)> {
    Ok(conn
        .prepare_cached(
            "SELECT count(r.objective_id), count(*) FROM objective o
             LEFT JOIN objective_review r ON r.objective_id = o.id WHERE o.quarter = ?1",
        )?
        .query_row([quarter.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

fn state_of(reviewed: u32, total: u32) -> QuarterState {
    match (reviewed, total) {
        (_, 0) | (0, _) => QuarterState::Open,
        (r, t) if r >= t => QuarterState::Closed,
        _ => QuarterState::InReview,
    }
}

fn get_seminar(conn: &Connection, id: Uuid) -> Result<Seminar> {
    let key = id.to_string();
    let found = conn
        .prepare_cached(
            "SELECT quarter, title, starts_on, ends_on, place, agenda, notes FROM seminar
             WHERE id = ?1",
        )?
        .query_row([&key], |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get::<_, String>(1)?],
                [
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ],
                [
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ],
            ))
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Seminar, id))?;
    let ([quarter, title], [starts, ends], [place, agenda, notes]) = found;
    Ok(Seminar {
        id,
        quarter: Quarter::parse("quarter", &quarter)?,
        title,
        starts_on: starts.as_deref().map(parse_stored_date).transpose()?,
        ends_on: ends.as_deref().map(parse_stored_date).transpose()?,
        place,
        participants: id_name_pairs(
            conn,
            "SELECT p.id, trim(p.first_name || ' ' || p.last_name) FROM seminar_person x
             JOIN person p ON p.id = x.person_id WHERE x.seminar_id = ?1 ORDER BY p.sort_key",
            &key,
        )?
        .into_iter()
        .map(|(id, name)| PersonRef { id, name })
        .collect(),
        agenda,
        notes,
    })
}

fn seminars_of(conn: &Connection, quarter: Quarter) -> Result<Vec<Seminar>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM seminar WHERE quarter = ?1 ORDER BY starts_on, created_at",
    )?;
    let ids = stmt
        .query_map([quarter.to_string()], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter()
        .map(|id| get_seminar(conn, parse_uuid(id)?))
        .collect()
}

// --- Writing ---------------------------------------------------------------------------------

fn check_people(tx: &Connection, people: &[Uuid]) -> Result<()> {
    for person in people {
        require(tx, Entity::Person, *person)?;
    }
    Ok(())
}

fn check_links(tx: &Connection, draft: &ObjectiveDraft) -> Result<()> {
    get_axis(tx, draft.axis_id)?;
    check_people(tx, &draft.owners)?;
    for org in &draft.organizations {
        require(tx, Entity::Organization, *org)?;
    }
    for engagement in &draft.engagements {
        require(tx, Entity::Engagement, *engagement)?;
    }
    Ok(())
}

fn insert_objective(
    tx: &Connection,
    id: Uuid,
    draft: &ObjectiveDraft,
    carried_from: Option<Uuid>,
) -> Result<()> {
    let now = format_time(Utc::now());
    tx.execute(
        "INSERT INTO objective (id, quarter, axis_id, title, description, status, progress,
             target, carried_from_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            id.to_string(),
            draft.quarter.to_string(),
            draft.axis_id.to_string(),
            draft.title,
            draft.description,
            draft.status.code(),
            draft.progress,
            draft.target,
            carried_from.map(|c| c.to_string()),
            now,
        ],
    )?;
    write_links(tx, id, draft)
}

fn write_links(tx: &Connection, id: Uuid, draft: &ObjectiveDraft) -> Result<()> {
    let key = id.to_string();
    for (table, column, ids) in [
        ("objective_owner", "person_id", &draft.owners),
        (
            "objective_organization",
            "organization_id",
            &draft.organizations,
        ),
        ("objective_engagement", "engagement_id", &draft.engagements),
    ] {
        let mut stmt = tx.prepare_cached(&format!(
            "INSERT INTO {table} (objective_id, {column}) VALUES (?1, ?2)"
        ))?;
        for linked in ids {
            stmt.execute(params![key, linked.to_string()])?;
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO objective_indicator (objective_id, position, name, target, current)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, indicator) in draft.indicators.iter().enumerate() {
        stmt.execute(params![
            key,
            i as i64,
            indicator.name,
            indicator.target,
            indicator.current
        ])?;
    }
    Ok(())
}

fn write_participants(tx: &Connection, id: Uuid, people: &[Uuid]) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT INTO seminar_person (seminar_id, person_id) VALUES (?1, ?2)")?;
    for person in people {
        stmt.execute(params![id.to_string(), person.to_string()])?;
    }
    Ok(())
}

/// Removes the objective's review, if any: its status returns to what it was, and the
/// objective it created in the next quarter goes, unless that one was reviewed or acted on.
fn undo_review(tx: &Connection, objective: &Objective) -> Result<()> {
    let before: Option<(String, f64)> = tx
        .prepare_cached(
            "SELECT status_before, progress_before FROM objective_review WHERE objective_id = ?1",
        )?
        .query_row([objective.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((before, progress_before)) = before else {
        return Ok(());
    };
    if let Some(next) = &objective.carried_to {
        let successor = get_objective(tx, next.id)?;
        if successor.review.is_some() || successor.carried_to.is_some() {
            return Err(Error::Refused(format!(
                "the decision on \"{}\" was followed up in {}: take that review back first",
                objective.title, successor.quarter
            )));
        }
        let actions: i64 = tx
            .prepare_cached("SELECT count(*) FROM action WHERE objective_id = ?1")?
            .query_row([next.id.to_string()], |r| r.get(0))?;
        if actions > 0 {
            return Err(Error::Refused(format!(
                "\"{}\" in {} already has actions: it cannot be taken back",
                objective.title, successor.quarter
            )));
        }
        tx.execute("DELETE FROM objective WHERE id = ?1", [next.id.to_string()])?;
        search::remove(tx, search::SearchKind::Objective, &next.id.to_string())?;
    }
    tx.execute(
        "UPDATE objective SET status = ?2, progress = ?3, updated_at = ?4 WHERE id = ?1",
        params![
            objective.id.to_string(),
            before,
            progress_before,
            format_time(Utc::now())
        ],
    )?;
    tx.execute(
        "DELETE FROM objective_review WHERE objective_id = ?1",
        [objective.id.to_string()],
    )?;
    Ok(())
}
