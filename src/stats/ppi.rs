//! Failure rates corrected by an audit: prediction-powered inference.
//!
//! This module owns the statistics of a group graded by a fallible grader and
//! partly re-judged by a judge taken as truth. It works on counts only
//! ([`PpiCounts`]); the engine counts, this module estimates. The methods
//! section is in the [`crate::stats`] module docs ("Prediction-powered
//! inference"); the derivations the code relies on are here.
//!
//! # Setting
//! A group has N records. Every record has a *proxy* verdict fᵢ ∈ {0, 1}: the
//! final verdict, i.e. the judge's where the judge saw the record (contested
//! or audited), else the rubric's. A uniform random subset S of n records (the
//! audit, drawn by [`crate::stats::audit`] without looking at any verdict) also
//! has the judge's verdict Yᵢ, taken as the truth. The target is the
//! superpopulation failure rate θ = P(Y = 1) of the model on transcripts like
//! these — the same target as the binomial intervals of [`crate::stats::estimate`].
//! Records are i.i.d.; S is independent of the data given its size n. Every
//! guarantee here is relative to the judge: the interval is for the rate the
//! judge would find if it saw every record.
//!
//! # The estimator (PPI++ for a nested audit)
//! θ̂_λ = λ·f̄_N + (Ȳ_S − λ·f̄_S) (Angelopoulos et al. 2023a; the power-tuning
//! weight λ of Angelopoulos, Duchi & Zrnic 2023b). Because S ⊂ N, write
//! f̄_N = r·f̄_S + (1 − r)·f̄_U with r = n/N and U the N − n unaudited records:
//!
//! θ̂_λ = [Ȳ_S − λ(1 − r)·f̄_S] + λ(1 − r)·f̄_U,
//!
//! a sum of two independent means (S and U are disjoint). Hence
//!
//! Var θ̂_λ = [σ²_Y − 2λ(1 − r)σ_Yf + λ²(1 − r)²σ²_f]/n + λ²(1 − r)²σ²_f/(N − n)
//!         = [σ²_Y − 2λ(1 − r)σ_Yf + λ²(1 − r)σ²_f] / n,
//!
//! using (1 − r)²/(N − n) = (1 − r)/N and (1 − r)/n + 1/N = 1/n. It is
//! minimised at λ* = σ_Yf/σ²_f — not σ_Yf/((1 + n/N)σ²_f), which is the optimum
//! for an audit drawn *independently* of the N records (PPI++'s mean
//! estimation); the two
//! agree once one rewrites the nested design as "unaudited U plus audited S",
//! whose disjoint-sample optimum λ'= σ_Yf/((1 + n/(N − n))σ²_f) equals
//! (1 − r)λ*. At λ* the variance is σ²_Y[1 − (1 − r)ρ²]/n: the classical
//! two-phase regression estimator (Cochran 1977, §12.6).
//!
//! With binary f and Y, σ_Yf/σ²_f = q₁ − q₀ where q₁ = P(Y = 1 | f = 1) and
//! q₀ = P(Y = 1 | f = 0); the plug-in λ̂ = q̂₁ − q̂₀ is clipped to [0, 1] (a
//! negative value means the proxy is anti-correlated with the judge and is
//! ignored). With that λ̂ the estimator is exactly the post-stratified one,
//!
//! θ̂ = p̂₁·q̂₁ + p̂₀·q̂₀,  p̂₁ = f̄_N, p̂₀ = 1 − p̂₁,
//!
//! (substitute Ȳ_S = f̄_S q̂₁ + (1 − f̄_S) q̂₀), whose variance splits into
//! Σⱼ pⱼqⱼ(1 − qⱼ)/n (within strata) + p₁p₀(q₁ − q₀)²/N (the proxy share).
//!
//! # The reported interval ([`PPI_STRATIFIED`])
//! The CLT interval θ̂ ± z·√(V̂/n) ([`ppi_clt`]) under-covers for small audits
//! and rare rates (coverage table in the module docs of [`crate::stats`]): a
//! handful of audited disagreements cannot support a normal approximation;
//! when the audit shows no disagreement V̂ = r·s²_f and the interval is just
//! the rubric's own Wald interval, as if its verdicts were known to be right;
//! when the audit sees no failure at all it is the point [0, 0]. The reported
//! interval therefore combines exact limits per stratum by the method of
//! variance estimates recovery (MOVER: Zou & Donner 2008; the square-and-add
//! of Newcombe 1998 used in [`crate::stats::compare`]):
//!
//! * [l₁, u₁], [l₀, u₀]: Clopper–Pearson intervals at 1 − α for q₁ and q₀ from
//!   the audited records of each stratum; a stratum with no audited record
//!   gets [0, 1] and the proxy's own verdict (1 or 0) as its point;
//! * [l_p, u_p]: the Wilson interval at 1 − α for p₁ from all N proxy verdicts;
//! * L = θ̂ − √[(p̂₁(q̂₁ − l₁))² + (p̂₀(q̂₀ − l₀))² + (λ̂(p̂₁ − l_p))²],
//!   U = θ̂ + √[(p̂₁(u₁ − q̂₁))² + (p̂₀(u₀ − q̂₀))² + (λ̂(u_p − p̂₁))²],
//!   clipped to [0, 1].
//!
//! **Few audited failures.** Square-and-add assumes each stratum's estimate
//! is roughly symmetric. With a handful of judged failures spread over both
//! strata (one audited failure among 2 proxy failures and one among 28 proxy
//! passes, say) each estimate is a rare count with a long right tail, and the
//! sum of the two lower distances in quadrature is too short: at θ = 0.01,
//! n = 30, 99 %, the plain MOVER interval covered 96 %. So when the audit holds
//! fewer than [`FEW`] judged failures, the lower limit is lowered to the
//! Clopper–Pearson lower limit of the audit alone (k judged failures in n).
//! That limit is valid on its own (P(θ below it) ≤ α/2 whatever the grader),
//! and the minimum of two lower limits is below θ whenever either is, so the
//! lower side keeps the exact guarantee where the approximation fails; audits
//! with at least [`FEW`] judged failures are unchanged. The same holds on the
//! upper side with fewer than [`FEW`] judged passes. Why 10: without the rule
//! the grid fails (0.9635 at θ = 0.01, FPR = 0.05, FNR = 0.5, N = 1000,
//! n = 30, 99 %); with 5 it passes but the minimum at 99 %, n = 30 is 0.9845,
//! just above the simulation floor 0.9833; with 10 it is 0.9915.
//!
//! The third term is the delta-method share of the proxy rate
//! θ ≈ p̂₁q₁ + p̂₀q₀ + (q₁ − q₀)(p₁ − p̂₁). When the audit shows no disagreement,
//! q̂₁ = 1 and q̂₀ = 0, so the interval is the rubric rate p̂₁ widened by the
//! exact bounds on its two error rates: L ≈ p̂₁·l₁, U ≈ p̂₁ + p̂₀·u₀ — n agreeing
//! records only bound the disagreement rate, they never make it zero.
//!
//! # Degenerate cases
//! * n = 0: no correction is possible. [`ppi`] returns the rubric rate with
//!   its Wilson interval and `method` = [`UNCORRECTED`], so a report cannot
//!   present it as corrected.
//! * n = N (everything audited) or λ̂ clipped to 0 (q̂₁ < q̂₀): the proxy adds
//!   nothing; the audit alone gives the rate and its Clopper–Pearson interval,
//!   `method` = [`AUDIT_ONLY`].
//! * All proxy verdicts equal, all judge verdicts equal, a stratum absent from
//!   the audit: handled by the construction above (an unaudited stratum
//!   contributes its whole [0, 1] range).
//! * N = 0, counts that do not add up, or a confidence outside (0, 1): `None`;
//!   [`PpiCounts::validate`] says what is wrong.
//!
//! # References
//! * Angelopoulos, A. N., Bates, S., Fannjiang, C., Jordan, M. I. & Zrnic, T.
//!   (2023a). Prediction-powered inference. *Science* 382, 669–674.
//! * Angelopoulos, A. N., Duchi, J. C. & Zrnic, T. (2023b). PPI++: efficient
//!   prediction-powered inference. arXiv:2311.01453.
//! * Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed. Wiley. §12.6.
//! * Newcombe, R. G. (1998). Interval estimation for the difference between
//!   independent proportions. *Stat. Med.* 17, 873–890.
//! * Zou, G. Y. & Donner, A. (2008). Construction of confidence limits about
//!   effect measures: a general approach. *Stat. Med.* 27, 1693–1702.

