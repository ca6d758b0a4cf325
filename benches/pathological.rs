//! `keikaku::parse` on generated inputs of 1, 10 and 100 MB, normal and
//! hostile, to show that time grows linearly with size (issue 5).
//!
//! Inputs (all valid UTF-8, sizes in decimal megabytes):
//! - `normal`: the fixtures concatenated, a blank line between them, cut at a line end;
//! - `long_line`: one line of Japanese text, no newline at all;
//! - `tab_row`: one table row, `項目` then `\t1` repeated (1 MB ≈ 500,000 TABs);
//! - `headings_paren`: `(1) 見出し` … `(999) 見出し`, numbers climbing, restarting after 999
//!   (a 4-digit marker is no heading);
//! - `headings_number`: `1 見出し` … `99 見出し`, each followed by `(1) 見出し` … `(9) 見出し`;
//! - `tables`: `表1\n\nA\t1\n\n` repeated (one-cell tables);
//! - `text_lines`: lines of running text with no blank line between them (one paragraph);
//! - `random`: random printable characters (ASCII, full- and half-width forms, kana,
//!   kanji, circled numbers) with a TAB now and then and a newline every ~60 characters;
//! - `grids`: `(2) 見出し`, a table row, then the header of the national requirement
//!   grid (`資源 現在の整備・取組状況 整備すべき見込量等`), repeated;
//! - `separators`: `--` lines, one run of them;
//! - `lone_cells`: one table whose rows alternate `X⇥1` and a lone total `⇥5`.
//!
//! The last three were super-linear when these benches were written (see
//! `scripts/bench-notes.md`); the budgets below keep them from hanging the run.
//!
//! Beside criterion, each size gets three timed runs of its own (after probes
//! at 1/16 and 1/4 of the smallest size), each after `malloc_trim` so that it pays
//! for the pages it touches as a fresh process would. A table on stderr gives
//! per size the median wall and CPU (user + system) seconds, ms per MB, the
//! wall rate over that at the first size (about 1 when linear) and how far the
//! peak RSS rose above the RSS before the run (`VmHWM`, reset before it; the
//! input, already resident, is not counted). A size whose run is predicted —
//! time ∝ size^k, k from the last two sizes; memory ∝ size — to exceed the time
//! or memory budget is skipped and said so: a super-linear input must not hang
//! the bench or exhaust the machine. Sizes whose run takes longer than
//! `KEIKAKU_BENCH_CRITERION_SECS` are not given to criterion (it insists on ten
//! samples); their three runs are the figures.
//!
//! Environment:
//! - `KEIKAKU_BENCH_SIZES=1,10,100` — sizes in MB;
//! - `KEIKAKU_BENCH_BUDGET=60` — seconds one run may be predicted to take;
//! - `KEIKAKU_BENCH_MEMORY_MB=8000` — peak RSS one run may be predicted to need;
//! - `KEIKAKU_BENCH_CRITERION_SECS=3` — longest single run criterion measures;
//! - `KEIKAKU_BENCH_WRITE=DIR` — write the inputs to `DIR/<kind>_<size>MB.txt`
//!   (for `/usr/bin/time -v target/release/keikaku parse …`) and measure nothing.
//!
//! Run: `cargo bench --bench pathological` (`-- tab_row` or `-- 'headings|tables'` to pick kinds).

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{black_box, Criterion, SamplingMode, Throughput};

mod common;

const MB: usize = 1_000_000;
/// A sentence of a plan: kanji, kana, full-width digits and punctuation.
const SENTENCE: &str =
    "本市では、里親委託率の向上を目指し、令和７年度までに１２３件の相談支援を行い、関係機関と連携して（１）家庭養育の推進に取り組みます。";
/// The kinds of input, in the order they are measured.
const KINDS: [&str; 11] = [
    "normal",
    "long_line",
    "tab_row",
    "headings_paren",
    "headings_number",
    "tables",
    "text_lines",
    "random",
    "grids",
    "separators",
    "lone_cells",
];
/// The header line of the national requirement grid, as raw pdftotext prints it.
const GRID_HEADER_LINE: &str = "資源 現在の整備・取組状況 整備すべき見込量等";

