//! Seed 000 (chapter 7, パーマネンシー保障) rebuilt as the word-processor document it
//! was printed from, with its 9 tables as real tables, printed to PDF by
//! LibreOffice and extracted again by several tools (scripts/make-000-pdf,
//! described in scripts/make-000-pdf.md). Each rendering's records are compared
//! with the 86 hand-checked cells of tests/expected/000_18f7e0d6ffcc7f21.tsv,
//! keyed by (row, column, fiscal year, raw) with all whitespace removed (line
//! numbers differ between renderings; the TSV's raw joins wrapped pieces with no
//! separator, and the renderings add spaces between kanji and digits).
//!
//! - matched: a hand-checked cell that a record gives with the same key, the same
//!   value and the same row group;
//! - missing: a hand-checked cell that no record gives;
//! - WRONG: a record that is not a matched cell: same key but another value or row
//!   group, another raw under a hand-checked (row, column, year), or a cell the
//!   hand check does not have at all.
//!
//! Each test pins the counts and lists every wrong cell; FIXME(issue 3) says what
//! is missing and why. Run with `--nocapture` to see the report.

mod common;

use std::collections::HashMap;

use common::{read_expected, squeeze};

/// One hand-checked cell of tests/expected/000_18f7e0d6ffcc7f21.tsv.
struct Cell {
    table: &'static str,
    row: String,
    row_group: String,
    column: String,
    fiscal_year: Option<i32>,
    raw: String,
    value: Option<f64>,
}

/// The 9 hand-checked tables, by the fixture lines their cells start on (see
/// tests/expected/000_18f7e0d6ffcc7f21.notes.md).
const TABLES: [(&str, u32, u32); 9] = [
    ("grid 1", 19, 30),
    ("grid 2", 85, 132),
    ("table A", 186, 269),
    ("table C", 310, 316),
    ("table D", 381, 385),
    ("table E", 395, 413),
    ("table F", 437, 450),
    ("grid 3", 451, 491),
    ("table B", 534, 551),
];

fn table_of(line: u32) -> &'static str {
    TABLES.iter().find(|(_, from, to)| (*from..=*to).contains(&line)).map(|(name, _, _)| *name).expect("a hand-checked table")
}

fn hand_checked() -> Vec<Cell> {
    read_expected("tests/expected/000_18f7e0d6ffcc7f21.tsv")
        .into_iter()
        .map(|cell| Cell {
            table: table_of(cell.line),
            row: squeeze(&cell.row),
            row_group: squeeze(&cell.row_group),
            column: squeeze(&cell.column),
            fiscal_year: cell.fiscal_year,
            raw: squeeze(&cell.raw),
            value: cell.value,
        })
        .collect()
}

type Place = (String, String, Option<i32>);
type Key = (String, String, Option<i32>, String);

struct Report {
    /// (table, matched cells, hand-checked cells) in document order.
    tables: Vec<(&'static str, usize, usize)>,
    matched: usize,
    missing: Vec<String>,
    wrong: Vec<String>,
}

impl Report {
    /// `matched` hand-checked cells read, and no wrong cell.
    fn assert_read(&self, matched: usize) {
        assert_eq!(self.matched, matched);
        assert_eq!(self.wrong, Vec::<String>::new(), "no wrong cell");
    }
}

/// The first 16 characters, for reports.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(16).collect();
    if text.chars().count() > 16 {
        out.push('…');
    }
    out
}

fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// The header printed over the year columns of tables A and B, spanning them. The
/// hand check names the year alone (`令和7年度`); where a rendering keeps the two
/// header rows apart, keikaku names the column `定量的な整備目標 > 令和 7 年度`, and
/// the year is compared.
const SPANNING_HEADER: &str = "定量的な整備目標>";

/// A record's column as the hand check names it: without the spanning header.
fn hand_column(column: &str) -> String {
    let column = squeeze(column);
    column.strip_prefix(SPANNING_HEADER).map_or(column.clone(), str::to_string)
}

