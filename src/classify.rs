//! `kefu classify`: one message per stdin line in, one JSON verdict per line out.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};
use kefu_model::Nlu;
use serde_json::json;

use crate::lines::{each_line, round4};

/// Classifies every line of `input` into `output`.
pub(crate) fn run(model: &[u8], input: impl BufRead, output: impl Write) -> Result<()> {
    let nlu = Nlu::from_onnx_bytes(model).context("cannot load the model")?;
    each_line(input, output, |text| {
        let p = nlu.classify(text).map_err(|e| e.to_string())?;
        Ok(json!({
            "intent": p.intent.as_str(),
            "intent_confidence": round4(p.intent_confidence),
            "sentiment": p.sentiment.as_str(),
            "sentiment_confidence": round4(p.sentiment_confidence),
        }))
    })
}
