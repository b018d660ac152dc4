//! Writing people out for other programs: vCard 4.0 for address books and phones, CSV for
//! spreadsheets (safe against formula injection), and JSON with every field, for scripts and
//! for re-importing into Flocon. Pure functions: the caller chooses who is exported.

mod csv;
mod ical;
mod person;
mod report;
mod roadmap;
pub(crate) mod session;
mod vcard;

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::person::Person;

pub use self::csv::{CSV_HEADER, to_csv};
pub use self::ical::to_icalendar;
pub use self::person::person_export_html;
pub use self::report::{report_html, report_markdown};
pub use self::roadmap::{describe_changes, diff_markdown, roadmap_html, roadmap_markdown};
pub use self::session::{session_html, session_markdown};
pub use self::vcard::to_vcard;

/// A pretty-printed JSON array of the people with every field, as serde writes them (the
/// field names of the `--json` output).
pub fn to_json(people: &[Person]) -> Result<String> {
    serde_json::to_string_pretty(people)
        .map_err(|e| Error::Internal(format!("people could not be written as JSON: {e}")))
}

/// First characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`),
/// or that hide one after them (tab, carriage return). A leading quote is in the list so
/// that undoing the neutralisation is never ambiguous.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Where a spreadsheet may start a new cell inside one of ours. The file is comma-separated
/// and quoted as RFC 4180 says, but a French spreadsheet is often told to split on `;` (or
/// tabs): it then starts cells after any `;` of our text, and, as our quotes no longer
/// open its cells, a line break inside a quoted note starts a new row.
const CELL_BREAKS: [char; 5] = [',', ';', '\t', '\n', '\r'];

/// Makes a cell inert in a spreadsheet, whatever separator the spreadsheet splits on: a
/// single quote goes before each formula start that could begin a cell, at the start of
/// ours or after any of [`CELL_BREAKS`] (spaces and double quotes before it skipped, as a
/// reader may trim them or open a quoted cell there): `=HYPERLINK(...)` → `'=HYPERLINK(...)`,
/// `a;=cmd|…` → `a;'=cmd|…`. (OWASP's advice for CSV injection, at every cell start.)
pub(crate) fn neutralise(cell: &str) -> Cow<'_, str> {
    if !needs_neutralising(cell) {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 8);
    let mut at_start = true;
    for c in cell.chars() {
        if at_start && !matches!(c, ' ' | '"') {
            if FORMULA_STARTS.contains(&c) {
                out.push('\'');
            }
            at_start = false;
        }
        out.push(c);
        at_start |= CELL_BREAKS.contains(&c);
    }
    Cow::Owned(out)
}

fn needs_neutralising(cell: &str) -> bool {
    let mut at_start = true;
    for c in cell.chars() {
        if at_start && !matches!(c, ' ' | '"') {
            if FORMULA_STARTS.contains(&c) {
                return true;
            }
            at_start = false;
        }
        at_start |= CELL_BREAKS.contains(&c);
    }
    false
}

/// Undoes [`neutralise`]: reading Flocon's own CSV export gives back exactly what was written.
pub(crate) fn unneutralise(cell: &str) -> Cow<'_, str> {
    if !cell.contains('\'') {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut at_start = true;
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if at_start && !matches!(c, ' ' | '"') {
            at_start = false;
            if c == '\''
                && chars
                    .peek()
                    .is_some_and(|next| FORMULA_STARTS.contains(next))
            {
                continue;
            }
        }
        out.push(c);
        at_start |= CELL_BREAKS.contains(&c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
