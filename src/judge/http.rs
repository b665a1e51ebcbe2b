//! The HTTP backends: an OpenAI-compatible chat-completions endpoint (vLLM,
//! llama.cpp's server, Ollama, OpenAI and others speak it) and the Anthropic
//! Messages API. Both send the composed prompt as one user message, ask for
//! one JSON object at temperature 0, and read the answer with
//! [`Verdict::parse_answer`] (a ```` ```json ```` fence is tolerated, nothing
//! else).
//!
//! Failures: 429 and 5xx answers, dropped or refused connections and
//! timeouts are retried up to `retries` times, waiting the server's
//! `Retry-After` (seconds) when it sends one and otherwise an exponential
//! backoff with jitter (so many workers that failed together do not retry
//! together). Other statuses (400, 401, 404) are not retried: the request
//! itself is wrong. A 2xx body that is not the API's shape, or whose answer
//! is not a valid verdict, is not retried either (temperature 0 would
//! answer the same).
//!
//! The API key is held in a [`Secret`], whose `Debug` prints no key, and any
//! text quoted from a server in an error has the key replaced by
//! `<redacted>`, should a server echo it back.

use super::prompt::SYSTEM;
use super::request::Request;
use super::{Answer, Backend, Identity, JudgeError, Usage, Verdict, excerpt, sha256_hex};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// An API key. Never printed: `Debug` shows `Secret(<redacted>)`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Secret {
        Secret(key.into())
    }

    /// The key in environment variable `var`, if it is set and not empty.
    pub fn from_env(var: &str) -> Option<Secret> {
        std::env::var(var)
            .ok()
            .filter(|k| !k.trim().is_empty())
            .map(|k| Secret(k.trim().to_string()))
    }

    /// Replaces the key in `text` with `<redacted>`.
    fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_string()
        } else {
            text.replace(&self.0, "<redacted>")
        }
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Which API shape the server speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ApiKind {
    /// OpenAI-compatible chat completions (`POST {url}/chat/completions`).
    Openai,
    /// Anthropic Messages (`POST {url}/v1/messages`).
    Anthropic,
}

impl ApiKind {
    /// The name used in the judge identity.
    pub fn name(self) -> &'static str {
        match self {
            ApiKind::Openai => "openai",
            ApiKind::Anthropic => "anthropic",
        }
    }
}

/// Settings of an HTTP backend.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// The API shape.
    pub api: ApiKind,
    /// The server's base URL (or the full endpoint URL).
    pub url: String,
    /// The model name sent in each request.
    pub model: String,
    /// The API key, if the server needs one.
    pub key: Option<Secret>,
    /// Longest wait for one attempt (connect, send, answer).
    pub timeout: Duration,
    /// Attempts after the first, for 429, 5xx, connection errors and timeouts.
    pub retries: u32,
    /// First backoff wait; it doubles each attempt.
    pub backoff: Duration,
    /// Longest backoff wait, and longest `Retry-After` honoured.
    pub max_backoff: Duration,
    /// The answer's token limit.
    pub max_tokens: u32,
}

impl HttpConfig {
    /// Defaults for `api` at `url` with `model`: 120 s timeout, 4 retries,
    /// backoff from 1 s up to 60 s.
    pub fn new(api: ApiKind, url: &str, model: &str) -> HttpConfig {
        HttpConfig {
            api,
            url: url.to_string(),
            model: model.to_string(),
            key: None,
            timeout: Duration::from_secs(120),
            retries: 4,
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            max_tokens: 1024,
        }
    }
}

/// An OpenAI-compatible or Anthropic judge.
pub struct HttpBackend {
    config: HttpConfig,
    endpoint: String,
    identity: Identity,
    agent: ureq::Agent,
    /// Tokens every answered call reported, whether its verdict parsed or not.
    spent_in: AtomicU64,
    spent_out: AtomicU64,
}

impl std::fmt::Debug for HttpBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpBackend")
            .field("config", &self.config)
            .field("endpoint", &self.endpoint)
            .field("identity", &self.identity)
            .finish_non_exhaustive()
    }
}

