//! Asking what to change (which item, which size, why it goes back, where to) and the
//! confirmation before any change is sent: nothing changes an order without a Yes.

use kefu_api::{
    Address, AddressChange, ItemChange, ItemsChange, Order, ReturnKind, ReturnLine, ReturnReason,
    ReturnRequest,
};

use super::calls::Call;
use super::cards::item_name;
use super::flow::Awaiting;
use super::outcome::reply;
use super::{Conversation, Goal, Turn, say};
use crate::{Action, Choice, Locale};

/// Reasons offered for a return, in this order.
pub(super) const REASONS: [ReturnReason; 6] = [
    ReturnReason::WrongSize,
    ReturnReason::Damaged,
    ReturnReason::NotAsDescribed,
    ReturnReason::WrongItem,
    ReturnReason::ChangedMind,
    ReturnReason::Other,
];

pub(super) fn ask_item(
    conv: &mut Conversation,
    goal: Goal,
    order: Box<Order>,
    items: &[i64],
    l: Locale,
) -> Turn {
    let choices = order
        .items
        .iter()
        .filter(|i| items.contains(&i.id))
        .map(|i| Choice {
            label: format!(
                "{} × {}",
                item_name(i),
                i.quantity - i.returned_quantity.min(i.quantity)
            ),
            action: Action::Pick(i.id.to_string()),
        })
        .collect();
    conv.awaiting = Awaiting::PickItem { goal, order };
    with_choices(reply(conv, l, say::pick_item(l)), choices)
}

pub(super) fn ask_reason(
    conv: &mut Conversation,
    goal: Goal,
    order: Box<Order>,
    item: i64,
    l: Locale,
) -> Turn {
    let reasons: &[ReturnReason] = if goal == Goal::Exchange {
        &REASONS[..5]
    } else {
        &REASONS
    };
    let choices = reasons
        .iter()
        .map(|r| Choice {
            label: say::reason(l, *r).to_owned(),
            action: Action::Pick(reason_code(*r).to_owned()),
        })
        .collect();
    conv.awaiting = Awaiting::PickReason { goal, order, item };
    with_choices(reply(conv, l, say::pick_reason(l)), choices)
}

pub(super) fn ask_size(
    conv: &mut Conversation,
    order: Box<Order>,
    item: i64,
    reason: ReturnReason,
    l: Locale,
) -> Turn {
    let Some(it) = order.items.iter().find(|i| i.id == item) else {
        return reply(conv, l, say::pick_item(l));
    };
    let choices = it
        .available_sizes
        .iter()
        .filter(|s| Some(*s) != it.size.as_ref())
        .map(|s| Choice {
            label: s.clone(),
            action: Action::Pick(s.clone()),
        })
        .collect();
    conv.awaiting = Awaiting::PickSize {
        order,
        item,
        reason,
    };
    with_choices(reply(conv, l, say::pick_size(l)), choices)
}

pub(super) fn ask_change(conv: &mut Conversation, order: Box<Order>, item: i64, l: Locale) -> Turn {
    let Some(it) = order.items.iter().find(|i| i.id == item) else {
        return reply(conv, l, say::pick_item(l));
    };
    let mut choices: Vec<Choice> = it
        .available_sizes
        .iter()
        .filter(|s| Some(*s) != it.size.as_ref())
        .take(4)
        .map(|s| Choice {
            label: say::size_option(l, s),
            action: Action::Pick(format!("size:{s}")),
        })
        .collect();
    // Fewer units (a paid order may only get cheaper), down to removing the item.
    for q in (1..it.quantity).rev().take(2) {
        choices.push(Choice {
            label: say::quantity_option(l, q),
            action: Action::Pick(format!("qty:{q}")),
        });
    }
    if order.items.len() > 1 {
        choices.push(Choice {
            label: say::quantity_option(l, 0),
            action: Action::Pick("qty:0".to_owned()),
        });
    }
    let text = say::pick_change(l, &item_name(it));
    conv.awaiting = Awaiting::PickChange { order, item };
    with_choices(reply(conv, l, text), choices)
}

