//! The engine's order flows against the real reference backend over HTTP: scripted
//! conversations in `tests/data/conversations/*.txt`, each with its transcript snapshot
//! (`.expected`, regenerate with `UPDATE_EXPECT=1`).
//!
//! A script line is `> message` (typed), `[label]` (press the button with that label on the
//! last reply; `[prefix…]` the one whose label starts so), `! down` / `! up` (stop or restart the backend: queued requests are sent
//! again when it is back), `@identify SHOPPER` (the page identifies a logged-in shopper with
//! a token minted for that id) or `@locale TAG` (the UI's language).

use std::collections::VecDeque;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::Request;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use kefu_engine::{Conversation, Engine, HttpResponse, Locale, Outgoing, Transport, Turn};

use crate::support::{TestServer, root};

fn engine() -> Engine {
    let model = std::fs::read(root().join("model/kefu-nlu.onnx")).expect("model");
    let mut engine = Engine::from_model_bytes(&model).expect("model loads");
    let yaml = std::fs::read_to_string(root().join("www/demo/faq.yaml")).expect("demo FAQ");
    let kb = kefu_faq::parse_yaml(&yaml).expect("valid");
    let (index, _) = kefu_faq::build_index(kb, engine.nlu()).expect("index");
    engine.load_faq(&index.to_bytes()).expect("index loads");
    engine
}

