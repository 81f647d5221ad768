//! Which language a message is written in, to answer in kind.

pub use kefu_model::Locale;

/// The message's language, or `None` when it has no letters to tell by.
pub fn detect_locale(text: &str) -> Option<Locale> {
    let mut han = 0usize;
    let mut latin = 0usize;
    let mut traditional = 0usize;
    for c in text.chars().take(kefu_model::MAX_CHARS) {
        if is_han(c) {
            han += 1;
            if kefu_model::is_traditional(c) {
                traditional += 1;
            }
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if han > 0 {
        Some(if traditional > 0 {
            Locale::ZhHant
        } else {
            Locale::ZhHans
        })
    } else if latin >= 2 {
        Some(Locale::En)
    } else {
        None
    }
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_script_and_defers_when_unclear() {
        assert_eq!(detect_locale("我的订单到哪了"), Some(Locale::ZhHans));
        assert_eq!(detect_locale("我的訂單到哪了"), Some(Locale::ZhHant));
        assert_eq!(detect_locale("我的order还没到"), Some(Locale::ZhHans));
        assert_eq!(detect_locale("where is my order"), Some(Locale::En));
        assert_eq!(detect_locale("👍"), None);
        assert_eq!(detect_locale("A10293"), None);
        assert_eq!(detect_locale("10293"), None);
    }
}
