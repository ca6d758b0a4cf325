//! The national requirement grid printed by raw `pdftotext` out of order:
//! `資源 | 現在の整備・取組状況(…) | 整備すべき見込量等(…)`, one row per item
//! of the numbered list above it (`①…⑤`), the row numbers `1`…`5` on lines
//! of their own, and the cells as blocks of lines in an order that follows
//! neither rows nor columns (seed 000, lines 85-132 and 451-491).
//!
//! The grid is rebuilt only when the text proves one reading: as many row
//! numbers as list items, exactly two cells per item, and — when there is more
//! than one row — one placement of the cells that fits clearly better than
//! any other. A placement is scored by what a reader goes by: the words a cell
//! shares with an item (`交流が途絶えたケース等`), the unit the item asks for
//! (`…の割合` → `100%`, `…件数` → `20件`), the two cells of a row printed
//! one after the other, and the two cells of a row saying nearly the same
//! (current state and target often do). Otherwise the caller keeps the
//! fragments as an `unresolved` block.

use crate::model::Item;
use crate::normalize;

/// Most rows placed by content (the search is over subsets of cells: 2^(2n)).
const MAX_ROWS: usize = 6;
/// Longest label and cell compared, in characters (longer text: no rebuild;
/// comparing costs label × cell characters).
const MAX_LABEL_CHARS: usize = 150;
const MAX_CELL_CHARS: usize = 1000;
/// Shortest run of characters shared by a label and a cell that counts.
const MIN_SHARED_CHARS: usize = 3;
/// Score of a cell that carries the unit its row's label asks for.
const UNIT_FIT: f64 = 0.5;
/// Score of a row whose two cells are printed one after the other.
const ADJACENT: f64 = 0.5;
/// Weight of the likeness of a row's two cells.
const COHESION: f64 = 0.5;
/// How much better than the next placement the chosen one must score.
pub const MIN_MARGIN: f64 = 0.25;

/// The quantity a label names and the unit a cell gives it in.
const UNITS: [(&str, &str); 9] = [
    ("割合", "%"),
    ("率", "%"),
    ("件数", "件"),
    ("回数", "回"),
    ("者数", "人"),
    ("人数", "人"),
    ("箇所数", "箇所"),
    ("か所数", "か所"),
    ("施設数", "施設"),
];

/// A rebuilt grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The header cell above the row labels (`資源`).
    pub stub: String,
    /// The two column headers as printed.
    pub columns: [String; 2],
    /// The line of the header.
    pub header_line: u32,
    /// Per list item, in list order: the line of its row number and its two
    /// cells (line, text), current state first.
    pub rows: Vec<(u32, [(u32, String); 2])>,
    /// Score of the chosen placement and of the next best (None with one row);
    /// None when the rows were placed by their printed numbers (`aligned`).
    pub scores: Option<(f64, Option<f64>)>,
}

/// Rebuilds the grid from its fragments (every non-blank line of the region,
/// in text order) and the labels of the list above it. Err says why not.
pub fn rebuild(fragments: &[Item], labels: &[String]) -> Result<Grid, String> {
    let n_rows = labels.len();
    if n_rows == 0 || n_rows > MAX_ROWS {
        return Err(format!("{n_rows} list items above it (1 to {MAX_ROWS} are read)"));
    }
    let texts: Vec<&str> = fragments.iter().map(|fragment| fragment.text.as_str()).collect();
    let (header_idx, (header_text, header_entries)) =
        (0..fragments.len()).find_map(|idx| Some((idx, header_at(&texts[idx..])?))).ok_or("no header line")?;
    let header = &fragments[header_idx];
    let (stub, columns) = split_header(&header_text).ok_or("a header that does not split into three columns")?;

    // Row numbers: `1`…`n`, each once, on lines of their own.
    let mut number_lines = vec![None; n_rows];
    let mut rest: Vec<&Item> = Vec::new();
    for (idx, fragment) in fragments.iter().enumerate() {
        if idx >= header_idx && header_entries.contains(&(idx - header_idx)) {
            continue;
        }
        match normalize::trim(&fragment.text).parse::<usize>() {
            Ok(number) if (1..=n_rows).contains(&number) && number_lines[number - 1].is_none() => {
                number_lines[number - 1] = Some(fragment.line);
            }
            _ => rest.push(fragment),
        }
    }
    let number_lines: Vec<u32> =
        number_lines.into_iter().collect::<Option<_>>().ok_or_else(|| format!("not every row number 1-{n_rows} is printed"))?;

    let cells = cells(&rest, 2 * n_rows).ok_or_else(|| format!("the cells do not come to {} ({n_rows} rows of 2)", 2 * n_rows))?;
    if labels.iter().any(|label| label.chars().count() > MAX_LABEL_CHARS)
        || cells.iter().any(|(_, text)| text.chars().count() > MAX_CELL_CHARS)
    {
        return Err("cells or labels too long to compare".to_string());
    }
    let (placement, scores) = place(labels, &cells)?;
    let rows = placement
        .iter()
        .zip(number_lines)
        .map(|(&(first, second), number_line)| (number_line, [cells[first].clone(), cells[second].clone()]))
        .collect();
    Ok(Grid { stub, columns, header_line: header.line, rows, scores: Some(scores) })
}

