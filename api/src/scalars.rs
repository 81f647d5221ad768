//! Checked scalar values: each parses from a string once, at the boundary, and is valid after.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a value does not parse; the message names the rule that was broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub(crate) what: &'static str,
    pub(crate) rule: &'static str,
}

impl ParseError {
    fn new(what: &'static str, rule: &'static str) -> ParseError {
        ParseError { what, rule }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.what, self.rule)
    }
}

impl std::error::Error for ParseError {}

/// Declares a string newtype that deserialises through `FromStr` and serialises as itself.
macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The normalised text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(s: String) -> Result<Self, ParseError> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_newtype!(
    /// A shop's order number: 4 to 32 ASCII letters, digits or `-`, upper-cased (`A10293`).
    OrderNumber
);
string_newtype!(
    /// An e-mail address, trimmed and lower-cased; only its shape is checked.
    Email
);
string_newtype!(
    /// A phone number reduced to its digits, with a leading `+` when it had one (6 to 20 digits).
    Phone
);
string_newtype!(
    /// A client-chosen key that makes a mutating call safe to retry: 8 to 128 characters
    /// of `A-Z a-z 0-9 - _ : .` (a UUID fits).
    IdempotencyKey
);
string_newtype!(
    /// Free text from a person: trimmed, 1 to 2000 characters, no control characters but newlines.
    Text
);
string_newtype!(
    /// An ISO 4217 currency code (`CNY`, `TWD`, `USD`).
    Currency
);
string_newtype!(
    /// An ISO 3166-1 alpha-2 country code (`CN`, `TW`, `US`).
    CountryCode
);

impl FromStr for OrderNumber {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let ok = (4..=32).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return Err(ParseError::new(
                "order number",
                "4 to 32 letters, digits or '-'",
            ));
        }
        Ok(OrderNumber(s.to_ascii_uppercase()))
    }
}

impl FromStr for Email {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim().to_lowercase();
        let shape = s.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
        if !shape || s.len() > 254 || s.chars().any(char::is_whitespace) {
            return Err(ParseError::new("e-mail", "expected name@domain.tld"));
        }
        Ok(Email(s))
    }
}

impl FromStr for Phone {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let plus = s.starts_with('+');
        let body = if plus { &s[1..] } else { s };
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
        {
            return Err(ParseError::new("phone", "digits, spaces, - ( ) . only"));
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        if !(6..=20).contains(&digits.len()) {
            return Err(ParseError::new("phone", "6 to 20 digits"));
        }
        Ok(Phone(if plus { format!("+{digits}") } else { digits }))
    }
}

impl FromStr for IdempotencyKey {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let ok = (8..=128).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'));
        if !ok {
            return Err(ParseError::new(
                "idempotency key",
                "8 to 128 of A-Z a-z 0-9 - _ : .",
            ));
        }
        Ok(IdempotencyKey(s.to_owned()))
    }
}

impl FromStr for Text {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let count = s.chars().count();
        if count == 0 || count > 2000 {
            return Err(ParseError::new("text", "1 to 2000 characters"));
        }
        if s.chars().any(|c| c.is_control() && c != '\n') {
            return Err(ParseError::new("text", "no control characters"));
        }
        Ok(Text(s.to_owned()))
    }
}

/// `N` ASCII upper-case letters, upper-casing lower-case input.
fn upper_code(s: &str, n: usize, what: &'static str) -> Result<String, ParseError> {
    let s = s.trim();
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(ParseError::new(
            what,
            if n == 3 {
                "three letters"
            } else {
                "two letters"
            },
        ));
    }
    Ok(s.to_ascii_uppercase())
}

impl FromStr for Currency {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        upper_code(s, 3, "currency").map(Currency)
    }
}

impl FromStr for CountryCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        upper_code(s, 2, "country").map(CountryCode)
    }
}

/// An amount of money in the currency's minor unit (fen, cents): `39800` CNY is ¥398.00.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Minor units; never negative in this API.
    pub amount: i64,
    /// The currency.
    pub currency: Currency,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: FromStr + fmt::Display>(input: &str, expected: Option<&str>) {
        let got = input.parse::<T>().ok().map(|v| v.to_string());
        assert_eq!(got.as_deref(), expected, "{input:?}");
    }

    #[test]
    fn order_numbers() {
        check::<OrderNumber>("A10293", Some("A10293"));
        check::<OrderNumber>(" a10293 ", Some("A10293"));
        check::<OrderNumber>("SO-2026-0001", Some("SO-2026-0001"));
        check::<OrderNumber>("A1", None);
        check::<OrderNumber>("A10293; DROP TABLE", None);
        check::<OrderNumber>("../etc", None);
        check::<OrderNumber>("订单10293", None);
    }

    #[test]
    fn contacts() {
        check::<Email>(" Jamie@Example.COM ", Some("jamie@example.com"));
        check::<Email>("jamie@localhost", None);
        check::<Email>("@example.com", None);
        check::<Email>("a@b@example.com", None);
        check::<Phone>("138 1234 5678", Some("13812345678"));
        check::<Phone>("+1 (415) 555-0132", Some("+14155550132"));
        check::<Phone>("12345", None);
        check::<Phone>("138abc45678", None);
    }

    #[test]
    fn keys_texts_codes() {
        check::<IdempotencyKey>(
            "0b6f2c1e-8c1d-4f7a-9a57-1d1f2e3c4b5a",
            Some("0b6f2c1e-8c1d-4f7a-9a57-1d1f2e3c4b5a"),
        );
        check::<IdempotencyKey>("short", None);
        check::<IdempotencyKey>("has space in it", None);
        check::<Text>("  请尽快  ", Some("请尽快"));
        check::<Text>("   ", None);
        check::<Text>("bell\u{7}", None);
        check::<Currency>("cny", Some("CNY"));
        check::<Currency>("CN", None);
        check::<CountryCode>("tw", Some("TW"));
    }

    #[test]
    fn serde_goes_through_parsing() {
        let n: OrderNumber = serde_json::from_str("\"a10293\"").expect("parses");
        assert_eq!(n.as_str(), "A10293");
        assert!(serde_json::from_str::<OrderNumber>("\"x\"").is_err());
    }
}
