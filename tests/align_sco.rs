//! The seed release and its English fixture, aligned end to end through the
//! library and scored against the gold beads.

mod common;

use termalign::Pipeline;
use termalign::align::Aligner;
use termalign::align::eval::{Counts, IndexBead, parse_beads};
use termalign::glossary::Glossary;

fn predicted() -> (Vec<IndexBead>, termalign::AlignedDocument) {
    let zh = common::read(&common::data("sco/zh.txt"));
    let en = common::read(&common::data("sco/en.txt"));
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let doc = p.align_texts(&zh, &en);
    let beads = doc
        .alignment
        .beads
        .iter()
        .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
        .collect();
    (beads, doc)
}

#[test]
fn sco_fixture_strict_f1_floor() {
    let gold = parse_beads(&common::read(&common::data("sco/gold.tsv")), "gold.tsv").unwrap();
    let (pred, doc) = predicted();
    assert!(doc.alignment.covers(doc.zh.len(), doc.en.len()));
    let mut c = Counts::default();
    c.add(&gold, &pred);
    let s = c.scores();
    eprintln!("SCO fixture:\n{s}");
    assert!(
        s.strict.f1 >= 0.95,
        "strict F1 {:.3} below 0.95\n{s}",
        s.strict.f1
    );
}
