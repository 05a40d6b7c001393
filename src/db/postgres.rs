//! The one PostgreSQL pool builder (main DB and sync DB share it), and the
//! one TLS connector (pools and `migrate` use it).

use std::sync::Arc;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::SslMode;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::config::{PgSslMode, PostgresSettings};

pub type PgPool = Pool;

/// The TLS connector for `settings`: rustls (the TLS stack reqwest already
/// uses), trusting the Mozilla roots plus `postgres.ssl_root_cert`, and
/// checking the certificate's host name. With `ssl_mode = "disable"`
/// tokio-postgres never starts TLS, so the same connector serves every mode.
pub fn tls_connector(settings: &PostgresSettings) -> MakeRustlsConnect {
    let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    for cert in &settings.ssl_root_certs {
        // checked when the settings were loaded
        let _ = roots.add(cert.clone());
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("the ring provider supports the default TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    MakeRustlsConnect::new(config)
}

/// A `tokio_postgres` config for `database` on the configured server.
pub fn pg_config(settings: &PostgresSettings, database: &str) -> tokio_postgres::Config {
    let mut cfg = tokio_postgres::Config::new();
    cfg.host(&settings.host)
        .port(settings.port)
        .user(&settings.username)
        .password(settings.password.expose())
        .dbname(database)
        .application_name("mobileforge")
        .connect_timeout(settings.connect_timeout)
        .ssl_mode(match settings.ssl_mode {
            PgSslMode::Disable => SslMode::Disable,
            PgSslMode::Prefer => SslMode::Prefer,
            PgSslMode::Require => SslMode::Require,
        });
    cfg
}

/// A lazily connecting pool for `database`: building it never touches the
/// network, so a service can start while PostgreSQL is still coming up and
/// report it through readiness instead of crash-looping.
pub fn build_pool(settings: &PostgresSettings, database: &str) -> PgPool {
    let manager = Manager::from_config(
        pg_config(settings, database),
        tls_connector(settings),
        ManagerConfig { recycling_method: RecyclingMethod::Fast },
    );
    Pool::builder(manager)
        .max_size(settings.pool_max_size)
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(settings.pool_wait_timeout))
        .create_timeout(Some(settings.connect_timeout))
        .recycle_timeout(Some(settings.connect_timeout))
        .build()
        .expect("pool builder with a runtime and timeouts cannot fail")
}

/// Runs `select 1` with a bounded wait; the readiness check.
pub async fn ping(pool: &PgPool) -> Result<(), String> {
    let client = pool.get().await.map_err(|e| e.to_string())?;
    client.simple_query("SELECT 1").await.map_err(|e| e.to_string())?;
    Ok(())
}

/// Runs `sql` as a statement prepared once per pooled connection: one round
/// trip per call instead of two (a `&str` statement is parsed by the server
/// on every call first). For the statements every request runs (usage rows,
/// dumps); [`query_cached`] for the reads.
pub async fn execute_cached(
    client: &deadpool_postgres::Client,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<u64, tokio_postgres::Error> {
    let statement = client.prepare_cached(sql).await?;
    client.execute(&statement, params).await
}

/// [`execute_cached`] for a statement that returns rows (the token lookup,
/// the sync-event read).
pub async fn query_cached(
    client: &deadpool_postgres::Client,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<Vec<tokio_postgres::Row>, tokio_postgres::Error> {
    let statement = client.prepare_cached(sql).await?;
    client.query(&statement, params).await
}