/// The grid as `pdftotext -layout` prints it: the header on one line, then
/// the two columns side by side, each cell wrapped over several lines, and
/// each row's number vertically centred in its row, on a line of its own or
/// on a line of its cells:
///
/// ```text
///  資源     現在の整備・取組状況(…)        整備すべき見込量等（…）
///       ・ライフストーリーワーク実施 40 人            ・ライフストーリーワーク実施 40 人
///  1
///       ・ファミリーグループカンファレンスの実施 50 件      ・ファミリー…
/// ```
///
/// Read only when the row numbers run `1`…`n` down the grid and, each
/// centred in its row, cut the lines into rows that end exactly at the last
/// line; and when every line splits into the two columns: the second column
/// starts where cells alone on their line right of the first start, and a
/// line whose two cells are printed one space apart is cut at that space.
/// `lines` are the region's lines (number, untrimmed text); blank lines may
/// only follow the grid. The rows are in number order; their labels are the
/// list above's items, as for `rebuild`.
pub fn aligned(lines: &[(u32, &str)]) -> Option<Grid> {
    use crate::columns::{spans, Span};
    let mut non_blank = lines.iter().filter(|(_, text)| !normalize::trim(text).is_empty());
    let &(header_line, header_text) = non_blank.next()?;
    if !is_header(header_text) {
        return None;
    }
    let (stub, columns) = split_header(header_text)?;
    let body_start = lines.iter().position(|&(line, _)| line == header_line)? + 1;
    let body_len = lines[body_start..].iter().position(|(_, text)| normalize::trim(text).is_empty()).unwrap_or(lines.len() - body_start);
    let body = &lines[body_start..body_start + body_len];
    if body.is_empty() || lines[body_start + body_len..].iter().any(|(_, text)| !normalize::trim(text).is_empty()) {
        return None;
    }
    let is_number = |text: &str| text.len() <= 2 && text.bytes().all(|byte| byte.is_ascii_digit());
    // Per line: its row number (if it leads the line) and the rest of its spans.
    let mut numbers = Vec::new();
    let mut rests = Vec::with_capacity(body.len());
    for (idx, &(_, text)) in body.iter().enumerate() {
        let mut line_spans = spans(text);
        if line_spans.first().is_some_and(|first| is_number(&first.text)) {
            let number = line_spans.remove(0);
            numbers.push((idx, number.text.parse::<usize>().ok()?, number.end));
        }
        rests.push(line_spans);
    }
    let number_end = numbers.iter().map(|&(_, _, end)| end).max()?;
    if numbers.iter().zip(1..).any(|(&(_, number, _), wanted)| number != wanted) || numbers.len() > MAX_ROWS {
        return None;
    }
    let first_column = rests.iter().filter_map(|line_spans| line_spans.first().map(|span| span.start)).min()?;
    if first_column <= number_end {
        return None;
    }
    // Where the second column starts: the second cell of a line, or a cell alone on its line right of the first column.
    let second_column = rests
        .iter()
        .filter_map(|line_spans| match line_spans[..] {
            [ref only] if only.start > first_column + 2 => Some(only.start),
            [_, ref second] => Some(second.start),
            _ => None,
        })
        .min()?;
    if second_column < first_column + MIN_COLUMN_CHARS {
        return None;
    }
    // Each line's two parts.
    let mut parts: Vec<[String; 2]> = Vec::with_capacity(body.len());
    let mut wide_spaced = false;
    let mut second_starts = Vec::new();
    for line_spans in &rests {
        let split = match &line_spans[..] {
            [] => [String::new(), String::new()],
            [only] if only.start > first_column + 2 => [String::new(), only.text.clone()],
            [only] if only.end <= second_column => [only.text.clone(), String::new()],
            // Both cells one space apart: cut at the space before the second column.
            [only] => {
                let chars: Vec<char> = only.text.chars().collect();
                let cut = (0..chars.len()).rev().find(|&at| {
                    let next = only.start + at + 1;
                    chars[at] == ' ' && next + 2 >= second_column && next <= second_column + 2
                })?;
                [chars[..cut].iter().collect(), chars[cut + 1..].iter().collect()]
            }
            // Cells apart by runs of spaces, a cell perhaps with a wide space inside
            // (`・ライフストーリーワーク実施   40人`): each on the side of the second column it starts.
            several => {
                let (left, right): (Vec<&Span>, Vec<&Span>) = several.iter().partition(|span| span.start + 2 < second_column);
                if several.len() > 2 {
                    wide_spaced = true;
                }
                if let Some(first_right) = right.first() {
                    second_starts.push(first_right.start);
                }
                let joined = |side: &[&Span]| side.iter().map(|span| span.text.as_str()).collect::<Vec<_>>().join(" ");
                [joined(&left), joined(&right)]
            }
        };
        parts.push(split);
    }
    // Cells with wide spaces inside are split by where the second column starts, so that
    // place must be the same on every line (pdfplumber's layout keeps it to a character).
    let spread = second_starts.iter().max().zip(second_starts.iter().min()).map_or(0, |(max, min)| max - min);
    if wide_spaced && spread > MAX_SECOND_COLUMN_SPREAD {
        return None;
    }
    // Rows: each number centred in its row (on one of the two middle lines when the row
    // has an even count of lines: Ghostscript prints it on the upper one), the rows back
    // to back down to the last line; read only when one cut does that.
    // A row starts with a cell's first line, not with the rest of one (`の派遣`).
    let starts_a_row = |idx: usize| parts[idx].iter().all(|piece| !piece.starts_with(CONTINUATION_STARTS));
    let ends = row_ends(&numbers.iter().map(|&(at, _, _)| at).collect::<Vec<_>>(), body.len(), &starts_a_row)?;
    let mut rows = Vec::with_capacity(numbers.len());
    let mut start = 0;
    for (&(at, _, _), end) in numbers.iter().zip(ends) {
        let mut cells = [(body[at].0, String::new()), (body[at].0, String::new())];
        for column in 0..2 {
            let mut first_line = None;
            for idx in start..=end {
                let piece = &parts[idx][column];
                if !piece.is_empty() {
                    first_line.get_or_insert(body[idx].0);
                    crate::blocks::push_joined(&mut cells[column].1, piece);
                }
            }
            if let Some(line) = first_line {
                cells[column].0 = line;
            }
        }
        rows.push((body[at].0, cells));
        start = end + 1;
    }
    (start == body.len()).then_some(Grid { stub, columns, header_line, rows, scores: None })
}

