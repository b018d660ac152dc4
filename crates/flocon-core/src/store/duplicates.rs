//! Likely duplicate people, merging two into one, and undoing a merge.
//!
//! A merge carries everything of the merged person to the kept one (emails, phones, tags,
//! memberships, interactions, team roles, referrals) and deletes the merged person. Before it
//! does, it records a snapshot of what it is about to change, so `undo_merge` can put both
//! people back exactly as they were.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::importing::{MatchReason, merge};
use super::{Store, format_time, not_found, parse_uuid, persons, search};
use crate::error::{Entity, Error, Result};
use crate::person::{Person, PersonDraft, PersonSummary};
use crate::text::fold;

/// Two people who are probably the same, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicatePair {
    pub first: PersonSummary,
    pub second: PersonSummary,
    pub reasons: Vec<MatchReason>,
}

/// What a merge changed, to undo it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Snapshot {
    kept_before: PersonDraft,
    merged: Person,
    /// Rows whose `person_id` moved from the merged person to the kept one.
    membership_ids: Vec<String>,
    interaction_ids: Vec<String>,
    suggestion_ids: Vec<String>,
    /// (team id, role) of the merged person.
    team_roles: Vec<(String, String)>,
    introduced_ids: Vec<String>,
    pointed_person_ids: Vec<String>,
    pointed_organization_ids: Vec<String>,
    held_interaction_ids: Vec<String>,
    /// The kept person's own links before the merge, which undo returns to.
    kept_interaction_ids: Vec<String>,
    kept_suggestion_ids: Vec<String>,
    kept_team_roles: Vec<(String, String)>,
    /// Coaching links (recorded since migration 3; absent from older merge records).
    #[serde(default)]
    owned_action_ids: Vec<String>,
    /// (session id, role) of the merged person, then of the kept one.
    #[serde(default)]
    session_roles: Vec<(String, String)>,
    #[serde(default)]
    kept_session_roles: Vec<(String, String)>,
    #[serde(default)]
    led_engagement_ids: Vec<String>,
    #[serde(default)]
    kept_led_engagement_ids: Vec<String>,
    /// Event and cohort rows (since migration 6), of the merged person, then of the kept one.
    #[serde(default)]
    event_rows: Vec<LinkedRow>,
    #[serde(default)]
    kept_event_rows: Vec<LinkedRow>,
}

/// A row of a table that names a person, without its person column.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct LinkedRow {
    table: String,
    values: Vec<String>,
}

/// The event and cohort tables that name a person, and their other columns.
const EVENT_TABLES: [(&str, &[&str]); 3] = [
    ("attendance", &["event_id", "status", "updated_at"]),
    ("event_person", &["event_id", "role"]),
    ("cohort_step", &["cohort_id", "stage", "on_date"]),
];

