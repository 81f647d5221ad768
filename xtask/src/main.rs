//! Kefu's developer tasks: `cargo xtask <task>`; run `cargo xtask help` for the list.
//!
//! Plain Rust instead of shell scripts so the same steps run on every machine,
//! print what they run and how long it took, and fail with a message that says
//! what to do.

mod dist;
mod lint;
mod tasks;
mod tidy;
mod train;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

const HELP: &str = "\
cargo xtask <task>

  build            build the widget (wasm) into target/dist and print every file's size
  demo [--port N]  build, then start the reference backend with the demo storefront
  test             everything CI checks: fmt, clippy (native + wasm32), dependency
                   invariants, the dist build, unit, integration and browser tests
  bench            native (criterion) and wasm (headless Chromium) inference benchmarks:
                   model load time, p50 / p99 per message, file sizes
  train [opts]     train the NLU model: --data DIR --public DIR (or KEFU_DATA) --out FILE
                   --hidden N (ReLU layer) --sentiment-dim N (second bag for sentiment) --lr X
                   --seed N --epochs N --buckets N --dim N --exclude-source A,B
                   --licensed-only --no-public
  eval [opts]      the model (--model FILE) against a TF-IDF + logistic-regression
                   baseline trained on the same data (same data options as train)
  help             this text
";

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_else(|| "help".to_owned());
    match task.as_str() {
        "build" => dist::build(lint::Lint::Off).map(|_| ()),
        "demo" => tasks::demo(args),
        "test" | "ci" => tasks::test(),
        "bench" => tasks::bench(),
        "train" => train::run(train::TrainArgs::parse(args)?),
        "eval" => train::eval::run(train::TrainArgs::parse(args)?),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown task `{other}`\n\n{HELP}"),
    }
}

/// The workspace root, wherever cargo was started from.
pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command from the project root, echoing it and its duration; fails on non-zero exit.
pub(crate) fn run(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(project_root());
    let shown = format!("{cmd:?}").replace('"', "");
    eprintln!("$ {shown}");
    let started = Instant::now();
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{shown}`"))?;
    eprintln!("  ({:.1}s)", started.elapsed().as_secs_f64());
    if !status.success() {
        bail!("`{shown}` failed with {status}");
    }
    Ok(())
}

/// `cargo` as invoked by the current cargo, so toolchain overrides carry over.
pub(crate) fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}
