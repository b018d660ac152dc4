//! Flocon's desktop shell: the window, logging and wiring, nothing else. Each feature's
//! commands live in a module of `commands`; they deserialize, call the core off the async
//! runtime, and turn errors into `{ kind, message, field, problem }` for the UI.

mod commands;
mod first_week;
mod painting;
mod state;

pub use painting::choose_painting;

use std::path::PathBuf;

use state::AppState;

/// Starts the desktop app. The data directory is `--data-dir DIR` if given, else
/// `FLOCON_DATA_DIR`, else the user's data folder.
pub fn run() {
    init_logging();
    let explicit_dir = data_dir_argument(std::env::args().skip(1));
    let app_state = AppState::open(explicit_dir);
    let result = tauri::Builder::default()
        .manage(app_state)
        .manage(commands::sync::SyncSession::default())
        .setup(|app| {
            commands::sync::start_automatic_sync(app.handle().clone());
            commands::backup::start_integrity_check(app.handle().clone());
            commands::trash::purge_expired_at_start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::contacts::contacts_list,
            commands::contacts::contacts_get,
            commands::contacts::contacts_page,
            commands::contacts::contacts_create,
            commands::contacts::contacts_update,
            commands::contacts::contacts_delete,
            commands::organizations::orgs_list,
            commands::organizations::orgs_page,
            commands::organizations::orgs_create,
            commands::organizations::orgs_update,
            commands::organizations::orgs_delete,
            commands::organizations::memberships_add,
            commands::organizations::memberships_delete,
            commands::organizations::teams_add,
            commands::organizations::teams_set_member,
            commands::interactions::interactions_add,
            commands::search::search,
            commands::import::import_preview,
            commands::import::import_apply,
            commands::contacts::duplicates_list,
            commands::contacts::duplicates_merge,
            commands::contacts::duplicates_undo,
            commands::coaching::list_engagements,
            commands::coaching::engagement_page,
            commands::coaching::create_engagement,
            commands::coaching::update_engagement,
            commands::coaching::delete_engagement,
            commands::coaching::list_sessions,
            commands::coaching::get_session,
            commands::coaching::create_session,
            commands::coaching::update_session,
            commands::coaching::save_session_text,
            commands::coaching::set_session_decisions,
            commands::coaching::delete_session,
            commands::coaching::export_session,
            commands::coaching::save_session_file,
            commands::coaching::save_calendar_file,
            commands::coaching::list_actions,
            commands::coaching::get_action,
            commands::coaching::add_action,
            commands::coaching::update_action,
            commands::coaching::set_action_status,
            commands::coaching::delete_action,
            commands::coaching::list_templates,
            commands::coaching::create_template,
            commands::coaching::update_template,
            commands::coaching::delete_template,
            commands::coaching::my_week,
            commands::coaching::render_markdown,
            commands::roadmap::list_axes,
            commands::roadmap::add_axis,
            commands::roadmap::rename_axis,
            commands::roadmap::roadmap,
            commands::roadmap::list_quarters,
            commands::roadmap::get_objective,
            commands::roadmap::create_objective,
            commands::roadmap::update_objective,
            commands::roadmap::patch_objective,
            commands::roadmap::delete_objective,
            commands::roadmap::review_objective,
            commands::roadmap::undo_review,
            commands::roadmap::roadmap_diff,
            commands::roadmap::roadmap_timeline,
            commands::roadmap::create_seminar,
            commands::roadmap::update_seminar,
            commands::roadmap::save_roadmap_file,
            commands::roadmap::save_diff_file,
            commands::sync::sync_status,
            commands::sync::sync_create,
            commands::sync::sync_join,
            commands::sync::sync_rekey,
            commands::sync::sync_unlock,
            commands::sync::sync_rename_device,
            commands::sync::sync_disconnect,
            commands::sync::sync_now,
            commands::sync::conflicts_list,
            commands::sync::conflict_resolve,
            commands::events::series_list,
            commands::events::series_add,
            commands::events::series_rename,
            commands::events::events_list,
            commands::events::events_get,
            commands::events::events_create,
            commands::events::events_update,
            commands::events::events_delete,
            commands::events::attendance_set,
            commands::events::events_of_person,
            commands::events::events_of_organization,
            commands::events::cohorts_list,
            commands::events::cohorts_get,
            commands::events::cohorts_create,
            commands::events::cohorts_set_stage,
            commands::events::cohorts_remove_member,
            commands::events::report_build,
            commands::events::report_save,
            commands::backup::backups_list,
            commands::backup::backup_now,
            commands::backup::backup_restore,
            commands::backup::integrity_status,
            commands::gdpr::gdpr_export,
            commands::gdpr::gdpr_retention,
            commands::gdpr::gdpr_erase,
            commands::gdpr::gdpr_erasure_review,
            commands::trash::trash_list,
            commands::trash::trash_restore,
            commands::trash::trash_empty,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "the desktop app stopped with an error");
        eprintln!("Flocon could not start: {error}");
        std::process::exit(1);
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FLOCON_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second initialisation (tests) is harmless: keep the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Reads `--data-dir DIR` or `--data-dir=DIR` from the command line; other arguments (which
/// WebDriver or the desktop environment may add) are ignored.
fn data_dir_argument(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn data_dir_argument_reads_both_forms_and_ignores_the_rest() {
        assert_eq!(
            data_dir_argument(args(&["--data-dir", "/d"])),
            Some(PathBuf::from("/d"))
        );
        assert_eq!(
            data_dir_argument(args(&["-x", "--data-dir=/e"])),
            Some(PathBuf::from("/e"))
        );
        assert_eq!(data_dir_argument(args(&["--other"])), None);
        assert_eq!(data_dir_argument(args(&["--data-dir"])), None);
    }
}
