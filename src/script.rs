//! Chinese scripts: simplified, traditional, and the Hong Kong and Taiwan
//! variants of traditional. One glossary serves every script because term
//! matching, segmentation protection, tokenisation and dictionary look-ups
//! compare *script-folded* text: every character mapped to one
//! representative of its simplified/traditional/variant class
//! (`們`→`们`, `綫`/`線`→`线`, `裏`/`裡`→`里`, `臺`→`台`). The fold is char
//! for char, so char offsets in the folded text are offsets in the
//! original, and reports quote the original.
//!
//! The data is OpenCC's, through the `ferrous-opencc` crate (Apache-2.0):
//! the fold table is derived from its character and Hong Kong/Taiwan
//! variant tables and committed as generated code (`script/data.rs`, a
//! test checks it against the crate), so folding costs one array load per
//! char and no start-up; [`convert`] runs its phrase tables, as the
//! `opencc` tool's `s2hk`, `s2tw`, `hk2s` and `tw2s` configurations do.
//!
//! ```
//! use termalign::script::{Script, detect, fold};
//! assert_eq!(fold("上海合作組織成員國"), "上海合作组织成员国");
//! assert_eq!(fold("沿綫"), fold("沿線"));
//! assert_eq!(detect("習近平出席上海合作組織峯會，他説…"), Some(Script::HongKong));
//! assert_eq!(detect("习近平出席峰会"), Some(Script::Simplified));
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// A Chinese script, as a document is written in it or a TMX/CSV tags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Script {
    /// Simplified characters (mainland China, Singapore): `zh-CN`.
    Simplified,
    /// Traditional characters, region not told: `zh-Hant`.
    Traditional,
    /// Traditional characters, Hong Kong (and Macao) forms: `zh-HK`.
    HongKong,
    /// Traditional characters, Taiwan forms: `zh-TW`.
    Taiwan,
}

impl Script {
    /// The BCP 47 tag a TMX or CSV file uses for text in this script.
    ///
    /// ```
    /// use termalign::script::Script;
    /// assert_eq!(Script::Taiwan.tag(), "zh-TW");
    /// assert_eq!(Script::Simplified.tag(), "zh-CN");
    /// ```
    pub fn tag(self) -> &'static str {
        match self {
            Script::Simplified => "zh-CN",
            Script::Traditional => "zh-Hant",
            Script::HongKong => "zh-HK",
            Script::Taiwan => "zh-TW",
        }
    }

    /// The script a BCP 47 language tag names, if it names one: `zh-CN`,
    /// `zh-SG`, `zh-Hans…` are simplified; `zh-HK`, `zh-MO`, `zh-Hant-HK`
    /// Hong Kong; `zh-TW`, `zh-Hant-TW` Taiwan; `zh-Hant` traditional.
    /// Plain `zh` (and non-Chinese tags) name none.
    ///
    /// ```
    /// use termalign::script::Script;
    /// assert_eq!(Script::from_tag("zh-hk"), Some(Script::HongKong));
    /// assert_eq!(Script::from_tag("zh-Hant-TW"), Some(Script::Taiwan));
    /// assert_eq!(Script::from_tag("zh"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Script> {
        let t = tag.to_ascii_lowercase().replace('_', "-");
        let mut parts = t.split('-');
        if !matches!(parts.next(), Some("zh" | "cmn" | "yue" | "zho" | "chi")) {
            return None;
        }
        let rest: Vec<&str> = parts.collect();
        let has = |s: &str| rest.contains(&s);
        if has("hk") || has("mo") {
            Some(Script::HongKong)
        } else if has("tw") {
            Some(Script::Taiwan)
        } else if has("hant") {
            Some(Script::Traditional)
        } else if has("hans") || has("cn") || has("sg") || has("my") {
            Some(Script::Simplified)
        } else {
            None
        }
    }

    /// True for the traditional scripts.
    pub fn is_traditional(self) -> bool {
        self != Script::Simplified
    }

    /// The OpenCC conversion from simplified text to this script.
    fn opencc_from_simplified(self) -> Option<BuiltinConfig> {
        match self {
            Script::Simplified => None,
            Script::Traditional => Some(BuiltinConfig::S2t),
            Script::HongKong => Some(BuiltinConfig::S2hk),
            Script::Taiwan => Some(BuiltinConfig::S2tw),
        }
    }
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The fold of every Han character that folds: a dense array for the
/// BMP ideographs (the hot path, one load per char), a map beyond.
struct FoldTable {
    /// `dense[c - DENSE_START]`: the fold of `c`, or 0 when `c` folds to itself.
    dense: Vec<u32>,
    other: HashMap<char, char>,
}

