//! End to end: a conflict made on two data dirs (two laptops) appears in the app's conflicts
//! list after "Synchroniser maintenant", and settling it there reaches the other laptop; a team
//! folder created in the app on one laptop, joined on another, and its passphrase changed; a
//! first sync of many files that shows how far it has gone (`progress`).

use std::path::Path;

use flocon_core::sync::{KdfParams, crypto, open_or_create};
use flocon_core::{PersonDraft, Store};
use uuid::Uuid;

use crate::driver::App;

mod progress;

const PASSPHRASE: &str = "le pouvoir se construit ensemble";

fn sync(store: &Store, folder: &Path) {
    // The folders these tests make use the cheap key derivation (the app gets it from
    // FLOCON_SYNC_FAST_KDF).
    crypto::allow_fast_kdf_for_tests();
    let key = open_or_create(folder, PASSPHRASE, KdfParams::FAST_FOR_TESTS).expect("team key");
    store.sync_with_folder(folder, &key).expect("sync");
}

/// How many files `dir` holds, in all its folders.
fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("listed")
        .map(|entry| entry.expect("entry").path())
        .map(|path| if path.is_dir() { files_under(&path) } else { 1 })
        .sum()
}

fn set_city(store: &Store, id: Uuid, city: &str) {
    let mut draft = PersonDraft::from(store.get_person(id).expect("person"));
    draft.profile.city = Some(city.into());
    store.update_person(id, draft).expect("update");
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_conflict_from_two_laptops_is_listed_and_settled_in_the_app() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea_dir, karim_dir, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    let lea = Store::open_in(&lea_dir).expect("store");
    lea.set_sync_device_name("Portable de Léa").expect("named");
    let awa = {
        let karim = Store::open_in(&karim_dir).expect("store");
        karim
            .set_sync_device_name("Portable de Karim")
            .expect("named");
        let awa = lea
            .create_person(PersonDraft {
                first_name: "Awa".into(),
                last_name: "Diallo".into(),
                ..PersonDraft::default()
            })
            .expect("person")
            .id;
        sync(&lea, &shared);
        sync(&karim, &shared);
        // The same field, changed on both laptops before they sync again.
        set_city(&lea, awa, "Villeurbanne");
        sync(&lea, &shared);
        set_city(&karim, awa, "Vénissieux");
        // Karim chooses the folder in the app, as a first-time user would.
        karim.set_sync_folder(None).expect("forgotten");
        awa
    };

    let app = App::launch_home(&karim_dir).await;
    app.click("a[data-nav='sync']").await;
    app.wait_for("[data-testid='sync-folder']").await;
    app.screenshot("sync-setup").await;
    app.type_into(
        "[data-testid='sync-folder']",
        shared.to_str().expect("utf-8"),
    )
    .await;
    app.type_into("[data-testid='sync-passphrase']", PASSPHRASE)
        .await;
    app.click("[data-testid='sync-activate']").await;
    // The laptop gets a name the others will read in their conflicts list.
    app.click("[data-testid='sync-rename']").await;
    app.type_into(
        "[data-testid='sync-rename-input']",
        "Portable de Karim (bureau)",
    )
    .await;
    app.click("[data-testid='sync-rename-save']").await;
    app.wait_for_text(
        "[data-testid='sync-device-name']",
        "Portable de Karim (bureau)",
    )
    .await;
    app.click("[data-testid='sync-now']").await;
    app.wait_for("[data-testid='sync-report']").await;
    app.wait_for_text("[data-testid='sync-conflicts-link']", "1 conflit")
        .await;
    // How big the folder is (as many files as it holds) and the history here.
    let files = files_under(&shared.join("devices"));
    assert!(files > 1, "Léa's and Karim's files: {files}");
    let folder_size = app
        .wait_for_text(
            "[data-testid='sync-folder-size']",
            &format!("({files} fichiers)"),
        )
        .await;
    assert!(
        folder_size.starts_with("Dossier partagé : "),
        "{folder_size}"
    );
    let history = app
        .wait_for_text(
            "[data-testid='sync-history-size']",
            "Historique sur cet ordinateur : ",
        )
        .await;
    assert!(
        history.ends_with("ko") || history.ends_with("Mo"),
        "{history}"
    );
    app.screenshot("sync-status").await;

    app.click("[data-testid='sync-conflicts-link']").await;
    let card = app
        .wait_for_text("[data-testid='conflict-card']", "Awa Diallo")
        .await;
    assert!(card.contains("Villeurbanne"), "{card}");
    assert!(card.contains("Vénissieux"), "{card}");
    assert!(card.contains("2 versions"), "{card}");
    app.screenshot("sync-conflicts").await;

    // Karim keeps his own version, "Vénissieux": the kept one or the other, whichever the
    // clocks put in the data.
    let (store_value, button) = {
        let karim = Store::open_in(&karim_dir).expect("store");
        let now = karim.get_person(awa).expect("person").profile.city;
        let side = if now.as_deref() == Some("Vénissieux") {
            "kept"
        } else {
            "other"
        };
        (now, side)
    };
    app.click(&format!("[data-testid='conflict-keep-{button}']"))
        .await;
    app.wait_for("[data-testid='conflicts-empty']").await;

    // The choice travels with the next sync.
    app.click("a[data-nav='sync']").await;
    app.click("[data-testid='sync-now']").await;
    app.wait_for("[data-testid='sync-report']").await;
    app.quit().await;

    let karim = Store::open_in(&karim_dir).expect("store");
    assert_eq!(
        karim
            .get_person(awa)
            .expect("person")
            .profile
            .city
            .as_deref(),
        Some("Vénissieux"),
        "was {store_value:?}"
    );
    assert!(karim.conflicts(true).expect("conflicts").is_empty());
    sync(&lea, &shared);
    assert_eq!(
        lea.get_person(awa).expect("person").profile.city.as_deref(),
        Some("Vénissieux")
    );
    assert!(lea.conflicts(true).expect("conflicts").is_empty());
    let names: Vec<String> = lea
        .sync_status()
        .expect("status")
        .devices
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert!(
        names.contains(&"Portable de Karim (bureau)".to_string()),
        "{names:?}"
    );
}

