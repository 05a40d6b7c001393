//! Raw-data readers: the user's synced documents from MongoDB (contract §6)
//! and sync events from the sync database.
//!
//! Documents are never trusted: a record with a missing or wrongly typed
//! field is skipped and counted (the counts go into `time_json`), never a 500.
//!
//! Documents arrive as raw BSON and each record is decoded straight from the
//! bytes into what the pipeline keeps. Building a `Document` tree per record
//! first (and copying each one out of its sync batch) was 43% of the
//! insights service's CPU per request for a user with 5,000 SMS.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document, RawBsonRef, RawDocument, RawDocumentBuf};
use mongodb::Database;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::db::PgPool;
use crate::features::input::{AppRecord, CallLogRecord, ContactRecord, DeviceRecord, SyncEvent};
use crate::sms::model::SmsInput;

pub const SMS_COLLECTION: &str = "sms_sync_request_sms_data";
pub const APPS_COLLECTION: &str = "device_sync_request_apps_data";
pub const DEVICE_COLLECTION: &str = "device_sync_request_device_data";
pub const IOS_DEVICE_COLLECTION: &str = "device_sync_request_ios_device_data";
pub const CALL_LOGS_COLLECTION: &str = "call_logs_sync_request_call_logs_data";
pub const CONTACTS_COLLECTION: &str = "contacts_sync_request_contacts_data";
pub const DEVICE_ID_MAPPER_COLLECTION: &str = "device_id_mapper";
pub const EXTRACTED_COLLECTION: &str = "extracted_sms_data";

#[derive(Debug, thiserror::Error)]
#[error("{source_name} unavailable: {message}")]
pub struct ReadError {
    pub source_name: &'static str,
    pub message: String,
}

/// One raw SMS with the fields the pipeline needs.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSms {
    pub input: SmsInput,
    /// `sms_id` as a string (ids arrive as strings or numbers): the key of
    /// `extracted_sms_data`.
    pub key: String,
    pub folder: Option<String>,
}

#[derive(Debug, Default)]
pub struct RawUserData {
    pub sms: Vec<RawSms>,
    pub apps: Vec<AppRecord>,
    pub device: Option<DeviceRecord>,
    pub call_logs: Vec<CallLogRecord>,
    pub contacts: Vec<ContactRecord>,
    pub device_ids: Vec<serde_json::Map<String, Value>>,
    pub sync_events: Vec<SyncEvent>,
    /// Records skipped as malformed, per source.
    pub skipped: BTreeMap<&'static str, u64>,
}

impl RawUserData {
    /// Whether any source holds anything for the user.
    pub fn is_empty(&self) -> bool {
        self.sms.is_empty()
            && self.apps.is_empty()
            && self.device.is_none()
            && self.call_logs.is_empty()
            && self.contacts.is_empty()
            && self.device_ids.is_empty()
            && self.sync_events.is_empty()
    }
}

/// The `client_id` values the user's synced data may be stored under: the
/// caller's own, and for an `<org>_insights` caller the organisation's
/// (the SDK syncs as `<org>`, internal servers call as `<org>_insights`).
pub fn data_client_ids(client_id: &str) -> Vec<String> {
    let mut ids = vec![client_id.to_string()];
    if let Some(org) = client_id.strip_suffix("_insights").filter(|o| !o.is_empty()) {
        ids.push(org.to_string());
    }
    ids
}

pub fn user_filter(client_ids: &[String], user_id: &str) -> Document {
    doc! { "client_id": { "$in": client_ids.to_vec() }, "user_id": user_id }
}

/// Runs one MongoDB operation on `collection` within `timeout`; a driver
/// error or no answer becomes a [`ReadError`] naming the collection.
pub async fn bounded<T>(
    collection: &str,
    timeout: Duration,
    operation: impl std::future::IntoFuture<Output = Result<T, mongodb::error::Error>>,
) -> Result<T, ReadError> {
    match tokio::time::timeout(timeout, operation.into_future()).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(ReadError { source_name: "MongoDB", message: format!("{collection}: {e}") }),
        Err(_) => Err(ReadError {
            source_name: "MongoDB",
            message: format!("{collection}: no answer within {} ms", timeout.as_millis()),
        }),
    }
}

