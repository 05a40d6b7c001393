//! The insights pipeline: read the user's data, make sure every SMS has an
//! extraction result, compute the requested features, assemble the answer.
//! Shared by the sync endpoint, the async worker and `fetch_extracted_data`.

use std::collections::HashMap;
use std::time::Instant;

use chrono::NaiveDateTime;
use serde_json::{json, Map, Value};

use super::extractor::{Credentials, ExtractorError};
use super::readers::{self, RawSms, RawUserData, ReadError};
use super::store::{self, format_time, StoredResult};
use crate::features::input::{SmsFeatureInput, UserData};
use crate::features::{self, Grouping};
use crate::http::{ApiError, AppState};
use crate::sms::model::ExtractionResult;

/// Why a pipeline run could not produce a correct answer.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A dependency is down; the same request may succeed later (503, retryable).
    #[error("{0}")]
    Unavailable(String),
    /// Something that retrying will not fix (500).
    #[error("{0}")]
    Failed(String),
}

impl PipelineError {
    /// The HTTP error a caller sees for this failure.
    pub fn to_api(&self, request_id: &str) -> ApiError {
        match self {
            PipelineError::Unavailable(m) => ApiError::unavailable(request_id, m.clone()),
            PipelineError::Failed(m) => ApiError::Failed { request_id: request_id.to_string(), message: m.clone() },
        }
    }
}

impl From<ReadError> for PipelineError {
    fn from(e: ReadError) -> Self {
        PipelineError::Unavailable(e.to_string())
    }
}

impl From<ExtractorError> for PipelineError {
    fn from(e: ExtractorError) -> Self {
        match e {
            ExtractorError::Unavailable(_) => PipelineError::Unavailable(e.to_string()),
            ExtractorError::Rejected(_) => PipelineError::Failed(e.to_string()),
        }
    }
}

/// What one insights computation is about.
#[derive(Debug, Clone)]
pub struct InsightsRequest {
    pub request_id: String,
    pub client_id: String,
    pub user_id: String,
    pub groupings: Vec<Grouping>,
    pub requested_at: NaiveDateTime,
    pub credentials: Credentials,
}

/// The answer and its timings.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub body: Value,
    pub time_to_featurize: f64,
    pub time_json: Value,
}

/// Per-stage timings, in seconds.
#[derive(Debug, Default)]
pub struct Timings {
    stages: Map<String, Value>,
}

impl Timings {
    pub fn record(&mut self, stage: &str, started: Instant) {
        self.stages.insert(stage.into(), json!((started.elapsed().as_secs_f64() * 1e6).round() / 1e6));
    }
    pub fn insert(&mut self, key: &str, value: Value) {
        self.stages.insert(key.into(), value);
    }
    pub fn into_value(self) -> Value {
        Value::Object(self.stages)
    }
}

/// Every SMS of the user paired with its extraction result, extracting (and
/// storing) the ones that have none yet. Returns the results in the raw
/// order and the number newly extracted.
pub async fn ensure_extracted(
    state: &AppState,
    request_id: &str,
    client_id: &str,
    user_id: &str,
    sms: &[RawSms],
    credentials: &Credentials,
    now: NaiveDateTime,
) -> Result<(Vec<StoredResult>, usize), PipelineError> {
    let db = state.mongo(request_id).map_err(|e| PipelineError::Failed(e.to_string()))?;
    let timeout = mongo_timeout(state);
    let ids: Vec<&serde_json::Value> = sms.iter().map(|s| &s.input.sms_id).collect();
    let mut stored: HashMap<String, StoredResult> = store::load(db, client_id, user_id, &ids, timeout).await?;
    let missing: Vec<&RawSms> = sms.iter().filter(|s| !stored.contains_key(&s.key)).collect();
    let newly = missing.len();
    if !missing.is_empty() {
        let extractor = state.extractor(request_id).map_err(|e| PipelineError::Failed(e.to_string()))?;
        let inputs: Vec<_> = missing.iter().map(|s| s.input.clone()).collect();
        let extractions = extractor.extract_all(&inputs, user_id, credentials).await?;
        let mut documents = Vec::with_capacity(extractions.len());
        for ((raw, input), extraction) in missing.iter().zip(inputs).zip(extractions) {
            let result = ExtractionResult { input, extraction };
            let document = store::document_for(&result, client_id, user_id, request_id, now);
            documents.push(document.clone());
            stored.insert(raw.key.clone(), StoredResult { result, document });
        }
        store::insert(db, documents, timeout).await?;
    }
    let ordered = sms.iter().filter_map(|s| stored.remove(&s.key)).collect();
    Ok((ordered, newly))
}

fn mongo_timeout(state: &AppState) -> std::time::Duration {
    state
        .settings
        .mongodb
        .as_ref()
        .map(crate::db::mongo::operation_timeout)
        .unwrap_or(std::time::Duration::from_secs(20))
}

