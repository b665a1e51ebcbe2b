//! Command-line interface: the flags (clap derive) and one function per
//! subcommand that turns validated flags into library calls.
//!
//! Two stages, as in ripgrep: clap parses and validates raw values here;
//! each subcommand then builds the objects it needs (the compiled rubric,
//! the source list, the statistics settings) and reports problems with what
//! to do about them.

mod agree;
mod bench_cmd;
mod compare_cmd;
mod flags;
mod gen_cmd;
mod grade;
mod judge_prompt_cmd;
mod judging;
mod merge_cmd;
pub mod messages;
mod power_cmd;
mod progress;
mod rubric_cmd;
#[cfg(unix)]
pub mod signals;

use clap::{Args, Parser, Subcommand};
use flags::{
    AgreeFormat, CiArg, ConfidenceFlag, CorrectionArg, FormatFlag, InputFormatArg, MmapFlag,
    OutputFlag, QuietFlag, RubricFlag, ThreadsFlag,
};
use std::path::PathBuf;

pub use agree::run as agree;
pub use bench_cmd::run as bench;
pub use compare_cmd::run as compare;
pub use gen_cmd::run as generate;
pub use grade::run as grade;
pub use judge_prompt_cmd::run as judge_prompt;
pub use merge_cmd::{MergeArgs, run as merge};
pub use messages::Exit;
pub use power_cmd::run as power;
pub use rubric_cmd::run as rubric;

/// Grades AI-agent evaluation transcripts and reports misbehaviour rates
/// with honest error bars.
#[derive(Debug, Parser)]
#[command(name = "assay", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Grade transcripts and report failure rates per group.
    Grade(Box<GradeArgs>),
    /// Add tallies written by `grade --tally-out` (shards of one sweep) and
    /// report them as one run over all their inputs would.
    Merge(Box<MergeArgs>),
    /// Show or check a rubric.
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Generate a labelled synthetic sweep (JSON Lines) for benchmarks and
    /// grader-agreement checks.
    Gen(GenArgs),
    /// Compare each model's failure rate with a baseline model, per cell.
    Compare(Box<CompareArgs>),
    /// Plan a sweep: transcripts needed per group, or the smallest detectable difference.
    Power(PowerArgs),
    /// Measure grading speed on a generated (or given) sweep against a bare
    /// parse, with one worker thread and with --threads.
    Bench(BenchArgs),
    /// Compare the rubric's verdicts with the `label` of each record:
    /// confusion matrices, precision, recall, F1 and Cohen's κ with
    /// intervals, per-model rates, and the disagreeing records.
    Agree(AgreeArgs),
    /// Show the judge prompts: `judge-prompt show` prints them as a file to
    /// edit and pass back with --judge-prompt FILE.
    #[command(subcommand)]
    JudgePrompt(JudgePromptCommand),
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to
    /// standard output, e.g. `assay completions bash > /etc/bash_completion.d/assay`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff) to standard output, e.g. `assay man | man -l -`,
    /// or `assay man grade` for one subcommand's page with all its flags.
    Man {
        /// A subcommand (grade, compare, agree, ...); default: the top-level page.
        subcommand: Option<String>,
    },
}

/// `assay bench` flags.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Records to generate (to a temporary file on disk) when no --input is given.
    #[arg(long, short = 'n', default_value_t = 100_000)]
    pub records: u64,
    // The most worker threads measured: runs use 1 and this many.
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// Grade this file instead of a generated sweep.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    #[command(flatten)]
    pub rubric: RubricFlag,
    /// Timed runs per configuration; the median is reported.
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Generator seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Keep the generated sweep (its path is printed).
    #[arg(long)]
    pub keep: bool,
    /// Print the measurements as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `assay compare` flags.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Transcript files or directories; `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// The model every other model is compared with.
    #[arg(long, value_name = "MODEL")]
    pub baseline: String,
    /// Cell fields (besides the model), comma-separated; `--by ''` for one cell.
    #[arg(
        long,
        value_name = "FIELDS",
        default_value = "scenario,condition",
        value_delimiter = ','
    )]
    pub by: Vec<String>,
    /// Fields that identify the same item across models, comma-separated.
    /// Records that pair up one to one are compared paired (McNemar).
    #[arg(long, value_name = "FIELDS", default_value = "id,epoch")]
    pub pair_by: String,
    /// Multiple-comparison correction across all cells.
    #[arg(long, value_enum, ignore_case = true, default_value_t = CorrectionArg::Holm)]
    pub correction: CorrectionArg,
    #[command(flatten)]
    pub confidence: ConfidenceFlag,
    #[command(flatten)]
    pub format: FormatFlag,
    #[command(flatten)]
    pub output: OutputFlag,
    #[command(flatten)]
    pub rubric: RubricFlag,
    #[command(flatten)]
    pub threads: ThreadsFlag,
    #[command(flatten)]
    pub quiet: QuietFlag,
    #[command(flatten)]
    pub mmap: MmapFlag,
}

