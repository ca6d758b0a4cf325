//! PDF input: keikaku recognizes a PDF by its first bytes and reads it through
//! `pdftotext -layout` (poppler-utils). tests/data/pdf/tiny_plan.pdf is made
//! from tiny_plan.txt by scripts/make-tiny-pdf. Without pdftotext the
//! comparison is skipped (scripts/test installs poppler-utils), but the
//! message for a missing pdftotext is always checked.

use std::process::Command;

fn keikaku() -> Command {
    Command::new(env!("CARGO_BIN_EXE_keikaku"))
}

fn has_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

fn records(path: &str) -> Vec<serde_json::Value> {
    let output = keikaku().args(["records", path]).output().expect("keikaku runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8").lines().map(|line| serde_json::from_str(line).expect("json")).collect()
}

#[test]
fn pdf_gives_the_records_of_its_text() {
    if !has_pdftotext() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let from_text = records("tests/data/pdf/tiny_plan.txt");
    let from_pdf = records("tests/data/pdf/tiny_plan.pdf");
    assert_eq!(from_text.len(), 40);
    let squeeze = |value: &serde_json::Value| value.as_str().unwrap_or("").split_whitespace().collect::<String>();
    let key = |record: &serde_json::Value| {
        (
            squeeze(&record["section"]),
            squeeze(&record["row"]),
            record["fiscal_year"].as_i64(),
            squeeze(&record["raw"]),
            record["value"].as_f64().map(|value| value.to_string()),
        )
    };
    let text_keys: Vec<_> = from_text.iter().map(key).collect();
    let pdf_keys: Vec<_> = from_pdf.iter().map(key).collect();
    assert_eq!(pdf_keys, text_keys);
    // Provenance: the PDF has two pages and the last table is on the second.
    let last = from_pdf.last().expect("records");
    assert_eq!(last["page"], 2, "{last}");
}

#[test]
fn pdf_without_pdftotext_names_the_package() {
    let empty_path = std::env::temp_dir().join(format!("keikaku-no-tools-{}", std::process::id()));
    std::fs::create_dir_all(&empty_path).expect("dir");
    let output = keikaku().args(["parse", "tests/data/pdf/tiny_plan.pdf"]).env("PATH", &empty_path).output().expect("keikaku runs");
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("tests/data/pdf/tiny_plan.pdf:") && message.contains("poppler-utils"), "{message}");
}
