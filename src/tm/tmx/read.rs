//! The streaming TMX reader: any version (1.1 to 1.4b), UTF-8 or UTF-16,
//! one [`ReadUnit`] at a time, so memory stays bounded by the largest unit.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, ErrorKind, Result};
use crate::tm::ReadUnit;
use crate::tm::source::{Source, count_newlines};

/// The source language assumed when none is given: termalign's memories are
/// Chinese → English.
pub const DEFAULT_SOURCE_LANG: &str = "zh";

/// Elements whose content is native markup (codes), not text: dropped when
/// flattening a segment. `<sub>` inside them is a sub-flow, dropped with its
/// parent; `<hi>` is text and kept.
fn is_code_element(name: &str) -> bool {
    matches!(name, "bpt" | "ept" | "it" | "ph" | "ut")
}

/// The primary language subtag, lowercased: `zh-Hans-CN` → `zh`, `en_GB` → `en`.
pub fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[derive(Default)]
struct TuState {
    line: u64,
    date: Option<String>,
    props: Vec<(String, String)>,
    /// (language, flattened text) per `<tuv>`.
    tuvs: Vec<(String, String)>,
}

/// Where inside a `<tu>` the parser is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Outside,
    Tu,
    Prop,
    Tuv,
    Seg,
}

/// A streaming TMX reader; see [`read_tmx`].
pub struct TmxReader<R: BufRead> {
    xml: quick_xml::Reader<Source<R>>,
    buf: Vec<u8>,
    file: String,
    src_primary: String,
    header_src: Option<String>,
    number: usize,
    tu: Option<TuState>,
    at: In,
    prop_type: String,
    prop_text: String,
    tuv_lang: String,
    seg_text: String,
    /// Depth of code elements (`<ph>`, `<bpt>`…) inside the current `<seg>`.
    code_depth: usize,
    done: bool,
    /// Open elements, from the root down: a file that ends with any open
    /// is truncated.
    depth: usize,
    /// A `<tmx>` root was opened; a `<body>` inside it.
    root_seen: bool,
    body_seen: bool,
}

/// Stream the units of a TMX document read from `reader`; `file` names it
/// in errors and units. `src_lang` picks the source `<tuv>` by primary
/// subtag (default: Chinese); the target is the first `<tuv>` in another
/// language.
///
/// Tolerated: a UTF-8 or UTF-16 BOM, a DOCTYPE, `xml:lang` or the old
/// `lang`, inline codes (`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<ut>` dropped,
/// `<hi>` kept as text). Refused, with file and line: entity declarations
/// in the DOCTYPE and references to entities other than the five XML
/// predefines (external entities, expansion bombs), malformed XML.
pub fn read_tmx<R: BufRead + 'static>(
    reader: R,
    file: &str,
    src_lang: Option<&str>,
) -> TmxReader<R> {
    let mut xml = quick_xml::Reader::from_reader(Source::new(reader));
    let cfg = xml.config_mut();
    cfg.trim_text(false);
    cfg.expand_empty_elements = false;
    cfg.check_end_names = true;
    TmxReader {
        xml,
        buf: Vec::with_capacity(4096),
        file: file.to_string(),
        src_primary: primary_subtag(src_lang.unwrap_or(DEFAULT_SOURCE_LANG)),
        header_src: None,
        number: 0,
        tu: None,
        at: In::Outside,
        prop_type: String::new(),
        prop_text: String::new(),
        tuv_lang: String::new(),
        seg_text: String::new(),
        code_depth: 0,
        done: false,
        depth: 0,
        root_seen: false,
        body_seen: false,
    }
}

impl<R: BufRead> TmxReader<R> {
    /// The header's `srclang`, once the header has been read.
    pub fn header_srclang(&self) -> Option<&str> {
        self.header_src.as_deref()
    }

