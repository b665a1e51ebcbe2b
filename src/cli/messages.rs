//! The one place that speaks to the user on stderr and decides the exit
//! status.
//!
//! Every line the CLI prints on stderr goes through [`message!`] (`assay:
//! ...`), [`warning!`] (`assay: warning: ...`), [`detail!`] (an indented
//! continuation) or [`progress`] (`assay bench: ...`), with text that may quote
//! input (paths, field values) passed through [`visible`](assay::report::visible)
//! by the caller. A subcommand returns [`Exit`] or an error; [`exit_code`]
//! turns that into the process status:
//!
//! | status | meaning |
//! |---|---|
//! | 0 | done (graded, and under any `--fail-above` threshold) |
//! | 1 | graded, but a `--fail-above` threshold was exceeded |
//! | 2 | an error: bad arguments, unreadable input, a bad rubric, a malformed line under `--strict`, an interrupted run |
//!
//! A closed pipe (`assay grade … | head`) is how a reader says it has seen
//! enough: status 0, nothing printed.

use assay::rubric::RubricError;
use std::process::ExitCode;

/// How a subcommand ended (the process status, see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Graded, but a `--fail-above` threshold was exceeded.
    Threshold = 1,
    /// Something went wrong; a message said what.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// Prints `assay: ...` on stderr.
macro_rules! message {
    ($($arg:tt)*) => {
        eprintln!("assay: {}", format_args!($($arg)*))
    };
}

/// Prints `assay: warning: ...` on stderr.
macro_rules! warning {
    ($($arg:tt)*) => {
        eprintln!("assay: warning: {}", format_args!($($arg)*))
    };
}

/// Prints an indented continuation line of the message before it.
macro_rules! detail {
    ($($arg:tt)*) => {
        eprintln!("  {}", format_args!($($arg)*))
    };
}

/// Prints `assay SUBCOMMAND: ...` on stderr: progress of a subcommand
/// that reports as it goes (`assay bench`).
pub fn progress(subcommand: &str, what: impl std::fmt::Display) {
    eprintln!("assay {subcommand}: {what}");
}

pub(crate) use {detail, message, warning};

/// A rubric that did not compile. Its message is complete as it stands
/// (file:line:col, the line, a caret, what to do), so it is printed without
/// the `assay: error:` prefix.
#[derive(Debug)]
pub struct RubricFailed(pub RubricError);

impl std::fmt::Display for RubricFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for RubricFailed {}

/// The process status for a subcommand's result, printing its error.
pub fn exit_code(result: anyhow::Result<Exit>) -> ExitCode {
    match result {
        Ok(code) => code.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // The message may quote input (paths, field values, rubric lines):
            // shown, never obeyed by the terminal.
            match err.downcast_ref::<RubricFailed>() {
                Some(r) => eprint!("{}", assay::report::visible_lines(&r.to_string())),
                None => {
                    let msg = assay::report::visible_lines(&format!("{err:#}"));
                    message!("error: {msg}");
                }
            }
            Exit::Error.into()
        }
    }
}

/// The status for a command line clap refused (after printing clap's
/// message): help and version are requests, not errors.
pub fn parse_failed(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    if e.use_stderr() {
        Exit::Error.into()
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether the error, or any cause in its chain, is a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_anywhere_in_the_chain_is_success() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = anyhow::Error::new(pipe).context("writing the report");
        assert!(is_broken_pipe(&err));
        let other = anyhow::anyhow!("cannot read x");
        assert!(!is_broken_pipe(&other));
    }
}
