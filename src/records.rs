//! Stage 7b, `Document` → tidy records: one per table data cell, carrying its
//! section path, table, row, column, fiscal year and provenance (page, line).
//! Reads only the `Document`, so records from a saved JSON equal records from
//! the text.

use crate::model::{Block, Document, Record, Section};

/// Every data cell of every table, in document order.
pub fn of(document: &Document) -> Vec<Record> {
    let mut records = Vec::new();
    let mut path: Vec<String> = Vec::new();
    for section in &document.sections {
        walk(document, section, &mut path, &mut records);
    }
    records
}

fn walk(document: &Document, section: &Section, path: &mut Vec<String>, records: &mut Vec<Record>) {
    if let Some(marker) = &section.marker {
        path.push(marker.clone());
    }
    let section_path = path.join(" > ");
    for block in &section.blocks {
        let Block::Table(table) = block else { continue };
        for row in &table.rows {
            for (cell, column) in row.cells.iter().zip(&table.columns) {
                let Some(cell) = cell else { continue };
                records.push(Record {
                    doc: document.source.path.clone(),
                    section: section_path.clone(),
                    section_title: section.title.clone(),
                    table: table.id.clone(),
                    label: table.label.clone(),
                    caption: table.caption.clone(),
                    row: row.label.clone(),
                    row_group: row.group.clone(),
                    column: column.label.clone(),
                    fiscal_year: column.fiscal_year,
                    raw: cell.raw.clone(),
                    kind: cell.kind.to_string(),
                    value: cell.value,
                    unit: cell.unit.as_deref().map(str::to_string).or_else(|| row.unit.clone()).or_else(|| table.unit.clone()),
                    status: cell.status.as_deref().map(str::to_string),
                    page: page_of(&document.source.page_starts, cell.line),
                    line: cell.line,
                });
            }
        }
    }
    for child in &section.sections {
        walk(document, child, path, records);
    }
    if section.marker.is_some() {
        path.pop();
    }
}

/// 1-based page of `line`, given the lines where pages 2, 3, … start.
pub fn page_of(page_starts: &[u32], line: u32) -> u32 {
    page_starts.partition_point(|&start| start <= line) as u32 + 1
}

/// The CSV header, in `Record` field order.
pub const CSV_HEADER: [&str; 17] = [
    "doc",
    "section",
    "section_title",
    "table",
    "label",
    "caption",
    "row",
    "row_group",
    "column",
    "fiscal_year",
    "raw",
    "kind",
    "value",
    "unit",
    "status",
    "page",
    "line",
];

/// One record as CSV fields, in `CSV_HEADER` order; null is the empty field.
pub fn csv_fields(record: &Record) -> [String; 17] {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    [
        record.doc.clone(),
        record.section.clone(),
        text(&record.section_title),
        record.table.clone(),
        text(&record.label),
        text(&record.caption),
        record.row.clone(),
        text(&record.row_group),
        text(&record.column),
        record.fiscal_year.map(|year| year.to_string()).unwrap_or_default(),
        record.raw.clone(),
        record.kind.clone(),
        record.value.map(|value| value.to_string()).unwrap_or_default(),
        text(&record.unit),
        text(&record.status),
        record.page.to_string(),
        record.line.to_string(),
    ]
}
