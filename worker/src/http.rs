//! Sends the engine's [`Outgoing`] requests with the worker's `fetch`, with a timeout.
//!
//! Every failure becomes a [`Transport`] value or a response the engine judges: nothing
//! here throws, so a backend that is down, slow or answering garbage is just an input.

use gloo_timers::callback::Timeout;
use kefu_engine::{HttpResponse, Outgoing, Transport};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestInit, Response, WorkerGlobalScope};

/// A request with no complete answer by then counts as timed out (and is retried later).
const TIMEOUT_MS: u32 = 8_000;

/// A body larger than this is not a contract answer; it is dropped and judged as garbage.
const MAX_BODY_BYTES: usize = 1 << 20;

/// The contract's paths all start so; the merchant's `data-api` names where that root is.
const CONTRACT_ROOT: &str = "/kefu/v1/";

/// The URL of `path` under the backend whose contract root is `api` (ends with `/`).
pub(crate) fn resolve(api: &str, path: &str) -> String {
    match path.strip_prefix(CONTRACT_ROOT) {
        Some(rest) => format!("{api}{rest}"),
        None => format!("{api}{}", path.trim_start_matches('/')),
    }
}

/// Sends `call` to the backend at `api` and reads the whole answer.
pub(crate) async fn send(api: &str, call: &Outgoing) -> Result<HttpResponse, Transport> {
    let controller = AbortController::new().ok();
    let request = request(api, call, controller.as_ref()).ok_or(Transport::Unreachable)?;
    let timer = controller
        .clone()
        .map(|c| Timeout::new(TIMEOUT_MS, move || c.abort()));
    let timed_out = || controller.as_ref().is_some_and(|c| c.signal().aborted());
    let failed = |timed_out: bool| {
        if timed_out {
            Transport::Timeout
        } else {
            Transport::Unreachable
        }
    };
    let global: WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: Response = JsFuture::from(global.fetch_with_request(&request))
        .await
        .map_err(|_| failed(timed_out()))?
        .dyn_into()
        .map_err(|_| Transport::Unreachable)?;
    let status = response.status();
    let text = response.text().map_err(|_| Transport::Unreachable)?;
    let body = JsFuture::from(text)
        .await
        .map_err(|_| failed(timed_out()))?
        .as_string()
        .unwrap_or_default();
    drop(timer);
    let body = if body.len() > MAX_BODY_BYTES {
        String::new()
    } else {
        body
    };
    Ok(HttpResponse { status, body })
}

fn request(api: &str, call: &Outgoing, controller: Option<&AbortController>) -> Option<Request> {
    let headers = Headers::new().ok()?;
    headers.append("Accept", "application/json").ok()?;
    headers
        .append("Accept-Language", call.locale.as_str())
        .ok()?;
    if call.body.is_some() {
        headers.append("Content-Type", "application/json").ok()?;
    }
    if let Some(token) = &call.bearer {
        headers
            .append("Authorization", &format!("Bearer {token}"))
            .ok()?;
    }
    if let Some(key) = &call.idempotency_key {
        headers.append("Idempotency-Key", key).ok()?;
    }
    let init = RequestInit::new();
    init.set_method(call.method.as_str());
    init.set_headers(&headers);
    if let Some(body) = &call.body {
        init.set_body(&JsValue::from_str(body));
    }
    // The shopper's identity travels in the bearer token, never in cookies.
    init.set_credentials(web_sys::RequestCredentials::Omit);
    if let Some(c) = controller {
        init.set_signal(Some(&c.signal()));
    }
    Request::new_with_str_and_init(&resolve(api, &call.path), &init).ok()
}
