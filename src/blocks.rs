//! Stage 3, normalized lines → pieces. Classifies each line (heading
//! candidate, caption `表5`, unit `単位：人`, note `※…`, list item, bracketed
//! label, table row, separator, page furniture, paragraph text) and groups
//! neighbours: wrapped paragraph lines are joined, list items collected, a
//! caption's continuation lines folded in, runs of table rows kept together.
//! Whether a heading candidate really is a heading is decided by `sections`,
//! which knows the numbering so far. Every non-blank line lands in exactly
//! one piece.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::columns::{self, SpacedLine};
use crate::era;
use crate::model::{Item, TocEntry};
use crate::normalize::{self, Line};
use crate::stacked::{self, Stacked};
use crate::texttable;

/// Brackets that make a line a label for the blocks after it.
const LABEL_BRACKETS: [(char, char); 7] = [('【', '】'), ('«', '»'), ('<', '>'), ('〈', '〉'), ('《', '》'), ('≪', '≫'), ('[', ']')];
/// Bullets that open a label line (`○子育て短期支援事業`, `●年齢区分別…`).
const LABEL_BULLETS: [char; 4] = ['○', '〇', '●', '◎'];
/// Japanese full stop: a line with one is a sentence, not a title.
const FULL_STOP: char = '。';
/// The appendix heading `【参考】…`.
const APPENDIX: &str = "【参考】";
/// The 目次 line that opens a table of contents.
const TOC_TITLE: &str = "目次";

/// A heading as printed; `sections` decides whether it is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// `chapter` (`第7章`), `number` (`3`), `number_dot` (`1.`), `paren` (`(1)`),
    /// `circled` (`①`), `paren_kana` (`(ア)`), `appendix` (`【参考】`), `material` (`資料1`).
    pub kind: &'static str,
    pub marker: String,
    pub number: Option<u32>,
    /// Where the title is in `text` (`title`): a string of its own made every heading's
    /// title twice, and every heading is kept to the end of `classify` (the peak).
    title_at: (u32, u32),
    pub line: u32,
    /// The whole line, for when it turns out not to be a heading.
    pub text: String,
}

impl Heading {
    /// The text after the marker, trimmed.
    pub fn title(&self) -> &str {
        &self.text[self.title_at.0 as usize..self.title_at.1 as usize]
    }
}

/// One row of a table as split at TABs.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: u32,
    pub page: u32,
    pub cells: Vec<String>,
    /// The line of each cell, when the cells are not all on `line` (one cell per line); else empty.
    pub cell_lines: Vec<u32>,
}

impl RawRow {
    /// A row printed on one line.
    pub fn new(line: u32, page: u32, cells: Vec<String>) -> RawRow {
        RawRow { line, page, cells, cell_lines: Vec::new() }
    }

    /// The line where cell `idx` is printed.
    pub fn line_of(&self, idx: usize) -> u32 {
        self.cell_lines.get(idx).copied().unwrap_or(self.line)
    }
}

/// What a run of lines is.
#[derive(Debug, Clone, PartialEq)]
pub enum PieceKind {
    /// Boxed: a heading is the largest piece and the rarest.
    Heading(Box<Heading>),
    Paragraph(String),
    List(Vec<Item>),
    Note(String),
    /// `表5 …` with its continuation lines and the unit it names (boxed: the
    /// largest kind of piece would make every piece as large).
    Caption(Box<Caption>),
    /// `単位：人（年間の利用人数）` on its own line.
    Unit(String),
    /// `«具体的な整備目標»`, `○子育て短期支援事業`.
    Label(String),
    /// Consecutive table rows; separator lines among them are dropped but owned.
    /// `aligned` when the cells were found by their alignment (runs of spaces), not by TABs.
    Rows {
        rows: Vec<RawRow>,
        aligned: bool,
        /// The reader knows the first row is the header (all text cells, no years).
        header: bool,
    },
    /// `--<TAB>---` on its own.
    Separator(String),
    /// Page numbers, `資料８` alone.
    Furniture(String),
    /// A `資源 | 現在の整備… | 整備すべき見込量…` grid printed out of order
    /// (raw pdftotext): every line, for `sections` to rebuild with the list above it.
    /// (Boxed: inline, its two fields made every piece 48 bytes instead of 40.)
    Grid(Box<GridPiece>),
    /// A table region whose cells cannot be put back in order (boxed: inline it made
    /// every piece 56 bytes instead of 40).
    Unresolved(Box<Unresolved>),
    Toc(Vec<TocEntry>),
}

/// A requirement grid's lines, and the grid read from them when `pdftotext -layout` printed it.
#[derive(Debug, Clone, PartialEq)]
pub struct GridPiece {
    pub fragments: Vec<Item>,
    pub aligned: Option<Box<crate::grid::Grid>>,
}

/// Every line of a table region whose cells cannot be put back in order, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved {
    pub fragments: Vec<Item>,
    pub reason: String,
}

/// A table caption: `表5`, the text after it, the unit it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub label: String,
    pub text: Option<String>,
    pub unit: Option<String>,
}

/// A piece and the lines it owns (`first..=last`, blank lines inside included).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub kind: PieceKind,
    pub first: u32,
    pub last: u32,
}

/// What a single line looks like on its own.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Blank,
    Separator,
    Row,
    /// A row of a table aligned with spaces (`pdftotext -layout`).
    Spaced,
    TocTitle,
    Caption,
    Unit,
    Note,
    Label,
    ListItem,
    /// A heading candidate (`line_heading` reads it again when its piece is made); true when
    /// its kind is `number` (`3 …`), which a table's row number can look like. No `Heading`
    /// is kept per line: with it a `Class` was 16 bytes a line and every heading was built twice.
    Heading(bool),
    Furniture,
    /// One year header cell alone (`2025 年度 (R7)`): raw pdftotext's tables.
    Year,
    Text,
}

