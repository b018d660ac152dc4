//! The full-text index (SQLite FTS5, `unicode61 remove_diacritics 2`) over people,
//! organisations and every note. The store's write path calls `index_*` after each change, so
//! the index cannot drift from the records.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::Result;
use crate::store::parse_uuid;

/// Marks the start and the end of a match in a snippet. Control characters never occur in
/// typed text, and the UI turns them into highlighting without ever parsing HTML.
pub const MATCH_START: char = '\u{2}';
pub const MATCH_END: char = '\u{3}';

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Person,
    Organization,
    Interaction,
    Session,
    Action,
    Objective,
}

impl SearchKind {
    /// The table its records live in.
    pub(crate) fn table(self) -> &'static str {
        self.code()
    }

    fn code(self) -> &'static str {
        match self {
            SearchKind::Person => "person",
            SearchKind::Organization => "organization",
            SearchKind::Interaction => "interaction",
            SearchKind::Session => "session",
            SearchKind::Action => "action",
            SearchKind::Objective => "objective",
        }
    }

    fn from_code(code: &str) -> Option<SearchKind> {
        [
            SearchKind::Person,
            SearchKind::Organization,
            SearchKind::Interaction,
            SearchKind::Session,
            SearchKind::Action,
            SearchKind::Objective,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub kind: SearchKind,
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    /// A short extract around the match; matches are wrapped in U+0002 … U+0003.
    pub snippet: String,
}

pub fn index_person(tx: &Connection, id: &str) -> Result<()> {
    let doc = clear(tx, SearchKind::Person, id)?;
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT ?2, 'person', p.id, trim(p.first_name || ' ' || p.last_name),
                concat_ws(' · ', p.organization, p.city,
                    (SELECT group_concat(address, ' ') FROM person_email WHERE person_id = p.id),
                    (SELECT group_concat(t.name, ', ') FROM person_tag x JOIN tag t ON t.id = x.tag_id
                     WHERE x.person_id = p.id),
                    nullif(p.notes, ''))
         FROM person p WHERE p.id = ?1",
    )?
    .execute(params![id, doc])?;
    Ok(())
}

pub fn index_organization(tx: &Connection, id: &str) -> Result<()> {
    let doc = clear(tx, SearchKind::Organization, id)?;
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT ?2, 'organization', o.id, o.name,
                concat_ws(' · ', o.city,
                    (SELECT group_concat(t.name, ', ') FROM organization_tag x
                     JOIN tag t ON t.id = x.tag_id WHERE x.organization_id = o.id),
                    nullif(o.description, ''))
         FROM organization o WHERE o.id = ?1",
    )?
    .execute(params![id, doc])?;
    Ok(())
}

pub fn index_interaction(tx: &Connection, id: &str) -> Result<()> {
    let doc = clear(tx, SearchKind::Interaction, id)?;
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT ?2, 'interaction', i.id,
                i.date || ' · ' || coalesce((SELECT group_concat(trim(p.first_name || ' ' || p.last_name), ', ')
                    FROM interaction_person x JOIN person p ON p.id = x.person_id
                    WHERE x.interaction_id = i.id), ''),
                concat_ws(' · ', nullif(i.notes, ''), nullif(i.interests, ''), nullif(i.story, ''),
                    nullif(i.resources, ''), nullif(i.commitment_asked, ''),
                    nullif(i.commitment_given, ''))
         FROM interaction i WHERE i.id = ?1",
    )?
    .execute(params![id, doc])?;
    Ok(())
}

/// A session: its title; its collectives, engagement, preparation, notes and decisions.
pub fn index_session(tx: &Connection, id: &str) -> Result<()> {
    let doc = clear(tx, SearchKind::Session, id)?;
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT ?2, 'session', s.id, s.title,
                concat_ws(' · ',
                    (SELECT group_concat(o.name, ', ') FROM session_organization x
                     JOIN organization o ON o.id = x.organization_id WHERE x.session_id = s.id),
                    (SELECT title FROM engagement WHERE id = s.engagement_id),
                    nullif(s.preparation, ''), nullif(s.notes, ''),
                    (SELECT group_concat(text, ' · ') FROM session_decision
                     WHERE session_id = s.id))
         FROM session s WHERE s.id = ?1",
    )?
    .execute(params![id, doc])?;
    Ok(())
}

