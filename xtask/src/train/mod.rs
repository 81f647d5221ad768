//! `cargo xtask train` and `cargo xtask eval`: featurize with the shipped featurizer,
//! train the embedding-bag model, export ONNX, verify it through tract, write the model card;
//! evaluate it against a TF-IDF + logistic-regression baseline trained on the same data.

mod baseline;
mod card;
mod data;
pub(crate) mod eval;
mod model;
mod onnx;
mod public;

use std::path::PathBuf;

use anyhow::{Context, Result, bail, ensure};
use kefu_model::{FEATURIZER_SCHEME, Featurizer, FeaturizerConfig, Intent, Nlu, Sentiment};

use crate::project_root;
use data::Example;
use model::{Model, Rng, Sample};

/// Options of a training or evaluation run; every default is what the shipped model used.
pub(crate) struct TrainArgs {
    pub(crate) data: PathBuf,
    pub(crate) public: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) seed: u64,
    pub(crate) epochs: usize,
    pub(crate) buckets: u32,
    pub(crate) dim: usize,
    pub(crate) hidden: usize,
    pub(crate) sentiment_dim: usize,
    pub(crate) lr: f32,
    /// Loss weight of public intent rows relative to the project's chat messages.
    pub(crate) public_intent_weight: f32,
    /// Loss weight of public review rows (sentiment only).
    pub(crate) public_sentiment_weight: f32,
    /// Loss weight of public out-of-scope rows (CLINC's unrelated domains).
    pub(crate) public_oos_weight: f32,
    /// Exponent of the intent class balance (0: none, 1: every class the same mass).
    pub(crate) balance: f32,
    /// Probability that a token of a training message is left out in one epoch.
    pub(crate) dropout: f32,
    pub(crate) exclude: Vec<String>,
    pub(crate) licensed_only: bool,
    pub(crate) no_public: bool,
    flags: Vec<String>,
}

impl TrainArgs {
    pub(crate) fn parse(args: impl Iterator<Item = String>) -> Result<TrainArgs> {
        let root = project_root();
        let public = std::env::var_os("KEFU_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/data"));
        let mut a = TrainArgs {
            data: root.join("model/data"),
            public,
            out: root.join("model/kefu-nlu.onnx"),
            seed: 20261122,
            epochs: 15,
            buckets: 1 << 15,
            dim: 24,
            hidden: 0,
            sentiment_dim: 0,
            lr: 0.4,
            public_intent_weight: 0.25,
            public_sentiment_weight: 0.3,
            public_oos_weight: 0.5,
            dropout: 0.2,
            balance: 0.0,
            exclude: Vec::new(),
            licensed_only: false,
            no_public: false,
            flags: Vec::new(),
        };
        let mut args = args.peekable();
        while let Some(flag) = args.next() {
            a.flags.push(flag.clone());
            let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--data" => a.data = value()?.into(),
                "--public" => a.public = value()?.into(),
                "--out" | "--model" => a.out = value()?.into(),
                "--seed" => a.seed = value()?.parse()?,
                "--epochs" => a.epochs = value()?.parse()?,
                "--buckets" => a.buckets = value()?.parse()?,
                "--dim" => a.dim = value()?.parse()?,
                "--hidden" => a.hidden = value()?.parse()?,
                "--sentiment-dim" => a.sentiment_dim = value()?.parse()?,
                "--lr" => a.lr = value()?.parse()?,
                "--public-intent-weight" => a.public_intent_weight = value()?.parse()?,
                "--public-sentiment-weight" => a.public_sentiment_weight = value()?.parse()?,
                "--public-oos-weight" => a.public_oos_weight = value()?.parse()?,
                "--dropout" => a.dropout = value()?.parse()?,
                "--balance" => a.balance = value()?.parse()?,
                "--exclude-source" => a.exclude.extend(value()?.split(',').map(str::to_owned)),
                "--licensed-only" => a.licensed_only = true,
                "--no-public" => a.no_public = true,
                other => bail!("unknown option {other} (see `cargo xtask help`)"),
            }
        }
        // A ReLU layer multiplies the gradient reaching the table by its
        // weights; at the bag's learning rate training diverged (--hidden 64
        // at 0.4), so it gets the rate that trained unless told otherwise.
        if a.hidden > 0 && !a.flags.iter().any(|f| f == "--lr") {
            a.lr = 0.1;
        }
        for name in &a.exclude {
            ensure!(
                public::SOURCES.iter().any(|s| s.name == name),
                "--exclude-source: no source named `{name}`"
            );
        }
        Ok(a)
    }

    /// How this run was invoked, for the model card.
    pub(crate) fn command_line(&self) -> String {
        let mut s = "cargo xtask train".to_owned();
        for f in &self.flags {
            s.push(' ');
            s.push_str(f);
        }
        s
    }

    /// The public sources this run uses.
    fn sources(&self) -> Vec<&'static public::Source> {
        if self.no_public {
            return Vec::new();
        }
        public::SOURCES
            .iter()
            .filter(|s| !self.exclude.iter().any(|e| e == s.name))
            .filter(|s| s.license_stated || !self.licensed_only)
            .collect()
    }
}

