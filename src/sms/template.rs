//! `template_hash`: the message with numbers, references, VPAs and the
//! counterparty masked out, hashed with xxh3 (hex). Messages of one template
//! share the hash whatever the amounts, dates, names and references.

use xxhash_rust::xxh3::xxh3_64;

/// `low` is the lower-cased message; `party` the byte span of the extracted
/// counterparty (masked as a whole, so names of any length hash alike).
pub fn template_hash(low: &str, party: Option<(usize, usize)>) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(low.len());
    let b = low.as_bytes();
    let mut i = 0;
    let mut pending_space = false;
    while i < b.len() {
        if let Some((ps, pe)) = party {
            if i == ps && pe > ps {
                if pending_space && !out.is_empty() {
                    out.push(b' ');
                }
                pending_space = false;
                out.extend_from_slice(b"<p>");
                i = pe;
                continue;
            }
        }
        if b[i].is_ascii_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        // one token: up to whitespace (or the party start)
        let mut j = i;
        let mut digit = false;
        let mut at = false;
        while j < b.len() && !b[j].is_ascii_whitespace() && party.is_none_or(|(ps, _)| j == i || j != ps) {
            digit |= b[j].is_ascii_digit();
            at |= b[j] == b'@';
            j += 1;
        }
        if pending_space && !out.is_empty() {
            out.push(b' ');
        }
        pending_space = false;
        if at {
            out.extend_from_slice(b"<vpa>");
        } else if digit {
            // keep the token's letters-only prefix/suffix shape (`rs.`, `a/c`),
            // collapse the rest
            out.push(b'#');
        } else {
            out.extend_from_slice(&b[i..j]);
        }
        i = j;
    }
    let h = xxh3_64(&out);
    let mut hex = String::with_capacity(16);
    for i in (0..16).rev() {
        let nib = ((h >> (i * 4)) & 0xf) as u8;
        hex.push(char::from(if nib < 10 { b'0' + nib } else { b'a' + nib - 10 }));
    }
    hex
}
