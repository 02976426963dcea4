//! Numbers and dates, normalised so that the same quantity gets the same
//! key in Chinese and English: `7月4日` and `July 4` → `date:7-4`;
//! `1000个` and `1,000` → `1000`; `第二十四次` and `24th` → `24`;
//! `2024至2025年` and `2024-2025` → `2024-2025`; `5.2%` and `5.2 percent`
//! → `5.2%`; `1000万` and `10 million` → `10000000`.
//!
//! Both the aligner (as anchors) and `check` (the `number-mismatch` rule)
//! use these keys. Extraction is deliberately conservative where a numeral
//! is usually not a quantity: a lone Han `一` (一带一路, 统一), English
//! `one`, and a lone Han numeral not followed by a measure word (十字路口)
//! yield nothing, so that a translation without the number is not flagged.

use serde::Serialize;

use crate::lang::{Lang, fold_width};
use crate::span::Span;

/// A number or date found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberMention {
    /// The canonical key, equal across languages for the same quantity.
    pub key: String,
    /// Where it was found.
    pub span: Span,
}

/// Find the numbers and dates in `text`.
pub fn extract(text: &str, lang: Lang) -> Vec<NumberMention> {
    // Script-folded too: traditional `萬`, `億`, `兩` read as `万`, `亿`, `两`.
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, crate::script::fold_char(fold_width(c))))
        .collect();
    let raw = match lang {
        Lang::Zh => zh::extract(&chars),
        Lang::En => en::extract(&chars),
    };
    raw.into_iter()
        .map(|(key, cs, ce)| {
            let byte = |ci: usize| chars.get(ci).map(|&(b, _)| b).unwrap_or(text.len());
            NumberMention {
                key,
                span: Span {
                    bytes: byte(cs)..byte(ce),
                    chars: cs..ce,
                },
            }
        })
        .collect()
}

/// The keys only, sorted (a multiset), for comparing two sides.
pub fn keys(text: &str, lang: Lang) -> Vec<String> {
    let mut k: Vec<String> = extract(text, lang).into_iter().map(|m| m.key).collect();
    k.sort();
    k
}

