//! Turning found files into jobs: pairing by name, by manifest or by
//! content, sharding, and the pairing report (`--pairs-out`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rayon::prelude::*;

use super::discover::{FileEntry, ManifestRow, pair_by_name, split_by_marker, walk_skipping};
use super::pairing::{ContentFeatures, NameSet, PairOptions, assign, en_features, zh_features};
use super::{DocRef, Job, Part, ReadOptions, Source, load_articles};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::pipeline::Pipeline;

/// Whether a row of the pairing report was paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStatus {
    /// Both sides found.
    Paired,
    /// No partner (by name: none with the same name; by content: none
    /// similar enough).
    Unpaired,
    /// The document could not be read.
    Failed,
}

impl PairStatus {
    /// The word written in the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Paired => "paired",
            PairStatus::Unpaired => "unpaired",
            PairStatus::Failed => "failed",
        }
    }
}

/// One row of the pairing report.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    /// The Chinese file, if any.
    pub zh: Option<PathBuf>,
    /// The English file, if any.
    pub en: Option<PathBuf>,
    /// The document name.
    pub doc: String,
    /// Similarity (content pairing), or for an unpaired document the
    /// similarity of its best candidate.
    pub score: Option<f64>,
    /// 1-based article in the Chinese file (content pairing).
    pub zh_article: Option<usize>,
    /// 1-based article in the English file (content pairing).
    pub en_article: Option<usize>,
    /// Paired, unpaired or failed.
    pub status: PairStatus,
    /// For an unpaired or failed document: its language.
    pub side: Option<Lang>,
}

/// Jobs to run, and how they were chosen.
#[derive(Debug, Default)]
pub struct Plan {
    /// The jobs, in output order.
    pub jobs: Vec<Job>,
    /// The pairing report, one row per pair or leftover document.
    pub rows: Vec<PairRow>,
    /// Documents that could not be read while pairing by content.
    pub failures: Vec<Error>,
    /// Chinese documents (files, or articles by content) left unpaired.
    pub unpaired_zh: usize,
    /// English documents left unpaired.
    pub unpaired_en: usize,
}

/// `--shard K/N`: the K-th (1-based) of N shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard number.
    pub k: usize,
    /// Number of shards.
    pub n: usize,
}

impl FromStr for Shard {
    type Err = String;
    /// ```
    /// use termalign::batch::Shard;
    /// assert_eq!("2/4".parse::<Shard>(), Ok(Shard { k: 2, n: 4 }));
    /// assert!("0/4".parse::<Shard>().is_err());
    /// assert!("5/4".parse::<Shard>().is_err());
    /// ```
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad = || format!("`{s}` is not K/N with 1 ≤ K ≤ N (e.g. 1/4)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    /// True when job number `i` (0-based, in plan order) is in this shard:
    /// jobs are dealt round-robin, so shards are balanced and disjoint and
    /// together cover the plan.
    pub fn contains(&self, i: usize) -> bool {
        i % self.n == self.k - 1
    }
}

impl Plan {
    /// Keep only the jobs of `shard`. The pairing report stays whole (it
    /// is the same in every shard).
    pub fn shard(&mut self, shard: Shard) {
        let jobs = std::mem::take(&mut self.jobs);
        self.jobs = jobs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| shard.contains(*i))
            .map(|(_, j)| j)
            .collect();
    }
}

/// The two folders of a batch (`--zh-dir`, `--en-dir`, `--glob`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// Folder of Chinese documents, searched recursively.
    pub zh: PathBuf,
    /// Folder of English documents. When it is the same folder as `zh`,
    /// files are told apart by a language marker in their path.
    pub en: PathBuf,
    /// Only files matching one of these globs (all when empty); see
    /// [`super::discover::walk`].
    pub globs: Vec<String>,
}

/// How the documents of two folders are paired.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pairing {
    /// By relative path, language markers swapped ([`by_name`]).
    Name,
    /// By content, article by article ([`by_content`]).
    Content(PairOptions),
}

