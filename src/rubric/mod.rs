//! Rubric: the grading program, compiled once per run (check → plan →
//! build, see `compile.rs`) into an immutable [`Rubric`] that the grader
//! ([`crate::grade`]) runs over every record. This module owns the
//! language, its errors (`file:line:col` and a caret, [`RubricError`]) and
//! the compiled program's types; the language reference below is
//! `docs/rubric.md`, the one description of the language.
//!
#![doc = include_str!("../../docs/rubric.md")]

mod ast;
mod build;
mod check;
mod compile;
pub mod entities;
mod error;
mod factors;
mod literals;
pub(crate) use literals::word_bounded;
mod plan;

pub use build::AUTOMATON_SIZE_LIMIT;
pub use check::{MAX_BEHAVIOURS, MAX_LITERAL_BYTES, MAX_LITERALS, MAX_REGEX_BYTES, MAX_REGEXES};
pub use compile::{Behaviour, BehaviourKind, Effect, Rubric, Unit};
pub(crate) use compile::{Rule, Term, Trigger, glob_match};
pub(crate) use entities::refers;
pub use entities::{EntityCache, Values as EntityValues, env_scopes};
pub use error::RubricError;

use std::path::Path;

/// The built-in rubric's source, as `assay rubric show` prints it.
pub const BUILTIN_SOURCE: &str = include_str!("default.toml");

/// Compiles rubric text; `origin` names it in error messages.
pub fn compile(origin: &str, source: &str) -> Result<Rubric, RubricError> {
    compile::compile(origin, source)
}

/// The built-in rubric, for the behaviours of `docs/behaviours.md`.
pub fn builtin() -> Rubric {
    // The built-in source is tested to compile (see tests below); a failure
    // here is a bug in this build, not in the user's input.
    compile("<built-in rubric>", BUILTIN_SOURCE)
        .unwrap_or_else(|e| panic!("built-in rubric is invalid:\n{e}"))
}

/// Reads and compiles a rubric file.
pub fn load_file(path: &Path) -> Result<Rubric, RubricError> {
    let origin = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|e| {
        RubricError::new(&origin, "", None, format!("cannot read the rubric: {e}"))
            .help("check the path, or omit --rubric to use the built-in rubric")
    })?;
    compile(&origin, &source)
}

#[cfg(test)]
mod tests;
