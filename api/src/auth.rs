//! Who is asking: a shopper the merchant's server identified with a signed token, or a guest
//! who proved ownership of one order.

use serde::{Deserialize, Serialize};

use crate::{Email, OrderNumber, Phone, Timestamp};

/// The claims of the token a merchant's server mints for a logged-in shopper: a JWT with
/// header `{"alg":"HS256","typ":"JWT"}`, signed with HMAC-SHA256 under the secret shared with
/// the shop backend. The widget receives it through `Kefu('identify', { token })` and sends it
/// as `Authorization: Bearer <token>`. Any other `alg` (including `none`) is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopperClaims {
    /// The shopper's id in the merchant's system.
    pub sub: String,
    /// Expiry, seconds since the Unix epoch; keep it short (minutes to hours).
    pub exp: i64,
    /// Issued at, seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// Set only on the backend's own guest tokens: the one order the guest proved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ord: Option<OrderNumber>,
}

/// The contact detail a guest proves ownership with: the e-mail or phone on the order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    /// `{"email": "…"}`.
    Email(Email),
    /// `{"phone": "…"}`.
    Phone(Phone),
}

/// `POST /kefu/v1/sessions/guest`: order number + the order's e-mail or phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestLogin {
    /// The order to open.
    pub order_number: OrderNumber,
    /// The e-mail or phone on that order.
    pub contact: Contact,
}

/// Whose session a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A guest, limited to one order.
    Guest,
}

/// A token to send as `Authorization: Bearer …` until it expires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The bearer token.
    pub token: String,
    /// Its kind.
    pub kind: SessionKind,
    /// The only order it opens.
    pub order_number: OrderNumber,
    /// When it stops working.
    pub expires_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_is_one_of_two() {
        let g: GuestLogin = serde_json::from_str(
            r#"{"order_number":"a10293","contact":{"phone":"138 1234 5678"}}"#,
        )
        .expect("parses");
        assert_eq!(
            g.contact,
            Contact::Phone("13812345678".parse().expect("phone"))
        );
        for bad in [
            r#"{"order_number":"A10293","contact":{}}"#,
            r#"{"order_number":"A10293","contact":{"email":"a@b.co","phone":"13812345678"}}"#,
            r#"{"order_number":"A10293","contact":{"email":"not-an-email"}}"#,
        ] {
            assert!(serde_json::from_str::<GuestLogin>(bad).is_err(), "{bad}");
        }
    }
}
