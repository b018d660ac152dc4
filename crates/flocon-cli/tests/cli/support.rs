//! Running the real `flocon` binary on a temporary data directory.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

pub fn flocon(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the flocon binary runs")
}

/// Like `flocon`, in the time zone `tz` (the child's `TZ` environment variable).
pub fn flocon_tz(dir: &Path, tz: &str, args: &[&str]) -> Output {
    command(dir, args)
        .env("TZ", tz)
        .output()
        .expect("the flocon binary runs")
}

pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flocon"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("FLOCON_DATA_DIR");
    command
}

/// A flocon command with the team passphrase in its environment (and cheap key derivation
/// for the folders tests create: never for real data).
pub fn with_passphrase(dir: &Path, args: &[&str], passphrase: &str) -> Command {
    let mut c = command(dir, args);
    c.env("FLOCON_SYNC_PASSPHRASE", passphrase)
        .env("FLOCON_SYNC_FAST_KDF", "1");
    c
}

/// Runs a command with the team passphrase; it must succeed; returns its trimmed output.
pub fn ok_with(dir: &Path, passphrase: &str, args: &[&str]) -> String {
    let o = with_passphrase(dir, args, passphrase)
        .output()
        .expect("flocon runs");
    assert!(o.status.success(), "flocon {args:?} failed: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed and returns its standard output.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let o = flocon(dir, args);
    assert!(o.status.success(), "flocon {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

pub fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("valid JSON on stdout")
}