/// The project's training messages plus every public source this run uses.
pub(crate) fn load_training(args: &TrainArgs) -> Result<Vec<Example>> {
    let mut train = data::load_dir(&args.data.join("train"))?;
    ensure!(
        !train.is_empty(),
        "no training examples under {}",
        args.data.join("train").display()
    );
    for source in args.sources() {
        let rows = source.load(&args.public).with_context(|| {
            format!("set KEFU_DATA or --public to the shared data folder, or leave the source out with --exclude-source {}", source.name)
        })?;
        eprintln!("  {:<28} {:>6} rows", source.name, rows.len());
        train.extend(rows);
    }
    Ok(train)
}

pub(crate) fn run(args: TrainArgs) -> Result<()> {
    let train = load_training(&args)?;
    let dev = data::load_dir(&args.data.join("dev"))?;
    eprintln!(
        "train: {} examples, dev: {} examples",
        train.len(),
        dev.len()
    );
    let featurizer = Featurizer::new(FeaturizerConfig {
        buckets: args.buckets,
    });
    let started = std::time::Instant::now();
    let mut samples = to_samples(&featurizer, &train, Weights::of(&args));
    balance_classes(&mut samples, args.balance);
    let mut rng = Rng::new(args.seed);
    let mut m = Model::new(
        args.buckets as usize,
        (args.dim, args.sentiment_dim),
        args.hidden,
        (Intent::ALL.len(), Sentiment::ALL.len()),
        &mut rng,
    );
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let total = (args.epochs * samples.len()) as f32;
    let lr0 = args.lr;
    for epoch in 0..args.epochs {
        rng.shuffle(&mut order);
        let mut loss = 0.0;
        for (k, &i) in order.iter().enumerate() {
            let progress = (epoch * samples.len() + k) as f32 / total;
            let lr = lr0 * (1.0 - progress).max(0.01);
            loss += if args.dropout > 0.0 {
                m.step(&drop_tokens(&samples[i], args.dropout, &mut rng), lr)
            } else {
                m.step(&samples[i], lr)
            };
        }
        eprintln!(
            "epoch {:>2}: mean loss {:.4}",
            epoch + 1,
            loss / samples.len() as f32
        );
    }
    let q = m.quantize();
    let dev_samples = to_samples(&featurizer, &dev, UNWEIGHTED);
    let (intent_t, sentiment_t) = calibrate(&q, &dev_samples);
    let calibration = if args.sources().iter().any(|s| s.name == "clinc150_oos_en") {
        public::clinc_calibration(&args.public)?
    } else {
        Vec::new()
    };
    let oos_calibration = to_samples(
        &featurizer,
        &calibration
            .into_iter()
            .map(|text| Example {
                text,
                lang: "en".to_owned(),
                intent: Some(Intent::OutOfScope),
                sentiment: None,
                source: "clinc150_oos_en",
            })
            .collect::<Vec<_>>(),
        UNWEIGHTED,
    );
    let threshold = choose_threshold(&q, &dev_samples, &oos_calibration, intent_t);
    eprintln!(
        "calibration: intent temperature {intent_t:.2}, sentiment temperature {sentiment_t:.2}, out-of-scope threshold {threshold:.2}"
    );
    let metadata = vec![
        ("kefu.featurizer", FEATURIZER_SCHEME.to_owned()),
        ("kefu.buckets", args.buckets.to_string()),
        ("kefu.intents", Intent::ALL.map(Intent::as_str).join(",")),
        (
            "kefu.sentiments",
            Sentiment::ALL.map(Sentiment::as_str).join(","),
        ),
        ("kefu.oos_threshold", format!("{threshold:.2}")),
        ("kefu.intent_temperature", format!("{intent_t:.2}")),
        ("kefu.sentiment_temperature", format!("{sentiment_t:.2}")),
        ("kefu.seed", args.seed.to_string()),
    ];
    let bytes = onnx::export(&q, &metadata);
    verify_with_tract(&bytes, &q, &featurizer, &dev)?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    let nlu = Nlu::from_onnx_bytes(&bytes)?;
    let seconds = started.elapsed().as_secs();
    let report = card::Report::measure(
        &nlu,
        &dev,
        &train,
        &args,
        (bytes.len(), seconds),
        args.sources(),
    );
    for line in report.measured() {
        eprintln!("  {line}");
    }
    let card_path = args.out.with_file_name("README.md");
    std::fs::write(&card_path, report.render())
        .with_context(|| format!("writing {}", card_path.display()))?;
    eprintln!("wrote {}", card_path.display());
    Ok(())
}

