//! Finding glossary terms in text: Chinese terms by Aho-Corasick
//! (leftmost-longest, width-folded), English renderings case-insensitively
//! on word boundaries, tolerant to hyphens, curly quotes, `'s` and plural
//! `s`, recording the exact form found.

use std::borrow::Cow;

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::{EntryId, Glossary};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::fold_width;
use crate::script;
use crate::span::Span;

/// A Chinese term found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermHit {
    /// The entry whose `zh` was found.
    pub entry: EntryId,
    /// Where, in the searched text.
    pub span: Span,
}

/// Which rendering of an entry an English hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rendering {
    /// The approved `en`.
    Approved,
    /// The n-th variant.
    Variant(usize),
    /// The n-th forbidden rendering.
    Forbidden(usize),
}

/// An English rendering found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnHit {
    /// The entry the rendering belongs to.
    pub entry: EntryId,
    /// Which of its renderings.
    pub rendering: Rendering,
    /// Where, in the searched text (including a plural or possessive ending).
    pub span: Span,
    /// The text as found, which may differ in case or punctuation from the
    /// glossary's form (`Shanghai spirit`, `Belt-and-Road`).
    pub found: String,
    /// True when the found text equals the glossary form exactly, case
    /// included (hyphen/quote variation and `'s`/`s` endings aside).
    pub exact_case: bool,
}

/// Matches one glossary's terms in text. Build once, share across threads.
///
/// ```
/// use termalign::glossary::{Glossary, TermMatcher};
/// let g = Glossary::from_csv_str("zh,en\n上海精神,Shanghai Spirit\n", "t").unwrap();
/// let m = TermMatcher::new(&g).unwrap();
/// assert_eq!(m.find_zh("继续高举“上海精神”旗帜").len(), 1);
/// let hits = m.find_en("guided by the Shanghai spirit.");
/// assert_eq!(hits[0].found, "Shanghai spirit");
/// assert!(!hits[0].exact_case);
/// ```
#[derive(Debug, Clone)]
pub struct TermMatcher {
    zh: Option<AhoCorasick>,
    zh_ids: Vec<EntryId>,
    /// Every char of the (folded) Chinese terms: a text char whose NFKC
    /// form holds none of them cannot take part in a match, so it is left
    /// unfolded (fullwidth `，` stays, and the text is not copied).
    zh_alphabet: HashSet<char>,
    en: Option<AhoCorasick>,
    /// The renderings behind each English pattern: several entries may
    /// share one normalised form (`SCO`), searched once.
    en_pats: Vec<Vec<EnPattern>>,
}

#[derive(Debug, Clone)]
struct EnPattern {
    entry: EntryId,
    rendering: Rendering,
    form: String,
    /// All-caps short forms (SCO, UN, US) must match case-sensitively, or
    /// `us` the pronoun would be the United States.
    case_sensitive: bool,
}

