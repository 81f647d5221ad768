//! `kefu faq eval`: top-1, top-3 and rejection on a labelled question set, for Kefu's retrieval and plain BM25 side by side.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use kefu_faq::{Faq, Signals, build_index, calibrate};
use kefu_model::Nlu;
use serde::Deserialize;

/// One labelled question: `expected` is an entry id, or null when the
/// knowledge file does not answer it.
#[derive(Deserialize)]
struct Labelled {
    text: String,
    expected: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    n: usize,
    top1: usize,
    top3: usize,
}

struct Scores {
    by_kind: BTreeMap<String, Tally>,
    answerable: Tally,
    unanswerable: (usize, usize),
    threshold: f32,
}

pub(crate) fn run(nlu: &Nlu, index: &Path, questions: &Path, misses: bool) -> Result<()> {
    let text = std::fs::read_to_string(questions)
        .with_context(|| format!("cannot read {}", questions.display()))?;
    let mut set = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let q: Labelled = serde_json::from_str(line).with_context(|| {
            format!("{}:{}: not a labelled question", questions.display(), i + 1)
        })?;
        set.push(q);
    }
    if set.is_empty() {
        bail!("{} has no questions", questions.display());
    }
    let configs = [
        ("kefu (all signals)", Signals::ALL),
        (
            "  without the model",
            Signals {
                semantic: false,
                ..Signals::ALL
            },
        ),
        (
            "  without concepts",
            Signals {
                concepts: false,
                ..Signals::ALL
            },
        ),
        (
            "  without answer texts",
            Signals {
                answers: false,
                ..Signals::ALL
            },
        ),
        ("bm25 over example questions", Signals::BM25),
    ];
    let mut rows = Vec::new();
    for (name, signals) in configs {
        let mut faq = crate::faq::load(nlu, index)?.with_signals(signals);
        // Each configuration gets its threshold fitted the same way on the
        // knowledge file (never on this question set).
        if signals != Signals::ALL {
            let fitted = calibrate(&faq, nlu)?.threshold;
            faq.set_threshold(fitted);
        }
        let list_misses = misses && signals == Signals::ALL;
        rows.push((name, score(nlu, &faq, &set, list_misses)?));
    }
    // The report is written at once, and a reader that stops early (`| head`) is not an error.
    let mut out = String::new();
    print_table(&mut out, &rows, &set)?;
    cross_lingual(&mut out, nlu, index, &set)?;
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// The cross-lingual test: every entry keeps only its example questions in
/// one language family (Chinese, or English), and the answerable questions of
/// the other family are asked. Answer texts stay, in every locale: they are
/// what a merchant writes, and evidence too.
fn cross_lingual(out: &mut String, nlu: &Nlu, index: &Path, set: &[Labelled]) -> Result<()> {
    let full = crate::faq::load(nlu, index)?;
    writeln!(
        out,
        "\ncross-lingual: entries keep only their examples in one language; questions in the other are asked"
    )?;
    writeln!(
        out,
        "{:<30} {:>20} {:>20} {:>20} {:>20}",
        "retrieval", "en -> zh examples", "zh -> en examples", "top-3 en -> zh", "top-3 zh -> en"
    )?;
    let mut cells: Vec<(&str, Vec<Tally>)> = vec![
        ("kefu (all signals)", Vec::new()),
        ("bm25 over example questions", Vec::new()),
    ];
    for keep_chinese in [true, false] {
        let mut kb = full.knowledge().clone();
        for e in &mut kb.entries {
            let kept: Vec<String> = e
                .questions
                .iter()
                .filter(|q| is_chinese(q) == keep_chinese)
                .cloned()
                .collect();
            // An entry with no example in that family keeps its own: it is not part of the test.
            if !kept.is_empty() {
                e.questions = kept;
            }
        }
        let (stripped, _) = build_index(kb, nlu)?;
        let asked: Vec<&Labelled> = set
            .iter()
            .filter(|q| q.expected.is_some() && is_chinese(&q.text) != keep_chinese)
            .collect();
        for (row, signals) in [Signals::ALL, Signals::BM25].into_iter().enumerate() {
            let mut faq = Faq::new(stripped.clone(), nlu)?.with_signals(signals);
            if signals != Signals::ALL {
                let fitted = calibrate(&faq, nlu)?.threshold;
                faq.set_threshold(fitted);
            }
            let mut t = Tally::default();
            for q in &asked {
                let top = faq.search(nlu, &q.text, 3)?;
                let confident = top.first().is_some_and(|m| m.score >= faq.threshold());
                let id = |i: usize| {
                    top.get(i)
                        .and_then(|m| faq.entry(m.entry))
                        .map(|e| e.id.as_str())
                };
                let want = q.expected.as_deref();
                t.n += 1;
                t.top1 += usize::from(confident && id(0) == want);
                t.top3 += usize::from((0..3).any(|i| id(i) == want));
            }
            cells[row].1.push(t);
        }
    }
    for (name, t) in &cells {
        writeln!(
            out,
            "{:<30} {:>20} {:>20} {:>20} {:>20}",
            name,
            pct(t[0].top1, t[0].n),
            pct(t[1].top1, t[1].n),
            pct(t[0].top3, t[0].n),
            pct(t[1].top3, t[1].n)
        )?;
    }
    Ok(())
}

