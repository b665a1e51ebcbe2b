//! Comparing failure rates between a base and another configuration, and
//! correcting p-values across many comparisons.
//!
//! # Unpaired (independent samples)
//! * Interval for p_other − p_base: Newcombe (1998a) method 10, the hybrid
//!   score ("square-and-add") interval built from the two Wilson intervals
//!   (l₁, u₁) for p_other and (l₂, u₂) for p_base:
//!   [d − √((p₁ − l₁)² + (u₂ − p₂)²), d + √((u₁ − p₁)² + (p₂ − l₂)²)].
//!   Matches statsmodels' `confint_proportions_2indep(method="newcomb")`.
//! * p-value: two-sided Fisher exact test (conditional on both margins),
//!   summing the hypergeometric probabilities of all tables no more likely
//!   than the observed one, with scipy's relative tie tolerance 1 + 10⁻⁷. It
//!   is exact at any count, which matters for rare failures, and agrees with
//!   `scipy.stats.fisher_exact`.
//!
//! # Paired (the same items graded under both configurations)
//! With a = both fail, b = base fails only, c = other fails only, d = neither
//! and n = a + b + c + d:
//! * p-value: McNemar's exact test — conditional on the b + c discordant
//!   pairs, b ~ Binomial(b + c, ½) under H₀; two-sided p =
//!   min(1, 2·P(X ≤ min(b, c))), as statsmodels' `mcnemar(exact=True)`.
//! * Interval for p_other − p_base = (c − b)/n: Newcombe (1998b) method 10,
//!   the square-and-add of the marginal Wilson intervals with the correlation
//!   correction φ̂ = (ad − bc)/√((a+b)(c+d)(a+c)(b+d)) (φ̂ := 0 when a margin is
//!   empty): d − δ, d + ε with
//!   δ = √((p₁ − l₁)² − 2φ̂(p₁ − l₁)(u₂ − p₂) + (u₂ − p₂)²),
//!   ε = √((u₁ − p₁)² − 2φ̂(u₁ − p₁)(p₂ − l₂) + (p₂ − l₂)²),
//!   where index 1 is "other" and 2 is "base". With no discordant pairs
//!   (b = c = 0) method 10 degenerates (φ̂ = 1 makes the interval collapse to
//!   a point when p̂ = ½), so ±(Wilson upper bound for 0 discordant pairs out
//!   of n) is used instead, which bounds |c − b|/n ≤ (b + c)/n; the result's
//!   `fallback` field says so.
//!
//! # Multiple comparisons
//! [`adjust`] returns adjusted p-values in input order: Holm (1979)
//! step-down family-wise error control (default; valid under any
//! dependence), Benjamini & Hochberg (1995) step-up false discovery rate
//! control, or none. NaN inputs are treated as 1 (they cannot be evidence).

use serde::{Deserialize, Serialize};

use crate::stats::interval::{valid_confidence, wilson};
use crate::stats::special::beta_inc;

/// Newcombe's (1998a) method 10 interval for p_other − p_base. `None` when a
/// group is empty, a count exceeds its size, or the confidence is invalid.
pub fn newcombe_diff(
    k_base: u64,
    n_base: u64,
    k_other: u64,
    n_other: u64,
    confidence: f64,
) -> Option<(f64, f64)> {
    let (l1, u1) = wilson(k_other, n_other, confidence)?;
    let (l2, u2) = wilson(k_base, n_base, confidence)?;
    let p1 = k_other as f64 / n_other as f64;
    let p2 = k_base as f64 / n_base as f64;
    let d = p1 - p2;
    let lo = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let hi = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some((lo.max(-1.0), hi.min(1.0)))
}

/// McNemar's exact two-sided p-value for b and c discordant pairs (1 when
/// there are none).
pub fn mcnemar_exact(b: u64, c: u64) -> f64 {
    let n = b + c;
    if n == 0 || b == c {
        return 1.0;
    }
    let m = b.min(c);
    // P(X ≤ m) for X ~ Binomial(n, ½) is I_{½}(n − m, m + 1).
    let tail = beta_inc((n - m) as f64, (m + 1) as f64, 0.5).0;
    (2.0 * tail).min(1.0)
}

