//! Shards: a grading run's complete state, written to a file and merged.
//!
//! A sweep too big for one machine (or one process) is graded in pieces;
//! each piece writes a [`Shard`] (`assay grade --tally-out FILE`) and
//! `assay merge` adds them into the report one run over all the inputs
//! gives, byte for byte. That works because everything a report shows is
//! either a count that adds ([`Tally`](super::Tally), line accounting) or a list kept in
//! input order (files, the first malformed lines, the first evidence per
//! behaviour) that concatenates, and the only randomness, the bootstrap,
//! draws from a stream seeded by the seed and the group's key, never by a
//! group's position or the shard it came from.
//!
//! A shard also keeps what makes two runs comparable: the assay version,
//! the rubric's hash and behaviours, and every setting that changes a
//! report (`--by`, `--cluster`, interval method, confidence, resamples,
//! seed, how many errors and excerpts are kept). [`merge`] refuses shards
//! that differ in any of them and names the difference.
//!
//! # Format (version 1)
//!
//! One JSON object on one line (documented in `docs/shards.md`):
//!
//! ```text
//! {"format":"assay-tally","version":1,"tool":"assay 0.1.0",
//!  "rubric":{"origin":..,"hash":"<16 hex>","behaviours":[{"name":..,"kind":"failure"|"attribute"}]},
//!  "settings":{"by":[..],"cluster":null|"..","ci":"wilson","confidence":"0.95",
//!              "resamples":10000,"seed":0,"errors_kept":1000,"excerpts":3},
//!  "files":[{"path":..,"bytes":..,"lines":..,"graded":..,"malformed":..,"blank":..,
//!            "error":null|"..","warning":null|"..","size":null|..,"sha256":null|".."}],
//!  "errors":[{"file":..,"line":..,"offset":..,"reason":..}],"errors_total":..,
//!  "input_errors":[{"path":..,"reason":..}],
//!  "excerpts":[{"behaviour":..,"id":..,"model":..,"source":..,"rule":..,"scope":..,"tool":..,"text":..}],
//!  "groups":[{"key":[..],"n":..,"failures":..,"judged":..,"behaviours":[..],"clusters":[[value,failures,trials]]}],
//!  "sha256":"<hex>"}
//! ```
//!
//! `confidence` is a string (Rust's shortest round-trip form) so that it
//! reads back as the same `f64`. `sha256` is the SHA-256 of the compact
//! serialisation of the object without that field: a shard that was cut
//! short fails to parse, and one changed after it was written fails the
//! digest, so neither is ever summed in part. The counts are also checked
//! against each other (groups against graded lines, files against totals).

use super::{GroupTally, LineCounts};
use crate::engine::{Excerpt, FileSummary, Outcome, RecordError};
use crate::input::InputError;
use crate::report::{Provenance, Report};
use crate::rubric::{BehaviourKind, Rubric};
use crate::stats::{CiConfig, CiMethod};
use serde_json::{Map, Value, json};
use std::fmt;

/// The `format` field of every shard.
pub const FORMAT: &str = "assay-tally";
/// The version this build writes and reads.
pub const VERSION: u64 = 1;

/// Settings that change a report; shards merge only when they are equal.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Group-key labels (`--by`), as reports print them.
    pub by: Vec<String>,
    /// Cluster field label (`--cluster`).
    pub cluster: Option<String>,
    /// Interval method, confidence, resamples and seed.
    pub ci: CiConfig,
    /// Malformed-line reports kept (all are counted).
    pub errors_kept: usize,
    /// Evidence excerpts kept per behaviour.
    pub excerpts: usize,
}

/// A grading run's complete state: everything a report is built from.
#[derive(Debug)]
pub struct Shard {
    /// `assay x.y.z` that graded it.
    pub tool: String,
    /// Where the rubric came from (a path, or `<built-in rubric>`).
    pub rubric_origin: String,
    /// The rubric's hash, hex (as reports print it).
    pub rubric_hash: String,
    /// Behaviour names and kinds, rubric order.
    pub behaviours: Vec<(String, BehaviourKind)>,
    /// Report settings.
    pub settings: Settings,
    /// Counts, inputs, kept errors and excerpts. Never interrupted, never
    /// with judge verdicts (see [`Shard::from_outcome`]).
    pub outcome: Outcome,
    /// Size and SHA-256 of each input where known (parallel to
    /// `outcome.files` or empty), for `--html` provenance.
    pub input_digests: Vec<Option<(u64, String)>>,
}

