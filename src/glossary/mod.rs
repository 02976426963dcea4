//! The term glossary: entries (a Chinese term, its approved English
//! rendering, accepted variants and forbidden renderings), loading from
//! CSV/TSV with line-numbered errors, and merging several glossaries.
//!
//! Matching the entries in text lives in `matcher`; other file formats
//! (TBX, OmegaT) in `tbx`, `omegat` and [`convert`]; checking a glossary
//! file in [`lint`]; counting in [`stats`]. CSV/TSV files are read by one
//! reader (`delimited`) for both loading and lint.

pub mod convert;
pub(crate) mod delimited;
pub mod lint;
pub(crate) mod matcher;
pub(crate) mod omegat;
pub mod stats;
pub(crate) mod tbx;

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

pub use convert::Format;
pub use matcher::{EnHit, Rendering, TermHit, TermMatcher};

/// The built-in glossary, compiled into the binary.
pub const BUILTIN_CSV: &str = include_str!("../../glossary/default.csv");

/// The columns a glossary file may have; only `zh` and `en` are required.
pub const COLUMNS: [&str; 6] = ["zh", "en", "variants", "forbidden", "type", "note"];

/// Index of an entry in its [`Glossary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EntryId(pub u32);

/// What kind of thing a term names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermType {
    /// A general term or formulation (上海精神).
    #[default]
    Term,
    /// A person's name (习近平).
    Person,
    /// A place (阿斯塔纳).
    Place,
    /// An organisation or body (上海合作组织).
    Org,
    /// A title or office (国家主席).
    Title,
    /// An abbreviation (上合组织).
    Abbr,
}

impl FromStr for TermType {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<TermType, String> {
        Ok(match s.trim() {
            "" | "term" => TermType::Term,
            "person" => TermType::Person,
            "place" => TermType::Place,
            "org" => TermType::Org,
            "title" => TermType::Title,
            "abbr" => TermType::Abbr,
            other => {
                return Err(format!(
                    "unknown type `{other}` (expected term, person, place, org, title or abbr)"
                ));
            }
        })
    }
}

impl fmt::Display for TermType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TermType::Term => "term",
            TermType::Person => "person",
            TermType::Place => "place",
            TermType::Org => "org",
            TermType::Title => "title",
            TermType::Abbr => "abbr",
        })
    }
}

/// Where an entry was read from, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file (or `<builtin>`).
    pub source: String,
    /// The 1-based line of the entry's row.
    pub line: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The Chinese term.
    pub zh: String,
    /// The approved English rendering.
    pub en: String,
    /// Other accepted renderings.
    pub variants: Vec<String>,
    /// Renderings that must not be used.
    pub forbidden: Vec<String>,
    /// What the term names.
    pub kind: TermType,
    /// Free text.
    pub note: String,
    /// Where the entry was read from.
    pub origin: Origin,
}

impl Entry {
    /// The approved rendering followed by the variants.
    pub fn accepted(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// A set of entries, unique by `zh`.
///
/// ```
/// use termalign::glossary::Glossary;
/// let csv = "zh,en,variants\n上海精神,Shanghai Spirit,\n一带一路,Belt and Road,BRI\n";
/// let g = Glossary::from_csv_str(csv, "mine.csv").unwrap();
/// assert_eq!(g.len(), 2);
/// assert_eq!(g.find_zh("一带一路").unwrap().variants, ["BRI"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// Entries by script-folded `zh`: `上海合作組織` is `上海合作组织`.
    by_zh: HashMap<String, EntryId>,
}

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Glossary {
        Glossary::default()
    }

    /// The glossary shipped in `glossary/default.csv`.
    pub fn builtin() -> Glossary {
        Glossary::from_csv_str(BUILTIN_CSV, "<builtin>").expect("the built-in glossary is valid")
    }

    /// Parse CSV text (comma-separated, header row).
    pub fn from_csv_str(text: &str, source: &str) -> Result<Glossary> {
        Glossary::from_reader(text.as_bytes(), source, b',')
    }

