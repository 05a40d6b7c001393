//! Text normalisation and the single-pass keyword lexicon.
//!
//! Every keyword the rule files mention (classification classes, amount-role
//! words, account words, party anchors, currency markers) is compiled into ONE
//! Aho-Corasick automaton. A message is lower-cased once and scanned once; all
//! later stages work on the sorted hit list, so the cost of a message does not
//! grow with the number of rules.

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, Anchored, MatchKind};
use std::borrow::Cow;
use std::collections::HashMap;

/// Messages longer than this are only analysed on their first `MAX_SCAN`
/// bytes (real SMS are < 1 KB; this bounds the cost of hostile input).
pub const MAX_SCAN: usize = 4096;

/// A message prepared for analysis: `text` keeps the original case (after
/// folding), `low` is its ASCII-lower-cased twin with identical byte offsets.
pub struct Prepared<'a> {
    pub text: Cow<'a, str>,
    pub low: String,
}

pub fn prepare(body: &str) -> Prepared<'_> {
    let mut low = String::new();
    let text = prepare_into(body, &mut low);
    Prepared { text, low }
}

/// Like [`prepare`], writing the lower-cased twin into a reused buffer.
pub fn prepare_into<'a>(body: &'a str, low: &mut String) -> Cow<'a, str> {
    let body = truncate(body, MAX_SCAN);
    let text: Cow<'_, str> = if body.is_ascii() {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(fold(body))
    };
    low.clear();
    low.push_str(&text);
    low.make_ascii_lowercase();
    text
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Fold characters that banks use for styling back to ASCII: the
/// "Mathematical Alphanumeric Symbols" block (𝗌𝗉𝖾𝗇𝗍 → spent), full-width
/// forms, and unusual spaces / dashes.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        let mapped = match cp {
            0x1D400..=0x1D6A3 => {
                let i = (cp - 0x1D400) % 52;
                Some(if i < 26 { (b'A' + i as u8) as char } else { (b'a' + (i - 26) as u8) as char })
            }
            0x1D7CE..=0x1D7FF => Some((b'0' + ((cp - 0x1D7CE) % 10) as u8) as char),
            0xFF01..=0xFF5E => char::from_u32(cp - 0xFEE0),
            0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Some(' '),
            0x2010..=0x2015 | 0x2212 => Some('-'),
            0x200B..=0x200D | 0xFEFF => None, // zero-width: drop
            _ => Some(c),
        };
        if let Some(m) = mapped {
            out.push(m);
        } else if !matches!(cp, 0x200B..=0x200D | 0xFEFF) {
            out.push(c);
        }
    }
    out
}

/// One occurrence of a lexicon phrase in `low`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: u32,
    pub end: u32,
    pub phrase: u32,
}

/// Bit set over class ids: inline (no allocation) up to 256 classes,
/// on the heap beyond.
#[derive(Debug, Clone, Default)]
pub struct ClassSet {
    inline: [u64; 4],
    heap: Vec<u64>,
}

impl ClassSet {
    pub fn new(n: usize) -> Self {
        let words = n.div_ceil(64).max(1);
        ClassSet { inline: [0; 4], heap: if words > 4 { vec![0; words] } else { Vec::new() } }
    }
    #[inline]
    pub fn insert(&mut self, c: usize) {
        let w = if self.heap.is_empty() { &mut self.inline[..] } else { &mut self.heap[..] };
        w[c / 64] |= 1 << (c % 64);
    }
    #[inline]
    pub fn contains(&self, c: usize) -> bool {
        let w = if self.heap.is_empty() { &self.inline[..] } else { &self.heap[..] };
        w[c / 64] & (1 << (c % 64)) != 0
    }
}

/// A fixed set of class ids, tested against a [`ClassSet`] word by word.
#[derive(Debug, Clone, Default)]
pub struct ClassMask(Vec<u64>);

impl ClassMask {
    pub fn from_ids(ids: &[usize]) -> Self {
        let mut w = vec![0u64; ids.iter().max().map_or(0, |&m| m / 64 + 1)];
        for &c in ids {
            w[c / 64] |= 1 << (c % 64);
        }
        ClassMask(w)
    }
}

impl ClassSet {
    #[inline]
    fn words(&self) -> &[u64] {
        if self.heap.is_empty() {
            &self.inline
        } else {
            &self.heap
        }
    }
    /// Every class of `m` is present (true for an empty mask).
    #[inline]
    pub fn contains_all(&self, m: &ClassMask) -> bool {
        let w = self.words();
        m.0.iter().enumerate().all(|(i, &x)| w.get(i).copied().unwrap_or(0) & x == x)
    }
    /// Some class of `m` is present (false for an empty mask).
    #[inline]
    pub fn intersects(&self, m: &ClassMask) -> bool {
        let w = self.words();
        m.0.iter().enumerate().any(|(i, &x)| w.get(i).copied().unwrap_or(0) & x != 0)
    }
}

struct Phrase {
    classes: Vec<u16>,
    check_left: bool,
    check_right: bool,
}

/// The compiled lexicon: phrase → classes, plus boundary rules.
pub struct Lexicon {
    ac: dfa::DFA,
    /// Unanchored start state of `ac`.
    start: aho_corasick::automaton::StateID,
    /// Pattern lengths (bytes), by phrase id.
    lens: Vec<u32>,
    phrases: Vec<Phrase>,
    class_names: Vec<String>,
    class_ids: HashMap<String, usize>,
}

