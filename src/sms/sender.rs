//! Sender lookup: DLT header → institution, with a body-keyword fallback.

use super::model::SenderType;
use super::rules::{RuleError, SendersFile};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Debug, Clone)]
pub struct Sender {
    pub name: String,
    pub sender_type: SenderType,
}

/// FNV-1a: header cores are short; SipHash dominated the lookup.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub struct SenderTable {
    institutions: Vec<Sender>,
    /// Exact header core (upper case) → institution.
    exact: HashMap<String, usize, BuildHasherDefault<Fnv>>,
    /// Substring search over the whole header for cores of ≥ 4 characters.
    header_ac: AhoCorasick,
    header_ids: Vec<usize>,
    /// Body phrases (lower case) → institution.
    body_ac: AhoCorasick,
    body_ids: Vec<usize>,
}

pub fn parse_sender_type(s: &str) -> Option<SenderType> {
    Some(match s {
        "bank" => SenderType::Bank,
        "card" => SenderType::Card,
        "wallet" => SenderType::Wallet,
        "nbfc" => SenderType::Nbfc,
        "telecom" => SenderType::Telecom,
        "ecommerce" => SenderType::Ecommerce,
        "utility" => SenderType::Utility,
        "insurance" => SenderType::Insurance,
        "investment" => SenderType::Investment,
        "government" => SenderType::Government,
        "other" => SenderType::Other,
        _ => return None,
    })
}

/// `AX-HDFCBK-S` → `HDFCBK`; `VM-SBIUPI` → `SBIUPI`; `hdfcbk` → `HDFCBK`.
pub fn header_core(header: &str) -> String {
    core_slice(header.trim()).to_ascii_uppercase()
}

/// The DLT category suffix of a header (`P` of `VM-FLXLON-P`, `S` of
/// `AX-HDFCBK-S`), in its original case; `None` without one.
pub fn category_suffix(header: &str) -> Option<&str> {
    let h = header.trim();
    let core = core_slice(h);
    // `core` is a slice of `h`: what follows it is `-` and the suffix
    let end = core.as_ptr() as usize - h.as_ptr() as usize + core.len();
    h[end..].strip_prefix('-')
}

/// The core of a trimmed header, still in its original case (the prefix and
/// suffix rules only look at ASCII dashes, letters and digits).
fn core_slice(h: &str) -> &str {
    let mut h = h;
    // operator/circle prefix: two alphanumerics and a dash
    if h.len() > 3 && h.as_bytes()[2] == b'-' && h.as_bytes()[..2].iter().all(|b| b.is_ascii_alphanumeric()) {
        h = &h[3..];
    }
    // category suffix: -S (service), -T (transactional), -P (promo), -G (govt), -AC ...
    if let Some(i) = h.rfind('-') {
        let suffix = &h[i + 1..];
        if i > 0 && !suffix.is_empty() && suffix.len() <= 2 && suffix.bytes().all(|b| b.is_ascii_alphabetic()) {
            h = &h[..i];
        }
    }
    h
}

impl SenderTable {
    pub fn compile(file_name: &str, f: &SendersFile) -> Result<Self, RuleError> {
        let mut institutions: Vec<Sender> = Vec::new();
        let mut exact: HashMap<String, usize, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut header_pats = Vec::new();
        let mut header_ids = Vec::new();
        let mut body_pats = Vec::new();
        let mut body_ids = Vec::new();
        for (i, inst) in f.institutions.iter().enumerate() {
            let entry = format!("institution #{} ({:?})", i + 1, inst.name);
            if inst.name.trim().is_empty() || inst.name != inst.name.to_lowercase() {
                return Err(RuleError::invalid(file_name, entry, "name must be non-empty lower case"));
            }
            let st = parse_sender_type(&inst.sender_type).ok_or_else(|| {
                RuleError::invalid(file_name, &entry, format!("unknown type {:?}", inst.sender_type))
            })?;
            if inst.headers.is_empty() && inst.keywords.is_empty() {
                return Err(RuleError::invalid(file_name, entry, "needs at least one header or keyword"));
            }
            let id = institutions.len();
            institutions.push(Sender { name: inst.name.clone(), sender_type: st });
            for h in &inst.headers {
                let core = h.trim().to_ascii_uppercase();
                if core.is_empty() {
                    return Err(RuleError::invalid(file_name, &entry, "empty header"));
                }
                if let Some(&prev) = exact.get(&core) {
                    if prev != id {
                        return Err(RuleError::invalid(
                            file_name,
                            &entry,
                            format!("header {h:?} already belongs to {:?}", institutions[prev].name),
                        ));
                    }
                }
                exact.insert(core.clone(), id);
                if core.len() >= 4 {
                    header_pats.push(core);
                    header_ids.push(id);
                }
            }
            for k in &inst.keywords {
                let k = k.trim().to_lowercase();
                if k.len() < 3 {
                    return Err(RuleError::invalid(file_name, &entry, format!("keyword {k:?} too short")));
                }
                body_pats.push(k);
                body_ids.push(id);
            }
        }
        let build = |pats: &Vec<String>| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(pats)
                .map_err(|e| RuleError::invalid(file_name, "automaton", e.to_string()))
        };
        Ok(SenderTable {
            header_ac: build(&header_pats)?,
            body_ac: build(&body_pats)?,
            institutions,
            exact,
            header_ids,
            body_ids,
        })
    }

    pub fn len(&self) -> usize {
        self.institutions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.institutions.is_empty()
    }

    /// Identify the institution from the header, else from the body (`low`
    /// is the lower-cased body).
    pub fn lookup(&self, header: &str, low: &str) -> Option<&Sender> {
        let h = header.trim();
        if !h.is_empty() {
            // upper-case the core on the stack (no allocation for real headers)
            let raw = core_slice(h);
            let mut buf = [0u8; 64];
            let heap;
            let core: &str = if raw.len() <= buf.len() {
                buf[..raw.len()].copy_from_slice(raw.as_bytes());
                buf[..raw.len()].make_ascii_uppercase();
                std::str::from_utf8(&buf[..raw.len()]).unwrap_or(raw)
            } else {
                heap = raw.to_ascii_uppercase();
                &heap
            };
            if let Some(&id) = self.exact.get(core) {
                return Some(&self.institutions[id]);
            }
            if let Some(m) = self.header_ac.find(core) {
                return Some(&self.institutions[self.header_ids[m.pattern().as_usize()]]);
            }
        }
        let bytes = low.as_bytes();
        for m in self.body_ac.find_iter(low) {
            // word boundary on both sides
            let (s, e) = (m.start(), m.end());
            let left = bytes[s].is_ascii_alphanumeric() && s > 0 && bytes[s - 1].is_ascii_alphanumeric();
            let right = bytes[e - 1].is_ascii_alphanumeric() && e < bytes.len() && bytes[e].is_ascii_alphanumeric();
            if left || right {
                continue;
            }
            return Some(&self.institutions[self.body_ids[m.pattern().as_usize()]]);
        }
        None
    }
}
