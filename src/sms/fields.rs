//! Field extraction over the lower-cased message and its lexicon hits:
//! money mentions and their roles, the user's account digits, dates.
//! Hand-written scanners (no regex) because they run on every message.

use super::text::{Hit, Lexicon};

/// What a quoted sum of money is, judged from the words just before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The amount the message is about (moved, attempted, announced).
    Txn,
    Balance,
    /// A ledger balance (`Ledger Bal: Rs.3,215.40`): the balance only when
    /// no available balance is stated beside it (a lien makes them differ).
    Ledger,
    /// A credit limit (never a balance).
    Limit,
    /// Total / amount due, outstanding.
    Due,
    MinDue,
    /// A ceiling (`max amount upto`) — never the transaction.
    Cap,
    /// A fee or charge (`bounce charges of rs 590`, `late fee of rs 500`):
    /// the transaction only when the message quotes nothing else.
    Fee,
}

#[derive(Debug, Clone, Copy)]
pub struct Money {
    /// Start of the mention (currency marker or number).
    pub start: usize,
    pub num_start: usize,
    pub end: usize,
    pub value: f64,
    pub role: Role,
    /// A minus sign before the number (`bal rs -1,200.50`, `balance is
    /// -579822.00`, `total due: inr -1,234.00`).
    pub minus: bool,
    /// A debit mark after the number (`bal 500.00 dr`), or a `debit_balance`
    /// word before it (`debit balance of rs.2,118.50`). Only a balance
    /// reads it as a sign: after a sum that moved it says the direction
    /// (`rs.80.00 dr. from a/c`), and after a card's total due it says the
    /// sum is owed.
    pub dr: bool,
    /// A credit mark after a number printed with paise (`inr 4,000.00 cr`,
    /// `rs.45,000.00 cr.`). Only the direction reads it, and only when no
    /// word says which way the money went ([`Money::sign`]); a bare `cr`
    /// after a round number is as likely a crore (`loan up to rs 1 cr`).
    pub cr: bool,
    /// The result of a sum worked out in the text (`EMI Rs.2,340 + late fee
    /// Rs.300 = Rs.2,640`): what is owed when the message asks for a due
    /// ([`equation_parts`]).
    pub total: bool,
}

impl Money {
    /// The value as a balance: negative when printed as a debit figure (an
    /// overdrawn account or a loan account's outstanding).
    pub fn balance(&self) -> f64 {
        if self.minus || self.dr { -self.value } else { self.value }
    }

    /// The direction a sum's own mark gives, for a sum that moved: a debit
    /// for `rs.12,500.00 dr.`, `rs.2,500.00(-)` or `-rs.3,600.00`; a credit
    /// for `inr 4,000.00 cr`, `rs.25.00(+)` or `+rs.25,000.00` (`b` is the
    /// text the mention was found in).
    pub fn sign(&self, b: &[u8]) -> Option<bool> {
        let plus = self.start > 0 && b[self.start - 1] == b'+';
        match (self.dr || self.minus, self.cr || plus) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

    /// The value as a due: negative only with a minus sign (a card in
    /// credit: `total amount due: inr -1,234.00`).
    pub fn due(&self) -> f64 {
        if self.minus { -self.value } else { self.value }
    }
}

/// Whether the separators between a marker and its number end in a minus
/// sign: a `-` after a space or the marker's dot (`rs -350`, `rs.-350`).
/// A `-` right after the marker or after `:`/`=` is punctuation (`bal:-350`,
/// `rs-350`, the Indian `:-`), unless the same message prints `rs:` without
/// the dash, or the marker without a dash, before another sum
/// ([`find_money_into`]).
fn minus_sign(seps: &[u8]) -> bool {
    matches!(seps, [.., b' ' | b'\t' | b'.', b'-'])
}

/// The debit or credit mark after the number ending at `end`: `dr`, ` dr`,
/// `(dr)`, `dr.` (not a longer word such as `drawn`), `(-)`; likewise `cr`
/// and `(+)`. A `cr` counts only after paise and three or more rupee digits
/// (`4,000.00 cr`), since `rs 1.25 cr` is a crore. Returns (debit mark,
/// credit mark).
fn sign_marks(b: &[u8], num_start: usize, end: usize) -> (bool, bool) {
    let mut i = end;
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    if b[i..].starts_with(b"(-)") {
        return (true, false);
    }
    if b[i..].starts_with(b"(+)") {
        return (false, true);
    }
    if b.get(i) == Some(&b'(') {
        i += 1;
    }
    let mark = |m: &[u8]| b.len() >= i + 2 && &b[i..i + 2] == m && !b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric);
    let paise = end >= num_start + 6 && b[end - 3] == b'.' && b[end - 2..end].iter().all(u8::is_ascii_digit);
    (mark(b"dr"), paise && mark(b"cr"))
}

