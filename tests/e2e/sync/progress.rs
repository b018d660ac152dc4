//! End to end: a first sync of many files shows a progress bar and a line saying the step
//! and its counts, and the bar goes when the sync ends.

use flocon_core::Store;

use super::{PASSPHRASE, add, files_under, names, sync};
use crate::driver::App;

/// Records, in the page, every line and bar the sync progress shows: a sync of a few dozen
/// files can end before a WebDriver poll would see it.
const WATCH_PROGRESS: &str = "
    window.seenProgress = [];
    const note = () => {
      const line = document.querySelector(\"[data-testid='sync-progress-line']\");
      const bar = document.querySelector(\"[data-testid='sync-progress'] progress\");
      if (!line || !bar) return;
      const seen = `${line.textContent} | ${bar.getAttribute('value')}/${bar.getAttribute('max')}`;
      if (window.seenProgress.at(-1) !== seen) window.seenProgress.push(seen);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
    });";

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_first_sync_of_many_files_shows_how_far_it_has_gone() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea_dir, karim_dir, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    // Léa has synced 45 times, some people each time: 45 files, under the 50 that make her
    // laptop merge them into one.
    let lea = Store::open_in(&lea_dir).expect("store");
    for round in 0..45 {
        for n in 0..20 {
            add(&lea, "Élodie", &format!("Lefèvre {round}-{n}"));
        }
        sync(&lea, &shared);
    }
    let files = files_under(&shared.join("devices"));
    assert_eq!(files, 45);
    Store::open_in(&karim_dir).expect("store");

    // Karim joins the folder in the app and syncs for the first time.
    let app = App::launch_home(&karim_dir).await;
    app.click("a[data-nav='sync']").await;
    app.type_into(
        "[data-testid='sync-folder']",
        shared.to_str().expect("utf-8"),
    )
    .await;
    app.type_into("[data-testid='sync-passphrase']", PASSPHRASE)
        .await;
    app.click("[data-testid='sync-activate']").await;
    app.wait_for("[data-testid='sync-now']").await;
    app.script(WATCH_PROGRESS, vec![]).await;
    app.click("[data-testid='sync-now']").await;
    // A picture of the bar, if the sync lasts long enough for one.
    let started = std::time::Instant::now();
    while app.count("[data-testid='sync-report']").await == 0
        && started.elapsed() < crate::driver::PATIENCE
    {
        if app
            .count("[data-testid='sync-progress'][data-step='applying']")
            .await
            > 0
        {
            app.screenshot("sync-progress").await;
            break;
        }
    }
    app.wait_for("[data-testid='sync-report']").await;
    let seen = app.script("return window.seenProgress", vec![]).await;
    let seen: Vec<String> = serde_json::from_value(seen).expect("a list of lines");
    eprintln!("sync progress seen: {seen:#?}");
    assert_eq!(
        app.count("[data-testid='sync-progress']").await,
        0,
        "the bar went"
    );
    app.quit().await;

    // Every file of the folder but its manifest is read.
    let reading = format!(" sur {} | ", files_under(&shared) - 1);
    assert!(
        seen.iter()
            .any(|s| s.starts_with("Lecture du dossier partagé : ") && s.contains(&reading)),
        "{seen:#?}"
    );
    assert!(
        seen.iter()
            .any(|s| s.starts_with("Application des modifications : ")),
        "{seen:#?}"
    );
    assert!(
        seen.iter()
            .any(|s| s == "Mise à jour des fiches… | null/null"),
        "{seen:#?}"
    );
    let karim = Store::open_in(&karim_dir).expect("store");
    assert_eq!(names(&karim), names(&lea));
}
