//! Reads a YAML knowledge file into a checked [`KnowledgeBase`], reporting every problem with its line.
//!
//! The YAML is loaded as a tree of positioned nodes (all scalars stay
//! strings, so `id: 404` or `url: yes` are never coerced) and then walked by
//! hand: that is what lets every error name its line, column and entry, and
//! reject unknown keys instead of ignoring them.

use std::collections::HashSet;

use kefu_model::Locale;
use marked_yaml::{LoaderOptions, Node, Span, parse_yaml_with_options};

use crate::knowledge::{
    Entry, KnowledgeBase, Link, MAX_ANSWER_CHARS, MAX_ENTRIES, MAX_QUESTION_CHARS, Position,
    SourceError, SourceErrors, check_id, check_text, check_url, parse_intent,
};

/// Parses and checks a YAML knowledge file.
pub fn parse_yaml(text: &str) -> Result<KnowledgeBase, SourceErrors> {
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let root = parse_yaml_with_options(0, text, options).map_err(|e| {
        let at = match &e {
            marked_yaml::LoadError::TopLevelMustBeMapping(m)
            | marked_yaml::LoadError::TopLevelMustBeSequence(m)
            | marked_yaml::LoadError::UnexpectedAnchor(m)
            | marked_yaml::LoadError::MappingKeyMustBeScalar(m)
            | marked_yaml::LoadError::UnexpectedTag(m)
            | marked_yaml::LoadError::ScanError(m, _) => Position {
                line: m.line(),
                column: Some(m.column()),
            },
            marked_yaml::LoadError::DuplicateKey(inner) => pos(inner.key.span()),
        };
        let message = match &e {
            marked_yaml::LoadError::DuplicateKey(inner) => {
                format!("key `{}` appears twice", inner.key.as_str())
            }
            marked_yaml::LoadError::TopLevelMustBeMapping(_) => {
                "the file must be a mapping with `shop` and `faqs`".to_owned()
            }
            other => format!("not valid YAML: {}", strip_marker(&other.to_string())),
        };
        SourceErrors(vec![SourceError::new(at, None, message)])
    })?;
    let mut walk = Walk::default();
    let kb = walk.root(&root);
    match kb {
        Some(kb) if walk.errors.is_empty() => Ok(kb),
        _ => {
            if walk.errors.is_empty() {
                walk.error(pos(root.span()), None, "the file has no entries");
            }
            Err(SourceErrors(walk.errors))
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let old = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(old + 1);
            prev = old;
        }
    }
    row[b.len()]
}

/// marked-yaml prefixes its messages with a position we already report.
fn strip_marker(message: &str) -> &str {
    message.split_once(": ").map_or(message, |(_, m)| m)
}

fn pos(span: &Span) -> Position {
    span.start().map_or(
        Position {
            line: 1,
            column: None,
        },
        |m| Position {
            line: m.line(),
            column: Some(m.column()),
        },
    )
}

#[derive(Default)]
struct Walk {
    errors: Vec<SourceError>,
}

impl Walk {
    fn error(&mut self, at: Position, entry: Option<&str>, message: impl Into<String>) {
        self.errors.push(SourceError::new(at, entry, message));
    }

