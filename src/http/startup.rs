//! Builds either role's server so that `main` and the integration tests
//! start it the same way (tests bind port 0 and read the real port back).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use anyhow::Context;

use super::auth::Auth;
use super::rate_limit::{rate_limit, RateLimiter};
use super::request_id::request_context;
use super::state::AppState;
use super::usage::{record_usage, UsageLog};
use super::validate::BodyLimit;
use crate::config::{Role, Settings};
use crate::db::{self, partitions};
use crate::insights;
use crate::routes;
use crate::sms::{Engine, RulePaths};

pub struct Application {
    port: u16,
    server: actix_web::dev::Server,
    state: web::Data<AppState>,
    background: Vec<tokio::task::JoinHandle<()>>,
}

impl Application {
    /// Builds the role's state and binds its listener; nothing is served
    /// until [`Application::run_until_stopped`].
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let role = settings.role;
        anyhow::ensure!(matches!(role, Role::Insights | Role::Sms), "only the insights and sms roles serve HTTP");
        let settings = Arc::new(settings);
        let pg_settings = settings.postgres();
        let pg = db::postgres::build_pool(pg_settings, &pg_settings.database);
        let auth = Auth::new(pg.clone(), Duration::from_secs(settings.auth.cache_ttl_secs));
        let mut background = Vec::new();
        let p = &settings.partitions;
        let interval = Duration::from_secs(p.maintenance_interval_secs);
        background.push(partitions::spawn_maintenance(pg.clone(), p.days_ahead, p.retention_days, interval, "main"));

        let mut state = AppState { settings: settings.clone(), pg, auth, sync_pg: None, mongo: None, engine: None, extractor: None };
        match role {
            Role::Sms => {
                let paths = RulePaths {
                    senders: settings.sms.senders_path.clone(),
                    classification: settings.sms.classification_path.clone(),
                    patterns: settings.sms.patterns_path.clone(),
                };
                let engine = Engine::load(&paths).context("loading the SMS rule files")?;
                state.engine = Some(Arc::new(engine));
            }
            _ => {
                let sync_db = pg_settings.sync_database.as_deref().context("sync database not configured")?;
                let sync_pg = db::postgres::build_pool(pg_settings, sync_db);
                background.push(partitions::spawn_maintenance(sync_pg.clone(), p.days_ahead, p.retention_days, interval, "sync"));
                state.sync_pg = Some(sync_pg);
                let mongo_settings = settings.mongodb.as_ref().context("MongoDB not configured")?;
                state.mongo = Some(db::mongo::build_database(mongo_settings).context("configuring the MongoDB client")?);
                let extractor_settings = settings.extractor.as_ref().context("extractor not configured")?;
                state.extractor = Some(insights::extractor::ExtractorClient::new(extractor_settings)?);
            }
        }
        let state = web::Data::new(state);
        if role == Role::Insights {
            background.push(insights::jobs::spawn_worker(state.clone().into_inner()));
        }

        let server_settings = &settings.server;
        let port = if role == Role::Sms { server_settings.sms_port } else { server_settings.insights_port };
        let listener = TcpListener::bind((server_settings.host.as_str(), port))
            .with_context(|| format!("binding {}:{port}", server_settings.host))?;
        let port = listener.local_addr()?.port();

        let limiter = web::Data::new(RateLimiter::new(
            server_settings.rate_limit_per_minute,
            server_settings.trust_forwarded_for,
        ));
        let usage = web::Data::new(UsageLog(state.pg.clone()));
        let body_limit = BodyLimit(server_settings.max_body_bytes);
        let app_state = state.clone();
        let mut server = HttpServer::new(move || {
            let api = web::scope("/api")
                .wrap(from_fn(record_usage))
                .wrap(from_fn(rate_limit))
                .default_service(web::to(routes::not_found::not_found));
            let api = match role {
                Role::Sms => api.service(
                    web::resource("/extract")
                        .route(web::post().to(routes::extract::extract))
                        .default_service(web::to(routes::not_found::method_not_allowed)),
                ),
                _ => routes::insights_routes(api),
            };
            App::new()
                .wrap(from_fn(request_context))
                .app_data(app_state.clone())
                .app_data(limiter.clone())
                .app_data(usage.clone())
                .app_data(body_limit)
                .route("/health", web::get().to(routes::health::live))
                .route("/health/ready", web::get().to(routes::health::ready))
                .service(api)
                .default_service(web::to(routes::not_found::not_found))
        })
        .listen(listener)?
        .shutdown_timeout(server_settings.shutdown_timeout_secs);
        if server_settings.workers > 0 {
            server = server.workers(server_settings.workers);
        }
        let server = server.run();
        tracing::info!(role = ?role, port, "listening");
        Ok(Application { port, server, state, background })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Handles to the background tasks (partition maintenance, async-job
    /// worker); tests abort them to simulate a replica dying.
    pub fn background_tasks(&self) -> Vec<tokio::task::AbortHandle> {
        self.background.iter().map(|t| t.abort_handle()).collect()
    }

    /// A handle to stop the server (tests; SIGTERM/SIGINT are handled by actix).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM/SIGINT (or [`Self::handle`]`.stop`), lets
    /// in-flight requests finish within `server.shutdown_timeout_secs`, then
    /// stops background tasks and closes the pools.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        for task in &self.background {
            task.abort();
        }
        self.state.close().await;
        tracing::info!("stopped");
        result
    }
}
