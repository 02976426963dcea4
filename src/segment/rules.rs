//! The boundary rules shared by both languages, and the entry points the
//! segmenter and layout step call: each dispatches to the Chinese rules
//! ([`super::zh`]) or the English ones ([`super::en`]).
//!
//! Every rule looks only at a bounded neighbourhood of the candidate end
//! mark (the word before it, the word after it), so a paragraph is split in
//! one forward pass: time is linear in its length.
//!
//! The English rules run on width-folded text (`Ａ．` reads as `A.`); the
//! Chinese rules accept both widths of `!` and `?` themselves.

use crate::lang::{Folded, Lang};

use super::en::{EN_TERMINALS, en_boundaries, is_en_dateline};
use super::zh::{ZH_TERMINALS, is_zh_dateline, zh_boundaries};

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/// Closing quotes and brackets that stay with the sentence they follow
/// (`他说：“好。”` / `He said "yes."`).
pub const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '"', '\'', '】', ']', '〕', '〉', '］', '＂',
];

/// Bullets that start a list item.
pub(super) const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●', '■', '□', '◆'];

/// Could a sentence break fall strictly inside `term` (width-folded)?
/// Breaks fall after an end mark (and the closers after it), before a
/// bullet, and before a list marker (`2.`, `b)`). A term holding none of
/// these, nor starting with a closer, never needs protecting: `People's
/// Republic of China` does not, `U.N. Security Council` does.
pub fn could_hold_break(term: &str) -> bool {
    let mark =
        |c: char| ZH_TERMINALS.contains(&c) || EN_TERMINALS.contains(&c) || BULLETS.contains(&c);
    let paren_marker = term
        .split_whitespace()
        .skip(1)
        .any(|w| w.len() <= 4 && w.ends_with(')') && !w.starts_with('('));
    term.contains(mark) || term.starts_with(CLOSERS) || paren_marker
}

// ---------------------------------------------------------------------------
// Line-level rules (used by the layout step)
// ---------------------------------------------------------------------------

/// Does this text (a line or paragraph) end a sentence?
pub fn ends_sentence(text: &str, lang: Lang) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    match lang {
        Lang::Zh => t.ends_with(ZH_TERMINALS) || t.ends_with("..."),
        Lang::En => t.ends_with(EN_TERMINALS) || t.ends_with(['！', '？', '．', '…']),
    }
}

/// Is this paragraph a dateline, the start of a news article's first
/// sentence (`新华社阿斯塔纳7月4日电`, `ASTANA, July 4 (Xinhua) --`)?
pub fn is_dateline(text: &str, lang: Lang) -> bool {
    match lang {
        // Traditional datelines (`新華社…日電`) read as simplified ones.
        Lang::Zh => is_zh_dateline(&crate::script::fold(text)),
        Lang::En => is_en_dateline(text),
    }
}

/// Could this line or paragraph be a headline (short, no clause
/// punctuation at its end)?
pub fn could_be_title(text: &str, lang: Lang) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    let bad_end = t.ends_with(['，', '、', '：', '；', ',', ':', ';', '“', '"', '(', '（']);
    match lang {
        Lang::Zh => n > 0 && n <= 80 && !bad_end,
        Lang::En => n > 0 && n <= 200 && !bad_end,
    }
}

// ---------------------------------------------------------------------------
// Boundaries inside a paragraph
// ---------------------------------------------------------------------------

/// Byte offsets just after each sentence end inside one joined block (the
/// next sentence starts there, after any whitespace). The block's end is not
/// included.
pub fn boundaries(text: &str, lang: Lang) -> Vec<usize> {
    match lang {
        Lang::Zh => zh_boundaries(text),
        Lang::En => match Folded::new(text) {
            None => en_boundaries(text),
            Some(f) => en_boundaries(&f.text)
                .into_iter()
                .map(|b| f.to_original(b))
                .collect(),
        },
    }
}

