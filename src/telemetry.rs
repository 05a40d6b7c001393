//! Logging set-up: human-readable lines in dev, JSON lines elsewhere.
//! `RUST_LOG` overrides the default `info` filter.

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

/// Installs the global subscriber (once; later calls are ignored, which
/// lets tests spawn many apps in one process). Logs go to stderr so that
/// `sms extract` keeps stdout for its results.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Pretty => builder.compact().try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
    };
}
