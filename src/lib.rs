//! Assay grades AI-agent evaluation transcripts and reports misbehaviour
//! rates with honest error bars.
//!
//! The library is the whole product; the `assay` binary is a thin command
//! line over it, and the benches, fuzz targets and tests use the same code.
//! This page is a tour of the pipeline in the order a record travels it.
//! The decisions every stage relies on (output order, the mmap policy,
//! candidate → confirm grading, the simd-json tape, the small-file hand-off)
//! are told once in `DESIGN.md`; the input contract is `docs/input.md`,
//! what the built-in rubric grades is `docs/behaviours.md`, the statistics
//! are `docs/statistics.md`, and the measured figures are
//! `docs/performance.md`.
//!
//! ```text
//! input ──▶ parse ──▶ grade (rubric) ──▶ tally ──▶ stats ──▶ report
//!   │         │          │                  │         │         │
//!   files,    simd-json  compiled automata, per-      intervals, table, JSON,
//!   mmap,     tape into  one scan per text  thread    clustering, CSV, Markdown,
//!   chunks    a borrowed field, rules over  counts,   comparisons SVG, HTML
//!             view       the hits           merged once
//! ```
//!
//! # 1. Input: which bytes
//!
//! [`input::discover`] turns the command line's paths into a sorted list of
//! [`input::Source`]s (directories walked, `-` for standard input) and
//! decides each one's kind by name and first bytes ([`input::kind`]). Plain
//! files are memory-mapped under the [`input::MmapChoice`] policy
//! ([`input::mmap`], with [`input::sigbus`] surviving a file truncated while
//! mapped); compressed files and pipes are decoded and streamed
//! ([`input::decode`]). [`input::split`] cuts bytes into newline-aligned
//! chunks and lines with `memchr`. Other harnesses' logs, Inspect AI and
//! agentic-misalignment trees, become the same transcript records in
//! [`logs`]; [`logs::open`] is the one reader that decides how each input
//! is read (lines, or units of a log), so the engine knows no format.
//!
//! # 2. Parse: one line, one borrowed record
//!
//! [`parse::Scratch`] holds a worker's reused buffers: a line is copied in,
//! parsed into a simd-json tape and walked once into a [`parse::Record`],
//! whose text segments borrow the buffer and carry a [`parse::Scope`] (the
//! agent's outgoing words, its reasoning, a tool call's name or arguments,
//! prompts, tool results). [`parse::acts`] reads what each tool call *does*
//! (files written, processes killed, commands run, read through
//! [`parse::shell`]) whatever the tool is called. A line that breaks the
//! contract gets a [`parse::ParseError`] with a reason, never a panic.
//!
//! # 3. Rubric: compiled once
//!
//! [`rubric::compile`] turns rubric TOML into an immutable, `Sync`
//! [`rubric::Rubric`]: literal automata per scope, regex groups with their
//! required factors, rules as bit sets. [`rubric::builtin`] is the built-in
//! rubric. Errors are [`rubric::RubricError`]s that point at file:line:col.
//!
//! # 4. Grade: candidate → confirm
//!
//! [`grade`] runs a rubric over a record: one scan per scope finds the hits,
//! then each rule is confirmed over the hits alone, giving a
//! [`grade::Verdict`] with its evidence. The mutable state lives in a
//! per-thread [`grade::GradeCache`]. [`mod@grade::reference`] is the slow
//! oracle the fast path is tested against.
//!
//! # 5. Tally: counts that add
//!
//! Each worker counts verdicts per group in its own [`tally::Tally`];
//! tallies merge once at the end, in any order, with the same result.
//! [`tally::shard`] writes a run's whole state to a file (`--tally-out`) and
//! merges such files across machines (`assay merge`); [`api`] grades paths
//! or in-memory records into one (the Python binding's entry point).
//!
//! # 6. Engine: the stages wired together
//!
//! [`engine`] runs the pipeline: a producer queues chunks (or whole small
//! files) to worker threads that parse, grade and tally, and the caller's
//! thread puts their results back in input order, so every output is
//! byte-identical for any thread count. Every consumer of graded records
//! (the tally, verdict lines, contested records, excerpts, `assay agree`'s
//! counts) is an [`engine::sink::RecordSink`]. [`label`] is the record
//! `label` contract and the judge verdicts of `--labels`. [`output`] makes
//! sure a file is never left half-written.
//!
//! # 7. Statistics: honest intervals
//!
//! [`stats::estimate`] turns (failures, trials) into a rate with the interval
//! that [`stats::CiMethod`] names and the one-sided bound at 0/n;
//! [`stats::cluster`] handles transcripts that share a prompt,
//! [`stats::compare`] compares models, [`stats::power`] plans sweeps. Every
//! random stream is seeded from (seed, group key).
//!
//! # 7a. Judge: what the rubric cannot decide
//!
//! [`judge`] sends the records a doubt rule contests, and a seeded random
//! audit of every group, to a second grader (an LLM behind an API, or any
//! program): requests, strict verdicts, backends, an on-disk cache and a
//! bounded pool. [`engine::judging`] decides which records go and revises
//! the counts with the answers; [`stats::ppi`](mod@stats::ppi) corrects each group's rate
//! for the rubric's errors measured on the audit ([`stats::audit`] draws it).
//!
//! # 8. Report: bytes out
//!
//! A [`report::Report`] is written by one [`report::Exporter`] per format:
//! table, JSON, CSV, Markdown, an SVG chart and a self-contained HTML page.
//!
//! # The other subcommands
//!
//! [`agree`] measures verdicts against labels, [`compare`] is the model
//! comparison report, [`bench`](mod@bench) times the pipeline against a
//! bare parse, and [`sweep`] generates labelled synthetic sweeps
//! (`assay gen`).
pub mod agree;
pub mod api;
pub mod bench;
pub mod compare;
pub mod engine;
pub mod grade;
pub mod input;
pub mod judge;
pub mod label;
pub mod logs;
pub mod output;
pub mod parse;
pub mod report;
pub mod rubric;
pub mod stats;
pub mod sweep;
pub mod tally;
