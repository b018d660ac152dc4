//! `flocon-bench`: measures Flocon's core on generated, realistic data and prints each figure
//! next to the floor (raw SQLite doing the same query on the same database) and their ratio.
//!
//!   cargo run --release -p flocon-bench -- [--scale small|large] [--json] [--keep DIR]
//!
//! `--keep DIR` generates the data into the data directory DIR (which must not hold a
//! database yet) and leaves it there, to open it in the app.
//!
//! `large` is 100,000 people, half of them with ~2 KB of French-like Markdown notes; `small`
//! is a tenth of that. The data is the same for the same scale (a fixed seed).

mod data;
mod desktop;
mod sync;

use std::time::{Duration, Instant};

use flocon_core::Store;
use flocon_core::scale::Scale;
use flocon_core::store::search::fts_query;

const QUERIES: usize = 200;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let large = !args.iter().any(|a| a == "small");
    let json = args.iter().any(|a| a == "--json");
    let people = if large { 100_000 } else { 10_000 };

    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let temp = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return eprintln!("flocon-bench: no temporary folder: {e}"),
    };
    let dir = keep.unwrap_or_else(|| temp.path().to_path_buf());
    if dir.join(flocon_core::store::DATABASE_FILE).exists() {
        return eprintln!(
            "flocon-bench: {} already holds a database; choose an empty folder",
            dir.display()
        );
    }
    let store = match Store::open_in(&dir) {
        Ok(s) => s,
        Err(e) => return eprintln!("flocon-bench: {e}"),
    };
    let started = Instant::now();
    let scale = if large { Scale::Large } else { Scale::Small };
    if let Err(e) = data::generate_at_scale(&store, scale) {
        return eprintln!("flocon-bench: generating the data failed: {e}");
    }
    let generated = started.elapsed();
    let raw = match rusqlite::Connection::open(store.path()) {
        Ok(c) => c,
        Err(e) => return eprintln!("flocon-bench: {e}"),
    };

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
        let _ = raw_search(&raw, q);
        floor.push(t.elapsed());
    }
    let (c50, c95) = (percentile(&mut core, 50), percentile(&mut core, 95));
    let (f50, f95) = (percentile(&mut floor, 50), percentile(&mut floor, 95));
    let applied = match sync::apply(10_000) {
        Ok(figures) => figures,
        Err(e) => return eprintln!("flocon-bench: the sync benchmark failed: {e}"),
    };
    if json {
        println!(
            "{}",
            serde_json::json!({
                "people": people,
                "notes": people / 2,
                "generated_s": generated.as_secs_f64(),
                "search": {
                    "queries": queries.len(),
                    "results": hits,
                    "core_p50_ms": ms(c50), "core_p95_ms": ms(c95),
                    "floor_p50_ms": ms(f50), "floor_p95_ms": ms(f95),
                    "ratio_p95": ratio(c95, f95),
                },
                "sync_apply": {
                    "changes": applied.changes,
                    "core_ms": ms(applied.core),
                    "floor_ms": ms(applied.floor),
                    "ratio": ratio(applied.core, applied.floor),
                }
            })
        );
    } else {
        println!(
            "Flocon benchmark: {people} people, {} with ~2 KB notes (generated in {:.1} s)",
            people / 2,
            generated.as_secs_f64()
        );
        println!(
            "{:<34} {:>10} {:>10} {:>10} {:>10} {:>7}",
            "measure", "core p50", "core p95", "floor p50", "floor p95", "ratio"
        );
        println!(
            "{:<34} {:>8.3}ms {:>8.3}ms {:>8.3}ms {:>8.3}ms {:>6.2}x",
            format!("search ({} queries, {hits} results)", queries.len()),
            ms(c50),
            ms(c95),
            ms(f50),
            ms(f95),
            ratio(c95, f95)
        );
        println!(
            "{:<34} {:>10} {:>8.1}ms {:>10} {:>8.1}ms {:>6.2}x",
            format!("sync: apply {} changes", applied.changes),
            "",
            ms(applied.core),
            "",
            ms(applied.floor),
            ratio(applied.core, applied.floor)
        );
    }
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

fn ratio(a: Duration, b: Duration) -> f64 {
    if b.is_zero() {
        0.0
    } else {
        a.as_secs_f64() / b.as_secs_f64()
    }
}
