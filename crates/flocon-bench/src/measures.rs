//! The screens people open all day, timed through the core and as the raw SQL floor on the
//! same database: the contact list (first page and a deep page, keyset), a person's page,
//! "Ma semaine" and the roadmap board. Each is run `RUNS` times after a warm-up; medians.

use std::time::{Duration, Instant};

use flocon_core::roadmap::ObjectiveQuery;
use flocon_core::session::WeekQuery;
use flocon_core::{PersonQuery, Quarter, Store};
use rusqlite::{Connection, params};

const RUNS: usize = 30;
const PAGE: u32 = 50;

/// One measure: the core's median, the floor's median.
pub struct Pair {
    pub name: String,
    pub core: Duration,
    pub floor: Duration,
}

fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn pair(name: &str, core: impl FnMut(), floor: impl FnMut()) -> Pair {
    Pair {
        name: name.to_string(),
        core: median(core),
        floor: median(floor),
    }
}

/// The list's own query, as the core writes it, without the core around it.
const LIST_SQL: &str = "SELECT p.id, p.first_name, p.last_name, p.organization, p.city,
        (SELECT address FROM person_email e WHERE e.person_id = p.id ORDER BY e.position LIMIT 1),
        (SELECT group_concat(t.name, char(31)) FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
         WHERE pt.person_id = p.id),
        (SELECT group_concat(s.sector, char(31)) FROM person_sector s WHERE s.person_id = p.id)
     FROM person p WHERE 1 = 1";

fn raw_list(conn: &Connection, after: Option<&str>) -> usize {
    let sql = match after {
        Some(_) => format!(
            "{LIST_SQL} AND (p.sort_key, p.id) > (SELECT sort_key, id FROM person WHERE id = ?1)
             ORDER BY p.sort_key, p.id LIMIT {PAGE}"
        ),
        None => format!("{LIST_SQL} ORDER BY p.sort_key, p.id LIMIT {PAGE}"),
    };
    let mut stmt = conn.prepare_cached(&sql).expect("list SQL");
    let read = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    };
    match after {
        Some(a) => stmt.query_map([a], read).map(|r| r.count()),
        None => stmt.query_map([], read).map(|r| r.count()),
    }
    .unwrap_or(0)
}

