//! Align the MAC-Dev set (../shared/align/mac-dev) and print strict and
//! lax scores with timings: `cargo run --release --example macdev -- [DICT]...`
//! (`MACDEV_BUILTIN=1` adds the built-in lexicon under the DICT files).
//! `MACDEV_REPEAT=N` concatenates the six documents N times into one pair
//! (for peak-memory measurements with `/usr/bin/time -v`).

use std::sync::Arc;
use std::time::Instant;

use termalign::Pipeline;
use termalign::align::eval::{Counts, IndexBead, parse_beads};
use termalign::glossary::Glossary;
use termalign::lexicon::Dictionary;
use termalign::segment::preseg;

fn main() {
    let t0 = Instant::now();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/align/mac-dev");
    let dicts: Vec<String> = std::env::args().skip(1).collect();
    let mut params = termalign::align::ScoreParams::default();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("TA_LEX") {
        params.lexical_weight = v;
    }
    if let Some(v) = env("TA_LEN") {
        params.length_weight = v;
    }
    if let Some(v) = env("TA_SIZE") {
        params.size_exponent = v;
    }
    if let Some(v) = env("TA_EM") {
        params.estimate_priors = v > 0.0;
    }
    if let Some(v) = env("TA_STRENGTH") {
        params.prior_strength = v;
    }
    if let Some(v) = env("TA_VAR") {
        params.length_variance = v;
    }
    if let Some(v) = env("TA_ORPHAN") {
        params.orphan_discount = v;
    }
    if let Some(v) = env("TA_ORPHAN_PEN") {
        params.orphan_penalty = v;
    }
    if let Some(v) = env("TA_QUOTE") {
        params.quote_weight = v;
    }
    if let Some(v) = env("TA_NUM") {
        params.number_weight = v;
    }
    if let Some(v) = env("TA_BAND") {
        params.band = v as usize;
    }
    if let Some(v) = env("TA_MAX_BEAD") {
        params = params.max_bead(v as usize);
    }
    let aligner = termalign::align::AlignerBuilder::new()
        .params(params)
        .build()
        .unwrap();
    let mut pipeline = Pipeline::new(Glossary::builtin(), aligner).unwrap();
    // MACDEV_BUILTIN=1: the built-in lexicon, plus any DICT files.
    let builtin = std::env::var("MACDEV_BUILTIN").is_ok_and(|v| v == "1");
    if !dicts.is_empty() || builtin {
        let d = if builtin {
            Dictionary::builtin().with_files(&dicts)
        } else {
            Dictionary::load(&dicts)
        }
        .expect("dictionary");
        eprintln!("dictionary: {} headwords in {:?}", d.len(), t0.elapsed());
        pipeline = pipeline.with_dictionary(Arc::new(d));
        if std::env::var_os("MACDEV_DICT_ONLY").is_some() {
            return;
        }
    }
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).expect("read");
    let ids = ["001", "002", "003", "004", "005", "006"];
    let repeat: usize = std::env::var("MACDEV_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if repeat > 0 {
        let mut zh = String::new();
        let mut en = String::new();
        for _ in 0..repeat {
            for id in ids {
                zh.push_str(&read(root.join(format!("zh/{id}.txt"))));
                en.push_str(&read(root.join(format!("en/{id}.txt"))));
            }
        }
        let (zs, es) = (preseg::segments(&zh), preseg::segments(&en));
        eprintln!("one pair of {} x {} sentences", zs.len(), es.len());
        let t = Instant::now();
        let doc = pipeline.align_segments(zs, es);
        eprintln!(
            "aligned into {} beads in {:?}",
            doc.alignment.beads.len(),
            t.elapsed()
        );
        return;
    }
    let docs: Vec<_> = ids
        .iter()
        .map(|id| {
            (
                preseg::segments(&read(root.join(format!("zh/{id}.txt")))),
                preseg::segments(&read(root.join(format!("en/{id}.txt")))),
            )
        })
        .collect();
    let t = Instant::now();
    pipeline.tokenizer();
    eprintln!("jieba: {:?}", t.elapsed());
    let t = Instant::now();
    let sides: Vec<_> = docs
        .iter()
        .map(|(z, e)| {
            (
                pipeline.side(z, termalign::Lang::Zh),
                pipeline.side(e, termalign::Lang::En),
            )
        })
        .collect();
    eprintln!("features: {:?}", t.elapsed());
    let t = Instant::now();
    for (z, e) in &sides {
        pipeline.aligner().align_with(
            z,
            e,
            termalign::align::Resources {
                dict: pipeline.dictionary(),
            },
        );
    }
    eprintln!("dp: {:?}", t.elapsed());
    let t = Instant::now();
    let aligned: Vec<_> = docs
        .into_iter()
        .map(|(zh, en)| pipeline.align_segments(zh, en))
        .collect();
    let align_time = t.elapsed();
    let mut all = Counts::default();
    let mut by_kind: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    for (id, doc) in ids.iter().zip(&aligned) {
        let gold = parse_beads(&read(root.join(format!("gold/{id}.tsv"))), id).unwrap();
        let pred: Vec<IndexBead> = doc
            .alignment
            .beads
            .iter()
            .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
            .collect();
        if let Ok(dir) = std::env::var("MACDEV_DUMP") {
            let text: String = pred
                .iter()
                .map(|(a, b)| {
                    let j = |v: &Vec<usize>| {
                        v.iter()
                            .map(|x| x.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    };
                    format!("{}\t{}\n", j(a), j(b))
                })
                .collect();
            std::fs::write(format!("{dir}/{id}.tsv"), text).unwrap();
        }
        let mut c = Counts::default();
        c.add(&gold, &pred);
        all.add(&gold, &pred);
        eprintln!("{id}: strict F1 {:.4}", c.scores().strict.f1);
        for g in &gold {
            let k = format!("{}-{}", g.0.len(), g.1.len());
            let e = by_kind.entry(k).or_default();
            e.0 += 1;
            if pred.contains(g) {
                e.1 += 1;
            }
        }
        for p in &pred {
            let k = format!("{}-{}", p.0.len(), p.1.len());
            by_kind.entry(k).or_default().2 += 1;
        }
        if std::env::var("MACDEV_CONF").is_ok() {
            for b in &doc.alignment.beads {
                let ib: IndexBead = (b.zh.clone().collect(), b.en.clone().collect());
                println!("{:.4}\t{}", b.confidence, u8::from(gold.contains(&ib)));
            }
        }
    }
    for (k, (g, hit, p)) in &by_kind {
        eprintln!("  {k}: gold {g} found {hit} predicted {p}");
    }
    eprintln!("{}", all.scores());
    eprintln!("align {:?}, total {:?}", align_time, t0.elapsed());
}
