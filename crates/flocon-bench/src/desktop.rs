//! The desktop app's cold start and memory, each next to a bare Tauri 2 app (`bench/hello/`)
//! built the same way (release, `custom-protocol`, same tauri and release profile) and measured
//! the same way in the same run. The targets: start ≤ 1.5× and memory ≤ 1.3× the bare app.
//!
//! Both apps are launched the same way, through tauri-driver and WebKitWebDriver (the way the
//! end-to-end tests launch Flocon): Flocon's UI has no other way to say "I have drawn my data".
//! Each run starts a fresh tauri-driver (not timed), then:
//!
//! - **Cold start** is the time from sending the WebDriver new-session request (which makes
//!   WebKitWebDriver spawn the binary) to the frame that first shows the app's first data
//!   screen: once the screen's marker is in the DOM, an animation frame and then a task (so the
//!   rendering update that follows the change is done). The end is stamped inside the page
//!   (`performance.timeOrigin + performance.now()`, the same wall clock as the bench's) by a
//!   script watching the DOM with a `MutationObserver`, so the WebDriver round trip back to
//!   the bench is not counted. The driver's own share of the launch (tauri-driver to
//!   WebKitWebDriver to the spawn) is, for both apps alike, which pulls the ratio toward 1 by
//!   a few milliseconds.
//!   - Flocon: opened on `data_dir` (`--data-dir`), it shows "Ma semaine"; the marker is
//!     `[data-testid='week-today']`, which the screen renders once `my_week` has answered
//!     with the day's sessions: its first list of data from the database. The bench's script
//!     starts (after the page's `load`) well before that answer, so it sees the marker arrive.
//!   - hello: its only page, a static list of 20 items carrying the same marker as Flocon's
//!     loaded contact list, `[data-testid='contact-list'][data-loaded='true']`. That list is
//!     drawn before any WebDriver script can run, so the page runs the same watcher itself
//!     from its `<head>` and the bench collects its time (see `WATCH`).
//!
//!   If a marker is already there when the bench's script starts, the time is an upper bound
//!   and the bench says so on stderr.
//!
//!   Flocon's contact list itself is one click further: after the memory is read, a script in
//!   the page clicks `a[data-nav='contacts']` and stamps from that click to the frame after
//!   `[data-testid='contact-list'][data-loaded='true']`, reported apart as
//!   `flocon_contacts_ms_median` (not part of the start or of its ratio).
//!   "Cold" means a new process each time; the OS file cache is warm (one untimed launch of
//!   each app first) and the WebView's storage persists between runs as it would for a user.
//! - **Memory** is read 1 s after the marker: the sum of `Rss:` and of `Pss:` in
//!   `/proc/<pid>/smaps_rollup` over the app's process and all its descendants (the WebKit
//!   processes: WebKitWebProcess, WebKitNetworkProcess, any sandbox helpers), found through
//!   `/proc`: the descendant of our tauri-driver whose executable is the binary. tauri-driver
//!   and WebKitWebDriver themselves are left out. PSS is the fairer sum (shared pages are
//!   divided among the processes sharing them); RSS counts shared libraries in every process.
//!
//! The apps run `runs` times each, alternating (ABBA, so neither always goes first); medians.
//! It needs an X display: run it under `xvfb-run -a -s "-screen 0 1280x900x24"`.
//!
//! How the bench's main calls it:
//!
//! ```ignore
//! // cd ui && npm run build && cd .. && cargo build --release --features custom-protocol
//! // cargo build --release --features custom-protocol --manifest-path bench/hello/Cargo.toml
//! let figures = desktop::measure(
//!     Path::new("target/release/flocon-desktop"),
//!     Path::new("bench/hello/target/release/flocon-bench-hello"),
//!     &data_dir, // a data directory already filled with realistic data
//!     5,
//! )?;
//! println!("cold start {:.2}x (target ≤ 1.5x)", figures.start_ratio());
//! println!("memory {:.2}x PSS, {:.2}x RSS (target ≤ 1.3x)", figures.pss_ratio(), figures.rss_ratio());
//! // --json: serde_json::to_value(&figures)
//! ```
//!
//! To try it alone: `FLOCON_BENCH_APP=… FLOCON_BENCH_HELLO=… [FLOCON_BENCH_DATA=…]
//! [FLOCON_BENCH_RUNS=5] xvfb-run -a -s "-screen 0 1280x900x24" cargo test -p flocon-bench
//! --release desktop -- --ignored --nocapture`. With `FLOCON_BENCH_VERBOSE` set, each launch
//! is printed on stderr with each process's memory.

