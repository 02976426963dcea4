//! General bilingual dictionaries for the aligner: CC-CEDICT (plain or
//! gzip-compressed, read directly) and tab-separated `zh<TAB>en` lists.
//!
//! Each Chinese headword maps to the set of English *content stems* of its
//! glosses: glosses are split into words, stop words and pinyin or
//! cross-references are dropped, and the rest are lower-cased and stemmed
//! (Porter 2 via `rust-stemmers`) after a small irregular-form table. The
//! English side of a sentence goes through the same [`EnNormalizer`], so a
//! match is a shared stem. Stems are kept as 64-bit hashes: no strings are
//! compared in the aligner's inner loop.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use super::builtin::BuiltinLexicon;
use super::english::EnNormalizer;
use super::hash::{FixedState, StemKey, key};
use crate::error::{Error, ErrorKind, Result};

/// A Chinese → English dictionary: each headword with the stem keys of its
/// glosses. `Sync`; load once and share.
///
/// Loading only checks the format and indexes headwords; the glosses of a
/// headword are split, filtered and stemmed the first time it is looked up
/// (a document pair touches a few thousand of CC-CEDICT's 120,000 entries,
/// so loading stays a fraction of a second).
pub struct Dictionary {
    norm: EnNormalizer,
    /// The built-in lexicon, when on: its headword ids are this
    /// dictionary's ids `0..builtin.len()`, file headwords follow.
    builtin: Option<BuiltinLexicon>,
    /// The raw text of each loaded file.
    texts: Vec<String>,
    /// Headword → id for headwords not in the built-in lexicon, in order of
    /// first appearance (deterministic).
    index: HashMap<String, u32, FixedState>,
    /// Per id: the first of its raw gloss ranges from files (ids past the
    /// end have none).
    first: Vec<u32>,
    /// Raw gloss ranges: (file, start, end, next range of the same
    /// headword or `u32::MAX`).
    raw: Vec<(u32, u32, u32, u32)>,
    /// Per id: the parsed stems, filled on first lookup.
    parsed: Vec<OnceLock<Box<[StemKey]>>>,
    max_chars: usize,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("headwords", &self.len())
            .field("builtin", &self.builtin.is_some())
            .finish()
    }
}

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary::new()
    }
}

