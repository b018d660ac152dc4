//! Realistic data at scale, for benchmarks and for trying the app on a full database
//! (`flocon demo --scale small|large`): people with French names and accents, organisations
//! (mostly collectives), memberships, engagements, three years of coaching sessions with notes,
//! participants, decisions and actions, and five quarters of roadmap with their seminars and
//! reviews. Every name, address and number is invented; emails use `example.*` domains.
//!
//! Everything goes through the store's write path, in batches of one transaction each, so the
//! search index and the sync change capture are filled exactly as by hand. The same seed gives
//! the same data on the same day: dates are placed around today, so there is always something
//! overdue and something coming up. Ids and creation times differ from run to run.
//!
//! Then events in the association's series with their attendance lists, and one training
//! cohort a year.

mod actions;
mod coaching;
mod events;
mod organizations;
mod people;
mod roadmap;
pub mod words;

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::Store;
use crate::vocab::CollectiveStatus;

/// How much data to generate: `Large` is the association after years of work, `Small` a tenth
/// of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Small,
    Large,
}

/// What `generate` created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleCounts {
    /// Every person, the team included.
    pub people: u64,
    /// People of the association's team: they facilitate, lead and own most of the work.
    pub team_members: u64,
    /// People whose notes are about 2 KB of Markdown.
    pub people_with_notes: u64,
    pub organizations: u64,
    /// Organisations of kind `collective`.
    pub collectives: u64,
    pub memberships: u64,
    pub engagements: u64,
    pub sessions: u64,
    /// Sessions from today on.
    pub upcoming_sessions: u64,
    pub actions: u64,
    pub actions_done: u64,
    /// Actions still to do whose due date has passed.
    pub actions_overdue: u64,
    pub objectives: u64,
    pub reviews: u64,
    pub seminars: u64,
    pub events: u64,
    /// Names on events' attendance lists.
    pub attendances: u64,
    pub cohorts: u64,
}

/// How many records of each kind a scale has.
struct Sizes {
    people: usize,
    team: usize,
    organizations: usize,
    memberships: usize,
    engagements: usize,
    sessions: usize,
    actions: usize,
    /// Objectives per axis and quarter.
    objectives_per_axis: usize,
    events: usize,
    cohorts: usize,
}

impl Scale {
    fn sizes(self) -> Sizes {
        match self {
            Scale::Large => Sizes {
                people: 100_000,
                team: 30,
                organizations: 2_000,
                memberships: 10_000,
                engagements: 300,
                sessions: 50_000,
                actions: 20_000,
                objectives_per_axis: 8,
                events: 200,
                cohorts: 3,
            },
            Scale::Small => Sizes {
                people: 10_000,
                team: 10,
                organizations: 200,
                memberships: 1_000,
                engagements: 30,
                sessions: 5_000,
                actions: 2_000,
                objectives_per_axis: 2,
                events: 20,
                cohorts: 1,
            },
        }
    }
}

/// Fills an empty database with realistic data: the same `seed` gives the same data (on the
/// same day). `progress` hears what is being written. Refused when the database already holds
/// contacts: generated data must never mix with real data.
pub fn generate(
    store: &Store,
    scale: Scale,
    seed: u64,
    mut progress: impl FnMut(&str),
) -> Result<ScaleCounts> {
    generate_on(
        store,
        &scale.sizes(),
        seed,
        Utc::now().date_naive(),
        &mut progress,
    )
}

/// `generate`, with these sizes and the dates placed around `today`.
fn generate_on(
    store: &Store,
    sizes: &Sizes,
    seed: u64,
    today: NaiveDate,
    progress: &mut dyn FnMut(&str),
) -> Result<ScaleCounts> {
    let existing = store.count_persons()?;
    if existing > 0 {
        return Err(Error::Refused(format!(
            "the database already holds {existing} contact(s); demo data goes only into an empty database (use another --data-dir)"
        )));
    }
    let mut world = World::new(seed, today);
    people::create(store, &mut world, sizes, progress)?;
    coaching::create_engagements(store, &mut world, sizes.engagements, progress)?;
    let objective_actions = sizes.actions / 20;
    roadmap::create(
        store,
        &mut world,
        sizes.objectives_per_axis,
        objective_actions,
        progress,
    )?;
    coaching::create_sessions(
        store,
        &mut world,
        sizes.sessions,
        sizes.actions - objective_actions,
        progress,
    )?;
    events::create(store, &mut world, sizes.events, sizes.cohorts, progress)?;
    Ok(world.counts)
}

/// What the generation knows of the records written so far, to link the next ones to them.
struct World {
    rng: Prng,
    today: NaiveDate,
    /// Everyone, the team first.
    people: Vec<Uuid>,
    /// Their first names, to write them into notes.
    first_names: Vec<&'static str>,
    /// How many of the first `people` are the team.
    team: usize,
    organizations: Vec<Org>,
    /// The people (indices into `people`) who are members of each organisation.
    members: Vec<Vec<usize>>,
    engagements: Vec<coaching::Engagement>,
    counts: ScaleCounts,
}

