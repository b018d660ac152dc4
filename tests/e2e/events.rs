//! End to end: attendance taken at the door of an event (a known person found by typing, a
//! newcomer added on the spot) is counted in the activity report, whose printable page is
//! saved and looked at.

use chrono::{Duration, Utc};
use flocon_core::event::EventDraft;
use flocon_core::{PersonDraft, Store};

use crate::driver::App;

const ENTER: &str = "\u{E007}";

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn attendance_taken_at_an_event_is_counted_in_the_activity_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let event = {
        let store = Store::open_in(dir).expect("store");
        for (first, last) in [("Awa", "Diallo"), ("Théo", "Lefèvre"), ("Inès", "Haddad")] {
            store
                .create_person(PersonDraft {
                    first_name: first.into(),
                    last_name: last.into(),
                    ..PersonDraft::default()
                })
                .expect("person");
        }
        let series = store
            .find_series("#GagnerEnsemble")
            .expect("series")
            .map(|s| s.id);
        store
            .create_event(EventDraft {
                title: "#GagnerEnsemble : négocier avec la mairie".into(),
                series_id: series,
                starts_at: Utc::now() - Duration::hours(1),
                ends_at: Some(Utc::now() + Duration::hours(1)),
                place: "Maison des associations, Montreuil".into(),
                speakers: vec![],
                guests: vec![],
                organizations: vec![],
                description: "Comment préparer la rencontre avec l'adjointe au logement.".into(),
                notes: String::new(),
                unnamed_count: 0,
            })
            .expect("event")
    };

    let app = App::launch_home(dir).await;
    app.click("a[data-nav='events']").await;
    app.click_text(".toggle button", "Calendrier").await;
    app.wait_for("[data-testid='events-calendar']").await;
    app.screenshot("events-calendar").await;
    app.click_text(".toggle button", "Liste").await;
    app.click_text("[data-testid='event-row'] a", "négocier avec la mairie")
        .await;
    app.wait_for_text("[data-testid='event-page-title']", "négocier")
        .await;
    // The event is today: the door list is open and ready for typing.
    if app.count("[data-testid='attendance-search']").await == 0 {
        app.click("button[aria-controls='event-taker']").await;
    }
    app.type_into("[data-testid='attendance-search']", "awa dia")
        .await;
    app.wait_for_text("#event-taker", "Awa Diallo").await;
    app.send_keys_to("[data-testid='attendance-search']", ENTER)
        .await;
    app.wait_for_text("[data-testid='attendance-row']", "Awa Diallo")
        .await;
    // Someone nobody knows yet: added as a new contact, marked present, with one key.
    app.type_into("[data-testid='attendance-search']", "Nadia Benaïssa")
        .await;
    app.wait_for_text("#event-taker", "Ajouter").await;
    app.send_keys_to("[data-testid='attendance-search']", ENTER)
        .await;
    app.wait_for_text("[data-testid='attendance-row']", "Nadia Benaïssa")
        .await;
    app.screenshot("event-attendance").await;
    let store = Store::open_in(dir).expect("store");
    let saved = store.get_event(event.id).expect("event");
    let mut present: Vec<String> = saved
        .attendance
        .iter()
        .map(|a| format!("{} {}", a.person.name, a.status.code()))
        .collect();
    present.sort();
    assert_eq!(
        present,
        vec!["Awa Diallo present", "Nadia Benaïssa present"]
    );

    app.click("a[data-nav='report']").await;
    app.click("[data-testid='report-generate']").await;
    app.wait_for("[data-testid='report']").await;
    app.wait_for_text("[data-testid='report-total-events']", "1")
        .await;
    app.wait_for_text("[data-testid='report-total-attendees_present']", "2")
        .await;
    app.wait_for_text("[data-testid='report-series']", "#GagnerEnsemble")
        .await;
    app.screenshot("report").await;

    // The printable page, saved and opened as a reader would.
    app.click("[data-testid='report-export-html']").await;
    let path = app
        .wait_for_text("[data-testid='report-saved']", "rapport-activite")
        .await;
    let file = std::fs::read_dir(dir.join("exports"))
        .expect("the export folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "html"))
        .unwrap_or_else(|| panic!("no HTML page saved ({path})"));
    let html = std::fs::read_to_string(&file).expect("page");
    assert!(html.contains("Rencontres par série"));
    assert!(html.contains("#GagnerEnsemble : 1 rencontre, 2 participations"));
    app.goto_file(&file).await;
    app.wait_for_text("h1", "Rapport d'activité").await;
    app.screenshot("report-printable").await;
    app.quit().await;
}
