//! Matching throughput with a 10,000-term glossary on Chinese and English
//! news text (MB/s), and the cost of building the matcher.
//!
//! The glossary is the shipped one plus synthetic-but-realistic entries:
//! CC-CEDICT words of 3–8 Han characters with their first English gloss
//! when `../shared` is present, otherwise terms generated from a fixed
//! syllable and word list. Both are deterministic. The texts are the seed
//! release and our English version, repeated to about 1 MB each, and the
//! release in Hong Kong script (matched script-folded).

use std::io::Read;

#[path = "support/cpu.rs"]
mod cpu;

use cpu::cpu_throughput;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::glossary::{Glossary, TermMatcher};

const TERMS: usize = 10_000;
const TEXT_BYTES: usize = 1 << 20;

fn fixture(rel: &str) -> String {
    let p = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// (zh, en) pairs from CC-CEDICT: every word of 3–8 Han characters whose
/// first gloss is plain English words, in file order.
fn cedict_terms() -> Option<Vec<(String, String)>> {
    let path = format!(
        "{}/../shared/dict/cedict_ts.u8.gz",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = std::fs::File::open(path).ok()?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .ok()?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.splitn(3, ' ');
        let (_, Some(simp), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let n = simp.chars().count();
        if !(3..=8).contains(&n) || !simp.chars().all(termalign::lang::is_han) {
            continue;
        }
        let Some(gloss) = rest.split('/').nth(1) else {
            continue;
        };
        let gloss = gloss.split(';').next().unwrap_or("").trim();
        let words = gloss.split(' ').count();
        if gloss.is_empty()
            || words > 6
            || !gloss
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
        {
            continue;
        }
        out.push((simp.to_string(), gloss.to_string()));
    }
    Some(out)
}

/// Deterministic stand-ins when CC-CEDICT is absent.
fn generated_terms() -> Vec<(String, String)> {
    let han: Vec<char> = "国际合作发展安全经济组织会议中心委员政府全球区域人民建设改革开放创新科技能源贸易投资金融文化交流和平稳定战略伙伴关系"
        .chars()
        .collect();
    let words = [
        "international",
        "cooperation",
        "development",
        "security",
        "economic",
        "organization",
        "council",
        "center",
        "committee",
        "government",
        "global",
        "regional",
        "people",
        "construction",
        "reform",
        "opening",
        "innovation",
        "technology",
        "energy",
        "trade",
        "investment",
        "finance",
        "culture",
        "exchange",
        "peace",
        "stability",
        "strategic",
        "partnership",
    ];
    let mut seed: u64 = 0x2024_0704;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    (0..TERMS)
        .map(|_| {
            let n = 3 + next() % 6;
            let zh: String = (0..n).map(|_| han[next() % han.len()]).collect();
            let k = 1 + next() % 4;
            let en: Vec<&str> = (0..k).map(|_| words[next() % words.len()]).collect();
            (zh, en.join(" "))
        })
        .collect()
}

fn big_glossary() -> (Glossary, &'static str) {
    let mut g = Glossary::builtin();
    let (extra, source) = match cedict_terms() {
        Some(t) => (t, "CC-CEDICT"),
        None => (generated_terms(), "generated"),
    };
    let mut csv = String::from("zh,en,type\n");
    let mut added = 0;
    for (zh, en) in extra {
        if g.len() + added >= TERMS {
            break;
        }
        if g.find_zh(&zh).is_some() || csv.contains(&format!("\n{zh},")) {
            continue;
        }
        csv.push_str(&format!("{zh},{},term\n", csv_field(&en)));
        added += 1;
    }
    let extra = Glossary::from_csv_str(&csv, source).expect("synthetic glossary");
    g.overlay(extra);
    assert_eq!(g.len(), TERMS, "{source} gave too few terms");
    (g, source)
}

fn repeat_to(text: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + text.len());
    while s.len() < bytes {
        s.push_str(text);
        s.push('\n');
    }
    s
}

fn bench(c: &mut Criterion) {
    let (g, source) = big_glossary();
    eprintln!("glossary: {} entries (built-in + {source})", g.len());
    let m = TermMatcher::new(&g).unwrap();
    let zh = repeat_to(&fixture("tests/data/sco/zh.txt"), TEXT_BYTES);
    let en = repeat_to(&fixture("tests/data/sco/en.txt"), TEXT_BYTES);
    // The seed in Hong Kong script: a third of its chars fold to the
    // simplified glossary's (the folded text is a copy).
    let hk = repeat_to(&fixture("tests/data/trad/sco.hk.zh.txt"), TEXT_BYTES);
    eprintln!(
        "hits per MB: zh {}, en {}",
        m.find_zh(&zh).len() * TEXT_BYTES / zh.len(),
        m.find_en(&en).len() * TEXT_BYTES / en.len()
    );
    let mut group = c.benchmark_group("glossary_match_10k");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(zh.len() as u64));
    group.bench_function("zh", |b| b.iter(|| m.find_zh(&zh)));
    group.throughput(Throughput::Bytes(hk.len() as u64));
    group.bench_function("zh_hk", |b| b.iter(|| m.find_zh(&hk)));
    group.throughput(Throughput::Bytes(en.len() as u64));
    group.bench_function("en", |b| b.iter(|| m.find_en(&en)));
    group.finish();
    // The machine is shared: wall-clock figures above depend on the load;
    // these count this thread's CPU time only (MB per CPU second = per core).
    cpu_throughput("glossary_match_10k/zh", "hits", zh.len(), 2.0, || {
        m.find_zh(&zh).len()
    });
    cpu_throughput("glossary_match_10k/zh_hk", "hits", hk.len(), 2.0, || {
        m.find_zh(&hk).len()
    });
    cpu_throughput("glossary_match_10k/en", "hits", en.len(), 2.0, || {
        m.find_en(&en).len()
    });
    let mut group = c.benchmark_group("glossary_build_10k");
    group.sample_size(10);
    group.bench_function("matcher", |b| b.iter(|| TermMatcher::new(&g).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
