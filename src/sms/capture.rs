//! One named group out of a regex match, found with DFA searches instead of
//! the backtracker when the regex has a shape that allows it.
//!
//! Why: the rule files' counterparty and reference patterns put a lazy run
//! (`(?P<p>[^/]+?)\s*(?:/|\bon\b|\.)`) or a tail (`(?P<r>[A-Z0-9]{6,})`) in
//! a named group. The `regex` crate resolves such a group with its bounded
//! backtracker, which costs ~0.7–1 µs per successful match: more than the
//! whole rest of the engine spends on a message. Its DFAs find match
//! boundaries ~10x faster but do not report groups.
//!
//! For a regex whose top level is `PRE (?P<g>BODY) SUF`, the backtracker
//! (leftmost-first: alternatives in priority order) commits to the end of
//! PRE's first-priority match if BODY·SUF can complete from there, and that
//! end is what an anchored leftmost-first DFA search of PRE reports. Then:
//!
//! * SUF empty (the group ends the regex): the group is BODY's
//!   first-priority match from there, again one anchored DFA search, or,
//!   when BODY is a greedy run of one class (`[^.]+`, `[A-Z0-9]{6,}`), the
//!   longest run, read with a byte loop;
//! * BODY a lazy run (`C+?`, `C*?`, `C0 C*?`): the backtracker tries the
//!   shortest run first, so the group ends at the leftmost position where
//!   SUF matches, if every character up to there is in `C` (one unanchored
//!   search for SUF, one pass over the run).
//!
//! Whenever a step does not find what the shape promises (BODY·SUF cannot
//! complete after PRE's first choice, so the backtracker would go back into
//! PRE), the span comes from the regex crate's own captures. So the result
//! is always the regex crate's, which a property test checks on every
//! built-in pattern; other shapes simply take the slow path.

use regex::Regex;
use regex_automata::meta;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The fast path cannot tell (the slow path must answer).
struct NotThisShape;

/// A compiled pattern with one named group of interest.
pub struct GroupRegex {
    re: Regex,
    group: usize,
    fast: Option<Fast>,
    /// The pattern begins with `^` (a match can only start at 0).
    starts_anchored: bool,
}

struct Fast {
    /// Everything before the group, searched anchored at the match start
    /// (without a trailing lazy loop, see `skip`).
    pre: meta::Regex,
    /// `X` when PRE ends in a lazy loop `(?:X)*?` (`(?:[a-z0-9]+\s*/\s*)*?`
    /// skips the `icic/222333444555/` of `upi/icic/222333444555/name`).
    /// The backtracker tries BODY·SUF after 0 loops, then after X's
    /// first-priority match, then after a second one, and so on; only when
    /// that chain ends does it revisit other choices. So the first place on
    /// the chain where BODY·SUF completes is its answer.
    skip: Option<meta::Regex>,
    body: Body,
}

enum Body {
    /// The group ends the regex: its span is BODY's first-priority match.
    Tail(meta::Regex),
    /// The group ends the regex and is a greedy run of one class (`[^.]+`,
    /// `(?i)[A-Z0-9]{6,}`): its span is the longest run, if at least `min`
    /// characters long, read character by character.
    Run { class: Chars, min: u32 },
    /// A lazy run: optional first character class, then `min` or more of `rest`, then SUF.
    Lazy { first: Option<Chars>, rest: Chars, min: u32, suf: meta::Regex },
}

/// A character class from the HIR: its ASCII part as a bitmap (the
/// messages are mostly ASCII, and the runs test every character), the rest
/// as ranges.
struct Chars {
    ascii: [u64; 2],
    /// Ranges above ASCII (`[^.]` has all of them, `(?i)[a-z]` the Kelvin
    /// sign and the long s; a byte class in a UTF-8 regex has none).
    upper: Vec<(char, char)>,
}

impl Chars {
    fn from_class(c: &Class) -> Chars {
        let ranges: Vec<(u32, u32)> = match c {
            Class::Unicode(u) => u.ranges().iter().map(|r| (r.start() as u32, r.end() as u32)).collect(),
            Class::Bytes(b) => b.ranges().iter().map(|r| (u32::from(r.start()), u32::from(r.end()).min(0x7f))).collect(),
        };
        let mut ascii = [0u64; 2];
        for b in 0u32..0x80 {
            if ranges.iter().any(|&(lo, hi)| lo <= b && b <= hi) {
                ascii[(b >> 6) as usize] |= 1 << (b & 63);
            }
        }
        let upper = ranges
            .iter()
            .filter(|&&(_, hi)| hi >= 0x80)
            .filter_map(|&(lo, hi)| Some((char::from_u32(lo.max(0x80))?, char::from_u32(hi)?)))
            .collect();
        Chars { ascii, upper }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        let v = c as u32;
        if v < 0x80 {
            self.ascii[(v >> 6) as usize] & (1 << (v & 63)) != 0
        } else {
            // ranges are sorted and disjoint; classes here have a handful
            self.upper.iter().any(|&(a, b)| a <= c && c <= b)
        }
    }
}