/// Groups normalized lines into pieces.
/// `page_starts`: the number of the line each page after the first starts at (`normalize::page_of`).
pub fn classify<'a>(lines: &[Line<'a>], page_starts: &'a [u32]) -> Vec<Piece> {
    let mut classes =
        Classes { classes: lines.iter().map(|line| class(line.text)).collect(), offers: RefCell::new(Offers::new()), page_starts };
    mark_running_titles(lines, page_starts, &mut classes);
    // A heading spaced apart from its title (`is_spaced_heading`) right beside a table row
    // is a row itself, its number a row number (`2   童相談所職員への…`).
    for line_idx in 0..classes.len() {
        if matches!(classes[line_idx], Class::Heading(_)) && columns::is_row(lines[line_idx].text) {
            // A row of short cells, not a justified line of prose with a wide space in it.
            let beside_row = |idx: Option<usize>| {
                idx.filter(|&idx| classes.get(idx) == Some(&Class::Spaced))
                    .is_some_and(|idx| columns::spans(lines[idx].text).iter().all(|span| span.text.chars().count() <= MAX_FRAGMENT_CHARS))
            };
            if beside_row(line_idx.checked_sub(1)) || beside_row(Some(line_idx + 1)) {
                classes[line_idx] = Class::Spaced;
            }
        }
    }
    // A label's rest that starts with a garbled `ー` (`児童福祉司ス   5 …` / `-バ°-ハ"イサ"` /
    // `- (SV) の配置`, Word's cells in `-layout`) under a table's row is no list item.
    for line_idx in 1..classes.len() {
        if classes[line_idx] == Class::ListItem && is_garbled_long_mark_rest(lines, &classes, line_idx) {
            classes[line_idx] = Class::Text;
        }
    }
    // Header lines of a space-aligned table often have one cell (`2025 年度 (R7) 2026 年度 (R8) …`
    // fused by single spaces, or a wrapped `(内訳)`): lines right above the first row join it.
    for line_idx in 1..classes.len() {
        if classes[line_idx] != Class::Spaced || classes[line_idx - 1] == Class::Spaced {
            continue;
        }
        let mut lead = line_idx;
        while lead > 0
            && line_idx - lead < 3
            && classes[lead - 1] == Class::Text
            && is_header_piece(normalize::trim(lines[lead - 1].text))
            // A caption's wrapped rest (`表○ …種類別` / `の子ど�数の見込み(単位:人)`) stays the caption's.
            && !(lead >= 2 && classes[lead - 2] == Class::Caption && normalize::trim(lines[lead - 1].text).contains("(単位:"))
        {
            lead -= 1;
        }
        for class in classes.iter_mut().take(line_idx).skip(lead) {
            *class = Class::Spaced;
        }
    }
    // Room for every piece from the start (a piece holds a non-blank line, seldom one
    // another piece holds too): grown by doubling, the vector was copied at each step, each
    // copy into fresh pages, a fortieth of the run in `memcpy` and page faults.
    let mut pieces = Vec::with_capacity(classes.iter().filter(|class| **class != Class::Blank).count());
    let mut line_idx = 0;
    while line_idx < lines.len() {
        let line = &lines[line_idx];
        let text = normalize::trim(line.text);
        let start = num(line_idx);
        // Both readers of a line of years first test for three marks of a year (`has_year_marks`,
        // which they make again): asked once here, most lines are turned down by one test.
        let year_marks = matches!(classes[line_idx], Class::Text | Class::Spaced) && era::has_year_marks(text, 3);
        // (Kept for `word_table_read`, which reads the same words: `year_header` splits at spaces.)
        let header_years = if year_marks { columns::year_header(text) } else { None };
        let one_line_years = header_years.is_some();
        // `2025 年度 (R7) 2026 年度 (R8) …` (single spaces inside and between the cells); a
        // space-aligned table (`-layout`) is read by its columns, not as a word table.
        // (Kept for `word_table_read` too, when the line is no `year_header`.)
        let row_years = if classes[line_idx] == Class::Text && !one_line_years && year_marks { stacked::year_row(text) } else { None };
        let year_row = classes[line_idx] == Class::Text && (one_line_years || row_years.is_some());
        if one_line_years || year_row {
            let mut pages = classes.pages_from(line_idx);
            let window: Vec<(u32, u32, &str)> =
                (line_idx..lines.len().min(line_idx + 60)).map(|idx| (num(idx), pages.page(idx), lines[idx].text)).collect();
            if let Some((rows, n_used)) = columns::word_table_read(&window, header_years, row_years) {
                let last = num(line_idx + n_used);
                pieces.push(Piece { kind: PieceKind::Rows { rows, aligned: false, header: false }, first: start, last });
                line_idx += n_used + 1;
                continue;
            }
        }
        if classes[line_idx] == Class::Text && text.starts_with(stacked::REQUIREMENT_OPENER) {
            if let Some(Stacked::Table { rows, n_above, n_used, n_doubtful }) =
                stacked_table(lines, &classes, &mut pieces, line_idx, stacked::requirement_table, 0)
            {
                line_idx = push_stacked(&mut pieces, lines, line_idx, rows, n_above, n_used, n_doubtful);
                continue;
            }
        }
        // A header with a difference column (`②-①`) whose cells came out mixed with the rows',
        // offered at its first cell only.
        if matches!(classes[line_idx], Class::Text | Class::Year)
            && stacked::opens_difference_header(text)
            && (0..line_idx)
                .rev()
                .find(|&idx| classes[idx] != Class::Blank)
                .is_none_or(|idx| classes[idx] != Class::Year && !stacked::opens_difference_header(lines[idx].text))
        {
            if let Some(Stacked::Table { rows, n_above, n_used, n_doubtful }) =
                stacked_table(lines, &classes, &mut pieces, line_idx, stacked::difference_table, MAX_LINES_BEFORE_CAPTION)
            {
                line_idx = push_stacked(&mut pieces, lines, line_idx, rows, n_above, n_used, n_doubtful);
                continue;
            }
        }
        // A year cell is offered only as the first of its header: the rest are read with it.
        // (Nor after a year cell wrapped at `年` and its rest, `2019年` / `度 (R1)` / `2020年`.)
        // (Or a year cell with the stub word printed before it, `年度 2020 年度`, pdf.js.)
        // (A line `class` made text holds no stub word and year cell, which `class` looked
        // for, unless it turned the line down at its TABs, thousands of them: only such a
        // line is read again.)
        let year_cell = classes[line_idx] == Class::Year
            || (classes[line_idx] == Class::Text
                && memchr::memchr(b'\t', line.text.as_bytes()).is_some()
                && stacked::stub_and_year(text).is_some());
        let first_year = year_cell && {
            let mut before = (0..line_idx).rev().filter(|&idx| classes[idx] != Class::Blank);
            match (before.next(), before.next()) {
                (Some(prev), _) if classes[prev] == Class::Year => false,
                (Some(prev), Some(prev_prev)) => !(classes[prev_prev] == Class::Year && stacked::ends_wrapped_year(lines[prev].text)),
                _ => true,
            }
        };
        // Or the first of a header's year cells wrapped at an open bracket (`2019 年度 (R` / `1)`).
        let first_year = first_year
            || (classes[line_idx] == Class::Text && stacked::opens_wrapped_year(text) && {
                let mut before = (0..line_idx).rev().filter(|&idx| classes[idx] != Class::Blank);
                match (before.next(), before.next()) {
                    (Some(prev), _) if classes[prev] == Class::Year => false,
                    (Some(prev), Some(prev_prev)) => !stacked::closes_wrapped_year(lines[prev_prev].text, lines[prev].text),
                    _ => true,
                }
            });
        // Or the first of a run of bare years a line each (`2019` / `2020` / … / `年度` / … /
        // `(R1)` …: Word's cells cut before their `年度`, default `pdftotext`).
        let first_year = first_year
            || (classes[line_idx] == Class::Text && stacked::is_bare_year(text) && {
                let bare = |idx: Option<usize>| idx.is_some_and(|idx| stacked::is_bare_year(lines[idx].text));
                !bare((0..line_idx).rev().find(|&idx| classes[idx] != Class::Blank))
                    && bare((line_idx + 1..lines.len()).find(|&idx| classes[idx] != Class::Blank))
            });
        if year_row || first_year {
            match stacked_table(lines, &classes, &mut pieces, line_idx, stacked::read, 0) {
                Some(Stacked::Table { rows, n_above, n_used, n_doubtful }) => {
                    line_idx = push_stacked(&mut pieces, lines, line_idx, rows, n_above, n_used, n_doubtful);
                    continue;
                }
                Some(Stacked::Doubt { n_used }) if !one_line_years => {
                    let reason = "a year header whose cells came out one per line in an order that fits no reading (raw pdftotext)";
                    pieces.push(unresolved(lines, line_idx, line_idx + n_used, reason.to_string()));
                    line_idx += n_used;
                    continue;
                }
                _ => {}
            }
        }
        if one_line_years {
            // A year header with no row of values under it: the cells wrap over many lines.
            if classes[line_idx] == Class::Text {
                let end = region_end(lines, &classes, line_idx, Some(u32::MAX));
                let reason = "a year header whose cells wrap over many lines (raw pdftotext)".to_string();
                pieces.push(unresolved(lines, line_idx, end, reason));
                line_idx = end;
                continue;
            }
        }
        // Cheap test first: this is asked of every line of text.
        if classes[line_idx] == Class::Text && (texttable::is_header_word(text) || texttable::header(text).is_some()) {
            let end = region_end(lines, &classes, line_idx, None);
            let region: Vec<(u32, &str)> = (line_idx..end).map(|idx| (num(idx), lines[idx].text)).collect();
            // The header's words on one line, or each a block of its own.
            let header = texttable::header(text).map(|words| (words, 1)).or_else(|| texttable::header_blocks(&region));
            if let Some((words, n_header)) = header {
                if let Some((rows, n_used)) = texttable::read(&words, start, &region[n_header..]) {
                    let last = num(line_idx + n_header + n_used - 1);
                    pieces.push(Piece { kind: PieceKind::Rows { rows, aligned: false, header: true }, first: start, last });
                    line_idx += n_header + n_used;
                    continue;
                }
            }
        }
        if let Some(mut grid_start) = grid_start(lines, &classes, line_idx) {
            // Drop the pieces already made from the grid's first lines (they are fragments
            // of it), but not a table rebuilt there: the grid starts after it.
            let first_number = num(grid_start);
            while let Some(piece) = pieces.last().filter(|piece| piece.first >= first_number) {
                if matches!(piece.kind, PieceKind::Rows { .. }) {
                    // Line numbers are 1-based indices: the line after the piece is at index `last`.
                    grid_start = (piece.last as usize).min(line_idx);
                    break;
                }
                pieces.pop();
            }
            while grid_start < line_idx && classes[grid_start] == Class::Blank {
                grid_start += 1;
            }
            let end = grid_end(lines, &classes, line_idx);
            pieces.push(Piece {
                first: num(grid_start),
                last: num(end - 1),
                kind: PieceKind::Grid(Box::new(GridPiece {
                    fragments: fragments(lines, grid_start, end),
                    aligned: crate::grid::aligned(&(grid_start..end).map(|idx| (num(idx), lines[idx].text)).collect::<Vec<_>>())
                        .map(Box::new),
                })),
            });
            line_idx = end;
            continue;
        }
        match &classes[line_idx] {
            Class::Blank => {
                line_idx += 1;
            }
            Class::Spaced => {
                let end = lines.len().min(line_idx + 1 + MAX_TEXT_TABLE_LINES);
                let region: Vec<(u32, &str)> = (line_idx..end).map(|idx| (num(idx), lines[idx].text)).collect();
                if let Some((rows, n_used)) = texttable::aligned(&region) {
                    let last = num(line_idx + n_used - 1);
                    pieces.push(Piece { kind: PieceKind::Rows { rows, aligned: true, header: true }, first: start, last });
                    line_idx += n_used;
                    continue;
                }
                let (rows, last, next) = spaced_group(lines, &classes, line_idx);
                match rows {
                    // The contents' entries wrapped past what `toc` reads: page numbers, no table.
                    Ok(rows) if on_contents_page(&pieces, &classes, classes.page(line_idx), &rows) => {
                        let reason = "lines on the contents page after its entries: their numbers are page numbers".to_string();
                        pieces.push(unresolved(lines, line_idx, next, reason));
                    }
                    Ok(rows) => pieces.push(Piece { kind: PieceKind::Rows { rows, aligned: true, header: false }, first: start, last }),
                    Err(reason) => pieces.push(unresolved(lines, line_idx, next, reason)),
                }
                line_idx = next;
            }
            Class::Separator if !next_is_row(&classes, line_idx) => {
                // The whole run of separator lines at once: looking ahead per line would be quadratic.
                let run_end = line_idx + classes[line_idx..].iter().take_while(|class| **class == Class::Separator).count();
                for (separator, number) in lines[line_idx..run_end].iter().zip(num(line_idx)..) {
                    pieces.push(Piece {
                        kind: PieceKind::Separator(normalize::trim(separator.text).to_string()),
                        first: number,
                        last: number,
                    });
                }
                line_idx = run_end;
            }
            Class::Row | Class::Separator => {
                let mut rows = Vec::new();
                let mut last = start;
                let mut pages = classes.pages_from(line_idx);
                while line_idx < lines.len() && matches!(classes[line_idx], Class::Row | Class::Separator) {
                    if classes[line_idx] == Class::Row {
                        rows.push(raw_row(&lines[line_idx], num(line_idx), pages.page(line_idx)));
                    }
                    last = num(line_idx);
                    line_idx += 1;
                }
                pieces.push(Piece { kind: PieceKind::Rows { rows, aligned: false, header: false }, first: start, last });
            }
            Class::TocTitle => {
                let (entries, last, next) = toc(lines, &classes, line_idx);
                pieces.push(Piece { kind: PieceKind::Toc(entries), first: start, last });
                line_idx = next;
            }
            Class::Caption => {
                let (label, rest) = caption(text).unwrap_or_default();
                let mut caption_text = rest;
                let mut unit = unit_in(text);
                let mut last = start;
                line_idx += 1;
                // Continuation lines: short, no full stop, not another kind of line; blank lines may intervene.
                let mut n_extra = 0;
                let mut probe = line_idx;
                while probe < lines.len() && n_extra < 3 {
                    match classes[probe] {
                        Class::Blank => probe += 1,
                        // A stub word or row label right above a raw table's year cells is the table's.
                        Class::Text
                            if is_year_line(lines, &classes, probe)
                                || stacked::is_bare_year(lines[probe].text)
                                || normalize::trim(lines[probe].text).split(' ').all(stacked::is_bare_year)
                                || precedes_year(lines, &classes, probe)
                                || stacked::opens_difference_header(lines[probe].text) =>
                        {
                            break
                        }
                        // A stub word alone (`年度`) over a column of row labels heads them.
                        Class::Text
                            if crate::tables::STUB_WORDS.contains(&normalize::trim(lines[probe].text)) && heads_labels(lines, probe) =>
                        {
                            break
                        }
                        Class::Text | Class::Unit if continues_caption(lines[probe].text) => {
                            let extra = normalize::trim(lines[probe].text);
                            if classes[probe] == Class::Unit || unit_in(extra).is_some() {
                                unit = unit.or_else(|| unit_in(extra));
                            }
                            caption_text = Some(match caption_text {
                                Some(text) => join(&text, extra),
                                None => extra.to_string(),
                            });
                            last = num(probe);
                            n_extra += 1;
                            probe += 1;
                            line_idx = probe;
                        }
                        _ => break,
                    }
                }
                pieces.push(Piece { kind: PieceKind::Caption(Box::new(Caption { label, text: caption_text, unit })), first: start, last });
            }
            Class::Unit => {
                let unit = unit_in(text).unwrap_or_else(|| text.to_string());
                pieces.push(Piece { kind: PieceKind::Unit(unit), first: start, last: start });
                line_idx += 1;
            }
            Class::Label => {
                pieces.push(Piece { kind: PieceKind::Label(text.to_string()), first: start, last: start });
                line_idx += 1;
            }
            Class::Heading(_) => {
                let heading = line_heading(line.text, num(line_idx)).expect("a line classed as a heading has one");
                pieces.push(Piece { kind: PieceKind::Heading(Box::new(heading)), first: start, last: start });
                line_idx += 1;
            }
            Class::Furniture => {
                pieces.push(Piece { kind: PieceKind::Furniture(text.to_string()), first: start, last: start });
                line_idx += 1;
            }
            Class::Note => {
                let (joined, last, next) = run_of_text(lines, &classes, line_idx, text);
                pieces.push(Piece { kind: PieceKind::Note(joined), first: start, last });
                line_idx = next;
            }
            Class::Text | Class::Year => {
                let (joined, last, next) = run_of_text(lines, &classes, line_idx, text);
                pieces.push(Piece { kind: PieceKind::Paragraph(joined), first: start, last });
                line_idx = next;
            }
            Class::ListItem => {
                let mut items: Vec<Item> = Vec::new();
                let mut last = start;
                while line_idx < lines.len() {
                    match classes[line_idx] {
                        Class::ListItem => {
                            items.push(Item { line: num(line_idx), text: list_text(normalize::trim(lines[line_idx].text)).to_string() });
                        }
                        Class::Text if !items.is_empty() => {
                            if let Some(item) = items.last_mut() {
                                push_joined(&mut item.text, normalize::trim(lines[line_idx].text));
                            }
                        }
                        // One blank line may separate items of one list.
                        Class::Blank if classes.get(line_idx + 1) == Some(&Class::ListItem) => {}
                        _ => break,
                    }
                    if classes[line_idx] != Class::Blank {
                        last = num(line_idx);
                    }
                    line_idx += 1;
                }
                pieces.push(Piece { kind: PieceKind::List(items), first: start, last });
            }
        }
    }
    drop(classes);
    let pieces = join_broken_paragraphs(pieces, lines);
    flag_value_clusters(pieces, lines)
}

/// Mean length of the titles between numbers that makes a run a table of contents.
const MIN_TOC_TITLE_CHARS: usize = 15;
/// Values in a run of short lines that make it a table that was not read.
const MIN_CLUSTER_VALUES: usize = 6;

