//! The multi-turn flows: which order, who the shopper is, and what the shopper asked for
//! (changes are asked for and confirmed in `change.rs`). Each function takes the conversation, moves it on, and returns a [`Turn`].

use kefu_api::{
    CancelRequest, Contact, GuestLogin, HandoffRequest, InvoiceKind, InvoiceRequest, Order,
    OrderNumber, OrderStatus, ReturnReason,
};
use kefu_model::{Intent, Prediction, SlotKind};

use super::calls::{Call, Outgoing};
use super::change::{
    REASONS, ask_change, ask_item, ask_reason, ask_size, confirm, confirm_address, confirm_items,
    confirm_return, reason_code,
};
use super::outcome::reply;
use super::words::{is_no, is_yes, parse_address};
use super::{Conversation, Goal, Turn, cards, say};
use crate::{Action, Choice, Locale};

/// What the bot asked last and waits an answer to.
#[derive(Clone, Debug, Default)]
pub(crate) enum Awaiting {
    #[default]
    Nothing,
    OrderNumber {
        goal: Goal,
    },
    PickOrder {
        goal: Goal,
    },
    Contact {
        goal: Goal,
        number: OrderNumber,
    },
    HandoffContact,
    PickItem {
        goal: Goal,
        order: Box<Order>,
    },
    PickReason {
        goal: Goal,
        order: Box<Order>,
        item: i64,
    },
    PickSize {
        order: Box<Order>,
        item: i64,
        reason: ReturnReason,
    },
    PickChange {
        order: Box<Order>,
        item: i64,
    },
    Address {
        order: Box<Order>,
    },
    InvoiceTitle {
        order: Box<Order>,
    },
    Confirm {
        goal: Goal,
        order: Box<Order>,
        call: Call,
    },
}