// Until the bench's main calls `measure` (only the test does for now).

use std::collections::{HashMap, HashSet};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder};
use serde::Serialize;
use serde_json::{Value, json};

/// Flocon's home screen once its data has loaded.
const FLOCON_LOADED: &str = "[data-testid='week-today']";
/// The loaded contact list: Flocon's after a click, hello's on its only page.
const LIST_LOADED: &str = "[data-testid='contact-list'][data-loaded='true']";
/// How long one launch may take before the run is abandoned.
const PATIENCE: Duration = Duration::from_secs(60);
/// How long the app idles after its marker before its memory is read.
const SETTLE: Duration = Duration::from_secs(1);

/// One app's figures: medians over `runs` launches.
#[derive(Debug, Clone, Serialize)]
pub struct AppFigures {
    /// New-session request to the drawn frame that first shows the marker, in milliseconds.
    pub start_ms_median: f64,
    /// New-session request to the page's navigation start (the native part of the start).
    pub page_start_ms_median: f64,
    /// Resident memory summed over the app and its WebKit processes, in KiB.
    pub rss_kib: u64,
    /// Proportional set size summed over the same processes, in KiB.
    pub pss_kib: u64,
    /// How many live processes that sum covered (the largest count seen).
    pub processes: usize,
    pub runs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DesktopFigures {
    pub flocon: AppFigures,
    pub hello: AppFigures,
    /// Flocon only: click on "Contacts" to its loaded list, after the start, in milliseconds.
    pub flocon_contacts_ms_median: f64,
}

#[cfg(test)]
impl DesktopFigures {
    pub fn start_ratio(&self) -> f64 {
        self.flocon.start_ms_median / self.hello.start_ms_median
    }
    pub fn rss_ratio(&self) -> f64 {
        self.flocon.rss_kib as f64 / self.hello.rss_kib as f64
    }
    pub fn pss_ratio(&self) -> f64 {
        self.flocon.pss_kib as f64 / self.hello.pss_kib as f64
    }
}

/// Launches each app `runs` times (after one untimed launch of each) and returns the medians.
pub fn measure(
    flocon_bin: &Path,
    hello_bin: &Path,
    data_dir: &Path,
    runs: usize,
) -> Result<DesktopFigures, String> {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        return Err(
            "no X display (DISPLAY is unset): run under xvfb-run -a -s \"-screen 0 1280x900x24\""
                .into(),
        );
    }
    let runs = runs.max(1);
    let flocon_bin = binary(
        flocon_bin,
        "Flocon (cargo build --release --features custom-protocol)",
    )?;
    let hello_bin = binary(
        hello_bin,
        "hello (cargo build --release --features custom-protocol --manifest-path bench/hello/Cargo.toml)",
    )?;
    if !data_dir.is_dir() {
        return Err(format!("no data directory at {}", data_dir.display()));
    }
    let driver = tauri_driver();
    if Command::new(&driver)
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        return Err(format!(
            "tauri-driver not found ({}): cargo install tauri-driver --version ^2 --locked",
            driver.display()
        ));
    }
    if Command::new("WebKitWebDriver")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        return Err("WebKitWebDriver not found: install the webkit2gtk-driver package".into());
    }

    // The WebViews' storage and caches, and Flocon's exports, away from the user's.
    let home = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
    let data_arg = data_dir.to_string_lossy().into_owned();
    let flocon = Target {
        bin: flocon_bin,
        args: vec!["--data-dir".into(), data_arg],
        marker: FLOCON_LOADED,
        then_contacts: true,
    };
    let hello = Target {
        bin: hello_bin,
        args: Vec::new(),
        marker: LIST_LOADED,
        then_contacts: false,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))?;
    runtime.block_on(async {
        launch(&driver, &flocon, home.path()).await?;
        launch(&driver, &hello, home.path()).await?;
        let (mut f, mut h) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        for i in 0..runs {
            // ABBA: Flocon first on runs 0, 3, 4, 7…, hello first on the others.
            if i % 4 == 0 || i % 4 == 3 {
                f.push(launch(&driver, &flocon, home.path()).await?);
                h.push(launch(&driver, &hello, home.path()).await?);
            } else {
                h.push(launch(&driver, &hello, home.path()).await?);
                f.push(launch(&driver, &flocon, home.path()).await?);
            }
        }
        let contacts = median(f.iter().filter_map(|r| r.contacts_ms).collect());
        Ok(DesktopFigures {
            flocon: summarise(&f),
            hello: summarise(&h),
            flocon_contacts_ms_median: contacts,
        })
    })
}

