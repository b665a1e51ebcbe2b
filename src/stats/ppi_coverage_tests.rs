//! Coverage of the audit-corrected interval by simulation, on a grid of true
//! rates, proxy error rates, group sizes, audit sizes and confidence levels.
//!
//! A cell draws records i.i.d. with Y ~ Bernoulli(θ), and the proxy verdict
//! f with P(f = 1 | Y = 0) = FPR and P(f = 0 | Y = 1) = FNR (error rates of
//! the grader in classifier terms). The audit is a uniform random n-subset of
//! the N records, so its (f, Y) table is Multinomial(n, π) and the proxy
//! failures among the N − n others are Binomial(N − n, P(f = 1)), independent
//! of it: the simulation draws those four counts directly, exactly as the
//! record-level design would produce them.

use std::collections::HashMap;

use rand_distr::{Binomial, Distribution};
use rand_pcg::Pcg64Mcg;

use crate::stats::group_rng;
use crate::stats::interval::clopper_pearson;
use crate::stats::ppi::{AuditTable, PPI_STRATIFIED, PpiCounts, ppi_clt, ppi_with};

const RATES: [f64; 5] = [0.0, 0.01, 0.05, 0.2, 0.5];
const FPRS: [f64; 3] = [0.0, 0.05, 0.3];
const FNRS: [f64; 3] = [0.0, 0.1, 0.5];
const GROUP_SIZES: [u64; 2] = [1000, 10_000];
const AUDITS: [u64; 3] = [30, 100, 500];
const ALPHAS: [f64; 2] = [0.01, 0.05];
/// Replicates per cell: 540 cells × 2000 keeps the test a few seconds in debug.
const REPS: u32 = 2000;

fn draw(rng: &mut Pcg64Mcg, trials: u64, p: f64) -> u64 {
    if trials == 0 || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return trials;
    }
    Binomial::new(trials, p).expect("0 < p < 1").sample(rng)
}

/// One simulated group: (counts, true θ).
fn simulate(rng: &mut Pcg64Mcg, theta: f64, fpr: f64, fnr: f64, big_n: u64, n: u64) -> PpiCounts {
    let pi = [
        theta * (1.0 - fnr),
        (1.0 - theta) * fpr,
        theta * fnr,
        (1.0 - theta) * (1.0 - fpr),
    ];
    // Multinomial(n, π) by sequential conditional binomials.
    let mut cells = [0u64; 4];
    let (mut left, mut mass) = (n, 1.0);
    for (cell, &p) in cells.iter_mut().zip(&pi).take(3) {
        *cell = draw(rng, left, if mass > 0.0 { p / mass } else { 0.0 });
        left -= *cell;
        mass -= p;
    }
    cells[3] = left;
    let audit = AuditTable {
        both_fail: cells[0],
        false_positive: cells[1],
        false_negative: cells[2],
        both_pass: cells[3],
    };
    let others = draw(rng, big_n - n, pi[0] + pi[1]);
    PpiCounts {
        records: big_n,
        proxy_failures: audit.proxy_failures() + others,
        audit,
    }
}

/// Clopper–Pearson limits memoised per (k, m) at one confidence.
struct ExactCache {
    confidence: f64,
    memo: HashMap<(u64, u64), (f64, f64)>,
}

impl ExactCache {
    fn new(confidence: f64) -> Self {
        ExactCache {
            confidence,
            memo: HashMap::new(),
        }
    }

    fn get(&mut self, k: u64, m: u64) -> (f64, f64) {
        if m == 0 {
            return (0.0, 1.0);
        }
        let c = self.confidence;
        *self
            .memo
            .entry((k, m))
            .or_insert_with(|| clopper_pearson(k, m, c).expect("k ≤ m"))
    }
}

