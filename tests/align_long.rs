//! Long pairs: documents aligned concatenated into one pair must score
//! (strict F1) about as well as aligned one by one, the pieces a long pair
//! is cut into are aligned in parallel with the same result whatever the
//! thread count, and progress reaches the total. MAC-Dev
//! (../shared/align/mac-dev) skips with a notice when absent (fails under
//! CI=true); the news fixtures are in the repository.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use termalign::Pipeline;
use termalign::align::eval::{Counts, IndexBead, parse_beads};
use termalign::align::{Aligner, Alignment, Progress};
use termalign::glossary::Glossary;
use termalign::segment::preseg;

/// Documents as (zh lines, en lines, gold beads).
type Doc = (String, String, Vec<IndexBead>);

fn read_docs(dirs: &[(std::path::PathBuf, std::path::PathBuf, std::path::PathBuf)]) -> Vec<Doc> {
    dirs.iter()
        .map(|(z, e, g)| {
            let gold = parse_beads(&common::read(g), &g.display().to_string()).unwrap();
            (common::read(z), common::read(e), gold)
        })
        .collect()
}

fn pred(a: &Alignment) -> Vec<IndexBead> {
    a.beads
        .iter()
        .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
        .collect()
}

/// Strict F1 one by one, and of all documents concatenated into one pair
/// (gold indices shifted), through the same pipeline.
fn one_by_one_and_concatenated(p: &Pipeline, docs: &[Doc]) -> (f64, f64) {
    let mut each = Counts::default();
    let (mut zh, mut en, mut gold) = (String::new(), String::new(), Vec::new());
    for (z, e, g) in docs {
        let (zs, es) = (preseg::segments(z), preseg::segments(e));
        let (oz, oe) = (preseg::segments(&zh).len(), preseg::segments(&en).len());
        let doc = p.align_segments(zs, es);
        each.add(g, &pred(&doc.alignment));
        gold.extend(g.iter().map(|(a, b)| {
            (
                a.iter().map(|x| x + oz).collect(),
                b.iter().map(|x| x + oe).collect(),
            )
        }));
        // Documents keep their paragraph breaks and are one apart.
        for (all, one) in [(&mut zh, z), (&mut en, e)] {
            all.push_str(one.trim_end());
            all.push_str("\n\n");
        }
    }
    let (zs, es) = (preseg::segments(&zh), preseg::segments(&en));
    let (n, m) = (zs.len(), es.len());
    let doc = p.align_segments(zs, es);
    assert!(doc.alignment.covers(n, m));
    let mut cat = Counts::default();
    cat.add(&gold, &pred(&doc.alignment));
    (each.scores().strict.f1, cat.scores().strict.f1)
}

/// The pipeline `termalign align` runs by default: the built-in glossary
/// and lexicon.
fn builtin_lexicon_pipeline() -> Pipeline {
    Pipeline::new(Glossary::builtin(), Aligner::default())
        .unwrap()
        .with_dictionary(Arc::new(termalign::lexicon::Dictionary::builtin()))
}

fn mac_dev(root: &Path) -> Vec<Doc> {
    let ids = ["001", "002", "003", "004", "005", "006"];
    read_docs(&ids.map(|id| {
        (
            root.join(format!("zh/{id}.txt")),
            root.join(format!("en/{id}.txt")),
            root.join(format!("gold/{id}.tsv")),
        )
    }))
}

#[test]
fn mac_dev_concatenated_scores_like_one_by_one() {
    let Some(root) = common::shared("align/mac-dev") else {
        return;
    };
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let (each, cat) = one_by_one_and_concatenated(&p, &mac_dev(&root));
    eprintln!("MAC-Dev, no lexicon, strict F1: one by one {each:.4}, concatenated {cat:.4}");
    // Without a lexicon, six novels of different length ratios share one
    // ratio and one set of priors: that costs about 0.02.
    assert!(cat >= each - 0.025, "concatenated {cat:.4} vs {each:.4}");
}

#[test]
fn mac_dev_concatenated_with_builtin_lexicon_scores_like_one_by_one() {
    let Some(root) = common::shared("align/mac-dev") else {
        return;
    };
    // What `termalign align` runs by default: the built-in lexicon on, so
    // each piece of a long pair re-estimates its own model.
    let p = builtin_lexicon_pipeline();
    let (each, cat) = one_by_one_and_concatenated(&p, &mac_dev(&root));
    eprintln!("MAC-Dev, built-in lexicon, strict F1: one by one {each:.4}, concatenated {cat:.4}");
    assert!(cat >= each - 0.005, "concatenated {cat:.4} vs {each:.4}");
}

#[test]
fn news_fixtures_concatenated_score_like_one_by_one() {
    let dirs = common::news_docs();
    let docs = read_docs(
        &dirs
            .iter()
            .map(|d| {
                (
                    d.join("zh.sents.txt"),
                    d.join("en.sents.txt"),
                    d.join("gold.tsv"),
                )
            })
            .collect::<Vec<_>>(),
    );
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let (each, cat) = one_by_one_and_concatenated(&p, &docs);
    eprintln!("news fixtures strict F1: one by one {each:.4}, concatenated {cat:.4}");
    // Short enough to be searched whole: what is lost is the per-document
    // length ratio and priors, not the search.
    assert!(cat >= each - 0.025, "concatenated {cat:.4} vs {each:.4}");
}

struct Max(AtomicUsize, AtomicUsize);

