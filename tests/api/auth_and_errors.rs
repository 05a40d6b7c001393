//! Contract §3: authentication and every error status with its body shape.

use mobileforge::config::Role;
use serde_json::{json, Value};

use crate::helpers::*;

const UNAUTHORIZED_TAIL: &str =
    "). It has been logged successfully on our servers. Please contact us with the request_id for assistance.";

fn assert_unauthorized_body(body: &Value) -> String {
    let text = body["error"].as_str().expect("error text");
    assert!(text.starts_with("Could not validate credentials. (request_id="), "{text}");
    assert!(text.ends_with(UNAUTHORIZED_TAIL), "{text}");
    assert_eq!(body.as_object().unwrap().len(), 1, "only `error`: {body}");
    let id = &text["Could not validate credentials. (request_id=".len()..text.len() - UNAUTHORIZED_TAIL.len()];
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    id.to_string()
}

#[tokio::test]
async fn valid_credentials_are_accepted() {
    let app = spawn_sms_app().await;
    let res = app.post("/api/extract", &json!({"client_id": app.client_id, "sms": []})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"results": []}));
    app.stop().await;
}

#[tokio::test]
async fn every_auth_failure_is_401_and_logged_without_the_token() {
    let app = spawn_sms_app().await;
    let body = json!({"client_id": app.client_id, "sms": []});
    let wrong_token = "00000000-1111-2222-3333-444444444444";
    let cases: Vec<(&str, Option<&str>, Option<&str>, Value)> = vec![
        ("wrong token", Some(app.client_id.as_str()), Some(wrong_token), body.clone()),
        ("unknown client", Some("nobody"), Some(app.token.as_str()), json!({"client_id": "nobody", "sms": []})),
        ("missing token", Some(app.client_id.as_str()), None, body.clone()),
        ("missing client header", None, Some(app.token.as_str()), body.clone()),
        ("body client differs", Some(app.client_id.as_str()), Some(app.token.as_str()), json!({"client_id": "other", "sms": []})),
    ];
    let mut ids = Vec::new();
    for (case, client, token, body) in &cases {
        let mut req = app.http.post(app.url("/api/extract")).json(body);
        if let Some(c) = client {
            req = req.header("x-client-id", *c);
        }
        if let Some(t) = token {
            req = req.header("x-auth-token", *t);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401, "{case}");
        ids.push(assert_unauthorized_body(&res.json().await.unwrap()));
    }
    let rows = app.rows("SELECT request_id, auth_token, client_id, req_body::text FROM unauthorized_requests").await;
    assert_eq!(rows.len(), cases.len());
    for row in &rows {
        let request_id: String = row.get(0);
        assert!(ids.contains(&request_id), "logged with the request_id the caller saw");
        let stored: Option<String> = row.get(1);
        if let Some(stored) = stored {
            assert!(!stored.contains(wrong_token) && !stored.contains(&app.token), "raw token stored");
            assert!(stored.starts_with("sha256:"));
        }
    }
    let wrong: Vec<_> = rows.iter().filter(|r| r.get::<_, Option<String>>(2).as_deref() == Some("nobody")).collect();
    assert_eq!(wrong.len(), 1);
    // Every call, failed ones included, has its usage row.
    assert_eq!(app.count("SELECT count(*) FROM usage WHERE response_code = 401 AND api_name = 'extract'").await, 5);
    app.stop().await;
}

