//! `--only inputs`: the hostile inputs of issue #18, each fed to the real `flocon` binary at
//! three sizes, each twice the one before. For each size: the command's wall time, the peak
//! memory of the `flocon` process (its maximum resident set, as GNU time reads it from the
//! kernel when the process ends), what it answered (imported, or refused with a line), and
//! `flocon check` run after it. The cost must grow linearly: each doubling at most
//! [`TARGET`] times the time.
//!
//! The `flocon` binary is the one beside this one (`target/release/flocon`) unless `--flocon
//! BIN` names another; GNU time must be at `/usr/bin/time` (Debian: `apt install time`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Each doubling of the input at most this many times the time.
pub const TARGET: f64 = 2.2;
/// Runs shorter than this are repeated and their median kept.
const SHORT: Duration = Duration::from_secs(2);
const REPEATS: usize = 3;

/// How one size went.
pub struct Measured {
    pub size: usize,
    pub bytes: u64,
    pub time: Duration,
    pub peak_kib: u64,
    pub outcome: String,
}

/// One hostile input at its three sizes.
pub struct Figures {
    pub input: &'static str,
    pub unit: &'static str,
    pub sizes: Vec<Measured>,
}

impl Figures {
    /// Time ratio of each size to the one before.
    pub fn ratios(&self) -> Vec<f64> {
        self.sizes
            .windows(2)
            .map(|w| w[1].time.as_secs_f64() / w[0].time.as_secs_f64().max(1e-9))
            .collect()
    }
}

/// The binary and GNU time.
struct Flocon {
    bin: PathBuf,
    time: PathBuf,
}

impl Flocon {
    fn find(given: Option<&Path>) -> Result<Flocon, String> {
        let bin = match given {
            Some(bin) => bin.to_path_buf(),
            None => std::env::current_exe()
                .map_err(|e| format!("cannot find this program: {e}"))?
                .with_file_name("flocon"),
        };
        if !bin.exists() {
            return Err(format!(
                "{} not found: build it (cargo build --release -p flocon-cli) or pass --flocon BIN",
                bin.display()
            ));
        }
        let time = PathBuf::from("/usr/bin/time");
        if !time.exists() {
            return Err("GNU time is needed at /usr/bin/time (Debian: apt install time)".into());
        }
        Ok(Flocon { bin, time })
    }

