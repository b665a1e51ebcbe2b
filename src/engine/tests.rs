//! The sink seam: a caller's own sink sees every graded record once, and
//! gets its parts back in input order with the right `file:line`, whatever
//! the thread count and chunk size.

use super::*;

/// Collects `source id` per record, in the order parts are handed back.
#[derive(Default)]
struct Ids {
    seen: Vec<String>,
    merged: usize,
}

struct IdsWorker;

impl RecordSink for Ids {
    type Worker = IdsWorker;
    type Part = Vec<(u64, Option<String>, String)>;
    fn worker(&self) -> IdsWorker {
        IdsWorker
    }
    fn ordered(&mut self, part: Self::Part, at: &Place<'_>) -> io::Result<()> {
        for (idx, sample, id) in part {
            self.seen
                .push(format!("{} {id}", at.source(idx, sample.as_deref())));
        }
        Ok(())
    }
    fn merge(&mut self, _: IdsWorker) {
        self.merged += 1;
    }
}

impl SinkWorker for IdsWorker {
    type Part = Vec<(u64, Option<String>, String)>;
    fn start(&mut self) -> Self::Part {
        Vec::new()
    }
    fn record(&mut self, part: &mut Self::Part, g: &Graded<'_, '_, '_>) {
        part.push((
            g.at.idx,
            g.at.sample.map(str::to_string),
            g.record.id.to_string(),
        ));
    }
}

#[test]
fn a_callers_sink_sees_records_in_input_order_with_their_lines() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    let mut expected = Vec::new();
    let name = f.path().display().to_string();
    let mut line = 0;
    for i in 0..3000 {
        line += 1;
        // A blank and a malformed line now and then: counted as lines,
        // never seen by a sink.
        if i % 500 == 7 {
            writeln!(f).unwrap();
            writeln!(f, "not json").unwrap();
            line += 2;
        }
        writeln!(
            f,
            "{{\"id\": \"r{i}\", \"model\": \"m\", \"messages\": []}}"
        )
        .unwrap();
        expected.push(format!("{name}:{line} r{i}"));
    }
    let src = [Source::File(f.path().to_path_buf())];
    let rubric = crate::rubric::builtin();
    for (threads, chunk_bytes) in [(1, CHUNK_BYTES), (3, 4096), (4, 777)] {
        let opts = Options {
            threads,
            diag: Diagnostics {
                chunk_bytes,
                ..Diagnostics::default()
            },
            ..Options::default()
        };
        let mut ids = Ids::default();
        let o = run_with(
            &src,
            &rubric,
            &opts,
            Sinks::default(),
            &mut ids,
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(o.counts.graded, 3000);
        assert_eq!(
            ids.seen, expected,
            "{threads} threads, {chunk_bytes}-byte chunks"
        );
        assert_eq!(ids.merged, threads, "each worker's state is merged once");
    }
}

#[test]
fn a_sink_that_fails_stops_the_run_and_is_its_error() {
    struct Broken;
    impl RecordSink for Broken {
        type Worker = ();
        type Part = ();
        fn worker(&self) {}
        fn ordered(&mut self, (): (), _: &Place<'_>) -> io::Result<()> {
            Err(io::Error::other("disk full"))
        }
        fn merge(&mut self, (): ()) {}
    }
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "{{\"id\": 1, \"model\": \"m\", \"messages\": []}}").unwrap();
    let e = run_with(
        &[Source::File(f.path().to_path_buf())],
        &crate::rubric::builtin(),
        &Options::default(),
        Sinks::default(),
        &mut Broken,
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "disk full");
}
