//! The one PostgreSQL pool builder (main DB and sync DB share it).

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

use crate::config::PostgresSettings;

pub type PgPool = Pool;

/// A `tokio_postgres` config for `database` on the configured server.
pub fn pg_config(settings: &PostgresSettings, database: &str) -> tokio_postgres::Config {
    let mut cfg = tokio_postgres::Config::new();
    cfg.host(&settings.host)
        .port(settings.port)
        .user(&settings.username)
        .password(settings.password.expose())
        .dbname(database)
        .application_name("mobileforge")
        .connect_timeout(settings.connect_timeout);
    cfg
}

/// A lazily connecting pool for `database`: building it never touches the
/// network, so a service can start while PostgreSQL is still coming up and
/// report it through readiness instead of crash-looping.
pub fn build_pool(settings: &PostgresSettings, database: &str) -> PgPool {
    let manager = Manager::from_config(
        pg_config(settings, database),
        NoTls,
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
