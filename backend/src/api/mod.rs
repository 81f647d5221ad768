//! The actions API under `/kefu/v1`: the contract of `kefu-api`, served from the shop database.
//!
//! [`router`] builds the routes from one table, [`ROUTES`], which the tests compare with
//! the paths of `openapi.json`. Every handler follows the same shape: authenticate, find the
//! order for that caller (or answer `order_not_found`), act, answer with `kefu-api` types.

mod auth;
mod changes;
mod config;
mod error;
mod extract;
mod handoff;
mod idempotency;
mod limit;
mod mask;
mod messages;
mod orders;
mod payments;
mod returns;
mod session;
mod store;

pub mod jwt;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware;
use axum::routing::{MethodRouter, any, get, post};
use kefu_api::paths;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use config::{ApiConfig, DEMO_SECRET, RateLimits};

use crate::Db;

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct Api {
    pub(crate) db: Db,
    pub(crate) config: Arc<ApiConfig>,
    pub(crate) limiter: Arc<limit::Limiter>,
}

/// Every route of the API: method and path template. `openapi.json` documents exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", paths::OPENAPI),
    ("POST", paths::GUEST_SESSION),
    ("GET", paths::ORDERS),
    ("GET", paths::ORDER),
    ("GET", paths::TRACKING),
    ("POST", paths::CANCEL),
    ("POST", paths::ADDRESS),
    ("POST", paths::ITEMS),
    ("POST", paths::RETURNS),
    ("GET", paths::REFUNDS),
    ("GET", paths::PAYMENTS),
    ("POST", paths::INVOICE),
    ("POST", paths::HANDOFFS),
];

fn handler(method: &str, path: &str) -> MethodRouter<Api> {
    match (method, path) {
        ("GET", paths::OPENAPI) => get(openapi),
        ("POST", paths::GUEST_SESSION) => post(session::guest),
        ("GET", paths::ORDERS) => get(orders::list),
        ("GET", paths::ORDER) => get(orders::one),
        ("GET", paths::TRACKING) => get(orders::tracking),
        ("POST", paths::CANCEL) => post(changes::cancel),
        ("POST", paths::ADDRESS) => post(changes::address),
        ("POST", paths::ITEMS) => post(changes::items),
        ("POST", paths::RETURNS) => post(returns::request),
        ("GET", paths::REFUNDS) => get(returns::refunds),
        ("GET", paths::PAYMENTS) => get(payments::status),
        ("POST", paths::INVOICE) => post(payments::invoice),
        ("POST", paths::HANDOFFS) => post(handoff::create),
        // ROUTES and this match are side by side; the router test fails on a mismatch.
        _ => get(error::unknown_route),
    }
}

/// The API's router (absolute paths), with CORS, rate limiting and localised errors.
pub(crate) fn router(db: Db, config: ApiConfig) -> Router {
    let cors = cors(&config.allowed_origins);
    let api = Api {
        db,
        limiter: Arc::new(limit::Limiter::new(config.limits)),
        config: Arc::new(config),
    };
    let mut router = Router::new();
    for (method, path) in ROUTES {
        router = router.route(path, handler(method, path));
    }
    // Not a fallback: the storefront and the widget's files own every other path.
    router
        .route("/kefu/v1/{*rest}", any(error::unknown_route))
        .layer(middleware::from_fn_with_state(
            api.clone(),
            limit::per_client,
        ))
        .layer(middleware::from_fn(error::localise))
        .layer(cors)
        .with_state(api)
}

/// Cross-origin calls only from the merchant's storefronts; no cookies are involved (the
/// token travels in `Authorization`), so credentials stay off.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT_LANGUAGE,
            HeaderName::from_static(kefu_api::IDEMPOTENCY_KEY_HEADER),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            header::CONTENT_LANGUAGE,
            HeaderName::from_static(idempotency::REPLAYED_HEADER),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        kefu_api::OPENAPI_JSON,
    )
}
