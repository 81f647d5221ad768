//! The contract's URL paths, as axum-style templates (`{number}`) and as builders.
//!
//! The server routes the templates; the widget's client builds concrete paths with the
//! functions, so both read one list.

use crate::OrderNumber;

/// Every path of the API starts with this prefix.
pub const PREFIX: &str = "/kefu/v1";
/// `GET`: this document.
pub const OPENAPI: &str = "/kefu/v1/openapi.json";
/// `POST`: a guest proves ownership of one order and receives a session token.
pub const GUEST_SESSION: &str = "/kefu/v1/sessions/guest";
/// `GET`: the identified shopper's recent orders.
pub const ORDERS: &str = "/kefu/v1/orders";
/// `GET`: one order.
pub const ORDER: &str = "/kefu/v1/orders/{number}";
/// `GET`: the parcels' tracking timelines.
pub const TRACKING: &str = "/kefu/v1/orders/{number}/tracking";
/// `POST`: cancel the order.
pub const CANCEL: &str = "/kefu/v1/orders/{number}/cancel";
/// `POST`: change the shipping address.
pub const ADDRESS: &str = "/kefu/v1/orders/{number}/address";
/// `POST`: change items' quantity or size.
pub const ITEMS: &str = "/kefu/v1/orders/{number}/items";
/// `POST`: request a return or an exchange.
pub const RETURNS: &str = "/kefu/v1/orders/{number}/returns";
/// `GET`: the order's refunds.
pub const REFUNDS: &str = "/kefu/v1/orders/{number}/refunds";
/// `GET`: the order's payments with a diagnosis.
pub const PAYMENTS: &str = "/kefu/v1/orders/{number}/payments";
/// `POST`: request an invoice.
pub const INVOICE: &str = "/kefu/v1/orders/{number}/invoice";
/// `POST`: hand the conversation to a human (or leave a message).
pub const HANDOFFS: &str = "/kefu/v1/handoffs";

/// Fills `{number}` in one of the templates above with an order number.
pub fn for_order(template: &str, number: &OrderNumber) -> String {
    template.replace("{number}", number.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_order_number() {
        let n: OrderNumber = "a10293".parse().expect("valid");
        assert_eq!(for_order(TRACKING, &n), "/kefu/v1/orders/A10293/tracking");
    }
}
