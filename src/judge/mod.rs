//! Judge: a second grader (an LLM or any program) for the records the rubric
//! cannot decide alone, and for a random audit of the ones it did.
//!
//! This module owns everything between "this record should be judged" and
//! "here is the judge's verdict, or why there is none": the request a judge
//! sees ([`Request`], built from a parsed [`crate::parse::Record`]), the
//! judge prompts ([`Prompts`], built-in or from `--judge-prompt FILE`), the
//! strict reading of answers ([`Verdict`]), the backends behind one trait
//! ([`Backend`]: a long-lived child process, an OpenAI-compatible endpoint,
//! the Anthropic Messages API), an on-disk [`Cache`] and the bounded
//! concurrent [`Pool`] that ties them together. It does *not* decide which
//! records go to the judge, nor what a verdict does to the statistics: the
//! grading engine and `stats` own those.
//!
//! # Wiring it into a run
//!
//! ```text
//! JudgeArgs::build(&rubric)? ──▶ Option<Judge>        (None: no judge flags)
//! rubric pass, per record that is contested or drawn for the audit:
//!     let req = judge.request(&record, source, Reason::Contested, candidates, request_id);
//!     judge.pool.submit(req)?;            // returns at once; calls overlap the pass
//! after the pass:
//!     let JudgeRun { outcomes, stats } = judge.pool.finish();
//!     // outcomes: BTreeMap<request_id, Result<Verdict, JudgeError>>
//! ```
//!
//! * From the engine's sink workers (`engine::SinkWorker::record`, one per
//!   thread): share the pool as `Arc<Pool>` ([`Pool::submit`] takes `&self`
//!   and is safe from any thread), give each worker a clone along with an
//!   `Arc` of the [`Prompts`], and once the workers are merged back (their
//!   clones dropped) call `Arc::try_unwrap(pool)` and [`Pool::finish`].
//! * `request_id` is the caller's name for the record, unique within the run
//!   and deterministic (e.g. `format!("{file:04}:{line:010}")`); outcomes
//!   come back sorted by it, so the result does not depend on concurrency or
//!   on the order answers arrive. [`Pool::submit`] refuses a duplicate.
//! * An `Err` outcome means the record keeps its rubric verdict and is
//!   reported as unjudged; [`JudgeError::kind`] is the key under which
//!   [`JudgeStats::failures`] counts it.
//! * [`JudgeStats`] (serde-serialisable) is what every report prints about
//!   the judge: calls, cache hits, failures by kind, tokens in and out, wall
//!   time and the judge's [`Identity`] (backend, model, prompt hash). It
//!   never holds an API key.
//!
//! # Determinism
//!
//! The verdict of a record depends only on the judge and the request's
//! content: each distinct request content is sent at most once per run
//! (later duplicates share its outcome) and cached by content, so neither
//! the set of verdicts nor the call and cache-hit counts depend on the
//! concurrency or the order of answers (for a judge that is itself
//! deterministic). Wall time is the only figure that varies.
//!
//! # Why the prompt never mentions the rubric's suspicion
//!
//! The built-in prompt shows the judge the behaviours and the transcript,
//! never the `candidates` or the `reason`: audited and contested records
//! must be judged by the same measurement, or the audit would not estimate
//! the error of the verdicts the judge did not see. (Both stay in the
//! request for `--judge-cmd` programs that want them.)

mod args;
mod cache;
mod cmd;
mod http;
mod pool;
mod prompt;
mod request;
mod verdict;

pub use args::{Judge, JudgeArgs};
pub use cache::{Cache, CacheKey};
pub use cmd::CmdBackend;
pub use http::{ApiKind, HttpBackend, HttpConfig, Secret};
pub use pool::{JudgeRun, JudgeStats, Pool, PoolConfig};
pub use prompt::{BUILTIN_PROMPTS, Prompts};
pub use request::{Reason, RenderLimits, Request, RubricInfo};
pub use verdict::Verdict;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// Who judges: the backend kind, the model (or command), and the hash of the
/// prompts. Part of every cache key and printed in every report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// `cmd`, `openai` or `anthropic`.
    pub backend: String,
    /// The model name, or for `cmd` the command line.
    pub model: String,
    /// [`Prompts::hash`] of the prompts the requests were built with.
    pub prompt_hash: String,
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} judge `{}` (prompts {})",
            self.backend, self.model, self.prompt_hash
        )
    }
}

