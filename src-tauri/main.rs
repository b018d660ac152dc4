// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Before anything else: it changes the environment, which is only sound single-threaded.
    flocon_desktop::choose_painting();
    flocon_desktop::run();
}