impl GroupRegex {
    /// Compiles `pattern`; `group` must name a group of it. The error is a
    /// message for the rule file's reader.
    pub fn new(pattern: &str, group: &str) -> Result<GroupRegex, String> {
        let re = Regex::new(pattern).map_err(|e| format!("bad regex: {e}"))?;
        let index = re
            .capture_names()
            .position(|n| n == Some(group))
            .ok_or_else(|| format!("regex needs a named group (?P<{group}>...)"))?;
        // The fast path is an optimisation: any shape or build problem means "slow path".
        let mut top = Vec::new();
        if let Ok(hir) = regex_syntax::parse(pattern) {
            items(&hir, &mut top);
        }
        let starts_anchored = top.first().is_some_and(|x| matches!(x.kind(), HirKind::Look(Look::Start)));
        let fast = Fast::build(&top, group);
        Ok(GroupRegex { re, group: index, fast, starts_anchored })
    }

    /// Whether the fast path applies to this pattern (for tests and diagnostics).
    pub fn has_fast_path(&self) -> bool {
        self.fast.is_some()
    }

    /// The group's span in the leftmost-first match of `hay`, as
    /// `Regex::captures` gives it.
    pub fn group_span(&self, hay: &str) -> Option<(usize, usize)> {
        let m = self.re.find(hay)?;
        self.group_in_match(hay, m.start())
    }

    /// [`group_span`](Self::group_span) for a regex anchored at the start
    /// of `hay` (`^...`): the match can only start at 0, so a yes/no DFA
    /// test replaces the search for its start.
    pub fn group_span_anchored(&self, hay: &str) -> Option<(usize, usize)> {
        if !self.starts_anchored {
            return self.group_span(hay);
        }
        // Most anchors lead nowhere, and the full regex's DFA says so within
        // a few bytes; the fast path could search SUF across the whole window.
        if !self.re.is_match(hay) {
            return None;
        }
        match &self.fast {
            Some(f) => match f.span_checked(hay, 0) {
                Ok(span) => span,
                Err(NotThisShape) => self.slow_span(hay),
            },
            None => self.slow_span(hay),
        }
    }

    /// The group spans of the first `limit` successive matches (as `captures_iter`).
    pub fn group_spans<'a>(&'a self, hay: &'a str, limit: usize) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.re.find_iter(hay).take(limit).filter_map(move |m| self.group_in_match(hay, m.start()))
    }

    /// The group of the match starting at `start` (a match start found by `find`).
    fn group_in_match(&self, hay: &str, start: usize) -> Option<(usize, usize)> {
        if let Some(f) = &self.fast {
            if let Ok(Some(span)) = f.span_checked(hay, start) {
                return Some(span);
            }
        }
        self.slow_span_at(hay, start)
    }

    /// The regex crate's answer, for the match starting at `start`.
    fn slow_span_at(&self, hay: &str, start: usize) -> Option<(usize, usize)> {
        let caps = self.re.captures_at(hay, start)?;
        caps.get(self.group).map(|m| (m.start(), m.end()))
    }

    /// The regex crate's answers for the first `limit` matches (tests compare against it).
    pub fn slow_spans(&self, hay: &str, limit: usize) -> Vec<(usize, usize)> {
        self.re.captures_iter(hay).take(limit).filter_map(|c| c.get(self.group)).map(|m| (m.start(), m.end())).collect()
    }

    /// The regex crate's answer for the first match (tests compare against it).
    pub fn slow_span(&self, hay: &str) -> Option<(usize, usize)> {
        self.re.captures(hay).and_then(|c| c.get(self.group)).map(|m| (m.start(), m.end()))
    }
}

/// Top-level concatenation items (nested concatenations flattened).
fn items(h: &Hir, out: &mut Vec<Hir>) {
    match h.kind() {
        HirKind::Concat(v) => v.iter().for_each(|x| items(x, out)),
        _ => out.push(h.clone()),
    }
}

fn has_capture(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Capture(_) => true,
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_capture),
        HirKind::Repetition(r) => has_capture(&r.sub),
        _ => false,
    }
}

fn build(h: Hir) -> Option<meta::Regex> {
    meta::Builder::new().build_from_hir(&h).ok()
}

/// An unbounded repetition of one class (`C+`, `C{6,}`, `C*?` ...):
/// (class, min, greedy).
fn class_run(h: &Hir) -> Option<(Chars, u32, bool)> {
    let HirKind::Repetition(r) = h.kind() else { return None };
    if r.max.is_some() {
        return None;
    }
    let HirKind::Class(c) = r.sub.kind() else { return None };
    Some((Chars::from_class(c), r.min, r.greedy))
}

