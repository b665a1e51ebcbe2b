//! Failure rates of clustered transcripts.
//!
//! Input: one (failures, trials) pair per cluster, in a canonical order (the
//! order matters only for the bootstrap stream, so callers should sort by
//! cluster key). Clusters with zero trials carry no observations and are
//! dropped first; [`Clustered::clusters`] counts the rest.
//!
//! # Standard errors
//! With C clusters, N = Σtᵢ trials, K = Σfᵢ failures and p̂ = K/N,
//!
//! * SE_naive = √(p̂(1 − p̂)/N), the independent-transcripts standard error;
//! * SE_clustered = √( C/(C − 1) · Σᵢ (fᵢ − tᵢ p̂)² ) / N — Miller (2024,
//!   Appendix A): the within-cluster cross terms Σ_{j≠j'} (x_j − p̂)(x_j' − p̂)
//!   added to the CLT variance give (1/N²) Σᵢ (Σ_{j∈i} (x_j − p̂))², times the
//!   usual C/(C − 1) small-sample correction;
//! * design effect deff = SE²_clustered / SE²_naive (Kish 1965).
//!
//! # Intervals
//! * `wilson`, `exact`, `jeffreys`: the chosen method evaluated at the
//!   effective sample size n_eff = N / max(deff, 1) and effective count
//!   p̂·n_eff (Kish 1965; Korn & Graubard 1998 for Clopper–Pearson). This keeps
//!   the good small-count behaviour of those intervals, which a Wald interval
//!   p̂ ± z·SE loses near 0. deff is floored at 1 so that no precision is
//!   claimed beyond independent transcripts. Miller's Wald interval
//!   p̂ ± z·SE_clustered (clipped to [0, 1]) is reported beside it in
//!   [`Clustered::wald`].
//! * `bootstrap`, `bca`: pairs cluster bootstrap — each replicate draws C
//!   clusters with replacement and takes Σf*/Σt* (see [`crate::stats::bootstrap`]).
//!
//! # Degenerate cases
//! * no trials at all, a cluster with more failures than trials, or an
//!   invalid configuration: `None`;
//! * one cluster: SE_clustered (and so deff) is undefined (C − 1 = 0); the
//!   interval treats transcripts as independent and a note says so;
//! * K = 0 or K = N: every cluster has the same rate, so between-cluster
//!   variation cannot be estimated; deff is undefined and the interval
//!   assumes independence (n_eff = N), with a note;
//! * all clusters with the same failure rate (0 < p̂ < 1): SE_clustered = 0,
//!   deff = 0 is floored at 1 and no Wald interval is given (it would be a
//!   point);
//! * bootstrap methods with fewer than 2 clusters or fewer than
//!   [`MIN_BOOTSTRAP_COUNT`](crate::stats::MIN_BOOTSTRAP_COUNT) failures or
//!   successes, or replicates that collapse: Clopper–Pearson at n_eff, with
//!   [`Interval::fallback`] saying why.

use serde::Serialize;

use crate::stats::bootstrap::{cluster_acceleration, cluster_replicates, group_rng};
use crate::stats::interval::upper_one_sided_zero;
use crate::stats::special::z_two_sided;
use crate::stats::{
    CiConfig, Interval, analytic_real, exact_fallback, resampled_interval, too_few_for_bootstrap,
};

/// A clustered failure-rate estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Clustered {
    /// Total failures K.
    pub k: u64,
    /// Total trials N.
    pub n: u64,
    /// K / N.
    pub rate: f64,
    /// Clusters with at least one trial.
    pub clusters: usize,
    /// Clustered standard error; `None` with a single cluster.
    pub se: Option<f64>,
    /// Independent-transcripts standard error √(p̂(1 − p̂)/N).
    pub naive_se: f64,
    /// SE²_clustered / SE²_naive; `None` when either is undefined or the naive
    /// variance is 0 (K = 0 or K = N).
    pub design_effect: Option<f64>,
    /// N / max(deff, 1), or N when deff is undefined.
    pub effective_n: f64,
    /// Miller's (2024) p̂ ± z·SE_clustered clipped to [0, 1]; `None` when the
    /// clustered SE is undefined or 0.
    pub wald: Option<(f64, f64)>,
    /// The headline interval (see the module docs).
    pub ci: Interval,
    /// At K = 0 only: 1 − α^{1/n_eff}.
    pub upper_one_sided: Option<f64>,
    /// Plain-language notes on every degenerate case that applied.
    pub notes: Vec<String>,
}

