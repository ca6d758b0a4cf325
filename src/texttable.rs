//! A table of text cells printed by raw `pdftotext` one piece per line, with
//! blank lines between the pieces of a cell exactly as between paragraphs
//! (seed 000, lines 395-413):
//!
//! ```text
//! 目標 達成の見込み 要因分析
//! 特別養子縁組等に関する研修について、里親
//! 担当の児童福祉司の受講率 100%
//! 達成見込み
//! 適切な時期に受講勧奨を行って
//! きた。
//! 民間あっせん機関の第三者評価受審率
//!  100%
//! 達成見込み
//! …
//! ```
//!
//! Read only when the text proves the cells: a header of a few short words
//! (one per column), rows that each end with the sentence that closes their
//! last cell, and between the label and that sentence cells that every row
//! prints alike (`達成見込み`), which is how their bounds are known. Anything
//! else stays paragraphs.

use crate::blocks::{push_joined, RawRow};

/// Columns a header may name.
const MIN_COLUMNS: usize = 3;
const MAX_COLUMNS: usize = 6;
/// Longest header word, in characters.
const MAX_HEADER_WORD_CHARS: usize = 8;
/// Most lines read below the header.
const MAX_LINES: usize = 120;

/// The header's words, when `text` can be one: 3-6 short words of letters
/// only (no digits, brackets or stops), apart by single spaces.
pub fn header(text: &str) -> Option<Vec<&str>> {
    let text = crate::normalize::trim(text);
    // Cheap rejections first: this is asked of every line of text.
    if text.len() > MAX_COLUMNS * (MAX_HEADER_WORD_CHARS * 3 + 1) {
        return None;
    }
    // (Counted by `memchr`'s vector count: the compiler left a filter's count a byte at a time.)
    let n_spaces = memchr::memchr_iter(b' ', text.as_bytes()).count();
    if !(MIN_COLUMNS - 1..MAX_COLUMNS).contains(&n_spaces) {
        return None;
    }
    // The words are `n_spaces + 1`; collected only once they all fit.
    let fits = (MIN_COLUMNS..=MAX_COLUMNS).contains(&(n_spaces + 1)) && text.split(' ').all(is_header_word);
    fits.then(|| text.split(' ').collect())
}

/// A word a header may have: 2-8 letters, none ASCII (`達成の見込み`).
pub fn is_header_word(word: &str) -> bool {
    // A character is at most four bytes: a longer word has too many (this is asked of every line of text).
    if word.len() > 4 * MAX_HEADER_WORD_CHARS {
        return false;
    }
    let n_chars = word.chars().count();
    (2..=MAX_HEADER_WORD_CHARS).contains(&n_chars) && word.chars().all(|c| crate::normalize::is_letter(c) && !c.is_ascii())
}

/// The header as default-mode `pdftotext` prints it: each word a block of its
/// own, one blank line between (`目標` / `達成の見込み` / `要因分析`). `lines`
/// start at the first word; returns the words and the number of lines they
/// take (the blank line after the last one not counted).
pub fn header_blocks<'a>(lines: &[(u32, &'a str)]) -> Option<(Vec<&'a str>, usize)> {
    let mut words = Vec::new();
    let mut idx = 0;
    while let Some(&(_, text)) = lines.get(idx) {
        let word = text.trim();
        if !is_header_word(word) || words.len() == MAX_COLUMNS {
            break;
        }
        words.push(word);
        idx += 1;
        match lines.get(idx) {
            Some((_, blank)) if blank.trim().is_empty() => idx += 1,
            _ => break,
        }
    }
    // The lines used end at the last word.
    let n_used = lines[..idx].iter().rposition(|(_, text)| !text.trim().is_empty())? + 1;
    (words.len() >= MIN_COLUMNS).then_some((words, n_used))
}

