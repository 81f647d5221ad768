//! The three languages Kefu speaks, with their BCP 47 tags as used in every file format.

use std::fmt;
use std::str::FromStr;

/// The languages Kefu speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Locale {
    /// Simplified Chinese.
    ZhHans,
    /// Traditional Chinese.
    ZhHant,
    /// English.
    En,
}

/// A locale tag that is not one of `zh-Hans`, `zh-Hant`, `en`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown locale `{0}` (expected zh-Hans, zh-Hant or en)")]
pub struct UnknownLocale(pub String);

impl Locale {
    /// Every locale, in a fixed order (also their wire codes `0..3`).
    pub const ALL: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

    /// The BCP 47 tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }

    /// Whether the locale is written in Chinese characters.
    pub fn is_chinese(self) -> bool {
        matches!(self, Locale::ZhHans | Locale::ZhHant)
    }
}

impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownLocale(s.to_owned()))
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
