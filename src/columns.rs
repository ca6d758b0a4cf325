//! Space-aligned table lines (`pdftotext -layout`) → table rows. Cells are
//! runs of text separated by two or more spaces; a cell's position is its
//! character offset in the line. Header lines (everything above the first line
//! with a number) are merged by position, so a header cell wrapped over two or
//! three lines becomes one label, and header cells fused by a single space
//! (`2025 年度 (R7) 2026 年度 (R8)`) are split at each year. A row label
//! wrapped around its values (`サポートプランの策定状況 (前` / values /
//! `年度からの増減)`) is joined back. The result has the shape of TAB rows, so
//! `tables` rebuilds it like any other table.

use std::borrow::Cow;

use crate::blocks::{join, RawRow};
use crate::era;
use crate::normalize;
use crate::tables::STUB_WORDS;
use crate::values;

/// Phrases that open a column of the standard requirement table
/// (`計画期間における必要量① | 現在の整備状況② | 今後整備すべき見込み量`, from the
/// national 策定要領); header cells fused by a single space are split before them.
const COLUMN_OPENERS: [&str; 3] = ["計画期間における", "現在の整備状況", "今後整備すべき"];
/// More cells than any real table has: such a line is not read as a row.
const MAX_ALIGNED_CELLS: usize = 64;

/// One cell of a space-aligned line.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Character offsets in the line, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One line of a space-aligned table region.
#[derive(Debug, Clone)]
pub struct SpacedLine {
    pub line: u32,
    pub page: u32,
    pub spans: Vec<Span>,
}

/// Splits a line into cells at runs of two or more spaces.
pub fn spans(text: &str) -> Vec<Span> {
    cells(text).map(|(start, end, text)| Span { start, end, text: text.to_string() }).collect()
}

/// The cells of `spans(text)` as `(start, end, text)`, borrowed from the line, for
/// callers that look at a few and keep none (a `String` per cell was most of `spans`).
pub fn cells(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    // Read on the bytes (a space is one byte, and never inside a character), counting
    // characters as the bytes that start one.
    let bytes = text.as_bytes();
    let (mut at, mut n_chars) = (0, 0);
    std::iter::from_fn(move || {
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
            n_chars += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let (start, start_char) = (at, n_chars);
        // A single space stays inside the cell; two end it.
        while at < bytes.len() && !(bytes[at] == b' ' && bytes.get(at + 1).is_none_or(|&next| next == b' ')) {
            n_chars += usize::from(!is_continuation_byte(bytes[at]));
            at += 1;
        }
        Some((start_char, n_chars, &text[start..at]))
    })
}

/// A byte inside a UTF-8 character, not its first.
fn is_continuation_byte(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// True when a line looks like a row of a space-aligned table: two or more
/// cells, none of them running prose.
pub fn is_row(text: &str) -> bool {
    let text = crate::normalize::trim_spaces(text);
    // Two spaces in a row, found by one searcher for every line (this runs on every line).
    static TWO_SPACES: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    if TWO_SPACES.find(text.as_bytes()).is_none() {
        return false;
    }
    // No cell that reads like prose: none longer than 40 characters, unless it is
    // values one space apart (`1,600 1,650 (+50) 1,700 (+50) 1,750 (+50)`, narrow columns),
    // no `。` anywhere. The cells as `cells` cuts them (on the bytes: decoding every character
    // cost more), no allocation; the line was trimmed of spaces, so its first cell starts it.
    static FULL_STOP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("。".as_bytes()));
    let mut n_cells = 0;
    for (start, end, cell) in cells(text) {
        n_cells += 1;
        if n_cells > MAX_ALIGNED_CELLS || (end - start > 40 && crate::values::n_split_values(cell).is_none()) {
            return false;
        }
    }
    n_cells >= 2 && FULL_STOP.find(text.as_bytes()).is_none() && !bracket_across_cells(text)
}