use serde::{Deserialize, Serialize};

use crate::stats::interval::{clopper_pearson, valid_confidence, wilson};
use crate::stats::special::z_two_sided;

/// `method` of the reported interval in the usual case: the PPI++ estimate
/// with exact (Clopper–Pearson) per-stratum limits combined by MOVER. The
/// combination is approximate: its coverage is shown by simulation (module
/// docs of [`crate::stats`]), not guaranteed.
pub const PPI_STRATIFIED: &str = "ppi-stratified-mover";
/// `method` when the audit alone gives the rate (everything audited, or the
/// proxy anti-correlated with the judge on the audit): Clopper–Pearson.
pub const AUDIT_ONLY: &str = "audit-only-exact";
/// `method` when nothing was audited: the rubric's rate, not corrected.
pub const UNCORRECTED: &str = "uncorrected";
/// `method` of [`ppi_clt`], the normal-approximation PPI++ interval.
pub const PPI_CLT: &str = "ppi++";

/// Below this many judged failures (passes) in the audit, the lower (upper)
/// limit is never tighter than the audit's own Clopper–Pearson limit: see
/// "Few audited failures" in the module docs.
pub const FEW: u64 = 10;

/// The audit sample as a 2 × 2 table of (proxy verdict, judge verdict).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditTable {
    /// Proxy says failure, judge says failure.
    pub both_fail: u64,
    /// Proxy says failure, judge says pass (a false positive of the proxy).
    pub false_positive: u64,
    /// Proxy says pass, judge says failure (a false negative of the proxy).
    pub false_negative: u64,
    /// Proxy says pass, judge says pass.
    pub both_pass: u64,
}

