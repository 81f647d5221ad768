//! Public datasets from `shared/data`, mapped onto the label set of `intents.md`.
//!
//! Each source says where it comes from and its license as its README states
//! it; `--exclude-source` and `--licensed-only` drop sources for merchants
//! whose lawyers want that. Mappings are deliberately conservative: an
//! original label is used only where it means the same as one of ours.

use std::path::Path;

use anyhow::{Context, Result};
use kefu_model::{Intent, Sentiment};
use serde::Deserialize;

use super::data::Example;

/// One public dataset the trainer can use.
pub(crate) struct Source {
    pub(crate) name: &'static str,
    pub(crate) task: &'static str,
    pub(crate) license: &'static str,
    /// Whether the upstream README states a license at all.
    pub(crate) license_stated: bool,
    pub(crate) mapping: &'static str,
    load: fn(&Path) -> Result<Vec<Example>>,
}

/// Every public source, in the order the model card lists them.
pub(crate) const SOURCES: [Source; 7] = [
    Source {
        name: "bitext_customer_support_en",
        task: "intent (en)",
        license: "CDLA-Sharing-1.0",
        license_stated: true,
        mapping: "cancel_order, change_order→modify_order, change_shipping_address→change_address, get/check_invoice→invoice_request, check_payment_methods→payment_methods, check_refund_policy→return_policy, complaint, contact_human_agent/contact_customer_service→human_agent, account intents (create/delete/edit/switch account, recover_password, registration_problems, newsletter_subscription)→account_help, delivery_options/delivery_period→shipping_info, get_refund→return_request, track_refund→refund_status, track_order→order_status, payment_issue; not used: place_order, review, check_cancellation_fee, set_up_shipping_address (no sound equivalent). At most 250 rows per original intent.",
        load: load_bitext,
    },
    Source {
        name: "clinc150_oos_en",
        task: "intent + out-of-scope (en)",
        license: "CC BY 3.0",
        license_stated: true,
        mapping: "train split only (validation is the out-of-scope evaluation): greeting, goodbye, thank_you→thanks, yes→affirm, no→deny; `oos` and the unrelated domains→out_of_scope (at most 50 rows per unrelated domain, all `oos` rows); shop-like intents left out: order, order_status, shopping_list(_update), card_declined, pay_bill, bill_balance, bill_due, transactions, spending_history, rewards_balance, redeem_rewards, international_fees, report_fraud, damaged_card, replacement_card_duration, new_card, expiration_date, what_can_i_ask_you, are_you_a_bot, maybe, cancel, repeat.",
        load: load_clinc,
    },
    Source {
        name: "online_shopping_10_cats_zh",
        task: "sentiment (zh-Hans, binary)",
        license: "none stated",
        license_stated: false,
        mapping: "label 0→negative, 1→positive; one tenth (by text hash) is held out as this project's validation split; at most 45000 training rows.",
        load: load_online_shopping,
    },
    Source {
        name: "waimai_10k_zh",
        task: "sentiment (zh-Hans, binary)",
        license: "none stated",
        license_stated: false,
        mapping: "label 0→negative, 1→positive; at most 9000 rows.",
        load: load_waimai,
    },
    Source {
        name: "womens_clothing_reviews_en",
        task: "sentiment (en, 3 classes)",
        license: "CC0 (Kaggle original)",
        license_stated: true,
        mapping: "1–2 stars→negative, 3→neutral, 4–5→positive; at most 1500 rows per rating.",
        load: load_womens,
    },
    Source {
        name: "amazon_polarity_sample_en",
        task: "sentiment (en, binary)",
        license: "none in mirror (HF card: Apache-2.0)",
        license_stated: false,
        mapping: "__label__1→negative, __label__2→positive; at most 2000 rows.",
        load: load_amazon,
    },
    Source {
        name: "uci_sentiment_sentences_en",
        task: "sentiment (en, binary)",
        license: "CC BY 4.0",
        license_stated: true,
        mapping: "0→negative, 1→positive; all rows.",
        load: load_uci,
    },
];

impl Source {
    /// The rows of this source that are for training (own validation carve excluded).
    pub(crate) fn load(&self, data_root: &Path) -> Result<Vec<Example>> {
        (self.load)(&data_root.join(self.name))
            .with_context(|| format!("loading public source {}", self.name))
    }
}

/// Whether a row belongs to this project's validation carve of a public source.
pub(crate) fn is_validation(text: &str) -> bool {
    fnv(text).is_multiple_of(10)
}

#[derive(Deserialize)]
struct Row {
    text: String,
    #[serde(default)]
    intent_unified: Option<String>,
    #[serde(default)]
    intent: Option<String>,
    #[serde(default)]
    sentiment: Option<String>,
    #[serde(default)]
    rating: Option<u8>,
}

