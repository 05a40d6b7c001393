//! The one place where failures become HTTP responses (contract §3).
//!
//! Every handler, extractor and middleware returns [`ApiError`]; nothing
//! else in the code base builds an error body.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde_json::{json, Value};

use super::validate::Detail;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: unknown client, wrong token, missing header, body client_id ≠ header.
    #[error("could not validate credentials (request_id={request_id})")]
    Unauthorized { request_id: String },
    /// 422: the body failed validation; one entry per problem.
    #[error("request validation failed")]
    Validation(Vec<Detail>),
    /// 413: body bigger than `server.max_body_bytes`.
    #[error("request body larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// 404: no route for this path.
    #[error("not found: {path}")]
    NotFound { path: String },
    /// 405: the path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 429: the client IP went over its per-minute budget.
    #[error("rate limit exceeded")]
    RateLimited { retry_after_secs: u64, limit: u32 },
    /// 503: a dependency needed for a correct answer is down.
    #[error("{message}")]
    Unavailable { request_id: String, message: String },
    /// 503 from readiness: which dependencies are down.
    #[error("not ready: {down}")]
    NotReady { request_id: String, down: String, checks: Value },
    /// 500: the work failed for a reason retrying will not fix (e.g. the
    /// extractor rejected the batch); the message says why.
    #[error("{message}")]
    Failed { request_id: String, message: String },
    /// 500: a bug or an unexpected state; details go to the log only.
    #[error("internal error: {detail}")]
    Internal { request_id: String, detail: String },
}

impl ApiError {
    pub fn unavailable(request_id: &str, message: impl Into<String>) -> ApiError {
        ApiError::Unavailable { request_id: request_id.to_string(), message: message.into() }
    }

    pub fn internal(request_id: &str, detail: impl std::fmt::Display) -> ApiError {
        ApiError::Internal { request_id: request_id.to_string(), detail: detail.to_string() }
    }

    /// The JSON body for this error.
    pub fn body(&self) -> Value {
        match self {
            ApiError::Unauthorized { request_id } => json!({
                "error": format!(
                    "Could not validate credentials. (request_id={request_id}). It has been logged successfully on our servers. Please contact us with the request_id for assistance."
                )
            }),
            ApiError::Validation(details) => json!({ "detail": details }),
            ApiError::PayloadTooLarge { limit } => json!({
                "error": format!("Request body is larger than the limit of {limit} bytes."),
                "limit_bytes": limit,
            }),
            ApiError::NotFound { path } => json!({ "error": "Not Found", "path": path }),
            ApiError::MethodNotAllowed => json!({ "error": "Method Not Allowed" }),
            ApiError::RateLimited { retry_after_secs, limit } => json!({
                "error": format!("Rate limit exceeded: at most {limit} requests per minute from one client IP. Retry after {retry_after_secs} seconds."),
                "retry_after": retry_after_secs,
            }),
            ApiError::Unavailable { request_id, message } => json!({
                "error": message,
                "request_id": request_id,
                "retryable": true,
            }),
            ApiError::NotReady { request_id, down, checks } => json!({
                "error": format!("not ready: {down} unavailable"),
                "request_id": request_id,
                "retryable": true,
                "checks": checks,
            }),
            ApiError::Failed { request_id, message } => json!({
                "error": message,
                "request_id": request_id,
            }),
            ApiError::Internal { request_id, .. } => json!({
                "error": format!("Internal server error (request_id={request_id}). Please contact us with the request_id for assistance."),
                "request_id": request_id,
            }),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable { .. } | ApiError::NotReady { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal { .. } | ApiError::Failed { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal { request_id, detail } => {
                tracing::error!(%request_id, %detail, "internal error");
            }
            ApiError::Unavailable { request_id, message } => {
                tracing::warn!(%request_id, %message, "dependency unavailable");
            }
            ApiError::Failed { request_id, message } => {
                tracing::error!(%request_id, %message, "request failed");
            }
            _ => {}
        }
        let mut builder = HttpResponse::build(self.status_code());
        if let ApiError::RateLimited { retry_after_secs, .. } = self {
            builder.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let ApiError::Unavailable { .. } | ApiError::NotReady { .. } = self {
            builder.insert_header((header::RETRY_AFTER, "5"));
        }
        builder.json(self.body())
    }
}