/// Sends one request the way the widget's worker does (Accept-Language, bearer, key).
async fn send(server: &TestServer, out: &Outgoing) -> Result<HttpResponse, Transport> {
    let client = Client::builder(TokioExecutor::new()).build_http();
    let mut req = Request::builder()
        .method(out.method.as_str())
        .uri(server.url(&out.path))
        .header("accept-language", out.locale.as_str())
        .header("content-type", "application/json");
    if let Some(token) = &out.bearer {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    if let Some(key) = &out.idempotency_key {
        req = req.header("idempotency-key", key.as_str());
    }
    let body = Full::new(Bytes::from(out.body.clone().unwrap_or_default()));
    let req = req.body(body).map_err(|_| Transport::Unreachable)?;
    let exchange = async {
        let res = client
            .request(req)
            .await
            .map_err(|_| Transport::Unreachable)?;
        let status = res.status().as_u16();
        let bytes = res
            .into_body()
            .collect()
            .await
            .map_err(|_| Transport::Unreachable)?
            .to_bytes();
        Ok(HttpResponse {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    };
    tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .unwrap_or(Err(Transport::Timeout))
}

/// One script being played: the engine, the conversation, the backend, and what it printed.
struct Player {
    engine: Engine,
    conv: Conversation,
    server: TestServer,
    /// Requests the backend did not answer, for `! up` to send again.
    queue: VecDeque<Outgoing>,
    last_choices: Vec<kefu_engine::Choice>,
    out: String,
}

/// Plays one script and returns its transcript.
async fn play(name: &str, script: &str) -> String {
    let mut p = Player {
        engine: engine(),
        conv: Conversation::new(true, 0x5eed),
        server: TestServer::start(&format!("conversation-{name}")).await,
        queue: VecDeque::new(),
        last_choices: Vec::new(),
        out: String::new(),
    };
    let mut locale = Locale::En;
    for line in script.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let turn = if let Some(text) = line.strip_prefix("> ") {
            p.out.push_str(&format!("\n> {text}\n"));
            p.engine
                .converse(&mut p.conv, text, locale)
                .expect("engine")
        } else if let Some(label) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            p.out.push_str(&format!("\n[{label}]\n"));
            // `[A10312…]` presses the button whose label starts with `A10312`.
            let action = p
                .last_choices
                .iter()
                .find(|c| match label.strip_suffix('…') {
                    Some(prefix) => c.label.starts_with(prefix),
                    None => c.label == label,
                })
                .map(|c| c.action.clone())
                .unwrap_or_else(|| panic!("{name}: no button {label:?} in {:?}", p.last_choices));
            p.engine.press(&mut p.conv, &action, locale)
        } else if line == "! down" {
            p.out.push_str("\n! backend down\n");
            p.server.stop().await;
            continue;
        } else if line == "! up" {
            p.out.push_str("\n! backend up\n");
            p.server.restart().await;
            // The worker's retry loop, without the wait: every queued request again, in order.
            let pending: Vec<Outgoing> = p.queue.drain(..).collect();
            for call in pending {
                let got = send(&p.server, &call).await;
                p.out.push_str(&format!(
                    "  {} {} → {} (retried)\n",
                    call.method.as_str(),
                    call.path,
                    status(&got)
                ));
                let turn = p.engine.answer(&mut p.conv, call.id, got);
                p.follow(turn).await;
            }
            continue;
        } else if let Some(shopper) = line.strip_prefix("@identify ") {
            p.conv.identify(Some(mint(shopper)));
            p.out.push_str(&format!("\n@identify {shopper}\n"));
            continue;
        } else if let Some(tag) = line.strip_prefix("@locale ") {
            locale = tag.parse().expect("locale tag");
            continue;
        } else {
            panic!("{name}: bad script line {line:?}");
        };
        p.follow(turn).await;
    }
    p.server.stop().await;
    p.out
}

impl Player {
    /// Follows a turn: shows its reply, sends its request and follows the answer, queues retries.
    async fn follow(&mut self, mut turn: Turn) {
        loop {
            if let Some(reply) = turn.reply.take() {
                self.out.push_str(&render(&reply));
                self.last_choices = reply.choices.clone();
            }
            if let Some(retry) = turn.retry.take() {
                self.out.push_str(&format!(
                    "  (queued {} {})\n",
                    retry.method.as_str(),
                    retry.path
                ));
                self.queue.push_back(retry);
            }
            let Some(call) = turn.call.take() else {
                return;
            };
            let got = send(&self.server, &call).await;
            self.out.push_str(&format!(
                "  {} {} → {}\n",
                call.method.as_str(),
                call.path,
                status(&got)
            ));
            turn = self.engine.answer(&mut self.conv, call.id, got);
        }
    }
}

fn status(got: &Result<HttpResponse, Transport>) -> String {
    match got {
        Ok(r) => r.status.to_string(),
        Err(e) => format!("{e:?}"),
    }
}

fn render(reply: &kefu_engine::Reply) -> String {
    let mut s = format!("< {}\n", reply.text);
    for card in &reply.cards {
        s.push_str(&format!(
            "  ┌ {:?}: {}{}\n",
            card.kind,
            card.title,
            card.badge
                .as_ref()
                .map(|b| format!(" [{b}]"))
                .unwrap_or_default()
        ));
        for (k, v) in &card.fields {
            s.push_str(&format!("  │ {k}: {v}\n"));
        }
        for l in &card.lines {
            s.push_str(&format!("  │ · {l}\n"));
        }
        for (at, what) in &card.events {
            s.push_str(&format!("  │ {at}  {what}\n"));
        }
    }
    if !reply.choices.is_empty() {
        let labels: Vec<String> = reply
            .choices
            .iter()
            .map(|c| format!("[{}]", c.label))
            .collect();
        s.push_str(&format!("  {}\n", labels.join(" ")));
    }
    mask_times(&s)
}

/// The demo shop is seeded relative to now: dates and times vary between runs.
fn mask_times(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let is = |i: usize, pat: &str| {
        pat.chars().enumerate().all(|(k, p)| {
            chars.get(i + k).is_some_and(|c| {
                if p == 'd' {
                    c.is_ascii_digit()
                } else {
                    *c == p
                }
            })
        })
    };
    while i < chars.len() {
        if is(i, "dddd-dd-dd dd:dd") {
            out.push_str("<time>");
            i += 16;
        } else if is(i, "dddd-dd-dd") {
            out.push_str("<date>");
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn mint(shopper: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let now = i64::try_from(now).expect("clock");
    let claims = kefu_api::ShopperClaims {
        sub: shopper.to_owned(),
        exp: now + 600,
        iat: Some(now),
        ord: None,
    };
    kefu_backend::jwt::mint(
        kefu_backend::ApiConfig::demo().jwt_secret.as_slice(),
        &claims,
    )
}

/// The one check: play every script, compare with its snapshot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripted_conversations_against_the_reference_backend() {
    let dir = root().join("tests/data/conversations");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("conversation scripts")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "scripts missing in {}", dir.display());
    let mut failed = Vec::new();
    for path in scripts {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .to_owned();
        let script = std::fs::read_to_string(&path).expect("script");
        let got = play(&name, &script).await;
        let expected_path = path.with_extension("expected");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &got).expect("snapshot written");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failed.push(format!("── {name} ──\n{got}"));
        }
    }
    assert!(
        failed.is_empty(),
        "transcripts differ from their .expected (UPDATE_EXPECT=1 rewrites them):\n{}",
        failed.join("\n")
    );
}