impl AuditTable {
    /// n, the number of audited records.
    pub fn audited(&self) -> u64 {
        // Saturating: absurd counts must fail validation, not overflow.
        self.proxy_failures()
            .saturating_add(self.false_negative)
            .saturating_add(self.both_pass)
    }

    /// Audited records the proxy calls failures.
    pub fn proxy_failures(&self) -> u64 {
        self.both_fail.saturating_add(self.false_positive)
    }

    /// Audited records the judge calls failures.
    pub fn judge_failures(&self) -> u64 {
        self.both_fail.saturating_add(self.false_negative)
    }

    /// Adds one audited record.
    pub fn add(&mut self, proxy_failure: bool, judge_failure: bool) {
        match (proxy_failure, judge_failure) {
            (true, true) => self.both_fail += 1,
            (true, false) => self.false_positive += 1,
            (false, true) => self.false_negative += 1,
            (false, false) => self.both_pass += 1,
        }
    }
}

/// Everything [`ppi`] needs about one group, as counts.
///
/// The engine fills it: `records` and `proxy_failures` over every record of
/// the group (final verdicts: the judge's where judged, else the rubric's),
/// `audit` over the audited records only. A contested record that is also
/// audited has proxy = judge and lands on the diagonal of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PpiCounts {
    /// N: records in the group.
    pub records: u64,
    /// Records whose final verdict is a failure.
    pub proxy_failures: u64,
    /// The audited records' (proxy, judge) table; a subset of the N.
    pub audit: AuditTable,
}

impl PpiCounts {
    /// Checks that the counts can describe one group, saying what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        let a = &self.audit;
        if self.records == 0 {
            return Err("the group has no records, so it has no rate".to_string());
        }
        if self.proxy_failures > self.records {
            return Err(format!(
                "{} failures among {} records: failures must not exceed records",
                self.proxy_failures, self.records
            ));
        }
        if a.audited() > self.records || a.audited() == u64::MAX {
            return Err(format!(
                "{} audited records among {} records: the audit must be a subset of the group",
                a.audited(),
                self.records
            ));
        }
        let proxy_passes = self.records - self.proxy_failures;
        let audited_passes = a.false_negative.saturating_add(a.both_pass);
        if a.proxy_failures() > self.proxy_failures || audited_passes > proxy_passes {
            return Err(format!(
                "the audit has {} failures and {} passes by final verdict but the group has only \
                 {} and {}: count each audited record's final verdict in the group too",
                a.proxy_failures(),
                audited_passes,
                self.proxy_failures,
                proxy_passes
            ));
        }
        Ok(())
    }
}

/// An estimated proxy error rate with its Clopper–Pearson interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ErrorRate {
    /// errors / of.
    pub rate: f64,
    /// Lower bound at the requested confidence.
    pub lo: f64,
    /// Upper bound at the requested confidence.
    pub hi: f64,
    /// Audited records where the proxy was wrong in this direction.
    pub errors: u64,
    /// Audited records the rate is taken over.
    pub of: u64,
}