/// The raw queries a person's page needs: the person, their emails, phones, tags, memberships
/// and conversations.
fn raw_person_page(conn: &Connection, id: &str) -> usize {
    let mut n = 0;
    for sql in [
        "SELECT * FROM person WHERE id = ?1",
        "SELECT * FROM person_email WHERE person_id = ?1 ORDER BY position",
        "SELECT * FROM person_phone WHERE person_id = ?1 ORDER BY position",
        "SELECT t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = ?1",
        "SELECT m.*, o.name FROM membership m JOIN organization o ON o.id = m.organization_id
         WHERE m.person_id = ?1",
        "SELECT i.* FROM interaction i JOIN interaction_person ip ON ip.interaction_id = i.id
         WHERE ip.person_id = ?1 ORDER BY i.date DESC",
        "SELECT s.id, s.title, s.starts_at FROM session s JOIN session_person sp
         ON sp.session_id = s.id WHERE sp.person_id = ?1 ORDER BY s.starts_at DESC",
    ] {
        let mut stmt = conn.prepare_cached(sql).expect("page SQL");
        let columns = stmt.column_count();
        n += stmt
            .query_map([id], |r| {
                (0..columns)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map(|r| r.count())
            .unwrap_or(0);
    }
    n
}

/// The raw queries behind "Ma semaine": the week's sessions, open actions by due date, and
/// engagements in progress with their last session.
fn raw_week(conn: &Connection, week: &WeekQuery) -> usize {
    let (from, to) = (week.week_start.to_rfc3339(), week.week_end.to_rfc3339());
    let mut n = 0;
    let mut sessions = conn
        .prepare_cached(
            "SELECT id, title, starts_at, place FROM session
             WHERE starts_at >= ?1 AND starts_at < ?2 ORDER BY starts_at",
        )
        .expect("week SQL");
    n += sessions
        .query_map(params![from, to], |r| r.get::<_, String>(0))
        .map(|r| r.count())
        .unwrap_or(0);
    let mut actions = conn
        .prepare_cached(
            "SELECT a.id, a.text, a.due_on, p.first_name, p.last_name FROM action a
             LEFT JOIN person p ON p.id = a.owner_id
             WHERE a.status = 'todo' AND a.due_on <= ?1 ORDER BY a.due_on",
        )
        .expect("actions SQL");
    let horizon = (week.today + chrono::Duration::days(15)).to_string();
    n += actions
        .query_map([horizon], |r| r.get::<_, String>(0))
        .map(|r| r.count())
        .unwrap_or(0);
    let mut quiet = conn
        .prepare_cached(
            "SELECT e.id, e.title, (SELECT max(starts_at) FROM session s WHERE s.engagement_id = e.id)
             FROM engagement e WHERE e.status = 'active'",
        )
        .expect("engagements SQL");
    n += quiet
        .query_map([], |r| r.get::<_, String>(0))
        .map(|r| r.count())
        .unwrap_or(0);
    n
}

fn raw_roadmap(conn: &Connection, quarter: &str) -> usize {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.*, a.name,
                    (SELECT group_concat(p.first_name || ' ' || p.last_name, char(31))
                     FROM objective_owner w JOIN person p ON p.id = w.person_id
                     WHERE w.objective_id = o.id)
             FROM objective o JOIN roadmap_axis a ON a.id = o.axis_id
             WHERE o.quarter = ?1 ORDER BY a.position, o.title",
        )
        .expect("roadmap SQL");
    let columns = stmt.column_count();
    stmt.query_map([quarter], |r| {
        (0..columns)
            .map(|i| r.get::<_, rusqlite::types::Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })
    .map(|r| r.count())
    .unwrap_or(0)
}

/// The screens, on the store's data. `week` is the week to show ("this week" of the data).
pub fn screens(store: &Store, raw: &Connection, week: &WeekQuery, quarter: Quarter) -> Vec<Pair> {
    let total: i64 = raw
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .unwrap_or(0);
    // The person whose page is opened, and the last one before a page 90% down the list.
    let someone: String = raw
        .query_row(
            "SELECT sp.person_id FROM session_person sp GROUP BY sp.person_id
             ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .or_else(|_| raw.query_row("SELECT id FROM person LIMIT 1", [], |r| r.get(0)))
        .unwrap_or_default();
    let deep: String = raw
        .query_row(
            "SELECT id FROM person ORDER BY sort_key, id LIMIT 1 OFFSET ?1",
            [total * 9 / 10],
            |r| r.get(0),
        )
        .unwrap_or_default();
    let deep_id = flocon_core::parse_id(&deep).ok();
    let someone_id = flocon_core::parse_id(&someone).ok();
    let first = PersonQuery {
        limit: Some(PAGE),
        ..PersonQuery::default()
    };
    let deep_query = PersonQuery {
        after: deep_id,
        limit: Some(PAGE),
        ..PersonQuery::default()
    };
    let quarter_text = quarter.to_string();
    vec![
        pair(
            "contact list, first page",
            || {
                let _ = std::hint::black_box(store.list_persons(&first));
            },
            || {
                let _ = std::hint::black_box(raw_list(raw, None));
            },
        ),
        pair(
            "contact list, page at 90%",
            || {
                let _ = std::hint::black_box(store.list_persons(&deep_query));
            },
            || {
                let _ = std::hint::black_box(raw_list(raw, Some(&deep)));
            },
        ),
        pair(
            "person page",
            || {
                let _ = std::hint::black_box(someone_id.map(|id| store.person_page(id)));
            },
            || {
                let _ = std::hint::black_box(raw_person_page(raw, &someone));
            },
        ),
        pair(
            "Ma semaine",
            || {
                let _ = std::hint::black_box(store.week(week));
            },
            || {
                let _ = std::hint::black_box(raw_week(raw, week));
            },
        ),
        pair(
            "roadmap board",
            || {
                let _ = std::hint::black_box(store.roadmap(quarter, &ObjectiveQuery::default()));
            },
            || {
                let _ = std::hint::black_box(raw_roadmap(raw, &quarter_text));
            },
        ),
    ]
}

const FIRST: [&str; 12] = [
    "Élodie", "Karim", "Awa", "Théo", "Inès", "Zoé", "Mathéo", "Léa", "Noé", "Chloé", "Aïcha",
    "Jérôme",
];
const LAST: [&str; 10] = [
    "Dupré",
    "Lefèvre",
    "Diallo",
    "Benali",
    "Rousseau",
    "Gauthier",
    "Nguyễn",
    "Moreau",
    "Lemaître",
    "Caron",
];
const CITIES: [&str; 6] = [
    "Montreuil",
    "Saint-Denis",
    "Villeurbanne",
    "Vénissieux",
    "Roubaix",
    "Besançon",
];

/// Importing `n` people from a vCard file and from a CSV file into an empty database, against
/// the floor: the same people bulk-inserted with raw SQL in one transaction.
pub fn imports(n: usize) -> Result<Imports, String> {
    let people: Vec<(String, String, String, String)> = (0..n)
        .map(|i| {
            let first = FIRST[i % FIRST.len()].to_string();
            // Unique names: an import merges people it recognises by name.
            let last = format!("{} {i:06}", LAST[(i / FIRST.len()) % LAST.len()]);
            let email = format!(
                "{}.{}.{i}@exemple.org",
                flocon_core::text::fold(&first).replace(' ', "."),
                flocon_core::text::fold(&last).replace(' ', ".")
            );
            (first, last, email, CITIES[i % CITIES.len()].to_string())
        })
        .collect();
    let mut csv = String::from("first_name,last_name,email,city\n");
    let mut vcard = String::new();
    for (first, last, email, city) in &people {
        csv.push_str(&format!("{first},{last},{email},{city}\n"));
        vcard.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:{last};{first};;;\r\nFN:{first} {last}\r\n\
             EMAIL;TYPE=work:{email}\r\nADR;TYPE=home:;;;{city};;;\r\nEND:VCARD\r\n"
        ));
    }
    let import = |bytes: &[u8]| -> Result<Duration, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let store = Store::open_in(dir.path()).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let report = store.import(bytes, false).map_err(|e| e.to_string())?;
        let took = started.elapsed();
        if report.created.len() != n {
            return Err(format!("imported {} people of {n}", report.created.len()));
        }
        Ok(took)
    };
    let floor = raw_insert_same_rows(&people).map_err(|e| e.to_string())?;
    let bare = raw_bulk_insert(&people).map_err(|e| e.to_string())?;
    let vcard = import(vcard.as_bytes())?;
    let csv = import(csv.as_bytes())?;
    Ok(Imports {
        vcard: Pair {
            name: format!("import {n} people (vCard)"),
            core: vcard,
            floor,
        },
        csv: Pair {
            name: format!("import {n} people (CSV)"),
            core: csv,
            floor,
        },
        vcard_bare: Pair {
            name: format!("import {n} (vCard) vs bare 2-table insert"),
            core: vcard,
            floor: bare,
        },
    })
}

