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

use kefu_engine::{Conversation, Engine, HttpResponse, Locale, Method, Outgoing, Transport, Turn};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

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
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(server.addr)
            .await
            .map_err(|_| Transport::Unreachable)?;
        let method = match out.method {
            Method::Get => "GET",
            Method::Post => "POST",
        };
        let body = out.body.clone().unwrap_or_default();
        let mut head = format!(
            "{method} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAccept-Language: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            out.path,
            server.addr,
            out.locale.as_str(),
            body.len()
        );
        if let Some(token) = &out.bearer {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(key) = &out.idempotency_key {
            head.push_str(&format!("Idempotency-Key: {key}\r\n"));
        }
        head.push_str("\r\n");
        head.push_str(&body);
        stream
            .write_all(head.as_bytes())
            .await
            .map_err(|_| Transport::Unreachable)?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .map_err(|_| Transport::Unreachable)?;
        parse_http(&raw).ok_or(Transport::Unreachable)
    };
    tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .unwrap_or(Err(Transport::Timeout))
}

fn parse_http(raw: &[u8]) -> Option<HttpResponse> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Some(HttpResponse { status, body })
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// Plays one script and returns its transcript.
async fn play(name: &str, script: &str) -> String {
    let engine = engine();
    let mut server = TestServer::start(&format!("conversation-{name}")).await;
    let mut conv = Conversation::new(true, 0x5eed);
    let mut locale = Locale::En;
    let mut last_choices: Vec<kefu_engine::Choice> = Vec::new();
    let mut queue: VecDeque<Outgoing> = VecDeque::new();
    let mut out = String::new();
    for line in script.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let turn = if let Some(text) = line.strip_prefix("> ") {
            out.push_str(&format!("\n> {text}\n"));
            engine.converse(&mut conv, text, locale).expect("engine")
        } else if let Some(label) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push_str(&format!("\n[{label}]\n"));
            // `[A10312…]` presses the button whose label starts with `A10312`.
            let choice = last_choices
                .iter()
                .find(|c| match label.strip_suffix('…') {
                    Some(prefix) => c.label.starts_with(prefix),
                    None => c.label == label,
                })
                .unwrap_or_else(|| panic!("{name}: no button {label:?} in {last_choices:?}"));
            engine.press(&mut conv, &choice.action.clone(), locale)
        } else if line == "! down" {
            out.push_str("\n! backend down\n");
            server.stop().await;
            continue;
        } else if line == "! up" {
            out.push_str("\n! backend up\n");
            server.restart().await;
            // The worker's retry loop, without the wait: every queued request again, in order.
            let pending: Vec<Outgoing> = queue.drain(..).collect();
            for call in pending {
                let got = send(&server, &call).await;
                out.push_str(&format!(
                    "  {} {} → {} (retried)\n",
                    verb(&call),
                    call.path,
                    status(&got)
                ));
                let turn = engine.answer(&mut conv, call.id, got);
                run(
                    &engine,
                    &mut conv,
                    &server,
                    turn,
                    &mut queue,
                    &mut last_choices,
                    &mut out,
                )
                .await;
            }
            continue;
        } else if let Some(shopper) = line.strip_prefix("@identify ") {
            conv.identify(Some(mint(shopper)));
            out.push_str(&format!("\n@identify {shopper}\n"));
            continue;
        } else if let Some(tag) = line.strip_prefix("@locale ") {
            locale = tag.parse().expect("locale tag");
            continue;
        } else {
            panic!("{name}: bad script line {line:?}");
        };
        run(
            &engine,
            &mut conv,
            &server,
            turn,
            &mut queue,
            &mut last_choices,
            &mut out,
        )
        .await;
    }
    server.stop().await;
    out
}

/// Follows a turn: shows its reply, sends its request and follows the answer, queues retries.
async fn run(
    engine: &Engine,
    conv: &mut Conversation,
    server: &TestServer,
    mut turn: Turn,
    queue: &mut VecDeque<Outgoing>,
    last_choices: &mut Vec<kefu_engine::Choice>,
    out: &mut String,
) {
    loop {
        if let Some(reply) = turn.reply.take() {
            out.push_str(&render(&reply));
            *last_choices = reply.choices.clone();
        }
        if let Some(retry) = turn.retry.take() {
            out.push_str(&format!("  (queued {} {})\n", verb(&retry), retry.path));
            queue.push_back(retry);
        }
        let Some(call) = turn.call.take() else {
            return;
        };
        let got = send(server, &call).await;
        out.push_str(&format!(
            "  {} {} → {}\n",
            verb(&call),
            call.path,
            status(&got)
        ));
        turn = engine.answer(conv, call.id, got);
    }
}

fn status(got: &Result<HttpResponse, Transport>) -> String {
    match got {
        Ok(r) => r.status.to_string(),
        Err(e) => format!("{e:?}"),
    }
}

fn verb(call: &Outgoing) -> &'static str {
    match call.method {
        Method::Get => "GET",
        Method::Post => "POST",
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