/// Builder collecting `(class, phrase)` pairs. Phrase syntax: lower-case text
/// matched at word boundaries (an adjacent ASCII letter breaks the match,
/// digits and punctuation do not); a leading/trailing `*` drops the boundary
/// check on that side (`debit*` matches `debited`).
#[derive(Default)]
pub struct LexiconBuilder {
    class_ids: HashMap<String, usize>,
    class_names: Vec<String>,
    phrase_ids: HashMap<String, usize>,
    patterns: Vec<String>,
    phrases: Vec<Phrase>,
}

impl LexiconBuilder {
    pub fn class(&mut self, name: &str) -> usize {
        if let Some(&id) = self.class_ids.get(name) {
            return id;
        }
        let id = self.class_names.len();
        self.class_names.push(name.to_string());
        self.class_ids.insert(name.to_string(), id);
        id
    }

    /// Adds a phrase to a class. Returns an error message for an unusable phrase.
    pub fn add(&mut self, class: &str, raw: &str) -> Result<(), String> {
        let cid = self.class(class);
        let mut p = raw.to_string();
        let mut check_left = true;
        let mut check_right = true;
        let all_stars = !p.is_empty() && p.bytes().all(|b| b == b'*');
        if let Some(rest) = p.strip_prefix('*').filter(|_| !all_stars) {
            p = rest.to_string();
            check_left = false;
        }
        if let Some(rest) = p.strip_suffix('*').filter(|_| !all_stars) {
            p = rest.to_string();
            check_right = false;
        }
        if p.is_empty() {
            return Err(format!("empty phrase {raw:?}"));
        }
        if p.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(format!("phrase {raw:?} must be lower case"));
        }
        let first = p.as_bytes()[0];
        let last = p.as_bytes()[p.len() - 1];
        check_left &= first.is_ascii_alphabetic();
        check_right &= last.is_ascii_alphabetic();
        let key = format!("{}{}{}", if check_left { "" } else { "*" }, p, if check_right { "" } else { "*" });
        let pid = match self.phrase_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len();
                self.patterns.push(p);
                self.phrases.push(Phrase { classes: Vec::new(), check_left, check_right });
                self.phrase_ids.insert(key, id);
                id
            }
        };
        let cls = &mut self.phrases[pid].classes;
        if !cls.contains(&(cid as u16)) {
            cls.push(cid as u16);
        }
        Ok(())
    }

    pub fn build(self) -> Result<Lexicon, String> {
        let ac = dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&self.patterns)
            .map_err(|e| format!("cannot build keyword automaton: {e}"))?;
        let start = ac.start_state(Anchored::No).map_err(|e| format!("cannot build keyword automaton: {e}"))?;
        let lens = self.patterns.iter().map(|p| p.len() as u32).collect();
        Ok(Lexicon { ac, start, lens, phrases: self.phrases, class_names: self.class_names, class_ids: self.class_ids })
    }
}

impl Lexicon {
    pub fn class_id(&self, name: &str) -> Option<usize> {
        self.class_ids.get(name).copied()
    }
    pub fn class_count(&self) -> usize {
        self.class_names.len()
    }
    #[inline]
    pub fn phrase_classes(&self, phrase: u32) -> &[u16] {
        &self.phrases[phrase as usize].classes
    }

    /// All boundary-respecting hits in `low`, sorted by start (ties: longer
    /// first), and the set of classes present.
    pub fn scan(&self, low: &str) -> (Vec<Hit>, ClassSet) {
        let mut hits = Vec::with_capacity(32);
        let set = self.scan_into(low, &mut hits);
        (hits, set)
    }

    /// The boundary-respecting matches of the DFA match state `sid`, reached
    /// with the byte before `e`.
    #[inline(never)]
    fn record_matches(&self, bytes: &[u8], sid: aho_corasick::automaton::StateID, e: usize, hits: &mut Vec<Hit>, set: &mut ClassSet) {
        let ac = &self.ac;
        for k in 0..ac.match_len(sid) {
            let pid = ac.match_pattern(sid, k);
            let p = &self.phrases[pid.as_usize()];
            let s = e - self.lens[pid.as_usize()] as usize;
            if p.check_left && s > 0 && bytes[s - 1].is_ascii_alphabetic() {
                continue;
            }
            if p.check_right && e < bytes.len() && bytes[e].is_ascii_alphabetic() {
                continue;
            }
            for &c in &p.classes {
                set.insert(c as usize);
            }
            hits.push(Hit { start: s as u32, end: e as u32, phrase: pid.as_u32() });
        }
    }

    /// [`scan`](Self::scan) into a reused hit buffer (cleared first).
    pub fn scan_into(&self, low: &str, hits: &mut Vec<Hit>) -> ClassSet {
        let bytes = low.as_bytes();
        hits.clear();
        let mut set = ClassSet::new(self.class_names.len());
        // Raw overlapping DFA walk (same hits, same order as
        // `find_overlapping_iter`, without the iterator machinery). The inner
        // loop only advances the state; match handling is a separate,
        // non-inlined call, so the state stays in a register (with it inline,
        // the state was spilled and reloaded on every byte).
        let ac = &self.ac;
        let mut sid = self.start;
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            sid = ac.next_state(Anchored::No, sid, bytes[i]);
            i += 1;
            if ac.is_special(sid) && ac.is_match(sid) {
                self.record_matches(bytes, sid, i, hits, &mut set);
            }
        }
        hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        set
    }
}
