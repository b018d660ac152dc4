//! "Données personnelles de …": the readable page of a person's GDPR export, in French. A
//! standalone printable HTML page (the activity report's page: inline CSS, a CSP that forbids
//! every script, nothing fetched); every text the export holds is escaped.

use chrono::{DateTime, Local, NaiveDate, Utc};

use super::report::french_date;
use super::roadmap::page;
use super::session::escape;
use crate::gdpr::{InteractionRole, PersonExport};
use crate::person::Labeled;

/// A section: its heading and its lines (already escaped HTML), or the sentence shown when it
/// has none.
struct Section {
    title: &'static str,
    empty: &'static str,
    lines: Vec<String>,
}

fn day_of(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

fn opt_day(d: Option<NaiveDate>) -> String {
    d.map_or_else(String::new, french_date)
}

/// "Libellé : valeur", the value escaped; nothing when the value is empty.
fn field(out: &mut Vec<(String, String)>, label: &str, value: impl AsRef<str>) {
    let value = value.as_ref().trim();
    if !value.is_empty() {
        out.push((label.to_string(), escape(value)));
    }
}

fn labeled(items: &[Labeled]) -> String {
    items
        .iter()
        .map(|l| {
            if l.label.is_empty() {
                l.value.clone()
            } else {
                format!("{} ({})", l.value, l.label)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text block (notes), escaped, its line breaks kept.
fn block(text: &str) -> String {
    format!(
        "<div class=\"text\">{}</div>",
        escape(text.trim()).replace('\n', "<br>\n")
    )
}

/// The readable page of a person's export.
pub fn person_export_html(x: &PersonExport) -> String {
    let p = &x.person;
    let name = format!("{} {}", p.first_name, p.last_name)
        .trim()
        .to_string();
    let title = format!("Données personnelles de {name}");
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"meta\">Export du {} — tout ce que Flocon contient sur cette \
         personne (RGPD, articles 15 et 20). Le fichier JSON joint contient les mêmes données \
         sous une forme lisible par une machine.</p>\n",
        escape(&title),
        french_date(day_of(x.exported_at))
    );

    let mut identity = Vec::new();
    field(&mut identity, "Prénom", &p.first_name);
    field(&mut identity, "Nom", &p.last_name);
    field(
        &mut identity,
        "Pronoms",
        p.profile.pronouns.as_deref().unwrap_or(""),
    );
    field(&mut identity, "E-mails", labeled(&p.emails));
    field(&mut identity, "Téléphones", labeled(&p.phones));
    field(
        &mut identity,
        "Organisation",
        p.organization.as_deref().unwrap_or(""),
    );
    field(
        &mut identity,
        "Ville",
        p.profile.city.as_deref().unwrap_or(""),
    );
    let sectors: Vec<&str> = p.profile.sectors.iter().map(|s| s.label_fr()).collect();
    field(&mut identity, "Secteurs", sectors.join(", "));
    let circles: Vec<&str> = p.profile.circles.iter().map(|c| c.label_fr()).collect();
    field(&mut identity, "Cercles", circles.join(", "));
    field(&mut identity, "Langues", p.profile.languages.join(", "));
    field(
        &mut identity,
        "LinkedIn",
        p.profile.linkedin.as_deref().unwrap_or(""),
    );
    field(
        &mut identity,
        "Instagram",
        p.profile.instagram.as_deref().unwrap_or(""),
    );
    field(
        &mut identity,
        "Site web",
        p.profile.website.as_deref().unwrap_or(""),
    );
    field(&mut identity, "Étiquettes", p.tags.join(", "));
    if let Some(r) = &x.point_person {
        field(&mut identity, "Personne référente", &r.name);
    }
    if let Some(r) = &x.introduced_by {
        field(&mut identity, "Présenté·e par", &r.name);
    }
    field(
        &mut identity,
        "Fiche créée le",
        french_date(day_of(p.created_at)),
    );
    field(
        &mut identity,
        "Modifiée le",
        french_date(day_of(p.updated_at)),
    );
    body.push_str(&definitions("Identité et coordonnées", &identity));

    let mut basis = Vec::new();
    field(
        &mut basis,
        "Base légale",
        p.profile
            .legal_basis
            .map_or("Non renseignée", |b| b.label_fr()),
    );
    field(&mut basis, "Depuis le", opt_day(p.profile.legal_basis_on));
    field(&mut basis, "Source", &p.profile.legal_basis_source);
    body.push_str(&definitions("Base légale du traitement", &basis));

    body.push_str("<h2>Notes</h2>\n");
    if p.notes.trim().is_empty() {
        body.push_str("<p class=\"empty\">Aucune note.</p>\n");
    } else {
        body.push_str(&block(&p.notes));
        body.push('\n');
    }

    let names = |refs: &[crate::gdpr::NamedRef]| -> Vec<String> {
        refs.iter().map(|r| escape(&r.name)).collect()
    };
    let sections = vec![
        Section {
            title: "Appartenances à des organisations",
            empty: "Aucune appartenance.",
            lines: x
                .memberships
                .iter()
                .map(|m| {
                    let mut line = escape(&m.organization.name);
                    if !m.role.is_empty() {
                        line.push_str(&format!(" — {}", escape(&m.role)));
                    }
                    if m.leadership {
                        line.push_str(" (rôle de leadership)");
                    }
                    if let Some(d) = m.since {
                        line.push_str(&format!(", depuis le {}", french_date(d)));
                    }
                    if let Some(d) = m.until {
                        line.push_str(&format!(", jusqu'au {}", french_date(d)));
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Équipes",
            empty: "Aucune équipe.",
            lines: x
                .teams
                .iter()
                .map(|t| {
                    let mut line = format!(
                        "{} ({})",
                        escape(&t.team.name),
                        escape(&t.organization.name)
                    );
                    if !t.role.is_empty() {
                        line.push_str(&format!(" — {}", escape(&t.role)));
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Personnes présentées",
            empty: "Aucune.",
            lines: names(&x.introduced),
        },
        Section {
            title: "Personnes suivies (comme référent·e)",
            empty: "Aucune.",
            lines: names(&x.point_person_for),
        },
        Section {
            title: "Organisations suivies (comme référent·e)",
            empty: "Aucune.",
            lines: names(&x.point_person_for_organizations),
        },
        Section {
            title: "Échanges",
            empty: "Aucun échange enregistré.",
            lines: x
                .interactions
                .iter()
                .map(|i| {
                    let role = match i.role {
                        InteractionRole::Participant => "avec cette personne",
                        InteractionRole::TeamMember => "mené par cette personne",
                        InteractionRole::Suggested => "cette personne y a été suggérée",
                    };
                    let mut line = format!(
                        "{} — {} ({role})",
                        french_date(i.date),
                        escape(i.kind.label_fr())
                    );
                    if !i.with.is_empty() {
                        line.push_str(&format!(" : {}", escape(&i.with.join(", "))));
                    }
                    if let Some(t) = &i.team_member {
                        line.push_str(&format!(", par {}", escape(t)));
                    }
                    for (label, text) in [
                        ("Notes", &i.notes),
                        ("Centres d'intérêt", &i.interests),
                        ("Histoire", &i.story),
                        ("Ressources", &i.resources),
                        ("Engagement demandé", &i.commitment_asked),
                        ("Engagement pris", &i.commitment_given),
                    ] {
                        if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
                            line.push_str(&format!(
                                "<br><strong>{label} :</strong>{}",
                                block(text)
                            ));
                        }
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Séances d'accompagnement",
            empty: "Aucune séance.",
            lines: x
                .sessions
                .iter()
                .map(|s| {
                    let roles: Vec<&str> = s
                        .roles
                        .iter()
                        .map(|r| match r.as_str() {
                            "participant" => "participant·e",
                            "facilitator" => "animateur·rice",
                            other => other,
                        })
                        .collect();
                    let mut line = format!(
                        "{} — {} ({})",
                        french_date(day_of(s.starts_at)),
                        escape(&s.title),
                        escape(&roles.join(", "))
                    );
                    if let Some(e) = &s.engagement {
                        line.push_str(&format!(", accompagnement « {} »", escape(e)));
                    }
                    if let Some(notes) = s.notes.as_deref().filter(|n| !n.trim().is_empty()) {
                        line.push_str(&format!("<br><strong>Notes :</strong>{}", block(notes)));
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Accompagnements menés",
            empty: "Aucun.",
            lines: names(&x.engagements_led),
        },
        Section {
            title: "Actions",
            empty: "Aucune action.",
            lines: x
                .actions
                .iter()
                .map(|a| {
                    let mut line = format!("{} — {}", escape(&a.text), a.status.label_fr());
                    if let Some(d) = a.due_on {
                        line.push_str(&format!(", échéance le {}", french_date(d)));
                    }
                    if let Some(d) = a.done_on {
                        line.push_str(&format!(", faite le {}", french_date(d)));
                    }
                    if let Some(s) = &a.session {
                        line.push_str(&format!(" (séance « {} »)", escape(s)));
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Rencontres et participation",
            empty: "Aucune rencontre.",
            lines: x
                .events
                .iter()
                .map(|e| {
                    let mut line = format!(
                        "{} — {}",
                        french_date(day_of(e.starts_at)),
                        escape(&e.title)
                    );
                    if !e.place.is_empty() {
                        line.push_str(&format!(", {}", escape(&e.place)));
                    }
                    let mut what = Vec::new();
                    if let Some(a) = e.attendance {
                        what.push(a.label_fr());
                    }
                    if let Some(r) = e.role {
                        what.push(r.label_fr());
                    }
                    if !what.is_empty() {
                        line.push_str(&format!(" ({})", escape(&what.join(", "))));
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Parcours dans les cohortes",
            empty: "Aucune cohorte.",
            lines: x
                .cohort_steps
                .iter()
                .map(|s| {
                    format!(
                        "{} — {} ({}) : {}",
                        french_date(s.on_date),
                        escape(&s.cohort.name),
                        escape(&s.programme),
                        s.stage.label_fr()
                    )
                })
                .collect(),
        },
        Section {
            title: "Objectifs de la feuille de route portés",
            empty: "Aucun.",
            lines: x
                .objectives
                .iter()
                .map(|o| format!("{} ({})", escape(&o.title), escape(&o.quarter)))
                .collect(),
        },
        Section {
            title: "Séminaires",
            empty: "Aucun.",
            lines: x
                .seminars
                .iter()
                .map(|s| {
                    let mut line = format!("{} ({})", escape(&s.title), escape(&s.quarter));
                    if let Some(d) = s.starts_on {
                        line.push_str(&format!(", le {}", french_date(d)));
                    }
                    line
                })
                .collect(),
        },
        Section {
            title: "Fusions de doublons",
            empty: "Aucune fusion.",
            lines: x
                .merges
                .iter()
                .map(|m| {
                    let what = if m.role == "kept" {
                        "une fiche en double a été fusionnée dans celle-ci"
                    } else {
                        "cette fiche a été fusionnée dans une autre"
                    };
                    let mut line = format!("{} : {what}", french_date(day_of(m.merged_at)));
                    if let Some(u) = m.undone_at {
                        line.push_str(&format!(" (annulée le {})", french_date(day_of(u))));
                    }
                    line
                })
                .collect(),
        },
    ];
    for s in sections {
        body.push_str(&format!("<h2>{}</h2>\n", escape(s.title)));
        if s.lines.is_empty() {
            body.push_str(&format!("<p class=\"empty\">{}</p>\n", escape(s.empty)));
        } else {
            body.push_str("<ul>\n");
            for line in s.lines {
                body.push_str(&format!("<li>{line}</li>\n"));
            }
            body.push_str("</ul>\n");
        }
    }
    page(&title, &body)
}

/// A heading and a definition list of (label, escaped value).
fn definitions(title: &str, rows: &[(String, String)]) -> String {
    let mut out = format!("<h2>{}</h2>\n<dl>\n", escape(title));
    for (label, value) in rows {
        out.push_str(&format!("<dt>{}</dt><dd>{value}</dd>\n", escape(label)));
    }
    out.push_str("</dl>\n");
    out
}