/// `assay power` flags.
#[derive(Debug, Args)]
pub struct PowerArgs {
    /// Base failure rate p (a fraction, e.g. 0.18).
    #[arg(long)]
    pub rate: f64,
    /// Difference to detect (e.g. -0.05 for a drop of 5 points). Required unless --n.
    #[arg(long, allow_hyphen_values = true, required_unless_present = "n")]
    pub delta: Option<f64>,
    /// Transcripts per group: print the smallest detectable difference instead.
    #[arg(long, conflicts_with = "delta")]
    pub n: Option<u64>,
    #[command(flatten)]
    pub confidence: ConfidenceFlag,
    /// Power (1 − β), strictly between 0 and 1.
    #[arg(long, default_value_t = 0.8, value_parser = flags::level)]
    pub power: f64,
}

/// `assay agree` flags.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Labelled transcript files or directories; `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub rubric: RubricFlag,
    #[command(flatten)]
    pub threads: flags::ThreadsFlag,
    /// Judge verdicts (JSON lines with `id` and `behaviours`) that replace
    /// the rubric's verdict for the records they name; counted separately.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = AgreeFormat::Markdown)]
    pub format: AgreeFormat,
    #[command(flatten)]
    pub output: OutputFlag,
    #[command(flatten)]
    pub confidence: ConfidenceFlag,
    /// Bootstrap resamples for the F1 and κ intervals.
    #[arg(long, default_value_t = 2000)]
    pub resamples: u32,
    /// Seed of the bootstrap; printed in the report.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Disagreeing records listed per behaviour and direction (all are counted).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub show: usize,
}

/// `assay completions SHELL`: completions generated from this definition.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "assay", out);
}

/// `assay man`: the man page generated from this definition.
pub fn man(subcommand: Option<&str>, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    use clap::CommandFactory;
    let top = Cli::command();
    let cmd = match subcommand {
        None => top,
        Some(name) => {
            let names: Vec<String> = top
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let found = top
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned();
            match found {
                // The page is titled `assay-grade`, as man pages for subcommands are.
                Some(c) => c.name(format!("assay-{name}")),
                None => anyhow::bail!(
                    "no subcommand `{name}`; pages exist for: {}",
                    names.join(", ")
                ),
            }
        }
    };
    clap_mangen::Man::new(cmd).render(out)?;
    Ok(())
}

/// `assay gen` flags.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// Number of transcripts to write.
    #[arg(long, short = 'n', default_value_t = 10_000)]
    pub records: u64,
    /// Seed: the same seed and flags always give byte-identical output.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[command(flatten)]
    pub output: OutputFlag,
    /// Models and true failure rates, e.g. `model-a=0.3,model-b=0.05`.
    /// Default: the six published claude rates (0.96 … 0).
    #[arg(long, value_name = "MODEL=RATE,...")]
    pub rates: Option<String>,
    /// Records per prompt (epochs of one prompt share `metadata.prompt_id`).
    #[arg(long, default_value_t = 5)]
    pub epochs: u32,
    /// Intra-prompt correlation of failures in [0, 0.5] (0 = independent).
    #[arg(long, default_value_t = 0.01)]
    pub prompt_effect: f64,
    #[command(flatten)]
    pub quiet: QuietFlag,
}

/// `assay rubric ...`
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Print the built-in rubric (TOML), to copy and edit.
    Show,
    /// Validate a rubric file; errors point at file:line:col.
    Check {
        /// The rubric file.
        file: PathBuf,
    },
}

