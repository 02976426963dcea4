//! The built-in CC-CEDICT lexicon: opening it (what every run pays at
//! start-up), and opening it plus looking up every jieba word of the seed
//! release, which parses and stems the glosses of the entries one document
//! touches (each entry once per process), and raw table probes for every
//! substring of the seed's words up to 8 characters (mostly misses, as in
//! `split_longest`). Compare `cargo bench --bench align
//! -- dict` for loading CC-CEDICT from a `--dict` file.

use criterion::{Criterion, criterion_group, criterion_main};
use termalign::lexicon::{BuiltinLexicon, Dictionary, ZhTokenizer};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("builtin_dict");
    g.bench_function("open", |b| b.iter(Dictionary::builtin));

    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sco/zh.txt"),
    )
    .expect("seed");
    let tok = ZhTokenizer::new(std::iter::empty::<&str>());
    let words: Vec<String> = tok.words(&seed).into_iter().map(str::to_string).collect();
    g.bench_function("open_and_look_up_seed_words", |b| {
        b.iter(|| {
            let d = Dictionary::builtin();
            let mut n = 0usize;
            for w in &words {
                n += match d.lookup(w) {
                    Some(id) => d.entry(id).len(),
                    None => d.split_longest(w).len(),
                };
            }
            n
        })
    });
    let mut subs: Vec<&str> = Vec::new();
    for w in &words {
        let b: Vec<usize> = w.char_indices().map(|(i, _)| i).chain([w.len()]).collect();
        for i in 0..b.len() {
            for j in i + 1..b.len().min(i + 9) {
                subs.push(&w[b[i]..b[j]]);
            }
        }
    }
    let lex = BuiltinLexicon::get();
    g.throughput(criterion::Throughput::Elements(subs.len() as u64));
    g.bench_function("probe_seed_substrings", |b| {
        b.iter(|| subs.iter().filter(|s| lex.id(s).is_some()).count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
