//! The team folder: created on purpose, joined without creating anything, remembered so that a
//! replaced manifest stops the sync, hostile key-derivation costs, and the change of the team
//! passphrase (rekey), through the real store on temporary SQLite files and a real folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tempfile::TempDir;
use uuid::Uuid;

use super::tests::{Laptop, laptop};
use super::*;
use crate::error::Error;
use crate::person::PersonDraft;

const OLD: &str = "on construit le pouvoir ensemble";
const NEW: &str = "une nouvelle phrase pour l'équipe";

fn folder() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("partage");
    (dir, folder)
}

fn add(laptop: &Laptop, first: &str, last: &str) -> Uuid {
    let draft = PersonDraft {
        first_name: first.into(),
        last_name: last.into(),
        ..PersonDraft::default()
    };
    laptop.store.create_person(draft).expect("person").id
}

fn set_city(laptop: &Laptop, id: Uuid, city: &str) {
    let mut draft = PersonDraft::from(laptop.store.get_person(id).expect("person"));
    draft.profile.city = Some(city.into());
    laptop.store.update_person(id, draft).expect("update");
}

fn city(laptop: &Laptop, id: Uuid) -> Option<String> {
    laptop.store.get_person(id).ok()?.profile.city
}

fn names(laptop: &Laptop) -> Vec<String> {
    let mut out: Vec<String> = laptop
        .store
        .all_persons()
        .expect("all")
        .into_iter()
        .map(|p| format!("{} {}", p.first_name, p.last_name))
        .collect();
    out.sort();
    out
}

/// Every file of the folder (the manifest included) and its bytes.
fn contents(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(folder, &mut out);
    out
}

/// Syncs with the passphrase, as the CLI does at each run.
fn sync_with(laptop: &Laptop, folder: &Path, passphrase: &str) -> Result<SyncReport, Error> {
    let key = laptop.store.sync_unlock(folder, passphrase)?;
    laptop.store.sync_with_folder(folder, &key)
}

/// Léa creates the team folder, Karim joins it; both hold Léa's contact.
fn team() -> (TempDir, PathBuf, Laptop, Laptop, Uuid) {
    let (dir, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = add(&lea, "Awa", "Diallo");
    let key = lea.store.sync_create_team(&shared, OLD).expect("created");
    lea.store.sync_with_folder(&shared, &key).expect("sync");
    let key = karim.store.sync_join_team(&shared, OLD).expect("joined");
    karim.store.sync_with_folder(&shared, &key).expect("sync");
    assert!(karim.store.get_person(awa).is_ok());
    (dir, shared, lea, karim, awa)
}

fn rewrite_manifest(folder: &Path, change: impl FnOnce(&mut Manifest)) {
    let path = folder.join(folder::MANIFEST);
    let mut manifest: Manifest =
        serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    change(&mut manifest);
    fs::write(&path, serde_json::to_vec(&manifest).expect("json")).expect("write");
}

#[test]
fn creating_a_team_folder_is_refused_where_one_is_or_where_its_files_already_arrived() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    lea.store.sync_create_team(&shared, OLD).expect("created");
    let manifest = fs::read(shared.join(folder::MANIFEST)).expect("a manifest");
    let refused = karim.store.sync_create_team(&shared, "une autre phrase");
    assert!(
        matches!(refused, Err(Error::SyncFolderInUse { .. })),
        "{refused:?}"
    );
    assert_eq!(
        fs::read(shared.join(folder::MANIFEST)).expect("a manifest"),
        manifest,
        "the team's manifest is untouched"
    );
    // Nor inside it: the new team's files would read as damaged in the team's folder.
    let inner = shared.join("sous-dossier");
    let refused = karim.store.sync_create_team(&inner, "une autre phrase");
    assert!(
        matches!(refused, Err(Error::SyncFolderInUse { .. })),
        "{refused:?}"
    );
    assert!(!inner.join(folder::MANIFEST).exists());

    // Syncthing brought the laptops' files before the manifest: the folder is a team folder
    // still arriving, not an empty one to set up.
    let key = lea.store.sync_create_team(&shared, OLD).err();
    assert!(key.is_some());
    add(&lea, "Awa", "Diallo");
    let key = lea.store.sync_unlock(&shared, OLD).expect("key");
    lea.store.sync_with_folder(&shared, &key).expect("sync");
    fs::remove_file(shared.join(folder::MANIFEST)).expect("not arrived yet");
    let refused = karim.store.sync_create_team(&shared, "une autre phrase");
    assert!(
        matches!(refused, Err(Error::SyncFolderInUse { .. })),
        "{refused:?}"
    );
    assert!(!shared.join(folder::MANIFEST).exists());

    // A path whose parent is not there (a drive not plugged in) is not made on the disk.
    let unplugged = shared.with_file_name("cle-usb").join("flocon");
    let refused = karim.store.sync_create_team(&unplugged, OLD);
    assert!(
        matches!(refused, Err(Error::SyncFolderMissing { .. })),
        "{refused:?}"
    );
    assert!(!unplugged.exists() && !unplugged.parent().expect("parent").exists());
}

