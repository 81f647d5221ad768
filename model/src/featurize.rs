//! The featurizer: one message in, hashed token ids out; shared by trainer and inference.
//!
//! There is exactly one implementation so that training and serving cannot
//! drift apart. Chinese needs no word segmenter: Han characters become
//! unigrams and bigrams. Latin-script words become whole-word tokens, word
//! bigrams and character trigrams, which keeps typos ("oder", "cancle") close
//! to the right word. Identifiers become placeholder tokens (`<order>`), so the
//! model learns "a message with an order number", not the number itself.
//! Traditional characters are folded to simplified first, so both scripts
//! share every feature.

use unicode_normalization::UnicodeNormalization;

use crate::slots::{Slot, extract_slots};

/// Characters of a message that are looked at; the rest is ignored so a
/// hostile 10 MB paste costs no more than a long message.
pub const MAX_CHARS: usize = 1_000;

/// The parameters that the model was trained with; stored in the model file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeaturizerConfig {
    /// Size of the hashed vocabulary (rows of the embedding table).
    pub buckets: u32,
}

/// Turns messages into token ids for a model trained with the same config.
#[derive(Clone, Debug)]
pub struct Featurizer {
    config: FeaturizerConfig,
}

/// NFKC, case folding and whitespace collapsing, on at most [`MAX_CHARS`] characters.
pub fn normalize(text: &str) -> String {
    let folded = nfkc_prefix(text).to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first [`MAX_CHARS`] characters in NFKC form, folded to simplified
/// Chinese, case kept: what slots and tokens are read from.
pub(crate) fn nfkc_prefix(text: &str) -> String {
    text.chars()
        .take(MAX_CHARS)
        .nfkc()
        .map(crate::script::to_simplified)
        .collect()
}

impl Featurizer {
    /// A featurizer producing ids in `0..config.buckets`.
    pub fn new(config: FeaturizerConfig) -> Featurizer {
        Featurizer { config }
    }

    /// The configuration the ids are computed with.
    pub fn config(&self) -> FeaturizerConfig {
        self.config
    }

    /// Readable tokens of a message, before hashing; never empty.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let nfkc = nfkc_prefix(text);
        let slots = extract_slots(&nfkc);
        let mut out = Tokens::default();
        let mut cursor = 0;
        for slot in &slots {
            out.segment(&nfkc[cursor..slot.span.start]);
            out.placeholder(slot);
            cursor = slot.span.end;
        }
        out.segment(&nfkc[cursor..]);
        if out.shouted {
            out.items.push("<caps>".to_owned());
        }
        if out.items.is_empty() {
            out.items.push("<empty>".to_owned());
        }
        out.items
    }

    /// Hashed token ids of a message, each in `0..buckets`; never empty.
    pub fn ids(&self, text: &str) -> Vec<i64> {
        self.tokens(text)
            .iter()
            .map(|t| i64::from(fnv1a(t.as_bytes()) % self.config.buckets))
            .collect()
    }
}

#[derive(Default)]
struct Tokens {
    items: Vec<String>,
    shouted: bool,
    prev_word: Option<String>,
}

impl Tokens {
    fn placeholder(&mut self, slot: &Slot) {
        self.items.push(slot.kind.placeholder().to_owned());
        self.prev_word = Some(slot.kind.placeholder().to_owned());
    }

    fn segment(&mut self, text: &str) {
        let mut han = String::new();
        let mut word = String::new();
        for c in text.chars() {
            if is_han(c) {
                self.flush_word(&mut word);
                han.push(c);
            } else if c.is_alphanumeric() || c == '\'' {
                self.flush_han(&mut han);
                word.push(c);
            } else {
                self.flush_han(&mut han);
                self.flush_word(&mut word);
                self.symbol(c);
            }
        }
        self.flush_han(&mut han);
        self.flush_word(&mut word);
    }

    fn flush_han(&mut self, run: &mut String) {
        if run.is_empty() {
            return;
        }
        let chars: Vec<char> = run.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            self.items.push(format!("c:{c}"));
            if let Some(next) = chars.get(i + 1) {
                self.items.push(format!("b:{c}{next}"));
            }
        }
        self.prev_word = None;
        run.clear();
    }

    fn flush_word(&mut self, run: &mut String) {
        if run.is_empty() {
            return;
        }
        let letters = run.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 3 && run.chars().all(|c| !c.is_lowercase()) {
            self.shouted = true;
        }
        let word = run.to_lowercase();
        let word = word.trim_matches('\'');
        if !word.is_empty() {
            self.items.push(format!("w:{word}"));
            let padded: Vec<char> = format!("<{word}>").chars().collect();
            if padded.len() > 4 {
                for tri in padded.windows(3) {
                    self.items
                        .push(format!("g:{}", tri.iter().collect::<String>()));
                }
            }
            if let Some(prev) = &self.prev_word {
                self.items.push(format!("p:{prev}_{word}"));
            }
            self.prev_word = Some(word.to_owned());
        }
        run.clear();
    }

    fn symbol(&mut self, c: char) {
        if c.is_whitespace() {
            return;
        }
        self.prev_word = None;
        let meaningful =
            matches!(c, '?' | '!') || !(c.is_ascii_punctuation() || is_cjk_punctuation(c));
        if meaningful {
            self.items.push(format!("s:{c}"));
        }
    }
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0x2018..=0x201F | 0x2026)
}

/// FNV-1a, 32 bits: tiny, fast, identical on every platform and in the trainer.
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in bytes {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}
