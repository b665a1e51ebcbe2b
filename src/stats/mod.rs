//! # Statistics: failure rates with honest error bars
//!
//! This module turns counts of failing transcripts into rates, intervals,
//! comparisons and sample-size plans. It works on sufficient statistics only
//! — (failures, trials) per group or per cluster — and never on copies of the
//! records.
//!
//! ## Intervals for one group ([`estimate`], [`CiMethod`])
//! For k failures among n independent transcripts, p̂ = k/n and a two-sided
//! interval at confidence 1 − α is computed by one of:
//!
//! * **`wilson`** (default headline): the Wilson (1927) score interval,
//!   recommended by Brown, Cai & DasGupta (2001) for its near-nominal average
//!   coverage and good behaviour near 0 and 1.
//! * **`exact`**: Clopper & Pearson (1934), the inversion of two one-sided
//!   binomial tests via Beta quantiles. Guaranteed coverage ≥ 1 − α for every
//!   p, at the price of being conservative.
//! * **`jeffreys`**: the equal-tailed Beta(k + ½, n − k + ½) interval with the
//!   boundary modification of Brown, Cai & DasGupta (2001): lower bound 0 at
//!   k = 0, upper bound 1 at k = n.
//! * **`bootstrap`**: percentile bootstrap. A replicate of the failure count
//!   is one Binomial(n, p̂) draw, which is exactly the distribution of the
//!   count in a with-replacement resample of the n records.
//! * **`bca`**: bias-corrected and accelerated bootstrap (Efron 1987) on the
//!   same replicates, with the jackknife acceleration in closed form.
//!
//! Degenerate cases, all explicit:
//!
//! * n = 0: there is no estimate; [`estimate`] returns `None` (never NaN).
//! * k = 0 or k = n: the two-sided interval is never [0, 0] or [1, 1]. The
//!   one-sided bound 1 − α^{1/n} (at k = 0; the "rule of three" ≈ 3/n at 95 %)
//!   is reported in its own field, [`Estimate::upper_one_sided`], next to the
//!   two-sided interval, never instead of it; [`Estimate::lower_one_sided`]
//!   carries α^{1/n} at k = n.
//! * Bootstrap methods with fewer than [`MIN_BOOTSTRAP_COUNT`] failures or
//!   successes: the replicate distribution is too discrete to support a
//!   percentile interval (at k = 0 every replicate is 0). The Clopper–Pearson
//!   interval is used instead, [`Interval::method`] says `Exact`, and
//!   [`Interval::fallback`] explains why. The same happens if the replicates
//!   collapse to a point or BCa's ẑ₀ / acceleration are unusable.
//! * Confidence outside (0, 1), zero resamples: rejected by
//!   [`CiConfig::new`] / [`CiConfig::validate`] with a [`StatsError`].
//!
//! ### Exact coverage of the analytic methods at 95 %
//! Coverage C(p) = Σₖ Binom(k; n, p)·1[L(k) ≤ p ≤ U(k)] computed exactly (no
//! simulation) on p = 0.001, 0.002, …, 0.999 (999 points), by
//! `coverage_table` in `coverage_tests.rs`:
//!
//! |    n | wilson min / mean | exact min / mean | jeffreys min / mean |
//! |-----:|------------------:|-----------------:|--------------------:|
//! |   10 |   0.8424 / 0.9542 |  0.9611 / 0.9838 |     0.8683 / 0.9531 |
//! |   30 |   0.8604 / 0.9525 |  0.9537 / 0.9733 |     0.8887 / 0.9506 |
//! |  100 |   0.9048 / 0.9510 |  0.9504 / 0.9644 |     0.8806 / 0.9498 |
//! |  300 |   0.9348 / 0.9505 |  0.9502 / 0.9590 |     0.9136 / 0.9501 |
//! | 1000 |   0.9198 / 0.9498 |  0.9507 / 0.9554 |     0.9172 / 0.9495 |
//!
//! Clopper–Pearson never falls below 95 % (a test asserts it on this grid);
//! Wilson and Jeffreys average close to nominal but dip below it for some p,
//! as Brown, Cai & DasGupta (2001) describe.
//!
//! The bootstrap methods as reported (with the exact fallback below 5
//! failures or successes), enumerated over every k with 2,000 resamples per
//! interval and seed 0, by `bootstrap_coverage_table`:
//!
//! |    n | bootstrap min / mean | bca min / mean |
//! |-----:|---------------------:|---------------:|
//! |   10 |      0.9611 / 0.9832 | 0.9611 / 0.9832 |
//! |   30 |      0.8981 / 0.9585 | 0.9403 / 0.9681 |
//! |  100 |      0.9119 / 0.9505 | 0.9333 / 0.9571 |
//! |  300 |      0.9140 / 0.9491 | 0.9344 / 0.9518 |
//!
//! At n = 10 every k falls back to the exact interval. The percentile
//! bootstrap under-covers more than Wilson at moderate n (its intervals are
//! too short, a known small-sample bias); BCa corrects much of it. Wilson
//! remains the headline default.
//!
//! ## Clustered transcripts ([`clustered`])
//! When transcripts share a task, a seed or a conversation, they are not
//! independent. With C clusters of (fᵢ failures, tᵢ trials), N = Σtᵢ,
//! p̂ = Σfᵢ/N, the clustered standard error of Miller (2024, "Adding Error
//! Bars to Evals", arXiv:2411.00640, Appendix A) with the small-sample factor
//! C/(C − 1) is
//!
//! SE²_clustered = C/(C − 1) · (1/N²) · Σᵢ (fᵢ − tᵢ p̂)²,
//!
//! the naive standard error is √(p̂(1 − p̂)/N), and the design effect (Kish
//! 1965) is their variance ratio, deff = SE²_clustered / SE²_naive. See
//! [`cluster`] for the interval and the degenerate cases (one cluster, no
//! failures, identical clusters).
//!
//! ## Comparisons ([`compare`])
//! Unpaired: Newcombe (1998a) method 10 (hybrid score, "square-and-add" of
//! Wilson limits) for p_other − p_base, with a two-sided Fisher exact p-value.
//! Paired: Newcombe (1998b) method 10 for the difference of paired
//! proportions, with McNemar's exact (conditional binomial) p-value.
//! Across cells, p-values are adjusted by Holm (1979, default),
//! Benjamini & Hochberg (1995), or not at all.
//!
//! ## Power ([`power`])
//! Per-group sample size for a two-sided two-proportion z-test (Fleiss, Levin
//! & Paik 2003, eq. 4.14, no continuity correction) and its inverse.
//!
//! ## Prediction-powered inference ([`ppi`](mod@ppi), [`audit`])
//! When verdicts come from a fallible grader (the rubric, with the judge's
//! verdict on the records it contested), the binomial intervals above describe
//! the grader's rate, not the model's. With an audit — a seeded uniform random
//! sample of n of a group's N records, judged whatever the rubric said — each
//! group's rate is corrected as in prediction-powered inference (Angelopoulos
//! et al. 2023a) with the PPI++ weight (Angelopoulos, Duchi & Zrnic 2023b):
//! θ̂ = λ̂·f̄_N + (Ȳ_S − λ̂·f̄_S), f the final verdict on every record, Y the
//! judge's on the audit. Because the audit is a subset of the N records, the
//! variance is [σ²_Y − 2λ(1 − r)σ_Yf + λ²(1 − r)σ²_f]/n with r = n/N, minimised
//! at λ* = σ_Yf/σ²_f (not the σ_Yf/((1 + n/N)σ²_f) of an independent audit);
//! for binary verdicts λ̂ = q̂₁ − q̂₀, clipped to [0, 1], and θ̂ is the
//! post-stratified estimate p̂₁q̂₁ + p̂₀q̂₀ (q_f = P(Y = 1 | f); derivation and
//! a simulation check of the variance in [`ppi`](mod@ppi) and
//! `scripts/ppi-reference.py`).
//!
//! The interval (`ci.method` = "ppi-stratified-mover") combines
//! Clopper–Pearson limits for q₁ and q₀ and the Wilson interval of p̂₁ by
//! square-and-add (MOVER: Zou & Donner 2008; Newcombe 1998a); with fewer than
//! 10 audited failures (passes) its lower (upper) limit is never tighter than
//! the audit's own Clopper–Pearson limit. It is never outside [0, 1], never a
//! point, and when the audit shows no disagreement it is still the rubric rate
//! widened by exact bounds on the rubric's error rates. Without an audit the
//! rate is the rubric's, labelled "uncorrected"; with everything audited, or a
//! grader anti-correlated with the judge, the audit alone gives the rate
//! ("audit-only-exact").
//!
//! Coverage by simulation (`ppi_coverage_grid` in `ppi_coverage_tests.rs`,
//! 2,000 replicates per cell, seeded): per confidence and audit size, the
//! minimum and mean over true rates θ ∈ {0, 0.01, 0.05, 0.2, 0.5}, grader
//! false-positive rates P(f = 1 | Y = 0) ∈ {0, 0.05, 0.3}, false-negative rates
//! P(f = 0 | Y = 1) ∈ {0, 0.1, 0.5} and N ∈ {1000, 10000} (30 cells per row);
//! every cell is asserted ≥ 1 − α − 3·√(α(1 − α)/2000). The normal-theory
//! PPI++ interval θ̂ ± z·√(V̂/n) ([`ppi::ppi_clt`]) is shown for comparison: it
//! collapses to a point when the audit sees no failure and under-covers badly
//! for small audits and rare rates, which is why reports do not use it.
//!
//! | conf |   n | reported min / mean | min at θ, FPR, FNR, N | CLT (ppi++) min |
//! |-----:|----:|--------------------:|----------------------:|----------------:|
//! | 99 % |  30 |     0.9915 / 0.9987 |    0.2, 0.3, 0.5, 1000 |          0.1865 |
//! | 99 % | 100 |     0.9895 / 0.9978 |   0.05, 0.3, 0.5, 1000 |          0.3985 |
//! | 99 % | 500 |     0.9875 / 0.9953 |   0.01, 0.3, 0.5, 1000 |          0.9020 |
//! | 95 % |  30 |     0.9670 / 0.9936 |   0.2, 0.3, 0.5, 10000 |          0.1510 |
//! | 95 % | 100 |     0.9585 / 0.9867 |   0.5, 0.3, 0.5, 10000 |          0.4100 |
//! | 95 % | 500 |     0.9470 / 0.9758 |        0.5, 0, 0, 1000 |          0.8475 |
//!
//! Rates near 1 are the mirror image: swapping failure and pass everywhere
//! maps the interval to its reflection (`mirror_image_for_rates_near_one`), so
//! θ = 0.99 with FPR and FNR swapped has the coverage of θ = 0.01.
//!
//! The lowest cell, 0.9470 (simulation standard error 0.005), has a perfect
//! grader: the audit then only confirms the verdicts and the interval is
//! essentially the Wilson interval of the N verdicts, whose coverage at
//! p = 0.5 is nominal to within that error.
//!
//! Width at the target setting, 5 % audit of 2,000 records, 99 %
//! (`ppi_width_at_the_target_setting`):
//! median width at N = 2000, n = 100, 99 %, FPR = FNR = 0.2: θ = 0.05: 12.6 points; θ = 0.2: 18.7 points; θ = 0.5: 22.0 points
//! (the normal-theory interval with the true variance would be 20.9 points
//! wide at θ = 0.5: with n = 100 and a grader wrong one time in five, ~20
//! points is what the audit can support; judging contested records lowers the
//! final verdicts' error rates and so the width).
//!
//! Report fields per group, all from [`ppi::Ppi`] except `judged`:
//!
//! * `rate` = `Ppi::rate`; `ci` = {`low`: `Ppi::lo`, `high`: `Ppi::hi`,
//!   `method`: `Ppi::method`, `confidence`};
//! * `rubric_rate` = `Ppi::rubric_rate`, `rubric_ci` = {`low`: `rubric_lo`,
//!   `high`: `rubric_hi`, `method`: "wilson"} — the final verdicts'
//!   uncorrected rate (rubric, with contested records re-decided by the judge);
//! * `judged`: records the judge decided (contested or audited), counted by
//!   the engine; `audited` = `Ppi::audited` (n), `records` (N);
//! * `fpr` = {`rate`, `low`, `high`, `errors`, `of`}: audited final-verdict
//!   failures the judge cleared, P(Y = 0 | f = 1), Clopper–Pearson; `fnr`
//!   likewise for P(Y = 1 | f = 0); `null` when that stratum was not audited;
//! * `lambda` = `Ppi::lambda`, and a note when an audit was cut below its
//!   minimum by the budget ([`audit::BudgetPlan::audit_below_minimum`]).
//!
//! Audit selection ([`audit`]): a record's rank is a seeded hash of its
//! identity (never of its content or verdict); records ranked below F·2⁶⁴ are
//! audited at once, and each group is topped up to `--audit-min` records with
//! the next-smallest ranks, kept in a bounded heap of at most `--audit-min`
//! payloads per group. The audit of a group is its m smallest ranks: a uniform
//! random subset, the same whatever the thread count. A judge budget is
//! spent on audit floors first, then contested records by rubric priority,
//! then the rest of the audit ([`audit::plan_budget`]).
//!
//! ## Reproducibility ([`bootstrap`])
//! Each group's random stream is derived from (seed, group key) by a
//! documented stable hash ([`stream_seed`]), so results do not depend on
//! thread count or group order.
//!
//! ## Numerics ([`special`])
//! Regularized incomplete beta by Lentz's continued fraction over a Stirling-series
//! log-gamma, inverted by safeguarded Newton iteration; normal quantile by
//! Wichura's AS 241. All are checked against scipy 1.17 / statsmodels 0.15
//! (`reference_tests.rs`, generated by `scripts/stats-reference.py`).
//!
//! ## References
//! * Angelopoulos, A. N., Bates, S., Fannjiang, C., Jordan, M. I. & Zrnic, T.
//!   (2023a). Prediction-powered inference. *Science* 382, 669–674.
//! * Angelopoulos, A. N., Duchi, J. C. & Zrnic, T. (2023b). PPI++: efficient
//!   prediction-powered inference. arXiv:2311.01453.
//! * Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery
//!   rate. *JRSS B* 57, 289–300.
//! * Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for
//!   a binomial proportion. *Statistical Science* 16, 101–133.
//! * Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based
//!   improvements for inference with clustered errors. *REStat* 90, 414–427.
//! * Clopper, C. J. & Pearson, E. S. (1934). The use of confidence or fiducial
//!   limits illustrated in the case of the binomial. *Biometrika* 26, 404–413.
//! * Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed. Wiley.
//! * Efron, B. (1987). Better bootstrap confidence intervals. *JASA* 82,
//!   171–185.
//! * Fleiss, J. L., Levin, B. & Paik, M. C. (2003). *Statistical Methods for
//!   Rates and Proportions*, 3rd ed. Wiley.
//! * Holm, S. (1979). A simple sequentially rejective multiple test
//!   procedure. *Scand. J. Statist.* 6, 65–70.
//! * Kish, L. (1965). *Survey Sampling*. Wiley.
//! * Korn, E. L. & Graubard, B. I. (1998). Confidence intervals for
//!   proportions with small expected number of positive counts estimated
//!   from survey data. *Survey Methodology* 24, 193–201.
//! * Miller, E. (2024). Adding error bars to evals: a statistical approach to
//!   language model evaluations. arXiv:2411.00640.
//! * Newcombe, R. G. (1998a). Interval estimation for the difference between
//!   independent proportions: comparison of eleven methods. *Stat. Med.* 17,
//!   873–890.
//! * Newcombe, R. G. (1998b). Improved confidence intervals for the difference
//!   between binomial proportions based on paired data. *Stat. Med.* 17,
//!   2635–2650.
//! * Wichura, M. J. (1988). Algorithm AS 241: the percentage points of the
//!   normal distribution. *Applied Statistics* 37, 477–484.
//! * Wilson, E. B. (1927). Probable inference, the law of succession, and
//!   statistical inference. *JASA* 22, 209–212.
//! * Zou, G. Y. & Donner, A. (2008). Construction of confidence limits about
//!   effect measures: a general approach. *Stat. Med.* 27, 1693–1702.

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod audit;
pub mod bootstrap;
pub mod cluster;
pub mod compare;
pub mod interval;
pub mod power;
pub mod ppi;
pub mod special;

