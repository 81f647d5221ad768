//! What the bot says in the order flows, in the three languages. Facts about an order come
//! from the backend's answer passed in; nothing here promises anything on its own.

use kefu_api::{OrderStatus, ReturnReason};

use super::Goal;
use super::cards::{pick, status_sentence};
use crate::Locale;

pub(crate) fn ask_order_number(l: Locale) -> String {
    pick(
        l,
        "Which order is it? Please type the order number (it looks like A10293).",
        "请问是哪个订单？请输入订单号（类似 A10293）。",
        "請問是哪一筆訂單？請輸入訂單編號（類似 A10293）。",
    )
    .to_owned()
}

pub(crate) fn pick_order(l: Locale) -> String {
    pick(
        l,
        "Which order do you mean?",
        "您说的是哪个订单？",
        "您說的是哪一筆訂單？",
    )
    .to_owned()
}

pub(crate) fn no_orders(l: Locale) -> String {
    pick(
        l,
        "I can't find any orders on your account. If you ordered as a guest, please type the order number.",
        "您的账户下没有找到订单。如果是未登录下的单，请输入订单号。",
        "您的帳戶下沒有找到訂單。如果是未登入時下的單，請輸入訂單編號。",
    )
    .to_owned()
}

pub(crate) fn ask_contact(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!(
            "To make sure order {number} is yours, please type the e-mail address or phone number used for it."
        ),
        Locale::ZhHans => {
            format!("为了确认订单 {number} 是您本人的，请输入下单时填写的邮箱或手机号。")
        }
        Locale::ZhHant => {
            format!("為了確認訂單 {number} 是您本人的，請輸入下單時填寫的電子郵件或手機號碼。")
        }
    }
}

pub(crate) fn contact_not_found(l: Locale) -> String {
    pick(
        l,
        "I couldn't find an e-mail address or phone number in that. Please type one, like name@example.com or 138 1234 5678.",
        "没有看到邮箱或手机号，请输入一个，例如 name@example.com 或 138 1234 5678。",
        "沒有看到電子郵件或手機號碼，請輸入一個，例如 name@example.com 或 0912 345 678。",
    )
    .to_owned()
}

pub(crate) fn order_intro(l: Locale, number: &str, status: OrderStatus) -> String {
    let sentence = status_sentence(status, l);
    match l {
        Locale::En => format!("Here is order {number}. {sentence}"),
        Locale::ZhHans => format!("这是订单 {number} 的情况：{sentence}"),
        Locale::ZhHant => format!("這是訂單 {number} 的狀況：{sentence}"),
    }
}

pub(crate) fn not_shipped(l: Locale, number: &str, status: OrderStatus) -> String {
    let sentence = status_sentence(status, l);
    match l {
        Locale::En => format!("Order {number} has no parcel yet. {sentence}"),
        Locale::ZhHans => format!("订单 {number} 还没有包裹信息。{sentence}"),
        Locale::ZhHant => format!("訂單 {number} 還沒有包裹資訊。{sentence}"),
    }
}

pub(crate) fn tracking_intro(l: Locale, number: &str, parcels: usize) -> String {
    match (l, parcels) {
        (Locale::En, 1) => format!("Here is the parcel of order {number}:"),
        (Locale::En, n) => format!("Order {number} travels in {n} parcels:"),
        (Locale::ZhHans, _) => format!("订单 {number} 的物流信息如下："),
        (Locale::ZhHant, _) => format!("訂單 {number} 的物流資訊如下："),
    }
}

