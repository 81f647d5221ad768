//! The dialogue policy's own words: one honest reply per intent and locale.
//!
//! Action intents only say what was understood: the engine never claims
//! anything about an order that a shop backend did not confirm.

use kefu_model::{Intent, Prediction, SlotKind};

use crate::Choice;
use crate::answers::human_choice;
use crate::lang::Locale;

/// The reply text for what was understood, in `locale`.
pub(crate) fn compose(understood: &Prediction, locale: Locale) -> String {
    let mut text = base(understood.intent, locale).to_owned();
    if understood.intent.is_action() {
        if let Some(id) = first_slot(understood, SlotKind::OrderId) {
            text.push_str(&noted(locale, "order", id));
        }
        if let Some(id) = first_slot(understood, SlotKind::TrackingNumber) {
            text.push_str(&noted(locale, "tracking", id));
        }
    }
    text
}

/// The buttons under a policy reply: a way to a human when the bot cannot help.
pub(crate) fn choices(understood: &Prediction, locale: Locale) -> Vec<Choice> {
    match understood.intent {
        Intent::OutOfScope | Intent::Complaint => vec![human_choice(locale)],
        _ => Vec::new(),
    }
}

/// What the bot says when the shopper asks for a person.
pub(crate) fn human(locale: Locale) -> &'static str {
    base(Intent::HumanAgent, locale)
}

fn first_slot(p: &Prediction, kind: SlotKind) -> Option<&str> {
    p.slots
        .iter()
        .find(|s| s.kind == kind)
        .map(|s| s.value.as_str())
}

fn noted(locale: Locale, what: &str, id: &str) -> String {
    match (locale, what) {
        (Locale::En, "order") => format!(" (order number noted: {id})"),
        (Locale::En, _) => format!(" (tracking number noted: {id})"),
        (Locale::ZhHans, "order") => format!("（已记下订单号：{id}）"),
        (Locale::ZhHans, _) => format!("（已记下运单号：{id}）"),
        (Locale::ZhHant, "order") => format!("（已記下訂單編號：{id}）"),
        (Locale::ZhHant, _) => format!("（已記下貨運單號：{id}）"),
    }
}

fn base(intent: Intent, locale: Locale) -> &'static str {
    use Intent::*;
    use Locale::*;
    match (intent, locale) {
        (
            OrderStatus | TrackShipment | CancelOrder | ChangeAddress | ModifyOrder | RefundStatus
            | PaymentIssue | InvoiceRequest,
            En,
        ) => {
            "I understood that this is about one of your orders. Looking orders up needs the shop's order system, which this demo is not connected to yet."
        }
        (
            OrderStatus | TrackShipment | CancelOrder | ChangeAddress | ModifyOrder | RefundStatus
            | PaymentIssue | InvoiceRequest,
            ZhHans,
        ) => "我明白您是想处理订单相关的事。查询订单需要连接店铺的订单系统，这个演示还没有接入。",
        (
            OrderStatus | TrackShipment | CancelOrder | ChangeAddress | ModifyOrder | RefundStatus
            | PaymentIssue | InvoiceRequest,
            ZhHant,
        ) => "我明白您是想處理訂單相關的事。查詢訂單需要連接商店的訂單系統，這個示範還沒有接入。",
        (ReturnRequest | ExchangeRequest, En) => {
            "I understood that you want to send an item back or swap it. Returns need the shop's order system, which this demo is not connected to yet."
        }
        (ReturnRequest | ExchangeRequest, ZhHans) => {
            "我明白您想退货或换货。办理退换需要连接店铺的订单系统，这个演示还没有接入。"
        }
        (ReturnRequest | ExchangeRequest, ZhHant) => {
            "我明白您想退貨或換貨。辦理退換需要連接商店的訂單系統，這個示範還沒有接入。"
        }
        (
            ShippingInfo | ReturnPolicy | PaymentMethods | Promotion | ProductInfo | AccountHelp,
            En,
        ) => "That is a question for the shop's FAQ, which I can't open right now.",
        (
            ShippingInfo | ReturnPolicy | PaymentMethods | Promotion | ProductInfo | AccountHelp,
            ZhHans,
        ) => "这个问题要从店铺的常见问题里回答，暂时打不开常见问题。",
        (
            ShippingInfo | ReturnPolicy | PaymentMethods | Promotion | ProductInfo | AccountHelp,
            ZhHant,
        ) => "這個問題要從商店的常見問題裡回答，暫時打不開常見問題。",
        (Greeting, En) => {
            "Hi! I'm the shop's assistant. Ask me about your order, delivery, returns or payment."
        }
        (Greeting, ZhHans) => "您好！我是店铺助手，订单、配送、退换货、付款的问题都可以问我。",
        (Greeting, ZhHant) => "您好！我是商店助理，訂單、配送、退換貨、付款的問題都可以問我。",
        (Thanks, En) => "You're welcome! Anything else I can help with?",
        (Thanks, ZhHans) => "不客气！还有什么可以帮您？",
        (Thanks, ZhHant) => "不客氣！還有什麼可以幫您？",
        (Goodbye, En) => "Goodbye, and thanks for shopping with us!",
        (Goodbye, ZhHans) => "再见，感谢您的光临！",
        (Goodbye, ZhHant) => "再見，感謝您的光臨！",
        (Affirm | Deny, En) => "Noted. What would you like to do next?",
        (Affirm | Deny, ZhHans) => "好的。接下来您想做什么？",
        (Affirm | Deny, ZhHant) => "好的。接下來您想做什麼？",
        (HumanAgent, En) => {
            "You'd like to talk to a person. Handing over to a human agent is not part of this demo yet."
        }
        (HumanAgent, ZhHans) => "您想找人工客服。转接人工还不在这个演示里。",
        (HumanAgent, ZhHant) => "您想找真人客服。轉接真人還不在這個示範裡。",
        (Complaint, En) => {
            "I'm sorry about that. I've understood your complaint; a person from the shop should look at it."
        }
        (Complaint, ZhHans) => {
            "非常抱歉给您带来不好的体验。我已经明白您的意见，店铺的工作人员应当跟进。"
        }
        (Complaint, ZhHant) => {
            "非常抱歉帶給您不好的體驗。我已經明白您的意見，商店的工作人員應當跟進。"
        }
        (OutOfScope, En) => {
            "Sorry, I can only help with this shop: orders, delivery, returns, payment and products."
        }
        (OutOfScope, ZhHans) => "抱歉，我只能帮您处理本店的事：订单、配送、退换货、付款和商品。",
        (OutOfScope, ZhHant) => "抱歉，我只能幫您處理本店的事：訂單、配送、退換貨、付款和商品。",
    }
}
