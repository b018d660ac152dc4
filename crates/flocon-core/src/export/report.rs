//! The activity report written out, in French: Markdown to paste into the association's
//! document, and a standalone printable HTML page. Both come from one outline, so they say the
//! same thing; every figure is followed by the records behind it.

use chrono::{Datelike, NaiveDate, TimeZone};

use super::roadmap::page;
use super::session::{MONTHS, escape};
use crate::report::{ActivityReport, EngagementActivity, StageTally};

/// A part of the outline.
enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// Lines, each with the records it counts.
    List(Vec<(String, Vec<String>)>),
}

/// "12 mars 2026".
pub(super) fn french_date(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month0() as usize],
        day.year()
    )
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n <= 1 { one } else { many })
}

fn engagement_line(g: &EngagementActivity) -> (String, Vec<String>) {
    let name = g
        .engagement
        .as_ref()
        .map_or("Séances hors accompagnement".to_string(), |e| {
            e.title.clone()
        });
    let formats: Vec<String> = g
        .formats
        .iter()
        .map(|f| format!("{} {}", f.count, f.format.label_fr().to_lowercase()))
        .collect();
    let kinds: Vec<&str> = g.kinds.iter().map(|k| k.label_fr()).collect();
    let mut text = format!("{name} : {}", plural(g.sessions, "séance", "séances"));
    if !formats.is_empty() {
        text.push_str(&format!(" ({})", formats.join(", ")));
    }
    if !kinds.is_empty() {
        text.push_str(&format!(" — {}", kinds.join(", ")));
    }
    let records = g
        .session_list
        .iter()
        .map(|s| format!("{} ({})", s.title, french_date(s.starts_at.date_naive())))
        .collect();
    (text, records)
}

fn stage_word(t: &StageTally) -> String {
    use crate::vocab::CohortStage::*;
    let (one, many) = match t.stage {
        Interested => ("intéressé", "intéressés"),
        Applicant => ("candidat", "candidats"),
        Accepted => ("retenu", "retenus"),
        Certified => ("certifié", "certifiés"),
        Rejected => ("non retenu", "non retenus"),
        Dropped => ("abandon", "abandons"),
    };
    plural(t.count, one, many)
}

