use mobileforge::config::Role;
use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn health_is_cheap_and_always_ok() {
    let app = spawn_sms_app().await;
    let res = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["role"], "sms");
    app.stop().await;
}

#[tokio::test]
async fn readiness_touches_postgres_and_mongodb() {
    let stack = spawn_insights_app().await;
    let res = stack.app.http.get(stack.app.url("/health/ready")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["checks"]["postgres"], "ok");
    assert_eq!(body["checks"]["postgres_sync"], "ok");
    assert_eq!(body["checks"]["mongodb"], "ok");
    stack.app.stop().await;
    stack.sms.stop().await;
}

/// A port nothing listens on.
fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    port.to_string()
}

#[tokio::test]
async fn readiness_names_mongodb_when_it_is_down() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let mut env = insights_env(&dbs, "http://127.0.0.1:9");
    set(&mut env, "DI_MONGODB_PORT", &closed_port());
    set(&mut env, "DI_MONGODB_SERVER_SELECTION_TIMEOUT_MS", "500");
    set(&mut env, "DI_MONGODB_CONNECT_TIMEOUT_MS", "500");
    let app = start(Role::Insights, &env, &dbs, None).await;
    // Liveness does not depend on MongoDB.
    assert_eq!(app.http.get(app.url("/health")).send().await.unwrap().status(), 200);
    let res = app.http.get(app.url("/health/ready")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["retryable"], true);
    assert_eq!(body["checks"]["postgres"], "ok");
    assert!(body["checks"]["mongodb"].as_str().unwrap().starts_with("down"), "{body}");
    assert!(body["error"].as_str().unwrap().contains("mongodb"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn readiness_names_postgres_when_it_is_down() {
    let dbs = TestDatabases::fresh();
    let mut env = sms_env(&dbs);
    set(&mut env, "DB_PORT", &closed_port());
    // The service starts without its database and reports it, rather than crash-looping.
    let settings = load(Role::Sms, &env);
    let app = mobileforge::http::Application::build(settings).await.unwrap();
    let port = app.port();
    let handle = app.handle();
    let task = tokio::spawn(app.run_until_stopped());
    let http = reqwest::Client::new();
    let res = http.get(format!("http://127.0.0.1:{port}/health/ready")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert!(body["checks"]["postgres"].as_str().unwrap().starts_with("down"), "{body}");
    assert!(body["request_id"].as_str().unwrap().len() == 32);
    // An /api call needing the database answers 503 retryable, not 500.
    let res = http
        .post(format!("http://127.0.0.1:{port}/api/extract"))
        .header("x-client-id", "acme")
        .header("x-auth-token", "t")
        .json(&serde_json::json!({"client_id": "acme", "sms": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["retryable"], true);
    handle.stop(true).await;
    let _ = task.await;
}
