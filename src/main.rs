//! The `kefu` command line: the widget's NLU and dialogue engine, run natively.
//!
//! Its input and output formats are a stable interface (`cli.md`): one JSON
//! object per input line on stdout, in order, and nothing else on stdout.

mod classify;

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

/// The model shipped with this binary.
const BUNDLED_MODEL: &[u8] = include_bytes!("../model/kefu-nlu.onnx");

const HELP: &str = "\
kefu: on-device customer-service NLU

usage:
  kefu classify [--model PATH]   read messages on stdin (one per line, JSON with a
                                 `text` field or plain text), write one JSON result per line
  kefu --version
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kefu: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("classify") => {
            let mut model = None;
            while let Some(a) = args.next() {
                match a.as_str() {
                    "--model" => model = Some(args.next().context("--model needs a path")?),
                    other => bail!("unknown option `{other}` for classify\n\n{HELP}"),
                }
            }
            let bytes = match &model {
                Some(path) => {
                    std::fs::read(path).with_context(|| format!("cannot read model {path}"))?
                }
                None => BUNDLED_MODEL.to_vec(),
            };
            classify::run(&bytes, std::io::stdin().lock(), std::io::stdout().lock())
        }
        Some("--version" | "-V") => {
            println!(
                "kefu {} (model {} bytes, fingerprint {})",
                env!("CARGO_PKG_VERSION"),
                env!("KEFU_MODEL_BYTES"),
                env!("KEFU_MODEL_FINGERPRINT")
            );
            Ok(())
        }
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}
