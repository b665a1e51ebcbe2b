//! Property tests: invariants that must hold for every input.

use proptest::prelude::*;

use crate::stats::compare::{Correction, PairedCounts, adjust, newcombe_diff, paired_diff};
use crate::stats::interval::{clopper_pearson, jeffreys, wilson};
use crate::stats::special::{Tail, beta_inc, beta_inc_inv};
use crate::stats::{CiConfig, CiMethod, clustered, estimate};

fn counts() -> impl Strategy<Value = (u64, u64)> {
    (1u64..20_000).prop_flat_map(|n| (0..=n, Just(n)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn intervals_are_ordered_and_nested((k, n) in counts(), conf in 0.5f64..0.999) {
        let p = k as f64 / n as f64;
        let (wl, wh) = wilson(k, n, conf).expect("valid");
        let (el, eh) = clopper_pearson(k, n, conf).expect("valid");
        let (jl, jh) = jeffreys(k, n, conf).expect("valid");
        for (l, h) in [(wl, wh), (el, eh), (jl, jh)] {
            prop_assert!((0.0..=1.0).contains(&l) && (0.0..=1.0).contains(&h) && l < h);
        }
        prop_assert!(wl <= p && p <= wh);
        prop_assert!(el <= p && p <= eh);
        // Beta(k, n−k+1) ≤st Beta(k+½, n−k+½) ≤st Beta(k+1, n−k): Jeffreys
        // lies inside Clopper–Pearson.
        prop_assert!(el <= jl + 1e-12 && jh <= eh + 1e-12, "cp [{el}, {eh}] jeffreys [{jl}, {jh}]");
        let (wl2, wh2) = wilson(k, n, (conf + 1.0) / 2.0).expect("valid");
        prop_assert!(wl2 <= wl && wh <= wh2);
    }

    #[test]
    fn beta_inverse_round_trips(a in 0.5f64..5000.0, b in 0.5f64..5000.0, p in 1e-6f64..0.5) {
        for tail in [Tail::Lower, Tail::Upper] {
            let x = beta_inc_inv(a, b, p, tail);
            let (lo, up) = beta_inc(a, b, x);
            let got = if tail == Tail::Lower { lo } else { up };
            // Skip x indistinguishable from 0 or 1 at this precision.
            if x > 1e-300 && 1.0 - x > 1e-5 {
                prop_assert!((got - p).abs() <= 1e-9 * p, "a={} b={} p={} {:?}: x={} got {}", a, b, p, tail, x, got);
            }
        }
    }

    #[test]
    fn newcombe_contains_the_difference((kb, nb) in counts(), (ko, no) in counts()) {
        let (lo, hi) = newcombe_diff(kb, nb, ko, no, 0.95).expect("valid");
        let d = ko as f64 / no as f64 - kb as f64 / nb as f64;
        prop_assert!(-1.0 <= lo && lo <= d + 1e-12 && d - 1e-12 <= hi && hi <= 1.0 && lo < hi);
    }

    #[test]
    fn paired_is_sane(both in 0u64..500, base_only in 0u64..500, other_only in 0u64..500, neither in 0u64..500) {
        let t = PairedCounts { both, base_only, other_only, neither };
        prop_assume!(t.pairs() > 0);
        let r = paired_diff(&t, 0.95).expect("valid");
        prop_assert!(r.low <= r.diff && r.diff <= r.high && r.low < r.high);
        prop_assert!((0.0..=1.0).contains(&r.p_value));
    }

    #[test]
    fn corrections_are_monotone(p in proptest::collection::vec(0.0f64..=1.0, 1..40)) {
        let holm = adjust(&p, Correction::Holm);
        let bh = adjust(&p, Correction::BenjaminiHochberg);
        for i in 0..p.len() {
            prop_assert!(p[i] <= holm[i] + 1e-15 && holm[i] <= 1.0);
            prop_assert!(p[i] <= bh[i] + 1e-15 && bh[i] <= holm[i] + 1e-15);
            for j in 0..p.len() {
                if p[i] < p[j] {
                    prop_assert!(holm[i] <= holm[j] && bh[i] <= bh[j]);
                }
            }
        }
    }

    #[test]
    fn estimates_never_nan((k, n) in (1u64..300).prop_flat_map(|n| (0..=n, Just(n))), m in 0usize..5, seed in any::<u64>()) {
        let cfg = CiConfig { method: CiMethod::ALL[m], resamples: 200, seed, ..CiConfig::default() };
        let e = estimate(k, n, &cfg, "g").expect("n > 0");
        prop_assert!(e.ci.low.is_finite() && e.ci.high.is_finite() && e.ci.low < e.ci.high);
        prop_assert!(e.ci.low <= e.rate + 1e-12 || cfg.method.is_bootstrap());
        prop_assert_eq!(e.upper_one_sided.is_some(), k == 0);
    }

    #[test]
    fn clustered_never_nan(data in proptest::collection::vec((0u64..20).prop_flat_map(|t| (0..=t, Just(t))), 0..30), m in 0usize..5) {
        let cfg = CiConfig { method: CiMethod::ALL[m], resamples: 200, ..CiConfig::default() };
        match clustered(&data, &cfg, "g") {
            None => prop_assert!(data.iter().all(|&(_, t)| t == 0)),
            Some(r) => {
                prop_assert!(r.ci.low.is_finite() && r.ci.high.is_finite() && r.ci.low < r.ci.high, "{:?}", r);
                prop_assert!(r.effective_n > 0.0 && r.effective_n <= r.n as f64 + 1e-9);
                prop_assert!(r.se.is_none_or(|s| s.is_finite()) && r.design_effect.is_none_or(|d| d.is_finite()));
            }
        }
    }
}
