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
    /// The shopper pressed one of a reply's [`Choice`] buttons.
    Choose {
        /// Chosen by the UI; echoed in the answer.
        id: u32,
        /// The button's action, as the engine sent it.
        action: Action,
        /// The UI's locale.
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
        /// Entries of the merchant's FAQ index, 0 when none is loaded.
        faq_entries: u32,
        /// Why the FAQ index is missing, when it is (the widget still answers everything else).
        faq_error: Option<String>,
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
    /// The intent label of `intents.md`; `None` for a pressed button.
    pub intent: Option<String>,
    /// Confidence of `intent`, 0..1.
    pub intent_confidence: f32,
    /// The sentiment label of `intents.md`; `None` for a pressed button.
    pub sentiment: Option<String>,
    /// The FAQ entry that answered, if one did.
    pub faq_id: Option<String>,
    /// Buttons that open a page of the shop in a new tab.
    pub links: Vec<Link>,
    /// Buttons that answer the bot.
    pub choices: Vec<Choice>,
    /// Microseconds the engine spent, NLU and policy included.
    pub engine_us: f64,
}

/// A link button under an FAQ answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The button's text.
    pub label: String,
    /// An `https://` URL (checked when the index was built and loaded).
    pub url: String,
}

/// A button that answers the bot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The button's text.
    pub label: String,
    /// Sent back in [`ToEngine::Choose`] when pressed.
    pub action: Action,
}

/// What a [`Choice`] does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// Show the answer of this FAQ entry.
    Faq {
        /// The entry's id.
        id: String,
    },
    /// Ask for a human agent.
    Human,
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
        let choose = ToEngine::Choose {
            id: 9,
            action: Action::Faq {
                id: "shipping-time".into(),
            },
            locale: Locale::En,
        };
        assert_eq!(
            serde_json::to_string(&choose).expect("serializable"),
            r#"{"type":"choose","id":9,"action":{"kind":"faq","id":"shipping-time"},"locale":"en"}"#
        );
    }
}