/// What one attempt ended with.
enum Attempt {
    Done(Result<Answer, JudgeError>),
    /// Worth another try, after the server's `Retry-After` if it gave one.
    Retry(JudgeError, Option<Duration>),
}

impl HttpBackend {
    /// A backend for `config`; `prompt_hash` completes the identity.
    pub fn new(config: HttpConfig, prompt_hash: &str) -> Result<HttpBackend, JudgeError> {
        let base = config.url.trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(JudgeError::Setup(format!(
                "--judge-url `{base}` is not an http:// or https:// URL"
            )));
        }
        let endpoint = match config.api {
            ApiKind::Openai if base.ends_with("/chat/completions") => base.to_string(),
            ApiKind::Openai => format!("{base}/chat/completions"),
            ApiKind::Anthropic if base.ends_with("/v1/messages") => base.to_string(),
            ApiKind::Anthropic if base.ends_with("/v1") => format!("{base}/messages"),
            ApiKind::Anthropic => format!("{base}/v1/messages"),
        };
        if config.api == ApiKind::Anthropic && config.key.is_none() {
            return Err(JudgeError::Setup(
                "the Anthropic API needs a key: set it in the environment variable named by --judge-key-env (default ANTHROPIC_API_KEY)".into(),
            ));
        }
        let agent_config = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .max_idle_connections(256)
            .max_idle_connections_per_host(256)
            .user_agent(concat!("assay-judge/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(HttpBackend {
            identity: Identity {
                backend: config.api.name().into(),
                model: config.model.clone(),
                prompt_hash: prompt_hash.to_string(),
            },
            endpoint,
            agent: ureq::Agent::new_with_config(agent_config),
            config,
            spent_in: AtomicU64::new(0),
            spent_out: AtomicU64::new(0),
        })
    }

    fn body(&self, req: &Request) -> String {
        let v = match self.config.api {
            ApiKind::Openai => json!({
                "model": self.config.model,
                "messages": [
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": req.prompt},
                ],
                "temperature": 0,
                "max_tokens": self.config.max_tokens,
                "response_format": {"type": "json_object"},
            }),
            ApiKind::Anthropic => json!({
                "model": self.config.model,
                "system": SYSTEM,
                "messages": [{"role": "user", "content": req.prompt}],
                "temperature": 0,
                "max_tokens": self.config.max_tokens,
            }),
        };
        v.to_string()
    }

    fn redact(&self, text: &str) -> String {
        match &self.config.key {
            Some(k) => k.redact(text),
            None => text.to_string(),
        }
    }

    fn attempt(&self, req: &Request, body: &str, attempts: u32) -> Attempt {
        let mut r = self
            .agent
            .post(&self.endpoint)
            .header("content-type", "application/json");
        match (self.config.api, &self.config.key) {
            (ApiKind::Openai, Some(k)) => {
                r = r.header("authorization", format!("Bearer {}", k.0));
            }
            (ApiKind::Anthropic, Some(k)) => {
                r = r
                    .header("x-api-key", k.0.as_str())
                    .header("anthropic-version", "2023-06-01");
            }
            (_, None) => {}
        }
        let mut resp = match r.send(body) {
            Ok(resp) => resp,
            Err(e) => return self.transport_error(e, attempts, ""),
        };
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| Duration::from_secs_f64(s).min(self.config.max_backoff));
        let text = match resp.body_mut().read_to_string() {
            Ok(t) => t,
            Err(e) => return self.transport_error(e, attempts, "the answer was cut off: "),
        };
        if !(200..300).contains(&status) {
            let err = JudgeError::Status {
                status,
                body: excerpt(&self.redact(text.trim()), 300),
                attempts,
            };
            return if status == 429 || status >= 500 {
                Attempt::Retry(err, retry_after)
            } else {
                Attempt::Done(Err(err))
            };
        }
        Attempt::Done(self.read_answer(req, &text))
    }

    /// A failure to send or to read the answer: timeouts and connection
    /// trouble are worth another attempt; the rest (a bad URL, an answer
    /// over the client's size limit) are not.
    fn transport_error(&self, e: ureq::Error, attempts: u32, what: &str) -> Attempt {
        let detail = format!("{what}{}", self.redact(&e.to_string()));
        match e {
            ureq::Error::Timeout(_) => Attempt::Retry(
                JudgeError::Timeout {
                    after: self.config.timeout,
                    attempts,
                },
                None,
            ),
            ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::Protocol(_)
            | ureq::Error::HostNotFound => {
                Attempt::Retry(JudgeError::Connection { detail, attempts }, None)
            }
            _ => Attempt::Done(Err(JudgeError::Connection { detail, attempts })),
        }
    }

    fn read_answer(&self, req: &Request, text: &str) -> Result<Answer, JudgeError> {
        let malformed = |what: &str| JudgeError::Unparsable {
            reason: format!(
                "the server's answer is not a {} response: {what}",
                self.config.api.name()
            ),
            excerpt: excerpt(&self.redact(text), 200),
        };
        let v: Value = serde_json::from_str(text).map_err(|e| malformed(&e.to_string()))?;
        let u = |k: &str| v["usage"][k].as_u64().unwrap_or(0);
        let (answer, usage) = match self.config.api {
            ApiKind::Openai => {
                let content = v["choices"][0]["message"]["content"]
                    .as_str()
                    .ok_or_else(|| malformed("no choices[0].message.content"))?;
                (
                    content.to_string(),
                    Usage {
                        input: u("prompt_tokens"),
                        output: u("completion_tokens"),
                    },
                )
            }
            ApiKind::Anthropic => {
                let blocks = v["content"]
                    .as_array()
                    .ok_or_else(|| malformed("no `content` array"))?;
                let texts: Vec<&str> = blocks
                    .iter()
                    .filter(|b| b["type"] == "text")
                    .filter_map(|b| b["text"].as_str())
                    .collect();
                if texts.is_empty() {
                    return Err(malformed("no text block in `content`"));
                }
                (
                    texts.concat(),
                    Usage {
                        input: u("input_tokens"),
                        output: u("output_tokens"),
                    },
                )
            }
        };
        self.spent_in.fetch_add(usage.input, Ordering::Relaxed);
        self.spent_out.fetch_add(usage.output, Ordering::Relaxed);
        let verdict = Verdict::parse_answer(&answer, &req.request_id, &req.rubric)?;
        Ok(Answer {
            verdict,
            usage,
            retries: 0,
        })
    }

    /// The wait before attempt `attempt + 1` (0-based), with jitter drawn
    /// from the request id so it is spread across requests yet reproducible.
    fn backoff(&self, req: &Request, attempt: u32) -> Duration {
        let base = self
            .config
            .backoff
            .saturating_mul(1u32 << attempt.min(16))
            .min(self.config.max_backoff);
        let h = sha256_hex(&[req.request_id.as_bytes(), &attempt.to_le_bytes()]);
        let u = u64::from_str_radix(&h[..8], 16).unwrap_or(0) as f64 / u32::MAX as f64;
        base.mul_f64(0.5 + 0.5 * u)
    }
}

impl Backend for HttpBackend {
    fn identity(&self) -> &Identity {
        &self.identity
    }

    fn tokens_spent(&self) -> Option<Usage> {
        Some(Usage {
            input: self.spent_in.load(Ordering::Relaxed),
            output: self.spent_out.load(Ordering::Relaxed),
        })
    }

    fn call(&self, req: &Request) -> Result<Answer, JudgeError> {
        let body = self.body(req);
        let mut attempt = 0;
        loop {
            match self.attempt(req, &body, attempt + 1) {
                Attempt::Done(r) => {
                    return r.map(|mut a| {
                        a.retries = attempt;
                        a
                    });
                }
                Attempt::Retry(e, _) if attempt >= self.config.retries => return Err(e),
                Attempt::Retry(_, after) => {
                    std::thread::sleep(after.unwrap_or_else(|| self.backoff(req, attempt)));
                    attempt += 1;
                }
            }
        }
    }
}
