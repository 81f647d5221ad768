//! The shop database: SQLite (the default, a file created on first start) or PostgreSQL,
//! chosen by the URL; migrated and seeded with the demo shop on connect.

use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// Why the database could not be made ready.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// Connecting or querying failed.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed (an old demo file from before a schema change: delete it).
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL scheme (use sqlite:// or postgres://)")]
    Scheme,
}

/// A pool on either database. Every query in the backend is written once, in the dialect
/// both accept (`$1` placeholders, BIGINT integers, no `SUM`), and runs on either.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
}

impl Db {
    /// The pool, for queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Opens the database at `url` (`sqlite://file.db`, created when missing, or
/// `postgres://user@host/db`), applies the migrations and seeds the demo shop when empty.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    install_default_drivers();
    let (url, sqlite) = if url.starts_with("sqlite:") {
        // `mode=rwc` creates the file; sqlx's defaults give WAL, foreign keys and a busy timeout.
        let url = if url.contains("mode=") {
            url.to_owned()
        } else if url.contains('?') {
            format!("{url}&mode=rwc")
        } else {
            format!("{url}?mode=rwc")
        };
        (url, true)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        (url.to_owned(), false)
    } else {
        return Err(DbError::Scheme);
    };
    let mut options = AnyPoolOptions::new().max_connections(if sqlite { 8 } else { 16 });
    if sqlite {
        options = options.after_connect(|conn, _| {
            Box::pin(async move {
                // Safe with WAL: a crash loses at most the last commits, never consistency.
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                Ok(())
            })
        });
    }
    let pool = options.connect(&url).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    let db = Db { pool };
    crate::seed::seed(&db, unix_now()).await?;
    Ok(db)
}

/// Seconds since the Unix epoch, from the system clock.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
