//! Engagements, and three years of sessions with their notes and decisions, written a week at
//! a time with the actions decided there, so each session carries the open actions of the one
//! before it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use super::words::{self, FIRST_NAMES};
use super::{World, actions};
use crate::error::Result;
use crate::session::{EngagementDraft, SessionDraft};
use crate::store::Store;
use crate::vocab::{CollectiveStatus, EngagementKind, EngagementStatus, SessionFormat};

/// How far back sessions go, and how far ahead they are planned.
const PAST_DAYS: i64 = 3 * 365;
const AHEAD_DAYS: i64 = 42;
/// The share of sessions held within an engagement, in percent (the others are one-off
/// sessions with a collective).
const IN_ENGAGEMENT_PERCENT: usize = 70;

/// An engagement written, as sessions need it.
pub(super) struct Engagement {
    pub(super) id: Uuid,
    organizations: Vec<usize>,
    leads: Vec<usize>,
    starts: NaiveDate,
    ends: NaiveDate,
}

pub(super) fn create_engagements(
    store: &Store,
    w: &mut World,
    count: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let collectives: Vec<usize> = (0..w.organizations.len())
        .filter(|&o| w.organizations[o].collective.is_some())
        .collect();
    // Engagements are mostly with the collectives the association supports or supported.
    let supported: Vec<usize> = collectives
        .iter()
        .copied()
        .filter(|&o| w.organizations[o].collective != Some(CollectiveStatus::Prospect))
        .collect();
    let pool = if supported.is_empty() {
        collectives
    } else {
        supported
    };
    let funders: Vec<usize> = (0..w.organizations.len())
        .filter(|&o| w.organizations[o].funder)
        .collect();
    if pool.is_empty() {
        return Ok(());
    }
    for _ in 0..count {
        let ago = w.rng.between(-21, PAST_DAYS + 180);
        let starts = w.day(-ago);
        let ends = starts + Duration::days(w.rng.between(180, 720));
        let organizations = if w.rng.chance(10) {
            w.rng.sample(&pool, 2)
        } else {
            vec![w.rng.pick(&pool)]
        };
        let leads = w.team_members(2);
        let kind_count = 1 + w.rng.below(2);
        let kinds = w.rng.sample(EngagementKind::ALL, kind_count);
        let status = if ends < w.today {
            pick_status(w, EngagementStatus::Finished)
        } else if starts > w.today {
            EngagementStatus::Preparing
        } else {
            pick_status(w, EngagementStatus::Active)
        };
        let elapsed = (w.today - starts).num_days() * 100 / (ends - starts).num_days().max(1);
        let funder = w.rng.chance(40).then(|| w.rng.choose(&funders)).flatten();
        let draft = EngagementDraft {
            title: format!(
                "{} — {}",
                kinds.first().map_or("Accompagnement", |k| k.label_fr()),
                w.organizations[organizations[0]].name
            ),
            organizations: organizations
                .iter()
                .map(|&o| w.organizations[o].id)
                .collect(),
            kinds,
            goals: goals(w, elapsed.clamp(0, 100) as usize),
            starts_on: Some(starts),
            ends_on: Some(ends),
            cadence: w.rng.pick(words::CADENCES).into(),
            funder_id: funder.map(|f| w.organizations[f].id),
            status,
            leads: w.ids(&leads),
        };
        let id = store.create_engagement(draft)?.id;
        w.engagements.push(Engagement {
            id,
            organizations,
            leads,
            starts,
            ends,
        });
    }
    w.counts.engagements = w.engagements.len() as u64;
    progress(&format!("{} engagements", w.engagements.len()));
    Ok(())
}

/// `usual`, or now and then suspended.
fn pick_status(w: &mut World, usual: EngagementStatus) -> EngagementStatus {
    if w.rng.chance(8) {
        EngagementStatus::Suspended
    } else {
        usual
    }
}

/// A task list of goals, about `done` percent of them checked.
fn goals(w: &mut World, done: usize) -> String {
    let count = 3 + w.rng.below(3);
    w.rng
        .sample(words::GOALS, count)
        .into_iter()
        .map(|goal| {
            let mark = if w.rng.chance(done) { 'x' } else { ' ' };
            format!("- [{mark}] {goal}\n")
        })
        .collect()
}

/// A session to write: when, and with whom.
struct Planned {
    at: DateTime<Utc>,
    engagement: Option<usize>,
    organization: usize,
}

/// Who was at a session: the team members facilitating, and the others.
pub(super) struct Present {
    pub(super) facilitators: Vec<usize>,
    pub(super) participants: Vec<usize>,
}

