//! mobileforge: the insights pipeline.
//!
//! - [`sms`]: the SMS extraction engine (pure: rules → classification → fields).
//! - [`features`]: the feature engine (pure: catalogue + aggregations).
//! - [`insights`]: the Insights API pipeline (raw-data readers, extractor client, async jobs, dumps).
//! - [`http`] and [`routes`]: the HTTP core both roles share, one file per endpoint.
//! - [`db`]: pools, migrations, partitions. [`config`], [`telemetry`], [`cli`], [`offline`].

/// mimalloc instead of the system allocator: every extraction result owns a
/// handful of short strings and every request builds thousands of JSON
/// values; the SMS engine benchmark gains ~3% and the services allocate
/// from per-thread heaps. Declared in the library so the binary, the tests
/// and the benchmarks all measure the same allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
