//! The 明石市 plan rendered to PDF by LibreOffice and extracted again with
//! `pdftotext` (see scripts/make-pdf-fixtures.md) must give the same
//! fiscal-year records as the tabbed original: same row, fiscal year and raw
//! text, cell for cell (line numbers differ). Differences that remain are
//! pinned here with their reason.

use std::collections::HashMap;

/// (row, fiscal year, raw) with whitespace removed: the renderings add spaces
/// between digits and kanji (`18 歳到達`) the way word processors print them.
type Key = (String, i32, String);

fn fiscal_year_cells(path: &str) -> HashMap<Key, usize> {
    let bytes = std::fs::read(path).expect("fixture");
    let document = keikaku::parse(path, &bytes).expect("decodes");
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let mut counts = HashMap::new();
    for record in keikaku::records(&document) {
        if let Some(year) = record.fiscal_year {
            *counts.entry((squeeze(&record.row), year, squeeze(&record.raw))).or_insert(0) += 1;
        }
    }
    counts
}

/// (matched, missing from the rendering, extra in the rendering).
fn compare(rendering: &str) -> (usize, Vec<Key>, Vec<Key>) {
    let original = fiscal_year_cells("fixtures/003_81fdfb445e420b05.txt");
    let rendered = fiscal_year_cells(rendering);
    let mut matched = 0;
    let mut missing = Vec::new();
    for (key, &count) in &original {
        let found = rendered.get(key).copied().unwrap_or(0);
        matched += count.min(found);
        missing.extend(std::iter::repeat_n(key.clone(), count.saturating_sub(found)));
    }
    let mut extra = Vec::new();
    for (key, &count) in &rendered {
        let expected = original.get(key).copied().unwrap_or(0);
        extra.extend(std::iter::repeat_n(key.clone(), count.saturating_sub(expected)));
    }
    missing.sort();
    extra.sort();
    (matched, missing, extra)
}

#[test]
fn layout_rendering_gives_the_original_fiscal_year_cells() {
    let (matched, missing, extra) = compare("fixtures/003_libreoffice_pdftotext_layout.txt");
    assert!(extra.is_empty(), "cells that are not in the original (a wrong row, year or value): {extra:#?}");
    // Known failure (FIXME issue 3), 1 of 917: a text cell (original line 733, a bullet
    // list inside a cell) that the layout breaks over two lines, its row label too, on
    // the page after the table's header and first row, with no header printed again.
    assert_eq!(matched, 916, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), 1, "{missing:#?}");
}

