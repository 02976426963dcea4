//! Streaming readers for translation memory: TMX (any version, UTF-8 or
//! UTF-16), CSV and TSV. Each yields [`ReadUnit`]s one at a time, so memory
//! stays bounded by the largest unit, not by the file.
//!
//! ```
//! use termalign::tm::read::read_tmx;
//! let tmx = r#"<?xml version="1.0"?>
//! <!DOCTYPE tmx SYSTEM "tmx14.dtd">
//! <tmx version="1.4"><header srclang="zh-CN"/><body>
//! <tu><prop type="x-doc">a</prop>
//!   <tuv xml:lang="en-US"><seg>Click <ph>&lt;b&gt;</ph>here</seg></tuv>
//!   <tuv lang="zh-Hans"><seg>点击这里</seg></tuv>
//! </tu></body></tmx>"#;
//! let units: Vec<_> = read_tmx(tmx.as_bytes(), "t.tmx", None)
//!     .collect::<Result<_, _>>().unwrap();
//! assert_eq!(units[0].source, "点击这里");
//! assert_eq!(units[0].target, "Click here");
//! assert_eq!(units[0].line, 4);
//! assert_eq!(units[0].props, [("x-doc".to_string(), "a".to_string())]);
//! ```

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::ReadUnit;
use crate::error::{Error, ErrorKind, Result};

/// The source language assumed when none is given: termalign's memories are
/// Chinese → English.
pub const DEFAULT_SOURCE_LANG: &str = "zh";

/// A boxed stream of units, as [`open`] returns it.
pub type Units = Box<dyn Iterator<Item = Result<ReadUnit>>>;

/// The formats the readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFormat {
    /// TMX (1.1 to 1.4b).
    Tmx,
    /// Comma-separated, header row.
    Csv,
    /// Tab-separated, header row, no quoting.
    Tsv,
}

impl ReadFormat {
    /// The format a file name's extension names (`.tmx`, `.csv`, `.tsv` or
    /// `.tab`), case-insensitively.
    pub fn from_path(path: &Path) -> Option<ReadFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tmx" => Some(ReadFormat::Tmx),
            "csv" => Some(ReadFormat::Csv),
            "tsv" | "tab" => Some(ReadFormat::Tsv),
            _ => None,
        }
    }
}

/// Open a translation memory, the format chosen by its extension (`.tmx`;
/// `.csv`; `.tsv` or `.tab`), and stream its units. Chinese (`zh`, any
/// region or script) is the source language of TMX units.
///
/// Errors carry the file and, for bad content, the line.
pub fn open(path: &Path) -> Result<Units> {
    open_with(path, None)
}

/// [`open`] with an explicit TMX source language (matched on its primary
/// subtag: `zh-CN` matches `zh`, `zh-Hans`, `zh-TW`).
pub fn open_with(path: &Path, src_lang: Option<&str>) -> Result<Units> {
    let format = ReadFormat::from_path(path).ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            "cannot tell the translation memory format from the extension (expected .tmx, .csv, .tsv or .tab)",
        )
        .with_path(path)
    })?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(e).with_path(path))?;
    let name = path.display().to_string();
    let reader = BufReader::with_capacity(64 * 1024, file);
    Ok(match format {
        ReadFormat::Tmx => Box::new(read_tmx(reader, &name, src_lang)),
        ReadFormat::Csv => Box::new(read_delimited(reader, &name, b',')?),
        ReadFormat::Tsv => Box::new(read_delimited(reader, &name, b'\t')?),
    })
}

// ---------------------------------------------------------------- TMX

/// Counts the newlines the XML parser has consumed, so each `<tu>` and each
/// error gets its line without a second pass. UTF-16 input (Trados exports
/// it) is transcoded to UTF-8 on the fly.
struct Source<R> {
    inner: Transcode<R>,
    lines: u64,
}

