//! Kefu's reference shop backend: the demo storefront, the widget's files and (soon) the actions API.
//!
//! [`app`] is the seam: tests call it with a state and drive the router
//! in-process or on a port-0 listener; `main.rs` only parses flags and binds.

mod db;
mod routes;

use std::path::PathBuf;

pub use db::{DbError, connect};
pub use routes::{DEMO_CSP, app};

/// Everything the router needs; built once at start.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The shop database.
    pub db: sqlx::SqlitePool,
    /// The built widget (`cargo xtask build` writes `target/dist`).
    pub dist_dir: PathBuf,
    /// The `www` folder: the demo storefront (`demo/`) and the benchmark page (`bench/`).
    pub www_dir: PathBuf,
}
