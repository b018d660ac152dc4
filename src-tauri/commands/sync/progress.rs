//! How far a sync has gone, for the sync screen's progress bar. The core tells it at every
//! file read and every commit sent or applied: thousands of calls on a first sync, far more
//! than a web view should be sent. What passes: a few a second, every change of step, and a
//! step's last count.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use flocon_core::sync::{SyncProgress, SyncStep};

/// At most this often within a step (about five a second): enough for a bar that moves.
const EVERY: Duration = Duration::from_millis(200);

/// Which of a sync's progress reports are worth sending on. One per sync.
#[derive(Default)]
pub(super) struct ProgressThrottle {
    /// The step and time of the last report let through.
    last: Mutex<Option<(SyncStep, Instant)>>,
}

impl ProgressThrottle {
    /// Whether `progress`, told at `now`, is sent on; if so, it is the new last one.
    pub(super) fn lets_through(&self, progress: &SyncProgress, now: Instant) -> bool {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((step, at)) = *last
            && step == progress.step
            && progress.done < progress.total
            && now.duration_since(at) < EVERY
        {
            return false;
        }
        *last = Some((progress.step, now));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(step: SyncStep, done: u64, total: u64) -> SyncProgress {
        SyncProgress { step, done, total }
    }

    #[test]
    fn the_first_report_and_each_change_of_step_pass_at_once() {
        let throttle = ProgressThrottle::default();
        let start = Instant::now();
        assert!(throttle.lets_through(&at(SyncStep::Reading, 0, 120), start));
        assert!(throttle.lets_through(&at(SyncStep::Sending, 0, 40), start));
        assert!(throttle.lets_through(&at(SyncStep::Applying, 0, 200), start));
        assert!(throttle.lets_through(&at(SyncStep::Settling, 0, 0), start));
    }

    #[test]
    fn within_a_step_reports_pass_about_five_times_a_second() {
        let throttle = ProgressThrottle::default();
        let start = Instant::now();
        let passed = (0..1_000u64)
            .filter(|&ms| {
                let now = start + Duration::from_millis(ms);
                throttle.lets_through(&at(SyncStep::Applying, ms, 5_000), now)
            })
            .count();
        // One at 0 ms, then one per 200 ms.
        assert_eq!(passed, 5);
    }

    #[test]
    fn the_last_count_of_a_step_always_passes() {
        let throttle = ProgressThrottle::default();
        let start = Instant::now();
        assert!(throttle.lets_through(&at(SyncStep::Sending, 0, 40), start));
        assert!(!throttle.lets_through(&at(SyncStep::Sending, 39, 40), start));
        assert!(throttle.lets_through(&at(SyncStep::Sending, 40, 40), start));
    }
}