enum Transcode<R> {
    Utf8(R),
    Utf16 {
        inner: R,
        decoder: encoding_rs::Decoder,
        out: Vec<u8>,
        pos: usize,
        eof: bool,
    },
}

impl<R: BufRead> Source<R> {
    fn new(mut inner: R) -> Source<R> {
        let head = inner.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
        let enc = match head.get(..2) {
            Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
            Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
            _ => None,
        };
        let inner = match enc {
            None => Transcode::Utf8(inner),
            Some(enc) => Transcode::Utf16 {
                inner,
                // With BOM removal: the decoder eats the BOM it sniffs.
                decoder: enc.new_decoder_with_bom_removal(),
                out: Vec::new(),
                pos: 0,
                eof: false,
            },
        };
        Source { inner, lines: 0 }
    }
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match &mut self.inner {
            Transcode::Utf8(r) => r.fill_buf(),
            Transcode::Utf16 {
                inner,
                decoder,
                out,
                pos,
                eof,
            } => {
                while *pos >= out.len() && !*eof {
                    out.clear();
                    *pos = 0;
                    let src = inner.fill_buf()?;
                    let last = src.is_empty();
                    out.reserve(decoder.max_utf8_buffer_length(src.len()).unwrap_or(4096) + 4);
                    let mut tmp = vec![0u8; out.capacity()];
                    let (_, read, written, _) = decoder.decode_to_utf8(src, &mut tmp, last);
                    tmp.truncate(written);
                    *out = tmp;
                    inner.consume(read);
                    *eof = last;
                }
                Ok(&out[*pos..])
            }
        }
    }

    fn consume(&mut self, amt: usize) {
        // The parser consumes exactly what it parsed, so newlines counted
        // here are the newlines before the parser's position.
        let counted = match &mut self.inner {
            Transcode::Utf8(r) => match r.fill_buf() {
                Ok(b) => count_newlines(&b[..amt.min(b.len())]),
                Err(_) => 0,
            },
            Transcode::Utf16 { out, pos, .. } => {
                let end = (*pos + amt).min(out.len());
                count_newlines(&out[*pos..end])
            }
        };
        self.lines += counted;
        match &mut self.inner {
            Transcode::Utf8(r) => r.consume(amt),
            Transcode::Utf16 { pos, .. } => *pos += amt,
        }
    }
}

fn count_newlines(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}

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

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<()> {
        let name = e.local_name();
        let name = name.as_ref();
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
                    if let Some(u) = self.end(e.local_name().as_ref()) {
                        return Ok(Some(u));
                    }
                }
                Event::Text(t) => {
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
                        return Err(self.err("unexpected end of file inside a <tu>"));
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

// ---------------------------------------------------------------- CSV / TSV

/// A streaming CSV or TSV reader; see [`read_delimited`].
pub struct DelimitedReader<R: Read> {
    rows: csv::StringRecordsIntoIter<R>,
    file: String,
    source: usize,
    target: usize,
    /// (column index, name) of every other column.
    extra: Vec<(usize, String)>,
    number: usize,
    done: bool,
}

/// Stream the rows of a CSV (`delimiter` `b','`, RFC 4180 quoting) or TSV
/// (`b'\t'`, no quoting) translation memory with a header row. The source
/// column is `zh` or `source`, the target `en` or `target`; every other
/// column becomes a property, in column order (empty values left out).
pub fn read_delimited<R: Read + 'static>(
    reader: R,
    file: &str,
    delimiter: u8,
) -> Result<DelimitedReader<R>> {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter).flexible(false).has_headers(true);
    if delimiter == b'\t' {
        b.quoting(false);
    }
    let mut rdr = b.from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(e, file))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect::<Vec<_>>();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let missing = |what: &str| {
        Error::new(
            ErrorKind::Format,
            format!(
                "missing column `{what}` (header is `{}`)",
                headers.join(if delimiter == b'\t' { "\t" } else { "," })
            ),
        )
        .with_path(file)
        .with_line(1)
    };
    let source = find(&["zh", "source"]).ok_or_else(|| missing("zh"))?;
    let target = find(&["en", "target"]).ok_or_else(|| missing("en"))?;
    let extra = headers
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != source && i != target)
        .map(|(i, h)| (i, h.clone()))
        .collect();
    Ok(DelimitedReader {
        rows: rdr.into_records(),
        file: file.to_string(),
        source,
        target,
        extra,
        number: 0,
        done: false,
    })
}

