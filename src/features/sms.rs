//! Grouping `sms`: volumes and mix of the user's SMS (by type, sender type,
//! channel), senders and accounts, activity and recency.
//!
//! Includes every SMS (inbox and sent) except in the windowed features,
//! where SMS dated after the request time are left out.

use chrono::NaiveDateTime;

use super::emit::{feat, frac, int, opt_int, Out};
use super::input::UserData;
use super::window::{
    band, day_key, is_night_ist, is_weekend_ist, ratio, text, Caseless, Counts, Distinct, DistinctDays, Span, ALL, NW, WINDOWS,
};
use crate::sms::model::{SenderType, SmsType, TransactionType};

/// Sender types in output order (`unknown` = not recognised).
pub(crate) const SENDER_TYPES: [SenderType; 11] = [
    SenderType::Bank,
    SenderType::Card,
    SenderType::Wallet,
    SenderType::Nbfc,
    SenderType::Telecom,
    SenderType::Ecommerce,
    SenderType::Utility,
    SenderType::Insurance,
    SenderType::Investment,
    SenderType::Government,
    SenderType::Other,
];

/// Channels (`sms_sub_type`) with their own counts; any other non-null sub
/// type counts as `other`.
pub(crate) const SUB_TYPES: [&str; 11] = ["upi", "imps", "neft", "rtgs", "atm", "pos", "nach", "cheque", "card", "wallet", "loan"];

fn sms_type_index(t: Option<SmsType>) -> usize {
    match t {
        Some(t) => SmsType::ALL.iter().position(|x| *x == t).unwrap_or(SmsType::ALL.len()),
        None => SmsType::ALL.len(),
    }
}

fn sender_type_index(t: Option<SenderType>) -> usize {
    match t {
        Some(t) => SENDER_TYPES.iter().position(|x| *x == t).unwrap_or(SENDER_TYPES.len()),
        None => SENDER_TYPES.len(),
    }
}

/// Sub-type index: `SUB_TYPES` position, `SUB_TYPES.len()` for other, `None`
/// when null.
fn sub_type_index(s: &Option<String>) -> Option<usize> {
    let s = text(s)?;
    Some(SUB_TYPES.iter().position(|x| x.eq_ignore_ascii_case(s)).unwrap_or(SUB_TYPES.len()))
}

/// A sender id without its operator/circle prefix (`AD-HDFCBK` → `hdfcbk`)
/// and without the TRAI category suffix (`-S`, `-T`, `-P`, `-G`), lower case.
pub(crate) fn normalize_sender(s: &str) -> String {
    sender_core(s).to_ascii_lowercase()
}

/// [`normalize_sender`] without the lower-casing (no allocation).
pub(crate) fn sender_core(s: &str) -> &str {
    let mut t = s.trim_ascii();
    let b = t.as_bytes();
    if b.len() > 3 && b[2] == b'-' && b[0].is_ascii_alphabetic() && b[1].is_ascii_alphabetic() {
        t = &t[3..];
    }
    let b = t.as_bytes();
    if b.len() > 2 && b[b.len() - 2] == b'-' && matches!(b[b.len() - 1].to_ascii_uppercase(), b'S' | b'T' | b'P' | b'G') {
        t = &t[..t.len() - 2];
    }
    t
}

const N_TYPES: usize = SmsType::ALL.len() + 1;
const N_SENDERS: usize = SENDER_TYPES.len() + 1;
const N_SUBS: usize = SUB_TYPES.len() + 1;

#[derive(Default)]
struct Acc<'a> {
    all: Counts,
    inbox: Counts,
    sent: Counts,
    txn: Counts,
    credit: Counts,
    debit: Counts,
    classified: Counts,
    extracted: Counts,
    night: Counts,
    weekend: Counts,
    types: [Counts; N_TYPES],
    senders: [Counts; N_SENDERS],
    subs: [Counts; N_SUBS],
    distinct_senders: Distinct<Caseless<'a>>,
    distinct_names: Distinct<&'a str>,
    distinct_pans: Distinct<&'a str>,
    distinct_templates: Distinct<&'a str>,
    span: Span,
    undated: u64,
    future: u64,
    // All-time named counts (every SMS, whatever its date).
    named_all: u64,
    named_txn: u64,
    named_credit: u64,
    named_debit: u64,
}


