//! Segmentation throughput (bytes of input per second), Chinese and English,
//! with the built-in glossary protected as in `termalign segment`:
//! - `seed`: the seed release as it is (8.7 KB zh, 12.3 KB en);
//! - `seed_x64`: the seed repeated 64 times (0.5–0.8 MB, many articles);
//! - `one_paragraph`: the seed's sentences run together into one paragraph,
//!   at 8× and 64× its length. Equal throughput at both sizes shows the
//!   rules stay linear on long paragraphs (no rescans).
//!
//! The machine is shared, so besides criterion's wall-clock figures each
//! input's throughput per CPU second of this thread (= per core) is printed
//! to stderr: `segment/zh/seed_x64: 250 MiB per CPU second`.

#[path = "support/cpu.rs"]
mod cpu;

use cpu::cpu_throughput;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::Lang;
use termalign::glossary::Glossary;
use termalign::segment::Segmenter;

fn seed(name: &str) -> String {
    let p = format!("{}/tests/data/sco/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(p).expect("fixture")
}

fn segmenter(lang: Lang, glossary: &Glossary) -> Segmenter {
    let terms: Vec<String> = match lang {
        Lang::Zh => glossary.entries().iter().map(|e| e.zh.clone()).collect(),
        Lang::En => glossary
            .entries()
            .iter()
            .flat_map(|e| e.accepted().map(String::from).collect::<Vec<_>>())
            .collect(),
    };
    Segmenter::new(lang).with_protected_terms(terms)
}

fn bench(c: &mut Criterion) {
    let glossary = Glossary::builtin();
    let mut g = c.benchmark_group("segment");
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let seg = segmenter(lang, &glossary);
        let text = seed(&format!("{name}.txt"));
        let sep = if lang == Lang::Zh { "" } else { " " };
        let sentences: Vec<String> = seed(&format!("{name}.sents.txt"))
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let paragraph = sentences.join(sep);
        let inputs = [
            ("seed", text.clone()),
            ("seed_x64", [text.as_str(); 64].join("\n\n")),
            ("one_paragraph_x8", [paragraph.as_str(); 8].join(sep)),
            ("one_paragraph_x64", [paragraph.as_str(); 64].join(sep)),
        ];
        for (what, input) in inputs {
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_function(format!("{name}/{what}"), |b| b.iter(|| seg.segment(&input)));
            cpu_throughput(
                &format!("segment/{name}/{what}"),
                "segments",
                input.len(),
                1.0,
                || seg.segment(&input).len(),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