fn compare(rendering: &str) -> Report {
    let bytes = std::fs::read(rendering).expect("fixture");
    let document = keikaku::parse(rendering, &bytes).expect("decodes");
    let records = keikaku::records(&document);
    let cells = hand_checked();
    let key = |row: &str, column: &str, year: Option<i32>, raw: &str| -> Key { (squeeze(row), squeeze(column), year, squeeze(raw)) };
    let mut unused: HashMap<Key, Vec<usize>> = HashMap::new();
    for (idx, cell) in cells.iter().enumerate() {
        unused.entry(key(&cell.row, &cell.column, cell.fiscal_year, &cell.raw)).or_default().push(idx);
    }
    let by_key = unused.clone();
    let mut places: HashMap<Place, Vec<usize>> = HashMap::new();
    for (idx, c) in cells.iter().enumerate() {
        places.entry((c.row.clone(), c.column.clone(), c.fiscal_year)).or_default().push(idx);
    }
    // What the hand check has: `a` or `b` when the same key (or place) is in two tables or row groups.
    let either = |idxs: &[usize], show: &dyn Fn(&Cell) -> String| {
        let mut shown: Vec<String> = idxs.iter().map(|&i| show(&cells[i])).collect();
        shown.dedup();
        shown.join(" or ")
    };
    let mut done = vec![false; cells.len()];
    let mut wrong = Vec::new();
    // Records whose key and row group both fit are taken first, so that a cell with
    // the same key in another row group (table F) is not taken by the wrong record.
    let mut order: Vec<usize> = (0..records.len()).collect();
    let fits = |r: &keikaku::Record| {
        let k = key(&r.row, &hand_column(r.column.as_deref().unwrap_or("")), r.fiscal_year, &r.raw);
        unused.get(&k).is_some_and(|idxs| idxs.iter().any(|&i| cells[i].row_group == squeeze(r.row_group.as_deref().unwrap_or(""))))
    };
    order.sort_by_key(|&i| !fits(&records[i]));
    for i in order {
        let r = &records[i];
        let column = &hand_column(r.column.as_deref().unwrap_or(""));
        let group = squeeze(r.row_group.as_deref().unwrap_or(""));
        let k = key(&r.row, column, r.fiscal_year, &r.raw);
        let shown = format!(
            "line {}: row `{}` group `{}` column `{}` {:?}: `{}` = {:?}",
            r.line,
            squeeze(&r.row),
            group,
            squeeze(column),
            r.fiscal_year,
            squeeze(&r.raw),
            r.value
        );
        let candidates = unused.get_mut(&k);
        let pick = candidates.and_then(|idxs| {
            let at = idxs.iter().position(|&c| cells[c].row_group == group).or(if idxs.is_empty() { None } else { Some(0) })?;
            Some(idxs.remove(at))
        });
        match pick {
            Some(c) => {
                done[c] = true;
                let cell = &cells[c];
                if !same_value(r.value, cell.value) || cell.row_group != group {
                    done[c] = false;
                    let hand = either(&by_key[&k], &|c| format!("group `{}` = {:?}", c.row_group, c.value));
                    wrong.push((r.line, format!("{shown}, hand check: {hand}")));
                }
            }
            None => {
                let place = (squeeze(&r.row), squeeze(column), r.fiscal_year);
                match places.get(&place) {
                    Some(idxs) => {
                        let hand = either(idxs, &|c| format!("`{}`", c.raw));
                        wrong.push((r.line, format!("{shown}, hand check: {hand}")));
                    }
                    None => wrong.push((r.line, format!("{shown}, not a hand-checked cell"))),
                }
            }
        }
    }
    let missing: Vec<String> = cells
        .iter()
        .zip(&done)
        .filter(|(_, &d)| !d)
        .map(|(c, _)| format!("row `{}` column `{}` year {:?}: `{}`", short(&c.row), short(&c.column), c.fiscal_year, short(&c.raw)))
        .collect();
    let matched = cells.len() - missing.len();
    let tables: Vec<(&str, usize, usize)> = TABLES
        .iter()
        .map(|(name, _, _)| {
            let of_table = cells.iter().zip(&done).filter(|(c, _)| c.table == *name);
            (*name, of_table.clone().filter(|(_, &d)| d).count(), of_table.count())
        })
        .collect();
    wrong.sort();
    let wrong: Vec<String> = wrong.into_iter().map(|(_, text)| text).collect();
    eprintln!("== {rendering}: {} records; matched {matched}, missing {}, wrong {}", records.len(), missing.len(), wrong.len());
    eprintln!("  by table (matched/cells): {}", tables.iter().map(|(n, m, c)| format!("{n} {m}/{c}")).collect::<Vec<_>>().join(", "));
    for m in &missing {
        eprintln!("  missing: {m}");
    }
    for w in &wrong {
        eprintln!("  WRONG: {w}");
    }
    Report { tables, matched, missing, wrong }
}