/// True when a bracket opened in one cell is closed in a later one (`(令和6年4月1日現在
/// 在籍児童)`): one phrase with a wide space in it, not cells.
fn bracket_across_cells(text: &str) -> bool {
    // Cheap test first: no `(` (nor `（`, EF BC 88) opens a bracket at all (most rows).
    if memchr::memchr2(b'(', 0xEF, text.as_bytes()).is_none() {
        return false;
    }
    let mut depth = 0usize;
    let mut open_at_gap = None;
    let mut n_spaces = 0;
    for c in text.chars() {
        if c == ' ' {
            n_spaces += 1;
            continue;
        }
        if n_spaces >= 2 && depth > 0 && open_at_gap.is_none() {
            open_at_gap = Some(depth);
        }
        n_spaces = 0;
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth = depth.saturating_sub(1);
                if open_at_gap.is_some_and(|at_gap| depth < at_gap) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

pub fn is_data(span: &Span) -> bool {
    values::has_value_status_or_mark(&span.text) || values::splits_into_values(&span.text)
}

/// The offset up to which a cell starts at the left edge (a row label).
fn label_edge(lines: &[SpacedLine]) -> usize {
    lines.iter().filter_map(|line| line.spans.first().map(|span| span.start)).min().unwrap_or(0) + 1
}

/// The number of header lines at the top of a space-aligned table: the lines above
/// the first with a value, less the pieces of a row label wrapped above its values.
fn header_len(lines: &[SpacedLine]) -> usize {
    let label_edge = label_edge(lines);
    let is_label = |span: &Span| span.start <= label_edge;
    // The first data line has a number, or a status beside a row label; statuses alone
    // (`(実績)  (現行)  (改定)`) qualify the header above them.
    let first_data = lines.iter().position(|line| {
        // Year cells (`2025 年度 2026 年度 …`), a stub word before them or not (`年度  2020 年度
        // …`), or their eras wrapped onto a line of their own (`(R7)  (R8)  …`), are header.
        // (Or a piece of one, wrapped: `区域全` over `市`, a browser's narrow stub column.)
        let stub_piece = |text: &str| {
            !text.is_empty()
                && STUB_WORDS
                    .iter()
                    .any(|word| *word == text || (word.len() > text.len() && (word.starts_with(text) || word.ends_with(text))))
        };
        let first = line.spans.first().map_or("", |span| span.text.as_str());
        let n_stub = usize::from(line.spans.len() >= 2 && stub_piece(first));
        let years = &line.spans[n_stub..];
        // (Cheap test first: every cell has a year's mark.)
        if years.iter().all(|span| era::has_year_marks(&span.text, 1)) {
            // The stub may also be split off the first cell (`区域全 2025年度 2026年度 …`).
            let mut pieces = years.iter().flat_map(split_years).peekable();
            if n_stub == 0 {
                pieces.next_if(|piece| stub_piece(&piece.text));
            }
            if pieces.all(|span| era::year_of(&span.text).is_some()) {
                return false;
            }
        }
        let has_label = line.spans.first().is_some_and(is_label);
        line.spans.iter().any(|span| {
            !is_label(span) && is_data(span) && (has_label || values::value(&span.text).is_some() || values::splits_into_values(&span.text))
        })
    });
    // No row under a header of year cells over their eras (the rows printed on the next page,
    // the header not repeated there): all of it is header.
    // (Or its cells wrapped over three lines, `2019 年` / `度` / `(R1)`: every piece a year's.)
    let year_piece = |span: &Span| {
        let text = span.text.as_str();
        era::year_of(text).is_some() || text == "度" || crate::stacked::ends_wrapped_year(text)
    };
    let all_year_pieces = || lines.len() <= 3 && lines.iter().all(|line| !line.spans.is_empty() && line.spans.iter().all(year_piece));
    if first_data.is_none() && (paired_years(lines).is_some() || all_year_pieces()) {
        return lines.len();
    }
    let mut n_header = first_data.unwrap_or(0);
    // Where the first row's values start: a lone piece ending left of them is in the label column.
    let value_start = first_data.and_then(|first| lines[first].spans.iter().skip(1).map(|span| span.start).min()).unwrap_or(0);
    // A label that wraps above its values is not a header line (indented or not: `  第三者評価を実施し`
    // over `ている一時保護施設数  -  1 …`), as long as a header line stays above it.
    // (Where the rows' labels end: a lone piece right of every one of them, under a header cell,
    // is that cell's last line: `児童家庭支援センター` / `在宅指導措置委託件数` / `数`, centred.)
    let labels_end = first_data.map_or(usize::MAX, |first| {
        lines[first..]
            .iter()
            .filter_map(|line| line.spans.first().filter(|span| is_label(span)))
            .map(|span| span.end)
            .max()
            .unwrap_or(usize::MAX)
    });
    while n_header > 0 {
        let spans = &lines[n_header - 1].spans;
        // (Not a header cell's rest closing its bracket, `4月)`.)
        let closes = crate::stacked::closes_bracket;
        let under_header_cell = |span: &Span| {
            span.start > labels_end
                && lines[..n_header - 1].iter().any(|line| line.spans.iter().any(|cell| cell.start <= span.start && span.end <= cell.end))
        };
        let in_label_column = |span: &Span| {
            is_label(span)
                || (n_header > 1
                    && span.end < value_start
                    && era::year_of(&span.text).is_none()
                    && !closes(&span.text)
                    && !under_header_cell(span))
        };
        let label_piece = spans.len() == 1 && in_label_column(&spans[0]) && !STUB_WORDS.contains(&spans[0].text.as_str());
        if !label_piece {
            break;
        }
        n_header -= 1;
    }
    n_header
}

/// Appends `next`, the lines after a page break, to the table `group` when they
/// start with the very header lines `group` starts with (printed again on the new
/// page, their words spaced alike or not; the print with more cells apart is kept),
/// without them. False, and `group` unchanged, otherwise.
pub fn continue_after_page_break(group: &mut Vec<SpacedLine>, next: Vec<SpacedLine>) -> bool {
    let n_header = header_len(group);
    // The same words, however spaced (`2024年度 (R6)` on one page, `2024 年度 (R6)` on the next).
    let words = |line: &SpacedLine| line.spans.iter().flat_map(|span| span.text.chars()).filter(|c| *c != ' ').collect::<String>();
    let same = |a: &SpacedLine, b: &SpacedLine| words(a) == words(b);
    let same_header = n_header > 0
        && group.len() > n_header
        && next.len() > n_header
        && group[..n_header].iter().zip(&next[..n_header]).all(|(a, b)| same(a, b));
    // The page cut the last row's label (`在宅指導措置委託件数 (前年度か  2 件 …`): under the
    // header printed again, its rest alone (`らの増減)`), a line with no value to make it a row.
    let label_rest = || {
        let last_label = group.last().and_then(|line| line.spans.first()).map_or("", |span| span.text.as_str());
        let rest = &next[n_header..];
        // (Or a bracket of its own: `年度ごとの整備目標` / `(前年度からの増減)`; with no value
        // beside it, it is no row.)
        let piece = rest.first().and_then(|line| line.spans.first()).map_or("", |span| span.text.as_str());
        let bracketed = crate::stacked::is_whole_bracket(piece);
        // (Or the label's next line in its column: `保健師の配置` / `数`, `整備目標に対` / `する過不足`.)
        let tail = is_label_rest_after_break(piece, last_label);
        rest.len() == 1
            && rest[0].spans.len() == 1
            && rest[0].spans[0].start <= 1
            && !last_label.is_empty()
            && ((crate::stacked::leaves_bracket_open(last_label) && continues_label(last_label, piece)) || bracketed || tail)
    };
    // The header printed again over other lines (`2024 年度① (R6)    2024 年度② (R6)` / `2019
    // 年度 (R1) … ②-①` / `(現計画) (実績)` on one page, two lines on the next): the same
    // characters, however the lines run.
    let n_next_header = header_len(&next);
    let chars = |lines: &[SpacedLine]| {
        let mut chars: Vec<char> =
            lines.iter().flat_map(|line| line.spans.iter().flat_map(|span| span.text.chars())).filter(|c| *c != ' ').collect();
        chars.sort_unstable();
        chars
    };
    let reflowed = !same_header
        && n_header > 1
        && n_next_header > 1
        && group.len() > n_header
        && next.len() > n_next_header
        && chars(&group[..n_header]) == chars(&next[..n_next_header]);
    if reflowed {
        group.extend(next.into_iter().skip(n_next_header));
        return true;
    }
    let repeated = same_header && (n_next_header == n_header || label_rest());
    if repeated {
        // Of the two prints of the header, the one with its cells further apart.
        let n_spans = |lines: &[SpacedLine]| lines.iter().map(|line| line.spans.len()).sum::<usize>();
        let mut next = next;
        if n_spans(&next[..n_header]) > n_spans(&group[..n_header]) {
            for (mine, theirs) in group.iter_mut().zip(next.iter_mut()).take(n_header) {
                std::mem::swap(mine, theirs);
            }
        }
        group.extend(next.into_iter().skip(n_header));
    }
    repeated
}

/// True when `piece`, printed alone under a table's header repeated after a page break, can
/// be the rest of `label`, the last row's label before the break: a line of its column, no
/// wider than the label's first (one character more), no digit, no value.
pub(crate) fn is_label_rest_after_break(piece: &str, label: &str) -> bool {
    let n_chars = piece.chars().count();
    n_chars >= 1
        && n_chars <= label.chars().count().max(2) + 1
        && !piece.bytes().any(|byte| byte.is_ascii_digit())
        && !crate::stacked::is_value(piece)
}

/// Rebuilds rows from the lines of one space-aligned table.
#[cfg(test)]
pub fn rows(lines: &[SpacedLine]) -> Vec<RawRow> {
    rows_unnumbered(lines, without_row_numbers(lines))
}

/// `rows`, given the lines `without_row_numbers` (`spaced_group` takes the numbers off
/// once, for `uneven_row_pieces` and for this).
pub fn rows_unnumbered(lines: &[SpacedLine], unnumbered: Option<Vec<SpacedLine>>) -> Vec<RawRow> {
    if let Some(rows) = centred_groups(lines) {
        return rows;
    }
    let lines = unnumbered.as_deref().unwrap_or(lines);
    let label_edge = label_edge(lines);
    let is_label = |span: &Span| span.start <= label_edge;
    let n_header = header_len(lines);
    let mut rows = Vec::new();
    if n_header > 0 {
        let body = &lines[n_header..];
        let data_width = body.iter().map(|line| line.spans.len()).max().unwrap_or(0);
        let n_values = body.iter().map(|line| line.spans.iter().filter(|span| !is_label(span)).count()).max().unwrap_or(0);
        rows.extend(header(&lines[..n_header], data_width, n_values));
    }

    // Data rows, with label fragments joined: a row takes the fragments above it
    // and as many below as it took above (labels wrap symmetrically around their values).
    let mut built: Vec<Building> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    // Where the values start: a lone text cell left of it is a label piece, however
    // indented (pypdf indents a wrapped label's rest: `  縁組の成立件数`).
    let value_edge = lines[n_header..]
        .iter()
        .flat_map(|line| line.spans.iter().skip(1).filter(|span| is_data(span)).map(|span| span.start))
        .min()
        .unwrap_or(0);
    let label_only = |line: &SpacedLine| {
        line.spans.len() == 1 && (is_label(&line.spans[0]) || (!is_data(&line.spans[0]) && line.spans[0].end < value_edge))
    };
    // Cells aligned to the top of their rows (Word, a browser; pypdf's layout mode): every
    // row's label starts on its values line, and its wrapped rest follows below it. Seen
    // when no piece comes before the first row and no line holds values without a label.
    let body = &lines[n_header..];
    // A label wrapped a character per line and centred on its values line (`登` / `録  1.53 …`
    // / `率`, a narrow label column): the cells are centred, not aligned to the top.
    let letter = |line: &SpacedLine| label_only(line) && line.spans[0].text.chars().count() == 1;
    let centred_letters = body.windows(3).any(|three| {
        letter(&three[0])
            && letter(&three[2])
            && three[1].spans.len() > 1
            && three[1].spans[0].text.chars().count() == 1
            && !is_data(&three[1].spans[0])
    });
    // A text cell's rest under it, among the values (`支援サービスを利用` / `している全ケース`).
    let text_rest = |line: &SpacedLine| line.spans.len() == 1 && line.spans[0].start >= value_edge && !is_data(&line.spans[0]);
    let top_aligned = body.first().is_some_and(|first| !label_only(first))
        && !centred_letters
        && body.iter().any(&label_only)
        && body.iter().filter(|line| !label_only(line) && !text_rest(line)).all(|line| {
            // (A label at the left edge may read as a value: `18歳`.)
            line.spans.len() > 1
                && line.spans[0].end < value_edge
                && (!is_data(&line.spans[0]) || is_label(&line.spans[0]))
                && line.spans[1..].iter().any(is_data)
        });
    // Where the last row's value cells stand on its line, for their wrapped rests.
    let mut last_values: &[Span] = &[];
    // Numbers cut inside their cells, their first pieces on the line above their row.
    let mut heads: Vec<&Span> = Vec::new();
    let mut skip_next = false;
    // Heads with no cell under them in the row after them, waiting for their rests below it.
    let mut open_heads: Vec<&Span> = Vec::new();
    // A head's cell in its row: after the row's values that stand left of it.
    let place = |values: &[Span], head: &Span| values.iter().filter(|value| value.start < head.start).count();
    for (line_idx, line) in body.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if !open_heads.is_empty() {
            // Each piece on this line a head's digits, right under it: the heads' cells.
            let rests: Option<Vec<(&Span, &Span)>> = line
                .spans
                .iter()
                .map(|piece| {
                    let digits = !piece.text.is_empty() && piece.text.bytes().all(|byte| byte.is_ascii_digit());
                    let head = open_heads.iter().find(|head| piece.start < head.end + 2 && head.start < piece.end + 2);
                    head.filter(|_| digits).map(|head| (*head, piece))
                })
                .collect();
            match (rests, built.last_mut()) {
                (Some(rests), Some(last)) if rests.len() == open_heads.len() && pending.is_empty() => {
                    // Right to left, so that each insertion leaves the places to its left.
                    for (head, rest) in rests.into_iter().rev() {
                        let at = (place(last_values, head) + 1).min(last.row.cells.len());
                        last.row.cells.insert(at, format!("{}{}", head.text, rest.text));
                    }
                    open_heads.clear();
                    continue;
                }
                _ => flush_open_heads(&mut built, &mut open_heads),
            }
        }
        // Cells each cut inside a bracket (`26 (83.  59 (78. …`) on a line without the row's
        // label, and the next line holding the label and each cell's rest (`(うち里親)  9%)  7%)
        // …`): one row, its label centred on the cells' two lines (a narrow value column).
        if let Some(cells) = body.get(line_idx + 1).and_then(|next| cut_cells_rows(line, next, label_edge, value_edge)) {
            let label = pending.drain(..).fold(String::new(), |acc, piece| join(&acc, &piece));
            let label = join(&label, &body[line_idx + 1].spans[0].text);
            let row = RawRow::new(body[line_idx + 1].line, body[line_idx + 1].page, std::iter::once(label).chain(cells).collect());
            built.push(Building { row, n_above: 0, n_below: 0 });
            last_values = &[];
            skip_next = true;
            continue;
        }
        // A number cut inside its cell whose first piece stands on the line above the row
        // (`▲10.` / `受託率④ … 25.0  0`: the row's other cells are centred on the cell's two
        // lines) is the head of the cell under it in the next row.
        if !line.spans.is_empty() && line.spans.iter().all(|span| span.start >= value_edge && is_cut_number(&span.text)) {
            heads.extend(&line.spans);
            continue;
        }
        // Pieces under cells of the row above that close the brackets those cells leave
        // open (`20(見` / `込)`) are the rest of those cells, wrapped inside them.
        if let Some(last) = built.last_mut().filter(|_| pending.is_empty()) {
            let n_values = last.row.cells.len() - 1;
            let targets: Option<Vec<usize>> = line.spans.iter().map(|piece| cell_rest_of(last_values, piece)).collect();
            if let Some(targets) = targets.filter(|_| n_values == last_values.len()) {
                for (piece, idx) in line.spans.iter().zip(targets) {
                    let cell = &mut last.row.cells[idx + 1];
                    *cell = join(cell, &piece.text);
                }
                continue;
            }
        }
        // In cells aligned to the top of their rows, a text cell's rest under it.
        if top_aligned && text_rest(line) {
            if let Some(last) = built.last_mut().filter(|last| pending.is_empty() && last.row.cells.len() == last_values.len() + 1) {
                let piece = &line.spans[0];
                let above = last_values.iter().position(|cell| !is_data(cell) && piece.start < cell.end + 2 && cell.start < piece.end + 2);
                if let Some(idx) = above {
                    let cell = &mut last.row.cells[idx + 1];
                    *cell = join(cell, &piece.text);
                    continue;
                }
            }
        }
        // A lone cell at the left edge is a piece of a wrapped label, whatever it reads as (`18 歳到`).
        if label_only(line) {
            let text = line.spans[0].text.clone();
            // (A piece whose open bracket the next row's label closes starts that label:
            // `年度ごとの整備目標 (前年度からの増` / `減)  85 (+7) …`, however the rows align.)
            let opens_next = crate::stacked::leaves_bracket_open(&text)
                && body.get(line_idx + 1).is_some_and(|next| {
                    next.spans.len() > 1 && next.spans.first().is_some_and(|first| is_label(first) && continues_label(&text, &first.text))
                });
            match built.last_mut() {
                Some(last) if !opens_next && (last.n_below < last.n_above || top_aligned || continues_label(&last.row.cells[0], &text)) => {
                    last.row.cells[0] = join(&last.row.cells[0], &text);
                    last.n_below += 1;
                }
                _ => pending.push(text),
            }
            continue;
        }
        // Values are right-aligned and never start a line: a cell at the left edge is the label.
        let (mut label, mut values): (String, &[Span]) = match line.spans.first() {
            Some(first) if (is_label(first) && line.spans.len() > 1) || !is_data(first) => (first.text.clone(), &line.spans[1..]),
            _ => (String::new(), &line.spans[..]),
        };
        // One cell too many, the extra one text before the values: a label cut at a wide
        // space (`児童福祉司  SV の配置  6  3  3`).
        // The national requirement table has three data columns, however its header was cut.
        let template = rows
            .first()
            .is_some_and(|header: &RawRow| COLUMN_OPENERS.iter().all(|opener| header.cells.iter().any(|cell| cell.contains(opener))));
        let header_width = if template { 4 } else { rows.first().map_or(usize::MAX, |header: &RawRow| header.cells.len()).max(3) };
        if values.len() + 1 > header_width && values.len() > 1 && !is_data(&values[0]) && values[1..].iter().all(is_data) {
            label = join(&label, &values[0].text);
            values = &values[1..];
        }
        // A row's label and text cells wrapped together onto the next line (`…ファミリーホーム、児
        // ・一時保護専用施設 0 箇所 ・里親・ファミ` / `童養護施設等の確保数 リーホーム 16 組 …`):
        // every text cell goes on with a word its cell above cut in two. The next line's rest.
        if let Some(last) = built.last_mut().filter(|last| pending.is_empty() && last.row.cells.len() == values.len() + 1) {
            let goes_on = !label.is_empty()
                && !values.is_empty()
                && values.iter().zip(&last.row.cells[1..]).all(|(span, above)| !is_data(span) && continues_label(above, &span.text));
            if goes_on {
                last.row.cells[0] = join(&last.row.cells[0], &label);
                for (cell, span) in last.row.cells[1..].iter_mut().zip(values) {
                    *cell = join(cell, &span.text);
                }
                continue;
            }
        }
        // Pieces that end in the number before this row's (`数①` above `…子ども数②`) finish
        // the label of the row before, whose label has no number (a row cut by a page break).
        if let Some(last) = built.last_mut().filter(|last| finishes_previous(&last.row.cells[0], &pending, &label)) {
            for piece in pending.drain(..) {
                last.row.cells[0] = join(&last.row.cells[0], &piece);
                last.n_below += 1;
            }
        }
        let n_above = pending.len();
        let mut full_label = pending.drain(..).fold(String::new(), |acc, piece| join(&acc, &piece));
        full_label = join(&full_label, &label);
        let mut cells = vec![full_label];
        cells.extend(values.iter().map(|span| span.text.clone()));
        for head in heads.drain(..) {
            match values.iter().position(|value| head.start < value.end + 2 && value.start < head.end + 2) {
                Some(idx) if values[idx].text.starts_with(|c: char| c.is_ascii_digit()) => {
                    cells[idx + 1] = format!("{}{}", head.text, cells[idx + 1]);
                }
                // No cell under it: its rest may come on the line below the row (`▲10.` /
                // `受託率④  20.0 …` / `0`, a cell of three lines centred on the row's).
                _ => open_heads.push(head),
            }
        }
        last_values = values;
        built.push(Building { row: RawRow::new(line.line, line.page, cells), n_above, n_below: 0 });
    }
    flush_open_heads(&mut built, &mut open_heads);
    if let Some(last) = built.last_mut() {
        for piece in pending.drain(..) {
            last.row.cells[0] = join(&last.row.cells[0], &piece);
        }
    }
    rows.extend(built.into_iter().map(|building| building.row));
    rows
}

/// The cells of a row cut inside their brackets over two lines, `line` (the cells' first
/// pieces, no label: `26 (83.`) and `next` (the label, then each cell's rest: `9%)`), joined;
/// None unless no piece on `line` stands at the label's edge, each is a number and a bracket
/// left open, and
/// `next` has a label and as many rests, each closing a bracket.
fn cut_cells_rows(line: &SpacedLine, next: &SpacedLine, label_edge: usize, value_edge: usize) -> Option<Vec<String>> {
    let (label, rests) = next.spans.split_first()?;
    if line.spans.first().is_none_or(|first| first.start <= label_edge) {
        return None;
    }
    // Two heads one space apart are one span (`59 (78. 108 (76.`): a head is a number and
    // its bracket's start.
    let mut heads: Vec<String> = Vec::new();
    for span in &line.spans {
        let words: Vec<&str> = span.text.split(' ').collect();
        if !words.len().is_multiple_of(2) {
            return None;
        }
        for pair in words.chunks(2) {
            let number =
                pair[0].bytes().all(|byte| byte.is_ascii_digit() || byte == b',') && pair[0].starts_with(|c: char| c.is_ascii_digit());
            let opens = pair[1].starts_with('(') && crate::stacked::leaves_bracket_open(pair[1]);
            if !number || !opens {
                return None;
            }
            heads.push(format!("{} {}", pair[0], pair[1]));
        }
    }
    let fits = heads.len() >= 2
        && rests.len() == heads.len()
        && !is_data(label)
        && label.end <= value_edge
        && rests.iter().all(|rest| rest.text.chars().count() <= MAX_CELL_REST_CHARS && crate::stacked::closes_bracket(&rest.text));
    fits.then(|| heads.iter().zip(rests).map(|(head, rest)| format!("{head}{}", rest.text)).collect())
}

/// Longest rest of a value cut inside its bracket (`9%)`, `込)`).
const MAX_CELL_REST_CHARS: usize = 6;

/// A row `rows` is building: how many label pieces it took above its values, and below.
struct Building {
    row: RawRow,
    n_above: usize,
    n_below: usize,
}

/// Heads that found no cell (`▲10.`): each a row of its own, which the table reports as a
/// lone cell.
fn flush_open_heads(built: &mut Vec<Building>, open_heads: &mut Vec<&Span>) {
    let Some(last) = built.last() else { return };
    let (line, page) = (last.row.line, last.row.page);
    for head in open_heads.drain(..) {
        built.push(Building { row: RawRow::new(line, page, vec![String::new(), head.text.clone()]), n_above: 0, n_below: 0 });
    }
}

/// `▲10.`, `1,`: a number cut inside its cell, its digits going on on the next line.
pub(crate) fn is_cut_number(text: &str) -> bool {
    let digits = text.strip_prefix(['▲', '△', '+', '-']).unwrap_or(text);
    digits.len() >= 2
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(['.', ','])
        && digits.bytes().all(|byte| byte.is_ascii_digit() || byte == b'.' || byte == b',')
}

/// The index among `cells` of the cell whose wrapped rest `piece` is: a short piece
/// standing under that cell that closes the bracket it leaves open (`20(見` / `込)`).
pub(crate) fn cell_rest_of(cells: &[Span], piece: &Span) -> Option<usize> {
    if piece.text.chars().count() > 4 || !piece.text.ends_with(')') || piece.text.starts_with(['(', ')']) {
        return None;
    }
    cells.iter().position(|cell| {
        piece.start >= cell.start && piece.start < cell.end.max(cell.start + 1) && crate::stacked::leaves_bracket_open(&cell.text)
    })
}

/// True for a table with two stub columns (`事業名  機関名`) whose first is a cell
/// merged over several rows and printed from the top of its rows down (pypdf's
/// layout mode), not centred on them (`centred_groups`):
///
/// ```text
///       事業名            機関名        R3   R４ …
/// 養子縁組あっせん機関等職員    家庭養護促進協会       〇     〇 …
/// 研修参加促進事業         まもりごと          －     〇 …
/// 第三者評価受審促進事業      家庭養護促進協会       〇     － …
///                  まもりごと          －   （許可） …
/// ```
///
/// A row with no first cell belongs to a group above, but whether `研修参加促進事業`
/// goes on a name or starts one is not shown.
pub fn merged_first_stub(lines: &[SpacedLine]) -> bool {
    // Cheap test first: the first line starts with two text cells.
    let stub = |span: &Span| !is_data(span) && era::year_of(&span.text).is_none();
    if !lines.first().is_some_and(|line| line.spans.len() >= 3 && stub(&line.spans[0]) && stub(&line.spans[1])) {
        return false;
    }
    let n_header = header_len(lines);
    let Some(header) = lines.get(..n_header).and_then(<[SpacedLine]>::first) else { return false };
    let stub = |span: &Span| !is_data(span) && era::year_of(&span.text).is_none();
    let [first, second, ..] = &header.spans[..] else { return false };
    if !stub(first) || !stub(second) {
        return false;
    }
    let label_edge = label_edge(lines);
    lines[n_header..].iter().any(|line| {
        let leading = line.spans.iter().take_while(|span| !is_data(span)).count();
        leading == 1
            && line.spans.len() > 1
            && line.spans[0].start > label_edge
            && line.spans[0].start + 2 >= second.start.min(first.end + 1)
    }) && centred_groups(lines).is_none()
}

/// A table with two stub columns whose first (`事業名`) is a cell merged over
/// several rows and printed vertically centred on them: its words wrap over
/// the first words of its rows' lines, or stand alone on a line between them.
///
/// ```text
///           事業名              機関名      R3     R４  …
/// 養子縁組あっせん機関等職員      家庭養護促進協会         〇       〇  …
/// 研修参加促進事業           まもりごと            －       〇  …
///                    家庭養護促進協会         〇       －  …
/// 第三者評価受審促進事業
///                    まもりごと            －     （許可）  …
/// ```
///
/// Pieces on neighbouring lines are one group's name; each group takes the
/// run of rows it is centred on. Read only when the runs, taken in order,
/// use every row exactly; the rows come out as a group line (its name) and
/// the rows under it, as `tables` reads row groups; the header's two stub
/// words make the stub (`事業名 機関名`). None when the table is another shape.
fn centred_groups(lines: &[SpacedLine]) -> Option<Vec<RawRow>> {
    let (header, body) = lines.split_first()?;
    let n_columns = header.spans.len();
    if n_columns < 4 || body.len() < 2 || header.spans[..2].iter().any(is_data) {
        return None;
    }
    let label_edge = label_edge(lines);
    // Per body line: the group piece it starts with, and its row (stub and values).
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut rows: Vec<(usize, &[Span])> = Vec::new();
    let mut stub_column = None;
    for (idx, line) in body.iter().enumerate() {
        let spans = &line.spans[..];
        let row = match spans.len() {
            1 if spans[0].start <= label_edge && !is_data(&spans[0]) => {
                pieces.push((idx, &spans[0].text));
                continue;
            }
            width if width == n_columns && spans[0].start <= label_edge && !is_data(&spans[0]) => {
                pieces.push((idx, &spans[0].text));
                &spans[1..]
            }
            width if width == n_columns - 1 && spans[0].start > label_edge => spans,
            _ => return None,
        };
        if is_data(&row[0]) || !row[1..].iter().all(is_data) {
            return None;
        }
        // The second stub column starts at the same place on every row.
        match stub_column {
            None => stub_column = Some(row[0].start),
            Some(start) if row[0].start.abs_diff(start) <= 2 => {}
            Some(_) => return None,
        }
        rows.push((idx, row));
    }
    // Groups: runs of pieces on neighbouring lines.
    let mut groups: Vec<(usize, usize, String)> = Vec::new();
    for (idx, text) in pieces {
        match groups.last_mut() {
            Some((_, last, name)) if *last + 1 == idx => {
                *last = idx;
                *name = join(name, text);
            }
            _ => groups.push((idx, idx, text.to_string())),
        }
    }
    if groups.is_empty() {
        return None;
    }
    // Each group takes the rows it is centred on, in order, up to the last row.
    let mut out = vec![RawRow::new(
        header.line,
        header.page,
        std::iter::once(join(&header.spans[0].text, &header.spans[1].text))
            .chain(header.spans[2..].iter().map(|span| span.text.clone()))
            .collect(),
    )];
    let mut next_row = 0;
    for (first, last, name) in groups {
        let start = next_row;
        let end = (start..rows.len()).find(|&end| rows[start].0 + rows[end].0 == first + last)?;
        if rows[start].0 > first + 1 || rows[end].0 + 1 < last {
            return None;
        }
        out.push(RawRow::new(body[first].line, body[first].page, vec![name]));
        for &(idx, row) in &rows[start..=end] {
            out.push(RawRow::new(body[idx].line, body[idx].page, row.iter().map(|span| span.text.clone()).collect()));
        }
        next_row = end + 1;
    }
    (next_row == rows.len()).then_some(out)
}

/// The lines of a table whose rows are numbered in a column of their own, left of
/// everything else (`1   20 件  21 件 …`, the label wrapped above and below the
/// number's line), without the numbers: the labels are then the leftmost cells.
/// Only when the numbers run 1, 2, 3 … down the table, each line's first cell, and
/// every other line starts right of them. None otherwise, or when a number stands
/// alone on its line (nothing shows which lines are its row).
pub fn without_row_numbers(lines: &[SpacedLine]) -> Option<Vec<SpacedLine>> {
    let left = lines.iter().filter_map(|line| line.spans.first().map(|span| span.start)).min()?;
    let is_number = |span: &Span| span.start <= left + 1 && span.text.len() <= 2 && span.text.bytes().all(|byte| byte.is_ascii_digit());
    // Every numbered line, before and after the split below, starts at the left edge with
    // a digit: fewer than two such lines, and nothing is copied to find that out.
    let starts_with_digit = |line: &SpacedLine| {
        line.spans.first().is_some_and(|span| span.start <= left + 1 && span.text.starts_with(|c: char| c.is_ascii_digit()))
    };
    lines.iter().filter(|line| starts_with_digit(line)).nth(1)?;
    // A number one space before its label is cut off it (`3 を受講した…`, pdfplumber).
    let split: Vec<SpacedLine> = lines
        .iter()
        .map(|line| {
            let mut spans = line.spans.clone();
            // Or glued to it (`1児童相談所の…`, pypdf), when the label starts with a kanji or kana.
            fn glued(text: &str) -> Option<(&str, &str)> {
                let at = text.find(|c: char| !c.is_ascii_digit())?;
                let (number, label) = text.split_at(at);
                (at > 0 && label.starts_with(|c: char| !c.is_ascii() && c.is_alphabetic())).then_some((number, label))
            }
            if let Some((number, label)) = spans
                .first()
                .filter(|first| first.start <= left + 1)
                .and_then(|first| first.text.split_once(' ').or_else(|| glued(&first.text)))
            {
                let unit_next = crate::blocks::unit_follows(label);
                if number.len() <= 2 && number.bytes().all(|byte| byte.is_ascii_digit()) && !label.is_empty() && !unit_next {
                    let (start, end) = (spans[0].start, spans[0].end);
                    let (number, label) = (number.to_string(), label.to_string());
                    spans[0] = Span { start, end: start + number.len(), text: number };
                    spans.insert(1, Span { start: end - label.chars().count(), end, text: label });
                }
            }
            SpacedLine { line: line.line, page: line.page, spans }
        })
        .collect();
    let lines = &split[..];
    let numbered: Vec<&SpacedLine> = lines.iter().filter(|line| line.spans.first().is_some_and(is_number)).collect();
    if numbered.len() < 2 || numbered.iter().any(|line| line.spans.len() < 2) {
        return None;
    }
    let in_order = numbered.iter().zip(1..).all(|(line, number)| line.spans[0].text.parse::<usize>() == Ok(number));
    // Every row keeps a label: a word beside its number, or a label piece just above or below.
    let label_piece = |line: Option<&SpacedLine>| line.is_some_and(|line| line.spans.len() == 1 && !is_data(&line.spans[0]));
    let labelled = lines.iter().enumerate().all(|(idx, line)| {
        !line.spans.first().is_some_and(is_number)
            || !is_data(&line.spans[1])
            || label_piece(idx.checked_sub(1).and_then(|above| lines.get(above)))
            || label_piece(lines.get(idx + 1))
    });
    if !labelled {
        return None;
    }
    let number_end = numbered.iter().map(|line| line.spans[0].end).max()?;
    let clear = lines.iter().all(|line| match line.spans.first() {
        Some(first) if is_number(first) => line.spans[1].start >= number_end,
        Some(first) => first.start >= number_end,
        None => true,
    });
    (in_order && clear).then(|| {
        lines
            .iter()
            .map(|line| {
                let skip = usize::from(line.spans.first().is_some_and(is_number));
                SpacedLine { line: line.line, page: line.page, spans: line.spans[skip..].to_vec() }
            })
            .collect()
    })
}

/// True for a table whose rows are numbered (`without_row_numbers`) and whose wrapped
/// label pieces between two numbered lines are odd in count: a label wraps evenly
/// around its number's line (`pdftotext -layout`), or starts on it (pypdf: `1児童相談所の
/// 通じた特別養子` / `  縁組の成立件数` / `2 民間あっせん…`), and which row the middle
/// piece finishes is not shown. `unnumbered`: the lines `without_row_numbers`.
pub fn uneven_row_pieces(lines: &[SpacedLine], unnumbered: Option<&[SpacedLine]>) -> bool {
    let Some(unnumbered) = unnumbered else { return false };
    let numbered: Vec<usize> = lines
        .iter()
        .zip(unnumbered)
        .enumerate()
        .filter(|(_, (line, kept))| {
            line.spans.len() != kept.spans.len() || line.spans.first().map(|span| &span.text) != kept.spans.first().map(|span| &span.text)
        })
        .map(|(idx, _)| idx)
        .collect();
    numbered.windows(2).any(|pair| (pair[1] - pair[0] - 1) % 2 == 1)
}

/// The number of a circled number (`①` → 1) that ends `label`.
pub(crate) fn circled_end(label: &str) -> Option<u32> {
    label.trim_end().chars().last().filter(|c| matches!(c, '①'..='⑳')).map(|c| c as u32 - '①' as u32 + 1)
}

/// True when label pieces that came before a row's line belong to the row above:
/// rows numbered `①`, `②`, … at the end of their labels, the row above without a
/// number, the pieces ending in the number just before this row's.
fn finishes_previous(previous: &str, pieces: &[String], label: &str) -> bool {
    let Some(own) = circled_end(label) else { return false };
    let pieces_number = pieces.last().and_then(|piece| circled_end(piece));
    !previous.chars().any(|c| matches!(c, '①'..='⑳')) && pieces_number.is_some_and(|number| number + 1 == own)
}

/// Merges header lines into header rows: one, `[stub, column, column, …]`, or two
/// when a header cell spans the columns below it (see `two_levels`).
fn header(lines: &[SpacedLine], data_width: usize, n_values: usize) -> Vec<RawRow> {
    // (The national requirement table's three columns span nothing: a cell of it wrapped
    // over two lines, `計画期間における必` / `要量①`, is no parent of the cells under it.)
    let requirement =
        || names_requirement_columns(&lines.iter().flat_map(|line| line.spans.iter().map(|span| span.text.as_str())).collect::<String>());
    let pieces = HeaderPieces::new(lines);
    if let Some(rows) = two_levels(lines, &pieces, n_values).filter(|_| !requirement()) {
        return rows;
    }
    if let Some(labels) = paired_words(lines, n_values) {
        let mut cells = vec![String::new()];
        cells.extend(labels);
        return vec![RawRow::new(lines[0].line, lines[0].page, cells)];
    }
    // (As many cells as the rows' values, or more: two values run together, `5 30`, are split by `tables`.)
    if let Some((stub, labels)) = paired_years(lines).filter(|(_, labels)| labels.len() >= n_values) {
        let mut cells = vec![stub];
        cells.extend(labels);
        return vec![RawRow::new(lines[0].line, lines[0].page, cells)];
    }
    let mut clusters = clusters(&pieces, 0..lines.len());
    if clusters.len() + 1 == n_values {
        split_stray_piece(&mut clusters);
    }
    let mut texts: Vec<String> = clusters.iter().map(Cluster::text).collect();
    // The national requirement table's header, its columns run together (a browser's
    // narrow columns, one space apart): cut by what each column must hold.
    let clean = texts.len() >= COLUMN_OPENERS.len() && requirement_columns_hold(&texts[texts.len() - COLUMN_OPENERS.len()..]);
    if (1..=COLUMN_OPENERS.len()).contains(&n_values) && !clean {
        if let Some((stub, columns)) = requirement_header(lines) {
            let mut cells = vec![stub];
            cells.extend(columns);
            return vec![RawRow::new(lines[0].line, lines[0].page, cells)];
        }
    }
    let stub = match texts.first() {
        Some(first) if STUB_WORDS.contains(&first.as_str()) || (texts.len() >= data_width && era::year_of(first).is_none()) => {
            texts.remove(0)
        }
        _ => String::new(),
    };
    let mut cells = vec![stub];
    cells.extend(texts);
    vec![RawRow::new(lines[0].line, lines[0].page, cells)]
}

/// A header of two lines of text cells, each cell wrapped once, whose first lines came out
/// one space apart (`こども支援課実施 子育て支援課実施` over `分        分`, `児童家庭支援セン
/// 在宅指導措置委託` over `ター数      件数`): the top line's words paired in order with the
/// pieces under them. Taken only when the top line is one run of exactly as many words as the
/// rows have values, the bottom line as many pieces apart and not left of the run, none of
/// them a year, a value or a stub word.
fn paired_words(lines: &[SpacedLine], n_values: usize) -> Option<Vec<String>> {
    let [top, bottom] = lines else { return None };
    let [run] = &top.spans[..] else { return None };
    let words: Vec<&str> = run.text.split(' ').filter(|word| !word.is_empty()).collect();
    if n_values < 2 || words.len() != n_values || bottom.spans.len() != n_values {
        return None;
    }
    let plain = |text: &str| !is_value_word(text) && era::year_of(text).is_none() && !STUB_WORDS.contains(&text);
    if !words.iter().all(|word| plain(word)) || !bottom.spans.iter().all(|span| plain(&span.text)) || bottom.spans[0].start < run.start {
        return None;
    }
    Some(words.iter().zip(&bottom.spans).map(|(word, piece)| join_header(word, &piece.text)).collect())
}

/// A header of two lines, year cells over their eras, paired in order rather than by
/// place: a browser prints the year cells one space apart and narrower than the eras
/// under them (`2025年度 2026年度 2027年度 2028年度 2029年` over `(R7)     (R8)     (R9)
/// (R10) 度 (R11)`), so places drift apart across the line. Taken only when both lines
/// hold as many cells, every pair is one year cell whose era names the same year as
/// its western year (`2029年` + `度 (R11)`), and the top line holds nothing else but a
/// stub word (printed whole, or `年` over `度`) and a total column wrapped alike (`合` over
/// `計`). Returns the stub and the cells.
fn paired_years(lines: &[SpacedLine]) -> Option<(String, Vec<String>)> {
    // (Or three lines, the stub word alone on the middle one: `2020 年度 …` / `年度` / `(R2) …`,
    // the stub's cell centred on the two lines of the others.)
    let (top, bottom, middle_stub) = match lines {
        [top, bottom] => (top, bottom, None),
        [top, middle, bottom] => match &middle.spans[..] {
            [word] if STUB_WORDS.contains(&word.text.as_str()) => (top, bottom, Some(word.text.clone())),
            _ => return None,
        },
        _ => return None,
    };
    let texts = |line: &SpacedLine| -> Vec<String> { line.spans.iter().flat_map(split_years).map(|span| span.text.clone()).collect() };
    let (mut top, mut bottom) = (texts(top), texts(bottom));
    let mut stub = middle_stub.clone().unwrap_or_default();
    if middle_stub.is_none() && top.first().is_some_and(|first| era::year_of(first).is_none()) {
        let first = top.remove(0);
        let wrapped = bottom.first().map(|below| format!("{first}{below}"));
        if STUB_WORDS.contains(&first.as_str()) {
            stub = first;
        } else if let Some(whole) = wrapped.filter(|whole| STUB_WORDS.contains(&whole.as_str())) {
            bottom.remove(0);
            stub = whole;
        } else {
            return None;
        }
    }
    // A total column wrapped the same way, its halves run into the last cells (`2024年 合` over
    // `度 (R6) 計`).
    let mut total = None;
    if let (Some(last_top), Some(last_bottom)) = (top.last_mut(), bottom.last_mut()) {
        if let (Some((year, above)), Some((era_piece, below))) = (last_top.rsplit_once(' '), last_bottom.rsplit_once(' ')) {
            let word = format!("{above}{below}");
            if crate::tables::TOTAL_WORDS.contains(&word.as_str()) && above.chars().count() == 1 {
                total = Some(word);
                *last_top = year.to_string();
                *last_bottom = era_piece.to_string();
            }
        }
    }
    // A last cell printed whole on the bottom line, its year and era together (`2019 年度 …
    // 2023 年度` over `(R1) … (R5)  2024 年度 (R6)`: a spreadsheet centres a cell of one line
    // on the two lines of the others).
    let whole = |cell: &String| {
        let label = era::year_label(cell);
        !label.two_years && label.western.is_some() && label.western == label.era
    };
    let mut whole_last = Vec::new();
    while bottom.len() > top.len() && bottom.last().is_some_and(whole) {
        whole_last.extend(bottom.pop());
    }
    whole_last.reverse();
    // Eras run together too (`度 (R6) 度 (R7) 度 (R8) 度 (R9) (R10)` under `… 2027 年 2028 年度`):
    // read in order, each the end its year cell needs.
    if top.len() != bottom.len() {
        let bottom_text = bottom.join(" ");
        if let Some((ends, 1)) = header_ends(&top, &[bottom_text.as_str()]) {
            bottom = ends.iter().map(|end| end.trim().to_string()).collect();
        }
    }
    if top.len() < 2 || top.len() != bottom.len() {
        return None;
    }
    top.iter()
        .zip(&bottom)
        .map(|(year, era_piece)| {
            let (above, below) = (era::year_label(year), era::year_label(era_piece));
            if above.western.is_none() || above.era.is_some() || below.era.is_none() || below.western.is_some() {
                return None;
            }
            let cell = join_header(year, era_piece);
            let label = era::year_label(&cell);
            (!label.two_years && label.western.is_some() && label.western == label.era).then_some(cell)
        })
        .collect::<Option<Vec<String>>>()
        .map(|cells| (stub, cells.into_iter().chain(whole_last).chain(total).collect()))
}

/// Lines at most in a header `requirement_header` reads.
const MAX_REQUIREMENT_HEADER_LINES: usize = 4;
/// Characters of each `COLUMN_OPENERS` phrase that are never wrapped apart.
const OPENER_HEAD_CHARS: usize = 4;
/// Ways of cutting the lines read so far that `requirement_header` keeps at most.
const MAX_REQUIREMENT_CUTS: usize = 4096;

/// The national requirement table's header (`評価資源 | 計画期間における必要量① (R11年度4月)
/// | 現在の整備状況② (R6年度4月) | 今後整備すべき見込み量 (①-②)`) whose three columns
/// came out run together, one space apart, each wrapped over the lines in its own way:
///
/// ```text
///               計画期間における 現在の整備状況 今後整備すべき
///     評価資源     必要量① (R11年度 ② (R6年度4月) 見込み量 (①- ②)
///                  4月)
/// ```
///
/// Each line is cut at spaces into three runs, one per column, left to right. A cut
/// holds when the columns are whole (`requirement_columns_hold`). Returns the
/// stub and the three labels when exactly one set of labels holds; None otherwise.
fn requirement_header(lines: &[SpacedLine]) -> Option<(String, Vec<String>)> {
    // Cheap test first (asked of every header of three columns or fewer): the phrases' first characters.
    let printed = |c: char| lines.iter().any(|line| line.spans.iter().any(|span| normalize::has_char(&span.text, c)));
    if !COLUMN_OPENERS.iter().all(|opener| opener.chars().next().is_some_and(printed)) {
        return None;
    }
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    // The header starts at the line with the first column's first words: lines above it
    // are the rest of a caption.
    let head: String = COLUMN_OPENERS[0].chars().take(OPENER_HEAD_CHARS).collect();
    let start = lines.iter().position(|line| line.spans.iter().any(|span| squeeze(&span.text).contains(&head)))?;
    let lines = &lines[start..];
    if lines.len() > MAX_REQUIREMENT_HEADER_LINES {
        return None;
    }
    // Each line's words (runs between spaces), the stub word left out.
    let mut stub = String::new();
    let mut lines_words: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        let mut words: Vec<&str> = line.spans.iter().flat_map(|span| span.text.split_whitespace()).collect();
        // The stub word starts its line, left of the columns (`年度 4 月)` under a column is a piece of it).
        let left = line.spans.first().is_some_and(|span| span.start < lines[0].spans.first().map_or(0, |first| first.start));
        if stub.is_empty() && left && words.first().is_some_and(|word| STUB_WORDS.contains(word)) {
            stub = words.remove(0).to_string();
        }
        lines_words.push(words);
    }
    // Cheap test first: the phrases' first words (`計画期間`…, whole or wrapped) are printed.
    if !names_requirement_columns(&lines_words.concat().concat()) {
        return None;
    }
    // Every way to cut each line into three runs (some empty), kept while each column
    // can still start with its phrase.
    // A column's one bracket ends it (`(R11年度4月)`, `(①-②)`): nothing is printed after it.
    let ended_before = |text: &str| {
        let mut depth = 0u32;
        let mut closed = false;
        text.chars().any(|c| {
            let after_end = closed && c != ' ';
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    closed |= depth == 0;
                }
                _ => {}
            }
            after_end
        })
    };
    let mut partial: Vec<[String; 3]> = vec![Default::default()];
    for words in &lines_words {
        let mut next = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // Each column's printed characters and its phrase agree as far as both go. A column
        // given no words is as it was, and every kept cut held (the first, all empty, too):
        // only a column given words is tested.
        let extend = |column: &String, run: &[&str], opener: &str| -> Option<String> {
            if run.is_empty() {
                return Some(column.clone());
            }
            let column = join_header(column, &run.join(" "));
            let may_open = column.chars().filter(|c| !c.is_whitespace()).zip(opener.chars()).all(|(printed, wanted)| printed == wanted)
                && bracket_depth(&column).is_some()
                && !ended_before(&column);
            may_open.then_some(column)
        };
        for columns in &partial {
            // The third column depends only on where it starts.
            let thirds: Vec<Option<String>> =
                (0..=words.len()).map(|start| extend(&columns[2], &words[start..], COLUMN_OPENERS[2])).collect();
            for first_end in 0..=words.len() {
                // (A first column that fails fails with more words too, as the second does.)
                let Some(first) = &extend(&columns[0], &words[..first_end], COLUMN_OPENERS[0]) else { break };
                for second_end in first_end..=words.len() {
                    let Some(third) = &thirds[second_end] else { continue };
                    // (A column that fails fails with more words too: what it printed stays its start.)
                    let Some(second) = extend(&columns[1], &words[first_end..second_end], COLUMN_OPENERS[1]) else { break };
                    let extended = [first.clone(), second, third.clone()];
                    if seen.insert(extended.clone()) {
                        next.push(extended);
                    }
                }
            }
        }
        if next.len() > MAX_REQUIREMENT_CUTS {
            return None;
        }
        partial = next;
    }
    let mut found: Option<[String; 3]> = None;
    for columns in partial.into_iter().filter(|columns| requirement_columns_hold(columns)) {
        match &found {
            Some(labels) if *labels != columns => return None,
            _ => found = Some(columns),
        }
    }
    found.map(|columns| (stub, columns.into()))
}

