//! SIGTERM: the real binary stops accepting, finishes in-flight work and exits 0.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::*;

#[tokio::test]
async fn sigterm_drains_and_exits_cleanly() {
    let dbs = TestDatabases::fresh();
    migrate(&dbs).await;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut env = sms_env(&dbs);
    set(&mut env, "MOBILEFORGE__SERVER__SMS_PORT", &port.to_string());
    set(&mut env, "MOBILEFORGE__SERVER__SHUTDOWN_TIMEOUT_SECS", "5");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mobileforge"))
        .args(["serve", "sms"])
        .env_clear()
        .envs(env)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/health");
    let started = Instant::now();
    while http.get(&url).send().await.map(|r| r.status() != 200).unwrap_or(true) {
        assert!(started.elapsed() < Duration::from_secs(20), "server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "did not exit after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "exit status {exit:?}");
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("stopped"), "{stderr}");
    // Nothing listens any more.
    assert!(http.get(&url).send().await.is_err());
}
