//! Seeded random streams and the bootstrap on sufficient statistics.
//!
//! # Streams
//! Every group gets its own generator, derived only from the user's seed and
//! the group's key, so a group's resamples do not depend on which thread ran
//! it or in what order groups were visited. The derivation, fixed forever
//! because changing it would change published intervals:
//!
//! 1. h = FNV-1a 64 over the UTF-8 bytes of the key
//!    (offset basis 0xcbf29ce484222325, prime 0x100000001b3);
//! 2. `stream_seed(seed, key)` = mix(mix(seed) ⊕ h), where mix is the
//!    SplitMix64 output function (Steele, Lea & Flood 2014): add the golden
//!    gamma 0x9e3779b97f4a7c15, then the two xor-shift-multiply rounds;
//! 3. the 128-bit state of `rand_pcg::Pcg64Mcg` is (s₁ ≪ 64) | s₂ where s₁, s₂
//!    are the next two outputs of a SplitMix64 generator started at the
//!    stream seed (we do not go through `SeedableRng::seed_from_u64`, whose
//!    expansion is not promised to stay the same across `rand` releases).
//!
//! Binomial variates come from `rand_distr::Binomial` (BTPE, Kachitvichyanukul
//! & Schmeiser 1988); its exact output sequence is pinned by the `rand_distr`
//! version in Cargo.lock.
//!
//! # Replicates
//! * Independent transcripts: a replicate of the failure count is one draw
//!   k* ~ Binomial(n, p̂), distributionally identical to resampling n records
//!   with replacement and counting failures, at O(1) cost instead of O(n).
//! * Clustered transcripts: a replicate draws C cluster indices uniformly with
//!   replacement (Lemire's 2019 multiply-shift with rejection, so indices are
//!   exactly uniform) and sums the (failures, trials) pairs; the replicate
//!   rate is Σf*/Σt* (Cameron, Gelbach & Miller 2008, pairs cluster
//!   bootstrap).
//!
//! # Intervals from replicates
//! * Percentile: the α/2 and 1 − α/2 sample quantiles of the replicate rates,
//!   with linear interpolation between order statistics (Hyndman & Fan 1996,
//!   type 7, numpy's default).
//! * BCa (Efron 1987): percentile levels
//!   Φ(ẑ₀ + (ẑ₀ + z_q)/(1 − â(ẑ₀ + z_q))) for z_q = Φ⁻¹(α/2), Φ⁻¹(1 − α/2),
//!   with bias correction ẑ₀ = Φ⁻¹(#{θ* < θ̂}/B + ½·#{θ* = θ̂}/B) (ties split
//!   evenly, because the replicate distribution of a count is discrete) and
//!   acceleration â from the jackknife, â = Σdᵢ³ / (6 (Σdᵢ²)^{3/2}),
//!   dᵢ = θ̄₍.₎ − θ₍ᵢ₎. For independent Bernoulli data the jackknife has the
//!   closed form â = (1 − 2p̂) / (6 √(n p̂ (1 − p̂))); for clusters it is the
//!   delete-one-cluster jackknife, O(C).

use rand::Rng;
use rand_distr::{Binomial, Distribution};
use rand_pcg::Pcg64Mcg;

use crate::stats::special::{normal_cdf, normal_quantile};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

pub(crate) fn splitmix64_mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(GOLDEN_GAMMA);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_update(FNV_OFFSET, bytes)
}

/// FNV-1a 64 continued from the state `h` over `bytes`.
pub(crate) fn fnv1a64_update(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// The 64-bit seed of a group's random stream (see the module docs for the
/// exact, stable derivation).
pub fn stream_seed(seed: u64, group_key: &str) -> u64 {
    splitmix64_mix(splitmix64_mix(seed) ^ fnv1a64(group_key.as_bytes()))
}

/// The group's generator: Pcg64Mcg with a state expanded from `stream_seed`.
pub fn group_rng(seed: u64, group_key: &str) -> Pcg64Mcg {
    let s = stream_seed(seed, group_key);
    let hi = splitmix64_mix(s);
    let lo = splitmix64_mix(s.wrapping_add(GOLDEN_GAMMA));
    Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo))
}

/// Uniform index in 0..bound (bound ≥ 1), Lemire (2019) without bias.
#[inline]
fn uniform_index<R: Rng>(rng: &mut R, bound: u64) -> usize {
    let mut m = u128::from(rng.next_u64()) * u128::from(bound);
    let mut low = m as u64;
    if low < bound {
        let threshold = bound.wrapping_neg() % bound;
        while low < threshold {
            m = u128::from(rng.next_u64()) * u128::from(bound);
            low = m as u64;
        }
    }
    (m >> 64) as usize
}

/// Sorted replicate rates k*/n with k* ~ Binomial(n, k/n). `None` only if the
/// distribution cannot be built (it can for every 0 ≤ k ≤ n, n ≥ 1).
pub(crate) fn binomial_replicates<R: Rng>(
    k: u64,
    n: u64,
    resamples: u32,
    rng: &mut R,
) -> Option<Vec<f64>> {
    let dist = Binomial::new(n, k as f64 / n as f64).ok()?;
    let mut counts: Vec<u64> = (0..resamples).map(|_| dist.sample(rng)).collect();
    // Integer sort, then one division each: k*/n is bit-identical to k/n
    // whenever k* = k, which the BCa tie count relies on.
    counts.sort_unstable();
    let nf = n as f64;
    Some(counts.into_iter().map(|c| c as f64 / nf).collect())
}

