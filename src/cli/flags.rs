//! Flags that several subcommands share, each declared once as a clap
//! group and `#[command(flatten)]`ed into the subcommands that take it.
//!
//! A group owns its flag's name, help text and validation (clap rejects a
//! bad value before any input is read, naming the accepted values), and
//! builds the value the library wants from it (a compiled rubric, a thread
//! count, an mmap policy, a report format, an output file). Value enums
//! stand in for strings wherever the accepted values are a fixed list, so
//! a typo is a clap error, never a silent fallback.

use super::messages::RubricFailed;
use anyhow::{Context, Result};
use assay::input::{InputFormat, MmapChoice};
use assay::output::Output;
use assay::report::Format;
use assay::rubric::{self, Rubric};
use assay::stats::{CiMethod, Correction};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// `--rubric FILE`.
#[derive(Debug, Args)]
pub struct RubricFlag {
    /// Rubric file (TOML). Default: the built-in rubric (`assay rubric show`).
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

impl RubricFlag {
    /// The compiled rubric and its name for reports. A rubric error is
    /// returned as [`RubricFailed`], which is printed as the rubric error
    /// renders itself (file:line:col, the line, a caret).
    pub fn load(&self) -> Result<(Rubric, String)> {
        match &self.rubric {
            None => Ok((rubric::builtin(), "<built-in rubric>".to_string())),
            Some(p) => match rubric::load_file(p) {
                Ok(r) => Ok((r, p.display().to_string())),
                Err(e) => Err(RubricFailed(e).into()),
            },
        }
    }
}

/// `-j/--threads N`.
#[derive(Debug, Args)]
pub struct ThreadsFlag {
    /// Worker threads. Default: all cores. Output does not depend on it.
    #[arg(long, short = 'j', value_name = "N", value_parser = at_least_one)]
    pub threads: Option<usize>,
}

impl ThreadsFlag {
    /// `--threads`, or every core.
    pub fn count(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

/// A thread count of at least 1.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave it out to use every core)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("{e}")),
    }
}

/// `--no-mmap`.
#[derive(Debug, Args)]
pub struct MmapFlag {
    /// Read files instead of memory-mapping them (safe for files still being written).
    #[arg(long)]
    pub no_mmap: bool,
}

impl MmapFlag {
    /// The mmap policy the flag asks for.
    pub fn choice(&self) -> MmapChoice {
        if self.no_mmap {
            MmapChoice::Never
        } else {
            MmapChoice::Auto
        }
    }
}

/// `-q/--quiet`.
#[derive(Debug, Args)]
pub struct QuietFlag {
    /// Print no per-line diagnostics, progress bar or summary on stderr
    /// (errors and warnings still are; a report still lists malformed lines).
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--confidence LEVEL`.
#[derive(Debug, Args)]
pub struct ConfidenceFlag {
    /// Two-sided confidence level of every interval (1 − α), strictly
    /// between 0 and 1.
    #[arg(long, value_name = "LEVEL", default_value_t = 0.95, value_parser = level)]
    pub confidence: f64,
}

/// A level strictly between 0 and 1 (`--confidence`, `--power`).
pub fn level(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|e| format!("{e}"))?;
    if v > 0.0 && v < 1.0 {
        Ok(v)
    } else {
        Err(format!(
            "must be strictly between 0 and 1 (e.g. 0.95), got {v}"
        ))
    }
}

/// `-o/--output FILE`.
#[derive(Debug, Args)]
pub struct OutputFlag {
    /// Write here instead of standard output (`-`); written atomically, so
    /// a failed or interrupted run never leaves half a file.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputFlag {
    /// The file to write, `-` for standard output.
    pub fn path(&self) -> &Path {
        self.output.as_deref().unwrap_or(Path::new("-"))
    }

    /// Opens the output (`what` names it in the error).
    pub fn create(&self, what: &str) -> Result<Output> {
        let path = self.path();
        Output::create(path).with_context(|| {
            format!(
                "cannot create the {what} {}; check that its directory exists and is writable",
                path.display()
            )
        })
    }
}

/// `--format` of the reports of `grade` and `compare`.
#[derive(Debug, Args)]
pub struct FormatFlag {
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned columns for a terminal.
    Table,
    /// One JSON document.
    Json,
    /// Comma-separated values.
    Csv,
    /// A Markdown table with notes.
    Markdown,
}

impl FormatFlag {
    /// The library's report format.
    pub fn format(&self) -> Format {
        match self.format {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

/// `assay agree --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormat {
    /// Markdown, also fine on a terminal.
    Markdown,
    /// One JSON document.
    Json,
}

/// `assay grade --input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By file name and first bytes.
    Auto,
    /// JSON Lines (plain, .gz or .zst).
    Jsonl,
    /// Inspect `.eval` logs (zip).
    InspectEval,
    /// Inspect `.json` logs.
    InspectJson,
    /// agentic-misalignment results trees.
    AmTree,
}

impl From<InputFormatArg> for InputFormat {
    fn from(f: InputFormatArg) -> InputFormat {
        match f {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::InspectEval => InputFormat::InspectEval,
            InputFormatArg::InspectJson => InputFormat::InspectJson,
            InputFormatArg::AmTree => InputFormat::AmTree,
        }
    }
}

/// `assay grade --ci`: the interval method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CiArg {
    /// Wilson score interval.
    Wilson,
    /// Clopper–Pearson exact interval.
    #[value(alias = "clopper-pearson", alias = "clopper_pearson")]
    Exact,
    /// Jeffreys interval.
    Jeffreys,
    /// Percentile bootstrap.
    #[value(alias = "percentile")]
    Bootstrap,
    /// Bias-corrected and accelerated bootstrap.
    Bca,
}

