//! Review pages: one self-contained HTML file (inline CSS and JavaScript,
//! no network) showing aligned documents bead by bead, with glossary terms,
//! numbers and `check` findings marked, for a reviewer to fix the
//! alignment and export corrected TMX or CSV from the browser.
//!
//! [`PageBuilder`] collects documents (freshly aligned, or read back from a
//! memory), [`PageBuilder::check`] attaches the findings of the checker,
//! and [`PageBuilder::render`] writes the page: the templates under
//! `assets/review/` with the data embedded as JSON (see [`html`], the one
//! place where text is escaped).
//!
//! ```
//! use termalign::{Pipeline, glossary::Glossary, align::Aligner};
//! use termalign::review::{PageBuilder, PageOptions};
//! let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
//! let doc = p.align_texts("各方支持“一带一路”。", "All sides support the Belt and Road.");
//! let mut page = PageBuilder::new(&p, PageOptions::default());
//! page.add_aligned("demo", &doc);
//! let html = page.render();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("Belt and Road"));
//! ```

pub mod html;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Serialize;

use crate::check::baseline::Baseline;
use crate::check::{CheckOptions, Checker, Finding, Severity};
use crate::error::Result;
use crate::glossary::{EntryId, Rendering};
use crate::lang::Lang;
use crate::numbers;
use crate::pipeline::{AlignedDocument, Pipeline};
use crate::tm::ReadUnit;
use crate::tm::write::DEFAULT_REVIEW_BELOW;

/// Beads below this confidence count as low-confidence (the batch
/// summary's threshold, and the page's default filter threshold).
pub const LOW_CONFIDENCE: f64 = crate::batch::LOW_CONFIDENCE;

/// What the page opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Every bead.
    #[default]
    All,
    /// Only beads with findings (`check --format html`).
    Findings,
}

/// Settings of a page.
#[derive(Debug, Clone)]
pub struct PageOptions {
    /// Shown in the title bar and heading.
    pub title: String,
    /// What the page opens on.
    pub focus: Focus,
    /// Creation date written into exported TMX (`YYYYMMDDThhmmssZ`); the
    /// browser's clock when `None`.
    pub date: Option<String>,
    /// Source language code of exported TMX.
    pub src_lang: String,
    /// Target language code of exported TMX.
    pub tgt_lang: String,
    /// Exported TMX units below this confidence carry a review `<note>`.
    pub review_below: f64,
}

impl Default for PageOptions {
    fn default() -> PageOptions {
        PageOptions {
            title: "termalign review".into(),
            focus: Focus::All,
            date: None,
            src_lang: "zh-CN".into(),
            tgt_lang: "en-US".into(),
            review_below: DEFAULT_REVIEW_BELOW,
        }
    }
}

/// One bead of a review document: ranges of sentence indices.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewBead {
    /// Chinese sentences.
    pub zh: Range<usize>,
    /// English sentences.
    pub en: Range<usize>,
    /// The aligner's confidence (or the memory's score), when known.
    pub confidence: Option<f64>,
}

/// A finding attached to a bead.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFinding {
    /// Index of the bead in its document.
    pub bead: usize,
    /// Rule id (`term-missing`).
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// The checker's message.
    pub message: String,
}

/// One document of a page.
#[derive(Debug, Clone)]
pub struct ReviewDoc {
    /// Its name (file name or `x-doc`).
    pub name: String,
    /// Chinese sentences.
    pub zh: Vec<String>,
    /// English sentences.
    pub en: Vec<String>,
    /// Beads in reading order.
    pub beads: Vec<ReviewBead>,
    /// Findings, in bead order.
    pub findings: Vec<ReviewFinding>,
    /// The units the checker sees, one per bead (`None` for beads with an
    /// empty side, which `check` never sees either).
    units: Vec<Option<ReadUnit>>,
}

impl ReviewDoc {
    /// Chinese text of a bead, as TM writers join it (no spaces).
    pub fn zh_text(&self, b: &ReviewBead) -> String {
        self.zh[b.zh.clone()].concat()
    }

    /// English text of a bead (sentences joined with one space).
    pub fn en_text(&self, b: &ReviewBead) -> String {
        self.en[b.en.clone()].join(" ")
    }
}

/// Builds a review page from aligned documents or translation memory.
pub struct PageBuilder<'p> {
    pipeline: &'p Pipeline,
    options: PageOptions,
    docs: Vec<ReviewDoc>,
}

