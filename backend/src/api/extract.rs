//! Extractors that turn raw requests into checked values, rejecting in the contract's format.

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use kefu_api::{IdempotencyKey, Locale, OrderNumber};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::error::{AppError, request_locale};

/// A JSON body parsed into a `kefu-api` type, plus a hash of its bytes for idempotency.
pub(crate) struct Body<T> {
    pub(crate) value: T,
    pub(crate) hash: String,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let (method, path) = (req.method().clone(), req.uri().path().to_owned());
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let value = serde_json::from_slice(&bytes)
            .map_err(|e| AppError::BadRequest(format!("body: {e}")))?;
        let mut h = Sha256::new();
        h.update(method.as_str());
        h.update(b" ");
        h.update(path.as_bytes());
        h.update(b"\n");
        h.update(&bytes);
        let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(Body { value, hash })
    }
}

/// The `{number}` of the path, parsed.
pub(crate) struct Number(pub(crate) OrderNumber);

impl<S: Send + Sync> FromRequestParts<S> for Number {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        // A malformed number cannot name an order: answer like for any unknown order.
        raw.parse().map(Number).map_err(|_| AppError::OrderNotFound)
    }
}

/// The shopper's locale, negotiated from `Accept-Language`.
pub(crate) struct Lang(pub(crate) Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(request_locale(&parts.headers)))
    }
}

/// The `Idempotency-Key` header every mutating call must carry.
pub(crate) struct Key(pub(crate) IdempotencyKey);

impl<S: Send + Sync> FromRequestParts<S> for Key {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let raw = parts
            .headers
            .get(kefu_api::IDEMPOTENCY_KEY_HEADER)
            .ok_or(AppError::IdempotencyKeyRequired)?;
        let raw = raw
            .to_str()
            .map_err(|_| AppError::BadRequest("Idempotency-Key is not ASCII".into()))?;
        raw.parse()
            .map(Key)
            .map_err(|e| AppError::BadRequest(format!("Idempotency-Key: {e}")))
    }
}