fn rows(path: &Path) -> Result<Vec<Row>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1))
        })
        .collect()
}

fn example(
    text: String,
    lang: &str,
    intent: Option<Intent>,
    sentiment: Option<Sentiment>,
    source: &'static str,
) -> Example {
    Example {
        text,
        lang: lang.to_owned(),
        intent,
        sentiment,
        source,
    }
}

/// Keeps at most `cap` rows per key, chosen by text hash so the choice is stable.
fn cap_per_key<K: Ord + Clone>(items: Vec<(K, Example)>, cap: usize) -> Vec<Example> {
    window_per_key(items, 0, cap)
}

/// Per key, orders rows by text hash and keeps those ranked `skip..skip + take`.
fn window_per_key<K: Ord + Clone>(
    mut items: Vec<(K, Example)>,
    skip: usize,
    take: usize,
) -> Vec<Example> {
    items.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(fnv(&a.1.text).cmp(&fnv(&b.1.text)))
            .then(a.1.text.cmp(&b.1.text))
    });
    let mut out = Vec::new();
    let mut current: Option<K> = None;
    let mut rank = 0;
    for (k, e) in items {
        if current.as_ref() != Some(&k) {
            current = Some(k.clone());
            rank = 0;
        }
        if (skip..skip + take).contains(&rank) {
            out.push(e);
        }
        rank += 1;
    }
    out
}

/// Training rows taken from each unrelated CLINC domain.
const CLINC_DOMAIN_ROWS: usize = 50;

/// CLINC *train* queries from unrelated domains that the trainer does not use
/// (the 15 ranked after [`CLINC_DOMAIN_ROWS`] in each intent): the set the out-of-scope threshold is fitted
/// on. CLINC's validation split stays untouched for the evaluation.
pub(crate) fn clinc_calibration(data_root: &Path) -> Result<Vec<String>> {
    let dir = data_root.join("clinc150_oos_en");
    let mut items = Vec::new();
    for r in rows(&dir.join("train.jsonl"))? {
        let Some(original) = r.intent else { continue };
        let conversational = [
            "greeting",
            "goodbye",
            "thank_you",
            "yes",
            "no",
            "oos",
            "repeat",
        ];
        if CLINC_LEFT_OUT.contains(&original.as_str())
            || conversational.contains(&original.as_str())
        {
            continue;
        }
        items.push((
            original,
            example(
                r.text,
                "en",
                Some(Intent::OutOfScope),
                None,
                "clinc150_oos_en",
            ),
        ));
    }
    Ok(window_per_key(items, CLINC_DOMAIN_ROWS, 15)
        .into_iter()
        .map(|e| e.text)
        .collect())
}

/// The label a Bitext intent maps to, or `None` where no label means the same.
fn bitext_intent(original: &str) -> Option<Intent> {
    Some(match original {
        "cancel_order" => Intent::CancelOrder,
        "change_order" => Intent::ModifyOrder,
        "change_shipping_address" => Intent::ChangeAddress,
        "get_invoice" | "check_invoice" => Intent::InvoiceRequest,
        "check_payment_methods" => Intent::PaymentMethods,
        "check_refund_policy" => Intent::ReturnPolicy,
        "complaint" => Intent::Complaint,
        "contact_human_agent" | "contact_customer_service" => Intent::HumanAgent,
        "create_account"
        | "delete_account"
        | "edit_account"
        | "switch_account"
        | "recover_password"
        | "registration_problems"
        | "newsletter_subscription" => Intent::AccountHelp,
        "delivery_options" | "delivery_period" => Intent::ShippingInfo,
        "get_refund" => Intent::ReturnRequest,
        "track_refund" => Intent::RefundStatus,
        "track_order" => Intent::OrderStatus,
        "payment_issue" => Intent::PaymentIssue,
        _ => return None,
    })
}

fn load_bitext(dir: &Path) -> Result<Vec<Example>> {
    let mut items = Vec::new();
    for r in rows(&dir.join("train.jsonl"))? {
        let Some(original) = r.intent_unified.or(r.intent) else {
            continue;
        };
        let Some(mapped) = bitext_intent(&original) else {
            continue;
        };
        if is_validation(&r.text) {
            continue;
        }
        items.push((
            original,
            example(
                r.text,
                "en",
                Some(mapped),
                None,
                "bitext_customer_support_en",
            ),
        ));
    }
    Ok(cap_per_key(items, 250))
}

