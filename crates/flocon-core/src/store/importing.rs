//! Importing a vCard or CSV file into the store: each entry is created, merged into the person
//! it duplicates (same email, same phone, or same name), found already present, or skipped
//! with its reason. All of it in one transaction, or none of it; a dry run computes the very
//! same report and rolls back.

mod merging;

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::search::{self, SearchKind};
use super::{Store, check_person_links, parse_uuid, persons};
use crate::error::{Error, Result};
use crate::import::{self, Contact, Format};
use crate::person::{PersonDraft, Profile, sort_key};
use crate::vocab::Sector;

use self::merging::{Matched, Merged};

/// What an import did, or would do (dry run), entry by entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// "vcard" or "csv".
    pub format: String,
    pub dry_run: bool,
    pub created: Vec<ImportEntry>,
    /// Entries that matched a person and brought something new (an email, a phone, a tag…).
    pub merged: Vec<ImportEntry>,
    /// Entries that matched a person and brought nothing new: importing a file twice lands here.
    pub unchanged: Vec<ImportEntry>,
    pub skipped: Vec<SkippedEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportEntry {
    /// 1-based line of the file where the entry starts.
    pub line: u32,
    pub name: String,
    /// The person created, or merged into.
    #[ts(type = "string | null")]
    pub person_id: Option<Uuid>,
    /// Why it matched an existing person ("même e-mail", "même téléphone", "même nom").
    pub matched_by: Option<MatchReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    Email,
    Phone,
    Name,
}

/// How far an import has gone: `done` entries of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Progress is reported every this many entries (and at the end).
const PROGRESS_EVERY: usize = 250;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkippedEntry {
    pub line: u32,
    pub reason: String,
}

impl Store {
    /// Imports `bytes` (format detected). A file that cannot be read is refused with its line
    /// and reason, and nothing changes.
    pub fn import(&self, bytes: &[u8], dry_run: bool) -> Result<ImportReport> {
        self.import_with_progress(bytes, dry_run, &mut |_| {})
    }

    /// `import`, calling `progress` as entries are processed, for a progress bar.
    pub fn import_with_progress(
        &self,
        bytes: &[u8],
        dry_run: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport> {
        let (format, entries, skipped) = read_entries(bytes)?;
        let mut report = ImportReport {
            format: format.into(),
            dry_run,
            skipped,
            ..ImportReport::default()
        };
        let total = line(entries.len());
        let apply = |tx: &rusqlite::Transaction<'_>| -> Result<ImportReport> {
            // Ids of the file's people (a JSON export) → the people they became here, so the
            // referrals between them survive the trip to another database.
            let mut became: HashMap<Uuid, Uuid> = HashMap::new();
            let mut links: Vec<(Uuid, PersonLinks)> = Vec::new();
            // Everyone created or changed, indexed for search once at the end.
            let mut written: Vec<String> = Vec::new();
            let mut matched = Matched::default();
            for (i, (at, source, draft)) in entries.iter().enumerate() {
                let mut draft = draft.clone();
                let wanted = PersonLinks::take(&mut draft);
                if let Some(target) = import_one(tx, *at, draft, &mut report, &mut matched)? {
                    if let Some(source) = source {
                        became.insert(*source, target);
                    }
                    links.push((target, wanted));
                }
                if (i + 1) % PROGRESS_EVERY == 0 {
                    progress(ImportProgress {
                        done: line(i + 1),
                        total,
                    });
                }
            }
            written.extend(
                report
                    .created
                    .iter()
                    .filter_map(|e| e.person_id)
                    .map(|id| id.to_string()),
            );
            written.extend(matched.write(tx)?.iter().map(Uuid::to_string));
            written.extend(
                PersonLinks::restore_all(tx, links, &became)?
                    .iter()
                    .map(Uuid::to_string),
            );
            written.sort_unstable();
            written.dedup();
            search::index_many(tx, SearchKind::Person, &written)?;
            progress(ImportProgress { done: total, total });
            report.skipped.sort_by_key(|s| s.line);
            Ok(report.clone())
        };
        if dry_run {
            self.db.simulate(apply)
        } else {
            self.db.write(apply)
        }
    }
}

