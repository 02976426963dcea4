//! CSV and TSV output: header `zh,en,score,bead,doc,terms`, RFC 4180
//! quoting for CSV, none for TSV (text never holds tabs or line breaks
//! after [`clean_text`]). With `--min-confidence`, a seventh column
//! `low_confidence` (`true`/`false`) flags the units TMX leaves out. A
//! memory whose source is in a traditional script (`zh-HK`, `zh-TW`,
//! `zh-Hant`) ends with a `lang` column saying each row's.

use std::io::Write;

use crate::error::{Error, ErrorKind, Result};
use crate::tm::TmWriter;
use crate::tm::write::{
    Record, WriteReport, WriterOptions, WriterSpec, clean_text, score_string, single,
};

/// The columns every CSV/TSV memory starts with.
pub const COLUMNS: [&str; 6] = ["zh", "en", "score", "bead", "doc", "terms"];

/// The column added when the memory's source is in a traditional script
/// (`--src-lang zh-HK`, or detected in the document): each row's source
/// language (`zh-HK`, `zh-TW`, `zh-Hant`, `zh-CN`).
pub const LANG_COLUMN: &str = "lang";

/// The column added when `--min-confidence` is given.
pub const LOW_CONFIDENCE_COLUMN: &str = "low_confidence";

/// The CSV row of the format table.
pub(crate) const CSV_SPEC: WriterSpec = WriterSpec {
    files: &[""],
    needs_indices: false,
    open: |outs, opts| Box::new(CsvWriter::with_options(single(outs), opts)),
};

/// The TSV row of the format table.
pub(crate) const TSV_SPEC: WriterSpec = WriterSpec {
    files: &[""],
    needs_indices: false,
    open: |outs, opts| Box::new(CsvWriter::tsv(single(outs), opts)),
};

/// Writes every unit, one-sided ones included, as a CSV (or TSV) row.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<Bom<W>>,
    min_confidence: Option<f64>,
    excel_safe: bool,
    /// The header's source language, when it names a traditional script:
    /// then a `lang` column says each row's.
    lang: Option<String>,
    unit_langs: bool,
    started: bool,
    report: WriteReport,
}

impl<W: Write> CsvWriter<W> {
    /// A CSV writer with default options.
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter::with_options(out, &WriterOptions::default())
    }

    /// A CSV writer honouring `--bom` and `--min-confidence`.
    pub fn with_options(out: W, opts: &WriterOptions) -> CsvWriter<W> {
        CsvWriter::build(out, opts, b',', csv::QuoteStyle::Necessary)
    }

    /// A TSV writer: same columns, tab-separated, never quoted.
    pub fn tsv(out: W, opts: &WriterOptions) -> CsvWriter<W> {
        CsvWriter::build(out, opts, b'\t', csv::QuoteStyle::Never)
    }

    fn build(out: W, opts: &WriterOptions, delimiter: u8, quote: csv::QuoteStyle) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .quote_style(quote)
                .from_writer(Bom {
                    inner: out,
                    pending: opts.bom,
                }),
            min_confidence: opts.min_confidence,
            excel_safe: opts.excel_safe,
            lang: crate::script::Script::from_tag(&opts.header.src_lang)
                .filter(|s| s.is_traditional())
                .map(|_| opts.header.src_lang.clone()),
            unit_langs: opts.unit_langs,
            started: false,
            report: WriteReport::default(),
        }
    }

    fn start(&mut self) -> Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if self.min_confidence.is_some() {
            header.push(LOW_CONFIDENCE_COLUMN);
        }
        if self.lang.is_some() {
            header.push(LANG_COLUMN);
        }
        self.inner.write_record(&header).map_err(csv_err)
    }
}

/// Writes a UTF-8 byte order mark before the first bytes, when asked.
struct Bom<W: Write> {
    inner: W,
    pending: bool,
}

impl<W: Write> Write for Bom<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending {
            self.inner.write_all("\u{FEFF}".as_bytes())?;
            self.pending = false;
        }
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A cell a spreadsheet would run as a formula (it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) with a `'` in front, as OWASP's
/// CSV injection advice has it; any other cell as it is.
pub(crate) fn excel_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(io),
        other => Error::new(ErrorKind::Format, format!("{other:?}")),
    }
}

