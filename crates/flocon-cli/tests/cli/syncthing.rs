//! Two laptops syncing through a folder that two real Syncthing instances replicate on loopback:
//! the way Flocon is meant to be used. Syncthing must be installed (`scripts/install-deps
//! --test`); the test fails rather than skips without it, so CI can never pass by accident.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::{json, ok, stderr, stdout};

const FOLDER_ID: &str = "flocon-team";
const API_KEY: &str = "flocon-test-api-key";
const PASSPHRASE: &str = "correct horse battery staple";
const INSTALL_HINT: &str = "run `scripts/install-deps --test` (it installs Debian's syncthing)";
/// Generous: a loaded CI machine can take several seconds to connect and scan.
const REPLICATION_TIMEOUT: Duration = Duration::from_secs(90);
const POLL: Duration = Duration::from_millis(200);

/// One Syncthing instance: its home (keys, config, database), its log and its process.
struct Instance {
    name: &'static str,
    home: PathBuf,
    log: PathBuf,
    device_id: String,
    gui_port: u16,
    listen_port: u16,
    child: Option<Child>,
}

/// Two connected Syncthing instances sharing one folder, `replica_a` and `replica_b`.
/// Both processes are killed on drop; their logs are printed if the test is failing.
struct SyncthingPair {
    _root: TempDir,
    a: Instance,
    b: Instance,
    replica_a: PathBuf,
    replica_b: PathBuf,
}

fn free_port() -> u16 {
    // The port is released at once; Syncthing takes it moments later. The system may hand the
    // same free port out twice in a row (seen in CI: one instance's GUI and listen ports were
    // equal), so a port is never handed out twice by this test process.
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        let port = listener.local_addr().expect("the bound address").port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// Runs a `syncthing` subcommand to completion; returns its standard output.
fn syncthing(args: &[&str], home: &Path) -> String {
    let out = Command::new("syncthing")
        .args(args)
        .arg(format!("--home={}", home.display()))
        .output()
        .unwrap_or_else(|e| panic!("syncthing could not be run ({e}): {INSTALL_HINT}"));
    assert!(out.status.success(), "syncthing {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// A new identity (key, certificate) in `root/home-NAME`, with ports chosen for it.
fn generate(name: &'static str, root: &Path) -> Instance {
    let home = root.join(format!("home-{name}"));
    syncthing(
        &["generate", "--no-default-folder", "--skip-port-probing"],
        &home,
    );
    // `serve --device-id` prints only the id of the certificate just generated.
    let device_id = syncthing(&["serve", "--device-id"], &home)
        .trim()
        .to_string();
    Instance {
        name,
        log: root.join(format!("syncthing-{name}.log")),
        home,
        device_id,
        gui_port: free_port(),
        listen_port: free_port(),
        child: None,
    }
}

/// A config for a closed two-device world: no discovery, relays, NAT, upgrades or reporting,
/// and fast rescans so the test does not wait on timers. Only one side dials (`dial_peer`, to
/// the peer's fixed loopback address): when both dialled at once, 1 run in 5 stalled 20 s in
/// Syncthing 1.19's Hello exchange. The other side lists the peer as `dynamic`, which without
/// discovery means "wait for its call".
fn config_xml(me: &Instance, peer: &Instance, replica: &Path, dial_peer: bool) -> String {
    let peer_address = match dial_peer {
        true => format!("tcp://127.0.0.1:{}", peer.listen_port),
        false => "dynamic".to_string(),
    };
    let (me_id, peer_id) = (&me.device_id, &peer.device_id);
    let (me_name, peer_name) = (me.name, peer.name);
    format!(
        r#"<configuration version="36">
    <folder id="{FOLDER_ID}" label="Flocon" path="{path}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="true" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{me_id}"></device>
        <device id="{peer_id}"></device>
        <minDiskFree unit="%">0</minDiskFree>
    </folder>
    <device id="{me_id}" name="{me_name}" compression="metadata"><address>dynamic</address></device>
    <device id="{peer_id}" name="{peer_name}" compression="metadata"><address>{peer_address}</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:{gui}</address><apikey>{API_KEY}</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
"#,
        path = replica.display(),
        gui = me.gui_port,
        listen = me.listen_port,
    )
}

impl Instance {
    fn start(&mut self) {
        let log = fs::File::create(&self.log).expect("log file created");
        let child = Command::new("syncthing")
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
            .arg(format!("--home={}", self.home.display()))
            .arg(format!("--gui-address=http://127.0.0.1:{}", self.gui_port))
            .arg(format!("--gui-apikey={API_KEY}"))
            // Run as the real instance: by default 1.19 forks a monitor process whose child
            // (the instance itself) outlives a kill of the monitor.
            .env("STMONITORED", "yes")
            .env("STNODEFAULTFOLDER", "1")
            .env("STNOUPGRADE", "1")
            // Naming the SHA-256 implementation skips the benchmark that picks one (about 1 s).
            .env("STHASHING", "standard")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file handle"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("syncthing could not be started ({e}): {INSTALL_HINT}"));
        self.child = Some(child);
    }

    /// One REST call: HTTP/1.0 so that the body is never chunked and ends with the connection.
    fn rest(&self, method: &str, path: &str) -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.gui_port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .ok()?;
        let request = format!(
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nX-API-Key: {API_KEY}\r\nContent-Length: 0\r\n\r\n",
            self.gui_port
        );
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let status = response.split(' ').nth(1)?.parse().ok()?;
        let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        Some((status, body.to_string()))
    }

    fn connected_to(&self, peer: &str) -> bool {
        self.rest("GET", "/rest/system/connections")
            .filter(|(status, _)| *status == 200)
            .and_then(|(_, body)| serde_json::from_str::<Value>(&body).ok())
            .is_some_and(|v| v["connections"][peer]["connected"] == true)
    }

    /// Asks for a scan now rather than waiting for the watcher's delay.
    fn scan(&self) {
        let _ = self.rest("POST", &format!("/rest/db/scan?folder={FOLDER_ID}"));
    }

    /// The end of the log, which says why a connection or a pull failed.
    fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(60)..].join("\n");
        format!("--- syncthing {} log ---\n{tail}", self.name)
    }
}

