//! Stage 8, `Document` × `Document` → `Diff`: what was added, removed and
//! changed between two revisions of a plan. Reads only the two `Document`s
//! (so a saved JSON compares like the text it came from); never does I/O.
//!
//! Things are matched by what they say, never by line number or table id:
//! - sections, under matched parents, by marker and title: the same title
//!   matches even when the number moved (a section inserted before it), the
//!   same marker with another title is one retitled section;
//! - tables, within matched sections, by label and caption and by their row
//!   and column labels (ids shift when a table is inserted);
//! - rows by label and group, columns by label (or fiscal year), cells by
//!   (section, table, row, column).
//!
//! Each match is an order-keeping alignment that maximises a score (a
//! weighted longest common subsequence), so repeated titles or look-alike
//! tables pair up in document order. Whatever is left over is one `added` or
//! `removed` change at its own level: a new row is one change, not one per cell.

use crate::model::{Block, Cell, Change, Column, Diff, DiffSide, Document, Row, Section, Table};

/// Separator between the cells of an added or removed row in `Change::old`/`new`.
const CELL_SEPARATOR: &str = " | ";

/// Compares two revisions of a plan.
pub fn documents(old: &Document, new: &Document) -> Diff {
    let mut changes = Vec::new();
    sections(&old.sections, &new.sections, &Path::default(), &Path::default(), &mut changes);
    Diff {
        old: DiffSide { path: old.source.path.clone(), sha256: old.source.sha256.clone() },
        new: DiffSide { path: new.source.path.clone(), sha256: new.source.sha256.clone() },
        changes,
    }
}

/// Marker path of a section, as records spell it (`6 > (4) > ②`).
#[derive(Default, Clone)]
struct Path(Vec<String>);

impl Path {
    fn child(&self, section: &Section) -> Path {
        let mut markers = self.0.clone();
        if let Some(marker) = &section.marker {
            markers.push(marker.clone());
        }
        Path(markers)
    }

    fn text(&self) -> String {
        self.0.join(" > ")
    }
}