/// Loss weights of public rows relative to the project's chat messages (weight 1).
#[derive(Clone, Copy)]
struct Weights {
    public_intent: f32,
    public_sentiment: f32,
    public_oos: f32,
}

impl Weights {
    fn of(args: &TrainArgs) -> Weights {
        Weights {
            public_intent: args.public_intent_weight,
            public_sentiment: args.public_sentiment_weight,
            public_oos: args.public_oos_weight,
        }
    }
}

/// For examples only scored, never trained on.
const UNWEIGHTED: Weights = Weights {
    public_intent: 1.0,
    public_sentiment: 1.0,
    public_oos: 1.0,
};

fn to_samples(f: &Featurizer, examples: &[Example], w: Weights) -> Vec<Sample> {
    examples
        .iter()
        .map(|e| Sample {
            ids: f.ids(&e.text).into_iter().map(|i| i as u32).collect(),
            intent: e.intent.map(|i| i as usize),
            sentiment: e.sentiment.map(|s| s as usize),
            weight: match e.source {
                "project" => 1.0,
                _ if e.intent == Some(Intent::OutOfScope) => w.public_oos,
                _ if e.intent.is_some() => w.public_intent,
                _ => w.public_sentiment,
            },
            intent_scale: 1.0,
        })
        .collect()
}

/// Scales every sample's intent term by `(mean class mass / its class mass)^power`,
/// where a class's mass is the summed loss weight of its examples, so that a
/// class with many (public) rows does not win every unsure message.
fn balance_classes(samples: &mut [Sample], power: f32) {
    if power == 0.0 {
        return;
    }
    let mut mass = vec![0.0f64; Intent::ALL.len()];
    for s in samples.iter() {
        if let Some(y) = s.intent {
            mass[y] += f64::from(s.weight);
        }
    }
    let present: Vec<f64> = mass.iter().copied().filter(|m| *m > 0.0).collect();
    let mean = present.iter().sum::<f64>() / present.len().max(1) as f64;
    for s in samples.iter_mut() {
        if let Some(y) = s.intent {
            s.intent_scale = (mean / mass[y]).powf(f64::from(power)) as f32;
        }
    }
}

/// A copy of `s` without some of its tokens (each left out with probability
/// `p`, at least one kept), so no single token has to carry a message.
fn drop_tokens(s: &Sample, p: f32, rng: &mut Rng) -> Sample {
    let mut ids: Vec<u32> = s
        .ids
        .iter()
        .copied()
        .filter(|_| (rng.symmetric() + 1.0) * 0.5 >= p)
        .collect();
    if ids.is_empty() {
        ids.push(s.ids[(rng.next_u64() % s.ids.len() as u64) as usize]);
    }
    Sample {
        ids,
        intent: s.intent,
        sentiment: s.sentiment,
        weight: s.weight,
        intent_scale: s.intent_scale,
    }
}

