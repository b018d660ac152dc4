//! A bare Tauri 2 app: one window showing the static page in `dist/`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the hello app runs");
}
