//! Kefu's offline FAQ: the merchant's knowledge file, its compact index, and retrieval that understands paraphrases.
//!
//! - [`knowledge`]: the checked, typed knowledge base (`faq-format.md`).
//! - `yaml` / `csv` (feature `source`): knowledge files in, every problem
//!   reported with its line, column and entry.
//! - [`FaqIndex`]: the versioned, checksummed binary file the widget loads.
//! - [`build_index`]: knowledge base + model → index, with a threshold fitted
//!   on the file itself.
//! - [`Faq`]: lexical (BM25 + bilingual concepts) and model signals combined.
//!
//! No IO: bytes and strings in, values out, so the CLI and the widget's
//! worker run the same retrieval.

mod build;
mod concepts;
#[cfg(feature = "source")]
mod csv;
mod index;
pub mod knowledge;
mod search;
mod synthetic;
#[cfg(all(test, feature = "source"))]
mod tests;
#[cfg(feature = "source")]
mod yaml;

pub use build::{Calibration, DEFAULT_THRESHOLD, build_index, calibrate};
#[cfg(feature = "source")]
pub use csv::parse_csv;
pub use index::{FORMAT_VERSION, FaqIndex, IndexError};
pub use knowledge::{Entry, KnowledgeBase, Link, SourceError, SourceErrors};
pub use search::{Faq, FaqError, Match, Query, Signals};
pub use synthetic::synthetic_knowledge;
#[cfg(feature = "source")]
pub use yaml::parse_yaml;