    /// Runs a step that is not measured; it must succeed. Returns its standard output.
    fn setup(&self, data: &Path, args: &[&str]) -> Result<String, String> {
        let out = Command::new(&self.bin)
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .env_remove("FLOCON_DATA_DIR")
            .output()
            .map_err(|e| format!("flocon does not run: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "flocon {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// Runs the measured command under GNU time: wall time, peak memory, output.
    fn measure(&self, data: &Path, args: &[String]) -> Result<(Duration, u64, Output), String> {
        let peak_file = data.with_extension("peak");
        let started = Instant::now();
        let out = Command::new(&self.time)
            .arg("-o")
            .arg(&peak_file)
            .args(["-f", "%M"])
            .arg(&self.bin)
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .env_remove("FLOCON_DATA_DIR")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("flocon does not run under {}: {e}", self.time.display()))?;
        let elapsed = started.elapsed();
        let peak = std::fs::read_to_string(&peak_file)
            .map_err(|e| format!("no peak memory from GNU time: {e}"))?;
        // GNU time adds "Command exited with non-zero status N" before the figure.
        let peak_kib = peak
            .lines()
            .filter_map(|l| l.trim().parse::<u64>().ok())
            .next_back()
            .ok_or_else(|| format!("unreadable peak memory {peak:?}"))?;
        Ok((elapsed, peak_kib, out))
    }
}

/// What the command answered, in a few words.
fn outcome(out: &Output) -> String {
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err.lines().next().unwrap_or_default();
        let line = line.strip_prefix("flocon: ").unwrap_or(line);
        return format!("refused: {}", shorten(line, 70));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    match serde_json::from_str::<Value>(&text) {
        Ok(report) if report.get("created").is_some() => {
            let n = |k: &str| report[k].as_array().map_or(0, Vec::len);
            let mut said = format!(
                "imported: {} created, {} merged, {} unchanged",
                n("created"),
                n("merged"),
                n("unchanged")
            );
            if let Some(skipped) = report["skipped"].as_array().filter(|s| !s.is_empty()) {
                let reason = skipped[0]["reason"].as_str().unwrap_or_default();
                let _ = write!(
                    said,
                    ", {} skipped ({})",
                    skipped.len(),
                    shorten(reason, 40)
                );
            }
            said
        }
        _ => "done".into(),
    }
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A hostile input: its name, the unit of its size, the three sizes, and how to make it:
/// `prepare` writes the input for a size in the folder and fills the data directory if the
/// command needs data; it returns the command to measure and the input's size in bytes.
struct Case {
    input: &'static str,
    unit: &'static str,
    sizes: [usize; 3],
    prepare: Prepare,
}

type Prepare = fn(&Flocon, &Path, &Path, usize) -> Result<(Vec<String>, u64), String>;

/// Runs every case; prints each size as it is measured.
pub fn measure(flocon: Option<&Path>) -> Result<Vec<Figures>, String> {
    let flocon = Flocon::find(flocon)?;
    let mut all = Vec::new();
    for case in cases() {
        let mut sizes = Vec::new();
        for size in case.sizes {
            let measured = measure_size(&flocon, &case, size)?;
            eprintln!(
                "{}: {size} {}: {:.0} ms, {} MiB, {}",
                case.input,
                case.unit,
                measured.time.as_secs_f64() * 1000.0,
                measured.peak_kib / 1024,
                measured.outcome
            );
            sizes.push(measured);
        }
        all.push(Figures {
            input: case.input,
            unit: case.unit,
            sizes,
        });
    }
    all.extend(rendered_in_process());
    Ok(all)
}

/// Markdown rendering alone, in this process, at sizes past what one note may hold (a
/// million characters): the renderer's own growth, without the process around it. No peak
/// memory is measured here.
fn rendered_in_process() -> Vec<Figures> {
    let shapes: [(&'static str, Shape); 4] = [
        ("render: nested <div>s (in process)", |n| "<div>".repeat(n)),
        ("render: <div><b id=N>x</div> (in process)", |n| {
            (0..n).map(|i| format!("<div><b id=r{i}>x</div>")).collect()
        }),
        ("render: nested > quotes (in process)", |n| {
            ">".repeat(n) + " x"
        }),
        (
            "render: lists 200 deep, line after line (in process)",
            |n| (0..n).map(|i| "- ".repeat(i % 200) + "x\n").collect(),
        ),
    ];
    let sizes = [400_000, 800_000, 1_600_000];
    shapes
        .into_iter()
        .map(|(input, make)| {
            let sizes = sizes
                .iter()
                .map(|&n| {
                    // The shapes' own sizes in bytes: `n` units each, about.
                    let text = make(n / unit_bytes(input));
                    let mut times: Vec<Duration> = (0..REPEATS)
                        .map(|_| {
                            let started = Instant::now();
                            let html = flocon_core::markdown::to_safe_html(&text);
                            std::hint::black_box(html);
                            started.elapsed()
                        })
                        .collect();
                    times.sort();
                    let measured = Measured {
                        size: n,
                        bytes: text.len() as u64,
                        time: times[REPEATS / 2],
                        peak_kib: 0,
                        outcome: "rendered".into(),
                    };
                    eprintln!(
                        "{input}: {} bytes: {:.0} ms",
                        text.len(),
                        measured.time.as_secs_f64() * 1000.0
                    );
                    measured
                })
                .collect();
            Figures {
                input,
                unit: "bytes",
                sizes,
            }
        })
        .collect()
}

/// Makes a note of `n` units of a shape.
type Shape = fn(usize) -> String;

/// About how many bytes one unit of each in-process shape takes.
fn unit_bytes(input: &str) -> usize {
    if input.contains("<b id") {
        24
    } else if input.contains("<div>") {
        5
    } else if input.contains("lists") {
        200
    } else {
        1
    }
}

fn measure_size(flocon: &Flocon, case: &Case, size: usize) -> Result<Measured, String> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..REPEATS {
        let temp = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
        let data = temp.path().join("data");
        // The database is made first: creating it (its schema, synced to disk) is not the
        // input's cost.
        flocon.setup(&data, &["contacts", "list"])?;
        let (args, bytes) = (case.prepare)(flocon, temp.path(), &data, size)?;
        let (time, peak_kib, out) = flocon.measure(&data, &args)?;
        let check = Command::new(&flocon.bin)
            .arg("--data-dir")
            .arg(&data)
            .arg("check")
            .output()
            .map_err(|e| format!("flocon check does not run: {e}"))?;
        if !check.status.success() {
            return Err(format!(
                "{} at {size}: flocon check fails afterwards: {}",
                case.input,
                String::from_utf8_lossy(&check.stderr)
            ));
        }
        times.push(time);
        last = Some(Measured {
            size,
            bytes,
            time,
            peak_kib,
            outcome: outcome(&out),
        });
        if time > SHORT {
            break;
        }
    }
    let mut measured = last.ok_or("no run")?;
    times.sort();
    measured.time = times[times.len() / 2];
    Ok(measured)
}

fn write(path: &Path, bytes: &[u8]) -> Result<u64, String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(bytes.len() as u64)
}

fn import_args(path: &Path) -> Vec<String> {
    vec!["import".into(), path.display().to_string(), "--json".into()]
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            input: "rows sharing one email (vCard)",
            unit: "rows",
            sizes: [16_000, 32_000, 64_000],
            prepare: |_, dir, _, n| import_of(dir, "shared.vcf", shared_email("vcf", n)),
        },
        Case {
            input: "rows sharing one email (CSV)",
            unit: "rows",
            sizes: [16_000, 32_000, 64_000],
            prepare: |_, dir, _, n| import_of(dir, "shared.csv", shared_email("csv", n)),
        },
        Case {
            input: "rows sharing one email (JSON)",
            unit: "rows",
            sizes: [16_000, 32_000, 64_000],
            prepare: |_, dir, _, n| import_of(dir, "shared.json", shared_email("json", n)),
        },
        Case {
            input: "one JSON person's languages",
            unit: "languages",
            sizes: [200_000, 400_000, 800_000],
            prepare: |_, dir, _, n| import_of(dir, "languages.json", languages(n)),
        },
        Case {
            input: "one vCard's CATEGORIES",
            unit: "tags",
            sizes: [320_000, 640_000, 1_280_000],
            prepare: |_, dir, _, n| import_of(dir, "tags.vcf", categories(n)),
        },
        Case {
            input: "vCard EMAIL;TYPE= of commas",
            unit: "MiB",
            sizes: [10, 20, 40],
            prepare: |_, dir, _, n| {
                let flood = format!(
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Dupont\r\nEMAIL;TYPE={}:anne@example.org\r\nEND:VCARD\r\n",
                    ",".repeat(n << 20)
                );
                import_of(dir, "flood.vcf", flood)
            },
        },
        Case {
            input: "vCard CATEGORIES of commas",
            unit: "MiB",
            sizes: [10, 20, 40],
            prepare: |_, dir, _, n| {
                let flood = format!(
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Dupont\r\nCATEGORIES:{}bénévole\r\nEND:VCARD\r\n",
                    ",".repeat(n << 20)
                );
                import_of(dir, "categories.vcf", flood)
            },
        },
        Case {
            input: "Flocon JSON past the size limit",
            unit: "MiB",
            sizes: [64, 128, 256],
            prepare: |_, dir, _, n| {
                let mut json = shared_email("json", 1).into_bytes();
                json.resize(n << 20, b' ');
                let path = dir.join("big.json");
                Ok((import_args(&path), write(&path, &json)?))
            },
        },
        Case {
            input: "note of nested <div>s, exported as HTML",
            unit: "divs",
            sizes: [45_000, 90_000, 180_000],
            prepare: |flocon, dir, data, n| {
                // A note holds at most a million characters.
                let note = "<div>".repeat(n) + "au fond";
                session_export(flocon, dir, data, &note)
            },
        },
        Case {
            input: "note of <div><b id=N>x</div> rounds, as HTML",
            unit: "rounds",
            sizes: [10_000, 20_000, 40_000],
            prepare: |flocon, dir, data, n| {
                let note: String = (0..n).map(|i| format!("<div><b id=r{i}>x</div>")).collect();
                session_export(flocon, dir, data, &note)
            },
        },
        Case {
            input: "note of raw <input>s and relative links, as HTML",
            unit: "items",
            sizes: [3_000, 6_000, 12_000],
            prepare: |flocon, dir, data, n| {
                let note =
                    "- [x] <input type=checkbox checked> [a](//evil.example) <a href=/b>b</a>\n"
                        .repeat(n);
                session_export(flocon, dir, data, &note)
            },
        },
        Case {
            input: "CSV with a quote never closed",
            unit: "rows",
            sizes: [100_000, 200_000, 400_000],
            prepare: |_, dir, _, n| {
                let mut csv = String::from(
                    "First Name,Last Name,E-mail Address\nBob,Martin,bob@example.org\nAnne,Quote,\"anne@example.org\n",
                );
                for i in 0..n {
                    let _ = writeln!(csv, "Personne,N{i},p{i}@example.org");
                }
                import_of(dir, "quote.csv", csv)
            },
        },
        Case {
            input: "CSV export of formula-like cells",
            unit: "people",
            sizes: [5_000, 10_000, 20_000],
            prepare: |flocon, dir, data, n| {
                let mut csv = String::from("First Name,Last Name,E-mail Address,Notes\n");
                for i in 0..n {
                    let _ = writeln!(
                        csv,
                        "\"a;=cmd|' /C calc'!A0\",\"N{i},@SUM(1)\",p{i}@example.org,\"- un\n+33; -2\""
                    );
                }
                let path = dir.join("people.csv");
                write(&path, csv.as_bytes())?;
                flocon.setup(data, &["import", &path.display().to_string()])?;
                let out = dir.join("export.csv");
                Ok((
                    vec![
                        "export".into(),
                        "--format".into(),
                        "csv".into(),
                        "--out".into(),
                        out.display().to_string(),
                    ],
                    csv.len() as u64,
                ))
            },
        },
        Case {
            input: "controls past the first 8 KiB (vCard)",
            unit: "people",
            sizes: [10_000, 20_000, 40_000],
            prepare: |_, dir, _, n| {
                let mut vcf = format!(
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Padding\r\nNOTE:{}\r\nEND:VCARD\r\n",
                    "x".repeat(9000)
                );
                for i in 0..n {
                    let _ = write!(
                        vcf,
                        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Du\u{1b}[31mpont{i};An\u{0}ne;;;\r\nNOTE:a\u{1b}]0;titre\u{7}b\u{9b}c\r\nEND:VCARD\r\n"
                    );
                }
                import_of(dir, "controls.vcf", vcf)
            },
        },
    ]
}

fn import_of(dir: &Path, name: &str, text: String) -> Result<(Vec<String>, u64), String> {
    let path = dir.join(name);
    let bytes = write(&path, text.as_bytes())?;
    Ok((import_args(&path), bytes))
}

/// A session whose notes are `note` (set up, not measured); the command exports it as HTML.
fn session_export(
    flocon: &Flocon,
    dir: &Path,
    data: &Path,
    note: &str,
) -> Result<(Vec<String>, u64), String> {
    let org = flocon.setup(
        data,
        &["orgs", "add", "--name", "Collectif", "--kind", "collective"],
    )?;
    let engagement = flocon.setup(
        data,
        &[
            "engagements",
            "add",
            "--title",
            "Accompagnement",
            "--org",
            &org,
        ],
    )?;
    let session = flocon.setup(
        data,
        &[
            "sessions",
            "add",
            "--title",
            "Séance",
            "--start",
            "2026-05-04T18:00",
            "--duration-minutes",
            "90",
            "--engagement",
            &engagement,
            "--org",
            &org,
        ],
    )?;
    let notes = dir.join("notes.md");
    let bytes = write(&notes, note.as_bytes())?;
    flocon.setup(
        data,
        &[
            "sessions",
            "update",
            &session,
            "--notes-file",
            &notes.display().to_string(),
        ],
    )?;
    let out = dir.join("session.html");
    Ok((
        vec![
            "sessions".into(),
            "export".into(),
            session,
            "--format".into(),
            "html".into(),
            "--out".into(),
            out.display().to_string(),
        ],
        bytes,
    ))
}

/// `n` rows that all share one address and each add another, in a format.
fn shared_email(format: &str, n: usize) -> String {
    match format {
        "vcf" => (0..n)
            .map(|i| {
                format!(
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Dupont\r\nEMAIL:shared@example.org\r\nEMAIL:n{i}@example.org\r\nEND:VCARD\r\n"
                )
            })
            .collect(),
        "csv" => {
            let mut csv = String::from("First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value\n");
            for i in 0..n {
                let _ = writeln!(csv, "Anne,Dupont,shared@example.org,n{i}@example.org");
            }
            csv
        }
        _ => {
            let people: Vec<Value> = (0..n)
                .map(|i| {
                    json!({
                        "id": format!("0190f000-0000-7000-8000-{i:012}"),
                        "first_name": "Anne", "last_name": "Dupont",
                        "emails": [{"label": "", "value": "shared@example.org"},
                                   {"label": "", "value": format!("n{i}@example.org")}],
                        "phones": [], "tags": [], "notes": "",
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z"
                    })
                })
                .collect();
            Value::Array(people).to_string()
        }
    }
}

fn languages(n: usize) -> String {
    let languages: Vec<String> = (0..n).map(|i| format!("Langue {i}")).collect();
    json!([{
        "id": "0190f000-0000-7000-8000-000000000001",
        "first_name": "Polyglotte", "last_name": "Martin", "languages": languages,
        "emails": [], "phones": [], "tags": [], "notes": "",
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
    }])
    .to_string()
}

fn categories(n: usize) -> String {
    let tags: Vec<String> = (0..n).map(|i| format!("étiquette {i}")).collect();
    format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tag Martin\r\nCATEGORIES:{}\r\nEND:VCARD\r\n",
        tags.join(",")
    )
}

