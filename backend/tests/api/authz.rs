//! Attacks the case files cannot express: comparing answers for enumeration, a real guest
//! session, limits, CORS, masking across every order, and concurrent retries.

use kefu_backend::{ApiConfig, RateLimits};
use serde_json::{Value, json};

use super::support::{Target, authorization, send, serve, sqlite_app};

const ORDERS: [(&str, &str); 12] = [
    ("A10293", "c-1001"),
    ("A10294", "c-1001"),
    ("A10295", "c-1001"),
    ("A10296", "c-1001"),
    ("A10297", "c-1001"),
    ("A10301", "c-1002"),
    ("A10302", "c-1002"),
    ("A10303", "c-1002"),
    ("A10304", "c-1002"),
    ("A10310", "c-1003"),
    ("A10311", "c-1003"),
    ("A10312", "c-1003"),
];

fn auth(who: &str) -> Vec<(String, String)> {
    authorization(who, &ApiConfig::demo().jwt_secret)
        .map(|a| vec![("authorization".to_owned(), a)])
        .unwrap_or_default()
}

async fn target(name: &str, config: ApiConfig) -> Target {
    Target::InProcess(sqlite_app(name, config).await)
}

#[tokio::test]
async fn another_shoppers_order_and_a_missing_one_look_the_same() {
    let t = target("enumeration", ApiConfig::demo()).await;
    for path in ["", "/tracking", "/payments", "/refunds"] {
        let theirs = send(
            &t,
            "GET",
            &format!("/kefu/v1/orders/A10293{path}"),
            &auth("c-1002"),
            None,
        )
        .await;
        let missing = send(
            &t,
            "GET",
            &format!("/kefu/v1/orders/A19999{path}"),
            &auth("c-1002"),
            None,
        )
        .await;
        assert_eq!(
            (theirs.status, &theirs.body),
            (missing.status, &missing.body),
            "{path}"
        );
    }
    let login = |n: &str, e: &str| json!({"order_number": n, "contact": {"email": e}});
    let wrong = send(
        &t,
        "POST",
        "/kefu/v1/sessions/guest",
        &[],
        Some(&login("A10293", "jamie@example.com")),
    )
    .await;
    let none = send(
        &t,
        "POST",
        "/kefu/v1/sessions/guest",
        &[],
        Some(&login("A19999", "jamie@example.com")),
    )
    .await;
    assert_eq!((wrong.status, &wrong.body), (none.status, &none.body));
}

#[tokio::test]
async fn a_guest_session_opens_one_order_only() {
    let t = target("guest-flow", ApiConfig::demo()).await;
    let body = json!({"order_number": "A10296", "contact": {"phone": "138-1234-5678"}});
    let session = send(&t, "POST", "/kefu/v1/sessions/guest", &[], Some(&body)).await;
    assert_eq!(session.status, 200, "{}", session.body);
    let token = session.body["token"].as_str().expect("token");
    let bearer = vec![("authorization".to_owned(), format!("Bearer {token}"))];
    let own = send(&t, "GET", "/kefu/v1/orders/A10296", &bearer, None).await;
    assert_eq!(own.status, 200);
    // Same shopper's other order: a guest proved only one.
    let sibling = send(&t, "GET", "/kefu/v1/orders/A10293", &bearer, None).await;
    assert_eq!(sibling.status, 404);
    // Tampering with the order claim breaks the signature.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let claims = String::from_utf8(b64.decode(&parts[1]).expect("b64")).expect("utf8");
    parts[1] = b64.encode(claims.replace("A10296", "A10301"));
    let forged = vec![(
        "authorization".to_owned(),
        format!("Bearer {}", parts.join(".")),
    )];
    let res = send(&t, "GET", "/kefu/v1/orders/A10301", &forged, None).await;
    assert_eq!(
        (res.status, res.body["code"].as_str()),
        (401, Some("unauthenticated"))
    );
}

#[tokio::test]
async fn lookups_are_limited_per_order_and_guesses_per_order() {
    let mut config = ApiConfig::demo();
    config.limits = RateLimits {
        per_client: 1000,
        per_order: 3,
        guest_attempts_per_order: 2,
    };
    let t = target("limits", config).await;
    for _ in 0..3 {
        assert_eq!(
            send(&t, "GET", "/kefu/v1/orders/A10293", &auth("c-1001"), None)
                .await
                .status,
            200
        );
    }
    let limited = send(
        &t,
        "GET",
        "/kefu/v1/orders/A10293/tracking",
        &auth("c-1001"),
        None,
    )
    .await;
    assert_eq!(
        (limited.status, limited.body["code"].as_str()),
        (429, Some("rate_limited"))
    );
    assert!(limited.header("retry-after").is_some());
    assert_eq!(
        send(&t, "GET", "/kefu/v1/orders/A10294", &auth("c-1001"), None)
            .await
            .status,
        200
    );
    let guess = json!({"order_number": "A10301", "contact": {"email": "guess@example.com"}});
    for _ in 0..2 {
        assert_eq!(
            send(&t, "POST", "/kefu/v1/sessions/guest", &[], Some(&guess))
                .await
                .status,
            404
        );
    }
    // Past the limit even the right contact is refused: guessing cannot go on.
    let right = json!({"order_number": "A10301", "contact": {"email": "meiling.chen@example.com"}});
    assert_eq!(
        send(&t, "POST", "/kefu/v1/sessions/guest", &[], Some(&right))
            .await
            .status,
        429
    );
}

#[tokio::test]
async fn clients_are_limited_by_address_over_http() {
    let mut config = ApiConfig::demo();
    config.limits.per_client = 5;
    let t = serve(sqlite_app("client-limit", config).await).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(
            send(&t, "GET", "/kefu/v1/orders", &auth("c-1003"), None)
                .await
                .status,
        );
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429]);
}

