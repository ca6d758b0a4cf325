//! keikaku turns the text of Japanese municipal plan documents
//! (社会的養育推進計画 and plans written like them) into structured JSON.
//!
//! The pipeline, one module per stage: `decode` (bytes → text) →
//! `normalize` (全角 → 半角, repairs, warnings) → `blocks` (lines → pieces:
//! headings, captions, paragraphs, table rows) → `sections` (the heading tree;
//! asks `tables` to rebuild each table, which asks `values` to type each cell
//! and `era` to read fiscal years) → `meta` (title, period, date) → the
//! `Document` of `model`. `records` flattens a `Document` into one record per
//! table cell. Stages never do I/O and never fail on bad content: problems
//! become `Warning`s in the output.
//!
//! ```
//! let text = "1 計画の概要\n\n表1 実績\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n件数\t10 件\t12 件\n";
//! let document = keikaku::parse("plan.txt", text.as_bytes()).unwrap();
//! let records = keikaku::records(&document);
//! assert_eq!(records.len(), 2);
//! assert_eq!(records[1].fiscal_year, Some(2025));
//! assert_eq!(records[1].value, Some(12.0));
//! assert_eq!(records[1].section, "1");
//! ```

mod blocks;
mod columns;
mod decode;
mod diff;
mod era;
mod error;
mod grid;
mod memo;
mod meta;
mod model;
mod normalize;
mod records;
mod sections;
mod stacked;
mod tables;
mod texttable;
mod values;

pub mod batch;

/// The pipeline stages one by one, for benchmarks and fuzzing. Not a stable API.
#[doc(hidden)]
pub mod stages {
    pub use crate::blocks::{classify, Piece};
    pub use crate::decode::{bytes as decode, Decoded};
    pub use crate::normalize::{text as normalize, Line, Normalized};
    pub use crate::sections::build as sections;
    pub use crate::values::cell as type_cell;
}

pub use decode::{Encoding, Undecodable};
pub use error::{Error, Result};
pub use model::{
    diff_json, document_from_json, document_json, record_json, schema_json, write_document_json, write_record_json, Block, Cell, Change,
    Column, Diff, DiffSide, Document, Item, Meta, PlanPeriod, Record, Row, Section, Source, Table, TocEntry, Warning, SCHEMA_VERSION,
};
pub use records::{csv_fields, page_of, CSV_HEADER};

use std::borrow::Cow;

use sha2::{Digest, Sha256};

/// Parses one plan from its bytes. `path` is only recorded in `source.path`.
/// Fails only when the bytes are not text in an encoding keikaku reads.
pub fn parse(path: &str, bytes: &[u8]) -> std::result::Result<Document, Undecodable> {
    parse_cow(path, Cow::Borrowed(bytes))
}

/// `parse` for bytes the caller no longer needs: they are freed as soon as the
/// text is split into pieces, before the sections are built, which lowers the
/// peak memory by about the size of the input.
pub fn parse_owned(path: &str, bytes: Vec<u8>) -> std::result::Result<Document, Undecodable> {
    parse_cow(path, Cow::Owned(bytes))
}

