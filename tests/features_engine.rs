//! Feature values on a small hand-built user, checked against values
//! computed by hand.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::{json, Map, Value};

use mobileforge::features::{
    catalogue, catalogue_for, compute, AppRecord, CallLogRecord, ContactRecord, DeviceRecord, Grouping, SmsFeatureInput,
    SyncEvent, UserData,
};
use mobileforge::sms::model::{Extraction, ExtractionResult, SenderType, SmsInput, SmsType, TransactionType};

fn req() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 6, 4).unwrap().and_hms_opt(12, 0, 0).unwrap()
}

fn ago(days: i64) -> Option<NaiveDateTime> {
    Some(req() - Duration::days(days))
}

fn sms(id: u32, sender: &str, t: Option<NaiveDateTime>, folder: Option<&str>, x: Extraction) -> SmsFeatureInput {
    SmsFeatureInput {
        result: ExtractionResult {
            input: SmsInput {
                sms_id: json!(id),
                sms_sender: sender.into(),
                sms_body: String::new(),
                sms_inbox_date: t.map_or(Value::Null, |t| json!(t.and_utc().timestamp_millis())),
            },
            extraction: x,
        },
        inbox_time: t,
        folder: folder.map(str::to_string),
    }
}

fn hdfc(sms_type: SmsType, tt: Option<TransactionType>, sub: &str, tag: &str, amount: Option<f64>, balance: Option<f64>) -> Extraction {
    Extraction {
        sender_name: Some("hdfc bank".into()),
        sender_type: Some(SenderType::Bank),
        sms_type: Some(sms_type),
        sms_sub_type: Some(sub.into()),
        sms_nlp_tag: Some(tag.into()),
        is_transactional: sms_type.is_transactional(),
        transaction_type: tt,
        transaction: amount,
        transaction_nlp: amount,
        account_last_digits: Some("3028".into()),
        acc_number_nlp: Some("x3028".into()),
        available_balance: balance,
        unique_pan: Some("bank | hdfc bank | 28".into()),
        unique_pan_nlp: Some("bank | hdfc bank | 28".into()),
        is_classified: true,
        is_extracted: amount.is_some(),
        template_hash: format!("t-{}", sms_type.as_str()),
        ..Default::default()
    }
}

fn salary(amount: f64, balance: f64) -> Extraction {
    hdfc(
        SmsType::AccountCreditExecuted,
        Some(TransactionType::Credit),
        "neft",
        "account_credit_executed_salary",
        Some(amount),
        Some(balance),
    )
}

fn upi_debit(amount: f64, balance: Option<f64>) -> Extraction {
    hdfc(
        SmsType::AccountDebitExecuted,
        Some(TransactionType::Debit),
        "upi",
        "account_debit_executed_transfer_out",
        Some(amount),
        balance,
    )
}