/// `assay judge-prompt` subcommands.
#[derive(Debug, Subcommand)]
pub enum JudgePromptCommand {
    /// Print the judge prompts in force (TOML, the --judge-prompt format),
    /// or with --transcript the whole prompt for one record.
    Show(JudgePromptShowArgs),
}

/// `assay judge-prompt show` flags.
#[derive(Debug, Args)]
pub struct JudgePromptShowArgs {
    /// The rubric whose behaviours the prompts describe. Default: the built-in rubric.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Show these prompts (checked against the rubric) instead of the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub judge_prompt: Option<PathBuf>,
    /// Print the full prompt a judge would get for the first record of this
    /// JSON Lines file (instructions, rendered transcript, answer form).
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
}

/// What `--fail-above` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OnArg {
    /// The upper bound of the group's interval.
    Upper,
    /// The observed failure rate.
    Point,
}

/// `assay grade` flags.
#[derive(Debug, Args)]
pub struct GradeArgs {
    /// Transcript files (.jsonl, .jsonl.gz, .jsonl.zst), Inspect logs (.eval,
    /// .json), agentic-misalignment results trees, or directories (searched
    /// recursively); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// How to read the inputs.
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,

    #[command(flatten)]
    pub rubric: RubricFlag,

    /// Group by these fields or JSON Pointers, comma-separated
    /// (e.g. `model,/metadata/goal_type`); `--by ''` for one group.
    #[arg(
        long,
        value_name = "FIELDS",
        default_value = "model,scenario,condition",
        value_delimiter = ','
    )]
    pub by: Vec<String>,

    #[command(flatten)]
    pub format: FormatFlag,

    #[command(flatten)]
    pub output: OutputFlag,

    #[command(flatten)]
    pub report: flags::ReportFlags,

    /// Write one JSON line per graded record, with its evidence (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub verdicts: Option<PathBuf>,

    /// Write one JSON line per record whose verdict a doubt rule contests
    /// (e.g. a threat beside a refusal), with the evidence and the agent's
    /// text, for an LLM judge or a person (`-` for stdout). Records already
    /// judged by --labels are left out.
    #[arg(long, value_name = "FILE")]
    pub uncertain: Option<PathBuf>,

    /// Judge verdicts (JSON lines with `id`, optional `epoch` and `model`,
    /// and `behaviours` or `failure`) that replace the rubric's verdict for
    /// the records they name; the report counts them per group as `judged`.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,

    /// Also write the run's complete state (counts, inputs, settings; see
    /// docs/shards.md) for `assay merge`, atomically.
    #[arg(long, value_name = "FILE")]
    pub tally_out: Option<PathBuf>,

    #[command(flatten)]
    pub threads: ThreadsFlag,

    /// Seed for resampling statistics; printed in every report.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,

    /// Interval method.
    #[arg(long, value_name = "METHOD", value_enum, ignore_case = true, default_value_t = CiArg::Wilson)]
    pub ci: CiArg,

    #[command(flatten)]
    pub confidence: ConfidenceFlag,

    /// Bootstrap resamples per group (bootstrap and bca).
    #[arg(long, default_value_t = 10_000)]
    pub resamples: u32,

    /// Cluster field or JSON Pointer (e.g. `/metadata/prompt_id`) for
    /// clustered standard errors and the design effect.
    #[arg(long, value_name = "FIELD")]
    pub cluster: Option<String>,

    #[command(flatten)]
    pub quiet: QuietFlag,

    #[command(flatten)]
    pub mmap: MmapFlag,

    /// Lines longer than this many bytes are reported as malformed, unparsed.
    #[arg(long, value_name = "BYTES", default_value_t = assay::engine::DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,

    /// Stop with an error when the records fall into more than N distinct
    /// groups (each takes about 1.1 KB while grading and reporting), rather
    /// than run out of memory on a --by field that is unique per record.
    #[arg(long, value_name = "N", default_value_t = assay::engine::DEFAULT_MAX_GROUPS)]
    pub max_groups: usize,
    #[command(flatten)]
    pub judge: assay::judge::JudgeArgs,
    #[command(flatten)]
    pub audit: judging::AuditArgs,
}