#[tokio::test]
async fn validation_errors_have_the_detail_shape() {
    let app = spawn_sms_app().await;

    // Missing field: the received body is echoed as `input`.
    let res = app.post("/api/extract", &json!({"sms": []})).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body,
        json!({"detail": [{"type": "missing", "loc": ["body", "client_id"], "msg": "Field required", "input": {"sms": []}}]})
    );

    // Wrong type and over-long user_id, both reported.
    let res = app.post("/api/extract", &json!({"client_id": 5, "user_id": "u".repeat(65), "sms": []})).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let kinds: Vec<&str> = body["detail"].as_array().unwrap().iter().map(|d| d["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["string_type", "string_too_long"]);
    assert_eq!(body["detail"][0]["loc"], json!(["body", "client_id"]));
    assert_eq!(body["detail"][1]["loc"], json!(["body", "user_id"]));

    // Not JSON at all.
    let res = app
        .http
        .post(app.url("/api/extract"))
        .header("x-client-id", &app.client_id)
        .header("x-auth-token", &app.token)
        .header("content-type", "application/json")
        .body("{\"client_id\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "json_invalid");
    assert_eq!(body["detail"][0]["msg"], "JSON decode error");
    assert_eq!(body["detail"][0]["loc"][0], "body");

    // A body that is JSON but not an object.
    let res = app.post("/api/extract", &json!([1, 2])).await;
    assert_eq!(res.status(), 422);

    // More SMS than MAX_SMS_COUNT (50 in tests): 422 naming the limit.
    let sms: Vec<Value> = (0..51).map(|i| json!({"sms_id": i, "sms_sender": "AX-HDFCBK", "sms_body": "hi", "sms_inbox_date": 0})).collect();
    let res = app.post("/api/extract", &json!({"client_id": app.client_id, "sms": sms})).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "too_long");
    assert!(body["detail"][0]["msg"].as_str().unwrap().contains("at most 50"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn unknown_grouping_is_an_enum_error() {
    let stack = spawn_insights_app().await;
    let app = &stack.app;
    let res = app
        .post("/api/insights", &json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["sms", "weather"]}))
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "enum");
    assert_eq!(body["detail"][0]["loc"], json!(["body", "groupings", 1]));
    assert_eq!(body["detail"][0]["input"], "weather");
    let res = app.post("/api/insights", &json!({"user_id": "u1", "client_id": app.client_id})).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["detail"][0]["loc"], json!(["body", "groupings"]));
    // asking for no grouping at all is refused, on both endpoints, not answered "completed" with nothing
    for path in ["/api/insights", "/api/async_insights"] {
        let res = app.post(path, &json!({"user_id": "u1", "client_id": app.client_id, "groupings": []})).await;
        assert_eq!(res.status(), 422, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["detail"][0]["type"], "too_short", "{path}: {body}");
        assert_eq!(body["detail"][0]["loc"], json!(["body", "groupings"]), "{path}");
    }
    let res = app
        .post("/api/fetch_extracted_data", &json!({"user_id": "u1", "client_id": app.client_id, "cnt_sms_threshold": "many"}))
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "int_parsing");
    stack.app.stop().await;
    stack.sms.stop().await;
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json() {
    let app = spawn_sms_app().await;
    for path in ["/nope", "/api/nope"] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "Not Found");
    }
    let res = app.http.get(app.url("/api/extract")).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert!(res.json::<Value>().await.unwrap()["error"].is_string());
    app.stop().await;
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let mut env = sms_env(&dbs);
    set(&mut env, "MOBILEFORGE__SERVER__MAX_BODY_BYTES", "2048");
    let app = start(Role::Sms, &env, &dbs, None).await;
    let big = "x".repeat(4096);
    let res = app
        .post("/api/extract", &json!({"client_id": app.client_id, "sms": [{"sms_id": 1, "sms_sender": "x", "sms_body": big}]}))
        .await;
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("2048"));
    app.stop().await;
}

#[tokio::test]
async fn the_per_ip_rate_limit_answers_429_with_retry_after() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let mut env = sms_env(&dbs);
    set(&mut env, "MOBILEFORGE__SERVER__RATE_LIMIT_PER_MINUTE", "3");
    let app = start(Role::Sms, &env, &dbs, None).await;
    let body = json!({"client_id": app.client_id, "sms": []});
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..10 {
        let res = app.post("/api/extract", &body).await;
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            retry_after = res.headers().get("retry-after").map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
            assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("Rate limit"));
        }
    }
    // Ten calls over at most two one-minute windows: one window must go over 3.
    assert!(statuses.iter().filter(|s| **s == 200).count() >= 3, "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
    let r = retry_after.expect("Retry-After header");
    assert!((1..=60).contains(&r));
    // Health checks are not rate limited.
    assert_eq!(app.http.get(app.url("/health")).send().await.unwrap().status(), 200);
    app.stop().await;
}
