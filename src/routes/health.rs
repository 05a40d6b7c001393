//! `GET /health` (liveness) and `GET /health/ready` (readiness).

use actix_web::{web, HttpResponse};
use serde_json::{json, Map, Value};

use crate::config::Role;
use crate::db;
use crate::http::{ApiError, AppState, RequestId};

/// Liveness for the load balancer: cheap, touches nothing.
pub async fn live(state: web::Data<AppState>) -> HttpResponse {
    let role = match state.settings.role {
        Role::Sms => "sms",
        _ => "insights",
    };
    HttpResponse::Ok().json(json!({ "status": "ok", "role": role, "version": env!("CARGO_PKG_VERSION") }))
}

/// Readiness: really touches every dependency this role needs and names the
/// ones that are down (503, retryable).
pub async fn ready(state: web::Data<AppState>, request_id: RequestId) -> Result<HttpResponse, ApiError> {
    let mut checks = Map::new();
    let mut down = Vec::new();
    let mut record = |name: &str, result: Result<(), String>| {
        match result {
            Ok(()) => checks.insert(name.into(), json!("ok")),
            Err(e) => {
                down.push(name.to_string());
                checks.insert(name.into(), json!(format!("down: {e}")))
            }
        };
    };
    let timeout = state.settings.postgres().connect_timeout;
    record("postgres", bounded(timeout, db::postgres::ping(&state.pg)).await);
    if let Some(sync) = &state.sync_pg {
        record("postgres_sync", bounded(timeout, db::postgres::ping(sync)).await);
    }
    if let (Some(mongo), Some(settings)) = (&state.mongo, &state.settings.mongodb) {
        record("mongodb", db::mongo::ping(mongo, settings.connect_timeout.min(settings.server_selection_timeout)).await);
    }
    if down.is_empty() {
        Ok(HttpResponse::Ok().json(json!({ "status": "ready", "checks": Value::Object(checks) })))
    } else {
        Err(ApiError::NotReady {
            request_id: request_id.0,
            down: down.join(", "),
            checks: Value::Object(checks),
        })
    }
}
async fn bounded(
    timeout: std::time::Duration,
    f: impl std::future::Future<Output = Result<(), String>>,
) -> Result<(), String> {
    tokio::time::timeout(timeout, f)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} ms", timeout.as_millis())))
}
