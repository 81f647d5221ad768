//! The demo shop: three shoppers and orders in every state, with parcels, payments
//! (including failed, duplicated and pending ones), refunds, a return and an invoice.
//!
//! Instants are relative to the moment of seeding, so a fresh demo always has a parcel in
//! transit and a delivery still inside the return window.

use sqlx::{Any, Transaction};

use crate::db::{Db, DbError};

/// A value to bind: the seed's rows mix integers, text and nulls.
#[derive(Clone, Copy)]
enum V {
    I(i64),
    S(&'static str),
    N,
}
use V::{I, N, S};

/// id, number, customer, status, currency, shipping, discount, placed (ago), delivered (ago).
type OrderSeed = (
    i64,
    &'static str,
    i64,
    &'static str,
    &'static str,
    i64,
    i64,
    i64,
    Option<i64>,
);
/// id, reference, order, method, state, cents, failure, created (ago).
type PaymentSeed = (
    i64,
    &'static str,
    i64,
    &'static str,
    &'static str,
    i64,
    Option<&'static str>,
    i64,
);
/// id, reference, order, cents, status, reason, created (ago), completed (ago).
type RefundSeed = (
    i64,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
    i64,
    Option<i64>,
);

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// Seeds the demo shop unless the database already has orders.
pub(crate) async fn seed(db: &Db, now: i64) -> Result<(), DbError> {
    let (orders,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders")
        .fetch_one(db.pool())
        .await?;
    if orders > 0 {
        return Ok(());
    }
    let mut tx = db.pool().begin().await?;
    customers(&mut tx).await?;
    orders_and_items(&mut tx, now).await?;
    shipments(&mut tx, now).await?;
    money(&mut tx, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn insert(
    tx: &mut Transaction<'static, Any>,
    sql: &'static str,
    rows: &[&[V]],
) -> Result<(), DbError> {
    for row in rows {
        let mut q = sqlx::query(sql);
        for v in *row {
            q = match *v {
                I(i) => q.bind(i),
                S(s) => q.bind(s),
                N => q.bind(None::<String>),
            };
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn customers(tx: &mut Transaction<'static, Any>) -> Result<(), DbError> {
    insert(
        tx,
        "INSERT INTO customers (id, shopper_id, name, email, phone) VALUES ($1, $2, $3, $4, $5)",
        &[
            &[
                I(1),
                S("c-1001"),
                S("王小明"),
                S("xiaoming.wang@example.com"),
                S("13812345678"),
            ],
            &[
                I(2),
                S("c-1002"),
                S("陳美玲"),
                S("meiling.chen@example.com"),
                S("0912345678"),
            ],
            &[
                I(3),
                S("c-1003"),
                S("Jamie Doe"),
                S("jamie@example.com"),
                S("+14155550132"),
            ],
        ],
    )
    .await
}

/// Shipping address per customer: recipient, phone, line1, line2, city, postcode, country.
fn address(customer: i64) -> [V; 7] {
    match customer {
        1 => [
            S("王小明"),
            S("13812345678"),
            S("浦东新区世纪大道100号"),
            S("8楼801室"),
            S("上海市"),
            S("200120"),
            S("CN"),
        ],
        2 => [
            S("陳美玲"),
            S("0912345678"),
            S("信義區松仁路100號"),
            N,
            S("台北市"),
            S("110"),
            S("TW"),
        ],
        _ => [
            S("Jamie Doe"),
            S("+14155550132"),
            S("500 Howard St"),
            S("Apt 12"),
            S("San Francisco, CA"),
            S("94105"),
            S("US"),
        ],
    }
}

fn contact(customer: i64) -> [V; 2] {
    match customer {
        1 => [S("xiaoming.wang@example.com"), S("13812345678")],
        2 => [S("meiling.chen@example.com"), S("0912345678")],
        _ => [S("jamie@example.com"), S("+14155550132")],
    }
}

async fn orders_and_items(tx: &mut Transaction<'static, Any>, now: i64) -> Result<(), DbError> {
    // id, number, customer, status, currency, shipping, discount, placed (ago), delivered (ago)
    let orders: [OrderSeed; 12] = [
        (1, "A10293", 1, "shipped", "CNY", 0, 2_000, 3 * DAY, None),
        (2, "A10294", 1, "paid", "CNY", 0, 0, DAY, None),
        (
            3,
            "A10295",
            1,
            "pending_payment",
            "CNY",
            1_000,
            0,
            5 * HOUR,
            None,
        ),
        (
            4,
            "A10296",
            1,
            "delivered",
            "CNY",
            0,
            0,
            12 * DAY,
            Some(5 * DAY),
        ),
        (5, "A10297", 1, "paid", "CNY", 0, 0, 2 * DAY, None),
        (
            6,
            "A10301",
            2,
            "delivered",
            "TWD",
            0,
            0,
            60 * DAY,
            Some(55 * DAY),
        ),
        (7, "A10302", 2, "pending_payment", "CNY", 0, 0, HOUR, None),
        (8, "A10303", 2, "fulfilling", "TWD", 6_000, 0, DAY, None),
        (
            9,
            "A10304",
            2,
            "returned",
            "TWD",
            0,
            0,
            40 * DAY,
            Some(35 * DAY),
        ),
        (10, "A10310", 3, "cancelled", "USD", 0, 0, 20 * DAY, None),
        (
            11,
            "A10311",
            3,
            "delivered",
            "USD",
            599,
            0,
            9 * DAY,
            Some(2 * DAY),
        ),
        (12, "A10312", 3, "shipped", "USD", 0, 0, 4 * DAY, None),
    ];
    for (id, number, customer, status, currency, ship, discount, placed, delivered) in orders {
        let [email, phone] = contact(customer);
        let [r, p, l1, l2, city, post, country] = address(customer);
        let sql = "INSERT INTO orders (id, number, customer_id, status, currency, shipping_cents, discount_cents, \
            email, phone, ship_recipient, ship_phone, ship_line1, ship_line2, ship_city, ship_postcode, ship_country, \
            placed_at, delivered_at, updated_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";
        let mut q = sqlx::query(sql)
            .bind(id)
            .bind(number)
            .bind(customer)
            .bind(status)
            .bind(currency)
            .bind(ship)
            .bind(discount);
        for v in [email, phone, r, p, l1, l2, city, post, country] {
            q = match v {
                I(i) => q.bind(i),
                S(s) => q.bind(s),
                N => q.bind(None::<String>),
            };
        }
        q.bind(now - placed)
            .bind(delivered.map(|d| now - d))
            .bind(now - placed)
            .execute(&mut **tx)
            .await?;
    }
    insert(
        tx,
        "INSERT INTO order_items (id, order_id, sku, name, size, available_sizes, quantity, returned_quantity, unit_cents, returnable) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &[I(1), I(1), S("SCARF-WOOL-GRY"), S("羊毛围巾 灰色"), N, S(""), I(1), I(0), I(19_900), I(1)],
            &[I(2), I(1), S("SNEAKER-RUN-42"), S("轻量跑鞋"), S("42"), S("40,41,42,43,44"), I(1), I(0), I(21_900), I(1)],
            &[I(3), I(2), S("TEE-COTTON-M"), S("纯棉T恤 白色"), S("M"), S("S,M,L,XL"), I(2), I(0), I(4_450), I(1)],
            &[I(4), I(3), S("EARBUDS-BT5"), S("蓝牙耳机"), N, S(""), I(1), I(0), I(29_900), I(1)],
            &[I(5), I(4), S("HOODIE-FLEECE-L"), S("抓绒连帽卫衣"), S("L"), S("M,L,XL"), I(1), I(0), I(25_900), I(1)],
            &[I(6), I(4), S("SOCKS-3PACK"), S("棉袜三双装"), N, S(""), I(1), I(0), I(3_900), I(0)],
            &[I(7), I(5), S("MUG-STEEL-500"), S("保温杯 500ml"), N, S(""), I(1), I(0), I(12_900), I(1)],
            &[I(8), I(6), S("KETTLE-17L"), S("電熱水壺 1.7L"), N, S(""), I(1), I(0), I(129_000), I(1)],
            &[I(9), I(7), S("KEYBOARD-MECH"), S("机械键盘"), N, S(""), I(1), I(0), I(52_900), I(1)],
            &[I(10), I(8), S("BOTTLE-750"), S("保溫瓶 750ml"), N, S(""), I(2), I(0), I(39_000), I(1)],
            &[I(11), I(9), S("COAT-WOOL-M"), S("羊毛大衣"), S("M"), S("S,M,L"), I(1), I(1), I(259_000), I(1)],
            &[I(12), I(10), S("CASE-PHONE-CLR"), S("Clear phone case"), N, S(""), I(1), I(0), I(4_999), I(1)],
            &[I(13), I(11), S("SHORTS-RUN-M"), S("Running shorts"), S("M"), S("S,M,L"), I(2), I(0), I(2_500), I(1)],
            &[I(14), I(11), S("BOTTLE-SPORT"), S("Sport water bottle"), N, S(""), I(1), I(0), I(1_999), I(0)],
            &[I(15), I(12), S("HOODIE-ZIP-L"), S("Zip hoodie"), S("L"), S("S,M,L,XL"), I(1), I(0), I(5_900), I(1)],
        ],
    )
    .await
}

async fn shipments(tx: &mut Transaction<'static, Any>, now: i64) -> Result<(), DbError> {
    let shipments: [(i64, i64, &str, &str, Option<i64>); 6] = [
        (
            1,
            1,
            "SF Express 顺丰速运",
            "SF1402938475610",
            Some(now + DAY),
        ),
        (2, 4, "ZTO Express 中通快递", "75312345678901", None),
        (3, 6, "黑貓宅急便 T-CAT", "900123456789", None),
        (4, 9, "黑貓宅急便 T-CAT", "900123450001", None),
        (5, 11, "UPS", "1Z999AA10123456784", None),
        (6, 12, "USPS", "9400111899223100012345", Some(now)),
    ];
    for (id, order, carrier, number, eta) in shipments {
        sqlx::query("INSERT INTO shipments (id, order_id, carrier, tracking_number, estimated_delivery) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(order)
            .bind(carrier)
            .bind(number)
            .bind(eta)
            .execute(&mut **tx)
            .await?;
    }
    // shipment, hours ago, status, location, carrier text
    let events: [(i64, i64, &str, &str, &str); 22] = [
        (1, 66, "label_created", "深圳市", "商家已下单，等待揽收"),
        (1, 60, "picked_up", "深圳市宝安区", "顺丰速运 已收取快件"),
        (
            1,
            50,
            "in_transit",
            "深圳转运中心",
            "快件已发车，下一站【上海转运中心】",
        ),
        (
            1,
            20,
            "in_transit",
            "上海转运中心",
            "快件到达【上海转运中心】",
        ),
        (
            1,
            6,
            "in_transit",
            "上海市浦东新区",
            "快件已到达【浦东世纪大道营业点】",
        ),
        (2, 250, "picked_up", "杭州市", "中通快递 已揽收"),
        (
            2,
            200,
            "in_transit",
            "上海转运中心",
            "快件已到达【上海转运中心】",
        ),
        (
            2,
            130,
            "out_for_delivery",
            "上海市浦东新区",
            "快递员正在派件",
        ),
        (
            2,
            120,
            "delivered",
            "上海市浦东新区",
            "已签收，签收人：本人",
        ),
        (3, 1_400, "picked_up", "新北市", "已集貨"),
        (3, 1_330, "out_for_delivery", "台北市信義區", "配送中"),
        (3, 1_320, "delivered", "台北市信義區", "順利送達"),
        (4, 900, "picked_up", "新北市", "已集貨"),
        (4, 840, "delivered", "台北市信義區", "順利送達"),
        (5, 150, "picked_up", "Louisville, KY", "Picked up by UPS"),
        (5, 100, "in_transit", "Oakland, CA", "Arrived at facility"),
        (
            5,
            60,
            "out_for_delivery",
            "San Francisco, CA",
            "Out for delivery",
        ),
        (
            5,
            48,
            "delivered",
            "San Francisco, CA",
            "Delivered, front desk",
        ),
        (
            6,
            80,
            "label_created",
            "Newark, NJ",
            "Shipping label created, USPS awaiting item",
        ),
        (
            6,
            70,
            "picked_up",
            "Newark, NJ",
            "USPS in possession of item",
        ),
        (
            6,
            30,
            "exception",
            "Denver, CO",
            "Delayed: weather conditions",
        ),
        (
            6,
            2,
            "out_for_delivery",
            "San Francisco, CA",
            "Out for delivery",
        ),
    ];
    for (id, (shipment, ago, status, location, text)) in (1_i64..).zip(events) {
        sqlx::query("INSERT INTO tracking_events (id, shipment_id, at, status, location, description) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(shipment)
            .bind(now - ago * HOUR)
            .bind(status)
            .bind(location)
            .bind(text)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn money(tx: &mut Transaction<'static, Any>, now: i64) -> Result<(), DbError> {
    // id, reference, order, method, state, cents, failure, ago
    let payments: [PaymentSeed; 14] = [
        (
            1,
            "PAY-10293-1",
            1,
            "alipay",
            "succeeded",
            39_800,
            None,
            3 * DAY,
        ),
        (2, "PAY-10294-1", 2, "alipay", "succeeded", 8_900, None, DAY),
        (
            3,
            "PAY-10295-1",
            3,
            "card",
            "failed",
            30_900,
            Some("insufficient_funds"),
            5 * HOUR,
        ),
        (
            4,
            "PAY-10295-2",
            3,
            "card",
            "failed",
            30_900,
            Some("declined"),
            4 * HOUR,
        ),
        (
            5,
            "PAY-10296-1",
            4,
            "wechat_pay",
            "succeeded",
            29_800,
            None,
            12 * DAY,
        ),
        (
            6,
            "PAY-10297-1",
            5,
            "wechat_pay",
            "succeeded",
            12_900,
            None,
            2 * DAY,
        ),
        (
            7,
            "PAY-10297-2",
            5,
            "wechat_pay",
            "succeeded",
            12_900,
            None,
            2 * DAY - 40,
        ),
        (
            8,
            "PAY-10301-1",
            6,
            "card",
            "succeeded",
            129_000,
            None,
            60 * DAY,
        ),
        (
            9,
            "PAY-10302-1",
            7,
            "bank_transfer",
            "pending",
            52_900,
            None,
            HOUR,
        ),
        (10, "PAY-10303-1", 8, "card", "succeeded", 84_000, None, DAY),
        (
            11,
            "PAY-10304-1",
            9,
            "card",
            "refunded",
            259_000,
            None,
            40 * DAY,
        ),
        (
            12,
            "PAY-10310-1",
            10,
            "paypal",
            "refunded",
            4_999,
            None,
            20 * DAY,
        ),
        (
            13,
            "PAY-10311-1",
            11,
            "card",
            "succeeded",
            7_598,
            None,
            9 * DAY,
        ),
        (
            14,
            "PAY-10312-1",
            12,
            "paypal",
            "succeeded",
            5_900,
            None,
            4 * DAY,
        ),
    ];
    for (id, reference, order, method, state, cents, failure, ago) in payments {
        sqlx::query("INSERT INTO payments (id, reference, order_id, method, state, cents, failure, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id)
            .bind(reference)
            .bind(order)
            .bind(method)
            .bind(state)
            .bind(cents)
            .bind(failure)
            .bind(now - ago)
            .execute(&mut **tx)
            .await?;
    }
    let refunds: [RefundSeed; 3] = [
        (
            1,
            "RF-A10297-1",
            5,
            12_900,
            "processing",
            "duplicate_payment",
            2 * DAY - 3_600,
            None,
        ),
        (
            2,
            "RF-A10304-1",
            9,
            259_000,
            "completed",
            "return",
            30 * DAY,
            Some(27 * DAY),
        ),
        (
            3,
            "RF-A10310-1",
            10,
            4_999,
            "completed",
            "cancellation",
            20 * DAY - HOUR,
            Some(19 * DAY),
        ),
    ];
    for (id, reference, order, cents, status, reason, ago, done) in refunds {
        sqlx::query("INSERT INTO refunds (id, reference, order_id, cents, status, reason, created_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id)
            .bind(reference)
            .bind(order)
            .bind(cents)
            .bind(status)
            .bind(reason)
            .bind(now - ago)
            .bind(done.map(|d| now - d))
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("INSERT INTO returns (id, code, order_id, kind, status, note, created_at) VALUES (1, 'RA-A10304-1', 9, 'return', 'completed', NULL, $1)")
        .bind(now - 34 * DAY)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO return_lines (return_id, item_id, quantity, reason, exchange_size) VALUES (1, 11, 1, 'wrong_size', NULL)")
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO invoices (id, reference, order_id, kind, title, tax_id, email, status, requested_at) \
                 VALUES (1, 'INV-A10301', 6, 'personal', '陳美玲', NULL, 'meiling.chen@example.com', 'issued', $1)")
        .bind(now - 54 * DAY)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
