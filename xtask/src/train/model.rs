//! The trainable model: a hashed embedding bag, an optional ReLU layer, an intent head and a sentiment head.
//!
//! Small enough to train with plain SGD on two CPU cores in a minute, and to
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
    /// Extra factor on the intent term only (class balance); 1 for none.
    pub(crate) intent_scale: f32,
}

/// The layers after the embedding bag, shared by the float and the quantised model.
#[derive(Clone)]
pub(crate) struct Layers {
    /// Width of the ReLU layer between the bag and the heads; 0 for none.
    pub(crate) hidden: usize,
    pub(crate) w1: Vec<f32>,
    pub(crate) b1: Vec<f32>,
    pub(crate) intent_w: Vec<f32>,
    pub(crate) intent_bias: Vec<f32>,
    pub(crate) sentiment_w: Vec<f32>,
    pub(crate) sentiment_bias: Vec<f32>,
}

/// Float weights being trained.
pub(crate) struct Model {
    pub(crate) buckets: usize,
    pub(crate) dim: usize,
    pub(crate) table: Vec<f32>,
    /// Width of the second bag that only the sentiment head reads; 0 for none.
    pub(crate) sent_dim: usize,
    pub(crate) sent_table: Vec<f32>,
    pub(crate) layers: Layers,
}

/// The shipped form: int8 table with a scale per row, float layers.
pub(crate) struct Quantized {
    pub(crate) buckets: usize,
    pub(crate) dim: usize,
    pub(crate) table: Vec<i8>,
    pub(crate) scales: Vec<f32>,
    pub(crate) sent_dim: usize,
    pub(crate) sent_table: Vec<i8>,
    pub(crate) sent_scales: Vec<f32>,
    pub(crate) layers: Layers,
}

impl Model {
    pub(crate) fn new(
        buckets: usize,
        (dim, sent_dim): (usize, usize),
        hidden: usize,
        classes: (usize, usize),
        rng: &mut Rng,
    ) -> Model {
        let scale = 1.0 / dim as f32;
        let he = (2.0 / dim as f32).sqrt();
        let head_in = if hidden > 0 { hidden } else { dim };
        Model {
            buckets,
            dim,
            table: (0..buckets * dim)
                .map(|_| rng.symmetric() * scale)
                .collect(),
            sent_dim,
            sent_table: (0..buckets * sent_dim)
                .map(|_| rng.symmetric() / sent_dim.max(1) as f32)
                .collect(),
            layers: Layers {
                hidden,
                w1: (0..dim * hidden).map(|_| rng.symmetric() * he).collect(),
                b1: vec![0.0; hidden],
                intent_w: vec![0.0; head_in * classes.0],
                intent_bias: vec![0.0; classes.0],
                sentiment_w: vec![0.0; (head_in + sent_dim) * classes.1],
                sentiment_bias: vec![0.0; classes.1],
            },
        }
    }

    fn sentence(&self, ids: &[u32]) -> Vec<f32> {
        bag(&self.table, self.dim, ids)
    }

    /// One SGD step on one sample; returns the loss.
    pub(crate) fn step(&mut self, s: &Sample, lr: f32) -> f32 {
        let h = self.sentence(&s.ids);
        let step = lr * s.weight;
        let (loss, dh) = self.layers.step(&h, s, step);
        let n = s.ids.len().max(1) as f32;
        let dim = self.dim;
        for &id in &s.ids {
            let row = &mut self.table[id as usize * dim..][..dim];
            row.iter_mut()
                .zip(&dh)
                .for_each(|(w, g)| *w -= step * g / n);
        }
        loss
    }

    pub(crate) fn quantize(&self) -> Quantized {
        let (table, scales) = quantize_rows(&self.table, self.dim);
        let (sent_table, sent_scales) = quantize_rows(&self.sent_table, self.sent_dim);
        Quantized {
            buckets: self.buckets,
            dim: self.dim,
            table,
            scales,
            sent_dim: self.sent_dim,
            sent_table,
            sent_scales,
            layers: self.layers.clone(),
        }
    }
}

/// Mean of the looked-up rows of a `dim`-wide table.
fn bag(table: &[f32], dim: usize, ids: &[u32]) -> Vec<f32> {
    let mut h = vec![0.0; dim];
    if dim == 0 {
        return h;
    }
    for &id in ids {
        let row = &table[id as usize * dim..][..dim];
        h.iter_mut().zip(row).for_each(|(a, b)| *a += b);
    }
    let n = ids.len().max(1) as f32;
    h.iter_mut().for_each(|a| *a /= n);
    h
}

/// int8 rows with one f32 scale each (symmetric, max-abs).
fn quantize_rows(table: &[f32], dim: usize) -> (Vec<i8>, Vec<f32>) {
    let mut q = Vec::with_capacity(table.len());
    let mut scales = Vec::new();
    if dim == 0 {
        return (q, scales);
    }
    for row in table.chunks(dim) {
        let max = row.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        scales.push(scale);
        q.extend(
            row.iter()
                .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8),
        );
    }
    (q, scales)
}

