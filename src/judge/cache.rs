//! The judge cache: one JSON file per verdict on disk, so a rerun, a
//! resumed run or a run over one more file pays only for the new records.
//!
//! Key: SHA-256 of the judge [`Identity`] (backend, model, prompt hash) and
//! of the request's content — the record's id, epoch, model, scenario and
//! condition, the rubric's behaviour lists, the full prompt and the
//! transcript — as canonical JSON. Not the `request_id` (a run's own name
//! for the record), the `source` file name, the `reason` or the rubric's
//! `candidates`: none changes what a judge is asked, so a record judged for
//! the audit is not judged again when it is contested, or when it moves to
//! another file. The same bytes hash the same on every machine.
//!
//! Layout: `DIR/<identity hash>/<first two hex digits>/<key>.json`. Each
//! entry is written to a temporary file in its final directory and renamed
//! into place, so a reader never sees half an entry and two runs sharing a
//! directory at most write the same verdict twice. Only verdicts are cached,
//! never failures (a timeout is tried again next run). An entry that does
//! not read back as a valid verdict for its key and identity (truncated,
//! edited, from another version) is ignored, counted and reported, and the
//! record is judged again (its entry then overwritten).

use super::request::Request;
use super::{Identity, JudgeError, Verdict, sha256_hex};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Written into every entry; entries of another format are not trusted.
const FORMAT: &str = "assay-judge-cache-1";

/// Corrupt entries named in the report (the count covers them all).
const EXAMPLES: usize = 5;

/// A request's cache key (hex SHA-256).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey(pub String);

#[derive(Serialize)]
struct Hashed<'a> {
    id: &'a serde_json::Value,
    epoch: Option<i64>,
    model: &'a str,
    scenario: &'a str,
    condition: &'a str,
    rubric: &'a super::RubricInfo,
    prompt: &'a str,
    transcript: &'a serde_json::Value,
}

impl CacheKey {
    /// The key of `req` for the judge `identity`.
    pub fn new(identity: &Identity, req: &Request) -> CacheKey {
        let content = serde_json::to_vec(&Hashed {
            id: &req.id,
            epoch: req.epoch,
            model: &req.model,
            scenario: &req.scenario,
            condition: &req.condition,
            rubric: &req.rubric,
            prompt: &req.prompt,
            transcript: &req.transcript,
        })
        .unwrap_or_default();
        CacheKey(sha256_hex(&[
            identity.backend.as_bytes(),
            identity.model.as_bytes(),
            identity.prompt_hash.as_bytes(),
            &content,
        ]))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    format: String,
    key: String,
    identity: Identity,
    failure: bool,
    behaviours: Vec<String>,
    explanation: String,
}

/// An on-disk verdict cache for one judge identity.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    identity: Identity,
    temp: AtomicU64,
    corrupt: AtomicU64,
    write_errors: AtomicU64,
    examples: Mutex<Vec<String>>,
}

impl Cache {
    /// `$XDG_CACHE_HOME/assay/judge`, else `$HOME/.cache/assay/judge`.
    pub fn default_dir() -> Option<PathBuf> {
        let from = |var: &str| {
            std::env::var_os(var)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        from("XDG_CACHE_HOME")
            .or_else(|| from("HOME").map(|h| h.join(".cache")))
            .map(|c| c.join("assay").join("judge"))
    }

    /// Opens (creating) the cache under `root` for `identity`.
    pub fn open(root: &Path, identity: &Identity) -> Result<Cache, JudgeError> {
        let id_hash = sha256_hex(&[
            identity.backend.as_bytes(),
            identity.model.as_bytes(),
            identity.prompt_hash.as_bytes(),
        ]);
        let dir = root.join(&id_hash[..16]);
        std::fs::create_dir_all(&dir).map_err(|e| {
            JudgeError::Setup(format!(
                "cannot create the judge cache directory {}: {e}; choose another with --judge-cache DIR, or --no-judge-cache",
                dir.display()
            ))
        })?;
        Ok(Cache {
            dir,
            identity: identity.clone(),
            temp: AtomicU64::new(0),
            corrupt: AtomicU64::new(0),
            write_errors: AtomicU64::new(0),
            examples: Mutex::new(Vec::new()),
        })
    }

    /// The directory this identity's entries live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &CacheKey) -> PathBuf {
        self.dir
            .join(key.0.get(..2).unwrap_or("00"))
            .join(format!("{}.json", key.0))
    }

    /// The cached verdict for `req`, if there is a valid one.
    pub fn get(&self, key: &CacheKey, req: &Request) -> Option<Verdict> {
        let path = self.path(key);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                self.note_corrupt(&path, &format!("unreadable: {e}"));
                return None;
            }
        };
        match self.check(key, req, &bytes) {
            Ok(v) => Some(v),
            Err(why) => {
                self.note_corrupt(&path, &why);
                None
            }
        }
    }

    fn check(&self, key: &CacheKey, req: &Request, bytes: &[u8]) -> Result<Verdict, String> {
        let e: Entry = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if e.format != FORMAT {
            return Err(format!("format `{}`, expected `{FORMAT}`", e.format));
        }
        if e.key != key.0 || e.identity != self.identity {
            return Err("written for another request or judge".into());
        }
        // The same strict reading as a fresh answer: names and consistency.
        let answer = serde_json::json!({
            "failure": e.failure,
            "behaviours": e.behaviours,
            "explanation": e.explanation,
        });
        Verdict::parse_answer(&answer.to_string(), &req.request_id, &req.rubric)
            .map_err(|e| e.to_string())
    }

    fn note_corrupt(&self, path: &Path, why: &str) {
        self.corrupt.fetch_add(1, Ordering::Relaxed);
        let mut ex = self.examples.lock().unwrap_or_else(|p| p.into_inner());
        if ex.len() < EXAMPLES {
            ex.push(format!("{}: {why}", path.display()));
        }
    }

    /// Stores `verdict` under `key` (atomically). A failure to write is
    /// counted, never fatal: the run has its verdict either way.
    pub fn put(&self, key: &CacheKey, verdict: &Verdict) {
        let path = self.path(key);
        let entry = Entry {
            format: FORMAT.into(),
            key: key.0.clone(),
            identity: self.identity.clone(),
            failure: verdict.failure,
            behaviours: verdict.behaviours.clone(),
            explanation: verdict.explanation.clone(),
        };
        let tmp = path.with_file_name(format!(
            ".tmp-{}-{}-{}",
            std::process::id(),
            self.temp.fetch_add(1, Ordering::Relaxed),
            key.0
        ));
        let r = (|| -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let bytes = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &path)
        })();
        if r.is_err() {
            let _ = std::fs::remove_file(&tmp);
            self.write_errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Entries ignored because they did not read back as valid verdicts.
    pub fn corrupt(&self) -> u64 {
        self.corrupt.load(Ordering::Relaxed)
    }

    /// The first few corrupt entries: path and why.
    pub fn corrupt_examples(&self) -> Vec<String> {
        self.examples
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Entries that could not be written.
    pub fn write_errors(&self) -> u64 {
        self.write_errors.load(Ordering::Relaxed)
    }
}
