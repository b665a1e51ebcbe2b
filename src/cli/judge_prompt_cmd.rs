//! `assay judge-prompt show`: the judge prompts in force, as a file to edit
//! and pass back with `--judge-prompt FILE`, or the whole prompt a judge
//! would get for one record.

use super::messages::RubricFailed;
use super::{Exit, JudgePromptCommand};
use anyhow::{Context, Result, bail};
use assay::judge::{Prompts, Reason, Request};
use assay::parse::Scratch;
use assay::rubric;
use std::io::Write;

pub fn run(cmd: JudgePromptCommand) -> Result<Exit> {
    let JudgePromptCommand::Show(a) = cmd;
    let rubric = match &a.rubric {
        Some(f) => rubric::load_file(f).map_err(RubricFailed)?,
        None => rubric::builtin(),
    };
    let prompts = match &a.judge_prompt {
        Some(f) => Prompts::from_file(f, &rubric)?,
        None => Prompts::builtin(&rubric),
    };
    let text = match &a.transcript {
        None => prompts.to_toml(),
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let Some((n, line)) = bytes
                .split(|b| *b == b'\n')
                .enumerate()
                .find(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
            else {
                bail!("{} has no record (it is empty or blank)", path.display());
            };
            let source = path.display().to_string();
            let mut scratch = Scratch::new();
            scratch.with_record(line, |r| match r {
                Ok(rec) => Ok(Request::from_record(
                    rec,
                    &source,
                    Reason::Audit,
                    &[],
                    &prompts,
                    format!("{}:{}", source, n + 1),
                )
                .prompt),
                Err(e) => Err(anyhow::anyhow!(
                    "{}:{}: the record is malformed: {e}",
                    source,
                    n + 1
                )),
            })?
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Exit::Ok)
}