fn user() -> UserData {
    let mut data = UserData::default();
    let inbox = Some("inbox");
    data.sms = vec![
        // 1, 2: salary credits 5 and 35 days ago.
        sms(1, "AD-HDFCBK", ago(5), inbox, salary(50_000.0, 52_000.0)),
        sms(2, "AD-HDFCBK", ago(35), inbox, salary(48_000.0, 30_000.0)),
        // 3, 4, 5: UPI debits 1 day, exactly 7 days, 7 days + 1 s ago.
        sms(3, "AD-HDFCBK", ago(1), inbox, upi_debit(500.0, Some(51_500.0))),
        sms(4, "AD-HDFCBK", ago(7), inbox, upi_debit(1_500.0, Some(800.0))),
        sms(5, "AD-HDFCBK", ago(7).map(|t| t - Duration::seconds(1)), inbox, upi_debit(2_000.0, None)),
        // 6: a bounced NACH from an NBFC, 20 days ago, amount only as due.
        sms(
            6,
            "VM-BAJAJF",
            ago(20),
            inbox,
            Extraction {
                sender_name: Some("bajaj finance".into()),
                sender_type: Some(SenderType::Nbfc),
                sms_type: Some(SmsType::PaymentBounced),
                sms_sub_type: Some("nach".into()),
                sms_nlp_tag: Some("payment_bounced_nach".into()),
                due_amount: Some(3_000.0),
                is_classified: true,
                template_hash: "t-bounce".into(),
                ..Default::default()
            },
        ),
        // 7: an OTP 2 days ago.
        sms(
            7,
            "VM-AMAZON",
            ago(2),
            inbox,
            Extraction {
                sender_name: Some("amazon".into()),
                sender_type: Some(SenderType::Ecommerce),
                sms_type: Some(SmsType::Otp),
                is_classified: true,
                template_hash: "t-otp".into(),
                ..Default::default()
            },
        ),
        // 8: dated after the request time.
        sms(8, "AD-HDFCBK", ago(-1), inbox, salary(999.0, 999.0)),
        // 9: undated UPI debit.
        sms(9, "AD-HDFCBK", None, None, upi_debit(100.0, None)),
        // 10: a debit in the sent folder (not an institution alert).
        sms(10, "JD-HDFCBK-S", ago(3), Some("sent"), upi_debit(700.0, None)),
    ];
    let ms = |t: Option<NaiveDateTime>| t.map(|t| t.and_utc().timestamp_millis());
    let app = |pkg: &str, name: &str, days: i64, system: bool| AppRecord {
        package_name: Some(pkg.into()),
        app_name: Some(name.into()),
        install_time: ms(ago(days)),
        update_time: ms(ago(days)),
        is_system_app: Some(system),
    };
    data.apps = vec![
        app("com.kreditbee.android", "KreditBee", 3, false),
        app("com.kreditbee.android", "KreditBee", 100, false), // older sync of the same app
        app("com.whizdm.moneyview.loans", "Money View", 40, false),
        app("com.whatsapp", "WhatsApp", 400, false),
        app("com.android.settings", "Settings", 2000, true),
        app("com.example.dream11guru", "Dream11 Guru", 10, false),
    ];
    data.device = Some(DeviceRecord {
        brand: Some("xiaomi".into()),
        model: Some("Redmi 9A".into()),
        is_rooted: Some(false),
        is_emulator: Some(false),
        total_ram_mb: Some(2048.0),
        total_storage_mb: Some(64_000.0),
        free_storage_mb: Some(16_000.0),
        sdk_int: Some(30),
        os_version: Some("11".into()),
        network_type: Some("WIFI".into()),
        android_id: Some("a1".into()),
        ..Default::default()
    });
    let call = |num: &str, ty: &str, dur: f64, days: i64| CallLogRecord {
        number_hash: Some(num.into()),
        call_type: Some(ty.into()),
        duration_s: Some(dur),
        call_time: ms(ago(days)),
    };
    data.call_logs = vec![
        call("A", "incoming", 60.0, 1),
        call("A", "incoming", 60.0, 1), // same call synced twice
        call("B", "missed", 0.0, 2),
        call("A", "outgoing", 30.0, 10),
    ];
    data.contacts = vec![
        ContactRecord { number_hash: Some("A".into()), times_contacted: Some(3), last_contacted: ms(ago(1)), starred: Some(true) },
        ContactRecord { number_hash: Some("C".into()), times_contacted: Some(0), last_contacted: None, starred: Some(false) },
    ];
    data.sync_events = vec![
        SyncEvent {
            event_type: Some("permission".into()),
            event_value: Some("READ_SMS denied".into()),
            sync_request_id: Some("r1".into()),
            created_at: req() - Duration::days(2),
        },
        SyncEvent {
            event_type: Some("permission".into()),
            event_value: Some("contacts granted".into()),
            sync_request_id: Some("r1".into()),
            created_at: req() - Duration::days(2),
        },
    ];
    let mapper = |user: &str| {
        let v = json!({"client_id": "acme", "user_id": user, "android_id": "a1", "google_adv_id": "00000000-0000-0000-0000-000000000000"});
        v.as_object().unwrap().clone()
    };
    data.device_ids = vec![mapper("u1"), mapper("u2")];
    data
}

fn all() -> Map<String, Value> {
    compute(&user(), req(), &Grouping::ALL)
}

#[track_caller]
fn check(m: &Map<String, Value>, name: &str, expected: Value) {
    let got = m.get(name).unwrap_or_else(|| panic!("feature {name} missing"));
    match (got.as_f64(), expected.as_f64()) {
        (Some(g), Some(e)) => assert!((g - e).abs() < 1e-6, "{name}: got {got}, expected {expected}"),
        _ => assert_eq!(got, &expected, "{name}"),
    }
}

#[test]
fn contract_named_counts_cover_every_sms() {
    let m = all();
    check(&m, "all_sms_count_nlp", json!(10));
    check(&m, "txn_sms_count_nlp", json!(8));
    check(&m, "credit_sms_count_nlp", json!(3));
    check(&m, "debit_sms_count_nlp", json!(5));
}

