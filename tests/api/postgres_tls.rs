//! Pools and `migrate` reach PostgreSQL over verified TLS when told to.
//! scripts/test starts the cluster with a throwaway CA (`MF_PG_CA`).

use mobileforge::config::{load_from, Role};
use mobileforge::db;

use crate::helpers::*;

fn ca_file() -> String {
    test_tls_dir().join("ca.crt").to_str().expect("UTF-8 path").to_string()
}

async fn ssl_in_use(pool: &db::PgPool) -> Result<bool, String> {
    let client = pool.get().await.map_err(|e| e.to_string())?;
    let row = client
        .query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.get(0))
}

#[tokio::test]
async fn required_tls_verifies_the_server_certificate() {
    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_MODE", "require");
    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_ROOT_CERT", &ca_file());
    let settings = load_from(Role::Migrate, None, &e).unwrap();
    // migrate connects through the same connector (and creates the databases)
    db::migrate::run(&settings, false).await.expect("migrate over TLS");
    let pool = db::postgres::build_pool(settings.postgres(), &dbs.main);
    assert_eq!(ssl_in_use(&pool).await, Ok(true));

    // the certificate is not signed by a known CA without the extra root: refused, not downgraded
    e.retain(|(k, _)| k != "MOBILEFORGE__POSTGRES__SSL_ROOT_CERT");
    let untrusting = load_from(Role::Insights, None, &e).unwrap();
    let pool = db::postgres::build_pool(untrusting.postgres(), &dbs.main);
    let err = ssl_in_use(&pool).await.unwrap_err();
    assert!(err.to_lowercase().contains("certificate") || err.to_lowercase().contains("tls"), "{err}");
}

#[tokio::test]
async fn disabled_and_preferred_tls() {
    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    let settings = load_from(Role::Migrate, None, &e).unwrap();
    db::migrate::run(&settings, false).await.unwrap();
    let plain = db::postgres::build_pool(settings.postgres(), &dbs.main);
    assert_eq!(ssl_in_use(&plain).await, Ok(false));

    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_MODE", "prefer");
    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_ROOT_CERT", &ca_file());
    let settings = load_from(Role::Insights, None, &e).unwrap();
    let preferred = db::postgres::build_pool(settings.postgres(), &dbs.main);
    assert_eq!(ssl_in_use(&preferred).await, Ok(true));
}
