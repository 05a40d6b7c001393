//! `mobileforge migrate`: versioned SQL for both PostgreSQL databases, the
//! MongoDB collections and indexes, and the first round of partitions.
//!
//! Safe to run from several containers at once: each database's migrations
//! run under a session advisory lock, so a second process waits and then
//! finds nothing left to do.

use std::time::Duration;

use mongodb::bson::{doc, Document};
use mongodb::options::IndexOptions;
use mongodb::{Database, IndexModel};
use sha2::{Digest, Sha256};
use tokio_postgres::error::SqlState;
use tokio_postgres::Client;

use super::partitions::{self, MaintenanceReport};
use crate::config::{PostgresSettings, Settings};

/// One versioned SQL file. Shipped migrations are never edited: the runner
/// refuses to continue when a recorded checksum no longer matches.
pub struct Migration {
    pub version: i32,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migration {
    ($version:expr, $dir:literal, $file:literal) => {
        Migration { version: $version, name: $file, sql: include_str!(concat!("../../migrations/", $dir, "/", $file)) }
    };
}

/// Main database (`DI_POSTGRES_DATABASE` / `DB_NAME`).
pub const MAIN: &[Migration] = &[
    migration!(1, "main", "0001_initial_schema.sql"),
    migration!(2, "main", "0002_async_jobs.sql"),
];

/// Sync database (`DI_POSTGRES_SYNC_DATABASE`).
pub const SYNC: &[Migration] = &[migration!(1, "sync", "0001_sync_events_log.sql")];

const MIGRATION_LOCK_KEY: i64 = 0x6d66_6d69_6772; // "mfmigr"

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("PostgreSQL database {database:?}: {source}")]
    Postgres { database: String, source: tokio_postgres::Error },
    #[error(
        "database {database:?} does not exist and user {user:?} may not create it: \
         create it (CREATE DATABASE {database}) or grant CREATEDB, then re-run migrate"
    )]
    CannotCreateDatabase { database: String, user: String },
    #[error(
        "migration {version} ({name}) of database {database:?} was changed after it was applied; \
         shipped migrations must never be edited: add a new migration instead"
    )]
    ChecksumMismatch { database: String, version: i32, name: String },
    #[error("MongoDB database {database:?}: {source}")]
    Mongo { database: String, source: mongodb::error::Error },
}

/// What one `migrate` run did.
#[derive(Debug, Default)]
pub struct MigrateReport {
    pub databases_created: Vec<String>,
    /// (database, migration file) applied in this run.
    pub applied: Vec<(String, String)>,
    pub partitions: Vec<(String, MaintenanceReport)>,
    pub mongo_collections_created: Vec<String>,
}

impl MigrateReport {
    /// True when the run changed nothing (a re-run).
    pub fn is_noop(&self) -> bool {
        self.databases_created.is_empty()
            && self.applied.is_empty()
            && self.partitions.iter().all(|(_, p)| p.created.is_empty() && p.dropped.is_empty())
            && self.mongo_collections_created.is_empty()
    }
}

fn pg_err(database: &str) -> impl Fn(tokio_postgres::Error) -> MigrateError + '_ {
    move |source| MigrateError::Postgres { database: database.to_string(), source }
}

/// Connects to `database`, creating it first when it is missing and the user may.
async fn connect_or_create(
    settings: &PostgresSettings,
    database: &str,
    report: &mut MigrateReport,
) -> Result<Client, MigrateError> {
    match connect(settings, database).await {
        Ok(client) => return Ok(client),
        Err(e) if e.code() == Some(&SqlState::INVALID_CATALOG_NAME) => {}
        Err(e) => return Err(pg_err(database)(e)),
    }
    let admin = connect(settings, "postgres").await.map_err(pg_err("postgres"))?;
    let ident = database.replace('"', "\"\"");
    match admin.batch_execute(&format!("CREATE DATABASE \"{ident}\"")).await {
        Ok(()) => {
            tracing::info!(database, "created database");
            report.databases_created.push(database.to_string());
        }
        // Another migrate process created it first.
        Err(e) if e.code() == Some(&SqlState::DUPLICATE_DATABASE) => {}
        Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {}
        Err(e) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
            return Err(MigrateError::CannotCreateDatabase {
                database: database.to_string(),
                user: settings.username.clone(),
            })
        }
        Err(e) => return Err(pg_err(database)(e)),
    }
    connect(settings, database).await.map_err(pg_err(database))
}

async fn connect(settings: &PostgresSettings, database: &str) -> Result<Client, tokio_postgres::Error> {
    let (client, connection) = super::postgres::pg_config(settings, database).connect(super::postgres::tls_connector(settings)).await?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%error, "migration connection closed");
        }
    });
    Ok(client)
}

fn checksum(sql: &str) -> String {
    hex::encode(Sha256::digest(sql.as_bytes()))
}

/// Applies `migrations` to one database under the advisory lock.
pub async fn apply(
    client: &mut Client,
    database: &str,
    migrations: &[Migration],
    report: &mut MigrateReport,
) -> Result<(), MigrateError> {
    let err = pg_err(database);
    client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK_KEY]).await.map_err(&err)?;
    let result = apply_locked(client, database, migrations, report).await;
    // Released explicitly; it would also go with the session.
    let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK_KEY]).await;
    result
}

