//! vCard 2.1, 3.0 and 4.0 entries, read as phones and address books really write them.
//! The lexical layer (folding, quoted-printable, escapes) is in `lines`.

mod lines;

use std::collections::{HashMap, HashSet};

use self::lines::{LogicalLines, Property};
use super::{Contact, Parsed, Skipped, labels, malformed, push_tag, split_full_name};
use crate::error::Result;
use crate::person::Labeled;
use crate::text::fold;

pub(super) fn parse(input: &[u8]) -> Result<Parsed> {
    let mut parsed = Parsed::default();
    let mut open: Option<Entry> = None;
    let mut found_any = false;
    for line in LogicalLines::new(input) {
        if let Some(head) = lines::head_len(&line.bytes)
            && head > lines::MAX_HEAD_BYTES
        {
            return Err(malformed(
                line.number,
                format!(
                    "the name and parameters of this line take {head} bytes (at most {})",
                    lines::MAX_HEAD_BYTES
                ),
            ));
        }
        let Some(property) = Property::parse(&line.bytes) else {
            continue;
        };
        let is_vcard = || property.raw_text().trim().eq_ignore_ascii_case("VCARD");
        match property.name.as_str() {
            "BEGIN" if is_vcard() => {
                if let Some(entry) = &open {
                    return Err(malformed(
                        line.number,
                        format!(
                            "BEGIN:VCARD inside another vCard (the one begun on line {} has no END:VCARD)",
                            entry.line
                        ),
                    ));
                }
                open = Some(Entry::new(line.number));
                found_any = true;
            }
            "END" if is_vcard() => match open.take() {
                Some(entry) => match entry.finish() {
                    Ok(contact) => parsed.contacts.push(contact),
                    Err(skipped) => parsed.skipped.push(skipped),
                },
                None => {
                    return Err(malformed(line.number, "END:VCARD without BEGIN:VCARD"));
                }
            },
            // Lines between entries are ignored, as other readers do.
            _ => {
                if let Some(entry) = open.as_mut() {
                    entry.apply(&property);
                }
            }
        }
    }
    if let Some(entry) = open {
        return Err(malformed(
            entry.line,
            "BEGIN:VCARD has no END:VCARD (the file ends inside this vCard)",
        ));
    }
    if !found_any {
        return Err(malformed(1, "no vCard in the file (no BEGIN:VCARD line)"));
    }
    Ok(parsed)
}

/// An entry being read. Labels given by grouped `X-ABLabel` lines may come after the values
/// they label, so values keep their group until the entry ends.
struct Entry {
    line: usize,
    contact: Contact,
    formatted_name: Option<String>,
    email_groups: Vec<String>,
    phone_groups: Vec<String>,
    url_groups: Vec<String>,
    group_labels: HashMap<String, String>,
    /// Folded tags read so far.
    tag_keys: HashSet<String>,
}

impl Entry {
    fn new(line: usize) -> Self {
        Entry {
            line,
            contact: Contact::new(line),
            formatted_name: None,
            email_groups: Vec::new(),
            phone_groups: Vec::new(),
            url_groups: Vec::new(),
            group_labels: HashMap::new(),
            tag_keys: HashSet::new(),
        }
    }

    fn apply(&mut self, property: &Property) {
        let contact = &mut self.contact;
        let label = || labels::from_types(property.types.iter().map(String::as_str));
        match property.name.as_str() {
            "FN" if self.formatted_name.is_none() => self.formatted_name = Some(property.text()),
            "N" if contact.first_name.is_empty() && contact.last_name.is_empty() => {
                let parts = property.name_components();
                let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
                contact.last_name = part(0);
                contact.first_name = format!("{} {}", part(1), part(2));
            }
            "EMAIL" => {
                contact.emails.push(Labeled::new(label(), property.text()));
                self.email_groups.push(property.group.clone());
            }
            "TEL" => {
                contact
                    .phones
                    .push(Labeled::new(label(), phone_number(&property.text())));
                self.phone_groups.push(property.group.clone());
            }
            "URL" => {
                contact.urls.push(Labeled::new(label(), property.text()));
                self.url_groups.push(property.group.clone());
            }
            "ORG" if contact.organization.is_none() => {
                contact.organization = property.component(';', 0);
            }
            "TITLE" if contact.title.is_none() => contact.title = Some(property.text()),
            "NOTE" => {
                if !contact.notes.is_empty() {
                    contact.notes.push_str("\n\n");
                }
                contact.notes.push_str(&property.text());
            }
            "CATEGORIES" => {
                let keys = &mut self.tag_keys;
                property.each_component(',', |tag| push_tag(&mut contact.tags, keys, &tag));
            }
            "ADR" if contact.city.is_none() => {
                contact.city = property.component(';', 3).filter(|c| !c.trim().is_empty());
            }
            "X-ABLABEL" if !property.group.is_empty() => {
                let text = property.text();
                if !text.trim().is_empty() {
                    let label = labels::from_text(&text);
                    self.group_labels.insert(property.group.clone(), label);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> std::result::Result<Contact, Skipped> {
        let group_labels = &self.group_labels;
        let relabel = |items: &mut [Labeled], groups: &[String]| {
            for (item, group) in items.iter_mut().zip(groups) {
                if let Some(label) = group_labels.get(group) {
                    item.label = label.clone();
                }
            }
        };
        relabel(&mut self.contact.emails, &self.email_groups);
        relabel(&mut self.contact.phones, &self.phone_groups);
        relabel(&mut self.contact.urls, &self.url_groups);

        let contact = &mut self.contact;
        let has_name =
            !contact.first_name.trim().is_empty() || !contact.last_name.trim().is_empty();
        if let (false, Some(full)) = (has_name, &self.formatted_name) {
            // An organisation's card (macOS "show as company") has an empty N and the
            // organisation as FN: it is named after the organisation, not split as a person.
            let is_organization = contact
                .organization
                .as_ref()
                .is_some_and(|org| fold(org) == fold(full));
            if !is_organization {
                (contact.first_name, contact.last_name) = split_full_name(full);
            }
        }
        self.contact.finish()
    }
}

/// A phone number from a TEL value: a `tel:` URI loses its scheme and its parameters
/// (`tel:+33-1-23-45-67-89;ext=102` → `+33-1-23-45-67-89`).
fn phone_number(value: &str) -> String {
    let value = value.trim();
    match value.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => {
            value[4..].split(';').next().unwrap_or_default().to_string()
        }
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests;