/// True when `text` prints the first words of the requirement table's three column
/// phrases (`計画期間`, `現在の整`, `今後整備`), whole or wrapped.
pub(crate) fn names_requirement_columns(text: &str) -> bool {
    // Cheap test first (asked of every table): the phrases' first characters.
    if !COLUMN_OPENERS.iter().all(|opener| opener.chars().next().is_some_and(|c| normalize::has_char(text, c))) {
        return false;
    }
    let squeezed: String = text.split_whitespace().collect();
    COLUMN_OPENERS.iter().all(|opener| squeezed.contains(opener.chars().take(OPENER_HEAD_CHARS).collect::<String>().as_str()))
}

/// How many brackets `text` leaves open; None when it closes one it did not open.
fn bracket_depth(text: &str) -> Option<u32> {
    text.chars().try_fold(0u32, |depth, c| match c {
        '(' => Some(depth + 1),
        ')' => depth.checked_sub(1),
        _ => Some(depth),
    })
}

/// True when `columns` are the requirement table's three, whole: each starts with its
/// phrase (`COLUMN_OPENERS`), closes every bracket it opens and ends with one; the first names `①` and
/// a year, the second `②` and an earlier year, the third the difference `①-②` and no year.
pub(crate) fn requirement_columns_hold(columns: &[String]) -> bool {
    let [first, second, third] = columns else { return false };
    // Cheap tests first (this is asked of every header of three columns or more, and most are
    // years): every test is a pure one, so their order changes no answer.
    if !(first.contains('①') && second.contains('②') && third.ends_with(')')) {
        return false;
    }
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let closed = |text: &str| bracket_depth(text) == Some(0);
    let formula = |text: &str| squeeze(text).contains("①-②");
    // Each ends with its bracket: `(R11年度4月)`, `(R6年度4月)`, `(①-②)`.
    columns
        .iter()
        .zip(COLUMN_OPENERS)
        .all(|(column, opener)| squeeze(column).starts_with(opener) && closed(column) && column.ends_with(')'))
        && !formula(first)
        && !formula(second)
        && formula(third)
        && era::year_of(third).is_none()
        && {
            let (first_year, second_year) = (era::year_label(first), era::year_label(second));
            matches!((first_year.year, second_year.year), (Some(plan_end), Some(now)) if plan_end > now)
                && !first_year.two_years
                && !second_year.two_years
        }
}

