#!/usr/bin/env python3
"""Reference values for assay::stats::ppi, recomputed from record-level arrays.

Prints Rust array literals that are pasted into src/stats/ppi_reference_tests.rs.
Run through scripts/ppi-reference.sh (throwaway venv). Nothing here reuses the
Rust code: each case is expanded into per-record arrays (proxy verdict f for all
N records, judge verdict Y for the n audited ones), the PPI++ estimate and its
normal interval come from numpy moments of those arrays, the exact limits from
scipy's Beta quantiles (Clopper-Pearson) and the proxy-share interval from
statsmodels' Wilson interval.

It also checks, by simulating the record-level design (an audit drawn as a
random subset of the N records), the variance formula derived for the nested
audit in src/stats/ppi.rs, and prints the comparison as a comment.
"""
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportion_confint


def f(x):
    return repr(float(x))


def arrays(records, proxy_failures, table):
    a11, a10, a01, a00 = table
    f_audit = np.array([1] * a11 + [1] * a10 + [0] * a01 + [0] * a00, dtype=float)
    y_audit = np.array([1] * a11 + [0] * a10 + [1] * a01 + [0] * a00, dtype=float)
    n = len(f_audit)
    rest_fail = proxy_failures - (a11 + a10)
    f_rest = np.array([1] * rest_fail + [0] * (records - n - rest_fail), dtype=float)
    return f_audit, y_audit, np.concatenate([f_audit, f_rest])


def clopper_pearson(k, m, conf):
    if m == 0:
        return 0.0, 1.0
    a = 1 - conf
    lo = 0.0 if k == 0 else stats.beta.ppf(a / 2, k, m - k + 1)
    hi = 1.0 if k == m else stats.beta.isf(a / 2, k + 1, m - k)
    return float(lo), float(hi)


def clt(records, proxy_failures, table, conf):
    fa, ya, fall = arrays(records, proxy_failures, table)
    n, big_n = len(fa), len(fall)
    r = n / big_n
    s_ff = np.var(fa, ddof=1)
    s_yy = np.var(ya, ddof=1)
    s_yf = np.cov(ya, fa, ddof=1)[0, 1]
    lam = float(np.clip(s_yf / s_ff, 0, 1)) if s_ff > 0 else 0.0
    theta = lam * fall.mean() + np.mean(ya - lam * fa)
    v = max(s_yy - 2 * lam * (1 - r) * s_yf + lam ** 2 * (1 - r) * s_ff, 0.0)
    half = stats.norm.ppf(1 - (1 - conf) / 2) * np.sqrt(v / n)
    return theta, max(theta - half, 0.0), min(theta + half, 1.0), lam


def reported(records, proxy_failures, table, conf):
    """(method, rate, lo, hi, lambda) of the reported interval."""
    fa, ya, fall = arrays(records, proxy_failures, table)
    n, big_n = len(fa), len(fall)
    p1 = fall.mean()
    wl, wh = proportion_confint(int(fall.sum()), big_n, alpha=1 - conf, method="wilson")
    if n == 0:
        return "uncorrected", p1, wl, wh, 1.0
    m1, m0 = int(fa.sum()), int(n - fa.sum())
    k1, k0 = int(ya[fa == 1].sum()), int(ya[fa == 0].sum())
    q1 = k1 / m1 if m1 else 1.0
    q0 = k0 / m0 if m0 else 0.0
    lam = q1 - q0
    if n == big_n or lam < 0:
        lo, hi = clopper_pearson(int(ya.sum()), n, conf)
        return "audit-only-exact", ya.mean(), lo, hi, 0.0
    l1, u1 = clopper_pearson(k1, m1, conf)
    l0, u0 = clopper_pearson(k0, m0, conf)
    theta = p1 * q1 + (1 - p1) * q0
    below = np.sqrt((p1 * (q1 - l1)) ** 2 + ((1 - p1) * (q0 - l0)) ** 2 + (lam * (p1 - wl)) ** 2)
    above = np.sqrt((p1 * (u1 - q1)) ** 2 + ((1 - p1) * (u0 - q0)) ** 2 + (lam * (wh - p1)) ** 2)
    lo, hi = theta - below, theta + above
    k = int(ya.sum())
    audit_lo, audit_hi = clopper_pearson(k, n, conf)
    if k < 10:  # few judged failures: never above the audit's own exact lower limit
        lo = min(lo, audit_lo)
    if n - k < 10:
        hi = max(hi, audit_hi)
    return "ppi-stratified-mover", theta, max(lo, 0.0), min(hi, 1.0), lam