/// Clustered estimate; see the module docs. `None` when there are no trials,
/// a cluster has failures > trials, or `cfg` is invalid.
pub fn clustered(clusters: &[(u64, u64)], cfg: &CiConfig, group_key: &str) -> Option<Clustered> {
    if cfg.validate().is_err() || clusters.iter().any(|&(f, t)| f > t) {
        return None;
    }
    let live: Vec<(u64, u64)> = clusters.iter().copied().filter(|&(_, t)| t > 0).collect();
    let (k, n) = live
        .iter()
        .fold((0u64, 0u64), |(f, t), &(fi, ti)| (f + fi, t + ti));
    if n == 0 {
        return None;
    }
    let c = live.len();
    let (kf, nf) = (k as f64, n as f64);
    let rate = kf / nf;
    let naive_var = rate * (1.0 - rate) / nf;
    let mut notes = Vec::new();

    let se = if c >= 2 {
        let ss: f64 = live
            .iter()
            .map(|&(fi, ti)| {
                let r = fi as f64 - ti as f64 * rate;
                r * r
            })
            .sum();
        let cf = c as f64;
        Some((cf / (cf - 1.0) * ss).sqrt() / nf)
    } else {
        notes.push(
            "only one cluster: the clustered standard error and design effect are undefined; \
             the interval treats transcripts as independent"
                .to_string(),
        );
        None
    };
    let design_effect = match se {
        Some(s) if naive_var > 0.0 => Some(s * s / naive_var),
        Some(_) => {
            notes.push(format!(
                "{}: between-cluster variation cannot be estimated, so the design effect is undefined; \
                 the interval treats transcripts as independent",
                if k == 0 { "no failures" } else { "no successes" }
            ));
            None
        }
        None => None,
    };
    let effective_n = match design_effect {
        Some(d) if d < 1.0 => {
            if se == Some(0.0) {
                notes.push(
                    "every cluster has the same failure rate: the clustered standard error is 0; \
                     design effect floored at 1"
                        .to_string(),
                );
            } else {
                notes.push(format!(
                    "design effect {d:.4} < 1 floored at 1 (no precision claimed beyond independent transcripts)"
                ));
            }
            nf
        }
        Some(d) => nf / d,
        None => nf,
    };
    let k_eff = rate * effective_n;
    let z = z_two_sided(cfg.confidence);
    let wald = se
        .filter(|&s| s > 0.0)
        .map(|s| ((rate - z * s).max(0.0), (rate + z * s).min(1.0)));

    let ci = if cfg.method.is_bootstrap() {
        let why = if c < 2 {
            Some("cluster bootstrap needs at least 2 clusters (got 1)".to_string())
        } else {
            too_few_for_bootstrap(k, n)
        };
        match why {
            Some(why) => exact_fallback(k_eff, effective_n, cfg.confidence, why)?,
            None => {
                let mut rng = group_rng(cfg.seed, group_key);
                let reps = cluster_replicates(&live, cfg.resamples, &mut rng);
                let accel = || cluster_acceleration(&live);
                resampled_interval(cfg, &reps, rate, accel, k_eff, effective_n)?
            }
        }
    } else {
        let (low, high) = analytic_real(cfg.method, k_eff, effective_n, cfg.confidence)?;
        Interval {
            low,
            high,
            method: cfg.method,
            fallback: None,
        }
    };

    Some(Clustered {
        k,
        n,
        rate,
        clusters: c,
        se,
        naive_se: naive_var.sqrt(),
        design_effect,
        effective_n,
        wald,
        ci,
        upper_one_sided: if k == 0 {
            upper_one_sided_zero(effective_n, cfg.confidence)
        } else {
            None
        },
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{CiMethod, wilson};

    fn cfg(method: CiMethod) -> CiConfig {
        CiConfig {
            method,
            resamples: 2000,
            seed: 3,
            ..CiConfig::default()
        }
    }

    #[test]
    fn singleton_clusters_reduce_to_independent() {
        // Each transcript its own cluster: deff = C/(C − 1) and the SE is the
        // naive one up to that factor.
        let data: Vec<(u64, u64)> = (0..200).map(|i| (u64::from(i % 5 == 0), 1)).collect();
        let r = clustered(&data, &cfg(CiMethod::Wilson), "g").expect("has trials");
        assert_eq!((r.k, r.n, r.clusters), (40, 200, 200));
        let deff = r.design_effect.expect("defined");
        assert!((deff - 200.0 / 199.0).abs() < 1e-12, "{deff}");
        assert!(r.notes.is_empty());
        // deff > 1 so n_eff = N/deff, slightly below N.
        assert!((r.effective_n - 199.0).abs() < 1e-9);
    }

    #[test]
    fn miller_formula_by_hand() {
        // Three clusters (3/4), (0/4), (3/4): p̂ = 0.5, residuals 1, −2, 1.
        let data = [(3, 4), (0, 4), (3, 4)];
        let r = clustered(&data, &cfg(CiMethod::Wilson), "g").expect("has trials");
        // SE² = 3/2 · 6 / 144 = 1/16.
        assert!((r.se.expect("C ≥ 2") - 0.25).abs() < 1e-15);
        let naive = (0.25f64 / 12.0).sqrt();
        assert!((r.naive_se - naive).abs() < 1e-15);
        assert!((r.design_effect.expect("defined") - 3.0).abs() < 1e-12);
        assert!((r.effective_n - 4.0).abs() < 1e-12);
        let (lo, hi) = crate::stats::interval::wilson_real(2.0, 4.0, 0.95).expect("valid");
        assert!((r.ci.low - lo).abs() < 1e-12 && (r.ci.high - hi).abs() < 1e-12);
        let (wl, wh) = r.wald.expect("se > 0");
        let z = 1.959_963_984_540_054;
        assert!((wl - (0.5 - z * 0.25)).abs() < 1e-12 && (wh - (0.5 + z * 0.25)).abs() < 1e-12);
    }

    #[test]
    fn degenerate_cases_are_explicit() {
        assert!(clustered(&[], &cfg(CiMethod::Wilson), "g").is_none());
        assert!(clustered(&[(0, 0), (0, 0)], &cfg(CiMethod::Wilson), "g").is_none());
        assert!(clustered(&[(3, 2)], &cfg(CiMethod::Wilson), "g").is_none());

        let one = clustered(&[(3, 10), (0, 0)], &cfg(CiMethod::Bca), "g").expect("has trials");
        assert_eq!(one.clusters, 1);
        assert!(one.se.is_none() && one.design_effect.is_none() && one.wald.is_none());
        assert_eq!(one.ci.method, CiMethod::Exact);
        assert!(
            one.ci
                .fallback
                .as_deref()
                .is_some_and(|f| f.contains("at least 2 clusters"))
        );
        assert!(one.notes[0].contains("only one cluster"));

        let zero = clustered(&[(0, 10), (0, 30)], &cfg(CiMethod::Wilson), "g").expect("has trials");
        assert_eq!(zero.se, Some(0.0));
        assert!(zero.design_effect.is_none() && zero.wald.is_none());
        assert_eq!(zero.effective_n, 40.0);
        assert_eq!(zero.ci.low, 0.0);
        assert!(zero.ci.high > 0.0);
        assert!(zero.upper_one_sided.is_some_and(|u| u > 0.0));
        assert!(zero.notes[0].contains("no failures"));
        let w = wilson(0, 40, 0.95).expect("valid");
        assert!((zero.ci.high - w.1).abs() < 1e-15);

        let same = clustered(&[(1, 10), (1, 10), (1, 10)], &cfg(CiMethod::Exact), "g")
            .expect("has trials");
        assert_eq!(same.se, Some(0.0));
        assert_eq!(same.design_effect, Some(0.0));
        assert_eq!(same.effective_n, 30.0);
        assert!(same.wald.is_none() && same.ci.high > same.ci.low);
        assert!(same.notes[0].contains("same failure rate"));

        let same_boot =
            clustered(&[(5, 10); 8], &cfg(CiMethod::Bootstrap), "g").expect("has trials");
        assert_eq!(same_boot.ci.method, CiMethod::Exact);
        assert!(
            same_boot
                .ci
                .fallback
                .as_deref()
                .is_some_and(|f| f.contains("same rate"))
        );
    }

    #[test]
    fn cluster_bootstrap_tracks_clustered_se() {
        // Strongly clustered: half the clusters fail 9/10, half 1/10.
        let data: Vec<(u64, u64)> = (0..60)
            .map(|i| if i % 2 == 0 { (9, 10) } else { (1, 10) })
            .collect();
        for m in [CiMethod::Bootstrap, CiMethod::Bca] {
            let r = clustered(&data, &cfg(m), "g").expect("has trials");
            assert_eq!(r.ci.method, m);
            let (wl, wh) = r.wald.expect("se > 0");
            assert!(
                (r.ci.low - wl).abs() < 0.03 && (r.ci.high - wh).abs() < 0.03,
                "{r:?}"
            );
            assert!(r.design_effect.is_some_and(|d| d > 5.0));
            let again = clustered(&data, &cfg(m), "g").expect("has trials");
            assert_eq!(r, again);
        }
    }
}
