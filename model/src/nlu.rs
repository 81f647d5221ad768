//! The inference facade: loads the ONNX model once, then classifies messages with tract.

use std::collections::HashMap;
use std::sync::Arc;

use tract_onnx::pb::ModelProto;
use tract_onnx::prelude::*;

use crate::featurize::{Featurizer, FeaturizerConfig};
use crate::labels::{Intent, Sentiment};
use crate::slots::{Slot, extract_slots};

/// The featurizer scheme this code implements; a model trained with another is refused.
pub const FEATURIZER_SCHEME: &str = "kefu-hash-v2";

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The bytes are not an ONNX model tract can run.
    #[error("not a usable ONNX model: {0}")]
    Onnx(String),
    /// A metadata entry Kefu needs is missing or malformed.
    #[error("model metadata `{key}` is missing or invalid: {reason}")]
    Metadata {
        /// The metadata key.
        key: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The model produced outputs of an unexpected shape.
    #[error("model output is malformed: {0}")]
    Output(String),
}

/// What the model understood of one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The intent; `OutOfScope` when no in-scope intent is confident enough.
    pub intent: Intent,
    /// Calibrated probability of `intent`.
    pub intent_confidence: f32,
    /// The sentiment.
    pub sentiment: Sentiment,
    /// Calibrated probability of `sentiment`.
    pub sentiment_confidence: f32,
    /// Identifiers found in the message, left to right.
    pub slots: Vec<Slot>,
}

/// One message read by the model: the decision, and the calibrated probabilities in the
/// canonical orders `Intent::ALL` and `Sentiment::ALL` (before the out-of-scope threshold).
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// What the engine acts on.
    pub prediction: Prediction,
    /// One probability per intent of `Intent::ALL`.
    pub intent_probs: Vec<f32>,
    /// One probability per sentiment of `Sentiment::ALL`.
    pub sentiment_probs: Vec<f32>,
}

/// Probabilities in the model's label order, moved to the canonical order of the label set.
fn canonical(labels: impl Iterator<Item = usize>, probs: Vec<f32>, n: usize) -> Vec<f32> {
    let mut out = vec![0.0; n];
    for (label, p) in labels.zip(probs) {
        if let Some(slot) = out.get_mut(label) {
            *slot = p;
        }
    }
    out
}

/// A loaded, optimised model plus everything needed to interpret its outputs.
pub struct Nlu {
    plan: Arc<TypedRunnableModel>,
    fingerprint: u64,
    featurizer: Featurizer,
    intents: Vec<Intent>,
    sentiments: Vec<Sentiment>,
    oos_threshold: f32,
    intent_temperature: f32,
    sentiment_temperature: f32,
}

impl std::fmt::Debug for Nlu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nlu")
            .field("featurizer", &self.featurizer)
            .field("intents", &self.intents.len())
            .field("oos_threshold", &self.oos_threshold)
            .finish_non_exhaustive()
    }
}

impl Nlu {
    /// Parses, checks and optimises a model; done once, at load.
    pub fn from_onnx_bytes(bytes: &[u8]) -> Result<Nlu, ModelError> {
        let onnx = tract_onnx::onnx();
        let proto = onnx.proto_model_for_read(&mut &*bytes).map_err(onnx_err)?;
        let meta = Metadata::of(&proto);
        let scheme = meta.get("kefu.featurizer")?;
        if scheme != FEATURIZER_SCHEME {
            return Err(ModelError::Metadata {
                key: "kefu.featurizer",
                reason: format!(
                    "model uses `{scheme}`, this build understands `{FEATURIZER_SCHEME}`"
                ),
            });
        }
        let buckets: u32 = meta.parse("kefu.buckets")?;
        let intents = meta.labels("kefu.intents")?;
        let sentiments = meta.labels("kefu.sentiments")?;
        let plan = onnx
            .model_for_proto_model(&proto)
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .map_err(onnx_err)?;
        Ok(Nlu {
            plan,
            fingerprint: fingerprint(bytes),
            featurizer: Featurizer::new(FeaturizerConfig { buckets }),
            intents,
            sentiments,
            oos_threshold: meta.parse("kefu.oos_threshold")?,
            intent_temperature: meta.parse("kefu.intent_temperature")?,
            sentiment_temperature: meta.parse("kefu.sentiment_temperature")?,
        })
    }

    /// A 64-bit FNV-1a hash of the model file: what derived data (an FAQ
    /// index's vectors) records to know which model it was computed with.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The featurizer this model was trained with.
    pub fn featurizer(&self) -> &Featurizer {
        &self.featurizer
    }

    /// Understands one message.
    pub fn classify(&self, text: &str) -> Result<Prediction, ModelError> {
        self.read(text).map(|r| r.prediction)
    }

