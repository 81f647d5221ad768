//! `kefu classify`: one message per stdin line in, one JSON verdict per line out.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};
use kefu_model::Nlu;
use serde::Serialize;

#[derive(Serialize)]
struct Verdict {
    intent: &'static str,
    intent_confidence: f64,
    sentiment: &'static str,
    sentiment_confidence: f64,
}

#[derive(Serialize)]
struct LineError {
    error: String,
}

/// Classifies every line of `input` into `output`; a bad line yields an
/// `{"error": ...}` object and the run goes on.
pub(crate) fn run(model: &[u8], input: impl BufRead, mut output: impl Write) -> Result<()> {
    let nlu = Nlu::from_onnx_bytes(model).context("cannot load the model")?;
    for line in input.split(b'\n') {
        let line = line.context("cannot read standard input")?;
        let json = match message_text(&line) {
            Ok(text) => match nlu.classify(&text) {
                Ok(p) => serde_json::to_string(&Verdict {
                    intent: p.intent.as_str(),
                    intent_confidence: round4(p.intent_confidence),
                    sentiment: p.sentiment.as_str(),
                    sentiment_confidence: round4(p.sentiment_confidence),
                }),
                Err(e) => serde_json::to_string(&LineError {
                    error: e.to_string(),
                }),
            },
            Err(error) => serde_json::to_string(&LineError { error }),
        }?;
        if let Err(e) = writeln!(output, "{json}") {
            // A closed pipe (`kefu classify | head`) is a normal way to stop.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e.into());
        }
    }
    output.flush().or_else(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    Ok(())
}

/// The message of one input line: the `text` of a JSON object, or the line itself.
fn message_text(line: &[u8]) -> Result<String, String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let line = std::str::from_utf8(line).map_err(|e| format!("line is not UTF-8: {e}"))?;
    if !line.trim_start().starts_with('{') {
        return Ok(line.to_owned());
    }
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    match value.get("text") {
        Some(serde_json::Value::String(text)) => Ok(text.clone()),
        Some(_) => Err("`text` is not a string".to_owned()),
        None => Err("JSON object has no `text` field".to_owned()),
    }
}

fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::message_text;

    #[test]
    fn reads_json_or_plain_lines_and_rejects_garbage() {
        assert_eq!(
            message_text(br#"{"text": "where is my order", "id": 3}"#),
            Ok("where is my order".to_owned())
        );
        assert_eq!(
            message_text("快递到哪了\r".as_bytes()),
            Ok("快递到哪了".to_owned())
        );
        assert!(message_text(br#"{"text": 5}"#).is_err());
        assert!(message_text(br#"{"txt": "hi"}"#).is_err());
        assert!(message_text(b"{not json").is_err());
        assert!(message_text(&[0xff, 0xfe]).is_err());
    }
}
