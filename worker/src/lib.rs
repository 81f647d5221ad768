//! The engine's browser edge: runs `kefu-engine` inside a dedicated Web Worker.
//!
//! Compiling and instantiating tract's WebAssembly takes tens of milliseconds;
//! in a worker that never blocks the storefront's main thread. The JS shim
//! (`www/kefu-worker.js`) fetches this module and the model, then hands every
//! message to [`WorkerEngine::handle`], which never throws. Replies go back
//! through the shim's `post` callback, because one message can bring several:
//! the answer now, and later what the shop backend said.

mod http;
mod wire;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use kefu_engine::{Conversation, Engine, Outgoing, Turn};
use kefu_protocol::{FromEngine, ToEngine};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Retries of a backend that is away start this soon, then back off to [`RETRY_MAX_MS`].
const RETRY_FIRST_MS: u32 = 1_000;
const RETRY_MAX_MS: u32 = 10_000;

/// Installs the panic hook so a bug shows in the console instead of a bare trap.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The engine owned by the worker.
#[wasm_bindgen]
pub struct WorkerEngine {
    inner: Rc<Inner>,
}

struct Inner {
    /// Borrowed mutably only to swap the FAQ index (benchmarks).
    engine: RefCell<Engine>,
    conversation: RefCell<Conversation>,
    /// The contract root of the shop backend (`https://shop.example/kefu/v1/`), if any.
    api: Option<String>,
    /// The shim's `(message) => self.postMessage(message)`.
    post: js_sys::Function,
    /// Requests the backend did not answer, oldest first; sent again until it does.
    queue: RefCell<VecDeque<Outgoing>>,
    backoff_ms: Cell<u32>,
    retry_scheduled: Cell<bool>,
    flushing: Cell<bool>,
    load_ms: f64,
    faq_entries: u32,
    faq_error: Option<String>,
}

#[wasm_bindgen]
impl WorkerEngine {
    /// Loads and optimises the ONNX model and the merchant's FAQ index;
    /// `load_ms` is what the shim measured. A missing or unusable index is
    /// reported in [`FromEngine::Ready`], not fatal: everything else works.
    /// `api` is the shop backend's contract root (`data-api`, absolute); without
    /// it order questions are answered by the policy alone. `post` sends a
    /// [`FromEngine`] message to the UI.
    #[wasm_bindgen(constructor)]
    pub fn new(
        model: &[u8],
        faq: Option<Vec<u8>>,
        faq_error: Option<String>,
        load_ms: f64,
        api: Option<String>,
        post: js_sys::Function,
    ) -> Result<WorkerEngine, JsError> {
        let mut engine =
            Engine::from_model_bytes(model).map_err(|e| JsError::new(&e.to_string()))?;
        let (faq_entries, faq_error) = match (faq, faq_error) {
            (_, Some(error)) => (0, Some(error)),
            (Some(bytes), None) => match engine.load_faq(&bytes) {
                Ok(n) => (u32::try_from(n).unwrap_or(u32::MAX), None),
                Err(e) => (0, Some(e.to_string())),
            },
            (None, None) => (0, Some("no FAQ index was given".to_owned())),
        };
        let api = api.as_deref().and_then(contract_root);
        // Idempotency keys must differ between page loads; they need not be secret.
        let seed = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
            ^ (js_sys::Date::now() as u64);
        let mut conversation = Conversation::new(api.is_some(), seed);
        let offset = -js_sys::Date::new_0().get_timezone_offset();
        conversation.set_utc_offset_minutes(offset as i32);
        let inner = Rc::new(Inner {
            engine: RefCell::new(engine),
            conversation: RefCell::new(conversation),
            api,
            post,
            queue: RefCell::new(VecDeque::new()),
            backoff_ms: Cell::new(RETRY_FIRST_MS),
            retry_scheduled: Cell::new(false),
            flushing: Cell::new(false),
            load_ms,
            faq_entries,
            faq_error,
        });
        // Coming back online is the best moment to try again.
        let weak = Rc::downgrade(&inner);
        let global: web_sys::EventTarget = js_sys::global().unchecked_into();
        EventListener::new(&global, "online", move |_| {
            if let Some(inner) = weak.upgrade() {
                wasm_bindgen_futures::spawn_local(flush(inner));
            }
        })
        .forget();
        Ok(WorkerEngine { inner })
    }

    /// Handles one [`ToEngine`] message; what it produces arrives through `post`.
    pub fn handle(&self, message: JsValue) {
        let inner = &self.inner;
        let message = match serde_wasm_bindgen::from_value::<ToEngine>(message) {
            Ok(m) => m,
            Err(e) => {
                inner.post(&FromEngine::Failed {
                    id: None,
                    error: format!("unreadable message: {e}"),
                });
                return;
            }
        };
        match message {
            ToEngine::Hello => inner.post(&FromEngine::Ready {
                load_ms: inner.load_ms,
                faq_entries: inner.faq_entries,
                faq_error: inner.faq_error.clone(),
            }),
            ToEngine::Identify { token } => inner.conversation.borrow_mut().identify(token),
            ToEngine::Ask { id, text, locale } => {
                let started = now_ms();
                let turn = inner.engine.borrow().converse(
                    &mut inner.conversation.borrow_mut(),
                    &text,
                    wire::to_engine(locale),
                );
                match turn {
                    Ok(turn) => self.follow(turn, id, started),
                    Err(e) => inner.post(&FromEngine::Failed {
                        id: Some(id),
                        error: e.to_string(),
                    }),
                }
            }
            ToEngine::Choose { id, action, locale } => {
                let started = now_ms();
                let Some(action) = wire::action(action) else {
                    inner.post(&FromEngine::Failed {
                        id: Some(id),
                        error: "unknown action".to_owned(),
                    });
                    return;
                };
                let turn = inner.engine.borrow().press(
                    &mut inner.conversation.borrow_mut(),
                    &action,
                    wire::to_engine(locale),
                );
                self.follow(turn, id, started);
            }
        }
    }

