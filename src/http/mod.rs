//! The HTTP core both roles share: server start-up, request ids, auth,
//! validation, rate limit, usage rows, and the one error → HTTP mapping.

pub mod auth;
pub mod cpu_pool;
pub mod error;
pub mod rate_limit;
pub mod request_id;
pub mod startup;
pub mod state;
pub mod usage;
pub mod validate;

pub use error::ApiError;
pub use request_id::RequestId;
pub use startup::Application;
pub use state::AppState;
