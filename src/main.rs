//! The `kefu` command line: the widget's NLU, FAQ and dialogue engine, run natively.
//!
//! Its input and output formats are a stable interface (`cli.md`): one JSON
//! object per input line on stdout, in order, and nothing else on stdout.

mod classify;
mod faq;
mod faq_eval;
mod lines;

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kefu_model::Nlu;

/// The model shipped with this binary.
const BUNDLED_MODEL: &[u8] = include_bytes!("../model/kefu-nlu.onnx");

const HELP: &str = "\
kefu: on-device customer-service NLU and offline FAQ

usage:
  kefu classify [--model PATH]          read messages on stdin (one per line, JSON with a
                                        `text` field or plain text), write one JSON result per line
  kefu faq build FILE -o INDEX          compile a knowledge file (YAML, or CSV by extension)
  kefu faq ask --index INDEX [--locale L]
                                        answer questions on stdin: {\"id\", \"score\"} per line
  kefu faq eval --index INDEX --questions FILE.jsonl [--misses]
                                        top-1 / top-3 / rejection against plain BM25;
                                        --misses lists every question answered wrongly (stderr)
  kefu --version

every command takes --model PATH to use another model than the bundled one
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        print!("{HELP}");
        return Ok(());
    };
    match command.as_str() {
        "classify" => {
            if let Some(other) = rest.iter().step_by(2).find(|a| *a != "--model") {
                bail!("unknown option `{other}` for classify\n\n{HELP}");
            }
            let bytes = model_bytes(rest)?;
            classify::run(&bytes, std::io::stdin().lock(), std::io::stdout().lock())
        }
        "faq" => {
            let nlu = Nlu::from_onnx_bytes(&model_bytes(rest)?).context("cannot load the model")?;
            faq::main(&nlu, rest)
        }
        "--version" | "-V" => {
            println!(
                "kefu {} (model {} bytes, fingerprint {})",
                env!("CARGO_PKG_VERSION"),
                env!("KEFU_MODEL_BYTES"),
                env!("KEFU_MODEL_FINGERPRINT")
            );
            Ok(())
        }
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}

/// The model named by `--model PATH` in `args`, or the bundled one.
fn model_bytes(args: &[String]) -> Result<Vec<u8>> {
    match args.iter().position(|a| a == "--model") {
        Some(i) => {
            let path = args.get(i + 1).context("--model needs a path")?;
            std::fs::read(path).with_context(|| format!("cannot read model {path}"))
        }
        None => Ok(BUNDLED_MODEL.to_vec()),
    }
}
