//! `spawn_app()` and friends: every test gets its own PostgreSQL databases
//! and MongoDB database on the servers `scripts/test` started
//! (MF_PG_* / MF_MONGO_* variables), migrated from scratch.

use std::sync::Once;

use mobileforge::config::{self, Role, Settings};
use mobileforge::db;
use mobileforge::http::Application;
use mongodb::Database;
use serde_json::Value;

pub struct Services {
    pub pg_host: String,
    pub pg_port: String,
    pub pg_user: String,
    pub pg_password: String,
    pub mongo_host: String,
    pub mongo_port: String,
}

/// The servers started by `scripts/test`. Tests fail (not skip) without them.
pub fn services() -> Services {
    let get = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| {
            panic!("{k} is not set: run the suite with scripts/test, which starts PostgreSQL and MongoDB")
        })
    };
    Services {
        pg_host: get("MF_PG_HOST"),
        pg_port: get("MF_PG_PORT"),
        pg_user: get("MF_PG_USER"),
        pg_password: get("MF_PG_PASSWORD"),
        mongo_host: get("MF_MONGO_HOST"),
        mongo_port: get("MF_MONGO_PORT"),
    }
}

/// The directory of the throwaway CA and server certificate scripts/test made
/// for 127.0.0.1 (`ca.crt`, `server.crt`, `server.key`; PostgreSQL runs with them).
pub fn test_tls_dir() -> std::path::PathBuf {
    let ca = std::env::var("MF_PG_CA")
        .expect("MF_PG_CA is not set: scripts/test makes the test certificates (it needs openssl)");
    std::path::Path::new(&ca).parent().expect("the CA file has a directory").to_path_buf()
}

pub fn init_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            mobileforge::telemetry::init(config::LogFormat::Pretty);
        }
    });
}

/// Names of one test's databases.
#[derive(Clone)]
pub struct TestDatabases {
    pub main: String,
    pub sync: String,
    pub mongo: String,
}

impl TestDatabases {
    pub fn fresh() -> TestDatabases {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let id = &id[..16];
        TestDatabases { main: format!("mf_main_{id}"), sync: format!("mf_sync_{id}"), mongo: format!("mf_mongo_{id}") }
    }
}

