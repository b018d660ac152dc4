//! Five quarters of roadmap: the three before this one, reviewed at their seminars (what the
//! reviews continue lands in the next quarter), this quarter's and the next one's, and actions
//! serving the objectives.

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::World;
use super::actions::{settle, write};
use super::words::{self, CITIES};
use crate::error::Result;
use crate::roadmap::{
    Axis, Indicator, Objective, ObjectiveDraft, Quarter, ReviewDraft, SeminarDraft,
};
use crate::session::ActionDraft;
use crate::store::Store;
use crate::vocab::{ObjectiveStatus, ReviewDecision};

/// Where a quarter stands, which decides how far its objectives have come.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Past,
    Current,
    Next,
}

/// An objective actions can serve: its id, its quarter and its owners.
type Served = (Uuid, Quarter, Vec<Uuid>);

pub(super) fn create(
    store: &Store,
    w: &mut World,
    per_axis: usize,
    actions: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let axes = store.list_axes()?;
    if axes.is_empty() {
        return Ok(());
    }
    let per_quarter = per_axis * axes.len();
    let current = Quarter::of(w.today);
    let mut quarter = current.previous().previous().previous();
    let mut carried: Vec<Objective> = Vec::new();
    let mut served: Vec<Served> = Vec::new();
    while quarter < current {
        let fill = per_quarter.saturating_sub(carried.len());
        let mut objectives = std::mem::take(&mut carried);
        objectives.extend(new_objectives(store, w, &axes, quarter, fill, Stage::Past)?);
        let seminar = store.create_seminar(seminar(w, quarter))?.id;
        w.counts.seminars += 1;
        for objective in objectives {
            served.push(served_by(&objective));
            let outcome = store.review_objective(objective.id, review(w, &objective, seminar))?;
            w.counts.reviews += 1;
            if let Some(next) = outcome.successor {
                w.counts.objectives += 1;
                carried.push(next);
            }
        }
        quarter = quarter.next();
    }
    let fill = per_quarter.saturating_sub(carried.len());
    carried.extend(new_objectives(
        store,
        w,
        &axes,
        current,
        fill,
        Stage::Current,
    )?);
    served.extend(carried.iter().map(served_by));
    store.create_seminar(seminar(w, current))?;
    w.counts.seminars += 1;
    new_objectives(
        store,
        w,
        &axes,
        current.next(),
        per_quarter / 2,
        Stage::Next,
    )?;
    progress(&format!("{} objectives", w.counts.objectives));
    objective_actions(store, w, &served, actions)
}

fn served_by(o: &Objective) -> Served {
    (o.id, o.quarter, o.owners.iter().map(|p| p.id).collect())
}

fn new_objectives(
    store: &Store,
    w: &mut World,
    axes: &[Axis],
    quarter: Quarter,
    count: usize,
    stage: Stage,
) -> Result<Vec<Objective>> {
    let mut created = Vec::with_capacity(count);
    for i in 0..count {
        let draft = objective(w, axes, i % axes.len(), quarter, stage);
        created.push(store.create_objective(draft)?);
        w.counts.objectives += 1;
    }
    Ok(created)
}