#[test]
fn raw_rendering_gives_no_wrong_cells() {
    let (matched, missing, extra) = compare("fixtures/003_libreoffice_pdftotext.txt");
    assert!(extra.is_empty(), "cells that are not in the original: {extra:#?}");
    // Default-mode pdftotext prints each cell on a line of its own; `stacked` reads the
    // tables whose cells come row by row (labels before, after, or as a column first),
    // one row interleaved with its header, labels printed among the years, the national
    // requirement table (`評価資源 | 計画期間における必要量① | 現在の整備状況② | …`), and
    // year cells wrapped at an open bracket (`2024 年度① (R6) (現計` / `画)`) before a
    // difference column (`②-①`), a total column (`合計`) on a line of its own after a
    // one-line header, and tables with a difference column whose header cells, numbered
    // row labels (`受託率④`) and values come out mixed, when every row's values check
    // the difference (`3 - 7 = ▲4`, `増減(①-②)` too) in exactly one column order; a requirement table's
    // lone row with the last column's header printed among its values, or with the three
    // columns' words interleaved on one long header line, when `① - ② = ③` checks; a
    // header of year cells wrapped at an open bracket (`2019 年度 (R` / `1)`) whose last
    // cells are printed after the rows (`評価指標` / `2023 年度 (R` / `5)` …) when their years
    // go on one by one from the header's and the table ends with them; a 里親 matrix whose
    // later header cells are printed before its caption (after the table above, before that
    // table's note), when every row checks the difference.
    // FIXME(issue 3), still missing (the right answer is the tabbed original's cell):
    // - tables whose cells come out in an order that fits no reading, kept as
    //   `unresolved` fragments (values with their labels elsewhere on the page; two rows interleaved column by column, e.g.
    //   `こども家庭ソーシャルワーカー養成研修`; a row whose label is printed after the
    //   next table, `整備目標に対する過不足`);
    // - the two-level headers (`(内訳)`, cut by a page break in the middle of a row;
    //   `評価資源 | 計画期間における必要量①…` with status cells `(見込)` / `(計算) %`);
    // - tables whose header names no year per column, and a table split by a page break.
    assert_eq!(matched, 847, "matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), 917 - 847);
}

/// Every record of a rendering (not only fiscal-year ones), keyed by (row,
/// column, fiscal year, raw): none may be absent from the original — a cell
/// under the wrong column would be.
fn wrong_cells(rendering: &str) -> (usize, Vec<String>) {
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let key = |record: &keikaku::Record| {
        format!(
            "{} | {} | {:?} | {}",
            squeeze(&record.row),
            squeeze(record.column.as_deref().unwrap_or("")),
            record.fiscal_year,
            squeeze(&record.raw)
        )
    };
    let load = |path: &str| {
        let bytes = std::fs::read(path).expect("fixture");
        keikaku::records(&keikaku::parse(path, &bytes).expect("decodes"))
    };
    let mut original: HashMap<String, usize> = HashMap::new();
    for record in load("fixtures/003_81fdfb445e420b05.txt") {
        *original.entry(key(&record)).or_insert(0) += 1;
    }
    let rendered = load(rendering);
    let mut wrong = Vec::new();
    for record in &rendered {
        match original.get_mut(&key(record)) {
            Some(count) if *count > 0 => *count -= 1,
            _ => wrong.push(format!("line {}: {}", record.line, key(record))),
        }
    }
    (rendered.len(), wrong)
}

#[test]
fn layout_rendering_has_no_cell_under_a_wrong_column() {
    let (n_records, wrong) = wrong_cells("fixtures/003_libreoffice_pdftotext_layout.txt");
    assert!(wrong.is_empty(), "{wrong:#?}");
    // 916 fiscal-year cells and 458 others of the original's 1557 (the 里親+FH matrices
    // whose rows have a value per column, their two-row headers rebuilt). FIXME(issue 3),
    // still kept as `unresolved` fragments: the matrices whose rows have one value fewer
    // than the columns and whose sums do not show which cell is empty (`2 0 1 1 3` under
    // `乳児院 | 児童養護施設 | 里親+FH (里親 | FH) | 合計`), and the tables of the
    // bullet-cell page (see above) and of the front matter. The ケアニーズ matrix (1276-1283),
    // whose caption's wrapped rest (`子ど�数の見込み（単位：人）`) had been taken as a header
    // piece, is read (20 records, as the original reads them).
    assert_eq!(n_records, 1394);
}

/// No rendering puts any cell (fiscal-year or not) under a row or column the original
/// does not have it under. The number of records each gives is pinned.
#[test]
fn no_rendering_has_a_cell_under_a_wrong_column() {
    for (rendering, n_pinned) in [
        ("fixtures/003_libreoffice_pdftotext.txt", 903),
        ("fixtures/003_pdfminer.txt", 165),
        ("fixtures/003_pdfplumber.txt", 644),
        ("fixtures/003_pdfplumber_layout.txt", 997),
        ("fixtures/003_pdftotext_raw.txt", 804),
        ("fixtures/003_pymupdf.txt", 938),
        ("fixtures/003_pypdf.txt", 692),
        ("fixtures/003_pypdf_layout.txt", 1224),
        ("fixtures/003_pypdfium2.txt", 680),
        ("fixtures/003_pdfjs.txt", 680),
        ("fixtures/003_mutool.txt", 884),
    ] {
        let (n_records, wrong) = wrong_cells(rendering);
        assert!(wrong.is_empty(), "{rendering}: {wrong:#?}");
        assert_eq!(n_records, n_pinned, "{rendering}: records changed");
    }
}

/// A table that no reader could rebuild must not leave its numbers in the text as
/// if they were prose: the raw rendering's unread tables are `unresolved` blocks
/// (with a warning). Paragraphs that are nothing but a number are listed here.
#[test]
fn raw_rendering_leaves_almost_no_bare_numbers_in_the_text() {
    let path = "fixtures/003_libreoffice_pdftotext.txt";
    let document = keikaku::parse(path, &std::fs::read(path).expect("fixture")).expect("decodes");
    let json = serde_json::to_value(&document).expect("serializes");
    let mut bare = Vec::new();
    let mut stack = vec![&json];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                if map.get("type").and_then(|kind| kind.as_str()) == Some("paragraph") {
                    let text = map["text"].as_str().unwrap_or("");
                    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || ",.%▲() ".contains(c)) {
                        bare.push(format!("{}: {text}", map["lines"][0]));
                    }
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    bare.sort();
    // FIXME(issue 3): pieces of tables whose other cells were read (a value left over
    // after a row: `2,900`), a two-cell line `9.6% 100.0%`, and a list number.
    assert_eq!(bare, ["1276: 2,900", "2245: 9.6% 100.0%", "4505: 1(6)"]);
}

// Renderings by other PDF tools: The 明石市 plan as LibreOffice prints it to PDF (scripts/make-pdf-fixtures), its text extracted by PDF tools other than the `pdftotext` modes keikaku was built on (scripts/make-other-renderings, described in scripts/make-other-renderings.md). Each rendering's fiscal-year records are compared with the tabbed original's, keyed by (row, fiscal year, raw) with whitespace removed, as tests/renderings.rs does. A cell that the original does not have is a WRONG cell: there must be none. Each test also pins the number of cells found (FIXME(issue 3): it should grow towards 917) and says what is still missing.

const ORIGINAL_CELLS: usize = 917;

#[test]
fn original_has_917_fiscal_year_cells() {
    let cells: usize = fiscal_year_cells("fixtures/003_81fdfb445e420b05.txt").values().sum();
    assert_eq!(cells, ORIGINAL_CELLS);
}

/// Asserts no wrong cell and the pinned number of cells found.
fn check(rendering: &str, n_matched: usize) {
    let (matched, missing, extra) = compare(rendering);
    assert!(extra.is_empty(), "{rendering}: cells that are not in the original (a wrong row, year or value): {extra:#?}");
    assert_eq!(matched, n_matched, "{rendering}: matched cells changed; missing: {missing:#?}");
    assert_eq!(missing.len(), ORIGINAL_CELLS - n_matched);
}

/// `pdftotext -raw` (content-stream order): every table row is one line, its cells
/// joined by single spaces, with no blank line around the table.
#[test]
fn pdftotext_raw_rendering() {
    // A header printed one cell per line, its year cells wrapped at an open bracket
    // (`2024 年度① (R6) (現計` / `画)` / … / `②-①`), over rows one per line is read too.
    // Values whose unit is a word of its own (`実施回数 10 回 10 回 …`, `見込み数 20 人 20 人 …`)
    // are read as well, and so is a header of year cells wrapped at an open bracket
    // (`2019 年度 (R` / `1)`), one per line, over rows one per line.
    // FIXME(issue 3), still missing (156 cells, not all diagnosed): the two-level
    // `(内訳)` header, its cells one per line; rows one value short (an empty cell,
    // `実施回数 24 29 18 28 40 (見込)` under six years); the national requirement tables,
    // their header pieces one per line over rows on one line each.
    // Values of three words (`2 件 (+0) 3 件 (+1) …`) are read too.
    check("fixtures/003_pdftotext_raw.txt", 776);
}

/// pdfminer.six `pdf2txt.py` (default LAParams): text boxes in its reading order;
/// cells one per line with blank lines between, labels first, values often grouped
/// column by column (year by year), page header and footer anywhere on the page.
#[test]
fn pdfminer_rendering() {
    // A table with a difference column (`令和11 年度① | 令和6 年度② | 増減(①-②)`) is read when
    // its one row checks the difference, and a table whose labels come first and whose
    // values come column by column when its last row (`計`) is the sum of the rows above
    // in every column read so, and not read row by row ((2)里親登録数).
    // FIXME(issue 3), still missing: tables whose labels come first and whose values
    // come column by column, or in pairs of columns, where neither the kinds of the
    // values nor a total row prove the order (`71 15 71 30 72 …` reads as rows as well as columns: kept
    // as fragments rather than guessed); wrapped header cells; page furniture inside
    // tables; the 里親 matrices.
    check("fixtures/003_pdfminer.txt", 160);
}

/// PyMuPDF `page.get_text("text")`: one cell per line, row by row, no blank lines.
#[test]
fn pymupdf_rendering() {
    // Year cells wrapped at an open bracket (`2024 年度① (R6) (現計` / `画)`) are joined
    // back, a difference column after them (`②-①`) belongs to the header, and a header
    // printed partly one cell per line and partly joined on one line (`2026 年度 (R8)` /
    // `2027 年度 (R9) 2028 年度 (R10) …`) is read cell by cell, and so is a table whose
    // header has only two years and a difference column (`2019 年度① (R1)` / `2024 年度②
    // (R6)` / `②-①`) when every row checks the difference, and a header of year cells
    // wrapped at an open bracket (`2019 年度 (R` / `1)`). A status fused to its value
    // (`106 回(見込)`) counts as the two cells it is when a row is one value short, and a
    // label wrapped after a count (`18 歳到` / `達`) is joined when a line that is no value
    // comes before it and a value after.
    // FIXME(issue 3), still missing: the two-level `(内訳)` header (`(内訳)` / `3 歳未` /
    // `満` / `3 歳～就学` / `前` / …: which pieces make one cell is not shown by the text);
    // the requirement table with status cells (`37` / `(見込)` / `(計算)`); two-year tables
    // whose labels are printed among the years, values after (row or column order not
    // shown); one-column tables (`2024年度（令和6年度時点）`) and cells holding a list.
    check("fixtures/003_pymupdf.txt", 882);
}

/// pdfplumber `page.extract_text()`: every table row is one line, cells joined by
/// single spaces (as `pdftotext -raw`), wrapped labels above and below the values.
#[test]
fn pdfplumber_rendering() {
    // FIXME(issue 3), still missing: rows glued to the paragraph before them (no blank
    // line), as in `pdftotext -raw`; the 里親 matrices and two-level headers, whose rows
    // have more values than the header names years (kept as text, never guessed); the
    // `2019 年度 | 2024 年度① | 2024 年度② | ②-①` tables, whose header cells are printed
    // side by side on three lines in an order the text does not prove.
    // Values of three words (`2 件 (+0) 3 件 (+1) …`) are read too.
    check("fixtures/003_pdfplumber.txt", 644);
}

/// pdfplumber `page.extract_text(layout=True)`: a character grid like `pdftotext
/// -layout`, but lines padded to the page width, a blank line between some rows, a
/// label and its circled number (`利用可能な子どもの人数   ①`) in separate columns
/// and year-header cells joined by one space.
#[test]
fn pdfplumber_layout_rendering() {
    // Read: the requirement tables whose header cells run together or wrap apart (`評価資源
    // 計画期間における必要量① (R11年度末)  現在の整備状況 ② (R6年度末)` / …), cut by what each
    // of the three columns holds (`columns::requirement_header`); 44 cells more.
    // FIXME(issue 3), still missing: tables whose row labels end in a circled number
    // set apart (`利用可能な子どもの人数   ①`, one cell more than the header: kept
    // `unresolved`); the `(内訳)` header, whose `(内訳)` falls inside the column before
    // it (its table, continued after a page break, is joined but stays `unresolved`).
    // A total column run together after the last year cell (`2024 年度 (R 合計`, its era's end
    // on the next line) is a column of its own (`columns::split_years`): 814 → 836.
    check("fixtures/003_pdfplumber_layout.txt", 836);
}

/// pypdf `page.extract_text()` (pypdf 7.1.1): like pdfplumber, a table row per line,
/// cells one space apart, no blank lines; a wrapped row label is printed above its
/// values line, its last piece on that line (`登録` / `率 1.53 1.46 …`, `在宅指導措置委託
/// 件数 (前年度` / `からの増減) 2 件 (+0) …`).
#[test]
fn pypdf_rendering() {
    // Read: a label's pieces above its values line, the piece that leaves a bracket open
    // for the next line to close going to the next row; a piece before a row with a
    // label is a row group only under a header naming two stub columns (`事業名 機関名`),
    // and never before a label of one or two characters (`率`).
    // FIXME(issue 3), still missing (225 cells): the `(内訳)` matrix, whose rows have more
    // values than the header names years; the requirement tables (`評価資源 | 計画期間に
    // おける必要量① | …` printed over two lines); the 里親 matrices; tables whose rows
    // are glued to the paragraph before them.
    check("fixtures/003_pypdf.txt", 692);
}

/// pypdf `page.extract_text(extraction_mode="layout")` (pypdf 7.1.1): a character
/// grid like `pdftotext -layout`, but year-header cells glued after their bracket
/// (`2025 年度 (R7)2026 年度 (R8)…`), a wrapped label's rest printed under its row
/// (`登録  1.53 …` / `率`), and the same header spaced differently on the next page.
#[test]
fn pypdf_layout_rendering() {
    // Read: the glued year cells are split after each bracket (they had given 241 wrong
    // cells, every value one year off, before); a label's rest under the last row, with
    // a blank line after it, ends the row's label; a table cut by a page break goes on
    // under the header printed again, however spaced, the better-spaced header kept.
    // FIXME(issue 3), still missing (160 cells): tables whose glued header splits into
    // fewer cells than the rows' values (the requirement tables, `② - ①` columns), and
    // tables with a year column header whose label cells wrap over several lines.
    check("fixtures/003_pypdf_layout.txt", 757);
}

/// The same plan printed by another PDF producer: LibreOffice saves it as HTML and
/// Chromium prints that to PDF (scripts/make-chromium-renderings): cells aligned to
/// the top of their rows, narrow columns, year cells wrapped at 年 (`2025 年` / `度
/// (R7)`), header cells one space apart. `pdftotext -layout` of it.
#[test]
fn chromium_layout_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_chromium_pdftotext_layout.txt");
    // Read: year cells wrapped at 年 and their eras on the next line; a label's rest
    // under its row when every row's label starts on its values line; a column whose
    // label names two disagreeing years (header cells run together) makes the table
    // `unresolved` (it had given 16 cells a year one off).
    // A label's rest that is a formula of circled numbers (`全体からの割合` / `②/①`) is no
    // heading.
    // A label's rest with a note under it (`る過不足` / `対象：…`, 1130-1131) ends the label.
    // A header of year cells after a stub word with their eras on the next line (`年度  2020
    // 年度  …` / `(R2)  …`) is one header row, and the last row's label rest, right above the
    // next caption, ends its label when every row above has its rest under it (573-584,
    // 641-646; these tables had been kept as fragments, 83 cells). The requirement tables,
    // their three header cells one space apart and wrapped each its own way, are cut by what
    // each column holds (`columns::requirement_header`; they had given 34 records under
    // wrong columns), a footnote mark under a label (`※1`) is its rest, and so is a piece
    // right above a heading (28 cells).
    // A letter-spaced label whose half-width kana broke over two lines (`児 童 福 祉 司 ス - バ °-`
    // / `ハ"イサ"- (SV) の配置`, 1638-1639) had given 5 cells under `児童福祉司ス-バ°-バイザー…`:
    // the label loses its spacing, then its kana are repaired whole
    // (`normalize::unspace_letters`).
    assert!(extra.is_empty(), "{extra:#?}");
    // FIXME(issue 3), still missing (301 cells): tables whose header takes the caption
    // above it, the requirement tables whose rows are scattered (表4), and the matrices.
    // Year cells run together one space after the stub word (`評価指標  2025 年 2026 年 …`),
    // a label's indented first piece above its values line, and a unit in brackets under
    // the last row (`（箇所）`): 132 cells. Year cells over their eras paired in order where
    // their places drift apart (`2025年度 2026年度 … 2029年` / `(R7)     (R8) … (R10) 度 (R11)`,
    // `columns::paired_years`): 60 cells. A stub wrapped before run-together years
    // (`区域全 2025年度 …` / `市`): 10 cells. A total column wrapped like the years (`2024年 合` /
    // `度 (R6) 計`) over rows whose labels read as values (`18歳` / `到達`): 22 cells.
    // Year cells wrapped at `年` over eras of which one is already `年度`'s (`2025年 … 2028年度
    // 2029年度` / `度 (R7) … (R10) (R11)`, 511-512; `columns::header_ends`): 10 cells.
    assert_eq!(matched, 616, "missing: {missing:#?}");
    // Every record, fiscal-year or not, is the original's (5 under the letter-spaced label
    // above, 34 requirement-table records under garbled columns, 6 under a formula
    // taken into the header, 4 under a caption's rest and 4 under a stub run into a year
    // cell had been).
    let (n_records, wrong) = wrong_cells("fixtures/003_chromium_pdftotext_layout.txt");
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(n_records, 809);
}

/// The Chromium PDF (see `chromium_layout_rendering`) in default `pdftotext` mode:
/// the cells of a row come one per line, often out of order.
#[test]
fn chromium_raw_rendering() {
    let (matched, _, extra) = compare("fixtures/003_chromium_pdftotext.txt");
    // pdftotext prints the row `年度ごとの整備目標` as `1,650` / `1,700` / `1,750` / `1,800` /
    // `1,600` (the first year's value last, 696-701), which gave 5 cells a year one off: its
    // values are the row above's turned round, so the table is `unresolved` (tables.rs
    // `rotated_row`). FIXME(issue 3): right: 1,600 for 2025, 1,650 for 2026, and so on.
    // Read now (24 cells under a wrong row label had been, values and years right):
    // - a label's rest printed after its values (`利用児童` / … / `数`, `こども家庭センター` /
    //   … / `の設置数`), and labels wrapped around their values (`利用可能な子ども` / `71` … /
    //   `の人数 ①` / `利用した子どもの` / `15` … / `数②`, 414-437);
    // - a header's year cells wrapped over three lines (`2027 年 2028 年度 2029 年` / `度 (R9)` /
    //   `(R10) 度 (R11)`), which had been taken into a label;
    // - a year header under a table's rows (`2025 年 2026 年 … 2029 年度`, 2379) ends the table:
    //   it had been read as a row of values (`2025年` under 2025, …) whose label held a caption.
    // - a footnote mark alone after a row's values, before the next row's label (`児童福祉司等
    //   配置数` / `37` / `36` / `2` / `※1` / `児童心理司の配置数`, 3683-3690), ends the row's label
    //   (2 cells under `児童福祉司等配置数` had been, and the next row was lost).
    assert!(extra.is_empty(), "{extra:#?}");
    // 34 before the rotated row was refused: its table's first row (`資源の必要量`, 5 cells) goes too.
    // A one-line header's eras a line each under it: ショートステイ's `2歳未満` (1855-1859), 5 more.
    assert_eq!(matched, 70);
}

