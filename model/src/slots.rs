//! Slot extraction: order numbers, tracking numbers, phone numbers and e-mails in a message.
//!
//! Hand-written scanners rather than `regex`: the rules are few, and the regex
//! engine would add hundreds of kilobytes to the widget's WebAssembly.

use std::ops::Range;

/// What kind of identifier a slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SlotKind {
    /// A shop order number (`A10293`, `ORD-55821`, `2023112512345`).
    OrderId,
    /// A carrier tracking number (`SF1234567890123`, `1Z999AA10123456784`).
    TrackingNumber,
    /// A phone number (`13812345678`, `0912-345-678`, `+1 415 555 0132`).
    Phone,
    /// An e-mail address.
    Email,
    /// Any other number (quantities, prices, sizes).
    Number,
}

/// One identifier found in a message: its kind, its text and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// What the identifier is.
    pub kind: SlotKind,
    /// The identifier as the shopper typed it, without surrounding `#` or punctuation.
    pub value: String,
    /// Byte range of the identifier in the scanned text.
    pub span: Range<usize>,
}

impl SlotKind {
    /// The placeholder token the featurizer puts in place of the slot.
    pub fn placeholder(self) -> &'static str {
        match self {
            SlotKind::OrderId => "<order>",
            SlotKind::TrackingNumber => "<tracking>",
            SlotKind::Phone => "<phone>",
            SlotKind::Email => "<email>",
            SlotKind::Number => "<num>",
        }
    }
}

/// Carrier prefixes that make a letters+digits identifier a tracking number.
const CARRIER_PREFIXES: [&str; 14] = [
    "SF", "YT", "JD", "JDV", "ZTO", "YD", "JT", "STO", "EMS", "DPK", "UPS", "LP", "CN", "TBA",
];
/// Words just before a number that say it is a tracking number.
const TRACKING_CUES: [&str; 11] = [
    "tracking",
    "track",
    "waybill",
    "快递单",
    "运单",
    "物流单",
    "貨運單",
    "物流單",
    "追踪",
    "追蹤",
    "包裹",
];
/// Words just before a number that say it is an order number.
const ORDER_CUES: [&str; 3] = ["order", "订单", "訂單"];

/// Finds every identifier in `text`, left to right, without overlaps.
///
/// Works on the text as typed (after NFKC, before case folding) because
/// identifiers are case-sensitive for the shop backend.
pub fn extract_slots(text: &str) -> Vec<Slot> {
    let mut slots = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_id_byte(bytes[i]) && bytes[i] != b'+' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < bytes.len() && (is_id_byte(bytes[end]) || bytes[end] == b'@') {
            end += 1;
        }
        let (phone_end, is_phone) = scan_spaced_phone(bytes, start);
        let end = if is_phone { end.max(phone_end) } else { end };
        let raw = &text[start..end];
        if let Some(slot) = classify(text, start, raw) {
            slots.push(slot);
        }
        i = end;
    }
    slots
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'#')
}

/// A phone number written with spaces (`+1 415 555 0132`) starts with `+`.
fn scan_spaced_phone(bytes: &[u8], start: usize) -> (usize, bool) {
    if bytes[start] != b'+' {
        return (start, false);
    }
    let mut end = start + 1;
    let mut digits = 0;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || matches!(bytes[end], b' ' | b'-')) {
        if bytes[end].is_ascii_digit() {
            digits += 1;
        }
        end += 1;
    }
    while end > start && !bytes[end - 1].is_ascii_digit() {
        end -= 1;
    }
    (end, (8..=15).contains(&digits))
}

fn classify(text: &str, start: usize, raw: &str) -> Option<Slot> {
    let trimmed_front = raw.trim_start_matches(['#', '-', '.', '_']);
    let value = trimmed_front.trim_end_matches(['-', '.', '_', '#']);
    if value.is_empty() {
        return None;
    }
    let offset = start + (raw.len() - trimmed_front.len());
    let span = offset..offset + value.len();
    let slot = |kind| {
        Some(Slot {
            kind,
            value: value.to_owned(),
            span: span.clone(),
        })
    };
    if is_email(value) {
        return slot(SlotKind::Email);
    }
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    if value.starts_with('+') || is_phone(value) {
        return slot(SlotKind::Phone);
    }
    let cue = cue_before(text, start);
    let letters: String = value
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let upper = letters.to_ascii_uppercase();
    let alnum_len = value.bytes().filter(u8::is_ascii_alphanumeric).count();
    if alnum_len < 4 || (alnum_len < 5 && cue.is_none()) {
        return slot(SlotKind::Number);
    }
    let tracking_shape = (value.len() == 18 && upper.starts_with("1Z"))
        || value.to_ascii_uppercase().starts_with("1Z") && alnum_len >= 16
        || (CARRIER_PREFIXES.contains(&upper.as_str()) && digits >= 9);
    match cue {
        Some(SlotKind::TrackingNumber) if digits >= 6 => slot(SlotKind::TrackingNumber),
        Some(SlotKind::OrderId) => slot(SlotKind::OrderId),
        _ if tracking_shape => slot(SlotKind::TrackingNumber),
        _ if digits >= 4 => slot(SlotKind::OrderId),
        _ => slot(SlotKind::Number),
    }
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Mainland mobile (11 digits from 13–19) and Taiwan mobile (09 + 8 digits).
fn is_phone(value: &str) -> bool {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let only_digits_and_dashes = value.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if !only_digits_and_dashes {
        return false;
    }
    let cn = digits.len() == 11
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9');
    let tw = digits.len() == 10 && digits.starts_with("09");
    cn || tw
}

/// How far back a cue word may stand ("my tracking number is …").
const CUE_WINDOW_CHARS: usize = 24;

/// Looks a few characters back for a word that says what the number is.
fn cue_before(text: &str, start: usize) -> Option<SlotKind> {
    let before = &text[..start];
    let skip = before.chars().count().saturating_sub(CUE_WINDOW_CHARS);
    let window: String = before.chars().skip(skip).collect();
    let window = window.to_lowercase();
    let last = |cues: &[&str]| cues.iter().filter_map(|c| window.rfind(c)).max();
    match (last(&TRACKING_CUES), last(&ORDER_CUES)) {
        (Some(t), Some(o)) if t >= o => Some(SlotKind::TrackingNumber),
        (Some(_), None) => Some(SlotKind::TrackingNumber),
        (_, Some(_)) => Some(SlotKind::OrderId),
        (None, None) => None,
    }
}
