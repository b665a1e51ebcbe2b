//! Assay grades AI-agent evaluation transcripts and reports misbehaviour
//! rates with honest error bars.
pub mod agree;
pub mod bench;
pub mod compare;
pub mod engine;
pub mod grade;
pub mod input;
pub mod logs;
pub mod output;
pub mod parse;
pub mod report;
pub mod rubric;
pub mod stats;
pub mod sweep;
pub mod tally;
