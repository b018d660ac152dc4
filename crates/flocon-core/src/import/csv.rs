//! CSV contacts: Google, Outlook, LinkedIn, spreadsheets (French Excel writes `;`), and
//! Flocon's own export. The header row is searched for among the first lines (LinkedIn puts
//! notes above it), and what each column holds is read from its name (see `columns`).

mod columns;
mod quotes;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ::csv::{ReaderBuilder, StringRecord};

use self::columns::{Column, Kind, recognise};
use super::{Contact, Parsed, labels, malformed, push_tag, split_full_name};
use crate::error::Result;
use crate::person::Labeled;

/// How far down the header row may be: LinkedIn's preamble takes three lines.
const HEADER_SEARCH_LINES: usize = 10;
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// A longer line is no header row and is not split to find out: Google's 90 columns take
/// 2 KB, and splitting a line of 2 MB of `;` into cells to recognise took 35 times the file
/// in memory.
const MAX_HEADER_BYTES: usize = 64 * 1024;

pub(super) fn parse(text: &str) -> Result<Parsed> {
    // Lines ended by a carriage return alone (old Mac software): read as line breaks, so that
    // line numbers count them.
    let text: &str = &if text.contains('\r') && !text.contains('\n') {
        std::borrow::Cow::Owned(text.replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let header = find_header(text)?;
    quotes::check(&text[header.offset..], header.delimiter, header.line)?;
    let mut reader = ReaderBuilder::new()
        .delimiter(header.delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(&text.as_bytes()[header.offset..]);
    let mut lines = LineCounter::new(text, &header);
    let mut records = reader.records();
    let names = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(e)) => return Err(malformed(header.line, e.to_string())),
        None => return Err(malformed(header.line, "no header row")),
    };
    let layout = Layout::new(&names, header.line)?;

    let mut parsed = Parsed::default();
    for record in records {
        let record = record.map_err(|e| {
            let line = e
                .position()
                .map_or(header.line, |p| lines.line_at(p.byte()));
            malformed(line, e.to_string())
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record
            .position()
            .map_or(header.line, |p| lines.line_at(p.byte()));
        match layout.contact(&record, line).finish() {
            Ok(contact) => parsed.contacts.push(contact),
            Err(skipped) => parsed.skipped.push(skipped),
        }
    }
    Ok(parsed)
}

/// Physical line numbers from the byte offsets the CSV reader gives (its own line count is
/// off by the line endings it has not consumed yet). Offsets only grow, so counting stays
/// linear.
struct LineCounter<'a> {
    text: &'a [u8],
    /// Where the CSV reader starts, in `text`.
    base: usize,
    counted_to: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, header: &Header) -> Self {
        LineCounter {
            text: text.as_bytes(),
            base: header.offset,
            counted_to: header.offset,
            line: header.line,
        }
    }

    /// The line of the record the reader says starts at `byte`: a record never starts with a
    /// line ending, so those left over from the previous record are stepped over first.
    fn line_at(&mut self, byte: u64) -> usize {
        let mut at = self
            .base
            .saturating_add(usize::try_from(byte).unwrap_or(usize::MAX))
            .min(self.text.len());
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at > self.counted_to {
            let newlines = self.text[self.counted_to..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines;
            self.counted_to = at;
        }
        self.line
    }
}

struct Header {
    /// 1-based physical line of the header row.
    line: usize,
    /// Byte offset of that line in the text.
    offset: usize,
    delimiter: u8,
}

/// The header row is the line among the first few with the most recognised column names,
/// split on the delimiter that recognises most (then on the most frequent one). With none
/// recognised, the first non-blank line is taken, for the error to show what it holds.
fn find_header(text: &str) -> Result<Header> {
    let mut best: Option<(usize, Header)> = None;
    let mut first: Option<Header> = None;
    let mut offset = 0;
    for (index, raw) in text
        .split_inclusive('\n')
        .take(HEADER_SEARCH_LINES)
        .enumerate()
    {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > MAX_HEADER_BYTES {
            if first.is_none() {
                first = Some(Header {
                    line: index + 1,
                    offset: start,
                    delimiter: b',',
                });
            }
            continue;
        }
        // Ties go to the more frequent delimiter, then to the earlier one in DELIMITERS.
        let (score, delimiter) = DELIMITERS
            .iter()
            .enumerate()
            .map(|(rank, &d)| {
                let cells = split_line(line, d);
                let score = cells.iter().filter(|c| recognise(c).is_some()).count();
                ((score, cells.len(), std::cmp::Reverse(rank)), d)
            })
            .max_by_key(|&(key, _)| key)
            .map_or((0, b','), |((score, ..), d)| (score, d));
        let header = Header {
            line: index + 1,
            offset: start,
            delimiter,
        };
        if score > best.as_ref().map_or(0, |(s, _)| *s) {
            best = Some((score, header));
        } else if first.is_none() {
            first = Some(header);
        }
    }
    best.map(|(_, header)| header).or(first).ok_or_else(|| {
        malformed(
            1,
            format!("no header row in the first {HEADER_SEARCH_LINES} lines"),
        )
    })
}

/// A line's cells, respecting double quotes; only for recognising a header.
fn split_line(line: &str, delimiter: u8) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted && c == delimiter as char => cells.push(String::new()),
            c => cells.last_mut().into_iter().for_each(|cell| cell.push(c)),
        }
    }
    cells
}

