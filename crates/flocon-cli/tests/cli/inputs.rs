//! Hostile input through the real binary (issue #18): each file is refused with a one-line
//! reason and nothing changes, or it imports correctly; `flocon check` passes afterwards.
//! Sizes are small here: how the cost grows with the size is measured by `flocon-bench --only
//! inputs`, never by a timed test.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{flocon, json, ok, stderr, stdout};

/// Writes `bytes` as `name` beside the data directory's files and returns its path.
fn file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path
}

fn import(dir: &Path, path: &Path) -> std::process::Output {
    flocon(
        dir,
        &["import", path.to_str().expect("utf-8 path"), "--json"],
    )
}

fn people(dir: &Path) -> Vec<Value> {
    json(dir, &["contacts", "list", "--json"])
        .as_array()
        .expect("an array")
        .clone()
}

fn assert_checks(dir: &Path) {
    let out = ok(dir, &["check"]);
    assert!(out.contains("intact"), "{out}");
}

/// The import was refused with one line naming `line` and `reason`, and nobody was added.
fn assert_refused(dir: &Path, o: &std::process::Output, line: usize, reason: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&format!("line {line}:")) && err.contains(reason),
        "expected line {line} and {reason:?}: {err}"
    );
    assert_eq!(people(dir).len(), 1, "only the person added before");
}

/// Someone already in the address book, so that "nothing changed" means something.
fn add_someone(dir: &Path) {
    ok(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
            "--email",
            "awa@example.org",
        ],
    );
}

fn no_raw_controls(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn control_characters_past_the_first_8_kib_are_dropped_on_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let mut vcf = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Padding Person\r\nNOTE:{}\r\nEND:VCARD\r\n",
        "x".repeat(9000)
    );
    vcf.push_str(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Du\u{1b}[31mpont;An\u{0}ne;;;\r\n\
         EMAIL:anne@example.org\r\nCATEGORIES:b\u{7}\u{1b}]0;titre\u{7}énévole\r\n\
         NOTE:ligne\\nsuite\u{1b}[2J\u{9b}1m\u{0} fin\tici\r\nEND:VCARD\r\n",
    );
    let path = file(d, "controls.vcf", vcf);
    let o = import(d, &path);
    assert!(o.status.success(), "{}", stderr(&o));

    let list = people(d);
    let anne = list
        .iter()
        .find(|p| p["email"] == "anne@example.org")
        .expect("imported");
    assert_eq!(anne["first_name"], "Anne");
    assert_eq!(anne["last_name"], "Du[31mpont");
    let id = anne["id"].as_str().expect("an id");
    let shown = json(d, &["contacts", "show", id, "--json"]);
    assert_eq!(shown["notes"], "ligne\nsuite[2J1m fin\tici");
    assert_eq!(shown["tags"], serde_json::json!(["b]0;titreénévole"]));
    let text = ok(d, &["contacts", "show", id]);
    assert!(no_raw_controls(&text), "{text:?}");
    assert_checks(d);
}

#[test]
fn control_characters_typed_on_the_command_line_are_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let id = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "\u{1b}]0;titre\u{7}Jo",
            "--last-name",
            "Martin",
            "--notes",
            "a\u{7}b\r\nc",
        ],
    );
    let shown = json(d, &["contacts", "show", id.trim(), "--json"]);
    assert_eq!(shown["first_name"], "]0;titreJo");
    assert_eq!(shown["notes"], "ab\nc");
}

#[test]
fn control_characters_already_stored_are_printed_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add_someone(d);
    // As a database written by an earlier version (or a synced change) may hold them.
    let db = rusqlite::Connection::open(d.join("flocon.sqlite3")).expect("opens");
    db.execute(
        "UPDATE person SET first_name = 'A' || char(27) || '[2J', notes = 'x' || char(27) || ']0;t' || char(7) || char(155)",
        [],
    )
    .expect("updated");
    drop(db);
    let id = people(d)[0]["id"].as_str().expect("an id").to_string();
    for args in [
        vec!["contacts", "show", id.as_str()],
        vec!["contacts", "list"],
        vec!["contacts", "show", id.as_str(), "--json"],
        vec!["search", "awa"],
    ] {
        let out = ok(d, &args);
        assert!(no_raw_controls(&out), "{args:?} printed {out:?}");
    }
    let shown = ok(d, &["contacts", "show", &id]);
    assert!(shown.contains("A\\u{1b}[2J"), "{shown}");
    assert!(shown.contains("x\\u{1b}]0;t\\u{7}\\u{9b}"), "{shown}");
    let json_text = ok(d, &["contacts", "show", &id, "--json"]);
    let back: Value = serde_json::from_str(&json_text).expect("still JSON");
    assert_eq!(back["notes"], "x\u{1b}]0;t\u{7}\u{9b}");
}