/// One step of an alignment: a matched pair or an item on one side only.
enum Step<'a, T> {
    Both(&'a T, &'a T),
    Old(&'a T),
    New(&'a T),
}

/// Aligns `old` with `new` keeping the order of both, maximising the sum of
/// `score` over matched pairs (`None`: the pair may not match). Between two
/// matched pairs, removed items come first, then added ones.
fn align<'a, T>(old: &'a [T], new: &'a [T], score: impl Fn(&T, &T) -> Option<u32>) -> Vec<Step<'a, T>> {
    let n_old = old.len();
    let n_new = new.len();
    let scores: Vec<Vec<Option<u32>>> = old.iter().map(|old_item| new.iter().map(|new_item| score(old_item, new_item)).collect()).collect();
    // best[i][j]: the best total for old[i..] and new[j..].
    let mut best = vec![vec![0u64; n_new + 1]; n_old + 1];
    for old_idx in (0..n_old).rev() {
        for new_idx in (0..n_new).rev() {
            let skip = best[old_idx + 1][new_idx].max(best[old_idx][new_idx + 1]);
            let take = scores[old_idx][new_idx].map_or(0, |score| u64::from(score) + best[old_idx + 1][new_idx + 1]);
            best[old_idx][new_idx] = skip.max(take);
        }
    }
    let mut pairs = Vec::new();
    let (mut old_idx, mut new_idx) = (0, 0);
    while old_idx < n_old && new_idx < n_new {
        let here = best[old_idx][new_idx];
        match scores[old_idx][new_idx] {
            Some(score) if u64::from(score) + best[old_idx + 1][new_idx + 1] == here => {
                pairs.push((old_idx, new_idx));
                old_idx += 1;
                new_idx += 1;
            }
            _ if best[old_idx + 1][new_idx] == here => old_idx += 1,
            _ => new_idx += 1,
        }
    }
    let mut steps = Vec::with_capacity(n_old.max(n_new));
    let (mut old_next, mut new_next) = (0, 0);
    for (old_idx, new_idx) in pairs.into_iter().chain(std::iter::once((n_old, n_new))) {
        steps.extend(old[old_next..old_idx].iter().map(Step::Old));
        steps.extend(new[new_next..new_idx].iter().map(Step::New));
        if old_idx < n_old {
            steps.push(Step::Both(&old[old_idx], &new[new_idx]));
        }
        old_next = old_idx + 1;
        new_next = new_idx + 1;
    }
    steps
}

/// Sections under a matched parent (or the two documents' top levels).
fn sections(old: &[Section], new: &[Section], old_parent: &Path, new_parent: &Path, changes: &mut Vec<Change>) {
    let steps = align(old, new, |old_section, new_section| {
        let same_marker = old_section.marker == new_section.marker;
        let same_title = old_section.title.is_some() && old_section.title == new_section.title;
        match (same_marker, same_title) {
            (true, true) => Some(5),
            // Renumbered: something was inserted or removed before it.
            (false, true) => Some(4),
            // Retitled: one change, not a removal and an addition.
            (true, false) => Some(1),
            (false, false) => None,
        }
    });
    for step in steps {
        match step {
            Step::Both(old_section, new_section) => {
                let old_path = old_parent.child(old_section);
                let new_path = new_parent.child(new_section);
                if old_section.title != new_section.title {
                    changes.push(Change {
                        old: old_section.title.clone(),
                        new: new_section.title.clone(),
                        old_line: Some(old_section.line),
                        new_line: Some(new_section.line),
                        ..change("changed", "section", &new_path)
                    });
                }
                tables(&tables_of(old_section), &tables_of(new_section), &new_path, changes);
                sections(&old_section.sections, &new_section.sections, &old_path, &new_path, changes);
            }
            Step::Old(old_section) => changes.push(Change {
                old: old_section.title.clone(),
                old_line: Some(old_section.line),
                ..change("removed", "section", &old_parent.child(old_section))
            }),
            Step::New(new_section) => changes.push(Change {
                new: new_section.title.clone(),
                new_line: Some(new_section.line),
                ..change("added", "section", &new_parent.child(new_section))
            }),
        }
    }
}

fn tables_of(section: &Section) -> Vec<&Table> {
    section
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(&**table),
            _ => None,
        })
        .collect()
}

/// Tables of a matched pair of sections; `path` is the new section's.
fn tables(old: &[&Table], new: &[&Table], path: &Path, changes: &mut Vec<Change>) {
    let steps = align(old, new, |old_table, new_table| {
        let same_label = old_table.label == new_table.label;
        let same_caption = old_table.caption == new_table.caption;
        let n_shared_rows = count_shared(&row_keys(old_table), &row_keys(new_table));
        let n_shared_columns = count_shared(&column_keys(old_table), &column_keys(new_table));
        let same_shape = n_shared_rows == old_table.rows.len().max(new_table.rows.len())
            && n_shared_columns == old_table.columns.len().max(new_table.columns.len());
        let compatible = match (&old_table.caption, &new_table.caption) {
            // A caption names the table: the same caption is the same table (even renumbered).
            (Some(_), Some(_)) if same_caption => true,
            // No caption: the row and column labels say which table it is.
            (None, None) => same_shape || (n_shared_rows > 0 && n_shared_columns > 0),
            // Recaptioned under the same numbered label (`表5`, not a placeholder `表〇`).
            _ if same_label && has_number(&old_table.label) => n_shared_rows > 0 && n_shared_columns > 0,
            // Captioned differently: the same table only when nothing else changed.
            _ => n_shared_rows > 0 && same_shape,
        };
        if !compatible {
            return None;
        }
        let n_equal_cells = count_equal_cells(old_table, new_table);
        let score = 1000 * u32::from(same_caption)
            + 100 * u32::from(same_label)
            + 10 * (n_shared_rows + n_shared_columns) as u32
            + n_equal_cells as u32
            + 1;
        Some(score)
    });
    for step in steps {
        match step {
            Step::Both(old_table, new_table) => {
                if old_table.caption != new_table.caption {
                    changes.push(Change {
                        old: old_table.caption.clone(),
                        new: new_table.caption.clone(),
                        old_line: Some(old_table.lines[0]),
                        new_line: Some(new_table.lines[0]),
                        ..table_change("changed", path, new_table)
                    });
                }
                rows(old_table, new_table, path, changes);
            }
            Step::Old(old_table) => changes.push(Change {
                old: old_table.caption.clone(),
                old_line: Some(old_table.lines[0]),
                ..table_change("removed", path, old_table)
            }),
            Step::New(new_table) => changes.push(Change {
                new: new_table.caption.clone(),
                new_line: Some(new_table.lines[0]),
                ..table_change("added", path, new_table)
            }),
        }
    }
}