/// Why a shard cannot be read, written or merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError(pub String);

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShardError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ShardError> {
    Err(ShardError(msg.into()))
}

fn kind_name(k: BehaviourKind) -> &'static str {
    match k {
        BehaviourKind::Failure => "failure",
        BehaviourKind::Attribute => "attribute",
    }
}

impl Shard {
    /// The state of a finished run. Refuses a run that was interrupted
    /// (its counts cover part of the input) or used judge verdicts
    /// (`--labels`: which verdicts matched no record is only known over
    /// the whole sweep, so shards of it would not merge exactly).
    pub fn from_outcome(
        outcome: &Outcome,
        rubric: &Rubric,
        rubric_origin: &str,
        settings: Settings,
    ) -> Result<Shard, ShardError> {
        if outcome.interrupted {
            return err(
                "the run was interrupted, so its counts cover only part of the input; no tally \
                 is written; grade the inputs again to the end",
            );
        }
        if outcome.judge.is_some() {
            return err(
                "a tally cannot be written for a run with judge verdicts (--labels): which \
                 verdicts named no record is only known over the whole sweep; grade without \
                 --labels, or in one run",
            );
        }
        Ok(Shard {
            tool: format!("assay {}", env!("CARGO_PKG_VERSION")),
            rubric_origin: rubric_origin.to_string(),
            rubric_hash: format!("{:016x}", rubric.hash()),
            behaviours: rubric
                .behaviours()
                .iter()
                .map(|b| (b.name.clone(), b.kind))
                .collect(),
            settings,
            outcome: Outcome {
                tally: outcome.tally.clone(),
                files: outcome.files.clone(),
                counts: outcome.counts,
                errors: outcome.errors.clone(),
                errors_total: outcome.errors_total,
                input_errors: outcome.input_errors.clone(),
                excerpts: outcome.excerpts.clone(),
                ..Outcome::default()
            },
            input_digests: Vec::new(),
        })
    }

    /// The report one run over the same inputs gives.
    pub fn report(&self) -> Report {
        let mut r = Report::assemble(
            &self.outcome,
            Provenance {
                tool: self.tool.clone(),
                rubric: self.rubric_origin.clone(),
                rubric_hash: self.rubric_hash.clone(),
            },
            self.behaviours.clone(),
            self.settings.by.clone(),
            self.settings.cluster.clone(),
            self.settings.ci.clone(),
        );
        r.input_digests = self.input_digests.clone();
        r
    }