/// What the rest of a wrapped cell starts with, never a cell: a particle or a closing bracket.
const CONTINUATION_STARTS: [char; 11] = ['の', 'を', 'に', 'が', 'は', 'へ', 'と', 'で', ')', '）', '、'];

/// The last line of each row when rows numbered at `numbers` (line indexes) cut `n_lines`
/// lines back to back, each number in the middle of its row, every row starting on a
/// line that `starts_a_row`. Failing that, a row of an even count of lines may have its
/// number on one of its two middle lines (Ghostscript prints it on the upper one) when
/// exactly one such cut is found. None otherwise.
fn row_ends(numbers: &[usize], n_lines: usize, starts_a_row: &dyn Fn(usize) -> bool) -> Option<Vec<usize>> {
    fn cuts(
        numbers: &[usize],
        start: usize,
        n_lines: usize,
        even: bool,
        ok: &dyn Fn(usize) -> bool,
        ends: &mut Vec<usize>,
        found: &mut Vec<Vec<usize>>,
    ) {
        let Some((&at, rest)) = numbers.split_first() else {
            if start == n_lines {
                found.push(ends.clone());
            }
            return;
        };
        let Some(above) = at.checked_sub(start) else { return };
        if start < n_lines && !ok(start) {
            return;
        }
        let belows = if even { vec![above.checked_sub(1), Some(above), Some(above + 1)] } else { vec![Some(above)] };
        for below in belows.into_iter().flatten() {
            if at + below < n_lines && found.len() < 2 {
                ends.push(at + below);
                cuts(rest, at + below + 1, n_lines, even, ok, ends, found);
                ends.pop();
            }
        }
    }
    for even in [false, true] {
        let mut found = Vec::new();
        cuts(numbers, 0, n_lines, even, starts_a_row, &mut Vec::new(), &mut found);
        match found.len() {
            0 => continue,
            1 => return found.pop(),
            _ => return None,
        }
    }
    None
}

