//! The engine never panics, whatever the input. `fuzz_one` is the same
//! harness as the cargo-fuzz target `fuzz/fuzz_targets/extract.rs`, so the
//! fuzz corpus can be replayed on stable Rust with proptest.

use mobileforge::sms::{Engine, SmsInput};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin().expect("built-in rules"))
}

/// Same as the fuzz target: split bytes into sender / body and extract.
fn fuzz_one(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let (sender, body) = match s.find('\n') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => ("", &s[..]),
    };
    let x = engine().extract(sender, body);
    // invariants
    assert_eq!(x.transaction, x.transaction_nlp);
    assert_eq!(x.is_transactional, x.sms_type.is_some_and(|t| t.is_transactional()));
    assert_eq!(x.is_classified, x.sms_type.is_some());
    assert_eq!(x.acc_number_nlp, x.account_last_digits.as_ref().map(|d| format!("x{d}")));
    assert_eq!(x.template_hash.len(), 16);
    if let Some(v) = x.transaction {
        assert!(v.is_finite());
    }
    let _ = serde_json::to_string(&x).unwrap();
}

fn bank_like() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Rs.", "INR", "\u{20b9}", "debited", "credited", "A/c", "XX1234", "**99", "on", "at", "to", "from", "Avl Bal",
        "Avl Limit", "OTP", "is", "spent", "refund", "UPI/DR/", "/", "-", ":", "1,23,456.78", "500", "22sep25",
        "05-11-25", "2025-11-05", "9876543210", "@ybl", "credit card", "due", "Total Due", "will be debited", "\n",
        "\u{0930}\u{0941}\u{092a}\u{092f}\u{0947}", "\u{1F4B0}", "\u{1d5cc}\u{1d5c9}", "..", "***", "(", ")", ";", "~",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_strings(sender in ".{0,20}", body in ".{0,400}") {
        let x = engine().extract(&sender, &body);
        prop_assert_eq!(x.transaction, x.transaction_nlp);
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..600)) {
        fuzz_one(&data);
    }

    #[test]
    fn never_panics_on_bank_like_text(sender in "[A-Z]{2}-[A-Z]{6}(-[STPG])?", body in bank_like()) {
        fuzz_one(format!("{sender}\n{body}").as_bytes());
    }

    /// `extract_all` (stages over a group, two scans in lockstep) gives each
    /// message exactly what `extract` gives it alone, whatever the mix of
    /// lengths, and across group boundaries (up to 150 messages, groups of 64).
    #[test]
    fn a_batch_equals_one_message_at_a_time(msgs in prop::collection::vec(
        ("[A-Z]{2}-[A-Z]{6}(-[STPG])?|.{0,12}", prop_oneof![bank_like(), ".{0,300}"]), 0..150)) {
        let batch = engine().extract_all(&msgs);
        prop_assert_eq!(batch.len(), msgs.len());
        for ((sender, body), x) in msgs.iter().zip(&batch) {
            prop_assert_eq!(x, &engine().extract(sender, body));
        }
    }

    #[test]
    fn extract_one_round_trips(body in ".{0,200}") {
        let input = SmsInput { sms_id: serde_json::json!("id"), sms_sender: "AX-HDFCBK-S".into(), sms_body: body, sms_inbox_date: serde_json::Value::Null };
        let r = engine().extract_one(input.clone());
        prop_assert_eq!(&r.input, &input);
        let line = serde_json::to_string(&r).unwrap();
        let back: mobileforge::sms::ExtractionResult = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(back.input.sms_body, input.sms_body);
    }
}

#[test]
fn edge_inputs() {
    let e = engine();
    let _ = e.extract("", "");
    let big = "Rs.1,000.00 debited from A/c XX1234 at SHOP on 01-01-26. ".repeat(2000); // ~110 KB
    let x = e.extract("AX-HDFCBK-S", &big);
    assert_eq!(x.transaction, Some(1000.0));
    let _ = e.extract("AX-HDFCBK-S", &"9".repeat(100_000));
    let _ = e.extract("AX-HDFCBK-S", &"Rs.".repeat(30_000));
    let _ = e.extract("AX-HDFCBK-S", &"at ".repeat(30_000));
    let _ = e.extract("\u{1F600}\u{1F600}", "\u{1F4B8} \u{20b9}\u{0968}\u{0966}\u{0966} \u{0921}\u{0947}\u{092c}\u{093f}\u{091f} \u{0939}\u{0941}\u{0906} A/c XX12");
    let _ = e.extract("AX-HDFCBK-S", "\u{0916}\u{093e}\u{0924}\u{093e} \u{0938}\u{0902}\u{0916}\u{094d}\u{092f}\u{093e} XX1234 \u{0938}\u{0947} \u{0930}\u{0941}. 500 \u{0921}\u{0947}\u{092c}\u{093f}\u{091f}");
    let _ = e.extract("AX-HDFCBK-S", "Rs.99999999999999999999999999999999999999 debited");
    let _ = e.extract("-", "Rs.\u{0}\u{0}1\u{feff}2");
    let _ = e.extract("AB-", "x");
    let _ = e.extract("A-B-C-D", "\r\n\t");
    fuzz_one(&[0xff, 0xfe, b'\n', 0xc3]);
}

/// Found by `cargo fuzz run extract` (fuzz/README.md): a 20-digit run used to
/// overflow the fast-path mantissa (a panic with overflow checks on).
#[test]
fn twenty_digit_numbers_do_not_overflow() {
    let engine = mobileforge::sms::Engine::builtin().unwrap();
    let x = engine.extract("", "rs55555555555555575555s55555555555555575p_emi?5555555-56");
    assert!(x.transaction.is_none_or(f64::is_finite));
    let x = engine.extract("AX-HDFCBK", "Rs.99999999999999999999 debited from A/c XX1234");
    assert!(x.transaction.is_none_or(|v| (v - 1e20).abs() < 1e6), "{:?}", x.transaction);
    let x = engine.extract("AX-HDFCBK", "Rs.1234567890123456.50 debited from A/c XX1234");
    assert!(x.transaction.is_none_or(|v| (v - 1234567890123456.5).abs() < 1.0), "{:?}", x.transaction);
}

/// Found by `cargo fuzz run extract`: a counterparty scan that stopped inside
/// a multi-byte character made the engine slice a `str` off a char boundary.
#[test]
fn party_spans_stay_on_char_boundaries() {
    let engine = mobileforge::sms::Engine::builtin().unwrap();
    // The crash file's bytes, read as the harness reads them.
    let crash: &[u8] = &[0xd3, 0x74, 0x6f, 0x40, 0x63, 0x61, 0x73, 0x68, 0x62, 0x61, 0x63, 0x6b, 0x88, 0x00, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xac, 0xac, 0xac, 0xac, 0xac, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0x5f, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0xfc, 0x09, 0x09, 0x00, 0x00, 0x00, 0x00, 0xaa, 0xe2, 0x82, 0xb9, 0x31, 0x7e];
    let body = String::from_utf8_lossy(crash);
    let _ = engine.extract("", &body);
    // The same shape with Devanagari and the rupee sign, as real SMS carry them.
    let hindi = format!("Rs 500 paid to {}@ybl {} \u{20b9}1", "\u{0930}\u{093e}\u{092e}".repeat(30), "\u{0915}".repeat(40));
    let _ = engine.extract("AX-HDFCBK", &hindi);
}