fn event_rows(c: &Connection, person: &str) -> Result<Vec<LinkedRow>> {
    let mut out = Vec::new();
    for (table, columns) in EVENT_TABLES {
        let mut stmt = c.prepare(&format!(
            "SELECT {} FROM {table} WHERE person_id = ?1",
            columns.join(", ")
        ))?;
        let rows = stmt
            .query_map([person], |r| {
                (0..columns.len())
                    .map(|i| r.get::<_, String>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(rows.into_iter().map(|values| LinkedRow {
            table: table.to_string(),
            values,
        }));
    }
    Ok(out)
}

fn put_back_event_rows(tx: &Connection, person: &str, rows: &[LinkedRow]) -> Result<()> {
    for row in rows {
        let Some((table, columns)) = EVENT_TABLES.iter().find(|(t, _)| *t == row.table) else {
            continue;
        };
        let marks: Vec<String> = (2..=columns.len() + 1).map(|i| format!("?{i}")).collect();
        let mut values = vec![person.to_string()];
        values.extend(row.values.iter().cloned());
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO {table} (person_id, {}) VALUES (?1, {})",
                columns.join(", "),
                marks.join(", ")
            ),
            rusqlite::params_from_iter(values),
        )?;
    }
    Ok(())
}

/// The link columns that point at a person: (table, column, key column).
const REFERENCES: [(&str, &str); 5] = [
    ("person", "introduced_by_id"),
    ("person", "point_person_id"),
    ("organization", "point_person_id"),
    ("interaction", "team_member_id"),
    ("action", "owner_id"),
];

impl Store {
    /// Pairs of people that share an email, a phone number or a name (accents and case
    /// ignored, or one letter apart in the last name).
    pub fn find_duplicates(&self) -> Result<Vec<DuplicatePair>> {
        self.db.read(|c| {
            let mut pairs: Vec<(String, String, MatchReason)> = Vec::new();
            for (sql, reason) in [
                (
                    "SELECT DISTINCT a.person_id, b.person_id FROM person_email a
                     JOIN person_email b ON b.address = a.address COLLATE NOCASE AND a.person_id < b.person_id",
                    MatchReason::Email,
                ),
                (
                    "SELECT DISTINCT a.person_id, b.person_id FROM person_phone a
                     JOIN person_phone b ON b.number_key = a.number_key AND a.person_id < b.person_id
                     WHERE length(a.number_key) >= 6",
                    MatchReason::Phone,
                ),
            ] {
                let mut stmt = c.prepare(sql)?;
                let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
                for row in rows {
                    let (a, b) = row?;
                    pairs.push((a, b, reason));
                }
            }
            pairs.extend(similar_names(c)?.into_iter().map(|(a, b)| (a, b, MatchReason::Name)));
            pairs.sort();
            let mut out: Vec<DuplicatePair> = Vec::new();
            for (a, b, reason) in pairs {
                if let Some(last) = out.last_mut()
                    && last.first.id.to_string() == a
                    && last.second.id.to_string() == b
                {
                    if !last.reasons.contains(&reason) {
                        last.reasons.push(reason);
                    }
                    continue;
                }
                let (Some(first), Some(second)) = (summary(c, &a)?, summary(c, &b)?) else {
                    continue;
                };
                out.push(DuplicatePair {
                    first,
                    second,
                    reasons: vec![reason],
                });
            }
            Ok(out)
        })
    }

    /// Merges `other` into `keep` and returns the id of the merge (to undo it).
    pub fn merge_persons(&self, keep: Uuid, other: Uuid) -> Result<Uuid> {
        if keep == other {
            return Err(Error::Refused(
                "a contact cannot be merged with itself".into(),
            ));
        }
        let merge_id = Uuid::now_v7();
        self.db.write(|tx| {
            let kept = persons::get(tx, keep)?.ok_or_else(|| not_found(Entity::Person, keep))?;
            let merged = persons::get(tx, other)?.ok_or_else(|| not_found(Entity::Person, other))?;
            let (k, o) = (keep.to_string(), other.to_string());
            let ids_of = |sql: &str, person: &str| -> Result<Vec<String>> {
                let mut stmt = tx.prepare(sql)?;
                let rows = stmt.query_map([person], |r| r.get::<_, String>(0))?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            };
            let ids = |sql: &str| ids_of(sql, &o);
            let snapshot = Snapshot {
                kept_before: PersonDraft::from(kept.clone()),
                membership_ids: ids("SELECT id FROM membership WHERE person_id = ?1")?,
                interaction_ids: ids("SELECT interaction_id FROM interaction_person WHERE person_id = ?1")?,
                suggestion_ids: ids("SELECT interaction_id FROM interaction_suggestion WHERE person_id = ?1")?,
                team_roles: team_roles(tx, &o)?,
                kept_team_roles: team_roles(tx, &k)?,
                kept_interaction_ids: ids_of("SELECT interaction_id FROM interaction_person WHERE person_id = ?1", &k)?,
                kept_suggestion_ids: ids_of(
                    "SELECT interaction_id FROM interaction_suggestion WHERE person_id = ?1",
                    &k,
                )?,
                introduced_ids: ids("SELECT id FROM person WHERE introduced_by_id = ?1")?,
                pointed_person_ids: ids("SELECT id FROM person WHERE point_person_id = ?1")?,
                pointed_organization_ids: ids("SELECT id FROM organization WHERE point_person_id = ?1")?,
                held_interaction_ids: ids("SELECT id FROM interaction WHERE team_member_id = ?1")?,
                owned_action_ids: ids("SELECT id FROM action WHERE owner_id = ?1")?,
                session_roles: session_roles(tx, &o)?,
                kept_session_roles: session_roles(tx, &k)?,
                led_engagement_ids: ids("SELECT engagement_id FROM engagement_lead WHERE person_id = ?1")?,
                kept_led_engagement_ids: ids_of("SELECT engagement_id FROM engagement_lead WHERE person_id = ?1", &k)?,
                event_rows: event_rows(tx, &o)?,
                kept_event_rows: event_rows(tx, &k)?,
                merged: merged.clone(),
            };
            let mut draft = merge(PersonDraft::from(kept), &PersonDraft::from(merged.clone()))?;
            draft.profile.circles.extend(merged.profile.circles.iter().copied());
            for language in &merged.profile.languages {
                if !draft.profile.languages.iter().any(|l| fold(l) == fold(language)) {
                    draft.profile.languages.push(language.clone());
                }
            }
            for (link, theirs) in [
                (&mut draft.profile.introduced_by_id, merged.profile.introduced_by_id),
                (&mut draft.profile.point_person_id, merged.profile.point_person_id),
            ] {
                let usable = |l: &Option<Uuid>| l.filter(|l| *l != other && *l != keep);
                *link = usable(link).or(usable(&theirs));
            }
            let draft = draft.validate()?;

            tx.execute("UPDATE membership SET person_id = ?1 WHERE person_id = ?2", params![k, o])?;
            for table in [
                "interaction_person",
                "interaction_suggestion",
                "team_member",
                "session_person",
                "engagement_lead",
                // Both on one event's list, or in one cohort: the kept person's answer stays.
                "attendance",
                "event_person",
                "cohort_step",
            ] {
                tx.execute(&format!("UPDATE OR IGNORE {table} SET person_id = ?1 WHERE person_id = ?2"), params![k, o])?;
            }
            for (table, column) in REFERENCES {
                tx.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"), params![k, o])?;
            }
            // A person is never their own introducer or point person.
            tx.execute(
                "UPDATE person SET introduced_by_id = NULL WHERE id = ?1 AND introduced_by_id = ?1",
                [&k],
            )?;
            tx.execute("UPDATE person SET point_person_id = NULL WHERE id = ?1 AND point_person_id = ?1", [&k])?;
            persons::delete(tx, other)?;
            search::remove(tx, search::SearchKind::Person, &o)?;
            persons::update(tx, keep, &draft, Utc::now())?;
            search::index_person(tx, &k)?;
            for interaction in snapshot.interaction_ids.iter().chain(&snapshot.held_interaction_ids) {
                search::index_interaction(tx, interaction)?;
            }
            for action in &snapshot.owned_action_ids {
                search::index_action(tx, action)?;
            }
            let json = serde_json::to_string(&snapshot)
                .map_err(|e| Error::Internal(format!("cannot record the merge: {e}")))?;
            tx.execute(
                "INSERT INTO person_merge (id, kept_id, merged_id, snapshot, merged_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![merge_id.to_string(), k, o, json, format_time(Utc::now())],
            )?;
            Ok(merge_id)
        })
    }

    /// Puts both people back as they were before the merge `merge_id`.
    pub fn undo_merge(&self, merge_id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            let row: Option<(String, String, Option<String>)> = tx
                .query_row(
                    "SELECT kept_id, snapshot, undone_at FROM person_merge WHERE id = ?1",
                    [merge_id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((kept_id, json, undone)) = row else {
                return Err(Error::Refused(format!("no merge with id {merge_id}")));
            };
            if undone.is_some() {
                return Err(Error::Refused("this merge was already undone".into()));
            }
            let s: Snapshot = serde_json::from_str(&json)
                .map_err(|e| Error::Internal(format!("unreadable merge record: {e}")))?;
            let keep = parse_uuid(&kept_id)?;
            if !persons::exists(tx, keep)? {
                return Err(Error::Refused(
                    "the kept contact was deleted since; the merge cannot be undone".into(),
                ));
            }
            restore(tx, keep, &s)?;
            tx.execute(
                "UPDATE person_merge SET undone_at = ?2 WHERE id = ?1",
                params![merge_id.to_string(), format_time(Utc::now())],
            )?;
            Ok(())
        })
    }
}

fn restore(tx: &Connection, keep: Uuid, s: &Snapshot) -> Result<()> {
    let m = &s.merged;
    let (k, o) = (keep.to_string(), m.id.to_string());
    persons::insert(tx, m.id, &PersonDraft::from(m.clone()), m.created_at)?;
    tx.execute(
        "UPDATE person SET created_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![o, format_time(m.created_at), format_time(m.updated_at)],
    )?;
    persons::update(tx, keep, &s.kept_before, Utc::now())?;
    let move_back = |sql: &str, ids: &[String]| -> Result<()> {
        let mut stmt = tx.prepare(sql)?;
        for id in ids {
            stmt.execute(params![o, id, k])?;
        }
        Ok(())
    };
    move_back(
        "UPDATE membership SET person_id = ?1 WHERE id = ?2 AND person_id = ?3",
        &s.membership_ids,
    )?;
    move_back(
        "INSERT OR IGNORE INTO interaction_person (interaction_id, person_id) SELECT ?2, ?1 WHERE ?3 IS NOT NULL",
        &s.interaction_ids,
    )?;
    move_back(
        "INSERT OR IGNORE INTO interaction_suggestion (interaction_id, person_id) SELECT ?2, ?1 WHERE ?3 IS NOT NULL",
        &s.suggestion_ids,
    )?;
    move_back(
        "UPDATE person SET introduced_by_id = ?1 WHERE id = ?2 AND introduced_by_id = ?3",
        &s.introduced_ids,
    )?;
    move_back(
        "UPDATE person SET point_person_id = ?1 WHERE id = ?2 AND point_person_id = ?3",
        &s.pointed_person_ids,
    )?;
    move_back(
        "UPDATE organization SET point_person_id = ?1 WHERE id = ?2 AND point_person_id = ?3",
        &s.pointed_organization_ids,
    )?;
    move_back(
        "UPDATE interaction SET team_member_id = ?1 WHERE id = ?2 AND team_member_id = ?3",
        &s.held_interaction_ids,
    )?;
    for (table, kept) in [
        ("interaction_person", &s.kept_interaction_ids),
        ("interaction_suggestion", &s.kept_suggestion_ids),
    ] {
        let mut stmt = tx.prepare(&format!(
            "SELECT interaction_id FROM {table} WHERE person_id = ?1"
        ))?;
        let now: Vec<String> = stmt
            .query_map([&k], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in now.iter().filter(|id| !kept.contains(id)) {
            tx.execute(
                &format!("DELETE FROM {table} WHERE interaction_id = ?1 AND person_id = ?2"),
                params![id, k],
            )?;
        }
    }
    tx.execute("DELETE FROM team_member WHERE person_id = ?1", [&k])?;
    for (person, roles) in [(&k, &s.kept_team_roles), (&o, &s.team_roles)] {
        for (team, role) in roles {
            tx.execute(
                "INSERT OR REPLACE INTO team_member (team_id, person_id, role) VALUES (?1, ?2, ?3)",
                params![team, person, role],
            )?;
        }
    }
    move_back(
        "UPDATE action SET owner_id = ?1 WHERE id = ?2 AND owner_id = ?3",
        &s.owned_action_ids,
    )?;
    tx.execute("DELETE FROM session_person WHERE person_id = ?1", [&k])?;
    for (person, roles) in [(&k, &s.kept_session_roles), (&o, &s.session_roles)] {
        for (session, role) in roles {
            tx.execute(
                "INSERT OR IGNORE INTO session_person (session_id, person_id, role) VALUES (?1, ?2, ?3)",
                params![session, person, role],
            )?;
        }
    }
    tx.execute("DELETE FROM engagement_lead WHERE person_id = ?1", [&k])?;
    for (person, engagements) in [
        (&k, &s.kept_led_engagement_ids),
        (&o, &s.led_engagement_ids),
    ] {
        for engagement in engagements {
            tx.execute(
                "INSERT OR IGNORE INTO engagement_lead (engagement_id, person_id) VALUES (?1, ?2)",
                params![engagement, person],
            )?;
        }
    }
    for (table, _) in EVENT_TABLES {
        tx.execute(&format!("DELETE FROM {table} WHERE person_id = ?1"), [&k])?;
    }
    put_back_event_rows(tx, &k, &s.kept_event_rows)?;
    put_back_event_rows(tx, &o, &s.event_rows)?;
    for action in &s.owned_action_ids {
        search::index_action(tx, action)?;
    }
    search::index_person(tx, &o)?;
    search::index_person(tx, &k)?;
    Ok(())
}

fn session_roles(c: &Connection, person: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = c.prepare("SELECT session_id, role FROM session_person WHERE person_id = ?1")?;
    let rows = stmt.query_map([person], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn team_roles(c: &Connection, person: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = c.prepare("SELECT team_id, role FROM team_member WHERE person_id = ?1")?;
    let rows = stmt.query_map([person], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn summary(c: &Connection, id: &str) -> Result<Option<PersonSummary>> {
    let found = persons::get(c, parse_uuid(id)?)?.map(|p| PersonSummary {
        id: p.id,
        first_name: p.first_name,
        last_name: p.last_name,
        email: p.emails.first().map(|e| e.value.clone()),
        organization: p.organization,
        city: p.profile.city,
        sectors: p.profile.sectors,
        tags: p.tags,
        legal_basis: p.profile.legal_basis,
    });
    Ok(found)
}

/// Same folded first name, and last names equal or one edit apart ("Dupré" / "Duprée").
fn similar_names(c: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = c.prepare(
        "SELECT id, first_name, last_name FROM person WHERE last_name <> '' ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut by_first: std::collections::HashMap<String, Vec<(String, String)>> =
        std::collections::HashMap::new();
    for (id, first, last) in rows {
        if first.trim().is_empty() {
            continue;
        }
        by_first
            .entry(fold(&first))
            .or_default()
            .push((id, fold(&last)));
    }
    let mut pairs = Vec::new();
    for group in by_first.values() {
        for (i, (a, la)) in group.iter().enumerate() {
            for (b, lb) in &group[i + 1..] {
                if within_one_edit(la, lb) {
                    pairs.push(if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    });
                }
            }
        }
    }
    Ok(pairs)
}

fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix..]
            .iter()
            .skip(1)
            .eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..].iter().eq(long[prefix + 1..].iter())
    }
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;

    #[test]
    fn one_edit_apart_means_one_letter_changed_added_or_removed() {
        assert!(within_one_edit("dupre", "dupre"));
        assert!(within_one_edit("dupre", "dupree"));
        assert!(within_one_edit("dupre", "dupri"));
        assert!(within_one_edit("dupre", "upre"));
        assert!(!within_one_edit("dupre", "dupont"));
        assert!(!within_one_edit("martin", "martinez"));
    }
}