#[cfg(test)]
mod coverage_tests;
#[cfg(test)]
mod ppi_coverage_tests;
#[cfg(test)]
mod ppi_reference_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod reference_tests;

pub use crate::stats::bootstrap::{group_rng, stream_seed};
pub use crate::stats::cluster::{Clustered, clustered};
pub use crate::stats::compare::{
    Correction, PairedCounts, PairedDiff, UnpairedDiff, adjust, compare_unpaired, fisher_exact,
    mcnemar_exact, newcombe_diff, paired_diff,
};
pub use crate::stats::interval::{clopper_pearson, jeffreys, wilson};
pub use crate::stats::power::{detectable_difference, power_at, sample_size};
pub use crate::stats::ppi::{AuditTable, ErrorRate, Ppi, PpiCounts, ppi, ppi_clt};

use crate::stats::interval::{
    clopper_pearson_real, jeffreys_real, lower_one_sided_all, upper_one_sided_zero,
    valid_confidence, wilson_real,
};

/// Bootstrap methods need at least this many failures *and* successes;
/// below it they fall back to the exact interval.
pub const MIN_BOOTSTRAP_COUNT: u64 = 5;

/// How a confidence interval is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CiMethod {
    /// Wilson (1927) score interval.
    Wilson,
    /// Clopper & Pearson (1934) exact interval.
    Exact,
    /// Jeffreys equal-tailed Beta(½, ½)-prior interval.
    Jeffreys,
    /// Percentile bootstrap.
    Bootstrap,
    /// Bias-corrected and accelerated bootstrap (Efron 1987).
    Bca,
}