/// The pieces of one header column, from one or more lines (borrowed from `HeaderPieces`).
struct Cluster<'a> {
    start: usize,
    end: usize,
    pieces: Vec<(usize, &'a str)>,
    /// Where each piece stands in its line (start, end), as `pieces`.
    places: Vec<(usize, usize)>,
}

/// With one header column fewer than the rows' values: a cell wrapped at an open
/// bracket (`2024年度② (R6) (実` / `績)`) whose column also took a piece of another
/// line that neither closes the bracket nor stands over the piece that does, but
/// right of it (`②-①`, placed over the cell's tail): that piece is a column of its
/// own. Only when exactly one such piece is found.
fn split_stray_piece(clusters: &mut Vec<Cluster<'_>>) {
    let mut found = None;
    for (cluster_idx, cluster) in clusters.iter().enumerate() {
        let Some(top) = (0..cluster.pieces.len()).min_by_key(|&idx| cluster.pieces[idx].0) else { continue };
        if !crate::stacked::leaves_bracket_open(cluster.pieces[top].1) {
            continue;
        }
        let closes = crate::stacked::closes_bracket;
        let closing: Vec<usize> = (0..cluster.pieces.len()).filter(|&idx| idx != top && closes(cluster.pieces[idx].1)).collect();
        let [closer] = closing[..] else { continue };
        let stray: Vec<usize> = (0..cluster.pieces.len())
            .filter(|&idx| idx != top && idx != closer && cluster.places[idx].0 >= cluster.places[closer].1)
            .collect();
        if let [piece] = stray[..] {
            if found.is_some() {
                return;
            }
            found = Some((cluster_idx, piece));
        }
    }
    let Some((cluster_idx, piece)) = found else { return };
    let cluster = &mut clusters[cluster_idx];
    let (line_idx, text) = cluster.pieces.remove(piece);
    let (start, end) = cluster.places.remove(piece);
    cluster.start = cluster.places.iter().map(|place| place.0).min().unwrap_or(start);
    cluster.end = cluster.places.iter().map(|place| place.1).max().unwrap_or(end);
    clusters.push(Cluster { start, end, pieces: vec![(line_idx, text)], places: vec![(start, end)] });
    clusters.sort_by_key(|cluster| cluster.start);
}

impl Cluster<'_> {
    fn text(&self) -> String {
        let mut pieces: Vec<&(usize, &str)> = self.pieces.iter().collect();
        pieces.sort_by_key(|(line_idx, _)| *line_idx);
        pieces.into_iter().fold(String::new(), |acc, (_, piece)| join_header(&acc, piece))
    }
}

/// Each header line's cells as `clusters` reads them: split at each year (`split_years`),
/// and also, for when the next line is in the same band, where the pieces under a cell
/// split it (`split_parallel`). Made once per header: `two_levels` asks `clusters` for
/// both bands of every split, and splitting the lines again for each (a `String` per
/// piece) cost more than the rest of `header`.
struct HeaderPieces {
    /// The line's cells split at each year (the last line of a band).
    alone: Vec<Vec<Span>>,
    /// Those cells split again by the next line's cells under them.
    over_next: Vec<Vec<Span>>,
}

impl HeaderPieces {
    fn new(lines: &[SpacedLine]) -> HeaderPieces {
        let alone: Vec<Vec<Span>> =
            lines.iter().map(|line| line.spans.iter().flat_map(split_years).map(Cow::into_owned).collect()).collect();
        let over_next = alone
            .iter()
            .enumerate()
            .map(|(line_idx, spans)| match lines.get(line_idx + 1) {
                Some(next) => spans.iter().flat_map(|span| split_parallel(span, &next.spans)).collect(),
                None => spans.clone(),
            })
            .collect();
        HeaderPieces { alone, over_next }
    }
}

/// The header columns of `lines[band]`, left to right. Cells of different lines form
/// one column when they overlap by at least half of the narrower one; cells of one
/// line are always different columns.
fn clusters<'a>(pieces: &'a HeaderPieces, band: std::ops::Range<usize>) -> Vec<Cluster<'a>> {
    let mut clusters: Vec<Cluster<'a>> = Vec::new();
    for line_idx in band.clone() {
        // A line's cells are split by the pieces under them only inside the band.
        let spans = if line_idx + 1 < band.end { &pieces.over_next[line_idx] } else { &pieces.alone[line_idx] };
        for span in spans {
            let best = clusters
                .iter()
                .enumerate()
                .filter(|(_, cluster)| cluster.pieces.iter().all(|(piece_line, _)| *piece_line != line_idx))
                .map(|(idx, cluster)| {
                    let overlap = span.end.min(cluster.end).saturating_sub(span.start.max(cluster.start));
                    let narrower = (span.end - span.start).min(cluster.end - cluster.start).max(1);
                    (idx, overlap * 2 >= narrower && overlap > 0, overlap)
                })
                .filter(|(_, enough, _)| *enough)
                .max_by_key(|(_, _, overlap)| *overlap)
                .map(|(idx, _, _)| idx);
            match best {
                Some(idx) => {
                    let cluster = &mut clusters[idx];
                    cluster.start = cluster.start.min(span.start);
                    cluster.end = cluster.end.max(span.end);
                    cluster.places.push((span.start, span.end));
                    cluster.pieces.push((line_idx, &span.text));
                }
                None => clusters.push(Cluster {
                    start: span.start,
                    end: span.end,
                    places: vec![(span.start, span.end)],
                    pieces: vec![(line_idx, &span.text)],
                }),
            }
        }
    }
    clusters.sort_by_key(|cluster| cluster.start);
    clusters
}

/// Two header rows, when the header lines fall into a top band and a bottom band
/// whose columns (two or more, side by side) stand under one top cell: the one top
/// cell over them (`里親+F H` over `里親 | F H`), or, when no top cell is over them,
/// the top cell just left of them (`(内訳)` before `3 歳未満 | 3 歳～就学前 | 学童期以降`,
/// its pieces placed loosely). The count of the rows' values must prove it: one value
/// per column, the spanning cell without a column of its own (or, when it stands over
/// its columns, with one: their total, which `tables` checks by the sums).
fn two_levels(lines: &[SpacedLine], pieces: &HeaderPieces, n_values: usize) -> Option<Vec<RawRow>> {
    (1..lines.len()).rev().find_map(|split| {
        // (The bottom band first: with fewer than two columns the split is no reading.)
        let mut bottom = clusters(pieces, split..lines.len());
        if bottom.len() < 2 {
            return None;
        }
        let top = clusters(pieces, 0..split);
        // The stub word printed on the lower level, left of the spanning cell
        // (`定量的な整備目標` over the years, `資源` beside them): the stub, not a column under it.
        // The spanning cell stands within its columns; a running title only starts there.
        let low_stub = match (&top[..], &bottom[..]) {
            ([spanning], [first, second, .., last])
                if first.end <= spanning.start
                    && second.start <= spanning.start
                    && spanning.end <= last.end
                    && STUB_WORDS.contains(&first.text().as_str()) =>
            {
                Some(bottom.remove(0).text())
            }
            _ => None,
        };
        let (first, last) = (bottom.first()?, bottom.last()?);
        let (start, end) = (first.start, bottom.iter().map(|cluster| cluster.end).max()?);
        let over: Vec<usize> = (0..top.len()).filter(|&idx| top[idx].start < end && top[idx].end > start).collect();
        let parent = match over[..] {
            [idx] => idx,
            [] => top.iter().rposition(|cluster| cluster.end <= start)?,
            _ => return None,
        };
        // Under the spanning cell: right of the column before it, left of the one after.
        let inside = top.get(parent.wrapping_sub(1)).is_none_or(|before| before.end <= start)
            && top.get(parent + 1).is_none_or(|after| after.start > last.start);
        let stub = parent > 0 && STUB_WORDS.contains(&top[0].text().as_str());
        let n_spanned = top.len() - 1 - usize::from(stub) + bottom.len();
        let counted = n_values == n_spanned || (over.len() == 1 && n_values == n_spanned + 1);
        // A column beside the spanning cell: a line over all of them is a title, not a header.
        if bottom.len() < 2 || top.len() + usize::from(low_stub.is_some()) < 2 || !inside || !counted {
            return None;
        }
        let mut top_cells = vec![String::new()];
        let mut sub_cells = vec![String::new()];
        for (idx, cluster) in top.iter().enumerate() {
            if idx == parent {
                for (child_idx, child) in bottom.iter().enumerate() {
                    top_cells.push(if child_idx == 0 { cluster.text() } else { String::new() });
                    sub_cells.push(child.text());
                }
            } else {
                top_cells.push(cluster.text());
                sub_cells.push(String::new());
            }
        }
        if stub {
            let stub = top_cells.remove(1);
            top_cells[0] = stub;
            sub_cells.remove(1);
        }
        if let Some(stub) = low_stub {
            top_cells[0] = stub;
        }
        Some(vec![RawRow::new(lines[0].line, lines[0].page, top_cells), RawRow::new(lines[split].line, lines[split].page, sub_cells)])
    })
}

/// Header pieces join without a space inside brackets and words, with one before an opening bracket.
fn join_header(left: &str, right: &str) -> String {
    if left.is_empty() {
        return right.to_string();
    }
    let mut joined = left.to_string();
    // A bracket opening a piece of its own (`2020 年度` / `(R2)`) stands a space apart, as in one line.
    if right.starts_with('(') && !left.ends_with(' ') && !crate::stacked::leaves_bracket_open(left) {
        joined.push(' ');
    }
    joined.push_str(right);
    joined
}

/// A header cell fused with the next by a single space, each wrapped onto the line
/// below (`3 歳未 3 歳～就学` over `満  前`): split where the second starts with a
/// number, as the first does, when that is the only such place and it leaves one
/// piece of the line below under each part.
fn split_parallel(span: &Span, below: &[Span]) -> Vec<Span> {
    let mut pieces_under = below.iter().filter(|piece| piece.start >= span.start && piece.end <= span.end);
    let (Some(first_under), Some(second_under), None) = (pieces_under.next(), pieces_under.next(), pieces_under.next()) else {
        return vec![span.clone()];
    };
    if !span.text.starts_with(|c: char| c.is_ascii_digit()) {
        return vec![span.clone()];
    }
    let under = [first_under, second_under];
    let chars: Vec<char> = span.text.chars().collect();
    let splits: Vec<usize> = (1..chars.len())
        .filter(|&idx| {
            idx >= 2
                && chars[idx - 1] == ' '
                && chars[idx].is_ascii_digit()
                && !chars[idx - 2].is_ascii_digit()
                && under[0].end < span.start + idx
                && under[1].start >= span.start + idx
        })
        .collect();
    let [idx] = splits[..] else { return vec![span.clone()] };
    let text = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>().trim().to_string();
    vec![
        Span { start: span.start, end: span.start + idx - 1, text: text(0..idx - 1) },
        Span { start: span.start + idx, end: span.end, text: text(idx..chars.len()) },
    ]
}

