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
    /// First and last line of a title wrapped over more than one line
    /// (`第７章 …に向けた` / `取組`); absent when the title is on `line` alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_lines: Option<[u32; 2]>,
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
    // The whole text stays in `buf` (never handed to the sink); writing to a Vec cannot fail.
    let mut json =
        JsonOut { out: std::io::sink(), buf: Vec::with_capacity(document.source.bytes as usize * 2), chunk: usize::MAX, pretty, depth: 0 };
    let _ = json.document(document);
    String::from_utf8(json.buf).unwrap_or_default()
}

/// Writes a document as JSON to `writer` (with a final newline), without
/// building the whole text in memory first.
pub fn write_document_json<W: std::io::Write>(document: &Document, pretty: bool, mut writer: W) -> std::io::Result<()> {
    let mut json = JsonOut { out: &mut writer, buf: Vec::with_capacity(JSON_CHUNK + 4096), chunk: JSON_CHUNK, pretty, depth: 0 };
    json.document(document)?;
    json.flush_chunk(0)?;
    writer.write_all(b"\n")?;
    writer.flush()
}

/// The JSON of a `Document`, written straight from the borrowed tree, byte
/// for byte what `serde_json::to_writer` (compact) and `to_writer_pretty`
/// (two-space indent) write for the derived `Serialize` (field order, tags,
/// skipped `None`s, escapes); floats go through serde_json itself. A test
/// checks both forms against serde_json on every fixture.
struct JsonOut<W> {
    out: W,
    /// Text not yet written to `out`: small writes go to a Vec (no error to
    /// check), which is handed to `out` in chunks of about `JSON_CHUNK` bytes.
    buf: Vec<u8>,
    /// `JSON_CHUNK`, or `usize::MAX` to keep everything in `buf`.
    chunk: usize,
    pretty: bool,
    depth: usize,
}

/// Bytes collected before they are written out.
const JSON_CHUNK: usize = 1 << 16;

/// Whole floats below this are written by `JsonOut::i64` and `.0`; serde_json writes
/// them the same way (it switches to an exponent from 1e16).
const WHOLE_FLOAT_LIMIT: f64 = 1e15;

/// Room for a compact key with its comma, quotes and colon (the longest key, `schema_version`, is 14 bytes).
const KEY_PIECE: usize = 32;

/// Spaces for the pretty form's indentation, sliced per level.
const INDENT: &[u8; 64] = b"                                                                ";