/// Rows and cells of a matched pair of tables.
fn rows(old_table: &Table, new_table: &Table, path: &Path, changes: &mut Vec<Change>) {
    let column_steps =
        align(&old_table.columns, &new_table.columns, |old_column, new_column| match (&old_column.label, &new_column.label) {
            (Some(old_label), Some(new_label)) if old_label == new_label => Some(2),
            (None, None) => Some(2),
            // The header was reprinted (`2025年度 (R7)` → `2025 年度 (R7)`): the year still says which column.
            _ if old_column.fiscal_year.is_some()
                && old_column.fiscal_year == new_column.fiscal_year
                && old_column.qualifier == new_column.qualifier =>
            {
                Some(1)
            }
            _ => None,
        });
    // For each column step: its index on the old side and on the new side.
    let column_pairs: Vec<(Option<usize>, Option<usize>)> = {
        let (mut old_idx, mut new_idx) = (0, 0);
        column_steps
            .iter()
            .map(|step| match step {
                Step::Both(..) => {
                    old_idx += 1;
                    new_idx += 1;
                    (Some(old_idx - 1), Some(new_idx - 1))
                }
                Step::Old(_) => {
                    old_idx += 1;
                    (Some(old_idx - 1), None)
                }
                Step::New(_) => {
                    new_idx += 1;
                    (None, Some(new_idx - 1))
                }
            })
            .collect()
    };
    let row_steps = align(&old_table.rows, &new_table.rows, |old_row, new_row| {
        if old_row.label != new_row.label {
            return None;
        }
        let n_equal_cells = old_row.cells.iter().zip(&new_row.cells).filter(|(old_cell, new_cell)| raw(old_cell) == raw(new_cell)).count();
        Some(1000 + 100 * u32::from(old_row.group == new_row.group) + n_equal_cells as u32)
    });
    for step in row_steps {
        match step {
            Step::Both(old_row, new_row) => {
                for &(old_idx, new_idx) in &column_pairs {
                    let old_cell = old_idx.and_then(|idx| old_row.cells.get(idx)).and_then(Option::as_ref);
                    let new_cell = new_idx.and_then(|idx| new_row.cells.get(idx)).and_then(Option::as_ref);
                    let (op, cell_table, cell_row, column) = match (old_cell, new_cell) {
                        (None, None) => continue,
                        (Some(old_cell), Some(new_cell)) if old_cell.raw == new_cell.raw => continue,
                        (Some(_), Some(_)) => ("changed", new_table, new_row, new_idx.map(|idx| &new_table.columns[idx])),
                        (None, Some(_)) => ("added", new_table, new_row, new_idx.map(|idx| &new_table.columns[idx])),
                        (Some(_), None) => ("removed", old_table, old_row, old_idx.map(|idx| &old_table.columns[idx])),
                    };
                    changes.push(Change {
                        column: column.and_then(|column: &Column| column.label.clone()),
                        fiscal_year: column.and_then(|column| column.fiscal_year),
                        old: old_cell.map(|cell| cell.raw.clone()),
                        new: new_cell.map(|cell| cell.raw.clone()),
                        old_line: old_cell.map(|cell| cell.line),
                        new_line: new_cell.map(|cell| cell.line),
                        ..row_change(op, "cell", path, cell_table, cell_row)
                    });
                }
            }
            Step::Old(old_row) => changes.push(Change {
                old: Some(row_text(old_row)),
                old_line: Some(old_row.line),
                ..row_change("removed", "row", path, old_table, old_row)
            }),
            Step::New(new_row) => changes.push(Change {
                new: Some(row_text(new_row)),
                new_line: Some(new_row.line),
                ..row_change("added", "row", path, new_table, new_row)
            }),
        }
    }
}

