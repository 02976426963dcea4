//! Sentence segmentation of Chinese and English news text.
//!
//! The input is decoded, LF-normalised text. Segmentation runs in three
//! steps, each a small function:
//! 1. [`layout`]: lines → blocks (logical paragraphs), re-joining lines that
//!    scraping broke mid-sentence, and marking titles and article starts;
//! 2. [`rules`]: sentence boundaries inside a block, per language;
//! 3. here: boundaries → [`Segment`]s with byte and char spans into the
//!    original text.

mod layout;
pub mod preseg;
pub mod rules;

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::lang::Lang;
use layout::Block;

/// Where a segment lies in the original text, in bytes (for slicing) and in
/// chars (for reporting: editors and CAT tools count characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte range in the decoded text.
    pub bytes: Range<usize>,
    /// Char (Unicode scalar value) range in the decoded text.
    pub chars: Range<usize>,
}

/// One sentence (or title) of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// 0-based position among the document's segments.
    pub index: usize,
    /// 0-based article number (a file can hold several articles).
    pub article: usize,
    /// 0-based paragraph (block) number within the document.
    pub paragraph: usize,
    /// True for a headline.
    pub is_title: bool,
    /// The sentence, with the line breaks inside it removed (Chinese) or
    /// turned into single spaces (English).
    pub text: String,
    /// Where the sentence lies in the original text, line breaks included.
    pub span: Span,
}

/// A configured sentence splitter for one language. Build it once and share
/// it: it is `Sync`.
///
/// ```
/// use termalign::{Lang, segment::Segmenter};
/// let seg = Segmenter::new(Lang::Zh);
/// let s = seg.segment("标题\n\n新华社北京7月5日电 第一句。第二句！");
/// let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
/// assert_eq!(texts, ["标题", "新华社北京7月5日电 第一句。", "第二句！"]);
/// assert!(s[0].is_title);
/// ```
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: Lang,
    protected: Option<AhoCorasick>,
}

impl Segmenter {
    /// A segmenter with the built-in rules of `lang` and no protected terms.
    pub fn new(lang: Lang) -> Segmenter {
        Segmenter {
            lang,
            protected: None,
        }
    }

    /// Never break inside any of `terms` (matched ASCII-case-insensitively),
    /// e.g. `U.N. Security Council`.
    pub fn with_protected_terms<I, S>(mut self, terms: I) -> Segmenter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let terms: Vec<String> = terms
            .into_iter()
            .map(|t| t.as_ref().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        self.protected = if terms.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&terms)
                .ok()
        };
        self
    }

    /// The language this segmenter splits.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Split a whole document into segments.
    pub fn segment(&self, text: &str) -> Vec<Segment> {
        let blocks = layout::blocks(text, self.lang);
        let mut out = Vec::new();
        let mut chars = CharCursor::default();
        for (paragraph, block) in blocks.iter().enumerate() {
            self.segment_block(text, block, paragraph, &mut chars, &mut out);
        }
        out
    }

    fn segment_block(
        &self,
        text: &str,
        block: &Block,
        paragraph: usize,
        chars: &mut CharCursor,
        out: &mut Vec<Segment>,
    ) {
        let joined = layout::join(text, block, self.lang);
        let protected: Vec<Range<usize>> = match &self.protected {
            Some(ac) => ac.find_iter(&joined.text).map(|m| m.range()).collect(),
            None => Vec::new(),
        };
        let ends: Vec<usize> = if block.is_title {
            vec![joined.text.len()]
        } else {
            let mut ends = rules::boundaries(&joined.text, self.lang);
            ends.retain(|&e| !protected.iter().any(|p| p.start < e && e < p.end));
            if ends.last() != Some(&joined.text.len()) {
                ends.push(joined.text.len());
            }
            ends
        };
        let mut start = 0;
        for end in ends {
            let piece = &joined.text[start..end];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            let (s, e) = (start + lead, end - trail);
            start = end;
            if s >= e {
                continue;
            }
            let bytes = joined.to_original(s)..joined.to_original(e - 1) + 1;
            // to_original maps the last byte; extend to the end of its char.
            let bytes = bytes.start..char_end(text, bytes.end - 1);
            let span = Span {
                chars: chars.char_range(text, bytes.clone()),
                bytes,
            };
            out.push(Segment {
                index: out.len(),
                article: block.article,
                paragraph,
                is_title: block.is_title,
                text: joined.text[s..e].to_string(),
                span,
            });
        }
    }
}

fn char_end(text: &str, byte: usize) -> usize {
    let mut end = byte + 1;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// Converts increasing byte offsets to char offsets in one forward pass.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn advance(&mut self, text: &str, to: usize) -> usize {
        debug_assert!(to >= self.byte);
        self.chars += text[self.byte..to].chars().count();
        self.byte = to;
        self.chars
    }

    fn char_range(&mut self, text: &str, bytes: Range<usize>) -> Range<usize> {
        let s = self.advance(text, bytes.start);
        let e = self.advance(text, bytes.end);
        s..e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lang: Lang, input: &str) -> Vec<String> {
        Segmenter::new(lang)
            .segment(input)
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let input = "习近平出席峰会\n\n新华社阿斯塔纳7月4日电 我们要巩固\n\n团结力量。好！";
        for s in Segmenter::new(Lang::Zh).segment(input) {
            let orig = &input[s.span.bytes.clone()];
            let squeezed: String = orig.chars().filter(|c| !c.is_whitespace()).collect();
            let want: String = s.text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(squeezed, want);
            let by_chars: String = input
                .chars()
                .skip(s.span.chars.start)
                .take(s.span.chars.len())
                .collect();
            assert_eq!(by_chars, orig);
        }
    }

    #[test]
    fn broken_lines_are_rejoined() {
        let cases: &[(Lang, &str, &[&str])] = &[
            (
                Lang::Zh,
                "题目\n\n新华社北京7月5日电 更加民主公\n\n正的多极世界体系。",
                &["题目", "新华社北京7月5日电 更加民主公正的多极世界体系。"],
            ),
            (
                Lang::En,
                "ASTANA, July 4 (Xinhua) -- Chinese President\nXi Jinping spoke. He left.",
                &[
                    "ASTANA, July 4 (Xinhua) -- Chinese President Xi Jinping spoke.",
                    "He left.",
                ],
            ),
        ];
        for (lang, input, want) in cases {
            assert_eq!(texts(*lang, input), *want, "{input}");
        }
    }

    #[test]
    fn protected_terms_are_not_split() {
        let seg = Segmenter::new(Lang::En).with_protected_terms(["Yahoo! Finance"]);
        let got: Vec<String> = seg
            .segment("He joined Yahoo! Finance last year. It grew.")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(got, ["He joined Yahoo! Finance last year.", "It grew."]);
    }
}
