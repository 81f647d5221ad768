//! Data-driven tests of the featurizer and the slot extractor: cases are files
//! under `model/test_data/`; `UPDATE_EXPECT=1 cargo test -p kefu-model` rewrites
//! the featurizer snapshot after an intended change.

use crate::{Featurizer, FeaturizerConfig, SlotKind, extract_slots, featurize::nfkc_prefix};

fn kind_name(k: SlotKind) -> &'static str {
    match k {
        SlotKind::OrderId => "order",
        SlotKind::TrackingNumber => "tracking",
        SlotKind::Phone => "phone",
        SlotKind::Email => "email",
        SlotKind::Number => "number",
    }
}

/// One slot case: the slots of `input`, rendered as `kind:value,...`.
fn check_slots(input: &str, expected: &str) -> Option<String> {
    let got: Vec<String> = extract_slots(&nfkc_prefix(input))
        .iter()
        .map(|s| format!("{}:{}", kind_name(s.kind), s.value))
        .collect();
    let got = got.join(",");
    (got != expected).then(|| format!("{input:?}\n  expected: {expected}\n       got: {got}"))
}

#[test]
fn slots() {
    let cases = include_str!("../test_data/slots.txt");
    let failures: Vec<String> = cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (input, expected) = l.split_once('\t').unwrap_or((l, ""));
            check_slots(input, expected)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "slot extraction differs:\n{}",
        failures.join("\n")
    );
}

/// The featurizer snapshot: every input of `featurize.txt` with its tokens.
#[test]
fn featurize_snapshot() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/featurize.txt");
    let current = std::fs::read_to_string(path).expect("snapshot file");
    let f = Featurizer::new(FeaturizerConfig { buckets: 1 << 14 });
    let mut rendered = String::new();
    for block in current.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let input = block
            .lines()
            .next()
            .expect("block has an input line")
            .trim_start_matches("> ");
        rendered.push_str(&format!("> {input}\n{}\n\n", f.tokens(input).join(" ")));
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &rendered).expect("snapshot written");
        return;
    }
    assert_eq!(
        current, rendered,
        "featurizer output changed: rerun with UPDATE_EXPECT=1 if intended (and retrain)"
    );
}

#[test]
fn ids_stay_in_range_and_are_never_empty() {
    let f = Featurizer::new(FeaturizerConfig { buckets: 97 });
    for text in ["", "   ", "😡😡", "a", &"長".repeat(5000), "\u{0}\u{7}"] {
        let ids = f.ids(text);
        assert!(!ids.is_empty());
        assert!(ids.iter().all(|i| (0..97).contains(i)));
    }
}
