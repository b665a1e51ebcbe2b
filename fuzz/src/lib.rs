//! Helpers shared by the fuzz targets: run the real engine on bytes, and
//! compare what a user would see (line accounting, malformed-line reports,
//! verdict lines).

use assay::engine::{self, Options, Outcome, RecordError};
use assay::input::{MmapChoice, Source};
use assay::rubric::{self, Rubric};
use assay::tally::LineCounts;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

/// The built-in rubric, compiled once per process.
pub fn builtin() -> &'static Rubric {
    static R: OnceLock<Rubric> = OnceLock::new();
    R.get_or_init(rubric::builtin)
}

/// A scratch directory for this fuzzing process.
fn dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        remove_stale_dirs();
        let d = std::env::temp_dir().join(format!("assay-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    })
}

/// Removes the scratch directories of fuzzing processes that are gone. A
/// fuzz run ends by being killed (`-max_total_time`, Ctrl-C, a crash), so
/// no destructor removes its directory. Only where `/proc` tells which
/// processes live: elsewhere a live run's directory could not be told from
/// a dead one's.
fn remove_stale_dirs() {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("assay-fuzz-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Writes `bytes` to a file named `name` in the scratch directory.
pub fn file(name: &str, bytes: &[u8]) -> Source {
    let p = dir().join(name);
    std::fs::write(&p, bytes).expect("write fuzz input");
    Source::File(p)
}

/// What a user sees of a run.
#[derive(Debug, PartialEq)]
pub struct Seen {
    pub counts: LineCounts,
    pub errors: Vec<(u64, u64, String)>,
    pub errors_total: u64,
    pub input_errors: Vec<String>,
    pub verdicts: Vec<u8>,
    /// Per file: changed while read, or perhaps still being written (the
    /// file is written just before the run, so an unterminated last line
    /// is flagged, by whichever thread read the file).
    pub warnings: Vec<Option<String>>,
}

/// Runs the engine over `source` with the built-in rubric.
pub fn run(source: &Source, threads: usize, mmap: MmapChoice, chunk: usize, max: usize) -> Seen {
    let opts = Options {
        threads,
        mmap,
        max_record_bytes: max,
        diag: engine::Diagnostics {
            chunk_bytes: chunk,
            ..engine::Diagnostics::default()
        },
        max_errors_kept: usize::MAX,
        ..Options::default()
    };
    let mut verdicts = Vec::new();
    let out: Outcome = engine::run(
        std::slice::from_ref(source),
        builtin(),
        &opts,
        Some(&mut verdicts),
        &AtomicBool::new(false),
    )
    .expect("the engine never fails on bad input");
    let c = out.counts;
    assert_eq!(
        c.lines,
        c.graded + c.malformed + c.blank,
        "every line accounted: {c:?}"
    );
    assert_eq!(
        out.errors_total, c.malformed,
        "every malformed line reported"
    );
    for RecordError { reason, .. } in &out.errors {
        assert!(!reason.is_empty(), "a malformed line says why");
    }
    let path = source.display();
    for e in &out.errors {
        assert_eq!(e.file, path);
    }
    Seen {
        counts: c,
        errors: out
            .errors
            .into_iter()
            .map(|e| (e.line, e.offset, e.reason))
            .collect(),
        errors_total: out.errors_total,
        input_errors: out.input_errors.into_iter().map(|e| e.reason).collect(),
        verdicts,
        warnings: out.files.into_iter().map(|f| f.warning).collect(),
    }
}

/// Lines in `bytes` as `assay` counts them: one per `\n`, plus an
/// unterminated last line.
pub fn expected_lines(bytes: &[u8]) -> u64 {
    let nl = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    nl + u64::from(!bytes.is_empty() && !bytes.ends_with(b"\n"))
}
