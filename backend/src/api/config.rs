//! What a merchant configures: the token secret, the storefront origins, the limits.

use std::fmt;

/// The API's settings; `main.rs` builds them from flags and the environment.
#[derive(Clone)]
pub struct ApiConfig {
    /// The HMAC-SHA256 key shopper tokens are signed with (shared with the merchant's server).
    pub jwt_secret: Vec<u8>,
    /// Storefront origins allowed to call the API from a browser (`https://shop.example`).
    pub allowed_origins: Vec<String>,
    /// Request limits.
    pub limits: RateLimits,
    /// Whether a human agent is online now; when not, handoffs become left messages.
    pub agents_online: bool,
    /// Days after delivery during which returns and exchanges are accepted.
    pub return_window_days: i64,
    /// How long a guest session lasts.
    pub guest_session_seconds: i64,
    /// Where returned parcels go, as shown in return authorisations.
    pub returns_address: String,
}

/// Requests allowed per rolling minute (fixed one-minute windows).
#[derive(Clone, Copy, Debug)]
pub struct RateLimits {
    /// Per client address, over the whole API.
    pub per_client: u32,
    /// Per order number, over every lookup and change of that order.
    pub per_order: u32,
    /// Per order number, guest verification attempts (order number + e-mail or phone).
    pub guest_attempts_per_order: u32,
}

impl ApiConfig {
    /// The demo shop's settings: a published secret (never use it for a real shop), same-origin
    /// only, agents offline.
    pub fn demo() -> ApiConfig {
        ApiConfig {
            jwt_secret: DEMO_SECRET.as_bytes().to_vec(),
            allowed_origins: Vec::new(),
            limits: RateLimits {
                per_client: 600,
                per_order: 120,
                guest_attempts_per_order: 10,
            },
            agents_online: false,
            return_window_days: 30,
            guest_session_seconds: 2 * 3600,
            returns_address:
                "Kefu Demo Returns, 上海市青浦区华新镇华腾路 100 号 3 号仓, 201708, CN".to_owned(),
        }
    }
}

/// The demo shop's token secret; it is public, so a shop that keeps it has no authentication.
pub const DEMO_SECRET: &str = "kefu-demo-secret-do-not-use-in-production";

impl fmt::Debug for ApiConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiConfig")
            .field("jwt_secret", &"<redacted>")
            .field("allowed_origins", &self.allowed_origins)
            .field("limits", &self.limits)
            .field("agents_online", &self.agents_online)
            .field("return_window_days", &self.return_window_days)
            .finish_non_exhaustive()
    }
}
