//! Guest sessions: order number + the order's e-mail or phone → a token for that order only.

use axum::extract::State;
use axum::response::Json;
use kefu_api::{Contact, GuestLogin, Session, SessionKind, ShopperClaims, Timestamp};

use super::Api;
use super::error::AppError;
use super::extract::Body;
use super::jwt;
use super::mask;
use crate::db::unix_now;

/// `POST /kefu/v1/sessions/guest`.
pub(crate) async fn guest(
    State(api): State<Api>,
    body: Body<GuestLogin>,
) -> Result<Json<Session>, AppError> {
    let GuestLogin {
        order_number,
        contact,
    } = body.value;
    api.limiter.guest_attempt(&order_number)?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT email, phone FROM orders WHERE number = $1")
            .bind(order_number.as_str())
            .fetch_optional(api.db.pool())
            .await?;
    // The stored values are compared in their parsed (normalised) form, so "138 1234 5678"
    // matches "13812345678" and case does not matter in e-mails.
    let matches = row.is_some_and(|(email, phone)| match &contact {
        Contact::Email(e) => email
            .parse()
            .is_ok_and(|stored: kefu_api::Email| stored == *e),
        Contact::Phone(p) => phone
            .parse()
            .is_ok_and(|stored: kefu_api::Phone| stored == *p),
    });
    if !matches {
        let shown = match &contact {
            Contact::Email(e) => mask::email(e.as_str()),
            Contact::Phone(p) => mask::phone(p.as_str()),
        };
        tracing::info!(order = %order_number, contact = %shown, "guest verification failed");
        return Err(AppError::VerificationFailed);
    }
    let now = unix_now();
    let expires = now + api.config.guest_session_seconds;
    let token = jwt::mint(
        &api.config.jwt_secret,
        &ShopperClaims {
            sub: "guest".into(),
            exp: expires,
            iat: Some(now),
            ord: Some(order_number.clone()),
        },
    );
    Ok(Json(Session {
        token,
        kind: SessionKind::Guest,
        order_number,
        expires_at: Timestamp::from_unix(expires),
    }))
}