/// Appends `piece(i)` for i = 0, 1, … until `text` holds at least `size` bytes.
fn repeat(size: usize, mut piece: impl FnMut(usize, &mut String)) -> Vec<u8> {
    let mut text = String::with_capacity(size + 256);
    let mut piece_idx = 0;
    while text.len() < size {
        piece(piece_idx, &mut text);
        piece_idx += 1;
    }
    text.into_bytes()
}

/// xorshift64*: deterministic, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.next() >> 32) as u32 % n
    }
}

/// A printable character: mostly ASCII and Japanese, some full- and half-width forms.
fn random_char(random: &mut Random) -> char {
    let (from, to) = match random.below(100) {
        0..=39 => (0x20, 0x7E),      // ASCII printable
        40..=54 => (0x3041, 0x3096), // hiragana
        55..=64 => (0x30A1, 0x30FC), // katakana, ー
        65..=79 => (0x4E00, 0x9FFF), // kanji
        80..=87 => (0xFF01, 0xFF5E), // full-width ASCII
        88..=91 => (0xFF61, 0xFF9F), // half-width katakana
        92..=94 => (0x2460, 0x2473), // ① … ⑳
        95..=96 => (0x3000, 0x3003), // ideographic space and punctuation
        _ => (0x25A0, 0x25CF),       // ■ … ● shapes
    };
    char::from_u32(from + random.below(to - from + 1)).unwrap_or('?')
}

/// The input `kind` of at least `size` bytes (`long_line`: exactly one line).
fn generate(kind: &str, size: usize) -> Vec<u8> {
    match kind {
        "normal" => {
            let mut corpus = common::fixture_corpus(size);
            // Cut at the first line end after `size` bytes, so sizes below one round of the fixtures differ.
            if let Some(end) = corpus[size..].iter().position(|&byte| byte == b'\n') {
                corpus.truncate(size + end + 1);
            }
            corpus
        }
        "long_line" => repeat(size, |_, text| text.push_str(SENTENCE)),
        "tab_row" => repeat(size, |idx, text| text.push_str(if idx == 0 { "項目" } else { "\t1" })),
        "headings_paren" => repeat(size, |idx, text| text.push_str(&format!("({}) 見出し\n", idx % 999 + 1))),
        "headings_number" => repeat(size, |idx, text| match idx % 10 {
            0 => text.push_str(&format!("{} 見出し\n", idx / 10 % 99 + 1)),
            sub => text.push_str(&format!("({sub}) 見出し\n")),
        }),
        "tables" => repeat(size, |_, text| text.push_str("表1\n\nA\t1\n\n")),
        "text_lines" => repeat(size, |_, text| {
            text.push_str(SENTENCE);
            text.push('\n');
        }),
        "grids" => repeat(size, |_, text| {
            text.push_str("(2) 見出し\n\nA\t1\n");
            text.push_str(GRID_HEADER_LINE);
            text.push_str("\n\n");
        }),
        "separators" => repeat(size, |_, text| text.push_str("--\n")),
        "lone_cells" => repeat(size, |idx, text| text.push_str(if idx == 0 { "表1\n\n項目\t値\n" } else { "X\t1\n\t5\n" })),
        "random" => {
            let mut random = Random(0x9E37_79B9_7F4A_7C15);
            repeat(size, |_, text| match random.below(60) {
                0 => text.push('\n'),
                1 => text.push('\t'),
                _ => text.push(random_char(&mut random)),
            })
        }
        _ => unreachable!("unknown kind {kind}"),
    }
}

fn sizes_mb() -> Vec<usize> {
    let sizes = std::env::var("KEIKAKU_BENCH_SIZES").unwrap_or_else(|_| "1,10,100".to_string());
    sizes.split(',').filter_map(|size| size.trim().parse().ok()).collect()
}

/// Positional arguments (criterion's filter, `a|b` alternatives); a kind runs when one is a substring of it or none is given.
fn selected(kind: &str) -> bool {
    let filters: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with('-')).collect();
    filters.is_empty() || filters.iter().flat_map(|filter| filter.split('|')).any(|filter| kind.contains(filter) || filter.contains(kind))
}

