//! The real `flocon` binary: engagements, sessions, actions, the session page export and the
//! calendar export, the last one read back by Python's independent `icalendar`
//! (`icalendar_reads_export.py`). Every command runs with `TZ` set, since a date and time typed
//! without an offset is local time.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{flocon_tz, stderr, stdout};

const PARIS: &str = "Europe/Paris";
const INSTALL_HINT: &str = "run `scripts/install-deps --test` (or `pip install icalendar`)";

/// Runs a command in Paris time that must succeed; returns its trimmed standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let o = flocon_tz(dir, PARIS, args);
    assert!(o.status.success(), "flocon {args:?} failed: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("valid JSON on stdout")
}

/// Runs a command that must fail with exit status 1 and a one-line reason; returns the reason.
fn refused(dir: &Path, args: &[&str]) -> String {
    let o = flocon_tz(dir, PARIS, args);
    assert_eq!(o.status.code(), Some(1), "flocon {args:?}: {}", stderr(&o));
    let reason = stderr(&o);
    assert_eq!(reason.trim_end().lines().count(), 1, "one line: {reason:?}");
    assert!(stdout(&o).is_empty(), "nothing on stdout: {}", stdout(&o));
    reason
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("file written");
    path.to_string_lossy().into_owned()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|v| v["id"].as_str())
        .collect()
}

/// A collective, a team member and an engagement with them.
struct World {
    org: String,
    lea: String,
    engagement: String,
}

fn world(d: &Path) -> World {
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
    let lea = ok(
        d,
        &[
            "contacts",
            "add",
            "--first-name",
            "Léa",
            "--last-name",
            "Rousseau",
        ],
    );
    let engagement = ok(
        d,
        &[
            "engagements",
            "add",
            "--title",
            "Accompagnement QeT 2026",
            "--org",
            &org,
            "--lead",
            &lea,
        ],
    );
    World {
        org,
        lea,
        engagement,
    }
}

fn add_session(d: &Path, w: &World, title: &str, start: &str) -> String {
    ok(
        d,
        &[
            "sessions",
            "add",
            "--title",
            title,
            "--start",
            start,
            "--duration-minutes",
            "90",
            "--engagement",
            &w.engagement,
            "--org",
            &w.org,
        ],
    )
}

#[test]
fn an_engagement_is_created_listed_and_shown_with_its_goals_and_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let org = ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Collectif des Mères Solidaires",
            "--kind",
            "collective",
        ],
    );
    let funder = ok(
        d,
        &[
            "orgs",
            "add",
            "--name",
            "Fondation Lumière",
            "--kind",
            "foundation",
        ],
    );
    let lea = ok(d, &["contacts", "add", "--first-name", "Léa"]);
    let goals = write(
        d,
        "goals.md",
        "- [x] Former l'équipe de coordination\n- [ ] Tenir une assemblée\n",
    );
    let id = ok(
        d,
        &[
            "engagements",
            "add",
            "--title",
            "Accompagnement des Mères",
            "--org",
            &org,
            "--kind",
            "coaching d'équipe",
            "--kind",
            "storytelling",
            "--status",
            "en préparation",
            "--goals-file",
            &goals,
            "--lead",
            &lea,
            "--cadence",
            "bilatérale mensuelle",
            "--start",
            "2026-01-05",
            "--end",
            "2026-12-18",
            "--funder",
            &funder,
        ],
    );
    assert_eq!(id.len(), 36, "only the id is printed: {id}");

    let list = json(d, &["engagements", "list", "--json"]);
    assert_eq!(ids(&list), vec![id.as_str()]);
    assert_eq!(list[0]["status"], "preparing");

    let page = json(d, &["engagements", "show", &id, "--json"]);
    let e = &page["engagement"];
    assert_eq!(e["title"], "Accompagnement des Mères");
    assert_eq!(
        e["organizations"][0]["name"],
        "Collectif des Mères Solidaires"
    );
    let mut kinds: Vec<&str> = e["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, vec!["storytelling", "team_coaching"]);
    assert_eq!(e["leads"][0]["id"], lea.as_str());
    assert_eq!(e["funder"]["name"], "Fondation Lumière");
    assert_eq!(e["starts_on"], "2026-01-05");
    assert_eq!(e["cadence"], "bilatérale mensuelle");
    assert_eq!(page["progress"]["goals_done"], 1);
    assert_eq!(page["progress"]["goals_total"], 2);
    assert_eq!(page["sessions"], serde_json::json!([]));

    let text = ok(d, &["engagements", "show", &id]);
    assert!(text.contains("Accompagnement des Mères"), "{text}");
    assert!(text.contains("goals 1/2"), "{text}");
    assert!(ok(d, &["engagements", "list"]).contains(&id));
}

