//! Reading orders for a caller: the one query that decides who may see an order, and the
//! conversion of rows into the contract's [`Order`].

use kefu_api::{
    Action, Amounts, CountryCode, Currency, MaskedAddress, Money, Order, OrderItem, OrderNumber,
    OrderStatus, Timestamp,
};
use serde::Serialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use sqlx::AnyConnection;

use super::Api;
use super::auth::Principal;
use super::error::AppError;
use super::mask;

/// An order row with its owner, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct OrderRow {
    pub(crate) id: i64,
    pub(crate) number: String,
    pub(crate) shopper_id: String,
    pub(crate) status: String,
    pub(crate) currency: String,
    pub(crate) shipping_cents: i64,
    pub(crate) discount_cents: i64,
    pub(crate) email: String,
    pub(crate) ship_recipient: String,
    pub(crate) ship_phone: String,
    pub(crate) ship_line1: String,
    pub(crate) ship_city: String,
    pub(crate) ship_postcode: Option<String>,
    pub(crate) ship_country: String,
    pub(crate) placed_at: i64,
    pub(crate) delivered_at: Option<i64>,
    pub(crate) invoices: i64,
}

/// An item row, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct ItemRow {
    pub(crate) id: i64,
    pub(crate) sku: String,
    pub(crate) name: String,
    pub(crate) size: Option<String>,
    pub(crate) available_sizes: String,
    pub(crate) quantity: i64,
    pub(crate) returned_quantity: i64,
    pub(crate) unit_cents: i64,
    pub(crate) returnable: i64,
}

impl ItemRow {
    pub(crate) fn sizes(&self) -> Vec<String> {
        self.available_sizes
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

const ORDER_COLUMNS: &str = "SELECT o.id, o.number, o.customer_id, c.shopper_id, o.status, o.currency, \
    o.shipping_cents, o.discount_cents, o.email, o.phone, o.ship_recipient, o.ship_phone, o.ship_line1, \
    o.ship_city, o.ship_postcode, o.ship_country, o.placed_at, o.delivered_at, \
    (SELECT COUNT(*) FROM invoices i WHERE i.order_id = o.id) AS invoices \
    FROM orders o JOIN customers c ON c.id = o.customer_id";

/// The order `number` if `who` may see it. Every other case, including an order that exists
/// but is someone else's, is the same `order_not_found`: callers learn nothing by guessing.
pub(crate) async fn find_order(
    conn: &mut AnyConnection,
    who: &Principal,
    number: &OrderNumber,
) -> Result<OrderRow, AppError> {
    let row: Option<OrderRow> = sqlx::query_as(&format!("{ORDER_COLUMNS} WHERE o.number = $1"))
        .bind(number.as_str())
        .fetch_optional(conn)
        .await?;
    let row = row.ok_or(AppError::OrderNotFound)?;
    let allowed = match who {
        Principal::Shopper(id) => row.shopper_id == *id,
        Principal::Guest(n) => n == number,
    };
    if !allowed {
        return Err(AppError::OrderNotFound);
    }
    Ok(row)
}

/// The shopper's most recent orders, newest first.
pub(crate) async fn recent_orders(
    conn: &mut AnyConnection,
    shopper: &str,
) -> Result<Vec<OrderRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ORDER_COLUMNS} WHERE c.shopper_id = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT 20"
    ))
    .bind(shopper)
    .fetch_all(conn)
    .await?)
}

/// The items of one order, in order.
pub(crate) async fn items(
    conn: &mut AnyConnection,
    order_id: i64,
) -> Result<Vec<ItemRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, sku, name, size, available_sizes, quantity, returned_quantity, unit_cents, returnable \
         FROM order_items WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(conn)
    .await?)
}

/// Reads a stored enum (`'pending_payment'`) into its contract type.
pub(crate) fn parse<T: DeserializeOwned>(s: &str) -> Result<T, AppError> {
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(s))
        .map_err(|e| AppError::Internal(format!("bad stored value {s:?}: {e}")))
}

/// Writes a contract enum the way it is stored (and serialised): `pending_payment`.
pub(crate) fn db_str<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

impl OrderRow {
    pub(crate) fn status(&self) -> Result<OrderStatus, AppError> {
        parse(&self.status)
    }

