//! `mobileforge seed`: deterministic synthetic users for demos, tests and
//! load benchmarks. Writes MongoDB sync documents (contract §6), sync events
//! in the sync DB, and a `clients` row whose credentials it prints.

use chrono::{Duration, NaiveDateTime, Utc};
use mongodb::bson::{doc, Bson, Document};
use mongodb::Database;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::PgPool;
use crate::insights::readers;

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub users: usize,
    pub seed: u64,
    pub client_id: String,
    pub sms_per_user: usize,
    pub apps_per_user: usize,
    /// Data is dated back from this moment.
    pub now: NaiveDateTime,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions {
            users: 5,
            seed: 42,
            client_id: "demo".into(),
            sms_per_user: 400,
            apps_per_user: 60,
            now: Utc::now().naive_utc(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SeedReport {
    pub client_id: String,
    pub insights_client_id: String,
    pub auth_token: String,
    pub user_ids: Vec<String>,
}

const BANKS: &[(&str, &str)] = &[
    ("AX-HDFCBK-S", "HDFC Bank"),
    ("VM-SBIUPI-S", "SBI"),
    ("JD-ICICIT-T", "ICICI Bank"),
    ("VK-AXISBK-S", "Axis Bank"),
    ("BZ-KOTAKB-S", "Kotak Bank"),
];
const MERCHANTS: &[&str] = &[
    "swiggy@ybl", "zomato@hdfcbank", "blinkit@axl", "uber@paytm", "bigbasket@icici", "irctc@sbi",
    "rapido@ybl", "dmart@okaxis", "phonepe.merchant@ybl", "kirana.store@okhdfcbank",
];
const LENDERS: &[(&str, &str)] = &[("VM-BAJAJF-S", "Bajaj Finance"), ("AD-HDBFSL-S", "HDB Financial"), ("JM-KREDTB-S", "KreditBee")];
const LOAN_APPS: &[(&str, &str)] = &[
    ("com.kreditbee.android", "KreditBee"),
    ("in.kissht", "Kissht"),
    ("com.mpokket.app", "mPokket"),
    ("com.moneyview.android", "Moneyview"),
    ("com.cashe.app", "CASHe"),
    ("com.navi.android", "Navi"),
];
const OTHER_APPS: &[(&str, &str)] = &[
    ("com.whatsapp", "WhatsApp"),
    ("com.phonepe.app", "PhonePe"),
    ("net.one97.paytm", "Paytm"),
    ("com.google.android.apps.nbu.paisa.user", "Google Pay"),
    ("in.swiggy.android", "Swiggy"),
    ("com.application.zomato", "Zomato"),
    ("com.instagram.android", "Instagram"),
    ("com.dream11.fantasy.cricket.football.kabaddi", "Dream11"),
    ("com.flipkart.android", "Flipkart"),
    ("in.amazon.mShop.android.shopping", "Amazon"),
    ("com.snapchat.android", "Snapchat"),
    ("com.truecaller", "Truecaller"),
];

fn amount(rng: &mut StdRng, lo: f64, hi: f64) -> f64 {
    (rng.gen_range(lo..hi) * 100.0).round() / 100.0
}

fn rs(v: f64) -> String {
    format!("{v:.2}")
}

/// One user's SMS, oldest first.
fn sms_for(rng: &mut StdRng, user_index: usize, count: usize, now: NaiveDateTime) -> Vec<Document> {
    let (bank_sender, bank) = BANKS[user_index % BANKS.len()];
    let acct = format!("{:04}", rng.gen_range(1000..9999));
    let salary = amount(rng, 18_000.0, 95_000.0).round();
    let employer = ["ACME TECHNOLOGIES", "SUNRISE RETAIL PVT LTD", "INFOSOL SERVICES", "BHARAT LOGISTICS"][user_index % 4];
    let (lender_sender, lender) = LENDERS[user_index % LENDERS.len()];
    let emi = amount(rng, 1_500.0, 9_000.0).round();
    let mut balance = amount(rng, 2_000.0, 40_000.0);
    let mut out = Vec::with_capacity(count);
    let days = 180;
    for i in 0..count {
        // Spread over the last `days` days, oldest first.
        let offset_secs = ((count - i) as i64 * days * 86_400) / count as i64;
        let t = now - Duration::seconds(offset_secs) + Duration::seconds(rng.gen_range(0..3600));
        let date = t.format("%d-%m-%y").to_string();
        let ref_no: u64 = rng.gen_range(100_000_000_000..999_999_999_999);
        let roll = rng.gen_range(0..100);
        let (sender, body) = if t.format("%d").to_string() == "01" && roll < 60 {
            balance += salary;
            (bank_sender.to_string(), format!(
                "Dear Customer, your A/c XX{acct} has been credited with INR {} on {date} by NEFT-{employer}-SALARY. Avl Bal INR {}. -{bank}",
                rs(salary), rs(balance)))
        } else if roll < 45 {
            let a = amount(rng, 20.0, 2_500.0);
            balance -= a;
            let m = MERCHANTS[rng.gen_range(0..MERCHANTS.len())];
            (bank_sender.to_string(), format!(
                "Rs.{} debited from A/c XX{acct} on {date} to VPA {m} (UPI Ref No {ref_no}). Avl Bal Rs.{}. Not you? Call 1800-123-4567 -{bank}",
                rs(a), rs(balance)))
        } else if roll < 55 {
            let a = amount(rng, 100.0, 5_000.0);
            balance += a;
            (bank_sender.to_string(), format!(
                "Your A/c XX{acct} is credited by Rs.{} on {date} from {}@okaxis. UPI Ref {ref_no}. -{bank}",
                rs(a), ["ramesh.k", "priya.s", "amit99", "family.fund"][rng.gen_range(0..4)]))
        } else if roll < 62 {
            balance -= emi;
            (lender_sender.to_string(), format!(
                "Dear Customer, EMI of Rs.{} for your loan account ending {} has been debited via NACH on {date}. Thank you, {lender}.",
                rs(emi), rng.gen_range(1000..9999)))
        } else if roll < 65 {
            (lender_sender.to_string(), format!(
                "Your EMI of Rs.{} due on {date} for loan a/c ending {} is unpaid. Please pay immediately to avoid penal charges. - {lender}",
                rs(emi), rng.gen_range(1000..9999)))
        } else if roll < 67 {
            (bank_sender.to_string(), format!(
                "NACH debit of Rs.{} towards {lender} EMI returned unpaid from A/c XX{acct} due to insufficient funds. Return charges Rs.500 + GST will apply. -{bank}",
                rs(emi)))
        } else if roll < 77 {
            (format!("VM-{}", ["AMAZON", "FLPKRT", "SWIGGY", "PAYTMB"][rng.gen_range(0..4)]), format!(
                "{} is your OTP to complete the payment of Rs.{}. Valid for 10 minutes. Do not share it with anyone.",
                rng.gen_range(100_000..999_999), rs(amount(rng, 100.0, 9_000.0))))
        } else if roll < 85 {
            ("VM-KREDTB".to_string(), format!(
                "Congratulations! You are pre-approved for an instant personal loan of up to Rs.{} at low interest. Apply now: kbee.in/x{}",
                rs(amount(rng, 50_000.0, 300_000.0).round()), rng.gen_range(10..99)))
        } else if roll < 90 {
            let a = amount(rng, 100.0, 3_000.0);
            (bank_sender.to_string(), format!(
                "Rs.{} spent on your {bank} Credit Card ending {} at {} on {date}. Avl limit Rs.{}.",
                rs(a), rng.gen_range(1000..9999), ["AMAZON", "FLIPKART", "MYNTRA", "BIGBAZAAR"][rng.gen_range(0..4)],
                rs(amount(rng, 10_000.0, 90_000.0))))
        } else if roll < 94 {
            let a = amount(rng, 500.0, 5_000.0);
            balance -= a;
            (bank_sender.to_string(), format!(
                "Rs.{} withdrawn at ATM from A/c XX{acct} on {date}. Avl Bal Rs.{}. -{bank}", rs(a), rs(balance)))
        } else if roll < 97 {
            ("AX-JIOINF".to_string(), "Your Jio plan expires tomorrow. Recharge now with Rs.299 to continue enjoying unlimited calls and 1.5GB/day.".to_string())
        } else {
            (bank_sender.to_string(), format!("Avl Bal in A/c XX{acct} as on {date} is INR {}. -{bank}", rs(balance)))
        };
        out.push(doc! {
            "sms_id": format!("u{user_index}-sms-{i}"),
            "sms_sender": sender,
            "sms_body": body,
            "sms_inbox_date": t.and_utc().timestamp_millis(),
            "sms_folder": "inbox",
        });
    }
    out
}

fn apps_for(rng: &mut StdRng, count: usize, now: NaiveDateTime) -> Vec<Document> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (package, name) = if i < LOAN_APPS.len() && rng.gen_bool(0.5) {
            LOAN_APPS[i]
        } else if i < LOAN_APPS.len() + OTHER_APPS.len() && i >= LOAN_APPS.len() {
            OTHER_APPS[i - LOAN_APPS.len()]
        } else {
            ("", "")
        };
        let (package, name) = if package.is_empty() {
            (format!("com.example.app{i}"), format!("App {i}"))
        } else {
            (package.to_string(), name.to_string())
        };
        let installed = now - Duration::days(rng.gen_range(1..700));
        out.push(doc! {
            "package_name": package,
            "app_name": name,
            "install_time": installed.and_utc().timestamp_millis(),
            "update_time": (installed + Duration::days(rng.gen_range(0..30))).and_utc().timestamp_millis(),
            "is_system_app": i % 7 == 0,
        });
    }
    out
}

