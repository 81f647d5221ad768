//! `kefu faq build | ask | eval`: the merchant's knowledge file compiled, queried and measured.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use kefu_faq::{Faq, FaqIndex, KnowledgeBase, build_index, parse_csv, parse_yaml};
use kefu_model::{Locale, Nlu};
use serde_json::json;

use crate::lines::{each_line, round4};

/// Reads a knowledge file (YAML, or CSV by extension) into a checked knowledge base.
pub(crate) fn read_knowledge(path: &Path) -> Result<KnowledgeBase> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let parsed = if is_csv {
        parse_csv(&text)
    } else {
        parse_yaml(&text)
    };
    parsed.map_err(|errors| {
        let lines: Vec<String> = errors
            .0
            .iter()
            .map(|e| format!("{}:{e}", path.display()))
            .collect();
        anyhow::anyhow!(
            "{} has {} problem(s):\n{}",
            path.display(),
            lines.len(),
            lines.join("\n")
        )
    })
}

/// `kefu faq build FILE -o INDEX`.
pub(crate) fn build(nlu: &Nlu, source: &Path, out: &Path) -> Result<()> {
    let kb = read_knowledge(source)?;
    let entries = kb.entries.len();
    let text_bytes = kb.text_bytes();
    let (index, calibration) = build_index(kb, nlu).context("the model failed on a question")?;
    let bytes = index.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    let overhead = bytes.len().saturating_sub(text_bytes);
    eprintln!(
        "kefu faq build: {entries} entries -> {} ({} bytes: {text_bytes} of text + {overhead} of index, {:.0} bytes per entry beyond the text)",
        out.display(),
        bytes.len(),
        overhead as f64 / entries.max(1) as f64
    );
    eprintln!(
        "threshold {:.3} (leave-one-out on the file: {}/{} held-out questions answered, {}/{} questions of held-out entries rejected; {}/{} built-in questions no shop answers rejected)",
        calibration.threshold,
        calibration.answered.0,
        calibration.answered.1,
        calibration.rejected.0,
        calibration.rejected.1,
        calibration.generic_rejected.0,
        calibration.generic_rejected.1
    );
    Ok(())
}

/// Loads an index file for searching with `nlu`.
pub(crate) fn load(nlu: &Nlu, path: &Path) -> Result<Faq> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let index = FaqIndex::from_bytes(&bytes).with_context(|| format!("{}", path.display()))?;
    Faq::new(index, nlu).with_context(|| format!("{}", path.display()))
}

/// `kefu faq ask --index INDEX [--locale L]`: one `{"id", "score"}` per line.
pub(crate) fn ask(
    nlu: &Nlu,
    index: &Path,
    locale: Option<&str>,
    input: impl BufRead,
    output: impl Write,
) -> Result<()> {
    if let Some(l) = locale {
        // Matching is the same in every locale; the flag is checked so a typo is not ignored.
        let _: Locale = l.parse()?;
    }
    let faq = load(nlu, index)?;
    each_line(input, output, |text| {
        let best = faq.search(nlu, text, 1).map_err(|e| e.to_string())?;
        Ok(match best.first() {
            Some(m) if m.score >= faq.threshold() => json!({
                "id": faq.entry(m.entry).map(|e| e.id.as_str()),
                "score": round4(m.score),
            }),
            other => json!({ "id": null, "score": round4(other.map_or(0.0, |m| m.score)) }),
        })
    })
}

/// Parses `faq` subcommand arguments and runs it.
pub(crate) fn main(nlu: &Nlu, args: &[String]) -> Result<()> {
    let (command, rest) = args
        .split_first()
        .context("usage: kefu faq build|ask|eval")?;
    let flag = |name: &str| -> Result<Option<&str>> {
        match rest.iter().position(|a| a == name) {
            Some(i) => Ok(Some(
                rest.get(i + 1)
                    .with_context(|| format!("{name} needs a value"))?
                    .as_str(),
            )),
            None => Ok(None),
        }
    };
    // Options taking a value, and switches that take none.
    let known = |allowed: &[&str], switches: &[&str]| -> Result<()> {
        let mut i = 0;
        while i < rest.len() {
            let a = rest[i].as_str();
            if switches.contains(&a) {
                i += 1;
            } else if allowed.contains(&a) {
                i += 2;
            } else if a.starts_with('-') {
                bail!("unknown option `{a}` for `kefu faq {command}`");
            } else {
                i += 1;
            }
        }
        Ok(())
    };
    match command.as_str() {
        "build" => {
            known(&["-o", "--model"], &[])?;
            let source = rest
                .iter()
                .enumerate()
                .find(|(i, a)| !a.starts_with('-') && (*i == 0 || !rest[i - 1].starts_with('-')))
                .map(|(_, a)| a)
                .context("usage: kefu faq build FILE -o INDEX")?;
            let out = flag("-o")?.context("usage: kefu faq build FILE -o INDEX")?;
            build(nlu, Path::new(source), Path::new(out))
        }
        "ask" => {
            known(&["--index", "--locale", "--model"], &[])?;
            let index =
                flag("--index")?.context("usage: kefu faq ask --index INDEX [--locale L]")?;
            ask(
                nlu,
                Path::new(index),
                flag("--locale")?,
                std::io::stdin().lock(),
                std::io::stdout().lock(),
            )
        }
        "eval" => {
            known(&["--index", "--questions", "--model"], &["--misses"])?;
            let index = flag("--index")?
                .context("usage: kefu faq eval --index INDEX --questions FILE.jsonl [--misses]")?;
            let questions = flag("--questions")?
                .context("usage: kefu faq eval --index INDEX --questions FILE.jsonl [--misses]")?;
            let misses = rest.iter().any(|a| a == "--misses");
            crate::faq_eval::run(nlu, Path::new(index), Path::new(questions), misses)
        }
        other => bail!("unknown command `kefu faq {other}` (build, ask, eval)"),
    }
}
