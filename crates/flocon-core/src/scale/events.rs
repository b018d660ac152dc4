//! Events of the last three years (and a few to come) in the association's series, with their
//! attendance lists, and one training cohort a year with each person's stages.

use chrono::{Duration, NaiveDate};

use super::World;
use super::words::CITIES;
use crate::error::Result;
use crate::event::{CohortDraft, EventDraft};
use crate::store::Store;
use crate::vocab::{Attendance, CohortStage};

/// What each series' events are called and how they go: (title stem, usual attendance,
/// unnamed participants counted at the door).
const KINDS: &[(&str, &str, usize, bool)] = &[
    ("#GagnerEnsemble", "#GagnerEnsemble : ", 35, false),
    ("#OpenSource", "#OpenSource : ", 20, false),
    ("Leadership Bootcamp", "Leadership Bootcamp — ", 16, false),
    (
        "Soirée de la communauté",
        "Soirée de la communauté — ",
        40,
        true,
    ),
    ("Co-développement", "Co-développement : ", 10, false),
    ("Atelier", "Atelier : ", 14, false),
];

const TOPICS: &[&str] = &[
    "construire une campagne victorieuse",
    "trouver des financements",
    "négocier avec la mairie",
    "prendre la parole en public",
    "recruter de nouveaux membres",
    "tenir dans la durée",
    "raconter notre histoire",
    "préparer une action publique",
    "organiser une assemblée de locataires",
    "animer une réunion qui décide",
];

pub(super) fn create(
    store: &Store,
    w: &mut World,
    events: usize,
    cohorts: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    progress(&format!("{events} rencontres et leurs listes de présence"));
    let series: Vec<_> = store.list_series()?;
    let series_id = |name: &str| series.iter().find(|s| s.name == name).map(|s| s.id);
    let collectives: Vec<usize> = (0..w.organizations.len())
        .filter(|&i| w.organizations[i].collective.is_some())
        .collect();
    for n in 0..events {
        let (name, stem, usual, unnamed) = KINDS[w.rng.below(KINDS.len())];
        // Spread over three years before today; one in twenty is still to come.
        let days_ago = if w.rng.chance(5) {
            -(w.rng.between(1, 60))
        } else {
            w.rng.between(1, 3 * 365)
        };
        let day = w.today - Duration::days(days_ago);
        let starts_at = day
            .and_hms_opt(if name == "Leadership Bootcamp" { 8 } else { 17 }, 30, 0)
            .unwrap_or_default()
            .and_utc();
        let speaker = w.team_id();
        let organizations = match collectives.is_empty() {
            true => Vec::new(),
            false => vec![w.organizations[collectives[w.rng.below(collectives.len())]].id],
        };
        let event = store.create_event(EventDraft {
            title: format!("{stem}{}", TOPICS[(n + w.rng.below(3)) % TOPICS.len()]),
            series_id: series_id(name),
            starts_at,
            ends_at: Some(starts_at + Duration::hours(2)),
            place: format!(
                "Maison des associations, {}",
                CITIES[w.rng.below(CITIES.len())]
            ),
            speakers: vec![speaker],
            guests: Vec::new(),
            organizations,
            description: format!("Rencontre de la série {name}."),
            notes: String::new(),
            unnamed_count: if unnamed && days_ago > 0 {
                w.rng.below(50) as u32 + 10
            } else {
                0
            },
        })?;
        let size = usual / 2 + w.rng.below(usual);
        let mut answers = Vec::with_capacity(size);
        for _ in 0..size {
            let person = w.people[w.team + w.rng.below(w.people.len() - w.team)];
            if person == speaker || answers.iter().any(|(p, _)| *p == person) {
                continue;
            }
            let roll = w.rng.below(100);
            let status = if days_ago <= 0 {
                if roll < 70 {
                    Attendance::Registered
                } else {
                    Attendance::Invited
                }
            } else if roll < 72 {
                Attendance::Present
            } else if roll < 82 {
                Attendance::Excused
            } else if roll < 92 {
                Attendance::Absent
            } else {
                Attendance::Registered
            };
            answers.push((person, Some(status)));
        }
        w.counts.attendances += answers.len() as u64;
        store.set_attendances(event.id, &answers)?;
        w.counts.events += 1;
    }
    progress(&format!("{cohorts} cohortes de formation"));
    let year = w
        .today
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2026);
    for c in 0..cohorts {
        let cohort_year = year - c as i32;
        let start = NaiveDate::from_ymd_opt(cohort_year, 1, 15).unwrap_or(w.today);
        let cohort = store.create_cohort(CohortDraft {
            name: format!("Promotion {cohort_year}"),
            programme: "Formation au community organizing".into(),
            starts_on: Some(start),
        })?;
        w.counts.cohorts += 1;
        let applicants = 10 + w.rng.below(8);
        for _ in 0..applicants {
            let person = w.people[w.team + w.rng.below(w.people.len() - w.team)];
            let on = |days: i64| (start + Duration::days(days)).min(w.today);
            store.set_cohort_stage(cohort.id, person, CohortStage::Applicant, on(-30))?;
            if w.rng.chance(15) {
                store.set_cohort_stage(cohort.id, person, CohortStage::Rejected, on(-10))?;
                continue;
            }
            store.set_cohort_stage(cohort.id, person, CohortStage::Accepted, on(-10))?;
            if start + Duration::days(180) <= w.today {
                let end = if w.rng.chance(10) {
                    CohortStage::Dropped
                } else {
                    CohortStage::Certified
                };
                store.set_cohort_stage(cohort.id, person, end, on(180))?;
            }
        }
    }
    Ok(())
}
