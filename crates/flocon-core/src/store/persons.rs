//! The SQL for people: one small function per question or change, so the query behind any
//! screen is easy to find. Callers pass a validated `PersonDraft`.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params, types::Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::person::{Labeled, Person, PersonDraft, PersonSummary, Profile, sort_key};
use crate::store::{PersonQuery, PersonSort, format_time, parse_time, parse_uuid, tags};
use crate::text::fold;
use crate::vocab::{Circle, LegalBasis, Sector};

/// Separates values packed by `group_concat`; it cannot occur in tidied text.
pub(crate) const UNIT_SEPARATOR: char = '\u{1f}';

const COLUMNS: &str = "first_name, last_name, organization, notes, sort_key, match_text, pronouns,
    languages, linkedin, instagram, website, city, city_key, point_person_id, introduced_by_id,
    legal_basis, consent_date, consent_source";

pub fn insert(tx: &Connection, id: Uuid, draft: &PersonDraft, now: DateTime<Utc>) -> Result<()> {
    let mut values = vec![Value::Text(id.to_string())];
    values.extend(column_values(draft));
    values.push(Value::Text(format_time(now)));
    tx.prepare_cached(&format!(
        "INSERT INTO person (id, {COLUMNS}, created_at, updated_at)
         VALUES (?1, {}, ?20, ?20)",
        (2..=19)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    insert_children(tx, &id.to_string(), draft)
}

/// Replaces every field of the person. Returns false when there is no such person.
pub fn update(tx: &Connection, id: Uuid, draft: &PersonDraft, now: DateTime<Utc>) -> Result<bool> {
    let mut values = vec![Value::Text(id.to_string())];
    values.extend(column_values(draft));
    values.push(Value::Text(format_time(now)));
    let assignments: Vec<String> = COLUMNS
        .split(',')
        .map(str::trim)
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 2))
        .collect();
    let changed = tx
        .prepare_cached(&format!(
            "UPDATE person SET {}, updated_at = ?20 WHERE id = ?1",
            assignments.join(", ")
        ))?
        .execute(rusqlite::params_from_iter(values))?;
    if changed == 0 {
        return Ok(false);
    }
    replace_children(tx, id, draft)?;
    Ok(true)
}

/// The values of `COLUMNS`, in order.
fn column_values(d: &PersonDraft) -> Vec<Value> {
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    let p = &d.profile;
    vec![
        Value::Text(d.first_name.clone()),
        Value::Text(d.last_name.clone()),
        text(&d.organization),
        Value::Text(d.notes.clone()),
        Value::Text(sort_key(&d.first_name, &d.last_name)),
        Value::Text(match_text(d)),
        text(&p.pronouns),
        Value::Text(serde_json::to_string(&p.languages).unwrap_or_else(|_| "[]".into())),
        text(&p.linkedin),
        text(&p.instagram),
        text(&p.website),
        text(&p.city),
        text(&p.city.as_deref().map(fold)),
        text(&p.point_person_id.map(|i| i.to_string())),
        text(&p.introduced_by_id.map(|i| i.to_string())),
        text(&p.legal_basis.map(|b| b.code().to_string())),
        text(&p.legal_basis_on.map(|d| d.to_string())),
        Value::Text(p.legal_basis_source.clone()),
    ]
}

/// Deletes the person and, by cascade, their details and links. Returns false when there is
/// no such person.
pub fn delete(tx: &Connection, id: Uuid) -> Result<bool> {
    Ok(tx.execute("DELETE FROM person WHERE id = ?1", [id.to_string()])? > 0)
}

pub fn exists(conn: &Connection, id: Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM person WHERE id = ?1")?
        .exists([id.to_string()])?)
}

pub fn get(conn: &Connection, id: Uuid) -> Result<Option<Person>> {
    let key = id.to_string();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, {COLUMNS}, created_at, updated_at FROM person WHERE id = ?1"
    ))?;
    let Some(row) = stmt.query_row([&key], row_values).optional()? else {
        return Ok(None);
    };
    person_from_values(conn, &key, row).map(Some)
}

/// The person's point person and introducer, without reading the rest of them (both None
/// when there is no such person).
pub fn links(conn: &Connection, id: Uuid) -> Result<(Option<Uuid>, Option<Uuid>)> {
    let found: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT point_person_id, introduced_by_id FROM person WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (point, introduced) = found.unwrap_or_default();
    let uuid = |t: Option<String>| t.as_deref().map(parse_uuid).transpose();
    Ok((uuid(point)?, uuid(introduced)?))
}

fn row_values(r: &Row<'_>) -> rusqlite::Result<Vec<Value>> {
    (0..21).map(|i| r.get::<_, Value>(i)).collect()
}

