//! The FAQ in the widget, end to end: answers with links, "not sure" with
//! suggestions, and answers after the network is gone and the page reloaded.

use serde_json::Value;

use crate::support::chat::{Chat, ROOT, WAIT, storefront};
use crate::support::{BROWSER_SLOT, Browser, TestServer, artifacts, report};

/// The text of a bot message read by [`Chat::last`].
fn text(reply: &Value) -> String {
    reply["text"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_answers_online_and_offline_after_reload() {
    let _serial = BROWSER_SLOT.lock().await;
    let mut server = TestServer::start("offline").await;
    let browser = Browser::start().await;
    storefront(&browser, &server).await;
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
    let chat = Chat::launch(&browser).await;

    // A knowledge question is answered from the FAQ, on the device, with its link button.
    let before = server.requests().len();
    let fee = text(&chat.say("买多少钱可以包邮").await);
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
    let shipping = text(&chat.say("下单后一般多久能发货").await);
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
    let unsure = text(&chat.say("你们有保障吗").await);
    assert!(unsure.contains("不太确定"), "expected not sure: {unsure}");
    let labels: Vec<String> = chat.last().await["choices"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    assert!(
        labels.len() >= 2,
        "at least one suggestion and a human: {labels:?}"
    );
    assert!(
        labels.last().is_some_and(|l| l.contains("人工")),
        "the last choice is a human: {labels:?}"
    );
    let picked = text(&chat.press(&labels[0]).await);
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
        Value::from(labels[0].as_str()),
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
    let chat = Chat::launch(&browser).await;
    let offline = text(&chat.say("How long does delivery take?").await);
    assert!(
        offline.contains("48 hours"),
        "expected the delivery-time answer in English while offline: {offline}"
    );
    let traditional = text(&chat.say("可以用信用卡付款嗎").await);
    assert!(
        !traditional.contains("不太確定") && !traditional.is_empty(),
        "traditional Chinese answered offline: {traditional}"
    );
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(artifacts().join("faq-offline.png"), png).expect("screenshot saved");
    browser.close().await;
}
