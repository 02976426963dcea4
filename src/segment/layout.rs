//! From lines to blocks: which lines form one logical paragraph, which
//! paragraphs are titles, and where articles start.
//!
//! Scraped releases break paragraphs mid-sentence (even mid-word) and put
//! blank lines between the pieces, so a blank line only ends a paragraph when
//! the text before it ends a sentence or is a title.

use std::ops::Range;

use crate::lang::{Lang, is_cjk};

use super::furniture::{self, heading_shape, is_furniture, starts_list_item, zh_continues};
use super::rules;

/// A logical paragraph: one or more original lines joined.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Byte ranges of the (trimmed, non-empty) lines that form the block.
    pub lines: Vec<Range<usize>>,
    pub is_title: bool,
    /// Release furniture or a section heading: one segment, never split.
    pub is_furniture: bool,
    pub article: usize,
}

/// Does a glossary term run across the end of one line into the next
/// (`一带` / `一路`)? The layout step never separates such lines.
pub(crate) type Straddles<'a> = &'a dyn Fn(&str, &str) -> bool;

/// The trimmed, non-empty lines of `text`, each with whether a blank line
/// (or the start of the text) comes before it.
fn lines(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut blank_before = true;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let trimmed = content.trim();
        if trimmed.is_empty() {
            blank_before = true;
        } else {
            let s = pos + (content.len() - content.trim_start().len());
            out.push((s..s + trimmed.len(), blank_before));
            blank_before = false;
        }
        pos += line.len();
    }
    out
}

/// The units the layout rules judge: in Chinese every line (a line without
/// final punctuation is joined to the next, whatever the blank lines); in
/// English every paragraph (lines between blank lines, hard wrapping
/// joined), split before a dateline line so that a title directly above its
/// dateline stays apart.
fn units(text: &str, lang: Lang) -> (Vec<Vec<Range<usize>>>, Vec<bool>) {
    let mut out: Vec<Vec<Range<usize>>> = Vec::new();
    let mut blank: Vec<bool> = Vec::new();
    for (range, blank_before) in lines(text) {
        let new_unit = match lang {
            Lang::Zh => true,
            Lang::En => blank_before || rules::is_dateline(&text[range.clone()], lang),
        };
        match out.last_mut() {
            Some(unit) if !new_unit => unit.push(range),
            _ => {
                out.push(vec![range]);
                blank.push(blank_before);
            }
        }
    }
    (out, blank)
}

/// What the layout rules need to know about one unit.
struct Facts {
    /// The unit's text ends a sentence.
    ends_sentence: bool,
    /// The unit opens with a dateline.
    dateline: bool,
    /// The unit could be a headline (it becomes one by its position).
    title_like: bool,
    /// A short question or exclamation (`中国经济怎么看？`): a headline only
    /// right above a dateline.
    title_like_question: bool,
    /// A headline even where no dateline confirms it (at the start).
    title_alone: bool,
    /// Release furniture (a byline, a sign-off, a time stamp…).
    furniture: bool,
    /// The unit opens with a list marker (`1. `, `（2）`).
    list_item: bool,
    /// An unfinished unit shaped like a section heading, standing between
    /// finished text and text that does not continue it.
    heading: bool,
}

