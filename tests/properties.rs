//! Properties that hold for any input: `keikaku::parse` never panics (bytes it
//! cannot decode are an `Err`, which is fine); the `Document` survives
//! `document_json` → `document_from_json` unchanged; every non-blank input
//! line is owned by exactly one node; `keikaku::records` agrees with the
//! `Document`. Inputs: arbitrary Unicode, arbitrary bytes, and text assembled
//! from fragments of the fixtures. The same checks run over `fixtures/*.txt`
//! and over every minimized failure in `tests/data/regressions/`.
//!
//! The checks are plain functions so that `fuzz/fuzz_targets/invariants.rs`
//! can include this file (everything that needs proptest is `cfg(test)`).
//!
//! The seed is fixed so the suite is deterministic; explore with
//! `PROPTEST_RNG_SEED=<n> PROPTEST_CASES=<n> cargo test --test properties`.

use std::collections::HashSet;
#[cfg(test)]
use std::path::Path;

use keikaku::{Block, Document, Section, Table};
#[cfg(test)]
use proptest::prelude::*;
#[cfg(test)]
use proptest::test_runner::{Config, RngSeed};

/// Seed used when `PROPTEST_RNG_SEED` is not set.
#[cfg(test)]
const DEFAULT_SEED: u64 = 0x006b_6569_6b61_6b75;

/// Fragments of the fixtures a line is assembled from.
#[cfg(test)]
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    // Heading markers.
    "1 ", "2 ", "3 ", "7 ", "1.", "2.", "(1)", "(2)", "(3)", "（１）", "（２）", "（３）", "①", "②", "③", "⑳", "(ア)", "(イ)", "第7章 ", "第1章",
    "【参考】", "資料1 ", "資料８", "資料", "目次",
    // Titles and prose.
    "計画の概要", "子ども数の見込み", "里親等委託率", "現状と課題", "とおり、", "です。", "明石市社会的養育推進計画", "2025年度から2029年度までの5年間",
    "2025年(令和7年)3月(改定)",
    // Table rows, headers, cells.
    "\t", "\t\t", "\t\t\t", "年度", "事業名", "2024年度 (R6)", "2025 年度 (R7)", "令和7年度", "R６(見込)", "(R11年度末)", "2025年度 (R8)", "合計", "計",
    "里親+FH", "里親", "FH", "3歳未満", "1,600", "1,60", "21.1%", "34.3", "10 回", "20件", "140 件 (+20)", "26 (83.9%)", "1(6)", "2年8月", "年5~6回", "中止",
    "未定※", "0 3", "0.0% 4.8%", "(+0)", "106 回 (見込)", "50.6% (計算) %",
    // Whole rows and header lines, TAB-separated and space-aligned.
    "\t乳児院\t児童養護 施設\t里親+ F H\t\t合計", "\t\t\t里親\tF H\t", "3歳未満\t2\t0\t1\t1\t3", "\t\t\t\t\t73", "年度\t2024年度 (R6)\t2025年度 (R7)",
    "件数\t10 件\t12 件", "代替養育を必要とする子ども数①\t62\t93", "2025 年度 (R7)   2026 年度 (R8)   2027 年度 (R9)", "里親等委託率      21.1%      34.3%",
    "(内訳)", "          ", "1 ページ",
    // Captions, units, notes, lists, labels.
    "表1 ", "表〇 ", "表●●", "○表3 ", "表", "単位：人", "(単位:件)", "単位", "※", "※1 ", "(※", "- ", "・", "- ・", "- ア ", "• ", "«具体的な整備目標»",
    "<量の見込み>", "【再掲】", "○", "〇子育て短期支援事業",
    // Marks and characters.
    "１２", "３４．５", "０", "▲", "▲4", "(見込)", "20（見込）", "(計算) %", "〇", "－", "-", "--", "---\t---", "—", "ー", "12", "- 3 -", " ", "  ", "　",
    "\u{0C}", "\u{FFFD}", "ス-バ°-ハ\"イサ\"-", "ｱﾄﾞﾎﾞｹｲﾄ", "ﾞ", "\"", "°", "\u{3000}\u{3000}",
];

#[cfg(test)]
fn config() -> Config {
    let mut config = Config { failure_persistence: None, ..Config::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(DEFAULT_SEED);
    }
    config
}

/// The lines of decoded text as a text editor numbers them: CRLF and CR
/// become LF, one final LF ends the last line rather than opening another.
fn lines_of(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let body = unified.strip_suffix('\n').unwrap_or(&unified);
    body.split('\n').map(str::to_string).collect()
}

