//! Reading orders: the shopper's recent orders, one order, and its parcels' timelines.

use axum::extract::State;
use axum::response::Json;
use kefu_api::{
    OrderList, OrderSummary, Shipment, ShipmentStatus, Timestamp, Tracking, TrackingEvent,
};

use super::Api;
use super::auth::Principal;
use super::error::AppError;
use super::extract::Number;
use super::store::{self, parse};
use crate::db::unix_now;

/// `GET /kefu/v1/orders`: a shopper's 20 most recent; a guest's one order.
pub(crate) async fn list(
    State(api): State<Api>,
    who: Principal,
) -> Result<Json<OrderList>, AppError> {
    let mut conn = api.db.pool().acquire().await?;
    let rows = match &who {
        Principal::Shopper(id) => store::recent_orders(&mut conn, id).await?,
        Principal::Guest(n) => vec![store::find_order(&mut conn, &who, n).await?],
    };
    let mut orders = Vec::with_capacity(rows.len());
    for row in rows {
        let items = store::items(&mut conn, row.id).await?;
        let total = store::subtotal(&items) + row.shipping_cents - row.discount_cents;
        orders.push(OrderSummary {
            number: row.order_number()?,
            status: row.status()?,
            placed_at: Timestamp::from_unix(row.placed_at),
            total: row.money(total.max(0))?,
            item_count: items
                .iter()
                .map(|i| u32::try_from(i.quantity).unwrap_or(0))
                .sum(),
            headline: items.first().map(|i| i.name.clone()).unwrap_or_default(),
        });
    }
    Ok(Json(OrderList { orders }))
}

/// `GET /kefu/v1/orders/{number}`.
pub(crate) async fn one(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
) -> Result<Json<kefu_api::Order>, AppError> {
    api.limiter.order(&number)?;
    let mut conn = api.db.pool().acquire().await?;
    Ok(Json(
        store::load_view(&api, &mut conn, &who, &number, unix_now()).await?,
    ))
}

#[derive(sqlx::FromRow)]
struct ShipmentRow {
    id: i64,
    carrier: String,
    tracking_number: String,
    estimated_delivery: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    shipment_id: i64,
    at: i64,
    status: String,
    location: Option<String>,
    description: String,
}

/// `GET /kefu/v1/orders/{number}/tracking`.
pub(crate) async fn tracking(
    State(api): State<Api>,
    who: Principal,
    Number(number): Number,
) -> Result<Json<Tracking>, AppError> {
    api.limiter.order(&number)?;
    let mut conn = api.db.pool().acquire().await?;
    let order = store::find_order(&mut conn, &who, &number).await?;
    let shipments: Vec<ShipmentRow> = sqlx::query_as(
        "SELECT id, carrier, tracking_number, estimated_delivery FROM shipments WHERE order_id = $1 ORDER BY id",
    )
    .bind(order.id)
    .fetch_all(&mut *conn)
    .await?;
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT e.shipment_id, e.at, e.status, e.location, e.description FROM tracking_events e \
         JOIN shipments s ON s.id = e.shipment_id WHERE s.order_id = $1 ORDER BY e.at DESC, e.id DESC",
    )
    .bind(order.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(shipments.len());
    for s in shipments {
        let events = events
            .iter()
            .filter(|e| e.shipment_id == s.id)
            .map(|e| {
                Ok(TrackingEvent {
                    at: Timestamp::from_unix(e.at),
                    status: parse(&e.status)?,
                    location: e.location.clone(),
                    description: e.description.clone(),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let status = events
            .first()
            .map(|e| e.status)
            .unwrap_or(ShipmentStatus::LabelCreated);
        let in_transit = status != ShipmentStatus::Delivered;
        out.push(Shipment {
            carrier: s.carrier,
            tracking_number: s.tracking_number,
            status,
            estimated_delivery: s
                .estimated_delivery
                .filter(|_| in_transit)
                .map(Timestamp::from_unix),
            events,
        });
    }
    Ok(Json(Tracking {
        order_number: number,
        order_status: order.status()?,
        shipments: out,
    }))
}