/// An organisation written, as the rest of the generation needs it.
struct Org {
    id: Uuid,
    name: String,
    collective: Option<CollectiveStatus>,
    funder: bool,
}

impl World {
    fn new(seed: u64, today: NaiveDate) -> World {
        World {
            rng: Prng::new(seed),
            today,
            people: Vec::new(),
            first_names: Vec::new(),
            team: 0,
            organizations: Vec::new(),
            members: Vec::new(),
            engagements: Vec::new(),
            counts: ScaleCounts::default(),
        }
    }

    /// A team member, as an index into `people`.
    fn team_member(&mut self) -> usize {
        self.rng.below(self.team.max(1))
    }

    /// A team member's id.
    fn team_id(&mut self) -> Uuid {
        let t = self.team_member();
        self.people[t]
    }

    /// One to `n` distinct team members.
    fn team_members(&mut self, n: usize) -> Vec<usize> {
        let count = 1 + self.rng.below(n);
        let mut chosen = Vec::with_capacity(count);
        for _ in 0..count {
            let t = self.team_member();
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        chosen
    }

    fn ids(&self, people: &[usize]) -> Vec<Uuid> {
        people.iter().map(|&p| self.people[p]).collect()
    }

    /// A day `days` away from today.
    fn day(&self, days: i64) -> NaiveDate {
        self.today + chrono::Duration::days(days)
    }

    /// From `min` to `max` distinct tags.
    fn tags(&mut self, min: usize, max: usize) -> Vec<String> {
        let count = self.rng.between(min as i64, max as i64) as usize;
        self.rng
            .sample(words::TAGS, count)
            .into_iter()
            .map(Into::into)
            .collect()
    }

    /// A sentence of notes, with `{a}` and `{b}` replaced by these names.
    fn sentence(&mut self, a: &str, b: &str) -> String {
        self.rng
            .pick(words::SENTENCES)
            .replace("{a}", a)
            .replace("{b}", b)
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same numbers on every
/// machine, without a dependency.
pub struct Prng(u64);

impl Prng {
    pub fn new(seed: u64) -> Prng {
        Prng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`, or 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number from `low` to `high`, both included.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1).max(1) as usize) as i64
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, which must not be empty (every list it is given here is a constant).
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// One of `items`, if there is any.
    pub fn choose<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| self.pick(items))
    }

    /// Up to `n` distinct items, in the order drawn.
    pub fn sample<T: Copy + PartialEq>(&mut self, items: &[T], n: usize) -> Vec<T> {
        if items.len() <= n {
            return items.to_vec();
        }
        let mut chosen = Vec::with_capacity(n);
        while chosen.len() < n {
            let item = self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::PersonQuery;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    /// A few of everything: enough for every rule to apply, quick in a debug build.
    const TINY: Sizes = Sizes {
        people: 400,
        team: 5,
        organizations: 20,
        memberships: 80,
        engagements: 5,
        sessions: 300,
        actions: 120,
        objectives_per_axis: 1,
        events: 12,
        cohorts: 2,
    };

    fn generate_tiny(store: &Store, seed: u64) -> Result<ScaleCounts> {
        generate_on(store, &TINY, seed, day("2026-11-20"), &mut |_| {})
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_a_second_run_is_refused() {
        let run = |seed| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open_in(dir.path()).expect("opens");
            let counts = generate_tiny(&store, seed).expect("generated");
            let people: Vec<_> = store
                .list_persons(&PersonQuery::default())
                .expect("listed")
                .into_iter()
                .map(|p| (p.first_name, p.last_name, p.email, p.organization))
                .collect();
            (dir, store, counts, people)
        };
        let (_dir, store, counts, people) = run(7);
        let (_same, _, again, same) = run(7);
        let (_other, _, _, different) = run(8);
        assert_eq!((&counts, &people), (&again, &same));
        assert_ne!(people, different);
        assert_eq!(
            (counts.people, counts.organizations, counts.memberships),
            (400, 20, 80)
        );
        assert_eq!((counts.sessions, counts.actions), (300, 120));
        assert!(counts.actions_done > 0 && counts.actions_overdue > 0);
        assert!(counts.reviews > 0 && counts.upcoming_sessions > 0);
        assert_eq!((counts.events, counts.cohorts), (12, 2));
        assert!(counts.attendances > 12 * 5);
        let events = store
            .list_events(&crate::event::EventQuery::default())
            .expect("events");
        assert_eq!(events.len(), 12);
        assert!(events.iter().any(|e| e.counts.present > 0));
        let cohorts = store.list_cohorts().expect("cohorts");
        assert!(cohorts.iter().all(|c| c.members >= 10));
        assert_eq!(store.count_persons().expect("count"), 400);
        assert!(!store.search("boissiere", 5).expect("searched").is_empty());
        assert!(matches!(generate_tiny(&store, 7), Err(Error::Refused(_))));
    }
}