    /// The shard as a JSON value, with its digest.
    pub fn to_json(&self) -> Value {
        let s = &self.settings;
        let o = &self.outcome;
        let files: Vec<Value> = o
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let d = self.input_digests.get(i).and_then(Option::as_ref);
                json!({
                    "path": f.path, "bytes": f.bytes, "lines": f.counts.lines,
                    "graded": f.counts.graded, "malformed": f.counts.malformed,
                    "blank": f.counts.blank, "error": f.error, "warning": f.warning,
                    "size": d.map(|d| d.0), "sha256": d.map(|d| d.1.clone()),
                })
            })
            .collect();
        let groups: Vec<Value> = o
            .tally
            .sorted_groups(s.by.len())
            .into_iter()
            .map(|(key, g)| {
                let clusters: Vec<Value> = g
                    .sorted_clusters()
                    .into_iter()
                    .map(|(c, f, t)| json!([c, f, t]))
                    .collect();
                json!({
                    "key": key, "n": g.n, "failures": g.failures, "judged": g.judged,
                    "behaviours": g.behaviours, "clusters": clusters,
                })
            })
            .collect();
        let mut v = json!({
            "format": FORMAT,
            "version": VERSION,
            "tool": self.tool,
            "rubric": {
                "origin": self.rubric_origin,
                "hash": self.rubric_hash,
                "behaviours": self.behaviours.iter()
                    .map(|(n, k)| json!({"name": n, "kind": kind_name(*k)}))
                    .collect::<Vec<_>>(),
            },
            "settings": {
                "by": s.by, "cluster": s.cluster, "ci": s.ci.method.name(),
                "confidence": s.ci.confidence.to_string(), "resamples": s.ci.resamples,
                "seed": s.ci.seed, "errors_kept": s.errors_kept, "excerpts": s.excerpts,
            },
            "files": files,
            "counts": counts_json(o.counts),
            "errors": o.errors.iter().map(|e| json!({
                "file": e.file, "line": e.line, "offset": e.offset, "reason": e.reason,
            })).collect::<Vec<_>>(),
            "errors_total": o.errors_total,
            "input_errors": o.input_errors.iter()
                .map(|e| json!({"path": e.path, "reason": e.reason}))
                .collect::<Vec<_>>(),
            "excerpts": o.excerpts.iter().map(|e| json!({
                "behaviour": e.behaviour, "id": e.id, "model": e.model, "source": e.source,
                "rule": e.rule, "scope": e.scope, "tool": e.tool, "text": e.text,
            })).collect::<Vec<_>>(),
            "groups": groups,
        });
        let digest = digest_of(&v);
        if let Value::Object(m) = &mut v {
            m.insert("sha256".into(), Value::String(digest));
        }
        v
    }

    /// The shard as the bytes of a file: one JSON line.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = serde_json::to_vec(&self.to_json()).unwrap_or_default();
        b.push(b'\n');
        b
    }

    /// Reads a shard written by [`Shard::to_bytes`]; `name` is used in errors.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Shard, ShardError> {
        let v: Value = serde_json::from_slice(bytes).map_err(|e| {
            ShardError(format!(
                "{name}: not a complete assay tally ({e}); it may have been cut short or is \
                 another kind of file; write it again with `assay grade ... --tally-out`"
            ))
        })?;
        Shard::from_json(name, v)
    }

    /// Reads a shard from its JSON value; `name` is used in errors.
    pub fn from_json(name: &str, mut v: Value) -> Result<Shard, ShardError> {
        let r = Reader { name };
        let m = r.obj(&v, "the file")?;
        if m.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return err(format!(
                "{name}: not an assay tally (no \"format\": \"{FORMAT}\"); write one with \
                 `assay grade ... --tally-out`"
            ));
        }
        let version = r.u64(m, "version")?;
        if version != VERSION {
            return err(format!(
                "{name}: tally format version {version}, but this assay reads version \
                 {VERSION}; grade the inputs again with this assay"
            ));
        }
        let claimed = r.str(m, "sha256")?.to_string();
        if let Value::Object(m) = &mut v {
            m.remove("sha256");
        }
        if digest_of(&v) != claimed {
            return err(format!(
                "{name}: the tally's content does not match its digest: it was changed or \
                 damaged after it was written; grade its inputs again"
            ));
        }
        let m = r.obj(&v, "the file")?;
        let rubric = r.obj(r.get(m, "rubric")?, "rubric")?;
        let mut behaviours = Vec::new();
        for b in r.arr(rubric, "behaviours")? {
            let b = r.obj(b, "rubric.behaviours[]")?;
            let kind = match r.str(b, "kind")? {
                "failure" => BehaviourKind::Failure,
                "attribute" => BehaviourKind::Attribute,
                k => return err(format!("{name}: unknown behaviour kind `{k}`")),
            };
            behaviours.push((r.str(b, "name")?.to_string(), kind));
        }
        let s = r.obj(r.get(m, "settings")?, "settings")?;
        let method_name = r.str(s, "ci")?;
        let method = CiMethod::from_name(method_name).ok_or_else(|| {
            ShardError(format!("{name}: unknown interval method `{method_name}`"))
        })?;
        let confidence: f64 = r
            .str(s, "confidence")?
            .parse()
            .map_err(|_| ShardError(format!("{name}: settings.confidence is not a number")))?;
        let ci = CiConfig::new(
            method,
            confidence,
            r.u64(s, "resamples")?.try_into().unwrap_or(u32::MAX),
            r.u64(s, "seed")?,
        )
        .map_err(|e| ShardError(format!("{name}: {e}")))?;
        let by = r
            .arr(s, "by")?
            .iter()
            .map(|b| r.as_str(b, "settings.by[]").map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        let cluster = r.opt_str(s, "cluster")?;
        let settings = Settings {
            by,
            cluster,
            ci,
            errors_kept: r.u64(s, "errors_kept")? as usize,
            excerpts: r.u64(s, "excerpts")? as usize,
        };
        let mut outcome = Outcome::default();
        let mut digests = Vec::new();
        for f in r.arr(m, "files")? {
            let f = r.obj(f, "files[]")?;
            outcome.files.push(FileSummary {
                path: r.str(f, "path")?.to_string(),
                bytes: r.u64(f, "bytes")?,
                counts: r.counts(f)?,
                error: r.opt_str(f, "error")?,
                warning: r.opt_str(f, "warning")?,
            });
            digests.push(match r.opt_str(f, "sha256")? {
                Some(h) => Some((r.u64(f, "size")?, h)),
                None => None,
            });
        }
        // Digests are all there (grade had --html) or none are used.
        if !digests.iter().all(Option::is_some) {
            digests.clear();
        }
        outcome.counts = r.counts(r.obj(r.get(m, "counts")?, "counts")?)?;
        for e in r.arr(m, "errors")? {
            let e = r.obj(e, "errors[]")?;
            outcome.errors.push(RecordError {
                file: r.str(e, "file")?.to_string(),
                line: r.u64(e, "line")?,
                offset: r.u64(e, "offset")?,
                reason: r.str(e, "reason")?.to_string(),
            });
        }
        outcome.errors_total = r.u64(m, "errors_total")?;
        for e in r.arr(m, "input_errors")? {
            let e = r.obj(e, "input_errors[]")?;
            outcome.input_errors.push(InputError {
                path: r.str(e, "path")?.to_string(),
                reason: r.str(e, "reason")?.to_string(),
            });
        }
        for e in r.arr(m, "excerpts")? {
            let e = r.obj(e, "excerpts[]")?;
            let text = |k| r.str(e, k).map(str::to_string);
            outcome.excerpts.push(Excerpt {
                behaviour: r.u64(e, "behaviour")? as usize,
                id: text("id")?,
                model: text("model")?,
                source: text("source")?,
                rule: text("rule")?,
                scope: text("scope")?,
                tool: text("tool")?,
                text: text("text")?,
            });
        }
        for g in r.arr(m, "groups")? {
            let g = r.obj(g, "groups[]")?;
            let key = r
                .arr(g, "key")?
                .iter()
                .map(|k| r.as_str(k, "groups[].key[]"))
                .collect::<Result<Vec<_>, _>>()?;
            let mut t = GroupTally {
                n: r.u64(g, "n")?,
                failures: r.u64(g, "failures")?,
                judged: r.u64(g, "judged")?,
                behaviours: r
                    .arr(g, "behaviours")?
                    .iter()
                    .map(|c| r.as_u64(c, "groups[].behaviours[]"))
                    .collect::<Result<_, _>>()?,
                ..GroupTally::default()
            };
            for c in r.arr(g, "clusters")? {
                let c = c.as_array().filter(|c| c.len() == 3).ok_or_else(|| {
                    ShardError(format!(
                        "{name}: groups[].clusters[] is not [value, failures, trials]"
                    ))
                })?;
                let value = r.as_str(&c[0], "groups[].clusters[][0]")?;
                let f = r.as_u64(&c[1], "groups[].clusters[][1]")?;
                let n = r.as_u64(&c[2], "groups[].clusters[][2]")?;
                t.clusters.insert(value.to_string(), (f, n));
            }
            if key.len() != settings.by.len() || t.behaviours.len() != behaviours.len() {
                return err(format!(
                    "{name}: a group has {} key parts and {} behaviour counts where the \
                     settings say {} and {}; the tally is damaged; grade its inputs again",
                    key.len(),
                    t.behaviours.len(),
                    settings.by.len(),
                    behaviours.len()
                ));
            }
            outcome.tally.add_group(&key, &t);
        }
        let shard = Shard {
            tool: r.str(m, "tool")?.to_string(),
            rubric_origin: r.str(rubric, "origin")?.to_string(),
            rubric_hash: r.str(rubric, "hash")?.to_string(),
            behaviours,
            settings,
            outcome,
            input_digests: digests,
        };
        shard.check(name)?;
        Ok(shard)
    }

    /// The counts agree with each other: what a consistent run writes.
    fn check(&self, name: &str) -> Result<(), ShardError> {
        let o = &self.outcome;
        let mut files = LineCounts::default();
        for f in &o.files {
            files += f.counts;
        }
        let (mut n, mut bad) = (0u64, false);
        for (_, g) in o.tally.sorted_groups(self.settings.by.len()) {
            n += g.n;
            let trials: u64 = g.clusters.values().map(|c| c.1).sum();
            let cl_failures: u64 = g.clusters.values().map(|c| c.0).sum();
            bad |= g.failures > g.n
                || g.judged > g.n
                || g.behaviours.iter().any(|&b| b > g.n)
                || (self.settings.cluster.is_some()
                    && (trials != g.n || cl_failures != g.failures));
        }
        if bad
            || files != o.counts
            || n != o.counts.graded
            || o.counts.malformed != o.errors_total
            || o.counts.graded + o.counts.malformed + o.counts.blank != o.counts.lines
        {
            return err(format!(
                "{name}: the tally's counts do not add up (groups, files and totals disagree); \
                 it is damaged; grade its inputs again"
            ));
        }
        Ok(())
    }
}

