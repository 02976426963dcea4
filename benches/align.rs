//! Alignment speed: the banded DP alone (sentences per second, on
//! synthetic sides), dictionary loading (CC-CEDICT .gz from ../shared),
//! and the six MAC-Dev documents end to end with CC-CEDICT, dictionary
//! loading and jieba start-up included. The last two are skipped with a
//! notice when ../shared is absent.

use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::Pipeline;
use termalign::align::{Aligner, SentenceFeatures, Side};
use termalign::align::{IDENTITY, Word};
use termalign::glossary::Glossary;
use termalign::lexicon::Dictionary;
use termalign::segment::preseg;

/// Deterministic pseudo-random sides: an English side translating the
/// Chinese one with merges, splits and an occasional insertion.
fn synthetic(n: usize) -> (Side, Side) {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rnd = move |k: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % k
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for _ in 0..n {
        let chars = 10 + rnd(60) as usize;
        let mut words: Vec<Word> = (0..6)
            .map(|_| Word {
                key: rnd(5000),
                entry: IDENTITY,
            })
            .collect();
        words.sort();
        words.dedup_by_key(|w| w.key);
        let f = SentenceFeatures {
            chars,
            words: words.clone(),
            ..Default::default()
        };
        match rnd(10) {
            0 => {
                // Split in two on the English side.
                for half in words.chunks(3) {
                    en.push(SentenceFeatures {
                        chars: chars * 3 / 2,
                        words: half.to_vec(),
                        ..Default::default()
                    });
                }
            }
            1 => en.push(SentenceFeatures {
                chars: 40,
                ..Default::default()
            }),
            _ => en.push(SentenceFeatures {
                chars: chars * 3,
                words,
                ..Default::default()
            }),
        }
        zh.push(f);
    }
    (Side { sentences: zh }, Side { sentences: en })
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("NOTICE: skipping: {} is absent", p.display());
        None
    }
}

fn bench(c: &mut Criterion) {
    let aligner = Aligner::default();
    let mut g = c.benchmark_group("dp");
    for n in [300, 3000] {
        let (zh, en) = synthetic(n);
        g.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
        g.bench_function(format!("synthetic_{n}"), |b| {
            b.iter(|| aligner.align(&zh, &en))
        });
    }
    g.finish();

    // One long pair: cut into pieces at confident points of a guide path,
    // pieces aligned in parallel. Time per sentence should stay flat.
    let mut g = c.benchmark_group("long");
    g.sample_size(10);
    for n in [5_000, 20_000] {
        let (zh, en) = synthetic(n);
        g.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
        g.bench_function(format!("synthetic_{n}"), |b| {
            b.iter(|| aligner.align(&zh, &en))
        });
    }
    if let Some(root) = shared("align/mac-dev") {
        // MAC-Dev's six chapters as one presegmented pair (1,463 × 1,951),
        // no dictionary, features included.
        let cat = |side: &str| -> String {
            ["001", "002", "003", "004", "005", "006"]
                .iter()
                .map(|id| std::fs::read_to_string(root.join(format!("{side}/{id}.txt"))).unwrap())
                .collect()
        };
        let (zh, en) = (cat("zh"), cat("en"));
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        p.tokenizer();
        g.throughput(Throughput::Elements(
            (zh.lines().count() + en.lines().count()) as u64,
        ));
        g.bench_function("mac_dev_concatenated", |b| {
            b.iter(|| bead_count(&p, &zh, &en))
        });
        // The same with the built-in lexicon, as `termalign align` runs.
        let p = p.with_dictionary(Arc::new(Dictionary::builtin()));
        g.bench_function("mac_dev_concatenated_builtin", |b| {
            b.iter(|| bead_count(&p, &zh, &en))
        });
    }
    g.finish();

    // The six MAC-Dev documents one by one with the built-in lexicon (the
    // default run): compare with `mac_dev/six_docs_with_cedict_warm`.
    if let Some(root) = shared("align/mac-dev") {
        let docs = mac_dev_docs(&root);
        let mut g = c.benchmark_group("mac_dev_builtin");
        g.sample_size(10);
        let p = builtin_pipeline();
        p.tokenizer();
        g.bench_function("six_docs_warm", |b| b.iter(|| align_all(&p, &docs)));
        // As `mac_dev/six_docs_with_cedict_cold`: the pipeline and its
        // lexicon built each time (jieba's dictionary stays loaded, as it
        // does there).
        g.bench_function("six_docs_cold", |b| {
            b.iter(|| align_all(&builtin_pipeline(), &docs))
        });
        g.finish();
    }

    let Some(cedict) = shared("dict/cedict_ts.u8.gz") else {
        return;
    };
    let mut g = c.benchmark_group("dict");
    g.sample_size(10);
    g.bench_function("load_cedict_gz", |b| {
        b.iter(|| Dictionary::load(&[&cedict]).unwrap())
    });
    g.finish();

    let Some(root) = shared("align/mac-dev") else {
        return;
    };
    let docs = mac_dev_docs(&root);
    let mut g = c.benchmark_group("mac_dev");
    g.sample_size(10);
    g.bench_function("six_docs_with_cedict_cold", |b| {
        b.iter(|| {
            let d = Dictionary::load(&[&cedict]).unwrap();
            let p = Pipeline::new(Glossary::builtin(), Aligner::default())
                .unwrap()
                .with_dictionary(Arc::new(d));
            align_all(&p, &docs)
        })
    });
    let d = Arc::new(Dictionary::load(&[&cedict]).unwrap());
    let p = Pipeline::new(Glossary::builtin(), Aligner::default())
        .unwrap()
        .with_dictionary(d);
    p.tokenizer();
    g.bench_function("six_docs_with_cedict_warm", |b| {
        b.iter(|| align_all(&p, &docs))
    });
    g.finish();
}

/// The default run's pipeline: built-in glossary and lexicon.
fn builtin_pipeline() -> Pipeline {
    Pipeline::new(Glossary::builtin(), Aligner::default())
        .unwrap()
        .with_dictionary(Arc::new(Dictionary::builtin()))
}

/// Align one presegmented pair; the number of beads.
fn bead_count(p: &Pipeline, zh: &str, en: &str) -> usize {
    p.align_segments(preseg::segments(zh), preseg::segments(en))
        .alignment
        .beads
        .len()
}

/// Align each document pair; the number of beads.
fn align_all(p: &Pipeline, docs: &[(String, String)]) -> usize {
    docs.iter().map(|(zh, en)| bead_count(p, zh, en)).sum()
}

/// MAC-Dev's six documents as (zh, en) texts.
fn mac_dev_docs(root: &std::path::Path) -> Vec<(String, String)> {
    ["001", "002", "003", "004", "005", "006"]
        .iter()
        .map(|id| {
            let r = |side: &str| {
                std::fs::read_to_string(root.join(format!("{side}/{id}.txt"))).unwrap()
            };
            (r("zh"), r("en"))
        })
        .collect()
}

criterion_group!(benches, bench);
criterion_main!(benches);
