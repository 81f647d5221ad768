//! Talks to the engine worker with the typed messages of `kefu-protocol`.

use gloo_events::EventListener;
use kefu_protocol::{FromEngine, ToEngine};
use serde::Serialize;
use wasm_bindgen::JsCast;

/// The UI's handle on the engine worker.
#[derive(Clone)]
pub(crate) struct EngineClient {
    worker: web_sys::Worker,
}

impl EngineClient {
    pub(crate) fn new(worker: web_sys::Worker) -> EngineClient {
        EngineClient { worker }
    }

    /// Posts a message; `false` when the worker could not take it.
    pub(crate) fn send(&self, message: &ToEngine) -> bool {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        match message.serialize(&serializer) {
            Ok(value) => self.worker.post_message(&value).is_ok(),
            Err(_) => false,
        }
    }

    /// Calls `on_message` for every message of the worker, for the page's lifetime.
    ///
    /// A message that does not parse becomes [`FromEngine::Failed`], so the UI
    /// can always react.
    pub(crate) fn listen(&self, on_message: impl Fn(FromEngine) + 'static) {
        let listener =
            EventListener::new(&self.worker, "message", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let parsed = serde_wasm_bindgen::from_value::<FromEngine>(event.data())
                    .unwrap_or_else(|e| FromEngine::Failed {
                        id: None,
                        error: format!("unreadable engine message: {e}"),
                    });
                on_message(parsed);
            });
        // The UI lives as long as the page: the listener must too.
        listener.forget();
    }
}
