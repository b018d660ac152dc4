//! The real `flocon` binary: the quarterly roadmap. Axes, objectives, the seminar's review of
//! each objective and what it carries into the next quarter, the quarter-to-quarter diff, the
//! timeline and the Markdown and HTML exports.

use std::path::Path;

use serde_json::Value;

use crate::support::{flocon, stderr, stdout};

const CULTURE: &str = "Culture inclusive : empathie et courage";
const ALIGNMENT: &str = "Alignement vision, valeurs, mission, objectifs";
const POWER: &str = "Construction de pouvoir collectif";

/// Runs a command that must succeed; returns its trimmed standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    crate::support::ok(dir, args).trim().to_string()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    crate::support::json(dir, args)
}

/// Runs a command that must fail with exit status 1 and a one-line reason; returns the reason.
fn refused(dir: &Path, args: &[&str]) -> String {
    let o = flocon(dir, args);
    assert_eq!(o.status.code(), Some(1), "flocon {args:?}: {}", stderr(&o));
    let reason = stderr(&o);
    assert_eq!(reason.trim_end().lines().count(), 1, "one line: {reason:?}");
    assert!(stdout(&o).is_empty(), "nothing on stdout: {}", stdout(&o));
    reason
}

fn objectives(dir: &Path, quarter: &str) -> Value {
    json(
        dir,
        &[
            "roadmap",
            "objectives",
            "list",
            "--quarter",
            quarter,
            "--json",
        ],
    )
}

fn find<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .expect("array")
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {list}"))
}

fn titles(list: &Value) -> Vec<&str> {
    let mut titles: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    titles.sort_unstable();
    titles
}

/// Everything the roadmap commands can change, to check that a refused command changed nothing.
fn snapshot(d: &Path) -> Vec<Value> {
    vec![
        json(d, &["roadmap", "axes", "list", "--json"]),
        objectives(d, "2026-T3"),
        objectives(d, "2026-T4"),
        objectives(d, "2027-T1"),
        json(
            d,
            &[
                "roadmap",
                "seminars",
                "list",
                "--quarter",
                "2026-T3",
                "--json",
            ],
        ),
    ]
}

fn add_objective(d: &Path, axis: &str, title: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "roadmap",
        "objectives",
        "add",
        "--quarter",
        "2026-T3",
        "--axis",
        axis,
        "--title",
        title,
    ];
    args.extend_from_slice(extra);
    let id = ok(d, &args);
    assert_eq!(id.len(), 36, "only the id is printed: {id}");
    id
}

fn person(d: &Path, first: &str, last: &str) -> String {
    ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            first,
            "--last-name",
            last,
        ],
    )
}

#[test]
fn the_three_seeded_axes_are_listed_and_new_ones_are_added_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let axes = json(d, &["roadmap", "axes", "list", "--json"]);
    let names: Vec<&str> = axes
        .as_array()
        .expect("axes")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(names, vec![CULTURE, ALIGNMENT, POWER]);
    let text = ok(d, &["roadmap", "axes", "list"]);
    for name in [CULTURE, ALIGNMENT, POWER] {
        assert!(text.contains(name), "{text}");
    }

    let id = ok(d, &["roadmap", "axes", "add", "Éducation populaire"]);
    assert_eq!(id.len(), 36, "only the id is printed: {id}");
    let axes = json(d, &["roadmap", "axes", "list", "--json"]);
    assert_eq!(axes[3]["id"], id.as_str());
    assert_eq!(axes[3]["name"], "Éducation populaire");

    let before = snapshot(d);
    let reason = refused(d, &["roadmap", "axes", "add", "education POPULAIRE"]);
    assert!(reason.contains("already exists"), "{reason}");
    refused(d, &["roadmap", "axes", "add", "  "]);
    assert_eq!(snapshot(d), before);
}

