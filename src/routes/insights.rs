//! `POST /api/insights` (contract §4): synchronous features for one user.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use crate::features::Grouping;
use crate::http::auth::AUTH_TOKEN_HEADER;
use crate::http::validate::{Checker, FromBody, JsonBody};
use crate::http::{ApiError, AppState, RequestId};
use crate::insights::dumps::{self, DumpKind, ResponseDump};
use crate::insights::extractor::Credentials;
use crate::insights::pipeline::{self, InsightsRequest};
use crate::routes::extract::MAX_USER_ID_CHARS;

/// Body of `/api/insights` and `/api/async_insights`.
pub struct InsightsBody {
    pub user_id: String,
    pub client_id: String,
    pub groupings: Vec<Grouping>,
}

impl FromBody for InsightsBody {
    fn from_body(body: &Value, _req: &HttpRequest) -> Result<Self, ApiError> {
        let allowed: Vec<&str> = Grouping::ALL.iter().map(|g| g.as_str()).collect();
        let mut c = Checker::new(body);
        let user_id = c.string("user_id", Some(MAX_USER_ID_CHARS));
        let client_id = c.string("client_id", None);
        let groupings = c.enum_list("groupings", &allowed);
        c.finish(|| InsightsBody {
            user_id: user_id.unwrap_or_default(),
            client_id: client_id.unwrap_or_default(),
            groupings: groupings.unwrap_or_default().iter().filter_map(|g| Grouping::parse(g)).collect(),
        })
    }
}

/// The caller's credentials, forwarded to the extractor.
pub fn forwarded_credentials(req: &HttpRequest, client_id: &str) -> Credentials {
    let token = req
        .headers()
        .get(AUTH_TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim()
        .to_string();
    Credentials { client_id: client_id.to_string(), auth_token: token }
}

pub fn now() -> chrono::NaiveDateTime {
    // Whole seconds: the contract's timestamps have no fraction, and the
    // cutoff must be exactly what is reported.
    let now = chrono::Utc::now().naive_utc();
    now - chrono::Duration::nanoseconds(i64::from(now.and_utc().timestamp_subsec_nanos()))
}

/// Records the request dump before any work; without it the request is not
/// served (503), so every answered request is on record.
pub async fn record_start(
    state: &AppState,
    kind: DumpKind,
    request_id: &str,
    client_id: &str,
    user_id: &str,
    requested_at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    dumps::record_request(&state.pg, kind, request_id, client_id, user_id, requested_at).await.map_err(|e| {
        ApiError::unavailable(request_id, format!("The request could not be recorded: the database is unavailable ({e})."))
    })
}

pub async fn insights(
    req: HttpRequest,
    body: JsonBody<InsightsBody>,
    state: web::Data<AppState>,
    request_id: RequestId,
) -> Result<HttpResponse, ApiError> {
    let rid = request_id.as_str();
    let b = &body.value;
    let caller = state.auth.authenticate(&req, Some(&b.client_id), || body.raw(), rid).await?;
    let requested_at = now();
    record_start(&state, DumpKind::Insights, rid, &caller.client_id, &b.user_id, requested_at).await?;

    let request = InsightsRequest {
        request_id: rid.to_string(),
        client_id: caller.client_id.clone(),
        user_id: b.user_id.clone(),
        groupings: b.groupings.clone(),
        requested_at,
        credentials: forwarded_credentials(&req, &caller.client_id),
    };
    let result = pipeline::run_insights(&state, &request).await;
    let (response_body, time_to_featurize, time_json) = match &result {
        Ok(o) => (o.body.clone(), o.time_to_featurize, o.time_json.clone()),
        Err(e) => (e.to_api(rid).body(), 0.0, json!({})),
    };
    let groupings = json!(b.groupings.iter().map(|g| g.as_str()).collect::<Vec<_>>());
    let dump = ResponseDump {
        kind: DumpKind::Insights,
        request_id: rid,
        client_id: &caller.client_id,
        user_id: &b.user_id,
        response: &response_body,
        time_to_featurize,
        time_json: &time_json,
        groupings: Some(&groupings),
    };
    if let Err(error) = dumps::record_response(&state.pg, dump).await {
        tracing::error!(%error, "could not record insights response dump");
    }
    match result {
        Ok(o) => Ok(HttpResponse::Ok().json(o.body)),
        Err(e) => Err(e.to_api(rid)),
    }
}