/// Class ids the scanners need.
#[derive(Debug, Clone, Copy)]
pub struct FieldClasses {
    pub currency: usize,
    pub bare_lead: usize,
    pub balance: usize,
    pub ledger: usize,
    /// A balance printed as owed (`debit balance of rs.2,118.50`): the
    /// amount after it is a negative balance.
    pub debit_balance: usize,
    pub limit: usize,
    pub due: usize,
    pub min_due: usize,
    pub cap: usize,
    pub fee: usize,
    pub account: usize,
    pub account_mask: usize,
    pub account_exclude: usize,
    pub due_date: usize,
    /// Direction-word classes (debit, credit) and `not_balance`: they reset
    /// an amount's role to "transaction" (`balance is debited for INR 250`,
    /// `insufficient balance. chgs rs 295`).
    pub reset: [usize; 3],
}

/// What each lexicon phrase is to the scanners here, worked out once when
/// the rules load: the scanners ask it of every hit, and a phrase's class
/// list would otherwise be searched once per question.
#[derive(Debug, Clone)]
pub struct FieldWords {
    kinds: Vec<WordKind>,
}

#[derive(Debug, Clone, Copy, Default)]
struct WordKind {
    flags: u8,
    /// The role this word gives a following amount (its first role class).
    role: Option<Role>,
}

const CURRENCY: u8 = 1;
const BARE_LEAD: u8 = 2;
const ACCOUNT: u8 = 4;
const ACCOUNT_MASK: u8 = 8;
const ACCOUNT_EXCLUDE: u8 = 16;
const DUE_DATE: u8 = 32;
const DEBIT_BALANCE: u8 = 64;

impl FieldWords {
    pub fn new(fc: &FieldClasses, lex: &Lexicon) -> FieldWords {
        let kinds = lex.per_phrase(|cls| {
            let has = |c: usize| cls.iter().any(|&x| x as usize == c);
            let flag = |c: usize, f: u8| if has(c) { f } else { 0 };
            let flags = flag(fc.currency, CURRENCY)
                | flag(fc.bare_lead, BARE_LEAD)
                | flag(fc.account, ACCOUNT)
                | flag(fc.account_mask, ACCOUNT_MASK)
                | flag(fc.account_exclude, ACCOUNT_EXCLUDE)
                | flag(fc.due_date, DUE_DATE)
                | flag(fc.debit_balance, DEBIT_BALANCE);
            let role = cls.iter().find_map(|&c| {
                let c = c as usize;
                if c == fc.balance || c == fc.debit_balance {
                    Some(Role::Balance)
                } else if c == fc.ledger {
                    Some(Role::Ledger)
                } else if c == fc.limit {
                    Some(Role::Limit)
                } else if c == fc.min_due {
                    Some(Role::MinDue)
                } else if c == fc.due {
                    Some(Role::Due)
                } else if c == fc.cap {
                    Some(Role::Cap)
                } else if c == fc.fee {
                    Some(Role::Fee)
                } else if fc.reset.contains(&c) {
                    Some(Role::Txn)
                } else {
                    None
                }
            });
            WordKind { flags, role }
        });
        FieldWords { kinds }
    }

    #[inline]
    fn kind(&self, h: &Hit) -> WordKind {
        self.kinds[h.phrase as usize]
    }
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parse an amount starting exactly at `i` (`1,23,456.78`, `500`, `5.000`).
/// Returns (end, value). Rejects masked numbers (`1xxx`).
pub fn parse_number(b: &[u8], i: usize) -> Option<(usize, f64)> {
    if i >= b.len() || !b[i].is_ascii_digit() {
        return None;
    }
    let mut j = i;
    let mut buf = [0u8; 32];
    let mut n = 0usize;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            if n < buf.len() {
                buf[n] = c;
                n += 1;
            }
            j += 1;
        } else if c == b',' && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
            j += 1;
        } else {
            break;
        }
    }
    if j < b.len() && b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
        if n < buf.len() {
            buf[n] = b'.';
            n += 1;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            if n < buf.len() {
                buf[n] = b[j];
                n += 1;
            }
            j += 1;
        }
    }
    if j < b.len() && matches!(b[j], b'x' | b'*') {
        return None;
    }
    if n > 20 {
        return None;
    }
    // fast exact path: <= 15 significant digits and <= 22 decimals give an
    // integer and a power of ten that are exact in f64, so one division is
    // correctly rounded, i.e. identical to `str::parse`
    let mut mant = 0u64;
    let mut digits = 0usize;
    let mut frac: Option<usize> = None;
    for &c in &buf[..n] {
        if c == b'.' {
            frac = Some(0);
        } else {
            // Only the fast path (<= 15 digits) reads `mant`; longer runs
            // (up to 20 digits, more than u64 holds) go through `str::parse`.
            if digits < 15 {
                mant = mant * 10 + (c - b'0') as u64;
            }
            digits += 1;
            if let Some(f) = frac.as_mut() {
                *f += 1;
            }
        }
    }
    let k = frac.unwrap_or(0);
    let v: f64 = if digits <= 15 && k < POW10.len() {
        mant as f64 / POW10[k]
    } else {
        let s = std::str::from_utf8(&buf[..n]).ok()?;
        s.parse().ok()?
    };
    if !v.is_finite() {
        return None;
    }
    Some((j, v))
}

/// Whether the separators between a currency marker and its digits end in a
/// decimal point rather than the marker's own abbreviation dot: `..` (`Rs..50`)
/// or a point after a space (`USD .28`). A lone `.` (`Rs.50`) is the marker's.
fn leading_point(seps: &[u8]) -> bool {
    matches!(seps, [.., b'.' | b' ' | b'\t', b'.'])
}