/// Sorted replicate rates of a pairs cluster bootstrap. Clusters must all have
/// at least one trial, so every replicate has Σt* ≥ C > 0.
pub(crate) fn cluster_replicates<R: Rng>(
    clusters: &[(u64, u64)],
    resamples: u32,
    rng: &mut R,
) -> Vec<f64> {
    let c = clusters.len() as u64;
    let mut out = Vec::with_capacity(resamples as usize);
    for _ in 0..resamples {
        let (mut f, mut t) = (0u64, 0u64);
        for _ in 0..c {
            let (fi, ti) = clusters[uniform_index(rng, c)];
            f += fi;
            t += ti;
        }
        out.push(f as f64 / t as f64);
    }
    out.sort_unstable_by(f64::total_cmp);
    out
}

/// Type-7 sample quantile of sorted data at probability q in [0, 1].
pub(crate) fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 1 {
        return sorted[0];
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (sorted[lo], sorted[hi]);
    a + (h - lo as f64) * (b - a)
}

/// Percentile interval from sorted replicate rates.
pub(crate) fn percentile(sorted: &[f64], confidence: f64) -> (f64, f64) {
    let a = 0.5 * (1.0 - confidence);
    (quantile_sorted(sorted, a), quantile_sorted(sorted, 1.0 - a))
}

/// Why a BCa interval could not be formed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum BcaFailure {
    /// Every replicate fell on one side of θ̂: ẑ₀ is infinite.
    BiasUnbounded,
    /// 1 − â(ẑ₀ + z) ≤ 0: the acceleration is too large for this level.
    AccelerationTooLarge,
}

/// BCa interval from sorted replicate rates, given θ̂ and the acceleration.
pub(crate) fn bca(
    sorted: &[f64],
    theta_hat: f64,
    accel: f64,
    confidence: f64,
) -> Result<(f64, f64), BcaFailure> {
    let b = sorted.len() as f64;
    let less = sorted.partition_point(|&x| x < theta_hat);
    let not_greater = sorted.partition_point(|&x| x <= theta_hat);
    let prop = (less as f64 + 0.5 * (not_greater - less) as f64) / b;
    if prop <= 0.0 || prop >= 1.0 {
        return Err(BcaFailure::BiasUnbounded);
    }
    let z0 = normal_quantile(prop);
    let alpha = 0.5 * (1.0 - confidence);
    let level = |zq: f64| -> Result<f64, BcaFailure> {
        let s = z0 + zq;
        let denom = 1.0 - accel * s;
        if denom <= 0.0 {
            return Err(BcaFailure::AccelerationTooLarge);
        }
        Ok(normal_cdf(z0 + s / denom))
    };
    let lo_q = level(normal_quantile(alpha))?;
    let hi_q = level(-normal_quantile(alpha))?;
    Ok((quantile_sorted(sorted, lo_q), quantile_sorted(sorted, hi_q)))
}

/// Closed-form jackknife acceleration for n independent Bernoulli outcomes
/// with k failures (requires 0 < k < n).
pub(crate) fn binomial_acceleration(k: u64, n: u64) -> f64 {
    let p = k as f64 / n as f64;
    (1.0 - 2.0 * p) / (6.0 * (n as f64 * p * (1.0 - p)).sqrt())
}

/// Delete-one-cluster jackknife acceleration for the ratio Σf/Σt; 0 when the
/// jackknife values do not vary (â is then undefined and no skew correction
/// is the honest choice). Requires at least two clusters with trials.
pub(crate) fn cluster_acceleration(clusters: &[(u64, u64)]) -> f64 {
    let (fk, tn) = clusters
        .iter()
        .fold((0u64, 0u64), |(f, t), &(fi, ti)| (f + fi, t + ti));
    let thetas: Vec<f64> = clusters
        .iter()
        .map(|&(fi, ti)| (fk - fi) as f64 / (tn - ti) as f64)
        .collect();
    let mean = thetas.iter().sum::<f64>() / thetas.len() as f64;
    let (s2, s3) = thetas.iter().fold((0.0, 0.0), |(s2, s3), &th| {
        let d = mean - th;
        (s2 + d * d, s3 + d * d * d)
    });
    if s2 <= 0.0 {
        0.0
    } else {
        s3 / (6.0 * s2.powf(1.5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_seed_is_pinned() {
        // Changing these values changes every published bootstrap interval.
        assert_eq!(
            stream_seed(0, ""),
            splitmix64_mix(splitmix64_mix(0) ^ FNV_OFFSET)
        );
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        // SplitMix64 reference: first output of the generator seeded with 0.
        assert_eq!(splitmix64_mix(0), 0xe220_a839_7b1d_cdaf);
        assert_ne!(stream_seed(1, "model-a"), stream_seed(1, "model-b"));
        assert_ne!(stream_seed(1, "model-a"), stream_seed(2, "model-a"));
    }

    #[test]
    fn uniform_index_in_range_and_roughly_uniform() {
        let mut rng = group_rng(7, "idx");
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[uniform_index(&mut rng, 7)] += 1;
        }
        for c in counts {
            assert!((9_500..10_500).contains(&c), "{counts:?}");
        }
    }

    #[test]
    fn quantile_type7() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&xs, 0.0), 1.0);
        assert_eq!(quantile_sorted(&xs, 1.0), 4.0);
        assert!((quantile_sorted(&xs, 0.5) - 2.5).abs() < 1e-15);
        assert!((quantile_sorted(&xs, 0.1) - 1.3).abs() < 1e-15);
    }

    #[test]
    fn closed_form_acceleration_matches_jackknife() {
        // The closed form must equal the delete-one jackknife over n singleton
        // clusters.
        let (k, n) = (7u64, 40u64);
        let singles: Vec<(u64, u64)> = (0..n).map(|i| (u64::from(i < k), 1)).collect();
        let a = binomial_acceleration(k, n);
        assert!((a - cluster_acceleration(&singles)).abs() < 1e-14, "{a}");
    }
}
