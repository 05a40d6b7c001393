//! cargo-fuzz target: arbitrary bytes → (sender, body) → Engine::extract must
//! not panic, and the batch path (`extract_all`, two messages in lockstep)
//! must give the same result. The same harness runs on stable Rust as a proptest in
//! `tests/sms_properties.rs` (`fuzz_one`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mobileforge::sms::Engine;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin().expect("built-in rules"))
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let (sender, body) = match s.find('\n') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => ("", &s[..]),
    };
    let x = engine().extract(sender, body);
    assert_eq!(x.transaction, x.transaction_nlp);
    let pair = engine().extract_all(&[(sender, body), (body, sender)]);
    assert_eq!(pair[0], x);
    assert_eq!(pair[1], engine().extract(body, sender));
    let _ = debug_len(&x);
});

fn debug_len(x: &mobileforge::sms::Extraction) -> usize {
    format!("{x:?}").len()
}
