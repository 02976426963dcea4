//! The JSON Lines protocol of `termalign align --jsonl`, for running
//! termalign inside a distributed engine (Spark's `RDD.pipe`, Hadoop
//! Streaming, Ray, Slurm array jobs).
//!
//! Input: one object per line, `{"doc": "…", "zh": "…", "en": "…"}`
//! (`doc` optional; other fields ignored; blank lines skipped). Output: one
//! line per input document, in input order:
//! `{"doc":"…","beads":[{"zh":"…","en":"…","score":0.93,"bead":"1-1","zh_sentences":[0],"en_sentences":[0],"terms":["上海精神"]},…]}`,
//! or `{"doc":"…","line":N,"error":"…"}` for a document that failed.

use std::io::BufRead;

use serde::{Deserialize, Serialize};

use super::{DocRef, Job, JobOutput, Part};
use crate::error::{Error, ErrorKind, Result};
use crate::tm::TranslationUnit;

/// The name errors give the input (the driver reads standard input).
pub const INPUT: &str = "<stdin>";

#[derive(Debug, Deserialize)]
struct Input {
    #[serde(default)]
    doc: Option<String>,
    zh: String,
    en: String,
}

/// Parse one input line (1-based `line`) into a job. Each document is
/// aligned whole, its articles not split ([`crate::pipeline::Articles::Marked`]:
/// as `termalign align ZH EN` does, except that in presegmented text a
/// blank line separates articles, as in batch files).
pub fn parse_line(line: &str, number: u64) -> Result<Job> {
    let input: Input = serde_json::from_str(line).map_err(|e| {
        Error::new(ErrorKind::Format, e.to_string())
            .with_path(INPUT)
            .with_line(number)
    })?;
    Ok(Job {
        name: input.doc.unwrap_or_else(|| format!("line {number}")),
        zh: DocRef::text(input.zh).with_part(Part::Whole),
        en: DocRef::text(input.en).with_part(Part::Whole),
    })
}

#[derive(Serialize)]
struct Bead<'a> {
    zh: &'a str,
    en: &'a str,
    score: f64,
    bead: &'a str,
    zh_sentences: Vec<usize>,
    en_sentences: Vec<usize>,
    terms: &'a [String],
}

#[derive(Serialize)]
struct Output<'a> {
    doc: &'a str,
    beads: Vec<Bead<'a>>,
}

#[derive(Serialize)]
struct Failure<'a> {
    doc: Option<&'a str>,
    line: u64,
    error: String,
}

fn bead(u: &TranslationUnit) -> Bead<'_> {
    Bead {
        zh: &u.zh,
        en: &u.en,
        score: (u.score * 1000.0).round() / 1000.0,
        bead: &u.bead,
        zh_sentences: u.zh_sentences.clone().collect(),
        en_sentences: u.en_sentences.clone().collect(),
        terms: &u.terms,
    }
}

/// The output line (without newline) for a processed document.
pub fn beads_line(doc: &str, out: &JobOutput) -> Result<String> {
    let beads = out
        .articles
        .iter()
        .flat_map(|a| a.units.iter().map(bead))
        .collect();
    serde_json::to_string(&Output { doc, beads })
        .map_err(|e| Error::new(ErrorKind::Format, e.to_string()))
}

/// The output line (without newline) for a document that failed.
pub fn error_line(doc: Option<&str>, line: u64, err: &Error) -> String {
    serde_json::to_string(&Failure {
        doc,
        line,
        error: err.to_string(),
    })
    .expect("strings serialise")
}

/// The non-blank lines of a JSON Lines input, numbered from 1 and parsed
/// into jobs. `Send` when the reader is, so a driver can read it on its
/// own thread.
pub struct Lines<R> {
    reader: R,
    number: u64,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Lines<R> {
        Lines { reader, number: 0 }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    /// The line number and its job (or why it is not one).
    type Item = (u64, Result<Job>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut buf = Vec::new();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.number += 1;
                    return Some((self.number, Err(Error::io(e).with_path(INPUT))));
                }
            }
            self.number += 1;
            let n = self.number;
            let line = match std::str::from_utf8(&buf) {
                Ok(s) => s.trim(),
                Err(e) => {
                    let err = Error::new(ErrorKind::Encoding, format!("invalid UTF-8: {e}"))
                        .with_path(INPUT)
                        .with_line(n);
                    return Some((n, Err(err)));
                }
            };
            if line.is_empty() {
                continue;
            }
            return Some((n, parse_line(line, n)));
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn parse_line() {
        use crate::batch::jsonl::parse_line;
        let job = parse_line(r#"{"doc":"d1","zh":"你好。","en":"Hello."}"#, 1).unwrap();
        assert_eq!(job.name, "d1");
        let e = parse_line(r#"{"doc":"d1","zh":"你好。"}"#, 7).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("<stdin>:7: format error: missing field `en`")
        );
    }

    #[test]
    fn beads_line() {
        use crate::batch::{ReadOptions, jsonl, process};
        use crate::{Pipeline, align::Aligner, glossary::Glossary};
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let job = jsonl::parse_line(
            r#"{"doc":"d","zh":"上海精神很重要。","en":"The Shanghai Spirit matters."}"#,
            1,
        )
        .unwrap();
        let out = process(&p, &job, &ReadOptions::default()).unwrap();
        let line = jsonl::beads_line(&job.name, &out).unwrap();
        assert!(line.starts_with(r#"{"doc":"d","beads":[{"zh":"上海精神很重要。","en":"The Shanghai Spirit matters.","score":"#));
        assert!(line.ends_with(
            r#","bead":"1-1","zh_sentences":[0],"en_sentences":[0],"terms":["上海精神"]}]}"#
        ));
    }

    #[test]
    fn error_line() {
        use crate::{Error, ErrorKind, batch::jsonl::error_line};
        let e = Error::new(ErrorKind::Empty, "the English side holds no sentence");
        assert_eq!(
            error_line(Some("d"), 3, &e),
            r#"{"doc":"d","line":3,"error":"empty input: the English side holds no sentence"}"#
        );
    }
}
