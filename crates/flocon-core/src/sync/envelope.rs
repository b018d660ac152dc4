//! The sealed envelope every sync file is made of (see docs/sync-format.md): a clear header
//! naming the format version, the kind of file, the device and its sequence number, then the
//! payload encrypted and authenticated with XChaCha20-Poly1305. The header is the associated
//! data, so a file moved to another device's place, renumbered or cut is refused as tampered.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use uuid::Uuid;

use super::crypto::SyncKey;

pub const MAGIC: &[u8; 8] = b"FLOCONSY";
/// The envelope format this Flocon writes (and the newest it reads). Format 2 compresses the
/// payload of change and snapshot files (zstd) before sealing it; format 1 (key checks, and
/// files of earlier Flocons) seals it as it is.
pub const FORMAT_VERSION: u16 = 2;
/// The format of files whose payload is not compressed.
const PLAIN_FORMAT: u16 = 1;
/// zstd's level for sync files: fast to write, several times smaller than the JSON.
const COMPRESSION_LEVEL: i32 = 3;
const NONCE_LEN: usize = 24;
/// magic, version, kind, device, sequence: the associated data.
const AAD_LEN: usize = 8 + 2 + 1 + 16 + 8;
pub const HEADER_LEN: usize = AAD_LEN + NONCE_LEN + 4;
/// The largest payload a file may carry, sealed or once decompressed. Flocon writes files of a
/// few MiB (see `engine::FILE_BYTES`); this only bounds what a hostile or old file may cost.
pub const MAX_PAYLOAD: usize = 512 * 1024 * 1024;

/// What a sync file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Proves a passphrase opens the folder (in the manifest).
    KeyCheck,
    /// A device's changes, in order.
    Segment,
    /// A device's whole state, so a new laptop need not replay all history.
    Snapshot,
}

impl FileKind {
    fn code(self) -> u8 {
        match self {
            FileKind::KeyCheck => 0,
            FileKind::Segment => 1,
            FileKind::Snapshot => 2,
        }
    }

    fn from_code(code: u8) -> Option<FileKind> {
        [FileKind::KeyCheck, FileKind::Segment, FileKind::Snapshot]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// The clear part of a sync file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    pub version: u16,
    pub kind: FileKind,
    pub device: Uuid,
    /// Per device, from 1, never reused.
    pub sequence: u64,
}

/// Why a file could not be opened. None of these stops a sync: the file is skipped and
/// reported, and looked at again next time (a half-copied file is complete by then).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum OpenError {
    #[error("not a Flocon sync file")]
    NotFlocon,
    #[error("incomplete (still being copied?)")]
    Truncated,
    #[error("written by a newer Flocon (format {version})")]
    NewerFormat { version: u16 },
    #[error("malformed header")]
    Malformed,
    #[error("does not verify: tampered with, damaged, or sealed with another passphrase")]
    Tampered,
    /// Found in the folder but could not be read (permissions, a path too long…).
    #[error("cannot be read")]
    Unreadable,
}

fn aad(header: &Header) -> [u8; AAD_LEN] {
    let mut out = [0u8; AAD_LEN];
    out[..8].copy_from_slice(MAGIC);
    out[8..10].copy_from_slice(&header.version.to_be_bytes());
    out[10] = header.kind.code();
    out[11..27].copy_from_slice(header.device.as_bytes());
    out[27..35].copy_from_slice(&header.sequence.to_be_bytes());
    out
}

/// Seals `payload` into a sync file's bytes, with a fresh random nonce: compressed first, but
/// for a key check (the manifest's, which every Flocon since the first must read).
pub fn seal(key: &SyncKey, kind: FileKind, device: Uuid, sequence: u64, payload: &[u8]) -> Vec<u8> {
    if kind == FileKind::KeyCheck {
        return seal_as(key, PLAIN_FORMAT, kind, device, sequence, payload);
    }
    // Compressing bytes in memory cannot fail but for lack of memory.
    let compressed = zstd::bulk::compress(payload, COMPRESSION_LEVEL).unwrap_or_default();
    seal_as(key, FORMAT_VERSION, kind, device, sequence, &compressed)
}