    /// Understands one message and keeps the probabilities the decision came from, so a
    /// caller that needs both (the FAQ search) runs the model once.
    pub fn read(&self, text: &str) -> Result<Reading, ModelError> {
        let (intent_logits, sentiment_logits) = self.logits(text)?;
        let intent_probs = softmax(&intent_logits, self.intent_temperature);
        let sentiment_probs = softmax(&sentiment_logits, self.sentiment_temperature);
        let (i, intent_confidence) = argmax(&intent_probs);
        let (s, sentiment_confidence) = argmax(&sentiment_probs);
        let mut intent = self.intents[i];
        if intent_confidence < self.oos_threshold {
            intent = Intent::OutOfScope;
        }
        let nfkc = crate::featurize::nfkc_prefix(text);
        Ok(Reading {
            prediction: Prediction {
                intent,
                intent_confidence,
                sentiment: self.sentiments[s],
                sentiment_confidence,
                slots: extract_slots(&nfkc),
            },
            intent_probs: canonical(
                self.intents.iter().map(|l| *l as usize),
                intent_probs,
                Intent::ALL.len(),
            ),
            sentiment_probs: canonical(
                self.sentiments.iter().map(|l| *l as usize),
                sentiment_probs,
                Sentiment::ALL.len(),
            ),
        })
    }

    /// Calibrated probabilities in the canonical orders `Intent::ALL` and
    /// `Sentiment::ALL`, before the out-of-scope threshold (for evaluation).
    pub fn probabilities(&self, text: &str) -> Result<(Vec<f32>, Vec<f32>), ModelError> {
        self.read(text).map(|r| (r.intent_probs, r.sentiment_probs))
    }

    /// Below this intent confidence a message is out of scope.
    pub fn oos_threshold(&self) -> f32 {
        self.oos_threshold
    }

    /// Raw intent and sentiment logits, in the model's label order.
    pub fn logits(&self, text: &str) -> Result<(Vec<f32>, Vec<f32>), ModelError> {
        let ids = self.featurizer.ids(text);
        let input = Tensor::from_shape(&[ids.len()], &ids).map_err(onnx_err)?;
        let outputs = self.plan.run(tvec!(input.into())).map_err(onnx_err)?;
        let read = |i: usize, want: usize| -> Result<Vec<f32>, ModelError> {
            let view = outputs
                .get(i)
                .ok_or_else(|| ModelError::Output(format!("output {i} missing")))?
                .to_plain_array_view::<f32>()
                .map_err(onnx_err)?;
            let values: Vec<f32> = view.iter().copied().collect();
            if values.len() != want {
                return Err(ModelError::Output(format!(
                    "output {i} has {} values, want {want}",
                    values.len()
                )));
            }
            Ok(values)
        };
        Ok((
            read(0, self.intents.len())?,
            read(1, self.sentiments.len())?,
        ))
    }
}

fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

struct Metadata(HashMap<String, String>);

impl Metadata {
    fn of(proto: &ModelProto) -> Metadata {
        Metadata(
            proto
                .metadata_props
                .iter()
                .map(|p| (p.key.clone(), p.value.clone()))
                .collect(),
        )
    }

    fn get(&self, key: &'static str) -> Result<&str, ModelError> {
        self.0
            .get(key)
            .map(String::as_str)
            .ok_or(ModelError::Metadata {
                key,
                reason: "missing".to_owned(),
            })
    }

    fn parse<T: std::str::FromStr>(&self, key: &'static str) -> Result<T, ModelError>
    where
        T::Err: std::fmt::Display,
    {
        self.get(key)?
            .parse()
            .map_err(|e: T::Err| ModelError::Metadata {
                key,
                reason: e.to_string(),
            })
    }

    fn labels<T: std::str::FromStr>(&self, key: &'static str) -> Result<Vec<T>, ModelError>
    where
        T::Err: std::fmt::Display,
    {
        let labels = self
            .get(key)?
            .split(',')
            .map(|l| l.trim().parse())
            .collect::<Result<Vec<T>, _>>()
            .map_err(|e| ModelError::Metadata {
                key,
                reason: e.to_string(),
            })?;
        if labels.is_empty() {
            return Err(ModelError::Metadata {
                key,
                reason: "no labels".to_owned(),
            });
        }
        Ok(labels)
    }
}

fn onnx_err(e: impl std::fmt::Display) -> ModelError {
    ModelError::Onnx(e.to_string())
}

/// Softmax with temperature scaling (the calibration fitted on dev data).
pub(crate) fn softmax(logits: &[f32], temperature: f32) -> Vec<f32> {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|l| ((l - max) / t).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

/// Index and value of the largest entry; ties go to the lowest index.
pub(crate) fn argmax(values: &[f32]) -> (usize, f32) {
    values
        .iter()
        .copied()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, v)| {
            if v > best.1 { (i, v) } else { best }
        })
}
