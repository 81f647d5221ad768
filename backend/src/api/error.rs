//! One error type for the API. Handlers return it; [`localise`] turns it into the contract's
//! JSON in the shopper's language, and logs server faults, once each.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Json, Response};
use kefu_api::{ApiError, ErrorCode, Locale, OrderStatus};

use super::messages;

/// Everything that can go wrong in a request.
#[derive(Clone, Debug)]
pub(crate) enum AppError {
    /// Malformed input; the detail says what (it is technical, in English).
    BadRequest(String),
    Unauthenticated,
    TokenExpired,
    VerificationFailed,
    /// Also for orders that exist but are not the caller's: no oracle for enumeration.
    OrderNotFound,
    IdempotencyKeyRequired,
    IdempotencyKeyReused,
    RateLimited {
        retry_after: u32,
    },
    /// The order's state (or its items) forbid the change; the code says which rule.
    Refused {
        code: ErrorCode,
        status: Option<OrderStatus>,
    },
    ContactRequired,
    Conflict,
    /// A fault of ours; the detail is logged, never sent.
    Internal(String),
}

impl AppError {
    pub(crate) fn refused(code: ErrorCode, status: OrderStatus) -> AppError {
        AppError::Refused {
            code,
            status: Some(status),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated | AppError::TokenExpired => StatusCode::UNAUTHORIZED,
            AppError::VerificationFailed | AppError::OrderNotFound => StatusCode::NOT_FOUND,
            AppError::IdempotencyKeyRequired => StatusCode::BAD_REQUEST,
            AppError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Refused { .. } | AppError::Conflict => StatusCode::CONFLICT,
            AppError::ContactRequired => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::TokenExpired => ErrorCode::TokenExpired,
            AppError::VerificationFailed => ErrorCode::VerificationFailed,
            AppError::OrderNotFound => ErrorCode::OrderNotFound,
            AppError::IdempotencyKeyRequired => ErrorCode::IdempotencyKeyRequired,
            AppError::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::Refused { code, .. } => *code,
            AppError::ContactRequired => ErrorCode::ContactRequired,
            AppError::Conflict => ErrorCode::Conflict,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The contract's body for this error, in `locale`.
    pub(crate) fn body(&self, locale: Locale) -> ApiError {
        let (status, retry_after) = match self {
            AppError::Refused { status, .. } => (*status, None),
            AppError::RateLimited { retry_after } => (None, Some(*retry_after)),
            _ => (None, None),
        };
        let mut message = messages::error(self.code(), status, locale);
        if let AppError::BadRequest(detail) = self {
            message = format!("{message} ({detail})");
        }
        ApiError {
            code: self.code(),
            message,
            locale,
            order_status: status,
            retry_after,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        match &e {
            // Two writers picked the same new id; the loser's client retries.
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            _ => AppError::Internal(e.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    /// The status now, the body later: [`localise`] knows the shopper's language.
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        if let AppError::RateLimited { retry_after } = self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        res.extensions_mut().insert(self);
        res
    }
}

/// The shopper's locale from `Accept-Language` (English when absent).
pub(crate) fn request_locale(headers: &axum::http::HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::negotiate)
        .unwrap_or_default()
}

/// Renders [`AppError`]s as JSON in the request's locale and logs server faults.
pub(crate) async fn localise(req: Request, next: Next) -> Response {
    let locale = request_locale(req.headers());
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.tag()),
    );
    let Some(err) = res.extensions_mut().remove::<AppError>() else {
        return res;
    };
    if let AppError::Internal(detail) = &err {
        tracing::error!(%method, %path, error = %detail, "request failed");
    }
    let status = res.status();
    let mut rendered = (status, Json(err.body(locale))).into_response();
    for name in [header::RETRY_AFTER, header::CONTENT_LANGUAGE] {
        if let Some(value) = res.headers().get(&name) {
            rendered.headers_mut().insert(name, value.clone());
        }
    }
    rendered.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    rendered
}

/// Any path under `/kefu/v1` that is not in the contract.
pub(crate) async fn unknown_route() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        AppError::BadRequest("no such endpoint".into()),
    )
}