/// Empty, or nothing but whitespace (Unicode White_Space: spaces, TABs,
/// U+3000, U+00A0, U+000B, …) and form feeds. This is the contract's meaning
/// of a blank line: a line a reader sees as empty owes no node.
fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '\u{0C}')
}

/// The text `parse` reads from `bytes`: UTF-8 (BOM or not) and UTF-16 with a
/// BOM decoded here; for anything else (CP932) the crate's decoder is trusted.
fn decoded_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], read: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units: Vec<u16> = rest.chunks_exact(2).map(|pair| read([pair[0], pair[1]])).collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(str::to_string);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    keikaku::stages::decode(bytes).ok().map(|decoded| decoded.text.into_owned())
}

/// Checks that every non-blank line of `text` is owned by exactly one node
/// of `document`: a heading owns its `line` (or its `title_lines`); a block owns its `lines`
/// range, a table also its `caption_lines`; the front section owns nothing.
pub fn check_ownership(document: &Document, text: &str) -> Result<(), String> {
    let lines = lines_of(text);
    if document.source.lines as usize != lines.len() {
        return Err(format!("source.lines is {} but the text has {} lines", document.source.lines, lines.len()));
    }
    let mut owners: Vec<Vec<String>> = vec![Vec::new(); lines.len() + 1];
    let mut claim = |range: [u32; 2], extra: Option<[u32; 2]>, node: String| -> Result<(), String> {
        let mut owned: Vec<u32> = Vec::new();
        for [first, last] in std::iter::once(range).chain(extra) {
            if first == 0 || first > last || last as usize > lines.len() {
                return Err(format!("{node} claims lines [{first}, {last}] of a text of {} lines", lines.len()));
            }
            owned.extend(first..=last);
        }
        owned.sort_unstable();
        owned.dedup();
        for line in owned {
            owners[line as usize].push(node.clone());
        }
        Ok(())
    };
    let mut stack: Vec<&Section> = document.sections.iter().rev().collect();
    while let Some(section) = stack.pop() {
        let name = section.marker.clone().unwrap_or_else(|| section.kind.clone());
        if !(section.kind == "front" && section.marker.is_none()) {
            claim(section.title_lines.unwrap_or([section.line, section.line]), None, format!("heading `{name}`"))?;
        }
        for (block_idx, block) in section.blocks.iter().enumerate() {
            let (kind, lines, caption_lines) = match block {
                Block::Paragraph { lines, .. } => ("paragraph", *lines, None),
                Block::List { lines, .. } => ("list", *lines, None),
                Block::Note { lines, .. } => ("note", *lines, None),
                Block::Table(table) => ("table", table.lines, table.caption_lines),
                Block::Unresolved { lines, .. } => ("unresolved", *lines, None),
                Block::Toc { lines, .. } => ("toc", *lines, None),
                Block::Furniture { lines, .. } => ("furniture", *lines, None),
            };
            claim(lines, caption_lines, format!("{kind} #{block_idx} {lines:?} of `{name}`"))?;
        }
        stack.extend(section.sections.iter().rev());
    }
    for (line_idx, line) in lines.iter().enumerate() {
        let number = line_idx + 1;
        if !is_blank(line) && owners[number].len() != 1 {
            return Err(format!("line {number} {line:?} is owned by {} nodes: {:?}", owners[number].len(), owners[number]));
        }
    }
    Ok(())
}

/// Every table of `document`, in the order `records` walks them.
fn tables(document: &Document) -> Vec<&Table> {
    let mut tables = Vec::new();
    let mut stack: Vec<&Section> = document.sections.iter().rev().collect();
    while let Some(section) = stack.pop() {
        tables.extend(section.blocks.iter().filter_map(|block| match block {
            Block::Table(table) => Some(&**table),
            _ => None,
        }));
        stack.extend(section.sections.iter().rev());
    }
    tables
}

