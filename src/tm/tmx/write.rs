//! TMX 1.4b output, valid against the LISA DTD and accepted by OmegaT,
//! memoQ, Trados and translate-toolkit.

use std::fmt::Write as _;
use std::io::Write;

use quick_xml::escape::escape;

use crate::error::{Error, Result};
use crate::tm::TmWriter;
use crate::tm::header::{TmxHeader, is_tmx_date};
use crate::tm::write::{
    Record, WriteReport, WriterOptions, WriterSpec, clean_text, push_score, single,
};
use crate::tm::xml_escape::{push_escaped, push_escaped_text};

/// The TMX row of the format table.
pub(crate) const SPEC: WriterSpec = WriterSpec {
    files: &[""],
    needs_indices: false,
    open: |outs, opts| Box::new(TmxWriter::with_options(single(outs), opts)),
};

/// Streams units into a TMX document; [`TmWriter::finish`] closes it.
///
/// Each `<tu>` holds `x-doc`, `x-bead`, `x-confidence` and `x-terms`
/// properties (those known), any other properties of a unit read back, a
/// `<note>` when the confidence is below the review threshold, then the
/// source `<tuv>` and the target `<tuv>`. One-sided units and units below
/// `--min-confidence` are skipped and counted. Text is cleaned by
/// [`clean_text`] and XML-escaped.
pub struct TmxWriter<W: Write> {
    out: W,
    header: TmxHeader,
    min_confidence: Option<f64>,
    review_below: f64,
    unit_langs: bool,
    report: WriteReport,
    started: bool,
    /// One `<tu>` is built here, then written with one call.
    buf: String,
}

impl<W: Write> TmxWriter<W> {
    /// A writer with default options; the prologue is written with the
    /// first unit (or at finish).
    pub fn new(out: W, header: TmxHeader) -> TmxWriter<W> {
        TmxWriter::with_options(
            out,
            &WriterOptions {
                header,
                ..WriterOptions::default()
            },
        )
    }

    /// A writer with the header, `--min-confidence` and review threshold of
    /// `opts`.
    pub fn with_options(out: W, opts: &WriterOptions) -> TmxWriter<W> {
        TmxWriter {
            out,
            header: opts.header.clone(),
            min_confidence: opts.min_confidence,
            review_below: opts.review_below,
            unit_langs: opts.unit_langs,
            report: WriteReport::default(),
            started: false,
            buf: String::with_capacity(1024),
        }
    }

    /// Units left out because one side is empty (after cleaning).
    pub fn skipped(&self) -> usize {
        self.report.one_sided
    }

    fn start(&mut self) -> Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let h = &self.header;
        let head = format!(
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<tmx version=\"1.4\">\n",
                "  <header creationtool=\"termalign\" creationtoolversion=\"{}\" segtype=\"sentence\"",
                " o-tmf=\"termalign\" adminlang=\"en-US\" srclang=\"{}\" datatype=\"plaintext\"",
                " creationdate=\"{}\"/>\n",
                "  <body>\n"
            ),
            env!("CARGO_PKG_VERSION"),
            escape(&h.src_lang),
            escape(&h.creation_date),
        );
        self.out.write_all(head.as_bytes()).map_err(Error::io)
    }

    /// A `<prop>`; `kind` is one of ours (already clean) unless `foreign`.
    fn prop(&mut self, kind: &str, value: &str, foreign: bool) {
        let value = clean_text(value, &mut self.report.removed_chars);
        if value.is_empty() {
            return;
        }
        self.buf.push_str("      <prop type=\"");
        if foreign {
            let kind = clean_text(kind, &mut self.report.removed_chars);
            push_escaped(&mut self.buf, &kind);
        } else {
            self.buf.push_str(kind);
        }
        self.buf.push_str("\">");
        push_escaped_text(&mut self.buf, &value);
        self.buf.push_str("</prop>\n");
    }
}

impl<W: Write> TmxWriter<W> {
    /// `x-terms`: the terms joined with `|`, without building the string.
    fn terms(&mut self, terms: &[&str]) {
        let start = self.buf.len();
        self.buf.push_str("      <prop type=\"x-terms\">");
        let mut any = false;
        for t in terms {
            let t = clean_text(t, &mut self.report.removed_chars);
            if t.is_empty() {
                continue;
            }
            if any {
                self.buf.push('|');
            }
            any = true;
            push_escaped_text(&mut self.buf, &t);
        }
        if any {
            self.buf.push_str("</prop>\n");
        } else {
            self.buf.truncate(start);
        }
    }
}

