//! How steady this machine's CPU is right now: one thread per core runs
//! the same fixed task (~15 ms on the 2-vCPU machine of BENCHMARKS.md) over
//! and over, and the spread of its run times is printed. The task is a
//! fixed number of steps, not calibrated at start, so its p50 can be
//! compared between runs. On a quiet machine p99/p50 is ~1.05; a shared VM
//! with a busy neighbour shows 1.3 and more, and then every latency
//! percentile measured alongside is inflated too.
//!
//! `scripts/load` runs it before and after its `wrk` run, so the figures it
//! prints can be read against the state of the machine. By hand:
//! `cargo run --release --example cpu_steadiness [ROUNDS]`.

use std::time::Instant;

/// Steps of [`work`] per run.
const STEPS: u64 = 13_000_000;

/// A dependent chain of multiplications: no memory traffic, no branches
/// worth predicting, so its time only moves when the core is taken away.
fn work(n: u64) -> u64 {
    let mut x = 1u64;
    for i in 0..n {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(i ^ (x >> 17));
    }
    x
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(150);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            std::thread::spawn(move || {
                (0..rounds)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(work(std::hint::black_box(STEPS)));
                        t.elapsed().as_secs_f64() * 1e3
                    })
                    .collect::<Vec<f64>>()
            })
        })
        .collect();
    let mut times: Vec<f64> = handles.into_iter().flat_map(|h| h.join().expect("worker thread")).collect();
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "cpu steadiness: {threads} threads x {rounds} runs of a fixed task: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, p99/p50 {:.2}",
        at(0.5),
        at(0.99),
        at(1.0),
        at(0.99) / at(0.5)
    );
}