/// Add the content stems of one gloss to `out`.
fn parse_gloss(norm: &EnNormalizer, gloss: &str, out: &mut Vec<StemKey>) {
    let g = gloss.trim();
    // Cross-references, classifiers and pure grammar notes carry no
    // English content words of the headword.
    if g.starts_with("CL:")
        || g.starts_with("variant of")
        || g.starts_with("old variant of")
        || g.starts_with("see ")
        || g.starts_with("surname ")
        || g.starts_with("used in ")
        || g.starts_with("abbr. for")
    {
        return;
    }
    let mut depth = 0usize;
    let mut word = String::new();
    let mut skip_word = false;
    for c in g.chars().chain(std::iter::once(' ')) {
        match c {
            // Parenthesised notes ("(slang)", "(idiom)") and pinyin
            // references ("[ge4]") are not glosses.
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_ascii_alphabetic() => word.push(c.to_ascii_lowercase()),
            c if c.is_ascii_digit() => skip_word = true,
            _ => {
                if !skip_word
                    && (word.len() > 1 || word == "i")
                    && let Some(stem) = norm.stem(&word)
                {
                    let k = key(&stem);
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
                skip_word = false;
                word.clear();
            }
        }
    }
}

impl Dictionary {
    /// An empty dictionary.
    pub fn new() -> Dictionary {
        Dictionary {
            norm: EnNormalizer::new(),
            builtin: None,
            texts: Vec::new(),
            index: HashMap::with_hasher(FixedState),
            first: Vec::new(),
            raw: Vec::new(),
            parsed: Vec::new(),
            max_chars: 0,
        }
    }

    /// The built-in CC-CEDICT lexicon (see `super::builtin`): no
    /// file is read and nothing is parsed up front; glosses are parsed and
    /// stemmed on first lookup, exactly as for a `--dict` file.
    ///
    /// ```
    /// use termalign::lexicon::Dictionary;
    /// let d = Dictionary::builtin();
    /// assert!(d.glosses("朋友").is_some());
    /// ```
    pub fn builtin() -> Dictionary {
        let lex = BuiltinLexicon::get();
        let mut d = Dictionary::new();
        d.parsed = std::iter::repeat_with(OnceLock::new)
            .take(lex.len())
            .collect();
        d.max_chars = lex.max_chars();
        d.builtin = Some(lex);
        d
    }

    /// True when the built-in lexicon is part of this dictionary.
    pub fn has_builtin(&self) -> bool {
        self.builtin.is_some()
    }

    /// Number of entry lines read from dictionary files (each CC-CEDICT or
    /// `zh<TAB>en` line counts once per headword form it indexes): zero when
    /// the files held no entries, whether or not the built-in lexicon is on.
    pub fn file_entries(&self) -> usize {
        self.raw.len()
    }

    /// This dictionary with dictionary files added (see [`Dictionary::load`]
    /// for the formats): a headword in both keeps the glosses it has here
    /// and gains the file's. `Dictionary::builtin().with_files(&paths)` is
    /// the built-in lexicon plus the user's `--dict` files. On error the
    /// dictionary is dropped (the error names the file and line).
    pub fn with_files<P: AsRef<Path>>(mut self, paths: &[P]) -> Result<Dictionary> {
        self.add_files(paths)?;
        Ok(self)
    }

    /// Load one or more dictionary files (merged). A file is CC-CEDICT
    /// when its lines look like `繁 简 [pinyin] /gloss/`, otherwise
    /// `zh<TAB>en` (the English may hold several glosses separated by `/`
    /// or `;`). A name ending in `.gz` is decompressed on the fly. Errors
    /// name the file and line.
    pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Dictionary> {
        Dictionary::new().with_files(paths)
    }

    fn add_files<P: AsRef<Path>>(&mut self, paths: &[P]) -> Result<()> {
        for p in paths {
            let p = p.as_ref();
            let file = std::fs::File::open(p).map_err(|e| Error::io(e).with_path(p))?;
            let mut reader: Box<dyn Read> = if p.extension().is_some_and(|e| e == "gz") {
                Box::new(flate2::read::MultiGzDecoder::new(file))
            } else {
                Box::new(file)
            };
            let mut text = String::new();
            reader.read_to_string(&mut text).map_err(|e| {
                let kind = if e.kind() == std::io::ErrorKind::InvalidData {
                    ErrorKind::Encoding
                } else {
                    ErrorKind::Io
                };
                Error::new(kind, format!("cannot read dictionary: {e}")).with_path(p)
            })?;
            self.add_text(text, p)?;
        }
        Ok(())
    }

    /// Parse dictionary text (CC-CEDICT or TSV) from a string; `source`
    /// names it in errors.
    ///
    /// ```
    /// use termalign::lexicon::Dictionary;
    /// let d = Dictionary::from_text("朋友 朋友 [peng2 you5] /friend/\n", "t").unwrap();
    /// assert_eq!(d.glosses("朋友").unwrap().len(), 1);
    /// ```
    pub fn from_text(text: &str, source: &str) -> Result<Dictionary> {
        let mut d = Dictionary::new();
        d.add_text(text.to_string(), Path::new(source))?;
        Ok(d)
    }

    fn add_text(&mut self, text: String, path: &Path) -> Result<()> {
        let file = self.texts.len() as u32;
        if text.len() > u32::MAX as usize {
            return Err(Error::new(ErrorKind::Config, "dictionary file over 4 GiB").with_path(path));
        }
        let mut last: Vec<u32> = vec![u32::MAX; self.len()];
        let mut offset = 0usize;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let n = n as u64 + 1;
            let l = line.trim_end_matches(['\n', '\r']);
            let (l, start) = match l.strip_prefix('\u{feff}') {
                Some(rest) => (rest, start + 3),
                None => (l, start),
            };
            if l.trim().is_empty() || l.starts_with('#') || l.starts_with('%') {
                continue;
            }
            let bad = |msg: &str| {
                Error::new(ErrorKind::Format, msg.to_string())
                    .with_path(path)
                    .with_line(n)
            };
            let (heads, gloss): ([&str; 2], std::ops::Range<usize>) =
                if let Some((zh, en)) = l.split_once('\t') {
                    let zh = zh.trim();
                    if zh.is_empty() {
                        return Err(bad("empty Chinese side"));
                    }
                    let g0 = start + l.len() - en.len();
                    ([zh, zh], g0..start + l.len())
                } else {
                    // CC-CEDICT: `trad simp [pinyin] /g1/g2/`.
                    let msg = "expected `trad simp [pinyin] /gloss/` (CC-CEDICT) or `zh<TAB>en`";
                    let mut parts = l.splitn(3, ' ');
                    let (Some(trad), Some(simp), Some(rest)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        return Err(bad(msg));
                    };
                    let Some(slash) = rest.find('/') else {
                        return Err(bad(msg));
                    };
                    let g0 = start + l.len() - rest.len() + slash;
                    ([simp, trad], g0..start + l.len())
                };
            for (k, h) in heads.iter().enumerate() {
                if k == 1 && heads[1] == heads[0] {
                    break;
                }
                let id = match self.id_of(h) {
                    Some(id) => id,
                    None => {
                        let id = self.len() as u32;
                        self.index.insert(h.to_string(), id);
                        self.max_chars = self.max_chars.max(h.chars().count());
                        self.parsed.push(OnceLock::new());
                        last.push(u32::MAX);
                        id
                    }
                };
                if self.first.len() <= id as usize {
                    self.first.resize(id as usize + 1, u32::MAX);
                }
                let r = self.raw.len() as u32;
                self.raw
                    .push((file, gloss.start as u32, gloss.end as u32, u32::MAX));
                match last[id as usize] {
                    u32::MAX => {
                        // Chain after ranges from earlier files, if any.
                        let mut x = self.first[id as usize];
                        if x == u32::MAX {
                            self.first[id as usize] = r;
                        } else {
                            while self.raw[x as usize].3 != u32::MAX {
                                x = self.raw[x as usize].3;
                            }
                            self.raw[x as usize].3 = r;
                        }
                    }
                    prev => self.raw[prev as usize].3 = r,
                }
                last[id as usize] = r;
            }
        }
        self.texts.push(text);
        Ok(())
    }

    /// Number of headwords (with or without a content gloss).
    pub fn len(&self) -> usize {
        self.parsed.len()
    }

    /// True when the dictionary has no headwords.
    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }

    /// The id of a headword, glosses or not.
    fn id_of(&self, zh: &str) -> Option<u32> {
        match self.builtin.and_then(|b| b.id(zh)) {
            Some(id) => Some(id),
            None => self.index.get(zh).copied(),
        }
    }

    /// The entry id of a headword that has at least one content gloss.
    pub fn lookup(&self, zh: &str) -> Option<u32> {
        self.id_of(zh).filter(|&i| !self.entry(i).is_empty())
    }

    /// [`Dictionary::lookup`], and failing that the script-folded
    /// headword's: a Hong Kong or Taiwan variant in neither script's form
    /// here (`綫路`), or one whose own entry only says `variant of 裡面`
    /// (`裏面`), finds the word's entry.
    ///
    /// ```
    /// use termalign::lexicon::Dictionary;
    /// let d = Dictionary::from_text("线路\tline\n", "t").unwrap();
    /// assert_eq!(d.lookup_any_script("綫路"), d.lookup("线路"));
    /// assert_eq!(d.lookup("綫路"), None);
    /// ```
    pub fn lookup_any_script(&self, zh: &str) -> Option<u32> {
        self.lookup(zh).or_else(|| match crate::script::fold(zh) {
            std::borrow::Cow::Owned(f) => self.lookup(&f),
            std::borrow::Cow::Borrowed(_) => None,
        })
    }

    /// The gloss stems of a headword.
    pub fn glosses(&self, zh: &str) -> Option<&[StemKey]> {
        self.lookup(zh).map(|i| self.entry(i))
    }

    /// The gloss stems of an entry id (parsed on first use).
    pub fn entry(&self, id: u32) -> &[StemKey] {
        self.parsed[id as usize].get_or_init(|| {
            let mut out = Vec::new();
            // Built-in glosses first, then the files' (as if the built-in
            // lexicon were the first file).
            if let Some(b) = self.builtin.filter(|b| (id as usize) < b.len()) {
                for g in b.gloss_text(id).split(['/', ';', '\t']) {
                    parse_gloss(&self.norm, g, &mut out);
                }
            }
            let mut r = self.first.get(id as usize).copied().unwrap_or(u32::MAX);
            while r != u32::MAX {
                let (f, s, e, next) = self.raw[r as usize];
                let text = &self.texts[f as usize][s as usize..e as usize];
                for g in text.split(['/', ';', '\t']) {
                    parse_gloss(&self.norm, g, &mut out);
                }
                r = next;
            }
            out.into_boxed_slice()
        })
    }

    /// Split a word the dictionary lacks into the longest dictionary words,
    /// left to right (characters the dictionary lacks are skipped). Returns
    /// entry ids.
    ///
    /// ```
    /// use termalign::lexicon::Dictionary;
    /// let d = Dictionary::from_text("老人\told man\n书\tbook\n", "t").unwrap();
    /// assert_eq!(d.split_longest("老人看书").len(), 2);
    /// ```
    pub fn split_longest(&self, word: &str) -> Vec<u32> {
        match self.lookup(word) {
            Some(id) => vec![id],
            None => self.split_unknown(word),
        }
    }

    /// [`Dictionary::split_longest`] of a word already known not to be a
    /// headword.
    pub(crate) fn split_unknown(&self, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let n = bounds.len() - 1;
        let mut i = 0;
        while i < n {
            let mut step = 1;
            for len in (1..=self.max_chars.min(n - i)).rev() {
                if let Some(id) = self.lookup(&word[bounds[i]..bounds[i + len]]) {
                    out.push(id);
                    step = len;
                    break;
                }
            }
            i += step;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n() -> EnNormalizer {
        EnNormalizer::new()
    }

    #[test]
    fn cedict_glosses_become_content_stems() {
        let norm = n();
        let text = "# comment\n\
            朋友 朋友 [peng2 you5] /friend/companion/CL:個|个[ge4]/\n\
            個 个 [ge4] /individual/this/that/\n\
            走 走 [zou3] /to walk/to go/to move/(slang) to die/\n";
        let d = Dictionary::from_text(text, "t").unwrap();
        let want = |ws: &[&str]| -> Vec<StemKey> {
            ws.iter().map(|w| key(&norm.stem(w).unwrap())).collect()
        };
        assert_eq!(
            d.glosses("朋友").unwrap(),
            &want(&["friend", "companion"])[..]
        );
        assert_eq!(
            d.glosses("走").unwrap(),
            &want(&["walk", "go", "move", "die"])[..]
        );
        // Traditional headwords are indexed too.
        assert!(d.glosses("個").is_some());
        assert!(d.glosses("狗").is_none());
    }

    #[test]
    fn tsv_lines_and_bad_lines() {
        let d = Dictionary::from_text("上海精神\tShanghai Spirit\n", "t").unwrap();
        assert_eq!(d.glosses("上海精神").unwrap().len(), 2);
        let e = Dictionary::from_text("ok\tfine\nnot a dictionary line\n", "x.txt").unwrap_err();
        assert_eq!(e.line(), Some(2));
    }

    #[test]
    fn longest_split() {
        let d = Dictionary::from_text("中国\tChina\n人民\tpeople\n中\tmiddle\n", "t").unwrap();
        let ids = d.split_longest("中国人民");
        assert_eq!(
            ids,
            vec![d.lookup("中国").unwrap(), d.lookup("人民").unwrap()]
        );
        assert!(d.split_longest("狗").is_empty());
        // Several files merge; an entry's glosses come from all of them.
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.tsv");
        let b = dir.path().join("b.u8");
        std::fs::write(&a, "中国\tChina\n").unwrap();
        std::fs::write(&b, "中國 中国 [Zhong1 guo2] /Middle Kingdom/\n").unwrap();
        let d = Dictionary::load(&[a, b]).unwrap();
        assert_eq!(d.glosses("中国").unwrap().len(), 3);
        assert_eq!(d.glosses("中國").unwrap().len(), 2);
    }
}
