//! Report writers: arbitrary group keys (model and scenario names a
//! transcript may carry: terminal escapes, formulas, markup, line breaks)
//! go into every format, and each is read back as its reader would:
//! the table holds no control character, CSV parses to one row per group
//! with formula-like cells quoted, Markdown keeps one line per row, HTML
//! and SVG are well-formed XML, and JSON gives every key back exactly.
#![no_main]

use arbitrary::Arbitrary;
use assay::engine::Outcome;
use assay::report::{Csv, Exporter, Html, Json, Markdown, Report, Svg, Table};
use assay::stats::{CiConfig, CiMethod};
use assay::tally::Tally;
use assay_fuzz::builtin;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeSet;

#[derive(Arbitrary, Debug)]
struct Input {
    groups: Vec<(String, String, u8, u8)>,
}

/// The tally's key separator cannot be in a key part.
fn part(s: &str) -> String {
    s.replace('\u{1f}', "")
}

fuzz_target!(|input: Input| {
    let rubric = builtin();
    let nb = rubric.behaviours().len();
    let mut tally = Tally::default();
    let mut keys = BTreeSet::new();
    for (model, scenario, n, fails) in input.groups.iter().take(400) {
        let (model, scenario) = (part(model), part(scenario));
        let mut key = String::new();
        Tally::push_key_part(&mut key, &model);
        Tally::push_key_part(&mut key, &scenario);
        for i in 0..=*n {
            tally.add(&key, nb, 0, i < *fails, None);
        }
        keys.insert((model, scenario));
    }
    let outcome = Outcome {
        tally,
        ..Outcome::default()
    };
    let ci = CiConfig::new(CiMethod::Wilson, 0.95, 1000, 0).unwrap();
    let by = vec!["model".to_string(), "scenario".to_string()];
    let r = Report::build(&outcome, rubric, "<fuzz>", by, None, ci);
    let groups = r.groups.len();
    assert_eq!(groups, keys.len());

    let table = String::from_utf8(Table.export(&r)).unwrap();
    assert!(!table.chars().any(|c| c.is_control() && c != '\n'), "{table:?}");

    let csv = Csv::default().export(&r);
    let mut rd = csv::ReaderBuilder::new().has_headers(true).from_reader(&csv[..]);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), groups + 1, "groups and the total");
    for (row, g) in rows.iter().zip(&r.groups) {
        for (cell, key) in row.iter().zip(&g.key) {
            let formula = key.starts_with(['=', '+', '-', '@', '\t', '\r']);
            if formula {
                assert_eq!(cell.strip_prefix('\''), Some(key.as_str()));
            } else {
                assert_eq!(cell, key);
            }
        }
    }

    let md = String::from_utf8(Markdown.export(&r)).unwrap();
    let total = usize::from(groups != 1);
    assert_eq!(md.lines().filter(|l| l.starts_with('|')).count(), 2 + groups + total);
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'));

    let svg = String::from_utf8(Svg.export(&r)).unwrap();
    roxmltree::Document::parse(&svg).unwrap();
    let html = String::from_utf8(Html.export(&r)).unwrap();
    // The page is HTML5; as XML it needs no doctype and a closed <meta>.
    let xml = html
        .replacen("<!DOCTYPE html>\n", "", 1)
        .replacen("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", 1);
    roxmltree::Document::parse(&xml).unwrap();

    let json: serde_json::Value = serde_json::from_slice(&Json.export(&r)).unwrap();
    let back: BTreeSet<(String, String)> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let k = &g["key"];
            let s = |f: &str| k[f].as_str().unwrap().to_string();
            (s("model"), s("scenario"))
        })
        .collect();
    assert_eq!(back, keys);
});