impl<'p> PageBuilder<'p> {
    /// An empty page using `pipeline`'s glossary, matcher and segmenters.
    pub fn new(pipeline: &'p Pipeline, options: PageOptions) -> PageBuilder<'p> {
        PageBuilder {
            pipeline,
            options,
            docs: Vec::new(),
        }
    }

    /// The documents added so far.
    pub fn docs(&self) -> &[ReviewDoc] {
        &self.docs
    }

    /// Add an aligned document pair.
    pub fn add_aligned(&mut self, name: &str, doc: &AlignedDocument) {
        let zh: Vec<String> = doc.zh.iter().map(|s| s.text.clone()).collect();
        let en: Vec<String> = doc.en.iter().map(|s| s.text.clone()).collect();
        let beads: Vec<ReviewBead> = doc
            .alignment
            .beads
            .iter()
            .map(|b| ReviewBead {
                zh: b.zh.clone(),
                en: b.en.clone(),
                confidence: Some(crate::tm::write::round_score(b.confidence)),
            })
            .collect();
        let mut d = ReviewDoc {
            name: name.to_string(),
            zh,
            en,
            beads,
            findings: Vec::new(),
            units: Vec::new(),
        };
        d.units = d
            .beads
            .iter()
            .enumerate()
            .map(|(i, b)| {
                (!b.zh.is_empty() && !b.en.is_empty()).then(|| ReadUnit {
                    number: i + 1,
                    file: name.to_string(),
                    line: i as u64 + 1,
                    source: d.zh_text(b),
                    target: d.en_text(b),
                    ..ReadUnit::default()
                })
            })
            .collect();
        self.docs.push(d);
    }

    /// Add units read from a memory (TMX, CSV): grouped into documents by
    /// their `x-doc`/`doc` property (in order of first appearance), each
    /// side split into sentences so that beads can be split. The units are
    /// checked as they were read (waivers included).
    pub fn add_units(&mut self, units: Vec<ReadUnit>) {
        let mut by_doc: BTreeMap<String, usize> = BTreeMap::new();
        for u in units {
            let name = prop(&u, &["x-doc", "doc"])
                .map(str::to_string)
                .unwrap_or_else(|| u.file.clone());
            let di = *by_doc.entry(name.clone()).or_insert_with(|| {
                self.docs.push(ReviewDoc {
                    name,
                    zh: Vec::new(),
                    en: Vec::new(),
                    beads: Vec::new(),
                    findings: Vec::new(),
                    units: Vec::new(),
                });
                self.docs.len() - 1
            });
            let zs = self.sentences(&u.source, Lang::Zh);
            let es = self.sentences(&u.target, Lang::En);
            let d = &mut self.docs[di];
            let z0 = d.zh.len();
            d.zh.extend(zs);
            let e0 = d.en.len();
            d.en.extend(es);
            let confidence = prop(&u, &["x-confidence", "score"])
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|s| (0.0..=1.0).contains(s));
            d.beads.push(ReviewBead {
                zh: z0..d.zh.len(),
                en: e0..d.en.len(),
                confidence,
            });
            let pair = !u.source.trim().is_empty() && !u.target.trim().is_empty();
            d.units.push(pair.then_some(u));
        }
    }

