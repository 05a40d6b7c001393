use std::process::Command;

use mobileforge::config::{load_from, Role};

use crate::helpers::*;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn an_unparsable_value_names_its_variable() {
    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    set(&mut e, "DI_POSTGRES_PORT", "fivefourthreetwo");
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(err.contains("DI_POSTGRES_PORT"), "{err}");
    assert!(!err.contains('\n'));

    let mut e = sms_env(&dbs);
    set(&mut e, "MAX_SMS_COUNT", "-3");
    let err = load_from(Role::Sms, None, &e).unwrap_err().to_string();
    assert!(err.contains("MAX_SMS_COUNT"), "{err}");

    let err = load_from(Role::Insights, None, &env(&[("LAUNCH_ENVIRONMENT", "moon")])).unwrap_err().to_string();
    assert!(err.contains("LAUNCH_ENVIRONMENT"), "{err}");

    let mut e = sms_env(&dbs);
    set(&mut e, "MOBILEFORGE__SERVER__MEMORY_PURGE_DELAY_MS", "-2");
    let err = load_from(Role::Sms, None, &e).unwrap_err().to_string();
    assert!(err.contains("MOBILEFORGE__SERVER__MEMORY_PURGE_DELAY_MS"), "{err}");
    set(&mut e, "MOBILEFORGE__SERVER__MEMORY_PURGE_DELAY_MS", "1000");
    assert_eq!(load_from(Role::Sms, None, &e).unwrap().server.memory_purge_delay_ms, 1000);
    assert_eq!(load_from(Role::Sms, None, &sms_env(&dbs)).unwrap().server.memory_purge_delay_ms, -1);
}

#[test]
fn a_missing_required_variable_is_named_per_role() {
    // staging/prod have no connection defaults: everything must come from the environment.
    let err = load_from(Role::Insights, None, &env(&[("LAUNCH_ENVIRONMENT", "prod")])).unwrap_err().to_string();
    assert!(err.contains("DI_POSTGRES_"), "{err}");
    let err = load_from(Role::Sms, None, &env(&[("LAUNCH_ENVIRONMENT", "staging")])).unwrap_err().to_string();
    assert!(err.contains("DB_"), "{err}");

    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    set(&mut e, "LAUNCH_ENVIRONMENT", "prod");
    e.retain(|(k, _)| k != "SMS_EXTRACTOR_SERVICE_URL");
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(err.contains("SMS_EXTRACTOR_SERVICE_URL"), "{err}");
}

#[test]
fn secrets_never_appear_in_errors_or_debug_output() {
    let dbs = TestDatabases::fresh();
    let secret = "s3cr3t-Pa55word-do-not-log";
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    set(&mut e, "DI_POSTGRES_PASSWORD", secret);
    set(&mut e, "DI_MONGODB_USERNAME", "reader");
    set(&mut e, "DI_MONGODB_PASSWORD", secret);
    let settings = load_from(Role::Insights, None, &e).unwrap();
    assert_eq!(settings.postgres().password.expose(), secret);
    let debug = format!("{settings:?}");
    assert!(!debug.contains(secret), "Debug output leaks the password");
    // An error elsewhere in the same environment does not echo the secret either.
    set(&mut e, "DI_MONGODB_PORT", "not-a-port");
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(!err.contains(secret), "{err}");
}

#[test]
fn file_layers_and_env_overrides_apply_in_order() {
    let dir = std::env::temp_dir().join(format!("mf-config-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("default.toml"), "[server]\nrate_limit_per_minute = 77\n[sms]\nmax_sms_count = 10\n").unwrap();
    std::fs::write(dir.join("staging.toml"), "[sms]\nmax_sms_count = 20\n").unwrap();
    let dbs = TestDatabases::fresh();
    let mut e = sms_env(&dbs);
    set(&mut e, "LAUNCH_ENVIRONMENT", "staging");
    e.retain(|(k, _)| k != "MAX_SMS_COUNT");
    let s = load_from(Role::Sms, Some(&dir), &e).unwrap();
    assert_eq!(s.server.rate_limit_per_minute, 77);
    assert_eq!(s.sms.max_sms_count, 20, "the environment file overrides the base file");
    set(&mut e, "MAX_SMS_COUNT", "30");
    assert_eq!(load_from(Role::Sms, Some(&dir), &e).unwrap().sms.max_sms_count, 30, "variables override files");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_binary_exits_non_zero_with_one_line_naming_the_variable() {
    let out = Command::new(env!("CARGO_BIN_EXE_mobileforge"))
        .args(["serve", "insights"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LAUNCH_ENVIRONMENT", "prod")
        .env("DI_POSTGRES_USERNAME", "u")
        .env("DI_POSTGRES_PASSWORD", "hunter2-secret")
        .env("DI_POSTGRES_HOST", "db")
        .env("DI_POSTGRES_PORT", "54x32")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("DI_POSTGRES_PORT"), "{stderr}");
    assert!(!stderr.contains("hunter2-secret"));
}

#[test]
fn postgres_tls_settings_are_checked_at_start() {
    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    assert_eq!(load_from(Role::Insights, None, &e).unwrap().postgres().ssl_mode, mobileforge::config::PgSslMode::Disable);

    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_MODE", "verify-everything");
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(err.contains("ssl_mode") || err.contains("SSL_MODE"), "{err}");

    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_MODE", "require");
    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_ROOT_CERT", "/nonexistent/ca.pem");
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(err.contains("ssl_root_cert") && err.contains("/nonexistent/ca.pem"), "{err}");

    let not_pem = std::env::temp_dir().join(format!("mf-not-a-cert-{}.pem", std::process::id()));
    std::fs::write(&not_pem, "hello\n").unwrap();
    set(&mut e, "MOBILEFORGE__POSTGRES__SSL_ROOT_CERT", not_pem.to_str().unwrap());
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(err.contains("no certificate"), "{err}");
    std::fs::remove_file(&not_pem).ok();
}
