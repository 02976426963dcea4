//! End-to-end throughput on the seed release: segmentation of each side and
//! the whole align pipeline (segment + match + align + units).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::align::Aligner;
use termalign::glossary::Glossary;
use termalign::{Lang, Pipeline};

fn seed(lang: &str) -> String {
    let p = format!("{}/tests/data/sco/{lang}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(p).expect("fixture")
}

fn bench(c: &mut Criterion) {
    let (zh, en) = (seed("zh"), seed("en"));
    let pipeline = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes((zh.len() + en.len()) as u64));
    g.bench_function("align_seed_pair", |b| {
        b.iter(|| {
            let doc = pipeline.align_texts(&zh, &en);
            pipeline.units(&doc, "sco")
        })
    });
    // With the built-in lexicon, as `termalign align` runs by default
    // (warm: jieba and the lexicon loaded once, outside the loop).
    let with_lexicon = Pipeline::new(Glossary::builtin(), Aligner::default())
        .unwrap()
        .with_dictionary(std::sync::Arc::new(
            termalign::lexicon::Dictionary::builtin(),
        ));
    with_lexicon.tokenizer();
    g.bench_function("align_seed_pair_builtin_lexicon", |b| {
        b.iter(|| {
            let doc = with_lexicon.align_texts(&zh, &en);
            with_lexicon.units(&doc, "sco")
        })
    });
    g.finish();
    let mut g = c.benchmark_group("segment_seed");
    for (lang, text) in [(Lang::Zh, &zh), (Lang::En, &en)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(lang.to_string(), |b| {
            b.iter(|| pipeline.segmenter(lang).segment(text))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
