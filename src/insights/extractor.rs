//! Client of the SMS Extraction API (`SMS_EXTRACTOR_SERVICE_URL`).
//!
//! SMS go in batches of `SMS_EXTRACTOR_BATCH_SIZE`, several batches in
//! flight, each call with a timeout and retried with exponential backoff on
//! 5xx, timeouts and connection errors. Results come back in input order.
//!
//! Only the extraction fields of each result are parsed: the contract has the
//! extractor echo every input (`sms_id`, `sms_body`, …), which we hold
//! already, so those are skipped instead of allocated again. Responses are
//! parsed on the engine threads ([`CpuPool`]), so the batches in flight parse
//! in parallel instead of one after another on the request's worker thread.

use std::time::Duration;

use futures::stream::{self, StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};

use crate::config::ExtractorSettings;
use crate::http::auth::{AUTH_TOKEN_HEADER, CLIENT_ID_HEADER};
use crate::http::cpu_pool::CpuPool;
use crate::sms::model::{Extraction, SmsInput};

#[derive(Debug, thiserror::Error)]
pub enum ExtractorError {
    /// Down, timing out or answering 5xx after every retry: worth retrying later.
    #[error("SMS extractor unavailable: {0}")]
    Unavailable(String),
    /// The extractor refused the request (4xx) or answered nonsense: retrying will not help.
    #[error("SMS extractor rejected the request: {0}")]
    Rejected(String),
}

/// The caller's credentials, forwarded to the extractor.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub client_id: String,
    pub auth_token: String,
}

#[derive(Clone)]
pub struct ExtractorClient {
    http: reqwest::Client,
    url: String,
    batch_size: usize,
    concurrency: usize,
    retries: u32,
}

/// The part of an `/api/extract` answer we read (unknown and echoed fields are skipped).
#[derive(Deserialize)]
struct ExtractResponse {
    results: Vec<Extraction>,
}

/// The body of one `/api/extract` call, serialised straight from borrowed data.
#[derive(Serialize)]
struct ExtractRequest<'a> {
    client_id: &'a str,
    user_id: &'a str,
    sms: &'a [SmsInput],
}

impl ExtractorClient {
    pub fn new(settings: &ExtractorSettings) -> anyhow::Result<ExtractorClient> {
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(5)))
            .pool_max_idle_per_host(settings.concurrency * 4)
            .build()?;
        Ok(ExtractorClient {
            http,
            url: format!("{}/api/extract", settings.url),
            batch_size: settings.batch_size,
            concurrency: settings.concurrency,
            retries: settings.retries,
        })
    }

    /// Extracts every SMS; the output has the input's length and order
    /// (pair it with the inputs: `sms[i]` ↔ `output[i]`).
    pub async fn extract_all(
        &self,
        sms: &[SmsInput],
        user_id: &str,
        credentials: &Credentials,
    ) -> Result<Vec<Extraction>, ExtractorError> {
        if sms.is_empty() {
            return Ok(Vec::new());
        }
        let expected = sms.len();
        // Futures built eagerly (a plain iterator; a stream of borrowing
        // closures would not be Send), run `concurrency` at a time. A slot is
        // refilled as soon as any batch is done, not only the oldest: with
        // `buffered`, a batch waiting for an earlier, slower one kept the
        // next batch from starting (the last batch then ran alone, ~3 ms of a
        // 5,000-SMS request).
        let calls: Vec<_> = sms
            .chunks(self.batch_size)
            .enumerate()
            .map(|(i, batch)| async move { self.extract_batch(batch, user_id, credentials).await.map(|r| (i, r)) })
            .collect();
        let mut results: Vec<(usize, Vec<Extraction>)> =
            stream::iter(calls).buffer_unordered(self.concurrency).try_collect().await?;
        results.sort_unstable_by_key(|(i, _)| *i);
        // Sized up front: a `flat_map` collect cannot know the total and
        // regrew (and copied) a 5,000-result vector several times.
        let mut flat: Vec<Extraction> = Vec::with_capacity(expected);
        for (_, r) in results {
            flat.extend(r);
        }
        if flat.len() != expected {
            return Err(ExtractorError::Rejected(format!("sent {expected} SMS, got {} results", flat.len())));
        }
        Ok(flat)
    }

    async fn extract_batch(
        &self,
        batch: &[SmsInput],
        user_id: &str,
        credentials: &Credentials,
    ) -> Result<Vec<Extraction>, ExtractorError> {
        // Sized for the whole batch, so the ~240 KB body is not regrown as it
        // is written: besides body and sender, a seeded SMS takes ~90 bytes
        // (keys, id, date, quotes), so the estimate errs high.
        let mut encoded = Vec::with_capacity(256 + batch.iter().map(|s| s.sms_body.len() + s.sms_sender.len() + 128).sum::<usize>());
        crate::json::write_into(&mut encoded, &ExtractRequest { client_id: &credentials.client_id, user_id, sms: batch })
            .map_err(|e| ExtractorError::Rejected(format!("could not encode the batch: {e}")))?;
        let body = actix_web::web::Bytes::from(encoded);
        let mut last_error = String::new();
        for attempt in 0..=self.retries {
            if attempt > 0 {
                let backoff = Duration::from_millis(100 * (1 << (attempt - 1).min(6)));
                tokio::time::sleep(backoff).await;
            }
            let response = self
                .http
                .post(&self.url)
                .header(CLIENT_ID_HEADER, &credentials.client_id)
                .header(AUTH_TOKEN_HEADER, &credentials.auth_token)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone())
                .send()
                .await;
            match response {
                Ok(r) if r.status().is_success() => {
                    let bytes = read_body(r)
                        .await
                        .map_err(|e| ExtractorError::Unavailable(format!("response cut short: {e}")))?;
                    let parsed: ExtractResponse =
                        CpuPool::global()
                            .run(move || crate::json::from_slice::<ExtractResponse>(&bytes))
                            .await
                            .map_err(|e| ExtractorError::Rejected(format!("response parser failed: {e}")))?
                            .map_err(|e| ExtractorError::Rejected(format!("unreadable response: {e}")))?;
                    if parsed.results.len() != batch.len() {
                        return Err(ExtractorError::Rejected(format!(
                            "sent {} SMS, got {} results",
                            batch.len(),
                            parsed.results.len()
                        )));
                    }
                    return Ok(parsed.results);
                }
                Ok(r) if r.status().is_server_error() || r.status().as_u16() == 429 => {
                    last_error = format!("HTTP {}", r.status());
                }
                Ok(r) => {
                    let status = r.status();
                    let text = r.text().await.unwrap_or_default();
                    return Err(ExtractorError::Rejected(format!(
                        "HTTP {status}: {}",
                        text.chars().take(300).collect::<String>()
                    )));
                }
                Err(e) => last_error = e.to_string(),
            }
            tracing::warn!(attempt, error = %last_error, "extractor call failed");
        }
        Err(ExtractorError::Unavailable(format!("{} after {} attempts", last_error, self.retries + 1)))
    }
}

