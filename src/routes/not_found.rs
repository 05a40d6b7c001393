use actix_web::HttpRequest;

use crate::http::ApiError;

/// Unknown paths: JSON 404 (contract §3).
pub async fn not_found(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound { path: req.path().chars().take(256).collect() })
}

/// Known path, wrong method.
pub async fn method_not_allowed() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed)
}