#[test]
fn joining_never_creates_a_manifest_and_says_whether_the_folder_is_missing_or_not_arrived() {
    let (_d, shared) = folder();
    let karim = laptop();
    let before = karim.store.sync_status().expect("status");

    let missing = karim.store.sync_join_team(&shared, OLD);
    assert!(
        matches!(missing, Err(Error::SyncFolderMissing { .. })),
        "{missing:?}"
    );
    assert!(!shared.exists(), "nothing was created");

    fs::create_dir_all(&shared).expect("the sync tool made the folder");
    let not_yet = karim.store.sync_join_team(&shared, OLD);
    match &not_yet {
        Err(e @ Error::SyncFolderNotReady { .. }) => {
            assert_eq!(e.kind(), crate::error::ErrorKind::SyncFolderNotReady);
            assert!(e.to_string().contains("flocon sync init"), "{e}");
        }
        other => panic!("expected not ready, got {other:?}"),
    }
    assert!(contents(&shared).is_empty(), "nothing was written");
    let again = karim.store.sync_unlock(&shared, OLD);
    assert!(matches!(again, Err(Error::SyncFolderNotReady { .. })));
    assert_eq!(karim.store.sync_status().expect("status"), before);

    // Once the manifest arrives, the same join goes through.
    let lea = laptop();
    let elsewhere = shared.with_file_name("chez-lea");
    lea.store
        .sync_create_team(&elsewhere, OLD)
        .expect("created");
    fs::copy(
        elsewhere.join(folder::MANIFEST),
        shared.join(folder::MANIFEST),
    )
    .expect("arrived");
    karim.store.sync_join_team(&shared, OLD).expect("joined");
    let wrong = laptop().store.sync_join_team(&shared, "pas la bonne");
    assert!(matches!(wrong, Err(Error::WrongPassphrase)), "{wrong:?}");
}

