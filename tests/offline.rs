//! The FAQ in the widget, end to end: answers with links, "not sure" with
//! suggestions, and answers after the network is gone and the page reloaded.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;

use crate::support::{BROWSER_SLOT, Browser, TestServer, artifacts, report};

const WAIT: Duration = Duration::from_secs(30);
const ROOT: &str = "document.querySelector('#kefu-root').shadowRoot";

/// Types `text`, sends it, and returns the text of the bot reply it gets.
async fn ask(browser: &Browser, text: &str) -> String {
    let before = browser
        .js(&format!(
            "return {ROOT}.querySelectorAll('.kefu-msg-bot').length"
        ))
        .await;
    let shadow = shadow(browser).await;
    shadow
        .find(Locator::Css("textarea"))
        .await
        .expect("message box")
        .send_keys(text)
        .await
        .expect("typing");
    shadow
        .find(Locator::Css(".kefu-send"))
        .await
        .expect("send")
        .click()
        .await
        .expect("click send");
    last_bot_after(browser, before.as_u64().unwrap_or(0), text).await
}

async fn last_bot_after(browser: &Browser, count: u64, what: &str) -> String {
    let reply = browser
        .wait_for(
            &format!("a reply to {what:?}"),
            &format!(
                "const b = {ROOT}.querySelectorAll('.kefu-msg-bot');
                 return b.length > {count} ? b[b.length - 1].querySelector('.kefu-text').textContent : null"
            ),
            WAIT,
        )
        .await;
    reply.as_str().unwrap_or_default().to_owned()
}

async fn shadow(browser: &Browser) -> fantoccini::elements::ShadowRoot {
    browser
        .client
        .find(Locator::Css("#kefu-root"))
        .await
        .expect("host element")
        .shadow_root()
        .await
        .expect("open shadow root")
}

async fn open_chat(browser: &Browser) {
    browser
        .wait_for(
            "the launcher",
            "return document.querySelector('#kefu-root')?.shadowRoot?.querySelector('.kefu-launcher') ?? null",
            WAIT,
        )
        .await;
    shadow(browser)
        .await
        .find(Locator::Css(".kefu-launcher"))
        .await
        .expect("launcher")
        .click()
        .await
        .expect("click launcher");
    browser
        .wait_for(
            "the engine to be ready",
            "return performance.getEntriesByName('kefu:ready').length",
            WAIT,
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_answers_online_and_offline_after_reload() {
    let _serial = BROWSER_SLOT.lock().await;
    let mut server = TestServer::start("offline").await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&server.url("/"))
        .await
        .expect("storefront loads");
    // data-sw: the offline cache installs after load and takes control of the page.
    browser
        .wait_for(
            "the service worker to control the page",
            "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)",
            WAIT,
        )
        .await;
    browser
        .wait_for(
            "the page to be kept for offline use",
            "return (async () => { for (const k of await caches.keys()) {
                 if (await (await caches.open(k)).match(location.href)) return true; } return false; })()",
            WAIT,
        )
        .await;
    open_chat(&browser).await;

    // A knowledge question is answered from the FAQ, on the device, with its link button.
    let before = server.requests().len();
    let fee = ask(&browser, "买多少钱可以包邮").await;
    assert!(
        fee.contains("¥99"),
        "expected the shipping-fee answer: {fee}"
    );
    assert_eq!(
        server.requests().len(),
        before,
        "answering an FAQ made a request: {:?}",
        &server.requests()[before..]
    );
    let shipping = ask(&browser, "下单后一般多久能发货").await;
    assert!(
        shipping.contains("48 小时"),
        "expected the delivery-time answer: {shipping}"
    );
    let link = browser
        .js(&format!(
            "const b = {ROOT}.querySelectorAll('.kefu-msg-bot'); const a = b[b.length - 1].querySelector('a.kefu-link');
             return a ? [a.textContent, a.href, a.target, a.rel].join('|') : null"
        ))
        .await;
    assert!(
        link.as_str()
            .is_some_and(|l| l.contains("https://") && l.contains("_blank|noopener")),
        "the answer's link is a button that opens a new tab: {link}"
    );

    // An unclear question gets "not sure", the closest entries and a way to a human;
    // pressing a suggestion answers it.
    let unsure = ask(&browser, "买了东西之后有什么保障").await;
    assert!(unsure.contains("不太确定"), "expected not sure: {unsure}");
    let choices = browser
        .js(&format!(
            "const b = {ROOT}.querySelectorAll('.kefu-msg-bot'); return [...b[b.length - 1].querySelectorAll('.kefu-choice')].map(c => c.textContent)"
        ))
        .await;
    let labels: Vec<&str> = choices
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        labels.len() >= 2,
        "at least one suggestion and a human: {labels:?}"
    );
    assert!(
        labels.last().is_some_and(|l| l.contains("人工")),
        "the last choice is a human: {labels:?}"
    );
    let count = browser
        .js(&format!(
            "return {ROOT}.querySelectorAll('.kefu-msg-bot').length"
        ))
        .await;
    shadow(&browser)
        .await
        .find(Locator::Css(".kefu-msg-bot:last-child .kefu-choice"))
        .await
        .expect("a suggestion")
        .click()
        .await
        .expect("press the suggestion");
    let picked = last_bot_after(&browser, count.as_u64().unwrap_or(0), labels[0]).await;
    assert!(
        !picked.contains("不太确定") && !picked.is_empty(),
        "{picked}"
    );
    let shown = browser
        .js(&format!(
            "const s = {ROOT}.querySelectorAll('.kefu-msg-shopper'); return s[s.length - 1].textContent"
        ))
        .await;
    assert_eq!(
        shown,
        Value::from(labels[0]),
        "the pressed choice shows as the shopper's turn"
    );
    let stale = browser
        .js(&format!(
            "return {ROOT}.querySelectorAll('.kefu-choice').length"
        ))
        .await;
    assert_eq!(stale, Value::from(0), "answered choices are removed");
    report(
        "faq: not-sure suggestions",
        &Value::from(labels.join(" | ")),
    );

    // The network goes away for real, the shopper reloads: the page, the chat and its FAQ still work.
    server.stop().await;
    browser
        .client
        .refresh()
        .await
        .expect("reload while offline");
    open_chat(&browser).await;
    let offline = ask(&browser, "How long does delivery take?").await;
    assert!(
        offline.contains("48 hours"),
        "expected the delivery-time answer in English while offline: {offline}"
    );
    let traditional = ask(&browser, "可以用信用卡付款嗎").await;
    assert!(
        !traditional.contains("不太確定") && !traditional.is_empty(),
        "traditional Chinese answered offline: {traditional}"
    );
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(artifacts().join("faq-offline.png"), png).expect("screenshot saved");
    browser.close().await;
}
