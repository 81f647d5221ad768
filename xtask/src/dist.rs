//! Assembles the shippable widget in `target/dist` and reports each file's size raw, gzip and brotli.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::{project_root, wasm};

/// Files copied from `www/` and `model/` next to the generated wasm and glue.
const STATIC_FILES: [&str; 4] = [
    "www/kefu.js",
    "www/kefu.css",
    "www/kefu-worker.js",
    "model/kefu-nlu.onnx",
];

/// Builds everything a merchant serves into `target/dist` and returns that folder.
pub(crate) fn build() -> Result<PathBuf> {
    let root = project_root();
    let out = root.join("target").join("dist");
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("clearing {}", out.display()))?;
    }
    std::fs::create_dir_all(&out)?;
    wasm::build(&out)?;
    for file in STATIC_FILES {
        let from = root.join(file);
        let name = from.file_name().context("static file has a name")?;
        std::fs::copy(&from, out.join(name))
            .with_context(|| format!("copying {}", from.display()))?;
    }
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
