//! `assay._assay`: the compiled core of the Python package.
//!
//! A thin layer over [`assay::api`]: compiled rubrics, grading (with the
//! interpreter released, so other Python threads run meanwhile), and
//! tallies that serialise and merge. Everything a report shows crosses into
//! Python as the JSON report `assay grade --format json` prints, so the
//! Python objects and the command line can never disagree; the pure-Python
//! side (`python/src/assay/`) turns it into rows and data frames.

use assay::api::{self, Input, Settings};
use assay::report::{Exporter, Report};
use assay::stats::{CiConfig, CiMethod};
use assay::tally::shard::{self, Shard};
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

// Rust allocations of this module only; Python objects keep Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    _assay,
    RubricError,
    PyValueError,
    "A rubric that does not compile; the message points at file:line:col with a caret."
);
create_exception!(
    _assay,
    TallyError,
    PyValueError,
    "A tally that cannot be read or merged; the message names the file and the mismatch."
);

/// A compiled rubric.
#[pyclass(frozen, module = "assay._assay")]
struct Rubric {
    inner: Arc<assay::rubric::Rubric>,
    origin: String,
}

#[pymethods]
impl Rubric {
    /// The built-in rubric (`assay rubric show`).
    #[staticmethod]
    fn builtin() -> Rubric {
        Rubric {
            inner: Arc::new(assay::rubric::builtin()),
            origin: "<built-in rubric>".into(),
        }
    }

    /// Compiles the rubric file at `path`; raises RubricError with the caret message.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Rubric> {
        let r = py
            .detach(|| assay::rubric::load_file(&path))
            .map_err(|e| RubricError::new_err(assay::report::visible_lines(&e.to_string())))?;
        Ok(Rubric {
            inner: Arc::new(r),
            origin: path.display().to_string(),
        })
    }

    /// Compiles rubric text (TOML); `origin` names it in errors and reports.
    #[staticmethod]
    #[pyo3(signature = (text, origin = "<string>"))]
    fn from_str(py: Python<'_>, text: &str, origin: &str) -> PyResult<Rubric> {
        let r = py
            .detach(|| assay::rubric::compile(origin, text))
            .map_err(|e| RubricError::new_err(assay::report::visible_lines(&e.to_string())))?;
        Ok(Rubric {
            inner: Arc::new(r),
            origin: origin.to_string(),
        })
    }

    /// Where the rubric came from.
    #[getter]
    fn origin(&self) -> &str {
        &self.origin
    }

    /// The rubric's hash as reports print it (16 hex digits).
    #[getter]
    fn hash(&self) -> String {
        format!("{:016x}", self.inner.hash())
    }

    /// `(name, kind)` per behaviour, rubric order; kind is "failure" or "attribute".
    #[getter]
    fn behaviours(&self) -> Vec<(String, &'static str)> {
        self.inner
            .behaviours()
            .iter()
            .map(|b| {
                let kind = match b.kind {
                    assay::rubric::BehaviourKind::Failure => "failure",
                    assay::rubric::BehaviourKind::Attribute => "attribute",
                };
                (b.name.clone(), kind)
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("Rubric({:?}, hash={})", self.origin, self.hash())
    }
}

/// A grading run's complete, mergeable state (the `--tally-out` file).
#[pyclass(frozen, module = "assay._assay")]
struct Tally {
    shard: Shard,
}

fn render(report: &Report, format: &str) -> PyResult<String> {
    let exporter: Box<dyn Exporter> = match format {
        "json" => Box::new(assay::report::Json),
        "table" => Box::new(assay::report::Table),
        "csv" => Box::new(assay::report::Csv::default()),
        "markdown" => Box::new(assay::report::Markdown),
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown report format `{other}`; use json, table, csv or markdown"
            )));
        }
    };
    String::from_utf8(exporter.export(report))
        .map_err(|_| PyRuntimeError::new_err("the report is not UTF-8"))
}

#[pymethods]
impl Tally {
    /// The report, rendered as `assay grade --format FORMAT` prints it.
    #[pyo3(signature = (format = "json"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        let report = py.detach(|| self.shard.report());
        render(&report, format)
    }

    /// The tally file's bytes (what `--tally-out` writes).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.shard.to_bytes())
    }

    /// Reads a tally file's bytes; `name` is used in errors.
    #[staticmethod]
    #[pyo3(signature = (data, name = "<bytes>"))]
    fn from_bytes(data: &[u8], name: &str) -> PyResult<Tally> {
        Shard::from_bytes(name, data)
            .map(|shard| Tally { shard })
            .map_err(|e| TallyError::new_err(e.to_string()))
    }

    /// Adds tallies (in input order) into one; refuses mismatched rubrics or settings.
    #[staticmethod]
    fn merge(py: Python<'_>, tallies: Vec<PyRef<'_, Tally>>) -> PyResult<Tally> {
        let names: Vec<String> = (1..=tallies.len()).map(|i| format!("tally {i}")).collect();
        let parts: Vec<(&str, &Shard)> = names
            .iter()
            .zip(&tallies)
            .map(|(n, t)| (n.as_str(), &t.shard))
            .collect();
        py.detach(|| shard::merge(&parts))
            .map(|shard| Tally { shard })
            .map_err(|e| TallyError::new_err(e.to_string()))
    }

    /// Graded records.
    #[getter]
    fn graded(&self) -> u64 {
        self.shard.outcome.counts.graded
    }
}

