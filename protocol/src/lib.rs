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
    /// The page identified a logged-in shopper (`Kefu('identify', {token})`), or logged
    /// them out (`token: null`). The token is the merchant's signed JWT, passed to the
    /// shop backend as a bearer token and never read by the widget.
    Identify {
        /// The token; `None` or empty forgets the shopper.
        token: Option<String>,
    },
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
    /// A reply that answers no question of the UI: the shop backend answered a request the
    /// engine had queued while it was unreachable, or a later step of a flow.
    Notice {
        /// What to show.
        reply: Reply,
    },
    /// The question `id` is settled without a reply of its own (a duplicate answer).
    Done {
        /// The id of the question.
        id: u32,
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
    /// Orders, parcels, returns, refunds or payments, as the shop backend returned them.
    #[serde(default)]
    pub cards: Vec<Card>,
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

/// A structured block under a reply; every string is already in the reply's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// What the card shows, for styling.
    pub kind: CardKind,
    /// `Order A10293`, `SF Express SF1402938475610`.
    pub title: String,
    /// A short status label.
    pub badge: Option<String>,
    /// Label–value rows.
    pub fields: Vec<Field>,
    /// One line per item.
    pub lines: Vec<String>,
    /// A timeline, newest first.
    pub events: Vec<Event>,
}

/// What a [`Card`] shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// An order with its items and amounts.
    Order,
    /// A parcel and its tracking timeline.
    Tracking,
    /// A return or exchange authorisation.
    Return,
    /// A refund.
    Refund,
    /// Payments and their diagnosis.
    Payment,
}

/// One label–value row of a [`Card`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// `Total`.
    pub label: String,
    /// `¥398.00`.
    pub value: String,
}

/// One step of a [`Card`]'s timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When, in the shopper's time zone.
    pub at: String,
    /// What happened.
    pub what: String,
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
    /// Yes to the confirmation the bot asked for.
    Yes,
    /// No to the confirmation the bot asked for.
    No,
    /// One of the options the bot offered (an order, an item, a reason, a size).
    Pick {
        /// The option, as the engine sent it.
        value: String,
    },
    /// Start a flow on an order (the buttons under an order card).
    Start {
        /// The action intent of `intents.md` (`cancel_order`, `track_shipment`, …).
        goal: String,
        /// The order number.
        order: String,
    },
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
        let pick: ToEngine = serde_json::from_str(
            r#"{"type":"choose","id":3,"action":{"kind":"pick","value":"A10293"},"locale":"en"}"#,
        )
        .expect("pick parses");
        assert_eq!(
            pick,
            ToEngine::Choose {
                id: 3,
                action: Action::Pick {
                    value: "A10293".into()
                },
                locale: Locale::En
            }
        );
        let logout: ToEngine =
            serde_json::from_str(r#"{"type":"identify","token":null}"#).expect("identify");
        assert_eq!(logout, ToEngine::Identify { token: None });
    }

    #[test]
    fn cards_are_plain_records() {
        let card = Card {
            kind: CardKind::Tracking,
            title: "SF Express SF1402938475610".into(),
            badge: Some("In transit".into()),
            fields: vec![Field {
                label: "Order".into(),
                value: "A10293".into(),
            }],
            lines: Vec::new(),
            events: vec![Event {
                at: "2026-12-01 09:30".into(),
                what: "Arrived at Shanghai hub".into(),
            }],
        };
        let json = serde_json::to_string(&card).expect("serializable");
        assert_eq!(
            json,
            r#"{"kind":"tracking","title":"SF Express SF1402938475610","badge":"In transit","fields":[{"label":"Order","value":"A10293"}],"lines":[],"events":[{"at":"2026-12-01 09:30","what":"Arrived at Shanghai hub"}]}"#
        );
        assert_eq!(
            serde_json::from_str::<Card>(&json).expect("round trip"),
            card
        );
    }
}
