//! Tests of the knowledge-file parsers (fixtures with snapshots), the index codec and retrieval.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kefu_model::{Locale, Nlu};
use proptest::prelude::*;

use crate::index::crc32;
use crate::{Faq, FaqIndex, IndexError, KnowledgeBase, SourceErrors, build_index};

fn nlu() -> &'static Nlu {
    static NLU: OnceLock<Nlu> = OnceLock::new();
    NLU.get_or_init(|| {
        Nlu::from_onnx_bytes(include_bytes!("../../model/kefu-nlu.onnx")).expect("bundled model")
    })
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn demo_knowledge() -> KnowledgeBase {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/demo/faq.yaml");
    let text = std::fs::read_to_string(path).expect("demo knowledge file");
    crate::parse_yaml(&text).expect("the demo knowledge file is valid")
}

fn demo_faq() -> &'static Faq {
    static FAQ: OnceLock<Faq> = OnceLock::new();
    FAQ.get_or_init(|| {
        let (index, _) = build_index(demo_knowledge(), nlu()).expect("index builds");
        Faq::new(index, nlu()).expect("index loads")
    })
}

/// A readable rendering of what a parser made of a file, for snapshots.
fn render(result: &Result<KnowledgeBase, SourceErrors>) -> String {
    match result {
        Err(errors) => format!("error\n{errors}\n"),
        Ok(kb) => {
            let mut out = format!(
                "ok: shop `{}`, default {:?}\n",
                kb.shop_name, kb.default_locale
            );
            for e in &kb.entries {
                out.push_str(&format!(
                    "- {} intent={:?}\n",
                    e.id,
                    e.intent.map(|i| i.as_str())
                ));
                for q in &e.questions {
                    out.push_str(&format!("  q: {q}\n"));
                }
                for (l, a) in &e.answers {
                    out.push_str(&format!("  a[{l:?}]: {a}\n"));
                }
                for l in &e.links {
                    out.push_str(&format!("  link: {} -> {}\n", l.label, l.url));
                }
            }
            out
        }
    }
}

/// The one data-driven check of the parsers: every fixture file is parsed
/// and its rendering compared with `<file>.expected` (written when
/// `UPDATE_EXPECT=1`, so a changed message is reviewed as a diff).
fn check(file: &Path) {
    let text = std::fs::read_to_string(file).expect("fixture readable");
    let is_csv = file.extension().is_some_and(|e| e == "csv");
    let result = if is_csv {
        crate::parse_csv(&text)
    } else {
        crate::parse_yaml(&text)
    };
    let got = render(&result);
    let expected_path = file.with_extension(format!(
        "{}.expected",
        file.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &got).expect("snapshot written");
        return;
    }
    let want = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with UPDATE_EXPECT=1 and review it",
            expected_path.display()
        )
    });
    assert_eq!(got, want, "{} changed", file.display());
}

#[test]
fn knowledge_file_fixtures() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "fixtures missing: {files:?}");
    for f in files {
        check(&f);
    }
}

#[test]
fn every_problem_names_its_line_and_entry() {
    let text = std::fs::read_to_string(fixtures().join("duplicate-id.yaml")).expect("fixture");
    let errors = crate::parse_yaml(&text).expect_err("duplicate ids are an error");
    let e = &errors.0[0];
    assert_eq!(e.at.line, 8);
    assert_eq!(e.entry.as_deref(), Some("returns"));
}

#[test]
fn the_demo_index_round_trips_and_is_compact() {
    let (index, calibration) = build_index(demo_knowledge(), nlu()).expect("index builds");
    assert!(calibration.threshold > 0.0 && calibration.threshold < 1.0);
    let bytes = index.to_bytes();
    let back = FaqIndex::from_bytes(&bytes).expect("decodes");
    assert_eq!(back.knowledge, index.knowledge);
    assert_eq!(back.to_bytes(), bytes, "decode then encode is the identity");
    let text = index.knowledge.text_bytes();
    let per_entry = (bytes.len() - text) / index.knowledge.entries.len();
    assert!(
        per_entry < 1024,
        "{per_entry} bytes per entry beyond the texts"
    );
}

fn small_index_bytes() -> Vec<u8> {
    let text = std::fs::read_to_string(fixtures().join("ok-minimal.yaml")).expect("fixture");
    let kb = crate::parse_yaml(&text).expect("valid");
    build_index(kb, nlu()).expect("builds").0.to_bytes()
}

