//! Training data files parsed into checked examples; a bad line is an error naming file and line.

use std::path::Path;

use anyhow::{Context, Result, bail};
use kefu_model::{Intent, Sentiment};
use serde::Deserialize;

/// One labelled message. Public datasets label only one of the two tasks.
pub(crate) struct Example {
    pub(crate) text: String,
    pub(crate) lang: String,
    pub(crate) intent: Option<Intent>,
    pub(crate) sentiment: Option<Sentiment>,
    /// `project` for the project's own data, else the public dataset's folder name.
    pub(crate) source: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    text: String,
    lang: String,
    intent: String,
    sentiment: String,
}

/// Every `*.jsonl` in `dir`, in file-name order; a missing dir is empty.
pub(crate) fn load_dir(dir: &Path) -> Result<Vec<Example>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let at = || format!("{}:{}", file.display(), n + 1);
            let raw: Line = serde_json::from_str(line).with_context(at)?;
            if !matches!(raw.lang.as_str(), "zh-Hans" | "zh-Hant" | "en" | "mixed") {
                bail!("{}: unknown lang `{}`", at(), raw.lang);
            }
            out.push(Example {
                text: raw.text,
                lang: raw.lang,
                intent: Some(raw.intent.parse().with_context(at)?),
                sentiment: Some(raw.sentiment.parse().with_context(at)?),
                source: "project",
            });
        }
    }
    Ok(out)
}
