//! Returns and exchanges (window and item eligibility checked, an authorisation with a code
//! and instructions created) and the order's refunds.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Json, Response};
use kefu_api::{
    ErrorCode, OrderStatus, Refund, RefundList, RefundReason, RefundStatus, ReturnAuthorization,
    ReturnKind, ReturnRequest, ReturnStatus, Timestamp,
};

use super::auth::Principal;
use super::changes::create_refund;
use super::error::AppError;
use super::extract::{Body, Key, Lang, Number};
use super::idempotency::{self, Begun};
use super::store::{self, parse};
use super::{Api, messages};
use crate::db::unix_now;

/// Days the shopper has to send the parcel once a return is authorised.
const SHIP_WITHIN_DAYS: i64 = 14;

/// `POST …/returns`.
pub(crate) async fn request(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Lang(locale): Lang,
    Key(key): Key,
    body: Body<ReturnRequest>,
) -> Result<Response, AppError> {
    api.limiter.order(&number)?;
    let req = &body.value;
    let mut seen = HashSet::new();
    if req.items.is_empty() || !req.items.iter().all(|l| seen.insert(l.item_id)) {
        return Err(AppError::BadRequest(
            "items: at least one, each item once".into(),
        ));
    }
    if req.items.iter().any(|l| l.quantity == 0) {
        return Err(AppError::BadRequest("quantity must be at least 1".into()));
    }
    let sizes_ok = req.items.iter().all(|l| match req.kind {
        ReturnKind::Return => l.exchange_size.is_none(),
        ReturnKind::Exchange => l.exchange_size.is_some(),
    });
    if !sizes_ok {
        return Err(AppError::BadRequest(
            "exchange_size: required for exchanges only".into(),
        ));
    }
    let mut claim = match idempotency::begin(&api.db, who.scope(), key, &body.hash).await? {
        Begun::Fresh(c) => c,
        Begun::Replay(r) => return Ok(r),
    };
    let now = unix_now();
    let row = store::find_order(&mut claim.tx, &who, &number).await?;
    let status = row.status()?;
    match status {
        OrderStatus::Delivered => {}
        OrderStatus::Returned => {
            return Err(AppError::refused(ErrorCode::ItemNotReturnable, status));
        }
        _ => return Err(AppError::refused(ErrorCode::NotDelivered, status)),
    }
    if row.return_window_end(&api).is_none_or(|end| now >= end) {
        return Err(AppError::refused(ErrorCode::ReturnWindowClosed, status));
    }
    let items = store::items(&mut claim.tx, row.id).await?;
    let mut refund_cents = 0;
    for line in &req.items {
        let item = items
            .iter()
            .find(|i| i.id == line.item_id)
            .ok_or(AppError::refused(ErrorCode::ItemNotReturnable, status))?;
        let left = item.quantity - item.returned_quantity;
        if item.returnable == 0 || i64::from(line.quantity) > left {
            return Err(AppError::refused(ErrorCode::ItemNotReturnable, status));
        }
        if let Some(size) = &line.exchange_size
            && (!item.sizes().contains(size) || item.size.as_ref() == Some(size))
        {
            return Err(AppError::refused(ErrorCode::ModificationRejected, status));
        }
        refund_cents += i64::from(line.quantity) * item.unit_cents;
    }
    let id = store::next_id(&mut claim.tx, "returns").await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM returns WHERE order_id = $1")
        .bind(row.id)
        .fetch_one(&mut *claim.tx)
        .await?;
    let code = format!("RA-{}-{}", row.number, count + 1);
    sqlx::query("INSERT INTO returns (id, code, order_id, kind, status, note, created_at) VALUES ($1, $2, $3, $4, 'authorised', $5, $6)")
        .bind(id)
        .bind(&code)
        .bind(row.id)
        .bind(store::db_str(req.kind))
        .bind(req.note.as_ref().map(|n| n.as_str().to_owned()))
        .bind(now)
        .execute(&mut *claim.tx)
        .await?;
    for line in &req.items {
        sqlx::query("INSERT INTO return_lines (return_id, item_id, quantity, reason, exchange_size) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(line.item_id)
            .bind(i64::from(line.quantity))
            .bind(store::db_str(line.reason))
            .bind(line.exchange_size.clone())
            .execute(&mut *claim.tx)
            .await?;
        sqlx::query("UPDATE order_items SET returned_quantity = returned_quantity + $1 WHERE id = $2 AND order_id = $3")
            .bind(i64::from(line.quantity))
            .bind(line.item_id)
            .bind(row.id)
            .execute(&mut *claim.tx)
            .await?;
    }
    let refund_amount = match req.kind {
        ReturnKind::Return => {
            create_refund(
                &mut claim.tx,
                &row,
                refund_cents,
                RefundStatus::Pending,
                RefundReason::Return,
                now,
                locale,
            )
            .await?;
            Some(row.money(refund_cents)?)
        }
        ReturnKind::Exchange => None,
    };
    let authorisation = ReturnAuthorization {
        instructions: messages::return_instructions(&code, SHIP_WITHIN_DAYS, locale),
        code,
        order_number: number,
        kind: req.kind,
        status: ReturnStatus::Authorised,
        items: req.items.clone(),
        refund_amount,
        ship_to: api.config.returns_address.clone(),
        ship_by: Timestamp::from_unix(now + SHIP_WITHIN_DAYS * 86_400),
        created_at: Timestamp::from_unix(now),
    };
    claim.finish(StatusCode::CREATED, &authorisation).await
}

#[derive(sqlx::FromRow)]
struct RefundRow {
    reference: String,
    cents: i64,
    status: String,
    reason: String,
    created_at: i64,
    completed_at: Option<i64>,
}

/// `GET …/refunds`.
pub(crate) async fn refunds(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Lang(locale): Lang,
) -> Result<Json<RefundList>, AppError> {
    api.limiter.order(&number)?;
    let mut conn = api.db.pool().acquire().await?;
    let order = store::find_order(&mut conn, &who, &number).await?;
    let rows: Vec<RefundRow> = sqlx::query_as(
        "SELECT reference, cents, status, reason, created_at, completed_at FROM refunds \
         WHERE order_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(order.id)
    .fetch_all(&mut *conn)
    .await?;
    let refunds = rows
        .into_iter()
        .map(|r| {
            let status: RefundStatus = parse(&r.status)?;
            let reason: RefundReason = parse(&r.reason)?;
            let open = !matches!(status, RefundStatus::Completed | RefundStatus::Rejected);
            Ok(Refund {
                id: r.reference,
                amount: order.money(r.cents)?,
                status,
                reason,
                created_at: Timestamp::from_unix(r.created_at),
                completed_at: r.completed_at.map(Timestamp::from_unix),
                expected_by: open.then(|| Timestamp::from_unix(r.created_at + 5 * 86_400)),
                message: messages::refund(status, locale),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Json(RefundList {
        order_number: number,
        refunds,
    }))
}
