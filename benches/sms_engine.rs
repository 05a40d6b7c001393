//! Single-thread throughput of the SMS engine over the public corpus bodies
//! (read from `../shared/corpus/sms_public.jsonl`, or `SMS_CORPUS`; a small
//! built-in sample is used when the corpus is absent). Reported as SMS/second,
//! one message at a time (`extract`) and in batches (`extract_all`, the
//! path of the API and the CLI).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use mobileforge::sms::Engine;

fn messages() -> Vec<(String, String)> {
    let path = std::env::var("SMS_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/sms_public.jsonl").to_string());
    let mut out = Vec::new();
    if let Ok(data) = std::fs::read_to_string(&path) {
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                out.push((v["sender"].as_str().unwrap_or("").to_string(), v["body"].as_str().unwrap_or("").to_string()));
            }
        }
    }
    if out.is_empty() {
        eprintln!("corpus not found at {path}; benchmarking a built-in sample");
        out = vec![
            ("AX-HDFCBK-S".into(), "Rs.500.00 debited from A/c XX1234 on 20-Oct-25 to merchant@upi (UPI Ref No 123456789012)".into()),
            ("JM-ICICIT-S".into(), "INR 500.00 spent using ICICI Bank Card XX5678 on 06-Sep-25 on Swiggy. Avl Limit: INR 1,50,000.00.".into()),
            ("VM-PNBSMS-S".into(), "Ac XX7582 Credited with Rs.4750.00 11-07-2025 08:53:21 thru UPI . Aval Bal Rs.82431.67 CR.".into()),
            ("XY-BDNSMS-S".into(), "Your Bandhan Bank OTP is 123456. Do not share with anyone.".into()),
        ];
    }
    out
}

fn bench(c: &mut Criterion) {
    let engine = Engine::builtin().expect("built-in rules");
    let msgs = messages();
    let mut g = c.benchmark_group("sms_engine");
    g.throughput(Throughput::Elements(msgs.len() as u64));
    g.bench_function("extract_corpus_pass", |b| {
        b.iter(|| {
            for (s, body) in &msgs {
                black_box(engine.extract(black_box(s), black_box(body)));
            }
        })
    });
    // The path `/api/extract` and `sms extract` take: groups of messages go
    // through the engine stage by stage (`Engine::extract_all`).
    g.bench_function("extract_all_corpus_batch", |b| {
        b.iter(|| black_box(engine.extract_all(black_box(&msgs))))
    });
    // The same messages, each extracted 16 times in a row: the gap to the
    // corpus pass is what switching templates costs in cache and branch
    // predictor misses (see BENCHMARKS.md), not work.
    g.throughput(Throughput::Elements(16 * msgs.len() as u64));
    g.bench_function("extract_each_message_16x_in_a_row", |b| {
        b.iter(|| {
            for (s, body) in &msgs {
                for _ in 0..16 {
                    black_box(engine.extract(black_box(s), black_box(body)));
                }
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
