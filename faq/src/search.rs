//! Retrieval: which entry answers a shopper's question, and how sure we are.
//!
//! Two signals, both in 0..1:
//! - **lexical**: BM25 over the featurizer's tokens plus bilingual concept
//!   tokens, normalised by the query's total IDF so a score means "how much
//!   of what the shopper said is found in this field". Every example question
//!   and every answer text (all locales) is a field; an entry scores the mean
//!   of its best question and its best answer, blended with its **concept
//!   coverage**: how much of the query's concept weight appears anywhere in
//!   the entry, so a paraphrase whose words are spread over an entry's texts
//!   (or over its other language) still finds it.
//! - **semantic**: cosine between the model's intent probabilities for the
//!   query and for each example question: does the model read them as the
//!   same kind of request?
//!
//! The score is `lexical * (1 - SEMANTIC_WEIGHT + SEMANTIC_WEIGHT * semantic)`:
//! wording has to match, and a match the model reads as a different kind of
//! request (an order action against a policy entry) is damped. Ties go to the
//! entry that comes first in the file.

use std::collections::HashMap;

use kefu_model::{ModelError, Nlu};

use crate::concepts::concepts;
use crate::index::FaqIndex;
use crate::knowledge::{Entry, KnowledgeBase};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// How much the best answer-text match counts next to the best example-question
/// match (they are averaged with this weight): answers name what an entry is
/// about in more words than its questions do. Measured with `kefu faq eval`.
const ANSWER_WEIGHT: f32 = 1.0;
/// Query tokens no entry has (typos, names, unseen trigrams) still count
/// against a match's confidence, but less than a token an entry could have had.
const UNKNOWN_TOKEN_WEIGHT: f32 = 0.3;
/// A concept token (`c:shipping-fee`) counts this many times an ordinary
/// token: it stands for a meaning, not a spelling. Measured with `kefu faq eval`.
const CONCEPT_WEIGHT: f32 = 2.0;
/// Share of the lexical score that is concept coverage: how much of the
/// query's concept weight the entry has anywhere (any question, any answer,
/// any locale). Field-by-field BM25 misses a paraphrase whose words are
/// spread over an entry's texts; coverage pools them.
const CONCEPT_COVERAGE_WEIGHT: f32 = 0.3;
/// Coverage is a plain fraction, BM25 field scores are saturated ones (a
/// perfect short field scores about 0.45); this puts them on one scale.
const CONCEPT_COVERAGE_SCALE: f32 = 0.3;
/// How much a concept's salience in an entry (the share of its fields that
/// have it) weighs in the entry's coverage: an entry about PayPal has it in
/// every text, the entry listing all payment methods in its answers only.
const CONCEPT_SALIENCE: f32 = 0.25;
/// How much an example question's own coverage by the query (the other
/// direction of BM25's) weighs in its score: "下单后一般多久能发货" says all of
/// "多久发货" but only a word of "青海偏远地区要多久".
const QUESTION_COVERAGE_WEIGHT: f32 = 0.5;
/// How much model disagreement can damp a lexical match.
const SEMANTIC_WEIGHT: f32 = 0.3;

/// A ranked candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// Index of the entry in the knowledge base.
    pub entry: usize,
    /// 0..1.
    pub score: f32,
}

/// What a query looks like to the searcher; computed once per question.
#[derive(Clone, Debug)]
pub struct Query {
    tokens: Vec<u64>,
    concepts: Vec<u64>,
    probs: Vec<f32>,
}

/// Which signals a searcher uses: all of them in the product; fewer to
/// measure what each contributes (`kefu faq eval` prints the ablation, and
/// [`Signals::BM25`] is the plain baseline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signals {
    /// Bilingual concept tokens.
    pub concepts: bool,
    /// Answer texts as evidence, besides the example questions.
    pub answers: bool,
    /// The model's reading of query and questions.
    pub semantic: bool,
}

impl Signals {
    /// Everything: what the widget runs.
    pub const ALL: Signals = Signals {
        concepts: true,
        answers: true,
        semantic: true,
    };
    /// Plain BM25 over the example questions.
    pub const BM25: Signals = Signals {
        concepts: false,
        answers: false,
        semantic: false,
    };
}

/// Leave-one-out: what to pretend is not in the index (used to calibrate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exclude {
    Nothing,
    Question { entry: usize, question: usize },
    Entry(usize),
}

impl Exclude {
    /// Whether field `field` (of entry `field.entry`) is to be treated as absent.
    fn hides(self, field: Field) -> bool {
        matches!(
            (self, field.question),
            (Exclude::Question { entry, question }, Some(j))
                if entry == field.entry as usize && question == j as usize
        )
    }

