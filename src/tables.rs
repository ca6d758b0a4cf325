//! Stage 5, table rows → `Table`. Finds the header rows (one, or two with a
//! spanning cell such as `里親+ F H` over `里親 | F H`), turns them into
//! columns with fiscal years, and places each row's cells under them. Where a
//! row has fewer cells than columns, the placement is inferred from the sums
//! the table states (a group column equals its children, `合計` equals the
//! top-level columns) and a warning says so; a grand total printed alone on
//! the next line goes back to the row that lost it. Nothing is invented: a
//! cell that cannot be placed with confidence is placed left to right and
//! flagged.

use std::borrow::Cow;

use crate::blocks::RawRow;
use crate::columns;
use crate::era;
use crate::model::{Block, Cell, Column, Item, Row, Table, Warning};
use crate::normalize;
use crate::values;

/// First header cells that name the row-label column rather than data.
pub(crate) const STUB_WORDS: [&str; 10] =
    ["年度", "評価指標", "評価資源", "参考数値", "区域全市", "種別", "人口見込", "事業名", "資源", "項目"];
/// Column labels that hold the sum of the other columns.
pub(crate) const TOTAL_WORDS: [&str; 5] = ["合計", "計", "全体", "総数", "総計"];
/// Tables wider than this are not searched for the placement of missing cells.
const MAX_SEARCH_COLUMNS: usize = 24;
/// Units that a row label may name in brackets (`一時保護所の定員数(人)`).
pub(crate) const ROW_UNITS: [&str; 14] = ["人", "件", "回", "箇所", "か所", "世帯", "日", "人日", "名", "%", "施設", "組", "床", "時間"];

/// What the text around the rows says about the table.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub id: String,
    pub label: Option<String>,
    pub caption: Option<String>,
    pub unit: Option<String>,
    pub tag: Option<String>,
    /// The cells were found by alignment (`pdftotext -layout`): an empty cell
    /// leaves no trace, so a short row cannot be placed left to right.
    pub aligned: bool,
    /// The reader knows the first row is the header (`texttable`, `grid`).
    pub header: bool,
}

/// One column of a candidate layout.
#[derive(Debug, Clone)]
struct Spec {
    label: Option<String>,
    /// Index (in the layout) of the group column this one is a child of.
    parent: Option<usize>,
    /// True for a group column that holds its children's sum.
    group_total: bool,
}

/// True when `rows` (after a blank line) continue a table that ended with `previous`.
pub fn continues(previous: &[RawRow], rows: &[RawRow]) -> bool {
    let Some(first) = rows.first() else { return false };
    // A header of year cells alone before a page break, their eras on the next page over the
    // rows (`2025 年度 …` / `- 8 -` / `(R7) …` / `実施回数  10 回 …`, headers not repeated).
    if let [header] = previous {
        if eras_row_joined(&[header.clone(), first.clone()]).is_some() {
            return true;
        }
    }
    if header_rows(rows) > 0 {
        return false;
    }
    let width = |row: &RawRow| row.cells.iter().rposition(|cell| !cell.is_empty()).map_or(0, |idx| idx + 1);
    let previous_width = previous.iter().map(width).max().unwrap_or(0);
    !first.cells.first().is_some_and(String::is_empty) && width(first) <= previous_width + 1 && width(first) + 1 >= previous_width
}

/// The rows with the second joined onto the first, when the first is year cells without
/// their eras and the second those eras, each naming its cell's year (`2025 年度 …` over
/// `評価指標  (R7) …`, a vertical stub centred on the eras' line; `年  2025 年度 …` over
/// `度  (R7) …`): one header row, its stub the two rows' stubs joined. None otherwise.
fn eras_row_joined(rows: &[RawRow]) -> Option<Vec<RawRow>> {
    let [first, second, ..] = rows else { return None };
    if first.cells.len() < 2 || first.cells.len() != second.cells.len() {
        return None;
    }
    let pairs = first.cells[1..].iter().zip(&second.cells[1..]);
    let all_paired = pairs.clone().all(|(year, era_cell)| {
        let (above, below) = (era::year_label(year), era::year_label(era_cell));
        above.western.is_some() && above.era.is_none() && below.era.is_some() && below.western.is_none() && below.era == above.western
    });
    if !all_paired {
        return None;
    }
    let stub = crate::blocks::join(&first.cells[0], &second.cells[0]).replace(' ', "");
    let mut cells = vec![stub];
    cells.extend(pairs.map(|(year, era_cell)| format!("{year} {era_cell}")));
    let mut joined = vec![RawRow::new(first.line, first.page, cells)];
    joined.extend(rows[2..].iter().cloned());
    Some(joined)
}

/// Number of header rows at the top of `rows` (0, 1 or 2).
fn header_rows(rows: &[RawRow]) -> usize {
    let Some(first) = rows.first() else { return 0 };
    let stub = first.cells.first().map(String::as_str).unwrap_or("");
    let values: Vec<&str> = first.cells.iter().skip(1).map(String::as_str).filter(|cell| !cell.is_empty()).collect();
    if values.is_empty() {
        return 0;
    }
    let is_number = |cell: &str| values::has_value(cell);
    // (Read only when the stub does not settle it: a year label per cell is the dearest test.)
    let yearish = || values.iter().any(|cell| era::year_of(cell).is_some());
    let is_header = STUB_WORDS.contains(&stub)
        || (stub.is_empty() && !values.iter().all(|cell| is_number(cell)))
        || (yearish() && !values.iter().any(|cell| is_number(cell) && era::year_of(cell).is_none()));
    if !is_header {
        return 0;
    }
    match rows.get(1) {
        Some(second)
            if second.cells.first().is_some_and(String::is_empty)
                && second.cells.iter().skip(1).any(|cell| !cell.is_empty())
                && second.cells.iter().skip(1).filter(|cell| !cell.is_empty()).all(|cell| values::number(cell).is_none()) =>
        {
            2
        }
        _ => 1,
    }
}

/// The table kept as fragments, every row one, with a warning saying why.
fn unresolved(rows: &[RawRow], context: Context, warnings: &mut Vec<Warning>, line: u32, why: &str) -> Block {
    warnings.push(Warning { line, code: "unresolved_table".into(), message: format!("{why}; the table is kept as fragments") });
    let first = rows.first().map_or(line, |row| row.line);
    let fragments = rows.iter().map(|row| Item { line: row.line, text: row.cells.join(" | ") }).collect();
    Block::Unresolved { lines: [first, rows.last().map_or(first, |row| row.line)], tag: context.tag, fragments }
}

/// The labels of two rows where the first's cells are the second's turned round by one
/// or more places (each row three cells or more, every cell a number as printed, the row
/// not periodic). Only rows holding the same cells are compared; cells are compared as
/// printed (no typing: this runs on every table).
fn rotated_row<'r>(rows: &[(&'r str, &'r [String])]) -> Option<(&'r str, &'r str)> {
    let numeric = |cells: &[String]| cells.len() >= 3 && cells.iter().all(|cell| cell.starts_with(|c: char| c.is_ascii_digit()));
    let candidates: Vec<(usize, &[String])> =
        rows.iter().enumerate().filter(|(_, (_, cells))| numeric(cells)).map(|(idx, (_, cells))| (idx, *cells)).collect();
    if candidates.len() < 2 {
        return None;
    }
    // Rows holding the same cells share their number of cells and the sum of their cells'
    // hashes (an order-free signature): only the rows whose signature another row shares are
    // grouped exactly below. Most tables have none, and keying every row by its cells
    // sorted and hashed was most of this test.
    let signature = |cells: &[String]| (cells.len(), cells.iter().map(|cell| fnv1a(cell.as_bytes())).fold(0u64, u64::wrapping_add));
    let mut signatures: Vec<((usize, u64), usize)> = candidates.iter().enumerate().map(|(at, (_, cells))| (signature(cells), at)).collect();
    signatures.sort_unstable();
    let mut shared = vec![false; candidates.len()];
    for pair in signatures.windows(2) {
        if pair[0].0 == pair[1].0 {
            shared[pair[0].1] = true;
            shared[pair[1].1] = true;
        }
    }
    let candidates: Vec<(usize, &[String])> =
        candidates.into_iter().zip(shared).filter_map(|(candidate, shared)| shared.then_some(candidate)).collect();
    if candidates.len() < 2 {
        return None;
    }
    let mut by_cells: std::collections::HashMap<Vec<&str>, Vec<(usize, &[String])>> = std::collections::HashMap::new();
    for &(idx, cells) in &candidates {
        let mut key: Vec<&str> = cells.iter().map(String::as_str).collect();
        key.sort_unstable();
        by_cells.entry(key).or_default().push((idx, cells));
    }
    let mut groups: Vec<&Vec<(usize, &[String])>> = by_cells.values().filter(|group| group.len() > 1).collect();
    groups.sort_by_key(|group| group[0].0);
    for group in groups {
        for &(idx, row) in group {
            let n = row.len();
            if (1..n).any(|shift| row[shift..] == row[..n - shift]) {
                continue;
            }
            for &(other_idx, other) in group.iter().filter(|(other_idx, other)| *other_idx != idx && *other != row) {
                if (1..n).any(|shift| (0..n).all(|at| row[at] == other[(at + shift) % n])) {
                    return Some((rows[idx].0, rows[other_idx].0));
                }
            }
        }
    }
    None
}