/// A group's failure rate corrected by its audit. Field names are the report
/// fields (see "Prediction-powered inference" in [`crate::stats`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ppi {
    /// How `rate`, `lo`, `hi` were obtained: [`PPI_STRATIFIED`],
    /// [`AUDIT_ONLY`] or [`UNCORRECTED`].
    pub method: &'static str,
    /// Two-sided confidence level of every interval here.
    pub confidence: f64,
    /// The corrected failure rate θ̂, in [0, 1].
    pub rate: f64,
    /// Lower bound, in [0, 1], below `hi`.
    pub lo: f64,
    /// Upper bound, in [0, 1], above `lo`.
    pub hi: f64,
    /// The weight on the proxy verdicts: λ̂ = clip(q̂₁ − q̂₀, 0, 1); 1 when
    /// uncorrected (the proxy alone), 0 when the audit alone is used.
    pub lambda: f64,
    /// The uncorrected rate of final verdicts, proxy_failures / records.
    pub rubric_rate: f64,
    /// Wilson interval of `rubric_rate` (valid only if the verdicts were right).
    pub rubric_lo: f64,
    /// Upper bound of the Wilson interval of `rubric_rate`.
    pub rubric_hi: f64,
    /// P(judge pass | proxy failure) on the audit; `None` if no audited
    /// record was a proxy failure. (A false-discovery rate in classifier terms.)
    pub fpr: Option<ErrorRate>,
    /// P(judge failure | proxy pass) on the audit; `None` if no audited
    /// record was a proxy pass. (A false-omission rate in classifier terms.)
    pub fnr: Option<ErrorRate>,
    /// N.
    pub records: u64,
    /// n.
    pub audited: u64,
    /// The counts the estimate was computed from.
    pub counts: PpiCounts,
}

/// Clopper–Pearson interval of k in m, or [0, 1] when m = 0.
type ExactFn<'a> = dyn FnMut(u64, u64) -> (f64, f64) + 'a;

/// The corrected failure rate of one group at `confidence`; see the module
/// docs for the method. `None` when [`PpiCounts::validate`] fails or the
/// confidence is not in (0, 1).
pub fn ppi(counts: &PpiCounts, confidence: f64) -> Option<Ppi> {
    let mut exact = |k: u64, m: u64| {
        if m == 0 {
            (0.0, 1.0)
        } else {
            clopper_pearson(k, m, confidence).unwrap_or((0.0, 1.0))
        }
    };
    ppi_with(counts, confidence, &mut exact)
}

/// [`ppi`] with the Clopper–Pearson limits supplied by the caller (the
/// coverage test memoises them; the result is identical).
pub(crate) fn ppi_with(counts: &PpiCounts, confidence: f64, exact: &mut ExactFn) -> Option<Ppi> {
    if counts.validate().is_err() || !valid_confidence(confidence) {
        return None;
    }
    let a = counts.audit;
    let (big_n, n) = (counts.records, a.audited());
    let (rubric_lo, rubric_hi) = wilson(counts.proxy_failures, big_n, confidence)?;
    let rubric_rate = counts.proxy_failures as f64 / big_n as f64;
    let error_rate = |exact: &mut ExactFn, errors: u64, of: u64| {
        (of > 0).then(|| {
            let (lo, hi) = exact(errors, of);
            ErrorRate {
                rate: errors as f64 / of as f64,
                lo,
                hi,
                errors,
                of,
            }
        })
    };
    let fpr = error_rate(exact, a.false_positive, a.proxy_failures());
    let fnr = error_rate(exact, a.false_negative, a.false_negative + a.both_pass);
    let mut out = Ppi {
        method: UNCORRECTED,
        confidence,
        rate: rubric_rate,
        lo: rubric_lo,
        hi: rubric_hi,
        lambda: 1.0,
        rubric_rate,
        rubric_lo,
        rubric_hi,
        fpr,
        fnr,
        records: big_n,
        audited: n,
        counts: *counts,
    };
    if n == 0 {
        return Some(out);
    }
    let (m1, m0) = (a.proxy_failures(), a.false_negative + a.both_pass);
    // An unaudited stratum: the proxy's own verdict as the point, [0, 1] as its range.
    let q1 = if m1 > 0 {
        a.both_fail as f64 / m1 as f64
    } else {
        1.0
    };
    let q0 = if m0 > 0 {
        a.false_negative as f64 / m0 as f64
    } else {
        0.0
    };
    let lambda = q1 - q0;
    if n == big_n || lambda < 0.0 {
        let k = a.judge_failures();
        let (lo, hi) = exact(k, n);
        out.method = AUDIT_ONLY;
        out.rate = k as f64 / n as f64;
        (out.lo, out.hi) = (lo, hi);
        out.lambda = 0.0;
        return Some(out);
    }
    let (l1, u1) = exact(a.both_fail, m1);
    let (l0, u0) = exact(a.false_negative, m0);
    let (p1, p0) = (rubric_rate, 1.0 - rubric_rate);
    let rate = p1 * q1 + p0 * q0;
    let below = (p1 * (q1 - l1))
        .hypot(p0 * (q0 - l0))
        .hypot(lambda * (p1 - rubric_lo));
    let above = (p1 * (u1 - q1))
        .hypot(p0 * (u0 - q0))
        .hypot(lambda * (rubric_hi - p1));
    let (mut lo, mut hi) = (rate - below, rate + above);
    let k = a.judge_failures();
    let (audit_lo, audit_hi) = exact(k, n);
    if k < FEW {
        lo = lo.min(audit_lo);
    }
    if n - k < FEW {
        hi = hi.max(audit_hi);
    }
    out.method = PPI_STRATIFIED;
    out.rate = rate.clamp(0.0, 1.0);
    out.lo = lo.clamp(0.0, 1.0);
    out.hi = hi.clamp(0.0, 1.0);
    out.lambda = lambda;
    Some(out)
}

