//! `POST /api/async_insights`: 202 then 200, from any replica, surviving a replica's death.

use std::time::{Duration, Instant};

use mobileforge::config::Role;
use serde_json::{json, Value};

use crate::fixtures::seed_small_user;
use crate::helpers::*;

async fn poll_until_done(app: &TestApp, body: &Value, limit: Duration) -> Value {
    let started = Instant::now();
    loop {
        let res = app.post("/api/async_insights", body).await;
        match res.status().as_u16() {
            202 => {
                let v: Value = res.json().await.unwrap();
                assert_eq!(v["message"], "featurization in progress");
            }
            200 => return res.json().await.unwrap(),
            other => panic!("unexpected status {other}: {}", res.text().await.unwrap()),
        }
        assert!(started.elapsed() < limit, "job did not finish within {limit:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn first_call_is_202_and_a_later_poll_gets_the_result() {
    let stack = spawn_insights_app().await;
    let app = &stack.app;
    seed_small_user(&app.mongo().await, &app.client_id, "u1").await;
    let body = json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["sms", "extracted_sms"]});
    let first = app.post("/api/async_insights", &body).await;
    assert_eq!(first.status(), 202);
    let first: Value = first.json().await.unwrap();
    let rid = first["request_id"].as_str().unwrap().to_string();
    let done = poll_until_done(app, &body, Duration::from_secs(30)).await;
    assert_eq!(done["message"], "featurization completed");
    assert_eq!(done["request_id"], rid.as_str(), "the poll answers the job the first call created");
    assert_eq!(done["all_sms_count_nlp"], 5);
    // Same groupings in another order find the same finished job.
    let again: Value = app
        .post("/api/async_insights", &json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["extracted_sms", "sms"]}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["request_id"], rid.as_str());
    assert_eq!(app.count(&format!("SELECT count(*) FROM insights_response_dump WHERE request_id = '{rid}'")).await, 1);
    assert_eq!(app.count(&format!("SELECT count(*) FROM insights_request_dump WHERE request_id = '{rid}'")).await, 1);
    stack.app.stop().await;
    stack.sms.stop().await;
}

#[tokio::test]
async fn a_job_survives_the_death_of_the_replica_running_it() {
    // Replica A's extractor never answers, so A is mid-job when it dies.
    let hang = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let hang_url = format!("http://127.0.0.1:{}", hang.local_addr().unwrap().port());
    let stack = spawn_insights_app_with(|env| {
        set(env, "MOBILEFORGE__ASYNC_JOBS__LEASE_SECS", "2");
    })
    .await;
    let dbs = stack.app.dbs.clone();
    let creds = (stack.app.client_id.clone(), stack.app.token.clone());
    let sms_url = stack.sms.address.clone();
    stack.app.stop().await; // only the sms service and the databases stay

    let mut env_a = insights_env(&dbs, &hang_url);
    set(&mut env_a, "MOBILEFORGE__ASYNC_JOBS__LEASE_SECS", "2");
    set(&mut env_a, "MOBILEFORGE__EXTRACTOR__TIMEOUT_SECS", "120");
    let a = start(Role::Insights, &env_a, &dbs, Some((&creds.0, &creds.1))).await;
    seed_small_user(&a.mongo().await, &a.client_id, "u1").await;
    let body = json!({"user_id": "u1", "client_id": a.client_id, "groupings": ["sms"]});
    let first: Value = a.post("/api/async_insights", &body).await.json().await.unwrap();
    let rid = first["request_id"].as_str().unwrap().to_string();

    // Wait until A has claimed the job, then kill A.
    let started = Instant::now();
    loop {
        let owner = a.rows(&format!("SELECT lease_owner FROM insights_jobs WHERE request_id = '{rid}' AND status = 'running'")).await;
        if !owner.is_empty() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "replica A never claimed the job");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let owner_a: String = a.rows(&format!("SELECT lease_owner FROM insights_jobs WHERE request_id = '{rid}'")).await[0].get(0);
    a.kill().await;
    drop(hang);

    // Replica B (working extractor) takes the job over once A's lease expires, and answers the poll.
    let mut env_b = insights_env(&dbs, &sms_url);
    set(&mut env_b, "MOBILEFORGE__ASYNC_JOBS__LEASE_SECS", "2");
    let b = start(Role::Insights, &env_b, &dbs, Some((&creds.0, &creds.1))).await;
    let done = poll_until_done(&b, &body, Duration::from_secs(30)).await;
    assert_eq!(done["request_id"], rid.as_str());
    assert_eq!(done["message"], "featurization completed");
    let row = &b.rows(&format!("SELECT attempts, status FROM insights_jobs WHERE request_id = '{rid}'")).await[0];
    assert!(row.get::<_, i32>(0) >= 2, "claimed again after the crash");
    assert_eq!(row.get::<_, String>(1), "done");
    assert!(!owner_a.is_empty());
    b.stop().await;
    stack.sms.stop().await;
}

#[tokio::test]
async fn a_job_whose_extractor_stays_down_fails_clearly_after_its_deadline() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://127.0.0.1:{}", l.local_addr().unwrap().port());
    drop(l);
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let mut env = insights_env(&dbs, &dead);
    set(&mut env, "MOBILEFORGE__ASYNC_JOBS__DEADLINE_SECS", "3");
    set(&mut env, "MOBILEFORGE__EXTRACTOR__RETRIES", "0");
    let app = start(Role::Insights, &env, &dbs, None).await;
    seed_small_user(&app.mongo().await, &app.client_id, "u1").await;
    let body = json!({"user_id": "u1", "client_id": app.client_id, "groupings": ["sms"]});
    assert_eq!(app.post("/api/async_insights", &body).await.status(), 202);
    let started = Instant::now();
    let (status, failure) = loop {
        let res = app.post("/api/async_insights", &body).await;
        if res.status() != 202 {
            break (res.status().as_u16(), res.json::<Value>().await.unwrap());
        }
        assert!(started.elapsed() < Duration::from_secs(30), "job never ended");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(status, 503, "{failure}");
    assert_eq!(failure["retryable"], true);
    let message = failure["error"].as_str().unwrap();
    assert!(message.contains("deadline") && message.contains("extractor"), "{message}");
    assert!(failure.get("message").is_none(), "never a completed answer");
    let attempts: i32 = app.rows("SELECT attempts FROM insights_jobs").await[0].get(0);
    assert!(attempts >= 2, "retried before giving up ({attempts})");
    // The failure is reported once; the next call starts a new job.
    assert_eq!(app.post("/api/async_insights", &body).await.status(), 202);
    assert_eq!(app.count("SELECT count(*) FROM insights_jobs").await, 2);
    app.stop().await;
}
