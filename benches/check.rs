//! `termalign check` throughput: units checked per second with a
//! 5,000-term glossary (the built-in 803 entries plus synthetic ones), on
//! one core and on all cores (rayon across units, findings in input order).
//!
//! The TM is the SCO sample's aligned pairs, repeated to 5,500 units, plus
//! synthetic units that use synthetic terms (half rendered correctly, a
//! quarter miscased, a quarter missing, so the near-miss search runs too).
//!
//! Two groups: `check_5000_terms` in wall time (criterion's default), and
//! `check_5000_terms_cpu` in CPU time of the process (the sum over its
//! threads, from /proc), which stays meaningful when other jobs share the
//! cores: on one core, units per CPU-second is the throughput the machine
//! would give with the core to itself.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termalign::Pipeline;
use termalign::align::Aligner;
use termalign::check::{CheckOptions, Checker};
use termalign::glossary::Glossary;
use termalign::tm::ReadUnit;

/// A small deterministic generator (xorshift), so every run checks the
/// same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const HAN: &str =
    "国际合作发展和平安全经济贸易文化科技创新绿色能源数字交通农业卫生教育金融投资基础设施海洋";
const WORDS: [&str; 24] = [
    "alpha", "bravo", "delta", "harbor", "meridian", "summit", "pioneer", "corridor", "network",
    "horizon", "compass", "frontier", "beacon", "gateway", "lattice", "orchard", "quarry",
    "citadel", "estuary", "plateau", "savanna", "tundra", "glacier", "canyon",
];

fn glossary(n: usize) -> (Glossary, Vec<(String, String)>) {
    let mut g = Glossary::builtin();
    let han: Vec<char> = HAN.chars().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut csv = String::from("zh,en,type\n");
    let mut terms = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while g.len() + terms.len() < n {
        let len = 4 + (rng.next() % 3) as usize;
        let zh: String = (0..len)
            .map(|_| han[(rng.next() % han.len() as u64) as usize])
            .collect();
        if !seen.insert(zh.clone()) || g.find_zh(&zh).is_some() {
            continue;
        }
        let en = format!(
            "{} {} {}",
            capitalize(rng.pick(&WORDS)),
            capitalize(rng.pick(&WORDS)),
            capitalize(rng.pick(&WORDS))
        );
        csv.push_str(&format!("{zh},{en},term\n"));
        terms.push((zh, en));
    }
    g.merge(Glossary::from_csv_str(&csv, "synthetic.csv").expect("valid"))
        .expect("no conflicts");
    (g, terms)
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn units(terms: &[(String, String)], n: usize) -> Vec<ReadUnit> {
    let root = env!("CARGO_MANIFEST_DIR");
    let zh = std::fs::read_to_string(format!("{root}/tests/data/sco/zh.txt")).expect("fixture");
    let en = std::fs::read_to_string(format!("{root}/tests/data/sco/en.txt")).expect("fixture");
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let doc = p.align_texts(&zh, &en);
    let pairs: Vec<(String, String)> = p
        .units(&doc, "sco")
        .into_iter()
        .filter(|u| u.is_pair())
        .map(|u| (u.zh, u.en))
        .collect();
    let mut rng = Rng(42);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let i = out.len();
        let (source, target) = if i % 5 == 4 {
            // A synthetic unit around a synthetic term.
            let (zh, en) = &terms[(rng.next() % terms.len() as u64) as usize];
            let rendered = match rng.next() % 4 {
                0 | 1 => en.clone(),
                2 => en.to_lowercase(),
                _ => "the project".to_string(),
            };
            (
                format!("各方同意推进{zh}建设，并加强协调。"),
                format!("All parties agreed to advance {rendered} and strengthen coordination."),
            )
        } else {
            pairs[i % pairs.len()].clone()
        };
        out.push(ReadUnit {
            number: i + 1,
            file: "bench.tmx".into(),
            line: 5 + 11 * i as u64,
            source,
            target,
            ..ReadUnit::default()
        });
    }
    out
}

/// CPU time of this process in nanoseconds: the sum of its threads' run
/// time from /proc/self/task/*/schedstat (Linux).
fn process_cpu_ns() -> u64 {
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    dir.filter_map(|t| t.ok())
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Criterion measurement: process CPU time.
struct CpuTime;

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        process_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        process_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns cpu")
        } else if ns < 1e6 {
            (1e-3, "µs cpu")
        } else if ns < 1e9 {
            (1e-6, "ms cpu")
        } else {
            (1e-9, "s cpu")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(&self, typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let n = match *t {
            Throughput::Elements(n) | Throughput::ElementsAndBytes { elements: n, .. } => n,
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) | Throughput::Bits(n) => n,
        } as f64;
        let (factor, unit) = if n * 1e9 / typical < 1e3 {
            (1.0, "elem/cpu-s")
        } else {
            (1e-3, "Kelem/cpu-s")
        };
        values.iter_mut().for_each(|v| *v = n * 1e9 / *v * factor);
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn bench(c: &mut Criterion) {
    run(c, "check_5000_terms");
}

fn bench_cpu(c: &mut Criterion<CpuTime>) {
    run(c, "check_5000_terms_cpu");
}

fn run<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let (glossary, terms) = glossary(5000);
    assert_eq!(glossary.len(), 5000);
    let units = units(&terms, 5500);
    let checker = Checker::new(glossary, CheckOptions::default()).unwrap();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(units.len() as u64));
    g.bench_function("one_core", |b| {
        b.iter(|| one.install(|| checker.check(&units).expect("valid waivers")))
    });
    g.bench_function("all_cores", |b| {
        b.iter(|| checker.check(&units).expect("valid waivers"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = benches_cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench_cpu
}
criterion_main!(benches, benches_cpu);