fn skip_seps(b: &[u8], mut i: usize, max: usize) -> usize {
    let lim = (i + max).min(b.len());
    while i < lim && matches!(b[i], b' ' | b'.' | b':' | b'-' | b'=' | b'\t') {
        i += 1;
    }
    i
}

/// Skip a currency word (`rs`, `inr`, `₹`) at `i`, e.g. in `INR Rs.500`.
fn skip_currency_word(b: &[u8], i: usize) -> usize {
    for w in [&b"inr"[..], b"rs", "\u{20b9}".as_bytes()] {
        if b.len() >= i + w.len() && &b[i..i + w.len()] == w {
            return i + w.len();
        }
    }
    i
}

/// A lakh or crore word after a number (` lakh`, ` lakhs`, ` lac`, ` crore`):
/// its multiplier and length.
fn indian_multiplier(rest: &[u8]) -> Option<(f64, usize)> {
    let sp = rest.iter().take_while(|&&c| c == b' ').count();
    if sp > 1 {
        return None;
    }
    let w = &rest[sp..];
    let len = w.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let mult = match &w[..len] {
        b"lakh" | b"lakhs" | b"lac" | b"lacs" => 1e5,
        b"crore" | b"crores" => 1e7,
        _ => return None,
    };
    Some((mult, sp + len))
}

/// Find every money mention: numbers after a currency marker, and bare
/// numbers right after a lead word (`debited by 100.00`, `bal 27000.00`).
pub fn find_money(low: &str, hits: &[Hit], fw: &FieldWords) -> Vec<Money> {
    let mut out = Vec::new();
    find_money_into(low, hits, fw, &mut out);
    out
}

/// [`find_money`] into a reused buffer (cleared first).
pub fn find_money_into(low: &str, hits: &[Hit], fw: &FieldWords, out: &mut Vec<Money>) {
    let b = low.as_bytes();
    out.clear();
    // `Rs:354.00` beside `Rs:-354.00`: a writer who puts `:` after the marker
    // makes the `-` of `:-` a sign (Union Bank's `Avl Bal Rs:-1,270.00`)
    let mut colon_plain = false;
    let mut colon_dash: u64 = 0;
    // `Rs.295.00 debited ... AvlBal:Rs-295.00`: a `-` glued to a marker the
    // same message prints elsewhere without one is a sign (Bank of Baroda)
    let mut dash_glued: u64 = 0;
    for h in hits {
        let flags = fw.kind(h).flags;
        let is_cur = flags & CURRENCY != 0;
        let is_lead = flags & BARE_LEAD != 0;
        if !is_cur && !is_lead {
            continue;
        }
        let mut run = h.end as usize;
        let mut i = skip_seps(b, run, 3);
        if is_cur {
            let k = skip_currency_word(b, i);
            if k != i {
                run = k;
                i = skip_seps(b, k, 3);
            }
        }
        let Some((mut end, mut value)) = parse_number(b, i) else {
            // a currency code after its number (`1,36,412.80 INR has been sent`)
            if is_cur {
                if let Some(m) = number_before_code(b, h.start as usize, h.end as usize) {
                    if !out.iter().any(|o| o.num_start == m.num_start) {
                        out.push(m);
                    }
                }
            }
            continue;
        };
        // `rs 3.2 lakh`, `rs 1.5 crore`
        if is_cur {
            if let Some((mult, n)) = indian_multiplier(&b[end..]) {
                // to the paisa: 1.15 * 1e5 is 114999.99999999999 in binary
                value = (value * mult * 100.0).round() / 100.0;
                end += n;
            }
        }
        if is_cur && leading_point(&b[run..i]) && b[i..end].iter().all(u8::is_ascii_digit) && end - i <= 2 {
            // `Rs..50`, `USD .28`: the number starts at its decimal point
            value /= POW10[end - i];
        }
        if is_lead && !is_cur {
            // bare number: not a date/time/phone, not glued to a mask
            if end < b.len() && matches!(b[end], b'-' | b'/' | b':') && end + 1 < b.len() && b[end + 1].is_ascii_digit() {
                continue;
            }
            if end - i > 12 {
                continue;
            }
        }
        if out.iter().any(|m| m.num_start == i) {
            continue;
        }
        // `bal: -rs 1,200.00`: the sign before the marker, after a space
        let sign_before_marker = is_cur && h.start >= 2 && b[h.start as usize - 1] == b'-' && matches!(b[h.start as usize - 2], b' ' | b'\t');
        let minus = minus_sign(&b[run..i]) || sign_before_marker;
        if is_cur {
            match &b[run..i] {
                b":" => colon_plain = true,
                b":-" if out.len() < 64 => colon_dash |= 1 << out.len(),
                b"-" if out.len() < 64 => dash_glued |= 1 << out.len(),
                _ => {}
            }
        }
        let (dr, cr) = sign_marks(b, i, end);
        out.push(Money { start: h.start as usize, num_start: i, end, value, role: Role::Txn, minus, dr, cr, total: false });
    }
    if colon_plain {
        for (k, m) in out.iter_mut().enumerate().take(64) {
            if colon_dash & (1 << k) != 0 {
                m.minus = true;
            }
        }
    }
    if dash_glued != 0 {
        for k in 0..out.len().min(64) {
            if dash_glued & (1 << k) == 0 {
                continue;
            }
            let marker = marker_of(b, &out[k]);
            let plain_elsewhere = out.iter().enumerate().any(|(j, m)| {
                j != k && dash_glued & (1 << j) == 0 && marker_of(b, m) == marker && !b[m.start..m.num_start].contains(&b'-')
            });
            if plain_elsewhere {
                out[k].minus = true;
            }
        }
    }
    out.sort_by_key(|m| m.num_start);
}

