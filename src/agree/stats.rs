//! Agreement statistics of one binary decision: the confusion matrix and
//! precision, recall, F1 and Cohen's κ with intervals.
//!
//! * **Precision and recall** are proportions (tp of tp+fp, tp of tp+fn):
//!   Wilson score intervals from [`crate::stats::wilson`].
//! * **F1 and κ** are not proportions. Their intervals are equal-tailed
//!   intervals of a Bayesian bootstrap over the confusion-matrix
//!   multinomial: each replicate draws the four cell probabilities from the
//!   Dirichlet(tp + ½, fp + ½, fn + ½, tn + ½) posterior (Jeffreys prior;
//!   four Gamma draws, normalised) and computes the statistic from them.
//!   Unlike the plug-in multinomial bootstrap, this does not collapse to a
//!   point when a cell is empty: a grader with 0 errors in 1,000 records
//!   gets an F1 interval below 1, as it should. The reported interval is
//!   widened, if needed, to contain the point estimate. Replicates where the
//!   statistic is undefined are dropped. The stream is
//!   [`crate::stats::group_rng`] of (seed, name), so the output is a pure
//!   function of the counts, the seed and the name.

use crate::stats::group_rng;
use rand_distr::{Distribution, Gamma};

/// A 2×2 confusion matrix: truth (labels) against prediction (grader).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Labelled present, graded present.
    pub tp: u64,
    /// Labelled absent, graded present.
    pub fp: u64,
    /// Labelled present, graded absent.
    pub fn_: u64,
    /// Labelled absent, graded absent.
    pub tn: u64,
}