#[test]
fn hand_check_has_86_cells() {
    assert_eq!(hand_checked().len(), 86);
}

/// The comparison on the fixture the hand check was made from gives what
/// tests/expected.rs pins: every cell.
#[test]
fn original_raw_pdftotext() {
    let report = compare("fixtures/000_18f7e0d6ffcc7f21.txt");
    assert_eq!(report.matched, 86);
    assert!(report.missing.is_empty(), "{:#?}", report.missing);
    assert!(report.wrong.is_empty(), "{:#?}", report.wrong);
}

/// Per table (name, matched, cells) when exactly the tables named are read, whole.
fn read_whole(read: &[&str]) -> Vec<(&'static str, usize, usize)> {
    ONLY_TABLES_C_AND_D.iter().map(|&(name, _, cells)| (name, if read.contains(&name) { cells } else { 0 }, cells)).collect()
}

/// Per table (matched, cells) when only the one-line tables C and D are read.
const ONLY_TABLES_C_AND_D: [(&str, usize, usize); 9] = [
    ("grid 1", 0, 2),
    ("grid 2", 0, 10),
    ("table A", 0, 10),
    ("table C", 10, 10),
    ("table D", 5, 5),
    ("table E", 0, 4),
    ("table F", 0, 20),
    ("grid 3", 0, 10),
    ("table B", 0, 15),
];

/// `pdftotext -layout`: one table row per line where no cell wraps; a wrapped
/// cell spreads its row over several lines with the one-line cells (and the row
/// number) on the middle line; the ①…⑤ list items come out as `① こどもの…`,
/// with a space after the circled number.
#[test]
fn libreoffice_pdftotext_layout() {
    let report = compare("fixtures/000_libreoffice_pdftotext_layout.txt");
    // Read: tables C and D (one line per row); table B (rows numbered in a column of
    // their own, each label wrapped above and below its number's line, the spanning
    // `定量的な整備目標` kept as the columns' parent); grids 1, 2, 3 (the `① こどもの…`
    // items, printed with a space like the sections above them, are a list: circled
    // numbers do not nest in themselves; each grid row's cells wrapped around its
    // centred row number, the two columns side by side); table F (the merged 事業名
    // cells, printed vertically centred on their rows, are row groups); table E (text
    // cells, the first label wrapped above and below its row's line).
    // FIXME(issue 3): 10 of 86 cells missing.
    // - table A (153-177): the two-row header with the merged `資源` and `定量的な整備目標`
    //   cells, five cells per row wrapped over up to 9 lines and printed one space apart
    //   (`・ライフストー ・ライフストー …`): which words are whose cell is not known, so the
    //   table is kept `unresolved` ("no header line naming their columns").
    let read = ["grid 1", "grid 2", "table C", "table D", "table E", "table F", "grid 3", "table B"];
    assert_eq!(report.tables, read_whole(&read));
    assert_eq!(report.matched, 76);
    assert_eq!(report.missing.len(), 10);
    assert_eq!(report.wrong, Vec::<String>::new(), "no wrong cell");
}

