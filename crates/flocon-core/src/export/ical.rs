//! iCalendar (RFC 5545) for calendar apps. Times are written as UTC instants (`…Z`), which
//! every calendar shows in its own time zone: a session on either side of a daylight-saving
//! change lands at the hour it was planned, with no VTIMEZONE to get wrong. Only what a
//! calendar needs goes out (title, time, place, collectives): notes about people stay in
//! Flocon, since calendars are often synchronised to third-party servers.

use chrono::{DateTime, Duration, Utc};

use super::vcard::{escape, push_folded};
use crate::session::SessionSummary;

/// The calendar of the given sessions.
pub fn to_icalendar(sessions: &[SessionSummary], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Flocon//Flocon//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Flocon — séances",
    ] {
        push_folded(&mut out, line);
    }
    for s in sessions {
        let end = s.starts_at + Duration::minutes(s.duration_minutes.into());
        push_folded(&mut out, "BEGIN:VEVENT");
        push_folded(&mut out, &format!("UID:{}@flocon", s.id));
        push_folded(&mut out, &format!("DTSTAMP:{}", stamp(now)));
        push_folded(&mut out, &format!("DTSTART:{}", stamp(s.starts_at)));
        push_folded(&mut out, &format!("DTEND:{}", stamp(end)));
        push_folded(&mut out, &format!("SUMMARY:{}", escape(&s.title)));
        if !s.place.is_empty() {
            push_folded(&mut out, &format!("LOCATION:{}", escape(&s.place)));
        }
        let mut about = vec![format!("Format : {}", s.format.label_fr())];
        if let Some(e) = &s.engagement {
            about.push(format!("Accompagnement : {}", e.title));
        }
        if !s.organizations.is_empty() {
            let names: Vec<&str> = s.organizations.iter().map(|o| o.name.as_str()).collect();
            about.push(format!("Collectifs : {}", names.join(", ")));
        }
        push_folded(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&about.join("\n"))),
        );
        push_folded(&mut out, "END:VEVENT");
    }
    push_folded(&mut out, "END:VCALENDAR");
    out
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}
