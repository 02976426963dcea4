//! Release furniture: the lines of a news release that are not sentences of
//! the story (bylines, sign-offs, source tags, captions' credits, copyright
//! and edition lines, time stamps), and the shapes the layout step needs to
//! tell headings and list items from text broken by scraping.
//!
//! A furniture line is a segment of its own: never glued to the sentence
//! before or after it, never split inside.

use crate::lang::Lang;

/// Labels that open a Chinese credit or source line (`图源：路透社`).
const ZH_LABELS: &[&str] = &[
    "图源",
    "图片来源",
    "来源",
    "资料来源",
    "数据来源",
    "图片",
    "摄影",
    "编辑",
    "责任编辑",
    "责编",
    "校对",
    "审核",
    "监制",
    "制图",
    "文字",
    "文",
];

/// Labels that open an English credit or source line (`Source: …`).
const EN_LABELS: &[&str] = &[
    "source",
    "sources",
    "photo",
    "photos",
    "chart",
    "graphic",
    "editor",
    "editors",
    "edited by",
    "reporting by",
    "writing by",
    "photo credit",
    "credit",
];

/// Words that mark a Chinese byline line (`本报记者 王浩`, `新华社评论员`,
/// `新华社记者 李刚 摄`).
const ZH_BYLINE_WORDS: &[&str] = &["记者", "评论员", "通讯员", "特约撰稿人", "特派员"];

/// Is this whole line (or paragraph) release furniture?
pub(crate) fn is_furniture(line: &str, lang: Lang) -> bool {
    furniture_in(line, &[lang])
}

/// Is this line furniture in either language (`is_furniture` for Chinese
/// or for English, the shared tests made once)? For presegmented lines,
/// whose language the reader does not know.
pub(crate) fn is_furniture_any(line: &str) -> bool {
    furniture_in(line, &[Lang::Zh, Lang::En])
}

fn furniture_in(line: &str, langs: &[Lang]) -> bool {
    let t = line.trim();
    // Furniture is short: no pattern below takes more than 120 chars.
    if t.is_empty() || t.len() > 4 * 120 {
        return false;
    }
    let n = t.chars().count();
    if n > 120 {
        return false;
    }
    if is_copyright(t) || n <= 60 && is_time_stamp(t) {
        return true;
    }
    langs.iter().any(|lang| match lang {
        Lang::Zh => zh_furniture(t, n),
        Lang::En => en_furniture(t, n),
    })
}

/// A copyright line (`t` at most 120 chars, as [`furniture_in`] checks).
fn is_copyright(t: &str) -> bool {
    // Case-blind byte comparisons instead of a lower-cased copy: every
    // line of a document is asked this.
    const RESERVED: &[u8] = b"all rights reserved";
    let b = t.as_bytes();
    t.contains('©')
        || t.contains("版权所有")
        || b.get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"copyright"))
        || b.windows(RESERVED.len())
            .any(|w| w.eq_ignore_ascii_case(RESERVED))
}

/// `2023-03-05 11:32:08 …`, `2023/03/05 11:32`, `2023年03月05日 11:32 来源：…`:
/// a date of digits opening the line, then a clock time or a source label.
fn is_time_stamp(t: &str) -> bool {
    // Four ASCII digits open every time stamp: most lines fail here,
    // before the copy below.
    if !t
        .as_bytes()
        .get(..4)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    {
        return false;
    }
    let b: Vec<char> = t.chars().collect();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    if digits(&mut i) != 4 {
        return false;
    }
    let sep = |c: char| matches!(c, '-' | '/' | '.' | '年' | '月');
    if !b.get(i).is_some_and(|&c| sep(c)) {
        return false;
    }
    i += 1;
    if !(1..=2).contains(&digits(&mut i)) || !b.get(i).is_some_and(|&c| sep(c)) {
        return false;
    }
    i += 1;
    if !(1..=2).contains(&digits(&mut i)) {
        return false;
    }
    if b.get(i) == Some(&'日') {
        i += 1;
    }
    let rest: String = b[i..].iter().collect();
    let rest = rest.trim_start();
    if rest.is_empty() {
        // A bare date line.
        return i == b.len();
    }
    let clock = rest.split_once(':').is_some_and(|(h, m)| {
        (1..=2).contains(&h.len())
            && h.chars().all(|c| c.is_ascii_digit())
            && m.chars().take(2).filter(char::is_ascii_digit).count() == 2
    });
    let lower = rest.to_ascii_lowercase();
    clock || rest.starts_with("来源") || lower.starts_with("[source") || lower.starts_with("source")
}