    /// Load a glossary file in the format its name says ([`Format::from_path`]:
    /// `.csv`, `.tsv`/`.tab`, `.tbx`, OmegaT `.utf8`/`.txt`; CSV otherwise).
    /// A folder loads every glossary file in it (`.csv`, `.tsv`, `.tab`,
    /// `.tbx`, `.utf8`), in name order, merged with [`Glossary::merge`].
    pub fn load(path: &Path) -> Result<Glossary> {
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| Error::io(e).with_path(path))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().is_some_and(|x| {
                            matches!(x.to_str(), Some("csv" | "tsv" | "tab" | "tbx" | "utf8"))
                        })
                })
                .collect();
            files.sort();
            let mut g = Glossary::new();
            for f in files {
                g.merge(Glossary::load(&f)?)?;
            }
            return Ok(g);
        }
        convert::read_path(path, None)
    }

    /// Build a glossary from entries, in order, with the rules of
    /// [`Glossary::merge`] (the same `zh` twice with different `en` is an
    /// error naming both places; with the same `en` the lists are merged).
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Result<Glossary> {
        let mut g = Glossary::new();
        for e in entries {
            g.push(e)?;
        }
        Ok(g)
    }

    /// Parse delimited text with a header row naming the columns.
    pub fn from_reader<R: Read>(reader: R, source: &str, delimiter: u8) -> Result<Glossary> {
        let mut load = Load {
            source,
            glossary: Glossary::new(),
            error: None,
        };
        delimited::read(reader, source, delimiter, delimited::Mode::Load, &mut load);
        match load.error {
            Some(e) => Err(e),
            None => Ok(load.glossary),
        }
    }

    fn push(&mut self, entry: Entry) -> Result<()> {
        if let Some(&id) = self.by_zh.get(zh_key(&entry.zh).as_ref()) {
            let old = &self.entries[id.0 as usize];
            if old.en != entry.en {
                return Err(Error::new(
                    ErrorKind::Glossary,
                    format!(
                        "`{}` has approved rendering `{}` here and `{}` at {}",
                        entry.zh, entry.en, old.en, old.origin
                    ),
                )
                .with_path(&entry.origin.source)
                .with_line(entry.origin.line));
            }
            // Same term, same rendering: merge the lists.
            let old = &mut self.entries[id.0 as usize];
            for v in entry.variants {
                if !old.variants.contains(&v) {
                    old.variants.push(v);
                }
            }
            for v in entry.forbidden {
                if !old.forbidden.contains(&v) {
                    old.forbidden.push(v);
                }
            }
            return Ok(());
        }
        let id = EntryId(self.entries.len() as u32);
        self.by_zh.insert(zh_key(&entry.zh).into_owned(), id);
        self.entries.push(entry);
        Ok(())
    }

    /// Add every entry of `other`; the same `zh` with a different approved
    /// rendering is an error naming both places. A term is the same in
    /// either script (`上海合作組織` is `上海合作组织`), as matching sees it.
    pub fn merge(&mut self, other: Glossary) -> Result<()> {
        for e in other.entries {
            self.push(e)?;
        }
        Ok(())
    }

    /// Lay `user` over this glossary (the built-in one): a user entry
    /// replaces the entry with the same `zh`, in either script (id kept),
    /// new entries are
    /// added. Returns the replacements whose approved rendering differs, so
    /// the caller can tell the user. Conflicts *between* user files are
    /// caught earlier, by [`Glossary::merge`].
    ///
    /// ```
    /// use termalign::glossary::Glossary;
    /// let mut g = Glossary::from_csv_str("zh,en\n英国,Britain\n", "<builtin>").unwrap();
    /// let user = Glossary::from_csv_str("zh,en\n英国,United Kingdom\n", "house.csv").unwrap();
    /// let notes = g.overlay(user);
    /// assert_eq!(g.find_zh("英国").unwrap().en, "United Kingdom");
    /// assert_eq!(notes[0].to_string(),
    ///     "house.csv:2: `英国` is rendered `United Kingdom`, overriding `Britain` (<builtin>:2)");
    /// ```
    pub fn overlay(&mut self, user: Glossary) -> Vec<Override> {
        let mut notes = Vec::new();
        for e in user.entries {
            match self.by_zh.get(zh_key(&e.zh).as_ref()) {
                Some(&id) => {
                    let old = std::mem::replace(&mut self.entries[id.0 as usize], e);
                    let new = &self.entries[id.0 as usize];
                    if old.en != new.en {
                        notes.push(Override {
                            zh: new.zh.clone(),
                            old_en: old.en,
                            new_en: new.en.clone(),
                            old: old.origin,
                            new: new.origin.clone(),
                        });
                    }
                }
                None => {
                    let id = EntryId(self.entries.len() as u32);
                    self.by_zh.insert(zh_key(&e.zh).into_owned(), id);
                    self.entries.push(e);
                }
            }
        }
        notes
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// The entry for a Chinese term, written in either script.
    ///
    /// ```
    /// let g = termalign::glossary::Glossary::builtin();
    /// assert_eq!(g.find_zh("上海合作組織").unwrap().zh, "上海合作组织");
    /// ```
    pub fn find_zh(&self, zh: &str) -> Option<&Entry> {
        self.by_zh.get(zh_key(zh).as_ref()).map(|&id| self.get(id))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A user glossary entry that replaced a built-in one with a different
/// approved rendering (see [`Glossary::overlay`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Override {
    /// The Chinese term.
    pub zh: String,
    /// The built-in rendering that no longer applies.
    pub old_en: String,
    /// The user's rendering.
    pub new_en: String,
    /// Where the built-in entry was.
    pub old: Origin,
    /// Where the user's entry is.
    pub new: Origin,
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: `{}` is rendered `{}`, overriding `{}` ({})",
            self.new, self.zh, self.new_en, self.old_en, self.old
        )
    }
}

