//! Async insights jobs, kept in PostgreSQL (`insights_jobs`) so that any
//! replica can answer a poll and a job outlives the replica running it.
//!
//! A worker claims work with `FOR UPDATE SKIP LOCKED` and holds it under a
//! lease it renews while running; a job whose lease ran out (its replica
//! died) is claimed again by whichever replica looks next.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use tracing::Instrument;
use serde_json::{json, Value};

use super::dumps::{self, DumpKind, ResponseDump};
use super::extractor::Credentials;
use super::pipeline::{self, InsightsRequest, PipelineError};
use crate::db::PgPool;
use crate::features::Grouping;
use crate::http::{ApiError, AppState};

const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// What a poll finds.
#[derive(Debug, Clone, PartialEq)]
pub enum JobView {
    /// Pending or running: answer 202.
    InProgress { request_id: String, requested_at: NaiveDateTime },
    /// Finished: answer `status` with `body`.
    Finished { request_id: String, status: u16, body: Value },
}

pub struct NewJob<'a> {
    pub request_id: &'a str,
    pub client_id: &'a str,
    pub user_id: &'a str,
    pub groupings: &'a [Grouping],
    pub requested_at: NaiveDateTime,
    pub deadline: Duration,
}

/// `client | user | groupings (sorted, deduplicated)`: polls with the same
/// user, client and groupings find the same job.
pub fn job_key(client_id: &str, user_id: &str, groupings: &[Grouping]) -> String {
    let mut g: Vec<&str> = groupings.iter().map(|g| g.as_str()).collect();
    g.sort_unstable();
    g.dedup();
    format!("{client_id}|{user_id}|{}", g.join(","))
}

/// Finds the live or recently finished job for the key, or creates one.
/// Returns the view and whether a job was created.
pub async fn find_or_create(pool: &PgPool, job: NewJob<'_>, result_ttl: Duration) -> Result<(JobView, bool), String> {
    let key = job_key(job.client_id, job.user_id, job.groupings);
    let client = pool.get().await.map_err(|e| e.to_string())?;
    for _ in 0..3 {
        let row = client
            .query_opt(
                "SELECT request_id, status, data_requested_time, result, result_status,
                        finished_at > (now() AT TIME ZONE 'utc') - make_interval(secs => $2)
                   FROM insights_jobs WHERE job_key = $1 ORDER BY created_at DESC LIMIT 1",
                &[&key, &(result_ttl.as_secs_f64())],
            )
            .await
            .map_err(|e| e.to_string())?;
        if let Some(row) = row {
            let request_id: String = row.get(0);
            let status: String = row.get(1);
            let fresh: Option<bool> = row.get(5);
            match status.as_str() {
                "pending" | "running" => {
                    return Ok((JobView::InProgress { request_id, requested_at: row.get(2) }, false));
                }
                "done" if fresh == Some(true) => {
                    let body: Value = row.get(3);
                    let code: i32 = row.get(4);
                    return Ok((JobView::Finished { request_id, status: code as u16, body }, false));
                }
                "failed" => {
                    // A failure is reported to one poll; the next poll starts afresh.
                    let reported = client
                        .execute(
                            "UPDATE insights_jobs SET status = 'failed_reported' WHERE request_id = $1 AND status = 'failed'",
                            &[&request_id],
                        )
                        .await
                        .map_err(|e| e.to_string())?;
                    if reported == 1 {
                        let body: Value = row.get(3);
                        let code: Option<i32> = row.get(4);
                        return Ok((JobView::Finished { request_id, status: code.unwrap_or(503) as u16, body }, false));
                    }
                }
                _ => {}
            }
        }
        let groupings: Vec<&str> = job.groupings.iter().map(|g| g.as_str()).collect();
        let inserted = client
            .execute(
                "INSERT INTO insights_jobs (job_key, request_id, client_id, user_id, groupings, status, deadline, data_requested_time)
                 VALUES ($1, $2, $3, $4, $5, 'pending', $6::timestamp + make_interval(secs => $7::float8), $6::timestamp)
                 ON CONFLICT (job_key) WHERE status IN ('pending', 'running') DO NOTHING",
                &[
                    &key,
                    &job.request_id,
                    &job.client_id,
                    &job.user_id,
                    &json!(groupings),
                    &job.requested_at,
                    &job.deadline.as_secs_f64(),
                ],
            )
            .await
            .map_err(|e| e.to_string())?;
        if inserted == 1 {
            return Ok((
                JobView::InProgress { request_id: job.request_id.to_string(), requested_at: job.requested_at },
                true,
            ));
        }
        // Lost a race with another replica's insert: read its job.
    }
    Err("could not create or find the async job".into())
}

