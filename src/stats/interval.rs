//! Analytic two-sided intervals for one binomial proportion.
//!
//! All three functions return `None` when there is nothing to estimate
//! (n = 0), when k > n, or when the confidence level is not in (0, 1). The
//! `_real` variants accept a real-valued "effective" count and size (used by
//! the clustered analysis, after a design-effect adjustment) and otherwise
//! behave identically.

use crate::stats::special::{Tail, beta_inc_inv, z_two_sided};

pub(crate) fn valid_confidence(confidence: f64) -> bool {
    confidence > 0.0 && confidence < 1.0
}

fn valid_real(k: f64, n: f64, confidence: f64) -> bool {
    valid_confidence(confidence) && n > 0.0 && n.is_finite() && k >= 0.0 && k <= n
}

/// Wilson (1927) score interval.
///
/// The lower bound is formed from the product of the roots of the score
/// quadratic, lower = p̂² / ((1 + z²/n) · upper), instead of `centre − half`,
/// which would cancel catastrophically for k ≪ n. At k = 0 the lower bound is
/// exactly 0 and at k = n the upper bound is exactly 1.
pub fn wilson(k: u64, n: u64, confidence: f64) -> Option<(f64, f64)> {
    if k > n {
        return None;
    }
    wilson_real(k as f64, n as f64, confidence)
}

pub(crate) fn wilson_real(k: f64, n: f64, confidence: f64) -> Option<(f64, f64)> {
    if !valid_real(k, n, confidence) {
        return None;
    }
    let z = z_two_sided(confidence);
    let p = k / n;
    let z2n = z * z / n;
    let denom = 1.0 + z2n;
    let centre = (p + 0.5 * z2n) / denom;
    let half = z / denom * (p * (1.0 - p) / n + 0.25 * z2n / n).sqrt();
    // The upper bound is a sum of positive terms: no cancellation there.
    let upper = centre + half;
    let lo = if k <= 0.0 {
        0.0
    } else {
        p * p / (denom * upper)
    };
    let hi = if k >= n { 1.0 } else { upper };
    Some((lo.clamp(0.0, 1.0), hi.clamp(0.0, 1.0)))
}

/// Clopper & Pearson (1934) "exact" interval: equal-tailed inversion of the
/// binomial test, via Beta quantiles
/// lower = B⁻¹(α/2; k, n − k + 1), upper = B⁻¹(1 − α/2; k + 1, n − k).
///
/// Closed forms at the boundaries: at k = 0 the upper bound is
/// 1 − (α/2)^{1/n} and at k = n the lower bound is (α/2)^{1/n}.
pub fn clopper_pearson(k: u64, n: u64, confidence: f64) -> Option<(f64, f64)> {
    if k > n {
        return None;
    }
    clopper_pearson_real(k as f64, n as f64, confidence)
}

pub(crate) fn clopper_pearson_real(k: f64, n: f64, confidence: f64) -> Option<(f64, f64)> {
    if !valid_real(k, n, confidence) {
        return None;
    }
    let half_alpha = 0.5 * (1.0 - confidence);
    let lo = if k <= 0.0 {
        0.0
    } else if k >= n {
        (half_alpha.ln() / n).exp()
    } else {
        beta_inc_inv(k, n - k + 1.0, half_alpha, Tail::Lower)
    };
    let hi = if k >= n {
        1.0
    } else if k <= 0.0 {
        -(half_alpha.ln() / n).exp_m1()
    } else {
        beta_inc_inv(k + 1.0, n - k, half_alpha, Tail::Upper)
    };
    Some((lo, hi))
}

/// Jeffreys interval: equal-tailed Beta(k + ½, n − k + ½) posterior interval,
/// with the boundary modification of Brown, Cai & DasGupta (2001, §4.1.2):
/// lower = 0 at k = 0 and upper = 1 at k = n. (statsmodels' `jeffreys` does not
/// apply the modification, so at k = 0 its lower bound is a small positive
/// number and at k = n its upper bound is a little under 1.)
pub fn jeffreys(k: u64, n: u64, confidence: f64) -> Option<(f64, f64)> {
    if k > n {
        return None;
    }
    jeffreys_real(k as f64, n as f64, confidence)
}

pub(crate) fn jeffreys_real(k: f64, n: f64, confidence: f64) -> Option<(f64, f64)> {
    if !valid_real(k, n, confidence) {
        return None;
    }
    let half_alpha = 0.5 * (1.0 - confidence);
    let (a, b) = (k + 0.5, n - k + 0.5);
    let lo = if k <= 0.0 {
        0.0
    } else {
        beta_inc_inv(a, b, half_alpha, Tail::Lower)
    };
    let hi = if k >= n {
        1.0
    } else {
        beta_inc_inv(a, b, half_alpha, Tail::Upper)
    };
    Some((lo, hi))
}

/// One-sided upper confidence bound at k = 0: the p with (1 − p)ⁿ = α, i.e.
/// 1 − α^{1/n} (the "rule of three" ≈ 3/n at 95 %). `None` unless k = 0 < n.
pub fn upper_one_sided_zero(n: f64, confidence: f64) -> Option<f64> {
    if n.is_nan() || n <= 0.0 || !valid_confidence(confidence) {
        return None;
    }
    Some(-((1.0 - confidence).ln() / n).exp_m1())
}

/// One-sided lower bound at k = n: α^{1/n}, the mirror image of the above.
pub fn lower_one_sided_all(n: f64, confidence: f64) -> Option<f64> {
    if n.is_nan() || n <= 0.0 || !valid_confidence(confidence) {
        return None;
    }
    Some(((1.0 - confidence).ln() / n).exp())
}
