//! Applying incoming sync changes: one laptop writes realistic changes to a folder, a fresh
//! laptop receives and applies them, timed. Two floors: raw SQL upserting, in one transaction,
//! every row the apply left (the same rows in the same schema: history, synced state, records,
//! search entries); and a bare 10,000 upserts into one small table.

use std::time::{Duration, Instant};

use flocon_core::Store;
use flocon_core::sync::{KdfParams, open_or_create};

pub struct SyncFigures {
    pub changes: u64,
    pub core: Duration,
    /// The same rows, upserted by raw SQL into a new Flocon database.
    pub floor: Duration,
    /// As many upserts into a bare key-value table.
    pub bare: Duration,
}

/// About `target` field changes: people made on one laptop (each person is ~20 fields, an
/// email, a tag), applied on another.
pub fn apply(target: usize) -> Result<SyncFigures, String> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let folder = temp.path().join("partage");
    let sender = Store::open_in(&temp.path().join("a")).map_err(|e| e.to_string())?;
    let receiver = Store::open_in(&temp.path().join("b")).map_err(|e| e.to_string())?;
    // The key's cost is not what is measured here.
    let key = open_or_create(&folder, "banc d'essai", KdfParams::FAST_FOR_TESTS)
        .map_err(|e| e.to_string())?;
    super::data::generate(&sender, target / 22).map_err(|e| e.to_string())?;
    let sent = sender
        .sync_with_folder(&folder, &key)
        .map_err(|e| e.to_string())?;

    let started = Instant::now();
    let received = receiver
        .sync_with_folder(&folder, &key)
        .map_err(|e| e.to_string())?;
    let core = started.elapsed();
    if received.received_changes != sent.sent_changes {
        return Err(format!(
            "sent {} changes, applied {}",
            sent.sent_changes, received.received_changes
        ));
    }
    let bare = raw_upserts(received.received_changes as usize).map_err(|e| e.to_string())?;
    let rows = all_rows(&receiver.path()).map_err(|e| e.to_string())?;
    let floor = upsert_same_rows(&temp.path().join("c"), &rows)?;
    Ok(SyncFigures {
        changes: received.received_changes,
        core,
        floor,
        bare,
    })
}

/// Every row of every table of a database (FTS5's own tables aside: its rows are read
/// through the index itself), by table.
type Rows = Vec<(String, Vec<String>, Vec<Vec<rusqlite::types::Value>>)>;

fn all_rows(path: &std::path::Path) -> rusqlite::Result<Rows> {
    let conn = rusqlite::Connection::open(path)?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (table, select) in tables
        .iter()
        .map(|t| (t.clone(), format!("SELECT * FROM \"{t}\"")))
        .chain([(
            "search_index".to_string(),
            "SELECT rowid, kind, record_id, title, body FROM search_index".to_string(),
        )])
    {
        let mut stmt = conn.prepare(&select)?;
        let columns: Vec<String> = stmt.column_names().map(String::from).collect();
        let n = columns.len();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push((table, columns, rows));
    }
    Ok(out)
}

/// The floor: `rows` upserted by raw SQL into a new Flocon database (same tables, indexes and
/// triggers, quiet as during a sync) in one transaction.
fn upsert_same_rows(dir: &std::path::Path, rows: &Rows) -> Result<Duration, String> {
    drop(Store::open_in(dir).map_err(|e| e.to_string())?);
    let mut conn = rusqlite::Connection::open(dir.join(flocon_core::store::DATABASE_FILE))
        .map_err(|e| e.to_string())?;
    let run = |conn: &mut rusqlite::Connection| -> rusqlite::Result<Duration> {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
        )?;
        let started = Instant::now();
        let tx = conn.transaction()?;
        tx.execute("INSERT INTO sync_applying (flag) VALUES (1)", [])?;
        for (table, columns, values) in rows {
            if table == "sync_applying" {
                continue;
            }
            let names: Vec<String> = columns
                .iter()
                .map(|c| {
                    if c == "rowid" {
                        c.clone()
                    } else {
                        format!("\"{c}\"")
                    }
                })
                .collect();
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let mut stmt = tx.prepare(&format!(
                "INSERT OR REPLACE INTO \"{table}\" ({}) VALUES ({})",
                names.join(", "),
                marks.join(", ")
            ))?;
            for row in values {
                stmt.execute(rusqlite::params_from_iter(row))?;
            }
        }
        tx.execute("DELETE FROM sync_applying", [])?;
        tx.commit()?;
        Ok(started.elapsed())
    };
    run(&mut conn).map_err(|e| e.to_string())
}

