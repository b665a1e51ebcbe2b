//! The judge pool: bounded concurrency over one [`Backend`], with the cache
//! consulted first, and every request's outcome gathered by `request_id`.
//!
//! [`Pool::submit`] only queues the request (the queue is unbounded unless
//! [`PoolConfig::queue`] says otherwise, so the rubric pass never waits on
//! the judge; each queued request holds its prompt and transcript, so a
//! caller judging very many large records may bound it and accept
//! back-pressure). `concurrency` worker threads take requests off the queue.
//!
//! Each distinct request content ([`CacheKey`]) is judged once per run:
//! the first request with a key looks in the cache and otherwise calls the
//! backend; requests with the same key share its outcome, whether they come
//! while it is in flight or after. So calls, cache hits and the verdicts do
//! not depend on the concurrency or on which request got there first.

use super::cache::{Cache, CacheKey};
use super::request::Request;
use super::{Backend, Identity, JudgeError, Verdict};
use crossbeam_channel::{Sender, bounded, unbounded};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Instant;

/// Pool settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolConfig {
    /// Calls in flight at once (at least 1).
    pub concurrency: usize,
    /// Most requests waiting to be judged; `submit` blocks while that many
    /// are. `None`: unbounded.
    pub queue: Option<usize>,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            concurrency: 8,
            queue: None,
        }
    }
}

/// What the judge did in a run: every report prints this.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JudgeStats {
    /// Who judged.
    pub identity: Identity,
    /// Calls allowed in flight at once.
    pub concurrency: usize,
    /// Requests submitted.
    pub requests: u64,
    /// Requests that got a verdict (from a call, the cache or a duplicate).
    pub verdicts: u64,
    /// Backend calls made (retries not counted; see `retries`).
    pub calls: u64,
    /// Requests answered from the on-disk cache.
    pub cache_hits: u64,
    /// Requests whose content equalled an earlier request's in this run,
    /// answered by that request's outcome.
    pub deduplicated: u64,
    /// Requests without a verdict, by [`JudgeError::kind`].
    pub failures: BTreeMap<String, u64>,
    /// Attempts beyond the first, over all calls that got an answer.
    pub retries: u64,
    /// Input tokens the API reported, over every call that got an answer
    /// (whether its verdict parsed or not); 0 for `cmd` judges.
    pub tokens_in: u64,
    /// Output tokens the API reported, likewise.
    pub tokens_out: u64,
    /// Seconds from the first submit to the last outcome.
    pub wall_seconds: f64,
    /// The cache directory in use (`None`: no cache).
    pub cache_dir: Option<String>,
    /// Cache entries ignored because they did not read back as verdicts.
    pub cache_corrupt: u64,
    /// The first few of those: path and why, sorted.
    pub cache_corrupt_examples: Vec<String>,
    /// Cache entries that could not be written.
    pub cache_write_errors: u64,
}

/// The result of a run: every request's outcome, by `request_id`.
#[derive(Debug)]
pub struct JudgeRun {
    /// `Ok`: the judge's verdict; `Err`: why the record stays unjudged.
    pub outcomes: BTreeMap<String, Result<Verdict, JudgeError>>,
    /// What the judge did.
    pub stats: JudgeStats,
}

enum KeyState {
    /// Being judged; these other requests wait for its outcome.
    InFlight(Vec<String>),
    Done(Result<Verdict, JudgeError>),
}

#[derive(Default)]
struct State {
    submitted: HashSet<String>,
    keys: HashMap<CacheKey, KeyState>,
    outcomes: BTreeMap<String, Result<Verdict, JudgeError>>,
    calls: u64,
    cache_hits: u64,
    deduplicated: u64,
    retries: u64,
    tokens_in: u64,
    tokens_out: u64,
    first_submit: Option<Instant>,
    last_outcome: Option<Instant>,
}

struct Shared {
    backend: Box<dyn Backend>,
    cache: Option<Cache>,
    state: Mutex<State>,
    cancelled: AtomicBool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn judge(&self, req: Request) {
        let key = CacheKey::new(self.backend.identity(), &req);
        {
            let mut st = self.lock();
            match st.keys.get_mut(&key) {
                Some(KeyState::InFlight(waiting)) => {
                    waiting.push(req.request_id);
                    st.deduplicated += 1;
                    return;
                }
                Some(KeyState::Done(r)) => {
                    let r = renamed(r, &req.request_id);
                    st.deduplicated += 1;
                    st.outcomes.insert(req.request_id, r);
                    st.last_outcome = Some(Instant::now());
                    return;
                }
                None => {
                    st.keys.insert(key.clone(), KeyState::InFlight(Vec::new()));
                }
            }
        }
        let cached = self.cache.as_ref().and_then(|c| c.get(&key, &req));
        let hit = cached.is_some();
        let (result, answer) = match cached {
            Some(v) => (Ok(v), None),
            None => match self.backend.call(&req) {
                Ok(a) => {
                    if let Some(c) = &self.cache {
                        c.put(&key, &a.verdict);
                    }
                    (Ok(a.verdict.clone()), Some(a))
                }
                Err(e) => (Err(e), None),
            },
        };
        let mut st = self.lock();
        if hit {
            st.cache_hits += 1;
        } else {
            st.calls += 1;
        }
        if let Some(a) = answer {
            st.retries += u64::from(a.retries);
            st.tokens_in += a.usage.input;
            st.tokens_out += a.usage.output;
        }
        let waiting = match st.keys.insert(key, KeyState::Done(result.clone())) {
            Some(KeyState::InFlight(w)) => w,
            _ => Vec::new(),
        };
        for id in waiting {
            let r = renamed(&result, &id);
            st.outcomes.insert(id, r);
        }
        st.outcomes.insert(req.request_id, result);
        st.last_outcome = Some(Instant::now());
    }
}

