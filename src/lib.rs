//! Assay grades AI-agent evaluation transcripts and reports misbehaviour
//! rates with honest error bars.
//!
//! The library is the whole product; the `assay` binary is a thin command
//! line over it, and the benches, fuzz targets and tests use the same code.
//! Modules follow the data flow:
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
//! * [`input`] — which files, the mmap policy, decompression, chunking;
//!   [`logs`] — Inspect logs and agentic-misalignment trees as records.
//! * [`parse`] — the record contract: every message shape, text by scope.
//! * [`rubric`] — the grading language: load → compile (file:line:col errors).
//! * [`grade`] — run a compiled rubric on a record; [`mod@grade::reference`]
//!   is the slow oracle the fast path is tested against.
//! * [`tally`] — per-group counts that add across threads and shards;
//!   [`tally::shard`] writes a run's state to a file and merges such files;
//!   [`api`] — grade paths or in-memory records and get the shard (the
//!   Python binding's entry point).
//! * [`engine`] — the pipeline tying the stages together, deterministic for
//!   any thread count; [`output`] — files that are never half-written.
//! * [`stats`] — intervals, clustered errors, comparisons, power.
//! * [`report`] — every output format behind one exporter trait.
//! * [`agree`], [`compare`], [`bench`](mod@bench), [`sweep`] — the `agree`, `compare`,
//!   `bench` and `gen` subcommands' libraries.
pub mod agree;
pub mod api;
pub mod bench;
pub mod compare;
pub mod engine;
pub mod grade;
pub mod input;
pub mod logs;
pub mod output;
pub mod parse;
pub mod report;
pub mod rubric;
pub mod stats;
pub mod sweep;
pub mod tally;
