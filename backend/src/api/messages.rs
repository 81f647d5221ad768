//! Everything the API says to a shopper, in the three locales. Codes are for programs; these
//! sentences are shown as they are, so each states what happened and what to do next.

use kefu_api::{DiagnosisKind, ErrorCode, Locale, OrderStatus, RefundStatus, TicketMode};

/// Picks one of three translations.
fn tr(locale: Locale, [hans, hant, en]: [&str; 3]) -> String {
    match locale {
        Locale::ZhHans => hans,
        Locale::ZhHant => hant,
        Locale::En => en,
    }
    .to_owned()
}

/// The message for an error code; order-state refusals say why, from the state.
pub(crate) fn error(code: ErrorCode, status: Option<OrderStatus>, l: Locale) -> String {
    use ErrorCode as C;
    use OrderStatus as S;
    match (code, status) {
        (C::BadRequest, _) => tr(
            l,
            [
                "请求格式不正确",
                "請求格式不正確",
                "The request is not valid",
            ],
        ),
        (C::Unauthenticated, _) => tr(
            l,
            [
                "请先登录，或用订单号和下单时的邮箱或手机号验证。",
                "請先登入，或用訂單編號和下單時的電郵或手機號碼驗證。",
                "Please sign in, or verify with your order number and the e-mail or phone on the order.",
            ],
        ),
        (C::TokenExpired, _) => tr(
            l,
            [
                "登录已过期，请刷新页面或重新验证。",
                "登入已逾時，請重新整理頁面或重新驗證。",
                "Your session has expired. Please reload the page or verify again.",
            ],
        ),
        (C::VerificationFailed, _) => tr(
            l,
            [
                "订单号与邮箱或手机号不匹配，请核对后再试。",
                "訂單編號與電郵或手機號碼不符，請核對後再試。",
                "The order number and the e-mail or phone do not match. Please check them and try again.",
            ],
        ),
        (C::OrderNotFound, _) => tr(
            l,
            [
                "没有找到这个订单，请核对订单号。",
                "找不到這筆訂單，請核對訂單編號。",
                "We could not find that order. Please check the order number.",
            ],
        ),
        (C::IdempotencyKeyRequired, _) => tr(
            l,
            [
                "缺少 Idempotency-Key 请求头",
                "缺少 Idempotency-Key 標頭",
                "The Idempotency-Key header is required",
            ],
        ),
        (C::IdempotencyKeyReused, _) => tr(
            l,
            [
                "这个 Idempotency-Key 已用于另一个请求",
                "這個 Idempotency-Key 已用於另一個請求",
                "This Idempotency-Key was already used for a different request",
            ],
        ),
        (C::RateLimited, _) => tr(
            l,
            [
                "请求太频繁，请稍后再试。",
                "請求太頻繁，請稍後再試。",
                "Too many requests. Please wait a moment and try again.",
            ],
        ),
        (C::NotCancellable, Some(S::Fulfilling)) => tr(
            l,
            [
                "订单正在打包，已无法取消。发货后可在收货后申请退货。",
                "訂單正在包裝，已無法取消。收到商品後可申請退貨。",
                "Your order is already being packed, so it can no longer be cancelled. Once it arrives you can request a return.",
            ],
        ),
        (C::NotCancellable, Some(S::Shipped)) => tr(
            l,
            [
                "订单已发货，无法取消。收到包裹后可以申请退货。",
                "訂單已出貨，無法取消。收到包裹後可以申請退貨。",
                "Your order has already shipped, so it cannot be cancelled. You can request a return once it arrives.",
            ],
        ),
        (C::NotCancellable, Some(S::Delivered)) => tr(
            l,
            [
                "订单已签收，无法取消，可以申请退货。",
                "訂單已送達，無法取消，可以申請退貨。",
                "Your order has been delivered, so it cannot be cancelled; you can request a return instead.",
            ],
        ),
        (C::NotCancellable, Some(S::Cancelled)) => tr(
            l,
            [
                "这个订单已经取消了。",
                "這筆訂單已經取消了。",
                "This order is already cancelled.",
            ],
        ),
        (C::NotCancellable, _) => tr(
            l,
            [
                "这个订单已无法取消。",
                "這筆訂單已無法取消。",
                "This order can no longer be cancelled.",
            ],
        ),
        (C::AddressLocked, Some(S::Fulfilling)) => tr(
            l,
            [
                "订单正在打包，地址已无法修改。可以联系人工客服尝试拦截。",
                "訂單正在包裝，地址已無法修改。可以聯絡真人客服嘗試攔截。",
                "Your order is being packed, so the address can no longer be changed. A human agent may still be able to help.",
            ],
        ),
        (C::AddressLocked, _) => tr(
            l,
            [
                "订单已发货或已结束，地址无法修改。",
                "訂單已出貨或已結束，地址無法修改。",
                "The order has shipped or is closed, so its address cannot be changed.",
            ],
        ),
        (C::ItemsLocked, _) => tr(
            l,
            [
                "订单已进入打包或已发货，商品无法修改。",
                "訂單已進入包裝或已出貨，商品無法修改。",
                "The order is being packed or has shipped, so its items cannot be changed.",
            ],
        ),
        (C::ModificationRejected, _) => tr(
            l,
            [
                "这个修改无法完成：商品或尺码不存在，或已付款订单不能增加金额。",
                "這個修改無法完成：商品或尺寸不存在，或已付款訂單不能增加金額。",
                "That change is not possible: the item or size does not exist, or it would raise the price of a paid order.",
            ],
        ),
        (C::NotDelivered, _) => tr(
            l,
            [
                "订单签收后才能申请退换货。",
                "訂單送達後才能申請退換貨。",
                "Returns and exchanges can be requested once the order has been delivered.",
            ],
        ),
        (C::ReturnWindowClosed, _) => tr(
            l,
            [
                "已超过退换货期限，无法申请。",
                "已超過退換貨期限，無法申請。",
                "The return window for this order has closed.",
            ],
        ),
        (C::ItemNotReturnable, _) => tr(
            l,
            [
                "这件商品不支持退换（特价、贴身用品或已退回）。",
                "這件商品不支援退換（特價、貼身用品或已退回）。",
                "This item cannot be returned (final sale, hygiene item, or already returned).",
            ],
        ),
        (C::InvoiceExists, _) => tr(
            l,
            [
                "这个订单已经申请过发票。",
                "這筆訂單已經申請過發票。",
                "An invoice has already been requested for this order.",
            ],
        ),
        (C::InvoiceNotAvailable, _) => tr(
            l,
            [
                "订单付款后才能开发票，已取消的订单不能开票。",
                "訂單付款後才能開發票，已取消的訂單不能開立。",
                "Invoices are available once an order is paid, and not for cancelled orders.",
            ],
        ),
        (C::ContactRequired, _) => tr(
            l,
            [
                "现在没有客服在线，请留下邮箱或手机号，我们会尽快回复。",
                "現在沒有客服在線，請留下電郵或手機號碼，我們會盡快回覆。",
                "No agent is online right now. Please leave an e-mail or phone number and we will get back to you.",
            ],
        ),
        (C::Conflict, _) => tr(
            l,
            [
                "订单刚刚有变动，请再试一次。",
                "訂單剛剛有變動，請再試一次。",
                "The order changed at the same moment. Please try again.",
            ],
        ),
        _ => tr(
            l,
            [
                "系统出错了，请稍后再试。",
                "系統出錯了，請稍後再試。",
                "Something went wrong on our side. Please try again later.",
            ],
        ),
    }
}

