//! The engine's browser edge: runs `kefu-engine` inside a dedicated Web Worker.
//!
//! Compiling and instantiating tract's WebAssembly takes tens of milliseconds;
//! in a worker that never blocks the storefront's main thread. The JS shim
//! (`www/kefu-worker.js`) fetches this module and the model, then hands every
//! message to [`WorkerEngine::handle`], which never throws.

use kefu_engine::{Engine, Locale as EngineLocale};
use kefu_protocol::{Action, Choice, FromEngine, Link, Locale, Reply, ToEngine};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook so a bug shows in the console instead of a bare trap.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The engine owned by the worker.
#[wasm_bindgen]
pub struct WorkerEngine {
    engine: Engine,
    load_ms: f64,
    faq_entries: u32,
    faq_error: Option<String>,
}

#[wasm_bindgen]
impl WorkerEngine {
    /// Loads and optimises the ONNX model and the merchant's FAQ index;
    /// `load_ms` is what the shim measured. A missing or unusable index is
    /// reported in [`FromEngine::Ready`], not fatal: everything else works.
    #[wasm_bindgen(constructor)]
    pub fn new(
        model: &[u8],
        faq: Option<Vec<u8>>,
        faq_error: Option<String>,
        load_ms: f64,
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
        Ok(WorkerEngine {
            engine,
            load_ms,
            faq_entries,
            faq_error,
        })
    }

    /// Answers one [`ToEngine`] message with one [`FromEngine`] message.
    pub fn handle(&self, message: JsValue) -> JsValue {
        let answer = match serde_wasm_bindgen::from_value::<ToEngine>(message) {
            Ok(ToEngine::Hello) => FromEngine::Ready {
                load_ms: self.load_ms,
                faq_entries: self.faq_entries,
                faq_error: self.faq_error.clone(),
            },
            Ok(ToEngine::Ask { id, text, locale }) => self.ask(id, &text, locale),
            Ok(ToEngine::Choose { id, action, locale }) => {
                let started = now_ms();
                let action = match action {
                    Action::Faq { id } => kefu_engine::Action::Faq(id),
                    Action::Human => kefu_engine::Action::Human,
                };
                let r = self.engine.choose(&action, to_engine(locale));
                FromEngine::Answer {
                    id,
                    reply: to_wire(r, started),
                }
            }
            Err(e) => FromEngine::Failed {
                id: None,
                error: format!("unreadable message: {e}"),
            },
        };
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        answer.serialize(&serializer).unwrap_or(JsValue::NULL)
    }
}

#[wasm_bindgen]
impl WorkerEngine {
    /// Replaces the FAQ index and returns its entry count (benchmarks only).
    pub fn replace_faq(&mut self, index: &[u8]) -> Result<u32, JsError> {
        let n = self
            .engine
            .load_faq(index)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Looks each text up in the FAQ (model included) and returns the
    /// milliseconds each took (benchmarks only).
    pub fn faq_timings(&self, texts: Vec<String>) -> Vec<f64> {
        let (Some(faq), nlu) = (self.engine.faq(), self.engine.nlu()) else {
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
                let _ = self.engine.nlu().classify(t);
                now_ms() - started
            })
            .collect()
    }
}

impl WorkerEngine {
    fn ask(&self, id: u32, text: &str, locale: Locale) -> FromEngine {
        let started = now_ms();
        match self.engine.reply(text, to_engine(locale)) {
            Ok(r) => FromEngine::Answer {
                id,
                reply: to_wire(r, started),
            },
            Err(e) => FromEngine::Failed {
                id: Some(id),
                error: e.to_string(),
            },
        }
    }
}

/// The engine's reply in the wire format, timed from `started`.
fn to_wire(r: kefu_engine::Reply, started: f64) -> Reply {
    let faq_id = match &r.source {
        kefu_engine::Source::Faq { id, .. } => Some(id.clone()),
        _ => None,
    };
    Reply {
        locale: from_engine(r.locale),
        intent: r.understood.as_ref().map(|u| u.intent.as_str().to_owned()),
        intent_confidence: r.understood.as_ref().map_or(0.0, |u| u.intent_confidence),
        sentiment: r
            .understood
            .as_ref()
            .map(|u| u.sentiment.as_str().to_owned()),
        faq_id,
        links: r
            .links
            .into_iter()
            .map(|l| Link {
                label: l.label,
                url: l.url,
            })
            .collect(),
        choices: r
            .choices
            .into_iter()
            .map(|c| Choice {
                label: c.label,
                action: match c.action {
                    kefu_engine::Action::Faq(id) => Action::Faq { id },
                    kefu_engine::Action::Human => Action::Human,
                },
            })
            .collect(),
        text: r.text,
        engine_us: (now_ms() - started) * 1000.0,
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

fn to_engine(l: Locale) -> EngineLocale {
    match l {
        Locale::ZhHans => EngineLocale::ZhHans,
        Locale::ZhHant => EngineLocale::ZhHant,
        Locale::En => EngineLocale::En,
    }
}

fn from_engine(l: EngineLocale) -> Locale {
    match l {
        EngineLocale::ZhHans => Locale::ZhHans,
        EngineLocale::ZhHant => Locale::ZhHant,
        EngineLocale::En => Locale::En,
    }
}