impl Layers {
    /// Backpropagates one sample through heads and hidden layer; returns the
    /// loss and the gradient with respect to the bag's mean embedding.
    fn step(&mut self, h: &[f32], s: &Sample, step: f32) -> (f32, Vec<f32>) {
        let z = self.hidden_layer(h);
        let mut dz = vec![0.0; z.len()];
        let mut loss = 0.0;
        if let Some(y) = s.intent {
            loss += head_step(
                &z,
                y,
                (&mut self.intent_w, &mut self.intent_bias),
                &mut dz,
                (step, s.intent_scale),
            );
        }
        if let Some(y) = s.sentiment {
            loss += head_step(
                &z,
                y,
                (&mut self.sentiment_w, &mut self.sentiment_bias),
                &mut dz,
                (step, 1.0),
            );
        }
        if self.hidden == 0 {
            return (loss, dz);
        }
        let k = self.hidden;
        dz.iter_mut().zip(&z).for_each(|(g, a)| {
            if *a <= 0.0 {
                *g = 0.0;
            }
        });
        let mut dh = vec![0.0; h.len()];
        for (i, hi) in h.iter().enumerate() {
            let row = &mut self.w1[i * k..][..k];
            dh[i] = row.iter().zip(&dz).map(|(w, g)| w * g).sum();
            row.iter_mut()
                .zip(&dz)
                .for_each(|(w, g)| *w -= step * hi * g);
        }
        self.b1
            .iter_mut()
            .zip(&dz)
            .for_each(|(b, g)| *b -= step * g);
        (loss, dh)
    }

    /// `max(0, h·W1 + b1)`, or `h` itself without a hidden layer.
    fn hidden_layer(&self, h: &[f32]) -> Vec<f32> {
        if self.hidden == 0 {
            return h.to_vec();
        }
        let k = self.hidden;
        let mut z = self.b1.clone();
        for (i, hi) in h.iter().enumerate() {
            z.iter_mut()
                .zip(&self.w1[i * k..][..k])
                .for_each(|(a, w)| *a += hi * w);
        }
        z.iter_mut().for_each(|a| *a = a.max(0.0));
        z
    }

    fn logits(&self, h: &[f32], hs: &[f32]) -> (Vec<f32>, Vec<f32>) {
        let z = self.hidden_layer(h);
        let input: Vec<f32> = z.iter().chain(hs).copied().collect();
        (
            affine(&z, &self.intent_w, &self.intent_bias),
            affine(&input, &self.sentiment_w, &self.sentiment_bias),
        )
    }
}

fn affine(x: &[f32], w: &[f32], b: &[f32]) -> Vec<f32> {
    let k = b.len();
    let mut out = b.to_vec();
    for (i, xi) in x.iter().enumerate() {
        out.iter_mut()
            .zip(&w[i * k..][..k])
            .for_each(|(o, wij)| *o += xi * wij);
    }
    out
}

/// Softmax cross-entropy step for one head, its loss scaled by `scale`;
/// accumulates the gradient wrt `h` into `dh`.
fn head_step(
    h: &[f32],
    y: usize,
    (w, b): (&mut [f32], &mut [f32]),
    dh: &mut [f32],
    (lr, scale): (f32, f32),
) -> f32 {
    let k = b.len();
    let p = softmax(&affine(h, w, b));
    let loss = -p[y].max(1e-9).ln() * scale;
    let mut g = p;
    g[y] -= 1.0;
    g.iter_mut().for_each(|v| *v *= scale);
    for (i, hi) in h.iter().enumerate() {
        let row = &mut w[i * k..][..k];
        dh[i] += row.iter().zip(&g).map(|(a, b)| a * b).sum::<f32>();
        row.iter_mut()
            .zip(&g)
            .for_each(|(wij, gj)| *wij -= lr * hi * gj);
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
        let h = dequantized_bag(&self.table, &self.scales, self.dim, ids);
        let hs = dequantized_bag(&self.sent_table, &self.sent_scales, self.sent_dim, ids);
        self.layers.logits(&h, &hs)
    }
}

fn dequantized_bag(table: &[i8], scales: &[f32], dim: usize, ids: &[u32]) -> Vec<f32> {
    let mut h = vec![0.0f32; dim];
    if dim == 0 {
        return h;
    }
    for &id in ids {
        let id = id as usize;
        let row = &table[id * dim..][..dim];
        h.iter_mut()
            .zip(row)
            .for_each(|(a, q)| *a += f32::from(*q) * scales[id]);
    }
    let n = ids.len().max(1) as f32;
    h.iter_mut().for_each(|a| *a /= n);
    h
}
