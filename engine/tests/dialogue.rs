//! The engine with the demo shop's FAQ: which source answers which message, in which language.

use kefu_engine::{Action, Engine, Locale, Source};

fn engine() -> Engine {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let model = std::fs::read(format!("{root}/model/kefu-nlu.onnx")).expect("model");
    let mut engine = Engine::from_model_bytes(&model).expect("model loads");
    let yaml = std::fs::read_to_string(format!("{root}/www/demo/faq.yaml")).expect("demo FAQ");
    let kb = kefu_faq::parse_yaml(&yaml).expect("valid");
    let (index, _) = kefu_faq::build_index(kb, engine.nlu()).expect("index");
    engine.load_faq(&index.to_bytes()).expect("index loads");
    engine
}

fn describe(engine: &Engine, locale: Locale, message: &str) -> String {
    let reply = engine.reply(message, locale).expect("reply");
    assert!(!reply.text.is_empty(), "{message}: empty reply");
    match reply.source {
        Source::Faq { id, .. } => format!("faq:{id}"),
        Source::NotSure => "not-sure".to_owned(),
        Source::Backend => "backend".to_owned(),
        Source::Policy => format!(
            "policy:{}",
            reply.understood.map_or("?", |u| u.intent.as_str())
        ),
    }
}

/// The one data-driven check: `tests/data/dialogue.tsv`.
#[test]
fn dialogue_fixture() {
    let engine = engine();
    let mut wrong = Vec::new();
    for line in include_str!("data/dialogue.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(locale), Some(message), Some(expected)) = (cols.next(), cols.next(), cols.next())
        else {
            panic!("bad fixture line: {line}");
        };
        let got = describe(&engine, locale.parse().expect("locale"), message);
        if got != expected {
            wrong.push(format!("{message:?}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn answers_come_in_the_shoppers_language_with_links() {
    let engine = engine();
    let reply = engine
        .reply("How long does delivery take?", Locale::ZhHans)
        .expect("reply");
    assert_eq!(
        reply.locale,
        Locale::En,
        "an English question is answered in English"
    );
    assert!(reply.text.contains("48 hours"), "{}", reply.text);
    assert!(reply.links.iter().all(|l| l.url.starts_with("https://")));
    let hant = engine.reply("運費怎麼算", Locale::En).expect("reply");
    assert_eq!(hant.locale, Locale::ZhHant, "{}", hant.text);
}

#[test]
fn unsure_replies_offer_entries_and_a_human_and_each_choice_answers() {
    let engine = engine();
    let reply = engine.reply("积分", Locale::ZhHans).expect("reply");
    if reply.source == Source::NotSure {
        assert!(reply.choices.len() >= 2, "{:?}", reply.choices);
        assert_eq!(
            reply.choices.last().map(|c| &c.action),
            Some(&Action::Human)
        );
        for choice in &reply.choices {
            let answer = engine.choose(&choice.action, Locale::ZhHans);
            assert!(!answer.text.is_empty());
        }
    } else {
        assert!(
            matches!(reply.source, Source::Faq { .. }),
            "{:?}",
            reply.source
        );
    }
    let unknown = engine.choose(&Action::Faq("no-such-entry".into()), Locale::En);
    assert_eq!(unknown.source, Source::NotSure);
}

#[test]
fn a_bad_index_is_refused_and_the_engine_keeps_working() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let model = std::fs::read(format!("{root}/model/kefu-nlu.onnx")).expect("model");
    let mut engine = Engine::from_model_bytes(&model).expect("model loads");
    assert!(engine.load_faq(b"not an index").is_err());
    let reply = engine.reply("运费多少钱", Locale::ZhHans).expect("reply");
    assert_eq!(
        reply.source,
        Source::NotSure,
        "no FAQ: says so and offers a human"
    );
    assert_eq!(
        reply.choices.last().map(|c| &c.action),
        Some(&Action::Human)
    );
}
