//! TMX 1.4b output, valid against the LISA DTD and accepted by OmegaT,
//! memoQ, Trados and translate-toolkit.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{TmWriter, TranslationUnit};
use crate::error::{Error, Result};

/// The header attributes of a TMX file.
#[derive(Debug, Clone)]
pub struct TmxHeader {
    /// Source language code (`zh-CN`); never `*all*`.
    pub src_lang: String,
    /// Target language code (`en-US`).
    pub tgt_lang: String,
    /// `YYYYMMDDThhmmssZ`.
    pub creation_date: String,
}

impl TmxHeader {
    /// zh-CN → en-US, dated now (UTC).
    pub fn now() -> TmxHeader {
        TmxHeader {
            src_lang: "zh-CN".into(),
            tgt_lang: "en-US".into(),
            creation_date: tmx_date(time::OffsetDateTime::now_utc()),
        }
    }
}

/// Format a time as TMX wants it: `YYYYMMDDThhmmssZ` in UTC.
///
/// ```
/// let t = time::macros::datetime!(2024-07-04 09:05:00 UTC);
/// assert_eq!(termalign::tm::tmx::tmx_date(t), "20240704T090500Z");
/// ```
pub fn tmx_date(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    t.format(&fmt).expect("fixed format")
}

/// Streams units into a TMX document; [`TmWriter::finish`] closes it.
pub struct TmxWriter<W: Write> {
    xml: Writer<W>,
    header: TmxHeader,
    written: usize,
    skipped: usize,
    started: bool,
}

impl<W: Write> TmxWriter<W> {
    /// A writer; the prologue is written with the first unit (or at finish).
    pub fn new(out: W, header: TmxHeader) -> TmxWriter<W> {
        TmxWriter {
            xml: Writer::new_with_indent(out, b' ', 2),
            header,
            written: 0,
            skipped: 0,
            started: false,
        }
    }

    /// One-sided units that TMX could not hold.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    fn start(&mut self) -> Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let x = &mut self.xml;
        x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        x.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        let version = env!("CARGO_PKG_VERSION");
        x.write_event(Event::Empty(BytesStart::new("header").with_attributes([
            ("creationtool", "termalign"),
            ("creationtoolversion", version),
            ("segtype", "sentence"),
            ("o-tmf", "termalign"),
            ("adminlang", "en-US"),
            ("srclang", self.header.src_lang.as_str()),
            ("datatype", "plaintext"),
            ("creationdate", self.header.creation_date.as_str()),
        ])))?;
        x.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(())
    }

    fn tuv(&mut self, lang: &str, text: &str) -> Result<()> {
        let x = &mut self.xml;
        x.write_event(Event::Start(
            BytesStart::new("tuv").with_attributes([("xml:lang", lang)]),
        ))?;
        x.write_event(Event::Start(BytesStart::new("seg")))?;
        x.write_event(Event::Text(BytesText::new(&xml_clean(text))))?;
        x.write_event(Event::End(BytesEnd::new("seg")))?;
        x.write_event(Event::End(BytesEnd::new("tuv")))?;
        Ok(())
    }

    fn prop(&mut self, kind: &str, value: &str) -> Result<()> {
        let x = &mut self.xml;
        x.write_event(Event::Start(
            BytesStart::new("prop").with_attributes([("type", kind)]),
        ))?;
        x.write_event(Event::Text(BytesText::new(&xml_clean(value))))?;
        x.write_event(Event::End(BytesEnd::new("prop")))?;
        Ok(())
    }
}

/// Remove characters XML 1.0 forbids and trim, so `<seg>` never starts or
/// ends with whitespace.
fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect::<String>()
        .trim()
        .to_string()
}

impl<W: Write> TmWriter for TmxWriter<W> {
    fn write_unit(&mut self, u: &TranslationUnit) -> Result<()> {
        let (zh, en) = (xml_clean(&u.zh), xml_clean(&u.en));
        if zh.is_empty() || en.is_empty() {
            self.skipped += 1;
            return Ok(());
        }
        self.start()?;
        self.xml.write_event(Event::Start(BytesStart::new("tu")))?;
        self.prop("x-doc", &u.doc)?;
        self.prop("x-bead", &u.bead)?;
        self.prop("x-confidence", &format!("{:.3}", u.score))?;
        if !u.terms.is_empty() {
            self.prop("x-terms", &u.terms.join("|"))?;
        }
        let (src, tgt) = (self.header.src_lang.clone(), self.header.tgt_lang.clone());
        self.tuv(&src, &zh)?;
        self.tuv(&tgt, &en)?;
        self.xml.write_event(Event::End(BytesEnd::new("tu")))?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.start()?;
        self.xml.write_event(Event::End(BytesEnd::new("body")))?;
        self.xml.write_event(Event::End(BytesEnd::new("tmx")))?;
        let out = self.xml.get_mut();
        out.write_all(b"\n").map_err(Error::io)?;
        out.flush().map_err(Error::io)
    }

    fn written(&self) -> usize {
        self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        }
    }

    #[test]
    fn writes_expected_document() {
        let mut out = Vec::new();
        let mut w = TmxWriter::new(
            &mut out,
            TmxHeader {
                src_lang: "zh-CN".into(),
                tgt_lang: "en-US".into(),
                creation_date: "20240704T000000Z".into(),
            },
        );
        w.write_unit(&unit("“上海精神”<&>", " the \"Shanghai Spirit\" <&> \u{1}"))
            .unwrap();
        w.write_unit(&unit("只有中文。", "")).unwrap();
        w.finish().unwrap();
        assert_eq!(w.written(), 1);
        assert_eq!(w.skipped(), 1);
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
        <seg>the &quot;Shanghai Spirit&quot; &lt;&amp;&gt;</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"#,
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }
}