#[test]
fn a_manifest_replaced_under_a_laptop_stops_its_sync_and_nothing_is_written() {
    // Léa and Karim each set up "the" team folder before Syncthing had copied the other's;
    // Syncthing then kept Karim's manifest in both.
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = add(&lea, "Awa", "Diallo");
    let key = lea.store.sync_create_team(&shared, OLD).expect("created");
    lea.store.sync_with_folder(&shared, &key).expect("sync");
    let other = shared.with_file_name("chez-karim");
    let theirs = karim.store.sync_create_team(&other, OLD).expect("created");
    add(&karim, "Karim", "Benali");
    karim.store.sync_with_folder(&other, &theirs).expect("sync");
    fs::copy(other.join(folder::MANIFEST), shared.join(folder::MANIFEST)).expect("merged");

    add(&lea, "Inès", "Moreau");
    let before = contents(&shared);
    let status = lea.store.sync_status().expect("status");
    for refused in [
        lea.store.sync_with_folder(&shared, &key),
        sync_with(&lea, &shared, OLD),
        lea.store.sync_check_team(&shared).map(|_| unreachable!()),
    ] {
        match refused {
            Err(e @ Error::SyncManifestReplaced { .. }) => {
                assert!(e.to_string().contains("flocon sync leave"), "{e}");
            }
            other => panic!("expected a replaced manifest, got {other:?}"),
        }
    }
    assert_eq!(
        contents(&shared),
        before,
        "nothing was written in the folder"
    );
    assert_eq!(lea.store.sync_status().expect("status"), status);

    // A manifest that only changes the cost (to make the key cheap to guess) is not the
    // team's either.
    let (_e, kept) = folder();
    let key = lea.store.sync_create_team(&kept, OLD).expect("created");
    lea.store.sync_with_folder(&kept, &key).expect("sync");
    rewrite_manifest(&kept, |m| m.kdf.memory_kib = 8 * 1024);
    let refused = lea.store.sync_with_folder(&kept, &key);
    assert!(
        matches!(refused, Err(Error::SyncManifestReplaced { .. })),
        "{refused:?}"
    );

    // The team decides Karim's manifest is the one: Léa stops syncing and joins again. Her
    // files of the lost manifest go, and her data is written again under the team's key.
    lea.store.set_sync_folder(None).expect("left");
    let key = lea.store.sync_join_team(&shared, OLD).expect("joined");
    let report = lea.store.sync_with_folder(&shared, &key).expect("sync");
    assert!(report.skipped.is_empty(), "{report:?}");
    let sent = karim
        .store
        .sync_with_folder(&shared, &theirs)
        .expect("sync");
    assert!(sent.skipped.is_empty(), "no unreadable file left: {sent:?}");
    assert!(karim.store.get_person(awa).is_ok());
    lea.store.sync_with_folder(&shared, &key).expect("sync");
    assert_eq!(names(&karim), names(&lea));
    assert_eq!(names(&lea).len(), 3);
}

