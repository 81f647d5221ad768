//! After delivery: return and exchange requests, return authorisations, refunds.

use serde::{Deserialize, Serialize};

use crate::{Money, OrderNumber, Text, Timestamp};

/// Money back, or the same product in another size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnKind {
    /// Send it back for a refund.
    Return,
    /// Send it back for another size.
    Exchange,
}

/// Why the shopper sends something back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// Too big or too small.
    WrongSize,
    /// Arrived damaged or faulty.
    Damaged,
    /// Not what the listing showed.
    NotAsDescribed,
    /// The wrong product was sent.
    WrongItem,
    /// No longer wanted.
    ChangedMind,
    /// Anything else (say so in `note`).
    Other,
}

/// `POST …/returns`: a return or exchange request for some of a delivered order's items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRequest {
    /// Return or exchange.
    pub kind: ReturnKind,
    /// At least one line.
    pub items: Vec<ReturnLine>,
    /// Anything the shopper adds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One item to send back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    /// The order item's id.
    pub item_id: i64,
    /// Units to send back, at least 1 and at most what was not yet returned.
    pub quantity: u32,
    /// Why.
    pub reason: ReturnReason,
    /// For exchanges: the size wanted, one of the item's `available_sizes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_size: Option<String>,
}

/// Where a return authorisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnStatus {
    /// Granted; waiting for the parcel.
    Authorised,
    /// The warehouse has it.
    Received,
    /// Refunded or exchanged.
    Completed,
}

/// A granted return or exchange: the code to write on the parcel and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnAuthorization {
    /// Return code (`RA-A10296-1`): write it on the parcel.
    pub code: String,
    /// The order it belongs to.
    pub order_number: OrderNumber,
    /// Return or exchange.
    pub kind: ReturnKind,
    /// Its status.
    pub status: ReturnStatus,
    /// The lines it covers.
    pub items: Vec<ReturnLine>,
    /// For returns: what will be refunded once the parcel arrives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Money>,
    /// Where to send the parcel.
    pub ship_to: String,
    /// Send it by then.
    pub ship_by: Timestamp,
    /// What to do, in the shopper's locale.
    pub instructions: String,
    /// When it was granted.
    pub created_at: Timestamp,
}

/// Where a refund is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Waiting for the returned parcel or a review.
    Pending,
    /// Sent to the payment provider.
    Processing,
    /// The money is on its way back (the bank may take a few days more).
    Completed,
    /// Refused; see the message.
    Rejected,
}

/// Why money goes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    /// The order was cancelled.
    Cancellation,
    /// Items were returned.
    Return,
    /// The shopper was charged twice.
    DuplicatePayment,
    /// Items were removed or cheaper.
    Adjustment,
}

/// One refund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    /// The refund's reference (`RF-…`).
    pub id: String,
    /// How much.
    pub amount: Money,
    /// Where it is.
    pub status: RefundStatus,
    /// Why.
    pub reason: RefundReason,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
    /// When the shopper should expect it, while not completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_by: Option<Timestamp>,
    /// A sentence on where the money goes and when, in the shopper's locale.
    pub message: String,
}

/// `GET …/refunds`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundList {
    /// The order number.
    pub order_number: OrderNumber,
    /// Newest first; empty when there is none.
    pub refunds: Vec<Refund>,
}
