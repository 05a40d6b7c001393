//! `template_hash`: the message with numbers, references, VPAs and the
//! counterparty masked out, hashed with xxh3 (hex). Messages of one template
//! share the hash whatever the amounts, dates, names and references.
//!
//! The masked stream is never built as a `String`: it is written into a
//! fixed stack buffer and hashed in one call, spilling into the streaming
//! xxh3 hasher only for very long messages (same hash either way).

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

const BUF: usize = 1024;

/// The masked stream: a stack buffer, spilled into a streaming hasher when full.
struct Sink {
    buf: [u8; BUF],
    len: usize,
    spilled: Option<Box<Xxh3>>,
    any: bool,
}

impl Sink {
    #[inline(always)]
    fn push(&mut self, s: &[u8]) {
        self.any = true;
        if self.len + s.len() > BUF {
            let h = self.spilled.get_or_insert_with(|| Box::new(Xxh3::new()));
            h.update(&self.buf[..self.len]);
            self.len = 0;
            if s.len() > BUF {
                h.update(s);
                return;
            }
        }
        self.buf[self.len..self.len + s.len()].copy_from_slice(s);
        self.len += s.len();
    }

    #[inline(always)]
    fn push_byte(&mut self, c: u8) {
        if self.len == BUF {
            let h = self.spilled.get_or_insert_with(|| Box::new(Xxh3::new()));
            h.update(&self.buf);
            self.len = 0;
        }
        self.any = true;
        self.buf[self.len] = c;
        self.len += 1;
    }

    fn finish(self) -> u64 {
        match self.spilled {
            None => xxh3_64(&self.buf[..self.len]),
            Some(mut h) => {
                h.update(&self.buf[..self.len]);
                h.digest()
            }
        }
    }
}

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

/// `low` is the lower-cased message; `party` the byte span of the extracted
/// counterparty (masked as a whole, so names of any length hash alike).
pub fn template_hash(low: &str, party: Option<(usize, usize)>) -> String {
    let b = low.as_bytes();
    let n = b.len();
    // tokens never run across the party start; the party is masked when non-empty
    let (ps, pe) = party.unwrap_or((usize::MAX, usize::MAX));
    let mask_party = party.is_some() && pe > ps;
    let mut out = Sink { buf: [0u8; BUF], len: 0, spilled: None, any: false };
    let mut i = 0;
    let mut pending_space = false;
    while i < n {
        if mask_party && i == ps {
            if pending_space && out.any {
                out.push_byte(b' ');
            }
            pending_space = false;
            out.push(b"<p>");
            i = pe;
            continue;
        }
        if CLASS[b[i] as usize] & WS != 0 {
            pending_space = true;
            i += 1;
            continue;
        }
        // one token: up to whitespace (or the party start)
        let lim = if ps > i && ps < n { ps } else { n };
        let mut seen = 0u8;
        let mut len = 0;
        for &c in &b[i..lim] {
            let c = CLASS[c as usize];
            if c & WS != 0 {
                break;
            }
            seen |= c;
            len += 1;
        }
        let j = i + len;
        if pending_space && out.any {
            out.push_byte(b' ');
        }
        pending_space = false;
        if seen & AT != 0 {
            out.push(b"<vpa>");
        } else if seen & DIGIT != 0 {
            out.push_byte(b'#');
        } else {
            out.push(&b[i..j]);
        }
        i = j;
    }
    let h = out.finish();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = [0u8; 16];
    for (k, d) in hex.iter_mut().enumerate() {
        *d = HEX[((h >> ((15 - k) * 4)) & 0xf) as usize];
    }
    // all bytes are ASCII hex digits
    String::from_utf8(hex.to_vec()).unwrap_or_default()
}
