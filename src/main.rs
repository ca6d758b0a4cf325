//! The `keikaku` command line: argument parsing, file and stdin I/O, exit
//! codes. Everything else lives in the library.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use keikaku::batch::{self, Format};
use keikaku::{Document, Error};

/// mimalloc: the parse makes and frees hundreds of thousands of small strings and
/// vectors, which glibc's allocator served at about a tenth of the run's instructions.
/// (Version 2 without transparent huge pages, see Cargo.toml: the peak memory stays
/// under four times the input.)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// PDF files start with these bytes.
const PDF_MAGIC: &[u8] = b"%PDF-";
/// UTF-8 byte order mark, allowed before a JSON Document.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Parser)]
#[command(
    name = "keikaku",
    version,
    about = "Turn Japanese municipal plan documents (社会的養育推進計画) into structured JSON",
    after_help = "Examples:\n  keikaku parse plan.txt -o plan.json\n  keikaku records plan.txt --format csv -o plan.csv\n  keikaku batch plans/ -o out -j 2\n  keikaku diff old.txt new.txt\n  keikaku schema > keikaku.schema.json\n\nExit codes: 0 success; 1 some batch inputs failed, or diff found differences; 2 bad usage or unreadable input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse one plan into a Document (JSON).
    #[command(
        after_help = "Examples:\n  keikaku parse plan.txt\n  keikaku parse plan.pdf -o plan.json\n  cat plan.txt | keikaku parse - --compact"
    )]
    Parse {
        /// Plan text (UTF-8, UTF-16 with BOM, Shift_JIS) or PDF; `-` reads stdin.
        input: PathBuf,
        /// Write here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// One line of JSON instead of indented.
        #[arg(long)]
        compact: bool,
    },
    /// Print one record per table cell (JSON Lines or CSV).
    #[command(
        after_help = "Examples:\n  keikaku records plan.txt > plan.jsonl\n  keikaku records plan.txt --format csv -o plan.csv\n\nLoad: pandas.read_json(\"plan.jsonl\", lines=True); duckdb: SELECT * FROM read_json_auto('plan.jsonl')"
    )]
    Records {
        /// Plan text or PDF; `-` reads stdin.
        input: PathBuf,
        #[arg(long, value_enum, default_value_t = RecordFormat::Jsonl)]
        format: RecordFormat,
        /// Write here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Omit the UTF-8 byte order mark at the start of CSV output.
        #[arg(long)]
        no_bom: bool,
    },
    /// Convert many plans: one output per input, plus a corpus-wide records file and manifest.json.
    #[command(
        after_help = "Examples:\n  keikaku batch fixtures -o out\n  keikaku batch plans/ more/plan.txt -o out -j 2 --format csv\n\nWrites OUT/<same path as input>.json (or .jsonl/.csv), OUT/records.jsonl (or .csv) and OUT/manifest.json.\nExit 1 when some inputs failed; they are named on stderr and in the manifest."
    )]
    Batch {
        /// Files and directories (walked recursively for .txt and .pdf).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory (created if missing).
        #[arg(short, long)]
        output: PathBuf,
        /// Threads (default: all cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        #[arg(long, value_enum, default_value_t = BatchFormat::Json)]
        format: BatchFormat,
        /// Omit the UTF-8 byte order mark at the start of CSV output.
        #[arg(long)]
        no_bom: bool,
    },
    /// Compare two revisions of a plan: sections, tables, rows and cells added, removed or changed.
    #[command(
        after_help = "Examples:\n  keikaku diff plan-2020.txt plan-2025.txt\n  keikaku diff plan-2020.json plan-2025.pdf --format json > changes.json\n\nCells are matched by (section, table, row, column), never by line number.\nExit codes: 0 no differences; 1 differences found; 2 bad usage or unreadable input."
    )]
    Diff {
        /// The older revision: plan text, PDF, or a Document saved by `keikaku parse`; `-` reads stdin.
        old: PathBuf,
        /// The newer revision, like OLD.
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Print the JSON Schema of Document (root) and Record (definitions/Record).
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum RecordFormat {
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// For people: grouped by section, one line per change.
    Text,
    /// The `Diff` JSON of SPEC.md.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum BatchFormat {
    Json,
    Jsonl,
    Csv,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Parse { input, output, compact } => {
            let (document, _) = read_document(&input)?;
            // Streamed: the JSON text of a large plan is never held in memory whole.
            let written = match output.as_deref() {
                Some(path) => batch::write_atomic_with(path, |writer| keikaku::write_document_json(&document, !compact, writer))
                    .map_err(|error| Error::io(path, &error)),
                None => match keikaku::write_document_json(
                    &document,
                    !compact,
                    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
                ) {
                    Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("-", &error)),
                    _ => Ok(()),
                },
            };
            written?;
            // The process ends here: freeing a large tree piece by piece only costs time.
            std::mem::forget(document);
            Ok(ExitCode::SUCCESS)
        }
        Command::Records { input, format, output, no_bom } => {
            let (document, _) = read_document(&input)?;
            let records = keikaku::records(&document);
            let bytes = match format {
                RecordFormat::Jsonl => {
                    // Written by the document's JSON writer, as `batch` writes them (the same bytes as serde_json).
                    let mut lines = Vec::new();
                    for record in &records {
                        keikaku::write_record_json(record, &mut lines);
                        lines.push(b'\n');
                    }
                    lines
                }
                RecordFormat::Csv => {
                    let mut bytes = batch::csv_header(!no_bom);
                    bytes.extend(batch::csv_rows(&records));
                    bytes
                }
            };
            write_output(output.as_deref(), &bytes)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch { inputs, output, jobs, format, no_bom } => batch_command(&inputs, output, jobs, format, !no_bom),
        Command::Diff { old, new, format } => {
            let old_document = read_diff_input(&old)?;
            let new_document = read_diff_input(&new)?;
            let diff = keikaku::diff(&old_document, &new_document);
            let mut output = match format {
                DiffFormat::Text => diff_text(&diff, &old_document, &new_document),
                DiffFormat::Json => keikaku::diff_json(&diff),
            };
            if !output.is_empty() && !output.ends_with('\n') {
                output.push('\n');
            }
            write_output(None, output.as_bytes())?;
            Ok(if diff.changes.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Schema => {
            let mut schema = keikaku::schema_json();
            schema.push('\n');
            write_output(None, schema.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn batch_command(paths: &[PathBuf], out_dir: PathBuf, jobs: Option<usize>, format: BatchFormat, bom: bool) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let (inputs, walk_errors) = batch::inputs(paths);
    for error in &walk_errors {
        eprintln!("{error}");
    }
    let format = match format {
        BatchFormat::Json => Format::Json,
        BatchFormat::Jsonl => Format::Jsonl,
        BatchFormat::Csv => Format::Csv,
    };
    let config = batch::Config { out_dir: out_dir.clone(), format, bom };
    // A progress bar only on a terminal; errors are printed above it as they come.
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} plans, {per_sec}, eta {eta} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = |path: &Path, error: Option<&Error>| {
        if let Some(error) = error {
            bar.suspend(|| eprintln!("{error}"));
        }
        bar.set_message(path.display().to_string());
        bar.inc(1);
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|error| Error::Io { path: out_dir.clone(), message: error.to_string() })?;
    let summary = pool.install(|| batch::run(&inputs, &config, read_document, progress)).map_err(|error| Error::io(&out_dir, &error))?;
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "converted {} plans, {} failed, {} warnings in {:.1} s ({:.1} MB/s)",
        summary.converted,
        summary.failed + walk_errors.len(),
        summary.warnings,
        seconds,
        summary.bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    if summary.failed > 0 || !walk_errors.is_empty() {
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Reads and parses one input (`-` is stdin); PDFs go through `pdftotext -layout`.
fn read_document(path: &Path) -> Result<(Document, u64), Error> {
    let bytes = read_bytes(path)?;
    let n_bytes = bytes.len() as u64;
    Ok((document_from_bytes(path, bytes)?, n_bytes))
}

/// One side of `diff`: a plan (text or PDF) or a Document saved as JSON.
fn read_diff_input(path: &Path) -> Result<Document, Error> {
    let bytes = read_bytes(path)?;
    let text = bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes);
    // A plan never starts with `{`; a JSON Document always does.
    if text.iter().find(|byte| !byte.is_ascii_whitespace()) != Some(&b'{') {
        return document_from_bytes(path, bytes);
    }
    let json = String::from_utf8_lossy(text);
    keikaku::document_from_json(&json).map_err(|error| {
        // serde_json ends its message with ` at line L column C`; the line goes in front instead.
        let message = error.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |end| &message[..end]);
        Error::Io {
            path: PathBuf::from(format!("{}:{}", path.display(), error.line())),
            message: format!("not a keikaku document: {message}"),
        }
    })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|error| Error::io("-", &error))?;
        Ok(bytes)
    } else {
        if path.is_dir() {
            return Err(Error::Io { path: path.to_path_buf(), message: "is a directory (use `keikaku batch` for directories)".into() });
        }
        std::fs::read(path).map_err(|error| Error::io(path, &error))
    }
}

/// Parses the bytes of a plan read from `path`.
fn document_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, Error> {
    let text = if bytes.starts_with(PDF_MAGIC) { pdf_text(path, &bytes)? } else { bytes };
    let label = path.display().to_string();
    keikaku::parse_owned(&label, text).map_err(|undecodable| Error::Encoding { path: path.to_path_buf(), offset: undecodable.offset })
}

/// Runs `pdftotext -layout` (poppler-utils) on a PDF and returns its text.
fn pdf_text(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let mut child = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|_| Error::Pdf {
            path: path.to_path_buf(),
            message: "reading PDFs needs pdftotext: install poppler-utils (apt-get install poppler-utils)".into(),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }
    let output = child.wait_with_output().map_err(|error| Error::io(path, &error))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).lines().next().unwrap_or("pdftotext failed").to_lowercase();
        return Err(Error::Pdf { path: path.to_path_buf(), message: format!("pdftotext: {message}") });
    }
    Ok(output.stdout)
}

fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Some(path) => batch::write_atomic(path, bytes).map_err(|error| Error::io(path, &error)),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                // A closed pipe (`| head`) is not an error worth a message.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                result => result.map_err(|error| Error::io("-", &error)),
            }
        }
    }
}

/// The diff for people: grouped by section (path and title), each table named
/// once, then one line per change: `里親(世帯) | 2028: 23 → 25`, `+`/`-` for
/// what is on one side only.
fn diff_text(diff: &keikaku::Diff, old: &Document, new: &Document) -> String {
    use std::fmt::Write as _;
    if diff.changes.is_empty() {
        return String::new();
    }
    let mut text = format!("--- {}\n+++ {}\n", diff.old.path, diff.new.path);
    let mut group: Option<(&str, bool)> = None;
    let mut table: Option<&str> = None;
    for change in &diff.changes {
        let removed = change.op == "removed";
        // A removed section's path names a section of the old revision; every other path, one of the new.
        let in_old = removed && change.what == "section";
        if group != Some((change.section.as_str(), in_old)) {
            let document = if in_old { old } else { new };
            let title = section_title(&document.sections, &mut Vec::new(), &change.section).unwrap_or_default();
            let _ = writeln!(text, "{} {}", if change.section.is_empty() { "(front matter)" } else { &change.section }, title);
            group = Some((change.section.as_str(), in_old));
            table = None;
        }
        let sign = match change.op.as_str() {
            "added" => "+",
            "removed" => "-",
            _ => "~",
        };
        let shown = |value: &Option<String>| value.clone().unwrap_or_else(|| "(none)".to_string());
        if change.what == "section" {
            table = None;
            match change.op.as_str() {
                "changed" => {
                    let _ = writeln!(text, "  - section {}\n  + section {}", shown(&change.old), shown(&change.new));
                }
                _ => {
                    let _ = writeln!(text, "  {sign} section {}", shown(if removed { &change.old } else { &change.new }));
                }
            }
            continue;
        }
        let table_id = change.table.as_deref().unwrap_or("?");
        let caption = change.caption.as_deref().unwrap_or("(no caption)");
        if change.what == "table" {
            table = Some(table_id);
            match change.op.as_str() {
                "changed" => {
                    let _ =
                        writeln!(text, "  table {table_id}\n    - caption {}\n    + caption {}", shown(&change.old), shown(&change.new));
                }
                _ => {
                    let _ = writeln!(text, "  {sign} table {table_id}: {caption}");
                }
            }
            continue;
        }
        if table != Some(table_id) {
            let _ = writeln!(text, "  table {table_id}: {caption}");
            table = Some(table_id);
        }
        let row = match (&change.row_group, &change.row) {
            (Some(row_group), Some(row)) => format!("{row_group} > {row}"),
            (None, Some(row)) => row.clone(),
            (_, None) => "?".to_string(),
        };
        if change.what == "row" {
            let _ = writeln!(text, "    {sign} {row} | {}", shown(if removed { &change.old } else { &change.new }));
            continue;
        }
        // The fiscal year names the column unless two changed columns of this table share it.
        let year_is_unique = diff
            .changes
            .iter()
            .filter(|other| other.table == change.table && other.section == change.section && other.fiscal_year == change.fiscal_year)
            .all(|other| other.column == change.column);
        let column = match (change.fiscal_year, &change.column) {
            (Some(year), _) if year_is_unique => year.to_string(),
            (_, Some(label)) => label.clone(),
            (_, None) => "?".to_string(),
        };
        let _ = writeln!(text, "    {row} | {column}: {} → {}", shown(&change.old), shown(&change.new));
    }
    let n_of = |what: &str| diff.changes.iter().filter(|change| change.what == what).count();
    let _ = writeln!(
        text,
        "{} changes: {} cells, {} rows, {} tables, {} sections",
        diff.changes.len(),
        n_of("cell"),
        n_of("row"),
        n_of("table"),
        n_of("section")
    );
    text
}

/// Title of the section whose marker path is `path` (`6 > (4) > ②`).
fn section_title(sections: &[keikaku::Section], markers: &mut Vec<String>, path: &str) -> Option<String> {
    for section in sections {
        if let Some(marker) = &section.marker {
            markers.push(marker.clone());
        }
        let found = if markers.join(" > ") == path { section.title.clone() } else { section_title(&section.sections, markers, path) };
        if section.marker.is_some() {
            markers.pop();
        }
        if found.is_some() {
            return found;
        }
    }
    None
}