/// The normal-approximation PPI++ interval for the nested design:
/// (θ̂_λ, lower, upper, λ̂) with λ̂ = clip(s_Yf/s²_f, 0, 1),
/// θ̂_λ = λ̂·f̄_N + Ȳ_S − λ̂·f̄_S and V̂ = s²_Y − 2λ̂(1 − r)s_Yf + λ̂²(1 − r)s²_f
/// (sample moments of the audit with divisor n − 1; see the module docs),
/// clipped to [0, 1].
///
/// For comparison and for the coverage table only: it under-covers for small
/// audits and rare rates, and is a point when the audit shows no
/// disagreement. Reports use [`ppi`]. `None` when the counts are invalid, the
/// confidence is not in (0, 1), or fewer than 2 records were audited.
pub fn ppi_clt(counts: &PpiCounts, confidence: f64) -> Option<(f64, f64, f64, f64)> {
    if counts.validate().is_err() || !valid_confidence(confidence) {
        return None;
    }
    let a = counts.audit;
    let n = a.audited();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let r = nf / counts.records as f64;
    let ybar = a.judge_failures() as f64 / nf;
    let fbar_s = a.proxy_failures() as f64 / nf;
    let fbar_n = counts.proxy_failures as f64 / counts.records as f64;
    let s_ff = nf * fbar_s * (1.0 - fbar_s) / (nf - 1.0);
    let s_yy = nf * ybar * (1.0 - ybar) / (nf - 1.0);
    let s_yf = (a.both_fail as f64 - nf * ybar * fbar_s) / (nf - 1.0);
    let lambda = if s_ff > 0.0 {
        (s_yf / s_ff).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let rate = lambda * fbar_n + ybar - lambda * fbar_s;
    let v = (s_yy - 2.0 * lambda * (1.0 - r) * s_yf + lambda * lambda * (1.0 - r) * s_ff).max(0.0);
    let half = z_two_sided(confidence) * (v / nf).sqrt();
    Some((
        rate,
        (rate - half).clamp(0.0, 1.0),
        (rate + half).clamp(0.0, 1.0),
        lambda,
    ))
}

/// Test counts from (N, proxy failures, [both_fail, false_positive,
/// false_negative, both_pass]).
#[cfg(test)]
pub(crate) fn counts(records: u64, proxy_failures: u64, t: [u64; 4]) -> PpiCounts {
    PpiCounts {
        records,
        proxy_failures,
        audit: AuditTable {
            both_fail: t[0],
            false_positive: t[1],
            false_negative: t[2],
            both_pass: t[3],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_counts_say_what_is_wrong() {
        let bad = [
            (counts(0, 0, [0; 4]), "no records"),
            (counts(10, 11, [0; 4]), "must not exceed"),
            (counts(10, 5, [3, 3, 3, 3]), "subset"),
            (counts(10, 2, [2, 1, 0, 0]), "count each audited"),
            (counts(10, 9, [0, 0, 1, 1]), "count each audited"),
        ];
        for (c, msg) in bad {
            let err = c.validate().expect_err("invalid");
            assert!(err.contains(msg), "{err}");
            assert!(ppi(&c, 0.95).is_none() && ppi_clt(&c, 0.95).is_none());
        }
        let ok = counts(10, 5, [1, 1, 1, 1]);
        assert!(ok.validate().is_ok());
        for conf in [0.0, 1.0, f64::NAN] {
            assert!(ppi(&ok, conf).is_none());
        }
    }

    #[test]
    fn no_audit_is_labelled_uncorrected() {
        let r = ppi(&counts(1000, 550, [0; 4]), 0.99).expect("valid");
        assert_eq!(r.method, UNCORRECTED);
        assert_eq!((r.rate, r.lo, r.hi), (0.55, r.rubric_lo, r.rubric_hi));
        assert!(r.fpr.is_none() && r.fnr.is_none() && r.audited == 0);
    }

    #[test]
    fn a_rubric_wrong_on_every_audited_record_is_corrected() {
        // The case: true rate 0, rubric says 55 %. The audit of 100
        // finds all 55 audited rubric failures cleared by the judge.
        let r = ppi(&counts(2000, 1100, [0, 55, 0, 45]), 0.99).expect("valid");
        // q̂₁ = q̂₀ = 0: λ̂ = 0 is not negative, so the stratified interval.
        assert_eq!(r.method, PPI_STRATIFIED);
        assert_eq!(r.rate, 0.0);
        assert_eq!(r.lo, 0.0);
        assert!(r.hi > 0.0 && r.hi < 0.1, "{r:?}");
        assert!(
            r.rubric_lo > 0.5,
            "the uncorrected interval excludes the truth"
        );
        let fpr = r.fpr.expect("audited proxy failures");
        assert_eq!((fpr.errors, fpr.of, fpr.rate, fpr.hi), (55, 55, 1.0, 1.0));
    }

    #[test]
    fn no_disagreement_still_bounds_the_error_rates() {
        let r = ppi(&counts(2000, 400, [20, 0, 0, 80]), 0.95).expect("valid");
        assert_eq!(r.method, PPI_STRATIFIED);
        assert_eq!((r.rate, r.lambda), (0.2, 1.0));
        // Wider than the rubric's own interval on both sides: 20 and 80
        // agreeing records bound the error rates, they do not make them 0.
        assert!(
            r.lo < r.rubric_lo - 0.01 && r.hi > r.rubric_hi + 0.01,
            "{r:?}"
        );
        let (_, clt_lo, clt_hi, _) =
            ppi_clt(&counts(2000, 400, [20, 0, 0, 80]), 0.95).expect("n ≥ 2");
        assert!(clt_hi - clt_lo < r.hi - r.lo);
        // All-pass everywhere is never [0, 0]; all-fail never [1, 1].
        let zero = ppi(&counts(500, 0, [0, 0, 0, 30]), 0.99).expect("valid");
        assert_eq!((zero.rate, zero.lo), (0.0, 0.0));
        assert!(zero.hi > 0.1 && zero.hi < 0.25, "{zero:?}");
        let one = ppi(&counts(500, 500, [30, 0, 0, 0]), 0.99).expect("valid");
        assert_eq!((one.rate, one.hi), (1.0, 1.0));
        assert!(one.lo < 0.9 && one.lo > 0.75, "{one:?}");
    }

    #[test]
    fn full_audit_and_anticorrelated_proxy_use_the_audit_alone() {
        let full = ppi(&counts(40, 20, [5, 15, 3, 17]), 0.95).expect("valid");
        assert_eq!(full.method, AUDIT_ONLY);
        assert_eq!(full.rate, 8.0 / 40.0);
        assert_eq!(
            (full.lo, full.hi),
            clopper_pearson(8, 40, 0.95).expect("valid")
        );
        let anti = ppi(&counts(1000, 500, [2, 28, 20, 10]), 0.95).expect("valid");
        assert_eq!((anti.method, anti.lambda), (AUDIT_ONLY, 0.0));
        assert_eq!(anti.rate, 22.0 / 60.0);
    }

    #[test]
    fn an_unaudited_stratum_spans_its_whole_range() {
        // 60 proxy failures in 1000, none audited: q₁ ∈ [0, 1] carries 6 %.
        let r = ppi(&counts(1000, 60, [0, 0, 1, 29]), 0.95).expect("valid");
        assert_eq!(r.method, PPI_STRATIFIED);
        assert!(r.fpr.is_none());
        assert!((r.rate - (0.06 + 0.94 / 30.0)).abs() < 1e-12);
        assert!(r.lo < r.rate - 0.06 && r.hi > r.rate, "{r:?}");
    }

    use proptest::prelude::*;

    /// Valid counts: N, proxy failures among them, and an audit table whose
    /// strata fit inside the group's.
    fn valid_counts() -> impl Strategy<Value = PpiCounts> {
        (1u64..100_000)
            .prop_flat_map(|records| (Just(records), 0..=records))
            .prop_flat_map(|(records, pf)| {
                let m1 = 0..=pf.min(600);
                let m0 = 0..=(records - pf).min(600);
                (Just(records), Just(pf), m1, m0)
            })
            .prop_flat_map(|(records, pf, m1, m0)| {
                (Just(records), Just(pf), Just(m1), Just(m0), 0..=m1, 0..=m0)
            })
            .prop_map(|(records, pf, m1, m0, k1, k0)| {
                counts(records, pf, [k1, m1 - k1, k0, m0 - k0])
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn intervals_are_proper(c in valid_counts(), conf in 0.5f64..0.9999) {
            let r = ppi(&c, conf).expect("valid counts");
            prop_assert!(0.0 <= r.lo && r.lo < r.hi && r.hi <= 1.0, "{:?}", r);
            prop_assert!(r.lo <= r.rate && r.rate <= r.hi, "{:?}", r);
            prop_assert!((0.0..=1.0).contains(&r.lambda));
            prop_assert!(r.rubric_lo < r.rubric_hi);
            for e in [r.fpr, r.fnr].into_iter().flatten() {
                prop_assert!(e.lo <= e.rate && e.rate <= e.hi && e.lo < e.hi);
            }
            if let Some((rate, lo, hi, lambda)) = ppi_clt(&c, conf) {
                prop_assert!(0.0 <= lo && lo <= rate && rate <= hi && hi <= 1.0);
                prop_assert!((0.0..=1.0).contains(&lambda));
            }
        }

        /// Swapping failure and pass everywhere (f → 1 − f, Y → 1 − Y) maps
        /// θ to 1 − θ and the interval to its mirror image, so the coverage
        /// grid's rare rates near 0 also vouch for rare passes near 1.
        #[test]
        fn mirror_image_for_rates_near_one(c in valid_counts(), conf in 0.5f64..0.9999) {
            let a = c.audit;
            let mirror = counts(
                c.records,
                c.records - c.proxy_failures,
                [a.both_pass, a.false_negative, a.false_positive, a.both_fail],
            );
            let (r, m) = (ppi(&c, conf).expect("valid"), ppi(&mirror, conf).expect("valid"));
            prop_assert_eq!(r.method, m.method);
            let near = |x: f64, y: f64| (x - y).abs() < 1e-9;
            prop_assert!(near(r.rate, 1.0 - m.rate) && near(r.lambda, m.lambda), "{:?} {:?}", r, m);
            prop_assert!(near(r.lo, 1.0 - m.hi) && near(r.hi, 1.0 - m.lo), "{:?} {:?}", r, m);
        }

        #[test]
        fn any_counts_never_panic(records in any::<u64>(), pf in any::<u64>(), t in any::<[u64; 4]>()) {
            let c = counts(records, pf, t);
            prop_assert_eq!(ppi(&c, 0.95).is_some(), c.validate().is_ok());
            let _ = ppi_clt(&c, 0.95);
        }
    }

    #[test]
    fn agrees_with_the_clt_for_large_audits() {
        let c = counts(100_000, 38_000, [3040, 760, 620, 5580]);
        let r = ppi(&c, 0.95).expect("valid");
        let (rate, lo, hi, lambda) = ppi_clt(&c, 0.95).expect("n ≥ 2");
        assert!((r.rate - rate).abs() < 1e-12 && (r.lambda - lambda).abs() < 1e-12);
        let (w, w_clt) = (r.hi - r.lo, hi - lo);
        assert!(w > w_clt && w < 1.05 * w_clt, "{w} vs {w_clt}");
    }
}
