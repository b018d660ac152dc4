//! Sync between laptops, through the real store on temporary SQLite files and a real folder.

use std::path::{Path, PathBuf};

use tempfile::TempDir;
use uuid::Uuid;

use super::*;
use crate::person::PersonDraft;
use crate::store::Store;

pub(crate) const PASSPHRASE: &str = "on construit le pouvoir ensemble";

pub(crate) struct Laptop {
    _dir: TempDir,
    pub store: Store,
}

pub(crate) fn laptop() -> Laptop {
    laptop_in(tempfile::tempdir().expect("temp dir"))
}

/// The laptop whose data directory is `dir`.
pub(crate) fn laptop_in(dir: TempDir) -> Laptop {
    let store = Store::open_in(dir.path()).expect("store");
    Laptop { _dir: dir, store }
}

pub(crate) fn key(folder: &Path) -> SyncKey {
    open_or_create(folder, PASSPHRASE, KdfParams::FAST_FOR_TESTS).expect("team key")
}

impl Laptop {
    /// The same laptop after its app was closed and opened again (migrations run).
    pub(crate) fn reopened(self) -> Laptop {
        let Laptop { _dir, store } = self;
        drop(store);
        laptop_in(_dir)
    }

    pub fn sync(&self, folder: &Path) -> SyncReport {
        self.store
            .sync_with_folder(folder, &key(folder))
            .expect("sync")
    }

    /// The laptop's sync clock as a system clock a year ahead leaves it.
    pub(crate) fn set_clock_a_year_ahead(&self) {
        let year = 365 * 24 * 60 * 60 * 1000u64;
        let ahead = Hlc {
            millis: engine::now_ms() + year,
            counter: 0,
            device: Uuid::nil(),
        };
        self.store
            .db_for_tests()
            .write(|tx| capture::set_meta(tx, "clock", &ahead.to_string()))
            .expect("clock set");
    }

    pub(crate) fn add(&self, first: &str, last: &str) -> Uuid {
        let draft = PersonDraft {
            first_name: first.into(),
            last_name: last.into(),
            ..PersonDraft::default()
        };
        self.store.create_person(draft).expect("person").id
    }

    pub(crate) fn edit(&self, id: Uuid, change: impl FnOnce(&mut PersonDraft)) {
        let mut draft = PersonDraft::from(self.store.get_person(id).expect("person"));
        change(&mut draft);
        self.store.update_person(id, draft).expect("update");
    }

    pub(crate) fn notes(&self, id: Uuid) -> String {
        self.store.get_person(id).expect("person").notes
    }
}

pub(crate) fn folder() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("partage");
    (dir, folder)
}

#[test]
fn a_contact_made_on_one_laptop_reaches_the_other_with_its_edits_and_is_searchable() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    let sent = lea.sync(&shared);
    assert!(sent.sent_commits >= 1 && sent.sent_changes > 0, "{sent:?}");

    let got = karim.sync(&shared);
    assert!(got.received_changes > 0, "{got:?}");
    assert_eq!(
        karim.store.get_person(awa).expect("arrived").last_name,
        "Diallo"
    );
    let hits = karim.store.search("dial", 10).expect("search");
    assert!(
        hits.iter().any(|h| h.id == awa),
        "search finds the synced contact"
    );

    karim.edit(awa, |d| d.profile.city = Some("Villeurbanne".into()));
    karim.sync(&shared);
    lea.sync(&shared);
    let back = lea.store.get_person(awa).expect("still there");
    assert_eq!(back.profile.city.as_deref(), Some("Villeurbanne"));
    let filtered = lea
        .store
        .list_persons(&crate::store::PersonQuery {
            city: Some("villeurbanne".into()),
            ..Default::default()
        })
        .expect("list");
    assert_eq!(filtered.len(), 1, "the derived city key was recomputed");

    // Nothing new: a second round sends and receives nothing, and both hold the same.
    let again = lea.sync(&shared);
    assert_eq!((again.sent_commits, again.received_commits), (0, 0));
    assert_eq!(
        lea.store.all_persons().expect("all"),
        karim.store.all_persons().expect("all")
    );
}