/// What each column of a file holds.
struct Layout {
    columns: Vec<Option<Column>>,
    /// Where each of Google's numbered label columns is.
    slot_labels: HashMap<(Kind, u32), usize>,
    /// Flocon's own export, whose cells were neutralised against formula injection.
    flocon: bool,
}

impl Layout {
    fn new(names: &StringRecord, line: usize) -> Result<Layout> {
        let mut columns: Vec<Option<Column>> = names.iter().map(recognise).collect();
        if !columns.iter().flatten().any(Column::names_a_person) {
            let found: Vec<&str> = names
                .iter()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            let found = if found.is_empty() {
                "nothing".to_string()
            } else {
                shortened(&found)
            };
            return Err(malformed(
                line,
                format!("no name or email column (found: {found})"),
            ));
        }
        let raw: Vec<String> = names
            .iter()
            .map(|n| n.trim().to_ascii_lowercase())
            .collect();
        let has = |name: &str| raw.iter().any(|r| r == name);
        // LinkedIn's "URL" is the connection's profile.
        if has("connected on") {
            for column in columns.iter_mut().flatten() {
                if let Column::Value {
                    kind: Kind::Url,
                    label,
                } = column
                {
                    *label = "linkedin";
                }
            }
        }
        let slot_labels = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Some(Column::SlotLabel(kind, slot)) => Some(((*kind, *slot), i)),
                _ => None,
            })
            .collect();
        Ok(Layout {
            columns,
            slot_labels,
            flocon: has("id") && has("first_name") && has("created_at"),
        })
    }

    fn contact(&self, record: &StringRecord, line: usize) -> Contact {
        let cell = |i: usize| -> Cow<'_, str> {
            let text = record.get(i).unwrap_or_default();
            if self.flocon {
                crate::export::unneutralise(text)
            } else {
                Cow::Borrowed(text)
            }
        };
        let slot_label = |kind: Kind, slot: u32| -> String {
            self.slot_labels
                .get(&(kind, slot))
                .map_or(String::new(), |&i| labels::from_text(&cell(i)))
        };

        let mut contact = Contact::new(line);
        let (mut tag_keys, mut sector_keys) = (HashSet::new(), HashSet::new());
        let mut middle = String::new();
        let mut full = String::new();
        for (i, column) in self.columns.iter().enumerate() {
            let Some(column) = column else { continue };
            let value = cell(i);
            if value.trim().is_empty() {
                continue;
            }
            let first_of = |field: &mut Option<String>| {
                field.get_or_insert_with(|| value.to_string());
            };
            match column {
                Column::FirstName => fill(&mut contact.first_name, &value),
                Column::MiddleName => fill(&mut middle, &value),
                Column::LastName => fill(&mut contact.last_name, &value),
                Column::FullName => fill(&mut full, &value),
                Column::Value { kind, label } => {
                    for v in split_values(*kind, &value) {
                        values_of(&mut contact, *kind).push(Labeled::new(*label, v));
                    }
                }
                Column::List(kind) => {
                    for item in value.split('|').map(str::trim).filter(|i| !i.is_empty()) {
                        let (label, v) = item.rsplit_once(": ").unwrap_or(("", item));
                        values_of(&mut contact, *kind).push(Labeled::new(label, v));
                    }
                }
                Column::SlotValue(kind, slot) => {
                    let label = slot_label(*kind, *slot);
                    for v in split_values(*kind, &value) {
                        values_of(&mut contact, *kind).push(Labeled::new(label.clone(), v));
                    }
                }
                Column::Organization => first_of(&mut contact.organization),
                Column::Title => first_of(&mut contact.title),
                Column::City => first_of(&mut contact.city),
                Column::Notes => {
                    if !contact.notes.is_empty() {
                        contact.notes.push_str("\n\n");
                    }
                    contact.notes.push_str(&value);
                }
                Column::Tags => {
                    for tag in split_tags(&value, self.flocon) {
                        push_tag(&mut contact.tags, &mut tag_keys, tag);
                    }
                }
                Column::Sector => {
                    for sector in value.split(['|', ',', ';']) {
                        push_tag(&mut contact.sectors, &mut sector_keys, sector);
                    }
                }
                Column::SlotLabel(..) | Column::Known => {}
            }
        }
        if !middle.is_empty() {
            contact.first_name = format!("{} {middle}", contact.first_name);
        }
        if contact.first_name.trim().is_empty() && contact.last_name.trim().is_empty() {
            (contact.first_name, contact.last_name) = split_full_name(&full);
        }
        contact
    }
}

