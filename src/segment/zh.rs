//! Chinese sentence boundaries: end marks and their runs, ellipses,
//! closing quotes and brackets, `《…》` titles, and datelines.

use std::ops::Range;

use crate::lang::is_cjk;

use super::furniture::list_marker;
use super::rules::{CLOSERS, skip_ws};

/// Characters that end a Chinese sentence (the ellipsis `…` only when
/// doubled, `……`, see [`zh_boundaries`]).
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

/// How far (bytes) a `《` may stand before a `。` inside the same title.
const MAX_TITLE_STOP_BYTES: usize = 30;

/// How far (bytes) the closer of a mid-sentence `（` or `「` is looked for.
const MAX_BRACKET_BYTES: usize = 600;

/// Verbs that report speech: after them (`报告指出……`, `他表示，…差距……`)
/// an ellipsis marks words left out of what is reported, not the end of
/// the sentence.
const ZH_REPORTING: &[&str] = &[
    "指出", "表示", "认为", "强调", "说", "称", "介绍", "透露", "提到", "写道", "坦言", "直言",
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
            // A title holds a 。 only close to its start (`《论语。学而》`):
            // a stray 《 further back cannot swallow the paragraph.
            0x82 => open.retain(|&s| i - s <= MAX_TITLE_STOP_BYTES),
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
    let mut out: Vec<usize> = Vec::new();
    let mut in_ascii_quote = false;
    // A bracket opened mid-sentence: (closer offset, whether the end mark
    // right before the closer is kept inside too, as for `「…」`).
    let mut guard: Option<(usize, bool)> = None;
    // The list item number expected next (`1. …；2. …`).
    let mut next_item: Option<u32> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes start a character the rules look at: ASCII
        // `! ? . " (` and the lead byte of `… ⋯` (E2), `。「` (E3),
        // `！？｡＂（；：` (EF). Han characters (E4–E9) and the rest are
        // skipped a byte at a time.
        if !matches!(
            bytes[i],
            b'!' | b'?' | b'.' | b'"' | b'(' | 0xE2 | 0xE3 | 0xEF
        ) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        if c == '"' || c == '＂' {
            in_ascii_quote = !in_ascii_quote;
        }
        let sent_start = out.last().copied().unwrap_or(0);
        if matches!(c, '（' | '(' | '「') && guard.is_none_or(|(g, _)| g < i) {
            let before = text[sent_start..i].trim_end();
            let mid_sentence = !before.is_empty() && !before.ends_with(['：', ':']);
            if mid_sentence && let Some(close) = matching_closer(text, i, c) {
                guard = Some((close, c == '「'));
            }
            i += c.len_utf8();
            continue;
        }
        if matches!(c, '；' | '：') {
            // `：1. …；2. …；3. …`: each numbered item is a sentence.
            let at = i + c.len_utf8();
            let next = skip_ws(text, at);
            if let Some((n, len)) = list_marker(&text[next..]) {
                let starts_list = c == '：'
                    && n == 1
                    && text[next + len..].char_indices().take(400).any(|(k, _)| {
                        list_marker(&text[next + len + k..]).is_some_and(|m| m.0 == 2)
                            && text[..next + len + k].trim_end().ends_with('；')
                    });
                if starts_list || c == '；' && next_item == Some(n) {
                    out.push(at);
                    next_item = Some(n + 1);
                }
            }
            i = at;
            continue;
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
        // Inside a bracket opened mid-sentence: no end, except an end mark
        // right before a `）` (`决议（全文见附件。）各方…`).
        let in_bracket =
            guard.is_some_and(|(close, whole)| i < close && (whole || skip_run(text, i) != close));
        let latin_bang =
            matches!(c, '!' | '?') && prev().is_some_and(|p| p.is_ascii_alphanumeric());
        // The whole run of end marks: `？！`, `……`, `。。。`, `...`.
        let run_start = i;
        let run_end = skip_run(text, i);
        let run = &text[i..run_end];
        let only_ellipsis = run.chars().all(|c| ZH_ELLIPSIS.contains(&c) || c == '.');
        let short_ellipsis = only_ellipsis
            && run.chars().filter(|c| ZH_ELLIPSIS.contains(c)).count() < 2
            && run.chars().filter(|&c| c == '.').count() < 3;
        i = run_end;
        if in_title || in_bracket || latin_bang || short_ellipsis {
            continue;
        }
        let end = skip_zh_closers(text, run_end, &mut in_ascii_quote);
        let next = skip_ws(text, end);
        if next >= text.len() {
            break;
        }
        let follower = text[next..].chars().next().expect("in bounds");
        // `……，` and `能源、投资……等领域`: the list or clause goes on; so
        // does a sentence whose `……` closes an enumeration (`帐篷、棉被……
        // 各类物资`) or leaves words out of reported speech (`报告指出……`).
        if ZH_CONTINUERS.contains(&follower)
            || only_ellipsis
                && (follower == '等'
                    || end == run_end && ellipsis_inside(&text[sent_start..run_start]))
        {
            i = end;
            continue;
        }
        out.push(end);
        i = end;
    }
    out
}

