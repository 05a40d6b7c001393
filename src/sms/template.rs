//! `template_hash`: the message with numbers, references, VPAs and the
//! counterparty masked out, hashed with xxh3 (hex). Messages of one template
//! share the hash whatever the amounts, dates, names and references.
//!
//! The masked stream is written in one pass over the lower-cased bytes into
//! a reused byte buffer (each token is copied while it is classified and
//! rewound to `#` / `<vpa>` when it turns out to hold a digit / `@`), then
//! hashed in one call.

use xxhash_rust::xxh3::xxh3_64;

const WS: u8 = 1;
const DIGIT: u8 = 2;
const AT: u8 = 4;

/// Byte classes: ASCII whitespace (as `u8::is_ascii_whitespace`), digit, `@`.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = WS;
    t[b'\t' as usize] = WS;
    t[b'\n' as usize] = WS;
    t[0x0C] = WS;
    t[b'\r' as usize] = WS;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    t[b'@' as usize] = AT;
    t
};

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Bit 7 set in each byte of `x` that is zero, and in no other (exact,
/// unlike the shorter `(x - LO) & !x & HI`).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Bit 7 set in each byte of `x` equal to `c`.
#[inline(always)]
fn eq_bytes(x: u64, c: u8) -> u64 {
    zero_bytes(x ^ (LO * u64::from(c)))
}

/// Bit 7 set in each byte of `x` in `lo..=hi` (an ASCII range). Each
/// byte's low seven bits plus a constant of at most 0x80 cannot carry into
/// the next byte; bytes of 0x80 and above are left out by `!x`.
#[inline(always)]
fn range_bytes(x: u64, lo: u8, hi: u8) -> u64 {
    let a = x & LOW7;
    let at_least_lo = a + LO * u64::from(0x80 - lo);
    let above_hi = a + LO * u64::from(0x7f - hi);
    at_least_lo & !above_hi & !x & HI
}

/// `low` is the lower-cased message; `party` the byte span of the extracted
/// counterparty (masked as a whole, so names of any length hash alike).
pub fn template_hash(low: &str, party: Option<(usize, usize)>) -> String {
    template_hash_with(low, party, &mut Vec::new())
}

/// [`template_hash`] with a reused output buffer.
pub fn template_hash_with(low: &str, party: Option<(usize, usize)>, buf: &mut Vec<u8>) -> String {
    let b = low.as_bytes();
    let n = b.len();
    // Output bound: a token of k >= 1 bytes becomes at most 5 (`<vpa>`), plus
    // one space before it; the party (>= 1 byte) becomes 3 (`<p>`).
    let need = 6 * n + 8;
    if buf.len() < need {
        buf.resize(need, 0);
    }
    let out = &mut buf[..need];
    // tokens never run across the party start; the party is masked when non-empty
    let (ps, pe) = party.unwrap_or((usize::MAX, usize::MAX));
    let mask_party = party.is_some() && pe > ps;
    let mut len = 0usize;
    let mut i = 0;
    let mut pending_space = false;
    while i < n {
        if mask_party && i == ps {
            if pending_space && len > 0 {
                out[len] = b' ';
                len += 1;
            }
            pending_space = false;
            out[len..len + 3].copy_from_slice(b"<p>");
            len += 3;
            i = pe;
            continue;
        }
        if CLASS[b[i] as usize] & WS != 0 {
            pending_space = true;
            i += 1;
            continue;
        }
        if pending_space && len > 0 {
            out[len] = b' ';
            len += 1;
        }
        pending_space = false;
        // one token: up to whitespace (or the party start), copied as it is read
        let lim = if ps > i && ps < n { ps } else { n };
        let tok = len;
        let mut seen = 0u8;
        // eight bytes at a time while they are there: copy all eight, keep
        // the ones before the first whitespace byte (same output as the
        // byte loop below, with one token-end branch per eight bytes
        // instead of one per byte)
        while i + 8 <= lim {
            let chunk: [u8; 8] = b[i..i + 8].try_into().expect("8 bytes");
            let x = u64::from_le_bytes(chunk);
            out[len..len + 8].copy_from_slice(&chunk);
            // every byte up to the space: the whitespace bytes and some that
            // are not (a control byte only hands the token to the byte loop)
            let ws = range_bytes(x, 0x00, b' ');
            let keep = if ws == 0 { u64::MAX } else { (1u64 << ws.trailing_zeros()) - 1 };
            if range_bytes(x, b'0', b'9') & keep != 0 {
                seen |= DIGIT;
            }
            if eq_bytes(x, b'@') & keep != 0 {
                seen |= AT;
            }
            if ws == 0 {
                len += 8;
                i += 8;
            } else {
                let k = ws.trailing_zeros() as usize / 8;
                len += k;
                i += k;
                break;
            }
        }
        while i < lim {
            let c = b[i];
            let k = CLASS[c as usize];
            if k & WS != 0 {
                break;
            }
            seen |= k;
            out[len] = c;
            len += 1;
            i += 1;
        }
        if seen & AT != 0 {
            out[tok..tok + 5].copy_from_slice(b"<vpa>");
            len = tok + 5;
        } else if seen & DIGIT != 0 {
            out[tok] = b'#';
            len = tok + 1;
        }
    }
    let h = xxh3_64(&out[..len]);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(16);
    for k in 0..16 {
        hex.push(HEX[((h >> ((15 - k) * 4)) & 0xf) as usize] as char);
    }
    hex
}