struct Target {
    bin: PathBuf,
    args: Vec<String>,
    marker: &'static str,
    then_contacts: bool,
}

/// One launch's figures.
#[derive(Debug)]
struct Run {
    start_ms: f64,
    page_start_ms: f64,
    rss_kib: u64,
    pss_kib: u64,
    processes: Vec<(u32, String)>,
    /// Each process's name and memory, for FLOCON_BENCH_VERBOSE.
    each: String,
    contacts_ms: Option<f64>,
}

fn summarise(runs: &[Run]) -> AppFigures {
    AppFigures {
        start_ms_median: median(runs.iter().map(|r| r.start_ms).collect()),
        page_start_ms_median: median(runs.iter().map(|r| r.page_start_ms).collect()),
        rss_kib: median(runs.iter().map(|r| r.rss_kib as f64).collect()) as u64,
        pss_kib: median(runs.iter().map(|r| r.pss_kib as f64).collect()) as u64,
        processes: runs.iter().map(|r| r.processes.len()).max().unwrap_or(0),
        runs: runs.len(),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// One launch: a fresh driver, the timed start, the memory, (Flocon) the contacts, the end.
async fn launch(driver_bin: &Path, target: &Target, home: &Path) -> Result<Run, String> {
    let (port, native_port) = (free_port()?, free_port()?);
    let log_path = home.join(format!("tauri-driver-{port}.log"));
    let log = std::fs::File::create(&log_path).map_err(|e| format!("driver log: {e}"))?;
    let log_err = log.try_clone().map_err(|e| format!("driver log: {e}"))?;
    let child = Command::new(driver_bin)
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("FLOCON_EXPORT_DIR", home.join("exports"))
        .env("FLOCON_NO_KEYRING", "1")
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("tauri-driver did not start: {e}"))?;
    let mut driver = Driver(child);
    wait_for_port(port)?;
    let failed = |what: String| format!("{what} (driver log: {})", log_path.display());

    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": target.bin, "args": target.args }),
    );
    let t0 = epoch_ms();
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| {
            failed(format!(
                "WebDriver session for {}: {e}",
                target.bin.display()
            ))
        })?;
    let result = measure_session(&client, target, driver.0.id(), t0).await;
    // The processes to see gone before the next run (found again if the run failed).
    let tree = match &result {
        Ok(run) => run.processes.clone(),
        Err(_) => app_pid(driver.0.id(), &target.bin)
            .map(tree_of)
            .unwrap_or_default(),
    };
    let _ = client.close().await;
    driver.stop();
    wait_gone(&tree);
    if let (Ok(run), Some(_)) = (&result, std::env::var_os("FLOCON_BENCH_VERBOSE")) {
        let name = target.bin.file_name().unwrap_or_default().to_string_lossy();
        let contacts = run
            .contacts_ms
            .map(|ms| format!(", contacts {ms:.0} ms"))
            .unwrap_or_default();
        eprintln!(
            "{name}: start {:.0} ms (page from {:.0} ms){contacts}; {} MiB RSS, {} MiB PSS: {}",
            run.start_ms,
            run.page_start_ms,
            run.rss_kib / 1024,
            run.pss_kib / 1024,
            run.each
        );
    }
    result.map_err(failed)
}

