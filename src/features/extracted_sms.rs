//! Grouping `extracted_sms`: money flows read from the extraction results —
//! income and spend by channel, salary, EMIs and loans, bounces and
//! declines, card bills, balances, counterparties and accounts.
//!
//! Uses inbox SMS only (SMS in the `sent` folder are the user's own words,
//! not institution alerts), dated up to the request time (undated SMS count
//! in `_all` features only).

use std::borrow::Cow;

use chrono::NaiveDateTime;

use super::emit::{feat, frac, int, money, opt_int, Out};
use super::input::UserData;
use super::sms::normalize_sender;
use super::window::{
    band, day_key, month_key, ratio, text, Amounts, Counts, Distinct, DistinctDays, FxHashMap, Latest, Span, Summary, NW, WINDOWS,
};
use crate::sms::model::{Extraction, SenderType, SmsType, TransactionType};

// Per-SMS flags.
const CREDIT: u64 = 1 << 0;
const DEBIT: u64 = 1 << 1;
const ACC_CREDIT: u64 = 1 << 2;
const ACC_DEBIT: u64 = 1 << 3;
const CARD_DEBIT: u64 = 1 << 4;
const CARD_PAYMENT: u64 = 1 << 5;
const LOAN_DISBURSED: u64 = 1 << 6;
const EMI_DUE: u64 = 1 << 7;
const OVERDUE: u64 = 1 << 8;
const BOUNCE: u64 = 1 << 9;
const DECLINED: u64 = 1 << 10;
const CARD_BILL: u64 = 1 << 11;
const SALARY: u64 = 1 << 12;
const EMI: u64 = 1 << 13;
const REFUND: u64 = 1 << 14;
const UPI: u64 = 1 << 15;
const IMPS: u64 = 1 << 16;
const NEFT: u64 = 1 << 17;
const RTGS: u64 = 1 << 18;
const ATM: u64 = 1 << 19;
const POS: u64 = 1 << 20;
const NACH: u64 = 1 << 21;
const CHEQUE: u64 = 1 << 22;
const WALLET: u64 = 1 << 23;
const NBFC: u64 = 1 << 24;
const HIGH: u64 = 1 << 25;
const TXN: u64 = 1 << 26;
const CASH_DEPOSIT: u64 = 1 << 27;
const INTEREST: u64 = 1 << 28;
const LOAN_RELATED: u64 = 1 << 29;

/// A credit or debit of at least this many rupees is "high value".
const HIGH_VALUE: f64 = 50_000.0;

/// One amount slice: the SMS whose flags contain all of `mask`.
struct Slice {
    name: &'static str,
    what: &'static str,
    mask: u64,
}

const fn sl(name: &'static str, what: &'static str, mask: u64) -> Slice {
    Slice { name, what, mask }
}