impl<W: Write> TmWriter for CsvWriter<W> {
    fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
        self.start()?;
        let removed = &mut self.report.removed_chars;
        let score = r.score.map(score_string).unwrap_or_default();
        let terms = clean_text(&r.terms.join("|"), removed).into_owned();
        let fields = [
            clean_text(r.source, removed),
            clean_text(r.target, removed),
            score.into(),
            clean_text(r.bead.unwrap_or_default(), removed),
            clean_text(r.doc.unwrap_or_default(), removed),
            terms.into(),
        ];
        for f in &fields {
            let f = if self.excel_safe {
                excel_safe(f)
            } else {
                std::borrow::Cow::Borrowed(f.as_ref())
            };
            self.inner.write_field(f.as_bytes()).map_err(csv_err)?;
        }
        if let Some(min) = self.min_confidence {
            let low = r.score.is_some_and(|s| s < min);
            self.report.flagged += usize::from(low);
            self.inner
                .write_field(if low { "true" } else { "false" })
                .map_err(csv_err)?;
        }
        if let Some(header_lang) = &self.lang {
            let lang = match r.lang {
                Some(l) if self.unit_langs => l,
                _ => header_lang,
            };
            self.inner.write_field(lang).map_err(csv_err)?;
        }
        self.inner.write_record(None::<&[u8]>).map_err(csv_err)?;
        self.report.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        // An empty memory still gets its header, so scripts can read it.
        self.start()?;
        self.inner.flush().map_err(Error::io)
    }

    fn report(&self) -> WriteReport {
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::TranslationUnit;

    fn unit(zh: &str, en: &str, score: f64) -> TranslationUnit {
        TranslationUnit {
            zh: zh.into(),
            en: en.into(),
            score,
            bead: "2-1".into(),
            doc: "sco".into(),
            terms: vec!["上海精神".into(), "一带一路".into()],
            zh_sentences: 3..5,
            en_sentences: 4..5,
            zh_lang: None,
        }
    }

    fn write(opts: &WriterOptions, tsv: bool, units: &[TranslationUnit]) -> (String, WriteReport) {
        let mut out = Vec::new();
        let mut w = if tsv {
            CsvWriter::tsv(&mut out, opts)
        } else {
            CsvWriter::with_options(&mut out, opts)
        };
        for u in units {
            w.write_unit(u).unwrap();
        }
        w.finish().unwrap();
        let report = w.report();
        drop(w);
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn csv_quotes_per_rfc_4180_and_keeps_one_sided_rows() {
        let units = [
            unit("他说：“你好，世界”", "He said, \"hello\nworld\"", 0.8),
            unit("只有中文。", "", 0.2),
        ];
        let (s, r) = write(&WriterOptions::default(), false, &units);
        assert_eq!(
            s,
            "zh,en,score,bead,doc,terms\n\
             他说：“你好，世界”,\"He said, \"\"hello world\"\"\",0.800,2-1,sco,上海精神|一带一路\n\
             只有中文。,,0.200,2-1,sco,上海精神|一带一路\n"
        );
        assert_eq!(r.written, 2);
    }

    #[test]
    fn tsv_never_quotes_and_bom_and_flag_column() {
        let opts = WriterOptions {
            bom: true,
            min_confidence: Some(0.5),
            ..WriterOptions::default()
        };
        let units = [
            unit("“引号”\t中", "\"quoted\"", 0.9),
            unit("低", "low", 0.3),
        ];
        let (s, r) = write(&opts, true, &units);
        assert_eq!(
            s,
            "\u{FEFF}zh\ten\tscore\tbead\tdoc\tterms\tlow_confidence\n\
             “引号” 中\t\"quoted\"\t0.900\t2-1\tsco\t上海精神|一带一路\tfalse\n\
             低\tlow\t0.300\t2-1\tsco\t上海精神|一带一路\ttrue\n"
        );
        assert_eq!((r.written, r.flagged), (2, 1));
    }

    #[test]
    fn excel_safe_prefixes_formula_cells_only() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("-5% growth", "'-5% growth"),
            ("+1", "'+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Growth of -5%", "Growth of -5%"),
            ("", ""),
        ] {
            assert_eq!(excel_safe(cell), want);
        }
    }

    #[test]
    fn empty_memory_has_a_header() {
        let (s, _) = write(&WriterOptions::default(), false, &[]);
        assert_eq!(s, "zh,en,score,bead,doc,terms\n");
    }
}
