//! `assay rubric show | check FILE`.

use super::messages::RubricFailed;
use super::{Exit, RubricCommand};
use anyhow::Result;
use assay::rubric;
use std::io::Write;

pub fn run(cmd: RubricCommand) -> Result<Exit> {
    match cmd {
        RubricCommand::Show => {
            let mut out = std::io::stdout().lock();
            out.write_all(rubric::BUILTIN_SOURCE.as_bytes())?;
            out.flush()?;
            Ok(Exit::Ok)
        }
        RubricCommand::Check { file } => match rubric::load_file(&file) {
            Ok(r) => {
                writeln!(
                    std::io::stdout().lock(),
                    "{}: ok: {} behaviours, {} rules, {} patterns",
                    file.display(),
                    r.behaviours().len(),
                    r.rule_count(),
                    r.pattern_count()
                )?;
                Ok(Exit::Ok)
            }
            Err(e) => Err(RubricFailed(e).into()),
        },
    }
}