/// `2025 年度 (R7) 2026 年度 (R8)` → one span per year, also glued after a bracket
/// (`2025 年度 (R7)2026 年度 (R8)`, pypdf's layout mode); also split before a
/// `COLUMN_OPENERS` phrase.
fn split_years(span: &Span) -> Vec<Cow<'_, Span>> {
    let text = span.text.as_str();
    // Where each span starts after the first: its character index and byte offset. Read
    // with the two characters before, nothing collected until a span starts (most cells
    // are one span, returned borrowed).
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut digit_before = false;
    let (mut before_before, mut before) = (None, None);
    let mut n_chars = 0;
    for (idx, (at, c)) in text.char_indices().enumerate() {
        n_chars += 1;
        let Some(before) = before.replace(c) else { continue };
        let two_before = before_before.replace(before);
        digit_before |= before.is_ascii_digit();
        let rest = &text[at..];
        // Also glued to the cell before (`(R6 年度 4今後整備すべき…`, pypdf's layout mode).
        // (The first byte compared first: this is asked at every character.)
        let at_opener = COLUMN_OPENERS.iter().any(|opener| opener.as_bytes()[0] == rest.as_bytes()[0] && rest.starts_with(opener));
        // A year after a space, or glued after a bracket (`(R7)2026 年度`, pypdf's layout mode).
        let at_year = matches!(before, ' ' | ')')
            && digit_before
            && rest.as_bytes().get(..4).is_some_and(|digits| digits.iter().all(u8::is_ascii_digit))
            && era::year_label(rest).western.is_some();
        // `令和7年 令和8年 …` (cells wrapped at 年, a browser's PDF).
        let at_era = before == ' ' && digit_before && (rest.starts_with("令和") || rest.starts_with("平成")) && {
            let mut after = rest.chars().skip(2);
            after.next().is_some_and(|c| c.is_ascii_digit())
        };
        // `度 (R7) 度 (R8) …`: the ends of year cells wrapped at 年, one after another.
        // Also after the stub's own rest (`度 度 (R6) 度 (R7) …`, under `年 2024 年 2025 年 …`).
        let at_nendo = c == '度' && before == ' ' && (two_before == Some(')') || text[..at].trim_end() == "度");
        // A total column run together after the last year cell (`2024 年度 (R 合計`, its era's
        // end wrapped onto the next line).
        // (Not `計` alone: `度 (R6) 計` is the end of a total cell wrapped like the years.)
        let at_total = before == ' '
            && digit_before
            && rest.len() > '計'.len_utf8()
            && crate::tables::TOTAL_WORDS.contains(&rest)
            && era::year_label(&text[..at]).western.is_some();
        if at_year || at_era || at_nendo || at_opener || at_total {
            starts.push((idx, at));
        }
    }
    if starts.is_empty() {
        return vec![Cow::Borrowed(span)];
    }
    // Year cells run together, a stub word before the first (`年度 2024 年度 (R6) 2025 年度 …`,
    // Ghostscript; `評価指標 2025 年度 (R7) …`, a browser's PDF): the stub is a cell of its own.
    let first_split = starts[0].1;
    if let Some(stub_end) = text[..first_split].char_indices().enumerate().skip(1).find(|&(_, (at, _))| {
        // Or the stub's first piece, wrapped (`年` over `度`, a browser's narrow stub column).
        let stub = text[..at].trim();
        text[..at].ends_with(' ')
            && STUB_WORDS.iter().any(|word| *word == stub || (word.len() > stub.len() && word.starts_with(stub)))
            && era::year_of(&text[at..]).is_some()
    }) {
        let (idx, (at, _)) = stub_end;
        starts.insert(0, (idx, at));
    }
    starts.insert(0, (0, 0));
    starts.push((n_chars, text.len()));
    starts
        .windows(2)
        .map(|pair| {
            let ((start, from), (end, to)) = (pair[0], pair[1]);
            Cow::Owned(Span { start: span.start + start, end: span.start + end, text: text[from..to].trim().to_string() })
        })
        .collect()
}

/// A header line of year labels separated by single spaces (`年  度 R2 年度 R3 年度 …`,
/// `令和7年度 令和8年度 …`, `事業名 機関名 R3 R4 R5 R6(見込)`): the words before the first
/// year, and the year labels. None unless there are three or more years.
pub fn year_header(text: &str) -> Option<(String, Vec<String>)> {
    // Cheap test first: three year labels need three `年` or `R`/`H` + digit.
    if !era::has_year_marks(text, 3) {
        return None;
    }
    let joined = header_tokens(text);
    let tokens: Vec<&str> = joined.iter().map(|token| token.as_ref()).collect();
    let mut stub: Vec<&str> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut idx = 0;
    while idx < tokens.len() {
        let token = tokens[idx];
        // `2025年度 (R7)`: the era in brackets belongs to the western year before it.
        let era_only = token.starts_with("(R") || token.starts_with("(H");
        if era_only && era::year_of(token).is_some() && labels.last().is_some_and(|last| !last.contains('(')) {
            if let Some(last) = labels.last_mut() {
                last.push(' ');
                last.push_str(token);
            }
        } else if era::year_of(token).is_some() {
            let mut label = token.to_string();
            if tokens.get(idx + 1) == Some(&"年度") {
                label.push_str(" 年度");
                idx += 1;
            }
            labels.push(label);
        } else if labels.is_empty() {
            stub.push(token);
        } else {
            return None;
        }
        idx += 1;
    }
    let stub = stub.iter().fold(String::new(), |acc, word| join(&acc, word));
    (labels.len() >= 3).then_some((stub, labels))
}

/// The words of a header line as `year_header` reads them: `(R7)2026` (pypdf's
/// layout mode glues a label's bracket to the next year) is two, `令和 7` (an era name
/// apart from its number, pypdf) one.
fn header_tokens(text: &str) -> Vec<std::borrow::Cow<'_, str>> {
    let words: Vec<&str> = text.split_whitespace().flat_map(split_after_bracket).collect();
    let mut tokens = Vec::with_capacity(words.len());
    let mut word_idx = 0;
    while word_idx < words.len() {
        let word = words[word_idx];
        match words.get(word_idx + 1) {
            Some(next) if matches!(word, "令和" | "平成") && next.starts_with(|c: char| c.is_ascii_digit()) => {
                tokens.push(std::borrow::Cow::Owned(format!("{word} {next}")));
                word_idx += 2;
            }
            _ => {
                tokens.push(std::borrow::Cow::Borrowed(word));
                word_idx += 1;
            }
        }
    }
    tokens
}

/// The ends of year cells wrapped at `年`, on the line or two lines under their
/// starts (`2025 年 2026 年 …` / `度 (R7) 度 (R8) …`; `2027 年 2028 年度 2029 年` /
/// `度 (R9)` / `(R10) 度 (R11)`, a browser's PDF): a cell that ends in `年` takes
/// `度` and its era, one that ends in `年度` its era alone, and every era must name
/// its cell's year. Returns the ends and the lines they took; None unless the one
/// or two lines hold exactly that.
pub fn header_ends(years: &[String], next: &[&str]) -> Option<(Vec<String>, usize)> {
    let words_of = |n_lines: usize| next[..n_lines].iter().flat_map(|text| text.split_whitespace());
    (1..=next.len().min(2)).find_map(|n_lines| {
        let mut words = words_of(n_lines).peekable();
        let mut ends = Vec::with_capacity(years.len());
        for year in years {
            // (`2028 年度` + `(R10)` keeps the space a one-line cell has: `2028 年度 (R10)`.)
            let mut end = String::new();
            if year.ends_with("年度") {
                end.push(' ');
            } else {
                if !year.ends_with('年') || words.next()? != "度" {
                    return None;
                }
                end.push('度');
            }
            let era = words.next()?;
            let label = era::year_label(era);
            if !(era.starts_with('(') && era.ends_with(')')) || label.era.is_none() || label.era != era::year_label(year).western {
                return None;
            }
            if end == "度" {
                end.push(' ');
            }
            end.push_str(era);
            ends.push(end);
        }
        // Every word taken, and a cell ending in `年` among them (else nothing was wrapped).
        (words.peek().is_none() && years.iter().any(|year| year.ends_with('年'))).then_some((ends, n_lines))
    })
}

/// `(R7)2026` → `(R7)`, `2026`: a closing bracket glued to the digits of the next
/// label. Other words are kept whole.
fn split_after_bracket(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(word);
    std::iter::from_fn(move || {
        let word = rest?;
        // (The bracket's close looked for only in a word that opens one.)
        let close = if word.starts_with('(') { word.find(')') } else { None };
        match close {
            Some(at) if word[at + 1..].starts_with(|c: char| c.is_ascii_digit()) => {
                rest = Some(&word[at + 1..]);
                Some(&word[..=at])
            }
            _ => {
                rest = None;
                Some(word)
            }
        }
    })
}

/// True for a word that is a whole cell value (`20件`, `20(見込)`, `〇`, `-`, `(許可)`).
pub fn is_value_word(word: &str) -> bool {
    !matches!(values::kind(word), "text" | "empty")
}

/// A table printed one row per line with single spaces (raw `pdftotext`): a
/// year header, then rows that end in one value per year. A line without
/// values is a label piece for the next values-only line, or a row group
/// (`養子縁組あっせん機関等` / `職員研修参加促進事業` over its rows). Returns the rows
/// and the index of the last line used; None when no row has a value per year.
/// `strict` is `year_header` of the first line, and `row` its `stacked::year_row` when
/// `strict` is None: `classify` reads them first, to know whether to offer the lines at
/// all (reading them again here was a fifth of this).
pub fn word_table_read(
    texts: &[(u32, u32, &str)],
    strict: Option<(String, Vec<String>)>,
    row: Option<(String, Vec<String>)>,
) -> Option<(Vec<RawRow>, usize)> {
    let (&(header_line, header_page, header_text), rest) = texts.split_first()?;
    let tokens = if strict.is_some() { header_tokens(header_text) } else { Vec::new() };
    let stub_words: Vec<&str> = tokens.iter().map(|token| token.as_ref()).take_while(|token| era::year_of(token).is_none()).collect();
    // (`year_row` reads `2025 年度`, whose words `year_header` would take for a stub.)
    let two_stubs = stub_words.iter().filter(|word| word.chars().count() >= 2).count() >= 2;
    let (stub, mut years) = strict.or(row)?;
    // The header's cells wrapped at `年` (`2025 年 2026 年 …` / `度 (R7) 度 (R8) …`, a
    // browser's PDF): the second line ends each cell.
    let mut rest = rest;
    let next: Vec<&str> = rest.iter().take(2).map(|(_, _, text)| *text).collect();
    if let Some((ends, n_lines)) = header_ends(&years, &next) {
        for (year, end) in years.iter_mut().zip(ends) {
            year.push_str(&end);
        }
        rest = &rest[n_lines..];
    }
    let n_skipped = texts.len() - 1 - rest.len();
    let (rows, n_used) = word_rows(RawRow::new(header_line, header_page, std::iter::once(stub).chain(years).collect()), two_stubs, rest)?;
    let n_used = n_used + n_skipped;
    // Row groups printed on lines of their own, two stub columns (`事業名 機関名`) and a
    // data row whose label is two words (`養子縁組あっせん機関等職員 家庭養護促進協会`):
    // the group cell, centred over its rows, was printed into them too, and which words
    // are the group's is not known. (Letter-spaced `年 度` is not two columns.)
    let two_words = |text: &str| text.split_whitespace().filter(|word| word.chars().count() >= 2).count() >= 2;
    let has_groups = rows[1..].iter().any(|row| row.cells.len() == 1);
    let glued_group = rows[1..].iter().any(|row| row.cells.len() > 1 && two_words(&row.cells[0]));
    if has_groups && glued_group && two_words(&stub_words.join(" ")) {
        return None;
    }
    // Two stub columns, rows with both cells and rows with one: the first is a cell
    // merged over several rows (`merged_first_stub`), and where each ends is not known.
    let one_word = |text: &str| text.split_whitespace().count() == 1;
    if two_stubs && glued_group && rows[1..].iter().any(|row| row.cells.len() > 1 && one_word(&row.cells[0])) {
        return None;
    }
    Some((rows, n_used))
}

/// `word_table_read`, the first line's `year_header` (or `year_row`) read here.
#[cfg(test)]
pub fn word_table(texts: &[(u32, u32, &str)]) -> Option<(Vec<RawRow>, usize)> {
    let header_text = texts.first()?.2;
    let strict = year_header(header_text);
    let row = if strict.is_none() { crate::stacked::year_row(header_text) } else { None };
    word_table_read(texts, strict, row)
}

