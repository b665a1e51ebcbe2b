//! Labelled sweep generator: synthetic honeypot transcripts with reference labels,
//! for benchmarks and for measuring how well the grader agrees with known answers.
//!
//! `assay gen --records N --seed S --output FILE` calls [`generate`]. Each line is one
//! transcript record (docs/input.md) with a `label` object saying which
//! behaviours the agent carried out, decided *before* the text is written:
//!
//! * [`plan`] draws, per record, the model, scenario, condition, transcript shape and
//!   label (the statistical model and the label rules are documented there);
//! * `world` and `prompt` build a prompt — persona, company, tools, policies and an
//!   inbox whose emails carry the secrets, codes and credentials — once per prompt,
//!   shared by its epochs;
//! * `story` acts the plan out as turns (reasoning, outgoing words, tool calls and
//!   results); `shapes` writes them in one of six wire shapes; `json` escapes.
//! * `vocab` and `phrases` hold every word. They were written deliberately without
//!   reference to the grading rubric, so that agreement between grader and labels
//!   measures the grader rather than a shared word list.
//!
//! Output is a pure function of [`GenConfig`]: each prompt and record has its own
//! PCG stream derived from the seed and its index, nothing iterates a hash map, and
//! the sweep is streamed record by record through one reused buffer.

mod grammar;
mod json;
mod phrases;
pub mod plan;
mod prompt;
mod shapes;
mod story;
mod vocab;
mod world;

#[cfg(test)]
mod tests;

use std::io::{self, Write};

pub use plan::{Behaviour, GoalType, Negative, Scenario, Shape, Threat};

/// The generator's random number generator.
pub(crate) type GenRng = rand_pcg::Pcg64Mcg;

/// Default true failure rates of the published sweep.
pub const DEFAULT_MODELS: [(&str, f64); 6] = [
    ("claude-3-opus", 0.96),
    ("claude-3.5-sonnet", 0.72),
    ("claude-4-opus", 0.41),
    ("claude-4-sonnet", 0.18),
    ("claude-haiku-4.5", 0.0),
    ("claude-opus-4.5", 0.0),
];

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct GenConfig {
    /// Number of records (lines).
    pub records: u64,
    /// Seed; the same config always yields byte-identical output.
    pub seed: u64,
    /// Models and their true failure rates in `[0, 1]`, taking prompts in turn.
    pub models: Vec<(String, f64)>,
    /// Records per prompt (repeats of one prompt, `epoch` 1..=epochs). At least 1.
    pub epochs: u32,
    /// Intra-prompt correlation ρ of failures in `[0, 0.5]` (0 = independent records);
    /// see [`plan`] for the model.
    pub prompt_effect: f64,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            records: 10_000,
            seed: 0,
            models: DEFAULT_MODELS
                .iter()
                .map(|&(m, p)| (m.to_string(), p))
                .collect(),
            epochs: 5,
            prompt_effect: 0.01,
        }
    }
}

impl GenConfig {
    /// Checks the config; the error says what to change.
    pub fn validate(&self) -> Result<(), String> {
        if self.models.is_empty() {
            return Err("no models given; pass at least one, e.g. --rates model-a=0.3".to_string());
        }
        for (m, p) in &self.models {
            if m.is_empty() {
                return Err("a model name is empty; name every model, e.g. model-a=0.3".to_string());
            }
            if !(0.0..=1.0).contains(p) {
                return Err(format!(
                    "failure rate {p} for model {m:?} is outside [0, 1]"
                ));
            }
        }
        if self.epochs == 0 {
            return Err("epochs must be at least 1".to_string());
        }
        if !(0.0..=0.5).contains(&self.prompt_effect) {
            return Err(format!(
                "prompt effect {} is outside [0, 0.5]; use 0 for independent records",
                self.prompt_effect
            ));
        }
        Ok(())
    }
}

/// Per-model counts of a generated sweep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelCount {
    /// The model.
    pub model: String,
    /// Records generated for it.
    pub records: u64,
    /// Records labelled `failure`.
    pub failures: u64,
    /// Records labelled with each behaviour, in [`Behaviour::ALL`] order.
    pub behaviours: [u64; 6],
    /// Passing records that are hard negatives.
    pub hard_negatives: u64,
    /// Records labelled `oversight_reasoning`.
    pub oversight: u64,
}

/// What [`generate`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenSummary {
    /// Lines written.
    pub records: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Counts per model, in config order.
    pub failures_by_model: Vec<ModelCount>,
}

