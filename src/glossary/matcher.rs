//! Finding glossary terms in text: Chinese terms by Aho-Corasick
//! (leftmost-longest, width-folded), English renderings case-insensitively
//! on word boundaries, tolerant to hyphens, curly quotes, `'s` and plural
//! `s`, recording the exact form found.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use super::{EntryId, Glossary};
use crate::lang::fold_width;
use crate::segment::Span;

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
/// let m = TermMatcher::new(&g);
/// assert_eq!(m.find_zh("继续高举“上海精神”旗帜").len(), 1);
/// let hits = m.find_en("guided by the Shanghai spirit.");
/// assert_eq!(hits[0].found, "Shanghai spirit");
/// assert!(!hits[0].exact_case);
/// ```
#[derive(Debug, Clone)]
pub struct TermMatcher {
    zh: Option<AhoCorasick>,
    zh_ids: Vec<EntryId>,
    en: Option<AhoCorasick>,
    en_pats: Vec<EnPattern>,
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
    /// Build the automata for `glossary`.
    pub fn new(glossary: &Glossary) -> TermMatcher {
        let mut zh_pats = Vec::new();
        let mut zh_ids = Vec::new();
        let mut en_norm = Vec::new();
        let mut en_pats = Vec::new();
        for (i, e) in glossary.entries().iter().enumerate() {
            let id = EntryId(i as u32);
            zh_pats.push(e.zh.chars().map(fold_width).collect::<String>());
            zh_ids.push(id);
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
                let norm = normalize_en(form).0;
                if norm.trim().is_empty() {
                    continue;
                }
                en_norm.push(norm);
                en_pats.push(EnPattern {
                    entry: id,
                    rendering,
                    form: form.clone(),
                    case_sensitive: is_acronym(form),
                });
            }
        }
        let build = |pats: &[String], kind| {
            (!pats.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(kind)
                    .build(pats)
                    .expect("glossary automaton fits in memory")
            })
        };
        TermMatcher {
            zh: build(&zh_pats, MatchKind::LeftmostLongest),
            zh_ids,
            en: build(&en_norm, MatchKind::Standard),
            en_pats,
        }
    }

    /// Chinese terms in `text`, leftmost-longest, non-overlapping.
    pub fn find_zh(&self, text: &str) -> Vec<TermHit> {
        let Some(ac) = &self.zh else {
            return Vec::new();
        };
        // Width folding maps char to char, so folded byte offsets differ from
        // the original's only where a char's UTF-8 length changes.
        let folded: String = text.chars().map(fold_width).collect();
        let map = OffsetMap::new(text, &folded);
        ac.find_iter(&folded)
            .map(|m| TermHit {
                entry: self.zh_ids[m.pattern().as_usize()],
                span: map.span(m.start(), m.end()),
            })
            .collect()
    }

    /// English renderings (approved, variant or forbidden) in `text`, on
    /// word boundaries. Overlapping hits of different entries are all
    /// reported (`Council of Heads of State of the SCO` holds `SCO`), in
    /// order of start.
    pub fn find_en(&self, text: &str) -> Vec<EnHit> {
        let Some(ac) = &self.en else {
            return Vec::new();
        };
        let (norm, orig_at) = normalize_en(text);
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(&norm) {
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
            let pat = &self.en_pats[m.pattern().as_usize()];
            let (os, oe) = (orig_at[s], orig_at[e]);
            let found = text[os..oe].to_string();
            let core = &text[os..os + (orig_at[m.end()] - os)];
            let exact_case = same_form(core, &pat.form);
            if pat.case_sensitive && !exact_case {
                continue;
            }
            hits.push(EnHit {
                entry: pat.entry,
                rendering: pat.rendering,
                span: Span {
                    bytes: os..oe,
                    chars: text[..os].chars().count()..text[..oe].chars().count(),
                },
                found,
                exact_case,
            });
        }
        hits.sort_by_key(|h| {
            (
                h.span.bytes.start,
                std::cmp::Reverse(h.span.bytes.end),
                h.entry,
            )
        });
        hits.dedup_by_key(|h| (h.entry, h.span.bytes.start));
        hits
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// Compare the found text with a glossary form, ignoring only the
/// variation the matcher tolerates (hyphens vs spaces, curly quotes).
fn same_form(found: &str, form: &str) -> bool {
    let canon = |s: &str| -> String { s.chars().map(canon_char).collect() };
    canon(found) == canon(form)
}

fn canon_char(c: char) -> char {
    match c {
        '-' | '‐' | '‑' | '–' | '—' => ' ',
        '‘' | '’' | '`' | '´' => '\'',
        '“' | '”' => '"',
        c => fold_width(c),
    }
}

/// Lower-case, fold width, hyphens to spaces and curly quotes to straight,
/// one char to one char. Returns the normalised text and, for each of its
/// byte offsets that starts a char (plus the end), the original offset.
fn normalize_en(text: &str) -> (String, Vec<usize>) {
    let mut norm = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let c = canon_char(c);
        let lower = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        let before = norm.len();
        norm.push(lower);
        at.resize(norm.len(), usize::MAX);
        at[before] = i;
    }
    at.push(text.len());
    (norm, at)
}

/// Byte offsets in a char-for-char folded string back to the original.
struct OffsetMap<'a> {
    orig: &'a str,
    folded_starts: Vec<usize>,
    orig_starts: Vec<usize>,
}

impl<'a> OffsetMap<'a> {
    fn new(orig: &'a str, folded: &str) -> OffsetMap<'a> {
        let mut folded_starts: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
        folded_starts.push(folded.len());
        let mut orig_starts: Vec<usize> = orig.char_indices().map(|(i, _)| i).collect();
        orig_starts.push(orig.len());
        OffsetMap {
            orig,
            folded_starts,
            orig_starts,
        }
    }

    fn span(&self, s: usize, e: usize) -> Span {
        let cs = self.folded_starts.partition_point(|&x| x < s);
        let ce = self.folded_starts.partition_point(|&x| x < e);
        debug_assert!(self.orig.is_char_boundary(self.orig_starts[cs]));
        Span {
            bytes: self.orig_starts[cs]..self.orig_starts[ce],
            chars: cs..ce,
        }
    }
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
        let m = TermMatcher::new(&glossary());
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
        let m = TermMatcher::new(&glossary());
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
        let m = TermMatcher::new(&glossary());
        for text in ["join us today", "the SCOPE of it", "Belt and Roadside"] {
            let hits = m.find_en(text);
            assert!(hits.is_empty(), "{text}: {hits:?}");
        }
        assert_eq!(m.find_en("the US and China").len(), 1);
    }

    #[test]
    fn en_nested_hits_are_all_reported() {
        let m = TermMatcher::new(&glossary());
        let hits = m.find_en("the Council of Heads of State of the SCO met");
        let ids: Vec<u32> = hits.iter().map(|h| h.entry.0).collect();
        assert_eq!(ids, [1, 0]);
    }
}
