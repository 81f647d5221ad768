//! Kefu's dialogue engine: a shopper's message in, the widget's reply out.
//!
//! The engine owns the NLU model, the merchant's FAQ index and the dialogue
//! policy and knows nothing of browsers, files or networks, so the `kefu`
//! binary and the widget's worker run exactly the same code. Callers pass
//! everything in, including the UI's locale; nothing is read from globals.

mod answers;
mod lang;
mod replies;

pub use kefu_faq::{FaqIndex, IndexError, Link};
pub use kefu_model::{Intent, ModelError, Nlu, Prediction, Sentiment, Slot, SlotKind};
pub use lang::{Locale, detect_locale};

use kefu_faq::Faq;

/// What the engine answers to one message or button.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// Plain text to show; never HTML.
    pub text: String,
    /// The language of `text`.
    pub locale: Locale,
    /// What the NLU understood; `None` when the shopper pressed a button.
    pub understood: Option<Prediction>,
    /// Where the text came from.
    pub source: Source,
    /// Buttons that open a page of the shop (from an FAQ answer).
    pub links: Vec<Link>,
    /// Buttons that answer the bot (suggested entries, a human).
    pub choices: Vec<Choice>,
}

/// Where a reply's text came from, for the UI and for measurement.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// The dialogue policy's own words.
    Policy,
    /// An FAQ entry answered with confidence.
    Faq {
        /// The entry's id.
        id: String,
        /// Its retrieval score, 0..1.
        score: f32,
    },
    /// No entry was a confident match: the reply offers the closest ones.
    NotSure,
}

/// A button under a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The button's text, in the reply's language.
    pub label: String,
    /// What pressing it does.
    pub action: Action,
}

/// What a [`Choice`] does when pressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show this FAQ entry's answer.
    Faq(String),
    /// Ask for a human agent.
    Human,
}

/// Why the engine could not answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The model failed on this message.
    #[error("the model failed: {0}")]
    Model(#[from] ModelError),
    /// The FAQ index could not be read.
    #[error("the FAQ index cannot be used: {0}")]
    Index(#[from] IndexError),
    /// The FAQ index does not fit the model.
    #[error("the FAQ index cannot be used: {0}")]
    Faq(#[from] kefu_faq::FaqError),
}

/// The dialogue engine for one conversation.
#[derive(Debug)]
pub struct Engine {
    nlu: Nlu,
    faq: Option<Faq>,
}

impl Engine {
    /// An engine around a loaded model, with no FAQ.
    pub fn new(nlu: Nlu) -> Engine {
        Engine { nlu, faq: None }
    }

    /// Loads the model from ONNX bytes and builds an engine.
    pub fn from_model_bytes(model: &[u8]) -> Result<Engine, EngineError> {
        Ok(Engine::new(Nlu::from_onnx_bytes(model)?))
    }

    /// Loads the merchant's FAQ index (the bytes of `kefu faq build`). On
    /// error the engine keeps whatever FAQ it had.
    pub fn load_faq(&mut self, index: &[u8]) -> Result<usize, EngineError> {
        let index = FaqIndex::from_bytes(index)?;
        let faq = Faq::new(index, &self.nlu)?;
        let entries = faq.knowledge().entries.len();
        self.faq = Some(faq);
        Ok(entries)
    }

    /// The NLU model.
    pub fn nlu(&self) -> &Nlu {
        &self.nlu
    }

    /// The FAQ, when one is loaded.
    pub fn faq(&self) -> Option<&Faq> {
        self.faq.as_ref()
    }

    /// Understands `text` and picks the reply, in the message's language when
    /// it is clear and in `ui_locale` otherwise.
    pub fn reply(&self, text: &str, ui_locale: Locale) -> Result<Reply, EngineError> {
        let understood = self.nlu.classify(text)?;
        let locale = detect_locale(text).unwrap_or(ui_locale);
        if answers::wants_faq(&understood) {
            match &self.faq {
                Some(faq) => {
                    if let Some(reply) =
                        answers::from_faq(faq, &self.nlu, text, &understood, locale)?
                    {
                        return Ok(reply);
                    }
                }
                None if understood.intent.is_knowledge() => {
                    return Ok(answers::no_faq(understood, locale));
                }
                None => {}
            }
        }
        let text = replies::compose(&understood, locale);
        let choices = replies::choices(&understood, locale);
        Ok(Reply {
            text,
            locale,
            understood: Some(understood),
            source: Source::Policy,
            links: Vec::new(),
            choices,
        })
    }

    /// The reply to a pressed button.
    pub fn choose(&self, action: &Action, ui_locale: Locale) -> Reply {
        match action {
            Action::Faq(id) => answers::entry_by_id(self.faq.as_ref(), id, ui_locale),
            Action::Human => Reply {
                text: replies::human(ui_locale).to_owned(),
                locale: ui_locale,
                understood: None,
                source: Source::Policy,
                links: Vec::new(),
                choices: Vec::new(),
            },
        }
    }
}
