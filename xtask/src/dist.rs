//! Assembles the shippable widget in `target/dist` and reports each file's size raw, gzip and brotli.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::lint::Lint;
use crate::{project_root, wasm};

/// Files copied from `www/` and `model/` next to the generated wasm and glue.
const STATIC_FILES: [&str; 4] = [
    "www/kefu.js",
    "www/kefu.css",
    "www/kefu-worker.js",
    "model/kefu-nlu.onnx",
];

/// The demo shop's knowledge file, compiled into the default `kefu-faq.idx`.
const DEMO_FAQ: &str = "www/demo/faq.yaml";

/// Compiles a knowledge file with the bundled model, as `kefu faq build` does.
fn faq_index(source: &Path, out: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(source).with_context(|| format!("reading {}", source.display()))?;
    let kb =
        kefu_faq::parse_yaml(&text).map_err(|e| anyhow::anyhow!("{}:\n{e}", source.display()))?;
    let model = std::fs::read(project_root().join("model/kefu-nlu.onnx"))?;
    let nlu = kefu_model::Nlu::from_onnx_bytes(&model)?;
    let (index, calibration) = kefu_faq::build_index(kb, &nlu)?;
    std::fs::write(out, index.to_bytes())?;
    println!(
        "FAQ index: {} entries from {}, threshold {:.2}",
        index.knowledge.entries.len(),
        source.display(),
        calibration.threshold
    );
    Ok(())
}

/// Writes `kefu-sw.js` with the list of files to precache and a build id
/// derived from their contents, so a new build replaces the old cache.
fn service_worker(template: &Path, dist: &Path) -> Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(dist)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for name in &names {
        for b in name.bytes().chain(std::fs::read(dist.join(name))?) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let list = names.join("', '");
    let text = std::fs::read_to_string(template)?
        .replace("__KEFU_BUILD__", &format!("{hash:016x}"))
        .replace("__KEFU_FILES__", &list);
    std::fs::write(dist.join("kefu-sw.js"), text)?;
    Ok(())
}

/// Where [`build`] puts everything a merchant serves.
pub(crate) fn dir() -> PathBuf {
    project_root().join("target").join("dist")
}

/// Builds everything a merchant serves into [`dir`] and returns that folder.
pub(crate) fn build(lint: Lint) -> Result<PathBuf> {
    let root = project_root();
    let out = dir();
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("clearing {}", out.display()))?;
    }
    std::fs::create_dir_all(&out)?;
    wasm::build(&out, lint)?;
    for file in STATIC_FILES {
        let from = root.join(file);
        let name = from.file_name().context("static file has a name")?;
        std::fs::copy(&from, out.join(name))
            .with_context(|| format!("copying {}", from.display()))?;
    }
    faq_index(&root.join(DEMO_FAQ), &out.join("kefu-faq.idx"))?;
    service_worker(&root.join("www/kefu-sw.js"), &out)?;
    let rows = compress_all(&out)?;
    print_sizes(&rows);
    Ok(out)
}

struct Row {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

/// Writes `.gz` and `.br` next to every file (the backend serves them
/// pre-compressed) and measures all three sizes.
fn compress_all(dir: &Path) -> Result<Vec<Row>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut rows = Vec::new();
    for name in names {
        let bytes = std::fs::read(dir.join(&name))?;
        let gz = gzip(&bytes)?;
        let br = brotli(&bytes)?;
        std::fs::write(dir.join(format!("{name}.gz")), &gz)?;
        std::fs::write(dir.join(format!("{name}.br")), &br)?;
        rows.push(Row {
            name,
            raw: bytes.len(),
            gzip: gz.len(),
            brotli: br.len(),
        });
    }
    Ok(rows)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &*bytes, &mut out, &params)?;
    Ok(out)
}

fn print_sizes(rows: &[Row]) {
    println!(
        "\n{:<26} {:>10} {:>10} {:>10}",
        "target/dist", "raw", "gzip", "brotli"
    );
    for r in rows {
        println!(
            "{:<26} {:>10} {:>10} {:>10}",
            r.name, r.raw, r.gzip, r.brotli
        );
    }
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    println!(
        "{:<26} {:>10} {:>10} {:>10}",
        "total",
        sum(|r| r.raw),
        sum(|r| r.gzip),
        sum(|r| r.brotli)
    );
    if let Some(loader) = rows.iter().find(|r| r.name == "kefu.js") {
        println!(
            "the page waits only for kefu.js: {} B raw, {} B gzip, {} B brotli",
            loader.raw, loader.gzip, loader.brotli
        );
    }
}