/// The line is one bracketed group: `（完）`, `【…】`, `(End)`.
fn bracketed(t: &str) -> bool {
    let pairs = [
        ('（', '）'),
        ('(', ')'),
        ('【', '】'),
        ('[', ']'),
        ('〔', '〕'),
    ];
    pairs.iter().any(|&(o, c)| {
        t.starts_with(o)
            && t.ends_with(c)
            && t[o.len_utf8()..t.len() - c.len_utf8()]
                .chars()
                .all(|x| x != o && x != c)
    })
}

/// A `label：…` or `label: …` line.
fn labelled(t: &str, labels: &[&str]) -> bool {
    let Some((head, _)) = t.split_once(['：', ':']) else {
        return false;
    };
    let head = head.trim().to_lowercase();
    labels.contains(&head.as_str())
}

fn zh_furniture(t: &str, n: usize) -> bool {
    let ends = super::rules::ends_sentence(t, Lang::Zh);
    // `（完）`, `（中新财经）`, `（记者 张文静 马希平）`, `【环球时报驻…记者 …】`.
    if n <= 60 && bracketed(t) {
        return true;
    }
    if ends {
        return false;
    }
    // `《 人民日报 》（ 2023年09月27日 04 版）`: a paper and an edition.
    if n <= 60 && t.starts_with('《') && t.trim_end_matches([' ', '）', ')']).ends_with('版') {
        return true;
    }
    if n <= 40 && labelled(t, ZH_LABELS) {
        return true;
    }
    // A caption without final punctuation (`图为…`): one with it is a
    // sentence, paired with the English caption.
    if ["图为", "图片为", "上图为", "下图为", "图：", "图:"]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return true;
    }
    let clause = t.contains(['，', '；', ',', ';']);
    // `本报记者 王浩`, `新华社评论员`, `新华社记者 李刚 摄`.
    n <= 30
        && !clause
        && (ZH_BYLINE_WORDS.iter().any(|w| t.contains(w))
            || t.ends_with(" 摄")
            || t.ends_with("　摄"))
}

