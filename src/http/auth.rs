//! Client authentication against the `clients` table (contract §3).
//!
//! Tokens are looked up by `client_id` and kept in process memory for
//! `auth.cache_ttl_secs`, so a busy client does not cost a PostgreSQL round
//! trip per call; a revoked token stops working within that TTL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use serde_json::Value;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use crate::db::PgPool;

pub const CLIENT_ID_HEADER: &str = "x-client-id";
pub const AUTH_TOKEN_HEADER: &str = "x-auth-token";

/// The authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub client_id: String,
}

/// When the tokens of one client were read, and what they were.
type CachedTokens = (Instant, Arc<Vec<String>>);

pub struct Auth {
    pool: PgPool,
    ttl: Duration,
    cache: Mutex<HashMap<String, CachedTokens>>,
}

/// What is stored for a failed attempt instead of the token itself.
pub fn token_fingerprint(token: &str) -> String {
    let digest = hex::encode(Sha256::digest(token.as_bytes()));
    format!("sha256:{}", &digest[..16])
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

impl Auth {
    pub fn new(pool: PgPool, ttl: Duration) -> Auth {
        Auth { pool, ttl, cache: Mutex::new(HashMap::new()) }
    }

    /// The tokens registered for `client_id` (cached).
    async fn tokens(&self, client_id: &str) -> Result<Arc<Vec<String>>, String> {
        if let Some((at, tokens)) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(client_id) {
            if at.elapsed() < self.ttl {
                return Ok(tokens.clone());
            }
        }
        let client = self.pool.get().await.map_err(|e| e.to_string())?;
        let sql = "SELECT auth_token FROM clients WHERE client_id = $1";
        let rows = crate::db::postgres::query_cached(&client, sql, &[&client_id]).await.map_err(|e| e.to_string())?;
        let tokens: Arc<Vec<String>> = Arc::new(rows.iter().map(|r| r.get::<_, String>(0)).collect());
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() > 10_000 {
            cache.retain(|_, (at, _)| at.elapsed() < self.ttl);
        }
        cache.insert(client_id.to_string(), (Instant::now(), tokens.clone()));
        Ok(tokens)
    }

    /// Checks the headers (and that the body's `client_id` matches the
    /// header); a failure is logged to `unauthorized_requests` and becomes 401.
    pub async fn authenticate(
        &self,
        req: &HttpRequest,
        body_client_id: Option<&str>,
        raw_body: impl FnOnce() -> Value,
        request_id: &str,
    ) -> Result<Caller, ApiError> {
        let client_id = header(req, CLIENT_ID_HEADER);
        let token = header(req, AUTH_TOKEN_HEADER);
        let reason = match (client_id, token) {
            (None, _) => Some("missing x-client-id header"),
            (_, None) => Some("missing x-auth-token header"),
            (Some(c), _) if body_client_id.is_some_and(|b| b != c) => Some("body client_id differs from x-client-id"),
            (Some(c), Some(t)) => {
                let tokens = self.tokens(c).await.map_err(|e| {
                    ApiError::unavailable(request_id, format!("Could not validate credentials right now: the database is unavailable ({e})."))
                })?;
                // Every candidate is compared, in constant time per candidate.
                let ok = tokens.iter().fold(false, |acc, known| acc | bool::from(known.as_bytes().ct_eq(t.as_bytes())));
                if ok {
                    None
                } else if tokens.is_empty() {
                    Some("unknown client")
                } else {
                    Some("wrong token")
                }
            }
        };
        match reason {
            None => Ok(Caller { client_id: client_id.unwrap_or_default().to_string() }),
            Some(reason) => {
                tracing::warn!(client_id = client_id.unwrap_or(""), reason, "unauthorized request");
                self.log_unauthorized(client_id, token, &raw_body(), request_id).await;
                Err(ApiError::Unauthorized { request_id: request_id.to_string() })
            }
        }
    }

    async fn log_unauthorized(&self, client_id: Option<&str>, token: Option<&str>, body: &Value, request_id: &str) {
        let fingerprint = token.map(token_fingerprint);
        let result = async {
            let client = self.pool.get().await.map_err(|e| e.to_string())?;
            client
                .execute(
                    "INSERT INTO unauthorized_requests (client_id, request_id, auth_token, req_body) VALUES ($1, $2, $3, $4)",
                    &[&client_id, &request_id, &fingerprint, body],
                )
                .await
                .map_err(|e| e.to_string())
        }
        .await;
        if let Err(error) = result {
            tracing::error!(%error, "could not record unauthorized request");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_hides_the_token() {
        let token = "0b6f8f5e-1d2c-4e7a-9a3b-2f1c0d9e8b7a";
        let fp = token_fingerprint(token);
        assert!(fp.starts_with("sha256:"));
        assert_eq!(fp.len(), "sha256:".len() + 16);
        assert!(!fp.contains(&token[..8]));
        assert_eq!(fp, token_fingerprint(token));
    }
}