impl CiMethod {
    /// Every method, in documentation order.
    pub const ALL: [CiMethod; 5] = [
        CiMethod::Wilson,
        CiMethod::Exact,
        CiMethod::Jeffreys,
        CiMethod::Bootstrap,
        CiMethod::Bca,
    ];

    /// The stable lowercase name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            CiMethod::Wilson => "wilson",
            CiMethod::Exact => "exact",
            CiMethod::Jeffreys => "jeffreys",
            CiMethod::Bootstrap => "bootstrap",
            CiMethod::Bca => "bca",
        }
    }

    /// Parses a name produced by [`CiMethod::name`] (case-insensitive; also
    /// accepts "clopper-pearson" and "percentile").
    pub fn from_name(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wilson" => Some(CiMethod::Wilson),
            "exact" | "clopper-pearson" | "clopper_pearson" => Some(CiMethod::Exact),
            "jeffreys" => Some(CiMethod::Jeffreys),
            "bootstrap" | "percentile" => Some(CiMethod::Bootstrap),
            "bca" => Some(CiMethod::Bca),
            _ => None,
        }
    }

    /// A human-readable description for report footers.
    pub fn describe(self) -> &'static str {
        match self {
            CiMethod::Wilson => "Wilson score interval",
            CiMethod::Exact => "Clopper–Pearson exact interval",
            CiMethod::Jeffreys => "Jeffreys interval",
            CiMethod::Bootstrap => "percentile bootstrap interval",
            CiMethod::Bca => "bias-corrected and accelerated (BCa) bootstrap interval",
        }
    }

    /// Whether the method resamples (and so uses `resamples` and `seed`).
    pub fn is_bootstrap(self) -> bool {
        matches!(self, CiMethod::Bootstrap | CiMethod::Bca)
    }
}

