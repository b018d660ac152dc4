//! The real `flocon` binary: the legal basis on contacts, `gdpr export` and `gdpr retention`.

use std::path::Path;

use serde_json::Value;

use crate::support::{flocon, json, stderr, stdout};

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

fn add(dir: &Path, first: &str, last: &str, more: &[&str]) -> String {
    let mut args = vec![
        "contacts",
        "add",
        "--first-name",
        first,
        "--last-name",
        last,
    ];
    args.extend_from_slice(more);
    ok(dir, &args)
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|p| p["first_name"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn the_legal_basis_is_set_in_english_or_french_checked_and_filtered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let awa = add(
        d,
        "Awa",
        "Diallo",
        &[
            "--legal-basis",
            "legitimate-interest",
            "--legal-basis-on",
            "2026-03-12",
            "--legal-basis-source",
            "soirée du 12 mars",
        ],
    );
    let shown = json(d, &["contacts", "show", &awa, "--json"]);
    assert_eq!(shown["legal_basis"], "legitimate_interest");
    assert_eq!(shown["legal_basis_on"], "2026-03-12");
    assert_eq!(shown["legal_basis_source"], "soirée du 12 mars");

    add(d, "Théo", "Lefèvre", &["--legal-basis", "Consentement"]);
    add(d, "Inès", "Haddad", &["--legal-basis", "obligation légale"]);
    add(d, "Zoé", "Martin", &[]);

    // A day in the future, a malformed day or an unknown basis: exit 1, nothing changed.
    let future = refused(
        d,
        &["contacts", "update", &awa, "--legal-basis-on", "2999-01-01"],
    );
    assert!(future.contains("legal_basis_on"), "{future}");
    let malformed = refused(
        d,
        &["contacts", "update", &awa, "--legal-basis-on", "le 12 mars"],
    );
    assert!(malformed.contains("legal_basis_on"), "{malformed}");
    let unknown = refused(
        d,
        &["contacts", "update", &awa, "--legal-basis", "parce que"],
    );
    assert!(unknown.contains("consent"), "{unknown}");
    assert_eq!(
        json(d, &["contacts", "show", &awa, "--json"])["legal_basis_on"],
        "2026-03-12"
    );

    let list = |basis: &str| {
        names(&json(
            d,
            &["contacts", "list", "--legal-basis", basis, "--json"],
        ))
    };
    assert_eq!(list("consent"), ["Théo"]);
    assert_eq!(list("intérêt légitime"), ["Awa"]);
    assert_eq!(list("legal-obligation"), ["Inès"]);
    assert_eq!(list("none"), ["Zoé"]);
    let everyone = json(d, &["contacts", "list", "--json"]);
    assert_eq!(everyone.as_array().expect("array").len(), 4);
    assert!(
        everyone
            .as_array()
            .expect("array")
            .iter()
            .any(|p| p["legal_basis"] == "consent")
    );
    // Keyset pagination keeps the filter.
    let first = json(
        d,
        &[
            "contacts",
            "list",
            "--legal-basis",
            "none",
            "--limit",
            "1",
            "--json",
        ],
    );
    let after = first[0]["id"].as_str().expect("an id").to_string();
    let rest = json(
        d,
        &[
            "contacts",
            "list",
            "--legal-basis",
            "none",
            "--after",
            &after,
            "--json",
        ],
    );
    assert_eq!(rest.as_array().expect("array").len(), 0);

    // Clearing the basis.
    ok(d, &["contacts", "update", &awa, "--legal-basis", ""]);
    assert_eq!(list("none"), ["Awa", "Zoé"]);
}

#[test]
fn gdpr_export_gives_everything_linked_to_the_person_as_json_or_a_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let awa = add(
        d,
        "Awa",
        "Diallo",
        &[
            "--email",
            "awa@example.org",
            "--notes",
            "<script>alert(1)</script> Très engagée",
            "--legal-basis",
            "consent",
        ],
    );
    let other = add(
        d,
        "Karim",
        "Benali",
        &[
            "--email",
            "karim.prive@example.org",
            "--notes",
            "NOTE-DE-KARIM",
        ],
    );
    let org = ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Collectif des Lilas",
            "--kind",
            "collective",
        ],
    );
    ok(
        d,
        &[
            "memberships",
            "add",
            "--person",
            &awa,
            "--org",
            &org,
            "--role",
            "porte-parole",
        ],
    );
    let event = ok(
        d,
        &[
            "events",
            "add",
            "--title",
            "Soirée de lancement",
            "--start",
            "2026-10-01T19:00",
        ],
    );
    ok(
        d,
        &[
            "attendance",
            "set",
            "--event",
            &event,
            "--person",
            &awa,
            "--status",
            "présent",
        ],
    );
    ok(
        d,
        &[
            "interactions",
            "add",
            "--person",
            &awa,
            "--person",
            &other,
            "--kind",
            "one_to_one",
            "--date",
            "2026-09-20",
            "--notes",
            "Parle du logement",
        ],
    );

    let data = json(d, &["gdpr", "export", &awa, "--json"]);
    assert_eq!(data["person"]["emails"][0]["value"], "awa@example.org");
    assert_eq!(data["person"]["legal_basis"], "consent");
    assert_eq!(
        data["memberships"][0]["organization"]["name"],
        "Collectif des Lilas"
    );
    assert_eq!(data["memberships"][0]["role"], "porte-parole");
    assert_eq!(data["events"][0]["title"], "Soirée de lancement");
    assert_eq!(data["events"][0]["attendance"], "present");
    assert_eq!(data["interactions"][0]["notes"], "Parle du logement");
    assert_eq!(data["interactions"][0]["role"], "participant");
    let text = data.to_string();
    assert!(!text.contains("karim.prive@example.org"), "{text}");
    assert!(!text.contains("NOTE-DE-KARIM"), "{text}");

    // The readable page, to a file: French, escaped.
    let page = d.join("awa.html");
    let printed = ok(
        d,
        &[
            "gdpr",
            "export",
            &awa,
            "--out",
            page.to_str().expect("utf-8 path"),
        ],
    );
    assert!(printed.is_empty());
    let html = std::fs::read_to_string(&page).expect("page written");
    assert!(html.contains("Données personnelles de Awa Diallo"));
    assert!(html.contains("Collectif des Lilas"));
    assert!(html.contains("20 septembre 2026"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("<script>"));
    assert!(!html.contains("NOTE-DE-KARIM"));
    // Without --out, the page goes to standard output.
    assert!(ok(d, &["gdpr", "export", &awa]).starts_with("<!doctype html>"));

    // A malformed id and an unknown one: exit 1 with a clear reason.
    let malformed = refused(d, &["gdpr", "export", "pas-un-id"]);
    assert!(malformed.contains("not a valid id"), "{malformed}");
    let unknown = refused(
        d,
        &["gdpr", "export", "01900000-0000-7000-8000-00000000dead"],
    );
    assert!(
        unknown.contains("not found") || unknown.contains("no "),
        "{unknown}"
    );
}

#[test]
fn gdpr_retention_lists_people_without_recent_activity_and_checks_the_years() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let awa = add(d, "Awa", "Diallo", &[]);
    // Someone just created has activity (their creation) younger than any limit.
    let rows = json(d, &["gdpr", "retention", "--json"]);
    assert_eq!(rows, Value::Array(vec![]));
    let rows = json(d, &["gdpr", "retention", "--years", "1", "--json"]);
    assert!(
        rows.as_array()
            .expect("array")
            .iter()
            .all(|r| r["person"]["id"] != awa.as_str())
    );
    assert!(ok(d, &["gdpr", "retention"]).contains("no contact"));

    for bad in ["0", "21"] {
        let reason = refused(d, &["gdpr", "retention", "--years", bad]);
        assert!(reason.contains("years"), "{reason}");
        assert!(reason.contains("between 1 and 20"), "{reason}");
    }
    let usage = flocon(d, &["gdpr", "retention", "--years", "trois"]);
    assert_eq!(usage.status.code(), Some(2));
}
