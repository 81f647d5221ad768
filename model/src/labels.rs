//! The public label set of `intents.md`: the contract between model, engine and evaluation.

use std::fmt;
use std::str::FromStr;

/// One shopper intent, exactly the labels of `intents.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Intent {
    /// Know the state of an order.
    OrderStatus,
    /// Follow the parcel.
    TrackShipment,
    /// Cancel an order.
    CancelOrder,
    /// Change the delivery address of an existing order.
    ChangeAddress,
    /// Change items of an order not yet shipped.
    ModifyOrder,
    /// Send an item back.
    ReturnRequest,
    /// Swap an item for another size, colour or unit.
    ExchangeRequest,
    /// Where an already requested refund is.
    RefundStatus,
    /// Fix a failed, duplicated or wrong payment.
    PaymentIssue,
    /// Get or fix an invoice.
    InvoiceRequest,
    /// Delivery options, times, fees (no specific order).
    ShippingInfo,
    /// Rules for returns, refunds, warranty (no specific order).
    ReturnPolicy,
    /// Ways to pay.
    PaymentMethods,
    /// Coupons, discounts, sales, points.
    Promotion,
    /// A product: size, material, stock, usage.
    ProductInfo,
    /// Sign-up, login, password, profile.
    AccountHelp,
    /// Hello.
    Greeting,
    /// Thank you.
    Thanks,
    /// Bye.
    Goodbye,
    /// Yes / ok / confirm.
    Affirm,
    /// No / don't.
    Deny,
    /// Wants a human.
    HumanAgent,
    /// A complaint that is not itself a concrete request.
    Complaint,
    /// Anything the shop cannot help with.
    OutOfScope,
}

/// One of the three sentiment classes of `intents.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sentiment {
    /// Angry, frustrated, anxious, disappointed, sarcastic.
    Negative,
    /// Matter-of-fact.
    Neutral,
    /// Pleased, grateful, enthusiastic.
    Positive,
}

/// A label string that is not part of `intents.md`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label `{0}`")]
pub struct UnknownLabel(pub String);

impl Intent {
    /// Every intent, in the canonical order of `intents.md`.
    pub const ALL: [Intent; 24] = [
        Intent::OrderStatus,
        Intent::TrackShipment,
        Intent::CancelOrder,
        Intent::ChangeAddress,
        Intent::ModifyOrder,
        Intent::ReturnRequest,
        Intent::ExchangeRequest,
        Intent::RefundStatus,
        Intent::PaymentIssue,
        Intent::InvoiceRequest,
        Intent::ShippingInfo,
        Intent::ReturnPolicy,
        Intent::PaymentMethods,
        Intent::Promotion,
        Intent::ProductInfo,
        Intent::AccountHelp,
        Intent::Greeting,
        Intent::Thanks,
        Intent::Goodbye,
        Intent::Affirm,
        Intent::Deny,
        Intent::HumanAgent,
        Intent::Complaint,
        Intent::OutOfScope,
    ];

    /// The snake_case label of `intents.md`.
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::OrderStatus => "order_status",
            Intent::TrackShipment => "track_shipment",
            Intent::CancelOrder => "cancel_order",
            Intent::ChangeAddress => "change_address",
            Intent::ModifyOrder => "modify_order",
            Intent::ReturnRequest => "return_request",
            Intent::ExchangeRequest => "exchange_request",
            Intent::RefundStatus => "refund_status",
            Intent::PaymentIssue => "payment_issue",
            Intent::InvoiceRequest => "invoice_request",
            Intent::ShippingInfo => "shipping_info",
            Intent::ReturnPolicy => "return_policy",
            Intent::PaymentMethods => "payment_methods",
            Intent::Promotion => "promotion",
            Intent::ProductInfo => "product_info",
            Intent::AccountHelp => "account_help",
            Intent::Greeting => "greeting",
            Intent::Thanks => "thanks",
            Intent::Goodbye => "goodbye",
            Intent::Affirm => "affirm",
            Intent::Deny => "deny",
            Intent::HumanAgent => "human_agent",
            Intent::Complaint => "complaint",
            Intent::OutOfScope => "out_of_scope",
        }
    }

    /// Whether answering needs the shop backend (order, payment, logistics).
    pub fn is_action(self) -> bool {
        Intent::ALL[..10].contains(&self)
    }

    /// Whether the merchant's FAQ answers it offline.
    pub fn is_knowledge(self) -> bool {
        Intent::ALL[10..16].contains(&self)
    }
}

impl Sentiment {
    /// Every sentiment, in the canonical order.
    pub const ALL: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];

    /// The label of `intents.md`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        }
    }
}

impl FromStr for Intent {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Intent::ALL
            .into_iter()
            .find(|i| i.as_str() == s)
            .ok_or_else(|| UnknownLabel(s.to_owned()))
    }
}

impl FromStr for Sentiment {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sentiment::ALL
            .into_iter()
            .find(|i| i.as_str() == s)
            .ok_or_else(|| UnknownLabel(s.to_owned()))
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Sentiment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_groups_match_the_spec() {
        for i in Intent::ALL {
            assert_eq!(i.as_str().parse::<Intent>(), Ok(i));
        }
        assert_eq!(Intent::ALL.iter().filter(|i| i.is_action()).count(), 10);
        assert_eq!(Intent::ALL.iter().filter(|i| i.is_knowledge()).count(), 6);
        assert!(Intent::InvoiceRequest.is_action() && !Intent::ShippingInfo.is_action());
        assert!("answr".parse::<Intent>().is_err());
    }
}
