//! Per-client-IP rate limit on `/api` routes (contract §3: 429 with `Retry-After`).
//!
//! A fixed one-minute window per IP, kept in process memory: each replica
//! enforces the limit for the traffic it sees, which is what a per-IP flood
//! guard needs; no shared store is involved on the hot path.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use super::error::ApiError;

const WINDOW_SECS: u64 = 60;

pub struct RateLimiter {
    limit: u32,
    trust_forwarded_for: bool,
    windows: Mutex<HashMap<IpAddr, (u64, u32)>>,
}

impl RateLimiter {
    pub fn new(limit_per_minute: u32, trust_forwarded_for: bool) -> RateLimiter {
        RateLimiter { limit: limit_per_minute, trust_forwarded_for, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one request from `ip` at `now_secs`; `Err(retry_after_secs)` when over the limit.
    pub fn check(&self, ip: IpAddr, now_secs: u64) -> Result<(), u64> {
        let window = now_secs / WINDOW_SECS;
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (w, _)| *w == window);
        }
        let entry = windows.entry(ip).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= self.limit {
            return Err((window + 1) * WINDOW_SECS - now_secs);
        }
        entry.1 += 1;
        Ok(())
    }

    fn client_ip(&self, req: &ServiceRequest) -> Option<IpAddr> {
        let info = req.connection_info();
        let text = if self.trust_forwarded_for { info.realip_remote_addr() } else { info.peer_addr() };
        let text = text?;
        text.parse::<IpAddr>()
            .ok()
            .or_else(|| text.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
            .or_else(|| text.trim_start_matches('[').split(']').next()?.parse().ok())
    }
}

pub async fn rate_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Some(limiter) = req.app_data::<web::Data<RateLimiter>>() {
        if let Some(ip) = limiter.client_ip(&req) {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            if let Err(retry_after_secs) = limiter.check(ip, now) {
                tracing::warn!(%ip, "rate limit exceeded");
                let err = ApiError::RateLimited { retry_after_secs, limit: limiter.limit };
                let response = actix_web::ResponseError::error_response(&err);
                return Ok(req.into_response(response).map_into_right_body());
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_limits_and_resets() {
        let rl = RateLimiter::new(3, false);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        for _ in 0..3 {
            assert!(rl.check(ip, 120).is_ok());
        }
        assert_eq!(rl.check(ip, 130), Err(50));
        assert!(rl.check(other, 130).is_ok(), "limits are per IP");
        assert!(rl.check(ip, 180).is_ok(), "a new minute starts a new window");
    }
}
