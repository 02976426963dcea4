//! Per-sentence features the scorer compares: length, glossary entries,
//! numbers, lexical words (jieba tokens mapped through a dictionary on the
//! Chinese side, stemmed content words on the English side), quotes,
//! paragraph and article. Computed once per sentence, before the search.

use crate::glossary::{EntryId, TermMatcher};
use crate::lang::{Lang, is_han};
use crate::lexicon::ZhTokenizer;
use crate::lexicon::{Dictionary, EnNormalizer, key};
use crate::segment::Segment;
use rayon::prelude::*;

/// `Word::entry` for a word the dictionary lacks.
pub const NO_ENTRY: u32 = u32::MAX;
/// `Word::entry` for a Latin token inside Chinese text (SCO, COVID-19):
/// it matches the same stem on the English side.
pub const IDENTITY: u32 = u32::MAX - 1;

/// One lexical unit of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Word {
    /// Hash of the Chinese word, or of the English stem.
    pub key: u64,
    /// Dictionary entry of a Chinese word ([`NO_ENTRY`], [`IDENTITY`]);
    /// always [`NO_ENTRY`] on the English side.
    pub entry: u32,
}

/// What the scorer knows about one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceFeatures {
    /// Length in chars, whitespace excluded.
    pub chars: usize,
    /// Glossary entries found (Chinese terms, or English approved/variant
    /// renderings), sorted, without duplicates.
    pub terms: Vec<EntryId>,
    /// Numbers and dates as canonical keys equal across languages
    /// (`crate::numbers::extract`: 7月4日 and July 4 share one), sorted.
    pub numbers: Vec<String>,
    /// 0-based article the sentence belongs to.
    pub article: usize,
    /// 0-based paragraph the sentence belongs to.
    pub paragraph: usize,
    /// True for a headline.
    pub is_title: bool,
    /// True for release furniture (a byline, a sign-off, a credit, a
    /// heading; [`Segment::is_furniture`]).
    pub is_furniture: bool,
    /// Lexical words, sorted by key, without duplicates (empty unless the
    /// side was built with `Lexical` resources).
    pub words: Vec<Word>,
    /// True when the sentence holds a quoted or titled span (“…”, 《…》,
    /// "…").
    pub quoted: bool,
}

/// The features of one side of a document pair.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// One entry per sentence.
    pub sentences: Vec<SentenceFeatures>,
}

/// The lexical resources features are computed with: a tokenizer for the
/// Chinese side, the English normaliser, and an optional dictionary.
#[derive(Clone, Copy)]
pub struct Lexical<'a> {
    /// jieba, with glossary terms as user words.
    pub tokenizer: &'a ZhTokenizer,
    /// Stop words and stemming for English.
    pub norm: &'a EnNormalizer,
    /// A general bilingual dictionary, if any.
    pub dict: Option<&'a Dictionary>,
}

impl Side {
    /// Compute features for segments of language `lang` (length, terms,
    /// numbers, layout; no lexical words).
    pub fn new(segments: &[Segment], lang: Lang, matcher: &TermMatcher) -> Side {
        Side::build(segments, lang, matcher, None)
    }

    /// Compute all features, lexical words included.
    pub fn with_lexical(
        segments: &[Segment],
        lang: Lang,
        matcher: &TermMatcher,
        lex: &Lexical,
    ) -> Side {
        Side::build(segments, lang, matcher, Some(lex))
    }

