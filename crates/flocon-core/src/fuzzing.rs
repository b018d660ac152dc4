//! Entry points for the fuzzers (`fuzz/`, run with `scripts/fuzz`) and for their regression
//! test (`tests/fuzz_corpus.rs`), which runs every file of the committed corpus through them.
//!
//! Each takes the raw bytes of a file as Flocon meets it — a file picked for import, a file
//! found in the shared sync folder — and goes through the same code the app runs on it. None
//! may panic, whatever the bytes; input that cannot be read is an `Err`, never a partial
//! success. Nothing here touches a database or the disk.

use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::import::{self, Parsed};
use crate::sync::SyncKey;
use crate::sync::capture::Commit;
use crate::sync::engine::Segment;
use crate::sync::envelope::{self, FileKind, Header};

/// The team key the sync fuzzer and its corpus use (a fixed test key, protecting nothing).
pub const SYNC_KEY_HEX: &str = "f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f10";

/// What a key check envelope holds (as `sync::folder` writes it).
const KEY_CHECK: &[u8] = b"flocon sync key check";

/// The key for `SYNC_KEY_HEX`.
pub fn sync_key() -> SyncKey {
    // The constant is 64 hexadecimal digits: it always makes a key.
    SyncKey::from_secret_text(SYNC_KEY_HEX).unwrap_or_else(|| unreachable!("a fixed valid key"))
}

/// A vCard file picked for import (`Store::import` reads it the same way).
pub fn vcard(bytes: &[u8]) -> Result<Parsed> {
    import::parse_vcard(bytes)
}

/// A CSV file picked for import.
pub fn csv(bytes: &[u8]) -> Result<Parsed> {
    import::parse_csv(bytes)
}

/// Any file picked for import: the format is detected as the import does.
pub fn contacts(bytes: &[u8]) -> Result<Parsed> {
    import::parse(bytes)
}

/// What a sync file holds once verified and decoded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncFileContent {
    pub kind: FileKind,
    pub device: Uuid,
    pub sequence: u64,
    pub device_name: String,
    pub commits: usize,
    pub changes: usize,
}

/// A file found in the shared folder, sealed with `sync_key()`: verified and decrypted as the
/// folder scan does (`envelope::open`), then its payload decoded as a sync reads it.
pub fn sync_file(bytes: &[u8]) -> Result<SyncFileContent> {
    let key = sync_key();
    let (header, payload) = envelope::open(&key, bytes).map_err(|e| bad(e.to_string()))?;
    sync_payload(header, &payload)
}

/// The decrypted payload of a verified file, decoded as a sync reads it: a key check holds a
/// known text; a segment or a snapshot holds JSON commits whose record keys must be JSON
/// arrays (which is what applying them reads).
pub fn sync_payload(header: Header, payload: &[u8]) -> Result<SyncFileContent> {
    let content = |device_name: String, commits: usize, changes: usize| SyncFileContent {
        kind: header.kind,
        device: header.device,
        sequence: header.sequence,
        device_name,
        commits,
        changes,
    };
    if header.kind == FileKind::KeyCheck {
        return if payload == KEY_CHECK {
            Ok(content(String::new(), 0, 0))
        } else {
            Err(bad("the key check is not one".into()))
        };
    }
    let segment: Segment = serde_json::from_slice(payload)
        .map_err(|e| bad(format!("a verified segment does not parse: {e}")))?;
    let mut changes = 0;
    for commit in &segment.commits {
        check_commit(commit)?;
        changes += commit.changes.len();
    }
    Ok(content(segment.device_name, segment.commits.len(), changes))
}

/// Seals `payload` with `sync_key()`, to make corpus files and tests.
pub fn seal(kind: FileKind, device: Uuid, sequence: u64, payload: &[u8]) -> Vec<u8> {
    envelope::seal(&sync_key(), kind, device, sequence, payload)
}

/// The header the sync fuzzer gives a payload it decodes directly (without sealing it).
pub fn segment_header() -> Header {
    Header {
        version: envelope::FORMAT_VERSION,
        kind: FileKind::Segment,
        device: Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001),
        sequence: 1,
    }
}

fn check_commit(commit: &Commit) -> Result<()> {
    for change in &commit.changes {
        let key: Vec<serde_json::Value> = serde_json::from_str(&change.pk)
            .map_err(|_| bad(format!("malformed record key {:?}", change.pk)))?;
        if key.is_empty() {
            return Err(bad(format!("empty record key in {}", change.tbl)));
        }
    }
    Ok(())
}

fn bad(reason: String) -> Error {
    Error::Malformed { line: 1, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(parsed: &Parsed) -> Vec<(String, String)> {
        parsed
            .contacts
            .iter()
            .map(|c| (c.first_name.clone(), c.last_name.clone()))
            .collect()
    }

    /// Found by the csv fuzzer: an entry whose only email is "@" was read as a contact with
    /// no name at all, breaking the promise that every contact has one.
    #[test]
    fn an_email_with_nothing_before_its_at_sign_does_not_name_a_contact() {
        let parsed = csv(b"Pr\xc3\xa9nom,Nom,Email\n,,@\n").expect("read");
        assert_eq!(names(&parsed), Vec::<(String, String)>::new());
        assert_eq!(parsed.skipped.len(), 1, "skipped as holding nothing usable");

        // The next address or the phone names it instead.
        let parsed = csv(
            "Prénom,Nom,Email,Téléphone\n,,@ zoe@example.org,06 12 34 56 78\n,,@,07 00\n"
                .as_bytes(),
        )
        .expect("read");
        assert_eq!(
            names(&parsed),
            vec![
                ("zoe".to_string(), String::new()),
                ("07 00".to_string(), String::new())
            ]
        );

        let parsed = vcard(b"BEGIN:VCARD\nVERSION:3.0\nEMAIL:@\nEND:VCARD\n").expect("read");
        assert!(
            parsed.contacts.is_empty() && parsed.skipped.len() == 1,
            "{parsed:?}"
        );
    }

    #[test]
    fn the_fuzzing_key_opens_what_it_seals_and_refuses_the_rest() {
        let device = segment_header().device;
        let payload = r#"{"device_name":"Portable de Léa","commits":[]}"#;
        let sealed = seal(FileKind::Segment, device, 9, payload.as_bytes());
        let read = sync_file(&sealed).expect("verifies");
        assert_eq!((read.sequence, read.commits), (9, 0));
        assert_eq!(read.device_name, "Portable de Léa");
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(sync_file(&flipped).is_err());
        assert!(sync_payload(segment_header(), b"{").is_err());
        assert!(sync_file(b"").is_err());
    }
}
