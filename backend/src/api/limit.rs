//! Fixed-window request limits, per client address and per order number, in memory.
//!
//! One process, one map: enough for the reference backend. A shop running several
//! instances puts the same limits in its proxy or a shared store.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kefu_api::OrderNumber;

use super::Api;
use super::config::RateLimits;
use super::error::AppError;
use crate::db::unix_now;

const WINDOW: i64 = 60;
/// Past this many keys, windows that ended are dropped.
const PRUNE_AT: usize = 50_000;

/// Counters per key for the current window.
pub(crate) struct Limiter {
    limits: RateLimits,
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

impl Limiter {
    pub(crate) fn new(limits: RateLimits) -> Limiter {
        Limiter {
            limits,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request for `key`; refuses it past `limit` in the current window.
    fn hit(&self, key: String, limit: u32, now: i64) -> Result<(), AppError> {
        let start = now - now.rem_euclid(WINDOW);
        // A poisoned lock only means another request panicked mid-update; the counts are
        // still usable.
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > PRUNE_AT {
            windows.retain(|_, (s, _)| *s == start);
        }
        let entry = windows.entry(key).or_insert((start, 0));
        if entry.0 != start {
            *entry = (start, 0);
        }
        if entry.1 >= limit {
            let retry_after = u32::try_from(start + WINDOW - now).unwrap_or(1).max(1);
            return Err(AppError::RateLimited { retry_after });
        }
        entry.1 += 1;
        Ok(())
    }

    /// One lookup or change of `order`.
    pub(crate) fn order(&self, order: &OrderNumber) -> Result<(), AppError> {
        self.hit(format!("o:{order}"), self.limits.per_order, unix_now())
    }

    /// One guest verification attempt for `order`.
    pub(crate) fn guest_attempt(&self, order: &OrderNumber) -> Result<(), AppError> {
        self.hit(
            format!("g:{order}"),
            self.limits.guest_attempts_per_order,
            unix_now(),
        )
    }
}

/// Limits every API request by the peer's address (the socket's, never a forwarded header,
/// which a client could forge; behind a proxy, limit there).
pub(crate) async fn per_client(State(api): State<Api>, req: Request, next: Next) -> Response {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip().to_string())
        .unwrap_or_else(|| "in-process".to_owned());
    // Preflights carry no credentials and do nothing; do not let them use up the budget.
    if req.method() != axum::http::Method::OPTIONS
        && let Err(e) = api.limiter.hit(
            format!("c:{client}"),
            api.limiter.limits.per_client,
            unix_now(),
        )
    {
        return e.into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_reset() {
        let l = Limiter::new(RateLimits {
            per_client: 2,
            per_order: 2,
            guest_attempts_per_order: 2,
        });
        assert!(l.hit("k".into(), 2, 600).is_ok());
        assert!(l.hit("k".into(), 2, 610).is_ok());
        assert!(matches!(
            l.hit("k".into(), 2, 615),
            Err(AppError::RateLimited { retry_after: 45 })
        ));
        assert!(l.hit("other".into(), 2, 615).is_ok());
        assert!(l.hit("k".into(), 2, 660).is_ok());
    }
}
