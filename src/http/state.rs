//! What handlers share: settings, pools and role-specific services.

use std::sync::Arc;

use mongodb::Database;

use super::auth::Auth;
use super::error::ApiError;
use crate::config::Settings;
use crate::db::PgPool;
use crate::insights::extractor::ExtractorClient;
use crate::sms::Engine;

pub struct AppState {
    pub settings: Arc<Settings>,
    /// Main database.
    pub pg: PgPool,
    pub auth: Auth,
    /// Sync database (insights role).
    pub sync_pg: Option<PgPool>,
    /// Raw device data (insights role).
    pub mongo: Option<Database>,
    /// The extraction engine (sms role).
    pub engine: Option<Arc<Engine>>,
    /// The client of the SMS Extraction API (insights role).
    pub extractor: Option<ExtractorClient>,
}

impl AppState {
    fn missing(what: &str, request_id: &str) -> ApiError {
        ApiError::internal(request_id, format!("{what} is not configured for this role"))
    }

    pub fn mongo(&self, request_id: &str) -> Result<&Database, ApiError> {
        self.mongo.as_ref().ok_or_else(|| Self::missing("MongoDB", request_id))
    }

    pub fn sync_pg(&self, request_id: &str) -> Result<&PgPool, ApiError> {
        self.sync_pg.as_ref().ok_or_else(|| Self::missing("the sync database", request_id))
    }

    pub fn engine(&self, request_id: &str) -> Result<&Arc<Engine>, ApiError> {
        self.engine.as_ref().ok_or_else(|| Self::missing("the SMS engine", request_id))
    }

    pub fn extractor(&self, request_id: &str) -> Result<&ExtractorClient, ApiError> {
        self.extractor.as_ref().ok_or_else(|| Self::missing("the extractor client", request_id))
    }

    /// Closes every pool (after the server has drained).
    pub async fn close(&self) {
        self.pg.close();
        if let Some(p) = &self.sync_pg {
            p.close();
        }
        if let Some(db) = &self.mongo {
            db.client().clone().shutdown().await;
        }
    }
}