/// How far apart the second column may start on different lines when cells are
/// told apart by where it starts (characters).
const MAX_SECOND_COLUMN_SPREAD: usize = 4;

/// Narrowest first column of an aligned grid, in characters.
const MIN_COLUMN_CHARS: usize = 12;

/// True for the one-line header `資源 現在の整備… 整備すべき見込量…`.
pub fn is_header(text: &str) -> bool {
    let text = normalize::trim(text);
    text.starts_with("資源") && text.contains("現在の整備") && text.contains("整備すべき見込量") && !text.contains('\t')
}

/// The grid's header at the start of `texts` (lines, or non-blank fragments): on
/// one line (`is_header`), or a cell a line (`資源` / `現在の整備・取組状況(…)` /
/// `整備すべき見込量等(…)`, PyMuPDF and default `pdftotext`), blank lines between
/// allowed, and a row number (`1`, default `pdftotext`). Returns the header as one
/// line and the entries of `texts` it took.
pub fn header_at(texts: &[&str]) -> Option<(String, Vec<usize>)> {
    let first = texts.first()?.trim();
    if is_header(first) {
        return Some((first.to_string(), vec![0]));
    }
    if first != "資源" {
        return None;
    }
    let row_number = |text: &str| !text.is_empty() && text.len() <= 2 && text.bytes().all(|byte| byte.is_ascii_digit());
    let mut cells = texts
        .iter()
        .map(|text| normalize::trim(text))
        .enumerate()
        .skip(1)
        .filter(|(_, text)| !text.is_empty() && !row_number(text))
        .take(2);
    let (current_idx, current) = cells.next()?;
    let (target_idx, target) = cells.next()?;
    (current.starts_with("現在の整備") && target.starts_with("整備すべき見込量"))
        .then(|| (format!("{first} {current} {target}"), vec![0, current_idx, target_idx]))
}

/// `資源 現在の整備・取組状況(…) 整備すべき見込量等(…)` → the stub and the two column headers.
fn split_header(text: &str) -> Option<(String, [String; 2])> {
    let text = normalize::trim(text);
    let current = text.find("現在の整備")?;
    let target = text.find("整備すべき見込量")?;
    (current < target).then(|| {
        (
            normalize::trim(&text[..current]).to_string(),
            [normalize::trim(&text[current..target]).to_string(), normalize::trim(&text[target..]).to_string()],
        )
    })
}