fn facts(
    text: &str,
    units: &[Vec<Range<usize>>],
    blank_before: &[bool],
    lang: Lang,
    straddles: Straddles,
) -> Vec<Facts> {
    let first = |u: &Vec<Range<usize>>| &text[u[0].clone()];
    let last = |u: &Vec<Range<usize>>| &text[u.last().expect("non-empty").clone()];
    let whole = |u: &Vec<Range<usize>>| &text[u[0].start..u.last().expect("non-empty").end];
    // Does unit k+1 continue unit k (so k is no heading nor title)?
    let continued = |k: usize| {
        units.get(k + 1).is_some_and(|n| {
            let next = first(n);
            match lang {
                Lang::Zh => zh_continues(next) || straddles(last(&units[k]), next),
                Lang::En => continues(next, lang),
            }
        })
    };
    let mut out: Vec<Facts> = units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let ends_sentence = rules::ends_sentence(last(u), lang);
            let dateline = rules::is_dateline(first(u), lang);
            let whole = whole(u);
            let furniture = !dateline && is_furniture(whole, lang);
            let question = last(u)
                .trim_end()
                .trim_end_matches(rules::CLOSERS)
                .ends_with(['!', '?', '！', '？']);
            let shape_ok = (!ends_sentence || question)
                && !dateline
                && rules::could_be_title(whole, lang)
                && match lang {
                    Lang::Zh => true,
                    // An English headline holds no sentence end, and the
                    // next paragraph does not continue it in lower case.
                    Lang::En => {
                        let block = Block {
                            lines: u.clone(),
                            is_title: false,
                            is_furniture: false,
                            article: 0,
                        };
                        rules::boundaries(&join(text, &block, lang).text, lang).is_empty()
                            && !units.get(k + 1).is_some_and(|n| continues(first(n), lang))
                    }
                };
            // A Chinese headline holds no unclosed quote or bracket and no
            // term cut in half.
            let shape_ok = shape_ok
                && !furniture
                && (lang == Lang::En || furniture::balanced(whole) && !continued(k));
            // Alone at the start of a text (an excerpt may open mid-sentence),
            // a Chinese line with a comma is a headline only when release
            // structure follows it (a dateline, furniture, a subtitle).
            let alone_ok = lang == Lang::En
                || !whole.contains(['，', ','])
                || units.get(k + 1).map(first).is_some_and(|n| {
                    rules::is_dateline(n, lang)
                        || is_furniture(n, lang)
                        || n.starts_with(['—', '-'])
                });
            Facts {
                ends_sentence,
                dateline,
                title_like: shape_ok && !ends_sentence,
                title_like_question: shape_ok && question,
                title_alone: shape_ok && !ends_sentence && alone_ok,
                furniture,
                list_item: starts_list_item(first(u)),
                heading: false,
            }
        })
        .collect();
    // Headings: an unfinished, heading-shaped unit after finished text (or
    // furniture), not continued by the next unit; a Chinese one stands
    // between blank lines (a line break alone is wrapping).
    for k in 0..out.len() {
        let apart = blank_before[k] && blank_before.get(k + 1).is_none_or(|&b| b);
        if lang == Lang::Zh && !apart {
            continue;
        }
        let f = &out[k];
        let after_finished = k == 0 || {
            let p = &out[k - 1];
            p.ends_sentence || p.furniture || p.heading || p.title_like
        };
        let w = whole(&units[k]);
        out[k].heading = !f.ends_sentence
            && !f.dateline
            && !f.furniture
            && !f.list_item
            && after_finished
            && !continued(k)
            && heading_shape(w, lang)
            && (lang == Lang::Zh || rules::boundaries(&w.replace('\n', " "), lang).is_empty());
    }
    out
}

/// How many title-like units right above a dateline are titles (a headline,
/// a subtitle, a kicker).
const MAX_TITLE_LINES: usize = 3;

/// Which units are titles: a title-like unit at the start of the text, and
/// up to [`MAX_TITLE_LINES`] title-like units right above a dateline (the
/// one right above may end with `？` or `！`).
fn titles(facts: &[Facts]) -> Vec<bool> {
    let mut is_title = vec![false; facts.len()];
    if facts.first().is_some_and(|f| f.title_alone) {
        is_title[0] = true;
    }
    for (d, f) in facts.iter().enumerate() {
        if !f.dateline {
            continue;
        }
        // Furniture (a time stamp, a byline) may stand between a headline
        // and its dateline.
        let mut k = d;
        let mut taken = 0;
        let mut right_above = true;
        while k > 0 && taken < MAX_TITLE_LINES {
            k -= 1;
            if facts[k].furniture {
                continue;
            }
            if !(facts[k].title_like || right_above && facts[k].title_like_question) {
                break;
            }
            is_title[k] = true;
            taken += 1;
            right_above = false;
        }
    }
    is_title
}

