//! The near-miss engine: accepted renderings prepared for fuzzy matching
//! ([`FuzzyForm`]), target words ([`tokens`]), the search for the closest
//! target window to a rendering ([`near_miss`]) and the demonym exemption
//! for places ([`demonym`]). The `term-near-miss` rule itself lives in
//! [`super::rules`].

use crate::glossary::EntryId;
use crate::lang::fold_width;

use super::Checker;

/// An accepted rendering prepared for fuzzy matching.
#[derive(Debug, Clone)]
pub(crate) struct FuzzyForm {
    form: String,
    /// Lower-cased words joined by single spaces.
    norm: String,
    words: usize,
    /// The first letters of the first and last words.
    first: char,
    last: char,
    chars: usize,
    bag: Bag,
}

/// A histogram of the chars of a string (letters and digits exactly, other
/// chars hashed into buckets). Every edit of Damerau–Levenshtein changes
/// the histogram by at most 2, so half the histogram difference is a lower
/// bound of the distance: the cheap test that spares the full computation
/// for almost every window of the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bag([u16; 64]);

impl Bag {
    fn new(s: &str) -> Bag {
        let mut b = Bag([0; 64]);
        b.add(s);
        b
    }

    fn add(&mut self, s: &str) {
        for c in s.chars() {
            let i = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                ' ' => 36,
                _ => 37 + (c as usize % 27),
            };
            self.0[i] = self.0[i].saturating_add(1);
        }
    }

    /// A lower bound of the Damerau–Levenshtein distance between the two
    /// strings the bags were made from.
    fn min_distance(&self, other: &Bag) -> usize {
        let diff: usize = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(&a, &b)| a.abs_diff(b) as usize)
            .sum();
        diff.div_ceil(2)
    }
}

impl FuzzyForm {
    /// None for forms too short to fuzzy-match, and all-caps acronyms.
    pub(crate) fn new(form: &str, min_letters: usize) -> Option<FuzzyForm> {
        let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < min_letters || letters.iter().all(|c| c.is_uppercase()) {
            return None;
        }
        let words: Vec<String> = tokens(form).into_iter().map(|t| t.norm).collect();
        let norm = words.join(" ");
        let initial = |w: Option<&String>| w.and_then(|w| w.chars().next()).unwrap_or(' ');
        Some(FuzzyForm {
            first: initial(words.first()),
            last: initial(words.last()),
            form: form.to_string(),
            chars: norm.chars().count(),
            words: words.len(),
            bag: Bag::new(&norm),
            norm,
        })
    }
}

/// A word of the target: lower-cased, with its byte range.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    norm: String,
    start: usize,
    end: usize,
    chars: usize,
    bag: Bag,
}

