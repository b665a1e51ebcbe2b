//! `--judge-cmd CMD`: one long-lived child process (`sh -c CMD`) that reads
//! one JSON [`Request`] per line on its standard input and writes one JSON
//! verdict per line on its standard output, in any order, each naming its
//! `request_id`.
//!
//! Three threads serve the child: a writer (so a child that stops reading
//! can never block a caller), a reader that hands each verdict line to the
//! call waiting for its `request_id`, and a standard-error reader that keeps
//! the last lines for error messages. Each call waits on its own channel
//! with the timeout. So a child that dies fails every pending call at once
//! with its exit status and last words; an answer that does not parse fails
//! the call it names; a line that names no pending request (garbage, or an
//! unknown or late `request_id`) is counted and quoted in the timeout error
//! of the calls left waiting. Nothing here can crash the run or hang it past
//! the timeout.
//!
//! When the backend is dropped, the child's standard input is closed (its
//! signal to finish); a child still running a second later is killed.

use super::request::{Request, RubricInfo};
use super::{Answer, Backend, Identity, JudgeError, Usage, Verdict, excerpt};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, bounded, unbounded};
use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Lines of the child's standard error kept for error messages.
const STDERR_LINES: usize = 8;

type Reply = Sender<Result<Verdict, JudgeError>>;

#[derive(Default)]
struct State {
    pending: HashMap<String, (Reply, RubricInfo)>,
    /// Why the child can take no more requests, once it cannot.
    dead: Option<String>,
    /// Lines that answered no pending request, and the first of them.
    stray: u64,
    stray_example: Option<String>,
    stderr_tail: VecDeque<String>,
}

struct Shared {
    state: Mutex<State>,
    child: Mutex<Child>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A poisoned lock means a thread panicked mid-update; the state is
        // still consistent enough to report errors from.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The child is gone: why, with its exit status and last stderr lines.
    fn death_note(&self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_millis(500);
        let mut status = None;
        while Instant::now() < deadline {
            let mut c = self.child.lock().unwrap_or_else(|p| p.into_inner());
            match c.try_wait() {
                Ok(Some(s)) => {
                    status = Some(s);
                    break;
                }
                Ok(None) => {}
                Err(_) => break,
            }
            drop(c);
            std::thread::sleep(Duration::from_millis(10));
        }
        // Give the stderr reader a moment to catch the last words.
        std::thread::sleep(Duration::from_millis(20));
        let st = self.lock();
        let mut s = what.to_string();
        if let Some(status) = status {
            s.push_str(&format!(" ({status})"));
        }
        if !st.stderr_tail.is_empty() {
            let tail: Vec<&str> = st.stderr_tail.iter().map(String::as_str).collect();
            s.push_str(&format!("; its last standard error: {}", tail.join(" | ")));
        }
        s
    }

    fn fail_all(&self, detail: &str) {
        let mut st = self.lock();
        st.dead = Some(detail.to_string());
        for (_, (tx, _)) in st.pending.drain() {
            let _ = tx.send(Err(JudgeError::ChildExited {
                detail: detail.to_string(),
            }));
        }
    }
}

/// The `--judge-cmd` backend.
pub struct CmdBackend {
    identity: Identity,
    timeout: Duration,
    shared: Arc<Shared>,
    to_writer: Option<Sender<(String, String)>>,
}

impl std::fmt::Debug for CmdBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CmdBackend")
            .field("identity", &self.identity)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl CmdBackend {
    /// Starts `sh -c command`. `prompt_hash` completes the identity.
    pub fn spawn(
        command: &str,
        prompt_hash: &str,
        timeout: Duration,
    ) -> Result<CmdBackend, JudgeError> {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                JudgeError::Setup(format!(
                    "cannot start the judge command with `sh -c`: {e}; --judge-cmd needs a POSIX shell"
                ))
            })?;
        let (stdin, stdout, stderr) =
            match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
                (Some(i), Some(o), Some(e)) => (i, o, e),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(JudgeError::Setup(
                        "the judge command's pipes could not be opened".into(),
                    ));
                }
            };
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            child: Mutex::new(child),
        });
        let (tx, rx) = unbounded::<(String, String)>();
        let spawned = [
            spawn_thread("judge-cmd-writer", {
                let shared = shared.clone();
                move || writer(stdin, rx, &shared)
            }),
            spawn_thread("judge-cmd-reader", {
                let shared = shared.clone();
                move || reader(stdout, &shared)
            }),
            spawn_thread("judge-cmd-stderr", {
                let shared = shared.clone();
                move || stderr_reader(stderr, &shared)
            }),
        ];
        let backend = CmdBackend {
            identity: Identity {
                backend: "cmd".into(),
                model: command.to_string(),
                prompt_hash: prompt_hash.to_string(),
            },
            timeout,
            shared,
            to_writer: Some(tx),
        };
        // Dropping `backend` on error stops the child again.
        spawned.into_iter().collect::<Result<Vec<()>, _>>()?;
        Ok(backend)
    }

    /// Lines the child wrote that answered no pending request.
    pub fn stray_lines(&self) -> u64 {
        self.shared.lock().stray
    }
}

fn spawn_thread(name: &str, f: impl FnOnce() + Send + 'static) -> Result<(), JudgeError> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .map(drop)
        .map_err(|e| JudgeError::Setup(format!("cannot start a thread for the judge command: {e}")))
}

