//! A fixed set of threads, one per core, for the CPU-bound part of a
//! request: the SMS engine and the JSON encoding of its results.
//!
//! Why not tokio's blocking pool (`web::block`): it starts a thread for each
//! concurrent task and lets idle ones exit, so a batch's chunks keep landing
//! on threads whose allocator heap and caches are cold: fresh pages the
//! kernel zero-fills on first touch (`clear_page_erms`, ~6% of `serve sms`'s
//! CPU under `scripts/load`), and the regex caches handed between threads.
//! Here the same few threads do all of it, and a job waits in the queue
//! instead of competing for the cores with the others.
//!
//! Measured on `scripts/load`'s user (5,000 SMS; CPU time per insights
//! request over 20 requests, builds alternating twice): `serve sms` 23–24 →
//! 20–21 ms, `serve insights` (which parses the extractor's answers here)
//! 44–45 → 34–36 ms; the extraction stage's median 24–25 → 21–22 ms.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

pub struct CpuPool {
    queue: Sender<Job>,
}

/// The job could not finish (it panicked): the caller answers 500.
#[derive(Debug, thiserror::Error)]
#[error("the job panicked")]
pub struct JobFailed;

impl CpuPool {
    /// A pool of `threads` threads named `{name}-{i}`.
    pub fn new(threads: usize, name: &str) -> std::io::Result<CpuPool> {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads.max(1) {
            let rx = Arc::clone(&rx);
            std::thread::Builder::new().name(format!("{name}-{i}")).spawn(move || work(&rx))?;
        }
        Ok(CpuPool { queue: tx })
    }

    /// The process's pool: one thread per core, started on first use.
    pub fn global() -> &'static CpuPool {
        static POOL: OnceLock<CpuPool> = OnceLock::new();
        POOL.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            CpuPool::new(cores, "engine").expect("cannot start the engine threads")
        })
    }

    /// Queues `f` for one of the pool's threads now (not when the future is
    /// first polled: several jobs queued in a row run side by side); the
    /// future resolves with its result.
    pub fn run<R: Send + 'static>(
        &self,
        f: impl FnOnce() -> R + Send + 'static,
    ) -> impl std::future::Future<Output = Result<R, JobFailed>> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            // a dropped sender (the job panicked) tells the caller
            if let Ok(out) = catch_unwind(AssertUnwindSafe(f)) {
                let _ = tx.send(out);
            }
        });
        let queued = self.queue.send(job).map_err(|_| JobFailed);
        async move {
            queued?;
            rx.await.map_err(|_| JobFailed)
        }
    }
}

fn work(rx: &Mutex<Receiver<Job>>) {
    loop {
        // the lock is held only while waiting for the next job
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(),
            Err(_) => return, // the pool is gone
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_run_on_the_pools_threads_and_a_panic_is_an_error() {
        let pool = CpuPool::new(2, "test-pool").unwrap();
        let name = pool.run(|| std::thread::current().name().map(str::to_string)).await.unwrap();
        assert!(name.unwrap().starts_with("test-pool-"));
        let jobs: Vec<_> = (0..20u64).map(|i| pool.run(move || i * i)).collect();
        let out: Vec<u64> = futures::future::join_all(jobs).await.into_iter().map(Result::unwrap).collect();
        assert_eq!(out, (0..20u64).map(|i| i * i).collect::<Vec<_>>());
        assert!(pool.run(|| panic!("boom")).await.is_err());
        // queued when called, not when awaited: the second job runs while the first waits
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let first = pool.run(move || rx.recv_timeout(std::time::Duration::from_secs(10)).is_ok());
        let second = pool.run(move || tx.send(()).is_ok());
        assert!(first.await.unwrap());
        assert!(second.await.unwrap());
        // the thread survived the panic
        assert_eq!(pool.run(|| 7).await.unwrap(), 7);
        assert_eq!(pool.run(|| 8).await.unwrap(), 8);
    }
}