CASES = [
    # (records, proxy_failures, (both_fail, false_positive, false_negative, both_pass), confidence)
    (2000, 760, (30, 8, 6, 56), 0.99),
    (2000, 760, (30, 8, 6, 56), 0.95),
    (10000, 1234, (40, 20, 5, 435), 0.95),
    (1000, 60, (2, 1, 0, 27), 0.95),
    (1000, 60, (0, 0, 1, 29), 0.95),
    (2000, 1100, (0, 55, 0, 45), 0.99),
    (2000, 400, (20, 0, 0, 80), 0.95),
    (500, 0, (0, 0, 0, 30), 0.99),
    (500, 500, (30, 0, 0, 0), 0.99),
    (40, 20, (5, 15, 3, 17), 0.95),
    (1000, 500, (2, 28, 20, 10), 0.95),
    (1000, 550, (0, 0, 0, 0), 0.99),
    (100000, 38000, (3040, 760, 620, 5580), 0.95),
    (300, 150, (12, 3, 4, 11), 0.9),
]

print(f"// scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}")
print("// (records, proxy_failures, [both_fail, false_positive, false_negative, both_pass], confidence,")
print("//  method, rate, lo, hi, lambda)")
print("pub const PPI: &[(u64, u64, [u64; 4], f64, &str, f64, f64, f64, f64)] = &[")
for records, pf, t, c in CASES:
    m, rate, lo, hi, lam = reported(records, pf, t, c)
    print(f"    ({records}, {pf}, {list(t)}, {f(c)}, {m!r}, {f(rate)}, {f(lo)}, {f(hi)}, {f(lam)}),".replace("'", '"'))
print("];")
print("// (records, proxy_failures, [table], confidence, rate, lo, hi, lambda): PPI++ normal interval")
print("pub const CLT: &[(u64, u64, [u64; 4], f64, f64, f64, f64, f64)] = &[")
for records, pf, t, c in CASES:
    if sum(t) < 2:
        continue
    rate, lo, hi, lam = clt(records, pf, t, c)
    print(f"    ({records}, {pf}, {list(t)}, {f(c)}, {f(rate)}, {f(lo)}, {f(hi)}, {f(lam)}),")
print("];")

# The nested-audit variance: simulate records, draw the audit as a random
# subset of them, and compare the variance of θ̂_λ (fixed λ) with
# [σ²_Y − 2λ(1 − r)σ_Yf + λ²(1 − r)σ²_f]/n and with the disjoint-sample
# formula that ignores the nesting.
rng = np.random.default_rng(16)
big_n, n, theta, fpr, fnr, lam = 400, 100, 0.3, 0.2, 0.2, 0.7
y = rng.random((20000, big_n)) < theta
flip = rng.random((20000, big_n))
fv = np.where(y, flip >= fnr, flip < fpr).astype(float)
y = y.astype(float)
est = []
for i in range(y.shape[0]):
    s = rng.choice(big_n, n, replace=False)
    est.append(lam * fv[i].mean() + np.mean(y[i, s] - lam * fv[i, s]))
p_f = theta * (1 - fnr) + (1 - theta) * fpr
s_yy, s_ff, s_yf = theta * (1 - theta), p_f * (1 - p_f), theta * (1 - fnr) - theta * p_f
r = n / big_n
nested = (s_yy - 2 * lam * (1 - r) * s_yf + lam ** 2 * (1 - r) * s_ff) / n
disjoint = (s_yy - 2 * lam * s_yf + lam ** 2 * s_ff) / n + lam ** 2 * s_ff / big_n
print(f"// variance check (N={big_n}, n={n}, θ={theta}, FPR=FNR=0.2, λ={lam}, 20000 draws):")
print(f"// simulated {np.var(est, ddof=1):.4e}, nested formula {nested:.4e}, "
      f"independent-samples formula {disjoint:.4e}")