    pub(crate) fn order_number(&self) -> Result<OrderNumber, AppError> {
        self.number
            .parse()
            .map_err(|_| AppError::Internal(format!("bad stored order number {:?}", self.number)))
    }

    pub(crate) fn money(&self, amount: i64) -> Result<Money, AppError> {
        let currency: Currency = self
            .currency
            .parse()
            .map_err(|_| AppError::Internal("bad stored currency".into()))?;
        Ok(Money { amount, currency })
    }

    /// When the return window closes, for delivered orders.
    pub(crate) fn return_window_end(&self, api: &Api) -> Option<i64> {
        self.delivered_at
            .map(|d| d + api.config.return_window_days * 86_400)
    }
}

/// Subtotal of the items still ordered.
pub(crate) fn subtotal(items: &[ItemRow]) -> i64 {
    items.iter().map(|i| i.quantity * i.unit_cents).sum()
}

/// The contract's view of an order for its owner, personal data masked.
pub(crate) fn order_view(
    api: &Api,
    row: &OrderRow,
    items: &[ItemRow],
    now: i64,
) -> Result<Order, AppError> {
    let status = row.status()?;
    let subtotal = subtotal(items);
    let total = (subtotal + row.shipping_cents - row.discount_cents).max(0);
    let window_end = row.return_window_end(api);
    let in_window = status == OrderStatus::Delivered && window_end.is_some_and(|end| now < end);
    let returnable = |i: &&ItemRow| i.returnable != 0 && i.returned_quantity < i.quantity;
    let mut actions = Vec::new();
    if matches!(status, OrderStatus::PendingPayment | OrderStatus::Paid) {
        actions.extend([Action::Cancel, Action::ChangeAddress, Action::ModifyItems]);
    }
    if in_window && items.iter().any(|i| returnable(&i)) {
        actions.push(Action::RequestReturn);
        if items
            .iter()
            .filter(returnable)
            .any(|i| !i.sizes().is_empty())
        {
            actions.push(Action::RequestExchange);
        }
    }
    let invoiceable = matches!(
        status,
        OrderStatus::Paid | OrderStatus::Fulfilling | OrderStatus::Shipped | OrderStatus::Delivered
    );
    if invoiceable && row.invoices == 0 {
        actions.push(Action::RequestInvoice);
    }
    let items = items
        .iter()
        .map(|i| {
            Ok(OrderItem {
                id: i.id,
                sku: i.sku.clone(),
                name: i.name.clone(),
                size: i.size.clone(),
                available_sizes: i.sizes(),
                quantity: u32::try_from(i.quantity).unwrap_or(0),
                returned_quantity: u32::try_from(i.returned_quantity).unwrap_or(0),
                unit_price: row.money(i.unit_cents)?,
                returnable: i.returnable != 0,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let country: CountryCode = row
        .ship_country
        .parse()
        .map_err(|_| AppError::Internal("bad stored country".into()))?;
    Ok(Order {
        number: row.order_number()?,
        status,
        placed_at: Timestamp::from_unix(row.placed_at),
        items,
        amounts: Amounts {
            subtotal: row.money(subtotal)?,
            shipping: row.money(row.shipping_cents)?,
            discount: row.money(row.discount_cents)?,
            total: row.money(total)?,
        },
        shipping_address: MaskedAddress {
            recipient: mask::name(&row.ship_recipient),
            phone: mask::phone(&row.ship_phone),
            line1: mask::street(&row.ship_line1),
            city: row.ship_city.clone(),
            postcode: row.ship_postcode.clone(),
            country,
        },
        email: mask::email(&row.email),
        actions,
        return_window_ends_at: window_end
            .filter(|_| status == OrderStatus::Delivered)
            .map(Timestamp::from_unix),
    })
}

/// Loads and renders the order `number` for `who`.
pub(crate) async fn load_view(
    api: &Api,
    conn: &mut AnyConnection,
    who: &Principal,
    number: &OrderNumber,
    now: i64,
) -> Result<Order, AppError> {
    let row = find_order(conn, who, number).await?;
    let items = items(conn, row.id).await?;
    order_view(api, &row, &items, now)
}

/// A new id for `table`: one more than the largest. Concurrent writers that pick the same one
/// collide on the primary key and get `conflict`, which the client retries.
pub(crate) async fn next_id(conn: &mut AnyConnection, table: &str) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(&format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"))
        .fetch_one(conn)
        .await?;
    Ok(id)
}