impl TermMatcher {
    /// Build the automata for `glossary`. Fails with
    /// [`ErrorKind::Glossary`](crate::ErrorKind::Glossary) when the
    /// automaton cannot be built (more patterns or states than it can
    /// index).
    pub fn new(glossary: &Glossary) -> Result<TermMatcher> {
        let mut zh_pats = Vec::new();
        let mut zh_ids = Vec::new();
        let mut en_norm = Vec::new();
        let mut en_pats: Vec<Vec<EnPattern>> = Vec::new();
        let mut en_index: std::collections::HashMap<String, usize> = Default::default();
        for (i, e) in glossary.entries().iter().enumerate() {
            let id = EntryId(i as u32);
            let zh = fold_zh(&e.zh).text.into_owned();
            if !zh.is_empty() {
                zh_pats.push(zh);
                zh_ids.push(id);
            }
            let renderings = std::iter::once((Rendering::Approved, &e.en))
                .chain(
                    e.variants
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (Rendering::Variant(i), v)),
                )
                .chain(
                    e.forbidden
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (Rendering::Forbidden(i), v)),
                );
            for (rendering, form) in renderings {
                let norm = fold_en(form.trim(), true).text.into_owned();
                if norm.trim().is_empty() {
                    continue;
                }
                let pat = EnPattern {
                    entry: id,
                    rendering,
                    form: form.clone(),
                    case_sensitive: is_acronym(form),
                };
                match en_index.get(&norm) {
                    Some(&i) => en_pats[i].push(pat),
                    None => {
                        en_index.insert(norm.clone(), en_norm.len());
                        en_norm.push(norm);
                        en_pats.push(vec![pat]);
                    }
                }
            }
        }
        let zh_alphabet = zh_pats.iter().flat_map(|p| p.chars()).collect();
        let build = |pats: &[String], kind| {
            (!pats.is_empty())
                .then(|| {
                    // The crate's own choice (a contiguous NFA for big sets):
                    // measured on 10,000 CJK terms, a DFA was no faster per CPU
                    // second and took 31 MB and 7 times the build time.
                    AhoCorasickBuilder::new()
                        .match_kind(kind)
                        .build(pats)
                        .map_err(|e| {
                            Error::new(
                                ErrorKind::Glossary,
                                format!("cannot build the term automaton: {e}"),
                            )
                        })
                })
                .transpose()
        };
        Ok(TermMatcher {
            zh: build(&zh_pats, MatchKind::LeftmostLongest)?,
            zh_ids,
            zh_alphabet,
            en: build(&en_norm, MatchKind::Standard)?,
            en_pats,
        })
    }

    /// Chinese terms in `text`, leftmost-longest, non-overlapping, in order.
    ///
    /// Text and terms are compared after NFKC normalisation (fullwidth
    /// letters and digits, the ideographic space, compatibility ideographs
    /// fold to their ordinary forms) and script folding (a term written in
    /// simplified characters matches its traditional, Hong Kong or Taiwan
    /// form and the other way round); spans always refer to `text` itself,
    /// so a hit quotes the text as written.
    pub fn find_zh(&self, text: &str) -> Vec<TermHit> {
        let Some(ac) = &self.zh else {
            return Vec::new();
        };
        let folded = fold_zh_with(text, |f| f.chars().any(|c| self.zh_alphabet.contains(&c)));
        let mut chars = CharCounter::new(text);
        ac.find_iter(folded.text.as_ref())
            .map(|m| {
                let bytes = folded.orig_start(m.start())..folded.orig_end(m.end());
                TermHit {
                    entry: self.zh_ids[m.pattern().as_usize()],
                    span: chars.span(bytes),
                }
            })
            .collect()
    }

    /// English renderings (approved, variant or forbidden) in `text`, on
    /// word boundaries. Overlapping hits of different entries are all
    /// reported (`Council of Heads of State of the SCO` holds `SCO`), in
    /// order of start (longer first at the same start).
    ///
    /// Case, hyphens versus spaces, curly versus straight quotes, runs of
    /// white space (a line break inside a hard-wrapped name) and fullwidth
    /// forms are ignored; a possessive `'s`/`s'` or a plural `s`/`es` is
    /// taken into the hit. All-caps short forms (SCO, US) match only in
    /// capitals.
    pub fn find_en(&self, text: &str) -> Vec<EnHit> {
        let Some(ac) = &self.en else {
            return Vec::new();
        };
        let folded = fold_en(text, true);
        let norm: &str = folded.text.as_ref();
        let mut raw = Vec::new();
        for m in ac.find_overlapping_iter(norm) {
            let (s, mut e) = (m.start(), m.end());
            let before = norm[..s].chars().next_back();
            if before.is_some_and(is_word_char) {
                continue;
            }
            // Allow a possessive or plural ending before the word boundary.
            for ending in ["'s", "s'", "es", "s"] {
                if norm[e..].starts_with(ending)
                    && !norm[e + ending.len()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                {
                    e += ending.len();
                    break;
                }
            }
            if norm[e..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let os = folded.orig_start(s);
            let core = &text[os..folded.orig_end(m.end())];
            let oe = folded.orig_end(e);
            for pat in &self.en_pats[m.pattern().as_usize()] {
                let exact_case = same_form(core, &pat.form);
                if pat.case_sensitive && !exact_case {
                    continue;
                }
                raw.push((os..oe, pat, exact_case));
            }
        }
        raw.sort_by_key(|(r, p, _)| (r.start, std::cmp::Reverse(r.end), p.entry));
        raw.dedup_by_key(|(r, p, _)| (p.entry, r.start));
        let mut chars = CharCounter::new(text);
        raw.into_iter()
            .map(|(bytes, pat, exact_case)| EnHit {
                entry: pat.entry,
                rendering: pat.rendering,
                found: text[bytes.clone()].to_string(),
                span: chars.span(bytes),
                exact_case,
            })
            .collect()
    }
}

/// Turns sorted byte ranges of one text into [`Span`]s, counting chars
/// incrementally so a text with many hits is still read once.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> CharCounter<'a> {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn span(&mut self, bytes: std::ops::Range<usize>) -> Span {
        if bytes.start < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += count_chars(&self.text.as_bytes()[self.byte..bytes.start]);
        self.byte = bytes.start;
        let len = count_chars(&self.text.as_bytes()[bytes.clone()]);
        Span {
            chars: self.chars..self.chars + len,
            bytes,
        }
    }
}

