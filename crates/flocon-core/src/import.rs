//! Reading contacts from the files other address books write: vCard 2.1, 3.0 and 4.0 (phones,
//! macOS, Google, Outlook) and CSV (Google, Outlook, LinkedIn, spreadsheets typed by hand, and
//! Flocon's own export). Pure functions over bytes, no database.
//!
//! The result is [`Contact`], this module's own type rather than a `PersonDraft`: what an
//! address book holds is wider than what a person is today (titles, web sites, cities), and
//! deciding what becomes a `Person` — and what is a duplicate — belongs to the importer that
//! writes to the store.

mod csv;
mod labels;
mod vcard;

use std::borrow::Cow;
use std::collections::HashSet;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::person::{Labeled, MAX_TAGS};
use crate::text::{fold, tidy};

/// Larger files are refused before anything is read: ten thousand contacts with photos fit in
/// far less, and the limit keeps a wrong file (a video, a disk image) from eating the memory.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;

/// Why an entry that holds nothing Flocon could keep was skipped.
pub const NOTHING_USABLE: &str = "no name, email, phone or organisation";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[serde(rename = "vcard")]
    VCard,
    Csv,
}

/// What a file held: the contacts, in file order, and the entries that were left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Parsed {
    pub contacts: Vec<Contact>,
    pub skipped: Vec<Skipped>,
}

/// An entry of the file that holds nothing usable, with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// One contact as read from a file, tidied: names trimmed, empty values dropped, labels
/// mapped to Flocon's short French ones ("travail", "domicile", "mobile", "fax", or the
/// file's own custom label).
///
/// Invariant: `first_name` or `last_name` is not empty. An entry without a name is named after
/// its organisation (as `last_name`), else its first email's local part, else its first phone
/// number (as `first_name`), because a person needs a name downstream.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Contact {
    /// 1-based line where the entry starts: the `BEGIN:VCARD` line, or the CSV record's
    /// first physical line.
    pub line: usize,
    pub first_name: String,
    pub last_name: String,
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    pub organization: Option<String>,
    /// The job title ("Coordinatrice"), not an honorific.
    pub title: Option<String>,
    pub urls: Vec<Labeled>,
    /// No two fold alike; address-book system groups (`myContacts`, `starred`) are dropped.
    pub tags: Vec<String>,
    pub city: Option<String>,
    /// Sectors as the file names them ("Recherche", "arts_culture"), for the importer to read
    /// with `Sector::parse`. Only CSV files have them.
    pub sectors: Vec<String>,
    /// As written, with line breaks as `\n` (vCard 2.1 and Outlook write `\r\n`).
    pub notes: String,
}

/// Detects the format from the content: a `BEGIN:VCARD` line first (after an optional BOM and
/// blank lines) makes a vCard; any other text is read as CSV. An empty or binary file is
/// refused.
pub fn detect(bytes: &[u8]) -> Result<Format> {
    let input = prepare(bytes)?;
    detect_prepared(&input)
}

/// Detects the format, then reads the file with the matching parser.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    let input = prepare(bytes)?;
    match detect_prepared(&input)? {
        Format::VCard => vcard::parse(&input),
        Format::Csv => csv::parse(&decode_text(&input, None)),
    }
}

/// Reads a vCard file (one or many entries). Structural errors (BEGIN without END, END
/// without BEGIN, a BEGIN inside an entry) refuse the whole file, naming the line.
pub fn parse_vcard(bytes: &[u8]) -> Result<Parsed> {
    let input = prepare(bytes)?;
    refuse_unreadable(&input)?;
    vcard::parse(&input)
}

/// Reads a CSV file, finding its header row (after a LinkedIn-style preamble) and its
/// delimiter (`,`, `;` or tab).
pub fn parse_csv(bytes: &[u8]) -> Result<Parsed> {
    let input = prepare(bytes)?;
    refuse_unreadable(&input)?;
    csv::parse(&decode_text(&input, None))
}

fn malformed(line: usize, reason: impl Into<String>) -> Error {
    Error::Malformed {
        line,
        reason: reason.into(),
    }
}

