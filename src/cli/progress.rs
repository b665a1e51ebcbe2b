//! The progress bar of `assay grade` on stderr: records, MB/s and, when the
//! total size is known, an ETA.
//!
//! Shown only when stderr is a terminal and `--quiet` is not given, and only
//! once a run has taken about a second, so quick runs and pipelines print
//! nothing extra. Colour is dropped when `NO_COLOR` is set. The engine calls
//! the hook on the caller's thread as results arrive in order, so the bar
//! costs one call per chunk, never one per record.

use assay::engine::ProgressHook;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_millis(1000);

/// A progress bar that appears after [`DELAY`].
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `total()` input bytes (0 when unknown), or `None` when it
    /// must not be drawn.
    pub fn new(total: impl FnOnce() -> u64, quiet: bool) -> Option<Progress> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        // Only now: it stats every input, wasted when no bar is drawn.
        let total = total();
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let (bar_tpl, spin_tpl) = if colour {
            (
                "{spinner:.green} [{elapsed_precise}] [{wide_bar:.cyan/blue}] {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}",
                "{spinner:.green} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}",
            )
        } else {
            (
                "{spinner} [{elapsed_precise}] [{wide_bar}] {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}",
                "{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}",
            )
        };
        let bar = if total > 0 {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
        };
        let tpl = if total > 0 { bar_tpl } else { spin_tpl };
        if let Ok(style) = ProgressStyle::with_template(tpl) {
            bar.set_style(style.progress_chars("=> "));
        }
        Some(Progress { bar })
    }

    /// The engine hook that advances this bar.
    pub fn hook(&self) -> ProgressHook {
        let bar = self.bar.clone();
        let start = Instant::now();
        let records = Arc::new(AtomicU64::new(0));
        let shown = std::sync::atomic::AtomicBool::new(false);
        ProgressHook(Arc::new(move |bytes, recs| {
            bar.inc(bytes);
            let n = records.fetch_add(recs, Ordering::Relaxed) + recs;
            bar.set_message(format!("{n} records"));
            if !shown.load(Ordering::Relaxed) && start.elapsed() >= DELAY {
                shown.store(true, Ordering::Relaxed);
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }))
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