fn person_from_values(conn: &Connection, key: &str, v: Vec<Value>) -> Result<Person> {
    let text = |i: usize| match &v[i] {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    let req = |i: usize| text(i).unwrap_or_default();
    let uuid = |i: usize| text(i).map(|t| parse_uuid(&t)).transpose();
    let profile = Profile {
        pronouns: text(7),
        sectors: codes(
            conn,
            "SELECT sector FROM person_sector WHERE person_id = ?1",
            key,
            Sector::from_code,
        )?,
        circles: codes(
            conn,
            "SELECT circle FROM person_circle WHERE person_id = ?1",
            key,
            Circle::from_code,
        )?,
        languages: serde_json::from_str(&req(8)).unwrap_or_default(),
        linkedin: text(9),
        instagram: text(10),
        website: text(11),
        city: text(12),
        point_person_id: uuid(14)?,
        introduced_by_id: uuid(15)?,
        legal_basis: text(16).as_deref().map(LegalBasis::from_code).transpose()?,
        legal_basis_on: text(17).as_deref().map(parse_stored_date).transpose()?,
        legal_basis_source: req(18),
    };
    Ok(Person {
        id: parse_uuid(&req(0))?,
        first_name: req(1),
        last_name: req(2),
        emails: labeled(
            conn,
            "SELECT label, address FROM person_email WHERE person_id = ?1 ORDER BY position",
            key,
        )?,
        phones: labeled(
            conn,
            "SELECT label, number FROM person_phone WHERE person_id = ?1 ORDER BY position",
            key,
        )?,
        organization: text(3),
        profile,
        tags: tags::of_person(conn, key)?,
        notes: req(4),
        created_at: parse_time(&req(19))?,
        updated_at: parse_time(&req(20))?,
    })
}

/// People in list order (last name, then first name, accents and case ignored), filtered by
/// `query`. Every word of `query.text` must appear, folded, in the name, an email, the
/// organisation, the city or a tag. `query.after` continues after that person (keyset
/// pagination: as fast on the last page as on the first).
pub fn list(conn: &Connection, query: &PersonQuery) -> Result<Vec<PersonSummary>> {
    let mut filters = String::new();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |sql: &str, value: Value, values: &mut Vec<Value>| {
        values.push(value);
        filters.push_str(&sql.replace("?#", &format!("?{}", values.len())));
    };
    // Folded words hold only [a-z0-9], so they carry no LIKE wildcard of their own.
    for word in query
        .text
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        bind(
            " AND p.match_text LIKE ?#",
            Value::Text(format!("%{word}%")),
            &mut values,
        );
    }
    if let Some(sector) = query.sector {
        bind(
            " AND EXISTS (SELECT 1 FROM person_sector s WHERE s.person_id = p.id AND s.sector = ?#)",
            Value::Text(sector.code().into()),
            &mut values,
        );
    }
    if let Some(circle) = query.circle {
        bind(
            " AND EXISTS (SELECT 1 FROM person_circle c WHERE c.person_id = p.id AND c.circle = ?#)",
            Value::Text(circle.code().into()),
            &mut values,
        );
    }
    if let Some(tag) = query.tag.as_deref() {
        bind(
            " AND EXISTS (SELECT 1 FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                          WHERE pt.person_id = p.id AND t.key = ?#)",
            Value::Text(fold(tag)),
            &mut values,
        );
    }
    if let Some(city) = query.city.as_deref() {
        bind(" AND p.city_key = ?#", Value::Text(fold(city)), &mut values);
    }
    if let Some(wanted) = query.legal_basis {
        // `IS` matches NULL too: the filter "no basis recorded".
        let basis = wanted
            .basis()
            .map_or(Value::Null, |b| Value::Text(b.code().into()));
        bind(" AND p.legal_basis IS ?#", basis, &mut values);
    }
    if let Some(point) = query.point_person_id {
        bind(
            " AND p.point_person_id = ?#",
            Value::Text(point.to_string()),
            &mut values,
        );
    }
    let recent = query.sort == Some(PersonSort::RecentlyAdded);
    if let Some(after) = query.after {
        let keyset = if recent {
            " AND p.id < ?#"
        } else {
            " AND (p.sort_key, p.id) > (SELECT sort_key, id FROM person WHERE id = ?#)"
        };
        bind(keyset, Value::Text(after.to_string()), &mut values);
    }
    let order = if recent {
        "p.id DESC"
    } else {
        "p.sort_key, p.id"
    };
    let sql = format!(
        "SELECT p.id, p.first_name, p.last_name, p.organization, p.city,
                (SELECT address FROM person_email e WHERE e.person_id = p.id
                 ORDER BY e.position LIMIT 1),
                (SELECT group_concat(t.name, char(31)) FROM person_tag pt
                 JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = p.id),
                (SELECT group_concat(s.sector, char(31)) FROM person_sector s
                 WHERE s.person_id = p.id),
                p.legal_basis
         FROM person p WHERE 1 = 1{filters}
         ORDER BY {order}
         LIMIT {}",
        query.limit.unwrap_or(u32::MAX)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), summary_from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|s| s))
        .collect()
}

pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<Result<PersonSummary>> {
    let id: String = r.get(0)?;
    let tags: Option<String> = r.get(6)?;
    let sectors: Option<String> = r.get(7)?;
    let legal_basis: Option<String> = r.get(8)?;
    let (first_name, last_name, organization, city, email) =
        (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
    Ok((|| {
        let mut sectors = split_packed(sectors)
            .iter()
            .map(|c| Sector::from_code(c))
            .collect::<Result<Vec<_>>>()?;
        sectors.sort();
        Ok(PersonSummary {
            id: parse_uuid(&id)?,
            first_name,
            last_name,
            email,
            organization,
            city,
            sectors,
            tags: tags::sorted(split_packed(tags)),
            legal_basis: legal_basis
                .as_deref()
                .map(LegalBasis::from_code)
                .transpose()?,
        })
    })())
}

pub(crate) fn split_packed(packed: Option<String>) -> Vec<String> {
    packed
        .map(|t| t.split(UNIT_SEPARATOR).map(String::from).collect())
        .unwrap_or_default()
}

fn replace_children(tx: &Connection, id: Uuid, draft: &PersonDraft) -> Result<()> {
    let key = id.to_string();
    for table in [
        "person_email",
        "person_phone",
        "person_tag",
        "person_sector",
        "person_circle",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE person_id = ?1"))?
            .execute([&key])?;
    }
    insert_children(tx, &key, draft)
}

/// Writes the person's emails, phones, sectors, circles and tags (none may be there yet).
fn insert_children(tx: &Connection, key: &str, draft: &PersonDraft) -> Result<()> {
    let mut email = tx.prepare_cached(
        "INSERT INTO person_email (person_id, position, label, address) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, e) in draft.emails.iter().enumerate() {
        email.execute(params![key, position as i64, e.label, e.value])?;
    }
    let mut phone = tx.prepare_cached(
        "INSERT INTO person_phone (person_id, position, label, number, number_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, p) in draft.phones.iter().enumerate() {
        phone.execute(params![
            key,
            position as i64,
            p.label,
            p.value,
            super::importing::phone_key(&p.value)
        ])?;
    }
    let mut sector =
        tx.prepare_cached("INSERT INTO person_sector (person_id, sector) VALUES (?1, ?2)")?;
    for s in &draft.profile.sectors {
        sector.execute(params![key, s.code()])?;
    }
    let mut circle =
        tx.prepare_cached("INSERT INTO person_circle (person_id, circle) VALUES (?1, ?2)")?;
    for c in &draft.profile.circles {
        circle.execute(params![key, c.code()])?;
    }
    tags::link_person(tx, key, &draft.tags)
}

fn labeled(conn: &Connection, sql: &str, person_id: &str) -> Result<Vec<Labeled>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Labeled {
            label: r.get(0)?,
            value: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn codes<T: Ord>(
    conn: &Connection,
    sql: &str,
    person_id: &str,
    decode: impl Fn(&str) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let raw = stmt
        .query_map([person_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut decoded = raw.iter().map(|c| decode(c)).collect::<Result<Vec<_>>>()?;
    decoded.sort();
    Ok(decoded)
}

pub(crate) fn match_text(draft: &PersonDraft) -> String {
    let mut parts = vec![draft.first_name.as_str(), draft.last_name.as_str()];
    parts.extend(draft.emails.iter().map(|e| e.value.as_str()));
    parts.extend(draft.organization.as_deref());
    parts.extend(draft.profile.city.as_deref());
    parts.extend(draft.tags.iter().map(String::as_str));
    fold(&parts.join(" "))
}

pub(crate) fn parse_stored_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Internal(format!("malformed date {text:?} in the database")))
}

/// Fills `person_phone.number_key` for rows written before the column existed.
pub(crate) fn backfill_phone_keys(tx: &Connection) -> Result<()> {
    let rows = tx
        .prepare("SELECT person_id, position, number FROM person_phone")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = tx.prepare(
        "UPDATE person_phone SET number_key = ?3 WHERE person_id = ?1 AND position = ?2",
    )?;
    for (person, position, number) in rows {
        update.execute(params![
            person,
            position,
            super::importing::phone_key(&number)
        ])?;
    }
    Ok(())
}
