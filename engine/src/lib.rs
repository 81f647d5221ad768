//! Kefu's dialogue engine: a shopper's message in, the widget's reply out.
//!
//! The engine owns the NLU model, the merchant's FAQ index and the dialogue
//! policy and knows nothing of browsers, files or networks, so the `kefu`
//! binary and the widget's worker run exactly the same code. Callers pass
//! everything in, including the UI's locale; nothing is read from globals.

mod actions;
mod answers;
mod lang;
mod replies;

pub use actions::{
    CallId, Card, CardKind, Conversation, Goal, HttpResponse, Method, Outgoing, Transport, Turn,
};

pub use kefu_faq::{FaqIndex, IndexError, Link};
pub use kefu_model::{Intent, ModelError, Nlu, Prediction, Reading, Sentiment, Slot, SlotKind};
pub use lang::{Locale, detect_locale};

use kefu_faq::{Faq, Query};

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
    /// Orders, parcels, returns, refunds or payments the shop backend returned.
    pub cards: Vec<Card>,
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
    /// A step of an order flow, built from what the shop backend returned.
    Backend,
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
    /// Yes to the pending confirmation.
    Yes,
    /// No to the pending confirmation.
    No,
    /// One of the options the bot offered (an order, an item, a reason, a size).
    Pick(String),
    /// Start a flow on an order (the buttons under an order card).
    Start {
        /// What to do.
        goal: Goal,
        /// The order number.
        order: String,
    },
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
    /// it is clear and in `ui_locale` otherwise. Stateless: order questions get the
    /// policy's words; [`Engine::converse`] carries them out.
    pub fn reply(&self, text: &str, ui_locale: Locale) -> Result<Reply, EngineError> {
        let reading = self.nlu.read(text)?;
        let locale = detect_locale(text).unwrap_or(ui_locale);
        self.reply_to(reading, text, locale)
    }

    fn reply_to(&self, reading: Reading, text: &str, locale: Locale) -> Result<Reply, EngineError> {
        let Reading {
            prediction: understood,
            intent_probs,
            ..
        } = reading;
        if answers::wants_faq(&understood) {
            match &self.faq {
                Some(faq) => {
                    let query = Query::read(&self.nlu, text, intent_probs);
                    if let Some(reply) = answers::from_faq(faq, &query, &understood, locale) {
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
            cards: Vec::new(),
        })
    }

    /// One shopper message in a conversation: answers from the FAQ and the policy like
    /// [`Engine::reply`], and carries out order actions through the shop backend, asking
    /// for what is missing and confirming before any change. A request for the backend
    /// comes back in [`Turn::call`]; its answer goes to [`Engine::answer`].
    pub fn converse(
        &self,
        conv: &mut Conversation,
        text: &str,
        ui_locale: Locale,
    ) -> Result<Turn, EngineError> {
        let reading = self.nlu.read(text)?;
        let understood = reading.prediction.clone();
        // "王小明" typed as the invoice title does not make an English conversation Chinese.
        let detected = if conv.awaits_details() {
            None
        } else {
            message_locale(text, &understood)
        };
        let locale = detected
            .inspect(|l| conv.locale = Some(*l))
            .or(conv.locale)
            .unwrap_or(ui_locale);
        conv.record(kefu_api::Speaker::Shopper, text);
        conv.last_intent = Some(understood.intent);
        conv.last_sentiment = Some(understood.sentiment);
        if conv.backend
            && let Some(turn) = actions::on_text(conv, &understood, text, locale)
        {
            return Ok(with_understood(turn, understood));
        }
        let reply = self.reply_to(reading, text, locale)?;
        if !conv.backend || reply.source != Source::Policy {
            return Ok(self.said(conv, reply));
        }
        let turn = match Goal::of(understood.intent) {
            Some(goal) => actions::start(conv, goal, &understood, locale),
            None if understood.intent == kefu_model::Intent::HumanAgent => {
                actions::handoff(conv, None, locale)
            }
            None => return Ok(self.said(conv, reply)),
        };
        Ok(with_understood(turn, understood))
    }

    /// A pressed button in a conversation.
    pub fn press(&self, conv: &mut Conversation, action: &Action, ui_locale: Locale) -> Turn {
        let locale = conv.locale.unwrap_or(ui_locale);
        match action {
            Action::Human if conv.backend => actions::handoff(conv, None, locale),
            Action::Faq(_) | Action::Human => {
                let reply = self.choose(action, locale);
                self.said(conv, reply)
            }
            _ if conv.backend => actions::on_press(conv, action, locale),
            _ => self.said(conv, self.choose(action, locale)),
        }
    }

    /// The shop backend's answer (or why there is none) to the request `id` of a [`Turn`].
    pub fn answer(
        &self,
        conv: &mut Conversation,
        id: CallId,
        got: Result<HttpResponse, Transport>,
    ) -> Turn {
        actions::on_response(conv, id, got)
    }

    fn said(&self, conv: &mut Conversation, reply: Reply) -> Turn {
        conv.record(kefu_api::Speaker::Bot, &reply.text);
        Turn {
            reply: Some(reply),
            call: None,
            retry: None,
        }
    }

    /// The reply to a pressed button.
    pub fn choose(&self, action: &Action, ui_locale: Locale) -> Reply {
        match action {
            Action::Faq(id) => answers::entry_by_id(self.faq.as_ref(), id, ui_locale),
            Action::Human | Action::Yes | Action::No | Action::Pick(_) | Action::Start { .. } => {
                Reply {
                    text: replies::human(ui_locale).to_owned(),
                    locale: ui_locale,
                    understood: None,
                    source: Source::Policy,
                    links: Vec::new(),
                    choices: Vec::new(),
                    cards: Vec::new(),
                }
            }
        }
    }
}

/// The language of a message, judged without its identifiers: an e-mail address typed in a
/// Chinese conversation is not a switch to English.
/// The flows' reply carries what the model understood of the message, like every reply.
fn with_understood(mut turn: Turn, understood: Prediction) -> Turn {
    if let Some(r) = turn.reply.as_mut() {
        r.understood = Some(understood);
    }
    turn
}

fn message_locale(text: &str, understood: &Prediction) -> Option<Locale> {
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    let mut spans: Vec<_> = understood.slots.iter().map(|s| s.span.clone()).collect();
    spans.sort_by_key(|r| r.start);
    for span in spans {
        if span.start >= at && span.end <= text.len() {
            rest.push_str(text.get(at..span.start).unwrap_or_default());
            rest.push(' ');
            at = span.end;
        }
    }
    rest.push_str(text.get(at..).unwrap_or_default());
    detect_locale(&rest)
}
