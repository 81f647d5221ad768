//! The trainable model: a hashed embedding bag with an intent head and a sentiment head.
//!
//! Small enough to train with plain SGD on two CPU cores in seconds, and to
//! run in well under a millisecond in the browser.

/// Deterministic pseudo-random numbers (SplitMix64), so a seed fixes a run.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    pub(crate) fn symmetric(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// One training example, already featurized.
pub(crate) struct Sample {
    pub(crate) ids: Vec<u32>,
    pub(crate) intent: Option<usize>,
    pub(crate) sentiment: Option<usize>,
    /// Loss weight of the intent and sentiment terms.
    pub(crate) weight: f32,
}

/// Float weights being trained.
pub(crate) struct Model {
    pub(crate) buckets: usize,
    pub(crate) dim: usize,
    pub(crate) table: Vec<f32>,
    pub(crate) intent_w: Vec<f32>,
    pub(crate) intent_bias: Vec<f32>,
    pub(crate) sentiment_w: Vec<f32>,
    pub(crate) sentiment_bias: Vec<f32>,
}

/// The shipped form: int8 table with a scale per row, float heads.
pub(crate) struct Quantized {
    pub(crate) buckets: usize,
    pub(crate) dim: usize,
    pub(crate) table: Vec<i8>,
    pub(crate) scales: Vec<f32>,
    pub(crate) intent_w: Vec<f32>,
    pub(crate) intent_bias: Vec<f32>,
    pub(crate) sentiment_w: Vec<f32>,
    pub(crate) sentiment_bias: Vec<f32>,
}

impl Model {
    pub(crate) fn new(
        buckets: usize,
        dim: usize,
        intents: usize,
        sentiments: usize,
        rng: &mut Rng,
    ) -> Model {
        let scale = 1.0 / dim as f32;
        Model {
            buckets,
            dim,
            table: (0..buckets * dim)
                .map(|_| rng.symmetric() * scale)
                .collect(),
            intent_w: vec![0.0; dim * intents],
            intent_bias: vec![0.0; intents],
            sentiment_w: vec![0.0; dim * sentiments],
            sentiment_bias: vec![0.0; sentiments],
        }
    }

    fn sentence(&self, ids: &[u32]) -> Vec<f32> {
        let mut h = vec![0.0; self.dim];
        for &id in ids {
            let row = &self.table[id as usize * self.dim..][..self.dim];
            h.iter_mut().zip(row).for_each(|(a, b)| *a += b);
        }
        let n = ids.len().max(1) as f32;
        h.iter_mut().for_each(|a| *a /= n);
        h
    }

    /// One SGD step on one sample; returns the loss.
    pub(crate) fn step(&mut self, s: &Sample, lr: f32) -> f32 {
        let h = self.sentence(&s.ids);
        let mut dh = vec![0.0; self.dim];
        let mut loss = 0.0;
        let dim = self.dim;
        if let Some(y) = s.intent {
            loss += head_step(
                &h,
                y,
                &mut self.intent_w,
                &mut self.intent_bias,
                &mut dh,
                lr * s.weight,
                dim,
            );
        }
        if let Some(y) = s.sentiment {
            loss += head_step(
                &h,
                y,
                &mut self.sentiment_w,
                &mut self.sentiment_bias,
                &mut dh,
                lr * s.weight,
                dim,
            );
        }
        let n = s.ids.len().max(1) as f32;
        for &id in &s.ids {
            let row = &mut self.table[id as usize * dim..][..dim];
            row.iter_mut()
                .zip(&dh)
                .for_each(|(w, g)| *w -= lr * s.weight * g / n);
        }
        loss
    }

    pub(crate) fn quantize(&self) -> Quantized {
        let mut table = Vec::with_capacity(self.table.len());
        let mut scales = Vec::with_capacity(self.buckets);
        for row in self.table.chunks(self.dim) {
            let max = row.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
            scales.push(scale);
            table.extend(
                row.iter()
                    .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8),
            );
        }
        Quantized {
            buckets: self.buckets,
            dim: self.dim,
            table,
            scales,
            intent_w: self.intent_w.clone(),
            intent_bias: self.intent_bias.clone(),
            sentiment_w: self.sentiment_w.clone(),
            sentiment_bias: self.sentiment_bias.clone(),
        }
    }
}

/// Softmax cross-entropy step for one head; accumulates the gradient wrt `h` into `dh`.
fn head_step(
    h: &[f32],
    y: usize,
    w: &mut [f32],
    b: &mut [f32],
    dh: &mut [f32],
    lr: f32,
    dim: usize,
) -> f32 {
    let k = b.len();
    let mut logits = b.to_vec();
    for (i, hi) in h.iter().enumerate() {
        for (j, l) in logits.iter_mut().enumerate() {
            *l += hi * w[i * k + j];
        }
    }
    let p = softmax(&logits);
    let loss = -p[y].max(1e-9).ln();
    let mut g = p;
    g[y] -= 1.0;
    for i in 0..dim {
        let row = &mut w[i * k..][..k];
        dh[i] += row.iter().zip(&g).map(|(a, b)| a * b).sum::<f32>();
        row.iter_mut()
            .zip(&g)
            .for_each(|(wij, gj)| *wij -= lr * h[i] * gj);
    }
    b.iter_mut().zip(&g).for_each(|(bj, gj)| *bj -= lr * gj);
    loss
}

pub(crate) fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

impl Quantized {
    /// The same arithmetic as the ONNX graph, to check the export against.
    pub(crate) fn logits(&self, ids: &[u32]) -> (Vec<f32>, Vec<f32>) {
        let mut h = vec![0.0f32; self.dim];
        for &id in ids {
            let id = id as usize;
            let row = &self.table[id * self.dim..][..self.dim];
            h.iter_mut()
                .zip(row)
                .for_each(|(a, q)| *a += f32::from(*q) * self.scales[id]);
        }
        let n = ids.len().max(1) as f32;
        h.iter_mut().for_each(|a| *a /= n);
        let head = |w: &[f32], b: &[f32]| {
            let k = b.len();
            let mut out = b.to_vec();
            for (i, hi) in h.iter().enumerate() {
                out.iter_mut()
                    .enumerate()
                    .for_each(|(j, o)| *o += hi * w[i * k + j]);
            }
            out
        };
        (
            head(&self.intent_w, &self.intent_bias),
            head(&self.sentiment_w, &self.sentiment_bias),
        )
    }
}
