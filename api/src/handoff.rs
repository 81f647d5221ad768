//! Handing the conversation to a human: the transcript goes with it, and when nobody is
//! online the shopper leaves a message instead.

use serde::{Deserialize, Serialize};

use crate::{Contact, OrderNumber, Timestamp};

/// Who said a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The shopper.
    Shopper,
    /// The widget.
    Bot,
}

/// The widget's reading of the shopper's mood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sentiment {
    /// Upset or angry.
    Negative,
    /// Neither.
    Neutral,
    /// Happy.
    Positive,
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    /// Who.
    pub from: Speaker,
    /// What, as shown (at most 2000 characters).
    pub text: String,
    /// When, if the widget knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

/// `POST /kefu/v1/handoffs`. Works without a token; with one, the ticket names the shopper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffRequest {
    /// The conversation so far, oldest first; 1 to 200 lines.
    pub transcript: Vec<TranscriptLine>,
    /// The last recognised intent (a label of `intents.md`).
    pub intent: String,
    /// The shopper's mood.
    pub sentiment: Sentiment,
    /// The order being discussed, if any (only recorded when the caller may see it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_number: Option<OrderNumber>,
    /// How to answer when nobody is online; needed then unless a shopper token is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// Whether a person joins now or answers later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketMode {
    /// An agent is online and will join the chat.
    LiveAgent,
    /// Nobody is online; the message was left and will be answered later.
    Message,
}

/// The created ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// Reference to quote (`T-000123`).
    pub reference: String,
    /// Live agent or left message.
    pub mode: TicketMode,
    /// What happens next, in the shopper's locale.
    pub message: String,
    /// When it was created.
    pub created_at: Timestamp,
}
