//! `glossary lint`: everything wrong with glossary files, each finding as
//! `file:line: severity: what is wrong [rule]`.
//!
//! Errors (the glossary cannot be trusted): bad encoding, format problems
//! (unknown or missing columns, short rows), empty `zh`/`en`, unknown
//! `type`, the same `zh` twice in a file or with different approved
//! renderings in two files, a forbidden rendering equal to an accepted
//! one. Warnings (worth a look): leading/trailing blanks and empty list
//! items, a rendering listed twice, and terms contained in other terms
//! with conflicting renderings (the longer term's rendering uses one the
//! shorter term forbids, or writes the shorter term's rendering in another
//! case), and two terms that are one term in another script (`台湾` and
//! `臺灣`: both match the same text, since matching folds scripts).

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::delimited::{self, Issue, Mode};
use super::matcher::{fold_en, same_form};
use super::{COLUMNS, Entry, Format, Origin, omegat, tbx};
use crate::error::{Error, Result};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; fails `lint --strict`.
    Warning,
    /// The glossary is wrong.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// The rule a finding breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// Not UTF-8, or characters lost in an earlier conversion.
    Encoding,
    /// The file does not follow its format (columns, row shape, XML).
    Format,
    /// `zh` or `en` is empty.
    Required,
    /// `type` is not one of the six types.
    Type,
    /// Leading or trailing blanks, or an empty `|` item.
    Blank,
    /// The same `zh` twice, or the same rendering twice in an entry.
    Duplicate,
    /// A forbidden rendering equals the approved one or a variant.
    Forbidden,
    /// A term inside a longer term with conflicting renderings.
    Nested,
    /// Two terms that are one term in another script (`台湾`/`臺灣`,
    /// `发`/`髮`): both match the same text, since matching folds scripts.
    Script,
}

impl Rule {
    /// The rule's name, as printed in brackets.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Encoding => "encoding",
            Rule::Format => "format",
            Rule::Required => "required",
            Rule::Type => "type",
            Rule::Blank => "blank",
            Rule::Duplicate => "duplicate",
            Rule::Forbidden => "forbidden",
            Rule::Nested => "nested",
            Rule::Script => "script",
        }
    }
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file.
    pub path: String,
    /// The 1-based line.
    pub line: u64,
    /// Error or warning.
    pub severity: Severity,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {} [{}]",
            self.path,
            self.line,
            self.severity,
            self.message,
            self.rule.name()
        )
    }
}

/// The findings for a set of files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Every finding, by file (in the order given), then line.
    pub findings: Vec<Finding>,
    /// Entries read (rows that made an entry).
    pub entries: usize,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}

/// Lint files (format from each name, CSV otherwise), and the approved
/// renderings across them. Only I/O failures are errors; everything wrong
/// inside the files is a finding.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("g.csv");
/// std::fs::write(&p, "zh,en,forbidden\n一带一路,Belt and Road,belt and road\n").unwrap();
/// let report = termalign::glossary::lint::lint_files(&[p]).unwrap();
/// assert_eq!(report.errors(), 1);
/// assert!(report.findings[0].to_string().ends_with(
///     ":2: error: forbidden rendering `belt and road` of `一带一路` is its approved rendering `Belt and Road` [forbidden]"));
/// ```
pub fn lint_files<P: AsRef<Path>>(paths: &[P]) -> Result<Report> {
    let mut report = Report::default();
    let mut approved: HashMap<String, (String, Origin)> = HashMap::new();
    for path in paths {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(e).with_path(path))?;
        let source = path.display().to_string();
        let format = Format::from_path(path).unwrap_or(Format::Csv);
        let (mut findings, entries) = lint_bytes(&bytes, &source, format);
        for e in &entries {
            match approved.get(&e.zh) {
                Some((en, at)) if at.source != e.origin.source && *en != e.en => {
                    findings.push(Finding {
                        path: source.clone(),
                        line: e.origin.line,
                        severity: Severity::Error,
                        rule: Rule::Duplicate,
                        message: format!(
                            "`{}` has approved rendering `{}` here and `{}` at {}",
                            e.zh, e.en, en, at
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    approved.insert(e.zh.clone(), (e.en.clone(), e.origin.clone()));
                }
            }
        }
        findings.sort_by_key(|f| f.line);
        report.entries += entries.len();
        report.findings.extend(findings);
    }
    Ok(report)
}

/// Lint one file's bytes. Returns the findings (unsorted) and the entries
/// that could be read.
pub fn lint_bytes(bytes: &[u8], source: &str, format: Format) -> (Vec<Finding>, Vec<Entry>) {
    let mut out = Findings {
        source,
        list: Vec::new(),
    };
    let text = check_encoding(bytes, &mut out);
    let entries = match format {
        Format::Csv => read_delimited(&text, b',', &mut out),
        Format::Tsv => read_delimited(&text, b'\t', &mut out),
        Format::Tbx => read_with(tbx::read_entries(&text, source), &mut out),
        Format::OmegaT => read_with(omegat::read_entries(&text, source), &mut out),
    };
    check_entries(&entries, &mut out);
    (out.list, entries)
}

struct Findings<'a> {
    source: &'a str,
    list: Vec<Finding>,
}

impl Findings<'_> {
    fn push(&mut self, line: u64, severity: Severity, rule: Rule, message: String) {
        self.list.push(Finding {
            path: self.source.to_string(),
            line,
            severity,
            rule,
            message,
        });
    }
    fn error(&mut self, line: u64, rule: Rule, message: String) {
        self.push(line, Severity::Error, rule, message);
    }
    fn warn(&mut self, line: u64, rule: Rule, message: String) {
        self.push(line, Severity::Warning, rule, message);
    }
}