/// All documents of the user in `collection`, oldest sync first.
async fn documents(
    db: &Database,
    collection: &'static str,
    filter: Document,
    timeout: Duration,
) -> Result<Vec<RawDocumentBuf>, ReadError> {
    let read = async {
        let cursor = db.collection::<RawDocumentBuf>(collection).find(filter).sort(doc! { "created_at": 1 }).await?;
        cursor.try_collect::<Vec<RawDocumentBuf>>().await
    };
    bounded(collection, timeout, read).await
}

/// The records of one sync document: the elements of its array field, or
/// the document itself when it holds a single record at top level.
fn records<'a>(doc: &'a RawDocument, array_field: &str, skipped: &mut u64) -> Vec<&'a RawDocument> {
    match doc.get(array_field) {
        Ok(Some(RawBsonRef::Array(items))) => items
            .into_iter()
            .filter_map(|item| match item {
                Ok(RawBsonRef::Document(d)) => Some(d),
                _ => {
                    *skipped += 1;
                    None
                }
            })
            .collect(),
        Ok(Some(RawBsonRef::Document(d))) => vec![d],
        Ok(None) => vec![doc],
        // a field of another type, or bytes that are not BSON
        Ok(Some(_)) | Err(_) => {
            *skipped += 1;
            Vec::new()
        }
    }
}

/// The records of every document, in order.
fn all_records<'a>(docs: &'a [RawDocumentBuf], array_field: &str, skipped: &mut u64) -> Vec<&'a RawDocument> {
    docs.iter().flat_map(|d| records(d, array_field, skipped)).collect()
}

fn decode<T: DeserializeOwned>(records: Vec<&RawDocument>, skipped: &mut u64) -> Vec<T> {
    records
        .into_iter()
        .filter_map(|d| match mongodb::bson::from_slice::<T>(d.as_bytes()) {
            Ok(v) => Some(v),
            Err(_) => {
                *skipped += 1;
                None
            }
        })
        .collect()
}

