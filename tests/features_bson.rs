//! Input records decoded the way the insights reader decodes them: BSON
//! documents through `bson::from_document` (Int32 / Int64 / Double / DateTime
//! / String values).

use mongodb::bson::{doc, from_document, DateTime};

use mobileforge::features::{AppRecord, CallLogRecord, ContactRecord, DeviceRecord, SyncEvent};

#[test]
fn bson_numbers_of_any_width() {
    let a: AppRecord = from_document(doc! {
        "package_name": "com.kreditbee.android", "app_name": "KreditBee",
        "install_time": 1_717_400_000_000_i64, "update_time": 1_717_400_000_000.0_f64, "is_system_app": false
    })
    .unwrap();
    assert_eq!(a.install_time, Some(1_717_400_000_000));
    assert_eq!(a.update_time, Some(1_717_400_000_000));
    let d: DeviceRecord = from_document(doc! { "sdk_int": 33_i32, "total_ram_mb": 4096.5, "is_rooted": 1_i32, "battery_pct": 80_i64 }).unwrap();
    assert_eq!(d.sdk_int, Some(33));
    assert_eq!(d.total_ram_mb, Some(4096.5));
    assert_eq!(d.is_rooted, Some(true));
    assert_eq!(d.battery_pct, Some(80.0));
    let c: CallLogRecord = from_document(doc! { "number_hash": "h", "call_type": "missed", "duration_s": 0_i32, "call_time": 5_i64 }).unwrap();
    assert_eq!(c.duration_s, Some(0.0));
    let c: ContactRecord = from_document(doc! { "number_hash": "h", "starred": true, "times_contacted": 2_i32 }).unwrap();
    assert_eq!(c.times_contacted, Some(2));
}

#[test]
fn bson_dates_and_nulls() {
    let ms = 1_717_400_000_000_i64;
    let a: AppRecord = from_document(doc! { "install_time": DateTime::from_millis(ms), "update_time": null }).unwrap();
    assert_eq!(a.install_time, Some(ms));
    assert_eq!(a.update_time, None);
    let e: SyncEvent = from_document(doc! { "event_type": "permission", "created_at": DateTime::from_millis(ms) }).unwrap();
    assert_eq!(e.created_at.and_utc().timestamp_millis(), ms);
}

#[test]
fn bson_wrong_types_fail() {
    assert!(from_document::<AppRecord>(doc! { "install_time": "yesterday" }).is_err());
    assert!(from_document::<AppRecord>(doc! { "package_name": { "a": 1 } }).is_err());
    assert!(from_document::<DeviceRecord>(doc! { "is_rooted": [true] }).is_err());
}