/// 64-bit FNV-1a of `bytes`: a cheap hash for `rotated_row`'s signatures.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// A formula of circled numbers (`(①-②)`, `②/①`): a header cell's, never a value.
fn is_formula(cell: &str) -> bool {
    // A circled number is E2 91 A0…B3 in UTF-8: a cell without an E2 byte (nearly every
    // cell, and this runs on every one) has none, and is turned down before it is trimmed.
    if !cell.as_bytes().contains(&0xE2) {
        return false;
    }
    let inner = cell.trim().trim_start_matches('(').trim_end_matches(')');
    let is_circled = |c: char| ('①'..='⑳').contains(&c);
    inner.chars().filter(|&c| is_circled(c)).count() >= 2
        && inner.chars().all(|c| is_circled(c) || matches!(c, '-' | '−' | '/' | '+' | '×' | '÷' | ' '))
}

/// True for a label holding a note's text (`※18歳未満人口は…`): a `※` followed by words, not
/// by its number (`児童福祉司等配置数※1`) or nothing. Lines of notes and captions read as one
/// row's label (two newspaper columns through default `pdftotext`).
fn note_text(label: &str) -> bool {
    normalize::has_char(label, '※')
        && label.split('※').skip(1).any(|rest| {
            // (`※1`, `※1 (見込)`, `※2)`: a mark and its number; `※18歳未満人口は…`: a note.)
            rest.trim_start_matches(|c: char| c.is_ascii_digit()).chars().next().is_some_and(|c| !matches!(c, ')' | ' '))
        })
}

/// Rebuilds one table from its rows: a `Block::Table`, or `Block::Unresolved`
/// with every row as a fragment when the cells cannot be given columns.
/// True for a header cell that is only the end of a cell wrapped at an open bracket
/// (`画)`, `績)`): short, closing a bracket it did not open, naming no year.
fn is_closing_piece(cell: &str) -> bool {
    // (Cheap test first: every header cell is asked.)
    cell.ends_with(')')
        && cell.chars().count() <= MAX_CLOSING_PIECE_CHARS
        && crate::stacked::closes_bracket(cell)
        && era::year_of(cell).is_none()
}

/// Longest header cell `is_closing_piece` takes for a wrapped cell's end.
const MAX_CLOSING_PIECE_CHARS: usize = 6;

