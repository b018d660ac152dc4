//! Flocon's CSV export: one row per person, several values in a cell joined by ` | ` as
//! `label: value`, every cell neutralised against formula injection. `import::parse_csv`
//! reads it back.

use crate::person::{Labeled, Person};
use crate::store::format_time;

use super::neutralise;

pub const CSV_HEADER: [&str; 11] = [
    "id",
    "first_name",
    "last_name",
    "emails",
    "phones",
    "organization",
    "sector",
    "tags",
    "notes",
    "created_at",
    "updated_at",
];

/// The people as CSV (RFC 4180: comma-separated, CRLF between records, fields quoted when
/// they hold a comma, a quote or a line break), with the [`CSV_HEADER`] row first.
pub fn to_csv(people: &[Person]) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| h.to_string()));
    for p in people {
        push_row(
            &mut out,
            [
                p.id.to_string(),
                p.first_name.clone(),
                p.last_name.clone(),
                join_labeled(&p.emails),
                join_labeled(&p.phones),
                p.organization.clone().unwrap_or_default(),
                sectors(p),
                p.tags.join(" | "),
                p.notes.clone(),
                format_time(p.created_at),
                format_time(p.updated_at),
            ],
        );
    }
    out
}

/// Sector codes (`arts_culture`), which `Sector::parse` reads back.
fn sectors(p: &Person) -> String {
    let codes: Vec<&str> = p.profile.sectors.iter().map(|s| s.code()).collect();
    codes.join(" | ")
}

fn join_labeled(items: &[Labeled]) -> String {
    items
        .iter()
        .map(|item| {
            if item.label.is_empty() {
                item.value.clone()
            } else {
                format!("{}: {}", item.label, item.value)
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, &neutralise(&cell));
    }
    out.push_str("\r\n");
}

fn push_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}