/// Every slice gets count, sum, mean, median and max of its amount per
/// window, and days since its first / last SMS.
const SLICES: &[Slice] = &[
    sl("credit", "credits (transaction_type credit-transaction)", CREDIT),
    sl("debit", "debits (transaction_type debit-transaction)", DEBIT),
    sl("account_credit", "bank-account credits (account_credit_executed)", ACC_CREDIT),
    sl("account_debit", "bank-account debits (account_debit_executed)", ACC_DEBIT),
    sl("card_spend", "card spends (card_debit_executed)", CARD_DEBIT),
    sl("card_payment", "card bill payments received (card_payment_received)", CARD_PAYMENT),
    sl("salary_credit", "salary credits (nlp tag salary)", SALARY | CREDIT),
    sl("upi_credit", "UPI credits", UPI | CREDIT),
    sl("upi_debit", "UPI debits", UPI | DEBIT),
    sl("imps_credit", "IMPS credits", IMPS | CREDIT),
    sl("imps_debit", "IMPS debits", IMPS | DEBIT),
    sl("neft_credit", "NEFT credits", NEFT | CREDIT),
    sl("neft_debit", "NEFT debits", NEFT | DEBIT),
    sl("rtgs_credit", "RTGS credits", RTGS | CREDIT),
    sl("rtgs_debit", "RTGS debits", RTGS | DEBIT),
    sl("atm_withdrawal", "ATM cash withdrawals", ATM | DEBIT),
    sl("cash_deposit", "cash deposits (nlp tag cash deposit, or ATM credit)", CASH_DEPOSIT | CREDIT),
    sl("pos_debit", "POS (card-present) debits", POS | DEBIT),
    sl("nach_debit", "NACH / auto-debit mandate debits", NACH | DEBIT),
    sl("cheque_credit", "cheque credits", CHEQUE | CREDIT),
    sl("cheque_debit", "cheque debits", CHEQUE | DEBIT),
    sl("wallet_credit", "wallet credits", WALLET | CREDIT),
    sl("wallet_debit", "wallet debits", WALLET | DEBIT),
    sl("emi_debit", "EMI / loan repayment debits (nlp tag emi or sub type loan)", EMI | DEBIT),
    sl("refund_credit", "refunds, reversals and cashbacks credited", REFUND | CREDIT),
    sl("interest_credit", "interest credits", INTEREST | CREDIT),
    sl("nbfc_credit", "credits notified by NBFC / lender senders", NBFC | CREDIT),
    sl("nbfc_debit", "debits notified by NBFC / lender senders", NBFC | DEBIT),
    sl("high_value_credit", "credits of at least 50,000 rupees", HIGH | CREDIT),
    sl("high_value_debit", "debits of at least 50,000 rupees", HIGH | DEBIT),
    sl("loan_disbursal", "loan disbursals (loan_disbursed)", LOAN_DISBURSED),
    sl("emi_due_reminder", "EMI due reminders (emi_due_reminder; amount due)", EMI_DUE),
    sl("loan_overdue", "loan overdue notices (loan_overdue; amount overdue)", OVERDUE),
    sl("payment_bounce", "bounced payments (payment_bounced)", BOUNCE),
    sl("txn_declined", "declined transactions (transaction_declined)", DECLINED),
    sl("card_bill", "card bills generated (card_bill_generated; bill amount)", CARD_BILL),
];

/// Balance thresholds: counts of balance SMS stating less than each.
const BALANCE_BELOW: [(u32, &str); 4] = [(0, "0"), (1000, "1000"), (5000, "5000"), (10000, "10000")];

/// The amount an SMS is about (`transaction`, else `transaction_nlp`; for
/// bills, reminders, overdues: the due amount when no amount was read).
fn amount_of(x: &Extraction) -> Option<f64> {
    let a = x.transaction.or(x.transaction_nlp);
    let a = match x.sms_type {
        Some(SmsType::EmiDueReminder | SmsType::LoanOverdue | SmsType::CardBillGenerated | SmsType::PaymentBounced) => a.or(x.due_amount),
        _ => a,
    };
    a.filter(|v| v.is_finite())
}