/// The names found, as an error message quotes them: the first few, each cut short, so that
/// a file whose first line is megabytes long still gets a one-line answer.
fn shortened(names: &[&str]) -> String {
    const SHOWN: usize = 8;
    const CHARS: usize = 40;
    let mut quoted: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| match n.char_indices().nth(CHARS) {
            Some((cut, _)) => format!("{}…", &n[..cut]),
            None => n.to_string(),
        })
        .collect();
    if names.len() > SHOWN {
        quoted.push(format!("… {} columns in all", names.len()));
    }
    quoted.join(", ")
}

fn fill(field: &mut String, value: &str) {
    if field.trim().is_empty() {
        *field = value.to_string();
    }
}

fn values_of(contact: &mut Contact, kind: Kind) -> &mut Vec<Labeled> {
    match kind {
        Kind::Email => &mut contact.emails,
        Kind::Phone => &mut contact.phones,
        Kind::Url => &mut contact.urls,
    }
}

/// Several values in one cell: Google separates them with ` ::: `, people with commas,
/// semicolons or bars. An email or a URL cannot hold a space, so spaces separate them too;
/// a phone number can, so they do not. Read one at a time: a cell of separators allocates
/// nothing for each.
fn split_values(kind: Kind, cell: &str) -> impl Iterator<Item = &str> {
    let separates = move |c: char| match kind {
        Kind::Email => c == ',' || c == ';' || c == '|' || c.is_whitespace(),
        Kind::Phone => c == ',' || c == ';' || c == '|',
        Kind::Url => c == '|' || c.is_whitespace(),
    };
    cell.split(":::")
        .flat_map(move |part| part.split(separates))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Tags in one cell: Google's ` ::: `, Flocon's ` | `, Outlook's `;`, or commas. In Flocon's
/// own export only ` | ` separates, so a tag may hold a comma.
fn split_tags(cell: &str, flocon: bool) -> Box<dyn Iterator<Item = &str> + '_> {
    if flocon {
        Box::new(cell.split('|'))
    } else if cell.contains(":::") {
        Box::new(cell.split(":::"))
    } else if cell.contains('|') {
        Box::new(cell.split('|'))
    } else {
        Box::new(cell.split([';', ',']))
    }
}

#[cfg(test)]
mod tests;