/// Temperatures that minimise the dev set's negative log-likelihood, so
/// confidences mean what they say.
fn calibrate(q: &model::Quantized, dev: &[Sample]) -> (f32, f32) {
    let mut intents = Vec::new();
    let mut sentiments = Vec::new();
    for s in dev {
        let (il, sl) = q.logits(&s.ids);
        if let Some(y) = s.intent {
            intents.push((il, y));
        }
        if let Some(y) = s.sentiment {
            sentiments.push((sl, y));
        }
    }
    (best_temperature(&intents), best_temperature(&sentiments))
}

fn best_temperature(labelled: &[(Vec<f32>, usize)]) -> f32 {
    let mut best = (1.0, f32::MAX);
    for step in 2..=40 {
        let t = step as f32 * 0.1;
        let nll: f32 = labelled
            .iter()
            .map(|(l, y)| -scaled_softmax(l, t)[*y].max(1e-9).ln())
            .sum();
        if nll < best.1 {
            best = (t, nll);
        }
    }
    best.0
}

fn scaled_softmax(logits: &[f32], t: f32) -> Vec<f32> {
    model::softmax(&logits.iter().map(|l| l / t).collect::<Vec<_>>())
}

fn choose_threshold(q: &model::Quantized, dev: &[Sample], oos: &[Sample], temperature: f32) -> f32 {
    let probs = |samples: &[Sample]| -> Vec<(Vec<f32>, usize)> {
        samples
            .iter()
            .filter_map(|s| Some((scaled_softmax(&q.logits(&s.ids).0, temperature), s.intent?)))
            .collect()
    };
    choose_threshold_on(&probs(dev), &probs(oos))
}

/// Largest budget of in-scope accuracy (dev, points) the threshold may spend to reject more out-of-scope queries.
const MAX_IN_SCOPE_DROP: f64 = 1.5;

/// The confidence below which a message is out of scope. Without an
/// out-of-scope calibration set: the value that maximises dev accuracy. With
/// one: the value that rejects the most of it while dev in-scope accuracy
/// drops at most [`MAX_IN_SCOPE_DROP`] points from no threshold at all. Lowest wins ties.
pub(crate) fn choose_threshold_on(dev: &[(Vec<f32>, usize)], oos: &[(Vec<f32>, usize)]) -> f32 {
    let oos_label = Intent::OutOfScope as usize;
    let decide = |p: &[f32], t: f32| {
        let (arg, conf) = p
            .iter()
            .copied()
            .enumerate()
            .fold((0, f32::MIN), |b, (i, v)| if v > b.1 { (i, v) } else { b });
        if conf < t { oos_label } else { arg }
    };
    let in_scope: Vec<&(Vec<f32>, usize)> = dev.iter().filter(|(_, y)| *y != oos_label).collect();
    let in_scope_acc = |t: f32| {
        100.0 * in_scope.iter().filter(|(p, y)| decide(p, t) == *y).count() as f64
            / in_scope.len().max(1) as f64
    };
    let dev_correct = |t: f32| dev.iter().filter(|(p, y)| decide(p, t) == *y).count();
    let rejected = |t: f32| {
        oos.iter()
            .filter(|(p, _)| decide(p, t) == oos_label)
            .count()
    };
    let base = in_scope_acc(0.0);
    let mut best = (0.0f32, 0usize, 0usize);
    for step in 0..=95 {
        let t = step as f32 * 0.01;
        if !oos.is_empty() && base - in_scope_acc(t) > MAX_IN_SCOPE_DROP {
            continue;
        }
        let score = (if oos.is_empty() { 0 } else { rejected(t) }, dev_correct(t));
        if score > (best.1, best.2) {
            best = (t, score.0, score.1);
        }
    }
    best.0
}