#[test]
fn sms_grouping_counts_and_windows() {
    let m = all();
    // 7-day window is inclusive at exactly 7 days: #1, #3, #4, #7, #10.
    check(&m, "sms_count_7d", json!(5));
    check(&m, "sms_count_15d", json!(6));
    check(&m, "sms_count_30d", json!(7));
    check(&m, "sms_count_60d", json!(8));
    // all time: everything but the future-dated SMS (the undated one included).
    check(&m, "sms_count_all", json!(9));
    check(&m, "future_dated_sms_count", json!(1));
    check(&m, "undated_sms_count", json!(1));
    check(&m, "sent_sms_count_all", json!(1));
    check(&m, "inbox_sms_count_all", json!(7));
    check(&m, "sms_type_otp_count_7d", json!(1));
    check(&m, "sms_type_otp_share_7d", json!(0.2));
    check(&m, "sms_type_payment_bounced_count_15d", json!(0));
    check(&m, "sms_type_payment_bounced_count_30d", json!(1));
    check(&m, "sender_type_bank_sms_count_all", json!(7));
    check(&m, "sender_type_nbfc_sms_count_all", json!(1));
    check(&m, "sub_type_upi_sms_count_all", json!(5));
    check(&m, "txn_sms_count_7d", json!(4));
    check(&m, "credit_sms_count_7d", json!(1));
    // AD-HDFCBK and JD-HDFCBK-S are one sender.
    check(&m, "distinct_senders_all", json!(3));
    check(&m, "distinct_sender_names_all", json!(3));
    check(&m, "distinct_unique_pan_all", json!(1));
    check(&m, "days_since_last_sms", json!(1));
    check(&m, "days_since_first_sms", json!(35));
    check(&m, "sms_history_span_days", json!(34));
    check(&m, "sms_active_days_7d", json!(5));
    // No SMS in a window: counts are 0, shares are null.
    let empty = compute(&UserData::default(), req(), &[Grouping::Sms]);
    check(&empty, "sms_count_7d", json!(0));
    check(&empty, "sms_type_otp_share_7d", Value::Null);
    check(&empty, "days_since_last_sms", Value::Null);
    check(&empty, "all_sms_count_nlp", json!(0));
}