#[test]
fn hostile_key_derivation_costs_are_refused_at_once() {
    let (_d, shared) = folder();
    let lea = laptop();
    lea.store.sync_create_team(&shared, OLD).expect("created");
    for (memory_kib, iterations, parallelism) in [
        (64 * 1024, u32::MAX, 1),
        (64 * 1024 * 1024, 3, 1),
        (64 * 1024, 3, 0),
        (64 * 1024, 3, 255),
        (1, 1, 1),
    ] {
        rewrite_manifest(&shared, |m| {
            m.kdf = KdfParams {
                memory_kib,
                iterations,
                parallelism,
            }
        });
        let started = Instant::now();
        let karim = laptop();
        let refused = karim.store.sync_join_team(&shared, OLD);
        assert!(started.elapsed() < Duration::from_secs(2));
        match refused {
            Err(e @ Error::SyncFolder { .. }) => {
                assert!(e.to_string().contains("outside what Flocon accepts"), "{e}");
                assert_eq!(e.kind(), crate::error::ErrorKind::Refused);
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let dump = open_existing(&shared, OLD);
        assert!(matches!(dump, Err(Error::SyncFolder { .. })), "{dump:?}");
    }
}

#[test]
fn after_a_rekey_the_old_key_reads_nothing_and_every_laptop_converges_with_the_new_one() {
    let (_d, shared, lea, karim, awa) = team();
    // Samia leaves the team: she had synced, and keeps the old passphrase.
    let samia = laptop();
    sync_with_joined(&samia, &shared, OLD);
    let moussa = add(&karim, "Moussa", "Traoré");
    sync_with(&karim, &shared, OLD).expect("sync");
    let old_key = open_existing(&shared, OLD).expect("old key");

    // Karim edits before he learns of the change; these edits are not sent yet.
    set_city(&karim, awa, "Vénissieux");
    let late = add(&karim, "Inès", "Moreau");

    let lea_key = lea.store.sync_unlock(&shared, OLD).expect("key");
    let (new_key, report) = lea
        .store
        .sync_rekey(&shared, &lea_key, NEW)
        .expect("rekeyed");
    assert_eq!(report.key_generation, 1);
    assert!(report.files_removed >= 2, "{report:?}");
    assert!(
        lea.store.get_person(moussa).is_ok(),
        "the first sync read it"
    );

    // The old key opens nothing left in the folder, and a fresh laptop with the old
    // passphrase is refused.
    let scan = folder::scan(&shared, &old_key).expect("scan");
    assert!(scan.files.is_empty(), "{:?}", scan.files.keys());
    assert!(matches!(
        laptop().store.sync_join_team(&shared, OLD),
        Err(Error::WrongPassphrase)
    ));
    assert!(matches!(
        open_existing(&shared, OLD),
        Err(Error::WrongPassphrase)
    ));

    // Karim, with the old passphrase or the key of his run, is told; nothing is written.
    let before = contents(&shared);
    let karim_status = karim.store.sync_status().expect("status");
    assert!(!karim_status.key_changed);
    let told = sync_with(&karim, &shared, OLD);
    assert!(
        matches!(told, Err(Error::SyncKeyChanged { .. })),
        "{told:?}"
    );
    let told = karim.store.sync_with_folder(&shared, &old_key);
    assert!(
        matches!(told, Err(Error::SyncKeyChanged { .. })),
        "{told:?}"
    );
    assert_eq!(contents(&shared), before, "nothing was written");
    assert!(karim.store.sync_status().expect("status").key_changed);
    assert!(matches!(
        sync_with(&karim, &shared, "ni l'une ni l'autre"),
        Err(Error::WrongPassphrase)
    ));

    // He types the new one once: his unsent edits go out under the new key.
    let report = sync_with(&karim, &shared, NEW).expect("sync");
    assert!(
        report.sent_commits >= 1 && report.skipped.is_empty(),
        "{report:?}"
    );
    assert!(!karim.store.sync_status().expect("status").key_changed);
    lea.store.sync_with_folder(&shared, &new_key).expect("sync");
    assert_eq!(city(&lea, awa).as_deref(), Some("Vénissieux"));
    assert!(lea.store.get_person(late).is_ok());

    // A new laptop with the new passphrase gets everything; the old key still reads nothing.
    let nadia = laptop();
    sync_with_joined(&nadia, &shared, NEW);
    assert_eq!(names(&nadia), names(&lea));
    assert_eq!(names(&nadia), names(&karim));
    assert_eq!(city(&nadia, awa).as_deref(), Some("Vénissieux"));
    assert!(
        folder::scan(&shared, &old_key)
            .expect("scan")
            .files
            .is_empty()
    );

    // Samia, the former member, is told the passphrase changed and cannot go further.
    assert!(matches!(
        sync_with(&samia, &shared, OLD),
        Err(Error::SyncKeyChanged { .. })
    ));
    assert!(samia.store.get_person(late).is_err());
}

fn sync_with_joined(laptop: &Laptop, folder: &Path, passphrase: &str) {
    let key = laptop
        .store
        .sync_join_team(folder, passphrase)
        .expect("joined");
    laptop.store.sync_with_folder(folder, &key).expect("sync");
}

#[test]
fn a_former_member_can_neither_undo_a_rekey_nor_slip_files_in() {
    let (_d, shared, lea, karim, awa) = team();
    let old_manifest = fs::read(shared.join(folder::MANIFEST)).expect("manifest");
    let old_key = open_existing(&shared, OLD).expect("old key");
    let lea_key = lea.store.sync_unlock(&shared, OLD).expect("key");
    let (new_key, _) = lea
        .store
        .sync_rekey(&shared, &lea_key, NEW)
        .expect("rekeyed");
    let karim_key = karim.store.sync_unlock(&shared, NEW).expect("adopted");
    karim
        .store
        .sync_with_folder(&shared, &karim_key)
        .expect("sync");

    // She writes a change under the old key in a device folder of her own: it is not applied.
    let forged = envelope::seal(
        &old_key,
        FileKind::Segment,
        Uuid::now_v7(),
        1,
        br#"{"device_name":"x","commits":[]}"#,
    );
    fs::create_dir_all(shared.join("devices").join("intrus")).expect("dir");
    fs::write(shared.join("devices/intrus/1.changes"), forged).expect("write");
    let report = lea.store.sync_with_folder(&shared, &new_key).expect("sync");
    assert_eq!(report.skipped.len(), 1, "{report:?}");
    assert_eq!(report.received_commits, 0);

    // She puts the old manifest back: the laptops that know the new one refuse to write.
    fs::write(shared.join(folder::MANIFEST), &old_manifest).expect("write");
    set_city(&lea, awa, "Lyon");
    let before = contents(&shared);
    for refused in [
        lea.store.sync_with_folder(&shared, &new_key),
        sync_with(&lea, &shared, NEW),
        sync_with(&karim, &shared, OLD),
    ] {
        assert!(
            matches!(refused, Err(Error::SyncManifestReplaced { .. })),
            "{refused:?}"
        );
    }
    assert_eq!(contents(&shared), before);

    // A rekey made without the team's key (someone who can write to the folder, but does not
    // hold the passphrase) is not taken for the team's.
    let (_e, other) = folder();
    let (ana, bruno) = (laptop(), laptop());
    let key = ana.store.sync_create_team(&other, OLD).expect("created");
    ana.store.sync_with_folder(&other, &key).expect("sync");
    sync_with_joined(&bruno, &other, OLD);
    let intruder =
        SyncKey::derive("autre", b"0123456789abcdef", KdfParams::FAST_FOR_TESTS).expect("key");
    let (_, forged) = folder::new_manifest(
        "la phrase de l'intrus",
        KdfParams::FAST_FOR_TESTS,
        1,
        Some(&intruder),
    )
    .expect("manifest");
    folder::write_manifest(&other, &forged).expect("written");
    assert!(matches!(
        bruno.store.sync_with_folder(&other, &key),
        Err(Error::SyncManifestReplaced { .. })
    ));
    assert!(matches!(
        sync_with(&bruno, &other, OLD),
        Err(Error::SyncManifestReplaced { .. })
    ));
}

#[test]
fn a_hurried_rekey_is_refused_when_it_would_lose_or_change_nothing() {
    let (_d, shared, lea, _karim, _awa) = team();
    let key = lea.store.sync_unlock(&shared, OLD).expect("key");
    let before = contents(&shared);
    for (new, why) in [(OLD, "the one the team has now"), ("   ", "empty")] {
        match lea.store.sync_rekey(&shared, &key, new) {
            Err(e) => assert!(e.to_string().contains(why), "{e}"),
            Ok(_) => panic!("a rekey to {new:?} went through"),
        }
    }
    // A file still being copied in: the rekey would remove what it holds before it is read.
    let other = laptop();
    add(&other, "Zoé", "Martin");
    sync_with_joined(&other, &shared, OLD);
    let path = engine::own_files(&shared, other.store.sync_status().expect("s").device_id)
        .pop()
        .expect("a file");
    let whole = fs::read(&path).expect("read");
    fs::write(&path, &whole[..whole.len() - 10]).expect("cut");
    let before_cut = contents(&shared);
    let refused = lea.store.sync_rekey(&shared, &key, NEW);
    assert!(
        matches!(&refused, Err(Error::Refused(why)) if why.contains("still being copied")),
        "{refused:?}"
    );
    assert_eq!(contents(&shared), before_cut, "nothing was changed");
    assert_ne!(before, before_cut);
    // The copy completes; now it goes through, and Zoé reached Léa first.
    fs::write(&path, &whole).expect("complete");
    lea.store.sync_rekey(&shared, &key, NEW).expect("rekeyed");
    assert!(names(&lea).contains(&"Zoé Martin".to_string()));
}

#[test]
fn a_rekey_cut_short_before_the_old_files_went_finishes_at_the_next_sync() {
    let (_d, shared, lea, _karim, _awa) = team();
    let old_key = open_existing(&shared, OLD).expect("old key");
    let key = lea.store.sync_unlock(&shared, OLD).expect("key");
    let (new_key, _) = lea.store.sync_rekey(&shared, &key, NEW).expect("rekeyed");
    // As if the laptop had stopped right after writing the manifest: an old file is still
    // there and the cleanup is still to do.
    let stale = shared.join("devices").join("reste.changes");
    fs::write(
        &stale,
        envelope::seal(&old_key, FileKind::Segment, Uuid::now_v7(), 9, b"{}"),
    )
    .expect("write");
    lea.store
        .db_for_tests()
        .write(|tx| capture::set_meta(tx, team::CLEANUP, "1"))
        .expect("flag");
    let report = lea.store.sync_with_folder(&shared, &new_key).expect("sync");
    assert!(!stale.exists());
    assert!(report.skipped.is_empty(), "{report:?}");
}
