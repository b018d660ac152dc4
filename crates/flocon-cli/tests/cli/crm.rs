//! The real `flocon` binary: organisations, memberships, teams, interactions, search, import
//! and export.

use serde_json::Value;

use crate::support::{flocon, json};

/// Like `support::ok`, trimmed: these tests compare ids.
fn ok(dir: &std::path::Path, args: &[&str]) -> String {
    crate::support::ok(dir, args).trim().to_string()
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../flocon-core/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_membership_links_a_person_to_a_collective_both_ways() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let elodie = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Élodie",
            "--last-name",
            "Dupré",
        ],
    );
    let org = ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Collectif des Mères Solidaires",
            "--kind",
            "collectif",
            "--status",
            "accompagné",
        ],
    );
    let membership = ok(
        d,
        &[
            "memberships",
            "add",
            "--person",
            &elodie,
            "--org",
            &org,
            "--role",
            "Co-fondatrice",
            "--since",
            "2024-09-01",
            "--leadership",
        ],
    );
    assert_eq!(membership.len(), 36, "only the id is printed");

    let page = json(d, &["orgs", "show", &org, "--json"]);
    assert_eq!(page["organization"]["kind"], "collective");
    assert_eq!(page["organization"]["status"], "supported");
    assert_eq!(page["members"][0]["person_name"], "Élodie Dupré");
    assert_eq!(page["members"][0]["leadership"], true);
    let mine = json(d, &["memberships", "list", "--person", &elodie, "--json"]);
    assert_eq!(
        mine[0]["organization_name"],
        "Collectif des Mères Solidaires"
    );
    let collectives = json(d, &["orgs", "list", "--kind", "collective", "--json"]);
    assert_eq!(collectives[0]["member_count"], 1);
}

#[test]
fn bad_dates_and_unknown_kinds_exit_1_and_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let o = flocon(d, &["orgs", "add", "--name", "X", "--kind", "secte"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("collective"),
        "the choices are listed"
    );
    let elodie = ok(d, &["contacts", "add", "--first-name", "Élodie"]);
    let org = ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Quartiers en Transition",
            "--kind",
            "collective",
        ],
    );
    let o = flocon(
        d,
        &[
            "memberships",
            "add",
            "--person",
            &elodie,
            "--org",
            &org,
            "--since",
            "31/02/2024",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("31/02/2024"));
    assert_eq!(
        json(d, &["memberships", "list", "--person", &elodie, "--json"]),
        serde_json::json!([])
    );
    assert_eq!(
        json(d, &["orgs", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn search_finds_a_fragment_without_accents_with_kind_id_title_and_snippet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let id = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Élodie",
            "--last-name",
            "Dupré",
            "--notes",
            "Rencontrée à l'équipe de quartier",
        ],
    );
    ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Équipe Climat",
            "--kind",
            "collective",
        ],
    );
    let hits = json(d, &["search", "dupr", "--json"]);
    assert_eq!(hits[0]["kind"], "person");
    assert_eq!(hits[0]["id"], id.as_str());
    assert_eq!(hits[0]["title"], "Élodie Dupré");
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap_or_default()
            .contains("Dupré")
    );
    let grouped = json(d, &["search", "equipe", "--json", "--limit", "5"]);
    let kinds: Vec<&str> = grouped
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"person") && kinds.contains(&"organization"),
        "{kinds:?}"
    );
    assert!(
        ok(d, &["search", "dupre"]).contains("[Dupré]"),
        "text output marks the match"
    );
}

#[test]
fn interactions_and_teams_are_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let lea = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Léa",
            "--last-name",
            "Rousseau",
            "--circle",
            "équipe",
        ],
    );
    let elodie = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Élodie",
            "--last-name",
            "Dupré",
            "--introduced-by",
            &lea,
        ],
    );
    let id = ok(
        d,
        &[
            "interactions",
            "add",
            "--person",
            &elodie,
            "--kind",
            "one_to_one",
            "--date",
            "2026-11-02",
            "--team-member",
            &lea,
            "--commitment-given",
            "Réunir cinq parents",
        ],
    );
    let list = json(d, &["interactions", "list", "--person", &elodie, "--json"]);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(
        list[0]["one_to_one"]["commitment_given"],
        "Réunir cinq parents"
    );
    let page = json(d, &["contacts", "page", &elodie]);
    assert_eq!(page["introduced_by"][0]["name"], "Léa Rousseau");

    let org = ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Quartiers en Transition",
            "--kind",
            "collective",
        ],
    );
    let root = ok(
        d,
        &[
            "teams",
            "add",
            "--org",
            &org,
            "--name",
            "Équipe de coordination",
        ],
    );
    let sub = ok(
        d,
        &[
            "teams",
            "add",
            "--org",
            &org,
            "--parent",
            &root,
            "--name",
            "Mobilisation",
        ],
    );
    ok(
        d,
        &[
            "teams",
            "member",
            "--team",
            &sub,
            "--person",
            &elodie,
            "--role",
            "Porte-parole",
        ],
    );
    let page = json(d, &["orgs", "show", &org, "--json"]);
    assert_eq!(
        page["teams"][0]["children"][0]["members"][0]["role"],
        "Porte-parole"
    );
}

