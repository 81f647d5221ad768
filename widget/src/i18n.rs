//! The UI's own strings in each locale.

use kefu_protocol::Locale;

/// Every string the chrome of the widget shows.
pub(crate) struct Strings {
    pub(crate) title: &'static str,
    pub(crate) welcome: &'static str,
    pub(crate) placeholder: &'static str,
    pub(crate) send: &'static str,
    pub(crate) close: &'static str,
    pub(crate) typing: &'static str,
    pub(crate) engine_failed: &'static str,
    pub(crate) message_label: &'static str,
}

pub(crate) fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::ZhHans => &ZH_HANS,
        Locale::ZhHant => &ZH_HANT,
        Locale::En => &EN,
    }
}

static EN: Strings = Strings {
    title: "Customer service",
    welcome: "Hi! Ask me about your order, delivery, returns or payment.",
    placeholder: "Type a message…",
    send: "Send",
    close: "Close chat",
    typing: "Assistant is typing",
    engine_failed: "Sorry, I couldn't process that message. Please try again.",
    message_label: "Message",
};

static ZH_HANS: Strings = Strings {
    title: "在线客服",
    welcome: "您好！订单、配送、退换货、付款的问题都可以问我。",
    placeholder: "输入消息…",
    send: "发送",
    close: "关闭对话",
    typing: "客服正在输入",
    engine_failed: "抱歉，这条消息没能处理，请再试一次。",
    message_label: "消息",
};

static ZH_HANT: Strings = Strings {
    title: "線上客服",
    welcome: "您好！訂單、配送、退換貨、付款的問題都可以問我。",
    placeholder: "輸入訊息…",
    send: "傳送",
    close: "關閉對話",
    typing: "客服正在輸入",
    engine_failed: "抱歉，這則訊息沒能處理，請再試一次。",
    message_label: "訊息",
};
