//! Bead-level output for evaluation and scripting.
//!
//! `--format beads`: one bead per line, `zh_indices<TAB>en_indices<TAB>confidence`,
//! indices 0-based over the document's sentences, comma-separated, a side
//! empty for 1-0 and 0-1 beads: the gold format of `../shared/align/mac-dev`
//! plus a third column. Every bead is written, whatever its confidence, so
//! the beads cover both documents.
//!
//! `--format jsonl`: one JSON object per bead with its texts:
//! `{"doc","bead","zh_indices","en_indices","confidence","zh","en","terms"}`,
//! plus `"low_confidence"` when `--min-confidence` is given.

use std::io::Write;
use std::ops::Range;

use serde::Serialize;

use super::write::{WriteReport, WriterOptions, clean_text, score_string};
use super::{Record, TmWriter};
use crate::error::{Error, ErrorKind, Result};

fn indices(r: &Range<usize>) -> String {
    let mut s = String::new();
    for i in r.clone() {
        if !s.is_empty() {
            s.push(',');
        }
        s.push_str(&i.to_string());
    }
    s
}

fn need_indices(r: &Record<'_>) -> Result<(Range<usize>, Range<usize>)> {
    r.indices.clone().ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            "the beads format needs sentence indices, which only come from aligning documents",
        )
    })
}

/// Writes `zh_indices<TAB>en_indices<TAB>confidence` lines.
pub struct BeadsWriter<W: Write> {
    out: W,
    report: WriteReport,
}

impl<W: Write> BeadsWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> BeadsWriter<W> {
        BeadsWriter {
            out,
            report: WriteReport::default(),
        }
    }
}

impl<W: Write> TmWriter for BeadsWriter<W> {
    fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
        let (zh, en) = need_indices(r)?;
        let score = r.score.map(score_string).unwrap_or_default();
        writeln!(self.out, "{}\t{}\t{score}", indices(&zh), indices(&en)).map_err(Error::io)?;
        self.report.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(Error::io)
    }

    fn report(&self) -> WriteReport {
        self.report
    }
}

#[derive(Serialize)]
struct JsonBead<'a> {
    doc: Option<&'a str>,
    bead: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zh_indices: Option<Vec<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en_indices: Option<Vec<usize>>,
    confidence: Option<f64>,
    zh: &'a str,
    en: &'a str,
    terms: &'a [&'a str],
    #[serde(skip_serializing_if = "Option::is_none")]
    low_confidence: Option<bool>,
}

/// Writes one JSON object per bead (see the module documentation).
pub struct JsonlWriter<W: Write> {
    out: W,
    min_confidence: Option<f64>,
    report: WriteReport,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer over `out`; `--min-confidence` adds the `low_confidence` field.
    pub fn new(out: W, opts: &WriterOptions) -> JsonlWriter<W> {
        JsonlWriter {
            out,
            min_confidence: opts.min_confidence,
            report: WriteReport::default(),
        }
    }
}

impl<W: Write> TmWriter for JsonlWriter<W> {
    fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
        let removed = &mut self.report.removed_chars;
        let zh = clean_text(r.source, removed);
        let en = clean_text(r.target, removed);
        let low = self
            .min_confidence
            .map(|min| r.score.is_some_and(|s| s < min));
        self.report.flagged += usize::from(low == Some(true));
        let bead = JsonBead {
            doc: r.doc,
            bead: r.bead,
            zh_indices: r.indices.as_ref().map(|(z, _)| z.clone().collect()),
            en_indices: r.indices.as_ref().map(|(_, e)| e.clone().collect()),
            // Rounded like the other formats (Record scores are).
            confidence: r.score,
            zh: &zh,
            en: &en,
            terms: &r.terms,
            low_confidence: low,
        };
        serde_json::to_writer(&mut self.out, &bead).map_err(|e| Error::io(e.into()))?;
        self.out.write_all(b"\n").map_err(Error::io)?;
        self.report.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(Error::io)
    }

    fn report(&self) -> WriteReport {
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::TranslationUnit;

    fn units() -> Vec<TranslationUnit> {
        let u =
            |zh: &str, en: &str, z: Range<usize>, e: Range<usize>, score: f64| TranslationUnit {
                zh: zh.into(),
                en: en.into(),
                score,
                bead: format!("{}-{}", z.len(), e.len()),
                doc: "sco".into(),
                terms: vec![],
                zh_sentences: z,
                en_sentences: e,
            };
        vec![
            u("一。二。", "One and two.", 0..2, 0..1, 0.9123),
            u("三。", "", 2..3, 1..1, 0.0),
            u("", "Extra.", 3..3, 1..2, 0.0),
            u("四。", "Four. Cuatro.", 3..4, 2..4, 0.45),
        ]
    }

    #[test]
    fn beads_lines_match_gold_format() {
        let mut out = Vec::new();
        let mut w = BeadsWriter::new(&mut out);
        for u in units() {
            w.write_unit(&u).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0,1\t0\t0.912\n2\t\t0.000\n\t1\t0.000\n3\t2,3\t0.450\n"
        );
    }

    #[test]
    fn beads_need_indices() {
        let u = crate::tm::ReadUnit::default();
        let r = Record::from_read(&u, &[]);
        let mut w = BeadsWriter::new(Vec::new());
        assert!(
            w.write_record(&r)
                .unwrap_err()
                .to_string()
                .contains("indices")
        );
    }

    #[test]
    fn jsonl_objects() {
        let mut out = Vec::new();
        let opts = WriterOptions {
            min_confidence: Some(0.5),
            ..WriterOptions::default()
        };
        let mut w = JsonlWriter::new(&mut out, &opts);
        for u in units().iter().take(2) {
            w.write_unit(u).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(w.report().flagged, 1);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            concat!(
                r#"{"doc":"sco","bead":"2-1","zh_indices":[0,1],"en_indices":[0],"confidence":0.912,"zh":"一。二。","en":"One and two.","terms":[],"low_confidence":false}"#,
                "\n",
                r#"{"doc":"sco","bead":"1-0","zh_indices":[2],"en_indices":[],"confidence":0.0,"zh":"三。","en":"","terms":[],"low_confidence":true}"#,
                "\n"
            )
        );
    }
}