    /// How many of an entry's `n` fields remain.
    fn fields_left(self, entry: usize, n: usize) -> usize {
        match self {
            Exclude::Question { entry: e, .. } if e == entry => n.saturating_sub(1),
            _ => n,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Field {
    entry: u32,
    /// `Some(j)` for example question j, `None` for an answer text.
    question: Option<u32>,
    len: f32,
}

/// An FAQ index ready to answer: the postings are built at load.
#[derive(Debug)]
pub struct Faq {
    index: FaqIndex,
    signals: Signals,
    fields: Vec<Field>,
    /// Per entry, its fields (questions then answers, contiguous).
    entry_fields: Vec<std::ops::Range<usize>>,
    /// Per field, BM25's length term `K1 (1 - B + B len / avg len)`.
    length_norm: Vec<f32>,
    /// Per field, the IDF mass of its featurizer tokens (concepts left out):
    /// the denominator of how much of an example question a query covers.
    field_mass: Vec<f32>,
    /// Per field, the model's vector for a question as a unit vector (empty for answers).
    units: Vec<Vec<f32>>,
    postings: HashMap<u64, Vec<(u32, u16)>>,
    entry_df: HashMap<u64, u32>,
}

/// Why an index cannot be used with this model.
#[derive(Debug, thiserror::Error)]
pub enum FaqError {
    /// The index was tokenized by another featurizer.
    #[error("FAQ index uses featurizer `{index}`, the model uses `{model}`: rebuild the index")]
    Featurizer {
        /// The index's scheme.
        index: String,
        /// The model's scheme.
        model: &'static str,
    },
    /// Recomputing vectors failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// Tokens of a text for lexical matching, hashed: featurizer tokens, and concepts.
fn lexical_tokens(nlu: &Nlu, text: &str) -> (Vec<u64>, Vec<u64>) {
    let tokens = nlu
        .featurizer()
        .tokens(text)
        .iter()
        // Shouting and emptiness say nothing about which entry is meant.
        .filter(|t| t.as_str() != "<caps>" && t.as_str() != "<empty>")
        .map(|t| hash(t))
        .collect();
    (tokens, concepts(text).iter().map(|t| hash(t)).collect())
}

fn hash(token: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in token.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Query {
    /// Reads a shopper's question with the model.
    pub fn new(nlu: &Nlu, text: &str) -> Result<Query, ModelError> {
        let (probs, _) = nlu.probabilities(text)?;
        Ok(Query::read(nlu, text, probs))
    }

    /// The query for a message the model has already read: `intent_probs` are
    /// [`Reading::intent_probs`](kefu_model::Reading) of `text`, so no second inference.
    pub fn read(nlu: &Nlu, text: &str, intent_probs: Vec<f32>) -> Query {
        let (mut tokens, concepts) = lexical_tokens(nlu, text);
        tokens.sort_unstable();
        tokens.dedup();
        Query {
            tokens,
            concepts,
            probs: intent_probs,
        }
    }
}

impl Faq {
    /// Prepares an index for searching with `nlu`; recomputes the stored
    /// vectors when the index was built with another model.
    pub fn new(mut index: FaqIndex, nlu: &Nlu) -> Result<Faq, FaqError> {
        if index.featurizer != kefu_model::FEATURIZER_SCHEME {
            return Err(FaqError::Featurizer {
                index: index.featurizer,
                model: kefu_model::FEATURIZER_SCHEME,
            });
        }
        if index.model != nlu.fingerprint() {
            index.vectors = crate::build::vectors(&index.knowledge, nlu)?;
            index.model = nlu.fingerprint();
        }
        let mut fields = Vec::new();
        let mut postings: HashMap<u64, Vec<(u32, u16)>> = HashMap::new();
        let mut entry_df: HashMap<u64, u32> = HashMap::new();
        let mut concept_hashes: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let (mut q_total, mut q_n, mut a_total, mut a_n) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for (e, entry) in index.knowledge.entries.iter().enumerate() {
            let texts = entry
                .questions
                .iter()
                .enumerate()
                .map(|(j, q)| (Some(j as u32), q.as_str()))
                .chain(entry.answers.iter().map(|(_, a)| (None, a.as_str())));
            let mut in_entry: Vec<u64> = Vec::new();
            for (question, text) in texts {
                let (mut tokens, concepts) = lexical_tokens(nlu, text);
                concept_hashes.extend(concepts.iter().copied());
                tokens.extend(concepts);
                let field = fields.len() as u32;
                let len = tokens.len() as f32;
                if question.is_some() {
                    q_total += len;
                    q_n += 1.0;
                } else {
                    a_total += len;
                    a_n += 1.0;
                }
                fields.push(Field {
                    entry: e as u32,
                    question,
                    len,
                });
                let mut counts: HashMap<u64, u16> = HashMap::new();
                for t in tokens {
                    *counts.entry(t).or_default() += 1;
                }
                let mut counts: Vec<_> = counts.into_iter().collect();
                counts.sort_unstable();
                for (t, tf) in counts {
                    postings.entry(t).or_default().push((field, tf));
                    in_entry.push(t);
                }
            }
            in_entry.sort_unstable();
            in_entry.dedup();
            for t in in_entry {
                *entry_df.entry(t).or_default() += 1;
            }
        }
        let n = index.knowledge.entries.len() as f32;
        let mut field_mass = vec![0.0f32; fields.len()];
        for (t, list) in &postings {
            if concept_hashes.contains(t) {
                continue;
            }
            let w = entry_df.get(t).map_or(0.0, |df| idf(n, *df));
            for &(f, _) in list {
                field_mass[f as usize] += w;
            }
        }
        let avg_question_len = q_total / q_n.max(1.0);
        let avg_answer_len = a_total / a_n.max(1.0);
        let length_norm = fields
            .iter()
            .map(|f| {
                let avg = if f.question.is_some() {
                    avg_question_len
                } else {
                    avg_answer_len
                };
                K1 * (1.0 - B + B * f.len / avg.max(1.0))
            })
            .collect();
        let units = fields
            .iter()
            .map(|f| match f.question {
                Some(j) => index
                    .vectors
                    .get(f.entry as usize)
                    .and_then(|qs| qs.get(j as usize))
                    .map_or_else(Vec::new, |v| unit(v)),
                None => Vec::new(),
            })
            .collect();
        let mut entry_fields = vec![0..0; index.knowledge.entries.len()];
        for (f, field) in fields.iter().enumerate() {
            let r = &mut entry_fields[field.entry as usize];
            // Set ranges end past their first field, so an end of 0 means "none yet".
            if r.end == 0 {
                *r = f..f + 1;
            } else {
                r.end = f + 1;
            }
        }
        Ok(Faq {
            index,
            signals: Signals::ALL,
            fields,
            entry_fields,
            length_norm,
            field_mass,
            units,
            postings,
            entry_df,
        })
    }

    /// The same searcher using only some signals (for measurement).
    pub fn with_signals(mut self, signals: Signals) -> Faq {
        self.signals = signals;
        self
    }

    /// Replaces the threshold (e.g. one fitted for other signals).
    pub fn set_threshold(&mut self, threshold: f32) {
        self.index.threshold = threshold;
    }

    /// The knowledge base.
    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.index.knowledge
    }

    /// The index this searcher was built from (vectors refreshed for the model).
    pub fn index(&self) -> &FaqIndex {
        &self.index
    }

    /// An entry by position.
    pub fn entry(&self, i: usize) -> Option<&Entry> {
        self.index.knowledge.entries.get(i)
    }

    /// Scores at or above this are confident answers.
    pub fn threshold(&self) -> f32 {
        self.index.threshold
    }

    /// The `k` best entries for a question, best first.
    pub fn search(&self, nlu: &Nlu, text: &str, k: usize) -> Result<Vec<Match>, ModelError> {
        Ok(self.rank(&Query::new(nlu, text)?, k, Exclude::Nothing))
    }

    /// The `k` best entries for a prepared query, best first.
    pub fn search_query(&self, query: &Query, k: usize) -> Vec<Match> {
        self.rank(query, k, Exclude::Nothing)
    }

    pub(crate) fn rank(&self, query: &Query, k: usize, exclude: Exclude) -> Vec<Match> {
        let n = self.index.knowledge.entries.len() as f32;
        let idf = |df: u32| idf(n, df);
        let unknown_idf = idf(0);
        let mut acc = vec![0.0f32; self.fields.len()];
        // Per field, the IDF mass of its featurizer tokens the query has.
        let mut field_matched = vec![0.0f32; self.fields.len()];
        let mut total = 0.0f32;
        let concepts: &[u64] = if self.signals.concepts {
            &query.concepts
        } else {
            &[]
        };
        let n_query_tokens = query.tokens.len();
        let entries = self.index.knowledge.entries.len();
        // Per entry, the weight of the query's concepts found in any of its
        // (not held-out) fields, each scaled by its salience there.
        let mut fields_with = vec![0u32; entries];
        let mut touched: Vec<usize> = Vec::new();
        let mut coverage = vec![0.0f32; entries];
        let mut concept_total = 0.0f32;
        for (i, t) in query.tokens.iter().chain(concepts).enumerate() {
            let is_concept = i >= n_query_tokens;
            let boost = if is_concept { CONCEPT_WEIGHT } else { 1.0 };
            let (w, list) = match (self.entry_df.get(t), self.postings.get(t)) {
                (Some(df), Some(list)) => (boost * idf(*df), list.as_slice()),
                _ => (boost * unknown_idf * UNKNOWN_TOKEN_WEIGHT, &[][..]),
            };
            total += w;
            if is_concept {
                concept_total += w;
            }
            for &(f, tf) in list {
                // BM25's saturation, scaled to 0..1: tf (K1 + 1) / (tf + den) / (K1 + 1).
                let tf = f32::from(tf);
                acc[f as usize] += w * tf / (tf + self.length_norm[f as usize]);
                let field = self.fields[f as usize];
                if !is_concept {
                    field_matched[f as usize] += w;
                } else if !exclude.hides(field) {
                    let e = field.entry as usize;
                    if fields_with[e] == 0 {
                        touched.push(e);
                    }
                    fields_with[e] += 1;
                }
            }
            for e in touched.drain(..) {
                let n_fields = exclude.fields_left(e, self.entry_fields[e].len());
                let salience = fields_with[e] as f32 / n_fields.max(1) as f32;
                coverage[e] += w * (1.0 - CONCEPT_SALIENCE + CONCEPT_SALIENCE * salience.min(1.0));
                fields_with[e] = 0;
            }
        }
        if total <= 0.0 {
            return Vec::new();
        }
        let query_unit = unit(&query.probs);
        let mut out: Vec<Match> = Vec::new();
        for (e, &covers) in coverage.iter().enumerate() {
            if matches!(exclude, Exclude::Entry(x) if x == e) {
                continue;
            }
            let (mut question_best, mut answer_best) = (0.0f32, 0.0f32);
            let range = self.entry_fields[e].clone();
            for f in range.clone() {
                let field = self.fields[f];
                let score = acc[f] / total;
                if exclude.hides(field) {
                    continue;
                }
                match field.question {
                    Some(_) => {
                        // An example question the query says all of is better
                        // evidence than one it shares a word with.
                        let covered = (field_matched[f] / self.field_mass[f].max(1e-6)).min(1.0);
                        let score = score
                            * (1.0 - QUESTION_COVERAGE_WEIGHT + QUESTION_COVERAGE_WEIGHT * covered);
                        question_best = question_best.max(score);
                    }
                    None if self.signals.answers => answer_best = answer_best.max(score),
                    None => {}
                }
            }
            let surface = (question_best + ANSWER_WEIGHT * answer_best) / (1.0 + ANSWER_WEIGHT);
            // A query without concepts has nothing to cover: its surface score stands in.
            let concept_coverage = if concept_total > 0.0 {
                CONCEPT_COVERAGE_SCALE * covers / concept_total
            } else {
                CONCEPT_COVERAGE_SCALE * surface
            };
            let lexical = (1.0 - CONCEPT_COVERAGE_WEIGHT) * surface
                + CONCEPT_COVERAGE_WEIGHT * concept_coverage;
            if lexical <= 0.0 {
                continue;
            }
            // The model's agreement: its best reading among the entry's questions.
            let semantic = if self.signals.semantic {
                range
                    .filter(|&f| {
                        self.fields[f].question.is_some() && !exclude.hides(self.fields[f])
                    })
                    .map(|f| dot(&query_unit, &self.units[f]).clamp(0.0, 1.0))
                    .fold(0.0, f32::max)
            } else {
                1.0
            };
            out.push(Match {
                entry: e,
                score: lexical * (1.0 - SEMANTIC_WEIGHT + SEMANTIC_WEIGHT * semantic),
            });
        }
        let order = |a: &Match, b: &Match| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry));
        if k > 0 && out.len() > k {
            out.select_nth_unstable_by(k - 1, order);
            out.truncate(k);
        }
        out.sort_by(order);
        out.truncate(k);
        out
    }
}

/// BM25's inverse document frequency over `n` entries.
fn idf(n: f32, df: u32) -> f32 {
    (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// `v` scaled to length 1 (all zeros stays zeros): cosines become dot products.
fn unit(v: &[f32]) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm <= 0.0 {
        vec![0.0; v.len()]
    } else {
        v.iter().map(|x| x / norm).collect()
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