/// The contract's environment for the insights/migrate roles.
pub fn insights_env(dbs: &TestDatabases, extractor_url: &str) -> Vec<(String, String)> {
    let s = services();
    [
        ("LAUNCH_ENVIRONMENT", "dev".to_string()),
        ("DI_POSTGRES_USERNAME", s.pg_user),
        ("DI_POSTGRES_PASSWORD", s.pg_password),
        ("DI_POSTGRES_HOST", s.pg_host),
        ("DI_POSTGRES_PORT", s.pg_port),
        ("DI_POSTGRES_DATABASE", dbs.main.clone()),
        ("DI_POSTGRES_SYNC_DATABASE", dbs.sync.clone()),
        ("SMS_EXTRACTOR_SERVICE_URL", extractor_url.to_string()),
        ("SMS_EXTRACTOR_BATCH_SIZE", "20".into()),
        ("DI_MONGODB_HOST", s.mongo_host),
        ("DI_MONGODB_PORT", s.mongo_port),
        ("DI_MONGODB_DATABASE", dbs.mongo.clone()),
        ("DI_MONGODB_MIN_POOL_SIZE", "0".into()),
        ("DI_MONGODB_SERVER_SELECTION_TIMEOUT_MS", "3000".into()),
        ("MOBILEFORGE__SERVER__HOST", "127.0.0.1".into()),
        ("MOBILEFORGE__SERVER__INSIGHTS_PORT", "0".into()),
        ("MOBILEFORGE__SERVER__SMS_PORT", "0".into()),
        ("MOBILEFORGE__SERVER__WORKERS", "2".into()),
        ("MOBILEFORGE__SERVER__SHUTDOWN_TIMEOUT_SECS", "1".into()),
        ("MOBILEFORGE__POSTGRES__POOL_MAX_SIZE", "8".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The contract's environment for the sms role.
pub fn sms_env(dbs: &TestDatabases) -> Vec<(String, String)> {
    let s = services();
    [
        ("LAUNCH_ENVIRONMENT", "dev".to_string()),
        ("DB_USER", s.pg_user),
        ("DB_PASSWORD", s.pg_password),
        ("DB_HOST", s.pg_host),
        ("DB_PORT", s.pg_port),
        ("DB_NAME", dbs.main.clone()),
        ("MAX_SMS_COUNT", "50".into()),
        ("MOBILEFORGE__SERVER__HOST", "127.0.0.1".into()),
        ("MOBILEFORGE__SERVER__SMS_PORT", "0".into()),
        ("MOBILEFORGE__SERVER__WORKERS", "2".into()),
        ("MOBILEFORGE__SERVER__SHUTDOWN_TIMEOUT_SECS", "1".into()),
        ("MOBILEFORGE__POSTGRES__POOL_MAX_SIZE", "8".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

pub fn set(env: &mut Vec<(String, String)>, key: &str, value: &str) {
    env.retain(|(k, _)| k != key);
    env.push((key.to_string(), value.to_string()));
}

pub fn load(role: Role, env: &[(String, String)]) -> Settings {
    config::load_from(role, None, env).expect("test settings are valid")
}

/// Creates and migrates the test's databases.
pub async fn migrate(dbs: &TestDatabases) -> db::migrate::MigrateReport {
    let settings = load(Role::Migrate, &insights_env(dbs, "http://127.0.0.1:9"));
    db::migrate::run(&settings, false).await.expect("migrate succeeds")
}

pub struct TestApp {
    pub address: String,
    pub dbs: TestDatabases,
    pub pg: db::PgPool,
    pub http: reqwest::Client,
    pub client_id: String,
    pub token: String,
    handle: actix_web::dev::ServerHandle,
    background: Vec<tokio::task::AbortHandle>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// POST with this app's client credentials.
    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .header("x-client-id", &self.client_id)
            .header("x-auth-token", &self.token)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn mongo(&self) -> Database {
        let settings = load(Role::Migrate, &insights_env(&self.dbs, "http://127.0.0.1:9"));
        db::mongo::build_database(settings.mongodb.as_ref().unwrap()).unwrap()
    }

    /// Rows of a query on the main DB.
    pub async fn rows(&self, sql: &str) -> Vec<tokio_postgres::Row> {
        self.pg.get().await.unwrap().query(sql, &[]).await.unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        self.pg.get().await.unwrap().query_one(sql, &[]).await.unwrap().get(0)
    }

    /// Stops the server as SIGTERM would (in-flight requests finish), then its background tasks.
    pub async fn stop(self) {
        self.handle.stop(true).await;
        let _ = self.task.await;
    }

    /// Stops abruptly: in-flight work is abandoned mid-way, as when a replica dies.
    pub async fn kill(self) {
        for t in &self.background {
            t.abort();
        }
        self.task.abort();
        self.handle.stop(false).await;
    }
}

/// Inserts a `clients` row and returns its token.
pub async fn create_client(pool: &db::PgPool, client_id: &str) -> String {
    let token = uuid::Uuid::new_v4().to_string();
    pool.get()
        .await
        .unwrap()
        .execute("INSERT INTO clients (client_id, auth_token) VALUES ($1, $2)", &[&client_id, &token])
        .await
        .unwrap();
    token
}

/// Starts an app of `role` with `env`, on a random port, against already-migrated `dbs`.
pub async fn start(role: Role, env: &[(String, String)], dbs: &TestDatabases, client_id: Option<(&str, &str)>) -> TestApp {
    init_logs();
    let settings = load(role, env);
    let app = Application::build(settings.clone()).await.expect("app builds");
    let port = app.port();
    let handle = app.handle();
    let background = app.background_tasks();
    let task = tokio::spawn(app.run_until_stopped());
    let pg_settings = settings.postgres();
    let pg = db::postgres::build_pool(pg_settings, &pg_settings.database);
    let (client_id, token) = match client_id {
        Some((c, t)) => (c.to_string(), t.to_string()),
        None => {
            let c = format!("acme_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
            let t = create_client(&pg, &c).await;
            (c, t)
        }
    };
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        dbs: dbs.clone(),
        pg,
        http: reqwest::Client::new(),
        client_id,
        token,
        handle,
        background,
        task,
    }
}

/// A migrated SMS Extraction API.
pub async fn spawn_sms_app() -> TestApp {
    spawn_sms_app_with(|_| {}).await
}

/// [`spawn_sms_app`] with its environment adjusted first.
pub async fn spawn_sms_app_with(customise: impl FnOnce(&mut Vec<(String, String)>)) -> TestApp {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let mut env = sms_env(&dbs);
    customise(&mut env);
    start(Role::Sms, &env, &dbs, None).await
}

/// An Insights API plus the SMS Extraction API it calls, sharing one main DB
/// (so one `clients` row serves both).
pub struct InsightsStack {
    pub app: TestApp,
    pub sms: TestApp,
}

pub async fn spawn_insights_app() -> InsightsStack {
    spawn_insights_app_with(|_| {}).await
}

pub async fn spawn_insights_app_with(customise: impl FnOnce(&mut Vec<(String, String)>)) -> InsightsStack {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let sms = start(Role::Sms, &sms_env(&dbs), &dbs, None).await;
    let mut env = insights_env(&dbs, &sms.address);
    customise(&mut env);
    let app = start(Role::Insights, &env, &dbs, Some((&sms.client_id, &sms.token))).await;
    InsightsStack { app, sms }
}