/// CPU time (user + system) this process has used, from `/proc/self/stat`
/// (Linux, 10 ms ticks); zero elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the parenthesized command name: state is field 3, utime 14, stime 15.
    let Some(after_name) = stat.rsplit_once(')').map(|(_, rest)| rest) else { return 0.0 };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |idx: usize| fields.get(idx).and_then(|field| field.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// (wall seconds, CPU seconds) of one `keikaku::parse`, the Document's drop included.
fn parse_once(bytes: &[u8]) -> (f64, f64) {
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let document = keikaku::parse("bench.txt", bytes).expect("generated input is UTF-8");
    drop(black_box(document));
    (start.elapsed().as_secs_f64(), cpu_seconds() - cpu_start)
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" {
    /// glibc: gives freed heap memory back to the OS.
    fn malloc_trim(pad: usize) -> i32;
}

/// Gives freed heap memory back to the OS (glibc), so that a run pays for the
/// pages it touches as it would in a fresh process, and resets the peak
/// resident set size to the current size (Linux; ignored elsewhere).
fn reset_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap pages; no pointer is involved.
    unsafe {
        malloc_trim(0);
    }
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// `VmHWM:` (peak resident set size since the last reset) or `VmRSS:` in bytes, when the OS says.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn env_f64(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One line of the linearity table.
struct Run {
    kind: &'static str,
    /// `1 MB`, or `62.5 kB` / `250.0 kB` for the probes that only estimate growth.
    size: String,
    n_bytes: usize,
    /// Medians of three single runs (wall, user + system).
    seconds: f64,
    cpu_seconds: f64,
    /// Peak RSS during the first run minus the RSS just before it (the input, already resident, excluded).
    peak_rss: Option<u64>,
    /// Why the size was not run.
    skipped: Option<String>,
}

impl Run {
    fn ms_per_mb(&self) -> f64 {
        self.seconds * 1e3 * MB as f64 / self.n_bytes as f64
    }

    fn cpu_ms_per_mb(&self) -> f64 {
        self.cpu_seconds * 1e3 * MB as f64 / self.n_bytes as f64
    }
}

/// (seconds, peak RSS bytes) of one run on `n_bytes`, extrapolated from the
/// runs so far as time ∝ size^k (k ≥ 1, from the last two runs) and memory ∝ size.
fn predict(done: &[&Run], n_bytes: usize) -> Option<(f64, f64)> {
    let last = done.last()?;
    let scale = n_bytes as f64 / last.n_bytes as f64;
    let exponent = match done {
        [.., a, b] if b.n_bytes > a.n_bytes && a.seconds > 0.0 => {
            ((b.seconds / a.seconds).ln() / (b.n_bytes as f64 / a.n_bytes as f64).ln()).max(1.0)
        }
        _ => 1.0,
    };
    Some((last.seconds * scale.powf(exponent), last.peak_rss.unwrap_or(0) as f64 * scale))
}

fn main() {
    let sizes = sizes_mb();
    if let Ok(dir) = std::env::var("KEIKAKU_BENCH_WRITE") {
        std::fs::create_dir_all(&dir).expect("KEIKAKU_BENCH_WRITE is a writable directory");
        for kind in KINDS.iter().filter(|kind| selected(kind)) {
            for &size_mb in &sizes {
                let path = Path::new(&dir).join(format!("{kind}_{size_mb}MB.txt"));
                std::fs::write(&path, generate(kind, size_mb * MB)).expect("input written");
                eprintln!("wrote {}", path.display());
            }
        }
        return;
    }
    let budget_secs = env_f64("KEIKAKU_BENCH_BUDGET", 60.0);
    let budget_rss = env_f64("KEIKAKU_BENCH_MEMORY_MB", 8000.0) * MB as f64;
    let criterion_secs = env_f64("KEIKAKU_BENCH_CRITERION_SECS", 3.0);
    let mut criterion = Criterion::default().configure_from_args();
    let mut runs: Vec<Run> = Vec::new();
    for kind in KINDS.iter().copied().filter(|kind| selected(kind)) {
        let mut group = criterion.benchmark_group(kind);
        group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(100));
        let n_before = runs.len();
        // Probes at 1/16 and 1/4 of the smallest size give the growth before the first real size.
        let smallest = sizes.first().map_or(MB, |&size_mb| size_mb * MB);
        let steps = [smallest / 16, smallest / 4]
            .into_iter()
            .map(|n_bytes| (format!("{:.1} kB", n_bytes as f64 / 1000.0), n_bytes, false))
            .chain(sizes.iter().map(|&size_mb| (format!("{size_mb} MB"), size_mb * MB, true)));
        for (size, n_bytes, measured) in steps {
            let done: Vec<&Run> = runs[n_before..].iter().filter(|run| run.skipped.is_none()).collect();
            if let Some((predicted_secs, predicted_rss)) = predict(&done, n_bytes) {
                let skipped = if predicted_secs > budget_secs {
                    Some(format!("one run predicted to take {predicted_secs:.0} s (budget {budget_secs:.0} s)"))
                } else if predicted_rss > budget_rss {
                    Some(format!("peak RSS predicted +{:.0} MB (budget {:.0} MB)", predicted_rss / MB as f64, budget_rss / MB as f64))
                } else {
                    None
                };
                if let Some(reason) = skipped {
                    eprintln!("{kind} {size}: SKIPPED, {reason}");
                    runs.push(Run {
                        kind,
                        size,
                        n_bytes,
                        seconds: predicted_secs,
                        cpu_seconds: f64::NAN,
                        peak_rss: None,
                        skipped: Some(reason),
                    });
                    break;
                }
            }
            let bytes = generate(kind, n_bytes);
            let mut peak_rss = None;
            let mut walls = Vec::new();
            let mut cpus = Vec::new();
            for run_idx in 0..3 {
                if walls.first().is_some_and(|&wall| wall > budget_secs / 3.0) {
                    break;
                }
                reset_memory();
                let rss_before = status_bytes("VmRSS:");
                let (wall, cpu) = parse_once(&bytes);
                if run_idx == 0 {
                    peak_rss = status_bytes("VmHWM:").zip(rss_before).map(|(peak, before)| peak.saturating_sub(before));
                }
                walls.push(wall);
                cpus.push(cpu);
            }
            let n_runs = walls.len();
            let run = Run {
                kind,
                size: size.clone(),
                n_bytes: bytes.len(),
                seconds: median(walls),
                cpu_seconds: median(cpus),
                peak_rss,
                skipped: None,
            };
            eprintln!(
                "{kind} {}: {:.3} s wall, {:.2} s cpu (medians of {}), {:.1} ms/MB, peak RSS +{:.0} MB",
                run.size,
                run.seconds,
                run.cpu_seconds,
                n_runs,
                run.ms_per_mb(),
                run.peak_rss.unwrap_or(0) as f64 / MB as f64
            );
            if measured && run.seconds <= criterion_secs {
                // Ten samples, each one iteration of at most a few seconds.
                group.measurement_time(Duration::from_secs_f64((run.seconds * 10.0).clamp(0.5, 10.0 * criterion_secs)));
                group.throughput(Throughput::BytesDecimal(bytes.len() as u64));
                group.bench_function(size.replace(' ', ""), |b| {
                    b.iter(|| keikaku::parse("bench.txt", black_box(&bytes)).expect("generated input is UTF-8"))
                });
            } else if measured {
                eprintln!("{kind} {}: too slow for criterion's ten samples; the medians above are the figures", run.size);
            }
            runs.push(run);
        }
        group.finish();
    }
    eprintln!("\nlinearity of keikaku::parse: medians of 3 single runs beside criterion, each after malloc_trim");
    eprintln!("(×1st = wall ms/MB ÷ that at the first size in MB: about 1 when linear; +RSS = peak RSS above the RSS before the run)");
    eprintln!(
        "{:>16} {:>7} {:>9} {:>9} {:>9} {:>10} {:>8} {:>10} {:>7}",
        "kind", "size", "wall s", "ms/MB", "cpu s", "cpu ms/MB", "×1st", "+RSS", "÷input"
    );
    for run in &runs {
        let first = runs.iter().find(|first| first.kind == run.kind && first.size.ends_with("MB")).map_or(f64::NAN, Run::ms_per_mb);
        match &run.skipped {
            Some(reason) => eprintln!("{:>16} {:>7}  skipped: {reason}", run.kind, run.size),
            None => {
                let rss_mb = run.peak_rss.map_or(f64::NAN, |rss| rss as f64 / MB as f64);
                eprintln!(
                    "{:>16} {:>7} {:>9.3} {:>9.1} {:>9.2} {:>10.1} {:>8.2} {:>7.0} MB {:>7.1}",
                    run.kind,
                    run.size,
                    run.seconds,
                    run.ms_per_mb(),
                    run.cpu_seconds,
                    run.cpu_ms_per_mb(),
                    run.ms_per_mb() / first,
                    rss_mb,
                    rss_mb * MB as f64 / run.n_bytes as f64
                );
            }
        }
    }
    criterion.final_summary();
}
