//! What every writer shares: the options, the record a writer receives,
//! text hygiene, score formatting and the report of what was dropped.
//! Each format's file also declares its [`WriterSpec`], the row the format
//! table points to.

use std::borrow::Cow;
use std::io::Write;
use std::ops::Range;

use super::header::TmxHeader;
use super::xml_escape::is_xml_forbidden;
use super::{ReadUnit, TmWriter, TranslationUnit};

/// The streams a writer is opened over, one per file of its format.
pub type Streams = Vec<Box<dyn Write>>;

/// How a format's writer is made, as its row in the table names it.
#[derive(Clone, Copy)]
pub struct WriterSpec {
    /// The files `-o OUT` writes: `""` is `OUT` itself, `"zh"` is `OUT.zh`.
    pub files: &'static [&'static str],
    /// True when the format needs the sentence indices only aligning
    /// produces, so it cannot be written from an existing memory.
    pub needs_indices: bool,
    /// The writer over one stream per entry of `files`, in that order.
    pub open: fn(Streams, &WriterOptions) -> Box<dyn TmWriter>,
}

impl std::fmt::Debug for WriterSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriterSpec")
            .field("files", &self.files)
            .field("needs_indices", &self.needs_indices)
            .finish_non_exhaustive()
    }
}

/// The one stream of a single-file format.
pub(crate) fn single(outs: Streams) -> Box<dyn Write> {
    outs.into_iter()
        .next()
        .expect("the table gives a single-file format one stream")
}

/// Below this confidence a TMX unit gets a `<note>` asking for review.
pub const DEFAULT_REVIEW_BELOW: f64 = 0.5;

/// How units are written, whatever the format.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Languages and date of the TMX header (also used by `jsonl`).
    pub header: TmxHeader,
    /// Start CSV/TSV with a UTF-8 byte order mark (Excel needs it).
    pub bom: bool,
    /// Units below this confidence are left out of TMX and moses output
    /// and flagged in CSV/TSV/JSONL (a `low_confidence` column or field
    /// present only when this is set).
    pub min_confidence: Option<f64>,
    /// TMX units below this confidence carry a `<note>`.
    pub review_below: f64,
    /// CSV/TSV only: a cell that begins with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return gets a `'` in front, as OWASP recommends against
    /// CSV injection, so a spreadsheet shows the text instead of running
    /// it as a formula. Off by default: the text then stays byte-exact.
    pub excel_safe: bool,
    /// Write each unit's own source language ([`Record::lang`]: a
    /// traditional-script document's `zh-HK` in a memory of `zh-CN` ones)
    /// rather than the header's. On by default; off when the user sets the
    /// source language (`--src-lang`).
    pub unit_langs: bool,
}

impl Default for WriterOptions {
    fn default() -> WriterOptions {
        WriterOptions {
            header: TmxHeader::now(),
            bom: false,
            min_confidence: None,
            review_below: DEFAULT_REVIEW_BELOW,
            excel_safe: false,
            unit_langs: true,
        }
    }
}

impl WriterOptions {
    /// True when `score` is below `--min-confidence`.
    pub fn is_low(&self, score: Option<f64>) -> bool {
        match (self.min_confidence, score) {
            (Some(min), Some(s)) => s < min,
            _ => false,
        }
    }
}