/// This project's validation carve of Bitext, mapped onto the label set:
/// customer-support requests written by others than this project.
pub(crate) fn bitext_validation(data_root: &Path) -> Result<Vec<(String, Intent)>> {
    let path = data_root
        .join("bitext_customer_support_en")
        .join("train.jsonl");
    Ok(rows(&path)?
        .into_iter()
        .filter(|r| is_validation(&r.text))
        .filter_map(|r| {
            let original = r.intent_unified.or(r.intent)?;
            Some((r.text, bitext_intent(&original)?))
        })
        .collect())
}

/// CLINC intents too close to a shop's business to call out of scope.
const CLINC_LEFT_OUT: [&str; 22] = [
    "order",
    "order_status",
    "shopping_list",
    "shopping_list_update",
    "card_declined",
    "pay_bill",
    "bill_balance",
    "bill_due",
    "transactions",
    "spending_history",
    "rewards_balance",
    "redeem_rewards",
    "international_fees",
    "report_fraud",
    "damaged_card",
    "replacement_card_duration",
    "new_card",
    "expiration_date",
    "what_can_i_ask_you",
    "are_you_a_bot",
    "maybe",
    "cancel",
];

fn load_clinc(dir: &Path) -> Result<Vec<Example>> {
    // Conversational intents and `oos` keep up to 100 rows each; every
    // unrelated domain gives [`CLINC_DOMAIN_ROWS`].
    let (mut whole, mut domains) = (Vec::new(), Vec::new());
    for r in rows(&dir.join("train.jsonl"))? {
        let Some(original) = r.intent else { continue };
        if CLINC_LEFT_OUT.contains(&original.as_str()) || original == "repeat" {
            continue;
        }
        let (mapped, group) = match original.as_str() {
            "greeting" => (Intent::Greeting, &mut whole),
            "goodbye" => (Intent::Goodbye, &mut whole),
            "thank_you" => (Intent::Thanks, &mut whole),
            "yes" => (Intent::Affirm, &mut whole),
            "no" => (Intent::Deny, &mut whole),
            "oos" => (Intent::OutOfScope, &mut whole),
            _ => (Intent::OutOfScope, &mut domains),
        };
        group.push((
            original,
            example(r.text, "en", Some(mapped), None, "clinc150_oos_en"),
        ));
    }
    let mut out = cap_per_key(whole, 100);
    out.extend(cap_per_key(domains, CLINC_DOMAIN_ROWS));
    Ok(out)
}

fn binary_sentiment(
    dir: &Path,
    source: &'static str,
    lang: &str,
    cap: usize,
    carve: bool,
) -> Result<Vec<Example>> {
    let mut items = Vec::new();
    for r in rows(&dir.join("train.jsonl"))? {
        let Some(s) = r
            .sentiment
            .as_deref()
            .and_then(|s| s.parse::<Sentiment>().ok())
        else {
            continue;
        };
        if carve && is_validation(&r.text) {
            continue;
        }
        items.push((s, example(r.text, lang, None, Some(s), source)));
    }
    Ok(cap_per_key(items, cap / 2))
}

fn load_online_shopping(dir: &Path) -> Result<Vec<Example>> {
    binary_sentiment(dir, "online_shopping_10_cats_zh", "zh-Hans", 45_000, true)
}

fn load_waimai(dir: &Path) -> Result<Vec<Example>> {
    binary_sentiment(dir, "waimai_10k_zh", "zh-Hans", 9000, true)
}

fn load_amazon(dir: &Path) -> Result<Vec<Example>> {
    binary_sentiment(dir, "amazon_polarity_sample_en", "en", 2000, true)
}

fn load_uci(dir: &Path) -> Result<Vec<Example>> {
    binary_sentiment(dir, "uci_sentiment_sentences_en", "en", 10_000, true)
}

fn load_womens(dir: &Path) -> Result<Vec<Example>> {
    let mut items = Vec::new();
    for r in rows(&dir.join("train.jsonl"))? {
        let Some(rating) = r.rating else { continue };
        let s = match rating {
            1 | 2 => Sentiment::Negative,
            3 => Sentiment::Neutral,
            _ => Sentiment::Positive,
        };
        if is_validation(&r.text) {
            continue;
        }
        items.push((
            rating,
            example(r.text, "en", None, Some(s), "womens_clothing_reviews_en"),
        ));
    }
    Ok(cap_per_key(items, 1500))
}

/// The validation carve of one source: rows the trainer never sees.
pub(crate) fn validation_rows(
    data_root: &Path,
    source: &str,
) -> Result<Vec<(String, Option<Sentiment>)>> {
    let path = data_root.join(source).join("train.jsonl");
    Ok(rows(&path)?
        .into_iter()
        .filter(|r| is_validation(&r.text))
        .map(|r| {
            let s = r.sentiment.as_deref().and_then(|s| s.parse().ok());
            (r.text, s)
        })
        .collect())
}

fn fnv(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in text.as_bytes() {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}
