//! `POST /api/async_insights` (contract §4): 202 while the job runs, then
//! 200 with the stored result. Any replica answers; see `insights::jobs`.

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::insights::{now, InsightsBody};
use crate::http::validate::JsonBody;
use crate::http::{ApiError, AppState, RequestId};
use crate::insights::dumps::{self, DumpKind};
use crate::insights::jobs::{self, JobView, NewJob};
use crate::insights::store::format_time;

pub async fn async_insights(
    req: HttpRequest,
    body: JsonBody<InsightsBody>,
    state: web::Data<AppState>,
    request_id: RequestId,
) -> Result<HttpResponse, ApiError> {
    let rid = request_id.as_str();
    let b = &body.value;
    let caller = state.auth.authenticate(&req, Some(&b.client_id), || body.raw(), rid).await?;
    let settings = &state.settings.async_jobs;
    let requested_at = now();
    let job = NewJob {
        request_id: rid,
        client_id: &caller.client_id,
        user_id: &b.user_id,
        groupings: &b.groupings,
        requested_at,
        deadline: Duration::from_secs(settings.deadline_secs),
    };
    let unavailable = |e: String| ApiError::unavailable(rid, format!("The job store is unavailable ({e})."));
    let (view, created) = jobs::find_or_create(&state.pg, job, Duration::from_secs(settings.result_ttl_secs))
        .await
        .map_err(unavailable)?;
    if created {
        dumps::record_request(&state.pg, DumpKind::Insights, rid, &caller.client_id, &b.user_id, requested_at)
            .await
            .map_err(unavailable)?;
    }
    Ok(match view {
        JobView::InProgress { request_id, requested_at } => HttpResponse::Accepted().json(json!({
            "user_id": b.user_id,
            "request_id": request_id,
            "data_requested_time": format_time(requested_at),
            "message": "featurization in progress",
        })),
        JobView::Finished { status, body, .. } => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = HttpResponse::build(code);
            if code == StatusCode::SERVICE_UNAVAILABLE {
                response.insert_header((actix_web::http::header::RETRY_AFTER, "5"));
            }
            response.json(body)
        }
    })
}
