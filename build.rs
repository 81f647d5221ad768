//! Build script of the `kefu` binary: checks the bundled model and fingerprints it.
//!
//! The model is embedded with `include_bytes!`; a missing file would otherwise
//! surface as an obscure compile error, and `kefu --version` should say which
//! model a binary carries.

use std::path::Path;

fn main() {
    let model = Path::new("model/kefu-nlu.onnx");
    println!("cargo:rerun-if-changed={}", model.display());
    let bytes = match std::fs::read(model) {
        Ok(bytes) => bytes,
        Err(e) => {
            println!(
                "cargo:warning=cannot read {}: {e}; run `cargo xtask train` to create it",
                model.display()
            );
            std::process::exit(1);
        }
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    println!("cargo:rustc-env=KEFU_MODEL_FINGERPRINT={hash:016x}");
    println!("cargo:rustc-env=KEFU_MODEL_BYTES={}", bytes.len());
}
