//! `keikaku batch`: many files in, one output tree out. Walks directories in
//! sorted order, parses the files in parallel (rayon) and writes, in input
//! order, one output per input (mirroring the input tree), a corpus-wide
//! records file and a manifest. Output bytes do not depend on the number of
//! threads. Every write is atomic (temporary file, then rename). A file that
//! fails is reported and the run goes on.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::model::{write_document_json, write_record_json, Block, Document, Record, Section};
use crate::records::{csv_fields, CSV_HEADER};

/// Extensions that batch picks up when walking a directory.
const INPUT_EXTENSIONS: [&str; 2] = ["txt", "pdf"];
/// UTF-8 byte order mark, so Excel on Japanese Windows reads CSV as UTF-8.
const BOM: &str = "\u{FEFF}";

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One compact `Document` JSON per input, and `records.jsonl`.
    Json,
    /// One JSON Lines records file per input, and `records.jsonl`.
    Jsonl,
    /// One CSV records file per input, and `records.csv`.
    Csv,
}

/// Options for a batch run.
#[derive(Debug, Clone)]
pub struct Config {
    pub out_dir: PathBuf,
    pub format: Format,
    /// Write a BOM at the start of CSV files.
    pub bom: bool,
}

/// One input file and where its output goes.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Path relative to the directory it was found in (or its file name).
    pub relative: PathBuf,
}

/// Per-input line of `manifest.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub path: String,
    pub output: Option<String>,
    pub sha256: Option<String>,
    pub status: &'static str,
    pub sections: usize,
    pub tables: usize,
    pub cells: usize,
    pub warnings: usize,
    pub error: Option<String>,
}

/// What a run did.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub inputs: usize,
    pub converted: usize,
    pub failed: usize,
    pub warnings: usize,
    pub bytes: u64,
    pub entries: Vec<Entry>,
}

/// Finds the inputs under `paths`: files as given, directories walked
/// recursively in sorted order. Unreadable directories are errors.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut inputs, &mut errors);
        } else {
            let relative = PathBuf::from(path.file_name().unwrap_or(path.as_os_str()));
            inputs.push(Input { path: path.clone(), relative });
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(Error::io(dir, &error));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(root, &path, inputs, errors);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| INPUT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
        {
            let relative = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.clone());
            inputs.push(Input { path, relative });
        }
    }
}

/// Converts `inputs`, calling `read` to get each file's document, and writes
/// everything under `config.out_dir`. `progress` is called once per finished file.
pub fn run<R, P>(inputs: &[Input], config: &Config, read: R, progress: P) -> std::io::Result<Summary>
where
    R: Fn(&Path) -> Result<(Document, u64), Error> + Sync,
    P: Fn(&Path, Option<&Error>) + Sync,
{
    fs::create_dir_all(&config.out_dir)?;
    let corpus_name = match config.format {
        Format::Csv => "records.csv",
        Format::Json | Format::Jsonl => "records.jsonl",
    };
    let corpus_path = config.out_dir.join(corpus_name);
    // Everything per file happens on the worker: parse, write its output, and
    // render its share of the corpus file, which a writer thread appends in
    // input order while the workers go on. Only small results are kept.
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Vec<u8>)>();
    let (results, corpus_written) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            write_atomic_with(&corpus_path, |out| {
                if config.format == Format::Csv {
                    out.write_all(&csv_header(config.bom))?;
                }
                let mut waiting: std::collections::BTreeMap<usize, Vec<u8>> = std::collections::BTreeMap::new();
                let mut next = 0;
                for (idx, part) in receiver {
                    waiting.insert(idx, part);
                    while let Some(part) = waiting.remove(&next) {
                        out.write_all(&part)?;
                        next += 1;
                    }
                }
                Ok(())
            })
        });
        // The files are handed out one at a time in input order (`par_bridge`), not as
        // halves of the list (`par_iter`): the writer then gets every part about when it
        // is made, instead of holding the second half's parts until the first half is
        // done and writing them alone at the end; and a thread that finds its file short
        // just takes the next one.
        let mut results: Vec<(usize, Entry, u64)> = inputs
            .iter()
            .enumerate()
            .par_bridge()
            .map_with(sender, |sender, (idx, input)| {
                let (entry, part, n_bytes) = convert(input, config, &read, &progress);
                // A failed corpus writer has stopped listening; its error is reported below.
                let _ = sender.send((idx, part));
                (idx, entry, n_bytes)
            })
            .collect();
        results.sort_unstable_by_key(|(idx, ..)| *idx);
        let written = writer.join().unwrap_or_else(|_| Err(std::io::Error::other("the corpus writer stopped")));
        (results, written)
    });
    corpus_written?;
    let mut entries = Vec::with_capacity(inputs.len());
    let mut total_bytes = 0;
    for (_, entry, n_bytes) in results {
        total_bytes += n_bytes;
        entries.push(entry);
    }
    let summary = Summary {
        inputs: inputs.len(),
        converted: entries.iter().filter(|entry| entry.status == "ok").count(),
        failed: entries.iter().filter(|entry| entry.status == "failed").count(),
        warnings: entries.iter().map(|entry| entry.warnings).sum(),
        bytes: total_bytes,
        entries,
    };
    let manifest = serde_json::to_string_pretty(&summary).map_err(std::io::Error::other)?;
    write_atomic(&config.out_dir.join("manifest.json"), format!("{manifest}\n").as_bytes())?;
    Ok(summary)
}