#[test]
fn a_time_without_an_offset_is_local_and_one_with_an_offset_is_exact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let start_of = |id: &str| json(d, &["sessions", "show", id, "--json"])["starts_at"].clone();

    let summer = add_session(d, &w, "Séance d'été", "2026-07-14T10:00");
    assert_eq!(start_of(&summer), "2026-07-14T08:00:00Z", "CEST is UTC+2");
    let winter = add_session(d, &w, "Séance d'hiver", "2026-01-15 09:30");
    assert_eq!(start_of(&winter), "2026-01-15T08:30:00Z", "CET is UTC+1");
    let offset = add_session(d, &w, "Séance à l'heure dite", "2026-07-14T10:00+05:30");
    assert_eq!(start_of(&offset), "2026-07-14T04:30:00Z");
    let utc = add_session(d, &w, "Séance en UTC", "2026-07-14T10:00:00Z");
    assert_eq!(start_of(&utc), "2026-07-14T10:00:00Z");

    let o = flocon_tz(
        d,
        "America/New_York",
        &[
            "sessions",
            "add",
            "--title",
            "Séance à New York",
            "--start",
            "2026-07-14T10:00",
            "--duration-minutes",
            "30",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ny = stdout(&o).trim().to_string();
    assert_eq!(start_of(&ny), "2026-07-14T14:00:00Z", "TZ is honoured");

    assert!(
        ok(d, &["sessions", "list"]).contains("2026-07-14 10:00  90 min  Séance d'été"),
        "text output shows local time"
    );
    let of_engagement = json(
        d,
        &["sessions", "list", "--engagement", &w.engagement, "--json"],
    );
    assert_eq!(
        ids(&of_engagement),
        vec![
            winter.as_str(),
            offset.as_str(),
            summer.as_str(),
            utc.as_str()
        ],
        "oldest first"
    );
    let of_org = json(d, &["sessions", "list", "--org", &w.org, "--json"]);
    assert_eq!(
        of_org.as_array().map(Vec::len),
        Some(4),
        "not the New York one"
    );
}

#[test]
fn an_open_action_is_carried_into_the_next_session_until_it_is_done() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let first = add_session(d, &w, "Séance 1", "2026-02-02T18:00");
    let call = ok(
        d,
        &[
            "actions",
            "add",
            "--title",
            "Appeler la mairie",
            "--owner",
            &w.lea,
            "--due",
            "2026-02-10",
            "--session",
            &first,
        ],
    );
    assert_eq!(call.len(), 36, "only the id is printed: {call}");
    let flyer = ok(
        d,
        &[
            "actions",
            "add",
            "--title",
            "Imprimer le tract",
            "--owner",
            &w.lea,
            "--due",
            "2026-02-12",
            "--session",
            &first,
        ],
    );

    let second = add_session(d, &w, "Séance 2", "2026-03-02T18:00");
    let shown = json(d, &["sessions", "show", &second, "--json"]);
    assert_eq!(
        ids(&shown["carried_actions"]),
        vec![call.as_str(), flyer.as_str()]
    );
    assert_eq!(shown["carried_actions"][0]["session"]["id"], first.as_str());
    assert_eq!(shown["carried_actions"][0]["owner"]["name"], "Léa Rousseau");
    assert!(ok(d, &["sessions", "show", &second]).contains("Appeler la mairie"));

    ok(d, &["actions", "done", &call]);
    let third = add_session(d, &w, "Séance 3", "2026-04-06T18:00");
    let shown = json(d, &["sessions", "show", &third, "--json"]);
    assert_eq!(
        ids(&shown["carried_actions"]),
        vec![flyer.as_str()],
        "a done action is not carried any more"
    );
    let all = json(d, &["actions", "list", "--owner", &w.lea, "--json"]);
    let done = all
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["id"] == call.as_str())
        .expect("the done action is listed");
    assert_eq!(done["status"], "done");
    assert!(done["done_on"].is_string());
    let first = json(d, &["sessions", "show", &first, "--json"]);
    assert_eq!(ids(&first["actions"]), vec![call.as_str(), flyer.as_str()]);
}

