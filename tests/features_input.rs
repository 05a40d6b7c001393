//! Input records: lenient about representation, strict about type; and
//! `sms_inbox_date` parsing.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use mobileforge::features::input::{parse_datetime_str, SmsFeatureInput};
use mobileforge::features::{parse_inbox_date, AppRecord, CallLogRecord, ContactRecord, DeviceRecord, SyncEvent};
use mobileforge::sms::model::ExtractionResult;

fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, mi, s).unwrap()
}

#[test]
fn inbox_date_forms() {
    let t = dt(2025, 6, 4, 8, 47, 47);
    let ms = t.and_utc().timestamp_millis();
    assert_eq!(parse_inbox_date(&json!(ms)), Some(t));
    assert_eq!(parse_inbox_date(&json!(ms as f64)), Some(t));
    assert_eq!(parse_inbox_date(&json!(ms.to_string())), Some(t));
    assert_eq!(parse_inbox_date(&json!("2025-06-04 08:47:47")), Some(t));
    assert_eq!(parse_inbox_date(&json!(" 2025-06-04T08:47:47 ")), Some(t));
    assert_eq!(parse_inbox_date(&json!("2025-06-04T08:47:47Z")), Some(t));
    assert_eq!(parse_inbox_date(&json!("2025-06-04T14:17:47+05:30")), Some(t));
    assert_eq!(parse_inbox_date(&json!("2025-06-04 08:47:47.250")), Some(t + chrono::Duration::milliseconds(250)));
    // Epoch seconds are recognised by their size.
    assert_eq!(parse_inbox_date(&json!(ms / 1000)), Some(t));
    // Extended JSON.
    assert_eq!(parse_inbox_date(&json!({"$date": {"$numberLong": ms.to_string()}})), Some(t));
    assert_eq!(parse_inbox_date(&json!({"$numberLong": ms.to_string()})), Some(t));
    // Unreadable.
    for v in [json!(null), json!(""), json!("yesterday"), json!(true), json!([ms]), json!(-5), json!("2025-13-40 00:00:00")] {
        assert_eq!(parse_inbox_date(&v), None, "{v}");
    }
    assert_eq!(parse_datetime_str("2025-06-04"), Some(dt(2025, 6, 4, 0, 0, 0)));
}

#[test]
fn sms_feature_input_parses_its_date() {
    let r: ExtractionResult = serde_json::from_value(json!({
        "sms_id": "1", "sms_sender": "AD-HDFCBK", "sms_body": "x", "sms_inbox_date": "2025-06-04 08:47:47",
        "sender_name": null, "sender_type": null, "sms_type": null, "sms_sub_type": null, "sms_nlp_tag": null,
        "is_transactional": false, "transaction_type": null, "transaction": null, "transaction_nlp": null,
        "account_last_digits": null, "acc_number_nlp": null, "available_balance": null, "transaction_party": null,
        "transaction_ref": null, "due_amount": null, "due_date": null, "unique_pan": null, "unique_pan_nlp": null,
        "is_classified": false, "is_extracted": false, "template_hash": "h"
    }))
    .unwrap();
    let s = SmsFeatureInput::new(r, Some("inbox".into()));
    assert_eq!(s.inbox_time, Some(dt(2025, 6, 4, 8, 47, 47)));
}

#[test]
fn app_record_is_lenient_about_representation() {
    let a: AppRecord = serde_json::from_value(json!({
        "package_name": "com.kreditbee.android", "app_name": "KreditBee",
        "install_time": 1717400000000.0, "update_time": "1717400000000", "is_system_app": 0
    }))
    .unwrap();
    assert_eq!(a.install_time, Some(1_717_400_000_000));
    assert_eq!(a.update_time, Some(1_717_400_000_000));
    assert_eq!(a.is_system_app, Some(false));
    // Missing and null fields are None; unknown fields are ignored.
    let a: AppRecord = serde_json::from_value(json!({"package_name": "x", "install_time": null, "extra": [1]})).unwrap();
    assert_eq!(a, AppRecord { package_name: Some("x".into()), ..Default::default() });
    // Extended JSON numbers.
    let a: AppRecord = serde_json::from_value(json!({"install_time": {"$numberLong": "1717400000000"}})).unwrap();
    assert_eq!(a.install_time, Some(1_717_400_000_000));
}

#[test]
fn wrongly_typed_fields_fail_the_record() {
    assert!(serde_json::from_value::<AppRecord>(json!({"install_time": "yesterday"})).is_err());
    assert!(serde_json::from_value::<AppRecord>(json!({"is_system_app": "maybe"})).is_err());
    assert!(serde_json::from_value::<AppRecord>(json!({"package_name": ["a"]})).is_err());
    assert!(serde_json::from_value::<DeviceRecord>(json!({"total_ram_mb": {"a": 1}})).is_err());
    assert!(serde_json::from_value::<CallLogRecord>(json!({"duration_s": true})).is_err());
    assert!(serde_json::from_value::<ContactRecord>(json!({"starred": 2})).is_err());
    assert!(serde_json::from_value::<AppRecord>(json!("not an object")).is_err());
}

#[test]
fn device_record_numbers_as_int_or_float() {
    let d: DeviceRecord = serde_json::from_value(json!({
        "brand": "samsung", "sdk_int": 33.0, "total_ram_mb": 4096, "free_storage_mb": "1024.5",
        "is_rooted": "false", "is_emulator": true, "battery_pct": 57.5, "android_id": 12345
    }))
    .unwrap();
    assert_eq!(d.sdk_int, Some(33));
    assert_eq!(d.total_ram_mb, Some(4096.0));
    assert_eq!(d.free_storage_mb, Some(1024.5));
    assert_eq!(d.is_rooted, Some(false));
    assert_eq!(d.is_emulator, Some(true));
    assert_eq!(d.android_id.as_deref(), Some("12345"));
}

#[test]
fn call_contact_records() {
    let c: CallLogRecord =
        serde_json::from_value(json!({"number_hash": "ab", "call_type": "missed", "duration_s": 0, "call_time": 1717400000000i64})).unwrap();
    assert_eq!(c.duration_s, Some(0.0));
    let c: ContactRecord = serde_json::from_value(json!({"number_hash": "ab", "times_contacted": "3", "starred": 1})).unwrap();
    assert_eq!(c.times_contacted, Some(3));
    assert_eq!(c.starred, Some(true));
}

#[test]
fn sync_event_created_at_forms() {
    let t = dt(2025, 6, 4, 8, 47, 47);
    for v in [json!("2025-06-04 08:47:47"), json!("2025-06-04T08:47:47"), json!(t.and_utc().timestamp_millis())] {
        let e: SyncEvent = serde_json::from_value(json!({"event_type": "permission", "event_value": "sms_denied", "created_at": v})).unwrap();
        assert_eq!(e.created_at, t);
    }
    assert!(serde_json::from_value::<SyncEvent>(json!({"event_type": "x"})).is_err());
    assert!(serde_json::from_value::<SyncEvent>(json!({"created_at": "soon"})).is_err());
    // Round trip through serde (the async job store may persist inputs).
    let e: SyncEvent = serde_json::from_value(json!({"created_at": "2025-06-04 08:47:47", "sync_request_id": 7})).unwrap();
    assert_eq!(e.sync_request_id.as_deref(), Some("7"));
    let back: SyncEvent = serde_json::from_value(serde_json::to_value(&e).unwrap()).unwrap();
    assert_eq!(back, e);
}
