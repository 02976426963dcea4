//! Languages and the character classes the rules need.

use std::fmt;
use std::str::FromStr;

/// The two languages termalign works between.
///
/// ```
/// use termalign::Lang;
/// assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
/// assert_eq!(Lang::En.to_string(), "en");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (simplified or traditional).
    Zh,
    /// English.
    En,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-tw" | "zh-hant" | "cmn" | "chi" | "zho" => {
                Ok(Lang::Zh)
            }
            "en" | "en-us" | "en-gb" | "eng" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}` (expected zh or en)")),
        }
    }
}

/// True for CJK unified ideographs (the Han script), the characters that
/// make a text Chinese.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// True for CJK punctuation and fullwidth forms (。，、“” and so on).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026)
}

/// True for characters written without spaces around them in Chinese text
/// (Han, CJK punctuation), where a line break is not a word break.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Fold one fullwidth or ideographic-space character to its halfwidth
/// equivalent, leaving every other character alone. Folding is char for
/// char, so char offsets survive it.
///
/// ```
/// assert_eq!(termalign::lang::fold_width('Ａ'), 'A');
/// assert_eq!(termalign::lang::fold_width('５'), '5');
/// assert_eq!(termalign::lang::fold_width('。'), '。');
/// ```
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// True when `s` holds a character [`fold_width`] would change. A byte
/// scan: fullwidth forms are `EF BC xx`/`EF BD xx`, the ideographic space
/// `E3 80 80`.
pub fn has_foldable(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        match b[i] {
            0xEF if b[i + 1] == 0xBC && b[i + 2] >= 0x81 => return true,
            0xEF if b[i + 1] == 0xBD && b[i + 2] <= 0x9E => return true,
            0xE3 if b[i + 1] == 0x80 && b[i + 2] == 0x80 => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// A width-folded copy of a text ([`fold_width`] on every char), with the
/// map from its byte offsets back to the original's. Rules and term
/// matching read the folded text; spans and output keep the original.
///
/// ```
/// use termalign::lang::Folded;
/// let f = Folded::new("ＳＣＯ成员").unwrap();
/// assert_eq!(f.text, "SCO成员");
/// assert_eq!(f.to_original(3), 9); // after `ＳＣＯ`
/// assert!(Folded::new("SCO").is_none()); // nothing to fold
/// ```
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Folded byte offsets of the chars that shrank (3 UTF-8 bytes to 1).
    shrunk: Vec<usize>,
}

impl Folded {
    /// Fold `s`, or `None` when folding would not change it (callers then
    /// use `s` itself, at no cost).
    pub fn new(s: &str) -> Option<Folded> {
        if !has_foldable(s) {
            return None;
        }
        let mut text = String::with_capacity(s.len());
        let mut shrunk = Vec::new();
        for c in s.chars() {
            let f = fold_width(c);
            if f.len_utf8() != c.len_utf8() {
                debug_assert_eq!(c.len_utf8() - f.len_utf8(), 2);
                shrunk.push(text.len());
            }
            text.push(f);
        }
        Some(Folded { text, shrunk })
    }

    /// The original byte offset of folded byte offset `at` (a char
    /// boundary, or the end).
    pub fn to_original(&self, at: usize) -> usize {
        at + 2 * self.shrunk.partition_point(|&p| p < at)
    }
}

/// Share of Han characters among the letters of `text` (Han characters
/// and Latin letters), or None when it has no letter.
///
/// ```
/// use termalign::lang::han_share;
/// assert_eq!(han_share("上海合作组织"), Some(1.0));
/// assert_eq!(han_share("SCO"), Some(0.0));
/// assert_eq!(han_share("2024。"), None);
/// ```
pub fn han_share(text: &str) -> Option<f64> {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() && !is_cjk(c) {
            latin += 1;
        }
    }
    (han + latin > 0).then(|| han as f64 / (han + latin) as f64)
}

/// Something wrong with a pair of inputs as a whole, found before aligning
/// them ([`pair_problems`]).
#[derive(Debug, Clone, PartialEq)]
pub enum PairProblem {
    /// The Chinese input looks English and the English one Chinese.
    Swapped,
    /// The Chinese input is not mostly Chinese: `han` is its share of Han
    /// characters among letters.
    ZhNotChinese {
        /// Share of Han characters among letters.
        han: f64,
    },
    /// The English input is mostly Chinese.
    EnIsChinese {
        /// Share of Han characters among letters.
        han: f64,
    },
    /// One side is far larger than any translation of the other would be
    /// (non-whitespace characters).
    SizeMismatch {
        /// Chinese characters.
        zh_chars: usize,
        /// English characters.
        en_chars: usize,
    },
}

impl PairProblem {
    /// A message naming the files (`zh`, `en`: how to call them).
    pub fn message(&self, zh: &str, en: &str) -> String {
        match self {
            PairProblem::Swapped => format!(
                "{zh} looks English and {en} looks Chinese: the inputs seem swapped (give the Chinese document first)"
            ),
            PairProblem::ZhNotChinese { han } => format!(
                "{zh}: the Chinese input is not mostly Chinese ({:.0}% of its letters are Han characters)",
                han * 100.0
            ),
            PairProblem::EnIsChinese { han } => format!(
                "{en}: the English input is mostly Chinese ({:.0}% of its letters are Han characters)",
                han * 100.0
            ),
            PairProblem::SizeMismatch { zh_chars, en_chars } => {
                let (big, small) = if en_chars > zh_chars {
                    (en, zh)
                } else {
                    (zh, en)
                };
                format!(
                    "{big} is far larger than a translation of {small} would be ({zh_chars} Chinese characters against {en_chars} English): are these versions of the same document?"
                )
            }
        }
    }
}

