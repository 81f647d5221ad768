//! Kefu's reference shop backend: the actions API (`/kefu/v1`, the contract of `kefu-api`),
//! the demo storefront and the widget's files.
//!
//! [`app`] is the seam: tests call it with a state and drive the router
//! in-process or on a port-0 listener; `main.rs` only parses flags and binds.

mod api;
mod db;
mod routes;
mod seed;

use std::path::PathBuf;

pub use api::{ApiConfig, DEMO_SECRET, ROUTES, RateLimits, jwt};
pub use db::{Db, DbError, connect};
pub use routes::{DEMO_CSP, app};

/// Everything the router needs; built once at start.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The shop database.
    pub db: Db,
    /// The built widget (`cargo xtask build` writes `target/dist`).
    pub dist_dir: PathBuf,
    /// The `www` folder: the demo storefront (`demo/`) and the benchmark page (`bench/`).
    pub www_dir: PathBuf,
    /// The actions API's settings (token secret, storefront origins, limits).
    pub api: ApiConfig,
}