/// The import's figures: each format against the same rows written by raw SQL into a Flocon
/// database, and the vCard one against a bare two-table insert as well.
pub struct Imports {
    pub vcard: Pair,
    pub csv: Pair,
    pub vcard_bare: Pair,
}

/// The floor of an import: raw SQL writing the very rows the import leaves — each person with
/// their folded keys, their email, their search entry — into a new Flocon database (same
/// tables, indexes and sync triggers), in one transaction, with nothing parsed, checked or
/// matched. What the import costs beyond it is Flocon's own work.
fn raw_insert_same_rows(people: &[(String, String, String, String)]) -> Result<Duration, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    drop(Store::open_in(dir.path()).map_err(|e| e.to_string())?);
    let mut conn = Connection::open(dir.path().join(flocon_core::store::DATABASE_FILE))
        .map_err(|e| e.to_string())?;
    let run = |conn: &mut Connection| -> rusqlite::Result<Duration> {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;",
        )?;
        let fold = flocon_core::text::fold;
        let rows: Vec<[String; 8]> = people
            .iter()
            .enumerate()
            .map(|(i, (first, last, email, city))| {
                [
                    format!("0190{i:028}"),
                    first.clone(),
                    last.clone(),
                    flocon_core::person::sort_key(first, last),
                    fold(&format!("{first} {last} {email}")),
                    city.clone(),
                    fold(city),
                    email.clone(),
                ]
            })
            .collect();
        let started = Instant::now();
        let tx = conn.transaction()?;
        {
            let mut person = tx.prepare(
                "INSERT INTO person (id, first_name, last_name, notes, sort_key, match_text,
                                     languages, city, city_key, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '', ?4, ?5, '[]', ?6, ?7,
                         '2026-11-26T10:00:00Z', '2026-11-26T10:00:00Z')",
            )?;
            let mut email = tx.prepare(
                "INSERT INTO person_email (person_id, position, label, address)
                 VALUES (?1, 0, 'work', ?2)",
            )?;
            for r in &rows {
                person.execute(params![r[0], r[1], r[2], r[3], r[4], r[5], r[6]])?;
                email.execute(params![r[0], r[7]])?;
            }
            tx.execute_batch(
                "INSERT INTO search_doc (kind, record_id) SELECT 'person', id FROM person;
                 INSERT INTO search_index (rowid, kind, record_id, title, body)
                 SELECT d.doc_id, 'person', p.id, p.first_name || ' ' || p.last_name,
                        p.city || ' · ' || e.address
                 FROM person p JOIN person_email e ON e.person_id = p.id
                 JOIN search_doc d ON d.kind = 'person' AND d.record_id = p.id;",
            )?;
        }
        tx.commit()?;
        Ok(started.elapsed())
    };
    run(&mut conn).map_err(|e| e.to_string())
}

/// A bare floor: two tables with no index, trigger or search entry.
fn raw_bulk_insert(people: &[(String, String, String, String)]) -> rusqlite::Result<Duration> {
    let dir =
        tempfile::tempdir().map_err(|e| rusqlite::Error::InvalidPath(e.to_string().into()))?;
    let mut conn = Connection::open(dir.path().join("floor.sqlite3"))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE person (id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, city TEXT) STRICT;
         CREATE TABLE person_email (person_id TEXT, position INTEGER, address TEXT,
                                    PRIMARY KEY (person_id, position)) STRICT, WITHOUT ROWID;",
    )?;
    let started = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut person = tx.prepare("INSERT INTO person VALUES (?1, ?2, ?3, ?4)")?;
        let mut email = tx.prepare("INSERT INTO person_email VALUES (?1, 0, ?2)")?;
        for (i, (first, last, address, city)) in people.iter().enumerate() {
            let id = format!("0190{i:028}");
            person.execute(params![id, first, last, city])?;
            email.execute(params![id, address])?;
        }
    }
    tx.commit()?;
    Ok(started.elapsed())
}
