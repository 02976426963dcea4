//! TBX 2008 (ISO 30042 `martif`), TBX-Basic style.
//!
//! Written: one `<termEntry>` per entry, a `zh-CN` and an `en` `<langSet>`,
//! one `<tig>` per term with its `administrativeStatus`:
//! `preferredTerm-admn-sts` for the approved rendering (and the Chinese
//! term), `admittedTerm-admn-sts` for variants, `deprecatedTerm-admn-sts`
//! for forbidden renderings. The entry's type goes into
//! `<descrip type="x-termalign-type">` (and `abbr` also into the Chinese
//! term's standard `termType` `abbreviation`), the note into `<note>`.
//!
//! Read: what memoQ, Trados and other TBX 2008 exports contain — `tig` or
//! `ntig`/`termGrp`, `xml:lang` or `lang`, `zh`/`zh-CN`/`zho…` and
//! `en`/`en-US`/`eng…`, status in `administrativeStatus` or
//! `normativeAuthorization`, TBX v3 `conceptEntry`/`langSec`/`termSec`
//! too; unknown elements are skipped. External entities are never fetched
//! (quick-xml does not resolve them) and a DOCTYPE that declares entities
//! is refused, so no entity expansion happens at all.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Entry, Origin, TermType};
use crate::error::{Error, ErrorKind, Result};

const TYPE_DESCRIP: &str = "x-termalign-type";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Preferred,
    Admitted,
    Deprecated,
}

impl Status {
    fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        let s = s.strip_suffix("-admn-sts").unwrap_or(s);
        Some(match s.to_ascii_lowercase().as_str() {
            "preferredterm" | "preferred" | "standardizedterm" | "legalterm" | "regulatedterm" => {
                Status::Preferred
            }
            "admittedterm" | "admitted" | "permitted" => Status::Admitted,
            "deprecatedterm" | "deprecated" | "supersededterm" | "forbidden" | "notrecommended" => {
                Status::Deprecated
            }
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
    Other,
}

fn lang_of(tag: &str) -> Lang {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "zh" | "zho" | "chi" | "cmn" => Lang::Zh,
        "en" | "eng" => Lang::En,
        _ => Lang::Other,
    }
}

#[derive(Debug, Default)]
struct Term {
    text: String,
    status: Option<Status>,
    abbreviation: bool,
    notes: Vec<String>,
}

#[derive(Debug, Default)]
struct Concept {
    line: u64,
    kind: Option<TermType>,
    notes: Vec<String>,
    zh: Vec<Term>,
    en: Vec<Term>,
}

/// What the text being collected belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    TermType,
    EntryType,
    Note,
}

