//! Orders, parcels, returns, refunds and payments as [`Card`]s, and the formatting of money,
//! times and statuses in the shopper's language. Only what the backend returned is shown.

use kefu_api::{
    Money, Order, OrderStatus, PaymentState, PaymentStatus, Refund, RefundStatus,
    ReturnAuthorization, Shipment, ShipmentStatus, Timestamp,
};

use super::{Card, CardKind};
use crate::Locale;

/// Three strings, one per locale, picked by `locale`.
pub(crate) fn pick<'a>(locale: Locale, en: &'a str, hans: &'a str, hant: &'a str) -> &'a str {
    match locale {
        Locale::En => en,
        Locale::ZhHans => hans,
        Locale::ZhHant => hant,
    }
}

/// `¥398.00`, `NT$1,200.00`, `$5.99`; amounts are in minor units.
pub(crate) fn money(m: &Money) -> String {
    let (symbol, decimals) = match m.currency.as_str() {
        "CNY" => ("¥", 2),
        "TWD" => ("NT$", 2),
        "HKD" => ("HK$", 2),
        "USD" => ("$", 2),
        "EUR" => ("€", 2),
        "GBP" => ("£", 2),
        "JPY" => ("JP¥", 0),
        other => (other, 2),
    };
    let sign = if m.amount < 0 { "-" } else { "" };
    let abs = m.amount.unsigned_abs();
    let scale = 10u64.pow(decimals);
    let whole = group(abs / scale);
    let spacer = if symbol.len() == 3 && symbol.chars().all(|c| c.is_ascii_uppercase()) {
        " "
    } else {
        ""
    };
    if decimals == 0 {
        format!("{sign}{symbol}{spacer}{whole}")
    } else {
        format!("{sign}{symbol}{spacer}{whole}.{:02}", abs % scale)
    }
}

fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2026-11-28 14:05` in the shopper's time zone.
pub(crate) fn time(t: Timestamp, utc_offset_minutes: i32) -> String {
    let local = Timestamp::from_unix(t.unix() + i64::from(utc_offset_minutes) * 60).to_string();
    // RFC 3339 `YYYY-MM-DDTHH:MM:SSZ` → `YYYY-MM-DD HH:MM`.
    local.get(..16).unwrap_or(&local).replacen('T', " ", 1)
}

/// `2026-11-28`.
pub(crate) fn date(t: Timestamp, utc_offset_minutes: i32) -> String {
    time(t, utc_offset_minutes).chars().take(10).collect()
}

pub(crate) fn order_status(s: OrderStatus, l: Locale) -> &'static str {
    use OrderStatus::*;
    match s {
        PendingPayment => pick(l, "Awaiting payment", "待付款", "待付款"),
        Paid => pick(l, "Paid", "已付款", "已付款"),
        Fulfilling => pick(l, "Being packed", "打包中", "包裝中"),
        Shipped => pick(l, "Shipped", "已发货", "已出貨"),
        Delivered => pick(l, "Delivered", "已签收", "已簽收"),
        Cancelled => pick(l, "Cancelled", "已取消", "已取消"),
        Returned => pick(l, "Returned", "已退货", "已退貨"),
    }
}

/// One sentence on where the order is.
pub(crate) fn status_sentence(s: OrderStatus, l: Locale) -> &'static str {
    use OrderStatus::*;
    match s {
        PendingPayment => pick(
            l,
            "It is waiting for payment.",
            "订单还在等待付款。",
            "訂單還在等待付款。",
        ),
        Paid => pick(
            l,
            "It is paid and waiting to be packed.",
            "订单已付款，正在等待仓库打包。",
            "訂單已付款，正在等待倉庫包裝。",
        ),
        Fulfilling => pick(
            l,
            "The warehouse is packing it.",
            "仓库正在打包。",
            "倉庫正在包裝。",
        ),
        Shipped => pick(l, "It has shipped.", "订单已发货。", "訂單已出貨。"),
        Delivered => pick(l, "It has been delivered.", "订单已签收。", "訂單已簽收。"),
        Cancelled => pick(l, "It was cancelled.", "订单已取消。", "訂單已取消。"),
        Returned => pick(l, "It was returned.", "订单已退货。", "訂單已退貨。"),
    }
}

fn shipment_status(s: ShipmentStatus, l: Locale) -> &'static str {
    use ShipmentStatus::*;
    match s {
        LabelCreated => pick(l, "Label created", "已打单", "已建立託運單"),
        PickedUp => pick(l, "Picked up", "已揽收", "已攬收"),
        InTransit => pick(l, "In transit", "运输中", "運送中"),
        OutForDelivery => pick(l, "Out for delivery", "派送中", "配送中"),
        Delivered => pick(l, "Delivered", "已签收", "已簽收"),
        Exception => pick(l, "Problem reported", "异常", "異常"),
    }
}

pub(crate) fn order_title(number: &str, l: Locale) -> String {
    match l {
        Locale::En => format!("Order {number}"),
        Locale::ZhHans => format!("订单 {number}"),
        Locale::ZhHant => format!("訂單 {number}"),
    }
}

/// Units over all items.
pub(crate) fn units(order: &Order) -> u32 {
    order.items.iter().map(|i| i.quantity).sum()
}

pub(crate) fn item_name(item: &kefu_api::OrderItem) -> String {
    match &item.size {
        Some(size) => format!("{} ({size})", item.name),
        None => item.name.clone(),
    }
}

pub(crate) fn order(order: &Order, l: Locale, tz: i32) -> Card {
    let a = &order.shipping_address;
    let mut fields = vec![
        (
            pick(l, "Placed", "下单时间", "下單時間").to_owned(),
            time(order.placed_at, tz),
        ),
        (
            pick(l, "Total", "合计", "合計").to_owned(),
            money(&order.amounts.total),
        ),
        (
            pick(l, "Ship to", "收货地址", "收件地址").to_owned(),
            format!("{} · {} {}", a.recipient, a.city, a.line1),
        ),
    ];
    if let Some(ends) = order.return_window_ends_at {
        fields.push((
            pick(l, "Returns until", "可退换至", "可退換至").to_owned(),
            date(ends, tz),
        ));
    }
    Card {
        kind: CardKind::Order,
        title: order_title(order.number.as_str(), l),
        badge: Some(order_status(order.status, l).to_owned()),
        fields,
        lines: order
            .items
            .iter()
            .map(|i| {
                format!(
                    "{} × {} · {}",
                    item_name(i),
                    i.quantity,
                    money(&i.unit_price)
                )
            })
            .collect(),
        events: Vec::new(),
    }
}

pub(crate) fn shipment(s: &Shipment, l: Locale, tz: i32) -> Card {
    let mut fields = Vec::new();
    if let Some(eta) = s.estimated_delivery {
        fields.push((
            pick(l, "Expected", "预计送达", "預計送達").to_owned(),
            date(eta, tz),
        ));
    }
    Card {
        kind: CardKind::Tracking,
        title: format!("{} {}", s.carrier, s.tracking_number),
        badge: Some(shipment_status(s.status, l).to_owned()),
        fields,
        lines: Vec::new(),
        events: s
            .events
            .iter()
            .map(|e| {
                let text = match &e.location {
                    Some(place) => format!("{} · {place}", e.description),
                    None => e.description.clone(),
                };
                (time(e.at, tz), text)
            })
            .collect(),
    }
}

pub(crate) fn return_authorization(
    ra: &ReturnAuthorization,
    order: &Order,
    l: Locale,
    tz: i32,
) -> Card {
    let title = match (ra.kind, l) {
        (kefu_api::ReturnKind::Return, Locale::En) => format!("Return {}", ra.code),
        (kefu_api::ReturnKind::Exchange, Locale::En) => format!("Exchange {}", ra.code),
        (kefu_api::ReturnKind::Return, Locale::ZhHans) => format!("退货单 {}", ra.code),
        (kefu_api::ReturnKind::Exchange, Locale::ZhHans) => format!("换货单 {}", ra.code),
        (kefu_api::ReturnKind::Return, Locale::ZhHant) => format!("退貨單 {}", ra.code),
        (kefu_api::ReturnKind::Exchange, Locale::ZhHant) => format!("換貨單 {}", ra.code),
    };
    let mut fields = vec![
        (
            pick(l, "Send to", "寄回地址", "寄回地址").to_owned(),
            ra.ship_to.clone(),
        ),
        (
            pick(l, "Send by", "寄回期限", "寄回期限").to_owned(),
            date(ra.ship_by, tz),
        ),
    ];
    if let Some(amount) = &ra.refund_amount {
        fields.push((
            pick(l, "Refund", "退款金额", "退款金額").to_owned(),
            money(amount),
        ));
    }
    let lines = ra
        .items
        .iter()
        .map(|line| {
            let name = order
                .items
                .iter()
                .find(|i| i.id == line.item_id)
                .map_or_else(|| format!("#{}", line.item_id), item_name);
            match &line.exchange_size {
                Some(size) => format!("{name} × {} → {size}", line.quantity),
                None => format!("{name} × {}", line.quantity),
            }
        })
        .collect();
    Card {
        kind: CardKind::Return,
        title,
        badge: Some(pick(l, "Authorised", "已受理", "已受理").to_owned()),
        fields,
        lines,
        events: Vec::new(),
    }
}

pub(crate) fn refund(r: &Refund, l: Locale, tz: i32) -> Card {
    use RefundStatus::*;
    let badge = match r.status {
        Pending => pick(l, "Pending", "待处理", "待處理"),
        Processing => pick(l, "Processing", "处理中", "處理中"),
        Completed => pick(l, "Completed", "已到账", "已到帳"),
        Rejected => pick(l, "Rejected", "已拒绝", "已拒絕"),
    };
    let mut fields = vec![
        (
            pick(l, "Amount", "金额", "金額").to_owned(),
            money(&r.amount),
        ),
        (
            pick(l, "Requested", "申请时间", "申請時間").to_owned(),
            time(r.created_at, tz),
        ),
    ];
    if let Some(done) = r.completed_at {
        fields.push((
            pick(l, "Completed", "到账时间", "到帳時間").to_owned(),
            time(done, tz),
        ));
    } else if let Some(by) = r.expected_by {
        fields.push((
            pick(l, "Expected by", "预计到账", "預計到帳").to_owned(),
            date(by, tz),
        ));
    }
    Card {
        kind: CardKind::Refund,
        title: format!("{} {}", pick(l, "Refund", "退款", "退款"), r.id),
        badge: Some(badge.to_owned()),
        fields,
        lines: vec![r.message.clone()],
        events: Vec::new(),
    }
}

pub(crate) fn payments(p: &PaymentStatus, l: Locale, tz: i32) -> Card {
    Card {
        kind: CardKind::Payment,
        title: format!(
            "{} · {}",
            order_title(p.order_number.as_str(), l),
            money(&p.total)
        ),
        badge: None,
        fields: Vec::new(),
        lines: Vec::new(),
        events: p
            .payments
            .iter()
            .map(|pay| {
                let state = match pay.state {
                    PaymentState::Succeeded => pick(l, "succeeded", "成功", "成功"),
                    PaymentState::Failed => pick(l, "failed", "失败", "失敗"),
                    PaymentState::Pending => pick(l, "pending", "处理中", "處理中"),
                    PaymentState::Refunded => pick(l, "refunded", "已退款", "已退款"),
                };
                (
                    time(pay.created_at, tz),
                    format!("{} · {state}", money(&pay.amount)),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(amount: i64, currency: &str) -> Money {
        Money {
            amount,
            currency: currency.parse().expect("currency"),
        }
    }

    #[test]
    fn money_and_time() {
        assert_eq!(money(&m(39_800, "CNY")), "¥398.00");
        assert_eq!(money(&m(123_456_789, "TWD")), "NT$1,234,567.89");
        assert_eq!(money(&m(599, "USD")), "$5.99");
        assert_eq!(money(&m(-5, "CHF")), "-CHF 0.05");
        assert_eq!(money(&m(1200, "JPY")), "JP¥1,200");
        let t = Timestamp::from_unix(1_764_000_000);
        assert_eq!(time(t, 0), "2025-11-24 16:00");
        assert_eq!(time(t, 8 * 60), "2025-11-25 00:00");
        assert_eq!(date(t, -60), "2025-11-24");
    }
}
