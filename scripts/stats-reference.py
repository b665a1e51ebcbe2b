#!/usr/bin/env python3
"""Reference values for assay::stats, from scipy / statsmodels.

Prints Rust array literals that are pasted into src/stats/reference_tests.rs.
Run through scripts/stats-reference.sh (throwaway venv). Every number here comes
from a library users already trust, except the paired Newcombe interval, which
statsmodels does not provide: it is recomputed below from Newcombe (1998b)
method 10 on top of statsmodels' Wilson limits, as an arithmetic cross-check.
"""
import math
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats, special
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    samplesize_proportions_2indep_onetail,
)


def f(x):
    return repr(float(x))


print(f"// scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}")

print("// (p, norm.ppf(p))")
print("pub const NORM_PPF: &[(f64, f64)] = &[")
for p in [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.0125, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975, 0.995, 0.999999]:
    print(f"    ({f(p)}, {f(stats.norm.ppf(p))}),")
print("];")

print("// (z, norm.cdf(z))")
print("pub const NORM_CDF: &[(f64, f64)] = &[")
for z in [-30.0, -10.0, -5.0, -2.5, -1.959963984540054, -1.0, -0.3, 0.0, 0.3, 1.0, 1.959963984540054, 2.5, 5.0, 8.0]:
    print(f"    ({f(z)}, {f(stats.norm.cdf(z))}),")
print("];")

print("// (a, b, x, betainc(a, b, x))")
print("pub const BETAINC: &[(f64, f64, f64, f64)] = &[")
for a, b, x in [(0.5, 0.5, 0.3), (1.0, 1.0, 0.7), (2.0, 3.0, 0.4), (0.5, 100.5, 0.001), (41.0, 60.0, 0.35),
                (1000.5, 0.5, 0.999), (5.0, 995.0, 0.01), (500000.0, 500001.0, 0.5005), (1.5, 999999.5, 1e-6)]:
    print(f"    ({f(a)}, {f(b)}, {f(x)}, {f(special.betainc(a, b, x))}),")
print("];")

print("// (a, b, y, betaincinv(a, b, y))")
print("pub const BETAINCINV: &[(f64, f64, f64, f64)] = &[")
for a, b, y in [(0.5, 0.5, 0.025), (2.0, 3.0, 0.975), (41.0, 60.0, 0.025), (42.0, 59.0, 0.975), (1.0, 1000.0, 0.975),
                (0.5, 1000.5, 0.995), (960.0, 41.0, 0.025), (1.5, 999999.5, 0.025), (3.0, 5.0, 1e-12)]:
    print(f"    ({f(a)}, {f(b)}, {f(y)}, {f(special.betaincinv(a, b, y))}),")
print("];")

cases = [(0, 1), (1, 1), (0, 10), (1, 10), (5, 10), (10, 10), (3, 7), (17, 30), (299, 300), (41, 100),
         (0, 1000), (1, 1000), (960, 1000), (1000, 1000), (1, 1000000), (500000, 1000000)]
levels = [0.8, 0.9, 0.95, 0.99]
for name, method in [("WILSON", "wilson"), ("EXACT", "beta"), ("JEFFREYS", "jeffreys")]:
    print(f"// (k, n, confidence, low, high) from proportion_confint(method={method!r})")
    print(f"pub const {name}: &[(u64, u64, f64, f64, f64)] = &[")
    for k, n in cases:
        for c in levels:
            lo, hi = proportion_confint(k, n, alpha=1 - c, method=method)
            print(f"    ({k}, {n}, {f(c)}, {f(lo)}, {f(hi)}),")
    print("];")

print("// (k_base, n_base, k_other, n_other, confidence, low, high): p_other - p_base,")
print("// confint_proportions_2indep(k_other, n_other, k_base, n_base, method='newcomb', compare='diff')")
print("pub const NEWCOMBE: &[(u64, u64, u64, u64, f64, f64, f64)] = &[")
for kb, nb, ko, no in [(56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29), (0, 10, 0, 20),
                       (10, 10, 0, 20), (41, 100, 60, 100), (120, 10000, 150, 10000)]:
    for c in [0.9, 0.95, 0.99]:
        lo, hi = confint_proportions_2indep(ko, no, kb, nb, method="newcomb", compare="diff", alpha=1 - c)
        print(f"    ({kb}, {nb}, {ko}, {no}, {f(c)}, {f(lo)}, {f(hi)}),")
print("];")


def wilson(k, n, c):
    return proportion_confint(k, n, alpha=1 - c, method="wilson")


