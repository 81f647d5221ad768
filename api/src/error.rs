//! The one error shape every endpoint answers with: a machine-readable code to branch on and
//! a message in the shopper's locale to show as is.

use serde::{Deserialize, Serialize};

use crate::{Locale, OrderStatus};

/// What went wrong, for programs. New codes may be added; treat unknown ones like `internal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The body, a path parameter or a header is malformed; fix the request.
    BadRequest,
    /// No usable credentials: missing, malformed, forged or wrong algorithm.
    Unauthenticated,
    /// The token has expired: ask the merchant's page (or the guest) for a new one.
    TokenExpired,
    /// The guest's order number and contact do not match an order.
    VerificationFailed,
    /// No such order for this caller (also when it exists but belongs to someone else).
    OrderNotFound,
    /// A mutating call came without an `Idempotency-Key` header.
    IdempotencyKeyRequired,
    /// The `Idempotency-Key` was used before with a different request.
    IdempotencyKeyReused,
    /// Too many requests; wait `retry_after` seconds.
    RateLimited,
    /// The order can no longer be cancelled (see `order_status`).
    NotCancellable,
    /// The order has shipped (or is being packed): its address cannot change.
    AddressLocked,
    /// The order has shipped (or is being packed): its items cannot change.
    ItemsLocked,
    /// The change is not possible (unknown item or size, or it would cost more on a paid order).
    ModificationRejected,
    /// Returns and exchanges need a delivered order.
    NotDelivered,
    /// The return window has closed.
    ReturnWindowClosed,
    /// An item cannot be returned (final sale, hygiene, or already returned).
    ItemNotReturnable,
    /// An invoice was already requested for this order.
    InvoiceExists,
    /// The order cannot be invoiced (not paid, or cancelled).
    InvoiceNotAvailable,
    /// No agent is online and there is no way to answer: give an e-mail or phone.
    ContactRequired,
    /// The request raced with another change; retry it.
    Conflict,
    /// Something broke on the server; the request may be retried later.
    Internal,
}

/// The body of every 4xx and 5xx response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// For programs.
    pub code: ErrorCode,
    /// For the shopper, in `locale`.
    pub message: String,
    /// The language of `message`.
    pub locale: Locale,
    /// For order-state refusals: the state that refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_status: Option<OrderStatus>,
    /// For `rate_limited`: seconds to wait (also in the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}
