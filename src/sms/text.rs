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
    /// Insert the classes of `w` (words of a set of up to 256 classes).
    #[inline]
    pub fn insert_words(&mut self, w: &[u64; 4]) {
        if self.heap.is_empty() {
            for (a, b) in self.inline.iter_mut().zip(w) {
                *a |= b;
            }
        } else {
            for (a, b) in self.heap.iter_mut().zip(w) {
                *a |= b;
            }
        }
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

/// A phrase while the lexicon is built (the built [`Lexicon`] keeps its
/// classes flat and its boundary checks in `bounds`).
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
    /// `ac` re-laid out for the scan (`None` if it has too many states).
    table: Option<Table>,
    /// Longest phrase (bytes).
    max_len: usize,
    /// Length and word-boundary checks, by phrase id.
    phrase_match: Vec<PhraseMatch>,
    /// The classes of phrase `p` are `class_flat[class_off[p]..class_off[p + 1]]`:
    /// every later stage asks for the classes of each hit, and one small
    /// contiguous array stays in cache where ~600 separate vectors did not.
    class_off: Vec<u32>,
    class_flat: Vec<u16>,
    /// Each phrase's classes as ClassSet words (empty past 256 classes).
    class_words: Vec<[u64; 4]>,
    class_names: Vec<String>,
    class_ids: HashMap<String, usize>,
    /// The class of phrases whose inner phrases are not read (see
    /// [`set_inert_class`](Lexicon::set_inert_class)).
    inert: Option<usize>,
}

/// The unanchored DFA as a class-major table of 16-bit state numbers:
/// `next = trans[col[byte] + state]`, states numbered breadth-first from the
/// start state. The states a scan actually visits are the shallow ones, so
/// for each byte class their entries sit in a few adjacent cache lines (in
/// the state-major DFA each visited state drags in its own ~220-byte row) and
/// the walk's working set stays in L1. Bit 15 of an entry marks a match state.
struct Table {
    trans: Vec<u16>,
    /// `class(byte) * states`.
    col: [u32; 256],
    /// The matches of state number `st` are `matches[match_off[st]..match_off[st + 1]]`,
    /// copied from the lexicon's `phrase_match` so recording a hit reads
    /// one contiguous entry (not the DFA's match list, then two arrays).
    match_off: Vec<u32>,
    matches: Vec<PhraseMatch>,
}

/// What recording a hit of one phrase needs: its id, length and boundary checks.
#[derive(Clone, Copy)]
struct PhraseMatch {
    phrase: u32,
    len: u32,
    check_left: bool,
    check_right: bool,
}

const MATCH_BIT: u16 = 0x8000;

/// The order later stages expect: by start, the longer hit first.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
}

