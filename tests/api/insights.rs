//! `POST /api/insights` end to end: MongoDB → extractor → features → dumps.

use mongodb::bson::{doc, Document};
use serde_json::{json, Value};

use crate::fixtures::seed_small_user;
use crate::helpers::*;

fn is_timestamp(v: &Value) -> bool {
    v.as_str().is_some_and(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").is_ok())
}

#[tokio::test]
async fn sync_insights_computes_features_from_real_extraction() {
    let stack = spawn_insights_app().await;
    let app = &stack.app;
    let mongo = app.mongo().await;
    seed_small_user(&mongo, &app.client_id, "u1").await;
    // Another lender's user on the same phone (same Android id), and an unrelated one.
    let mapper = mongo.collection::<Document>("device_id_mapper");
    mapper.insert_one(doc! {"client_id": "other_lender", "user_id": "x9", "android_id": "u1-android"}).await.unwrap();
    mapper.insert_one(doc! {"client_id": "other_lender", "user_id": "x10", "android_id": "someone-else"}).await.unwrap();

    let body = json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["sms", "fraud", "extracted_sms"]});
    let res = app.post("/api/insights", &body).await;
    assert_eq!(res.status(), 200);
    let out: Value = res.json().await.unwrap();
    assert_eq!(out["message"], "featurization completed");
    assert_eq!(out["user_id"], "u1");
    let request_id = out["request_id"].as_str().unwrap().to_string();
    assert_eq!(request_id.len(), 32);
    assert!(is_timestamp(&out["data_requested_time"]) && is_timestamp(&out["data_processed_time"]));

    // Hand-computed: 5 distinct valid SMS (s1..s5; "bad" skipped, s5 deduplicated);
    // money moved in s1 (credit 50,000), s2 (debit 500), s4 (debit 1,200.50).
    assert_eq!(out["all_sms_count_nlp"], 5);
    assert_eq!(out["txn_sms_count_nlp"], 3);
    assert_eq!(out["credit_sms_count_nlp"], 1);
    assert_eq!(out["debit_sms_count_nlp"], 2);
    assert_eq!(out["credit_amount_sum_30d"], 50000.0);
    assert_eq!(out["debit_amount_sum_30d"], 500.0);
    assert_eq!(out["debit_amount_sum_all"], 1700.5);
    assert_eq!(out["salary_credit_count_30d"], 1);
    assert_eq!(out["app_count"], 2);
    assert_eq!(out["loan_app_count"], 1);
    assert_eq!(out["device_linked_user_count"], 2);
    assert_eq!(out["device_shared_with_other_users"], true);
    assert_eq!(out["device_linked_client_count"], 2);

    // Every catalogue feature is present, none is a string.
    for def in mobileforge::features::catalogue() {
        let v = out.get(&def.name).unwrap_or_else(|| panic!("missing feature {}", def.name));
        assert!(!v.is_string(), "{} is a string", def.name);
    }

    // Dumps and usage.
    let rows = app
        .rows(&format!("SELECT cutoff_date FROM insights_request_dump WHERE request_id = '{request_id}'"))
        .await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<_, String>(0), out["data_requested_time"].as_str().unwrap());
    let rows = app
        .rows(&format!(
            "SELECT time_to_featurize, time_json::text, groupings::text, response_dump::text FROM insights_response_dump WHERE request_id = '{request_id}'"
        ))
        .await;
    assert_eq!(rows.len(), 1);
    let time_json: Value = serde_json::from_str(&rows[0].get::<_, String>(1)).unwrap();
    for stage in ["mongo_read", "extraction", "store_lookup", "store", "features", "total"] {
        assert!(time_json[stage].is_number(), "time_json lacks {stage}: {time_json}");
    }
    assert_eq!(time_json["skipped_records"]["sms"], 1);
    assert_eq!(time_json["skipped_records"]["apps"], 1);
    assert!(rows[0].get::<_, f64>(0) > 0.0);
    let dumped: Value = serde_json::from_str(&rows[0].get::<_, String>(3)).unwrap();
    assert_eq!(dumped["all_sms_count_nlp"], 5);
    assert_eq!(app.count("SELECT count(*) FROM usage WHERE api_name = 'insights' AND response_code = 200").await, 1);

    // Extraction results stored once per SMS, and a re-run does not duplicate them.
    let extracted = mongo.collection::<Document>("extracted_sms_data");
    let filter = doc! {"client_id": &app.client_id, "user_id": "u1"};
    assert_eq!(extracted.count_documents(filter.clone()).await.unwrap(), 5);
    let again: Value = app.post("/api/insights", &body).await.json().await.unwrap();
    assert_eq!(again["all_sms_count_nlp"], 5);
    assert_eq!(again["debit_amount_sum_all"], 1700.5);
    assert_eq!(extracted.count_documents(filter).await.unwrap(), 5);
    // ... because the lookup found all five (not only because the unique index refused copies).
    let rows = app
        .rows(&format!(
            "SELECT time_json::text FROM insights_response_dump WHERE request_id = '{}'",
            again["request_id"].as_str().unwrap()
        ))
        .await;
    let time_json: Value = serde_json::from_str(&rows[0].get::<_, String>(0)).unwrap();
    assert_eq!(time_json["sms_newly_stored"], 0, "{time_json}");

    // Only the requested grouping's features.
    let only_sms: Value = app
        .post("/api/insights", &json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["sms"]}))
        .await
        .json()
        .await
        .unwrap();
    assert!(only_sms.get("all_sms_count_nlp").is_some());
    assert!(only_sms.get("loan_app_count").is_none());
    stack.app.stop().await;
    stack.sms.stop().await;
}

