//! How close the judge pool comes to its ideal throughput: N requests built
//! from the bundled sample's records, judged by a mock that answers each
//! call after a fixed latency, at a given concurrency. The ideal wall time
//! is ceil(N / concurrency) × latency; what the pool adds on top is its
//! overhead (request hand-off, HTTP or pipe I/O, verdict parsing, the
//! outcome map).
//!
//! ```text
//! cargo run --release --example judge_pool -- [N] [CONCURRENCY] [LATENCY_MS]
//! ```
//!
//! Defaults: 2000 requests, concurrency 32, 50 ms. Two backends are run:
//! an OpenAI-compatible mock HTTP server on 127.0.0.1 (keep-alive, one
//! thread per connection, in this process) and `scripts/mock-judge.py`
//! through `--judge-cmd` (needs python3). Also printed: the cost of
//! building a request (render + prompt + transcript JSON) per record,
//! which the rubric pass pays for every record it sends to the judge.

use assay::judge::{
    ApiKind, CmdBackend, HttpBackend, HttpConfig, Pool, PoolConfig, Prompts, Reason, Request,
};
use assay::parse::Scratch;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| {
            a.parse()
                .expect("arguments are numbers: N CONCURRENCY LATENCY_MS")
        })
        .collect();
    let n = args.first().copied().unwrap_or(2000) as usize;
    let conc = args.get(1).copied().unwrap_or(32) as usize;
    let latency = Duration::from_millis(args.get(2).copied().unwrap_or(50));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("tests/data/sample-sweep.jsonl");
    let text = std::fs::read_to_string(&sample).expect("the bundled sample");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let rubric = assay::rubric::builtin();
    let prompts = Prompts::builtin(&rubric);

    let mut scratch = Scratch::new();
    let t = Instant::now();
    let reqs: Vec<Request> = (0..n)
        .map(|i| {
            let line = lines[i % lines.len()];
            scratch.with_record(line.as_bytes(), |r| {
                let r = r.expect("the sample parses");
                Request::from_record(r, "sample", Reason::Audit, &[], &prompts, format!("{i:08}"))
            })
        })
        .collect();
    let build = t.elapsed();
    let bytes: usize = reqs.iter().map(|r| r.to_line().len()).sum();
    println!(
        "request build: {:.1} µs per record ({} records, {:.1} KB per request line)",
        build.as_secs_f64() * 1e6 / n as f64,
        n,
        bytes as f64 / n as f64 / 1024.0
    );
    // The sample has 200 distinct records; repeats are judged once per run
    // (same content), so give each request its own id to judge them all.
    let reqs: Vec<Request> = reqs
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.id = serde_json::Value::from(format!("bench-{i}"));
            r
        })
        .collect();
    let ideal = latency.as_secs_f64() * n.div_ceil(conc) as f64;

    let url = mock_server(latency);
    let mut c = HttpConfig::new(ApiKind::Openai, &url, "mock");
    c.timeout = Duration::from_secs(30);
    let http = HttpBackend::new(c, prompts.hash()).expect("backend");
    report(
        "http (OpenAI-compatible mock)",
        Box::new(http),
        &reqs,
        conc,
        ideal,
    );

    let cmd = format!(
        "python3 '{}' --truth '{}' --delay-ms {}",
        root.join("scripts/mock-judge.py").display(),
        sample.display(),
        latency.as_millis()
    );
    // The mock judge answers from labels looked up by id, so these requests
    // keep their sample ids: build them again without the renaming.
    let mut scratch = Scratch::new();
    let cmd_reqs: Vec<Request> = reqs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let line = lines[i % lines.len()];
            let mut q = scratch.with_record(line.as_bytes(), |rec| {
                Request::from_record(
                    rec.expect("parses"),
                    "sample",
                    Reason::Audit,
                    &[],
                    &prompts,
                    r.request_id.clone(),
                )
            });
            // Distinct content per request, same label: vary the source-free
            // scenario text the mock ignores.
            q.condition = format!("{} #{i}", q.condition);
            q
        })
        .collect();
    match CmdBackend::spawn(&cmd, prompts.hash(), Duration::from_secs(30)) {
        Ok(b) => report(
            "cmd (scripts/mock-judge.py)",
            Box::new(b),
            &cmd_reqs,
            conc,
            ideal,
        ),
        Err(e) => println!("cmd: skipped ({e})"),
    }
}

fn report(
    name: &str,
    backend: Box<dyn assay::judge::Backend>,
    reqs: &[Request],
    conc: usize,
    ideal: f64,
) {
    let pool = Pool::new(
        backend,
        None,
        PoolConfig {
            concurrency: conc,
            queue: None,
        },
    )
    .expect("pool");
    let t = Instant::now();
    for r in reqs {
        pool.submit(r.clone()).expect("submit");
    }
    let submitted = t.elapsed();
    let run = pool.finish();
    let wall = t.elapsed().as_secs_f64();
    let failed: u64 = run.stats.failures.values().sum();
    println!(
        "{name}: {} calls at concurrency {conc}: {wall:.2} s (ideal {ideal:.2} s, {:.1} % over); submit returned after {:.1} ms in all; {failed} failed {:?}",
        run.stats.calls,
        (wall / ideal - 1.0) * 100.0,
        submitted.as_secs_f64() * 1e3,
        run.stats.failures
    );
}

/// An OpenAI-compatible server on 127.0.0.1 that answers every call with
/// "no failure" after `latency`, one thread per (keep-alive) connection.
fn mock_server(latency: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream, latency));
        }
    });
    url
}

fn serve(stream: TcpStream, latency: Duration) {
    let mut w = match stream.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut r = BufReader::new(stream);
    let content = r#"{"failure": false, "behaviours": [], "explanation": "mock"}"#;
    let body = serde_json::json!({
        "choices": [{"message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 20}
    })
    .to_string();
    loop {
        let mut len = 0usize;
        let mut line = String::new();
        let mut first = true;
        loop {
            line.clear();
            match r.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let l = line.trim_end();
            if l.is_empty() && !first {
                break;
            }
            first = false;
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        let mut buf = vec![0; len];
        if r.read_exact(&mut buf).is_err() {
            return;
        }
        std::thread::sleep(latency);
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if w.write_all(head.as_bytes())
            .and_then(|()| w.write_all(body.as_bytes()))
            .is_err()
        {
            return;
        }
    }
}
