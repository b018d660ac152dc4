//! Whether a database file holds exactly the schema Flocon's migrations make: no table, view,
//! trigger or index more, none less, none defined otherwise. A file is checked against a fresh
//! in-memory database migrated to the file's own version, so that an older backup is judged by
//! what Flocon made at that version (its Rust steps, the sync triggers and the search index's
//! own tables included).
//!
//! The `sql` of each object is compared byte for byte: both sides come from the same migration
//! text through SQLite, and a normalisation (of spaces, say) would be a door: a newline ends a
//! `--` comment.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// The tables SQLite itself makes and fills (AUTOINCREMENT's counters, ANALYZE's statistics),
/// as SQLite defines them. A file may have them or not; defined otherwise, they are foreign.
const SQLITE_OWN_TABLES: &[(&str, &str)] = &[
    ("sqlite_sequence", "CREATE TABLE sqlite_sequence(name,seq)"),
    ("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    (
        "sqlite_stat4",
        "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
    ),
];

/// One row of `sqlite_schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchemaEntry {
    pub kind: String,
    pub name: String,
    pub table: String,
    pub sql: Option<String>,
}

/// Every row of the `main` schema of `conn`.
pub(crate) fn read(conn: &Connection) -> rusqlite::Result<Vec<SchemaEntry>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaEntry {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// What kind of schema object a difference is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SchemaObject {
    Table,
    Index,
    View,
    Trigger,
    /// A row of the schema that is none of those.
    Other,
}

impl SchemaObject {
    fn of(kind: &str) -> SchemaObject {
        match kind {
            "table" => SchemaObject::Table,
            "index" => SchemaObject::Index,
            "view" => SchemaObject::View,
            "trigger" => SchemaObject::Trigger,
            _ => SchemaObject::Other,
        }
    }

    fn word(self) -> &'static str {
        match self {
            SchemaObject::Table => "table",
            SchemaObject::Index => "index",
            SchemaObject::View => "view",
            SchemaObject::Trigger => "trigger",
            SchemaObject::Other => "schema object",
        }
    }
}

/// How a file's schema object differs from Flocon's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SchemaChange {
    /// Flocon's migrations make no such object.
    Unknown,
    /// Flocon makes an object of this name, defined otherwise.
    Altered,
    /// Flocon's migrations make it, and the file does not have it.
    Missing,
}

/// The first way a database's schema differs from the one Flocon's migrations make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SchemaDifference {
    pub change: SchemaChange,
    pub object: SchemaObject,
    /// The object's name, with control and invisible characters escaped, and cut when long:
    /// it comes from the file, and is shown in a terminal and on screen.
    pub name: String,
    /// How many other differences there are.
    pub others: u32,
}

/// Longest name shown, in characters.
const NAME_SHOWN: usize = 80;

/// `name` as it can be shown: escaped (`\n`, `\u{202e}`) and cut.
fn shown(name: &str) -> String {
    let escaped: String = name.chars().flat_map(char::escape_debug).collect();
    if escaped.chars().count() <= NAME_SHOWN {
        escaped
    } else {
        let mut cut: String = escaped.chars().take(NAME_SHOWN).collect();
        cut.push('…');
        cut
    }
}

impl std::fmt::Display for SchemaDifference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (word, name) = (self.object.word(), &self.name);
        match self.change {
            SchemaChange::Unknown => write!(f, "it holds an unknown {word} \"{name}\""),
            SchemaChange::Altered => write!(f, "its {word} \"{name}\" is not defined as Flocon's"),
            SchemaChange::Missing => write!(f, "Flocon's {word} \"{name}\" is missing"),
        }?;
        match self.others {
            0 => Ok(()),
            1 => f.write_str(" (and 1 other difference)"),
            n => write!(f, " (and {n} other differences)"),
        }
    }
}