/// `C+` / `C{n,}` (greedy) as a [`Body::Run`].
fn greedy_run(h: &Hir) -> Option<Body> {
    let (class, min, greedy) = class_run(h)?;
    greedy.then_some(Body::Run { class, min })
}

/// `C+?` / `C*?` (lazy): (class, min).
fn lazy_run(h: &Hir) -> Option<(Chars, u32)> {
    let (class, min, greedy) = class_run(h)?;
    (!greedy && min <= 1).then_some((class, min))
}

impl Fast {
    /// From the pattern's top-level concatenation items.
    fn build(v: &[Hir], group: &str) -> Option<Fast> {
        let at = v.iter().position(|x| matches!(x.kind(), HirKind::Capture(c) if c.name.as_deref() == Some(group)))?;
        let HirKind::Capture(cap) = v[at].kind() else { return None };
        let body = (*cap.sub).clone();
        let mut pre_items: Vec<Hir> = v[..at].to_vec();
        let skip = match pre_items.last().map(Hir::kind) {
            Some(HirKind::Repetition(r)) if r.min == 0 && r.max.is_none() && !r.greedy => {
                // X must consume something, or the chain would not advance
                (r.sub.properties().minimum_len().unwrap_or(0) > 0).then(|| (*r.sub).clone())
            }
            _ => None,
        };
        if skip.is_some() {
            pre_items.pop();
        }
        let suf_items: Vec<Hir> = v[at + 1..].to_vec();
        // other groups do not change the backtracker's choices, but keep it simple
        if pre_items.iter().chain(&suf_items).any(has_capture) || has_capture(&body) {
            return None;
        }
        let pre = build(Hir::concat(pre_items))?;
        let skip = match skip {
            Some(x) => Some(build(x)?),
            None => None,
        };
        let body = if suf_items.is_empty() {
            greedy_run(&body).map_or_else(|| build(body).map(Body::Tail), Some)?
        } else {
            let mut parts = Vec::new();
            items(&body, &mut parts);
            let (first, (rest, min)) = match parts.as_slice() {
                [run] => (None, lazy_run(run)?),
                [c0, run] => {
                    let HirKind::Class(c) = c0.kind() else { return None };
                    (Some(Chars::from_class(c)), lazy_run(run)?)
                }
                _ => return None,
            };
            Body::Lazy { first, rest, min, suf: build(Hir::concat(suf_items))? }
        };
        Some(Fast { pre, skip, body })
    }

    /// The group span of a match starting at `start`: `Ok(None)` when
    /// nothing matches there (PRE does not), `Err` when the shape's promise
    /// does not hold here (the caller takes the slow path).
    fn span_checked(&self, hay: &str, start: usize) -> Result<Option<(usize, usize)>, NotThisShape> {
        let Some(gs) = self.pre.search_half(&Input::new(hay).range(start..).anchored(Anchored::Yes)) else {
            return Ok(None);
        };
        let mut at = gs.offset();
        loop {
            if let Some(span) = self.span(hay, at) {
                return Ok(Some(span));
            }
            let Some(skip) = &self.skip else { return Err(NotThisShape) };
            match skip.search_half(&Input::new(hay).range(at..).anchored(Anchored::Yes)) {
                Some(m) if m.offset() > at => at = m.offset(),
                _ => return Err(NotThisShape),
            }
        }
    }

    /// The group span after PRE ended at `gs`, if BODY·SUF completes from there.
    fn span(&self, hay: &str, gs: usize) -> Option<(usize, usize)> {
        match &self.body {
            Body::Tail(b) => {
                let end = b.search_half(&Input::new(hay).range(gs..).anchored(Anchored::Yes))?.offset();
                Some((gs, end))
            }
            Body::Run { class, min } => {
                let mut end = gs;
                let mut chars = 0usize;
                for c in hay[gs..].chars().take_while(|&c| class.contains(c)) {
                    end += c.len_utf8();
                    chars += 1;
                }
                (chars >= *min as usize).then_some((gs, end))
            }
            Body::Lazy { first, rest, min, suf } => {
                let mut chars = hay[gs..].char_indices();
                let mut q = gs;
                if let Some(f) = first {
                    let (_, c) = chars.next()?;
                    if !f.contains(c) {
                        return None;
                    }
                    q += c.len_utf8();
                }
                for _ in 0..*min {
                    let (_, c) = chars.next()?;
                    if !rest.contains(c) {
                        return None;
                    }
                    q += c.len_utf8();
                }
                // the shortest run first: the leftmost place SUF matches ends the group
                let m = suf.search(&Input::new(hay).range(q..))?;
                let j = m.start();
                if !hay[q..j].chars().all(|c| rest.contains(c)) {
                    return None;
                }
                Some((gs, j))
            }
        }
    }
}