/// Parse TBX text into entries: one per non-deprecated Chinese term of each
/// concept that has both a Chinese and an English term (others are skipped:
/// a multilingual termbase may hold concepts without English).
pub fn read_entries(text: &str, source: &str) -> Result<Vec<Entry>> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut lines = LineCounter::new(text);
    let mut entries = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang = Lang::Other;
    let mut term: Option<Term> = None;
    // The field being collected, and at which element depth it started.
    let mut field: Option<(Field, usize)> = None;
    let mut buf = String::new();
    let mut depth = 0usize;
    let mut saw_root = false;
    let mut saw_concepts = false;
    // An empty termbase (a <body> without entries, as `write` makes of an
    // empty glossary) is valid; a TBX root with no body at all is not.
    let mut saw_body = false;
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            Error::new(ErrorKind::Format, format!("not well-formed XML: {e}"))
                .with_path(source)
                .with_line(lines.line_at(at))
        })?;
        let err = |lines: &mut LineCounter, msg: String| {
            Error::new(ErrorKind::Format, msg)
                .with_path(source)
                .with_line(lines.line_at(pos))
        };
        match event {
            Event::DocType(d) if d.contains("<!ENTITY") => {
                return Err(err(
                    &mut lines,
                    "the DOCTYPE declares entities; termalign neither expands nor fetches them \
                     (remove the internal subset)"
                        .into(),
                ));
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().into_inner().to_string();
                if saw_root && depth == 0 {
                    return Err(err(
                        &mut lines,
                        format!("<{name}> after the end of the root element"),
                    ));
                }
                if !saw_root {
                    saw_root = true;
                    if !matches!(name.as_str(), "martif" | "tbx") {
                        return Err(err(
                            &mut lines,
                            format!("the root element is <{name}>, not TBX's <martif> or <tbx>"),
                        ));
                    }
                }
                let attr = |key: &str| -> Option<String> {
                    e.attributes().flatten().find_map(|a| {
                        let k = a.key.as_ref();
                        let local = k.rsplit(':').next().unwrap_or(k);
                        (k == key || (key == "lang" && local == "lang")).then(|| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_default()
                        })
                    })
                };
                match name.as_str() {
                    "body" => saw_body = true,
                    "termEntry" | "conceptEntry" => {
                        saw_concepts = true;
                        concept = Some(Concept {
                            line: lines.line_at(pos),
                            ..Default::default()
                        });
                    }
                    "langSet" | "langSec" => {
                        lang = attr("lang").map(|l| lang_of(&l)).unwrap_or(Lang::Other);
                    }
                    "tig" | "ntig" | "termSec" => term = Some(Term::default()),
                    "term" if term.is_some() && field.is_none() => {
                        field = Some((Field::Term, depth));
                    }
                    "termNote" if field.is_none() => {
                        field = match attr("type").as_deref() {
                            Some("administrativeStatus" | "normativeAuthorization") => {
                                Some((Field::Status, depth))
                            }
                            Some("termType") => Some((Field::TermType, depth)),
                            _ => None,
                        };
                    }
                    "descrip"
                        if field.is_none()
                            && term.is_none()
                            && attr("type").as_deref() == Some(TYPE_DESCRIP) =>
                    {
                        field = Some((Field::EntryType, depth));
                    }
                    "note" if field.is_none() && concept.is_some() => {
                        field = Some((Field::Note, depth));
                    }
                    _ => {}
                }
                if field.is_some_and(|(_, d)| d == depth) {
                    buf.clear();
                }
                if empty {
                    // An empty element collects nothing and closes at once.
                    if field.is_some_and(|(_, d)| d == depth) {
                        field = None;
                    }
                    close(
                        &name,
                        &mut concept,
                        &mut term,
                        &mut lang,
                        &mut entries,
                        source,
                    );
                } else {
                    depth += 1;
                }
            }
            Event::Text(t)
                if depth == 0 && !t.as_ref().chars().all(|c| c.is_ascii_whitespace()) =>
            {
                return Err(err(
                    &mut lines,
                    "text outside the root element: not a TBX file".into(),
                ));
            }
            Event::Text(t) if field.is_some() => buf.push_str(&t.xml10_content()),
            Event::CData(t) if field.is_some() => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(err(
                                &mut lines,
                                format!(
                                    "undefined entity `&{other};` (only the five XML entities \
                                     and character references are accepted)"
                                ),
                            ));
                        }
                    },
                    Err(e) => {
                        return Err(err(
                            &mut lines,
                            format!("bad character reference `&{};`: {e}", &*r),
                        ));
                    }
                };
                if field.is_some() {
                    buf.push(c);
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.local_name().into_inner().to_string();
                if let Some((f, d)) = field
                    && d == depth
                {
                    field = None;
                    let value = collapse_ws(&buf);
                    match f {
                        Field::Term => {
                            if let Some(t) = &mut term {
                                t.text = value;
                            }
                        }
                        Field::Status => {
                            if let Some(t) = &mut term {
                                t.status = Status::parse(&value).or(t.status);
                            }
                        }
                        Field::TermType => {
                            if let Some(t) = &mut term {
                                t.abbreviation = matches!(
                                    value.as_str(),
                                    "abbreviation" | "acronym" | "shortForm" | "initialism"
                                );
                            }
                        }
                        Field::EntryType => {
                            let kind = value.parse::<TermType>().map_err(|m| err(&mut lines, m))?;
                            if let Some(c) = &mut concept {
                                c.kind = Some(kind);
                            }
                        }
                        Field::Note => {
                            if !value.is_empty() {
                                match (&mut term, lang, &mut concept) {
                                    (Some(t), _, _) => t.notes.push(value),
                                    (None, _, Some(c)) => c.notes.push(value),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                close(
                    &name,
                    &mut concept,
                    &mut term,
                    &mut lang,
                    &mut entries,
                    source,
                );
            }
            Event::Eof => {
                if depth > 0 {
                    // A cut file: what was read is only part of the termbase.
                    return Err(err(
                        &mut lines,
                        format!(
                            "unexpected end of file: {depth} element(s) still open (truncated file?)"
                        ),
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err(
            Error::new(ErrorKind::Format, "no XML element: not a TBX file").with_path(source),
        );
    }
    if !saw_concepts && !saw_body {
        return Err(Error::new(
            ErrorKind::Format,
            "no <body> and no <termEntry> (or <conceptEntry>): not a TBX termbase",
        )
        .with_path(source));
    }
    Ok(entries)
}

/// The end of a structural element: file the term, or turn the concept
/// into entries.
fn close(
    name: &str,
    concept: &mut Option<Concept>,
    term: &mut Option<Term>,
    lang: &mut Lang,
    entries: &mut Vec<Entry>,
    source: &str,
) {
    match name {
        "tig" | "ntig" | "termSec" => {
            if let (Some(t), Some(c)) = (term.take(), concept.as_mut())
                && !t.text.is_empty()
            {
                match *lang {
                    Lang::Zh => c.zh.push(t),
                    Lang::En => c.en.push(t),
                    Lang::Other => {}
                }
            }
        }
        "langSet" | "langSec" => *lang = Lang::Other,
        "termEntry" | "conceptEntry" => {
            if let Some(c) = concept.take() {
                entries.extend(concept_entries(c, source));
            }
        }
        _ => {}
    }
}

fn concept_entries(mut c: Concept, source: &str) -> Vec<Entry> {
    // Preferred terms first, otherwise document order (the sort is stable).
    let rank = |t: &Term| t.status.unwrap_or(Status::Admitted);
    c.en.sort_by_key(rank);
    c.zh.sort_by_key(rank);
    let mut accepted = c.en.iter().filter(|t| rank(t) != Status::Deprecated);
    let Some(en) = accepted.next() else {
        return Vec::new();
    };
    let mut variants: Vec<String> = Vec::new();
    for t in accepted {
        if t.text != en.text && !variants.contains(&t.text) {
            variants.push(t.text.clone());
        }
    }
    let mut forbidden: Vec<String> = Vec::new();
    for t in c.en.iter().filter(|t| rank(t) == Status::Deprecated) {
        if !forbidden.contains(&t.text) {
            forbidden.push(t.text.clone());
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for zh in c.zh.iter().filter(|t| rank(t) != Status::Deprecated) {
        if seen.contains(&zh.text.as_str()) {
            continue;
        }
        seen.push(&zh.text);
        let kind = c.kind.unwrap_or(if zh.abbreviation {
            TermType::Abbr
        } else {
            TermType::Term
        });
        let mut notes = c.notes.clone();
        notes.extend(zh.notes.iter().cloned());
        out.push(Entry {
            zh: zh.text.clone(),
            en: en.text.clone(),
            variants: variants.clone(),
            forbidden: forbidden.clone(),
            kind,
            note: notes.join("; "),
            origin: Origin {
                source: source.to_string(),
                line: c.line,
            },
        });
    }
    out
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based line of a byte offset, for texts read front to back.
struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, pos: usize) -> u64 {
        let pos = pos.min(self.text.len());
        if pos < self.at {
            self.at = 0;
            self.line = 1;
        }
        // A tag's reported position may precede leading white space.
        let skipped = &self.text.as_bytes()[self.at..pos];
        self.line += skipped.iter().filter(|&&b| b == b'\n').count() as u64;
        self.at = pos;
        let ws = self.text.as_bytes()[pos..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.line + ws
    }
}

/// Write entries as a TBX-Basic file (see the module documentation).
/// Deterministic: no dates, ids numbered in order.
pub fn write<W: Write>(entries: &[Entry], out: W) -> Result<()> {
    write_lang(entries, "zh-CN", out)
}

/// [`write`], the Chinese `<langSet>`s tagged `zh_lang` (`zh-HK` for a
/// glossary converted to Hong Kong script).
pub fn write_lang<W: Write>(entries: &[Entry], zh_lang: &str, out: W) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    write_doc(&mut w, entries, zh_lang).map_err(Error::io)?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

fn write_doc<W: Write>(w: &mut Writer<W>, entries: &[Entry], zh_lang: &str) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(
        BytesStart::new("martif").with_attributes([("type", "TBX-Basic"), ("xml:lang", "en")]),
    ))?;
    w.write_event(Event::Start(BytesStart::new("martifHeader")))?;
    w.write_event(Event::Start(BytesStart::new("fileDesc")))?;
    w.write_event(Event::Start(BytesStart::new("sourceDesc")))?;
    text_elem(w, BytesStart::new("p"), "termalign glossary")?;
    w.write_event(Event::End(BytesEnd::new("sourceDesc")))?;
    w.write_event(Event::End(BytesEnd::new("fileDesc")))?;
    w.write_event(Event::Start(BytesStart::new("encodingDesc")))?;
    text_elem(
        w,
        BytesStart::new("p").with_attributes([("type", "XCSURI")]),
        "TBXBasicXCSV02.xcs",
    )?;
    w.write_event(Event::End(BytesEnd::new("encodingDesc")))?;
    w.write_event(Event::End(BytesEnd::new("martifHeader")))?;
    w.write_event(Event::Start(BytesStart::new("text")))?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    for (i, e) in entries.iter().enumerate() {
        let id = format!("e{}", i + 1);
        w.write_event(Event::Start(
            BytesStart::new("termEntry").with_attributes([("id", id.as_str())]),
        ))?;
        text_elem(
            w,
            BytesStart::new("descrip").with_attributes([("type", TYPE_DESCRIP)]),
            &e.kind.to_string(),
        )?;
        if !e.note.is_empty() {
            text_elem(w, BytesStart::new("note"), &e.note)?;
        }
        w.write_event(Event::Start(
            BytesStart::new("langSet").with_attributes([("xml:lang", zh_lang)]),
        ))?;
        tig(
            w,
            &e.zh,
            "preferredTerm-admn-sts",
            (e.kind == TermType::Abbr).then_some("abbreviation"),
        )?;
        w.write_event(Event::End(BytesEnd::new("langSet")))?;
        w.write_event(Event::Start(
            BytesStart::new("langSet").with_attributes([("xml:lang", "en")]),
        ))?;
        tig(w, &e.en, "preferredTerm-admn-sts", None)?;
        for v in &e.variants {
            tig(w, v, "admittedTerm-admn-sts", None)?;
        }
        for f in &e.forbidden {
            tig(w, f, "deprecatedTerm-admn-sts", None)?;
        }
        w.write_event(Event::End(BytesEnd::new("langSet")))?;
        w.write_event(Event::End(BytesEnd::new("termEntry")))?;
    }
    w.write_event(Event::End(BytesEnd::new("body")))?;
    w.write_event(Event::End(BytesEnd::new("text")))?;
    w.write_event(Event::End(BytesEnd::new("martif")))?;
    Ok(())
}

fn tig<W: Write>(
    w: &mut Writer<W>,
    term: &str,
    status: &str,
    term_type: Option<&str>,
) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("tig")))?;
    text_elem(w, BytesStart::new("term"), term)?;
    text_elem(
        w,
        BytesStart::new("termNote").with_attributes([("type", "administrativeStatus")]),
        status,
    )?;
    if let Some(t) = term_type {
        text_elem(
            w,
            BytesStart::new("termNote").with_attributes([("type", "termType")]),
            t,
        )?;
    }
    w.write_event(Event::End(BytesEnd::new("tig")))
}

fn text_elem<W: Write>(w: &mut Writer<W>, start: BytesStart, text: &str) -> std::io::Result<()> {
    let end = start.to_end().into_owned();
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(&xml_chars(text))))?;
    w.write_event(Event::End(end))
}

/// Drop characters XML 1.0 cannot carry (C0 controls other than tab and
/// line breaks, U+FFFE/U+FFFF).
fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    if s.chars().any(bad) {
        s.chars().filter(|&c| !bad(c)).collect::<String>().into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    #[test]
    fn writes_tbx_basic() {
        let g = Glossary::from_csv_str(
            "zh,en,variants,forbidden,type,note\n上合组织,Shanghai Cooperation Organization,SCO,,abbr,R&D <short>\n",
            "t",
        )
        .unwrap();
        let mut out = Vec::new();
        write(g.entries(), &mut out).unwrap();
        let want = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>termalign glossary</p>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <p type="XCSURI">TBXBasicXCSV02.xcs</p>
    </encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="e1">
        <descrip type="x-termalign-type">abbr</descrip>
        <note>R&amp;D &lt;short&gt;</note>
        <langSet xml:lang="zh-CN">
          <tig>
            <term>上合组织</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="termType">abbreviation</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="en">
          <tig>
            <term>Shanghai Cooperation Organization</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>SCO</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"#;
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn reads_memoq_style_export() {
        // The shape memoQ and Trados write: ntig/termGrp, descripGrp,
        // transacGrp and lang codes with regions, statuses as
        // normativeAuthorization, unknown elements around.
        let tbx = r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-us">
  <martifHeader><fileDesc><sourceDesc><p>memoQ 10</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="_1">
      <descripGrp><descrip type="subjectField">diplomacy</descrip></descripGrp>
      <transacGrp><transac type="transactionType">origination</transac><date>2024-07-05</date></transacGrp>
      <langSet xml:lang="zh-CN">
        <ntig><termGrp><term>一带一路</term></termGrp></ntig>
      </langSet>
      <langSet xml:lang="en-US">
        <ntig><termGrp><term>Belt and <hi>Road</hi></term>
          <termNote type="normativeAuthorization">preferredTerm</termNote></termGrp></ntig>
        <ntig><termGrp><term>OBOR</term>
          <termNote type="normativeAuthorization">deprecatedTerm</termNote></termGrp></ntig>
        <ntig><termGrp><term>BRI</term></termGrp></ntig>
      </langSet>
      <langSet xml:lang="de-DE"><ntig><termGrp><term>Neue Seidenstraße</term></termGrp></ntig></langSet>
    </termEntry>
    <termEntry id="_2">
      <langSet xml:lang="zh-CN"><tig><term>只有中文</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>"#;
        let es = read_entries(tbx, "m.tbx").unwrap();
        assert_eq!(es.len(), 1, "{es:?}");
        let e = &es[0];
        assert_eq!(e.zh, "一带一路");
        assert_eq!(e.en, "Belt and Road");
        assert_eq!(e.variants, ["BRI"]);
        assert_eq!(e.forbidden, ["OBOR"]);
        assert_eq!(e.origin.line, 6);
    }

    #[test]
    fn refuses_entity_declarations_and_unknown_entities() {
        let cases = [
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>",
                2,
                "declares entities",
            ),
            (
                "<!DOCTYPE m [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><martif/>",
                1,
                "declares entities",
            ),
            (
                "<martif>\n<text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&nbsp;</term></tig></langSet></termEntry></body></text></martif>",
                2,
                "undefined entity `&nbsp;`",
            ),
            ("<tmx><body/></tmx>", 1, "not TBX"),
            ("<martif>\n<text>\n</martif>", 3, "not well-formed"),
        ];
        for (text, line, msg) in cases {
            let err = read_entries(text, "x.tbx").unwrap_err();
            assert!(err.to_string().contains(msg), "{err}");
            assert_eq!(err.line(), Some(line), "{err}");
        }
    }

    #[test]
    fn statuses_and_languages() {
        for (s, want) in [
            ("preferredTerm-admn-sts", Some(Status::Preferred)),
            ("admittedTerm-admn-sts", Some(Status::Admitted)),
            ("deprecatedTerm-admn-sts", Some(Status::Deprecated)),
            ("supersededTerm-admn-sts", Some(Status::Deprecated)),
            ("standardizedTerm", Some(Status::Preferred)),
            ("whatever", None),
        ] {
            assert_eq!(Status::parse(s), want, "{s}");
        }
        for (tag, want) in [
            ("zh-CN", Lang::Zh),
            ("ZH", Lang::Zh),
            ("zho-CN", Lang::Zh),
            ("zh_Hans", Lang::Zh),
            ("en-GB", Lang::En),
            ("eng", Lang::En),
            ("de", Lang::Other),
        ] {
            assert_eq!(lang_of(tag), want, "{tag}");
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn read_entries() {
        let tbx = r#"<martif type="TBX"><text><body><termEntry>
          <langSet xml:lang="zh-CN"><ntig><termGrp><term>上海精神</term></termGrp></ntig></langSet>
          <langSet xml:lang="en-US"><ntig><termGrp><term>Shanghai Spirit</term></termGrp></ntig></langSet>
        </termEntry></body></text></martif>"#;
        let e = &crate::glossary::tbx::read_entries(tbx, "t.tbx").unwrap()[0];
        assert_eq!(
            (e.zh.as_str(), e.en.as_str()),
            ("上海精神", "Shanghai Spirit")
        );
    }
}
