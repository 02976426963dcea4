//! The one place that calls jieba-rs (its API changed across 0.9, 0.10 and
//! 0.11): Chinese word tokenisation with every glossary term kept whole.

use std::sync::{Arc, Mutex, OnceLock};

use jieba_rs::Jieba;

use crate::glossary::Glossary;

/// jieba's dictionary trimmed to its words of frequency 5 or more (136,547
/// of 349,045), plus one placeholder entry that keeps jieba's total
/// frequency, so every kept word's probability is unchanged (see
/// `data/README.md`). Loading it takes about a fifth of the full one's
/// 80 ms, and MAC-Dev F1 moves by 0.0015 (one bead).
static CORE_DICT: &str = include_str!("data/jieba-core.txt");

/// The core dictionary, loaded once per process and cloned for each later
/// tokenizer.
static BASE: OnceLock<Jieba> = OnceLock::new();

fn load_core() -> Jieba {
    Jieba::with_dict(&mut CORE_DICT.as_bytes()).expect("jieba-core.txt is well formed")
}

fn base() -> &'static Jieba {
    BASE.get_or_init(load_core)
}

fn glossary_terms(glossary: &Glossary) -> Vec<String> {
    glossary.entries().iter().map(|e| e.zh.clone()).collect()
}

/// Tokenizers already built, by their user words.
type Cache = Mutex<Vec<(Vec<String>, Arc<ZhTokenizer>)>>;

/// A Chinese word tokenizer. Build it once per process (loading jieba's
/// dictionary takes tens of milliseconds) and share it: it is `Sync`.
///
/// ```
/// use termalign::lexicon::ZhTokenizer;
/// let t = ZhTokenizer::new(["上海合作组织成员国元首理事会"]);
/// let words = t.words("出席上海合作组织成员国元首理事会会议");
/// assert!(words.contains(&"上海合作组织成员国元首理事会"));
/// ```
pub struct ZhTokenizer {
    jieba: Jieba,
}