#[test]
fn the_same_field_edited_on_two_laptops_converges_and_the_loser_is_kept_in_the_history() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    karim.sync(&shared);

    lea.edit(awa, |d| d.profile.city = Some("Lyon".into()));
    karim.edit(awa, |d| d.profile.city = Some("Villeurbanne".into()));
    lea.sync(&shared);
    let report = karim.sync(&shared);
    lea.sync(&shared);

    let city = |l: &Laptop| l.store.get_person(awa).expect("person").profile.city;
    assert_eq!(city(&lea), city(&karim), "both laptops hold the same city");
    assert_eq!(report.new_conflicts.len(), 1, "{report:?}");
    let on_lea = lea.store.conflicts(true).expect("conflicts");
    let on_karim = karim.store.conflicts(true).expect("conflicts");
    assert_eq!(on_lea, on_karim, "the same history everywhere");
    let conflict = &on_lea[0];
    assert_eq!(
        (conflict.entity.as_str(), conflict.field.as_str()),
        ("person", "city")
    );
    assert_eq!(conflict.label, "Awa Diallo");
    let mut both = [conflict.kept.text.clone(), conflict.other.text.clone()];
    both.sort();
    assert_eq!(both, ["Lyon".to_string(), "Villeurbanne".to_string()]);
    assert_eq!(Some(conflict.kept.text.clone()), city(&lea));

    // Léa takes the other version; once synced, it is the value everywhere, settled.
    let settled = lea
        .store
        .resolve_conflict(&conflict.id, &ConflictChoice::Other)
        .expect("resolved");
    assert!(!settled.open);
    lea.sync(&shared);
    karim.sync(&shared);
    assert_eq!(city(&karim), Some(conflict.other.text.clone()));
    assert_eq!(city(&lea), city(&karim));
    assert!(karim.store.conflicts(true).expect("conflicts").is_empty());
    assert_eq!(karim.store.conflicts(false).expect("history").len(), 1);
}

#[test]
fn notes_edited_in_different_places_merge_and_colliding_edits_keep_both_versions() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.edit(awa, |d| {
        d.notes = "## Contexte\nRencontrée au forum.\n\n## Suite\nÀ rappeler.\n".into()
    });
    lea.sync(&shared);
    karim.sync(&shared);

    lea.edit(awa, |d| {
        d.notes =
            "## Contexte\nRencontrée au forum des associations.\n\n## Suite\nÀ rappeler.\n".into()
    });
    karim.edit(awa, |d| {
        d.notes = "## Contexte\nRencontrée au forum.\n\n## Suite\nÀ rappeler en janvier.\n".into()
    });
    lea.sync(&shared);
    let report = karim.sync(&shared);
    lea.sync(&shared);
    let merged =
        "## Contexte\nRencontrée au forum des associations.\n\n## Suite\nÀ rappeler en janvier.\n";
    assert_eq!(lea.notes(awa), merged);
    assert_eq!(karim.notes(awa), merged);
    assert_eq!(report.merged_texts, 1);
    assert!(report.new_conflicts.is_empty(), "{report:?}");
    assert!(lea.store.conflicts(true).expect("conflicts").is_empty());

    // The same line changed on both: both versions are kept, and shown.
    lea.edit(awa, |d| {
        d.notes = merged.replace("en janvier", "le 5 janvier")
    });
    karim.edit(awa, |d| {
        d.notes = merged.replace("en janvier", "après les fêtes")
    });
    lea.sync(&shared);
    karim.sync(&shared);
    lea.sync(&shared);
    assert_eq!(lea.notes(awa), karim.notes(awa));
    let open = karim.store.conflicts(true).expect("conflicts");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].kind, ConflictKind::Text);
    let texts = [open[0].kept.text.as_str(), open[0].other.text.as_str()];
    assert!(texts.iter().any(|t| t.contains("le 5 janvier")));
    assert!(texts.iter().any(|t| t.contains("après les fêtes")));

    let combined = merged.replace("en janvier", "le 5 janvier, après les fêtes");
    karim
        .store
        .resolve_conflict(
            &open[0].id,
            &ConflictChoice::Combined {
                text: combined.clone(),
            },
        )
        .expect("combined");
    karim.sync(&shared);
    lea.sync(&shared);
    assert_eq!(lea.notes(awa), combined);
    assert!(lea.store.conflicts(true).expect("conflicts").is_empty());
}

#[test]
fn an_edit_made_without_seeing_a_delete_brings_the_record_back_flagged() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    karim.sync(&shared);

    lea.store.delete_person(awa).expect("deleted");
    karim.edit(awa, |d| {
        d.notes = "Elle veut rejoindre le collectif.".into()
    });
    lea.sync(&shared);
    karim.sync(&shared);
    lea.sync(&shared);

    for l in [&lea, &karim] {
        let back = l.store.get_person(awa).expect("brought back");
        assert_eq!(back.notes, "Elle veut rejoindre le collectif.");
    }
    let open = lea.store.conflicts(true).expect("conflicts");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].kind, ConflictKind::Deleted);
    assert!(open[0].other.deleted);

    // Deleting after all settles it, everywhere.
    karim
        .store
        .resolve_conflict(&open[0].id, &ConflictChoice::Other)
        .expect("deleted after all");
    karim.sync(&shared);
    lea.sync(&shared);
    assert!(lea.store.get_person(awa).is_err());
    assert!(karim.store.get_person(awa).is_err());
    assert!(lea.store.conflicts(true).expect("conflicts").is_empty());
}

