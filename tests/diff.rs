//! `keikaku diff`: the revision fixture in `tests/data/revision/` must give
//! exactly the changes listed in its `expected_changes.json` (the edits are
//! described in its `EDITS.md`), a document compared with itself gives none,
//! a saved JSON Document compares like its text, and the binary's exit codes
//! and text output are as SPEC.md says. Small hand-written plans pin the
//! matching rules one by one.

use std::path::{Path, PathBuf};
use std::process::Command;

const ORIGINAL: &str = "fixtures/003_81fdfb445e420b05.txt";
const REVISION: &str = "tests/data/revision/003_revised.txt";
const EXPECTED_CHANGES: &str = "tests/data/revision/expected_changes.json";

/// Fields of a change that `expected_changes.json` pins.
const COMPARED_FIELDS: [&str; 10] = ["op", "what", "section", "row", "column", "fiscal_year", "old", "new", "old_line", "new_line"];

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn parse_file(relative: &str) -> keikaku::Document {
    let bytes = std::fs::read(repo_path(relative)).expect("input is readable");
    keikaku::parse(relative, &bytes).expect("input decodes")
}

fn parse_text(name: &str, text: &str) -> keikaku::Document {
    keikaku::parse(name, text.as_bytes()).expect("text decodes")
}

/// The compared fields of each change, as JSON objects.
fn compared(changes: &[keikaku::Change]) -> Vec<serde_json::Value> {
    changes
        .iter()
        .map(|change| {
            let value = serde_json::to_value(change).expect("a change serializes");
            let fields = COMPARED_FIELDS.iter().map(|field| (field.to_string(), value[*field].clone())).collect();
            serde_json::Value::Object(fields)
        })
        .collect()
}

