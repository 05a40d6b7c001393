//! `mobileforge seed`: realistic users, deterministic for a given seed.

use futures::TryStreamExt;
use mobileforge::config::Role;
use mobileforge::db;
use mobileforge::seed::{seed, SeedOptions};
use mongodb::bson::{doc, Document};

use crate::helpers::*;

async fn seeded(opts: &SeedOptions) -> (Vec<Document>, String) {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let settings = load(Role::Migrate, &insights_env(&dbs, "http://127.0.0.1:9"));
    let pg = settings.postgres();
    let main = db::postgres::build_pool(pg, &dbs.main);
    let sync = db::postgres::build_pool(pg, &dbs.sync);
    let mongo = db::mongo::build_database(settings.mongodb.as_ref().unwrap()).unwrap();
    let report = seed(&mongo, &main, &sync, opts).await.unwrap();
    assert_eq!(report.user_ids.len(), opts.users);
    let n: i64 = main
        .get()
        .await
        .unwrap()
        .query_one("SELECT count(*) FROM clients WHERE client_id IN ('demo', 'demo_insights')", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 2);
    let mut docs: Vec<Document> = mongo
        .collection::<Document>("sms_sync_request_sms_data")
        .find(doc! {})
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    for d in &mut docs {
        d.remove("_id");
    }
    (docs, report.auth_token)
}

#[tokio::test]
async fn the_same_seed_writes_the_same_data() {
    let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap().and_hms_opt(12, 0, 0).unwrap();
    let opts = SeedOptions { users: 2, sms_per_user: 300, apps_per_user: 20, now, ..Default::default() };
    let (a, token_a) = seeded(&opts).await;
    let (b, token_b) = seeded(&opts).await;
    assert_eq!(token_a, token_b);
    assert_eq!(a, b);
    let bodies: Vec<String> = a
        .iter()
        .flat_map(|d| d.get_array("sms_data").unwrap().iter())
        .map(|s| s.as_document().unwrap().get_str("sms_body").unwrap().to_lowercase())
        .collect();
    assert_eq!(bodies.len(), 600);
    for needle in ["salary", "emi", "otp", "pre-approved", "returned unpaid", "upi"] {
        assert!(bodies.iter().any(|b| b.contains(needle)), "no SMS mentions {needle}");
    }
    let other = SeedOptions { seed: 7, ..opts };
    let (c, _) = seeded(&other).await;
    assert_ne!(a, c, "another seed gives other data");
}