/// Default `pdftotext`: each cell a block of its own, one cell per line with blank
/// lines between; in tables C and D the letter-spaced labels `年　度` and `実　績`
/// (U+3000 inside the cell) come apart into `年` … `度` and `実` … `績`.
#[test]
fn libreoffice_pdftotext() {
    let report = compare("fixtures/000_libreoffice_pdftotext.txt");
    // Read: table E (its header words a block each, right under a sentence; rows closed
    // by a sentence, `達成見込み` printed alike in each) and table B (rows numbered `1`,
    // `2`, `3` on lines of their own, each its label and a value per year a line each).
    // FIXME(issue 3): 67 of 86 cells missing. Grids 1, 2, 3 and table F come out
    // one cell per line, in reading order or close to it; the grids, their header a cell
    // per block (`資源` / `1` / `現在の整備・取組状況(…)` / `整備すべき見込量等(…)`), are
    // `unresolved` fragments (13-27, 57-105, 356-469, table F inside the last: the cells
    // of rows 4-5 of grid 2 and of grid 1 interleave line by line; they were paragraphs,
    // `100%` alone at 467 and 469, before); table A
    // (137-196: wrapped cells interleaved line by line as paragraphs).
    // Tables C (218-257) and D (294-316): the letter-spaced `年　度` / `実　績` come apart
    // into single characters scattered among the cells (`目標数値` / `年` / values / `実` /
    // values / `績` / `度`); which row each belongs to is not known, so both tables are
    // `unresolved` fragments (they once gave 15 cells under rows `目標数値年`, `実`, `度績`).
    assert_eq!(report.tables, read_whole(&["table E", "table B"]));
    assert_eq!(report.matched, 19);
    assert_eq!(report.missing.len(), 67);
    assert_eq!(report.wrong, Vec::<String>::new(), "no wrong cell");
}

/// PyMuPDF `page.get_text("text")`: one cell per line, row by row, no blank lines;
/// wrapped cells one visual line per line; list items `①こどもの…` without a space.
#[test]
fn pymupdf() {
    let report = compare("fixtures/000_pymupdf.txt");
    // Read: tables C and D, and table B (rows numbered `1`, `2`, `3` on lines of their
    // own, each its label over two or three lines and a value per year a line each).
    // FIXME(issue 3): 56 of 86 cells missing. With no blank line anywhere, the grids'
    // cells run together (a wrapped cell and the next one are not told apart), so the
    // grids (header a cell per line at 11-13, 45-47, 341-344) are `unresolved`
    // fragments (they were paragraphs, `100% 100%` among them); table A becomes paragraphs of wrapped
    // pieces (106-205); table E is one paragraph with the sentence before it (286-296);
    // table F is paragraphs of single marks (308-330).
    assert_eq!(report.tables, read_whole(&["table C", "table D", "table B"]));
    assert_eq!(report.matched, 30);
    assert_eq!(report.missing.len(), 56);
    assert_eq!(report.wrong, Vec::<String>::new(), "no wrong cell");
}

/// pdfplumber `page.extract_text()`: one table row per line, cells joined by one
/// space, no blank lines anywhere; a wrapped cell spreads its row over several lines
/// with the row number and one-line cells on the middle line.
#[test]
fn pdfplumber() {
    let report = compare("fixtures/000_pdfplumber.txt");
    // FIXME(issue 3): 76 of 86 cells missing.
    // - grids 1, 2, 3: the two columns are printed one space apart, so which words are
    //   whose cell is not known; the grids stay `unresolved` (11-18, 42-61, 191-…). The
    //   row numbers printed at the start of a line of cells (`1 どをサポートする…` 15,
    //   `3 ・実施回数：…` 52) are taken as the grid's, not as headings, so the outline
    //   is right (tests/outline.rs);
    // - table D (164-165) is glued, with the sentence before it (163), to the list item
    //   at 161 (list 157-165);
    // - table E (168-173) is one paragraph with the sentence before it;
    // - table B (236-246): `unresolved_table` "a year header whose cells wrap over many lines".
    // - table A (90-93): the first wrapped lines of the five cells of row 1, side by side
    //   (`・ライフストー ・ライフストー …`), are as many words as years: not a label, so the
    //   word-table reader stops there and the table stays text (it once took them as the
    //   row label of `40人 50人 …`: 5 wrong cells).
    // - table F (185-190): the merged 事業名 cell, centred over its two rows, is printed
    //   into both (`養子縁組あっせん機関等職員 家庭養護促進協会 〇…` 186, `研修参加促進事業
    //   まもりごと －…` 187) while the other group sits on a line of its own (189): which
    //   words are the group's is not known, so the table is `unresolved` (it once gave 15
    //   cells under glued row labels or without their 事業名).
    assert_eq!(
        report.tables,
        [
            ("grid 1", 0, 2),
            ("grid 2", 0, 10),
            ("table A", 0, 10),
            ("table C", 10, 10),
            ("table D", 0, 5),
            ("table E", 0, 4),
            ("table F", 0, 20),
            ("grid 3", 0, 10),
            ("table B", 0, 15)
        ]
    );
    assert_eq!(report.matched, 10);
    assert_eq!(report.missing.len(), 76);
    assert_eq!(report.wrong, Vec::<String>::new(), "no wrong cell");
}

