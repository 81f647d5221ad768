//! Clippy run as the compiler of a real build instead of a separate `cargo clippy` pass.
//!
//! `cargo clippy` is `cargo check` with `clippy-driver` as the workspace's rustc wrapper, so
//! on a fresh CI machine every dependency is compiled twice: once to check and once more to
//! build the tests and the wasm. Setting the same wrapper on the build itself lints exactly the
//! same workspace crates with the same lints, and compiles each dependency once.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, bail};

/// How a build lints the workspace's crates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lint {
    /// Plain rustc (`cargo xtask build`, `demo`).
    Off,
    /// Clippy with `-D warnings` (`cargo xtask test`).
    DenyWarnings,
}

impl Lint {
    /// Puts clippy in front of rustc for the workspace members `cmd` compiles.
    /// `conf_dir` holds the `clippy.toml` to use (the workspace's when `None`).
    pub(crate) fn apply(self, cmd: &mut Command, conf_dir: Option<&Path>) -> Result<()> {
        if self == Lint::Off {
            return Ok(());
        }
        // The separator is how `cargo clippy` hands its arguments to the driver.
        cmd.env("RUSTC_WORKSPACE_WRAPPER", clippy_driver()?).env(
            "CLIPPY_ARGS",
            "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
        );
        if let Some(dir) = conf_dir {
            cmd.env("CLIPPY_CONF_DIR", dir);
        }
        Ok(())
    }
}

/// The `clippy-driver` of the toolchain that runs this cargo.
fn clippy_driver() -> Result<PathBuf> {
    let beside_cargo = std::env::var_os("CARGO").map(PathBuf::from).map(|cargo| {
        cargo.with_file_name(format!("clippy-driver{}", std::env::consts::EXE_SUFFIX))
    });
    if let Some(path) = beside_cargo.filter(|p| p.is_file()) {
        return Ok(path);
    }
    let found = Command::new("rustup")
        .args(["which", "clippy-driver"])
        .output();
    match found {
        Ok(out) if out.status.success() => Ok(PathBuf::from(
            String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        )),
        _ => bail!("clippy-driver not found: run `rustup component add clippy`"),
    }
}
