//! The conformance runner: a step list (method, path, caller, body, expected status and a
//! JSON subset) played against a backend, in-process through `oneshot` or over a socket.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use kefu_api::ShopperClaims;
use kefu_backend::{ApiConfig, AppState, jwt};
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// How requests reach the backend.
#[derive(Clone)]
pub(crate) enum Target {
    InProcess(Router),
    Http(std::net::SocketAddr),
}

/// One response, as the tests see it.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Value,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `Authorization` for a caller named in a case: `c-1001` (a shopper), `guest:A10293`,
/// `expired:c-1001`, `forged:c-1001`, `alg-none:c-1001`, `raw:<header value>`, or `none`.
pub(crate) fn authorization(who: &str, secret: &[u8]) -> Option<String> {
    let claims = |sub: &str, exp: i64, ord: Option<&str>| ShopperClaims {
        sub: sub.to_owned(),
        exp,
        iat: Some(now()),
        ord: ord.map(|o| o.parse().expect("order number")),
    };
    let bearer = |t: String| Some(format!("Bearer {t}"));
    match who.split_once(':') {
        None if who == "none" => None,
        None => bearer(jwt::mint(secret, &claims(who, now() + 600, None))),
        Some(("guest", order)) => bearer(jwt::mint(
            secret,
            &claims("guest", now() + 600, Some(order)),
        )),
        Some(("expired", sub)) => bearer(jwt::mint(secret, &claims(sub, now() - 3600, None))),
        Some(("forged", sub)) => bearer(jwt::mint(
            b"not-the-shop-secret",
            &claims(sub, now() + 600, None),
        )),
        Some(("alg-none", sub)) => {
            use base64::Engine;
            let b64 = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
            let payload = serde_json::to_vec(&claims(sub, now() + 600, None)).expect("json");
            bearer(format!(
                "{}.{}.",
                b64(br#"{"alg":"none","typ":"JWT"}"#),
                b64(&payload)
            ))
        }
        Some(("raw", value)) => Some(value.to_owned()),
        Some(_) => panic!("unknown caller {who}"),
    }
}

/// A fresh SQLite file seeded with the demo shop, and the app on it.
pub(crate) async fn sqlite_app(name: &str, config: ApiConfig) -> Router {
    let dir = std::env::temp_dir().join("kefu-backend-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let db = kefu_backend::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("database ready");
    app_on(db, config)
}

pub(crate) fn app_on(db: kefu_backend::Db, config: ApiConfig) -> Router {
    kefu_backend::app(AppState {
        db,
        dist_dir: PathBuf::from("/nonexistent"),
        www_dir: PathBuf::from("/nonexistent"),
        api: config,
    })
}

/// Serves `app` on a port-0 listener, with client addresses, like `main.rs` does.
pub(crate) async fn serve(app: Router) -> Target {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        let _ = axum::serve(listener, service).await;
    });
    Target::Http(addr)
}

/// Sends one request.
pub(crate) async fn send(
    target: &Target,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Option<&Value>,
) -> Reply {
    let bytes = body
        .map(|b| serde_json::to_vec(b).expect("json"))
        .unwrap_or_default();
    match target {
        Target::InProcess(app) => {
            let mut req = Request::builder().method(method).uri(path);
            for (n, v) in headers {
                req = req.header(n, v);
            }
            if body.is_some() {
                req = req.header("content-type", "application/json");
            }
            let res = app
                .clone()
                .oneshot(req.body(Body::from(bytes)).expect("request"))
                .await
                .expect("infallible");
            let status = res.status().as_u16();
            let headers = res
                .headers()
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
                .collect();
            let raw = res.into_body().collect().await.expect("body").to_bytes();
            Reply {
                status,
                headers,
                body: parse_body(&raw),
            }
        }
        Target::Http(addr) => http(*addr, method, path, headers, body.is_some(), &bytes).await,
    }
}

fn parse_body(raw: &[u8]) -> Value {
    if raw.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(raw)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(raw).into_owned()))
    }
}

/// HTTP/1.1 with `Connection: close`: enough for tests, no client library.
async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    json: bool,
    body: &[u8],
) -> Reply {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    if json {
        head.push_str("content-type: application/json\r\n");
    }
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut payload = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
    {
        payload = dechunk(&payload);
    }
    Reply {
        status,
        headers,
        body: parse_body(&payload),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap_or("0").trim(), 16)
                .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

/// One step of a case file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    name: String,
    #[serde(rename = "as")]
    caller: String,
    method: String,
    path: String,
    #[serde(default)]
    headers: Vec<(String, String)>,
    /// `Idempotency-Key` for POSTs: absent = a fresh one, `null` = none.
    #[serde(default = "fresh_key")]
    key: Option<String>,
    #[serde(default)]
    body: Option<Value>,
    status: u16,
    #[serde(default)]
    expect: Value,
    #[serde(default)]
    expect_headers: Vec<(String, String)>,
}

fn fresh_key() -> Option<String> {
    Some("fresh".to_owned())
}

static KEYS: AtomicU64 = AtomicU64::new(0);

/// Runs `cases/<file>.json` against `target`; reports every failing step, then panics.
pub(crate) async fn check(file: &str, target: &Target) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(format!("{file}.json"));
    let text = std::fs::read_to_string(&path).expect("case file");
    let steps: Vec<Step> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let secret = ApiConfig::demo().jwt_secret;
    let mut failures = Vec::new();
    for step in steps {
        let mut headers = step.headers.clone();
        if let Some(auth) = authorization(&step.caller, &secret) {
            headers.push(("authorization".into(), auth));
        }
        if step.method == "POST" {
            match step.key.as_deref() {
                Some("fresh") => headers.push((
                    "idempotency-key".into(),
                    format!(
                        "test-key-{}-{}",
                        std::process::id(),
                        KEYS.fetch_add(1, Ordering::Relaxed)
                    ),
                )),
                Some(k) => headers.push(("idempotency-key".into(), k.to_owned())),
                None => {}
            }
        }
        let reply = send(
            target,
            &step.method,
            &step.path,
            &headers,
            step.body.as_ref(),
        )
        .await;
        let mut problems = Vec::new();
        if reply.status != step.status {
            problems.push(format!(
                "status {} (expected {})",
                reply.status, step.status
            ));
        }
        if let Err(at) = subset(&step.expect, &reply.body, "$") {
            problems.push(format!("body differs at {at}"));
        }
        for (n, v) in &step.expect_headers {
            if reply.header(n) != Some(v.as_str()) {
                problems.push(format!(
                    "header {n}: {:?} (expected {v:?})",
                    reply.header(n)
                ));
            }
        }
        if let Err(e) =
            crate::api::openapi::decodes(&step.method, &step.path, reply.status, &reply.body)
        {
            problems.push(format!("not the contract's type: {e}"));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{file}: {}\n  {}\n  got: {}",
                step.name,
                problems.join("\n  "),
                serde_json::to_string(&reply.body).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
}

/// `expected` is contained in `actual`: objects by key, arrays element by element and of the
/// same length, scalars equal. `null` in `expected` at the top means "anything".
pub(crate) fn subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Null, _) if at == "$" => Ok(()),
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let here = format!("{at}.{k}");
                match a.get(k) {
                    Some(av) => subset(v, av, &here)?,
                    None if v.is_null() => {}
                    None => return Err(format!("{here}: missing")),
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset(ev, av, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at}: expected {expected}, got {actual}")),
    }
}
