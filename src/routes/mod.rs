//! One file per endpoint.

pub mod async_insights;
pub mod extract;
pub mod fetch_extracted;
pub mod health;
pub mod insights;
pub mod not_found;

use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{web, Scope};

/// The `/api` routes of the insights role.
pub fn insights_routes<T, B>(api: Scope<T>) -> Scope<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Response = ServiceResponse<B>, Error = actix_web::Error, InitError = ()>,
    B: actix_web::body::MessageBody + 'static,
{
    let post = |path: &str, route: actix_web::Route| {
        web::resource(path).route(route).default_service(web::to(not_found::method_not_allowed))
    };
    api.service(post("/insights", web::post().to(insights::insights)))
        .service(post("/async_insights", web::post().to(async_insights::async_insights)))
        .service(post("/fetch_extracted_data", web::post().to(fetch_extracted::fetch_extracted)))
}
