//! Throughput of each pipeline stage alone and of the whole pipeline (parse →
//! compact JSON), on the two seeds and on a ~50 MB corpus built at bench time
//! by concatenating `fixtures/*.txt` with a blank line between them.
//!
//! Every stage reports MB/s (decimal megabytes) of the *input file*, so the
//! stage figures add up to the end-to-end figure; `values` alone reports MB/s
//! of the cell texts it types. Run: `cargo bench --bench pipeline`
//! (`-- seed` or `-- corpus` to pick inputs). Sample sizes are small so the
//! whole run takes a few minutes on two cores.

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{black_box, criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, Throughput};
use keikaku::stages;
use keikaku::{Block, Document, Section};

/// The two real plans the crate is written against.
const SEEDS: [&str; 2] = ["003_81fdfb445e420b05.txt", "000_18f7e0d6ffcc7f21.txt"];
/// Size of the generated corpus.
const CORPUS_BYTES: usize = 50_000_000;

mod common;

use common::{fixture_corpus as corpus, fixtures_dir};

/// Every typed cell of `document` as (raw text, line).
fn cells(document: &Document) -> Vec<(String, u32)> {
    fn walk(section: &Section, cells: &mut Vec<(String, u32)>) {
        for block in &section.blocks {
            let Block::Table(table) = block else { continue };
            for row in &table.rows {
                cells.extend(row.cells.iter().flatten().map(|cell| (cell.raw.clone(), cell.line)));
            }
        }
        for child in &section.sections {
            walk(child, cells);
        }
    }
    let mut cells = Vec::new();
    for section in &document.sections {
        walk(section, &mut cells);
    }
    cells
}

/// One input: every stage alone, then end to end.
fn stages_of(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, bytes: &[u8], batch_size: BatchSize) {
    let n_bytes = bytes.len() as u64;
    let decoded = stages::decode(bytes).expect("bench input decodes");
    let mut rewritten = String::new();
    let normalized = stages::normalize(&decoded.text, &mut rewritten);
    let pieces = stages::classify(&normalized.lines, &normalized.page_starts);
    let document = keikaku::parse(name, bytes).expect("bench input parses");
    let cells = cells(&document);
    let n_cell_bytes: u64 = cells.iter().map(|(raw, _)| raw.len() as u64).sum();

    group.throughput(Throughput::BytesDecimal(n_bytes));
    group.bench_function(format!("decode/{name}"), |b| b.iter(|| stages::decode(black_box(bytes))));
    group.bench_function(format!("normalize/{name}"), |b| {
        b.iter(|| {
            let mut rewritten = String::new();
            stages::normalize(black_box(&decoded.text), &mut rewritten).lines.len()
        })
    });
    group.bench_function(format!("blocks/{name}"), |b| b.iter(|| stages::classify(black_box(&normalized.lines), &normalized.page_starts)));
    group.bench_function(format!("sections+tables/{name}"), |b| {
        b.iter_batched(
            || pieces.clone(),
            |pieces| {
                let mut warnings = Vec::new();
                let sections = stages::sections(pieces, &mut warnings);
                (sections, warnings)
            },
            batch_size,
        )
    });
    group.bench_function(format!("json/{name}"), |b| b.iter(|| keikaku::document_json(black_box(&document), false)));
    group.bench_function(format!("records/{name}"), |b| b.iter(|| keikaku::records(black_box(&document))));
    group.bench_function(format!("end_to_end/{name}"), |b| {
        b.iter(|| {
            let document = keikaku::parse(name, black_box(bytes)).expect("bench input parses");
            keikaku::document_json(&document, false)
        })
    });

    group.throughput(Throughput::BytesDecimal(n_cell_bytes));
    group.bench_function(format!("values/{name}"), |b| {
        b.iter(|| {
            for (raw, line) in &cells {
                black_box(stages::type_cell(black_box(raw), *line));
            }
        })
    });
}

fn seeds(c: &mut Criterion) {
    let mut group = c.benchmark_group("seed");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for seed in SEEDS {
        let bytes = std::fs::read(fixtures_dir().join(seed)).expect("seed is readable");
        let name = seed.split('_').next().unwrap_or(seed);
        stages_of(&mut group, name, &bytes, BatchSize::LargeInput);
    }
    group.finish();
}

fn corpus_50mb(c: &mut Criterion) {
    let bytes = corpus(CORPUS_BYTES);
    let mut group = c.benchmark_group("corpus");
    // One iteration of a 50 MB stage takes up to a few seconds: ten samples, no more.
    group.sample_size(10).warm_up_time(Duration::from_millis(100)).measurement_time(Duration::from_secs(3));
    group.sampling_mode(criterion::SamplingMode::Flat);
    stages_of(&mut group, "50MB", &bytes, BatchSize::PerIteration);
    group.finish();
}

criterion_group!(benches, seeds, corpus_50mb);
criterion_main!(benches);