#[test]
fn import_previews_then_applies_and_a_second_import_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let file = fixture("macos_contacts.vcf");
    let preview = json(d, &["import", &file, "--dry-run", "--json"]);
    assert!(preview["created"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(
        json(d, &["contacts", "list", "--json"]),
        serde_json::json!([]),
        "a dry run changes nothing"
    );
    let applied = json(d, &["import", &file, "--json"]);
    assert_eq!(
        applied["created"].as_array().map(Vec::len),
        preview["created"].as_array().map(Vec::len)
    );
    let again = json(d, &["import", &file, "--json"]);
    assert_eq!(again["created"], serde_json::json!([]));
    assert_eq!(again["merged"], serde_json::json!([]));
}

#[test]
fn a_malformed_import_exits_1_with_the_line_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["contacts", "add", "--first-name", "Élodie"]);
    let o = flocon(d, &["import", &fixture("broken_no_end.vcf")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line "), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert_eq!(
        json(d, &["contacts", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let o = flocon(d, &["import", &fixture("broken_no_name_column.csv")]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn export_writes_csv_safe_from_formulas_and_json_that_reimports_to_nothing_new() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "=HYPERLINK(\"http://x\")",
            "--last-name",
            "Dupré",
            "--email",
            "elodie@example.org",
        ],
    );
    let out = d.join("contacts.csv");
    ok(
        d,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            out.to_str().expect("utf-8 path"),
        ],
    );
    let csv = std::fs::read_to_string(&out).expect("written");
    assert!(
        csv.contains("'=HYPERLINK"),
        "the formula is neutralised: {csv}"
    );
    assert!(
        !csv.lines().any(|l| l.starts_with('=') || l.contains(",=")),
        "{csv}"
    );
    let vcard = ok(d, &["export", "--format", "vcard"]);
    assert!(vcard.starts_with("BEGIN:VCARD") && vcard.contains("VERSION:4.0"));
    let again = json(d, &["import", out.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(
        again["created"],
        serde_json::json!([]),
        "re-importing our own export adds nobody"
    );
}

#[test]
fn contacts_list_pages_by_keyset_in_either_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let ids: Vec<String> = ["Zoé", "Aïcha", "Mélissa"]
        .iter()
        .map(|f| {
            ok(
                d,
                &[
                    "contacts",
                    "add",
                    "--first-name",
                    f,
                    "--last-name",
                    "Martin",
                ],
            )
        })
        .collect();
    let ids_of = |v: Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .filter_map(|p| p["id"].as_str().map(String::from))
            .collect()
    };
    let recent = ids_of(json(
        d,
        &[
            "contacts", "list", "--sort", "recent", "--limit", "2", "--json",
        ],
    ));
    assert_eq!(recent, [ids[2].clone(), ids[1].clone()]);
    let rest = ids_of(json(
        d,
        &[
            "contacts", "list", "--sort", "recent", "--after", &recent[1], "--json",
        ],
    ));
    assert_eq!(rest, [ids[0].clone()]);
    let by_name = ids_of(json(d, &["contacts", "list", "--limit", "1", "--json"]));
    assert_eq!(
        by_name,
        [ids[1].clone()],
        "Aïcha Martin comes first by name"
    );
}

#[test]
fn a_json_export_moves_contacts_to_another_data_dir() {
    let from = tempfile::tempdir().expect("temp dir");
    let to = tempfile::tempdir().expect("temp dir");
    ok(from.path(), &["demo"]);
    let file = from.path().join("export.json");
    ok(
        from.path(),
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().expect("utf-8 path"),
        ],
    );
    let report = json(
        to.path(),
        &["import", file.to_str().expect("utf-8 path"), "--json"],
    );
    assert_eq!(report["format"], "json");
    let moved = json(to.path(), &["contacts", "list", "--json"]);
    let original = json(from.path(), &["contacts", "list", "--json"]);
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|p| format!("{} {}", p["first_name"], p["last_name"]))
            .collect()
    };
    assert_eq!(names(&moved), names(&original));
}
