//! End-to-end journey of the quarterly roadmap: objectives created under axes on the board,
//! a seminar review with a decision for each (from the keyboard), the continued objective in
//! the next quarter, and the diff between the two quarters.

use flocon_core::{PersonDraft, Quarter, Store};

use crate::driver::App;

const CARD: &str = "[data-testid='objective-card']";

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn objectives_are_reviewed_at_the_seminar_carried_into_the_next_quarter_and_compared() {
    let data = tempfile::tempdir().expect("temp dir");
    let axes = {
        let store = Store::open_in(data.path()).expect("opens");
        store
            .create_person(PersonDraft {
                first_name: "Léa".into(),
                last_name: "Martin".into(),
                ..PersonDraft::default()
            })
            .expect("person");
        store.list_axes().expect("axes")
    };
    let quarter = Quarter::of(chrono::Local::now().date_naive());
    let app = App::launch_home(data.path()).await;

    app.click("a[data-nav='roadmap']").await;
    app.wait_for_text("[data-testid='quarter-title']", &quarter.to_string())
        .await;

    // Two objectives, under two axes.
    for (axis, title, target) in [
        (&axes[2], "Former dix leaders", Some("10")),
        (&axes[0], "Écrire la charte de l'écoute", None),
    ] {
        app.click(&format!(
            "[data-testid='axis-column'][data-axis='{}'] [data-testid='new-objective']",
            axis.id
        ))
        .await;
        app.type_into("#objective-title", title).await;
        if let Some(target) = target {
            app.type_into("#objective-target", target).await;
        }
        app.click("[data-testid='save-objective']").await;
        let card = app
            .wait_for_text(
                &format!(
                    "[data-testid='axis-column'][data-axis='{}'] {CARD}",
                    axis.id
                ),
                title,
            )
            .await;
        assert!(card.contains("Pas commencé"), "{card}");
    }
    app.screenshot("roadmap-board").await;

    // The seminar review: one objective at a time, decided from the keyboard.
    app.click("[data-testid='start-review']").await;
    app.click("[data-testid='create-seminar']").await;
    app.wait_for_text(
        "[data-testid='review-objective']",
        "Écrire la charte de l'écoute",
    )
    .await;
    app.screenshot("review-mode").await;
    app.click("[data-testid='review-objective']").await;
    app.press("4").await; // Clore car atteint
    app.press("\u{E007}").await; // Enter records it and moves on
    app.wait_for_text("[data-testid='review-objective']", "Former dix leaders")
        .await;
    app.press("2").await; // Ajuster: the new target takes the focus
    app.type_into("#review-target", "12").await;
    app.type_into("#review-comment", "On vise douze pour le printemps.")
        .await;
    app.press("\u{E009}\u{E007}\u{E000}").await; // Ctrl+Enter in the comment records
    let summary = app
        .wait_for_text("[data-testid='review-summary']", "Former dix leaders")
        .await;
    assert!(summary.contains("Écrire la charte"), "{summary}");
    app.screenshot("review-summary").await;

    // The adjusted objective continues in the next quarter, with its history and new target.
    app.click("[data-testid='open-next-quarter']").await;
    app.wait_for_text("[data-testid='quarter-title']", &quarter.next().to_string())
        .await;
    let card = app.wait_for_text(CARD, "Former dix leaders").await;
    assert!(card.contains(&quarter.to_string()), "carried from: {card}");
    assert!(card.contains("12"), "the new target: {card}");
    assert_eq!(
        app.count(CARD).await,
        1,
        "the closed objective stays behind"
    );

    // The diff between the two quarters.
    app.click("[data-testid='open-diff']").await;
    app.wait_for_text("[data-testid='diff-carried']", "Former dix leaders")
        .await;
    let carried = app.text_of("[data-testid='diff-carried']").await;
    assert!(
        carried.contains("10") && carried.contains("12"),
        "{carried}"
    );
    app.wait_for_text(
        "[data-testid='diff-closed']",
        "Écrire la charte de l'écoute",
    )
    .await;
    app.screenshot("roadmap-diff").await;
    app.quit().await;
}