/// Finds runs of short paragraphs (one cell a line, raw pdftotext) in which many
/// lines are values (`7`, `▲4`, `35.0`) that no table reader took: a table whose
/// cells came out in an order that fits no reading. Such a run becomes one
/// `unresolved` piece, so that its numbers are not read as text without a word.
fn flag_value_clusters(mut pieces: Vec<Piece>, lines: &[Line<'_>]) -> Vec<Piece> {
    let cell_like = |piece: &Piece| match &piece.kind {
        PieceKind::Paragraph(text) => {
            piece.first == piece.last && text.chars().count() <= MAX_FRAGMENT_CHARS + 10 && !text.contains(FULL_STOP)
        }
        // Lone numbers, and page furniture (`- 51 -`, a running title) between a page's cells.
        PieceKind::Furniture(_) => true,
        _ => false,
    };
    let is_value = |piece: &Piece| match &piece.kind {
        PieceKind::Paragraph(text) | PieceKind::Furniture(text) => stacked::is_value(text),
        _ => false,
    };
    // In place, like `join_broken_paragraphs`: the output is written over the pieces
    // already read (a second vector of every piece was the peak of memory).
    let mut kept = 0;
    let mut run: Vec<Piece> = Vec::new();
    let flush = |run: &mut Vec<Piece>, out: &mut [Piece], kept: &mut usize| {
        // Each piece read once, and only in a run that could be a cluster (most runs are a line or two).
        let values: Vec<bool> = if run.len() < MIN_CLUSTER_VALUES { Vec::new() } else { run.iter().map(is_value).collect() };
        let n_values = values.iter().filter(|value| **value).count();
        let page_numbers = || {
            // Page numbers of a table of contents are whole numbers that never go down.
            let integers: Vec<u32> = run
                .iter()
                .zip(&values)
                .filter_map(|(piece, value)| match &piece.kind {
                    PieceKind::Paragraph(text) | PieceKind::Furniture(text) if *value => Some(text.parse::<u32>().ok()),
                    _ => None,
                })
                .collect::<Option<Vec<u32>>>()
                .unwrap_or_default();
            // … or section numbers and page numbers between long titles.
            let titles: Vec<usize> = run
                .iter()
                .zip(&values)
                .filter_map(|(piece, value)| match &piece.kind {
                    PieceKind::Paragraph(text) if !*value => Some(text.chars().count()),
                    _ => None,
                })
                .collect();
            let long_titles = !titles.is_empty() && titles.iter().sum::<usize>() >= MIN_TOC_TITLE_CHARS * titles.len();
            !integers.is_empty() && (integers.windows(2).all(|pair| pair[0] <= pair[1]) || long_titles)
        };
        if n_values >= MIN_CLUSTER_VALUES && 2 * n_values >= run.len() && !page_numbers() {
            let (first, last) = (run[0].first as usize - 1, run[run.len() - 1].last as usize);
            let reason = "short lines, most of them numbers, that no table reader could put in rows and columns (raw pdftotext)";
            out[*kept] = unresolved(lines, first, last, reason.to_string());
            *kept += 1;
            run.clear();
        } else {
            for piece in run.drain(..) {
                out[*kept] = piece;
                *kept += 1;
            }
        }
    };
    for piece_idx in 0..pieces.len() {
        let piece = std::mem::replace(&mut pieces[piece_idx], Piece { kind: PieceKind::Separator(String::new()), first: 0, last: 0 });
        if cell_like(&piece) {
            run.push(piece);
        } else {
            flush(&mut run, &mut pieces, &mut kept);
            pieces[kept] = piece;
            kept += 1;
        }
    }
    flush(&mut run, &mut pieces, &mut kept);
    pieces.truncate(kept);
    pieces
}

/// Characters that end a sentence or a self-contained line.
const SENTENCE_ENDS: [char; 8] = ['。', '.', '!', '?', '」', ')', '』', ':'];
/// A wrapped line is at least this long; shorter lines end on purpose.
pub(crate) const MIN_WRAPPED_CHARS: usize = 30;

/// Joins a paragraph that a blank line cut mid-sentence (PDF page or column
/// breaks) with the text it continues: a paragraph, or the last item of a list
/// (`・…保護` / `者の現況を…`). (An item made of a heading candidate, `①…`,
/// is joined the same way by `sections`, once it knows it is an item.)
fn join_broken_paragraphs(mut pieces: Vec<Piece>, lines: &[Line<'_>]) -> Vec<Piece> {
    let line_chars = |number: u32| lines.get(number as usize - 1).map_or(0, |line| normalize::trim(line.text).chars().count());
    // In place: `kept` pieces are compacted to the front of the same vector.
    let mut kept = 0;
    for piece_idx in 0..pieces.len() {
        let piece = std::mem::replace(&mut pieces[piece_idx], Piece { kind: PieceKind::Separator(String::new()), first: 0, last: 0 });
        let previous = if kept > 0 { pieces.get_mut(kept - 1) } else { None };
        if let (Some(previous), PieceKind::Paragraph(next_text)) = (previous, &piece.kind) {
            let previous_chars = line_chars(previous.last);
            let continued: Option<&mut String> = match &mut previous.kind {
                PieceKind::Paragraph(text) => Some(text),
                PieceKind::List(items) => items.last_mut().map(|item| &mut item.text),
                _ => None,
            };
            if let Some(text) = continued.filter(|text| runs_on(text, previous_chars, next_text)) {
                // Room for just the join: the paragraph is kept to the end, and room left by
                // doubling would stay with it (a paragraph is joined once, seldom more).
                text.reserve_exact(next_text.len() + 1);
                push_joined(text, next_text);
                previous.last = piece.last;
                continue;
            }
        }
        pieces[kept] = piece;
        kept += 1;
    }
    pieces.truncate(kept);
    pieces
}

/// True when `next` continues `text`, whose last line has `last_line_chars`
/// characters: that line is long and ends without a full stop, and `next`
/// starts like running text (not a bracket, bullet or note mark).
pub fn runs_on(text: &str, last_line_chars: usize, next: &str) -> bool {
    let open_end = text.chars().last().is_some_and(|c| !SENTENCE_ENDS.contains(&c));
    let running =
        next.chars().next().is_some_and(|c| !matches!(c, '(' | '【' | '«' | '<' | '〈' | '《' | '○' | '●' | '⇒' | '★' | '・' | '※'));
    open_end && running && last_line_chars >= MIN_WRAPPED_CHARS
}

/// Pushes a table `stacked` read at `line_idx` (and the fragments of a rest it
/// could not read); returns the index of the line after them.
fn push_stacked(
    pieces: &mut Vec<Piece>,
    lines: &[Line<'_>],
    line_idx: usize,
    rows: Vec<RawRow>,
    n_above: usize,
    n_used: usize,
    n_doubtful: usize,
) -> usize {
    let (first, last) = (num(line_idx - n_above), num(line_idx + n_used - 1));
    let next = line_idx + n_used;
    let n_columns = rows.first().map_or(0, |header| header.cells.len().saturating_sub(1));
    if let Some(end) = orphan_values_after(lines, next, n_columns) {
        let reason = "a table cut by a page break, with a row's worth of values after the break that no label claims: which row each value belongs to is not known";
        pieces.push(unresolved(lines, line_idx - n_above, end, reason.to_string()));
        return end;
    }
    let (mut rows, mut next, mut last) = (rows, next, last);
    mend_cut_brackets(&mut rows);
    if n_doubtful == 0 {
        if let Some((piece, end)) = label_rest_after_break(lines, next, &rows) {
            if let Some(row) = rows.last_mut() {
                row.cells[0] = join(&row.cells[0], piece);
            }
            (next, last) = (end, num(end - 1));
        }
    }
    pieces.push(Piece { kind: PieceKind::Rows { rows, aligned: false, header: false }, first, last });
    if n_doubtful > 0 {
        let reason = "the rest of a table whose cells came out one per line in an order that fits no reading (raw pdftotext)";
        pieces.push(unresolved(lines, next, next + n_doubtful, reason.to_string()));
    }
    next + n_doubtful
}

/// Labels whose pieces went to the wrong rows around a bracket (`ファミリーホーム(箇` / `所)児童
/// 福祉施設等(箇` / `所)`, a narrow label column in default `pdftotext`): a label that starts by
/// closing a bracket gives that piece back to the label above, which left it open.
fn mend_cut_brackets(rows: &mut [RawRow]) {
    for idx in 2..rows.len() {
        let (above, row) = rows.split_at_mut(idx);
        let (above, row) = (&mut above[idx - 1].cells[0], &mut row[0].cells[0]);
        if stacked::leaves_bracket_open(above) && stacked::closes_bracket(row) {
            if let Some(end) = row.find(')').map(|at| at + 1) {
                *above = join(above, normalize::trim(&row[..end]));
                *row = normalize::trim(&row[end..]).to_string();
            }
        }
    }
}

/// The rest of the last row's label cut by a page break, and the index after it, when the
/// next page prints the table's header again (its year cells a line each, a stub word or not)
/// and under it only that rest: a piece no wider than the label's first, no value, with no
/// value after it (`保健師の配置` / `6` … / `- 90 -` / `評価指標` / `2025 年度` / … / `数`,
/// default `pdftotext`).
fn label_rest_after_break<'a>(lines: &[Line<'a>], next: usize, rows: &[RawRow]) -> Option<(&'a str, usize)> {
    let (header, last_row) = (rows.first()?, rows.last()?);
    let years: Vec<Option<i32>> = header.cells[1..].iter().map(|cell| era::year_of(cell)).collect();
    if rows.len() < 2 || years.is_empty() || years.iter().any(Option::is_none) {
        return None;
    }
    let mut non_blank = (next..lines.len().min(next + 3 * MAX_LINES_ABOVE + 2 * years.len()))
        .filter(|&idx| !lines[idx].is_blank())
        .map(|idx| (idx, normalize::trim(lines[idx].text)))
        .peekable();
    // The page's furniture: a page number, and a running title after it (short, no sentence).
    let mut n_furniture = 0;
    let running_title = |text: &str| {
        text.chars().count() <= MAX_FRAGMENT_CHARS
            && !text.contains(FULL_STOP)
            && !crate::tables::STUB_WORDS.contains(&text)
            && !stacked::is_year_cell(text)
    };
    while non_blank.next_if(|(_, text)| n_furniture < 3 && (is_furniture(text) || (n_furniture > 0 && running_title(text)))).is_some() {
        n_furniture += 1;
    }
    non_blank.next_if(|(_, text)| crate::tables::STUB_WORDS.contains(text));
    // The year cells again, a line each, each with its era or its era on the next line.
    let mut seen = Vec::new();
    while let Some((_, text)) = non_blank.next_if(|(_, text)| stacked::is_year_cell(text)) {
        let label = era::year_label(text);
        if (label.western.is_some() || label.year.is_some() && seen.last() != Some(&label.year)) && label.western.is_some() {
            seen.push(label.year);
        }
    }
    let (piece_idx, piece) = non_blank.next()?;
    let fits = columns::is_label_rest_after_break(piece, &last_row.cells[0]) && !is_caption(piece);
    let then_no_value = non_blank.next().is_none_or(|(_, text)| !stacked::is_value(text));
    (n_furniture > 0 && seen == years && fits && then_no_value).then_some((piece, piece_idx + 1))
}

/// The end of the values after a table printed a cell per line, when the page's furniture
/// comes right after it (`- 60 -`) and then at least a row's worth of values (`—` / `9` / …):
/// the rows' cells came out of order around the page break (default `pdftotext` prints the
/// footer before a page's last cells), so the rows read before it may hold another row's
/// values. None otherwise.
fn orphan_values_after(lines: &[Line<'_>], next: usize, n_columns: usize) -> Option<usize> {
    let (mut n_values, mut n_furniture) = (0, 0);
    let (mut idx, mut end) = (next, next);
    while idx < lines.len().min(next + 2 * MAX_LINES_ABOVE + n_columns) {
        let text = normalize::trim(lines[idx].text);
        if !text.is_empty() {
            if n_furniture > 0 && stacked::is_value(text) {
                n_values += 1;
                end = idx + 1;
            } else if n_values == 0 && n_furniture < 3 && is_furniture(text) {
                n_furniture += 1;
            } else {
                break;
            }
        }
        idx += 1;
    }
    (n_columns > 0 && n_values >= n_columns && n_furniture > 0).then_some(end)
}

/// Most lines below a space-aligned header offered to `texttable::aligned`.
const MAX_TEXT_TABLE_LINES: usize = 40;

/// Lines above a header that `stacked` may take as its stub or row label: at most this many.
const MAX_LINES_ABOVE: usize = 8;
/// Lines above a header that `stacked::difference_table` is offered (to find header
/// cells printed before the caption): at most this many.
const MAX_LINES_BEFORE_CAPTION: usize = 16;
/// Lines from a header on that `stacked` is offered: at most this many.
const MAX_LINES_OFFERED: usize = 400;

/// The class of each line (a slice through `Deref`), and the lines as `stacked`
/// is offered them, made from the classes on demand and forgotten whenever a
/// class changes (`DerefMut`). Kept together so that every `stacked_table` call
/// shares the offers without another argument.
struct Classes<'a> {
    classes: Vec<Class>,
    offers: RefCell<Offers<'a>>,
    /// Where the pages start (`normalize::page_of`).
    page_starts: &'a [u32],
}

impl<'a> Classes<'a> {
    /// The page of the line at `idx`.
    fn page(&self, idx: usize) -> u32 {
        normalize::page_of(self.page_starts, num(idx))
    }

    /// The pages of the lines from `idx` on, asked in order (`PageCursor`).
    fn pages_from(&self, idx: usize) -> PageCursor<'a> {
        let mut cursor = PageCursor { page_starts: self.page_starts, page: 0, lines: 0..0 };
        cursor.find(num(idx));
        cursor
    }
}

/// The pages of lines asked for one after the other: a search per page, not per line
/// (a search per offered line was a hundredth of the run).
struct PageCursor<'a> {
    page_starts: &'a [u32],
    /// The page of the line last asked for, and the numbers of the lines on it.
    page: u32,
    lines: std::ops::Range<u32>,
}

impl PageCursor<'_> {
    fn page(&mut self, idx: usize) -> u32 {
        let number = num(idx);
        if !self.lines.contains(&number) {
            self.find(number);
        }
        self.page
    }

    fn find(&mut self, number: u32) {
        let at = self.page_starts.partition_point(|&start| start <= number);
        let start = if at == 0 { 0 } else { self.page_starts[at - 1] };
        self.lines = start..self.page_starts.get(at).copied().unwrap_or(u32::MAX);
        self.page = at as u32 + 1;
    }
}

/// The number of the line at `idx`.
#[inline]
fn num(idx: usize) -> u32 {
    normalize::number(idx)
}

impl std::ops::Deref for Classes<'_> {
    type Target = [Class];

    fn deref(&self) -> &[Class] {
        &self.classes
    }
}

impl std::ops::DerefMut for Classes<'_> {
    fn deref_mut(&mut self) -> &mut [Class] {
        *self.offers.get_mut() = Offers::new();
        &mut self.classes
    }
}

/// The lines as `stacked` is offered them, made once per line for the window the
/// calls need: neighbouring headers share most of their 400 lines, and making
/// them afresh for each header was a sixth of `classify`. Never more than one
/// window is kept (every line's at once would add 32 bytes a line to the peak).
struct Offers<'a> {
    /// The index of the line `offered[0]` is.
    start: usize,
    offered: Vec<stacked::Offered<'a>>,
}

impl<'a> Offers<'a> {
    fn new() -> Offers<'a> {
        Offers { start: 0, offered: Vec::new() }
    }

    /// The offered lines `from..to`, made for those not made yet.
    fn range(&mut self, lines: &[Line<'a>], classes: &Classes, from: usize, to: usize) -> &[stacked::Offered<'a>] {
        if from < self.start || from > self.start + self.offered.len() {
            self.offered.clear();
            self.start = from;
        } else if from - self.start >= MAX_LINES_OFFERED {
            // Lines behind the window are dropped only now and then: a shift per call costs more.
            self.offered.drain(..from - self.start);
            self.start = from;
        }
        let made = self.start + self.offered.len();
        if to > made {
            let mut pages = classes.pages_from(made);
            self.offered.extend((made..to).map(|idx| offer(&lines[idx], num(idx), pages.page(idx), &classes[idx])));
        }
        &self.offered[from - self.start..to - self.start]
    }
}

/// A line as `stacked` is offered it: whether it may be a cell, or a piece of one.
fn offer<'a>(line: &Line<'a>, number: u32, page: u32, class: &Class) -> stacked::Offered<'a> {
    let text = normalize::trim(line.text);
    let cellish = match class {
        Class::Text | Class::Blank | Class::Year => true,
        // Lone numbers look like row numbers or page numbers; in a table they are values.
        Class::Furniture => text.bytes().all(|byte| byte.is_ascii_digit()),
        Class::ListItem => text == "-",
        // `4 (見込)` reads as heading 4 titled `(見込)`.
        Class::Heading(_) => stacked::is_value(text),
        // A footnote mark alone (`※1`): a label's rest, printed after its values.
        Class::Note => is_footnote_mark(text),
        _ => false,
    };
    let loose = match class {
        Class::Heading(_) => true,
        Class::ListItem | Class::Label => true,
        _ => cellish,
    };
    let mut offered = stacked::Offered::new(number, page, text, cellish, loose);
    offered.furniture = *class == Class::Furniture && !cellish;
    offered
}

/// Offers the lines at `line_idx` (a year header as raw pdftotext prints it) to
/// `stacked`. The short paragraphs just made from the lines above are offered
/// too; those a table takes are removed from `pieces` (a paragraph it takes
/// only the end of keeps its first lines).
fn stacked_table<'a>(
    lines: &[Line<'a>],
    classes: &Classes<'a>,
    pieces: &mut Vec<Piece>,
    line_idx: usize,
    read: fn(&[stacked::Offered<'_>], &[stacked::Offered<'_>]) -> Option<Stacked>,
    reach_above: usize,
) -> Option<Stacked> {
    let floor = line_idx.saturating_sub(MAX_LINES_ABOVE);
    let mut above_start = line_idx;
    // A reader that looks further up (and takes none of those lines): whatever they became.
    if reach_above > 0 {
        above_start = line_idx.saturating_sub(reach_above);
    }
    for piece in pieces.iter().rev() {
        let piece_start = piece.first as usize - 1;
        if !matches!(piece.kind, PieceKind::Paragraph(_)) || piece_start < floor || piece.last as usize > line_idx {
            break;
        }
        above_start = piece_start;
    }
    // Blank lines between the last piece and the header are offered too.
    let mut offers = classes.offers.borrow_mut();
    let window = offers.range(lines, classes, above_start, lines.len().min(line_idx + MAX_LINES_OFFERED));
    let (above, from) = window.split_at(line_idx - above_start);
    let found = read(above, from);
    drop(offers);
    let found = found?;
    if let Stacked::Table { n_above, .. } = &found {
        let taken_from = (line_idx - n_above) as u32 + 1;
        while pieces.last().is_some_and(|piece| piece.last >= taken_from) {
            let piece = pieces.pop()?;
            if piece.first < taken_from {
                // Keep the lines above the table's first as the paragraph they were.
                let kept: Vec<&str> = lines[piece.first as usize - 1..taken_from as usize - 1]
                    .iter()
                    .map(|line| normalize::trim(line.text))
                    .filter(|text| !text.is_empty())
                    .collect();
                let text =
                    kept.iter().skip(1).fold(kept.first().map_or(String::new(), |first| first.to_string()), |acc, next| join(&acc, next));
                let last = lines[..taken_from as usize - 1].iter().rposition(|line| !line.is_blank()).map_or(piece.first, num);
                pieces.push(Piece { kind: PieceKind::Paragraph(text), first: piece.first, last });
                break;
            }
        }
    }
    Some(found)
}

