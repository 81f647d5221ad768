//! Payment status with a diagnosis (failed, duplicated, pending) and invoices.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Json, Response};
use kefu_api::{
    Diagnosis, DiagnosisKind, ErrorCode, Invoice, InvoiceKind, InvoiceRequest, InvoiceStatus,
    Locale, OrderStatus, Payment, PaymentState, PaymentStatus, Timestamp,
};

use super::auth::Principal;
use super::error::AppError;
use super::extract::{Body, Key, Lang, Number};
use super::idempotency::{self, Begun};
use super::store::{self, parse};
use super::{Api, mask, messages};
use crate::db::unix_now;

#[derive(sqlx::FromRow)]
struct PaymentRow {
    reference: String,
    method: String,
    state: String,
    cents: i64,
    failure: Option<String>,
    created_at: i64,
}

/// The verdict on an order's payments, oldest first.
pub(crate) fn diagnose(status: OrderStatus, payments: &[Payment], locale: Locale) -> Diagnosis {
    let count = |s: PaymentState| payments.iter().filter(|p| p.state == s).count();
    let kind = if count(PaymentState::Succeeded) >= 2 {
        DiagnosisKind::Duplicated
    } else if count(PaymentState::Succeeded) == 1 {
        DiagnosisKind::Paid
    } else if count(PaymentState::Pending) > 0 {
        DiagnosisKind::Pending
    } else if count(PaymentState::Refunded) > 0 {
        DiagnosisKind::Refunded
    } else if payments
        .last()
        .is_some_and(|p| p.state == PaymentState::Failed)
    {
        DiagnosisKind::Failed
    } else {
        DiagnosisKind::Unpaid
    };
    let unpaid = matches!(kind, DiagnosisKind::Failed | DiagnosisKind::Unpaid);
    Diagnosis {
        kind,
        advice: messages::payment_advice(kind, locale),
        can_retry: unpaid && status == OrderStatus::PendingPayment,
    }
}

/// `GET …/payments`.
pub(crate) async fn status(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Lang(locale): Lang,
) -> Result<Json<PaymentStatus>, AppError> {
    api.limiter.order(&number)?;
    let mut conn = api.db.pool().acquire().await?;
    let order = store::find_order(&mut conn, &who, &number).await?;
    let items = store::items(&mut conn, order.id).await?;
    let rows: Vec<PaymentRow> = sqlx::query_as(
        "SELECT reference, method, state, cents, failure, created_at FROM payments \
         WHERE order_id = $1 ORDER BY created_at, id",
    )
    .bind(order.id)
    .fetch_all(&mut *conn)
    .await?;
    let payments = rows
        .into_iter()
        .map(|r| {
            Ok(Payment {
                id: r.reference,
                method: parse(&r.method)?,
                state: parse(&r.state)?,
                amount: order.money(r.cents)?,
                created_at: Timestamp::from_unix(r.created_at),
                failure: r.failure.as_deref().map(parse).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let total = store::subtotal(&items) + order.shipping_cents - order.discount_cents;
    Ok(Json(PaymentStatus {
        order_number: number,
        total: order.money(total.max(0))?,
        diagnosis: diagnose(order.status()?, &payments, locale),
        payments,
    }))
}

/// `POST …/invoice`: one per paid, not cancelled order.
pub(crate) async fn invoice(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
    Lang(locale): Lang,
    Key(key): Key,
    body: Body<InvoiceRequest>,
) -> Result<Response, AppError> {
    api.limiter.order(&number)?;
    let req = &body.value;
    if req.kind == InvoiceKind::Company && req.tax_id.is_none() {
        return Err(AppError::BadRequest(
            "tax_id is required for company invoices".into(),
        ));
    }
    let mut claim = match idempotency::begin(&api.db, who.scope(), key, &body.hash).await? {
        Begun::Fresh(c) => c,
        Begun::Replay(r) => return Ok(r),
    };
    let now = unix_now();
    let order = store::find_order(&mut claim.tx, &who, &number).await?;
    let status = order.status()?;
    let invoiceable = matches!(
        status,
        OrderStatus::Paid | OrderStatus::Fulfilling | OrderStatus::Shipped | OrderStatus::Delivered
    );
    if !invoiceable {
        return Err(AppError::refused(ErrorCode::InvoiceNotAvailable, status));
    }
    if order.invoices > 0 {
        return Err(AppError::refused(ErrorCode::InvoiceExists, status));
    }
    let items = store::items(&mut claim.tx, order.id).await?;
    let total = store::subtotal(&items) + order.shipping_cents - order.discount_cents;
    let email = req
        .email
        .as_ref()
        .map(|e| e.as_str().to_owned())
        .unwrap_or_else(|| order.email.clone());
    let id = store::next_id(&mut claim.tx, "invoices").await?;
    let reference = format!("INV-{}", order.number);
    sqlx::query(
        "INSERT INTO invoices (id, reference, order_id, kind, title, tax_id, email, status, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8)",
    )
    .bind(id)
    .bind(&reference)
    .bind(order.id)
    .bind(store::db_str(req.kind))
    .bind(req.title.as_str())
    .bind(req.tax_id.as_ref().map(|t| t.as_str().to_owned()))
    .bind(&email)
    .bind(now)
    .execute(&mut *claim.tx)
    .await?;
    let invoice = Invoice {
        id: reference,
        status: InvoiceStatus::Requested,
        kind: req.kind,
        title: req.title.as_str().to_owned(),
        amount: order.money(total.max(0))?,
        email: mask::email(&email),
        requested_at: Timestamp::from_unix(now),
        message: messages::invoice(false, locale),
    };
    claim.finish(StatusCode::CREATED, &invoice).await
}
