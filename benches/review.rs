//! `termalign review` page generation: the time to build and render the
//! page for a 20,000-bead batch (the SCO sample pair aligned once and
//! added 357 times, checked as one run), and the page's size per bead.
//! Time to interactive in the browser is measured by
//! tests/browser/test_review.py, not here.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::Pipeline;
use termalign::align::Aligner;
use termalign::check::CheckOptions;
use termalign::glossary::Glossary;
use termalign::review::{PageBuilder, PageOptions};

fn bench(c: &mut Criterion) {
    let root = env!("CARGO_MANIFEST_DIR");
    let zh = std::fs::read_to_string(format!("{root}/tests/data/sco/zh.txt")).unwrap();
    let en = std::fs::read_to_string(format!("{root}/tests/data/sco/en.txt")).unwrap();
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let doc = p.align_texts(&zh, &en);
    let copies = 20_000usize.div_ceil(doc.alignment.beads.len());
    let beads = copies * doc.alignment.beads.len();
    let build = || {
        let mut page = PageBuilder::new(&p, PageOptions::default());
        for i in 0..copies {
            page.add_aligned(&format!("doc{i}"), &doc);
        }
        page
    };
    let mut page = build();
    page.check(CheckOptions::default(), None).unwrap();
    let html = page.render();
    eprintln!(
        "review page: {beads} beads, {} bytes ({} bytes per bead)",
        html.len(),
        html.len() / beads
    );
    let mut g = c.benchmark_group("review_page_20k_beads");
    g.sample_size(10);
    g.throughput(Throughput::Elements(beads as u64));
    g.bench_function("render", |b| b.iter(|| page.render().len()));
    g.bench_function("build_check_render", |b| {
        b.iter(|| {
            let mut page = build();
            page.check(CheckOptions::default(), None).unwrap();
            page.render().len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