fn csv_error(e: csv::Error, file: &str) -> Error {
    let line = e.position().map(|p| p.line());
    let err = match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(io),
        csv::ErrorKind::Utf8 { err, .. } => {
            Error::new(ErrorKind::Encoding, format!("invalid UTF-8: {err}"))
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::new(
            ErrorKind::Format,
            format!("{len} fields where the header has {expected_len}"),
        ),
        other => Error::new(ErrorKind::Format, format!("{other:?}")),
    };
    let err = err.with_path(file);
    match line {
        Some(l) => err.with_line(l),
        None => err,
    }
}

impl<R: Read> Iterator for DelimitedReader<R> {
    type Item = Result<ReadUnit>;

    fn next(&mut self) -> Option<Result<ReadUnit>> {
        if self.done {
            return None;
        }
        let rec = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Some(Err(csv_error(e, &self.file)));
            }
        };
        self.number += 1;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: usize| rec.get(i).unwrap_or_default().to_string();
        Some(Ok(ReadUnit {
            number: self.number,
            file: self.file.clone(),
            line,
            source: get(self.source),
            target: get(self.target),
            props: self
                .extra
                .iter()
                .filter(|(i, _)| !rec.get(*i).unwrap_or_default().is_empty())
                .map(|(i, name)| (name.clone(), get(*i)))
                .collect(),
            source_lang: String::new(),
            target_lang: String::new(),
            date: None,
        }))
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

    #[test]
    fn delimited_columns_and_props() {
        let csv = "\u{FEFF}zh,en,score,waive\n\"你好，世界\",\"Hello, \"\"world\"\"\",0.9,\n再见,Bye,0.5,yes\n";
        let u: Vec<_> = read_delimited(csv.as_bytes(), "a.csv", b',')
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].source, "你好，世界");
        assert_eq!(u[0].target, "Hello, \"world\"");
        assert_eq!(u[0].props, [("score".into(), "0.9".into())]);
        assert_eq!(
            u[1].props,
            [
                ("score".into(), "0.5".into()),
                ("waive".into(), "yes".into())
            ]
        );
        assert_eq!((u[0].line, u[1].line), (2, 3));
        let tsv = "source\ttarget\n\"引号\"\t\"quoted\"\n";
        let u: Vec<_> = read_delimited(tsv.as_bytes(), "a.tsv", b'\t')
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(
            (u[0].source.as_str(), u[0].target.as_str()),
            ("\"引号\"", "\"quoted\"")
        );
    }

    #[test]
    fn delimited_errors_name_file_and_line() {
        let e = read_delimited("zh,fr\n".as_bytes(), "a.csv", b',')
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "a.csv:1: format error: missing column `en` (header is `zh,fr`)"
        );
        let r: Vec<_> = read_delimited("zh,en\na,b\nc\n".as_bytes(), "a.csv", b',')
            .unwrap()
            .collect();
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
    }

    #[test]
    fn open_picks_format_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.TSV");
        std::fs::write(&p, "zh\ten\n中\tChinese\n").unwrap();
        let u: Vec<_> = open(&p).unwrap().collect::<Result<_>>().unwrap();
        assert_eq!(u[0].target, "Chinese");
        assert!(open(&dir.path().join("x.txt")).is_err());
        let e = open(&dir.path().join("missing.tmx")).err().unwrap();
        assert!(e.to_string().contains("missing.tmx"));
    }
}