fn writer(mut stdin: ChildStdin, rx: Receiver<(String, String)>, shared: &Shared) {
    for (id, line) in rx {
        let r = stdin
            .write_all(line.as_bytes())
            .and_then(|()| stdin.write_all(b"\n"))
            .and_then(|()| stdin.flush());
        if let Err(e) = r {
            let detail = format!("it closed its standard input ({e})");
            let mut st = shared.lock();
            if let Some((tx, _)) = st.pending.remove(&id) {
                let _ = tx.send(Err(JudgeError::ChildExited { detail }));
            }
        }
    }
    // Dropping stdin here tells the child there is no more work.
}

/// Longest verdict line read; a longer one (a child printing without
/// newlines) is skipped as stray rather than held in memory.
const MAX_LINE: u64 = 16 << 20;

fn note_stray(shared: &Shared, example: impl FnOnce() -> String) {
    let mut st = shared.lock();
    st.stray += 1;
    st.stray_example.get_or_insert_with(example);
}

fn reader(stdout: std::process::ChildStdout, shared: &Shared) {
    let mut lines = BufReader::new(stdout);
    let mut raw = Vec::new();
    loop {
        raw.clear();
        match (&mut lines).take(MAX_LINE).read_until(b'\n', &mut raw) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if raw.last() != Some(&b'\n') && raw.len() as u64 == MAX_LINE {
            note_stray(shared, || "a line longer than 16 MiB".into());
            // Skip to the end of that line.
            loop {
                raw.clear();
                match (&mut lines).take(MAX_LINE).read_until(b'\n', &mut raw) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if raw.last() == Some(&b'\n') => break,
                    Ok(_) => {}
                }
            }
            continue;
        }
        let Ok(text) = std::str::from_utf8(&raw) else {
            note_stray(shared, || "a line that is not UTF-8".into());
            continue;
        };
        let line = text.trim();
        if line.is_empty() {
            continue;
        }
        let id = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("request_id")?.as_str().map(str::to_string));
        let mut st = shared.lock();
        match id.and_then(|id| st.pending.remove(&id)) {
            Some((tx, rubric)) => {
                let _ = tx.send(Verdict::parse_line(line, &rubric));
            }
            None => {
                drop(st);
                note_stray(shared, || excerpt(line, 200));
            }
        }
    }
    let note = shared.death_note("it closed its standard output");
    shared.fail_all(&note);
}

fn stderr_reader(stderr: std::process::ChildStderr, shared: &Shared) {
    let mut r = BufReader::new(stderr);
    let mut raw = Vec::new();
    loop {
        raw.clear();
        match r.read_until(b'\n', &mut raw) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let line = String::from_utf8_lossy(&raw).trim_end().to_string();
                let mut st = shared.lock();
                if st.stderr_tail.len() == STDERR_LINES {
                    st.stderr_tail.pop_front();
                }
                st.stderr_tail.push_back(excerpt(&line, 300));
            }
        }
    }
}

impl Backend for CmdBackend {
    fn identity(&self) -> &Identity {
        &self.identity
    }

    fn call(&self, req: &Request) -> Result<Answer, JudgeError> {
        let (tx, rx) = bounded(1);
        {
            let mut st = self.shared.lock();
            if let Some(d) = &st.dead {
                return Err(JudgeError::ChildExited { detail: d.clone() });
            }
            if st.pending.contains_key(&req.request_id) {
                return Err(JudgeError::Duplicate(req.request_id.clone()));
            }
            st.pending
                .insert(req.request_id.clone(), (tx, req.rubric.clone()));
        }
        let sent = self
            .to_writer
            .as_ref()
            .is_some_and(|w| w.send((req.request_id.clone(), req.to_line())).is_ok());
        if !sent {
            self.shared.lock().pending.remove(&req.request_id);
            return Err(JudgeError::ChildExited {
                detail: "the judge command is shutting down".into(),
            });
        }
        let got = rx.recv_timeout(self.timeout);
        let verdict = match got {
            Ok(r) => r?,
            Err(RecvTimeoutError::Timeout) => {
                let mut st = self.shared.lock();
                st.pending.remove(&req.request_id);
                return Err(match &st.stray_example {
                    Some(ex) => JudgeError::Unparsable {
                        reason: format!(
                            "no verdict for this request within {:.1} s, and the judge command wrote {} line(s) that answer no pending request (not JSON, no `request_id`, or an unknown one)",
                            self.timeout.as_secs_f64(),
                            st.stray
                        ),
                        excerpt: ex.clone(),
                    },
                    None => JudgeError::Timeout {
                        after: self.timeout,
                        attempts: 1,
                    },
                });
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(JudgeError::ChildExited {
                    detail: "it stopped answering".into(),
                });
            }
        };
        Ok(Answer {
            verdict,
            usage: Usage::default(),
            retries: 0,
        })
    }
}

impl Drop for CmdBackend {
    fn drop(&mut self) {
        // Closing the writer's channel closes the child's stdin once the
        // queued lines are written: the child's cue to finish.
        self.to_writer = None;
        let deadline = Instant::now() + Duration::from_secs(1);
        let mut child = self.shared.child.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match child.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) if Instant::now() >= deadline => break,
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}