fn flags_of(x: &Extraction, amount: Option<f64>) -> u64 {
    let mut f = 0;
    match x.transaction_type {
        Some(TransactionType::Credit) => f |= CREDIT,
        Some(TransactionType::Debit) => f |= DEBIT,
        None => {}
    }
    if x.is_transactional {
        f |= TXN;
    }
    f |= match x.sms_type {
        Some(SmsType::AccountCreditExecuted) => ACC_CREDIT,
        Some(SmsType::AccountDebitExecuted) => ACC_DEBIT,
        Some(SmsType::CardDebitExecuted) => CARD_DEBIT,
        Some(SmsType::CardPaymentReceived) => CARD_PAYMENT,
        Some(SmsType::LoanDisbursed) => LOAN_DISBURSED | LOAN_RELATED,
        Some(SmsType::EmiDueReminder) => EMI_DUE | LOAN_RELATED,
        Some(SmsType::LoanOverdue) => OVERDUE | LOAN_RELATED,
        Some(SmsType::PaymentBounced) => BOUNCE,
        Some(SmsType::TransactionDeclined) => DECLINED,
        Some(SmsType::CardBillGenerated) => CARD_BILL,
        _ => 0,
    };
    let sub = text(&x.sms_sub_type).unwrap_or("").as_bytes();
    let mut buf = [0u8; 8];
    let sub: &[u8] = if sub.len() <= buf.len() {
        buf[..sub.len()].copy_from_slice(sub);
        buf[..sub.len()].make_ascii_lowercase();
        &buf[..sub.len()]
    } else {
        b""
    };
    f |= match sub {
        b"upi" => UPI,
        b"imps" => IMPS,
        b"neft" => NEFT,
        b"rtgs" => RTGS,
        b"atm" => ATM,
        b"pos" => POS,
        b"nach" | b"ecs" | b"si" | b"autopay" | b"mandate" => NACH,
        b"cheque" | b"chq" => CHEQUE,
        b"wallet" => WALLET,
        b"loan" | b"emi" => EMI | LOAN_RELATED,
        _ => 0,
    };
    // The nlp tag refines money movements only (`…_salary`, `…_emi`,
    // `…_refund`, `…_interest`, `…_cash_deposit`): read its tokens once.
    if f & (CREDIT | DEBIT) != 0 {
        if let Some(tag) = x.sms_nlp_tag.as_deref() {
            let mut prev_cash = false;
            for tok in tag.split(|c: char| !c.is_ascii_alphanumeric()) {
                let t = |w: &str| tok.eq_ignore_ascii_case(w);
                if tok.len() >= 6 && tok[..6].eq_ignore_ascii_case("salary") {
                    f |= SALARY;
                } else if t("emi") {
                    f |= EMI | LOAN_RELATED;
                } else if t("refund") || t("refunded") || t("reversal") || t("reversed") || t("cashback") {
                    f |= REFUND;
                } else if t("interest") {
                    f |= INTEREST;
                } else if prev_cash && (t("deposit") || t("deposited")) {
                    f |= CASH_DEPOSIT;
                }
                prev_cash = t("cash");
            }
        }
    }
    if f & (ATM | CREDIT) == ATM | CREDIT {
        f |= CASH_DEPOSIT;
    }
    if x.sender_type == Some(SenderType::Nbfc) {
        f |= NBFC | LOAN_RELATED;
    }
    if amount.is_some_and(|a| a >= HIGH_VALUE) {
        f |= HIGH;
    }
    f
}


/// A lender / institution key: the canonical sender name (lower case per
/// contract §7), else the normalised sender id.
fn institution<'a>(x: &'a Extraction, sender: &str) -> Cow<'a, str> {
    match text(&x.sender_name) {
        Some(n) => Cow::Borrowed(n),
        None => Cow::Owned(normalize_sender(sender)),
    }
}

/// An account key: unique_pan, else institution + printed digits.
fn account_key<'a>(x: &'a Extraction, sender: &str) -> Cow<'a, str> {
    if let Some(p) = text(&x.unique_pan).or_else(|| text(&x.unique_pan_nlp)) {
        return Cow::Borrowed(p);
    }
    let digits = text(&x.account_last_digits).unwrap_or("-");
    Cow::Owned(format!("{}|{}", institution(x, sender), digits))
}

struct Acc<'a> {
    slices: Vec<Amounts>,
    spans: Vec<Span>,
    balance: Amounts,
    balance_latest: Latest,
    balance_below: [Counts; BALANCE_BELOW.len()],
    /// Latest balance per account (key sorted before summing).
    account_balance: FxHashMap<Cow<'a, str>, Latest>,
    salary_months: Distinct<i32>,
    salary_latest: Latest,
    txn_days: DistinctDays,
    txn_months: Distinct<i32>,
    lenders: Distinct<Cow<'a, str>>,
    disbursing_lenders: Distinct<Cow<'a, str>>,
    overdue_lenders: Distinct<Cow<'a, str>>,
    accounts: Distinct<Cow<'a, str>>,
    bank_accounts: Distinct<Cow<'a, str>>,
    cards: Distinct<Cow<'a, str>>,
    credit_parties: Distinct<&'a str>,
    debit_parties: Distinct<&'a str>,
}

/// Slices with medians (all of them: medians are cheap at this scale).
const WITH_MEDIAN: bool = true;