impl Confusion {
    /// Counts one record.
    pub fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Records counted.
    pub fn n(&self) -> u64 {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// tp / (tp + fp), or `None` when nothing was graded present.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), or `None` when nothing is labelled present.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2tp / (2tp + fp + fn), or `None` when there are no positives at all.
    pub fn f1(&self) -> Option<f64> {
        f1(self.tp as f64, self.fp as f64, self.fn_ as f64)
    }

    /// Cohen's κ, or `None` when chance agreement is 1 (one class only in
    /// both truth and prediction).
    pub fn kappa(&self) -> Option<f64> {
        kappa(
            self.tp as f64,
            self.fp as f64,
            self.fn_ as f64,
            self.tn as f64,
        )
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn f1(tp: f64, fp: f64, fn_: f64) -> Option<f64> {
    let d = 2.0 * tp + fp + fn_;
    (d > 0.0).then(|| 2.0 * tp / d)
}

fn kappa(tp: f64, fp: f64, fn_: f64, tn: f64) -> Option<f64> {
    let n = tp + fp + fn_ + tn;
    if n == 0.0 {
        return None;
    }
    let po = (tp + tn) / n;
    let pe = ((tp + fp) * (tp + fn_) + (fn_ + tn) * (fp + tn)) / (n * n);
    (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
}

/// A statistic and its interval; `value` is `None` when undefined.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metric {
    /// The point estimate.
    pub value: Option<f64>,
    /// Interval bounds (equal to the value's range when undefined: 0, 1).
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Metric {
    fn undefined() -> Metric {
        Metric {
            value: None,
            low: 0.0,
            high: 1.0,
        }
    }
}

/// Every agreement statistic of one decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// The counts.
    pub confusion: Confusion,
    /// Wilson interval.
    pub precision: Metric,
    /// Wilson interval.
    pub recall: Metric,
    /// Multinomial percentile bootstrap.
    pub f1: Metric,
    /// Multinomial percentile bootstrap.
    pub kappa: Metric,
}

/// Computes the statistics of `c` at `confidence`, bootstrapping F1 and κ
/// with `resamples` replicates from the stream of (`seed`, `name`).
pub fn agreement(
    name: &str,
    c: Confusion,
    confidence: f64,
    resamples: u32,
    seed: u64,
) -> Agreement {
    let wilson = |k: u64, n: u64| match crate::stats::wilson(k, n, confidence) {
        Some((low, high)) if n > 0 => Metric {
            value: Some(k as f64 / n as f64),
            low,
            high,
        },
        _ => Metric::undefined(),
    };
    let (f1s, kappas) = replicates(name, c, resamples, seed);
    let boot = |value: Option<f64>, mut reps: Vec<f64>| match value {
        None => Metric::undefined(),
        Some(v) if reps.is_empty() => Metric {
            value: Some(v),
            low: v,
            high: v,
        },
        Some(v) => {
            reps.sort_unstable_by(f64::total_cmp);
            let (low, high) = crate::stats::bootstrap::percentile(&reps, confidence);
            Metric {
                value: Some(v),
                low: low.min(v),
                high: high.max(v),
            }
        }
    };
    Agreement {
        confusion: c,
        precision: wilson(c.tp, c.tp + c.fp),
        recall: wilson(c.tp, c.tp + c.fn_),
        f1: boot(c.f1(), f1s),
        kappa: boot(c.kappa(), kappas),
    }
}

/// F1 and κ of `resamples` Dirichlet-posterior replicates of `c`.
fn replicates(name: &str, c: Confusion, resamples: u32, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let (mut f1s, mut kappas) = (Vec::new(), Vec::new());
    if c.n() == 0 {
        return (f1s, kappas);
    }
    let mut rng = group_rng(seed, name);
    let cells = [c.tp, c.fp, c.fn_, c.tn];
    let Ok(gammas) = cells
        .iter()
        .map(|&k| Gamma::new(k as f64 + 0.5, 1.0))
        .collect::<Result<Vec<_>, _>>()
    else {
        return (f1s, kappas);
    };
    for _ in 0..resamples {
        let mut g = [0f64; 4];
        for (x, d) in g.iter_mut().zip(&gammas) {
            *x = d.sample(&mut rng);
        }
        let [tp, fp, fn_, tn] = g;
        if let Some(f) = f1(tp, fp, fn_) {
            f1s.push(f);
        }
        if let Some(k) = kappa(tp, fp, fn_, tn) {
            kappas.push(k);
        }
    }
    (f1s, kappas)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(tp: u64, fp: u64, fn_: u64, tn: u64) -> Confusion {
        Confusion { tp, fp, fn_, tn }
    }

    #[test]
    fn point_values_match_hand_computation() {
        // 40 tp, 10 fp, 20 fn, 130 tn: P = 0.8, R = 2/3, F1 = 80/110.
        let m = c(40, 10, 20, 130);
        assert_eq!(m.n(), 200);
        assert!((m.precision().unwrap() - 0.8).abs() < 1e-12);
        assert!((m.recall().unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.f1().unwrap() - 80.0 / 110.0).abs() < 1e-12);
        // po = 0.85; pe = (50·60 + 150·140)/200² = 0.6; κ = 0.25/0.4.
        assert!((m.kappa().unwrap() - 0.625).abs() < 1e-12);
    }

    #[test]
    fn undefined_statistics_are_none_not_nan() {
        let m = c(0, 0, 0, 50);
        assert_eq!(m.precision(), None);
        assert_eq!(m.recall(), None);
        assert_eq!(m.f1(), None);
        assert_eq!(m.kappa(), None);
        let a = agreement("x", m, 0.95, 200, 1);
        assert_eq!(a.f1.value, None);
        assert_eq!(a.kappa.value, None);
    }

    #[test]
    fn perfect_agreement_is_one_with_a_lower_bound_below_one() {
        let a = agreement("x", c(30, 0, 0, 70), 0.95, 500, 7);
        assert_eq!(a.f1.value, Some(1.0));
        assert_eq!(a.kappa.value, Some(1.0));
        assert_eq!(a.precision.value, Some(1.0));
        // No interval collapses to [1, 1] with 100 records.
        assert!(a.precision.low < 1.0 && a.precision.high == 1.0);
        assert!(a.f1.low < 0.99 && a.f1.high == 1.0, "{:?}", a.f1);
        assert!(a.kappa.low < 0.99 && a.kappa.high == 1.0, "{:?}", a.kappa);
    }

    #[test]
    fn intervals_contain_the_estimate_and_are_seeded() {
        let m = c(40, 10, 20, 130);
        let a = agreement("blackmail", m, 0.95, 2000, 3);
        for x in [a.precision, a.recall, a.f1, a.kappa] {
            let v = x.value.unwrap();
            assert!(x.low <= v && v <= x.high, "{x:?}");
            assert!(x.high - x.low > 0.01, "{x:?}");
        }
        assert_eq!(a, agreement("blackmail", m, 0.95, 2000, 3));
        assert_ne!(a.f1, agreement("blackmail", m, 0.95, 2000, 4).f1);
        // F1 ≈ 0.727 with n = 200: the bootstrap half-width is several points.
        assert!(a.f1.low > 0.6 && a.f1.high < 0.85, "{:?}", a.f1);
    }
}