/// The whole body of `response`, read into one buffer of its declared
/// length. (`Response::bytes` joins the chunks in a buffer that starts small
/// and regrows, copying an ~800 KB answer several times.)
async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, reqwest::Error> {
    // capped, so a wrong header cannot make us reserve gigabytes
    let declared = response.content_length().unwrap_or(0).min(64 << 20) as usize;
    let mut out = Vec::with_capacity(declared);
    while let Some(chunk) = response.chunk().await? {
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{web, App, HttpResponse, HttpServer};
    use serde_json::{json, Value};

    /// An extractor whose answers come back out of order: the first batch
    /// is answered last. Each result names its SMS in `sender_name`.
    async fn slow_first_batch(body: web::Json<Value>) -> HttpResponse {
        let sms = body["sms"].as_array().cloned().unwrap_or_default();
        if sms.first().and_then(|s| s["sms_id"].as_str()) == Some("0") {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        let results: Vec<Value> = sms.iter().map(|s| json!({ "sender_name": s["sms_id"] })).collect();
        HttpResponse::Ok().json(json!({ "results": results }))
    }

    #[actix_web::test]
    async fn results_keep_the_input_order_when_batches_finish_out_of_order() {
        let server = HttpServer::new(|| App::new().route("/api/extract", web::post().to(slow_first_batch)))
            .workers(2)
            .bind(("127.0.0.1", 0))
            .expect("bind");
        let port = server.addrs()[0].port();
        let handle = server.run();
        let running = handle.handle();
        tokio::spawn(handle);

        let client = ExtractorClient::new(&ExtractorSettings {
            url: format!("http://127.0.0.1:{port}"),
            batch_size: 10,
            concurrency: 4,
            timeout: Duration::from_secs(5),
            retries: 0,
        })
        .expect("client");
        let sms: Vec<SmsInput> = (0..55)
            .map(|i| SmsInput {
                sms_id: Value::String(i.to_string()),
                sms_sender: "AX-TEST".into(),
                sms_body: format!("message {i}"),
                sms_inbox_date: Value::Null,
            })
            .collect();
        let credentials = Credentials { client_id: "c".into(), auth_token: "t".into() };
        let out = client.extract_all(&sms, "u", &credentials).await.expect("extracted");
        let names: Vec<String> = out.into_iter().map(|e| e.sender_name.unwrap_or_default()).collect();
        let expected: Vec<String> = (0..55).map(|i| i.to_string()).collect();
        assert_eq!(names, expected);
        running.stop(true).await;
    }
}