/// A number right before a currency code, `1,250.00 gbp`, `2,500 रुपये`
/// (a code in letters or a currency word in an Indian script, one space
/// between, the number a word of its own): the mention of
/// `[code_start, code_end)` when nothing follows the code as its number.
fn number_before_code(b: &[u8], code_start: usize, code_end: usize) -> Option<Money> {
    let code = &b[code_start..code_end];
    let word = code.iter().all(u8::is_ascii_alphabetic) || code.iter().all(|c| !c.is_ascii() || *c == b'.');
    if code_start < 2 || b[code_start - 1] != b' ' || !word {
        return None;
    }
    let stop = code_start - 1;
    let mut j = stop;
    while j > 0 && (b[j - 1].is_ascii_digit() || matches!(b[j - 1], b',' | b'.')) {
        j -= 1;
    }
    if j == stop || !b[j].is_ascii_digit() || (j > 0 && !matches!(b[j - 1], b' ' | b'(' | b'\n' | b':')) {
        return None;
    }
    let (end, value) = parse_number(b, j)?;
    (end == stop || (end + 1 == stop && b[end] == b'.')).then_some(Money { start: j, num_start: j, end, value, role: Role::Txn, minus: false, dr: false, cr: false, total: false })
}

/// The currency marker of a mention (`rs` of `rs.-350`, `inr` of `inr 500`).
fn marker_of<'b>(b: &'b [u8], m: &Money) -> &'b [u8] {
    let text = &b[m.start..m.num_start];
    let len = text.iter().position(|c| matches!(c, b' ' | b'\t' | b'.' | b':' | b'-' | b'=')).unwrap_or(text.len());
    &text[..len]
}

/// Window (bytes) before a mention searched for role words.
const ROLE_WINDOW: usize = 64;

/// Give each mention a role from the last role word in the window before it
/// (bounded by the previous mention); then the parts of a bracketed
/// breakdown become side amounts ([`breakdown_parts`]).
pub fn assign_roles(low: &str, monies: &mut [Money], hits: &[Hit], fw: &FieldWords) {
    let mut prev_end = 0usize;
    for m in monies.iter_mut() {
        let lo = prev_end.max(m.start.saturating_sub(ROLE_WINDOW));
        let mut best: Option<(usize, usize, Role, u8)> = None; // (end, len, role, flags)
        for h in hits {
            let (s, e) = (h.start as usize, h.end as usize);
            if s >= m.num_start {
                break;
            }
            if s < lo || e > m.num_start {
                continue;
            }
            let kind = fw.kind(h);
            if let Some(role) = kind.role {
                let len = e - s;
                let better = match best {
                    None => true,
                    Some((be, bl, _, _)) => e > be || (e == be && len > bl),
                };
                if better {
                    best = Some((e, len, role, kind.flags));
                }
            }
        }
        if let Some((_, _, role, flags)) = best {
            m.role = role;
            // `debit balance of rs.2,118.50`: read as a debit figure
            if flags & DEBIT_BALANCE != 0 {
                m.dr = true;
            }
        }
        prev_end = m.end;
    }
    breakdown_parts(low.as_bytes(), monies);
    equation_parts(low.as_bytes(), monies);
    schedule_parts(low.as_bytes(), monies);
}

/// A sum quoted as a schedule, times a count and no result (`EMI Rs.7,165 x
/// 6 from 02-01-2030`, `Rs.2,395*9`): an instalment plan beside the sum
/// that moved, a side amount however near the verb (`loan of Rs.42,990 ...
/// disbursed to the dealer. EMI Rs.7,165 x 6`). With a result
/// (`Rs.500 x 2 = Rs.1,000`) it is [`equation_parts`]' term.
fn schedule_parts(b: &[u8], monies: &mut [Money]) {
    for m in monies.iter_mut().filter(|m| matches!(m.role, Role::Txn | Role::Due)) {
        let mut i = m.end;
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'x' | b'*')) {
            continue;
        }
        i += 1;
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        let digits = b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        let after = &b[(i + digits).min(b.len())..];
        // the count is a word of its own (`x 6 from`, `x 36.`), not `x 6.5` or `x1234`
        let glued = |c: &u8| c.is_ascii_alphanumeric() || (matches!(c, b'.' | b',') && after.get(1).is_some_and(u8::is_ascii_digit));
        let word_ends = after.first().is_none_or(|c| !glued(c));
        let result = after.iter().take(8).any(|&c| c == b'=');
        if (1..=3).contains(&digits) && word_ends && !result {
            m.role = Role::Fee;
        }
    }
}

