//! The chat panel: header, message list, typing indicator and composer.

use kefu_protocol::{Action, Card, CardKind, Choice, FromEngine, Link, Locale, ToEngine};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsError};

use crate::config::WidgetConfig;
use crate::engine_client::EngineClient;
use crate::i18n::{Strings, strings};

/// Longest message the composer accepts; the engine reads fewer characters anyway.
const MAX_MESSAGE_CHARS: usize = 2_000;

/// Who wrote a message in the transcript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Author {
    Shopper,
    Bot,
    System,
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq)]
struct ChatMessage {
    id: u32,
    author: Author,
    text: String,
    /// Buttons that open a page of the shop.
    links: Vec<Link>,
    /// Buttons that answer the bot; only the newest message's are live.
    choices: Vec<Choice>,
    /// Orders, parcels, returns, refunds, payments.
    cards: Vec<Card>,
}

impl ChatMessage {
    fn plain(id: u32, author: Author, text: String) -> ChatMessage {
        ChatMessage {
            id,
            author,
            text,
            links: Vec::new(),
            choices: Vec::new(),
            cards: Vec::new(),
        }
    }

    fn bot(id: u32, reply: kefu_protocol::Reply) -> ChatMessage {
        ChatMessage {
            id,
            author: Author::Bot,
            text: reply.text,
            links: reply.links,
            choices: reply.choices,
            cards: reply.cards,
        }
    }
}

/// Mounts the app into `container` and returns the message box to focus.
pub(crate) fn mount(
    container: web_sys::HtmlElement,
    config: WidgetConfig,
    worker: web_sys::Worker,
    on_close: js_sys::Function,
) -> Result<web_sys::HtmlElement, JsError> {
    let engine = EngineClient::new(worker);
    let composer = NodeRef::<html::Textarea>::new();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        view! { <Chat config=config engine=engine on_close=on_close composer=composer/> }
    });
    // The widget stays mounted for the page's lifetime.
    handle.forget();
    let textarea = container
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .ok_or_else(|| JsError::new("the chat did not render its message box"))?;
    Ok(textarea)
}

/// The whole chat: transcript plus composer, wired to the engine worker.
#[component]
fn Chat(
    config: WidgetConfig,
    engine: EngineClient,
    on_close: js_sys::Function,
    composer: NodeRef<html::Textarea>,
) -> impl IntoView {
    let t: &'static Strings = strings(config.locale);
    let messages = RwSignal::new(vec![ChatMessage::plain(
        0,
        Author::Bot,
        t.welcome.to_owned(),
    )]);
    let pending = RwSignal::new(0u32);
    let next_id = StoredValue::new(1u32);
    let draft = RwSignal::new(String::new());
    let list = NodeRef::<html::Ol>::new();

    engine.listen(move |event| on_engine_event(event, messages, pending, next_id, t));
    engine.send(&ToEngine::Hello);

    Effect::new(move |_| {
        messages.track();
        pending.track();
        if let Some(list) = list.get() {
            // After the frame's layout: a card is taller than the text it came with.
            request_animation_frame(move || list.set_scroll_top(list.scroll_height()));
        }
    });

    let locale = config.locale;
    // Sends one shopper turn (typed text or a pressed choice): shown as the
    // shopper's message, answered by the engine; older choices go stale.
    let ask = StoredValue::new(move |shown: String, action: Option<Action>| {
        let id = next_id.get_value();
        next_id.set_value(id + 2);
        messages.update(|m| {
            for old in m.iter_mut() {
                old.choices.clear();
            }
            m.push(ChatMessage::plain(id, Author::Shopper, shown.clone()));
        });
        pending.update(|p| *p += 1);
        let message = match action {
            Some(action) => ToEngine::Choose { id, action, locale },
            None => ToEngine::Ask {
                id,
                text: shown,
                locale,
            },
        };
        if !engine.send(&message) {
            pending.update(|p| *p = p.saturating_sub(1));
            push_system(messages, next_id, t.engine_failed);
        }
    });
    let send = move || {
        let text: String = draft
            .get_untracked()
            .trim()
            .chars()
            .take(MAX_MESSAGE_CHARS)
            .collect();
        if text.is_empty() {
            return;
        }
        draft.set(String::new());
        ask.with_value(|f| f(text, None));
    };
    let choose = move |choice: Choice| ask.with_value(|f| f(choice.label, Some(choice.action)));
    let title = if config.shop_name.is_empty() {
        t.title.to_owned()
    } else {
        format!("{} · {}", config.shop_name, t.title)
    };
    let lang = locale_tag(locale);

    view! {
        <section class="kefu-chat" role="dialog" aria-label=title.clone() lang=lang>
            <header class="kefu-header">
                <h2 class="kefu-title">{title.clone()}</h2>
                <button type="button" class="kefu-close" aria-label=t.close
                    on:click=move |_| { let _ = on_close.call0(&wasm_bindgen::JsValue::NULL); }>"×"</button>
            </header>
            <ol class="kefu-messages" node_ref=list aria-live="polite">
                <For each=move || messages.get() key=|m| (m.id, m.choices.len()) children=move |m| {
                    let class = message_class(&m);
                    view! {
                    <li class=class>
                        <span class="kefu-text">{m.text}</span>
                        {(!m.cards.is_empty()).then(|| view! {
                            <div class="kefu-cards">{m.cards.into_iter().map(card_view).collect_view()}</div>
                        })}
                        {(!m.links.is_empty()).then(|| view! {
                            <span class="kefu-links">
                                {m.links.into_iter().map(|l| view! {
                                    <a class="kefu-link" href=l.url target="_blank" rel="noopener noreferrer">{l.label}</a>
                                }).collect_view()}
                            </span>
                        })}
                        {(!m.choices.is_empty()).then(|| view! {
                            <span class="kefu-choices" role="group">
                                {m.choices.into_iter().map(|c| {
                                    let class = match c.action {
                                        Action::Human => "kefu-choice kefu-choice-human",
                                        Action::Yes => "kefu-choice kefu-choice-yes",
                                        _ => "kefu-choice",
                                    };
                                    let label = c.label.clone();
                                    view! {
                                        <button type="button" class=class
                                            on:click=move |_| choose(c.clone())>{label}</button>
                                    }
                                }).collect_view()}
                            </span>
                        })}
                    </li>
                    }
                }/>

            </ol>
            <Show when=move || { pending.get() > 0 }>
                <div class="kefu-typing" role="status" aria-label=t.typing><span></span><span></span><span></span></div>
            </Show>
            <form class="kefu-composer" on:submit=move |ev| { ev.prevent_default(); send(); }>
                <textarea node_ref=composer rows="1" maxlength="2000" placeholder=t.placeholder aria-label=t.message_label
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                            ev.prevent_default();
                            send();
                        }
                    }></textarea>
                <button type="submit" class="kefu-send">{t.send}</button>
            </form>
        </section>
    }
}

