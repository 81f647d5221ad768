//! The shop database: created, migrated and seeded with the demo shop on start.

use std::str::FromStr;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// Why the database could not be made ready.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// Connecting or querying failed.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens (creating when missing) the SQLite database at `url`, migrates it
/// and seeds the demo shop when it is empty.
pub async fn connect(url: &str) -> Result<SqlitePool, DbError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    seed(&pool).await?;
    Ok(pool)
}

async fn seed(pool: &SqlitePool) -> Result<(), DbError> {
    let (orders,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders")
        .fetch_one(pool)
        .await?;
    if orders > 0 {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    let customers = [
        (1, "王小明", "xiaoming.wang@example.com", "13812345678"),
        (2, "陳美玲", "meiling.chen@example.com", "0912345678"),
        (3, "Jamie Doe", "jamie@example.com", "+14155550132"),
    ];
    for (id, name, email, phone) in customers {
        sqlx::query("INSERT INTO customers (id, name, email, phone) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(name)
            .bind(email)
            .bind(phone)
            .execute(&mut *tx)
            .await?;
    }
    let orders = [
        (
            "A10293",
            1,
            "shipped",
            39_800,
            "CNY",
            "2026-11-18T10:21:00Z",
        ),
        ("A10294", 1, "paid", 8_900, "CNY", "2026-11-20T08:02:00Z"),
        (
            "A10301",
            2,
            "delivered",
            129_000,
            "TWD",
            "2026-11-09T14:45:00Z",
        ),
        (
            "A10302",
            2,
            "pending_payment",
            52_900,
            "CNY",
            "2026-11-21T19:30:00Z",
        ),
        (
            "A10310",
            3,
            "cancelled",
            4_999,
            "USD",
            "2026-11-02T16:10:00Z",
        ),
    ];
    for (number, customer, status, total, currency, created) in orders {
        sqlx::query("INSERT INTO orders (number, customer_id, status, total_cents, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(number)
            .bind(customer)
            .bind(status)
            .bind(total)
            .bind(currency)
            .bind(created)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