pub(super) fn confirm_items(
    conv: &mut Conversation,
    order: Box<Order>,
    item: i64,
    value: &str,
    l: Locale,
) -> Turn {
    let Some(it) = order.items.iter().find(|i| i.id == item) else {
        return reply(conv, l, say::pick_item(l));
    };
    let name = item_name(it);
    let (change, shown) = if let Some(size) = value.strip_prefix("size:") {
        let shown = format!("{name} → {size}");
        (
            ItemChange {
                item_id: item,
                quantity: None,
                size: Some(size.to_owned()),
            },
            shown,
        )
    } else if let Some(q) = value
        .strip_prefix("qty:")
        .and_then(|q| q.parse::<u32>().ok())
    {
        let shown = if q == 0 {
            format!("{name} × {} → 0", it.quantity)
        } else {
            format!("{name} × {} → {q}", it.quantity)
        };
        (
            ItemChange {
                item_id: item,
                quantity: Some(q),
                size: None,
            },
            shown,
        )
    } else {
        return reply(conv, l, say::pick_change(l, &name));
    };
    let number = order.number.clone();
    let text = say::confirm_modify(l, number.as_str(), &shown);
    let call = Call::Items(
        number,
        ItemsChange {
            changes: vec![change],
        },
    );
    confirm(conv, Goal::Modify, order, call, text, l)
}

pub(super) fn confirm_return(
    conv: &mut Conversation,
    order: Box<Order>,
    item: i64,
    reason: ReturnReason,
    size: Option<String>,
    l: Locale,
) -> Turn {
    let Some(it) = order.items.iter().find(|i| i.id == item) else {
        return reply(conv, l, say::pick_item(l));
    };
    let quantity = it.quantity.saturating_sub(it.returned_quantity).max(1);
    let exchange = size.is_some();
    let what = match &size {
        Some(s) => format!(
            "{} × {quantity} → {s} ({})",
            item_name(it),
            say::reason(l, reason)
        ),
        None => format!(
            "{} × {quantity} ({})",
            item_name(it),
            say::reason(l, reason)
        ),
    };
    let number = order.number.clone();
    let text = say::confirm_return(l, number.as_str(), &what, exchange);
    let request = ReturnRequest {
        kind: if exchange {
            ReturnKind::Exchange
        } else {
            ReturnKind::Return
        },
        items: vec![ReturnLine {
            item_id: item,
            quantity,
            reason,
            exchange_size: size,
        }],
        note: None,
    };
    let goal = if exchange {
        Goal::Exchange
    } else {
        Goal::Return
    };
    confirm(conv, goal, order, Call::Returns(number, request), text, l)
}

pub(super) fn confirm_address(
    conv: &mut Conversation,
    order: Box<Order>,
    address: Address,
    l: Locale,
) -> Turn {
    let shown = format!(
        "{}, {}, {}, {}{}",
        address.recipient,
        address.phone,
        address.line1,
        address.city,
        address
            .postcode
            .as_ref()
            .map(|p| format!(" {p}"))
            .unwrap_or_default()
    );
    let number = order.number.clone();
    let text = say::confirm_address(l, number.as_str(), &shown);
    let call = Call::Address(number, AddressChange { address });
    confirm(conv, Goal::ChangeAddress, order, call, text, l)
}

/// Asks yes or no before `call` changes the order.
pub(super) fn confirm(
    conv: &mut Conversation,
    goal: Goal,
    order: Box<Order>,
    call: Call,
    text: String,
    l: Locale,
) -> Turn {
    conv.awaiting = Awaiting::Confirm { goal, order, call };
    let choices = vec![
        Choice {
            label: say::yes(l),
            action: Action::Yes,
        },
        Choice {
            label: say::no(l),
            action: Action::No,
        },
    ];
    with_choices(reply(conv, l, text), choices)
}

pub(super) fn with_choices(mut turn: Turn, choices: Vec<Choice>) -> Turn {
    if let Some(r) = turn.reply.as_mut() {
        r.choices = choices;
    }
    turn
}

pub(super) fn reason_code(r: ReturnReason) -> &'static str {
    match r {
        ReturnReason::WrongSize => "wrong_size",
        ReturnReason::Damaged => "damaged",
        ReturnReason::NotAsDescribed => "not_as_described",
        ReturnReason::WrongItem => "wrong_item",
        ReturnReason::ChangedMind => "changed_mind",
        ReturnReason::Other => "other",
    }
}
