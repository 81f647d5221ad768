//! The order flows in the widget, end to end: storefront → loader → UI → engine worker →
//! `fetch` → reference backend (SQLite) → cards, in headless Chromium. One browser plays
//! every flow, each on a fresh page (a new conversation), to keep CI time down.

use serde_json::Value;

use crate::support::chat::{Chat, ROOT, WAIT};
use crate::support::{BROWSER_SLOT, Browser, TestServer, artifacts};

fn card<'v>(reply: &'v Value, kind: &str) -> &'v Value {
    reply["cards"]
        .as_array()
        .and_then(|cards| {
            cards
                .iter()
                .find(|c| c["kind"].as_str().is_some_and(|k| k.contains(kind)))
        })
        .unwrap_or_else(|| panic!("no {kind} card in {reply}"))
}

fn count(paths: &[String], suffix: &str) -> usize {
    paths.iter().filter(|p| p.ends_with(suffix)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_flows_in_the_browser() {
    let _serial = BROWSER_SLOT.lock().await;
    let server = TestServer::start("flows").await;
    let browser = Browser::start().await;

    // Where is my order, as a guest: number, then contact; only then does anything leave.
    let chat = Chat::open(&browser, &server).await;
    let asked = chat.say("where is my order?").await;
    assert!(
        asked["cards"].as_array().is_some_and(Vec::is_empty),
        "{asked}"
    );
    assert_eq!(count(&server.requests(), "/sessions/guest"), 0);
    let asked = chat.say("A10293").await;
    assert!(
        asked["text"].as_str().unwrap_or("").contains("e-mail"),
        "{asked}"
    );
    let shown = chat.say("xiaoming.wang@example.com").await;
    let order = card(&shown, "kefu-card-order");
    assert!(
        order["title"].as_str().unwrap_or("").contains("A10293"),
        "{shown}"
    );
    assert!(
        !shown.to_string().contains("xiaoming.wang@example.com"),
        "the e-mail must come back masked: {shown}"
    );
    let tracking = card(&shown, "kefu-card-tracking");
    assert!(
        tracking["events"].as_array().is_some_and(|e| e.len() >= 2),
        "{shown}"
    );
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(artifacts().join("flow-where-is-my-order.png"), png).expect("saved");

    // Cancel with confirmation: No changes nothing, Yes cancels exactly once.
    let chat = Chat::open(&browser, &server).await;
    chat.say("please cancel order A10294").await;
    let confirm = chat.say("13812345678").await;
    let text = confirm["text"].as_str().unwrap_or("");
    assert!(text.contains("A10294") && text.contains("¥"), "{confirm}");
    assert!(
        confirm["choices"].as_array().is_some_and(|c| c.len() >= 2),
        "{confirm}"
    );
    chat.press("No").await;
    assert_eq!(
        count(&server.requests(), "/A10294/cancel"),
        0,
        "No must not cancel"
    );
    chat.say("cancel A10294 pls").await;
    let done = chat.press("Yes").await;
    assert_eq!(count(&server.requests(), "/A10294/cancel"), 1);
    let cancelled = card(&done, "kefu-card-order");
    assert!(
        cancelled["badge"]
            .as_str()
            .is_some_and(|b| b.contains("ancel")),
        "{done}"
    );
    let again = chat.say("cancel order A10294").await;
    assert!(
        again["choices"].as_array().is_none_or(|c| !c
            .iter()
            .any(|l| l.as_str().is_some_and(|l| l.starts_with("Yes")))),
        "{again}"
    );
    assert_eq!(
        count(&server.requests(), "/A10294/cancel"),
        1,
        "cancelled twice"
    );

    // Return request, in Chinese: only the hoodie can be returned (the socks cannot), so
    // straight to the reasons; then a confirmation and a return code.
    let chat = Chat::open(&browser, &server).await;
    chat.say("我要退货 A10296").await;
    let reasons = chat.say("xiaoming.wang@example.com").await;
    let first_reason = reasons["choices"][0]
        .as_str()
        .expect("a reason button")
        .to_owned();
    let confirm = chat.press(&first_reason).await;
    assert!(
        confirm["text"].as_str().unwrap_or("").contains("A10296"),
        "{confirm}"
    );
    let created = chat.press("确认").await;
    let ra = card(&created, "kefu-card-return");
    assert!(
        ra["title"].as_str().unwrap_or("").contains("RA-"),
        "{created}"
    );
    assert_eq!(count(&server.requests(), "/A10296/returns"), 1);

    // A payment that failed: the backend's diagnosis, in a payment card.
    let chat = Chat::open(&browser, &server).await;
    chat.say("my payment for A10295 failed twice, what's wrong?")
        .await;
    let diagnosis = chat.say("13812345678").await;
    let payment = card(&diagnosis, "kefu-card-payment");
    assert!(
        payment["title"].as_str().unwrap_or("").contains("A10295"),
        "{diagnosis}"
    );
    assert_eq!(count(&server.requests(), "/A10295/payments"), 1);

    // A signed-in shopper: recent orders as buttons, no verification asked; after signing out
    // the same question asks for an order number again.
    let guest_sessions = count(&server.requests(), "/sessions/guest");
    let chat = Chat::open_signed_in(&browser, &server).await;
    let pick = chat.say("where is my order").await;
    let numbers: Vec<&str> = pick["choices"]
        .as_array()
        .map(|c| c.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        numbers.iter().any(|c| c.starts_with("A10293"))
            && numbers.iter().all(|c| !c.starts_with("A1031")),
        "only the demo shopper's own orders: {pick}"
    );
    let shown = chat.press("A10293").await;
    let order = card(&shown, "kefu-card-order");
    assert!(
        order["title"].as_str().unwrap_or("").contains("A10293"),
        "{shown}"
    );
    assert_eq!(count(&server.requests(), "/sessions/guest"), guest_sessions);
    browser
        .js("document.getElementById('sign-in').click(); return true")
        .await;
    let asked = chat.say("where is my order").await;
    assert!(
        asked["choices"].as_array().is_none_or(|c| !c
            .iter()
            .any(|l| l.as_str().is_some_and(|l| l.starts_with("A1029")))),
        "signed out, yet offered orders: {asked}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_down_then_up_loses_nothing() {
    let _serial = BROWSER_SLOT.lock().await;
    let mut server = TestServer::start("flows-down").await;
    let browser = Browser::start().await;
    let chat = Chat::open(&browser, &server).await;
    server.stop().await;

    chat.say("where is order A10293").await;
    let away = chat.say("xiaoming.wang@example.com").await;
    assert!(
        away["cards"].as_array().is_some_and(Vec::is_empty),
        "{away}"
    );
    assert!(
        away["text"].as_str().unwrap_or("").contains("keep trying"),
        "{away}"
    );
    // The FAQ still answers, on the device.
    let faq = chat.say("how long does delivery take?").await;
    assert!(
        faq["text"].as_str().unwrap_or("") != away["text"].as_str().unwrap_or(""),
        "{faq}"
    );

    server.restart().await;
    // Nobody types: the worker's retry finds the backend and the answer arrives on its own.
    let before = Chat::bots(&faq);
    let shown = browser
        .wait_for(
            "the order once the backend is back",
            &format!(
                "const b = {ROOT}.querySelectorAll('.kefu-msg-bot');
                 return b.length > {before} && b[b.length - 1].querySelector('.kefu-card-order')"
            ),
            WAIT,
        )
        .await;
    assert!(!shown.is_null());
    let order = card(&chat.last().await, "kefu-card-order").clone();
    assert!(
        order["title"].as_str().unwrap_or("").contains("A10293"),
        "{order}"
    );
    assert_eq!(
        count(&server.requests(), "/sessions/guest"),
        1,
        "{:?}",
        server.requests()
    );
    browser.close().await;
}