/// The figures as a table: each size, its time, peak memory and ratio to the size before.
pub fn print(figures: &[Figures]) {
    println!(
        "{:<54} {:>16} {:>10} {:>10} {:>9} {:>7} {:>6} {:>4}  answer",
        "input", "size", "bytes", "time", "peak RSS", "ratio", "target", "met"
    );
    for f in figures {
        let ratios = f.ratios();
        for (i, m) in f.sizes.iter().enumerate() {
            let (ratio, target, met) = match i.checked_sub(1).and_then(|r| ratios.get(r)) {
                Some(&r) => (
                    format!("{r:.2}x"),
                    format!("≤{TARGET}x"),
                    if r <= TARGET { "yes" } else { "NO" },
                ),
                None => (String::new(), String::new(), ""),
            };
            let peak = if m.peak_kib == 0 {
                "—".to_string()
            } else {
                format!("{} MiB", m.peak_kib / 1024)
            };
            println!(
                "{:<54} {:>16} {:>10} {:>7.0} ms {:>9} {:>7} {:>6} {:>4}  {}",
                if i == 0 { f.input } else { "" },
                format!("{} {}", m.size, f.unit),
                human_bytes(m.bytes),
                m.time.as_secs_f64() * 1000.0,
                peak,
                ratio,
                target,
                met,
                m.outcome
            );
        }
    }
}

/// The figures as JSON, for scripts.
pub fn json(figures: &[Figures]) -> Value {
    Value::Array(
        figures
            .iter()
            .map(|f| {
                json!({
                    "input": f.input,
                    "unit": f.unit,
                    "target": TARGET,
                    "ratios": f.ratios(),
                    "sizes": f.sizes.iter().map(|m| json!({
                        "size": m.size,
                        "bytes": m.bytes,
                        "ms": m.time.as_secs_f64() * 1000.0,
                        "peak_kib": m.peak_kib,
                        "answer": m.outcome,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn human_bytes(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", b / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KiB", b / 1024.0)
    }
}