#[test]
fn an_empty_or_missing_folder_deletes_nothing_and_a_wrong_passphrase_changes_nothing() {
    let (_d, shared) = folder();
    let lea = laptop();
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    // The folder is wiped (another USB key, a sync tool that lost it): nothing is deleted,
    // and our changes are written again.
    std::fs::remove_dir_all(shared.join("devices")).expect("wiped");
    let report = lea.sync(&shared);
    assert!(lea.store.get_person(awa).is_ok());
    assert!(
        report.sent_commits >= 1,
        "lost files are written again: {report:?}"
    );

    let (_e, missing) = folder();
    let karim = laptop();
    let before = karim.store.sync_status().expect("status");
    let wrong = open_or_create(&shared, "pas la bonne phrase", KdfParams::FAST_FOR_TESTS);
    assert!(matches!(wrong, Err(crate::error::Error::WrongPassphrase)));
    assert_eq!(karim.store.sync_status().expect("status"), before);
    let report = karim.sync(&missing);
    assert_eq!(report.received_commits, 0);
}

#[test]
fn a_folder_that_is_not_there_is_refused_and_nothing_is_written() {
    let (_d, shared) = folder();
    let lea = laptop();
    lea.add("Awa", "Diallo");
    let key = key(&shared);
    // The USB key is not plugged in: its mount point is just a path.
    let unplugged = shared.with_file_name("cle-usb").join("flocon");
    let before = lea.store.sync_status().expect("status");
    let refused = lea.store.sync_with_folder(&unplugged, &key);
    assert!(
        matches!(refused, Err(crate::error::Error::SyncFolderMissing { .. })),
        "{refused:?}"
    );
    assert!(
        !unplugged.exists(),
        "nothing was created on the laptop's disk"
    );
    assert_eq!(lea.store.sync_status().expect("status"), before);
    // Plugged in again: the sync goes through and sends what was pending.
    let report = lea.sync(&shared);
    assert!(report.sent_commits >= 1, "{report:?}");
}

#[test]
fn every_table_the_migrations_make_is_captured_unless_it_is_local() {
    // A migration that adds a table must install the sync triggers on it
    // (`capture::install_triggers`), or its rows would never leave this laptop.
    let lea = laptop();
    let missing = lea
        .store
        .db_for_tests()
        .read(|c| {
            let mut missing = Vec::new();
            let tables = c
                .prepare(
                    "SELECT name FROM sqlite_schema
                     WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'",
                )?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for table in tables.iter().filter(|t| !capture::is_local(t)) {
                for event in ["insert", "update", "delete"] {
                    let found: bool = c.query_row(
                        "SELECT count(*) > 0 FROM sqlite_schema
                         WHERE type = 'trigger' AND tbl_name = ?1 AND name = ?2",
                        [table.clone(), format!("sync_{table}_{event}")],
                        |r| r.get(0),
                    )?;
                    if !found {
                        missing.push(format!("{table}: {event}"));
                    }
                }
            }
            assert!(
                tables.len() > 30,
                "the schema's tables were read: {tables:?}"
            );
            Ok(missing)
        })
        .expect("schema");
    assert!(
        missing.is_empty(),
        "tables without sync triggers: {missing:?}"
    );
}

#[test]
fn damaged_and_half_copied_files_are_skipped_and_read_once_whole() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    let file = std::fs::read_dir(shared.join("devices"))
        .expect("devices")
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).expect("device dir").flatten())
        .map(|e| e.path())
        .next()
        .expect("a segment");
    let whole = std::fs::read(&file).expect("read");

    std::fs::write(&file, &whole[..whole.len() / 2]).expect("half copied");
    let report = karim.sync(&shared);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].reason, SkipReason::Incomplete);
    assert!(karim.store.get_person(awa).is_err());

    let mut tampered = whole.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    std::fs::write(&file, &tampered).expect("tampered");
    let report = karim.sync(&shared);
    assert_eq!(report.skipped[0].reason, SkipReason::Damaged);
    assert!(karim.store.get_person(awa).is_err());

    std::fs::write(&file, &whole).expect("whole again");
    let copy = file.with_file_name("00000000000000000001 (conflicted copy).changes");
    std::fs::write(&copy, &whole).expect("a sync tool's copy");
    let report = karim.sync(&shared);
    assert!(report.skipped.is_empty(), "{report:?}");
    assert_eq!(report.duplicates, 1);
    assert!(karim.store.get_person(awa).is_ok());
}