impl<W: std::io::Write> JsonOut<W> {
    #[inline]
    fn raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(bytes);
        Ok(())
    }

    /// Hands the collected text to `out` once there is a chunk of it (between array elements).
    fn flush_chunk(&mut self, at_least: usize) -> std::io::Result<()> {
        if self.buf.len() >= at_least {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn newline_indent(&mut self) -> std::io::Result<()> {
        self.raw(b"\n")?;
        let mut n_spaces = self.depth * 2;
        while n_spaces > 0 {
            let chunk = n_spaces.min(INDENT.len());
            self.raw(&INDENT[..chunk])?;
            n_spaces -= chunk;
        }
        Ok(())
    }

    /// Before an array element or an object key: the comma, and in pretty form the line break.
    fn separator(&mut self, first: bool) -> std::io::Result<()> {
        if !first {
            self.raw(b",")?;
        }
        if self.pretty {
            self.newline_indent()?;
        }
        Ok(())
    }

    fn open(&mut self, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.raw(bracket)
    }

    fn close(&mut self, bracket: &[u8], n_items: usize) -> std::io::Result<()> {
        self.depth -= 1;
        if self.pretty && n_items > 0 {
            self.newline_indent()?;
        }
        self.raw(bracket)
    }

    /// An object key; `first` is set false by it.
    #[inline(always)]
    fn key(&mut self, first: &mut bool, key: &str) -> std::io::Result<()> {
        let n_piece = key.len() + 4;
        if !self.pretty && n_piece <= KEY_PIECE {
            // The compact form in one piece, `,"key":` (or `"key":`), put together on the stack
            // and copied with one capacity check: the key is a literal, so the piece is a
            // constant (four writes cost 9 M instructions more on c3).
            let mut piece = [0u8; KEY_PIECE];
            piece[..2].copy_from_slice(b",\"");
            piece[2..n_piece - 2].copy_from_slice(key.as_bytes());
            piece[n_piece - 2..n_piece].copy_from_slice(b"\":");
            let skip = usize::from(*first);
            *first = false;
            return self.raw(&piece[skip..n_piece]);
        }
        self.separator(*first)?;
        *first = false;
        self.raw(b"\"")?;
        self.raw(key.as_bytes())?;
        self.raw(if self.pretty { b"\": " } else { b"\":" })
    }

    fn str(&mut self, text: &str) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = text.as_bytes();
        self.raw(b"\"")?;
        // Branch-free first: most strings have nothing to escape and are written whole.
        let needs_escape = bytes.iter().fold(false, |found, &byte| found | (byte < 0x20) | (byte == b'"') | (byte == b'\\'));
        if !needs_escape {
            self.raw(bytes)?;
            return self.raw(b"\"");
        }
        let mut start = 0;
        for (byte_idx, &byte) in bytes.iter().enumerate() {
            let escape: &[u8] = match byte {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x0C => b"\\f",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x00..=0x1F => &[b'\\', b'u', b'0', b'0', HEX[(byte >> 4) as usize], HEX[(byte & 0xF) as usize]],
                _ => continue,
            };
            self.raw(&bytes[start..byte_idx])?;
            self.raw(escape)?;
            start = byte_idx + 1;
        }
        self.raw(&bytes[start..])?;
        self.raw(b"\"")
    }

    fn opt_str(&mut self, text: Option<&str>) -> std::io::Result<()> {
        match text {
            Some(text) => self.str(text),
            None => self.raw(b"null"),
        }
    }

    fn u64(&mut self, mut number: u64) -> std::io::Result<()> {
        // Two digits a step, from a table (as the `itoa` crate does): a division per
        // digit was most of the cost of the line numbers.
        const PAIRS: [u8; 200] = {
            let mut pairs = [0u8; 200];
            let mut pair = 0;
            while pair < 100 {
                pairs[2 * pair] = b'0' + (pair / 10) as u8;
                pairs[2 * pair + 1] = b'0' + (pair % 10) as u8;
                pair += 1;
            }
            pairs
        };
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        while number >= 100 {
            let pair = (number % 100) as usize;
            number /= 100;
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[2 * pair..2 * pair + 2]);
        }
        if number >= 10 {
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[2 * number as usize..2 * number as usize + 2]);
        } else {
            at -= 1;
            digits[at] = b'0' + number as u8;
        }
        self.raw(&digits[at..])
    }

    fn i64(&mut self, number: i64) -> std::io::Result<()> {
        if number < 0 {
            self.raw(b"-")?;
        }
        self.u64(number.unsigned_abs())
    }

    fn opt_u32(&mut self, number: Option<u32>) -> std::io::Result<()> {
        match number {
            Some(number) => self.u64(number.into()),
            None => self.raw(b"null"),
        }
    }

    fn opt_i32(&mut self, number: Option<i32>) -> std::io::Result<()> {
        match number {
            Some(number) => self.i64(number.into()),
            None => self.raw(b"null"),
        }
    }

    /// Floats exactly as serde_json writes them (shortest round-trip digits, `.0`, null for NaN).
    fn f64(&mut self, number: f64) -> std::io::Result<()> {
        // Most values are whole numbers well inside an f64's exact integers: serde_json writes
        // them as their digits and `.0` (`1600.0`, `-4.0`), which the integer writer does at a
        // fraction of the cost. (Not -0.0, which serde_json writes with its sign.)
        if number.fract() == 0.0 && number.abs() < WHOLE_FLOAT_LIMIT && (number != 0.0 || number.is_sign_positive()) {
            self.i64(number as i64)?;
            return self.raw(b".0");
        }
        serde_json::to_writer(&mut self.buf, &number).map_err(|error| match error.io_error_kind() {
            Some(kind) => std::io::Error::new(kind, error),
            None => std::io::Error::other(error),
        })
    }

    fn opt_f64(&mut self, number: Option<f64>) -> std::io::Result<()> {
        match number {
            Some(number) => self.f64(number),
            None => self.raw(b"null"),
        }
    }

    fn lines(&mut self, lines: [u32; 2]) -> std::io::Result<()> {
        self.open(b"[")?;
        self.separator(true)?;
        self.u64(lines[0].into())?;
        self.separator(false)?;
        self.u64(lines[1].into())?;
        self.close(b"]", 2)
    }

    fn array<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T) -> std::io::Result<()>) -> std::io::Result<()> {
        self.open(b"[")?;
        for (item_idx, item) in items.iter().enumerate() {
            self.separator(item_idx == 0)?;
            write(self, item)?;
            self.flush_chunk(self.chunk)?;
        }
        self.close(b"]", items.len())
    }

    fn document(&mut self, document: &Document) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "schema_version")?;
        self.str(&document.schema_version)?;
        self.key(first, "source")?;
        self.source(&document.source)?;
        self.key(first, "meta")?;
        self.meta(&document.meta)?;
        self.key(first, "sections")?;
        self.array(&document.sections, Self::section)?;
        self.key(first, "warnings")?;
        self.array(&document.warnings, Self::warning)?;
        self.close(b"}", 5)
    }

    fn source(&mut self, source: &Source) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "path")?;
        self.str(&source.path)?;
        self.key(first, "sha256")?;
        self.str(&source.sha256)?;
        self.key(first, "encoding")?;
        self.str(&source.encoding)?;
        self.key(first, "bytes")?;
        self.u64(source.bytes)?;
        self.key(first, "lines")?;
        self.u64(source.lines.into())?;
        self.key(first, "pages")?;
        self.u64(source.pages.into())?;
        self.key(first, "layout")?;
        self.str(&source.layout)?;
        self.key(first, "page_starts")?;
        self.array(&source.page_starts, |out, line| out.u64((*line).into()))?;
        self.close(b"}", 8)
    }

    fn meta(&mut self, meta: &Meta) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "title")?;
        self.opt_str(meta.title.as_deref())?;
        self.key(first, "municipality")?;
        self.opt_str(meta.municipality.as_deref())?;
        self.key(first, "plan_period")?;
        match &meta.plan_period {
            Some(period) => {
                let first = &mut true;
                self.open(b"{")?;
                self.key(first, "from")?;
                self.i64(period.from.into())?;
                self.key(first, "to")?;
                self.i64(period.to.into())?;
                self.close(b"}", 2)?;
            }
            None => self.raw(b"null")?,
        }
        self.key(first, "published")?;
        self.opt_str(meta.published.as_deref())?;
        self.key(first, "revised")?;
        self.raw(if meta.revised { b"true" } else { b"false" })?;
        self.close(b"}", 5)
    }

    fn section(&mut self, section: &Section) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "marker")?;
        self.opt_str(section.marker.as_deref())?;
        self.key(first, "kind")?;
        self.str(&section.kind)?;
        self.key(first, "number")?;
        self.opt_u32(section.number)?;
        self.key(first, "title")?;
        self.opt_str(section.title.as_deref())?;
        self.key(first, "line")?;
        self.u64(section.line.into())?;
        if let Some(title_lines) = section.title_lines {
            self.key(first, "title_lines")?;
            self.lines(title_lines)?;
        }
        self.key(first, "blocks")?;
        self.array(&section.blocks, Self::block)?;
        self.key(first, "sections")?;
        self.array(&section.sections, Self::section)?;
        self.close(b"}", 7)
    }

    fn tag(&mut self, first: &mut bool, tag: Option<&str>) -> std::io::Result<()> {
        if let Some(tag) = tag {
            self.key(first, "tag")?;
            self.str(tag)?;
        }
        Ok(())
    }

    fn block(&mut self, block: &Block) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "type")?;
        match block {
            Block::Paragraph { lines, tag, text } | Block::Note { lines, tag, text } => {
                self.str(if matches!(block, Block::Paragraph { .. }) { "paragraph" } else { "note" })?;
                self.key(first, "lines")?;
                self.lines(*lines)?;
                self.tag(first, tag.as_deref())?;
                self.key(first, "text")?;
                self.str(text)?;
            }
            Block::List { lines, tag, items } | Block::Unresolved { lines, tag, fragments: items } => {
                let (name, key) = if matches!(block, Block::List { .. }) { ("list", "items") } else { ("unresolved", "fragments") };
                self.str(name)?;
                self.key(first, "lines")?;
                self.lines(*lines)?;
                self.tag(first, tag.as_deref())?;
                self.key(first, key)?;
                self.array(items, Self::item)?;
            }
            Block::Table(table) => {
                self.str("table")?;
                self.table(first, table)?;
            }
            Block::Toc { lines, entries } => {
                self.str("toc")?;
                self.key(first, "lines")?;
                self.lines(*lines)?;
                self.key(first, "entries")?;
                self.array(entries, Self::toc_entry)?;
            }
            Block::Furniture { lines, text } => {
                self.str("furniture")?;
                self.key(first, "lines")?;
                self.lines(*lines)?;
                self.key(first, "text")?;
                self.str(text)?;
            }
        }
        self.close(b"}", 1)
    }

    fn item(&mut self, item: &Item) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "line")?;
        self.u64(item.line.into())?;
        self.key(first, "text")?;
        self.str(&item.text)?;
        self.close(b"}", 2)
    }

    fn toc_entry(&mut self, entry: &TocEntry) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "line")?;
        self.u64(entry.line.into())?;
        self.key(first, "marker")?;
        self.opt_str(entry.marker.as_deref())?;
        self.key(first, "title")?;
        self.str(&entry.title)?;
        self.key(first, "page")?;
        self.opt_u32(entry.page)?;
        self.close(b"}", 4)
    }

    /// The fields of a table, inside the block object that holds its `type`.
    fn table(&mut self, first: &mut bool, table: &Table) -> std::io::Result<()> {
        self.key(first, "id")?;
        self.str(&table.id)?;
        self.key(first, "label")?;
        self.opt_str(table.label.as_deref())?;
        self.key(first, "caption")?;
        self.opt_str(table.caption.as_deref())?;
        self.key(first, "unit")?;
        self.opt_str(table.unit.as_deref())?;
        self.key(first, "lines")?;
        self.lines(table.lines)?;
        self.key(first, "kind")?;
        self.str(&table.kind)?;
        if let Some(lines) = table.caption_lines {
            self.key(first, "caption_lines")?;
            self.lines(lines)?;
        }
        self.tag(first, table.tag.as_deref())?;
        self.key(first, "stub")?;
        self.opt_str(table.stub.as_deref())?;
        self.key(first, "columns")?;
        self.array(&table.columns, Self::column)?;
        self.key(first, "rows")?;
        self.array(&table.rows, Self::row)
    }

    fn column(&mut self, column: &Column) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "label")?;
        self.opt_str(column.label.as_deref())?;
        self.key(first, "fiscal_year")?;
        self.opt_i32(column.fiscal_year)?;
        self.key(first, "qualifier")?;
        self.opt_str(column.qualifier.as_deref())?;
        self.close(b"}", 3)
    }

    fn row(&mut self, row: &Row) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "label")?;
        self.str(&row.label)?;
        self.key(first, "group")?;
        self.opt_str(row.group.as_deref())?;
        self.key(first, "unit")?;
        self.opt_str(row.unit.as_deref())?;
        self.key(first, "line")?;
        self.u64(row.line.into())?;
        self.key(first, "cells")?;
        self.array(&row.cells, |out, cell| match cell {
            Some(cell) => out.cell(cell),
            None => out.raw(b"null"),
        })?;
        self.close(b"}", 5)
    }

    fn cell(&mut self, cell: &Cell) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.typed(first, &cell.raw, &cell.kind, cell.value, cell.unit.as_deref(), cell.status.as_deref())?;
        self.key(first, "line")?;
        self.u64(cell.line.into())?;
        if let Some(delta) = cell.delta {
            self.key(first, "delta")?;
            self.f64(delta)?;
        }
        if let Some(aside) = cell.aside {
            self.key(first, "aside")?;
            self.f64(aside)?;
        }
        if let Some(range) = cell.range {
            self.key(first, "range")?;
            self.open(b"[")?;
            self.separator(true)?;
            self.f64(range[0])?;
            self.separator(false)?;
            self.f64(range[1])?;
            self.close(b"]", 2)?;
        }
        self.close(b"}", 6)
    }

    /// The typed-cell fields a cell and a record share, in their order: raw, kind, value, unit, status.
    fn typed(
        &mut self,
        first: &mut bool,
        raw: &str,
        kind: &str,
        value: Option<f64>,
        unit: Option<&str>,
        status: Option<&str>,
    ) -> std::io::Result<()> {
        self.key(first, "raw")?;
        self.str(raw)?;
        self.key(first, "kind")?;
        self.str(kind)?;
        self.key(first, "value")?;
        self.opt_f64(value)?;
        self.key(first, "unit")?;
        self.opt_str(unit)?;
        self.key(first, "status")?;
        self.opt_str(status)
    }

    fn record(&mut self, record: &Record) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "doc")?;
        self.str(&record.doc)?;
        self.key(first, "section")?;
        self.str(&record.section)?;
        self.key(first, "section_title")?;
        self.opt_str(record.section_title.as_deref())?;
        self.key(first, "table")?;
        self.str(&record.table)?;
        self.key(first, "label")?;
        self.opt_str(record.label.as_deref())?;
        self.key(first, "caption")?;
        self.opt_str(record.caption.as_deref())?;
        self.key(first, "row")?;
        self.str(&record.row)?;
        self.key(first, "row_group")?;
        self.opt_str(record.row_group.as_deref())?;
        self.key(first, "column")?;
        self.opt_str(record.column.as_deref())?;
        self.key(first, "fiscal_year")?;
        self.opt_i32(record.fiscal_year)?;
        self.typed(first, &record.raw, &record.kind, record.value, record.unit.as_deref(), record.status.as_deref())?;
        self.key(first, "page")?;
        self.u64(record.page.into())?;
        self.key(first, "line")?;
        self.u64(record.line.into())?;
        self.close(b"}", 17)
    }

    fn warning(&mut self, warning: &Warning) -> std::io::Result<()> {
        let first = &mut true;
        self.open(b"{")?;
        self.key(first, "line")?;
        self.u64(warning.line.into())?;
        self.key(first, "code")?;
        self.str(&warning.code)?;
        self.key(first, "message")?;
        self.str(&warning.message)?;
        self.close(b"}", 3)
    }
}