/// Why a goal is not possible in this state, from the order's status.
pub(crate) fn not_possible(l: Locale, goal: Goal, number: &str, status: OrderStatus) -> String {
    let sentence = status_sentence(status, l);
    let what = match goal {
        Goal::Cancel => pick(
            l,
            "can't be cancelled any more",
            "已经无法取消",
            "已經無法取消",
        ),
        Goal::ChangeAddress => pick(
            l,
            "can't get a new address any more",
            "已经无法修改地址",
            "已經無法修改地址",
        ),
        Goal::Modify => pick(
            l,
            "can't be changed any more",
            "已经无法修改商品",
            "已經無法修改商品",
        ),
        Goal::Return | Goal::Exchange => pick(
            l,
            "can't be returned or exchanged now",
            "现在无法退换货",
            "現在無法退換貨",
        ),
        Goal::Invoice => pick(
            l,
            "can't be invoiced now",
            "现在无法开发票",
            "現在無法開發票",
        ),
        _ => pick(l, "can't do that now", "现在无法办理", "現在無法辦理"),
    };
    let hint = match (goal, status) {
        (Goal::Cancel | Goal::ChangeAddress | Goal::Modify, OrderStatus::Shipped) => pick(
            l,
            " Once it arrives you can ask for a return or an exchange.",
            "收到货后可以申请退换货。",
            "收到貨後可以申請退換貨。",
        ),
        (Goal::Cancel | Goal::ChangeAddress | Goal::Modify, OrderStatus::Delivered) => pick(
            l,
            " You can ask for a return or an exchange instead.",
            "可以改为申请退换货。",
            "可以改為申請退換貨。",
        ),
        (
            Goal::Return | Goal::Exchange,
            OrderStatus::Paid
            | OrderStatus::PendingPayment
            | OrderStatus::Fulfilling
            | OrderStatus::Shipped,
        ) => pick(
            l,
            " Returns and exchanges open once it has been delivered.",
            "签收后才能申请退换货。",
            "簽收後才能申請退換貨。",
        ),
        _ => "",
    };
    match l {
        Locale::En => format!("Order {number} {what}: {}{hint}", lower_first(sentence)),
        Locale::ZhHans => format!("订单 {number} {what}：{sentence}{hint}"),
        Locale::ZhHant => format!("訂單 {number} {what}：{sentence}{hint}"),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn window_closed(l: Locale, number: &str, ended: &str) -> String {
    match l {
        Locale::En => format!("The return window of order {number} closed on {ended}."),
        Locale::ZhHans => format!("订单 {number} 的退换货期限已于 {ended} 结束。"),
        Locale::ZhHant => format!("訂單 {number} 的退換貨期限已於 {ended} 結束。"),
    }
}

pub(crate) fn nothing_returnable(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!(
            "None of the items of order {number} can be sent back (final sale, hygiene, or already returned)."
        ),
        Locale::ZhHans => {
            format!("订单 {number} 里没有可以退换的商品（特价不退、贴身用品或已退过）。")
        }
        Locale::ZhHant => {
            format!("訂單 {number} 裡沒有可以退換的商品（特價不退、貼身用品或已退過）。")
        }
    }
}

pub(crate) fn pick_item(l: Locale) -> String {
    pick(l, "Which item?", "请选择是哪件商品：", "請選擇是哪件商品：").to_owned()
}

pub(crate) fn pick_reason(l: Locale) -> String {
    pick(
        l,
        "What's the reason?",
        "请问是什么原因？",
        "請問是什麼原因？",
    )
    .to_owned()
}

pub(crate) fn reason(l: Locale, r: ReturnReason) -> &'static str {
    use ReturnReason::*;
    match r {
        WrongSize => pick(l, "Wrong size", "尺码不合适", "尺碼不合適"),
        Damaged => pick(l, "Arrived damaged", "商品有损坏", "商品有損壞"),
        NotAsDescribed => pick(l, "Not as described", "与描述不符", "與描述不符"),
        WrongItem => pick(l, "Wrong item sent", "发错货了", "寄錯商品"),
        ChangedMind => pick(l, "Changed my mind", "不想要了", "不想要了"),
        Other => pick(l, "Another reason", "其他原因", "其他原因"),
    }
}

pub(crate) fn pick_size(l: Locale) -> String {
    pick(
        l,
        "Which size would you like instead?",
        "想换成哪个尺码？",
        "想換成哪個尺碼？",
    )
    .to_owned()
}

pub(crate) fn pick_change(l: Locale, item: &str) -> String {
    match l {
        Locale::En => format!("What should change for {item}?"),
        Locale::ZhHans => format!("{item} 要怎么改？"),
        Locale::ZhHant => format!("{item} 要怎麼改？"),
    }
}

pub(crate) fn size_option(l: Locale, size: &str) -> String {
    match l {
        Locale::En => format!("Size {size}"),
        Locale::ZhHans => format!("换成 {size} 码"),
        Locale::ZhHant => format!("換成 {size} 碼"),
    }
}