/// A sum and a bracket soon after it that quotes sums: `Rs.118 (Rs.100 +
/// GST Rs.18) debited`, `Rs.5,000 (Rs.4,500 principal and Rs.500 interest)`,
/// `USD 120.00 (approx INR 10,050.40)`, `Pension Rs.42,780 for Oct-2028
/// (incl DR arrear Rs.4,368) credited`. The bracket's sums are parts or
/// another rendering of the first, side amounts like a fee, so the sum as
/// printed first is the transaction even when a part stands nearer the
/// debit word (a foreign spend keeps its own currency's figure, as the
/// corpus labels `USD 11.80 spent`). The first sum may itself be a side
/// amount (`Maturity value Rs.1,31,688 (deposits Rs.1,20,000 + interest
/// Rs.11,688) credited`): its parts are no nearer the transaction.
fn breakdown_parts(b: &[u8], monies: &mut [Money]) {
    /// How far after the sum its bracket may open (`for oct-2028 (`).
    const GAP: usize = 24;
    let mut k = 0;
    while k < monies.len() {
        let from = monies[k].end;
        let limit = b.len().min(from + GAP);
        // the bracket opens before any sentence break and any other sum
        let open = b[from..limit]
            .iter()
            .position(|&c| matches!(c, b'(' | b';' | b'\n'))
            .map(|p| from + p)
            .filter(|&i| b[i] == b'(' && !sentence_break(&b[from..i]) && monies.get(k + 1).is_none_or(|m| m.start > i));
        let close = open.and_then(|i| b[i..b.len().min(i + 80)].iter().position(|&c| c == b')').map(|p| i + p));
        let Some(close) = close.filter(|_| matches!(monies[k].role, Role::Txn | Role::Fee | Role::Due)) else {
            k += 1;
            continue;
        };
        let parts = monies[k + 1..].iter().take_while(|m| m.end <= close).count();
        for m in &mut monies[k + 1..k + 1 + parts] {
            if m.role == Role::Txn {
                m.role = Role::Fee;
            }
        }
        k += 1 + parts;
    }
}

/// A full stop that ends a sentence (`. ` not part of a number or `rs.`).
fn sentence_break(t: &[u8]) -> bool {
    t.windows(2).any(|w| w[0] == b'.' && w[1] == b' ')
}

/// A sum worked out in the text: `Principal Rs.2,00,000 + Interest
/// Rs.14,862 - TDS Rs.1,486 = Rs.2,13,375.80 credited`, `200 shares x
/// Rs.11.00 = Rs.2,200.00`, `Basic Rs.34,400 + DR Rs.18,232 = Net
/// Rs.52,632`. The sum after `=` is what moved or is owed; the terms before
/// it are parts (side amounts), however near the verb. A sum of fees alone
/// (`charges Rs.100 + GST Rs.18 = Rs.118`) is a fee.
fn equation_parts(b: &[u8], monies: &mut [Money]) {
    // the text between two mentions opens with one of `ops` (a short gap)
    let joined = |from: usize, to: usize, ops: &[u8]| -> bool {
        to >= from && to - from <= 40 && b[from..to].iter().find(|c| !c.is_ascii_whitespace()).is_some_and(|c| ops.contains(c))
    };
    for j in 1..monies.len() {
        if monies[j].start.saturating_sub(monies[j - 1].end) > 12 || !joined(monies[j - 1].end, monies[j].start, b"=") {
            continue;
        }
        let mut first = j - 1;
        while first > 0 && joined(monies[first - 1].end, monies[first].start, b"+-x*&") {
            first -= 1;
        }
        let fees_only = monies[first..j].iter().all(|m| m.role == Role::Fee);
        for m in &mut monies[first..j] {
            if matches!(m.role, Role::Txn | Role::Due | Role::MinDue) {
                m.role = Role::Fee;
            }
        }
        if monies[j].role == Role::Txn {
            if fees_only {
                monies[j].role = Role::Fee;
            } else {
                monies[j].total = true;
            }
        }
    }
}

