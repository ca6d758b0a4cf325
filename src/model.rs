//! The output types: `Document` (from `parse`) and `Record` (from `records`).
//!
//! These are the only `Serialize` types in the crate and the JSON contract of
//! `../shared/SPEC.md`: fields may be added, never renamed or removed. Every
//! other module builds these values; none of them knows JSON.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the `Document` JSON layout.
pub const SCHEMA_VERSION: &str = "1";

/// One parsed plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    pub schema_version: String,
    pub source: Source,
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub warnings: Vec<Warning>,
}

/// Where the document came from and what it looked like as bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line (`-` for stdin).
    pub path: String,
    /// Hex SHA-256 of the input bytes.
    pub sha256: String,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `shift_jis`.
    pub encoding: String,
    pub bytes: u64,
    pub lines: u32,
    pub pages: u32,
    /// `tabbed`, `raw`, `spaced` or `mixed`.
    pub layout: String,
    /// Line on which each page after the first starts (form feeds), for provenance.
    #[serde(default)]
    pub page_starts: Vec<u32>,
}

/// What the document says about itself; null where it does not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    pub title: Option<String>,
    pub municipality: Option<String>,
    pub plan_period: Option<PlanPeriod>,
    /// `YYYY-MM` of the latest date on the title page.
    pub published: Option<String>,
    /// True when the title page marks the document as a revision (`改定`).
    #[serde(default)]
    pub revised: bool,
}

/// First and last fiscal year of the plan (`2025年度から2029年度まで`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanPeriod {
    pub from: i32,
    pub to: i32,
}

/// A heading and everything under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// The marker as printed and normalized: `3`, `(1)`, `①`, `第7章`, `資料1`; null for front matter.
    pub marker: Option<String>,
    /// `front`, `chapter`, `number`, `number_dot`, `paren`, `circled`, `kana`, `paren_kana`, `appendix`, `material`.
    pub kind: String,
    /// The marker's number (`（２）` → 2), null where it has none.
    pub number: Option<u32>,
    pub title: Option<String>,
    /// Line of the heading (first line of the document for front matter).
    pub line: u32,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
}

/// A run of lines under one heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Running text; wrapped lines joined.
    Paragraph {
        lines: [u32; 2],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        text: String,
    },
    /// Bullet or lettered items (`- ・…`, `- ア …`).
    List {
        lines: [u32; 2],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        items: Vec<Item>,
    },
    /// `※…` notes.
    Note {
        lines: [u32; 2],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        text: String,
    },
    /// A rebuilt table (boxed: tables are few and far larger than the other blocks).
    Table(Box<Table>),
    /// Fragments that looked like a table but could not be rebuilt with confidence.
    Unresolved {
        lines: [u32; 2],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        fragments: Vec<Item>,
    },
    /// A table of contents (`目次`).
    Toc { lines: [u32; 2], entries: Vec<TocEntry> },
    /// Page furniture: page numbers, running heads, separator lines.
    Furniture { lines: [u32; 2], text: String },
}

/// One list item or fragment with the line it starts on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    pub line: u32,
    pub text: String,
}

/// One line of a table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TocEntry {
    pub line: u32,
    pub marker: Option<String>,
    pub title: String,
    pub page: Option<u32>,
}

/// A table rebuilt from its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// Unique within the document: `t1`, `t2`, ….
    pub id: String,
    /// `表5`, `表〇`, `表●●` or null.
    pub label: Option<String>,
    /// The caption text after the label, or null.
    pub caption: Option<String>,
    /// The unit stated for the whole table (`単位：人` → `人`), or null.
    pub unit: Option<String>,
    /// First and last line of the table, caption included.
    pub lines: [u32; 2],
    /// `year_series`, `requirement`, `matrix` or `generic`.
    pub kind: String,
    /// Lines of the caption (and a unit line read with it), when apart from `lines`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption_lines: Option<[u32; 2]>,
    /// Bracketed label that introduced the table (`«具体的な整備目標»`), or null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Text of the header cell above the row labels (`年度`, `評価指標`), or null.
    #[serde(default)]
    pub stub: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// One data column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Column {
    /// As printed, normalized; `PARENT > CHILD` under a spanning header. Null when the table has no header.
    pub label: Option<String>,
    /// The Gregorian fiscal year the column refers to.
    pub fiscal_year: Option<i32>,
    /// What else the header says about the year (`現計画`, `実績`, `年度末`).
    pub qualifier: Option<String>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    pub label: String,
    pub group: Option<String>,
    /// Unit named in the row label (`一時保護所の定員数(人)` → `人`), or null.
    pub unit: Option<String>,
    pub line: u32,
    /// One per column; null where the row has no cell for that column.
    pub cells: Vec<Option<Cell>>,
}