/// Runs `work` on a thread of its own with the interpreter released, and
/// checks for signals every 100 ms meanwhile: on Ctrl-C, `stop` is set (the
/// engine ends the run at the next line), and once the run has ended the
/// signal's exception (KeyboardInterrupt) is raised.
fn interruptible<T: Send>(
    py: Python<'_>,
    stop: &AtomicBool,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    let (tx, rx) = crossbeam_channel::bounded(1);
    std::thread::scope(|s| {
        s.spawn(move || {
            let _ = tx.send(work());
        });
        loop {
            match py.detach(|| rx.recv_timeout(Duration::from_millis(100))) {
                Ok(v) => return Ok(v),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        stop.store(true, Ordering::Relaxed);
                        let _ = py.detach(|| rx.recv());
                        return Err(e);
                    }
                }
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                    return Err(PyRuntimeError::new_err(
                        "grading stopped without a result (a worker failed); please report it",
                    ));
                }
            }
        }
    })
}

/// Grades `inputs` and returns `(Tally, verdict JSON Lines as bytes)`.
///
/// `inputs` is a list of `str` paths and `(name, bytes)` pairs of JSON Lines.
#[pyfunction]
#[pyo3(signature = (inputs, rubric = None, by = None, cluster = None, ci = "wilson",
                    confidence = 0.95, resamples = 10_000, seed = 0, threads = None,
                    verdicts = false))]
#[allow(clippy::too_many_arguments)]
fn grade<'py>(
    py: Python<'py>,
    inputs: Vec<Bound<'py, PyAny>>,
    rubric: Option<PyRef<'py, Rubric>>,
    by: Option<Vec<String>>,
    cluster: Option<String>,
    ci: &str,
    confidence: f64,
    resamples: u32,
    seed: u64,
    threads: Option<usize>,
    verdicts: bool,
) -> PyResult<(Tally, Bound<'py, PyBytes>)> {
    let method = CiMethod::from_name(ci).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown interval method `{ci}`; use one of wilson, exact, jeffreys, bootstrap, bca"
        ))
    })?;
    let ci = CiConfig::new(method, confidence, resamples, seed)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let mut list = Vec::with_capacity(inputs.len());
    for i in &inputs {
        if let Ok(p) = i.extract::<std::path::PathBuf>() {
            list.push(Input::Path(p.display().to_string()));
        } else {
            let (name, jsonl): (String, Vec<u8>) = i.extract().map_err(|_| {
                PyValueError::new_err("each input is a path or a (name, JSON Lines bytes) pair")
            })?;
            list.push(Input::Records {
                name,
                jsonl: Arc::from(jsonl),
            });
        }
    }
    let defaults = Settings::default();
    let settings = Settings {
        by: by.unwrap_or(defaults.by),
        cluster,
        ci,
        threads: threads.unwrap_or(defaults.threads),
        verdicts,
        ..defaults
    };
    let (rubric, origin) = match &rubric {
        Some(r) => (r.inner.clone(), r.origin.clone()),
        None => (
            Arc::new(assay::rubric::builtin()),
            "<built-in rubric>".into(),
        ),
    };
    let stop = AtomicBool::new(false);
    let graded = interruptible(py, &stop, || {
        api::grade(&list, &rubric, &origin, &settings, &stop)
    })?
    .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((
        Tally {
            shard: graded.shard,
        },
        PyBytes::new(py, &graded.verdicts),
    ))
}

/// The transcript record (JSON text) of one Inspect `EvalSample` given as
/// JSON, as `assay grade` reads it from a log of `model` named `source`.
#[pyfunction]
#[pyo3(signature = (sample_json, model, source = ""))]
fn inspect_record<'py>(
    py: Python<'py>,
    sample_json: Vec<u8>,
    model: &str,
    source: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    let mut sample = sample_json;
    let rec = assay::logs::inspect::sample_record(&mut sample, model, source)
        .map_err(PyValueError::new_err)?;
    Ok(PyBytes::new(py, &rec))
}

#[pymodule]
fn _assay(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Rubric>()?;
    m.add_class::<Tally>()?;
    m.add_function(wrap_pyfunction!(grade, m)?)?;
    m.add_function(wrap_pyfunction!(inspect_record, m)?)?;
    m.add("RubricError", m.py().get_type::<RubricError>())?;
    m.add("TallyError", m.py().get_type::<TallyError>())?;
    Ok(())
}