fn en_furniture(t: &str, n: usize) -> bool {
    let lower = t.to_ascii_lowercase();
    // `(End)`, `(over)`, `(Reuters)`, `(Xinhua/Li Gang)`, `[Source: Xinhua]`.
    if n <= 40 && bracketed(t) && !t[1..].starts_with(char::is_lowercase)
        || matches!(lower.as_str(), "(over)" | "(end)" | "(ends)")
    {
        return true;
    }
    if super::rules::ends_sentence(t, Lang::En) {
        return false;
    }
    if n <= 80 && labelled(t, EN_LABELS) {
        return true;
    }
    // A caption without final punctuation.
    t.starts_with(char::is_uppercase)
        && [
            "photo shows",
            "photo taken",
            "file photo",
            "the photo shows",
            "the chart shows",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Does this line open with a list marker: `1. `, `1．`, `1、`, `（1）`,
/// `(1)`, `1)`? (Chinese `一、` is a heading number, not matched.)
pub(crate) fn starts_list_item(t: &str) -> bool {
    list_marker(t.trim_start()).is_some()
}

/// The ordinal of a list marker at the start of `t`, and the marker's
/// byte length.
pub(crate) fn list_marker(t: &str) -> Option<(u32, usize)> {
    let (inner, open) = if let Some(r) = t.strip_prefix('（') {
        (r, '（'.len_utf8())
    } else if let Some(r) = t.strip_prefix('(') {
        (r, 1)
    } else {
        (t, 0)
    };
    let mut value = 0u32;
    let mut len = 0;
    for c in inner.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        if len >= 2 * 3 {
            return None;
        }
        value = value * 10 + d;
        len += c.len_utf8();
    }
    if len == 0 || value == 0 {
        return None;
    }
    let rest = &inner[len..];
    let mark = rest.chars().next()?;
    let after = rest[mark.len_utf8()..].chars().next();
    let ok = if open > 0 {
        matches!(mark, '）' | ')')
    } else {
        match mark {
            // `1.5%` is a number, `1. 加强` and `1.加强` are items.
            '.' | '．' => after.is_none_or(|a| !a.is_ascii_digit() && a != '０'),
            '、' | ')' | '）' => true,
            _ => false,
        }
    };
    ok.then_some((value, open + len + mark.len_utf8()))
}

/// Brackets and quotes opened in `t` are all closed in it.
pub(crate) fn balanced(t: &str) -> bool {
    let mut depth = [0i32; 6];
    for c in t.chars() {
        let (k, d) = match c {
            '（' | '(' => (0, 1),
            '）' | ')' => (0, -1),
            '《' => (1, 1),
            '》' => (1, -1),
            '“' => (2, 1),
            '”' => (2, -1),
            '「' => (3, 1),
            '」' => (3, -1),
            '【' | '[' => (4, 1),
            '】' | ']' => (4, -1),
            '‘' => (5, 1),
            '’' => (5, -1),
            _ => continue,
        };
        depth[k] += d;
        if depth[k] < 0 {
            return false;
        }
    }
    depth.iter().all(|&d| d == 0) && t.matches('"').count().is_multiple_of(2)
}

/// Could this unfinished line be a section heading (`防灾减灾新进展`,
/// `唐山大地震（1976年）`, `Tangshan earthquake (1976)`): short, no clause
/// punctuation, every bracket and quote closed?
pub(crate) fn heading_shape(t: &str, lang: Lang) -> bool {
    let t = t.trim();
    // A Chinese section number (`二、主要任务`) is no enumeration.
    let t = match t.split_once('、') {
        Some((num, rest))
            if !num.is_empty() && num.chars().all(|c| "一二三四五六七八九十".contains(c)) =>
        {
            rest
        }
        _ => t,
    };
    let n = t.chars().count();
    let clause = match lang {
        Lang::Zh => t.contains(['，', '、', '；', '：', ',', ';', ':']),
        Lang::En => t.contains([';', ':']) || t.ends_with(','),
    };
    let short = match lang {
        Lang::Zh => n <= 30,
        Lang::En => n <= 100 && t.split_whitespace().count() <= 14,
    };
    n > 0 && short && !clause && balanced(t)
}

/// Does `next` (the start of a line) visibly continue the line before it:
/// it opens with punctuation no sentence starts with?
pub(crate) fn zh_continues(next: &str) -> bool {
    next.trim_start().starts_with([
        '，', '、', '；', '：', '。', '！', '？', '）', '」', '』', '”', '’', '》', '…', ',', '.',
        ';', ':', ')', '%', '％',
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        let cases: &[(Lang, &str, bool)] = &[
            (Lang::Zh, "（完）", true),
            (Lang::Zh, "（中新财经）", true),
            (Lang::Zh, "（路透社等）", true),
            (Lang::Zh, "（记者 张文静 马希平）", true),
            (
                Lang::Zh,
                "【环球时报驻比利时特派记者 刘栋 环球时报记者 倪浩】",
                true,
            ),
            (Lang::Zh, "新华社评论员", true),
            (Lang::Zh, "本报记者 王浩", true),
            (Lang::Zh, "新华社记者 李刚 摄", true),
            (Lang::Zh, "图源：《2024年全球风险报告》", true),
            (Lang::Zh, "图源：路透社", true),
            (Lang::Zh, "©1999-2024 中国新闻网 版权所有", true),
            (Lang::Zh, "2023-03-05 11:32:08 来源：新华网", true),
            (Lang::Zh, "《 人民日报 》（ 2023年09月27日 04 版）", true),
            (Lang::Zh, "图为火箭点火发射。", false),
            (Lang::Zh, "记者从应急管理部获悉，会议召开。", false),
            (Lang::Zh, "2023年5月12日，四川发生地震。", false),
            (Lang::Zh, "防灾减灾新进展", false),
            (Lang::Zh, "图为10月26日拍摄的发射现场", true),
            (Lang::Zh, "图为10月26日拍摄的发射现场。", false),
            (Lang::En, "Photo taken on Oct. 26 shows the launch", true),
            (Lang::En, "Photo taken on Oct. 26 shows the launch.", false),
            (Lang::En, "(End)", true),
            (Lang::En, "(over)", true),
            (Lang::En, "(Reuters)", true),
            (Lang::En, "(Xinhua/Li Gang)", true),
            (Lang::En, "2023-03-05 11:32:08 [Source: Xinhua]", true),
            (
                Lang::En,
                "Copyright ©1999-2024 Chinanews.com. All rights reserved.",
                true,
            ),
            (Lang::En, "COPYRIGHT 2024 XINHUA NEWS AGENCY", true),
            (Lang::En, "Xinhua News Agency. ALL Rights Reserved", true),
            (Lang::En, "All rights were reserved for the guests", false),
            (Lang::Zh, "2023年05月12日", true),
            (Lang::Zh, "2023年05月12日 11:32", true),
            (Lang::En, "202 delegates attended", false),
            (Lang::Zh, "20235年05月12日", false),
            (Lang::En, "Source: Global Risks Report 2024", true),
            (Lang::En, "(as he said.)", false),
            (Lang::En, "Tangshan earthquake (1976)", false),
            (Lang::En, "Source of the trouble was found.", false),
        ];
        for (lang, t, want) in cases {
            assert_eq!(is_furniture(t, *lang), *want, "{t}");
            // Either language's furniture is furniture to a reader that
            // does not know which.
            let either = is_furniture(t, Lang::Zh) || is_furniture(t, Lang::En);
            assert_eq!(is_furniture_any(t), either, "{t}");
        }
    }

    #[test]
    fn list_markers() {
        let cases: &[(&str, Option<u32>)] = &[
            ("1. 加强监测", Some(1)),
            ("2．切实", Some(2)),
            ("3、强化", Some(3)),
            ("（4）全力", Some(4)),
            ("(5) Make", Some(5)),
            ("12) Twelve", Some(12)),
            ("1.5%的增长", None),
            ("2023年", None),
            ("一、总体要求", None),
        ];
        for (t, want) in cases {
            assert_eq!(list_marker(t).map(|m| m.0), *want, "{t}");
        }
    }

    #[test]
    fn heading_shapes() {
        let cases: &[(Lang, &str, bool)] = &[
            (Lang::Zh, "防灾减灾新进展", true),
            (Lang::Zh, "唐山大地震（1976年）", true),
            (Lang::Zh, "受台风“杜", false),
            (Lang::Zh, "二、主要任务", true),
            (Lang::Zh, "帐篷、棉被", false),
            (
                Lang::Zh,
                "中方愿同各方一道，推动全球治理体系朝着更加公",
                false,
            ),
            (Lang::En, "Tangshan earthquake (1976)", true),
            (Lang::En, "The leaders agreed to,", false),
        ];
        for (lang, t, want) in cases {
            assert_eq!(heading_shape(t, *lang), *want, "{t}");
        }
    }
}