    fn follow(&self, turn: Turn, id: u32, started: f64) {
        let inner = Rc::clone(&self.inner);
        let engine_us = (now_ms() - started) * 1000.0;
        // The shopper is active again: a good moment to retry what is queued.
        if !inner.queue.borrow().is_empty() {
            wasm_bindgen_futures::spawn_local(flush(Rc::clone(&inner)));
        }
        wasm_bindgen_futures::spawn_local(follow(inner, turn, Some(id), engine_us));
    }
}

impl Inner {
    fn post(&self, message: &FromEngine) {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        if let Ok(value) = message.serialize(&serializer) {
            let _ = self.post.call1(&JsValue::NULL, &value);
        }
    }

    /// Keeps a request the backend did not answer, and schedules the next attempt.
    fn enqueue(self: &Rc<Self>, call: Outgoing) {
        self.queue.borrow_mut().push_back(call);
        if self.retry_scheduled.replace(true) {
            return;
        }
        let wait = self.backoff_ms.get();
        self.backoff_ms.set((wait * 2).min(RETRY_MAX_MS));
        let inner = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            TimeoutFuture::new(wait).await;
            inner.retry_scheduled.set(false);
            flush(inner).await;
        });
    }
}

/// Carries a turn through: shows its reply (the answer to question `id` if that is still
/// open, else a notice), sends its request and follows the backend's answer, queues retries.
async fn follow(inner: Rc<Inner>, mut turn: Turn, mut id: Option<u32>, mut engine_us: f64) {
    loop {
        if let Some(reply) = turn.reply.take() {
            let reply = wire::reply(reply, engine_us);
            match id.take() {
                Some(id) => inner.post(&FromEngine::Answer { id, reply }),
                None => inner.post(&FromEngine::Notice { reply }),
            }
        }
        if let Some(retry) = turn.retry.take() {
            inner.enqueue(retry);
        }
        let Some(call) = turn.call.take() else {
            break;
        };
        let got = match &inner.api {
            Some(api) => http::send(api, &call).await,
            None => Err(kefu_engine::Transport::Unreachable),
        };
        let started = now_ms();
        turn = inner
            .engine
            .borrow()
            .answer(&mut inner.conversation.borrow_mut(), call.id, got);
        engine_us = (now_ms() - started) * 1000.0;
    }
    if let Some(id) = id {
        inner.post(&FromEngine::Done { id });
    }
}

/// Sends every queued request again, oldest first.
async fn flush(inner: Rc<Inner>) {
    if inner.flushing.replace(true) {
        return;
    }
    let calls: Vec<Outgoing> = inner.queue.borrow_mut().drain(..).collect();
    for call in calls {
        let got = match &inner.api {
            Some(api) => http::send(api, &call).await,
            None => Err(kefu_engine::Transport::Unreachable),
        };
        let turn = inner
            .engine
            .borrow()
            .answer(&mut inner.conversation.borrow_mut(), call.id, got);
        if turn.retry.is_none() {
            inner.backoff_ms.set(RETRY_FIRST_MS);
        }
        follow(Rc::clone(&inner), turn, None, 0.0).await;
    }
    inner.flushing.set(false);
}

/// `data-api` as a contract root ending in `/`; only http(s) URLs are called.
fn contract_root(api: &str) -> Option<String> {
    let url = web_sys::Url::new(api.trim()).ok()?;
    if !matches!(url.protocol().as_str(), "https:" | "http:") {
        web_sys::console::warn_1(&format!("kefu: ignoring data-api {api:?}: not http(s)").into());
        return None;
    }
    let mut root = url.href();
    if let Some(cut) = root.find(['?', '#']) {
        root.truncate(cut);
    }
    if !root.ends_with('/') {
        root.push('/');
    }
    Some(root)
}

#[wasm_bindgen]
impl WorkerEngine {
    /// Replaces the FAQ index and returns its entry count (benchmarks only).
    pub fn replace_faq(&self, index: &[u8]) -> Result<u32, JsError> {
        let n = self
            .inner
            .engine
            .try_borrow_mut()
            .map_err(|_| JsError::new("the engine is busy"))?
            .load_faq(index)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Looks each text up in the FAQ (model included) and returns the
    /// milliseconds each took (benchmarks only).
    pub fn faq_timings(&self, texts: Vec<String>) -> Vec<f64> {
        let engine = self.inner.engine.borrow();
        let (Some(faq), nlu) = (engine.faq(), engine.nlu()) else {
            return Vec::new();
        };
        texts
            .iter()
            .map(|t| {
                let started = now_ms();
                let _ = faq.search(nlu, t, 3);
                now_ms() - started
            })
            .collect()
    }

    /// Classifies each text and returns the milliseconds each took (benchmarks only).
    pub fn classify_timings(&self, texts: Vec<String>) -> Vec<f64> {
        texts
            .iter()
            .map(|t| {
                let started = now_ms();
                let _ = self.inner.engine.borrow().nlu().classify(t);
                now_ms() - started
            })
            .collect()
    }
}

/// `performance.now()` of the worker global: microsecond-ish resolution where Date has milliseconds.
fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &"now".into()).ok()?;
            now.dyn_into::<js_sys::Function>()
                .ok()?
                .call0(&perf)
                .ok()?
                .as_f64()
        })
        .unwrap_or(0.0)
}
