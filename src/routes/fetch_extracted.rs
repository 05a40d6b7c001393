//! `POST /api/fetch_extracted_data` (contract §4): the user's most recent
//! extraction results, extracting any SMS that has none yet.

use std::time::Instant;

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::insights::{forwarded_credentials, now, record_start};
use crate::features::input::parse_inbox_date;
use crate::http::validate::{Checker, FromBody, JsonBody};
use crate::http::{ApiError, AppState, RequestId};
use crate::insights::dumps::{self, DumpKind, ResponseDump};
use crate::insights::pipeline::{self, PipelineError, Timings};
use crate::routes::extract::MAX_USER_ID_CHARS;

pub const DEFAULT_THRESHOLD: i64 = 5000;

pub struct FetchBody {
    pub user_id: String,
    pub client_id: String,
    pub cnt_sms_threshold: usize,
}

impl FromBody for FetchBody {
    fn from_body(body: &Value, _req: &HttpRequest) -> Result<Self, ApiError> {
        let mut c = Checker::new(body);
        let user_id = c.string("user_id", Some(MAX_USER_ID_CHARS));
        let client_id = c.string("client_id", None);
        let threshold = c.optional_int("cnt_sms_threshold", 1);
        c.finish(|| FetchBody {
            user_id: user_id.unwrap_or_default(),
            client_id: client_id.unwrap_or_default(),
            cnt_sms_threshold: usize::try_from(threshold.unwrap_or(DEFAULT_THRESHOLD)).unwrap_or(usize::MAX),
        })
    }
}

pub async fn fetch_extracted(
    req: HttpRequest,
    body: JsonBody<FetchBody>,
    state: web::Data<AppState>,
    request_id: RequestId,
) -> Result<HttpResponse, ApiError> {
    let rid = request_id.as_str();
    let b = &body.value;
    let caller = state.auth.authenticate(&req, Some(&b.client_id), || body.raw(), rid).await?;
    let requested_at = now();
    record_start(&state, DumpKind::FetchExtracted, rid, &caller.client_id, &b.user_id, requested_at).await?;

    let total = Instant::now();
    let mut timings = Timings::default();
    let result = async {
        let started = Instant::now();
        let mut raw = pipeline::read_user(&state, rid, &caller.client_id, &b.user_id).await?;
        timings.record("mongo_read", started);
        // Most recent first (undated SMS last, ties in stored order); only
        // the SMS that will be returned are extracted and read back.
        raw.sms.sort_by_cached_key(|s| std::cmp::Reverse(parse_inbox_date(&s.input.sms_inbox_date)));
        raw.sms.truncate(b.cnt_sms_threshold);
        let started = Instant::now();
        let credentials = forwarded_credentials(&req, &caller.client_id);
        let (stored, newly) =
            pipeline::ensure_extracted(&state, rid, &caller.client_id, &b.user_id, &raw.sms, &credentials, requested_at)
                .await?;
        timings.record("extraction", started);
        timings.insert("sms_newly_extracted", json!(newly));
        Ok::<_, PipelineError>(stored.into_iter().map(|s| Value::Object(s.document)).collect::<Vec<_>>())
    }
    .await;
    timings.record("total", total);
    let (status_body, summary) = match &result {
        Ok(items) => (
            None,
            json!({ "count": items.len(), "sms_ids": items.iter().map(|d| d.get("sms_id").cloned().unwrap_or(Value::Null)).collect::<Vec<_>>() }),
        ),
        Err(e) => (Some(e.to_api(rid).body()), Value::Null),
    };
    let dump = ResponseDump {
        kind: DumpKind::FetchExtracted,
        request_id: rid,
        client_id: &caller.client_id,
        user_id: &b.user_id,
        // The full results already live in `extracted_sms_data`; the dump keeps which ones were returned.
        response: status_body.as_ref().unwrap_or(&summary),
        time_to_featurize: total.elapsed().as_secs_f64(),
        time_json: &timings.into_value(),
        groupings: None,
    };
    if let Err(error) = dumps::record_response(&state.pg, dump).await {
        tracing::error!(%error, "could not record fetch_extracted response dump");
    }
    match result {
        Ok(items) => Ok(HttpResponse::Ok().json(json!({ "extracted_sms_data": items }))),
        Err(e) => Err(e.to_api(rid)),
    }
}
