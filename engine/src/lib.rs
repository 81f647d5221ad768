//! Kefu's dialogue engine: a shopper's message in, the widget's reply out.
//!
//! The engine owns the NLU model and the dialogue policy and knows nothing of
//! browsers, files or networks, so the `kefu` binary and the widget's worker
//! run exactly the same code. Callers pass everything in, including the
//! UI's locale; nothing is read from globals.

mod lang;
mod replies;

pub use kefu_model::{Intent, ModelError, Nlu, Prediction, Sentiment, Slot, SlotKind};
pub use lang::{Locale, detect_locale};

/// What the engine answers to one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// Plain text to show; never HTML.
    pub text: String,
    /// The language of `text`.
    pub locale: Locale,
    /// What the NLU understood.
    pub understood: Prediction,
}

/// Why the engine could not answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The model failed on this message.
    #[error("the model failed: {0}")]
    Model(#[from] ModelError),
}

/// The dialogue engine for one conversation.
#[derive(Debug)]
pub struct Engine {
    nlu: Nlu,
}

impl Engine {
    /// An engine around a loaded model.
    pub fn new(nlu: Nlu) -> Engine {
        Engine { nlu }
    }

    /// Loads the model from ONNX bytes and builds an engine.
    pub fn from_model_bytes(model: &[u8]) -> Result<Engine, EngineError> {
        Ok(Engine::new(Nlu::from_onnx_bytes(model)?))
    }

    /// The NLU model.
    pub fn nlu(&self) -> &Nlu {
        &self.nlu
    }

    /// Understands `text` and picks the reply, in the message's language when
    /// it is clear and in `ui_locale` otherwise.
    pub fn reply(&self, text: &str, ui_locale: Locale) -> Result<Reply, EngineError> {
        let understood = self.nlu.classify(text)?;
        let locale = detect_locale(text).unwrap_or(ui_locale);
        let text = replies::compose(&understood, locale);
        Ok(Reply {
            text,
            locale,
            understood,
        })
    }
}