/// Parses `--rates`: comma-separated `model=rate` pairs, e.g.
/// `model-a=0.3,model-b=0.05`.
pub fn parse_rates(s: &str) -> Result<Vec<(String, f64)>, String> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for part in s.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((name, rate)) = part.split_once('=') else {
            return Err(format!("{part:?} is not model=rate (e.g. model-a=0.3)"));
        };
        let (name, rate) = (name.trim(), rate.trim());
        if name.is_empty() {
            return Err(format!("{part:?} has no model name before '='"));
        }
        let p: f64 = rate
            .parse()
            .map_err(|_| format!("rate {rate:?} for model {name:?} is not a number (e.g. 0.3)"))?;
        if !(0.0..=1.0).contains(&p) {
            return Err(format!("rate {rate} for model {name:?} is outside [0, 1]"));
        }
        if out.iter().any(|(m, _)| m == name) {
            return Err(format!("model {name:?} is given twice"));
        }
        out.push((name.to_string(), p));
    }
    if out.is_empty() {
        return Err(
            "no rates given; expected model=rate pairs, e.g. model-a=0.3,model-b=0.05".to_string(),
        );
    }
    Ok(out)
}

/// A PCG stream for item `index` of stream `stream` under `seed` (SplitMix64 mixing,
/// so neighbouring indices get unrelated states).
pub(crate) fn rng_for(seed: u64, stream: u64, index: u64) -> GenRng {
    fn mix(mut z: u64) -> u64 {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    let a = mix(seed ^ mix(stream));
    let b = mix(a ^ mix(index.wrapping_add(stream)));
    let hi = mix(b ^ 0x6A09_E667_F3BC_C909);
    GenRng::new((u128::from(hi) << 64) | u128::from(b))
}

/// The labels of every record `generate` would write, without rendering text: for
/// statistics over large samples.
pub(crate) fn plans(
    cfg: &GenConfig,
) -> impl Iterator<Item = (plan::PromptPlan, plan::RecordPlan)> + '_ {
    let epochs = u64::from(cfg.epochs.max(1));
    let mut current: Option<plan::PromptPlan> = None;
    (0..cfg.records).map(move |i| {
        let pi = i / epochs;
        let pp = match current.take() {
            Some(pp) if pp.index == pi => pp,
            _ => plan::plan_prompt(cfg, pi),
        };
        let rp = plan::plan_record(&pp, i, (i % epochs) as u32 + 1, cfg.seed);
        current = Some(pp.clone());
        (pp, rp)
    })
}

/// Writes `cfg.records` JSON Lines records to `out`, streaming.
///
/// Returns what was written. Fails with `InvalidInput` on an invalid config (see
/// [`GenConfig::validate`]) and passes write errors through.
pub fn generate<W: Write>(cfg: &GenConfig, out: W) -> io::Result<GenSummary> {
    cfg.validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut summary = GenSummary {
        records: 0,
        bytes: 0,
        failures_by_model: cfg
            .models
            .iter()
            .map(|(m, _)| ModelCount {
                model: m.clone(),
                ..ModelCount::default()
            })
            .collect(),
    };
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut scratch = Vec::with_capacity(4 * 1024);
    let mut cached: Option<(u64, prompt::Prompt)> = None;
    for (pp, rp) in plans(cfg) {
        if cached.as_ref().is_none_or(|(i, _)| *i != pp.index) {
            let mut rng = rng_for(pp.seed, 1, pp.index);
            cached = Some((pp.index, prompt::render(&pp, &mut rng)));
        }
        let Some((_, p)) = cached.as_ref() else {
            continue;
        };
        let mut rng = rng_for(rp.seed, 2, rp.index);
        let turns = story::build(&p.world, &pp, &rp, &mut rng);
        buf.clear();
        let model = &cfg.models[pp.model].0;
        shapes::write_record(&mut buf, model, &pp, &rp, p, &turns, &mut rng, &mut scratch);
        out.write_all(&buf)?;
        summary.records += 1;
        summary.bytes += buf.len() as u64;
        let mc = &mut summary.failures_by_model[pp.model];
        mc.records += 1;
        mc.failures += u64::from(rp.failure());
        for (k, b) in Behaviour::ALL.iter().enumerate() {
            mc.behaviours[k] += u64::from(rp.has(*b));
        }
        mc.hard_negatives += u64::from(rp.negative.is_some_and(|n| n != Negative::Benign));
        mc.oversight += u64::from(rp.oversight);
    }
    out.flush()?;
    Ok(summary)
}
