//! Configuration: one loader for every role.
//!
//! Layers, later ones win:
//! 1. `config/default.toml` (compiled in, so the binary runs without a config dir),
//! 2. `<config dir>/default.toml` and `<config dir>/<LAUNCH_ENVIRONMENT>.toml`
//!    (config dir = `MOBILEFORGE_CONFIG_DIR`, else `./config` when present),
//! 3. generic overrides `MOBILEFORGE__SECTION__KEY` (ops knobs the contract does not name),
//! 4. the contract's environment variables (`DI_*` for insights and migrate, `DB_*` for sms).
//!
//! The contract's variables are parsed here, by hand, rather than through
//! figment's env provider: that way an unparsable value is reported with the
//! variable's own name, and secrets are never echoed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::providers::{Format, Serialized, Toml};
use figment::Figment;
use serde::Deserialize;

/// The compiled-in base file.
const BUILTIN_DEFAULTS: &str = include_str!("../config/default.toml");
const BUILTIN_DEV: &str = include_str!("../config/dev.toml");
const BUILTIN_STAGING: &str = include_str!("../config/staging.toml");
const BUILTIN_PROD: &str = include_str!("../config/prod.toml");

/// Which process is being configured; decides which variables apply and which are required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Insights,
    Sms,
    /// `migrate` with all three stores.
    Migrate,
    /// `migrate --main-only`: only the main PostgreSQL database (SMS-only deployments).
    MigrateMainOnly,
    /// Offline commands with no database (`sms extract`).
    Offline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Dev,
    Staging,
    Prod,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Dev => "dev",
            Environment::Staging => "staging",
            Environment::Prod => "prod",
        }
    }

    fn parse(value: &str) -> Option<Environment> {
        match value.trim().to_ascii_lowercase().as_str() {
            "dev" | "development" | "local" => Some(Environment::Dev),
            "staging" | "stage" => Some(Environment::Staging),
            "prod" | "production" => Some(Environment::Prod),
            _ => None,
        }
    }

    fn builtin_file(self) -> &'static str {
        match self {
            Environment::Dev => BUILTIN_DEV,
            Environment::Staging => BUILTIN_STAGING,
            Environment::Prod => BUILTIN_PROD,
        }
    }
}

/// A value that must never reach a log line or an error message.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A configuration problem, as one line naming the variable (or file key) to fix.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {0}")]
pub struct ConfigError(pub String);

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub insights_port: u16,
    pub sms_port: u16,
    pub max_body_bytes: usize,
    pub rate_limit_per_minute: u32,
    pub trust_forwarded_for: bool,
    pub shutdown_timeout_secs: u64,
    pub workers: usize,
    /// SO_RCVBUF of the listening socket (inherited by every accepted
    /// connection), in bytes; 0 keeps the OS default and its autotuning.
    pub recv_buffer_bytes: usize,
    /// How long freed memory is kept for reuse before mimalloc returns it to
    /// the OS, in ms: -1 never (the default), 0 at once. `MIMALLOC_PURGE_DELAY`
    /// in the environment wins over it. See `allocator`.
    pub memory_purge_delay_ms: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub cache_ttl_secs: u64,
}

/// Whether connections to PostgreSQL use TLS (`postgres.ssl_mode`), as
/// libpq's `sslmode`, except that a TLS connection always verifies the
/// server's certificate and host name (against the Mozilla roots plus
/// `postgres.ssl_root_cert`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PgSslMode {
    /// Plain TCP (the default: what existing deployments use).
    #[default]
    Disable,
    /// TLS when the server offers it, plain TCP when it does not.
    Prefer,
    /// TLS or no connection (managed PostgreSQL such as RDS with `rds.force_ssl`).
    Require,
}

