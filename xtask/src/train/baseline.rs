//! The standard baseline the model is compared with: TF-IDF over character
//! n-grams (1–3) + multinomial logistic regression, trained on exactly the same data.
//!
//! Deliberately independent of Kefu's featurizer (plain NFKC + lowercase), so
//! the comparison measures what the project's design adds.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::model::{Rng, softmax};

const FEATURES: usize = 1 << 18;

/// A fitted TF-IDF + logistic-regression classifier for one task.
pub(crate) struct Baseline {
    idf: Vec<f32>,
    weights: Vec<f32>,
    bias: Vec<f32>,
    classes: usize,
}

/// Sparse, L2-normalised TF-IDF vector.
type Sparse = Vec<(usize, f32)>;

fn grams(text: &str) -> HashMap<usize, f32> {
    let norm: Vec<char> = text
        .chars()
        .take(kefu_model::MAX_CHARS)
        .nfkc()
        .flat_map(char::to_lowercase)
        .collect();
    let mut counts = HashMap::new();
    for n in 1..=3 {
        for w in norm.windows(n) {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ n as u64;
            for c in w {
                h ^= u64::from(u32::from(*c));
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            *counts.entry((h % FEATURES as u64) as usize).or_insert(0.0) += 1.0;
        }
    }
    counts
}

impl Baseline {
    /// Fits on `(text, class)` pairs with SGD; deterministic for a seed.
    pub(crate) fn fit(
        data: &[(&str, usize)],
        classes: usize,
        epochs: usize,
        seed: u64,
    ) -> Baseline {
        let counts: Vec<HashMap<usize, f32>> = data.iter().map(|(t, _)| grams(t)).collect();
        let mut df = vec![0u32; FEATURES];
        for c in &counts {
            for k in c.keys() {
                df[*k] += 1;
            }
        }
        let n = data.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|d| ((1.0 + n) / (1.0 + *d as f32)).ln() + 1.0)
            .collect();
        let mut b = Baseline {
            idf,
            weights: vec![0.0; FEATURES * classes],
            bias: vec![0.0; classes],
            classes,
        };
        let xs: Vec<Sparse> = counts.iter().map(|c| b.vectorize(c)).collect();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let l2 = 1e-6;
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let lr = 0.5 / (1.0 + epoch as f32);
            for &i in &order {
                let p = b.probs_sparse(&xs[i]);
                for (k, pk) in p.iter().enumerate() {
                    let g = pk - if k == data[i].1 { 1.0 } else { 0.0 };
                    b.bias[k] -= lr * g;
                    for (f, v) in &xs[i] {
                        let w = &mut b.weights[f * classes + k];
                        *w -= lr * (g * v + l2 * *w);
                    }
                }
            }
        }
        b
    }

    fn vectorize(&self, counts: &HashMap<usize, f32>) -> Sparse {
        let mut v: Sparse = counts
            .iter()
            .map(|(k, tf)| (*k, tf * self.idf[*k]))
            .collect();
        v.sort_by_key(|(k, _)| *k);
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|(_, x)| *x /= norm);
        v
    }

    fn probs_sparse(&self, x: &Sparse) -> Vec<f32> {
        let mut logits = self.bias.clone();
        for (f, v) in x {
            let row = &self.weights[f * self.classes..][..self.classes];
            logits.iter_mut().zip(row).for_each(|(l, w)| *l += v * w);
        }
        softmax(&logits)
    }

    /// Class probabilities for one text.
    pub(crate) fn probs(&self, text: &str) -> Vec<f32> {
        self.probs_sparse(&self.vectorize(&grams(text)))
    }
}