/// Find the documents of both folders and pair them. Content pairing
/// reads every file and runs on `pool`, every parallel step included.
/// A folder without any document is an error.
pub fn from_folders(
    pipeline: &Pipeline,
    folders: &Folders,
    pairing: &Pairing,
    read: &ReadOptions,
    pool: &rayon::ThreadPool,
) -> Result<Plan> {
    let same = std::fs::canonicalize(&folders.zh).ok() == std::fs::canonicalize(&folders.en).ok();
    // Entries the walk could not follow (link loops, unreadable folders)
    // are failures of the run: reported, counted, the rest aligned.
    let mut skipped = Vec::new();
    let (zh, en) = if same {
        let (files, s) = walk_skipping(&folders.zh, &folders.globs)?;
        skipped.extend(s);
        let (zh, en, _other) = split_by_marker(files);
        (zh, en)
    } else {
        let (zh, s) = walk_skipping(&folders.zh, &folders.globs)?;
        skipped.extend(s);
        let (en, s) = walk_skipping(&folders.en, &folders.globs)?;
        skipped.extend(s);
        (zh, en)
    };
    for (files, side, dir) in [(&zh, "Chinese", &folders.zh), (&en, "English", &folders.en)] {
        if files.is_empty() {
            return Err(Error::new(
                ErrorKind::Config,
                format!("no {side} document found in {}", dir.display()),
            ));
        }
    }
    let mut plan = match pairing {
        Pairing::Name => by_name(&zh, &en),
        Pairing::Content(opts) => by_content(pipeline, &zh, &en, read, opts, pool),
    };
    skipped.append(&mut plan.failures);
    plan.failures = skipped;
    Ok(plan)
}

/// Pair files by name (see `super::discover::name_key`); the Chinese
/// relative path names the document.
pub fn by_name(zh: &[FileEntry], en: &[FileEntry]) -> Plan {
    let p = pair_by_name(zh, en);
    let mut plan = Plan {
        unpaired_zh: p.unpaired_zh.len(),
        unpaired_en: p.unpaired_en.len(),
        ..Plan::default()
    };
    for &(i, j) in &p.pairs {
        plan.jobs.push(Job {
            name: zh[i].rel.clone(),
            zh: DocRef::file(&zh[i].path),
            en: DocRef::file(&en[j].path),
        });
        plan.rows
            .push(row(Some(&zh[i]), Some(&en[j]), PairStatus::Paired, None));
    }
    for &i in &p.unpaired_zh {
        plan.rows.push(row(
            Some(&zh[i]),
            None,
            PairStatus::Unpaired,
            Some(Lang::Zh),
        ));
    }
    for &j in &p.unpaired_en {
        plan.rows.push(row(
            None,
            Some(&en[j]),
            PairStatus::Unpaired,
            Some(Lang::En),
        ));
    }
    plan
}

fn row(
    zh: Option<&FileEntry>,
    en: Option<&FileEntry>,
    status: PairStatus,
    side: Option<Lang>,
) -> PairRow {
    let doc = match (zh, en) {
        (Some(z), _) => z.rel.clone(),
        (None, Some(e)) => e.rel.clone(),
        (None, None) => String::new(),
    };
    PairRow {
        zh: zh.map(|f| f.path.clone()),
        en: en.map(|f| f.path.clone()),
        doc,
        score: None,
        zh_article: None,
        en_article: None,
        status,
        side,
    }
}

/// One job per manifest row, in manifest order.
pub fn by_manifest(rows: Vec<ManifestRow>) -> Plan {
    let mut plan = Plan::default();
    for r in rows {
        let part = |a: Option<usize>| a.map_or(Part::Articles, |k| Part::Article(k - 1));
        plan.rows.push(PairRow {
            zh: Some(r.zh.clone()),
            en: Some(r.en.clone()),
            doc: r.doc.clone(),
            score: None,
            zh_article: r.zh_article,
            en_article: r.en_article,
            status: PairStatus::Paired,
            side: None,
        });
        plan.jobs.push(Job {
            name: r.doc,
            zh: DocRef::file(r.zh).with_part(part(r.zh_article)),
            en: DocRef::file(r.en).with_part(part(r.en_article)),
        });
    }
    plan
}

