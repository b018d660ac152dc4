//! End-to-end tests: the real desktop app, in its real WebView, driven through WebDriver.
//!
//! Ignored by a plain `cargo test` because they need the built UI, tauri-driver,
//! WebKitWebDriver and an X display; `scripts/test` runs them with
//! `xvfb-run cargo test --features custom-protocol --test e2e -- --ignored --test-threads=1`.

mod crm;
mod driver;
mod events;
mod privacy;
mod roadmap;
mod sessions;
mod sync;
mod x11;

use driver::App;
use flocon_core::{PersonQuery, Store};

const FILTER: &str = "[data-testid='contact-filter']";
const ROW: &str = "[data-testid='contact-row']";

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_contact_created_in_the_form_is_found_edited_and_still_there_after_a_restart() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch(data.path()).await;

    app.click("[data-testid='new-contact']").await;
    app.type_into("#first_name", "Élodie").await;
    app.type_into("#last_name", "Dupré").await;
    app.type_into("#email-0", "elodie@example.org").await;
    app.type_into("#organization", "Collectif des Mères Solidaires")
        .await;
    app.click("[data-testid='save-contact']").await;
    app.wait_for_text("[data-testid='contact-name']", "Élodie Dupré")
        .await;

    // Back in the list, a search typed without accents finds her.
    app.click("a[data-nav='contacts']").await;
    app.wait_for("[data-testid='contact-list'][data-loaded='true']")
        .await;
    app.type_into(FILTER, "dupre").await;
    app.wait_for("[data-testid='contact-list'][data-query='dupre']")
        .await;
    app.wait_for_text(ROW, "Élodie Dupré").await;
    app.click(ROW).await;

    app.click("[data-testid='edit-contact']").await;
    app.type_into("#organization", "Quartiers en Transition")
        .await;
    app.click("[data-testid='save-contact']").await;
    app.wait_for_text("[data-testid='contact-name']", "Élodie Dupré")
        .await;
    app.quit().await;

    let app = App::launch(data.path()).await;
    let row = app.wait_for_text(ROW, "Élodie Dupré").await;
    assert!(
        row.contains("Quartiers en Transition"),
        "the edit survived the restart: {row}"
    );
    app.quit().await;

    let store = Store::open_in(data.path()).expect("the app's database opens");
    let people = store.list_persons(&PersonQuery::default()).expect("lists");
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0].organization.as_deref(),
        Some("Quartiers en Transition")
    );
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn an_invalid_email_shows_a_french_message_and_saves_nothing() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch(data.path()).await;

    app.click("[data-testid='new-contact']").await;
    app.type_into("#first_name", "Théo").await;
    app.type_into("#email-0", "pas-une-adresse").await;
    app.click("[data-testid='save-contact']").await;
    let message = app
        .wait_for_text("[data-field-error='emails.0']", "adresse e-mail valide")
        .await;
    assert!(message.contains("pas-une-adresse"), "{message}");
    app.screenshot("invalid-email").await;
    app.quit().await;

    let store = Store::open_in(data.path()).expect("opens");
    assert_eq!(
        store.count_persons().expect("counts"),
        0,
        "nothing was saved"
    );
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn deleting_a_contact_asks_for_confirmation() {
    let data = tempfile::tempdir().expect("temp dir");
    flocon_core::demo::seed(&Store::open_in(data.path()).expect("opens")).expect("demo data");
    let app = App::launch(data.path()).await;

    app.type_into(FILTER, "aicha").await;
    app.wait_for("[data-testid='contact-list'][data-query='aicha']")
        .await;
    app.wait_for_text(ROW, "Aïcha Benali").await;
    assert_eq!(app.count(ROW).await, 1, "the filter leaves only her");
    app.click(ROW).await;
    app.click("[data-testid='delete-contact']").await;
    app.click("[data-testid='confirm-delete']").await;
    app.wait_for("[data-testid='contact-list'][data-loaded='true']")
        .await;
    app.quit().await;

    let store = Store::open_in(data.path()).expect("opens");
    let left = store.list_persons(&PersonQuery::default()).expect("lists");
    assert!(!left.iter().any(|p| p.last_name == "Benali"));
    assert!(
        left.iter().any(|p| p.last_name == "Dupré"),
        "only she was deleted"
    );
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn the_contacts_screen_opens_in_french_with_demo_data() {
    let data = tempfile::tempdir().expect("temp dir");
    let seeded =
        flocon_core::demo::seed(&Store::open_in(data.path()).expect("opens")).expect("demo");
    let app = App::launch(data.path()).await;

    let lang = app
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("script runs");
    assert_eq!(lang, "fr");
    assert!(
        app.text_of("a[data-nav='contacts']")
            .await
            .contains("Contacts")
    );
    assert!(
        app.text_of("a[data-nav='roadmap']")
            .await
            .contains("Feuille de route")
    );
    app.wait_for_text(ROW, "Élodie Dupré").await;
    assert!(
        app.count(ROW).await >= 10,
        "the visible part of the virtualised list is rendered"
    );
    assert!(app.text_of("[data-testid='contact-list']").await.len() > 100);
    let _ = seeded;
    let shot = app.screenshot("contacts-demo").await;
    eprintln!("screenshot: {}", shot.display());

    app.click(ROW).await;
    app.wait_for_text("[data-testid='contact-name']", "Grégoire Aubert")
        .await;
    let page = app.text_of("main").await;
    assert!(page.contains("Préfecture du Val"), "{page}");
    assert!(
        page.contains("novembre") || page.contains("décembre") || page.contains("20"),
        "{page}"
    );
    app.screenshot("contact-page").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn the_interface_switches_to_english_and_remembers_it() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch(data.path()).await;
    let switch = app.wait_for("[data-testid='language-switch']").await;
    switch.select_by_value("en").await.expect("select English");
    app.wait_for_text("a[data-nav='roadmap']", "Roadmap").await;
    assert!(
        app.text_of("[data-testid='new-contact']")
            .await
            .contains("New contact")
    );
    app.quit().await;

    let app = App::launch(data.path()).await;
    app.wait_for_text("a[data-nav='roadmap']", "Roadmap").await;
    let switch = app.wait_for("[data-testid='language-switch']").await;
    switch.select_by_value("fr").await.expect("back to French");
    app.wait_for_text("a[data-nav='roadmap']", "Feuille de route")
        .await;
    app.quit().await;
}
