//! Per-sentence features the scorer compares: length, glossary entries,
//! numbers. Computed once per sentence, before the search.

use crate::glossary::{EntryId, TermMatcher};
use crate::lang::Lang;
use crate::segment::Segment;

/// What the scorer knows about one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceFeatures {
    /// Length in chars, whitespace excluded.
    pub chars: usize,
    /// Glossary entries found (Chinese terms, or English approved/variant
    /// renderings), sorted, without duplicates.
    pub terms: Vec<EntryId>,
    /// Normalised numbers (digits only, no separators), sorted.
    pub numbers: Vec<String>,
    /// 0-based article the sentence belongs to.
    pub article: usize,
    /// True for a headline.
    pub is_title: bool,
}

/// The features of one side of a document pair.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// One entry per sentence.
    pub sentences: Vec<SentenceFeatures>,
}

impl Side {
    /// Compute features for segments of language `lang`.
    pub fn new(segments: &[Segment], lang: Lang, matcher: &TermMatcher) -> Side {
        let sentences = segments
            .iter()
            .map(|s| {
                let mut terms: Vec<EntryId> = match lang {
                    Lang::Zh => matcher
                        .find_zh(&s.text)
                        .into_iter()
                        .map(|h| h.entry)
                        .collect(),
                    Lang::En => matcher
                        .find_en(&s.text)
                        .into_iter()
                        .filter(|h| {
                            !matches!(h.rendering, crate::glossary::Rendering::Forbidden(_))
                        })
                        .map(|h| h.entry)
                        .collect(),
                };
                terms.sort();
                terms.dedup();
                SentenceFeatures {
                    chars: s.text.chars().filter(|c| !c.is_whitespace()).count(),
                    terms,
                    numbers: numbers(&s.text),
                    article: s.article,
                    is_title: s.is_title,
                }
            })
            .collect();
        Side { sentences }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

/// Arabic-digit numbers in `text`, thousands separators removed, sorted.
/// Runs of Han digits are not read here (see the alignment issue).
///
/// ```
/// use termalign::align::features::numbers;
/// assert_eq!(numbers("1,000 youths in 2025, 7月4日"), ["1000", "2025", "4", "7"]);
/// ```
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let c = crate::lang::fold_width(c);
        if c.is_ascii_digit() {
            cur.push(c);
        } else if c == ','
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
        {
            // thousands separator
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.sort();
    out
}
