//! Hybrid logical clocks (Kulkarni et al., 2014): a time that follows the wall clock when clocks
//! agree, never goes backwards, and always comes after every time a device has seen. Used only
//! to order changes that causality leaves concurrent; the device id breaks exact ties.
//!
//! A laptop whose clock is wrong by a year must not freeze the others: a remote time further
//! ahead than `MAX_AHEAD_MS` of the local wall clock is not adopted (the local clock would
//! otherwise stay pinned to it). Its changes keep their own time: an edit made after seeing one
//! of them wins by causality whatever the clocks say, but an edit made at the same time without
//! seeing it loses the tie (and is kept in the conflict history). No rule based on a receiver's
//! clock could do better without laptops disagreeing on the winner, so the skew is shown
//! instead (`DeviceInfo::clock_ahead`: the sync screen and `flocon sync` warn).

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How far ahead of our wall clock a remote time may pull our clock.
pub const MAX_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

/// A hybrid logical time: wall-clock milliseconds, a counter for events within the same
/// millisecond, and the device, which makes every time unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Hlc {
    pub millis: u64,
    pub counter: u32,
    pub device: Uuid,
}

impl Ord for Hlc {
    fn cmp(&self, other: &Hlc) -> Ordering {
        (self.millis, self.counter, self.device).cmp(&(other.millis, other.counter, other.device))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Hlc) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Hlc> for String {
    fn from(time: Hlc) -> String {
        time.to_string()
    }
}

impl TryFrom<String> for Hlc {
    type Error = String;

    fn try_from(text: String) -> Result<Hlc, String> {
        text.parse()
    }
}

impl std::str::FromStr for Hlc {
    type Err = String;

    /// Reads the text form `millis:counter:device`.
    fn from_str(text: &str) -> Result<Hlc, String> {
        let bad = || format!("not a clock time: {text:?}");
        let mut parts = text.splitn(3, ':');
        let millis = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let device = parts
            .next()
            .and_then(|p| Uuid::parse_str(p).ok())
            .ok_or_else(bad)?;
        Ok(Hlc {
            millis,
            counter,
            device,
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}:{:06}:{}", self.millis, self.counter, self.device)
    }
}

/// A device's clock.
#[derive(Debug, Clone)]
pub struct Clock {
    device: Uuid,
    last: Hlc,
}

impl Clock {
    /// A clock that resumes after `last` (the latest time this device stored).
    pub fn new(device: Uuid, last: Option<Hlc>) -> Clock {
        Clock {
            device,
            last: last.unwrap_or(Hlc {
                millis: 0,
                counter: 0,
                device,
            }),
        }
    }

    /// The time of a local event, `wall` being the wall clock now (milliseconds).
    pub fn tick(&mut self, wall: u64) -> Hlc {
        self.last = if wall > self.last.millis {
            Hlc {
                millis: wall,
                counter: 0,
                device: self.device,
            }
        } else {
            Hlc {
                millis: self.last.millis,
                counter: self.last.counter.saturating_add(1),
                device: self.device,
            }
        };
        self.last
    }

    /// Takes a remote time into account, so later local events come after it. A time too far
    /// ahead of `wall` is capped: it cannot drag this clock into the future.
    pub fn observe(&mut self, remote: Hlc, wall: u64) {
        let remote = capped(remote, wall);
        if remote > self.last {
            self.last = Hlc {
                millis: remote.millis,
                counter: remote.counter,
                device: self.device,
            };
        }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }
}

/// The time used to order a remote change: its own, or the cap when it claims to come from
/// further ahead than `MAX_AHEAD_MS` beyond `wall`.
pub fn capped(time: Hlc, wall: u64) -> Hlc {
    let limit = wall.saturating_add(MAX_AHEAD_MS);
    if time.millis > limit {
        Hlc {
            millis: limit,
            counter: 0,
            device: time.device,
        }
    } else {
        time
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 24 * 60 * 60 * 1000;

    #[test]
    fn local_times_always_increase_even_when_the_wall_clock_goes_back() {
        let mut clock = Clock::new(Uuid::now_v7(), None);
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(500); // the wall clock was set back
        let d = clock.tick(2_000);
        assert!(a < b && b < c && c < d);
        assert_eq!((c.millis, c.counter), (1_000, 2));
    }

    #[test]
    fn after_seeing_a_remote_time_local_events_come_after_it() {
        let (mine, theirs) = (Uuid::now_v7(), Uuid::now_v7());
        let mut clock = Clock::new(mine, None);
        clock.tick(1_000);
        let remote = Hlc {
            millis: 5_000,
            counter: 3,
            device: theirs,
        };
        clock.observe(remote, 1_200);
        let next = clock.tick(1_300);
        assert!(next > remote, "{next} should follow {remote}");
    }

    #[test]
    fn a_clock_a_year_ahead_neither_freezes_nor_outranks_later_edits() {
        let (mine, skewed) = (Uuid::now_v7(), Uuid::now_v7());
        let now = 1_764_000_000_000;
        let mut clock = Clock::new(mine, None);
        let from_the_future = Hlc {
            millis: now + 365 * DAY,
            counter: 0,
            device: skewed,
        };
        clock.observe(from_the_future, now);
        assert!(clock.last().millis <= now + DAY, "not dragged a year ahead");
        // Two days later our own edits follow the wall clock again and win over it.
        let later = clock.tick(now + 2 * DAY);
        assert!(later > capped(from_the_future, now));
        assert_eq!(later.millis, now + 2 * DAY);
    }

    #[test]
    fn ties_are_broken_by_device_and_times_read_in_order_as_text() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let x = Hlc {
            millis: 7,
            counter: 0,
            device: a,
        };
        let y = Hlc {
            millis: 7,
            counter: 0,
            device: b,
        };
        assert!(x < y);
        let earlier = Hlc {
            millis: 99,
            counter: 5,
            device: b,
        };
        let later = Hlc {
            millis: 100,
            counter: 0,
            device: a,
        };
        assert!(earlier.to_string() < later.to_string());
    }
}