/// Group the text into blocks: titles on their own; body units joined while
/// the text so far does not end a sentence (the break was made by scraping
/// or wrapping, not by the author). A title, or a dateline without a title,
/// after body text starts a new article.
pub(crate) fn blocks(text: &str, lang: Lang, straddles: Straddles) -> Vec<Block> {
    let (units, blank_before) = units(text, lang);
    let facts = facts(text, &units, &blank_before, lang, straddles);
    let is_title = titles(&facts);
    let mut out: Vec<Block> = Vec::new();
    let mut article = 0usize;
    let mut body_in_article = false;
    // Was the last block that is not furniture a title?
    let mut after_title = false;
    let mut k = 0;
    while k < units.len() {
        if body_in_article && (is_title[k] || facts[k].dateline && !after_title) {
            article += 1;
            body_in_article = false;
        }
        let standalone = facts[k].furniture || facts[k].heading;
        if is_title[k] || standalone {
            out.push(Block {
                lines: units[k].clone(),
                is_title: is_title[k],
                is_furniture: !is_title[k],
                article,
            });
            if is_title[k] {
                after_title = true;
            } else if facts[k].heading {
                after_title = false;
                body_in_article = true;
            }
            k += 1;
            continue;
        }
        let mut lines = units[k].clone();
        let mut ends = facts[k].ends_sentence;
        while !ends
            && k + 1 < units.len()
            && !is_title[k + 1]
            && !facts[k + 1].dateline
            && !facts[k + 1].furniture
            && !facts[k + 1].list_item
            && joins(&text[units[k + 1][0].clone()], lang)
        {
            k += 1;
            lines.extend(units[k].iter().cloned());
            ends = facts[k].ends_sentence;
        }
        out.push(Block {
            lines,
            is_title: false,
            is_furniture: false,
            article,
        });
        body_in_article = true;
        after_title = false;
        k += 1;
    }
    out
}

/// Does a unit starting with `next` continue an unfinished one? Chinese:
/// always (scraping breaks mid-word). English: paragraphs without final
/// punctuation are usually headings or list items, so only when the next
/// piece visibly continues the sentence.
fn joins(next: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => true,
        Lang::En => continues(next, lang),
    }
}

