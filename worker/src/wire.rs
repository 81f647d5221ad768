//! The engine's types in the wire format of `kefu-protocol`, and back.

use kefu_engine::{Goal, Locale as EngineLocale};
use kefu_protocol::{Action, Card, CardKind, Choice, Event, Field, Link, Locale, Reply};

/// The engine's reply in the wire format; `engine_us` is what the engine spent on it.
pub(crate) fn reply(r: kefu_engine::Reply, engine_us: f64) -> Reply {
    let faq_id = match &r.source {
        kefu_engine::Source::Faq { id, .. } => Some(id.clone()),
        _ => None,
    };
    Reply {
        locale: from_engine(r.locale),
        intent: r.understood.as_ref().map(|u| u.intent.as_str().to_owned()),
        intent_confidence: r.understood.as_ref().map_or(0.0, |u| u.intent_confidence),
        sentiment: r
            .understood
            .as_ref()
            .map(|u| u.sentiment.as_str().to_owned()),
        faq_id,
        links: r
            .links
            .into_iter()
            .map(|l| Link {
                label: l.label,
                url: l.url,
            })
            .collect(),
        choices: r
            .choices
            .into_iter()
            .map(|c| Choice {
                label: c.label,
                action: action_to_wire(c.action),
            })
            .collect(),
        cards: r.cards.into_iter().map(card).collect(),
        text: r.text,
        engine_us,
    }
}

fn card(c: kefu_engine::Card) -> Card {
    Card {
        kind: match c.kind {
            kefu_engine::CardKind::Order => CardKind::Order,
            kefu_engine::CardKind::Tracking => CardKind::Tracking,
            kefu_engine::CardKind::Return => CardKind::Return,
            kefu_engine::CardKind::Refund => CardKind::Refund,
            kefu_engine::CardKind::Payment => CardKind::Payment,
        },
        title: c.title,
        badge: c.badge,
        fields: c
            .fields
            .into_iter()
            .map(|(label, value)| Field { label, value })
            .collect(),
        lines: c.lines,
        events: c
            .events
            .into_iter()
            .map(|(at, what)| Event { at, what })
            .collect(),
    }
}

fn action_to_wire(a: kefu_engine::Action) -> Action {
    match a {
        kefu_engine::Action::Faq(id) => Action::Faq { id },
        kefu_engine::Action::Human => Action::Human,
        kefu_engine::Action::Yes => Action::Yes,
        kefu_engine::Action::No => Action::No,
        kefu_engine::Action::Pick(value) => Action::Pick { value },
        kefu_engine::Action::Start { goal, order } => Action::Start {
            goal: goal.as_str().to_owned(),
            order,
        },
    }
}

/// A pressed button back in the engine's terms; `None` for a goal no engine sends.
pub(crate) fn action(a: Action) -> Option<kefu_engine::Action> {
    Some(match a {
        Action::Faq { id } => kefu_engine::Action::Faq(id),
        Action::Human => kefu_engine::Action::Human,
        Action::Yes => kefu_engine::Action::Yes,
        Action::No => kefu_engine::Action::No,
        Action::Pick { value } => kefu_engine::Action::Pick(value),
        Action::Start { goal, order } => kefu_engine::Action::Start {
            goal: Goal::from_name(&goal)?,
            order,
        },
    })
}

pub(crate) fn to_engine(l: Locale) -> EngineLocale {
    match l {
        Locale::ZhHans => EngineLocale::ZhHans,
        Locale::ZhHant => EngineLocale::ZhHant,
        Locale::En => EngineLocale::En,
    }
}

fn from_engine(l: EngineLocale) -> Locale {
    match l {
        EngineLocale::ZhHans => Locale::ZhHans,
        EngineLocale::ZhHant => Locale::ZhHant,
        EngineLocale::En => Locale::En,
    }
}