#[tokio::test]
async fn a_user_without_data_is_user_not_found_and_still_logged() {
    let stack = spawn_insights_app().await;
    let app = &stack.app;
    let res = app.post("/api/insights", &json!({"user_id": "ghost", "client_id": app.client_id, "groupings": ["sms"]})).await;
    assert_eq!(res.status(), 200);
    let out: Value = res.json().await.unwrap();
    assert_eq!(out["message"], "user not found");
    assert!(out.get("all_sms_count_nlp").is_none());
    let rid = out["request_id"].as_str().unwrap();
    assert_eq!(app.count(&format!("SELECT count(*) FROM insights_response_dump WHERE request_id = '{rid}'")).await, 1);
    assert_eq!(app.count("SELECT count(*) FROM usage WHERE api_name = 'insights'").await, 1);
    stack.app.stop().await;
    stack.sms.stop().await;
}

#[tokio::test]
async fn extractor_down_is_503_retryable_and_nothing_half_written() {
    let stack = spawn_insights_app().await;
    let sms_app_client = (stack.app.client_id.clone(), stack.app.token.clone());
    let dbs = stack.app.dbs.clone();
    stack.app.stop().await;
    stack.sms.stop().await;
    // The extractor is gone; the insights API points at a closed port.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://127.0.0.1:{}", l.local_addr().unwrap().port());
    drop(l);
    let mut env = insights_env(&dbs, &dead);
    set(&mut env, "MOBILEFORGE__EXTRACTOR__RETRIES", "1");
    let app = start(mobileforge::config::Role::Insights, &env, &dbs, Some((&sms_app_client.0, &sms_app_client.1))).await;
    let mongo = app.mongo().await;
    seed_small_user(&mongo, &app.client_id, "u1").await;
    let res = app.post("/api/insights", &json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["sms"]})).await;
    assert_eq!(res.status(), 503);
    let out: Value = res.json().await.unwrap();
    assert_eq!(out["retryable"], true);
    assert!(out["error"].as_str().unwrap().contains("extractor"), "{out}");
    assert!(out.get("message").is_none(), "never a completed answer");
    let n = mongo.collection::<Document>("extracted_sms_data").count_documents(doc! {}).await.unwrap();
    assert_eq!(n, 0, "no partial extraction results");
    assert_eq!(app.count("SELECT count(*) FROM usage WHERE api_name = 'insights' AND response_code = 503").await, 1);
    let rid = out["request_id"].as_str().unwrap();
    assert_eq!(app.count(&format!("SELECT count(*) FROM insights_response_dump WHERE request_id = '{rid}'")).await, 1);
    app.stop().await;
}

/// The stored-id lookup returns exactly this user's ids, whatever their BSON
/// type, and nothing of another user or lender.
#[tokio::test]
async fn stored_keys_are_exactly_the_users_stored_ids() {
    let stack = spawn_insights_app().await;
    let mongo = stack.app.mongo().await;
    let c = &stack.app.client_id;
    let extracted = mongo.collection::<Document>("extracted_sms_data");
    extracted
        .insert_many([
            doc! {"client_id": c, "user_id": "u1", "sms_id": "a-1"},
            doc! {"client_id": c, "user_id": "u1", "sms_id": 42_i32},
            doc! {"client_id": c, "user_id": "u1", "sms_id": 9_000_000_000_i64},
            doc! {"client_id": c, "user_id": "u2", "sms_id": "b-1"},
            doc! {"client_id": "other_lender", "user_id": "u1", "sms_id": "c-1"},
        ])
        .await
        .unwrap();
    let timeout = std::time::Duration::from_secs(10);
    let keys = mobileforge::insights::store::stored_keys(&mongo, c, "u1", timeout).await.unwrap();
    let mut keys: Vec<String> = keys.into_iter().collect();
    keys.sort();
    assert_eq!(keys, ["42", "9000000000", "a-1"]);
    let none = mobileforge::insights::store::stored_keys(&mongo, c, "nobody", timeout).await.unwrap();
    assert!(none.is_empty());
    stack.app.stop().await;
    stack.sms.stop().await;
}
