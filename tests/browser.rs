//! The widget end to end: demo storefront → loader → Shadow DOM → Leptos UI →
//! engine worker (tract) → reply, in headless Chromium, under the demo's strict CSP.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;

use crate::support::chat::{ROOT, WAIT, storefront};
use crate::support::{BROWSER_SLOT, Browser, TestServer, artifacts, report};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skeleton_answers_on_the_device() {
    let _serial = BROWSER_SLOT.lock().await;
    let server = TestServer::start("skeleton").await;
    let browser = Browser::start().await;
    storefront(&browser, &server).await;

    // The launcher is shown by the loader before any wasm is requested.
    browser
        .wait_for(
            "the launcher",
            &format!("return {ROOT}.querySelector('.kefu-launcher')"),
            WAIT,
        )
        .await;
    let order = browser
        .js(
            "const m = n => (performance.getEntriesByName(n)[0] || {}).startTime ?? null;
             const wasm = performance.getEntriesByType('resource').filter(e => /\\.wasm$|kefu-worker\\.js$|kefu_widget\\.js$/.test(e.name));
             return { launcher: m('kefu:launcher'), engine: m('kefu:engine-requested'),
                      firstFetch: wasm.length ? Math.min(...wasm.map(e => e.startTime)) : null };",
        )
        .await;
    let launcher = order["launcher"].as_f64().expect("kefu:launcher mark");
    for later in ["engine", "firstFetch"] {
        if let Some(t) = order[later].as_f64() {
            assert!(
                t > launcher,
                "{later} at {t} ms came before the launcher at {launcher} ms"
            );
        }
    }

    // The shop's aggressive CSS (pink dashed buttons, Georgia) does not reach the widget.
    let style = browser
        .js(&format!(
            "const l = {ROOT}.querySelector('.kefu-launcher'); const s = getComputedStyle(l);
             return [s.backgroundColor, s.borderStyle, s.position].join('|');"
        ))
        .await;
    assert_eq!(
        style,
        Value::from("rgb(228, 57, 60)|none|fixed"),
        "shop CSS leaked into the widget"
    );

    // Let the idle-time preload (UI wasm on the main thread, engine in the worker) finish,
    // then report any main-thread long task it caused before the shopper opened the chat.
    browser
        .wait_for(
            "the idle preload",
            "return performance.getEntriesByType('resource').some(e => e.name.endsWith('kefu_widget_bg.wasm'))",
            WAIT,
        )
        .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let long_tasks = browser
        .js(
            "const l = (performance.getEntriesByName('kefu:launcher')[0] || {}).startTime || 0;
             return (window.shopLongTasks || []).filter(t => t.start >= l).map(t => Math.round(t.duration));",
        )
        .await;
    report(
        "long tasks (ms) on the page's main thread after the launcher, before opening",
        &long_tasks,
    );

    let shadow = browser.shadow().await;
    shadow
        .find(Locator::Css(".kefu-launcher"))
        .await
        .expect("launcher")
        .click()
        .await
        .expect("click");
    browser
        .wait_for(
            "the engine to be ready",
            "return performance.getEntriesByName('kefu:ready').length",
            WAIT,
        )
        .await;
    let composer = shadow
        .find(Locator::Css("textarea"))
        .await
        .expect("message box");
    let font = browser
        .js(&format!(
            "return getComputedStyle({ROOT}.querySelector('textarea')).fontFamily"
        ))
        .await;
    assert!(
        !font.as_str().unwrap_or("").contains("Georgia"),
        "shop font leaked: {font}"
    );

    let before = server.requests();
    let resources_before = browser
        .js("return performance.getEntriesByType('resource').length")
        .await;
    composer
        .send_keys("where is my order")
        .await
        .expect("typing");
    shadow
        .find(Locator::Css(".kefu-send"))
        .await
        .expect("send button")
        .click()
        .await
        .expect("send");
    let reply = browser
        .wait_for(
            "a reply",
            &format!("const b = {ROOT}.querySelectorAll('.kefu-msg-bot'); return b.length >= 2 ? b[b.length - 1].textContent : null"),
            WAIT,
        )
        .await;
    let reply = reply.as_str().expect("reply text");
    assert!(
        reply.contains("order"),
        "the reply should be about the order: {reply}"
    );
    let shopper = browser
        .js(&format!(
            "return {ROOT}.querySelector('.kefu-msg-shopper').textContent"
        ))
        .await;
    assert_eq!(shopper, Value::from("where is my order"));

    // Understanding happened on the device: nothing reached the server or the network.
    assert_eq!(
        server.requests(),
        before,
        "a request was made to understand the message"
    );
    let resources_after = browser
        .js("return performance.getEntriesByType('resource').length")
        .await;
    assert_eq!(
        resources_after, resources_before,
        "the page fetched something to answer"
    );

    let open_to_ready = browser
        .js("const m = n => performance.getEntriesByName(n)[0].startTime; return m('kefu:ready') - m('kefu:open');")
        .await;
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(artifacts().join("skeleton.png"), png).expect("screenshot saved");
    report("warm (preloaded at idle): open -> ready ms", &open_to_ready);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lazy_page_fetches_no_wasm_until_opened() {
    let _serial = BROWSER_SLOT.lock().await;
    let server = TestServer::start("lazy").await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&server.url("/demo/lazy.html"))
        .await
        .expect("page loads");
    browser
        .wait_for(
            "the launcher",
            &format!("return {ROOT}.querySelector('.kefu-launcher')"),
            WAIT,
        )
        .await;
    // Give an eager implementation every chance to misbehave before checking.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let heavy = |paths: &[String]| {
        paths
            .iter()
            .filter(|p| p.ends_with(".wasm") || p.ends_with(".onnx"))
            .count()
    };
    assert_eq!(
        heavy(&server.requests()),
        0,
        "wasm or model fetched before the shopper opened the chat: {:?}",
        server.requests()
    );

    browser
        .shadow()
        .await
        .find(Locator::Css(".kefu-launcher"))
        .await
        .expect("launcher")
        .click()
        .await
        .expect("click");
    browser
        .wait_for(
            "the engine to be ready",
            "return performance.getEntriesByName('kefu:ready').length",
            WAIT,
        )
        .await;
    assert!(
        heavy(&server.requests()) >= 3,
        "opening loads UI wasm, engine wasm and model: {:?}",
        server.requests()
    );
    let cold = browser
        .js("const m = n => performance.getEntriesByName(n)[0].startTime; return m('kefu:ready') - m('kefu:open');")
        .await;
    report("cold (nothing preloaded): open -> ready ms", &cold);
    browser.close().await;
}
