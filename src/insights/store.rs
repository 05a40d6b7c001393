//! `extracted_sms_data`: one extraction result per user + SMS.
//!
//! Results are written once (a unique index on client_id + user_id + sms_id
//! rejects a second copy), so re-running a request never duplicates them and
//! a repeat request only sends the extractor the SMS it has not seen.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::NaiveDateTime;
use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::InsertManyOptions;
use mongodb::Database;
use serde_json::Value;

use super::readers::{bounded, ReadError, EXTRACTED_COLLECTION};
use crate::sms::model::ExtractionResult;

/// `YYYY-MM-DD HH:MM:SS`, the contract's timestamp format.
pub fn format_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}


/// A stored result, as read back.
#[derive(Debug, Clone)]
pub struct StoredResult {
    pub result: ExtractionResult,
    /// The stored document without `_id` (what `fetch_extracted_data` returns).
    pub document: serde_json::Map<String, Value>,
}

/// Most `sms_id`s in one `$in` read of [`load`].
const LOAD_CHUNK: usize = 10_000;

/// The user's stored results for the given `sms_id`s (as they arrived:
/// strings or numbers), keyed by `sms_id` as a string: `$in` queries
/// answered from the `client_id_1_user_id_1_sms_id_1` index on MongoDB.
pub async fn load(
    db: &Database,
    client_id: &str,
    user_id: &str,
    sms_ids: &[&Value],
    timeout: Duration,
) -> Result<HashMap<String, StoredResult>, ReadError> {
    // An id BSON cannot hold (a u64 above i64::MAX) was never stored either.
    let ids: Vec<Bson> = sms_ids.iter().filter_map(|v| mongodb::bson::to_bson(v).ok()).collect();
    let mut docs = Vec::new();
    // Chunks keep each query far below MongoDB's 16 MB command limit.
    for chunk in ids.chunks(LOAD_CHUNK) {
        let read = async {
            let cursor = db
                .collection::<Document>(EXTRACTED_COLLECTION)
                .find(doc! { "client_id": client_id, "user_id": user_id, "sms_id": { "$in": chunk } })
                .await?;
            cursor.try_collect::<Vec<Document>>().await
        };
        docs.extend(bounded(EXTRACTED_COLLECTION, timeout, read).await?);
    }
    let mut out = HashMap::with_capacity(docs.len());
    for mut d in docs {
        d.remove("_id");
        let Value::Object(document) = mongodb::bson::Bson::Document(d).into_relaxed_extjson() else { continue };
        let Some(key) = document.get("sms_id").and_then(sms_key) else { continue };
        // A document this version cannot read (e.g. written by hand) is re-extracted.
        if let Ok(result) = serde_json::from_value::<ExtractionResult>(Value::Object(document.clone())) {
            out.insert(key, StoredResult { result, document });
        }
    }
    Ok(out)
}

pub fn sms_key(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `sms_id`s of the user that already have a stored result, in one
/// round trip: an aggregation that `$match`es on the
/// `client_id_1_user_id_1_sms_id_1` index and gathers the ids into one
/// document (`$addToSet`).
///
/// Why not `distinct`: both are answered from the index on MongoDB 7 and
/// both return one document (the same 16 MB ceiling, ~500,000 ids), but the
/// MongoDB stand-in of our tests and benchmarks (nx-27017) runs this
/// pipeline in SQLite in ~7 ms for 5,000 ids against ~45 ms for `distinct`,
/// and it shares the machine's two cores with the extraction that this
/// lookup overlaps (BENCHMARKS.md, "Insights API under load").
pub async fn stored_keys(
    db: &Database,
    client_id: &str,
    user_id: &str,
    timeout: Duration,
) -> Result<HashSet<String>, ReadError> {
    let collection = db.collection::<Document>(EXTRACTED_COLLECTION);
    let pipeline = [
        doc! { "$match": { "client_id": client_id, "user_id": user_id } },
        doc! { "$group": { "_id": Bson::Null, "ids": { "$addToSet": "$sms_id" } } },
    ];
    let read = async { collection.aggregate(pipeline).await?.try_collect::<Vec<Document>>().await };
    let groups = bounded(EXTRACTED_COLLECTION, timeout, read).await?;
    let mut keys = HashSet::new();
    for group in &groups {
        let Ok(ids) = group.get_array("ids") else { continue };
        keys.extend(ids.iter().filter_map(|b| match b {
            Bson::String(s) => Some(s.clone()),
            Bson::Int32(n) => Some(n.to_string()),
            Bson::Int64(n) => Some(n.to_string()),
            _ => None,
        }));
    }
    Ok(keys)
}

/// The document stored for one result.
pub fn document_for(
    result: &ExtractionResult,
    client_id: &str,
    user_id: &str,
    request_id: &str,
    now: NaiveDateTime,
) -> serde_json::Map<String, Value> {
    let mut map = match serde_json::to_value(result) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    map.insert("user_id".into(), Value::from(user_id));
    map.insert("client_id".into(), Value::from(client_id));
    map.insert("request_id".into(), Value::from(request_id));
    map.insert("created_at".into(), Value::from(format_time(now)));
    map.insert("created_date".into(), Value::from(now.format("%Y-%m-%d").to_string()));
    map
}

fn only_duplicates(e: &mongodb::error::Error) -> bool {
    matches!(
        *e.kind,
        mongodb::error::ErrorKind::InsertMany(ref failure)
            if failure.write_concern_error.is_none()
                && failure.write_errors.as_ref().is_some_and(|w| w.iter().all(|we| we.code == 11000))
    )
}

/// Inserts new results; copies already stored by a concurrent request are ignored.
pub async fn insert(
    db: &Database,
    documents: Vec<serde_json::Map<String, Value>>,
    timeout: Duration,
) -> Result<(), ReadError> {
    if documents.is_empty() {
        return Ok(());
    }
    let docs = documents
        .iter()
        .map(mongodb::bson::to_document)
        .collect::<Result<Vec<Document>, _>>()
        .map_err(|e| ReadError { source_name: "MongoDB", message: format!("{EXTRACTED_COLLECTION}: cannot encode a result: {e}") })?;
    let options = InsertManyOptions::builder().ordered(false).build();
    let collection = db.collection::<Document>(EXTRACTED_COLLECTION);
    let write = async {
        match collection.insert_many(docs).with_options(options).await {
            Ok(_) => Ok(()),
            // Only duplicates rejected: a concurrent request stored them first.
            Err(e) if only_duplicates(&e) => Ok(()),
            Err(e) => Err(e),
        }
    };
    bounded(EXTRACTED_COLLECTION, timeout, write).await
}
