//! The requests the flows make, as HTTP the caller can send, and the answers parsed back into
//! `kefu-api` types at the boundary.

use kefu_api::{
    AddressChange, ApiError, CancelRequest, CancelResult, GuestLogin, HandoffRequest, Invoice,
    InvoiceRequest, ItemsChange, Order, OrderList, OrderNumber, PaymentStatus, RefundList,
    ReturnAuthorization, ReturnRequest, Session, Ticket, Tracking, paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::CallId;
use crate::Locale;

/// HTTP method of an [`Outgoing`] request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Reads.
    Get,
    /// Creates or changes.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request for the caller to send to the shop backend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// Pass it back with the answer.
    pub id: CallId,
    /// GET or POST.
    pub method: Method,
    /// Absolute path of the contract (`/kefu/v1/orders/A10293`), resolved against the backend's origin.
    pub path: String,
    /// JSON body of a POST.
    pub body: Option<String>,
    /// `Authorization: Bearer …`, when the shopper is identified or verified.
    pub bearer: Option<String>,
    /// `Idempotency-Key`, on every mutating call.
    pub idempotency_key: Option<String>,
    /// Sent as `Accept-Language`: the backend's messages come back in it.
    pub locale: Locale,
}

/// What the backend answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// The body as text.
    pub body: String,
}

/// Why there is no answer at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// No connection (offline, refused, DNS, CORS).
    Unreachable,
    /// No answer in time.
    Timeout,
}

/// A request of the contract, typed.
#[derive(Clone, Debug)]
pub(crate) enum Call {
    Guest(GuestLogin),
    Orders,
    Order(OrderNumber),
    Tracking(OrderNumber),
    Cancel(OrderNumber, CancelRequest),
    Address(OrderNumber, AddressChange),
    Items(OrderNumber, ItemsChange),
    Returns(OrderNumber, ReturnRequest),
    Refunds(OrderNumber),
    Payments(OrderNumber),
    Invoice(OrderNumber, InvoiceRequest),
    Handoff(HandoffRequest),
}

/// A successful answer, typed by the request it answers.
#[derive(Clone, Debug)]
pub(crate) enum Answer {
    Session(Session),
    Orders(OrderList),
    Order(Order),
    Tracking(Tracking),
    Cancelled(CancelResult),
    Changed(Order),
    Return(ReturnAuthorization),
    Refunds(RefundList),
    Payments(PaymentStatus),
    Invoice(Invoice),
    Ticket(Ticket),
}

/// Why a call did not give an [`Answer`].
#[derive(Clone, Debug)]
pub(crate) enum Failure {
    /// The backend said no, in its one error shape.
    Refused(ApiError),
    /// Network, timeout or a server error: may pass.
    Transient,
    /// An answer that is not the contract's: nothing in it can be trusted.
    Garbage,
}

impl Call {
    pub(crate) fn to_http(
        &self,
        id: CallId,
        bearer: Option<String>,
        key: Option<String>,
        locale: Locale,
    ) -> Outgoing {
        let (method, path, body) = match self {
            Call::Guest(b) => (Method::Post, paths::GUEST_SESSION.to_owned(), json(b)),
            Call::Orders => (Method::Get, paths::ORDERS.to_owned(), None),
            Call::Order(n) => (Method::Get, paths::for_order(paths::ORDER, n), None),
            Call::Tracking(n) => (Method::Get, paths::for_order(paths::TRACKING, n), None),
            Call::Cancel(n, b) => (Method::Post, paths::for_order(paths::CANCEL, n), json(b)),
            Call::Address(n, b) => (Method::Post, paths::for_order(paths::ADDRESS, n), json(b)),
            Call::Items(n, b) => (Method::Post, paths::for_order(paths::ITEMS, n), json(b)),
            Call::Returns(n, b) => (Method::Post, paths::for_order(paths::RETURNS, n), json(b)),
            Call::Refunds(n) => (Method::Get, paths::for_order(paths::REFUNDS, n), None),
            Call::Payments(n) => (Method::Get, paths::for_order(paths::PAYMENTS, n), None),
            Call::Invoice(n, b) => (Method::Post, paths::for_order(paths::INVOICE, n), json(b)),
            Call::Handoff(b) => (Method::Post, paths::HANDOFFS.to_owned(), json(b)),
        };
        Outgoing {
            id,
            method,
            path,
            body,
            bearer,
            idempotency_key: key.filter(|_| method == Method::Post),
            locale,
        }
    }

