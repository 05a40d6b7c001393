//! Shared aggregation machinery: time windows counted back from the request
//! time, and accumulators that take each record once.
//!
//! Every dated event gets a *band*: the smallest window it falls into
//! (band 0 = last 7 days, …, band 6 = last 365 days, band 7 = older or
//! undated). Accumulators keep one partial result per band; the value for
//! window `w` merges bands `0..=w`. So a source is read in a single pass,
//! whatever the number of windows and features.
//!
//! Window `Nd` holds the events with `request_time - N days <= t <=
//! request_time` (both ends inclusive). Events dated after the request time
//! are in no window. Undated events are in the `all` window only.

use chrono::{Datelike, NaiveDateTime};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx hash of rustc) for the
/// per-request maps. Nothing is ever iterated into output order from these
/// maps, so the hash function cannot change a feature value.
#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxHashSet<K> = HashSet<K, FxBuild>;

/// A string key compared and hashed without ASCII case.
#[derive(Clone, Copy, Debug)]
pub struct Caseless<'a>(pub &'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}
impl Eq for Caseless<'_> {}
impl Hash for Caseless<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let b = self.0.as_bytes();
        let mut buf = [0u8; 32];
        for chunk in b.chunks(32) {
            let n = chunk.len();
            buf[..n].copy_from_slice(chunk);
            buf[..n].make_ascii_lowercase();
            h.write(&buf[..n]);
        }
        h.write_u8(0xff);
    }
}

/// Number of windows (and bands).
pub const NW: usize = 8;

/// One time window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Length in days; `None` for all time.
    pub days: Option<u32>,
    /// Name suffix: `7d` … `365d`, `all`.
    pub suffix: &'static str,
    /// Words for meanings: `in the last 7 days`, `over all time`.
    pub phrase: &'static str,
}

/// The windows of every windowed feature, shortest first.
pub const WINDOWS: [Window; NW] = [
    Window { days: Some(7), suffix: "7d", phrase: "in the last 7 days" },
    Window { days: Some(15), suffix: "15d", phrase: "in the last 15 days" },
    Window { days: Some(30), suffix: "30d", phrase: "in the last 30 days" },
    Window { days: Some(60), suffix: "60d", phrase: "in the last 60 days" },
    Window { days: Some(90), suffix: "90d", phrase: "in the last 90 days" },
    Window { days: Some(180), suffix: "180d", phrase: "in the last 180 days" },
    Window { days: Some(365), suffix: "365d", phrase: "in the last 365 days" },
    Window { days: None, suffix: "all", phrase: "over all time" },
];

/// Index of the `all` window / band.
pub const ALL: usize = NW - 1;

const MS_PER_DAY: i64 = 86_400_000;

/// Band of an event at `t` for a request at `req`: `None` when dated after
/// the request time, `ALL` when undated or older than 365 days.
#[inline]
pub fn band(req: NaiveDateTime, t: Option<NaiveDateTime>) -> Option<usize> {
    let Some(t) = t else { return Some(ALL) };
    let age_ms = req.and_utc().timestamp_millis() - t.and_utc().timestamp_millis();
    if age_ms < 0 {
        return None;
    }
    for (i, w) in WINDOWS[..ALL].iter().enumerate() {
        if age_ms <= w.days.unwrap_or(0) as i64 * MS_PER_DAY {
            return Some(i);
        }
    }
    Some(ALL)
}

/// Whole days between `t` and `req` (floor), for `days_since_*` features.
#[inline]
pub fn days_between(req: NaiveDateTime, t: NaiveDateTime) -> i64 {
    (req - t).num_milliseconds().div_euclid(MS_PER_DAY)
}

/// Calendar month key (`year * 12 + month0`).
#[inline]
pub fn month_key(t: NaiveDateTime) -> i32 {
    t.year() * 12 + t.month0() as i32
}

/// Calendar date of an instant as a day number, used for "active days".
#[inline]
pub fn day_key(t: NaiveDateTime) -> i32 {
    t.date().num_days_from_ce()
}

/// India Standard Time offset, used for time-of-day features.
pub const IST_OFFSET_SECONDS: i64 = 19_800;

/// Night = 22:00 to 05:59 India time.
#[inline]
pub fn is_night_ist(t: NaiveDateTime) -> bool {
    let secs = t.and_utc().timestamp() + IST_OFFSET_SECONDS;
    let hour = secs.rem_euclid(86_400) / 3_600;
    !(6..22).contains(&hour)
}

/// Saturday or Sunday, India time.
#[inline]
pub fn is_weekend_ist(t: NaiveDateTime) -> bool {
    let secs = t.and_utc().timestamp() + IST_OFFSET_SECONDS;
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    let weekday = (secs.div_euclid(86_400) + 3).rem_euclid(7);
    weekday >= 5
}

