//! One JSON object per bead with its texts (`--format jsonl`):
//! `{"doc","bead","zh_indices","en_indices","confidence","zh","en","terms"}`,
//! plus `"low_confidence"` when `--min-confidence` is given.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::tm::TmWriter;
use crate::tm::write::{Record, WriteReport, WriterOptions, WriterSpec, clean_segment, single};

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

/// The JSONL row of the format table.
pub(crate) const SPEC: WriterSpec = WriterSpec {
    files: &[""],
    needs_indices: false,
    open: |outs, opts| Box::new(JsonlWriter::new(single(outs), opts)),
};

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
        let zh = clean_segment(r.source, removed);
        let en = clean_segment(r.target, removed);
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

    use crate::tm::test_support::units;

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