pub(crate) fn quantity_option(l: Locale, q: u32) -> String {
    match (l, q) {
        (Locale::En, 0) => "Remove it".to_owned(),
        (Locale::ZhHans, 0) => "删除这件".to_owned(),
        (Locale::ZhHant, 0) => "刪除這件".to_owned(),
        (Locale::En, q) => format!("Quantity {q}"),
        (Locale::ZhHans, q) => format!("数量改为 {q}"),
        (Locale::ZhHant, q) => format!("數量改為 {q}"),
    }
}

pub(crate) fn yes(l: Locale) -> String {
    pick(l, "Yes, go ahead", "确认", "確認").to_owned()
}

pub(crate) fn no(l: Locale) -> String {
    pick(l, "No", "先不要", "先不要").to_owned()
}

pub(crate) fn confirm_cancel(l: Locale, number: &str, units: u32, total: &str) -> String {
    match l {
        Locale::En => {
            let items = if units == 1 {
                "1 item".to_owned()
            } else {
                format!("{units} items")
            };
            format!("Cancel order {number} — {items}, {total}?")
        }
        Locale::ZhHans => format!("确认取消订单 {number}（{units} 件，{total}）吗？"),
        Locale::ZhHant => format!("確認取消訂單 {number}（{units} 件，{total}）嗎？"),
    }
}

pub(crate) fn confirm_modify(l: Locale, number: &str, change: &str) -> String {
    match l {
        Locale::En => format!("Change order {number}: {change}?"),
        Locale::ZhHans => format!("确认修改订单 {number}：{change}？"),
        Locale::ZhHant => format!("確認修改訂單 {number}：{change}？"),
    }
}

pub(crate) fn confirm_address(l: Locale, number: &str, address: &str) -> String {
    match l {
        Locale::En => format!("Send order {number} to {address} instead?"),
        Locale::ZhHans => format!("确认把订单 {number} 改寄到：{address}？"),
        Locale::ZhHant => format!("確認把訂單 {number} 改寄到：{address}？"),
    }
}

pub(crate) fn confirm_return(l: Locale, number: &str, what: &str, exchange: bool) -> String {
    match (l, exchange) {
        (Locale::En, false) => format!("Return {what} from order {number}?"),
        (Locale::En, true) => format!("Exchange {what} from order {number}?"),
        (Locale::ZhHans, false) => format!("确认为订单 {number} 申请退货：{what}？"),
        (Locale::ZhHans, true) => format!("确认为订单 {number} 申请换货：{what}？"),
        (Locale::ZhHant, false) => format!("確認為訂單 {number} 申請退貨：{what}？"),
        (Locale::ZhHant, true) => format!("確認為訂單 {number} 申請換貨：{what}？"),
    }
}

pub(crate) fn confirm_invoice(l: Locale, number: &str, title: &str) -> String {
    match l {
        Locale::En => format!("Request an invoice for order {number} made out to “{title}”?"),
        Locale::ZhHans => format!("确认为订单 {number} 申请发票，抬头为“{title}”？"),
        Locale::ZhHant => format!("確認為訂單 {number} 申請發票，抬頭為「{title}」？"),
    }
}

pub(crate) fn nothing_changed(l: Locale) -> String {
    pick(
        l,
        "OK, I haven't changed anything.",
        "好的，没有做任何改动。",
        "好的，沒有做任何變更。",
    )
    .to_owned()
}

pub(crate) fn cancelled(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!("Done: order {number} is cancelled."),
        Locale::ZhHans => format!("已办好：订单 {number} 已取消。"),
        Locale::ZhHant => format!("已辦好：訂單 {number} 已取消。"),
    }
}

pub(crate) fn changed(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!("Done: order {number} is updated."),
        Locale::ZhHans => format!("已办好：订单 {number} 已更新。"),
        Locale::ZhHant => format!("已辦好：訂單 {number} 已更新。"),
    }
}

pub(crate) fn ask_address(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!(
            "Please type the new address for order {number} in one message: recipient, phone, street, city, postcode (optional)."
        ),
        Locale::ZhHans => format!(
            "请在一条消息里输入订单 {number} 的新地址：收件人，手机号，详细地址，城市，邮编（可不填）。"
        ),
        Locale::ZhHant => format!(
            "請在一則訊息裡輸入訂單 {number} 的新地址：收件人，手機號碼，詳細地址，城市，郵遞區號（可不填）。"
        ),
    }
}

