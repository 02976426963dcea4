//! Sentence segmentation of Chinese and English news text.
//!
//! The input is decoded, LF-normalised text. Segmentation runs in three
//! steps, each a small function:
//! 1. `layout`: lines → blocks (logical paragraphs), re-joining lines that
//!    scraping broke mid-sentence, and marking titles and article starts;
//! 2. `rules`: sentence boundaries inside a block, per language (the
//!    Chinese rules in `zh`, the English ones in `en`);
//! 3. here: boundaries → [`Segment`]s with byte and char spans into the
//!    original text.

pub(crate) mod en;
mod furniture;
pub(crate) mod layout;
pub mod preseg;
pub(crate) mod rules;
pub(crate) mod zh;

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Serialize;

use crate::lang::{Folded, Lang, fold_width};
use crate::span::Span;
use layout::Block;

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
    /// True for release furniture: a byline (`（记者 张三）`), a sign-off
    /// (`（完）`, `(End)`), a source tag or photo credit (`(Reuters)`,
    /// `新华社记者 李刚 摄`), a copyright, edition or time-stamp line, or a
    /// section heading without final punctuation. Such a segment stands
    /// alone: the aligner pairs it with furniture only, or leaves it
    /// unpaired.
    pub is_furniture: bool,
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
    /// How far (bytes) a protected term can reach from a break inside it:
    /// its folded length, three times over (fullwidth forms are 3 bytes).
    reach: usize,
    /// Every protected Chinese term, to keep lines apart only where no
    /// term runs across the line break (`一带` / `一路`).
    junction: Option<AhoCorasick>,
    /// The longest term in `junction`, in chars.
    junction_chars: usize,
}

impl Segmenter {
    /// A segmenter with the built-in rules of `lang` and no protected terms.
    pub fn new(lang: Lang) -> Segmenter {
        Segmenter {
            lang,
            protected: None,
            reach: 0,
            junction: None,
            junction_chars: 0,
        }
    }

    /// Never break inside any of `terms`, e.g. `U.N. Security Council` or
    /// `《摔跤吧！爸爸》`. Terms match ASCII-case-insensitively, across
    /// fullwidth/halfwidth forms (`Yahoo！` matches `Yahoo!`) and across
    /// Chinese scripts (a simplified term protects its traditional form);
    /// in English only on word boundaries.
    ///
    /// ```
    /// use termalign::{Lang, segment::Segmenter};
    /// let seg = Segmenter::new(Lang::En).with_protected_terms(["Yahoo! Finance"]);
    /// let s = seg.segment("He joined yahoo！ Finance. It grew.");
    /// assert_eq!(s.len(), 2);
    /// ```
    pub fn with_protected_terms<I, S>(mut self, terms: I) -> Segmenter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Only a term with a break character inside (an end mark, a
        // bullet, a list marker) can have a break inside it: the others need
        // not be searched at all. The built-in glossary then leaves about a
        // dozen English terms (`U.S.`, `U.N. Security Council`) and no
        // Chinese one.
        let all: Vec<String> = terms
            .into_iter()
            .map(|t| {
                let t = t
                    .as_ref()
                    .trim()
                    .chars()
                    .map(fold_width)
                    .collect::<String>();
                // Either script protects the other's form (`上海合作組織`).
                crate::script::fold_same_len(&t).into_owned()
            })
            .filter(|t| t.chars().count() > 1)
            .collect();
        if self.lang == Lang::Zh && !all.is_empty() {
            self.junction_chars = all.iter().map(|t| t.chars().count()).max().unwrap_or(0);
            self.junction = Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&all)
                    .expect("term automaton fits in memory"),
            );
        }
        let mut terms: Vec<String> = all
            .into_iter()
            .filter(|t| rules::could_hold_break(t))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        self.reach = 3 * terms.iter().map(String::len).max().unwrap_or(0);
        self.protected = if terms.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    // Few terms are left: a full DFA is small and fastest.
                    .kind(Some(AhoCorasickKind::DFA))
                    .match_kind(MatchKind::Standard)
                    .build(&terms)
                    .expect("protected-term automaton fits in memory"),
            )
        };
        self
    }

    /// Byte ranges of `text` that hold a protected term and contain one of
    /// the sorted offsets `near` (the candidate breaks), merged where they
    /// overlap, in order. Only a window of the longest term's reach around
    /// each offset is searched, so the cost follows the number of breaks.
    fn protected_spans(&self, text: &str, near: &[usize]) -> Vec<Range<usize>> {
        let Some(ac) = &self.protected else {
            return Vec::new();
        };
        let mut spans: Vec<Range<usize>> = Vec::new();
        let mut k = 0;
        while k < near.len() {
            let lo = floor_boundary(text, near[k].saturating_sub(self.reach));
            let mut hi = ceil_boundary(text, near[k] + self.reach);
            while k + 1 < near.len() && near[k + 1].saturating_sub(self.reach) <= hi {
                k += 1;
                hi = ceil_boundary(text, near[k] + self.reach);
            }
            k += 1;
            let window = &text[lo..hi];
            let folded = Folded::new(window);
            let hay = folded.as_ref().map_or(window, |f| f.text.as_str());
            // Same byte lengths, so the offsets below hold for it too.
            let hay = crate::script::fold_same_len(hay);
            for m in ac.find_overlapping_iter(hay.as_ref()) {
                let r = match &folded {
                    Some(f) => f.to_original(m.start())..f.to_original(m.end()),
                    None => m.range(),
                };
                let r = lo + r.start..lo + r.end;
                if self.lang == Lang::Zh || on_word_boundaries(text, r.start, r.end) {
                    spans.push(r);
                }
            }
        }
        spans.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }

    /// The language this segmenter splits.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Does a protected term run from the end of `before` into `after`?
    fn straddles(&self, before: &str, after: &str) -> bool {
        let Some(ac) = &self.junction else {
            return false;
        };
        let n = self.junction_chars.saturating_sub(1);
        let tail_at = before
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let tail: String = before[tail_at..].chars().map(fold_width).collect();
        let head: String = after.chars().take(n).map(fold_width).collect();
        let joint = tail.len();
        let hay = tail + &head;
        ac.find_overlapping_iter(&hay)
            .any(|m| m.start() < joint && m.end() > joint)
    }

    /// Split a whole document into segments.
    pub fn segment(&self, text: &str) -> Vec<Segment> {
        let straddles = |a: &str, b: &str| self.straddles(a, b);
        let blocks = layout::blocks(text, self.lang, &straddles);
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
        let ends: Vec<usize> = if block.is_title || block.is_furniture {
            vec![joined.text.len()]
        } else {
            let mut ends = rules::boundaries(&joined.text, self.lang);
            if !ends.is_empty() {
                let protected = self.protected_spans(&joined.text, &ends);
                if !protected.is_empty() {
                    ends = outside(ends, &protected);
                }
            }
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
            let piece = &joined.text[s..e];
            // A credit in brackets after a caption (`… China. (Xinhua/Li
            // Gang)`) is furniture inside a paragraph.
            let is_furniture = block.is_furniture
                || piece.starts_with(['(', '（', '【', '['])
                    && furniture::is_furniture(piece, self.lang);
            out.push(Segment {
                index: out.len(),
                article: block.article,
                paragraph,
                is_title: block.is_title,
                is_furniture,
                text: piece.to_string(),
                span,
            });
        }
    }
}

