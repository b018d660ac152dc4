//! "Ma semaine", read while the window starts.
//!
//! The web view needs ~300 ms to start before the page can ask anything. The home screen's
//! question is known in advance (today, this week, the default settings), so it is answered
//! during that time, on the reading connection — which also warms SQLite's cache for what
//! follows. The page's first question takes that answer if it asks exactly the same thing and
//! nothing was written to the database since; otherwise it is answered as usual. The answer is
//! taken once.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, TimeZone};
use flocon_core::{Store, Week, WeekQuery};

/// How long the page's question waits for an answer still being prepared before asking itself.
const WAIT_AT_MOST: Duration = Duration::from_secs(2);

enum Slot {
    Empty,
    Preparing,
    Ready(Box<Ready>),
}

struct Ready {
    query: WeekQuery,
    version: i64,
    week: Week,
}

#[derive(Clone)]
pub struct FirstWeek(Arc<(Mutex<Slot>, Condvar)>);

impl Default for FirstWeek {
    fn default() -> Self {
        FirstWeek(Arc::new((Mutex::new(Slot::Empty), Condvar::new())))
    }
}

impl FirstWeek {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        self.0.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts answering the home screen's question for `now` on a thread of its own.
    pub fn prepare<Tz: TimeZone>(&self, store: Arc<Store>, now: &DateTime<Tz>) {
        let Some(query) = WeekQuery::home(now) else {
            return;
        };
        *self.slot() = Slot::Preparing;
        let this = self.clone();
        let started = std::thread::Builder::new()
            .name("first-week".into())
            .spawn(move || this.answer(&store, query));
        if started.is_err() {
            *self.slot() = Slot::Empty;
        }
    }

    fn answer(&self, store: &Store, query: WeekQuery) {
        // The version first: a write landing during the read makes the answer unusable.
        let ready = store
            .data_version()
            .and_then(|version| Ok((version, store.week(&query)?)));
        let mut slot = self.slot();
        *slot = match ready {
            Ok((version, week)) => Slot::Ready(Box::new(Ready {
                query,
                version,
                week,
            })),
            Err(error) => {
                tracing::debug!(%error, "the week was not read ahead");
                Slot::Empty
            }
        };
        self.0.1.notify_all();
    }

    /// The week read ahead, if it answers exactly `query` and nothing was written since.
    /// Waits (briefly) for an answer still being prepared; whatever the outcome, the answer is
    /// gone afterwards.
    pub fn take(&self, query: &WeekQuery, store: &Store) -> Option<Week> {
        let slot = self.slot();
        let (mut slot, _) = self
            .0
            .1
            .wait_timeout_while(slot, WAIT_AT_MOST, |s| matches!(s, Slot::Preparing))
            .unwrap_or_else(PoisonError::into_inner);
        let Slot::Ready(ready) = std::mem::replace(&mut *slot, Slot::Empty) else {
            return None;
        };
        drop(slot);
        let current = store.data_version().ok()?;
        (ready.query == *query && current == ready.version).then_some(ready.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use flocon_core::PersonDraft;

    fn store() -> (tempfile::TempDir, Arc<Store>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("store");
        (dir, Arc::new(store))
    }

    fn prepared(store: &Arc<Store>) -> (FirstWeek, WeekQuery) {
        let now = Utc::now();
        let first = FirstWeek::default();
        first.prepare(store.clone(), &now);
        (first, WeekQuery::home(&now).expect("query"))
    }

    #[test]
    fn the_same_question_gets_the_answer_read_ahead_once() {
        let (_dir, store) = store();
        let (first, query) = prepared(&store);
        assert_eq!(
            first.take(&query, &store),
            Some(store.week(&query).expect("week"))
        );
        assert_eq!(first.take(&query, &store), None, "taken once");
    }

    #[test]
    fn another_question_or_a_write_since_gets_no_answer_read_ahead() {
        let (_dir, store) = store();
        let (first, query) = prepared(&store);
        let other = WeekQuery {
            stale_after_weeks: 12,
            ..query.clone()
        };
        assert_eq!(first.take(&other, &store), None);

        let (first, query) = prepared(&store);
        // Wait for the answer, then write: it must not be served any more.
        while matches!(*first.slot(), Slot::Preparing) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let draft = PersonDraft {
            first_name: "Awa".into(),
            last_name: "Diallo".into(),
            ..PersonDraft::default()
        };
        store.create_person(draft).expect("person");
        assert_eq!(first.take(&query, &store), None);
    }
}