impl fmt::Display for CiMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Invalid statistical settings.
#[derive(Clone, Debug, PartialEq)]
pub enum StatsError {
    /// Confidence must lie strictly between 0 and 1.
    Confidence(f64),
    /// A bootstrap needs at least one resample.
    ZeroResamples,
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatsError::Confidence(c) => {
                write!(
                    f,
                    "confidence must be strictly between 0 and 1 (e.g. 0.95), got {c}"
                )
            }
            StatsError::ZeroResamples => {
                f.write_str("bootstrap resamples must be at least 1 (default 10000)")
            }
        }
    }
}

impl std::error::Error for StatsError {}

/// Interval settings shared by every group of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CiConfig {
    /// Requested interval method.
    pub method: CiMethod,
    /// Two-sided confidence level in (0, 1).
    pub confidence: f64,
    /// Bootstrap replicates per group (bootstrap methods only).
    pub resamples: u32,
    /// Base seed; each group's stream is `stream_seed(seed, group_key)`.
    pub seed: u64,
}

impl Default for CiConfig {
    fn default() -> Self {
        CiConfig {
            method: CiMethod::Wilson,
            confidence: 0.95,
            resamples: 10_000,
            seed: 0,
        }
    }
}

impl CiConfig {
    /// A validated configuration.
    pub fn new(
        method: CiMethod,
        confidence: f64,
        resamples: u32,
        seed: u64,
    ) -> Result<Self, StatsError> {
        let cfg = CiConfig {
            method,
            confidence,
            resamples,
            seed,
        };
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks the settings; the estimators return `None` for settings that
    /// fail this, so call it once up front to get the message.
    pub fn validate(&self) -> Result<(), StatsError> {
        if !valid_confidence(self.confidence) {
            return Err(StatsError::Confidence(self.confidence));
        }
        if self.method.is_bootstrap() && self.resamples == 0 {
            return Err(StatsError::ZeroResamples);
        }
        Ok(())
    }

    /// α = 1 − confidence.
    pub fn alpha(&self) -> f64 {
        1.0 - self.confidence
    }
}

/// A two-sided confidence interval and how it was obtained.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound, in [0, 1].
    pub low: f64,
    /// Upper bound, in [0, 1].
    pub high: f64,
    /// The method actually used (differs from the requested one on fallback).
    pub method: CiMethod,
    /// Why the requested method was replaced, e.g. "bootstrap needs at least
    /// 5 failures and 5 successes (got 0 failures, 1000 successes); exact
    /// (Clopper–Pearson) used".
    pub fallback: Option<String>,
}

