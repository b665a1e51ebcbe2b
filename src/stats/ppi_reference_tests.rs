//! Reference values for [`crate::stats::ppi`], recomputed from record-level
//! arrays with numpy / scipy / statsmodels by `scripts/ppi-reference.py` (run
//! via `scripts/ppi-reference.sh`) and pasted verbatim into `data` below.

use crate::stats::ppi::{counts, ppi, ppi_clt};

#[rustfmt::skip]
#[allow(clippy::all)]
mod data {
    // scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6
    // (records, proxy_failures, [both_fail, false_positive, false_negative, both_pass], confidence,
    //  method, rate, lo, hi, lambda)
    pub const PPI: &[(u64, u64, [u64; 4], f64, &str, f64, f64, f64, f64)] = &[
        (2000, 760, [30, 8, 6, 56], 0.99, "ppi-stratified-mover", 0.36, 0.2658080216554295, 0.46167074579966133, 0.6926994906621392),
        (2000, 760, [30, 8, 6, 56], 0.95, "ppi-stratified-mover", 0.36, 0.28626912860581066, 0.4383221891111859, 0.6926994906621392),
        (10000, 1234, [40, 20, 5, 435], 0.95, "ppi-stratified-mover", 0.0922280303030303, 0.07395954199882304, 0.11215432018508656, 0.6553030303030303),
        (1000, 60, [2, 1, 0, 27], 0.95, "ppi-stratified-mover", 0.039999999999999994, 0.004564312621487605, 0.16210827141606915, 0.6666666666666666),
        (1000, 60, [0, 0, 1, 29], 0.95, "ppi-stratified-mover", 0.09133333333333332, 0.0008435709266304795, 0.22280696416995893, 0.9666666666666667),
        (2000, 1100, [0, 55, 0, 45], 0.99, "ppi-stratified-mover", 0.0, 0.0, 0.0710610482200789, 0.0),
        (2000, 400, [20, 0, 0, 80], 0.95, "ppi-stratified-mover", 0.2, 0.1622902280543098, 0.24033900922449952, 1.0),
        (500, 0, [0, 0, 0, 30], 0.99, "ppi-stratified-mover", 0.0, 0.0, 0.16242272406265856, 1.0),
        (500, 500, [30, 0, 0, 0], 0.99, "ppi-stratified-mover", 1.0, 0.8375772759373414, 1.0, 1.0),
        (40, 20, [5, 15, 3, 17], 0.95, "audit-only-exact", 0.2, 0.09052240939999069, 0.35647801867923473, 0.0),
        (1000, 500, [2, 28, 20, 10], 0.95, "audit-only-exact", 0.36666666666666664, 0.24594061043728702, 0.5010307176437072, 0.0),
        (1000, 550, [0, 0, 0, 0], 0.99, "uncorrected", 0.55, 0.5092795774136182, 0.5900613060960412, 1.0),
        (100000, 38000, [3040, 760, 620, 5580], 0.95, "ppi-stratified-mover", 0.36600000000000005, 0.3589336044938191, 0.3731021577165005, 0.7000000000000001),
        (300, 150, [12, 3, 4, 11], 0.9, "ppi-stratified-mover", 0.5333333333333333, 0.38421782692705986, 0.677045496576225, 0.5333333333333334),
    ];
    // (records, proxy_failures, [table], confidence, rate, lo, hi, lambda): PPI++ normal interval
    pub const CLT: &[(u64, u64, [u64; 4], f64, f64, f64, f64, f64)] = &[
        (2000, 760, [30, 8, 6, 56], 0.99, 0.36, 0.2692056399764605, 0.45079436002353945, 0.6926994906621372),
        (2000, 760, [30, 8, 6, 56], 0.95, 0.36, 0.29091402625153717, 0.4290859737484628, 0.6926994906621372),
        (10000, 1234, [40, 20, 5, 435], 0.95, 0.0922280303030303, 0.07494070905343403, 0.10951535155262657, 0.6553030303030286),
        (1000, 60, [2, 1, 0, 27], 0.95, 0.04000000000000002, 0.0, 0.09570101904466624, 0.6666666666666662),
        (1000, 60, [0, 0, 1, 29], 0.95, 0.03333333333333333, 0.0, 0.09866546615133512, 0.0),
        (2000, 1100, [0, 55, 0, 45], 0.99, 0.0, 0.0, 0.0, 0.0),
        (2000, 400, [20, 0, 0, 80], 0.95, 0.2, 0.18238123401586773, 0.2176187659841323, 0.9999999999999957),
        (500, 0, [0, 0, 0, 30], 0.99, 0.0, 0.0, 0.0, 0.0),
        (500, 500, [30, 0, 0, 0], 0.99, 1.0, 1.0, 1.0, 0.0),
        (40, 20, [5, 15, 3, 17], 0.95, 0.20000000000000004, 0.07446183425245553, 0.3255381657475446, 0.09999999999999991),
        (1000, 500, [2, 28, 20, 10], 0.95, 0.36666666666666664, 0.2437038016704392, 0.4896295316628941, 0.0),
        (100000, 38000, [3040, 760, 620, 5580], 0.95, 0.366, 0.3589835146492761, 0.3730164853507239, 0.6999999999999977),
        (300, 150, [12, 3, 4, 11], 0.9, 0.5333333333333333, 0.4019973699485182, 0.6646692967181485, 0.5333333333333332),
    ];
    // variance check (N=400, n=100, θ=0.3, FPR=FNR=0.2, λ=0.7, 20000 draws):
    // simulated 1.6385e-03, nested formula 1.6428e-03, independent-samples formula 1.7790e-03
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs().max(1e-3)
}

#[test]
fn reported_interval_matches_the_reference() {
    for &(records, pf, t, conf, method, rate, lo, hi, lambda) in data::PPI {
        let r = ppi(&counts(records, pf, t), conf).expect("valid case");
        let case = format!("{records} {pf} {t:?} {conf}: {r:?}");
        assert_eq!(r.method, method, "{case}");
        assert!(close(r.rate, rate) && close(r.lambda, lambda), "{case}");
        assert!(
            close(r.lo, lo) && close(r.hi, hi),
            "{case}: want [{lo}, {hi}]"
        );
    }
}

#[test]
fn clt_interval_matches_the_reference() {
    for &(records, pf, t, conf, rate, lo, hi, lambda) in data::CLT {
        let (r, l, h, lam) = ppi_clt(&counts(records, pf, t), conf).expect("n ≥ 2");
        let case = format!("{records} {pf} {t:?} {conf}: {r} [{l}, {h}] λ={lam}");
        assert!(close(r, rate) && close(lam, lambda), "{case}");
        assert!(close(l, lo) && close(h, hi), "{case}: want [{lo}, {hi}]");
    }
}