/// Two-sided Fisher exact p-value for k₁/n₁ versus k₂/n₂ failures. `None` if
/// a count exceeds its group size; 1 if either margin is empty.
pub fn fisher_exact(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<f64> {
    if k1 > n1 || k2 > n2 {
        return None;
    }
    let total = n1 + n2;
    let fails = k1 + k2;
    if n1 == 0 || n2 == 0 || fails == 0 || fails == total {
        return Some(1.0);
    }
    // X = failures in group 1 ~ Hypergeometric(total, fails, n1).
    let lo = n1.saturating_sub(total - fails);
    let hi = n1.min(fails);
    let mode = (((n1 + 1) as f64 * (fails + 1) as f64) / (total + 2) as f64).floor() as u64;
    let mode = mode.clamp(lo, hi);
    // p(x + 1)/p(x); probabilities relative to the mode, walked outwards so
    // no factorials are formed. Terms below 1e-300 of the mode are dropped:
    // their total is far below any reportable p-value.
    let ratio = |x: u64| -> f64 {
        ((n1 - x) as f64 * (fails - x) as f64)
            / ((x + 1) as f64 * (total - fails + x + 1 - n1) as f64)
    };
    let mut up = Vec::new();
    let mut w = 1.0;
    let mut x = mode;
    while x < hi {
        w *= ratio(x);
        x += 1;
        if w < 1e-300 {
            break;
        }
        up.push((x, w));
    }
    let mut down = Vec::new();
    let mut w = 1.0;
    let mut x = mode;
    while x > lo {
        w /= ratio(x - 1);
        x -= 1;
        if w < 1e-300 {
            break;
        }
        down.push((x, w));
    }
    let all = std::iter::once((mode, 1.0)).chain(up).chain(down);
    let (mut sum, mut obs_w, mut terms) = (0.0, 0.0, Vec::new());
    for (x, w) in all {
        sum += w;
        if x == k1 {
            obs_w = w;
        }
        terms.push(w);
    }
    if obs_w == 0.0 {
        return Some(0.0);
    }
    let cut = obs_w * (1.0 + 1e-7);
    let mut extreme: Vec<f64> = terms.into_iter().filter(|&w| w <= cut).collect();
    // Small terms first, for an accurate sum.
    extreme.sort_unstable_by(f64::total_cmp);
    let p = extreme.iter().sum::<f64>() / sum;
    Some(p.min(1.0))
}

/// Difference of two independent failure rates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnpairedDiff {
    /// p_other − p_base.
    pub diff: f64,
    /// Lower bound of the Newcombe (1998a) method 10 interval.
    pub low: f64,
    /// Upper bound of the Newcombe (1998a) method 10 interval.
    pub high: f64,
    /// Two-sided Fisher exact p-value (uncorrected).
    pub p_value: f64,
}

/// p_other − p_base for independent groups, with interval and p-value.
pub fn compare_unpaired(
    k_base: u64,
    n_base: u64,
    k_other: u64,
    n_other: u64,
    confidence: f64,
) -> Option<UnpairedDiff> {
    let (low, high) = newcombe_diff(k_base, n_base, k_other, n_other, confidence)?;
    let p_value = fisher_exact(k_base, n_base, k_other, n_other)?;
    let diff = k_other as f64 / n_other as f64 - k_base as f64 / n_base as f64;
    Some(UnpairedDiff {
        diff,
        low,
        high,
        p_value,
    })
}

/// The 2 × 2 table of paired outcomes (each item graded under both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairedCounts {
    /// Both configurations fail the item.
    pub both: u64,
    /// Only the base configuration fails.
    pub base_only: u64,
    /// Only the other configuration fails.
    pub other_only: u64,
    /// Neither fails.
    pub neither: u64,
}

impl PairedCounts {
    /// Number of paired items.
    pub fn pairs(&self) -> u64 {
        self.both + self.base_only + self.other_only + self.neither
    }
}

/// Difference of paired failure rates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairedDiff {
    /// Number of paired items.
    pub pairs: u64,
    /// p_other − p_base = (other_only − base_only)/pairs.
    pub diff: f64,
    /// Lower bound of the Newcombe (1998b) method 10 interval.
    pub low: f64,
    /// Upper bound of the Newcombe (1998b) method 10 interval.
    pub high: f64,
    /// McNemar's exact two-sided p-value (uncorrected).
    pub p_value: f64,
    /// Set when method 10 was replaced (no discordant pairs), saying why.
    pub fallback: Option<String>,
}

/// Paired comparison; `None` with no pairs or an invalid confidence.
pub fn paired_diff(t: &PairedCounts, confidence: f64) -> Option<PairedDiff> {
    let n = t.pairs();
    if n == 0 || !valid_confidence(confidence) {
        return None;
    }
    let (a, b, c, d) = (t.both, t.base_only, t.other_only, t.neither);
    let nf = n as f64;
    let p1 = (a + c) as f64 / nf;
    let p2 = (a + b) as f64 / nf;
    let (l1, u1) = wilson(a + c, n, confidence)?;
    let (l2, u2) = wilson(a + b, n, confidence)?;
    let margins = [
        (a + c) as f64,
        (b + d) as f64,
        (a + b) as f64,
        (c + d) as f64,
    ];
    let phi = if margins.contains(&0.0) {
        0.0
    } else {
        // The product of four margins can exceed 2^64, so form it in f64.
        (a as f64 * d as f64 - b as f64 * c as f64) / margins.iter().product::<f64>().sqrt()
    };
    let p_value = mcnemar_exact(b, c);
    if b + c == 0 {
        // Method 10 degenerates here (to a point when p̂ = ½). Since
        // |p_other − p_base| ≤ discordant rate, the Wilson upper bound for 0
        // discordant pairs out of n bounds the difference on both sides.
        let (_, u) = wilson(0, n, confidence)?;
        return Some(PairedDiff {
            pairs: n,
            diff: 0.0,
            low: -u,
            high: u,
            p_value,
            fallback: Some(
                "no discordant pairs: Newcombe method 10 degenerates; ±(Wilson upper bound on the \
                 discordant rate) used, which bounds |p_other − p_base|"
                    .to_string(),
            ),
        });
    }
    let theta = p1 - p2;
    let (dl1, du2) = (p1 - l1, u2 - p2);
    let (du1, dl2) = (u1 - p1, p2 - l2);
    // max(0, ·) guards rounding just below zero when φ̂ = 1.
    let delta = (dl1 * dl1 - 2.0 * phi * dl1 * du2 + du2 * du2)
        .max(0.0)
        .sqrt();
    let eps = (du1 * du1 - 2.0 * phi * du1 * dl2 + dl2 * dl2)
        .max(0.0)
        .sqrt();
    Some(PairedDiff {
        pairs: n,
        diff: theta,
        low: (theta - delta).max(-1.0),
        high: (theta + eps).min(1.0),
        p_value,
        fallback: None,
    })
}