    /// Whether the contract wants an idempotency key (every mutating call but the guest login).
    pub(crate) fn mutates(&self) -> bool {
        !matches!(
            self,
            Call::Guest(_)
                | Call::Orders
                | Call::Order(_)
                | Call::Tracking(_)
                | Call::Refunds(_)
                | Call::Payments(_)
        )
    }

    /// Parses what the backend answered to this call.
    pub(crate) fn parse(&self, got: Result<&HttpResponse, Transport>) -> Result<Answer, Failure> {
        let got = got.map_err(|_| Failure::Transient)?;
        if !(200..300).contains(&got.status) {
            return Err(match serde_json::from_str::<ApiError>(&got.body) {
                Ok(e) if e.code == kefu_api::ErrorCode::Internal => Failure::Transient,
                Ok(e) => Failure::Refused(e),
                // Proxies answer 502/503/504 with their own pages while the backend is away.
                Err(_) if got.status >= 500 => Failure::Transient,
                Err(_) => Failure::Garbage,
            });
        }
        let body = got.body.as_str();
        Ok(match self {
            Call::Guest(_) => Answer::Session(de(body)?),
            Call::Orders => Answer::Orders(de(body)?),
            Call::Order(_) => Answer::Order(de(body)?),
            Call::Tracking(_) => Answer::Tracking(de(body)?),
            Call::Cancel(..) => Answer::Cancelled(de(body)?),
            Call::Address(..) | Call::Items(..) => Answer::Changed(de(body)?),
            Call::Returns(..) => Answer::Return(de(body)?),
            Call::Refunds(_) => Answer::Refunds(de(body)?),
            Call::Payments(_) => Answer::Payments(de(body)?),
            Call::Invoice(..) => Answer::Invoice(de(body)?),
            Call::Handoff(_) => Answer::Ticket(de(body)?),
        })
    }

    /// The order this call is about, if any.
    pub(crate) fn order(&self) -> Option<&OrderNumber> {
        match self {
            Call::Guest(g) => Some(&g.order_number),
            Call::Orders | Call::Handoff(_) => None,
            Call::Order(n)
            | Call::Tracking(n)
            | Call::Cancel(n, _)
            | Call::Address(n, _)
            | Call::Items(n, _)
            | Call::Returns(n, _)
            | Call::Refunds(n)
            | Call::Payments(n)
            | Call::Invoice(n, _) => Some(n),
        }
    }
}

fn json<T: Serialize>(body: &T) -> Option<String> {
    // The contract's types serialise infallibly (no maps with non-string keys).
    serde_json::to_string(body).ok()
}

fn de<T: DeserializeOwned>(body: &str) -> Result<T, Failure> {
    serde_json::from_str(body).map_err(|_| Failure::Garbage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            body: body.to_owned(),
        }
    }

    #[test]
    fn answers_are_classified_at_the_boundary() {
        let n: OrderNumber = "A10293".parse().expect("valid");
        let call = Call::Order(n);
        assert!(matches!(
            call.parse(Err(Transport::Timeout)),
            Err(Failure::Transient)
        ));
        assert!(matches!(
            call.parse(Ok(&response(503, "<html>busy</html>"))),
            Err(Failure::Transient)
        ));
        assert!(matches!(
            call.parse(Ok(&response(200, "{\"number\":1}"))),
            Err(Failure::Garbage)
        ));
        assert!(matches!(
            call.parse(Ok(&response(404, "not json"))),
            Err(Failure::Garbage)
        ));
        let refused = r#"{"code":"order_not_found","message":"No such order","locale":"en"}"#;
        assert!(matches!(
            call.parse(Ok(&response(404, refused))),
            Err(Failure::Refused(_))
        ));
        let internal = r#"{"code":"internal","message":"oops","locale":"en"}"#;
        assert!(matches!(
            call.parse(Ok(&response(500, internal))),
            Err(Failure::Transient)
        ));
    }

    #[test]
    fn only_changes_carry_a_key() {
        let n: OrderNumber = "A10293".parse().expect("valid");
        let get = Call::Tracking(n.clone()).to_http(1, None, Some("kefu-key-1".into()), Locale::En);
        assert_eq!(
            (get.method, get.path.as_str()),
            (Method::Get, "/kefu/v1/orders/A10293/tracking")
        );
        assert_eq!(get.idempotency_key, None);
        let cancel = Call::Cancel(n, CancelRequest::default());
        assert!(cancel.mutates());
        let post = cancel.to_http(
            2,
            Some("t".into()),
            Some("kefu-key-2".into()),
            Locale::ZhHans,
        );
        assert_eq!(post.body.as_deref(), Some("{}"));
        assert_eq!(post.idempotency_key.as_deref(), Some("kefu-key-2"));
    }
}
