//! Batch throughput: a generated corpus of document pairs (real sentences,
//! see benches/gen_corpus) aligned through the same bounded ordered
//! pipeline as `termalign align --zh-dir … --en-dir …` (built-in lexicon
//! on), at 1 and 2 threads, in sentences per second.

#[path = "gen_corpus/corpus.rs"]
mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::Pipeline;
use termalign::align::Aligner;
use termalign::batch::{self, Flow, ReadOptions};
use termalign::glossary::Glossary;
use termalign::tm::{CsvWriter, TmWriter};

const PAIRS: usize = 60;

fn bench(c: &mut Criterion) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mac = root.join("../shared/align/mac-dev");
    let sources = corpus::sources(&root, Some(&mac));
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write(dir.path(), PAIRS, &sources, 42, false, false);
    let zh = batch::walk(&dir.path().join("zh"), &[]).unwrap();
    let en = batch::walk(&dir.path().join("en"), &[]).unwrap();
    let plan = batch::plan::by_name(&zh, &en);
    // With the built-in lexicon, as `termalign align` runs by default.
    let pipeline = Pipeline::new(Glossary::builtin(), Aligner::default())
        .unwrap()
        .with_dictionary(std::sync::Arc::new(
            termalign::lexicon::Dictionary::builtin(),
        ));
    let read = ReadOptions::default();
    let run = |pool: &rayon::ThreadPool| -> usize {
        let mut w = CsvWriter::new(std::io::sink());
        let mut sentences = 0;
        batch::ordered_map(
            pool,
            pool.current_num_threads() * 4,
            plan.jobs.clone().into_iter(),
            |_, job| batch::process(&pipeline, &job, &read),
            |_, r| {
                for a in r.expect("no panic").expect("readable").articles {
                    sentences += a.zh_sentences + a.en_sentences;
                    for u in &a.units {
                        w.write_unit(u)?;
                    }
                }
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        w.finish().unwrap();
        sentences
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let sentences = run(&one);
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(sentences as u64));
    g.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_function(format!("{PAIRS}_pairs_j{threads}"), |b| {
            b.iter(|| run(&pool))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