/// Skip `set` characters from `i`, returning the byte offset after them.
pub(super) fn skip_chars(text: &str, mut i: usize, set: &[char]) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if set.contains(&c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

pub(super) fn skip_ws(text: &str, i: usize) -> usize {
    i + (text[i..].len() - text[i..].trim_start().len())
}

#[cfg(test)]
pub(super) mod table {
    //! The table-driven test harness shared by the per-language rules.
    use super::boundaries;
    use crate::lang::Lang;

    pub(in crate::segment) fn split(text: &str, lang: Lang) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for e in boundaries(text, lang) {
            out.push(text[start..e].trim());
            start = e;
        }
        out.push(text[start..].trim());
        out
    }

    /// One table per rule: (rule, input, expected sentences).
    pub(in crate::segment) type Table<'a> = &'a [(&'a str, &'a str, &'a [&'a str])];

    pub(in crate::segment) fn check(lang: Lang, table: Table) {
        for (rule, text, want) in table {
            assert_eq!(split(text, lang), *want, "{rule}: {text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases: &[(&str, Lang, bool)] = &[
            ("新华社阿斯塔纳7月4日电 当地时间", Lang::Zh, true),
            ("新华社北京7月5日电（记者张三）", Lang::Zh, true),
            ("本报华盛顿十月三日讯", Lang::Zh, true),
            ("他说7月4日电视台报道。", Lang::Zh, false),
            ("习近平指出，", Lang::Zh, false),
            ("ASTANA, July 4 (Xinhua) -- Chinese", Lang::En, true),
            ("BEIJING (Xinhua) -- The", Lang::En, true),
            ("NEW YORK -- Stocks fell.", Lang::En, true),
            ("Astana, July 4 -- lower case", Lang::En, false),
            ("The SCO (Shanghai) -- he said", Lang::En, false),
        ];
        for (text, lang, want) in cases {
            assert_eq!(is_dateline(text, *lang), *want, "{text}");
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn could_hold_break() {
        use crate::segment::rules::could_hold_break;
        assert!(could_hold_break("U.N. Security Council"));
        assert!(could_hold_break("你好！中国"));
        assert!(!could_hold_break("People's Republic of China"));
        assert!(!could_hold_break("SCO (Shanghai Cooperation Organization)"));
        assert!(could_hold_break("Plan a) and b)"));
    }

    #[test]
    fn ends_sentence() {
        use crate::{Lang, segment::rules::ends_sentence};
        assert!(ends_sentence("团结力量。", Lang::Zh));
        assert!(ends_sentence("“上海精神”。”", Lang::Zh));
        assert!(ends_sentence("他沉默了……", Lang::Zh));
        assert!(!ends_sentence("我们要巩固", Lang::Zh));
        assert!(ends_sentence("He said \"yes.\"", Lang::En));
        assert!(!ends_sentence("Chinese President", Lang::En));
    }

    #[test]
    fn is_dateline() {
        use crate::{Lang, segment::rules::is_dateline};
        assert!(is_dateline("新华社阿斯塔纳7月4日电 当地时间", Lang::Zh));
        assert!(is_dateline("新华社北京7月5日电（记者张三）", Lang::Zh));
        assert!(is_dateline("中新网北京７月５日电 据报道", Lang::Zh));
        assert!(is_dateline("ASTANA, July 4 (Xinhua) -- Chinese", Lang::En));
        assert!(is_dateline(
            "UNITED NATIONS, Jan. 5 (Xinhua) -- The",
            Lang::En
        ));
        assert!(is_dateline("新華社阿斯塔納7月4日電 當地時間", Lang::Zh));
        assert!(!is_dateline("习近平指出，", Lang::Zh));
        assert!(!is_dateline("The SCO, he said (twice) -- no.", Lang::En));
    }

    #[test]
    fn could_be_title() {
        use crate::{Lang, segment::rules::could_be_title};
        assert!(could_be_title("习近平出席上海合作组织峰会", Lang::Zh));
        assert!(!could_be_title("当地时间7月4日上午，", Lang::Zh));
    }

    #[test]
    fn boundaries() {
        use crate::{Lang, segment::rules::boundaries};
        let t = "Mr. Smith came. He sat.";
        assert_eq!(boundaries(t, Lang::En), [15]);
    }
}
