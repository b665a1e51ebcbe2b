//! The `assay` binary: parse flags, run a subcommand, map the result to an
//! exit code. All work happens in the library (`assay::…`) and `cli`;
//! `cli::messages` prints what the user reads and decides the status.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Exit};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process, before any worker
/// starts. mimalloc asks for huge pages on its arenas, and each thread's heap
/// then holds whole 2 MB pages it uses a little of: turning them off halves
/// peak anonymous memory or better and makes grading slightly faster (fewer
/// 2 MB pages to zero; figures in docs/performance.md). The kernel checks the
/// flag at each page fault, so pages mimalloc already reserved are covered.
/// Best effort: an older kernel without the flag keeps huge pages.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// Set by Ctrl-C: workers finish their chunk and the run stops cleanly.
static STOP: AtomicBool = AtomicBool::new(false);

/// The terminating signal (SIGTERM, SIGHUP) that stopped the run; 0 if
/// none did (Ctrl-C keeps its own exit codes, 2 and 130).
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// SIGINT's number, the same on every Unix.
const SIGINT: i32 = 2;

/// Stops the run on a signal: the first lets the chunks in flight finish;
/// a second, or a run that does not stop within [`FORCE_AFTER`], exits at
/// once with 128 + `sig` after removing temporary files.
fn interrupt(sig: i32) {
    if sig != SIGINT {
        SIGNAL.store(sig, Ordering::SeqCst);
    }
    if STOP.swap(true, Ordering::SeqCst) {
        assay::output::remove_temporaries();
        std::process::exit(128 + sig);
    }
    std::thread::spawn(move || {
        std::thread::sleep(FORCE_AFTER);
        cli::messages::message!(
            "interrupted, and the input did not stop within {} s (a pipe still open?); exiting",
            FORCE_AFTER.as_secs()
        );
        assay::output::remove_temporaries();
        std::process::exit(128 + sig);
    });
}

/// How long a Ctrl-C waits for the run to stop cleanly before forcing it.
const FORCE_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

fn main() -> ExitCode {
    no_huge_pages();
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => return cli::messages::parse_failed(&e),
    };
    // Ctrl-C: the run stops after the chunks in flight, writes nothing over
    // existing files and exits with status 2. A second Ctrl-C, or input that
    // does not yield within FORCE_AFTER (a pipe whose writer is idle), exits
    // at once with 130, after removing temporary files. SIGTERM and SIGHUP
    // do the same, exiting with 128 + their number (143, 129) either way.
    let _ = ctrlc::set_handler(|| interrupt(SIGINT));
    #[cfg(unix)]
    cli::signals::on_terminate(interrupt);
    let code = cli::messages::exit_code(run(args));
    match SIGNAL.load(Ordering::SeqCst) {
        0 => code,
        sig => ExitCode::from((128 + sig) as u8),
    }
}

fn run(args: Cli) -> anyhow::Result<Exit> {
    match args.command {
        Command::Grade(a) => cli::grade(*a, &STOP),
        Command::Merge(a) => cli::merge(*a),
        Command::Rubric(c) => cli::rubric(c),
        Command::Gen(a) => cli::generate(a),
        Command::Compare(a) => cli::compare(*a, &STOP),
        Command::Power(a) => cli::power(a),
        Command::Bench(a) => cli::bench(a),
        Command::Agree(a) => cli::agree(a, &STOP),
        Command::JudgePrompt(c) => cli::judge_prompt(c),
        Command::Completions { shell } => {
            cli::completions(shell, &mut std::io::stdout());
            Ok(Exit::Ok)
        }
        Command::Man { subcommand } => {
            cli::man(subcommand.as_deref(), &mut std::io::stdout())?;
            Ok(Exit::Ok)
        }
    }
}
