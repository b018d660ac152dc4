//! End-to-end journeys of coaching work: "Ma semaine", preparing a session from a template
//! with the previous session's open action carried over, typing notes and closing the window
//! mid-typing, and notes that try to run script.

use chrono::{Duration, Utc};
use flocon_core::{
    ActionDraft, EngagementDraft, EngagementKind, EngagementStatus, OrganizationDraft,
    OrganizationKind, PersonDraft, SessionDraft, SessionFormat, Store,
};
use serde_json::json;

use crate::driver::App;

const NOTES: &str = "#session-notes";

/// A collective, an engagement, and last month's session with one action still open.
fn seed(store: &Store) -> (String, String) {
    let lea = store
        .create_person(PersonDraft {
            first_name: "Léa".into(),
            last_name: "Martin".into(),
            ..PersonDraft::default()
        })
        .expect("person")
        .id;
    let org = store
        .create_organization(OrganizationDraft::new(
            "Collectif des Mères Solidaires",
            OrganizationKind::Collective,
        ))
        .expect("collective")
        .id;
    let engagement = store
        .create_engagement(EngagementDraft {
            title: "Accompagnement des Mères Solidaires".into(),
            organizations: vec![org],
            kinds: vec![EngagementKind::TeamCoaching],
            goals: "- [ ] Obtenir une rencontre avec le principal".into(),
            starts_on: None,
            ends_on: None,
            cadence: "Mensuelle".into(),
            funder_id: None,
            status: EngagementStatus::Active,
            leads: vec![lea],
        })
        .expect("engagement");
    let previous = store
        .create_session(
            SessionDraft {
                title: "Séance d'octobre".into(),
                engagement_id: Some(engagement.id),
                organizations: vec![org],
                starts_at: Utc::now() - Duration::days(30),
                duration_minutes: 90,
                place: "Centre social".into(),
                format: SessionFormat::Collective,
                participants: vec![],
                facilitators: vec![lea],
                preparation: String::new(),
                notes: "Premier café des parents : 14 présentes.".into(),
                decisions: vec![],
                next_session_on: None,
            },
            None,
        )
        .expect("previous session");
    store
        .add_action(ActionDraft {
            text: "Relancer le principal du collège".into(),
            owner_id: Some(lea),
            due_on: Some((Utc::now() - Duration::days(3)).date_naive()),
            session_id: Some(previous.id),
            objective_id: None,
        })
        .expect("action");
    (engagement.title, previous.title)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_session_prepared_from_a_template_carries_the_open_action_and_keeps_notes_typed_before_closing()
 {
    let data = tempfile::tempdir().expect("temp dir");
    let (engagement, _) = seed(&Store::open_in(data.path()).expect("opens"));
    let app = App::launch_home(data.path()).await;

    // Ma semaine shows the overdue action under its owner.
    app.wait_for_text(
        "[data-testid='week-overdue']",
        "Relancer le principal du collège",
    )
    .await;

    // Prepare the next session from a template, within the engagement.
    app.click("a[data-nav='sessions']").await;
    app.click("[data-testid='new-session']").await;
    app.select_option("#session-template", "Séance de coaching d'équipe")
        .await;
    app.select_option("#session-engagement", &engagement).await;
    app.type_into("#session-title", "Coaching de l'équipe d'animation")
        .await;
    let start = (Utc::now() + Duration::days(1))
        .format("%Y-%m-%dT10:00")
        .to_string();
    app.script(
        "const i = document.querySelector('#session-start');
         i.value = arguments[0];
         i.dispatchEvent(new Event('input', { bubbles: true }));
         i.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(start)],
    )
    .await;
    app.screenshot("session-new").await;
    app.click("[data-testid='create-session']").await;

    // The previous session's open action is carried in, the template fills the preparation.
    app.wait_for_text(
        "[data-testid='carried-actions'] [data-testid='action-item']",
        "Relancer le principal du collège",
    )
    .await;
    let preparation = app.value_of("#session-preparation").await;
    assert!(preparation.contains("Ordre du jour"), "{preparation}");

    // Type notes, including text that tries to run script, and close the window at once.
    let typed = "Le principal accepte de nous recevoir.\n<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\nProchaine étape : préparer la rencontre";
    app.click(NOTES).await;
    // WebDriver presses Enter for U+E007; a plain "\n" would be dropped.
    app.send_keys_to(NOTES, &typed.replace('\n', "\u{E007}"))
        .await;
    app.close_like_a_user().await;

    // Reopened: nothing typed was lost.
    let app = App::launch_home(data.path()).await;
    app.click("a[data-nav='sessions']").await;
    app.click_text(
        "[data-testid='session-row']",
        "Coaching de l'équipe d'animation",
    )
    .await;
    app.wait_for(NOTES).await;
    let notes = app.value_of(NOTES).await;
    assert_eq!(notes, typed, "the notes typed before closing");

    // The preview renders the hostile lines harmlessly.
    app.click("[data-testid='session-notes-preview-toggle']")
        .await;
    app.wait_for_text(
        "[data-testid='session-notes-preview']",
        "Le principal accepte",
    )
    .await;
    let dangerous = app
        .script(
            "const p = document.querySelector(\"[data-testid='session-notes-preview']\");
             return p.querySelectorAll('img, script, iframe, [onerror], a[href^=\"javascript\" i]').length;",
            vec![],
        )
        .await;
    assert_eq!(dangerous, json!(0));
    let html = app
        .script(
            "return document.querySelector(\"[data-testid='session-notes-preview']\").innerHTML.toLowerCase()",
            vec![],
        )
        .await;
    let html = html.as_str().unwrap_or_default();
    assert!(
        !html.contains("onerror") && !html.contains("javascript:"),
        "{html}"
    );
    app.screenshot("session-preview").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn ma_semaine_and_the_session_editor_with_demo_data() {
    let data = tempfile::tempdir().expect("temp dir");
    flocon_core::demo::seed(&Store::open_in(data.path()).expect("opens")).expect("demo data");
    let app = App::launch_home(data.path()).await;
    app.wait_for_text(
        "[data-testid='week-today']",
        "Coaching de l'équipe d'animation",
    )
    .await;
    app.wait_for_text(
        "[data-testid='week-overdue']",
        "Envoyer la lettre au principal du collège",
    )
    .await;
    app.wait_for_text("[data-testid='week-quiet']", "Égalité Maintenant")
        .await;
    app.screenshot("ma-semaine").await;

    app.click_text(
        "[data-testid='week-today'] a, [data-testid='week-today'] button",
        "Coaching de l'équipe d'animation",
    )
    .await;
    app.wait_for_text(
        "[data-testid='carried-actions'] [data-testid='action-item']",
        "Préparer la formation one-to-one",
    )
    .await;
    app.screenshot("session-editor").await;

    // "Exporter en Markdown" writes a file (to FLOCON_EXPORT_DIR here, the Downloads folder
    // for a person) and says where.
    app.click("[data-testid='export-markdown']").await;
    app.wait_for_text("[data-testid='export-result']", ".md")
        .await;
    let exports: Vec<_> = std::fs::read_dir(data.path().join("exports"))
        .expect("the export folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let markdown = std::fs::read_to_string(&exports[0]).expect("the exported file");
    assert!(
        markdown.starts_with("# Coaching de l'équipe d'animation"),
        "{markdown}"
    );
    assert!(markdown.contains("## Actions reportées"), "{markdown}");
    app.click("[data-testid='export-html']").await;
    app.wait_for_text("[data-testid='export-result']", ".html")
        .await;
    let page = std::fs::read_dir(data.path().join("exports"))
        .expect("the export folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "html"))
        .expect("the printable page");
    let html = std::fs::read_to_string(page).expect("the page");
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(
        html.contains("<h1>Coaching de l&#39;équipe d&#39;animation</h1>"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");

    // The engagement page: its sessions in order, its decisions, its progress.
    app.click("[data-testid='engagement-link']").await;
    app.wait_for_text(
        "[data-testid='engagement-decisions'] [data-testid='decision']",
        "Écrire au principal au nom du collectif",
    )
    .await;
    let progress = app.text_of("[data-testid='progress-goals']").await;
    assert!(
        progress.contains('2') && progress.contains('4'),
        "{progress}"
    );
    app.screenshot("engagement-page").await;

    app.click("a[data-nav='sessions']").await;
    app.wait_for_text(
        "[data-testid='session-row']",
        "Atelier cartographie des pouvoirs",
    )
    .await;
    app.screenshot("sessions-list").await;
    app.click("a[href='#/sessions/templates']").await;
    app.wait_for_text(
        "[data-testid='template-item']",
        "Bilan trimestriel d'accompagnement",
    )
    .await;
    app.click_text(
        "[data-testid='template-item']",
        "Séance de coaching d'équipe",
    )
    .await;
    app.wait_for("[data-testid='template-editor']").await;
    app.screenshot("templates").await;

    // This quarter's board continues last quarter's reviewed roadmap.
    app.click("a[data-nav='roadmap']").await;
    let card = app
        .wait_for_text(
            "[data-testid='objective-card']",
            "Mener 40 one-to-ones relationnels",
        )
        .await;
    assert!(card.contains("30"), "the adjusted target: {card}");
    app.screenshot("roadmap-board-demo").await;
    app.wait_for_text("[data-testid='seminar-panel']", "Séminaire du trimestre")
        .await;
    app.click("a[data-nav='roadmap']").await;
    app.click("[data-testid='previous-quarter']").await;
    app.wait_for_text("[data-testid='seminar-panel']", "Gîte de la Ferme du Bec")
        .await;
    app.click("[data-testid='open-timeline']").await;
    app.wait_for_text(
        "[data-testid='timeline-row']",
        "Mener 40 one-to-ones relationnels",
    )
    .await;
    app.screenshot("roadmap-timeline").await;
    app.quit().await;
}
