//! Who is calling: the `Authorization: Bearer` token, verified, as a [`Principal`].

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use kefu_api::OrderNumber;

use super::Api;
use super::error::AppError;
use super::jwt::{self, TokenError};
use crate::db::unix_now;

/// A verified caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Principal {
    /// A shopper the merchant's server identified (`sub` of its token).
    Shopper(String),
    /// A guest who proved ownership of this one order.
    Guest(OrderNumber),
}

impl Principal {
    /// The namespace of this caller's idempotency keys, so two callers' keys never meet.
    pub(crate) fn scope(&self) -> String {
        match self {
            Principal::Shopper(id) => format!("shopper:{id}"),
            Principal::Guest(n) => format!("guest:{n}"),
        }
    }
}

/// The principal when a token is present, and `None` when the header is absent; a present
/// but bad token is still an error.
pub(crate) struct MaybePrincipal(pub(crate) Option<Principal>);

fn from_parts(parts: &Parts, api: &Api) -> Result<Option<Principal>, AppError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AppError::Unauthenticated)?;
    let claims =
        jwt::verify(&api.config.jwt_secret, token.trim(), unix_now()).map_err(|e| match e {
            TokenError::Expired => AppError::TokenExpired,
            TokenError::Malformed | TokenError::Algorithm | TokenError::Signature => {
                AppError::Unauthenticated
            }
        })?;
    Ok(Some(match claims.ord {
        Some(order) => Principal::Guest(order),
        None if !claims.sub.is_empty() => Principal::Shopper(claims.sub),
        None => return Err(AppError::Unauthenticated),
    }))
}

impl FromRequestParts<Api> for Principal {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, api: &Api) -> Result<Self, AppError> {
        from_parts(parts, api)?.ok_or(AppError::Unauthenticated)
    }
}

impl FromRequestParts<Api> for MaybePrincipal {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, api: &Api) -> Result<Self, AppError> {
        from_parts(parts, api).map(MaybePrincipal)
    }
}