fn counts_json(c: LineCounts) -> Value {
    json!({"lines": c.lines, "graded": c.graded, "malformed": c.malformed, "blank": c.blank})
}

/// SHA-256 (hex) of the compact serialisation of `v`.
fn digest_of(v: &Value) -> String {
    use sha2::{Digest, Sha256};
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Field access with errors that name the shard and the field.
struct Reader<'n> {
    name: &'n str,
}

impl Reader<'_> {
    fn missing(&self, what: &str, wants: &str) -> ShardError {
        ShardError(format!(
            "{}: field `{what}` is missing or not {wants}; the tally is damaged or was not \
             written by assay; grade its inputs again",
            self.name
        ))
    }
    fn get<'v>(&self, m: &'v Map<String, Value>, k: &str) -> Result<&'v Value, ShardError> {
        m.get(k).ok_or_else(|| self.missing(k, "present"))
    }
    fn obj<'v>(&self, v: &'v Value, what: &str) -> Result<&'v Map<String, Value>, ShardError> {
        v.as_object().ok_or_else(|| self.missing(what, "an object"))
    }
    fn arr<'v>(&self, m: &'v Map<String, Value>, k: &str) -> Result<&'v Vec<Value>, ShardError> {
        m.get(k)
            .and_then(Value::as_array)
            .ok_or_else(|| self.missing(k, "an array"))
    }
    fn str<'v>(&self, m: &'v Map<String, Value>, k: &str) -> Result<&'v str, ShardError> {
        m.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| self.missing(k, "a string"))
    }
    fn as_str<'v>(&self, v: &'v Value, what: &str) -> Result<&'v str, ShardError> {
        v.as_str().ok_or_else(|| self.missing(what, "a string"))
    }
    fn opt_str(&self, m: &Map<String, Value>, k: &str) -> Result<Option<String>, ShardError> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.missing(k, "a string or null")),
        }
    }
    fn u64(&self, m: &Map<String, Value>, k: &str) -> Result<u64, ShardError> {
        m.get(k)
            .and_then(Value::as_u64)
            .ok_or_else(|| self.missing(k, "a whole number"))
    }
    fn as_u64(&self, v: &Value, what: &str) -> Result<u64, ShardError> {
        v.as_u64()
            .ok_or_else(|| self.missing(what, "a whole number"))
    }
    fn counts(&self, m: &Map<String, Value>) -> Result<LineCounts, ShardError> {
        Ok(LineCounts {
            lines: self.u64(m, "lines")?,
            graded: self.u64(m, "graded")?,
            malformed: self.u64(m, "malformed")?,
            blank: self.u64(m, "blank")?,
        })
    }
}

