//! Parses the command line and runs the chosen role; nothing else lives here.

use std::process::ExitCode;

use clap::Parser;
use mobileforge::cli::{Cli, Command, FeaturesCommand, ServeRole, SmsCommand};
use mobileforge::config::{self, Role};
use mobileforge::{db, features, http, offline, sms, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // One line, naming what to fix (config errors already do).
            eprintln!("mobileforge: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn settings(role: Role) -> anyhow::Result<config::Settings> {
    let settings = config::load(role)?;
    telemetry::init(settings.log_format);
    Ok(settings)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { role } => {
            let role = match role {
                ServeRole::Insights => Role::Insights,
                ServeRole::Sms => Role::Sms,
            };
            let settings = settings(role)?;
            actix_web::rt::System::new().block_on(async move {
                let app = http::Application::build(settings).await?;
                app.run_until_stopped().await?;
                Ok::<_, anyhow::Error>(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate { main_only } => {
            let settings = settings(if main_only { Role::MigrateMainOnly } else { Role::Migrate })?;
            let report = runtime()?.block_on(db::migrate::run(&settings, main_only))?;
            for (database, file) in &report.applied {
                println!("applied {file} to {database}");
            }
            for (database, p) in &report.partitions {
                println!(
                    "{database}: {} partitioned tables, {} partitions created, {} dropped",
                    p.tables.len(),
                    p.created.len(),
                    p.dropped.len()
                );
            }
            for c in &report.mongo_collections_created {
                println!("created MongoDB collection {c}");
            }
            println!("{}", if report.is_noop() { "migrate: already up to date" } else { "migrate: done" });
            Ok(ExitCode::SUCCESS)
        }
        Command::Sms { command } => {
            let settings = config::load(Role::Offline)?;
            let engine = sms::Engine::load(&sms::RulePaths {
                senders: settings.sms.senders_path,
                classification: settings.sms.classification_path,
                patterns: settings.sms.patterns_path,
            })?;
            let ran = match command {
                SmsCommand::Extract => offline::run(&engine).map(|_| ()),
                SmsCommand::Explain => offline::explain(&engine),
            };
            match ran {
                Ok(_) => Ok(ExitCode::SUCCESS),
                // `| head` closing the pipe is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => Err(e.into()),
            }
        }
        Command::Seed { users, seed, client_id, sms_per_user, apps_per_user } => {
            let settings = settings(Role::Migrate)?;
            let pg = settings.postgres();
            let opts = mobileforge::seed::SeedOptions {
                users,
                seed,
                client_id,
                sms_per_user,
                apps_per_user,
                ..Default::default()
            };
            let report = runtime()?.block_on(async {
                let main = db::postgres::build_pool(pg, &pg.database);
                let sync = db::postgres::build_pool(pg, pg.sync_database.as_deref().unwrap_or_default());
                let mongo = db::mongo::build_database(settings.mongodb.as_ref().expect("validated for migrate"))?;
                let report = mobileforge::seed::seed(&mongo, &main, &sync, &opts).await;
                db::mongo::close(mongo).await;
                report
            })?;
            println!("seeded {} users: {}", report.user_ids.len(), report.user_ids.join(", "));
            println!("x-client-id: {}", report.insights_client_id);
            println!("x-auth-token: {}", report.auth_token);
            Ok(ExitCode::SUCCESS)
        }
        Command::Features { command: FeaturesCommand::List } => {
            use std::io::Write;
            match std::io::stdout().lock().write_all(features::catalogue_markdown().as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(ExitCode::SUCCESS),
            }
        }
    }
}