/// No rendering gives a cell a caption the original does not give that cell's
/// table: a caption waiting for its table must not reach over tables left
/// unread (in pdfminer it once named a table 420 lines below it).
#[test]
fn no_rendering_gives_a_cell_another_tables_caption() {
    // The original has a broken character in two captions (`子ど�数の見込み`), which
    // pypdf prints at the end of the line instead (`子ど 数の見込み（単位：人）�`): it is
    // left out of the comparison.
    let squeeze = |text: &str| text.split_whitespace().collect::<String>().replace('\u{FFFD}', "");
    let load = |path: &str| {
        let bytes = std::fs::read(path).expect("fixture");
        keikaku::records(&keikaku::parse(path, &bytes).expect("decodes"))
    };
    // Per row label, the captions the original gives its tables. A rendering may fold
    // more or fewer of a caption's continuation lines into it: one must start the other.
    let mut original: HashMap<String, Vec<String>> = HashMap::new();
    for record in load("fixtures/003_81fdfb445e420b05.txt") {
        if let Some(caption) = record.caption.as_deref() {
            original.entry(squeeze(&record.row)).or_default().push(squeeze(caption));
        }
    }
    let known = |row: &str, caption: &str| {
        original
            .get(row)
            .is_some_and(|captions| captions.iter().any(|known| known.starts_with(caption) || caption.starts_with(known.as_str())))
    };
    for rendering in [
        "fixtures/003_libreoffice_pdftotext.txt",
        "fixtures/003_libreoffice_pdftotext_layout.txt",
        "fixtures/003_pdfminer.txt",
        "fixtures/003_pdfplumber.txt",
        "fixtures/003_pdfplumber_layout.txt",
        "fixtures/003_pdftotext_raw.txt",
        "fixtures/003_pymupdf.txt",
        "fixtures/003_pypdf.txt",
        "fixtures/003_pypdf_layout.txt",
        "fixtures/003_pypdfium2.txt",
        "fixtures/003_pdfjs.txt",
        "fixtures/003_mutool.txt",
        "fixtures/003_ghostscript.txt",
        "fixtures/003_chromium_pypdfium2.txt",
        "fixtures/003_chromium_pdfjs.txt",
    ] {
        let mut wrong: Vec<String> = load(rendering)
            .iter()
            .filter_map(|record| {
                let caption = squeeze(record.caption.as_deref()?);
                (!known(&squeeze(&record.row), &caption)).then(|| format!("line {}: `{}` under `{caption}`", record.line, record.row))
            })
            .collect();
        wrong.dedup();
        assert_eq!(wrong, Vec::<String>::new(), "{rendering}");
    }
}

// More extractors (scripts/make-more-renderings, described in
// scripts/make-more-renderings.md): the same LibreOffice PDF through PDFium (Chrome's
// engine), pdf.js (Firefox's), Ghostscript's txtwrite device and MuPDF 1.21's `mutool`.

/// PDFium through pypdfium2 5.15.2, `get_text_range()`: content-stream order as in pypdf, a
/// table row per line, cells one space apart, no blank lines anywhere; but a status set
/// apart from its value (`106 回 (見込)`), a wrapped label's pieces all on lines above its
/// values line (`在宅指導措置委託件数 (前年` / `度からの増減)` / `2 件 (+0) …`), and narrow
/// year cells wrapped at an open bracket (`2019 年度 (R` / `1)`).
#[test]
fn pypdfium2_rendering() {
    // FIXME(issue 3), still missing (237 cells): what pypdf misses (see `pypdf_rendering`),
    // and 12 cells that pypdf gives: 表●● (fixture 783-797), whose header is printed
    // `評価指標 2019 年度 (R` / `1)` / `2020 年度 (R` / `2)` / … (a year cell a line, wrapped at
    // the bracket, the stub on the first line) over rows one per line (`実施回数 24 29 18 28
    // 40 (見込)`): the block is cut after `1)` (783-785 and 786-797 are paragraphs); right:
    // 実施回数 24, 29, 18, 28, 40, (見込) and 受講者数(延べ人数) 155, 100, 49, 133, 147, (見込)
    // for 2019-2024. 表1 and 表2 (`延べ面会回数 82 回 124 回 106 回 (見込)`, 104-107, 118-120)
    // are paragraphs: the status is a word of its own after a value with its unit.
    check("fixtures/003_pypdfium2.txt", 680);
}

/// pdf.js (pdfjs-dist 5.6.205) `getTextContent()`, items joined with a newline where
/// `hasEOL`: nearly the PDFium text (same order), but a wrapped label's last piece on its
/// values line (`度からの増減) 120 件 …`), as pypdf prints it.
#[test]
fn pdfjs_rendering() {
    // FIXME(issue 3), still missing (237 cells): the same as PDFium's (`pypdfium2_rendering`),
    // 表●● at 775-789 here.
    check("fixtures/003_pdfjs.txt", 680);
}

/// MuPDF 1.21 `mutool draw -F txt`: PyMuPDF's order (one cell per line, row by row), but
/// a blank line after every block (every table row, every header cell group), CJK–digit
/// spaces on both sides (`令和 2 年`), and year header cells joined on one line more often.
#[test]
fn mutool_rendering() {
    // FIXME(issue 3), still missing (80 cells): what PyMuPDF misses (see `pymupdf_rendering`)
    // and 36 cells that PyMuPDF 1.28 gives from the same words in the same order: only the
    // blank lines differ, and with them `stacked.rs` keeps these tables `unresolved` ("a year
    // header whose cells came out one per line in an order that fits no reading"):
    // - 表●● 一時保護施設職員に対する研修… (2258-2297): the stub `評価指標` is in the caption's
    //   block (no blank line between), then `2019 年度 (R` / `1)` … a block each, then the rows
    //   a block each with `40 (見込)` on one line; right: 実施回数 24, 29, 18, 28, 40, (見込) and
    //   受講者数(延べ人数) 155, 100, 49, 133, 147, (見込) for 2019-2024 (12 cells);
    // - 表○ 社会的養護継続中に 18 歳を迎えた方の状況 (4072-4092): the six years on one line,
    //   `合計` a block below, then `18 歳到` / `達` and the values a block; right: 18歳到達 5, 6, 5,
    //   2, 7, 5 and 措置延長 3, 1, 2, 1, 5, 2 for 2019-2024 (12 cells);
    // - 表〇〇 全年齢における必要里親家庭数及び里親委託率 (3235-3285), while its three sister
    //   matrices laid out alike are read (not diagnosed; 12 cells).
    check("fixtures/003_mutool.txt", 837);
}

/// Ghostscript 10.0 `txtwrite`: a character grid like `pdftotext -layout`, but no blank
/// line anywhere (not between paragraphs, tables, or a table and the page's running
/// title), no CJK–digit spaces (`2024年度 (R6)`, `82回`), header cells one space apart
/// (`2024 年度 (R6) 2025 年度 (R7) …`), and text on one baseline merged into one line:
/// a label's first line into the header line (`設置 2024 年度 (R6) …` / `数  1  1 …`), a
/// caption into the first line of wrapped header cells.
#[test]
fn ghostscript_rendering() {
    let (matched, missing, extra) = compare("fixtures/003_ghostscript.txt");
    // The note `対象：…` printed right under a table (915-916, 923-924) is no piece of its last
    // row's label (blocks.rs `NOTE_LEADS`), nor a unit line set apart after a caption's rest
    // (`…支援課実施分 単位：人（…）`) a piece of the header below it.
    // The label cell `設置数` ((3) ファミリーホーム数, 1096-1097) and `開催数` ((4), 1099-1100)
    // wrap as `設置` / `数`, and Ghostscript prints `設置` on the header line, one space before
    // `2024 年度 (R6)`: the table is `unresolved` (words before one year that the others lack),
    // where its 12 cells were read under the row `数`.
    // FIXME(issue 3): the right rows are `設置数` 1 1 1 1 2 2 and `開催数` 3 ×6 (2024-2029).
    assert!(extra.is_empty(), "{extra:#?}");
    // FIXME(issue 3), still missing (203 cells, not all diagnosed): tables glued to the
    // paragraph or caption before them (no blank line), the 里親 matrices whose caption takes
    // the first lines of the wrapped header cells (1036: `表〇〇 全年齢… 2024年度① (R6) (現計
    // 2024年度② (R6) (実`; its columns `画)` and `績)` make it `unresolved`, so its 7 cells of
    // 2019 go too), the `(内訳)` matrix (1048-1062; `unresolved`, so its 18 cells of 2024 and
    // 2029 go too), requirement tables.
    assert_eq!(matched, 696, "missing: {missing:#?}");
}

/// Ghostscript (see `ghostscript_rendering`): records under a column the original does not
/// give them (values right). Pinned until they are fixed.
#[test]
fn ghostscript_rendering_cells_under_a_wrong_column() {
    let (n_records, wrong) = wrong_cells("fixtures/003_ghostscript.txt");
    // The page's running title `明石市社会的養育推進計画`, right-aligned at the top of the
    // page with no blank line under it, is page furniture (it starts most pages); it had
    // been joined to the header cell below it (`明石市社会的養育推進計画合計`), 6 records; the
    // stub `年度` one space before the first year (1152-1169) is split off it, 6 more.
    // The 全年齢 matrix (1036-1044), whose caption line holds the first lines of its two
    // wrapped year cells, had given 14 records under the columns `画)` and `績)` with no year
    // (right: `2024 年度① (R6) (現計画)`, `2024 年度② (R6) (実績)`, fiscal year 2024): a column
    // that is only a wrapped cell's end makes the table `unresolved` (tables.rs
    // `is_closing_piece`).
    // The `(内訳)` matrix had given 24 records under wrong columns (fiscal years right); the
    // stub `数①`, a numbered row's label rest on a header line, now makes it `unresolved`
    // (tables.rs). What it had been:
    // - 24: `(内訳)` matrix after the page break (1053-1062): `(内訳)` joined to `2029年度 (R11)
    //   (改定)` instead of parenting the breakdown, whose cells are printed one space apart on
    //   two lines (`3歳未 3歳～就学 学童期以` / `満 前 降`) and joined wrongly (`3歳未満`,
    //   `3歳~就学学童期以前`, `降`); right: `2029年度 (R11) (改定)`,
    //   `(内訳) > 3歳未満`, `(内訳) > 3歳~就学前`, `(内訳) > 学童期以降`;
    // The requirement table (806-808), two header lines interleaved (`現在の整備状況② (R6①
    // (R11 年度 4 月) 年度 4 月)`), had given 3 more: its header's columns cannot be cut apart
    // (`columns::requirement_header`), and it is kept as fragments. The formulas above two
    // year headers (`里親登録数 × 平均受託児童数 + F H の定員数(A)` / `乳児院・…(B)`, 1071-1076,
    // 1079-1084) had been taken into the first column's label, 6 more: a formula is no
    // header piece.
    // FIXME(issue 3): right: `2029年度 (R11) (改定)`, `(内訳) > 3歳未満`, `(内訳) > 3歳~就学前`,
    // `(内訳) > 学童期以降` (1053-1062), read.
    assert_eq!(wrong.len(), 0, "{wrong:#?}");
    assert_eq!(n_records, 845);
}

