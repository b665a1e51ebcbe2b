//! The judge's command-line flags, shared by every subcommand that judges
//! (`#[command(flatten)] judge: JudgeArgs`), and their turning into a
//! ready [`Judge`]: prompts, backend, cache and pool.

use super::cache::Cache;
use super::cmd::CmdBackend;
use super::http::{ApiKind, HttpBackend, HttpConfig, Secret};
use super::pool::{Pool, PoolConfig};
use super::prompt::Prompts;
use super::request::{Reason, Request};
use super::{Backend, JudgeError};
use crate::parse::Record;
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

/// The default base URL of each API.
const OPENAI_URL: &str = "https://api.openai.com/v1";
const ANTHROPIC_URL: &str = "https://api.anthropic.com";

/// Judge flags. No flag given: no judge (the rubric alone decides).
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Judge")]
pub struct JudgeArgs {
    /// Judge with this command, run once through `sh -c`: it reads one JSON
    /// request per line on standard input and writes one JSON verdict per
    /// line, in any order, each naming its `request_id` (docs/judge.md).
    /// The command line is the judge's identity in the cache: change it
    /// when the program or what it reads changes.
    #[arg(long, value_name = "CMD", conflicts_with_all = ["judge_url", "judge_model", "judge_api"])]
    pub judge_cmd: Option<String>,
    /// Judge with an OpenAI-compatible chat-completions server at this base
    /// URL (e.g. http://localhost:8000/v1), or the Anthropic API's with
    /// --judge-api anthropic. Default: the API's own.
    #[arg(long, value_name = "URL")]
    pub judge_url: Option<String>,
    /// The judge model's name, as the server knows it.
    #[arg(long, value_name = "NAME")]
    pub judge_model: Option<String>,
    /// The API the server speaks. Default: openai.
    #[arg(long, value_enum, value_name = "API")]
    pub judge_api: Option<ApiKind>,
    /// The environment variable holding the API key (never a flag, never
    /// printed). Default: OPENAI_API_KEY, or ANTHROPIC_API_KEY.
    #[arg(long, value_name = "VAR")]
    pub judge_key_env: Option<String>,
    /// Judge calls in flight at once.
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub judge_concurrency: u16,
    /// Seconds to wait for one judge answer (per attempt) before giving up.
    #[arg(long, value_name = "SECONDS", default_value_t = 120.0)]
    pub judge_timeout: f64,
    /// Retries of a call after a 429, a 5xx, a dropped connection or a
    /// timeout, with exponential backoff and jitter (HTTP judges).
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub judge_retries: u32,
    /// Directory of the judge cache. Default: $XDG_CACHE_HOME/assay/judge
    /// or ~/.cache/assay/judge.
    #[arg(long, value_name = "DIR")]
    pub judge_cache: Option<PathBuf>,
    /// Neither read nor write the judge cache.
    #[arg(long, conflicts_with = "judge_cache")]
    pub no_judge_cache: bool,
    /// Judge prompts from this TOML file instead of the built-in ones (see
    /// `assay judge-prompt show` for the format).
    #[arg(long, value_name = "FILE")]
    pub judge_prompt: Option<PathBuf>,
}

/// A judge ready for a run: the prompts requests are built with, and the
/// pool that judges them.
#[derive(Debug)]
pub struct Judge {
    /// The prompts (and the rubric's behaviour lists).
    pub prompts: Prompts,
    /// Submit requests here; `finish` it after the rubric pass.
    pub pool: Pool,
}

impl Judge {
    /// The request for `record` (see [`Request::from_record`]).
    pub fn request(
        &self,
        record: &Record<'_, '_>,
        source: &str,
        reason: Reason,
        candidates: &[&str],
        request_id: impl Into<String>,
    ) -> Request {
        Request::from_record(
            record,
            source,
            reason,
            candidates,
            &self.prompts,
            request_id,
        )
    }
}

impl Default for JudgeArgs {
    /// The flags' own defaults: no judge.
    fn default() -> Self {
        JudgeArgs {
            judge_cmd: None,
            judge_url: None,
            judge_model: None,
            judge_api: None,
            judge_key_env: None,
            judge_concurrency: 8,
            judge_timeout: 120.0,
            judge_retries: 4,
            judge_cache: None,
            no_judge_cache: false,
            judge_prompt: None,
        }
    }
}

impl JudgeArgs {
    /// Whether any judge was asked for.
    pub fn enabled(&self) -> bool {
        self.judge_cmd.is_some()
            || self.judge_url.is_some()
            || self.judge_model.is_some()
            || self.judge_api.is_some()
    }

    /// The prompts these flags select for `rubric`.
    pub fn prompts(&self, rubric: &crate::rubric::Rubric) -> Result<Prompts, JudgeError> {
        match &self.judge_prompt {
            Some(f) => Prompts::from_file(f, rubric),
            None => Ok(Prompts::builtin(rubric)),
        }
    }

    fn timeout(&self) -> Result<Duration, JudgeError> {
        Duration::try_from_secs_f64(self.judge_timeout)
            .ok()
            .filter(|d| !d.is_zero())
            .ok_or_else(|| {
                JudgeError::Setup(format!(
                    "--judge-timeout {} is not a positive number of seconds",
                    self.judge_timeout
                ))
            })
    }