/// Words: maximal runs of letters and digits (hyphens and apostrophes
/// split words, so `Belt-and-Road` is three).
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let ch = fold_width(ch);
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let norm: String = text[s..i]
                    .chars()
                    .map(fold_width)
                    .flat_map(char::to_lowercase)
                    .collect();
                out.push(Token {
                    chars: norm.chars().count(),
                    bag: Bag::new(&norm),
                    norm,
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The closest window of the target to any accepted rendering of `entry`
/// that passes the thresholds: (rendering, text found, similarity).
/// Windows are runs of one word fewer to one word more than the rendering,
/// whose first and last words begin with the same letters as the
/// rendering's.
pub(super) fn near_miss(
    c: &Checker,
    entry: EntryId,
    target: &str,
    tokens: &[Token],
) -> Option<(String, String, f64)> {
    let t = c.options.near_miss;
    let mut best: Option<(f64, &FuzzyForm, usize, usize)> = None;
    let mut window = String::new();
    for form in &c.fuzzy[entry.0 as usize] {
        let lo = form.words.saturating_sub(1).max(1);
        for n in lo..=form.words + 1 {
            if n > tokens.len() {
                break;
            }
            for w in tokens.windows(n) {
                // Misspellings rarely touch a word's first letter: a window
                // must start and end like the rendering. This anchor keeps
                // the search linear in practice (letter histograms of long
                // English windows are all alike).
                if !w[0].norm.starts_with(form.first) || !w[n - 1].norm.starts_with(form.last) {
                    continue;
                }
                let wc = w.iter().map(|t| t.chars).sum::<usize>() + n - 1;
                let longer = wc.max(form.chars) as f64;
                // Cheap bounds first: the length difference, then the char
                // histograms, each cap the similarity.
                if 1.0 - (wc.abs_diff(form.chars) as f64) / longer < t.min_similarity_jw {
                    continue;
                }
                let mut bag = Bag([0; 64]);
                bag.0[36] = (n - 1) as u16;
                for tok in w {
                    for (b, x) in bag.0.iter_mut().zip(&tok.bag.0) {
                        *b = b.saturating_add(*x);
                    }
                }
                if 1.0 - (bag.min_distance(&form.bag) as f64) / longer < t.min_similarity_jw {
                    continue;
                }
                window.clear();
                for (k, tok) in w.iter().enumerate() {
                    if k > 0 {
                        window.push(' ');
                    }
                    window.push_str(&tok.norm);
                }
                // Another word form (Russia → Russian, Kazakhstan → Kazakh),
                // not a misspelling.
                if window != form.norm
                    && (window.starts_with(&form.norm) || form.norm.starts_with(window.as_str()))
                {
                    continue;
                }
                let dl = strsim::normalized_damerau_levenshtein(&window, &form.norm);
                let pass = dl >= t.min_similarity
                    || (dl >= t.min_similarity_jw
                        && strsim::jaro_winkler(&window, &form.norm) >= t.min_jaro_winkler);
                if pass && best.is_none_or(|(b, ..)| dl > b) {
                    best = Some((dl, form, w[0].start, w[n - 1].end));
                }
            }
        }
    }
    best.map(|(dl, form, s, e)| (form.form.clone(), target[s..e].to_string(), dl))
}

/// True when the target names a place by its adjective or demonym: a word
/// that shares at least four leading letters with the rendering's last
/// word, where what is left of the place name is at most three letters or
/// `stan`/`istan`, and what is left of the target word is a demonym ending
/// (`Russian` for Russia, `Kazakh` for Kazakhstan, `Chinese` for China,
/// `British` for Britain, `South Korean` for South Korea; not `Australian`
/// for Austria, not `Iraqi` for Iran).
pub(super) fn demonym<'a>(forms: impl Iterator<Item = &'a str>, target: &[Token]) -> bool {
    const ENDINGS: [&str; 10] = ["", "n", "an", "ian", "ean", "ese", "i", "ish", "ic", "ine"];
    forms.into_iter().any(|form| {
        let words: Vec<String> = tokens(form).into_iter().map(|t| t.norm).collect();
        let Some((last, lead)) = words.split_last() else {
            return false;
        };
        target.windows(words.len()).any(|w| {
            let (wl, wlead) = w.split_last().expect("non-empty window");
            let common: usize = wl
                .norm
                .chars()
                .zip(last.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            let (place_rest, word_rest) = (&last[common..], &wl.norm[common..]);
            wlead.iter().zip(lead).all(|(a, b)| &a.norm == b)
                && common >= 4
                && (place_rest.chars().count() <= 3 || matches!(place_rest, "stan" | "istan"))
                && ENDINGS.contains(&word_rest)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The histogram bound never exceeds the true distance, so the
        /// cheap filter never drops a real near miss.
        #[test]
        fn bag_bound_is_a_lower_bound(a in "[a-eé 1]{0,12}", b in "[a-eé 1]{0,12}") {
            let lb = Bag::new(&a).min_distance(&Bag::new(&b));
            prop_assert!(lb <= strsim::damerau_levenshtein(&a, &b));
        }
    }

    #[test]
    fn tokens_split_on_punctuation() {
        let t: Vec<String> = tokens("the Belt-and-Road's ＡＢ, 2024")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(t, ["the", "belt", "and", "road", "s", "ab", "2024"]);
    }
}