fn sms_record(d: &RawDocument) -> Option<RawSms> {
    // One walk over the record's fields (a lookup per field would walk it
    // five times); with a repeated field, the first one counts.
    let (mut id, mut sender, mut body, mut date, mut folder) = (None, None, None, None, None);
    for element in d {
        let (name, value) = element.ok()?;
        let slot = match name {
            "sms_id" => &mut id,
            "sms_sender" => &mut sender,
            "sms_body" => &mut body,
            "sms_inbox_date" => &mut date,
            "sms_folder" => &mut folder,
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    let key = match id? {
        RawBsonRef::String(s) if !s.is_empty() => s.to_string(),
        RawBsonRef::Int32(n) => n.to_string(),
        RawBsonRef::Int64(n) => n.to_string(),
        RawBsonRef::Double(f) if f.fract() == 0.0 && f.is_finite() => format!("{}", f as i64),
        _ => return None,
    };
    let sms_sender = match sender? {
        RawBsonRef::String(s) => s.to_string(),
        _ => return None,
    };
    let sms_body = match body? {
        RawBsonRef::String(s) => s.to_string(),
        _ => return None,
    };
    let sms_inbox_date = match date? {
        RawBsonRef::String(s) => Value::String(s.to_string()),
        RawBsonRef::Int32(n) => Value::from(n),
        RawBsonRef::Int64(n) => Value::from(n),
        RawBsonRef::Double(f) if f.is_finite() => Value::from(f as i64),
        RawBsonRef::DateTime(dt) => Value::from(dt.timestamp_millis()),
        _ => return None,
    };
    let folder = match folder {
        Some(RawBsonRef::String(s)) => Some(s.to_ascii_lowercase()),
        None | Some(RawBsonRef::Null) => None,
        Some(_) => return None,
    };
    Some(RawSms {
        input: SmsInput { sms_id: Value::String(key.clone()), sms_sender, sms_body, sms_inbox_date },
        key,
        folder,
    })
}

/// Reads every source of one user concurrently.
pub async fn read_user(
    db: &Database,
    sync_pg: &PgPool,
    client_id: &str,
    user_id: &str,
    timeout: Duration,
) -> Result<RawUserData, ReadError> {
    let ids = data_client_ids(client_id);
    let filter = || user_filter(&ids, user_id);
    let (sms_docs, app_docs, device_docs, ios_docs, call_docs, contact_docs, mapper_docs, sync_events) = tokio::try_join!(
        documents(db, SMS_COLLECTION, filter(), timeout),
        documents(db, APPS_COLLECTION, filter(), timeout),
        documents(db, DEVICE_COLLECTION, filter(), timeout),
        documents(db, IOS_DEVICE_COLLECTION, filter(), timeout),
        documents(db, CALL_LOGS_COLLECTION, filter(), timeout),
        documents(db, CONTACTS_COLLECTION, filter(), timeout),
        documents(db, DEVICE_ID_MAPPER_COLLECTION, filter(), timeout),
        read_sync_events(sync_pg, &ids, user_id, timeout),
    )?;
    let mut out = RawUserData::default();

    let mut skipped = 0;
    let mut seen = HashSet::new();
    for d in all_records(&sms_docs, "sms_data", &mut skipped) {
        match sms_record(d) {
            Some(sms) if seen.insert(sms.key.clone()) => out.sms.push(sms),
            Some(_) => {} // the same SMS synced again
            None => skipped += 1,
        }
    }
    out.skipped.insert("sms", skipped);

    let mut skipped = 0;
    out.apps = decode(all_records(&app_docs, "apps_data", &mut skipped), &mut skipped);
    out.skipped.insert("apps", skipped);

    let mut skipped = 0;
    let device_docs: Vec<RawDocumentBuf> = device_docs.into_iter().chain(ios_docs).collect();
    // The latest sync describes the device as it is now.
    out.device = decode::<DeviceRecord>(all_records(&device_docs, "device_data", &mut skipped), &mut skipped).pop();
    out.skipped.insert("device", skipped);

    let mut skipped = 0;
    out.call_logs = decode(all_records(&call_docs, "call_logs_data", &mut skipped), &mut skipped);
    out.skipped.insert("call_logs", skipped);

    let mut skipped = 0;
    out.contacts = decode(all_records(&contact_docs, "contacts_data", &mut skipped), &mut skipped);
    out.skipped.insert("contacts", skipped);

    // The mapper records go out as they are stored: a few documents, kept whole.
    let mut skipped = 0;
    let mapper_docs: Vec<Document> = mapper_docs
        .iter()
        .filter_map(|d| Document::try_from(d.as_ref()).map_err(|_| skipped += 1).ok())
        .collect();
    out.skipped.insert("device_id_mapper", skipped);
    let linked = linked_device_records(db, &mapper_docs, out.device.as_ref(), timeout).await?;
    let mut seen_ids = HashSet::new();
    out.device_ids = mapper_docs
        .into_iter()
        .chain(linked)
        // The user's own records come back from the linked lookup too.
        .filter(|d| d.get("_id").is_none_or(|id| seen_ids.insert(id.to_string())))
        .filter_map(|mut d| {
            d.remove("_id");
            match Bson::Document(d).into_relaxed_extjson() {
                Value::Object(map) => Some(map),
                _ => None,
            }
        })
        .collect();

    let (events, skipped) = sync_events;
    out.sync_events = events;
    out.skipped.insert("sync_events", skipped);
    Ok(out)
}

/// Device ids that identify a physical device, looked up across users.
const DEVICE_ID_FIELDS: [&str; 5] = ["android_id", "app_device_id", "google_adv_id", "device_id", "assembled_id"];

/// Most linked records read for one user (a device shared by thousands of
/// users is already maximally suspicious).
const LINKED_RECORDS_LIMIT: i64 = 1000;

/// `device_id_mapper` records of any user that share one of this user's
/// device ids (from their mapper records and their device data).
async fn linked_device_records(
    db: &Database,
    own: &[Document],
    device: Option<&DeviceRecord>,
    timeout: Duration,
) -> Result<Vec<Document>, ReadError> {
    let mut ids: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for field in DEVICE_ID_FIELDS {
        let values = ids.entry(field).or_default();
        for d in own {
            if let Ok(v) = d.get_str(field) {
                if !v.trim().is_empty() && !values.iter().any(|x| x == v) {
                    values.push(v.to_string());
                }
            }
        }
    }
    if let Some(dev) = device {
        for (field, value) in [("android_id", &dev.android_id), ("app_device_id", &dev.app_device_id), ("google_adv_id", &dev.google_adv_id)] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                let values = ids.entry(field).or_default();
                if !values.iter().any(|x| x == v) {
                    values.push(v.to_string());
                }
            }
        }
    }
    let clauses: Vec<Document> = ids
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(field, values)| doc! { field: { "$in": values } })
        .collect();
    if clauses.is_empty() {
        return Ok(Vec::new());
    }
    let read = async {
        let cursor = db
            .collection::<Document>(DEVICE_ID_MAPPER_COLLECTION)
            .find(doc! { "$or": clauses })
            .limit(LINKED_RECORDS_LIMIT)
            .await?;
        cursor.try_collect::<Vec<Document>>().await
    };
    bounded(DEVICE_ID_MAPPER_COLLECTION, timeout, read).await
}

