use super::*;
use crate::engine::Outcome;
use crate::tally::Tally;

fn key(parts: &[&str]) -> String {
    let mut k = String::new();
    for p in parts {
        Tally::push_key_part(&mut k, p);
    }
    k
}

/// Cell "blackmail": base fails on prompts 0..40 of 100, other on 0..10
/// plus 95..100; cell "leaking": unpaired (other has fewer prompts).
fn outcome() -> Outcome {
    let mut t = Tally::default();
    for i in 0..100 {
        let id = format!("p{i}");
        t.add(&key(&["blackmail", "base"]), 0, 0, i < 40, Some(&id));
        t.add(
            &key(&["blackmail", "new"]),
            0,
            0,
            !(10..95).contains(&i),
            Some(&id),
        );
        t.add(&key(&["leaking", "base"]), 0, 0, i < 20, Some(&id));
        if i < 50 {
            t.add(&key(&["leaking", "new"]), 0, 0, i < 2, Some(&id));
        }
        t.add(&key(&["sabotage", "new"]), 0, 0, false, Some(&id));
    }
    Outcome {
        tally: t,
        ..Outcome::default()
    }
}

fn cmp() -> Comparison {
    compare(
        &outcome(),
        vec!["scenario".into()],
        "id,epoch".into(),
        "base",
        0.95,
        Correction::Holm,
    )
    .unwrap()
}

#[test]
fn pairs_where_records_pair_up_and_not_elsewhere() {
    let c = cmp();
    assert_eq!(c.rows.len(), 2);
    let b = &c.rows[0];
    assert_eq!(
        (b.cell[0].as_str(), b.design),
        ("blackmail", Design::Paired)
    );
    let t = b.pairs.unwrap();
    assert_eq!(
        (t.both, t.base_only, t.other_only, t.neither),
        (10, 30, 5, 55)
    );
    assert!((b.diff - (-0.25)).abs() < 1e-12);
    assert!(b.low < -0.25 && b.high > -0.25 && b.high < 0.0);
    // McNemar exact on 30 vs 5 discordant pairs.
    assert!((b.p - stats::mcnemar_exact(30, 5)).abs() < 1e-15);
    let l = &c.rows[1];
    assert_eq!(l.design, Design::Unpaired);
    assert!(
        l.note
            .as_deref()
            .unwrap()
            .contains("50 of 100 baseline and 50 other records pair up"),
        "{:?}",
        l.note
    );
    assert_eq!(c.cells_without_baseline, [vec!["sabotage".to_string()]]);
}

#[test]
fn holm_adjusts_across_all_rows() {
    let c = cmp();
    let raw: Vec<f64> = c.rows.iter().map(|r| r.p).collect();
    let adj = stats::adjust(&raw, Correction::Holm);
    for (r, a) in c.rows.iter().zip(adj) {
        assert_eq!(r.p_adjusted, a);
        assert!(r.p_adjusted >= r.p);
    }
}

#[test]
fn a_missing_baseline_names_the_models_present() {
    let e = compare(
        &outcome(),
        vec!["scenario".into()],
        "id".into(),
        "gpt",
        0.95,
        Correction::Holm,
    )
    .unwrap_err();
    assert_eq!(
        e,
        "no graded records of baseline model `gpt`; models in these inputs: base, new"
    );
}

#[test]
fn renders_every_format_with_its_method() {
    let c = cmp();
    let t = String::from_utf8(render(&c, crate::report::Format::Table)).unwrap();
    assert!(
        t.contains("p-values adjusted by holm across 2 comparisons"),
        "{t}"
    );
    assert!(t.contains("blackmail  new"), "{t}");
    let j: serde_json::Value =
        serde_json::from_slice(&render(&c, crate::report::Format::Json)).unwrap();
    assert_eq!(j["comparisons"][0]["design"], "paired");
    assert_eq!(j["comparisons"][0]["pairs"]["base_only"], 30);
    let csv = String::from_utf8(render(&c, crate::report::Format::Csv)).unwrap();
    assert_eq!(csv.lines().count(), 3);
    assert!(csv.contains("Newcombe 1998a hybrid score + Fisher exact"));
    let md = String::from_utf8(render(&c, crate::report::Format::Markdown)).unwrap();
    assert!(md.starts_with("| scenario | model | base fail/n |"), "{md}");
}
