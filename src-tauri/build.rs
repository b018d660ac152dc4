/// The app's own commands, each given a generated `allow-…` permission. Declaring them makes
/// every command denied unless a capability in tauri.conf.json grants it.
const COMMANDS: &[&str] = &[
    "contacts_list",
    "contacts_get",
    "contacts_page",
    "contacts_create",
    "contacts_update",
    "contacts_delete",
    "orgs_list",
    "orgs_page",
    "orgs_create",
    "orgs_update",
    "orgs_delete",
    "memberships_add",
    "memberships_delete",
    "teams_add",
    "teams_set_member",
    "interactions_add",
    "search",
    "import_preview",
    "import_apply",
    "duplicates_list",
    "duplicates_merge",
    "duplicates_undo",
    "list_engagements",
    "engagement_page",
    "create_engagement",
    "update_engagement",
    "delete_engagement",
    "list_sessions",
    "get_session",
    "create_session",
    "update_session",
    "save_session_text",
    "set_session_decisions",
    "delete_session",
    "export_session",
    "save_session_file",
    "save_calendar_file",
    "list_actions",
    "get_action",
    "add_action",
    "update_action",
    "set_action_status",
    "delete_action",
    "list_templates",
    "create_template",
    "update_template",
    "delete_template",
    "my_week",
    "render_markdown",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