def paired_newcombe(a, b, c, d, conf):
    """Newcombe (1998b) method 10 for p_other - p_base.

    a = both fail, b = base fails only, c = other fails only, d = neither.
    """
    n = a + b + c + d
    p1 = (a + c) / n  # other
    p2 = (a + b) / n  # base
    l1, u1 = wilson(a + c, n, conf)
    l2, u2 = wilson(a + b, n, conf)
    # phi between the two "fails" indicators: rows other, columns base.
    # other fails & base fails = a; other fails & base passes = c;
    # other passes & base fails = b; other passes & base passes = d.
    denom = (a + c) * (b + d) * (a + b) * (c + d)
    phi = 0.0 if denom == 0 else (a * d - c * b) / math.sqrt(denom)
    theta = p1 - p2
    dl = math.sqrt(max(0.0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2))
    du = math.sqrt(max(0.0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2))
    return theta - dl, theta + du


print("// (both, base_only, other_only, neither, confidence, low, high, mcnemar_exact_p)")
print("pub const PAIRED: &[(u64, u64, u64, u64, f64, f64, f64, f64)] = &[")
for a, b, c, d in [(12, 5, 2, 2), (10, 3, 0, 7), (0, 0, 0, 10), (5, 0, 0, 5), (2, 9, 4, 185), (30, 20, 20, 30),
                   (100, 1, 40, 9859), (0, 12, 0, 0)]:
    p = mcnemar([[a, b], [c, d]], exact=True).pvalue
    for conf in [0.9, 0.95]:
        lo, hi = paired_newcombe(a, b, c, d, conf)
        print(f"    ({a}, {b}, {c}, {d}, {f(conf)}, {f(lo)}, {f(hi)}, {f(p)}),")
print("];")

print("// (b, c, mcnemar(exact=True).pvalue)")
print("pub const MCNEMAR: &[(u64, u64, f64)] = &[")
for b, c in [(0, 0), (0, 1), (1, 0), (3, 3), (5, 2), (2, 9), (0, 12), (10, 30), (100, 130), (5000, 5200), (1, 60)]:
    print(f"    ({b}, {c}, {f(mcnemar([[0, b], [c, 0]], exact=True).pvalue)}),")
print("];")

print("// (k1, n1, k2, n2, fisher_exact two-sided p)")
print("pub const FISHER: &[(u64, u64, u64, u64, f64)] = &[")
for k1, n1, k2, n2 in [(0, 10, 0, 10), (3, 10, 8, 10), (1, 20, 9, 21), (41, 100, 60, 100), (0, 1000, 7, 1000),
                       (120, 10000, 150, 10000), (5, 5, 0, 5), (2, 3, 1, 400)]:
    p = stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue
    print(f"    ({k1}, {n1}, {k2}, {n2}, {f(p)}),")
print("];")

pv = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2, 0.9]
print(f"pub const P_RAW: &[f64] = &{[float(x) for x in pv]!r};")
print(f"pub const P_HOLM: &[f64] = &{[float(x) for x in multipletests(pv, method='holm')[1]]!r};")
print(f"pub const P_BH: &[f64] = &{[float(x) for x in multipletests(pv, method='fdr_bh')[1]]!r};")


def n_closed(p1, d, conf, power):
    """Fleiss, Levin & Paik (2003) eq. 4.14 without continuity correction."""
    p2 = p1 + d
    pbar = (p1 + p2) / 2
    za = stats.norm.ppf(1 - (1 - conf) / 2)
    zb = stats.norm.ppf(power)
    return (za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / d ** 2


print("// (rate, delta, confidence, power, n per group before rounding up)")
print("pub const SAMPLE_SIZE: &[(f64, f64, f64, f64, f64)] = &[")
for p1, d, conf, pw in [(0.05, 0.05, 0.95, 0.8), (0.1, 0.05, 0.95, 0.8), (0.1, -0.05, 0.95, 0.8), (0.5, 0.1, 0.95, 0.9),
                        (0.01, 0.01, 0.99, 0.8), (0.3, 0.02, 0.9, 0.8), (0.001, 0.004, 0.95, 0.8)]:
    closed = n_closed(p1, d, conf, pw)
    # statsmodels' two-sided version uses alpha/2 in one tail: the same closed form.
    sm = samplesize_proportions_2indep_onetail(diff=d, prop2=p1, power=pw, ratio=1, alpha=1 - conf,
                                               alternative="two-sided")
    assert abs(sm - closed) <= 1e-9 * closed, (sm, closed)
    print(f"    ({f(p1)}, {f(d)}, {f(conf)}, {f(pw)}, {f(closed)}),")
print("];")

print("ok: all reference tables printed", file=sys.stderr)
