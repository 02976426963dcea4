//! The boundary rules, one named function or table each, so that every rule
//! can be read and tested on its own.

use crate::lang::Lang;

/// Characters that end a Chinese sentence.
pub const ZH_TERMINALS: &[char] = &['。', '！', '？', '!', '?', '…'];

/// Characters that end an English sentence.
pub const EN_TERMINALS: &[char] = &['.', '!', '?'];

/// Closing quotes and brackets that stay with the sentence they follow.
pub const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '"', '\'', '】', '》', ']', '〕',
];

/// English abbreviations (lower case, without the final period) after which
/// a period does not end a sentence.
pub const EN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "jr", "sr", "hon",
    "rev", "u.s", "u.n", "u.k", "e.u", "e.g", "i.e", "a.m", "p.m", "fig", "vol", "vols", "approx",
    "dept", "est", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "p", "pp", "al", "cf", "ed", "eds", "govt", "assn", "bros", "messrs",
    "mme", "mlle", "pres", "supt", "ave", "blvd", "rd", "ph.d", "u.s.a",
];

/// Abbreviations that often end a sentence too; after them a period ends the
/// sentence when the next word is a common sentence opener.
const EN_TERMINAL_ABBREVIATIONS: &[&str] = &[
    "etc", "u.s", "u.n", "u.k", "a.m", "p.m", "inc", "ltd", "co", "corp", "u.s.a", "e.u",
];

const EN_SENTENCE_OPENERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "but",
    "and",
    "a",
    "an",
    "his",
    "her",
    "their",
    "our",
    "its",
    "there",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "however",
    "meanwhile",
    "also",
];

/// Does this text (a line or paragraph) end a sentence?
///
/// ```
/// use termalign::{Lang, segment::rules::ends_sentence};
/// assert!(ends_sentence("团结力量。", Lang::Zh));
/// assert!(ends_sentence("“上海精神”。”", Lang::Zh));
/// assert!(!ends_sentence("我们要巩固", Lang::Zh));
/// assert!(ends_sentence("He said \"yes.\"", Lang::En));
/// ```
pub fn ends_sentence(text: &str, lang: Lang) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    let terminals = match lang {
        Lang::Zh => ZH_TERMINALS,
        Lang::En => EN_TERMINALS,
    };
    t.ends_with(terminals)
}

/// Is this paragraph a dateline, the start of a news article's first
/// sentence (`新华社阿斯塔纳7月4日电`, `ASTANA, July 4 (Xinhua) --`)?
///
/// ```
/// use termalign::{Lang, segment::rules::is_dateline};
/// assert!(is_dateline("新华社阿斯塔纳7月4日电 当地时间", Lang::Zh));
/// assert!(is_dateline("新华社北京7月5日电（记者张三）", Lang::Zh));
/// assert!(is_dateline("ASTANA, July 4 (Xinhua) -- Chinese", Lang::En));
/// assert!(!is_dateline("习近平指出，", Lang::Zh));
/// ```
pub fn is_dateline(text: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => {
            let head: String = text.chars().take(40).collect();
            match head.find("日电") {
                Some(i) => {
                    let before = &head[..i];
                    before.contains('月')
                        && (before.starts_with("新华社")
                            || before.starts_with("中新社")
                            || before.starts_with("本报")
                            || before.starts_with("人民网"))
                }
                None => false,
            }
        }
        Lang::En => {
            // PLACE, Month Day (Agency) --
            let Some((place, rest)) = text.split_once(", ") else {
                return false;
            };
            let place_ok = !place.is_empty()
                && place.len() <= 40
                && place
                    .chars()
                    .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
            let head: String = rest.chars().take(40).collect();
            place_ok && head.contains(')') && (head.contains("--") || head.contains('—'))
        }
    }
}

/// Could this single line be a headline (short, no clause punctuation at
/// its end)?
pub fn could_be_title(text: &str, lang: Lang) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    let bad_end = t.ends_with(['，', '、', '：', '；', ',', ':', ';']);
    match lang {
        Lang::Zh => n > 0 && n <= 60 && !bad_end,
        Lang::En => n > 0 && n <= 200 && !bad_end,
    }
}

/// Byte offsets just after each sentence end inside one joined block.
/// The block's end is not included unless a rule fires there.
pub fn boundaries(text: &str, lang: Lang) -> Vec<usize> {
    match lang {
        Lang::Zh => zh_boundaries(text),
        Lang::En => en_boundaries(text),
    }
}