/// Seals `payload` (already compressed for format 2) under a header of `version`.
fn seal_as(
    key: &SyncKey,
    version: u16,
    kind: FileKind,
    device: Uuid,
    sequence: u64,
    payload: &[u8],
) -> Vec<u8> {
    let header = Header {
        version,
        kind,
        device,
        sequence,
    };
    let aad = aad(&header);
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    // Encryption with a valid key cannot fail for in-memory buffers of this size.
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: payload,
                aad: &aad,
            },
        )
        .unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER_LEN + sealed.len());
    out.extend_from_slice(&aad);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&(sealed.len() as u32).to_be_bytes());
    out.extend_from_slice(&sealed);
    out
}

/// Reads only the clear header (no key needed), checking what can be checked without it.
pub fn peek(bytes: &[u8]) -> Result<Header, OpenError> {
    if bytes.len() < MAGIC.len() || &bytes[..8] != MAGIC {
        return Err(OpenError::NotFlocon);
    }
    if bytes.len() < HEADER_LEN {
        return Err(OpenError::Truncated);
    }
    let version = u16::from_be_bytes([bytes[8], bytes[9]]);
    if version > FORMAT_VERSION {
        return Err(OpenError::NewerFormat { version });
    }
    let kind = FileKind::from_code(bytes[10]).ok_or(OpenError::Malformed)?;
    let device = Uuid::from_slice(&bytes[11..27]).map_err(|_| OpenError::Malformed)?;
    let mut sequence = [0u8; 8];
    sequence.copy_from_slice(&bytes[27..35]);
    Ok(Header {
        version,
        kind,
        device,
        sequence: u64::from_be_bytes(sequence),
    })
}

/// Whether the bytes are as long as their header says (not a copy in progress).
pub fn is_whole(bytes: &[u8]) -> bool {
    if bytes.len() < HEADER_LEN {
        return false;
    }
    let mut length = [0u8; 4];
    length.copy_from_slice(&bytes[HEADER_LEN - 4..HEADER_LEN]);
    bytes.len() == HEADER_LEN + u32::from_be_bytes(length) as usize
}

/// Verifies and decrypts a sync file's bytes.
pub fn open(key: &SyncKey, bytes: &[u8]) -> Result<(Header, Vec<u8>), OpenError> {
    let header = peek(bytes)?;
    let mut len = [0u8; 4];
    len.copy_from_slice(&bytes[AAD_LEN + NONCE_LEN..HEADER_LEN]);
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_PAYLOAD + 16 {
        return Err(OpenError::Malformed);
    }
    match (bytes.len() - HEADER_LEN).cmp(&len) {
        std::cmp::Ordering::Less => return Err(OpenError::Truncated),
        std::cmp::Ordering::Greater => return Err(OpenError::Tampered),
        std::cmp::Ordering::Equal => {}
    }
    let nonce = XNonce::from_slice(&bytes[AAD_LEN..AAD_LEN + NONCE_LEN]);
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let payload = cipher
        .decrypt(
            nonce,
            Payload {
                msg: &bytes[HEADER_LEN..],
                aad: &bytes[..AAD_LEN],
            },
        )
        .map_err(|_| OpenError::Tampered)?;
    if header.version == PLAIN_FORMAT {
        return Ok((header, payload));
    }
    // Authentic, so written by a laptop of the team: still, what it inflates to is bounded.
    let payload = decompress(&payload, MAX_INFLATED).ok_or(OpenError::Malformed)?;
    Ok((header, payload))
}

/// The most a format-2 payload may inflate to: Flocon writes a few MiB per file, more only for
/// one commit that large (the first commit of a database made before commits were bounded).
pub const MAX_INFLATED: usize = 1024 * 1024 * 1024;