/// A text field that is present and not blank, trimmed (fast path for the
/// common already-clean value).
#[inline]
pub fn text(s: &Option<String>) -> Option<&str> {
    let s = s.as_deref()?;
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (None, _) | (_, None) => None,
        (Some(&f), Some(&l)) if f > b' ' && f < 0x80 && l > b' ' && l < 0x80 => Some(s),
        _ => Some(s.trim()).filter(|t| !t.is_empty()),
    }
}

/// Cumulative windowed values from per-band values.
pub fn cumulate(per_band: &[u64; NW]) -> [u64; NW] {
    let mut out = [0u64; NW];
    let mut acc = 0;
    for b in 0..NW {
        acc += per_band[b];
        out[b] = acc;
    }
    out
}

/// Event counts per band.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    bands: [u64; NW],
}

impl Counts {
    #[inline]
    pub fn add(&mut self, band: usize) {
        self.bands[band] += 1;
    }
    /// Count per window.
    pub fn windows(&self) -> [u64; NW] {
        cumulate(&self.bands)
    }
}

/// Float sums per band (durations, amounts without the rest of [`Amounts`]).
#[derive(Clone, Debug, Default)]
pub struct Sums {
    bands: [f64; NW],
}

impl Sums {
    #[inline]
    pub fn add(&mut self, band: usize, x: f64) {
        self.bands[band] += x;
    }
    pub fn windows(&self) -> [f64; NW] {
        let mut out = [0.0; NW];
        let mut acc = 0.0;
        for (o, x) in out.iter_mut().zip(&self.bands) {
            acc += x;
            *o = acc;
        }
        out
    }
}

/// Summary of a set of amounts in one window.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Matching events (with or without an amount).
    pub count: u64,
    /// Events that had an amount.
    pub n: u64,
    pub sum: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub median: Option<f64>,
}

impl Summary {
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Band {
    count: u64,
    n: u64,
    sum: f64,
    min: Option<f64>,
    max: Option<f64>,
}

/// Count / sum / min / max / mean / median of an amount per window.
#[derive(Clone, Debug, Default)]
pub struct Amounts {
    bands: [Band; NW],
    keep_values: bool,
    /// (amount, band) of every amount, for medians.
    values: Vec<(f64, u8)>,
}

impl Amounts {
    /// `with_median`: keep the values so medians can be computed.
    pub fn new(with_median: bool) -> Amounts {
        Amounts { keep_values: with_median, ..Default::default() }
    }

    /// One matching event, with its amount when it has one.
    #[inline]
    pub fn add(&mut self, band: usize, amount: Option<f64>) {
        let b = &mut self.bands[band];
        b.count += 1;
        if let Some(x) = amount {
            b.n += 1;
            b.sum += x;
            b.min = Some(b.min.map_or(x, |m| m.min(x)));
            b.max = Some(b.max.map_or(x, |m| m.max(x)));
            if self.keep_values {
                self.values.push((x, band as u8));
            }
        }
    }

