//! Bilingual shop-domain concepts: "运费" and "shipping fee" both become the token `c:shipping-fee`.
//!
//! Character n-grams cannot match an English question to a Chinese-only
//! entry; this small hand-written lexicon (`concepts.txt`) bridges the two
//! for the vocabulary every shop FAQ shares. It adds tokens, never removes
//! any, so an unknown word costs nothing.

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

fn lexicon() -> &'static [Concept] {
    static LEXICON: OnceLock<Vec<Concept>> = OnceLock::new();
    LEXICON.get_or_init(|| parse(include_str!("concepts.txt")))
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
    let words: Vec<&str> = norm
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '.' || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    // A term can only occur if its first character does: one pass over the
    // text spares a substring search per term (the lexicon has hundreds).
    let present: std::collections::HashSet<char> = norm.chars().collect();
    let may_occur = |h: &String| h.chars().next().is_some_and(|f| present.contains(&f));
    lexicon()
        .iter()
        .filter(|c| {
            c.han
                .iter()
                .any(|h| may_occur(h) && norm.contains(h.as_str()))
                || c.latin.iter().any(|phrase| matches_phrase(&words, phrase))
        })
        .map(|c| c.token.clone())
        .collect()
}

fn matches_phrase(words: &[&str], phrase: &[Word]) -> bool {
    if phrase.is_empty() || words.len() < phrase.len() {
        return false;
    }
    words.windows(phrase.len()).any(|window| {
        window.iter().zip(phrase).all(|(w, p)| match p {
            Word::Exact(e) => w == e,
            Word::Prefix(p) => w.starts_with(p.as_str()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::concepts;

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
