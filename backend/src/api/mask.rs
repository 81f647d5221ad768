//! Masks personal data before it leaves the server, in responses and in logs.

/// `13812345678` → `138****5678`; short numbers keep only their last two digits.
pub(crate) fn phone(p: &str) -> String {
    let digits: Vec<char> = p.chars().collect();
    let n = digits.len();
    if n >= 7 {
        let head: String = digits[..3].iter().collect();
        let tail: String = digits[n - 4..].iter().collect();
        format!("{head}****{tail}")
    } else {
        let tail: String = digits[n.saturating_sub(2)..].iter().collect();
        format!("****{tail}")
    }
}

/// `jamie@example.com` → `j***@example.com`.
pub(crate) fn email(e: &str) -> String {
    match e.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

/// `王小明` → `王*明`, `Jamie Doe` → `J**** D**`: the first letter of each word (and the last
/// letter of a one-word Chinese name) stay, so the shopper recognises it.
pub(crate) fn name(n: &str) -> String {
    let chars: Vec<char> = n.chars().collect();
    if chars.iter().all(|c| !c.is_whitespace()) && chars.iter().any(|c| !c.is_ascii()) {
        return match chars.len() {
            0 => String::new(),
            1 => "*".to_owned(),
            2 => format!("{}*", chars[0]),
            k => format!("{}{}{}", chars[0], "*".repeat(k - 2), chars[k - 1]),
        };
    }
    n.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().map(String::from).unwrap_or_default();
            format!("{first}{}", "*".repeat(cs.count()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A street line: its first quarter (at most 6 characters) then `***`.
pub(crate) fn street(line: &str) -> String {
    let n = line.chars().count();
    let keep = (n / 4).clamp(1, 6);
    format!("{}***", line.chars().take(keep).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expected: &str) {
        assert_eq!(f(input), expected, "{input}");
    }

    #[test]
    fn masks() {
        check(phone, "13812345678", "138****5678");
        check(phone, "+14155550132", "+14****0132");
        check(phone, "12345", "****45");
        check(email, "jamie@example.com", "j***@example.com");
        check(email, "xiaoming.wang@example.com", "x***@example.com");
        check(name, "王小明", "王*明");
        check(name, "陳美", "陳*");
        check(name, "Jamie Doe", "J**** D**");
        check(street, "浦东新区世纪大道100号", "浦东新***");
        check(street, "500 Howard St", "500***");
    }
}
