//! Translation memory: units built from an alignment, the writers that
//! emit them (TMX 1.4b, CSV, TSV, moses, beads, JSONL; every format is one
//! [`TmWriter`]), the streaming readers ([`read`]) and the maintenance
//! operations ([`merge`]: merge, stats, convert).

pub mod beads;
pub mod csv;
pub mod merge;
pub mod moses;
pub mod read;
pub mod tmx;
pub mod write;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::error::Result;

pub use self::csv::CsvWriter;
pub use beads::{BeadsWriter, JsonlWriter};
pub use moses::MosesWriter;
pub use tmx::{TmxHeader, TmxWriter};
pub use write::{Record, TmOutput, WriteReport, WriterOptions};

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
///         zh_sentences: 0..1, en_sentences: 0..1,
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

/// Output formats for translation memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TMX 1.4b.
    Tmx,
    /// Comma-separated values with a header row (`zh,en,score,bead,doc,terms`).
    Csv,
    /// Tab-separated values, same columns, no quoting.
    Tsv,
    /// Parallel text for MT training: `OUT.zh` and `OUT.en`, one segment
    /// per line.
    Moses,
    /// One bead per line: `zh_indices<TAB>en_indices<TAB>confidence`.
    Beads,
    /// One JSON object per bead, with its texts.
    Jsonl,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 6] = [
        Format::Tmx,
        Format::Csv,
        Format::Tsv,
        Format::Moses,
        Format::Beads,
        Format::Jsonl,
    ];

    /// Guess from a file name's extension (`.tmx`, `.csv`, `.tsv`/`.tab`,
    /// `.jsonl`, `.beads`).
    ///
    /// ```
    /// use termalign::tm::Format;
    /// assert_eq!(Format::from_path("a/b.TMX".as_ref()), Some(Format::Tmx));
    /// assert_eq!(Format::from_path("b.tab".as_ref()), Some(Format::Tsv));
    /// assert_eq!(Format::from_path("b.txt".as_ref()), None);
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "tab" => Some(Format::Tsv),
            "moses" => None,
            ext => ext.parse().ok(),
        }
    }

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Moses => "moses",
            Format::Beads => "beads",
            Format::Jsonl => "jsonl",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                format!("unknown format `{s}` (expected tmx, csv, tsv, moses, beads or jsonl)")
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