/// Reads a document written by `document_json`.
pub fn document_from_json(text: &str) -> Result<Document, serde_json::Error> {
    serde_json::from_str(text)
}

/// One record as a JSON line (without the newline).
pub fn record_json(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
}

/// Appends `record_json(record)` to `out`, written by `JsonOut` as the
/// `Document` is (a test checks it against serde_json on every fixture's records).
pub fn write_record_json(record: &Record, out: &mut Vec<u8>) {
    // Everything stays in `buf`, which is `out` for the while: writing to a Vec cannot fail.
    let mut json = JsonOut { out: std::io::sink(), buf: std::mem::take(out), chunk: usize::MAX, pretty: false, depth: 0 };
    let _ = json.record(record);
    *out = json.buf;
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

#[cfg(test)]
mod tests {
    /// The hand-written writer against serde_json on the derived `Serialize`, both forms.
    fn assert_same_as_serde(document: &super::Document) {
        assert_eq!(super::document_json(document, false), serde_json::to_string(document).unwrap_or_default());
        assert_eq!(super::document_json(document, true), serde_json::to_string_pretty(document).unwrap_or_default());
    }

    #[test]
    fn integers_as_serde_json_writes_them() {
        for number in [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 100000, 4294967295, u64::MAX - 1, u64::MAX] {
            let mut json = super::JsonOut { out: std::io::sink(), buf: Vec::new(), chunk: usize::MAX, pretty: false, depth: 0 };
            let _ = json.u64(number);
            assert_eq!(String::from_utf8(json.buf).unwrap_or_default(), serde_json::to_string(&number).unwrap_or_default());
        }
    }

    #[test]
    fn json_equals_serde_json_on_every_fixture() {
        let mut n_checked = 0;
        for entry in std::fs::read_dir("fixtures").into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().and_then(|ext| ext.to_str()) != Some("txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_default();
            let document = crate::parse(&path.display().to_string(), &bytes).expect("fixture decodes");
            assert_same_as_serde(&document);
            n_checked += 1;
        }
        assert!(n_checked >= 2);
    }

    #[test]
    fn record_json_equals_serde_json_on_every_fixture() {
        let mut n_checked = 0;
        for entry in std::fs::read_dir("fixtures").into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().and_then(|ext| ext.to_str()) != Some("txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_default();
            let document = crate::parse(&path.display().to_string(), &bytes).expect("fixture decodes");
            for record in crate::records(&document) {
                let mut written = Vec::new();
                super::write_record_json(&record, &mut written);
                assert_eq!(String::from_utf8(written).unwrap_or_default(), super::record_json(&record));
                n_checked += 1;
            }
        }
        assert!(n_checked > 100);
    }

    #[test]
    fn whole_floats_as_serde_json_writes_them() {
        let mut values = vec![0.0, -0.0, 1.0, -1.0, 0.5, -4.5, 1e15 - 1.0, -(1e15 - 1.0), 1e15, 1e16, 123456789012345.0, f64::NAN];
        values.extend((0..20_000).map(f64::from));
        values.extend((0..=15).map(|exponent| 10f64.powi(exponent)));
        // A spread of large whole numbers (a linear congruential sequence below 1e15).
        let mut state: u64 = 1;
        for _ in 0..20_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            values.push((state % 1_000_000_000_000_000) as f64);
        }
        for value in values {
            for number in [value, -value] {
                let mut json = super::JsonOut { out: std::io::sink(), buf: Vec::new(), chunk: usize::MAX, pretty: false, depth: 0 };
                json.f64(number).expect("writes to a Vec");
                assert_eq!(
                    String::from_utf8(json.buf).unwrap_or_default(),
                    serde_json::to_string(&number).unwrap_or_default(),
                    "{number:?}"
                );
            }
        }
    }

    #[test]
    fn json_escapes_like_serde_json() {
        let text = "\"計画\" \\ back\u{1}\u{7f}\u{8}\u{c}\r\n\n(1) 見出し\t\n\n表1 \"q\"\n\n年度\t2024年度 (R6)\t2025年度 (R7)\n件数\t1.5 件 (+2)\t26 (83.9%)\n率\t年5~6回\t0.1%\n\n※ 注\u{1f}\n";
        let document = crate::parse("a\"b\\c\u{0}.txt", text.as_bytes()).expect("text decodes");
        assert_same_as_serde(&document);
        let records = crate::records(&document);
        assert!(!records.is_empty());
        for record in records {
            let mut written = Vec::new();
            super::write_record_json(&record, &mut written);
            assert_eq!(String::from_utf8(written).unwrap_or_default(), super::record_json(&record));
        }
    }
}