/// Chars in a UTF-8 byte slice that starts and ends on char boundaries.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// Compare the found text with a glossary form, ignoring only the
/// variation the matcher tolerates (hyphens vs spaces, curly quotes, runs
/// of white space, fullwidth forms), not case.
pub(crate) fn same_form(found: &str, form: &str) -> bool {
    found == form || canon_chars(found).eq(canon_chars(form))
}

/// [`canon_char`] over a string, runs of white space as one space, without
/// allocating (this runs for every English hit).
fn canon_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut prev_space = false;
    s.chars().filter_map(move |c| {
        let c = if c.is_whitespace() {
            ' '
        } else {
            canon_char(c)
        };
        let space = c == ' ';
        let skip = space && prev_space;
        prev_space = space;
        (!skip).then_some(c)
    })
}

/// One char's English canonical form: hyphens and dashes become spaces,
/// curly quotes straight ones, fullwidth forms halfwidth.
fn canon_char(c: char) -> char {
    match c {
        '-' | '‐' | '‑' | '‒' | '–' | '—' => ' ',
        '‘' | '’' | '`' | '´' | '′' => '\'',
        '“' | '”' | '″' => '"',
        c => fold_width(c),
    }
}

/// Text normalised for matching, and what is needed to map its byte
/// offsets back to the original.
pub(crate) struct Folded<'a> {
    /// The normalised text (the original itself when nothing changed).
    pub(crate) text: Cow<'a, str>,
    /// Every place where the normalised text's byte length differs from the
    /// original's, in order. Elsewhere offsets shift by the running delta.
    changes: Vec<Change>,
}

#[derive(Debug, Clone)]
struct Change {
    norm: std::ops::Range<usize>,
    orig: std::ops::Range<usize>,
}

impl Folded<'_> {
    /// The original offset of a match starting at normalised offset `p`
    /// (a start inside a changed char moves to that char's start).
    pub(crate) fn orig_start(&self, p: usize) -> usize {
        let i = self.changes.partition_point(|c| c.norm.start <= p);
        match i.checked_sub(1).map(|i| &self.changes[i]) {
            None => p,
            Some(c) if p < c.norm.end => c.orig.start,
            Some(c) => c.orig.end + (p - c.norm.end),
        }
    }

    /// The original offset of a match ending at normalised offset `p` (an
    /// end inside a changed char moves to that char's end).
    pub(crate) fn orig_end(&self, p: usize) -> usize {
        let i = self.changes.partition_point(|c| c.norm.start < p);
        match i.checked_sub(1).map(|i| &self.changes[i]) {
            None => p,
            Some(c) if p <= c.norm.end => c.orig.end,
            Some(c) => c.orig.end + (p - c.norm.end),
        }
    }
}