/// Chromium's PDF (see `chromium_layout_rendering`) through PDFium (pypdfium2 5.15.2): what
/// Chrome itself gives when the text of a Chrome-printed PDF is extracted. Content-stream
/// order: each header cell wrapped at 年 a piece per line (`2025 年` / `度 (R7)`), or its era
/// on the next line (`2021年度` / `(R3)`), wrapped labels a piece per line (`利用可能な子ども`
/// / `の人数 ①`), each row's values on one line (`71 71 72 72 73`), justified labels letter-
/// spaced (`全 体 か ら の 割 合`), no blank lines.
#[test]
fn chromium_pypdfium2_rendering() {
    // Read: 表1 (140-149), ショートステイ (1109-1119) and the last row of a 里親 matrix (1707-1714).
    // Year cells wrapped before their era or at `年` (`2025年度` / `(R7)`, `2029年` / `度 (R11)`,
    // `2024年度①` / `(R6) (現計画)`) are joined into one header cell; a row printed whole on its
    // line among rows printed a piece per line (`登録里親数③ 13 22 7 ▲15` after `代替養育を
    // 必要とする子` / `ども数①` / `20 20 5 ▲15`) is a label and its values; a year cell, a
    // caption or a note with a colon (`対象：…`) is no label piece, and a piece right above a unit
    // line or a caption heads the next table: 16 → 530 cells, every one the original's.
    // FIXME(issue 3), still missing (369 cells): ショートステイ's matrix (25), the 研修 table
    // (15), the 3歳未満 里親 matrix (14), tables whose labels are letter-spaced (`養 育 里` /
    // `親`) or read as values (`18歳` / `到達`), and tables whose header is printed again
    // after a page break inside them.
    // Rows whole on their line counted as values before a repeated header: 530 → 548.
    // A footnote mark alone after a row's values ends that row's label (`※1`): 548 → 558.
    check("fixtures/003_chromium_pypdfium2.txt", 558);
    // A year cell's era on the next line (`2021年度` / `(R3)`, 140-147) is joined to it (it
    // had been dropped: 14 records named their column without it); so is a qualified one
    // (`2024年度①` / `(R6) (現計画)`: 2 records had named their column `2024年度①`).
    let (n_records, wrong) = wrong_cells("fixtures/003_chromium_pypdfium2.txt");
    assert_eq!((n_records, wrong.len()), (586, 0), "{wrong:#?}");
}

/// Chromium's PDF through pdf.js (pdfjs-dist 5.6.205): PDFium's lines nearly, but most kanji
/// come out as **Kangxi radicals** (`⼦` U+2F26 for 子, `⽀` U+2F40 for 支, `⾥` U+2FA5 for 里:
/// 2,625 in the file) or CJK radicals-supplement characters (`⺠` U+2EA0 for 民), and `・` as
/// `‧` (U+2027): Chromium's font subsets map those glyphs to the radicals in their ToUnicode
/// tables, and pdf.js uses those as they are (pdftotext and PDFium print the ideographs).
#[test]
fn chromium_pdfjs_rendering() {
    // The radicals are folded to the ideographs they stand for (normalize.rs: NFKC for
    // U+2F00-U+2FD5, Unicode's EquivalentUnifiedIdeograph.txt for U+2E80-U+2EFF, `‧` → `・`),
    // six of them to the form Japanese writes, not NFKC's (`⼾` → `戸`, not `戶`: `全戸訪問`).
    // The readers that took PDFium's rendering from 16 to 530 cells take this one from 13 to
    // 186; a stub word printed before the first year (`年度 2020 年度` / `(R2)`) and rows whole on
    // their line after a label piece (`妊 娠 届 出` / `数 2,646 2,598 …`) to 430; the 里親
    // matrices, a difference column printed after the last year's era (`(R6) (実績) ②-①`), to 532.
    // FIXME(issue 3), still missing (385 cells): the rest of the 里親 matrices, whose header is
    // printed again before the last row (1589-1595), ショートステイ (25), the 研修 table (15),
    // tables whose labels read as values (`18歳` / `到達`).
    check("fixtures/003_chromium_pdfjs.txt", 532);
    // The stub is set apart from the first year cell (5 records had named their column
    // `年度2021年度`).
    let (n_records, wrong) = wrong_cells("fixtures/003_chromium_pdfjs.txt");
    assert_eq!((n_records, wrong.len()), (560, 0), "{wrong:#?}");
}

/// Every rendering reads the title page as the original does: title, municipality, plan
/// period, publication month and the revision mark (`2025 年(令和 7 年)3 月(改定)`, with the
/// spaces a PDF's text puts between digits and kanji, is March 2025 too).
#[test]
fn every_rendering_reads_the_title_page() {
    let meta = |path: &str| {
        let bytes = std::fs::read(path).expect("fixture");
        let meta = keikaku::parse(path, &bytes).expect("decodes").meta;
        format!(
            "{:?}",
            (meta.title, meta.municipality, meta.plan_period.map(|period| (period.from, period.to)), meta.published, meta.revised)
        )
    };
    let original = meta("fixtures/003_81fdfb445e420b05.txt");
    assert_eq!(original, format!("{:?}", (Some("明石市社会的養育推進計画"), Some("明石市"), Some((2025, 2029)), Some("2025-03"), true)));
    let mut renderings: Vec<_> = std::fs::read_dir("fixtures")
        .expect("fixtures")
        .filter_map(|entry| entry.ok().map(|entry| entry.path().display().to_string()))
        .filter(|path| path.starts_with("fixtures/003_") && path.ends_with(".txt") && !path.contains("81fdfb445e420b05"))
        .collect();
    renderings.sort();
    assert_eq!(renderings.len(), 61);
    for rendering in renderings {
        // FIXME(issue 3): twocolall (the cover set in two newspaper columns too) reads its
        // title from chapter 1's prose; right: as the original.
        if rendering == "fixtures/003_twocolall_pdftotext.txt" {
            assert_ne!(meta(&rendering), original, "{rendering} reads its title page now: drop this exception");
            continue;
        }
        assert_eq!(meta(&rendering), original, "{rendering}");
    }
}