#[test]
fn a_quarter_is_reviewed_and_its_continued_objectives_move_to_the_next_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let lea = person(d, "Léa", "Rousseau");
    let karim = person(d, "Karim", "Benali");
    let education = ok(d, &["roadmap", "axes", "add", "Éducation populaire"]);
    let axes = json(d, &["roadmap", "axes", "list", "--json"]);
    let power_id = axes[2]["id"].as_str().expect("id").to_string();

    // Axes by name (case and accents ignored, accents typed or not) or by id.
    let keep = add_objective(
        d,
        "construction de pouvoir COLLECTIF",
        "Membres actifs",
        &[
            "--owner",
            &lea,
            "--target",
            "40",
            "--progress",
            "28",
            "--status",
            "en cours",
            "--indicator",
            "Membres actifs=28/40",
        ],
    );
    let adjust = add_objective(
        d,
        "education populaire",
        "Former les animateurs",
        &[
            "--owner",
            &lea,
            "--owner",
            &karim,
            "--target",
            "50",
            "--progress",
            "10",
        ],
    );
    let carry = add_objective(
        d,
        CULTURE,
        "Rituels d'accueil",
        &["--owner", &karim, "--progress", "40"],
    );
    let close = add_objective(
        d,
        &power_id,
        "Campagne logement",
        &["--status", "in_progress", "--progress", "90"],
    );
    let drop = add_objective(
        d,
        "ALIGNEMENT VISION, VALEURS, MISSION, OBJECTIFS",
        "Charte",
        &[],
    );

    let t3 = objectives(d, "2026-T3");
    assert_eq!(t3.as_array().expect("list").len(), 5);
    let o = find(&t3, &keep);
    assert_eq!(o["quarter"], "2026-T3");
    assert_eq!(o["axis"]["name"], POWER);
    assert_eq!(o["status"], "in_progress");
    assert_eq!(o["target"], 40.0);
    assert_eq!(o["progress"], 28.0);
    assert_eq!(o["percent"], 70.0);
    assert_eq!(o["owners"][0]["id"], lea.as_str());
    assert_eq!(o["indicators"][0]["name"], "Membres actifs");
    assert_eq!(o["indicators"][0]["current"], 28.0);
    assert_eq!(o["indicators"][0]["target"], 40.0);
    let o = find(&t3, &adjust);
    assert_eq!(o["axis"]["id"], education.as_str());
    assert_eq!(o["owners"].as_array().expect("owners").len(), 2);
    assert_eq!(find(&t3, &carry)["axis"]["name"], CULTURE);
    assert_eq!(find(&t3, &close)["axis"]["name"], POWER);
    assert_eq!(find(&t3, &drop)["axis"]["name"], ALIGNMENT);
    assert_eq!(find(&t3, &drop)["status"], "not_started");

    // Filters, and the human listing grouped by axis.
    let karims = json(
        d,
        &[
            "roadmap",
            "objectives",
            "list",
            "--quarter",
            "2026-T3",
            "--owner",
            &karim,
            "--json",
        ],
    );
    assert_eq!(
        titles(&karims),
        vec!["Former les animateurs", "Rituels d'accueil"]
    );
    let text = ok(
        d,
        &["roadmap", "objectives", "list", "--quarter", "2026-t3"],
    );
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {text}"))
    };
    assert!(at(POWER) < at("Membres actifs"));
    assert!(at(CULTURE) < at("Rituels d'accueil"));
    assert!(text.contains("70 % (28/40)"), "{text}");
    assert!(text.contains("Léa Rousseau"), "{text}");
    assert!(text.contains("En cours"), "{text}");

    // Status and progress through the board's patch; title and target through a full update.
    ok(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &carry,
            "--status",
            "late",
            "--progress",
            "20",
        ],
    );
    let o = json(d, &["roadmap", "objectives", "show", &carry, "--json"]);
    assert_eq!(o["status"], "late");
    assert_eq!(o["progress"], 20.0);
    assert_eq!(o["percent"], 20.0);
    assert_eq!(o["title"], "Rituels d'accueil");
    ok(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &drop,
            "--title",
            "Charte des valeurs",
            "--axis",
            "culture inclusive : empathie et courage",
        ],
    );
    let o = json(d, &["roadmap", "objectives", "show", &drop, "--json"]);
    assert_eq!(o["title"], "Charte des valeurs");
    assert_eq!(o["axis"]["name"], CULTURE);
    assert_eq!(o["status"], "not_started");
    ok(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &drop,
            "--axis",
            ALIGNMENT,
        ],
    );
    let shown = ok(d, &["roadmap", "objectives", "show", &keep]);
    assert!(shown.contains("Membres actifs: 28/40"), "{shown}");

    // The seminar reviews each objective.
    let seminar = ok(
        d,
        &[
            "roadmap",
            "seminars",
            "add",
            "--quarter",
            "2026-T3",
            "--title",
            "Séminaire de rentrée",
            "--start",
            "2026-09-25",
            "--end",
            "2026-09-26",
            "--place",
            "Montreuil",
            "--participant",
            &lea,
        ],
    );
    let said = ok(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &keep,
            "--decision",
            "keep",
            "--seminar",
            &seminar,
            "--comment",
            "On garde le cap",
        ],
    );
    assert!(said.starts_with("maintenu en 2026-T4 : "), "{said}");
    let keep_next = said.rsplit(' ').next().expect("id").to_string();
    let said = ok(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &adjust,
            "--decision",
            "ajuster",
            "--target",
            "60",
        ],
    );
    assert!(said.contains("en 2026-T4 : "), "{said}");
    let outcome = json(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &carry,
            "--decision",
            "carry",
            "--json",
        ],
    );
    assert_eq!(outcome["objective"]["id"], carry.as_str());
    assert_eq!(outcome["objective"]["review"]["decision"], "carry");
    assert_eq!(outcome["successor"]["quarter"], "2026-T4");
    assert_eq!(outcome["state"], "in_review");
    let said = ok(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &close,
            "--decision",
            "close",
        ],
    );
    assert!(said.contains(&close), "{said}");
    let outcome = json(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &drop,
            "--decision",
            "abandonner",
            "--comment",
            "Plus prioritaire",
            "--json",
        ],
    );
    assert_eq!(outcome["successor"], Value::Null);
    assert_eq!(outcome["objective"]["status"], "dropped");
    assert_eq!(outcome["state"], "closed");

    let t3 = objectives(d, "2026-T3");
    assert_eq!(find(&t3, &keep)["review"]["seminar_id"], seminar.as_str());
    assert_eq!(find(&t3, &keep)["review"]["comment"], "On garde le cap");
    assert_eq!(find(&t3, &adjust)["review"]["new_target"], 60.0);
    assert_eq!(find(&t3, &close)["status"], "achieved");
    assert_eq!(find(&t3, &drop)["status"], "dropped");

    // The three continued objectives are in 2026-T4, each pointing back to its T3 objective.
    let t4 = objectives(d, "2026-T4");
    assert_eq!(
        titles(&t4),
        vec![
            "Former les animateurs",
            "Membres actifs",
            "Rituels d'accueil"
        ]
    );
    let from = |id: &str| {
        t4.as_array()
            .expect("list")
            .iter()
            .find(|o| o["carried_from"]["id"] == id)
            .unwrap_or_else(|| panic!("continuation of {id} in {t4}"))
            .clone()
    };
    let next = from(&keep);
    assert_eq!(next["id"], keep_next.as_str());
    assert_eq!(next["carried_from"]["quarter"], "2026-T3");
    assert_eq!(next["target"], 40.0);
    assert_eq!(next["owners"][0]["id"], lea.as_str());
    let next = from(&adjust);
    assert_eq!(next["target"], 60.0);
    assert_eq!(next["owners"].as_array().expect("owners").len(), 2);
    assert_eq!(next["axis"]["id"], education.as_str());
    let next = from(&carry);
    assert_eq!(next["status"], "late");
    assert_eq!(next["target"], Value::Null);
    assert_eq!(find(&t3, &keep)["carried_to"]["id"], keep_next.as_str());

    // A new objective in 2026-T4 continues nothing.
    let fresh = ok(
        d,
        &[
            "roadmap",
            "objectives",
            "add",
            "--quarter",
            "2026-T4",
            "--axis",
            POWER,
            "--title",
            "Assemblée des collectifs",
        ],
    );

    let diff = json(d, &["roadmap", "diff", "2026-T3", "2026-T4", "--json"]);
    assert_eq!(diff["from"], "2026-T3");
    assert_eq!(diff["to"], "2026-T4");
    let refs = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|o| o["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(refs("added"), vec![fresh.clone()]);
    assert_eq!(refs("closed"), vec![close.clone()]);
    assert_eq!(refs("dropped"), vec![drop.clone()]);
    assert!(refs("unreviewed").is_empty());
    let carried = diff["carried"].as_array().expect("carried");
    assert_eq!(carried.len(), 3);
    for (id, decision) in [(&keep, "keep"), (&adjust, "adjust"), (&carry, "carry")] {
        let c = carried
            .iter()
            .find(|c| c["before"]["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{id} carried"));
        assert_eq!(c["decision"], decision);
        assert_eq!(c["after"]["quarter"], "2026-T4");
    }
    let adjusted = carried
        .iter()
        .find(|c| c["before"]["id"] == adjust.as_str())
        .expect("adjusted");
    assert_eq!(adjusted["before"]["target"], 50.0);
    assert_eq!(adjusted["after"]["target"], 60.0);
    let text = ok(d, &["roadmap", "diff", "2026-T3", "2026-T4"]);
    assert!(text.contains("## Nouveaux objectifs (1)"), "{text}");
    assert!(text.contains("- Assemblée des collectifs"), "{text}");
    assert!(text.contains("cible 50 → 60"), "{text}");
    assert!(text.contains("## Abandonnés (1)"), "{text}");

    // The timeline follows each objective across the quarters.
    let chains = json(
        d,
        &[
            "roadmap", "timeline", "--from", "2026-T3", "--to", "2026-T4", "--json",
        ],
    );
    let chain = chains
        .as_array()
        .expect("chains")
        .iter()
        .find(|c| c["steps"][0]["id"] == keep.as_str())
        .expect("the kept objective's chain");
    assert_eq!(chain["title"], "Membres actifs");
    assert_eq!(chain["steps"][0]["decision"], "keep");
    assert_eq!(chain["steps"][1]["id"], keep_next.as_str());
    assert_eq!(chains.as_array().expect("chains").len(), 6);
    let text = ok(
        d,
        &[
            "roadmap", "timeline", "--from", "2026-T3", "--to", "2026-T4",
        ],
    );
    assert!(text.contains("Membres actifs (Construction de pouvoir collectif): 2026-T3"));

    // The Markdown export carries every decision.
    let md = ok(
        d,
        &[
            "roadmap",
            "export",
            "--quarter",
            "2026-T3",
            "--format",
            "md",
        ],
    );
    assert!(md.starts_with("# Feuille de route 2026-T3"), "{md}");
    for decision in [
        "Maintenir",
        "Ajuster, nouvelle cible : 60",
        "Reporter au trimestre suivant",
        "Clore car atteint",
        "Abandonner — Plus prioritaire",
        "On garde le cap",
        "Séminaire : Séminaire de rentrée",
    ] {
        assert!(md.contains(decision), "{decision}: {md}");
    }
    let out = d.join("roadmap-2026-T3.md");
    let out_arg = out.to_string_lossy().into_owned();
    assert_eq!(
        ok(
            d,
            &[
                "roadmap",
                "export",
                "--quarter",
                "2026-T3",
                "--format",
                "md",
                "--out",
                &out_arg,
            ],
        ),
        ""
    );
    let written = std::fs::read_to_string(&out).expect("export written");
    assert_eq!(written.trim(), md);

    // Seminars of the quarter.
    let seminars = json(
        d,
        &[
            "roadmap",
            "seminars",
            "list",
            "--quarter",
            "2026-T3",
            "--json",
        ],
    );
    assert_eq!(seminars[0]["id"], seminar.as_str());
    assert_eq!(seminars[0]["starts_on"], "2026-09-25");
    assert_eq!(seminars[0]["participants"][0]["id"], lea.as_str());
    let text = ok(d, &["roadmap", "seminars", "list", "--quarter", "2026-T3"]);
    assert!(text.contains("Séminaire de rentrée") && text.contains("Montreuil"));
    let none = json(
        d,
        &[
            "roadmap",
            "seminars",
            "list",
            "--quarter",
            "2026-T4",
            "--json",
        ],
    );
    assert_eq!(none, serde_json::json!([]));

    // Undoing a decision: the status returns and the continuation goes.
    ok(d, &["roadmap", "undo-review", "--objective", &drop]);
    ok(d, &["roadmap", "undo-review", "--objective", &keep]);
    let t3 = objectives(d, "2026-T3");
    assert_eq!(find(&t3, &drop)["status"], "not_started");
    assert_eq!(find(&t3, &drop)["review"], Value::Null);
    assert_eq!(find(&t3, &keep)["carried_to"], Value::Null);
    let t4 = objectives(d, "2026-T4");
    assert_eq!(t4.as_array().expect("list").len(), 3);
    assert!(
        t4.as_array()
            .expect("list")
            .iter()
            .all(|o| o["id"] != keep_next.as_str())
    );
    let before = snapshot(d);
    let reason = refused(d, &["roadmap", "undo-review", "--objective", &keep]);
    assert!(reason.contains("not been reviewed"), "{reason}");
    assert_eq!(snapshot(d), before);
}