impl From<CiArg> for CiMethod {
    fn from(c: CiArg) -> CiMethod {
        match c {
            CiArg::Wilson => CiMethod::Wilson,
            CiArg::Exact => CiMethod::Exact,
            CiArg::Jeffreys => CiMethod::Jeffreys,
            CiArg::Bootstrap => CiMethod::Bootstrap,
            CiArg::Bca => CiMethod::Bca,
        }
    }
}

/// `assay compare --correction`: the multiple-comparison correction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CorrectionArg {
    /// Holm–Bonferroni (family-wise error rate).
    Holm,
    /// Benjamini–Hochberg (false discovery rate).
    #[value(alias = "fdr", alias = "fdr_bh", alias = "benjamini-hochberg")]
    Bh,
    /// No correction.
    None,
}

impl From<CorrectionArg> for Correction {
    fn from(c: CorrectionArg) -> Correction {
        match c {
            CorrectionArg::Holm => Correction::Holm,
            CorrectionArg::Bh => Correction::BenjaminiHochberg,
            CorrectionArg::None => Correction::None,
        }
    }
}

/// The report's extra files and its exit-status gate, shared by `grade` and
/// `merge`.
#[derive(Debug, Args)]
pub struct ReportFlags {
    /// With `--format csv`, write cells that start with `=`, `+`, `-`, `@`,
    /// a tab or a carriage return as they are. By default such a cell gets
    /// a leading `'` so that a spreadsheet shows it instead of running it
    /// as a formula (a model name like `=HYPERLINK(...)`).
    #[arg(long)]
    pub csv_formulas: bool,

    /// Also write a chart of failure rates with interval whiskers (SVG),
    /// one bar per group, grouped by scenario.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,

    /// Also write one self-contained HTML page: table, chart, the first
    /// evidence excerpts per behaviour, and provenance (inputs with sizes
    /// and SHA-256).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Treat any malformed line as an error: report everything, then exit 2.
    #[arg(long)]
    pub strict: bool,

    /// Exit with status 1 when any group's failure rate exceeds RATE (a
    /// fraction, e.g. 0.05), naming the groups. See `--on`.
    #[arg(long, value_name = "RATE")]
    pub fail_above: Option<f64>,

    /// What `--fail-above` compares: the interval's upper bound (cautious:
    /// fails unless the data show the rate is below RATE) or the point rate.
    #[arg(long, value_enum, default_value_t = super::OnArg::Upper, requires = "fail_above")]
    pub on: super::OnArg,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_outside_the_open_unit_interval_are_refused() {
        assert_eq!(level("0.9"), Ok(0.9));
        for bad in ["0", "1", "1.5", "-0.1", "NaN", "x"] {
            assert!(level(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zero_threads_is_refused() {
        assert_eq!(at_least_one("3"), Ok(3));
        assert!(at_least_one("0").unwrap_err().contains("at least 1"));
        assert!(at_least_one("-1").is_err());
    }

    #[test]
    fn every_input_format_name_is_a_value() {
        for n in InputFormat::NAMES {
            let v = InputFormatArg::from_str(n, false).expect(n);
            assert_eq!(Some(InputFormat::from(v)), InputFormat::from_name(n));
        }
    }

    #[test]
    fn every_interval_name_the_library_knows_is_a_value() {
        for n in [
            "wilson",
            "exact",
            "clopper-pearson",
            "clopper_pearson",
            "jeffreys",
            "bootstrap",
            "percentile",
            "bca",
            "Wilson",
        ] {
            let v = CiArg::from_str(n, true).expect(n);
            assert_eq!(Some(CiMethod::from(v)), CiMethod::from_name(n), "{n}");
        }
        for n in [
            "holm",
            "bh",
            "fdr",
            "fdr_bh",
            "benjamini-hochberg",
            "none",
            "BH",
        ] {
            let v = CorrectionArg::from_str(n, true).expect(n);
            assert_eq!(Some(Correction::from(v)), Correction::from_name(n), "{n}");
        }
    }
}