/// A failure rate with its interval.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// Failures.
    pub k: u64,
    /// Transcripts (n ≥ 1).
    pub n: u64,
    /// k / n.
    pub rate: f64,
    /// Two-sided interval (never a point, even at k = 0 or k = n).
    pub ci: Interval,
    /// At k = 0 only: the one-sided upper bound 1 − α^{1/n}.
    pub upper_one_sided: Option<f64>,
    /// At k = n only: the one-sided lower bound α^{1/n}.
    pub lower_one_sided: Option<f64>,
}

/// Analytic interval for a (possibly effective, real-valued) count and size.
pub(crate) fn analytic_real(
    method: CiMethod,
    k: f64,
    n: f64,
    confidence: f64,
) -> Option<(f64, f64)> {
    match method {
        CiMethod::Wilson => wilson_real(k, n, confidence),
        CiMethod::Jeffreys => jeffreys_real(k, n, confidence),
        CiMethod::Exact | CiMethod::Bootstrap | CiMethod::Bca => {
            clopper_pearson_real(k, n, confidence)
        }
    }
}

/// The exact interval standing in for a bootstrap that cannot be trusted.
pub(crate) fn exact_fallback(k: f64, n: f64, confidence: f64, why: String) -> Option<Interval> {
    let (low, high) = clopper_pearson_real(k, n, confidence)?;
    Some(Interval {
        low,
        high,
        method: CiMethod::Exact,
        fallback: Some(format!("{why}; exact (Clopper–Pearson) used")),
    })
}