/// A request in flight and what its answer is for.
#[derive(Clone, Debug)]
pub(crate) struct Then {
    pub(crate) call: Call,
    pub(crate) step: Step,
    pub(crate) locale: Locale,
    pub(crate) outgoing: Outgoing,
    /// Whether the shopper was already told the backend is unreachable.
    pub(crate) notified: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum Step {
    Orders {
        goal: Goal,
    },
    Guest {
        goal: Goal,
    },
    Order {
        goal: Goal,
    },
    Tracking,
    /// An order's status, with its tracking fetched after it.
    Status {
        order: Box<Order>,
    },
    Refunds,
    Payments,
    Change {
        goal: Goal,
        order: Box<Order>,
    },
    Handoff,
}

/// Starts the flow for `goal`, with the order number from the message when it has one.
pub(crate) fn start(
    conv: &mut Conversation,
    goal: Goal,
    understood: &Prediction,
    l: Locale,
) -> Turn {
    conv.awaiting = Awaiting::Nothing;
    let number = order_slot(understood).or_else(|| conv.current.clone());
    match number {
        Some(n) => access(conv, goal, n, l),
        None if conv.identity.is_some() => send(conv, Call::Orders, Step::Orders { goal }, l),
        None => {
            conv.awaiting = Awaiting::OrderNumber { goal };
            reply(conv, l, say::ask_order_number(l))
        }
    }
}

/// Hands the conversation to a human, with its transcript.
pub(crate) fn handoff(conv: &mut Conversation, contact: Option<Contact>, l: Locale) -> Turn {
    conv.awaiting = Awaiting::Nothing;
    let sentiment = match conv.last_sentiment {
        Some(kefu_model::Sentiment::Negative) => kefu_api::Sentiment::Negative,
        Some(kefu_model::Sentiment::Positive) => kefu_api::Sentiment::Positive,
        _ => kefu_api::Sentiment::Neutral,
    };
    let request = HandoffRequest {
        transcript: conv.transcript.clone(),
        intent: conv
            .last_intent
            .unwrap_or(Intent::HumanAgent)
            .as_str()
            .to_owned(),
        sentiment,
        order_number: conv.current.clone(),
        contact,
    };
    send(conv, Call::Handoff(request), Step::Handoff, l)
}

/// The shopper's typed message while the bot waits for something; `None` when the message is
/// not an answer to that and should be understood on its own.
pub(crate) fn on_text(
    conv: &mut Conversation,
    understood: &Prediction,
    text: &str,
    l: Locale,
) -> Option<Turn> {
    let awaiting = std::mem::take(&mut conv.awaiting);
    let other_action = Goal::of(understood.intent).is_some() && understood.intent_confidence >= 0.6;
    match awaiting {
        Awaiting::Nothing => None,
        Awaiting::OrderNumber { goal } | Awaiting::PickOrder { goal } => {
            if let Some(n) = order_slot(understood) {
                return Some(access(conv, goal, n, l));
            }
            if is_no(text, understood) {
                return Some(reply(conv, l, say::nothing_changed(l)));
            }
            if !other_action {
                // A question in between (an FAQ, a greeting): answer it and keep waiting.
                conv.awaiting = Awaiting::OrderNumber { goal };
            }
            None
        }
        Awaiting::Contact { goal, number } => {
            if let Some(contact) = contact_slot(understood) {
                let login = GuestLogin {
                    order_number: number,
                    contact,
                };
                return Some(send(conv, Call::Guest(login), Step::Guest { goal }, l));
            }
            if let Some(n) = order_slot(understood).filter(|n| *n != number) {
                conv.current = Some(n.clone());
                conv.awaiting = Awaiting::Contact {
                    goal,
                    number: n.clone(),
                };
                return Some(reply(conv, l, say::ask_contact(l, n.as_str())));
            }
            if is_no(text, understood) {
                return Some(reply(conv, l, say::nothing_changed(l)));
            }
            if other_action {
                return None;
            }
            conv.awaiting = Awaiting::Contact { goal, number };
            // Digits or an `@` look like a contact typed wrong; anything else is a question.
            if text.chars().any(|c| c.is_ascii_digit() || c == '@') {
                return Some(reply(conv, l, say::contact_not_found(l)));
            }
            None
        }
        Awaiting::HandoffContact => contact_slot(understood).map(|c| handoff(conv, Some(c), l)),
        Awaiting::Confirm { goal, order, call } => {
            if is_yes(text, understood) {
                Some(send(conv, call, Step::Change { goal, order }, l))
            } else if is_no(text, understood) {
                Some(reply(conv, l, say::nothing_changed(l)))
            } else {
                // Anything else is not a yes: the change is dropped, never made on a guess.
                None
            }
        }
        Awaiting::Address { order } => {
            if is_no(text, understood) {
                return Some(reply(conv, l, say::nothing_changed(l)));
            }
            match parse_address(text, &order) {
                Some(address) => Some(confirm_address(conv, order, address, l)),
                None if other_action || understood.intent.is_knowledge() => None,
                None => {
                    conv.awaiting = Awaiting::Address { order };
                    Some(reply(conv, l, say::address_unreadable(l)))
                }
            }
        }
        Awaiting::InvoiceTitle { order } => {
            if is_no(text, understood) {
                return Some(reply(conv, l, say::nothing_changed(l)));
            }
            if other_action || understood.intent.is_knowledge() {
                return None;
            }
            let title: String = text.trim().chars().take(100).collect();
            let Ok(title) = title.parse() else {
                conv.awaiting = Awaiting::InvoiceTitle { order };
                return Some(reply(conv, l, say::ask_invoice_title(l, "")));
            };
            let number = order.number.clone();
            let shown = format!("{title}");
            let request = InvoiceRequest {
                kind: InvoiceKind::Personal,
                title,
                tax_id: None,
                email: None,
            };
            let text = say::confirm_invoice(l, number.as_str(), &shown);
            Some(confirm(
                conv,
                Goal::Invoice,
                order,
                Call::Invoice(number, request),
                text,
                l,
            ))
        }
        Awaiting::PickItem { .. }
        | Awaiting::PickReason { .. }
        | Awaiting::PickSize { .. }
        | Awaiting::PickChange { .. } => {
            if is_no(text, understood) {
                return Some(reply(conv, l, say::nothing_changed(l)));
            }
            None
        }
    }
}

/// A pressed button of the flows.
pub(crate) fn on_press(conv: &mut Conversation, action: &Action, l: Locale) -> Turn {
    match action {
        Action::Start { goal, order } => match order.parse::<OrderNumber>() {
            Ok(n) => {
                conv.awaiting = Awaiting::Nothing;
                access(conv, *goal, n, l)
            }
            Err(_) => reply(conv, l, say::ask_order_number(l)),
        },
        Action::Yes | Action::No => match std::mem::take(&mut conv.awaiting) {
            Awaiting::Confirm { goal, order, call } if *action == Action::Yes => {
                send(conv, call, Step::Change { goal, order }, l)
            }
            _ => reply(conv, l, say::nothing_changed(l)),
        },
        Action::Pick(value) => pick(conv, value, l),
        Action::Faq(_) | Action::Human => Turn::default(),
    }
}

fn pick(conv: &mut Conversation, value: &str, l: Locale) -> Turn {
    match std::mem::take(&mut conv.awaiting) {
        Awaiting::PickOrder { goal } | Awaiting::OrderNumber { goal } => match value.parse() {
            Ok(n) => access(conv, goal, n, l),
            Err(_) => reply(conv, l, say::ask_order_number(l)),
        },
        Awaiting::PickItem { goal, order } => match value.parse::<i64>() {
            Ok(item) if goal == Goal::Modify => ask_change(conv, order, item, l),
            Ok(item) => ask_reason(conv, goal, order, item, l),
            Err(_) => reply(conv, l, say::pick_item(l)),
        },
        Awaiting::PickReason { goal, order, item } => {
            let Some(reason) = REASONS.into_iter().find(|r| reason_code(*r) == value) else {
                return reply(conv, l, say::pick_reason(l));
            };
            if goal == Goal::Exchange {
                ask_size(conv, order, item, reason, l)
            } else {
                confirm_return(conv, order, item, reason, None, l)
            }
        }
        Awaiting::PickSize {
            order,
            item,
            reason,
        } => confirm_return(conv, order, item, reason, Some(value.to_owned()), l),
        Awaiting::PickChange { order, item } => confirm_items(conv, order, item, value, l),
        _ => reply(conv, l, say::nothing_changed(l)),
    }
}

/// Goes on with `goal` on order `n` once the shopper may see it, or asks a guest to prove it.
pub(crate) fn access(conv: &mut Conversation, goal: Goal, n: OrderNumber, l: Locale) -> Turn {
    conv.current = Some(n.clone());
    if bearer(conv, &n).is_none() {
        let text = say::ask_contact(l, n.as_str());
        conv.awaiting = Awaiting::Contact { goal, number: n };
        return reply(conv, l, text);
    }
    match goal {
        Goal::Track => send(conv, Call::Tracking(n), Step::Tracking, l),
        Goal::Refund => send(conv, Call::Refunds(n), Step::Refunds, l),
        Goal::Payment => send(conv, Call::Payments(n), Step::Payments, l),
        _ => send(conv, Call::Order(n), Step::Order { goal }, l),
    }
}

/// The order is loaded: carry out `goal` or say why it is not possible now.
pub(crate) fn dispatch(conv: &mut Conversation, goal: Goal, order: Order, l: Locale) -> Turn {
    use kefu_api::Action as Allowed;
    let number = order.number.as_str().to_owned();
    let allowed = |a: Allowed| order.actions.contains(&a);
    let refuse = |conv: &mut Conversation, order: &Order| {
        let text = match (goal, order.return_window_ends_at) {
            (Goal::Return | Goal::Exchange, Some(ended))
                if order.status == OrderStatus::Delivered =>
            {
                say::window_closed(l, &number, &cards::date(ended, conv.utc_offset_minutes))
            }
            _ => say::not_possible(l, goal, &number, order.status),
        };
        let mut turn = reply(conv, l, text);
        if let Some(r) = turn.reply.as_mut() {
            r.cards
                .push(cards::order(order, l, conv.utc_offset_minutes));
            // What the rules do not allow, a person at the shop may still arrange.
            r.choices.push(crate::answers::human_choice(l));
        }
        turn
    };
    match goal {
        Goal::Cancel if allowed(Allowed::Cancel) => {
            let text = say::confirm_cancel(
                l,
                &number,
                cards::units(&order),
                &cards::money(&order.amounts.total),
            );
            let call = Call::Cancel(order.number.clone(), CancelRequest::default());
            confirm(conv, goal, Box::new(order), call, text, l)
        }
        Goal::ChangeAddress if allowed(Allowed::ChangeAddress) => {
            conv.awaiting = Awaiting::Address {
                order: Box::new(order),
            };
            reply(conv, l, say::ask_address(l, &number))
        }
        Goal::Modify if allowed(Allowed::ModifyItems) => {
            let items: Vec<i64> = order
                .items
                .iter()
                .filter(|i| i.quantity > 0)
                .map(|i| i.id)
                .collect();
            match items.as_slice() {
                [one] => ask_change(conv, Box::new(order), *one, l),
                _ => ask_item(conv, goal, Box::new(order), &items, l),
            }
        }
        Goal::Return | Goal::Exchange
            if allowed(if goal == Goal::Return {
                Allowed::RequestReturn
            } else {
                Allowed::RequestExchange
            }) =>
        {
            let items: Vec<i64> = order
                .items
                .iter()
                .filter(|i| i.returnable && i.quantity > i.returned_quantity)
                .filter(|i| {
                    goal == Goal::Return
                        || i.available_sizes.iter().any(|s| Some(s) != i.size.as_ref())
                })
                .map(|i| i.id)
                .collect();
            match items.as_slice() {
                [] => {
                    let text = say::nothing_returnable(l, &number);
                    reply(conv, l, text)
                }
                [one] => ask_reason(conv, goal, Box::new(order), *one, l),
                _ => ask_item(conv, goal, Box::new(order), &items, l),
            }
        }
        Goal::Invoice if allowed(Allowed::RequestInvoice) => {
            conv.awaiting = Awaiting::InvoiceTitle {
                order: Box::new(order),
            };
            reply(conv, l, say::ask_invoice_title(l, &number))
        }
        Goal::Track => send(conv, Call::Tracking(order.number), Step::Tracking, l),
        Goal::Refund => send(conv, Call::Refunds(order.number), Step::Refunds, l),
        Goal::Payment => send(conv, Call::Payments(order.number), Step::Payments, l),
        // "Where is my order" about a parcel on its way: the parcel is the answer.
        Goal::Status if order.status == OrderStatus::Shipped => {
            let number = order.number.clone();
            let step = Step::Status {
                order: Box::new(order),
            };
            send(conv, Call::Tracking(number), step, l)
        }
        Goal::Status => status(conv, &order, None, l),
        _ => refuse(conv, &order),
    }
}

/// An order's status: its card, its parcels' timelines when `tracking` is given, and what
/// can be done next.
pub(crate) fn status(
    conv: &mut Conversation,
    order: &Order,
    tracking: Option<&kefu_api::Tracking>,
    l: Locale,
) -> Turn {
    let tz = conv.utc_offset_minutes;
    let mut turn = reply(
        conv,
        l,
        say::order_intro(l, order.number.as_str(), order.status),
    );
    if let Some(r) = turn.reply.as_mut() {
        r.cards.push(cards::order(order, l, tz));
        let shipments = tracking.map_or(&[][..], |t| t.shipments.as_slice());
        r.cards
            .extend(shipments.iter().map(|s| cards::shipment(s, l, tz)));
        r.choices = follow_ups(order, shipments.is_empty(), l);
    }
    turn
}

/// What can be done next with an order, as buttons.
fn follow_ups(order: &Order, offer_tracking: bool, l: Locale) -> Vec<Choice> {
    use kefu_api::Action as Allowed;
    let mut goals = Vec::new();
    if offer_tracking && matches!(order.status, OrderStatus::Shipped | OrderStatus::Delivered) {
        goals.push(Goal::Track);
    }
    if order.status == OrderStatus::PendingPayment {
        goals.push(Goal::Payment);
    }
    for (a, g) in [
        (Allowed::Cancel, Goal::Cancel),
        (Allowed::RequestReturn, Goal::Return),
        (Allowed::RequestExchange, Goal::Exchange),
        (Allowed::ChangeAddress, Goal::ChangeAddress),
    ] {
        if order.actions.contains(&a) {
            goals.push(g);
        }
    }
    goals
        .into_iter()
        .take(3)
        .map(|goal| Choice {
            label: say::goal_button(l, goal),
            action: Action::Start {
                goal,
                order: order.number.as_str().to_owned(),
            },
        })
        .collect()
}

/// Registers `call` and returns it for the caller to send.
pub(crate) fn send(conv: &mut Conversation, call: Call, step: Step, l: Locale) -> Turn {
    conv.next_call += 1;
    let id = conv.next_call;
    let bearer = call
        .order()
        .and_then(|n| bearer(conv, n))
        .or_else(|| conv.identity.clone());
    let bearer = if matches!(call, Call::Guest(_)) {
        None
    } else {
        bearer
    };
    let key = call.mutates().then(|| conv.idempotency_key());
    let outgoing = call.to_http(id, bearer, key, l);
    conv.calls.insert(
        id,
        Then {
            call,
            step,
            locale: l,
            outgoing: outgoing.clone(),
            notified: false,
        },
    );
    Turn {
        reply: None,
        call: Some(outgoing),
        retry: None,
    }
}

/// The token that opens order `n`: its guest session, else the shopper's identity.
fn bearer(conv: &Conversation, n: &OrderNumber) -> Option<String> {
    conv.guest
        .get(n.as_str())
        .cloned()
        .or_else(|| conv.identity.clone())
}

fn order_slot(p: &Prediction) -> Option<OrderNumber> {
    p.slots
        .iter()
        .filter(|s| s.kind == SlotKind::OrderId)
        .find_map(|s| s.value.parse().ok())
}

fn contact_slot(p: &Prediction) -> Option<Contact> {
    p.slots.iter().find_map(|s| match s.kind {
        SlotKind::Email => s.value.parse().ok().map(Contact::Email),
        SlotKind::Phone => s.value.parse().ok().map(Contact::Phone),
        _ => None,
    })
}
