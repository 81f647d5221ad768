//! Bilingual shop-domain concepts: "运费" and "shipping fee" both become the token `c:shipping-fee`.
//!
//! Character n-grams cannot match an English question to a Chinese-only
//! entry; this small hand-written lexicon (`concepts.txt`) bridges the two
//! for the vocabulary every shop FAQ shares. It adds tokens, never removes
//! any, so an unknown word costs nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One concept with its Chinese substrings and English word patterns.
struct Concept {
    token: String,
    han: Vec<String>,
    latin: Vec<Vec<Word>>,
}

enum Word {
    Exact(String),
    Prefix(String),
}

/// The concepts, with their English phrases indexed by first word: a query
/// is looked up word by word instead of trying thousands of phrases on it.
struct Lexicon {
    concepts: Vec<Concept>,
    /// First word (exact) -> (concept, phrase) pairs.
    by_first_word: HashMap<String, Vec<(usize, usize)>>,
    /// Phrases whose first word is a prefix pattern (`deliver*`).
    by_first_prefix: Vec<(String, usize, usize)>,
    /// Chinese terms by their first character -> (concept, term).
    han_by_first_char: HashMap<char, Vec<(usize, usize)>>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let concepts = parse(include_str!("concepts.txt"));
        let mut by_first_word: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut by_first_prefix = Vec::new();
        let mut han_by_first_char: HashMap<char, Vec<(usize, usize)>> = HashMap::new();
        for (c, concept) in concepts.iter().enumerate() {
            for (t, term) in concept.han.iter().enumerate() {
                if let Some(first) = term.chars().next() {
                    han_by_first_char.entry(first).or_default().push((c, t));
                }
            }
            for (p, phrase) in concept.latin.iter().enumerate() {
                match phrase.first() {
                    Some(Word::Exact(w)) => {
                        by_first_word.entry(w.clone()).or_default().push((c, p))
                    }
                    Some(Word::Prefix(w)) => by_first_prefix.push((w.clone(), c, p)),
                    None => {}
                }
            }
        }
        Lexicon {
            concepts,
            by_first_word,
            by_first_prefix,
            han_by_first_char,
        }
    })
}

fn parse(text: &str) -> Vec<Concept> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, terms)) = line.split_once(':') else {
            continue;
        };
        let mut concept = Concept {
            token: format!("c:{}", name.trim()),
            han: Vec::new(),
            latin: Vec::new(),
        };
        for term in terms.split(',') {
            let term = kefu_model::normalize(term.trim());
            if term.is_empty() {
                continue;
            }
            if !term.is_ascii() {
                concept.han.push(term);
            } else {
                concept.latin.push(
                    term.split(' ')
                        .map(|w| match w.strip_suffix('*') {
                            Some(p) => Word::Prefix(p.to_owned()),
                            None => Word::Exact(w.to_owned()),
                        })
                        .collect(),
                );
            }
        }
        out.push(concept);
    }
    out
}

/// The concept tokens found in a text (each at most once, in lexicon order).
pub(crate) fn concepts(text: &str) -> Vec<String> {
    let norm = kefu_model::normalize(text);
    let words = words(&norm);
    let lexicon = lexicon();
    let mut found = vec![false; lexicon.concepts.len()];
    for i in 0..words.len() {
        let rest = &words[i..];
        let exact = lexicon
            .by_first_word
            .get(rest[0])
            .into_iter()
            .flatten()
            .copied();
        let prefixed = lexicon
            .by_first_prefix
            .iter()
            .filter(|(p, _, _)| rest[0].starts_with(p.as_str()))
            .map(|&(_, c, p)| (c, p));
        for (c, p) in exact.chain(prefixed) {
            if !found[c] && starts_with_phrase(rest, &lexicon.concepts[c].latin[p]) {
                found[c] = true;
            }
        }
    }
    for (at, first) in norm.char_indices() {
        for &(c, t) in lexicon.han_by_first_char.get(&first).into_iter().flatten() {
            if !found[c] && norm[at..].starts_with(lexicon.concepts[c].han[t].as_str()) {
                found[c] = true;
            }
        }
    }
    lexicon
        .concepts
        .iter()
        .zip(found)
        .filter(|(_, found)| *found)
        .map(|(c, _)| c.token.clone())
        .collect()
}

/// The English words of a normalised text, as phrases are matched against them.
fn words(norm: &str) -> Vec<&str> {
    norm.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '.' || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `words` begins with `phrase`.
fn starts_with_phrase(words: &[&str], phrase: &[Word]) -> bool {
    words.len() >= phrase.len()
        && words.iter().zip(phrase).all(|(w, p)| match p {
            Word::Exact(e) => w == e,
            Word::Prefix(p) => w.starts_with(p.as_str()),
        })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Word, concepts, lexicon, starts_with_phrase, words};

    /// The definition the word index must agree with: try every phrase of
    /// every concept at every position.
    fn naive(text: &str) -> Vec<String> {
        let norm = kefu_model::normalize(text);
        let words = words(&norm);
        lexicon()
            .concepts
            .iter()
            .filter(|c| {
                c.han.iter().any(|h| norm.contains(h.as_str()))
                    || c.latin.iter().any(|phrase| {
                        !phrase.is_empty()
                            && words
                                .windows(phrase.len())
                                .any(|window| starts_with_phrase(window, phrase))
                    })
            })
            .map(|c| c.token.clone())
            .collect()
    }

    /// Words and Chinese terms the lexicon knows, plus a few it does not, to build texts from.
    fn vocabulary() -> Vec<String> {
        let mut words: Vec<String> = lexicon()
            .concepts
            .iter()
            .flat_map(|c| c.latin.iter().flatten())
            .map(|w| match w {
                Word::Exact(e) => e.clone(),
                Word::Prefix(p) => format!("{p}ing"),
            })
            .collect();
        words.extend(
            lexicon()
                .concepts
                .iter()
                .flat_map(|c| c.han.iter().cloned()),
        );
        words.extend(["the", "my", "is", "a", "運費", "多久", "包邮", "?"].map(str::to_owned));
        words.sort();
        words.dedup();
        words
    }

    proptest! {
        #[test]
        fn the_word_index_finds_what_trying_every_phrase_finds(picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..12)) {
            let vocabulary = vocabulary();
            let text = picks.iter().map(|i| i.get(&vocabulary).as_str()).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(concepts(&text), naive(&text), "{}", text);
        }
    }

    #[test]
    fn chinese_and_english_meet_on_the_same_concepts() {
        let zh = concepts("运费多少钱");
        let en = concepts("How much is the shipping fee?");
        assert!(zh.contains(&"c:shipping-fee".to_owned()), "{zh:?}");
        assert!(en.contains(&"c:shipping-fee".to_owned()), "{en:?}");
        let hant = concepts("運費怎麼算");
        assert!(hant.contains(&"c:shipping-fee".to_owned()), "{hant:?}");
        assert!(concepts("refunded?").contains(&"c:refund".to_owned()));
        assert!(concepts("hello there").is_empty());
    }
}