    /// The mapping's entries after rejecting keys not in `allowed`.
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
        entry: Option<&str>,
    ) -> Option<Vec<(&'n str, Position, &'n Node)>> {
        let Some(map) = node.as_mapping() else {
            self.error(pos(node.span()), entry, format!("{what} must be a mapping"));
            return None;
        };
        let mut out = Vec::new();
        for (key, value) in map.iter() {
            let at = pos(key.span());
            if allowed.contains(&key.as_str()) {
                out.push((key.as_str(), at, value));
            } else {
                let hint = allowed
                    .iter()
                    .find(|a| edit_distance(a, key.as_str()) <= 2)
                    .map(|a| format!("did you mean `{a}`? "))
                    .unwrap_or_default();
                self.error(
                    at,
                    entry,
                    format!(
                        "unknown key `{}` in {what} ({hint}expected {})",
                        key.as_str(),
                        allowed.join(", ")
                    ),
                );
            }
        }
        Some(out)
    }

    fn scalar<'n>(&mut self, node: &'n Node, what: &str, entry: Option<&str>) -> Option<&'n str> {
        match node.as_scalar() {
            Some(s) => Some(s.as_str()),
            None => {
                self.error(pos(node.span()), entry, format!("{what} must be a text"));
                None
            }
        }
    }

    fn root(&mut self, root: &Node) -> Option<KnowledgeBase> {
        let fields = self.mapping(root, "the file", &["shop", "faqs"], None)?;
        let mut shop = None;
        let mut shop_seen = false;
        let mut faqs = None;
        for (key, _, value) in fields {
            match key {
                "shop" => {
                    shop_seen = true;
                    shop = self.shop(value);
                }
                _ => faqs = Some(value),
            }
        }
        if !shop_seen {
            self.error(
                pos(root.span()),
                None,
                "missing `shop` (name and default_locale)",
            );
        }
        // The entries are checked even when `shop` is wrong: a merchant fixes every mistake in one go.
        let entries = match faqs {
            Some(faqs) => self.entries(faqs),
            None => {
                self.error(pos(root.span()), None, "missing `faqs`");
                None
            }
        };
        let (shop_name, default_locale) = shop?;
        Some(KnowledgeBase {
            shop_name,
            default_locale,
            entries: entries?,
        })
    }

    fn shop(&mut self, node: &Node) -> Option<(String, Locale)> {
        let fields = self.mapping(node, "`shop`", &["name", "default_locale"], None)?;
        let mut name = None;
        let mut locale = None;
        for (key, at, value) in fields {
            let text = self.scalar(value, &format!("`shop.{key}`"), None)?;
            match key {
                "name" => name = Some(text.trim().to_owned()),
                _ => match text.parse::<Locale>() {
                    Ok(l) => locale = Some(l),
                    Err(e) => self.error(pos(value.span()), None, e.to_string()),
                },
            }
            let _ = at;
        }
        match (name, locale) {
            (Some(n), Some(l)) => Some((n, l)),
            (None, _) => {
                self.error(pos(node.span()), None, "`shop` has no `name`");
                None
            }
            (_, None) => {
                if !self.errors.iter().any(|e| e.message.contains("locale")) {
                    self.error(pos(node.span()), None, "`shop` has no `default_locale`");
                }
                None
            }
        }
    }

    fn entries(&mut self, node: &Node) -> Option<Vec<Entry>> {
        let Some(seq) = node.as_sequence() else {
            self.error(pos(node.span()), None, "`faqs` must be a list of entries");
            return None;
        };
        if seq.len() > MAX_ENTRIES {
            self.error(
                pos(node.span()),
                None,
                format!("more than {MAX_ENTRIES} entries"),
            );
            return None;
        }
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for item in seq.iter() {
            if let Some(entry) = self.entry(item) {
                if seen.insert(entry.id.clone()) {
                    out.push(entry);
                } else {
                    self.error(
                        pos(item.span()),
                        Some(&entry.id),
                        format!("duplicate id `{}`", entry.id),
                    );
                }
            }
        }
        Some(out)
    }

    fn entry(&mut self, node: &Node) -> Option<Entry> {
        const KEYS: [&str; 5] = ["id", "intent", "questions", "answer", "links"];
        // The id is read first so that every other error can name the entry.
        let id = node
            .as_mapping()
            .and_then(|m| m.get_node("id"))
            .and_then(Node::as_scalar)
            .map(|s| s.as_str().to_owned());
        let id_ref = id.as_deref();
        let fields = self.mapping(node, "an entry", &KEYS, id_ref)?;
        let before = self.errors.len();
        let (mut intent, mut questions, mut answers, mut links) = (None, None, None, Vec::new());
        let mut id_checked = None;
        for (key, _, value) in fields {
            match key {
                "id" => {
                    let text = self.scalar(value, "`id`", id_ref)?;
                    match check_id(text) {
                        Ok(()) => id_checked = Some(text.to_owned()),
                        Err(m) => self.error(pos(value.span()), id_ref, m),
                    }
                }
                "intent" => {
                    let text = self.scalar(value, "`intent`", id_ref)?;
                    match parse_intent(text) {
                        Ok(i) => intent = Some(i),
                        Err(m) => self.error(pos(value.span()), id_ref, m),
                    }
                }
                "questions" => questions = self.questions(value, id_ref),
                "answer" => answers = self.answers(value, id_ref),
                _ => links = self.links(value, id_ref).unwrap_or_default(),
            }
        }
        let at = pos(node.span());
        if id.is_none() {
            self.error(at, None, "entry has no `id`");
        }
        if questions.is_none() && !self.has_error_about(before, "question") {
            self.error(at, id_ref, "entry has no `questions`");
        }
        if answers.is_none() && !self.has_error_about(before, "answer") {
            self.error(at, id_ref, "entry has no `answer`");
        }
        if self.errors.len() > before {
            return None;
        }
        Some(Entry {
            id: id_checked?,
            intent,
            questions: questions?,
            answers: answers?,
            links,
        })
    }

    fn has_error_about(&self, since: usize, word: &str) -> bool {
        self.errors[since..]
            .iter()
            .any(|e| e.message.contains(word))
    }

    fn questions(&mut self, node: &Node, id: Option<&str>) -> Option<Vec<String>> {
        let Some(seq) = node.as_sequence() else {
            self.error(
                pos(node.span()),
                id,
                "`questions` must be a list of questions",
            );
            return None;
        };
        if seq.is_empty() {
            self.error(pos(node.span()), id, "`questions` is empty");
            return None;
        }
        let mut out = Vec::new();
        for q in seq.iter() {
            let text = self.scalar(q, "a question", id)?;
            match check_text("a question", text, MAX_QUESTION_CHARS) {
                Ok(()) => out.push(text.trim().to_owned()),
                Err(m) => self.error(pos(q.span()), id, m),
            }
        }
        Some(out)
    }

    fn answers(&mut self, node: &Node, id: Option<&str>) -> Option<Vec<(Locale, String)>> {
        let Some(map) = node.as_mapping() else {
            self.error(
                pos(node.span()),
                id,
                "`answer` must map locales (zh-Hans, zh-Hant, en) to texts",
            );
            return None;
        };
        let mut out = Vec::new();
        for (key, value) in map.iter() {
            let locale = match key.as_str().parse::<Locale>() {
                Ok(l) => l,
                Err(e) => {
                    self.error(pos(key.span()), id, format!("in `answer`: {e}"));
                    continue;
                }
            };
            let text = self.scalar(value, "an answer", id)?;
            match check_text(&format!("the {locale} answer"), text, MAX_ANSWER_CHARS) {
                Ok(()) => out.push((locale, text.trim().to_owned())),
                Err(m) => self.error(pos(value.span()), id, m),
            }
        }
        if out.is_empty() && map.is_empty() {
            self.error(pos(node.span()), id, "`answer` is empty");
            return None;
        }
        out.sort_by_key(|(l, _)| *l);
        Some(out)
    }

    fn links(&mut self, node: &Node, id: Option<&str>) -> Option<Vec<Link>> {
        let Some(seq) = node.as_sequence() else {
            self.error(pos(node.span()), id, "`links` must be a list");
            return None;
        };
        let mut out = Vec::new();
        for item in seq.iter() {
            let fields = self.mapping(item, "a link", &["label", "url"], id)?;
            let (mut label, mut url) = (None, None);
            for (key, _, value) in fields {
                let text = self.scalar(value, &format!("a link's `{key}`"), id)?;
                if key == "label" {
                    match check_text("a link's label", text, MAX_QUESTION_CHARS) {
                        Ok(()) => label = Some(text.trim().to_owned()),
                        Err(m) => self.error(pos(value.span()), id, m),
                    }
                } else {
                    match check_url(text.trim()) {
                        Ok(()) => url = Some(text.trim().to_owned()),
                        Err(m) => self.error(pos(value.span()), id, m),
                    }
                }
            }
            match (label, url) {
                (Some(label), Some(url)) => out.push(Link { label, url }),
                (None, _) if !self.has_error_about(0, "label") => {
                    self.error(pos(item.span()), id, "a link has no `label`")
                }
                (_, None) if !self.has_error_about(0, "link") => {
                    self.error(pos(item.span()), id, "a link has no `url`")
                }
                _ => {}
            }
        }
        Some(out)
    }
}