#[test]
fn extracted_sms_amounts_windows_and_nulls() {
    let m = all();
    // Debits (sent #10 and future #8 excluded).
    check(&m, "debit_count_7d", json!(2));
    check(&m, "debit_amount_sum_7d", json!(2000.0));
    check(&m, "debit_amount_max_7d", json!(1500.0));
    check(&m, "debit_count_15d", json!(3));
    check(&m, "debit_amount_sum_15d", json!(4000.0));
    check(&m, "debit_amount_mean_30d", json!(1333.33));
    check(&m, "debit_count_all", json!(4));
    check(&m, "debit_amount_sum_all", json!(4100.0));
    check(&m, "debit_amount_median_all", json!(1000.0));
    check(&m, "upi_debit_count_all", json!(4));
    check(&m, "upi_debit_amount_sum_7d", json!(2000.0));
    check(&m, "atm_withdrawal_count_all", json!(0));
    check(&m, "atm_withdrawal_amount_sum_all", json!(0.0));
    check(&m, "atm_withdrawal_amount_mean_all", Value::Null);
    check(&m, "atm_withdrawal_amount_median_all", Value::Null);
    // Credits and salary.
    check(&m, "credit_count_30d", json!(1));
    check(&m, "credit_amount_sum_30d", json!(50000.0));
    check(&m, "credit_count_60d", json!(2));
    check(&m, "credit_amount_median_60d", json!(49000.0));
    check(&m, "salary_credit_count_30d", json!(1));
    check(&m, "salary_credit_count_90d", json!(2));
    check(&m, "salary_credit_amount_sum_90d", json!(98000.0));
    check(&m, "salary_months_90d", json!(2));
    check(&m, "salary_regularity_90d", json!(0.666667));
    check(&m, "salary_regularity_365d", json!(0.166667));
    check(&m, "salary_latest_amount", json!(50000.0));
    check(&m, "days_since_last_salary_credit", json!(5));
    check(&m, "days_since_first_salary_credit", json!(35));
    check(&m, "neft_credit_count_all", json!(2));
    // Bounce: amount read from due_amount; NBFC lender.
    check(&m, "payment_bounce_count_15d", json!(0));
    check(&m, "payment_bounce_count_30d", json!(1));
    check(&m, "payment_bounce_amount_sum_30d", json!(3000.0));
    check(&m, "days_since_last_payment_bounce", json!(20));
    check(&m, "distinct_lenders_30d", json!(1));
    check(&m, "distinct_lenders_7d", json!(0));
    check(&m, "emi_debit_count_all", json!(0));
    check(&m, "days_since_last_emi_debit", Value::Null);
    // Balances: #1 52000 (5d), #2 30000 (35d), #3 51500 (1d), #4 800 (7d).
    check(&m, "balance_sms_count_7d", json!(3));
    check(&m, "balance_sms_count_all", json!(4));
    check(&m, "balance_latest_7d", json!(51500.0));
    check(&m, "balance_latest_all", json!(51500.0));
    check(&m, "balance_mean_7d", json!(34766.67));
    check(&m, "balance_min_all", json!(800.0));
    check(&m, "balance_max_all", json!(52000.0));
    check(&m, "balance_below_1000_count_7d", json!(1));
    check(&m, "balance_below_1000_share_7d", json!(0.333333));
    check(&m, "balance_below_0_count_all", json!(0));
    check(&m, "balance_latest_total_accounts_all", json!(51500.0));
    check(&m, "balance_accounts_count_all", json!(1));
    // Ratios.
    check(&m, "credit_debit_amount_ratio_7d", json!(25.0));
    check(&m, "net_flow_amount_60d", json!(94000.0));
    check(&m, "upi_share_of_debit_all", json!(1.0));
    check(&m, "emi_to_salary_ratio_90d", json!(0.0));
    check(&m, "emi_to_salary_ratio_7d", json!(0.0));
    check(&m, "distinct_accounts_all", json!(1));
    check(&m, "distinct_bank_accounts_all", json!(1));
    check(&m, "txn_active_days_7d", json!(3));
    // Nothing at all: sums 0, means / latest / ratios null.
    let empty = compute(&UserData::default(), req(), &[Grouping::ExtractedSms]);
    check(&empty, "debit_amount_sum_30d", json!(0.0));
    check(&empty, "debit_amount_mean_30d", Value::Null);
    check(&empty, "balance_latest_30d", Value::Null);
    check(&empty, "credit_debit_amount_ratio_30d", Value::Null);
    check(&empty, "salary_latest_amount", Value::Null);
}

#[test]
fn fraud_grouping_values() {
    let m = all();
    check(&m, "device_data_present", json!(true));
    check(&m, "device_is_rooted", json!(false));
    check(&m, "device_low_ram", json!(true));
    check(&m, "device_free_storage_ratio", json!(0.25));
    check(&m, "device_sdk_int", json!(30));
    check(&m, "device_os_major_version", json!(11));
    check(&m, "device_network_wifi", json!(true));
    check(&m, "device_battery_pct", Value::Null);
    check(&m, "device_emulator_hint", json!(false));
    // Apps: the two KreditBee records are one app, installed 3 days ago.
    check(&m, "app_count", json!(5));
    check(&m, "app_user_count", json!(4));
    check(&m, "app_system_count", json!(1));
    check(&m, "loan_app_count", json!(2));
    check(&m, "loan_app_installed_count_7d", json!(1));
    check(&m, "loan_app_installed_count_30d", json!(1));
    check(&m, "loan_app_installed_count_60d", json!(2));
    check(&m, "loan_app_share", json!(0.4));
    check(&m, "gambling_app_count", json!(1));
    check(&m, "gambling_app_installed_count_15d", json!(1));
    check(&m, "app_installed_count_7d", json!(1));
    check(&m, "app_installed_count_365d", json!(3));
    check(&m, "app_installed_count_all", json!(4));
    check(&m, "app_days_since_first_install", json!(400));
    // Calls (duplicate removed).
    check(&m, "call_log_count", json!(3));
    check(&m, "call_count_7d", json!(2));
    check(&m, "call_count_15d", json!(3));
    check(&m, "call_missed_count_7d", json!(1));
    check(&m, "call_missed_share_7d", json!(0.5));
    check(&m, "call_duration_sum_15d", json!(90.0));
    check(&m, "call_incoming_duration_sum_7d", json!(60.0));
    check(&m, "call_connected_duration_mean_15d", json!(45.0));
    check(&m, "call_distinct_numbers_15d", json!(2));
    check(&m, "call_numbers_in_contacts_share", json!(0.5));
    check(&m, "call_top_number_share", json!(0.666667));
    check(&m, "days_since_last_call", json!(1));
    // Contacts.
    check(&m, "contact_count", json!(2));
    check(&m, "contact_starred_count", json!(1));
    check(&m, "contact_ever_contacted_count", json!(1));
    check(&m, "contact_times_contacted_mean", json!(1.5));
    check(&m, "contact_last_contacted_count_7d", json!(1));
    // Sync events and device ids.
    check(&m, "sync_event_count", json!(2));
    check(&m, "sync_request_count", json!(1));
    check(&m, "sync_permission_denied_count", json!(1));
    check(&m, "sync_permission_granted_count", json!(1));
    check(&m, "sync_sms_permission_denied_count", json!(1));
    check(&m, "sync_contacts_permission_denied_count", json!(0));
    check(&m, "device_linked_user_count", json!(2));
    check(&m, "device_shared_with_other_users", json!(true));
    check(&m, "device_distinct_android_ids", json!(1));
    check(&m, "device_distinct_google_adv_ids", json!(0));
    // No device data: flags are null, counts 0.
    let empty = compute(&UserData::default(), req(), &[Grouping::Fraud]);
    check(&empty, "device_data_present", json!(false));
    check(&empty, "device_is_rooted", Value::Null);
    check(&empty, "loan_app_count", json!(0));
    check(&empty, "loan_app_share", Value::Null);
    check(&empty, "device_shared_with_other_users", json!(false));
}