/// True when `text[start..end]` neither starts nor ends inside a word.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let inner_first = text[start..end].chars().next().is_some_and(word);
    let inner_last = text[start..end].chars().next_back().is_some_and(word);
    let glued_before = inner_first && text[..start].chars().next_back().is_some_and(word);
    let glued_after = inner_last && text[end..].chars().next().is_some_and(word);
    !glued_before && !glued_after
}

/// The sorted `ends` that fall outside every (sorted, disjoint) protected
/// span: one merge pass, linear in both lists.
fn outside(ends: Vec<usize>, protected: &[Range<usize>]) -> Vec<usize> {
    let mut p = 0;
    ends.into_iter()
        .filter(|&e| {
            while p < protected.len() && protected[p].end <= e {
                p += 1;
            }
            protected.get(p).is_none_or(|r| r.start >= e)
        })
        .collect()
}

/// The char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after `i`, at most the end.
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
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
    fn breaks_inside_protected_spans_are_dropped() {
        type Case<'a> = (&'a [usize], &'a [Range<usize>], &'a [usize]);
        let cases: &[Case] = &[
            (&[5, 10, 20], &[], &[5, 10, 20]),
            (&[5, 10, 20], &[8..12, 30..31], &[5, 20]),
            (&[5, 10, 20], &[0..5, 10..20], &[5, 10, 20]),
            (&[5, 10, 20], &[4..6, 9..21], &[]),
        ];
        for (ends, spans, want) in cases {
            assert_eq!(outside(ends.to_vec(), spans), *want, "{spans:?}");
        }
    }

    #[test]
    fn protected_spans_fold_width_case_and_respect_words() {
        let cases: &[(Lang, &[&str], &str, &[&str])] = &[
            (
                Lang::En,
                &["U.N. Security Council"],
                "the u.n. security council met",
                &["u.n. security council"],
            ),
            (
                Lang::En,
                &["Yahoo! Finance"],
                "at Ｙａｈｏｏ！ Finance now",
                &["Ｙａｈｏｏ！ Finance"],
            ),
            (Lang::En, &["U.S."], "AU.S. and U.S. too", &["U.S."]),
            // Overlapping hits merge into one span.
            (
                Lang::Zh,
                &["“上海精神”。", "精神”。他"],
                "弘扬“上海精神”。他说",
                &["“上海精神”。他"],
            ),
            // A term without a character a break can follow is not searched.
            (Lang::Zh, &["上海精神"], "弘扬上海精神。", &[]),
            (
                Lang::Zh,
                &["加油!中国"],
                "高呼加油！中国。",
                &["加油！中国"],
            ),
        ];
        for (lang, terms, text, want) in cases {
            let seg = Segmenter::new(*lang).with_protected_terms(*terms);
            let everywhere: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let got: Vec<&str> = seg
                .protected_spans(text, &everywhere)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(got, *want, "{text}");
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