/// `pdftotext -raw`: text in content-stream order, one table row per line where
/// the row fits one line, cells one space apart.
#[test]
fn pdftotext_raw() {
    let report = compare("fixtures/000_pdftotext_raw.txt");
    // Read: tables C and B (a row per line under a one-line year header).
    // FIXME(issue 3): 61 of 86 cells missing: the grids (their two columns one space
    // apart on a line), tables A and E (cells wrapped line by line), table D (249-250,
    // `実 績 － － ０ ０ ６(見込)`, not diagnosed) and table F (its rows and the grid
    // header below them, with no blank line between, end up in one `unresolved` block).
    let read = ["table C", "table B"];
    assert_eq!(report.tables, read_whole(&read));
    report.assert_read(25);
}

/// pdfminer.six `pdf2txt.py`: text boxes, each cell a box of its own, columns of a
/// table often printed one after another (labels first, then the values).
#[test]
fn pdfminer() {
    let report = compare("fixtures/000_pdfminer.txt");
    // Read: table E; grids 1 and 2 (their header printed a cell per block, `資源` /
    // `現在の整備・取組状況(…)` / `整備すべき見込量等(…)`, each cell a block, rebuilt by
    // the list above as in the raw original).
    // FIXME(issue 3): 70 of 86 cells missing. Grid 3's cells do not come to 10 blocks
    // (kept `unresolved`). Table B prints its row numbers, then its
    // labels, then its years, then its values column by column for rows 1-2 (`20 件` /
    // `6件` / `21 件` …) and row 3's after: no order is proven, so the values stay
    // `unresolved` (they were once read as one row `定量的な整備目標`: 5 wrong cells).
    assert_eq!(report.tables, read_whole(&["grid 1", "grid 2", "table E"]));
    report.assert_read(16);
}

/// pdfplumber `extract_text(layout=True)`: the page's text placed by position,
/// like `pdftotext -layout` but indented, blank lines between lines of text, and
/// a row number one space before its label (`3 を受講した…`).
#[test]
fn pdfplumber_layout() {
    let report = compare("fixtures/000_pdfplumber_layout.txt");
    // Read: grids 1 and 2 (cells with a wide space inside, `・ライフストーリーワーク実施
    // 40人`, split where the second column starts), tables C, D, F and B (rows numbered
    // one space before their label: the number is cut off; it once gave 15 wrong cells
    // under rows `1`, `2`).
    // FIXME(issue 3): 24 of 86 cells missing: grid 3 (its `100%` centred in the second
    // column starts it 14 characters right of the other lines, so where to split the
    // line with wide spaces is not certain), table A (cells one space apart), table E
    // (not diagnosed).
    let read = ["grid 1", "grid 2", "table C", "table D", "table F", "table B"];
    assert_eq!(report.tables, read_whole(&read));
    report.assert_read(62);
}

/// pypdf `page.extract_text()` (pypdf 7.1.1): a table row per line where its cells
/// fit one line, cells one space apart, no blank lines; era names apart from their
/// numbers (`令和 7 年度`).
#[test]
fn pypdf() {
    let report = compare("fixtures/000_pypdf.txt");
    // Read: tables C and B (a row per line under a one-line year header; row 3's number,
    // label lines and values each on lines of their own).
    // FIXME(issue 3): 61 of 86 cells missing: the grids (two columns one space apart on
    // one line: `1 ・ライフストーリーワーク実施 40 人 ・ファミリー… ・ライフストーリー…`),
    // table A (cells wrapped a line each, kept `unresolved`: it had made a heading of its
    // row `1 親子再統合支援事業による…`), table D (`実 績 － － ０ ０ ６(見込)`), tables E
    // and F (cells a line each).
    let read = ["table C", "table B"];
    assert_eq!(report.tables, read_whole(&read));
    report.assert_read(25);
}

