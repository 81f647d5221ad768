//! Kefu's integration tests, one binary: the `kefu` command line, and the
//! widget end to end in headless Chromium against the reference backend.

// The wasm inference benchmark page (a smoke run here; `cargo xtask bench` runs it in full).
mod bench;
// Browser end-to-end tests: real wasm, real worker, real backend over HTTP.
mod browser;
// The `kefu` command line as evaluations drive it.
mod cli;
// The engine's order flows against the reference backend over HTTP, as scripted transcripts.
mod conversation;
// The order flows in the widget, in headless Chromium, against the reference backend.
mod flows;
// The FAQ in the widget, online and offline after a reload.
mod offline;
// Shared helpers: servers, browsers, polling.
mod support;