fn batch(client_id: &str, user_id: &str, request_id: String, now: NaiveDateTime, field: &str, records: Bson) -> Document {
    doc! {
        "client_id": client_id,
        "user_id": user_id,
        "request_id": request_id,
        "created_at": now.format("%Y-%m-%d %H:%M:%S").to_string(),
        field: records,
    }
}

/// Writes the users; re-running with the same options gives the same data.
pub async fn seed(db: &Database, main: &PgPool, sync: &PgPool, opts: &SeedOptions) -> anyhow::Result<SeedReport> {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let insights_client_id = format!("{}_insights", opts.client_id);
    let mut token_bytes = [0u8; 16];
    rng.fill(&mut token_bytes);
    let token = uuid::Builder::from_random_bytes(token_bytes).into_uuid().to_string();
    {
        let client = main.get().await?;
        for id in [&opts.client_id, &insights_client_id] {
            client.execute("DELETE FROM clients WHERE client_id = $1", &[id]).await?;
            client.execute("INSERT INTO clients (client_id, auth_token) VALUES ($1, $2)", &[id, &token]).await?;
        }
    }
    let mut user_ids = Vec::with_capacity(opts.users);
    let now = opts.now;
    for u in 0..opts.users {
        let user_id = format!("user_{:04}", u + 1);
        let filter = doc! { "client_id": &opts.client_id, "user_id": &user_id };
        for c in crate::db::migrate::MONGO_PER_USER_COLLECTIONS {
            db.collection::<Document>(c).delete_many(filter.clone()).await?;
        }
        let rid = |rng: &mut StdRng| format!("{:032x}", rng.gen::<u128>());
        // SMS in sync batches of 500, as the SDK uploads them.
        let sms = sms_for(&mut rng, u, opts.sms_per_user, now);
        let mut docs = Vec::new();
        for chunk in sms.chunks(500) {
            let r = rid(&mut rng);
            docs.push(batch(&opts.client_id, &user_id, r, now, "sms_data", Bson::Array(chunk.iter().cloned().map(Bson::Document).collect())));
        }
        if !docs.is_empty() {
            db.collection::<Document>(readers::SMS_COLLECTION).insert_many(docs).await?;
        }
        let apps = apps_for(&mut rng, opts.apps_per_user, now);
        let r = rid(&mut rng);
        db.collection::<Document>(readers::APPS_COLLECTION)
            .insert_one(batch(&opts.client_id, &user_id, r, now, "apps_data", Bson::Array(apps.into_iter().map(Bson::Document).collect())))
            .await?;
        let android_id = format!("{:016x}", rng.gen::<u64>());
        let device = doc! {
            "brand": (["samsung", "xiaomi", "realme", "vivo", "oneplus"][u % 5]),
            "model": (["SM-A145F", "Redmi Note 12", "RMX3630", "V2207", "CPH2449"][u % 5]),
            "manufacturer": (["samsung", "xiaomi", "realme", "vivo", "oneplus"][u % 5]),
            "os_version": (["12", "13", "14"][u % 3]), "sdk_int": ([31, 33, 34][u % 3]),
            "is_rooted": u % 11 == 5, "is_emulator": false,
            "total_ram_mb": ([3072, 4096, 6144, 8192][u % 4]), "total_storage_mb": ([65536, 131072][u % 2]),
            "free_storage_mb": rng.gen_range(2_000..40_000), "battery_pct": rng.gen_range(5..100),
            "network_type": (["wifi", "4g", "5g"][u % 3]), "carrier": (["Jio", "Airtel", "Vi"][u % 3]),
            "android_id": &android_id, "app_device_id": format!("{:032x}", rng.gen::<u128>()),
            "google_adv_id": uuid::Builder::from_random_bytes(rng.gen()).into_uuid().to_string(),
        };
        let r = rid(&mut rng);
        db.collection::<Document>(readers::DEVICE_COLLECTION)
            .insert_one(batch(&opts.client_id, &user_id, r, now, "device_data", Bson::Document(device)))
            .await?;
        let calls: Vec<Bson> = (0..rng.gen_range(50..200))
            .map(|_| {
                Bson::Document(doc! {
                    "number_hash": format!("{:016x}", rng.gen_range(0..60_u64)),
                    "call_type": (["incoming", "outgoing", "missed", "rejected"][rng.gen_range(0..4)]),
                    "duration_s": rng.gen_range(0..900),
                    "call_time": (now - Duration::minutes(rng.gen_range(0..180 * 24 * 60))).and_utc().timestamp_millis(),
                })
            })
            .collect();
        let r = rid(&mut rng);
        db.collection::<Document>(readers::CALL_LOGS_COLLECTION)
            .insert_one(batch(&opts.client_id, &user_id, r, now, "call_logs_data", Bson::Array(calls)))
            .await?;
        let contacts: Vec<Bson> = (0..rng.gen_range(40..400))
            .map(|i| {
                Bson::Document(doc! {
                    "number_hash": format!("{:016x}", i),
                    "times_contacted": rng.gen_range(0..50),
                    "last_contacted": (now - Duration::days(rng.gen_range(0..365))).and_utc().timestamp_millis(),
                    "starred": rng.gen_bool(0.05),
                })
            })
            .collect();
        let r = rid(&mut rng);
        db.collection::<Document>(readers::CONTACTS_COLLECTION)
            .insert_one(batch(&opts.client_id, &user_id, r, now, "contacts_data", Bson::Array(contacts)))
            .await?;
        db.collection::<Document>(readers::DEVICE_ID_MAPPER_COLLECTION)
            .insert_one(doc! {
                "client_id": &opts.client_id, "user_id": &user_id, "android_id": &android_id,
                "device_id": format!("dev-{u}"), "assembled_id": format!("asm-{u}"),
            })
            .await?;
        let sync_client = sync.get().await?;
        sync_client
            .execute("DELETE FROM sync_events_log WHERE client_id = $1 AND user_id = $2", &[&opts.client_id, &user_id])
            .await?;
        let sync_request_id = rid(&mut rng);
        for (event_type, value) in [
            ("sms_permission", "granted"),
            ("call_log_permission", if u % 4 == 3 { "denied" } else { "granted" }),
            ("contacts_permission", "granted"),
            ("sync_started", "sms"),
            ("sync_finished", "sms"),
        ] {
            sync_client
                .execute(
                    "INSERT INTO sync_events_log (event_type, event_value, sync_request_id, client_id, user_id) VALUES ($1, $2, $3, $4, $5)",
                    &[&event_type, &value, &sync_request_id, &opts.client_id, &user_id],
                )
                .await?;
        }
        user_ids.push(user_id);
    }
    Ok(SeedReport { client_id: opts.client_id.clone(), insights_client_id, auth_token: token, user_ids })
}