fn push_tuv(buf: &mut String, lang: &str, text: &str) {
    buf.push_str("      <tuv xml:lang=\"");
    push_escaped(buf, lang);
    buf.push_str("\">\n        <seg>");
    push_escaped_text(buf, text);
    buf.push_str("</seg>\n      </tuv>\n");
}

impl<W: Write> TmWriter for TmxWriter<W> {
    fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
        let Some((src, tgt)) = self.report.pair_texts(r, self.min_confidence) else {
            return Ok(());
        };
        self.start()?;
        self.buf.clear();
        match r.date {
            Some(d) if is_tmx_date(d) => {
                let _ = writeln!(self.buf, "    <tu changedate=\"{d}\">");
            }
            _ => self.buf.push_str("    <tu>\n"),
        }
        if let Some(doc) = r.doc {
            self.prop("x-doc", doc, false);
        }
        if let Some(bead) = r.bead {
            self.prop("x-bead", bead, false);
        }
        if let Some(score) = r.score {
            self.buf.push_str("      <prop type=\"x-confidence\">");
            push_score(&mut self.buf, score);
            self.buf.push_str("</prop>\n");
        }
        if !r.terms.is_empty() {
            self.terms(&r.terms);
        }
        for (k, v) in r.extra {
            self.prop(k, v, true);
        }
        if let Some(score) = r.score
            && score < self.review_below
        {
            self.buf.push_str("      <note>low alignment confidence (");
            push_score(&mut self.buf, score);
            self.buf.push_str("): review this pair</note>\n");
        }
        let src_lang = match r.lang {
            Some(l) if self.unit_langs => l,
            _ => &self.header.src_lang,
        };
        push_tuv(&mut self.buf, src_lang, &src);
        push_tuv(&mut self.buf, &self.header.tgt_lang, &tgt);
        self.buf.push_str("    </tu>\n");
        self.out.write_all(self.buf.as_bytes()).map_err(Error::io)?;
        self.report.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.start()?;
        self.out
            .write_all(b"  </body>\n</tmx>\n")
            .map_err(Error::io)?;
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
    use crate::tm::tmx::read::read_tmx;

    fn unit(zh: &str, en: &str) -> TranslationUnit {
        TranslationUnit {
            zh: zh.into(),
            en: en.into(),
            score: 0.91234,
            bead: "1-1".into(),
            doc: "sco".into(),
            terms: vec!["上海精神".into()],
            zh_sentences: 0..1,
            en_sentences: 0..1,
            zh_lang: None,
        }
    }

    fn header() -> TmxHeader {
        TmxHeader {
            src_lang: "zh-CN".into(),
            tgt_lang: "en-US".into(),
            creation_date: "20240704T000000Z".into(),
        }
    }

    fn write(opts: &WriterOptions, units: &[TranslationUnit]) -> (String, WriteReport) {
        let mut out = Vec::new();
        let mut w = TmxWriter::with_options(&mut out, opts);
        for u in units {
            w.write_unit(u).unwrap();
        }
        w.finish().unwrap();
        let r = w.report();
        drop(w);
        (String::from_utf8(out).unwrap(), r)
    }

    fn opts() -> WriterOptions {
        WriterOptions {
            header: header(),
            ..WriterOptions::default()
        }
    }

