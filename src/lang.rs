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

#[cfg(test)]
mod tests {
    use super::*;

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