pub(crate) fn address_unreadable(l: Locale) -> String {
    pick(
        l,
        "I couldn't read that as an address. Please separate the parts with commas: recipient, phone, street, city.",
        "没能识别这个地址，请用逗号分开：收件人，手机号，详细地址，城市。",
        "沒能辨識這個地址，請用逗號分開：收件人，手機號碼，詳細地址，城市。",
    )
    .to_owned()
}

pub(crate) fn ask_invoice_title(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!(
            "Who should the invoice for order {number} be made out to (a name or a company)?"
        ),
        Locale::ZhHans => format!("订单 {number} 的发票抬头写什么（个人姓名或公司名称）？"),
        Locale::ZhHant => format!("訂單 {number} 的發票抬頭要寫什麼（個人姓名或公司名稱）？"),
    }
}

pub(crate) fn no_refunds(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!("There is no refund on order {number}."),
        Locale::ZhHans => format!("订单 {number} 没有退款记录。"),
        Locale::ZhHant => format!("訂單 {number} 沒有退款紀錄。"),
    }
}

pub(crate) fn refunds_intro(l: Locale, number: &str) -> String {
    match l {
        Locale::En => format!("Refunds of order {number}:"),
        Locale::ZhHans => format!("订单 {number} 的退款："),
        Locale::ZhHant => format!("訂單 {number} 的退款："),
    }
}

pub(crate) fn unreachable(l: Locale) -> String {
    pick(
        l,
        "I can't reach the shop's order system right now. Your request is saved: I'll keep trying and answer here as soon as it replies. Meanwhile I can still answer questions about delivery, returns and payment.",
        "暂时连不上店铺的订单系统。您的请求已保存，我会继续尝试，一有回应就在这里答复您。在此期间，配送、退换货、付款等问题我照样可以回答。",
        "暫時連不上商店的訂單系統。您的請求已保存，我會繼續嘗試，一有回應就在這裡答覆您。在此期間，配送、退換貨、付款等問題我照樣可以回答。",
    )
    .to_owned()
}

pub(crate) fn garbage(l: Locale) -> String {
    pick(
        l,
        "The shop's order system sent an answer I can't read, so I won't guess. A person from the shop can help.",
        "店铺的订单系统返回了无法识别的内容，我不想乱猜。可以请人工客服帮您。",
        "商店的訂單系統傳回了無法辨識的內容，我不想亂猜。可以請真人客服幫您。",
    )
    .to_owned()
}

pub(crate) fn leave_contact(l: Locale) -> String {
    pick(
        l,
        "Nobody from the shop is online right now. Leave your e-mail address or phone number and they will get back to you.",
        "现在没有客服在线。请留下邮箱或手机号，客服上线后会联系您。",
        "現在沒有客服在線。請留下電子郵件或手機號碼，客服上線後會聯絡您。",
    )
    .to_owned()
}

pub(crate) fn reference(l: Locale, reference: &str) -> String {
    match l {
        Locale::En => format!(" (reference {reference})"),
        Locale::ZhHans => format!("（编号 {reference}）"),
        Locale::ZhHant => format!("（編號 {reference}）"),
    }
}

pub(crate) fn track_button(l: Locale) -> String {
    pick(l, "Track the parcel", "查看物流", "查看物流").to_owned()
}

pub(crate) fn goal_button(l: Locale, goal: Goal) -> String {
    match goal {
        Goal::Track => track_button(l),
        Goal::Cancel => pick(l, "Cancel it", "取消订单", "取消訂單").to_owned(),
        Goal::ChangeAddress => pick(l, "Change the address", "修改地址", "修改地址").to_owned(),
        Goal::Modify => pick(l, "Change items", "修改商品", "修改商品").to_owned(),
        Goal::Return => pick(l, "Return an item", "申请退货", "申請退貨").to_owned(),
        Goal::Exchange => pick(l, "Exchange an item", "申请换货", "申請換貨").to_owned(),
        Goal::Invoice => pick(l, "Request an invoice", "申请发票", "申請發票").to_owned(),
        Goal::Payment => pick(l, "Payment details", "付款详情", "付款詳情").to_owned(),
        Goal::Refund => pick(l, "Refund status", "退款进度", "退款進度").to_owned(),
        Goal::Status => pick(l, "Order details", "订单详情", "訂單詳情").to_owned(),
    }
}
