//! Payments with a diagnosis of what went wrong, and invoices.

use serde::{Deserialize, Serialize};

use crate::{Email, Money, OrderNumber, Text, Timestamp};

/// How the shopper paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Alipay.
    Alipay,
    /// WeChat Pay.
    WechatPay,
    /// A credit or debit card.
    Card,
    /// PayPal.
    Paypal,
    /// A bank transfer.
    BankTransfer,
}

/// One payment attempt's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Money taken.
    Succeeded,
    /// Declined or abandoned; no money taken.
    Failed,
    /// Waiting for the provider or the bank.
    Pending,
    /// Taken, then given back.
    Refunded,
}

/// Why a payment failed, as the provider said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentFailure {
    /// The card or account lacked funds.
    InsufficientFunds,
    /// The issuer declined.
    Declined,
    /// The card has expired.
    ExpiredCard,
    /// The shopper did not finish in time.
    Timeout,
    /// 3-D Secure or another check failed.
    AuthenticationFailed,
}

/// One payment attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The shop's payment reference (`PAY-…`).
    pub id: String,
    /// Method.
    pub method: PaymentMethod,
    /// State.
    pub state: PaymentState,
    /// Amount.
    pub amount: Money,
    /// When it was attempted.
    pub created_at: Timestamp,
    /// Why it failed, for failed ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<PaymentFailure>,
}

/// The overall picture of an order's payments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosisKind {
    /// Paid once, correctly.
    Paid,
    /// Not paid: the last attempt failed.
    Failed,
    /// Charged more than once; the extra charges are (being) refunded.
    Duplicated,
    /// A payment is waiting for the provider or the bank.
    Pending,
    /// Nothing attempted yet.
    Unpaid,
    /// What was paid has been refunded.
    Refunded,
}

/// What is going on with the payments, and what the shopper should do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The verdict.
    pub kind: DiagnosisKind,
    /// What to do, in the shopper's locale.
    pub advice: String,
    /// Whether paying again now is safe and useful.
    pub can_retry: bool,
}

/// `GET …/payments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentStatus {
    /// The order number.
    pub order_number: OrderNumber,
    /// What is due.
    pub total: Money,
    /// Every attempt, oldest first.
    pub payments: Vec<Payment>,
    /// The verdict.
    pub diagnosis: Diagnosis,
}

/// Personal (个人) or company (企业) invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    /// For a person.
    Personal,
    /// For a company; needs a tax id.
    Company,
}

/// `POST …/invoice`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRequest {
    /// Personal or company.
    pub kind: InvoiceKind,
    /// The name on the invoice (抬头).
    pub title: Text,
    /// Taxpayer id (税号); required for company invoices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<Text>,
    /// Where to send it; the order's e-mail when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
}

/// Where an invoice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Asked for; issued within a working day.
    Requested,
    /// Issued and sent.
    Issued,
}

/// An order's invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// Invoice reference (`INV-…`).
    pub id: String,
    /// Where it is.
    pub status: InvoiceStatus,
    /// Personal or company.
    pub kind: InvoiceKind,
    /// The name on it.
    pub title: String,
    /// The amount invoiced.
    pub amount: Money,
    /// Where it is sent, masked.
    pub email: String,
    /// When it was requested.
    pub requested_at: Timestamp,
    /// A sentence on what happens next, in the shopper's locale.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invoice_request_rejects_an_empty_title() {
        let bad = r#"{"kind":"personal","title":"  "}"#;
        assert!(serde_json::from_str::<InvoiceRequest>(bad).is_err());
        let good = r#"{"kind":"company","title":"上海某某有限公司","tax_id":"91310000MA1FL0000X"}"#;
        let r: InvoiceRequest = serde_json::from_str(good).expect("parses");
        assert_eq!(r.kind, InvoiceKind::Company);
    }
}