pub fn build(rows: &[RawRow], context: Context, warnings: &mut Vec<Warning>) -> Block {
    let joined = eras_row_joined(rows);
    let rows = joined.as_deref().unwrap_or(rows);
    let n_header = if context.header && rows.len() > 1 { 1 } else { header_rows(rows) };
    let header = &rows[..n_header];
    let body = &rows[n_header..];
    let stub = header.first().and_then(|row| row.cells.first()).filter(|cell| !cell.is_empty()).cloned();

    // Data rows: label, cells after it (trailing empties dropped), merged cells split when rows run short.
    // Cells are borrowed from `rows` until they become `Cell`s.
    struct Data<'r> {
        line: u32,
        label: &'r str,
        /// The row's cells after its label: the cell at index `idx` is at position `idx + 1`.
        cells: &'r [String],
        /// The line of each raw cell (by position), when cells are on lines of their own.
        cell_lines: &'r [u32],
    }
    let mut data: Vec<Data<'_>> = Vec::new();
    let mut lone: Vec<(usize, usize, &str, u32)> = Vec::new(); // (data_idx it follows, position, text, line)
    let squeezed = |cells: &[String]| cells.iter().map(|cell| cell.split_whitespace().collect::<String>()).collect::<Vec<_>>();
    for (idx, row) in body.iter().enumerate() {
        // A row printed again at the top of the next page, label and cells the same (a row cut
        // by the page break, printed on both pages by Qt WebKit's wkhtmltopdf): read once.
        if let Some(previous) = idx.checked_sub(1).map(|idx| &body[idx]) {
            if row.page == previous.page + 1
                && row.cells.first().is_some_and(|label| !label.trim().is_empty())
                && row.cells.iter().skip(1).any(|cell| !cell.trim().is_empty())
                && squeezed(&row.cells) == squeezed(&previous.cells)
            {
                warnings.push(Warning {
                    line: row.line,
                    code: "repeated_row".into(),
                    message: format!(
                        "row `{}` is printed again after the page break (line {}); it is read once",
                        row.cells[0], previous.line
                    ),
                });
                continue;
            }
        }
        let label = row.cells.first().map_or("", String::as_str);
        let end = row.cells.iter().rposition(|cell| !cell.is_empty()).map_or(1, |idx| idx + 1).max(1);
        let cells = &row.cells[1.min(row.cells.len())..end.max(1).min(row.cells.len())];
        let n_filled = cells.iter().filter(|cell| !cell.is_empty()).count();
        if label.is_empty() && n_filled == 1 && !data.is_empty() {
            if let Some((idx, text)) = cells.iter().enumerate().find(|(_, cell)| !cell.is_empty()) {
                let position = idx + 1;
                lone.push((data.len() - 1, position, text.as_str(), row.line_of(position)));
                continue;
            }
        }
        data.push(Data { line: row.line, label, cells, cell_lines: &row.cell_lines });
    }

    // The national requirement table's header whose three columns could not be cut apart
    // (`columns::requirement_header`): no value's column can be trusted.
    if let [header_row] = header {
        let cells = &header_row.cells[1.min(header_row.cells.len())..];
        let columns = cells.iter().filter(|cell| !cell.is_empty()).cloned().collect::<Vec<_>>();
        // (Cheap test first, on the cells as they are: every table is asked.)
        let printed = |c: char| cells.iter().any(|cell| normalize::has_char(cell, c));
        if printed('計')
            && printed('現')
            && printed('今')
            && columns::names_requirement_columns(&columns.concat())
            && !columns.len().checked_sub(3).is_some_and(|skip| columns::requirement_columns_hold(&columns[skip..]))
        {
            let why = "the requirement table's header came out run together and its three columns cannot be told apart";
            return unresolved(rows, context, warnings, header_row.line, why);
        }
    }

    // A column labelled with nothing but the rest of a cell wrapped at an open bracket
    // (`画)`, `績)`: its start `2024年度① (R6) (現計` printed on the caption's line, Ghostscript):
    // which year each such column is cannot be read, so no value's column can be trusted.
    if let Some(last) = header.last() {
        if let Some(piece) = last.cells.iter().skip(1).find(|cell| is_closing_piece(cell)) {
            let why = format!("column `{piece}` is the rest of a header cell whose start is elsewhere");
            return unresolved(rows, context, warnings, last.line, &why);
        }
    }

    // A stub that ends in the number the rows are numbered with (`数①` over `里親を必要とする
    // 子ども数②` …): the first row's label rest, on a line the header took (Ghostscript, after a
    // page break), whose header pieces (`満 前 降`) were joined into columns they may not end.
    let numbered = |label: &str| columns::circled_end(label).is_some();
    if let Some(stub) = stub.as_deref().filter(|stub| numbered(stub) && !STUB_WORDS.contains(stub)) {
        if data.iter().any(|row| numbered(row.label)) {
            let why = format!("the stub `{stub}` is a numbered row's label: a row's line was taken into the header");
            return unresolved(rows, context, warnings, header.first().map_or(0, |row| row.line), &why);
        }
    }

    // A spanning cell holding more words than it has columns under it, one space apart
    // (`(内訳) 3 歳 3 歳～就 学童期` over `未満 | 学前 | 以降`): its columns' first lines ran
    // into it, and where each column's words end is not shown.
    if let [top, sub, ..] = header {
        let glued = top.cells.iter().enumerate().skip(1).find(|(idx, cell)| {
            let n_children = (*idx..top.cells.len())
                .take_while(|&at| at == *idx || top.cells[at].is_empty())
                .filter(|&at| sub.cells.get(at).is_some_and(|child| !child.is_empty()))
                .count();
            // (Words of Japanese only: `里親+ F H` over `里親 | FH` is one word and two letters.)
            let n_words = cell.split_whitespace().filter(|word| !word.is_ascii()).count();
            n_children >= 2 && n_words > n_children
        });
        if let Some((_, cell)) = glued {
            let why = format!("the spanning header cell `{cell}` holds its columns' first lines run together");
            return unresolved(rows, context, warnings, top.line, &why);
        }
    }

    // A header's formula among the rows' cells (`(①-②)`): header pieces printed on a
    // row's line (Ghostscript), so no cell's column can be trusted.
    if let Some((row, cell)) = data.iter().find_map(|row| row.cells.iter().find(|cell| is_formula(cell)).map(|cell| (row, cell))) {
        let why = format!("row `{}` has the header's formula `{cell}` among its cells: the header is mixed with the rows", row.label);
        return unresolved(rows, context, warnings, row.line, &why);
    }

    // A row whose values are another row's turned round (`1,650 1,700 1,750 1,800 1,600`
    // under `1,600 1,650 1,700 1,750 1,800`): a cell the extraction moved to the end of
    // its row (default `pdftotext` on a browser's PDF), so every year would be one off.
    if let Some((row, other)) = rotated_row(&data.iter().map(|row| (row.label, row.cells)).collect::<Vec<_>>()) {
        let why = format!("row `{row}` has the values of row `{other}` turned round: a cell was moved, so the years cannot be trusted");
        let line = data.iter().find(|data_row| data_row.label == row).map_or(0, |data_row| data_row.line);
        return unresolved(rows, context, warnings, line, &why);
    }

    let mut layouts = layouts(header);
    let n_columns_max = layouts.iter().map(Vec::len).max().unwrap_or(0);
    let row_values: Vec<Vec<(Cow<'_, str>, u32)>> = data
        .iter()
        .map(|row| {
            let mut cells: Vec<(Cow<'_, str>, u32)> = row
                .cells
                .iter()
                .enumerate()
                .map(|(idx, cell)| (Cow::Borrowed(cell.as_str()), row.cell_lines.get(idx + 1).copied().unwrap_or(row.line)))
                .collect();
            if cells.len() < n_columns_max {
                let mut split = Vec::new();
                let mut did_split = false;
                let mut n_short = n_columns_max - cells.len();
                for (cell, line) in &cells {
                    match values::split_values(cell) {
                        Some(parts) if parts.len() - 1 <= n_short => {
                            did_split = true;
                            n_short -= parts.len() - 1;
                            split.extend(parts.into_iter().map(|part| (Cow::Owned(part), *line)));
                        }
                        _ => split.push((cell.clone(), *line)),
                    }
                }
                if did_split {
                    warnings.push(Warning {
                        line: row.line,
                        code: "merged_cells_split".into(),
                        message: format!("row `{}`: a cell holding several numbers was split into {} cells", row.label, split.len()),
                    });
                    cells = split;
                }
            }
            cells
        })
        .collect();

    // Each cell read once: its `Cell` for the table, its number for the sums.
    let mut row_cells: Vec<Vec<Option<Cell>>> = Vec::with_capacity(row_values.len());
    let mut row_numbers: Vec<Vec<Option<f64>>> = Vec::with_capacity(row_values.len());
    for cells in &row_values {
        let (typed, numbers) = cells
            .iter()
            .map(|(cell, line)| {
                let (cell, number) = values::cell_and_number(cell, *line);
                (Some(cell), number)
            })
            .unzip();
        row_cells.push(typed);
        row_numbers.push(numbers);
    }
    // Pick the layout that fits the rows best.
    let widths: Vec<usize> = row_values.iter().map(Vec::len).collect();
    let modal_width = mode(&widths).unwrap_or(0);
    // The best layout's placement of each row is kept for the checks and rows below (they
    // placed every row again).
    let mut best: Option<(usize, (usize, bool, usize))> = None;
    let mut placements: Vec<Option<Placement>> = Vec::new();
    for (layout_idx, layout) in layouts.iter().enumerate() {
        let mut n_fail = 0;
        let mut n_confirmed = 0;
        let layout_placements: Vec<Option<Placement>> = row_numbers.iter().map(|numbers| place(numbers, layout)).collect();
        for placement in &layout_placements {
            match placement {
                Some(placement) if placement.fail > 0 => n_fail += 1,
                Some(placement) if placement.pass > 0 => n_confirmed += 1,
                Some(_) => {}
                // A row that does not fit counts against the layout.
                None => n_fail += 1,
            }
        }
        let key = (usize::MAX - n_fail, layout.len() == modal_width, n_confirmed);
        if best.as_ref().is_none_or(|(_, best_key)| key > *best_key) {
            best = Some((layout_idx, key));
            placements = layout_placements;
        }
    }
    let mut layout: Vec<Spec> = best.map(|(idx, _)| std::mem::take(&mut layouts[idx])).unwrap_or_default();
    let widest = widths.iter().copied().max().unwrap_or(0);
    if !layout.is_empty() && widest > layout.len() {
        // More cells than the header names: which cell belongs to which column is a guess.
        let first = rows.first().map_or(0, |row| row.line);
        let why = format!("rows have up to {widest} cells but the header names {} columns", layout.len());
        return unresolved(rows, context, warnings, first, &why);
    }
    if layout.len() < widest {
        while layout.len() < widest {
            layout.push(Spec { label: None, parent: None, group_total: false });
        }
        // Columns were added: the rows are placed in the layout as it now is.
        placements = row_numbers.iter().map(|numbers| place(numbers, &layout)).collect();
    }
    // Two numbers left in one cell once short rows were split (`5 30`: 2024's `5` and the
    // total's `30` under a header that lost its total column): the cell's column, and every
    // column after it, cannot be trusted, whichever reader made the rows.
    if !context.aligned {
        // (Read in the split memo, nothing copied out: every cell with a space is asked.)
        let two_numbers = |cell: &str| cell.contains(' ') && values::split_values_all(cell, |part| values::number(part).is_some());
        if let Some((row, (cell, _))) =
            data.iter().zip(&row_values).find_map(|(row, cells)| cells.iter().find(|(cell, _)| two_numbers(cell)).map(|cell| (row, cell)))
        {
            let why = format!("row `{}` has `{cell}` in one cell, more values than its header has columns", row.label);
            return unresolved(rows, context, warnings, row.line, &why);
        }
    }
    if context.aligned {
        // Aligned text loses empty cells and misplaces header pieces: a table is kept
        // only when its header names the columns, every short row is placed by the
        // table's sums, and no row breaks a sum.
        let first = rows.first().map_or(0, |row| row.line);
        let doubt = if n_header == 0 {
            Some((first, "the aligned rows have no header line naming their columns".to_string()))
        } else if let Some(&(_, _, text, line)) = lone.first() {
            // Its place in the line is all that shows its column, and it is not kept.
            Some((line, format!("`{text}` is printed alone on its line and its column is not known")))
        } else {
            row_values.iter().zip(&data).zip(&placements).find_map(|((cells, row), placement)| {
                if cells.iter().all(|(cell, _)| cell.is_empty()) {
                    return None;
                }
                // Two numbers left in one cell: the header is missing a column. So is a number
                // and a bare status word (`1 中止`: 2019's `1`, 2020's `中止`, a single space apart).
                if let Some((cell, _)) = cells.iter().find(|(cell, _)| {
                    values::split_values(cell).is_some_and(|parts| parts.iter().all(|part| values::number(part).is_some()))
                        || values::number_then_bare_status(cell)
                }) {
                    return Some((
                        row.line,
                        format!("aligned row `{}` has `{cell}` in one cell, more values than its header has columns", row.label),
                    ));
                }
                let short = cells.len() < layout.len();
                match placement {
                    Some(placement) if placement.fail > 0 => Some((
                        row.line,
                        format!("aligned row `{}` breaks the table's sums, so its cells may sit under the wrong columns", row.label),
                    )),
                    Some(placement) if short && (placement.pass == 0 || placement.n_tied > 1) => Some((
                        row.line,
                        format!(
                            "aligned row `{}` has {} cells for {} columns and nothing shows which are empty",
                            row.label,
                            cells.len(),
                            layout.len()
                        ),
                    )),
                    _ => None,
                }
            })
        };
        if let Some((line, why)) = doubt {
            return unresolved(rows, context, warnings, line, &why);
        }
    }

    let mut table_rows: Vec<Row> = Vec::new();
    // For each data row, the index of the table row made from it (group label rows make none).
    let mut row_of_data: Vec<Option<usize>> = Vec::with_capacity(data.len());
    let mut group: Option<String> = None;
    for (((row, cells), placement), typed_cells) in data.iter().zip(&row_values).zip(placements).zip(&mut row_cells) {
        if cells.iter().all(|(cell, _)| cell.is_empty()) && !row.label.is_empty() {
            group = Some(row.label.to_string());
            row_of_data.push(None);
            continue;
        }
        row_of_data.push(Some(table_rows.len()));
        let mut placed: Vec<Option<Cell>> = vec![None; layout.len()];
        let missing: Vec<usize> = match placement {
            Some(placement) => {
                if cells.len() < layout.len() {
                    let missing: Vec<String> = placement.missing.iter().map(|&idx| column_name(&layout, idx)).collect();
                    let (code, how) = if placement.pass > 0 && placement.fail == 0 && placement.n_tied > 1 {
                        ("short_row_ambiguous", "the sums allow other placements; the rightmost columns were taken as missing")
                    } else if placement.pass > 0 && placement.fail == 0 {
                        ("short_row_inferred", "placed by the table's sums")
                    } else {
                        ("short_row", "placed left to right; check against the source")
                    };
                    warnings.push(Warning {
                        line: row.line,
                        code: code.into(),
                        message: format!(
                            "row `{}` has {} cells for {} columns; no cell for {} ({how})",
                            row.label,
                            cells.len(),
                            layout.len(),
                            missing.join(", ")
                        ),
                    });
                } else if placement.fail > 0 {
                    warnings.push(Warning {
                        line: row.line,
                        code: "sum_mismatch".into(),
                        message: format!("row `{}`: the values do not add up to the printed total", row.label),
                    });
                }
                placement.missing
            }
            None => Vec::new(),
        };
        // The cells fill the columns not missing, left to right (no vector of them).
        let positions = (0usize..).filter(|idx| !missing.contains(idx));
        for (((cell, _), typed), column_idx) in cells.iter().zip(typed_cells.iter_mut()).zip(positions) {
            if !cell.is_empty() && column_idx < placed.len() {
                placed[column_idx] = typed.take();
            }
        }
        let label = normalize::tidy_label(row.label).into_owned();
        table_rows.push(Row { unit: row_unit(row.label), label, group: group.clone(), line: row.line, cells: placed });
    }

    // Lone totals (`⇥⇥⇥⇥⇥73`) go back to the row above, under the header cell they stand beneath.
    for (data_idx, position, text, line) in lone {
        let header_label = header.first().and_then(|row| row.cells.get(position)).filter(|cell| !cell.is_empty());
        let column_idx = header_label
            .and_then(|label| layout.iter().position(|spec| spec.parent.is_none() && spec.label.as_deref() == Some(label.as_str())));
        let row_idx = row_of_data.get(data_idx).copied().flatten();
        match (column_idx, row_idx) {
            (Some(column_idx), Some(row_idx)) if table_rows[row_idx].cells[column_idx].is_none() => {
                warnings.push(Warning {
                    line,
                    code: "lone_cell_joined".into(),
                    message: format!(
                        "`{text}` printed alone under `{}` belongs to row `{}`",
                        column_name(&layout, column_idx),
                        table_rows[row_idx].label
                    ),
                });
                table_rows[row_idx].cells[column_idx] = Some(values::cell(text, line));
            }
            _ => {
                warnings.push(Warning {
                    line,
                    code: "lone_cell".into(),
                    message: format!("`{text}` is printed alone and could not be given a column"),
                });
                let mut cells = vec![None; layout.len()];
                let column_idx = position.saturating_sub(1).min(layout.len().saturating_sub(1));
                if let Some(slot) = cells.get_mut(column_idx) {
                    *slot = Some(values::cell(text, line));
                }
                table_rows.push(Row { label: String::new(), group: None, unit: None, line, cells });
            }
        }
    }

    // A column whose label names disagreeing years (found while the columns are made).
    let mut disagreeing = false;
    let columns: Vec<Column> = layout
        .iter()
        .enumerate()
        .map(|(column_idx, _)| {
            let label = column_label(&layout, column_idx);
            let year = label.as_deref().map(era::year_label);
            if let Some(year) = year.as_ref().filter(|year| year.inconsistent()) {
                disagreeing = true;
                warnings.push(Warning {
                    line: header.first().map_or(0, |row| row.line),
                    code: "inconsistent_year".into(),
                    message: if year.two_years {
                        format!("column `{}` names two different years: no fiscal year is given", label.as_deref().unwrap_or(""))
                    } else {
                        format!(
                            "column `{}` says {} and {}: no fiscal year is given",
                            label.as_deref().unwrap_or(""),
                            year.western.unwrap_or(0),
                            year.era.unwrap_or(0)
                        )
                    },
                });
            }
            // Which of two disagreeing years is meant is not known (a typo, or two
            // header cells run together): the column gets none.
            let fiscal_year = year.as_ref().filter(|year| !year.inconsistent()).and_then(|year| year.year);
            Column { fiscal_year, qualifier: year.and_then(|year| year.qualifier), label }
        })
        .collect();
    // A column whose label names disagreeing years beside columns that name one: header
    // cells run together or cut apart (a year cell's pieces under other columns), so no
    // column's year can be trusted.
    if disagreeing && columns.iter().any(|column| column.fiscal_year.is_some()) {
        let first = rows.first().map_or(0, |row| row.line);
        let why = "a column names two disagreeing years beside columns that name one: the header's cells are run together";
        return unresolved(rows, context, warnings, first, why);
    }
    // Two columns naming one fiscal year, neither qualified (`2028 年` / `2029 年度 (R11)` /
    // `(R10)`: a year cell cut over three lines around another, read as three columns): the
    // header's cells came apart, and the values under them are a year off.
    let same_year = columns.iter().enumerate().find_map(|(idx, column)| {
        let year = column.fiscal_year?;
        columns[..idx]
            .iter()
            .find(|earlier| earlier.fiscal_year == Some(year) && earlier.qualifier == column.qualifier)
            .map(|earlier| (earlier, column))
    });
    if let Some((earlier, column)) = same_year {
        let first = rows.first().map_or(0, |row| row.line);
        let why = format!(
            "columns `{}` and `{}` name the same fiscal year: the header's cells came apart",
            earlier.label.as_deref().unwrap_or(""),
            column.label.as_deref().unwrap_or("")
        );
        return unresolved(rows, context, warnings, first, &why);
    }
    // A year column whose label has words before its year that the others lack
    // (`設置 2024 年度 (R6)` beside `2025 年度 (R7)` …): a row label's first line printed
    // on the header line (Ghostscript), so which row is whose is not known. Not the first
    // line of a wrapped stub (`年` / `度`), nor a formula or note line above the header
    // (`…定員数(A)`), which leave the rows as they are.
    let year_columns: Vec<&str> =
        columns.iter().filter(|column| column.fiscal_year.is_some()).filter_map(|column| column.label.as_deref()).collect();
    // (`has_char` first: a substring search costs its setup on every label.)
    if year_columns.len() >= 3 && !year_columns.iter().any(|label| normalize::has_char(label, '>') && label.contains(" > ")) {
        let label_like = |words: &str| !words.is_empty() && !words.contains('(') && !STUB_WORDS.iter().any(|stub| stub.starts_with(words));
        let same_words = year_columns.windows(2).all(|pair| words_before_year(pair[0]) == words_before_year(pair[1]));
        if let Some(label) = year_columns.iter().find(|label| label_like(words_before_year(label))).filter(|_| !same_words) {
            let first = rows.first().map_or(0, |row| row.line);
            let why = format!(
                "the column `{label}` has `{}` before its year, which the other years lack: text of another line run into the header",
                words_before_year(label)
            );
            return unresolved(rows, context, warnings, first, &why);
        }
    }
    // A row label that holds a row's values (`受講者数 (子ども) 15 人 20 人 25 人 30 人 30 人`,
    // `1,700 (+5 1,750 (+50) …`): the values and the labels came out of step (a PDF whose
    // text is out of reading order), so the values under it are another row's.
    if let Some(row) = table_rows.iter().find(|row| holds_values(&row.label) || ends_in_row_values(&row.label, &row.cells)) {
        let why = format!("row label `{}` holds a row's values: the labels and the values are out of step", row.label);
        return unresolved(rows, context, warnings, row.line, &why);
    }
    // A year column whose label is a sentence's piece (`平成31年4月の開設以来、一時保護所の…`,
    // pages set in two columns, the other column's prose beside the rows): no header cell.
    let prose = |label: &str| normalize::has_char(label, '、') || normalize::has_char(label, '。');
    if let Some(column) = columns.iter().find(|column| column.fiscal_year.is_some() && column.label.as_deref().is_some_and(prose)) {
        let first = rows.first().map_or(0, |row| row.line);
        let why = format!("column `{}` reads as a sentence, not a header cell", column.label.as_deref().unwrap_or(""));
        return unresolved(rows, context, warnings, first, &why);
    }
    // A row of nothing but the columns' own years (`2024  2025 … 2029` under 2024 … 2029): the
    // next table's year line, read as values.
    let years: Vec<Option<i32>> = columns.iter().map(|column| column.fiscal_year).collect();
    let own_years = |row: &Row| {
        row.cells.len() >= 2
            && row.cells.iter().zip(&years).all(|(cell, year)| {
                cell.as_ref().is_some_and(|cell| year.is_some_and(|year| normalize::trim(&cell.raw).parse::<i32>() == Ok(year)))
            })
    };
    if let Some(row) = table_rows.iter().find(|row| own_years(row)) {
        let why = format!("row `{}` holds the columns' own years: a header's year line read as values", row.label);
        return unresolved(rows, context, warnings, row.line, &why);
    }
    // A row label or group with a bullet after a space (`…里親・ファミ ・一時保護専用施設`, a
    // group `ファミリーホーム 16 組 ・児童養護`): a text cell's lines (`・一時保護専用施設 0 箇所
    // ・里親・` / …) read as labels, so the cells under them are that cell's pieces.
    let bulleted = |label: &str| label.contains(" ・");
    if let Some(row) = table_rows.iter().find(|row| bulleted(&row.label) || row.group.as_deref().is_some_and(bulleted)) {
        let why = format!("row `{}` has a text cell's bullet in its label or group: a cell's lines were read as labels", row.label);
        return unresolved(rows, context, warnings, row.line, &why);
    }
    // A row label that is one character over and over (`日日`): the units of values cut in
    // their cells (`34.3` / … / `日` / `日` …, narrow columns), read as a label, so the values
    // lost their units and the row its name.
    let repeated_unit = |label: &str| {
        let mut chars = label.chars().filter(|c| !c.is_whitespace());
        chars.next().is_some_and(|first| {
            !first.is_ascii_digit() && {
                let rest: Vec<char> = chars.collect();
                !rest.is_empty() && rest.iter().all(|&c| c == first)
            }
        })
    };
    if let Some(row) = table_rows.iter().find(|row| repeated_unit(&row.label)) {
        let why = format!(
            "row `{}` is named by a unit printed again and again: values' units cut off in their cells were read as its label",
            row.label
        );
        return unresolved(rows, context, warnings, row.line, &why);
    }
    if let Some(row) = table_rows.iter().find(|row| note_text(&row.label)) {
        let why = format!("row `{}` holds a note's text in its label: lines of notes or prose were read as a label", row.label);
        return unresolved(rows, context, warnings, row.line, &why);
    }
    let kind = if columns.iter().any(|column| {
        column.label.as_deref().is_some_and(|label| {
            (normalize::has_char(label, '必') && label.contains("必要量"))
                || (normalize::has_char(label, '整') && label.contains("整備状況"))
        })
    }) {
        "requirement"
    } else if !columns.is_empty() && columns.iter().filter(|column| column.fiscal_year.is_some()).count() * 2 >= columns.len() {
        "year_series"
    } else if n_header == 2 || (n_header == 1 && columns.len() > 1) {
        "matrix"
    } else {
        "generic"
    };
    let first = rows.first().map_or(0, |row| row.line);
    let last = rows.last().map_or(0, |row| row.line);
    // Labels that read as pieces of one, told only of a table that is read (the table's
    // rows keep their values).
    for row in &table_rows {
        if let Some(why) = cut_label(&row.label) {
            warnings.push(Warning {
                line: row.line,
                code: "cut_row_label".into(),
                message: format!(
                    "row label `{}` {why}: part of it may have been printed elsewhere; check it against the source",
                    row.label
                ),
            });
        }
    }
    Block::Table(Box::new(Table {
        id: context.id,
        label: context.label,
        caption: context.caption,
        unit: context.unit,
        lines: [first, last],
        caption_lines: None,
        kind: kind.into(),
        tag: context.tag,
        stub,
        columns,
        rows: table_rows,
    }))
}

fn mode(widths: &[usize]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &width in widths {
        match counts.iter_mut().find(|(seen, _)| *seen == width) {
            Some((_, count)) => *count += 1,
            None => counts.push((width, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(width, count)| (count, width)).map(|(width, _)| width)
}

/// The words of a column label before its year (`設置` of `設置 2024 年度 (R6)`,
/// `定量的な整備目標` of `定量的な整備目標令和9年度`); empty when it starts with the year.
fn words_before_year(label: &str) -> &str {
    let before = label.find(|c: char| c.is_ascii_digit()).map_or(label, |at| &label[..at]);
    let before = before.trim_end();
    let before = ["令和", "平成", "昭和", "R", "H"].iter().find_map(|era| before.strip_suffix(era)).unwrap_or(before);
    before.trim_matches(|c: char| c == ' ' || c == '(')
}

fn column_label(layout: &[Spec], column_idx: usize) -> Option<String> {
    let spec = &layout[column_idx];
    let own = spec.label.as_deref()?;
    match spec.parent.and_then(|parent| layout[parent].label.as_deref()) {
        Some(parent) => Some(format!("{parent} > {own}")),
        None => Some(own.to_string()),
    }
}

fn column_name(layout: &[Spec], column_idx: usize) -> String {
    column_label(layout, column_idx).unwrap_or_else(|| format!("column {}", column_idx + 1))
}

/// Candidate column layouts from the header rows: one for a single header;
/// for two, with and without a column for each spanning cell's own total.
fn layouts(header: &[RawRow]) -> Vec<Vec<Spec>> {
    let trimmed = |row: &RawRow| -> Vec<String> {
        let end = row.cells.iter().rposition(|cell| !cell.is_empty()).map_or(0, |idx| idx + 1);
        row.cells.iter().take(end).skip(1).cloned().collect()
    };
    match header {
        [] => vec![Vec::new()],
        [top] => vec![trimmed(top)
            .into_iter()
            .map(|label| Spec { label: (!label.is_empty()).then_some(label), parent: None, group_total: false })
            .collect()],
        [top, sub, ..] => {
            let top = trimmed(top);
            let sub = trimmed(sub);
            let width = top.len().max(sub.len());
            let at = |cells: &Vec<String>, idx: usize| cells.get(idx).filter(|cell| !cell.is_empty()).cloned();
            let mut with_totals = Vec::new();
            let mut without = Vec::new();
            let mut idx = 0;
            while idx < width {
                let Some(label) = at(&top, idx) else {
                    if let Some(child) = at(&sub, idx) {
                        with_totals.push(Spec { label: Some(child.clone()), parent: None, group_total: false });
                        without.push(Spec { label: Some(child), parent: None, group_total: false });
                    }
                    idx += 1;
                    continue;
                };
                let mut end = idx + 1;
                while end < width && at(&top, end).is_none() {
                    end += 1;
                }
                let children: Vec<String> = (idx..end).filter_map(|child_idx| at(&sub, child_idx)).collect();
                if children.is_empty() {
                    with_totals.push(Spec { label: Some(label.clone()), parent: None, group_total: false });
                    without.push(Spec { label: Some(label), parent: None, group_total: false });
                } else {
                    let group_idx = with_totals.len();
                    with_totals.push(Spec { label: Some(label.clone()), parent: None, group_total: true });
                    // Without a total column the group is only a name: children keep it as parent label.
                    without.push(Spec { label: Some(label), parent: None, group_total: false });
                    let name_idx = without.len() - 1;
                    for child in &children {
                        with_totals.push(Spec { label: Some(child.clone()), parent: Some(group_idx), group_total: false });
                        without.push(Spec { label: Some(child.clone()), parent: Some(name_idx), group_total: false });
                    }
                }
                idx = end;
            }
            // In `without`, the group's own name is not a column: drop it, re-pointing children.
            let without = drop_group_names(without);
            vec![with_totals, without]
        }
    }
}

fn drop_group_names(layout: Vec<Spec>) -> Vec<Spec> {
    let is_name: Vec<bool> = (0..layout.len()).map(|idx| layout.iter().any(|spec| spec.parent == Some(idx))).collect();
    let labels: Vec<Option<String>> = layout.iter().map(|spec| spec.label.clone()).collect();
    let mut kept: Vec<Spec> = Vec::new();
    let mut names: Vec<Spec> = Vec::new();
    for (idx, spec) in layout.into_iter().enumerate() {
        if is_name[idx] {
            continue;
        }
        let parent = spec.parent.map(|parent| {
            // Parent names live after the kept columns; resolved below.
            match names.iter().position(|name| name.label == labels[parent]) {
                Some(found) => found,
                None => {
                    names.push(Spec { label: labels[parent].clone(), parent: None, group_total: false });
                    names.len() - 1
                }
            }
        });
        kept.push(Spec { label: spec.label, parent: parent.map(|name_idx| usize::MAX - name_idx), group_total: false });
    }
    // Encode parent names as label prefixes: the layout has no column for them.
    kept.into_iter()
        .map(|spec| match spec.parent {
            Some(code) => {
                let name = names[usize::MAX - code].label.clone().unwrap_or_default();
                Spec { label: spec.label.map(|label| format!("{name} > {label}")), parent: None, group_total: false }
            }
            None => spec,
        })
        .collect()
}

/// Where each cell of a row goes, and how well the table's sums agree.
struct Placement {
    /// The columns left without a cell; the cells fill the others in order.
    missing: Vec<usize>,
    pass: usize,
    fail: usize,
    /// How many placements score as well as this one.
    n_tied: usize,
}

/// Places `cells` in `layout`: directly when the counts match; when up to two
/// cells are missing, the placement the sums confirm (ties go to the one
/// missing the rightmost columns). None when the row is longer than the layout.
fn place(numbers: &[Option<f64>], layout: &[Spec]) -> Option<Placement> {
    let n_columns = layout.len();
    let n_cells = numbers.len();
    if n_cells > n_columns {
        return None;
    }
    let n_missing = n_columns - n_cells;
    let total_idx = total_column(layout);
    if n_missing == 0 {
        // Every cell has its column (most rows): the numbers are already by column.
        let (pass, fail) = check_sums(layout, total_idx, numbers);
        return Some(Placement { missing: Vec::new(), pass, fail, n_tied: 1 });
    }
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    match n_missing {
        // Wide tables are not searched: placement stays left to right (and is flagged).
        _ if n_columns > MAX_SEARCH_COLUMNS => candidates.push((n_cells..n_columns).collect()),
        1 => candidates.extend((0..n_columns).map(|a| vec![a])),
        2 => {
            for a in 0..n_columns {
                for b in a + 1..n_columns {
                    candidates.push(vec![a, b]);
                }
            }
        }
        _ => candidates.push((n_cells..n_columns).collect()),
    }
    let mut best: Option<Placement> = None;
    // One vector of the row's numbers by column for every candidate.
    let mut by_column: Vec<Option<f64>> = vec![None; n_columns];
    for missing in candidates {
        by_column.fill(None);
        for (cell_idx, column_idx) in (0..n_columns).filter(|idx| !missing.contains(idx)).enumerate() {
            by_column[column_idx] = numbers[cell_idx];
        }
        let (pass, fail) = check_sums(layout, total_idx, &by_column);
        let mut placement = Placement { missing, pass, fail, n_tied: 1 };
        match &mut best {
            None => best = Some(placement),
            Some(current) => {
                let score = (placement.fail, usize::MAX - placement.pass);
                let current_score = (current.fail, usize::MAX - current.pass);
                if score < current_score {
                    best = Some(placement);
                } else if score == current_score {
                    // Ties go to the placement missing the rightmost columns.
                    placement.n_tied = current.n_tied + 1;
                    if placement.missing > current.missing {
                        best = Some(placement);
                    } else {
                        current.n_tied = placement.n_tied;
                    }
                }
            }
        }
    }
    best
}

/// Counts the sums that hold and fail: each group column against its
/// children, and a trailing total column against the top-level columns.
fn check_sums(layout: &[Spec], total_idx: Option<usize>, by_column: &[Option<f64>]) -> (usize, usize) {
    let mut pass = 0;
    let mut fail = 0;
    // One pass over the parts (no Vec): skipped when a part is missing or there is none.
    let mut check = |total: f64, parts: &mut dyn Iterator<Item = Option<f64>>| {
        let mut sum = -0.0_f64;
        let mut n_parts = 0;
        let mut fractional = total.fract() != 0.0;
        for part in parts {
            let Some(value) = part else { return };
            sum += value;
            n_parts += 1;
            fractional |= value.fract() != 0.0;
        }
        if n_parts == 0 {
            return;
        }
        let tolerance = if fractional { 0.15 } else { 0.01 };
        if (sum - total).abs() <= tolerance {
            pass += 1;
        } else {
            fail += 1;
        }
    };
    for (group_idx, spec) in layout.iter().enumerate() {
        if !spec.group_total {
            continue;
        }
        let Some(total) = by_column[group_idx] else { continue };
        check(total, &mut layout.iter().enumerate().filter(|(_, child)| child.parent == Some(group_idx)).map(|(idx, _)| by_column[idx]));
    }
    if let Some(total_idx) = total_idx {
        if total_idx + 1 == layout.len() {
            if let Some(total) = by_column[total_idx] {
                check(
                    total,
                    &mut layout.iter().enumerate().take(total_idx).filter(|(_, spec)| spec.parent.is_none()).map(|(idx, _)| by_column[idx]),
                );
            }
        }
    }
    (pass, fail)
}

/// The top-level column that holds the row's total (`合計`), if the layout has one.
fn total_column(layout: &[Spec]) -> Option<usize> {
    layout.iter().rposition(|spec| spec.parent.is_none() && spec.label.as_deref().is_some_and(|label| TOTAL_WORDS.contains(&label)))
}

/// Values in a row label, at least this many: a row's values, no label's number (`3 歳未満`).
const MIN_VALUES_IN_LABEL: usize = 3;

/// True when `label` holds `MIN_VALUES_IN_LABEL` numbers or more, each a word of its own
/// (`15 人`, `1,700`, `(+50)`), not a date's or an age's (`令和 6 年 4 月 1 日`, `3 歳`).
fn holds_values(label: &str) -> bool {
    let number = |word: &str| {
        let word = word.trim_start_matches(['(', '+', '▲']).trim_end_matches(')');
        word.starts_with(|c: char| c.is_ascii_digit()) && values::value(word).is_some() && era::year_label(word).year.is_none()
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    let dated = |at: usize| words.get(at + 1).is_some_and(|next| next.starts_with(['年', '月', '日', '歳']));
    (0..words.len()).filter(|&at| number(words[at]) && !dated(at)).count() >= MIN_VALUES_IN_LABEL
}

/// True when `label` ends in two values or more of the unit its row's first cell has (`実施回数
/// 10 回 10 回` over `12 回 12 回 12 回`): the row's first values taken into its label, the rest
/// under the first columns.
fn ends_in_row_values(label: &str, cells: &[Option<Cell>]) -> bool {
    let Some(unit) = cells.iter().flatten().next().and_then(|cell| cell.unit.as_deref()) else { return false };
    let words: Vec<&str> = label.split_whitespace().collect();
    let n_pairs = words.rchunks_exact(2).take_while(|pair| values::number(pair[0]).is_some() && pair[1] == unit).count();
    n_pairs >= 2 && n_pairs * 2 < words.len()
}

/// Why a row label reads as a piece of one (it leaves a bracket open, closes one it did not
/// open, or starts with a character no word starts with: `児童福祉施設等(箇`, `所)`,
/// `る子ども数②`), or `None`. The values are the row's all the same; the label is flagged.
fn cut_label(label: &str) -> Option<&'static str> {
    if crate::stacked::leaves_bracket_open(label) {
        Some("leaves a bracket open")
    } else if crate::stacked::closes_bracket(label) {
        Some("closes a bracket it does not open")
    } else if label.starts_with(['を', 'ん', 'っ', 'ゃ', 'ゅ', 'ょ', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'ー', 'る']) {
        Some("starts mid-word")
    } else {
        None
    }
}

/// `一時保護所の定員数(人)` → `人`.
pub(crate) fn row_unit(label: &str) -> Option<String> {
    let inner = label.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let unit = inner[open + 1..].trim();
    ROW_UNITS.contains(&unit).then(|| unit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<RawRow> {
        text.lines().enumerate().map(|(idx, line)| RawRow::new(idx as u32 + 1, 1, line.split('\t').map(str::to_string).collect())).collect()
    }

    fn table(block: Block) -> Table {
        match block {
            Block::Table(table) => *table,
            other => panic!("expected a table, got {other:?}"),
        }
    }

    fn values_of(table: &Table, row_idx: usize) -> Vec<Option<f64>> {
        table.rows[row_idx].cells.iter().map(|cell| cell.as_ref().and_then(|cell| cell.value)).collect()
    }

    #[test]
    fn an_eras_row_under_year_cells_is_the_headers() {
        // 003_vheader_pdftotext_layout 1339-1345: a stub set vertically around the eras' line.
        let table = rows("\t2025 年度\t2026 年度\n評価指標\t(R7)\t(R8)\n一時保護所の定員数 (人)\t25\t25");
        let joined = eras_row_joined(&table).expect("joined");
        assert_eq!(joined.len(), 2);
        assert_eq!(joined[0].cells, ["評価指標", "2025 年度 (R7)", "2026 年度 (R8)"]);
        // `年` over `度`: the stub joined.
        let table = rows("年\t2025 年度\t2026 年度\n度\t(R7)\t(R8)");
        assert_eq!(eras_row_joined(&table).expect("joined")[0].cells[0], "年度");
        // (An era naming another year, or a row of values: no joining.)
        assert!(eras_row_joined(&rows("\t2025 年度\t2026 年度\n\t(R8)\t(R9)")).is_none());
        assert!(eras_row_joined(&rows("\t2025 年度\t2026 年度\n実施回数\t7\t8")).is_none());
        // A header's year line alone before a page break: its eras and rows on the next page go on.
        let header = rows("\t2025 年度\t2026 年度");
        assert!(continues(&header, &rows("\t(R7)\t(R8)\n実施回数\t10 回\t10 回")));
        assert!(!continues(&header, &rows("\t(R8)\t(R9)\n実施回数\t10 回\t10 回")));
    }

    #[test]
    fn a_row_label_holding_a_rows_values_is_told() {
        assert!(holds_values("受講者数 (子ども) 15 人 20 人 25 人 30 人 30 人"));
        assert!(holds_values("1,700 (+5 1,750 (+50) 1,800 (+50) 1,600 1,650 (+5"));
        for label in
            ["3 歳未満", "18 歳到達 (20 歳まで)", "1 親子再統合支援事業", "令和 6 年 4 月 1 日現在", "2019年度 2024年度① 2024年度② ②-①"]
        {
            assert!(!holds_values(label), "{label}");
        }
    }

    #[test]
    fn a_bullet_in_a_row_label_or_group_makes_the_table_unresolved() {
        // 003_mincho12_pdftotext_layout 998-1003: a text cell's lines read as labels.
        let table = rows(
            "評価指標\t2024 年度\n一時保護所の定員数\t25 人\n里親・ファミ ・一時保護専用施設\t0 箇所 ・里親・\nファミリーホーム 16 組 ・児童養護\nリーホーム、児童養護施設等の確保数\t施設等 4 箇所",
        );
        let mut warnings = Vec::new();
        assert!(matches!(build(&table, Context::default(), &mut warnings), Block::Unresolved { .. }));
        assert!(warnings[0].message.contains("bullet"), "{warnings:?}");
        // (A bullet inside a word, `里親・ファミリーホーム`, is no text cell's.)
        let table = rows("評価指標\t2024 年度\n里親・ファミリーホーム\t16 組");
        assert!(matches!(build(&table, Context::default(), &mut Vec::new()), Block::Table(_)));
    }

    #[test]
    fn a_row_label_that_reads_as_a_piece_of_one_is_flagged() {
        assert_eq!(cut_label("児童福祉施設等(箇"), Some("leaves a bracket open"));
        assert_eq!(cut_label("所)児童福祉施設等"), Some("closes a bracket it does not open"));
        assert_eq!(cut_label("る子ども数②数⑥"), Some("starts mid-word"));
        assert_eq!(cut_label("を受講した児童相談所職員の割合"), Some("starts mid-word"));
        for whole in ["児童福祉施設等(箇所)", "里親等委託率⑦", "まもりごと", "ファミリーホーム", ""] {
            assert_eq!(cut_label(whole), None, "{whole}");
        }
    }

    #[test]
    fn a_year_line_or_a_rows_values_read_into_a_row_make_the_table_unresolved() {
        let header = "\t2024 年度\t2025 年度\t2026 年度\n";
        // 003_twocol_pdftotext_layout 1287: the next table's year line read as values.
        let block = build(&rows(&format!("{header}開催数\t3\t3\t3\n\t2024\t2025\t2026")), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        // 226: two values taken into the label, the rest a column early.
        let block = build(&rows(&format!("{header}実施回数 10 回 10 回\t10 回\t12 回\t12 回")), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        assert!(!ends_in_row_values("3 歳 4 歳", &[]));
        // A year column named by a sentence's piece (twocolall -layout 832).
        let text = "\t平成31年4月の開設以来、一時保護所の\t2020 年度\n件数\t1\t2";
        assert!(matches!(build(&rows(text), Context::default(), &mut Vec::new()), Block::Unresolved { .. }));
        // A row of years that are no column's own is left alone (`2019` … as values).
        let block = build(&rows(&format!("{header}開設年\t2019\t2019\t2020")), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Table(_)), "{block:?}");
    }

    #[test]
    fn a_row_printed_again_after_a_page_break_is_read_once() {
        // 003_wkhtml_pdftotext_layout 395-396: wkhtmltopdf prints a row cut by the page break at
        // the foot of one page and again at the head of the next.
        let mut rows = rows("\t2025年度\t2026年度\n資源の必要量\t156\t168\n年度ごとの整備目標\t156\t168\n年度ごとの整備目標\t156 \t168");
        rows[3].page = 2;
        let mut warnings = Vec::new();
        let table = table(build(&rows, Context::default(), &mut warnings));
        assert_eq!(table.rows.len(), 2, "{table:?}");
        assert_eq!(warnings.iter().map(|warning| (warning.line, warning.code.as_str())).collect::<Vec<_>>(), [(4, "repeated_row")]);
        // On one page, two such rows are the table's (nothing shows one is a copy).
        rows[3].page = 1;
        assert_eq!(table_rows(build(&rows, Context::default(), &mut Vec::new())), 3);
    }

    fn table_rows(block: Block) -> usize {
        table(block).rows.len()
    }

    #[test]
    fn two_numbers_in_one_cell_or_a_notes_text_in_a_label_make_any_table_unresolved() {
        // 003_twocolall_pdftotext 5075-5102: the header lost its total column, so `5 30` (2024's
        // `5`, the total's `30`) was one cell under 2024.
        let mut warnings = Vec::new();
        let block = build(&rows("\t(R1)\t(R2)\t(R3)\n18歳到達\t5\t6\t5 30"), Context::default(), &mut warnings);
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        assert!(warnings[0].message.contains("`5 30` in one cell"), "{warnings:?}");
        // A row one cell short is split as before (the tabbed original, `0 3` in its last cell).
        let block = build(&rows("\t乳児院\t児童養護施設\t合計\n3歳未満\t1\t0 3"), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Table(_)), "{block:?}");
        // 003_typstnarrow_pdftotext 2017-2027: `34.3` / … / `(見込)` / `日` / `日` ….
        let block = build(&rows("\t2019年度\t2020年度\n日日\t34.3\t44.2"), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        // 003_twocolall_pdftotext 2031-2045: two footnotes, a caption's piece and a list item read
        // as one row's label.
        assert!(note_text("※18歳未満人口は毎年度4月1日現在の住民基本台帳人口乳児院"));
        assert!(!note_text("児童福祉司等配置数※1") && !note_text("配置数※2 (見込)") && !note_text("里親委託率※"));
        let mut warnings = Vec::new();
        let block = build(&rows("\t2020年度\t2021年度\n※18歳未満人口は毎年度4月1日現在\t61%\t38.9%"), Context::default(), &mut warnings);
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        assert!(warnings[0].message.contains("note's text"), "{warnings:?}");
    }

    #[test]
    fn two_columns_naming_one_year_make_the_table_unresolved() {
        // 003_gnumeric_pdftotext 3652-3658: `2028 年` / `2029 年度 (R11)` / `度` / `(R10)`.
        let mut warnings = Vec::new();
        let block = build(&rows("\t2028 年\t2029 年度 (R11)\t(R10)\n度\t125\t142\t151"), Context::default(), &mut warnings);
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        assert!(warnings[0].message.contains("same fiscal year"), "{warnings:?}");
        // Qualified columns of one year (`2024 年度①`, `2024 年度②`) are two columns.
        let block = build(&rows("\t2019 年度\t2024 年度①\t2024 年度②\n里親\t1\t2\t3"), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Table(_)), "{block:?}");
    }

    #[test]
    fn a_row_label_run_into_one_year_cell_makes_the_table_unresolved() {
        assert_eq!(words_before_year("設置 2024 年度 (R6)"), "設置");
        assert_eq!(words_before_year("定量的な整備目標令和9年度"), "定量的な整備目標");
        assert_eq!(words_before_year("2024 年度① (R6) (現計画)"), "");
        let mut warnings = Vec::new();
        let block = build(&rows("\t設置 2024 年度 (R6)\t2025 年度 (R7)\t2026 年度 (R8)\n数\t1\t1\t1"), Context::default(), &mut warnings);
        assert!(matches!(block, Block::Unresolved { .. }), "{block:?}");
        assert!(warnings[0].message.contains("`設置`"), "{warnings:?}");
        // A wrapped stub's first line (`年` / `度`) leaves the rows as they are.
        let block = build(&rows("\t年 2024 年度\t2025 年度\t2026 年度\n里親\t1\t1\t1"), Context::default(), &mut Vec::new());
        assert!(matches!(block, Block::Table(_)), "{block:?}");
    }

    #[test]
    fn a_column_that_is_only_a_wrapped_cells_end_makes_the_table_unresolved() {
        // Ghostscript: `2024年度① (R6) (現計` printed on the caption's line, `画)` over the column.
        let rows = vec![
            RawRow::new(1, 1, vec!["".into(), "2019年度 (R1)".into(), "画)".into(), "績)".into(), "②-①".into()]),
            RawRow::new(2, 1, vec!["代替養育を必要とする子ども数①".into(), "93".into(), "93".into(), "62".into(), "▲31".into()]),
        ];
        let mut warnings = Vec::new();
        assert!(matches!(build(&rows, Context::default(), &mut warnings), Block::Unresolved { .. }));
        assert!(warnings[0].message.contains("`画)`"), "{warnings:?}");
        assert!(is_closing_piece("績)") && is_closing_piece("4月)"));
        assert!(!is_closing_piece("(R6)") && !is_closing_piece("R6年度)") && !is_closing_piece("2024年度 (R6)"));
    }

    #[test]
    fn a_numbered_rows_label_rest_as_the_stub_makes_the_table_unresolved() {
        // Ghostscript after a page break: `数①` (the rest of row ①'s label) on a header line.
        let rows = vec![
            RawRow::new(1, 1, vec!["数①".into(), "2024年度 (R6) (実績)".into(), "3歳未満".into(), "降".into()]),
            RawRow::new(2, 1, vec!["里親を必要とする子ども数②".into(), "23".into(), "3".into(), "45".into()]),
        ];
        let mut warnings = Vec::new();
        assert!(matches!(build(&rows, Context::default(), &mut warnings), Block::Unresolved { .. }));
        assert!(warnings[0].message.contains("`数①`"), "{warnings:?}");
        // Unnumbered rows under such a stub: read.
        let plain = vec![
            RawRow::new(1, 1, vec!["区分①".into(), "2024年度 (R6)".into(), "2025年度 (R7)".into()]),
            RawRow::new(2, 1, vec!["利用者数".into(), "23".into(), "3".into()]),
        ];
        assert!(matches!(build(&plain, Context::default(), &mut Vec::new()), Block::Table(_)));
    }

    #[test]
    fn a_header_formula_among_a_rows_cells_makes_the_table_unresolved() {
        assert!(is_formula("(①-②)") && is_formula("②/①") && !is_formula("12") && !is_formula("① (R11年度末)"));
        let text = "\t必要量\t整備状況\t見込み量\n研修の実施回数\t① (R11年度末) 12\t(①-②)\t12";
        let mut warnings = Vec::new();
        assert!(matches!(build(&rows(text), Context::default(), &mut warnings), Block::Unresolved { .. }));
        assert!(warnings[0].message.contains("`(①-②)`"), "{warnings:?}");
    }

    #[test]
    fn a_spanning_cell_holding_its_columns_first_lines_makes_the_table_unresolved() {
        // 003_b5_pdftotext_layout 2461-2464: `3 歳 3 歳～就 学童期` run together under `(内訳)`.
        let text = "\t2024 年度 (R6)\t(内訳) 3 歳 3 歳～就 学童期\t\t\n\t\t未満\t学前\t以降\n登録里親数③\t89\t6\t11\t122";
        let mut warnings = Vec::new();
        assert!(matches!(build(&rows(text), Context::default(), &mut warnings), Block::Unresolved { .. }));
        assert!(warnings[0].message.contains("run together"), "{warnings:?}");
        // One Japanese word and letters (`里親+ F H` over `里親 | FH`) is a spanning cell.
        let plain = "\t2024 年度 (R6)\t里親+ F H\t\n\t\t里親\tFH\n登録里親数③\t89\t6\t11";
        assert!(matches!(build(&rows(plain), Context::default(), &mut Vec::new()), Block::Table(_)));
    }

    #[test]
    fn a_row_turned_round_makes_the_table_unresolved() {
        let text = "\t2025\t2026\t2027\t2028\t2029\n資源の必要量\t1,600\t1,650\t1,700\t1,750\t1,800\n年度ごとの整備目標\t1,650\t1,700\t1,750\t1,800\t1,600";
        let mut warnings = Vec::new();
        assert!(matches!(build(&rows(text), Context::default(), &mut warnings), Block::Unresolved { .. }));
        assert!(warnings[0].message.contains("turned round"), "{warnings:?}");
        // Equal rows, and rows of one value repeated, are no sign of it.
        let equal = "\t2025\t2026\t2027\na\t1\t2\t3\nb\t1\t2\t3\nc\t6\t6\t6\nd\t6\t6\t6";
        assert!(matches!(build(&rows(equal), Context::default(), &mut Vec::new()), Block::Table(_)));
    }

    #[test]
    fn spanning_header_with_missing_fh_cell() {
        let table = table(build(
            &rows("\t乳児院\t児童養護 施設\t里親+ F H\t\t合計\n\t\t\t里親\tF H\t\n3歳未満\t2\t0\t1\t1\t3\n学童期以降\t0\t33\t21\t15\t54"),
            Context::default(),
            &mut Vec::new(),
        ));
        let labels: Vec<_> = table.columns.iter().map(|column| column.label.clone().unwrap_or_default()).collect();
        assert_eq!(labels, ["乳児院", "児童養護 施設", "里親+ F H", "里親+ F H > 里親", "里親+ F H > F H", "合計"]);
        assert_eq!(values_of(&table, 0), [Some(2.0), Some(0.0), Some(1.0), Some(1.0), None, Some(3.0)]);
        assert_eq!(values_of(&table, 1), [Some(0.0), Some(33.0), Some(21.0), Some(15.0), None, Some(54.0)]);
    }

    #[test]
    fn lone_grand_total_returns_to_its_row() {
        let mut warnings = Vec::new();
        let table = table(build(
            &rows(
                "\t乳児院\t児童養護施設\t里親+FH\t\t合計\n\t\t\t里親\tFH\t\n3歳未満\t0\t0\t3\t3\t0\n合計\t0\t19\t54\t47\t7\n\t\t\t\t\t73",
            ),
            Context::default(),
            &mut warnings,
        ));
        assert_eq!(values_of(&table, 0), [Some(0.0), Some(0.0), Some(3.0), Some(3.0), Some(0.0), None]);
        assert_eq!(values_of(&table, 1), [Some(0.0), Some(19.0), Some(54.0), Some(47.0), Some(7.0), Some(73.0)]);
        assert!(warnings.iter().any(|warning| warning.code == "lone_cell_joined" && warning.line == 5));
    }

    #[test]
    fn breakdown_header_without_own_column() {
        let table = table(build(
            &rows("\t2024年度 (R6) (実績)\t2029年度 (R11) (現行)\t2029年度 (R11) (改定)\t(内訳)\t\t\n\t\t\t\t3歳未満\t3歳~就学前\t学童期以降\n代替養育を必要とする子ども数①\t62\t93\t73\t3\t6\t64"),
            Context::default(),
            &mut Vec::new(),
        ));
        assert_eq!(table.columns.len(), 6);
        assert_eq!(table.columns[3].label.as_deref(), Some("(内訳) > 3歳未満"));
        assert_eq!(table.columns[2].fiscal_year, Some(2029));
        assert_eq!(values_of(&table, 0)[5], Some(64.0));
    }

    #[test]
    fn merged_cells_are_split() {
        let table = table(build(
            &rows("\t乳児院\t児童養護 施設\t里親+FH\t\t合計\n\t\t\t里親\tFH\t\n3歳未満\t1\t0\t2\t2\t0 3"),
            Context::default(),
            &mut Vec::new(),
        ));
        assert_eq!(values_of(&table, 0), [Some(1.0), Some(0.0), Some(2.0), Some(2.0), Some(0.0), Some(3.0)]);
    }
}
