//! Where the data lives: the user's data directory, unless told otherwise.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// Environment variable that overrides the data directory (tests and scripts use it so they
/// never touch the user's real data).
pub const DATA_DIR_ENV: &str = "FLOCON_DATA_DIR";

/// The data directory: `explicit` (from `--data-dir`) if given, else `FLOCON_DATA_DIR` if set
/// and non-empty, else the platform's per-user data folder (on Linux
/// `~/.local/share/flocon`).
pub fn resolve(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    default_dir()
}

/// The platform's per-user data folder for Flocon.
pub fn default_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("org", "Flocon", "flocon")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(Error::NoDataDirectory)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_directory_wins() {
        let dir = PathBuf::from("/tmp/flocon-explicit");
        assert_eq!(resolve(Some(dir.clone())).ok(), Some(dir));
    }

    #[test]
    fn the_default_directory_is_per_user_and_named_for_flocon() {
        let dir = default_dir().expect("a home directory exists in tests");
        assert!(
            dir.to_string_lossy().to_lowercase().contains("flocon"),
            "{dir:?}"
        );
    }
}