/// Inflates a format-2 payload, refusing one that would grow past `limit` bytes (what it costs
/// is bounded by the limit, not by what the file claims).
fn decompress(bytes: &[u8], limit: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let decoder = zstd::stream::read::Decoder::new(bytes).ok()?;
    let mut out = Vec::new();
    decoder.take(limit as u64 + 1).read_to_end(&mut out).ok()?;
    (out.len() <= limit).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> SyncKey {
        SyncKey::derive(
            text,
            b"0123456789abcdef",
            super::super::crypto::KdfParams::FAST_FOR_TESTS,
        )
        .expect("a key")
    }

    #[test]
    fn a_sealed_file_opens_with_the_same_key_only() {
        let device = Uuid::now_v7();
        let bytes = seal(
            &key("ensemble"),
            FileKind::Segment,
            device,
            7,
            b"{\"changes\":[]}",
        );
        let (header, payload) = open(&key("ensemble"), &bytes).expect("opens");
        assert_eq!(header.device, device);
        assert_eq!(header.sequence, 7);
        assert_eq!(header.kind, FileKind::Segment);
        assert_eq!(payload, b"{\"changes\":[]}");
        assert_eq!(open(&key("autre chose"), &bytes), Err(OpenError::Tampered));
        assert!(
            !bytes.windows(7).any(|w| w == b"changes"),
            "the payload is encrypted"
        );
    }

    #[test]
    fn any_change_to_the_header_or_the_body_is_detected() {
        let k = key("ensemble");
        let bytes = seal(&k, FileKind::Segment, Uuid::now_v7(), 3, b"payload");
        // Renumbered, moved to another device, or turned into a snapshot: the header is bound.
        for at in [10, 12, 30, HEADER_LEN + 2, bytes.len() - 1] {
            let mut changed = bytes.clone();
            changed[at] ^= 0x01;
            assert!(open(&k, &changed).is_err(), "byte {at} changed");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(open(&k, &longer), Err(OpenError::Tampered));
    }

    #[test]
    fn half_copied_foreign_and_newer_files_are_told_apart() {
        let k = key("ensemble");
        let bytes = seal(&k, FileKind::Snapshot, Uuid::now_v7(), 1, &[42; 1000]);
        for cut in [HEADER_LEN - 1, HEADER_LEN + 10, bytes.len() - 1] {
            assert_eq!(
                open(&k, &bytes[..cut]),
                Err(OpenError::Truncated),
                "cut at {cut}"
            );
        }
        assert_eq!(open(&k, b"desktop.ini contents"), Err(OpenError::NotFlocon));
        assert_eq!(open(&k, b""), Err(OpenError::NotFlocon));
        let mut newer = bytes.clone();
        let next = FORMAT_VERSION + 1;
        newer[8..10].copy_from_slice(&next.to_be_bytes());
        assert_eq!(
            open(&k, &newer),
            Err(OpenError::NewerFormat { version: next })
        );
    }

    #[test]
    fn changes_are_compressed_and_files_of_the_first_format_still_open() {
        let k = key("ensemble");
        let device = Uuid::now_v7();
        let payload =
            br#"{"tbl":"person","col":"city","value":"Saint-\u00c9tienne"},"#.repeat(4_000);
        let bytes = seal(&k, FileKind::Segment, device, 1, &payload);
        assert!(
            bytes.len() * 10 < payload.len(),
            "{} bytes sealed for {}",
            bytes.len(),
            payload.len()
        );
        assert_eq!(open(&k, &bytes).expect("opens").1, payload);
        // A file of an earlier Flocon: the payload sealed as it is.
        let plain = seal_as(&k, PLAIN_FORMAT, FileKind::Segment, device, 2, &payload);
        assert_eq!(open(&k, &plain).expect("opens").1, payload);
        // The manifest's key check stays readable by every Flocon.
        let check = seal(&k, FileKind::KeyCheck, device, 0, b"check");
        assert_eq!(peek(&check).expect("header").version, PLAIN_FORMAT);
    }

    #[test]
    fn a_payload_that_inflates_past_the_bound_is_refused() {
        // Authentic but hostile: a laptop of the team writing a compressed bomb.
        let limit = 1024 * 1024;
        let bomb = zstd::bulk::compress(&vec![0u8; limit + 1], 1).expect("compressed");
        assert!(bomb.len() < 1024);
        assert_eq!(decompress(&bomb, limit), None);
        let fits = zstd::bulk::compress(&vec![0u8; limit], 1).expect("compressed");
        assert_eq!(decompress(&fits, limit).map(|b| b.len()), Some(limit));
        // Not zstd at all.
        let k = key("ensemble");
        let bytes = seal_as(
            &k,
            FORMAT_VERSION,
            FileKind::Segment,
            Uuid::now_v7(),
            1,
            b"{}",
        );
        assert_eq!(open(&k, &bytes), Err(OpenError::Malformed));
    }
}
