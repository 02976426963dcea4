//! Shortened, expanded and mismatched translations, built from the SCO
//! seed fixture (tests/data/sco): one side cut after the first third, half
//! and two thirds of each article; one and two middle paragraphs of each
//! article dropped; a paragraph with no counterpart inserted; each on the
//! English side and on the Chinese side. Gold beads are derived from
//! tests/data/sco/gold.tsv (a sentence whose partner was removed becomes a
//! 1-0 or 0-1 bead; inserted sentences are 0-1 or 1-0 beads).
//!
//! Every fixture is written as raw text (a paragraph per line, blank lines
//! between) and aligned by the real binary with default flags
//! (`termalign align ZH EN -f beads`), as a user would run it. Each must
//! reach strict F1 ≥ 0.95, and no bead of 3 or more sentences on one side
//! may join sentences that are not translations of its other side.
//!
//! `MISMATCH_FIXTURES_OUT=DIR` also writes each fixture as a folder in the
//! layout of tests/data/news (zh.txt, en.txt, zh.sents.txt, en.sents.txt,
//! gold.tsv), for `termalign eval --text --gold-dir DIR`.

mod common;

use std::collections::HashSet;

use common::{TestEnv, stderr, stdout};
use termalign::align::Aligner;
use termalign::align::eval::{Counts, IndexBead, parse_beads};
use termalign::glossary::Glossary;
use termalign::{Lang, Pipeline};

/// One sentence of a fixture side.
#[derive(Debug, Clone)]
struct Sent {
    text: String,
    article: usize,
    /// Paragraph key: sentences with equal keys in a row share a paragraph.
    paragraph: usize,
}

/// A fixture: both sides and gold beads over them.
#[derive(Debug, Clone)]
struct Fixture {
    name: String,
    zh: Vec<Sent>,
    en: Vec<Sent>,
    gold: Vec<IndexBead>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Which {
    Zh,
    En,
}

impl Which {
    fn lang(self) -> Lang {
        match self {
            Which::Zh => Lang::Zh,
            Which::En => Lang::En,
        }
    }
    fn tag(self) -> &'static str {
        match self {
            Which::Zh => "zh",
            Which::En => "en",
        }
    }
}

fn pipeline() -> Pipeline {
    Pipeline::new(Glossary::builtin(), Aligner::default()).expect("pipeline")
}

/// The seed pair, segmented by the product's own segmenter (checked against
/// the gold sentences, so paragraphs and articles come from the raw text).
fn seed(p: &Pipeline) -> Fixture {
    let side = |file: &str, sents: &str, lang: Lang| -> Vec<Sent> {
        let raw = common::read(&common::data(file));
        let gold: Vec<String> = common::read(&common::data(sents))
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let segs = p.segmenter(lang).segment(&raw);
        let texts: Vec<String> = segs.iter().map(|s| s.text.clone()).collect();
        assert_eq!(texts, gold, "{file} segments into its gold sentences");
        segs.into_iter()
            .map(|s| Sent {
                text: s.text,
                article: s.article,
                paragraph: s.paragraph,
            })
            .collect()
    };
    Fixture {
        name: "seed".into(),
        zh: side("sco/zh.txt", "sco/zh.sents.txt", Lang::Zh),
        en: side("sco/en.txt", "sco/en.sents.txt", Lang::En),
        gold: parse_beads(&common::read(&common::data("sco/gold.tsv")), "gold.tsv").unwrap(),
    }
}

impl Fixture {
    fn side(&self, w: Which) -> &Vec<Sent> {
        match w {
            Which::Zh => &self.zh,
            Which::En => &self.en,
        }
    }

    /// This fixture with side `w` replaced by `side` and the gold by
    /// `gold`, named `name`.
    fn with_side(&self, w: Which, side: Vec<Sent>, gold: Vec<IndexBead>, name: &str) -> Fixture {
        let (zh, en) = match w {
            Which::Zh => (side, self.en.clone()),
            Which::En => (self.zh.clone(), side),
        };
        Fixture {
            name: name.into(),
            zh,
            en,
            gold,
        }
    }

    fn bead_side(b: &IndexBead, w: Which) -> &Vec<usize> {
        match w {
            Which::Zh => &b.0,
            Which::En => &b.1,
        }
    }

