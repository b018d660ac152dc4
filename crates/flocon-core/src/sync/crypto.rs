//! The team key: derived once from the team passphrase with Argon2id, with the salt and cost
//! recorded in the folder's manifest so every laptop derives the same key.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Argon2id's cost. Recorded in the manifest, so it can be raised later for new folders
/// without breaking old ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// What a new folder uses: 64 MiB, 3 passes (OWASP's recommendation for Argon2id is at
    /// least 19 MiB and 2 passes); about half a second on a recent laptop, once per run.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// Cheap parameters for tests only: a manifest that asks for them is refused unless the
    /// process was started with `FLOCON_SYNC_FAST_KDF` (tests), see `check`.
    pub const FAST_FOR_TESTS: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// The costs a manifest may ask for: enough to make guessing the passphrase slow, and
    /// not so much that deriving the key hangs a laptop or exhausts its memory.
    pub const MEMORY_KIB: std::ops::RangeInclusive<u32> = 8 * 1024..=1024 * 1024;
    pub const ITERATIONS: std::ops::RangeInclusive<u32> = 1..=10;
    pub const PARALLELISM: std::ops::RangeInclusive<u32> = 1..=8;

    /// What this process gives a new folder (or a folder whose passphrase changes): the full
    /// cost, or the cheap one when tests asked for it.
    pub fn for_new_folders() -> KdfParams {
        if fast_allowed() {
            KdfParams::FAST_FOR_TESTS
        } else {
            KdfParams::DEFAULT
        }
    }

    /// Refuses a cost outside the bounds before anything is derived: the manifest is written
    /// by whoever can write to the folder, and `iterations = 4294967295` would hang every sync,
    /// `memory_kib = 67108864` abort it. The cheap test cost passes only in a test process, so
    /// nobody can weaken a real team's key by writing it into the manifest.
    pub fn check(&self) -> std::result::Result<(), String> {
        if *self == KdfParams::FAST_FOR_TESTS && fast_allowed() {
            return Ok(());
        }
        if KdfParams::MEMORY_KIB.contains(&self.memory_kib)
            && KdfParams::ITERATIONS.contains(&self.iterations)
            && KdfParams::PARALLELISM.contains(&self.parallelism)
        {
            return Ok(());
        }
        Err(format!(
            "its key-derivation cost ({} KiB of memory, {} passes, {} lanes) is outside what \
             Flocon accepts (8 MiB to 1 GiB, 1 to 10 passes, 1 to 8 lanes): the manifest is \
             damaged or was not written by Flocon; nothing was read or written",
            self.memory_kib, self.iterations, self.parallelism
        ))
    }
}

static FAST_ALLOWED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// For test harnesses that drive the core in their own process (end-to-end tests,
/// benchmarks): lets this process use the cheap test cost, as `FLOCON_SYNC_FAST_KDF` does.
#[doc(hidden)]
pub fn allow_fast_kdf_for_tests() {
    FAST_ALLOWED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Whether the cheap test cost may be used: in the core's own tests, or in a process started
/// with `FLOCON_SYNC_FAST_KDF` (the CLI's and the app's tests) or told so by its harness.
fn fast_allowed() -> bool {
    cfg!(test)
        || FAST_ALLOWED.load(std::sync::atomic::Ordering::Relaxed)
        || std::env::var_os("FLOCON_SYNC_FAST_KDF").is_some()
}

/// A 256-bit key. Its bytes never leave this module except to the cipher.
pub struct SyncKey([u8; 32]);

impl std::fmt::Debug for SyncKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncKey(…)")
    }
}

impl SyncKey {
    /// A copy, for the few places that hand the key on (a rekey keeps the old one to prove the
    /// change).
    pub(crate) fn duplicate(&self) -> SyncKey {
        SyncKey(self.0)
    }

    pub fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<SyncKey> {
        if passphrase.trim().is_empty() {
            return Err(Error::Refused("the sync passphrase is empty".into()));
        }
        let params = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(32),
        )
        .map_err(|e| Error::Refused(format!("unusable key-derivation settings: {e}")))?;
        let mut key = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), salt, &mut key)
            .map_err(|e| Error::Refused(format!("the key could not be derived: {e}")))?;
        Ok(SyncKey(key))
    }

    pub(super) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as text, to keep in the OS keyring (never in a file of ours).
    pub fn to_secret_text(&self) -> String {
        to_hex(&self.0)
    }

    /// A key kept by `to_secret_text`.
    pub fn from_secret_text(text: &str) -> Option<SyncKey> {
        let bytes = from_hex(text.trim())?;
        let key: [u8; 32] = bytes.try_into().ok()?;
        Some(SyncKey(key))
    }
}

impl Drop for SyncKey {
    fn drop(&mut self) {
        // Best effort: do not leave the key lying in freed memory.
        self.0 = [0; 32];
    }
}

/// Lowercase hexadecimal, for salts in the JSON manifest.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_and_salt_give_the_same_key_and_anything_else_another() {
        let fast = KdfParams::FAST_FOR_TESTS;
        let a = SyncKey::derive("Pouvoir collectif 2026", b"sel-de-seize-oct", fast).expect("key");
        let b = SyncKey::derive("Pouvoir collectif 2026", b"sel-de-seize-oct", fast).expect("key");
        let c = SyncKey::derive("pouvoir collectif 2026", b"sel-de-seize-oct", fast).expect("key");
        let d = SyncKey::derive("Pouvoir collectif 2026", b"autre-sel-seize!", fast).expect("key");
        assert_eq!(a.bytes(), b.bytes());
        assert_ne!(a.bytes(), c.bytes());
        assert_ne!(a.bytes(), d.bytes());
        assert!(SyncKey::derive("   ", b"sel-de-seize-oct", fast).is_err());
        assert_eq!(format!("{a:?}"), "SyncKey(…)");
    }

    #[test]
    fn costs_outside_the_bounds_are_refused_and_the_default_is_inside() {
        assert!(KdfParams::DEFAULT.check().is_ok());
        assert!(
            KdfParams::FAST_FOR_TESTS.check().is_ok(),
            "allowed in tests"
        );
        for hostile in [
            KdfParams {
                iterations: u32::MAX,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                memory_kib: 64 * 1024 * 1024,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                parallelism: 0,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                memory_kib: 65,
                ..KdfParams::FAST_FOR_TESTS
            },
        ] {
            let why = hostile.check().expect_err("refused");
            assert!(why.contains("outside what Flocon accepts"), "{why}");
        }
    }

    #[test]
    fn hex_round_trips_and_refuses_garbage() {
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
        assert_eq!(from_hex("000fff"), Some(vec![0, 15, 255]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }
}