/// The same kind of table as `pdftotext -layout` prints it: the header's
/// words apart by runs of spaces, each row on one line with its cells apart
/// by runs of spaces, the label cell (the first column) wrapped above and
/// below the line of the other cells when it is longer:
///
/// ```text
///                 目標             達成の見込み                要因分析
/// 特別養子縁組等に関する研修について、里親担
///                                 達成見込み       適切な時期に受講勧奨を行ってきた。
/// 当の児童福祉司の受講率 １００％
/// 民間あっせん機関の第三者評価受審率 １００％          達成見込み       適切な時期に受審勧奨を行ってきた。
/// ```
///
/// `lines` (number, text) start at the header and run to the next blank line
/// or further. Read only when every line until the blank line is a whole row
/// (as many cells as header words), a row without its label (one cell fewer,
/// right of the left edge) or a piece of a label (one cell at the left edge);
/// a label's pieces wrap evenly around its row's line; no cell is a number
/// (that is `columns`' table) and some cell is a sentence. Returns the header
/// row, the rows, and the number of lines used (header included).
pub fn aligned(lines: &[(u32, &str)]) -> Option<(Vec<RawRow>, usize)> {
    use crate::columns::spans;
    let (&(header_line, header_text), below) = lines.split_first()?;
    let header = spans(header_text);
    let n_columns = header.len();
    if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&n_columns) || !header.iter().all(|span| is_header_word(&span.text)) {
        return None;
    }
    let n_lines = below.iter().take(MAX_LINES).position(|(_, text)| text.trim().is_empty()).unwrap_or(below.len().min(MAX_LINES));
    let body: Vec<(u32, Vec<crate::columns::Span>)> = below[..n_lines].iter().map(|&(line, text)| (line, spans(text))).collect();
    let left_edge = body.iter().filter_map(|(_, line_spans)| line_spans.first().map(|span| span.start)).min()? + 1;
    struct Building {
        row: RawRow,
        n_above: usize,
        n_below: usize,
    }
    let mut built: Vec<Building> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut sentence = false;
    for (line, line_spans) in &body {
        let at_left = line_spans.first().is_some_and(|first| first.start <= left_edge);
        let cells = match line_spans.len() {
            1 if at_left => {
                match built.last_mut() {
                    Some(last) if last.n_below < last.n_above => {
                        push_joined(&mut last.row.cells[0], &line_spans[0].text);
                        last.n_below += 1;
                    }
                    _ => pending.push(&line_spans[0].text),
                }
                continue;
            }
            width if width == n_columns && at_left => &line_spans[..],
            width if width + 1 == n_columns && !at_left => &line_spans[..],
            _ => return None,
        };
        if cells.iter().any(|span| crate::values::has_value(&span.text)) {
            return None;
        }
        sentence |= cells.iter().any(|span| span.text.ends_with('。'));
        let n_above = pending.len();
        let mut label = String::new();
        for piece in pending.drain(..) {
            push_joined(&mut label, piece);
        }
        let values = if cells.len() == n_columns {
            push_joined(&mut label, &cells[0].text);
            &cells[1..]
        } else {
            cells
        };
        let mut row = RawRow::new(*line, 0, std::iter::once(label).chain(values.iter().map(|span| span.text.clone())).collect());
        row.cell_lines = vec![*line; row.cells.len()];
        built.push(Building { row, n_above, n_below: 0 });
    }
    let wrapped_evenly = built.iter().all(|building| building.n_below == building.n_above);
    if built.is_empty() || !pending.is_empty() || !wrapped_evenly || !sentence {
        return None;
    }
    let header_row = RawRow::new(header_line, 0, header.into_iter().map(|span| span.text).collect());
    Some((std::iter::once(header_row).chain(built.into_iter().map(|building| building.row)).collect(), n_lines + 1))
}

