//! Benchmark corpora built from real sentence pairs: the gold beads of the
//! SCO fixture (tests/data/sco) and, when present, of MAC-Dev
//! (../shared/align/mac-dev). A document is a window of consecutive gold
//! beads from one source, written as paragraphs of running text (so the
//! batch segments it again); sizes and sources are drawn by a seeded
//! generator, so the same N gives the same corpus.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// One bead: Chinese sentences and English sentences.
pub type Bead = (Vec<String>, Vec<String>);

/// A deterministic xorshift generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

fn beads(zh: &Path, en: &Path, gold: &Path) -> Vec<Bead> {
    let (zs, es) = (lines(zh), lines(en));
    let idx = |s: &str| -> Vec<usize> {
        s.split(',')
            .filter(|x| !x.trim().is_empty())
            .map(|x| x.trim().parse().expect("index"))
            .collect()
    };
    std::fs::read_to_string(gold)
        .expect("gold")
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (z, e) = l.split_once('\t').unwrap_or((l, ""));
            (
                idx(z).into_iter().map(|i| zs[i].clone()).collect(),
                idx(e).into_iter().map(|i| es[i].clone()).collect(),
            )
        })
        .collect()
}

/// The source documents: SCO, and MAC-Dev's six chapters when `mac` exists.
pub fn sources(root: &Path, mac: Option<&Path>) -> Vec<Vec<Bead>> {
    let sco = root.join("tests/data/sco");
    let mut out = vec![beads(
        &sco.join("zh.sents.txt"),
        &sco.join("en.sents.txt"),
        &sco.join("gold.tsv"),
    )];
    if let Some(mac) = mac.filter(|m| m.exists()) {
        for id in ["001", "002", "003", "004", "005", "006"] {
            out.push(beads(
                &mac.join(format!("zh/{id}.txt")),
                &mac.join(format!("en/{id}.txt")),
                &mac.join(format!("gold/{id}.tsv")),
            ));
        }
    }
    out
}

/// One generated pair: Chinese text, English text, sentence counts.
pub struct Doc {
    pub zh: String,
    pub en: String,
    pub sentences: usize,
}

/// A document of 8–40 consecutive beads of one source.
pub fn document(sources: &[Vec<Bead>], rng: &mut Rng) -> Doc {
    let src = &sources[rng.below(sources.len())];
    let len = (8 + rng.below(33)).min(src.len());
    let start = rng.below(src.len() - len + 1);
    render(&src[start..start + len])
}

/// Beads as running text, three beads to a paragraph.
pub fn render(beads: &[Bead]) -> Doc {
    let (mut zh, mut en, mut sentences) = (String::new(), String::new(), 0);
    for (k, (z, e)) in beads.iter().enumerate() {
        if k > 0 && k % 3 == 0 {
            zh.push_str("\n\n");
            en.push_str("\n\n");
        }
        for s in z {
            zh.push_str(s);
        }
        for s in e {
            if !en.is_empty() && !en.ends_with('\n') {
                en.push(' ');
            }
            en.push_str(s);
        }
        sentences += z.len() + e.len();
    }
    zh.push('\n');
    en.push('\n');
    Doc { zh, en, sentences }
}

/// Documents of 8–24 beads cut one after another from the sources, so no
/// two share a sentence while the sources last (distinct articles, as in a
/// real archive); then the cutting starts over.
pub fn disjoint(sources: &[Vec<Bead>], n: usize, rng: &mut Rng) -> Vec<Doc> {
    let mut out = Vec::new();
    let (mut src, mut pos) = (0, 0);
    while out.len() < n {
        let beads = &sources[src % sources.len()];
        let len = 8 + rng.below(17);
        if pos + len > beads.len() {
            src += 1;
            pos = 0;
            continue;
        }
        out.push(render(&beads[pos..pos + len]));
        pos += len;
    }
    out
}

/// Write `n` pairs as `out/zh/NNNNNN.txt` and `out/en/NNNNNN.txt` (English
/// names shuffled to random hex when `shuffle`; cut by [`disjoint`] when
/// `distinct`, else random overlapping windows by [`document`]), and the true pairs as
/// `out/truth.csv` (a manifest: `zh,en,doc`). Returns the sentence count.
pub fn write(
    out: &Path,
    n: usize,
    sources: &[Vec<Bead>],
    seed: u64,
    shuffle: bool,
    distinct: bool,
) -> usize {
    let mut rng = Rng::new(seed);
    let mut docs = if distinct {
        disjoint(sources, n, &mut rng).into_iter()
    } else {
        Vec::new().into_iter()
    };
    let (zh_dir, en_dir): (PathBuf, PathBuf) = (out.join("zh"), out.join("en"));
    std::fs::create_dir_all(&zh_dir).expect("mkdir");
    std::fs::create_dir_all(&en_dir).expect("mkdir");
    let mut total = 0;
    let mut truth = String::from("zh,en,doc\n");
    for i in 0..n {
        let d = docs.next().unwrap_or_else(|| document(sources, &mut rng));
        total += d.sentences;
        let en_name = if shuffle {
            format!("{:016x}.txt", rng.next())
        } else {
            format!("{i:06}.txt")
        };
        std::fs::write(zh_dir.join(format!("{i:06}.txt")), d.zh).expect("write");
        truth.push_str(&format!("zh/{i:06}.txt,en/{en_name},{i:06}.txt\n"));
        std::fs::write(en_dir.join(en_name), d.en).expect("write");
    }
    std::fs::write(out.join("truth.csv"), truth).expect("write");
    total
}