/// An action: its text; its owner and the session it came from.
pub fn index_action(tx: &Connection, id: &str) -> Result<()> {
    let doc = clear(tx, SearchKind::Action, id)?;
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT ?2, 'action', a.id, a.text,
                concat_ws(' · ',
                    (SELECT trim(first_name || ' ' || last_name) FROM person WHERE id = a.owner_id),
                    (SELECT title FROM session WHERE id = a.session_id))
         FROM action a WHERE a.id = ?1",
    )?
    .execute(params![id, doc])?;
    Ok(())
}

/// A roadmap objective: its title; its quarter, axis, owners and description.
pub fn index_objective(tx: &Connection, id: &str) -> Result<()> {
    let doc = clear(tx, SearchKind::Objective, id)?;
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT ?2, 'objective', o.id, o.title,
                concat_ws(' · ', o.quarter, a.name,
                    (SELECT group_concat(trim(p.first_name || ' ' || p.last_name), ', ')
                     FROM objective_owner x JOIN person p ON p.id = x.person_id
                     WHERE x.objective_id = o.id),
                    nullif(o.description, ''))
         FROM objective o JOIN roadmap_axis a ON a.id = o.axis_id WHERE o.id = ?1",
    )?
    .execute(params![id, doc])?;
    Ok(())
}

/// The record's FTS rowid, created on first use, with its old indexed text removed.
fn clear(tx: &Connection, kind: SearchKind, id: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO search_doc (kind, record_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?
    .execute(params![kind.code(), id])?;
    let doc: i64 = tx
        .prepare_cached("SELECT doc_id FROM search_doc WHERE kind = ?1 AND record_id = ?2")?
        .query_row(params![kind.code(), id], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([doc])?;
    Ok(doc)
}

pub fn remove(tx: &Connection, kind: SearchKind, id: &str) -> Result<()> {
    let doc: Option<i64> = tx
        .prepare_cached("SELECT doc_id FROM search_doc WHERE kind = ?1 AND record_id = ?2")?
        .query_row(params![kind.code(), id], |r| r.get(0))
        .optional()?;
    if let Some(doc) = doc {
        tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([doc])?;
        tx.prepare_cached("DELETE FROM search_doc WHERE doc_id = ?1")?
            .execute([doc])?;
    }
    Ok(())
}

type Indexer = fn(&Connection, &str) -> Result<()>;

/// Rebuilds the index of the given kinds of record from the records (after a migration that
/// created the index or a kind; a migration names only the kinds whose tables exist then).
pub fn rebuild(tx: &Connection, kinds: &[SearchKind]) -> Result<()> {
    for kind in kinds {
        let (table, index): (&str, Indexer) = match kind {
            SearchKind::Person => ("person", index_person),
            SearchKind::Organization => ("organization", index_organization),
            SearchKind::Interaction => ("interaction", index_interaction),
            SearchKind::Session => ("session", index_session),
            SearchKind::Action => ("action", index_action),
            SearchKind::Objective => ("objective", index_objective),
        };
        let ids = tx
            .prepare(&format!("SELECT id FROM {table}"))?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids {
            index(tx, &id)?;
        }
    }
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word must match, each as a prefix, so
/// results appear while typing. Punctuation and FTS5 syntax are neutralised. Returns None when
/// nothing searchable is left.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The best `limit` matches for `text`, title matches weighing most.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT kind, record_id, title,
                snippet(search_index, 3, char(2), char(3), '…', 12),
                highlight(search_index, 2, char(2), char(3))
         FROM search_index WHERE search_index MATCH ?1
         ORDER BY bm25(search_index, 0.0, 0.0, 10.0, 1.0)
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query, limit], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (kind, id, title, body_snippet, title_marked) = row?;
        let Some(kind) = SearchKind::from_code(&kind) else {
            continue;
        };
        // Show the body extract when the match is there; else the highlighted title.
        let snippet = if body_snippet.contains(MATCH_START) {
            body_snippet
        } else {
            title_marked
        };
        hits.push(SearchHit {
            kind,
            id: parse_uuid(&id)?,
            title,
            snippet,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_prefix_query_with_fts_syntax_neutralised() {
        assert_eq!(fts_query("dupre").as_deref(), Some("\"dupre\"*"));
        assert_eq!(
            fts_query("Élodie  Dup").as_deref(),
            Some("\"Élodie\"* \"Dup\"*")
        );
        assert_eq!(
            fts_query("a OR b\" NEAR(").as_deref(),
            Some("\"a\"* \"OR\"* \"b\"* \"NEAR\"*")
        );
        assert_eq!(fts_query(" -*\"() "), None);
    }
}
