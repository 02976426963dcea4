//! Parallel text for MT training (`--format moses`): `OUT.zh` and `OUT.en`,
//! line N of one the translation of line N of the other. Like TMX, only
//! pairs with both sides are written, and units below `--min-confidence`
//! are left out.

use std::io::Write;

use crate::error::{Error, Result};
use crate::tm::TmWriter;
use crate::tm::write::{Record, WriteReport, WriterOptions, WriterSpec};

/// The moses row of the format table: two files, Chinese then English.
pub(crate) const SPEC: WriterSpec = WriterSpec {
    files: &["zh", "en"],
    needs_indices: false,
    open: |outs, opts| {
        let mut outs = outs.into_iter();
        let (zh, en) = outs
            .next()
            .zip(outs.next())
            .expect("the table gives moses two streams");
        Box::new(MosesWriter::new(zh, en, opts))
    },
};

/// Writes the source side to one stream and the target side to another,
/// one segment per line.
pub struct MosesWriter<Z: Write, E: Write> {
    zh: Z,
    en: E,
    min_confidence: Option<f64>,
    report: WriteReport,
}

impl<Z: Write, E: Write> MosesWriter<Z, E> {
    /// A writer over the Chinese and the English stream.
    pub fn new(zh: Z, en: E, opts: &WriterOptions) -> MosesWriter<Z, E> {
        MosesWriter {
            zh,
            en,
            min_confidence: opts.min_confidence,
            report: WriteReport::default(),
        }
    }
}

impl<Z: Write, E: Write> TmWriter for MosesWriter<Z, E> {
    fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
        let Some((src, tgt)) = self.report.pair_texts(r, self.min_confidence) else {
            return Ok(());
        };
        // clean_text leaves no line breaks, so lines stay parallel.
        writeln!(self.zh, "{src}").map_err(Error::io)?;
        writeln!(self.en, "{tgt}").map_err(Error::io)?;
        self.report.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.zh.flush().map_err(Error::io)?;
        self.en.flush().map_err(Error::io)
    }

    fn report(&self) -> WriteReport {
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::TranslationUnit;

    #[test]
    fn parallel_lines_pairs_only() {
        let u = |zh: &str, en: &str, score: f64| TranslationUnit {
            zh: zh.into(),
            en: en.into(),
            score,
            bead: "1-1".into(),
            doc: "d".into(),
            terms: vec![],
            zh_sentences: 0..1,
            en_sentences: 0..1,
            zh_lang: None,
        };
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        let opts = WriterOptions {
            min_confidence: Some(0.4),
            ..WriterOptions::default()
        };
        let mut w = MosesWriter::new(&mut zh, &mut en, &opts);
        for unit in [
            u("第一句。\n续", "First\r\nline.", 0.9),
            u("只有中文。", " ", 0.9),
            u("低。", "Low.", 0.1),
            u("第二句。", "Second.", 0.4),
        ] {
            w.write_unit(&unit).unwrap();
        }
        w.finish().unwrap();
        let r = w.report();
        assert_eq!((r.written, r.one_sided, r.below_min), (2, 1, 1));
        assert_eq!(String::from_utf8(zh).unwrap(), "第一句。 续\n第二句。\n");
        assert_eq!(String::from_utf8(en).unwrap(), "First line.\nSecond.\n");
    }
}