/// The text, decoded as UTF-8 (lossily after reporting the first bad byte).
fn check_encoding(bytes: &[u8], out: &mut Findings) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let guess = match crate::decode::decode(bytes, Default::default()) {
                Ok(d) => format!(" (it decodes as {}; save it as UTF-8)", d.encoding),
                Err(_) => String::new(),
            };
            out.error(
                line,
                Rule::Encoding,
                format!(
                    "not UTF-8: invalid byte 0x{:02X} at byte {at}{guess}",
                    bytes[at]
                ),
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    for (i, l) in text.lines().enumerate() {
        if let Some(c) = l
            .chars()
            // After a decoding error the U+FFFD are ours, already reported.
            .find(|&c| (c == '\u{FFFD}' && utf8) || (c.is_control() && c != '\t' && c != '\r'))
        {
            let what = if c == '\u{FFFD}' {
                "U+FFFD, a character lost in an earlier conversion".to_string()
            } else {
                format!("the control character U+{:04X}", c as u32)
            };
            out.error(i as u64 + 1, Rule::Encoding, format!("contains {what}"));
        }
    }
    text
}

fn read_with(r: Result<Vec<Entry>>, out: &mut Findings) -> Vec<Entry> {
    match r {
        Ok(es) => es,
        Err(e) => {
            out.error(e.line().unwrap_or(1), Rule::Format, e.message().to_string());
            Vec::new()
        }
    }
}

/// Read CSV/TSV rows with the shared reader, every issue a finding, and
/// return the (trimmed) entries.
fn read_delimited(text: &str, delimiter: u8, out: &mut Findings) -> Vec<Entry> {
    let source = out.source;
    let mut lint = LintRows {
        out,
        entries: Vec::new(),
    };
    delimited::read(text.as_bytes(), source, delimiter, Mode::Lint, &mut lint);
    lint.entries
}

/// Lint as a [`delimited::Sink`]: every issue becomes a finding and
/// reading goes on wherever the reader can.
struct LintRows<'f, 's> {
    out: &'f mut Findings<'s>,
    entries: Vec<Entry>,
}

