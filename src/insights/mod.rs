//! The Insights API behind the routes: raw-data readers, the extractor
//! client, the extraction store, the pipeline, async jobs and dumps.

pub mod dumps;
pub mod extractor;
pub mod jobs;
pub mod pipeline;
pub mod readers;
pub mod store;