pub(crate) fn emit(data: &UserData, req: NaiveDateTime, o: &mut Out) {
    let mut a = Acc::default();
    let mut active_days = DistinctDays::new(req);
    for s in &data.sms {
        let x = &s.result.extraction;
        a.named_all += 1;
        a.named_txn += x.is_transactional as u64;
        a.named_credit += (x.transaction_type == Some(TransactionType::Credit)) as u64;
        a.named_debit += (x.transaction_type == Some(TransactionType::Debit)) as u64;
        let Some(b) = band(req, s.inbox_time) else {
            a.future += 1;
            continue;
        };
        match s.inbox_time {
            Some(t) => {
                a.span.add(t);
                active_days.add(b, day_key(t));
                if is_night_ist(t) {
                    a.night.add(b);
                }
                if is_weekend_ist(t) {
                    a.weekend.add(b);
                }
            }
            None => a.undated += 1,
        }
        a.all.add(b);
        match text(&s.folder) {
            Some(f) if f.eq_ignore_ascii_case("sent") => a.sent.add(b),
            Some(f) if f.eq_ignore_ascii_case("inbox") => a.inbox.add(b),
            _ => {}
        }
        if x.is_transactional {
            a.txn.add(b);
        }
        match x.transaction_type {
            Some(TransactionType::Credit) => a.credit.add(b),
            Some(TransactionType::Debit) => a.debit.add(b),
            None => {}
        }
        if x.is_classified {
            a.classified.add(b);
        }
        if x.is_extracted {
            a.extracted.add(b);
        }
        a.types[sms_type_index(x.sms_type)].add(b);
        a.senders[sender_type_index(x.sender_type)].add(b);
        if let Some(i) = sub_type_index(&x.sms_sub_type) {
            a.subs[i].add(b);
        }
        let sender = s.result.input.sms_sender.trim_ascii();
        if !sender.is_empty() {
            a.distinct_senders.add(b, Caseless(sender_core(sender)));
        }
        if let Some(n) = text(&x.sender_name) {
            a.distinct_names.add(b, n);
        }
        if let Some(p) = text(&x.unique_pan).or_else(|| text(&x.unique_pan_nlp)) {
            a.distinct_pans.add(b, p);
        }
        if !x.template_hash.is_empty() {
            a.distinct_templates.add(b, x.template_hash.as_str());
        }
    }

    // --- the contract's named features (all-time, every SMS) ---
    feat!(o, int(a.named_all), ["all_sms_count_nlp"], ["Number of SMS of the user (all SMS, any date or folder)"]);
    feat!(o, int(a.named_txn), ["txn_sms_count_nlp"], ["Number of SMS with is_transactional true (money moved)"]);
    feat!(
        o,
        int(a.named_credit),
        ["credit_sms_count_nlp"],
        ["Number of SMS with transaction_type credit-transaction (money came in)"]
    );
    feat!(
        o,
        int(a.named_debit),
        ["debit_sms_count_nlp"],
        ["Number of SMS with transaction_type debit-transaction (money left the user)"]
    );
    feat!(o, int(a.undated), ["undated_sms_count"], ["Number of SMS without a readable sms_inbox_date"]);
    feat!(o, int(a.future), ["future_dated_sms_count"], ["Number of SMS dated after the request time"]);

    // --- plain windowed counts ---
    let all = a.all.windows();
    let plain: [(&str, &str, &Counts); 10] = [
        ("sms_count", "SMS", &a.all),
        ("inbox_sms_count", "SMS in the inbox folder", &a.inbox),
        ("sent_sms_count", "SMS in the sent folder", &a.sent),
        ("txn_sms_count", "transactional SMS (money moved)", &a.txn),
        ("credit_sms_count", "SMS with transaction_type credit-transaction", &a.credit),
        ("debit_sms_count", "SMS with transaction_type debit-transaction", &a.debit),
        ("classified_sms_count", "SMS the extractor classified", &a.classified),
        ("extracted_sms_count", "SMS with amount-level fields extracted", &a.extracted),
        ("night_sms_count", "SMS received 22:00-06:00 India time", &a.night),
        ("weekend_sms_count", "SMS received on Saturday or Sunday (India time)", &a.weekend),
    ];
    for (name, what, c) in plain {
        let v = c.windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["{name}_{}", win.suffix], ["Number of {what} {}", win.phrase]);
        }
    }
    // Shares of all SMS.
    let shares: [(&str, &str, &Counts); 5] = [
        ("txn_sms_share", "transactional", &a.txn),
        ("credit_sms_share", "credit-transaction", &a.credit),
        ("debit_sms_share", "debit-transaction", &a.debit),
        ("classified_sms_share", "classified", &a.classified),
        ("night_sms_share", "night-time (22:00-06:00 India time)", &a.night),
    ];
    for (name, what, c) in shares {
        let v = c.windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                frac(ratio(v[w] as f64, all[w] as f64)),
                ["{name}_{}", win.suffix],
                ["Share of SMS {} that are {what} (null without SMS)", win.phrase]
            );
        }
    }

    // --- by sms_type ---
    for (i, counts) in a.types.iter().enumerate() {
        let t = SmsType::ALL.get(i).map_or("unknown", |t| t.as_str());
        let v = counts.windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["sms_type_{t}_count_{}", win.suffix], ["Number of SMS of sms_type {t} {}", win.phrase]);
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                frac(ratio(v[w] as f64, all[w] as f64)),
                ["sms_type_{t}_share_{}", win.suffix],
                ["Share of SMS {} with sms_type {t} (null without SMS)", win.phrase]
            );
        }
    }

    // --- by sender_type ---
    for (i, counts) in a.senders.iter().enumerate() {
        let t = SENDER_TYPES.get(i).map_or("unknown", |t| t.as_str());
        let v = counts.windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                int(v[w]),
                ["sender_type_{t}_sms_count_{}", win.suffix],
                ["Number of SMS from sender_type {t} {}", win.phrase]
            );
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                frac(ratio(v[w] as f64, all[w] as f64)),
                ["sender_type_{t}_sms_share_{}", win.suffix],
                ["Share of SMS {} from sender_type {t} (null without SMS)", win.phrase]
            );
        }
    }

    // --- by sms_sub_type (channel) ---
    for (i, counts) in a.subs.iter().enumerate() {
        let t = SUB_TYPES.get(i).copied().unwrap_or("other");
        let v = counts.windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                int(v[w]),
                ["sub_type_{t}_sms_count_{}", win.suffix],
                ["Number of SMS with sms_sub_type {t} {}", win.phrase]
            );
        }
    }

    // --- distinct senders / institutions / accounts / templates ---
    let distinct: [(&str, &str, [u64; NW]); 4] = [
        ("distinct_senders", "distinct sender ids (operator prefix removed)", a.distinct_senders.windows()),
        ("distinct_sender_names", "distinct recognised institutions (sender_name)", a.distinct_names.windows()),
        ("distinct_unique_pan", "distinct financial accounts (unique_pan)", a.distinct_pans.windows()),
        ("distinct_templates", "distinct message templates (template_hash)", a.distinct_templates.windows()),
    ];
    for (name, what, v) in distinct {
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["{name}_{}", win.suffix], ["Number of {what} among SMS {}", win.phrase]);
        }
    }

    // --- activity and recency ---
    let days = active_days.windows();
    // Undated SMS are in the `all` window's count but on no day: use dated
    // SMS only for the per-day rate.
    let dated_all = all[ALL] - a.undated;
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, int(days[w]), ["sms_active_days_{}", win.suffix], ["Number of calendar days with at least one SMS {}", win.phrase]);
    }
    for (w, win) in WINDOWS.iter().enumerate() {
        let n = if w == ALL { dated_all } else { all[w] };
        feat!(
            o,
            frac(ratio(n as f64, days[w] as f64)),
            ["sms_per_active_day_{}", win.suffix],
            ["Mean number of dated SMS per active day {} (null without SMS)", win.phrase]
        );
    }
    feat!(o, opt_int(a.span.days_since_first(req)), ["days_since_first_sms"], ["Whole days from the oldest dated SMS to the request time"]);
    feat!(o, opt_int(a.span.days_since_last(req)), ["days_since_last_sms"], ["Whole days from the newest dated SMS to the request time"]);
    feat!(o, opt_int(a.span.span_days()), ["sms_history_span_days"], ["Whole days between the oldest and newest dated SMS"]);
}
