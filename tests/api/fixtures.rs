//! A small hand-built user whose features are computed by hand in the tests.

use chrono::{Duration, NaiveDateTime, Utc};
use mongodb::bson::{doc, Document};
use mongodb::Database;

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn ms(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp_millis()
}

/// Writes user `user_id` of organisation `client_id`:
/// - SMS (one sync batch + one single-record document + one malformed record):
///   a salary credit of 50,000 10 days ago, UPI debits of 500 (3 days ago) and
///   1,200.50 (40 days ago), an OTP quoting an amount, and a promo loan offer;
///   the malformed record (numeric body) must be skipped and counted.
/// - two apps (one loan app), one device record, two call logs.
pub async fn seed_small_user(db: &Database, client_id: &str, user_id: &str) {
    let n = now();
    let sms = vec![
        doc! { "sms_id": "s1", "sms_sender": "AX-HDFCBK-S", "sms_folder": "inbox", "sms_inbox_date": ms(n - Duration::days(10)),
               "sms_body": "Dear Customer, your A/c XX1234 has been credited with INR 50,000.00 on 17-11-25 by NEFT-ACME TECHNOLOGIES-SALARY. Avl Bal INR 61,000.00. -HDFC Bank" },
        doc! { "sms_id": "s2", "sms_sender": "AX-HDFCBK-S", "sms_folder": "inbox", "sms_inbox_date": ms(n - Duration::days(3)),
               "sms_body": "Rs.500.00 debited from A/c XX1234 on 24-11-25 to VPA swiggy@ybl (UPI Ref No 512345678901). Avl Bal Rs.60,500.00 -HDFC Bank" },
        doc! { "sms_id": "s3", "sms_sender": "VM-AMAZON", "sms_folder": "inbox", "sms_inbox_date": ms(n - Duration::days(2)),
               "sms_body": "482913 is your OTP to complete the payment of Rs.2,999.00. Valid for 10 minutes. Do not share it with anyone." },
        doc! { "sms_id": "bad", "sms_sender": "AX-HDFCBK-S", "sms_body": 12345, "sms_inbox_date": ms(n) },
    ];
    let coll = db.collection::<Document>("sms_sync_request_sms_data");
    coll.insert_one(doc! { "client_id": client_id, "user_id": user_id, "request_id": "r1", "created_at": "2025-11-20 10:00:00", "sms_data": sms })
        .await
        .unwrap();
    // A document holding a single record at top level.
    coll.insert_one(doc! { "client_id": client_id, "user_id": user_id, "request_id": "r2",
        "sms_id": "s4", "sms_sender": "VM-SBIUPI-S", "sms_folder": "inbox", "sms_inbox_date": ms(n - Duration::days(40)),
        "sms_body": "Dear UPI user A/C X3028 debited by 1200.50 on date 18Oct25 trf to VINOD KUMAR SAH Refno 000000642062. If not u? call 1800111109. -SBI" })
        .await
        .unwrap();
    coll.insert_one(doc! { "client_id": client_id, "user_id": user_id, "request_id": "r3", "sms_data": [
        { "sms_id": "s5", "sms_sender": "VM-KREDTB", "sms_folder": "inbox", "sms_inbox_date": ms(n - Duration::days(1)),
          "sms_body": "Congratulations! You are pre-approved for an instant personal loan of up to Rs.2,00,000 at low interest. Apply now: kbee.in/x12" },
        // The same SMS synced twice counts once.
        { "sms_id": "s5", "sms_sender": "VM-KREDTB", "sms_folder": "inbox", "sms_inbox_date": ms(n - Duration::days(1)),
          "sms_body": "Congratulations! You are pre-approved for an instant personal loan of up to Rs.2,00,000 at low interest. Apply now: kbee.in/x12" },
    ] }).await.unwrap();

    db.collection::<Document>("device_sync_request_apps_data")
        .insert_one(doc! { "client_id": client_id, "user_id": user_id, "request_id": "r4", "apps_data": [
            { "package_name": "com.kreditbee.android", "app_name": "KreditBee", "install_time": ms(n - Duration::days(5)), "update_time": ms(n - Duration::days(5)), "is_system_app": false },
            { "package_name": "com.whatsapp", "app_name": "WhatsApp", "install_time": ms(n - Duration::days(300)), "update_time": ms(n - Duration::days(2)), "is_system_app": false },
            { "package_name": "com.broken", "app_name": "broken", "install_time": "yesterday" },
        ] })
        .await
        .unwrap();
    db.collection::<Document>("device_id_mapper")
        .insert_one(doc! { "client_id": client_id, "user_id": user_id, "android_id": format!("{user_id}-android"), "device_id": "dev-1" })
        .await
        .unwrap();
    db.collection::<Document>("device_sync_request_device_data")
        .insert_one(doc! { "client_id": client_id, "user_id": user_id, "request_id": "r5", "device_data": {
            "brand": "samsung", "model": "SM-A145F", "is_rooted": true, "is_emulator": false, "total_ram_mb": 4096, "sdk_int": 33 } })
        .await
        .unwrap();
}