/// A change with only its kind and section filled in.
fn change(op: &str, what: &str, path: &Path) -> Change {
    Change {
        op: op.to_string(),
        what: what.to_string(),
        section: path.text(),
        table: None,
        caption: None,
        row: None,
        row_group: None,
        column: None,
        fiscal_year: None,
        old: None,
        new: None,
        old_line: None,
        new_line: None,
    }
}

fn table_change(op: &str, path: &Path, table: &Table) -> Change {
    Change { table: Some(table.id.clone()), caption: table.caption.clone(), ..change(op, "table", path) }
}

fn row_change(op: &str, what: &str, path: &Path, table: &Table, row: &Row) -> Change {
    Change {
        table: Some(table.id.clone()),
        caption: table.caption.clone(),
        row: Some(row.label.clone()),
        row_group: row.group.clone(),
        ..change(op, what, path)
    }
}

/// The row's cells as printed, joined; an empty cell is empty text.
fn row_text(row: &Row) -> String {
    row.cells.iter().map(|cell| raw(cell).unwrap_or("")).collect::<Vec<_>>().join(CELL_SEPARATOR)
}

fn raw(cell: &Option<Cell>) -> Option<&str> {
    cell.as_ref().map(|cell| cell.raw.as_str())
}

/// True for a numbered table label (`表5`), false for a placeholder (`表〇`, `表●●`) or none.
fn has_number(label: &Option<String>) -> bool {
    label.as_deref().is_some_and(|label| label.chars().any(|char| char.is_ascii_digit()))
}

fn row_keys(table: &Table) -> Vec<(Option<&str>, &str)> {
    table.rows.iter().map(|row| (row.group.as_deref(), row.label.as_str())).collect()
}

fn column_keys(table: &Table) -> Vec<Option<&str>> {
    table.columns.iter().map(|column| column.label.as_deref()).collect()
}

/// How many items of `old` have a partner in `new` (each partner used once).
fn count_shared<T: PartialEq>(old: &[T], new: &[T]) -> usize {
    let mut used = vec![false; new.len()];
    let mut n_shared = 0;
    for old_item in old {
        if let Some(new_idx) = (0..new.len()).find(|&new_idx| !used[new_idx] && new[new_idx] == *old_item) {
            used[new_idx] = true;
            n_shared += 1;
        }
    }
    n_shared
}

/// Cells with the same text under the same row and column labels.
fn count_equal_cells(old_table: &Table, new_table: &Table) -> usize {
    let mut n_equal = 0;
    for old_row in &old_table.rows {
        let Some(new_row) = new_table.rows.iter().find(|new_row| new_row.label == old_row.label && new_row.group == old_row.group) else {
            continue;
        };
        for (old_column, old_cell) in old_table.columns.iter().zip(&old_row.cells) {
            let Some(new_column_idx) = new_table.columns.iter().position(|new_column| new_column.label == old_column.label) else {
                continue;
            };
            let new_cell = new_row.cells.get(new_column_idx).and_then(|cell| cell.as_ref());
            if old_cell.is_some() && old_cell.as_ref().map(|cell| &cell.raw) == new_cell.map(|cell| &cell.raw) {
                n_equal += 1;
            }
        }
    }
    n_equal
}
