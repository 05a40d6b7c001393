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
        let (purge_delay_ms, source) = crate::allocator::apply_purge_delay(settings.server.memory_purge_delay_ms);
        tracing::info!(purge_delay_ms, source, "allocator: freed memory returned to the OS after this delay (-1: kept for reuse)");
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
        let listener = bind(&server_settings.host, port, server_settings.recv_buffer_bytes)
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

/// The listening socket on the first address of `host:port` that binds.
///
/// A `recv_buffer` > 0 is set as SO_RCVBUF before `listen()`, so the window
/// scale offered to clients fits it, and every accepted connection inherits
/// it. Why: a 1,000-SMS `/api/extract` body (~250 KB) outgrows the window a
/// connection starts with; when it fills, the rest of the body waits for the
/// window to reopen, and 1-2% of batches stalled 15-55 ms in the body read
/// under `scripts/load` (BENCHMARKS.md, session 9). Setting it turns off
/// the kernel's receive-buffer autotuning for these connections; memory is
/// used only by bytes not yet read.
pub fn bind(host: &str, port: u16, recv_buffer: usize) -> std::io::Result<TcpListener> {
    use std::net::ToSocketAddrs;

    let mut last_error = None;
    for addr in (host, port).to_socket_addrs()? {
        match listen_on(addr, recv_buffer) {
            Ok(listener) => return Ok(listener),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{host}:{port} resolves to no address"))
    }))
}

fn listen_on(addr: std::net::SocketAddr, recv_buffer: usize) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};

    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    // what std's TcpListener::bind does on Unix: a restarted server can bind
    // while old connections sit in TIME_WAIT
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    if recv_buffer > 0 {
        socket.set_recv_buffer_size(recv_buffer)?;
    }
    socket.bind(&addr.into())?;
    socket.listen(1024)?;
    Ok(TcpListener::from(socket))
}

#[cfg(test)]
mod tests {
    use super::*;
    use socket2::SockRef;

    #[test]
    fn accepted_connections_inherit_the_listeners_receive_buffer() {
        let asked = 1 << 20;
        let listener = bind("127.0.0.1", 0, asked).expect("bind");
        let set = SockRef::from(&listener).recv_buffer_size().expect("SO_RCVBUF");
        // Linux grants twice the value asked for, capped by net.core.rmem_max.
        let cap = std::fs::read_to_string("/proc/sys/net/core/rmem_max")
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(asked);
        assert!(set >= asked.min(cap), "SO_RCVBUF {set}, asked {asked}, rmem_max {cap}");

        let port = listener.local_addr().unwrap().port();
        let _client = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        let (accepted, _) = listener.accept().expect("accept");
        assert_eq!(SockRef::from(&accepted).recv_buffer_size().unwrap(), set);

        // 0 leaves the OS default: another size than the one set above.
        let default = bind("127.0.0.1", 0, 0).expect("bind");
        assert_ne!(SockRef::from(&default).recv_buffer_size().unwrap(), set);
    }
}
