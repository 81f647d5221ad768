//! Building an index: a checked knowledge base plus the model's view of every example question, with a threshold fitted to the file itself.

use kefu_model::{ModelError, Nlu};

use crate::index::FaqIndex;
use crate::knowledge::KnowledgeBase;
use crate::search::{Exclude, Faq, Query};

/// The threshold used when a knowledge base is too small to fit its own.
pub const DEFAULT_THRESHOLD: f32 = 0.35;
/// Weight of rejecting a held-out entry's questions in the threshold's
/// objective. Low: such a question usually has a sibling entry that is a
/// fair answer (a held-out "Taiwan shipping fee" question finding "shipping
/// fee"), so treating it as must-reject set the bar too high; measured with
/// `kefu faq eval` (0.5 answered 70% of paraphrases, 0.1 answers 73% and
/// still rejects 87% of unanswerable questions).
const HELD_OUT_ENTRY_WEIGHT: f32 = 0.1;
/// Weight of rejecting the built-in questions no shop answers.
const GENERIC_WEIGHT: f32 = 0.4;
/// Entries needed before leave-one-out calibration is trusted.
const MIN_ENTRIES_TO_CALIBRATE: usize = 12;

/// How the threshold was chosen, for the build report.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// The chosen threshold.
    pub threshold: f32,
    /// Held-out example questions answered with the right entry above the threshold.
    pub answered: (usize, usize),
    /// Questions of held-out entries rejected (below the threshold).
    pub rejected: (usize, usize),
    /// Built-in questions no shop answers, rejected.
    pub generic_rejected: (usize, usize),
}

/// The model's intent probabilities for every example question.
pub(crate) fn vectors(kb: &KnowledgeBase, nlu: &Nlu) -> Result<Vec<Vec<Vec<f32>>>, ModelError> {
    kb.entries
        .iter()
        .map(|e| {
            e.questions
                .iter()
                .map(|q| nlu.probabilities(q).map(|(p, _)| p))
                .collect()
        })
        .collect()
}

/// Builds the index of `kb` for `nlu` and fits its threshold.
pub fn build_index(kb: KnowledgeBase, nlu: &Nlu) -> Result<(FaqIndex, Calibration), ModelError> {
    let vectors = vectors(&kb, nlu)?;
    let index = FaqIndex {
        knowledge: kb,
        featurizer: kefu_model::FEATURIZER_SCHEME.to_owned(),
        model: nlu.fingerprint(),
        threshold: DEFAULT_THRESHOLD,
        vectors,
    };
    let faq = Faq::new(index, nlu).map_err(|e| match e {
        crate::search::FaqError::Model(m) => m,
        other => ModelError::Output(other.to_string()),
    })?;
    let calibration = calibrate(&faq, nlu)?;
    let mut index = faq.index().clone();
    index.threshold = calibration.threshold;
    Ok((index, calibration))
}

/// Questions no FAQ answers, in zh-Hans, zh-Hant and en (`negatives.txt`).
fn negatives() -> impl Iterator<Item = &'static str> {
    include_str!("negatives.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Leave-one-out on the file itself: every example question is asked of
/// the index without it (it should find its entry) and of the index without
/// its entry (it should be rejected); a built-in set of questions no shop
/// answers must be rejected too. The threshold maximises the answered rate
/// plus the weighted rejected rates of the built-in set and of the held-out
/// entries ([`GENERIC_WEIGHT`], [`HELD_OUT_ENTRY_WEIGHT`]).
/// This needs no data beyond the merchant's own file.
pub fn calibrate(faq: &Faq, nlu: &Nlu) -> Result<Calibration, ModelError> {
    let entries = &faq.knowledge().entries;
    let mut answerable = Vec::new();
    let mut unanswerable = Vec::new();
    for (e, entry) in entries.iter().enumerate() {
        for (j, q) in entry.questions.iter().enumerate() {
            let query = Query::new(nlu, q)?;
            if entry.questions.len() > 1 {
                let top = faq.rank(
                    &query,
                    1,
                    Exclude::Question {
                        entry: e,
                        question: j,
                    },
                );
                let (hit, score) = top
                    .first()
                    .map_or((false, 0.0), |m| (m.entry == e, m.score));
                answerable.push((hit, score));
            }
            let top = faq.rank(&query, 1, Exclude::Entry(e));
            unanswerable.push(top.first().map_or(0.0, |m| m.score));
        }
    }
    let mut generic = Vec::new();
    for q in negatives() {
        let query = Query::new(nlu, q)?;
        let top = faq.rank(&query, 1, Exclude::Nothing);
        generic.push(top.first().map_or(0.0, |m| m.score));
    }
    let rates = |t: f32| {
        let answered = answerable.iter().filter(|(hit, s)| *hit && *s >= t).count();
        let rejected = unanswerable.iter().filter(|s| **s < t).count();
        let generic_rejected = generic.iter().filter(|s| **s < t).count();
        (answered, rejected, generic_rejected)
    };
    let mut threshold = DEFAULT_THRESHOLD;
    if entries.len() >= MIN_ENTRIES_TO_CALIBRATE && !answerable.is_empty() {
        let mut best = f32::MIN;
        for step in 5..=160 {
            let t = step as f32 / 200.0;
            let (a, r, g) = rates(t);
            let value = a as f32 / answerable.len() as f32
                + HELD_OUT_ENTRY_WEIGHT * r as f32 / unanswerable.len() as f32
                + GENERIC_WEIGHT * g as f32 / generic.len() as f32;
            if value > best {
                best = value;
                threshold = t;
            }
        }
    }
    let (a, r, g) = rates(threshold);
    Ok(Calibration {
        threshold,
        answered: (a, answerable.len()),
        rejected: (r, unanswerable.len()),
        generic_rejected: (g, generic.len()),
    })
}
