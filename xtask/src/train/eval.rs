//! `cargo xtask eval`: the shipped model against the baseline, on data neither trained on.
//!
//! Same run, same data, same numbers for both: intent accuracy overall and per
//! language, per-intent precision and recall, the most confused pairs,
//! out-of-scope rejection on CLINC's validation split and the in-scope cost of
//! the threshold, sentiment accuracy and negative-class F1 on chat messages,
//! and polarity on this project's validation carve of the review datasets.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use kefu_model::{Intent, Nlu, Sentiment};

use super::baseline::Baseline;
use super::data::{self, Example};
use super::public;
use super::{TrainArgs, choose_threshold_on, load_training};

/// One classifier under evaluation: probabilities in `Intent::ALL` / `Sentiment::ALL` order.
trait Classifier {
    fn probs(&self, text: &str) -> (Vec<f32>, Vec<f32>);
    fn threshold(&self) -> f32;
}

struct Kefu(Nlu);

impl Classifier for Kefu {
    fn probs(&self, text: &str) -> (Vec<f32>, Vec<f32>) {
        self.0
            .probabilities(text)
            .unwrap_or_else(|_| (vec![0.0; 24], vec![0.0; 3]))
    }
    fn threshold(&self) -> f32 {
        self.0.oos_threshold()
    }
}

struct Tfidf {
    intent: Baseline,
    sentiment: Baseline,
    threshold: f32,
}

impl Classifier for Tfidf {
    fn probs(&self, text: &str) -> (Vec<f32>, Vec<f32>) {
        (self.intent.probs(text), self.sentiment.probs(text))
    }
    fn threshold(&self) -> f32 {
        self.threshold
    }
}

pub(crate) fn run(args: TrainArgs) -> Result<()> {
    let bytes = std::fs::read(&args.out)
        .with_context(|| format!("reading model {}", args.out.display()))?;
    let kefu = Kefu(Nlu::from_onnx_bytes(&bytes)?);
    let train = load_training(&args)?;
    let dev = data::load_dir(&args.data.join("dev"))?;
    eprintln!(
        "training the baseline on the same {} examples…",
        train.len()
    );
    let calibration = if args.no_public || args.exclude.iter().any(|e| e == "clinc150_oos_en") {
        Vec::new()
    } else {
        public::clinc_calibration(&args.public)?
    };
    let baseline = fit_baseline(&train, &dev, &calibration, args.seed);
    let clinc = clinc_validation(&args)?;
    let reviews = review_validation(&args)?;
    let bitext = public::bitext_validation(&args.public)?;
    let k = Scores::measure(&kefu, &dev, &clinc, &reviews, &bitext);
    let b = Scores::measure(&baseline, &dev, &clinc, &reviews, &bitext);
    print_report(&k, &b);
    Ok(())
}

/// Fits the baseline and its out-of-scope threshold exactly as the trainer does for the model.
fn fit_baseline(train: &[Example], dev: &[Example], calibration: &[String], seed: u64) -> Tfidf {
    let pos = |i: Intent| Intent::ALL.iter().position(|x| *x == i).unwrap_or(0);
    let spos = |s: Sentiment| Sentiment::ALL.iter().position(|x| *x == s).unwrap_or(1);
    let intents: Vec<(&str, usize)> = train
        .iter()
        .filter_map(|e| Some((e.text.as_str(), pos(e.intent?))))
        .collect();
    let sentiments: Vec<(&str, usize)> = train
        .iter()
        .filter_map(|e| Some((e.text.as_str(), spos(e.sentiment?))))
        .collect();
    let intent = Baseline::fit(&intents, Intent::ALL.len(), 8, seed);
    let sentiment = Baseline::fit(&sentiments, Sentiment::ALL.len(), 8, seed);
    let scored: Vec<(Vec<f32>, usize)> = dev
        .iter()
        .filter_map(|e| Some((intent.probs(&e.text), pos(e.intent?))))
        .collect();
    let oos: Vec<(Vec<f32>, usize)> = calibration
        .iter()
        .map(|t| (intent.probs(t), Intent::OutOfScope as usize))
        .collect();
    let threshold = choose_threshold_on(&scored, &oos);
    Tfidf {
        intent,
        sentiment,
        threshold,
    }
}