/// pypdf `page.extract_text(extraction_mode="layout")` (pypdf 7.1.1): a character grid
/// like `pdftotext -layout`, but a row's label starts on its values line and wraps
/// below it, indented (`1児童相談所の通じた特別養子   20件 …` / `  縁組の成立件数`), row
/// numbers glued to their labels, and merged cells printed from the top of their rows.
#[test]
fn pypdf_layout() {
    let report = compare("fixtures/000_pypdf_layout.txt");
    // Read: tables C and D, and grid 1.
    // FIXME(issue 3): 69 of 86 cells missing. Kept `unresolved` rather than guessed (they
    // gave 35 wrong cells when first measured):
    // - table F: the merged 事業名 cells printed from the top of their rows down
    //   (`研修参加促進事業` goes on the name above or starts one: not shown);
    // - table B: numbered rows with one label piece between rows 1 and 2 (which row
    //   it ends is not shown by the text alone; it belongs to row 1).
    // Not read: grids 2 and 3 (cells with wide spaces inside), tables A and E (cells
    // one space apart).
    let read = ["grid 1", "table C", "table D"];
    assert_eq!(report.tables, read_whole(&read));
    report.assert_read(17);
}

/// Seed 000's document saved as HTML by LibreOffice and printed to PDF by Chromium
/// (scripts/make-chromium-renderings), then `pdftotext -layout`: cells aligned to
/// the top of their rows, year cells wrapped at 年 (`令和7年` / `度`).
#[test]
fn chromium_pdftotext_layout() {
    let report = compare("fixtures/000_chromium_pdftotext_layout.txt");
    // Read: table C, its last cell `20（見` with its rest `込）` on the line below
    // joined; table B, its stub `資源` printed beside the spanning `定量的な整備目標`
    // and its third row's label led by its number on a line of its own
    // (`3 関する研修を受講し`, read as a heading before).
    // FIXME(issue 3): 61 missing: the grids, tables A, D, E, F (not read).
    report.assert_read(25);
}

/// The same PDF in default `pdftotext` mode: no table is read, and none wrongly.
#[test]
fn chromium_pdftotext() {
    let report = compare("fixtures/000_chromium_pdftotext.txt");
    // FIXME(issue 3): all 86 cells missing (cells one per line, wrapped at 年).
    report.assert_read(0);
}

// More extractors (scripts/make-more-renderings, described in
// scripts/make-more-renderings.md): PDFium (Chrome's engine), pdf.js (Firefox's),
// Ghostscript's txtwrite device and MuPDF 1.21's `mutool draw -F txt`.

/// PDFium through pypdfium2 5.15.2 `get_text_range()`: as pypdf, a table row per line
/// where its cells fit one line, cells one space apart, no blank lines anywhere.
#[test]
fn pypdfium2() {
    let report = compare("fixtures/000_pypdfium2.txt");
    // Read: tables C and B (a row per line under a one-line year header).
    // FIXME(issue 3): 61 of 86 cells missing, as in pypdf: the grids (their cells a line
    // each, row numbers alone or leading a line: `unresolved`, 11-23, 43-66, 268-…), table A
    // (104-…: "a year header whose cells wrap over many lines", cells wrapped a line each),
    // table D (248-249: `年　度 R2 年度 …` / `実　績 － － ０ ０ ６（見込）` glued, with no blank
    // line, to the list item above it, 241-249), table E (252-256: one paragraph with the
    // sentence before it), table F (268-…: inside grid 3's `unresolved` block).
    assert_eq!(report.tables, read_whole(&["table C", "table B"]));
    report.assert_read(25);
}

/// pdf.js (pdfjs-dist 5.6.205) `getTextContent()`, items joined with a newline where
/// `hasEOL`: the PDFium text nearly line for line.
#[test]
fn pdfjs() {
    let report = compare("fixtures/000_pdfjs.txt");
    // Read: tables C and B.
    // FIXME(issue 3): 61 of 86 cells missing, as in PDFium (`pypdfium2`); table A from 101.
    assert_eq!(report.tables, read_whole(&["table C", "table B"]));
    report.assert_read(25);
}