async fn read_sync_events(
    pool: &PgPool,
    client_ids: &[String],
    user_id: &str,
    timeout: Duration,
) -> Result<(Vec<SyncEvent>, u64), ReadError> {
    let err = |message: String| ReadError { source_name: "sync database", message };
    let read = async {
        let client = pool.get().await.map_err(|e| err(e.to_string()))?;
        let rows = crate::db::postgres::query_cached(
            &client,
            "SELECT event_type, event_value, sync_request_id, created_at
               FROM sync_events_log WHERE client_id = ANY($1) AND user_id = $2
              ORDER BY created_at",
            &[&client_ids, &user_id],
        )
        .await
        .map_err(|e| err(e.to_string()))?;
        let mut skipped = 0;
        let events = rows
            .iter()
            .filter_map(|r| {
                let created_at: Option<chrono::NaiveDateTime> = r.try_get(3).ok().flatten();
                match created_at {
                    Some(created_at) => Some(SyncEvent {
                        event_type: r.try_get(0).ok().flatten(),
                        event_value: r.try_get(1).ok().flatten(),
                        sync_request_id: r.try_get(2).ok().flatten(),
                        created_at,
                    }),
                    None => {
                        skipped += 1;
                        None
                    }
                }
            })
            .collect();
        Ok((events, skipped))
    };
    tokio::time::timeout(timeout, read)
        .await
        .unwrap_or_else(|_| Err(err(format!("no answer within {} ms", timeout.as_millis()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(d: Document) -> RawDocumentBuf {
        RawDocumentBuf::from_document(&d).expect("encodable")
    }

    #[test]
    fn insights_callers_read_their_organisation_data() {
        assert_eq!(data_client_ids("acme_insights"), vec!["acme_insights", "acme"]);
        assert_eq!(data_client_ids("acme"), vec!["acme"]);
        assert_eq!(data_client_ids("_insights"), vec!["_insights"]);
    }

    #[test]
    fn records_accept_arrays_and_single_records() {
        let mut skipped = 0;
        let batch = raw(doc! { "user_id": "u", "apps_data": [ { "package_name": "a" }, 5, { "package_name": "b" } ] });
        assert_eq!(records(&batch, "apps_data", &mut skipped).len(), 2);
        assert_eq!(skipped, 1);
        let single = raw(doc! { "user_id": "u", "package_name": "c" });
        assert_eq!(records(&single, "apps_data", &mut skipped).len(), 1);
        let one = raw(doc! { "user_id": "u", "apps_data": { "package_name": "d" } });
        assert_eq!(records(&one, "apps_data", &mut skipped).len(), 1);
        let wrong = raw(doc! { "user_id": "u", "apps_data": "nope" });
        assert!(records(&wrong, "apps_data", &mut skipped).is_empty());
        assert_eq!(skipped, 2);
    }

    #[test]
    fn malformed_sms_records_are_rejected() {
        let ok = raw(doc! { "sms_id": 7_i64, "sms_sender": "AX-HDFCBK", "sms_body": "hi", "sms_inbox_date": 1_700_000_000_000_i64 });
        let sms = sms_record(&ok).expect("valid record");
        assert_eq!(sms.key, "7");
        let bad_body = raw(doc! { "sms_id": "1", "sms_sender": "x", "sms_body": 5, "sms_inbox_date": "2025-01-01 00:00:00" });
        assert!(sms_record(&bad_body).is_none());
        let missing_id = raw(doc! { "sms_sender": "x", "sms_body": "b", "sms_inbox_date": "2025-01-01 00:00:00" });
        assert!(sms_record(&missing_id).is_none());
        let bad_folder = raw(doc! { "sms_id": "2", "sms_sender": "x", "sms_body": "b", "sms_inbox_date": 1, "sms_folder": 3 });
        assert!(sms_record(&bad_folder).is_none());
        let shuffled = raw(doc! { "extra": [1, 2], "sms_folder": "INBOX", "sms_inbox_date": "2025-01-01 00:00:00", "sms_body": "b", "sms_id": 12.0, "sms_sender": "AD-X" });
        let sms = sms_record(&shuffled).expect("valid record");
        assert_eq!((sms.key.as_str(), sms.folder.as_deref(), sms.input.sms_body.as_str()), ("12", Some("inbox"), "b"));
        assert_eq!(sms.input.sms_inbox_date, Value::String("2025-01-01 00:00:00".into()));
    }

    /// Decoding from the raw bytes gives what decoding the `Document` gave
    /// (the reader used to build one per record), field types of every kind
    /// the SDK or a migration may have written included.
    #[test]
    fn raw_decoding_matches_document_decoding() {
        use crate::features::input::{AppRecord, CallLogRecord, ContactRecord, DeviceRecord};
        use mongodb::bson::DateTime;
        fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(d: Document) {
            let from_doc = mongodb::bson::from_document::<T>(d.clone()).ok();
            let mut skipped = 0;
            let bytes = raw(d.clone());
            let from_raw = decode::<T>(vec![&bytes], &mut skipped).pop();
            assert_eq!(from_raw, from_doc, "{d}");
            assert_eq!(skipped, u64::from(from_doc.is_none()), "{d}");
        }
        let when = DateTime::from_millis(1_700_000_000_123);
        for d in [
            doc! { "package_name": "a", "install_time": 1_700_000_000_000_i64, "is_system_app": false },
            doc! { "package_name": 5, "install_time": "1700000000000", "is_system_app": "yes" },
            doc! { "package_name": "b", "install_time": when, "update_time": { "$numberLong": "17" } },
            doc! { "package_name": "c", "install_time": 1.7e12, "is_system_app": 1 },
            doc! { "package_name": "d", "install_time": [1], "is_system_app": "maybe" },
            doc! { "package_name": mongodb::bson::Bson::Null, "install_time": { "x": 1 } },
        ] {
            same::<AppRecord>(d);
        }
        for d in [
            doc! { "android_id": "x1", "is_rooted": true, "battery_pct": 12.5, "total_storage_mb": "77.1", "total_ram_mb": 4_i32 },
            doc! { "android_id": 7_i64, "is_emulator": "false", "battery_pct": "", "sdk_int": when },
            doc! { "android_id": "x2", "battery_pct": "north" },
        ] {
            same::<DeviceRecord>(d);
        }
        for d in [
            doc! { "number_hash": "h", "duration_s": 12_i32, "call_time": when, "call_type": "incoming" },
            doc! { "number_hash": "h", "duration_s": "12.5", "call_time": "1700000000" },
            doc! { "number_hash": "h", "duration_s": true },
        ] {
            same::<CallLogRecord>(d);
        }
        for d in [
            doc! { "number_hash": "h", "times_contacted": 3_i32, "last_contacted": 0_i64, "starred": 0 },
            doc! { "number_hash": "h", "times_contacted": 3.0, "last_contacted": when, "starred": "no" },
            doc! { "number_hash": "h", "times_contacted": "many" },
        ] {
            same::<ContactRecord>(d);
        }
    }
}