/// `n` rows (vCard, CSV or Flocon JSON) that all share one address and each add another.
fn shared_email_rows(format: &str, n: usize) -> String {
    match format {
        "vcf" => (0..n)
            .map(|i| {
                format!(
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Dupont\r\nEMAIL:shared@example.org\r\nEMAIL:n{i}@example.org\r\nEND:VCARD\r\n"
                )
            })
            .collect(),
        "csv" => {
            let rows: String = (0..n)
                .map(|i| format!("Anne,Dupont,shared@example.org,n{i}@example.org\n"))
                .collect();
            format!("First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value\n{rows}")
        }
        _ => {
            let rows: Vec<Value> = (0..n)
                .map(|i| {
                    serde_json::json!({
                        "id": format!("0190f000-0000-7000-8000-{i:012}"),
                        "first_name": "Anne", "last_name": "Dupont",
                        "emails": [{"label": "", "value": "shared@example.org"},
                                   {"label": "", "value": format!("n{i}@example.org")}],
                        "phones": [], "tags": [], "notes": "",
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z"
                    })
                })
                .collect();
            Value::Array(rows).to_string()
        }
    }
}

#[test]
fn rows_sharing_one_email_merge_into_one_person_in_every_format() {
    for format in ["vcf", "csv", "json"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let path = file(
            d,
            &format!("shared.{format}"),
            shared_email_rows(format, 200),
        );
        let o = import(d, &path);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let report: Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
        assert_eq!(
            report["created"].as_array().map(Vec::len),
            Some(1),
            "{format}"
        );
        assert_eq!(
            report["merged"].as_array().map(Vec::len),
            Some(199),
            "{format}"
        );
        let list = people(d);
        assert_eq!(list.len(), 1, "{format}");
        let id = list[0]["id"].as_str().expect("an id");
        let anne = json(d, &["contacts", "show", id, "--json"]);
        assert_eq!(
            anne["emails"].as_array().map(Vec::len),
            Some(201),
            "{format}"
        );
        let again: Value = serde_json::from_slice(&import(d, &path).stdout).expect("JSON");
        assert_eq!(
            again["unchanged"].as_array().map(Vec::len),
            Some(200),
            "{format}"
        );
        assert_checks(d);
    }
}

#[test]
fn languages_and_tags_are_kept_once_each_and_too_many_skip_the_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let person = |id: u32, first: &str, languages: Vec<String>| {
        serde_json::json!({
            "id": format!("0190f000-0000-7000-8000-{id:012}"),
            "first_name": first, "last_name": "Martin", "languages": languages,
            "emails": [], "phones": [], "tags": [], "notes": "",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        })
    };
    // Every language twice, in two spellings that fold alike: 100 are kept, 101 are too many.
    let twice = |n: usize| -> Vec<String> {
        (0..n)
            .flat_map(|i| [format!("Langue {i}"), format!("LANGUE {i}")])
            .collect()
    };
    let file_json = serde_json::json!([
        person(1, "Polyglotte", twice(100)),
        person(2, "Hyperglotte", twice(101)),
    ]);
    let path = file(d, "languages.json", file_json.to_string());
    let report: Value = serde_json::from_slice(&import(d, &path).stdout).expect("a report");
    assert_eq!(report["created"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["skipped"][0]["line"], 2);
    assert_eq!(
        report["skipped"][0]["reason"],
        "languages: must be between 0 and 100"
    );

    let card = |name: &str, n: usize| {
        let tags: Vec<String> = (0..n).map(|i| format!("étiquette {i}")).collect();
        format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name} Martin\r\nCATEGORIES:{},,ETIQUETTE 1\r\nEND:VCARD\r\n",
            tags.join(",")
        )
    };
    let vcf = card("Mille", 1000) + &card("Trop", 20_000);
    let path = file(d, "tags.vcf", vcf);
    let report: Value = serde_json::from_slice(&import(d, &path).stdout).expect("a report");
    assert_eq!(report["created"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["skipped"][0]["line"], 6);
    assert_eq!(
        report["skipped"][0]["reason"],
        "tags: must be between 0 and 1000"
    );
    for p in people(d) {
        let shown = json(
            d,
            &["contacts", "show", p["id"].as_str().expect("id"), "--json"],
        );
        match p["first_name"].as_str() {
            Some("Polyglotte") => {
                assert_eq!(shown["languages"].as_array().map(Vec::len), Some(100))
            }
            _ => assert_eq!(shown["tags"].as_array().map(Vec::len), Some(1000)),
        }
    }
    assert_checks(d);
}

