//! The wasm inference benchmark page in headless Chromium, served cross-origin
//! isolated. `KEFU_BENCH=1` (set by `cargo xtask bench`) runs every dev message
//! 20 times and reports p50/p99; otherwise a short run checks the page works.

use std::time::Duration;

use serde_json::json;

use crate::support::{BROWSER_SLOT, Browser, TestServer, report, root};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wasm_inference_benchmark() {
    let _slot = BROWSER_SLOT.lock().await;
    let full = std::env::var_os("KEFU_BENCH").is_some();
    let mut texts = dev_messages();
    if !full {
        texts.truncate(100);
    }
    let rounds = if full { 20 } else { 1 };
    let server = TestServer::start("bench").await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&server.url("/bench/index.html"))
        .await
        .expect("bench page loads");
    browser
        .wait_for(
            "the benchmark module",
            "return typeof window.kefuBench === 'function'",
            Duration::from_secs(30),
        )
        .await;
    let result = browser
        .client
        .execute(
            "return await window.kefuBench(arguments[0], arguments[1], arguments[2], arguments[3]);",
            vec![json!(texts), json!(rounds), json!(faq_questions()), json!(big_index_hex())],
        )
        .await
        .expect("benchmark runs");
    assert_eq!(result["messages"], json!(texts.len() * rounds), "{result}");
    assert_eq!(
        result["cross_origin_isolated"],
        json!(true),
        "the page must be cross-origin isolated for fine timers"
    );
    assert!(
        result["p50_us"].as_f64().is_some_and(|v| v > 0.0),
        "{result}"
    );
    let faq = &result["faq"];
    assert!(
        faq["demo"]["p50_us"].as_f64().is_some_and(|v| v > 0.0)
            && faq["synthetic_1000"]["p50_us"]
                .as_f64()
                .is_some_and(|v| v > 0.0),
        "FAQ lookups measured: {result}"
    );
    report(
        if full {
            "wasm inference benchmark"
        } else {
            "wasm inference smoke run"
        },
        &result,
    );
    browser.close().await;
}

/// The demo shop's paraphrase questions: what shoppers ask the FAQ.
fn faq_questions() -> Vec<String> {
    std::fs::read_to_string(root().join("www/demo/faq-paraphrases.jsonl"))
        .expect("paraphrase set")
        .lines()
        .filter_map(|l| {
            serde_json::from_str::<serde_json::Value>(l).ok()?["text"]
                .as_str()
                .map(str::to_owned)
        })
        .collect()
}

/// A generated 1,000-entry index, built with the bundled model, as hex for the page.
fn big_index_hex() -> String {
    let nlu = kefu_model::Nlu::from_onnx_bytes(
        &std::fs::read(root().join("model/kefu-nlu.onnx")).expect("model"),
    )
    .expect("model loads");
    let (index, _) =
        kefu_faq::build_index(kefu_faq::synthetic_knowledge(1000), &nlu).expect("index builds");
    index
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every message of the project's dev set: realistic lengths and scripts.
fn dev_messages() -> Vec<String> {
    let dir = root().join("model/data/dev");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dev set")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .expect("dev file")
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter_map(|l| {
            serde_json::from_str::<serde_json::Value>(&l).ok()?["text"]
                .as_str()
                .map(str::to_owned)
        })
        .collect()
}
