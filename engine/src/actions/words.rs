//! What a shopper's typed answer means when the bot asked a question: yes, no, or an address.

use kefu_api::{Address, Order};
use kefu_model::{Intent, Prediction};

/// The message without spaces and punctuation, lower-cased: what yes/no words are matched on.
fn bare(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const YES: [&str; 22] = [
    "yes",
    "y",
    "yep",
    "yeah",
    "ok",
    "okay",
    "sure",
    "confirm",
    "yesplease",
    "doit",
    "goahead",
    "是",
    "是的",
    "好",
    "好的",
    "对",
    "對",
    "确认",
    "確認",
    "可以",
    "行",
    "嗯",
];
// Not "cancel": after "Cancel order A10293?" it would mean yes to some and no to others.
const NO: [&str; 16] = [
    "no",
    "n",
    "nope",
    "nevermind",
    "dont",
    "notnow",
    "nothanks",
    "不",
    "不要",
    "不用",
    "算了",
    "不是",
    "先不要",
    "没事了",
    "沒事了",
    "别",
];

pub(super) fn is_yes(text: &str, p: &Prediction) -> bool {
    let b = bare(text);
    YES.contains(&b.as_str()) || (p.intent == Intent::Affirm && !NO.contains(&b.as_str()))
}

pub(super) fn is_no(text: &str, p: &Prediction) -> bool {
    let b = bare(text);
    NO.contains(&b.as_str()) || (p.intent == Intent::Deny && !YES.contains(&b.as_str()))
}

/// `recipient, phone, street, city[, postcode]` in any order of phone; the country stays.
pub(super) fn parse_address(text: &str, order: &Order) -> Option<Address> {
    let parts: Vec<&str> = text
        .split([',', '，', ';', '；', '\n', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let phone_at = parts
        .iter()
        .position(|p| p.parse::<kefu_api::Phone>().is_ok())?;
    let phone = parts[phone_at].parse().ok()?;
    let rest: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != phone_at)
        .map(|(_, p)| *p)
        .collect();
    let [recipient, line1, city, tail @ ..] = rest.as_slice() else {
        return None;
    };
    let postcode = match tail {
        [] => None,
        [p] => Some(p.parse().ok()?),
        _ => return None,
    };
    Some(Address {
        recipient: recipient.parse().ok()?,
        phone,
        line1: line1.parse().ok()?,
        line2: None,
        city: city.parse().ok()?,
        postcode,
        country: order.shipping_address.country.clone(),
    })
}