async fn measure_session(
    client: &Client,
    target: &Target,
    driver_pid: u32,
    t0: f64,
) -> Result<Run, String> {
    let _ = client
        .update_timeouts(TimeoutConfiguration::new(Some(PATIENCE), None, None))
        .await;
    let marked = wait_marker(client, target.marker, None).await?;
    let start_ms = marked.at - t0;
    let page_start_ms = marked.origin - t0;
    if std::env::var_os("FLOCON_BENCH_VERBOSE").is_some() {
        eprintln!(
            "  page timeline (ms from navigation start; marker drawn at {:.0}):",
            marked.at - marked.origin
        );
        eprintln!("{}", timeline(client).await);
    }

    tokio::time::sleep(SETTLE).await;
    let app = app_pid(driver_pid, &target.bin)
        .ok_or_else(|| format!("no process of {} under tauri-driver", target.bin.display()))?;
    let processes = tree_of(app);
    let (mut rss_kib, mut pss_kib) = (0, 0);
    let mut live = Vec::new();
    let mut each = Vec::new();
    for (pid, name) in processes {
        if let Some((rss, pss)) = rollup(pid) {
            rss_kib += rss;
            pss_kib += pss;
            each.push(format!(
                "{name} {} MiB RSS {} MiB PSS",
                rss / 1024,
                pss / 1024
            ));
            live.push((pid, name));
        }
    }
    let mine: HashSet<u32> = live.iter().map(|(p, _)| *p).collect();
    let strays = webkit_processes()
        .into_iter()
        .filter(|(p, _)| !mine.contains(p))
        .count();
    if strays > 0 {
        eprintln!(
            "flocon-bench: {strays} WebKit process(es) outside the app's tree (another app or test running?)"
        );
    }

    let contacts_ms = if target.then_contacts {
        let marked = wait_marker(client, LIST_LOADED, Some(CONTACTS_LINK)).await?;
        Some(marked.at - marked.clicked)
    } else {
        None
    };
    Ok(Run {
        start_ms,
        page_start_ms,
        rss_kib,
        pss_kib,
        processes: live,
        each: each.join(", "),
        contacts_ms,
    })
}

/// The page's own record of its start: navigation milestones, each file it fetched (start and
/// end) and the app's `performance.mark`s, in time order. For FLOCON_BENCH_VERBOSE.
const TIMELINE: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const rows = [];
if (nav) for (const k of ['responseEnd', 'domInteractive', 'domContentLoadedEventEnd', 'loadEventEnd'])
  rows.push([nav[k], 'navigation ' + k]);