#[test]
fn overdue_lists_only_open_actions_due_before_today() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let karim = ok(d, &["contacts", "add", "--first-name", "Karim"]);
    let add = |title: &str, owner: &str, due: &str| {
        ok(
            d,
            &[
                "actions", "add", "--title", title, "--owner", owner, "--due", due,
            ],
        )
    };
    let late = add("Relancer la fondation", &w.lea, "2020-01-15");
    let late_karim = add("Envoyer le compte rendu", &karim, "2021-06-01");
    let finished = add("Réserver la salle", &w.lea, "2020-02-01");
    let future = add("Préparer l'assemblée", &w.lea, "2999-12-31");
    ok(d, &["actions", "done", &finished]);

    let overdue = json(d, &["actions", "list", "--overdue", "--json"]);
    assert_eq!(ids(&overdue), vec![late.as_str(), late_karim.as_str()]);
    let mine = json(
        d,
        &["actions", "list", "--overdue", "--owner", &w.lea, "--json"],
    );
    assert_eq!(ids(&mine), vec![late.as_str()]);
    let all = json(d, &["actions", "list", "--json"]);
    assert_eq!(all.as_array().map(Vec::len), Some(4));
    assert!(ids(&all).contains(&future.as_str()));
    let text = ok(d, &["actions", "list", "--overdue"]);
    assert!(text.contains("Relancer la fondation") && !text.contains("Préparer"));
}

#[test]
fn update_changes_only_what_is_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let id = ok(
        d,
        &[
            "sessions",
            "add",
            "--title",
            "Séance de lancement",
            "--start",
            "2026-05-04T18:00",
            "--duration-minutes",
            "120",
            "--engagement",
            &w.engagement,
            "--org",
            &w.org,
            "--participant",
            &w.lea,
            "--facilitator",
            &w.lea,
            "--place",
            "Maison de quartier",
            "--format",
            "bilatéral",
        ],
    );
    let notes = write(
        d,
        "notes.md",
        "## Tour de table\n\nChacun dit pourquoi il est là.\n",
    );
    ok(
        d,
        &[
            "sessions",
            "update",
            &id,
            "--notes-file",
            &notes,
            "--decision",
            "Assemblée le 12 juin",
            "--decision",
            "Léa anime le groupe école",
            "--next",
            "2026-06-01",
        ],
    );
    let s = json(d, &["sessions", "show", &id, "--json"]);
    assert_eq!(
        s["notes"],
        "## Tour de table\n\nChacun dit pourquoi il est là.\n"
    );
    assert_eq!(
        s["decisions"],
        serde_json::json!(["Assemblée le 12 juin", "Léa anime le groupe école"])
    );
    assert_eq!(s["next_session_on"], "2026-06-01");
    assert_eq!(s["title"], "Séance de lancement");
    assert_eq!(s["starts_at"], "2026-05-04T16:00:00Z");
    assert_eq!(s["duration_minutes"], 120);
    assert_eq!(s["place"], "Maison de quartier");
    assert_eq!(s["format"], "bilateral");
    assert_eq!(s["engagement"]["id"], w.engagement.as_str());
    assert_eq!(s["organizations"][0]["id"], w.org.as_str());
    assert_eq!(s["participants"][0]["id"], w.lea.as_str());
    assert_eq!(s["facilitators"][0]["id"], w.lea.as_str());

    ok(
        d,
        &[
            "sessions",
            "update",
            &id,
            "--title",
            "Séance de démarrage",
            "--start",
            "2026-05-05T09:00",
            "--duration-minutes",
            "60",
        ],
    );
    let s = json(d, &["sessions", "show", &id, "--json"]);
    assert_eq!(s["title"], "Séance de démarrage");
    assert_eq!(s["starts_at"], "2026-05-05T07:00:00Z");
    assert_eq!(s["duration_minutes"], 60);
    assert_eq!(s["decisions"].as_array().map(Vec::len), Some(2), "kept");
    assert!(
        s["notes"]
            .as_str()
            .unwrap_or_default()
            .contains("Tour de table")
    );
}

#[test]
fn the_html_export_cannot_run_anything_from_the_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let notes = write(
        d,
        "notes.md",
        "Bonne énergie.\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n\
         <script>alert(2)</script>\n",
    );
    let id = ok(
        d,
        &[
            "sessions",
            "add",
            "--title",
            "Séance <script>alert(3)</script>",
            "--start",
            "2026-03-28T10:00",
            "--duration-minutes",
            "90",
            "--engagement",
            &w.engagement,
            "--notes-file",
            &notes,
        ],
    );
    let html = ok(d, &["sessions", "export", &id, "--format", "html"]);
    assert!(html.contains("Bonne énergie"), "{html}");
    assert!(html.contains("28 mars 2026, 10:00"), "local time: {html}");
    let lower = html.to_lowercase();
    for bad in ["onerror", "javascript:", "<script"] {
        assert!(!lower.contains(bad), "{bad} in {html}");
    }

    let out = d.join("séance.html");
    let out_arg = out.to_string_lossy().into_owned();
    ok(
        d,
        &[
            "sessions", "export", &id, "--format", "html", "--out", &out_arg,
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("page written").trim(),
        html
    );
}

