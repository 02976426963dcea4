//! Invariants of the aligner, as properties over random inputs: beads
//! cover both sides exactly once and in order, confidences are
//! probabilities, identical input gives identical output, and a document
//! aligned with itself gives all 1-1.

use std::sync::OnceLock;

use proptest::prelude::*;
use termalign::Pipeline;
use termalign::align::{AlignerBuilder, Alignment, ScoreParams, SentenceFeatures, Side};
use termalign::align::{IDENTITY, Word};
use termalign::glossary::Glossary;
use termalign::segment::preseg;

fn side(sents: &[(usize, Vec<u64>, bool)]) -> Side {
    Side {
        sentences: sents
            .iter()
            .map(|(chars, words, quoted)| {
                let mut words: Vec<Word> = words
                    .iter()
                    .map(|&key| Word {
                        key,
                        entry: IDENTITY,
                    })
                    .collect();
                words.sort();
                words.dedup_by_key(|w| w.key);
                SentenceFeatures {
                    chars: *chars,
                    words,
                    quoted: *quoted,
                    ..Default::default()
                }
            })
            .collect(),
    }
}

fn sentences(max: usize) -> impl Strategy<Value = Vec<(usize, Vec<u64>, bool)>> {
    prop::collection::vec(
        (
            1usize..200,
            prop::collection::vec(0u64..40, 0..6),
            prop::bool::weighted(0.2),
        ),
        0..max,
    )
}

fn check_cover(a: &Alignment, n: usize, m: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        a.covers(n, m),
        "beads do not cover {n} x {m}: {:?}",
        a.beads
    );
    for b in &a.beads {
        prop_assert!((0.0..=1.0).contains(&b.confidence), "{b:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn beads_cover_both_sides_once_in_order(zh in sentences(40), en in sentences(40), band in 1usize..8) {
        let aligner = AlignerBuilder::new()
            .params(ScoreParams { band, ..ScoreParams::default() })
            .build()
            .unwrap();
        let (z, e) = (side(&zh), side(&en));
        let a = aligner.align(&z, &e);
        check_cover(&a, zh.len(), en.len())?;
        // Deterministic.
        prop_assert_eq!(a, aligner.align(&z, &e));
    }
}

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::new(Glossary::builtin(), termalign::align::Aligner::default()).unwrap()
    })
}

const WORDS: &[&str] = &[
    "上海合作组织",
    "成员国",
    "元首",
    "理事会",
    "会议",
    "在",
    "阿斯塔纳",
    "举行",
    "习近平",
    "出席",
    "并",
    "发表",
    "讲话",
    "我们",
    "要",
    "巩固",
    "团结",
    "互信",
    "SCO",
    "2024年",
    "7月4日",
    "“",
    "”",
    "，",
    "发展",
    "合作",
    "共同",
    "安全",
];

fn zh_doc() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::collection::vec(prop::sample::select(WORDS), 1..12),
            prop::bool::weighted(0.15),
        ),
        1..30,
    )
    .prop_map(|sents| {
        sents
            .into_iter()
            .map(|(ws, para)| format!("{}。\n{}", ws.concat(), if para { "\n" } else { "" }))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_document_aligned_with_itself_is_all_one_to_one(doc in zh_doc()) {
        let p = pipeline();
        let segs = preseg::segments(&doc);
        let n = segs.len();
        let d = p.align_segments(segs.clone(), segs);
        check_cover(&d.alignment, n, n)?;
        for (k, b) in d.alignment.beads.iter().enumerate() {
            prop_assert_eq!((b.zh.clone(), b.en.clone()), (k..k + 1, k..k + 1));
        }
    }
}