/// The cells in text order: blocks of consecutive lines, joined. When there
/// are fewer blocks than `wanted`, one-line blocks of two space-separated
/// parts (`100% 100%`) are taken as two cells — only when exactly that many
/// are needed.
fn cells(fragments: &[&Item], wanted: usize) -> Option<Vec<(u32, String)>> {
    let mut blocks: Vec<(u32, u32, String)> = Vec::new();
    for fragment in fragments {
        let text = normalize::trim(&fragment.text);
        match blocks.last_mut() {
            Some((_, last, joined)) if *last + 1 == fragment.line => {
                crate::blocks::push_joined(joined, text);
                *last = fragment.line;
            }
            _ => blocks.push((fragment.line, fragment.line, text.to_string())),
        }
    }
    let two_parts = |text: &str| {
        let mut parts = text.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some(first), Some(second), None) => Some((first.to_string(), second.to_string())),
            _ => None,
        }
    };
    let splittable = |block: &(u32, u32, String)| block.0 == block.1 && two_parts(&block.2).is_some();
    let deficit = wanted.checked_sub(blocks.len())?;
    if deficit > 0 && blocks.iter().filter(|block| splittable(block)).count() != deficit {
        return None;
    }
    let mut cells = Vec::with_capacity(wanted);
    for block in blocks {
        match two_parts(&block.2).filter(|_| deficit > 0 && block.0 == block.1) {
            Some((first, second)) => {
                cells.push((block.0, first));
                cells.push((block.0, second));
            }
            None => cells.push((block.0, block.2)),
        }
    }
    Some(cells)
}

/// The best placement of `cells` (2 per label, in text order within a row)
/// and its score and the next best's; Err when no placement stands out.
#[allow(clippy::type_complexity)]
fn place(labels: &[String], cells: &[(u32, String)]) -> Result<(Vec<(usize, usize)>, (f64, Option<f64>)), String> {
    let n_rows = labels.len();
    let n_cells = cells.len();
    // Each text's letters read once, not once per pair.
    let label_letters: Vec<Vec<char>> = labels.iter().map(|label| letters(label)).collect();
    let fit: Vec<Vec<f64>> = cells
        .iter()
        .map(|(_, cell)| {
            let cell_letters = letters(cell);
            labels.iter().zip(&label_letters).map(|(label, label_letters)| label_fit(label, label_letters, cell, &cell_letters)).collect()
        })
        .collect();
    let letter_pairs: Vec<Vec<(char, char)>> = cells.iter().map(|(_, cell)| letter_pairs(cell)).collect();
    let mut pair = vec![vec![0.0; n_cells]; n_cells];
    for first in 0..n_cells {
        for second in first + 1..n_cells {
            let adjacent = if second == first + 1 { ADJACENT } else { 0.0 };
            pair[first][second] = adjacent + COHESION * likeness(&letter_pairs[first], &letter_pairs[second]);
        }
    }
    // best[mask] = the two best placements of rows 0..popcount(mask)/2 on the cells in
    // mask, each (score, the mask before, which of its two, the pair taken): no copies.
    #[derive(Clone, Copy)]
    struct Step {
        score: f64,
        from: usize,
        rank: usize,
        pair: (usize, usize),
    }
    let mut best: Vec<[Option<Step>; 2]> = vec![[None, None]; 1 << n_cells];
    best[0][0] = Some(Step { score: 0.0, from: usize::MAX, rank: 0, pair: (0, 0) });
    for mask in 0..(1usize << n_cells) {
        if best[mask][0].is_none() || mask.count_ones() as usize >= n_cells {
            continue;
        }
        let row = mask.count_ones() as usize / 2;
        let from = best[mask];
        for first in (0..n_cells).filter(|idx| mask & (1 << idx) == 0) {
            for second in (first + 1..n_cells).filter(|idx| mask & (1 << idx) == 0) {
                let gain = fit[first][row] + fit[second][row] + pair[first][second];
                let next = mask | (1 << first) | (1 << second);
                for (rank, step) in from.iter().enumerate() {
                    let Some(step) = step else { continue };
                    let candidate = Step { score: step.score + gain, from: mask, rank, pair: (first, second) };
                    let slot = &mut best[next];
                    if slot[0].is_none_or(|kept| candidate.score > kept.score) {
                        slot[1] = slot[0];
                        slot[0] = Some(candidate);
                    } else if slot[1].is_none_or(|kept| candidate.score > kept.score) {
                        slot[1] = Some(candidate);
                    }
                }
            }
        }
    }
    let done = best[(1 << n_cells) - 1];
    let top = done[0].ok_or("no placement")?;
    let next = done[1].map(|step| step.score);
    if n_rows > 1 {
        let next = next.unwrap_or(f64::NEG_INFINITY);
        if top.score - next < MIN_MARGIN {
            return Err(format!("two placements of its cells fit the list above about equally (scores {:.2} and {next:.2})", top.score));
        }
    }
    let mut choices = Vec::with_capacity(n_rows);
    let mut step = top;
    while step.from != usize::MAX {
        choices.push(step.pair);
        step = best[step.from][step.rank].ok_or("a broken placement")?;
    }
    choices.reverse();
    Ok((choices, (top.score, next)))
}