fn is_chinese(text: &str) -> bool {
    kefu_engine::detect_locale(text).is_some_and(|l| l.is_chinese())
}

/// Scores one searcher on the set; with `misses`, every question it gets
/// wrong goes to stderr with its top three, so a merchant sees what to add.
fn score(nlu: &Nlu, faq: &Faq, set: &[Labelled], misses: bool) -> Result<Scores> {
    let mut s = Scores {
        by_kind: BTreeMap::new(),
        answerable: Tally::default(),
        unanswerable: (0, 0),
        threshold: faq.threshold(),
    };
    for q in set {
        let top = faq.search(nlu, &q.text, 3)?;
        let confident = top.first().is_some_and(|m| m.score >= faq.threshold());
        let id = |i: usize| {
            top.get(i)
                .and_then(|m| faq.entry(m.entry))
                .map(|e| e.id.as_str())
        };
        let right = match &q.expected {
            Some(want) => confident && id(0) == Some(want.as_str()),
            None => !confident,
        };
        if misses && !right {
            let top: Vec<String> = top
                .iter()
                .filter_map(|m| {
                    faq.entry(m.entry)
                        .map(|e| format!("{} {:.3}", e.id, m.score))
                })
                .collect();
            eprintln!(
                "miss [{}] {:?}: want {}, got {} (threshold {:.3})",
                q.kind.as_deref().unwrap_or("other"),
                q.text,
                q.expected.as_deref().unwrap_or("no answer"),
                top.join(", "),
                faq.threshold()
            );
        }
        match &q.expected {
            Some(want) => {
                let hit1 = right;
                let hit3 = (0..3).any(|i| id(i) == Some(want.as_str()));
                for t in [
                    &mut s.answerable,
                    s.by_kind
                        .entry(q.kind.clone().unwrap_or_else(|| "other".into()))
                        .or_default(),
                ] {
                    t.n += 1;
                    t.top1 += usize::from(hit1);
                    t.top3 += usize::from(hit3);
                }
            }
            None => {
                s.unanswerable.1 += 1;
                s.unanswerable.0 += usize::from(!confident);
            }
        }
    }
    Ok(s)
}

fn pct(a: usize, n: usize) -> String {
    if n == 0 {
        "-".into()
    } else {
        format!("{:.1}% ({a}/{n})", 100.0 * a as f64 / n as f64)
    }
}

fn print_table(out: &mut String, rows: &[(&str, Scores)], set: &[Labelled]) -> Result<()> {
    writeln!(
        out,
        "{} questions ({} answerable, {} unanswerable); top-1 counts only confident, correct answers",
        set.len(),
        set.iter().filter(|q| q.expected.is_some()).count(),
        set.iter().filter(|q| q.expected.is_none()).count()
    )?;
    let kinds: Vec<String> = rows
        .first()
        .map(|(_, s)| s.by_kind.keys().cloned().collect())
        .unwrap_or_default();
    write!(
        out,
        "{:<30} {:>9} {:>20} {:>20}",
        "retrieval", "threshold", "top-1", "top-3 recall"
    )?;
    for k in &kinds {
        write!(out, " {:>20}", format!("top-1 {k}"))?;
    }
    writeln!(out, " {:>20}", "unanswerable rejected")?;
    for (name, s) in rows {
        write!(
            out,
            "{:<30} {:>9.2} {:>20} {:>20}",
            name,
            s.threshold,
            pct(s.answerable.top1, s.answerable.n),
            pct(s.answerable.top3, s.answerable.n)
        )?;
        for k in &kinds {
            let t = s.by_kind.get(k).copied().unwrap_or_default();
            write!(out, " {:>20}", pct(t.top1, t.n))?;
        }
        writeln!(out, " {:>20}", pct(s.unanswerable.0, s.unanswerable.1))?;
    }
    Ok(())
}
