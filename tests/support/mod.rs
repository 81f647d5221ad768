//! Test helpers: the reference backend on a port-0 listener with a request log,
//! a headless Chromium driven through chromedriver, and polling.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

pub(crate) mod chat;

/// Browser tests share two CPU cores; running them one at a time keeps timings meaningful.
pub(crate) static BROWSER_SLOT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Prints a measurement and appends it to `target/e2e/timings.txt` (cleared by `cargo xtask test`).
pub(crate) fn report(what: &str, value: &Value) {
    let line = format!("{what}: {value}\n");
    print!("{line}");
    let path = artifacts().join("timings.txt");
    let mut all = std::fs::read_to_string(&path).unwrap_or_default();
    all.push_str(&line);
    std::fs::write(path, all).expect("timings saved");
}

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where tests leave artifacts (screenshots, timings).
pub(crate) fn artifacts() -> PathBuf {
    let dir = root().join("target").join("e2e");
    std::fs::create_dir_all(&dir).expect("artifact dir");
    dir
}

/// The built widget; the browser tests need `cargo xtask build` to have run.
pub(crate) fn dist() -> PathBuf {
    let dir = std::env::var_os("KEFU_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/dist"));
    assert!(
        dir.join("kefu.js").exists() && dir.join("kefu_worker_bg.wasm").exists(),
        "no widget build in {}: run `cargo xtask build` (or `cargo xtask test`) first",
        dir.display()
    );
    dir
}

/// The reference backend serving the demo, plus every request path it saw.
pub(crate) struct TestServer {
    name: String,
    pub(crate) addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    /// A fresh demo database named `name` and a server on a free port.
    pub(crate) async fn start(name: &str) -> TestServer {
        let db_path = artifacts().join(format!("{name}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db_path.display()));
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        TestServer::serve(name, listener, Arc::default()).await
    }

    /// Brings a stopped server back on the same address with the same database.
    pub(crate) async fn restart(&mut self) {
        assert!(self.task.is_none(), "restart needs a stopped server");
        let listener = tokio::net::TcpListener::bind(self.addr)
            .await
            .expect("the old port is free again");
        // The same request log: a test sees everything the backend was asked, before and after.
        let fresh = TestServer::serve(&self.name, listener, self.log.clone()).await;
        let TestServer { stop, task, .. } = fresh;
        self.stop = stop;
        self.task = task;
    }

    async fn serve(
        name: &str,
        listener: tokio::net::TcpListener,
        log: Arc<Mutex<Vec<String>>>,
    ) -> TestServer {
        let db_path = artifacts().join(format!("{name}.db"));
        let db = kefu_backend::connect(&format!("sqlite://{}", db_path.display()))
            .await
            .expect("database ready");
        let state = kefu_backend::AppState {
            db,
            dist_dir: dist(),
            www_dir: root().join("www"),
            api: kefu_backend::ApiConfig::demo(),
        };
        let recorder = log.clone();
        let app =
            kefu_backend::app(state).layer(middleware::from_fn(move |req: Request, next: Next| {
                let recorder = recorder.clone();
                async move {
                    recorder
                        .lock()
                        .expect("log lock")
                        .push(req.uri().path().to_owned());
                    let res: Response = next.run(req).await;
                    res
                }
            }));
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
                .expect("server runs")
        });
        TestServer {
            name: name.to_owned(),
            addr,
            log,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Takes the server off the network for real: the port refuses connections afterwards.
    pub(crate) async fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
        assert!(
            std::net::TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_err(),
            "the server still accepts connections"
        );
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every path requested so far, in order.
    pub(crate) fn requests(&self) -> Vec<String> {
        self.log.lock().expect("log lock").clone()
    }
}

/// A headless Chromium session; chromedriver is killed on drop.
pub(crate) struct Browser {
    pub(crate) client: Client,
    driver: Child,
    _profile: PathBuf,
}

impl Browser {
    pub(crate) async fn start() -> Browser {
        let chromedriver = which("chromedriver").unwrap_or_else(|| {
            panic!("chromedriver not found: apt-get install chromium chromium-driver")
        });
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = std::env::temp_dir().join(format!("kefu-chrome-{port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let mut options = json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        });
        // Debian's /usr/bin/chromium is a wrapper script; chromedriver wants the binary.
        if Path::new("/usr/lib/chromium/chromium").exists() {
            options["binary"] = json!("/usr/lib/chromium/chromium");
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".to_owned(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(connector.clone())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot start a Chromium session through chromedriver: {e}"),
            }
        };
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// The widget's open shadow root, for WebDriver clicks and keystrokes inside it.
    pub(crate) async fn shadow(&self) -> fantoccini::elements::ShadowRoot {
        self.client
            .find(fantoccini::Locator::Css("#kefu-root"))
            .await
            .expect("host element")
            .shadow_root()
            .await
            .expect("open shadow root")
    }

    /// Runs a script in the page and returns its value.
    pub(crate) async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns something truthy; panics with `what` after `timeout`.
    pub(crate) async fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Value {
        let started = Instant::now();
        loop {
            let v = self.js(script).await;
            let truthy =
                !matches!(v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(
                started.elapsed() < timeout,
                "timed out after {timeout:?} waiting for {what}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub(crate) async fn close(self) {
        let Browser {
            client, mut driver, ..
        } = self;
        let _ = client.close().await;
        let _ = driver.kill();
        let _ = driver.wait();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|p| p.join(name))
        .find(|p| p.exists())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}
