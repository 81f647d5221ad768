//! Order, payment and logistics actions: a sans-IO state machine that turns what the shopper
//! says into calls of the shop-backend contract (`kefu-api`) and the backend's answers into
//! replies.
//!
//! The engine never performs a request. It hands the caller an [`Outgoing`] request; the
//! caller (the widget's worker, or a test) sends it however it likes and feeds the result back
//! through [`Engine::answer`](crate::Engine::answer). So the same flows run in the browser,
//! natively against the reference backend, and in unit tests, and a backend that is down is
//! just another input: the request stays in the caller's queue and the conversation goes on.

mod calls;
mod cards;
mod change;
mod flow;
mod outcome;
mod say;
mod words;

use std::collections::BTreeMap;

use kefu_api::{OrderNumber, TranscriptLine};

pub use calls::{HttpResponse, Method, Outgoing, Transport};
pub(crate) use flow::{handoff, on_press, on_text, start};
pub(crate) use outcome::on_response;

use crate::Locale;

/// What the shopper wants done with an order; one per action intent of `intents.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Goal {
    /// `order_status`.
    Status,
    /// `track_shipment`.
    Track,
    /// `cancel_order`.
    Cancel,
    /// `change_address`.
    ChangeAddress,
    /// `modify_order`.
    Modify,
    /// `return_request`.
    Return,
    /// `exchange_request`.
    Exchange,
    /// `refund_status`.
    Refund,
    /// `payment_issue`.
    Payment,
    /// `invoice_request`.
    Invoice,
}

impl Goal {
    /// The goal of an action intent; `None` for every other intent.
    pub fn of(intent: kefu_model::Intent) -> Option<Goal> {
        use kefu_model::Intent as I;
        Some(match intent {
            I::OrderStatus => Goal::Status,
            I::TrackShipment => Goal::Track,
            I::CancelOrder => Goal::Cancel,
            I::ChangeAddress => Goal::ChangeAddress,
            I::ModifyOrder => Goal::Modify,
            I::ReturnRequest => Goal::Return,
            I::ExchangeRequest => Goal::Exchange,
            I::RefundStatus => Goal::Refund,
            I::PaymentIssue => Goal::Payment,
            I::InvoiceRequest => Goal::Invoice,
            _ => return None,
        })
    }

    /// The intent label it stands for (also its name on the wire).
    pub fn as_str(self) -> &'static str {
        match self {
            Goal::Status => "order_status",
            Goal::Track => "track_shipment",
            Goal::Cancel => "cancel_order",
            Goal::ChangeAddress => "change_address",
            Goal::Modify => "modify_order",
            Goal::Return => "return_request",
            Goal::Exchange => "exchange_request",
            Goal::Refund => "refund_status",
            Goal::Payment => "payment_issue",
            Goal::Invoice => "invoice_request",
        }
    }

    /// The goal named by [`Goal::as_str`].
    pub fn from_name(name: &str) -> Option<Goal> {
        name.parse::<kefu_model::Intent>().ok().and_then(Goal::of)
    }

    /// Whether carrying it out changes the order (and so needs a confirmation first).
    pub fn changes_order(self) -> bool {
        matches!(
            self,
            Goal::Cancel
                | Goal::ChangeAddress
                | Goal::Modify
                | Goal::Return
                | Goal::Exchange
                | Goal::Invoice
        )
    }
}

/// Identifies one [`Outgoing`] request so its answer finds its way back.
pub type CallId = u64;

/// A structured block under a reply: an order, a parcel's timeline, a return, a refund or a
/// payment. Every string is already in the reply's language; the UI only lays it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// What the card shows.
    pub kind: CardKind,
    /// `Order A10293`, `SF Express SF1234567890123`.
    pub title: String,
    /// A short status label (`Shipped`, `In transit`).
    pub badge: Option<String>,
    /// Label–value rows (placed, total, ship to, …).
    pub fields: Vec<(String, String)>,
    /// One line per item.
    pub lines: Vec<String>,
    /// A timeline, newest first: when, and what happened.
    pub events: Vec<(String, String)>,
}

/// What a [`Card`] shows, so the UI can style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardKind {
    /// An order with its items and amounts.
    Order,
    /// A parcel with its tracking timeline.
    Tracking,
    /// A return or exchange authorisation.
    Return,
    /// A refund.
    Refund,
    /// Payments and their diagnosis.
    Payment,
}