async fn apply_locked(
    client: &mut Client,
    database: &str,
    migrations: &[Migration],
    report: &mut MigrateReport,
) -> Result<(), MigrateError> {
    let err = pg_err(database);
    // `IF NOT EXISTS` on a migrated database makes the server send a NOTICE
    // per object, which the driver logs at INFO: noise in every re-run.
    client.batch_execute("SET client_min_messages = warning").await.map_err(&err)?;
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS mobileforge_schema_migrations (
                version     int PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
            )",
        )
        .await
        .map_err(&err)?;
    let applied: Vec<(i32, String, String)> = client
        .query("SELECT version, name, checksum FROM mobileforge_schema_migrations", &[])
        .await
        .map_err(&err)?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    for m in migrations {
        let sum = checksum(m.sql);
        if let Some((_, _, recorded)) = applied.iter().find(|(v, _, _)| *v == m.version) {
            if *recorded != sum {
                return Err(MigrateError::ChecksumMismatch {
                    database: database.to_string(),
                    version: m.version,
                    name: m.name.to_string(),
                });
            }
            continue;
        }
        let tx = client.transaction().await.map_err(&err)?;
        tx.batch_execute(m.sql).await.map_err(&err)?;
        tx.execute(
            "INSERT INTO mobileforge_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
            &[&m.version, &m.name, &sum],
        )
        .await
        .map_err(&err)?;
        tx.commit().await.map_err(&err)?;
        tracing::info!(database, migration = m.name, "applied migration");
        report.applied.push((database.to_string(), m.name.to_string()));
    }
    Ok(())
}

/// The MongoDB collections of contract §6 and their indexes.
pub const MONGO_PER_USER_COLLECTIONS: &[&str] = &[
    "sms_sync_request_sms_data",
    "device_sync_request_apps_data",
    "device_sync_request_device_data",
    "device_sync_request_ios_device_data",
    "call_logs_sync_request_call_logs_data",
    "contacts_sync_request_contacts_data",
    "device_id_mapper",
    "device_transpose",
    "extracted_sms_data",
];

const MONGO_DEVICE_COLLECTIONS: &[&str] = &[
    "device_sync_request_apps_data",
    "device_sync_request_device_data",
    "device_sync_request_ios_device_data",
];

fn mongo_indexes(collection: &str) -> Vec<IndexModel> {
    let index = |keys: Document, name: &str, unique: bool| {
        let options = IndexOptions::builder().name(name.to_string()).unique(unique.then_some(true)).build();
        IndexModel::builder().keys(keys).options(options).build()
    };
    let named = |keys: Document, name: &str| index(keys, name, false);
    let mut out = vec![named(doc! { "client_id": 1, "user_id": 1 }, "client_id_1_user_id_1")];
    if MONGO_DEVICE_COLLECTIONS.contains(&collection) {
        out.push(named(doc! { "request_id": 1 }, "request_id_1"));
    }
    match collection {
        "device_id_mapper" => {
            for f in ["client_id", "user_id", "android_id", "app_device_id", "google_adv_id", "device_id", "assembled_id"] {
                out.push(named(doc! { f: 1 }, &format!("{f}_1")));
            }
        }
        "device_transpose" => {
            for f in ["client_id", "value", "value_type", "user_id"] {
                out.push(named(doc! { f: 1 }, &format!("{f}_1")));
            }
        }
        "extracted_sms_data" => {
            // One result per user + SMS: re-running a request cannot duplicate them.
            out.push(index(doc! { "client_id": 1, "user_id": 1, "sms_id": 1 }, "client_id_1_user_id_1_sms_id_1", true));
        }
        _ => {}
    }
    out
}

/// Creates the MongoDB collections and indexes (idempotent).
pub async fn migrate_mongo(db: &Database, report: &mut MigrateReport) -> Result<(), MigrateError> {
    let err = |source| MigrateError::Mongo { database: db.name().to_string(), source };
    let existing = db.list_collection_names().await.map_err(err)?;
    for name in MONGO_PER_USER_COLLECTIONS {
        if !existing.iter().any(|e| e == name) {
            match db.create_collection(*name).await {
                Ok(()) => report.mongo_collections_created.push((*name).to_string()),
                // 48 = NamespaceExists: a concurrent migrate created it.
                Err(e) if matches!(*e.kind, mongodb::error::ErrorKind::Command(ref c) if c.code == 48) => {}
                Err(e) => return Err(err(e)),
            }
        }
        db.collection::<Document>(name).create_indexes(mongo_indexes(name)).await.map_err(err)?;
    }
    Ok(())
}

/// Everything `mobileforge migrate` does.
pub async fn run(settings: &Settings, main_only: bool) -> Result<MigrateReport, MigrateError> {
    let mut report = MigrateReport::default();
    let pg = settings.postgres();
    let mut targets: Vec<(&str, &[Migration])> = vec![(pg.database.as_str(), MAIN)];
    if !main_only {
        if let Some(sync) = &pg.sync_database {
            targets.push((sync.as_str(), SYNC));
        }
    }
    for (database, migrations) in targets {
        let mut client = connect_or_create(pg, database, &mut report).await?;
        apply(&mut client, database, migrations, &mut report).await?;
        let p = &settings.partitions;
        let maintained = partitions::maintain(&mut client, p.days_ahead, p.retention_days)
            .await
            .map_err(pg_err(database))?;
        report.partitions.push((database.to_string(), maintained));
    }
    if !main_only {
        if let Some(mongo) = &settings.mongodb {
            let db = super::mongo::build_database(mongo)
                .map_err(|source| MigrateError::Mongo { database: mongo.database.clone(), source })?;
            let deadline = mongo.server_selection_timeout + Duration::from_secs(30);
            let migrated = tokio::time::timeout(deadline, migrate_mongo(&db, &mut report)).await;
            super::mongo::close(db).await;
            migrated.unwrap_or_else(|_| {
                Err(MigrateError::Mongo {
                    database: mongo.database.clone(),
                    source: mongodb::error::Error::custom(format!("no answer within {} s", deadline.as_secs())),
                })
            })?;
        }
    }
    Ok(report)
}