fn add(store: &Store, first: &str, last: &str) -> Uuid {
    store
        .create_person(PersonDraft {
            first_name: first.into(),
            last_name: last.into(),
            ..PersonDraft::default()
        })
        .expect("person")
        .id
}

fn names(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .all_persons()
        .expect("all")
        .into_iter()
        .map(|p| format!("{} {}", p.first_name, p.last_name))
        .collect();
    out.sort();
    out
}

const NEW_PASSPHRASE: &str = "une phrase neuve pour toute l'équipe";

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_team_folder_created_and_joined_in_the_app_survives_a_change_of_passphrase() {
    crypto::allow_fast_kdf_for_tests();
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea_dir, karim_dir, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    std::fs::create_dir_all(&shared).expect("the shared folder");
    {
        let lea = Store::open_in(&lea_dir).expect("store");
        lea.set_sync_device_name("Portable de Léa").expect("named");
        add(&lea, "Awa", "Diallo");
        let karim = Store::open_in(&karim_dir).expect("store");
        karim
            .set_sync_device_name("Portable de Karim")
            .expect("named");
        add(&karim, "Théo", "Lefèvre");
    }
    let folder = shared.to_str().expect("utf-8");

    // Léa creates the team folder in the app, the passphrase typed twice.
    let app = App::launch_home(&lea_dir).await;
    app.click("a[data-nav='sync']").await;
    app.click("[data-testid='sync-mode-create']").await;
    app.wait_for("[data-testid='sync-passphrase-again']").await;
    app.type_into("[data-testid='sync-folder']", folder).await;
    app.type_into("[data-testid='sync-passphrase']", PASSPHRASE)
        .await;
    app.type_into("[data-testid='sync-passphrase-again']", PASSPHRASE)
        .await;
    app.screenshot("sync-setup-create").await;
    app.click("[data-testid='sync-activate']").await;
    app.click("[data-testid='sync-now']").await;
    app.wait_for("[data-testid='sync-report']").await;
    app.quit().await;
    assert!(shared.join("flocon-sync.json").is_file());

    // Karim joins it (the default choice) from his laptop.
    let app = App::launch_home(&karim_dir).await;
    app.click("a[data-nav='sync']").await;
    app.wait_for("[data-testid='sync-mode-join']").await;
    app.screenshot("sync-setup-join").await;
    app.type_into("[data-testid='sync-folder']", folder).await;
    app.type_into("[data-testid='sync-passphrase']", PASSPHRASE)
        .await;
    app.click("[data-testid='sync-activate']").await;
    app.click("[data-testid='sync-now']").await;
    app.wait_for("[data-testid='sync-report']").await;
    app.quit().await;

    // Léa changes the team passphrase in the app (after giving the old one for this run).
    let app = App::launch_home(&lea_dir).await;
    app.click("a[data-nav='sync']").await;
    app.click("[data-testid='sync-now']").await;
    app.type_into("[data-testid='sync-unlock-passphrase']", PASSPHRASE)
        .await;
    app.click("[data-testid='sync-unlock-submit']").await;
    app.wait_for("[data-testid='sync-report']").await;
    app.click("[data-testid='sync-rekey']").await;
    app.type_into("[data-testid='sync-rekey-new']", NEW_PASSPHRASE)
        .await;
    app.type_into("[data-testid='sync-rekey-again']", NEW_PASSPHRASE)
        .await;
    app.screenshot("sync-rekey").await;
    app.click("[data-testid='sync-rekey-submit']").await;
    app.wait_for_text(".notice", "La phrase de passe de l'équipe a changé")
        .await;
    app.quit().await;
    assert!(
        flocon_core::sync::open_existing(&shared, PASSPHRASE).is_err(),
        "the old passphrase opens nothing"
    );

    // Karim edits before he learns of it; his next sync in the app asks for the new one.
    let late = {
        let karim = Store::open_in(&karim_dir).expect("store");
        add(&karim, "Inès", "Moreau")
    };
    let app = App::launch_home(&karim_dir).await;
    app.click("a[data-nav='sync']").await;
    app.click("[data-testid='sync-now']").await;
    let form = app
        .wait_for_text(
            "[data-testid='sync-key-changed']",
            "La phrase de passe de l'équipe a changé",
        )
        .await;
    assert!(form.contains("Nouvelle phrase de passe"), "{form}");
    app.screenshot("sync-key-changed").await;
    app.type_into("[data-testid='sync-unlock-passphrase']", PASSPHRASE)
        .await;
    app.click("[data-testid='sync-unlock-submit']").await;
    app.wait_for_text("[data-testid='sync-error']", "ancienne phrase de passe")
        .await;
    app.type_into("[data-testid='sync-unlock-passphrase']", NEW_PASSPHRASE)
        .await;
    app.click("[data-testid='sync-unlock-submit']").await;
    app.wait_for("[data-testid='sync-report']").await;
    app.quit().await;

    let lea = Store::open_in(&lea_dir).expect("store");
    let key = lea.sync_unlock(&shared, NEW_PASSPHRASE).expect("new key");
    lea.sync_with_folder(&shared, &key).expect("sync");
    assert!(lea.get_person(late).is_ok(), "Karim's late edit arrived");
    let karim = Store::open_in(&karim_dir).expect("store");
    assert_eq!(names(&lea), names(&karim));
    assert_eq!(names(&lea).len(), 3);
}
