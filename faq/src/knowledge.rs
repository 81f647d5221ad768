//! The merchant's knowledge base as checked, typed values (what `faq-format.md` describes).
//!
//! Everything here has already passed the file's rules: ids are unique and
//! well-formed, every entry has questions and at least one answer, links are
//! https. Parsers (`yaml.rs`, `csv.rs`) are the only way in from text, and
//! the index decoder re-checks the same rules, so a `KnowledgeBase` is valid
//! wherever it came from.

use std::fmt;

use kefu_model::{Intent, Locale};

/// Longest accepted entry id, question, answer and link, in characters:
/// enough for any real FAQ, small enough that a hostile file cannot make the
/// widget's index huge.
pub const MAX_ID_CHARS: usize = 64;
/// See [`MAX_ID_CHARS`].
pub const MAX_QUESTION_CHARS: usize = 500;
/// See [`MAX_ID_CHARS`].
pub const MAX_ANSWER_CHARS: usize = 5_000;
/// See [`MAX_ID_CHARS`].
pub const MAX_LINK_CHARS: usize = 2_000;
/// Most entries one knowledge base may hold.
pub const MAX_ENTRIES: usize = 20_000;

/// A whole knowledge file.
#[derive(Clone, Debug, PartialEq)]
pub struct KnowledgeBase {
    /// The shop's display name (may be empty in CSV files).
    pub shop_name: String,
    /// Answers fall back to this locale.
    pub default_locale: Locale,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

/// One question-and-answer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Unique within the file; lowercase letters, digits and `-`.
    pub id: String,
    /// The knowledge intent the merchant assigned, if any.
    pub intent: Option<Intent>,
    /// Example phrasings, any language; never empty.
    pub questions: Vec<String>,
    /// One plain text per locale, sorted by locale; never empty.
    pub answers: Vec<(Locale, String)>,
    /// Buttons shown under the answer.
    pub links: Vec<Link>,
}

/// A button under an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The button's text.
    pub label: String,
    /// An `https://` URL.
    pub url: String,
}

impl KnowledgeBase {
    /// Bytes of text the entries carry (ids, questions, answers, links): what
    /// an index cannot be smaller than, so its overhead is measured beyond it.
    pub fn text_bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|e| {
                e.id.len()
                    + e.questions.iter().map(String::len).sum::<usize>()
                    + e.answers.iter().map(|(_, a)| a.len()).sum::<usize>()
                    + e.links
                        .iter()
                        .map(|l| l.label.len() + l.url.len())
                        .sum::<usize>()
            })
            .sum()
    }
}

impl Entry {
    /// The answer to show a shopper who speaks `want`: that locale, else the
    /// other Chinese script, else the shop's default, else the first there is.
    pub fn answer(&self, want: Locale, default: Locale) -> (Locale, &str) {
        let find = |l: Locale| self.answers.iter().find(|(al, _)| *al == l);
        let sibling = match want {
            Locale::ZhHans => Some(Locale::ZhHant),
            Locale::ZhHant => Some(Locale::ZhHans),
            Locale::En => None,
        };
        let chosen = find(want)
            .or_else(|| sibling.and_then(find))
            .or_else(|| find(default))
            .or_else(|| self.answers.first());
        match chosen {
            Some((l, text)) => (*l, text.as_str()),
            // Unreachable for a checked entry; an empty answer is still safe to show.
            None => (default, ""),
        }
    }
}

/// Where in the knowledge file a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

/// One problem in a knowledge file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct SourceError {
    /// Where.
    pub at: Position,
    /// The entry it is in, when known.
    pub entry: Option<String>,
    /// What is wrong, for a merchant to read.
    pub message: String,
}

impl SourceError {
    #[cfg_attr(not(feature = "source"), allow(dead_code))]
    pub(crate) fn new(at: Position, entry: Option<&str>, message: impl Into<String>) -> Self {
        SourceError {
            at,
            entry: entry.map(str::to_owned),
            message: message.into(),
        }
    }

    fn render(&self) -> String {
        let mut out = format!("line {}", self.at.line);
        if let Some(c) = self.at.column {
            out.push_str(&format!(", column {c}"));
        }
        if let Some(id) = &self.entry {
            out.push_str(&format!(", entry `{id}`"));
        }
        out.push_str(": ");
        out.push_str(&self.message);
        out
    }
}

/// All the problems of a knowledge file (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceErrors(pub Vec<SourceError>);

impl fmt::Display for SourceErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceErrors {}

/// Checks an entry id: the rule of `faq-format.md`.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("the id is longer than {MAX_ID_CHARS} characters"));
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "id `{id}` may only contain lowercase letters, digits and '-'"
        ));
    }
    Ok(())
}

/// Checks a link URL: https only, no whitespace, a host.
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(format!("link `{url}` is not an https:// URL"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("link `{url}` is not a valid URL"));
    }
    if url.chars().count() > MAX_LINK_CHARS {
        return Err(format!("link is longer than {MAX_LINK_CHARS} characters"));
    }
    Ok(())
}

/// Checks a question or answer text against emptiness and its length cap.
pub(crate) fn check_text(what: &str, text: &str, max: usize) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    if text.chars().count() > max {
        return Err(format!("{what} is longer than {max} characters"));
    }
    Ok(())
}

/// Checks an intent name: one of the knowledge intents of `intents.md`.
#[cfg(feature = "source")]
pub(crate) fn parse_intent(name: &str) -> Result<Intent, String> {
    match name.parse::<Intent>() {
        Ok(i) if i.is_knowledge() => Ok(i),
        Ok(_) => Err(format!(
            "intent `{name}` is not a knowledge intent (expected one of {})",
            knowledge_intents()
        )),
        Err(_) => Err(format!(
            "unknown intent `{name}` (expected one of {})",
            knowledge_intents()
        )),
    }
}

#[cfg(feature = "source")]
fn knowledge_intents() -> String {
    Intent::ALL
        .iter()
        .filter(|i| i.is_knowledge())
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