/// The rows of a word table under `header` (`[stub, year, …]`, however it was
/// printed), from the lines `rest` after it; the count of lines used, as `word_table_read`.
/// `two_stubs`: the header names two stub columns, so label-only lines may be row groups.
pub fn word_rows(header: RawRow, two_stubs: bool, rest: &[(u32, u32, &str)]) -> Option<(Vec<RawRow>, usize)> {
    let n_years = header.cells.len().saturating_sub(1);
    if n_years == 0 {
        return None;
    }
    let mut rows = vec![header];
    let mut pending: Vec<(u32, u32, String)> = Vec::new();
    // Label pieces the last row took above its values, and below them so far.
    let (mut n_above, mut n_below) = (0, 0);
    // Whether the last row's values line began with words of its label (`標 156 168 …`).
    let mut label_on_line = false;
    let mut last_used = 0;
    let mut n_data = 0;
    let mut n_blank = 0;
    for (offset, &(line, page, text)) in rest.iter().enumerate() {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.is_empty() {
            n_blank += 1;
            if n_blank > 2 {
                break;
            }
            continue;
        }
        n_blank = 0;
        // Another year header (`2025 年 2026 年 … 2029 年度`, a browser's PDF) starts another
        // table: its cells are no row's values, though each reads as a number and a unit.
        if era::has_year_marks(text, n_years.min(3)) && (year_header(text).is_some() || crate::stacked::year_row(text).is_some()) {
            break;
        }
        // A page number between dashes (`- 24 -`) is the page's furniture, no row of values.
        // (Not `— — — — 0`, a row's values whose label is on the line above.)
        if text.starts_with(['-', '—']) && text.ends_with(['-', '—']) && crate::blocks::is_furniture(text) {
            break;
        }
        let mut n_values = words.iter().rev().take_while(|word| is_value_word(word)).count();
        // More value words than years: cells of two words (`1 (+0)`, `106 回 (見込)`) when
        // they group into one cell per year; else the first words belong to the label.
        // (Not a number and a bare status word, `1 中止`: as likely two cells, 2019's `1` and
        // 2020's `中止`, every later value a year off if they are taken for one.)
        let mut grouped = (n_values > n_years)
            .then(|| values::split_values(&words[words.len() - n_values..].join(" ")))
            .flatten()
            .filter(|parts| parts.len() == n_years && !parts.iter().any(|part| values::number_then_bare_status(part)));
        // (Only when the line ends in a number and a word, or a number, a word and a
        // bracket, `2 件 (+0)`: the search splits many tails.)
        let ends_in_unit_word = words.len() > n_years
            && words.len() >= 2
            && (values::number(words[words.len() - 2]).is_some()
                || (words.len() >= 3 && words[words.len() - 1].starts_with('(') && values::number(words[words.len() - 3]).is_some()));
        if n_values < n_years && ends_in_unit_word {
            // Values whose unit is a word of its own (`10 回 10 回 …`, `15 人 20 人 …`).
            if let Some((n_words, parts)) = unit_values(&words, n_years).or_else(|| {
                // Three words a value only when the line ends in a bracket (`2 件 (+0)`).
                let per_value = if words.last().is_some_and(|word| word.starts_with('(')) { 3 } else { 2 };
                (n_years + 1..=words.len().min(per_value * n_years)).find_map(|n_words| {
                    values::split_values(&words[words.len() - n_words..].join(" "))
                        .filter(|parts| parts.len() == n_years)
                        .map(|parts| (n_words, parts))
                })
            }) {
                n_values = n_words;
                grouped = Some(parts);
            }
        }
        let lone_number = words.len() == 1 && words[0].len() <= 2 && words[0].chars().all(|c| c.is_ascii_digit());
        if n_values == n_years || grouped.is_some() {
            let (label_words, values) = match grouped {
                Some(parts) => (&words[..words.len() - n_values], parts),
                None => (&words[..words.len() - n_years], words[words.len() - n_years..].iter().map(|word| word.to_string()).collect()),
            };
            (n_above, n_below) = (pending.len(), 0);
            label_on_line = !label_words.is_empty();
            // A row number on a line of its own (`3` / `特別養子縁組…`) stays a word apart.
            let mut label = pending.drain(..).fold(String::new(), |acc, (_, _, piece)| {
                if !acc.is_empty() && acc.chars().all(|c| c.is_ascii_digit()) {
                    format!("{acc} {piece}")
                } else {
                    join(&acc, &piece)
                }
            });
            // The words of one line were apart on it: they keep their space.
            label = join(&label, &label_words.join(" "));
            let label = strip_row_number(&label);
            let mut cells = vec![label];
            cells.extend(values);
            rows.push(RawRow::new(line, page, cells));
            n_data += 1;
            last_used = offset + 1;
        } else if n_values == 0 && words.len() >= n_years {
            // As many words as years and no value: the first lines of text cells wrapped
            // side by side (`・ライフストー ・ライフストー …`), not a label. No reading proven.
            break;
        } else if n_values == 0
            && (crate::stacked::is_year_cell(text) || crate::stacked::ends_wrapped_year(text) || crate::blocks::is_caption(text))
        {
            // A year cell (`2024 年`, `度 (R6)`) or a caption: the next table's, no label piece.
            break;
        } else if lone_number && !pending.is_empty() {
            // A row's number opens its label: after a label piece, a lone number is a value
            // printed a line each (`2` / `2` / `4` …), of no row this reading makes.
            break;
        } else if (n_values == 0 || lone_number) && text.chars().count() <= 40 && !text.contains('。') {
            // The end of the last row's label, wrapped below its values (`度からの増減)`, `の配置`):
            // as many pieces as it had above them, or one that plainly finishes it.
            // Not when a row of values without a label comes next: the piece is its label.
            let next_values_only = || {
                rest[offset + 1..]
                    .iter()
                    .map(|(_, _, text)| (text.trim(), text.split_whitespace().collect::<Vec<_>>()))
                    .find(|(text, words)| !words.is_empty() && (!may_end_label(text) || words.iter().any(|word| is_value_word(word))))
                    .is_some_and(|(_, words)| {
                        // `(4) 里親登録…` is a heading, not a value.
                        let numbered = words[0].starts_with('(')
                            && words[0].ends_with(')')
                            && words[0][1..words[0].len() - 1].bytes().all(|b| b.is_ascii_digit());
                        is_value_word(words[0]) && !numbered
                    })
            };
            let tail_word = offset == last_used
                && ends_label_below(text.trim())
                && rest.get(offset + 1).is_none_or(|(_, _, next)| next.trim().is_empty());
            // A piece whose bracket the next line's label closes (`在宅指導措置委託件数 (前年度` /
            // `からの増減) 2 件 (+0) …`) starts the next row's label.
            let opens_next = || {
                crate::stacked::leaves_bracket_open(text.trim())
                    && rest.get(offset + 1).is_some_and(|(_, _, next)| {
                        next.split_whitespace().next().is_some_and(|first| !is_value_word(first) && continues_label(text.trim(), first))
                    })
            };
            // A piece of one or two characters right under a row, before a row whose label is
            // longer (`3 歳 未 33.3% …` / `満` / `3 歳 ～ 20.0% …`): a wrapped cell's first line
            // fills its column, so so short a piece is the end of the label above.
            let short_tail = || {
                offset == last_used
                    && text.trim().chars().count() <= 2
                    && ends_label_below(text.trim())
                    && rest.get(offset + 1).is_some_and(|(_, _, next)| {
                        let words: Vec<&str> = next.split_whitespace().collect();
                        let n_values = words.iter().rev().take_while(|word| is_value_word(word)).count();
                        let label_chars: usize = words[..words.len() - n_values].iter().map(|word| word.chars().count()).sum();
                        n_values > 0 && label_chars > 2
                    })
            };
            // A label that ended on its values line (`年度ごとの整備目` / `標 156 168 …`), before
            // a row that does the same (`整備目標に対する` / `過不足 (+0) …`): the piece between
            // starts the next label, as the one above did.
            let next_label_on_line = || {
                rest[offset + 1..].iter().find(|(_, _, next)| !next.trim().is_empty()).is_some_and(|(_, _, next)| {
                    let words: Vec<&str> = next.split_whitespace().collect();
                    let n_values = words.iter().rev().take_while(|word| is_value_word(word)).count();
                    n_values == n_years && words.len() > n_years
                })
            };
            // A piece right above a unit line, a caption or a year cell heads the next table
            // (`子育て支援課実施分` / `単位：人（年間の利用人数）` / `2025年度` …).
            let next_starts_table = || {
                rest[offset + 1..].iter().find(|(_, _, next)| !next.trim().is_empty()).is_some_and(|(_, _, next)| {
                    let next = next.trim();
                    next.starts_with("単位")
                        || next.starts_with("(単位")
                        || crate::blocks::is_caption(next)
                        || crate::stacked::is_year_cell(next)
                        || year_header(next).is_some()
                })
            };
            // What makes the piece the next row's (or the next table's) rather than the rest above.
            let starts_next = || next_values_only() || opens_next() || (label_on_line && next_label_on_line()) || next_starts_table();
            let previous = rows.last_mut().filter(|row| pending.is_empty() && n_data > 0 && row.cells.len() > 1);
            match previous {
                Some(row)
                    if (n_below < n_above && may_end_label(text.trim()) && !starts_next())
                        || continues_label(&row.cells[0], text.trim())
                        || tail_word
                        || short_tail() =>
                {
                    row.cells[0] = join(&row.cells[0], text.trim());
                    n_below += 1;
                    last_used = offset + 1;
                }
                _ => pending.push((line, page, text.trim().to_string())),
            }
        } else {
            break;
        }
        // Label-only lines directly followed by a row with its own label are a row group.
        if n_values == 0 && !pending.is_empty() {
            let next_has_label = rest
                .get(offset + 1..)
                .and_then(|after| after.iter().find(|(_, _, text)| !text.trim().is_empty()))
                .is_some_and(|(_, _, next)| {
                    let words: Vec<&str> = next.split_whitespace().collect();
                    let n_values = words.iter().rev().take_while(|word| is_value_word(word)).count();
                    // A label of one or two characters (`登録` / `率 1.53 …`) is the end of the
                    // label above it, not a row of its own.
                    let label_chars: usize = words[..words.len().saturating_sub(n_years)].iter().map(|word| word.chars().count()).sum();
                    n_values == n_years && words.len() > n_years && label_chars > 2
                });
            // Row groups are a stub column of their own: the header names two (`事業名 機関名`).
            // Under one stub (`評価指標`), the piece is the start of the next row's label
            // (`こども家庭ソーシャルワーカー` / `養成研修 — — …`).
            let next_has_label = next_has_label && two_stubs;
            if next_has_label {
                let group = pending.drain(..).fold(String::new(), |acc, (_, _, piece)| join(&acc, &piece));
                rows.push(RawRow::new(line, page, vec![group]));
                last_used = offset + 1;
            }
        }
    }
    (n_data > 0).then_some((rows, last_used))
}

/// The words at the end of a row that are one value per year when a value's unit is
/// a word of its own (`実施回数 10 回 10 回 10 回 12 回 12 回`): the longest run of
/// words after the label that makes exactly `n_years` values, each a number and its
/// unit; the label's last word no value. Returns (words used, values).
fn unit_values(words: &[&str], n_years: usize) -> Option<(usize, Vec<String>)> {
    (1..words.len()).find_map(|start| {
        let tail = &words[start..];
        // A unit word follows a number; the run starts with a number.
        let numbers = tail.iter().filter(|word| values::number(word).is_some()).count();
        if numbers != n_years || values::number(tail[0]).is_none() || is_value_word(words[start - 1]) {
            return None;
        }
        let parts = values::split_values(&tail.join(" ")).filter(|parts| parts.len() == n_years)?;
        parts.iter().all(|part| part.contains(' ') && values::kind_and_unit(part).1.is_some()).then_some((tail.len(), parts))
    })
}

/// True for a line that may be the end of a wrapped label: not a heading, a
/// bracketed label, a bullet, a note or a unit line.
fn may_end_label(text: &str) -> bool {
    // A row's unit in brackets (`一時保護施設（箇` / `所）`, `児童福祉施設等` / `（箇所）`).
    let unit = text.strip_prefix('(').and_then(|rest| rest.strip_suffix(')')).is_some_and(|unit| crate::tables::ROW_UNITS.contains(&unit));
    // Not a note with a colon (`対象：要保護児童世帯、…`, printed under a table).
    unit || (!text.starts_with(|c: char| c.is_ascii_digit() || "(○●◎<«【①②③④⑤⑥⑦⑧⑨⑩・※".contains(c))
        && !text.contains("単位")
        && !text.contains([':', '：'])
        && !STUB_WORDS.contains(&text))
}

/// True for a short piece printed right under a table's last row, with a blank
/// line after it, that ends the row's label (`登録 1.53 1.46 …` / `率`, `第三者評価を
/// 実施している一 - 1 …` / `時保護施設数(箇所)`: pypdf prints a wrapped label's rest
/// under its row): no sentence, note, bullet, heading or value.
pub fn ends_label_below(text: &str) -> bool {
    // A label's formula of circled numbers (`全体からの割合` / `②/①`).
    let formula = text.chars().all(|c| matches!(c, '①'..='⑳' | '/' | '-' | '+' | '×'));
    (1..=20).contains(&text.chars().count())
        && (may_end_label(text) || formula)
        && !text.contains('。')
        && !text.split_whitespace().any(is_value_word)
}

/// True when `next` finishes `label`, wrapped: it closes a bracket `label` left
/// open, starts with a particle (`の配置`), `label` stops mid-word (`…ワー`, a katakana
/// word cut in two), or it is a note mark (`※1`).
pub fn continues_label(label: &str, next: &str) -> bool {
    let closes_bracket =
        next.contains(')') && next.find(')') < next.find('(').or(Some(usize::MAX)) && crate::stacked::leaves_bracket_open(label);
    let particle = next.chars().next().is_some_and(|c| matches!(c, 'の' | 'を' | 'に' | 'は' | 'が' | 'と' | 'へ' | 'で'));
    let katakana = |c: char| matches!(c, 'ァ'..='ヺ' | 'ー');
    // A katakana word cut in two (`こども家庭ソーシャル` / `ワーカー養成研修`); `-` is a
    // `ー` that came out garbled (`児童福祉司ス-バ°-` / `ハ"イサ"-…`).
    // (And a word cut before its `ー` printed garbled: `児童福祉司ス` / `-バ°-ハ"イサ"` / `- (SV)…`.)
    let mid_word = label.ends_with(['ー', 'ッ', 'ャ', 'ュ', 'ョ', '-'])
        || (label.chars().last().is_some_and(katakana) && next.chars().next().is_some_and(|c| katakana(c) || c == '-'))
        || (label.ends_with(['"', '°']) && next.starts_with('-'));
    // A note mark printed under its label (`児童福祉司等配置数` / `※1`).
    let note_mark = next.strip_prefix('※').is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()));
    closes_bracket || particle || mid_word || note_mark
}

