//! Engine throughput under two rule-file sets, without a rebuild:
//! `cargo run --release --example rules_time -- <dir with classification.toml
//! and patterns.toml> <corpus.jsonl with sender/body>`. Prints the best of 30
//! `extract_all` passes (SMS/s). Run two directories back to back, twice, and
//! compare: a single run on this shared VM drifts by ±10% or more.
use mobileforge::sms::{Engine, RulePaths};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(corpus)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: rules_time <rules dir> <corpus.jsonl>");
        std::process::exit(2);
    };
    let paths = RulePaths {
        senders: None,
        classification: Some(format!("{dir}/classification.toml").into()),
        patterns: Some(format!("{dir}/patterns.toml").into()),
    };
    let engine = Engine::load(&paths).unwrap_or_else(|e| panic!("{dir}: {e}"));
    let text = std::fs::read_to_string(corpus).unwrap_or_else(|e| panic!("{corpus}: {e}"));
    let msgs: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| (v["sender"].as_str().unwrap_or("").to_string(), v["body"].as_str().unwrap_or("").to_string()))
        .collect();
    let mut best = f64::MAX;
    for _ in 0..30 {
        let t = Instant::now();
        std::hint::black_box(engine.extract_all(&msgs));
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{dir}: {} SMS, best {:.2} ms, {:.0} SMS/s", msgs.len(), best * 1e3, msgs.len() as f64 / best);
}