/// Parse a masked/plain account token at `i`: `XX1234`, `*8175`, `...5494`,
/// `074-260***-006`, `4xxx1121`, `1234567890`, `sba1234`. Returns the
/// user-visible trailing digits (last 4 when longer) and whether it was masked.
pub fn parse_account_token(b: &[u8], mut i: usize) -> Option<(String, bool)> {
    // a mask of Unicode bullets (`••8123`, Google Pay)
    const BULLET: &[u8] = "\u{2022}".as_bytes();
    if b[i..].starts_with(BULLET) {
        while b[i..].starts_with(BULLET) {
            i += BULLET.len();
        }
        let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let ends = b.get(i + n).is_none_or(|c| !c.is_ascii_alphanumeric());
        return ((2..=6).contains(&n) && ends).then(|| (String::from_utf8_lossy(&b[i + n.saturating_sub(4)..i + n]).into_owned(), true));
    }
    // up to 3 letters glued before digits (SBA1234) when not a mask letter
    let start = i;
    let mut letters = 0;
    while i < b.len() && b[i].is_ascii_alphabetic() && b[i] != b'x' && letters < 4 {
        i += 1;
        letters += 1;
    }
    if letters > 0 && !(letters <= 3 && i < b.len() && b[i].is_ascii_digit()) {
        i = start;
        if b.get(i).is_some_and(|c| c.is_ascii_alphabetic() && *c != b'x') {
            return None;
        }
    }
    let tok_start = i;
    while i < b.len() && matches!(b[i], b'0'..=b'9' | b'x' | b'*' | b'.' | b'-' | b'#') {
        i += 1;
    }
    // a mask and its 3-5 digits apart (`card ** 11004`, `a/c xx 1234`); not
    // a date or a longer number that happens to follow a mask
    if i > tok_start && b[tok_start..i].iter().all(|c| matches!(c, b'x' | b'*' | b'#')) && b.get(i) == Some(&b' ') {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let ends_word = match b.get(j) {
            None => true,
            Some(b'.') => !b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric),
            Some(&c) => c.is_ascii_whitespace() || matches!(c, b',' | b';' | b')'),
        };
        if (3..=5).contains(&(j - i - 1)) && ends_word {
            i = j;
        }
    }
    // a token glued to further letters (other than masks) is a word, not an account
    let mut end = i;
    while end > tok_start && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let tok = &b[tok_start..end];
    if tok.is_empty() {
        return None;
    }
    let masked = tok.iter().any(|c| matches!(c, b'x' | b'*' | b'.' | b'#'));
    let mut d = tok.len();
    while d > 0 && tok[d - 1].is_ascii_digit() {
        d -= 1;
    }
    let digits = &tok[d..];
    if digits.len() < 2 {
        return None;
    }
    if !masked {
        if tok.contains(&b'-') || digits.len() < 3 || digits.len() > 20 {
            return None;
        }
        // a plain number followed by a date/amount continuation is not an account
        if i < b.len() && matches!(b[i], b'/' | b':' | b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
    } else if tok[..d].iter().all(|c| c.is_ascii_digit() || *c == b'-') {
        return None;
    }
    let keep = if digits.len() > 4 { &digits[digits.len() - 4..] } else { digits };
    Some((String::from_utf8_lossy(keep).into_owned(), masked))
}

/// Whether the mask at `at` sits inside a masked Indian mobile number: ten
/// characters of digits and masks starting with 6-9 (`98xxxxxx12`), or twelve
/// with the country code `91` glued on. Account masks with leading digits (`4xxx1121`,
/// `0123xxxx4567`) differ in length or first digit.
fn masked_mobile_at(b: &[u8], at: usize) -> bool {
    let mut s = at;
    while s > 0 && digit_or_mask(b[s - 1]) {
        s -= 1;
    }
    let mut e = at;
    while e < b.len() && digit_or_mask(b[e]) {
        e += 1;
    }
    if e < b.len() && b[e].is_ascii_alphabetic() {
        return false;
    }
    let mut tok = &b[s..e];
    if tok.len() == 12 && tok.starts_with(b"91") {
        tok = &tok[2..];
    }
    tok.len() == 10
        && matches!(tok[0], b'6'..=b'9')
        && tok.iter().any(|c| matches!(c, b'x' | b'*'))
        && tok.last().is_some_and(u8::is_ascii_digit)
}

/// Whether the mask at `at` sits in brackets right after a payee named by
/// `to` (`sent to vikram rao (icici ••2290)`): the payee's account.
fn payee_bracket_at(b: &[u8], at: usize) -> bool {
    // the bank's name may stand between (`(bank of maharashtra ••3012)`)
    let lo = at.saturating_sub(32);
    let Some(open) = b[lo..at].iter().rposition(|&c| c == b'(').map(|p| lo + p) else { return false };
    if b[open..at].contains(&b')') {
        return false;
    }
    let before = &b[open.saturating_sub(48)..open];
    let last = |pat: &[u8]| before.windows(pat.len()).rposition(|w| w == pat);
    // the nearest `to`, not a later `from` (`paid to x from paytm upi (axis bank ****2207)`)
    match (last(b" to "), last(b" from ")) {
        (Some(t), f) => {
            f.is_none_or(|f| f < t) && !before[t..].windows(5).any(|w| w == b"your ") && !before[..t].ends_with(b" linked")
        }
        (None, _) => false,
    }
}

/// A digit or a mask letter of a masked number (`98xxxxxx12`, `xxxx 9876`).
fn digit_or_mask(c: u8) -> bool {
    c.is_ascii_digit() || matches!(c, b'x' | b'*')
}

/// Whether a word of `t` is a masked number: only [`digit_or_mask`]
/// characters, two or more of them digits and two or more mask letters
/// (`xxxxxx4421`, `xx12`, `**9876`).
pub fn has_masked_number(t: &[u8]) -> bool {
    t.split(|&c| c == b' ').any(|w| {
        let digits = w.iter().filter(|c| c.is_ascii_digit()).count();
        w.iter().all(|&c| digit_or_mask(c)) && digits >= 2 && w.len() - digits >= 2
    })
}