for (const r of performance.getEntriesByType('resource'))
  rows.push([r.startTime, 'fetch ' + r.name.replace(/^.*\//, '') + ' (until ' + r.responseEnd.toFixed(0) + ')']);
for (const m of performance.getEntriesByType('mark')) rows.push([m.startTime, 'mark ' + m.name]);
for (const p of performance.getEntriesByType('paint')) rows.push([p.startTime, 'paint ' + p.name]);
rows.sort((a, b) => a[0] - b[0]);
return rows.map(([t, what]) => '    ' + t.toFixed(1).padStart(7) + '  ' + what).join('\n');
"#;

async fn timeline(client: &Client) -> String {
    match client.execute(TIMELINE, Vec::new()).await {
        Ok(Value::String(text)) => text,
        Ok(other) => format!("    (unexpected answer: {other})"),
        Err(e) => format!("    (no timeline: {e})"),
    }
}

struct Marked {
    /// When the frame showing the marker was drawn (ms since the epoch).
    at: f64,
    /// When the page's navigation began (ms since the epoch).
    origin: f64,
    /// When the script clicked, if it was asked to (ms since the epoch).
    clicked: f64,
}

/// Flocon's link to the contacts, in its sidebar.
const CONTACTS_LINK: &str = "a[data-nav='contacts']";

/// Clicks `arguments[1]` if given, then answers once `arguments[0]` matches, at the end of the
/// rendering update that follows (an animation frame, then a task: the frame is drawn), with
/// the page's own clock (the same wall clock as the bench's). A page that shows its marker
/// before any WebDriver script can run (hello's static list: a script runs only once the page
/// has loaded) watches for it itself with this same code, from its `<head>`, and leaves a
/// promise of the time in `window.__floconBenchShown`.
const WATCH: &str = r#"
const css = arguments[0], link = arguments[1], done = arguments[arguments.length - 1];
const origin = performance.timeOrigin || performance.timing.navigationStart;
const clicked = origin + performance.now();
const answer = (t, late) => done({ at: origin + t, origin, clicked, late });
const own = window.__floconBenchShown;
if (!link && own && own.css === css) { own.shown.then((t) => answer(t, false)); return; }
if (link) document.querySelector(link).click();
const stamp = (late) => requestAnimationFrame(() => setTimeout(() => answer(performance.now(), late)));
if (document.querySelector(css)) { stamp(true); return; }
const watcher = new MutationObserver(() => {
  if (document.querySelector(css)) { watcher.disconnect(); stamp(false); }
});
watcher.observe(document, { childList: true, subtree: true, attributes: true });
"#;

/// Waits for `css`, after clicking `link` in the page if given (a click from the page itself,
/// so that WebDriver's own latency around a click is not counted).
async fn wait_marker(client: &Client, css: &str, link: Option<&str>) -> Result<Marked, String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        match client
            .execute_async(WATCH, vec![json!(css), json!(link)])
            .await
        {
            Ok(value) => {
                let number = |key: &str| value.get(key).and_then(Value::as_f64);
                let late = value.get("late").and_then(Value::as_bool).unwrap_or(true);
                if late {
                    eprintln!(
                        "flocon-bench: {css} was there before the bench could watch for it: \
                         its time is an upper bound"
                    );
                }
                return match (number("at"), number("origin"), number("clicked")) {
                    (Some(at), Some(origin), Some(clicked)) => Ok(Marked {
                        at,
                        origin,
                        clicked,
                    }),
                    _ => Err(format!(
                        "unexpected answer while waiting for {css}: {value}"
                    )),
                };
            }
            // A script started before the page replaced the blank one dies with it: try
            // again (never after a click, which must happen once).
            Err(e) if link.is_some() || Instant::now() >= deadline => {
                return Err(format!("{css} did not appear: {e}"));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    }
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or_default()
}

fn binary(path: &Path, how: &str) -> Result<PathBuf, String> {
    path.canonicalize()
        .ok()
        .filter(|p| p.is_file())
        .ok_or_else(|| format!("no binary at {}: build {how}", path.display()))
}

/// tauri-driver, stopped with SIGTERM: a killed one leaves WebKitWebDriver holding its port.
struct Driver(Child);

impl Driver {
    fn stop(&mut self) {
        if let Ok(Some(_)) = self.0.try_wait() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Waits until the app's processes have exited (zombies count as gone), asking the app to
/// stop if the end of the session did not close it: runs must not overlap.
fn wait_gone(tree: &[(u32, String)]) {
    let alive = |pid: u32| process_state(pid).is_some_and(|s| s != 'Z' && s != 'X');
    for round in 0..2 {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if !tree.iter().any(|(pid, _)| alive(*pid)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if round == 0 {
            // The app (first in the tree); its WebKit children follow it.
            if let Some((pid, _)) = tree.first().filter(|(pid, _)| alive(*pid)) {
                let _ = Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        }
    }
}

/// The process under `driver` (tauri-driver, then WebKitWebDriver) running `bin`.
fn app_pid(driver: u32, bin: &Path) -> Option<u32> {
    let children = children_map();
    let mut queue = vec![driver];
    while let Some(pid) = queue.pop() {
        if pid != driver
            && std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == bin)
        {
            return Some(pid);
        }
        queue.extend(children.get(&pid).into_iter().flatten());
    }
    None
}

/// `root` and all its descendants, `root` first, with their names.
fn tree_of(root: u32) -> Vec<(u32, String)> {
    let children = children_map();
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        found.push((pid, process_name(pid)));
        queue.extend(children.get(&pid).into_iter().flatten());
    }
    found
}

/// Every live WebKit helper on the machine (not WebKitWebDriver).
fn webkit_processes() -> Vec<(u32, String)> {
    pids()
        .into_iter()
        .filter(|pid| process_state(*pid).is_some_and(|s| s != 'Z'))
        .map(|pid| (pid, process_name(pid)))
        .filter(|(_, name)| name.starts_with("WebKit") && name != "WebKitWebDriver")
        .collect()
}

fn pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Parent to children, from `/proc/<pid>/stat`.
fn children_map() -> HashMap<u32, Vec<u32>> {
    let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
    for pid in pids() {
        if let Some(parent) = stat_fields(pid).and_then(|f| f.get(1)?.parse().ok()) {
            map.entry(parent).or_default().push(pid);
        }
    }
    map
}

/// The fields of `/proc/<pid>/stat` after the name: state, parent, …
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

fn process_state(pid: u32) -> Option<char> {
    stat_fields(pid)?.first()?.chars().next()
}

fn process_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// `Rss:` and `Pss:` of a live process, in KiB.
fn rollup(pid: u32) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    Some((field("Rss:")?, field("Pss:")?))
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free local port: {e}"))
}

fn wait_for_port(port: u16) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err(format!("tauri-driver did not listen on port {port}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![4.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(Vec::new()), 0.0);
    }

    /// Builds nothing: point it at the built apps. `FLOCON_BENCH_DATA` is a data directory
    /// (an empty temporary one otherwise); `FLOCON_BENCH_RUNS` defaults to 5.
    #[test]
    #[ignore = "needs both apps built in release, tauri-driver and an X display"]
    fn desktop_start_and_memory_against_a_bare_tauri_app() {
        let app = std::env::var_os("FLOCON_BENCH_APP").expect("FLOCON_BENCH_APP: Flocon's binary");
        let hello =
            std::env::var_os("FLOCON_BENCH_HELLO").expect("FLOCON_BENCH_HELLO: the hello binary");
        let empty = tempfile::tempdir().expect("temp dir");
        let data = std::env::var_os("FLOCON_BENCH_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| empty.path().to_path_buf());
        let runs = std::env::var("FLOCON_BENCH_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(5);
        let figures = measure(Path::new(&app), Path::new(&hello), &data, runs)
            .unwrap_or_else(|e| panic!("{e}"));
        println!(
            "{}",
            serde_json::to_string_pretty(&figures).unwrap_or_default()
        );
        println!(
            "start {:.2}x, RSS {:.2}x, PSS {:.2}x; contacts after the start: {:.0} ms",
            figures.start_ratio(),
            figures.rss_ratio(),
            figures.pss_ratio(),
            figures.flocon_contacts_ms_median
        );
        assert!(figures.flocon.start_ms_median > 0.0 && figures.hello.start_ms_median > 0.0);
        assert!(figures.flocon.pss_kib > 0 && figures.hello.pss_kib > 0);
    }
}