fn lines_of(values: &[serde_json::Value]) -> String {
    values.iter().map(|value| value.to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn revision_fixture_gives_exactly_the_documented_edits() {
    let expected_text = std::fs::read_to_string(repo_path(EXPECTED_CHANGES)).expect("expected_changes.json is readable");
    let expected: Vec<serde_json::Value> = serde_json::from_str(&expected_text).expect("expected_changes.json is a JSON list");
    let diff = keikaku::diff(&parse_file(ORIGINAL), &parse_file(REVISION));
    let actual = compared(&diff.changes);
    assert_eq!(actual, expected, "\nactual changes:\n{}\n\nexpected changes:\n{}\n", lines_of(&actual), lines_of(&expected));
    assert_eq!(diff.old.path, ORIGINAL);
    assert_eq!(diff.new.path, REVISION);
    assert_ne!(diff.old.sha256, diff.new.sha256);
}

#[test]
fn reversed_revision_swaps_added_and_removed() {
    let forward = keikaku::diff(&parse_file(ORIGINAL), &parse_file(REVISION));
    let backward = keikaku::diff(&parse_file(REVISION), &parse_file(ORIGINAL));
    assert_eq!(forward.changes.len(), backward.changes.len());
    let mut n_added = 0;
    for change in &backward.changes {
        let mirror = forward
            .changes
            .iter()
            .find(|other| {
                other.what == change.what
                    && other.row == change.row
                    && other.column == change.column
                    && other.old == change.new
                    && other.new == change.old
            })
            .unwrap_or_else(|| panic!("no mirror of {change:?}"));
        let mirrored_op = match mirror.op.as_str() {
            "added" => "removed",
            "removed" => "added",
            op => op,
        };
        assert_eq!(change.op, mirrored_op);
        n_added += usize::from(change.op == "added");
    }
    assert_eq!(n_added, 1);
}

#[test]
fn a_document_compared_with_itself_has_no_changes() {
    for entry in std::fs::read_dir(repo_path("fixtures")).expect("fixtures/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.extension().and_then(|extension| extension.to_str()) != Some("txt") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("fixture is readable");
        let document = keikaku::parse(&path.display().to_string(), &bytes).expect("fixture decodes");
        let diff = keikaku::diff(&document, &document);
        assert!(diff.changes.is_empty(), "{}: {:#?}", path.display(), diff.changes);
    }
    let revision = parse_file(REVISION);
    assert!(keikaku::diff(&revision, &revision).changes.is_empty());
}

#[test]
fn a_saved_json_document_compares_like_its_text() {
    let original = parse_file(ORIGINAL);
    let revision = parse_file(REVISION);
    let saved = keikaku::document_from_json(&keikaku::document_json(&original, true)).expect("saved document reads back");
    let compact = keikaku::document_from_json(&keikaku::document_json(&revision, false)).expect("compact document reads back");
    let from_text = keikaku::diff(&original, &revision);
    assert_eq!(keikaku::diff(&saved, &revision), from_text);
    assert_eq!(keikaku::diff(&saved, &compact), from_text);
    assert!(keikaku::diff(&saved, &original).changes.is_empty());
}

#[test]
fn diff_json_reads_back() {
    let diff = keikaku::diff(&parse_file(ORIGINAL), &parse_file(REVISION));
    let json = keikaku::diff_json(&diff);
    let value: serde_json::Value = serde_json::from_str(&json).expect("diff JSON parses");
    for key in ["old", "new", "changes"] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    for key in
        ["op", "what", "section", "table", "caption", "row", "row_group", "column", "fiscal_year", "old", "new", "old_line", "new_line"]
    {
        assert!(value["changes"][0].get(key).is_some(), "changes[0] lacks {key}");
    }
    let read_back: keikaku::Diff = serde_json::from_str(&json).expect("diff JSON deserializes");
    assert_eq!(read_back, diff);
}

// Hand-written plans, one matching rule each.

const PLAN: &str = "1 計画の概要\n\n本計画の概要です。\n\n表1 実績\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n件数\t10 件\t12 件\n人数\t3 人\t4 人\n\n2 体制\n\n表2 職員\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n職員数\t3 人\t4 人\n";

fn summary(changes: &[keikaku::Change]) -> Vec<String> {
    changes
        .iter()
        .map(|change| {
            format!(
                "{} {} [{}] {} | {} : {} -> {}",
                change.op,
                change.what,
                change.section,
                change.row.as_deref().unwrap_or("-"),
                change.fiscal_year.map_or_else(|| change.column.clone().unwrap_or_else(|| "-".into()), |year| year.to_string()),
                change.old.as_deref().unwrap_or("-"),
                change.new.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

fn diff_texts(old: &str, new: &str) -> Vec<String> {
    summary(&keikaku::diff(&parse_text("old.txt", old), &parse_text("new.txt", new)).changes)
}

#[test]
fn inserted_paragraph_changes_nothing() {
    let new = PLAN.replace("表1 実績", "この段落は新しく加えました。\n\n表1 実績");
    assert!(diff_texts(PLAN, &new).is_empty(), "{:?}", diff_texts(PLAN, &new));
}

#[test]
fn inserted_section_renumbers_nothing() {
    let new = PLAN.replace("2 体制", "2 新しい取組\n\n新しい取組の説明です。\n\n3 体制");
    assert_eq!(diff_texts(PLAN, &new), ["added section [2] - | - : - -> 新しい取組"]);
}

#[test]
fn retitled_section_is_one_change() {
    let new = PLAN.replace("2 体制", "2 職員の体制");
    assert_eq!(diff_texts(PLAN, &new), ["changed section [2] - | - : 体制 -> 職員の体制"]);
}

#[test]
fn inserted_table_shifts_no_cell() {
    let new = PLAN
        .replace("表1 実績", "表1 新しい表\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n回数\t1 回\t2 回\n\n表2 実績")
        .replace("表2 職員", "表3 職員");
    let diff = keikaku::diff(&parse_text("old.txt", PLAN), &parse_text("new.txt", &new));
    assert_eq!(summary(&diff.changes), ["added table [1] - | - : - -> 新しい表"]);
    assert_eq!(diff.changes[0].table.as_deref(), Some("t1"));
}

#[test]
fn added_and_removed_rows_are_one_change_each() {
    let new = PLAN.replace("人数\t3 人\t4 人\n", "").replace("職員数\t3 人\t4 人\n", "職員数\t3 人\t4 人\n研修回数\t2 回\t3 回\n");
    assert_eq!(diff_texts(PLAN, &new), ["removed row [1] 人数 | - : 3 人 | 4 人 -> -", "added row [2] 研修回数 | - : - -> 2 回 | 3 回"]);
}

#[test]
fn changed_cells_are_matched_by_row_and_year() {
    let new = PLAN.replace("件数\t10 件\t12 件", "件数\t10 件\t15 件");
    assert_eq!(diff_texts(PLAN, &new), ["changed cell [1] 件数 | 2025 : 12 件 -> 15 件"]);
}

#[test]
fn recaptioned_and_removed_tables_are_one_change_each() {
    let recaptioned = PLAN.replace("表2 職員", "表2 職員の配置");
    assert_eq!(diff_texts(PLAN, &recaptioned), ["changed table [2] - | - : 職員 -> 職員の配置"]);
    let removed = PLAN.replace("表1 実績\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n件数\t10 件\t12 件\n人数\t3 人\t4 人\n\n", "");
    assert_eq!(diff_texts(PLAN, &removed), ["removed table [1] - | - : 実績 -> -"]);
}

#[test]
fn removed_section_is_one_change_at_its_old_place() {
    let new = PLAN.replace("2 体制\n\n表2 職員\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n職員数\t3 人\t4 人\n", "");
    assert_eq!(diff_texts(PLAN, &new), ["removed section [2] - | - : 体制 -> -"]);
}

// The binary.

fn keikaku(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_keikaku")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("keikaku runs")
}

#[test]
fn cli_exit_codes() {
    let same = keikaku(&["diff", ORIGINAL, ORIGINAL]);
    assert_eq!(same.status.code(), Some(0), "{}", String::from_utf8_lossy(&same.stderr));
    assert!(same.stdout.is_empty());

    let different = keikaku(&["diff", ORIGINAL, REVISION]);
    assert_eq!(different.status.code(), Some(1), "{}", String::from_utf8_lossy(&different.stderr));

    let missing = keikaku(&["diff", ORIGINAL, "tests/data/revision/no_such_plan.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("no_such_plan.txt: no such file"), "{stderr}");

    let usage = keikaku(&["diff", ORIGINAL]);
    assert_eq!(usage.status.code(), Some(2));
    let bad_format = keikaku(&["diff", ORIGINAL, REVISION, "--format", "yaml"]);
    assert_eq!(bad_format.status.code(), Some(2));

    let help = keikaku(&["diff", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("keikaku diff"));
}

#[test]
fn cli_text_output_is_grouped_by_section_and_table() {
    let output = keikaku(&["diff", ORIGINAL, REVISION]);
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("--- {ORIGINAL}"));
    assert_eq!(lines[1], format!("+++ {REVISION}"));
    for expected in [
        "2 > (2) > ② 意見表明等支援事業の実施状況",
        "  - section 意見表明等支援事業",
        "  + section 意見表明等支援事業の実施状況",
        "    全体からの割合 ②/① | 2027: 48.6% → 49.2%",
        "    特定妊婦数 | 2024: 20 → 24",
        "    通学した児童の数 | 2024: (見込) → 35人",
        "6 > (4) > ② 一時保護専用施設や委託一時保護が可能な里親・ファミリーホーム、児童福祉施設等の確保",
        "    里親(世帯) | 2028: 23 → 25",
        "    + 情報交換会の開催回数 | 2 | 2 | 3 | 3 | 3",
        "    - 児童心理司配置標準(参考) | 11 | 12 | 12 | 13 | 13",
        "7 changes: 4 cells, 2 rows, 0 tables, 1 sections",
    ] {
        assert!(lines.contains(&expected), "missing line {expected:?} in:\n{text}");
    }
    // Each section heads its group once; each table is named once.
    let n_table_lines = lines.iter().filter(|line| line.starts_with("  table ")).count();
    assert_eq!(n_table_lines, 6, "{text}");
}

#[test]
fn cli_reads_a_saved_json_document_as_either_side() {
    let directory = std::env::temp_dir().join(format!("keikaku-diff-test-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let saved = directory.join("original.json");
    let parse = keikaku(&["parse", ORIGINAL, "-o", saved.to_str().expect("UTF-8 path")]);
    assert_eq!(parse.status.code(), Some(0), "{}", String::from_utf8_lossy(&parse.stderr));

    let from_text = keikaku(&["diff", ORIGINAL, REVISION, "--format", "json"]);
    let from_json = keikaku(&["diff", saved.to_str().expect("UTF-8 path"), REVISION, "--format", "json"]);
    assert_eq!(from_json.status.code(), Some(1), "{}", String::from_utf8_lossy(&from_json.stderr));
    assert_eq!(from_json.stdout, from_text.stdout);
    let diff: keikaku::Diff = serde_json::from_slice(&from_json.stdout).expect("diff JSON");
    assert_eq!(diff.changes.len(), 7);

    let json_vs_text = keikaku(&["diff", saved.to_str().expect("UTF-8 path"), ORIGINAL]);
    assert_eq!(json_vs_text.status.code(), Some(0), "{}", String::from_utf8_lossy(&json_vs_text.stdout));

    let not_a_document = directory.join("other.json");
    std::fs::write(&not_a_document, "{\"name\": \"not a plan\"}\n").expect("write");
    let rejected = keikaku(&["diff", not_a_document.to_str().expect("UTF-8 path"), REVISION]);
    assert_eq!(rejected.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&rejected.stderr).contains("other.json:1: not a keikaku document"));
    let _ = std::fs::remove_dir_all(&directory);
}