/// How well a cell fits a row label: the share of the label's characters
/// found in the cell in runs of `MIN_SHARED_CHARS` or more, plus `UNIT_FIT`
/// when the label names a quantity the cell gives in its unit.
fn label_fit(label: &str, label_letters: &[char], cell: &str, cell_letters: &[char]) -> f64 {
    shared_letters(label_letters, cell_letters) + if unit_fits(label, cell) { UNIT_FIT } else { 0.0 }
}

fn letters(text: &str) -> Vec<char> {
    text.chars().filter(|&c| normalize::is_letter(c) || c.is_numeric()).collect()
}

/// The share of `label`'s letters that lie in a run of `MIN_SHARED_CHARS` or
/// more letters that `cell` has too. Time: label × cell letters.
#[cfg(test)]
fn shared_share(label: &str, cell: &str) -> f64 {
    shared_letters(&letters(label), &letters(cell))
}

/// `shared_share` of the texts' `letters`.
fn shared_letters(label: &[char], cell: &[char]) -> f64 {
    if label.is_empty() {
        return 0.0;
    }
    // run[j] = length of the common run starting at label[i] and cell[j], row by row from the end.
    let mut run = vec![0usize; cell.len() + 1];
    let mut covered_until = vec![0usize; label.len()];
    // Which letters the cell may have, by their code modulo 64: most of a label's letters
    // are not in the cell, and their row of runs is all zeros, made without a comparison.
    let cell_letters = cell.iter().fold(0u64, |mask, &letter| mask | 1 << (letter as u32 % 64));
    for i in (0..label.len()).rev() {
        // Left to right: run[j + 1] still holds the row below (label[i + 1]) when run[j] is made.
        // The longest run found in the same pass (this loop is most of the grid's time).
        let letter = label[i];
        if cell_letters & 1 << (letter as u32 % 64) == 0 {
            run.fill(0);
            covered_until[i] = 0;
            continue;
        }
        let mut longest = 0;
        for (j, &cell_letter) in cell.iter().enumerate() {
            let length = if letter == cell_letter { 1 + run[j + 1] } else { 0 };
            run[j] = length;
            longest = longest.max(length);
        }
        covered_until[i] = if longest >= MIN_SHARED_CHARS { i + longest } else { 0 };
    }
    let mut covered = 0;
    let mut reach = 0;
    for (i, until) in covered_until.iter().enumerate() {
        reach = reach.max(*until);
        if i < reach {
            covered += 1;
        }
    }
    covered as f64 / label.len() as f64
}

/// True when `label` names a quantity (`…の割合`, `…件数`) and `cell` has a
/// number in that quantity's unit (`100%`, `20件`).
fn unit_fits(label: &str, cell: &str) -> bool {
    let Some(unit) = UNITS.iter().find(|(word, _)| label.contains(word)).map(|(_, unit)| *unit) else { return false };
    cell.match_indices(unit).any(|(at, _)| cell[..at].trim_end().chars().next_back().is_some_and(|c| c.is_ascii_digit()))
}

/// Likeness of two cells: the share of the shorter one's letter pairs that
/// the other has too.
fn likeness(first: &[(char, char)], second: &[(char, char)]) -> f64 {
    let shorter = first.len().min(second.len());
    if shorter == 0 {
        return if first.is_empty() && second.is_empty() { 1.0 } else { 0.0 };
    }
    let common = first.iter().filter(|pair| second.binary_search(pair).is_ok()).count();
    common as f64 / shorter as f64
}