impl Drop for SyncthingPair {
    fn drop(&mut self) {
        for instance in [&mut self.a, &mut self.b] {
            if let Some(mut child) = instance.child.take() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        if std::thread::panicking() {
            eprintln!("{}\n{}", self.a.log_tail(), self.b.log_tail());
        }
    }
}

/// Polls `done` until it holds or the replication timeout passes.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < REPLICATION_TIMEOUT, "timed out: {what}");
        std::thread::sleep(POLL);
    }
}

impl SyncthingPair {
    /// Starts both instances and waits until each sees the other connected. Syncthing makes
    /// its `.stfolder` marker in each replica.
    fn start() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let r = root.path();
        let mut a = generate("a", r);
        let mut b = generate("b", r);
        let (replica_a, replica_b) = (r.join("replica-a"), r.join("replica-b"));
        for (me, peer, replica, dial) in [(&a, &b, &replica_a, false), (&b, &a, &replica_b, true)] {
            fs::create_dir_all(replica).expect("replica created");
            let config = config_xml(me, peer, replica, dial);
            fs::write(me.home.join("config.xml"), config).expect("config written");
        }
        // B dials A as it starts, then only 5 s later: A must already be listening.
        a.start();
        wait_for("Syncthing A listens", || {
            TcpStream::connect(("127.0.0.1", a.listen_port)).is_ok()
        });
        b.start();
        let pair = SyncthingPair {
            _root: root,
            a,
            b,
            replica_a,
            replica_b,
        };
        wait_for("the two Syncthing instances connect", || {
            pair.a.connected_to(&pair.b.device_id) && pair.b.connected_to(&pair.a.device_id)
        });
        pair
    }

    /// Waits until both replicas hold the same files, byte for byte, under `devices/` and as
    /// the manifest: whatever either laptop wrote has reached the other.
    fn wait_until_replicated(&self) {
        self.a.scan();
        self.b.scan();
        wait_for("Syncthing replicates the folder both ways", || {
            flocon_files(&self.replica_a) == flocon_files(&self.replica_b)
        });
    }
}