/// English characters per Chinese character beyond which no translation
/// goes: ten times past the range of complete translations (about 2.5–4.5
/// non-whitespace characters), so shortened and expanded versions pass.
pub const PAIR_RATIO_LIMITS: (f64, f64) = (0.25, 45.0);

/// Inputs whose larger side is smaller than this (non-whitespace chars)
/// are not judged by size: a title against a paragraph is no mistake.
const SIZE_CHECK_MIN: usize = 1000;

/// What looks wrong with a Chinese text and its supposed English version:
/// swapped sides, a side in the wrong language, sizes no translation has.
/// Empty for a plausible pair.
///
/// ```
/// use termalign::lang::{pair_problems, PairProblem};
/// assert!(pair_problems("上海精神很重要。", "The Shanghai Spirit matters.").is_empty());
/// assert_eq!(pair_problems("The Shanghai Spirit matters.", "上海精神很重要。"),
///            [PairProblem::Swapped]);
/// ```
pub fn pair_problems(zh: &str, en: &str) -> Vec<PairProblem> {
    let mut out = Vec::new();
    let (zs, es) = (han_share(zh), han_share(en));
    let zh_bad = zs.is_some_and(|h| h < 0.5);
    let en_bad = es.is_some_and(|h| h > 0.5);
    match (zh_bad, en_bad) {
        (true, true) => out.push(PairProblem::Swapped),
        (true, false) => out.push(PairProblem::ZhNotChinese {
            han: zs.unwrap_or(0.0),
        }),
        (false, true) => out.push(PairProblem::EnIsChinese {
            han: es.unwrap_or(0.0),
        }),
        (false, false) => {}
    }
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let (zc, ec) = (count(zh), count(en));
    if zc.max(ec) >= SIZE_CHECK_MIN {
        let r = ec as f64 / zc.max(1) as f64;
        if !(PAIR_RATIO_LIMITS.0..=PAIR_RATIO_LIMITS.1).contains(&r) {
            out.push(PairProblem::SizeMismatch {
                zh_chars: zc,
                en_chars: ec,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_problems_table() {
        let zh = "新华社阿斯塔纳7月4日电 上海合作组织成员国元首理事会第二十四次会议举行。";
        let en = "ASTANA, July 4 (Xinhua) -- The 24th meeting of the SCO Council of Heads of State was held.";
        let big_en = en.repeat(200);
        let (long_zh, short_en) = (zh.repeat(20), en.repeat(8));
        let cases: Vec<(&str, &str, Vec<&str>)> = vec![
            (zh, en, vec![]),
            (en, zh, vec!["swapped"]),
            (en, en, vec!["zh"]),
            (zh, zh, vec!["en"]),
            (zh, &big_en, vec!["size"]),
            // Shortened or expanded versions are no size mismatch.
            (&long_zh, &short_en, vec![]),
        ];
        for (z, e, want) in cases {
            let got: Vec<&str> = pair_problems(z, e)
                .iter()
                .map(|p| match p {
                    PairProblem::Swapped => "swapped",
                    PairProblem::ZhNotChinese { .. } => "zh",
                    PairProblem::EnIsChinese { .. } => "en",
                    PairProblem::SizeMismatch { .. } => "size",
                })
                .collect();
            assert_eq!(got, want, "{} / {}", &z[..12], &e[..12]);
        }
        let m = PairProblem::SizeMismatch {
            zh_chars: 10,
            en_chars: 5000,
        }
        .message("a.txt", "b.txt");
        assert!(
            m.starts_with("b.txt is far larger than a translation of a.txt"),
            "{m}"
        );
    }

    #[test]
    fn char_classes() {
        let cases = [
            ('习', true, false),
            ('𠀀', true, false),
            ('。', false, true),
            ('“', false, true),
            ('A', false, false),
            ('5', false, false),
        ];
        for (c, han, punct) in cases {
            assert_eq!(is_han(c), han, "is_han({c})");
            assert_eq!(is_cjk_punct(c), punct, "is_cjk_punct({c})");
        }
    }

    #[test]
    fn folding_maps_offsets_back() {
        let cases = [
            ("ＡＢ　c", "AB c"),
            ("（记者）", "(记者)"),
            ("ｚ～", "z~"),
            ("。「」", "。「」"),
        ];
        for (orig, folded) in cases {
            match Folded::new(orig) {
                None => assert_eq!(orig, folded),
                Some(f) => {
                    assert_eq!(f.text, folded);
                    // Every folded char boundary maps to an original one,
                    // and the folded char there folds the original's.
                    for (i, c) in f.text.char_indices() {
                        let o = f.to_original(i);
                        let oc = orig[o..].chars().next().unwrap();
                        assert_eq!(fold_width(oc), c, "{orig} at {i}");
                    }
                    assert_eq!(f.to_original(f.text.len()), orig.len());
                }
            }
        }
    }

    #[test]
    fn lang_parses_common_codes() {
        for (s, l) in [
            ("zh-CN", Lang::Zh),
            ("EN", Lang::En),
            ("en-GB", Lang::En),
            ("zh-Hans", Lang::Zh),
        ] {
            assert_eq!(s.parse::<Lang>().unwrap(), l);
        }
        assert!("fr".parse::<Lang>().is_err());
    }
}
