//! Files the app writes for the user: exports land in their Downloads folder, never replacing
//! a file that is already there.

use std::path::PathBuf;

use flocon_core::Error;

/// Where exports go: `FLOCON_EXPORT_DIR` when set (tests), else the user's Downloads folder,
/// else their home folder.
fn export_dir() -> flocon_core::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("FLOCON_EXPORT_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::UserDirs::new().ok_or(Error::NoDataDirectory)?;
    Ok(dirs
        .download_dir()
        .map(PathBuf::from)
        .unwrap_or_else(|| dirs.home_dir().to_path_buf()))
}

/// Writes a new file (never replacing one: "name (2).ext" when taken), atomically.
pub(crate) fn save_in_downloads(name: &str, bytes: &[u8]) -> flocon_core::Result<String> {
    let dir = export_dir()?;
    let io = |action: &'static str, path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    std::fs::create_dir_all(&dir).map_err(io("create", &dir))?;
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut path = dir.join(name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}).{extension}"));
        n += 1;
    }
    let temp = dir.join(format!(".{name}.part"));
    std::fs::write(&temp, bytes).map_err(io("write", &temp))?;
    std::fs::rename(&temp, &path).map_err(io("write", &path))?;
    Ok(path.display().to_string())
}

/// A file-name-safe version of a title: letters and digits, words joined by dashes.
pub(crate) fn slug(title: &str) -> String {
    let folded = flocon_core::text::fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    if words.is_empty() {
        "seance".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Séance : bilan / T4 — Quartiers"),
            "seance-bilan-t4-quartiers"
        );
        assert_eq!(slug("***"), "seance");
    }
}