/// Connection to one PostgreSQL server (main DB; the sync DB shares server and credentials).
#[derive(Debug, Clone)]
pub struct PostgresSettings {
    pub ssl_mode: PgSslMode,
    /// Extra trusted CA certificates (`postgres.ssl_root_cert`, a PEM file;
    /// e.g. the cloud provider's CA bundle), parsed and checked at start.
    pub ssl_root_certs: Vec<rustls::pki_types::CertificateDer<'static>>,
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password: Secret,
    pub database: String,
    /// The sync pipeline's database; `None` for roles that do not read it.
    pub sync_database: Option<String>,
    pub pool_max_size: usize,
    pub connect_timeout: Duration,
    pub pool_wait_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct MongoSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Secret,
    pub database: String,
    pub max_pool_size: u32,
    pub min_pool_size: u32,
    pub server_selection_timeout: Duration,
    pub connect_timeout: Duration,
    /// The Rust driver has no socket timeout: applied per operation by the readers.
    pub socket_timeout: Duration,
    pub retry_writes: bool,
    /// The Rust driver has no wait-queue timeout: applied per operation by the readers.
    pub wait_queue_timeout: Duration,
    /// TLS to MongoDB (`mongodb.tls`; Atlas and most managed MongoDB require it).
    pub tls: bool,
    /// Extra trusted CA certificates for TLS (`mongodb.tls_ca_file`, PEM),
    /// checked at start.
    pub tls_ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct ExtractorSettings {
    pub url: String,
    pub batch_size: usize,
    pub concurrency: usize,
    pub timeout: Duration,
    pub retries: u32,
}

#[derive(Debug, Clone, Default)]
pub struct SmsSettings {
    pub max_sms_count: usize,
    pub senders_path: Option<PathBuf>,
    pub classification_path: Option<PathBuf>,
    pub patterns_path: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PartitionSettings {
    pub days_ahead: u32,
    pub retention_days: u32,
    pub maintenance_interval_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AsyncJobSettings {
    pub lease_secs: u64,
    pub result_ttl_secs: u64,
    pub deadline_secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Validated settings of one role.
#[derive(Debug, Clone)]
pub struct Settings {
    pub role: Role,
    pub environment: Environment,
    pub log_format: LogFormat,
    pub server: ServerSettings,
    pub auth: AuthSettings,
    /// `None` only for [`Role::Offline`].
    pub postgres: Option<PostgresSettings>,
    /// Insights and migrate only.
    pub mongodb: Option<MongoSettings>,
    /// Insights only.
    pub extractor: Option<ExtractorSettings>,
    pub sms: SmsSettings,
    pub partitions: PartitionSettings,
    pub async_jobs: AsyncJobSettings,
}

impl Settings {
    /// The main PostgreSQL settings; panics only on a programming error (asking for them offline).
    pub fn postgres(&self) -> &PostgresSettings {
        self.postgres
            .as_ref()
            .expect("postgres settings are validated for every role that uses a database")
    }
}

// ---------------------------------------------------------------------------
// Raw (file-level) shape: everything optional, validated afterwards.

#[derive(Debug, Deserialize)]
struct Raw {
    server: ServerSettings,
    auth: AuthSettings,
    postgres: RawPostgres,
    mongodb: RawMongo,
    extractor: RawExtractor,
    sms: RawSms,
    partitions: PartitionSettings,
    async_jobs: AsyncJobSettings,
    #[serde(default)]
    log: RawLog,
}

#[derive(Debug, Deserialize, Default)]
struct RawLog {
    format: Option<LogFormat>,
}

#[derive(Debug, Deserialize)]
struct RawPostgres {
    host: Option<String>,
    port: u16,
    username: Option<String>,
    password: Option<Secret>,
    database: Option<String>,
    sync_database: Option<String>,
    pool_max_size: usize,
    connect_timeout_secs: u64,
    pool_wait_timeout_secs: u64,
    #[serde(default)]
    ssl_mode: PgSslMode,
    ssl_root_cert: Option<PathBuf>,
}

/// The certificates of a PEM file, each checked to be a usable trust anchor.
fn read_root_certs(key: &str, path: &std::path::Path) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, ConfigError> {
    use rustls::pki_types::pem::PemObject;
    let bad = |m: String| ConfigError(format!("{key} ({}): {m}", path.display()));
    let certs = rustls::pki_types::CertificateDer::pem_file_iter(path)
        .map_err(|e| bad(format!("cannot read it: {e}")))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("not a PEM certificate file: {e}")))?;
    if certs.is_empty() {
        return Err(bad("no certificate in it".into()));
    }
    let mut store = rustls::RootCertStore::empty();
    for cert in &certs {
        store.add(cert.clone()).map_err(|e| bad(format!("unusable CA certificate: {e}")))?;
    }
    Ok(certs)
}

#[derive(Debug, Deserialize)]
struct RawMongo {
    host: Option<String>,
    port: u16,
    username: Option<String>,
    password: Option<Secret>,
    database: Option<String>,
    max_pool_size: u32,
    min_pool_size: u32,
    server_selection_timeout_ms: u64,
    connect_timeout_ms: u64,
    socket_timeout_ms: u64,
    retry_writes: bool,
    wait_queue_timeout_ms: u64,
    #[serde(default)]
    tls: bool,
    tls_ca_file: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
struct RawExtractor {
    url: Option<String>,
    batch_size: usize,
    concurrency: usize,
    timeout_secs: u64,
    retries: u32,
}

#[derive(Debug, Deserialize)]
struct RawSms {
    max_sms_count: usize,
    senders_path: Option<PathBuf>,
    classification_path: Option<PathBuf>,
    patterns_path: Option<PathBuf>,
}

// ---------------------------------------------------------------------------
// The contract's environment variables.

#[derive(Clone, Copy)]
enum Kind {
    Str,
    Secret,
    Port,
    /// A positive integer.
    Count,
    /// A non-negative integer.
    Millis,
    Bool,
    Path,
}

/// (variable, settings key, kind)
type EnvVar = (&'static str, &'static str, Kind);

const INSIGHTS_VARS: &[EnvVar] = &[
    ("DI_POSTGRES_USERNAME", "postgres.username", Kind::Str),
    ("DI_POSTGRES_PASSWORD", "postgres.password", Kind::Secret),
    ("DI_POSTGRES_HOST", "postgres.host", Kind::Str),
    ("DI_POSTGRES_PORT", "postgres.port", Kind::Port),
    ("DI_POSTGRES_DATABASE", "postgres.database", Kind::Str),
    ("DI_POSTGRES_SYNC_DATABASE", "postgres.sync_database", Kind::Str),
    ("SMS_EXTRACTOR_SERVICE_URL", "extractor.url", Kind::Str),
    ("SMS_EXTRACTOR_BATCH_SIZE", "extractor.batch_size", Kind::Count),
    ("DI_MONGODB_USERNAME", "mongodb.username", Kind::Str),
    ("DI_MONGODB_PASSWORD", "mongodb.password", Kind::Secret),
    ("DI_MONGODB_HOST", "mongodb.host", Kind::Str),
    ("DI_MONGODB_PORT", "mongodb.port", Kind::Port),
    ("DI_MONGODB_DATABASE", "mongodb.database", Kind::Str),
    ("DI_MONGODB_MAX_POOL_SIZE", "mongodb.max_pool_size", Kind::Count),
    ("DI_MONGODB_MIN_POOL_SIZE", "mongodb.min_pool_size", Kind::Millis),
    ("DI_MONGODB_SERVER_SELECTION_TIMEOUT_MS", "mongodb.server_selection_timeout_ms", Kind::Millis),
    ("DI_MONGODB_CONNECT_TIMEOUT_MS", "mongodb.connect_timeout_ms", Kind::Millis),
    ("DI_MONGODB_SOCKET_TIMEOUT_MS", "mongodb.socket_timeout_ms", Kind::Millis),
    ("DI_MONGODB_RETRY_WRITES", "mongodb.retry_writes", Kind::Bool),
    ("DI_MONGODB_WAIT_QUEUE_TIMEOUT_MS", "mongodb.wait_queue_timeout_ms", Kind::Millis),
];

const SMS_VARS: &[EnvVar] = &[
    ("DB_USER", "postgres.username", Kind::Str),
    ("DB_PASSWORD", "postgres.password", Kind::Secret),
    ("DB_HOST", "postgres.host", Kind::Str),
    ("DB_PORT", "postgres.port", Kind::Port),
    ("DB_NAME", "postgres.database", Kind::Str),
    ("MAX_SMS_COUNT", "sms.max_sms_count", Kind::Count),
    ("SMS_SENDER_RULES_PATH", "sms.senders_path", Kind::Path),
    ("SMS_CLASSIFICATION_RULES_PATH", "sms.classification_path", Kind::Path),
    ("SMS_EXTRACTION_PATTERNS_PATH", "sms.patterns_path", Kind::Path),
];

/// Rule-file paths also apply to the offline extractor.
const OFFLINE_VARS: &[EnvVar] = &[
    ("SMS_SENDER_RULES_PATH", "sms.senders_path", Kind::Path),
    ("SMS_CLASSIFICATION_RULES_PATH", "sms.classification_path", Kind::Path),
    ("SMS_EXTRACTION_PATTERNS_PATH", "sms.patterns_path", Kind::Path),
];

fn vars_for(role: Role) -> &'static [EnvVar] {
    match role {
        Role::Insights | Role::Migrate | Role::MigrateMainOnly => INSIGHTS_VARS,
        Role::Sms => SMS_VARS,
        Role::Offline => OFFLINE_VARS,
    }
}

/// The variable a user sets for `key` in this role (for error messages).
fn var_name(role: Role, key: &str) -> String {
    vars_for(role)
        .iter()
        .find(|(_, k, _)| *k == key)
        .map(|(name, _, _)| (*name).to_string())
        .unwrap_or_else(|| format!("MOBILEFORGE__{}", key.replace('.', "__").to_uppercase()))
}

fn parse_var(name: &str, kind: Kind, raw: &str) -> Result<serde_json::Value, ConfigError> {
    use serde_json::Value;
    let bad = |what: &str| {
        // Never echo secrets; other values are echoed to help the operator.
        ConfigError(format!("{name} must be {what} (got {raw:?})"))
    };
    let trimmed = raw.trim();
    Ok(match kind {
        Kind::Str => Value::String(trimmed.to_string()),
        Kind::Secret => Value::String(raw.to_string()),
        Kind::Path => Value::String(trimmed.to_string()),
        Kind::Port => match trimmed.parse::<u16>() {
            Ok(p) if p > 0 => Value::from(p),
            _ => return Err(bad("a TCP port number (1-65535)")),
        },
        Kind::Count => match trimmed.parse::<u64>() {
            Ok(n) if n > 0 => Value::from(n),
            _ => return Err(bad("a positive integer")),
        },
        Kind::Millis => match trimmed.parse::<u64>() {
            Ok(n) => Value::from(n),
            _ => return Err(bad("a non-negative integer")),
        },
        Kind::Bool => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Value::Bool(true),
            "false" | "0" | "no" => Value::Bool(false),
            _ => return Err(bad("true or false")),
        },
    })
}

/// Load the settings of `role` from the process environment.
pub fn load(role: Role) -> Result<Settings, ConfigError> {
    let env: Vec<(String, String)> = std::env::vars().collect();
    let config_dir = std::env::var_os("MOBILEFORGE_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("config")).filter(|p| p.is_dir()));
    load_from(role, config_dir.as_deref(), &env)
}

/// Load the settings of `role` from an explicit environment (tests use this
/// instead of mutating the process environment).
pub fn load_from(
    role: Role,
    config_dir: Option<&Path>,
    env: &[(String, String)],
) -> Result<Settings, ConfigError> {
    let get = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());

    let environment = match get("LAUNCH_ENVIRONMENT") {
        None => Environment::Dev,
        Some(v) => Environment::parse(v).ok_or_else(|| {
            ConfigError(format!(
                "LAUNCH_ENVIRONMENT must be one of dev, staging, prod (got {v:?})"
            ))
        })?,
    };

    let mut figment = Figment::from(Toml::string(BUILTIN_DEFAULTS))
        .merge(Toml::string(environment.builtin_file()));
    if let Some(dir) = config_dir {
        let base = dir.join("default.toml");
        let per_env = dir.join(format!("{}.toml", environment.as_str()));
        for file in [base, per_env] {
            if file.is_file() {
                figment = figment.merge(Toml::file(file));
            }
        }
    }
    // Generic `MOBILEFORGE__SECTION__KEY` overrides for knobs the contract does not name.
    for (name, raw) in env.iter().filter(|(k, _)| k.starts_with("MOBILEFORGE__")) {
        let key = name["MOBILEFORGE__".len()..].to_ascii_lowercase().replace("__", ".");
        if key.is_empty() {
            continue;
        }
        let value = if let Ok(n) = raw.trim().parse::<i64>() {
            serde_json::Value::from(n)
        } else if let Ok(b) = raw.trim().parse::<bool>() {
            serde_json::Value::Bool(b)
        } else {
            serde_json::Value::String(raw.clone())
        };
        figment = figment.merge(Serialized::default(&key, value));
    }
    for (name, key, kind) in vars_for(role) {
        if let Some(raw) = get(name) {
            let value = parse_var(name, *kind, raw)?;
            figment = figment.merge(Serialized::default(key, value));
        }
    }

    let raw: Raw = figment.extract().map_err(|e| {
        // figment names the key path; translate it to the variable a user sets.
        let key = e.path.join(".");
        let var = if key.is_empty() { "configuration".to_string() } else { var_name(role, &key) };
        ConfigError(format!("{var}: {}", e.kind))
    })?;
    validate(role, environment, raw)
}

fn required(role: Role, key: &str, value: Option<String>) -> Result<String, ConfigError> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(ConfigError(format!("{} is required but not set", var_name(role, key)))),
    }
}