/// MuPDF 1.21 `mutool draw -F txt`: PyMuPDF's order (a cell per line, row by row) with a
/// blank line after every block.
#[test]
fn mutool() {
    let report = compare("fixtures/000_mutool.txt");
    // Read: grids 1 and 2 (their cells a block each, placed by content), tables C, D and B.
    // FIXME(issue 3): 44 of 86 cells missing:
    // - table A (182-…): every header cell and every wrapped piece of a cell a block of its
    //   own (`・ライフストー` / `リーワーク実施 40 人`), read as paragraphs; its row number `1`
    //   (192) is even taken as page furniture;
    // - table E (434-445): the header one block, each row one block: paragraphs;
    // - table F and grid 3 (469-551): one `unresolved` block, the grid's cells out of order.
    assert_eq!(report.tables, read_whole(&["grid 1", "grid 2", "table C", "table D", "table B"]));
    report.assert_read(42);
}

/// Ghostscript 10.0 `txtwrite`: a character grid like `pdftotext -layout`, but no blank
/// line anywhere and text on one baseline merged into one line (a row's label's first
/// line into the year header line).
#[test]
fn ghostscript() {
    let report = compare("fixtures/000_ghostscript.txt");
    // Read: tables C and D. Table B (216-224) is `unresolved`: the first line of row 1's
    // label, `児童相談所の通じた特別養子`, is printed on the year line one space before
    // `令和7年度` (218) and ran into that column's header, so which label piece is whose row
    // is not known (tables.rs: words before one year that the others lack). Before, its 15
    // cells were read under the label piece below each (`縁組の成立件数`, …).
    // Grid 2 (40-55) is not read: Ghostscript prints the row number `1`…`5` on the upper
    // middle line of a row with an even count of lines (row 4: `4 ・児童心理司…研修へ` /
    // `の派遣`, 50-51). Cut around centred numbers, row 5 would start with `の派遣`, the rest
    // of a cell (grid.rs `row_ends`); with numbers on either middle line, three cuts fit, so
    // none is taken. Before, the centred cut gave 8 cells with the wrong lines.
    // FIXME(issue 3): 71 missing; right for grid 2: row 1 = 41-42, row 2 = 43-46, row 3 =
    // 47-49, row 4 = 50-51, row 5 = 52-55. Not read either: grids 1 and 3 and tables A, E, F
    // (no blank line between them and the text: "no header line naming their columns", the
    // table F rows and grid 3 header touching).
    assert_eq!(report.tables, read_whole(&["table C", "table D"]));
    report.assert_read(15);
}

/// Seed 000's Chromium PDF (see `chromium_pdftotext_layout`) through PDFium (pypdfium2):
/// content-stream order, a row per line where it fits, wrapped cells a piece per line.
#[test]
fn chromium_pypdfium2() {
    let report = compare("fixtures/000_chromium_pypdfium2.txt");
    // Read: table C's row `目標数値` (276).
    // FIXME(issue 3): 81 of 86 cells missing. Table C's `実 績 11 15 16 18` / `20（見` / `込）`
    // (277-279): the last cell wraps onto two lines of its own, so the row is one value short
    // (right: 11, 15, 16, 18, 20(見込) for 2020-2024); the rest as in `chromium_pdftotext`.
    report.assert_read(5);
}

/// Seed 000's Chromium PDF through pdf.js: PDFium's text, but with Kangxi radicals for
/// most kanji (`⽬標数値` with U+2F6C for 目) and `‧` (U+2027) for `・`.
#[test]
fn chromium_pdfjs() {
    let report = compare("fixtures/000_chromium_pdfjs.txt");
    // Table C's row `⽬標数値` (275, the Kangxi radical U+2F6C for 目) is read as `目標数値`
    // (normalize.rs folds the radicals).
    // FIXME(issue 3): 81 missing. Its `実 績` row ends `20（⾒`, with `込）` on the next line
    // (276-277): one value short, not read; the other tables are not read.
    report.assert_read(5);
}