fn outline(r: &ActivityReport, tz: &impl TimeZone) -> Vec<Block> {
    let t = &r.totals;
    let mut out = vec![
        Block::Title(format!(
            "Rapport d'activité du {} au {}",
            french_date(r.from),
            french_date(r.to)
        )),
        Block::Heading("En chiffres".into()),
        Block::List(vec![
            (plural(t.events, "rencontre", "rencontres"), vec![]),
            (
                plural(t.attendees_present, "participation", "participations"),
                vec![],
            ),
            (
                plural(
                    t.people_present,
                    "personne différente présente",
                    "personnes différentes présentes",
                ),
                vec![],
            ),
            (
                plural(
                    t.sessions,
                    "séance d'accompagnement",
                    "séances d'accompagnement",
                ),
                vec![],
            ),
            (
                plural(
                    t.engagements,
                    "accompagnement actif",
                    "accompagnements actifs",
                ),
                vec![],
            ),
            (
                plural(
                    t.collectives,
                    "collectif accompagné",
                    "collectifs accompagnés",
                ),
                vec![],
            ),
            (
                plural(t.new_contacts, "nouveau contact", "nouveaux contacts"),
                vec![],
            ),
            (plural(t.cohorts, "cohorte", "cohortes"), vec![]),
            (
                plural(
                    t.objectives_reached,
                    "objectif atteint",
                    "objectifs atteints",
                ),
                vec![],
            ),
        ]),
    ];
    let section =
        |out: &mut Vec<Block>, title: &str, empty: &str, lines: Vec<(String, Vec<String>)>| {
            out.push(Block::Heading(title.into()));
            if lines.is_empty() {
                out.push(Block::Paragraph(empty.into()));
            } else {
                out.push(Block::List(lines));
            }
        };
    out.push(Block::Heading("Accompagnements par collectif".into()));
    if r.collectives.is_empty() {
        out.push(Block::Paragraph("Aucune séance sur la période.".into()));
    }
    for c in &r.collectives {
        out.push(Block::Paragraph(format!(
            "{} — {}",
            c.organization.name,
            plural(c.sessions, "séance", "séances")
        )));
        out.push(Block::List(
            c.engagements.iter().map(engagement_line).collect(),
        ));
    }
    let series = r
        .series
        .iter()
        .map(|s| {
            let name = s.series.as_ref().map_or("Hors série", |x| x.name.as_str());
            (
                format!(
                    "{name} : {}, {}",
                    plural(s.events, "rencontre", "rencontres"),
                    plural(s.attendees_present, "participation", "participations")
                ),
                s.lines
                    .iter()
                    .map(|l| {
                        let day = l.starts_at.with_timezone(tz).date_naive();
                        let mut text = format!(
                            "{} ({}) : {}",
                            l.title,
                            french_date(day),
                            plural(l.present + l.unnamed, "présent", "présents")
                        );
                        if l.unnamed > 0 {
                            text.push_str(&format!(" dont {} sans nom relevé", l.unnamed));
                        }
                        text
                    })
                    .collect(),
            )
        })
        .collect();
    section(
        &mut out,
        "Rencontres par série",
        "Aucune rencontre sur la période.",
        series,
    );
    section(
        &mut out,
        "Formations",
        "Aucune séance de formation sur la période.",
        r.trainings.iter().map(engagement_line).collect(),
    );
    let cohorts = r
        .cohorts
        .iter()
        .map(|c| {
            let counts: Vec<String> = c.stages.iter().map(stage_word).collect();
            (
                format!("{} ({}) : {}", c.name, c.programme.name, counts.join(", ")),
                c.stages
                    .iter()
                    .map(|s| {
                        let names: Vec<&str> = s.people.iter().map(|p| p.name.as_str()).collect();
                        format!("{} : {}", s.stage.label_fr(), names.join(", "))
                    })
                    .collect(),
            )
        })
        .collect();
    section(
        &mut out,
        "Cohortes",
        "Aucune cohorte sur la période.",
        cohorts,
    );
    let contacts = r
        .new_contacts
        .iter()
        .map(|s| {
            let sector = s.sector.map_or("Sans secteur", |x| x.label_fr());
            (
                format!("{sector} : {}", s.count),
                s.people.iter().map(|p| p.name.clone()).collect(),
            )
        })
        .collect();
    section(
        &mut out,
        "Nouveaux contacts par secteur",
        "Aucun nouveau contact sur la période.",
        contacts,
    );
    let objectives = r
        .objectives
        .iter()
        .map(|o| (format!("{} ({}, {})", o.title, o.quarter, o.axis), vec![]))
        .collect();
    section(
        &mut out,
        "Objectifs de la feuille de route atteints",
        "Aucun objectif marqué atteint sur les trimestres de la période.",
        objectives,
    );
    out
}

/// The report as Markdown.
pub fn report_markdown(r: &ActivityReport, tz: &impl TimeZone) -> String {
    let mut md = String::new();
    for block in outline(r, tz) {
        match block {
            Block::Title(t) => md.push_str(&format!("# {t}\n\n")),
            Block::Heading(h) => md.push_str(&format!("## {h}\n\n")),
            Block::Paragraph(p) => md.push_str(&format!("{p}\n\n")),
            Block::List(lines) => {
                for (line, records) in lines {
                    md.push_str(&format!("- {line}\n"));
                    for record in records {
                        md.push_str(&format!("  - {record}\n"));
                    }
                }
                md.push('\n');
            }
        }
    }
    md.truncate(md.trim_end().len());
    md.push('\n');
    md
}

/// The report as a standalone printable HTML page (its CSS inline, nothing fetched).
pub fn report_html(r: &ActivityReport, tz: &impl TimeZone) -> String {
    let mut body = String::new();
    let mut title = String::new();
    for block in outline(r, tz) {
        match block {
            Block::Title(t) => {
                body.push_str(&format!("<h1>{}</h1>\n", escape(&t)));
                title = t;
            }
            Block::Heading(h) => body.push_str(&format!("<h2>{}</h2>\n", escape(&h))),
            Block::Paragraph(p) => body.push_str(&format!("<p>{}</p>\n", escape(&p))),
            Block::List(lines) => {
                body.push_str("<ul>\n");
                for (line, records) in lines {
                    body.push_str(&format!("<li>{}", escape(&line)));
                    if !records.is_empty() {
                        body.push_str("<ul class=\"records\">");
                        for record in records {
                            body.push_str(&format!("<li>{}</li>", escape(&record)));
                        }
                        body.push_str("</ul>");
                    }
                    body.push_str("</li>\n");
                }
                body.push_str("</ul>\n");
            }
        }
    }
    page(&title, &body)
}