/// The offset of the closer matching the opener `open` at `i` (nesting
/// counted), if one comes within [`MAX_BRACKET_BYTES`].
fn matching_closer(text: &str, i: usize, open: char) -> Option<usize> {
    let close = match open {
        '（' => '）',
        '(' => ')',
        _ => '」',
    };
    let limit = (i + MAX_BRACKET_BYTES).min(text.len());
    let mut depth = 0usize;
    for (k, c) in text[i..].char_indices() {
        if i + k >= limit {
            break;
        }
        if c == open || open != '「' && matches!(c, '（' | '(') {
            depth += 1;
        } else if c == close || open != '「' && matches!(c, '）' | ')') {
            depth -= 1;
            if depth == 0 {
                return Some(i + k);
            }
        }
    }
    None
}

/// Does a `……` after `before` (the sentence so far) sit inside the
/// sentence: closing an enumeration in its last clause, or right after a
/// reporting verb, or within reported speech (`他表示，…`)?
fn ellipsis_inside(before: &str) -> bool {
    let clause_at = before
        .rfind(['，', '；', '：', ',', ';', ':'])
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(0, char::len_utf8)
        });
    let clause = &before[clause_at..];
    if clause.contains('、') {
        return true;
    }
    if ZH_REPORTING.iter().any(|v| before.ends_with(v)) {
        return true;
    }
    // Reported speech without quotes: `负责人表示，…`.
    !before.contains(['“', '「', '"'])
        && ZH_REPORTING
            .iter()
            .any(|v| before.contains(&format!("{v}，")))
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
    fn zh_brackets_opened_mid_sentence() {
        check(
            Lang::Zh,
            &[
                (
                    "。 inside （…） mid-sentence",
                    "一季度增长4.5%（按不变价格计算。下同），二季度增长6.3%。好。",
                    &[
                        "一季度增长4.5%（按不变价格计算。下同），二季度增长6.3%。",
                        "好。",
                    ],
                ),
                (
                    "half-width brackets too",
                    "增长4.5%(按不变价格计算。下同)，好。",
                    &["增长4.5%(按不变价格计算。下同)，好。"],
                ),
                (
                    "end mark right before ） still ends",
                    "会议通过决议（全文见附件。）各方表示支持。",
                    &["会议通过决议（全文见附件。）", "各方表示支持。"],
                ),
                (
                    "「…」 mid-sentence holds whole sentences",
                    "入口处，「和而不同。美美与共。」八个大字格外醒目。好。",
                    &["入口处，「和而不同。美美与共。」八个大字格外醒目。", "好。"],
                ),
                (
                    "「…」 opening a sentence is a quotation",
                    "「好。」他說。",
                    &["「好。」", "他說。"],
                ),
                (
                    "「…」 after a colon splits like “…”",
                    "他说：「甲。乙。」丙。",
                    &["他说：「甲。", "乙。」", "丙。"],
                ),
                (
                    "unclosed （ protects nothing",
                    "他说（甲。乙。",
                    &["他说（甲。", "乙。"],
                ),
                (
                    "。 inside a short 《…》",
                    "他引用了《论语。学而》中的一句话。大家鼓掌。",
                    &["他引用了《论语。学而》中的一句话。", "大家鼓掌。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_ellipsis_in_context() {
        check(
            Lang::Zh,
            &[
                (
                    "narrative pause ends",
                    "大家静静地等待着……会议终于开始了。",
                    &["大家静静地等待着……", "会议终于开始了。"],
                ),
                (
                    "after a reporting verb",
                    "报告指出……这一趋势仍将持续。",
                    &["报告指出……这一趋势仍将持续。"],
                ),
                (
                    "closing an enumeration",
                    "帐篷、棉被、取暖炉……各类物资运抵灾区。",
                    &["帐篷、棉被、取暖炉……各类物资运抵灾区。"],
                ),
                (
                    "inside reported speech",
                    "负责人表示，仅靠补贴难以弥补差距……真正的瓶颈在于人才。",
                    &["负责人表示，仅靠补贴难以弥补差距……真正的瓶颈在于人才。"],
                ),
                (
                    "closing quote after the ellipsis ends",
                    "他说：“我们一定会……”话还没说完。",
                    &["他说：“我们一定会……”", "话还没说完。"],
                ),
            ],
        );
    }

    #[test]
    fn zh_numbered_items() {
        check(
            Lang::Zh,
            &[
                (
                    "items after ：",
                    "要求：1. 加强监测；2. 转移群众；3. 严防垮坝。",
                    &["要求：", "1. 加强监测；", "2. 转移群众；", "3. 严防垮坝。"],
                ),
                (
                    "fullwidth period, no space",
                    "要求：1．加强监测；2．转移群众。",
                    &["要求：", "1．加强监测；", "2．转移群众。"],
                ),
                (
                    "a lone 1. is no list",
                    "比分为：1. 然后继续；好。",
                    &["比分为：1. 然后继续；好。"],
                ),
                (
                    "out of sequence is prose",
                    "要求：1. 加强监测；3. 转移群众。",
                    &["要求：1. 加强监测；3. 转移群众。"],
                ),
                (
                    "一是…；二是… are not markers",
                    "一是加强合作；二是深化往来。",
                    &["一是加强合作；二是深化往来。"],
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
