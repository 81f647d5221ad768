//! The composite tasks: `demo` and `test` (what CI runs).

use std::process::Command;

use anyhow::{Context, Result, anyhow, bail};

use crate::lint::Lint;
use crate::{cargo, dist, project_root, run, wasm};

/// Crates that run in the browser; they must compile to wasm32 and stay free of server-side IO.
const WASM_CRATES: [&str; 7] = [
    "kefu-faq",
    "kefu-api",
    "kefu-model",
    "kefu-engine",
    "kefu-protocol",
    "kefu-widget",
    "kefu-worker",
];
/// Pure logic: no browser, no framework.
const PURE_CRATES: [&str; 5] = [
    "kefu-model",
    "kefu-faq",
    "kefu-engine",
    "kefu-protocol",
    "kefu-api",
];

pub(crate) fn demo(mut args: impl Iterator<Item = String>) -> Result<()> {
    let mut port = "8080".to_owned();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => port = args.next().context("--port needs a value")?,
            other => bail!("unknown option {other}"),
        }
    }
    let dist = dist::build(Lint::Off)?;
    eprintln!("\nKefu demo: open http://127.0.0.1:{port}/ (Ctrl-C stops it)\n");
    run(cargo()
        .args([
            "run",
            "--quiet",
            "-p",
            "kefu-backend",
            "--",
            "--port",
            &port,
            "--dist",
        ])
        .arg(&dist))
}

/// Everything CI checks. Clippy runs as the compiler of the two builds that are needed
/// anyway (see `lint.rs`): the wasm dist build lints the browser crates for wasm32, the
/// native test build lints every native crate and target. The two `cdylib` crates run only in
/// a browser, so wasm32 is the target they are linted and tested on.
pub(crate) fn test() -> Result<()> {
    run(cargo().args(["fmt", "--all", "--check"]))
        .context("formatting differs: run `cargo fmt --all`")?;
    wasm::ensure_target()?;
    check_dependency_invariants()?;
    let dist = dist::dir();
    // The wasm build ends in a long single-threaded LTO link; compiling the native tests
    // meanwhile (their own target dir, so no lock is shared) keeps both cores busy.
    let (built, compiled) = std::thread::scope(|s| {
        let native = s.spawn(|| -> Result<()> {
            let mut build = native_tests(&dist)?;
            build.arg("--no-run");
            run(&mut build)
        });
        let built = dist::build(Lint::DenyWarnings);
        (built, native.join())
    });
    built?;
    compiled.map_err(|_| anyhow!("the native test build panicked"))??;
    let _ = std::fs::remove_file(project_root().join("target/e2e/timings.txt"));
    run(&mut native_tests(&dist)?)
}

/// `cargo test` of every native crate and target, linted by clippy on the way.
fn native_tests(dist: &std::path::Path) -> Result<Command> {
    let mut test = cargo();
    test.args([
        "test",
        "--workspace",
        "--exclude",
        "kefu-widget",
        "--exclude",
        "kefu-worker",
        "--all-targets",
    ])
    .env("KEFU_DIST", dist);
    Lint::DenyWarnings.apply(&mut test, None)?;
    Ok(test)
}

/// Inference and FAQ lookup benchmarks: native through criterion, wasm in headless Chromium.
pub(crate) fn bench() -> Result<()> {
    run(cargo().args(["bench", "-p", "kefu-model", "--bench", "classify"]))?;
    run(cargo().args([
        "bench",
        "-p",
        "kefu-faq",
        "--features",
        "source",
        "--bench",
        "lookup",
    ]))?;
    let dist = dist::build(Lint::Off)?;
    run(cargo()
        .args(["test", "--test", "tests", "bench::", "--", "--nocapture"])
        .env("KEFU_DIST", &dist)
        .env("KEFU_BENCH", "1"))
}

/// The crate graph is the architecture: fail when a browser crate picks up a
/// server dependency or the pure crates pick up a UI framework.
fn check_dependency_invariants() -> Result<()> {
    let forbidden_in_browser = ["tokio", "axum", "sqlx", "hyper"];
    let forbidden_in_pure = ["web-sys", "leptos", "wasm-bindgen", "gloo-events"];
    for krate in WASM_CRATES {
        for dep in forbidden_in_browser {
            assert_not_in_tree(krate, dep, true)?;
        }
    }
    for krate in PURE_CRATES {
        for dep in forbidden_in_pure {
            assert_not_in_tree(krate, dep, true)?;
        }
    }
    eprintln!("dependency invariants hold");
    Ok(())
}

fn assert_not_in_tree(krate: &str, dep: &str, wasm_target: bool) -> Result<()> {
    let mut cmd = cargo();
    cmd.current_dir(project_root())
        .args(["tree", "--quiet", "-e", "normal", "-p", krate, "-i", dep]);
    if wasm_target {
        cmd.args(["--target", wasm::TARGET]);
    }
    let out = cmd.output().context("running cargo tree")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.success() && !stdout.trim().is_empty() {
        bail!("architecture invariant broken: {krate} depends on {dep}:\n{stdout}");
    }
    Ok(())
}