/// Refuses a file of `len` bytes when it is larger than [`MAX_IMPORT_BYTES`], whatever its
/// format (vCard, CSV or Flocon's JSON export).
pub fn refuse_oversized(len: usize) -> Result<()> {
    if len > MAX_IMPORT_BYTES {
        return Err(malformed(
            1,
            format!(
                "file too large ({:.1} MiB, at most {} MiB)",
                len as f64 / (1024.0 * 1024.0),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Refuses oversized input, drops a UTF-8 byte-order mark and turns UTF-16 (which Windows
/// tools write, always with a BOM) into UTF-8, so the parsers see one kind of bytes.
fn prepare(bytes: &[u8]) -> Result<Cow<'_, [u8]>> {
    refuse_oversized(bytes.len())?;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(Cow::Borrowed(rest));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // `decode` sniffs the BOM and decodes UTF-16 of either byte order.
        let (text, _, _) = UTF_8.decode(bytes);
        return Ok(Cow::Owned(text.into_owned().into_bytes()));
    }
    Ok(Cow::Borrowed(bytes))
}

fn detect_prepared(input: &[u8]) -> Result<Format> {
    refuse_unreadable(input)?;
    let first_line = input
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    if first_line.len() >= 11 && first_line[..11].eq_ignore_ascii_case(b"BEGIN:VCARD") {
        Ok(Format::VCard)
    } else {
        Ok(Format::Csv)
    }
}

/// Refuses what is neither a vCard nor a CSV: nothing at all, or binary data (a spreadsheet
/// saved as .xlsx, a PDF, a photo).
fn refuse_unreadable(input: &[u8]) -> Result<()> {
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(malformed(1, "the file is empty"));
    }
    if input.starts_with(b"PK\x03\x04") || input.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(malformed(
            1,
            "this is a spreadsheet workbook or an archive, not a vCard or CSV file: save it as CSV first",
        ));
    }
    let head = &input[..input.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    // (A short file with one stray control character is text: it is dropped on the way in.)
    if head.contains(&0) || (controls * 100 > head.len() && controls > 8) {
        return Err(malformed(1, "this is binary data, not a vCard or CSV file"));
    }
    Ok(())
}

/// Text from bytes: UTF-8 when they are valid UTF-8 (text in another encoding almost never
/// is), else the named `charset`, else Windows-1252, which is what French Windows software
/// writes and a superset of ISO-8859-1's printable characters.
fn decode_text<'a>(bytes: &'a [u8], charset: Option<&str>) -> Cow<'a, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let encoding = charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|&e| e != UTF_8)
        .unwrap_or(WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0
}

/// Splits a display name into first and last name: the last word is the last name, unless a
/// particle starts it earlier ("Anne de La Tour" → "Anne" + "de La Tour", "Marie Le Goff" →
/// "Marie" + "Le Goff"). A single word is a first name.
fn split_full_name(full: &str) -> (String, String) {
    const PARTICLES: [&str; 14] = [
        "de", "du", "des", "d", "le", "la", "van", "von", "der", "di", "da", "dos", "ben", "el",
    ];
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.len() {
        0 => (String::new(), String::new()),
        1 => (words[0].to_string(), String::new()),
        n => {
            let starts_particle = |w: &str| {
                let w = w.split(['\'', '’']).next().unwrap_or(w);
                PARTICLES.contains(&fold(w).as_str())
            };
            let split = (1..n - 1)
                .find(|&i| starts_particle(words[i]))
                .unwrap_or(n - 1);
            (words[..split].join(" "), words[split..].join(" "))
        }
    }
}

/// Adds `tag` to `tags` unless it is blank, a system group, or one that folds alike is there
/// (`keys` holds their folded forms). No more than one past [`MAX_TAGS`] are kept, which is
/// enough for validation to refuse the entry: however many a file lists (80,000 CATEGORIES,
/// 40 MB of `a;a;a`), the memory they take stays bounded.
fn push_tag(tags: &mut Vec<String>, keys: &mut HashSet<String>, tag: &str) {
    let tag = tag.trim();
    if tag.is_empty() || keys.len() > MAX_TAGS as usize || is_system_group(tag) {
        return;
    }
    if keys.insert(fold(tag)) {
        tags.push(tag.to_string());
    }
}

/// Google's system groups, which every contact of an export belongs to and mean nothing here.
fn is_system_group(tag: &str) -> bool {
    matches!(
        fold(tag.trim_start_matches(['*', ' '])).as_str(),
        "mycontacts" | "starred"
    )
}

impl Contact {
    fn new(line: usize) -> Self {
        Contact {
            line,
            ..Contact::default()
        }
    }

    /// Tidies every field and gives the contact a name, or says why it cannot be kept.
    fn finish(mut self) -> std::result::Result<Contact, Skipped> {
        self.first_name = tidy(&self.first_name);
        self.last_name = tidy(&self.last_name);
        self.emails = tidy_labeled(self.emails, |v| {
            let v = v.trim();
            let v = match v.get(..7) {
                Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &v[7..],
                _ => v,
            };
            v.trim().to_string()
        });
        self.phones = tidy_labeled(self.phones, tidy);
        self.urls = tidy_labeled(self.urls, |v| v.trim().to_string());
        self.organization = tidy_option(self.organization);
        self.title = tidy_option(self.title);
        self.city = tidy_option(self.city);
        self.tags = tidy_tags(self.tags);
        self.sectors = tidy_tags(self.sectors);
        if self.notes.trim().is_empty() {
            self.notes.clear();
        } else if self.notes.contains('\r') {
            self.notes = self.notes.replace("\r\n", "\n").replace('\r', "\n");
        }

        if self.first_name.is_empty() && self.last_name.is_empty() {
            if let Some(org) = &self.organization {
                self.last_name = org.clone();
            } else if let Some(local) = self
                .emails
                .iter()
                .map(|e| tidy(e.value.split('@').next().unwrap_or_default()))
                .find(|local| !local.is_empty())
            {
                // An address with nothing before its `@` names nobody (found by fuzzing).
                self.first_name = local;
            } else if let Some(phone) = self.phones.first() {
                self.first_name = phone.value.clone();
            } else {
                return Err(Skipped {
                    line: self.line,
                    reason: NOTHING_USABLE.to_string(),
                });
            }
        }
        Ok(self)
    }
}

fn tidy_labeled(items: Vec<Labeled>, clean: impl Fn(&str) -> String) -> Vec<Labeled> {
    items
        .into_iter()
        .filter_map(|item| {
            let value = clean(&item.value);
            (!value.is_empty()).then(|| Labeled::new(tidy(&item.label), value))
        })
        .collect()
}

fn tidy_option(value: Option<String>) -> Option<String> {
    value.map(|v| tidy(&v)).filter(|v| !v.is_empty())
}

fn tidy_tags(tags: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(tags.len());
    let mut keys: HashSet<String> = HashSet::with_capacity(tags.len());
    for tag in tags {
        let tag = tidy(&tag);
        if tag.is_empty() || is_system_group(&tag) {
            continue;
        }
        if keys.insert(fold(&tag)) {
            kept.push(tag);
        }
    }
    kept
}

#[cfg(test)]
mod tests;
