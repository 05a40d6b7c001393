use chrono::{Duration, Utc};
use mobileforge::config::Role;
use mobileforge::db;
use mongodb::bson::Document;

use crate::helpers::*;

const PARTITIONED: &[&str] = &[
    "fetch_extracted_request_dump",
    "fetch_extracted_response_dump",
    "insights_request_dump",
    "insights_response_dump",
    "sync_events_log",
    "unauthorized_requests",
    "usage",
];

#[tokio::test]
async fn migrate_creates_everything_and_a_second_run_changes_nothing() {
    let dbs = TestDatabases::fresh();
    let first = migrate(&dbs).await;
    assert_eq!(first.databases_created, vec![dbs.main.clone(), dbs.sync.clone()]);
    assert_eq!(first.applied.len(), db::migrate::MAIN.len() + db::migrate::SYNC.len());
    assert!(!first.mongo_collections_created.is_empty());

    let second = migrate(&dbs).await;
    assert!(second.is_noop(), "second run changed something: {second:?}");

    let settings = load(Role::Migrate, &insights_env(&dbs, "http://127.0.0.1:9"));
    let pg = settings.postgres();
    let main = db::postgres::build_pool(pg, &dbs.main);
    let client = main.get().await.unwrap();
    let tables: Vec<String> = client
        .query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    for t in ["clients", "api_request_dump", "api_response_dump", "insights_jobs"].iter().chain(PARTITIONED) {
        assert!(tables.iter().any(|x| x == t), "missing table {t}");
    }
    let partitioned = db::partitions::partitioned_tables(&**client).await.unwrap();
    assert_eq!(partitioned, PARTITIONED);

    // Partitions exist for today..=today+days_ahead on every partitioned table.
    let today = Utc::now().naive_utc().date();
    for table in PARTITIONED {
        for offset in 0..=i64::from(settings.partitions.days_ahead) {
            let name = db::partitions::partition_name(table, today + Duration::days(offset));
            assert!(tables.contains(&name), "missing partition {name}");
        }
    }
    // A row for right now lands in a partition.
    client.execute("INSERT INTO usage (client_id, api_name, response_code) VALUES ('c', 'x', 200)", &[]).await.unwrap();

    let sync = db::postgres::build_pool(pg, &dbs.sync);
    let n: i64 = sync
        .get()
        .await
        .unwrap()
        .query_one("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'sync_events_log_%'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, i64::from(settings.partitions.days_ahead) + 1);

    let mongo = db::mongo::build_database(settings.mongodb.as_ref().unwrap()).unwrap();
    let names = mongo.list_collection_names().await.unwrap();
    for c in db::migrate::MONGO_PER_USER_COLLECTIONS {
        assert!(names.iter().any(|n| n == c), "missing collection {c}");
        let mut cursor = mongo.collection::<Document>(c).list_indexes().await.unwrap();
        let mut found = false;
        while cursor.advance().await.unwrap() {
            let index = cursor.deserialize_current().unwrap();
            found |= index.keys == mongodb::bson::doc! { "client_id": 1, "user_id": 1 };
        }
        assert!(found, "{c}: no {{client_id: 1, user_id: 1}} index");
    }
}

#[tokio::test]
async fn concurrent_migrations_do_not_corrupt_anything() {
    let dbs = TestDatabases::fresh();
    let settings = load(Role::Migrate, &insights_env(&dbs, "http://127.0.0.1:9"));
    let runs = futures::future::join_all((0..3).map(|_| db::migrate::run(&settings, false))).await;
    let mut applied = 0;
    for r in runs {
        let r = r.expect("every concurrent run succeeds");
        applied += r.applied.len();
    }
    assert_eq!(applied, db::migrate::MAIN.len() + db::migrate::SYNC.len(), "each migration applied exactly once");
    let pool = db::postgres::build_pool(settings.postgres(), &dbs.main);
    let n: i64 = pool
        .get()
        .await
        .unwrap()
        .query_one("SELECT count(*) FROM mobileforge_schema_migrations", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n as usize, db::migrate::MAIN.len());
    assert!(migrate(&dbs).await.is_noop());
}

#[tokio::test]
async fn retention_drops_old_partitions_and_maintenance_recreates_missing_ones() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let settings = load(Role::Migrate, &insights_env(&dbs, "http://127.0.0.1:9"));
    let pool = db::postgres::build_pool(settings.postgres(), &dbs.main);
    let mut client = pool.get().await.unwrap();
    let old = Utc::now().naive_utc().date() - Duration::days(40);
    let name = db::partitions::partition_name("usage", old);
    client
        .batch_execute(&format!(
            "CREATE TABLE {name} PARTITION OF usage FOR VALUES FROM ('{old}') TO ('{}')",
            old + Duration::days(1)
        ))
        .await
        .unwrap();
    let tomorrow = db::partitions::partition_name("usage", Utc::now().naive_utc().date() + Duration::days(1));
    client.batch_execute(&format!("DROP TABLE {tomorrow}")).await.unwrap();
    let report = db::partitions::maintain(&mut client, 10, 30).await.unwrap();
    assert_eq!(report.dropped, vec![name]);
    assert_eq!(report.created, vec![tomorrow]);
}

#[tokio::test]
async fn an_edited_migration_is_refused() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let settings = load(Role::Migrate, &insights_env(&dbs, "http://127.0.0.1:9"));
    let pool = db::postgres::build_pool(settings.postgres(), &dbs.main);
    pool.get().await.unwrap().execute("UPDATE mobileforge_schema_migrations SET checksum = 'x' WHERE version = 1", &[]).await.unwrap();
    let err = db::migrate::run(&settings, false).await.unwrap_err().to_string();
    assert!(err.contains("never be edited"), "{err}");
}

#[tokio::test]
async fn a_user_who_may_not_create_databases_gets_a_clear_error() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let settings = load(Role::Migrate, &insights_env(&dbs, "http://127.0.0.1:9"));
    let pool = db::postgres::build_pool(settings.postgres(), &dbs.main);
    let role = format!("nocreate_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    pool.get()
        .await
        .unwrap()
        .batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD 'pw' NOCREATEDB"))
        .await
        .unwrap();
    let mut env = insights_env(&TestDatabases::fresh(), "http://127.0.0.1:9");
    set(&mut env, "DI_POSTGRES_USERNAME", &role);
    set(&mut env, "DI_POSTGRES_PASSWORD", "pw");
    let s = load(Role::Migrate, &env);
    let err = db::migrate::run(&s, true).await.unwrap_err().to_string();
    assert!(err.contains("does not exist") && err.contains("CREATEDB"), "{err}");
}
