//! Exactly-once effects for mutating calls. The key is claimed by the first statement of the
//! call's transaction and its response is stored in the same transaction, so either both the
//! effect and the stored response exist or neither does. A retry with the same key and the
//! same request gets the stored response back; with a different request, an error.
//!
//! Claiming first also takes SQLite's write lock at the start (no lock upgrade to fail
//! midway), and in PostgreSQL a concurrent retry waits on the key's unique index until the
//! first call commits, then replays it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kefu_api::IdempotencyKey;
use serde::Serialize;
use sqlx::{Any, Transaction};

use super::error::AppError;
use crate::Db;
use crate::db::unix_now;

/// Set on a response that is a stored one, replayed.
pub(crate) const REPLAYED_HEADER: &str = "idempotent-replayed";

/// A claimed key: the open transaction to act in, and what to store at the end.
pub(crate) struct Claim {
    pub(crate) tx: Transaction<'static, Any>,
    scope: String,
    key: IdempotencyKey,
}

/// Either a fresh claim, or the response to send again.
pub(crate) enum Begun {
    Fresh(Claim),
    Replay(Response),
}

/// Starts a mutating call under `key` for the caller `scope`.
pub(crate) async fn begin(
    db: &Db,
    scope: String,
    key: IdempotencyKey,
    request_hash: &str,
) -> Result<Begun, AppError> {
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) \
         VALUES ($1, $2, $3, 0, '', $4)",
    )
    .bind(&scope)
    .bind(key.as_str())
    .bind(request_hash)
    .bind(unix_now())
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => Ok(Begun::Fresh(Claim { tx, scope, key })),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            drop(tx);
            replay(db, &scope, &key, request_hash)
                .await
                .map(Begun::Replay)
        }
        Err(e) => Err(e.into()),
    }
}

async fn replay(
    db: &Db,
    scope: &str,
    key: &IdempotencyKey,
    request_hash: &str,
) -> Result<Response, AppError> {
    let (hash, status, body): (String, i64, String) = sqlx::query_as(
        "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
    )
    .bind(scope)
    .bind(key.as_str())
    .fetch_one(db.pool())
    .await?;
    if hash != request_hash {
        return Err(AppError::IdempotencyKeyReused);
    }
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .ok_or_else(|| AppError::Internal(format!("stored status {status}")))?;
    Ok((
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::HeaderName::from_static(REPLAYED_HEADER),
                HeaderValue::from_static("true"),
            ),
        ],
        body,
    )
        .into_response())
}

impl Claim {
    /// Stores the response with the key and commits the call's effects with it.
    pub(crate) async fn finish<T: Serialize>(
        mut self,
        status: StatusCode,
        value: &T,
    ) -> Result<Response, AppError> {
        let body = serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))?;
        sqlx::query(
            "UPDATE idempotency_keys SET status = $1, response = $2 WHERE scope = $3 AND key = $4",
        )
        .bind(i64::from(status.as_u16()))
        .bind(&body)
        .bind(&self.scope)
        .bind(self.key.as_str())
        .execute(&mut *self.tx)
        .await?;
        self.tx.commit().await?;
        Ok((
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response())
    }
}
