//! The full-text index (SQLite FTS5, `unicode61 remove_diacritics 2`) over people,
//! organisations and every note. The store's write path calls `index_*` after each change, so
//! the index cannot drift from the records.

use rusqlite::{Connection, params};
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
    index_many(tx, SearchKind::Person, &[id])
}

pub fn index_organization(tx: &Connection, id: &str) -> Result<()> {
    index_many(tx, SearchKind::Organization, &[id])
}

pub fn index_interaction(tx: &Connection, id: &str) -> Result<()> {
    index_many(tx, SearchKind::Interaction, &[id])
}

pub fn index_session(tx: &Connection, id: &str) -> Result<()> {
    index_many(tx, SearchKind::Session, &[id])
}

pub fn index_action(tx: &Connection, id: &str) -> Result<()> {
    index_many(tx, SearchKind::Action, &[id])
}

pub fn index_objective(tx: &Connection, id: &str) -> Result<()> {
    index_many(tx, SearchKind::Objective, &[id])
}

/// What is indexed of each kind of record, for the records whose ids are in the JSON array
/// `?1`: their `id`, `title` and `body`.
fn documents(kind: SearchKind) -> &'static str {
    match kind {
        // A person: their name; organisation, city, emails, tags and notes.
        SearchKind::Person => {
            "SELECT p.id AS id, trim(p.first_name || ' ' || p.last_name) AS title,
                    concat_ws(' · ', p.organization, p.city,
                        (SELECT group_concat(address, ' ') FROM person_email WHERE person_id = p.id),
                        (SELECT group_concat(t.name, ', ') FROM person_tag x
                         JOIN tag t ON t.id = x.tag_id WHERE x.person_id = p.id),
                        nullif(p.notes, '')) AS body
             FROM json_each(?1) j CROSS JOIN person p ON p.id = j.value"
        }
        SearchKind::Organization => {
            "SELECT o.id AS id, o.name AS title,
                    concat_ws(' · ', o.city,
                        (SELECT group_concat(t.name, ', ') FROM organization_tag x
                         JOIN tag t ON t.id = x.tag_id WHERE x.organization_id = o.id),
                        nullif(o.description, '')) AS body
             FROM json_each(?1) j CROSS JOIN organization o ON o.id = j.value"
        }
        SearchKind::Interaction => {
            "SELECT i.id AS id,
                    i.date || ' · ' || coalesce((SELECT group_concat(trim(p.first_name || ' ' || p.last_name), ', ')
                        FROM interaction_person x JOIN person p ON p.id = x.person_id
                        WHERE x.interaction_id = i.id), '') AS title,
                    concat_ws(' · ', nullif(i.notes, ''), nullif(i.interests, ''), nullif(i.story, ''),
                        nullif(i.resources, ''), nullif(i.commitment_asked, ''),
                        nullif(i.commitment_given, '')) AS body
             FROM json_each(?1) j CROSS JOIN interaction i ON i.id = j.value"
        }
        // A session: its title; its collectives, engagement, preparation, notes and decisions.
        SearchKind::Session => {
            "SELECT s.id AS id, s.title AS title,
                    concat_ws(' · ',
                        (SELECT group_concat(o.name, ', ') FROM session_organization x
                         JOIN organization o ON o.id = x.organization_id WHERE x.session_id = s.id),
                        (SELECT title FROM engagement WHERE id = s.engagement_id),
                        nullif(s.preparation, ''), nullif(s.notes, ''),
                        (SELECT group_concat(text, ' · ') FROM session_decision
                         WHERE session_id = s.id)) AS body
             FROM json_each(?1) j CROSS JOIN session s ON s.id = j.value"
        }
        // An action: its text; its owner and the session it came from.
        SearchKind::Action => {
            "SELECT a.id AS id, a.text AS title,
                    concat_ws(' · ',
                        (SELECT trim(first_name || ' ' || last_name) FROM person WHERE id = a.owner_id),
                        (SELECT title FROM session WHERE id = a.session_id)) AS body
             FROM json_each(?1) j CROSS JOIN action a ON a.id = j.value"
        }
        // A roadmap objective: its title; its quarter, axis, owners and description.
        SearchKind::Objective => {
            "SELECT o.id AS id, o.title AS title,
                    concat_ws(' · ', o.quarter, a.name,
                        (SELECT group_concat(trim(p.first_name || ' ' || p.last_name), ', ')
                         FROM objective_owner x JOIN person p ON p.id = x.person_id
                         WHERE x.objective_id = o.id),
                        nullif(o.description, '')) AS body
             FROM json_each(?1) j CROSS JOIN objective o ON o.id = j.value
             JOIN roadmap_axis a ON a.id = o.axis_id"
        }
    }
}