/// Creates `count` sessions over the last three years and the next weeks, and `actions`
/// actions decided in the past ones, a week at a time.
pub(super) fn create_sessions(
    store: &Store,
    w: &mut World,
    count: usize,
    actions: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    let plan = plan_sessions(w, count);
    let today = w.today.and_time(NaiveTime::MIN).and_utc();
    let past = plan.partition_point(|s| s.at < today);
    let mut actions_of = vec![0u32; plan.len()];
    for _ in 0..actions {
        if past > 0 {
            actions_of[w.rng.below(past)] += 1;
        }
    }
    let mut start = 0;
    let mut reported = 0;
    while start < plan.len() {
        let week = plan[start].at.date_naive().iso_week();
        let end = start
            + plan[start..]
                .iter()
                .take_while(|s| s.at.date_naive().iso_week() == week)
                .count();
        write_week(store, w, &plan[start..end], &actions_of[start..end], today)?;
        if end - reported >= 5_000 || end == plan.len() {
            progress(&format!("{end}/{} sessions", plan.len()));
            reported = end;
        }
        start = end;
    }
    Ok(())
}

/// When each session takes place, and within which engagement or with which collective,
/// oldest first.
fn plan_sessions(w: &mut World, count: usize) -> Vec<Planned> {
    let collectives: Vec<usize> = (0..w.organizations.len())
        .filter(|&o| w.organizations[o].collective.is_some())
        .collect();
    let first_day = w.day(-PAST_DAYS);
    let mut plan = Vec::with_capacity(count);
    if collectives.is_empty() {
        return plan;
    }
    for _ in 0..count {
        let day = first_day + Duration::days(w.rng.below((PAST_DAYS + AHEAD_DAYS) as usize) as i64);
        let minutes = w.rng.between(8, 19) * 60 + w.rng.pick(&[0, 30]);
        let at = (day.and_time(NaiveTime::MIN) + Duration::minutes(minutes)).and_utc();
        let engagement = if w.rng.chance(IN_ENGAGEMENT_PERCENT) {
            let active: Vec<usize> = (0..w.engagements.len())
                .filter(|&e| w.engagements[e].starts <= day && day <= w.engagements[e].ends)
                .collect();
            w.rng.choose(&active)
        } else {
            None
        };
        let organization = match engagement {
            Some(e) => w.engagements[e].organizations[0],
            None => w.rng.pick(&collectives),
        };
        plan.push(Planned {
            at,
            engagement,
            organization,
        });
    }
    plan.sort_by_key(|s| s.at);
    plan
}

/// Writes a week of sessions in one transaction, then the actions decided there in another,
/// and their statuses in a third.
fn write_week(
    store: &Store,
    w: &mut World,
    sessions: &[Planned],
    actions_of: &[u32],
    today: DateTime<Utc>,
) -> Result<()> {
    let mut drafts = Vec::with_capacity(sessions.len());
    let mut present = Vec::with_capacity(sessions.len());
    for s in sessions {
        let (draft, who) = session(w, s, s.at < today);
        drafts.push(draft);
        present.push(who);
    }
    let ids = store.create_sessions(drafts)?;
    w.counts.sessions += ids.len() as u64;
    w.counts.upcoming_sessions += sessions.iter().filter(|s| s.at >= today).count() as u64;
    let mut actions = Vec::new();
    for (k, s) in sessions.iter().enumerate() {
        for _ in 0..actions_of[k] {
            actions.push(actions::decided_in(
                w,
                ids[k],
                s.at.date_naive(),
                &present[k],
            ));
        }
    }
    actions::write(store, w, actions)
}

fn session(w: &mut World, s: &Planned, past: bool) -> (SessionDraft, Present) {
    let engagement = s.engagement.map(|e| &w.engagements[e]);
    let organizations =
        engagement.map_or_else(|| vec![s.organization], |e| e.organizations.clone());
    let engagement_id = engagement.map(|e| e.id);
    let leads = engagement.map(|e| e.leads.clone());
    let pool: Vec<usize> = organizations
        .iter()
        .flat_map(|&o| w.members[o].iter().copied())
        .collect();
    let (format, present_count, minutes) = shape(w);
    let participants = w.rng.sample(&pool, present_count);
    let facilitators = match leads {
        Some(leads) if !leads.is_empty() => leads,
        _ => w.team_members(if format == SessionFormat::Training {
            2
        } else {
            1
        }),
    };
    let names: Vec<&'static str> = participants.iter().map(|&p| w.first_names[p]).collect();
    let (a, b) = match names.as_slice() {
        [] => (w.rng.pick(FIRST_NAMES), w.rng.pick(FIRST_NAMES)),
        [a] => (*a, w.rng.pick(FIRST_NAMES)),
        [a, b, ..] => (*a, *b),
    };
    let day = s.at.date_naive();
    let topic = w.rng.pick(words::TOPICS);
    let title = title(w, format, day, topic, a);
    let decisions = if past { decisions(w, a, b) } else { Vec::new() };
    let place = place(w);
    let draft = SessionDraft {
        title,
        engagement_id,
        organizations: organizations
            .iter()
            .map(|&o| w.organizations[o].id)
            .collect(),
        starts_at: s.at,
        duration_minutes: minutes,
        place,
        format,
        participants: w.ids(&participants),
        facilitators: w.ids(&facilitators),
        preparation: if !past || w.rng.chance(40) {
            agenda(topic)
        } else {
            String::new()
        },
        notes: if past {
            notes(w, &names, (a, b), topic, &decisions)
        } else {
            String::new()
        },
        next_session_on: (engagement_id.is_some() && w.rng.chance(50))
            .then(|| day + Duration::days(28)),
        decisions,
    };
    (
        draft,
        Present {
            facilitators,
            participants,
        },
    )
}

