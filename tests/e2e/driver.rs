//! Starting the real desktop app under WebDriver: tauri-driver in front of WebKitWebDriver,
//! which launches the app binary with its real WebView. Needs an X display (the test script
//! runs these tests under `xvfb-run`).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long the UI may take to show something after an action. Generous: CI machines have
/// two cores and a debug build.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The running app and its driver. Dropping it stops the driver with SIGTERM (a killed driver
/// leaves WebKitWebDriver holding its port and the run hangs).
pub struct App {
    pub client: Client,
    driver: Driver,
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl App {
    /// Starts the app on the data directory `data_dir`, goes to the contacts and waits until
    /// their list has loaded.
    pub async fn launch(data_dir: &Path) -> App {
        let app = App::launch_home(data_dir).await;
        app.click("a[data-nav='contacts']").await;
        app.wait_for("[data-testid='contact-list'][data-loaded='true']")
            .await;
        app
    }

    /// Starts the app on the data directory `data_dir` and waits for its home view, "Ma
    /// semaine".
    pub async fn launch_home(data_dir: &Path) -> App {
        let app = App::start(data_dir).await;
        app.wait_for("a[data-nav='week'][aria-current='page']")
            .await;
        app
    }

    /// Starts the app on the data directory `data_dir`, without waiting for any screen.
    pub async fn start(data_dir: &Path) -> App {
        if !cfg!(feature = "custom-protocol") {
            panic!(
                "end-to-end tests need the bundled UI: run them with --features custom-protocol"
            );
        }
        // A port found free may be taken by someone else before tauri-driver binds it: then
        // the driver exits at once, and another pair of ports is tried.
        let mut attempt = 0;
        let (port, log_path, driver) = loop {
            attempt += 1;
            let port = free_port();
            let native_port = loop {
                let other = free_port();
                if other != port {
                    break other;
                }
            };
            let log_path = artifacts_dir().join(format!("tauri-driver-{port}.log"));
            let log = std::fs::File::create(&log_path).expect("create the driver log");
            let child = Command::new(tauri_driver())
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .env("FLOCON_DATA_DIR", data_dir)
                // The WebView's own storage (the chosen language, say) lives beside the test's
                // data, so tests never share it or touch the user's.
                .env("XDG_DATA_HOME", data_dir.join("webview"))
                // Exported files (Markdown, iCalendar) land here, never in the user's Downloads.
                .env("FLOCON_EXPORT_DIR", data_dir.join("exports"))
                // Sync keys stay in memory: never in the keyring of whoever runs the tests.
                .env("FLOCON_NO_KEYRING", "1")
                // The team folders tests make use the cheap key derivation, which the app
                // refuses unless it is under test.
                .env("FLOCON_SYNC_FAST_KDF", "1")
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("clone the log handle"))
                .stderr(log)
                .spawn()
                .expect("tauri-driver starts (cargo install tauri-driver --version ^2 --locked)");
            let mut driver = Driver(child);
            if wait_for_port(port, &mut driver) {
                break (port, log_path, driver);
            }
            if attempt >= 3 {
                panic!(
                    "tauri-driver did not listen on port {port}; see {}",
                    log_path.display()
                );
            }
        };

        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": env!("CARGO_BIN_EXE_flocon-desktop"),
                "args": ["--data-dir", data_dir],
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| panic!("WebDriver session: {e}; see {}", log_path.display()));
        App { client, driver }
    }

    /// Closes the window as a person would (its close button), waits until it is gone, then
    /// stops the driver. Panics if the window does not close.
    pub async fn close_like_a_user(self) {
        let closed = tokio::task::spawn_blocking(|| {
            crate::x11::close_window("Flocon", Duration::from_secs(15))
        })
        .await
        .expect("the closing task");
        let App { client, driver } = self;
        drop(client);
        drop(driver);
        assert!(closed, "the window did not close when asked to");
    }

    /// Ends the session, which closes the app, and stops the driver.
    pub async fn quit(self) {
        let App { client, driver } = self;
        let _ = client.close().await;
        drop(driver);
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Clicks the first element matched by `css` whose text contains `needle`.
    pub async fn click_text(&self, css: &str, needle: &str) {
        self.wait_for_text(css, needle).await;
        let elements = self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default();
        for (element, text) in elements.iter().zip(self.texts(css).await) {
            if text.contains(needle) {
                element
                    .click()
                    .await
                    .unwrap_or_else(|e| panic!("clicking {css} {needle:?}: {e}"));
                return;
            }
        }
        panic!("no {css} contains {needle:?} any more");
    }

    /// Sends keys (WebDriver key codes allowed, e.g. "\u{E007}" for Enter) to the element.
    pub async fn send_keys_to(&self, css: &str, keys: &str) {
        self.wait_for(css)
            .await
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Presses Ctrl and `key` together, wherever the focus is.
    pub async fn press_ctrl(&self, key: &str) {
        let focused = self
            .client
            .active_element()
            .await
            .expect("an element has the focus");
        focused
            .send_keys(&format!("\u{E009}{key}\u{E000}"))
            .await
            .unwrap_or_else(|e| panic!("pressing Ctrl+{key}: {e}"));
    }

    /// Sends keys to whatever has the focus (WebDriver key codes allowed: U+E007 is Enter).
    pub async fn press(&self, keys: &str) {
        let focused = self
            .client
            .active_element()
            .await
            .expect("an element has the focus");
        focused
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("pressing {keys:?}: {e}"));
    }

    /// Replaces the text of the input matched by `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clearing {css}: {e}"));
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Opens a file of this computer in the window (a page the app saved).
    pub async fn goto_file(&self, path: &Path) {
        self.client
            .goto(&format!("file://{}", path.display()))
            .await
            .unwrap_or_else(|e| panic!("opening {}: {e}", path.display()));
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn script(&self, js: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(js, args)
            .await
            .unwrap_or_else(|e| panic!("running {js}: {e}"))
    }

    /// The current value of the form field matched by `css`.
    pub async fn value_of(&self, css: &str) -> String {
        self.wait_for(css).await;
        let value = self
            .script(
                "return document.querySelector(arguments[0]).value",
                vec![json!(css)],
            )
            .await;
        value.as_str().unwrap_or_default().to_string()
    }

    /// Chooses the option whose text contains `label` in the select matched by `css`.
    pub async fn select_option(&self, css: &str, label: &str) {
        self.wait_for(css).await;
        let chosen = self
            .script(
                "const s = document.querySelector(arguments[0]);
                 const o = Array.from(s.options).find(o => o.textContent.includes(arguments[1]));
                 if (!o) return false;
                 s.value = o.value;
                 s.dispatchEvent(new Event('change', { bubbles: true }));
                 s.dispatchEvent(new Event('input', { bubbles: true }));
                 return true;",
                vec![json!(css), json!(label)],
            )
            .await;
        assert_eq!(chosen, json!(true), "no option {label:?} in {css}");
    }

    pub async fn text_of(&self, css: &str) -> String {
        self.wait_for(css).await;
        self.texts(css).await.into_iter().next().unwrap_or_default()
    }

    /// The text content of every element matched by `css`. (WebDriver's own "visible text"
    /// leaves out text in WebKitGTK that is clipped with an ellipsis, which lists do.)
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let found = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent.replace(/\\s+/g, ' ').trim())",
                vec![json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("reading the text of {css}: {e}"));
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Waits until some element matched by `css` contains `needle`, and returns its text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            seen = self.texts(css).await;
            if let Some(text) = seen.iter().find(|t| t.contains(needle)) {
                return text.clone();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.screenshot("last-failure").await;
        panic!(
            "no {css} contains {needle:?}; saw {seen:?} (screenshot: {})",
            shot.display()
        );
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Saves a PNG of the window in the artifacts folder and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }
}

/// `target/e2e-artifacts`: driver logs and screenshots, kept for a person to look at.
pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("create the artifacts folder");
    dir
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    cargo_bin
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Whether tauri-driver listens on `port` within 15 seconds (false at once if it exited:
/// the port was taken meanwhile).
fn wait_for_port(port: u16, driver: &mut Driver) -> bool {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        if matches!(driver.0.try_wait(), Ok(Some(_))) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}