/// Whether `entry` is one of SQLite's own tables, defined as SQLite defines it.
fn sqlite_own(entry: &SchemaEntry) -> bool {
    SQLITE_OWN_TABLES.iter().any(|(name, sql)| {
        entry.kind == "table"
            && entry.name == *name
            && entry.table == *name
            && entry.sql.as_deref() == Some(*sql)
    })
}

/// The first difference between the schema Flocon makes (`expected`) and a file's (`found`),
/// unknown objects first (the likeliest sign of tampering), then altered ones, then missing
/// ones. None when they are the same, but for SQLite's own tables.
pub(crate) fn compare(expected: &[SchemaEntry], found: &[SchemaEntry]) -> Option<SchemaDifference> {
    // Keyed by type and exact name: a trigger renamed by case only is another trigger.
    let key = |e: &SchemaEntry| (e.kind.clone(), e.name.clone());
    let expected: BTreeMap<_, _> = expected.iter().map(|e| (key(e), e)).collect();
    let mut found_keys = BTreeMap::new();
    let mut differences = Vec::new();
    for entry in found {
        // Two rows of the same type and name: the second is foreign whatever it says.
        let repeated = found_keys.insert(key(entry), entry).is_some();
        match expected.get(&key(entry)) {
            _ if repeated => differences.push((SchemaChange::Unknown, entry)),
            None if sqlite_own(entry) => {}
            None => differences.push((SchemaChange::Unknown, entry)),
            Some(ours) if *ours != entry => differences.push((SchemaChange::Altered, entry)),
            Some(_) => {}
        }
    }
    for (k, entry) in &expected {
        if !found_keys.contains_key(k) {
            differences.push((SchemaChange::Missing, entry));
        }
    }
    differences.sort_by_key(|(change, _)| *change as u8);
    let (change, entry) = differences.first()?;
    Some(SchemaDifference {
        change: *change,
        object: SchemaObject::of(&entry.kind),
        name: shown(&entry.name),
        others: u32::try_from(differences.len() - 1).unwrap_or(u32::MAX),
    })
}