/// Filler words allowed between an account word and the number.
fn skip_filler(b: &[u8], mut i: usize, fillers: &[Vec<u8>]) -> usize {
    let limit = (i + 24).min(b.len());
    loop {
        while i < limit && matches!(b[i], b' ' | b'.' | b':' | b'-' | b'(' | b')' | b'#' | b',') {
            i += 1;
        }
        let mut advanced = false;
        for f in fillers {
            if b.len() >= i + f.len() && &b[i..i + f.len()] == f.as_slice() {
                let after = i + f.len();
                if after >= b.len() || !b[after].is_ascii_alphabetic() {
                    i = after;
                    advanced = true;
                    break;
                }
            }
        }
        if !advanced || i >= limit {
            return i;
        }
    }
}

/// The user's own account: the first account word followed by a number, or
/// the first bare masked number, whichever comes first; numbers introduced
/// by an exclusion word (`linked to mobile`) are skipped. An account named
/// as the user's (`from your a/c xx2233`) beats one named before it, and a
/// loan's or a beneficiary's account (`emi for loan a/c xx123 debited from
/// a/c xx5566`) counts only when no other is printed.
pub fn find_account(low: &str, hits: &[Hit], fw: &FieldWords, fillers: &[Vec<u8>]) -> Option<String> {
    let b = low.as_bytes();
    // (end of the exclusion word, end of what it excludes so far)
    let mut excluded: Option<(usize, usize)> = None;
    let mut best: Option<(u8, String)> = None;
    // end of the number an account word took: its mask is not a second account
    let mut taken_until = 0usize;
    for h in hits {
        let flags = fw.kind(h).flags;
        if flags & ACCOUNT_EXCLUDE != 0 {
            // the excluded number itself, dotted groups included (`ip 106.xx.xx.22`)
            let mut e = h.end as usize;
            while e < b.len() && b[e] == b' ' && e < h.end as usize + 2 {
                e += 1;
            }
            while e < b.len() && (digit_or_mask(b[e]) || (b[e] == b'.' && b.get(e + 1).is_some_and(|&c| digit_or_mask(c)))) {
                e += 1;
            }
            excluded = Some((h.end as usize, if e > h.end as usize + 1 { e } else { h.end as usize }));
            continue;
        }
        let is_kw = flags & ACCOUNT != 0;
        let is_mask = flags & ACCOUNT_MASK != 0;
        if !is_kw && !is_mask {
            continue;
        }
        if !is_kw && (h.start as usize) < taken_until {
            continue;
        }
        let at = if is_kw { skip_filler(b, h.end as usize, fillers) } else { h.start as usize };
        if let Some((word_end, ex)) = excluded {
            if at >= word_end && at <= ex + 4 {
                // the excluded number may be printed in groups (`aadhaar xxxx xxxx 9876`)
                let mut e = at.max(ex);
                while e < b.len() && digit_or_mask(b[e]) {
                    e += 1;
                }
                excluded = Some((word_end, e));
                continue;
            }
        }
        // a bare masked mobile number (`98xxxxxx12` in a recharge) is not an account,
        // nor is the payee's account in brackets after their name (`to mohan lal (hdfc ••2290)`)
        if !is_kw && (masked_mobile_at(b, at) || payee_bracket_at(b, at)) {
            continue;
        }
        if let Some((digits, masked)) = parse_account_token(b, at) {
            if is_kw || masked {
                if is_kw {
                    taken_until = at + b[at..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'*' | b'.' | b'-' | b'#')).count();
                }
                // a bare mask ranks by the loan word before it only (`personal loan xxxx6612`)
                let rank = if is_kw { account_rank(b, h.start as usize) } else { account_rank(b, h.start as usize).max(1) };
                if rank == 0 {
                    return Some(digits);
                }
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, digits));
                }
            }
        }
    }
    best.map(|(_, d)| d)
}

