//! The shopper's language: the three the widget speaks, negotiated from `Accept-Language`.

use serde::{Deserialize, Serialize};

/// A locale the API answers in; human messages in responses are in this language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English, also the fallback for any other language.
    #[default]
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// The BCP 47 tag, as sent in `Content-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }

    /// Understands one language tag: `zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO` are traditional,
    /// any other `zh` is simplified, `en*` is English; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        match parts.next()? {
            "zh" => {
                let traditional = parts.any(|p| matches!(p, "hant" | "tw" | "hk" | "mo"));
                Some(if traditional {
                    Locale::ZhHant
                } else {
                    Locale::ZhHans
                })
            }
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the best of the three from an `Accept-Language` value (by `q`, then order),
    /// English when none matches or the header is malformed.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(u32, Locale)> = None;
        for range in accept_language.split(',') {
            let mut fields = range.split(';');
            let tag = fields.next().unwrap_or_default();
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            // Whole thousandths keep the comparison exact; earlier ranges win ties.
            let q = (q.clamp(0.0, 1.0) * 1000.0) as u32;
            if let Some(locale) = Locale::from_tag(tag)
                && q > 0
                && best.is_none_or(|(b, _)| q > b)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(header: &str, expected: Locale) {
        assert_eq!(Locale::negotiate(header), expected, "{header:?}");
    }

    #[test]
    fn negotiates() {
        check("zh-CN,zh;q=0.9,en;q=0.8", Locale::ZhHans);
        check("zh-TW", Locale::ZhHant);
        check("zh-Hant-HK;q=0.9, en;q=0.5", Locale::ZhHant);
        check("en-GB,en;q=0.9", Locale::En);
        check("fr-FR, zh-HK;q=0.3", Locale::ZhHant);
        check("fr", Locale::En);
        check("", Locale::En);
        check("de;q=1, en;q=0.2, zh;q=0.7", Locale::ZhHans);
        check("zh;q=0, en;q=0.1", Locale::En);
        check(";;;q=abc,,", Locale::En);
    }
}