/// Canonical decimal form: no thousands separators, no trailing zeros.
fn canon(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e18 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Parse a run of ASCII digits with optional thousands commas and one
/// decimal point starting at `i`. Returns (value, text, end).
fn arabic(chars: &[(usize, char)], i: usize) -> Option<(f64, String, usize)> {
    let mut j = i;
    let mut s = String::new();
    let mut seen_dot = false;
    while j < chars.len() {
        let c = chars[j].1;
        let next_digit = chars.get(j + 1).is_some_and(|&(_, d)| d.is_ascii_digit());
        if c.is_ascii_digit() {
            s.push(c);
        } else if c == ',' && next_digit && !seen_dot && !s.is_empty() {
            // thousands separator: exactly three digits must follow
            let three = (1..=3).all(|k| chars.get(j + k).is_some_and(|&(_, d)| d.is_ascii_digit()))
                && !chars.get(j + 4).is_some_and(|&(_, d)| d.is_ascii_digit());
            if !three {
                break;
            }
        } else if c == '.' && next_digit && !seen_dot && !s.is_empty() {
            seen_dot = true;
            s.push('.');
        } else {
            break;
        }
        j += 1;
    }
    if s.is_empty() {
        return None;
    }
    Some((s.parse().ok()?, s, j))
}

mod zh {
    use super::{arabic, canon};

    const MEASURE_WORDS: &str = "个年月日号次项点大名位国届倍岁天种条家股方周层部批轮场款架艘座所张本篇份类组支件则句段节级期亿万千百";

    /// Set phrases whose numerals are not quantities.
    const IDIOMS: &[&str] = &[
        "一带一路",
        "一脉相承",
        "一系列",
        "统一",
        "唯一",
        "一体化",
        "一致",
        "一道",
        "一起",
        "一直",
        "一些",
        "一切",
        "一样",
        "千方百计",
        "四面八方",
        "五湖四海",
        "万众一心",
        "一心一意",
        "三心二意",
        "七嘴八舌",
        "九死一生",
        "百花齐放",
        "千家万户",
        "十字路口",
        "十分",
        "万物",
        "一国两制",
    ];

    fn digit(c: char) -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }

    fn unit(c: char) -> Option<u64> {
        Some(match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        })
    }

    fn is_numeral(c: char) -> bool {
        digit(c).is_some() || unit(c).is_some() || c == '万' || c == '亿'
    }

    /// Value of a Han numeral string: 二十四 → 24, 二〇二四 → 2024,
    /// 一千 → 1000, 三万五千 → 35000; None for an approximation such as
    /// 五六 (five or six) or 三四十 (thirty or forty).
    pub(super) fn han_value(s: &[char]) -> Option<u64> {
        if s.is_empty() {
            return None;
        }
        let zero = |c: char| digit(c) == Some(0);
        // Digit-by-digit form (二〇二四, 一九九七): three digits or more, or
        // with a zero.
        if s.len() > 1
            && s.iter().all(|&c| digit(c).is_some())
            && (s.len() > 2 || s.iter().any(|&c| zero(c)))
        {
            return s
                .iter()
                .try_fold(0u64, |acc, &c| Some(acc * 10 + digit(c)?));
        }
        // Otherwise two non-zero digits side by side are an approximation.
        if s.windows(2).any(two_nonzero_digits) {
            return None;
        }
        let (mut total, mut section, mut num) = (0u64, 0u64, 0u64);
        for &c in s {
            if let Some(d) = digit(c) {
                num = d;
            } else if let Some(u) = unit(c) {
                section += if num == 0 { 1 } else { num } * u;
                num = 0;
            } else if c == '万' || c == '亿' {
                let scale = if c == '万' { 10_000 } else { 100_000_000 };
                total = (total + section + num) * scale;
                section = 0;
                num = 0;
            } else {
                return None;
            }
        }
        Some(total + section + num)
    }

    fn in_idiom(chars: &[(usize, char)], i: usize) -> bool {
        IDIOMS.iter().any(|idiom| {
            let n = idiom.chars().count();
            (i.saturating_sub(n - 1)..=i).any(|s| {
                s + n <= chars.len() && chars[s..s + n].iter().map(|&(_, c)| c).eq(idiom.chars())
            })
        })
    }

    /// Two Han digits, neither zero (五六, 十二三's 二三): side by side
    /// outside a digit-by-digit year they make an approximation.
    fn two_nonzero_digits(w: &[char]) -> bool {
        w.iter().all(|&c| digit(c).is_some_and(|d| d > 0))
    }

    /// The run of Han numerals from `i`, as chars, and where it ends.
    fn han_run(chars: &[(usize, char)], i: usize) -> (Vec<char>, usize) {
        let mut j = i;
        while j < chars.len() && is_numeral(chars[j].1) {
            j += 1;
        }
        (chars[i..j].iter().map(|&(_, c)| c).collect(), j)
    }

    /// A Han approximation at `i` (two non-zero digits side by side, not
    /// a digit-by-digit year): its two readings and where it ends, e.g.
    /// 十二三 → 12, 13; 三四十 → 30, 40.
    fn approximation(chars: &[(usize, char)], i: usize) -> Option<(u64, u64, usize)> {
        if !is_numeral(chars[i].1) {
            return None;
        }
        let (run, end) = han_run(chars, i);
        if han_value(&run).is_some() {
            return None;
        }
        let k = run.windows(2).position(two_nonzero_digits)?;
        let without = |drop: usize| -> Option<u64> {
            let mut r = run.clone();
            r.remove(drop);
            han_value(&r)
        };
        let (a, b) = (without(k + 1)?, without(k)?);
        (a < b).then_some((a, b, end))
    }

    /// A number at `i` (Arabic or Han): (value, is_integer_text, end).
    fn number_at(chars: &[(usize, char)], i: usize) -> Option<(f64, usize, bool)> {
        let c = chars[i].1;
        if c.is_ascii_digit() {
            let (v, _, end) = arabic(chars, i)?;
            return Some((v, end, false));
        }
        if !is_numeral(c) {
            return None;
        }
        let (run, j) = han_run(chars, i);
        // 万/亿 alone (without a numeral before them) are not numbers here.
        if run.iter().all(|&c| c == '万' || c == '亿') {
            return None;
        }
        let v = han_value(&run)?;
        Some((v as f64, j, true))
    }

    pub(super) fn extract(chars: &[(usize, char)]) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let at = |k: usize| chars.get(k).map(|&(_, c)| c);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            let starts =
                c.is_ascii_digit() || (is_numeral(c) && !(i > 0 && is_numeral(chars[i - 1].1)));
            if !starts {
                i += 1;
                continue;
            }
            // An approximation (五六个, 十二三岁, 三四十人) says two numbers, as
            // its English ("five or six") does.
            if let Some((a, b, end)) = approximation(chars, i) {
                out.push((canon(a as f64), i, end));
                out.push((canon(b as f64), i, end));
                i = end;
                continue;
            }
            let Some((mut value, mut end, han)) = number_at(chars, i) else {
                i += 1;
                continue;
            };
            let start = i;
            let single_han = han && end - start == 1;
            let ordinal = start > 0 && at(start - 1) == Some('第');
            let percent_prefix = start >= 3
                && chars[start - 3..start]
                    .iter()
                    .map(|&(_, c)| c)
                    .eq("百分之".chars());
            // Scale: 1000万, 3.5亿.
            match at(end) {
                Some('万') if !han => {
                    value *= 10_000.0;
                    end += 1;
                }
                Some('亿') if !han => {
                    value *= 100_000_000.0;
                    end += 1;
                }
                _ => {}
            }
            // Decimal in Han: 五点二 after 百分之.
            if percent_prefix
                && han
                && at(end) == Some('点')
                && let Some((frac, fend, true)) = (end + 1 < chars.len())
                    .then(|| number_at(chars, end + 1))
                    .flatten()
            {
                let digits = fend - end - 1;
                value += frac / 10f64.powi(digits as i32);
                end = fend;
            }
            let next = at(end);
            // Dates: 7月4日, 7月.
            if next == Some('月') && (1.0..=12.0).contains(&value) && value.fract() == 0.0 {
                let month = value as u32;
                if let Some((day, dend, _)) = (end + 1 < chars.len())
                    .then(|| number_at(chars, end + 1))
                    .flatten()
                    && (at(dend) == Some('日') || at(dend) == Some('号'))
                {
                    out.push((format!("date:{month}-{}", day as u32), start, dend + 1));
                    i = dend + 1;
                    continue;
                }
                out.push((format!("month:{month}"), start, end + 1));
                i = end + 1;
                continue;
            }
            // Year ranges: 2024至2025年, 2024—2025年, 2024年至2025年.
            if !han && value.fract() == 0.0 && (1000.0..=2999.0).contains(&value) {
                let mut k = end;
                if at(k) == Some('年') {
                    k += 1;
                }
                if matches!(at(k), Some('至' | '到' | '-' | '—' | '–' | '~' | '～'))
                    && let Some((v2, e2, false)) = (k + 1 < chars.len())
                        .then(|| number_at(chars, k + 1))
                        .flatten()
                    && (1000.0..=2999.0).contains(&v2)
                    && v2 > value
                {
                    let e2 = if at(e2) == Some('年') { e2 + 1 } else { e2 };
                    out.push((format!("{}-{}", value as u64, v2 as u64), start, e2));
                    i = e2;
                    continue;
                }
            }
            if single_han {
                // A lone Han numeral is a quantity only before a measure
                // word, after 第, or as a percentage; never 一 alone.
                let measured = next.is_some_and(|n| MEASURE_WORDS.contains(n));
                let one = value == 1.0;
                if in_idiom(chars, start) || !(ordinal || percent_prefix || (measured && !one)) {
                    i = end;
                    continue;
                }
            } else if han && in_idiom(chars, start) {
                i = end;
                continue;
            }
            if next == Some('%') || next == Some('％') || percent_prefix {
                let e = if percent_prefix { end } else { end + 1 };
                out.push((format!("{}%", canon(value)), start, e));
                i = e;
                continue;
            }
            out.push((canon(value), start, end));
            i = end;
        }
        out
    }
}

