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

#[tokio::test]
async fn only_the_returned_sms_are_extracted_and_numeric_ids_are_found_again() {
    use mongodb::bson::{doc, Document};
    let stack = spawn_insights_app().await;
    let app = &stack.app;
    let db = app.mongo().await;
    // Ten SMS with numeric ids (as some SDK versions send them), one day apart:
    // id 10 is the most recent.
    let now_ms = chrono::Utc::now().timestamp_millis();
    let sms: Vec<Document> = (1..=10_i64)
        .map(|i| {
            doc! { "sms_id": i, "sms_sender": "AX-HDFCBK-S", "sms_folder": "inbox",
                   "sms_inbox_date": now_ms - (11 - i) * 86_400_000,
                   "sms_body": format!("Rs.{i}00.00 debited from A/c XX1234 to VPA shop{i}@ybl. Avl Bal Rs.9,000.00") }
        })
        .collect();
    db.collection::<Document>("sms_sync_request_sms_data")
        .insert_one(doc! { "client_id": &app.client_id, "user_id": "u7", "request_id": "r1", "sms_data": sms })
        .await
        .unwrap();
    let body = |n: i64| json!({"user_id": "u7", "client_id": app.client_id, "cnt_sms_threshold": n});

    let first: Value = app.post("/api/fetch_extracted_data", &body(3)).await.json().await.unwrap();
    let ids: Vec<&Value> = first["extracted_sms_data"].as_array().unwrap().iter().map(|d| &d["sms_id"]).collect();
    // Raw ids are keyed as strings (`readers`), and stored and read back as such.
    assert_eq!(ids, [&json!("10"), &json!("9"), &json!("8")]);
    assert_eq!(first["extracted_sms_data"][0]["transaction"], 1000.0);
    let stored = db.collection::<Document>("extracted_sms_data");
    assert_eq!(stored.count_documents(doc! { "user_id": "u7" }).await.unwrap(), 3, "only the returned SMS are extracted");

    // The three stored results are read back (not extracted again); the rest are new.
    let all: Value = app.post("/api/fetch_extracted_data", &body(100)).await.json().await.unwrap();
    assert_eq!(all["extracted_sms_data"].as_array().unwrap().len(), 10);
    assert_eq!(stored.count_documents(doc! { "user_id": "u7" }).await.unwrap(), 10);
    let newly = app
        .rows("SELECT (time_json->>'sms_newly_extracted')::int FROM fetch_extracted_response_dump ORDER BY created_at")
        .await;
    let newly: Vec<i32> = newly.iter().map(|r| r.get(0)).collect();
    assert_eq!(newly, [3, 7]);
    stack.app.stop().await;
    stack.sms.stop().await;
}