    #[test]
    fn writes_expected_document() {
        let mut out = Vec::new();
        let mut w = TmxWriter::new(&mut out, header());
        w.write_unit(&unit("“上海精神”<&>", " the \"Shanghai Spirit\" <&> \u{1}"))
            .unwrap();
        w.write_unit(&unit("只有中文。", "")).unwrap();
        w.finish().unwrap();
        assert_eq!(w.written(), 1);
        assert_eq!(w.skipped(), 1);
        assert_eq!(w.report().removed_chars, 1);
        let want = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="termalign" creationtoolversion="{}" segtype="sentence" o-tmf="termalign" adminlang="en-US" srclang="zh-CN" datatype="plaintext" creationdate="20240704T000000Z"/>
  <body>
    <tu>
      <prop type="x-doc">sco</prop>
      <prop type="x-bead">1-1</prop>
      <prop type="x-confidence">0.912</prop>
      <prop type="x-terms">上海精神</prop>
      <tuv xml:lang="zh-CN">
        <seg>“上海精神”&lt;&amp;&gt;</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>the "Shanghai Spirit" &lt;&amp;&gt;</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"#,
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn hygiene_rules() {
        // (zh, en, expected zh seg, expected en seg or None when skipped, removed)
        let cases: &[(&str, &str, &str, Option<&str>, usize)] = &[
            (
                "控制\u{0}字符\u{1B}",
                "control\u{7} char",
                "控制字符",
                Some("control char"),
                3,
            ),
            ("a]]>b", "x ]]> y", "a]]&gt;b", Some("x ]]&gt; y"), 0),
            (
                "R&D<研发>",
                "R&D <lab>",
                "R&amp;D&lt;研发&gt;",
                Some("R&amp;D &lt;lab&gt;"),
                0,
            ),
            ("空句。", "", "", None, 0),
            ("空句。", " \u{3000} ", "", None, 0),
            ("", "Empty.", "", None, 0),
            ("\u{FFFE}\u{FFFF}", "Only forbidden.", "", None, 0),
            ("  前后空格 ", "\tpadded\n", "前后空格", Some("padded"), 0),
        ];
        for &(zh, en, want_zh, want_en, removed) in cases {
            let (doc, r) = write(&opts(), &[unit(zh, en)]);
            match want_en {
                Some(want_en) => {
                    assert!(
                        doc.contains(&format!("<seg>{want_zh}</seg>")),
                        "{zh:?}: {doc}"
                    );
                    assert!(
                        doc.contains(&format!("<seg>{want_en}</seg>")),
                        "{en:?}: {doc}"
                    );
                    assert_eq!((r.written, r.removed_chars), (1, removed), "{zh:?}");
                }
                None => {
                    assert!(!doc.contains("<tu"), "{zh:?}: {doc}");
                    assert_eq!((r.written, r.one_sided), (0, 1), "{zh:?}");
                }
            }
            assert!(!doc.contains("<seg></seg>"));
            // Whatever went in, the result parses back.
            let back: Vec<_> = read_tmx(std::io::Cursor::new(doc.into_bytes()), "t", None)
                .collect::<crate::Result<_>>()
                .unwrap();
            assert_eq!(back.len(), r.written);
        }
    }

    #[test]
    fn min_confidence_drops_and_review_note() {
        let mut units = vec![
            unit("高。", "High."),
            unit("中。", "Mid."),
            unit("低。", "Low."),
        ];
        units[1].score = 0.35;
        units[2].score = 0.1;
        let o = WriterOptions {
            min_confidence: Some(0.2),
            ..opts()
        };
        let (doc, r) = write(&o, &units);
        assert_eq!((r.written, r.below_min), (2, 1));
        assert!(!doc.contains("低。"));
        assert_eq!(doc.matches("<note>").count(), 1);
        assert!(doc.contains("<note>low alignment confidence (0.350): review this pair</note>"));
        let (doc, r) = write(&opts(), &units);
        assert_eq!((r.written, r.below_min), (3, 0));
        assert_eq!(doc.matches("<note>").count(), 2);
    }

    #[test]
    fn languages_and_dates_from_options() {
        let o = WriterOptions {
            header: TmxHeader {
                src_lang: "zh-Hans".into(),
                tgt_lang: "en-GB".into(),
                creation_date: "20200101T120000Z".into(),
            },
            ..WriterOptions::default()
        };
        let (doc, _) = write(&o, &[unit("一。", "One.")]);
        assert!(doc.contains(r#"srclang="zh-Hans""#));
        assert!(doc.contains(r#"creationdate="20200101T120000Z""#));
        assert!(doc.contains(r#"<tuv xml:lang="zh-Hans">"#));
        assert!(doc.contains(r#"<tuv xml:lang="en-GB">"#));
        assert!(!doc.contains("*all*"));
    }

    #[test]
    fn same_input_same_bytes() {
        let units = [unit("一。", "One."), unit("二。", "Two.")];
        assert_eq!(write(&opts(), &units).0, write(&opts(), &units).0);
    }
}