impl Progress for Max {
    fn advance(&self, done: usize, total: usize) {
        self.0.fetch_max(done, Ordering::Relaxed);
        self.1.store(total, Ordering::Relaxed);
    }
}

#[test]
fn long_pair_same_whatever_the_thread_count_and_progress_completes() {
    // A long pair from the seed release's sentences, repeated with the
    // English side shifted by one sentence each round (so pieces differ).
    let zh = common::read(&common::data("news/01-npc-opening/zh.sents.txt"));
    let en = common::read(&common::data("news/01-npc-opening/en.sents.txt"));
    let (mut z, mut e) = (String::new(), String::new());
    let en_lines: Vec<&str> = en.lines().collect();
    for round in 0..100 {
        z.push_str(&zh);
        for k in 0..en_lines.len() {
            e.push_str(en_lines[(k + round) % en_lines.len()]);
            e.push('\n');
        }
    }
    let (zs, es) = (preseg::segments(&z), preseg::segments(&e));
    let (n, m) = (zs.len(), es.len());
    assert!(n + m > 2000, "long enough to be cut: {n} + {m}");
    let progress = Arc::new(Max(AtomicUsize::new(0), AtomicUsize::new(0)));
    let p = Pipeline::new(Glossary::builtin(), Aligner::default())
        .unwrap()
        .with_progress(progress.clone());
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| p.align_segments(zs.clone(), es.clone()).alignment)
    };
    let one = run(1);
    assert!(one.covers(n, m));
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    assert_eq!(progress.1.load(Ordering::Relaxed), n + m);
    assert_eq!(progress.0.load(Ordering::Relaxed), n + m);
}

/// MAC-Dev as one pair whose English (or, with `cut_zh`, Chinese) stops
/// after the first `keep` chapters (a shortened translation of a long
/// document): strict F1 of the whole pair against the gold, the missing
/// chapters' other side as 1-0 (or 0-1) beads.
fn mac_dev_cut(p: &Pipeline, docs: &[Doc], keep: usize, cut_zh: bool) -> f64 {
    let (mut zh, mut en, mut gold) = (String::new(), String::new(), Vec::<IndexBead>::new());
    for (k, (z, e, g)) in docs.iter().enumerate() {
        let (oz, oe) = (preseg::segments(&zh).len(), preseg::segments(&en).len());
        if k < keep {
            gold.extend(g.iter().map(|(a, b)| {
                (
                    a.iter().map(|x| x + oz).collect(),
                    b.iter().map(|x| x + oe).collect(),
                )
            }));
        } else if cut_zh {
            let n = preseg::segments(e).len();
            gold.extend((0..n).map(|j| (vec![], vec![j + oe])));
        } else {
            let n = preseg::segments(z).len();
            gold.extend((0..n).map(|i| (vec![i + oz], vec![])));
        }
        if k < keep || !cut_zh {
            zh.push_str(z.trim_end());
            zh.push_str("\n\n");
        }
        if k < keep || cut_zh {
            en.push_str(e.trim_end());
            en.push_str("\n\n");
        }
    }
    let doc = p.align_segments(preseg::segments(&zh), preseg::segments(&en));
    let mut c = Counts::default();
    c.add(&gold, &pred(&doc.alignment));
    c.scores().strict.f1
}

#[test]
fn mac_dev_with_one_side_cut_short_stays_aligned() {
    let Some(root) = common::shared("align/mac-dev") else {
        return;
    };
    let docs = mac_dev(&root);
    let p = builtin_lexicon_pipeline();
    // Before the guide started wide enough for the missing side, the
    // English cuts after 3 and 4 chapters came out at 0.39 and 0.27; before
    // it expected one one-sided bead per missing sentence, the cut after 3
    // came out at 0.60.
    let mut low = Vec::new();
    for (cut_zh, keep, floor) in [
        (false, 3, 0.80),
        (false, 4, 0.84),
        (false, 5, 0.84),
        (true, 3, 0.84),
        (true, 4, 0.80),
        (true, 5, 0.84),
    ] {
        let f1 = mac_dev_cut(&p, &docs, keep, cut_zh);
        let side = if cut_zh { "Chinese" } else { "English" };
        eprintln!("MAC-Dev as one pair, {side} cut after chapter {keep}: strict F1 {f1:.4}");
        if f1 < floor {
            low.push(format!("{side} cut after {keep}: {f1:.4} < {floor}"));
        }
    }
    assert!(low.is_empty(), "{low:#?}");
}

#[test]
fn a_long_pair_with_an_empty_side_is_all_one_sided_beads() {
    use termalign::align::{SentenceFeatures, Side};
    let s = |chars| SentenceFeatures {
        chars,
        ..Default::default()
    };
    let many = Side {
        sentences: (0..1500).map(|k| s(20 + k % 7)).collect(),
    };
    let none = Side { sentences: vec![] };
    let a = Aligner::default();
    for (zh, en) in [(&many, &none), (&none, &many)] {
        let got = a.align(zh, en);
        assert!(got.covers(zh.sentences.len(), en.sentences.len()));
        assert!(
            got.beads.iter().all(|b| b.zh.is_empty() || b.en.is_empty()),
            "nothing to pair"
        );
    }
    // Lopsided: a long side against a handful of sentences still gives a
    // full cover (the start band grows to the excess, within its cap).
    let few = Side {
        sentences: (0..3).map(|_| s(60)).collect(),
    };
    for (zh, en) in [(&many, &few), (&few, &many)] {
        let got = a.align(zh, en);
        assert!(got.covers(zh.sentences.len(), en.sentences.len()));
    }
}
