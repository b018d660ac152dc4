//! A session written out: Markdown to paste or archive, and a printable HTML page (what
//! "Imprimer / PDF" and `flocon sessions export --format html` give). The page's own text is
//! escaped and its Markdown goes through the sanitizer, so nothing in a note can run.

use chrono::{DateTime, Datelike, Duration, TimeZone, Timelike, Utc};

use crate::markdown::to_safe_html;
use crate::session::{Action, Session};
use crate::vocab::ActionStatus;

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
pub(crate) const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "jeudi 26 novembre 2026, 10:00–11:30", in the given time zone.
pub fn french_time_range<Tz: TimeZone>(start: DateTime<Utc>, minutes: u32, tz: &Tz) -> String {
    let start = start.with_timezone(tz);
    let end = start.clone() + Duration::minutes(minutes.into());
    let day = format!(
        "{} {} {} {}",
        WEEKDAYS[start.weekday().num_days_from_monday() as usize],
        start.day(),
        MONTHS[start.month0() as usize],
        start.year()
    );
    if end.date_naive() == start.date_naive() {
        format!(
            "{day}, {}–{}",
            hm(start.hour(), start.minute()),
            hm(end.hour(), end.minute())
        )
    } else {
        format!(
            "{day}, {} ({minutes} min)",
            hm(start.hour(), start.minute())
        )
    }
}

fn hm(hour: u32, minute: u32) -> String {
    format!("{hour:02}:{minute:02}")
}

fn details(s: &Session, tz: &impl TimeZone) -> Vec<(&'static str, String)> {
    let names = |v: Vec<&str>| v.join(", ");
    let mut rows = vec![(
        "Date",
        french_time_range(s.starts_at, s.duration_minutes, tz),
    )];
    if !s.place.is_empty() {
        rows.push(("Lieu", s.place.clone()));
    }
    rows.push(("Format", s.format.label_fr().to_string()));
    if let Some(e) = &s.engagement {
        rows.push(("Accompagnement", e.title.clone()));
    }
    if !s.organizations.is_empty() {
        rows.push((
            "Collectifs",
            names(s.organizations.iter().map(|o| o.name.as_str()).collect()),
        ));
    }
    if !s.participants.is_empty() {
        rows.push((
            "Participant·es",
            names(s.participants.iter().map(|p| p.name.as_str()).collect()),
        ));
    }
    if !s.facilitators.is_empty() {
        rows.push((
            "Animation",
            names(s.facilitators.iter().map(|p| p.name.as_str()).collect()),
        ));
    }
    if let Some(next) = s.next_session_on {
        rows.push(("Prochaine séance", next.format("%d/%m/%Y").to_string()));
    }
    rows
}

fn action_line(a: &Action) -> String {
    let mut line = a.text.clone();
    if let Some(owner) = &a.owner {
        line.push_str(&format!(" — {}", owner.name));
    }
    if let Some(due) = a.due_on {
        line.push_str(&format!(", pour le {}", due.format("%d/%m/%Y")));
    }
    if a.status == ActionStatus::Dropped {
        line.push_str(" (abandonnée)");
    }
    line
}

/// The session as Markdown.
pub fn session_markdown(s: &Session, tz: &impl TimeZone) -> String {
    let mut out = format!("# {}\n\n", s.title);
    for (label, value) in details(s, tz) {
        out.push_str(&format!("- **{label} :** {value}\n"));
    }
    let mut section = |title: &str, body: &str| {
        if !body.trim().is_empty() {
            out.push_str(&format!("\n## {title}\n\n{}\n", body.trim_end()));
        }
    };
    let list = |actions: &[Action]| {
        actions
            .iter()
            .map(|a| {
                let mark = if a.status == ActionStatus::Done {
                    "x"
                } else {
                    " "
                };
                format!("- [{mark}] {}\n", action_line(a))
            })
            .collect::<String>()
    };
    section("Actions reportées", &list(&s.carried_actions));
    section("Préparation", &s.preparation);
    section("Notes", &s.notes);
    section(
        "Décisions",
        &s.decisions
            .iter()
            .map(|d| format!("- {d}\n"))
            .collect::<String>(),
    );
    section("Actions", &list(&s.actions));
    out
}

/// The session as a printable HTML page, standalone (its CSS inline, nothing fetched).
pub fn session_html(s: &Session, tz: &impl TimeZone) -> String {
    let mut body = format!("<h1>{}</h1>\n<dl>\n", escape(&s.title));
    for (label, value) in details(s, tz) {
        body.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(label),
            escape(&value)
        ));
    }
    body.push_str("</dl>\n");
    let actions = |title: &str, actions: &[Action], body: &mut String| {
        if actions.is_empty() {
            return;
        }
        body.push_str(&format!(
            "<section><h2>{title}</h2><ul class=\"actions\">\n"
        ));
        for a in actions {
            let mark = if a.status == ActionStatus::Done {
                "☑"
            } else {
                "☐"
            };
            body.push_str(&format!("<li>{mark} {}</li>\n", escape(&action_line(a))));
        }
        body.push_str("</ul></section>\n");
    };
    actions("Actions reportées", &s.carried_actions, &mut body);
    for (title, text) in [("Préparation", &s.preparation), ("Notes", &s.notes)] {
        if !text.trim().is_empty() {
            body.push_str(&format!(
                "<section><h2>{title}</h2>\n{}</section>\n",
                to_safe_html(text)
            ));
        }
    }
    if !s.decisions.is_empty() {
        body.push_str("<section><h2>Décisions</h2><ul>\n");
        for d in &s.decisions {
            body.push_str(&format!("<li>{}</li>\n", escape(d)));
        }
        body.push_str("</ul></section>\n");
    }
    actions("Actions", &s.actions, &mut body);
    format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&s.title)
    )
}

const PRINT_CSS: &str = "body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;\
line-height:1.5;color:#1b1b1f}h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.15rem;\
border-bottom:1px solid #ccc;margin-top:1.6rem}dl{display:grid;grid-template-columns:max-content 1fr;\
gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}ul.actions{list-style:none;padding-left:0}\
@media print{body{margin:0}a{color:inherit}}";

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