/// The distinct pairs of neighbouring letters of `text`, sorted.
fn letter_pairs(text: &str) -> Vec<(char, char)> {
    let letters = letters(text);
    let mut pairs: Vec<(char, char)> = letters.windows(2).map(|pair| (pair[0], pair[1])).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(lines: &[(u32, &str)]) -> Vec<Item> {
        lines.iter().map(|&(line, text)| Item { line, text: text.to_string() }).collect()
    }

    const HEADER: &str = "資源 現在の整備・取組状況(令和6年度末見込み) 整備すべき見込量等(令和11年度末時点)";

    #[test]
    fn one_row_needs_no_scoring() {
        let fragments = items(&[(21, "1"), (23, HEADER), (25, "チームを配置。"), (26, "担当は配置済み。"), (30, "配置済み")]);
        let grid = rebuild(&fragments, &["専門チームの配置".to_string()]).expect("rebuilt");
        assert_eq!(grid.stub, "資源");
        assert_eq!(grid.columns[0], "現在の整備・取組状況(令和6年度末見込み)");
        assert_eq!(grid.rows, vec![(21, [(25, "チームを配置。担当は配置済み。".to_string()), (30, "配置済み".to_string())])]);
    }

    #[test]
    fn rows_placed_by_words_units_and_order() {
        // Row 2 comes first, row 1 after the header; `100% 100%` is one line of two cells.
        let fragments = items(&[(1, "1"), (3, "2"), (5, "100% 100%"), (7, HEADER), (9, "研修の成立件数:20件 研修の成立件数:22件")]);
        let labels = ["養子縁組の成立件数".to_string(), "研修を受講した児童福祉司の割合".to_string()];
        let grid = rebuild(&fragments, &labels).expect("rebuilt");
        assert_eq!(grid.rows[0].1[1], (9, "研修の成立件数:22件".to_string()));
        assert_eq!(grid.rows[1].1, [(5, "100%".to_string()), (5, "100%".to_string())]);
    }

    #[test]
    fn no_evidence_no_grid() {
        // Two rows whose cells say nothing about either label: any placement fits as well.
        let fragments = items(&[(1, "1"), (2, "2"), (4, HEADER), (6, "整備済み"), (8, "整備済み"), (10, "検討中"), (12, "検討中")]);
        let labels = ["里親支援の体制".to_string(), "相談支援の体制".to_string()];
        assert!(rebuild(&fragments, &labels).is_err());
        // A row number missing, or a cell too many: no grid either.
        let fragments = items(&[(1, "1"), (4, HEADER), (6, "a"), (8, "b"), (10, "c")]);
        assert!(rebuild(&fragments, &["x".to_string()]).is_err());
    }

    /// Grid 2 of seed 000 as `pdftotext -layout` prints it (000_libreoffice_pdftotext_layout 79-98).
    const LAYOUT: &str = " 資源     現在の整備・取組状況(令和 6 年度末見込み)        整備すべき見込量等(令和 11 年度末時点)
      ・ライフストーリーワーク実施 40 人            ・ライフストーリーワーク実施 40 人
 1
      ・ファミリーグループカンファレンスの実施 50 件      ・ファミリーグループカンファレンスの実施 50 件
      親への相談支援等に関する児相職員研修             親への相談支援等に関する児相職員研修
 2    ・実施回数:2回(受講者:45 人)             ・実施回数:2回(受講者:45 人)
      親への相談支援等に関する新任職員研修 1 回(100%)   親への相談支援等に関する新任職員研修 1 回(100%)
      ・児童心理司、児童福祉司のペアレンティング研修へ ・児童心理司、児童福祉司のペアレンティング研修へ
 3
      の派遣                      の派遣
                               ・母親向け虐待再発防止プログラム(グループカウン
      ・母親向け虐待再発防止プログラム(グループカウン セリング)事業委託継続
 4
      セリング)事業委託実施中             ・父親向け虐待再発防止プログラム(グループカウン
                               セリング)事業委託実施
";

    fn numbered(text: &str) -> Vec<(u32, &str)> {
        text.lines().zip(1..).map(|(line, number)| (number, line)).collect()
    }

    #[test]
    fn rows_cut_around_their_numbers() {
        let any = |_: usize| true;
        // Centred: rows of 3 and 1 lines.
        assert_eq!(row_ends(&[1, 3], 4, &any), Some(vec![2, 3]));
        // Two lines, the number on the upper one: only one cut fits.
        assert_eq!(row_ends(&[0], 2, &any), Some(vec![1]));
        // Ghostscript's grid 2 (000_ghostscript 41-55): the centred cut would start row 5
        // with `の派遣` (line index 10); three cuts fit with numbers on either middle line.
        let starts = |idx: usize| idx != 10;
        assert_eq!(row_ends(&[0, 3, 7, 9, 12], 15, &starts), None);
        assert_eq!(row_ends(&[0, 3, 7, 9, 12], 15, &any), Some(vec![0, 5, 8, 9, 14]));
    }

    #[test]
    fn aligned_rows_around_their_centred_numbers() {
        let grid = aligned(&numbered(LAYOUT)).expect("read");
        assert_eq!(grid.scores, None);
        let cells: Vec<[&str; 2]> = grid.rows.iter().map(|(_, [a, b])| [a.1.as_str(), b.1.as_str()]).collect();
        assert_eq!(cells[0][0], "・ライフストーリーワーク実施 40 人・ファミリーグループカンファレンスの実施 50 件");
        assert_eq!(
            cells[1][1],
            "親への相談支援等に関する児相職員研修・実施回数:2回(受講者:45 人)親への相談支援等に関する新任職員研修 1 回(100%)"
        );
        // Cells printed one space apart are cut at the second column.
        assert_eq!(cells[2], ["・児童心理司、児童福祉司のペアレンティング研修への派遣"; 2]);
        assert_eq!(cells[3][0], "・母親向け虐待再発防止プログラム(グループカウンセリング)事業委託実施中");
        assert_eq!(
            cells[3][1],
            "・母親向け虐待再発防止プログラム(グループカウンセリング)事業委託継続・父親向け虐待再発防止プログラム(グループカウンセリング)事業委託実施"
        );
        let row_lines: Vec<u32> = grid.rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(row_lines, [3, 6, 9, 13]);
    }

    #[test]
    fn aligned_cells_with_wide_spaces_inside() {
        // Grid 2's first row as pdfplumber's layout mode prints it (000_pdfplumber_layout 90-93).
        let lines = [
            (1, "         資源     現在の整備・取組状況(令和6年度末見込み)          整備すべき見込量等(令和11年度末時点)"),
            (2, "              ・ライフストーリーワーク実施   40人          ・ライフストーリーワーク実施    40人"),
            (3, "          1"),
            (4, "              ・ファミリーグループカンファレンスの実施50件       ・ファミリーグループカンファレンスの実施50件"),
        ];
        let grid = aligned(&lines).expect("read");
        let [(_, current), (_, target)] = &grid.rows[0].1;
        assert_eq!(current, "・ライフストーリーワーク実施 40人・ファミリーグループカンファレンスの実施50件");
        assert_eq!(current, target);
        // The second column starting in two places (4 characters apart and more): not read.
        let mut shifted = lines;
        shifted[3] =
            (4, "              ・ファミリーグループカンファレンスの実施50件            ・ファミリーグループカンファレンスの実施50件");
        assert!(aligned(&shifted).is_none());
    }

    #[test]
    fn aligned_needs_every_row_centred() {
        // Row 4's number one line lower: the rows no longer end at the last line.
        let moved = LAYOUT.replace(" 4\n      セリング)事業委託実施中", "      セリング)事業委託実施中\n 4");
        assert!(aligned(&numbered(&moved)).is_none());
        // Numbers out of order.
        assert!(aligned(&numbered(&LAYOUT.replace(" 1\n", " 2\n"))).is_none());
        // Text after a blank line below the grid.
        assert!(aligned(&numbered(&format!("{LAYOUT}\n  本文"))).is_none());
    }

    #[test]
    fn units_and_shared_runs() {
        assert!(unit_fits("研修を受講した児童福祉司の割合", "100%"));
        assert!(unit_fits("特別養子縁組の成立件数", "成立件数:6件"));
        assert!(!unit_fits("特別養子縁組の成立件数", "整備済み"));
        assert!(shared_share("親との交流が途絶えたケース等", "随時交流が途絶えたケース等について") > 0.7);
        assert_eq!(shared_share("里親", "里親"), 0.0, "runs shorter than three characters do not count");
        // `ABCDEF` shares `ABC` and `DEF` with the cell, in two runs: all six letters.
        assert_eq!(shared_share("ABCDEF", "xDEFyABCz"), 1.0);
        assert_eq!(shared_share("ABCDEF", "xABxDEF"), 0.5);
    }
}