/// What a refund in this state means for the shopper.
pub(crate) fn refund(status: RefundStatus, l: Locale) -> String {
    match status {
        RefundStatus::Pending => tr(
            l,
            [
                "退款待处理：收到退货或审核通过后会原路退回。",
                "退款待處理：收到退貨或審核通過後會原路退回。",
                "Refund pending: it goes back to your original payment method once the return arrives or the review is done.",
            ],
        ),
        RefundStatus::Processing => tr(
            l,
            [
                "退款处理中，将原路退回，通常 1–5 个工作日到账。",
                "退款處理中，將原路退回，通常 1–5 個工作天入帳。",
                "Refund in progress to your original payment method; it usually arrives within 1–5 business days.",
            ],
        ),
        RefundStatus::Completed => tr(
            l,
            [
                "退款已完成，已原路退回。若未看到，请查看银行或支付账户明细。",
                "退款已完成，已原路退回。若未看到，請查看銀行或支付帳戶明細。",
                "Refund completed to your original payment method. If you do not see it, check your bank or wallet statement.",
            ],
        ),
        RefundStatus::Rejected => tr(
            l,
            [
                "退款未通过审核，请联系人工客服了解原因。",
                "退款未通過審核，請聯絡真人客服了解原因。",
                "The refund was not approved. Please contact a human agent for the reason.",
            ],
        ),
    }
}

