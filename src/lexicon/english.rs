//! English normalisation shared by dictionary glosses and English
//! sentences: lower-casing, stop words, irregular forms and Porter 2
//! stemming (via `rust-stemmers`).

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::hash::{FixedState, StemKey, key};

/// English stop words: function words that carry no alignment evidence.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "sb",
    "sth",
    "something",
    "someone",
    "somebody",
    "one",
    "oneself",
    "lit",
    "fig",
    "also",
    "used",
    "esp",
    "e",
    "g",
    "abbr",
    "variant",
    "old",
    "s",
    "t",
    "d",
    "ll",
    "m",
    "re",
    "ve",
    "o",
    "kind",
    "particle",
];

/// Irregular forms the Porter stemmer does not merge with their lemma.
const IRREGULAR: &[(&str, &str)] = &[
    ("went", "go"),
    ("gone", "go"),
    ("saw", "see"),
    ("seen", "see"),
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("came", "come"),
    ("took", "take"),
    ("taken", "take"),
    ("gave", "give"),
    ("given", "give"),
    ("knew", "know"),
    ("known", "know"),
    ("thought", "think"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("felt", "feel"),
    ("left", "leave"),
    ("made", "make"),
    ("found", "find"),
    ("got", "get"),
    ("gotten", "get"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("ran", "run"),
    ("sat", "sit"),
    ("stood", "stand"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("wrote", "write"),
    ("written", "write"),
    ("held", "hold"),
    ("heard", "hear"),
    ("met", "meet"),
    ("kept", "keep"),
    ("slept", "sleep"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("lay", "lie"),
    ("lain", "lie"),
    ("began", "begin"),
    ("begun", "begin"),
    ("drank", "drink"),
    ("drunk", "drink"),
    ("sang", "sing"),
    ("became", "become"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("people", "person"),
    ("mice", "mouse"),
    ("better", "good"),
    ("best", "good"),
    ("worse", "bad"),
    ("worst", "bad"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("died", "die"),
    ("dead", "die"),
    ("death", "die"),
    ("lost", "lose"),
    ("sent", "send"),
    ("spent", "spend"),
    ("built", "build"),
    ("caught", "catch"),
    ("taught", "teach"),
    ("fought", "fight"),
    ("sought", "seek"),
    ("led", "lead"),
    ("fed", "feed"),
    ("fled", "flee"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("flew", "fly"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("rode", "ride"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("woke", "wake"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("shook", "shake"),
    ("struck", "strike"),
    ("understood", "understand"),
    ("wept", "weep"),
    ("won", "win"),
    ("paid", "pay"),
    ("laid", "lay"),
    ("sold", "sell"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("swore", "swear"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("bore", "bear"),
    ("born", "bear"),
    ("beaten", "beat"),
    ("bit", "bite"),
    ("bitten", "bite"),
    ("ridden", "ride"),
    ("shot", "shoot"),
    ("hung", "hang"),
    ("dug", "dig"),
    ("stuck", "stick"),
    ("swam", "swim"),
    ("lit", "light"),
    ("meant", "mean"),
];

/// English normalisation shared by dictionary glosses and English
/// sentences: lower-case, stop words out, irregular forms to their lemma,
/// Porter 2 stem. `Sync`; build once.
pub struct EnNormalizer {
    stemmer: Stemmer,
    // FNV, not SipHash: looked up for every English word of every
    // sentence, and the keys are fixed (no untrusted input to flood).
    stop: std::collections::HashSet<&'static str, FixedState>,
    irregular: HashMap<&'static str, &'static str, FixedState>,
}

impl Default for EnNormalizer {
    fn default() -> Self {
        EnNormalizer::new()
    }
}

impl EnNormalizer {
    /// The English normaliser.
    pub fn new() -> EnNormalizer {
        EnNormalizer {
            stemmer: Stemmer::create(Algorithm::English),
            stop: STOP_WORDS.iter().copied().collect(),
            irregular: IRREGULAR.iter().copied().collect(),
        }
    }

    /// True for a stop word (`w` lower-case).
    pub fn is_stop(&self, w: &str) -> bool {
        self.stop.contains(w)
    }

    /// The stem of one lower-case word, or None for a stop word.
    ///
    /// ```
    /// use termalign::lexicon::EnNormalizer;
    /// let n = EnNormalizer::new();
    /// assert_eq!(n.stem("running").as_deref(), Some("run"));
    /// assert_eq!(n.stem("went").as_deref(), Some("go"));
    /// assert_eq!(n.stem("the"), None);
    /// ```
    pub fn stem(&self, w: &str) -> Option<String> {
        self.stem_cow(w).map(std::borrow::Cow::into_owned)
    }

    /// [`EnNormalizer::stem`], borrowing the word when stemming leaves it
    /// as it is.
    fn stem_cow<'w>(&self, w: &'w str) -> Option<std::borrow::Cow<'w, str>> {
        if self.stop.contains(w) {
            return None;
        }
        let lemma = self.irregular.get(w).copied().unwrap_or(w);
        Some(self.stemmer.stem(lemma))
    }

    /// Content-word stem keys of an English text, in order. Words are runs
    /// of ASCII letters and digits (apostrophes split: `she'd` → `she`, `d`).
    pub fn content_keys(&self, text: &str) -> Vec<StemKey> {
        let mut out = Vec::new();
        // The stem is only hashed: no owned copy of it.
        self.for_each_word(text, |w| out.extend(self.stem_cow(w).map(|s| key(&s))));
        out
    }

    fn for_each_word(&self, text: &str, mut f: impl FnMut(&str)) {
        let mut buf = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            let c = crate::lang::fold_width(c);
            if c.is_ascii_alphanumeric() {
                buf.push(c.to_ascii_lowercase());
            } else if !buf.is_empty() {
                f(&buf);
                buf.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n() -> EnNormalizer {
        EnNormalizer::new()
    }

    #[test]
    fn english_content_keys() {
        let norm = n();
        let cases: &[(&str, &[&str])] = &[
            ("The men went home.", &["man", "go", "home"]),
            ("She'd been wrong", &["wrong"]),
            ("COVID-19 cases", &["covid", "19", "case"]),
        ];
        for (text, want) in cases {
            let want: Vec<StemKey> = want.iter().map(|w| key(&norm.stem(w).unwrap())).collect();
            assert_eq!(norm.content_keys(text), want, "{text}");
        }
    }
}