/// How the session is held, how many people come, and how many minutes it lasts.
fn shape(w: &mut World) -> (SessionFormat, usize, u32) {
    match w.rng.below(100) {
        0..35 => (SessionFormat::Bilateral, 2, w.rng.pick(&[60, 90])),
        35..70 => (
            SessionFormat::Collective,
            3 + w.rng.below(6),
            w.rng.pick(&[90, 120]),
        ),
        70..85 => (
            SessionFormat::Training,
            4 + w.rng.below(9),
            w.rng.pick(&[180, 240, 420]),
        ),
        _ => (SessionFormat::Individual, 1, 60),
    }
}

fn title(w: &mut World, format: SessionFormat, day: NaiveDate, topic: &str, who: &str) -> String {
    let month = words::MONTHS[day.month0() as usize];
    match format {
        SessionFormat::Bilateral => format!("Bilatérale de {month} avec {who}"),
        SessionFormat::Collective if w.rng.chance(50) => format!("Séance collective de {month}"),
        SessionFormat::Collective => format!("Séance collective : {topic}"),
        SessionFormat::Training => format!("Formation : {topic}"),
        SessionFormat::Individual => format!("Coaching individuel — {who}"),
    }
}

/// None to three decisions, naming `a` and `b` now and then.
fn decisions(w: &mut World, a: &str, b: &str) -> Vec<String> {
    let count = w.rng.pick(&[0, 1, 1, 2, 2, 3]);
    (0..count)
        .map(|_| {
            w.rng
                .pick(words::DECISIONS)
                .replace("{a}", a)
                .replace("{b}", b)
        })
        .collect()
}

/// A room in a city, or a video call.
fn place(w: &mut World) -> String {
    if w.rng.chance(20) {
        let room = w.rng.next_u64() % 1_000_000;
        format!("Visio : https://visio.example.org/{room}")
    } else {
        let (room, city) = (w.rng.pick(words::PLACES), w.rng.pick(words::CITIES));
        format!("{room}, {city}")
    }
}

fn agenda(topic: &str) -> String {
    format!(
        "## Ordre du jour\n\n1. Météo d'arrivée\n2. Retour sur les actions\n3. Sujet du jour : {topic}\n4. Prochaines étapes\n"
    )
}

/// About 2 KB of Markdown, as a coach writes during a session.
fn notes(
    w: &mut World,
    present: &[&str],
    (a, b): (&str, &str),
    topic: &str,
    decisions: &[String],
) -> String {
    let mut notes = String::with_capacity(2_400);
    notes.push_str("## Météo d'arrivée\n\n");
    for name in present.iter().take(3) {
        notes.push_str(&format!("- {name} : « {} »\n", w.rng.pick(words::MOODS)));
    }
    if present.is_empty() {
        notes.push_str("- Tout le monde est là.\n");
    }
    notes.push_str("\n## Retour sur les actions\n\n");
    notes.push_str(&w.sentence(a, b));
    notes.push(' ');
    notes.push_str(&w.sentence(b, a));
    notes.push_str(&format!("\n\n## Sujet du jour : {topic}\n\n"));
    while notes.len() < 1_800 {
        notes.push_str("- ");
        notes.push_str(&w.sentence(a, b));
        notes.push('\n');
    }
    notes.push_str("\n## Décisions\n\n");
    for decision in decisions {
        notes.push_str(&format!("- **{decision}**\n"));
    }
    if decisions.is_empty() {
        notes.push_str("Pas de décision formelle cette fois.\n");
    }
    notes.push_str("\n## Pour la prochaine fois\n\n");
    notes.push_str(&w.sentence(b, a));
    notes.push('\n');
    notes
}
