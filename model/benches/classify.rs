//! Native inference benchmark: model load time, and per-message latency over
//! the project's dev messages (p50 / p99 printed first, then criterion's estimate).
//! Run with `cargo bench -p kefu-model` (or `cargo xtask bench`).

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use kefu_model::Nlu;

const MODEL: &[u8] = include_bytes!("../kefu-nlu.onnx");

fn dev_messages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/dev");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter_map(|l| {
            let start = l.find("\"text\": \"")? + 9;
            let end = start + l[start..].find("\", \"lang\"")?;
            Some(l[start..end].to_owned())
        })
        .collect()
}

fn percentiles(nlu: &Nlu, texts: &[String]) {
    let loads: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            black_box(Nlu::from_onnx_bytes(MODEL).ok());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let mut us: Vec<f64> = Vec::new();
    for _ in 0..20 {
        for t in texts {
            let started = Instant::now();
            black_box(nlu.classify(black_box(t)).ok());
            us.push(started.elapsed().as_secs_f64() * 1e6);
        }
    }
    us.sort_by(f64::total_cmp);
    let pick = |q: f64| us[((q * us.len() as f64) as usize).min(us.len() - 1)];
    println!(
        "native: model {} bytes, load {:.1} ms (best of 5), classify p50 {:.1} µs, p99 {:.1} µs over {} runs of {} dev messages",
        MODEL.len(),
        loads.iter().copied().fold(f64::MAX, f64::min),
        pick(0.5),
        pick(0.99),
        20,
        texts.len()
    );
}

fn main() {
    let Ok(nlu) = Nlu::from_onnx_bytes(MODEL) else {
        eprintln!("the bundled model does not load");
        std::process::exit(1);
    };
    let texts = dev_messages();
    if texts.is_empty() {
        eprintln!("no dev messages under model/data/dev");
        std::process::exit(1);
    }
    percentiles(&nlu, &texts);
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("classify one dev message (cycling)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % texts.len();
            black_box(nlu.classify(&texts[i]).ok())
        })
    });
    c.bench_function("load and optimise the model", |b| {
        b.iter(|| black_box(Nlu::from_onnx_bytes(MODEL).ok()))
    });
    c.final_summary();
}