/// The interval from sorted replicates, or the exact interval at (k, n)
/// when the replicates cannot give one (the reason goes in `fallback`).
pub(crate) fn resampled_interval(
    cfg: &CiConfig,
    sorted: &[f64],
    theta_hat: f64,
    accel: impl FnOnce() -> f64,
    k: f64,
    n: f64,
) -> Option<Interval> {
    match from_replicates(cfg.method, sorted, theta_hat, accel, cfg.confidence) {
        Ok((low, high)) => Some(Interval {
            low,
            high,
            method: cfg.method,
            fallback: None,
        }),
        Err(why) => exact_fallback(k, n, cfg.confidence, why),
    }
}

/// Why a bootstrap on k failures out of n would be degenerate, if it would.
pub(crate) fn too_few_for_bootstrap(k: u64, n: u64) -> Option<String> {
    let s = n - k;
    if k < MIN_BOOTSTRAP_COUNT || s < MIN_BOOTSTRAP_COUNT {
        Some(format!(
            "bootstrap needs at least {MIN_BOOTSTRAP_COUNT} failures and {MIN_BOOTSTRAP_COUNT} successes \
             (got {k} failures, {s} successes)"
        ))
    } else {
        None
    }
}

/// Interval from sorted bootstrap replicate rates, or the reason it failed.
pub(crate) fn from_replicates(
    method: CiMethod,
    sorted: &[f64],
    theta_hat: f64,
    accel: impl FnOnce() -> f64,
    confidence: f64,
) -> Result<(f64, f64), String> {
    let (first, last) = match (sorted.first(), sorted.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => return Err("no bootstrap replicates".to_string()),
    };
    if first == last {
        return Err("every bootstrap replicate gave the same rate".to_string());
    }
    if method == CiMethod::Bca {
        bootstrap::bca(sorted, theta_hat, accel(), confidence).map_err(|e| match e {
            bootstrap::BcaFailure::BiasUnbounded => {
                "BCa bias correction undefined: every replicate fell on one side of the estimate"
                    .to_string()
            }
            bootstrap::BcaFailure::AccelerationTooLarge => {
                "BCa acceleration too large for this confidence level".to_string()
            }
        })
    } else {
        Ok(bootstrap::percentile(sorted, confidence))
    }
}