/// The floor: `n` field values upserted into one table in one transaction.
fn raw_upserts(n: usize) -> rusqlite::Result<Duration> {
    let temp =
        tempfile::tempdir().map_err(|e| rusqlite::Error::InvalidPath(e.to_string().into()))?;
    let mut conn = rusqlite::Connection::open(temp.path().join("floor.sqlite3"))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE field (record TEXT NOT NULL, col TEXT NOT NULL, value TEXT,
                             PRIMARY KEY (record, col)) WITHOUT ROWID;",
    )?;
    let started = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare(
            "INSERT INTO field (record, col, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (record, col) DO UPDATE SET value = excluded.value",
        )?;
        for i in 0..n {
            stmt.execute(rusqlite::params![
                format!("0190{:028}", i / 20),
                format!("column{}", i % 20),
                format!("valeur numéro {i}")
            ])?;
        }
    }
    tx.commit()?;
    Ok(started.elapsed())
}

/// A team of three laptops on the bench's data set, through one shared folder.
pub struct TeamFigures {
    /// The records' own size: the first laptop's data folder before it ever synced.
    pub records_bytes: u64,
    pub first_sync: Duration,
    pub first_sync_files: u32,
    /// A new laptop's first sync: everything received and applied.
    pub join: Duration,
    pub nothing_new: Duration,
    pub one_change: Duration,
    pub folder_bytes: u64,
    /// The largest file of the folder.
    pub largest_file: u64,
    /// Each laptop's data folder after everyone synced.
    pub data_bytes: [u64; 3],
}

/// Laptop A holds the data set (a copy of `source`'s database); it syncs first; B and C join
/// from the folder; B and C each change one contact; then A syncs with one change to bring
/// in, and again with nothing new.
pub fn team(source: &Store) -> Result<TeamFigures, String> {
    let e = |e: flocon_core::Error| e.to_string();
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dirs = ["a", "b", "c"].map(|n| temp.path().join(n));
    std::fs::create_dir_all(&dirs[0]).map_err(|e| e.to_string())?;
    flocon_core::backup::backup_to(
        &source.path(),
        &dirs[0].join(flocon_core::store::DATABASE_FILE),
    )
    .map_err(e)?;
    let records_bytes = dir_bytes(&dirs[0]);
    let folder = temp.path().join("partage");
    let key = open_or_create(&folder, "banc d'essai", KdfParams::FAST_FOR_TESTS).map_err(e)?;
    let a = Store::open_in(&dirs[0]).map_err(e)?;

    let started = Instant::now();
    let first = a.sync_with_folder(&folder, &key).map_err(e)?;
    let first_sync = started.elapsed();

    let b = Store::open_in(&dirs[1]).map_err(e)?;
    let started = Instant::now();
    let joined = b.sync_with_folder(&folder, &key).map_err(e)?;
    let join = started.elapsed();
    if joined.received_changes != first.sent_changes || joined.waiting > 0 {
        return Err(format!(
            "the new laptop received {} changes of {} ({} waiting)",
            joined.received_changes, first.sent_changes, joined.waiting
        ));
    }
    let c = Store::open_in(&dirs[2]).map_err(e)?;
    c.sync_with_folder(&folder, &key).map_err(e)?;

    for (laptop, city) in [(&b, "Montreuil"), (&c, "Villeurbanne")] {
        let person = laptop
            .list_persons(&Default::default())
            .map_err(e)?
            .into_iter()
            .next()
            .ok_or("no contact to change")?;
        let mut draft =
            flocon_core::person::PersonDraft::from(laptop.get_person(person.id).map_err(e)?);
        draft.profile.city = Some(city.into());
        laptop.update_person(person.id, draft).map_err(e)?;
        laptop.sync_with_folder(&folder, &key).map_err(e)?;
    }
    let started = Instant::now();
    let received = a.sync_with_folder(&folder, &key).map_err(e)?;
    let one_change = started.elapsed();
    if received.received_commits == 0 {
        return Err("laptop A received nothing".into());
    }
    let started = Instant::now();
    a.sync_with_folder(&folder, &key).map_err(e)?;
    let nothing_new = started.elapsed();
    b.sync_with_folder(&folder, &key).map_err(e)?;
    c.sync_with_folder(&folder, &key).map_err(e)?;

    let files = files(&folder);
    let figures = TeamFigures {
        records_bytes,
        first_sync,
        first_sync_files: first.files_written,
        join,
        nothing_new,
        one_change,
        folder_bytes: files.iter().sum(),
        largest_file: files.iter().copied().max().unwrap_or(0),
        data_bytes: [0, 1, 2].map(|i| dir_bytes(&dirs[i])),
    };
    drop((a, b, c));
    Ok(figures)
}

/// The sizes of every file under `dir`.
fn files(dir: &std::path::Path) -> Vec<u64> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if let Ok(meta) = entry.metadata() {
            out.push(meta.len());
        }
    }
    out
}

fn dir_bytes(dir: &std::path::Path) -> u64 {
    files(dir).iter().sum()
}
