//! Daily partitions: created ahead, optionally dropped after a retention period.
//!
//! The routine discovers which tables are range-partitioned on `created_at`
//! instead of keeping a list, so a deployment that runs the same tables
//! unpartitioned (contract §5) is simply left alone, and a table added by a
//! later migration is maintained without touching this code.

use chrono::{Duration as Days, NaiveDate};
use tokio_postgres::GenericClient;

/// Serialises maintenance across processes (migrate, every replica).
const PARTITION_LOCK_KEY: i64 = 0x6d66_7061_7274; // "mfpart"

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MaintenanceReport {
    pub tables: Vec<String>,
    pub created: Vec<String>,
    pub dropped: Vec<String>,
}

/// `<table>_YYYY_MM_DD`
pub fn partition_name(table: &str, day: NaiveDate) -> String {
    format!("{table}_{}", day.format("%Y_%m_%d"))
}

fn partition_day(table: &str, name: &str) -> Option<NaiveDate> {
    let suffix = name.strip_prefix(table)?.strip_prefix('_')?;
    NaiveDate::parse_from_str(suffix, "%Y_%m_%d").ok()
}

/// Tables of the current schema partitioned by `RANGE (created_at)`.
pub async fn partitioned_tables(client: &impl GenericClient) -> Result<Vec<String>, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT c.relname::text
               FROM pg_partitioned_table p
               JOIN pg_class c ON c.oid = p.partrelid
               JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema()
                AND pg_get_partkeydef(c.oid) = 'RANGE (created_at)'
              ORDER BY 1",
            &[],
        )
        .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Ensures partitions today..=today+`days_ahead` (UTC, by the database's clock)
/// for every partitioned table, and drops partitions older than
/// `retention_days` when it is non-zero.
pub async fn maintain(
    client: &mut tokio_postgres::Client,
    days_ahead: u32,
    retention_days: u32,
) -> Result<MaintenanceReport, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PARTITION_LOCK_KEY]).await?;
    let today: NaiveDate = tx
        .query_one("SELECT (now() AT TIME ZONE 'utc')::date", &[])
        .await?
        .get(0);
    let mut report = MaintenanceReport { tables: partitioned_tables(&tx).await?, ..Default::default() };
    for table in &report.tables {
        let existing: Vec<String> = tx
            .query(
                "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                  WHERE i.inhparent = $1::text::regclass",
                &[table],
            )
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
        for offset in 0..=i64::from(days_ahead) {
            let day = today + Days::days(offset);
            let name = partition_name(table, day);
            if existing.contains(&name) {
                continue;
            }
            let sql = format!(
                "CREATE TABLE IF NOT EXISTS \"{name}\" PARTITION OF \"{table}\" FOR VALUES FROM ('{day}') TO ('{next}')",
                next = day + Days::days(1)
            );
            tx.batch_execute(&sql).await?;
            report.created.push(name);
        }
        if retention_days > 0 {
            let oldest_kept = today - Days::days(i64::from(retention_days));
            for name in &existing {
                if partition_day(table, name).is_some_and(|d| d < oldest_kept) {
                    tx.batch_execute(&format!("DROP TABLE IF EXISTS \"{name}\"")).await?;
                    report.dropped.push(name.clone());
                }
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// Runs [`maintain`] now and then every `interval` until the process ends;
/// failures are logged and retried at the next tick.
pub fn spawn_maintenance(
    pool: deadpool_postgres::Pool,
    days_ahead: u32,
    retention_days: u32,
    interval: std::time::Duration,
    database: &'static str,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval.max(std::time::Duration::from_secs(1)));
        loop {
            ticker.tick().await;
            let result = match pool.get().await {
                Ok(mut client) => maintain(&mut client, days_ahead, retention_days).await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match result {
                Ok(r) if !r.created.is_empty() || !r.dropped.is_empty() => tracing::info!(
                    database,
                    created = r.created.len(),
                    dropped = r.dropped.len(),
                    "partition maintenance"
                ),
                Ok(_) => tracing::debug!(database, "partitions up to date"),
                Err(error) => tracing::warn!(database, %error, "partition maintenance failed; retrying at next tick"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 9).unwrap();
        let n = partition_name("usage", d);
        assert_eq!(n, "usage_2026_01_09");
        assert_eq!(partition_day("usage", &n), Some(d));
        assert_eq!(partition_day("usage", "usage_default"), None);
        assert_eq!(partition_day("insights_request_dump", "usage_2026_01_09"), None);
    }
}