const DENSE_START: u32 = 0x3400;
const DENSE_END: u32 = 0xA000;

// Generated (see `committed_tables_match_opencc`): rustfmt leaves it as written.
#[rustfmt::skip]
mod data;

fn table() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut dense = vec![0u32; (DENSE_END - DENSE_START) as usize];
        let mut other = HashMap::new();
        for &(c, f) in data::FOLD {
            if (DENSE_START..DENSE_END).contains(&(c as u32)) {
                dense[(c as u32 - DENSE_START) as usize] = f as u32;
            } else {
                other.insert(c, f);
            }
        }
        FoldTable { dense, other }
    })
}

/// The script-folded form of one character: the simplified member of its
/// class (`們`→`们`, `綫`→`线`, `裡`→`里`), `c` itself for every other char.
///
/// ```
/// assert_eq!(termalign::script::fold_char('臺'), '台');
/// assert_eq!(termalign::script::fold_char('A'), 'A');
/// ```
#[inline]
pub fn fold_char(c: char) -> char {
    let cp = c as u32;
    if cp < DENSE_START {
        return c;
    }
    let t = table();
    if cp < DENSE_END {
        match t.dense[(cp - DENSE_START) as usize] {
            0 => c,
            f => char::from_u32(f).unwrap_or(c),
        }
    } else if (0xF900..0xFB00).contains(&cp) || cp >= 0x20000 {
        t.other.get(&c).copied().unwrap_or(c)
    } else {
        // CJK punctuation, fullwidth forms and the rest: never folded, and
        // frequent in Chinese text, so kept off the map.
        c
    }
}

/// True when [`fold_char`] would change some char of `s`.
pub(crate) fn folds(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(|c| fold_char(c) != c)
}

/// The script-folded form of a text, char for char (same number of chars,
/// so char offsets carry over; a borrowed copy when nothing changes).
pub fn fold(text: &str) -> Cow<'_, str> {
    if !folds(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold_char).collect())
}

/// [`fold`], but only where the folded char has the same UTF-8 length
/// (all but a few rare supplementary-plane forms), so byte offsets carry
/// over too. Fold both sides of a comparison with it.
pub(crate) fn fold_same_len(text: &str) -> Cow<'_, str> {
    let f = |c: char| {
        let d = fold_char(c);
        if d.len_utf8() == c.len_utf8() { d } else { c }
    };
    if text.is_ascii() || text.chars().all(|c| f(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(f).collect())
}

/// The script a Chinese text is written in, or `None` when it has no Han
/// characters. Traditional when more than 3% of its Han chars fold (a
/// simplified text has a handful such chars at most: `著`, `乾`, `於`), then
/// Hong Kong or Taiwan by the regional forms found, `Traditional` when
/// there are none or as many of each.
pub fn detect(text: &str) -> Option<Script> {
    let (mut han, mut trad, mut hk, mut tw) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if !crate::lang::is_han(c) {
            continue;
        }
        han += 1;
        if fold_char(c) != c {
            trad += 1;
        }
        if data::HK_ONLY.binary_search(&c).is_ok() {
            hk += 1;
        }
        if data::TW_ONLY.binary_search(&c).is_ok() {
            tw += 1;
        }
    }
    if han == 0 {
        return None;
    }
    if trad * 100 <= han * 3 {
        return Some(Script::Simplified);
    }
    Some(match hk.cmp(&tw) {
        std::cmp::Ordering::Greater => Script::HongKong,
        std::cmp::Ordering::Less => Script::Taiwan,
        std::cmp::Ordering::Equal => Script::Traditional,
    })
}

