//! The engine's browser edge: runs `kefu-engine` inside a dedicated Web Worker.
//!
//! Compiling and instantiating tract's WebAssembly takes tens of milliseconds;
//! in a worker that never blocks the storefront's main thread. The JS shim
//! (`www/kefu-worker.js`) fetches this module and the model, then hands every
//! message to [`WorkerEngine::handle`], which never throws.

use kefu_engine::{Engine, Locale as EngineLocale};
use kefu_protocol::{FromEngine, Locale, Reply, ToEngine};
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
}

#[wasm_bindgen]
impl WorkerEngine {
    /// Loads and optimises the ONNX model; `load_ms` is what the shim measured.
    #[wasm_bindgen(constructor)]
    pub fn new(model: &[u8], load_ms: f64) -> Result<WorkerEngine, JsError> {
        let engine = Engine::from_model_bytes(model).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WorkerEngine { engine, load_ms })
    }

    /// Answers one [`ToEngine`] message with one [`FromEngine`] message.
    pub fn handle(&self, message: JsValue) -> JsValue {
        let answer = match serde_wasm_bindgen::from_value::<ToEngine>(message) {
            Ok(ToEngine::Hello) => FromEngine::Ready {
                load_ms: self.load_ms,
            },
            Ok(ToEngine::Ask { id, text, locale }) => self.ask(id, &text, locale),
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
                reply: Reply {
                    text: r.text,
                    locale: from_engine(r.locale),
                    intent: r.understood.intent.as_str().to_owned(),
                    intent_confidence: r.understood.intent_confidence,
                    sentiment: r.understood.sentiment.as_str().to_owned(),
                    engine_us: (now_ms() - started) * 1000.0,
                },
            },
            Err(e) => FromEngine::Failed {
                id: Some(id),
                error: e.to_string(),
            },
        }
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