/// Read every file, split it into articles, and pair the articles by
/// content (see [`super::pairing`]). Files that cannot be read are
/// reported in [`Plan::failures`] and left out. Articles of a
/// multi-article file are named `rel#N`. Everything runs on `pool`:
/// reading and feature extraction, and the similarity scoring of
/// `assign`.
pub fn by_content(
    pipeline: &Pipeline,
    zh: &[FileEntry],
    en: &[FileEntry],
    read: &ReadOptions,
    pair: &PairOptions,
    pool: &rayon::ThreadPool,
) -> Plan {
    // One `install` for the whole plan: `assign` scores on the current
    // pool, which outside it would be rayon's global one, whatever -j says.
    pool.install(|| content_plan(pipeline, zh, en, read, pair))
}

fn content_plan(
    pipeline: &Pipeline,
    zh: &[FileEntry],
    en: &[FileEntry],
    read: &ReadOptions,
    pair: &PairOptions,
) -> Plan {
    type Loaded = std::result::Result<Vec<ContentFeatures>, Error>;
    let load = |files: &[FileEntry], lang: Lang, names: Option<&NameSet>| -> Vec<Loaded> {
        files
            .par_iter()
            .map(|f| {
                let doc = DocRef::file(&f.path);
                let arts = load_articles(pipeline, &doc, lang, read, &mut Vec::new())?;
                Ok(arts
                    .iter()
                    .map(|a| match names {
                        Some(n) => zh_features(pipeline.matcher(), a, n),
                        None => en_features(pipeline.matcher(), a),
                    })
                    .collect())
            })
            .collect()
    };
    let mut plan = Plan::default();
    let en_loaded = load(en, Lang::En, None);
    let names = NameSet::from_english(en_loaded.iter().flatten().flatten());
    let zh_loaded = load(zh, Lang::Zh, Some(&names));

    // Flatten to articles: (file index, article index, article count).
    let mut flatten = |files: &[FileEntry], loaded: Vec<Loaded>, is_zh: bool| {
        let mut feats = Vec::new();
        let mut ids = Vec::new();
        for (fi, l) in loaded.into_iter().enumerate() {
            match l {
                Ok(arts) => {
                    let n = arts.len();
                    for (ai, f) in arts.into_iter().enumerate() {
                        feats.push(f);
                        ids.push((fi, ai, n));
                    }
                }
                Err(e) => {
                    plan.failures.push(e);
                    let path = Some(files[fi].path.clone());
                    plan.rows.push(PairRow {
                        zh: if is_zh { path.clone() } else { None },
                        en: if is_zh { None } else { path },
                        doc: files[fi].rel.clone(),
                        score: None,
                        zh_article: None,
                        en_article: None,
                        status: PairStatus::Failed,
                        side: Some(if is_zh { Lang::Zh } else { Lang::En }),
                    });
                }
            }
        }
        (feats, ids)
    };
    let (zh_feats, zh_ids) = flatten(zh, zh_loaded, true);
    let (en_feats, en_ids) = flatten(en, en_loaded, false);
    let pairing = assign(&zh_feats, &en_feats, pair);
    let article_name = |files: &[FileEntry], (fi, ai, n): (usize, usize, usize)| {
        if n > 1 {
            format!("{}#{}", files[fi].rel, ai + 1)
        } else {
            files[fi].rel.clone()
        }
    };
    for p in &pairing.pairs {
        let (zi, ei) = (zh_ids[p.zh], en_ids[p.en]);
        let name = article_name(zh, zi);
        plan.jobs.push(Job {
            name: name.clone(),
            zh: DocRef::file(&zh[zi.0].path).with_part(Part::Article(zi.1)),
            en: DocRef::file(&en[ei.0].path).with_part(Part::Article(ei.1)),
        });
        plan.rows.push(PairRow {
            zh: Some(zh[zi.0].path.clone()),
            en: Some(en[ei.0].path.clone()),
            doc: name,
            score: Some(p.score),
            zh_article: Some(zi.1 + 1),
            en_article: Some(ei.1 + 1),
            status: PairStatus::Paired,
            side: None,
        });
    }
    for u in &pairing.unpaired_zh {
        let zi = zh_ids[u.index];
        plan.rows.push(PairRow {
            zh: Some(zh[zi.0].path.clone()),
            en: u.best.map(|(j, _)| en[en_ids[j].0].path.clone()),
            doc: article_name(zh, zi),
            score: u.best.map(|(_, s)| s),
            zh_article: Some(zi.1 + 1),
            en_article: u.best.map(|(j, _)| en_ids[j].1 + 1),
            status: PairStatus::Unpaired,
            side: Some(Lang::Zh),
        });
    }
    for u in &pairing.unpaired_en {
        let ei = en_ids[u.index];
        plan.rows.push(PairRow {
            zh: u.best.map(|(i, _)| zh[zh_ids[i].0].path.clone()),
            en: Some(en[ei.0].path.clone()),
            doc: article_name(en, ei),
            score: u.best.map(|(_, s)| s),
            zh_article: u.best.map(|(i, _)| zh_ids[i].1 + 1),
            en_article: Some(ei.1 + 1),
            status: PairStatus::Unpaired,
            side: Some(Lang::En),
        });
    }
    plan.unpaired_zh = pairing.unpaired_zh.len();
    plan.unpaired_en = pairing.unpaired_en.len();
    plan
}

