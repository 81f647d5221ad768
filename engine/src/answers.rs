//! Answers from the merchant's FAQ: a confident entry, or the closest entries to choose from.
//!
//! The FAQ is consulted for knowledge questions, for what the model calls
//! out of scope or a complaint (a merchant's file may cover what the model
//! was never taught), and for action intents the model is unsure of. Below
//! the index's threshold the engine never guesses: it says so and offers the
//! closest entries and a human.

use kefu_faq::{Entry, Faq, Query};
use kefu_model::{Intent, Prediction};

use crate::lang::detect_locale;
use crate::{Action, Choice, Locale, Reply, Source};

/// An action intent at least this confident goes to the order flows, not the FAQ.
const ACTION_CONFIDENCE: f32 = 0.6;
/// How many entries a "not sure" reply offers.
const SUGGESTIONS: usize = 3;
/// Candidates scoring below this share of the threshold are not worth offering.
const SUGGESTION_FLOOR: f32 = 0.5;
/// How far above the threshold an FAQ match must be to answer a message the
/// model reads as a complaint or out of scope.
const NOT_A_QUESTION_MARGIN: f32 = 1.25;

/// Whether the FAQ should be asked about this message.
pub(crate) fn wants_faq(p: &Prediction) -> bool {
    match p.intent {
        i if i.is_knowledge() => true,
        Intent::OutOfScope | Intent::Complaint => true,
        i if i.is_action() => p.intent_confidence < ACTION_CONFIDENCE,
        _ => false,
    }
}

/// The FAQ's reply, or `None` when it has nothing to say and the policy should answer.
pub(crate) fn from_faq(
    faq: &Faq,
    query: &Query,
    understood: &Prediction,
    locale: Locale,
) -> Option<Reply> {
    let top = faq.search_query(query, SUGGESTIONS);
    let threshold = faq.threshold();
    // The model read a complaint or something out of scope, not a question:
    // only a clear match overrides it, not one that barely shares words.
    let bar = if understood.intent.is_knowledge() || understood.intent.is_action() {
        threshold
    } else {
        threshold * NOT_A_QUESTION_MARGIN
    };
    let confident = top.first().filter(|m| m.score >= bar);
    if let Some((best, entry)) = confident.and_then(|m| faq.entry(m.entry).map(|e| (m, e))) {
        let mut reply = answer(faq, entry, locale);
        reply.source = Source::Faq {
            id: entry.id.clone(),
            score: best.score,
        };
        reply.understood = Some(understood.clone());
        return Some(reply);
    }
    // Out of scope or a complaint, with no confident entry: the policy's honest
    // words and a human, not a list of unrelated entries.
    if !understood.intent.is_knowledge() && !understood.intent.is_action() {
        return None;
    }
    let offered: Vec<&Entry> = top
        .iter()
        .filter(|m| m.score >= threshold * SUGGESTION_FLOOR)
        .filter_map(|m| faq.entry(m.entry))
        .collect();
    // An unsure action with nothing near it goes on to the order flows.
    if offered.is_empty() && !understood.intent.is_knowledge() {
        return None;
    }
    let mut choices: Vec<Choice> = offered
        .iter()
        .map(|e| Choice {
            label: label(e, locale),
            action: Action::Faq(e.id.clone()),
        })
        .collect();
    choices.push(human_choice(locale));
    Some(Reply {
        text: not_sure(locale, !offered.is_empty()).to_owned(),
        locale,
        understood: Some(understood.clone()),
        source: Source::NotSure,
        links: Vec::new(),
        choices,
        cards: Vec::new(),
    })
}

/// The reply to a knowledge question when the widget has no FAQ (its index did not load).
pub(crate) fn no_faq(understood: Prediction, locale: Locale) -> Reply {
    let text = match locale {
        Locale::En => "I can't open the shop's answers right now. A person from the shop can help.",
        Locale::ZhHans => "暂时打不开店铺的常见问题解答，可以请人工客服帮您。",
        Locale::ZhHant => "暫時打不開商店的常見問題解答，可以請真人客服幫您。",
    };
    Reply {
        text: text.to_owned(),
        locale,
        understood: Some(understood),
        source: Source::NotSure,
        links: Vec::new(),
        choices: vec![human_choice(locale)],
        cards: Vec::new(),
    }
}

/// The answer of the entry `id` (a pressed suggestion).
pub(crate) fn entry_by_id(faq: Option<&Faq>, id: &str, locale: Locale) -> Reply {
    let found = faq.and_then(|f| {
        f.knowledge()
            .entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| (f, e))
    });
    match found {
        Some((faq, entry)) => {
            let mut reply = answer(faq, entry, locale);
            reply.source = Source::Faq {
                id: entry.id.clone(),
                score: 1.0,
            };
            reply
        }
        None => Reply {
            text: not_sure(locale, false).to_owned(),
            locale,
            understood: None,
            source: Source::NotSure,
            links: Vec::new(),
            choices: vec![human_choice(locale)],
            cards: Vec::new(),
        },
    }
}

fn answer(faq: &Faq, entry: &Entry, locale: Locale) -> Reply {
    let (shown, text) = entry.answer(locale, faq.knowledge().default_locale);
    Reply {
        text: text.to_owned(),
        locale: shown,
        understood: None,
        source: Source::NotSure,
        links: entry.links.clone(),
        choices: Vec::new(),
        cards: Vec::new(),
    }
}

/// A suggestion's button text: the entry's first example question in the
/// shopper's language (either Chinese script counts), else its first one.
fn label(entry: &Entry, locale: Locale) -> String {
    let same = |q: &&String| {
        detect_locale(q).is_some_and(|l| l == locale || (l.is_chinese() && locale.is_chinese()))
    };
    entry
        .questions
        .iter()
        .find(same)
        .or_else(|| entry.questions.first())
        .cloned()
        .unwrap_or_else(|| entry.id.clone())
}

pub(crate) fn human_choice(locale: Locale) -> Choice {
    Choice {
        label: match locale {
            Locale::En => "Talk to a person",
            Locale::ZhHans => "转人工客服",
            Locale::ZhHant => "轉真人客服",
        }
        .to_owned(),
        action: Action::Human,
    }
}

fn not_sure(locale: Locale, with_suggestions: bool) -> &'static str {
    match (locale, with_suggestions) {
        (Locale::En, true) => "I'm not sure I have the right answer. Is it one of these?",
        (Locale::En, false) => {
            "I'm not sure I have an answer to that. A person from the shop can help."
        }
        (Locale::ZhHans, true) => "我不太确定答案，您问的是下面哪一个？",
        (Locale::ZhHans, false) => "这个问题我不太确定怎么回答，可以请人工客服帮您。",
        (Locale::ZhHant, true) => "我不太確定答案，您問的是下面哪一個？",
        (Locale::ZhHant, false) => "這個問題我不太確定怎麼回答，可以請真人客服幫您。",
    }
}