    fn sentences(&self, text: &str, lang: Lang) -> Vec<String> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        let s: Vec<String> = self
            .pipeline
            .segmenter(lang)
            .segment(text)
            .into_iter()
            .map(|s| s.text)
            .collect();
        if s.is_empty() {
            vec![text.trim().to_string()]
        } else {
            s
        }
    }

    /// Run the checker over every bead with two sides (all documents at
    /// once, so that the consistency rules compare across documents) and
    /// attach the findings, less those in `baseline`. Fails on a waiver
    /// naming an unknown rule.
    pub fn check(
        &mut self,
        options: CheckOptions,
        baseline: Option<&Baseline>,
    ) -> Result<CheckOutcome> {
        let mut owners: Vec<(usize, usize)> = Vec::new();
        let mut units: Vec<ReadUnit> = Vec::new();
        for (di, d) in self.docs.iter().enumerate() {
            for (bi, u) in d.units.iter().enumerate() {
                if let Some(u) = u {
                    owners.push((di, bi));
                    units.push(u.clone());
                }
            }
        }
        let checker = Checker::new(self.pipeline.glossary().clone(), options)?;
        let run = checker.check(&units)?;
        // Findings name their unit by number and file, and come grouped
        // by unit in input order: one forward scan maps them to beads.
        let mut located: Vec<(usize, Finding)> = Vec::with_capacity(run.findings.len());
        let mut pos = 0;
        for f in run.findings {
            while pos < units.len() && (units[pos].number != f.unit || units[pos].file != f.file) {
                pos += 1;
            }
            assert!(pos < units.len(), "a finding names a checked unit");
            located.push((pos, f));
        }
        let before = located.len();
        if let Some(b) = baseline {
            located.retain(|(_, f)| !b.contains(f));
        }
        let baselined = before - located.len();
        let mut findings = Vec::with_capacity(located.len());
        for (pos, f) in located {
            let (di, bi) = owners[pos];
            self.docs[di].findings.push(ReviewFinding {
                bead: bi,
                rule: f.rule.id(),
                severity: f.severity,
                message: f.message.clone(),
            });
            findings.push(f);
        }
        for d in &mut self.docs {
            d.findings.sort_by_key(|f| f.bead);
        }
        Ok(CheckOutcome {
            findings,
            units: run.units,
            waived: run.waived,
            baselined,
        })
    }

    /// The counts shown at the top of the page.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for d in &self.docs {
            s.documents += 1;
            for b in &d.beads {
                s.beads += 1;
                *s.shapes
                    .entry(format!("{}-{}", b.zh.len(), b.en.len()))
                    .or_default() += 1;
                if !b.zh.is_empty()
                    && !b.en.is_empty()
                    && b.confidence.is_some_and(|c| c < LOW_CONFIDENCE)
                {
                    s.low += 1;
                }
            }
            for f in &d.findings {
                s.findings += 1;
                *s.rules.entry(f.rule.to_string()).or_default() += 1;
            }
        }
        s
    }

    /// The page as one HTML string.
    pub fn render(&self) -> String {
        html::render(&self.page_data(), &self.options.title)
    }

    /// The data the page embeds, as serialisable structure.
    fn page_data(&self) -> PageData {
        let matcher = self.pipeline.matcher();
        let glossary = self.pipeline.glossary();
        let mut used: BTreeSet<EntryId> = BTreeSet::new();
        let mut docs = Vec::with_capacity(self.docs.len());
        let mut raw_docs = Vec::with_capacity(self.docs.len());
        for d in &self.docs {
            let mut zt = Vec::new();
            for (i, s) in d.zh.iter().enumerate() {
                let u = Utf16::new(s);
                for h in matcher.find_zh(s) {
                    used.insert(h.entry);
                    let r = u.range(&h.span.chars);
                    zt.push([i, r.start, r.end, h.entry.0 as usize]);
                }
            }
            let mut et = Vec::new();
            for (i, s) in d.en.iter().enumerate() {
                let u = Utf16::new(s);
                for h in matcher.find_en(s) {
                    used.insert(h.entry);
                    let r = u.range(&h.span.chars);
                    let kind = match h.rendering {
                        Rendering::Approved => 0,
                        Rendering::Variant(_) => 1,
                        Rendering::Forbidden(_) => 2,
                    };
                    et.push([i, r.start, r.end, h.entry.0 as usize, kind]);
                }
            }
            let mut keys: Vec<String> = Vec::new();
            let mut key_ix: BTreeMap<String, usize> = BTreeMap::new();
            let mut nums = |sents: &[String], lang: Lang| {
                let mut out = Vec::new();
                for (i, s) in sents.iter().enumerate() {
                    let u = Utf16::new(s);
                    for m in numbers::extract(s, lang) {
                        let k = *key_ix.entry(m.key.clone()).or_insert_with(|| {
                            keys.push(m.key);
                            keys.len() - 1
                        });
                        let r = u.range(&m.span.chars);
                        out.push([i, r.start, r.end, k]);
                    }
                }
                out
            };
            let zn = nums(&d.zh, Lang::Zh);
            let en = nums(&d.en, Lang::En);
            raw_docs.push((zt, et, zn, en, keys));
        }
        // Entries are renumbered densely, in glossary order, so that the
        // page sorts terms as the TMX writer does (by entry id).
        let ids: Vec<EntryId> = used.into_iter().collect();
        let local = |e: usize| ids.partition_point(|id| (id.0 as usize) < e);
        for (d, (zt, et, zn, en, keys)) in self.docs.iter().zip(raw_docs) {
            let flat4 = |v: Vec<[usize; 4]>, remap: bool| -> Vec<usize> {
                v.into_iter()
                    .flat_map(|[a, b, c, e]| [a, b, c, if remap { local(e) } else { e }])
                    .collect()
            };
            let beads: Vec<i64> = d
                .beads
                .iter()
                .flat_map(|b| {
                    [
                        b.zh.start as i64,
                        b.zh.end as i64,
                        b.en.start as i64,
                        b.en.end as i64,
                        b.confidence.map_or(-1, |c| (c * 1000.0).round() as i64),
                    ]
                })
                .collect();
            let findings = d
                .findings
                .iter()
                .map(|f| {
                    let b = &d.beads[f.bead];
                    FindingData(
                        b.zh.start,
                        b.en.start,
                        f.rule,
                        f.severity.as_str(),
                        f.message.clone(),
                    )
                })
                .collect();
            let hash = content_hash(d);
            docs.push(DocData {
                name: d.name.clone(),
                hash,
                zh: d.zh.clone(),
                en: d.en.clone(),
                b: beads,
                zt: flat4(zt, true),
                et: et
                    .into_iter()
                    .flat_map(|[a, b, c, e, k]| [a, b, c, local(e), k])
                    .collect(),
                zn: flat4(zn, false),
                en_n: flat4(en, false),
                nk: keys,
                f: findings,
            });
        }
        let terms = ids
            .iter()
            .map(|&id| {
                let e = glossary.get(id);
                (e.zh.clone(), e.en.clone())
            })
            .collect();
        PageData {
            v: 1,
            tool: "termalign",
            version: env!("CARGO_PKG_VERSION"),
            title: self.options.title.clone(),
            focus: match self.options.focus {
                Focus::All => "all",
                Focus::Findings => "findings",
            },
            date: self.options.date.clone(),
            src: self.options.src_lang.clone(),
            tgt: self.options.tgt_lang.clone(),
            review_below: self.options.review_below,
            low: LOW_CONFIDENCE,
            summary: self.summary(),
            terms,
            docs,
        }
    }
}