/// Reads every source of the user.
pub async fn read_user(state: &AppState, request_id: &str, client_id: &str, user_id: &str) -> Result<RawUserData, PipelineError> {
    let db = state.mongo(request_id).map_err(|e| PipelineError::Failed(e.to_string()))?;
    let sync = state.sync_pg(request_id).map_err(|e| PipelineError::Failed(e.to_string()))?;
    Ok(readers::read_user(db, sync, client_id, user_id, mongo_timeout(state)).await?)
}

/// The whole insights computation for one request.
pub async fn run_insights(state: &AppState, req: &InsightsRequest) -> Result<Outcome, PipelineError> {
    let total = Instant::now();
    let mut timings = Timings::default();

    // Which SMS already have a stored result is asked together with the
    // raw-data reads, so the extraction that follows has the CPU to itself.
    // On MongoDB the indexed lookup finishes inside the SMS read. On the
    // single-threaded stand-in it adds ~3 ms to the read and takes ~4 ms
    // out of the extraction (BENCHMARKS.md, session 8); while it was the
    // 45 ms `distinct`, overlapping it with the extraction was the better
    // trade.
    let db = state.mongo(&req.request_id).map_err(|e| PipelineError::Failed(e.to_string()))?;
    let timeout = mongo_timeout(state);
    let started = Instant::now();
    let (raw, (stored, lookup_time)) = tokio::join!(
        read_user(state, &req.request_id, &req.client_id, &req.user_id),
        async {
            let started = Instant::now();
            (store::stored_keys(db, &req.client_id, &req.user_id, timeout).await, started.elapsed())
        },
    );
    let raw = raw?;
    timings.record("mongo_read", started);
    timings.insert("store_lookup", json!(lookup_time.as_secs_f64()));
    timings.insert("skipped_records", json!(raw.skipped));
    timings.insert("sms_count", json!(raw.sms.len()));

    let mut body = Map::new();
    body.insert("user_id".into(), json!(req.user_id));
    body.insert("request_id".into(), json!(req.request_id));
    body.insert("data_requested_time".into(), json!(format_time(req.requested_at)));

    if raw.is_empty() {
        body.insert("message".into(), json!("user not found"));
    } else {
        // Every SMS goes through the extractor (cheaper than reading stored
        // results back); only the ones without a stored result are written.
        let stored = stored?;
        let extractor = state.extractor(&req.request_id).map_err(|e| PipelineError::Failed(e.to_string()))?;
        // Inputs move out of the raw records (no copy of 5,000 bodies); the
        // keys and folders stay behind, in the same order.
        let n = raw.sms.len();
        let (mut inputs, mut keys, mut folders) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for s in raw.sms {
            inputs.push(s.input);
            keys.push(s.key);
            folders.push(s.folder);
        }
        let started = Instant::now();
        let extractions = extractor.extract_all(&inputs, &req.user_id, &req.credentials).await?;
        // Our inputs, not an echo: the stored key must be the one we read.
        // Each result is moved once, straight into the feature engine's
        // input (a 5,000-SMS user's results are ~2.8 MB; every extra
        // collection of them was another copy).
        let sms: Vec<SmsFeatureInput> = inputs
            .into_iter()
            .zip(extractions)
            .zip(folders)
            .map(|((input, extraction), folder)| SmsFeatureInput::new(ExtractionResult { input, extraction }, folder))
            .collect();
        timings.record("extraction", started);

        let started = Instant::now();
        let now = chrono::Utc::now().naive_utc();
        let documents: Vec<_> = keys
            .iter()
            .zip(&sms)
            .filter(|(key, _)| !stored.contains(*key))
            .map(|(_, s)| store::document_for(&s.result, &req.client_id, &req.user_id, &req.request_id, now))
            .collect();
        timings.insert("sms_newly_stored", json!(documents.len()));
        store::insert(db, documents, timeout).await?;
        timings.record("store", started);
        let started = Instant::now();
        let data = UserData {
            sms,
            apps: raw.apps,
            device: raw.device,
            call_logs: raw.call_logs,
            contacts: raw.contacts,
            sync_events: raw.sync_events,
            device_ids: raw.device_ids,
        };
        let features = features::compute(&data, req.requested_at, &req.groupings);
        timings.record("features", started);
        timings.insert("feature_count", json!(features.len()));
        for (name, value) in features {
            body.insert(name, value);
        }
        body.insert("message".into(), json!("featurization completed"));
    }
    body.insert("data_processed_time".into(), json!(format_time(chrono::Utc::now().naive_utc())));
    timings.record("total", total);
    let time_to_featurize = total.elapsed().as_secs_f64();
    Ok(Outcome { body: Value::Object(body), time_to_featurize, time_json: timings.into_value() })
}