#[test]
fn the_markdown_export_has_the_session_in_local_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let first = add_session(d, &w, "Séance 1", "2026-03-02T18:00");
    ok(
        d,
        &[
            "actions",
            "add",
            "--title",
            "Appeler la mairie",
            "--owner",
            &w.lea,
            "--due",
            "2026-03-20",
            "--session",
            &first,
        ],
    );
    let prep = write(d, "prep.md", "1. Météo\n2. Bilan du mois\n");
    let id = ok(
        d,
        &[
            "sessions",
            "add",
            "--title",
            "Séance de bilan",
            "--start",
            "2026-03-28T10:00",
            "--duration-minutes",
            "90",
            "--engagement",
            &w.engagement,
            "--preparation-file",
            &prep,
        ],
    );
    ok(
        d,
        &[
            "sessions",
            "update",
            &id,
            "--decision",
            "Assemblée le 12 juin",
        ],
    );
    let md = ok(d, &["sessions", "export", &id, "--format", "md"]);
    assert!(md.starts_with("# Séance de bilan\n"), "{md}");
    assert!(md.contains("samedi 28 mars 2026, 10:00–11:30"), "{md}");
    assert!(md.contains("2. Bilan du mois"), "{md}");
    assert!(md.contains("- Assemblée le 12 juin"), "{md}");
    assert!(md.contains("- [ ] Appeler la mairie"), "carried: {md}");
}

#[test]
fn bad_input_exits_1_with_one_line_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let session = |start: &str, minutes: &str, engagement: &str| {
        vec![
            "sessions".to_string(),
            "add".into(),
            "--title".into(),
            "Séance".into(),
            "--start".into(),
            start.into(),
            "--duration-minutes".into(),
            minutes.into(),
            "--engagement".into(),
            engagement.into(),
        ]
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(d, &args)
    };
    assert!(run(session("demain", "60", &w.engagement)).contains("demain"));
    assert!(run(session("2026-03-28T10:00", "0", &w.engagement)).contains("duration_minutes"));
    let unknown = "01890a5d-ac96-774b-bcce-b302099a8057";
    assert!(run(session("2026-03-28T10:00", "60", unknown)).contains("no engagement"));
    assert!(
        run(session("2026-03-29T02:30", "60", &w.engagement)).contains("2026-03-29T02:30"),
        "a local time skipped by the change to summer time"
    );
    assert!(run(session("2026-03-28T10:00", "60", "pas-un-id")).contains("pas-un-id"));
    assert_eq!(
        json(d, &["sessions", "list", "--json"]),
        serde_json::json!([])
    );

    let missing = d.join("absent.md").to_string_lossy().into_owned();
    refused(
        d,
        &[
            "engagements",
            "add",
            "--title",
            "X",
            "--org",
            &w.org,
            "--goals-file",
            &missing,
        ],
    );
    refused(d, &["engagements", "add", "--title", "X", "--org", unknown]);
    refused(
        d,
        &[
            "engagements",
            "add",
            "--title",
            "X",
            "--org",
            &w.org,
            "--start",
            "2026-06-01",
            "--end",
            "2026-01-01",
        ],
    );
    assert_eq!(
        ids(&json(d, &["engagements", "list", "--json"])),
        vec![w.engagement.as_str()]
    );

    refused(
        d,
        &[
            "actions", "add", "--title", "X", "--owner", &w.lea, "--due", "bientôt",
        ],
    );
    refused(
        d,
        &[
            "actions",
            "add",
            "--title",
            "X",
            "--owner",
            unknown,
            "--due",
            "2026-01-01",
        ],
    );
    assert_eq!(
        json(d, &["actions", "list", "--json"]),
        serde_json::json!([])
    );
    refused(d, &["actions", "done", unknown]);

    let id = add_session(d, &w, "Séance", "2026-03-28T10:00");
    let before = json(d, &["sessions", "show", &id, "--json"]);
    refused(
        d,
        &[
            "sessions", "update", &id, "--title", "Autre", "--start", "demain",
        ],
    );
    refused(
        d,
        &[
            "sessions",
            "update",
            &id,
            "--title",
            "Autre",
            "--notes-file",
            &missing,
        ],
    );
    refused(
        d,
        &[
            "sessions",
            "update",
            &id,
            "--title",
            "Autre",
            "--format",
            "webinaire",
        ],
    );
    assert_eq!(json(d, &["sessions", "show", &id, "--json"]), before);

    let o = flocon_tz(d, PARIS, &["sessions", "add", "--title", "Séance"]);
    assert_eq!(o.status.code(), Some(2), "wrong usage");
}