#[test]
fn groupings_filter_output_to_their_catalogue() {
    let data = user();
    for g in Grouping::ALL {
        let m = compute(&data, req(), &[g]);
        let defs = catalogue_for(g);
        assert_eq!(m.len(), defs.len(), "{}", g.as_str());
        for d in defs {
            assert!(m.contains_key(&d.name), "{} missing from {}", d.name, g.as_str());
            assert_eq!(d.grouping, g);
        }
    }
    // The three named features belong to `sms`.
    let fraud_only = compute(&data, req(), &[Grouping::Fraud]);
    assert!(!fraud_only.contains_key("all_sms_count_nlp"));
    let sms_only = compute(&data, req(), &[Grouping::Sms, Grouping::Sms]);
    assert!(sms_only.contains_key("all_sms_count_nlp"));
    assert!(!sms_only.contains_key("debit_amount_sum_30d"));
    assert!(compute(&data, req(), &[]).is_empty());
}

#[test]
fn every_catalogue_feature_is_present_and_never_a_string() {
    for data in [user(), UserData::default()] {
        let m = compute(&data, req(), &Grouping::ALL);
        assert_eq!(m.len(), catalogue().len());
        for d in catalogue() {
            let v = m.get(&d.name).unwrap_or_else(|| panic!("{} missing", d.name));
            assert!(
                matches!(v, Value::Number(_) | Value::Bool(_) | Value::Null),
                "{} has a non-scalar or string value {v}",
                d.name
            );
        }
    }
}

#[test]
fn deterministic_and_independent_of_input_order() {
    let data = user();
    let a = compute(&data, req(), &Grouping::ALL);
    let b = compute(&data, req(), &Grouping::ALL);
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    let mut rev = data.clone();
    rev.sms.reverse();
    rev.apps.reverse();
    rev.call_logs.reverse();
    rev.contacts.reverse();
    rev.device_ids.reverse();
    let c = compute(&rev, req(), &Grouping::ALL);
    for (k, v) in &a {
        assert_eq!(c.get(k), Some(v), "{k} depends on input order");
    }
}

#[test]
fn request_time_moves_the_windows() {
    // Seen from 30 days later, the salary of 5 days ago is 35 days old and
    // the formerly future salary-tagged credit of 999 is 29 days old.
    let later = req() + Duration::days(30);
    let m = compute(&user(), later, &[Grouping::ExtractedSms, Grouping::Sms]);
    check(&m, "salary_credit_count_30d", json!(1));
    check(&m, "salary_credit_amount_sum_30d", json!(999.0));
    check(&m, "salary_credit_count_60d", json!(2));
    check(&m, "days_since_last_salary_credit", json!(29));
    check(&m, "credit_count_30d", json!(1));
    check(&m, "future_dated_sms_count", json!(0));
}
