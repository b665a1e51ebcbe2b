//! One reader for every input format: the engine's producer asks it how an
//! input is read, and gets either JSON Lines (bytes the engine cuts into
//! chunks itself) or a stream of units (samples of a log or a results
//! tree). The producer knows no format; this is the one place that does.
//!
//! What decides the format, in order: an agentic-misalignment tree is a
//! tree ([`Source::AmTree`]); `--input-format` when given; standard input
//! is JSON Lines; a file is told by its name and first bytes
//! ([`kind::detect`]).

use super::{Unit, am, inspect};
use crate::input::Source;
use crate::input::kind::{self, InputFormat, InputKind};
use std::path::{Path, PathBuf};

/// How one input is read.
#[derive(Debug)]
pub enum Reader {
    /// JSON Lines, plain or compressed, from a file or a stream: the engine
    /// maps or streams it and cuts it on newlines (see
    /// [`crate::input::open`]).
    Lines,
    /// Samples, one [`Unit`] each.
    Units(Units),
}

/// The samples of one log or results tree, in input order.
#[derive(Debug)]
pub struct Units(Kind);

#[derive(Debug)]
enum Kind {
    /// `response.json` files of an agentic-misalignment tree.
    Am(Vec<PathBuf>),
    /// An opened Inspect `.eval` archive.
    Eval(Box<inspect::EvalLog>),
    /// An Inspect `.json` log, streamed as it is read.
    Json { path: PathBuf, name: String },
}

impl Units {
    /// Hands each unit to `each`, in order, until it returns `false`.
    /// `Ok(true)`: all were handed on; `Ok(false)`: `each` stopped it;
    /// `Err`: the rest of the input cannot be read (why), after every unit
    /// before the failure was handed on. `max` bounds each sample
    /// (`--max-record-bytes`).
    pub fn each(self, max: usize, each: &mut dyn FnMut(Unit) -> bool) -> Result<bool, String> {
        match self.0 {
            Kind::Am(files) => {
                let mut reader = am::TreeReader::new();
                Ok(files.iter().all(|f| each(reader.unit(f, max))))
            }
            Kind::Eval(mut log) => {
                while let Some(u) = log.next_unit(max) {
                    if !each(u) {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Kind::Json { path, name } => {
                // Streamed: each sample is converted and handed on as it is
                // read, at most `max` bytes of it held.
                let mut going = true;
                let res = inspect::json_log(&name, &path, max, &mut |u| {
                    going = each(u);
                    going
                });
                if !going {
                    return Ok(false);
                }
                res.map(|()| true)
            }
        }
    }
}

/// How to read `src` (named `name` in reports) under `format`. `regular`:
/// the source is a regular file, so its first bytes may be read to tell its
/// kind (a FIFO's may not: peeking would consume them). `Err` says why the
/// input cannot be read at all.
pub fn open(
    src: &Source,
    name: &str,
    format: InputFormat,
    regular: bool,
    max: usize,
) -> Result<Reader, String> {
    let kind = match (src, format) {
        (Source::AmTree { files, .. }, _) => {
            return Ok(Reader::Units(Units(Kind::Am(files.clone()))));
        }
        (_, InputFormat::Jsonl) => InputKind::Jsonl,
        (_, InputFormat::InspectEval) => InputKind::InspectEval,
        (_, InputFormat::InspectJson) => InputKind::InspectJson,
        (Source::Stdin | Source::Memory { .. }, _) => InputKind::Jsonl,
        (Source::File(p), _) => kind::detect(name, &head_of(p, name, regular)),
    };
    let path = match (kind, src) {
        (InputKind::Jsonl, _) => return Ok(Reader::Lines),
        (_, Source::File(p)) => p,
        _ => {
            return Err(
                "Inspect logs are read from files, not standard input; save it to a \
                        file first"
                    .into(),
            );
        }
    };
    match kind {
        InputKind::InspectEval => match inspect::EvalLog::open(path, name, max) {
            Ok(log) => Ok(Reader::Units(Units(Kind::Eval(Box::new(log))))),
            // Taken for an archive by its first bytes alone ("PK\x03\x04"),
            // a file that is none is read as text, so its lines are counted
            // and reported one by one instead of lost with the whole file
            // (regression r_fake_zip_magic, as r_fake_magic for compression).
            Err(_) if format == InputFormat::Auto && !name.ends_with(".eval") => Ok(Reader::Lines),
            Err(reason) => Err(reason),
        },
        _ => Ok(Reader::Units(Units(Kind::Json {
            path: path.clone(),
            name: name.to_string(),
        }))),
    }
}

/// The first bytes of a file, for [`kind::detect`]; empty when unreadable
/// (the open that follows reports why) or not `regular`: opening a FIFO to
/// peek would consume its writer, and the real read would then wait for a
/// partner forever.
fn head_of(p: &Path, name: &str, regular: bool) -> Vec<u8> {
    use std::io::Read;
    // Only a `.json` name needs the long head (to tell an Inspect log from
    // JSONL); any other kind is told by its first four bytes. Reading 64 KiB
    // of every file of a 10,000-file sweep cost more than grading it.
    let want = if name.ends_with(".json") {
        kind::HEAD_BYTES
    } else {
        4
    };
    let mut buf = Vec::with_capacity(want);
    if !regular {
        return buf;
    }
    if let Ok(f) = std::fs::File::open(p) {
        let _ = f.take(want as u64).read_to_end(&mut buf);
    }
    buf
}
