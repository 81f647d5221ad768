//! One conversation in the widget on a storefront page, driven like a shopper: open the
//! launcher, type with real keystrokes, press buttons, read the bot's last message as data.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::{Value, json};

use super::{Browser, TestServer};

/// How long a step may take before the test fails with what it waited for.
pub(crate) const WAIT: Duration = Duration::from_secs(30);
/// The widget's shadow root, in page JavaScript.
pub(crate) const ROOT: &str = "document.querySelector('#kefu-root').shadowRoot";

/// The last bot message as data: text, card titles, badges, fields, events and buttons.
const LAST_BOT: &str = "
    const root = document.querySelector('#kefu-root').shadowRoot;
    const bots = root.querySelectorAll('.kefu-msg-bot');
    const m = bots[bots.length - 1];
    const all = (el, sel) => [...el.querySelectorAll(sel)].map(e => e.textContent);
    return {
      count: bots.length,
      text: m.querySelector('.kefu-text').textContent,
      cards: [...m.querySelectorAll('.kefu-card')].map(c => ({
        kind: c.className, title: c.querySelector('.kefu-card-title').textContent,
        badge: (c.querySelector('.kefu-badge') || {}).textContent || null,
        fields: all(c, '.kefu-field').join(' | '), lines: all(c, '.kefu-lines li'),
        events: all(c, '.kefu-timeline li') })),
      choices: all(m, '.kefu-choice'),
    };";

/// One conversation on a fresh storefront page.
pub(crate) struct Chat<'a> {
    browser: &'a Browser,
}

impl Chat<'_> {
    pub(crate) async fn open<'a>(browser: &'a Browser, server: &TestServer) -> Chat<'a> {
        storefront(browser, server).await;
        Self::launch(browser).await
    }

    /// The storefront with its demo shopper signed in first (the page calls
    /// `Kefu('identify', {token})` with a token from the backend's demo sign-in).
    pub(crate) async fn open_signed_in<'a>(browser: &'a Browser, server: &TestServer) -> Chat<'a> {
        storefront(browser, server).await;
        browser
            .js("document.getElementById('sign-in').click(); return true")
            .await;
        browser
            .wait_for(
                "the demo sign-in",
                "return document.getElementById('sign-in').textContent.includes('Sign out')",
                WAIT,
            )
            .await;
        Self::launch(browser).await
    }

    pub(crate) async fn launch(browser: &Browser) -> Chat<'_> {
        browser
            .wait_for(
                "the launcher",
                &format!("return {ROOT}.querySelector('.kefu-launcher')"),
                WAIT,
            )
            .await;
        browser
            .js(&format!(
                "{ROOT}.querySelector('.kefu-launcher').click(); return true"
            ))
            .await;
        browser
            .wait_for(
                "the engine to be ready",
                &format!("return performance.getEntriesByName('kefu:ready').length && {ROOT}.querySelector('textarea')"),
                WAIT,
            )
            .await;
        Chat { browser }
    }

    pub(crate) fn bots(v: &Value) -> u64 {
        v["count"].as_u64().unwrap_or(0)
    }

    pub(crate) async fn last(&self) -> Value {
        self.browser.js(LAST_BOT).await
    }

    /// Types `text` with real keystrokes and sends it, then waits for the bot's next message.
    pub(crate) async fn say(&self, text: &str) -> Value {
        let before = Self::bots(&self.last().await);
        let shadow = self.browser.shadow().await;
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
            .expect("send button")
            .click()
            .await
            .expect("click send");
        self.next_after(before, text).await
    }

    /// Presses the button of the last bot message whose label starts with `label`.
    pub(crate) async fn press(&self, label: &str) -> Value {
        let before = Self::bots(&self.last().await);
        let pressed = self
            .browser
            .js(&format!(
                "const bots = {ROOT}.querySelectorAll('.kefu-msg-bot');
                 const b = [...bots[bots.length - 1].querySelectorAll('.kefu-choice')]
                   .find(b => b.textContent.startsWith({}));
                 if (!b) return false; b.click(); return true",
                json!(label)
            ))
            .await;
        assert_eq!(
            pressed,
            json!(true),
            "no button {label:?} in {}",
            self.last().await
        );
        self.next_after(before, label).await
    }

    async fn next_after(&self, before: u64, what: &str) -> Value {
        self.browser
            .wait_for(
                &format!("the bot's answer to {what:?}"),
                &format!(
                    "const b = {ROOT}.querySelectorAll('.kefu-msg-bot');
                     return b.length > {before} && !{ROOT}.querySelector('.kefu-typing')"
                ),
                WAIT,
            )
            .await;
        self.last().await
    }
}

/// A fresh storefront page: a new conversation.
pub(crate) async fn storefront(browser: &Browser, server: &TestServer) {
    browser
        .client
        .goto(&server.url("/"))
        .await
        .expect("storefront loads");
}