/// The files Flocon reads in a replica, by relative path: the manifest and `devices/`. Hidden
/// files (Syncthing's temporary files, `.stfolder`) are left out, as Flocon leaves them out.
fn flocon_files(replica: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, files);
            } else if let Ok(bytes) = fs::read(&path) {
                let relative = path.strip_prefix(root).expect("under the replica");
                files.insert(relative.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(replica, &replica.join("devices"), &mut files);
    if let Ok(bytes) = fs::read(replica.join("flocon-sync.json")) {
        files.insert("flocon-sync.json".into(), bytes);
    }
    files
}

#[test]
fn syncthing_pair_replicates_a_file() {
    let pair = SyncthingPair::start();
    let dir = pair.replica_a.join("devices").join("probe");
    fs::create_dir_all(&dir).expect("probe dir");
    fs::write(dir.join("hello.bin"), b"written on laptop A\n").expect("probe written");
    pair.wait_until_replicated();
    let copy = fs::read(pair.replica_b.join("devices/probe/hello.bin")).expect("replicated");
    assert_eq!(copy, b"written on laptop A\n");
}

/// `flocon sync` of a laptop with its replica; returns the report after checking its shape.
fn sync(data: &Path, replica: &Path) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_flocon"))
        .arg("--data-dir")
        .arg(data)
        .args(["sync", "--json", "--folder"])
        .arg(replica)
        .env_remove("FLOCON_DATA_DIR")
        .env("FLOCON_SYNC_PASSPHRASE", PASSPHRASE)
        // Cheap Argon2 parameters for the new folder: the real ones cost a second per run.
        .env("FLOCON_SYNC_FAST_KDF", "1")
        .output()
        .expect("the flocon binary runs");
    assert!(o.status.success(), "flocon sync failed: {}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("a JSON sync report");
    let shape = report["device_id"].is_string()
        && COUNTS.iter().all(|field| report[field].is_u64())
        && report["new_conflicts"].is_array()
        && report["skipped"].is_array();
    assert!(shape, "not a sync report: {report:#}");
    report
}

const COUNTS: [&str; 6] = [
    "sent_commits",
    "sent_changes",
    "received_commits",
    "received_changes",
    "waiting",
    "needs_update",
];

fn count(report: &Value, field: &str) -> u64 {
    report[field].as_u64().expect("a count")
}

/// Syncs A then B, letting Syncthing carry each laptop's files to the other after each sync,
/// until a round where neither sends nor receives anything. Returns every report, in order.
fn sync_until_quiet(pair: &SyncthingPair, a: &Path, b: &Path) -> Vec<Value> {
    let quiet = |r: &Value| count(r, "sent_commits") == 0 && count(r, "received_commits") == 0;
    let mut reports = Vec::new();
    for _round in 0..5 {
        let report_a = sync(a, &pair.replica_a);
        pair.wait_until_replicated();
        let report_b = sync(b, &pair.replica_b);
        pair.wait_until_replicated();
        let done = quiet(&report_a) && quiet(&report_b);
        reports.extend([report_a, report_b]);
        if done {
            for r in &reports[reports.len() - 2..] {
                let clean = r["skipped"] == serde_json::json!([])
                    && count(r, "waiting") == 0
                    && count(r, "needs_update") == 0;
                assert!(clean, "nothing skipped or held back at the end: {r:#}");
            }
            return reports;
        }
    }
    panic!("the laptops still exchange changes after 5 rounds: {reports:#?}");
}

fn add_person(data: &Path, first: &str, last: &str) -> String {
    let names = ["--first-name", first, "--last-name", last];
    ok(data, &[&["contacts", "add"][..], &names].concat())
        .trim()
        .to_string()
}

/// Everyone in the address book, as (id, first name, last name), sorted.
fn people(data: &Path) -> Vec<(String, String, String)> {
    let list = json(data, &["contacts", "list", "--json"]);
    let text = |p: &Value, k: &str| p[k].as_str().unwrap_or_default().to_string();
    let mut people: Vec<_> = (list.as_array().expect("a list of people").iter())
        .map(|p| (text(p, "id"), text(p, "first_name"), text(p, "last_name")))
        .collect();
    people.sort();
    people
}

#[test]
fn two_laptops_converge_through_two_real_syncthing_instances() {
    let pair = SyncthingPair::start();
    let (laptop_a, laptop_b) = (tempfile::tempdir(), tempfile::tempdir());
    let a = laptop_a.as_ref().expect("laptop A's data dir").path();
    let b = laptop_b.as_ref().expect("laptop B's data dir").path();
    let awa = add_person(a, "Awa", "Diallo");
    add_person(a, "Karim", "Benali");
    add_person(b, "Léa", "Rousseau");

    // A first, alone: it creates the team folder, and B must find that manifest (and A's
    // files) and join it; joining never creates a folder of its own with another salt.
    let made = crate::support::command(a, &["sync", "init", "--folder"])
        .arg(&pair.replica_a)
        .env("FLOCON_SYNC_PASSPHRASE", PASSPHRASE)
        .env("FLOCON_SYNC_FAST_KDF", "1")
        .output()
        .expect("the flocon binary runs");
    assert!(made.status.success(), "flocon sync init: {}", stderr(&made));
    let first_a = sync(a, &pair.replica_a);
    assert!(count(&first_a, "sent_commits") >= 1, "A sends: {first_a:#}");
    pair.wait_until_replicated();
    let first_b = sync(b, &pair.replica_b);
    assert!(count(&first_b, "sent_commits") >= 1, "B sends: {first_b:#}");
    assert!(
        count(&first_b, "received_commits") >= 1,
        "B gets A's: {first_b:#}"
    );
    assert_ne!(first_a["device_id"], first_b["device_id"], "two devices");
    pair.wait_until_replicated();

    sync_until_quiet(&pair, a, b);
    let everyone = people(a);
    assert_eq!(everyone.len(), 3, "A has all three people: {everyone:?}");
    assert_eq!(people(b), everyone, "B has the same people as A");

    // The same field changed on both laptops before either sees the other's change.
    ok(a, &["contacts", "update", &awa, "--city", "Dakar"]);
    ok(b, &["contacts", "update", &awa, "--city", "Lyon"]);
    let reports = sync_until_quiet(&pair, a, b);
    let city = |data: &Path| json(data, &["contacts", "show", &awa, "--json"])["city"].clone();
    let kept = city(a);
    assert_eq!(city(b), kept, "both laptops keep the same city");
    assert!(kept == "Dakar" || kept == "Lyon", "one of the two: {kept}");

    let conflicts = json(a, &["conflicts", "list", "--json"]);
    let same = json(b, &["conflicts", "list", "--json"]);
    assert_eq!(same, conflicts, "the same conflict history on both");
    let list = conflicts.as_array().expect("a list of conflicts");
    let [conflict] = list.as_slice() else {
        panic!("exactly one conflict: {conflicts:#}");
    };
    assert_eq!(conflict["entity"], "person");
    assert_eq!(conflict["record_id"], awa.as_str());
    assert_eq!(conflict["field"], "city");
    assert_eq!(conflict["open"], true);
    assert_eq!(conflict["kept"]["text"], kept, "kept: what the data holds");
    // Some sync announced it, and none announced another one.
    let announced: Vec<&Value> = (reports.iter())
        .flat_map(|r| r["new_conflicts"].as_array().into_iter().flatten())
        .collect();
    assert!(!announced.is_empty(), "no sync reported the conflict");
    let only_it = announced.iter().all(|c| c["id"] == conflict["id"]);
    assert!(only_it, "other conflicts reported: {announced:#?}");
}