/// `r` as the outcome of request `id` (a verdict names its request).
fn renamed(r: &Result<Verdict, JudgeError>, id: &str) -> Result<Verdict, JudgeError> {
    r.clone().map(|mut v| {
        v.request_id = id.to_string();
        v
    })
}

/// Judges requests concurrently; see the module docs.
pub struct Pool {
    shared: Arc<Shared>,
    tx: Option<Sender<Request>>,
    workers: Vec<JoinHandle<()>>,
    concurrency: usize,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("identity", self.shared.backend.identity())
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// Starts `config.concurrency` workers over `backend`, with `cache` if any.
    pub fn new(
        backend: Box<dyn Backend>,
        cache: Option<Cache>,
        config: PoolConfig,
    ) -> Result<Pool, JudgeError> {
        let concurrency = config.concurrency.max(1);
        let (tx, rx) = match config.queue {
            Some(n) => bounded::<Request>(n.max(1)),
            None => unbounded(),
        };
        let shared = Arc::new(Shared {
            backend,
            cache,
            state: Mutex::new(State::default()),
            cancelled: AtomicBool::new(false),
        });
        let mut pool = Pool {
            shared,
            tx: Some(tx),
            workers: Vec::with_capacity(concurrency),
            concurrency,
        };
        for i in 0..concurrency {
            let rx = rx.clone();
            let shared = pool.shared.clone();
            let h = std::thread::Builder::new()
                .name(format!("judge-{i}"))
                .spawn(move || {
                    for req in rx {
                        if shared.cancelled.load(Ordering::Relaxed) {
                            continue;
                        }
                        shared.judge(req);
                    }
                })
                .map_err(|e| {
                    JudgeError::Setup(format!(
                        "cannot start judge worker threads: {e}; lower --judge-concurrency"
                    ))
                })?;
            pool.workers.push(h);
        }
        Ok(pool)
    }

    /// The judge's identity.
    pub fn identity(&self) -> &Identity {
        self.shared.backend.identity()
    }

    /// Queues `req`; returns at once (unless a bounded queue is full).
    /// Refuses a `request_id` submitted before.
    pub fn submit(&self, req: Request) -> Result<(), JudgeError> {
        {
            let mut st = self.shared.lock();
            if !st.submitted.insert(req.request_id.clone()) {
                return Err(JudgeError::Duplicate(req.request_id));
            }
            st.first_submit.get_or_insert_with(Instant::now);
        }
        let id = req.request_id.clone();
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(req).is_ok());
        if !sent {
            self.shared.lock().submitted.remove(&id);
            return Err(JudgeError::Setup(
                "the judge pool has stopped; no more requests can be judged".into(),
            ));
        }
        Ok(())
    }

    /// Waits for every submitted request and returns the outcomes, sorted
    /// by `request_id`, and the statistics.
    pub fn finish(mut self) -> JudgeRun {
        self.tx = None;
        for h in self.workers.drain(..) {
            let _ = h.join();
        }
        let shared = &self.shared;
        let mut st = shared.lock();
        // A request without an outcome means a worker died mid-call; the
        // record is then unjudged, like any other failure.
        let missing: Vec<String> = st
            .submitted
            .iter()
            .filter(|id| !st.outcomes.contains_key(*id))
            .cloned()
            .collect();
        for id in missing {
            st.outcomes.insert(
                id,
                Err(JudgeError::Setup(
                    "a judge worker stopped unexpectedly (a bug in assay); this record was not judged".into(),
                )),
            );
        }
        let outcomes = std::mem::take(&mut st.outcomes);
        let mut failures = BTreeMap::new();
        for r in outcomes.values() {
            if let Err(e) = r {
                *failures.entry(e.kind().to_string()).or_insert(0) += 1;
            }
        }
        let (tokens_in, tokens_out) = match shared.backend.tokens_spent() {
            Some(u) => (u.input, u.output),
            None => (st.tokens_in, st.tokens_out),
        };
        let cache = shared.cache.as_ref();
        let mut examples = cache.map(Cache::corrupt_examples).unwrap_or_default();
        examples.sort();
        let stats = JudgeStats {
            identity: shared.backend.identity().clone(),
            concurrency: self.concurrency,
            requests: st.submitted.len() as u64,
            verdicts: outcomes.values().filter(|r| r.is_ok()).count() as u64,
            calls: st.calls,
            cache_hits: st.cache_hits,
            deduplicated: st.deduplicated,
            failures,
            retries: st.retries,
            tokens_in,
            tokens_out,
            wall_seconds: match (st.first_submit, st.last_outcome) {
                (Some(a), Some(b)) => b.saturating_duration_since(a).as_secs_f64(),
                _ => 0.0,
            },
            cache_dir: cache.map(|c| c.dir().display().to_string()),
            cache_corrupt: cache.map_or(0, Cache::corrupt),
            cache_corrupt_examples: examples,
            cache_write_errors: cache.map_or(0, Cache::write_errors),
        };
        JudgeRun { outcomes, stats }
    }
}

impl Drop for Pool {
    /// A pool dropped without [`Pool::finish`] (an interrupted run) skips
    /// the queued requests and waits only for the calls in flight.
    fn drop(&mut self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
        self.tx = None;
        for h in self.workers.drain(..) {
            let _ = h.join();
        }
    }
}

// The engine's sink workers share one pool across threads (`Arc<Pool>`).
const _: fn() = || {
    fn shared_across_threads<T: Send + Sync>() {}
    shared_across_threads::<Pool>();
};
