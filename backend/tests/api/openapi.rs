//! Keeps `openapi.json` honest: its paths are exactly the router's, its examples decode into
//! the `kefu-api` types without loss, and every response the suite sees decodes too.

use std::collections::BTreeSet;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn doc() -> Value {
    serde_json::from_str(kefu_api::OPENAPI_JSON).expect("openapi.json is JSON")
}

/// The schema name a route's success response has.
fn success_type(method: &str, template: &str) -> Option<&'static str> {
    use kefu_api::paths as p;
    Some(match (method, template) {
        ("POST", p::GUEST_SESSION) => "Session",
        ("GET", p::ORDERS) => "OrderList",
        ("GET", p::ORDER) | ("POST", p::ADDRESS) | ("POST", p::ITEMS) => "Order",
        ("GET", p::TRACKING) => "Tracking",
        ("POST", p::CANCEL) => "CancelResult",
        ("POST", p::RETURNS) => "ReturnAuthorization",
        ("GET", p::REFUNDS) => "RefundList",
        ("GET", p::PAYMENTS) => "PaymentStatus",
        ("POST", p::INVOICE) => "Invoice",
        ("POST", p::HANDOFFS) => "Ticket",
        _ => return None,
    })
}

fn round_trip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<(), String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if back != *v {
        return Err(format!("does not survive a round trip: {back}"));
    }
    Ok(())
}

/// Decodes `v` as the named schema's `kefu-api` type and back to the same JSON.
fn decode_as(name: &str, v: &Value) -> Result<(), String> {
    use kefu_api::*;
    match name {
        "ApiError" => round_trip::<ApiError>(v),
        "Session" => round_trip::<Session>(v),
        "OrderList" => round_trip::<OrderList>(v),
        "Order" => round_trip::<Order>(v),
        "Tracking" => round_trip::<Tracking>(v),
        "CancelResult" => round_trip::<CancelResult>(v),
        "ReturnAuthorization" => round_trip::<ReturnAuthorization>(v),
        "RefundList" => round_trip::<RefundList>(v),
        "PaymentStatus" => round_trip::<PaymentStatus>(v),
        "Invoice" => round_trip::<Invoice>(v),
        "Ticket" => round_trip::<Ticket>(v),
        "GuestLogin" => round_trip::<GuestLogin>(v),
        other => Err(format!("no kefu-api type for schema {other}")),
    }
}

fn template_of(path: &str) -> Option<&'static str> {
    let path = path.split('?').next().unwrap_or(path);
    kefu_backend::ROUTES.iter().map(|(_, t)| *t).find(|t| {
        let (a, b): (Vec<_>, Vec<_>) = (t.split('/').collect(), path.split('/').collect());
        a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.starts_with('{') || x == y)
    })
}

/// A response the suite received is of the contract's type for its route and status.
pub(crate) fn decodes(method: &str, path: &str, status: u16, body: &Value) -> Result<(), String> {
    if status >= 400 {
        // 405 and the like come from the framework with no body.
        return if body.is_null() {
            Ok(())
        } else {
            decode_as("ApiError", body)
        };
    }
    match template_of(path).and_then(|t| success_type(method, t)) {
        Some(name) => decode_as(name, body),
        None => Ok(()),
    }
}

#[test]
fn every_route_is_documented_and_every_documented_path_is_routed() {
    let doc = doc();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .expect("operations")
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = kefu_backend::ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(documented, routed);
    for (m, p) in kefu_backend::ROUTES {
        if *p != kefu_api::paths::OPENAPI {
            assert!(
                success_type(m, p).is_some(),
                "{m} {p} has no response type in the test map"
            );
        }
    }
}

#[test]
fn every_example_decodes_into_the_contract_types() {
    let doc = doc();
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for (method, op) in ops.as_object().expect("ops") {
            let request = &op["requestBody"]["content"]["application/json"];
            if let (Some(ex), Some(r)) =
                (request.get("example"), request["schema"]["$ref"].as_str())
            {
                let name = r.rsplit('/').next().unwrap_or_default();
                decode_as(name, ex).unwrap_or_else(|e| panic!("{method} {path} request: {e}"));
                checked += 1;
            }
            for (status, res) in op["responses"].as_object().expect("responses") {
                let content = &res["content"]["application/json"];
                let (Some(ex), Some(r)) =
                    (content.get("example"), content["schema"]["$ref"].as_str())
                else {
                    continue;
                };
                let name = r.rsplit('/').next().unwrap_or_default();
                decode_as(name, ex).unwrap_or_else(|e| panic!("{method} {path} {status}: {e}"));
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} examples");
}

#[test]
fn every_schema_reference_resolves() {
    let text = kefu_api::OPENAPI_JSON;
    let doc = doc();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for piece in text.split("\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap_or_default();
        assert!(schemas.contains_key(name), "dangling $ref {name}");
    }
}

#[tokio::test]
async fn the_document_is_served() {
    let app = super::support::sqlite_app("openapi", kefu_backend::ApiConfig::demo()).await;
    let target = super::support::Target::InProcess(app);
    let reply = super::support::send(&target, "GET", kefu_api::paths::OPENAPI, &[], None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, doc());
}
