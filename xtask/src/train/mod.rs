//! `cargo xtask train`: featurize the training data with the shipped featurizer,
//! train the embedding-bag model, export ONNX, verify it through tract, write the model card.

mod card;
mod data;
mod model;
mod onnx;

use std::path::PathBuf;

use anyhow::{Context, Result, bail, ensure};
use kefu_model::{FEATURIZER_SCHEME, Featurizer, FeaturizerConfig, Intent, Nlu, Sentiment};

use crate::project_root;
use data::Example;
use model::{Model, Rng, Sample};

/// Options of one training run; every default is what the shipped model used.
pub(crate) struct TrainArgs {
    pub(crate) data: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) seed: u64,
    pub(crate) epochs: usize,
    pub(crate) buckets: u32,
    pub(crate) dim: usize,
}

impl TrainArgs {
    pub(crate) fn parse(mut args: impl Iterator<Item = String>) -> Result<TrainArgs> {
        let root = project_root();
        let mut a = TrainArgs {
            data: root.join("model/data"),
            out: root.join("model/kefu-nlu.onnx"),
            seed: 20261122,
            epochs: 12,
            buckets: 1 << 14,
            dim: 48,
        };
        while let Some(flag) = args.next() {
            let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--data" => a.data = value()?.into(),
                "--out" => a.out = value()?.into(),
                "--seed" => a.seed = value()?.parse()?,
                "--epochs" => a.epochs = value()?.parse()?,
                "--buckets" => a.buckets = value()?.parse()?,
                "--dim" => a.dim = value()?.parse()?,
                other => bail!("unknown option {other} (see `cargo xtask help`)"),
            }
        }
        Ok(a)
    }
}

pub(crate) fn run(args: TrainArgs) -> Result<()> {
    let train = data::load_dir(&args.data.join("train"))?;
    let dev = data::load_dir(&args.data.join("dev"))?;
    ensure!(
        !train.is_empty(),
        "no training examples under {}",
        args.data.join("train").display()
    );
    eprintln!(
        "train: {} examples, dev: {} examples",
        train.len(),
        dev.len()
    );
    let featurizer = Featurizer::new(FeaturizerConfig {
        buckets: args.buckets,
    });
    let samples = to_samples(&featurizer, &train);
    let mut rng = Rng::new(args.seed);
    let mut m = Model::new(
        args.buckets as usize,
        args.dim,
        Intent::ALL.len(),
        Sentiment::ALL.len(),
        &mut rng,
    );
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let total = (args.epochs * samples.len()) as f32;
    let lr0 = 0.4;
    for epoch in 0..args.epochs {
        rng.shuffle(&mut order);
        let mut loss = 0.0;
        for (k, &i) in order.iter().enumerate() {
            let progress = (epoch * samples.len() + k) as f32 / total;
            loss += m.step(&samples[i], lr0 * (1.0 - progress).max(0.01));
        }
        eprintln!(
            "epoch {:>2}: mean loss {:.4}",
            epoch + 1,
            loss / samples.len() as f32
        );
    }
    let q = m.quantize();
    let dev_samples = to_samples(&featurizer, &dev);
    let threshold = choose_threshold(&q, &dev_samples);
    let metadata = vec![
        ("kefu.featurizer", FEATURIZER_SCHEME.to_owned()),
        ("kefu.buckets", args.buckets.to_string()),
        ("kefu.intents", Intent::ALL.map(Intent::as_str).join(",")),
        (
            "kefu.sentiments",
            Sentiment::ALL.map(Sentiment::as_str).join(","),
        ),
        ("kefu.oos_threshold", format!("{threshold:.2}")),
        ("kefu.intent_temperature", "1.0".to_owned()),
        ("kefu.sentiment_temperature", "1.0".to_owned()),
        ("kefu.seed", args.seed.to_string()),
    ];
    let bytes = onnx::export(&q, &metadata);
    verify_with_tract(&bytes, &q, &featurizer, &dev)?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    let nlu = Nlu::from_onnx_bytes(&bytes)?;
    let report = card::Report::measure(&nlu, &dev, &args, bytes.len(), threshold, train.len());
    let card_path = args.out.with_file_name("README.md");
    std::fs::write(&card_path, report.render())
        .with_context(|| format!("writing {}", card_path.display()))?;
    eprintln!("wrote {}", card_path.display());
    Ok(())
}

fn to_samples(f: &Featurizer, examples: &[Example]) -> Vec<Sample> {
    examples
        .iter()
        .map(|e| Sample {
            ids: f.ids(&e.text).into_iter().map(|i| i as u32).collect(),
            intent: e
                .intent
                .map(|i| Intent::ALL.iter().position(|x| *x == i).unwrap_or(0)),
            sentiment: e
                .sentiment
                .map(|s| Sentiment::ALL.iter().position(|x| *x == s).unwrap_or(1)),
            weight: 1.0,
        })
        .collect()
}

/// The confidence below which a message is called out of scope: the value
/// that maximises intent accuracy on the dev set (lowest wins ties).
fn choose_threshold(q: &model::Quantized, dev: &[Sample]) -> f32 {
    let oos = Intent::ALL
        .iter()
        .position(|i| *i == Intent::OutOfScope)
        .unwrap_or(0);
    let scored: Vec<(usize, f32, usize)> = dev
        .iter()
        .filter_map(|s| {
            let y = s.intent?;
            let p = model::softmax(&q.logits(&s.ids).0);
            let (arg, conf) = p
                .iter()
                .copied()
                .enumerate()
                .fold((0, f32::MIN), |b, (i, v)| if v > b.1 { (i, v) } else { b });
            Some((arg, conf, y))
        })
        .collect();
    let mut best = (0.0, 0usize);
    for step in 0..=18 {
        let t = step as f32 * 0.05;
        let correct = scored
            .iter()
            .filter(|(arg, conf, y)| (if *conf < t { oos } else { *arg }) == *y)
            .count();
        if correct > best.1 {
            best = (t, correct);
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