/// Adds shards, in the order given, into the shard one run over all their
/// inputs in that order would have written. Refuses shards whose assay
/// version, rubric or report settings differ, naming the difference.
pub fn merge(shards: &[(&str, &Shard)]) -> Result<Shard, ShardError> {
    let Some(((first_name, first), rest)) = shards.split_first() else {
        return err("no tally to merge; give one or more files written by --tally-out");
    };
    for (name, s) in rest {
        let differ = |what: &str, a: &dyn fmt::Debug, b: &dyn fmt::Debug| {
            ShardError(format!(
                "cannot merge {name} with {first_name}: they were graded with different \
                 {what} ({b:?} there, {a:?} here); grade both with the same {what}"
            ))
        };
        if s.tool != first.tool {
            return Err(differ("assay versions", &s.tool, &first.tool));
        }
        if s.rubric_hash != first.rubric_hash || s.behaviours != first.behaviours {
            return Err(differ(
                "rubrics",
                &format!("{} {}", s.rubric_origin, s.rubric_hash),
                &format!("{} {}", first.rubric_origin, first.rubric_hash),
            ));
        }
        let (a, b) = (&s.settings, &first.settings);
        if a.by != b.by {
            return Err(differ("--by", &a.by, &b.by));
        }
        if a.cluster != b.cluster {
            let none = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".into());
            return Err(differ("--cluster", &none(&a.cluster), &none(&b.cluster)));
        }
        if a.ci.method != b.ci.method {
            return Err(differ("--ci", &a.ci.method.name(), &b.ci.method.name()));
        }
        if a.ci.confidence != b.ci.confidence {
            return Err(differ("--confidence", &a.ci.confidence, &b.ci.confidence));
        }
        if a.ci.resamples != b.ci.resamples {
            return Err(differ("--resamples", &a.ci.resamples, &b.ci.resamples));
        }
        if a.ci.seed != b.ci.seed {
            return Err(differ("--seed", &a.ci.seed, &b.ci.seed));
        }
        if a != b {
            return Err(differ(
                "numbers of kept errors and excerpts",
                &(a.errors_kept, a.excerpts),
                &(b.errors_kept, b.excerpts),
            ));
        }
    }
    let settings = first.settings.clone();
    let mut out = Outcome::default();
    let mut digests = Vec::new();
    let all_digests = shards
        .iter()
        .all(|(_, s)| s.input_digests.len() == s.outcome.files.len());
    for (_, s) in shards {
        let o = &s.outcome;
        out.tally.merge(&o.tally);
        out.files.extend(o.files.iter().cloned());
        out.counts += o.counts;
        out.errors.extend(o.errors.iter().cloned());
        out.errors_total += o.errors_total;
        out.input_errors.extend(o.input_errors.iter().cloned());
        out.excerpts.extend(o.excerpts.iter().cloned());
        if all_digests {
            digests.extend(s.input_digests.iter().cloned());
        }
    }
    // One run keeps the first errors and excerpts in input order, and lists
    // excerpts behaviour by behaviour: the same cut of the concatenation.
    out.errors.truncate(settings.errors_kept);
    out.excerpts.sort_by_key(|e| e.behaviour);
    let mut per = vec![0usize; first.behaviours.len()];
    out.excerpts.retain(|e| match per.get_mut(e.behaviour) {
        Some(c) if *c < settings.excerpts => {
            *c += 1;
            true
        }
        _ => false,
    });
    Ok(Shard {
        tool: first.tool.clone(),
        rubric_origin: first.rubric_origin.clone(),
        rubric_hash: first.rubric_hash.clone(),
        behaviours: first.behaviours.clone(),
        settings,
        outcome: out,
        input_digests: digests,
    })
}
