//! What entries bring to the person they duplicate, in time linear in what they hold.
//!
//! A file may match one person many times (a mailing list exported with one shared address,
//! or an attacker's file where every row shares one email and adds another). Comparing each
//! new value with every value kept so far, re-reading the grown person and rewriting all its
//! emails at every entry made an import of 4,000 such rows take 154 s. Here each value is
//! looked up in a set of keys, and the person is written once, at the end of the import.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use uuid::Uuid;

use super::phone_key;
use crate::error::{Error, Problem, Result};
use crate::person::{Labeled, MAX_NOTES_CHARS, MAX_TAGS, PersonDraft, check_count};
use crate::store::persons;
use crate::text::fold;

/// A person with what entries brought to it: the rule of "what is new" is here, once, for the
/// importer and for merging two people.
pub(crate) struct Merged {
    pub draft: PersonDraft,
    email_keys: HashSet<String>,
    phone_keys: HashSet<String>,
    tag_keys: HashSet<String>,
    /// The notes before any merge: a note it already contains is not added again.
    notes_before: String,
    /// Notes found present (in `notes_before`) or added since, trimmed.
    notes_seen: HashSet<String>,
    notes_chars: usize,
}

impl Merged {
    pub fn new(draft: PersonDraft) -> Merged {
        Merged {
            email_keys: draft.emails.iter().map(|e| email_key(&e.value)).collect(),
            phone_keys: draft.phones.iter().map(|p| phone_key(&p.value)).collect(),
            tag_keys: draft.tags.iter().map(|t| fold(t)).collect(),
            notes_before: draft.notes.clone(),
            notes_seen: HashSet::new(),
            notes_chars: draft.notes.chars().count(),
            draft,
        }
    }

    /// Adds what `from` brings: missing emails, phones, tags and sectors, empty fields filled,
    /// its notes when they are not there yet. Names and filled fields are never overwritten.
    /// Returns whether anything changed. Refuses notes that would grow past their limit.
    pub fn absorb(&mut self, from: &PersonDraft) -> Result<bool> {
        let into = &mut self.draft;
        let mut changed = add_missing(
            &mut into.emails,
            &mut self.email_keys,
            &from.emails,
            email_key,
        );
        changed |= add_missing(
            &mut into.phones,
            &mut self.phone_keys,
            &from.phones,
            phone_key,
        );
        for tag in &from.tags {
            if self.tag_keys.insert(fold(tag)) {
                into.tags.push(tag.clone());
                check_count("tags", into.tags.len(), MAX_TAGS)?;
                changed = true;
            }
        }
        for sector in &from.profile.sectors {
            if !into.profile.sectors.contains(sector) {
                into.profile.sectors.push(*sector);
                changed = true;
            }
        }
        let p = &mut into.profile;
        for (slot, value) in [
            (&mut into.organization, &from.organization),
            (&mut p.city, &from.profile.city),
            (&mut p.linkedin, &from.profile.linkedin),
            (&mut p.instagram, &from.profile.instagram),
            (&mut p.website, &from.profile.website),
        ] {
            if slot.is_none() && value.is_some() {
                slot.clone_from(value);
                changed = true;
            }
        }
        Ok(self.add_notes(&from.notes)? || changed)
    }

    fn add_notes(&mut self, notes: &str) -> Result<bool> {
        let wanted = notes.trim();
        if notes.is_empty() || self.notes_seen.contains(wanted) {
            return Ok(false);
        }
        // Searched once per different note: what this import added is in `notes_seen`.
        if self.notes_before.contains(wanted) {
            self.notes_seen.insert(wanted.to_string());
            return Ok(false);
        }
        let into = &mut self.draft.notes;
        // Counted as they grow: counting the whole notes at every entry would be quadratic.
        let kept = into.trim_end().len();
        let kept_chars = self.notes_chars - into[kept..].chars().count();
        let separator = if into.is_empty() { 0 } else { 2 };
        let chars = kept_chars + separator + notes.chars().count();
        if chars > MAX_NOTES_CHARS as usize {
            return Err(Error::invalid(
                "notes",
                Problem::TooLong {
                    max: MAX_NOTES_CHARS,
                },
            ));
        }
        if !into.is_empty() {
            into.truncate(kept);
            into.push_str("\n\n");
        }
        into.push_str(notes);
        self.notes_chars = chars;
        self.notes_seen.insert(wanted.to_string());
        Ok(true)
    }
}

/// Emails match whatever their case (they are ASCII once valid).
pub(crate) fn email_key(address: &str) -> String {
    address.to_lowercase()
}

fn add_missing(
    list: &mut Vec<Labeled>,
    keys: &mut HashSet<String>,
    extra: &[Labeled],
    key: impl Fn(&str) -> String,
) -> bool {
    let mut changed = false;
    for item in extra {
        if keys.insert(key(&item.value)) {
            list.push(item.clone());
            changed = true;
        }
    }
    changed
}

/// The people an import merges entries into, kept here until the import ends, and the emails
/// and phones they gained meanwhile, so that later entries match them without the database.
#[derive(Default)]
pub(super) struct Matched {
    people: HashMap<Uuid, (Merged, bool)>,
    /// In the order they were first matched, so that writes are the same at every run.
    order: Vec<Uuid>,
    emails: HashMap<String, Uuid>,
    phones: HashMap<String, Uuid>,
}

impl Matched {
    /// The person of this import that gained `address`.
    pub fn by_email(&self, address: &str) -> Option<Uuid> {
        self.emails.get(&email_key(address)).copied()
    }

    /// The person of this import that gained the phone of key `key`.
    pub fn by_phone(&self, key: &str) -> Option<Uuid> {
        self.phones.get(key).copied()
    }

    /// Merges `draft` into the person `id` (read from the database the first time). Returns
    /// whether it brought anything new.
    pub fn absorb(&mut self, tx: &Connection, id: Uuid, draft: &PersonDraft) -> Result<bool> {
        let (merged, changed) = match self.people.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let person = persons::get(tx, id)?
                    .ok_or_else(|| Error::Internal("a matched person vanished".into()))?;
                self.order.push(id);
                e.insert((Merged::new(PersonDraft::from(person)), false))
            }
        };
        let (emails, phones) = (merged.draft.emails.len(), merged.draft.phones.len());
        let brought = merged.absorb(draft)?;
        for e in &merged.draft.emails[emails..] {
            self.emails.insert(email_key(&e.value), id);
        }
        for p in &merged.draft.phones[phones..] {
            self.phones.insert(phone_key(&p.value), id);
        }
        *changed |= brought;
        Ok(brought)
    }

    /// Writes every person that gained something, once; returns their ids.
    pub fn write(self, tx: &Connection) -> Result<Vec<Uuid>> {
        let mut people = self.people;
        let mut written = Vec::new();
        for id in self.order {
            let Some((merged, true)) = people.remove(&id) else {
                continue;
            };
            let draft = merged.draft.validate()?;
            persons::update(tx, id, &draft, chrono::Utc::now())?;
            written.push(id);
        }
        Ok(written)
    }
}
