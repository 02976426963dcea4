//! Chinese sentence boundaries: end marks and their runs, ellipses,
//! closing quotes and brackets, `《…》` titles, and datelines.

use std::ops::Range;

use crate::lang::is_cjk;

use super::rules::{CLOSERS, skip_ws};

/// Characters that end a Chinese sentence (the ellipsis `…` only when
/// doubled, `……`, see `zh_boundaries`).
pub const ZH_TERMINALS: &[char] = &['。', '｡', '！', '？', '!', '?', '…', '⋯'];

/// Ellipsis characters: a run of two or more ends a Chinese sentence.
const ZH_ELLIPSIS: &[char] = &['…', '⋯'];

/// Chinese punctuation after which a sentence goes on: a `……` or `！`
/// followed by one of these (possibly after a closing quote) is not an end.
const ZH_CONTINUERS: &[char] = &['，', '、', '；', '：', ',', ';', ':'];

fn is_zh_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇零一二三四五六七八九十".contains(c)
}

/// `AGENCY+PLACE M月D日电` (or `讯`) within the first 40 characters: Han
/// characters only before the date, one or two digits for month and day.
pub(super) fn is_zh_dateline(text: &str) -> bool {
    let head: Vec<char> = text.trim_start().chars().take(40).collect();
    let Some(dian) = head
        .windows(2)
        .position(|w| w[0] == '日' && (w[1] == '电' || w[1] == '讯'))
    else {
        return false;
    };
    // Walk back over the day digits, 月, the month digits.
    let mut i = dian;
    let day_end = i;
    while i > 0 && is_zh_digit(head[i - 1]) {
        i -= 1;
    }
    if i == day_end || day_end - i > 3 || i == 0 || head[i - 1] != '月' {
        return false;
    }
    i -= 1;
    let month_end = i;
    while i > 0 && is_zh_digit(head[i - 1]) {
        i -= 1;
    }
    if i == month_end || month_end - i > 3 {
        return false;
    }
    // The agency and place: 2 to 20 Han characters (or `·` in foreign names).
    let prefix = &head[..i];
    let prefix_ok = (2..=20).contains(&prefix.len())
        && prefix
            .iter()
            .all(|&c| crate::lang::is_han(c) || c == '·' || c == '•');
    // `7月4日电视台` is not a dateline: after 电 comes a space or a bracket,
    // unless a known agency opens the line.
    let after = head.get(dian + 2).copied();
    let known_agency = ZH_AGENCIES
        .iter()
        .any(|a| prefix.iter().collect::<String>().starts_with(a));
    prefix_ok && (known_agency || after.is_none_or(|c| !crate::lang::is_han(c)))
}

/// News agencies and papers whose datelines open Chinese articles.
const ZH_AGENCIES: &[&str] = &[
    "新华社",
    "新华网",
    "中新社",
    "中新网",
    "人民网",
    "本报",
    "央视网",
    "央视新闻",
    "光明网",
    "中国日报网",
    "环球网",
    "国际在线",
    "中国网",
    "澎湃新闻",
];

/// Outermost matched `《…》` pairs: no sentence ends inside a book or
/// document title (`《摔跤吧！爸爸》`). An unmatched `《` protects nothing,
/// so one stray bracket cannot swallow a paragraph.
pub fn zh_title_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let b = text.as_bytes();
    // 《 》 。 are E3 80 8A, E3 80 8B, E3 80 82: look only at E3 80 xx.
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] != 0xE3 || b[i + 1] != 0x80 {
            i += 1;
            continue;
        }
        match b[i + 2] {
            0x8A => open.push(i),
            0x8B => {
                if let Some(s) = open.pop()
                    && open.is_empty()
                {
                    spans.push(s..i + 3);
                }
            }
            // A title never spans a sentence-final 。: reset on it.
            0x82 => open.clear(),
            _ => {}
        }
        i += 3;
    }
    spans
}

/// Chinese: a sentence ends after 。！？ (and runs of them, `？！`), or after
/// an ellipsis `……`, with any closing quotes or brackets that follow. Not
/// inside `《…》`; not when a comma-like mark follows (`……，`); a
/// half-width `!` or `?` right after a Latin letter or digit (`Yahoo!`) is
/// part of a name.
pub(super) fn zh_boundaries(text: &str) -> Vec<usize> {
    let titles = if text.contains('《') {
        zh_title_spans(text)
    } else {
        Vec::new()
    };
    let mut next_title = 0;
    let mut out = Vec::new();
    let mut in_ascii_quote = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes start a character the rules look at: ASCII
        // `! ? . "` and the lead byte of `… ⋯` (E2), `。` (E3), `！？｡＂` (EF).
        // Han characters (E4–E9) and the rest are skipped a byte at a time.
        if !matches!(bytes[i], b'!' | b'?' | b'.' | b'"' | 0xE2 | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        if c == '"' || c == '＂' {
            in_ascii_quote = !in_ascii_quote;
        }
        let prev = || text[..i].chars().next_back();
        let end_mark =
            ZH_TERMINALS.contains(&c) || c == '.' && starts_ascii_ellipsis(text, i, prev());
        if !end_mark {
            i += c.len_utf8();
            continue;
        }
        while next_title < titles.len() && titles[next_title].end <= i {
            next_title += 1;
        }
        let in_title = titles.get(next_title).is_some_and(|t| t.start < i);
        let latin_bang =
            matches!(c, '!' | '?') && prev().is_some_and(|p| p.is_ascii_alphanumeric());
        // The whole run of end marks: `？！`, `……`, `。。。`, `...`.
        let run_end = skip_run(text, i);
        let run = &text[i..run_end];
        let only_ellipsis = run.chars().all(|c| ZH_ELLIPSIS.contains(&c) || c == '.');
        let short_ellipsis = only_ellipsis
            && run.chars().filter(|c| ZH_ELLIPSIS.contains(c)).count() < 2
            && run.chars().filter(|&c| c == '.').count() < 3;
        i = run_end;
        if in_title || latin_bang || short_ellipsis {
            continue;
        }
        let end = skip_zh_closers(text, run_end, &mut in_ascii_quote);
        let next = skip_ws(text, end);
        if next >= text.len() {
            break;
        }
        let follower = text[next..].chars().next().expect("in bounds");
        // `……，` and `能源、投资……等领域`: the list or clause goes on.
        if ZH_CONTINUERS.contains(&follower) || only_ellipsis && follower == '等' {
            i = end;
            continue;
        }
        out.push(end);
        i = end;
    }
    out
}

