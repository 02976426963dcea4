//! Translation memory: units built from an alignment, the writers that
//! emit them (TMX 1.4b, CSV, TSV, moses, beads, JSONL; every format is one
//! file with a [`TmWriter`] and one row of the [`Format`] table), the
//! streaming readers ([`read`] opens any memory) and the maintenance
//! operations ([`merge`], [`stats`], [`convert`](mod@convert)).

pub(crate) mod beads;
pub mod convert;
pub(crate) mod dedup;
pub(crate) mod delimited;
pub(crate) mod format;
pub(crate) mod header;
pub(crate) mod jsonl;
pub mod merge;
pub(crate) mod moses;
pub(crate) mod output;
pub mod read;
pub(crate) mod source;
pub mod stats;
pub(crate) mod tmx;
pub(crate) mod write;
pub(crate) mod xml_escape;

use serde::Serialize;

use crate::error::Result;

pub use beads::BeadsWriter;
pub use delimited::CsvWriter;
pub use format::Format;
pub use header::{TmxHeader, language_code, parse_date, tmx_date};
pub use jsonl::JsonlWriter;
pub use moses::MosesWriter;
pub use output::{TmOutput, output_files};
pub use tmx::TmxWriter;
pub use write::{
    DEFAULT_REVIEW_BELOW, Record, WriteReport, WriterOptions, WriterSpec, clean_segment,
    clean_text, column_name, tmx_prop_type,
};

/// One aligned pair (or a sentence left unaligned), ready to be written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TranslationUnit {
    /// Chinese text (sentences of the bead joined without spaces).
    pub zh: String,
    /// English text (sentences joined with one space).
    pub en: String,
    /// The aligner's confidence, in [0, 1].
    pub score: f64,
    /// The bead shape, e.g. `2-1`.
    pub bead: String,
    /// The document the unit comes from.
    pub doc: String,
    /// Glossary terms (Chinese) found on both sides.
    pub terms: Vec<String>,
    /// Indices of the Chinese sentences in the document (empty for 0-1).
    pub zh_sentences: std::ops::Range<usize>,
    /// Indices of the English sentences in the document (empty for 1-0).
    pub en_sentences: std::ops::Range<usize>,
    /// The Chinese text's language tag when its document is in a
    /// traditional script (`zh-HK`, `zh-TW`, `zh-Hant`, detected per
    /// document); `None` for simplified text, which the header's tag
    /// (`zh-CN` by default) describes.
    pub zh_lang: Option<String>,
}

/// A unit read back from a translation memory (TMX, CSV, TSV), with where
/// it was found, for `check` and the `tm` maintenance commands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadUnit {
    /// 1-based position of the unit in its file, in input order.
    pub number: usize,
    /// The file it was read from.
    pub file: String,
    /// 1-based line where the unit starts in that file.
    pub line: u64,
    /// Source-language text (Chinese), inline markup flattened to text.
    pub source: String,
    /// Target-language text (English), inline markup flattened to text.
    pub target: String,
    /// Properties (`<prop type=…>` in TMX, extra columns in CSV), in order.
    pub props: Vec<(String, String)>,
    /// Language code of the source `<tuv>` as written (`zh-CN`); empty for
    /// CSV/TSV and when the unit has no source-language variant.
    pub source_lang: String,
    /// Language code of the target `<tuv>` as written (`en-US`); empty for
    /// CSV/TSV and when the unit has no target.
    pub target_lang: String,
    /// The `<tu>`'s `changedate`, else its `creationdate` (TMX only).
    pub date: Option<String>,
}

impl TranslationUnit {
    /// True when both sides have text; TMX holds only these.
    pub fn is_pair(&self) -> bool {
        !self.zh.is_empty() && !self.en.is_empty()
    }
}

/// A sink for translation units, one implementation per output format.
///
/// Writers receive [`Record`]s (a freshly aligned [`TranslationUnit`] or a
/// unit read back from a memory); [`TmWriter::write_unit`] converts.
///
/// ```
/// use termalign::tm::{CsvWriter, TmWriter, TranslationUnit};
/// let mut out = Vec::new();
/// {
///     let mut w = CsvWriter::new(&mut out);
///     w.write_unit(&TranslationUnit {
///         zh: "你好。".into(), en: "Hello.".into(), score: 0.9,
///         bead: "1-1".into(), doc: "d".into(), terms: vec![],
///         zh_sentences: 0..1, en_sentences: 0..1, zh_lang: None,
///     }).unwrap();
///     w.finish().unwrap();
/// }
/// assert_eq!(String::from_utf8(out).unwrap(),
///     "zh,en,score,bead,doc,terms\n你好。,Hello.,0.900,1-1,d,\n");
/// ```
pub trait TmWriter {
    /// Write one record. Writers skip what their format cannot hold (TMX
    /// skips one-sided units and those below `--min-confidence`) and count
    /// it in the [`WriteReport`].
    fn write_record(&mut self, record: &Record<'_>) -> Result<()>;
    /// Write one unit the aligner produced.
    fn write_unit(&mut self, unit: &TranslationUnit) -> Result<()> {
        self.write_record(&Record::from_unit(unit))
    }
    /// Write the closing part and flush.
    fn finish(&mut self) -> Result<()>;
    /// What was written, left out and cleaned so far.
    fn report(&self) -> WriteReport;
    /// Units written so far.
    fn written(&self) -> usize {
        self.report().written
    }
}

impl<T: TmWriter + ?Sized> TmWriter for Box<T> {
    fn write_record(&mut self, record: &Record<'_>) -> Result<()> {
        (**self).write_record(record)
    }
    fn write_unit(&mut self, unit: &TranslationUnit) -> Result<()> {
        (**self).write_unit(unit)
    }
    fn finish(&mut self) -> Result<()> {
        (**self).finish()
    }
    fn report(&self) -> WriteReport {
        (**self).report()
    }
}

/// Fixtures shared by the unit tests of the tm modules.
#[cfg(test)]
pub(crate) mod test_support {
    use std::ops::Range;

    use crate::Result;
    use crate::tm::read::read_tmx;
    use crate::tm::{ReadUnit, TranslationUnit};

    /// Four units covering 2-1, 1-0, 0-1 and 1-2 beads.
    pub(crate) fn units() -> Vec<TranslationUnit> {
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
                zh_lang: None,
            };
        vec![
            u("一。二。", "One and two.", 0..2, 0..1, 0.9123),
            u("三。", "", 2..3, 1..1, 0.0),
            u("", "Extra.", 3..3, 1..2, 0.0),
            u("四。", "Four. Cuatro.", 3..4, 2..4, 0.45),
        ]
    }

    /// A TMX of `(zh, en, changedate, doc)` units.
    pub(crate) fn tmx(units: &[(&str, &str, Option<&str>, &str)]) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body>\n",
        );
        for (zh, en, date, doc) in units {
            let date = date
                .map(|d| format!(" changedate=\"{d}\""))
                .unwrap_or_default();
            s.push_str(&format!(
                "<tu{date}><prop type=\"x-doc\">{doc}</prop><tuv xml:lang=\"zh-CN\"><seg>{zh}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv></tu>\n"
            ));
        }
        s.push_str("</body></tmx>\n");
        s
    }

    /// The units of a TMX string.
    pub(crate) fn read(s: &str) -> Vec<ReadUnit> {
        read_tmx(std::io::Cursor::new(s.as_bytes().to_vec()), "m.tmx", None)
            .collect::<Result<_>>()
            .unwrap()
    }
}
