//! Bead-level output for evaluation and scripting (`--format beads`): one
//! bead per line, `zh_indices<TAB>en_indices<TAB>confidence`, indices
//! 0-based over the document's sentences, comma-separated, a side empty for
//! 1-0 and 0-1 beads: the gold format of `../shared/align/mac-dev` plus a
//! third column. Every bead is written, whatever its confidence, so the
//! beads cover both documents.

use std::io::Write;
use std::ops::Range;

use crate::error::{Error, ErrorKind, Result};
use crate::tm::TmWriter;
use crate::tm::write::{Record, WriteReport, WriterSpec, score_string, single};

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

/// The beads row of the format table.
pub(crate) const SPEC: WriterSpec = WriterSpec {
    files: &[""],
    needs_indices: true,
    open: |outs, _| Box::new(BeadsWriter::new(single(outs))),
};

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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tm::test_support::units;

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
}
