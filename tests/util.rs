//! Helpers: run the binary, make fixture files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `assay` binary.
pub fn assay() -> Command {
    Command::new(env!("CARGO_BIN_EXE_assay"))
}

/// Runs `assay args...` and returns its output.
pub fn run(args: &[&str]) -> Output {
    assay().args(args).output().expect("the assay binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The folder of committed fixtures.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// `assert_eq!` for long text that shows a line diff on failure.
#[macro_export]
macro_rules! eqnice {
    ($expected:expr, $got:expr) => {{
        let (e, g): (&str, &str) = (&$expected, &$got);
        if e != g {
            let mut diff = String::new();
            for (i, (a, b)) in e.lines().zip(g.lines()).enumerate() {
                if a != b {
                    diff.push_str(&format!(
                        "line {}:\n  expected: {a}\n       got: {b}\n",
                        i + 1
                    ));
                }
            }
            panic!(
                "text differs ({} vs {} lines)\n{diff}\n--- got ---\n{g}",
                e.lines().count(),
                g.lines().count()
            );
        }
    }};
}

/// (key parts joined by `/`, n, failures) of every group of a JSON report.
pub fn groups(v: &serde_json::Value) -> Vec<(String, u64, u64)> {
    v["groups"]
        .as_array()
        .expect("the report has groups")
        .iter()
        .map(|g| {
            let key: Vec<&str> = g["key"]
                .as_object()
                .expect("a group has a key")
                .values()
                .map(|x| x.as_str().expect("key parts are strings"))
                .collect();
            (
                key.join("/"),
                g["n"].as_u64().unwrap_or(0),
                g["failures"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}