/// The first way the `main` schema of `conn` differs from the one Flocon's migrations make at
/// `version`.
pub(crate) fn difference(conn: &Connection, version: i64) -> Result<Option<SchemaDifference>> {
    let expected = super::schema_at(version)?;
    Ok(compare(&expected, &read(conn)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{SCHEMA_VERSION, schema_at};

    fn entry(kind: &str, name: &str, table: &str, sql: Option<&str>) -> SchemaEntry {
        SchemaEntry {
            kind: kind.into(),
            name: name.into(),
            table: table.into(),
            sql: sql.map(Into::into),
        }
    }

    fn ours() -> Vec<SchemaEntry> {
        schema_at(SCHEMA_VERSION).expect("built").to_vec()
    }

    fn difference(found: &[SchemaEntry]) -> Option<(SchemaChange, SchemaObject, String, u32)> {
        compare(&ours(), found).map(|d| (d.change, d.object, d.name, d.others))
    }

    #[test]
    fn flocons_own_schema_holds_the_sync_triggers_and_the_search_index_tables() {
        // Made by Rust steps and by FTS5, not by the migrations' SQL: they are compared too.
        let names: Vec<String> = ours().into_iter().map(|e| e.name).collect();
        for name in [
            "sync_person_insert",
            "search_index",
            "search_index_data",
            "sqlite_autoindex_tag_1",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        assert_eq!(compare(&ours(), &ours()), None);
    }

    #[test]
    fn an_object_more_less_or_otherwise_is_found_unknown_first() {
        let mut found = ours();
        let trigger = entry(
            "trigger",
            "x",
            "person",
            Some("CREATE TRIGGER x AFTER INSERT ON person BEGIN SELECT 1; END"),
        );
        found.push(trigger.clone());
        assert_eq!(
            difference(&found),
            Some((SchemaChange::Unknown, SchemaObject::Trigger, "x".into(), 0))
        );

        // Renamed by case only: another object, and Flocon's goes missing.
        let mut found = ours();
        let ours_trigger = found
            .iter_mut()
            .find(|e| e.name == "sync_person_insert")
            .unwrap();
        ours_trigger.name = "SYNC_PERSON_INSERT".into();
        assert_eq!(
            difference(&found),
            Some((
                SchemaChange::Unknown,
                SchemaObject::Trigger,
                "SYNC_PERSON_INSERT".into(),
                1
            ))
        );

        // The same name twice.
        let mut found = ours();
        let copy = found.iter().find(|e| e.name == "person").unwrap().clone();
        found.push(copy);
        assert_eq!(difference(&found).map(|d| d.0), Some(SchemaChange::Unknown));

        // A definition changed by one byte, then a table gone.
        let mut found = ours();
        let tag = found.iter_mut().find(|e| e.name == "tag").unwrap();
        tag.sql = tag.sql.as_ref().map(|s| format!("{s} "));
        assert_eq!(
            difference(&found),
            Some((SchemaChange::Altered, SchemaObject::Table, "tag".into(), 0))
        );
        found.retain(|e| e.name != "erasure");
        assert_eq!(
            difference(&found).map(|d| (d.0, d.3)),
            Some((SchemaChange::Altered, 1))
        );
        let mut found = ours();
        found.retain(|e| e.name != "erasure");
        assert_eq!(
            difference(&found),
            Some((
                SchemaChange::Missing,
                SchemaObject::Table,
                "erasure".into(),
                0
            ))
        );

        // The same trigger on another table.
        let mut found = ours();
        found
            .iter_mut()
            .find(|e| e.name == "sync_person_insert")
            .unwrap()
            .table = "tag".into();
        assert_eq!(difference(&found).map(|d| d.0), Some(SchemaChange::Altered));
    }

    #[test]
    fn sqlites_own_tables_pass_only_as_sqlite_defines_them() {
        let mut found = ours();
        found.push(entry(
            "table",
            "sqlite_stat1",
            "sqlite_stat1",
            Some("CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
        ));
        found.push(entry(
            "table",
            "sqlite_sequence",
            "sqlite_sequence",
            Some("CREATE TABLE sqlite_sequence(name,seq)"),
        ));
        assert_eq!(difference(&found), None);
        for odd in [
            entry(
                "table",
                "sqlite_stat1",
                "sqlite_stat1",
                Some("CREATE TABLE sqlite_stat1(tbl,idx,stat CHECK (x()))"),
            ),
            entry(
                "trigger",
                "sqlite_stat1",
                "person",
                Some("CREATE TRIGGER sqlite_stat1 AFTER INSERT ON person BEGIN SELECT 1; END"),
            ),
            entry("index", "sqlite_autoindex_person_9", "person", None),
            entry(
                "table",
                "sqlite_stat2",
                "sqlite_stat2",
                Some("CREATE TABLE sqlite_stat2(tbl,idx,sampleno,sample)"),
            ),
        ] {
            let mut found = ours();
            found.push(odd.clone());
            assert_eq!(
                difference(&found).map(|d| d.0),
                Some(SchemaChange::Unknown),
                "{odd:?}"
            );
        }
    }

    #[test]
    fn a_name_from_the_file_is_shown_escaped_and_cut() {
        let mut found = ours();
        let name = format!("x\n\u{1b}[31m\u{202e}{}", "a".repeat(200));
        found.push(entry(
            "view",
            &name,
            &name,
            Some("CREATE VIEW v AS SELECT 1"),
        ));
        let d = compare(&ours(), &found).expect("found");
        assert!(
            d.name.starts_with("x\\n\\u{1b}[31m\\u{202e}aaa"),
            "{}",
            d.name
        );
        assert!(d.name.chars().count() <= NAME_SHOWN + 1);
        assert!(!d.name.chars().any(char::is_control));
        assert_eq!(
            d.to_string(),
            format!("it holds an unknown view \"{}\"", d.name)
        );
    }
}
