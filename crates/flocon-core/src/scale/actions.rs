//! Follow-up actions: who owns them, when they are due, and where they stand today.

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::coaching::Present;
use super::{World, words};
use crate::error::Result;
use crate::session::ActionDraft;
use crate::store::Store;
use crate::vocab::ActionStatus;

/// An action decided in a session: mostly owned by a facilitator or someone present.
pub(super) fn decided_in(
    w: &mut World,
    session: Uuid,
    day: NaiveDate,
    present: &Present,
) -> (ActionDraft, ActionStatus, NaiveDate) {
    let owner = match w.rng.below(100) {
        0..55 => w.rng.choose(&present.facilitators),
        55..95 => w
            .rng
            .choose(&present.participants)
            .or_else(|| w.rng.choose(&present.facilitators)),
        _ => None,
    };
    let due = w
        .rng
        .chance(90)
        .then(|| day + Duration::days(w.rng.between(7, 42)));
    let (status, done_on) = settle(w, day, due);
    let draft = ActionDraft {
        text: w.rng.pick(words::ACTIONS).into(),
        owner_id: owner.map(|p| w.people[p]),
        due_on: due,
        session_id: Some(session),
        objective_id: None,
    };
    (draft, status, done_on)
}

/// Where an action decided on `decided` stands today: the longer past its due date, the more
/// likely done; some are dropped, some overdue. Returns the day it was done, if it was.
pub(super) fn settle(
    w: &mut World,
    decided: NaiveDate,
    due: Option<NaiveDate>,
) -> (ActionStatus, NaiveDate) {
    let deadline = due.unwrap_or(decided + Duration::days(30));
    let (done, dropped) = match (w.today - deadline).num_days() {
        15.. => (72, 8),
        1..=14 => (45, 0),
        _ => (15, 0),
    };
    let roll = w.rng.below(100);
    let done_on = (deadline + Duration::days(w.rng.between(-10, 5)))
        .min(w.today)
        .max(decided);
    let status = if roll < done && decided <= w.today {
        ActionStatus::Done
    } else if roll < done + dropped {
        ActionStatus::Dropped
    } else {
        ActionStatus::Todo
    };
    (status, done_on)
}

/// Adds the actions in one transaction, then sets the statuses of those no longer to do in
/// another, and counts them.
pub(super) fn write(
    store: &Store,
    w: &mut World,
    actions: Vec<(ActionDraft, ActionStatus, NaiveDate)>,
) -> Result<()> {
    if actions.is_empty() {
        return Ok(());
    }
    let mut settled = Vec::with_capacity(actions.len());
    let mut drafts = Vec::with_capacity(actions.len());
    for (draft, status, day) in actions {
        if status == ActionStatus::Done {
            w.counts.actions_done += 1;
        }
        if status == ActionStatus::Todo && draft.due_on.is_some_and(|d| d < w.today) {
            w.counts.actions_overdue += 1;
        }
        settled.push((status, day));
        drafts.push(draft);
    }
    let ids = store.add_actions(drafts)?;
    w.counts.actions += ids.len() as u64;
    let changes: Vec<_> = ids
        .into_iter()
        .zip(settled)
        .filter(|(_, (status, _))| *status != ActionStatus::Todo)
        .map(|(id, (status, day))| (id, status, day))
        .collect();
    store.set_action_statuses(&changes)
}