/// Failure rate of k failures among n independent transcripts, with the
/// interval `cfg` asks for. Bootstrap methods draw from the group's own stream
/// `stream_seed(cfg.seed, group_key)`.
///
/// Returns `None` when n = 0 (no estimate), when k > n, or when `cfg` fails
/// [`CiConfig::validate`].
pub fn estimate(k: u64, n: u64, cfg: &CiConfig, group_key: &str) -> Option<Estimate> {
    if n == 0 || k > n || cfg.validate().is_err() {
        return None;
    }
    let (kf, nf) = (k as f64, n as f64);
    let rate = kf / nf;
    let ci = if cfg.method.is_bootstrap() {
        match too_few_for_bootstrap(k, n) {
            Some(why) => exact_fallback(kf, nf, cfg.confidence, why)?,
            None => {
                let mut rng = group_rng(cfg.seed, group_key);
                let reps = bootstrap::binomial_replicates(k, n, cfg.resamples, &mut rng)?;
                let accel = || bootstrap::binomial_acceleration(k, n);
                resampled_interval(cfg, &reps, rate, accel, kf, nf)?
            }
        }
    } else {
        let (low, high) = analytic_real(cfg.method, kf, nf, cfg.confidence)?;
        Interval {
            low,
            high,
            method: cfg.method,
            fallback: None,
        }
    };
    Some(Estimate {
        k,
        n,
        rate,
        ci,
        upper_one_sided: if k == 0 {
            upper_one_sided_zero(nf, cfg.confidence)
        } else {
            None
        },
        lower_one_sided: if k == n {
            lower_one_sided_all(nf, cfg.confidence)
        } else {
            None
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(method: CiMethod) -> CiConfig {
        CiConfig {
            method,
            ..CiConfig::default()
        }
    }

    #[test]
    fn names_round_trip() {
        for m in CiMethod::ALL {
            assert_eq!(CiMethod::from_name(m.name()), Some(m));
            assert!(!m.describe().is_empty());
        }
        assert_eq!(CiMethod::from_name("BCa"), Some(CiMethod::Bca));
        assert_eq!(CiMethod::from_name("wald"), None);
    }

    #[test]
    fn config_validation() {
        assert!(CiConfig::new(CiMethod::Wilson, 0.95, 10_000, 1).is_ok());
        for c in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
            let err = CiConfig::new(CiMethod::Wilson, c, 10, 0).unwrap_err();
            assert!(err.to_string().contains("strictly between 0 and 1"));
        }
        assert_eq!(
            CiConfig::new(CiMethod::Bca, 0.95, 0, 0),
            Err(StatsError::ZeroResamples)
        );
        assert!(CiConfig::new(CiMethod::Exact, 0.95, 0, 0).is_ok());
        let bad = CiConfig {
            confidence: 2.0,
            ..CiConfig::default()
        };
        assert!(estimate(1, 10, &bad, "g").is_none());
    }

    #[test]
    fn n_zero_and_k_gt_n_have_no_estimate() {
        for m in CiMethod::ALL {
            assert!(estimate(0, 0, &cfg(m), "g").is_none());
            assert!(estimate(3, 2, &cfg(m), "g").is_none());
        }
    }

    #[test]
    fn zero_failures_is_never_a_point() {
        for m in CiMethod::ALL {
            let e = estimate(0, 1000, &cfg(m), "g").expect("n > 0");
            assert_eq!(e.rate, 0.0);
            assert_eq!(e.ci.low, 0.0);
            assert!(e.ci.high > 0.0, "{m:?}");
            let u = e
                .upper_one_sided
                .expect("k = 0 carries the one-sided bound");
            assert!((u - (1.0 - 0.05f64.powf(1.0 / 1000.0))).abs() < 1e-15);
            assert!(
                (u - 0.002_991_249_5).abs() < 1e-9,
                "rule of three ≈ 3/n: {u}"
            );
            assert!(e.lower_one_sided.is_none());
            if m.is_bootstrap() {
                assert_eq!(e.ci.method, CiMethod::Exact);
                assert!(
                    e.ci.fallback
                        .as_deref()
                        .is_some_and(|f| f.contains("0 failures"))
                );
            } else {
                assert_eq!(e.ci.method, m);
                assert!(e.ci.fallback.is_none());
            }
        }
        let all = estimate(50, 50, &cfg(CiMethod::Wilson), "g").expect("n > 0");
        assert_eq!(all.ci.high, 1.0);
        assert!(all.ci.low < 1.0 && all.upper_one_sided.is_none());
        assert!(all.lower_one_sided.is_some_and(|l| l > 0.9 && l < 1.0));
    }

    #[test]
    fn bootstrap_is_reproducible_and_sane() {
        for m in [CiMethod::Bootstrap, CiMethod::Bca] {
            let c = CiConfig {
                method: m,
                resamples: 2000,
                seed: 42,
                ..CiConfig::default()
            };
            let a = estimate(41, 100, &c, "model-a").expect("n > 0");
            let b = estimate(41, 100, &c, "model-a").expect("n > 0");
            assert_eq!(a, b);
            assert_eq!(a.ci.method, m);
            assert!(a.ci.fallback.is_none());
            // Close to Wilson [0.3187, 0.5080] at n = 100.
            assert!(
                (a.ci.low - 0.3187).abs() < 0.03 && (a.ci.high - 0.508).abs() < 0.03,
                "{a:?}"
            );
            let other = estimate(4100, 10_000, &c, "model-b").expect("n > 0");
            let other2 = estimate(4100, 10_000, &c, "model-c").expect("n > 0");
            assert!(other.ci.low != other2.ci.low || other.ci.high != other2.ci.high);
        }
        // At n = 10⁶ both bootstraps agree with Wilson to a few counts.
        let big = estimate(31_416, 1_000_000, &CiConfig::default(), "g").expect("n > 0");
        for m in [CiMethod::Bootstrap, CiMethod::Bca] {
            let c = CiConfig {
                method: m,
                ..CiConfig::default()
            };
            let e = estimate(31_416, 1_000_000, &c, "g").expect("n > 0");
            assert!(
                (e.ci.low - big.ci.low).abs() < 2e-5 && (e.ci.high - big.ci.high).abs() < 2e-5,
                "{e:?} {big:?}"
            );
        }
        let few = CiConfig {
            method: CiMethod::Bca,
            ..CiConfig::default()
        };
        let e = estimate(97, 100, &few, "g").expect("n > 0");
        assert_eq!(e.ci.method, CiMethod::Exact);
        assert!(
            e.ci.fallback
                .as_deref()
                .is_some_and(|f| f.contains("3 successes"))
        );
    }
}