fn line(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The entries of the file, each with the line it starts on, as drafts; and the entries the
/// parser already left out. Flocon's own JSON export (an array of people) is read back too; its
/// "lines" are the entries' positions, from 1.
/// An entry of a file: the line it starts on, its id in the database it came from (JSON
/// exports only), and what it says.
type Entry = (usize, Option<Uuid>, PersonDraft);

/// The people an imported person points at, set once every entry has its id here.
#[derive(Clone, Copy)]
struct PersonLinks {
    point_person: Option<Uuid>,
    introduced_by: Option<Uuid>,
}

impl PersonLinks {
    fn take(draft: &mut PersonDraft) -> PersonLinks {
        PersonLinks {
            point_person: draft.profile.point_person_id.take(),
            introduced_by: draft.profile.introduced_by_id.take(),
        }
    }

    /// Fills the links each person lacks with the ones the file gave, mapped to this
    /// database: for each link, the first entry (in file order) whose link resolves. Each
    /// person is read and written at most once, however many entries matched it. Returns the
    /// people changed.
    fn restore_all(
        tx: &Connection,
        links: Vec<(Uuid, PersonLinks)>,
        became: &HashMap<Uuid, Uuid>,
    ) -> Result<Vec<Uuid>> {
        let mut people: HashMap<Uuid, (PersonLinks, bool)> = HashMap::new();
        let mut order: Vec<Uuid> = Vec::new();
        for (person, wanted) in links {
            if wanted.point_person.is_none() && wanted.introduced_by.is_none() {
                continue;
            }
            let resolve = |link: Option<Uuid>| -> Result<Option<Uuid>> {
                let Some(link) = link else { return Ok(None) };
                let here = match became.get(&link) {
                    Some(mapped) => Some(*mapped),
                    None if persons::exists(tx, link)? => Some(link),
                    None => None,
                };
                Ok(here.filter(|h| *h != person))
            };
            let (has, changed) = match people.entry(person) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    order.push(person);
                    let (point_person, introduced_by) = persons::links(tx, person)?;
                    let has = PersonLinks {
                        point_person,
                        introduced_by,
                    };
                    e.insert((has, false))
                }
            };
            if has.point_person.is_none() {
                has.point_person = resolve(wanted.point_person)?;
                *changed |= has.point_person.is_some();
            }
            if has.introduced_by.is_none() {
                has.introduced_by = resolve(wanted.introduced_by)?;
                *changed |= has.introduced_by.is_some();
            }
        }
        let mut written = Vec::new();
        for person in order {
            let Some((links, true)) = people.remove(&person) else {
                continue;
            };
            let Some(current) = persons::get(tx, person)? else {
                continue;
            };
            let mut draft = PersonDraft::from(current);
            draft.profile.point_person_id = links.point_person;
            draft.profile.introduced_by_id = links.introduced_by;
            persons::update(tx, person, &draft, chrono::Utc::now())?;
            written.push(person);
        }
        Ok(written)
    }
}

fn read_entries(bytes: &[u8]) -> Result<(&'static str, Vec<Entry>, Vec<SkippedEntry>)> {
    // Before anything is parsed: a JSON file had no limit (105 MiB made 110,000 people).
    import::refuse_oversized(bytes.len())?;
    let text_start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'[') {
        let people: Vec<crate::person::Person> =
            serde_json::from_slice(bytes).map_err(|e| Error::Malformed {
                line: e.line(),
                reason: format!("not a Flocon JSON export: {e}"),
            })?;
        let entries = people
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i + 1, Some(p.id), PersonDraft::from(p)))
            .collect();
        return Ok(("json", entries, Vec::new()));
    }
    let format = match import::detect(bytes)? {
        Format::VCard => "vcard",
        Format::Csv => "csv",
    };
    let parsed = import::parse(bytes)?;
    let skipped = parsed
        .skipped
        .iter()
        .map(|s| SkippedEntry {
            line: line(s.line),
            reason: s.reason.clone(),
        })
        .collect();
    let entries = parsed
        .contacts
        .iter()
        .map(|c| (c.line, None, draft_of(c)))
        .collect();
    Ok((format, entries, skipped))
}

