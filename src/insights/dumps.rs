//! Request/response dumps of the main DB (contract §4, schema.md).

use chrono::NaiveDateTime;
use serde_json::Value;

use crate::db::postgres::execute_cached;
use crate::db::PgPool;

/// Which pair of dump tables a request is recorded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpKind {
    Insights,
    FetchExtracted,
}

impl DumpKind {
    fn tables(self) -> (&'static str, &'static str) {
        match self {
            DumpKind::Insights => ("insights_request_dump", "insights_response_dump"),
            DumpKind::FetchExtracted => ("fetch_extracted_request_dump", "fetch_extracted_response_dump"),
        }
    }
}

/// Records the request before work starts; `cutoff_date` is the request time.
pub async fn record_request(
    pool: &PgPool,
    kind: DumpKind,
    request_id: &str,
    client_id: &str,
    user_id: &str,
    cutoff: NaiveDateTime,
) -> Result<(), String> {
    let (table, _) = kind.tables();
    let client = pool.get().await.map_err(|e| e.to_string())?;
    let cutoff_text = cutoff.format("%Y-%m-%d %H:%M:%S").to_string();
    execute_cached(
        &client,
        &format!("INSERT INTO {table} (request_id, user_id, client_id, cutoff_date) VALUES ($1, $2, $3, $4)"),
        &[&request_id, &user_id, &client_id, &cutoff_text],
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(())
}

pub struct ResponseDump<'a> {
    pub kind: DumpKind,
    pub request_id: &'a str,
    pub client_id: &'a str,
    pub user_id: &'a str,
    pub response: &'a Value,
    pub time_to_featurize: f64,
    pub time_json: &'a Value,
    pub groupings: Option<&'a Value>,
}

/// Records the response (every outcome, errors included).
pub async fn record_response(pool: &PgPool, dump: ResponseDump<'_>) -> Result<(), String> {
    let (_, table) = dump.kind.tables();
    let client = pool.get().await.map_err(|e| e.to_string())?;
    let result = match dump.kind {
        DumpKind::Insights => {
            let groupings = dump.groupings.cloned().unwrap_or(Value::Array(vec![]));
            execute_cached(
                &client,
                &format!(
                    "INSERT INTO {table} (request_id, user_id, client_id, response_dump, time_to_featurize, time_json, groupings)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)"
                ),
                &[&dump.request_id, &dump.user_id, &dump.client_id, dump.response, &dump.time_to_featurize, dump.time_json, &groupings],
            )
            .await
        }
        DumpKind::FetchExtracted => {
            execute_cached(
                &client,
                &format!(
                    "INSERT INTO {table} (request_id, user_id, client_id, response_dump, time_to_featurize, time_json)
                     VALUES ($1, $2, $3, $4, $5, $6)"
                ),
                &[&dump.request_id, &dump.user_id, &dump.client_id, dump.response, &dump.time_to_featurize, dump.time_json],
            )
            .await
        }
    };
    result.map(|_| ()).map_err(|e| e.to_string())
}
