//! On-device natural-language understanding: text in, intent + sentiment + slots out.
//!
//! Everything here is pure computation over bytes and strings, so the very same
//! code runs in the `kefu` command line and inside the widget's WebAssembly
//! worker. Model bytes come from the caller (a file natively, `fetch` in the
//! browser); this crate never does IO.

mod featurize;
mod labels;
mod locale;
mod nlu;
mod script;
mod slots;
mod t2s_table;
#[cfg(test)]
mod tests;

pub use featurize::{Featurizer, FeaturizerConfig, MAX_CHARS, normalize};
pub use labels::{Intent, Sentiment, UnknownLabel};
pub use locale::{Locale, UnknownLocale};
pub use nlu::{FEATURIZER_SCHEME, ModelError, Nlu, Prediction, Reading};
pub use script::{fold_to_simplified, is_traditional, to_simplified};
pub use slots::{Slot, SlotKind, extract_slots};