#[test]
fn a_vcard_line_with_megabytes_of_parameters_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add_someone(d);
    for (name, flood) in [
        (
            "commas.vcf",
            format!("EMAIL;TYPE={}:anne@example.org", ",".repeat(1 << 20)),
        ),
        (
            "folded.vcf",
            format!(
                "EMAIL;TYPE={}:anne@example.org",
                ",,,,,,,,,,\r\n ".repeat(2000)
            ),
        ),
    ] {
        let vcf =
            format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Dupont\r\n{flood}\r\nEND:VCARD\r\n");
        let o = import(d, &file(d, name, vcf));
        assert_refused(d, &o, 4, "(at most 8192)");
    }
    assert_checks(d);
}

#[test]
fn values_made_of_megabytes_of_separators_import_what_they_hold() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let vcf = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:{};Anne;;;\r\nCATEGORIES:{}bénévole\r\nORG:{}\r\nEND:VCARD\r\n",
        ",".repeat(1 << 20),
        ",".repeat(1 << 20),
        ";".repeat(1 << 20)
    );
    let o = import(d, &file(d, "separators.vcf", vcf));
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = format!(
        "First Name,Last Name,E-mail Address,Categories\nJo,Martin,{}jo@example.org,{}asso\n",
        ";".repeat(1 << 20),
        ";".repeat(1 << 20)
    );
    let o = import(d, &file(d, "separators.csv", csv));
    assert!(o.status.success(), "{}", stderr(&o));
    let list = people(d);
    assert_eq!(list.len(), 2);
    for p in &list {
        let shown = json(
            d,
            &["contacts", "show", p["id"].as_str().expect("id"), "--json"],
        );
        match p["first_name"].as_str() {
            Some("Anne") => assert_eq!(shown["tags"], serde_json::json!(["bénévole"])),
            _ => {
                assert_eq!(shown["tags"], serde_json::json!(["asso"]));
                assert_eq!(shown["emails"][0]["value"], "jo@example.org");
            }
        }
    }
    assert_checks(d);
}

#[test]
fn a_json_file_larger_than_the_import_limit_is_refused_like_vcard_and_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add_someone(d);
    let person = shared_email_rows("json", 1);
    // A valid export, padded with white space past 50 MiB (vCard and CSV files have had
    // this limit all along).
    let mut big = person.into_bytes();
    big.resize(51 * 1024 * 1024, b' ');
    let path = file(d, "big.json", big);
    let o = import(d, &path);
    assert_refused(d, &o, 1, "file too large (51.0 MiB, at most 50 MiB)");
    assert_checks(d);
}

#[test]
fn a_csv_quote_that_never_closes_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add_someone(d);
    let rows = [
        "First Name,Last Name,E-mail Address",
        "Bob,Martin,bob@example.org",
        "Anne,Quote,\"anne@example.org",
        "Carl,Durand,carl@example.org",
        "Zoé,Petit,\"zoe@example.org\"",
    ];
    for (name, text) in [
        ("lf.csv", rows.join("\n")),
        ("crlf.csv", format!("\u{feff}{}\r\n", rows.join("\r\n"))),
        ("semicolons.csv", rows.join("\n").replace(',', ";")),
        ("no-closing.csv", rows[..4].join("\n")),
    ] {
        let o = import(d, &file(d, name, text));
        assert_refused(d, &o, 3, "quoted cell");
    }
    assert_checks(d);
}