/// (Re)indexes the given records of one kind in three statements, whatever their number.
///
/// Bulk writes (import, sync) index everything they wrote once, at the end: FTS5 flushes its
/// pending terms to disk at every statement savepoint, so index rows interleaved with other
/// writes would each become a tiny segment to merge later.
pub fn index_many<S: AsRef<str>>(tx: &Connection, kind: SearchKind, ids: &[S]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = id_list(ids);
    tx.prepare_cached(
        "INSERT INTO search_doc (kind, record_id) SELECT ?2, value FROM json_each(?1) WHERE true
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![list, kind.code()])?;
    delete_entries(tx, kind, &list)?;
    tx.prepare_cached(&format!(
        "INSERT INTO search_index (rowid, kind, record_id, title, body)
         SELECT d.doc_id, ?2, x.id, x.title, x.body
         FROM ({}) AS x
         CROSS JOIN search_doc d ON d.kind = ?2 AND d.record_id = x.id",
        documents(kind)
    ))?
    .execute(params![list, kind.code()])?;
    Ok(())
}

/// Takes the index rows of the records in the JSON array `list` out (their doc ids stay).
fn delete_entries(tx: &Connection, kind: SearchKind, list: &str) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM search_index WHERE rowid IN
            (SELECT d.doc_id FROM json_each(?1) j CROSS JOIN
             search_doc d ON d.kind = ?2 AND d.record_id = j.value)",
    )?
    .execute(params![list, kind.code()])?;
    Ok(())
}

fn id_list<S: AsRef<str>>(ids: &[S]) -> String {
    serde_json::Value::from(ids.iter().map(|i| i.as_ref()).collect::<Vec<_>>()).to_string()
}

pub fn remove(tx: &Connection, kind: SearchKind, id: &str) -> Result<()> {
    remove_many(tx, kind, &[id])
}

/// Takes the given records of one kind out of the index.
pub fn remove_many<S: AsRef<str>>(tx: &Connection, kind: SearchKind, ids: &[S]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = id_list(ids);
    delete_entries(tx, kind, &list)?;
    tx.prepare_cached(
        "DELETE FROM search_doc WHERE kind = ?2 AND record_id IN (SELECT value FROM json_each(?1))",
    )?
    .execute(params![list, kind.code()])?;
    Ok(())
}

/// Indexes again every record whose entry holds all the words of `text` (a person's name):
/// after an erasure, entries written while the records still named the person (an action's
/// owner, a call's participant) are rebuilt from what the records hold now.
pub fn reindex_matching(tx: &Connection, text: &str) -> Result<()> {
    let Some(query) = fts_query(text) else {
        return Ok(());
    };
    let hits = tx
        .prepare_cached("SELECT kind, record_id FROM search_index WHERE search_index MATCH ?1")?
        .query_map([query], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut by_kind: std::collections::BTreeMap<SearchKind, Vec<String>> = Default::default();
    for (kind, id) in hits {
        if let Some(kind) = SearchKind::from_code(&kind) {
            by_kind.entry(kind).or_default().push(id);
        }
    }
    for (kind, ids) in by_kind {
        let (mut present, mut gone) = (Vec::new(), Vec::new());
        for id in ids {
            let exists = tx
                .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", kind.table()))?
                .exists([&id])?;
            if exists {
                present.push(id);
            } else {
                gone.push(id);
            }
        }
        remove_many(tx, kind, &gone)?;
        index_many(tx, kind, &present)?;
    }
    Ok(())
}

/// Rebuilds the index of the given kinds of record from the records (after a migration that
/// created the index or a kind; a migration names only the kinds whose tables exist then).
pub fn rebuild(tx: &Connection, kinds: &[SearchKind]) -> Result<()> {
    for kind in kinds {
        let ids = tx
            .prepare(&format!("SELECT id FROM {}", kind.table()))?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        index_many(tx, *kind, &ids)?;
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