/// Does this text visibly continue a sentence (lower case or a digit)?
fn continues(next: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => false,
        Lang::En => {
            next.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                && !starts_list_item(next)
                && !is_furniture(next, lang)
        }
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
        blocks(text, lang, &|_, _| false)
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
            // title and subtitle above a dateline
            (
                Lang::Zh,
                "甲。\n\n主标题\n——副标题\n新华社北京7月5日电 乙。",
                &[(false, 0, 1), (true, 1, 1), (true, 1, 1), (false, 1, 1)],
            ),
            // lines broken without blank lines are joined
            (
                Lang::Zh,
                "甲。\n乙丙\n丁\n戊。",
                &[(false, 0, 1), (false, 0, 3)],
            ),
            // a dateline without a title after body text starts an article
            (
                Lang::Zh,
                "新华社北京7月5日电 甲。\n\n新华社上海7月6日电 乙。",
                &[(false, 0, 1), (false, 1, 1)],
            ),
            // a question headline right above its dateline
            (
                Lang::Zh,
                "中国经济怎么看？\n新华社北京7月5日电 甲。\n\n结论？\n新华社北京7月6日电 乙。",
                &[(true, 0, 1), (false, 0, 1), (true, 1, 1), (false, 1, 1)],
            ),
            // but not at the start of the text alone
            (
                Lang::Zh,
                "真的吗？\n是的。",
                &[(false, 0, 1), (false, 0, 1)],
            ),
            // a first line with final punctuation is no title
            (
                Lang::Zh,
                "第一句。\n第二句",
                &[(false, 0, 1), (false, 0, 1)],
            ),
            // hard-wrapped English paragraph is one block of two lines
            (
                Lang::En,
                "Xi attends summit\n\nASTANA, July 4 (Xinhua) -- Xi\nspoke.\n\nIt ended.",
                &[(true, 0, 1), (false, 0, 2), (false, 0, 1)],
            ),
            // a title right above its dateline line, no blank line between
            (
                Lang::En,
                "Xi attends summit\nASTANA, July 4 (Xinhua) -- Xi spoke.",
                &[(true, 0, 1), (false, 0, 1)],
            ),
            // a paragraph broken mid-sentence continues in lower case
            (
                Lang::En,
                "It was agreed to\n\nstrengthen ties.\n\nA heading\n\nMore text.",
                &[(false, 0, 2), (false, 0, 1), (false, 0, 1)],
            ),
            // a list opening the text is not a headline
            (Lang::En, "1) One 2) Two", &[(false, 0, 1)]),
            // a headline continued in lower case is a broken sentence
            (
                Lang::En,
                "The leaders agreed to\n\nmeet again.",
                &[(false, 0, 2)],
            ),
        ];
        for (lang, text, want) in cases {
            assert_eq!(shape(text, *lang), *want, "{text}");
        }
    }

    /// (is_title, is_furniture, lines) of each block.
    fn kinds(text: &str, lang: Lang) -> Vec<(bool, bool, usize)> {
        blocks(text, lang, &|a: &str, b: &str| {
            a.ends_with("一带") && b.starts_with("一路")
        })
        .iter()
        .map(|b| (b.is_title, b.is_furniture, b.lines.len()))
        .collect()
    }

    #[test]
    fn furniture_headings_and_fragments() {
        type Kind = (bool, bool, usize);
        let cases: &[(&str, Lang, &str, &[Kind])] = &[
            (
                "byline between title and dateline",
                Lang::Zh,
                "标题\n\n（记者 张三）\n\n新华社兰州12月19日电 甲。",
                &[(true, false, 1), (false, true, 1), (false, false, 1)],
            ),
            (
                "sign-off and copyright are not joined",
                Lang::Zh,
                "甲。\n\n（中新财经）\n\n©1999-2024 中国新闻网 版权所有",
                &[(false, false, 1), (false, true, 1), (false, true, 1)],
            ),
            (
                "heading between blank lines",
                Lang::Zh,
                "甲。\n\n唐山大地震（1976年）\n\n乙。",
                &[(false, false, 1), (false, true, 1), (false, false, 1)],
            ),
            (
                "no heading without blank lines (wrapping)",
                Lang::Zh,
                "甲。\n我们要巩固\n团结力量。",
                &[(false, false, 1), (false, false, 2)],
            ),
            (
                "a line continued by punctuation is no heading",
                Lang::Zh,
                "甲。\n\n习近平强调\n\n，乙。",
                &[(false, false, 1), (false, false, 2)],
            ),
            (
                "a term cut across the blank line is joined",
                Lang::Zh,
                "甲。\n\n共建一带\n\n一路倡议。",
                &[(false, false, 1), (false, false, 2)],
            ),
            (
                "list items on their own lines",
                Lang::Zh,
                "提示\n\n1. 甲；\n\n2. 乙。",
                &[(true, false, 1), (false, false, 1), (false, false, 1)],
            ),
            (
                "excerpt: first line with a comma is no title",
                Lang::Zh,
                "中方愿同各方一道，推动更加公\n\n正合理的发展。",
                &[(false, false, 2)],
            ),
            (
                "excerpt: unclosed quote is no title",
                Lang::Zh,
                "共建“一带\n\n一路”倡议。",
                &[(false, false, 2)],
            ),
            (
                "a title with a comma above a dateline",
                Lang::Zh,
                "稳中求进，行稳致远\n\n新华社北京1月5日电 甲。",
                &[(true, false, 1), (false, false, 1)],
            ),
            (
                "a title with a comma, a subtitle, a dateline",
                Lang::Zh,
                "稳中求进，行稳致远\n——副标题\n\n新华社北京1月5日电 甲。",
                &[(true, false, 1), (true, false, 1), (false, false, 1)],
            ),
            (
                "English time stamp between title and dateline",
                Lang::En,
                "A title\n\n2023-03-05 11:32:08 [Source: Xinhua]\n\nBEIJING, March 5 (Xinhua) -- A.",
                &[(true, false, 1), (false, true, 1), (false, false, 1)],
            ),
            (
                "English heading and list paragraphs",
                Lang::En,
                "One.\n\nSafety tips\n\n1. Take cover;\n\n2. Stay calm.\n\n(End)",
                &[
                    (false, false, 1),
                    (false, true, 1),
                    (false, false, 1),
                    (false, false, 1),
                    (false, true, 1),
                ],
            ),
        ];
        for (rule, lang, text, want) in cases {
            assert_eq!(kinds(text, *lang), *want, "{rule}");
        }
    }

    #[test]
    fn join_maps_offsets_back() {
        let text = "ab\n  cd";
        let b = Block {
            lines: vec![0..2, 5..7],
            is_title: false,
            is_furniture: false,
            article: 0,
        };
        let j = join(text, &b, Lang::En);
        assert_eq!(j.text, "ab cd");
        assert_eq!(j.to_original(3), 5);
        assert_eq!(j.to_original(1), 1);
    }
}
