//! Tables printed one cell per line, as default-mode (raw) `pdftotext` prints
//! a word processor's tables: the year header's cells each on a line of its
//! own, then each row's label and values, with blank lines between.
//!
//! Two orders are read, and only when every line fits one of them:
//!
//! - row by row: `Y₁ … Yₙ (L V₁ … Vₙ)+`, where a label may be wrapped over two
//!   lines, and the first row's label may be missing: printed after the last
//!   row, or above the header (`評価指標` / `児童相談所の管轄人口` / `Y₁ …`);
//! - one row with its cells interleaved with the header's: `Y₁ L Y₂ V₁ Y₃ V₂ …
//!   Vₙ`, the k-th value never before the k-th year.
//!
//! The header may end in a total column (`合計`) or a difference of two numbered
//! columns (`②-①`), its year cells may be wrapped at an open bracket (`2019 年度 (R`
//! / `1)`), and its last year cells may come after the rows when their years go on
//! one by one from the header's. A table with a difference column is also read
//! from header cells, numbered labels (`受託率④`) and values printed in any order
//! (`difference_table`), when every row's values check the difference in exactly
//! one of the column orders the header allows.
//!
//! Anything else with a year header and a value per year is a table whose
//! cells cannot be put back in order: the caller keeps it as fragments.

use std::borrow::Cow;
use std::cell::Cell;

use crate::blocks::{join, RawRow};
use crate::era;
use crate::normalize;
use crate::tables::STUB_WORDS;
use crate::values;

/// A line offered to the reader.
#[derive(Debug, Clone)]
pub struct Offered<'a> {
    pub line: u32,
    pub page: u32,
    pub text: &'a str,
    /// False for a line that cannot be a cell (a heading, a caption, page furniture).
    pub cellish: bool,
    /// True for a line that may be a piece of a cell wrapped over several lines
    /// even though it reads as a heading or list item (`1 親子再統合支援事業…`, `・ライフストーリー`).
    pub loose: bool,
    /// The text's `Kind`, typed on first use: the windows of neighbouring headers,
    /// and the readers each header is offered to, share the lines. Private, so that
    /// only `with_text` makes an `Offered` with another text (and forgets the kind).
    kind: Cell<Option<Kind>>,
    /// The text holds a `-` and a circled number, as a difference (`②-①`) does: the
    /// cheap test `difference_table` makes of the lines at every year header, found on
    /// first use (`difference_marks`): its search stops at the first line that has them.
    difference_marks: Cell<Option<bool>>,
    /// A line left empty because its text was joined to a line above (`10)` to `2028 年度
    /// (R`): no blank line between cells.
    joined: bool,
    /// Page furniture (`-8-`, the running title): printed among a header's cells when a page
    /// break falls inside the table, no cell of it.
    pub furniture: bool,
}

impl<'a> Offered<'a> {
    /// A line offered as `blocks` classed it; its kind is typed when a reader first asks.
    pub fn new(line: u32, page: u32, text: &'a str, cellish: bool, loose: bool) -> Offered<'a> {
        Offered {
            line,
            page,
            text,
            cellish,
            loose,
            kind: Cell::new(None),
            difference_marks: Cell::new(None),
            joined: false,
            furniture: false,
        }
    }

    /// Whether the text holds a `-` and a circled number, found once.
    fn difference_marks(&self) -> bool {
        if let Some(marks) = self.difference_marks.get() {
            return marks;
        }
        // (`memchr`: `str::contains` of a char read the line a word at a time.)
        // (`①`…`⑳` are E2 91 A0 … E2 91 B3: found on the bytes, no character decoded.)
        let bytes = self.text.as_bytes();
        let marks = memchr::memchr(b'-', bytes).is_some() && bytes.windows(3).any(|three| matches!(three, [0xE2, 0x91, 0xA0..=0xB3]));
        self.difference_marks.set(Some(marks));
        marks
    }

    /// The same line with another text, its kind not typed yet.
    fn with_text<'b>(&self, text: &'b str) -> Offered<'b> {
        Offered { furniture: self.furniture, ..Offered::new(self.line, self.page, text, self.cellish, self.loose) }
    }

    /// `kind_of` the trimmed text, typed once.
    fn kind(&self) -> Kind {
        if let Some(kind) = self.kind.get() {
            return kind;
        }
        let kind = kind_of(normalize::trim(self.text));
        self.kind.set(Some(kind));
        kind
    }
}

/// What the reader made of the lines from a year header on.
#[derive(Debug)]
pub enum Stacked {
    /// The rows (header first), how many lines above the header they used, the
    /// number of offered lines from the header on that they used, and the number
    /// of lines after those that hold more values in an order that fits no
    /// reading (the rest of the table, kept as fragments).
    Table { rows: Vec<RawRow>, n_above: usize, n_used: usize, n_doubtful: usize },
    /// A year header and a value per year whose order fits neither reading:
    /// the offered lines from the header on that hold them.
    Doubt { n_used: usize },
}

/// The lines after a table's last value when they are the rest of its header and
/// the table ends with them: a stub word perhaps, then year cells (each maybe
/// wrapped at an open bracket, `2023 年度 (R` / `5)`) whose years go on one by one
/// from the header's; then a line that cannot be a cell, or nothing. Returns the
/// stub, the year cells and the number of lines they take.
fn late_years(after: &[Offered<'_>], years: &[String]) -> Option<(Option<String>, Vec<String>, usize)> {
    // The non-blank lines (index, trimmed text), read only as far as they are looked at:
    // `after` runs to the end of the offered lines.
    let mut non_blank =
        after.iter().enumerate().map(|(idx, offered)| (idx, normalize::trim(offered.text))).filter(|(_, text)| !text.is_empty());
    let mut texts: Vec<(usize, &str)> = Vec::new();
    let mut text_at = |at: usize| {
        while texts.len() <= at {
            let Some(next) = non_blank.next() else { break };
            texts.push(next);
        }
        texts.get(at).copied()
    };
    let mut stub = None;
    let mut cells: Vec<String> = Vec::new();
    let mut n_used = 0;
    let mut at = 0;
    while let Some((idx, text)) = text_at(at) {
        if !after[idx].cellish || idx > n_used + 3 {
            break;
        }
        if cells.is_empty() && stub.is_none() && STUB_WORDS.contains(&text) {
            stub = Some(text.to_string());
            at += 1;
        } else if is_year_cell(text) {
            cells.push(text.to_string());
            at += 1;
        } else if let Some((closing_idx, closing)) = text_at(at + 1).filter(|_| leaves_bracket_open(text)) {
            let cell = format!("{text}{closing}");
            if !is_year_cell(&cell) || closing.chars().count() > MAX_CLOSING_CHARS {
                return None;
            }
            cells.push(cell);
            n_used = closing_idx + 1;
            at += 2;
            continue;
        } else {
            // A cell of another kind: the table goes on.
            return None;
        }
        n_used = idx + 1;
    }
    if cells.is_empty() {
        return None;
    }
    // Every year one after the one before, from the header's first to the last printed late.
    let all: Vec<i32> = years.iter().chain(&cells).map(|cell| era::year_of(cell)).collect::<Option<_>>()?;
    all.windows(2).all(|pair| pair[1] == pair[0] + 1).then_some((stub, cells, n_used))
}

/// A header's total column.
const TOTAL_WORDS: [&str; 3] = ["合計", "計", "総計"];
/// Longest text of a line that may be one cell.
const MAX_CELL_CHARS: usize = 40;
/// Longest text of a label printed above a table's header.
const MAX_ABOVE_CHARS: usize = 30;
/// Years in a header, at least (fewer leave the order ambiguous).
const MIN_YEARS: usize = 3;
/// Lines read from the header on, at most.
const MAX_TOKENS: usize = 160;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Year,
    Value,
    Label,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    line: u32,
    page: u32,
    /// Index in the offered lines.
    idx: usize,
}

/// True for a line that is one year header cell: `2025 年度 (R7)`, `令和7年度`, `R6`,
/// `(R11 年度末)`.
pub fn is_year_cell(text: &str) -> bool {
    // A year cell starts with a western year, a bracket or an era (see `year_cell_len`).
    if !starts_like_year_cell(text) {
        return false;
    }
    // (Kept per text past the quick test: the same year cells head table after table.)
    thread_local! {
        static MEMO: std::cell::RefCell<crate::memo::Memo<bool>> = const { std::cell::RefCell::new(crate::memo::Memo::new()) };
    }
    crate::memo::cached(&MEMO, text, |text| {
        // Without its spaces a year cell is at most 29 bytes (`2025年度(令和7年度末)`): a longer
        // line is rejected as soon as that is seen, and nothing is allocated (this runs on every line).
        let mut squeezed = [0u8; MAX_YEAR_CELL_BYTES];
        let mut len = 0;
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if len + c.len_utf8() > MAX_YEAR_CELL_BYTES {
                return false;
            }
            len += c.encode_utf8(&mut squeezed[len..]).len();
        }
        std::str::from_utf8(&squeezed[..len]).is_ok_and(|squeezed| year_cell_len(squeezed) == Some(len))
    })
}

/// The quick test of a year cell (`year_cell_len`, once spaces are squeezed out): it
/// starts with a western year, a bracket or an era, and a western year has its `年`
/// (numbers such as `12` or `250` are turned down by one `memchr`).
fn starts_like_year_cell(text: &str) -> bool {
    // (Its first character as `trim_start` would give it: `trim`'s quick test answers most lines.)
    match normalize::trim(text).chars().next() {
        Some('1' | '2') => normalize::has_char(text, '年'),
        Some('(' | '令' | '平' | 'R' | 'H') => true,
        _ => false,
    }
}

/// More than the longest year header cell `year_cell_len` reads, in bytes without spaces.
const MAX_YEAR_CELL_BYTES: usize = 32;

/// `年度 2024 年度 (R6)`: the header's stub word and its first year cell on one
/// line → (stub, year cell).
pub fn stub_and_year(text: &str) -> Option<(&str, &str)> {
    let text = normalize::trim(text);
    // The space after a stub word is within its longest length: a line is not searched further.
    // (A loop, not `memchr`: the slice is a dozen bytes, less than `memchr` takes to start.)
    let space = text.as_bytes()[..text.len().min(MAX_STUB_BYTES + 1)].iter().position(|&byte| byte == b' ')?;
    let (stub, rest) = (&text[..space], &text[space + 1..]);
    (STUB_WORDS.contains(&stub) && is_year_cell(rest)).then(|| (stub, normalize::trim(rest)))
}

/// The longest stub word, in bytes.
const MAX_STUB_BYTES: usize = {
    let mut max = 0;
    let mut idx = 0;
    while idx < STUB_WORDS.len() {
        if STUB_WORDS[idx].len() > max {
            max = STUB_WORDS[idx].len();
        }
        idx += 1;
    }
    max
};

/// The length in bytes of the year header cell at the start of `text` (spaces
/// removed), if one is there.
fn year_cell_len(text: &str) -> Option<usize> {
    // Cheap test first (asked at every character of a line): a cell starts with `19`/`20`,
    // `(`, `R`, `H`, `令` (E4 …) or `平` (E5 …).
    if !matches!(text.as_bytes().first(), Some(b'1' | b'2' | b'(' | b'R' | b'H' | 0xE4 | 0xE5)) {
        return None;
    }
    let mut rest = text;
    let mut found = false;
    if rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) && (rest.starts_with("19") || rest.starts_with("20")) {
        if let Some(after) = rest[4..].strip_prefix('年') {
            rest = after.strip_prefix('度').unwrap_or(after);
            found = true;
        }
    }
    let (opened, inner) = match rest.strip_prefix('(') {
        Some(inner) => (true, inner),
        None => (false, rest),
    };
    if let Some(after_era) = ["令和", "平成", "R", "H"].iter().find_map(|era| inner.strip_prefix(era)) {
        let n_digits = after_era.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&n_digits) {
            let mut tail = &after_era[n_digits..];
            tail = tail.strip_prefix("年度").or_else(|| tail.strip_prefix('年')).unwrap_or(tail);
            tail = tail.strip_prefix('末').unwrap_or(tail);
            if opened {
                tail = tail.strip_prefix(')')?;
            }
            rest = tail;
            found = true;
        }
    }
    found.then(|| text.len() - rest.len())
}

/// A header printed on one line with single spaces (`年度 2025 年度 (R7) 2026 年度 (R8) …`):
/// the stub before the first year and each year cell as printed. None unless
/// the whole line is read and it names three years or more.
pub fn year_row(text: &str) -> Option<(String, Vec<String>)> {
    // Cheap test first: three years need three `年`, or `R`/`H` and a digit.
    if !era::has_year_marks(text, MIN_YEARS) {
        return None;
    }
    let (stub, cells) = year_cells(text)?;
    (cells.len() >= MIN_YEARS).then(|| (stub.to_string(), cells.into_iter().map(str::to_string).collect()))
}

/// A line that is year header cells, the first after a stub word or none: the stub
/// and each cell as printed (slices of `text`). None unless the whole line is read.
fn year_cells(text: &str) -> Option<(&str, Vec<&str>)> {
    // The text without spaces, and where each of its bytes came from.
    let mut squeezed = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    // (ASCII read a byte at a time: `char::is_whitespace` of an ASCII character is ` ` or
    // `\t`..=`\r`, and pushing the byte saves encoding it again.)
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !matches!(byte, b' ' | b'\t'..=b'\r') {
                squeezed.push(char::from(byte));
                origin.push(at);
            }
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let len = c.len_utf8();
        if !c.is_whitespace() {
            squeezed.push_str(&text[at..at + len]);
            origin.extend(at..at + len);
        }
        at += len;
    }
    origin.push(text.len());
    let first = squeezed.char_indices().map(|(at, _)| at).find(|&at| year_cell_len(&squeezed[at..]).is_some())?;
    let printed = |from: usize, to: usize| normalize::trim(&text[origin[from]..origin[to - 1] + 1]);
    let stub = if first == 0 { "" } else { normalize::trim(&text[..origin[first]]) };
    let mut cells = Vec::new();
    let mut at = first;
    while at < squeezed.len() {
        let len = year_cell_len(&squeezed[at..])?;
        // The last byte of the cell is the last byte of its last char.
        let end = at + len;
        cells.push(printed(at, end));
        at = end;
    }
    Some((stub, cells))
}

/// True for a line that is one value cell (`12`, `4 (見込)`, `(+0)`, `-`, `50.6%`).
pub fn is_value(text: &str) -> bool {
    !matches!(values::kind(text), "text" | "empty")
}

/// Units longer than this make a label, not a value (`18 歳到達`).
const MAX_UNIT_CHARS: usize = 2;

/// The header's year cells wrapped at an open bracket, from the first line on, each
/// joined with the next line when that line closes the bracket (`2024 年度① (R6) (現計`
/// / `画)`, `2019 年度 (R` / `1)`); the closing line left blank. None when no cell was
/// wrapped.
fn join_wrapped_years<'a>(from: &[Offered<'a>]) -> Option<Vec<Cow<'a, str>>> {
    // The joins first, without copying the lines: most headers have none.
    // (The line joined, and what is left on the next line: a difference column printed after
    // the era, `(R6) (実績) ②-①`, pdf.js.)
    let mut joins: Vec<(usize, String, &'a str)> = Vec::new();
    // (A line of several wrapped cells joined, and the lines of their ends.)
    let mut many: Vec<(usize, String, usize)> = Vec::new();
    // (A run of year cells whose eras follow the run: the cells' lines and the eras'.)
    let mut eras_after: Vec<(Vec<usize>, Vec<Vec<usize>>)> = Vec::new();
    let mut idx = 0;
    // (Cells that read as values until joined, `2019` / … / `年度` / … / `(R1)`, first.)
    if let Some((cells, rests)) = years_then_eras(from) {
        idx = rests.last().and_then(|run| run.last()).map_or(idx, |last| last + 1);
        eras_after.push((cells, rests));
    }
    // Only in the header: up to the first value or the first line that is no cell.
    while idx + 1 < from.len()
        && (!is_value(normalize::trim(from[idx].text))
            || is_year_cell(normalize::trim(from[idx].text))
            || is_numbered_year_cell(normalize::trim(from[idx].text)))
        && (from[idx].cellish || is_formula(from[idx].text))
    {
        let text = normalize::trim(from[idx].text);
        let next = normalize::trim(from[idx + 1].text);
        // Year cells a line each, then their eras a line each in the same order (`2025 年度` / …
        // / `2029 年度` / `(R7)` / … / `(R11)`, Word's cells through default `pdftotext`).
        // (At the first line it was asked above.)
        if let Some((cells, rests)) = (idx > 0).then(|| years_then_eras(&from[idx..])).flatten() {
            let at = |found: &[usize]| found.iter().map(|found| idx + found).collect::<Vec<usize>>();
            let (cells, rests): (Vec<usize>, Vec<Vec<usize>>) = (at(&cells), rests.iter().map(|run| at(run)).collect());
            idx = rests.last().and_then(|run| run.last()).map_or(idx, |last| last + 1);
            eras_after.push((cells, rests));
            continue;
        }
        let closes = next.chars().count() <= MAX_CLOSING_CHARS && closes_bracket(next);
        // Several year cells on one line, each wrapped at its open bracket, their ends a line
        // each below (`2028 年度 (R 2029 年度 (R` / `10)` / `11)`, LibreOffice on B5 paper).
        if let Some((cells, n_lines)) = closes.then(|| wrapped_side_by_side(text, &from[idx + 1..])).flatten() {
            many.push((idx, cells, n_lines));
            idx += n_lines + 1;
            continue;
        }
        if closes && leaves_bracket_open(text) && year_cell_len(&squeeze(text)).is_some() {
            // Inside the bracket the word goes on: `(R` / `1)` is `(R1)`.
            let cell = format!("{text}{next}");
            if is_year_cell(&cell) || is_qualified_year_cell(&cell) {
                joins.push((idx, cell, ""));
                idx += 1;
            }
        } else if (next.starts_with('(') || (next.starts_with('度') && text.ends_with('年'))) && !text.contains('(') {
            // A year cell wrapped before its era (`2021年度` / `(R3)`, `2029年` / `度 (R11)`,
            // `2024年度①` / `(R6) (現計画)`, a browser's PDF): one cell, when the era names its year.
            let (next, rest) = match next.rsplit_once(' ') {
                Some((era, formula)) if is_formula(formula) => (normalize::trim(era), formula),
                _ => (next, ""),
            };
            let (year, era) = (crate::era::year_label(text), crate::era::year_label(next));
            if era.western.is_none() && era.era.is_some() && era.era == year.western && next.ends_with(')') {
                let cell = join_year_piece(text, next);
                // (With the stub word printed before the first year: `年度 2020年度` / `(R2)`, pdf.js.)
                if is_year_cell(&cell) || is_qualified_year_cell(&cell) || stub_and_year(&cell).is_some() {
                    joins.push((idx, cell, rest));
                    idx += 1;
                }
            }
        }
        idx += 1;
    }
    if joins.is_empty() && many.is_empty() && eras_after.is_empty() {
        return None;
    }
    // Only the joined cells are copied.
    let mut texts: Vec<Cow<'a, str>> = from.iter().map(|offered| Cow::Borrowed(offered.text)).collect();
    for (idx, cells, n_lines) in many {
        texts[idx] = Cow::Owned(cells);
        for text in &mut texts[idx + 1..=idx + n_lines] {
            *text = Cow::Borrowed("");
        }
    }
    for (idx, cell, rest) in joins {
        texts[idx] = Cow::Owned(cell);
        texts[idx + 1] = Cow::Borrowed(rest);
    }
    for (cells, rests) in eras_after {
        for (k, cell_idx) in cells.into_iter().enumerate() {
            let cell = rests.iter().fold(normalize::trim(from[cell_idx].text).to_string(), |cell, run| {
                join_year_piece(&cell, normalize::trim(from[run[k]].text))
            });
            texts[cell_idx] = Cow::Owned(cell);
            for run in &rests {
                texts[run[k]] = Cow::Borrowed("");
            }
        }
    }
    Some(texts)
}

/// `2024 年` + `度` → `2024 年度`, `2019` + `年度` → `2019 年度`, `2025 年度` + `(R7)` →
/// `2025 年度 (R7)`: a year cell's next piece joined on.
fn join_year_piece(cell: &str, piece: &str) -> String {
    // (And a total column's halves, `合` + `計`.)
    if (cell.ends_with('年') && piece.starts_with('度')) || TOTAL_WORDS.iter().any(|word| word.strip_prefix(cell) == Some(piece)) {
        format!("{cell}{piece}")
    } else {
        format!("{cell} {piece}")
    }
}

/// The lines of the year cells without an era that lead `from` (`2025 年度`, a line each,
/// blank lines between them or not), when the lines after them are their ends in runs of as
/// many lines each, in the same order: their eras (`(R7)`, each naming its cell's year), or
/// first the rest of the cells cut at `年` (`2024 年` / … / `度` / … / `(R6)` / …) or before
/// `年度` (`2019` / … / `年度` / … / `(R1)` / …). Page furniture among them (`-8-`, the running
/// title: a page break inside the header) is passed over. Returns the cells' indices and
/// each run's, at least two cells, the last run the eras. None otherwise.
/// True for a western year alone (`2019`, `2024 年`): a header's year cell cut before its `年度`
/// or `度` (Word's cells through default `pdftotext`), no caption's words.
pub(crate) fn is_bare_year(text: &str) -> bool {
    let text = normalize::trim(text);
    let digits = text.strip_suffix('年').map_or(text, normalize::trim);
    digits.len() == 4 && digits.parse::<u16>().is_ok_and(|year| (1989..=2099).contains(&year))
}

