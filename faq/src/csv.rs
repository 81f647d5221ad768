//! Reads a spreadsheet export (`id,locale,question,answer`, one question per row) into a [`KnowledgeBase`].
//!
//! Rows with the same id form one entry, wherever they are in the file. A
//! row may carry only a question, only an answer (for its locale) or both.
//! The shop's default locale is the locale of the first row, since a CSV has
//! no place to say it.

use std::collections::HashMap;

use kefu_model::Locale;

use crate::knowledge::{
    Entry, KnowledgeBase, MAX_ANSWER_CHARS, MAX_ENTRIES, MAX_QUESTION_CHARS, Position, SourceError,
    SourceErrors, check_id, check_text,
};

const COLUMNS: [&str; 4] = ["id", "locale", "question", "answer"];

/// Parses and checks a CSV knowledge file.
pub fn parse_csv(text: &str) -> Result<KnowledgeBase, SourceErrors> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let at = |line: u64, column: Option<usize>| Position {
        line: usize::try_from(line).unwrap_or(usize::MAX),
        column,
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => return Err(one(at(1, None), format!("not valid CSV: {e}"))),
    };
    let mut index = [0usize; 4];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        match header.iter().position(|h| h == name) {
            Some(i) => *slot = i,
            None => errors.push(SourceError::new(
                at(1, None),
                None,
                format!("the header has no `{name}` column (expected id,locale,question,answer)"),
            )),
        }
    }
    for h in &header {
        if !COLUMNS.contains(&h.as_str()) {
            errors.push(SourceError::new(
                at(1, None),
                None,
                format!("unknown column `{h}` (expected id,locale,question,answer)"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(SourceErrors(errors));
    }

    let mut order: Vec<String> = Vec::new();
    let mut building: HashMap<String, Building> = HashMap::new();
    let mut default_locale = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(SourceError::new(
                    at(line, None),
                    None,
                    format!("not valid CSV: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(index[i]).unwrap_or("").trim();
        let (id, locale, question, answer) = (cell(0), cell(1), cell(2), cell(3));
        let entry = (!id.is_empty()).then_some(id);
        if let Err(m) = check_id(id) {
            errors.push(SourceError::new(at(line, Some(1 + index[0])), entry, m));
            continue;
        }
        let locale = match locale.parse::<Locale>() {
            Ok(l) => l,
            Err(e) => {
                errors.push(SourceError::new(
                    at(line, Some(1 + index[1])),
                    entry,
                    e.to_string(),
                ));
                continue;
            }
        };
        default_locale.get_or_insert(locale);
        if question.is_empty() && answer.is_empty() {
            errors.push(SourceError::new(
                at(line, None),
                entry,
                "the row has neither a question nor an answer",
            ));
            continue;
        }
        let b = building.entry(id.to_owned()).or_insert_with(|| {
            order.push(id.to_owned());
            Building {
                first_line: line,
                ..Building::default()
            }
        });
        if !question.is_empty() {
            match check_text("the question", question, MAX_QUESTION_CHARS) {
                Ok(()) => b.questions.push(question.to_owned()),
                Err(m) => errors.push(SourceError::new(at(line, Some(1 + index[2])), entry, m)),
            }
        }
        if !answer.is_empty() {
            if let Err(m) = check_text("the answer", answer, MAX_ANSWER_CHARS) {
                errors.push(SourceError::new(at(line, Some(1 + index[3])), entry, m));
            } else if let Some((_, previous)) = b.answers.iter().find(|(l, _)| *l == locale) {
                if previous != answer {
                    errors.push(SourceError::new(
                        at(line, Some(1 + index[3])),
                        entry,
                        format!("a different {locale} answer was already given for this id"),
                    ));
                }
            } else {
                b.answers.push((locale, answer.to_owned()));
            }
        }
    }
    if order.len() > MAX_ENTRIES {
        errors.push(SourceError::new(
            at(1, None),
            None,
            format!("more than {MAX_ENTRIES} entries"),
        ));
    }
    let mut entries = Vec::new();
    for id in order {
        let Some(mut b) = building.remove(&id) else {
            continue;
        };
        let first = at(b.first_line, None);
        if b.questions.is_empty() {
            errors.push(SourceError::new(
                first,
                Some(&id),
                "the entry has no question",
            ));
        }
        if b.answers.is_empty() {
            errors.push(SourceError::new(
                first,
                Some(&id),
                "the entry has no answer",
            ));
        }
        b.answers.sort_by_key(|(l, _)| *l);
        entries.push(Entry {
            id,
            intent: None,
            questions: b.questions,
            answers: b.answers,
            links: Vec::new(),
        });
    }
    match default_locale {
        _ if !errors.is_empty() => Err(SourceErrors(errors)),
        None => Err(one(at(1, None), "the file has no entries")),
        Some(default_locale) => Ok(KnowledgeBase {
            shop_name: String::new(),
            default_locale,
            entries,
        }),
    }
}

fn one(at: Position, message: impl Into<String>) -> SourceErrors {
    SourceErrors(vec![SourceError::new(at, None, message)])
}

#[derive(Default)]
struct Building {
    first_line: u64,
    questions: Vec<String>,
    answers: Vec<(Locale, String)>,
}