/// CLINC validation rows with whether each must be rejected as out of scope.
fn clinc_validation(args: &TrainArgs) -> Result<Vec<(String, bool)>> {
    let path = args.public.join("clinc150_oos_en").join("validation.jsonl");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let (Some(t), Some(intent)) = (v["text"].as_str(), v["intent"].as_str()) else {
            continue;
        };
        out.push((t.to_owned(), intent == "oos"));
    }
    Ok(out)
}

/// One review dataset's validation carve: its name and labelled texts.
type Reviews = (&'static str, Vec<(String, Sentiment)>);

/// This project's validation carve of each binary review dataset.
fn review_validation(args: &TrainArgs) -> Result<Vec<Reviews>> {
    let mut out = Vec::new();
    for name in [
        "online_shopping_10_cats_zh",
        "waimai_10k_zh",
        "amazon_polarity_sample_en",
        "uci_sentiment_sentences_en",
    ] {
        let rows = public::validation_rows(&args.public, name)?;
        out.push((
            name,
            rows.into_iter()
                .filter_map(|(t, s)| Some((t, s?)))
                .collect(),
        ));
    }
    Ok(out)
}

#[derive(Default)]
struct Scores {
    per_lang: BTreeMap<String, (usize, usize)>,
    /// (true, predicted) counts.
    confusion: BTreeMap<(Intent, Intent), usize>,
    /// (language, true, predicted) counts of the errors.
    errors_by_lang: BTreeMap<(String, Intent, Intent), usize>,
    in_scope_with: (usize, usize),
    in_scope_without: (usize, usize),
    oos_rejected: (usize, usize),
    other_domain_rejected: (usize, usize),
    sentiment: (usize, usize),
    negative: (usize, usize, usize),
    polarity: Vec<(&'static str, (usize, usize))>,
    bitext: (usize, usize),
}

fn argmax(v: &[f32]) -> (usize, f32) {
    v.iter()
        .copied()
        .enumerate()
        .fold((0, f32::MIN), |b, (i, x)| if x > b.1 { (i, x) } else { b })
}

impl Scores {
    fn measure(
        c: &dyn Classifier,
        dev: &[Example],
        clinc: &[(String, bool)],
        reviews: &[Reviews],
        bitext: &[(String, Intent)],
    ) -> Scores {
        let mut s = Scores::default();
        let decide = |p: &[f32]| {
            let (i, conf) = argmax(p);
            if conf < c.threshold() {
                Intent::OutOfScope
            } else {
                Intent::ALL[i]
            }
        };
        for e in dev {
            let (ip, sp) = c.probs(&e.text);
            if let Some(truth) = e.intent {
                let got = decide(&ip);
                let slot = s.per_lang.entry(e.lang.clone()).or_default();
                slot.0 += usize::from(got == truth);
                slot.1 += 1;
                *s.confusion.entry((truth, got)).or_default() += 1;
                if got != truth {
                    *s.errors_by_lang
                        .entry((e.lang.clone(), truth, got))
                        .or_default() += 1;
                }
                if truth != Intent::OutOfScope {
                    s.in_scope_with.0 += usize::from(got == truth);
                    s.in_scope_with.1 += 1;
                    s.in_scope_without.0 += usize::from(Intent::ALL[argmax(&ip).0] == truth);
                    s.in_scope_without.1 += 1;
                }
            }
            if let Some(truth) = e.sentiment {
                let got = Sentiment::ALL[argmax(&sp).0];
                s.sentiment.0 += usize::from(got == truth);
                s.sentiment.1 += 1;
                let (neg_t, neg_p) = (truth == Sentiment::Negative, got == Sentiment::Negative);
                s.negative.0 += usize::from(neg_t && neg_p);
                s.negative.1 += usize::from(neg_p);
                s.negative.2 += usize::from(neg_t);
            }
        }
        for (text, is_oos) in clinc {
            let rejected = decide(&c.probs(text).0) == Intent::OutOfScope;
            let slot = if *is_oos {
                &mut s.oos_rejected
            } else {
                &mut s.other_domain_rejected
            };
            slot.0 += usize::from(rejected);
            slot.1 += 1;
        }
        for (text, truth) in bitext {
            s.bitext.0 += usize::from(decide(&c.probs(text).0) == *truth);
            s.bitext.1 += 1;
        }
        for (name, rows) in reviews {
            let correct = rows
                .iter()
                .filter(|(t, truth)| {
                    let sp = c.probs(t).1;
                    let neg = sp[0] > sp[2];
                    neg == (*truth == Sentiment::Negative)
                })
                .count();
            s.polarity.push((name, (correct, rows.len())));
        }
        s
    }

    fn intent_all(&self) -> (usize, usize) {
        self.per_lang
            .values()
            .fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1))
    }

    fn precision_recall(&self, i: Intent) -> (f64, f64) {
        let tp = self.confusion.get(&(i, i)).copied().unwrap_or(0) as f64;
        let predicted: usize = self
            .confusion
            .iter()
            .filter(|((_, p), _)| *p == i)
            .map(|(_, n)| n)
            .sum();
        let actual: usize = self
            .confusion
            .iter()
            .filter(|((t, _), _)| *t == i)
            .map(|(_, n)| n)
            .sum();
        (ratio(tp, predicted as f64), ratio(tp, actual as f64))
    }

    fn negative_f1(&self) -> f64 {
        let (tp, pred, act) = self.negative;
        let (p, r) = (ratio(tp as f64, pred as f64), ratio(tp as f64, act as f64));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}

fn pct((a, b): (usize, usize)) -> String {
    format!("{:.1}% ({a}/{b})", 100.0 * ratio(a as f64, b as f64))
}

fn print_report(k: &Scores, b: &Scores) {
    println!(
        "{:<48} {:>22} {:>22}",
        "measure", "kefu model", "tf-idf + logreg"
    );
    let row = |name: &str, kv: String, bv: String| println!("{name:<48} {kv:>22} {bv:>22}");
    row(
        "dev intent accuracy, all",
        pct(k.intent_all()),
        pct(b.intent_all()),
    );
    for lang in k.per_lang.keys() {
        let get = |s: &Scores| s.per_lang.get(lang).copied().unwrap_or((0, 0));
        row(
            &format!("dev intent accuracy, {lang}"),
            pct(get(k)),
            pct(get(b)),
        );
    }
    row(
        "dev in-scope accuracy, no threshold",
        pct(k.in_scope_without),
        pct(b.in_scope_without),
    );
    row(
        "dev in-scope accuracy, with threshold",
        pct(k.in_scope_with),
        pct(b.in_scope_with),
    );
    row(
        "bitext intent accuracy (validation carve)",
        pct(k.bitext),
        pct(b.bitext),
    );
    row(
        "CLINC validation `oos` rejected",
        pct(k.oos_rejected),
        pct(b.oos_rejected),
    );
    row(
        "CLINC validation other domains rejected",
        pct(k.other_domain_rejected),
        pct(b.other_domain_rejected),
    );
    row(
        "dev sentiment accuracy (3 classes)",
        pct(k.sentiment),
        pct(b.sentiment),
    );
    row(
        "dev negative-sentiment F1",
        format!("{:.3}", k.negative_f1()),
        format!("{:.3}", b.negative_f1()),
    );
    for ((name, kv), (_, bv)) in k.polarity.iter().zip(&b.polarity) {
        row(
            &format!("polarity, {name} (validation carve)"),
            pct(*kv),
            pct(*bv),
        );
    }
    println!("\nper intent (dev)                   kefu P / R        baseline P / R");
    for i in Intent::ALL {
        let (kp, kr) = k.precision_recall(i);
        let (bp, br) = b.precision_recall(i);
        println!(
            "{:<28} {:>7.3} / {:<7.3}    {:>7.3} / {:<7.3}",
            i.as_str(),
            kp,
            kr,
            bp,
            br
        );
    }
    let mut confused: Vec<(&(Intent, Intent), &usize)> =
        k.confusion.iter().filter(|((t, p), _)| t != p).collect();
    confused.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("\nmost confused pairs (kefu model, dev): true -> predicted");
    for ((t, p), n) in confused.into_iter().take(10) {
        println!("  {n:>3}  {t} -> {p}");
    }
    for lang in k.per_lang.keys() {
        let mut errors: Vec<(&(String, Intent, Intent), &usize)> = k
            .errors_by_lang
            .iter()
            .filter(|((l, _, _), _)| l == lang)
            .collect();
        errors.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let pairs: Vec<String> = errors
            .into_iter()
            .take(6)
            .map(|((_, t, p), n)| format!("{n} {t}->{p}"))
            .collect();
        println!("  {lang}: {}", pairs.join(", "));
    }
}
