//! Whole archives in one run: finding documents (`discover`), splitting
//! files into articles (`articles`), pairing them by name or by content
//! ([`pairing`]), and aligning the pairs in parallel through a bounded,
//! ordered pipeline (`ordered`) so the output is the same whatever the
//! number of threads and memory stays flat.
//!
//! The library plans, aligns and writes ([`Runner`]), telling an
//! [`Observer`] what happens; the command line implements the observer
//! (progress bar, messages) and chooses the output
//! (`termalign align --zh-dir … --en-dir …`, `termalign align --jsonl`).
//!
//! ```
//! use termalign::{Pipeline, glossary::Glossary, align::Aligner};
//! use termalign::batch::{Job, DocRef, ReadOptions, process};
//! let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
//! // One sentence per line, a blank line between articles.
//! let job = Job {
//!     name: "demo".into(),
//!     zh: DocRef::text("标题一\n第一句。\n\n标题二\n第二句。"),
//!     en: DocRef::text("Title one\nFirst sentence.\n\nTitle two\nSecond sentence."),
//! };
//! let opts = ReadOptions { presegmented: true, ..Default::default() };
//! let out = process(&p, &job, &opts).unwrap();
//! let names: Vec<&str> = out.articles.iter().map(|a| a.name.as_str()).collect();
//! assert_eq!(names, ["demo#1", "demo#2"]);
//! assert_eq!(out.articles[1].units[1].en, "Second sentence.");
//! ```

pub(crate) mod articles;
pub(crate) mod discover;
pub(crate) mod jsonl;
pub(crate) mod ordered;
pub mod pairing;
pub mod plan;
pub(crate) mod run;

use std::path::PathBuf;

pub use discover::{FileEntry, ManifestRow, read_manifest, read_manifest_with, walk};
pub use ordered::{Flow, ordered_map};
pub use pairing::PairOptions;
pub use plan::{Folders, PairRow, PairStatus, Pairing, Plan, Shard};
pub use run::{BatchOptions, Observer, Runner, Summary};

use crate::decode::DecodeOptions;
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::pipeline::{Articles, DocOptions, Pipeline};
use crate::segment::Segment;
use crate::tm::TranslationUnit;

/// Pair beads below this confidence count as low-confidence in summaries.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// How documents are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Decoding of files (of the Chinese side only when `en_decode` is
    /// given).
    pub decode: DecodeOptions,
    /// Decoding of English files, when it differs (`--en-encoding`).
    pub en_decode: Option<DecodeOptions>,
    /// Input is one sentence per line, a blank line between articles;
    /// otherwise it is segmented.
    pub presegmented: bool,
}

/// Where a document's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, decoded with [`crate::decode::read_file`].
    File(PathBuf),
    /// Text already in memory (JSON Lines input).
    Text(String),
}

/// Which part of a document a job aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every article: split both sides into articles and pair them (in
    /// order when both have as many, by content otherwise).
    Articles,
    /// One article (0-based).
    Article(usize),
    /// The whole document as one unit, not split.
    Whole,
}

/// One side of a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// The text.
    pub source: Source,
    /// What part of it.
    pub part: Part,
}

impl DocRef {
    /// Every article of a file.
    pub fn file(path: impl Into<PathBuf>) -> DocRef {
        DocRef {
            source: Source::File(path.into()),
            part: Part::Articles,
        }
    }

    /// Every article of a text in memory.
    pub fn text(text: impl Into<String>) -> DocRef {
        DocRef {
            source: Source::Text(text.into()),
            part: Part::Articles,
        }
    }

    /// The same source, restricted to `part`.
    pub fn with_part(mut self, part: Part) -> DocRef {
        self.part = part;
        self
    }

    fn describe(&self) -> String {
        match &self.source {
            Source::File(p) => p.display().to_string(),
            Source::Text(_) => "<text>".into(),
        }
    }

    /// How messages name this side: the path, with `#N` when the job
    /// aligns one article of it.
    fn name(&self) -> String {
        match self.part {
            Part::Article(k) => format!("{}#{}", self.describe(), k + 1),
            Part::Articles | Part::Whole => self.describe(),
        }
    }

    fn error_path(&self, e: Error) -> Error {
        match &self.source {
            Source::File(p) => e.with_path(p),
            Source::Text(_) => e,
        }
    }
}

/// A pair of documents to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The document name written with every unit (`doc`).
    pub name: String,
    /// The Chinese side.
    pub zh: DocRef,
    /// The English side.
    pub en: DocRef,
}

