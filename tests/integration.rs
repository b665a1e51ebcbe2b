//! Integration tests: the library's graders on data-driven cases, and the
//! `assay` binary on fixture files of every input shape.

mod util;

mod cases;
mod cli;
mod compare;
mod conformance;
mod determinism;
mod hostile;
mod judge;
mod judge_run;
mod logs;
mod property;
mod regression;
mod robustness;
mod shards;
mod uncertain;