#[test]
fn a_clock_a_year_ahead_does_not_override_edits_made_after_seeing_it() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    karim.sync(&shared);

    // Léa's laptop thinks it is next year.
    lea.set_clock_a_year_ahead();
    lea.edit(awa, |d| d.profile.city = Some("Lyon".into()));
    lea.sync(&shared);
    karim.sync(&shared);
    karim.edit(awa, |d| d.profile.city = Some("Vaulx-en-Velin".into()));
    karim.sync(&shared);
    lea.sync(&shared);
    for l in [&lea, &karim] {
        let city = l.store.get_person(awa).expect("person").profile.city;
        assert_eq!(city.as_deref(), Some("Vaulx-en-Velin"));
    }
    assert!(lea.store.conflicts(false).expect("history").is_empty());
    let clock = karim
        .store
        .db_for_tests()
        .read(|c| capture::meta(c, "clock"))
        .expect("clock")
        .and_then(|t| t.parse::<Hlc>().ok())
        .expect("a clock");
    assert!(
        clock.millis <= engine::now_ms() + hlc::MAX_AHEAD_MS,
        "the far-future time did not drag this laptop's clock"
    );
}

#[test]
fn a_clock_a_year_ahead_settles_only_edits_made_at_the_same_time_and_is_reported() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    karim.sync(&shared);

    lea.set_clock_a_year_ahead();
    // Both change the city without seeing each other's change.
    lea.edit(awa, |d| d.profile.city = Some("Lyon".into()));
    karim.edit(awa, |d| d.profile.city = Some("Vaulx-en-Velin".into()));
    lea.sync(&shared);
    let report = karim.sync(&shared);
    lea.sync(&shared);

    // The tie goes to the clock further ahead, the same on both, and Karim's city is kept.
    for l in [&lea, &karim] {
        let city = l.store.get_person(awa).expect("person").profile.city;
        assert_eq!(city.as_deref(), Some("Lyon"));
        let history = l.store.conflicts(false).expect("history");
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].other.text, "Vaulx-en-Velin");
    }
    // Karim's laptop says which clock is off, and by how much.
    let skewed: Vec<_> = report
        .devices
        .iter()
        .filter_map(|d| Some((d.this_device, d.clock_ahead(report.finished_at)?.num_days())))
        .collect();
    assert_eq!(skewed.len(), 1, "only Léa's laptop is flagged: {skewed:?}");
    assert!(!skewed[0].0);
    assert!((364..=365).contains(&skewed[0].1), "{skewed:?}");
    // Léa's own laptop cannot tell that its clock is the wrong one: no flag for itself.
    let own = lea.sync(&shared);
    assert!(
        own.devices
            .iter()
            .all(|d| d.clock_ahead(own.finished_at).is_none())
    );
}

#[test]
fn changes_from_a_newer_flocon_are_kept_aside_until_this_one_is_updated() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    karim.sync(&shared);

    // A newer Flocon on Léa's laptop writes the next change.
    lea.edit(awa, |d| d.profile.city = Some("Lyon".into()));
    lea.store
        .db_for_tests()
        .write(|tx| {
            let commit = capture::commit_pending(tx, engine::now_ms())?.expect("a commit");
            tx.execute(
                "UPDATE sync_commit SET schema = schema + 1 WHERE device = ?1 AND seq = ?2",
                rusqlite::params![commit.device.to_string(), commit.seq as i64],
            )?;
            Ok(())
        })
        .expect("newer");
    lea.sync(&shared);
    let report = karim.sync(&shared);
    assert_eq!(report.needs_update, 1, "{report:?}");
    assert_eq!(karim.store.get_person(awa).expect("p").profile.city, None);

    // "Updating" Flocon: the kept change applies at the next sync.
    karim
        .store
        .db_for_tests()
        .write(|tx| Ok(tx.execute("UPDATE sync_commit SET schema = schema - 1", [])?))
        .expect("updated");
    let report = karim.sync(&shared);
    assert_eq!(report.needs_update, 0);
    assert_eq!(
        karim
            .store
            .get_person(awa)
            .expect("p")
            .profile
            .city
            .as_deref(),
        Some("Lyon")
    );
}

