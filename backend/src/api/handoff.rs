//! Handoff to a human: a ticket with the transcript, intent and sentiment; a left message
//! when no agent is online.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kefu_api::{Contact, HandoffRequest, Ticket, TicketMode, Timestamp};

use super::auth::{MaybePrincipal, Principal};
use super::error::AppError;
use super::extract::{Body, Key, Lang};
use super::idempotency::{self, Begun};
use super::{Api, messages, store};
use crate::db::unix_now;

/// `POST /kefu/v1/handoffs`: open to anonymous shoppers too (with a contact when nobody is
/// online). An order is attached only when the caller may see it, silently otherwise.
pub(crate) async fn create(
    State(api): State<Api>,
    MaybePrincipal(who): MaybePrincipal,
    Lang(locale): Lang,
    Key(key): Key,
    body: Body<HandoffRequest>,
) -> Result<Response, AppError> {
    let req = &body.value;
    let lines_ok = (1..=200).contains(&req.transcript.len())
        && req
            .transcript
            .iter()
            .all(|l| l.text.chars().count() <= 2000);
    let intent_ok = (1..=64).contains(&req.intent.len())
        && req
            .intent
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_');
    if !lines_ok || !intent_ok {
        return Err(AppError::BadRequest(
            "transcript: 1 to 200 lines of at most 2000 characters; intent: a snake_case label"
                .into(),
        ));
    }
    let scope = who
        .as_ref()
        .map_or_else(|| "anonymous".to_owned(), Principal::scope);
    let mut claim = match idempotency::begin(&api.db, scope, key, &body.hash).await? {
        Begun::Fresh(c) => c,
        Begun::Replay(r) => return Ok(r),
    };
    let customer: Option<i64> = match &who {
        Some(Principal::Shopper(id)) => {
            sqlx::query_as::<_, (i64,)>("SELECT id FROM customers WHERE shopper_id = $1")
                .bind(id)
                .fetch_optional(&mut *claim.tx)
                .await?
                .map(|(c,)| c)
        }
        _ => None,
    };
    let order_id = match (&who, &req.order_number) {
        (Some(p), Some(n)) => match store::find_order(&mut claim.tx, p, n).await {
            Ok(row) => Some(row.id),
            Err(AppError::OrderNotFound) => None,
            Err(e) => return Err(e),
        },
        _ => None,
    };
    let mode = if api.config.agents_online {
        TicketMode::LiveAgent
    } else {
        TicketMode::Message
    };
    let contact = match &req.contact {
        Some(Contact::Email(e)) => Some(format!("email:{}", e.as_str())),
        Some(Contact::Phone(p)) => Some(format!("phone:{}", p.as_str())),
        None => None,
    };
    if mode == TicketMode::Message && contact.is_none() && customer.is_none() && order_id.is_none()
    {
        return Err(AppError::ContactRequired);
    }
    let now = unix_now();
    let id = store::next_id(&mut claim.tx, "tickets").await?;
    let reference = format!("T-{id:06}");
    let transcript =
        serde_json::to_string(&req.transcript).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO tickets (id, reference, mode, customer_id, order_id, intent, sentiment, locale, contact, transcript, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(&reference)
    .bind(store::db_str(mode))
    .bind(customer)
    .bind(order_id)
    .bind(&req.intent)
    .bind(store::db_str(req.sentiment))
    .bind(locale.tag())
    .bind(contact)
    .bind(transcript)
    .bind(now)
    .execute(&mut *claim.tx)
    .await?;
    tracing::info!(ticket = %reference, intent = %req.intent, sentiment = ?req.sentiment, lines = req.transcript.len(), "handoff ticket created");
    let ticket = Ticket {
        message: messages::ticket(mode, &reference, locale),
        reference,
        mode,
        created_at: Timestamp::from_unix(now),
    };
    claim.finish(StatusCode::CREATED, &ticket).await
}
