//! Assay grades AI-agent evaluation transcripts and reports misbehaviour
//! rates with honest error bars.
pub mod grade;
pub mod parse;
pub mod rubric;