/// Convert text (any script) to `to`, phrase by phrase with OpenCC's
/// tables (`发展`→`發展` but `头发`→`頭髮`), for writing a glossary in a
/// traditional script. Converting to [`Script::Simplified`] folds the
/// traditional forms of every region.
///
/// ```
/// use termalign::script::{Script, convert};
/// assert_eq!(convert("上海合作组织成员国", Script::Taiwan), "上海合作組織成員國");
/// assert_eq!(convert("在里面", Script::HongKong), "在裏面");
/// assert_eq!(convert("在裡面", Script::Simplified), "在里面");
/// ```
pub fn convert(text: &str, to: Script) -> String {
    static CONVERTERS: OnceLock<Vec<(BuiltinConfig, OpenCC)>> = OnceLock::new();
    let all = CONVERTERS.get_or_init(|| {
        [
            BuiltinConfig::Hk2s,
            BuiltinConfig::Tw2s,
            BuiltinConfig::S2t,
            BuiltinConfig::S2hk,
            BuiltinConfig::S2tw,
        ]
        .into_iter()
        .map(|c| {
            (
                c,
                OpenCC::from_config(c).expect("built-in OpenCC configuration loads"),
            )
        })
        .collect()
    });
    let get = |c: BuiltinConfig| {
        &all.iter()
            .find(|(k, _)| *k == c)
            .expect("converter loaded")
            .1
    };
    // Simplify first (Hong Kong, then Taiwan forms), so a traditional input
    // converts to another region's forms too.
    let simplified = get(BuiltinConfig::Tw2s).convert(&get(BuiltinConfig::Hk2s).convert(text));
    match to.opencc_from_simplified() {
        None => simplified,
        Some(c) => get(c).convert(&simplified),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_variants_fold_together() {
        for (a, b) in [
            ("裏", "裡"),
            ("裏", "里"),
            ("台", "臺"),
            ("綫", "線"),
            ("線", "线"),
            ("衞", "衛"),
            ("着", "著"),
            ("峯", "峰"),
            ("們", "们"),
            ("發", "发"),
            ("髮", "发"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} {b}");
        }
        assert_eq!(fold("台"), "台");
        assert_eq!(fold("综合"), "综合");
    }

    #[test]
    fn fold_is_idempotent_and_keeps_simplified_text() {
        let simp = "习近平出席上海合作组织成员国元首理事会第二十四次会议。各方支持“一带一路”沿线国家的发展，里程碑。";
        assert_eq!(fold(simp), simp);
        for c in han_chars() {
            let f = fold_char(c);
            assert_eq!(fold_char(f), f, "{c} → {f} → {}", fold_char(f));
        }
    }

    #[test]
    fn detects_script_and_region() {
        let simp = "习近平出席上海合作组织成员国元首理事会会议，在里面沿线";
        assert_eq!(detect(simp), Some(Script::Simplified));
        let hk = convert(simp, Script::HongKong);
        let tw = convert(simp, Script::Taiwan);
        assert_eq!(detect(&hk), Some(Script::HongKong), "{hk}");
        assert_eq!(detect(&tw), Some(Script::Taiwan), "{tw}");
        assert_eq!(detect("Hello"), None);
        assert_eq!(fold(&hk), fold(simp));
        assert_eq!(fold(&tw), fold(simp));
    }

    /// The committed tables (`script/data.rs`) are what the OpenCC data of
    /// the `ferrous-opencc` crate gives. After updating the crate, run
    /// `TERMALIGN_WRITE_SCRIPT_DATA=1 cargo test --lib script::tests::committed` to
    /// rewrite them. (Deriving them at run time would cost every process
    /// seconds of conversions.)
    #[test]
    fn committed_tables_match_opencc() {
        let (fold, hk, tw) = derive_tables();
        let render = |cs: &[char]| {
            cs.iter()
                .map(|c| format!("'{c}',"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut out = String::from(
            "//! Generated by `script::tests::committed_tables_match_opencc` from the\n\
             //! OpenCC data in `ferrous-opencc` (Apache-2.0); do not edit.\n\n\
             /// Every Han char that script-folds, sorted, with its fold.\n\
             pub(super) static FOLD: &[(char, char)] = &[\n",
        );
        for (c, f) in &fold {
            out.push_str(&format!("    ('{c}', '{f}'),\n"));
        }
        out.push_str("];\n\n/// Forms OpenCC writes for Hong Kong only, sorted.\n");
        out.push_str(&format!(
            "pub(super) static HK_ONLY: &[char] = &[{}];\n\n",
            render(&hk)
        ));
        out.push_str("/// Forms OpenCC writes for Taiwan only, sorted.\n");
        out.push_str(&format!(
            "pub(super) static TW_ONLY: &[char] = &[{}];\n",
            render(&tw)
        ));
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/script/data.rs");
        if std::env::var_os("TERMALIGN_WRITE_SCRIPT_DATA").is_some() {
            std::fs::write(path, &out).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap();
        assert!(
            committed == out,
            "src/script/data.rs is stale: regenerate it (see this test's doc)"
        );
    }

    /// The Han code points OpenCC's tables have keys in.
    fn han_chars() -> impl Iterator<Item = char> {
        (0x3400u32..0xA000)
            .chain(0xF900..0xFB00)
            .chain(0x20000..0x2FA20)
            .filter_map(char::from_u32)
    }

    /// Every Han char converted on its own by `config`: the chars are put one
    /// a line through the converter (a line break is never part of an OpenCC
    /// phrase, so only the character tables apply).
    fn convert_each(config: BuiltinConfig) -> Vec<(char, char)> {
        let cc = OpenCC::from_config(config).expect("built-in OpenCC configuration loads");
        let chars: Vec<char> = han_chars().collect();
        let mut probe = String::with_capacity(chars.len() * 5);
        for &c in &chars {
            probe.push(c);
            probe.push('\n');
        }
        let out = cc.convert(&probe);
        let mut pairs = Vec::new();
        for (&c, line) in chars.iter().zip(out.split('\n')) {
            let mut it = line.chars();
            if let (Some(d), None) = (it.next(), it.next())
                && d != c
            {
                pairs.push((c, d));
            }
        }
        pairs
    }

    /// Union-find over the chars the conversions relate, each class folding to
    /// its simplified member. A union (not a single conversion) because the
    /// variant tables chain: Taiwan's `裡` is standard `裏`, whose simplified
    /// form is `里`; and the fold must send every member of a class to one char
    /// whichever way the text came in.
    fn derive_tables() -> (Vec<(char, char)>, Vec<char>, Vec<char>) {
        let t2s = convert_each(BuiltinConfig::T2s);
        let hk2s = convert_each(BuiltinConfig::Hk2s);
        let tw2s = convert_each(BuiltinConfig::Tw2s);
        let hk2t = convert_each(BuiltinConfig::Hk2t);
        let tw2t = convert_each(BuiltinConfig::Tw2t);
        let mut parent: HashMap<char, char> = HashMap::new();
        fn find(parent: &mut HashMap<char, char>, c: char) -> char {
            let mut r = c;
            while let Some(&p) = parent.get(&r) {
                if p == r {
                    break;
                }
                r = p;
            }
            parent.insert(c, r);
            r
        }
        // Votes for the simplified representative: what t2s/hk2s/tw2s give.
        let mut votes: HashMap<char, usize> = HashMap::new();
        for pairs in [&t2s, &hk2s, &tw2s, &hk2t, &tw2t] {
            for &(a, b) in pairs.iter() {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent.insert(ra, rb);
                }
            }
        }
        for pairs in [&t2s, &hk2s, &tw2s] {
            for &(_, b) in pairs.iter() {
                *votes.entry(b).or_default() += 1;
            }
        }
        let t2s_keys: std::collections::HashSet<char> = t2s.iter().map(|p| p.0).collect();
        let members: Vec<char> = parent.keys().copied().collect();
        let mut classes: HashMap<char, Vec<char>> = HashMap::new();
        for c in members {
            let r = find(&mut parent, c);
            classes.entry(r).or_default().push(c);
        }
        let mut fold = Vec::new();
        for mut class in classes.into_values() {
            class.sort_unstable();
            // The most-voted member that is not itself a traditional form;
            // the lowest code point on a tie, so the table is deterministic.
            let rep = *class
                .iter()
                .max_by_key(|c| {
                    (
                        !t2s_keys.contains(c),
                        votes.get(c).copied().unwrap_or(0),
                        std::cmp::Reverse(**c),
                    )
                })
                .expect("a class has members");
            for &c in &class {
                if c == rep {
                    continue;
                }
                fold.push((c, rep));
            }
        }
        // The regional forms: where OpenCC writes one simplified char
        // differently for Hong Kong and for Taiwan (`峯`/`峰`, `裏`/`裡`, `台`/`臺`).
        let s2hk: HashMap<char, char> = convert_each(BuiltinConfig::S2hk).into_iter().collect();
        let s2tw: HashMap<char, char> = convert_each(BuiltinConfig::S2tw).into_iter().collect();
        let (mut hk_only, mut tw_only) = (Vec::new(), Vec::new());
        for c in han_chars() {
            let hk = s2hk.get(&c).copied().unwrap_or(c);
            let tw = s2tw.get(&c).copied().unwrap_or(c);
            if hk != tw {
                hk_only.push(hk);
                tw_only.push(tw);
            }
        }
        let (hk_all, tw_all) = (hk_only.clone(), tw_only.clone());
        // A form both regions use for some char tells nothing.
        hk_only.retain(|c| !tw_all.contains(c));
        tw_only.retain(|c| !hk_all.contains(c));
        hk_only.sort_unstable();
        hk_only.dedup();
        tw_only.sort_unstable();
        tw_only.dedup();
        fold.sort_unstable();
        (fold, hk_only, tw_only)
    }
}