/// One unit as the writers see it: built from a freshly aligned
/// [`TranslationUnit`] or from a [`ReadUnit`] of an existing memory, whose
/// properties may be missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// Source (Chinese) text.
    pub source: &'a str,
    /// Target (English) text.
    pub target: &'a str,
    /// Confidence in [0, 1], rounded by `round_score`, when known.
    pub score: Option<f64>,
    /// Bead shape (`2-1`), when known.
    pub bead: Option<&'a str>,
    /// Document name, when known.
    pub doc: Option<&'a str>,
    /// Glossary terms found on both sides.
    pub terms: Vec<&'a str>,
    /// Sentence indices (Chinese, English) in the document, when known.
    pub indices: Option<(Range<usize>, Range<usize>)>,
    /// Other properties, kept by TMX and JSONL.
    pub extra: &'a [(String, String)],
    /// `changedate` of the unit (`YYYYMMDDThhmmssZ`), when known.
    pub date: Option<&'a str>,
    /// The source text's language tag when known and per unit (`zh-HK`
    /// for a unit of a Hong Kong release, the `<tuv>`'s for a unit read
    /// from TMX); `None`: the header's.
    pub lang: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// The record of a unit the aligner produced.
    pub fn from_unit(u: &'a TranslationUnit) -> Record<'a> {
        Record {
            source: &u.zh,
            target: &u.en,
            score: Some(round_score(u.score)),
            bead: Some(&u.bead),
            doc: Some(&u.doc),
            terms: u.terms.iter().map(String::as_str).collect(),
            indices: Some((u.zh_sentences.clone(), u.en_sentences.clone())),
            extra: &[],
            date: None,
            lang: u.zh_lang.as_deref(),
        }
    }

    /// The record of a unit read from a memory. termalign's own properties
    /// (`x-doc`, `x-bead`, `x-confidence`, `x-terms` in TMX; `doc`, `bead`,
    /// `score`, `terms` columns in CSV/TSV) become fields; `extra` must
    /// hold the rest (see [`Record::split_props`]).
    pub fn from_read(u: &'a ReadUnit, extra: &'a [(String, String)]) -> Record<'a> {
        let mut r = Record {
            source: &u.source,
            target: &u.target,
            score: None,
            bead: None,
            doc: None,
            terms: Vec::new(),
            indices: None,
            extra,
            date: u.date.as_deref(),
            lang: Some(u.source_lang.as_str()).filter(|l| !l.is_empty()),
        };
        for (k, v) in &u.props {
            match k.as_str() {
                "x-confidence" | "score" => r.score = v.trim().parse().ok().map(round_score),
                "x-bead" | "bead" => r.bead = Some(v),
                "x-doc" | "doc" => r.doc = Some(v),
                "x-terms" | "terms" => r.terms = v.split('|').filter(|t| !t.is_empty()).collect(),
                _ => {}
            }
        }
        r
    }

    /// The properties of `u` that [`Record::from_read`] does not turn into
    /// fields (the CSV `low_confidence` flag is derived, so dropped too).
    pub fn split_props(u: &ReadUnit) -> Vec<(String, String)> {
        u.props
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "x-confidence"
                        | "score"
                        | "x-bead"
                        | "bead"
                        | "x-doc"
                        | "doc"
                        | "x-terms"
                        | "terms"
                        | "low_confidence"
                )
            })
            .cloned()
            .collect()
    }
}

/// What the writers left out or changed, for the warnings the CLI prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Units written.
    pub written: usize,
    /// Units with an empty side that the format cannot hold (TMX, moses).
    pub one_sided: usize,
    /// Units below `--min-confidence` left out (TMX, moses).
    pub below_min: usize,
    /// Units below `--min-confidence` kept with a flag (CSV, TSV, JSONL).
    pub flagged: usize,
    /// Characters XML 1.0 forbids (C0 controls other than tab, newline and
    /// carriage return, U+FFFE, U+FFFF) removed from text.
    pub removed_chars: usize,
}

impl WriteReport {
    /// Add another report's counts to this one.
    pub fn add(&mut self, o: &WriteReport) {
        self.written += o.written;
        self.one_sided += o.one_sided;
        self.below_min += o.below_min;
        self.flagged += o.flagged;
        self.removed_chars += o.removed_chars;
    }
}