/// Skip `set` characters from `i`, returning the byte offset after them.
fn skip_chars(text: &str, mut i: usize, set: &[char]) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if set.contains(&c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn zh_boundaries(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut title_depth = 0usize; // inside 《…》 no sentence ends
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            c if ZH_TERMINALS.contains(&c) && title_depth == 0 => {
                let after_terms = skip_chars(text, i, ZH_TERMINALS);
                // A lone '…' (not '……') is a pause, not an end.
                if c == '…' && text[i..after_terms].chars().count() < 2 {
                    continue;
                }
                let end = skip_chars(
                    text,
                    after_terms,
                    &['”', '’', '」', '』', '）', ')', '"', '\'', '】'],
                );
                let end = skip_chars(text, end, &[' ', '\t']);
                if end < text.len() {
                    out.push(end);
                }
                while iter.peek().is_some_and(|&(j, _)| j < end) {
                    iter.next();
                }
            }
            _ => {}
        }
    }
    out
}

fn en_boundaries(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if !matches!(c, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        let after_terms = skip_chars(text, i, &['.', '!', '?']);
        let after_closers = skip_chars(text, after_terms, CLOSERS);
        let after_space = skip_chars(text, after_closers, &[' ', '\t', '\n']);
        if after_space == after_closers || after_space >= text.len() {
            i = after_terms;
            continue;
        }
        if c == b'.' && after_terms - i == 1 && !period_ends_sentence(text, i, after_space) {
            i = after_terms;
            continue;
        }
        if !starts_sentence(&text[after_space..]) {
            i = after_terms;
            continue;
        }
        out.push(after_closers);
        i = after_space;
    }
    out
}

/// The word before byte `dot` (letters and inner periods), lower-cased.
fn word_before(text: &str, dot: usize) -> String {
    let start = text[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    text[start..dot].to_lowercase()
}

fn period_ends_sentence(text: &str, dot: usize, next: usize) -> bool {
    let word = word_before(text, dot);
    let next_word: String = text[next..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    // Initials: a single capital letter (J. R. R. Tolkien).
    let is_initial = word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic());
    if is_initial {
        return false;
    }
    if EN_ABBREVIATIONS.contains(&word.as_str()) {
        return EN_TERMINAL_ABBREVIATIONS.contains(&word.as_str())
            && EN_SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    // Acronyms with inner periods (U.S.A., a.k.a.) behave like abbreviations.
    if word.contains('.') {
        return EN_SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    true
}

fn starts_sentence(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic() && !c.is_ascii_punctuation()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for e in boundaries(text, lang) {
            out.push(text[start..e].trim());
            start = e;
        }
        out.push(text[start..].trim());
        out
    }

    #[test]
    fn zh_rules() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("full stop", "第一句。第二句。", &["第一句。", "第二句。"]),
            (
                "closing quote stays",
                "他说：“好。”然后走了。",
                &["他说：“好。”", "然后走了。"],
            ),
            (
                "combined marks",
                "真的吗？！是的。",
                &["真的吗？！", "是的。"],
            ),
            (
                "book title",
                "去看《摔跤吧！爸爸》好吗？好！",
                &["去看《摔跤吧！爸爸》好吗？", "好！"],
            ),
            (
                "ellipsis",
                "他想了想……没有说话。",
                &["他想了想……", "没有说话。"],
            ),
            (
                "no break on semicolon",
                "甲；乙，丙、丁：戊。",
                &["甲；乙，丙、丁：戊。"],
            ),
            (
                "decimal",
                "增长5.2%。SCO成立。",
                &["增长5.2%。", "SCO成立。"],
            ),
        ];
        for (rule, text, want) in cases {
            assert_eq!(split(text, Lang::Zh), *want, "{rule}");
        }
    }

    #[test]
    fn en_rules() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "simple",
                "Hello World. My name is Jonas.",
                &["Hello World.", "My name is Jonas."],
            ),
            (
                "title abbreviation",
                "Mr. Smith came. He sat.",
                &["Mr. Smith came.", "He sat."],
            ),
            (
                "initials",
                "J. R. R. Tolkien wrote. Fine.",
                &["J. R. R. Tolkien wrote.", "Fine."],
            ),
            (
                "acronym mid-sentence",
                "The U.N. Security Council met.",
                &["The U.N. Security Council met."],
            ),
            (
                "acronym at end",
                "He went to the U.S. The trip was long.",
                &["He went to the U.S.", "The trip was long."],
            ),
            (
                "quote end",
                "He said \"yes.\" Then left.",
                &["He said \"yes.\"", "Then left."],
            ),
            (
                "decimal",
                "It grew 5.2 percent. Good.",
                &["It grew 5.2 percent.", "Good."],
            ),
            (
                "lowercase continues",
                "It costs approx. ten dollars.",
                &["It costs approx. ten dollars."],
            ),
        ];
        for (rule, text, want) in cases {
            assert_eq!(split(text, Lang::En), *want, "{rule}");
        }
    }
}