/// Loading as a [`delimited::Sink`]: entries go into the glossary, and the
/// first issue that makes the file untrustworthy stops reading with an
/// error (blanks and repeated columns are lint's business).
struct Load<'s> {
    source: &'s str,
    glossary: Glossary,
    error: Option<Error>,
}

impl delimited::Sink for Load<'_> {
    fn issue(&mut self, issue: delimited::Issue<'_>) -> bool {
        use delimited::Issue;
        let at = |line: u64, msg: String| {
            Error::new(ErrorKind::Glossary, msg)
                .with_path(self.source)
                .with_line(line)
        };
        let error = match issue {
            Issue::Csv(error) => csv_error(error, self.source),
            // An empty file has an empty header, which lacks `zh`.
            Issue::NoHeader => at(1, "missing required column `zh`".into()),
            Issue::UnterminatedQuote { line } => at(
                line,
                "a quoted field opened on this line is never closed: it swallows every row after it"
                    .into(),
            ),
            Issue::UnknownColumns(unknown) => at(
                1,
                format!(
                    "unknown column(s) {}; allowed: {}",
                    unknown.join(", "),
                    COLUMNS.join(",")
                ),
            ),
            Issue::MissingColumns(missing) => {
                at(1, format!("missing required column `{}`", missing[0]))
            }
            Issue::RowLength { line, got, want } if got < want => at(
                line,
                format!("row has {got} field(s), the header has {want}"),
            ),
            Issue::EmptyZh { line } => at(line, "empty `zh`".into()),
            Issue::EmptyEn { line, zh } => at(line, format!("empty `en` for `{zh}`")),
            Issue::BadType { line, message } => at(line, message),
            Issue::RowLength { .. }
            | Issue::ColumnBlanks(_)
            | Issue::DuplicateColumn(_)
            | Issue::FieldBlanks { .. }
            | Issue::EmptyItem { .. }
            | Issue::ItemBlanks { .. } => return true,
        };
        self.error = Some(error);
        false
    }

    fn entry(&mut self, entry: Entry) -> bool {
        match self.glossary.push(entry) {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }
}

fn csv_error(e: csv::Error, source: &str) -> Error {
    let line = e.position().map(|p| p.line());
    let mut err = Error::new(ErrorKind::Format, e.to_string()).with_path(source);
    if let Some(l) = line {
        err = err.with_line(l);
    }
    err
}

/// The key entries are known by: the script-folded term, since matching
/// cannot tell `上海合作組織` from `上海合作组织`.
fn zh_key(zh: &str) -> std::borrow::Cow<'_, str> {
    crate::script::fold(zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_has_seed_terms() {
        let g = Glossary::builtin();
        for (zh, en) in [
            ("上海精神", "Shanghai Spirit"),
            (
                "和平共处五项原则",
                "Five Principles of Peaceful Coexistence",
            ),
            ("小院高墙", "small yard, high fence"),
            ("两国方案", "two-state solution"),
        ] {
            assert_eq!(g.find_zh(zh).map(|e| e.en.as_str()), Some(en), "{zh}");
        }
    }

    #[test]
    fn load_errors_name_the_line() {
        let cases = [
            ("zh,en,colour\n甲,A,red\n", 1, "unknown column(s) colour"),
            ("zh,variants\n甲,A\n", 1, "missing required column `en`"),
            ("zh,en,type\n甲,A,term\n乙,,term\n", 3, "empty `en`"),
            ("zh,en,type\n甲,A,term\n乙\n", 3, "row has 1 field(s)"),
            ("zh,en,type\n甲,A,animal\n", 2, "unknown type `animal`"),
            (
                "zh,en\n甲,A\n甲,B\n",
                3,
                "approved rendering `B` here and `A` at t.csv:2",
            ),
        ];
        for (csv, line, msg) in cases {
            let err = Glossary::from_csv_str(csv, "t.csv").unwrap_err();
            assert_eq!(err.line(), Some(line), "{csv}");
            assert!(err.to_string().contains(msg), "{err} should contain {msg}");
        }
    }

    #[test]
    fn lists_split_on_pipes() {
        let g = Glossary::from_csv_str(
            "zh,en,variants,forbidden\n一带一路,Belt and Road, BRI | Belt and Road Initiative ,OBOR\n",
            "t",
        )
        .unwrap();
        let e = g.find_zh("一带一路").unwrap();
        assert_eq!(e.variants, ["BRI", "Belt and Road Initiative"]);
        assert_eq!(e.forbidden, ["OBOR"]);
        assert_eq!(e.accepted().count(), 3);
    }
}
