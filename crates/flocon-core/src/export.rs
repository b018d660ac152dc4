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

/// Makes a cell inert in a spreadsheet by prefixing a single quote when it starts like a
/// formula: `=HYPERLINK(...)` → `'=HYPERLINK(...)`. (OWASP's advice for CSV injection.)
pub(crate) fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralise`]: reading Flocon's own CSV export gives back exactly what was written.
pub(crate) fn unneutralise(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests;
