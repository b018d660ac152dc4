//! `flocon-bench`: measures Flocon on generated, realistic data and prints each figure next to
//! its floor — raw SQLite doing the same work on the same data, or a bare Tauri app built the
//! same way — with their ratio and the target. `scripts/bench` builds everything and runs it.
//!
//!   flocon-bench [--scale small|large] [--json] [--keep DIR] [--app BIN --hello BIN] [--runs N]
//!   flocon-bench --only import|sync|team [--scale small|large]
//!   flocon-bench --only desktop --keep DIR --app BIN --hello BIN [--runs N]   (DIR already filled)
//!   flocon-bench --only inputs [--flocon BIN] [--json]   (hostile inputs through the CLI)
//!
//! `large` (the default) is `flocon demo --scale large`: 100,000 people, 50,000 sessions with
//! ~2 KB notes…; `small` is a tenth. `--keep DIR` generates into the data directory DIR
//! (which must not hold a database yet) and leaves it there. With `--app` and `--hello` (the
//! release binaries of Flocon and of bench/hello), the desktop figures are measured too; that
//! needs an X display (`xvfb-run`). `--only` measures one part that needs no generated data
//! (for profiling it, e.g. under `perf record`).

mod data;
mod desktop;
mod inputs;
mod measures;
mod sync;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use flocon_core::scale::Scale;
use flocon_core::session::WeekQuery;
use flocon_core::store::search::fts_query;
use flocon_core::{Quarter, Store};
use measures::Pair;
use serde_json::{Value, json};

const QUERIES: usize = 200;

struct Args {
    large: bool,
    json: bool,
    keep: Option<PathBuf>,
    app: Option<PathBuf>,
    hello: Option<PathBuf>,
    runs: usize,
    only: Option<String>,
    flocon: Option<PathBuf>,
}

fn args() -> Args {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    Args {
        large: value("--scale").as_deref() != Some("small") && !args.iter().any(|a| a == "small"),
        json: args.iter().any(|a| a == "--json"),
        keep: value("--keep").map(PathBuf::from),
        app: value("--app").map(PathBuf::from),
        hello: value("--hello").map(PathBuf::from),
        runs: value("--runs").and_then(|r| r.parse().ok()).unwrap_or(9),
        only: value("--only"),
        flocon: value("--flocon").map(PathBuf::from),
    }
}

/// What a row must show.
#[derive(Clone, Copy)]
enum Target {
    None,
    /// At most this many times the floor.
    Ratio(f64),
    /// At most this many milliseconds, whatever the floor.
    UnderMs(f64),
}

/// A row of the table: what, Flocon's figure, the floor's, the target.
struct Row {
    name: String,
    core: f64,
    floor: f64,
    unit: &'static str,
    target: Target,
}

impl Row {
    fn timed(pair: Pair, target: Target) -> Row {
        Row {
            name: pair.name,
            core: ms(pair.core),
            floor: ms(pair.floor),
            unit: "ms",
            target,
        }
    }

    fn ratio(&self) -> f64 {
        if self.floor == 0.0 {
            0.0
        } else {
            self.core / self.floor
        }
    }

    fn met(&self) -> Option<bool> {
        match self.target {
            Target::None => None,
            Target::Ratio(t) => Some(self.ratio() <= t),
            Target::UnderMs(t) => Some(self.core <= t),
        }
    }

    fn target_text(&self) -> String {
        match self.target {
            Target::None => String::new(),
            Target::Ratio(t) => format!("≤{t}x"),
            Target::UnderMs(t) => format!("≤{t} ms"),
        }
    }

    fn json(&self) -> Value {
        json!({
            "measure": self.name, "unit": self.unit, "core": self.core, "floor": self.floor,
            "ratio": self.ratio(), "target": self.target_text(), "met": self.met(),
        })
    }
}