/// What one step of the conversation produced: a reply to show, a request to send, or both.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Turn {
    /// Shown to the shopper now.
    pub reply: Option<crate::Reply>,
    /// To send to the shop backend; its answer goes to [`Engine::answer`](crate::Engine::answer).
    pub call: Option<Outgoing>,
    /// The request failed for a reason that may pass (network, timeout, server error): send
    /// it again later, unchanged (mutating calls carry their idempotency key).
    pub retry: Option<Outgoing>,
}

/// The state of one conversation with one shopper: who they are, what the bot is waiting
/// for, and the requests in flight. Pure data; the engine's methods move it on.
#[derive(Clone, Debug, Default)]
pub struct Conversation {
    /// Whether a shop backend is configured; without one, order questions get the policy's
    /// honest "not connected" reply.
    pub(crate) backend: bool,
    /// The token from `Kefu('identify', {token})`.
    pub(crate) identity: Option<String>,
    /// Guest sessions, per verified order.
    pub(crate) guest: BTreeMap<String, String>,
    /// The order the conversation is about, once the shopper named or picked one.
    pub(crate) current: Option<OrderNumber>,
    /// The question the bot asked last and waits an answer to.
    pub(crate) awaiting: flow::Awaiting,
    /// Requests sent and not answered yet, with what to do with their answer.
    pub(crate) calls: BTreeMap<CallId, flow::Then>,
    pub(crate) next_call: CallId,
    /// Makes idempotency keys unique across page loads (the caller passes randomness).
    pub(crate) key_seed: u64,
    pub(crate) next_key: u64,
    /// The last lines, for a human agent.
    pub(crate) transcript: Vec<TranscriptLine>,
    /// The last understood intent and sentiment, for a handoff.
    pub(crate) last_intent: Option<kefu_model::Intent>,
    pub(crate) last_sentiment: Option<kefu_model::Sentiment>,
    /// The language of the last message that had one.
    pub(crate) locale: Option<Locale>,
    /// Minutes to add to UTC for times shown to the shopper.
    pub(crate) utc_offset_minutes: i32,
}

/// How many transcript lines a handoff carries.
const TRANSCRIPT_LINES: usize = 40;

impl Conversation {
    /// A conversation; `backend` says whether a shop backend is there to call, `key_seed`
    /// should be random per page load (it makes idempotency keys unique).
    pub fn new(backend: bool, key_seed: u64) -> Conversation {
        Conversation {
            backend,
            key_seed,
            ..Conversation::default()
        }
    }

    /// Sets (or clears) the token the merchant's page signed for a logged-in shopper.
    pub fn identify(&mut self, token: Option<String>) {
        self.identity = token.filter(|t| !t.trim().is_empty());
    }

    /// Shows times in the shopper's time zone (`-getTimezoneOffset()` in JS).
    pub fn set_utc_offset_minutes(&mut self, minutes: i32) {
        self.utc_offset_minutes = minutes.clamp(-14 * 60, 14 * 60);
    }

    /// Requests sent and not answered yet.
    pub fn in_flight(&self) -> usize {
        self.calls.len()
    }

    pub(crate) fn record(&mut self, from: kefu_api::Speaker, text: &str) {
        let text: String = text.chars().take(2000).collect();
        if text.trim().is_empty() {
            return;
        }
        self.transcript.push(TranscriptLine {
            from,
            text,
            at: None,
        });
        if self.transcript.len() > TRANSCRIPT_LINES {
            let extra = self.transcript.len() - TRANSCRIPT_LINES;
            self.transcript.drain(..extra);
        }
    }

    /// Whether the bot asked for a detail the shopper types (a name, an address, an e-mail
    /// or phone): such an answer says nothing about the language the shopper speaks.
    pub(crate) fn awaits_details(&self) -> bool {
        matches!(
            self.awaiting,
            flow::Awaiting::Contact { .. }
                | flow::Awaiting::HandoffContact
                | flow::Awaiting::Address { .. }
                | flow::Awaiting::InvoiceTitle { .. }
        )
    }

    /// A fresh key for one change; retries of that change reuse it.
    pub(crate) fn idempotency_key(&mut self) -> String {
        self.next_key += 1;
        format!("kefu-{:016x}-{}", self.key_seed, self.next_key)
    }
}