fn years_then_eras(from: &[Offered<'_>]) -> Option<(Vec<usize>, Vec<Vec<usize>>)> {
    let bare_year = |text: &str| {
        !text.contains('(') && {
            is_bare_year(text)
                || (is_year_cell(text) && {
                    let label = crate::era::year_label(text);
                    label.western.is_some() && label.era.is_none()
                })
        }
    };
    let mut lines = (0..from.len()).filter(|&idx| !from[idx].furniture && !normalize::trim(from[idx].text).is_empty()).peekable();
    let mut cells = Vec::new();
    while let Some(&idx) = lines.peek() {
        if !bare_year(normalize::trim(from[idx].text)) {
            break;
        }
        cells.push(idx);
        lines.next();
    }
    if cells.len() < 2 {
        return None;
    }
    // A total column cut in two like them (`合` after the year cells, `計` after the eras).
    let total_head = lines.peek().copied().filter(|&idx| {
        let text = normalize::trim(from[idx].text);
        text.chars().count() == 1 && TOTAL_WORDS.iter().any(|word| word.chars().count() == 2 && word.starts_with(text))
    });
    let n_years = cells.len();
    if let Some(head) = total_head {
        lines.next();
        cells.push(head);
    }
    let mut texts: Vec<String> = cells.iter().map(|&idx| normalize::trim(from[idx].text).to_string()).collect();
    let mut rests: Vec<Vec<usize>> = Vec::new();
    // At most a piece before the era (`度`, `年度`), then the era.
    for _ in 0..2 {
        let run: Vec<usize> = lines.by_ref().take(cells.len()).collect();
        if run.len() < cells.len() {
            return None;
        }
        let pieces: Vec<&str> = run.iter().map(|&idx| normalize::trim(from[idx].text)).collect();
        let is_era = |piece: &str| piece.starts_with('(') && piece.ends_with(')');
        if pieces[..n_years].iter().all(|piece| is_era(piece)) {
            let agrees = texts.iter().zip(&pieces[..n_years]).all(|(cell, era_piece)| {
                let era = crate::era::year_label(era_piece);
                era.western.is_none() && era.era.is_some() && era.era == crate::era::year_label(cell).western
            });
            let whole = texts.iter().zip(&pieces[..n_years]).all(|(cell, era_piece)| is_year_cell(&join_year_piece(cell, era_piece)));
            // (The total's rest last: `計` after `合`.)
            let total = total_head.is_none() || TOTAL_WORDS.contains(&join_year_piece(&texts[n_years], pieces[n_years]).as_str());
            rests.push(run);
            return (agrees && whole && total).then_some((cells, rests));
        }
        if total_head.is_some() {
            return None;
        }
        let ends = |(cell, piece): (&String, &&str)| (cell.ends_with('年') && *piece == "度") || (!cell.contains('年') && *piece == "年度");
        if !rests.is_empty() || !texts.iter().zip(&pieces).all(ends) {
            return None;
        }
        for (cell, piece) in texts.iter_mut().zip(&pieces) {
            *cell = join_year_piece(cell, piece);
        }
        rests.push(run);
    }
    None
}

/// A line of two or more year cells each wrapped at its open bracket (`2028 年度 (R 2029
/// 年度 (R`), and the lines after it that end them in order (`10)` / `11)`): the cells
/// joined, one space apart, and how many lines their ends took. None unless every cell
/// joined with its end is a year cell.
fn wrapped_side_by_side(text: &str, after: &[Offered<'_>]) -> Option<(String, usize)> {
    // Where each year cell starts: four digits of a year, `年` after them.
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(at, _)| {
            let rest = &text[at..];
            (at == 0 || text[..at].ends_with(' '))
                && (rest.starts_with("19") || rest.starts_with("20"))
                && rest.len() > 4
                && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && normalize::trim(&rest[4..]).starts_with('年')
        })
        .map(|(at, _)| at)
        .collect();
    if starts.len() < 2 || starts[0] != 0 || after.len() < starts.len() {
        return None;
    }
    let cells =
        starts.iter().enumerate().map(|(k, &start)| normalize::trim(&text[start..starts.get(k + 1).copied().unwrap_or(text.len())]));
    let mut joined = Vec::with_capacity(starts.len());
    for (cell, end) in cells.zip(after) {
        let end = normalize::trim(end.text);
        if !leaves_bracket_open(cell) || end.chars().count() > MAX_CLOSING_CHARS || !closes_bracket(end) {
            return None;
        }
        // (And the era the end completes names the cell's year: `(R` / `10)` under `2028 年度`.)
        let whole = format!("{cell}{end}");
        let label = crate::era::year_label(&whole);
        if !(is_year_cell(&whole) || is_qualified_year_cell(&whole)) || label.era.is_none() || label.era != label.western {
            return None;
        }
        joined.push(whole);
    }
    Some((joined.join(" "), starts.len()))
}

/// Longest piece of a header cell wrapped after an open bracket (`画)`, `績)`).
const MAX_CLOSING_CHARS: usize = 6;
/// Longest bracketed qualifier of a year cell (`(現計画)`, `(見込)`).
const MAX_QUALIFIER_CHARS: usize = 8;

/// A year cell with circled numbers and bracketed qualifiers after it:
/// `2024 年度① (R6) (現計画)`.
fn is_qualified_year_cell(text: &str) -> bool {
    // It starts with a year cell: the test `is_year_cell` makes first (nothing is allocated for other lines).
    if !starts_like_year_cell(text) {
        return false;
    }
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(len) = year_cell_len(&squeezed) else { return false };
    let mut rest = squeezed[len..].chars().peekable();
    let mut any = false;
    while let Some(c) = rest.next() {
        any = true;
        match c {
            '①'..='⑳' => {}
            '(' => {
                let inner: String = rest.by_ref().take_while(|&c| c != ')').collect();
                if inner.is_empty() || inner.chars().count() > MAX_QUALIFIER_CHARS || inner.contains('(') {
                    return false;
                }
            }
            _ => return false,
        }
    }
    any && crate::era::year_of(text).is_some()
}

/// A header printed one cell per line (`2019 年度 (R1)` / `2024 年度① (R6) (現計画)` /
/// … / `②-①`) over rows printed one per line, each a label and a value per column
/// (`代替養育を必要とする子ども数① 7 7 3 ▲4`), as `pdftotext -raw` prints them: read
/// by `columns::word_rows` when the first row has exactly a value per header cell.
fn header_over_word_rows(from: &[Offered<'_>], tokens: &[Token<'_>]) -> Option<Stacked> {
    let n_years = tokens.iter().take_while(|token| token.kind == Kind::Year).count();
    if n_years < MIN_YEARS {
        return None;
    }
    let mut header: Vec<String> = tokens[..n_years].iter().map(|token| token.text.to_string()).collect();
    let mut next = n_years;
    if tokens.get(next).is_some_and(|token| token.kind == Kind::Label && (TOTAL_WORDS.contains(&token.text) || is_formula(token.text))) {
        header.push(tokens[next].text.to_string());
        next += 1;
    }
    let first_row = tokens.get(next)?;
    let words: Vec<&str> = first_row.text.split_whitespace().collect();
    let n_values = words.iter().rev().take_while(|word| crate::columns::is_value_word(word)).count();
    if first_row.kind != Kind::Label || n_values != header.len() || words.len() == n_values {
        return None;
    }
    let first = tokens.first()?;
    // The stub word printed with the first year (`年度 2020年度 (R2)`, pdf.js) is the stub's cell.
    let stub = match stub_and_year(&header[0]) {
        Some((stub, year)) => {
            let stub = stub.to_string();
            header[0] = year.to_string();
            stub
        }
        None => String::new(),
    };
    let header_row = RawRow::new(first.line, first.page, std::iter::once(stub).chain(header).collect());
    let rest: Vec<(u32, u32, &str)> = from[first_row.idx..].iter().map(|offered| (offered.line, offered.page, offered.text)).collect();
    let (rows, n_used) = crate::columns::word_rows(header_row, false, &rest)?;
    Some(Stacked::Table { rows, n_above: 0, n_used: first_row.idx + n_used, n_doubtful: 0 })
}

/// A header cell that is a sum or difference of numbered columns (`②-①`, `①+②`).
fn is_formula(text: &str) -> bool {
    // Circled numbers are E2 91 A0…B3: a text without an 0xE2 byte has none.
    if memchr::memchr(0xE2, text.as_bytes()).is_none() {
        return false;
    }
    // Read in place, the spaces skipped (no squeezed copy); the first other character ends it.
    text.chars().all(|c| c.is_whitespace() || matches!(c, '①'..='⑳' | '+' | '-' | '(' | ')'))
        && text.chars().filter(|c| matches!(c, '①'..='⑳')).count() >= 2
}

fn kind_of(text: &str) -> Kind {
    // (Kept per text: the same cell texts recur from table to table.)
    thread_local! {
        static MEMO: std::cell::RefCell<crate::memo::Memo<Kind>> = const { std::cell::RefCell::new(crate::memo::Memo::new()) };
    }
    crate::memo::cached(&MEMO, text, |text| {
        if is_year_cell(text) || stub_and_year(text).is_some() || is_qualified_year_cell(text) {
            Kind::Year
        } else {
            // `is_value` and the unit from one reading.
            let (kind, unit) = values::kind_and_unit(text);
            let is_value = !matches!(kind, "text" | "empty");
            if is_value && unit.is_none_or(|unit| unit.chars().count() <= MAX_UNIT_CHARS) {
                Kind::Value
            } else {
                Kind::Label
            }
        }
    })
}

/// Reads a table whose header starts at `from[0]` (one line naming every year,
/// or the first of the year cells); `above` are the lines before it, nearest last.
pub fn read(above: &[Offered<'_>], from: &[Offered<'_>]) -> Option<Stacked> {
    let header = years_then_eras(from);
    let top_aligned = header.is_some();
    let found = read_table(above, from, top_aligned)?;
    // Word's cells aligned to the top of their rows, through default `pdftotext` (year cells a
    // line each, then their eras a line each): the rest of a label wrapped in its cell comes
    // after the row's values, often after later rows' (`年度ごとの整` / `1,600` … / `備目標 (前年` /
    // `度からの増` / `減)`). Label pieces left right after the rows mean some labels are cut,
    // and which piece is whose is not known: the table is kept as fragments.
    if let Stacked::Table { n_used, .. } = &found {
        if top_aligned {
            if let Some(n_used) = cut_labels_after(from, *n_used) {
                return Some(Stacked::Doubt { n_used });
            }
            // (A label piece read after the last value, other than a row's circled number or a
            // unit's bracket: the last row's label whole after its values, or pieces of two
            // labels, `型` / `訪問型` for `デイサービス` / `型` and `訪問型`.)
            let last_value = from[..*n_used].iter().rposition(|offered| offered.cellish && offered.kind() == Kind::Value);
            let label_after = last_value.is_some_and(|last| {
                from[last + 1..*n_used]
                    .iter()
                    .map(|offered| normalize::trim(offered.text))
                    .any(|text| !(text.is_empty() || is_whole_bracket(text) || (text.chars().count() == 1 && circled(text).is_some())))
            });
            // (Not when no label comes between the header and the last value: the labels are then
            // all after the values, `2025` … / `(R11)` / `307,001 307,519 …` / `評価指標` /
            // `児童相談所の管轄人口`, one row's cells centred vertically.)
            let header_end =
                header.as_ref().and_then(|(cells, runs)| cells.iter().chain(runs.iter().flatten()).max().copied()).unwrap_or(0);
            let label_before = last_value.is_some_and(|last| {
                from[header_end + 1..last.max(header_end + 1)]
                    .iter()
                    .any(|offered| offered.cellish && offered.kind() == Kind::Label && !normalize::trim(offered.text).is_empty())
            });
            if label_after && label_before {
                return Some(Stacked::Doubt { n_used: *n_used });
            }
        }
    }
    Some(found)
}

/// When the lines after the `n_used` read (a blank line between or not) are label pieces, a
/// line each with no blank line between them: where they end. None otherwise.
fn cut_labels_after(from: &[Offered<'_>], n_used: usize) -> Option<usize> {
    let blank = |idx: &usize| normalize::trim(from[*idx].text).is_empty();
    let first = (n_used..from.len()).find(|idx| !blank(idx)).filter(|&idx| idx <= n_used + 1)?;
    let is_piece = |offered: &Offered<'_>| offered.cellish && offered.kind() == Kind::Label && !is_year_cell(normalize::trim(offered.text));
    let n_pieces = from[first..].iter().take_while(|offered| !normalize::trim(offered.text).is_empty() && is_piece(offered)).count();
    (n_pieces > 0).then_some(first + n_pieces)
}

/// `top_aligned`: year cells a line each, then their eras a line each (Word's cells aligned to
/// the top of their rows, through default `pdftotext`).
fn read_table(above: &[Offered<'_>], from: &[Offered<'_>], top_aligned: bool) -> Option<Stacked> {
    // Year cells wrapped at an open bracket (`2024 年度① (R6) (現計` / `画)`) joined back;
    // the line that closed one is left blank, so that line indices still count `from`.
    // A difference column (`②-①`) reads as a heading; in the header it is a cell.
    let joined = join_wrapped_years(from);
    let offered: Vec<Offered<'_>> = match &joined {
        Some(texts) => from
            .iter()
            .zip(texts)
            .map(|(offered, text)| {
                let cellish = offered.cellish || is_formula(text);
                // A line left as it was keeps the kind it was typed as. (Most are the very
                // text borrowed, known equal without reading it: the window is 400 lines.)
                let unchanged = matches!(text, Cow::Borrowed(borrowed) if std::ptr::eq(*borrowed, offered.text)) || *text == offered.text;
                if unchanged {
                    Offered { cellish, ..offered.clone() }
                } else {
                    let joined = text.is_empty();
                    Offered { cellish, joined, ..offered.with_text(text) }
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let from = if joined.is_some() { &offered[..] } else { from };
    let first = from.first()?;
    if let Some(found) = column_blocks(above, from) {
        return Some(found);
    }
    // Lines the one-line header takes: two when its cells wrap at `年` (`2025 年 2026 年 …`
    // / `度 (R7) 度 (R8) …`, a browser's PDF).
    let mut n_header = 1;
    let (tokens, one_line_years) = match year_row(first.text) {
        Some((stub, mut years)) if !is_year_cell(first.text) => {
            let next: Vec<&str> = from[1..].iter().take(2).map(|offered| offered.text).collect();
            if let Some((ends, n_lines)) = crate::columns::header_ends(&years, &next).or_else(|| eras_a_line_each(&years, &from[1..])) {
                for (year, end) in years.iter_mut().zip(ends) {
                    year.push_str(&end);
                }
                n_header = 1 + n_lines;
            }
            let tokens = tokens(&from[n_header..], n_header, years.len());
            (tokens, Some((stub, years)))
        }
        _ => (tokens(from, 0, 0), None),
    };
    if let Some((_, years)) = &one_line_years {
        if let Some((rows, n_used)) = wrapped_rows(&from[n_header..], years.len()) {
            let (stub, years) = one_line_years.clone()?;
            let mut all = vec![RawRow::new(first.line, first.page, std::iter::once(stub).chain(years).collect())];
            all.extend(rows);
            return Some(Stacked::Table { rows: all, n_above: 0, n_used: n_used + n_header, n_doubtful: 0 });
        }
    }
    if one_line_years.is_none() {
        if let Some(found) = header_over_word_rows(from, &tokens) {
            return Some(found);
        }
    }
    let n_years = match &one_line_years {
        Some((_, years)) => years.len(),
        None => tokens.iter().filter(|token| token.kind == Kind::Year).count(),
    };
    if n_years < MIN_YEARS {
        return None;
    }
    if letter_spaced(above, &tokens) {
        return tokens.last().map(|token| Stacked::Doubt { n_used: token.idx + 1 });
    }
    // Counted as `tables` would split them: `11 名 (見込)` is two values.
    // (And those of a row printed whole on its line, `数 2,646 2,598 …`.)
    let n_values: usize = tokens
        .iter()
        .map(|token| match token.kind {
            Kind::Value => value_width(token.text),
            Kind::Label => n_trailing_values(token.text),
            Kind::Year => 0,
        })
        .sum();
    if n_values < n_years {
        return None;
    }
    let labels_above = labels_above(above);
    let header_line = (first.line, first.page);
    let header_row =
        |stub: String, years: Vec<String>| RawRow::new(header_line.0, header_line.1, std::iter::once(stub).chain(years).collect());
    // Row by row, with the header on one line or on a line per year.
    let (stub, years, body): (_, _, Vec<Token<'_>>) = match &one_line_years {
        Some((stub, years)) => {
            // A total column printed on a line of its own after the header line (`合計`).
            let total = tokens.first().filter(|token| token.kind == Kind::Label && TOTAL_WORDS.contains(&token.text));
            let mut years = years.clone();
            years.extend(total.map(|token| token.text.to_string()));
            (Some(stub.clone()), years, tokens[usize::from(total.is_some())..].to_vec())
        }
        None => {
            let n_leading = tokens.iter().take_while(|token| token.kind == Kind::Year).count();
            let first_value = tokens
                .iter()
                .position(|token| token.kind == Kind::Value || (token.kind == Kind::Label && n_trailing_values(token.text) > 0))
                .unwrap_or(tokens.len());
            let n_years_before = tokens[..first_value].iter().filter(|token| token.kind == Kind::Year).count();
            if n_leading < n_years && n_years_before == n_years {
                // The row labels printed among the years (`2020 年度` / labels / `2021 年度` …), all before the values.
                let (years, labels): (Vec<Token<'_>>, Vec<Token<'_>>) =
                    tokens[..first_value].iter().partition(|token| token.kind == Kind::Year);
                let body = labels.into_iter().chain(tokens[first_value..].iter().copied()).collect();
                (None, years.iter().map(|token| token.text.to_string()).collect(), body)
            } else {
                let mut years: Vec<String> = tokens[..n_leading].iter().map(|token| token.text.to_string()).collect();
                // A total column after the years (`合計`) belongs to the header.
                // So does a difference of two numbered columns (`②-①`).
                let total = tokens
                    .get(n_leading)
                    .filter(|token| token.kind == Kind::Label && (TOTAL_WORDS.contains(&token.text) || is_formula(token.text)));
                years.extend(total.map(|token| token.text.to_string()));
                (None, years, tokens[n_leading + usize::from(total.is_some())..].to_vec())
            }
        }
    };
    // `年度 2024 年度 (R6)`: the stub printed with the first year.
    let mut fused_stub = None;
    let years: Vec<String> = years
        .into_iter()
        .map(|year| match stub_and_year(&year) {
            Some((stub, cell)) => {
                fused_stub = Some(stub.to_string());
                cell.to_string()
            }
            None => year,
        })
        .collect();
    let stub = stub.or(fused_stub);
    // The header's last year cells printed after the rows (`評価指標` / `2023 年度 (R` / `5)` / …).
    let last_value = body.iter().rev().find(|token| token.kind == Kind::Value);
    if let (None, Some(last_value)) = (&one_line_years, last_value) {
        if let Some((late_stub, late_cells, n_late)) = late_years(&from[last_value.idx + 1..], &years) {
            let head: Vec<Token<'_>> = body.iter().filter(|token| token.idx <= last_value.idx).copied().collect();
            let mut all_years = years.clone();
            all_years.extend(late_cells);
            if let Some((rows, Some(used), false, false)) = by_rows(&head, all_years.len(), None, false) {
                if used.idx == last_value.idx {
                    let (stub, n_above) = match stub.clone().or(late_stub) {
                        Some(stub) if !stub.is_empty() => (stub, 0),
                        _ => labels_above.stub_and_lines(false),
                    };
                    let mut all = vec![header_row(stub, all_years)];
                    all.extend(rows);
                    return Some(Stacked::Table { rows: all, n_above, n_used: last_value.idx + 1 + n_late, n_doubtful: 0 });
                }
            }
        }
    }
    // (Not the header's last cells printed after the rows, read above: `late_years`.)
    // The header's next year cells after the values (`2024 年` / … / `2027 年` / `1` … `1` /
    // `2028 年度 2029 年度`, a browser's PDF): the table goes on past what the tokens hold, and
    // reading them alone would give a table short of its last columns.
    if let Some(last) = tokens.last() {
        let last_year = match &one_line_years {
            Some((_, years)) => years.last().and_then(|year| era::year_of(year)),
            None => tokens.iter().rev().find(|token| token.kind == Kind::Year).and_then(|token| era::year_of(token.text)),
        };
        let next = from[last.idx + 1..].iter().map(|offered| normalize::trim(offered.text)).find(|text| !text.is_empty());
        let next_year = next.filter(|text| kind_of(text) == Kind::Year || year_row(text).is_some()).and_then(era::year_of);
        if last_year.is_some_and(|year| next_year == Some(year + 1)) {
            return Some(Stacked::Doubt { n_used: last.idx + 1 });
        }
    }
    // Rows numbered `1`, `2`, …, each its number, its label (wrapped over a few lines)
    // and a value per year, a line each (PyMuPDF).
    if one_line_years.is_none() && years.len() == n_years {
        if let Some((rows, last)) = numbered_rows(&body, n_years) {
            let (stub, n_above) = match stub.clone() {
                Some(stub) if !stub.is_empty() => (stub, 0),
                _ => labels_above.stub_and_lines(false),
            };
            let mut all = vec![header_row(stub, years)];
            all.extend(rows);
            return Some(Stacked::Table { rows: all, n_above, n_used: last + 1, n_doubtful: 0 });
        }
    }
    if years.len() == n_years || years.len() == n_years + 1 {
        if let Some((rows, used, label_above, broken)) = by_rows(&body, years.len(), labels_above.label.as_deref(), top_aligned) {
            let (stub, n_above) = match (stub, label_above) {
                (Some(stub), true) => (stub, labels_above.n_label_lines),
                (Some(stub), false) if !stub.is_empty() => (stub, 0),
                (Some(_), false) => labels_above.stub_and_lines(false),
                (None, label_used) => labels_above.stub_and_lines(label_used),
            };
            let n_used = used.map_or(1, |token| token.idx + 1);
            let mut all = vec![header_row(stub, years)];
            all.extend(rows);
            let n_doubtful = n_doubtful(&tokens, n_used, broken);
            return Some(Stacked::Table { rows: all, n_above, n_used, n_doubtful });
        }
    }
    // The rows' labels printed as a column after the values (a stub word first, or not).
    if one_line_years.is_some() && years.len() == n_years {
        if let Some((rows, late_stub, last)) = labels_column_after(&body, n_years) {
            let stub = stub.clone().filter(|stub| !stub.is_empty()).or(late_stub).unwrap_or_default();
            let mut all = vec![header_row(stub, years)];
            all.extend(rows);
            return Some(Stacked::Table { rows: all, n_above: 0, n_used: last.idx + 1, n_doubtful: 0 });
        }
    }
    // The rows' labels printed as a column above a one-line header, the values after it.
    if one_line_years.is_some() && years.len() == n_years {
        if let Some((rows, n_above, stub_above, last)) = labels_column_above(above, &body, n_years) {
            let stub = stub.clone().filter(|stub| !stub.is_empty()).or(stub_above).unwrap_or_default();
            let mut all = vec![header_row(stub, years)];
            all.extend(rows);
            return Some(Stacked::Table { rows: all, n_above, n_used: last.idx + 1, n_doubtful: 0 });
        }
    }
    // A difference column (`②-①`) is a header cell, never the label of a row among the years.
    let formula = tokens.iter().any(|token| token.kind == Kind::Label && is_formula(token.text));
    if one_line_years.is_none() && !formula {
        if let Some((row, years, last, label_above)) = interleaved(&tokens, n_years, labels_above.label.as_deref(), first) {
            let (stub, n_above) = labels_above.stub_and_lines(label_above);
            return Some(Stacked::Table { rows: vec![header_row(stub, years), row], n_above, n_used: last + 1, n_doubtful: 0 });
        }
    }
    // A line of several values (`33.3 ▲23.8`) is as much the table's as a value.
    let several = |token: &&Token<'_>| values::split_values_all(token.text, is_value);
    let last_value = tokens.iter().rev().find(|token| token.kind == Kind::Value || several(token))?;
    Some(Stacked::Doubt { n_used: last_value.idx + 1 })
}

/// A cell of a table with a difference column, as `difference_table` reads it.
#[derive(Debug)]
struct Piece {
    kind: PieceKind,
    /// The text, a year cell wrapped at an open bracket joined back.
    text: String,
    line: u32,
    page: u32,
    /// Index in the offered lines of its last line.
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum PieceKind {
    Year,
    Formula,
    Value(f64),
    Label,
}

/// Rows at most in a table with a difference column.
const MAX_DIFFERENCE_ROWS: usize = 20;

/// A table whose last column is the difference of two numbered year columns
/// (`| 2019 年度 (R1) | 2024 年度① (R6) (現計画) | 2024 年度② (R6) (実績) | ②-①`), as
/// default-mode pdftotext prints the 里親 matrices: header cells, row labels and
/// values mixed (`2024 年度① (R6) (現計` / `画)` / `2019 年度 (R1)` / `代替養育を必要と
/// する子ども数①` / `7` / `里親を必要とする子ども数②` / … / `②-①` / `7` / `3` / `▲4` / …),
/// the header printed again after a page break or at the end. Read only when the
/// evidence proves the order:
///
/// - the values, in print order, cut into rows of one value per column, make every
///   row satisfy the difference (`3 - 7 = ▲4`) for exactly one of the two column
///   orders the header allows (as printed, or by year with the difference last);
/// - the rows' labels are numbered `①`…`ⓝ` without a gap (a label printed right
///   before a value must be printed before its own row's first value), or every
///   label is printed right before its row's values.
///
/// The page number and running title at a page break inside the table are
/// skipped. Anything else is None.
pub fn difference_table(above: &[Offered<'_>], from: &[Offered<'_>]) -> Option<Stacked> {
    let first = from.first()?;
    // Cheap test first (this is asked at every year header): the difference (`②-①`)
    // must be printed somewhere in the lines offered.
    if !from.iter().chain(above).any(Offered::difference_marks) {
        return None;
    }
    let mut pieces = difference_pieces(from);
    // A header with no difference printed after the caption: its other cells may have
    // come before the caption (and the note closing the table above).
    if !pieces.iter().any(|piece| piece.kind == PieceKind::Formula) {
        let early = header_before_caption(above);
        if early.is_empty() {
            return None;
        }
        pieces.splice(0..0, early);
    }
    // The header: its distinct cells, in the order first printed.
    let mut header: Vec<&Piece> = Vec::new();
    for piece in pieces.iter().filter(|piece| matches!(piece.kind, PieceKind::Year | PieceKind::Formula)) {
        if !header.iter().any(|seen| squeeze(&seen.text) == squeeze(&piece.text)) {
            header.push(piece);
        }
    }
    let formulas: Vec<&&Piece> = header.iter().filter(|piece| piece.kind == PieceKind::Formula).collect();
    let [formula] = formulas[..] else { return None };
    let (minuend, subtrahend) = difference_of(&formula.text)?;
    let years: Vec<(&Piece, i32, Option<char>)> = header
        .iter()
        .filter(|piece| piece.kind == PieceKind::Year)
        .map(|piece| Some((*piece, era::year_of(&piece.text)?, circled(&piece.text))))
        .collect::<Option<_>>()?;
    let numbered = |number: char| years.iter().filter(|(_, _, circled)| *circled == Some(number)).count();
    let n_plain = years.iter().filter(|(_, _, circled)| circled.is_none()).count();
    if numbered(minuend) != 1 || numbered(subtrahend) != 1 || n_plain > 1 || years.len() != 2 + n_plain {
        return None;
    }
    let n_columns = header.len();
    let values: Vec<(usize, f64)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(at, piece)| match piece.kind {
            PieceKind::Value(value) => Some((at, value)),
            _ => None,
        })
        .collect();
    let n_rows = values.len() / n_columns;
    if !values.len().is_multiple_of(n_columns) || !(1..=MAX_DIFFERENCE_ROWS).contains(&n_rows) {
        return None;
    }
    // The row of each label, by its number or by the values printed right after it.
    let labels: Vec<(usize, &Piece)> = pieces.iter().enumerate().filter(|(_, piece)| piece.kind == PieceKind::Label).collect();
    let first_value_of = |at: usize| values.iter().position(|(value_at, _)| *value_at == at);
    let mut row_labels: Vec<Option<&Piece>> = vec![None; n_rows];
    let all_numbered = labels.iter().all(|(_, piece)| row_number_of(&piece.text).is_some());
    for &(at, piece) in &labels {
        let next_value = pieces.get(at + 1).and_then(|_| first_value_of(at + 1));
        let row = match row_number_of(&piece.text) {
            Some(number) if all_numbered => number.checked_sub(1)?,
            // Unnumbered labels: each printed right before its row's values.
            _ => next_value? / n_columns,
        };
        // A label printed right before a value is printed before its own row's first value
        // (and right before it when the labels are not numbered).
        if next_value.is_some_and(|value_idx| value_idx > row * n_columns || !all_numbered && value_idx != row * n_columns) {
            return None;
        }
        if row >= n_rows || row_labels[row].replace(piece).is_some() {
            return None;
        }
    }
    let row_labels: Vec<&Piece> = row_labels.into_iter().collect::<Option<_>>()?;
    if labels.len() != n_rows
        || !labels.iter().any(|(at, _)| pieces.get(at + 1).is_some_and(|next| matches!(next.kind, PieceKind::Value(_))))
    {
        return None;
    }
    // The column orders the header allows: as first printed, and by year (`①` before `②`
    // in one year) with the difference last. Exactly one must check in every row.
    let printed: Vec<&Piece> = header.clone();
    let mut by_year: Vec<(&Piece, i32, Option<char>)> = years.clone();
    by_year.sort_by_key(|(_, year, circled)| (*year, circled.map_or(0, u32::from)));
    let by_year: Vec<&Piece> = by_year.into_iter().map(|(piece, _, _)| piece).chain(std::iter::once(*formula)).collect();
    let checks = |order: &[&Piece]| {
        let position = |number: char| order.iter().position(|piece| piece.kind == PieceKind::Year && circled(&piece.text) == Some(number));
        let (Some(minuend_at), Some(subtrahend_at), Some(difference_at)) =
            (position(minuend), position(subtrahend), order.iter().position(|piece| piece.kind == PieceKind::Formula))
        else {
            return false;
        };
        let rows: Vec<&[(usize, f64)]> = values.chunks(n_columns).collect();
        let n_informative = rows.iter().filter(|row| row[minuend_at].1 != row[subtrahend_at].1).count();
        n_informative >= rows.len().min(2)
            && rows.iter().all(|row| (row[minuend_at].1 - row[subtrahend_at].1 - row[difference_at].1).abs() < DIFFERENCE_TOLERANCE)
    };
    let same = |left: &[&Piece], right: &[&Piece]| left.iter().zip(right).all(|(left, right)| std::ptr::eq(*left, *right));
    let order = match (checks(&printed), checks(&by_year)) {
        (true, false) => printed,
        (false, true) => by_year,
        (true, true) if same(&printed, &by_year) => printed,
        _ => return None,
    };
    let mut rows = vec![RawRow::new(
        first.line,
        first.page,
        std::iter::once(String::new()).chain(order.iter().map(|piece| piece.text.clone())).collect(),
    )];
    for (label, row_values) in row_labels.iter().zip(values.chunks(n_columns)) {
        let mut cells = vec![label.text.clone()];
        cells.extend(row_values.iter().map(|(at, _)| pieces[*at].text.clone()));
        let mut cell_lines = vec![label.line];
        cell_lines.extend(row_values.iter().map(|(at, _)| pieces[*at].line));
        rows.push(RawRow { line: label.line, page: label.page, cells, cell_lines });
    }
    let n_used = pieces.last()?.end + 1;
    Some(Stacked::Table { rows, n_above: 0, n_used, n_doubtful: 0 })
}

/// The header cells printed right before a table's caption, and before the note
/// (`※…`) closing the table above it: default-mode pdftotext prints the later
/// cells of a 里親 matrix's header there (`2024 年度① (R6) (現計` / `画)` / `2024 年度②
/// (R6) (実` / `績)` / `②-①` / `※…` / `表〇〇 …` / `2019 年度 (R1)` / rows). Year cells
/// (wrapped at an open bracket or not) and differences, in print order; none when
/// the lines above end otherwise. `difference_table` takes them only when every
/// row's values then check the difference.
fn header_before_caption(above: &[Offered<'_>]) -> Vec<Piece> {
    let texts: Vec<(usize, &str)> =
        above.iter().enumerate().map(|(idx, offered)| (idx, normalize::trim(offered.text))).filter(|(_, text)| !text.is_empty()).collect();
    let mut at = texts.len();
    let before = |at: &mut usize| {
        *at = at.checked_sub(1)?;
        Some(texts[*at])
    };
    if !before(&mut at).is_some_and(|(_, text)| text.starts_with('表')) {
        return Vec::new();
    }
    let mut pieces = Vec::new();
    let mut end = at;
    if let Some((_, text)) = before(&mut end) {
        if !text.starts_with('※') {
            end = at;
        }
    }
    let mut at = end;
    while let Some((idx, text)) = before(&mut at) {
        let offered = &above[idx];
        let piece =
            |kind, text: String, line_idx: usize| Piece { kind, text, line: above[line_idx].line, page: above[line_idx].page, end: idx };
        if offered.difference_marks() && difference_of(text).is_some() {
            pieces.push(piece(PieceKind::Formula, text.to_string(), idx));
        } else if is_year_cell(text) || is_qualified_year_cell(text) {
            pieces.push(piece(PieceKind::Year, text.to_string(), idx));
        } else if let Some((opening_idx, opening)) =
            at.checked_sub(1).map(|prev| texts[prev]).filter(|(_, opening)| closes_wrapped_year(opening, text))
        {
            let cell = format!("{opening}{text}");
            if !(is_year_cell(&cell) || is_qualified_year_cell(&cell)) {
                break;
            }
            pieces.push(piece(PieceKind::Year, cell, opening_idx));
            at -= 1;
        } else {
            break;
        }
    }
    pieces.reverse();
    pieces
}

/// Longest word before a bracketed difference column's formula (`増減(①-②)`).
const MAX_DIFFERENCE_WORD_CHARS: usize = 4;

/// How far a printed difference may be from the one computed (decimals printed to 0.1).
const DIFFERENCE_TOLERANCE: f64 = 1e-6;

/// The text without its whitespace.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The circled number in a cell (`2024 年度① (R6)` → ①).
fn circled(text: &str) -> Option<char> {
    text.chars().find(|c| matches!(c, '①'..='⑳'))
}

/// `受託率④` → 4: a row label numbered by the circled number it ends in.
fn row_number_of(text: &str) -> Option<usize> {
    let last = normalize::trim(text).chars().last()?;
    (normalize::trim(text).chars().count() >= 2 && matches!(last, '①'..='⑳')).then(|| (last as usize) - ('①' as usize) + 1)
}

/// `②-①`, `増減(①-②)` → (②, ①), (①, ②).
fn difference_of(text: &str) -> Option<(char, char)> {
    let squeezed = squeeze(text);
    // A word before the bracketed difference (`増減`), at most a few characters.
    let inner = match squeezed.find('(') {
        Some(open) if squeezed.ends_with(')') && squeezed[..open].chars().count() <= MAX_DIFFERENCE_WORD_CHARS => {
            &squeezed[open + 1..squeezed.len() - 1]
        }
        _ => &squeezed,
    };
    let chars: Vec<char> = inner.chars().collect();
    match chars[..] {
        [minuend @ '①'..='⑳', '-', subtrahend @ '①'..='⑳'] if minuend != subtrahend => Some((minuend, subtrahend)),
        _ => None,
    }
}

/// True for the first line of a header that `difference_table` may read: a year
/// cell, with circled numbers and qualifiers or not, or the first piece of one
/// wrapped at an open bracket (`2024 年度① (R6) (現計`).
pub fn opens_difference_header(text: &str) -> bool {
    if !normalize::trim(text).starts_with(['1', '2', '令', '平', 'R', 'H']) {
        return false;
    }
    is_year_cell(text) || is_qualified_year_cell(text) || opens_wrapped_year(text)
}

/// True when `closing` ends the year cell that `opening` wrapped at an open bracket
/// (`2019 年度 (R` / `1)`).
pub fn closes_wrapped_year(opening: &str, closing: &str) -> bool {
    let closing = normalize::trim(closing);
    opens_wrapped_year(normalize::trim(opening)) && closing.chars().count() <= MAX_CLOSING_CHARS && closes_bracket(closing)
}

/// True for a year cell that names its column with a circled number (`令和11 年度①`,
/// `2019 年度① (R1)`), as a difference column's header cells do.
pub fn is_numbered_year_cell(text: &str) -> bool {
    // The first character first: `circled` reads the whole line (this is asked of most lines of text).
    normalize::trim(text).starts_with(['1', '2', '令', '平', 'R', 'H']) && circled(text).is_some() && is_qualified_year_cell(text)
}

/// True for the first piece of a year cell wrapped at an open bracket (`2019 年度 (R`,
/// `2024 年度① (R6) (現計`).
/// True for the rest of a year cell wrapped before its era (`度 (R1)`, `(R3)`).
pub fn ends_wrapped_year(text: &str) -> bool {
    let text = normalize::trim(text);
    let era = text.strip_prefix('度').map_or(text, normalize::trim);
    era.starts_with('(') && era.ends_with(')') && era.len() <= MAX_YEAR_CELL_BYTES && {
        let label = crate::era::year_label(era);
        label.western.is_none() && label.era.is_some()
    }
}

pub fn opens_wrapped_year(text: &str) -> bool {
    normalize::trim(text).starts_with(['1', '2']) && leaves_bracket_open(text) && year_cell_len(&squeeze(text)).is_some()
}

/// The cells from the header on, up to the first line that cannot be one: year cells
/// wrapped at an open bracket joined; the page number and running title at a page
/// break skipped; with labels numbered (`受託率④`), an unnumbered label ends the cells.
fn difference_pieces(from: &[Offered<'_>]) -> Vec<Piece> {
    // `difference_of` squeezes the text; only a line with its marks can be one.
    let is_difference = |offered: &Offered<'_>| offered.difference_marks() && difference_of(offered.text).is_some();
    let next_text = |idx: usize| (idx + 1..from.len()).find(|&next| !normalize::trim(from[next].text).is_empty());
    let mut pieces: Vec<Piece> = Vec::new();
    let mut idx = 0;
    let mut n_blank = 0;
    while idx < from.len() && pieces.len() < MAX_TOKENS {
        let offered = &from[idx];
        let text = normalize::trim(offered.text);
        if text.is_empty() {
            n_blank += 1;
            if n_blank > 2 {
                break;
            }
            idx += 1;
            continue;
        }
        n_blank = 0;
        // `- 33 -` inside the table, and the running title opening the next page.
        let page_number = text.starts_with('-') && {
            let core = text.trim_matches(|c: char| c == '-' || c == ' ');
            !core.is_empty() && core.len() <= 3 && core.bytes().all(|byte| byte.is_ascii_digit())
        };
        if page_number {
            match next_text(idx) {
                // The running title, when it comes first on the page (else it is a label
                // after the table's cells, and ends them).
                Some(title)
                    if from[title].page > offered.page
                        && from[title].kind() == Kind::Label
                        && row_number_of(from[title].text).is_none()
                        && !is_difference(&from[title]) =>
                {
                    idx = title + 1;
                    continue;
                }
                // Page furniture is never a cell, wherever pdftotext printed it.
                Some(next) => {
                    idx = next;
                    continue;
                }
                None => break,
            }
        }
        if !(offered.cellish || is_difference(offered)) || text.chars().count() > MAX_CELL_CHARS || text.contains('。') {
            break;
        }
        // A year cell wrapped at an open bracket: `2024 年度① (R6) (現計` / `画)`.
        if leaves_bracket_open(text) && year_cell_len(&squeeze(text)).is_some() {
            let Some(next) = next_text(idx) else { break };
            let closing = normalize::trim(from[next].text);
            let closes = closing.chars().count() <= MAX_CLOSING_CHARS && closes_bracket(closing);
            let cell = format!("{text}{closing}");
            if !closes || !(is_year_cell(&cell) || is_qualified_year_cell(&cell)) {
                break;
            }
            pieces.push(Piece { kind: PieceKind::Year, text: cell, line: offered.line, page: offered.page, end: next });
            idx = next + 1;
            continue;
        }
        let kind = if is_year_cell(text) || is_qualified_year_cell(text) {
            PieceKind::Year
        } else if is_difference(offered) {
            PieceKind::Formula
        } else if offered.kind() == Kind::Value {
            // Each value one number (`▲4`, `20.0%`): `40 (見込)` leaves the order unproven.
            match values::value(text) {
                Some(value) if !values::splits_into_values(text) => PieceKind::Value(value),
                _ => break,
            }
        } else {
            PieceKind::Label
        };
        pieces.push(Piece { kind, text: text.to_string(), line: offered.line, page: offered.page, end: idx });
        idx += 1;
    }
    // With numbered labels, the first unnumbered one (the text after the table) ends it;
    // without, the cells end at the last value.
    let numbered = pieces.iter().any(|piece| piece.kind == PieceKind::Label && row_number_of(&piece.text).is_some());
    let end = if numbered {
        pieces.iter().position(|piece| piece.kind == PieceKind::Label && row_number_of(&piece.text).is_none()).unwrap_or(pieces.len())
    } else {
        pieces.iter().rposition(|piece| matches!(piece.kind, PieceKind::Value(_))).map_or(0, |at| at + 1)
    };
    pieces.truncate(end);
    pieces
}

/// The national template's requirement table (策定要領): `評価資源 | 計画期間における必要量①
/// (R11年度末) | 現在の整備状況② (R6年度末) | 今後整備すべき見込み量 (①-②)`, whose header
/// raw pdftotext breaks into pieces in any order. The header is everything up to
/// the first row (a label and three values); the two years are the latest and
/// the earliest it names (① is the plan's end, ② now). `from[0]` holds
/// `計画期間における`.
pub fn requirement_table(above: &[Offered<'_>], from: &[Offered<'_>]) -> Option<Stacked> {
    const N_COLUMNS: usize = 3;
    let first = from.first()?;
    if !first.text.contains(REQUIREMENT_OPENER) {
        return None;
    }
    // Header pieces such as `① (R11 年度末)` also read as headings.
    let cellish = |offered: &Offered<'_>| offered.cellish || (offered.loose && is_requirement_header_piece(normalize::trim(offered.text)));
    // Made only as far as `tokens` can read: it stops at the first line after the first
    // that holds text and is no cell (or before), and looks at most two lines past where
    // it stops.
    let mut offered: Vec<Offered<'_>> = Vec::new();
    let mut end = from.len();
    for (idx, line) in from.iter().enumerate() {
        if idx >= end {
            break;
        }
        let cellish = cellish(line);
        if idx >= 1 && end == from.len() && !cellish && !normalize::trim(line.text).is_empty() {
            end = end.min(idx + 3);
        }
        offered.push(Offered { cellish, ..line.clone() });
    }
    // The three columns' words interleaved on one long line (`計画期間における必要量① (R 現在の
    // 整備状況 ② (R6 年度 4 今後整備すべき見込み量 (①11 年度 4 月)`): one header piece.
    let text = normalize::trim(first.text);
    let fused = text.chars().count() > MAX_CELL_CHARS
        && !text.contains('。')
        && REQUIREMENT_COLUMNS.iter().all(|opener| text.contains(opener))
        && first.cellish;
    let tokens = if fused {
        let mut tokens = tokens(&offered[1..], 1, 0);
        tokens.insert(0, Token { kind: Kind::Label, text, line: first.line, page: first.page, idx: 0 });
        tokens
    } else {
        tokens(&offered, 0, 0)
    };
    // (A piece that closes a bracket the header left open is the header's: `要量① (R11 年度` /
    // … / `末)`, the last line of a wrapped header cell.)
    let closes_header = |at: usize| {
        closes_bracket(tokens[at].text) && leaves_bracket_open(&tokens[..at].iter().map(|token| token.text).collect::<Vec<_>>().join(" "))
    };
    let row_start = (0..tokens.len()).find(|&at| {
        tokens[at].kind == Kind::Label
            && !is_requirement_header_piece(tokens[at].text)
            && tokens.get(at + 1).is_some_and(|token| token.kind == Kind::Value)
            && !closes_header(at)
    })?;
    let mut header: Vec<&str> = tokens[..row_start].iter().map(|token| token.text).collect();
    // A row label among the header's pieces means the labels came as a column: no reading.
    if !header.iter().all(|piece| is_requirement_header_piece(piece)) {
        return None;
    }
    let mut body: Vec<Token<'_>> = tokens[row_start..].to_vec();
    if !REQUIREMENT_COLUMNS.iter().all(|opener| header.join(" ").contains(opener)) {
        let (late, row) = late_header_pieces(&body)?;
        header.extend(late);
        body = row;
    }
    // The header must read as the template's: its three column openers, nothing else long.
    let header_text = header.join(" ");
    if !REQUIREMENT_COLUMNS.iter().all(|opener| header_text.contains(opener)) || header.len() > 10 {
        return None;
    }
    let (rows, used, _, broken) = by_rows(&body, N_COLUMNS, None, false)?;
    let mut years: Vec<u32> = Vec::new();
    let chars: Vec<char> = header_text.chars().collect();
    for (at, c) in chars.iter().enumerate() {
        if c.is_ascii_digit() && (at == 0 || !chars[at - 1].is_ascii_digit()) {
            let digits: String = chars[at..].iter().take_while(|c| c.is_ascii_digit()).collect();
            let after = chars[at + digits.len()..].iter().find(|c| **c != ' ');
            if after == Some(&'年') {
                years.extend(digits.parse::<u32>().ok().filter(|year| *year < 100));
            }
        }
    }
    let suffix = if header_text.contains("4 月") || header_text.contains("4月") {
        "年度4月"
    } else if header_text.contains("年度末") || header_text.contains("年度 末") {
        "年度末"
    } else {
        "年度"
    };
    let (latest, earliest) = (years.iter().max().copied(), years.iter().min().copied());
    let era = |year: Option<u32>| year.map_or(String::new(), |year| format!(" (R{year}{suffix})"));
    let labels = [
        format!("計画期間における必要量①{}", era(latest)),
        format!("現在の整備状況 ②{}", era(earliest.filter(|_| earliest != latest))),
        "今後整備すべき見込み量 (①-②)".to_string(),
    ];
    let labels_above = labels_above(above);
    let stub_in_header = header.contains(&REQUIREMENT_STUB);
    let (stub, n_above) = match labels_above.stub_alone.as_deref() {
        _ if stub_in_header => (REQUIREMENT_STUB.to_string(), 0),
        Some(stub) if stub == REQUIREMENT_STUB => (stub.to_string(), labels_above.n_stub_alone),
        _ => (String::new(), 0),
    };
    let mut all = vec![RawRow::new(first.line, first.page, std::iter::once(stub).chain(labels).collect())];
    all.extend(rows);
    let n_used = used.map_or(1, |token| token.idx + 1);
    Some(Stacked::Table { rows: all, n_above, n_used, n_doubtful: n_doubtful(&tokens, n_used, broken) })
}

/// A lone row of the requirement table with the last column's header printed among
/// its values (`児童福祉司 SV の配置` / `6` / `3` / `今後整備すべき 見込み量` / `(①-②)` / `3`):
/// the header pieces and the row (a label and three values) apart. Only when the row
/// is all that follows and its last value is the first less the second (`6 - 3 = 3`).
#[allow(clippy::type_complexity)]
fn late_header_pieces<'a>(body: &[Token<'a>]) -> Option<(Vec<&'a str>, Vec<Token<'a>>)> {
    let (late, row): (Vec<Token<'a>>, Vec<Token<'a>>) =
        body.iter().partition(|token| token.kind == Kind::Label && is_requirement_header_piece(token.text));
    let [label, needed, now, more] = row[..] else { return None };
    if label.kind != Kind::Label || late.is_empty() || late.iter().any(|piece| piece.idx < needed.idx || piece.idx > more.idx) {
        return None;
    }
    let value = |token: Token<'_>| if token.kind == Kind::Value { values::value(token.text) } else { None };
    let (needed, now, more) = (value(needed)?, value(now)?, value(more)?);
    ((needed - now - more).abs() < DIFFERENCE_TOLERANCE).then(|| (late.iter().map(|token| token.text).collect(), row))
}

/// The first words of the requirement table's header.
pub const REQUIREMENT_OPENER: &str = "計画期間における";
const REQUIREMENT_COLUMNS: [&str; 3] = ["計画期間における", "現在の整備状況", "今後整備すべき"];
const REQUIREMENT_STUB: &str = "評価資源";

/// True for a piece of the requirement table's header: its words, the years and
/// the `(①-②)` note, wherever raw pdftotext cut them.
fn is_requirement_header_piece(text: &str) -> bool {
    // (Its ends first: counting the characters read the whole of every long line.)
    let era_piece = (text.starts_with("(R") || text.ends_with("月)") || text.ends_with("年度末)")) && text.chars().count() <= 16;
    // (The words searched for are 12 bytes or more: shorter pieces are not searched four times.)
    let may_name_column = text.len() >= "見込み量".len();
    text == REQUIREMENT_STUB
        // (Each word's first character first: most pieces hold none of them.)
        || may_name_column
            && (REQUIREMENT_COLUMNS.iter().any(|opener| opener.chars().next().is_some_and(|c| normalize::has_char(text, c)) && text.contains(opener))
                || normalize::has_char(text, '見') && text.contains("見込み量"))
        || ((normalize::has_char(text, '①') || normalize::has_char(text, '②'))
            && !text.starts_with(['③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩']))
        || era_piece
        || text == "(①-②)"
}

/// The cells from the header on, up to the first line that cannot be a cell.
/// `offset` is added to indices; `n_years` is the header's width when it is
/// already known (a one-line header).
fn tokens<'a>(lines: &[Offered<'a>], offset: usize, n_years: usize) -> Vec<Token<'a>> {
    let mut tokens = Vec::new();
    let mut n_blank = 0;
    let (mut n_years_seen, mut n_values) = (n_years, 0);
    for (idx, offered) in lines.iter().enumerate() {
        let text = normalize::trim(offered.text);
        // Page furniture among the header's cells (`2026 年度` / `-8-` / `2027 年度`, a page break
        // inside the header): no cell, and no end of the table (whose lines it is among, as a table's
        // furniture after a page break is).
        if offered.furniture && n_values == 0 && tokens.last().is_some_and(|token: &Token<'_>| token.kind == Kind::Year) {
            // (Only when the header goes on after it: a line joined into a cell above, or the
            // next year's cell. Not a header printed again after a page break, `2025 年度` after
            // `2029 年度 (R11)`: that is another reading's.)
            let last_year = tokens.last().and_then(|token| era::year_of(token.text));
            let next = lines[idx + 1..].iter().find(|next| next.joined || (!next.furniture && !normalize::trim(next.text).is_empty()));
            let goes_on = next.is_some_and(|next| {
                next.joined || last_year.is_some_and(|year| era::year_of(normalize::trim(next.text)) == Some(year + 1))
            });
            if goes_on {
                continue;
            }
        }
        if text.is_empty() {
            // A line joined into a cell above was a cell's line: the blank lines around it
            // part cells (`2025 年度` / … / `(R7)` / `` / `(R8)`), they do not end the table.
            if offered.joined {
                n_blank = 0;
                continue;
            }
            n_blank += 1;
            if n_blank > 2 {
                break;
            }
            continue;
        }
        n_blank = 0;
        if !offered.cellish || text.chars().count() > MAX_CELL_CHARS || normalize::has_char(text, '。') || tokens.len() >= MAX_TOKENS {
            break;
        }
        let mut kind = offered.kind();
        // Two values on one line (`48.6% 50.6%`, the last two cells of a row side by side):
        // not when a value holds two value words (`40 (見込)` may be one cell or two).
        if kind == Kind::Label && text.contains(' ') && every_word_a_value(text) {
            kind = Kind::Value;
        }
        // A label wrapped after a count (`18 歳到` / `達`): a cell of its own between blank lines
        // whose second line is a piece of one or two characters that makes it no value.
        if kind == Kind::Value && wraps_into_label(lines, idx) {
            kind = Kind::Label;
        }
        // Among the header's cells one per line, a line of several (`2027 年度 (R9) 2028 年度
        // (R10) 2029 年度 (R11)`): each a year cell of its own.
        if kind == Kind::Label && n_values == 0 && n_years_seen > 0 {
            if let Some(("", cells)) = year_cells(text).filter(|(_, cells)| cells.len() >= 2) {
                for cell in cells {
                    n_years_seen += 1;
                    tokens.push(Token { kind: Kind::Year, text: cell, line: offered.line, page: offered.page, idx: idx + offset });
                }
                continue;
            }
        }
        // A year cell wrapped before its era (`2020 年度` / `(R2)`, a browser's PDF): the era
        // is the same year's, not a column of its own (it is left out of the label).
        if kind == Kind::Year && text.starts_with('(') && n_values == 0 {
            let year = crate::era::year_label(text);
            let previous = tokens.last().filter(|token: &&Token<'_>| token.kind == Kind::Year && !token.text.contains('('));
            if year.western.is_none() && previous.is_some_and(|token| crate::era::year_of(token.text) == year.era) {
                continue;
            }
        }
        match kind {
            // A year after a value for each year so far starts another table.
            Kind::Year if n_values >= n_years_seen && n_years_seen > 0 && (n_years > 0 || n_values > 0) => break,
            Kind::Year => n_years_seen += 1,
            Kind::Value => n_values += 1,
            // A row whole on its line (`登録里親数③ 4 8 4 ▲4`) holds values too.
            Kind::Label => n_values += n_trailing_values(text),
        }
        tokens.push(Token { kind, text, line: offered.line, page: offered.page, idx: idx + offset });
    }
    tokens
}

/// True when the value at `lines[idx]` and the short piece on the next line make
/// one label wrapped over two lines (`18 歳到` / `達`): the two lines are a cell of
/// their own, with a blank line (or nothing) before and after them, or, with no
/// blank lines, a line that is no value before them and a value after; and joined
/// they read as no value (`18 歳到達`: a unit too long to be one).
fn wraps_into_label(lines: &[Offered<'_>], idx: usize) -> bool {
    let blank = |at: usize| lines.get(at).is_none_or(|offered| normalize::trim(offered.text).is_empty());
    let Some(piece) = lines.get(idx + 1).map(|offered| normalize::trim(offered.text)) else { return false };
    // With no blank lines (PyMuPDF): after a line that is no value, and before one that is.
    let value_at = |at: usize| lines.get(at).is_some_and(|offered| offered.kind() == Kind::Value);
    let alone = (idx == 0 || blank(idx - 1)) && blank(idx + 2);
    let between = idx > 0 && !blank(idx - 1) && !value_at(idx - 1) && value_at(idx + 2);
    (alone || between)
        && (1..=2).contains(&piece.chars().count())
        && kind_of(piece) == Kind::Label
        && kind_of(&join(normalize::trim(lines[idx].text), piece)) == Kind::Label
}

/// Short lines right above a header: a stub word (`年度`, `評価指標`) and/or a
/// row label (`児童相談所の管轄人口`, `設置` / `数`).
#[derive(Debug, Default)]
struct Above {
    /// The label (joined), when there is one.
    label: Option<String>,
    /// The stub word above the label, if any.
    stub: Option<String>,
    /// Lines used by label and stub together.
    n_lines: usize,
    /// Lines used by the label alone.
    n_label_lines: usize,
    /// A stub word right above the header (with no label between).
    stub_alone: Option<String>,
    n_stub_alone: usize,
}

impl Above {
    /// The stub for the header and the lines above it taken: with the label when
    /// the table used it, else only a stub word right above the header.
    fn stub_and_lines(&self, label_used: bool) -> (String, usize) {
        if label_used {
            (self.stub.clone().unwrap_or_default(), self.n_lines)
        } else {
            (self.stub_alone.clone().unwrap_or_default(), self.n_stub_alone)
        }
    }
}

/// Lines after the `n_used` read that still hold values of the table (a `broken`
/// run): the rest kept as fragments.
fn n_doubtful(tokens: &[Token<'_>], n_used: usize, broken: bool) -> usize {
    match tokens.iter().rev().find(|token| token.kind == Kind::Value) {
        Some(last_value) if broken => (last_value.idx + 1).saturating_sub(n_used),
        _ => 0,
    }
}

fn labels_above(above: &[Offered<'_>]) -> Above {
    // (text, lines from the header up to and including it), nearest first.
    let mut texts: Vec<(&str, usize)> = Vec::new();
    for (distance, offered) in above.iter().rev().enumerate() {
        let text = normalize::trim(offered.text);
        if text.is_empty() {
            if distance > 3 {
                break;
            }
            continue;
        }
        if !offered.cellish || text.chars().count() > MAX_ABOVE_CHARS || text.contains('。') || offered.kind() != Kind::Label {
            break;
        }
        texts.push((text, distance + 1));
        if texts.len() == 3 || STUB_WORDS.contains(&text) {
            break;
        }
    }
    let mut result = Above::default();
    let n_pieces = texts.iter().take_while(|(text, _)| !STUB_WORDS.contains(text)).count();
    if n_pieces == 0 {
        if let Some(&(stub, n_lines)) = texts.first() {
            result.stub_alone = Some(stub.to_string());
            result.n_stub_alone = n_lines;
        }
    } else if n_pieces == 1 || (n_pieces == 2 && is_wrapped(texts[1].0, texts[0].0)) {
        result.label = Some(texts[..n_pieces].iter().rev().fold(String::new(), |acc, (piece, _)| join(&acc, piece)));
        result.n_label_lines = texts[n_pieces - 1].1;
        result.n_lines = result.n_label_lines;
        if let Some(&(stub, n_lines)) = texts.get(n_pieces) {
            result.stub = Some(stub.to_string());
            result.n_lines = n_lines;
        }
    }
    result
}

/// True for a line that reads as a whole row label, not a wrapped piece of one: more than
/// two characters, no sentence, no bracket left open, no particle at its end (`…子どもの`),
/// no stub word and no year.
fn is_whole_label(text: &str) -> bool {
    let n_chars = text.chars().count();
    n_chars > 2
        && n_chars <= MAX_ABOVE_CHARS
        && !text.contains('。')
        && !leaves_bracket_open(text)
        && !text.ends_with(LABEL_CUT_PARTICLES)
        && !STUB_WORDS.contains(&text)
        && era::year_of(text).is_none()
}

/// `※1`: a footnote mark with its number (`blocks::is_footnote_mark`, not `※` alone).
fn is_numbered_mark(text: &str) -> bool {
    text != "※" && crate::blocks::is_footnote_mark(text)
}

/// Particles a label cut in two ends with (`利用した子どもの` / `数②`).
const LABEL_CUT_PARTICLES: [char; 7] = ['の', 'を', 'に', 'と', 'へ', 'は', 'が'];

/// Marks that open a line that is no row label (a note, a bullet, a caption, an arrow):
/// such a line over a column of labels shows where the column starts.
const NO_LABEL_MARKS: [char; 10] = ['«', '【', '○', '●', '◎', '・', '※', '<', '表', '⇒'];

/// A table printed column by column: the stub and the rows' labels as a column above the
/// first year cell, then each year cell followed by its column's values (`年度` / `妊娠届出数`
/// / … / `要支援妊婦数` / `2020 年度 (R2)` / `2,646` / … / `387` / `2021 年度 (R3)` / …;
/// default `pdftotext` of a table in IPAex fonts). Read only when every year cell is followed
/// by exactly as many values as there are labels, a line each, the years run on one by one,
/// and the labels are whole (`labels_column_above`'s test) with a stub word or no label
/// over them.
fn column_blocks(above: &[Offered<'_>], from: &[Offered<'_>]) -> Option<Stacked> {
    let non_blank =
        || from.iter().enumerate().map(|(idx, offered)| (idx, normalize::trim(offered.text))).filter(|(_, text)| !text.is_empty());
    let is_year = |text: &str| {
        is_year_cell(text) && {
            let label = era::year_label(text);
            label.year.is_some() && !label.two_years
        }
    };
    // Cheap test first: a year cell, then a value (read before the lines are gathered:
    // this is asked at every year header, of up to `MAX_LINES_OFFERED` lines).
    let mut leading = non_blank();
    if !leading.next().is_some_and(|(_, text)| is_year(text))
        || !leading.next().is_some_and(|(_, text)| is_value(text) && value_width(text) == 1)
    {
        return None;
    }
    // The non-blank lines, read only as far as they are looked at (as `late_years` reads
    // them): the offered lines run on for `MAX_LINES_OFFERED`, and gathering them all, at
    // every header that passed the test above, was most of this reader.
    let mut rest = non_blank();
    let mut texts: Vec<(usize, &str)> = Vec::new();
    let mut read_to = |texts: &mut Vec<_>, len: usize| {
        while texts.len() < len {
            let Some(next) = rest.next() else { break };
            texts.push(next);
        }
    };
    let is_row_value = |text: &str| is_value(text) && !is_year_cell(text) && value_width(text) == 1;
    // The values under the first year cell.
    let mut n_rows = 0;
    loop {
        read_to(&mut texts, 2 + n_rows);
        match texts.get(1 + n_rows) {
            Some((_, text)) if is_row_value(text) => n_rows += 1,
            _ => break,
        }
    }
    let mut columns: Vec<(String, Vec<(usize, &str)>)> = Vec::new();
    let mut at = 0;
    loop {
        read_to(&mut texts, at + 1 + n_rows);
        let Some(&(_, year)) = texts.get(at).filter(|(_, text)| is_year(text)) else { break };
        let values = texts.get(at + 1..at + 1 + n_rows)?;
        if !values.iter().all(|(_, text)| is_row_value(text)) {
            return None;
        }
        // The years run on one by one.
        let previous = columns.last().and_then(|(previous, _)| era::year_of(previous));
        if previous.is_some_and(|previous| era::year_of(year) != Some(previous + 1)) {
            return None;
        }
        columns.push((year.to_string(), values.to_vec()));
        at += 1 + n_rows;
    }
    // Nothing after the last column that is a value of the table.
    if columns.len() < MIN_YEARS || texts.get(at).is_some_and(|(_, text)| is_value(text)) {
        return None;
    }
    // The labels, nearest first, after at most one blank line; then the stub or no label.
    let mut lines = above.iter().rev().enumerate().filter(|(_, offered)| !normalize::trim(offered.text).is_empty());
    let labels: Vec<(usize, &Offered<'_>)> = lines.by_ref().take(n_rows).collect();
    let whole = |offered: &Offered<'_>| offered.cellish && offered.kind() == Kind::Label && is_whole_label(normalize::trim(offered.text));
    // (No blank line among the labels: they are one column.)
    let contiguous = labels.windows(2).all(|pair| pair[1].0 == pair[0].0 + 1) && labels.first().is_some_and(|(distance, _)| *distance <= 1);
    if labels.len() != n_rows || !contiguous || !labels.iter().all(|(_, offered)| whole(offered)) {
        return None;
    }
    let over = lines.next();
    let stub = over.map(|(_, offered)| normalize::trim(offered.text)).filter(|text| STUB_WORDS.contains(text));
    let no_label = over.is_none_or(|(distance, offered)| {
        let text = normalize::trim(offered.text);
        stub.is_some()
            || distance > labels.last().map_or(0, |(last, _)| last + 1)
            || !offered.cellish
            || text.contains('。')
            || text.starts_with(NO_LABEL_MARKS)
    });
    if !no_label {
        return None;
    }
    let n_above = match (stub, over) {
        (Some(_), Some((distance, _))) => distance + 1,
        _ => labels.last().map(|(distance, _)| distance + 1)?,
    };
    let first = from.first()?;
    let mut rows = vec![RawRow::new(
        first.line,
        first.page,
        std::iter::once(stub.unwrap_or_default().to_string()).chain(columns.iter().map(|(year, _)| year.clone())).collect(),
    )];
    for (r, (_, label)) in labels.iter().rev().enumerate() {
        let mut cells = vec![normalize::trim(label.text).to_string()];
        let mut cell_lines = vec![label.line];
        for (_, values) in &columns {
            let (idx, text) = values[r];
            cells.push(text.to_string());
            cell_lines.push(from[idx].line);
        }
        rows.push(RawRow { line: label.line, page: label.page, cells, cell_lines });
    }
    let n_used = texts.get(at.checked_sub(1)?).map(|(idx, _)| idx + 1)?;
    Some(Stacked::Table { rows, n_above, n_used, n_doubtful: 0 })
}

/// The eras of a one-line header's year cells, a line each under it (`2020 年度 2021 年度 …` /
/// `(R2)` / `(R3)` / …; default `pdftotext` of a table with a wide label column): each names
/// its cell's year, and every cell ends in `年度`. Returns the ends (` (R2)`) and the lines
/// they took.
fn eras_a_line_each(years: &[String], after: &[Offered<'_>]) -> Option<(Vec<String>, usize)> {
    if after.len() < years.len() || !years.iter().all(|year| year.ends_with("年度")) {
        return None;
    }
    let mut ends = Vec::with_capacity(years.len());
    for (year, offered) in years.iter().zip(after) {
        let era = normalize::trim(offered.text);
        let label = era::year_label(era);
        if !(era.starts_with('(') && era.ends_with(')'))
            || label.western.is_some()
            || label.era.is_none()
            || label.era != era::year_label(year).western
        {
            return None;
        }
        ends.push(format!(" {era}"));
    }
    Some((ends, years.len()))
}

/// Rows whose labels are printed as a column after all the values, a stub word first or not
/// (`2,646` / … / `365` / `年度` / `妊娠届出数` / … / `要支援妊婦数`; default `pdftotext` of a
/// table with a wide label column). Read only when the values are exactly a row's worth per
/// label, one value a line, the labels whole, nothing after them, and the values' order
/// proven as `by_rows` proves it. Returns the rows, the stub and the last token used.
fn labels_column_after<'a>(body: &[Token<'a>], n_years: usize) -> Option<(Vec<RawRow>, Option<String>, Token<'a>)> {
    let n_values = body.iter().take_while(|token| token.kind == Kind::Value).count();
    if body[..n_values].iter().any(|token| value_width(token.text) != 1) || n_values < 2 * n_years || n_values % n_years != 0 {
        return None;
    }
    let n_rows = n_values / n_years;
    let rest = &body[n_values..];
    let (stub, labels) = match rest.first() {
        Some(first) if STUB_WORDS.contains(&first.text) => (Some(first.text.to_string()), &rest[1..]),
        _ => (None, rest),
    };
    let whole = |token: &Token<'_>| token.kind == Kind::Label && is_whole_label(token.text);
    if labels.len() != n_rows || !labels.iter().all(whole) {
        return None;
    }
    let tokens: Vec<Token<'a>> = labels.iter().chain(&body[..n_values]).copied().collect();
    let (rows, _, _, broken) = by_rows(&tokens, n_years, None, false)?;
    (!broken && rows.len() == n_rows).then(|| (rows, stub, *labels.last().unwrap_or(&body[n_values - 1])))
}

/// Rows whose labels are printed as a column above a one-line header, a line each, and
/// whose values follow the header, a line each (`利用可能な子どもの人数 ①` / `利用した子ども
/// の数 ②` / `全体からの割合 ②/①` / `2025 年度 (R7) … 2029 年度 (R11)` / `71` / `71` / …;
/// default `pdftotext` of a table in IPAex fonts). Read only when the values are exactly a
/// row's worth per label, every label is one line that reads as a whole label (no wrapped
/// piece: not two characters or fewer, no bracket left open, no particle at its end), the line
/// above the labels can be no label (blank, a sentence, a note or a marked line; a stub word
/// there is the header's), and the values' order (row by row, or column by column) is proven as `by_rows` proves it.
/// Returns the rows, the lines above the header taken, the stub, and the last value.
fn labels_column_above<'a>(
    above: &[Offered<'a>],
    body: &[Token<'a>],
    n_years: usize,
) -> Option<(Vec<RawRow>, usize, Option<String>, Token<'a>)> {
    let n_values = body.iter().take_while(|token| token.kind == Kind::Value).count();
    if body[..n_values].iter().any(|token| value_width(token.text) != 1) || n_values < 2 * n_years || n_values % n_years != 0 {
        return None;
    }
    let n_rows = n_values / n_years;
    // The label lines, nearest first, after at most one blank line under them.
    let mut lines =
        above.iter().rev().enumerate().skip_while(|(distance, offered)| *distance == 0 && normalize::trim(offered.text).is_empty());
    let labels: Vec<(usize, &Offered<'_>)> = lines.by_ref().take(n_rows).collect();
    let whole_label =
        |offered: &Offered<'_>| offered.cellish && offered.kind() == Kind::Label && is_whole_label(normalize::trim(offered.text));
    if labels.len() != n_rows || !labels.iter().all(|(_, offered)| whole_label(offered)) {
        return None;
    }
    let over = lines.next().map(|(distance, offered)| (distance, normalize::trim(offered.text)));
    // A stub word over the labels (`年度`) is the header's.
    let stub = over.filter(|(_, text)| STUB_WORDS.contains(text));
    let no_label =
        stub.is_some() || over.is_none_or(|(_, text)| text.is_empty() || text.contains('。') || text.starts_with(NO_LABEL_MARKS));
    if !no_label {
        return None;
    }
    let n_above = match stub {
        Some((distance, _)) => distance + 1,
        None => labels.last().map(|(distance, _)| distance + 1)?,
    };
    let tokens: Vec<Token<'a>> = labels
        .iter()
        .rev()
        .map(|(_, offered)| Token {
            kind: Kind::Label,
            text: normalize::trim(offered.text),
            line: offered.line,
            page: offered.page,
            idx: 0,
        })
        .chain(body[..n_values].iter().copied())
        .collect();
    let (rows, last, _, broken) = by_rows(&tokens, n_years, None, false)?;
    (!broken && rows.len() == n_rows).then_some((rows, n_above, stub.map(|(_, stub)| stub.to_string()), last?))
}

/// A run of label lines or a row's worth of values, in printed order.
#[derive(Debug, Clone)]
enum Item<'t, 'a> {
    Labels(&'t [Token<'a>]),
    Values(&'t [Token<'a>]),
}

impl<'t, 'a> Item<'t, 'a> {
    fn tokens(&self) -> &'t [Token<'a>] {
        match self {
            Item::Labels(tokens) | Item::Values(tokens) => tokens,
        }
    }
}

/// Label lines in a run, at most (a label wrapped over two lines, or the
/// labels of a column printed together).
const MAX_LABEL_RUN: usize = 12;

/// True when single characters on lines of their own, among the lines just
/// above and the table's labels, spell a stub word in order (`年` … `度`), or
/// two follow one another just above the header (`度` / `績`): a letter-spaced `年　度` / `実　績` that the
/// PDF tool cut into characters and scattered among the cells. Which row each
/// character belongs to is not known.
fn letter_spaced(above: &[Offered<'_>], tokens: &[Token<'_>]) -> bool {
    let single = |text: &str| {
        let mut chars = normalize::trim(text).chars();
        chars.next().filter(|c| !c.is_ascii() && chars.next().is_none())
    };
    let nearby: Vec<Option<char>> =
        above.iter().rev().take(8).rev().map(|offered| offered.text).filter(|text| !normalize::trim(text).is_empty()).map(single).collect();
    let labels = tokens.iter().filter(|token| token.kind == Kind::Label).map(|token| single(token.text));
    let singles: Vec<char> = nearby.iter().copied().chain(labels).flatten().collect();
    // Two in a row right above the header (a wrapped label ends in one at most).
    let in_a_row = nearby.windows(2).any(|pair| pair[0].is_some() && pair[1].is_some());
    in_a_row
        || singles.iter().enumerate().any(|(idx, &first)| {
            singles[idx + 1..].iter().any(|&second| {
                let mut word = String::with_capacity(8);
                word.push(first);
                word.push(second);
                STUB_WORDS.contains(&word.as_str())
            })
        })
}

/// True when `second` continues `first` (a label wrapped over two lines): a
/// bracket left open, or a piece of one or two characters (`設置` / `数`).
/// Two whole words (`兵庫県` / `明石市`) are two labels.
fn is_wrapped(first: &str, second: &str) -> bool {
    leaves_bracket_open(first) || second.chars().count() <= 2 || first.chars().count() <= 2
}

/// True when `second` goes on the label `first` starts: wrapped (`is_wrapped`), or plainly
/// finishing it (`continues_label`: `こども家庭ソーシャ` / `ルワーカー養成研修`).
fn label_goes_on(first: &str, second: &str) -> bool {
    is_wrapped(first, second) || crate::columns::continues_label(first, second)
}

/// True when `piece`, printed after the next row's values, is the rest of `label`: it plainly
/// finishes it (`continues_label`), or it is one or two characters, too short for a label
/// of its own (`修`).
fn finishes_label_above(label: &str, piece: &str) -> bool {
    (crate::columns::continues_label(label, piece) || piece.chars().count() <= 2) && crate::columns::ends_label_below(piece)
}

/// True when `text` closes a bracket it did not open (`画)`, `4月)`): the rest of a
/// cell wrapped at an open bracket.
pub fn closes_bracket(text: &str) -> bool {
    text.find(')').is_some_and(|at| !text[..at].contains('('))
}

/// True for a piece that is one bracket, opened and closed (`(前年度からの増減)`, `(延べ人 数)`).
pub fn is_whole_bracket(text: &str) -> bool {
    text.starts_with('(') && text.ends_with(')') && !leaves_bracket_open(text)
}

/// True when `text` opens more brackets than it closes (`年度ごとの整備目標 (前年度か`):
/// a label wrapped at that point continues on the next line.
pub fn leaves_bracket_open(text: &str) -> bool {
    // On the bytes: `(` and `)` are one byte, `（）「」` three, led by 0xEF or 0xE3.
    let bytes = text.as_bytes();
    let mut depth = 0isize;
    for (idx, &byte) in bytes.iter().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => depth -= 1,
            0xE3 | 0xEF => {
                let rest = &bytes[idx..];
                if rest.starts_with("（".as_bytes()) || rest.starts_with("「".as_bytes()) {
                    depth += 1;
                } else if rest.starts_with("）".as_bytes()) || rest.starts_with("」".as_bytes()) {
                    depth -= 1;
                }
            }
            _ => {}
        }
    }
    depth > 0
}

/// Rows read row by row. Each row's label is printed before its values, except:
/// the first row's label may come after the last row (`V L V L V L₁`); the last
/// row's may come after its values (`L V L V V L₃`); all labels may come first
/// (`L₁ L₂ V V`, a label wrapped at an open bracket joined back); a lone row's
/// label may be above the header. `top_aligned` (Word's cells aligned to the top of their
/// rows): a label's first line comes before the row's values and its rest after them, so of
/// the pieces between two rows' values all but the last are the row above's. Returns the rows,
/// the last token used and whether the label above was used.
#[allow(clippy::type_complexity)]
fn by_rows<'a>(
    body: &[Token<'a>],
    n_columns: usize,
    label_above: Option<&str>,
    top_aligned: bool,
) -> Option<(Vec<RawRow>, Option<Token<'a>>, bool, bool)> {
    // A row printed whole on its line among rows printed a line per piece (`登録里親数③ 13 22 7
    // ▲15` after `代替養育を必要とする子` / `ども数①` / `20 20 5 ▲15`, a browser's PDF): its
    // label and its values, two tokens of the one line.
    let split: Vec<Token<'a>>;
    let body = if body.iter().any(|token| token.kind == Kind::Label && labelled_row(token.text, n_columns).is_some()) {
        split = body
            .iter()
            .flat_map(|token| match labelled_row(token.text, n_columns).filter(|_| token.kind == Kind::Label) {
                Some((label, values)) => {
                    vec![Token { text: label, ..*token }, Token { kind: Kind::Value, text: values, ..*token }]
                }
                None => vec![*token],
            })
            .collect();
        &split[..]
    } else {
        body
    };
    // Items up to the first line that is neither; a run of values must fill whole rows:
    // from a run that does not, the rest is `broken` (read no further, kept as fragments).
    let mut items: Vec<Item<'_, 'a>> = Vec::new();
    let mut broken = false;
    let mut at = 0;
    while at < body.len() {
        let kind = body[at].kind;
        let run = body[at..].iter().take_while(|token| token.kind == kind).count();
        match kind {
            Kind::Year => break,
            Kind::Label if run > MAX_LABEL_RUN => break,
            Kind::Label => items.push(Item::Labels(&body[at..at + run])),
            Kind::Value if run % n_columns == 0 => items.extend(body[at..at + run].chunks(n_columns).map(Item::Values)),
            Kind::Value => match merged_rows(&body[at..at + run], n_columns) {
                Some(rows) => items.extend(rows.into_iter().map(Item::Values)),
                None => {
                    broken = true;
                    break;
                }
            },
        }
        at += run;
    }
    let n_groups = items.iter().rposition(|item| matches!(item, Item::Values(_)))? + 1;
    // A label is one line, or two when wrapped; longer runs only as a column of labels (below).
    // After the last row only the first label is the table's (two lines when wrapped).
    // (A stub word there, `年度` / `利用者数`, is the header's printed last, no label's piece.)
    let trailing = match items.get(n_groups) {
        Some(Item::Labels(labels)) if !broken => match labels {
            [stub, label, ..] if STUB_WORDS.contains(&stub.text) && !STUB_WORDS.contains(&label.text) => Some(&labels[1..2]),
            [first, second, ..] if label_goes_on(first.text, second.text) => Some(&labels[..2]),
            _ => Some(&labels[..1]),
        },
        _ => None,
    };
    let short_runs = items[..n_groups].iter().all(|item| matches!(item, Item::Values(_)) || item.tokens().len() <= 2);
    // Two labels right before two rows' worth of values may be two labels of a column
    // (pdfminer), not one label wrapped: then the last row's label cannot be the one after.
    let last_label_one = n_groups < 3
        || match &items[n_groups - 3] {
            Item::Labels([_]) => true,
            Item::Labels([first, second]) => is_wrapped(first.text, second.text),
            _ => false,
        };
    let shape: String = items[..n_groups].iter().map(|item| if matches!(item, Item::Labels(_)) { 'L' } else { 'V' }).collect();
    let joined = |labels: &[Token<'_>]| labels.iter().fold(String::new(), |acc, token| join(&acc, token.text));
    let row = |label: String, values: &[Token<'_>], anchor: &Token<'_>| {
        let mut cells = vec![label];
        // A row short of values holds a line of two: a status glued on is set apart by a
        // space, as `tables` splits the cells of such a row (`33 人(見込)` → `33 人 (見込)`).
        let short = values.len() < n_columns;
        cells.extend(values.iter().map(|token| match glued_status(token.text) {
            Some((value, status)) if short && !values::splits_into_values(token.text) => format!("{value} {status}"),
            _ => token.text.to_string(),
        }));
        let mut cell_lines = vec![anchor.line];
        cell_lines.extend(values.iter().map(|token| token.line));
        RawRow { line: anchor.line, page: anchor.page, cells, cell_lines }
    };
    let mut rows: Vec<RawRow> = Vec::new();
    let mut last = items[n_groups - 1].tokens().last().copied();
    let mut label_above_used = false;
    let pairs = shape.len().is_multiple_of(2) && shape.as_bytes().chunks(2).all(|pair| pair == b"LV");
    if pairs && short_runs {
        // L V L V …
        // Labels wrapped around their values, top-aligned (`利用可能な子ども` / `71` … / `の人数 ①`
        // `利用した子どもの` / `15` … / `数②` `全体からの割合` / …, a browser's PDF): between two
        // rows' values, the first piece finishes the row above and the second starts the next.
        // Taken only when every run between values is such a pair and the first label one piece.
        let finishes = |label: &str, piece: &str| crate::columns::continues_label(label, piece) || label.ends_with(LABEL_CUT_PARTICLES);
        let runs: Vec<&[Token<'_>]> = items[..n_groups].iter().step_by(2).map(Item::tokens).collect();
        let split = runs.len() >= 2 && runs[0].len() == 1 && {
            let mut label = runs[0][0].text.to_string();
            runs[1..].iter().all(|run| {
                let fits = run.len() == 2 && finishes(&label, run[0].text) && crate::columns::ends_label_below(run[0].text);
                label = run.last().map_or(String::new(), |token| token.text.to_string());
                fits
            })
        };
        for (k, pair) in items[..n_groups].chunks(2).enumerate() {
            let labels = pair[0].tokens();
            // (A footnote mark first, `※1` / `児童心理司の配置数`, is the row above's.)
            let mark_first = labels.len() == 2 && is_numbered_mark(labels[0].text);
            let n_rest = if top_aligned && labels.len() >= 2 {
                // (Pieces before the first row's own line are a label's from a page before.)
                if k == 0 {
                    return None;
                }
                labels.len() - 1
            } else {
                usize::from((split || mark_first) && k > 0)
            };
            let labels = if n_rest > 0 {
                if let Some(previous) = rows.last_mut() {
                    for rest in &labels[..n_rest] {
                        previous.cells[0] = join(&previous.cells[0], rest.text);
                    }
                }
                &labels[n_rest..]
            } else {
                labels
            };
            rows.push(row(joined(labels), pair[1].tokens(), &labels[0]));
        }
        // The last row's label wrapped below its values (`利用児童` / `7 名` … / `数`,
        // `こども家庭センター` / `1` … / `の設置数`, a browser's PDF): a piece that plainly
        // finishes it, a particle first, or one or two characters with no value after them.
        let next_piece = match items.get(n_groups) {
            Some(Item::Labels([piece, ..])) => Some(piece),
            _ => None,
        };
        // A row's circled number alone after the last row (`利用可能な子どもの人数` / `71` … /
        // `利用した子どもの数 ②` / … / `全体からの割合 ②/①` / … / `①`, Word's cells through
        // default `pdftotext`): circled numbers number the rows in order, so it is the row's it
        // names, when that row has none and the last row has one already.
        let numbered_row = next_piece.and_then(|piece| {
            let number = crate::columns::circled_end(piece.text).filter(|_| piece.text.chars().count() == 1)? as usize;
            let has_circled = |label: &str| label.chars().any(|c| matches!(c, '①'..='⑳'));
            let names = rows.get(number.checked_sub(1)?).filter(|row| !has_circled(&row.cells[0]))?;
            (rows.len() >= 2 && rows.last().is_some_and(|last| has_circled(&last.cells[0])) && !names.cells[0].is_empty())
                .then_some(number - 1)
        });
        if let (Some(row_idx), Some(piece)) = (numbered_row, next_piece) {
            rows[row_idx].cells[0] = join(&rows[row_idx].cells[0], piece.text);
            last = Some(*piece);
        } else if let (Some(piece), Some(last_row)) = (next_piece, rows.last_mut()) {
            // (Rows whose labels wrap around their values: the last one's wraps too.)
            let short = matches!(trailing, Some([_])) && (split || piece.text.chars().count() <= 2);
            // (A unit's bracket of its own, `一時保護所の定員数` / `25` … / `(人)`, when the label
            // has none: Word's cells aligned to the top of their rows.)
            let unit = is_whole_bracket(piece.text)
                && crate::tables::row_unit(piece.text).is_some()
                && crate::tables::row_unit(&last_row.cells[0]).is_none();
            if unit
                || (short || crate::columns::continues_label(&last_row.cells[0], piece.text))
                    && crate::columns::ends_label_below(piece.text)
            {
                last_row.cells[0] = join(&last_row.cells[0], piece.text);
                last = Some(*piece);
            }
        }
    } else if short_runs
        && shape.starts_with('V')
        && shape[1..].len().is_multiple_of(2)
        && shape.as_bytes()[1..].chunks(2).all(|pair| pair == b"LV")
    {
        // V L V …, the first label after the last row, or (a lone row) above the header.
        let first_label = match (trailing, label_above) {
            // A stub word after the values (`年度`) heads the next table's header.
            (Some([label]), None) if STUB_WORDS.contains(&label.text) => return None,
            (Some(labels), None) => {
                last = labels.last().copied();
                joined(labels)
            }
            (None, Some(above)) if n_groups == 1 => {
                label_above_used = true;
                above.to_string()
            }
            _ => return None,
        };
        let first_values = items[0].tokens();
        rows.push(row(first_label, first_values, &first_values[0]));
        for pair in items[1..n_groups].chunks(2) {
            let labels = pair[0].tokens();
            rows.push(row(joined(labels), pair[1].tokens(), &labels[0]));
        }
    } else if short_runs
        && last_label_one
        && shape.ends_with("VV")
        && shape.as_bytes()[..shape.len() - 1].chunks(2).all(|pair| pair == b"LV")
    {
        // L V … V L: the last row's label after its values.
        let mut labels = trailing?;
        // (A footnote mark first, `※1` / `児童心理司の配置数`: whose label it ends is not shown.)
        if is_numbered_mark(labels[0].text) {
            return None;
        }
        // Word's cells in default mode, aligned to the top of their rows: the rest of the label
        // above first, then the last label wrapped (`児童福祉司任用後研` / `15` … `5` / `修` /
        // `こども家庭ソーシャ` / `ルワーカー養成研修`; `…(箇` / … / `所)` / `…(箇` / `所)`).
        let above = joined(items[n_groups - 3].tokens());
        let rest_above = match items.get(n_groups) {
            Some(Item::Labels([rest, first, second, ..]))
                if finishes_label_above(&above, rest.text) && label_goes_on(first.text, second.text) =>
            {
                labels = &items[n_groups].tokens()[1..3];
                Some(rest.text)
            }
            _ => None,
        };
        for pair in items[..n_groups - 1].chunks(2) {
            let pair_labels = pair[0].tokens();
            rows.push(row(joined(pair_labels), pair[1].tokens(), &pair_labels[0]));
        }
        if let (Some(rest), Some(above)) = (rest_above, rows.last_mut()) {
            above.cells[0] = join(&above.cells[0], rest);
        }
        let last_values = items[n_groups - 1].tokens();
        rows.push(row(joined(labels), last_values, &last_values[0]));
        last = labels.last().copied();
    } else if shape.len() >= 3 && shape.starts_with("LV") && shape[1..].bytes().all(|c| c == b'V') {
        // L… V V …: the labels printed as a column before the values, which come
        // row by row (pdftotext) or column by column (pdfminer). The order is taken
        // only when the rows it makes are alike (each row's values of one kind and
        // unit) and the other order's are not.
        let units = wrapped_units(items[0].tokens());
        let n_rows = units.len();
        if n_rows != n_groups - 1 || items[1..n_groups].iter().any(|item| item.tokens().len() != n_columns) {
            return None;
        }
        // A label that leaves its bracket open is cut, no whole label of the column: the
        // lines of one label wrapped around values centred on it (`児童家庭支援セン` / `ター数
        // (前年度から` / values / `の増減)`, WeasyPrint's cells centred vertically).
        if units.iter().any(|unit| leaves_bracket_open(&joined(unit))) {
            return None;
        }
        let values: Vec<Token<'a>> = items[1..n_groups].iter().flat_map(|item| item.tokens().iter().copied()).collect();
        let by_row = |r: usize| values[r * n_columns..(r + 1) * n_columns].to_vec();
        let by_column = |r: usize| (0..n_columns).map(|c| values[c * n_rows + r]).collect::<Vec<_>>();
        let alike = |read: &dyn Fn(usize) -> Vec<Token<'a>>| (0..n_rows).filter(|&r| uniform(&read(r))).count();
        let (n_alike_by_row, n_alike_by_column) = (alike(&by_row), alike(&by_column));
        // One order must make every row alike, each row unlike the next, and the other
        // order no row alike: anything less is a guess (`71 15 71 30 72` is as alike as
        // `71 71 72 72 73`).
        let distinct = |read: &dyn Fn(usize) -> Vec<Token<'a>>| (1..n_rows).all(|r| signature(&read(r - 1)[0]) != signature(&read(r)[0]));
        let read: &dyn Fn(usize) -> Vec<Token<'a>> =
            if n_rows == 1 || (n_alike_by_row == n_rows && n_alike_by_column == 0 && distinct(&by_row)) {
                &by_row
            } else if n_alike_by_column == n_rows && n_alike_by_row == 0 && distinct(&by_column) {
                &by_column
            } else {
                // A total row last (`計`): the order in which it is the sum of the rows above
                // in every column, when the other order's is not.
                let last_label = joined(units[n_rows - 1]);
                let totals = |read: &dyn Fn(usize) -> Vec<Token<'a>>| {
                    let rows: Option<Vec<Vec<f64>>> =
                        (0..n_rows).map(|r| read(r).iter().map(|token| values::value(token.text)).collect()).collect();
                    rows.is_some_and(|rows| {
                        (0..n_columns).all(|c| {
                            let sum: f64 = rows[..n_rows - 1].iter().map(|row| row[c]).sum();
                            (sum - rows[n_rows - 1][c]).abs() < DIFFERENCE_TOLERANCE
                        })
                    })
                };
                if n_rows < 3 || !TOTAL_WORDS.contains(&last_label.as_str()) {
                    return None;
                }
                match (totals(&by_row), totals(&by_column)) {
                    (true, false) => &by_row,
                    (false, true) => &by_column,
                    _ => return None,
                }
            };
        for (r, unit) in units.into_iter().enumerate() {
            rows.push(row(joined(unit), &read(r), &unit[0]));
        }
    } else {
        return None;
    }
    Some((rows, last, label_above_used, broken))
}

/// A line that is a whole row, a label and then exactly `n_columns` values
/// (`受託率④ 20.0 35.0 14.2 ▲20.8`): the label and the values.
fn labelled_row(text: &str, n_columns: usize) -> Option<(&str, &str)> {
    // Cheap test first: a row's line ends in a value, so in a digit, `%`, `)` or a mark.
    if !text.contains(' ') {
        return None;
    }
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(at, c)| !c.is_whitespace() && (at == 0 || text[..at].ends_with(char::is_whitespace)))
        .map(|(at, _)| at)
        .collect();
    let word = |k: usize| text[starts[k]..].split_whitespace().next().unwrap_or_default();
    let n_values = (0..starts.len()).rev().take_while(|&k| crate::columns::is_value_word(word(k))).count();
    if n_values < 2 || n_values == starts.len() {
        return None;
    }
    let at = starts[starts.len() - n_values];
    let (label, values) = (normalize::trim(&text[..at]), &text[at..]);
    // `40 (見込)` may be one cell or two, and which is not known here.
    (value_width(values) == n_columns && every_word_a_value(values)).then_some((label, values))
}

/// The values a label's line ends in, two or more (`登録里親数③ 4 8 4 ▲4`: 4), else 0.
fn n_trailing_values(text: &str) -> usize {
    // Cheap test first: such a line ends in a digit, `%`, `)` or a mark, after a space.
    if !text.contains(' ') {
        return 0;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let n_values = words.iter().rev().take_while(|word| crate::columns::is_value_word(word)).count();
    if n_values >= 2 && n_values < words.len() {
        n_values
    } else {
        0
    }
}

/// True when `text` splits into values each of one value word (`20 20 5 ▲15`, `20 人 20 人`),
/// not when a value holds two (`40 (見込)` may be one cell or two).
fn every_word_a_value(text: &str) -> bool {
    values::split_values_all(text, |part| is_value(part) && part.split_whitespace().filter(|word| is_value(word)).count() == 1)
}

/// A run of values one short of whole rows because a line holds two values
/// (`106 回 (見込)`, `1 中止`): the run cut into rows of `n_columns` values
/// once such lines are counted as two. `tables` splits them (and says so).
fn merged_rows<'t, 'a>(run: &'t [Token<'a>], n_columns: usize) -> Option<Vec<&'t [Token<'a>]>> {
    let widths: Vec<usize> = run.iter().map(|token| value_width(token.text)).collect();
    if widths.iter().sum::<usize>() % n_columns != 0 {
        return None;
    }
    let mut rows = Vec::new();
    let (mut start, mut width) = (0, 0);
    for (idx, token_width) in widths.iter().enumerate() {
        width += token_width;
        if width == n_columns {
            rows.push(&run[start..=idx]);
            (start, width) = (idx + 1, 0);
        } else if width > n_columns {
            return None;
        }
    }
    Some(rows)
}

/// How many values a value line holds: `106 回 (見込)` two (as `tables` will split
/// them), `33 人(見込)` two (a status glued on, see `glued_status`), else one.
fn value_width(text: &str) -> usize {
    match values::n_split_values(text) {
        Some(n_parts) => n_parts,
        None if glued_status(text).is_some() => 2,
        None => 1,
    }
}

/// `33 人(見込)` → (`33 人`, `(見込)`): a value and a bracketed status printed with no
/// space between (PyMuPDF fuses adjacent cells so).
fn glued_status(text: &str) -> Option<(&str, &str)> {
    let open = text.rfind('(')?;
    let (value, status) = (&text[..open], &text[open..]);
    let glued = value.chars().last().is_some_and(|c| !c.is_whitespace());
    (glued && status.ends_with(')') && values::kind(status) == "status" && is_value(normalize::trim(value)))
        .then_some((normalize::trim(value), status))
}

/// True when every value of a row is of one kind, unit and form (`10 回` … `12 回`;
/// `85 (+7)` … `105 (+5)`).
fn uniform(values: &[Token<'_>]) -> bool {
    let first = values.first().map(signature);
    values.iter().all(|token| Some(signature(token)) == first)
}

/// A value's kind, unit and form, to tell rows apart.
fn signature(token: &Token<'_>) -> (std::borrow::Cow<'static, str>, Option<std::borrow::Cow<'static, str>>, bool, bool) {
    let cell = values::cell(token.text, 0);
    (cell.kind, cell.unit, cell.delta.is_some(), cell.aside.is_some())
}

/// Splits label lines into labels: a line with a bracket left open (`年度ごとの
/// 整備目標 (前年度か`) continues on the next; any other line is a label of its own.
fn wrapped_units<'t, 'a>(labels: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut units = Vec::new();
    let mut start = 0;
    for (idx, token) in labels.iter().enumerate() {
        if !leaves_bracket_open(token.text) || idx + 1 == labels.len() {
            units.push(&labels[start..=idx]);
            start = idx + 1;
        }
    }
    units
}

/// `1 label` → (1, `label`); `2` → (2, ``).
fn row_number(text: &str) -> Option<(Option<u32>, &str)> {
    let n_digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[n_digits..];
    (n_digits > 0 && n_digits <= 2 && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (text[..n_digits].parse::<u32>().ok(), normalize::trim(rest)))
}

/// Rows numbered `1`, `2`, … whose cells are each wrapped over several lines,
/// with a blank line between cells: `1 label` / cell / cell …, or `2` / label
/// over two lines / cell …. Returns the rows and the number of lines used.
fn wrapped_rows(lines: &[Offered<'_>], n_columns: usize) -> Option<(Vec<RawRow>, usize)> {
    // Runs of non-blank lines, up to a line that cannot be part of a cell.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut idx = 0;
    'lines: while idx < lines.len() {
        let mut n_blank = 0;
        while idx < lines.len() && normalize::trim(lines[idx].text).is_empty() {
            n_blank += 1;
            idx += 1;
        }
        if n_blank > 2 {
            break;
        }
        let start = idx;
        while idx < lines.len() && !normalize::trim(lines[idx].text).is_empty() {
            let offered = &lines[idx];
            let text = normalize::trim(offered.text);
            if !(offered.cellish || offered.loose) || text.chars().count() > MAX_CELL_CHARS || text.contains('。') {
                if idx > start {
                    runs.push(start..idx);
                }
                break 'lines;
            }
            idx += 1;
        }
        if idx > start {
            runs.push(start..idx);
        }
    }
    let joined = |range: &std::ops::Range<usize>, skip_first: bool| {
        lines[range.clone()]
            .iter()
            .skip(usize::from(skip_first))
            .fold(String::new(), |acc, offered| join(&acc, normalize::trim(offered.text)))
    };
    let mut rows = Vec::new();
    let mut run_idx = 0;
    let mut n_used = 0;
    while run_idx + n_columns < runs.len() {
        let label_run = &runs[run_idx];
        let first_text = normalize::trim(lines[label_run.start].text);
        let Some((Some(number), rest)) = row_number(first_text) else { break };
        if number as usize != rows.len() + 1 {
            break;
        }
        let label = join(rest, &joined(label_run, true));
        // The label is words: a run of values after the number (`1` / `1` / … / `120 件`, a
        // row's cells a line each) is no numbered row's label.
        let label_lines = lines[label_run.start + 1..label_run.end].iter().map(|offered| normalize::trim(offered.text));
        if is_value(rest) || label_lines.into_iter().any(is_value) {
            break;
        }
        let cell_runs = &runs[run_idx + 1..run_idx + 1 + n_columns];
        // A cell never starts with the next row's number.
        if label.is_empty() || cell_runs.iter().any(|run| row_number(normalize::trim(lines[run.start].text)).is_some()) {
            break;
        }
        let mut cells = vec![label];
        cells.extend(cell_runs.iter().map(|run| joined(run, false)));
        let mut cell_lines = vec![lines[label_run.start].line];
        cell_lines.extend(cell_runs.iter().map(|run| lines[run.start].line));
        rows.push(RawRow { line: lines[label_run.start].line, page: lines[label_run.start].page, cells, cell_lines });
        n_used = cell_runs.last()?.end;
        run_idx += 1 + n_columns;
    }
    (!rows.is_empty()).then_some((rows, n_used))
}

/// Most lines a numbered row's label wraps over.
const MAX_NUMBERED_LABEL_LINES: usize = 3;

/// Rows printed a line per cell, each opened by its number alone: `1` / label
/// (one to three lines) / a value per column, then `2` …. Read only when the
/// numbers run 1, 2, … without a gap, every row has exactly its values, and
/// no value follows the last row (its values would belong to no row). Returns
/// the rows and the index (in the offered lines) of the last line used.
fn numbered_rows(body: &[Token<'_>], n_columns: usize) -> Option<(Vec<RawRow>, usize)> {
    let is_number = |token: &Token<'_>, number: usize| token.kind == Kind::Value && token.text.parse::<usize>() == Ok(number);
    let mut rows = Vec::new();
    let mut at = 0;
    let mut last = None;
    while body.get(at).is_some_and(|token| is_number(token, rows.len() + 1)) {
        let n_label = body[at + 1..].iter().take_while(|token| token.kind == Kind::Label).count();
        let values = body.get(at + 1 + n_label..at + 1 + n_label + n_columns)?;
        if !(1..=MAX_NUMBERED_LABEL_LINES).contains(&n_label) || values.iter().any(|token| token.kind != Kind::Value) {
            return None;
        }
        let labels = &body[at + 1..at + 1 + n_label];
        let label = labels.iter().fold(String::new(), |acc, token| join(&acc, token.text));
        let mut cells = vec![label];
        cells.extend(values.iter().map(|token| token.text.to_string()));
        let cell_lines = std::iter::once(labels[0].line).chain(values.iter().map(|token| token.line)).collect();
        rows.push(RawRow { line: labels[0].line, page: labels[0].page, cells, cell_lines });
        last = values.last().map(|token| token.idx);
        at += 1 + n_label + n_columns;
    }
    // At least two rows, and nothing after them that is a value of the table.
    let ends = body.get(at).is_none_or(|token| token.kind != Kind::Value);
    (rows.len() >= 2 && ends).then_some((rows, last?))
}

/// One row whose cells came out interleaved with the header's: `Y₁ L Y₂ V₁ … Vₙ`.
/// Returns the row, the header cells, the index of the last line used and
/// whether the label above was used.
fn interleaved(
    tokens: &[Token<'_>],
    n_years: usize,
    label_above: Option<&str>,
    header: &Offered<'_>,
) -> Option<(RawRow, Vec<String>, usize, bool)> {
    let mut years = Vec::new();
    let mut values: Vec<&Token<'_>> = Vec::new();
    let mut label: Option<&Token<'_>> = None;
    // Values counted as `tables` will split them (`11 名 (見込)` is two).
    let mut width = 0;
    for token in tokens {
        match token.kind {
            Kind::Year => years.push(token.text.to_string()),
            Kind::Value => {
                // The k-th value comes after the k-th year.
                if values.len() >= years.len() {
                    return None;
                }
                values.push(token);
                width += if years.len() == n_years { values::n_split_values(token.text).unwrap_or(1) } else { 1 };
            }
            Kind::Label if label.is_none() && values.is_empty() => label = Some(token),
            Kind::Label => return None,
        }
        if width >= n_years {
            break;
        }
    }
    if years.len() != n_years || width != n_years {
        return None;
    }
    let (label_text, label_above_used, anchor) = match (label, label_above) {
        (Some(label), _) => (label.text.to_string(), false, (label.line, label.page)),
        (None, Some(above)) => (above.to_string(), true, (header.line, header.page)),
        (None, None) => return None,
    };
    let last = values.last()?.idx;
    // The row is the table's only one: more values right after it are rows whose labels
    // were printed elsewhere (pdfminer prints them as a column first), so its own
    // values are not known either (`20 件` / `6件` / `21 件` … alternate two rows).
    if tokens.iter().find(|token| token.idx > last).is_some_and(|next| next.kind == Kind::Value) {
        return None;
    }
    let mut cells = vec![label_text];
    cells.extend(values.iter().map(|token| token.text.to_string()));
    let cell_lines = std::iter::once(anchor.0).chain(values.iter().map(|token| token.line)).collect();
    Some((RawRow { line: anchor.0, page: anchor.1, cells, cell_lines }, years, last, label_above_used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_rows() {
        assert_eq!(
            year_row("2025 年度 (R7) 2026 年度 (R8) 2027 年度 (R9)"),
            Some((String::new(), vec!["2025 年度 (R7)".to_string(), "2026 年度 (R8)".into(), "2027 年度 (R9)".into()]))
        );
        assert_eq!(year_row("年度 R6 R7 R8"), Some(("年度".to_string(), vec!["R6".to_string(), "R7".into(), "R8".into()])));
        assert_eq!(year_row("2025 年度 (R7) 2026 年度 (R8) 2027 年度 (R9) 合計"), None);
        assert_eq!(year_row("2025 年度 (R7)"), None);
    }

    #[test]
    fn year_cells() {
        for text in ["2025 年度 (R7)", "2025年度(R7)", "令和7年度", "R6", "(R11 年度末)", "2024 年度", "平成31年"] {
            assert!(is_year_cell(text), "{text}");
        }
        for text in ["2025", "20 人", "2021 年 4 月 20 日", "年度", "R6(見込)", "(2025)", "2025 年度 (R7) 2026 年度 (R8)"] {
            assert!(!is_year_cell(text), "{text}");
        }
        // The longest cells `year_cell_len` reads still fit the buffer of `is_year_cell`.
        for text in ["2025年度(令和7年度末)", " 2 0 2 5 年 度 ( 平 成 1 1 年 度 末 ) ", "2025年度\u{3000}(令和12年度末)"]
        {
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(year_cell_len(&squeezed), Some(squeezed.len()), "{text}");
            assert!(is_year_cell(text), "{text}");
        }
        assert!(!is_year_cell("2025年度(令和7年度末)末"));
    }

    fn offer(texts: &[&'static str]) -> Vec<Offered<'static>> {
        texts.iter().enumerate().map(|(idx, text)| Offered::new(idx as u32 + 10, 1, text, true, false)).collect()
    }

    #[test]
    fn year_cells_then_their_eras_a_line_each() {
        // Word's cells through default `pdftotext` (003_docx_pdftotext 1408-1436): the year
        // cells, then their eras, blank lines between. They had been read as ten columns, the
        // eras' five holding the next row's values.
        let from =
            offer(&["2025 年度", "", "2026 年度", "", "2027 年度", "", "(R7)", "", "(R8)", "", "(R9)", "", "12", "", "13", "", "14"]);
        let joined = join_wrapped_years(&from).expect("joined");
        assert_eq!(joined[0], "2025 年度 (R7)");
        assert_eq!(joined[4], "2027 年度 (R9)");
        assert_eq!(joined[6], "");
        assert_eq!(years_then_eras(&from), Some((vec![0, 2, 4], vec![vec![6, 8, 10]])));
        // Cut before `年度` or at `年`, a run of ends each (003_vheader_pdftotext 5440-5470).
        let from = offer(&["2019", "2020", "年度", "年度", "(R1)", "(R2)", "18 歳到達", "5", "6"]);
        assert_eq!(years_then_eras(&from), Some((vec![0, 1], vec![vec![2, 3], vec![4, 5]])));
        assert_eq!(join_wrapped_years(&from).expect("joined")[0], "2019 年度 (R1)");
        let from = offer(&["2024 年", "2025 年", "度", "度", "(R6)", "(R7)"]);
        assert_eq!(join_wrapped_years(&from).expect("joined")[1], "2025 年度 (R7)");
        // Page furniture among them is passed over (003_vheader_pdftotext 502-516).
        let mut from = offer(&["2025 年度", "2026 年度", "-8-", "2027 年度", "明石市社会的養育推進計画", "(R7)", "(R8)", "(R9)"]);
        for idx in [2, 4] {
            from[idx].furniture = true;
        }
        assert_eq!(years_then_eras(&from), Some((vec![0, 1, 3], vec![vec![5, 6, 7]])));
        // Eras that name other years, or too few of them: not joined.
        assert_eq!(years_then_eras(&offer(&["2025 年度", "2026 年度", "(R8)", "(R9)"])), None);
        assert_eq!(years_then_eras(&offer(&["2019", "2020", "年度", "年度", "5", "6"])), None);
        // A total column cut like them (003_weasy_pdftotext 4836-4849).
        let from = offer(&["2019年度", "2020年度", "合", "(R1)", "(R2)", "計", "措置延長", "3", "1", "4"]);
        assert_eq!(join_wrapped_years(&from).expect("joined")[2], "合計");
        assert_eq!(years_then_eras(&offer(&["2019年度", "2020年度", "合", "(R1)", "(R2)", "件"])), None);
        assert_eq!(years_then_eras(&offer(&["2025 年度", "2026 年度", "(R7)", "12"])), None);
    }

    /// The labels of the rows `read` gives, or None when it gives no table.
    fn labels_read(texts: &[&'static str]) -> Option<Vec<String>> {
        match read(&[], &offer(texts))? {
            Stacked::Table { rows, .. } => Some(rows[1..].iter().map(|row| row.cells[0].clone()).collect()),
            Stacked::Doubt { .. } => None,
        }
    }

    #[test]
    fn word_cells_aligned_to_the_top() {
        // 003_vheader_pdftotext 565-622: the eras a line each with blank lines between them
        // (they had ended the header), a row's circled number alone after the last row.
        let header = ["2025 年度", "", "2026 年度", "", "2027 年度", "", "(R7)", "", "(R8)", "", "(R9)", ""];
        let rows = [
            "人数",
            "",
            "71",
            "",
            "71",
            "",
            "72",
            "",
            "利用数 ②",
            "",
            "15",
            "",
            "30",
            "",
            "35",
            "",
            "割合 ②/①",
            "",
            "21.1%",
            "",
            "42.2%",
            "",
            "48.6%",
            "",
            "①",
        ];
        assert_eq!(labels_read(&[&header[..], &rows[..]].concat()), Some(vec!["人数①".into(), "利用数 ②".into(), "割合 ②/①".into()]));
        // The rest of a label before the next row's first line is the row above's
        // (003_vheader_pdftotext 5864-5879).
        let rows =
            ["こども家庭ソーシャル", "", "1", "", "2", "", "3", "", "ワーカー養成研修", "専門職採用者数", "", "11", "", "6", "", "9"];
        assert_eq!(
            labels_read(&[&header[..], &rows[..]].concat()),
            Some(vec!["こども家庭ソーシャルワーカー養成研修".into(), "専門職採用者数".into()])
        );
        // Label pieces after the last values (`型` / `訪問型`: `デイサービス型`'s rest and the
        // last row's label, 003_docx_pdftotext 1766-1789): whose is which is not known.
        let rows = [
            "宿泊型",
            "",
            "1",
            "",
            "2",
            "",
            "3",
            "",
            "デイサービス",
            "",
            "4",
            "",
            "5",
            "",
            "6",
            "",
            "7",
            "",
            "8",
            "",
            "9",
            "",
            "型",
            "訪問型",
        ];
        assert_eq!(labels_read(&[&header[..], &rows[..]].concat()), None);
        let rows = [
            "資源の必要量",
            "",
            "1",
            "",
            "2",
            "",
            "3",
            "",
            "年度ごとの整",
            "",
            "1",
            "",
            "2",
            "",
            "3",
            "",
            "備目標 (前年",
            "度からの増",
            "減)",
        ];
        assert_eq!(labels_read(&[&header[..], &rows[..]].concat()), None);
    }

    #[test]
    fn year_cells_wrapped_at_a_bracket_and_a_difference_column() {
        let lines = offer(&[
            "2019 年度 (R1)",
            "2024 年度① (R6) (現計",
            "画)",
            "2024 年度② (R6) (実",
            "績)",
            "②-①",
            "代替養育を必要とする子ども数①",
            "7",
            "7",
            "3",
            "▲4",
            "里親を必要とする子ども数②",
            "7",
            "8",
            "3",
            "▲5",
        ]);
        let found = read(&[], &lines).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["", "2019 年度 (R1)", "2024 年度① (R6) (現計画)", "2024 年度② (R6) (実績)", "②-①"],
                vec!["代替養育を必要とする子ども数①", "7", "7", "3", "▲4"],
                vec!["里親を必要とする子ども数②", "7", "8", "3", "▲5"],
            ]
        );
    }

    #[test]
    fn only_year_cells_are_joined_with_the_piece_that_closes_their_bracket() {
        let joined = join_wrapped_years(&offer(&["2019 年度 (R", "1)", "2020 年度 (R", "2)"])).expect("joined");
        assert_eq!(joined, ["2019 年度 (R1)", "", "2020 年度 (R2)", ""]);
        assert!(join_wrapped_years(&offer(&["受講者数 (延べ人", "数)", "2020 年度 (R2)"])).is_none());
        assert!(join_wrapped_years(&offer(&["2020 年度 (R2) (実", "績は 12 件)"])).is_none());
        assert!(is_formula("②-①") && is_formula("① + ②") && !is_formula("①") && !is_formula("②-① 差"));
    }

    #[test]
    fn a_year_cell_and_its_era_on_the_next_line_are_one_cell() {
        // Chromium's PDF through PDFium (003_chromium_pypdfium2 140-147).
        let joined = join_wrapped_years(&offer(&["2021年度", "(R3)", "2022年度", "(R4)", "延べ面会回数 82回 124回"])).expect("joined");
        assert_eq!(joined, ["2021年度 (R3)", "", "2022年度 (R4)", "", "延べ面会回数 82回 124回"]);
        // Another year's era is no part of it.
        assert!(join_wrapped_years(&offer(&["2021年度", "(R4)", "2022年度"])).is_none());
    }

    #[test]
    fn header_one_cell_per_line_over_rows_one_per_line() {
        let lines = offer(&[
            "2019 年度 (R1)",
            "2024 年度① (R6) (現計",
            "画)",
            "2024 年度② (R6) (実",
            "績)",
            "②-①",
            "代替養育を必要とする子ども数① 7 7 3 ▲4",
            "受託率④ 20.0 35.0 25.0 ▲10.0",
        ]);
        let found = read(&[], &lines).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["", "2019 年度 (R1)", "2024 年度① (R6) (現計画)", "2024 年度② (R6) (実績)", "②-①"],
                vec!["代替養育を必要とする子ども数①", "7", "7", "3", "▲4"],
                vec!["受託率④", "20.0", "35.0", "25.0", "▲10.0"],
            ]
        );
        // One value short of the header: not read.
        let short = offer(&["2019 年度 (R1)", "2020 年度 (R2)", "2021 年度 (R3)", "実施回数 24 29"]);
        assert!(header_over_word_rows(&short, &tokens(&short, 0, 0)).is_none());
    }

    #[test]
    fn header_partly_one_cell_per_line_and_partly_on_one_line() {
        let lines =
            offer(&["2024 年度 (R6)", "2025 年度 (R7)", "2026 年度 (R8) 2027 年度 (R9)", "全体", "37.1%", "43.8%", "53.0%", "60.3%"]);
        let found = read(&[], &lines).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["", "2024 年度 (R6)", "2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)"],
                vec!["全体", "37.1%", "43.8%", "53.0%", "60.3%"],
            ]
        );
    }

    fn cells(found: &Stacked) -> Vec<Vec<String>> {
        match found {
            Stacked::Table { rows, .. } => rows.iter().map(|row| row.cells.clone()).collect(),
            Stacked::Doubt { .. } => panic!("doubt"),
        }
    }

    #[test]
    fn rows_with_the_first_label_last() {
        let from = offer(&[
            "2025 年度 (R7)",
            "",
            "2026 年度 (R8)",
            "",
            "2027 年度 (R9)",
            "",
            "10 回",
            "",
            "10 回",
            "",
            "12 回",
            "",
            "受講者数",
            "",
            "15 人",
            "",
            "20 人",
            "",
            "25 人",
            "",
            "実施回数",
            "",
            "次の文",
        ]);
        let found = read(&[], &from).unwrap();
        assert_eq!(
            cells(&found),
            [
                vec!["", "2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)"],
                vec!["実施回数", "10 回", "10 回", "12 回"],
                vec!["受講者数", "15 人", "20 人", "25 人"]
            ]
        );
        assert!(matches!(found, Stacked::Table { n_used: 21, n_above: 0, .. }));
    }

    #[test]
    fn a_total_column_on_a_line_of_its_own_after_a_one_line_header() {
        let from = offer(&[
            "2019 年度 (R1) 2020 年度 (R2) 2021 年度 (R3)",
            "",
            "合計",
            "",
            "18 歳到",
            "達",
            "",
            "5",
            "6",
            "5",
            "16",
            "措置延長",
            "3",
            "1",
            "2",
            "6",
            "",
            "② 次の見出し",
        ]);
        let found = read(&[], &from).unwrap();
        assert_eq!(
            cells(&found),
            [
                vec!["", "2019 年度 (R1)", "2020 年度 (R2)", "2021 年度 (R3)", "合計"],
                vec!["18 歳到達", "5", "6", "5", "16"],
                vec!["措置延長", "3", "1", "2", "6"]
            ]
        );
    }

    #[test]
    fn a_difference_table_whose_header_labels_and_values_are_mixed() {
        // As default-mode pdftotext prints the 里親 matrices: the header's cells out of
        // order and printed again at the end, labels numbered and scattered.
        let from = offer(&[
            "2024 年度① (R6) (現計",
            "画)",
            "",
            "2019 年度 (R1)",
            "代替養育を必要とする子ども数①",
            "",
            "7",
            "",
            "里親を必要とする子ども数②",
            "登録里親数③",
            "",
            "2024 年度② (R6) (実",
            "績)",
            "",
            "②-①",
            "",
            "7",
            "3",
            "▲4",
            "7",
            "7",
            "3",
            "▲4",
            "4",
            "8",
            "4",
            "▲4",
            "",
            "2024 年度② (R6) (実",
            "績)",
            "②-①",
            "",
            "里親等委託率④",
            "",
        ]);
        // Four labels, three rows of values: no reading.
        assert!(difference_table(&[], &from).is_none());
        // With the fourth row's values the table reads, by year with the difference last
        // (`4 - 8` is no `▲4`: the printed order of the header fails).
        let mut from = from[..27].to_vec();
        from.extend(offer(&["20.0", "35.0", "25.0", "▲10.0", "", "2024 年度② (R6) (実", "績)", "②-①", "", "受託率④", ""]));
        let found = difference_table(&[], &from).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["", "2019 年度 (R1)", "2024 年度① (R6) (現計画)", "2024 年度② (R6) (実績)", "②-①"],
                vec!["代替養育を必要とする子ども数①", "7", "7", "3", "▲4"],
                vec!["里親を必要とする子ども数②", "7", "7", "3", "▲4"],
                vec!["登録里親数③", "4", "8", "4", "▲4"],
                vec!["受託率④", "20.0", "35.0", "25.0", "▲10.0"],
            ]
        );
        assert!(matches!(found, Stacked::Table { n_used: 37, .. }), "{found:?}");
        // A numbered label printed right before an earlier row's value (`里親等委託率⑦` / `21`,
        // the third value of row ⑤, in the 学童期以降 matrix): read the same.
        let mut swapped = from.clone();
        swapped.swap(4, 8);
        assert_eq!(cells(&difference_table(&[], &swapped).expect("read")), cells(&found));
        // A label printed right before a value of a later row than its own: no reading.
        let mut late = from.clone();
        let label = late.remove(8);
        let row_3 = late.iter().position(|offered| offered.text == "4").expect("row ③'s first value");
        late.insert(row_3, label);
        assert!(difference_table(&[], &late).is_none());
    }

    #[test]
    fn a_difference_tables_header_cells_printed_before_its_caption() {
        // Default-mode pdftotext, the 学童期以降 matrix: three header cells after the rows of
        // the table above (which has them too), before its note and this table's caption.
        let above = offer(&[
            "▲30.0",
            "",
            "2024 年度① (R6) (現計",
            "画)",
            "",
            "2024 年度② (R6) (実",
            "績)",
            "",
            "②-①",
            "",
            "※2019 年度及び 2024 年度①(現計画)⑥ については⑤×1.3 人で算出",
            "表〇〇 学童期以降における必要里親家庭数及び里親委託率",
        ]);
        let from = offer(&[
            "2019 年度 (R1)",
            "代替養育を必要とする子ども数①",
            "",
            "66",
            "66",
            "54",
            "▲12",
            "里親を必要とする子ども数②",
            "41",
            "41",
            "21",
            "▲20",
            "",
            "※2019 年度及び 2024 年度①(現計画)⑥ については⑤×1.3 人で算出",
        ]);
        let found = difference_table(&above, &from).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["", "2019 年度 (R1)", "2024 年度① (R6) (現計画)", "2024 年度② (R6) (実績)", "②-①"],
                vec!["代替養育を必要とする子ども数①", "66", "66", "54", "▲12"],
                vec!["里親を必要とする子ども数②", "41", "41", "21", "▲20"],
            ]
        );
        // None of the lines above are taken.
        assert!(matches!(found, Stacked::Table { n_above: 0, n_used: 12, .. }), "{found:?}");
        // Without the caption right above, the cells belong to no table here.
        assert!(difference_table(&above[..11], &from).is_none());
        // Cells that do not check the difference in either order: no reading.
        let mut wrong = from.clone();
        wrong[6] = wrong[6].with_text("▲11");
        assert!(difference_table(&above, &wrong).is_none());
    }

    #[test]
    fn a_difference_table_read_only_when_every_row_checks() {
        let rows = |values: [&'static str; 6]| {
            offer(&[
                "2019 年度① (R1)",
                "2024 年度② (R6)",
                "②-①",
                "養育里親",
                values[0],
                values[1],
                values[2],
                "専門里親",
                values[3],
                values[4],
                values[5],
            ])
        };
        let found = difference_table(&[], &rows(["40", "82", "42", "1", "2", "1"])).expect("read");
        assert_eq!(
            cells(&found),
            [vec!["", "2019 年度① (R1)", "2024 年度② (R6)", "②-①"], vec!["養育里親", "40", "82", "42"], vec!["専門里親", "1", "2", "1"]]
        );
        // One row off by one: the order is not proven.
        assert!(difference_table(&[], &rows(["40", "82", "42", "1", "2", "2"])).is_none());
        // Column by column (pdfminer): `40 1 82 | 2 42 1` checks in no row.
        assert!(difference_table(&[], &rows(["40", "1", "82", "2", "42", "1"])).is_none());
        // Rows that check trivially (`0 0 0`) prove nothing.
        assert!(difference_table(&[], &rows(["0", "0", "0", "0", "0", "0"])).is_none());
    }

    #[test]
    fn the_last_year_cells_of_a_header_printed_after_the_rows() {
        let from = offer(&[
            "2019 年度 (R",
            "1)",
            "",
            "2020 年度 (R",
            "2)",
            "",
            "2021 年度 (R",
            "3)",
            "",
            "実施回数",
            "",
            "24",
            "",
            "29",
            "",
            "18",
            "",
            "40 (見込)",
            "",
            "受講者数 (延べ人 数)",
            "",
            "155",
            "",
            "100",
            "",
            "49",
            "",
            "147 (見込)",
            "",
            "評価指標",
            "",
            "2022 年度 (R",
            "4)",
            "",
            "2023 年度 (R",
            "5)",
            "",
        ]);
        let mut lines = from.clone();
        lines.extend(offer(&["② 次の見出し"]).into_iter().map(|offered| Offered { cellish: false, ..offered }));
        let found = read(&[], &lines).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["評価指標", "2019 年度 (R1)", "2020 年度 (R2)", "2021 年度 (R3)", "2022 年度 (R4)", "2023 年度 (R5)"],
                vec!["実施回数", "24", "29", "18", "40 (見込)"],
                vec!["受講者数 (延べ人 数)", "155", "100", "49", "147 (見込)"],
            ]
        );
        assert!(matches!(found, Stacked::Table { n_used: 36, n_doubtful: 0, .. }), "{found:?}");
        // Late years that do not go on from the header's are not the header's.
        let mut skipped = lines.clone();
        skipped[34] = skipped[34].with_text("2024 年度 (R");
        skipped[35] = skipped[35].with_text("6)");
        assert!(!matches!(read(&[], &skipped), Some(Stacked::Table { ref rows, .. }) if rows[0].cells.len() == 6));
    }

    #[test]
    fn a_lone_row_under_a_difference_column_with_a_word_and_a_page_number_among_its_cells() {
        let mut from = offer(&[
            "令和 11 年度①",
            "",
            "児童相談所の管轄人口",
            "",
            "309,074",
            "",
            "- 46 -",
            "",
            "令和 6 年度②",
            "306,091",
            "",
            "増減(①-②)",
            "2,983",
            "",
        ]);
        from[6].cellish = false;
        let found = difference_table(&[], &from).expect("read");
        assert_eq!(
            cells(&found),
            [vec!["", "令和 11 年度①", "令和 6 年度②", "増減(①-②)"], vec!["児童相談所の管轄人口", "309,074", "306,091", "2,983"]]
        );
        assert!(matches!(found, Stacked::Table { n_used: 13, .. }), "{found:?}");
        // `309,074 - 306,091` is no `2,893`.
        let wrong = offer(&["令和 11 年度①", "令和 6 年度②", "増減(①-②)", "児童相談所の管轄人口", "309,074", "306,091", "2,893"]);
        assert!(difference_table(&[], &wrong).is_none());
        assert_eq!(difference_of("増減（①-②）"), None, "normalized text only");
        assert_eq!(difference_of("増減(①-②)"), Some(('①', '②')));
        assert_eq!(difference_of("前年度からの増減(①-②)"), None);
    }

    #[test]
    fn a_status_glued_to_a_value_and_a_label_wrapped_after_a_count_with_no_blank_lines() {
        // PyMuPDF: `106 回(見込)` is two cells with no space between; `18 歳到` / `達` one label.
        let from = offer(&[
            "2021 年度 (R3)",
            "2022 年度 (R4)",
            "2023 年度 (R5)",
            "2024 年度 (R6)",
            "延べ面会回数",
            "82 回",
            "124 回",
            "106 回(見込)",
            "児童数",
            "71 名",
            "84 名",
            "76 名(見込)",
        ]);
        assert_eq!(
            cells(&read(&[], &from).expect("read"))[1..],
            [vec!["延べ面会回数", "82 回", "124 回", "106 回 (見込)"], vec!["児童数", "71 名", "84 名", "76 名 (見込)"]]
        );
        assert_eq!(glued_status("106 回(見込)"), Some(("106 回", "(見込)")));
        assert_eq!(glued_status("106 回 (見込)"), None, "spaced: `values::split_values` reads it");
        assert_eq!(glued_status("指標(見込)"), None);
        let from = offer(&[
            "2019 年度 (R1) 2020 年度 (R2) 2021 年度 (R3)",
            "合計",
            "18 歳到",
            "達",
            "5",
            "6",
            "5",
            "16",
            "措置延長",
            "3",
            "1",
            "2",
            "6",
        ]);
        assert_eq!(cells(&read(&[], &from).expect("read"))[1], vec!["18 歳到達", "5", "6", "5", "16"]);
        // A count after another value is a value, whatever short line follows it.
        let lines = offer(&["R6", "R7", "R8", "研修回数", "5 回", "6 回", "7 回", "合計", "18 回", "18 回", "20 回"]);
        assert!(!wraps_into_label(&lines, 6));
    }

    #[test]
    fn one_row_interleaved_with_its_header() {
        let above = offer(&["年度"]);
        let from = offer(&["2025 年度 (R7)", "利用者数", "2026 年度 (R8)", "20", "2027 年度 (R9)", "21", "22", "続く"]);
        let found = read(&above, &from).unwrap();
        assert_eq!(cells(&found), [vec!["年度", "2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)"], vec!["利用者数", "20", "21", "22"]]);
        assert!(matches!(found, Stacked::Table { n_used: 7, n_above: 1, .. }));
    }

    #[test]
    fn label_above_the_header() {
        let above = offer(&["評価指標", "設置", "数"]);
        let from = offer(&["R6", "R7", "R8", "0", "1", "2"]);
        let found = read(&above, &from).unwrap();
        assert_eq!(cells(&found), [vec!["評価指標", "R6", "R7", "R8"], vec!["設置数", "0", "1", "2"]]);
        assert!(matches!(found, Stacked::Table { n_above: 3, .. }));
    }

    #[test]
    fn the_last_label_after_its_values() {
        let from = offer(&[
            "R6",
            "R7",
            "R8",
            "設置数",
            "1",
            "1",
            "1",
            "策定状況 (前",
            "年度からの増減)",
            "120 件",
            "140 件",
            "160 件",
            "6 回",
            "6 回",
            "6 回",
            "研修回数",
        ]);
        let found = read(&[], &from).unwrap();
        assert_eq!(
            cells(&found),
            [
                vec!["", "R6", "R7", "R8"],
                vec!["設置数", "1", "1", "1"],
                vec!["策定状況 (前年度からの増減)", "120 件", "140 件", "160 件"],
                vec!["研修回数", "6 回", "6 回", "6 回"]
            ]
        );
    }

    #[test]
    fn labels_printed_as_a_column_first() {
        let from = offer(&[
            "R6",
            "R7",
            "R8",
            "資源の必要量",
            "整備目標 (前年度か",
            "らの増減)",
            "85",
            "90",
            "95",
            "85 (+7)",
            "90 (+5)",
            "95 (+5)",
        ]);
        let found = read(&[], &from).unwrap();
        assert_eq!(
            cells(&found),
            [
                vec!["", "R6", "R7", "R8"],
                vec!["資源の必要量", "85", "90", "95"],
                vec!["整備目標 (前年度からの増減)", "85 (+7)", "90 (+5)", "95 (+5)"]
            ]
        );
    }

    #[test]
    fn numbered_rows_a_line_per_cell() {
        // Seed 000's table B as PyMuPDF prints it (000_pymupdf 397-426).
        let mut lines =
            vec!["令和7 年度", "令和8 年度", "令和9 年度", "1", "児童相談所の通じた特別養子", "縁組の成立件数", "20 件", "21 件", "21 件"];
        lines.extend(["2", "民間あっせん機関を通じた特", "別養子縁組の成立件数", "6件", "6件", "6件"]);
        let from = offer(&lines);
        let found = read(&[], &from).expect("read");
        assert_eq!(cells(&found)[1], vec!["児童相談所の通じた特別養子縁組の成立件数", "20 件", "21 件", "21 件"]);
        assert_eq!(cells(&found)[2][0], "民間あっせん機関を通じた特別養子縁組の成立件数");
        assert_eq!(numbered_rows_of(&lines).map(|(rows, _)| rows.len()), Some(2));
        // A row one value short, or a value left after the last row: not these rows.
        let short: Vec<&str> = lines.iter().copied().filter(|line| *line != "21 件").collect();
        assert!(numbered_rows_of(&short).is_none());
        let mut more = lines.clone();
        more.push("7件");
        assert!(numbered_rows_of(&more).is_none());
    }

    /// `numbered_rows` on the lines after a header of three year cells.
    fn numbered_rows_of(lines: &[&'static str]) -> Option<(Vec<RawRow>, usize)> {
        let from = offer(lines);
        numbered_rows(&tokens(&from, 0, 0)[3..], 3)
    }

    #[test]
    fn numbered_rows_of_wrapped_cells() {
        let from = offer(&[
            "令和7年度 令和8年度 令和9年度",
            "",
            "1 親子再統合支援",
            "",
            "・ライフ",
            "ワーク 40人",
            "",
            "・ライフ",
            "ワーク 50人",
            "",
            "・ライフ",
            "ワーク 50人",
            "",
            "2",
            "親への相談支援等に関する研",
            "修等の回数",
            "",
            "研修",
            "2回",
            "",
            "研修",
            "2回",
            "",
            "研修",
            "3回",
            "",
            "資源",
        ]);
        let found = read(&[], &from).unwrap();
        assert_eq!(
            cells(&found),
            [
                vec!["", "令和7年度", "令和8年度", "令和9年度"],
                vec!["親子再統合支援", "・ライフワーク 40人", "・ライフワーク 50人", "・ライフワーク 50人"],
                vec!["親への相談支援等に関する研修等の回数", "研修 2回", "研修 2回", "研修 3回"]
            ]
        );
        let Stacked::Table { rows, n_used, .. } = found else { unreachable!() };
        assert_eq!(n_used, 25, "the trailing header piece `資源` is left");
        assert_eq!(rows[2].cell_lines, [23, 27, 30, 33]);
    }

    #[test]
    fn rows_before_a_broken_run_are_kept_and_the_rest_doubted() {
        let above = offer(&["評価指標"]);
        let from = offer(&[
            "R2 R3 R4",
            "施設数",
            "0",
            "0",
            "0",
            "研修",
            "4",
            "2",
            "6",
            "養成研修",
            "—",
            "採用者数",
            "—",
            "11",
            "6",
            "—",
            "9",
            "後の文",
        ]);
        let found = read(&above, &from).unwrap();
        assert_eq!(cells(&found), [vec!["評価指標", "R2", "R3", "R4"], vec!["施設数", "0", "0", "0"], vec!["研修", "4", "2", "6"]]);
        assert!(matches!(found, Stacked::Table { n_above: 1, n_used: 9, n_doubtful: 8, .. }), "{found:?}");
    }

    #[test]
    fn requirement_table_from_header_pieces_in_any_order() {
        let from = offer(&[
            "計画期間における必要量",
            "① (R11 年度末)",
            "評価資源",
            "現在の整備状況 ② (R6",
            "年度末)",
            "今後整備すべき見込み量",
            "(①-②)",
            "研修・啓発プログラム等の実施回数",
            "12 (実績)",
            "12",
            "上記受講者数",
            "120",
            "110",
            "10",
        ]);
        let found = requirement_table(&[], &from).unwrap();
        assert_eq!(
            cells(&found),
            [
                vec!["評価資源", "計画期間における必要量① (R11年度末)", "現在の整備状況 ② (R6年度末)", "今後整備すべき見込み量 (①-②)"],
                vec!["研修・啓発プログラム等の実施回数", "12 (実績)", "12"],
                vec!["上記受講者数", "120", "110", "10"]
            ]
        );
        // A row label among the header pieces (labels printed as a column): no reading.
        let from = offer(&[
            "計画期間における必要量",
            "現在の整備状況 ② (R6",
            "今後整備すべき見込み量",
            "任用後研修",
            "養成研修",
            "15",
            "5",
            "0",
            "0",
            "15",
            "5",
        ]);
        assert!(requirement_table(&[], &from).is_none());
    }

    #[test]
    fn a_footnote_mark_after_a_rows_values_ends_its_label() {
        // 003_chromium_pdftotext 3680-3690: `児童福祉司等配置数` / 37 / 36 / 2 / `※1` / the next row.
        let header = ["計画期間における必要量① (R11年度4月)", "現在の整備状況 ② (R6年度4月)", "今後整備すべき見込み量 (①-②)"];
        let mut texts = header.to_vec();
        texts.extend(["児童福祉司等配置数", "37", "36", "2", "※1", "児童心理司の配置数", "13", "10", "3"]);
        let found = requirement_table(&[], &offer(&texts)).expect("read");
        let labels: Vec<String> = cells(&found).into_iter().skip(1).map(|row| row[0].clone()).collect();
        assert_eq!(labels, ["児童福祉司等配置数※1", "児童心理司の配置数"]);
        // After both rows' values (Word, 003_docx_pdftotext 5950-5969), whose label it ends is
        // not shown: no reading.
        let mut texts = header.to_vec();
        texts.extend(["児童福祉司等配置数", "37", "36", "2", "13", "10", "3", "※1", "児童心理司の配置数"]);
        assert!(!matches!(requirement_table(&[], &offer(&texts)), Some(Stacked::Table { .. })));
    }

    #[test]
    fn words_cells_aligned_to_the_top_give_label_rests_after_the_values() {
        // 003_docx_pdftotext 3099-3122, 3136-3183, 6106-6123 (default mode).
        let header = ["計画期間における必要量① (R11年度4月)", "現在の整備状況 ② (R6年度4月)", "今後整備すべき見込み量 (①-②)"];
        let labels = |rows: &[&'static str]| {
            let mut texts = header.to_vec();
            texts.extend(rows);
            match requirement_table(&[], &offer(&texts)) {
                Some(found) => cells(&found).into_iter().skip(1).map(|row| row[0].clone()).collect::<Vec<_>>(),
                None => Vec::new(),
            }
        };
        // A unit's bracket of its own after the last row, when the label has none.
        assert_eq!(labels(&["一時保護所の定員数", "25", "25", "0", "(人)"]), ["一時保護所の定員数 (人)"]);
        assert_eq!(labels(&["実施回数(回)", "50", "40", "10", "(人)"]), ["実施回数(回)"]);
        // (Not a bracket that names no unit.)
        assert_eq!(labels(&["一時保護所の定員数", "25", "25", "0", "(注)"]), ["一時保護所の定員数"]);
        // The rest of the label above, then the last label wrapped.
        assert_eq!(
            labels(&["児童福祉司任用後研", "15", "0", "15", "5", "0", "5", "修", "こども家庭ソーシャ", "ルワーカー養成研修"]),
            ["児童福祉司任用後研修", "こども家庭ソーシャルワーカー養成研修"]
        );
        assert_eq!(
            labels(&[
                "里親(世帯)",
                "25",
                "16",
                "9",
                "ファミリーホーム(箇",
                "2",
                "1",
                "1",
                "4",
                "4",
                "0",
                "所)",
                "児童福祉施設等(箇",
                "所)"
            ]),
            ["里親(世帯)", "ファミリーホーム(箇所)", "児童福祉施設等(箇所)"]
        );
        // (A first piece that does not finish the label above is the last label's start.)
        assert_eq!(
            labels(&["児童福祉司任用後研修", "15", "0", "15", "5", "0", "5", "こども家庭ソーシャ", "ルワーカー養成研修"]),
            ["児童福祉司任用後研修", "こども家庭ソーシャルワーカー養成研修"]
        );
    }

    #[test]
    fn requirement_table_with_its_last_header_cell_among_a_lone_rows_values() {
        let lines = |last: &'static str| {
            offer(&[
                "計画期間における必要量① 現在の整備状況 ② (R6 年",
                "(R11 年度 4 月)",
                "度 4 月)",
                "",
                "評価資源",
                "児童福祉司 SV の配置",
                "",
                "6",
                "",
                "3",
                "",
                "今後整備すべき 見込み量",
                "(①-②)",
                last,
            ])
        };
        let found = requirement_table(&[], &lines("3")).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["評価資源", "計画期間における必要量① (R11年度4月)", "現在の整備状況 ② (R6年度4月)", "今後整備すべき見込み量 (①-②)"],
                vec!["児童福祉司 SV の配置", "6", "3", "3"]
            ]
        );
        // `6 - 3` is no `2`: which value is which column is not proven.
        assert!(requirement_table(&[], &lines("2")).is_none());
        // The three columns' words interleaved on one long line.
        let fused = offer(&[
            "計画期間における必要量① (R 現在の整備状況 ② (R6 年度 4 今後整備すべき見込み量 (①11 年度 4 月)",
            "月)",
            "②)",
            "",
            "専門職採用者数",
            "15",
            "0",
            "15",
        ]);
        assert_eq!(
            cells(&requirement_table(&[], &fused).expect("read")),
            [
                vec!["", "計画期間における必要量① (R11年度4月)", "現在の整備状況 ② (R6年度4月)", "今後整備すべき見込み量 (①-②)"],
                vec!["専門職採用者数", "15", "0", "15"]
            ]
        );
    }

    #[test]
    fn labels_as_a_column_only_when_the_values_prove_the_order() {
        // Row by row: each row alike, neighbours unlike.
        let from = offer(&["R7", "R8", "R9", "必要量", "整備目標", "85", "90", "95", "85 (+7)", "90 (+5)", "95 (+5)"]);
        assert_eq!(cells(&read(&[], &from).unwrap())[2], vec!["整備目標", "85 (+7)", "90 (+5)", "95 (+5)"]);
        // Column by column (pdfminer): 回 and 人 alternate in print order.
        let from = offer(&["R7", "R8", "R9", "実施回数", "受講者数", "10 回", "15 人", "10 回", "20 人", "12 回", "25 人"]);
        assert_eq!(cells(&read(&[], &from).unwrap())[1], vec!["実施回数", "10 回", "10 回", "12 回"]);
        // Plain numbers either way: not guessed.
        let from = offer(&["R7", "R8", "R9", "利用可能", "利用した", "71", "15", "71", "30", "72", "35"]);
        assert!(matches!(read(&[], &from), Some(Stacked::Doubt { .. })));
    }

    #[test]
    fn labels_as_a_column_and_values_column_by_column_proven_by_a_total_row() {
        // pdfminer: `計` is the sum of the rows above in every year only when read by column.
        let labels = ["R6 R7 R8", "養育里親", "専門里親", "親族里親", "計"];
        let by_column = ["52", "2", "5", "59", "58", "3", "5", "66", "63", "3", "6", "72"];
        let from = offer(&[&labels[..], &by_column[..]].concat());
        assert_eq!(
            cells(&read(&[], &from).expect("read")),
            [
                vec!["", "R6", "R7", "R8"],
                vec!["養育里親", "52", "58", "63"],
                vec!["専門里親", "2", "3", "3"],
                vec!["親族里親", "5", "5", "6"],
                vec!["計", "59", "66", "72"]
            ]
        );
        // A total that checks in neither order (or in both) proves nothing.
        let mut off = by_column;
        off[11] = "71";
        assert!(!matches!(read(&[], &offer(&[&labels[..], &off[..]].concat())), Some(Stacked::Table { .. })));
        let zeros = ["0"; 12];
        assert!(!matches!(read(&[], &offer(&[&labels[..], &zeros[..]].concat())), Some(Stacked::Table { .. })));
    }

    #[test]
    fn values_without_any_label_are_doubted() {
        let from = offer(&["R6", "R7", "R8", "0", "1", "2"]);
        assert!(matches!(read(&[], &from), Some(Stacked::Doubt { n_used: 6 })));
    }

    #[test]
    fn labels_wrapped_around_and_after_their_values() {
        // Top-aligned labels in a browser's PDF: between two rows' values, the first piece
        // ends the row above and the second starts the next; the last row's rest comes last.
        let from = offer(&[
            "2025 年 2026 年 2027 年",
            "度 (R7) 度 (R8) 度 (R9)",
            "利用可能な子ども",
            "71",
            "71",
            "72",
            "の人数 ①",
            "利用した子どもの",
            "15",
            "30",
            "35",
            "数②",
            "全体からの割合",
            "21.1%",
            "42.2% 48.6%",
            "②/①",
        ]);
        let found = read(&[], &from).expect("read");
        let rows = cells(&found);
        assert_eq!(rows[0][1..], ["2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)"]);
        assert_eq!(rows[1][0], "利用可能な子どもの人数 ①");
        assert_eq!(rows[2][0], "利用した子どもの数②");
        assert_eq!(rows[3], ["全体からの割合②/①", "21.1%", "42.2% 48.6%"]);
        assert!(matches!(found, Stacked::Table { n_used: 16, .. }), "{found:?}");
        // A one-row table whose label's rest follows its values (`利用児童` / … / `数`).
        let short = offer(&["2021年度 (R3) 2022年度 (R4) 2023年度 (R5)", "利用児童", "7名", "17名", "11名", "数"]);
        assert_eq!(cells(&read(&[], &short).expect("read"))[1][0], "利用児童数");
        // A longer piece after the values that does not plainly finish the label is not taken.
        let next = offer(&["2021年度 (R3) 2022年度 (R4) 2023年度 (R5)", "利用児童", "7名", "17名", "11名", "面会交流の件数"]);
        assert_eq!(cells(&read(&[], &next).expect("read"))[1][0], "利用児童");
    }

    #[test]
    fn a_row_whole_on_its_line_among_rows_a_piece_per_line() {
        let from = offer(&[
            "2019年度",
            "(R1)",
            "2024年度①",
            "(R6) (現計画)",
            "2024年度②",
            "(R6) (実績)",
            "②-①",
            "代替養育を必要とする子",
            "ども数①",
            "20 20 5 ▲15",
            "登録里親数③ 13 22 7 ▲15",
            "受託率④ 20.0 35.0 14.2 ▲20.8",
        ]);
        let found = read(&[], &from).expect("read");
        let rows = cells(&found);
        assert_eq!(rows[0][1..], ["2019年度 (R1)", "2024年度① (R6) (現計画)", "2024年度② (R6) (実績)", "②-①"]);
        assert_eq!(rows[1], ["代替養育を必要とする子ども数①", "20 20 5 ▲15"]);
        assert_eq!(rows[2], ["登録里親数③", "13 22 7 ▲15"]);
        assert_eq!(rows[3], ["受託率④", "20.0 35.0 14.2 ▲20.8"]);
        assert_eq!(labelled_row("受託率④ 20.0 35.0 14.2 ▲20.8", 4), Some(("受託率④", "20.0 35.0 14.2 ▲20.8")));
        // Not when the values are not one per column.
        assert_eq!(labelled_row("受託率④ 20.0 35.0 14.2", 4), None);
        assert_eq!(labelled_row("18 歳到達", 2), None);
    }

    #[test]
    fn a_stub_word_after_a_tables_values_is_no_label() {
        // `年度` after the values heads the next table's header: no first row's label.
        let from = offer(&["2027 年度 (R9) 2028 年度 (R10) 2029 年度 (R11)", "380 人", "380 人", "380 人", "年度"]);
        assert!(!matches!(read(&[], &from), Some(Stacked::Table { .. })));
    }

    #[test]
    fn a_header_that_goes_on_after_the_values_is_no_short_table() {
        // `2024 年度` … `2027 年度`, their values, then `2028 年度 2029 年度` and theirs (a
        // browser's PDF): the first four columns alone would be a table short of two.
        let above = offer(&["設置数"]);
        let from = offer(&[
            "2024 年度 (R6)",
            "2025 年度 (R7)",
            "2026 年度 (R8)",
            "2027 年度 (R9)",
            "1",
            "1",
            "1",
            "1",
            "2028 年度",
            "2029 年度",
            "2",
            "2",
        ]);
        let found = read(&above, &from);
        assert!(matches!(found, Some(Stacked::Doubt { n_used: 8 })), "{found:?}");
        // A next table's header (not the next year) leaves the table as it is.
        let other = offer(&["2024 年度 (R6)", "2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)", "1", "1", "1", "1", "2024 年度 (R6)"]);
        assert!(matches!(read(&above, &other), Some(Stacked::Table { .. })));
    }

    #[test]
    fn a_difference_column_after_an_era_and_rows_whole_on_their_lines() {
        // pdf.js: `(R6) (実績) ②-①` (the last year's era, then the difference column), rows
        // printed whole on their line, some after a label piece; the header again below.
        let from = offer(&[
            "2019年度",
            "(R1)",
            "2024年度①",
            "(R6) (現計画)",
            "2024年度②",
            "(R6) (実績) ②-①",
            "代替養育を必要とする子",
            "ども数① 7 7 3 ▲4",
            "登録里親数③ 4 8 4 ▲4",
            "受託率④ 20.0 35.0 25.0 ▲10.0",
            "2019年度",
            "(R1)",
        ]);
        let found = read(&[], &from).expect("read");
        let rows = cells(&found);
        assert_eq!(rows[0][1..], ["2019年度 (R1)", "2024年度① (R6) (現計画)", "2024年度② (R6) (実績)", "②-①"]);
        assert_eq!(rows[1], ["代替養育を必要とする子ども数①", "7 7 3 ▲4"]);
        assert_eq!(rows[3], ["受託率④", "20.0 35.0 25.0 ▲10.0"]);
        // The header printed again is the next table's: not read into this one.
        assert!(matches!(found, Stacked::Table { n_used: 10, .. }), "{found:?}");
        assert_eq!(n_trailing_values("登録里親数③ 4 8 4 ▲4"), 4);
        assert_eq!(n_trailing_values("18 歳到達"), 0);
        assert_eq!(n_trailing_values("20 20 5 ▲15"), 0);
    }

    #[test]
    fn a_run_of_values_after_a_number_is_no_numbered_rows_label() {
        // IPAex default mode: a row's cells a line each, `1` first, under a one-line header.
        let lines = offer(&[
            "1",
            "1",
            "1",
            "1",
            "1",
            "120 件",
            "",
            "140 件 (+20)",
            "",
            "160 件 (+20)",
            "",
            "180 件 (+20)",
            "",
            "200 件 (+20)",
            "",
            "6回",
        ]);
        assert!(wrapped_rows(&lines, 5).is_none());
        // A numbered row's label is words.
        let numbered = offer(&["1 親子再統合支援事業", "", "実施に向けた", "検討", "", "事業の実施"]);
        assert_eq!(
            wrapped_rows(&numbered, 2).map(|(rows, _)| rows[0].cells.clone()),
            Some(vec!["親子再統合支援事業".to_string(), "実施に向けた検討".into(), "事業の実施".into()])
        );
    }

    #[test]
    fn year_cells_wrapped_side_by_side_at_their_brackets() {
        // LibreOffice on B5 paper: two cells on one line, each cut at `(R`, their ends below.
        let from = offer(&[
            "2025 年度",
            "(R7)",
            "",
            "2026 年度",
            "(R8)",
            "",
            "2028 年度 (R 2029 年度 (R",
            "10)",
            "11)",
            "",
            "利用可能な子どもの",
            "人数 ①",
            "",
            "71",
            "",
            "71",
            "",
            "72",
            "",
            "73",
        ]);
        let rows = cells(&read(&[], &from).expect("read"));
        assert_eq!(rows[0][1..], ["2025 年度 (R7)", "2026 年度 (R8)", "2028 年度 (R10)", "2029 年度 (R11)"]);
        assert_eq!(rows[1], ["利用可能な子どもの人数 ①", "71", "71", "72", "73"]);
        // Ends that do not make year cells: nothing joined.
        assert_eq!(wrapped_side_by_side("2028 年度 (R 2029 年度 (R", &offer(&["10)", "見込)"])), None);
        assert_eq!(wrapped_side_by_side("2028 年度 (R", &offer(&["10)"])), None);
    }

    #[test]
    fn a_table_printed_column_by_column() {
        // IPAex default mode: stub and labels as a column, then each year cell and its values.
        let above = offer(&["表○ 特定妊婦・要フォロー妊婦数の推移 (単位:人)", "年度", "妊娠届出数", "転入妊婦数", ""]);
        let from = offer(&[
            "2020 年度 (R2)",
            "2,646",
            "228",
            "2021 年度 (R3)",
            "2,598",
            "211",
            "2022 年度 (R4)",
            "2,615",
            "264",
            "④ その他事業による支援体制の充実について",
        ]);
        let found = read(&above, &from).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["年度", "2020 年度 (R2)", "2021 年度 (R3)", "2022 年度 (R4)"],
                vec!["妊娠届出数", "2,646", "2,598", "2,615"],
                vec!["転入妊婦数", "228", "211", "264"],
            ]
        );
        assert!(matches!(found, Stacked::Table { n_above: 4, n_used: 9, .. }), "{found:?}");
        // A column one value short: not read that way.
        let short = offer(&["2020 年度 (R2)", "2,646", "228", "2021 年度 (R3)", "2,598", "2022 年度 (R4)", "2,615", "264"]);
        assert!(column_blocks(&above, &short).is_none());
        // Years that do not run on: not read that way.
        let gap = offer(&["2020 年度 (R2)", "2,646", "228", "2022 年度 (R4)", "2,598", "211", "2023 年度 (R5)", "2,615", "264"]);
        assert!(column_blocks(&above, &gap).is_none());
        // A wrapped label among the labels (`…の` / `人数`): not read that way.
        let wrapped = offer(&["年度", "利用可能な子どもの", "人数"]);
        assert!(column_blocks(&wrapped, &from).is_none());
    }

    #[test]
    fn labels_as_a_column_above_a_one_line_header() {
        // Rows of unlike kinds (a count, a share, a count in 件): row by row, proven.
        let above = offer(&["«具体的な整備目標»", "利用可能な子どもの人数 ①", "全体からの割合 ②/①", "研修の実施件数", ""]);
        let from =
            offer(&["2025 年度 (R7) 2026 年度 (R8) 2027 年度 (R9)", "71", "71", "72", "21.1%", "42.2%", "48.6%", "3 件", "4 件", "5 件"]);
        let found = read(&above, &from).expect("read");
        let rows = cells(&found);
        assert_eq!(rows[1], ["利用可能な子どもの人数 ①", "71", "71", "72"]);
        assert_eq!(rows[2], ["全体からの割合 ②/①", "21.1%", "42.2%", "48.6%"]);
        assert!(matches!(found, Stacked::Table { n_above: 4, .. }), "{found:?}");
        // A stub word over the labels is the header's stub.
        let stubbed = offer(&["年度", "利用可能な子どもの人数 ①", "全体からの割合 ②/①", "研修の実施件数", ""]);
        let found = read(&stubbed, &from).expect("read");
        assert_eq!(cells(&found)[0][0], "年度");
        assert!(matches!(found, Stacked::Table { n_above: 5, .. }), "{found:?}");
        // Two rows of counts: row by row or column by column, nothing shows which.
        let two = offer(&["«具体的な整備目標»", "利用可能な子どもの人数 ①", "利用した子どもの数 ②", ""]);
        let counts = offer(&["2025 年度 (R7) 2026 年度 (R8) 2027 年度 (R9)", "71", "71", "72", "15", "30", "35"]);
        assert!(!matches!(read(&two, &counts), Some(Stacked::Table { .. })));
        // A line over the labels that could be a label's first piece: not read that way.
        let unsure = offer(&["児童家庭支援", "利用可能な子どもの人数 ①", "全体からの割合 ②/①", "研修の実施件数", ""]);
        assert!(!matches!(read(&unsure, &from), Some(Stacked::Table { .. })));
    }

    #[test]
    fn eras_a_line_each_and_labels_as_a_column_after_the_values() {
        // A wide label column: the years on one line, their eras a line each, the values row
        // by row, then the stub and the labels as a column.
        let from = offer(&[
            "2020 年度 2021 年度 2022 年度",
            "(R2)",
            "(R3)",
            "(R4)",
            "71",
            "71",
            "72",
            "21.1%",
            "42.2%",
            "48.6%",
            "年度",
            "利用可能な子どもの人数",
            "全体からの割合",
        ]);
        let found = read(&[], &from).expect("read");
        assert_eq!(
            cells(&found),
            [
                vec!["年度", "2020 年度 (R2)", "2021 年度 (R3)", "2022 年度 (R4)"],
                vec!["利用可能な子どもの人数", "71", "71", "72"],
                vec!["全体からの割合", "21.1%", "42.2%", "48.6%"],
            ]
        );
        assert!(matches!(found, Stacked::Table { n_used: 13, .. }), "{found:?}");
        // An era that names another year: no ends.
        let years = vec!["2020 年度".to_string(), "2021 年度".to_string()];
        assert!(eras_a_line_each(&years, &offer(&["(R2)", "(R4)"])).is_none());
        assert_eq!(eras_a_line_each(&years, &offer(&["(R2)", "(R3)"])), Some((vec![" (R2)".to_string(), " (R3)".to_string()], 2)));
        // One label short: not read that way.
        let short: Vec<_> = from[..12].to_vec();
        assert!(!matches!(read(&[], &short), Some(Stacked::Table { .. })));
    }
}