impl Table {
    fn build(ac: &dfa::DFA, start: aho_corasick::automaton::StateID, phrase_match: &[PhraseMatch]) -> Option<Table> {
        use aho_corasick::automaton::StateID;
        // DFA state id (an index into its table) → state number; u16::MAX = not seen
        let mut ids: Vec<u16> = Vec::new();
        let mut order: Vec<StateID> = vec![start];
        ids.resize(start.as_usize() + 1, u16::MAX);
        ids[start.as_usize()] = 0;
        let mut next: Vec<[u16; 256]> = Vec::new();
        let mut k = 0;
        while k < order.len() {
            let sid = order[k];
            let mut row = [0u16; 256];
            for (b, slot) in row.iter_mut().enumerate() {
                let t = ac.next_state(Anchored::No, sid, b as u8);
                if t.as_usize() >= ids.len() {
                    ids.resize(t.as_usize() + 1, u16::MAX);
                }
                *slot = match ids[t.as_usize()] {
                    u16::MAX => {
                        let id = u16::try_from(order.len()).ok().filter(|&id| id < MATCH_BIT)?;
                        ids[t.as_usize()] = id;
                        order.push(t);
                        id
                    }
                    id => id,
                };
            }
            next.push(row);
            k += 1;
        }
        let n = order.len();
        // byte classes: bytes with identical columns
        let mut class_of = [0u32; 256];
        let mut reps: Vec<u8> = Vec::new();
        let mut seen: HashMap<Vec<u16>, u32> = HashMap::new();
        for b in 0..256usize {
            let column: Vec<u16> = next.iter().map(|row| row[b]).collect();
            let c = *seen.entry(column).or_insert_with(|| {
                reps.push(b as u8);
                reps.len() as u32 - 1
            });
            class_of[b] = c;
        }
        let is_match: Vec<bool> = order.iter().map(|&s| ac.is_special(s) && ac.is_match(s)).collect();
        let mut trans = vec![0u16; reps.len() * n];
        for (c, &r) in reps.iter().enumerate() {
            for (st, row) in next.iter().enumerate() {
                let t = row[r as usize];
                trans[c * n + st] = t | if is_match[t as usize] { MATCH_BIT } else { 0 };
            }
        }
        let mut col = [0u32; 256];
        for b in 0..256 {
            col[b] = class_of[b] * n as u32;
        }
        let mut match_off = vec![0u32];
        let mut matches = Vec::new();
        for &sid in &order {
            if ac.is_special(sid) && ac.is_match(sid) {
                matches.extend((0..ac.match_len(sid)).map(|k| phrase_match[ac.match_pattern(sid, k).as_usize()]));
            }
            match_off.push(matches.len() as u32);
        }
        Some(Table { trans, col, match_off, matches })
    }
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
        let phrase_match: Vec<PhraseMatch> = self
            .patterns
            .iter()
            .zip(&self.phrases)
            .enumerate()
            .map(|(p, (text, ph))| PhraseMatch { phrase: p as u32, len: text.len() as u32, check_left: ph.check_left, check_right: ph.check_right })
            .collect();
        let table = Table::build(&ac, start, &phrase_match);
        let max_len = self.patterns.iter().map(String::len).max().unwrap_or(0);
        let mut class_off = Vec::with_capacity(self.phrases.len() + 1);
        let mut class_flat = Vec::new();
        class_off.push(0);
        for p in &self.phrases {
            class_flat.extend_from_slice(&p.classes);
            class_off.push(class_flat.len() as u32);
        }
        // up to 256 classes (a ClassSet's inline words): each phrase's classes as words to OR in
        let class_words = if self.class_names.len() <= 256 {
            self.phrases
                .iter()
                .map(|p| {
                    let mut w = [0u64; 4];
                    p.classes.iter().for_each(|&c| w[c as usize / 64] |= 1 << (c % 64));
                    w
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Lexicon {
            ac,
            start,
            table,
            max_len,
            phrase_match,
            class_off,
            class_flat,
            class_words,
            class_names: self.class_names,
            class_ids: self.class_ids,
            inert: None,
        })
    }
}

impl Lexicon {
    pub fn class_id(&self, name: &str) -> Option<usize> {
        self.class_ids.get(name).copied()
    }
    /// `f` of each phrase's classes, by phrase id (the id a hit carries).
    /// Later stages build their per-phrase tables with it when the rules
    /// load, so that a hit answers their questions with one lookup instead
    /// of a search of its class list per question.
    pub fn per_phrase<T>(&self, f: impl FnMut(&[u16]) -> T) -> Vec<T> {
        (0..self.class_off.len() as u32 - 1).map(|p| self.phrase_classes(p)).map(f).collect()
    }

    /// Phrases that contain other phrases (`home credit` holds `credit:` in
    /// `Home Credit: your EMI ...`): a hit that starts inside a hit of class
    /// `class` (and is not longer than it from the same start) is dropped
    /// after the scan, with the classes only it brought.
    pub fn set_inert_class(&mut self, class: Option<usize>) {
        self.inert = class;
    }

    /// Drops the hits inside an inert phrase and rebuilds `set` from the rest
    /// (only when the message holds such a phrase: most do not).
    fn drop_inert(&self, hits: &mut Vec<Hit>, set: &mut ClassSet) {
        let Some(c) = self.inert else { return };
        if !set.contains(c) {
            return;
        }
        let names: Vec<(u32, u32)> =
            hits.iter().filter(|h| self.phrase_classes(h.phrase).contains(&(c as u16))).map(|h| (h.start, h.end)).collect();
        hits.retain(|h| !names.iter().any(|&(s, e)| h.start >= s && h.start < e && !(h.start == s && h.end >= e)));
        let mut rebuilt = ClassSet::new(self.class_names.len());
        for h in hits.iter() {
            self.insert_classes(h.phrase, &mut rebuilt);
        }
        *set = rebuilt;
    }

