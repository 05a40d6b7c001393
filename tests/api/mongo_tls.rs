//! MongoDB over TLS. The stand-in speaks plain TCP, so the test puts a
//! TLS-terminating proxy (rustls, with the certificate scripts/test made for
//! 127.0.0.1 next to `MF_PG_CA`) in front of it; the driver's side is real.

use std::sync::Arc;
use std::time::Duration;

use mobileforge::config::{load_from, Role};
use mobileforge::db;
use mongodb::bson::{doc, Document};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::helpers::*;

/// A TLS listener on 127.0.0.1 forwarding each connection to `upstream`.
async fn tls_proxy(upstream: String) -> u16 {
    let dir = test_tls_dir();
    let certs = CertificateDer::pem_file_iter(dir.join("server.crt")).unwrap().collect::<Result<Vec<_>, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((inbound, _)) = listener.accept().await {
            let (acceptor, upstream) = (acceptor.clone(), upstream.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(inbound).await else { return };
                let Ok(mut plain) = TcpStream::connect(&upstream).await else { return };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    port
}

#[tokio::test]
async fn mongodb_over_verified_tls() {
    let s = services();
    let port = tls_proxy(format!("{}:{}", s.mongo_host, s.mongo_port)).await;
    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    set(&mut e, "DI_MONGODB_HOST", "127.0.0.1");
    set(&mut e, "DI_MONGODB_PORT", &port.to_string());
    set(&mut e, "DI_MONGODB_SERVER_SELECTION_TIMEOUT_MS", "2000");
    set(&mut e, "MOBILEFORGE__MONGODB__TLS", "true");
    set(&mut e, "MOBILEFORGE__MONGODB__TLS_CA_FILE", test_tls_dir().join("ca.crt").to_str().unwrap());
    let settings = load_from(Role::Insights, None, &e).unwrap();
    let mongo = settings.mongodb.as_ref().unwrap();
    let database = db::mongo::build_database(mongo).unwrap();
    db::mongo::ping(&database, Duration::from_secs(5)).await.expect("ping through TLS");
    let collection = database.collection::<Document>("tls_check");
    collection.insert_one(doc! { "k": 1 }).await.unwrap();
    assert_eq!(collection.count_documents(doc! { "k": 1 }).await.unwrap(), 1);

    // without the CA the certificate does not verify: no connection
    e.retain(|(k, _)| k != "MOBILEFORGE__MONGODB__TLS_CA_FILE");
    let untrusting = load_from(Role::Insights, None, &e).unwrap();
    let database = db::mongo::build_database(untrusting.mongodb.as_ref().unwrap()).unwrap();
    assert!(db::mongo::ping(&database, Duration::from_secs(5)).await.is_err());

    // plain TCP to a TLS port does not work either (the setting is honoured)
    set(&mut e, "MOBILEFORGE__MONGODB__TLS", "false");
    let plain = load_from(Role::Insights, None, &e).unwrap();
    let database = db::mongo::build_database(plain.mongodb.as_ref().unwrap()).unwrap();
    assert!(db::mongo::ping(&database, Duration::from_secs(5)).await.is_err());
}

#[test]
fn a_bad_mongodb_ca_file_stops_the_start() {
    let dbs = TestDatabases::fresh();
    let mut e = insights_env(&dbs, "http://127.0.0.1:8082");
    set(&mut e, "MOBILEFORGE__MONGODB__TLS", "true");
    set(&mut e, "MOBILEFORGE__MONGODB__TLS_CA_FILE", "/nonexistent/mongo-ca.pem");
    let err = load_from(Role::Insights, None, &e).unwrap_err().to_string();
    assert!(err.contains("mongodb.tls_ca_file") && err.contains("/nonexistent/mongo-ca.pem"), "{err}");
}