/// When `line_idx` is the header of a requirement grid printed in raw order
/// (one TAB-less line naming all three columns), the index where the grid
/// starts: just after the heading above it.
fn grid_start(lines: &[Line<'_>], classes: &[Class], line_idx: usize) -> Option<usize> {
    // Cheap test first: this is asked of every line.
    // (`trim`, whose quick test answers most lines, in place of `trim_start`: only the start is read.)
    let text = normalize::trim(lines[line_idx].text);
    if !text.starts_with("資源") {
        return None;
    }
    let texts: Vec<&str> = lines[line_idx..lines.len().min(line_idx + 8)].iter().map(|line| line.text).collect();
    crate::grid::header_at(&texts)?;
    let mut start = line_idx;
    while start > 0 && !matches!(classes[start - 1], Class::Heading(_)) && line_idx - start < 80 {
        start -= 1;
    }
    while start < line_idx && classes[start] == Class::Blank {
        start += 1;
    }
    Some(start)
}

/// The end (exclusive) of a table region that runs to the next heading
/// candidate, without the blank lines before it. With `numbered_rows` (the
/// most rows), a line that starts with the table's next row number (`1`, then
/// `2` …, alone or before the words of a cell: `3 整備済み`) is a row, not a
/// heading; a heading numbered otherwise (`3 計画期間…` after row 5) ends it.
fn region_end(lines: &[Line<'_>], classes: &[Class], from: usize, numbered_rows: Option<u32>) -> usize {
    let mut next_row = 1;
    let mut end = from + 1;
    while end < classes.len() && end - from < 120 {
        let row_number = numbered_rows.is_some_and(|n_rows| {
            leading_number(lines[end].text.trim())
                .is_some_and(|(number, rest)| number == next_row && next_row <= n_rows && (rest.is_empty() || rest.starts_with(' ')))
        });
        match &classes[end] {
            _ if row_number => next_row += 1,
            Class::Heading(_) => break,
            _ => {}
        }
        end += 1;
    }
    while end > from + 1 && classes[end - 1] == Class::Blank {
        end -= 1;
    }
    end
}

/// The end (exclusive) of the requirement grid whose header is at
/// `header_idx`: as `region_end`, its rows as many as the circled items
/// (`①…⑤`) listed above the grid, the last of them the first met going up
/// (pdfplumber prints a row number at the start of a line of cells: `1
/// どをサポートする…`); without such a list no line is taken for a row number.
fn grid_end(lines: &[Line<'_>], classes: &[Class], header_idx: usize) -> usize {
    let circled = |text: &str| text.trim_start().chars().next().filter(|c| matches!(c, '①'..='⑳')).map(|c| c as u32 - '①' as u32 + 1);
    let n_rows = (header_idx.saturating_sub(80)..header_idx).rev().find_map(|idx| circled(lines[idx].text)).unwrap_or(0);
    region_end(lines, classes, header_idx, Some(n_rows))
}

fn unresolved(lines: &[Line<'_>], start: usize, end: usize, reason: String) -> Piece {
    let fragments = fragments(lines, start, end);
    Piece { first: num(start), last: num(end - 1), kind: PieceKind::Unresolved(Box::new(Unresolved { fragments, reason })) }
}

/// Every non-blank line of a region, trimmed, with its number.
fn fragments(lines: &[Line<'_>], start: usize, end: usize) -> Vec<Item> {
    (start..end)
        .filter(|&idx| !lines[idx].is_blank())
        .map(|idx| Item { line: num(idx), text: normalize::trim(lines[idx].text).to_string() })
        .collect()
}

/// True when the short line at `idx` is followed by a year cell, with at most
/// one other short line between (`年度` / `利用者数` / `2025 年度 (R7)`).
fn precedes_year(lines: &[Line<'_>], classes: &[Class], idx: usize) -> bool {
    let short = |idx: usize| classes[idx] == Class::Text && normalize::trim(lines[idx].text).chars().count() <= MAX_FRAGMENT_CHARS;
    let mut next = (idx + 1..lines.len()).filter(|&idx| classes[idx] != Class::Blank);
    match (next.next(), next.next()) {
        (Some(first), _) if is_year_line(lines, classes, first) => short(idx),
        (Some(first), Some(second)) if is_year_line(lines, classes, second) => short(idx) && short(first),
        _ => false,
    }
}

/// True for a year header cell alone, or a header naming three years or more on one line.
fn is_year_line(lines: &[Line<'_>], classes: &[Class], idx: usize) -> bool {
    classes[idx] == Class::Year || (classes[idx] == Class::Text && stacked::year_row(normalize::trim(lines[idx].text)).is_some())
}

/// True for a line that may be (part of) a table header above aligned rows.
fn is_header_piece(text: &str) -> bool {
    !text.contains(FULL_STOP)
        && text.chars().count() <= 100
        && !text.starts_with(['※', '・', '⇒'])
        // A formula defining a row (`里親登録数 × 平均受託児童数 + F H の定員数(A)`); a header
        // cell's plus is unspaced (`里親+F H`).
        && !text.contains(['×', '÷'])
        && !text.contains(" + ")
        // A unit set apart after a caption's rest (`…支援課実施分 単位:人(年間の利用人数)`).
        && !text.contains(" 単位:")
        && !is_note_lead(text)
}

/// Words that lead a note under or over a table (`対象:要保護児童世帯、…`).
const NOTE_LEADS: [&str; 5] = ["対象", "出典", "注", "備考", "資料"];

/// True for a note led by one of `NOTE_LEADS` and a colon: never a piece of a cell.
fn is_note_lead(text: &str) -> bool {
    text.split_once(':').is_some_and(|(lead, _)| NOTE_LEADS.contains(&normalize::trim(lead)))
}

/// TAB-separated lines with this many cells or more are text, not table rows.
const MAX_TAB_CELLS: usize = 512;

/// Longest text of a line that may be a wrapped piece of a space-aligned cell.
const MAX_FRAGMENT_CHARS: usize = 30;

/// A space-aligned table: its rows and wrapped fragments up to a blank line, and on
/// the next page when a page break cut it and its header is printed again there; or
/// why its rows cannot be told apart.
fn spaced_group(lines: &[Line<'_>], classes: &Classes, first_idx: usize) -> (Result<Vec<RawRow>, String>, u32, usize) {
    let (mut group, mut line_idx) = spaced_lines(lines, classes, first_idx);
    while let Some(next_idx) = after_page_break(lines, classes, line_idx) {
        let (next, end) = spaced_lines(lines, classes, next_idx);
        if !columns::continue_after_page_break(&mut group, next) {
            break;
        }
        line_idx = end;
    }
    let last = group.last().map_or(num(first_idx), |line| line.line);
    if columns::merged_first_stub(&group) {
        let reason = "the first of two stub columns is a cell merged over several rows, and where one ends is not known";
        return (Err(reason.to_string()), last, line_idx);
    }
    // The row numbers taken off once, for the test below and for the rows.
    let unnumbered = columns::without_row_numbers(&group);
    if columns::uneven_row_pieces(&group, unnumbered.as_deref()) {
        let reason = "numbered rows with an odd count of label pieces between two of them: which row a piece ends is not known";
        return (Err(reason.to_string()), last, line_idx);
    }
    (Ok(columns::rows_unnumbered(&group, unnumbered)), last, line_idx)
}

/// The first aligned line after a page break at `line_idx`, when only blank lines and
/// at most three short lines (page number, running header) come between.
fn after_page_break(lines: &[Line<'_>], classes: &Classes, line_idx: usize) -> Option<usize> {
    let above = line_idx.checked_sub(1).filter(|&above| above < lines.len())?;
    let mut pages = classes.pages_from(above);
    let page = pages.page(above);
    let mut n_between = 0;
    for idx in line_idx..lines.len().min(line_idx + 12) {
        let text = normalize::trim(lines[idx].text);
        match classes[idx] {
            Class::Blank => {}
            Class::Spaced => return (pages.page(idx) > page).then_some(idx),
            Class::Furniture | Class::ListItem | Class::Text
                if n_between < 3
                    && (classes[idx] == Class::Furniture
                        || is_furniture(text)
                        || (classes[idx] == Class::Text && is_header_piece(text)))
                    && text.chars().count() <= MAX_FRAGMENT_CHARS =>
            {
                n_between += 1;
            }
            _ => return None,
        }
    }
    None
}

/// The lines of a space-aligned table up to a blank line, and the index after them.
fn spaced_lines(lines: &[Line<'_>], classes: &Classes, first_idx: usize) -> (Vec<SpacedLine>, usize) {
    let is_fragment = |idx: usize| {
        let text = normalize::trim(lines[idx].text);
        (classes[idx] == Class::Text && text.chars().count() <= MAX_FRAGMENT_CHARS && !text.contains(FULL_STOP) && !is_note_lead(text))
            // A footnote mark alone (`※1`): the rest of the label above it (`児童福祉司等配置数※1`).
            || (classes[idx] == Class::Note && is_footnote_mark(text))
    };
    let mut group: Vec<SpacedLine> = Vec::new();
    // A note mark's number under its row (`児童福祉司等配置数※` / `23  22 …` / `1`, a narrow
    // label column), which reads as a page number.
    let mark_number = |group: &[SpacedLine], idx: usize| {
        let text = normalize::trim(lines[idx].text);
        classes[idx] == Class::Furniture
            && is_short_number(text, 2)
            && group.iter().rev().take(2).any(|line| line.spans.first().is_some_and(|span| span.start <= 1 && span.text.ends_with('※')))
    };
    // The rest of a number cut in its cell under the row (`▲10.` / `受託率④  20.0 …` / `0`),
    // which reads as a page number.
    let number_rest = |group: &[SpacedLine], idx: usize| {
        let text = normalize::trim(lines[idx].text);
        classes[idx] == Class::Furniture
            && is_short_number(text, 3)
            && group.len() >= 2
            && group[group.len() - 2].spans.iter().all(|span| columns::is_cut_number(&span.text))
            && columns::spans(lines[idx].text).first().is_some_and(|piece| {
                group[group.len() - 2].spans.iter().any(|head| piece.start < head.end + 2 && head.start < piece.end + 2)
            })
    };
    let mut line_idx = first_idx;
    let mut pages = classes.pages_from(first_idx);
    let mut n_trailing = 0;
    // The last row number seen in the table (`2` of `2 を通じた特別養子縁`).
    let mut last_number = None;
    while line_idx < lines.len() {
        // A label piece led by the next row number (`3 関する研修を受講し`, the row's values
        // two lines below) reads as a heading: it is one when no row numbered before it.
        let is_piece = |idx: usize| {
            is_fragment(idx)
                || (classes[idx] == Class::Heading(true) && {
                    let text = normalize::trim(lines[idx].text);
                    let before = text.split_once(' ').and_then(|(number, _)| number.parse::<usize>().ok()?.checked_sub(1));
                    before.is_some_and(|before| last_number == Some(before)) && text.chars().count() <= MAX_FRAGMENT_CHARS
                })
        };
        // A blank line between a header of year cells and the first row (a spreadsheet's
        // taller header row, `2019 年度 … 2023 年度` / `(R1) … 2024 年度 (R6)` / `` / `実施回数  1 …`):
        // the header is the rows' and no table of its own.
        if classes[line_idx] == Class::Blank && classes.get(line_idx + 1) == Some(&Class::Spaced) && is_year_header_alone(&group) {
            line_idx += 1;
            continue;
        }
        let take = match classes[line_idx] {
            Class::Spaced => {
                n_trailing = 0;
                true
            }
            // A row's values with single spaces between them (`338 (71.6%) 600 (73.1%) …`, a
            // narrow page) under a label piece: a row of the table, as its spaced lines are.
            // (Under label pieces only, not under a row's values: `8 83 0` under `(うち里親)  338
            // (71.6%) …` is a figure's numbers after the table.)
            Class::Text
                if group.last().is_some_and(|line: &SpacedLine| {
                    line.spans.iter().all(|span| !crate::values::splits_into_values(&span.text) && !stacked::is_value(&span.text))
                }) && crate::values::n_split_values(normalize::trim(lines[line_idx].text)).is_some_and(|n_values| n_values >= 2) =>
            {
                n_trailing = 0;
                true
            }
            _ if number_rest(&group, line_idx) => {
                n_trailing = 0;
                true
            }
            _ if is_piece(line_idx) || mark_number(&group, line_idx) => {
                // A fragment belongs if more rows follow it, or (at most two) closes a label,
                // or goes on a label whose bracket is still open (`年度ごとの整` / `備目標 (前年` /
                // `度からの増` / `減)`, cells aligned to the top of their rows).
                let next_row = (line_idx + 1..lines.len()).take_while(|&idx| is_piece(idx)).last().map_or(line_idx + 1, |idx| idx + 1);
                let continues = classes.get(next_row) == Some(&Class::Spaced) && next_row - line_idx <= 3;
                let piece = normalize::trim(lines[line_idx].text);
                let take = continues
                    || n_trailing == 0
                    || (n_trailing < MAX_BRACKET_TAIL
                        && (trailing_label(&group, n_trailing).0 || fills_label_column(&group, n_trailing, piece)));
                // (Counted only when taken: the pieces counted are those popped below.)
                n_trailing += usize::from(take);
                take
            }
            _ => false,
        };
        if !take {
            break;
        }
        let spans = columns::spans(lines[line_idx].text);
        last_number = spans.first().and_then(|span| leading_row_number(&span.text)).or(last_number);
        group.push(SpacedLine { line: num(line_idx), page: pages.page(line_idx), spans });
        line_idx += 1;
    }
    // A trailing fragment that is not a label piece (the row above has its label) is not ours,
    // unless the pieces close the bracket the label opened (then all are the label's).
    let closes_open_bracket = n_trailing > 1 && {
        let (open_before, label) = trailing_label(&group[..group.len() - 1], n_trailing - 1);
        let last = group.last().and_then(|line| line.spans.first()).map_or("", |span| span.text.as_str());
        open_before && !crate::stacked::leaves_bracket_open(&join(&label, last))
    };
    // A blank line after the pieces (or a note, `対象:…`, a heading or a caption) ends them.
    let ends_below = |idx: usize| {
        classes.get(idx).is_none_or(|class| matches!(class, Class::Blank | Class::Heading(_) | Class::Caption))
            || lines.get(idx).is_some_and(|next| is_note_lead(normalize::trim(next.text)))
    };
    // So are pieces that fill the label column as the row's first line does, up to a blank
    // line or a note (`第三者評価を  -  1 …` / `実施している` / `一時保護施設` / `数（箇所）`;
    // `整備目標に  (+0) …` / `対する過不` / `足` / `対象:…`: Word's cells aligned to the top of
    // their rows in a narrow label column).
    let fills_column = n_trailing > 1
        && ends_below(line_idx)
        && group
            .last()
            .and_then(|line| line.spans.first())
            .is_some_and(|span| fills_label_column(&group[..group.len() - 1], n_trailing - 1, &span.text));
    while n_trailing > 0 && group.len() > 1 && !closes_open_bracket && !fills_column {
        // A row number (`3   を受講した…  100%`) is not a label: the fragment may end it.
        let previous_has_label = group[group.len() - 2]
            .spans
            .first()
            .is_some_and(|span| span.start <= 1 && !(span.text.len() <= 2 && span.text.bytes().all(|byte| byte.is_ascii_digit())));
        // A piece at the label's edge with a blank line (or a note, `対象:…`, a heading or a
        // caption) after it ends the label above it,
        // and so does one that closes the bracket that label leaves open (`受講者数 (職` / `員)`).
        let previous_label = group[group.len() - 2].spans.first().map_or("", |span| span.text.as_str());
        // (A bracket of its own ends a label too: `受講者数  155 …` / `(延べ人 数)`.)
        // (And one or two characters with a bullet after them: `設置  0 …` / `数` / `・民間…`.)
        let short_before_bullet = |text: &str| {
            text.chars().count() <= 2 && classes.get(line_idx).is_some_and(|class| matches!(class, Class::ListItem | Class::Label))
        };
        let label_tail = n_trailing == 1
            && group.last().is_some_and(|line| {
                line.spans.len() == 1
                    && line.spans[0].start <= 1
                    && (((ends_below(line_idx) || short_before_bullet(&line.spans[0].text))
                        && (columns::ends_label_below(&line.spans[0].text) || stacked::is_whole_bracket(&line.spans[0].text)))
                        || (crate::stacked::leaves_bracket_open(previous_label)
                            && columns::continues_label(previous_label, &line.spans[0].text)))
            });
        // So does a piece under a cell of the row that closes the bracket that cell
        // leaves open (`18    20(見` / `込)`): a value wrapped inside its cell.
        let cell_tail = n_trailing == 1
            && group.last().is_some_and(|line| {
                let above = &group[group.len() - 2].spans;
                line.spans.iter().all(|piece| {
                    above.len() > 1
                        && columns::cell_rest_of(&above[1..], piece).is_some()
                        && !crate::values::splits_into_values(&piece.text)
                })
            });
        // So does a piece at the label's edge under the last row when every row before it
        // has its label's rest under it too (cells aligned to the top of their rows).
        let at_edge = |line: &SpacedLine| line.spans.len() == 1 && line.spans[0].start <= 1;
        let top_aligned_tail = n_trailing == 1 && group.last().is_some_and(at_edge) && group.len() >= 4 && {
            let body = &group[..group.len() - 2];
            let rows: Vec<usize> = (0..body.len()).filter(|&idx| body[idx].spans.len() > 1 && body[idx].spans[0].start <= 1).collect();
            !rows.is_empty() && rows.iter().all(|&idx| body.get(idx + 1).is_some_and(at_edge))
        };
        if !previous_has_label || label_tail || cell_tail || top_aligned_tail {
            break;
        }
        group.pop();
        line_idx -= 1;
        n_trailing -= 1;
    }
    (group, line_idx)
}

/// `7`, `35`: one to `max_digits` ASCII digits and nothing else (a page number, or a
/// number a narrow column pushed onto a line of its own).
fn is_short_number(text: &str, max_digits: usize) -> bool {
    (1..=max_digits).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Most label pieces after a table's last row that a bracket left open takes.
const MAX_BRACKET_TAIL: usize = 4;

/// Whether the last row's label, with the `n_pieces` label pieces after it (the last lines
/// of `group`), leaves a bracket open; and that label.
fn trailing_label(group: &[SpacedLine], n_pieces: usize) -> (bool, String) {
    let Some(row_idx) = group.len().checked_sub(n_pieces + 1) else { return (false, String::new()) };
    let label = group[row_idx..]
        .iter()
        .filter_map(|line| line.spans.first().filter(|span| span.start <= 1))
        .fold(String::new(), |acc, span| join(&acc, &span.text));
    (crate::stacked::leaves_bracket_open(&label), label)
}

/// Whether `piece`, after the last row's label and the `n_pieces` label pieces after it (the
/// last lines of `group`), goes on filling the label column: the row's label piece is the
/// column's width, every piece before `piece` as wide (one character either way), and `piece`
/// no wider; all of them at the left edge, none a value.
fn fills_label_column(group: &[SpacedLine], n_pieces: usize, piece: &str) -> bool {
    let Some(row_idx) = group.len().checked_sub(n_pieces + 1) else { return false };
    fn at_edge(line: &SpacedLine) -> Option<&columns::Span> {
        line.spans.first().filter(|span| span.start <= 1 && !columns::is_data(span))
    }
    let Some(row_label) = at_edge(&group[row_idx]) else { return false };
    let width = row_label.text.chars().count();
    let n_chars = |text: &str| text.chars().count();
    width >= 3
        && group[row_idx].spans.len() > 1
        && group[row_idx + 1..].iter().all(|line| {
            line.spans.len() == 1
                && at_edge(line).is_some_and(|span| {
                    n_chars(&span.text) + 1 >= width && n_chars(&span.text) <= width + 1 && !crate::stacked::is_value(&span.text)
                })
        })
        && n_chars(piece) <= width + 1
        && !crate::stacked::is_value(piece)
        // (No values one space apart either: `8 83 0` under `(うち里親)  338 (71.6%) …`; the
        // pieces above split into none, `at_edge`'s `is_data`.)
        && !crate::values::splits_into_values(piece)
}

/// `※`, `※1`: a footnote mark with nothing after it.
pub(crate) fn is_footnote_mark(text: &str) -> bool {
    text.strip_prefix('※').is_some_and(|number| number.len() <= 2 && number.bytes().all(|byte| byte.is_ascii_digit()))
}

/// The row number leading a table line's first cell (`2` in `2 を通じた特別養子縁`, or alone).
fn leading_row_number(cell: &str) -> Option<usize> {
    let number = cell.split_once(' ').map_or(cell, |(number, _)| number);
    (number.len() <= 2).then(|| number.parse().ok()).flatten()
}

/// True when the separator lines at `line_idx` lead straight into a table row.
fn next_is_row(classes: &[Class], line_idx: usize) -> bool {
    classes[line_idx..].iter().find(|class| **class != Class::Separator) == Some(&Class::Row)
}

/// Joins a paragraph's or note's following text lines (no blank line between).
fn run_of_text(lines: &[Line<'_>], classes: &[Class], first_idx: usize, first_text: &str) -> (String, u32, usize) {
    let mut line_idx = first_idx + 1;
    // A table's header starts on a line of its own, even right under text.
    while line_idx < lines.len()
        && classes[line_idx] == Class::Text
        && !normalize::trim(lines[line_idx].text).starts_with(stacked::REQUIREMENT_OPENER)
        && !is_year_line(lines, classes, line_idx)
        && !stacked::is_numbered_year_cell(lines[line_idx].text)
        && !starts_text_table_header(lines, line_idx)
        && !crate::grid::is_header(lines[line_idx].text)
    {
        line_idx += 1;
    }
    // One allocation of the joined length (plus at most a space per join): every
    // paragraph is kept to the end, so room left by doubling would stay too.
    let rest = &lines[first_idx + 1..line_idx];
    let mut joined = String::with_capacity(first_text.len() + rest.iter().map(|line| normalize::trim(line.text).len() + 1).sum::<usize>());
    joined.push_str(first_text);
    for line in rest {
        push_joined(&mut joined, normalize::trim(line.text));
    }
    (joined, num(line_idx - 1), line_idx)
}

/// True when the line at `idx`, under a line that ends a sentence, is the first
/// of a text table's header words printed a block each (`目標` / `達成の見込み` /
/// `要因分析`, default-mode `pdftotext`).
fn starts_text_table_header(lines: &[Line<'_>], idx: usize) -> bool {
    // (Asked of every line a paragraph goes on to: the line above first, and `normalize::trim`,
    // whose quick test answers most lines, for `str::trim`; the end of a trimmed line is that
    // of the line without its trailing spaces.)
    let after_sentence = idx.checked_sub(1).is_some_and(|above| normalize::trim(lines[above].text).ends_with(FULL_STOP));
    after_sentence && texttable::is_header_word(normalize::trim(lines[idx].text)) && {
        let next: Vec<(u32, &str)> = (idx..lines.len().min(idx + 12)).map(|idx| (num(idx), lines[idx].text)).collect();
        texttable::header_blocks(&next).is_some()
    }
}

/// Joins wrapped text: no space between two Japanese characters (or one and
/// ASCII punctuation that NFKC made of a full-width mark), one space otherwise.
pub fn join(left: &str, right: &str) -> String {
    let mut joined = String::with_capacity(left.len() + right.len() + 1);
    joined.push_str(left);
    push_joined(&mut joined, right);
    joined
}

/// Appends `right` to `text` the way `join` joins them (in place: long runs stay linear).
pub fn push_joined(text: &mut String, right: &str) {
    // Japanese wraps anywhere, and NFKC has made its brackets and colons ASCII:
    // `(R6現在)` / `・各…` and `…受講率` / `:2回` join without a space.
    let closing = |c: char| ")]}:;,.!?".contains(c);
    match (text.chars().next_back(), right.chars().next()) {
        (Some(a), Some(b)) if !a.is_ascii() && !b.is_ascii() => {}
        (Some(a), Some(b)) if closing(a) && !b.is_ascii() => {}
        (Some(a), Some(b)) if !a.is_ascii() && closing(b) => {}
        (Some(_), Some(_)) => text.push(' '),
        _ => {}
    }
    text.push_str(right);
}

fn raw_row(line: &Line<'_>, number: u32, page: u32) -> RawRow {
    let cells = line.text.split('\t').map(|cell| normalize::collapse(cell).into_owned()).collect();
    RawRow::new(number, page, cells)
}

/// The table of contents after a `目次` line: rows of (marker, title, page).
fn toc(lines: &[Line<'_>], classes: &Classes, title_idx: usize) -> (Vec<TocEntry>, u32, usize) {
    if let Some(found) = page_toc(lines, classes, title_idx) {
        return found;
    }
    let mut entries = Vec::new();
    let mut last = num(title_idx);
    let mut line_idx = title_idx + 1;
    while line_idx < lines.len() {
        match classes[line_idx] {
            Class::Blank if entries.is_empty() => {}
            // Blank lines between entries (pdfplumber's layout mode pads them so), when
            // the contents go on after them on the same page.
            Class::Blank
                if next_text(classes, line_idx).is_some_and(|next| {
                    classes.page(next) == classes.page(line_idx)
                        && (matches!(classes[next], Class::Row | Class::Spaced) || wrapped_toc_entry(lines, classes, next).is_some())
                }) => {}
            Class::Row | Class::Spaced => {
                let row = if classes[line_idx] == Class::Row {
                    raw_row(&lines[line_idx], num(line_idx), classes.page(line_idx))
                } else {
                    let cells = columns::spans(lines[line_idx].text).into_iter().map(|span| span.text).collect();
                    RawRow::new(num(line_idx), classes.page(line_idx), cells)
                };
                let cells: Vec<&str> = row.cells.iter().map(String::as_str).filter(|cell| !cell.is_empty()).collect();
                let page = cells.last().and_then(|cell| cell.parse::<u32>().ok());
                let words: Vec<&str> = if page.is_some() { cells[..cells.len() - 1].to_vec() } else { cells.clone() };
                let (marker, title) = match words.as_slice() {
                    [marker, title, ..] => (Some(marker.to_string()), title.to_string()),
                    [title] => match class(title) {
                        Class::Heading(_) => match line_heading(title, 0) {
                            Some(heading) => {
                                let title = heading.title().to_string();
                                (Some(heading.marker), title)
                            }
                            None => (None, title.to_string()),
                        },
                        _ => (None, title.to_string()),
                    },
                    [] => (None, String::new()),
                };
                entries.push(TocEntry { line: row.line, marker, title, page });
                last = row.line;
            }
            _ if !entries.is_empty() => match wrapped_toc_entry(lines, classes, line_idx) {
                Some((entry, rest_idx)) => {
                    last = num(rest_idx);
                    entries.push(entry);
                    line_idx = rest_idx;
                }
                None => break,
            },
            _ => break,
        }
        line_idx += 1;
    }
    (entries, last, line_idx)
}

/// The table of contents as tools that print a cell per line give it (default
/// `pdftotext`: `1` / `本市における…` / `1`; pypdf, PyMuPDF: `1 本市における… 1`): the
/// rest of the `目次` line's page, when the first line after the title is no row and
/// every line to the page's end is a number, a heading or a short line of no
/// sentence. An entry is a title with the number before it (its marker) and the
/// number after it (its page); page furniture is left out. None otherwise.
fn page_toc(lines: &[Line<'_>], classes: &Classes, title_idx: usize) -> Option<(Vec<TocEntry>, u32, usize)> {
    let page = classes.page(title_idx);
    let first = (title_idx + 1..lines.len()).find(|&idx| classes[idx] != Class::Blank)?;
    if matches!(classes[first], Class::Row | Class::Spaced) || classes.page(first) != page {
        return None;
    }
    let end = (title_idx + 1..lines.len()).find(|&idx| classes.page(idx) != page).unwrap_or(lines.len());
    let number = |text: &str| is_short_number(text, 3);
    let mut entries: Vec<TocEntry> = Vec::new();
    let mut marker: Option<String> = None;
    let mut last = num(title_idx);
    for idx in title_idx + 1..end {
        let text = normalize::trim(lines[idx].text);
        if text.is_empty() {
            continue;
        }
        // The contents own every line to the page's end, page numbers (`-2-`) too.
        last = num(idx);
        if !number(text) && (classes[idx] == Class::Furniture || is_furniture(text)) {
            continue;
        }
        if text.chars().count() > 80 || has_sentence_stop(text) {
            return None;
        }
        if number(text) {
            match entries.last_mut() {
                // A page number right after its title; else the next title's marker.
                Some(entry) if entry.page.is_none() && marker.is_none() => entry.page = text.parse().ok(),
                _ => marker = Some(text.to_string()),
            }
            continue;
        }
        // A title's wrapped rest (`…構築に向けた取` / `組`), before its page number.
        if let Some(entry) = entries.last_mut().filter(|entry| entry.page.is_none() && marker.is_none()) {
            if text.chars().count() <= MAX_TOC_REST_CHARS && line_heading(text, 0).is_none() {
                let (rest, page_number) = match text.rsplit_once(' ') {
                    Some((head, tail)) if number(tail) => (head.trim(), tail.parse().ok()),
                    _ => (text, None),
                };
                push_joined(&mut entry.title, rest);
                entry.page = page_number;
                continue;
            }
        }
        // `1 本市における… 1`: the page number at the end of the line.
        let (title_text, page_number) = match text.rsplit_once(' ') {
            Some((head, tail)) if number(tail) && !head.trim().is_empty() => (head.trim(), tail.parse().ok()),
            _ => (text, None),
        };
        let (entry_marker, title) = match marker.take() {
            Some(marker) => (Some(marker), title_text.to_string()),
            None => match line_heading(title_text, 0) {
                Some(heading) => {
                    let title = heading.title().to_string();
                    (Some(heading.marker), title)
                }
                None => (None, title_text.to_string()),
            },
        };
        entries.push(TocEntry { line: num(idx), marker: entry_marker, title, page: page_number });
    }
    (entries.len() >= 3).then_some((entries, last, end))
}

/// A contents entry whose title wrapped, as `pdftotext -layout` prints it: the
/// title's first line, its page number alone on the next line (set level with
/// the wrap), the title's short rest on the line after, and the contents going
/// on below (`(1) 児童相談所における…取` / `31` / `組`).
fn wrapped_toc_entry(lines: &[Line<'_>], classes: &[Class], idx: usize) -> Option<(TocEntry, usize)> {
    // (Blank lines between them allowed: pdfplumber's layout mode.)
    let page_idx = next_text(classes, idx)?;
    let rest_idx = next_text(classes, page_idx)?;
    let [first, page, rest] = [idx, page_idx, rest_idx].map(|at| lines[at].text.trim());
    let page = page.parse::<u32>().ok()?;
    let goes_on = next_text(classes, rest_idx).is_some_and(|next| matches!(classes[next], Class::Row | Class::Spaced));
    if !goes_on || rest.chars().count() > MAX_TOC_REST_CHARS || rest.contains("  ") || has_sentence_stop(first) {
        return None;
    }
    let (marker, mut title) = match line_heading(first, 0) {
        Some(heading) => {
            let title = heading.title().to_string();
            (Some(heading.marker), title)
        }
        None => (None, first.to_string()),
    };
    push_joined(&mut title, rest);
    Some((TocEntry { line: num(idx), marker, title, page: Some(page) }, rest_idx))
}

/// The index of the first line after `idx` that is not blank.
fn next_text(classes: &[Class], idx: usize) -> Option<usize> {
    (idx + 1..classes.len()).find(|&at| classes[at] != Class::Blank)
}

/// Longest rest of a wrapped contents entry's title, in characters.
const MAX_TOC_REST_CHARS: usize = 20;

/// Most spaces between a heading's marker and its title (`(1)  策定要領…`).
const MAX_HEADING_GAP: usize = 4;

/// A heading whose marker stands apart from its title by a run of spaces
/// (`(1)  策定要領に示された資源の必要量等`, pdfplumber's layout mode): two
/// cells, the first the marker alone, the second no value.
fn is_spaced_heading(text: &str) -> bool {
    // Exactly two cells, looked at where they are (this runs on every spaced row).
    let mut cells = columns::cells(text);
    let (Some(marker), Some(title), None) = (cells.next(), cells.next(), cells.next()) else { return false };
    let ((_, marker_end, marker), (title_start, title_end, title)) = (marker, title);
    // A few spaces apart, not a table's row number and far cell (`3        整備済み`).
    // (The heading is read before the title is typed: most rows start with no marker.)
    title_start - marker_end <= MAX_HEADING_GAP
        && heading(&format!("{marker} {title}"), 0).is_some_and(|heading| heading.marker.replace(' ', "") == marker.replace(' ', ""))
        && !columns::is_data(&columns::Span { start: title_start, end: title_end, text: title.to_string() })
}

fn class(line_text: &str) -> Class {
    let text = normalize::trim_spaces(line_text);
    let trimmed = normalize::trim(text);
    if trimmed.is_empty() {
        return Class::Blank;
    }
    if text.starts_with(['-', '|', '=', ':'])
        && text.chars().filter(|&c| c == '-').count() >= 2
        && text.chars().all(|c| matches!(c, '-' | '\t' | ' ' | '|' | '=' | ':'))
    {
        return Class::Separator;
    }
    if memchr::memchr(b'\t', text.as_bytes()).is_some() {
        // A line of thousands of cells is no table a plan prints: it stays text.
        // (Counted on the bytes: a char searcher stopped at every TAB.)
        return if text.bytes().filter(|&byte| byte == b'\t').count() < MAX_TAB_CELLS { Class::Row } else { Class::Text };
    }
    if text.len() <= 3 * TOC_TITLE.len() && text.chars().filter(|c| *c != ' ').eq(TOC_TITLE.chars()) {
        return Class::TocTitle;
    }
    if caption_parts(text).is_some() {
        return Class::Caption;
    }
    if text.starts_with("単位:") || text.starts_with("(単位:") || text.starts_with("単位:") {
        return Class::Unit;
    }
    if text.starts_with('※') || text.starts_with("(※") {
        return Class::Note;
    }
    if columns::is_row(line_text) && !is_spaced_heading(text) {
        return Class::Spaced;
    }
    if let Some(marked) = marked(trimmed) {
        return Class::Heading(marked.kind == "number");
    }
    if is_label(text) {
        return Class::Label;
    }
    // `- 34 -` is a page number, not a list item.
    if text.starts_with("- ") && is_furniture(text) {
        return Class::Furniture;
    }
    if text.starts_with("- ") || text == "-" || text.starts_with('・') || text.starts_with("• ") {
        if let Some(rest) = text.strip_prefix("- ") {
            if marked(normalize::trim(rest)).is_some_and(|marked| marked.kind == "circled") {
                return Class::Heading(false);
            }
        }
        return Class::ListItem;
    }
    if is_furniture(text) {
        return Class::Furniture;
    }
    if stacked::is_year_cell(text) || stacked::stub_and_year(text).is_some() {
        return Class::Year;
    }
    Class::Text
}

/// True when the line at `line_idx` starts with `-` right under a line whose first piece ends
/// a katakana word cut before its `ー` (`ス`, or a mark of broken half-width katakana, `"` `°`)
/// and that is a table's row or such a rest itself: the `-` is the word's `ー`, printed garbled.
fn is_garbled_long_mark_rest(lines: &[Line<'_>], classes: &Classes, line_idx: usize) -> bool {
    let text = normalize::trim(lines[line_idx].text);
    let above = normalize::trim(lines[line_idx - 1].text);
    let first_piece = above.split("  ").next().unwrap_or("");
    let cut_word = first_piece.chars().last().is_some_and(|c| matches!(c, 'ァ'..='ヺ' | '"' | '°'));
    let in_table = classes[line_idx - 1] == Class::Spaced
        || (classes[line_idx - 1] == Class::Text && line_idx >= 2 && classes[line_idx - 2] == Class::Spaced && above.starts_with('-'));
    text.starts_with('-') && cut_word && in_table
}

/// True for the lines of a header alone: at most three lines, no value, year cells among them.
fn is_year_header_alone(group: &[SpacedLine]) -> bool {
    let no_value = |line: &SpacedLine| line.spans.iter().all(|span| crate::values::value(&span.text).is_none());
    (1..=3).contains(&group.len())
        && group.iter().all(no_value)
        && group.iter().any(|line| line.spans.iter().map(|span| span.text.matches('年').count()).sum::<usize>() >= 2)
        && group.iter().any(|line| line.spans.iter().any(|span| era::has_year_marks(&span.text, 1)))
}

/// The heading on a line that `class` classed as `Class::Heading`: read by
/// `heading`, or (`- ①…`) after a list dash, as `class` reads it.
fn line_heading(line_text: &str, number: u32) -> Option<Heading> {
    let text = normalize::trim_spaces(line_text);
    heading(text, number).or_else(|| heading(normalize::trim(text.strip_prefix("- ")?), number).filter(|heading| heading.kind == "circled"))
}

/// The list text without its `- ` bullet (the `・` stays: it is printed).
fn list_text(text: &str) -> &str {
    normalize::trim(text.strip_prefix("- ").or_else(|| text.strip_prefix("• ")).unwrap_or(text))
}

fn is_label(text: &str) -> bool {
    // The first character is `・` (E3 83 BB), a bullet (E2 97 …, 〇 E3 80 87) or an opening
    // bracket (E3 80 …, E2 89 AA, C2 AB, `<`, `[`): most lines are turned down by two bytes.
    if !matches!(text.as_bytes(), [0xE2 | 0xC2 | b'<' | b'[', ..] | [0xE3, 0x80 | 0x83, ..]) {
        return false;
    }
    let first = text.chars().next().unwrap_or(' ');
    if !(first == '・' || LABEL_BULLETS.contains(&first) || LABEL_BRACKETS.iter().any(|&(open, _)| open == first)) {
        return false;
    }
    let last = text.chars().last().unwrap_or(' ');
    if LABEL_BRACKETS.iter().any(|&(open, close)| first == open && last == close) {
        let inner_closes = text.chars().skip(1).filter(|&c| LABEL_BRACKETS.iter().any(|&(_, close)| close == c)).count();
        return inner_closes == 1 && text.chars().count() <= 40;
    }
    let short_title = !has_sentence_stop(text) && !text.contains('\t');
    if LABEL_BULLETS.contains(&first) && short_title && text.chars().count() <= 100 {
        return true;
    }
    first == '・' && short_title && text.chars().count() <= 40
}

/// A page number (`- 34 -`, `—7—`, `12`) or an appendix mark (`資料８`).
pub(crate) fn is_furniture(text: &str) -> bool {
    // One to three digits between dashes and spaces (`- 34 -`, `—7—`), read on the bytes (`—` is E2 80 94).
    let dash = |rest: &[u8]| match rest {
        [b'-' | b' ', ..] => 1,
        [0xE2, 0x80, 0x94, ..] => 3,
        _ => 0,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while let n_dash @ 1.. = dash(&bytes[at..]) {
        at += n_dash;
    }
    let n_digits = bytes[at..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    at += n_digits;
    while let n_dash @ 1.. = dash(&bytes[at..]) {
        at += n_dash;
    }
    if (1..=3).contains(&n_digits) && at == bytes.len() {
        return true;
    }
    if let Some(number) = text.strip_prefix("資料") {
        return !number.is_empty() && normalize::trim(number).chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// Longest running title (`明石市社会的養育推進計画`) printed at the top or foot of pages.
const MAX_RUNNING_TITLE_CHARS: usize = 40;

/// Marks as page furniture a running title: a short line of text, no sentence, that
/// starts or ends at least three pages, and a third of them (the plan's name at each page's top).
/// Left as text, it joins the table header below it (Ghostscript prints it right
/// above the first header line, `明石市社会的養育推進計画2023年度 (R5)`).
fn mark_running_titles(lines: &[Line<'_>], page_starts: &[u32], classes: &mut [Class]) {
    let n_pages = if lines.is_empty() { 0 } else { normalize::page_of(page_starts, num(lines.len() - 1)) as usize };
    if n_pages < 3 {
        return;
    }
    // The first and last line of text of each page (two a page at most: room for all at once).
    let mut edges = Vec::with_capacity(2 * n_pages);
    let mut page_lines = lines.iter().enumerate().filter(|(idx, _)| !matches!(classes[*idx], Class::Blank | Class::Furniture)).peekable();
    while let Some((first_idx, _)) = page_lines.next() {
        // The number of the next page's first line (the lines before it are on this page).
        let next_page_at = page_starts.get(page_starts.partition_point(|&start| start <= num(first_idx))).copied().unwrap_or(u32::MAX);
        let mut last_idx = first_idx;
        while let Some(&(idx, _)) = page_lines.peek().filter(|(idx, _)| num(*idx) < next_page_at) {
            last_idx = idx;
            page_lines.next();
        }
        edges.push(first_idx);
        if last_idx != first_idx {
            edges.push(last_idx);
        }
    }
    let is_candidate = |idx: usize| {
        classes[idx] == Class::Text && {
            let text = normalize::trim(lines[idx].text);
            !text.is_empty() && text.chars().count() <= MAX_RUNNING_TITLE_CHARS && !text.contains(FULL_STOP)
        }
    };
    edges.retain(|&idx| is_candidate(idx));
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &idx in &edges {
        *counts.entry(normalize::trim(lines[idx].text)).or_insert(0) += 1;
    }
    for idx in edges {
        if counts[normalize::trim(lines[idx].text)] >= 3.max(n_pages.div_ceil(3)) {
            classes[idx] = Class::Furniture;
        }
    }
}

/// True when the contents (`目次`) were read on `page`: a table there is the contents'
/// entries wrapped past what `toc` reads (its numbered entries may read as headings).
/// So is a table on the next page when nothing but furniture and such fragments came
/// between (the contents going on over two pages: `(1) 児童相談所における…体  31` / `- 2 -` /
/// `制の構築に向けた取組` / `(2) 親子関係再構築に向けた取組  31`).
/// (On the next page only when every row is a title and a page number.)
fn on_contents_page(pieces: &[Piece], classes: &Classes, page: u32, rows: &[RawRow]) -> bool {
    // (The first row is read as a header: an entry's wrapped piece.)
    let entries = rows.len() >= 2
        && rows[1..].iter().all(|row| match &row.cells[..] {
            [_, number] => (1..=3).contains(&number.len()) && number.bytes().all(|byte| byte.is_ascii_digit()),
            _ => false,
        });
    // (Only this page's pieces are looked at, and the page before's.)
    // (Read backwards: a search per page, not per piece.)
    let pages = RefCell::new(classes.pages_from(0));
    let on_page = |piece: &Piece, page: u32| {
        (1..=classes.len()).contains(&(piece.first as usize)) && pages.borrow_mut().page(piece.first as usize - 1) == page
    };
    let recent = pieces.iter().rev().take_while(|piece| on_page(piece, page) || (entries && on_page(piece, page.wrapping_sub(1))));
    // (The contents' entries that `toc` did not take read as headings.)
    let between = |kind: &PieceKind| {
        matches!(kind, PieceKind::Furniture(_) | PieceKind::Unresolved(_) | PieceKind::Paragraph(_) | PieceKind::Heading(_))
    };
    for piece in recent {
        match &piece.kind {
            PieceKind::Toc(_) => return true,
            kind if on_page(piece, page) || between(kind) => {}
            _ => return false,
        }
    }
    false
}

/// True when the line after `lines[idx]` (a stub word) is a row label: text, no year cell
/// and no value (`年度` / `妊娠届出数`, not `評価指標` / `2019 年度 (R`).
fn heads_labels(lines: &[Line<'_>], idx: usize) -> bool {
    lines[idx + 1..].iter().map(|line| normalize::trim(line.text)).find(|text| !text.is_empty()).is_some_and(|next| {
        era::year_of(next).is_none() && !stacked::opens_wrapped_year(next) && !stacked::is_value(next) && !next.contains('。')
    })
}

/// True for a table's caption line (`表5 …`, `表〇 親子関係形成支援事業`).
pub fn is_caption(text: &str) -> bool {
    caption_parts(text).is_some()
}

/// `表5 …`, `○表3 …`, `表〇【再掲】 …`, `表●●` → (`表5`, rest).
fn caption(text: &str) -> Option<(String, Option<String>)> {
    let (id, after) = caption_parts(text)?;
    let mut label = String::with_capacity('表'.len_utf8() + id.len());
    label.push('表');
    label.push_str(id);
    let caption_text = normalize::trim(after);
    Some((label, (!caption_text.is_empty()).then(|| caption_text.to_string())))
}

/// `caption` without copying: the id after `表` (`5`, `〇`) and the rest of the line.
fn caption_parts(text: &str) -> Option<(&str, &str)> {
    // A caption starts with `表` (E8 A1 A8), a bullet (○ ● ◎ E2 97 …, 〇 E3 80 87) or a
    // space: most lines are turned down by their first byte (`class` asks every line).
    if !matches!(text.as_bytes().first(), Some(0xE8 | 0xE2 | 0xE3 | b' ')) {
        return None;
    }
    let body = text.trim_start_matches(|c: char| LABEL_BULLETS.contains(&c) || c == ' ');
    let rest = body.strip_prefix('表')?;
    let id_len: usize = rest.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '〇' | '○' | '●' | '■')).map(char::len_utf8).sum();
    if id_len == 0 || text.contains(FULL_STOP) {
        return None;
    }
    let after = &rest[id_len..];
    if after.chars().next().is_some_and(|c| matches!(c, '\u{3041}'..='\u{309F}')) {
        return None;
    }
    Some((&rest[..id_len], after))
}

fn continues_caption(text: &str) -> bool {
    let text = normalize::trim(text);
    !text.contains(FULL_STOP) && !text.starts_with(['⇒', '→', '※', '・', '-']) && text.chars().count() <= 160
}

/// `(単位:人)`, `単位:人(年間の利用人数)`, `(単位・回)` → the unit text.
pub fn unit_in(text: &str) -> Option<String> {
    let at = text.find("単位")?;
    let before_open = text[..at].ends_with('(');
    let rest = text[at + "単位".len()..].trim_start_matches([':', '・', ' ']);
    let unit = if before_open {
        let mut depth = 0;
        let mut end = rest.len();
        for (byte_idx, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = byte_idx;
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
        }
        &rest[..end]
    } else {
        rest
    };
    let unit = normalize::trim(unit);
    (!unit.is_empty()).then(|| unit.to_string())
}

/// True when `rest`, the text right after a number, starts with the number's
/// unit or its decimals (`歳未満人口`, `件`, `.5`): the number is a quantity,
/// not a heading's or a row's number.
pub fn unit_follows(rest: &str) -> bool {
    rest.starts_with(|c: char| "歳年月日人件回名か%.,~-".contains(c))
}

/// Reads a heading marker and title; None when the line cannot be a heading.
pub fn heading(text: &str, line: u32) -> Option<Heading> {
    let text = normalize::trim(text);
    let Marked { kind, number, marker, title } = marked(text)?;
    let marker = match marker {
        Marker::Numbered(before, after) => {
            // Room for exactly the marker (every heading is kept to the end of `classify`).
            let n_digits = number.unwrap_or_default().checked_ilog10().map_or(1, |log| log as usize + 1);
            let mut marker = String::with_capacity(before.len() + n_digits + after.len());
            marker.push_str(before);
            push_number(&mut marker, number.unwrap_or_default());
            marker.push_str(after);
            marker
        }
        Marker::Appendix => APPENDIX.to_string(),
        Marker::Circled(circled) => circled.to_string(),
        Marker::Kana(kana) => format!("({kana})"),
    };
    // `title` is a piece of `text` (`marked` cuts it from there).
    let title_start = title.as_ptr() as usize - text.as_ptr() as usize;
    let title_at = (title_start as u32, (title_start + title.len()) as u32);
    Some(Heading { kind, marker, number, title_at, line, text: text.to_string() })
}

/// Appends `number` in decimal, as `format!` prints it but without its machinery
/// (which cost more than the rest of `heading`, run on every heading line).
fn push_number(text: &mut String, number: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = number;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    text.extend(digits[at..].iter().map(|&digit| char::from(digit)));
}

/// A heading read off a trimmed line without copying it: `class` asks this of
/// every line, and most are no heading (`heading` built three `String`s first).
struct Marked<'a> {
    kind: &'static str,
    number: Option<u32>,
    marker: Marker,
    /// Trimmed.
    title: &'a str,
}

/// How a heading's marker is printed.
enum Marker {
    /// The number between two texts: `第7章`, `資料1`, `(1)`, `1.`, `3`.
    Numbered(&'static str, &'static str),
    /// `【参考】`
    Appendix,
    /// `①`
    Circled(char),
    /// `(ア)`
    Kana(char),
}

/// The heading on `text` (trimmed), as `heading` reads it.
fn marked(text: &str) -> Option<Marked<'_>> {
    let (kind, number, marker, title, max_title) = if let Some(rest) = text.strip_prefix('第') {
        let (number, after) = leading_number(rest)?;
        let title = after.strip_prefix('章')?;
        ("chapter", Some(number), Marker::Numbered("第", "章"), title, 80)
    } else if let Some(title) = text.strip_prefix(APPENDIX) {
        ("appendix", None, Marker::Appendix, title, 80)
    } else if let Some(rest) = text.strip_prefix("資料") {
        let (number, after) = leading_number(rest)?;
        if !after.starts_with(' ') {
            return None;
        }
        ("material", Some(number), Marker::Numbered("資料", ""), after, 80)
    } else if let Some(rest) = text.strip_prefix('(') {
        if let Some((number, after)) = leading_number(rest) {
            let title = after.strip_prefix(')')?;
            ("paren", Some(number), Marker::Numbered("(", ")"), title, 60)
        } else {
            let kana = rest.chars().next().filter(|c| matches!(c, 'ア'..='ン'))?;
            let title = rest[kana.len_utf8()..].strip_prefix(')')?;
            ("paren_kana", Some(kana_number(kana)?), Marker::Kana(kana), title, 60)
        }
    } else if let Some(circled) = text.chars().next().filter(|c| matches!(c, '①'..='⑳')) {
        let number = circled as u32 - '①' as u32 + 1;
        ("circled", Some(number), Marker::Circled(circled), &text[circled.len_utf8()..], 60)
    } else if text.starts_with(|c: char| c.is_ascii_digit()) {
        let (number, after) = leading_number(text)?;
        if number == 0 || number > 99 {
            return None;
        }
        if let Some(title) = after.strip_prefix('.') {
            if title.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            ("number_dot", Some(number), Marker::Numbered("", "."), title, 60)
        } else {
            let title = after.strip_prefix(' ')?;
            let first = title.trim_start().chars().next()?;
            // Nor a number and its status (`37 (見込)`): a table cell.
            if first.is_ascii_digit() || unit_follows(title.trim_start()) || crate::values::kind(title.trim()) == "status" {
                return None;
            }
            ("number", Some(number), Marker::Numbered("", ""), title, 60)
        }
    } else {
        return None;
    };
    let title = normalize::trim(title);
    if title.is_empty()
        || has_sentence_stop(title)
        || memchr::memchr(b'\t', title.as_bytes()).is_some()
        || title.chars().count() > max_title
    {
        return None;
    }
    // `②/①`, `①-②`: a formula of numbered columns (a label's rest), not a heading; nor a
    // header cell's rest printed a piece per line (`① (R11 年度 4 月)`, `②)`: PDFium, pdf.js).
    if kind == "circled" && (title.starts_with(['/', '-', '+', '×', ')']) || is_year_bracket(title)) {
        return None;
    }
    Some(Marked { kind, number, marker, title })
}

/// True for a bracket holding a year and nothing else around it (`(R11 年度 4 月)`, `(R6年度末)`).
fn is_year_bracket(text: &str) -> bool {
    text.strip_prefix('(').and_then(|inner| inner.strip_suffix(')')).is_some_and(|inner| {
        !inner.contains(['(', ')']) && inner.starts_with(['R', 'H', '令', '平', '2']) && crate::era::year_of(inner).is_some()
    })
}

/// True when `text` has a full stop that ends a sentence (not one inside
/// brackets, as in `(社会的養護経験者を含む。)`).
pub fn has_sentence_stop(text: &str) -> bool {
    // `。` is E3 80 82: its middle byte is found by SIMD (decoding every character cost more).
    // Not its last: 82 is also the middle byte of the kana from U+3080 to U+30BF (`ら`, `を`,
    // `ア`), and every hit restarts the search.
    let bytes = text.as_bytes();
    memchr::memchr_iter(0x80, bytes).any(|at| {
        at >= 1
            && bytes[at - 1] == 0xE3
            && bytes.get(at + 1) == Some(&0x82)
            && !matches!(text[at + 2..].chars().next(), Some(')' | '」' | '』'))
    })
}

fn leading_number(text: &str) -> Option<(u32, &str)> {
    let n_digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    if n_digits == 0 || n_digits > 3 {
        return None;
    }
    Some((text[..n_digits].parse().ok()?, &text[n_digits..]))
}

/// ア → 1, イ → 2, … in 五十音 order.
fn kana_number(kana: char) -> Option<u32> {
    const ORDER: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    ORDER.chars().position(|c| c == kana).map(|idx| idx as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_is_forty_bytes() {
        // Every piece of a document is alive at the peak (612,000 of them in 100 MB).
        assert_eq!(std::mem::size_of::<Piece>(), 40);
    }

    fn kind(text: &str) -> Option<&'static str> {
        heading(text, 1).map(|heading| heading.kind)
    }

    #[test]
    fn a_stub_and_year_behind_thousands_of_tabs_is_read_again_by_classify() {
        // `class` turns a line of thousands of TABs down as text before it looks for a stub
        // word and year cell; such a line (it has a TAB) is the only text `classify` reads
        // for them again.
        let line = format!("{}年度 2024 年度 (R6)", "\t".repeat(MAX_TAB_CELLS));
        assert_eq!(class(&line), Class::Text);
        assert!(stacked::stub_and_year(normalize::trim(&line)).is_some());
    }

    #[test]
    fn a_table_on_the_contents_page_is_its_wrapped_entries() {
        // Wide label columns (003_widecols_pdftotext_layout 18-32): the contents' entries
        // wrap over several lines, their page numbers on a middle line; no table of them.
        let fixture = std::fs::read_to_string("fixtures/003_widecols_pdftotext_layout.txt").expect("fixture");
        let text: String = fixture.lines().take(40).map(|line| format!("{line}\n")).collect();
        let mut rewritten = String::new();
        let normalized = normalize::text(&text, &mut rewritten);
        let pieces = classify(&normalized.lines, &normalized.page_starts);
        assert!(pieces.iter().any(|piece| matches!(piece.kind, PieceKind::Toc(_))));
        assert!(!pieces.iter().any(|piece| matches!(piece.kind, PieceKind::Rows { .. })), "{pieces:?}");
    }

    #[test]
    fn a_run_of_bare_years_a_line_each_is_a_header_no_captions_words() {
        // 003_vheader_pdftotext 5438-5507: the caption, then the year cells cut before their
        // `年度` (`2019` / … / `年度` / … / `(R1)` / … / `合計`), then the rows a cell per line. The
        // caption had taken `2019 2020 2021`, and the rest was read under its eras alone.
        assert!(
            stacked::is_bare_year("2019")
                && stacked::is_bare_year("2024 年")
                && !stacked::is_bare_year("2019年度")
                && !stacked::is_bare_year("3000")
        );
        let mut text = String::from("表○社会的養護継続中に 18 歳を迎えた方の状況\n");
        for part in
            ["2019", "2020", "2021", "年度", "年度", "年度", "(R1)", "(R2)", "(R3)", "18 歳到達", "5", "6", "5", "措置延長", "3", "1", "2"]
        {
            text.push_str(part);
            text.push_str("\n\n");
        }
        let mut rewritten = String::new();
        let normalized = normalize::text(&text, &mut rewritten);
        let pieces = classify(&normalized.lines, &normalized.page_starts);
        let caption = pieces.iter().find_map(|piece| match &piece.kind {
            PieceKind::Caption(caption) => caption.text.clone(),
            _ => None,
        });
        assert_eq!(caption.as_deref(), Some("社会的養護継続中に 18 歳を迎えた方の状況"), "{pieces:?}");
        let rows = pieces.iter().find_map(|piece| match &piece.kind {
            PieceKind::Rows { rows, .. } => Some(rows.iter().map(|row| row.cells.join("|")).collect::<Vec<_>>()),
            _ => None,
        });
        assert_eq!(
            rows,
            Some(vec!["|2019 年度 (R1)|2020 年度 (R2)|2021 年度 (R3)".to_string(), "18 歳到達|5|6|5".into(), "措置延長|3|1|2".into()]),
            "{pieces:?}"
        );
    }

    #[test]
    fn values_after_the_page_furniture_make_the_table_above_unsure() {
        // 003_landscape_pdftotext 4612-4638: default `pdftotext` printed the page number before
        // the last cells (`— — — 11 6` / `- 60 -` / `— 9 0 7 3`); the two rows had been read as
        // one, with another row's values in 2023-2024.
        let text = "評価指標\n2020 年度 (R2)\n2021 年度 (R3)\n2022 年度 (R4)\n第三者評価実施施設数\n0\n0\n0\n児童福祉司任用後研修\n4\n2\n6\nこども家庭ソーシャルワーカー養成研修\n専門職採用者数\n—\n—\n11\n- 60 -\n—\n9\n0\n\n次の段落です。\n";
        let mut rewritten = String::new();
        let normalized = normalize::text(text, &mut rewritten);
        let pieces = classify(&normalized.lines, &normalized.page_starts);
        assert!(!pieces.iter().any(|piece| matches!(piece.kind, PieceKind::Rows { .. })), "{pieces:?}");
        assert!(pieces.iter().any(|piece| matches!(piece.kind, PieceKind::Unresolved { .. })), "{pieces:?}");
        assert_eq!(orphan_values_after(&normalized.lines, 17, 3), Some(21));
        assert_eq!(orphan_values_after(&normalized.lines, 21, 3), None);
    }

    #[test]
    fn a_labels_last_character_before_a_bullet_line_is_the_labels() {
        // 003_mincho12_pdftotext_layout 1582-1586 (12 pt tables): `設置` / `数`, then the next
        // table's bullet line.
        let text = "年度 2024 年度 2025 年度 2026 年度 2027 年度 2028 年度 (R 2029 年度 (R
     (R6)    (R7)    (R8)    (R9)      10)        11)
設置        0       0       0       0         0          0
数
 ・児童相談所における里親等支援体制の整備
";
        // The row labels of every table read, header rows left out.
        let row_labels = |text: &str| -> Vec<String> {
            let mut rewritten = String::new();
            let normalized = normalize::text(text, &mut rewritten);
            classify(&normalized.lines, &normalized.page_starts)
                .into_iter()
                .filter_map(|piece| match piece.kind {
                    PieceKind::Rows { rows, .. } => Some(rows.into_iter().skip(1).map(|row| row.cells[0].clone())),
                    _ => None,
                })
                .flatten()
                .collect()
        };
        assert_eq!(row_labels(text), ["設置数"]);
        // (Three characters are a line of their own: no label's end.)
        assert_eq!(row_labels(&text.replace("数\n", "の整備\n")), ["設置"]);
    }

    #[test]
    fn a_blank_line_under_a_header_of_year_cells_does_not_end_the_table() {
        // A spreadsheet's taller header row (003_calc_pdftotext_layout 1390-1396): the header had
        // been a table of its own, its lines joined cell by cell onto the rows' (the stub `2019
        // 年度 … 2023 年度 (R1)`, `1 中止` under 2020).
        let text = "                     2019 年度 2020 年度 2021 年度 2022 年度 2023 年度
                       (R1)    (R2)    (R3)    (R4)    (R5)    2024 年度 (R6)

実施回数                        1 中止            3      7       1                  3
延参加人数                       8 中止            3     26       1                  5
";
        let mut rewritten = String::new();
        let normalized = normalize::text(text, &mut rewritten);
        let rows: Vec<Vec<RawRow>> = classify(&normalized.lines, &normalized.page_starts)
            .into_iter()
            .filter_map(|piece| match piece.kind {
                PieceKind::Rows { rows, .. } => Some(rows),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0][0].cells[1], "2019 年度 (R1)");
        assert_eq!(rows[0][0].cells.len(), 7);
        // (Not after lines that name no year: two tables.)
        let text = "          支援の内容     対象\n\n実施回数       1     3\n延参加人数     8     3\n";
        let normalized = normalize::text(text, &mut rewritten);
        let n_tables = classify(&normalized.lines, &normalized.page_starts)
            .iter()
            .filter(|piece| matches!(piece.kind, PieceKind::Rows { .. }))
            .count();
        assert_eq!(n_tables, 2);
    }

    #[test]
    fn a_labels_rest_led_by_a_garbled_long_mark_is_no_list_item() {
        // 003_docx_pdftotext_layout 2318-2331: after a page break, `児童福祉司ス` / `-バ°-ハ"イサ"` /
        // `- (SV) の配置` (the `ー` printed as `-`); the table had ended at the row, its last rows
        // left as fragments.
        let text = " 評価指標            2020 年度       2021 年度         2022 年度
                   (R2)          (R3)             (R4)
児童福祉司ス       5             7               6
-バ°-ハ\"イサ\"
- (SV) の配置
医師の配置数       1             1               1
保健師の配置       7             6               6
数

次の段落です。
";
        let mut rewritten = String::new();
        let normalized = normalize::text(text, &mut rewritten);
        let pieces = classify(&normalized.lines, &normalized.page_starts);
        let labels: Vec<Vec<String>> = pieces
            .iter()
            .filter_map(|piece| match &piece.kind {
                PieceKind::Rows { rows, .. } => Some(rows.iter().map(|row| row.cells[0].clone()).collect()),
                _ => None,
            })
            .collect();
        assert_eq!(labels.len(), 1, "{pieces:?}");
        assert_eq!(labels[0][1..].len(), 3, "{labels:?}");
        assert_eq!(normalize::tidy_label(&labels[0][1]), "児童福祉司スーパーバイザー (SV) の配置");
        // (A dash under a row whose label ends no katakana word is a list item still.)
        let text = "評価指標   2020 年度   2021 年度\n児童福祉司   5   7\n- 注記です\n";
        let normalized = normalize::text(text, &mut rewritten);
        let classes = Classes {
            classes: normalized.lines.iter().map(|line| class(line.text)).collect(),
            offers: RefCell::new(Offers::new()),
            page_starts: &normalized.page_starts,
        };
        assert!(!is_garbled_long_mark_rest(&normalized.lines, &classes, 2));
    }

    #[test]
    fn the_last_rows_label_goes_on_below_it_in_its_column() {
        // Word's cells aligned to the top of their rows (003_docx_pdftotext_layout 650-656,
        // 1466-1470, 1296-1297): the last row's label rest over several lines, up to a blank line.
        let rows_of = |text: &str| {
            let mut rewritten = String::new();
            let normalized = normalize::text(text, &mut rewritten);
            let pieces = classify(&normalized.lines, &normalized.page_starts);
            pieces
                .into_iter()
                .find_map(|piece| match piece.kind {
                    PieceKind::Rows { rows, .. } => Some(rows.into_iter().map(|row| row.cells[0].clone()).collect::<Vec<_>>()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        let header = "              2025 年度       2026 年度         2027 年度\n               (R7)          (R8)              (R9)\n";
        let bracket = format!("{header}資源の必要量    1,600         1,650           1,700\n年度ごとの整    1,600         1,650 (+50)     1,700 (+50)\n備目標 (前年\n度からの増\n減)\n\n次の段落。\n");
        assert_eq!(rows_of(&bracket)[1..], ["資源の必要量", "年度ごとの整備目標 (前年度からの増減)"]);
        let column = format!(
            "{header}第三者評価を    -                1                    -\n実施している\n一時保護施設\n数（箇所）\n\n次の段落。\n"
        );
        assert_eq!(rows_of(&column)[1..], ["第三者評価を実施している一時保護施設数(箇所)"]);
        let own_bracket = format!(
            "{header}実施回数      24           29          18\n受講者数      155          100         49\n(延べ人 数)\n\n次の段落。\n"
        );
        assert_eq!(rows_of(&own_bracket)[1..], ["実施回数", "受講者数 (延べ人 数)"]);
        // A wider line after the last row is no piece of its label, and the piece before it is
        // then not known to be one either: the table ends at its row.
        let prose = format!("{header}第三者評価を    -                1                    -\n実施している\n一時保護施設を含めた全ての施設で\n\n次の段落。\n");
        assert_eq!(rows_of(&prose)[1..], ["第三者評価を"]);
    }

    #[test]
    fn a_label_cut_by_a_page_break_goes_on_under_the_header_printed_again() {
        // 003_a5centre_pdftotext 5905-5935 (default mode): the page ends after the last row's
        // values, the next prints the header again, then the label's rest `数`.
        let header = "評価指標\n\n2025 年度\n\n(R7)\n\n2026 年度\n\n(R8)\n\n2027 年度\n\n(R9)\n\n";
        let text = format!("{header}常勤医師の配\n\n置数\n\n1\n\n1\n\n1\n\n保健師の配置\n\n6\n\n6\n\n6\n\n- 90 -\n\n明石市社会的養育推進計画\n\n{header}数\n\n⑤ 弁護士の配置数\n");
        let mut rewritten = String::new();
        let normalized = normalize::text(&text, &mut rewritten);
        let pieces = classify(&normalized.lines, &normalized.page_starts);
        let labels: Vec<String> = pieces
            .iter()
            .find_map(|piece| match &piece.kind {
                PieceKind::Rows { rows, .. } => Some(rows.iter().map(|row| row.cells[0].clone()).collect()),
                _ => None,
            })
            .expect("a table");
        assert_eq!(labels[1..], ["常勤医師の配置数", "保健師の配置数"]);
        // The header again with a value under it: a row of another table, not a label's rest.
        let text = format!("{header}常勤医師の配置数\n\n1\n\n1\n\n1\n\n- 90 -\n\n{header}数\n\n3\n");
        let mut rewritten = String::new();
        let normalized = normalize::text(&text, &mut rewritten);
        let pieces = classify(&normalized.lines, &normalized.page_starts);
        let rows = pieces.iter().find_map(|piece| match &piece.kind {
            PieceKind::Rows { rows, .. } => Some(rows.clone()),
            _ => None,
        });
        assert_eq!(rows.expect("a table")[1].cells[0], "常勤医師の配置数");
    }

    #[test]
    fn a_label_that_starts_by_closing_a_bracket_gives_the_piece_back() {
        let row = |label: &str| RawRow::new(1, 1, vec![label.to_string(), "1".into()]);
        let mut rows = vec![row(""), row("ファミリーホーム(箇"), row("所)児童福祉施設等(箇"), row("所)"), row("里親 (世帯)")];
        mend_cut_brackets(&mut rows);
        let labels: Vec<&str> = rows.iter().map(|row| row.cells[0].as_str()).collect();
        assert_eq!(labels, ["", "ファミリーホーム(箇所)", "児童福祉施設等(箇所)", "", "里親 (世帯)"]);
    }

    #[test]
    fn heading_markers() {
        assert_eq!(kind("1 本市における社会的養育の体制整備の基本的考え方及び全体像"), Some("number"));
        assert_eq!(kind("(2)里親登録数"), Some("paren"));
        assert_eq!(kind("① 子どもへの意見聴取等措置"), Some("circled"));
        assert_eq!(kind("第7章 代替養育されているこどものパーマネンシー保障に向けた取組"), Some("chapter"));
        assert_eq!(kind("【参考】代替養育を必要とする子どもの見込みの算出方法"), Some("appendix"));
        assert_eq!(kind("資料1 入所期間に着目した推計値の算出方法について"), Some("material"));
        assert_eq!(kind("1. 令和6年4月1日時点における代替養育を必要とする子ども数"), Some("number_dot"));
        assert_eq!(kind("(ア)こども相談センターでの取組み"), Some("paren_kana"));
    }

    #[test]
    fn notes_and_units_are_no_header_pieces() {
        assert!(is_header_piece("こどもセンターこども支援課実施分"));
        assert!(!is_header_piece("こどもセンターこども支援課実施分 単位:人(年間の利用人数)"));
        assert!(is_note_lead("対象:要保護児童世帯、要支援児童世帯"));
        assert!(!is_note_lead("数:2回"));
        assert!(!is_header_piece("出典:こども家庭庁"));
        // A formula defining a row (a browser's PDF, 003_chromium_pdftotext_layout 1302-1303).
        assert!(!is_header_piece("里親登録数 × 平均受託児童数 + F H の定員数(A)"));
        assert!(!is_header_piece("乳児院・児童養護施設の入所児童数 + 里親・F Hへの委託児童数(B)"));
        assert!(is_header_piece("里親+F H"));
    }

    #[test]
    fn header_rests_are_no_circled_headings() {
        assert_eq!(kind("① (R11 年度 4 月)"), None);
        assert_eq!(kind("① (R11 年度末)"), None);
        assert_eq!(kind("②)"), None);
        assert_eq!(kind("① 子どもへの意見聴取等措置 (R6)"), Some("circled"));
    }

    #[test]
    fn not_headings() {
        assert_eq!(
            kind("(2)現状と課題でも触れたとおり、現在、I型の児童自立生活援助事業を担う施設として、市内に男女各1か所ずつ設置されています。"),
            None
        );
        assert_eq!(kind("7の一部再掲"), None);
        assert_eq!(kind("3 歳未満"), None);
        assert_eq!(kind("(毎年度4月1日現在)"), None);
        assert_eq!(kind("2025年度から2029年度までの5年間とします。"), None);
    }

    #[test]
    fn captions_and_units() {
        assert_eq!(caption("○表3 社会的養護に関わる関係職員"), Some(("表3".into(), Some("社会的養護に関わる関係職員".into()))));
        assert_eq!(caption("表●"), Some(("表●".into(), None)));
        assert_eq!(caption("表〇〇 3歳未満の乳児"), Some(("表〇〇".into(), Some("3歳未満の乳児".into()))));
        assert_eq!(caption("表〇のとおり、ショートステイ事業の利用延日数"), None);
        assert_eq!(unit_in("表〇 助産施設の利用者数 (単位:人)").as_deref(), Some("人"));
        assert_eq!(unit_in("単位:人(年間の利用人数)").as_deref(), Some("人(年間の利用人数)"));
        assert_eq!(unit_in("表●● 一時保護施設職員に対する研修の実施回数(単位・回)、受講数(単位:人)").as_deref(), Some("回"));
    }

    #[test]
    fn furniture_as_trimmed() {
        let pieces = ["", "-", " ", "—", "1", "12", "123", "1234", "a", "資料", "あ", "-1-"];
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let text = format!("{first}{second}{third}");
                    let core = text.trim_matches(|c: char| c == '-' || c == ' ' || c == '—');
                    let expected = (!core.is_empty() && core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit()))
                        || text
                            .strip_prefix("資料")
                            .is_some_and(|number| !number.is_empty() && number.trim().chars().all(|c| c.is_ascii_digit()));
                    assert_eq!(is_furniture(&text), expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn joins_japanese_without_spaces() {
        assert_eq!(join("こど", "も相談センター"), "こども相談センター");
        assert_eq!(join("OJT", "and"), "OJT and");
    }
}
