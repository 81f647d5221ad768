//! Changes before shipment: cancel, change the address, change items. Each runs in one
//! transaction under its idempotency key and re-checks the order's state inside it.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kefu_api::{
    AddressChange, CancelRequest, CancelResult, ErrorCode, ItemsChange, OrderStatus, Refund,
    RefundReason, RefundStatus, Timestamp,
};
use sqlx::AnyConnection;

use super::auth::Principal;
use super::error::AppError;
use super::extract::{Body, Key, Lang, Number};
use super::idempotency::{self, Begun};
use super::store::{self, OrderRow};
use super::{Api, messages};
use crate::db::unix_now;

/// States in which an order has not reached the warehouse floor.
fn before_packing(s: OrderStatus) -> bool {
    matches!(s, OrderStatus::PendingPayment | OrderStatus::Paid)
}

/// Moves the order from the state it was read in; a concurrent change makes it `conflict`.
async fn set_status(
    conn: &mut AnyConnection,
    row: &OrderRow,
    to: OrderStatus,
    now: i64,
) -> Result<(), AppError> {
    let done =
        sqlx::query("UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(store::db_str(to))
            .bind(now)
            .bind(row.id)
            .bind(&row.status)
            .execute(conn)
            .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Records a refund and returns it as the contract shows it.
pub(crate) async fn create_refund(
    conn: &mut AnyConnection,
    row: &OrderRow,
    cents: i64,
    status: RefundStatus,
    reason: RefundReason,
    now: i64,
    locale: kefu_api::Locale,
) -> Result<Refund, AppError> {
    let id = store::next_id(conn, "refunds").await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM refunds WHERE order_id = $1")
        .bind(row.id)
        .fetch_one(&mut *conn)
        .await?;
    let reference = format!("RF-{}-{}", row.number, count + 1);
    sqlx::query("INSERT INTO refunds (id, reference, order_id, cents, status, reason, created_at, completed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)")
        .bind(id)
        .bind(&reference)
        .bind(row.id)
        .bind(cents)
        .bind(store::db_str(status))
        .bind(store::db_str(reason))
        .bind(now)
        .execute(conn)
        .await?;
    Ok(Refund {
        id: reference,
        amount: row.money(cents)?,
        status,
        reason,
        created_at: Timestamp::from_unix(now),
        completed_at: None,
        expected_by: Some(Timestamp::from_unix(now + 5 * 86_400)),
        message: messages::refund(status, locale),
    })
}

/// `POST …/cancel`: only before packing; a paid order gets its refund started.
pub(crate) async fn cancel(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Lang(locale): Lang,
    Key(key): Key,
    body: Body<CancelRequest>,
) -> Result<Response, AppError> {
    api.limiter.order(&number)?;
    let mut claim = match idempotency::begin(&api.db, who.scope(), key, &body.hash).await? {
        Begun::Fresh(c) => c,
        Begun::Replay(r) => return Ok(r),
    };
    let now = unix_now();
    let row = store::find_order(&mut claim.tx, &who, &number).await?;
    let status = row.status()?;
    if !before_packing(status) {
        return Err(AppError::refused(ErrorCode::NotCancellable, status));
    }
    let items = store::items(&mut claim.tx, row.id).await?;
    set_status(&mut claim.tx, &row, OrderStatus::Cancelled, now).await?;
    let refund = if status == OrderStatus::Paid {
        let total = store::subtotal(&items) + row.shipping_cents - row.discount_cents;
        let r = create_refund(
            &mut claim.tx,
            &row,
            total.max(0),
            RefundStatus::Processing,
            RefundReason::Cancellation,
            now,
            locale,
        )
        .await?;
        Some(r)
    } else {
        None
    };
    if let Some(reason) = &body.value.reason {
        tracing::info!(order = %number, chars = reason.as_str().chars().count(), "order cancelled with a reason");
    }
    let order = store::load_view(&api, &mut claim.tx, &who, &number, now).await?;
    claim
        .finish(StatusCode::OK, &CancelResult { order, refund })
        .await
}

/// `POST …/address`: only before packing.
pub(crate) async fn address(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Key(key): Key,
    body: Body<AddressChange>,
) -> Result<Response, AppError> {
    api.limiter.order(&number)?;
    let mut claim = match idempotency::begin(&api.db, who.scope(), key, &body.hash).await? {
        Begun::Fresh(c) => c,
        Begun::Replay(r) => return Ok(r),
    };
    let now = unix_now();
    let row = store::find_order(&mut claim.tx, &who, &number).await?;
    let status = row.status()?;
    if !before_packing(status) {
        return Err(AppError::refused(ErrorCode::AddressLocked, status));
    }
    let a = &body.value.address;
    let done = sqlx::query(
        "UPDATE orders SET ship_recipient = $1, ship_phone = $2, ship_line1 = $3, ship_line2 = $4, ship_city = $5, \
         ship_postcode = $6, ship_country = $7, updated_at = $8 WHERE id = $9 AND status = $10",
    )
    .bind(a.recipient.as_str())
    .bind(a.phone.as_str())
    .bind(a.line1.as_str())
    .bind(a.line2.as_ref().map(|t| t.as_str().to_owned()))
    .bind(a.city.as_str())
    .bind(a.postcode.as_ref().map(|t| t.as_str().to_owned()))
    .bind(a.country.as_str())
    .bind(now)
    .bind(row.id)
    .bind(&row.status)
    .execute(&mut *claim.tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    let order = store::load_view(&api, &mut claim.tx, &who, &number, now).await?;
    claim.finish(StatusCode::OK, &order).await
}

/// `POST …/items`: quantities and sizes, before packing; a paid order may only get cheaper
/// (the difference is refunded), since charging more needs the shopper to pay again.
pub(crate) async fn items(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Lang(locale): Lang,
    Key(key): Key,
    body: Body<ItemsChange>,
) -> Result<Response, AppError> {
    api.limiter.order(&number)?;
    let changes = &body.value.changes;
    let mut seen = HashSet::new();
    if changes.is_empty() || !changes.iter().all(|c| seen.insert(c.item_id)) {
        return Err(AppError::BadRequest(
            "changes: at least one, each item once".into(),
        ));
    }
    if changes
        .iter()
        .any(|c| c.quantity.is_none() && c.size.is_none())
    {
        return Err(AppError::BadRequest(
            "a change needs quantity or size".into(),
        ));
    }
    let mut claim = match idempotency::begin(&api.db, who.scope(), key, &body.hash).await? {
        Begun::Fresh(c) => c,
        Begun::Replay(r) => return Ok(r),
    };
    let now = unix_now();
    let row = store::find_order(&mut claim.tx, &who, &number).await?;
    let status = row.status()?;
    if !before_packing(status) {
        return Err(AppError::refused(ErrorCode::ItemsLocked, status));
    }
    let mut items = store::items(&mut claim.tx, row.id).await?;
    let before = store::subtotal(&items);
    for change in changes {
        let item = items
            .iter_mut()
            .find(|i| i.id == change.item_id)
            .ok_or(AppError::refused(ErrorCode::ModificationRejected, status))?;
        if let Some(size) = &change.size {
            if !item.sizes().contains(size) {
                return Err(AppError::refused(ErrorCode::ModificationRejected, status));
            }
            item.size = Some(size.clone());
        }
        if let Some(q) = change.quantity {
            item.quantity = i64::from(q);
        }
    }
    let after = store::subtotal(&items);
    let emptied = items.iter().all(|i| i.quantity == 0);
    if emptied || (status == OrderStatus::Paid && after > before) {
        return Err(AppError::refused(ErrorCode::ModificationRejected, status));
    }
    for item in items
        .iter()
        .filter(|i| changes.iter().any(|c| c.item_id == i.id))
    {
        sqlx::query(
            "UPDATE order_items SET quantity = $1, size = $2 WHERE id = $3 AND order_id = $4",
        )
        .bind(item.quantity)
        .bind(item.size.clone())
        .bind(item.id)
        .bind(row.id)
        .execute(&mut *claim.tx)
        .await?;
    }
    set_status(&mut claim.tx, &row, status, now).await?;
    if status == OrderStatus::Paid && after < before {
        create_refund(
            &mut claim.tx,
            &row,
            before - after,
            RefundStatus::Processing,
            RefundReason::Adjustment,
            now,
            locale,
        )
        .await?;
    }
    let order = store::load_view(&api, &mut claim.tx, &who, &number, now).await?;
    claim.finish(StatusCode::OK, &order).await
}
