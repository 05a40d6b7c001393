//! Command-line interface (contract §1).

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "mobileforge",
    version,
    about = "Insights pipeline for lenders: SMS extraction and credit-risk features over synced device data.",
    long_about = "Insights pipeline for lenders: SMS extraction and credit-risk features over synced device data.\n\n\
Configuration comes from config/default.toml, config/<LAUNCH_ENVIRONMENT>.toml and the environment \
variables of the contract (DI_* for insights and migrate, DB_* for sms). See README.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run an HTTP service.
    Serve {
        #[command(subcommand)]
        role: ServeRole,
    },
    /// Create or upgrade every schema: PostgreSQL main and sync databases, MongoDB
    /// collections and indexes, and daily partitions ahead. Idempotent; safe to run
    /// from several containers at once.
    Migrate {
        /// Only the main PostgreSQL database (deployments that run just `serve sms`;
        /// reads DI_* variables).
        #[arg(long)]
        main_only: bool,
    },
    /// Offline SMS tools.
    Sms {
        #[command(subcommand)]
        command: SmsCommand,
    },
    /// Write deterministic synthetic users (SMS, apps, device, call logs, contacts,
    /// sync events) into MongoDB and the sync DB, plus a `clients` row whose
    /// credentials are printed. Reads DI_* variables; run `migrate` first.
    Seed {
        /// How many users.
        #[arg(long, default_value_t = 5)]
        users: usize,
        /// Random seed: the same seed writes the same data (dated back from now).
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Organisation the data belongs to; `<client-id>_insights` is created too.
        #[arg(long, default_value = "demo")]
        client_id: String,
        #[arg(long, default_value_t = 400)]
        sms_per_user: usize,
        #[arg(long, default_value_t = 60)]
        apps_per_user: usize,
    },
    /// The feature catalogue.
    Features {
        #[command(subcommand)]
        command: FeaturesCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ServeRole {
    /// Insights API on port 8000: /health, /api/insights, /api/async_insights,
    /// /api/fetch_extracted_data. Reads DI_* and SMS_EXTRACTOR_* variables.
    Insights,
    /// SMS Extraction API on port 8082: /health, /api/extract. Reads DB_* and
    /// MAX_SMS_COUNT variables.
    Sms,
}

#[derive(Debug, Subcommand)]
pub enum SmsCommand {
    /// Read JSON lines of SMS on stdin ({"sms_id","sms_sender","sms_body","sms_inbox_date"})
    /// and write one extraction result per line on stdout, in order. A malformed line
    /// gives {"line": N, "error": "..."} in its place; a summary goes to stderr.
    Extract,
    /// Read the same JSON lines and print, for each, the phrases found with
    /// their classes, the money mentions with their roles and the rule that
    /// decided: a tool for tuning config/sms/*.toml.
    Explain,
}

#[derive(Debug, Subcommand)]
pub enum FeaturesCommand {
    /// Print every feature with its grouping and meaning (Markdown table).
    List,
}