mod en {
    use super::{arabic, canon};

    const MONTHS: &[(&str, u32)] = &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];

    const ONES: &[(&str, u64)] = &[
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];

    const ORDINALS: &[(&str, u64)] = &[
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("twentieth", 20),
        ("thirtieth", 30),
        ("fortieth", 40),
        ("fiftieth", 50),
        ("hundredth", 100),
    ];

    const SCALES: &[(&str, f64)] = &[
        ("hundred", 100.0),
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
    ];

    /// Words as (lower-case text, start char, end char).
    fn words(chars: &[(usize, char)]) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].1.is_alphanumeric() {
                let s = i;
                while i < chars.len()
                    && (chars[i].1.is_alphanumeric()
                        || (matches!(chars[i].1, '.' | ',')
                            && chars[i - 1].1.is_ascii_digit()
                            && chars.get(i + 1).is_some_and(|&(_, d)| d.is_ascii_digit())))
                {
                    i += 1;
                }
                let w: String = chars[s..i].iter().map(|&(_, c)| c).collect();
                out.push((w.to_lowercase(), s, i));
            } else {
                i += 1;
            }
        }
        out
    }

    fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
        table.iter().find(|(k, _)| *k == w).map(|&(_, v)| v)
    }

    /// Value of a word that is a cardinal number (digits or words, with a
    /// hyphenated compound such as twenty-three read as one).
    fn cardinal(w: &str, chars: &[(usize, char)], s: usize) -> Option<f64> {
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            let (v, _, end) = arabic(chars, s)?;
            let rest: String = chars[end..]
                .iter()
                .take_while(|&&(_, c)| c.is_alphanumeric())
                .map(|&(_, c)| c)
                .collect();
            return rest.is_empty().then_some(v);
        }
        lookup(ONES, w).map(|v| v as f64)
    }

    /// False when no word of the text can start a number: no digit, and
    /// no word that is a month, a number word or an ordinal (most English
    /// sentences), so [`extract`] can skip building its word list.
    fn may_hold_number(chars: &[(usize, char)]) -> bool {
        let mut word = [0u8; 12];
        let mut len = 0usize;
        let mut ascii = true;
        for &(_, c) in chars.iter().chain(std::iter::once(&(0, ' '))) {
            if c.is_ascii_digit() {
                return true;
            }
            if c.is_alphanumeric() {
                if !c.is_ascii() {
                    ascii = false;
                } else if len < word.len() {
                    word[len] = c.to_ascii_lowercase() as u8;
                }
                len += 1;
                continue;
            }
            if len > 0 {
                // A word with a non-ASCII letter might lower-case to a
                // key: let the full path decide.
                if !ascii || (len <= word.len() && is_number_word(&word[..len])) {
                    return true;
                }
                len = 0;
                ascii = true;
            }
        }
        false
    }

    /// True for a lower-case word [`extract`] may read as (part of the
    /// start of) a number or date.
    fn is_number_word(w: &[u8]) -> bool {
        let w = std::str::from_utf8(w).unwrap_or("");
        MONTHS.iter().any(|(k, _)| *k == w)
            || ONES.iter().any(|(k, _)| *k == w)
            || ORDINALS.iter().any(|(k, _)| *k == w)
            || matches!(w, "one" | "century" | "centennial" | "centenary")
    }

    pub(super) fn extract(chars: &[(usize, char)]) -> Vec<(String, usize, usize)> {
        if may_hold_number(chars) {
            read(chars)
        } else {
            Vec::new()
        }
    }

    /// [`extract`] without the quick test: word by word.
    fn read(chars: &[(usize, char)]) -> Vec<(String, usize, usize)> {
        let ws = words(chars);
        let mut out = Vec::new();
        let gap_is = |a: usize, b: usize, allowed: &[char]| {
            chars[a..b].iter().all(|&(_, c)| allowed.contains(&c))
        };
        let mut k = 0;
        while k < ws.len() {
            let (w, s, e) = &ws[k];
            let (s, mut e) = (*s, *e);
            // Month names: July 4 / 4 July / July alone (not "may").
            if let Some(month) = lookup(MONTHS, w.trim_end_matches('.')) {
                let capital = chars[s].1.is_uppercase();
                if capital {
                    if let Some((d, ds, de)) = ws.get(k + 1)
                        && let Ok(day) = d.parse::<u32>()
                        && (1..=31).contains(&day)
                        && gap_is(e, *ds, &[' ', '.'])
                    {
                        out.push((format!("date:{month}-{day}"), s, *de));
                        k += 2;
                        continue;
                    }
                    if w != "may" && w != "march"
                        || k > 0
                            && matches!(
                                ws[k - 1].0.as_str(),
                                "in" | "of" | "since" | "until" | "early" | "late" | "mid"
                            )
                    {
                        out.push((format!("month:{month}"), s, e));
                    }
                }
                k += 1;
                continue;
            }
            // Ordinals: 24th, 2nd; first … twentieth.
            let suffix = ["st", "nd", "rd", "th"].iter().find(|x| {
                w.ends_with(*x)
                    && w.len() > 2
                    && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit())
            });
            if suffix.is_some() {
                out.push((w[..w.len() - 2].to_string(), s, e));
                k += 1;
                continue;
            }
            if let Some(v) = lookup(ORDINALS, w) {
                out.push((v.to_string(), s, e));
                k += 1;
                continue;
            }
            if w == "century" || w == "centennial" || w == "centenary" {
                out.push(("100".into(), s, e));
                k += 1;
                continue;
            }
            // `one` alone is rarely a quantity, but before a scale it is
            // one (one thousand = 1000).
            let one_scale = w == "one"
                && ws.get(k + 1).is_some_and(|(w2, s2, _)| {
                    lookup(SCALES, w2).is_some() && gap_is(e, *s2, &[' ', '-'])
                });
            let Some(mut value) = cardinal(w, chars, s).or(one_scale.then_some(1.0)) else {
                k += 1;
                continue;
            };
            let is_digits = w.starts_with(|c: char| c.is_ascii_digit());
            let mut next = k + 1;
            // Hyphenated compound: twenty-three.
            if !is_digits
                && value >= 20.0
                && let Some((w2, s2, e2)) = ws.get(next)
                && *s2 == e + 1
                && chars[e].1 == '-'
                && let Some(u) = lookup(ONES, w2).filter(|&u| u < 10)
            {
                value += u as f64;
                e = *e2;
                next += 1;
            }
            // Day before month: 4 July.
            if is_digits
                && value.fract() == 0.0
                && (1.0..=31.0).contains(&value)
                && let Some((m, ms, me)) = ws.get(next)
                && let Some(month) = lookup(MONTHS, m)
                && gap_is(e, *ms, &[' '])
                && chars[*ms].1.is_uppercase()
            {
                out.push((format!("date:{month}-{}", value as u32), s, *me));
                k = next + 1;
                continue;
            }
            // Year ranges: 2024-2025, 2024-25.
            if is_digits
                && (1000.0..=2999.0).contains(&value)
                && let Some((w2, s2, e2)) = ws.get(next)
                && gap_is(e, *s2, &['-', '–', '—', '/'])
                && *s2 == e + 1
                && let Ok(v2) = w2.parse::<u64>()
            {
                let v = value as u64;
                let v2 = if w2.len() == 2 {
                    v / 100 * 100 + v2
                } else {
                    v2
                };
                if v2 > v && v2 < 3000 {
                    out.push((format!("{v}-{v2}"), s, *e2));
                    k = next + 1;
                    continue;
                }
            }
            // Scales: 1.5 billion, five hundred, ten thousand.
            while let Some((w2, s2, e2)) = ws.get(next) {
                match lookup(SCALES, w2) {
                    Some(scale) if gap_is(e, *s2, &[' ', '-']) => {
                        value *= scale;
                        e = *e2;
                        next += 1;
                    }
                    _ => break,
                }
            }
            // Percentages: 5.2%, 5.2 percent, 5.2 per cent.
            if chars.get(e).is_some_and(|&(_, c)| c == '%') {
                out.push((format!("{}%", canon(value)), s, e + 1));
                k = next;
                continue;
            }
            if let Some((w2, s2, e2)) = ws.get(next) {
                if w2 == "percent" && gap_is(e, *s2, &[' ']) {
                    out.push((format!("{}%", canon(value)), s, *e2));
                    k = next + 1;
                    continue;
                }
                if w2 == "per" && ws.get(next + 1).is_some_and(|x| x.0 == "cent") {
                    let e3 = ws[next + 1].2;
                    out.push((format!("{}%", canon(value)), s, e3));
                    k = next + 2;
                    continue;
                }
            }
            out.push((canon(value), s, e));
            k = next;
        }
        out
    }
    #[cfg(test)]
    mod tests {
        use super::*;

        fn chars(t: &str) -> Vec<(usize, char)> {
            t.char_indices().collect()
        }

        /// The quick test says "no number" only where the word-by-word
        /// reading finds none: every English sentence of the fixtures, and
        /// words in both cases near the edge of the test.
        #[test]
        fn quick_test_never_hides_a_number() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
            let mut texts: Vec<String> = vec![
                "Twenty-three of them".into(),
                "In MARCH they met".into(),
                "the Fifteenth day".into(),
                "one thousand people".into(),
                "a centennial".into(),
                "Ｔｗｏ ｍｅｎ".into(),
                "Σεπτέμβριος".into(),
                "no number here at all".into(),
                "".into(),
            ];
            let mut files = vec![format!("{dir}/sco/en.txt")];
            for e in std::fs::read_dir(format!("{dir}/news")).unwrap() {
                let en = e.unwrap().path().join("en.txt");
                if en.exists() {
                    files.push(en.display().to_string());
                }
            }
            for f in files {
                texts.extend(
                    std::fs::read_to_string(f)
                        .unwrap()
                        .lines()
                        .map(String::from),
                );
            }
            let (mut skipped, mut found) = (0, 0);
            for t in &texts {
                let folded: Vec<(usize, char)> = t
                    .char_indices()
                    .map(|(i, c)| (i, crate::script::fold_char(crate::lang::fold_width(c))))
                    .collect();
                let all = read(&folded);
                found += usize::from(!all.is_empty());
                if !may_hold_number(&folded) {
                    skipped += 1;
                    assert!(all.is_empty(), "{t:?}: {all:?}");
                }
            }
            // Both branches are exercised.
            assert!(
                skipped > 50 && found > 50,
                "{skipped} skipped, {found} with numbers"
            );
            assert!(!may_hold_number(&chars("no number here at all")));
            for t in [
                "Twenty-three",
                "In MARCH",
                "the Fifteenth",
                "one thousand",
                "7",
            ] {
                assert!(may_hold_number(&chars(t)), "{t}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(text: &str, lang: Lang) -> Vec<String> {
        extract(text, lang).into_iter().map(|m| m.key).collect()
    }

    /// Traditional numerals (`萬`, `億`, `兩`) read as simplified ones, and
    /// the seed's sentences give the same numbers in either script.
    #[test]
    fn traditional_script_numbers() {
        assert_eq!(
            keys("增加兩萬億元", Lang::Zh),
            keys("增加两万亿元", Lang::Zh)
        );
        assert_eq!(k("兩萬人", Lang::Zh), ["20000"]);
        let data = |rel: &str| {
            std::fs::read_to_string(format!("{}/tests/data/{rel}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        };
        let simp = data("sco/zh.sents.txt");
        for v in ["hk", "tw"] {
            let trad = data(&format!("trad/sco.{v}.zh.sents.txt"));
            for (s, t) in simp.lines().zip(trad.lines()) {
                assert_eq!(keys(s, Lang::Zh), keys(t, Lang::Zh), "{t}");
            }
        }
    }

    #[test]
    fn chinese_table() {
        let cases: &[(&str, &[&str])] = &[
            ("新华社阿斯塔纳7月4日电", &["date:7-4"]),
            ("七月四日", &["date:7-4"]),
            ("第二十四次会议", &["24"]),
            ("1000个青年", &["1000"]),
            ("1,000个", &["1000"]),
            ("成立23年后，成员国增加到10个", &["23", "10"]),
            ("覆盖三大洲26个国家", &["3", "26"]),
            ("2024至2025年度", &["2024-2025"]),
            ("2024年至2025年", &["2024-2025"]),
            ("增长5.2%", &["5.2%"]),
            ("百分之五点二", &["5.2%"]),
            ("1000万人", &["10000000"]),
            ("3.5亿", &["350000000"]),
            ("二〇二四年", &["2024"]),
            ("提出五点建议", &["5"]),
            ("两国方案", &["2"]),
            ("第一，建设", &["1"]),
            ("一带一路", &[]),
            ("五六个国家", &["5", "6"]),
            ("三四十人", &["30", "40"]),
            ("十二三岁", &["12", "13"]),
            ("七八百", &["700", "800"]),
            ("六五", &[]),
            ("一百零五", &["105"]),
            ("一九九七年", &["1997"]),
            ("统一大市场", &[]),
            ("一个中国", &[]),
            ("十字路口", &[]),
            ("一脉相承", &[]),
            ("反恐协作—2024", &["2024"]),
            ("７月", &["month:7"]),
        ];
        for (text, want) in cases {
            assert_eq!(k(text, Lang::Zh), *want, "{text}");
        }
    }

    #[test]
    fn english_table() {
        let cases: &[(&str, &[&str])] = &[
            ("ASTANA, July 4 (Xinhua)", &["date:7-4"]),
            ("on 4 July 2024", &["date:7-4", "2024"]),
            ("one thousand delegates, One Hundred", &["1000", "100"]),
            ("one of them", &[]),
            ("the 24th meeting", &["24"]),
            ("1,000 young people", &["1000"]),
            ("twenty-three years", &["23"]),
            ("in the next five years", &["5"]),
            ("for 2024-2025", &["2024-2025"]),
            ("for 2024-25", &["2024-2025"]),
            ("grew 5.2 percent", &["5.2%"]),
            ("grew 5.2%", &["5.2%"]),
            ("5.2 per cent", &["5.2%"]),
            ("10 million people", &["10000000"]),
            ("1.5 billion", &["1500000000"]),
            ("First, build", &["1"]),
            ("one of the members", &[]),
            ("Interaction-2024", &["2024"]),
            ("a two-state solution", &["2"]),
            ("You may go", &[]),
            ("in July", &["month:7"]),
            ("changes unseen in a century", &["100"]),
        ];
        for (text, want) in cases {
            assert_eq!(k(text, Lang::En), *want, "{text}");
        }
    }

    #[test]
    fn spans_point_at_the_mention() {
        let text = "当地时间７月４日上午";
        let m = &extract(text, Lang::Zh)[0];
        assert_eq!(&text[m.span.bytes.clone()], "７月４日");
        assert_eq!(m.span.chars, 4..8);
    }

    #[test]
    fn seed_pairs_agree() {
        let pairs = [
            (
                "上海合作组织成立23年后，成员国增加到10个，“上海合作组织大家庭”覆盖三大洲26个国家",
                "Twenty-three years after its founding, the SCO has grown to 10 member states, and the \"SCO family\" covers 26 countries on three continents",
            ),
            (
                "未来5年，中方将向本组织国家提供1000个青年赴华交流名额。",
                "In the next five years, China will offer 1,000 places for young people from SCO countries to visit China.",
            ),
            (
                "决定由中国接任2024至2025年度上海合作组织轮值主席国。",
                "China will take over the rotating presidency of the SCO for 2024-2025.",
            ),
        ];
        for (zh, en) in pairs {
            assert_eq!(keys(zh, Lang::Zh), keys(en, Lang::En), "{zh}");
        }
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn extract() {
        use crate::{Lang, numbers::extract};
        let keys = |t, l| extract(t, l).into_iter().map(|m| m.key).collect::<Vec<_>>();
        assert_eq!(
            keys("当地时间7月4日，成员国增加到10个", Lang::Zh),
            ["date:7-4", "10"]
        );
        assert_eq!(
            keys("on July 4, the members grew to 10", Lang::En),
            ["date:7-4", "10"]
        );
        assert_eq!(keys("第二十四次会议", Lang::Zh), ["24"]);
        assert_eq!(keys("the 24th meeting", Lang::En), ["24"]);
    }

    #[test]
    fn keys() {
        use crate::{Lang, numbers::keys};
        assert_eq!(
            keys("未来5年，1000个名额", Lang::Zh),
            keys("1,000 places in the next five years", Lang::En)
        );
    }
}