    fn build(
        segments: &[Segment],
        lang: Lang,
        matcher: &TermMatcher,
        lex: Option<&Lexical>,
    ) -> Side {
        // Sentences are independent: a side is split across threads in
        // tasks of 16 or more (order kept, so the output does not depend
        // on their number; 256 left a news or MAC-Dev document's side on
        // one thread, and 64 still left the two threads unevenly loaded).
        let sentences = segments
            .par_iter()
            .with_min_len(16)
            .map(|s| {
                let mut terms: Vec<EntryId> = match lang {
                    Lang::Zh => matcher
                        .find_zh(&s.text)
                        .into_iter()
                        .map(|h| h.entry)
                        .collect(),
                    Lang::En => matcher
                        .find_en(&s.text)
                        .into_iter()
                        .filter(|h| {
                            !matches!(h.rendering, crate::glossary::Rendering::Forbidden(_))
                        })
                        .map(|h| h.entry)
                        .collect(),
                };
                terms.sort();
                terms.dedup();
                let words = match (lex, lang) {
                    (Some(l), Lang::Zh) => zh_words(&s.text, l),
                    (Some(l), Lang::En) => en_words(&s.text, l.norm),
                    (None, _) => Vec::new(),
                };
                SentenceFeatures {
                    chars: s.text.chars().filter(|c| !c.is_whitespace()).count(),
                    terms,
                    numbers: number_keys(&s.text, lang),
                    article: s.article,
                    paragraph: s.paragraph,
                    is_title: s.is_title,
                    is_furniture: s.is_furniture,
                    words,
                    quoted: is_quoted(&s.text),
                }
            })
            .collect();
        Side { sentences }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

/// Lexical words of a Chinese sentence: jieba tokens, each looked up in the
/// dictionary, a token the dictionary lacks split into the longest
/// dictionary words it contains; Latin tokens kept as identity words.
/// Punctuation is dropped.
pub fn zh_words(text: &str, lex: &Lexical) -> Vec<Word> {
    let mut out = Vec::new();
    // Tokenise and look up the script-folded text (jieba's dictionary and
    // the lexicon's simplified headwords then serve traditional text too);
    // same byte lengths, so a word's range holds in both texts.
    let folded = crate::script::fold_same_len(text);
    for (fw, r) in lex.tokenizer.words_with_offsets(&folded) {
        let orig = &text[r];
        let w = fw;
        let has_han = w.chars().any(is_han);
        if !has_han {
            // Latin or digits: identity match on the English side (digits
            // are the numbers feature's business).
            for k in lex.norm.content_keys(w) {
                out.push(Word {
                    key: k,
                    entry: IDENTITY,
                });
            }
            continue;
        }
        match lex.dict {
            // The original-script look-up only when folding changed the
            // word (a failed look-up is the expensive kind: it is repeated
            // for every piece below).
            Some(d) => match d
                .lookup(w)
                .or_else(|| (orig != w).then(|| d.lookup_any_script(orig)).flatten())
            {
                Some(id) => out.push(Word {
                    key: key(w),
                    entry: id,
                }),
                None => {
                    let pieces = d.split_unknown(w);
                    if pieces.is_empty() {
                        out.push(Word {
                            key: key(w),
                            entry: NO_ENTRY,
                        });
                    }
                    for id in pieces {
                        out.push(Word {
                            key: 0x9e37_79b9_7f4a_7c15 ^ u64::from(id),
                            entry: id,
                        });
                    }
                }
            },
            None => out.push(Word {
                key: key(w),
                entry: NO_ENTRY,
            }),
        }
    }
    out.sort();
    out.dedup_by_key(|w| w.key);
    out
}

/// Lexical words of an English sentence: content-word stems.
pub fn en_words(text: &str, norm: &EnNormalizer) -> Vec<Word> {
    let mut out: Vec<Word> = norm
        .content_keys(text)
        .into_iter()
        .map(|k| Word {
            key: k,
            entry: NO_ENTRY,
        })
        .collect();
    out.sort();
    out.dedup_by_key(|w| w.key);
    out
}

/// True when `text` holds a quoted or titled span: “…”, 《…》, 「…」,
/// "…", or an opening single quote ('Yes,' he said).
pub fn is_quoted(text: &str) -> bool {
    if text.contains(['“', '”', '《', '"', '「', '『', '‘']) {
        return true;
    }
    let b = text.as_bytes();
    b.iter().enumerate().any(|(k, &c)| {
        c == b'\''
            && (k == 0 || b[k - 1].is_ascii_whitespace() || b[k - 1] == b'(')
            && b.get(k + 1).is_some_and(|n| n.is_ascii_alphabetic())
    })
}

/// Canonical keys of the numbers and dates in `text`, sorted.
pub fn number_keys(text: &str, lang: Lang) -> Vec<String> {
    let mut keys: Vec<String> = crate::numbers::extract(text, lang)
        .into_iter()
        .map(|m| m.key)
        .collect();
    keys.sort();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zh_words_use_dictionary_and_identity() {
        let norm = EnNormalizer::new();
        let dict = Dictionary::from_text("朋友\tfriend\n老\told\n", "t").unwrap();
        let tok = ZhTokenizer::new(Vec::<String>::new());
        let lex = Lexical {
            tokenizer: &tok,
            norm: &norm,
            dict: Some(&dict),
        };
        let w = zh_words("我的朋友参加了SCO会议。", &lex);
        assert!(w.iter().any(|w| w.entry == dict.lookup("朋友").unwrap()));
        assert!(w.iter().any(|w| w.entry == IDENTITY && w.key == key("sco")));
        // Punctuation is not a word.
        assert!(!w.iter().any(|w| w.key == key("。")));
    }

    #[test]
    fn en_words_are_stems() {
        let norm = EnNormalizer::new();
        let w = en_words("Friends and friendly FRIEND.", &norm);
        assert_eq!(w.len(), 1, "{w:?}");
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn is_quoted() {
        use crate::align::features::is_quoted;
        assert!(is_quoted("他说：“好。”") && is_quoted("'You're hopeless!' he jeered."));
        assert!(!is_quoted("You're hopeless, he said."));
    }

    #[test]
    fn number_keys() {
        use crate::{Lang, align::features::number_keys};
        assert_eq!(
            number_keys("第二十四次会议于7月4日举行", Lang::Zh),
            number_keys("the 24th meeting was held on July 4", Lang::En)
        );
    }
}
