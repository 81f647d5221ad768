//! FAQ lookup latency, natively: the demo shop's file and a generated 1,000-entry one.
//!
//! `cargo bench -p kefu-faq --bench lookup` (or `cargo xtask bench`). A lookup
//! includes reading the question with the model, as in the widget.

use criterion::Criterion;
use kefu_faq::{Faq, build_index, parse_yaml, synthetic_knowledge};
use kefu_model::Nlu;

const QUESTIONS: [&str; 8] = [
    "几天能到",
    "How long does delivery take?",
    "多久發貨",
    "可以用花呗分期吗",
    "do you ship to canada",
    "退货运费谁出",
    "积分怎么用",
    "what's the weather like",
];

fn main() {
    let mut c = Criterion::default().configure_from_args();
    lookup(&mut c);
    c.final_summary();
}

fn lookup(c: &mut Criterion) {
    let nlu = Nlu::from_onnx_bytes(include_bytes!("../../model/kefu-nlu.onnx")).expect("model");
    let demo = parse_yaml(include_str!("../../www/demo/faq.yaml")).expect("demo file");
    for (name, kb) in [
        ("demo", demo),
        ("synthetic-1000", synthetic_knowledge(1000)),
    ] {
        let entries = kb.entries.len();
        let (index, _) = build_index(kb, &nlu).expect("index");
        let bytes = index.to_bytes();
        println!("{name}: {entries} entries, index {} bytes", bytes.len());
        let faq = Faq::new(index, &nlu).expect("faq");
        let mut i = 0;
        c.bench_function(&format!("faq lookup ({name})"), |b| {
            b.iter(|| {
                i = (i + 1) % QUESTIONS.len();
                faq.search(&nlu, QUESTIONS[i], 3).expect("search")
            })
        });
        c.bench_function(&format!("faq index load ({name})"), |b| {
            b.iter(|| {
                let index = kefu_faq::FaqIndex::from_bytes(&bytes).expect("decode");
                Faq::new(index, &nlu).expect("faq")
            })
        });
    }
}
