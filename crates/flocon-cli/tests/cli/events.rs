//! The real `flocon` binary: events and attendance, cohorts, and the activity report.

use std::path::Path;

use serde_json::Value;

use crate::support::{flocon, flocon_tz, json, stderr, stdout};

fn ok(dir: &Path, args: &[&str]) -> String {
    crate::support::ok(dir, args).trim().to_string()
}

/// Must fail with exit status 1 and a one-line reason, printing nothing on stdout.
fn refused(dir: &Path, args: &[&str]) -> String {
    let o = flocon(dir, args);
    assert_eq!(o.status.code(), Some(1), "flocon {args:?}: {}", stderr(&o));
    let reason = stderr(&o);
    assert_eq!(reason.trim_end().lines().count(), 1, "one line: {reason:?}");
    assert!(stdout(&o).is_empty());
    reason
}

#[test]
fn attendance_taken_at_an_event_is_counted_in_the_report_by_series_and_cohort() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let awa = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
        ],
    );
    let theo = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Théo",
            "--last-name",
            "Lefèvre",
        ],
    );
    let ines = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Inès",
            "--last-name",
            "Haddad",
        ],
    );
    let event = ok(
        d,
        &[
            "events",
            "add",
            "--title",
            "Soirée de la communauté",
            "--series",
            "Soirée de la communauté",
            "--start",
            "2026-06-12T19:00",
            "--place",
            "La Parole errante",
            "--unnamed",
            "72",
        ],
    );
    let talk = ok(
        d,
        &[
            "events",
            "add",
            "--title",
            "Gagner ensemble",
            "--series",
            "#gagnerensemble",
            "--start",
            "2026-03-05T18:30",
        ],
    );
    for (person, status) in [(&awa, "present"), (&theo, "présent"), (&ines, "excusé")] {
        ok(
            d,
            &[
                "attendance",
                "set",
                "--event",
                &event,
                "--person",
                person,
                "--status",
                status,
            ],
        );
    }
    ok(
        d,
        &[
            "attendance",
            "set",
            "--event",
            &talk,
            "--person",
            &awa,
            "--status",
            "registered",
        ],
    );
    ok(
        d,
        &[
            "attendance",
            "set",
            "--event",
            &talk,
            "--person",
            &awa,
            "--status",
            "present",
        ],
    );

    let shown = json(d, &["events", "show", &event, "--json"]);
    assert_eq!(shown["counts"]["present"], 2);
    assert_eq!(shown["counts"]["excused"], 1);
    assert_eq!(shown["counts"]["unnamed"], 72);
    assert_eq!(shown["series"]["name"], "Soirée de la communauté");
    let listed = json(
        d,
        &["events", "list", "--series", "#GagnerEnsemble", "--json"],
    );
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    let cohort = ok(
        d,
        &[
            "cohorts",
            "add",
            "--name",
            "Promotion 2026",
            "--programme",
            "Formation organisateurs",
        ],
    );
    for person in [&awa, &theo, &ines] {
        ok(
            d,
            &[
                "cohorts",
                "stage",
                "--cohort",
                &cohort,
                "--person",
                person,
                "--stage",
                "applicant",
                "--on",
                "2026-02-01",
            ],
        );
        ok(
            d,
            &[
                "cohorts",
                "stage",
                "--cohort",
                &cohort,
                "--person",
                person,
                "--stage",
                "retenu",
                "--on",
                "2026-02-15",
            ],
        );
    }
    ok(
        d,
        &[
            "cohorts",
            "stage",
            "--cohort",
            &cohort,
            "--person",
            &awa,
            "--stage",
            "certified",
            "--on",
            "2026-06-30",
        ],
    );

    let report = json(
        d,
        &[
            "report",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
        ],
    );
    let totals = &report["totals"];
    assert_eq!(totals["events"], 2);
    assert_eq!(totals["attendees_present"], 2 + 72 + 1);
    assert_eq!(totals["people_present"], 2);
    assert_eq!(totals["sessions"], 0);
    assert_eq!(totals["engagements"], 0);
    assert_eq!(totals["new_contacts"], 3);
    let series: Vec<(String, u64)> = report["series"]
        .as_array()
        .expect("series")
        .iter()
        .map(|s| {
            (
                s["series"]["name"].as_str().unwrap_or_default().to_string(),
                s["attendees_present"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        series,
        vec![
            ("#GagnerEnsemble".to_string(), 1),
            ("Soirée de la communauté".to_string(), 74)
        ]
    );
    let stages: Vec<(String, u64)> = report["cohorts"][0]["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap_or_default().to_string(),
                s["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        stages,
        vec![
            ("applicant".into(), 3),
            ("accepted".into(), 3),
            ("certified".into(), 1)
        ]
    );
    // A narrower period leaves the June evening out.
    let spring = json(
        d,
        &[
            "report",
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-31",
            "--format",
            "json",
        ],
    );
    assert_eq!(spring["totals"]["events"], 1);

    let md = ok(d, &["report", "--from", "2026-01-01", "--to", "2026-12-31"]);
    assert!(
        md.starts_with("# Rapport d'activité du 1 janvier 2026 au 31 décembre 2026"),
        "{md}"
    );
    assert!(
        md.contains("Soirée de la communauté : 1 rencontre, 74 participations"),
        "{md}"
    );
    assert!(
        md.contains(
            "Promotion 2026 (Formation organisateurs) : 3 candidats, 3 retenus, 1 certifié"
        ),
        "{md}"
    );
    let page = d.join("rapport.html");
    ok(
        d,
        &[
            "report",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "html",
            "--out",
            page.to_str().expect("utf-8"),
        ],
    );
    let html = std::fs::read_to_string(&page).expect("page written");
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("<h2>Rencontres par série</h2>"));
}

#[test]
fn wrong_input_is_refused_in_one_line_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let awa = ok(d, &["contacts", "add", "--first-name", "Awa"]);
    let event = ok(
        d,
        &[
            "events",
            "add",
            "--title",
            "Atelier",
            "--start",
            "2026-05-02T10:00",
        ],
    );
    let before = json(d, &["events", "show", &event, "--json"]);

    let reason = refused(
        d,
        &[
            "attendance",
            "set",
            "--event",
            &event,
            "--person",
            &awa,
            "--status",
            "peut-être",
        ],
    );
    assert!(reason.contains("status"), "{reason}");
    refused(
        d,
        &[
            "events",
            "add",
            "--title",
            "Atelier",
            "--start",
            "2026-13-45T10:00",
        ],
    );
    refused(
        d,
        &[
            "events",
            "add",
            "--title",
            "Atelier",
            "--start",
            "2026-05-02T10:00",
            "--end",
            "2026-05-01T10:00",
        ],
    );
    refused(d, &["report", "--from", "2023-07-31", "--to", "2022-01-01"]);
    refused(
        d,
        &["report", "--from", "le 1er janvier", "--to", "2022-01-01"],
    );
    refused(
        d,
        &[
            "cohorts",
            "stage",
            "--cohort",
            &event,
            "--person",
            &awa,
            "--stage",
            "applicant",
        ],
    );
    assert_eq!(json(d, &["events", "show", &event, "--json"]), before);
    assert_eq!(
        json(d, &["events", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn an_event_typed_in_paris_time_is_stored_as_the_right_instant() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let o = flocon_tz(
        d,
        "Europe/Paris",
        &[
            "events",
            "add",
            "--title",
            "Bootcamp",
            "--start",
            "2026-03-28T10:00",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_string();
    let shown: Value = json(d, &["events", "show", &id, "--json"]);
    assert_eq!(shown["starts_at"], "2026-03-28T09:00:00Z");
}
