//! `template_hash` copies tokens eight bytes at a time; this checks it
//! against the plain byte-by-byte masking it replaced (kept here as the
//! reference), on text made of the bytes that matter to it: every ASCII
//! whitespace byte and the vertical tab (which is not one), digits, `@`,
//! multi-byte characters, tokens longer and shorter than eight bytes, with
//! and without a counterparty span. (The eight-byte path may stop a token
//! early and leave the rest to the byte loop, which gives the same output;
//! what it must never do is miss a whitespace byte, and that is what fails
//! here.)

use mobileforge::sms::template::template_hash;
use proptest::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

/// The byte loop `template_hash` used before the eight-byte copy.
fn reference(low: &str, party: Option<(usize, usize)>) -> String {
    let b = low.as_bytes();
    let n = b.len();
    let ws = |c: u8| c.is_ascii_whitespace();
    let (ps, pe) = party.unwrap_or((usize::MAX, usize::MAX));
    let mask_party = party.is_some() && pe > ps;
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    let mut pending_space = false;
    while i < n {
        if mask_party && i == ps {
            if pending_space && !out.is_empty() {
                out.push(b' ');
            }
            pending_space = false;
            out.extend_from_slice(b"<p>");
            i = pe;
            continue;
        }
        if ws(b[i]) {
            pending_space = true;
            i += 1;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(b' ');
        }
        pending_space = false;
        let lim = if ps > i && ps < n { ps } else { n };
        let tok = out.len();
        let (mut digit, mut at) = (false, false);
        while i < lim && !ws(b[i]) {
            digit |= b[i].is_ascii_digit();
            at |= b[i] == b'@';
            out.push(b[i]);
            i += 1;
        }
        if at {
            out.truncate(tok);
            out.extend_from_slice(b"<vpa>");
        } else if digit {
            out.truncate(tok);
            out.push(b'#');
        }
    }
    format!("{:016x}", xxh3_64(&out))
}

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "a", "b", "xyz", "rs.", "0", "9", "12", "@", "x@ok", "/", ".", ",",
        "longtokenwithoutdigits", "longtoken9withdigit", "abcdefg", "abcdefgh", "abcdefghi", "1234567", "12345678",
        "é", "\u{20b9}", "\u{1F4B0}", "\u{0930}\u{0941}", ":", "(", "*",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn eight_bytes_at_a_time_hashes_as_the_byte_loop(low in text(), a in 0usize..400, b in 0usize..400, with_party in any::<bool>()) {
        prop_assert_eq!(template_hash(&low, None), reference(&low, None));
        if with_party {
            let (s, e) = (a.min(b).min(low.len()), a.max(b).min(low.len() + 2));
            prop_assert_eq!(template_hash(&low, Some((s, e))), reference(&low, Some((s, e))), "party {}..{}", s, e);
        }
    }

    #[test]
    fn arbitrary_text_hashes_as_the_byte_loop(low in "\\PC{0,200}") {
        prop_assert_eq!(template_hash(&low, None), reference(&low, None));
    }
}

#[test]
fn whitespace_kinds_and_long_tokens() {
    // `ab1\x0bcdefgh`: the vertical tab is not whitespace, so the digit masks the whole token
    for low in ["", " ", "a\x0bb c", "ab1\x0bcdefghij k", "x@\x0bcdefghij", "abcdefgh ijklmnop", "abcdefgh1 x@y.z", "tok\x0ctok\rtok\ttok\ntok", "12345678901234567890 ab"] {
        assert_eq!(template_hash(low, None), reference(low, None), "{low:?}");
        assert_eq!(template_hash(low, Some((2, 5))), reference(low, Some((2, 5))), "{low:?}");
    }
}