/// Creates or merges one entry; returns the person it became, or None when it was skipped.
fn import_one(
    tx: &Connection,
    at: usize,
    draft: PersonDraft,
    report: &mut ImportReport,
    matched: &mut Matched,
) -> Result<Option<Uuid>> {
    let draft = match draft.validate() {
        Ok(d) => d,
        Err(Error::Invalid { field, problem }) => {
            report.skipped.push(SkippedEntry {
                line: line(at),
                reason: format!("{field}: {problem}"),
            });
            return Ok(None);
        }
        Err(other) => return Err(other),
    };
    let name = format!("{} {}", draft.first_name, draft.last_name)
        .trim()
        .to_string();
    let Some((id, reason)) = find_match(tx, &draft, matched)? else {
        let id = Uuid::now_v7();
        check_person_links(tx, id, &draft)?;
        persons::insert(tx, id, &draft, chrono::Utc::now())?;
        report.created.push(ImportEntry {
            line: line(at),
            name,
            person_id: Some(id),
            matched_by: None,
        });
        return Ok(Some(id));
    };
    let entry = ImportEntry {
        line: line(at),
        name,
        person_id: Some(id),
        matched_by: Some(reason),
    };
    // A person grown past a limit by the entries merged into it refuses the file, naming
    // the entry that went past it.
    let brought = matched.absorb(tx, id, &draft).map_err(|e| match e {
        Error::Invalid { field, problem } => Error::Malformed {
            line: at,
            reason: format!(
                "merged into the contact it matches ({}), this entry goes past a limit ({field}: {problem})",
                entry.name
            ),
        },
        other => other,
    })?;
    if brought {
        report.merged.push(entry);
    } else {
        report.unchanged.push(entry);
    }
    Ok(Some(id))
}

fn draft_of(c: &Contact) -> PersonDraft {
    let url = |needle: &str| {
        c.urls
            .iter()
            .find(|u| u.value.to_lowercase().contains(needle))
            .map(|u| u.value.clone())
    };
    let website = c
        .urls
        .iter()
        .find(|u| {
            let v = u.value.to_lowercase();
            !v.contains("linkedin.") && !v.contains("instagram.")
        })
        .map(|u| u.value.clone());
    let mut notes = c.notes.clone();
    if let Some(title) = &c.title {
        notes = if notes.is_empty() {
            format!("Fonction : {title}")
        } else {
            format!("Fonction : {title}\n\n{notes}")
        };
    }
    PersonDraft {
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        emails: c.emails.clone(),
        phones: c.phones.clone(),
        organization: c.organization.clone(),
        profile: Profile {
            sectors: c
                .sectors
                .iter()
                .filter_map(|s| Sector::parse(s).ok())
                .collect(),
            city: c.city.clone(),
            linkedin: url("linkedin."),
            instagram: url("instagram."),
            website,
            ..Profile::default()
        },
        tags: c.tags.clone(),
        notes,
    }
}

/// The person an entry duplicates: same email first, then same phone, then same full name.
/// Emails and phones are looked up in the database, then among those this import added to
/// people it has not written yet.
fn find_match(
    tx: &Connection,
    d: &PersonDraft,
    matched: &Matched,
) -> Result<Option<(Uuid, MatchReason)>> {
    for email in &d.emails {
        let found: Option<String> = tx
            .prepare_cached(
                "SELECT person_id FROM person_email WHERE address = ?1 COLLATE NOCASE LIMIT 1",
            )?
            .query_row([&email.value], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(Some((parse_uuid(&id)?, MatchReason::Email)));
        }
        if let Some(id) = matched.by_email(&email.value) {
            return Ok(Some((id, MatchReason::Email)));
        }
    }
    for phone in &d.phones {
        let digits = phone_key(&phone.value);
        if digits.len() < 6 {
            continue;
        }
        let found: Option<String> = tx
            .prepare_cached("SELECT person_id FROM person_phone WHERE number_key = ?1 LIMIT 1")?
            .query_row([&digits], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(Some((parse_uuid(&id)?, MatchReason::Phone)));
        }
        if let Some(id) = matched.by_phone(&digits) {
            return Ok(Some((id, MatchReason::Phone)));
        }
    }
    if !d.first_name.is_empty() && !d.last_name.is_empty() {
        let found: Option<String> = tx
            .prepare_cached("SELECT id FROM person WHERE sort_key = ?1 ORDER BY id LIMIT 1")?
            .query_row([sort_key(&d.first_name, &d.last_name)], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(Some((parse_uuid(&id)?, MatchReason::Name)));
        }
    }
    Ok(None)
}

/// The last nine digits: "+33 6 12 34 56 78" and "06.12.34.56.78" are the same phone.
pub(crate) fn phone_key(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(9)..].iter().collect()
}

/// What `from` brings to `into` (see [`Merged::absorb`]): for merging two people.
pub(crate) fn merge(into: PersonDraft, from: &PersonDraft) -> Result<PersonDraft> {
    let mut merged = Merged::new(into);
    merged.absorb(from)?;
    Ok(merged.draft)
}

#[cfg(test)]
mod tests;