    /// True when no gold bead has sentences of side `w` on both sides of
    /// position `k` (a cut there splits no bead).
    fn is_boundary(&self, w: Which, k: usize) -> bool {
        self.gold.iter().all(|b| {
            let s = Fixture::bead_side(b, w);
            s.iter().all(|&x| x < k) || s.iter().all(|&x| x >= k)
        })
    }

    /// Sentence ranges of the articles of side `w`.
    fn articles(&self, w: Which) -> Vec<std::ops::Range<usize>> {
        runs(self.side(w), |s| s.article)
    }

    /// Sentence ranges of the paragraphs of side `w` inside `within`.
    fn paragraphs(&self, w: Which, within: &std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
        runs(self.side(w), |s| s.paragraph)
            .into_iter()
            .filter(|r| r.start >= within.start && r.end <= within.end)
            .collect()
    }

    /// Remove the sentences `drop` of side `w`. Their gold partners become
    /// 1-0 (or 0-1) beads, one per sentence.
    fn remove(&self, w: Which, drop: &HashSet<usize>, name: &str) -> Fixture {
        let keep = |k: usize| !drop.contains(&k);
        let renum: Vec<Option<usize>> = {
            let mut next = 0;
            (0..self.side(w).len())
                .map(|k| {
                    keep(k).then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        };
        let mut gold = Vec::new();
        for (z, e) in &self.gold {
            let (mine, other) = match w {
                Which::Zh => (z, e),
                Which::En => (e, z),
            };
            let kept: Vec<usize> = mine.iter().filter_map(|&k| renum[k]).collect();
            if kept.is_empty() {
                // The other side lost its partner: one-sided beads.
                for &o in other {
                    gold.push(match w {
                        Which::Zh => (vec![], vec![o]),
                        Which::En => (vec![o], vec![]),
                    });
                }
            } else {
                assert_eq!(
                    kept.len(),
                    mine.len(),
                    "{name}: a removal splits a gold bead"
                );
                gold.push(match w {
                    Which::Zh => (kept, e.clone()),
                    Which::En => (z.clone(), kept),
                });
            }
        }
        let side: Vec<Sent> = self
            .side(w)
            .iter()
            .enumerate()
            .filter(|&(k, _)| keep(k))
            .map(|(_, s)| s.clone())
            .collect();
        self.with_side(w, side, gold, name)
    }

    /// Insert `texts` as a new paragraph of side `w` before sentence `at`
    /// (a paragraph and bead boundary), each a one-sided gold bead.
    fn insert(&self, w: Which, at: usize, texts: &[&str], name: &str) -> Fixture {
        assert!(self.is_boundary(w, at), "{name}: insertion inside a bead");
        let n = texts.len();
        let shift = |k: usize| if k >= at { k + n } else { k };
        let mut gold = Vec::new();
        let mut placed = false;
        for (z, e) in &self.gold {
            let mine = Fixture::bead_side(&(z.clone(), e.clone()), w).clone();
            if !placed && mine.first().is_some_and(|&k| k >= at) {
                for k in at..at + n {
                    gold.push(match w {
                        Which::Zh => (vec![k], vec![]),
                        Which::En => (vec![], vec![k]),
                    });
                }
                placed = true;
            }
            gold.push(match w {
                Which::Zh => (z.iter().map(|&k| shift(k)).collect(), e.clone()),
                Which::En => (z.clone(), e.iter().map(|&k| shift(k)).collect()),
            });
        }
        assert!(placed, "{name}: insertion point past the last bead");
        let mut side = self.side(w).clone();
        let article = side[at].article;
        let new: Vec<Sent> = texts
            .iter()
            .map(|t| Sent {
                text: t.to_string(),
                article,
                paragraph: usize::MAX,
            })
            .collect();
        side.splice(at..at, new);
        self.with_side(w, side, gold, name)
    }

    /// Raw text of side `w`: a paragraph per line, blank lines between,
    /// as the seed's English fixture is laid out.
    fn raw(&self, w: Which) -> String {
        let side = self.side(w);
        let sep = if w == Which::Zh { "" } else { " " };
        runs(side, |s| s.paragraph)
            .into_iter()
            .map(|r| {
                side[r]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(sep)
            })
            .collect::<Vec<_>>()
            .join("\n\n")
            + "\n"
    }

    /// Gold sentences, one per line, a blank line between articles (the
    /// `*.sents.txt` layout).
    fn sents(&self, w: Which) -> String {
        let side = self.side(w);
        runs(side, |s| s.article)
            .into_iter()
            .map(|r| {
                side[r]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
            + "\n"
    }

    fn gold_tsv(&self) -> String {
        let j = |v: &Vec<usize>| {
            v.iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        self.gold
            .iter()
            .map(|(z, e)| format!("{}\t{}\n", j(z), j(e)))
            .collect()
    }
}

/// Maximal runs of equal `key`.
fn runs(side: &[Sent], key: impl Fn(&Sent) -> usize) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, s) in side.iter().enumerate() {
        match out.last_mut() {
            Some(r) if key(&side[r.start]) == key(s) => r.end = k + 1,
            _ => out.push(k..k + 1),
        }
    }
    out
}

/// Keep the first `frac` of each article of side `w` (at the nearest bead
/// boundary at or after that point, titles always kept).
fn cut(seed: &Fixture, w: Which, frac: f64, name: &str) -> Fixture {
    let mut drop = HashSet::new();
    for a in seed.articles(w) {
        let mut k = a.start + ((a.len() as f64 * frac).round() as usize).max(1);
        while k < a.end && !seed.is_boundary(w, k) {
            k += 1;
        }
        drop.extend(k..a.end);
    }
    seed.remove(w, &drop, name)
}

/// Drop `count` consecutive paragraphs from the middle of each article of
/// side `w` (the run nearest the middle whose ends are bead boundaries and
/// which leaves the title and the first and last paragraphs in place).
fn drop_paragraphs(seed: &Fixture, w: Which, count: usize, name: &str) -> Fixture {
    let mut drop = HashSet::new();
    for a in seed.articles(w) {
        let paras = seed.paragraphs(w, &a);
        let mid = (a.start + a.end) / 2;
        let best = (2..paras.len().saturating_sub(count))
            .map(|p| paras[p].start..paras[p + count - 1].end)
            .filter(|r| seed.is_boundary(w, r.start) && seed.is_boundary(w, r.end))
            .min_by_key(|r| ((r.start + r.end) / 2).abs_diff(mid))
            .unwrap_or_else(|| panic!("{name}: no droppable paragraphs"));
        drop.extend(best);
    }
    seed.remove(w, &drop, name)
}

/// Insert a paragraph without counterpart in the middle of the first
/// article of side `w`.
fn insert_paragraph(seed: &Fixture, w: Which, name: &str) -> Fixture {
    // Background paragraphs of the kind newsrooms add (or drop).
    const EN: &[&str] = &[
        "The SCO was founded in Shanghai in 2001, and its secretariat is based in Beijing.",
        "With Belarus, the organization has ten member states, two observer states and 14 dialogue partners.",
        "Kazakhstan took over the rotating presidency from India in July 2023.",
    ];
    const ZH: &[&str] = &[
        "上海合作组织于2001年在上海成立，秘书处设在北京。",
        "白俄罗斯加入后，该组织共有10个成员国、2个观察员国和14个对话伙伴。",
        "哈萨克斯坦于2023年7月从印度手中接任轮值主席国。",
    ];
    let a = &seed.articles(w)[0];
    let paras = seed.paragraphs(w, a);
    let mid = (a.start + a.end) / 2;
    let at = paras
        .iter()
        .map(|r| r.start)
        .filter(|&k| k > a.start + 2 && seed.is_boundary(w, k))
        .min_by_key(|k| k.abs_diff(mid))
        .expect("a paragraph boundary");
    let texts = match w {
        Which::Zh => ZH,
        Which::En => EN,
    };
    seed.insert(w, at, texts, name)
}

fn fixtures() -> Vec<Fixture> {
    let p = pipeline();
    let seed = seed(&p);
    let mut out = Vec::new();
    for w in [Which::En, Which::Zh] {
        let t = w.tag();
        for (frac, label) in [
            (1.0 / 3.0, "third"),
            (0.5, "half"),
            (2.0 / 3.0, "two-thirds"),
        ] {
            out.push(cut(&seed, w, frac, &format!("{t}-cut-{label}")));
        }
        out.push(drop_paragraphs(
            &seed,
            w,
            1,
            &format!("{t}-drop-1-paragraph"),
        ));
        out.push(drop_paragraphs(
            &seed,
            w,
            2,
            &format!("{t}-drop-2-paragraphs"),
        ));
        out.push(insert_paragraph(&seed, w, &format!("{t}-insert-paragraph")));
    }
    out
}

/// Beads of `pred` with 3 or more sentences on one side that join a
/// sentence whose gold bead does not pair it with the bead's other side.
fn bad_wide_beads(gold: &[IndexBead], pred: &[IndexBead]) -> Vec<IndexBead> {
    let mut zh_gold = std::collections::HashMap::new();
    let mut en_gold = std::collections::HashMap::new();
    for (z, e) in gold {
        for &k in z {
            zh_gold.insert(k, e.clone());
        }
        for &k in e {
            en_gold.insert(k, z.clone());
        }
    }
    pred.iter()
        .filter(|(z, e)| z.len() >= 3 || e.len() >= 3)
        .filter(|(z, e)| {
            let paired = |partners: Option<&Vec<usize>>, other: &Vec<usize>| {
                partners.is_some_and(|p| p.iter().any(|k| other.contains(k)))
            };
            !(z.iter().all(|k| paired(zh_gold.get(k), e))
                && e.iter().all(|k| paired(en_gold.get(k), z)))
        })
        .cloned()
        .collect()
}

#[test]
fn bad_wide_beads_finds_joined_non_translations() {
    let gold = vec![(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1, 2])];
    // 0,1,2 → 0 joins zh 1 (untranslated) and zh 2 (not paired with en 0).
    assert_eq!(
        bad_wide_beads(&gold, &[(vec![0, 1, 2], vec![0])]),
        vec![(vec![0, 1, 2], vec![0])]
    );
    // A 1-3 over real partners is fine; narrow beads are not judged.
    assert!(bad_wide_beads(&gold, &[(vec![2], vec![1, 2]), (vec![0, 1], vec![0])]).is_empty());
}

#[test]
fn shortened_and_expanded_translations_align_with_default_flags() {
    let p = pipeline();
    let env = TestEnv::new();
    let keep = std::env::var_os("MISMATCH_FIXTURES_OUT").map(std::path::PathBuf::from);
    let mut report = String::new();
    let mut failures = Vec::new();
    for f in fixtures() {
        let dir = env.path(&f.name);
        std::fs::create_dir_all(&dir).unwrap();
        for w in [Which::Zh, Which::En] {
            let raw = f.raw(w);
            // The raw text segments back into the fixture's sentences, so
            // bead indices are gold sentence indices.
            let texts: Vec<String> = p
                .segmenter(w.lang())
                .segment(&raw)
                .into_iter()
                .map(|s| s.text)
                .collect();
            let want: Vec<&str> = f.side(w).iter().map(|s| s.text.as_str()).collect();
            assert_eq!(texts, want, "{}: {} segmentation", f.name, w.tag());
            std::fs::write(dir.join(format!("{}.txt", w.tag())), &raw).unwrap();
            std::fs::write(dir.join(format!("{}.sents.txt", w.tag())), f.sents(w)).unwrap();
        }
        std::fs::write(dir.join("gold.tsv"), f.gold_tsv()).unwrap();
        if let Some(out) = &keep {
            let d = out.join(&f.name);
            std::fs::create_dir_all(&d).unwrap();
            for file in [
                "zh.txt",
                "en.txt",
                "zh.sents.txt",
                "en.sents.txt",
                "gold.tsv",
            ] {
                std::fs::copy(dir.join(file), d.join(file)).unwrap();
            }
        }
        let zh = dir.join("zh.txt");
        let en = dir.join("en.txt");
        let out = env.run(&[
            "align",
            zh.to_str().unwrap(),
            en.to_str().unwrap(),
            "-f",
            "beads",
        ]);
        assert!(out.status.success(), "{}: {}", f.name, stderr(&out));
        let pred = parse_beads(&stdout(&out), &f.name).unwrap();
        let mut c = Counts::default();
        c.add(&f.gold, &pred);
        let s = c.scores();
        let bad = bad_wide_beads(&f.gold, &pred);
        report.push_str(&format!(
            "{:<24} zh {:>2} en {:>2}  strict F1 {:.3}  bad wide beads {}\n",
            f.name,
            f.zh.len(),
            f.en.len(),
            s.strict.f1,
            bad.len()
        ));
        if s.strict.f1 < 0.95 || !bad.is_empty() {
            failures.push(format!(
                "{}: strict F1 {:.3}, wide beads over non-translations {bad:?}",
                f.name, s.strict.f1
            ));
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{}\n{report}", failures.join("\n"));
}