    /// The backend these flags describe, for prompts hashed `prompt_hash`.
    pub fn backend(&self, prompt_hash: &str) -> Result<Box<dyn Backend>, JudgeError> {
        let timeout = self.timeout()?;
        if let Some(cmd) = &self.judge_cmd {
            return Ok(Box::new(CmdBackend::spawn(cmd, prompt_hash, timeout)?));
        }
        let api = self.judge_api.unwrap_or(ApiKind::Openai);
        let Some(model) = &self.judge_model else {
            return Err(JudgeError::Setup(
                "an HTTP judge needs --judge-model NAME (the model's name on the server)".into(),
            ));
        };
        let url = self.judge_url.clone().unwrap_or_else(|| {
            match api {
                ApiKind::Openai => OPENAI_URL,
                ApiKind::Anthropic => ANTHROPIC_URL,
            }
            .to_string()
        });
        let var = self.judge_key_env.clone().unwrap_or_else(|| {
            match api {
                ApiKind::Openai => "OPENAI_API_KEY",
                ApiKind::Anthropic => "ANTHROPIC_API_KEY",
            }
            .to_string()
        });
        let key = Secret::from_env(&var);
        if key.is_none() && url.trim_end_matches('/') == OPENAI_URL {
            return Err(JudgeError::Setup(format!(
                "the OpenAI API needs a key: set it in ${var} (or name another variable with --judge-key-env)"
            )));
        }
        if key.is_none() && api == ApiKind::Anthropic {
            return Err(JudgeError::Setup(format!(
                "the Anthropic API needs a key: set it in ${var} (or name another variable with --judge-key-env)"
            )));
        }
        let mut config = HttpConfig::new(api, &url, model);
        config.key = key;
        config.timeout = timeout;
        config.retries = self.judge_retries;
        Ok(Box::new(HttpBackend::new(config, prompt_hash)?))
    }

    /// The judge these flags describe for `rubric`, or `None` without judge flags.
    pub fn build(&self, rubric: &crate::rubric::Rubric) -> Result<Option<Judge>, JudgeError> {
        if !self.enabled() {
            return Ok(None);
        }
        let prompts = self.prompts(rubric)?;
        let backend = self.backend(prompts.hash())?;
        let cache = if self.no_judge_cache {
            None
        } else {
            match self.judge_cache.clone().or_else(Cache::default_dir) {
                Some(dir) => Some(Cache::open(&dir, backend.identity())?),
                None => None,
            }
        };
        let pool = Pool::new(
            backend,
            cache,
            PoolConfig {
                concurrency: usize::from(self.judge_concurrency),
                // Bounded: a judge slower than the rubric pass holds the
                // pass back instead of filling memory with requests.
                queue: Some(crate::engine::judging::QUEUE),
            },
        )?;
        Ok(Some(Judge { prompts, pool }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        judge: JudgeArgs,
    }

    fn flags(args: &[&str]) -> Result<JudgeArgs, clap::Error> {
        Flags::try_parse_from(std::iter::once("assay").chain(args.iter().copied())).map(|f| f.judge)
    }

    #[test]
    fn no_flag_means_no_judge_and_the_defaults_are_the_flags_defaults() {
        let rubric = crate::rubric::builtin();
        let none = flags(&[]).unwrap();
        assert_eq!(format!("{none:?}"), format!("{:?}", JudgeArgs::default()));
        assert!(!none.enabled());
        assert!(none.build(&rubric).unwrap().is_none());
    }

    #[test]
    fn flags_pick_the_backend_and_wrong_combinations_say_what_to_do() {
        let rubric = crate::rubric::builtin();
        assert!(flags(&["--judge-cmd", "x", "--judge-model", "m"]).is_err());
        assert!(flags(&["--judge-cache", "/tmp/x", "--no-judge-cache"]).is_err());
        assert!(flags(&["--judge-concurrency", "0"]).is_err());
        let local = flags(&[
            "--judge-url",
            "http://127.0.0.1:9/v1",
            "--judge-model",
            "m",
            "--no-judge-cache",
        ])
        .unwrap();
        let judge = local.build(&rubric).unwrap().expect("a judge");
        assert_eq!(judge.pool.identity().backend, "openai");
        assert_eq!(judge.pool.identity().prompt_hash, judge.prompts.hash());
        let e = flags(&["--judge-url", "http://127.0.0.1:9/v1"])
            .unwrap()
            .build(&rubric)
            .unwrap_err();
        assert!(e.to_string().contains("--judge-model"), "{e}");
        let e = flags(&["--judge-cmd", "cat", "--judge-timeout", "0"])
            .unwrap()
            .build(&rubric)
            .unwrap_err();
        assert!(e.to_string().contains("--judge-timeout"), "{e}");
        let e = flags(&["--judge-url", "localhost:8000", "--judge-model", "m"])
            .unwrap()
            .build(&rubric)
            .unwrap_err();
        assert!(e.to_string().contains("not an http"), "{e}");
    }
}