/// The advice that goes with a payment diagnosis.
pub(crate) fn payment_advice(kind: DiagnosisKind, l: Locale) -> String {
    match kind {
        DiagnosisKind::Paid => tr(
            l,
            [
                "已付款成功，无需任何操作。",
                "已付款成功，無需任何操作。",
                "Payment received; nothing to do.",
            ],
        ),
        DiagnosisKind::Failed => tr(
            l,
            [
                "付款没有成功，没有扣款。请换一张卡或换一种支付方式，在订单页重新付款。",
                "付款沒有成功，沒有扣款。請換一張卡或換一種付款方式，在訂單頁重新付款。",
                "The payment did not go through and no money was taken. Please try another card or payment method from the order page.",
            ],
        ),
        DiagnosisKind::Duplicated => tr(
            l,
            [
                "您被重复扣款了，多扣的款项会自动原路退回，无需再次付款。",
                "您被重複扣款了，多扣的款項會自動原路退回，無需再次付款。",
                "You were charged twice. The extra charge is being refunded to your original payment method automatically; do not pay again.",
            ],
        ),
        DiagnosisKind::Pending => tr(
            l,
            [
                "付款正在等待银行确认，请不要重复付款；通常 30 分钟内更新，转账可能需要 1 个工作日。",
                "付款正在等待銀行確認，請不要重複付款；通常 30 分鐘內更新，轉帳可能需要 1 個工作天。",
                "The payment is waiting for the bank's confirmation. Please do not pay again; it usually updates within 30 minutes (bank transfers can take a business day).",
            ],
        ),
        DiagnosisKind::Unpaid => tr(
            l,
            [
                "订单还没有付款，请在订单页完成付款。",
                "訂單還沒有付款，請在訂單頁完成付款。",
                "This order has not been paid yet; you can pay from the order page.",
            ],
        ),
        DiagnosisKind::Refunded => tr(
            l,
            [
                "已付款项已全部退回。",
                "已付款項已全部退回。",
                "What you paid has been refunded in full.",
            ],
        ),
    }
}

/// How to send a return or exchange parcel.
pub(crate) fn return_instructions(code: &str, days: i64, l: Locale) -> String {
    match l {
        Locale::ZhHans => format!(
            "请在 {days} 天内寄回，在包裹外写上退货码 {code}，并保留快递单号。我们收到后 3 个工作日内处理。"
        ),
        Locale::ZhHant => format!(
            "請在 {days} 天內寄回，在包裹外寫上退貨碼 {code}，並保留寄件單號。我們收到後 3 個工作天內處理。"
        ),
        Locale::En => format!(
            "Please send the parcel within {days} days with the return code {code} written on the outside, and keep the shipping receipt. We process it within 3 business days of arrival."
        ),
    }
}

/// What happens after an invoice request.
pub(crate) fn invoice(issued: bool, l: Locale) -> String {
    if issued {
        tr(
            l,
            [
                "发票已开具并发送到邮箱。",
                "發票已開立並寄到電郵。",
                "The invoice has been issued and sent by e-mail.",
            ],
        )
    } else {
        tr(
            l,
            [
                "发票申请已提交，1 个工作日内开具并发送到邮箱。",
                "發票申請已送出，1 個工作天內開立並寄到電郵。",
                "Invoice requested; it will be issued and e-mailed within one business day.",
            ],
        )
    }
}

/// What happens after a handoff.
pub(crate) fn ticket(mode: TicketMode, reference: &str, l: Locale) -> String {
    match (mode, l) {
        (TicketMode::LiveAgent, Locale::ZhHans) => {
            format!("已为您转接人工客服（工单 {reference}），请稍候。")
        }
        (TicketMode::LiveAgent, Locale::ZhHant) => {
            format!("已為您轉接真人客服（工單 {reference}），請稍候。")
        }
        (TicketMode::LiveAgent, Locale::En) => {
            format!("An agent will join shortly (ticket {reference}).")
        }
        (TicketMode::Message, Locale::ZhHans) => format!(
            "现在没有客服在线，您的留言已记录（工单 {reference}），我们会在 24 小时内回复。"
        ),
        (TicketMode::Message, Locale::ZhHant) => format!(
            "現在沒有客服在線，您的留言已記錄（工單 {reference}），我們會在 24 小時內回覆。"
        ),
        (TicketMode::Message, Locale::En) => format!(
            "No agent is online right now. Your message was saved (ticket {reference}) and we will reply within 24 hours."
        ),
    }
}
