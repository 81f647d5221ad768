//! The shop-backend contract: every type that crosses the HTTP boundary between the widget's
//! client and a shop backend (Kefu's reference backend or a merchant's own).
//!
//! Serde only, no IO, no clock: it compiles to wasm32 for the widget and natively for the
//! server. Raw JSON becomes checked values at deserialisation time (an [`OrderNumber`]
//! that parsed is well-formed), so neither side re-validates. The same contract is written
//! out as an OpenAPI 3 document, [`OPENAPI_JSON`], which the reference backend serves at
//! [`paths::OPENAPI`] and whose examples the backend's tests decode into these types.

mod aftersale;
mod auth;
mod error;
mod handoff;
mod locale;
mod orders;
pub mod paths;
mod payments;
mod scalars;
mod time;

pub use aftersale::{
    Refund, RefundList, RefundReason, RefundStatus, ReturnAuthorization, ReturnKind, ReturnLine,
    ReturnReason, ReturnRequest, ReturnStatus,
};
pub use auth::{Contact, GuestLogin, Session, SessionKind, ShopperClaims};
pub use error::{ApiError, ErrorCode};
pub use handoff::{HandoffRequest, Sentiment, Speaker, Ticket, TicketMode, TranscriptLine};
pub use locale::Locale;
pub use orders::{
    Action, Address, AddressChange, Amounts, CancelRequest, CancelResult, ItemChange, ItemsChange,
    MaskedAddress, Order, OrderItem, OrderList, OrderStatus, OrderSummary, Shipment,
    ShipmentStatus, Tracking, TrackingEvent,
};
pub use payments::{
    Diagnosis, DiagnosisKind, Invoice, InvoiceKind, InvoiceRequest, InvoiceStatus, Payment,
    PaymentFailure, PaymentMethod, PaymentState, PaymentStatus,
};
pub use scalars::{
    CountryCode, Currency, Email, IdempotencyKey, Money, OrderNumber, ParseError, Phone, Text,
};
pub use time::Timestamp;

/// The contract as an OpenAPI 3.0 document (JSON), checked in next to these types.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// The request header that carries an [`IdempotencyKey`] on every mutating call.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";