impl WriteReport {
    /// The cleaned texts of a unit for the formats that hold pairs only
    /// (TMX, moses), or `None` when the unit has an empty side or falls
    /// below `min_confidence`; the reason is counted in this report.
    pub fn pair_texts<'a>(
        &mut self,
        r: &Record<'a>,
        min_confidence: Option<f64>,
    ) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
        let mut removed = 0;
        let src = clean_text(r.source, &mut removed);
        let tgt = clean_text(r.target, &mut removed);
        if src.is_empty() || tgt.is_empty() {
            self.one_sided += 1;
            return None;
        }
        if let (Some(min), Some(s)) = (min_confidence, r.score)
            && s < min
        {
            self.below_min += 1;
            return None;
        }
        self.removed_chars += removed;
        Some((src, tgt))
    }
}

/// Text hygiene shared by every writer: characters XML 1.0 forbids are
/// removed (the count is added to `removed`), tabs and line breaks become
/// spaces (a segment is one line in every format), and leading and
/// trailing whitespace is trimmed (OmegaT fails to match padded segments).
/// Borrows when nothing changes, which is the common case.
///
/// ```
/// use termalign::tm::clean_text;
/// let mut removed = 0;
/// assert_eq!(clean_text("  a\u{1}\tb\r\n", &mut removed), "a b");
/// assert_eq!(removed, 1);
/// ```
pub fn clean_text<'a>(s: &'a str, removed: &mut usize) -> Cow<'a, str> {
    // Fast path: in UTF-8 every character concerned starts with a byte
    // below 0x20 (controls, tab, breaks) or 0xEF (U+FFFE/FFFF, EF BF BE/BF).
    if !has_suspect_byte(s.as_bytes())
        || !s
            .chars()
            .any(|c| is_xml_forbidden(c) || matches!(c, '\t' | '\n' | '\r'))
    {
        return Cow::Borrowed(s.trim());
    }
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        if is_xml_forbidden(c) {
            *removed += 1;
        } else if matches!(c, '\t' | '\n' | '\r') {
            // `\r\n` and runs of breaks become one space.
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            last_space = c == ' ';
            out.push(c);
        }
    }
    let t = out.trim();
    Cow::Owned(if t.len() == out.len() {
        out
    } else {
        t.to_string()
    })
}

/// True when `b` may hold a character [`clean_text`] changes: a byte below
/// 0x20 (controls, tab, breaks) or U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`).
/// The control scan is a branch-free fold in blocks, which the compiler
/// vectorises; 0xBF bytes are found with memchr. This runs on every
/// segment written, so it must not fall back to the slow path on the
/// full-width punctuation (`，：（` start with 0xEF) of every Chinese line.
fn has_suspect_byte(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        if c.iter().fold(false, |m, &x| m | (x < 0x20)) {
            return true;
        }
    }
    if chunks.remainder().iter().any(|&x| x < 0x20) {
        return true;
    }
    memchr::memchr_iter(0xBF, b)
        .any(|i| i >= 1 && b[i - 1] == 0xEF && matches!(b.get(i + 1), Some(0xBE | 0xBF)))
}

/// A confidence rounded to the three decimals every format writes.
/// Records carry it rounded, so that decisions on it (`--min-confidence`,
/// the review note) are the same on a unit and on the unit read back.
pub fn round_score(score: f64) -> f64 {
    if (0.0..=1.0).contains(&score) {
        (score * 1000.0).round() / 1000.0
    } else {
        score
    }
}

/// Append a confidence with three decimals (`0.912`), as every format
/// writes it; integer arithmetic, as formatting floats is slow.
pub fn push_score(buf: &mut String, score: f64) {
    use std::fmt::Write as _;
    if (0.0..=1.0).contains(&score) {
        let m = (score * 1000.0).round() as u32;
        let _ = write!(buf, "{}.{:03}", m / 1000, m % 1000);
    } else {
        let _ = write!(buf, "{score:.3}");
    }
}