#[test]
fn the_html_export_escapes_what_was_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let description = d.join("description.md");
    std::fs::write(
        &description,
        "Pourquoi **maintenant** <img src=x onerror=alert(2)>\n",
    )
    .expect("description written");
    let id = add_objective(
        d,
        POWER,
        "<script>alert(1)</script>",
        &[
            "--description-file",
            &description.to_string_lossy(),
            "--indicator",
            "<b>Jauge</b>=1/2",
        ],
    );
    let o = json(d, &["roadmap", "objectives", "show", &id, "--json"]);
    assert_eq!(o["title"], "<script>alert(1)</script>");
    let html = ok(
        d,
        &[
            "roadmap",
            "export",
            "--quarter",
            "2026-T3",
            "--format",
            "html",
        ],
    );
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(!html.contains("<b>Jauge"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("<strong>maintenant</strong>"), "{html}");
}

#[test]
fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let lea = person(d, "Léa", "Rousseau");
    let counted = add_objective(
        d,
        POWER,
        "Membres actifs",
        &["--owner", &lea, "--target", "40", "--progress", "28"],
    );
    let percent = add_objective(d, CULTURE, "Rituels d'accueil", &["--progress", "30"]);
    let before = snapshot(d);
    let unchanged = |what: &str| assert_eq!(snapshot(d), before, "{what} changed something");

    let reason = refused(
        d,
        &[
            "roadmap",
            "objectives",
            "add",
            "--quarter",
            "2026-T3",
            "--axis",
            "Écologie",
            "--title",
            "X",
        ],
    );
    for name in [CULTURE, ALIGNMENT, POWER] {
        assert!(reason.contains(name), "the axes that exist: {reason}");
    }
    assert!(reason.contains("Écologie"), "{reason}");
    unchanged("an unknown axis");

    for quarter in ["2026-T5", "demain"] {
        let reason = refused(
            d,
            &[
                "roadmap",
                "objectives",
                "add",
                "--quarter",
                quarter,
                "--axis",
                POWER,
                "--title",
                "X",
            ],
        );
        assert!(reason.contains("is not a quarter"), "{reason}");
        assert!(reason.contains(quarter), "{reason}");
        refused(d, &["roadmap", "objectives", "list", "--quarter", quarter]);
        refused(d, &["roadmap", "diff", "2026-T3", quarter]);
        refused(
            d,
            &["roadmap", "export", "--quarter", quarter, "--format", "md"],
        );
        refused(
            d,
            &[
                "roadmap",
                "seminars",
                "add",
                "--quarter",
                quarter,
                "--title",
                "S",
            ],
        );
    }
    refused(d, &["roadmap", "diff", "2026-T4", "2026-T3"]);
    unchanged("a bad quarter");

    let reason = refused(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &counted,
            "--decision",
            "maybe",
        ],
    );
    assert!(
        reason.contains("maybe") && reason.contains("keep"),
        "{reason}"
    );
    let reason = refused(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &counted,
            "--decision",
            "adjust",
        ],
    );
    assert!(reason.contains("target"), "{reason}");
    refused(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &counted,
            "--decision",
            "keep",
            "--seminar",
            &lea,
        ],
    );
    refused(
        d,
        &[
            "roadmap",
            "review",
            "--objective",
            &lea,
            "--decision",
            "keep",
        ],
    );
    unchanged("a bad review");

    let reason = refused(
        d,
        &[
            "roadmap",
            "objectives",
            "add",
            "--quarter",
            "2026-T3",
            "--axis",
            POWER,
            "--title",
            "X",
            "--progress",
            "150",
        ],
    );
    assert!(reason.contains("progress"), "{reason}");
    let reason = refused(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &percent,
            "--progress",
            "150",
        ],
    );
    assert!(reason.contains("progress"), "{reason}");
    // Several fields at once: the good ones are not written either.
    refused(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &percent,
            "--title",
            "Nouveau titre",
            "--status",
            "late",
            "--progress",
            "150",
        ],
    );
    refused(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &percent,
            "--status",
            "late",
            "--axis",
            "nulle part",
        ],
    );
    refused(
        d,
        &[
            "roadmap",
            "objectives",
            "update",
            &counted,
            "--status",
            "fini",
        ],
    );
    refused(
        d,
        &["roadmap", "objectives", "update", &counted, "--title", " "],
    );
    unchanged("a bad progress or update");

    for extra in [
        &["--owner", counted.as_str()][..],
        &["--owner", "pas-un-id"][..],
        &["--indicator", "Membres=beaucoup/40"][..],
        &["--target", "0"][..],
        &["--status", "bientôt"][..],
    ] {
        let mut args = vec![
            "roadmap",
            "objectives",
            "add",
            "--quarter",
            "2026-T3",
            "--axis",
            POWER,
            "--title",
            "X",
        ];
        args.extend_from_slice(extra);
        refused(d, &args);
    }
    refused(
        d,
        &[
            "roadmap",
            "seminars",
            "add",
            "--quarter",
            "2026-T3",
            "--title",
            "S",
            "--start",
            "2026-09-26",
            "--end",
            "2026-09-25",
        ],
    );
    refused(d, &["roadmap", "objectives", "show", &lea]);
    unchanged("a bad objective");

    // Wrong usage is exit status 2.
    for args in [
        &[
            "roadmap",
            "objectives",
            "add",
            "--quarter",
            "2026-T3",
            "--axis",
            POWER,
        ][..],
        &[
            "roadmap",
            "export",
            "--quarter",
            "2026-T3",
            "--format",
            "pdf",
        ][..],
        &[
            "roadmap",
            "objectives",
            "update",
            &counted,
            "--progress",
            "beaucoup",
        ][..],
    ] {
        assert_eq!(flocon(d, args).status.code(), Some(2), "{args:?}");
    }
    unchanged("wrong usage");
}