/// (coverage of the reported interval, coverage of the CLT interval,
/// median width of the reported interval) in one cell.
fn cell(
    cache: &mut ExactCache,
    theta: f64,
    fpr: f64,
    fnr: f64,
    big_n: u64,
    n: u64,
) -> (f64, f64, f64) {
    let key = format!("{theta}/{fpr}/{fnr}/{big_n}/{n}/{}", cache.confidence);
    let confidence = cache.confidence;
    let mut rng = group_rng(0, &key);
    let (mut hit, mut hit_clt) = (0u32, 0u32);
    let mut widths = Vec::with_capacity(REPS as usize);
    for _ in 0..REPS {
        let c = simulate(&mut rng, theta, fpr, fnr, big_n, n);
        let mut exact = |k, m| cache.get(k, m);
        let r = ppi_with(&c, confidence, &mut exact).expect("valid counts");
        assert!(
            (0.0..=1.0).contains(&r.lo) && r.lo < r.hi && r.hi <= 1.0,
            "{r:?}"
        );
        assert!(r.lo <= r.rate && r.rate <= r.hi, "{r:?}");
        hit += u32::from(r.lo <= theta && theta <= r.hi);
        let (_, lo, hi, _) = ppi_clt(&c, confidence).expect("n ≥ 2");
        hit_clt += u32::from(lo <= theta && theta <= hi);
        widths.push(r.hi - r.lo);
    }
    widths.sort_by(f64::total_cmp);
    let reps = f64::from(REPS);
    (
        f64::from(hit) / reps,
        f64::from(hit_clt) / reps,
        widths[widths.len() / 2],
    )
}

/// Asserts ≥ nominal coverage (less 3 simulation standard errors) in every
/// cell, and checks the module docs carry the summary table printed here.
#[test]
fn ppi_coverage_grid() {
    let mut rows = Vec::new();
    for alpha in ALPHAS {
        let mut cache = ExactCache::new(1.0 - alpha);
        let floor = 1.0 - alpha - 3.0 * (alpha * (1.0 - alpha) / f64::from(REPS)).sqrt();
        for n in AUDITS {
            let (mut min, mut min_clt, mut sum, mut cells) = (1.1f64, 1.0f64, 0.0, 0.0);
            let mut worst = String::new();
            for big_n in GROUP_SIZES {
                for theta in RATES {
                    for fpr in FPRS {
                        for fnr in FNRS {
                            let (cov, cov_clt, _) = cell(&mut cache, theta, fpr, fnr, big_n, n);
                            assert!(
                                cov >= floor,
                                "{PPI_STRATIFIED} covers {cov} < {floor} at α={alpha} θ={theta} \
                                 FPR={fpr} FNR={fnr} N={big_n} n={n}"
                            );
                            if cov < min {
                                min = cov;
                                worst = format!("{theta}, {fpr}, {fnr}, {big_n}");
                            }
                            min_clt = min_clt.min(cov_clt);
                            sum += cov;
                            cells += 1.0;
                        }
                    }
                }
            }
            rows.push(format!(
                "//! | {:>4} | {n:>3} | {:>19} | {worst:>22} | {min_clt:>15.4} |",
                format!("{:.0} %", 100.0 * (1.0 - alpha)),
                format!("{min:.4} / {:.4}", sum / cells),
            ));
        }
    }
    let header = "//! | conf |   n | reported min / mean | min at θ, FPR, FNR, N | CLT (ppi++) min |\n\
                  //! |-----:|----:|--------------------:|----------------------:|----------------:|";
    let table = format!("{header}\n{}", rows.join("\n"));
    println!("{table}");
    let docs = include_str!("mod.rs");
    assert!(
        docs.contains(&table),
        "module docs must carry the generated PPI coverage table:\n{table}"
    );
}

/// The target setting: N = 2000 per group, a 5 % audit (n = 100),
/// 99 % intervals, grader FPR = FNR = 0.2. Prints the median widths quoted in
/// the module docs and asserts they stay near the ~20-point target.
#[test]
fn ppi_width_at_the_target_setting() {
    let mut cache = ExactCache::new(0.99);
    let mut line = String::from("//! median width at N = 2000, n = 100, 99 %, FPR = FNR = 0.2:");
    for theta in [0.05, 0.2, 0.5] {
        let (cov, _, width) = cell(&mut cache, theta, 0.2, 0.2, 2000, 100);
        assert!(cov >= 0.98, "θ={theta}: coverage {cov}");
        assert!(width <= 0.23, "θ={theta}: median width {width}");
        line.push_str(&format!(" θ = {theta}: {:.1} points;", 100.0 * width));
    }
    println!("{line}");
    let docs = include_str!("mod.rs");
    assert!(
        docs.contains(line.trim_end_matches(';')),
        "module docs must carry the generated width line:\n{line}"
    );
}
