//! Raw-data readers: the user's synced documents from MongoDB (contract §6)
//! and sync events from the sync database.
//!
//! Documents are never trusted: a record with a missing or wrongly typed
//! field is skipped and counted (the counts go into `time_json`), never a 500.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};
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
) -> Result<Vec<Document>, ReadError> {
    let read = async {
        let cursor = db.collection::<Document>(collection).find(filter).sort(doc! { "created_at": 1 }).await?;
        cursor.try_collect::<Vec<Document>>().await
    };
    bounded(collection, timeout, read).await
}

/// The records of one sync document: the elements of its array field, or
/// the document itself when it holds a single record at top level.
fn records(doc: Document, array_field: &str, skipped: &mut u64) -> Vec<Document> {
    match doc.get(array_field) {
        Some(Bson::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Bson::Document(d) => Some(d.clone()),
                _ => {
                    *skipped += 1;
                    None
                }
            })
            .collect(),
        Some(Bson::Document(d)) => vec![d.clone()],
        Some(_) => {
            *skipped += 1;
            Vec::new()
        }
        None => vec![doc],
    }
}

fn decode<T: DeserializeOwned>(records: Vec<Document>, skipped: &mut u64) -> Vec<T> {
    records
        .into_iter()
        .filter_map(|d| match mongodb::bson::from_document::<T>(d) {
            Ok(v) => Some(v),
            Err(_) => {
                *skipped += 1;
                None
            }
        })
        .collect()
}

fn sms_record(d: &Document) -> Option<RawSms> {
    let key = match d.get("sms_id")? {
        Bson::String(s) if !s.is_empty() => s.clone(),
        Bson::Int32(n) => n.to_string(),
        Bson::Int64(n) => n.to_string(),
        Bson::Double(f) if f.fract() == 0.0 && f.is_finite() => format!("{}", *f as i64),
        _ => return None,
    };
    let sms_sender = match d.get("sms_sender")? {
        Bson::String(s) => s.clone(),
        _ => return None,
    };
    let sms_body = match d.get("sms_body")? {
        Bson::String(s) => s.clone(),
        _ => return None,
    };
    let sms_inbox_date = match d.get("sms_inbox_date")? {
        Bson::String(s) => Value::String(s.clone()),
        Bson::Int32(n) => Value::from(*n),
        Bson::Int64(n) => Value::from(*n),
        Bson::Double(f) if f.is_finite() => Value::from(*f as i64),
        Bson::DateTime(dt) => Value::from(dt.timestamp_millis()),
        _ => return None,
    };
    let folder = match d.get("sms_folder") {
        Some(Bson::String(s)) => Some(s.to_ascii_lowercase()),
        None | Some(Bson::Null) => None,
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
    let sms_records: Vec<Document> = sms_docs.into_iter().flat_map(|d| records(d, "sms_data", &mut skipped)).collect();
    for d in sms_records {
        match sms_record(&d) {
            Some(sms) if seen.insert(sms.key.clone()) => out.sms.push(sms),
            Some(_) => {} // the same SMS synced again
            None => skipped += 1,
        }
    }
    out.skipped.insert("sms", skipped);

    let mut skipped = 0;
    let apps: Vec<Document> = app_docs.into_iter().flat_map(|d| records(d, "apps_data", &mut skipped)).collect();
    out.apps = decode(apps, &mut skipped);
    out.skipped.insert("apps", skipped);

    let mut skipped = 0;
    let devices: Vec<Document> = device_docs
        .into_iter()
        .chain(ios_docs)
        .flat_map(|d| records(d, "device_data", &mut skipped))
        .collect();
    // The latest sync describes the device as it is now.
    out.device = decode::<DeviceRecord>(devices, &mut skipped).pop();
    out.skipped.insert("device", skipped);

    let mut skipped = 0;
    let calls: Vec<Document> = call_docs.into_iter().flat_map(|d| records(d, "call_logs_data", &mut skipped)).collect();
    out.call_logs = decode(calls, &mut skipped);
    out.skipped.insert("call_logs", skipped);

    let mut skipped = 0;
    let contacts: Vec<Document> =
        contact_docs.into_iter().flat_map(|d| records(d, "contacts_data", &mut skipped)).collect();
    out.contacts = decode(contacts, &mut skipped);
    out.skipped.insert("contacts", skipped);

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
        let rows = client
            .query(
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

    #[test]
    fn insights_callers_read_their_organisation_data() {
        assert_eq!(data_client_ids("acme_insights"), vec!["acme_insights", "acme"]);
        assert_eq!(data_client_ids("acme"), vec!["acme"]);
        assert_eq!(data_client_ids("_insights"), vec!["_insights"]);
    }

    #[test]
    fn records_accept_arrays_and_single_records() {
        let mut skipped = 0;
        let batch = doc! { "user_id": "u", "apps_data": [ { "package_name": "a" }, 5, { "package_name": "b" } ] };
        assert_eq!(records(batch, "apps_data", &mut skipped).len(), 2);
        assert_eq!(skipped, 1);
        let single = doc! { "user_id": "u", "package_name": "c" };
        assert_eq!(records(single, "apps_data", &mut skipped).len(), 1);
    }

    #[test]
    fn malformed_sms_records_are_rejected() {
        let ok = doc! { "sms_id": 7_i64, "sms_sender": "AX-HDFCBK", "sms_body": "hi", "sms_inbox_date": 1_700_000_000_000_i64 };
        let raw = sms_record(&ok).expect("valid record");
        assert_eq!(raw.key, "7");
        let bad_body = doc! { "sms_id": "1", "sms_sender": "x", "sms_body": 5, "sms_inbox_date": "2025-01-01 00:00:00" };
        assert!(sms_record(&bad_body).is_none());
        let missing_id = doc! { "sms_sender": "x", "sms_body": "b", "sms_inbox_date": "2025-01-01 00:00:00" };
        assert!(sms_record(&missing_id).is_none());
    }
}
