//! The one place that calls jieba-rs (its API changed across 0.9, 0.10 and
//! 0.11): Chinese word tokenisation with every glossary term kept whole.

use jieba_rs::Jieba;

/// A Chinese word tokenizer. Build it once per process (loading jieba's
/// dictionary takes tens of milliseconds) and share it: it is `Sync`.
///
/// ```
/// use termalign::tokenize::ZhTokenizer;
/// let t = ZhTokenizer::new(["上海合作组织成员国元首理事会"]);
/// let words = t.words("出席上海合作组织成员国元首理事会会议");
/// assert!(words.contains(&"上海合作组织成员国元首理事会"));
/// ```
pub struct ZhTokenizer {
    jieba: Jieba,
}

impl ZhTokenizer {
    /// jieba's default dictionary plus `user_words`, each added with a
    /// frequency high enough that the HMM never splits it.
    pub fn new<I, S>(user_words: I) -> ZhTokenizer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut jieba = Jieba::new();
        for w in user_words {
            let w = w.as_ref().trim();
            if !w.is_empty() {
                let freq = jieba.suggest_freq(w).max(1000);
                jieba.add_word(w, Some(freq), None);
            }
        }
        ZhTokenizer { jieba }
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

    #[test]
    fn offsets_slice_back() {
        let t = ZhTokenizer::new(Vec::<String>::new());
        let text = "上海合作组织成立23年";
        for (w, r) in t.words_with_offsets(text) {
            assert_eq!(&text[r], w);
        }
    }
}
