//! The chat UI: a Leptos app the loader (`www/kefu.js`) mounts inside its Shadow DOM.
//!
//! This module is only the browser entry point; the app lives in [`app`]. The
//! UI never understands messages itself: it sends them to the engine worker
//! and renders what comes back.

mod app;
mod config;
mod engine_client;
mod i18n;

use wasm_bindgen::prelude::*;

pub use config::WidgetConfig;

/// Installs the panic hook, so a bug is reported in the console, not as a bare trap.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// What the loader keeps to talk to the mounted UI.
#[wasm_bindgen]
pub struct Widget {
    composer: web_sys::HtmlElement,
}

#[wasm_bindgen]
impl Widget {
    /// Moves keyboard focus to the message box (called when the panel opens).
    pub fn focus(&self) {
        let _ = self.composer.focus();
    }
}

/// Mounts the chat into `container` (inside the loader's shadow root).
///
/// `config` is the loader's resolved `data-*` configuration, `engine` the
/// worker running the engine, `on_close` what the close button calls.
#[wasm_bindgen]
pub fn mount(
    container: web_sys::HtmlElement,
    config: JsValue,
    engine: web_sys::Worker,
    on_close: js_sys::Function,
) -> Result<Widget, JsError> {
    let config = WidgetConfig::from_js(config).map_err(|e| JsError::new(&e.to_string()))?;
    let composer = app::mount(container, config, engine, on_close)?;
    Ok(Widget { composer })
}
