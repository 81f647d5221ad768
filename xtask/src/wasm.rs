//! Compiles the widget's two WebAssembly modules and generates their JS glue.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::lint::Lint;
use crate::{cargo, project_root, run};

pub(crate) const TARGET: &str = "wasm32-unknown-unknown";

/// The crates compiled to wasm, and the file stem their glue gets.
pub(crate) const MODULES: [(&str, &str); 2] = [
    ("kefu-widget", "kefu_widget"),
    ("kefu-worker", "kefu_worker"),
];

/// Builds both modules with the size-tuned profile and runs wasm-bindgen into `out`;
/// with `lint`, clippy checks every browser crate on the way (with the extra bans of
/// `xtask/wasm-clippy/clippy.toml`).
pub(crate) fn build(out: &Path, lint: Lint) -> Result<()> {
    ensure_target()?;
    let target_dir = wasm_target_dir();
    let mut cmd = cargo();
    cmd.args(["build", "--target", TARGET, "--profile", "web-release"]);
    for (krate, _) in MODULES {
        cmd.args(["-p", krate]);
    }
    // A separate target dir keeps native and wasm artifacts from evicting each
    // other, and RUSTFLAGS meant for the host must not reach the wasm build.
    cmd.arg("--target-dir")
        .arg(&target_dir)
        .env_remove("RUSTFLAGS");
    lint.apply(&mut cmd, Some(&project_root().join("xtask/wasm-clippy")))?;
    run(&mut cmd)?;
    for (_, stem) in MODULES {
        let input = target_dir
            .join(TARGET)
            .join("web-release")
            .join(format!("{stem}.wasm"));
        let started = std::time::Instant::now();
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&input)
            .web(true)?
            .typescript(false)
            .omit_default_module_path(false)
            .remove_name_section(true)
            .generate(out)
            .with_context(|| format!("wasm-bindgen failed on {}", input.display()))?;
        eprintln!(
            "$ wasm-bindgen --target web {} ({:.1}s)",
            input.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

pub(crate) fn wasm_target_dir() -> PathBuf {
    project_root().join("target").join("wasm")
}

/// Adds the wasm32 target through rustup when it is missing.
pub(crate) fn ensure_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32 target: install Rust with rustup")?;
    if !String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == TARGET)
    {
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}
