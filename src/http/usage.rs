//! One `usage` row per `/api` call with its status code (contract §4).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};

use super::auth::CLIENT_ID_HEADER;
use super::request_id::RequestId;
use crate::db::PgPool;

/// The pool usage rows are written to (app data).
pub struct UsageLog(pub PgPool);

/// `/api/insights` → `insights`
pub fn api_name(path: &str) -> String {
    path.trim_start_matches("/api/").trim_matches('/').chars().take(128).collect()
}

pub async fn record_usage(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let log = req.app_data::<web::Data<UsageLog>>().cloned();
    let client_id = req
        .headers()
        .get(CLIENT_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(128).collect::<String>());
    let name = api_name(req.path());
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let res = next.call(req).await?;
    if let Some(log) = log {
        let status = i32::from(res.status().as_u16());
        // Written before the response leaves, so no call goes unaccounted.
        let result = async {
            let client = log.0.get().await.map_err(|e| e.to_string())?;
            crate::db::postgres::execute_cached(
                &client,
                "INSERT INTO usage (request_id, client_id, api_name, response_code) VALUES ($1, $2, $3, $4)",
                &[&request_id, &client_id, &name, &status],
            )
            .await
            .map_err(|e| e.to_string())
        }
        .await;
        if let Err(error) = result {
            tracing::error!(%error, api_name = %name, status, "could not record usage row");
        }
    }
    Ok(res)
}