/// One input: parsed, its output written, its share of the corpus rendered.
fn convert<R, P>(input: &Input, config: &Config, read: &R, progress: &P) -> (Entry, Vec<u8>, u64)
where
    R: Fn(&Path) -> Result<(Document, u64), Error> + Sync,
    P: Fn(&Path, Option<&Error>) + Sync,
{
    let converted = read(&input.path).and_then(|(document, n_bytes)| {
        let records = crate::records(&document);
        write_one(input, &document, &records, config).map_err(|error| Error::io(&config.out_dir, &error))?;
        Ok((document, records, n_bytes))
    });
    progress(&input.path, converted.as_ref().err());
    match converted {
        Ok((document, records, n_bytes)) => {
            let part = match config.format {
                Format::Csv => csv_rows(&records),
                Format::Json | Format::Jsonl => jsonl_rows(&records),
            };
            let (n_sections, n_tables) = count(&document.sections);
            let entry = Entry {
                path: input.path.display().to_string(),
                output: Some(output_path(input, config.format).display().to_string()),
                sha256: Some(document.source.sha256.clone()),
                status: "ok",
                sections: n_sections,
                tables: n_tables,
                cells: records.len(),
                warnings: document.warnings.len(),
                error: None,
            };
            (entry, part, n_bytes)
        }
        Err(error) => {
            let entry = Entry {
                path: input.path.display().to_string(),
                output: None,
                sha256: None,
                status: "failed",
                sections: 0,
                tables: 0,
                cells: 0,
                warnings: 0,
                error: Some(error.to_string()),
            };
            (entry, Vec::new(), 0)
        }
    }
}

fn count(sections: &[Section]) -> (usize, usize) {
    let mut n_sections = 0;
    let mut n_tables = 0;
    for section in sections {
        if section.marker.is_some() {
            n_sections += 1;
        }
        n_tables += section.blocks.iter().filter(|block| matches!(block, Block::Table(_))).count();
        let (child_sections, child_tables) = count(&section.sections);
        n_sections += child_sections;
        n_tables += child_tables;
    }
    (n_sections, n_tables)
}

/// `OUT/sub/plan.json` for `IN/sub/plan.txt`.
fn output_path(input: &Input, format: Format) -> PathBuf {
    let extension = match format {
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Csv => "csv",
    };
    input.relative.with_extension(extension)
}

/// Writes one input's output; `records` are the document's.
fn write_one(input: &Input, document: &Document, records: &[Record], config: &Config) -> std::io::Result<()> {
    let path = config.out_dir.join(output_path(input, config.format));
    let bytes = match config.format {
        // Streamed: the document's JSON is never whole in memory.
        Format::Json => return write_atomic_with(&path, |writer| write_document_json(document, false, writer)),
        Format::Jsonl => jsonl_rows(records),
        Format::Csv => {
            let mut bytes = csv_header(config.bom);
            bytes.extend(csv_rows(records));
            bytes
        }
    };
    write_atomic(&path, &bytes)
}

/// JSON Lines for `records`, a line each.
fn jsonl_rows(records: &[Record]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for record in records {
        write_record_json(record, &mut bytes);
        bytes.push(b'\n');
    }
    bytes
}

/// The CSV header line (with a BOM when asked).
pub fn csv_header(bom: bool) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(CSV_HEADER);
    let mut bytes = if bom { BOM.as_bytes().to_vec() } else { Vec::new() };
    bytes.extend(writer.into_inner().unwrap_or_default());
    bytes
}

/// CSV lines for `records` (no header).
pub fn csv_rows(records: &[crate::model::Record]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        let _ = writer.write_record(csv_fields(record));
    }
    writer.into_inner().unwrap_or_default()
}

/// Writes through `write` to a temporary file beside `path`, then renames it
/// over `path`. A target that exists and is no regular file (`/dev/null`, a
/// pipe) is written in place: renaming over it would replace the device.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> std::io::Result<()>) -> std::io::Result<()> {
    if fs::metadata(path).is_ok_and(|metadata| !metadata.is_file()) {
        let file = fs::OpenOptions::new().write(true).open(path)?;
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut writer)?;
        return writer.flush();
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or("out");
    let temporary = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|file| {
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut writer)?;
        writer.flush()
    });
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    fs::rename(&temporary, path)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path` (in place when `path` is no regular file, as `write_atomic_with`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if fs::metadata(path).is_ok_and(|metadata| !metadata.is_file()) {
        return fs::OpenOptions::new().write(true).open(path)?.write_all(bytes);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or("out");
    let temporary = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    // The rename is what makes the write atomic for a run that is interrupted;
    // no fsync: durability across a power cut is not worth a disk flush per file.
    let written = fs::File::create(&temporary).and_then(|mut file| file.write_all(bytes));
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    fs::rename(&temporary, path)
}
