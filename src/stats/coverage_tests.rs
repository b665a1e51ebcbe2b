//! Exact coverage of the analytic intervals: C(p) = Σₖ Binom(k; n, p) ·
//! 1[L(k) ≤ p ≤ U(k)], summed over every k (no simulation).

use crate::stats::interval::{clopper_pearson, jeffreys, wilson};
use crate::stats::special::ln_choose;
use crate::stats::{CiConfig, CiMethod, estimate};

const NS: [u64; 5] = [10, 30, 100, 300, 1000];
const CONFIDENCE: f64 = 0.95;

type IntervalFn = fn(u64, u64, f64) -> Option<(f64, f64)>;
const METHODS: [(&str, IntervalFn); 3] = [
    ("wilson", wilson),
    ("exact", clopper_pearson),
    ("jeffreys", jeffreys),
];

fn p_grid() -> impl Iterator<Item = f64> {
    (1..=999).map(|i| f64::from(i) / 1000.0)
}

/// (min, mean) coverage over the p grid for one method and n.
fn coverage(n: u64, f: IntervalFn) -> (f64, f64) {
    let bounds: Vec<(f64, f64)> = (0..=n)
        .map(|k| f(k, n, CONFIDENCE).expect("valid input"))
        .collect();
    coverage_of(n, &bounds)
}

/// Coverage of the intervals `bounds[k]` reported for k failures in n.
fn coverage_of(n: u64, bounds: &[(f64, f64)]) -> (f64, f64) {
    let ln_c: Vec<f64> = (0..=n).map(|k| ln_choose(n, k)).collect();
    let (mut min, mut sum, mut count) = (f64::INFINITY, 0.0, 0.0);
    for p in p_grid() {
        let (lp, lq) = (p.ln(), (-p).ln_1p());
        let cov: f64 = (0..=n)
            .filter(|&k| bounds[k as usize].0 <= p && p <= bounds[k as usize].1)
            .map(|k| (ln_c[k as usize] + k as f64 * lp + (n - k) as f64 * lq).exp())
            .sum();
        min = min.min(cov);
        sum += cov;
        count += 1.0;
    }
    (min, sum / count)
}

/// Prints the table pasted into the module docs and checks the docs carry
/// these exact numbers; asserts Clopper–Pearson never under-covers.
#[test]
fn coverage_table() {
    let mut rows = Vec::new();
    for n in NS {
        let mut row = format!("//! | {n:>4} |");
        for ((name, f), width) in METHODS.into_iter().zip([17, 16, 19]) {
            let (min, mean) = coverage(n, f);
            if name == "exact" {
                // Guaranteed ≥ 1 − α; the slack covers summation rounding.
                assert!(
                    min >= CONFIDENCE - 1e-12,
                    "Clopper–Pearson under-covers at n = {n}: {min}"
                );
            }
            assert!(mean > 0.93 && mean < 0.99, "{name} n={n}: mean {mean}");
            row.push_str(&format!(" {:>width$} |", format!("{min:.4} / {mean:.4}")));
        }
        rows.push(row);
    }
    let header = "//! |    n | wilson min / mean | exact min / mean | jeffreys min / mean |\n\
                  //! |-----:|------------------:|-----------------:|--------------------:|";
    let table = format!("{header}\n{}", rows.join("\n"));
    println!("{table}");
    let docs = include_str!("mod.rs");
    assert!(
        docs.contains(&table),
        "module docs must carry the generated coverage table:\n{table}"
    );
}

/// Resamples per bootstrap interval in the coverage table (fewer than the
/// default 10,000 to keep the test quick; the table says so).
const COVERAGE_RESAMPLES: u32 = 2000;

/// Bootstrap methods as the product reports them — including the exact
/// fallback below 5 failures or successes — enumerated over every k, so
/// their coverage is exact given the (seeded) intervals.
#[test]
fn bootstrap_coverage_table() {
    let mut rows = Vec::new();
    for n in [10u64, 30, 100, 300] {
        let mut row = format!("//! | {n:>4} |");
        for (method, width) in [(CiMethod::Bootstrap, 20), (CiMethod::Bca, 15)] {
            let cfg =
                CiConfig::new(method, CONFIDENCE, COVERAGE_RESAMPLES, 0).expect("valid config");
            let bounds: Vec<(f64, f64)> = (0..=n)
                .map(|k| {
                    let e = estimate(k, n, &cfg, "coverage").expect("valid input");
                    (e.ci.low, e.ci.high)
                })
                .collect();
            let (min, mean) = coverage_of(n, &bounds);
            assert!(mean > 0.90 && mean < 0.99, "{method:?} n={n}: mean {mean}");
            row.push_str(&format!(" {:>width$} |", format!("{min:.4} / {mean:.4}")));
        }
        rows.push(row);
    }
    let header = "//! |    n | bootstrap min / mean | bca min / mean |\n\
                  //! |-----:|---------------------:|---------------:|";
    let table = format!("{header}\n{}", rows.join("\n"));
    println!("{table}");
    let docs = include_str!("mod.rs");
    assert!(
        docs.contains(&table),
        "module docs must carry the generated bootstrap coverage table:\n{table}"
    );
}