impl delimited::Sink for LintRows<'_, '_> {
    fn issue(&mut self, issue: Issue<'_>) -> bool {
        let out = &mut *self.out;
        match issue {
            Issue::Csv(e) => {
                let line = e.position().map_or(1, |p| p.line());
                out.error(line, Rule::Format, e.to_string());
            }
            Issue::NoHeader => out.error(1, Rule::Format, "empty file: no header row".into()),
            Issue::UnterminatedQuote { line } => out.error(
                line,
                Rule::Format,
                "a quoted field opened on this line is never closed: it swallows every row after it"
                    .into(),
            ),
            Issue::ColumnBlanks(h) => out.warn(
                1,
                Rule::Blank,
                format!("column name `{h}` has leading or trailing blanks"),
            ),
            Issue::DuplicateColumn(c) => {
                out.error(1, Rule::Format, format!("column `{c}` appears twice"))
            }
            Issue::UnknownColumns(unknown) => out.error(
                1,
                Rule::Format,
                format!(
                    "unknown column(s) {}; allowed: {}",
                    unknown.join(", "),
                    COLUMNS.join(",")
                ),
            ),
            Issue::MissingColumns(missing) => out.error(
                1,
                Rule::Required,
                format!("missing required column(s) {}", missing.join(", ")),
            ),
            Issue::RowLength { line, got, want } => out.error(
                line,
                Rule::Format,
                format!("row has {got} field(s), the header has {want}"),
            ),
            Issue::FieldBlanks {
                line,
                column,
                value,
            } => out.warn(
                line,
                Rule::Blank,
                format!("`{column}` has leading or trailing blanks: `{value}`"),
            ),
            Issue::EmptyItem {
                line,
                column,
                value,
            } => out.warn(
                line,
                Rule::Blank,
                format!("empty item in `{column}`: `{value}`"),
            ),
            Issue::ItemBlanks { line, column, item } => out.warn(
                line,
                Rule::Blank,
                format!("item `{item}` in `{column}` has leading or trailing blanks"),
            ),
            Issue::EmptyZh { line } => out.error(line, Rule::Required, "empty `zh`".into()),
            Issue::EmptyEn { line, zh } => out.error(
                line,
                Rule::Required,
                format!("empty `en` for `{}`", if zh.is_empty() { "?" } else { zh }),
            ),
            Issue::BadType { line, message } => out.error(line, Rule::Type, message),
        }
        true
    }

    fn entry(&mut self, entry: Entry) -> bool {
        self.entries.push(entry);
        true
    }
}

/// Key under which two renderings count as the same listing: case, curly
/// quotes and runs of white space aside (hyphens are kept: `Secretary
/// General` and `Secretary-General` are different spellings to list).
fn listing_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
}

/// Key under which the matcher cannot tell two renderings apart.
fn match_key(s: &str) -> String {
    fold_en(s.trim(), true).text.into_owned()
}

