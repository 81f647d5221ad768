//! What the backend answered, turned into the next step: a reply with cards, the next
//! request, a question, or (when the backend is away) a retry.

use kefu_api::{ApiError, ErrorCode, Speaker};

use super::calls::{Answer, Failure, HttpResponse, Transport};
use super::flow::{self, Awaiting, Step};
use super::{CallId, Conversation, Turn, cards, say};
use crate::answers::human_choice;
use crate::{Locale, Reply, Source};

/// At most this many recent orders become buttons.
const ORDER_BUTTONS: usize = 5;

/// A plain reply from the flows, recorded in the transcript.
pub(crate) fn reply(conv: &mut Conversation, l: Locale, text: String) -> Turn {
    conv.record(Speaker::Bot, &text);
    Turn {
        reply: Some(Reply {
            text,
            locale: l,
            understood: None,
            source: Source::Backend,
            links: Vec::new(),
            choices: Vec::new(),
            cards: Vec::new(),
        }),
        call: None,
        retry: None,
    }
}

/// Moves the conversation on with the answer to call `id`.
pub(crate) fn on_response(
    conv: &mut Conversation,
    id: CallId,
    got: Result<HttpResponse, Transport>,
) -> Turn {
    // An answer nobody waits for (a duplicate, or a call of an older page) changes nothing.
    let Some(mut then) = conv.calls.remove(&id) else {
        return Turn::default();
    };
    let l = then.locale;
    match then.call.parse(got.as_ref().map_err(|e| *e)) {
        Err(Failure::Transient) => {
            let first = !then.notified;
            then.notified = true;
            let retry = then.outgoing.clone();
            conv.calls.insert(id, then);
            let mut turn = if first {
                reply(conv, l, say::unreachable(l))
            } else {
                Turn::default()
            };
            turn.retry = Some(retry);
            turn
        }
        Err(Failure::Garbage) => {
            let mut turn = reply(conv, l, say::garbage(l));
            add_human(&mut turn, l);
            turn
        }
        Err(Failure::Refused(e)) => refused(conv, then.step, then.call.order().cloned(), e, l),
        Ok(answer) => answered(conv, then.step, answer, l),
    }
}

fn answered(conv: &mut Conversation, step: Step, answer: Answer, l: Locale) -> Turn {
    let tz = conv.utc_offset_minutes;
    match (step, answer) {
        (Step::Orders { goal }, Answer::Orders(list)) => match list.orders.as_slice() {
            [] => {
                conv.awaiting = Awaiting::OrderNumber { goal };
                reply(conv, l, say::no_orders(l))
            }
            [one] => flow::access(conv, goal, one.number.clone(), l),
            many => {
                let choices = many
                    .iter()
                    .take(ORDER_BUTTONS)
                    .map(|o| crate::Choice {
                        label: format!(
                            "{} · {} · {} · {}",
                            o.number,
                            cards::order_status(o.status, l),
                            cards::money(&o.total),
                            o.headline
                        ),
                        action: crate::Action::Pick(o.number.as_str().to_owned()),
                    })
                    .collect();
                conv.awaiting = Awaiting::PickOrder { goal };
                let mut turn = reply(conv, l, say::pick_order(l));
                if let Some(r) = turn.reply.as_mut() {
                    r.choices = choices;
                }
                turn
            }
        },
        (Step::Guest { goal }, Answer::Session(s)) => {
            let number = s.order_number.clone();
            conv.guest.insert(number.as_str().to_owned(), s.token);
            flow::access(conv, goal, number, l)
        }
        (Step::Order { goal }, Answer::Order(order)) => flow::dispatch(conv, goal, order, l),
        (Step::Tracking, Answer::Tracking(t)) => {
            if t.shipments.is_empty() {
                return reply(
                    conv,
                    l,
                    say::not_shipped(l, t.order_number.as_str(), t.order_status),
                );
            }
            let mut turn = reply(
                conv,
                l,
                say::tracking_intro(l, t.order_number.as_str(), t.shipments.len()),
            );
            with_cards(
                &mut turn,
                t.shipments
                    .iter()
                    .map(|s| cards::shipment(s, l, tz))
                    .collect(),
            );
            turn
        }
        (Step::Status { order }, Answer::Tracking(t)) => flow::status(conv, &order, Some(&t), l),
        (Step::Refunds, Answer::Refunds(list)) => {
            let number = list.order_number.as_str();
            if list.refunds.is_empty() {
                return reply(conv, l, say::no_refunds(l, number));
            }
            let mut turn = reply(conv, l, say::refunds_intro(l, number));
            with_cards(
                &mut turn,
                list.refunds
                    .iter()
                    .map(|r| cards::refund(r, l, tz))
                    .collect(),
            );
            turn
        }
        (Step::Payments, Answer::Payments(p)) => {
            let mut turn = reply(conv, l, p.diagnosis.advice.clone());
            with_cards(&mut turn, vec![cards::payments(&p, l, tz)]);
            turn
        }
        (Step::Change { .. }, Answer::Cancelled(result)) => {
            let mut text = say::cancelled(l, result.order.number.as_str());
            if let Some(refund) = &result.refund {
                text.push(' ');
                text.push_str(&refund.message);
            }
            let mut turn = reply(conv, l, text);
            with_cards(&mut turn, vec![cards::order(&result.order, l, tz)]);
            turn
        }
        (Step::Change { .. }, Answer::Changed(order)) => {
            let mut turn = reply(conv, l, say::changed(l, order.number.as_str()));
            with_cards(&mut turn, vec![cards::order(&order, l, tz)]);
            turn
        }
        (Step::Change { order, .. }, Answer::Return(ra)) => {
            let mut turn = reply(conv, l, ra.instructions.clone());
            with_cards(
                &mut turn,
                vec![cards::return_authorization(&ra, &order, l, tz)],
            );
            turn
        }
        (Step::Change { .. }, Answer::Invoice(invoice)) => reply(conv, l, invoice.message),
        (Step::Handoff, Answer::Ticket(ticket)) => {
            // The backend's message may already name the ticket; say it once.
            let text = if ticket.message.contains(&ticket.reference) {
                ticket.message
            } else {
                format!("{}{}", ticket.message, say::reference(l, &ticket.reference))
            };
            reply(conv, l, text)
        }
        // `Call::parse` types every answer by its call, so the pairs above are all there is.
        _ => reply(conv, l, say::garbage(l)),
    }
}

