//! `keikaku batch`: many files in, one output tree out. Walks directories in
//! sorted order, parses the files in parallel (rayon) and writes, in input
//! order, one output per input (mirroring the input tree), a corpus-wide
//! records file and a manifest. Output bytes do not depend on the number of
//! threads. Every write is atomic (temporary file, then rename): a reader sees
//! the old file or the new one, never a part. No fsync: a run cut by a power
//! failure may leave files empty or old, as it may leave files not yet
//! written. A file that fails is reported and the run goes on.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::model::{write_document_json, write_record_json, Block, Document, Record, Section};
use crate::records::{csv_fields, CSV_HEADER};

/// Extensions that batch picks up when walking a directory.
const INPUT_EXTENSIONS: [&str; 2] = ["txt", "pdf"];
/// Threads that delete the old files replaced by a run (see `run`).
const REAPERS: usize = 8;
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
    // The outputs' directories, made once here rather than asked for by every
    // file; one that cannot be made is tried again (and reported) by its files.
    let mut parents: Vec<&Path> = inputs.iter().filter_map(|input| input.relative.parent()).collect();
    parents.sort_unstable();
    parents.dedup();
    let made: std::collections::HashSet<&Path> =
        parents.into_iter().filter(|parent| fs::create_dir_all(config.out_dir.join(parent)).is_ok()).collect();
    let corpus_name = match config.format {
        Format::Csv => "records.csv",
        Format::Json | Format::Jsonl => "records.jsonl",
    };
    let corpus_path = config.out_dir.join(corpus_name);
    // Everything per file happens on the worker: parse, write its output, and
    // render its share of the corpus file, which a writer thread appends in
    // input order while the workers go on. Only small results are kept.
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Part)>();
    // The old files that the outputs replace are deleted by threads of their
    // own: freeing a file's blocks can wait on the disk (ext4 mounted with
    // `discard` and no journal discards them there and then, a few ms a file),
    // and the workers would wait with it. Several, as the waits overlap: 200
    // such files took 0.73 s to delete one after another, 0.08 s eight at a time.
    let (reap, reaped) = std::sync::mpsc::channel::<PathBuf>();
    let reaped = std::sync::Mutex::new(reaped);
    let spare = Spare::default();
    let (results, corpus_written) = std::thread::scope(|scope| {
        let reapers: Vec<_> = (0..REAPERS)
            .map(|_| {
                scope.spawn(|| loop {
                    let next = reaped.lock().map_err(drop).and_then(|reaped| reaped.recv().map_err(drop));
                    match next {
                        Ok(path) => {
                            let _ = fs::remove_file(path);
                        }
                        Err(()) => break,
                    }
                })
            })
            .collect();
        let spare = &spare;
        let writer = scope.spawn(move || {
            write_atomic_with(&corpus_path, |out| {
                if config.format == Format::Csv {
                    out.write_all(&csv_header(config.bom))?;
                }
                let mut waiting: std::collections::BTreeMap<usize, Part> = std::collections::BTreeMap::new();
                let mut next = 0;
                for (idx, part) in receiver {
                    waiting.insert(idx, part);
                    while let Some((bytes, start)) = waiting.remove(&next) {
                        out.write_all(&bytes[start..])?;
                        spare.put(bytes);
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
            .map_with((sender, reap), |(sender, reap), (idx, input)| {
                let shared = Shared { reap, spare, made: &made };
                let (entry, part, n_bytes) = convert(input, config, &read, &progress, &shared);
                // A failed corpus writer has stopped listening; its error is reported below.
                let _ = sender.send((idx, part));
                (idx, entry, n_bytes)
            })
            .collect();
        results.sort_unstable_by_key(|(idx, ..)| *idx);
        let written = writer.join().unwrap_or_else(|_| Err(std::io::Error::other("the corpus writer stopped")));
        for reaper in reapers {
            let _ = reaper.join();
        }
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

/// A share of the corpus file: the bytes from the index on (the rest is the
/// CSV header of the input's own file, rendered with it).
type Part = (Vec<u8>, usize);

/// What the workers of a run share besides its `Config`.
struct Shared<'a> {
    /// Where the old files that outputs replace go to be deleted.
    reap: &'a Sender<PathBuf>,
    /// Buffers for the parts, back from the corpus writer.
    spare: &'a Spare,
    /// The outputs' directories that `run` made.
    made: &'a std::collections::HashSet<&'a Path>,
}

/// The part buffers that the corpus writer is done with, for the workers to
/// fill again: a part is allocated by a worker and freed by the writer
/// otherwise, which costs both threads the allocator's locks, and grows from
/// empty every time.
#[derive(Default)]
struct Spare(std::sync::Mutex<Vec<Vec<u8>>>);

impl Spare {
    /// A few are kept: about one per worker is in use at a time.
    const KEEP: usize = 16;

    fn take(&self) -> Vec<u8> {
        let mut bytes = self.0.lock().ok().and_then(|mut spare| spare.pop()).unwrap_or_default();
        bytes.clear();
        bytes
    }

    fn put(&self, bytes: Vec<u8>) {
        if let Ok(mut spare) = self.0.lock() {
            if spare.len() < Self::KEEP {
                spare.push(bytes);
            }
        }
    }
}

/// One input: parsed, its output written, its share of the corpus rendered.
fn convert<R, P>(input: &Input, config: &Config, read: &R, progress: &P, shared: &Shared) -> (Entry, Part, u64)
where
    R: Fn(&Path) -> Result<(Document, u64), Error> + Sync,
    P: Fn(&Path, Option<&Error>) + Sync,
{
    let converted = read(&input.path).and_then(|(document, n_bytes)| {
        let records = crate::records(&document);
        let part = write_one(input, &document, &records, config, shared).map_err(|error| Error::io(&config.out_dir, &error))?;
        Ok((document, records.len(), part, n_bytes))
    });
    progress(&input.path, converted.as_ref().err());
    match converted {
        Ok((document, n_records, part, n_bytes)) => {
            let (n_sections, n_tables) = count(&document.sections);
            let entry = Entry {
                path: input.path.display().to_string(),
                output: Some(output_path(input, config.format).display().to_string()),
                sha256: Some(document.source.sha256.clone()),
                status: "ok",
                sections: n_sections,
                tables: n_tables,
                cells: n_records,
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
            (entry, (Vec::new(), 0), 0)
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

/// Writes one input's output (`records` are the document's) and returns its
/// share of the corpus file: the JSON Lines or CSV rows are rendered once, for both.
fn write_one(input: &Input, document: &Document, records: &[Record], config: &Config, shared: &Shared) -> std::io::Result<Part> {
    let output = output_path(input, config.format);
    let make_parent = output.parent().is_none_or(|parent| !shared.made.contains(parent));
    let path = config.out_dir.join(output);
    let old = Some(shared.reap);
    let mut bytes = shared.spare.take();
    match config.format {
        Format::Json => {
            // Streamed: the document's JSON is never whole in memory.
            write_file(&path, make_parent, old, |file| {
                let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
                write_document_json(document, false, &mut writer)?;
                writer.flush()
            })?;
            jsonl_rows_into(records, &mut bytes);
            Ok((bytes, 0))
        }
        Format::Jsonl => {
            jsonl_rows_into(records, &mut bytes);
            write_file(&path, make_parent, old, |mut file| file.write_all(&bytes))?;
            Ok((bytes, 0))
        }
        Format::Csv => {
            bytes.extend(csv_header(config.bom));
            let start = bytes.len();
            csv_rows_into(records, &mut bytes);
            write_file(&path, make_parent, old, |mut file| file.write_all(&bytes))?;
            Ok((bytes, start))
        }
    }
}

/// JSON Lines for `records`, a line each, after `bytes`.
fn jsonl_rows_into(records: &[Record], bytes: &mut Vec<u8>) {
    for record in records {
        write_record_json(record, bytes);
        bytes.push(b'\n');
    }
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
    let mut bytes = Vec::new();
    csv_rows_into(records, &mut bytes);
    bytes
}

/// CSV lines for `records` (no header), after `bytes`.
fn csv_rows_into(records: &[crate::model::Record], bytes: &mut Vec<u8>) {
    let mut writer = csv::Writer::from_writer(bytes);
    for record in records {
        let _ = writer.write_record(csv_fields(record));
    }
    let _ = writer.flush();
}

/// Writes through `write` to a temporary file beside `path`, then renames it
/// over `path`. A target that exists and is no regular file (`/dev/null`, a
/// pipe) is written in place: renaming over it would replace the device.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> std::io::Result<()>) -> std::io::Result<()> {
    write_file(path, true, None, |file| {
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut writer)?;
        writer.flush()
    })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path` (in place when `path` is no regular file, as `write_atomic_with`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, true, None, |mut file| file.write_all(bytes))
}

/// Writes a file through `write` as `write_atomic_with` says; `make_parent`
/// creates its directory when `path` does not exist yet. The file that `path`
/// named before, if any, is deleted here or, given `old`, sent there to be.
fn write_file(
    path: &Path,
    make_parent: bool,
    old: Option<&Sender<PathBuf>>,
    write: impl FnOnce(fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let exists = match fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => return write(fs::OpenOptions::new().write(true).open(path)?),
        Ok(_) => true,
        Err(_) => false,
    };
    if make_parent && !exists {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
    }
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or("out");
    // A name of its own for every write (two inputs may have the same output,
    // and the name stays with the old file until that is deleted).
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let temporary = path.with_file_name(format!(".{file_name}.tmp{}.{n}", std::process::id()));
    // The rename is what makes the write atomic for a run that is interrupted;
    // no fsync: durability across a power cut is not worth a disk flush per file.
    let written = fs::File::create(&temporary).and_then(write);
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    if exists && exchange(&temporary, path).is_ok() {
        // The temporary name now holds the old file. Should it stay (the
        // unlink failing), the new file is in place all the same.
        let unsent = match old {
            Some(old) => old.send(temporary).err().map(|error| error.0),
            None => Some(temporary),
        };
        if let Some(temporary) = unsent {
            let _ = fs::remove_file(temporary);
        }
        return Ok(());
    }
    fs::rename(&temporary, path)
}

/// Swaps two names atomically (`renameat2` with `RENAME_EXCHANGE`), so that
/// the old file can be deleted apart. Renaming over an existing file does two
/// slow things inside the rename, with the directory locked: ext4 (by its
/// default `auto_da_alloc`) starts writing the new file's data to disk, and the
/// old file is freed, which on an ext4 mounted with `discard` and no journal
/// waits for the disk to discard its blocks (1 to 3 ms a file here). Every other
/// file created in that directory meanwhile waited for it: a refresh of 400
/// outputs with `-j 2` went one rename at a time. After the swap the old file is
/// deleted by an unlink, which frees it after unlocking the directory, and the
/// new file is written back later, as one that did not exist before is; a power
/// cut soon after a run may then leave a refreshed file empty (see the module doc).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes())?;
    let to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that live across the call,
    // which only reads them (glibc 2.28 and later have `renameat2`).
    let status = unsafe { libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_EXCHANGE) };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// No swap here: the caller renames over the target.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_from: &Path, _to: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
