//! Glossary formats round-trip: the full shipped glossary through TBX and
//! OmegaT and back loses no entry and no field; foreign TBX exports read;
//! our TBX is well-formed XML (xmllint).

mod common;

use proptest::prelude::*;
use termalign::glossary::{Entry, Format, Glossary, TermType, convert};

/// zh, en, variants, forbidden, type, note.
type Fields = (String, String, Vec<String>, Vec<String>, TermType, String);

/// Entries without where they were read from (line numbers differ by format).
fn fields(g: &Glossary) -> Vec<Fields> {
    g.entries()
        .iter()
        .map(|e: &Entry| {
            (
                e.zh.clone(),
                e.en.clone(),
                e.variants.clone(),
                e.forbidden.clone(),
                e.kind,
                e.note.clone(),
            )
        })
        .collect()
}

fn round_trip(g: &Glossary, via: Format) -> Glossary {
    let text = convert::to_string(g, via).unwrap();
    convert::read_str(&text, "mid", via).unwrap_or_else(|e| panic!("{via}: {e}"))
}

#[test]
fn shipped_glossary_round_trips_through_every_format() {
    let g = Glossary::builtin();
    assert_eq!(g.len(), 803);
    for via in Format::ALL {
        let back = round_trip(&g, via);
        assert_eq!(back.len(), g.len(), "{via}");
        assert_eq!(fields(&back), fields(&g), "{via}");
        // And to CSV text, byte for byte.
        assert_eq!(
            convert::to_string(&back, Format::Csv).unwrap(),
            termalign::glossary::BUILTIN_CSV,
            "{via}"
        );
    }
}

#[test]
fn reads_a_memoq_style_tbx_export() {
    let g = Glossary::load(&common::data("glossary/memoq.tbx")).unwrap();
    let got: Vec<String> = g
        .entries()
        .iter()
        .map(|e| {
            format!(
                "{}|{}|{:?}|{:?}|{}|{}|{}",
                e.zh, e.en, e.variants, e.forbidden, e.kind, e.note, e.origin.line
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            r#"一带一路|Belt and Road|["Belt and Road Initiative"]|["One Belt, One Road"]|term||10"#,
            r#"上海精神|Shanghai Spirit|[]|[]|term|Xinhua English & MFA English|28"#,
            r#"上合组织|Shanghai Cooperation Organization|["SCO"]|[]|abbr||37"#,
            r#"上海合作组织|Shanghai Cooperation Organization|["SCO"]|[]|term||37"#,
        ]
    );
}

#[test]
fn tbx_export_is_well_formed_for_xmllint() {
    if !common::have_program("xmllint") {
        return;
    }
    let env = common::TestEnv::new();
    let tbx = env.path("default.tbx");
    convert::convert_file(
        &common::root().join("glossary/default.csv"),
        &tbx,
        None,
        None,
    )
    .unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .arg(&tbx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A broken file is caught: the check can fail.
    let bad = env.write("bad.tbx", "<martif><text></martif>");
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

fn text_field() -> impl Strategy<Value = String> {
    // Printable text with XML and CSV specials, no tab/newline/pipe (which
    // CSV lists and OmegaT cannot carry), trimmed and with single spaces.
    "[a-zA-Z0-9&<>\"',.;:()\\[\\]上海精神一带路’“” -]{1,20}"
        .prop_map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any entries survive CSV → TBX → CSV and CSV → OmegaT → CSV.
    #[test]
    fn arbitrary_entries_round_trip(
        rows in proptest::collection::vec(
            (text_field(), text_field(), proptest::collection::vec(text_field(), 0..3),
             proptest::collection::vec(text_field(), 0..3), 0usize..6, text_field()),
            1..6)
    ) {
        let kinds = ["term", "person", "place", "org", "title", "abbr"];
        let mut csv = String::from("zh,en,variants,forbidden,type,note\n");
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut seen = std::collections::HashSet::new();
        for (i, (zh, en, vs, fs, k, note)) in rows.iter().enumerate() {
            let zh = format!("{zh}{i}");
            if !seen.insert(zh.clone()) || en.is_empty() { continue; }
            // Keep lists free of duplicates and of the approved rendering.
            let mut vs2: Vec<&String> = Vec::new();
            for v in vs { if !v.is_empty() && v != en && !vs2.contains(&v) { vs2.push(v); } }
            let mut fs2: Vec<&String> = Vec::new();
            for f in fs { if !f.is_empty() && f != en && !vs2.contains(&f) && !fs2.contains(&f) { fs2.push(f); } }
            let join = |l: &[&String]| l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("|");
            csv.push_str(&format!("{},{},{},{},{},{}\n", q(&zh), q(en), q(&join(&vs2)), q(&join(&fs2)), kinds[*k], q(note)));
        }
        let g = Glossary::from_csv_str(&csv, "p.csv").unwrap();
        for via in [Format::Tbx, Format::OmegaT, Format::Tsv] {
            let back = round_trip(&g, via);
            prop_assert_eq!(fields(&back), fields(&g), "via {}", via);
        }
    }
}

/// Regression (found by `arbitrary_entries_round_trip`): an empty glossary
/// written as TBX (a `<body>` without entries) must read back as empty.
#[test]
fn empty_glossary_round_trips_through_every_format() {
    let g = Glossary::from_csv_str("zh,en,variants,forbidden,type,note\n", "empty.csv").unwrap();
    assert!(g.is_empty());
    for via in Format::ALL {
        assert!(round_trip(&g, via).is_empty(), "via {via}");
    }
}
