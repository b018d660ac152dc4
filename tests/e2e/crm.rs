//! End-to-end journeys of the address book: global search, memberships, import, duplicates.

use flocon_core::{Labeled, PersonDraft, PersonQuery, Store};

use crate::driver::App;

const PALETTE_INPUT: &str = "[data-testid='search-input']";

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn ctrl_k_finds_a_person_without_accents_and_a_membership_shows_on_the_collective() {
    let data = tempfile::tempdir().expect("temp dir");
    flocon_core::demo::seed(&Store::open_in(data.path()).expect("opens")).expect("demo data");
    let app = App::launch(data.path()).await;

    // Ctrl+K from anywhere opens the palette; typing a fragment without accents finds her.
    app.press_ctrl("k").await;
    app.type_into(PALETTE_INPUT, "benal").await;
    app.wait_for_text(
        "[data-testid='search-hit'][data-kind='person']",
        "Aïcha Benali",
    )
    .await;
    app.screenshot("search-palette").await;
    app.send_keys_to(PALETTE_INPUT, "\u{E007}").await; // Enter opens the first hit
    app.wait_for_text("[data-testid='contact-name']", "Aïcha Benali")
        .await;

    app.click("[data-testid='add-membership']").await;
    app.type_into("#membership-org", "quartiers").await;
    app.click_text(
        "[data-testid='membership-org-options'] [role='option']",
        "Quartiers en Transition",
    )
    .await;
    app.type_into("#membership-role", "Porte-parole").await;
    app.click("#membership-leadership").await;
    app.click("[data-testid='save-membership']").await;
    app.wait_for_text("[data-testid='membership-row']", "Quartiers en Transition")
        .await;
    app.screenshot("contact-page-memberships").await;

    app.click("a[data-nav='collectives']").await;
    app.wait_for("[data-testid='org-list'][data-loaded='true']")
        .await;
    app.click_text("[data-testid='org-row']", "Quartiers en Transition")
        .await;
    let member = app
        .wait_for_text("[data-testid='member-row']", "Aïcha Benali")
        .await;
    assert!(member.contains("Porte-parole"), "{member}");
    app.screenshot("collective-page").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_vcard_is_imported_through_the_preview() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch(data.path()).await;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/flocon-core/tests/fixtures/macos_contacts.vcf");

    app.click("[data-testid='open-import']").await;
    let input = app.wait_for("[data-testid='import-file']").await;
    input
        .send_keys(&fixture.to_string_lossy())
        .await
        .expect("the file is chosen");
    app.wait_for("[data-testid='import-preview']").await;
    let created = app.count("[data-testid='import-created']").await;
    assert!(created > 0, "the preview lists the contacts to create");
    app.screenshot("import-preview").await;
    let store = Store::open_in(data.path()).expect("opens");
    assert_eq!(
        store.count_persons().expect("counts"),
        0,
        "a preview changes nothing"
    );

    app.click("[data-testid='import-apply']").await;
    app.wait_for("[data-testid='import-done']").await;
    app.quit().await;
    assert_eq!(store.count_persons().expect("counts"), created as u64);
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn two_duplicates_are_merged_from_the_duplicates_view() {
    let data = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(data.path()).expect("opens");
    for (first, last, email) in [
        ("Élodie", "Dupré", "elodie@example.org"),
        ("Elodie", "Dupre", "ELODIE@example.org"),
    ] {
        store
            .create_person(PersonDraft {
                first_name: first.into(),
                last_name: last.into(),
                emails: vec![Labeled::new("", email)],
                ..PersonDraft::default()
            })
            .expect("created");
    }
    let app = App::launch(data.path()).await;
    app.click("[data-testid='open-duplicates']").await;
    app.wait_for_text("[data-testid='duplicate-pair']", "Dupre")
        .await;
    app.screenshot("duplicates").await;
    app.click("[data-testid='keep-first']").await;
    app.click("[data-testid='confirm-merge']").await;
    app.wait_for("[data-testid='undo-merge']").await;
    app.quit().await;

    let left = store.list_persons(&PersonQuery::default()).expect("lists");
    assert_eq!(left.len(), 1, "two became one");
    let kept = store.get_person(left[0].id).expect("found");
    assert_eq!(
        kept.emails.len(),
        1,
        "the same address, differently cased, is kept once"
    );
}