fn parse_cow(path: &str, bytes: Cow<'_, [u8]>) -> std::result::Result<Document, Undecodable> {
    let sha256 = sha256_hex(&bytes);
    let n_bytes = bytes.len() as u64;
    let (front, encoding) = match bytes {
        Cow::Borrowed(bytes) => {
            let decoded = decode::bytes(bytes)?;
            let mut rewritten = String::new();
            let normalize::Normalized { lines, page_starts, pages, warnings, .. } = normalize::text(&decoded.text, &mut rewritten);
            (front(lines, page_starts, pages, warnings), decoded.encoding)
        }
        Cow::Owned(bytes) => {
            // The normalized lines are written over the text they were read from and
            // whatever else held the input is freed before the blocks are made: the
            // input, its rewritten lines and the pieces were the peak.
            let decoded = decode::bytes(&bytes)?;
            let encoding = decoded.encoding;
            let mut rewritten = String::new();
            let normalized = normalize::text(&decoded.text, &mut rewritten);
            let normalize::Normalized { lines, page_starts, pages, warnings, .. } = normalized;
            let spans = normalize::spans(lines, &decoded.text, normalized.rewritten);
            let (buffer, skip) = match decoded.text {
                // The text is the input after its BOM, if any.
                Cow::Borrowed(text) => {
                    let skip = text.as_ptr() as usize - bytes.as_ptr() as usize;
                    (bytes, skip)
                }
                Cow::Owned(text) => {
                    drop(bytes);
                    (text.into_bytes(), 0)
                }
            };
            let mut compact = normalize::compact(buffer, skip, &rewritten, spans);
            drop(rewritten);
            (front(normalize::lines_in(&mut compact), page_starts, pages, warnings), encoding)
        }
    };
    let Front { pieces, mut warnings, from_lines, n_lines, pages, layout, page_starts } = front;
    // The pieces go to `sections` in chunks, each freed once read: one vector of every
    // piece, alive until the last was read, was a tenth of the peak while the document grew.
    let mut pieces = pieces.into_iter();
    let chunks: Vec<Vec<blocks::Piece>> =
        std::iter::from_fn(|| Some(pieces.by_ref().take(PIECES_CHUNK).collect::<Vec<_>>()).filter(|chunk| !chunk.is_empty())).collect();
    drop(pieces);
    let sections = sections::build(chunks.into_iter().flatten(), &mut warnings);
    let meta = meta::read(from_lines, &sections);
    warnings.sort_by_key(|warning| warning.line);
    let source = Source {
        path: path.to_string(),
        sha256,
        encoding: encoding.name().to_string(),
        bytes: n_bytes,
        lines: n_lines,
        pages,
        layout: layout.to_string(),
        page_starts,
    };
    Ok(Document { schema_version: SCHEMA_VERSION.to_string(), source, meta, sections, warnings })
}

/// Pieces handed to `sections` per chunk.
const PIECES_CHUNK: usize = 4096;

/// What the pipeline keeps of the lines once they are made into pieces.
struct Front {
    pieces: Vec<blocks::Piece>,
    warnings: Vec<Warning>,
    from_lines: meta::FromLines,
    n_lines: u32,
    pages: u32,
    layout: &'static str,
    page_starts: Vec<u32>,
}

/// The pieces of the lines and what else the document needs from them; the lines are freed on return.
fn front(lines: Vec<normalize::Line<'_>>, page_starts: Vec<u32>, pages: u32, warnings: Vec<Warning>) -> Front {
    let pieces = blocks::classify(&lines, &page_starts);
    let from_lines = meta::gather(&lines);
    let layout = layout(&lines);
    let n_lines = lines.len() as u32;
    Front { pieces, warnings, from_lines, n_lines, pages, layout, page_starts }
}

/// Every table data cell of `document` as a tidy record, in document order.
pub fn records(document: &Document) -> Vec<Record> {
    records::of(document)
}

/// What changed from `old` to `new`, two revisions of a plan: sections,
/// tables, rows and cells matched by what they say, never by line number.
pub fn diff(old: &Document, new: &Document) -> Diff {
    diff::documents(old, new)
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// `tabbed` when tables are TAB-separated, `spaced` when columns are aligned
/// with runs of spaces, `raw` otherwise, `mixed` when both kinds of rows occur.
fn layout(lines: &[normalize::Line<'_>]) -> &'static str {
    // Only whether each count reaches its bar matters: the lines are read until it does
    // (a plan laid out either way reaches it long before its end), not all of them.
    const MIN_TABBED: usize = 3;
    let min_spaced = 10.max(lines.len().div_ceil(20));
    // The exact tests run only on lines that pass a quick byte test (a TAB; three spaces).
    let tabbed = lines
        .iter()
        .filter(|line| memchr::memchr(b'\t', line.text.as_bytes()).is_some() && line.text.trim_matches('\t').contains('\t'))
        .take(MIN_TABBED)
        .count()
        >= MIN_TABBED;
    // One SIMD searcher for every line (`contains("   ")` built one per line, which cost more
    // than a byte loop; the loop cost three instructions a byte).
    let three_spaces = memchr::memmem::Finder::new(b"   ");
    let has_three_spaces = |text: &str| three_spaces.find(text.as_bytes()).is_some();
    let spaced =
        lines.iter().filter(|line| has_three_spaces(line.text) && has_three_spaces(normalize::trim(line.text))).take(min_spaced).count()
            >= min_spaced;
    match (tabbed, spaced) {
        (true, true) => "mixed",
        (true, false) => "tabbed",
        (false, true) => "spaced",
        (false, false) => "raw",
    }
}
