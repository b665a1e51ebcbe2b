//! The rubric file as written: TOML deserialised with byte spans kept, so
//! that compile errors can point at the offending text.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RubricFile {
    pub version: Option<Spanned<i64>>,
    #[serde(default)]
    pub patterns: BTreeMap<Spanned<String>, Spanned<PatternDef>>,
    #[serde(default)]
    pub entities: BTreeMap<Spanned<String>, Spanned<EntityDef>>,
    #[serde(default)]
    pub behaviour: Vec<Spanned<BehaviourDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntityDef {
    pub scope: Spanned<Vec<Spanned<String>>>,
    pub cues: Vec<Spanned<String>>,
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    pub context: Option<Spanned<String>>,
    #[serde(default)]
    pub names: bool,
    #[serde(default)]
    pub words: bool,
    #[serde(default)]
    pub lines: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PatternDef {
    #[serde(default)]
    pub literals: Vec<Spanned<String>>,
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default = "yes")]
    pub word: bool,
    /// Only where a clause starts (entity cues only).
    #[serde(default)]
    pub start: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BehaviourDef {
    pub name: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    pub name: Spanned<String>,
    pub scope: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub tools: Vec<Spanned<String>>,
    #[serde(default)]
    pub args: Vec<Spanned<String>>,
    #[serde(default)]
    pub all: Vec<Spanned<TermDef>>,
    #[serde(default)]
    pub any: Vec<Spanned<TermDef>>,
    #[serde(default)]
    pub none: Vec<Spanned<TermDef>>,
    #[serde(default)]
    pub negated_by: Vec<Spanned<String>>,
    pub negation_window: Option<Spanned<i64>>,
    #[serde(default)]
    pub warned_by: Vec<Spanned<String>>,
    pub warning_window: Option<Spanned<i64>>,
    pub unit: Option<Spanned<String>>,
    pub within: Option<Spanned<i64>>,
    pub effect: Option<Spanned<String>>,
    pub contests: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum TermDef {
    Name(String),
    Table(TermTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermTable {
    pub pattern: String,
    pub args: Option<Vec<String>>,
    #[serde(default)]
    pub external: bool,
    pub refers_to: Option<String>,
}