/// The cells a spreadsheet told to split on `separator` reads: quotes open a cell only at its
/// start (as in LibreOffice and Excel), and a line break outside them ends a row.
fn spreadsheet_cells(csv: &str, separator: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut at_start, mut quoted) = (true, false);
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
        } else if at_start && c == '"' {
            quoted = true;
            at_start = false;
        } else if c == separator || c == '\n' || c == '\r' {
            cells.push(std::mem::take(&mut cell));
            at_start = true;
        } else {
            at_start = at_start && c == ' ';
            cell.push(c);
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn the_csv_export_runs_no_formula_in_a_spreadsheet_splitting_on_semicolons_or_tabs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Anne,=cmd|' /C calc'!A0",
            "--last-name",
            "a;=cmd|' /C calc'!A0",
            "--email",
            "anne@example.org",
            "--notes",
            "Ordre du jour\n- point un\n+33 6 12\t-2; @SUM(1)",
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
    for separator in [',', ';', '\t'] {
        for cell in spreadsheet_cells(&csv, separator) {
            assert!(
                !cell
                    .trim_start_matches([' ', '"'])
                    .starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet splitting on {separator:?} runs {cell:?} in {csv}"
            );
        }
    }
    // Read back by Flocon, the cells are exactly what was typed.
    let again: Value = serde_json::from_slice(&import(d, &out).stdout).expect("a report");
    assert_eq!(again["unchanged"].as_array().map(Vec::len), Some(1));
    let anne = &people(d)[0];
    assert_eq!(anne["last_name"], "a;=cmd|' /C calc'!A0");
    let shown = json(
        d,
        &[
            "contacts",
            "show",
            anne["id"].as_str().expect("id"),
            "--json",
        ],
    );
    assert_eq!(
        shown["notes"],
        "Ordre du jour\n- point un\n+33 6 12\t-2; @SUM(1)"
    );
    assert_checks(d);
}

/// A session of a new engagement whose notes are `notes`; returns its id.
fn session_with_notes(d: &Path, notes: &str) -> String {
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
    let engagement = ok(
        d,
        &[
            "engagements",
            "add",
            "--title",
            "Accompagnement",
            "--org",
            org.trim(),
        ],
    );
    let id = ok(
        d,
        &[
            "sessions",
            "add",
            "--title",
            "Séance",
            "--start",
            "2026-05-04T18:00",
            "--duration-minutes",
            "90",
            "--engagement",
            engagement.trim(),
            "--org",
            org.trim(),
        ],
    );
    let notes_file = file(d, "notes.md", notes);
    ok(
        d,
        &[
            "sessions",
            "update",
            id.trim(),
            "--notes-file",
            notes_file.to_str().expect("utf-8 path"),
        ],
    );
    id.trim().to_string()
}

#[test]
fn a_note_of_deeply_nested_html_exports_flattened_with_its_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let notes = format!(
        "{}au fond{}\n\n{} citation\n\n- [x] fait\n\n<input type=checkbox checked> [lien](//evil.example)",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000),
        ">".repeat(20_000)
    );
    let id = session_with_notes(d, &notes);
    let html = ok(d, &["sessions", "export", &id, "--format", "html"]);
    assert!(
        html.contains("au fond") && html.contains("citation"),
        "the text stays"
    );
    assert!(html.matches("<div>").count() <= 80, "flattened");
    assert!(html.matches("<blockquote>").count() <= 80, "flattened");
    assert_eq!(
        html.matches("<input").count(),
        1,
        "only the task list's checkbox"
    );
    assert!(!html.contains("evil.example\""), "no scheme-relative link");
    assert_checks(d);
}

#[test]
fn entries_merged_past_a_limit_refuse_the_file_naming_the_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add_someone(d);
    // Every row matches Awa by her address and brings one more tag: the 1,001st (line 1,002)
    // is one too many.
    let rows: String = (0..1_100)
        .map(|i| format!("Awa,Diallo,awa@example.org,t{i}\r\n"))
        .collect();
    let csv = format!("First Name,Last Name,E-mail Address,Categories\r\n{rows}");
    let o = import(d, &file(d, "tags.csv", csv));
    assert_refused(
        d,
        &o,
        1_002,
        "goes past a limit (tags: must be between 0 and 1000)",
    );
    let awa = &people(d)[0];
    assert_eq!(awa["tags"], serde_json::json!([]), "nothing changed");
    assert_checks(d);
}
