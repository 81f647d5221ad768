//! `kefu classify` driven exactly as `cli.md` says: stdin lines in, JSON lines out.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `kefu classify` on the fixture `tests/data/classify.tsv` and checks each line.
///
/// Fixture lines are `expected<TAB>input`; `expected` is an intent label, `*`
/// for "any valid verdict", or `error` for a line that must be rejected.
#[test]
fn classify_follows_the_contract() {
    let fixture = include_str!("data/classify.tsv");
    let cases: Vec<(&str, &str)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            l.split_once('\t')
                .expect("fixture lines are expected<TAB>input")
        })
        .collect();
    let input: String = cases.iter().map(|(_, text)| format!("{text}\n")).collect();
    let stdout = run_classify(input.as_bytes());
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        cases.len(),
        "one output line per input line:\n{stdout}"
    );
    let mut wrong = Vec::new();
    for ((expected, text), line) in cases.iter().zip(&lines) {
        let v: serde_json::Value = serde_json::from_str(line).expect("every output line is JSON");
        let got = if v.get("error").is_some() {
            "error".to_owned()
        } else {
            let conf = v["intent_confidence"].as_f64().expect("intent_confidence");
            let sconf = v["sentiment_confidence"]
                .as_f64()
                .expect("sentiment_confidence");
            assert!(
                (0.0..=1.0).contains(&conf) && (0.0..=1.0).contains(&sconf),
                "{line}"
            );
            assert!(
                ["negative", "neutral", "positive"]
                    .contains(&v["sentiment"].as_str().expect("sentiment"))
            );
            v["intent"].as_str().expect("intent").to_owned()
        };
        if *expected != "*" && got != *expected {
            wrong.push(format!("{text:?}: expected {expected}, got {line}"));
        }
    }
    assert!(wrong.is_empty(), "misclassified:\n{}", wrong.join("\n"));
}

/// A hostile input (a megabyte on one line, invalid UTF-8) yields output, not a crash.
#[test]
fn classify_survives_hostile_input() {
    let mut input = "买".repeat(400_000).into_bytes();
    input.extend_from_slice(b"\n\xff\xfe\xfd\n");
    let stdout = run_classify(&input);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].contains("\"intent\""), "{}", lines[0]);
    assert!(lines[1].contains("\"error\""), "{}", lines[1]);
}

fn run_classify(input: &[u8]) -> String {
    run_kefu(&["classify"], input)
}

/// `kefu faq build` then `kefu faq ask` on the demo shop, driven as `cli.md` says.
#[test]
fn faq_build_and_ask_follow_the_contract() {
    let dir = crate::support::artifacts().join("cli-faq");
    std::fs::create_dir_all(&dir).expect("dir");
    let index = dir.join("demo.idx");
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["faq", "build", "www/demo/faq.yaml", "-o"])
        .arg(&index)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kefu runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "build writes nothing to stdout");

    let fixture = include_str!("data/faq-ask.tsv");
    let cases: Vec<(&str, &str)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').expect("expected<TAB>question"))
        .collect();
    let input: String = cases.iter().map(|(_, q)| format!("{q}\n")).collect();
    let stdout = run_kefu(
        &[
            "faq",
            "ask",
            "--index",
            index.to_str().expect("utf-8 path"),
            "--locale",
            "en",
        ],
        input.as_bytes(),
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), cases.len(), "{stdout}");
    let mut wrong = Vec::new();
    for ((expected, q), line) in cases.iter().zip(&lines) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let got = match (&v["id"], v.get("error")) {
            (_, Some(_)) => "error".to_owned(),
            (serde_json::Value::Null, _) => "null".to_owned(),
            (id, _) => id.as_str().expect("id is a string").to_owned(),
        };
        if v.get("error").is_none() {
            let score = v["score"].as_f64().expect("score");
            assert!((0.0..=1.0).contains(&score), "{line}");
        }
        if got != *expected {
            wrong.push(format!("{q:?}: expected {expected}, got {line}"));
        }
    }
    assert!(wrong.is_empty(), "wrong answers:\n{}", wrong.join("\n"));
}

/// A malformed knowledge file fails the build with the line and entry named.
#[test]
fn faq_build_names_the_line_and_entry_of_a_mistake() {
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["faq", "build", "faq/tests/fixtures/unknown-key.yaml", "-o"])
        .arg(crate::support::artifacts().join("never.idx"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kefu runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 7") && stderr.contains("`returns`") && stderr.contains("answr"),
        "{stderr}"
    );
    let bad_index = crate::support::artifacts().join("garbage.idx");
    std::fs::write(&bad_index, b"KEFUFAQ\0garbage").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["faq", "ask", "--index"])
        .arg(&bad_index)
        .output()
        .expect("kefu runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("FAQ index"));
}

fn run_kefu(args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kefu starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("kefu finishes");
    writer.join().expect("writer").expect("stdin written");
    assert!(
        out.status.success(),
        "kefu failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}