/// Entries whose terms are one term across scripts: their traditional (or
/// simplified) form is the other entry's, so the matcher, which folds
/// scripts, finds both in the same text.
fn check_script_collisions(entries: &[Entry], out: &mut Findings) {
    let mut first: HashMap<String, &Entry> = HashMap::new();
    for e in entries {
        let folded = crate::script::fold(e.zh.trim()).into_owned();
        match first.get(&folded) {
            // Different renderings: loading refuses it, as for one `zh`
            // twice; the same: loading merges them.
            Some(prev) if prev.zh.trim() != e.zh.trim() => out.push(
                e.origin.line,
                if prev.en == e.en {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                Rule::Script,
                format!(
                    "`{}` and `{}` (line {}) are the same term in another script: \
                     both match the same text{}; keep one entry",
                    e.zh,
                    prev.zh,
                    prev.origin.line,
                    if prev.en == e.en {
                        String::new()
                    } else {
                        format!(" (renderings `{}` and `{}`)", e.en, prev.en)
                    }
                ),
            ),
            Some(_) => {}
            None => {
                first.insert(folded, e);
            }
        }
    }
}

fn check_entries(entries: &[Entry], out: &mut Findings) {
    check_script_collisions(entries, out);
    // Duplicate zh within the file.
    let mut first: HashMap<&str, &Entry> = HashMap::new();
    for e in entries {
        match first.get(e.zh.as_str()) {
            // Loading (`-g`) accepts this and merges the rows' lists, so it
            // is a warning here too; a different rendering is an error in
            // both.
            Some(prev) if prev.en == e.en => out.warn(
                e.origin.line,
                Rule::Duplicate,
                format!(
                    "duplicate entry for `{}` (first at line {}); loading merges their variants and forbidden renderings: merge the rows",
                    e.zh, prev.origin.line
                ),
            ),
            Some(prev) => out.error(
                e.origin.line,
                Rule::Duplicate,
                format!(
                    "`{}` has approved rendering `{}` here and `{}` at line {}",
                    e.zh, e.en, prev.en, prev.origin.line
                ),
            ),
            None => {
                first.insert(&e.zh, e);
            }
        }
    }
    for e in entries {
        let line = e.origin.line;
        // Renderings listed twice.
        let mut seen: Vec<(String, &str)> = vec![(listing_key(&e.en), e.en.as_str())];
        for v in &e.variants {
            let k = listing_key(v);
            match seen.iter().find(|(s, _)| *s == k) {
                Some((_, prev)) => out.warn(
                    line,
                    Rule::Duplicate,
                    format!("variant `{v}` of `{}` repeats `{prev}`", e.zh),
                ),
                None => seen.push((k, v)),
            }
        }
        // Forbidden renderings that are accepted ones.
        let mut seen_forbidden: Vec<String> = Vec::new();
        for f in &e.forbidden {
            let fk = match_key(f);
            if fk == match_key(&e.en) {
                out.error(
                    line,
                    Rule::Forbidden,
                    format!(
                        "forbidden rendering `{f}` of `{}` is its approved rendering `{}`",
                        e.zh, e.en
                    ),
                );
            } else if let Some(v) = e.variants.iter().find(|v| match_key(v) == fk) {
                out.error(
                    line,
                    Rule::Forbidden,
                    format!(
                        "forbidden rendering `{f}` of `{}` is its variant `{v}`",
                        e.zh
                    ),
                );
            }
            if seen_forbidden.contains(&listing_key(f)) {
                out.warn(
                    line,
                    Rule::Duplicate,
                    format!("forbidden rendering `{f}` of `{}` is listed twice", e.zh),
                );
            }
            seen_forbidden.push(listing_key(f));
        }
    }
    check_nested(entries, out);
}

/// Terms contained in longer terms whose renderings conflict with theirs.
fn check_nested(entries: &[Entry], out: &mut Findings) {
    for outer in entries {
        for inner in entries {
            if inner.zh.len() >= outer.zh.len() || !outer.zh.contains(inner.zh.as_str()) {
                continue;
            }
            for rendering in outer.accepted() {
                for f in &inner.forbidden {
                    if find_words(rendering, f).is_some() {
                        out.warn(
                            outer.origin.line,
                            Rule::Nested,
                            format!(
                                "`{}` contains `{}`, but its rendering `{rendering}` uses `{f}`, \
                                 which line {} forbids for `{}`",
                                outer.zh, inner.zh, inner.origin.line, inner.zh
                            ),
                        );
                    }
                }
            }
            // Only capitals lost count: a name may capitalise common words
            // (`Framework Convention on Climate Change`), but writing a
            // capitalised term in lower case is what `check` flags.
            let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
            if let Some(found) = find_words(&outer.en, &inner.en)
                && capitals(found) < capitals(&inner.en)
                && !same_form(found, &inner.en)
                && !inner.variants.iter().any(|v| same_form(found, v))
            {
                out.warn(
                    outer.origin.line,
                    Rule::Nested,
                    format!(
                        "`{}` contains `{}`, but its rendering `{}` writes `{found}` where line {} \
                         has `{}`",
                        outer.zh, inner.zh, outer.en, inner.origin.line, inner.en
                    ),
                );
            }
        }
    }
}

/// Where `needle` occurs in `hay` as whole words, ignoring what the matcher
/// ignores (case, hyphens, quotes); the occurrence as written in `hay`.
fn find_words<'h>(hay: &'h str, needle: &str) -> Option<&'h str> {
    let h = fold_en(hay, true);
    let n = fold_en(needle.trim(), true);
    let (ht, nt): (&str, &str) = (h.text.as_ref(), n.text.as_ref());
    if nt.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = ht[from..].find(nt) {
        let s = from + i;
        let e = s + nt.len();
        let before = ht[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after = ht[e..].chars().next().is_some_and(char::is_alphanumeric);
        if !before && !after {
            return Some(&hay[h.orig_start(s)..h.orig_end(e)]);
        }
        from = s + ht[s..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(csv: &str) -> Vec<String> {
        let (mut f, _) = lint_bytes(csv.as_bytes(), "t.csv", Format::Csv);
        f.sort_by_key(|f| f.line);
        f.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn each_rule_table() {
        let h = "zh,en,variants,forbidden,type,note\n";
        let cases: &[(&str, &str)] = &[
            ("zh,en\n甲,A\n", ""),
            (
                "zh,en,colour\n甲,A,red\n",
                "t.csv:1: error: unknown column(s) colour; allowed: zh,en,variants,forbidden,type,note [format]",
            ),
            (
                "zh,note\n甲,A\n",
                "t.csv:1: error: missing required column(s) en [required]",
            ),
            (
                "zh,en,type\n甲,,term\n",
                "t.csv:2: error: empty `en` for `甲` [required]",
            ),
            (
                "zh,en,type\n甲,A,animal\n",
                "t.csv:2: error: unknown type `animal` (expected term, person, place, org, title or abbr) [type]",
            ),
            (
                "zh,en\n甲, A\n",
                "t.csv:2: warning: `en` has leading or trailing blanks: ` A` [blank]",
            ),
            (
                "zh,en,variants\n甲,A,B||C\n",
                "t.csv:2: warning: empty item in `variants`: `B||C` [blank]",
            ),
            (
                "zh,en\n甲,A\n甲,A\n",
                "t.csv:3: warning: duplicate entry for `甲` (first at line 2); loading merges their variants and forbidden renderings: merge the rows [duplicate]",
            ),
            (
                "zh,en,variants\n甲,Alpha,ALPHA\n",
                "t.csv:2: warning: variant `ALPHA` of `甲` repeats `Alpha` [duplicate]",
            ),
            (
                "zh,en,variants,forbidden\n甲,A-B,C,C\n",
                "t.csv:2: error: forbidden rendering `C` of `甲` is its variant `C` [forbidden]",
            ),
            (
                "zh,en,forbidden\n一带一路,Belt and Road,OBOR\n共建一带一路,OBOR cooperation,\n",
                "t.csv:3: warning: `共建一带一路` contains `一带一路`, but its rendering `OBOR cooperation` uses `OBOR`, which line 2 forbids for `一带一路` [nested]",
            ),
            (
                "zh,en\n上海精神,Shanghai Spirit\n弘扬上海精神,carry forward the Shanghai spirit\n",
                "t.csv:3: warning: `弘扬上海精神` contains `上海精神`, but its rendering `carry forward the Shanghai spirit` writes `Shanghai spirit` where line 2 has `Shanghai Spirit` [nested]",
            ),
            (
                "zh,en\n甲,A\u{FFFD}\n",
                "t.csv:2: error: contains U+FFFD, a character lost in an earlier conversion [encoding]",
            ),
            (
                "zh,en\n甲,A\n乙\n",
                "t.csv:3: error: row has 1 field(s), the header has 2 [format]",
            ),
        ];
        for &(csv, want) in cases {
            let got = lint(csv);
            if want.is_empty() {
                assert!(got.is_empty(), "{csv}: {got:?}");
            } else {
                assert!(
                    got.iter().any(|g| g == want),
                    "{csv}:\n got {got:?}\nwant {want}"
                );
            }
        }
        let _ = h;
    }

    #[test]
    fn bad_bytes_are_an_encoding_error_with_the_line() {
        let bytes = b"zh,en\n\xC4\xE3\xBA\xC3,hello\n";
        let (f, _) = lint_bytes(bytes, "g.csv", Format::Csv);
        assert_eq!(f[0].line, 2);
        assert_eq!(f[0].rule, Rule::Encoding);
        assert!(
            f[0].message.contains("invalid byte 0xC4 at byte 6"),
            "{}",
            f[0]
        );
    }

    #[test]
    fn hyphenated_spellings_are_distinct_listings() {
        assert!(lint("zh,en,variants\n秘书长,Secretary-General,Secretary General\n").is_empty());
    }

    #[test]
    fn shipped_glossary_has_no_errors() {
        let (f, es) = lint_bytes(
            super::super::BUILTIN_CSV.as_bytes(),
            "default.csv",
            Format::Csv,
        );
        let errors: Vec<String> = f
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(es.len(), super::super::Glossary::builtin().len());
    }

    #[test]
    fn other_formats_are_linted_too() {
        let (f, _) = lint_bytes(b"<martif>\n<text>\n</martif>", "g.tbx", Format::Tbx);
        assert_eq!(f[0].rule, Rule::Format);
        assert_eq!(f[0].line, 3);
        let (f, es) = lint_bytes(
            "一带一路\tBelt and Road\t[forbidden: Belt-and-Road]\n".as_bytes(),
            "g.utf8",
            Format::OmegaT,
        );
        assert_eq!(es.len(), 1);
        assert_eq!(
            f[0].to_string(),
            "g.utf8:1: error: forbidden rendering `Belt-and-Road` of `一带一路` is its approved rendering `Belt and Road` [forbidden]"
        );
    }
}