/// Checks that `records` has one record per present cell of every table, in
/// order, each with its cell's line and text and its column's fiscal year.
pub fn check_records(document: &Document) -> Result<(), String> {
    let records = keikaku::records(document);
    let tables = tables(document);
    let mut ids = HashSet::new();
    let mut expected = Vec::new();
    for table in &tables {
        if !ids.insert(table.id.as_str()) {
            return Err(format!("table id `{}` is used twice", table.id));
        }
        for row in &table.rows {
            if row.cells.len() != table.columns.len() {
                return Err(format!(
                    "table {} row `{}` (line {}) has {} cells for {} columns",
                    table.id,
                    row.label,
                    row.line,
                    row.cells.len(),
                    table.columns.len()
                ));
            }
            for (cell, column) in row.cells.iter().zip(&table.columns) {
                if let Some(cell) = cell {
                    expected.push((table, row, column, cell));
                }
            }
        }
    }
    if records.len() != expected.len() {
        return Err(format!("{} records for {} present cells", records.len(), expected.len()));
    }
    for (record, (table, row, column, cell)) in records.iter().zip(expected) {
        let agrees = record.table == table.id
            && record.row == row.label
            && record.column == column.label
            && record.fiscal_year == column.fiscal_year
            && record.raw == cell.raw
            && record.line == cell.line
            && record.kind == cell.kind;
        if !agrees {
            return Err(format!("record {record:?} does not match table {} row `{}` cell {cell:?} column {column:?}", table.id, row.label));
        }
    }
    Ok(())
}

/// Checks that the document reads back from its JSON (compact and pretty) unchanged.
pub fn check_round_trip(document: &Document) -> Result<(), String> {
    for pretty in [false, true] {
        let json = keikaku::document_json(document, pretty);
        let back = keikaku::document_from_json(&json).map_err(|error| format!("document_json output does not read back: {error}"))?;
        if back != *document {
            let again = keikaku::document_json(&back, pretty);
            let first_difference = json.chars().zip(again.chars()).take_while(|(a, b)| a == b).count();
            let context: String = json.chars().skip(first_difference.saturating_sub(80)).take(160).collect();
            return Err(format!("the document read back from JSON differs (JSON texts equal: {}); near: {context}", json == again));
        }
    }
    Ok(())
}

/// Parses `bytes`; when they decode, checks JSON and records.
pub fn check_document(bytes: &[u8]) -> Result<Option<Document>, String> {
    let Ok(document) = keikaku::parse("p.txt", bytes) else { return Ok(None) };
    check_round_trip(&document)?;
    check_records(&document)?;
    Ok(Some(document))
}

/// Parses `bytes`; when they decode, checks line ownership.
pub fn check_lines(bytes: &[u8]) -> Result<(), String> {
    let Ok(document) = keikaku::parse("p.txt", bytes) else { return Ok(()) };
    let text = decoded_text(bytes).ok_or("parse accepted bytes that do not decode")?;
    check_ownership(&document, &text)
}

/// All checks on one input.
pub fn check_all(bytes: &[u8]) -> Result<(), String> {
    check_document(bytes)?;
    check_lines(bytes)
}

/// One line assembled from fixture fragments (sometimes a long run of digits).
#[cfg(test)]
fn fragment_line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "[0-9０-９]{1,400}",
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// A text of fragment lines with mixed line ends.
#[cfg(test)]
fn fragment_text() -> impl Strategy<Value = String> {
    let ending = proptest::sample::select(&["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\u{0C}\n"][..]);
    proptest::collection::vec((fragment_line(), ending), 0..40)
        .prop_map(|lines| lines.into_iter().map(|(line, ending)| line + ending).collect())
}

/// Bytes: random, random after a BOM, or fragment text as UTF-16 or CP932.
#[cfg(test)]
fn some_bytes() -> impl Strategy<Value = Vec<u8>> {
    const BOMS: [&[u8]; 4] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
    let bom = proptest::sample::select(&BOMS[..]);
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        (bom, proptest::collection::vec(any::<u8>(), 0..512)).prop_map(|(bom, rest)| [bom, &rest[..]].concat()),
        fragment_text().prop_map(|text| [&b"\xFF\xFE"[..], &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()].concat()),
        fragment_text().prop_map(|text| [&b"\xFE\xFF"[..], &text.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>()].concat()),
        fragment_text().prop_map(|text| encoding_rs::SHIFT_JIS.encode(&text).0.into_owned()),
    ]
}

/// Parses, serializes and flattens `bytes`: whatever they are, nothing panics.
#[cfg(test)]
fn exercise(bytes: &[u8]) {
    if let Ok(document) = keikaku::parse("p.txt", bytes) {
        let _ = keikaku::document_json(&document, false);
        let _ = keikaku::document_json(&document, true);
        let _ = keikaku::records(&document);
    }
}