/// The value of the first of `names` among a unit's properties.
fn prop<'a>(u: &'a ReadUnit, names: &[&str]) -> Option<&'a str> {
    u.props
        .iter()
        .find(|(k, v)| names.contains(&k.as_str()) && !v.trim().is_empty())
        .map(|(_, v)| v.as_str())
}

/// What [`PageBuilder::check`] found, for the caller's report and exit
/// status.
#[derive(Debug, Clone, Default)]
pub struct CheckOutcome {
    /// Findings attached to the page (waived and baselined ones left out).
    pub findings: Vec<Finding>,
    /// Units checked.
    pub units: usize,
    /// Findings waived by the units' own waivers.
    pub waived: usize,
    /// Findings left out because the baseline holds them.
    pub baselined: usize,
}

/// Counts over a page: what the summary bar shows when the page opens.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Documents.
    pub documents: usize,
    /// Beads.
    pub beads: usize,
    /// Beads by shape (`1-1`, `2-1`, `1-0` …).
    pub shapes: BTreeMap<String, usize>,
    /// Two-sided beads below [`LOW_CONFIDENCE`].
    pub low: usize,
    /// Findings.
    pub findings: usize,
    /// Findings by rule id.
    pub rules: BTreeMap<String, usize>,
}

/// Everything the page's script reads, serialised once into the page.
/// Sentence-level marks are flat integer arrays (no per-bead objects), so
/// the page grows with the text, not with per-bead markup.
#[derive(Serialize)]
struct PageData {
    v: u32,
    tool: &'static str,
    version: &'static str,
    title: String,
    focus: &'static str,
    date: Option<String>,
    src: String,
    tgt: String,
    review_below: f64,
    low: f64,
    summary: Summary,
    /// Glossary entries used on the page: `[zh, approved en]`.
    terms: Vec<(String, String)>,
    docs: Vec<DocData>,
}

