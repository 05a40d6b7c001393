//! Integration tests against real PostgreSQL and MongoDB (started by scripts/test).

mod async_insights;
mod auth_and_errors;
mod config_errors;
mod extract;
mod fetch_extracted;
mod fixtures;
mod health;
mod helpers;
mod insights;
mod migrations;
mod mongo_tls;
mod postgres_tls;
mod seed;
mod shutdown;