fn validate(role: Role, environment: Environment, raw: Raw) -> Result<Settings, ConfigError> {
    let log_format = raw.log.format.unwrap_or(match environment {
        Environment::Dev => LogFormat::Pretty,
        _ => LogFormat::Json,
    });
    let needs_pg = !matches!(role, Role::Offline);
    let needs_sync_and_mongo = matches!(role, Role::Insights | Role::Migrate);

    let postgres = if needs_pg {
        let p = raw.postgres;
        let password = match p.password {
            Some(secret) => secret,
            None => {
                return Err(ConfigError(format!(
                    "{} is required but not set",
                    var_name(role, "postgres.password")
                )))
            }
        };
        let ssl_root_certs = match &p.ssl_root_cert {
            Some(path) if !path.as_os_str().is_empty() => read_root_certs("postgres.ssl_root_cert", path)?,
            _ => Vec::new(),
        };
        Some(PostgresSettings {
            ssl_mode: p.ssl_mode,
            ssl_root_certs,
            host: required(role, "postgres.host", p.host)?,
            port: p.port,
            username: required(role, "postgres.username", p.username)?,
            password,
            database: required(role, "postgres.database", p.database)?,
            sync_database: if needs_sync_and_mongo {
                Some(required(role, "postgres.sync_database", p.sync_database)?)
            } else {
                None
            },
            pool_max_size: p.pool_max_size.max(1),
            connect_timeout: Duration::from_secs(p.connect_timeout_secs.max(1)),
            pool_wait_timeout: Duration::from_secs(p.pool_wait_timeout_secs.max(1)),
        })
    } else {
        None
    };

    let mongodb = if needs_sync_and_mongo {
        let m = raw.mongodb;
        if m.min_pool_size > m.max_pool_size {
            return Err(ConfigError(format!(
                "{} ({}) must not exceed {} ({})",
                var_name(role, "mongodb.min_pool_size"),
                m.min_pool_size,
                var_name(role, "mongodb.max_pool_size"),
                m.max_pool_size
            )));
        }
        Some(MongoSettings {
            host: required(role, "mongodb.host", m.host)?,
            port: m.port,
            username: m.username.filter(|u| !u.is_empty()),
            password: m.password.unwrap_or_default(),
            database: required(role, "mongodb.database", m.database)?,
            max_pool_size: m.max_pool_size,
            min_pool_size: m.min_pool_size,
            server_selection_timeout: Duration::from_millis(m.server_selection_timeout_ms),
            connect_timeout: Duration::from_millis(m.connect_timeout_ms),
            socket_timeout: Duration::from_millis(m.socket_timeout_ms),
            retry_writes: m.retry_writes,
            wait_queue_timeout: Duration::from_millis(m.wait_queue_timeout_ms),
            tls: m.tls,
            tls_ca_file: match m.tls_ca_file {
                Some(path) if !path.as_os_str().is_empty() => {
                    read_root_certs("mongodb.tls_ca_file", &path)?;
                    Some(path)
                }
                _ => None,
            },
        })
    } else {
        None
    };

    let extractor = if role == Role::Insights {
        let x = raw.extractor;
        let url = required(role, "extractor.url", x.url)?;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ConfigError(format!(
                "SMS_EXTRACTOR_SERVICE_URL must be an http:// or https:// URL (got {url:?})"
            )));
        }
        Some(ExtractorSettings {
            url: url.trim_end_matches('/').to_string(),
            batch_size: x.batch_size.max(1),
            concurrency: x.concurrency.max(1),
            timeout: Duration::from_secs(x.timeout_secs.max(1)),
            retries: x.retries,
        })
    } else {
        None
    };

    if raw.server.memory_purge_delay_ms < -1 {
        return Err(ConfigError(
            "MOBILEFORGE__SERVER__MEMORY_PURGE_DELAY_MS must be -1 (never return freed memory to the OS), 0 (at once) or a number of milliseconds".into(),
        ));
    }
    if raw.server.rate_limit_per_minute == 0 {
        return Err(ConfigError(
            "MOBILEFORGE__SERVER__RATE_LIMIT_PER_MINUTE must be a positive integer".into(),
        ));
    }

    Ok(Settings {
        role,
        environment,
        log_format,
        server: raw.server,
        auth: raw.auth,
        postgres,
        mongodb,
        extractor,
        sms: SmsSettings {
            max_sms_count: raw.sms.max_sms_count.max(1),
            senders_path: raw.sms.senders_path,
            classification_path: raw.sms.classification_path,
            patterns_path: raw.sms.patterns_path,
        },
        partitions: raw.partitions,
        async_jobs: raw.async_jobs,
    })
}