/// Builds a [`Folded`] from per-char replacements. Unchanged runs are
/// copied in one go when the next change comes (or not at all, when
/// nothing changes).
struct FoldBuilder<'a> {
    orig: &'a str,
    out: Option<String>,
    changes: Vec<Change>,
    /// Original offset from which chars are unchanged and not yet copied.
    kept_from: usize,
}

impl<'a> FoldBuilder<'a> {
    fn new(orig: &'a str) -> FoldBuilder<'a> {
        FoldBuilder {
            orig,
            out: None,
            changes: Vec::new(),
            kept_from: 0,
        }
    }

    /// The output with everything before original offset `at` in it.
    fn flush(&mut self, at: usize) -> &mut String {
        let orig = self.orig;
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(orig.len()));
        out.push_str(&orig[self.kept_from..at]);
        self.kept_from = at;
        out
    }

    /// The char at `at..at + len` in the original becomes `rep`.
    fn replace(&mut self, at: usize, len: usize, rep: &str) {
        let out = self.flush(at);
        let start = out.len();
        out.push_str(rep);
        let end = out.len();
        self.kept_from = at + len;
        if rep.len() != len {
            self.changes.push(Change {
                norm: start..end,
                orig: at..at + len,
            });
        }
    }

    /// The ASCII byte at `at` becomes `byte` (same length: no offset change).
    fn push_ascii(&mut self, at: usize, byte: u8) {
        self.flush(at).push(byte as char);
        self.kept_from = at + 1;
    }

    /// The char at `at..at + len` is dropped (it joins the previous char,
    /// which started at `prev_at` and ends the output so far).
    fn absorb(&mut self, prev_at: usize, at: usize, len: usize) {
        let norm_end = self.flush(at).len();
        self.kept_from = at + len;
        match self.changes.last_mut() {
            Some(c) if c.norm.end == norm_end && c.orig.end == at => c.orig.end = at + len,
            _ => self.changes.push(Change {
                norm: norm_end - (at - prev_at)..norm_end,
                orig: prev_at..at + len,
            }),
        }
    }

    /// Keep the char unchanged (copied later, with its run).
    fn keep(&mut self, _at: usize, _len: usize) {}

    fn finish(mut self) -> Folded<'a> {
        if self.out.is_some() {
            self.flush(self.orig.len());
        }
        Folded {
            text: match self.out {
                Some(s) => Cow::Owned(s),
                None => Cow::Borrowed(self.orig),
            },
            changes: self.changes,
        }
    }
}

/// NFKC-normalise Chinese text char by char (so offsets map back): fullwidth
/// ASCII, the ideographic space and compatibility ideographs fold; then
/// script-fold it ([`script::fold_char`]: traditional and Hong Kong/Taiwan
/// forms to simplified).
pub(crate) fn fold_zh(text: &str) -> Folded<'_> {
    fold_zh_with(text, |_| true)
}

/// [`fold_zh`], folding a char only when `wanted` accepts its NFKC form.
fn fold_zh_with(text: &str, wanted: impl Fn(&str) -> bool) -> Folded<'_> {
    let mut b = FoldBuilder::new(text);
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        let len = c.len_utf8();
        if !nfkc_changes(c) {
            // Traditional and regional forms fold to the simplified ones
            // (char for char), so one glossary matches either script.
            let f = script::fold_char(c);
            if f == c {
                b.keep(i, len);
            } else {
                b.replace(i, len, f.encode_utf8(&mut [0; 4]));
            }
            continue;
        }
        buf.clear();
        buf.extend(std::iter::once(c).nfkc().map(script::fold_char));
        if wanted(&buf) {
            b.replace(i, len, &buf);
        } else {
            b.keep(i, len);
        }
    }
    b.finish()
}

