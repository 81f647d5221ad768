//! A deterministic knowledge base of any size, for benchmarks: realistic lengths and scripts, no real shop.

use kefu_model::Locale;

use crate::knowledge::{Entry, KnowledgeBase};

const PRODUCTS: [(&str, &str); 20] = [
    ("羽绒服", "down jacket"),
    ("跑步鞋", "running shoes"),
    ("保温杯", "vacuum flask"),
    ("蓝牙耳机", "wireless earbuds"),
    ("床上四件套", "bedding set"),
    ("面霜", "face cream"),
    ("充电器", "charger"),
    ("双肩包", "backpack"),
    ("连衣裙", "dress"),
    ("牛仔裤", "jeans"),
    ("电饭煲", "rice cooker"),
    ("台灯", "desk lamp"),
    ("手机壳", "phone case"),
    ("行李箱", "suitcase"),
    ("瑜伽垫", "yoga mat"),
    ("咖啡机", "coffee machine"),
    ("围巾", "scarf"),
    ("智能手表", "smart watch"),
    ("儿童玩具", "kids toy"),
    ("香水", "perfume"),
];

const TOPICS: [(&str, &str, &str, &str); 10] = [
    (
        "{p}什么时候发货",
        "When does the {p} ship?",
        "{p}付款后 48 小时内发货。",
        "The {p} ships within 48 hours of payment.",
    ),
    (
        "{p}可以退货吗",
        "Can I return the {p}?",
        "{p}支持七天无理由退货，需保持吊牌完整。",
        "The {p} can be returned within 7 days if unused.",
    ),
    (
        "{p}有哪些颜色",
        "What colours does the {p} come in?",
        "{p}有黑色、白色和灰色三种颜色。",
        "The {p} comes in black, white and grey.",
    ),
    (
        "{p}保修多久",
        "How long is the {p} warranty?",
        "{p}享受一年质保，非人为损坏免费维修。",
        "The {p} has a one-year warranty.",
    ),
    (
        "{p}怎么清洗",
        "How do I clean the {p}?",
        "{p}请用温水手洗，不要暴晒。",
        "Hand-wash the {p} in warm water and keep it out of direct sun.",
    ),
    (
        "{p}有优惠券吗",
        "Is there a coupon for the {p}?",
        "{p}满 199 减 20，券在商品页领取。",
        "Spend 199 on the {p} and get 20 off with the coupon on its page.",
    ),
    (
        "{p}什么时候补货",
        "When will the {p} be back in stock?",
        "{p}预计两周内补货，可点击到货提醒。",
        "The {p} should be back within two weeks; tap 'notify me'.",
    ),
    (
        "{p}尺码怎么选",
        "Which size of {p} should I pick?",
        "{p}按平时尺码选择即可，详见尺码表。",
        "Pick your usual size for the {p}; see the size chart.",
    ),
    (
        "{p}是什么材质",
        "What is the {p} made of?",
        "{p}采用环保材料，通过质检。",
        "The {p} is made of certified eco-friendly materials.",
    ),
    (
        "{p}可以开发票吗",
        "Can I get an invoice for the {p}?",
        "{p}可在订单详情页申请电子发票。",
        "Request an e-invoice for the {p} on the order page.",
    ),
];

/// A knowledge base of `n` entries (products × topics, then numbered
/// variants), two example questions and two answers each.
pub fn synthetic_knowledge(n: usize) -> KnowledgeBase {
    let mut entries = Vec::with_capacity(n);
    for i in 0..n {
        let (zh, en) = PRODUCTS[i % PRODUCTS.len()];
        let (qz, qe, az, ae) = TOPICS[(i / PRODUCTS.len()) % TOPICS.len()];
        let round = i / (PRODUCTS.len() * TOPICS.len());
        let variant = if round == 0 {
            String::new()
        } else {
            format!(" {round}号款")
        };
        let zh_name = format!("{zh}{variant}");
        let en_name = if round == 0 {
            en.to_owned()
        } else {
            format!("{en} model {round}")
        };
        entries.push(Entry {
            id: format!("entry-{i}"),
            intent: None,
            questions: vec![qz.replace("{p}", &zh_name), qe.replace("{p}", &en_name)],
            answers: vec![
                (Locale::ZhHans, az.replace("{p}", &zh_name)),
                (Locale::En, ae.replace("{p}", &en_name)),
            ],
            links: Vec::new(),
        });
    }
    KnowledgeBase {
        shop_name: "Benchmark shop".to_owned(),
        default_locale: Locale::ZhHans,
        entries,
    }
}