impl ZhTokenizer {
    /// jieba's (trimmed) dictionary plus `user_words`, each added with a
    /// frequency high enough that the HMM never splits it.
    pub fn new<I, S>(user_words: I) -> ZhTokenizer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ZhTokenizer::with_jieba(base().clone(), user_words)
    }

    fn with_jieba<I, S>(mut jieba: Jieba, user_words: I) -> ZhTokenizer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for w in user_words {
            let w = w.as_ref().trim();
            if !w.is_empty() {
                let freq = jieba.suggest_freq(w).max(1000);
                jieba.add_word(w, Some(freq), None);
            }
        }
        ZhTokenizer { jieba }
    }

    /// The tokenizer with every Chinese term of `glossary` as a user word,
    /// built once per process for each distinct set of terms and shared
    /// (later calls with the same glossary return the same tokenizer).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use termalign::{glossary::Glossary, lexicon::ZhTokenizer};
    /// let g = Glossary::builtin();
    /// let t = ZhTokenizer::for_glossary(&g);
    /// assert!(Arc::ptr_eq(&t, &ZhTokenizer::for_glossary(&g)));
    /// assert!(t.words("坚持真正的多边主义").contains(&"真正的多边主义"));
    /// ```
    pub fn for_glossary(glossary: &Glossary) -> Arc<ZhTokenizer> {
        ZhTokenizer::for_terms(glossary_terms(glossary))
    }

    /// Start building [`ZhTokenizer::for_glossary`]'s tokenizer on a
    /// background thread, so that loading jieba's dictionary (most of a
    /// short pair's run) overlaps reading and segmenting the input; a
    /// later `for_glossary` with the same glossary waits for it instead of
    /// building its own. If no thread can be started, nothing happens.
    ///
    /// ```
    /// use termalign::{glossary::Glossary, lexicon::ZhTokenizer};
    /// let g = Glossary::builtin();
    /// ZhTokenizer::prepare_for(&g);
    /// assert!(ZhTokenizer::for_glossary(&g).words("坚持真正的多边主义").contains(&"真正的多边主义"));
    /// ```
    pub fn prepare_for(glossary: &Glossary) {
        let terms = glossary_terms(glossary);
        let _ = std::thread::Builder::new()
            .name("termalign-jieba".into())
            .spawn(move || {
                ZhTokenizer::for_terms(terms);
            });
    }

    fn for_terms(terms: Vec<String>) -> Arc<ZhTokenizer> {
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        // Built under the lock: two threads asking at once build it once.
        let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, t)) = cache.iter().find(|(k, _)| *k == terms) {
            return Arc::clone(t);
        }
        // The first tokenizer of a process loads the dictionary for
        // itself (no copy of a shared one: that costs a further 10 ms);
        // later ones copy the shared one.
        let t = Arc::new(match BASE.get() {
            Some(_) => ZhTokenizer::new(&terms),
            None => ZhTokenizer::with_jieba(load_core(), &terms),
        });
        cache.push((terms, Arc::clone(&t)));
        t
    }

    /// The words of `text`, in order (punctuation and spaces included, as
    /// their own tokens).
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    /// Words with their byte ranges in `text`.
    pub fn words_with_offsets<'a>(&self, text: &'a str) -> Vec<(&'a str, std::ops::Range<usize>)> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| (t.word, t.byte_start..t.byte_end))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_stay_whole() {
        let cases = [
            ("小院高墙", "面对“小院高墙”的现实风险"),
            ("和平共处五项原则", "同和平共处五项原则一脉相承"),
            ("国际月球科研站", "参与国际月球科研站建设"),
        ];
        let t = ZhTokenizer::new(cases.iter().map(|c| c.0));
        for (term, text) in cases {
            assert!(
                t.words(text).contains(&term),
                "{term} in {:?}",
                t.words(text)
            );
        }
    }

    /// Every shipped term made of characters jieba keeps in one block (Han,
    /// ASCII letters and digits, `+#&._%-`) comes out as one word in a
    /// sentence; the others (`、`, `—`, `·` inside) are listed.
    #[test]
    fn every_shipped_term_stays_whole() {
        let g = Glossary::builtin();
        let t = ZhTokenizer::for_glossary(&g);
        let mut split = Vec::new();
        let mut skipped = Vec::new();
        for e in g.entries() {
            let blockable = e.zh.chars().all(|c| {
                crate::lang::is_han(c) || c.is_ascii_alphanumeric() || "+#&._%-".contains(c)
            });
            if !blockable {
                skipped.push(e.zh.as_str());
                continue;
            }
            let text = format!("我们谈到{}的问题。", e.zh);
            if !t.words(&text).contains(&e.zh.as_str()) {
                split.push(format!("{}: {:?}", e.zh, t.words(&text)));
            }
        }
        assert!(split.is_empty(), "{split:#?}");
        assert!(skipped.len() < 10, "{skipped:?}");
    }

    /// The trimmed dictionary keeps jieba's total frequency (so kept words
    /// score as with the full one), drops only rare words, and loads.
    #[test]
    fn core_dictionary_keeps_the_full_total() {
        let mut total = 0u64;
        let mut words = 0;
        for (n, line) in CORE_DICT.lines().enumerate() {
            let mut parts = line.split_ascii_whitespace();
            let word = parts.next().unwrap_or_else(|| panic!("line {}", n + 1));
            let freq: u64 = parts.next().unwrap().parse().unwrap();
            assert!(freq >= 5 || word == "\u{E000}", "line {}: {line}", n + 1);
            total += freq;
            words += 1;
        }
        assert_eq!(total, 60_101_964);
        assert_eq!(words, 136_548);
        let t = ZhTokenizer::new(Vec::<String>::new());
        assert_eq!(
            t.words("中国同哈萨克斯坦的关系"),
            ["中国", "同", "哈萨克斯坦", "的", "关系"]
        );
    }

    #[test]
    fn offsets_slice_back() {
        let t = ZhTokenizer::new(Vec::<String>::new());
        let text = "上海合作组织成立23年";
        for (w, r) in t.words_with_offsets(text) {
            assert_eq!(&text[r], w);
        }
    }
}