#[tokio::test]
async fn cors_allows_the_configured_storefronts_only() {
    let mut config = ApiConfig::demo();
    config.allowed_origins = vec!["https://shop.example".to_owned()];
    let t = target("cors", config).await;
    let preflight = |origin: &str| {
        vec![
            ("origin".to_owned(), origin.to_owned()),
            (
                "access-control-request-method".to_owned(),
                "POST".to_owned(),
            ),
            (
                "access-control-request-headers".to_owned(),
                "authorization,idempotency-key,content-type".to_owned(),
            ),
        ]
    };
    let ok = send(
        &t,
        "OPTIONS",
        "/kefu/v1/orders/A10293/cancel",
        &preflight("https://shop.example"),
        None,
    )
    .await;
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("https://shop.example")
    );
    let allowed = ok
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    let evil = send(
        &t,
        "OPTIONS",
        "/kefu/v1/orders/A10293/cancel",
        &preflight("https://evil.example"),
        None,
    )
    .await;
    assert_eq!(evil.header("access-control-allow-origin"), None);
    let mut get = auth("c-1001");
    get.push(("origin".to_owned(), "https://evil.example".to_owned()));
    let res = send(&t, "GET", "/kefu/v1/orders/A10293", &get, None).await;
    assert_eq!(res.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn no_response_carries_unmasked_personal_data() {
    let t = target("masking", ApiConfig::demo()).await;
    let secrets = [
        "xiaoming.wang@example.com",
        "meiling.chen@example.com",
        "jamie@example.com",
        "13812345678",
        "0912345678",
        "4155550132",
        "世纪大道100号",
        "松仁路100號",
        "Howard St",
        "王小明",
        "陳美玲",
        "Jamie Doe",
    ];
    for (number, owner) in ORDERS {
        for path in ["", "/tracking", "/payments", "/refunds"] {
            let res = send(
                &t,
                "GET",
                &format!("/kefu/v1/orders/{number}{path}"),
                &auth(owner),
                None,
            )
            .await;
            assert_eq!(res.status, 200, "{number}{path}");
            let text = res.body.to_string();
            for s in secrets {
                assert!(!text.contains(s), "{number}{path} leaks {s}: {text}");
            }
        }
    }
    let list = send(&t, "GET", "/kefu/v1/orders", &auth("c-1001"), None)
        .await
        .body
        .to_string();
    assert!(!secrets.iter().any(|s| list.contains(s)), "{list}");
}

#[tokio::test]
async fn concurrent_retries_cancel_once_and_return_once() {
    let t = target("concurrent", ApiConfig::demo()).await;
    let mut headers = auth("c-1001");
    headers.push((
        "idempotency-key".to_owned(),
        "double-click-cancel-1".to_owned(),
    ));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (t, h) = (t.clone(), headers.clone());
            tokio::spawn(async move {
                send(
                    &t,
                    "POST",
                    "/kefu/v1/orders/A10294/cancel",
                    &h,
                    Some(&json!({})),
                )
                .await
            })
        })
        .collect();
    let mut bodies = Vec::new();
    for task in tasks {
        let r = task.await.expect("task");
        assert_eq!(r.status, 200, "{}", r.body);
        bodies.push(r.body);
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "replays differ");
    let refunds = send(
        &t,
        "GET",
        "/kefu/v1/orders/A10294/refunds",
        &auth("c-1001"),
        None,
    )
    .await;
    assert_eq!(refunds.body["refunds"].as_array().map(Vec::len), Some(1));

    let mut headers = auth("c-1001");
    headers.push((
        "idempotency-key".to_owned(),
        "double-click-return-1".to_owned(),
    ));
    let ret =
        json!({"kind": "return", "items": [{"item_id": 5, "quantity": 1, "reason": "damaged"}]});
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (t, h, b) = (t.clone(), headers.clone(), ret.clone());
            tokio::spawn(async move {
                send(&t, "POST", "/kefu/v1/orders/A10296/returns", &h, Some(&b)).await
            })
        })
        .collect();
    let mut codes: Vec<Value> = Vec::new();
    for task in tasks {
        let r = task.await.expect("task");
        assert_eq!(r.status, 201, "{}", r.body);
        codes.push(r.body["code"].clone());
    }
    assert!(codes.iter().all(|c| c == "RA-A10296-1"), "{codes:?}");
}

#[tokio::test]
async fn the_demo_sign_in_exists_only_with_the_public_demo_secret() {
    let demo = target("demo-sign-in", ApiConfig::demo()).await;
    let signed = send(&demo, "POST", "/demo/sign-in", &[], None).await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    let token = signed.body["token"].as_str().expect("a token");
    let bearer = [("authorization".to_owned(), format!("Bearer {token}"))];
    let mine = send(&demo, "GET", "/kefu/v1/orders", &bearer, None).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let numbers: Vec<&str> = mine.body["orders"]
        .as_array()
        .map(|o| o.iter().filter_map(|o| o["number"].as_str()).collect())
        .unwrap_or_default();
    let own: Vec<&str> = ORDERS
        .iter()
        .filter(|(_, who)| *who == "c-1001")
        .map(|(n, _)| *n)
        .collect();
    assert!(
        !numbers.is_empty() && numbers.iter().all(|n| own.contains(n)),
        "{}",
        mine.body
    );

    let mut config = ApiConfig::demo();
    config.jwt_secret = b"a-merchant-secret-that-is-long-enough-0123".to_vec();
    let real = target("real-secret", config).await;
    let refused = send(&real, "POST", "/demo/sign-in", &[], None).await;
    assert_ne!(refused.status, 200);
    assert!(refused.body.get("token").is_none(), "{}", refused.body);
}
