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

    /// Cheap parameters for tests only.
    pub const FAST_FOR_TESTS: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
}

/// A 256-bit key. Its bytes never leave this module except to the cipher.
pub struct SyncKey([u8; 32]);

impl std::fmt::Debug for SyncKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncKey(…)")
    }
}

impl SyncKey {
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
    fn hex_round_trips_and_refuses_garbage() {
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
        assert_eq!(from_hex("000fff"), Some(vec![0, 15, 255]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }
}
