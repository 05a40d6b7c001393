//! mobileforge: the insights pipeline.
//!
//! - [`sms`]: the SMS extraction engine (pure: rules → classification → fields).
//! - [`features`]: the feature engine (pure: catalogue + aggregations).
//! - [`insights`]: the Insights API pipeline (raw-data readers, extractor client, async jobs, dumps).
//! - [`http`] and [`routes`]: the HTTP core both roles share, one file per endpoint.
//! - [`db`]: pools, migrations, partitions. [`config`], [`telemetry`], [`cli`], [`offline`].
//! - [`allocator`]: the global allocator (mimalloc) and when it returns memory to the OS.

pub mod allocator;
pub mod cli;
pub mod config;
pub mod db;
pub mod features;
pub mod http;
pub mod insights;
pub mod json;
pub mod offline;
pub mod routes;
pub mod seed;
pub mod sms;
pub mod telemetry;
