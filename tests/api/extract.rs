//! `POST /api/extract` and `mobileforge sms extract`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn extract_returns_results_in_input_order_and_records_usage() {
    let app = spawn_sms_app().await;
    let sms = json!([
        {"sms_id": "a", "sms_sender": "VM-SBIUPI-S", "sms_body": "Dear UPI user A/C X3028 debited by 80.0 on date 22Sep25 trf to VINOD KUMAR SAH Refno 000000642062", "sms_inbox_date": "2025-09-22 10:00:00"},
        {"sms_id": 2, "sms_sender": "AX-HDFCBK", "sms_body": "123456 is your OTP for txn of Rs 5000 at AMAZON. Do not share it with anyone.", "sms_inbox_date": 1758535200000_i64},
        {"sms_id": "c", "sms_sender": "JD-ICICIT-T", "sms_body": "Hi", "sms_inbox_date": null}
    ]);
    let res = app.post("/api/extract", &json!({"client_id": app.client_id, "user_id": "u1", "sms": sms})).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    // Input fields echoed exactly, in order.
    assert_eq!(results[0]["sms_id"], "a");
    assert_eq!(results[1]["sms_id"], 2);
    assert_eq!(results[1]["sms_inbox_date"], 1758535200000_i64);
    assert_eq!(results[2]["sms_id"], "c");
    let first = &results[0];
    assert_eq!(first["transaction_type"], "debit-transaction");
    assert_eq!(first["transaction"], 80.0);
    assert_eq!(first["account_last_digits"], "3028");
    assert_eq!(first["sender_name"], "state bank of india");
    assert_eq!(results[1]["sms_type"], "otp");
    assert!(results[1]["transaction"].is_null());
    for r in results {
        for field in ["sender_type", "sms_type", "is_transactional", "template_hash", "unique_pan", "acc_number_nlp", "transaction_nlp"] {
            assert!(r.get(field).is_some(), "field {field} present");
        }
    }
    assert_eq!(app.count("SELECT count(*) FROM usage WHERE api_name = 'extract' AND response_code = 200").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_full_batch_comes_back_in_order_and_equal_to_the_engine() {
    // 1,000 messages: the route cuts the batch into chunks run side by side
    // and joins their answers; the result must be the engine's, in order.
    let app = spawn_sms_app_with(|env| set(env, "MAX_SMS_COUNT", "1000")).await;
    let engine = mobileforge::sms::Engine::builtin().unwrap();
    let templates = [
        "Dear UPI user A/C X{a} debited by {n}.0 on date 22Sep25 trf to SHOP {i} Refno 0000{i}42062",
        "Rs.{n},{a}.50 credited to A/c XX{a} on 05-11-25 by NEFT from EMPLOYER {i} LTD. Avl Bal Rs 2,00,{a}.00",
        "{a}{i} is your OTP for txn of Rs {n} at STORE{i}. Do not share it.",
        "EMI of Rs {n}/- for loan a/c **{a} bounced on 05-11-25. Pay now.",
        "Get a pre-approved loan of Rs {n},000 today! Apply now",
    ];
    let sms: Vec<mobileforge::sms::SmsInput> = (0..1000)
        .map(|i| {
            let body = templates[i % templates.len()]
                .replace("{a}", &format!("{:04}", (i * 37) % 10000))
                .replace("{n}", &(i * 13 % 997 + 1).to_string())
                .replace("{i}", &i.to_string());
            mobileforge::sms::SmsInput {
                sms_id: if i % 2 == 0 { json!(format!("m{i}")) } else { json!(i) },
                sms_sender: ["VM-SBIUPI-S", "AX-HDFCBK", "JD-ICICIT-T"][i % 3].to_string(),
                sms_body: body,
                sms_inbox_date: json!(1758535200000_i64 + i as i64),
            }
        })
        .collect();
    let res = app.post("/api/extract", &json!({"client_id": app.client_id, "user_id": "u1", "sms": &sms})).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), sms.len());
    for (i, (got, input)) in results.iter().zip(sms).enumerate() {
        let want = serde_json::to_value(engine.extract_one(input)).unwrap();
        assert_eq!(got, &want, "result {i}");
    }
    app.stop().await;
}

#[test]
fn the_offline_extractor_streams_in_order_and_reports_bad_lines() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mobileforge"))
        .args(["sms", "extract"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = concat!(
        "{\"sms_id\":\"1\",\"sms_sender\":\"AX-HDFCBK\",\"sms_body\":\"Rs.500.00 debited from A/c XX1234 on 05-11-25 to swiggy@upi\",\"sms_inbox_date\":\"2025-11-05 10:00:00\"}\n",
        "this is not json\n",
        "{\"sms_id\":\"3\",\"sms_sender\":\"AX-HDFCBK\"}\n",
        "{\"sms_id\":\"4\",\"sms_sender\":\"VM-SBIUPI\",\"sms_body\":\"\u{1F600} \u{0928}\u{092E}\u{0938}\u{094D}\u{0924}\u{0947}\",\"sms_inbox_date\":0}\n",
    );
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["sms_id"], "1");
    assert_eq!(lines[0]["transaction"], 500.0);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("sms_body"));
    assert_eq!(lines[3]["sms_id"], "4");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("4 lines, 2 extracted, 2 errors"), "{stderr}");
}
