//! End to end: a contact deleted by mistake comes back from the trash with their details, and
//! their data is exported for them (GDPR Art. 15 and 20) as a JSON file and a readable page.

use flocon_core::{Labeled, PersonDraft, PersonQuery, Store};

use crate::driver::App;

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_deleted_contact_comes_back_from_the_trash_and_their_data_is_exported() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let id = {
        let store = Store::open_in(dir).expect("store");
        store
            .create_person(PersonDraft {
                first_name: "Awa".into(),
                last_name: "Diallo".into(),
                emails: vec![Labeled {
                    label: "perso".into(),
                    value: "awa.diallo@example.org".into(),
                }],
                notes: "Rencontrée à la soirée de la communauté.".into(),
                ..PersonDraft::default()
            })
            .expect("person")
            .id
    };

    let app = App::launch(dir).await;
    app.click_text("[data-testid='contact-row']", "Awa Diallo")
        .await;
    app.wait_for_text("[data-testid='contact-name']", "Awa Diallo")
        .await;
    app.click("[data-testid='delete-contact']").await;
    app.click("[data-testid='confirm-delete']").await;
    app.wait_for("[data-testid='contact-list'][data-loaded='true']")
        .await;
    let store = Store::open_in(dir).expect("store");
    assert!(store.get_person(id).is_err(), "the contact was deleted");

    app.click("a[data-nav='trash']").await;
    app.wait_for_text("[data-testid='trash-row']", "Awa Diallo")
        .await;
    app.screenshot("trash").await;
    app.click("[data-testid='trash-row'] [data-restore]").await;
    app.wait_for_text("[data-testid='trash-status']", "Awa Diallo")
        .await;
    let back = store.get_person(id).expect("the contact is back");
    assert_eq!(back.emails[0].value, "awa.diallo@example.org");
    assert_eq!(back.notes, "Rencontrée à la soirée de la communauté.");
    let found = store
        .list_persons(&PersonQuery {
            text: Some("diallo".into()),
            ..PersonQuery::default()
        })
        .expect("list");
    assert_eq!(found.len(), 1, "found again by the contacts' search");

    // Her page: no legal basis recorded yet, said plainly; her data exported for her.
    app.click("a[data-nav='contacts']").await;
    app.click_text("[data-testid='contact-row']", "Awa Diallo")
        .await;
    app.wait_for("[data-testid='legal-basis-missing']").await;
    app.click("[data-testid='gdpr-export']").await;
    app.wait_for_text("[data-testid='gdpr-export-result']", ".html")
        .await;
    app.screenshot("contact-gdpr-export").await;
    let saved: Vec<_> = std::fs::read_dir(dir.join("exports"))
        .expect("the export folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    let json = saved
        .iter()
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("a JSON file");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).expect("read")).expect("JSON");
    assert!(data.to_string().contains("awa.diallo@example.org"));
    let page = saved
        .iter()
        .find(|p| p.extension().is_some_and(|x| x == "html"))
        .expect("a readable page");
    app.goto_file(page).await;
    app.wait_for_text("h1", "Awa Diallo").await;
    app.screenshot("gdpr-export-page").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_damaged_database_is_left_alone_and_the_latest_backup_brings_the_data_back() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let database = dir.join(flocon_core::store::DATABASE_FILE);
    {
        let store = Store::open_in(dir).expect("store");
        store
            .create_person(PersonDraft {
                first_name: "Inès".into(),
                last_name: "Haddad".into(),
                ..PersonDraft::default()
            })
            .expect("person");
    }
    flocon_core::backup::manual_backup(dir, chrono::Utc::now()).expect("a backup");
    // The file's first page scrambled, as a failing disk or a bad copy would leave it.
    let mut bytes = std::fs::read(&database).expect("read the database");
    for (i, b) in bytes.iter_mut().take(4096).enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(&database, &bytes).expect("scramble");
    let _ = std::fs::remove_file(dir.join("flocon.sqlite3-wal"));
    let _ = std::fs::remove_file(dir.join("flocon.sqlite3-shm"));

    let app = App::start(dir).await;
    app.wait_for_text("[data-testid='damaged-screen']", "endommagé")
        .await;
    app.wait_for("[data-testid='damaged-screen'] button.latest")
        .await;
    app.screenshot("damaged-database").await;
    assert_eq!(
        std::fs::read(&database).expect("read"),
        bytes,
        "the damaged file was not touched"
    );

    // Restoring restarts the app, which swaps the backup in before opening anything.
    app.click("[data-testid='damaged-screen'] button.latest")
        .await;
    app.click("[data-testid='confirm-restore-backup']").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let restored = loop {
        if let Ok(found) = Store::open_in(dir).and_then(|s| s.count_persons()) {
            break found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the backup was not restored"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(restored, 1, "Inès is back");
    // The restarted app is not under WebDriver: end it, then open the app again.
    app.quit().await;
    let _ = std::process::Command::new("pkill")
        .args(["-f", &dir.to_string_lossy()])
        .status();
    let kept =
        flocon_core::backup::list_backups(&flocon_core::backup::backups_dir(dir)).expect("backups");
    assert!(
        kept.iter().any(|b| b.name.contains("avant-restauration")),
        "the damaged file is kept aside: {kept:?}"
    );
    let app = App::launch(dir).await;
    app.wait_for_text("[data-testid='contact-row']", "Inès Haddad")
        .await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn an_erased_person_is_gone_and_the_notes_naming_her_are_listed_for_rereading() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let (awa, lea) = {
        let store = Store::open_in(dir).expect("store");
        let awa = store
            .create_person(PersonDraft {
                first_name: "Awa".into(),
                last_name: "Diallo".into(),
                emails: vec![Labeled {
                    label: "perso".into(),
                    value: "awa.diallo@example.org".into(),
                }],
                ..PersonDraft::default()
            })
            .expect("Awa")
            .id;
        let lea = store
            .create_person(PersonDraft {
                first_name: "Léa".into(),
                last_name: "Rousseau".into(),
                notes: "Rappeler Awa Diallo avant la soirée des parents.".into(),
                ..PersonDraft::default()
            })
            .expect("Léa")
            .id;
        (awa, lea)
    };

    let app = App::launch(dir).await;
    app.click_text("[data-testid='contact-row']", "Awa Diallo")
        .await;
    app.click("[data-testid='gdpr-erase']").await;
    // The button stays disabled until her full name is typed (accents and case aside).
    app.type_into("[data-testid='gdpr-erase-name']", "awa diallo")
        .await;
    app.screenshot("gdpr-erase-dialog").await;
    app.click("[data-testid='confirm-gdpr-erase']").await;
    app.wait_for_text("p.notice", "Awa Diallo").await;
    let store = Store::open_in(dir).expect("store");
    assert!(store.get_person(awa).is_err(), "she is gone");
    assert!(
        store.trash_list().expect("trash").is_empty(),
        "not in the trash"
    );

    app.click("a[data-nav='privacy']").await;
    app.wait_for_text("[data-testid='erasure-review-rows']", "Léa Rousseau")
        .await;
    app.screenshot("erasure-review").await;
    app.click_text("[data-testid='erasure-review-rows'] a", "Léa Rousseau")
        .await;
    app.wait_for_text("[data-testid='contact-name']", "Léa Rousseau")
        .await;
    assert!(store.get_person(lea).is_ok());
    app.quit().await;
}