struct Claimed {
    request_id: String,
    client_id: String,
    user_id: String,
    groupings: Vec<Grouping>,
    requested_at: NaiveDateTime,
    past_deadline: bool,
    /// Why the previous attempt did not finish, if one failed.
    last_error: Option<String>,
}

async fn claim(pool: &PgPool, owner: &str, lease: Duration) -> Result<Option<Claimed>, String> {
    let client = pool.get().await.map_err(|e| e.to_string())?;
    let row = client
        .query_opt(
            "UPDATE insights_jobs
                SET status = 'running', lease_owner = $1, attempts = attempts + 1,
                    lease_until = (now() AT TIME ZONE 'utc') + make_interval(secs => $2)
              WHERE request_id = (
                    SELECT request_id FROM insights_jobs
                     WHERE status IN ('pending', 'running')
                       AND (lease_until IS NULL OR lease_until < (now() AT TIME ZONE 'utc'))
                     ORDER BY created_at
                     FOR UPDATE SKIP LOCKED
                     LIMIT 1)
          RETURNING request_id, client_id, user_id, groupings, data_requested_time,
                    deadline < (now() AT TIME ZONE 'utc'), error",
            &[&owner, &lease.as_secs_f64()],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.map(|r| {
        let groupings: Value = r.get(3);
        Claimed {
            request_id: r.get(0),
            client_id: r.get(1),
            user_id: r.get(2),
            groupings: groupings
                .as_array()
                .map(|a| a.iter().filter_map(|g| g.as_str().and_then(Grouping::parse)).collect())
                .unwrap_or_default(),
            requested_at: r.get(4),
            past_deadline: r.get(5),
            last_error: r.get(6),
        }
    }))
}

/// Renews the lease; false when the job is no longer ours.
async fn renew(pool: &PgPool, request_id: &str, owner: &str, lease: Duration) -> bool {
    let Ok(client) = pool.get().await else { return true }; // keep going; the next tick retries
    client
        .execute(
            "UPDATE insights_jobs SET lease_until = (now() AT TIME ZONE 'utc') + make_interval(secs => $3)
              WHERE request_id = $1 AND lease_owner = $2 AND status = 'running'",
            &[&request_id, &owner, &lease.as_secs_f64()],
        )
        .await
        .map(|n| n == 1)
        .unwrap_or(true)
}

async fn finish(pool: &PgPool, request_id: &str, owner: &str, status: &str, code: u16, body: &Value, error: Option<&str>) -> Result<bool, String> {
    let client = pool.get().await.map_err(|e| e.to_string())?;
    client
        .execute(
            "UPDATE insights_jobs SET status = $3, result = $4, result_status = $5, error = $6,
                    finished_at = (now() AT TIME ZONE 'utc'), lease_owner = NULL, lease_until = NULL
              WHERE request_id = $1 AND lease_owner = $2",
            &[&request_id, &owner, &status, body, &i32::from(code), &error],
        )
        .await
        .map(|n| n == 1)
        .map_err(|e| e.to_string())
}

async fn retry_later(pool: &PgPool, request_id: &str, owner: &str, after: Duration, error: &str) -> Result<(), String> {
    let client = pool.get().await.map_err(|e| e.to_string())?;
    client
        .execute(
            "UPDATE insights_jobs SET status = 'pending', lease_owner = NULL, error = $3,
                    lease_until = (now() AT TIME ZONE 'utc') + make_interval(secs => $4)
              WHERE request_id = $1 AND lease_owner = $2",
            &[&request_id, &owner, &error, &after.as_secs_f64()],
        )
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The token the worker forwards to the extractor on the caller's behalf
/// (the async job never stores the caller's token).
async fn credentials(pool: &PgPool, client_id: &str) -> Result<Option<Credentials>, String> {
    let client = pool.get().await.map_err(|e| e.to_string())?;
    let row = client
        .query_opt("SELECT auth_token FROM clients WHERE client_id = $1 ORDER BY created_at DESC LIMIT 1", &[&client_id])
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.map(|r| Credentials { client_id: client_id.to_string(), auth_token: r.get(0) }))
}

