//! Translation-memory throughput, in units per second: TMX writing (aim:
//! at least 500k units/s), TMX reading, CSV writing. Units are the seed
//! pair's real beads, repeated.
//!
//! cargo bench --bench tm -- --warm-up-time 1 --measurement-time 3

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::tm::read::read_tmx;
use termalign::tm::{CsvWriter, TmWriter, TmxHeader, TmxWriter, TranslationUnit};
use termalign::{Pipeline, align::Aligner, glossary::Glossary};

const N: usize = 10_000;

fn units() -> Vec<TranslationUnit> {
    let root = env!("CARGO_MANIFEST_DIR");
    let zh = std::fs::read_to_string(format!("{root}/tests/data/sco/zh.txt")).unwrap();
    let en = std::fs::read_to_string(format!("{root}/tests/data/sco/en.txt")).unwrap();
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let doc = p.align_texts(&zh, &en);
    let seed: Vec<TranslationUnit> = p
        .units(&doc, "sco-2024-07-04")
        .into_iter()
        .filter(TranslationUnit::is_pair)
        .collect();
    seed.iter().cycle().take(N).cloned().collect()
}

fn header() -> TmxHeader {
    TmxHeader {
        src_lang: "zh-CN".into(),
        tgt_lang: "en-US".into(),
        creation_date: "20240704T000000Z".into(),
    }
}

fn tmx_bytes(units: &[TranslationUnit]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = TmxWriter::new(&mut out, header());
    for u in units {
        w.write_unit(u).unwrap();
    }
    w.finish().unwrap();
    drop(w);
    out
}

fn bench(c: &mut Criterion) {
    let units = units();
    // Leaked so the reader borrows it for 'static without a copy per run.
    let bytes: &'static [u8] = Box::leak(tmx_bytes(&units).into_boxed_slice());
    let mut g = c.benchmark_group("tm");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("tmx_write", |b| {
        b.iter(|| {
            let mut w = TmxWriter::new(std::io::sink(), header());
            for u in &units {
                w.write_unit(u).unwrap();
            }
            w.finish().unwrap();
            w.written()
        })
    });
    g.bench_function("tmx_read", |b| {
        b.iter(|| {
            read_tmx(bytes, "bench.tmx", None)
                .map(|u| u.unwrap().source.len())
                .sum::<usize>()
        })
    });
    g.bench_function("csv_write", |b| {
        b.iter(|| {
            let mut w = CsvWriter::new(std::io::sink());
            for u in &units {
                w.write_unit(u).unwrap();
            }
            w.finish().unwrap();
            w.written()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