/// True when NFKC changes `c` on its own: a bit table for the BMP, built
/// once per process; the quick-check table beyond it.
fn nfkc_changes(c: char) -> bool {
    static BMP: OnceLock<Vec<u64>> = OnceLock::new();
    let cp = c as u32;
    if cp < 0x80 {
        return false;
    }
    if cp >= 0x10000 {
        return matches!(is_nfkc_quick(std::iter::once(c)), IsNormalized::No);
    }
    let bits = BMP.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for cp in 0x80..0x10000u32 {
            if let Some(c) = char::from_u32(cp)
                && matches!(is_nfkc_quick(std::iter::once(c)), IsNormalized::No)
            {
                bits[cp as usize / 64] |= 1 << (cp % 64);
            }
        }
        bits
    });
    bits[cp as usize / 64] & (1 << (cp % 64)) != 0
}

/// English matching form: [`canon_char`] for every char, lower case when
/// `lower`, and every run of white space (and dashes) as one space.
pub(crate) fn fold_en(text: &str, lower: bool) -> Folded<'_> {
    let mut b = FoldBuilder::new(text);
    let bytes = text.as_bytes();
    // Where the last char emitted as a space started (to absorb a run).
    let mut space_at: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        // ASCII, byte for byte: the common case, kept free of char decoding.
        if byte < 0x80 {
            let out = match byte {
                b'-' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => b' ',
                b'`' => b'\'',
                _ if lower => byte.to_ascii_lowercase(),
                _ => byte,
            };
            if out == b' ' {
                if let Some(prev) = space_at {
                    b.absorb(prev, i, 1);
                    i += 1;
                    continue;
                }
                space_at = Some(i);
            } else {
                space_at = None;
            }
            if out == byte {
                b.keep(i, 1);
            } else {
                b.push_ascii(i, out);
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a char starts here");
        let len = c.len_utf8();
        let canon = if c.is_whitespace() {
            ' '
        } else {
            canon_char(c)
        };
        if canon == ' ' {
            if let Some(prev) = space_at {
                b.absorb(prev, i, len);
                i += len;
                continue;
            }
            space_at = Some(i);
        } else {
            space_at = None;
        }
        let out = if lower {
            if canon.is_ascii() {
                canon.to_ascii_lowercase()
            } else {
                canon.to_lowercase().next().unwrap_or(canon)
            }
        } else {
            canon
        };
        if out == c {
            b.keep(i, len);
        } else {
            let mut tmp = [0u8; 4];
            b.replace(i, len, out.encode_utf8(&mut tmp));
        }
        i += len;
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::from_csv_str(
            "zh,en,variants,forbidden\n\
             上海合作组织,Shanghai Cooperation Organization,SCO,\n\
             上海合作组织成员国元首理事会,Council of Heads of State of the SCO,,\n\
             一带一路,Belt and Road,Belt and Road Initiative,\"One Belt, One Road|OBOR\"\n\
             美国,United States,US|U.S.,\n",
            "t",
        )
        .unwrap()
    }

    #[test]
    fn zh_longest_match_wins_and_spans_are_chars() {
        let m = TermMatcher::new(&glossary()).unwrap();
        let text = "出席上海合作组织成员国元首理事会会议，上海合作组织";
        let hits = m.find_zh(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].entry, EntryId(1));
        assert_eq!(hits[0].span.chars, 2..16);
        assert_eq!(
            &text[hits[0].span.bytes.clone()],
            "上海合作组织成员国元首理事会"
        );
        assert_eq!(hits[1].entry, EntryId(0));
    }

    #[test]
    fn en_tolerance_table() {
        let m = TermMatcher::new(&glossary()).unwrap();
        // (text, expected entry, rendering, found, exact_case)
        let cases: &[(&str, u32, Rendering, &str, bool)] = &[
            (
                "the Belt and Road cooperation",
                2,
                Rendering::Approved,
                "Belt and Road",
                true,
            ),
            (
                "the Belt-and-Road plan",
                2,
                Rendering::Approved,
                "Belt-and-Road",
                true,
            ),
            (
                "the belt and road",
                2,
                Rendering::Approved,
                "belt and road",
                false,
            ),
            (
                "no One Belt, One Road here",
                2,
                Rendering::Forbidden(0),
                "One Belt, One Road",
                true,
            ),
            ("the SCO's members", 0, Rendering::Variant(0), "SCO's", true),
            (
                "two Belt and Road Initiatives",
                2,
                Rendering::Variant(0),
                "Belt and Road Initiatives",
                true,
            ),
        ];
        for &(text, entry, rendering, found, exact) in cases {
            let hits = m.find_en(text);
            let h = hits
                .iter()
                .find(|h| h.entry == EntryId(entry) && h.rendering == rendering)
                .unwrap_or_else(|| panic!("{text}: {hits:?}"));
            assert_eq!(h.found, found, "{text}");
            assert_eq!(h.exact_case, exact, "{text}");
            assert_eq!(&text[h.span.bytes.clone()], found);
        }
    }

    #[test]
    fn en_word_boundaries_and_acronym_case() {
        let m = TermMatcher::new(&glossary()).unwrap();
        for text in ["join us today", "the SCOPE of it", "Belt and Roadside"] {
            let hits = m.find_en(text);
            assert!(hits.is_empty(), "{text}: {hits:?}");
        }
        assert_eq!(m.find_en("the US and China").len(), 1);
    }

    #[test]
    fn en_nested_hits_are_all_reported() {
        let m = TermMatcher::new(&glossary()).unwrap();
        let hits = m.find_en("the Council of Heads of State of the SCO met");
        let ids: Vec<u32> = hits.iter().map(|h| h.entry.0).collect();
        assert_eq!(ids, [1, 0]);
    }

    #[test]
    fn folding_maps_offsets_back() {
        // (text, lower, folded, [(folded range, original range)])
        type Case = (
            &'static str,
            bool,
            &'static str,
            &'static [(usize, usize, usize, usize)],
        );
        let cases: &[Case] = &[
            (
                "Belt-and-Road",
                true,
                "belt and road",
                &[(0, 4, 0, 4), (5, 8, 5, 8)],
            ),
            ("a \n  b", true, "a b", &[(0, 3, 0, 6), (2, 3, 5, 6)]),
            ("SCO’s", false, "SCO's", &[(0, 5, 0, 7), (3, 4, 3, 6)]),
        ];
        for &(text, lower, want, spans) in cases {
            let f = fold_en(text, lower);
            assert_eq!(f.text, want, "{text:?}");
            for &(s, e, os, oe) in spans {
                assert_eq!(
                    (f.orig_start(s), f.orig_end(e)),
                    (os, oe),
                    "{text:?} {s}..{e}"
                );
            }
        }
        let f = fold_zh("Ｇ２０峰会\u{3000}㈠上海");
        assert_eq!(f.text, "G20峰会 (一)上海");
        // `一` inside `㈠` maps to the whole `㈠`; `上海` after it shifts back.
        let one = f.text.find('一').unwrap();
        assert_eq!((f.orig_start(one), f.orig_end(one + 3)), (18, 21));
        let sh = f.text.find('上').unwrap();
        assert_eq!((f.orig_start(sh), f.orig_end(sh + 6)), (21, 27));
        // Nothing to fold: the text is borrowed, not copied.
        assert!(matches!(fold_zh("上海精神。").text, Cow::Borrowed(_)));
    }
}
