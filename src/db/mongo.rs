//! The one MongoDB client builder, with the pool and timeout options of contract §2.

use std::time::Duration;

use mongodb::bson::doc;
use mongodb::options::{ClientOptions, Credential, ServerAddress, Tls, TlsOptions};
use mongodb::{Client, Database};

use crate::config::MongoSettings;

/// Builds the client for the configured database. Like the PostgreSQL pool
/// it connects lazily; [`ping`] is the readiness check.
pub fn build_database(settings: &MongoSettings) -> Result<Database, mongodb::error::Error> {
    let mut options = ClientOptions::default();
    options.hosts = vec![ServerAddress::Tcp { host: settings.host.clone(), port: Some(settings.port) }];
    options.app_name = Some("mobileforge".into());
    options.max_pool_size = Some(settings.max_pool_size);
    options.min_pool_size = Some(settings.min_pool_size);
    options.server_selection_timeout = Some(settings.server_selection_timeout);
    options.connect_timeout = Some(settings.connect_timeout);
    options.retry_writes = Some(settings.retry_writes);
    if settings.tls {
        // The driver's rustls: Mozilla roots plus the configured CA file, host name checked.
        options.tls = Some(Tls::Enabled(TlsOptions::builder().ca_file_path(settings.tls_ca_file.clone()).build()));
    }
    if let Some(user) = &settings.username {
        let mut credential = Credential::default();
        credential.username = Some(user.clone());
        credential.password = Some(settings.password.expose().to_string());
        credential.source = Some("admin".into());
        options.credential = Some(credential);
    }
    let client = Client::with_options(options)?;
    Ok(client.database(&settings.database))
}

/// Closes the client inside the runtime. Left to be dropped when a
/// command's runtime shuts down, the driver's session cleanup could panic
/// (`SendError` from its connection pool, seen at the end of `seed`).
pub async fn close(db: Database) {
    let _ = tokio::time::timeout(Duration::from_secs(5), db.client().clone().shutdown()).await;
}

/// Per-operation deadline standing in for socketTimeoutMS and
/// waitQueueTimeoutMS, which the Rust driver does not implement.
pub fn operation_timeout(settings: &MongoSettings) -> Duration {
    settings.socket_timeout + settings.wait_queue_timeout
}

pub async fn ping(db: &Database, timeout: Duration) -> Result<(), String> {
    match tokio::time::timeout(timeout, db.run_command(doc! { "ping": 1 })).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} ms", timeout.as_millis())),
    }
}