    /// Summary per window (medians only when built `with_median`; sorts the
    /// kept amounts in place).
    pub fn windows(&mut self) -> [Summary; NW] {
        let mut out = [Summary::default(); NW];
        let mut acc = Summary::default();
        for (o, b) in out.iter_mut().zip(&self.bands) {
            acc.count += b.count;
            acc.n += b.n;
            acc.sum += b.sum;
            acc.min = opt_min(acc.min, b.min);
            acc.max = opt_max(acc.max, b.max);
            *o = acc;
        }
        if self.keep_values && !self.values.is_empty() {
            // Sort once by amount; the median of window `w` is then found
            // by walking the sorted amounts whose band is within `w`.
            self.values.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            for (w, o) in out.iter_mut().enumerate() {
                o.median = sorted_median(&self.values, w as u8, o.n);
            }
        }
        out
    }
}

/// Median of the amounts with band `<= w` in `sorted` (sorted by amount),
/// `n` of them.
fn sorted_median(sorted: &[(f64, u8)], w: u8, n: u64) -> Option<f64> {
    if n == 0 {
        return None;
    }
    let hi = n / 2; // 0-based rank of the upper middle
    let lo = if n % 2 == 1 { hi } else { hi - 1 };
    let mut rank = 0u64;
    let mut lo_val = None;
    for &(x, b) in sorted {
        if b > w {
            continue;
        }
        if rank == lo {
            lo_val = Some(x);
        }
        if rank == hi {
            return lo_val.map(|l| (l + x) / 2.0);
        }
        rank += 1;
    }
    None
}

fn opt_min(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn opt_max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Median of the values (reorders them); `None` when empty.
pub fn median_in_place(v: &mut [f64]) -> Option<f64> {
    let n = v.len();
    if n == 0 {
        return None;
    }
    let cmp = |a: &f64, b: &f64| a.total_cmp(b);
    let mid = n / 2;
    let (left, m, _) = v.select_nth_unstable_by(mid, cmp);
    let upper = *m;
    if n % 2 == 1 {
        Some(upper)
    } else {
        let lower = left.iter().copied().max_by(cmp).unwrap_or(upper);
        Some((lower + upper) / 2.0)
    }
}

/// Number of distinct keys per window: a key counts in window `w` when it
/// occurs at least once in bands `0..=w`.
#[derive(Clone, Debug)]
pub struct Distinct<K: Eq + Hash> {
    best: FxHashMap<K, u8>,
}

impl<K: Eq + Hash> Default for Distinct<K> {
    fn default() -> Self {
        Distinct { best: FxHashMap::default() }
    }
}

impl<K: Eq + Hash> Distinct<K> {
    #[inline]
    pub fn add(&mut self, band: usize, key: K) {
        let b = band as u8;
        self.best.entry(key).and_modify(|e| *e = (*e).min(b)).or_insert(b);
    }
    /// Distinct keys per window.
    pub fn windows(&self) -> [u64; NW] {
        let mut per_band = [0u64; NW];
        for &b in self.best.values() {
            per_band[b as usize] += 1;
        }
        cumulate(&per_band)
    }
    /// Distinct keys over all bands.
    pub fn total(&self) -> u64 {
        self.best.len() as u64
    }
}

/// Number of distinct calendar days per window, without hashing for the
/// recent days (an array indexed by day age; older days go to a set).
#[derive(Clone, Debug)]
pub struct DistinctDays {
    req_day: i32,
    recent: Box<[u8; RECENT_DAYS]>,
    older: FxHashSet<i32>,
}

const RECENT_DAYS: usize = 400;
const NONE: u8 = u8::MAX;

impl DistinctDays {
    pub fn new(req: NaiveDateTime) -> DistinctDays {
        DistinctDays { req_day: day_key(req), recent: Box::new([NONE; RECENT_DAYS]), older: FxHashSet::default() }
    }
    /// An event on day `day` (from [`day_key`]) in `band`.
    #[inline]
    pub fn add(&mut self, band: usize, day: i32) {
        let age = self.req_day - day;
        if (0..RECENT_DAYS as i32).contains(&age) {
            let slot = &mut self.recent[age as usize];
            *slot = (*slot).min(band as u8);
        } else {
            self.older.insert(day);
        }
    }
    pub fn windows(&self) -> [u64; NW] {
        let mut per_band = [0u64; NW];
        for &b in self.recent.iter() {
            if b != NONE {
                per_band[b as usize] += 1;
            }
        }
        per_band[ALL] += self.older.len() as u64;
        cumulate(&per_band)
    }
}

/// The most recent dated value per window (`latest` = greatest time; ties
/// keep the first seen, so the result follows input order, not hashing).
#[derive(Clone, Debug, Default)]
pub struct Latest {
    bands: [Option<(NaiveDateTime, f64)>; NW],
}

impl Latest {
    #[inline]
    pub fn add(&mut self, band: usize, t: NaiveDateTime, x: f64) {
        let slot = &mut self.bands[band];
        match slot {
            Some((bt, _)) if *bt >= t => {}
            _ => *slot = Some((t, x)),
        }
    }
    /// Latest value per window.
    pub fn windows(&self) -> [Option<f64>; NW] {
        let mut out = [None; NW];
        let mut cur: Option<f64> = None;
        for (o, b) in out.iter_mut().zip(&self.bands) {
            if cur.is_none() {
                cur = b.map(|(_, x)| x);
            }
            *o = cur;
        }
        out
    }
}

/// Earliest and latest event time (events dated up to the request time).
#[derive(Clone, Copy, Debug, Default)]
pub struct Span {
    pub first: Option<NaiveDateTime>,
    pub last: Option<NaiveDateTime>,
}

impl Span {
    #[inline]
    pub fn add(&mut self, t: NaiveDateTime) {
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        self.last = Some(self.last.map_or(t, |l| l.max(t)));
    }
    pub fn days_since_first(&self, req: NaiveDateTime) -> Option<i64> {
        self.first.map(|t| days_between(req, t))
    }
    pub fn days_since_last(&self, req: NaiveDateTime) -> Option<i64> {
        self.last.map(|t| days_between(req, t))
    }
    /// Whole days from the first to the last event.
    pub fn span_days(&self) -> Option<i64> {
        match (self.first, self.last) {
            (Some(f), Some(l)) => Some(days_between(l, f)),
            _ => None,
        }
    }
}

/// Ratio `a / b`, `None` when `b` is zero.
#[inline]
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}
