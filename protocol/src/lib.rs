//! Messages between the widget's UI (main thread) and its engine (Web Worker).
//!
//! One closed, serde-tagged enum per direction: the UI and the worker are
//! separate WebAssembly modules, so this crate is the only thing they share.
//! Field names are the wire format; renaming one is a breaking change.

use serde::{Deserialize, Serialize};

/// The languages of the widget's UI and replies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Locale {
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans")]
    #[default]
    ZhHans,
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English.
    #[serde(rename = "en")]
    En,
}

/// What the UI asks of the engine worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToEngine {
    /// Answered with [`FromEngine::Ready`] once the model is loaded.
    Hello,
    /// Understand a shopper's message and compute the reply.
    Ask {
        /// Chosen by the UI; echoed in the answer.
        id: u32,
        /// The message as typed.
        text: String,
        /// The UI's locale, used when the message's own language is unclear.
        locale: Locale,
    },
}

/// What the engine worker tells the UI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromEngine {
    /// The model is loaded and optimised.
    Ready {
        /// Milliseconds from worker start to a runnable model (fetch + compile + optimise).
        load_ms: f64,
    },
    /// The reply to [`ToEngine::Ask`].
    Answer {
        /// The id of the question.
        id: u32,
        /// What to show.
        reply: Reply,
    },
    /// The engine could not do what was asked.
    Failed {
        /// The id of the question, when the failure is about one.
        id: Option<u32>,
        /// A message for logs; the UI shows its own localized text.
        error: String,
    },
}

/// A reply computed on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// Plain text; never interpreted as HTML.
    pub text: String,
    /// The language of `text`.
    pub locale: Locale,
    /// The intent label of `intents.md`.
    pub intent: String,
    /// Confidence of `intent`, 0..1.
    pub intent_confidence: f32,
    /// The sentiment label of `intents.md`.
    pub sentiment: String,
    /// Microseconds the engine spent, NLU and policy included.
    pub engine_us: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_is_tagged_and_stable() {
        let ask = ToEngine::Ask {
            id: 7,
            text: "在吗".into(),
            locale: Locale::ZhHant,
        };
        let json = serde_json::to_string(&ask).expect("serializable");
        assert_eq!(
            json,
            r#"{"type":"ask","id":7,"text":"在吗","locale":"zh-Hant"}"#
        );
        let back: ToEngine = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back, ask);
        assert!(serde_json::from_str::<ToEngine>(r#"{"type":"drop_tables"}"#).is_err());
    }
}
