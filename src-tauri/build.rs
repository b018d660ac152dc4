/// The app's own commands, each given a generated `allow-…` permission. Declaring them makes
/// every command denied unless a capability in tauri.conf.json grants it.
const COMMANDS: &[&str] = &[
    "contacts_list",
    "contacts_get",
    "contacts_create",
    "contacts_update",
    "contacts_delete",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