#[derive(Serialize)]
struct DocData {
    name: String,
    /// Content hash: the key of the reviewer's saved state.
    hash: String,
    zh: Vec<String>,
    en: Vec<String>,
    /// Beads, five numbers each: zh start, zh end, en start, en end,
    /// confidence × 1000 (-1 when unknown).
    b: Vec<i64>,
    /// Chinese term hits, four numbers each: sentence, start, end (UTF-16
    /// offsets, as JavaScript indexes strings), term.
    zt: Vec<usize>,
    /// English hits, five each: sentence, start, end, term, kind (0
    /// approved, 1 variant, 2 forbidden).
    et: Vec<usize>,
    /// Numbers, four each: sentence, start, end, key (index into `nk`).
    zn: Vec<usize>,
    #[serde(rename = "en_n")]
    en_n: Vec<usize>,
    nk: Vec<String>,
    /// Findings: first zh sentence and first en sentence of the bead
    /// (they keep a finding with its text through edits), rule, severity,
    /// message.
    f: Vec<FindingData>,
}

#[derive(Serialize)]
struct FindingData(usize, usize, &'static str, &'static str, String);

/// Char offsets → UTF-16 offsets for one string.
struct Utf16 {
    /// UTF-16 offset of each char, plus the end; empty when the string is
    /// all in the BMP (offsets are then equal).
    map: Vec<usize>,
}

impl Utf16 {
    fn new(s: &str) -> Utf16 {
        if s.chars().all(|c| (c as u32) < 0x10000) {
            return Utf16 { map: Vec::new() };
        }
        let mut map = Vec::with_capacity(s.len() + 1);
        let mut off = 0;
        for c in s.chars() {
            map.push(off);
            off += c.len_utf16();
        }
        map.push(off);
        Utf16 { map }
    }

    fn range(&self, chars: &Range<usize>) -> Range<usize> {
        if self.map.is_empty() {
            return chars.clone();
        }
        let at = |i: usize| self.map[i.min(self.map.len() - 1)];
        at(chars.start)..at(chars.end)
    }
}

/// FNV-1a (64 bit) of a document's name, sentences and original beads:
/// the page keeps a reviewer's edits under this key, so a regenerated page
/// with the same content finds them, and changed content starts afresh.
fn content_hash(d: &ReviewDoc) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator byte that text cannot contain keeps fields apart.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(d.name.as_bytes());
    for s in d.zh.iter().chain(&[String::new()]).chain(&d.en) {
        eat(s.as_bytes());
    }
    for b in &d.beads {
        eat(format!("{:?}{:?}", b.zh, b.en).as_bytes());
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Aligner;
    use crate::glossary::Glossary;

    #[test]
    fn utf16_offsets_count_astral_chars_twice() {
        let u = Utf16::new("a𠀀b");
        assert_eq!(u.range(&(2..3)), 3..4);
        let u = Utf16::new("abc");
        assert_eq!(u.range(&(1..2)), 1..2);
    }

    #[test]
    fn units_are_grouped_by_doc_and_split_into_sentences() {
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let unit = |doc: &str, zh: &str, en: &str| ReadUnit {
            source: zh.into(),
            target: en.into(),
            file: "m.tmx".into(),
            props: vec![
                ("x-doc".into(), doc.into()),
                ("x-confidence".into(), "0.25".into()),
            ],
            ..ReadUnit::default()
        };
        let mut b = PageBuilder::new(&p, PageOptions::default());
        b.add_units(vec![
            unit("a", "第一句。第二句。", "First. Second one here."),
            unit("b", "他说。", "He said."),
            unit("a", "第三句。", ""),
        ]);
        let docs = b.docs();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "a");
        assert_eq!(docs[0].zh.len(), 3);
        assert_eq!(docs[0].beads[0].zh, 0..2);
        assert_eq!(docs[0].beads[1].en, 2..2);
        assert_eq!(docs[0].beads[0].confidence, Some(0.25));
        let s = b.summary();
        assert_eq!(s.beads, 3);
        assert_eq!(s.shapes["1-0"], 1);
        assert_eq!(s.low, 2);
    }

    #[test]
    fn content_hash_changes_with_text() {
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let mut b = PageBuilder::new(&p, PageOptions::default());
        b.add_aligned("x", &p.align_texts("他来了。", "He came."));
        b.add_aligned("x", &p.align_texts("他走了。", "He came."));
        assert_ne!(content_hash(&b.docs[0]), content_hash(&b.docs[1]));
    }
}