/// Renderings made after the readers above were written, to see how they fare on line
/// wraps they were not tuned on (scripts/make-heldout-renderings, described in
/// scripts/make-heldout-renderings.md): the tabbed plan through LibreOffice as
/// `make-pdf-fixtures` does, but in IPAex fonts (`ipaex`), on B5 paper with wider
/// margins (`b5`), and with a wide label column and narrow equal value columns in IPAex
/// Gothic (`widecols`); each through `pdftotext` and `pdftotext -layout`. What they showed
/// was fixed where a value or a year was wrong (below); the rest is pinned.
#[test]
fn heldout_renderings() {
    // ipaex, default mode: a row's cells a line each (`1` / … / `120 件`) had been read as a
    // numbered row's label (`wrapped_rows`), which put 4 values a year early (2025 =
    // `140 件 (+20)`, right: 2026) and `6回` under the wrong row. A label is words now.
    // Read since: a table printed column by column (stub and labels as a column, then each
    // year cell followed by its values: `stacked::column_blocks`), and labels as a column above
    // a one-line header with the values row by row after it (`labels_column_above`): 80 → 136.
    // A stub word alone over a column of labels is no caption's rest (`表○ 特定妊婦… (単位：人)`
    // / `年度` / `妊娠届出数` / …: blocks.rs `heads_labels`), and is the header's stub: 136 → 191.
    // FIXME(issue 3): 191 of 917: columns whose values hold two (`26 (83.9%)`), the 里親
    // matrices, tables whose rows are all counts (order not shown).
    check("fixtures/003_ipaex_pdftotext.txt", 191);
    // ipaex, -layout: a row's label and text cell wrapped together onto the next line
    // (`…児 ・一時保護専用施設 0 箇所 ・里親・ファミ` / `童養護施設等の確保数 リーホーム 16 組 …`)
    // had been read as two rows, each with half the cell; the cell goes on a word cut in two.
    // FIXME(issue 3): missing 21: the (内訳) matrix (`受託率④ … 38.8  50.0` breaks its sums).
    check("fixtures/003_ipaex_pdftotext_layout.txt", 896);
    assert_eq!(wrong_cells("fixtures/003_ipaex_pdftotext_layout.txt"), (1341, Vec::new()));
    // b5, default mode: year cells side by side on one line, each cut at its bracket, their
    // ends a line each below (`2028 年度 (R 2029 年度 (R` / `10)` / `11)`): 270 → 403.
    // FIXME(issue 3): 403 of 917: a first row's label glued into the caption above the
    // header (`表○ … (単位：人)` / `年度` / `代替養育子ども数` / `A`), the 里親 matrices.
    check("fixtures/003_b5_pdftotext.txt", 403);
    // b5, -layout: the requirement tables' wrapped header (`計画期間における必` / `要量①…`) had
    // been read as a parent over two columns, 45 records under mashed column labels (years
    // right); its three columns span nothing now.
    // A number cut in its cell over three lines around its row (`▲10.` / `受託率④  20.0 …` /
    // `0`, the rest reading as a page number) is that cell (`columns::rows`,
    // `blocks::spaced_lines`): two 里親 matrices read, 818 → 839. The (内訳) matrix, now read as
    // far as its header, holds its columns' first lines run together in the spanning cell
    // (`(内訳) 3 歳 3 歳～就 学童期` over `未満  学前  以降`): `tables` keeps it unresolved.
    // FIXME(issue 3): missing 78: that matrix, values wrapped inside their cells (`140 件 (+2`
    // / `0)`), `40 (見込)`.
    check("fixtures/003_b5_pdftotext_layout.txt", 839);
    // The contents page's entries wrapped past what `toc` reads (`里親・ファミリーホームへの委託の
    // 推進に向けた取` / `8  35` / `組`, 62-64) had been a table with a page number as its value:
    // lines on the contents page are kept as fragments (blocks.rs `on_contents_page`).
    // FIXME(issue 3): read them as contents entries.
    let (n_records, wrong) = wrong_cells("fixtures/003_b5_pdftotext_layout.txt");
    assert_eq!((n_records, wrong.len()), (1285, 0), "{wrong:#?}");
    // widecols, default mode: the year cells share a line (`2020 年度 2021 年度 …`), each era
    // is on a line of its own, and the labels come as a column after the values (a stub word
    // first): 0 → 54 (`eras_a_line_each`, `labels_column_after`; a stub word after the values
    // is no piece of the label after it).
    // FIXME(issue 3): 54 of 917: tables whose rows are all counts, so that nothing shows whether
    // the values run row by row or column by column (特定妊婦, 25 cells: kept as fragments).
    check("fixtures/003_widecols_pdftotext.txt", 54);
    // widecols, -layout: a label cut at a page break (`在宅指導措置委託件数(前年度か`, 692, the
    // header printed again over its rest `らの増減)`, 697-699) had given 5 cells under the cut
    // label; the rest closes the bracket, so the table goes on (`continue_after_page_break`).
    // Shares cut at their decimal point in narrow value columns, the row's label on the cells'
    // second line (`26 (83.  59 (78. …` / `(うち里親)  9%)  7%) …`, 1797-1798), are one row
    // (`columns::cut_cells_rows`; the ショートステイ table had been fragments): 606 → 636.
    // FIXME(issue 3): missing 281: the 里親 matrices (year cells wrapped over three lines in
    // narrow columns, 84), the 18歳 tables, tables whose header cells run together.
    let (matched, _, extra) = compare("fixtures/003_widecols_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (636, 0), "{extra:#?}");
    // Two text header cells run together one space apart over their wrapped rests
    // (`こども支援課実施 子育て支援課実施` / `分  分`, 594-595; `児童家庭支援セン 在宅指導措置委託`
    // / `ター数  件数`) are paired in order (`columns::paired_words`): 12 records had been under
    // the mashed columns `こども支援課実施子育て支援課実施分` and `分`.
    // 3 records from the contents page (26-32, page numbers under the column `び全体像`) are
    // gone too (`on_contents_page`).
    let (n_records, wrong) = wrong_cells("fixtures/003_widecols_pdftotext_layout.txt");
    assert_eq!((n_records, wrong.len()), (738, 0), "{wrong:#?}");
}

/// Fiscal-year records whose (fiscal year, raw) the original does not have at all: a value
/// under a wrong year, or a value that is not one. Whatever their labels, there must be none.
fn values_under_wrong_years(rendering: &str) -> Vec<String> {
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let load = |path: &str| {
        let bytes = std::fs::read(path).expect("fixture");
        keikaku::records(&keikaku::parse(path, &bytes).expect("decodes"))
    };
    let mut original: HashMap<(i32, String), usize> = HashMap::new();
    for record in load("fixtures/003_81fdfb445e420b05.txt") {
        if let Some(year) = record.fiscal_year {
            *original.entry((year, squeeze(&record.raw))).or_insert(0) += 1;
        }
    }
    let mut wrong = Vec::new();
    for record in load(rendering) {
        let Some(year) = record.fiscal_year else { continue };
        match original.get_mut(&(year, squeeze(&record.raw))) {
            Some(count) if *count > 0 => *count -= 1,
            _ => wrong.push(format!("line {}: {} | {year} | {}", record.line, record.row, record.raw)),
        }
    }
    wrong
}

/// A second round of held-out renderings (scripts/make-heldout-renderings-2, described in
/// scripts/make-heldout-renderings-2.md), made and measured before the readers were changed
/// for them: A4 landscape (`landscape`), VL Gothic with 11 pt tables (`vlgothic`), A5 with
/// centred value cells (`a5centre`), and a Word document built with python-docx, converted
/// by LibreOffice (`docx`). Before: 55 records had a value under a wrong row (2 also under
/// a wrong year), 4 had a wrong value (a number cut in its cell), 240 a mangled label.
#[test]
fn heldout_renderings_2() {
    let renderings = [
        "fixtures/003_landscape_pdftotext.txt",
        "fixtures/003_landscape_pdftotext_layout.txt",
        "fixtures/003_vlgothic_pdftotext.txt",
        "fixtures/003_vlgothic_pdftotext_layout.txt",
        "fixtures/003_a5centre_pdftotext.txt",
        "fixtures/003_a5centre_pdftotext_layout.txt",
        "fixtures/003_docx_pdftotext.txt",
        "fixtures/003_docx_pdftotext_layout.txt",
    ];
    for rendering in renderings {
        let wrong = values_under_wrong_years(rendering);
        assert!(wrong.is_empty(), "{rendering}: {wrong:#?}");
    }
    // landscape, default mode: the page number printed before a table's last cells (`— — — 11
    // 6` / `- 60 -` / `— 9 0 7 3`, 4612-4638) had put two rows' values under one row, 11 and 6
    // in 2023-2024; values after the page's furniture that no label claims make the table
    // unresolved (blocks.rs `orphan_values_after`; its 10 right cells go with it: 698 → 688).
    check("fixtures/003_landscape_pdftotext.txt", 688);
    assert_eq!(wrong_cells("fixtures/003_landscape_pdftotext.txt"), (735, Vec::new()));
    check("fixtures/003_landscape_pdftotext_layout.txt", 916);
    assert_eq!(wrong_cells("fixtures/003_landscape_pdftotext_layout.txt"), (1394, Vec::new()));
    // vlgothic, default mode: a requirement header's wrapped end (`(R11 年度` / … / `末)`) had been
    // the row label of 6 records; it is the header's now (that table is not read).
    // FIXME(issue 3): 4 cells under `降全体`: `学童期以降`'s rest after a page break (3057) taken
    // with the next label `全体`; right: `全体` 37.1% 43.8% 53.0% 60.3% (2024-2027).
    let (matched, _, extra) = compare("fixtures/003_vlgothic_pdftotext.txt");
    assert_eq!((matched, extra.len()), (88, 4), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_vlgothic_pdftotext.txt").1.len(), 4);
    // vlgothic, -layout: `▲10.` / `受託率④ … 25.0  0` (1426-1427), a number cut inside its cell
    // above its row, had been a row group and the row's difference `0`; it is the cell's head
    // (`columns::rows`). A wrapped label's kana are repaired once whole (`スーパーバイサ` / `"-`).
    // FIXME(issue 3): 4 records under mashed columns (452-453: a text header's cells one space
    // apart after a page break, `40 件 年 5~6 回実施` two cells in one).
    // A table whose header the next page prints again over other lines (three lines, then two:
    // 3112-3124) goes on there (`continue_after_page_break`): 795 → 813.
    // And a total column run together after the last year cell (`2024 年度 (R 合計`, 3308): 825.
    // A row whose values, one space apart, make a cell over 40 characters (`年度ごとの  1,600
    // 1,650 (+50) 1,700 (+50) 1,750 (+50)   1,800 (+50)`, 541) had ended its table unread; it is
    // a row (`columns::is_row`): 830.
    check("fixtures/003_vlgothic_pdftotext_layout.txt", 830);
    assert_eq!(wrong_cells("fixtures/003_vlgothic_pdftotext_layout.txt").1.len(), 4);
    // a5centre, default mode: a label cut by a page break goes on under the header printed again
    // (`保健師の配置` / `6` … / `- 90 -` / `評価指標` / `2025 年度` / … / `数`, 5911-5935).
    check("fixtures/003_a5centre_pdftotext.txt", 301);
    assert_eq!(wrong_cells("fixtures/003_a5centre_pdftotext.txt"), (305, Vec::new()));
    // a5centre, -layout (654 → 738 cells, 56 → 10 wrong records): a letter-per-line label
    // centred on its values (`登` / `録  1.53 …` / `率`), a row's values one space apart
    // (`338 (71.6%) 600 (73.1%) …`), a page-cut label's rest that is a bracket of its own or a
    // short line (`(前年度からの増減)`, `数`), a note mark's number under its row (`※` / `1`),
    // and the contents going on over the next page.
    // And the number cut over three lines around its row (`▲10.` / row / `0`): 738 → 774.
    // A header cell's last line alone right of every row label (`児童家庭支援センター` /
    // `在宅指導措置委託件数` / `数`, 982-987) is the header's, not the first row's: 10 → 6.
    // FIXME(issue 3): 6 records of a requirement table under mashed columns (876-879: header
    // cells fused by one space, `サポートプラン 内部研修の実施回`), values right.
    check("fixtures/003_a5centre_pdftotext_layout.txt", 774);
    assert_eq!(wrong_cells("fixtures/003_a5centre_pdftotext_layout.txt").1.len(), 6);
    // docx, default mode: Word's year cells, then their eras, a line each (`2025 年度` / … /
    // `(R7)` / …) had been read as ten columns, the eras' five holding the next row's values
    // (49 records under a wrong row): they are joined (`stacked::join_wrapped_years`).
    // Word's cells aligned to the top of their rows, a label's rest printed after the next
    // row's values: a unit's bracket of its own after the last row (`(人)`), the rest of the
    // label above and then the last label wrapped (`修` / `こども家庭ソーシャ` / `ルワーカー養成研修`,
    // `所)` / `児童福祉施設等(箇` / `所)`): 55 → 63 cells, 30 → 18 wrong records.
    // Blank lines between the eras (`(R7)` / `` / `(R8)`) had ended the header once the eras were
    // joined to their years, and every such table was left as fragments; each piece between two
    // rows' values but the last is now the row above's, and
    // a table with a label piece after its last values (`型` / `訪問型`, `備目標 (前年` / `度からの増`
    // / `減)`: whose is not known) is kept as fragments (`stacked::read`): 63 → 215 cells.
    // FIXME(issue 3): 215 of 917; 18 records of the 里親 matrix (4065-4097) under labels whose
    // pieces went to the wrong rows (`①里親を必要とす` should read `里親を必要とする子ども数②`,
    // `る子ども数②数⑥` `里親等委託率⑦`; flagged `cut_row_label`) or under columns missing their
    // second lines (`2024年度①` for `2024年度① (R6) (現計画)`), values and years right.
    let (matched, _, extra) = compare("fixtures/003_docx_pdftotext.txt");
    assert_eq!((matched, extra.len()), (215, 9), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_docx_pdftotext.txt").1.len(), 18);
    // docx, -layout (662 → 703 cells, 54 → 13 wrong records): Word aligns cells to the top of
    // their rows; the last row's label rest over several lines is its label's when a bracket
    // it opens closes, or when each line fills the label column.
    // A text cell's rest under it among top-aligned rows (`支援サービスを利用` / `している全ケース`)
    // no longer hides that the rows are top-aligned (`現在の整備・取組状` / `況等`): 13 → 6.
    // A label's rest led by its `ー` printed as `-` (`児童福祉司ス` / `-バ°-ハ"イサ"` / `- (SV) の配置`,
    // after a page break) had been read as a list item, ending the table: 703 → 733, 6 → 1.
    // FIXME(issue 3): 1 record under a label cut short (its rest `保数` centred under it, 1277:
    // `…児童養護施設等の確保数`), value and year right.
    let (matched, _, extra) = compare("fixtures/003_docx_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (733, 1), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_docx_pdftotext_layout.txt").1.len(), 1);
}

/// A third round of held-out renderings (scripts/make-heldout-renderings-3, described in
/// scripts/make-heldout-renderings-3.md), made and measured before the readers were changed
/// for them: the plan as a spreadsheet (`calc`: openpyxl, LibreOffice Calc; `pdftotext`,
/// `-layout`, `-raw`), IPA Mincho with 12 pt tables (`mincho12`: `pdftotext`, `-layout`,
/// pdfminer.six), Word with two-row year headings and vertical stubs, headers not repeated
/// (`vheader`), and the first PDF read with `pdftotext -layout -fixed 3` (`fixed3`).
/// Before: 2 records had a value under a wrong year (calc `-layout`, `1 中止` one cell under
/// 2020), 10 a value under a wrong row (calc `-raw`, mincho12 default), 77 held header
/// pieces or text fragments as values, 296 had a mangled label.
#[test]
fn heldout_renderings_3() {
    for rendering in [
        "fixtures/003_calc_pdftotext.txt",
        "fixtures/003_calc_pdftotext_layout.txt",
        "fixtures/003_calc_pdftotext_raw.txt",
        "fixtures/003_fixed3_pdftotext_layout.txt",
        "fixtures/003_mincho12_pdfminer.txt",
        "fixtures/003_mincho12_pdftotext.txt",
        "fixtures/003_vheader_pdftotext.txt",
        "fixtures/003_vheader_pdftotext_layout.txt",
    ] {
        let wrong = values_under_wrong_years(rendering);
        assert!(wrong.is_empty(), "{rendering}: {wrong:#?}");
    }
    // calc, -layout: a blank line between a header of year cells and its first row (a taller
    // header row) had made the header a table of its own, joined cell by cell onto the rows':
    // `1 中止` (2019's 1, 2020's 中止) one cell under 2020. The header is the rows' now, and a
    // last year cell printed whole on the eras' line is paired too (`(R5)  2024 年度 (R6)`):
    // 373 → 568 cells, 24 → 12 wrong records. A label piece whose open bracket the next row's
    // label closes starts that label (`年度ごとの整備目標 (前年度からの増` / `減)  85 (+7) …`, 581-583;
    // it had gone to the row above): 568 → 578, 12 → 2.
    // FIXME(issue 3): 2 records under columns named by their eras alone (`(R5)` for
    // `2023 年度 (R5)`, 739-740), values and years right.
    let (matched, _, extra) = compare("fixtures/003_calc_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (578, 0), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_calc_pdftotext_layout.txt").1.len(), 2);
    // calc, default mode: every cell a line of its own, few tables read (45 of 917).
    check("fixtures/003_calc_pdftotext.txt", 45);
    assert_eq!(wrong_cells("fixtures/003_calc_pdftotext.txt").1.len(), 0);
    // calc, -raw: the PDF's text out of reading order gave a row label holding the next row's
    // values (`受講者数 (子ども) 15 人 20 人 …` over 実施回数's `10 回 …`, 268): a label holding
    // values makes the table unresolved now (5 records under a wrong row → 0).
    // FIXME(issue 3): 0 of 917 cells read.
    check("fixtures/003_calc_pdftotext_raw.txt", 0);
    assert_eq!(wrong_cells("fixtures/003_calc_pdftotext_raw.txt").1.len(), 0);
    // fixed3: 883 of 917, 0 wrong.
    check("fixtures/003_fixed3_pdftotext_layout.txt", 883);
    assert_eq!(wrong_cells("fixtures/003_fixed3_pdftotext_layout.txt").1.len(), 0);
    // mincho12, pdfminer.six and default mode: a label holding values (`1,700 (+5 1,750 (+50)
    // …`, default 716-720) had 資源の必要量's values under it; unresolved now (5 → 0).
    check("fixtures/003_mincho12_pdfminer.txt", 81);
    check("fixtures/003_mincho12_pdftotext.txt", 27);
    assert_eq!(wrong_cells("fixtures/003_mincho12_pdftotext.txt").1.len(), 0);
    // mincho12, -layout: a label's last character before a bullet line (`設置  0 …` / `数` /
    // `・民間…`) is the label's (`blocks::spaced_lines`): 707 → 731 cells, 32 → 8 wrong.
    // A text cell's lines (1001-1003, `・一時保護専用施設 0 箇所 ・里親・` / `ファミリーホーム 16 組
    // ・児童養護` / `施設等 4 箇所`) had been read as two rows and a row group, pieces of the cell
    // under 2024; a bullet after a space in a label or group makes the table unresolved now:
    // 731 → 730 cells (its `25 人` goes with it), 8 → 6 wrong records.
    // FIXME(issue 3): that table; right: row `一時保護所の定員数` 25 人, and one row
    // `一時保護専用施設や…確保数` whose 2024 cell is the three lines. 6 records under mashed
    // labels (`整備目標に対する過`, a footnote run into `児童養護施設(令和6年4月1日現在在籍児童)`).
    // A row whose values, one space apart, make a cell over 40 characters (`(うち里親)  338 (71.6%)
    // 600 (73.1%) …`, 952) had ended its table unread; it is a row (`columns::is_row`): 735.
    let (matched, _, extra) = compare("fixtures/003_mincho12_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (735, 5), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_mincho12_pdftotext_layout.txt").1.len(), 6);
    // vheader, -layout: the eras' line of a two-row year header (`2025 年度 …` over `評価指標
    // (R7) …`, the stub set vertically around it; `年` / `度` over `(R7)`) and a header with no
    // row under it before a page break had been rows of values `(R7)` … `(R11)`, `度`: they are
    // the header's now (`tables::eras_row_joined`, `columns::header_len`): 249 → 59 wrong.
    // A header's year line alone before a page break goes on with its eras and rows on the next
    // page (`2025 年度 …` / `-8-` / `(R7) …` / `実施回数  10 回 …`, 334-348; `tables::continues`,
    // the furniture held in `sections`): 745 → 762 cells, 59 → 4 wrong.
    // FIXME(issue 3): 4 records under a label cut by a page break (1699: `代替養育を必要とする子`
    // for `代替養育を必要とする子ども数①`); values and years right.
    let (matched, _, extra) = compare("fixtures/003_vheader_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (762, 3), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_vheader_pdftotext_layout.txt").1.len(), 4);
    // vheader default: blank lines between the eras joined to their years no longer end the
    // header, and a row's circled number alone after the last row is the row's it names
    // (`利用可能な子どもの人数` / … / `全体からの割合 ②/①` / `71` … / `①`, 565-622): 91 → 151 cells.
    // The header's year cells are joined to their eras across the page's furniture (`2026 年度`
    // / `-8-` / `2027 年度` / … / `明石市社会的養育推進計画` / `(R7)` …, 502-524) and when cut at
    // `年` or before `年度` (`2019` / … / `年度` / … / `(R1)` / …, `stacked::years_then_eras`):
    // 151 → 181 cells, 70 → 45 wrong.
    // A run of bare years a line each (`2019` / … / `2024` / `年度` / … / `(R1)` / …, 5439-5475)
    // is offered as a header, and no caption takes a bare year for its continuation
    // (`stacked::is_bare_year`): 18歳到達 and 措置延長 are read under `2019 年度 (R1)` … `合計`,
    // 45 → 33 wrong.
    // FIXME(issue 3): vheader default, 33 records under columns named by their eras alone
    // (4766-4832: `2024 年` … / `度` … / `稼働率` / `(2)里親登録数` / `- 37 -` / … / `(R6)` …, the
    // previous table's last label and a heading between the header's runs; right: `2024 年度
    // (R6)` …), and 3 under `第三者評価を実施してい` (3191-3195; right `第三者評価を実施している
    // 施設数`); values and years right.
    let (matched, _, extra) = compare("fixtures/003_vheader_pdftotext.txt");
    assert_eq!((matched, extra.len()), (181, 2), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_vheader_pdftotext.txt").1.len(), 33);
}

/// Across every rendering of the 明石市 plan: no fiscal-year record holds a value the original
/// does not have for that year.
#[test]
fn no_rendering_puts_a_value_under_a_wrong_year() {
    let mut renderings: Vec<String> = std::fs::read_dir("fixtures")
        .expect("fixtures")
        .filter_map(|entry| entry.ok().map(|entry| entry.path().display().to_string()))
        .filter(|path| path.starts_with("fixtures/003_") && path.ends_with(".txt"))
        .collect();
    renderings.sort();
    assert_eq!(renderings.len(), 62);
    // FIXME(issue 3): pages set in two newspaper columns (round 4), whose `-layout` text puts
    // the columns side by side on each line; pinned with the right years in
    // `heldout_renderings_4`.
    let two_columns = [("fixtures/003_twocolall_pdftotext.txt", 7), ("fixtures/003_twocolall_pdftotext_layout.txt", 1)];
    // FIXME(issue 3): round 5, values under their right years whose text is not the original's;
    // pinned with the right values in `heldout_renderings_5`: reportlab (-layout) has U+0336 for the em dash `—` of its non-embedded font (right: `—`).
    // (wkhtml's rows printed on both sides of a page break are read once since session 12.)
    // (typstnarrow's values without their units are fragments since session 12.)
    let round_5 = [("fixtures/003_reportlab_pdftotext_layout.txt", 4)];
    for rendering in renderings {
        let wrong = values_under_wrong_years(&rendering);
        let expected = two_columns.iter().chain(&round_5).find(|(path, _)| *path == rendering).map_or(0, |(_, n)| *n);
        assert_eq!(wrong.len(), expected, "{rendering}: {wrong:#?}");
    }
}

/// A fourth round of held-out renderings (scripts/make-heldout-renderings-4, described in
/// scripts/make-heldout-renderings-4.md), made and measured before the readers were changed
/// for them: HTML written from the tabbed text and printed by WeasyPrint (`weasy`: A4,
/// IPAGothic, bordered tables, header rows repeated by `thead`, cells centred vertically),
/// the same PDF read with `pdftotext -layout -enc Shift-JIS -eol dos` (`sjis`: CP932 bytes,
/// CRLF, every ASCII character and space printed full width, `①`–`⑦` as `1`–`7`, `～` dropped),
/// WeasyPrint in two newspaper columns (`twocol`: from chapter 1; `twocolall`: the whole
/// document, cover too), and plain HTML tables through pandoc into a .docx printed by
/// AbiWord (`abiword`: equal-width columns, cells aligned to the top, some words drawn as
/// hex boxes), and round 3's spreadsheet printed by Gnumeric instead of Calc (`gnumeric`).
/// Each is pinned as it reads now.
#[test]
fn heldout_renderings_4() {
    for rendering in [
        "fixtures/003_weasy_pdftotext.txt",
        "fixtures/003_weasy_pdftotext_layout.txt",
        "fixtures/003_sjis_pdftotext_layout.txt",
        "fixtures/003_twocol_pdftotext.txt",
        "fixtures/003_abiword_pdftotext.txt",
        "fixtures/003_abiword_pdftotext_layout.txt",
    ] {
        let wrong = values_under_wrong_years(rendering);
        assert!(wrong.is_empty(), "{rendering}: {wrong:#?}");
    }
    // weasy, default mode: 121 of 917; most tables are fragments (cells one per line, the
    // two-line year cells `2025年度 (R7)` on one line each).
    // Were wrong: 10 records of ③ 児童家庭支援センター (1149-1173): the first row's label
    // printed over two lines before its values (`児童家庭支援セン` / `ター数 (前年度から`), its rest
    // (`の増減)`) after the second row's values. Read: `児童家庭支援セン` 1 (+0) ×5 (right row,
    // label cut) and `ター数(前年度から` with 2件 (+0) … 5件 (+0), the second row's values
    // (right: row `在宅指導措置委託件数 (前年度からの増減)`, 2025-2029: 2件 (+0), 3件 (+1),
    // 4件 (+1), 5件 (+1), 5件 (+0); original 407); kept as fragments now (FIXME(issue 3): that
    // reading). Were wrong too: 7 records of 措置延長 (4850-4864) after a page
    // break, under the repeated header's eras alone (`(R1)` … `(R6)`, `計`; right:
    // `2019年度 (R1)` … `合計`), values and years right.
    // Since the round was made: Word-like cells a line each with their eras after their years,
    // blank lines between the eras (`stacked::tokens`), read: 121 → 288 cells. Labels that leave
    // a bracket open are no column of whole labels (`stacked::by_rows`): the ③ table above is
    // fragments now, 17 → 7 wrong. A total column cut like the year cells (`合` after them, `計`
    // after the eras) is joined (`stacked::years_then_eras`): 措置延長 is read under
    // `2019年度 (R1)` … `合計`, 288 → 298 cells, 7 → 0 wrong.
    // FIXME(issue 3): 18歳到達 above it (4774-4834) stays fragments: a page number among its values.
    let (matched, _, extra) = compare("fixtures/003_weasy_pdftotext.txt");
    assert_eq!((matched, extra.len()), (298, 0), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_weasy_pdftotext.txt").1.len(), 0);
    // weasy, -layout: 848 of 917, values and years right everywhere.
    // FIXME(issue 3): 25 records under labels cut where a cell centred vertically puts the
    // values on a wrapped label's middle line (`児童相談所の管轄人` / `299,021 …` / `口`, 2014-2019;
    // `第三者評価実施施設` / `0 …` / `数`, 2059-2067): the last line goes to the next row's
    // label. Read `児童相談所の管轄人`, `口児童福祉司等配置数※1`, `第三者評価実施施設`,
    // `数児童福祉司任用後研`, `修こども家庭ソーシャルワーカー養成研修`; right: `児童相談所の管轄人口`,
    // `児童福祉司等配置数※1`, `第三者評価実施施設数`, `児童福祉司任用後研修`,
    // `こども家庭ソーシャルワーカー養成研修` (original 1373-1374, 1396-1398).
    let (matched, _, extra) = compare("fixtures/003_weasy_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (848, 25), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_weasy_pdftotext_layout.txt").1.len(), 25);
    // sjis (the weasy PDF, -layout, Shift-JIS, CRLF): decoded, 431 of 917.
    // FIXME(issue 3): 234 of the 264 wrong records are labels the encoding changed, not the
    // reading: `①`–`⑦` printed as `1`–`7` (`里親等委託率7` for `里親等委託率⑦`, columns
    // `2024年度1(R6)(現計画)` for `2024年度①(R6)(現計画)`), `～` dropped (`3歳就学前` for
    // `3歳～就学前`, 102 records); the other 30 are the weasy -layout labels above, and
    // `利用した子どもの数` for `利用した子どもの数②` (316, its `２` on the next line).
    // The widened header (`２０２０ 年度` over `年度` alone over `（Ｒ２）`, the eras drifted off
    // their years, 693-697) had been read as nine columns (`aligned row 妊娠届出数 has 5 cells
    // for 9 columns`); years and eras are paired by what they name now, the stub word alone
    // on the middle line (`columns::paired_years`): 431 → 688 cells, wrong unchanged.
    // FIXME(issue 3): 688, against weasy -layout's 848 from the same PDF.
    let (matched, _, extra) = compare("fixtures/003_sjis_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (688, 124), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_sjis_pdftotext_layout.txt").1.len(), 264);
    // twocol, default mode (columns from chapter 1): 57 of 917, 0 wrong.
    check("fixtures/003_twocol_pdftotext.txt", 57);
    assert_eq!(wrong_cells("fixtures/003_twocol_pdftotext.txt").1.len(), 0);
    // twocol, -layout: the two columns side by side on each line; 13 of 917.
    // A number and a bare status word in one aligned cell (`1 中止`, 1077) makes the table
    // unresolved now (`tables`, as two numbers in one cell do): 57 → 51 wrong, 10 → 8 under a
    // wrong year. A row label ending in the row's first values (`実施回数 10 回 10 回` over `12 回
    // …`, 226) and a row of the columns' own years (`2024 2025 … 2029`, 1287) make a table
    // unresolved now (`tables`): 51 → 36 wrong, 8 → 0 under a wrong year.
    // Were wrong (right years given):
    // - 226: `実施回数  10 回  10 回  10 回  12 回  12 回` under a year header wrapped over four
    //   lines (`2028 年 2029 年` / `年度 年度 年度` / `度 (R10) 度 (R11)` / `(R7) (R8) (R9)`):
    //   two values taken into the label (`実施回数10回10回`), then 10 回 under 2025, 12 回 under
    //   2026 and 2027; right (original 192): 2025 10 回, 2026 10 回, 2027 10 回, 2028 12 回,
    //   2029 12 回.
    // - 1287: the next table's year line `2024 2025 … 2029` read as a row of values under
    //   `(R6)`…`(R11)` (a header piece as values; right: no record).
    // FIXME(issue 3): 36 wrong records, none under a wrong year: the other column's prose as
    // row labels or columns (`(年度ごとの里親等委託率)開催数`,
    //   1286; 575, 1836-1838, 183-186), eras alone as columns (1409 `設置数`, right:
    //   `2024 年度 (R6)` …), values right.
    let (matched, _, extra) = compare("fixtures/003_twocol_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (13, 13), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_twocol_pdftotext_layout.txt").1.len(), 36);
    assert!(values_under_wrong_years("fixtures/003_twocol_pdftotext_layout.txt").is_empty());
    // twocolall, default mode (the whole document in two columns): 108 of 917 when the round was
    // made, 42 wrong records, 15 values under a wrong year. Since then:
    // - 2045: `61% 38.9% 27.8% 11.1% 100.0%` (学童期以降 of the 措置・委託率 matrix, original 572;
    //   columns 児童養護施設 61%, 里親+FH 38.9%, 里親 27.8%, FH 11.1%, 合計 100.0%, no fiscal year)
    //   was read under 2020-2024 with a row label of two footnotes and a caption run together. A
    //   row label holding a note's text (`※18歳未満人口は…`) makes the table unresolved now.
    // - 5088, 5102: `5 30`, `2 14` were one cell under 2024 (18歳到達, 措置延長; right: 2024 5 and
    //   合計 30, 2024 2 and 合計 14, original 1308-1309), under eras alone (`(R1)`…): two numbers
    //   left in one cell make any table unresolved now, not only an aligned one. Those 10 right
    //   cells are fragments now (FIXME(issue 3): the header `2019 2020 …` / `合` / `年度 年度 …` /
    //   `計` / `(R1) …`, 5071-5075, read as `2019年度 (R1)` … `合計`).
    // 108 → 98 cells, 42 → 25 wrong, 15 → 7 under a wrong year.
    // FIXME(issue 3): 1834-1880: the 里親 matrix 代替養育を必要とする子ども数 (original 556-563;
    // columns 乳児院, 児童養護施設, 里親+FH (里親 | FH), 合計, no years) has its header elsewhere
    // (1994-2060); its rows (`FH` (a header piece as label) / 2 0 1 1 3, `3歳～就学前` / 1 3 1 1 5,
    // `学童期以降` / 0 33 21 15 54, `合計` / 3 36 23 17 62) are appended to the year table above
    // (代替養育子ども数 A, 2020-2024): 20 records under years; right: e.g. 学童期以降 乳児院 0,
    // 児童養護施設 33, 里親 21, FH 15, 合計 54, no fiscal year.
    // (values_under_wrong_years also lists 5366 `弁護士職員の配置数` 2020 3, which is right: the
    // matrix records above used up that (year, value) pair.)
    let (matched, _, extra) = compare("fixtures/003_twocolall_pdftotext.txt");
    assert_eq!((matched, extra.len()), (98, 25), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_twocolall_pdftotext.txt").1.len(), 25);
    assert_eq!(values_under_wrong_years("fixtures/003_twocolall_pdftotext.txt").len(), 7);
    // twocolall, -layout: 6 of 917. The table at 1106 (`実施回数  1 中止  3  7  1  3` beside the
    // other column: `1 中止` one cell under 2019, every later value a year early) is unresolved
    // now (a number and a bare status word in one aligned cell): 38 → 32 wrong, 7 → 4.
    // A year column whose label is a sentence's piece (a `、` or `。` in it, 832-833, 1630) makes
    // the table unresolved now: 32 → 29 wrong, 4 → 1.
    // FIXME(issue 3): 29 wrong records, 1 under a wrong year: 60 (and, before, 832-833): the other
    // column's prose as a column whose text names a year (`令和4年6月に成立した…`, `平成31年4月の
    // 開設以来…`) holding a page number or prose (right: no record); 1630 the same. The rest: eras
    // alone as columns (1324 `開催数`, 1363/1372 `設置数`), prose as labels and columns.
    let (matched, _, extra) = compare("fixtures/003_twocolall_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (6, 15), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_twocolall_pdftotext_layout.txt").1.len(), 29);
    assert_eq!(values_under_wrong_years("fixtures/003_twocolall_pdftotext_layout.txt").len(), 1);
    // abiword, default mode: 42 of 917, 0 wrong.
    check("fixtures/003_abiword_pdftotext.txt", 42);
    assert_eq!(wrong_cells("fixtures/003_abiword_pdftotext.txt").1.len(), 0);
    // abiword, -layout: 569 of 917 when the round was made, 58 wrong; values and years right
    // everywhere. Since then:
    // - a top-aligned label's last piece before a note (`整備目標に  (+0) …` / `対する過不` / `足` /
    //   `対象:…`, 1307, 1320) is the label's, as before a blank line (`blocks::spaced_lines`);
    // - a row whose values one space apart make a cell over 40 characters (`年度ごとの  1,600
    //   1,650 (+50) …`, 517; `(うち里親)  338 (71.6%) …`, 990) is a row (`columns::is_row`): it had
    //   ended the table, its values unread, and `資源の必要` / `量` (515) lost its rest;
    // - a line of values after a whole row (`8 83 0` / `6 80 7`, a figure's numbers, 991) is no
    //   row's and no label's piece, and a piece after the last row that is not taken is not
    //   counted among the label pieces to give back (it had taken the last row, 990, with it).
    // 569 → 594 cells, 58 → 43 wrong.
    // FIXME(issue 3): 43 wrong records, all under a mangled label:
    // - 24 under labels AbiWord drew as hex boxes (`現在の675459097B266CC1②(R6年度末)` for
    //   `現在の整備状況② (R6年度末)`, 229-243, 1950-2032; `利用した子どもの6750②`, 314): the
    //   producer's text, not a reading error.
    // - 19 under labels cut where a top-aligned cell's rest is on the lines below: `整備目標に`
    //   (570; right `整備目標に対する過不足`), `弁護士職員` (1869; `弁護士職員の配置数`),
    //   `児童心理司` (2064; `児童心理司の配置数`), `児童心理司の配` (1952), `こども家庭` (2018),
    //   and a footnote run into a label (1255, `児童養護施設(令和6年4月1日現在在籍児童)`).
    let (matched, _, extra) = compare("fixtures/003_abiword_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (594, 24), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_abiword_pdftotext_layout.txt").1.len(), 43);
    // gnumeric (round 3's openpyxl spreadsheet printed by Gnumeric ssconvert, not Calc), default
    // mode: 16 of 917. Year headings wrap in the 8-wide columns (`2028 年` / `度` / `(R10)`) and the
    // stretched last column keeps `2029 年度 (R11)` whole; cairo prints the later heading cells
    // in the middle of the first row.
    // Fixed since the round was made (19 → 4 wrong, 8 → 0 under a wrong year): two columns that
    // name one fiscal year (`2028 年`, `2029 年度 (R11)`, `(R10)`) make the table unresolved
    // (`tables`), and a page number between dashes ends a word table (`columns::word_rows`).
    // They were:
    // - 3656-3658 `(A)` of 登録率 (original 1090): `125` under 2028 (right 2027), `142` under 2029
    //   (right 2028), `151` under `(R10)` = 2028 (right 2029), with the row `度` (a header piece);
    //   the same at 3752-3754 (養育里親, original 1108: 2027 69, 2028 76, 2029 81), 3982-3984
    //   (回数, original 1183: 2027-2029 4 each) and 3592-3593 (3 歳未満 of 年度ごとの里親等委託率,
    //   original 1078: 2027 66.7%, 2028 100.0%, 2029 100.0%; `66.7% 100.0%` one cell).
    // - 2621: the page number `- 24 -` read as values `-`, `24`, `-` under 2025-2027 with an empty
    //   row (right: no record).
    // FIXME(issue 3): 4 wrong records: 4343, 児童相談所の管轄人口's 2020-2023 values under an
    // empty row (its label printed before the header, 4339); years right.
    let (matched, _, extra) = compare("fixtures/003_gnumeric_pdftotext.txt");
    assert_eq!((matched, extra.len()), (16, 4), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_gnumeric_pdftotext.txt").1.len(), 4);
    assert!(values_under_wrong_years("fixtures/003_gnumeric_pdftotext.txt").is_empty());
    // gnumeric, -layout: 98 of 917.
    // A number and a bare status word in one aligned cell (`1 中止`) makes the table unresolved
    // now, as two numbers in one cell do (`tables`): 25 → 15 wrong, 5 → 0 under a wrong year.
    // It was:
    // - 1463-1464, 家庭支援講座実施実績 under `2019 年 …` / `2024 年度 (R6)` / `度 (R1) …`: `1 中止`
    //   one cell under 2019 and every later value a year early (`3` under 2020, `7` 2021, `1` 2022,
    //   `3` 2023); right (original 893-894): 実施回数 2019 1, 2020 中止, 2021 3, 2022 7, 2023 1,
    //   2024 3; 延参加人数 2019 8, 2020 中止, 2021 3, 2022 26, 2023 1, 2024 5. Columns `度(R1)`….
    // FIXME(issue 3): 15 wrong records, none under a wrong year:
    // - 778-779: 2023's column named `度(R5)` (right `2023 年度 (R5)`), values right.
    // - 562-564: a heading cell wrapped over four lines in its narrow column (`児童家` / `庭支援` /
    //   `センター` / `数`, 557-561) named by its last two lines, `センター数` (right:
    //   `児童家庭支援センター数`), values right; 1290-1307: a requirement table's heading cells
    //   run together into the columns (`計画期現在の間におけ整備状>…`), values right; 1790: the
    //   heading piece `2029年度(R11)` read as a value (row `度`, column `2028 年 > 2024 年 …`, no
    //   fiscal year; right: no record).
    let (matched, _, extra) = compare("fixtures/003_gnumeric_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (98, 0), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_gnumeric_pdftotext_layout.txt").1.len(), 15);
    assert!(values_under_wrong_years("fixtures/003_gnumeric_pdftotext_layout.txt").is_empty());
}