/// Loads the exported bytes with tract, exactly as the widget will, and
/// checks that it computes what the trainer computes.
fn verify_with_tract(
    bytes: &[u8],
    q: &model::Quantized,
    f: &Featurizer,
    dev: &[Example],
) -> Result<()> {
    let nlu = Nlu::from_onnx_bytes(bytes).context("the exported model does not load in tract")?;
    let mut worst = 0.0f32;
    for e in dev.iter().take(500) {
        let ids: Vec<u32> = f.ids(&e.text).into_iter().map(|i| i as u32).collect();
        let (want_i, want_s) = q.logits(&ids);
        let (got_i, got_s) = nlu.logits(&e.text)?;
        for (a, b) in want_i.iter().chain(&want_s).zip(got_i.iter().chain(&got_s)) {
            worst = worst.max((a - b).abs());
        }
    }
    ensure!(
        worst < 1e-3,
        "tract disagrees with the trainer: max |logit difference| {worst}"
    );
    eprintln!(
        "tract check: max |logit difference| {worst:.2e} over {} dev messages",
        dev.len().min(500)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny model, with and without the hidden layer, exported and run by tract,
    /// computes what the trainer computes.
    #[test]
    fn export_round_trips_through_tract() {
        for hidden in [0, 8] {
            let f = Featurizer::new(FeaturizerConfig { buckets: 64 });
            let mut rng = Rng::new(7);
            let mut m = Model::new(
                64,
                (6, hidden / 2),
                hidden,
                (Intent::ALL.len(), Sentiment::ALL.len()),
                &mut rng,
            );
            let texts = [
                "where is my order A10293",
                "快递到哪了",
                "谢谢亲",
                "cancel it pls 😡",
            ];
            let examples: Vec<Example> = texts
                .iter()
                .zip([
                    Intent::OrderStatus,
                    Intent::TrackShipment,
                    Intent::Thanks,
                    Intent::CancelOrder,
                ])
                .map(|(t, i)| Example {
                    text: (*t).to_owned(),
                    lang: "en".to_owned(),
                    intent: Some(i),
                    sentiment: Some(Sentiment::Neutral),
                    source: "project",
                })
                .collect();
            let samples = to_samples(&f, &examples, UNWEIGHTED);
            for _ in 0..20 {
                for s in &samples {
                    m.step(s, 0.3);
                }
            }
            let q = m.quantize();
            let metadata = vec![
                ("kefu.featurizer", FEATURIZER_SCHEME.to_owned()),
                ("kefu.buckets", "64".to_owned()),
                ("kefu.intents", Intent::ALL.map(Intent::as_str).join(",")),
                (
                    "kefu.sentiments",
                    Sentiment::ALL.map(Sentiment::as_str).join(","),
                ),
                ("kefu.oos_threshold", "0.0".to_owned()),
                ("kefu.intent_temperature", "1.0".to_owned()),
                ("kefu.sentiment_temperature", "1.0".to_owned()),
            ];
            let bytes = onnx::export(&q, &metadata);
            verify_with_tract(&bytes, &q, &f, &examples).expect("tract agrees with the trainer");
            let nlu = Nlu::from_onnx_bytes(&bytes).expect("loads");
            let (want, _) = q.logits(&samples[0].ids);
            let best = want
                .iter()
                .copied()
                .enumerate()
                .fold((0, f32::MIN), |b, (i, v)| if v > b.1 { (i, v) } else { b });
            let p = nlu.classify(texts[0]).expect("classifies");
            assert_eq!(
                p.intent,
                Intent::ALL[best.0],
                "hidden = {hidden}: tract and trainer pick the same intent"
            );
        }
    }

    #[test]
    fn threshold_spends_at_most_the_in_scope_budget() {
        let oos = Intent::OutOfScope as usize;
        let confident = |i: usize, c: f32| {
            let mut p = vec![(1.0 - c) / 23.0; 24];
            p[i] = c;
            p
        };
        // 100 in-scope dev messages, ten of them right but unsure (0.3).
        let mut dev: Vec<(Vec<f32>, usize)> = (0..90).map(|_| (confident(0, 0.9), 0)).collect();
        dev.extend((0..10).map(|_| (confident(1, 0.3), 1)));
        // Unrelated queries the model is unsure about (0.2).
        let calib: Vec<(Vec<f32>, usize)> = (0..50).map(|_| (confident(2, 0.2), oos)).collect();
        let t = choose_threshold_on(&dev, &calib);
        assert!(
            t > 0.2 && t <= 0.3,
            "rejects the calibration set without losing the unsure in-scope ones: {t}"
        );
        assert_eq!(
            choose_threshold_on(&dev, &[]),
            0.0,
            "without calibration, accuracy decides"
        );
    }
}