/// Tokens a call used, as the API reported them (0 where it does not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Prompt (input) tokens.
    pub input: u64,
    /// Completion (output) tokens.
    pub output: u64,
}

/// One backend call's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The parsed verdict.
    pub verdict: Verdict,
    /// Tokens used (summed over retries that got an answer).
    pub usage: Usage,
    /// Attempts beyond the first.
    pub retries: u32,
}

/// A judge: one call per request, safe to call from many threads at once.
pub trait Backend: Send + Sync {
    /// Who this judge is.
    fn identity(&self) -> &Identity;
    /// Judges one request. Never panics and never blocks past the backend's
    /// timeout (times its retries).
    fn call(&self, req: &Request) -> Result<Answer, JudgeError>;
    /// Tokens spent by every call so far, answers that did not parse
    /// included; `None` where the backend cannot tell (the pool then sums
    /// the usage of the answers it got).
    fn tokens_spent(&self) -> Option<Usage> {
        None
    }
}

/// Why a record has no judge verdict. Each says what went wrong and what to
/// do; none ever contains an API key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JudgeError {
    /// No answer within the timeout (after all retries).
    Timeout {
        /// The per-attempt timeout.
        after: Duration,
        /// Attempts made.
        attempts: u32,
    },
    /// The server answered with an error status (after all retries for
    /// 429 and 5xx; at once for other statuses).
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of the body, for the user to read.
        body: String,
        /// Attempts made.
        attempts: u32,
    },
    /// The connection failed or dropped (after all retries).
    Connection {
        /// What the client reported.
        detail: String,
        /// Attempts made.
        attempts: u32,
    },
    /// An answer arrived but is not a valid verdict.
    Unparsable {
        /// What is wrong with it.
        reason: String,
        /// The start of the answer.
        excerpt: String,
    },
    /// The `--judge-cmd` child exited or closed its output.
    ChildExited {
        /// Exit status and the last lines it wrote to standard error.
        detail: String,
    },
    /// The judge cannot run at all (bad flags, missing key, no `sh`).
    Setup(String),
    /// The caller submitted a request id twice.
    Duplicate(String),
}

impl JudgeError {
    /// A short, stable name for counting failures in reports.
    pub fn kind(&self) -> &'static str {
        match self {
            JudgeError::Timeout { .. } => "timeout",
            JudgeError::Status { .. } => "http_status",
            JudgeError::Connection { .. } => "connection",
            JudgeError::Unparsable { .. } => "unparsable",
            JudgeError::ChildExited { .. } => "child_exited",
            JudgeError::Setup(_) => "setup",
            JudgeError::Duplicate(_) => "duplicate",
        }
    }
}

impl fmt::Display for JudgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JudgeError::Timeout { after, attempts } => write!(
                f,
                "the judge did not answer within {:.1} s ({attempts} attempt(s)); raise --judge-timeout or lower --judge-concurrency",
                after.as_secs_f64()
            ),
            JudgeError::Status {
                status,
                body,
                attempts,
            } => {
                let hint = match status {
                    401 | 403 => "; check the API key's environment variable (--judge-key-env)",
                    404 => "; check --judge-url and --judge-model",
                    429 => {
                        "; the server is rate-limiting: lower --judge-concurrency or raise --judge-retries"
                    }
                    _ => "",
                };
                write!(
                    f,
                    "the judge server answered HTTP {status} ({attempts} attempt(s)): {body}{hint}"
                )
            }
            JudgeError::Connection { detail, attempts } => write!(
                f,
                "cannot reach the judge server ({attempts} attempt(s)): {detail}; check --judge-url and that the server is up"
            ),
            JudgeError::Unparsable { reason, excerpt } => write!(
                f,
                "the judge's answer is not a valid verdict: {reason}; the answer began: {excerpt:?}"
            ),
            JudgeError::ChildExited { detail } => write!(
                f,
                "the judge command stopped: {detail}; run it by hand with one request line to see why"
            ),
            JudgeError::Setup(s) => f.write_str(s),
            JudgeError::Duplicate(id) => write!(
                f,
                "request id `{id}` was submitted twice; request ids must be unique within a run"
            ),
        }
    }
}

impl std::error::Error for JudgeError {}

/// The first `max` characters of `s` (on a character boundary), with `…`
/// when cut: error messages quote answers without flooding the terminal.
pub(crate) fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
