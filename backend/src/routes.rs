//! The HTTP surface: health, the actions API, the demo storefront (under a strict CSP) and the
//! widget's files.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json};
use axum::routing::{get, post};
use serde::Serialize;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::api::DEMO_SECRET;
use crate::{AppState, jwt};

/// The policy the demo storefront is served with: no inline script or style,
/// no eval; only `'wasm-unsafe-eval'` so WebAssembly can compile. It is the
/// policy merchants are told the widget works under.
pub const DEMO_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The whole application.
pub fn app(state: AppState) -> Router {
    let widget = ServeDir::new(&state.dist_dir)
        .precompressed_br()
        .precompressed_gzip();
    // kefu-sw.js lives with the widget's files but must control the storefront's pages.
    let widget = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("service-worker-allowed"),
            HeaderValue::from_static("/"),
        ))
        .service(widget);
    let demo = ServeDir::new(state.www_dir.join("demo"));
    let index = ServeFile::new(state.www_dir.join("demo").join("index.html"));
    let mut storefront = Router::new()
        .route_service("/", index)
        .nest_service("/demo", demo)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEMO_CSP),
        ));
    if state.api.jwt_secret == DEMO_SECRET.as_bytes() {
        storefront = storefront.route("/demo/sign-in", post(demo_sign_in));
    }
    // Cross-origin isolation gives the benchmark page a 5 µs timer instead of 100 µs.
    let bench = Router::new()
        .nest_service("/bench", ServeDir::new(state.www_dir.join("bench")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-embedder-policy"),
            HeaderValue::from_static("require-corp"),
        ));
    let api = crate::api::router(state.db.clone(), state.api.clone());
    Router::new()
        .route("/healthz", get(health))
        .merge(bench)
        .nest_service("/kefu", widget)
        .merge(storefront)
        .with_state(state)
        .merge(api)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    orders: i64,
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM orders")
        .fetch_one(state.db.pool())
        .await
    {
        Ok((orders,)) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                orders,
            }),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "database unavailable",
                    orders: 0,
                }),
            )
        }
    }
}

/// The demo shopper the storefront's sign-in button logs in as.
const DEMO_SHOPPER: &str = "c-1001";

#[derive(Serialize)]
struct SignedIn {
    token: String,
    expires_at: i64,
}

/// The demo storefront's stand-in for a merchant's login: it signs a one-hour shopper token
/// for the demo shopper, which is what a merchant's own server does after its login (README,
/// "Identifying a logged-in shopper"). Routed only while the public demo secret is in use,
/// so a backend with a real `KEFU_JWT_SECRET` can never hand tokens out.
async fn demo_sign_in() -> Json<SignedIn> {
    let now = crate::db::unix_now();
    let claims = kefu_api::ShopperClaims {
        sub: DEMO_SHOPPER.to_owned(),
        exp: now + 3600,
        iat: Some(now),
        ord: None,
    };
    Json(SignedIn {
        token: jwt::mint(DEMO_SECRET.as_bytes(), &claims),
        expires_at: now + 3600,
    })
}