/// The alignment of one article pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleResult {
    /// Document name (`name#N` for article N of a multi-article file).
    pub name: String,
    /// One unit per bead, in order.
    pub units: Vec<TranslationUnit>,
    /// Chinese sentences.
    pub zh_sentences: usize,
    /// English sentences.
    pub en_sentences: usize,
    /// Pair beads below [`LOW_CONFIDENCE`].
    pub low_confidence: usize,
}

/// What one job produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobOutput {
    /// Aligned article pairs, in order.
    pub articles: Vec<ArticleResult>,
    /// Articles of the job left without a partner (`path#N`).
    pub unpaired: Vec<String>,
    /// Things the user should know (bytes replaced by `--lossy`).
    pub warnings: Vec<String>,
    /// What looks wrong with the pair as a whole (swapped sides, a side in
    /// the wrong language, sizes no translation has), judged on the
    /// sentences aligned ([`crate::lang::pair_problems`]). Empty for a
    /// plausible pair. The [`Runner`] warns about them, or refuses the
    /// document with [`BatchOptions::strict`].
    pub problems: Vec<crate::lang::PairProblem>,
}

impl ReadOptions {
    /// The document options for one side of a job: articles split unless
    /// the job takes the text whole.
    fn doc_options(&self, part: Part) -> DocOptions {
        DocOptions {
            presegmented: self.presegmented,
            articles: match part {
                Part::Whole => Articles::Marked,
                Part::Articles | Part::Article(_) => Articles::Split,
            },
        }
    }
}

impl JobOutput {
    /// Sentences aligned, both sides together.
    pub fn sentences(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.zh_sentences + a.en_sentences)
            .sum()
    }
}

/// Read a document and split it into articles (one article for
/// [`Part::Whole`]), through [`Pipeline::read_articles`]. An empty
/// document is an error naming the file.
pub fn load_articles(
    pipeline: &Pipeline,
    doc: &DocRef,
    lang: Lang,
    opts: &ReadOptions,
    warnings: &mut Vec<String>,
) -> Result<Vec<Vec<Segment>>> {
    let text = match &doc.source {
        Source::File(path) => {
            let decode = match lang {
                Lang::En => opts.en_decode.unwrap_or(opts.decode),
                Lang::Zh => opts.decode,
            };
            let d = crate::decode::read_file(path, decode)?;
            // Decoded with the wrong encoding (or the wrong file), a side
            // holds no text of its language: an error, not an empty job.
            let fits = |c: char| match lang {
                Lang::Zh => crate::lang::is_han(c),
                Lang::En => c.is_ascii_alphabetic(),
            };
            if !d.text.chars().any(fits) {
                let side = if lang == Lang::Zh {
                    "Chinese"
                } else {
                    "English"
                };
                return Err(Error::new(
                    ErrorKind::Empty,
                    format!(
                        "decoded as {}, the {side} side holds no {side} text (wrong file or encoding? see --{lang}-encoding)",
                        d.encoding
                    ),
                )
                .with_path(path));
            }
            if d.replaced > 0 {
                warnings.push(format!(
                    "{}: replaced {} undecodable byte sequence(s) with U+FFFD",
                    path.display(),
                    d.replaced
                ));
            }
            d.text
        }
        Source::Text(t) => crate::decode::normalize_newlines(t),
    };
    let mut articles = pipeline
        .read_articles(&text, lang, &opts.doc_options(doc.part))
        .map_err(|e| doc.error_path(e))?;
    if let Part::Article(k) = doc.part {
        if k >= articles.len() {
            return Err(doc.error_path(Error::new(
                ErrorKind::Config,
                format!("no article {} (the file holds {})", k + 1, articles.len()),
            )));
        }
        articles = vec![articles.swap_remove(k)];
    }
    Ok(articles)
}