/// `1 親子再統合支援事業…` → `親子再統合支援事業…` (the row number of a numbered table).
fn strip_row_number(label: &str) -> String {
    match label.split_once(' ') {
        // Not `18 歳未満人口 B`: a number followed by its unit is part of the label.
        Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() && !crate::blocks::unit_follows(rest) => {
            rest.to_string()
        }
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SpacedLine> {
        text.lines().enumerate().map(|(idx, line)| SpacedLine { line: idx as u32 + 1, page: 1, spans: spans(line) }).collect()
    }

    #[test]
    fn rows_are_cells_apart_not_prose() {
        assert!(is_row("延べ面会回数                    82 回               124 回"));
        assert!(!is_row("  本文の一行。  続き"));
        assert!(!is_row("一つのセルだけ"));
        assert!(!is_row(&format!("{}  1", "あ".repeat(41))));
        assert!(!is_row(" (令和6年4月1日現在     在籍児童)"));
        assert!(is_row("   2024 年度① (R6) (現計    2024 年度② (R6) (実"));
    }

    #[test]
    fn a_piece_whose_bracket_the_next_rows_label_closes_starts_that_label() {
        // 003_calc_pdftotext_layout 578-583 (rows whose labels start on their values line).
        let table = "                      2025 年度 2026 年度
                        (R7)    (R8)
資源の必要量                      85          90
年度ごとの整備目標 (前年度からの増
減)                      85 (+7)     90 (+5)";
        let labels: Vec<String> = super::rows(&lines(table)).into_iter().skip(1).map(|row| row.cells[0].clone()).collect();
        assert_eq!(labels, ["資源の必要量", "年度ごとの整備目標 (前年度からの増減)"]);
    }

    #[test]
    fn a_header_of_year_cells_with_no_row_under_it_is_all_header() {
        // 003_vheader_pdftotext_layout 829-830 and 1495-1497: the rows on the next page.
        let header = lines("            年   2025 年度      2026 年度\n            度    (R7)          (R8)");
        assert_eq!(header_len(&header), 2);
        assert_eq!(super::rows(&header)[0].cells, ["年度", "2025 年度 (R7)", "2026 年度 (R8)"]);
        let header = lines("                 2019 年   2020 年\n                   度        度\n                  (R1)     (R2)");
        assert_eq!(header_len(&header), 3);
        // (Lines that are not all years' pieces stay rows.)
        let not_header = lines("            年   2025 年度      2026 年度\n実施回数         中止           未定");
        assert_eq!(header_len(&not_header), 1);
    }

    #[test]
    fn a_header_cells_last_line_right_of_the_labels_is_the_headers() {
        // 003_a5centre_pdftotext_layout 982-987: the first header cell centred over three lines,
        // its last line `数` alone above the first row, right of every row label.
        let table = "             児童家庭支援センター
                              在宅指導措置委託件数
                  数
資源の必要量                    1       5件
現在の整備・取組状況                1       2件
整備すべき見込量              0           3件";
        let rows = rows(&lines(table));
        assert_eq!(rows[0].cells, ["", "児童家庭支援センター数", "在宅指導措置委託件数"]);
        assert_eq!(rows[1].cells, ["資源の必要量", "1", "5件"]);
        // (A piece at the labels' edge above the first row is a wrapped label still.)
        let table = "             児童家庭支援センター
                              在宅指導措置委託件数
資源の
必要量                    1       5件
現在の整備・取組状況                1       2件";
        let rows = super::rows(&lines(table));
        assert_eq!(rows[1].cells, ["資源の必要量", "1", "5件"]);
    }

    #[test]
    fn a_stub_word_and_year_cells_over_their_eras_are_one_header_row() {
        // The 明石市 plan printed by Chromium, `pdftotext -layout` (003_chromium_pdftotext_layout 573-584):
        // labels aligned to the top of their rows, their rests under them.
        let table = "   年度     2020 年度        2021 年度      2022 年度
           (R2)           (R3)         (R4)
 妊娠届出        2,646          2,598         2,615
数
 転入妊婦            228         211           264
数";
        let rows = rows(&lines(table));
        assert_eq!(
            rows.iter().map(|row| row.cells.clone()).collect::<Vec<_>>(),
            [
                vec!["年度", "2020 年度 (R2)", "2021 年度 (R3)", "2022 年度 (R4)"],
                vec!["妊娠届出数", "2,646", "2,598", "2,615"],
                vec!["転入妊婦数", "228", "211", "264"],
            ]
        );
        // A first cell that is no stub word leaves the line a row (`転入 2020 年度 …` has a value's shape).
        let not_stub = table.replacen("年度     2020", "件数     2020", 1);
        assert_eq!(super::rows(&lines(&not_stub))[0].cells[0], "件数");
        assert_ne!(super::rows(&lines(&not_stub))[1].cells[0], "妊娠届出数");
    }

    #[test]
    fn year_cells_over_their_eras_are_paired_in_order() {
        // 003_chromium_pdftotext_layout 480-483: the eras' places drift right of their years'.
        let header = lines("           2025年度 2026年度 2027年度 2028年度 2029年\n            (R7)     (R8)     (R9)     (R10) 度 (R11)");
        let (stub, cells) = paired_years(&header).expect("paired");
        assert_eq!(stub, "");
        assert_eq!(cells, ["2025年度 (R7)", "2026年度 (R8)", "2027年度 (R9)", "2028年度 (R10)", "2029年度 (R11)"]);
        // The stub word alone on a middle line, the eras drifted off their years (003_sjis 693-697:
        // every character printed full width, so the places no longer overlap).
        let header = lines(
            "              2020 年度       2021 年度
    年度
                 (R2)              (R3)",
        );
        assert_eq!(paired_years(&header), Some(("年度".to_string(), vec!["2020 年度 (R2)".to_string(), "2021 年度 (R3)".to_string()])));
        let header = lines(
            "              2020 年度       2021 年度
    件数
                 (R2)              (R3)",
        );
        assert_eq!(paired_years(&header), None);
        // A stub wrapped at 年 (`年` over `度`).
        let header = lines(" 年 2024 年 2025 年\n 度 度 (R6) 度 (R7)");
        assert_eq!(paired_years(&header), Some(("年度".to_string(), vec!["2024 年度 (R6)".to_string(), "2025 年度 (R7)".to_string()])));
        // An era that names another year than the cell above it: no pairing.
        let header = lines("  2025年度 2026年度\n   (R8)     (R9)");
        assert_eq!(paired_years(&header), None);
        // A total column wrapped alike (`合` over `計`) comes last.
        let header = lines("  2023年 2024年 合\n  度 (R5) 度 (R6) 計");
        assert_eq!(
            paired_years(&header).map(|(_, cells)| cells),
            Some(vec!["2023年度 (R5)".into(), "2024年度 (R6)".into(), "合計".to_string()])
        );
        // One era short: no pairing.
        let header = lines("  2025年度 2026年度 2027年度\n   (R7)     (R8)");
        assert_eq!(paired_years(&header), None);
        // The last cell printed whole on the bottom line (a spreadsheet, 003_calc_pdftotext_layout
        // 1391-1392).
        let header =
            lines("                     2019 年度 2020 年度 2021 年度\n                       (R1)    (R2)    (R3)    2022 年度 (R4)");
        assert_eq!(
            paired_years(&header).map(|(_, cells)| cells),
            Some(vec!["2019 年度 (R1)".into(), "2020 年度 (R2)".into(), "2021 年度 (R3)".into(), "2022 年度 (R4)".into()])
        );
        // (Not when the whole cell names a year the eras above it do not lead to.)
        let header = lines("   2019 年度 2020 年度\n     (R1)    (R3)    2021 年度 (R3)");
        assert_eq!(paired_years(&header), None);
        // Eras run together as well (`度 (R9) (R10)` one span): each the end its cell needs.
        let header = lines("       2026 年 2027 年 2028 年度 2029 年度\n       度 (R8) 度 (R9) (R10)    (R11)");
        assert_eq!(
            paired_years(&header).map(|(_, cells)| cells),
            Some(vec!["2026 年度 (R8)".into(), "2027 年度 (R9)".into(), "2028 年度 (R10)".into(), "2029 年度 (R11)".into()])
        );
    }

    #[test]
    fn a_value_wrapped_inside_its_cell_is_joined() {
        // Seed 000 printed by Chromium, `pdftotext -layout` (000_chromium_pdftotext_layout 139-142).
        let table = "   年 度        R2年度   R3年度   R4年度   R5年度   R6年度
 目標数値           16     17     18     19     20
 実 績           11     15     16     18    20(見
                                          込)";
        let rows = rows(&lines(table));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].cells, ["実 績", "11", "15", "16", "18", "20(見込)"]);
        // Not a bracket the cell above leaves open: a row of its own, not joined.
        let closed = table.replace("20(見\n", "20(見)\n");
        assert_eq!(super::rows(&lines(&closed)).last().unwrap().cells, ["込)"]);
    }

    #[test]
    fn stub_beside_a_spanning_header_cell() {
        // Seed 000's table B printed by Chromium (000_chromium_pdftotext_layout 264-269, row numbers left out).
        let table = "                         定量的な整備目標
      資源        令和7年 令和8年 令和9年 令和10         令和11
                 度    度     度     年度        年度
     児童相談所の通じ
    た特別養子縁組の成   20件    21件    21件    22件    22件
    立件数";
        let rows = rows(&lines(table));
        assert_eq!(rows[0].cells, ["資源", "定量的な整備目標", "", "", "", ""]);
        assert_eq!(rows[1].cells, ["", "令和7年度", "令和8年度", "令和9年度", "令和10年度", "令和11年度"]);
        assert_eq!(rows[2].cells, ["児童相談所の通じた特別養子縁組の成立件数", "20件", "21件", "21件", "22件", "22件"]);
        // A running title at the right, past the columns, spans nothing (Ghostscript).
        let title = table.replace("                         定量的な整備目標", &format!("{}明石市社会的養育推進計画", " ".repeat(50)));
        let rows = super::rows(&lines(&title));
        assert_eq!(rows[0].cells[..6], ["資源", "令和7年度", "令和8年度", "令和9年度", "令和10年度", "令和11年度"]);
    }

    #[test]
    fn a_stub_word_before_run_together_years_is_split_off() {
        let cells = |text: &str| -> Vec<String> {
            split_years(&Span { start: 0, end: text.chars().count(), text: text.to_string() })
                .into_iter()
                .map(|span| span.text.clone())
                .collect()
        };
        assert_eq!(cells("年度 2024 年度 (R6) 2025 年度 (R7)"), ["年度", "2024 年度 (R6)", "2025 年度 (R7)"]);
        // Another word may be a label's first line (`設置` / `数`): left as it is.
        assert_eq!(cells("設置 2024 年度 (R6) 2025 年度 (R7)"), ["設置 2024 年度 (R6)", "2025 年度 (R7)"]);
    }

    #[test]
    fn splits_at_two_spaces() {
        let cells: Vec<String> =
            spans("延べ面会回数                    82 回               124 回").into_iter().map(|span| span.text).collect();
        assert_eq!(cells, ["延べ面会回数", "82 回", "124 回"]);
    }

    #[test]
    fn year_table_with_stub_and_fused_headers() {
        let rows = rows(&lines(
            "                  2025 年度 (R7) 2026 年度 (R8) 2027 年度 (R9)\nこども家庭センターの設置数                1              1              1\nサポートプランの策定状況 (前\n                         120 件      140 件 (+20)    160 件 (+20)\n年度からの増減)",
        ));
        assert_eq!(rows[0].cells, ["", "2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)"]);
        assert_eq!(rows[2].cells, ["サポートプランの策定状況 (前年度からの増減)", "120 件", "140 件 (+20)", "160 件 (+20)"]);
    }

    #[test]
    fn row_numbers_in_a_column_of_their_own() {
        // Seed 000's table B as `pdftotext -layout` prints it (000_libreoffice_pdftotext_layout 392-403).
        let table = "                                        定量的な整備目標
        資源
                    令和 7 年度   令和 8 年度    令和 9 年度
    児童相談所の通じた特別養子
1                    20 件      21 件       21 件
    縁組の成立件数
    民間あっせん機関を通じた特
2                     6件        6件         6件
    別養子縁組の成立件数
    特別養子縁組等に関する研修
3   を受講した児童相談所職員の    100%      100%       100%
    割合";
        let rows = rows(&lines(table));
        let labels: Vec<&str> = rows.iter().skip(2).map(|row| row.cells[0].as_str()).collect();
        assert_eq!(
            labels,
            [
                "児童相談所の通じた特別養子縁組の成立件数",
                "民間あっせん機関を通じた特別養子縁組の成立件数",
                "特別養子縁組等に関する研修を受講した児童相談所職員の割合"
            ]
        );
        assert_eq!(rows[2].cells[1..], ["20 件", "21 件", "21 件"]);
        // Numbers out of order, or a row with nothing to name it: the numbers stay.
        assert!(without_row_numbers(&lines("    ラベル\n2   10  20\n1   30  40")).is_none());
        assert!(without_row_numbers(&lines("1   10  20\n2   30  40")).is_none());
    }

    #[test]
    fn merged_group_cells_centred_on_their_rows() {
        // Seed 000's table F as `pdftotext -layout` prints it (000_libreoffice_pdftotext_layout 317-322).
        let table = "          事業名              機関名      R3     R4    R5     R 6(見込)   R 7(見込)
養子縁組あっせん機関等職員      家庭養護促進協会         〇       〇    〇           〇      〇
研修参加促進事業           まもりごと            -       〇    〇           〇      〇
                   家庭養護促進協会         〇       -    -           〇      -
第三者評価受審促進事業
                   まもりごと            -     (許可)   -           -      〇";
        let rows = rows(&lines(table));
        let cells: Vec<Vec<&str>> = rows.iter().map(|row| row.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(cells[0], ["事業名機関名", "R3", "R4", "R5", "R 6(見込)", "R 7(見込)"]);
        assert_eq!(cells[1], ["養子縁組あっせん機関等職員研修参加促進事業"]);
        assert_eq!(cells[2], ["家庭養護促進協会", "〇", "〇", "〇", "〇", "〇"]);
        assert_eq!(cells[3][0], "まもりごと");
        assert_eq!(cells[4], ["第三者評価受審促進事業"]);
        assert_eq!(cells[5][..3], ["家庭養護促進協会", "〇", "-"]);
        assert_eq!(cells[6][..3], ["まもりごと", "-", "(許可)"]);
        // The second group's name one line lower: no run of rows is centred under it.
        let moved =
            table.replace("第三者評価受審促進事業\n                   まもりごと", "                   まもりごと\n第三者評価受審促進事業");
        assert!(centred_groups(&lines(&moved)).is_none());
    }

    #[test]
    fn wrapped_header_cells_are_joined() {
        let rows = rows(&lines(
            "                      2024 年度① (R6) (現計     2024 年度② (R6) (実\n           2019 年度 (R1)                                          ②-①\n                            画)                   績)\n受託率④          20.0                  35.0                    25.8          ▲9.2",
        ));
        assert_eq!(rows[0].cells, ["", "2019 年度 (R1)", "2024 年度① (R6) (現計画)", "2024 年度② (R6) (実績)", "②-①"]);
    }

    /// A breakdown header over three columns, its cells fused and wrapped, under a
    /// spanning cell that has no column of its own: six values, seven header cells.
    const BREAKDOWN: &str = "                   2024 年度 (R6)    2029 年度 (R11) 2029 年度 (R11)
                                                               (内訳)
                      (実績)             (現行)          (改定)
                                                                    3 歳未 3 歳～就学           学童期以
                                                                      満     前               降
代替養育を必要とする子ども                 62                 93            73       3            6               64";

    #[test]
    fn spanning_header_cell_over_a_breakdown() {
        let rows = rows(&lines(BREAKDOWN));
        assert_eq!(rows[0].cells, ["", "2024 年度 (R6) (実績)", "2029 年度 (R11) (現行)", "2029 年度 (R11) (改定)", "(内訳)", "", ""]);
        assert_eq!(rows[1].cells, ["", "", "", "", "3 歳未満", "3 歳～就学前", "学童期以降"]);
        assert_eq!(rows[2].cells, ["代替養育を必要とする子ども", "62", "93", "73", "3", "6", "64"]);
    }

    #[test]
    fn spanning_cell_needs_one_header_cell_too_many() {
        // One value more: `(内訳)` may be a column of its own; the header stays one row.
        let text = format!("{BREAKDOWN}  1");
        let rows = rows(&lines(&text));
        assert_eq!(rows[0].cells.len(), 8);
        assert_eq!(rows[1].cells[0], "代替養育を必要とする子ども");
    }

    #[test]
    fn spanning_header_cell_over_its_columns() {
        let rows = rows(&lines(
            "               乳児院                   児童養護施設              里親+F H                        合計\n                                                           里親             FH\n3 歳未満              66.7%                       0.0%            33.3%       33.3%            0.0%    100.0%",
        ));
        assert_eq!(rows[0].cells, ["", "乳児院", "児童養護施設", "里親+F H", "", "合計"]);
        assert_eq!(rows[1].cells, ["", "", "", "里親", "FH", ""]);
        // A line over all the columns (a caption's second line) spans nothing.
        let rows =
            super::rows(&lines("子ども数の見込み\n               乳児院          児童養護施設\n3 歳未満              66.7%          0.0%"));
        assert_eq!(rows[1].cells, ["3 歳未満", "66.7%", "0.0%"]);
    }

    #[test]
    fn a_piece_over_the_tail_of_a_wrapped_cell_is_a_column_of_its_own() {
        let text = "                                          2024年度① (R6) (現計 2024年度② (R6) (実
                                2019年度 (R1)                           ②-①
                                                画)           績)
        代替養育を必要とする子ども数①                  7            7             3   ▲4";
        let rows = rows(&lines(text));
        assert_eq!(rows[0].cells, ["", "2019年度 (R1)", "2024年度① (R6) (現計画)", "2024年度② (R6) (実績)", "②-①"]);
        // With a value per flat column, nothing is split off.
        let short = text.replace("   ▲4", "");
        assert_eq!(super::rows(&lines(&short))[0].cells.len(), 4);
    }

    #[test]
    fn values_with_their_unit_as_a_word() {
        let words: Vec<&str> = "受講者数 (子ども) 15 人 20 人 25 人".split(' ').collect();
        assert_eq!(unit_values(&words, 3), Some((6, vec!["15 人".to_string(), "20 人".into(), "25 人".into()])));
        // A value short, or a value without its unit: not read.
        assert_eq!(unit_values(&words, 4), None);
        let words: Vec<&str> = "実施回数 10 回 10 12 回".split(' ').collect();
        assert_eq!(unit_values(&words, 3), None);
    }

    #[test]
    fn fused_header_cells_split_only_before_a_number() {
        let below = spans("      満     前");
        let split = |text: &str| split_parallel(&spans(text)[0], &below).into_iter().map(|span| span.text).collect::<Vec<_>>();
        assert_eq!(split("    3 歳未 3 歳～就学"), ["3 歳未", "3 歳～就学"]);
        assert_eq!(split("    里親 + F H 合"), ["里親 + F H 合"]);
    }

    #[test]
    fn table_continues_after_a_page_break_when_its_header_is_repeated() {
        let mut group = lines(BREAKDOWN);
        let next_text = format!(
            "{}\n数①\n里親を必要とする子ども数②     23     68     54     3     6     45",
            &BREAKDOWN[..BREAKDOWN.rfind('\n').unwrap()]
        );
        let next = lines(&next_text);
        assert!(!continue_after_page_break(&mut group.clone(), lines("  2024 年度 (R6)    2029 年度 (R11)\n数①     1     2")));
        assert!(continue_after_page_break(&mut group, next));
        let rows = rows(&group);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2].cells[0], "代替養育を必要とする子ども数①");
        assert_eq!(rows[3].cells[0], "里親を必要とする子ども数②");
    }

    #[test]
    fn a_number_cut_above_its_row_is_the_head_of_its_cell() {
        // 003_vlgothic_pdftotext_layout 1425-1428: `▲10.0` wrapped in its cell, the row's other
        // cells centred on its two lines. It had been read as a row group `▲10.`, the row's
        // difference `0`.
        let group = lines(concat!(
            "                     2019 年度 (R1)   2024 年度①   2024 年度②   ②-①\n",
            "登録里親数③                           4                 8                  4     ▲4\n",
            "                                                                           ▲10.\n",
            "受託率④                           20.0              35.0               25.0     0\n",
            "受託里親数⑤                           1                 3                  1     ▲2",
        ));
        let rows = rows(&group);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2].cells, ["受託率④", "20.0", "35.0", "25.0", "▲10.0"]);
        assert!(is_cut_number("▲10.") && is_cut_number("1,"));
        assert!(!is_cut_number("10") && !is_cut_number(".") && !is_cut_number("▲") && !is_cut_number("10.0"));
    }

    #[test]
    fn cells_cut_inside_their_brackets_with_the_label_on_their_second_line() {
        // 003_widecols_pdftotext_layout 1795-1799: narrow value columns; each share wraps at its
        // decimal point, the row's label centred on the cells' two lines. It had been kept as
        // fragments (a row of 2 cells for 5 columns).
        let group = lines(concat!(
            "                  2020 年度 2021 年度 2022 年度\n",
            "                    (R2)     (R3)     (R4)\n",
            "2 歳未満                    31       75     141\n",
            "                    26 (83.  59 (78. 108 (76.\n",
            "(うち里親)                 9%)      7%)      6%)\n",
            "2 歳以上                  441      746      761",
        ));
        let rows = rows(&group);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2].cells, ["(うち里親)", "26 (83.9%)", "59 (78.7%)", "108 (76.6%)"]);
        assert_eq!(rows[3].cells[0], "2 歳以上");
        // Rests that do not close the brackets, or one short: not joined.
        let line = |text: &str| lines(text).remove(0);
        let heads = line("                    26 (83.  59 (78.");
        assert!(cut_cells_rows(&heads, &line("(うち里親)                 9%       7%"), 1, 20).is_none());
        assert!(cut_cells_rows(&heads, &line("(うち里親)                 9%)"), 1, 20).is_none());
        assert_eq!(
            cut_cells_rows(&heads, &line("(うち里親)                 9%)      7%)"), 1, 20),
            Some(vec!["26 (83.9%)".to_string(), "59 (78.7%)".into()])
        );
    }

    #[test]
    fn a_number_cut_in_three_lines_around_its_row() {
        // 003_b5_pdftotext_layout 1011-1014: `▲10.` above the row, `0` below it.
        let group = lines(concat!(
            "                  2019 年度 (R1)   2024 年度①   2024 年度②   ②-①\n",
            "登録里親数③                        4              8                4     ▲4\n",
            "                                                                   ▲10.\n",
            "受託率④                        20.0           35.0             25.0\n",
            "                                                                      0\n",
            "受託里親数⑤                         1             3                 1    ▲2",
        ));
        let rows = rows(&group);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2].cells, ["受託率④", "20.0", "35.0", "25.0", "▲10.0"]);
        assert_eq!(rows[3].cells[0], "受託里親数⑤");
    }

    #[test]
    fn top_aligned_cells_with_a_text_cells_rest() {
        // 003_docx_pdftotext_layout 538-546: Word's cells aligned to the top of their rows; a
        // text cell's rest under it, a label's rest under it.
        let group = lines(concat!(
            "                こども家庭センター              サポートプラン策定            内部研修の実施回数\n",
            "                    の設置数                     体制の整備\n",
            "資源の必要量等         1                      支援サービスを利用           年 6 回実施\n",
            "                                       している全ケース\n",
            "現在の整備・取組状       1                      40 件                年 5~6 回実施\n",
            "況等\n",
            "整備すべき見込量等       0                      200 件               年 6 回実施",
        ));
        let rows = rows(&group);
        let cells: Vec<Vec<String>> = rows[1..].iter().map(|row| row.cells.clone()).collect();
        assert_eq!(cells[0], ["資源の必要量等", "1", "支援サービスを利用している全ケース", "年 6 回実施"]);
        assert_eq!(cells[1][0], "現在の整備・取組状況等");
        assert_eq!(cells[2][0], "整備すべき見込量等");
    }

    #[test]
    fn a_label_a_letter_per_line_centred_on_its_values() {
        // 003_a5centre_pdftotext_layout 2817-2822: `登録率` in a one-character column, centred.
        // Read as top-aligned it had given the rows `(B)登` and `録`, and `率` lost.
        let group = lines(concat!(
            "      2024 年度   2025 年度      2026 年度\n",
            "(A)     95         104         115\n",
            "(B)     62         71          71\n",
            "登\n",
            "録       1.53       1.46        1.62\n",
            "率",
        ));
        let labels: Vec<String> = rows(&group).into_iter().map(|row| row.cells[0].clone()).collect();
        assert_eq!(labels, ["", "(A)", "(B)", "登録率"]);
        // A label's rest of two characters under it is no letter (`兵` / `庫県`, top-aligned).
        let group = lines(concat!(
            "     2020 年度       2021 年度       2022 年度\n",
            " 兵         13            11            11\n",
            "庫県\n",
            " 明             1             1             1\n",
            "石市",
        ));
        let labels: Vec<String> = rows(&group).into_iter().map(|row| row.cells[0].clone()).collect();
        assert_eq!(labels, ["", "兵庫県", "明石市"]);
    }

    #[test]
    fn a_table_goes_on_under_its_header_printed_again_over_other_lines() {
        // 003_vlgothic_pdftotext_layout 3112-3124: three header lines on one page, two on the next.
        let mut group = lines(concat!(
            "                                       2024 年度① (R6)    2024 年度② (R6)\n",
            "                     2019 年度 (R1)                                          ②-①\n",
            "                                           (現計画)             (実績)\n",
            "代替養育を必要とする子ども数①                  66                66                 54    ▲12",
        ));
        let next = lines(concat!(
            "                                         2024 年度① (R6) 2024 年度② (R6) ②-①\n",
            "                           2019 年度 (R1)      (現計画)          (実績)\n",
            "登録里親数③                               26             45             78  33",
        ));
        // Another header (other years) is another table.
        let other = lines(concat!(
            "                                         2025 年度① (R7) 2025 年度② (R7) ②-①\n",
            "                           2020 年度 (R2)      (現計画)          (実績)\n",
            "登録里親数③                               26             45             78  33",
        ));
        assert!(!continue_after_page_break(&mut group.clone(), other));
        assert!(continue_after_page_break(&mut group, next));
        let rows = rows(&group);
        assert_eq!(
            rows.last().map(|row| row.cells.clone()),
            Some(vec!["登録里親数③".to_string(), "26".into(), "45".into(), "78".into(), "33".into()])
        );
    }

    #[test]
    fn a_label_cut_by_a_page_break_goes_on_under_the_repeated_header() {
        // widecols -layout, 688-699: the page ends inside the last row's label; the next page
        // prints the header again and only the label's rest under it.
        let header = "                   2025 年度 2026 年度 2027 年度\n                     (R7)    (R8)    (R9)";
        let mut group = lines(&format!(
            "{header}\n児童家庭支援センター数 (前年度      1 (+0)     1 (+0)     1 (+0)\nからの増減)\n在宅指導措置委託件数 (前年度か    2 件 (+0)   3 件 (+1)      4 件 (+1)"
        ));
        // The rest must close the bracket the label left open, be a bracket of its own, or a
        // line no wider than the label's first; a longer one is a row whose values are not there.
        assert!(!continue_after_page_break(&mut group.clone(), lines(&format!("{header}\n里親等委託率の年度ごとの目標値と実績値の差"))));
        assert!(continue_after_page_break(&mut group.clone(), lines(&format!("{header}\n数"))));
        assert!(continue_after_page_break(&mut group.clone(), lines(&format!("{header}\n(前年度からの増減)"))));
        assert!(continue_after_page_break(&mut group, lines(&format!("{header}\nらの増減)"))));
        let rows = rows(&group);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2].cells, ["在宅指導措置委託件数 (前年度からの増減)", "2 件 (+0)", "3 件 (+1)", "4 件 (+1)"]);
    }

    #[test]
    fn numbered_label_pieces_go_with_the_row_they_number() {
        assert!(finishes_previous("代替養育を必要とする子ども", &["数①".to_string()], "里親を必要とする子ども数②"));
        assert!(!finishes_previous("代替養育を必要とする子ども", &["数①".to_string()], "里親を必要とする子ども数③"));
        assert!(!finishes_previous("代替養育を必要とする子ども数①", &["数②".to_string()], "里親を必要とする子ども数③"));
        assert!(!finishes_previous("代替養育を必要とする", &["子ども数".to_string()], "里親数②"));
    }

    #[test]
    fn year_headers_as_other_extractors_print_them() {
        // pypdf's layout mode glues a cell to the bracket before it.
        let (_, years) = year_header("2025年度 (R7)2026年度 (R8)2027年度 (R9)").expect("years");
        assert_eq!(years, ["2025年度 (R7)", "2026年度 (R8)", "2027年度 (R9)"]);
        let span = Span { start: 0, end: 40, text: "2025 年度 (R7)2026 年度 (R8)2027 年度 (R9)".to_string() };
        let cells: Vec<String> = split_years(&span).into_iter().map(|span| span.into_owned().text).collect();
        assert_eq!(cells, ["2025 年度 (R7)", "2026 年度 (R8)", "2027 年度 (R9)"]);
        // pypdf keeps an era name apart from its number.
        let (_, years) = year_header("令和 7 年度 令和 8 年度 令和 9 年度").expect("years");
        assert_eq!(years, ["令和 7 年度", "令和 8 年度", "令和 9 年度"]);
        // A browser wraps the cells at 年: the next line ends each.
        let years = |cells: &[&str]| cells.iter().map(|cell| cell.to_string()).collect::<Vec<_>>();
        let three = years(&["2025 年", "2026 年", "2027 年"]);
        let ends = |texts: &[&str]| texts.iter().map(|text| text.to_string()).collect::<Vec<_>>();
        assert_eq!(header_ends(&three, &["度 (R7) 度 (R8) 度 (R9)"]), Some((ends(&["度 (R7)", "度 (R8)", "度 (R9)"]), 1)));
        assert_eq!(header_ends(&three, &["度 (R7) 度 (R8)"]), None);
        assert_eq!(header_ends(&three, &["度 (R7) 度 (R8) 3 件"]), None);
        // An era that names another year is no end of these cells.
        assert_eq!(header_ends(&three, &["度 (R7) 度 (R8) 度 (R10)"]), None);
        // Over two lines, a cell already ending in `年度` taking its era alone.
        let mixed = years(&["2027 年", "2028 年度", "2029 年"]);
        assert_eq!(header_ends(&mixed, &["度 (R9)", "(R10) 度 (R11)"]), Some((ends(&["度 (R9)", " (R10)", "度 (R11)"]), 2)));
        assert_eq!(header_ends(&mixed, &["度 (R9)", "380 人"]), None);
        // A browser wraps the stub `年度` too (`年 2024 年 2025 年` / `度 度 (R6) 度 (R7)`): each
        // piece of the stub is a cell of its own.
        let split = |text: &str| -> Vec<String> {
            let span = Span { start: 0, end: text.chars().count(), text: text.to_string() };
            split_years(&span).into_iter().map(|span| span.into_owned().text).collect()
        };
        assert_eq!(split("年 2024 年 2025 年"), ["年", "2024 年", "2025 年"]);
        assert_eq!(split("度 度 (R6) 度 (R7)"), ["度", "度 (R6)", "度 (R7)"]);
        // A word that starts no stub word stays with the year after it.
        assert_eq!(split("月 2024 年 2025 年"), ["月 2024 年", "2025 年"]);
        // A total column run together after the last year cell (003_vlgothic_pdftotext_layout
        // 3308); not `計` alone, the end of a total cell wrapped like the years.
        assert_eq!(split("2023 年度 (R 2024 年度 (R 合計"), ["2023 年度 (R", "2024 年度 (R", "合計"]);
        assert_eq!(split("度 (R5) 度 (R6) 計"), ["度 (R5)", "度 (R6) 計"]);
    }

    #[test]
    fn label_rests_and_their_evidence() {
        assert!(ends_label_below("率"));
        assert!(ends_label_below("時保護施設数(箇所)"));
        assert!(ends_label_below("②/①"));
        assert!(!ends_label_below("※1:児童福祉司等配置数は…"));
        assert!(!ends_label_below("12 回"));
        assert!(continues_label("児童福祉司等配置数", "※1"));
        assert!(continues_label("こども家庭ソーシャル", "ワーカー養成研修"));
        assert!(continues_label("児童福祉司ス", "-バ°-ハ\"イサ\""));
        assert!(continues_label("児童福祉司ス-バ°-ハ\"イサ\"", "- (SV) の配置"));
        assert!(!continues_label("児童福祉司", "- (SV) の配置"));
        assert!(!continues_label("児童福祉司任用後研修", "こども家庭ソーシャルワーカー"));
    }

    fn numbered(texts: &[&'static str]) -> Vec<(u32, u32, &'static str)> {
        texts.iter().enumerate().map(|(idx, text)| (idx as u32 + 1, 1, *text)).collect()
    }

    #[test]
    fn a_later_year_header_ends_a_word_table() {
        // A browser's PDF: the next table's year cells read as a number and a unit each.
        let window = numbered(&[
            "2025 年度 2026 年度 2027 年度",
            "資源の必要量 8 10 12",
            "表○ 親子関係形成支援事業",
            "2025 年 2026 年 2027 年度",
            "度 (R7) 度 (R8) (R9)",
        ]);
        let (rows, n_used) = word_table(&window).expect("one row");
        assert_eq!(rows.len(), 2);
        assert_eq!(n_used, 1);
        // Values a line each after a label piece are no row's: nothing is read.
        let scattered = numbered(&["2025 年度 2026 年度 2027 年度", "ファシリテーター数", "2", "2", "4", "2025 年 2026 年 2027 年"]);
        assert!(word_table(&scattered).is_none());
    }

    #[test]
    fn year_cells_wrapped_over_three_lines_head_a_word_table() {
        let window = numbered(&["2027 年 2028 年度 2029 年", "度 (R9)", "(R10) 度 (R11)", "要フォロー妊婦見込み数 380 人 380 人 380 人"]);
        let (rows, _) = word_table(&window).expect("read");
        assert_eq!(rows[0].cells[1..], ["2027 年度 (R9)", "2028 年度 (R10)", "2029 年度 (R11)"]);
        assert_eq!(rows[1].cells[0], "要フォロー妊婦見込み数");
    }

    #[test]
    fn a_short_piece_under_a_row_ends_its_label() {
        // `3 歳 未` / `満`: a wrapped cell's first line fills its column, so one character
        // under a row before a longer label is the end of the label above.
        let window =
            numbered(&["2024 年度 2025 年度 2026 年度", "3 歳 未 33.3% 66.7% 100.0%", "満", "3 歳 ～ 20.0% 40.0% 60.0%", "就学前"]);
        let (rows, n_used) = word_table(&window).expect("read");
        assert_eq!(rows[1].cells[0], "3 歳 未満");
        assert_eq!(rows[2].cells[0], "3 歳 ～就学前");
        // The piece is used: it is not printed again after the table.
        assert_eq!(n_used, 4);
        // Before a row whose label is as short (`登録` / `率 1.53 …`), the piece starts it.
        let narrow = numbered(&["2024 年度 2025 年度 2026 年度", "件数 1 2 3", "登録", "率 1.53 1.46 1.62"]);
        let (rows, _) = word_table(&narrow).expect("read");
        assert_eq!(rows[2].cells[0], "登録率");
    }

    #[test]
    fn a_piece_between_rows_whose_labels_end_on_their_values_line_starts_the_next() {
        let window = numbered(&[
            "2025年度 2026年度 2027年度",
            "資源の必要量 156 168 180",
            "年度ごとの整備目",
            "標 156 168 180",
            "整備目標に対する",
            "過不足 (+0) (+0) (+0)",
        ]);
        let (rows, _) = word_table(&window).expect("read");
        assert_eq!(rows[2].cells[0], "年度ごとの整備目標");
        assert_eq!(rows[3].cells[0], "整備目標に対する過不足");
    }

    #[test]
    fn a_note_or_the_next_tables_head_is_no_label_rest() {
        let window = numbered(&[
            "2025年度 2026年度 2027年度",
            "整備目標に対す",
            "る過不足",
            "(+0) (+0) (+0)",
            "子育て支援課実施分",
            "単位：人（年間の利用人数）",
        ]);
        let (rows, _) = word_table(&window).expect("read");
        assert_eq!(rows[1].cells[0], "整備目標に対する過不足");
        let noted = numbered(&["2025年度 2026年度 2027年度", "整備目標に対す", "る過不足", "(+0) (+0) (+0)", "対象：要保護児童世帯"]);
        let (rows, _) = word_table(&noted).expect("read");
        assert_eq!(rows[1].cells[0], "整備目標に対する過不足");
    }

    #[test]
    fn a_label_and_its_text_cell_wrapped_together_are_one_row() {
        let table = "評価指標                      2024 年度（令和 6 年度時点）
一時保護所の定員数                                   25 人
一時保護専用施設や里親・ファミリーホーム、児     ・一時保護専用施設 0 箇所 ・里親・ファミ
      童養護施設等の確保数                   リーホーム 16 組 ・児童養護施設等 4 箇所";
        let rows = rows(&lines(table));
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(
            rows[2].cells,
            [
                "一時保護専用施設や里親・ファミリーホーム、児童養護施設等の確保数",
                "・一時保護専用施設 0 箇所 ・里親・ファミリーホーム 16 組 ・児童養護施設等 4 箇所"
            ]
        );
        // A next row whose cell does not go on with a cut word is a row of its own.
        let table = "評価指標                      2024 年度
一時保護専用施設の確保数                 ・一時保護専用施設 0 箇所
里親の確保数                          ・里親 16 組";
        assert_eq!(rows_of(table), 3);
    }

    fn rows_of(table: &str) -> usize {
        rows(&lines(table)).len()
    }

    #[test]
    fn text_header_cells_run_together_are_paired_with_their_rests_in_order() {
        let header = lines("                 こども支援課実施 子育て支援課実施\n                     分        分");
        assert_eq!(paired_words(&header, 2), Some(vec!["こども支援課実施分".to_string(), "子育て支援課実施分".to_string()]));
        // As many words as values only: else no pairing.
        assert_eq!(paired_words(&header, 3), None);
        // Year cells are paired by `paired_years`, not here.
        let years = lines("        2025年度 2026年度\n         (R7)     (R8)");
        assert_eq!(paired_words(&years, 2), None);
    }
}
