//! Planning: transcripts per group to detect a difference, and the smallest
//! difference a given number of transcripts can detect.
//!
//! Two-sided two-proportion z-test at level α = 1 − confidence, power 1 − β,
//! equal group sizes, base rate p₁ and other rate p₂ = p₁ + D, no continuity
//! correction (Fleiss, Levin & Paik 2003, eq. 4.14):
//!
//! n = [ z_{1−α/2} √(2 p̄ q̄) + z_{1−β} √(p₁q₁ + p₂q₂) ]² / D²,
//! p̄ = (p₁ + p₂)/2, q = 1 − p,
//!
//! rounded up. The null variance uses the pooled rate and the alternative
//! variance the two separate rates; the far rejection tail is ignored (its
//! probability is < α/2). This equals statsmodels'
//! `samplesize_proportions_2indep_onetail(..., alternative="two-sided")`.
//! The formula is symmetric under p → 1 − p, so a decrease from p₁ by D needs
//! the same n as an increase from 1 − p₁ by D.

use crate::stats::interval::valid_confidence;
use crate::stats::special::{normal_cdf, normal_quantile, z_two_sided};

fn in_open_unit(x: f64) -> bool {
    x > 0.0 && x < 1.0
}

/// Unrounded per-group n; requires validated inputs.
fn n_required(p1: f64, d: f64, z_a: f64, z_b: f64) -> f64 {
    let p2 = p1 + d;
    let pbar = 0.5 * (p1 + p2);
    let num =
        z_a * (2.0 * pbar * (1.0 - pbar)).sqrt() + z_b * (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    num * num / (d * d)
}

/// Transcripts needed per group to detect p₁ = `rate` → p₁ + `delta` (delta
/// may be negative). `None` unless rate and rate + delta are in (0, 1),
/// delta ≠ 0, and confidence and power are in (0, 1).
pub fn sample_size(rate: f64, delta: f64, confidence: f64, power: f64) -> Option<u64> {
    if !in_open_unit(rate) || !in_open_unit(rate + delta) || delta == 0.0 {
        return None;
    }
    if !valid_confidence(confidence) || !in_open_unit(power) {
        return None;
    }
    let n = n_required(rate, delta, z_two_sided(confidence), normal_quantile(power));
    // Below 1 only for absurd settings (e.g. power < 0.5 with a huge delta).
    (n.is_finite() && n < 1.8e19).then(|| (n.ceil() as u64).max(1))
}

/// Approximate power of the test with n transcripts per group (the exact
/// inverse of [`sample_size`]'s formula before rounding).
pub fn power_at(n: u64, rate: f64, delta: f64, confidence: f64) -> Option<f64> {
    if n == 0 || !in_open_unit(rate) || !in_open_unit(rate + delta) || delta == 0.0 {
        return None;
    }
    if !valid_confidence(confidence) {
        return None;
    }
    let (p1, p2) = (rate, rate + delta);
    let pbar = 0.5 * (p1 + p2);
    let z_a = z_two_sided(confidence);
    let z = (delta.abs() * (n as f64).sqrt() - z_a * (2.0 * pbar * (1.0 - pbar)).sqrt())
        / (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    Some(normal_cdf(z))
}

/// Smallest increase D > 0 over `rate` detectable with n transcripts per group
/// at the given confidence and power (for a decrease, pass 1 − rate). `None`
/// for invalid inputs or when no D < 1 − rate is detectable with n.
pub fn detectable_difference(n: u64, rate: f64, confidence: f64, power: f64) -> Option<f64> {
    if n == 0 || !in_open_unit(rate) || !valid_confidence(confidence) || !in_open_unit(power) {
        return None;
    }
    let (z_a, z_b) = (z_two_sided(confidence), normal_quantile(power));
    let target = n as f64;
    let top = 1.0 - rate;
    // Bisection on the unrounded formula for the smallest D with
    // n_required(D) ≤ n. n_required → ∞ as D → 0.
    let hi_d = top * (1.0 - 1e-12);
    if n_required(rate, hi_d, z_a, z_b) > target {
        return None;
    }
    let (mut lo, mut hi) = (0.0_f64, hi_d);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if n_required(rate, mid, z_a, z_b) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_inputs() {
        assert_eq!(sample_size(0.0, 0.1, 0.95, 0.8), None);
        assert_eq!(sample_size(0.5, 0.0, 0.95, 0.8), None);
        assert_eq!(sample_size(0.5, 0.6, 0.95, 0.8), None);
        assert_eq!(sample_size(0.5, 0.1, 1.0, 0.8), None);
        assert_eq!(sample_size(0.5, 0.1, 0.95, 0.0), None);
        assert_eq!(detectable_difference(0, 0.1, 0.95, 0.8), None);
        assert_eq!(detectable_difference(2, 0.1, 0.95, 0.8), None);
        assert_eq!(power_at(0, 0.1, 0.1, 0.95), None);
    }

    #[test]
    fn detectable_difference_inverts_sample_size() {
        for &(p, n) in &[(0.05, 100u64), (0.1, 1000), (0.5, 400), (0.001, 100_000)] {
            let d = detectable_difference(n, p, 0.95, 0.8).expect("detectable");
            let back = sample_size(p, d, 0.95, 0.8).expect("valid");
            assert!(back == n || back == n + 1, "p={p} n={n} d={d} back={back}");
            let pw = power_at(n, p, d, 0.95).expect("valid");
            assert!((pw - 0.8).abs() < 1e-9, "{pw}");
        }
    }
}