fn main() {
    let args = args();
    if let Err(e) = run(&args) {
        eprintln!("flocon-bench: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    if let Some(part) = &args.only {
        return only(args, part);
    }
    let temp = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
    let dir = args
        .keep
        .clone()
        .unwrap_or_else(|| temp.path().to_path_buf());
    if dir.join(flocon_core::store::DATABASE_FILE).exists() {
        return Err(format!(
            "{} already holds a database; choose an empty folder",
            dir.display()
        ));
    }
    let store = Store::open_in(&dir).map_err(|e| e.to_string())?;
    let scale = if args.large {
        Scale::Large
    } else {
        Scale::Small
    };
    let started = Instant::now();
    let counts = data::generate_at_scale(&store, scale).map_err(|e| e.to_string())?;
    let generated = started.elapsed();
    eprintln!("generated {counts:?} in {:.1} s", generated.as_secs_f64());
    let raw = rusqlite::Connection::open(store.path()).map_err(|e| e.to_string())?;

    let mut rows = search(&store, &raw);
    let today = Utc::now().date_naive();
    // As the home screen asks (ui/src/lib/week/range.ts), for today in UTC.
    let week = WeekQuery::home(&Utc::now()).ok_or("no home query for today")?;
    for pair in measures::screens(&store, &raw, &week, Quarter::of(today)) {
        // Lists must stay under a millisecond at any depth; the rest are shown next to their
        // floor.
        let target = if pair.name.starts_with("contact list") {
            Target::UnderMs(1.0)
        } else {
            Target::None
        };
        rows.push(Row::timed(pair, target));
    }
    let people = if args.large { 100_000 } else { 10_000 };
    let imports = measures::imports(people)?;
    let vcard_import = imports.vcard.core;
    rows.push(Row::timed(imports.vcard, Target::Ratio(3.0)));
    rows.push(Row::timed(imports.csv, Target::Ratio(3.0)));
    rows.push(Row::timed(imports.vcard_bare, Target::None));
    let applied = sync::apply(10_000)?;
    let [same, bare] = sync_pairs(&applied);
    rows.push(Row::timed(same, Target::Ratio(2.0)));
    rows.push(Row::timed(bare, Target::None));
    let team = sync::team(&store)?;
    rows.extend(team_rows(&team, vcard_import));
    let desktop = match (&args.app, &args.hello) {
        (Some(app), Some(hello)) => {
            // The app opens the data as a person would find it: generated, closed, its
            // write-ahead log folded into the database.
            drop(store);
            raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .map_err(|e| e.to_string())?;
            let figures = desktop::measure(app, hello, &dir, args.runs)?;
            rows.push(Row {
                name: "desktop: cold start to first data".into(),
                core: figures.flocon.start_ms_median,
                floor: figures.hello.start_ms_median,
                unit: "ms",
                target: Target::Ratio(1.5),
            });
            rows.push(Row {
                name: "desktop: memory (PSS, app + WebKit)".into(),
                core: figures.flocon.pss_kib as f64 / 1024.0,
                floor: figures.hello.pss_kib as f64 / 1024.0,
                unit: "MiB",
                target: Target::Ratio(1.3),
            });
            rows.push(Row {
                name: "desktop: memory (RSS, app + WebKit)".into(),
                core: figures.flocon.rss_kib as f64 / 1024.0,
                floor: figures.hello.rss_kib as f64 / 1024.0,
                unit: "MiB",
                target: Target::Ratio(1.3),
            });
            Some(figures)
        }
        _ => None,
    };

    if args.json {
        println!(
            "{}",
            json!({
                "scale": if args.large { "large" } else { "small" },
                "counts": format!("{counts:?}"),
                "generated_s": generated.as_secs_f64(),
                "measures": rows.iter().map(Row::json).collect::<Vec<_>>(),
                "desktop": desktop.map(|d| serde_json::to_value(&d).unwrap_or_default()),
            })
        );
        return Ok(());
    }
    println!(
        "Flocon benchmark, {} scale (generated in {:.1} s)",
        if args.large { "large" } else { "small" },
        generated.as_secs_f64()
    );
    print_table(&rows);
    if desktop.is_none() {
        println!(
            "(desktop figures: run scripts/bench, which builds both apps and passes --app/--hello)"
        );
    }
    Ok(())
}

/// The rows as a table: what, Flocon's figure, the floor's, the ratio, the target, whether met.
fn print_table(rows: &[Row]) {
    println!(
        "{:<48} {:>13} {:>13} {:>8} {:>8} {:>4}",
        "measure", "Flocon", "floor", "ratio", "target", "met"
    );
    for row in rows {
        let met = match row.met() {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        println!(
            "{:<48} {:>9.3} {:<3} {:>9.3} {:<3} {:>7.2}x {:>8} {:>4}",
            row.name,
            row.core,
            row.unit,
            row.floor,
            row.unit,
            row.ratio(),
            row.target_text(),
            met
        );
    }
}

/// A team of three laptops on the data set: times against their targets (a new laptop's
/// first sync against importing the same people from a vCard file), sizes against the
/// records' own size.
fn team_rows(team: &sync::TeamFigures, import: std::time::Duration) -> Vec<Row> {
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let records = mb(team.records_bytes);
    let mut rows = vec![
        Row {
            name: format!("sync: first sync ({} files)", team.first_sync_files),
            core: ms(team.first_sync),
            floor: 0.0,
            unit: "ms",
            target: Target::None,
        },
        Row {
            name: "sync: new laptop's first sync vs vCard import".into(),
            core: ms(team.join),
            floor: ms(import),
            unit: "ms",
            target: Target::Ratio(3.0),
        },
        Row {
            name: "sync: nothing new".into(),
            core: ms(team.nothing_new),
            floor: 0.0,
            unit: "ms",
            target: Target::UnderMs(500.0),
        },
        Row {
            name: "sync: one change to bring in".into(),
            core: ms(team.one_change),
            floor: 0.0,
            unit: "ms",
            target: Target::UnderMs(500.0),
        },
        Row {
            name: "sync: folder (3 laptops) vs records".into(),
            core: mb(team.folder_bytes),
            floor: records,
            unit: "MB",
            target: Target::Ratio(2.0),
        },
        Row {
            name: "sync: largest file of the folder".into(),
            core: mb(team.largest_file),
            floor: 0.0,
            unit: "MB",
            target: Target::None,
        },
    ];
    for (name, bytes) in ["A", "B", "C"].iter().zip(team.data_bytes) {
        rows.push(Row {
            name: format!("sync: laptop {name}'s data folder vs records"),
            core: mb(bytes),
            floor: records,
            unit: "MB",
            target: Target::Ratio(2.0),
        });
    }
    rows
}

/// Applying sync changes against the same rows upserted raw, and against bare upserts.
fn sync_pairs(applied: &sync::SyncFigures) -> [Pair; 2] {
    [
        Pair {
            name: format!("sync: apply {} changes", applied.changes),
            core: applied.core,
            floor: applied.floor,
        },
        Pair {
            name: format!("sync: apply {} vs bare upserts", applied.changes),
            core: applied.core,
            floor: applied.bare,
        },
    ]
}

/// One part that needs no generated data, printed as plain lines.
fn only(args: &Args, part: &str) -> Result<(), String> {
    let pairs = match part {
        "import" => {
            let imports = measures::imports(if args.large { 100_000 } else { 10_000 })?;
            vec![imports.vcard, imports.csv, imports.vcard_bare]
        }
        "sync" => {
            let applied = sync::apply(10_000)?;
            sync_pairs(&applied).into()
        }
        "team" => {
            // Three laptops on the data set of the scale: its rows alone.
            let temp = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
            let store = Store::open_in(temp.path()).map_err(|e| e.to_string())?;
            let scale = if args.large {
                Scale::Large
            } else {
                Scale::Small
            };
            data::generate_at_scale(&store, scale).map_err(|e| e.to_string())?;
            let people = if args.large { 100_000 } else { 10_000 };
            let import = measures::imports(people)?.vcard.core;
            let team = sync::team(&store)?;
            print_table(&team_rows(&team, import));
            return Ok(());
        }
        "desktop" => {
            let dir = args.keep.as_ref().ok_or(
                "--only desktop needs --keep DIR, a data directory already filled (flocon demo --scale …)",
            )?;
            let (Some(app), Some(hello)) = (&args.app, &args.hello) else {
                return Err("--only desktop needs --app and --hello".into());
            };
            let figures = desktop::measure(app, hello, dir, args.runs)?;
            for (name, f) in [("flocon", &figures.flocon), ("hello", &figures.hello)] {
                println!(
                    "{name}: start {:.0} ms (page from {:.0} ms), PSS {} MiB, RSS {} MiB",
                    f.start_ms_median,
                    f.page_start_ms_median,
                    f.pss_kib / 1024,
                    f.rss_kib / 1024
                );
            }
            return Ok(());
        }
        "inputs" => {
            let figures = inputs::measure(args.flocon.as_deref())?;
            if args.json {
                println!("{}", inputs::json(&figures));
            } else {
                inputs::print(&figures);
            }
            return Ok(());
        }
        other => {
            return Err(format!(
                "--only takes import, sync, team, desktop or inputs, not {other:?}"
            ));
        }
    };
    for pair in pairs {
        let row = Row::timed(pair, Target::None);
        println!(
            "{}: {:.3} ms, floor {:.3} ms, {:.2}x",
            row.name,
            row.core,
            row.floor,
            row.ratio()
        );
    }
    Ok(())
}

/// The 200 queries through the core and as raw FTS5 SQL: p50 and p95 of each.
fn search(store: &Store, raw: &rusqlite::Connection) -> Vec<Row> {
    let queries = data::queries(QUERIES);
    let mut core = Vec::with_capacity(queries.len());
    let mut floor = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    // One warm-up pass so both sides run on a warm page cache.
    for q in &queries {
        let _ = store.search(q, 20);
    }
    for q in &queries {
        let t = Instant::now();
        hits += store.search(q, 20).map(|h| h.len()).unwrap_or(0);
        core.push(t.elapsed());
        let t = Instant::now();
        let _ = raw_search(raw, q);
        floor.push(t.elapsed());
    }
    [50, 95]
        .into_iter()
        .map(|p| Row {
            name: format!("search p{p} ({QUERIES} queries, {hits} results)"),
            core: ms(percentile(&mut core, p)),
            floor: ms(percentile(&mut floor, p)),
            unit: "ms",
            target: if p == 95 {
                Target::Ratio(1.5)
            } else {
                Target::None
            },
        })
        .collect()
}

/// The floor: the same FTS5 query, ranked the same way, returning ids only.
fn raw_search(conn: &rusqlite::Connection, text: &str) -> rusqlite::Result<usize> {
    let Some(q) = fts_query(text) else {
        return Ok(0);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT record_id FROM search_index WHERE search_index MATCH ?1
         ORDER BY bm25(search_index, 0.0, 0.0, 10.0, 1.0) LIMIT 20",
    )?;
    let rows = stmt.query_map([q], |r| r.get::<_, String>(0))?;
    Ok(rows.count())
}

fn percentile(samples: &mut [Duration], p: usize) -> Duration {
    samples.sort();
    samples
        .get((samples.len() * p / 100).min(samples.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
