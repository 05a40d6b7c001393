//! Feature computation for a heavy user: 5,000 extracted SMS over a year,
//! 300 apps, 2,000 calls, 500 contacts. Target: well under 10 ms.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::json;

use mobileforge::features::{
    catalogue, compute, AppRecord, CallLogRecord, ContactRecord, DeviceRecord, Grouping, SmsFeatureInput, UserData,
};
use mobileforge::sms::model::{Extraction, ExtractionResult, SenderType, SmsInput, SmsType, TransactionType};

fn req() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 6, 4).unwrap().and_hms_opt(12, 0, 0).unwrap()
}

/// Deterministic pseudo-random numbers (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub fn heavy_user() -> UserData {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let senders = [
        ("AD-HDFCBK", "hdfc bank", SenderType::Bank),
        ("VM-SBIINB", "state bank of india", SenderType::Bank),
        ("JD-ICICIB", "icici bank", SenderType::Bank),
        ("VK-BAJAJF", "bajaj finance", SenderType::Nbfc),
        ("AX-KRDBEE", "kreditbee", SenderType::Nbfc),
        ("BZ-AMAZON", "amazon", SenderType::Ecommerce),
        ("AD-AIRTEL", "airtel", SenderType::Telecom),
        ("VM-PAYTMB", "paytm", SenderType::Wallet),
    ];
    let subs = ["upi", "imps", "neft", "atm", "pos", "nach", "card", "wallet"];
    let mut sms = Vec::with_capacity(5000);
    for i in 0..5000u64 {
        let (sender, name, st) = senders[r.below(senders.len() as u64) as usize];
        let ty = SmsType::ALL[r.below(SmsType::ALL.len() as u64) as usize];
        let tt = match ty {
            SmsType::AccountCreditExecuted | SmsType::CardPaymentReceived | SmsType::LoanDisbursed => Some(TransactionType::Credit),
            SmsType::AccountDebitExecuted | SmsType::CardDebitExecuted => Some(TransactionType::Debit),
            _ => None,
        };
        let amount = (!matches!(ty, SmsType::Otp | SmsType::Promotional | SmsType::BalanceUpdate | SmsType::Other))
            .then(|| (r.below(5_000_000) as f64) / 100.0);
        let tag = if ty == SmsType::AccountCreditExecuted && r.below(10) == 0 {
            "account_credit_executed_salary".to_string()
        } else if ty == SmsType::AccountDebitExecuted && r.below(8) == 0 {
            "account_debit_executed_emi".to_string()
        } else {
            format!("{}_generic", ty.as_str())
        };
        let digits = format!("{:04}", r.below(4) * 1111);
        let t = req() - Duration::seconds(r.below(400 * 86_400) as i64);
        let x = Extraction {
            sender_name: Some(name.into()),
            sender_type: Some(st),
            sms_type: Some(ty),
            sms_sub_type: Some(subs[r.below(subs.len() as u64) as usize].into()),
            sms_nlp_tag: Some(tag),
            is_transactional: ty.is_transactional(),
            transaction_type: tt,
            transaction: amount,
            transaction_nlp: amount,
            account_last_digits: Some(digits.clone()),
            acc_number_nlp: Some(format!("x{digits}")),
            available_balance: (r.below(3) == 0).then(|| (r.below(10_000_000) as f64) / 100.0),
            transaction_party: Some(format!("party{}", r.below(200))),
            unique_pan: Some(format!("{} | {name} | {}", st.as_str(), &digits[2..])),
            is_classified: true,
            is_extracted: amount.is_some(),
            template_hash: format!("{:x}", r.below(300)),
            ..Default::default()
        };
        sms.push(SmsFeatureInput {
            result: ExtractionResult {
                input: SmsInput {
                    sms_id: json!(i),
                    sms_sender: sender.into(),
                    sms_body: String::new(),
                    sms_inbox_date: json!(t.and_utc().timestamp_millis()),
                },
                extraction: x,
            },
            inbox_time: Some(t),
            folder: Some(if r.below(20) == 0 { "sent" } else { "inbox" }.into()),
        });
    }
    let pkgs = ["com.kreditbee.android", "com.whizdm.moneyview.loans", "com.phonepe.app", "com.dream11.fantasy", "com.whatsapp"];
    let ms = |days: u64, r: &mut Rng| Some((req() - Duration::seconds(r.below(days * 86_400) as i64)).and_utc().timestamp_millis());
    let apps = (0..300u64)
        .map(|i| AppRecord {
            package_name: Some(format!("{}.n{i}", pkgs[(i % 5) as usize])),
            app_name: Some(format!("App number {i}")),
            install_time: ms(1000, &mut r),
            update_time: ms(200, &mut r),
            is_system_app: Some(i % 4 == 0),
        })
        .collect();
    let call_logs = (0..2000u64)
        .map(|_| CallLogRecord {
            number_hash: Some(format!("n{}", r.below(300))),
            call_type: Some(["incoming", "outgoing", "missed", "rejected"][r.below(4) as usize].into()),
            duration_s: Some(r.below(600) as f64),
            call_time: ms(200, &mut r),
        })
        .collect();
    let contacts = (0..500u64)
        .map(|i| ContactRecord {
            number_hash: Some(format!("n{i}")),
            times_contacted: Some(r.below(20) as i64),
            last_contacted: ms(300, &mut r),
            starred: Some(r.below(10) == 0),
        })
        .collect();
    UserData {
        sms,
        apps,
        device: Some(DeviceRecord { total_ram_mb: Some(4096.0), is_rooted: Some(false), ..Default::default() }),
        call_logs,
        contacts,
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let data = heavy_user();
    let _ = catalogue(); // built once per process, outside the measurement
    c.bench_function("compute_all_groupings_5000_sms_300_apps", |b| {
        b.iter(|| compute(black_box(&data), req(), &Grouping::ALL))
    });
    c.bench_function("compute_sms_5000_sms", |b| b.iter(|| compute(black_box(&data), req(), &[Grouping::Sms])));
    c.bench_function("compute_extracted_sms_5000_sms", |b| {
        b.iter(|| compute(black_box(&data), req(), &[Grouping::ExtractedSms]))
    });
    c.bench_function("compute_fraud_300_apps_2000_calls", |b| b.iter(|| compute(black_box(&data), req(), &[Grouping::Fraud])));
    c.bench_function("compute_all_groupings_empty_user", |b| {
        let empty = UserData::default();
        b.iter(|| compute(black_box(&empty), req(), &Grouping::ALL))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
