//! A quarter's roadmap and its review, and the diff between two quarters, written out as
//! Markdown (to archive or paste) and as a printable HTML page. Pure functions over the
//! store's types; every text is escaped or sanitized.

use super::session::escape;
use crate::markdown::to_safe_html;
use crate::roadmap::{Objective, ObjectiveRef, QuarterState, Roadmap, RoadmapDiff};

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}").replace('.', ",")
    }
}

fn progress_text(o: &Objective) -> String {
    match o.target {
        Some(target) => format!(
            "{} % ({} sur {})",
            number(o.percent),
            number(o.progress),
            number(target)
        ),
        None => format!("{} %", number(o.percent)),
    }
}

fn state_text(roadmap: &Roadmap) -> String {
    match roadmap.state {
        QuarterState::Open if roadmap.total == 0 => "aucun objectif".into(),
        QuarterState::Open => format!("{} objectif(s), revue à faire", roadmap.total),
        QuarterState::InReview => format!(
            "revue en cours : {} objectif(s) sur {} revus",
            roadmap.reviewed, roadmap.total
        ),
        QuarterState::Closed => format!("trimestre clos : {} objectif(s) revus", roadmap.total),
    }
}

/// The facts of an objective, one line each (label, text).
fn facts(o: &Objective) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Statut", o.status.label_fr().to_string()),
        ("Avancement", progress_text(o)),
    ];
    if !o.owners.is_empty() {
        let names: Vec<&str> = o.owners.iter().map(|p| p.name.as_str()).collect();
        rows.push(("Porteurs", names.join(", ")));
    }
    for i in &o.indicators {
        let value = match (i.current, i.target) {
            (Some(c), Some(t)) => format!("{} / {}", number(c), number(t)),
            (Some(c), None) => number(c),
            (None, Some(t)) => format!("? / {}", number(t)),
            (None, None) => "—".into(),
        };
        rows.push(("Indicateur", format!("{} : {value}", i.name)));
    }
    if !o.organizations.is_empty() {
        let names: Vec<&str> = o.organizations.iter().map(|x| x.name.as_str()).collect();
        rows.push(("Collectifs", names.join(", ")));
    }
    if let Some(from) = &o.carried_from {
        rows.push(("Suite de", format!("{} ({})", from.title, from.quarter)));
    }
    if let Some(r) = &o.review {
        let mut text = r.decision.label_fr().to_string();
        if let Some(t) = r.new_target {
            text.push_str(&format!(", nouvelle cible : {}", number(t)));
        }
        if !r.comment.is_empty() {
            text.push_str(&format!(" — {}", r.comment));
        }
        rows.push(("Revue", text));
    }
    rows
}

/// The quarter's roadmap and review as Markdown.
pub fn roadmap_markdown(roadmap: &Roadmap) -> String {
    let mut out = format!(
        "# Feuille de route {}\n\n{}.\n",
        roadmap.quarter,
        capitalised(&state_text(roadmap))
    );
    for s in &roadmap.seminars {
        out.push_str(&format!("\nSéminaire : {}", s.title));
        if let Some(start) = s.starts_on {
            out.push_str(&format!(", le {}", start.format("%d/%m/%Y")));
        }
        if !s.place.is_empty() {
            out.push_str(&format!(", {}", s.place));
        }
        out.push('\n');
    }
    for column in &roadmap.axes {
        out.push_str(&format!("\n## {}\n", column.axis.name));
        if column.objectives.is_empty() {
            out.push_str("\nAucun objectif ce trimestre.\n");
        }
        for o in &column.objectives {
            out.push_str(&format!("\n### {}\n\n", o.title));
            for (label, text) in facts(o) {
                out.push_str(&format!("- **{label} :** {text}\n"));
            }
            if !o.description.trim().is_empty() {
                out.push_str(&format!("\n{}\n", o.description.trim_end()));
            }
        }
    }
    out
}