/// Runs the Python reader on `path` and returns the events it read.
fn read_with_icalendar(path: &Path) -> Vec<Value> {
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/icalendar_reads_export.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("python3 could not be run ({e}): {INSTALL_HINT}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => {}
        Some(3) => panic!("icalendar is missing: {INSTALL_HINT}\n{stderr}"),
        _ => panic!("icalendar could not read Flocon's calendar export:\n{stderr}"),
    }
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}

#[test]
fn python_icalendar_reads_the_export_at_the_planned_hours_across_daylight_saving_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let w = world(d);
    let sessions = [
        ("Avant l'heure d'été", "2026-03-28T10:00", "90"),
        (
            "Après l'heure d'été; bilan, suite",
            "2026-03-30T10:00",
            "60",
        ),
        ("Avant l'heure d'hiver", "2026-10-24T18:30", "120"),
        ("Après l'heure d'hiver", "2026-10-26T18:30", "45"),
    ];
    let place = "Maison de quartier des Lilas, 12 rue de la République, 93260 Les Lilas \
                 (salle du fond, code 4521)";
    let mut made = Vec::new();
    for (title, start, minutes) in sessions {
        made.push(ok(
            d,
            &[
                "sessions",
                "add",
                "--title",
                title,
                "--start",
                start,
                "--duration-minutes",
                minutes,
                "--engagement",
                &w.engagement,
                "--place",
                place,
            ],
        ));
    }
    let file = d.join("séances.ics");
    let file_arg = file.to_string_lossy().into_owned();
    assert_eq!(
        ok(d, &["export", "--format", "ics", "--out", &file_arg]),
        "",
        "nothing on stdout with --out"
    );

    let events = read_with_icalendar(&file);
    let got: Vec<(&str, &str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["uid"].as_str().unwrap_or_default(),
                e["summary"].as_str().unwrap_or_default(),
                e["start"].as_str().unwrap_or_default(),
                e["end"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let uids: Vec<String> = made.iter().map(|id| format!("{id}@flocon")).collect();
    assert_eq!(
        got,
        vec![
            (
                uids[0].as_str(),
                "Avant l'heure d'été",
                "2026-03-28T09:00:00Z",
                "2026-03-28T10:30:00Z"
            ),
            (
                uids[1].as_str(),
                "Après l'heure d'été; bilan, suite",
                "2026-03-30T08:00:00Z",
                "2026-03-30T09:00:00Z"
            ),
            (
                uids[2].as_str(),
                "Avant l'heure d'hiver",
                "2026-10-24T16:30:00Z",
                "2026-10-24T18:30:00Z"
            ),
            (
                uids[3].as_str(),
                "Après l'heure d'hiver",
                "2026-10-26T17:30:00Z",
                "2026-10-26T18:15:00Z"
            ),
        ]
    );
    for e in &events {
        assert_eq!(e["location"], place, "the long place is unfolded whole");
    }
    let text = std::fs::read_to_string(&file).expect("calendar written");
    let printed = ok(d, &["export", "--format", "ics"]);
    for t in [&text, &printed] {
        assert!(t.starts_with("BEGIN:VCALENDAR\r\n"), "{t}");
        assert_eq!(t.matches("BEGIN:VEVENT").count(), 4);
    }
}

#[test]
fn help_documents_the_coaching_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let help = ok(d, &["--help"]);
    for command in ["engagements", "sessions", "actions"] {
        assert!(help.contains(command), "{command} in {help}");
    }
    let sessions = ok(d, &["sessions", "--help"]);
    for command in ["add", "list", "show", "update", "export"] {
        assert!(sessions.contains(command), "{command} in {sessions}");
    }
    assert!(ok(d, &["sessions", "add", "--help"]).contains("local time"));
    assert!(ok(d, &["actions", "list", "--help"]).contains("--overdue"));
    assert!(ok(d, &["export", "--help"]).contains("ics"));
}