#[test]
fn damaged_indexes_are_refused_never_misread() {
    let bytes = small_index_bytes();
    for len in 0..bytes.len() {
        let err = FaqIndex::from_bytes(&bytes[..len]).expect_err("a truncated index is refused");
        assert!(
            matches!(err, IndexError::Truncated(_) | IndexError::NotAnIndex),
            "cut at {len}: {err}"
        );
    }
    for at in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        assert!(
            FaqIndex::from_bytes(&damaged).is_err(),
            "flipped byte {at} was accepted"
        );
    }
    let mut newer = bytes.clone();
    newer[8] = 2;
    assert_eq!(
        FaqIndex::from_bytes(&newer),
        Err(IndexError::NewerVersion {
            found: 2,
            supported: 1
        })
    );
    let mut longer = bytes;
    longer.push(0);
    assert!(FaqIndex::from_bytes(&longer).is_err());
}

/// The textbook bit-at-a-time CRC-32, the reference for the table-driven one.
fn naive_crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

proptest! {
    #[test]
    fn crc_matches_the_bitwise_definition(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(crc32(&bytes), naive_crc32(&bytes));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let mut with_magic = b"KEFUFAQ\0\x01\0\0\0".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = FaqIndex::from_bytes(&bytes);
        let _ = FaqIndex::from_bytes(&with_magic);
    }
}

#[test]
fn crc_of_a_known_string() {
    // The standard check value of CRC-32/ISO-HDLC.
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}

fn best(question: &str) -> Option<&'static str> {
    let faq = demo_faq();
    let top = faq.search(nlu(), question, 1).expect("search");
    top.first()
        .filter(|m| m.score >= faq.threshold())
        .and_then(|m| faq.entry(m.entry))
        .map(|e| e.id.as_str())
}

#[test]
fn paraphrases_in_every_script_find_the_same_entry() {
    for q in ["几天能到", "How long does delivery take?", "多久發貨"] {
        assert_eq!(best(q), Some("mainland-delivery-time"), "{q}");
    }
}

#[test]
fn traditional_and_simplified_are_the_same_language() {
    let faq = demo_faq();
    let a = faq.search(nlu(), "退货运费谁出", 3).expect("search");
    let b = faq.search(nlu(), "退貨運費誰出", 3).expect("search");
    assert_eq!(a, b);
}

#[test]
fn unrelated_questions_are_not_answered() {
    for q in [
        "what's the weather in Paris tomorrow",
        "帮我写一首诗",
        "asdfghjkl",
    ] {
        assert_eq!(best(q), None, "{q}");
    }
}

#[test]
fn an_english_question_finds_an_entry_with_only_chinese_examples() {
    let yaml = "shop: { name: 测试, default_locale: zh-Hans }\nfaqs:\n\
        - id: gift-wrap\n  questions: [可以礼品包装吗, 能包装成礼物吗]\n  answer: { zh-Hans: 可以，结算时勾选礼品包装，每单 ¥5。 }\n\
        - id: invoice\n  questions: [怎么开发票, 能开增值税专票吗]\n  answer: { zh-Hans: 在订单详情页申请电子发票。 }\n\
        - id: hours\n  questions: [客服几点上班]\n  answer: { zh-Hans: 客服每天 9:00-22:00 在线。 }\n";
    let kb = crate::parse_yaml(yaml).expect("valid");
    let (index, _) = build_index(kb, nlu()).expect("builds");
    let faq = Faq::new(index, nlu()).expect("loads");
    let top = faq
        .search(nlu(), "Can you gift wrap my order?", 1)
        .expect("search");
    let id = top
        .first()
        .and_then(|m| faq.entry(m.entry))
        .map(|e| e.id.as_str());
    assert_eq!(id, Some("gift-wrap"));
    let entry = faq.entry(0).expect("entry");
    assert_eq!(entry.answer(Locale::En, Locale::ZhHans).0, Locale::ZhHans);
}

#[test]
fn search_is_deterministic_and_ranked() {
    let faq = demo_faq();
    for q in ["运费", "return", "积分", "🙂"] {
        let a = faq.search(nlu(), q, 5).expect("search");
        let b = faq.search(nlu(), q, 5).expect("search");
        assert_eq!(a, b, "{q}");
        assert!(a.windows(2).all(|w| w[0].score >= w[1].score), "{q}: {a:?}");
    }
}

#[test]
fn hostile_questions_are_safe() {
    let faq = demo_faq();
    let huge = "退货".repeat(50_000);
    for q in [
        "",
        " ",
        "\u{0}\u{202e}",
        huge.as_str(),
        "<script>alert(1)</script>",
    ] {
        let _ = faq.search(nlu(), q, 3).expect("search never fails on text");
    }
}
