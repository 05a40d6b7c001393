//! JSON for the bulk paths: the `/api/extract` batches (request and
//! response, up to ~1 MB each) and their parsing in the insights role.
//!
//! These run through `sonic-rs` (SIMD JSON, serde-compatible) instead of
//! `serde_json`: on a 1,000-SMS batch it encodes the response in 0.51 ms
//! instead of 0.97 ms and parses it in 0.76 ms instead of 1.41 ms (BENCHMARKS.md),
//! and a 5,000-SMS insights request makes ten such passes. The bytes written
//! are the same as `serde_json`'s (a test below checks this on real
//! results), so the wire format does not depend on the choice.
//!
//! Everything else (small bodies, user-facing parse errors whose wording the
//! 422 answers quote) stays on `serde_json`.

use serde::{de::DeserializeOwned, Serialize};

/// Appends `value`, encoded as compact JSON, to `out` (give `out` the
/// capacity of a large answer up front, and it is not copied again each
/// time the buffer doubles).
pub fn write_into<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), sonic_rs::Error> {
    sonic_rs::to_writer(out, value)
}

/// What [`write_into`] writes into an empty buffer. Only the tests need the
/// encoding on its own: the bulk paths all write into a presized buffer.
#[cfg(test)]
pub(crate) fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, sonic_rs::Error> {
    let mut out = Vec::new();
    write_into(&mut out, value)?;
    Ok(out)
}

/// Decodes one JSON value of type `T` (UTF-8 is validated, trailing data refused).
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, sonic_rs::Error> {
    sonic_rs::from_slice(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sms::{model::Extraction, Engine, SmsInput};
    use serde_json::json;

    fn inputs() -> Vec<SmsInput> {
        let bodies = [
            "dear upi user a/c x3028 debited by 80.0 on date 22sep25 trf to vinod kumar sah refno 000000642062",
            "Rs.1,23,456.78 credited to A/c XX1234 on 05-11-25 by NEFT from ACME PVT LTD. Avl Bal Rs 2,00,000.50",
            "Your OTP is 482913 for txn of INR 500. Do not share. \u{20b9} \"quoted\" \\ back\\slash \u{1F600} \u{0928}\u{092E}\u{0938}\u{094D}\u{0924}\u{0947}",
            "EMI of Rs 4,999/- for loan ac **5678 bounced. Pay by 2025-11-05 to avoid charges.\n\tline two\u{0001}",
            "",
        ];
        bodies
            .iter()
            .enumerate()
            .map(|(i, b)| SmsInput {
                sms_id: if i % 2 == 0 { json!(format!("id-{i}")) } else { json!(i as u64 * 1_000_000_007) },
                sms_sender: ["VM-SBIUPI-S", "AX-HDFCBK", "JD-ICICIT-T", "hdfcbk", ""][i].to_string(),
                sms_body: b.to_string(),
                sms_inbox_date: if i == 3 { json!(1.5e12) } else { json!("2025-11-05 10:00:00") },
            })
            .collect()
    }

    #[test]
    fn encodes_extraction_results_byte_for_byte_like_serde_json() {
        let engine = Engine::builtin().expect("built-in rules load");
        let results: Vec<_> = inputs().into_iter().map(|s| engine.extract_one(s)).collect();
        assert!(results.iter().any(|r| r.extraction.transaction.is_some()), "the sample has money in it");
        let ours = to_vec(&json!({ "results": &results })).unwrap();
        let mut appended = b"[0,".to_vec();
        write_into(&mut appended, &json!({ "results": &results })).unwrap();
        assert_eq!(appended, [b"[0,".as_slice(), &ours].concat(), "appends, leaving what was there");
        let reference = serde_json::to_vec(&json!({ "results": &results })).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(reference).unwrap());
    }

    #[test]
    fn floats_and_non_finite_values_encode_like_serde_json() {
        for v in [0.1, 80.0, 123456.78, 1e21, 1e-7, -0.0, f64::MAX, f64::MIN_POSITIVE, f64::NAN, f64::INFINITY] {
            assert_eq!(to_vec(&v).unwrap(), serde_json::to_vec(&v).unwrap(), "{v}");
        }
    }

    #[test]
    fn decodes_what_serde_json_decodes_and_refuses_what_it_refuses() {
        let engine = Engine::builtin().expect("built-in rules load");
        let results: Vec<_> = inputs().into_iter().map(|s| engine.extract_one(s)).collect();
        let bytes = serde_json::to_vec(&results).unwrap();
        let ours: Vec<Extraction> = from_slice(&bytes).unwrap();
        let reference: Vec<Extraction> = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(serde_json::to_value(&ours).unwrap(), serde_json::to_value(&reference).unwrap());
        for bad in [&b"[{\"amount\": 1}"[..], b"[] x", b"[\"\xff\"]", b"", b"{\"a\":}"] {
            assert!(from_slice::<serde_json::Value>(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