pub(crate) fn emit(data: &UserData, req: NaiveDateTime, o: &mut Out) {
    let mut a = Acc {
        slices: (0..SLICES.len()).map(|_| Amounts::new(WITH_MEDIAN)).collect(),
        spans: vec![Span::default(); SLICES.len()],
        balance: Amounts::new(true),
        balance_latest: Latest::default(),
        balance_below: Default::default(),
        account_balance: Default::default(),
        salary_months: Default::default(),
        salary_latest: Default::default(),
        txn_days: DistinctDays::new(req),
        txn_months: Default::default(),
        lenders: Default::default(),
        disbursing_lenders: Default::default(),
        overdue_lenders: Default::default(),
        accounts: Default::default(),
        bank_accounts: Default::default(),
        cards: Default::default(),
        credit_parties: Default::default(),
        debit_parties: Default::default(),
    };

    for s in &data.sms {
        if text(&s.folder).is_some_and(|f| f.eq_ignore_ascii_case("sent")) {
            continue;
        }
        let Some(b) = band(req, s.inbox_time) else { continue };
        let x = &s.result.extraction;
        let sender = s.result.input.sms_sender.as_str();
        let amount = amount_of(x);
        let f = flags_of(x, amount);

        for (i, slice) in SLICES.iter().enumerate() {
            if f & slice.mask == slice.mask {
                a.slices[i].add(b, amount);
                if let Some(t) = s.inbox_time {
                    a.spans[i].add(t);
                }
            }
        }

        if let Some(bal) = x.available_balance.filter(|v| v.is_finite()) {
            a.balance.add(b, Some(bal));
            for (k, (th, _)) in BALANCE_BELOW.iter().enumerate() {
                if bal < *th as f64 {
                    a.balance_below[k].add(b);
                }
            }
            if let Some(t) = s.inbox_time {
                a.balance_latest.add(b, t, bal);
                a.account_balance.entry(account_key(x, sender)).or_default().add(b, t, bal);
            }
        }

        if f & (SALARY | CREDIT) == SALARY | CREDIT {
            if let Some(t) = s.inbox_time {
                a.salary_months.add(b, month_key(t));
                if let Some(amt) = amount {
                    a.salary_latest.add(b, t, amt);
                }
            }
        }
        if f & TXN != 0 {
            if let Some(t) = s.inbox_time {
                a.txn_days.add(b, day_key(t));
                a.txn_months.add(b, month_key(t));
            }
        }
        if f & LOAN_RELATED != 0 {
            let inst = institution(x, sender);
            if f & LOAN_DISBURSED != 0 {
                a.disbursing_lenders.add(b, inst.clone());
            }
            if f & OVERDUE != 0 {
                a.overdue_lenders.add(b, inst.clone());
            }
            a.lenders.add(b, inst);
        }
        let financial = matches!(
            x.sender_type,
            Some(SenderType::Bank | SenderType::Card | SenderType::Wallet | SenderType::Nbfc)
        );
        if financial && (text(&x.unique_pan).is_some() || text(&x.unique_pan_nlp).is_some() || text(&x.account_last_digits).is_some()) {
            let key = account_key(x, sender);
            match x.sender_type {
                Some(SenderType::Bank) => a.bank_accounts.add(b, key.clone()),
                Some(SenderType::Card) => a.cards.add(b, key.clone()),
                _ => {}
            }
            a.accounts.add(b, key);
        }
        if let Some(p) = text(&x.transaction_party) {
            if f & CREDIT != 0 {
                a.credit_parties.add(b, p);
            } else if f & DEBIT != 0 {
                a.debit_parties.add(b, p);
            }
        }
    }

    // --- amount slices ---
    let sums: Vec<[Summary; NW]> = a.slices.iter_mut().map(Amounts::windows).collect();
    for (i, slice) in SLICES.iter().enumerate() {
        let (name, what) = (slice.name, slice.what);
        let v = &sums[i];
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w].count), ["{name}_count_{}", win.suffix], ["Number of SMS of {what} {}", win.phrase]);
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, money(Some(v[w].sum)), ["{name}_amount_sum_{}", win.suffix], ["Total amount (INR) of {what} {}", win.phrase]);
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                money(v[w].mean()),
                ["{name}_amount_mean_{}", win.suffix],
                ["Mean amount (INR) of {what} {} (null when none had an amount)", win.phrase]
            );
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                money(v[w].median),
                ["{name}_amount_median_{}", win.suffix],
                ["Median amount (INR) of {what} {} (null when none had an amount)", win.phrase]
            );
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                money(v[w].max),
                ["{name}_amount_max_{}", win.suffix],
                ["Largest amount (INR) of {what} {} (null when none had an amount)", win.phrase]
            );
        }
        feat!(
            o,
            opt_int(a.spans[i].days_since_first(req)),
            ["days_since_first_{name}"],
            ["Whole days from the oldest dated SMS of {what} to the request time (null when none)"]
        );
        feat!(
            o,
            opt_int(a.spans[i].days_since_last(req)),
            ["days_since_last_{name}"],
            ["Whole days from the newest dated SMS of {what} to the request time (null when none)"]
        );
    }

    // --- ratios between slices ---
    let idx = |name: &str| SLICES.iter().position(|s| s.name == name).expect("slice name");
    let (credit, debit) = (&sums[idx("credit")], &sums[idx("debit")]);
    let salary = &sums[idx("salary_credit")];
    let emi = &sums[idx("emi_debit")];
    let atm = &sums[idx("atm_withdrawal")];
    let upi_debit = &sums[idx("upi_debit")];
    let card_spend = &sums[idx("card_spend")];
    let bounce = &sums[idx("payment_bounce")];
    let declined = &sums[idx("txn_declined")];
    type Ratio<'r> = (&'r str, &'r str, Box<dyn Fn(usize) -> Option<f64> + 'r>);
    let ratios: Vec<Ratio> = vec![
        ("credit_debit_amount_ratio", "Total credit amount / total debit amount", Box::new(|w| ratio(credit[w].sum, debit[w].sum))),
        ("credit_debit_count_ratio", "Credit SMS count / debit SMS count", Box::new(|w| ratio(credit[w].count as f64, debit[w].count as f64))),
        ("salary_share_of_credit", "Salary credit amount / total credit amount", Box::new(|w| ratio(salary[w].sum, credit[w].sum))),
        ("emi_to_credit_ratio", "EMI debit amount / total credit amount", Box::new(|w| ratio(emi[w].sum, credit[w].sum))),
        ("emi_to_salary_ratio", "EMI debit amount / salary credit amount", Box::new(|w| ratio(emi[w].sum, salary[w].sum))),
        ("atm_share_of_debit", "ATM withdrawal amount / total debit amount", Box::new(|w| ratio(atm[w].sum, debit[w].sum))),
        ("upi_share_of_debit", "UPI debit amount / total debit amount", Box::new(|w| ratio(upi_debit[w].sum, debit[w].sum))),
        ("card_spend_share_of_debit", "Card spend amount / total debit amount", Box::new(|w| ratio(card_spend[w].sum, debit[w].sum))),
        ("bounce_to_debit_count_ratio", "Bounced payment SMS count / debit SMS count", Box::new(|w| ratio(bounce[w].count as f64, debit[w].count as f64))),
        ("declined_to_debit_count_ratio", "Declined transaction SMS count / debit SMS count", Box::new(|w| ratio(declined[w].count as f64, debit[w].count as f64))),
    ];
    for (name, what, f) in &ratios {
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, frac(f(w)), ["{name}_{}", win.suffix], ["{what}, {} (null when the divisor is 0)", win.phrase]);
        }
    }
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(
            o,
            money(Some(credit[w].sum - debit[w].sum)),
            ["net_flow_amount_{}", win.suffix],
            ["Total credit amount minus total debit amount (INR) {}", win.phrase]
        );
    }

    // --- balances ---
    let bal = a.balance.windows();
    let latest = a.balance_latest.windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, int(bal[w].count), ["balance_sms_count_{}", win.suffix], ["Number of SMS stating an available balance {}", win.phrase]);
    }
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, money(latest[w]), ["balance_latest_{}", win.suffix], ["Most recent stated available balance (INR) {} (null when none)", win.phrase]);
    }
    type Stat = fn(&Summary) -> Option<f64>;
    let stats: [(&str, &str, Stat); 4] = [
        ("mean", "Mean", |s| s.mean()),
        ("median", "Median", |s| s.median),
        ("min", "Lowest", |s| s.min),
        ("max", "Highest", |s| s.max),
    ];
    for (stat, word, f) in stats {
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, money(f(&bal[w])), ["balance_{stat}_{}", win.suffix], ["{word} stated available balance (INR) {} (null when none)", win.phrase]);
        }
    }
    for (k, (_, th)) in BALANCE_BELOW.iter().enumerate() {
        let c = a.balance_below[k].windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                int(c[w]),
                ["balance_below_{th}_count_{}", win.suffix],
                ["Number of SMS stating an available balance below {th} INR {}", win.phrase]
            );
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                frac(ratio(c[w] as f64, bal[w].count as f64)),
                ["balance_below_{th}_share_{}", win.suffix],
                ["Share of balance SMS {} stating a balance below {th} INR (null when none)", win.phrase]
            );
        }
    }
    // Sum over accounts of each account's latest balance (keys sorted so the
    // float sum does not depend on hash order).
    let mut accounts: Vec<(&Cow<str>, [Option<f64>; NW])> = a.account_balance.iter().map(|(k, l)| (k, l.windows())).collect();
    accounts.sort_by(|x, y| x.0.cmp(y.0));
    for (w, win) in WINDOWS.iter().enumerate() {
        let vals: Vec<f64> = accounts.iter().filter_map(|(_, v)| v[w]).collect();
        let total = (!vals.is_empty()).then(|| vals.iter().sum::<f64>());
        feat!(
            o,
            money(total),
            ["balance_latest_total_accounts_{}", win.suffix],
            ["Sum over the user's accounts of each one's most recent stated balance (INR) {} (null when none)", win.phrase]
        );
    }
    for (w, win) in WINDOWS.iter().enumerate() {
        let n = accounts.iter().filter(|(_, v)| v[w].is_some()).count() as u64;
        feat!(o, int(n), ["balance_accounts_count_{}", win.suffix], ["Number of accounts with a stated balance {}", win.phrase]);
    }

    // --- salary regularity ---
    let months = a.salary_months.windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, int(months[w]), ["salary_months_{}", win.suffix], ["Number of calendar months with at least one salary credit {}", win.phrase]);
    }
    for (w, win) in WINDOWS.iter().enumerate() {
        let Some(days) = win.days.filter(|d| *d >= 90) else { continue };
        let expected = (days / 30) as f64;
        feat!(
            o,
            frac(Some((months[w] as f64 / expected).min(1.0))),
            ["salary_regularity_{}", win.suffix],
            ["Months with a salary credit / {expected} months, {} (at most 1)", win.phrase]
        );
    }
    let sal_latest = a.salary_latest.windows();
    feat!(o, money(sal_latest[NW - 1]), ["salary_latest_amount"], ["Amount (INR) of the most recent dated salary credit (null when none)"]);

    // --- activity, lenders, accounts, counterparties ---
    let distinct: [(&str, &str, [u64; NW]); 10] = [
        ("txn_active_days", "calendar days with a transactional SMS", a.txn_days.windows()),
        ("txn_active_months", "calendar months with a transactional SMS", a.txn_months.windows()),
        ("distinct_lenders", "distinct lenders (NBFC senders, or senders of loan disbursal / EMI / overdue SMS)", a.lenders.windows()),
        ("distinct_disbursing_lenders", "distinct senders of loan disbursal SMS", a.disbursing_lenders.windows()),
        ("distinct_overdue_lenders", "distinct senders of loan overdue SMS", a.overdue_lenders.windows()),
        ("distinct_accounts", "distinct bank / card / wallet / NBFC accounts (unique_pan)", a.accounts.windows()),
        ("distinct_bank_accounts", "distinct bank accounts (unique_pan of bank senders)", a.bank_accounts.windows()),
        ("distinct_cards", "distinct cards (unique_pan of card senders)", a.cards.windows()),
        ("distinct_credit_parties", "distinct counterparties of credits (transaction_party)", a.credit_parties.windows()),
        ("distinct_debit_parties", "distinct counterparties of debits (transaction_party)", a.debit_parties.windows()),
    ];
    for (name, what, v) in distinct {
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["{name}_{}", win.suffix], ["Number of {what} {}", win.phrase]);
        }
    }
}
