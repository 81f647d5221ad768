//! The line protocol every `kefu` subcommand shares: one message per stdin line, one JSON object per stdout line.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};
use serde_json::{Value, json};

/// Calls `answer` on the message of every line of `input` and writes its
/// JSON to `output`, one line each, in order. A line that cannot be read
/// or answered yields `{"error": ...}` and the run goes on.
pub(crate) fn each_line(
    input: impl BufRead,
    mut output: impl Write,
    mut answer: impl FnMut(&str) -> Result<Value, String>,
) -> Result<()> {
    for line in input.split(b'\n') {
        let line = line.context("cannot read standard input")?;
        let value = match message_text(&line).and_then(|text| answer(&text)) {
            Ok(v) => v,
            Err(error) => json!({ "error": error }),
        };
        if let Err(e) = writeln!(output, "{value}") {
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
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    match value.get("text") {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err("`text` is not a string".to_owned()),
        None => Err("JSON object has no `text` field".to_owned()),
    }
}

/// Confidences are printed with four decimals: stable across platforms.
pub(crate) fn round4(x: f32) -> f64 {
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