/// The backend said no: say what it said, and ask again where asking again helps.
fn refused(
    conv: &mut Conversation,
    step: Step,
    order: Option<kefu_api::OrderNumber>,
    e: ApiError,
    l: Locale,
) -> Turn {
    let goal = match &step {
        Step::Orders { goal }
        | Step::Guest { goal }
        | Step::Order { goal }
        | Step::Change { goal, .. } => Some(*goal),
        Step::Tracking => Some(super::Goal::Track),
        Step::Status { .. } => Some(super::Goal::Status),
        Step::Refunds => Some(super::Goal::Refund),
        Step::Payments => Some(super::Goal::Payment),
        Step::Handoff => None,
    };
    match (e.code, goal, order) {
        (ErrorCode::VerificationFailed, Some(goal), Some(number)) => {
            conv.awaiting = Awaiting::Contact { goal, number };
            // The backend's message already asks to check and try again.
            reply(conv, l, e.message)
        }
        (ErrorCode::Unauthenticated | ErrorCode::TokenExpired, Some(goal), Some(number)) => {
            // A guest session ran out (or the page's token did): prove the order again.
            conv.guest.remove(number.as_str());
            let text = format!("{} {}", e.message, say::ask_contact(l, number.as_str()));
            conv.awaiting = Awaiting::Contact { goal, number };
            reply(conv, l, text)
        }
        (ErrorCode::OrderNotFound, Some(goal), _) => {
            conv.current = None;
            conv.awaiting = Awaiting::OrderNumber { goal };
            reply(
                conv,
                l,
                format!("{} {}", e.message, say::ask_order_number(l)),
            )
        }
        (ErrorCode::ContactRequired, None, _) => {
            conv.awaiting = Awaiting::HandoffContact;
            reply(conv, l, say::leave_contact(l))
        }
        _ => {
            let mut turn = reply(conv, l, e.message);
            add_human(&mut turn, l);
            turn
        }
    }
}

fn with_cards(turn: &mut Turn, cards: Vec<super::Card>) {
    if let Some(r) = turn.reply.as_mut() {
        r.cards = cards;
    }
}

fn add_human(turn: &mut Turn, l: Locale) {
    if let Some(r) = turn.reply.as_mut() {
        r.choices.push(human_choice(l));
    }
}