    pub fn class_count(&self) -> usize {
        self.class_names.len()
    }
    pub fn class_name(&self, id: usize) -> &str {
        &self.class_names[id]
    }
    #[inline]
    pub fn phrase_classes(&self, phrase: u32) -> &[u16] {
        let p = phrase as usize;
        &self.class_flat[self.class_off[p] as usize..self.class_off[p + 1] as usize]
    }

    /// All boundary-respecting hits in `low`, sorted by start (ties: longer
    /// first), and the set of classes present.
    pub fn scan(&self, low: &str) -> (Vec<Hit>, ClassSet) {
        let mut hits = Vec::with_capacity(32);
        let set = self.scan_into(low, &mut hits);
        (hits, set)
    }

    /// Adds the classes of `phrase` to `set` (as whole words when there are
    /// at most 256 classes).
    #[inline(always)]
    fn insert_classes(&self, phrase: u32, set: &mut ClassSet) {
        match self.class_words.get(phrase as usize) {
            Some(w) => set.insert_words(w),
            None => self.phrase_classes(phrase).iter().for_each(|&c| set.insert(c as usize)),
        }
    }

    /// Record the hit of `m` ending at `e` if its word boundaries hold.
    #[inline(always)]
    fn record(&self, bytes: &[u8], e: usize, m: PhraseMatch, hits: &mut Vec<Hit>, set: &mut ClassSet) {
        let s = e - m.len as usize;
        if m.check_left && s > 0 && bytes[s - 1].is_ascii_alphabetic() {
            return;
        }
        if m.check_right && e < bytes.len() && bytes[e].is_ascii_alphabetic() {
            return;
        }
        self.insert_classes(m.phrase, set);
        hits.push(Hit { start: s as u32, end: e as u32, phrase: m.phrase });
    }

    /// The matches of table state number `st`, reached with the byte before `e`.
    #[inline(never)]
    fn record_table(&self, t: &Table, bytes: &[u8], st: u16, e: usize, hits: &mut Vec<Hit>, set: &mut ClassSet) {
        let (from, to) = (t.match_off[st as usize] as usize, t.match_off[st as usize + 1] as usize);
        for &m in &t.matches[from..to] {
            self.record(bytes, e, m, hits, set);
        }
    }

    /// The matches of the DFA match state `sid` (the walk without a table).
    #[inline(never)]
    fn record_matches(&self, bytes: &[u8], sid: aho_corasick::automaton::StateID, e: usize, hits: &mut Vec<Hit>, set: &mut ClassSet) {
        for k in 0..self.ac.match_len(sid) {
            self.record(bytes, e, self.phrase_match[self.ac.match_pattern(sid, k).as_usize()], hits, set);
        }
    }

    /// The DFA walk over `bytes[from..]` from table state `st`, recording
    /// every match. The loop only advances the state; match handling is a
    /// separate, non-inlined call, so the state stays in a register (with it
    /// inline, the state was spilled and reloaded on every byte).
    #[inline]
    fn walk(&self, t: &Table, bytes: &[u8], from: usize, mut st: u16, hits: &mut Vec<Hit>, set: &mut ClassSet) {
        for (i, &b) in bytes.iter().enumerate().skip(from) {
            let e = t.trans[t.col[b as usize] as usize + st as usize];
            st = e & !MATCH_BIT;
            if e & MATCH_BIT != 0 {
                self.record_table(t, bytes, st, i + 1, hits, set);
            }
        }
    }