fn on_engine_event(
    event: FromEngine,
    messages: RwSignal<Vec<ChatMessage>>,
    pending: RwSignal<u32>,
    next_id: StoredValue<u32>,
    t: &'static Strings,
) {
    match event {
        FromEngine::Ready { faq_error, .. } => {
            if let Some(error) = faq_error {
                web_sys::console::warn_1(
                    &format!("kefu: answering without an FAQ: {error}").into(),
                );
            }
            mark("kefu:ready");
        }
        FromEngine::Answer { id, reply } => {
            pending.update(|p| *p = p.saturating_sub(1));
            messages.update(|m| m.push(ChatMessage::bot(id + 1, reply)));
        }
        // What the shop backend answered later (say, once it was reachable again).
        FromEngine::Notice { reply } => {
            let id = next_id.get_value();
            next_id.set_value(id + 2);
            messages.update(|m| {
                if !reply.choices.is_empty() {
                    for old in m.iter_mut() {
                        old.choices.clear();
                    }
                }
                m.push(ChatMessage::bot(id, reply));
            });
        }
        FromEngine::Done { .. } => pending.update(|p| *p = p.saturating_sub(1)),
        FromEngine::Failed { id, error } => {
            web_sys::console::warn_1(&format!("kefu engine: {error}").into());
            if id.is_some() {
                pending.update(|p| *p = p.saturating_sub(1));
            }
            push_system(messages, next_id, t.engine_failed);
        }
    }
}

/// An order, a parcel's timeline, a return, a refund or payments: text only, laid out.
fn card_view(card: Card) -> impl IntoView {
    let class = match card.kind {
        CardKind::Order => "kefu-card kefu-card-order",
        CardKind::Tracking => "kefu-card kefu-card-tracking",
        CardKind::Return => "kefu-card kefu-card-return",
        CardKind::Refund => "kefu-card kefu-card-refund",
        CardKind::Payment => "kefu-card kefu-card-payment",
    };
    let label = card.title.clone();
    view! {
        <article class=class aria-label=label>
            <header class="kefu-card-head">
                <span class="kefu-card-title">{card.title}</span>
                {card.badge.map(|b| view! { <span class="kefu-badge">{b}</span> })}
            </header>
            {(!card.fields.is_empty()).then(|| view! {
                <dl class="kefu-fields">
                    {card.fields.into_iter().map(|f| view! {
                        <div class="kefu-field"><dt>{f.label}</dt><dd>{f.value}</dd></div>
                    }).collect_view()}
                </dl>
            })}
            {(!card.lines.is_empty()).then(|| view! {
                <ul class="kefu-lines">{card.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            })}
            {(!card.events.is_empty()).then(|| view! {
                <ol class="kefu-timeline">
                    {card.events.into_iter().map(|e| view! {
                        <li><span class="kefu-when">{e.at}</span><span class="kefu-what">{e.what}</span></li>
                    }).collect_view()}
                </ol>
            })}
        </article>
    }
}

fn push_system(messages: RwSignal<Vec<ChatMessage>>, next_id: StoredValue<u32>, text: &str) {
    let id = next_id.get_value();
    next_id.set_value(id + 2);
    messages.update(|m| m.push(ChatMessage::plain(id, Author::System, text.to_owned())));
}

fn message_class(m: &ChatMessage) -> &'static str {
    if m.cards.is_empty() {
        author_class(m.author)
    } else {
        "kefu-msg kefu-msg-bot kefu-msg-wide"
    }
}

fn author_class(author: Author) -> &'static str {
    match author {
        Author::Shopper => "kefu-msg kefu-msg-shopper",
        Author::Bot => "kefu-msg kefu-msg-bot",
        Author::System => "kefu-msg kefu-msg-system",
    }
}

fn locale_tag(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhHans => "zh-Hans",
        Locale::ZhHant => "zh-Hant",
        Locale::En => "en",
    }
}

/// A performance mark the loader and the browser tests read (`kefu:ready`).
fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
