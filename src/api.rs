//! A small facade for callers that are not the command line: "grade these
//! paths or records with these settings; give me the shard and its report".
//!
//! The Python binding (`python/`) and the shard tests use it, so they grade
//! through the same engine, with the same defaults, as `assay grade`, and
//! get back a [`Shard`] (mergeable, see [`crate::tally::shard`]) rather than
//! text to parse. Records already in memory (a Python list of dicts) are
//! graded as JSON Lines without a temporary file ([`Input::Records`]).

use crate::engine::{self, Options, Sinks};
use crate::input::{self, InputFormat, Source};
use crate::parse::FieldPath;
use crate::report::Report;
use crate::rubric::Rubric;
use crate::stats::CiConfig;
use crate::tally::shard::{self, Settings as ShardSettings, Shard, ShardError};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Evidence excerpts kept per behaviour in a shard: what `--html` shows, so
/// a merged shard can still render the evidence section.
pub const SHARD_EXCERPTS: usize = 3;

/// One input to grade.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file, directory (searched recursively) or results tree, as
    /// `assay grade` takes them.
    Path(String),
    /// JSON Lines in memory, reported under `name`.
    Records {
        /// Stands for a file name in reports and verdict lines.
        name: String,
        /// One transcript per line.
        jsonl: Arc<[u8]>,
    },
}

/// How to grade: the `assay grade` flags a library caller can set.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Group-key fields or JSON Pointers (`--by`); empty for one group.
    pub by: Vec<String>,
    /// Cluster field (`--cluster`).
    pub cluster: Option<String>,
    /// Interval method, confidence, resamples, seed.
    pub ci: CiConfig,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Whether to keep one verdict line per record ([`Graded::verdicts`]).
    pub verdicts: bool,
    /// How to read path inputs.
    pub input_format: InputFormat,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            by: vec!["model".into(), "scenario".into(), "condition".into()],
            cluster: None,
            ci: CiConfig::default(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            verdicts: false,
            input_format: InputFormat::Auto,
        }
    }
}

/// What a grading pass gives a library caller.
#[derive(Debug)]
pub struct Graded {
    /// The run's complete, mergeable state.
    pub shard: Shard,
    /// Verdict lines (JSON Lines, input order) when asked for.
    pub verdicts: Vec<u8>,
}

impl Graded {
    /// The report `assay grade` prints for the same inputs and settings.
    pub fn report(&self) -> Report {
        self.shard.report()
    }
}

/// Grades `inputs` in order with `rubric` (named `origin` in reports).
/// Inputs that cannot be read are listed in the shard's input errors, as
/// `assay grade` lists them; bad settings are an error.
pub fn grade(
    inputs: &[Input],
    rubric: &Rubric,
    origin: &str,
    settings: &Settings,
    stop: &AtomicBool,
) -> Result<Graded, ShardError> {
    let field = |flag: &str, s: &str| {
        FieldPath::parse(s.trim()).map_err(|e| ShardError(format!("{flag}: {e}")))
    };
    let by = settings
        .by
        .iter()
        .filter(|b| !b.trim().is_empty())
        .map(|b| field("by", b))
        .collect::<Result<Vec<_>, _>>()?;
    let cluster = settings
        .cluster
        .as_deref()
        .map(|c| field("cluster", c))
        .transpose()?;
    let mut sources = Vec::new();
    let mut discover_errors = Vec::new();
    for i in inputs {
        match i {
            Input::Path(p) => {
                let (s, e) = input::discover_as(std::slice::from_ref(p), settings.input_format);
                sources.extend(s);
                discover_errors.extend(e);
            }
            Input::Records { name, jsonl } => sources.push(Source::Memory {
                name: name.clone(),
                bytes: jsonl.clone(),
            }),
        }
    }
    let opts = Options {
        by,
        cluster,
        threads: settings.threads.max(1),
        input_format: settings.input_format,
        excerpts: SHARD_EXCERPTS,
        ..Options::default()
    };
    let mut verdicts = Vec::new();
    let mut outcome = engine::run_to(
        &sources,
        rubric,
        &opts,
        Sinks {
            verdicts: settings
                .verdicts
                .then_some(&mut verdicts as &mut dyn std::io::Write),
            uncertain: None,
        },
        stop,
    )
    .map_err(|e| ShardError(format!("grading failed: {e}")))?;
    if outcome.too_many_groups {
        return Err(ShardError(format!(
            "more than {} distinct groups: group by fewer or coarser fields",
            opts.max_groups
        )));
    }
    outcome.input_errors.splice(0..0, discover_errors);
    let shard = Shard::from_outcome(
        &outcome,
        rubric,
        origin,
        shard_settings(&opts, settings.ci.clone()),
    )?;
    Ok(Graded { shard, verdicts })
}

/// The report settings a shard records for a run with `opts`.
pub fn shard_settings(opts: &Options, ci: CiConfig) -> ShardSettings {
    ShardSettings {
        by: opts.by.iter().map(FieldPath::label).collect(),
        cluster: opts.cluster.as_ref().map(FieldPath::label),
        ci,
        errors_kept: opts.max_errors_kept,
        excerpts: opts.excerpts,
    }
}

/// Reads shard files and merges them in order (see [`shard::merge`]).
pub fn merge_files(paths: &[std::path::PathBuf]) -> Result<Shard, ShardError> {
    let mut shards = Vec::with_capacity(paths.len());
    for p in paths {
        let name = p.display().to_string();
        let bytes = std::fs::read(p).map_err(|e| {
            ShardError(format!(
                "cannot read the tally {name}: {}",
                input::io_reason(&e)
            ))
        })?;
        let s = Shard::from_bytes(&name, &bytes)?;
        shards.push((name, s));
    }
    let refs: Vec<(&str, &Shard)> = shards.iter().map(|(n, s)| (n.as_str(), s)).collect();
    shard::merge(&refs)
}