    /// [`scan_into`](Self::scan_into) of two messages at once: the two DFA
    /// walks go in lockstep, so the CPU overlaps their chains of dependent
    /// table loads (a single walk waits on each load before the next byte).
    /// Hits and classes are exactly those of two `scan_into` calls.
    pub fn scan_pair(&self, la: &str, ha: &mut Vec<Hit>, lb: &str, hb: &mut Vec<Hit>) -> (ClassSet, ClassSet) {
        let Some(t) = &self.table else {
            return (self.scan_into(la, ha), self.scan_into(lb, hb));
        };
        let (ba, bb) = (la.as_bytes(), lb.as_bytes());
        ha.clear();
        hb.clear();
        let mut set_a = ClassSet::new(self.class_names.len());
        let mut set_b = ClassSet::new(self.class_names.len());
        let step = |st: u16, b: u8| t.trans[t.col[b as usize] as usize + st as usize];
        let both = ba.len().min(bb.len());
        let (mut sa, mut sb) = (0u16, 0u16);
        for i in 0..both {
            let ea = step(sa, ba[i]);
            let eb = step(sb, bb[i]);
            sa = ea & !MATCH_BIT;
            sb = eb & !MATCH_BIT;
            if ea & MATCH_BIT != 0 {
                self.record_table(t, ba, sa, i + 1, ha, &mut set_a);
            }
            if eb & MATCH_BIT != 0 {
                self.record_table(t, bb, sb, i + 1, hb, &mut set_b);
            }
        }
        // the longer message goes on alone
        if ba.len() > both {
            self.walk(t, ba, both, sa, ha, &mut set_a);
        } else {
            self.walk(t, bb, both, sb, hb, &mut set_b);
        }
        sort_hits(ha);
        sort_hits(hb);
        self.drop_inert(ha, &mut set_a);
        self.drop_inert(hb, &mut set_b);
        (set_a, set_b)
    }

    /// [`scan`](Self::scan) into a reused hit buffer (cleared first).
    pub fn scan_into(&self, low: &str, hits: &mut Vec<Hit>) -> ClassSet {
        let bytes = low.as_bytes();
        hits.clear();
        let mut set = ClassSet::new(self.class_names.len());
        // Raw overlapping DFA walk (same hits, same order as
        // `find_overlapping_iter`, without the iterator machinery; see `walk`).
        if let Some(t) = &self.table {
            let step = |st: u16, b: u8| t.trans[t.col[b as usize] as usize + st as usize];
            let n = bytes.len();
            // Long messages: two interleaved walks (independent load chains).
            // The second starts `max_len` bytes before the middle, so its state
            // is exact by the time it reaches the middle; it reports only
            // matches ending after the middle, after the first walk's.
            let ml = self.max_len;
            if n >= 2 * ml + 64 {
                let mid = n / 2;
                let b0 = mid - ml;
                let (mut sa, mut sb) = (0u16, 0u16);
                let mut later: [(u16, u32); 32] = [(0, 0); 32];
                let mut nl = 0usize;
                let mut overflow = false;
                // warm-up of the second walk (no matches can be reported yet)
                for &b in &bytes[b0..mid] {
                    sb = step(sb, b) & !MATCH_BIT;
                }
                let len = mid; // first walk: [0, mid); second: [mid, 2 * mid)
                for i in 0..len {
                    let ea = step(sa, bytes[i]);
                    let eb = step(sb, bytes[mid + i]);
                    sa = ea & !MATCH_BIT;
                    sb = eb & !MATCH_BIT;
                    if ea & MATCH_BIT != 0 {
                        self.record_table(t, bytes, sa, i + 1, hits, &mut set);
                    }
                    if eb & MATCH_BIT != 0 {
                        if nl < later.len() {
                            later[nl] = (sb, (mid + i + 1) as u32);
                            nl += 1;
                        } else {
                            overflow = true;
                        }
                    }
                }
                let from = if overflow {
                    // too many matches to defer: redo the second half in one walk
                    sb = 0;
                    for &b in &bytes[b0..mid] {
                        sb = step(sb, b) & !MATCH_BIT;
                    }
                    mid
                } else {
                    for &(st, e) in &later[..nl] {
                        self.record_table(t, bytes, st, e as usize, hits, &mut set);
                    }
                    2 * mid
                };
                self.walk(t, bytes, from, sb, hits, &mut set);
            } else {
                self.walk(t, bytes, 0, 0, hits, &mut set);
            }
            sort_hits(hits);
            self.drop_inert(hits, &mut set);
            return set;
        }
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
        sort_hits(hits);
        self.drop_inert(hits, &mut set);
        set
    }
}
