//! End-to-end runs of the `keikaku` binary: exit codes, error messages,
//! record formats and batch output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn keikaku(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keikaku")).args(args).output().expect("keikaku runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory under the system temp dir, unique to this test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("keikaku-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn read_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("under root").display().to_string();
                files.push((relative, std::fs::read(&path).expect("readable file")));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn missing_file_and_directory_are_one_line_errors_with_exit_2() {
    let output = keikaku(&["parse", "no/such/plan.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).trim(), "no/such/plan.txt: no such file");

    let output = keikaku(&["parse", "fixtures"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("fixtures: is a directory"), "{}", stderr(&output));
    assert_eq!(stderr(&output).lines().count(), 1);
}

#[test]
fn undecodable_bytes_name_the_file_and_offset() {
    let dir = scratch("garbage");
    let path = dir.join("garbage.txt");
    std::fs::write(&path, b"plan\n\xFF\xFF\xFD\xFD").expect("write");
    let output = keikaku(&["parse", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("garbage.txt: not UTF-8, UTF-16 or Shift_JIS (first bad byte at offset 5)"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    assert_eq!(keikaku(&["parse"]).status.code(), Some(2));
    assert_eq!(keikaku(&["frobnicate"]).status.code(), Some(2));
    let help = keikaku(&["parse", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}

#[test]
fn parse_reads_stdin_and_writes_compact_json() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keikaku"))
        .args(["parse", "-", "--compact"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all("1 概要\n\n年度\t2025年度 (R7)\n件数\t3 件\n".as_bytes()).expect("write");
    }
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(stdout.lines().count(), 1);
    let document = keikaku::document_from_json(&stdout).expect("a Document");
    assert_eq!(document.source.path, "-");
    assert_eq!(keikaku::records(&document)[0].value, Some(3.0));
}

#[test]
fn records_as_jsonl_and_csv_with_and_without_bom() {
    let output = keikaku(&["records", "fixtures/003_81fdfb445e420b05.txt"]);
    assert_eq!(output.status.code(), Some(0));
    let jsonl = String::from_utf8(output.stdout).expect("utf-8");
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().expect("a record")).expect("json");
    assert_eq!(first["table"], "t1");
    assert_eq!(first["row"], "延べ面会回数");
    assert_eq!(first["fiscal_year"], 2021);
    assert_eq!(first["value"], 82.0);
    assert_eq!(first["unit"], "回");

    let csv = keikaku(&["records", "fixtures/003_81fdfb445e420b05.txt", "--format", "csv"]).stdout;
    assert!(csv.starts_with("\u{FEFF}doc,section,section_title,table,".as_bytes()));
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let mut n_rows = 0;
    for row in reader.records() {
        row.expect("valid CSV row");
        n_rows += 1;
    }
    assert_eq!(n_rows, jsonl.lines().count());

    let plain = keikaku(&["records", "fixtures/003_81fdfb445e420b05.txt", "--format", "csv", "--no-bom"]).stdout;
    assert!(plain.starts_with(b"doc,section,"));
}

#[test]
fn schema_is_json() {
    let output = keikaku(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(schema["definitions"]["Record"].is_object());
}

#[test]
fn batch_converts_the_rest_when_one_fails_and_is_thread_count_independent() {
    let input = scratch("batch-in");
    std::fs::create_dir_all(input.join("sub")).expect("subdir");
    std::fs::copy("fixtures/003_81fdfb445e420b05.txt", input.join("003.txt")).expect("copy");
    std::fs::copy("fixtures/000_18f7e0d6ffcc7f21.txt", input.join("sub/000.txt")).expect("copy");
    std::fs::write(input.join("corrupt.txt"), b"\xFF\xFF\xFD\xFD broken").expect("write");
    std::fs::write(input.join("ignored.md"), b"not a plan").expect("write");

    let mut trees = Vec::new();
    for jobs in ["1", "2"] {
        let out = scratch(&format!("batch-out-{jobs}"));
        let output = keikaku(&["batch", input.to_str().expect("path"), "-o", out.to_str().expect("path"), "-j", jobs]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains("corrupt.txt: not UTF-8"), "{message}");
        assert!(message.contains("converted 2 plans, 1 failed"), "{message}");
        assert!(out.join("003.json").is_file());
        assert!(out.join("sub/000.json").is_file());
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest")).expect("json");
        let statuses: Vec<&str> =
            manifest["entries"].as_array().expect("entries").iter().map(|entry| entry["status"].as_str().unwrap_or("")).collect();
        assert_eq!(statuses, ["ok", "failed", "ok"]);
        let corpus = std::fs::read_to_string(out.join("records.jsonl")).expect("corpus");
        assert!(corpus.lines().count() > 1500);
        trees.push(read_tree(&out));
    }
    assert_eq!(trees[0], trees[1], "batch output differs between -j 1 and -j 2");
}

#[test]
fn random_bytes_are_refused_with_the_file_named() {
    let dir = scratch("random");
    // A fixed xorshift stream: the same "random" file on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let path = dir.join("noise.bin.txt");
    std::fs::write(&path, &bytes).expect("write");
    let output = keikaku(&["parse", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("noise.bin.txt: not UTF-8, UTF-16 or Shift_JIS (first bad byte at offset"), "{message}");
}

/// The corpus files load in pandas with the field types of SPEC.md (skipped
/// when python3 has no pandas; scripts/test installs it).
#[test]
fn corpus_records_load_in_pandas() {
    let has_pandas = Command::new("python3").args(["-c", "import pandas"]).output().is_ok_and(|output| output.status.success());
    if !has_pandas {
        eprintln!("skipped: python3 with pandas is not available");
        return;
    }
    for format in ["jsonl", "csv"] {
        let out = scratch(&format!("pandas-{format}"));
        let output = keikaku(&[
            "batch",
            "fixtures/003_81fdfb445e420b05.txt",
            "fixtures/000_18f7e0d6ffcc7f21.txt",
            "-o",
            out.to_str().expect("path"),
            "--format",
            format,
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let script = r#"
import sys, pandas as pd
path, fmt = sys.argv[1], sys.argv[2]
df = pd.read_json(path, lines=True) if fmt == "jsonl" else pd.read_csv(path, encoding="utf-8-sig")
assert list(df.columns) == ["doc","section","section_title","table","label","caption","row","row_group","column","fiscal_year","raw","kind","value","unit","status","page","line"], list(df.columns)
assert len(df) > 1500, len(df)
assert df["line"].dtype.kind == "i" and df["page"].dtype.kind == "i", df.dtypes
assert df["value"].dtype.kind == "f", df["value"].dtype
assert df["fiscal_year"].dtype.kind in "fi", df["fiscal_year"].dtype
assert set(df["doc"]) == {"fixtures/003_81fdfb445e420b05.txt", "fixtures/000_18f7e0d6ffcc7f21.txt"}, set(df["doc"])
row = df[(df["row"] == "里親(世帯)") & (df["fiscal_year"] == 2028)]
assert list(row["value"]) == [23.0], row
print("ok", fmt, len(df))
"#;
        let corpus = out.join(format!("records.{format}"));
        let result = Command::new("python3").args(["-c", script, corpus.to_str().expect("path"), format]).output().expect("python3 runs");
        assert!(result.status.success(), "pandas failed on {format}: {}", String::from_utf8_lossy(&result.stderr));
    }
}