/// Runs one claimed job to an end state (or back to pending for a retry).
async fn run_job(state: &AppState, owner: &str, job: Claimed) -> Result<(), String> {
    let settings = &state.settings.async_jobs;
    let lease = Duration::from_secs(settings.lease_secs.max(1));
    let pool = &state.pg;
    let outcome = if job.past_deadline {
        Err(PipelineError::Unavailable(job.last_error.clone().unwrap_or_else(|| "no attempt finished in time".into())))
    } else {
        match credentials(pool, &job.client_id).await? {
            None => Err(PipelineError::Failed(format!("client {:?} no longer exists", job.client_id))),
            Some(credentials) => {
                let request = InsightsRequest {
                    request_id: job.request_id.clone(),
                    client_id: job.client_id.clone(),
                    user_id: job.user_id.clone(),
                    groupings: job.groupings.clone(),
                    requested_at: job.requested_at,
                    credentials,
                };
                // Renew the lease while the pipeline runs; stop if it is lost.
                let work = pipeline::run_insights(state, &request);
                tokio::pin!(work);
                let mut ticker = tokio::time::interval(lease / 3);
                ticker.tick().await;
                loop {
                    tokio::select! {
                        result = &mut work => break result,
                        _ = ticker.tick() => {
                            if !renew(pool, &job.request_id, owner, lease).await {
                                tracing::warn!(request_id = %job.request_id, "lost the job lease; another replica took over");
                                return Ok(());
                            }
                        }
                    }
                }
            }
        }
    };

    let (status, code, body, time_to_featurize, time_json, error) = match outcome {
        Ok(o) => ("done", 200, o.body, o.time_to_featurize, o.time_json, None),
        Err(PipelineError::Unavailable(message)) => {
            let deadline_left = {
                let client = pool.get().await.map_err(|e| e.to_string())?;
                let row = client
                    .query_one("SELECT deadline > (now() AT TIME ZONE 'utc') FROM insights_jobs WHERE request_id = $1", &[&job.request_id])
                    .await
                    .map_err(|e| e.to_string())?;
                row.get::<_, bool>(0)
            };
            if deadline_left && !job.past_deadline {
                tracing::warn!(request_id = %job.request_id, %message, "async job will retry");
                return retry_later(pool, &job.request_id, owner, Duration::from_secs(2), &message).await;
            }
            let message = format!("featurization failed: a dependency stayed unavailable until the job's deadline ({message})");
            let body = ApiError::unavailable(&job.request_id, message.clone()).body();
            ("failed", 503, body, 0.0, json!({}), Some(message))
        }
        Err(PipelineError::Failed(message)) => {
            let message = format!("featurization failed: {message}");
            let body = ApiError::Failed { request_id: job.request_id.clone(), message: message.clone() }.body();
            ("failed", 500, body, 0.0, json!({}), Some(message))
        }
    };
    if finish(pool, &job.request_id, owner, status, code, &body, error.as_deref()).await? {
        let groupings = json!(job.groupings.iter().map(|g| g.as_str()).collect::<Vec<_>>());
        let dump = ResponseDump {
            kind: DumpKind::Insights,
            request_id: &job.request_id,
            client_id: &job.client_id,
            user_id: &job.user_id,
            response: &body,
            time_to_featurize,
            time_json: &time_json,
            groupings: Some(&groupings),
        };
        if let Err(error) = dumps::record_response(pool, dump).await {
            tracing::error!(%error, request_id = %job.request_id, "could not record async response dump");
        }
        tracing::info!(request_id = %job.request_id, status, "async job finished");
    }
    Ok(())
}

/// The worker loop of one replica.
pub fn spawn_worker(state: Arc<AppState>) -> tokio::task::JoinHandle<()> {
    let owner = format!("{}-{}", hostname(), uuid::Uuid::new_v4().simple());
    tokio::spawn(async move {
        let lease = Duration::from_secs(state.settings.async_jobs.lease_secs.max(1));
        loop {
            match claim(&state.pg, &owner, lease).await {
                Ok(Some(job)) => {
                    let span = tracing::info_span!("async_job", request_id = %job.request_id);
                    if let Err(error) = run_job(&state, &owner, job).instrument(span).await {
                        tracing::warn!(%error, "async job bookkeeping failed; its lease will expire and it will be retried");
                    }
                }
                Ok(None) => tokio::time::sleep(POLL_INTERVAL).await,
                Err(error) => {
                    tracing::debug!(%error, "could not poll for async jobs");
                    tokio::time::sleep(POLL_INTERVAL * 10).await;
                }
            }
        }
    })
}

fn hostname() -> String {
    std::env::var("HOSTNAME").unwrap_or_else(|_| "replica".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_key_ignores_grouping_order_and_repeats() {
        let a = job_key("acme", "u1", &[Grouping::Sms, Grouping::Fraud]);
        let b = job_key("acme", "u1", &[Grouping::Fraud, Grouping::Sms, Grouping::Sms]);
        assert_eq!(a, b);
        assert_ne!(a, job_key("acme", "u2", &[Grouping::Sms, Grouping::Fraud]));
    }
}