/// One typed cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// The text as printed (normalized).
    pub raw: String,
    /// `integer`, `decimal`, `percent`, `count`, `delta`, `negative`, `duration`, `range`, `mark`, `status`, `text`, `empty`.
    /// (A `Cow`: the kinds, the statuses and the common units are fixed words, not allocated per cell.)
    pub kind: Cow<'static, str>,
    /// The number a person reads from the cell (durations in months), null for marks, statuses, ranges and text.
    pub value: Option<f64>,
    pub unit: Option<Cow<'static, str>>,
    /// `見込`, `計算`, `実績`, `中止`, `未定`, `none` (a dash) …, or null.
    pub status: Option<Cow<'static, str>>,
    pub line: u32,
    /// Change printed beside the value: `140 件 (+20)` → 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    /// Other number printed in brackets beside the value: `26 (83.9%)` → 83.9, `1(6)` → 6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aside: Option<f64>,
    /// Bounds of a range: `年5~6回` → [5, 6].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
}

/// Something in the input that the reader should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    pub line: u32,
    pub code: String,
    pub message: String,
}

/// One table data cell in tidy form: a line of `keikaku records`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    pub doc: String,
    pub section: String,
    pub section_title: Option<String>,
    pub table: String,
    pub label: Option<String>,
    pub caption: Option<String>,
    pub row: String,
    pub row_group: Option<String>,
    pub column: Option<String>,
    pub fiscal_year: Option<i32>,
    pub raw: String,
    pub kind: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub status: Option<String>,
    pub page: u32,
    pub line: u32,
}

/// Serializes a document; `pretty` indents it.
pub fn document_json(document: &Document, pretty: bool) -> String {
    let result = if pretty { serde_json::to_string_pretty(document) } else { serde_json::to_string(document) };
    // Serializing plain structs of strings and numbers cannot fail; f64 NaN never reaches here.
    result.unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
}

/// Writes a document as JSON to `writer` (with a final newline), without
/// building the whole text in memory first.
pub fn write_document_json<W: std::io::Write>(document: &Document, pretty: bool, mut writer: W) -> std::io::Result<()> {
    let result = if pretty { serde_json::to_writer_pretty(&mut writer, document) } else { serde_json::to_writer(&mut writer, document) };
    // Keep the I/O error's kind (a closed pipe must stay a closed pipe).
    result.map_err(|error| match error.io_error_kind() {
        Some(kind) => std::io::Error::new(kind, error),
        None => std::io::Error::other(error),
    })?;
    writer.write_all(b"\n")?;
    writer.flush()
}

/// Reads a document written by `document_json`.
pub fn document_from_json(text: &str) -> Result<Document, serde_json::Error> {
    serde_json::from_str(text)
}

/// One record as a JSON line (without the newline).
pub fn record_json(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
}

/// The JSON Schema: `Document` at the root, `Record` under `definitions`.
pub fn schema_json() -> String {
    let mut document = schemars::schema_for!(Document);
    let record = schemars::schema_for!(Record);
    document.definitions.extend(record.definitions);
    document.definitions.insert("Record".to_string(), schemars::schema::Schema::Object(record.schema));
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// What `keikaku diff` reports: two revisions of a plan and what changed
/// between them. Unchanged things are not listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    pub old: DiffSide,
    pub new: DiffSide,
    /// In the document order of the new revision; removed items where they stood in the old one.
    pub changes: Vec<Change>,
}

/// One of the two documents compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffSide {
    /// `source.path` of the document.
    pub path: String,
    /// `source.sha256` of the document.
    pub sha256: String,
}

/// One difference between two revisions.
///
/// Fields describe the new revision, or the old one for a `removed` change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// `changed`, `added` or `removed`.
    pub op: String,
    /// `cell`, `row`, `table` or `section`.
    pub what: String,
    /// Marker path of the section, as in records (`6 > (4) > ②`).
    pub section: String,
    /// The table's `id` (`t49`), null for a section change.
    pub table: Option<String>,
    /// The table's caption, null when it has none or for a section change.
    pub caption: Option<String>,
    /// The row's label, for a cell or row change.
    pub row: Option<String>,
    /// The row's group label, or null.
    pub row_group: Option<String>,
    /// The column label as printed, for a cell change.
    pub column: Option<String>,
    /// The fiscal year of the column, for a cell change.
    pub fiscal_year: Option<i32>,
    /// Before: the cell's raw text, a section's title, a table's caption, or a
    /// row's cells joined with ` | `; null where there was nothing.
    pub old: Option<String>,
    /// After, like `old`.
    pub new: Option<String>,
    /// Line of the item in the old revision, null when added.
    pub old_line: Option<u32>,
    /// Line of the item in the new revision, null when removed.
    pub new_line: Option<u32>,
}

/// Serializes a diff, indented.
pub fn diff_json(diff: &Diff) -> String {
    serde_json::to_string_pretty(diff).unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
}