/// [`push_score`] into a new string.
pub fn score_string(score: f64) -> String {
    let mut s = String::with_capacity(5);
    push_score(&mut s, score);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::xml_escape::push_escaped_text;

    #[test]
    fn clean_text_rules() {
        let cases: &[(&str, &str, usize)] = &[
            ("plain", "plain", 0),
            ("  padded \u{3000}", "padded", 0),
            ("a\u{0}b\u{8}c\u{B}d\u{C}e\u{E}f\u{1F}g", "abcdefg", 6),
            ("x\u{FFFE}y\u{FFFF}", "xy", 2),
            ("line\r\nbreak\n\n", "line break", 0),
            ("tab\there", "tab here", 0),
            ("\u{1}", "", 1),
            ("   ", "", 0),
            ("]]> & <", "]]> & <", 0),
            ("上海精神\u{7}", "上海精神", 1),
        ];
        for &(input, want, n) in cases {
            let mut removed = 0;
            assert_eq!(clean_text(input, &mut removed), want, "{input:?}");
            assert_eq!(removed, n, "{input:?}");
        }
    }

    #[test]
    fn text_escaping_and_suspect_bytes() {
        for (s, want) in [
            ("", ""),
            ("plain 上海", "plain 上海"),
            ("<&>\"'", "&lt;&amp;&gt;\"'"),
            ("]]>", "]]&gt;"),
            ("&amp;", "&amp;amp;"),
        ] {
            let mut buf = String::new();
            push_escaped_text(&mut buf, s);
            assert_eq!(buf, want);
        }
        let long = "上海精神，（全角）：".repeat(20);
        assert!(!has_suspect_byte(long.as_bytes()));
        for bad in ['\u{1}', '\n', '\u{FFFF}'] {
            for at in [0, 10, 40, 79] {
                let mut t: Vec<char> = long.chars().collect();
                t.insert(at, bad);
                let t: String = t.into_iter().collect();
                assert!(has_suspect_byte(t.as_bytes()), "{bad:?} at {at}");
            }
        }
    }

    #[test]
    fn scores_have_three_decimals() {
        for (x, want) in [
            (0.0, "0.000"),
            (1.0, "1.000"),
            (0.91234, "0.912"),
            (0.9996, "1.000"),
            (0.0004, "0.000"),
            (0.25, "0.250"),
            (0.1, "0.100"),
        ] {
            assert_eq!(score_string(x), want);
        }
    }

    #[test]
    fn records_from_read_units() {
        let u = ReadUnit {
            source: "一".into(),
            target: "one".into(),
            props: vec![
                ("x-doc".into(), "d".into()),
                ("x-confidence".into(), "0.25".into()),
                ("x-terms".into(), "上海精神|一带一路".into()),
                ("x-bead".into(), "2-1".into()),
                ("waive".into(), "yes".into()),
                ("low_confidence".into(), "true".into()),
            ],
            date: Some("20240101T000000Z".into()),
            ..ReadUnit::default()
        };
        let extra = Record::split_props(&u);
        assert_eq!(extra, [("waive".to_string(), "yes".to_string())]);
        let r = Record::from_read(&u, &extra);
        assert_eq!(r.score, Some(0.25));
        assert_eq!(r.bead, Some("2-1"));
        assert_eq!(r.doc, Some("d"));
        assert_eq!(r.terms, ["上海精神", "一带一路"]);
        assert_eq!(r.date, Some("20240101T000000Z"));
        assert_eq!(r.indices, None);
    }

    #[test]
    fn low_confidence_only_with_a_minimum() {
        let mut o = WriterOptions::default();
        assert!(!o.is_low(Some(0.1)));
        o.min_confidence = Some(0.5);
        assert!(o.is_low(Some(0.49)));
        assert!(!o.is_low(Some(0.5)));
        assert!(!o.is_low(None));
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn push_score() {
        let mut s = String::new();
        crate::tm::write::push_score(&mut s, 0.91234);
        assert_eq!(s, "0.912");
    }
}