/// Write the pairing report as CSV: `zh,en,doc,score,zh_article,en_article,status`.
/// For an unpaired document, the other side and the score are those of its
/// best candidate (blank when it shared nothing with any). Paths are
/// written relative to `base` (the report's folder) when they lie under it,
/// absolute otherwise, so the report reads back as a `--manifest`.
pub fn write_pairs_csv<W: Write>(out: W, rows: &[PairRow], base: &Path) -> Result<()> {
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let show = |p: &Option<PathBuf>| -> String {
        let Some(p) = p else { return String::new() };
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        match abs.strip_prefix(&base) {
            Ok(rel) => rel.to_string_lossy().into_owned(),
            Err(_) => abs.to_string_lossy().into_owned(),
        }
    };
    let csv_err = |e: csv::Error| Error::new(ErrorKind::Io, e.to_string());
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "zh",
        "en",
        "doc",
        "score",
        "zh_article",
        "en_article",
        "status",
    ])
    .map_err(csv_err)?;
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in rows {
        w.write_record([
            show(&r.zh),
            show(&r.en),
            r.doc.clone(),
            r.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
            num(r.zh_article),
            num(r.en_article),
            r.status.as_str().to_string(),
        ])
        .map_err(csv_err)?;
    }
    w.flush().map_err(Error::io)
}

/// The Chinese source of a job, for error messages.
pub fn job_path(job: &Job) -> String {
    match &job.zh.source {
        Source::File(p) => p.display().to_string(),
        Source::Text(_) => job.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(rel: &str) -> FileEntry {
        FileEntry {
            path: PathBuf::from("/d").join(rel),
            rel: rel.into(),
        }
    }

    #[test]
    fn shards_are_disjoint_and_cover() {
        let plan = || {
            by_name(
                &(0..10)
                    .map(|i| f(&format!("{i}.zh.txt")))
                    .collect::<Vec<_>>(),
                &(0..10)
                    .map(|i| f(&format!("{i}.en.txt")))
                    .collect::<Vec<_>>(),
            )
        };
        let mut seen = Vec::new();
        for k in 1..=3 {
            let mut p = plan();
            p.shard(Shard { k, n: 3 });
            seen.extend(p.jobs.into_iter().map(|j| j.name));
        }
        seen.sort();
        let mut all: Vec<String> = plan().jobs.into_iter().map(|j| j.name).collect();
        all.sort();
        assert_eq!(seen, all);
        let mut p = plan();
        p.shard(Shard { k: 2, n: 3 });
        let names: Vec<&str> = p.jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(names, ["1.zh.txt", "4.zh.txt", "7.zh.txt"]);
    }

    #[test]
    fn pairs_report_snapshot() {
        let plan = by_name(&[f("a.zh.txt"), f("b.zh.txt")], &[f("a.en.txt")]);
        let mut out = Vec::new();
        write_pairs_csv(&mut out, &plan.rows, Path::new("/d")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "zh,en,doc,score,zh_article,en_article,status\n\
             a.zh.txt,a.en.txt,a.zh.txt,,,,paired\n\
             b.zh.txt,,b.zh.txt,,,,unpaired\n"
        );
        assert_eq!((plan.unpaired_zh, plan.unpaired_en), (1, 0));
    }
}