#[cfg(test)]
proptest! {
    #![proptest_config(config())]

    #[test]
    fn bytes_never_panic(bytes in some_bytes()) {
        exercise(&bytes);
    }

    #[test]
    fn fragment_text_never_panics(text in fragment_text()) {
        exercise(text.as_bytes());
    }

    #[test]
    fn unicode_text_parses_round_trips_and_agrees_with_records(text in any::<String>()) {
        let document = check_document(text.as_bytes()).map_err(TestCaseError::fail)?;
        prop_assert!(document.is_some(), "UTF-8 text was refused");
    }

    #[test]
    fn unicode_text_lines_are_owned_once(text in any::<String>()) {
        check_lines(text.as_bytes()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn bytes_parse_or_are_refused(bytes in some_bytes()) {
        check_document(&bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn bytes_lines_are_owned_once(bytes in some_bytes()) {
        check_lines(&bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fragment_text_parses_round_trips_and_agrees_with_records(text in fragment_text()) {
        check_document(text.as_bytes()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn fragment_text_lines_are_owned_once(text in fragment_text()) {
        check_lines(text.as_bytes()).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn fixtures_keep_every_invariant() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir.display());
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap();
            check_all(&bytes).err().map(|error| format!("{}: {error}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Parses `tests/data/regressions/<name>` and checks every invariant.
#[cfg(test)]
fn regression(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regressions").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    if let Err(error) = check_all(&bytes) {
        panic!("{name}: {error}");
    }
}

// Minimized failures. Each file is named after what broke.

/// Found by proptest: a label (`・`) waiting for its block was attached to
/// the paragraph after a page number, and the paragraph's range grew over
/// the page number's line, so two nodes owned it.
#[test]
fn label_then_page_number_then_paragraph() {
    regression("label_then_page_number_then_paragraph.txt");
}

/// Found by proptest: a `単位：人` line stretched the next table's range over
/// the page number between them.
#[test]
fn unit_line_then_page_number_then_table() {
    regression("unit_line_then_page_number_then_table.txt");
}

/// Found by proptest: a 310-digit cell became an infinite value, which the
/// JSON writes as null, so the document did not read back equal.
#[test]
fn huge_integer_cell_is_infinite() {
    regression("huge_integer_cell_is_infinite.txt");
}

/// Found by proptest: a 305-digit cell became 1.4830285615034023e304, which
/// `document_from_json` read back one unit in the last place off.
#[test]
fn long_integer_cell_not_read_back_exactly() {
    regression("long_integer_cell_not_read_back_exactly.txt");
}

/// Found by proptest: a line holding only a no-break space was owned by no
/// node while the checker called it non-blank. Resolved by the contract: a
/// line of only Unicode whitespace is blank (as `blocks` reads it).
#[test]
fn nbsp_only_line() {
    regression("nbsp_only_line.txt");
}

/// Found by the fuzzer (`invariants`), minimized to `【】⏎表○⏎数  4`: a label,
/// a caption, then rows that cannot be rebuilt. The caption became a
/// paragraph of its own while the unresolved block, widened up to the label,
/// also covered the caption's line. Fixed in `sections::Builder::flush_rows`.
#[test]
fn label_caption_then_unresolved_rows() {
    regression("label_caption_then_unresolved_rows.txt");
}

/// Found by proptest: as above, with a `単位：人` line instead of a label and
/// a space-aligned row. Fixed with it.
#[test]
fn unit_caption_then_spaced_row() {
    regression("unit_caption_then_spaced_row.txt");
}

/// Found by the fuzzer (`invariants`): a line holding only a vertical tab
/// (U+000B): blank, like the no-break space above, with a `control_char` warning.
#[test]
fn vertical_tab_only_line() {
    regression("vertical_tab_only_line.txt");
}

/// Found by proptest (as `1 ⏎34.32年8月`): `1.1年` is read as 1.1 × 12 =
/// 13.200000000000001 months; `document_json` writes all 17 digits and
/// `document_from_json` read them back one unit in the last place off, until
/// serde_json's `float_roundtrip` was turned on.
#[test]
fn fractional_year_duration_not_read_back() {
    regression("fractional_year_duration_not_read_back.txt");
}

/// Fuzz (session 4): circled sections that became list items when their parent
/// closed took the line span of an item whose wrapped rest came after page
/// furniture (`資料８`), so the list and the furniture both owned line 33. Fixed
/// in `sections::items_from_subsections`: furniture only after an item's rest.
#[test]
fn circled_items_around_page_furniture() {
    regression("circled_items_around_page_furniture.txt");
}

/// Fuzz (session 5): the contents read to their page's end (`page_toc`) left out
/// the lone page numbers it took for page furniture (`9`), so no node owned them.
/// Fixed: the contents own every line to the page's end.
#[test]
fn contents_page_numbers_inside_the_contents() {
    regression("contents_page_numbers_inside_the_contents.txt");
}