/// The quarter's roadmap and review as a printable page.
pub fn roadmap_html(roadmap: &Roadmap) -> String {
    let mut body = format!(
        "<h1>Feuille de route {}</h1>\n<p>{}.</p>\n",
        roadmap.quarter,
        escape(&capitalised(&state_text(roadmap)))
    );
    for column in &roadmap.axes {
        body.push_str(&format!(
            "<section><h2>{}</h2>\n",
            escape(&column.axis.name)
        ));
        if column.objectives.is_empty() {
            body.push_str("<p>Aucun objectif ce trimestre.</p>\n");
        }
        for o in &column.objectives {
            body.push_str(&format!("<article><h3>{}</h3>\n<dl>\n", escape(&o.title)));
            for (label, text) in facts(o) {
                body.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>\n",
                    escape(label),
                    escape(&text)
                ));
            }
            body.push_str("</dl>\n");
            if !o.description.trim().is_empty() {
                body.push_str(&to_safe_html(&o.description));
            }
            body.push_str("</article>\n");
        }
        body.push_str("</section>\n");
    }
    page(&format!("Feuille de route {}", roadmap.quarter), &body)
}

fn change_line(before: &ObjectiveRef, after: &ObjectiveRef) -> Vec<String> {
    let mut changes = Vec::new();
    if before.status != after.status {
        changes.push(format!(
            "statut {} → {}",
            before.status.label_fr(),
            after.status.label_fr()
        ));
    }
    if (before.percent - after.percent).abs() > f64::EPSILON {
        changes.push(format!(
            "avancement {} % → {} %",
            number(before.percent),
            number(after.percent)
        ));
    }
    if before.target != after.target {
        let t = |t: Option<f64>| t.map(number).unwrap_or_else(|| "aucune".into());
        changes.push(format!("cible {} → {}", t(before.target), t(after.target)));
    }
    if before.axis != after.axis {
        changes.push(format!("axe {} → {}", before.axis, after.axis));
    }
    changes
}

/// The diff between two quarters as Markdown.
pub fn diff_markdown(diff: &RoadmapDiff) -> String {
    let mut out = format!(
        "# Évolution de la feuille de route : {} → {}\n",
        diff.from, diff.to
    );
    let list = |title: &str, items: &[ObjectiveRef], out: &mut String| {
        out.push_str(&format!("\n## {title} ({})\n\n", items.len()));
        if items.is_empty() {
            out.push_str("Aucun.\n");
        }
        for o in items {
            out.push_str(&format!("- {} ({})\n", o.title, o.axis));
        }
    };
    list("Nouveaux objectifs", &diff.added, &mut out);
    out.push_str(&format!(
        "\n## Poursuivis ou reportés ({})\n\n",
        diff.carried.len()
    ));
    if diff.carried.is_empty() {
        out.push_str("Aucun.\n");
    }
    for c in &diff.carried {
        let mut line = format!("- {}", c.after.title);
        if let Some(d) = c.decision {
            line.push_str(&format!(" — {}", d.label_fr()));
        }
        let changes = change_line(&c.before, &c.after);
        if !changes.is_empty() {
            line.push_str(&format!(" ; {}", changes.join(" ; ")));
        }
        if !c.comment.is_empty() {
            line.push_str(&format!(" ; « {} »", c.comment));
        }
        out.push_str(&line);
        out.push('\n');
    }
    list("Clos car atteints", &diff.closed, &mut out);
    list("Abandonnés", &diff.dropped, &mut out);
    if !diff.unreviewed.is_empty() {
        list("Non revus", &diff.unreviewed, &mut out);
    }
    out
}

/// The changes of a continued objective, in French ("statut En cours → Atteint").
pub fn describe_changes(before: &ObjectiveRef, after: &ObjectiveRef) -> Vec<String> {
    change_line(before, after)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;\
line-height:1.5;color:#1b1b1f}h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:2px solid #0f5e5a;\
margin-top:2rem}h3{font-size:1.05rem;margin-bottom:.3rem}article{break-inside:avoid;margin-bottom:1rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0}dt{font-weight:600}\
dd{margin:0}@media print{body{margin:0}}";
