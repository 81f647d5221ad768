//! The conformance suite on a real PostgreSQL server: the same migrations, the same cases.
//!
//! `KEFU_TEST_POSTGRES_URL` (default `postgres://postgres:postgres@127.0.0.1:5432/postgres`) names a
//! server where the tests may create databases. Without one these tests pass with a loud
//! message, except under CI (`CI` set), where `.ci/run` starts a server and they must run.

use std::io::Write;

use kefu_backend::ApiConfig;
use sqlx::Connection;

use super::support::{Target, app_on, check};

fn admin_url() -> String {
    std::env::var("KEFU_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A fresh database for `name`, or `None` (after saying so loudly) when no server answers.
async fn fresh_database(name: &str) -> Option<String> {
    let admin = admin_url();
    let mut conn = match sqlx::PgConnection::connect(&admin).await {
        Ok(c) => c,
        Err(e) if std::env::var_os("CI").is_none() => {
            // Straight to the terminal: libtest captures `eprintln!` of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!! SKIPPING PostgreSQL test {name}: no server at {admin} ({e}).\n!!!! CI runs it; locally start one (see .ci/run) or set KEFU_TEST_POSTGRES_URL.\n"
            );
            return None;
        }
        Err(e) => panic!("CI must provide PostgreSQL at {admin}: {e}"),
    };
    let db = format!("kefu_test_{name}");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {db}"))
        .execute(&mut conn)
        .await
        .expect("drop");
    sqlx::query(&format!("CREATE DATABASE {db}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap_or(admin.clone());
    Some(format!("{base}/{db}"))
}

async fn build(name: &str) -> Option<Target> {
    let url = fresh_database(name).await?;
    let db = kefu_backend::connect(&url)
        .await
        .expect("migrate and seed PostgreSQL");
    Some(Target::InProcess(app_on(db, ApiConfig::demo())))
}

macro_rules! pg_cases {
    ($($name:ident),*) => {$(
        #[tokio::test]
        async fn $name() {
            if let Some(target) = build(stringify!($name)).await {
                check(stringify!($name), &target).await;
            }
        }
    )*};
}

pg_cases!(orders, changes, aftersale, payments, handoff, authz);

#[tokio::test]
async fn seeding_twice_keeps_one_demo_shop() {
    let Some(url) = fresh_database("reseed").await else {
        return;
    };
    let first = kefu_backend::connect(&url).await.expect("first");
    drop(first);
    let again = kefu_backend::connect(&url).await.expect("second");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders")
        .fetch_one(again.pool())
        .await
        .expect("count");
    assert_eq!(n, 12);
}
