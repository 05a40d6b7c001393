//! `POST /api/fetch_extracted_data`.

use serde_json::{json, Value};

use crate::fixtures::seed_small_user;
use crate::helpers::*;

#[tokio::test]
async fn returns_the_most_recent_results_and_logs_the_call() {
    let stack = spawn_insights_app().await;
    let app = &stack.app;
    seed_small_user(&app.mongo().await, &app.client_id, "u1").await;
    let res = app
        .post("/api/fetch_extracted_data", &json!({"user_id": "u1", "client_id": app.client_id, "cnt_sms_threshold": 2}))
        .await;
    assert_eq!(res.status(), 200);
    let out: Value = res.json().await.unwrap();
    let items = out["extracted_sms_data"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    // Most recent first: s5 (1 day ago), then s3 (2 days ago).
    assert_eq!(items[0]["sms_id"], "s5");
    assert_eq!(items[1]["sms_id"], "s3");
    for field in ["user_id", "client_id", "request_id", "sms_sender", "sms_body", "sms_inbox_date", "created_at", "created_date", "sms_type", "template_hash"] {
        assert!(items[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(items[1]["sms_type"], "otp");
    let all: Value = app
        .post("/api/fetch_extracted_data", &json!({"user_id": "u1", "client_id": app.client_id}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["extracted_sms_data"].as_array().unwrap().len(), 5);

    let none: Value = app
        .post("/api/fetch_extracted_data", &json!({"user_id": "nobody", "client_id": app.client_id}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none, json!({"extracted_sms_data": []}));
    assert_eq!(app.count("SELECT count(*) FROM fetch_extracted_request_dump").await, 3);
    assert_eq!(app.count("SELECT count(*) FROM fetch_extracted_response_dump").await, 3);
    assert_eq!(app.count("SELECT count(*) FROM usage WHERE api_name = 'fetch_extracted_data' AND response_code = 200").await, 3);
    stack.app.stop().await;
    stack.sms.stop().await;
}