/// Reads the table under `header` from `lines` (number, text; blank lines
/// included), which run to the next heading. Returns the header row and one
/// row per sentence-closed run of lines, and the number of lines used.
pub fn read(header: &[&str], header_line: u32, lines: &[(u32, &str)]) -> Option<(Vec<RawRow>, usize)> {
    let lines = &lines[..lines.len().min(MAX_LINES)];
    // Rows: runs of non-blank lines, each closed by a line that ends a sentence.
    let mut rows: Vec<Vec<(u32, &str)>> = Vec::new();
    let mut current: Vec<(u32, &str)> = Vec::new();
    let mut n_used = 0;
    for (idx, &(number, text)) in lines.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        current.push((number, text));
        if text.ends_with('。') {
            rows.push(std::mem::take(&mut current));
            n_used = idx + 1;
        }
    }
    if rows.len() < 2 || !current.is_empty() {
        return None;
    }
    // Lines every row prints alike mark the inner cells: each row must have
    // them in the same order, with text before (the label) and after.
    let n_inner = header.len() - 2;
    let first = &rows[0];
    // (Not the first or last line of a row: those are pieces of the label and of the closing sentence.)
    let inner = |row: &[(u32, &str)], text: &str| row[1..row.len() - 1].iter().filter(|(_, other)| *other == text).count() == 1;
    let shared: Vec<&str> =
        first.iter().map(|(_, text)| *text).filter(|text| rows.iter().all(|row| row.len() > 2 && inner(row, text))).collect();
    if shared.len() != n_inner || first.iter().filter(|(_, text)| shared.contains(text)).count() != n_inner {
        return None;
    }
    let mut built = vec![RawRow::new(header_line, 0, header.iter().map(|word| word.to_string()).collect())];
    for row in &rows {
        let positions: Vec<usize> = shared.iter().filter_map(|text| row.iter().position(|(_, other)| other == text)).collect();
        if positions.len() != n_inner {
            return None;
        }
        // Cells: the label before the first shared line, each shared line, the pieces after the last.
        let (first_shared, last_shared) = (positions[0], positions[n_inner - 1]);
        if first_shared == 0 || last_shared + 1 >= row.len() || positions.windows(2).any(|pair| pair[1] != pair[0] + 1) {
            return None;
        }
        let joined = |pieces: &[(u32, &str)]| {
            pieces.iter().fold(String::new(), |mut text, (_, piece)| {
                push_joined(&mut text, piece);
                text
            })
        };
        let mut cells = vec![joined(&row[..first_shared])];
        let mut cell_lines = vec![row[0].0];
        for &position in &positions {
            cells.push(row[position].1.to_string());
            cell_lines.push(row[position].0);
        }
        cells.push(joined(&row[last_shared + 1..]));
        cell_lines.push(row[last_shared + 1].0);
        built.push(RawRow { line: row[0].0, page: 0, cells, cell_lines });
    }
    Some((built, n_used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 000's table E as `pdftotext -layout` prints it (000_libreoffice_pdftotext_layout 287-291).
    const LAYOUT: [(u32, &str); 6] = [
        (1, "                目標             達成の見込み                要因分析"),
        (2, "特別養子縁組等に関する研修について、里親担"),
        (3, "                                達成見込み       適切な時期に受講勧奨を行ってきた。"),
        (4, "当の児童福祉司の受講率 100%"),
        (5, "民間あっせん機関の第三者評価受審率 100%          達成見込み       適切な時期に受審勧奨を行ってきた。"),
        (6, ""),
    ];

    #[test]
    fn header_words_a_block_each() {
        let lines =
            [(1, "目標"), (2, ""), (3, "達成の見込み"), (4, ""), (5, "要因分析"), (6, ""), (7, "特別養子縁組等に関する研修について、")];
        assert_eq!(header_blocks(&lines), Some((vec!["目標", "達成の見込み", "要因分析"], 5)));
        // Two words are no header; nor are words without blank lines between.
        assert_eq!(header_blocks(&lines[2..]), None);
        assert_eq!(header_blocks(&[(1, "目標"), (2, "達成の見込み"), (3, "要因分析")]), None);
    }

    #[test]
    fn aligned_text_table_with_wrapped_labels() {
        let (rows, n_used) = aligned(&LAYOUT).expect("read");
        assert_eq!(n_used, 5);
        let cells: Vec<&Vec<String>> = rows.iter().map(|row| &row.cells).collect();
        assert_eq!(cells[0], &["目標", "達成の見込み", "要因分析"]);
        assert_eq!(
            cells[1],
            &["特別養子縁組等に関する研修について、里親担当の児童福祉司の受講率 100%", "達成見込み", "適切な時期に受講勧奨を行ってきた。"]
        );
        assert_eq!(cells[2][0], "民間あっせん機関の第三者評価受審率 100%");
        // A label piece with no row to take it, or a number among the cells: not this table.
        let mut unbalanced = LAYOUT;
        unbalanced[3] = (4, "");
        assert!(aligned(&unbalanced).is_none());
        let mut numbers = LAYOUT;
        numbers[4] = (5, "民間あっせん機関の第三者評価受審率          12       適切な時期に受審勧奨を行ってきた。");
        assert!(aligned(&numbers).is_none());
    }

    const TABLE: [(u32, &str); 17] = [
        (1, "特別養子縁組等に関する研修について、里親"),
        (2, ""),
        (3, "担当の児童福祉司の受講率 100%"),
        (4, "達成見込み"),
        (5, ""),
        (6, "適切な時期に受講勧奨を行って"),
        (7, ""),
        (8, "きた。"),
        (9, ""),
        (10, "民間あっせん機関の第三者評価受審率"),
        (11, ""),
        (12, " 100%"),
        (13, "達成見込み"),
        (14, ""),
        (15, "適切な時期に受審勧奨を行って"),
        (16, ""),
        (17, "きた。"),
    ];

    #[test]
    fn rows_closed_by_sentences_and_split_by_shared_cells() {
        let words = header("目標 達成の見込み 要因分析").expect("a header");
        let (rows, n_used) = read(&words, 0, &TABLE).expect("read");
        assert_eq!(n_used, 17);
        let cells: Vec<&[String]> = rows.iter().map(|row| row.cells.as_slice()).collect();
        assert_eq!(
            cells[1],
            ["特別養子縁組等に関する研修について、里親担当の児童福祉司の受講率 100%", "達成見込み", "適切な時期に受講勧奨を行ってきた。"]
        );
        assert_eq!(cells[2], ["民間あっせん機関の第三者評価受審率 100%", "達成見込み", "適切な時期に受審勧奨を行ってきた。"]);
        assert_eq!(rows[2].cell_lines, [10, 13, 15]);
    }

    #[test]
    fn no_proof_no_table() {
        assert!(header("本計画は、以下の考え方").is_none());
        assert!(header("令和7年度 令和8年度 令和9年度").is_none(), "digits: a year header");
        let words = header("目標 達成の見込み 要因分析").expect("a header");
        // One row only: nothing shows which line is a cell of its own.
        assert!(read(&words, 0, &TABLE[..8]).is_none());
        // Rows that share no line: no bounds.
        let mut other = TABLE;
        other[12] = (13, "一部達成");
        assert!(read(&words, 0, &other).is_none());
        // Text after the last sentence: not a table that ends there.
        let mut open = TABLE.to_vec();
        open.push((18, "その他"));
        assert!(read(&words, 0, &open).is_none());
    }
}
