//! The term glossary: entries (a Chinese term, its approved English
//! rendering, accepted variants and forbidden renderings), loading from
//! CSV/TSV with line-numbered errors, and merging several glossaries.
//!
//! Matching the entries in text lives in [`matcher`]; other file formats
//! (TBX, OmegaT) in [`tbx`], [`omegat`] and [`convert`]; checking a glossary
//! file in [`lint`]; counting in [`stats`].

pub mod convert;
pub mod lint;
pub mod matcher;
pub mod omegat;
pub mod stats;
pub mod tbx;

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
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(reader);
        let headers = rdr.headers().map_err(|e| csv_error(e, source))?.clone();
        let mut col: HashMap<&str, usize> = HashMap::new();
        let mut unknown = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{FEFF}');
            match COLUMNS.iter().find(|&&c| c == h) {
                Some(c) => {
                    col.insert(c, i);
                }
                None => unknown.push(h.to_string()),
            }
        }
        let header_err = |msg: String| {
            Error::new(ErrorKind::Glossary, msg)
                .with_path(source)
                .with_line(1)
        };
        if !unknown.is_empty() {
            return Err(header_err(format!(
                "unknown column(s) {}; allowed: {}",
                unknown.join(", "),
                COLUMNS.join(",")
            )));
        }
        for required in ["zh", "en"] {
            if !col.contains_key(required) {
                return Err(header_err(format!("missing required column `{required}`")));
            }
        }
        let mut g = Glossary::new();
        for record in rdr.records() {
            let record = record.map_err(|e| csv_error(e, source))?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let err = |msg: String| {
                Error::new(ErrorKind::Glossary, msg)
                    .with_path(source)
                    .with_line(line)
            };
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() < headers.len() {
                return Err(err(format!(
                    "row has {} field(s), the header has {}",
                    record.len(),
                    headers.len()
                )));
            }
            let field = |name: &str| {
                col.get(name)
                    .and_then(|&i| record.get(i))
                    .unwrap_or("")
                    .trim()
            };
            let list = |name: &str| -> Vec<String> {
                field(name)
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            let (zh, en) = (field("zh"), field("en"));
            if zh.is_empty() {
                return Err(err("empty `zh`".into()));
            }
            if en.is_empty() {
                return Err(err(format!("empty `en` for `{zh}`")));
            }
            let kind = field("type").parse::<TermType>().map_err(err)?;
            g.push(Entry {
                zh: zh.to_string(),
                en: en.to_string(),
                variants: list("variants"),
                forbidden: list("forbidden"),
                kind,
                note: field("note").to_string(),
                origin: Origin {
                    source: source.to_string(),
                    line,
                },
            })?;
        }
        Ok(g)
    }

    fn push(&mut self, entry: Entry) -> Result<()> {
        if let Some(&id) = self.by_zh.get(&entry.zh) {
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
        self.by_zh.insert(entry.zh.clone(), id);
        self.entries.push(entry);
        Ok(())
    }

    /// Add every entry of `other`; the same `zh` with a different approved
    /// rendering is an error naming both places.
    pub fn merge(&mut self, other: Glossary) -> Result<()> {
        for e in other.entries {
            self.push(e)?;
        }
        Ok(())
    }

    /// Lay `user` over this glossary (the built-in one): a user entry
    /// replaces the entry with the same `zh` (id kept), new entries are
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
            match self.by_zh.get(&e.zh) {
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
                    self.by_zh.insert(e.zh.clone(), id);
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

    /// The entry for a Chinese term.
    pub fn find_zh(&self, zh: &str) -> Option<&Entry> {
        self.by_zh.get(zh).map(|&id| self.get(id))
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

fn csv_error(e: csv::Error, source: &str) -> Error {
    let line = e.position().map(|p| p.line());
    let mut err = Error::new(ErrorKind::Format, e.to_string()).with_path(source);
    if let Some(l) = line {
        err = err.with_line(l);
    }
    err
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