#[test]
fn a_snapshot_replaces_a_laptops_old_files_and_a_new_laptop_starts_from_it() {
    let (_d, shared) = folder();
    let lea = laptop();
    lea.store
        .db_for_tests()
        .write(|tx| capture::set_meta(tx, "snapshot_every", "3"))
        .expect("setting");
    let (mut people, mut written) = (Vec::new(), Vec::new());
    for (first, last) in [
        ("Awa", "Diallo"),
        ("Théo", "Lefèvre"),
        ("Léa", "Rousseau"),
        ("Inès", "Benali"),
    ] {
        people.push(lea.add(first, last));
        written.push(lea.sync(&shared).files_written);
    }
    // What a sync wrote is what it says it wrote, its snapshot included (the third sync found
    // three files of its own: its segment, then the snapshot that replaced them).
    assert_eq!(written, [1, 1, 2, 1]);
    let device = lea.store.sync_status().expect("status").device_id;
    let files: Vec<_> = std::fs::read_dir(folder::device_dir(&shared, device))
        .expect("device dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files.len(),
        2,
        "one snapshot and the segment written after it: {files:?}"
    );
    assert!(files.iter().any(|f| f.ends_with(".snapshot")), "{files:?}");

    let karim = laptop();
    karim.sync(&shared);
    for id in &people {
        assert!(karim.store.get_person(*id).is_ok());
    }
    assert_eq!(
        karim.store.all_persons().expect("all"),
        lea.store.all_persons().expect("all")
    );
}

#[test]
fn a_renamed_laptop_shows_its_new_name_here_at_once_and_to_the_others_after_a_sync() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    lea.add("Awa", "Diallo");
    lea.sync(&shared);
    let status = lea
        .store
        .set_sync_device_name("  Portable de Léa ")
        .expect("renamed");
    assert_eq!(status.device_name, "Portable de Léa");
    assert_eq!(status.devices[0].name, "Portable de Léa");
    assert!(lea.store.set_sync_device_name("   ").is_err());
    lea.add("Théo", "Lefèvre");
    lea.sync(&shared);
    karim.sync(&shared);
    let seen = karim.store.sync_status().expect("status").devices;
    assert!(
        seen.iter()
            .any(|d| !d.this_device && d.name == "Portable de Léa"),
        "{seen:?}"
    );
}

#[test]
fn an_event_its_attendance_a_new_series_and_a_cohort_reach_the_other_laptop() {
    use crate::event::{CohortDraft, EventDraft};
    use crate::vocab::{Attendance, CohortStage};
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    let series = lea.store.add_series("Porte-à-porte").expect("series");
    let event = lea
        .store
        .create_event(EventDraft {
            title: "Porte-à-porte aux Ramiers".into(),
            series_id: Some(series.id),
            starts_at: "2026-04-04T09:00:00Z".parse().expect("instant"),
            ends_at: None,
            place: "Bagnolet".into(),
            speakers: vec![],
            guests: vec![],
            organizations: vec![],
            description: String::new(),
            notes: String::new(),
            unnamed_count: 4,
        })
        .expect("event");
    lea.store
        .set_attendance(event.id, awa, Some(Attendance::Present))
        .expect("present");
    let cohort = lea
        .store
        .create_cohort(CohortDraft {
            name: "Promotion 2026".into(),
            programme: "Formation organisateurs".into(),
            starts_on: None,
        })
        .expect("cohort");
    lea.store
        .set_cohort_stage(
            cohort.id,
            awa,
            CohortStage::Accepted,
            "2026-02-01".parse().expect("day"),
        )
        .expect("stage");
    lea.sync(&shared);
    karim.sync(&shared);

    let there = karim.store.get_event(event.id).expect("the event arrived");
    assert_eq!(
        there.series.map(|s| s.name).as_deref(),
        Some("Porte-à-porte")
    );
    assert_eq!((there.counts.present, there.counts.came()), (1, 5));
    assert_eq!(
        karim
            .store
            .find_series("porte a porte")
            .expect("find")
            .map(|s| s.id),
        Some(series.id),
        "the series' derived name key was made on arrival"
    );
    let c = karim
        .store
        .get_cohort(cohort.id)
        .expect("the cohort arrived");
    assert_eq!(c.members[0].stage, CohortStage::Accepted);
    // Karim takes Awa off the list; Léa sees it.
    karim
        .store
        .set_attendance(event.id, awa, None)
        .expect("removed");
    karim.sync(&shared);
    lea.sync(&shared);
    assert_eq!(
        lea.store.get_event(event.id).expect("event").counts.present,
        0
    );
}