/// `...` after a CJK character, a scraped stand-in for `……`.
fn starts_ascii_ellipsis(text: &str, i: usize, prev: Option<char>) -> bool {
    text[i..].starts_with("...") && prev.is_some_and(is_cjk)
}

fn skip_run(text: &str, i: usize) -> usize {
    let mut j = i;
    while let Some(c) = text[j..].chars().next() {
        if ZH_TERMINALS.contains(&c) || c == '.' {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

/// Closing quotes and brackets after an end mark. A straight `"` is a
/// closer only when a quotation is open (the count of `"` so far is odd);
/// otherwise it opens the next sentence.
fn skip_zh_closers(text: &str, mut i: usize, in_quote: &mut bool) -> usize {
    while let Some(c) = text[i..].chars().next() {
        match c {
            '"' | '＂' if *in_quote => *in_quote = false,
            '"' | '＂' | '\'' => break,
            c if CLOSERS.contains(&c) => {}
            _ => break,
        }
        i += c.len_utf8();
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::segment::rules::table::check;

    #[test]
    fn zh_end_marks() {
        check(
            Lang::Zh,
            &[
                ("full stop", "第一句。第二句。", &["第一句。", "第二句。"]),
                ("question", "你好吗？我很好。", &["你好吗？", "我很好。"]),
                ("exclamation", "太好了！走吧。", &["太好了！", "走吧。"]),
                (
                    "combined marks",
                    "真的吗？！是的。",
                    &["真的吗？！", "是的。"],
                ),
                (
                    "half-width marks",
                    "真的吗?!是的。",
                    &["真的吗?!", "是的。"],
                ),
                ("half-width ideographic stop", "甲｡乙｡", &["甲｡", "乙｡"]),
                (
                    "no break on ；、，：",
                    "甲；乙，丙、丁：戊。",
                    &["甲；乙，丙、丁：戊。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_quotes_and_brackets() {
        check(
            Lang::Zh,
            &[
                (
                    "closing quote stays",
                    "他说：“好。”然后走了。",
                    &["他说：“好。”", "然后走了。"],
                ),
                (
                    "closing single quote",
                    "“他说‘好。’”我笑了。",
                    &["“他说‘好。’”", "我笑了。"],
                ),
                ("corner quotes", "「好。」他說。", &["「好。」", "他說。"]),
                ("closing bracket", "（完。）下文。", &["（完。）", "下文。"]),
                (
                    "opening quote begins next",
                    "完了。“新的”开始。",
                    &["完了。", "“新的”开始。"],
                ),
                (
                    "straight quotes by parity",
                    "他说：\"好。\"然后。\"新\"句。",
                    &["他说：\"好。\"", "然后。", "\"新\"句。"],
                ),
                (
                    "comma after quote continues",
                    "“走吧！”，他说。",
                    &["“走吧！”，他说。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_titles_in_book_brackets() {
        check(
            Lang::Zh,
            &[
                (
                    "book title",
                    "去看《摔跤吧！爸爸》好吗？好！",
                    &["去看《摔跤吧！爸爸》好吗？", "好！"],
                ),
                (
                    "nested titles",
                    "读《论〈摔跤吧！〉》。好。",
                    &["读《论〈摔跤吧！〉》。", "好。"],
                ),
                (
                    "unmatched bracket protects nothing",
                    "他说《甲！乙。丙。",
                    &["他说《甲！", "乙。", "丙。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_ellipsis() {
        check(
            Lang::Zh,
            &[
                (
                    "ellipsis ends",
                    "他想了想……没有说话。",
                    &["他想了想……", "没有说话。"],
                ),
                (
                    "single … pauses",
                    "他想了想…没有说话。",
                    &["他想了想…没有说话。"],
                ),
                (
                    "ellipsis then comma",
                    "苹果、香蕉……，都有。",
                    &["苹果、香蕉……，都有。"],
                ),
                (
                    "ellipsis with stop",
                    "等等……。下一句。",
                    &["等等……。", "下一句。"],
                ),
                (
                    "ascii dots after Han",
                    "等等...下一句。",
                    &["等等...", "下一句。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_numbers_and_latin() {
        check(
            Lang::Zh,
            &[
                (
                    "decimal",
                    "增长5.2%。SCO成立。",
                    &["增长5.2%。", "SCO成立。"],
                ),
                (
                    "latin exclamation",
                    "他在Yahoo!工作。好。",
                    &["他在Yahoo!工作。", "好。"],
                ),
                (
                    "covid",
                    "COVID-19疫情。U.S.方面。",
                    &["COVID-19疫情。", "U.S.方面。"],
                ),
            ],
        );
    }

    #[test]
    fn title_spans_match_brackets() {
        let t = "《甲》和《乙《丙》》";
        let spans: Vec<&str> = zh_title_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(spans, ["《甲》", "《乙《丙》》"]);
    }
}