fn objective(
    w: &mut World,
    axes: &[Axis],
    axis: usize,
    quarter: Quarter,
    stage: Stage,
) -> ObjectiveDraft {
    let templates = words::OBJECTIVES[axis % words::OBJECTIVES.len()];
    let (title, bounds) = w.rng.pick(templates);
    let target = bounds.map(|(low, high)| w.rng.between(low.into(), high.into()) as f64);
    let title = title
        .replace("{n}", &target.unwrap_or_default().to_string())
        .replace("{city}", w.rng.pick(CITIES));
    let (status, percent) = match (stage, w.rng.below(100)) {
        (Stage::Past, 0..30) => (ObjectiveStatus::Achieved, 100),
        (Stage::Past, 30..65) => (ObjectiveStatus::InProgress, w.rng.between(30, 90)),
        (Stage::Past, 65..85) => (ObjectiveStatus::Late, w.rng.between(10, 50)),
        (Stage::Current, 0..50) => (ObjectiveStatus::InProgress, w.rng.between(10, 70)),
        (Stage::Current, 50..65) => (ObjectiveStatus::Late, w.rng.between(5, 30)),
        _ => (ObjectiveStatus::NotStarted, 0),
    };
    let progress = match target {
        Some(t) => (t * percent as f64 / 100.0).round(),
        None => percent as f64,
    };
    let owners = w.team_members(2);
    let collectives: Vec<Uuid> = if w.rng.chance(40) {
        let o = w.rng.below(w.organizations.len());
        w.organizations
            .get(o)
            .filter(|o| o.collective.is_some())
            .map(|o| o.id)
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    let engagement = w.rng.chance(30).then(|| w.rng.below(w.engagements.len()));
    let indicators = if w.rng.chance(25) {
        let target = w.rng.between(10, 50);
        vec![Indicator {
            name: w.rng.pick(words::INDICATORS).into(),
            target: Some(target as f64),
            current: Some((target * percent / 100) as f64),
        }]
    } else {
        Vec::new()
    };
    let description = if w.rng.chance(50) {
        let (a, b) = (
            w.rng.pick(words::FIRST_NAMES),
            w.rng.pick(words::FIRST_NAMES),
        );
        w.sentence(a, b)
    } else {
        String::new()
    };
    ObjectiveDraft {
        quarter,
        axis_id: axes[axis].id,
        title,
        description,
        owners: w.ids(&owners),
        status,
        progress,
        target,
        indicators,
        organizations: collectives,
        engagements: engagement
            .and_then(|e| w.engagements.get(e))
            .map(|e| e.id)
            .into_iter()
            .collect(),
    }
}

/// The seminar that reviews `quarter`, at the start of the next one.
fn seminar(w: &mut World, quarter: Quarter) -> SeminarDraft {
    let starts = first_day(quarter.next(), w.today) + Duration::days(w.rng.between(5, 20));
    let participants = w.team_members(w.team.min(12));
    SeminarDraft {
        quarter,
        title: format!("Séminaire {quarter}"),
        starts_on: Some(starts),
        ends_on: Some(starts + Duration::days(1)),
        place: w.rng.pick(words::SEMINAR_PLACES).into(),
        participants: w.ids(&participants),
        agenda: "1. Tour de météo\n2. Revue de la feuille de route\n3. Priorités du trimestre"
            .into(),
        notes: String::new(),
    }
}

fn first_day(quarter: Quarter, fallback: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(quarter.year(), u32::from(quarter.number()) * 3 - 2, 1)
        .unwrap_or(fallback)
}

/// What the seminar decides, given how far the objective came.
fn review(w: &mut World, objective: &Objective, seminar: Uuid) -> ReviewDraft {
    let roll = w.rng.below(100);
    let adjust_or_carry = if objective.target.is_some() {
        ReviewDecision::Adjust
    } else {
        ReviewDecision::Carry
    };
    let decision = match (objective.status, roll) {
        (ObjectiveStatus::Achieved, _) => ReviewDecision::Close,
        (ObjectiveStatus::InProgress, 0..50) => ReviewDecision::Keep,
        (ObjectiveStatus::InProgress, 50..75) => adjust_or_carry,
        (ObjectiveStatus::Late, 0..40) => adjust_or_carry,
        (ObjectiveStatus::Late, 80..) | (ObjectiveStatus::NotStarted, 50..) => ReviewDecision::Drop,
        (ObjectiveStatus::Dropped, _) => ReviewDecision::Drop,
        _ => ReviewDecision::Carry,
    };
    ReviewDraft {
        decision,
        comment: w.rng.pick(words::REVIEW_COMMENTS).into(),
        new_target: (decision == ReviewDecision::Adjust)
            .then(|| objective.target.map(|t| (t * 0.75).round().max(1.0)))
            .flatten(),
        seminar_id: Some(seminar),
    }
}

/// Actions serving the objectives of past and current quarters, owned by their owners.
fn objective_actions(store: &Store, w: &mut World, served: &[Served], count: usize) -> Result<()> {
    if served.is_empty() {
        return Ok(());
    }
    let mut actions = Vec::with_capacity(count);
    for _ in 0..count {
        let (id, quarter, owners) = &served[w.rng.below(served.len())];
        let decided = first_day(*quarter, w.today) + Duration::days(w.rng.between(0, 20));
        let decided = decided.min(w.today);
        let due = decided + Duration::days(w.rng.between(14, 70));
        let (status, done_on) = settle(w, decided, Some(due));
        let owner = w.rng.choose(owners);
        actions.push((
            ActionDraft {
                text: w.rng.pick(words::ACTIONS).into(),
                owner_id: owner,
                due_on: Some(due),
                session_id: None,
                objective_id: Some(*id),
            },
            status,
            done_on,
        ));
    }
    write(store, w, actions)
}
