//! From lines to blocks: which lines form one logical paragraph, which
//! paragraphs are titles, and where articles start.
//!
//! Scraped releases break paragraphs mid-sentence (even mid-word) and put
//! blank lines between the pieces, so a blank line only ends a paragraph when
//! the text before it ends a sentence or is a title.

use std::ops::Range;

use crate::lang::{Lang, is_cjk};

use super::rules;

/// A logical paragraph: one or more original lines joined.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Byte ranges of the (trimmed, non-empty) lines that form the block.
    pub lines: Vec<Range<usize>>,
    pub is_title: bool,
    pub article: usize,
}

/// Physical paragraphs: runs of non-blank lines separated by blank lines.
fn paragraphs(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut paras = Vec::new();
    let mut cur: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let trimmed_start = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
        } else {
            let s = pos + trimmed_start;
            cur.push(s..s + trimmed.len());
        }
        pos += line.len();
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    paras
}

/// Group the text into blocks.
pub(crate) fn blocks(text: &str, lang: Lang) -> Vec<Block> {
    let paras = paragraphs(text);
    let last_text = |p: &Vec<Range<usize>>| &text[p.last().expect("non-empty").clone()];
    let first_text = |p: &Vec<Range<usize>>| &text[p[0].clone()];
    let mut out: Vec<Block> = Vec::new();
    let mut article = 0usize;
    let mut seen_body = false;
    let mut i = 0;
    while i < paras.len() {
        let para = &paras[i];
        let ends_sentence = rules::ends_sentence(last_text(para), lang);
        let next_is_dateline = paras
            .get(i + 1)
            .is_some_and(|n| rules::is_dateline(first_text(n), lang));
        // A headline may be hard-wrapped; judge the whole paragraph.
        let whole = &text[para[0].start..para.last().expect("non-empty").end];
        let is_title = !ends_sentence
            && (out.is_empty() || next_is_dateline)
            && rules::could_be_title(whole, lang);
        if is_title {
            if next_is_dateline && seen_body {
                article += 1;
            }
            out.push(Block {
                lines: para.clone(),
                is_title: true,
                article,
            });
            i += 1;
            continue;
        }
        // Join following paragraphs while the text so far does not end a
        // sentence: the break was made by scraping, not by the author.
        let mut lines = para.clone();
        let mut j = i;
        while !rules::ends_sentence(&text[lines.last().expect("non-empty").clone()], lang)
            && j + 1 < paras.len()
            && should_join(text, &lines, &paras[j + 1], paras.get(j + 2), lang)
        {
            j += 1;
            lines.extend(paras[j].iter().cloned());
        }
        out.push(Block {
            lines,
            is_title: false,
            article,
        });
        seen_body = true;
        i = j + 1;
    }
    out
}

fn should_join(
    text: &str,
    _so_far: &[Range<usize>],
    next: &[Range<usize>],
    after_next: Option<&Vec<Range<usize>>>,
    lang: Lang,
) -> bool {
    let next_first = &text[next[0].clone()];
    // A title followed by its dateline is never swallowed.
    let next_last = &text[next.last().expect("non-empty").clone()];
    let next_is_title = !rules::ends_sentence(next_last, lang)
        && after_next.is_some_and(|a| rules::is_dateline(&text[a[0].clone()], lang));
    if next_is_title || rules::is_dateline(next_first, lang) {
        return false;
    }
    match lang {
        Lang::Zh => true,
        // English paragraphs without final punctuation are usually headings;
        // join only when the next piece visibly continues the sentence.
        Lang::En => next_first
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()),
    }
}

/// A block's text with its lines joined, and the map back to the original.
pub(crate) struct Joined {
    pub text: String,
    /// (offset in `text`, offset in the original) at the start of each line.
    pieces: Vec<(usize, usize)>,
}

impl Joined {
    /// Map a byte offset in the joined text to the original text. Offsets
    /// inside an inserted separator map to the end of the preceding line.
    pub fn to_original(&self, joined: usize) -> usize {
        let i = self.pieces.partition_point(|&(j, _)| j <= joined) - 1;
        let (j, o) = self.pieces[i];
        o + (joined - j)
    }
}

/// Join the lines of a block: nothing between CJK characters, one space
/// elsewhere.
pub(crate) fn join(text: &str, block: &Block, lang: Lang) -> Joined {
    let mut out = String::new();
    let mut pieces = Vec::with_capacity(block.lines.len());
    for line in &block.lines {
        let s = &text[line.clone()];
        if !out.is_empty() {
            let prev = out.chars().next_back();
            let next = s.chars().next();
            let glue = match (lang, prev, next) {
                (Lang::Zh, Some(p), Some(n)) if is_cjk(p) || is_cjk(n) => "",
                _ => " ",
            };
            if !glue.is_empty() {
                // The separator maps to the last byte of the previous line.
                let prev_end = pieces
                    .last()
                    .map(|&(j, o): &(usize, usize)| o + (out.len() - j) - 1)
                    .unwrap_or(0);
                pieces.push((out.len(), prev_end));
                out.push_str(glue);
            }
        }
        pieces.push((out.len(), line.start));
        out.push_str(s);
    }
    Joined { text: out, pieces }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str, lang: Lang) -> Vec<(bool, usize, usize)> {
        blocks(text, lang)
            .iter()
            .map(|b| (b.is_title, b.article, b.lines.len()))
            .collect()
    }

    /// (is_title, article, lines) of each block.
    type Shape = (bool, usize, usize);

    #[test]
    fn titles_articles_and_joins() {
        let cases: &[(Lang, &str, &[Shape])] = &[
            // title at start, dateline paragraph, a broken paragraph
            (
                Lang::Zh,
                "标题一\n\n新华社北京7月5日电 甲乙\n\n丙丁。\n\n标题二\n\n新华社北京7月6日电 戊。",
                &[(true, 0, 1), (false, 0, 2), (true, 1, 1), (false, 1, 1)],
            ),
            // hard-wrapped English paragraph is one block of two lines
            (
                Lang::En,
                "Xi attends summit\n\nASTANA, July 4 (Xinhua) -- Xi\nspoke.\n\nIt ended.",
                &[(true, 0, 1), (false, 0, 2), (false, 0, 1)],
            ),
        ];
        for (lang, text, want) in cases {
            assert_eq!(shape(text, *lang), *want, "{text}");
        }
    }

    #[test]
    fn join_maps_offsets_back() {
        let text = "ab\n  cd";
        let b = Block {
            lines: vec![0..2, 5..7],
            is_title: false,
            article: 0,
        };
        let j = join(text, &b, Lang::En);
        assert_eq!(j.text, "ab cd");
        assert_eq!(j.to_original(3), 5);
        assert_eq!(j.to_original(1), 1);
    }
}