/// Align one job: read both sides, split them into articles, pair the
/// articles, align each pair ([`Pipeline::align_articles`]).
pub fn process(pipeline: &Pipeline, job: &Job, opts: &ReadOptions) -> Result<JobOutput> {
    let mut out = JobOutput::default();
    let zh = load_articles(pipeline, &job.zh, Lang::Zh, opts, &mut out.warnings)?;
    let en = load_articles(pipeline, &job.en, Lang::En, opts, &mut out.warnings)?;
    // Judged on the part of each file the job aligns (one article of a
    // multi-article file when the manifest names one), not the whole file.
    let text = |articles: &[Vec<Segment>]| -> String {
        let lines: Vec<&str> = articles.iter().flatten().map(|s| s.text.as_str()).collect();
        lines.join("\n")
    };
    out.problems = crate::lang::pair_problems(&text(&zh), &text(&en));
    let aligned = pipeline.align_articles(zh, en);
    let multi = aligned.zh_articles > 1 || aligned.en_articles > 1;
    for &i in &aligned.unpaired_zh {
        out.unpaired
            .push(format!("{}#{}", job.zh.describe(), i + 1));
    }
    for &j in &aligned.unpaired_en {
        out.unpaired
            .push(format!("{}#{}", job.en.describe(), j + 1));
    }
    for a in aligned.articles {
        let name = if multi && job.zh.part == Part::Articles {
            format!("{}#{}", job.name, a.zh + 1)
        } else {
            job.name.clone()
        };
        let units = pipeline.units(&a.doc, &name);
        let low_confidence = a
            .doc
            .alignment
            .beads
            .iter()
            .filter(|b| b.is_pair() && b.confidence < LOW_CONFIDENCE)
            .count();
        out.articles.push(ArticleResult {
            name,
            units,
            zh_sentences: a.doc.zh.len(),
            en_sentences: a.doc.en.len(),
            low_confidence,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Aligner;
    use crate::glossary::Glossary;

    fn pipeline() -> Pipeline {
        Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap()
    }

    #[test]
    fn articles_pair_in_order_or_by_content() {
        let p = pipeline();
        let opts = ReadOptions {
            presegmented: true,
            ..Default::default()
        };
        // Same count: in order, named #1, #2.
        let job = Job {
            name: "d".into(),
            zh: DocRef::text("上海合作组织峰会。\n\n汪淼来了。"),
            en: DocRef::text("The SCO summit.\n\nWang Miao came."),
        };
        let out = process(&p, &job, &opts).unwrap();
        let got: Vec<(&str, &str)> = out
            .articles
            .iter()
            .map(|a| (a.name.as_str(), a.units[0].en.as_str()))
            .collect();
        assert_eq!(
            got,
            [("d#1", "The SCO summit."), ("d#2", "Wang Miao came.")]
        );

        // Different counts: by content; the extra article is reported.
        let job = Job {
            name: "d".into(),
            zh: DocRef::text("汪淼来了。\n\n2024年上海合作组织峰会。\n\n叶文洁走了。"),
            en: DocRef::text("The 2024 SCO summit.\n\nWang Miao came."),
        };
        let out = process(&p, &job, &opts).unwrap();
        let got: Vec<(&str, &str)> = out
            .articles
            .iter()
            .map(|a| (a.name.as_str(), a.units[0].en.as_str()))
            .collect();
        assert_eq!(
            got,
            [("d#1", "Wang Miao came."), ("d#2", "The 2024 SCO summit.")]
        );
        assert_eq!(out.unpaired, ["<text>#3"]);
    }

    #[test]
    fn whole_and_single_article_parts() {
        let p = pipeline();
        let opts = ReadOptions {
            presegmented: true,
            ..Default::default()
        };
        let job = Job {
            name: "w".into(),
            zh: DocRef::text("一。\n\n二。").with_part(Part::Whole),
            en: DocRef::text("One.\n\nTwo.").with_part(Part::Whole),
        };
        let out = process(&p, &job, &opts).unwrap();
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.articles[0].name, "w");
        assert_eq!(out.articles[0].zh_sentences, 2);

        let job = Job {
            name: "a".into(),
            zh: DocRef::text("一。\n\n二。").with_part(Part::Article(1)),
            en: DocRef::text("One.\n\nTwo.").with_part(Part::Article(1)),
        };
        let out = process(&p, &job, &opts).unwrap();
        assert_eq!(out.articles[0].units[0].zh, "二。");
        assert_eq!(out.articles[0].name, "a");

        let job = Job {
            name: "a".into(),
            zh: DocRef::text("一。").with_part(Part::Article(4)),
            en: DocRef::text("One."),
        };
        let e = process(&p, &job, &opts).unwrap_err();
        assert_eq!(
            e.to_string(),
            "configuration error: no article 5 (the file holds 1)"
        );

        let job = Job {
            name: "e".into(),
            zh: DocRef::text("一。"),
            en: DocRef::text(" \n\n"),
        };
        let e = process(&p, &job, &opts).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Empty);
    }
}