/// A fifth round of held-out renderings (scripts/make-heldout-renderings-5, described in
/// scripts/make-heldout-renderings-5.md), made and measured before the readers were changed
/// for them, by PDF producers no earlier round used: Typst (`typst`: Noto Serif CJK JP,
/// bordered tables, cells aligned to the top; `typstnarrow`: IPAexGothic, value columns 3.1 em
/// narrow so every year cell wraps over three lines, `2025` / `年度` / `(R7)`, a stub `年度`
/// printed as a cell spanning the years above them, cells centred vertically), LuaLaTeX with
/// luatexja (`lualatex`: ltjsarticle, HaranoAji and Latin Modern, longtable with `p{}`
/// columns and rules), and ReportLab's Platypus (`reportlab`: the non-embedded Adobe-Japan1
/// fonts HeiseiMin-W3 / HeiseiKakuGo-W5, Paragraph cells aligned to the bottom, ReportLab's
/// default), and round 4's `weasy` HTML printed by wkhtmltopdf (`wkhtml`: Qt WebKit, rows cut
/// by a page break printed on both pages). Each through `pdftotext` and `pdftotext -layout`;
/// each is pinned as it reads now.
#[test]
fn heldout_renderings_5() {
    for rendering in [
        "fixtures/003_typst_pdftotext.txt",
        "fixtures/003_typst_pdftotext_layout.txt",
        "fixtures/003_typstnarrow_pdftotext_layout.txt",
        "fixtures/003_lualatex_pdftotext.txt",
        "fixtures/003_lualatex_pdftotext_layout.txt",
        "fixtures/003_reportlab_pdftotext.txt",
    ] {
        let wrong = values_under_wrong_years(rendering);
        assert!(wrong.is_empty(), "{rendering}: {wrong:#?}");
    }
    // typst, default mode: 0 of 917. Typst's tables come out column by column (every row
    // label, then each year column's heading and values): all kept as fragments, nothing wrong.
    check("fixtures/003_typst_pdftotext.txt", 0);
    assert_eq!(wrong_cells("fixtures/003_typst_pdftotext.txt"), (0, Vec::new()));
    // typst, -layout: 895 of 917, every value under its right row and year.
    // FIXME(issue 3): 42 records under columns that lost a header line, 1262-1269 (里親等委託率,
    // original 1063-1071): the header cells are centred vertically on four lines, `2024 年度`
    // alone on the second (`2029 年度  2029 年度  (内訳)` / `2024 年度` / `(R11) (現  (R11) (改
    // 3 歳～就学` / `(R6) (実績)  3 歳未満  学童期以降` / `行)  定)  前`). Read: columns `(R6)(実績)`,
    // `(R11)(現行)`, `(R11)(改定)`, `3歳未満`, `3歳~就学前`, `学童期以降`; right:
    // `2024年度 (R6) (実績)`, `2029年度 (R11) (現行)`, `2029年度 (R11) (改定)`, `(内訳) > 3歳未満`,
    // `(内訳) > 3歳~就学前`, `(内訳) > 学童期以降`. Values, rows and years right.
    let (matched, _, extra) = compare("fixtures/003_typst_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (895, 0), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_typst_pdftotext_layout.txt").1.len(), 42);
    // typstnarrow, default mode: 10 of 917; every year cell a line each in three pieces
    // (`2025` / `年度` / `(R7)`, or the years on one line, `2020 2021 2022 2023 2024`, then
    // `年度` ×5, then the eras): most tables fragments.
    // When the round was made, 16 wrong records, 5 of them values that are not the original's:
    // - 2017-2022 (平均入所 日数, original 843): `34.3 日` cut in its narrow cell (`34.3` / `日`),
    //   the values printed first, then `(見込)`, then the units `日` ×5: read `34.3`, `44.2`,
    //   `39.0`, `32.7`, `38.8` without their unit (years right) and `(見込)`, under columns of eras
    //   alone (`(R1)`…`(R6)`) and the row `日日` (two of the cut units). Right: row `平均入所 日数`,
    //   2019 34.3 日, 2020 44.2 日, 2021 39.0 日, 2022 32.7 日, 2023 38.8 日, 2024 (見込), columns
    //   `2019 年度 (R1)` ….
    // - 885-889 (助産施設の利用者数, original 449-450): columns of eras alone (`(R2)`…`(R6)`; right:
    //   `2020年度 (R2)` …); values, rows and years right.
    // Since the round was made (session 12): 3529 (児童相談所の管轄人口, 2025-2029), whose bare
    // years a line each (`2025` / … / `年度` / … / `(R7)` …) had been columns of eras alone, is
    // read under `2025 年度 (R7)` … (`stacked::is_bare_year`); its label after its values is the
    // row's when no label comes before them (`stacked::read`): 16 → 11 wrong. A row label that is
    // one character over and over (`日日`) makes the table unresolved (`tables::build`): the 2017
    // values without their units are fragments now, 11 → 5 wrong, 5 → 0 values not the original's
    // (FIXME(issue 3): that table, read as above).
    let (matched, _, extra) = compare("fixtures/003_typstnarrow_pdftotext.txt");
    assert_eq!((matched, extra.len()), (10, 0), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_typstnarrow_pdftotext.txt").1.len(), 5);
    assert!(values_under_wrong_years("fixtures/003_typstnarrow_pdftotext.txt").is_empty());
    // typstnarrow, -layout: 42 of 917, 0 wrong. The three-line year headers (`2020  2021 …` /
    // `年度  年度 …` / `(R2)  (R3) …`, under `年度` spanning them) leave most tables unresolved.
    // FIXME(issue 3): read them; right: the original's cells.
    check("fixtures/003_typstnarrow_pdftotext_layout.txt", 42);
    assert_eq!(wrong_cells("fixtures/003_typstnarrow_pdftotext_layout.txt").1.len(), 0);
    // lualatex, default mode: 2 of 917, 0 wrong (cells column by column, as typst's).
    check("fixtures/003_lualatex_pdftotext.txt", 2);
    assert_eq!(wrong_cells("fixtures/003_lualatex_pdftotext.txt").1.len(), 0);
    // lualatex, -layout: 852 of 917, 0 wrong.
    check("fixtures/003_lualatex_pdftotext_layout.txt", 852);
    assert_eq!(wrong_cells("fixtures/003_lualatex_pdftotext_layout.txt").1.len(), 0);
    // reportlab, default mode: 549 of 917.
    // FIXME(issue 3): 6 records under a wrong row, 4236-4246: pdftotext prints a page's row
    // labels after its cells; the values of ファミリーホーム数 `設置数` (1 1 1 1 2 2, original
    // 1117) are read with the next line, the label `登録率` of another table on the page, as
    // their row. Right: row `設置数`, 2024 1, 2025 1, 2026 1, 2027 1, 2028 2, 2029 2. Years right.
    let (matched, _, extra) = compare("fixtures/003_reportlab_pdftotext.txt");
    assert_eq!((matched, extra.len()), (549, 6), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_reportlab_pdftotext.txt").1.len(), 6);
    // reportlab, -layout: 875 of 917. Cells aligned to the bottom: a wrapped label's values are
    // on its last line, its first line joins the row above.
    // FIXME(issue 3): 61 wrong records, 4 of them values that are not the original's:
    // - 1779-1781 (original 1375-1376): `児童福祉司ス-バ°-ハ"イサ"- (SV)` / `の配置  5 7 6 4 3`: read
    //   `児童心理司の配置数児童福祉司スーパーバイザー(SV)` with 児童心理司's 8 8 11 11 10, and `の配置`
    //   with 5 7 6 4 3; right: `児童心理司の配置数` 8, 8, 11, 11, 10 and
    //   `児童福祉司スーパーバイザー (SV) の配置` 5, 7, 6, 4, 3 (2020-2024).
    // - 1814-1816, 1915-1917, 2000-2002 (original 1397-1398, 1464-1465, 1529-1530): the same with
    //   `こども家庭ソーシャルワーカー養成` / `研修`: read `児童福祉司任用後研修こども家庭ソーシャルワーカー養成`
    //   with 児童福祉司任用後研修's values, and `研修`; right: `児童福祉司任用後研修` and
    //   `こども家庭ソーシャルワーカー養成研修`. At 1816 the em dashes `—` (2020-2023) come out of the
    //   non-embedded font as U+0336 `̶` (poppler's Adobe-Japan1 map): 4 values not the
    //   original's, under their right years; right: `—` ×4 and 0 (2024).
    // - 1398-1404 (里親等委託率, original 1065-1071): `(内訳)` over its three columns joined to the
    //   middle one: columns `3歳未満`, `(内訳)3歳~就学前`, `学童期以降`; right `(内訳) > 3歳未満`,
    //   `(内訳) > 3歳~就学前`, `(内訳) > 学童期以降`. 21 records, values right.
    // - 415-417 (original 277-280): `支援サービスを利用している全ケース` wrapped, its first line
    //   above the row, read into the column (`サポートプラン策定体制の整備支援サービスを利用して`) and
    //   the value cut (`いる全ケース`); `年5~6回実施` comes out as `年5˜6回実施` (U+02DC). Right:
    //   column `サポートプラン策定体制の整備`, values `支援サービスを利用している全ケース`, `40件`, `200件`,
    //   `年5~6回実施`.
    let (matched, _, extra) = compare("fixtures/003_reportlab_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (875, 34), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_reportlab_pdftotext_layout.txt").1.len(), 61);
    assert_eq!(values_under_wrong_years("fixtures/003_reportlab_pdftotext_layout.txt").len(), 4);
    // wkhtml (round 4's `weasy` HTML printed by wkhtmltopdf 0.12.6, Qt WebKit): a table row cut by
    // a page break is printed at the foot of one page and again at the head of the next, and
    // pdftotext reads both copies.
    // When the round was made, five rows were read twice, each copy under its right years:
    // `年度ごとの整備目標` 156 … 204 (-layout 395/396, original 380), `サポートプラン 作成率` 100% ×5
    // (533/534, original 519), `合計` 4.1% 47.9 … (671/672, original 654), `里親(世帯)` 25 16 9
    // (806/807, original 775), `3歳～就学前` 16.7% 66.6% … (1730/1731, original 1715); default mode
    // the first three (869-877, 1340-1348, 2406-2410). A row printed again first after a page
    // break, label and cells the same, is read once now, with a `repeated_row` warning
    // (`tables::build`): -layout 24 → 0 wrong, 12 → 0 under a wrong year; default 23 → 10, 11 → 0.
    // -layout: 916 of 917, 0 wrong.
    let (matched, _, extra) = compare("fixtures/003_wkhtml_pdftotext_layout.txt");
    assert_eq!((matched, extra.len()), (916, 0), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_wkhtml_pdftotext_layout.txt").1.len(), 0);
    assert!(values_under_wrong_years("fixtures/003_wkhtml_pdftotext_layout.txt").is_empty());
    // FIXME(issue 3), default mode, 682 of 917: 10 wrong records, values and years right.
    // - 4248-4256: `児童福祉司ス-バ°-ハ"イサ"-` wrapped after its last `-`, which pdftotext drops
    //   when it joins the lines (`ハ"イサ"(SV) の配置`): row `児童福祉司スーパーバイザ(SV)の配置`;
    //   right `児童福祉司スーパーバイザー (SV) の配置` (original 1376).
    // - 4784-4792: the stub `評価指標`, printed after the years, joined to the row label:
    //   `評価指標常勤弁護士職員配置数`; right `常勤弁護士職員配置数`, 2025-2029 2 each (original
    //   1515).
    let (matched, _, extra) = compare("fixtures/003_wkhtml_pdftotext.txt");
    assert_eq!((matched, extra.len()), (682, 10), "{extra:#?}");
    assert_eq!(wrong_cells("fixtures/003_wkhtml_pdftotext.txt").1.len(), 10);
    assert!(values_under_wrong_years("fixtures/003_wkhtml_pdftotext.txt").is_empty());
}