    fn err(&self, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Format, message)
            .with_path(&self.file)
            .with_line(self.xml.get_ref().lines + 1)
    }

    fn attr(&self, e: &BytesStart<'_>, names: &[&str]) -> Result<Option<String>> {
        for a in e.attributes() {
            let a = a.map_err(|err| self.err(format!("bad attribute: {err}")))?;
            if names.contains(&a.key.as_ref()) {
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| {
                        self.err(format!(
                            "attribute {}: {err} (DTD entities are not expanded)",
                            a.key.as_ref()
                        ))
                    })?;
                return Ok(Some(v.into_owned()));
            }
        }
        Ok(None)
    }

    fn push_text(&mut self, s: &str) {
        match self.at {
            In::Seg if self.code_depth == 0 => self.seg_text.push_str(s),
            In::Prop => self.prop_text.push_str(s),
            _ => {}
        }
    }

    /// The document's shape: one `<tmx>` root holding a `<body>`.
    fn shape(&mut self, name: &str, empty: bool) -> Result<()> {
        if self.depth == 0 {
            if self.root_seen {
                return Err(self.err(format!("<{name}> after the end of <tmx>")));
            }
            if name != "tmx" {
                return Err(self.err(format!(
                    "the root element is <{name}>, not <tmx>: not a TMX file"
                )));
            }
            self.root_seen = true;
        } else if self.depth == 1 && name == "body" {
            self.body_seen = true;
        }
        if !empty {
            self.depth += 1;
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<()> {
        let name = e.local_name();
        let name = name.as_ref();
        self.shape(name, empty)?;
        match (self.at, name) {
            (In::Outside, "header") => {
                self.header_src = self.attr(e, &["srclang"])?;
            }
            (In::Outside, "tu") => {
                // The tag itself may span lines: its start is before them.
                let inside = count_newlines(e.as_bytes());
                let line = self.xml.get_ref().lines + 1 - inside;
                let date = self.attr(e, &["changedate"])?;
                let date = match date {
                    Some(d) => Some(d),
                    None => self.attr(e, &["creationdate"])?,
                };
                self.tu = Some(TuState {
                    line,
                    date,
                    ..TuState::default()
                });
                self.at = In::Tu;
                if empty {
                    self.end_tu();
                }
            }
            (In::Tu, "prop") => {
                self.prop_type = self.attr(e, &["type"])?.unwrap_or_default();
                self.prop_text.clear();
                if empty {
                    self.end_prop();
                } else {
                    self.at = In::Prop;
                }
            }
            (In::Tu, "tuv") => {
                self.tuv_lang = self
                    .attr(e, &["xml:lang", "lang"])?
                    .ok_or_else(|| self.err("<tuv> without xml:lang"))?;
                if !empty {
                    self.at = In::Tuv;
                }
            }
            (In::Tuv, "seg") => {
                self.seg_text.clear();
                self.code_depth = 0;
                if empty {
                    self.end_seg();
                } else {
                    self.at = In::Seg;
                }
            }
            (In::Seg, n) if is_code_element(n) && !empty => self.code_depth += 1,
            _ => {}
        }
        Ok(())
    }

    fn end_prop(&mut self) {
        if let Some(tu) = &mut self.tu {
            tu.props.push((
                std::mem::take(&mut self.prop_type),
                std::mem::take(&mut self.prop_text),
            ));
        }
        self.at = In::Tu;
    }

    fn end_seg(&mut self) {
        if let Some(tu) = &mut self.tu {
            tu.tuvs.push((
                std::mem::take(&mut self.tuv_lang),
                std::mem::take(&mut self.seg_text),
            ));
        }
        self.at = In::Tuv;
    }

    fn end_tu(&mut self) -> Option<ReadUnit> {
        self.at = In::Outside;
        let tu = self.tu.take()?;
        self.number += 1;
        let src = tu
            .tuvs
            .iter()
            .position(|(l, _)| primary_subtag(l) == self.src_primary);
        let tgt = tu
            .tuvs
            .iter()
            .position(|(l, _)| primary_subtag(l) != self.src_primary);
        let mut tuvs = tu.tuvs;
        let (source_lang, source) = src
            .map(|i| std::mem::take(&mut tuvs[i]))
            .unwrap_or_default();
        let (target_lang, target) = tgt
            .map(|i| std::mem::take(&mut tuvs[i]))
            .unwrap_or_default();
        Some(ReadUnit {
            number: self.number,
            file: self.file.clone(),
            line: tu.line,
            source,
            target,
            props: tu.props,
            source_lang,
            target_lang,
            date: tu.date,
        })
    }

    fn end(&mut self, name: &str) -> Option<ReadUnit> {
        match (self.at, name) {
            (In::Seg, "seg") => self.end_seg(),
            (In::Seg, n) if is_code_element(n) => {
                self.code_depth = self.code_depth.saturating_sub(1)
            }
            (In::Tuv, "tuv") => self.at = In::Tu,
            (In::Prop, "prop") => self.end_prop(),
            (In::Tu, "tu") => return self.end_tu(),
            _ => {}
        }
        None
    }

    fn next_unit(&mut self) -> Result<Option<ReadUnit>> {
        // The buffer is taken out of `self` so events can borrow it while
        // the handlers borrow `self`: no copy of any event.
        let mut buf = std::mem::take(&mut self.buf);
        let r = self.next_unit_with(&mut buf);
        self.buf = buf;
        r
    }

    fn next_unit_with(&mut self, buf: &mut Vec<u8>) -> Result<Option<ReadUnit>> {
        loop {
            buf.clear();
            let ev = match self.xml.read_event_into(buf) {
                Ok(ev) => ev,
                Err(e) => return Err(self.err(format!("malformed XML: {e}"))),
            };
            match ev {
                Event::Start(e) => self.start(&e, false)?,
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    if let Some(u) = self.end(e.local_name().as_ref()) {
                        return Ok(Some(u));
                    }
                }
                Event::Text(t) => {
                    if self.depth == 0 && !t.as_ref().chars().all(|c| c.is_ascii_whitespace()) {
                        // Name the line where the text starts.
                        let after = t.as_ref().trim_start().matches('\n').count() as u64;
                        let line = self.xml.get_ref().lines + 1 - after;
                        return Err(Error::new(
                            ErrorKind::Format,
                            if self.root_seen {
                                "text after the end of <tmx>"
                            } else {
                                "text before the <tmx> element: not a TMX file"
                            },
                        )
                        .with_path(&self.file)
                        .with_line(line));
                    }
                    if matches!(self.at, In::Seg | In::Prop) {
                        let s = t.xml10_content();
                        self.push_text(&s);
                    }
                }
                Event::CData(t) => {
                    if matches!(self.at, In::Seg | In::Prop) {
                        let s = t.xml10_content();
                        self.push_text(&s);
                    }
                }
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match predefined_entity(&r) {
                            Some(c) => c,
                            None => {
                                return Err(self.err(format!(
                                    "entity reference `&{};` refused: termalign does not expand DTD entities (external entities and expansion bombs)",
                                    &*r
                                )));
                            }
                        },
                        Err(e) => {
                            return Err(
                                self.err(format!("bad character reference `&{};`: {e}", &*r))
                            );
                        }
                    };
                    let mut b = [0u8; 4];
                    self.push_text(c.encode_utf8(&mut b));
                }
                Event::DocType(d) => {
                    if let Some(at) = d.find("<!ENTITY") {
                        // Name the line of the first declaration, not the `]>`.
                        let after = count_newlines(&d.as_bytes()[at..]);
                        let line = self.xml.get_ref().lines + 1 - after;
                        return Err(Error::new(
                            ErrorKind::Format,
                            "DOCTYPE declares entities: refused (external entities and entity expansion bombs are not read)",
                        )
                        .with_path(&self.file)
                        .with_line(line));
                    }
                }
                Event::Eof => {
                    if self.at != In::Outside {
                        return Err(
                            self.err("unexpected end of file inside a <tu> (truncated file?)")
                        );
                    }
                    if !self.root_seen {
                        return Err(self.err("no <tmx> element: empty or not a TMX file"));
                    }
                    if self.depth > 0 {
                        return Err(self.err(format!(
                            "unexpected end of file: {} element(s) still open (truncated file?)",
                            self.depth
                        )));
                    }
                    if !self.body_seen {
                        return Err(self.err("<tmx> has no <body>"));
                    }
                    return Ok(None);
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
    }
}

fn predefined_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<ReadUnit>;

    fn next(&mut self) -> Option<Result<ReadUnit>> {
        if self.done {
            return None;
        }
        match self.next_unit() {
            Ok(Some(u)) => Some(Ok(u)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmx(s: &str) -> Vec<Result<ReadUnit>> {
        read_tmx(std::io::Cursor::new(s.as_bytes().to_vec()), "t.tmx", None).collect()
    }

    fn ok(s: &str) -> Vec<ReadUnit> {
        tmx(s).into_iter().collect::<Result<_>>().unwrap()
    }

    fn body(tus: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header srclang=\"zh-CN\" creationdate=\"20240101T000000Z\"/>\n<body>\n{tus}\n</body>\n</tmx>\n"
        )
    }

    #[test]
    fn languages_match_by_primary_subtag_and_old_lang() {
        for (src, tgt) in [
            ("zh-CN", "en-US"),
            ("zh-Hans", "en-GB"),
            ("zh", "en"),
            ("ZH-tw", "EN"),
            ("zh_CN", "en_US"),
        ] {
            for attr in ["xml:lang", "lang"] {
                let doc = body(&format!(
                    "<tu><tuv {attr}=\"{tgt}\"><seg>Hello.</seg></tuv><tuv {attr}=\"{src}\"><seg>你好。</seg></tuv></tu>"
                ));
                let u = &ok(&doc)[0];
                assert_eq!((u.source.as_str(), u.target.as_str()), ("你好。", "Hello."));
                assert_eq!((u.source_lang.as_str(), u.target_lang.as_str()), (src, tgt));
            }
        }
    }

    #[test]
    fn explicit_source_language() {
        let doc = body(
            "<tu><tuv xml:lang=\"zh-CN\"><seg>你好。</seg></tuv><tuv xml:lang=\"en-US\"><seg>Hello.</seg></tuv></tu>",
        );
        let u: Vec<_> = read_tmx(std::io::Cursor::new(doc.into_bytes()), "t", Some("en-GB"))
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(u[0].source, "Hello.");
        assert_eq!(u[0].target, "你好。");
    }

    #[test]
    fn inline_codes_are_dropped_and_hi_kept() {
        let cases = [
            ("a<ph x=\"1\">&lt;br/&gt;</ph>b", "ab"),
            (
                "<bpt i=\"1\">&lt;b&gt;</bpt>bold<ept i=\"1\">&lt;/b&gt;</ept>",
                "bold",
            ),
            ("x<it pos=\"begin\">&lt;i&gt;</it>y", "xy"),
            ("<hi type=\"b\">上海精神</hi>很重要", "上海精神很重要"),
            ("p<ph>code<sub>alt text</sub>more</ph>q", "pq"),
            ("u<ut>{\\b}</ut>v", "uv"),
            ("e<ph/>f", "ef"),
            ("&amp;&lt;&gt;&quot;&apos;&#x4E2D;&#25991;", "&<>\"'中文"),
            ("<![CDATA[a<b]]>c", "a<bc"),
        ];
        for (seg, want) in cases {
            let doc = body(&format!(
                "<tu><tuv xml:lang=\"zh-CN\"><seg>{seg}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{seg}</seg></tuv></tu>"
            ));
            let u = &ok(&doc)[0];
            assert_eq!(u.source, want, "{seg}");
            assert_eq!(u.target, want, "{seg}");
        }
    }

    #[test]
    fn lines_numbers_props_and_dates() {
        let doc = body(
            "<tu\n  changedate=\"20240102T000000Z\">\n<prop type=\"x-doc\">a&amp;b</prop><prop type=\"x-bead\">2-1</prop>\n<tuv xml:lang=\"zh-CN\"><seg>一</seg></tuv>\n<tuv xml:lang=\"en-US\"><seg>One</seg></tuv></tu>\n<tu creationdate=\"20230101T000000Z\"><tuv xml:lang=\"zh-CN\"><seg>二</seg></tuv><tuv xml:lang=\"en-US\"><seg/></tuv></tu>",
        );
        let u = ok(&doc);
        assert_eq!(u.len(), 2);
        assert_eq!((u[0].number, u[0].line), (1, 5));
        assert_eq!((u[1].number, u[1].line), (2, 10));
        assert_eq!(
            u[0].props,
            [
                ("x-doc".into(), "a&b".into()),
                ("x-bead".into(), "2-1".into())
            ]
        );
        assert_eq!(u[0].date.as_deref(), Some("20240102T000000Z"));
        assert_eq!(u[1].date.as_deref(), Some("20230101T000000Z"));
        assert_eq!(u[1].target, "");
        assert_eq!(u[0].file, "t.tmx");
    }

    #[test]
    fn bom_doctype_and_utf16() {
        let doc = body(
            "<tu><tuv xml:lang=\"zh-CN\"><seg>中文</seg></tuv><tuv xml:lang=\"en-US\"><seg>Chinese</seg></tuv></tu>",
        )
        .replace(
            "<tmx ",
            "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx ",
        );
        let with_bom = format!("\u{FEFF}{doc}");
        assert_eq!(ok(&with_bom)[0].source, "中文");
        assert_eq!(ok(&with_bom)[0].line, 6);
        for le in [true, false] {
            let mut bytes = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for c in doc.replace("UTF-8", "UTF-16").encode_utf16() {
                bytes.extend(if le { c.to_le_bytes() } else { c.to_be_bytes() });
            }
            let u: Vec<_> = read_tmx(std::io::Cursor::new(bytes), "t", None)
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(
                (u[0].source.as_str(), u[0].target.as_str()),
                ("中文", "Chinese")
            );
            assert_eq!(u[0].line, 6);
        }
    }

    #[test]
    fn entities_are_refused_with_file_and_line() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"zh\"><seg>&b;</seg></tuv></tu></body></tmx>";
        let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"zh\"><seg>&x;</seg></tuv></tu></body></tmx>";
        let undeclared = body("<tu><tuv xml:lang=\"zh\"><seg>&nbsp;</seg></tuv></tu>");
        for (doc, line, word) in [
            (bomb, 3, "DOCTYPE declares entities"),
            (xxe, 2, "DOCTYPE declares entities"),
            (undeclared.as_str(), 5, "`&nbsp;` refused"),
        ] {
            let r = tmx(doc);
            let e = r.last().unwrap().as_ref().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Format);
            assert_eq!(e.line(), Some(line), "{e}");
            assert!(e.to_string().starts_with("t.tmx:"), "{e}");
            assert!(e.to_string().contains(word), "{e}");
        }
    }

    #[test]
    fn malformed_xml_is_an_error_with_line_and_stops() {
        let doc = body(
            "<tu><tuv xml:lang=\"zh\"><seg>一</seg></tuv></tu>\n<tu><tuv xml:lang=\"zh\"><seg>二</tuv></tu>",
        );
        let r = tmx(&doc);
        assert_eq!(r.len(), 2);
        assert!(r[0].is_ok());
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.line(), Some(6), "{e}");
        let truncated = "<tmx><body><tu><tuv xml:lang=\"zh\"><seg>一</seg>";
        assert!(tmx(truncated).last().unwrap().is_err());
        let nolang = body("<tu><tuv><seg>x</seg></tuv></tu>");
        assert!(
            tmx(&nolang)[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("xml:lang")
        );
    }
}