/// How surely the account word at `start` names the user's own account:
/// 0 after `your` (`from your icici bank acct`) or for a savings account
/// (`sb a/c`, `savings acct`), 2 after `loan`, `lan`
/// (loan account number) or `beneficiary`, a name's `'s` or a name after
/// `to` (a payee's account), else 1.
fn account_rank(b: &[u8], start: usize) -> u8 {
    let lo = start.saturating_sub(40);
    let before = &b[lo..start];
    let last_word = before.trim_ascii_end().rsplit(|c| !c.is_ascii_alphabetic()).next().unwrap_or(b"");
    if matches!(last_word, b"loan" | b"lan" | b"beneficiary") {
        return 2;
    }
    // a savings account (`recovered from sb a/c xx7712`, `savings acct xx812`) is the user's
    if matches!(last_word, b"sb" | b"savings" | b"saving") || b[start..].starts_with(b"sb ") {
        return 0;
    }
    // `your` in the same clause, a few words back (40 bytes: `your amazon pay icici credit card`)
    let clause = before.rsplit(|c| matches!(c, b'.' | b',' | b';' | b'(' | b')' | b':')).next().unwrap_or(before);
    // someone's account (`paid to surinder yadav's hdfc bank a/c xx9021`) is the payee's
    if clause.windows(3).any(|w| w == b"'s ") {
        return 2;
    }
    if clause.split(|c| !c.is_ascii_alphabetic()).any(|w| w == b"your") {
        return 0;
    }
    // a payee's name before the account word (`imps of rs.25,000 to narayanan l a/c
    // xx5290 debited from a/c xx6158`), not the user's bank in a credit
    // (`credited to kotak a/c x7305`)
    let named_payee = clause.windows(4).rposition(|w| w == b" to ").is_some_and(|t| clause[t + 4..].iter().any(u8::is_ascii_alphabetic));
    let money_in = [&b"credit"[..], b"deposit", b"receiv"].iter().any(|w| clause.windows(w.len()).any(|x| x == *w));
    if named_payee && !money_in {
        return 2;
    }
    // the payee's name in brackets after the account (`IMPS of Rs.4,000.00 to
    // A/c XXXXXXXX5521 (RINKI DEVI, BGB) successful. Debited from a/c
    // XXXXXX4410`), or before it in Hindi (`RINKI DEVI के खाते XXXX5521`:
    // RINKI DEVI's account; `आपके खाते` is "your account")
    let to_before = clause.trim_ascii_end().rsplit(|c| !c.is_ascii_alphabetic()).next() == Some(b"to");
    let ahead = &b[start..(start + 40).min(b.len())];
    let name_after = ahead
        .iter()
        .position(|&c| c == b'(')
        .is_some_and(|k| ahead[..k].iter().filter(|&&c| c == b' ').count() <= 3 && ahead.get(k + 1).is_some_and(u8::is_ascii_alphabetic));
    if (to_before && name_after && !money_in) || before.ends_with(" के खाते ".as_bytes()) {
        2
    } else {
        1
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn read_num(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v = 0u32;
    while j < b.len() && j - i < max && b[j].is_ascii_digit() {
        v = v * 10 + (b[j] - b'0') as u32;
        j += 1;
    }
    if j == i || (j < b.len() && b[j].is_ascii_digit()) {
        None
    } else {
        Some((v, j))
    }
}

/// A month name at `i` (its first three letters, then any more letters:
/// `dec`, `december`): the month number and where the word ends.
pub(crate) fn read_month(b: &[u8], i: usize) -> Option<(u32, usize)> {
    if b.len() < i + 3 {
        return None;
    }
    let m = MONTHS.iter().position(|m| m.as_bytes() == &b[i..i + 3])? as u32 + 1;
    let mut j = i + 3;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    Some((m, j))
}

fn year(y: u32, digits: usize) -> i32 {
    if digits <= 2 {
        2000 + y as i32
    } else {
        y as i32
    }
}

fn iso(y: i32, m: u32, d: u32) -> Option<String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|dt| dt.format("%Y-%m-%d").to_string())
}

/// Parse a date starting at `i`: `22sep25`, `05-11-25`, `2025-11-05`,
/// `15-Jan-2026`, `10/07/26`, `05 May, 2026`, `24JUN2026`.
pub fn parse_date_at(b: &[u8], i: usize) -> Option<String> {
    let (a, j) = read_num(b, i, 4)?;
    let alen = j - i;
    if alen == 4 {
        // yyyy-mm-dd
        if j < b.len() && matches!(b[j], b'-' | b'/') {
            let (m, k) = read_num(b, j + 1, 2)?;
            if k < b.len() && b[k] == b[j] {
                let (d, _) = read_num(b, k + 1, 2)?;
                return iso(a as i32, m, d);
            }
        }
        return None;
    }
    if alen > 2 {
        return None;
    }
    let d = a;
    let mut k = j;
    let sep = b.get(k).copied();
    if matches!(sep, Some(b'-' | b'/' | b'.' | b' ')) {
        k += 1;
    }
    if let Some((m, k2)) = read_month(b, k) {
        let mut k3 = k2;
        while k3 < b.len() && matches!(b[k3], b'-' | b'/' | b' ' | b',' | b'.') && k3 - k2 < 3 {
            k3 += 1;
        }
        let (y, k4) = read_num(b, k3, 4)?;
        return iso(year(y, k4 - k3), m, d);
    }
    if !matches!(sep, Some(b'-' | b'/' | b'.')) {
        return None;
    }
    let (m, k2) = read_num(b, k, 2)?;
    if k2 >= b.len() || b[k2] != sep.unwrap() {
        return None;
    }
    let (y, k3) = read_num(b, k2 + 1, 4)?;
    let ylen = k3 - k2 - 1;
    if ylen != 2 && ylen != 4 {
        return None;
    }
    iso(year(y, ylen), m, d)
}

/// First date within `span` bytes after `from`.
pub fn find_date(low: &str, from: usize, span: usize) -> Option<String> {
    let b = low.as_bytes();
    let end = (from + span).min(b.len());
    let mut i = from;
    while i < end {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some(d) = parse_date_at(b, i) {
                return Some(d);
            }
        }
        i += 1;
    }
    None
}

/// Due date: the first date after a due-date word, else None.
pub fn find_due_date(low: &str, hits: &[Hit], fw: &FieldWords) -> Option<String> {
    for h in hits {
        if fw.kind(h).flags & DUE_DATE != 0 {
            if let Some(d) = find_date(low, h.end as usize, 24) {
                return Some(d);
            }
        }
    }
    None
}