/// Multiple-comparison correction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Correction {
    /// Holm (1979) step-down, family-wise error rate.
    #[default]
    Holm,
    /// Benjamini & Hochberg (1995) step-up, false discovery rate.
    #[serde(rename = "bh")]
    BenjaminiHochberg,
    /// No correction.
    None,
}

impl Correction {
    /// The stable lowercase name: "holm", "bh", "none".
    pub fn name(self) -> &'static str {
        match self {
            Correction::Holm => "holm",
            Correction::BenjaminiHochberg => "bh",
            Correction::None => "none",
        }
    }

    /// Accepts "holm", "bh" / "fdr" / "benjamini-hochberg", "none".
    pub fn from_name(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "holm" => Some(Correction::Holm),
            "bh" | "fdr" | "fdr_bh" | "benjamini-hochberg" => Some(Correction::BenjaminiHochberg),
            "none" => Some(Correction::None),
            _ => None,
        }
    }
}

/// Adjusted p-values, in input order (see the module docs).
pub fn adjust(p: &[f64], c: Correction) -> Vec<f64> {
    let clean: Vec<f64> = p
        .iter()
        .map(|&x| if x.is_nan() { 1.0 } else { x.clamp(0.0, 1.0) })
        .collect();
    let m = clean.len();
    if c == Correction::None || m == 0 {
        return clean;
    }
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| clean[i].total_cmp(&clean[j]));
    let mut out = vec![0.0; m];
    match c {
        Correction::Holm => {
            let mut running = 0.0_f64;
            for (rank, &i) in order.iter().enumerate() {
                running = running.max(((m - rank) as f64 * clean[i]).min(1.0));
                out[i] = running;
            }
        }
        Correction::BenjaminiHochberg => {
            let mut running = 1.0_f64;
            for (rank, &i) in order.iter().enumerate().rev() {
                running = running.min(m as f64 / (rank + 1) as f64 * clean[i]);
                out[i] = running.min(1.0);
            }
        }
        Correction::None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_inputs() {
        assert!(newcombe_diff(0, 0, 1, 10, 0.95).is_none());
        assert!(newcombe_diff(1, 10, 1, 10, 1.0).is_none());
        assert_eq!(mcnemar_exact(0, 0), 1.0);
        assert_eq!(fisher_exact(0, 10, 0, 10), Some(1.0));
        assert_eq!(fisher_exact(0, 0, 3, 10), Some(1.0));
        assert!(fisher_exact(11, 10, 3, 10).is_none());
        assert!(paired_diff(&PairedCounts::default(), 0.95).is_none());
        assert!(adjust(&[], Correction::Holm).is_empty());
        assert_eq!(adjust(&[f64::NAN, 0.01], Correction::None), vec![1.0, 0.01]);
    }

    #[test]
    fn identical_groups_give_symmetric_zero_diff() {
        let (lo, hi) = newcombe_diff(30, 100, 30, 100, 0.95).expect("valid");
        assert!((lo + hi).abs() < 1e-15 && lo < 0.0);
        let r = paired_diff(
            &PairedCounts {
                both: 10,
                base_only: 4,
                other_only: 4,
                neither: 82,
            },
            0.95,
        )
        .expect("valid");
        assert_eq!(r.diff, 0.0);
        assert_eq!(r.p_value, 1.0);
        assert!(r.low < 0.0 && r.high > 0.0);
    }

    #[test]
    fn correction_names() {
        for c in [
            Correction::Holm,
            Correction::BenjaminiHochberg,
            Correction::None,
        ] {
            assert_eq!(Correction::from_name(c.name()), Some(c));
        }
        assert_eq!(Correction::default(), Correction::Holm);
    }

    #[test]
    fn fisher_large_counts_stays_finite() {
        let p = fisher_exact(1200, 1_000_000, 1500, 1_000_000).expect("valid");
        assert!(p > 0.0 && p < 1e-6, "{p}");
        let q = fisher_exact(0, 1_000_000, 500_000, 1_000_000).expect("valid");
        assert!((0.0..1e-100).contains(&q));
    }
}
