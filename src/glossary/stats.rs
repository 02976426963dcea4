//! `glossary stats`: what a glossary holds (entries by type), where it is
//! ambiguous (one English rendering for several Chinese terms; terms with
//! many renderings), and how much of a given text it covers.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::matcher::fold_en;
use super::{EntryId, Glossary, TermMatcher, TermType};
use crate::lang::{Lang, is_han};

/// Counts and ambiguities of one glossary.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Number of entries.
    pub entries: usize,
    /// Entries per type, in the order term, person, place, org, title, abbr.
    pub by_type: Vec<(TermType, usize)>,
    /// Accepted renderings (approved or variant) in total.
    pub renderings: usize,
    /// Forbidden renderings in total.
    pub forbidden: usize,
    /// English renderings shared by several Chinese terms (case, hyphens
    /// and quotes aside), most terms first. A full name and its short form
    /// (上海合作组织, 上合组织) share one on purpose; others deserve a look.
    pub shared_en: Vec<SharedRendering>,
    /// Terms with at least [`MANY_RENDERINGS`] accepted renderings, most
    /// first.
    pub many_renderings: Vec<(String, usize)>,
}

/// The threshold for [`Stats::many_renderings`].
pub const MANY_RENDERINGS: usize = 4;

/// One English rendering used by several Chinese terms.
#[derive(Debug, Clone, Serialize)]
pub struct SharedRendering {
    /// The rendering as first written.
    pub en: String,
    /// The Chinese terms that accept it, in glossary order.
    pub zh: Vec<String>,
}

/// Which glossary terms occur in a text.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// The text's language (detected or given).
    pub lang: Lang,
    /// Chars in the text.
    pub chars: usize,
    /// Entries found at least once.
    pub found: usize,
    /// Hits in total.
    pub hits: usize,
    /// Share of the text's chars inside a hit (Chinese), or of its words
    /// (English), in percent.
    pub covered_percent: f64,
    /// Each entry found: zh, approved en, hits; most hits first.
    pub terms: Vec<TermCount>,
}

/// One entry's hits in a text.
#[derive(Debug, Clone, Serialize)]
pub struct TermCount {
    /// The Chinese term.
    pub zh: String,
    /// Its approved rendering.
    pub en: String,
    /// How often it occurs.
    pub count: usize,
}

/// Count a glossary.
///
/// ```
/// use termalign::glossary::{Glossary, stats::stats};
/// let g = Glossary::from_csv_str(
///     "zh,en,type\n上海合作组织,Shanghai Cooperation Organization,org\n上合组织,Shanghai Cooperation Organization,abbr\n",
///     "t").unwrap();
/// let s = stats(&g);
/// assert_eq!(s.shared_en[0].zh, ["上海合作组织", "上合组织"]);
/// ```
pub fn stats(glossary: &Glossary) -> Stats {
    let types = [
        TermType::Term,
        TermType::Person,
        TermType::Place,
        TermType::Org,
        TermType::Title,
        TermType::Abbr,
    ];
    let by_type = types
        .iter()
        .map(|&t| {
            let n = glossary.entries().iter().filter(|e| e.kind == t).count();
            (t, n)
        })
        .collect();
    // key → (first form, zh terms)
    let mut shared: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut renderings = 0;
    let mut forbidden = 0;
    let mut many = Vec::new();
    for e in glossary.entries() {
        let accepted: Vec<&str> = e.accepted().collect();
        renderings += accepted.len();
        forbidden += e.forbidden.len();
        if accepted.len() >= MANY_RENDERINGS {
            many.push((e.zh.clone(), accepted.len()));
        }
        let mut keys: Vec<String> = Vec::new();
        for r in accepted {
            let k = fold_en(r.trim(), true).text.into_owned();
            if keys.contains(&k) {
                continue;
            }
            let slot = shared
                .entry(k.clone())
                .or_insert_with(|| (r.to_string(), Vec::new()));
            slot.1.push(e.zh.clone());
            keys.push(k);
        }
    }
    let mut shared_en: Vec<SharedRendering> = shared
        .into_values()
        .filter(|(_, zh)| zh.len() > 1)
        .map(|(en, zh)| SharedRendering { en, zh })
        .collect();
    shared_en.sort_by(|a, b| b.zh.len().cmp(&a.zh.len()).then_with(|| a.en.cmp(&b.en)));
    many.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Stats {
        entries: glossary.len(),
        by_type,
        renderings,
        forbidden,
        shared_en,
        many_renderings: many,
    }
}

/// The language of `text`: Chinese when at least a tenth of its letters
/// are Han characters.
pub fn detect_lang(text: &str) -> Lang {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        han += is_han(c) as usize;
    }
    if letters > 0 && han * 10 >= letters {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Which of the glossary's terms occur in `text` (Chinese terms in a
/// Chinese text; approved, variant and forbidden renderings in an English
/// one).
pub fn coverage(glossary: &Glossary, matcher: &TermMatcher, text: &str, lang: Lang) -> Coverage {
    let mut counts: BTreeMap<EntryId, usize> = BTreeMap::new();
    let mut hits = 0;
    let chars = text.chars().count();
    let covered_percent;
    match lang {
        Lang::Zh => {
            let found = matcher.find_zh(text);
            let covered: usize = found.iter().map(|h| h.span.chars.len()).sum();
            for h in &found {
                *counts.entry(h.entry).or_default() += 1;
            }
            hits = found.len();
            covered_percent = percent(covered, chars);
        }
        Lang::En => {
            let found = matcher.find_en(text);
            // Nested hits overlap: cover each word once.
            let mut covered_to = 0;
            let mut covered_words = 0;
            for h in &found {
                *counts.entry(h.entry).or_default() += 1;
                hits += 1;
                let s = h.span.bytes.start.max(covered_to);
                if h.span.bytes.end > s {
                    covered_words += text[s..h.span.bytes.end].split_whitespace().count();
                    covered_to = h.span.bytes.end;
                }
            }
            covered_percent = percent(covered_words, text.split_whitespace().count());
        }
    }
    let mut terms: Vec<TermCount> = counts
        .into_iter()
        .map(|(id, count)| {
            let e = glossary.get(id);
            TermCount {
                zh: e.zh.clone(),
                en: e.en.clone(),
                count,
            }
        })
        .collect();
    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.zh.cmp(&b.zh)));
    Coverage {
        lang,
        chars,
        found: terms.len(),
        hits,
        covered_percent,
        terms,
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "entries: {}", self.entries)?;
        writeln!(f, "by type:")?;
        for (t, n) in &self.by_type {
            writeln!(f, "  {:<7}{n:>6}", t.to_string())?;
        }
        writeln!(
            f,
            "renderings: {} accepted, {} forbidden",
            self.renderings, self.forbidden
        )?;
        writeln!(
            f,
            "ambiguity: {} English rendering(s) shared by several terms",
            self.shared_en.len()
        )?;
        for s in &self.shared_en {
            writeln!(f, "  {}: {}", s.en, s.zh.join(", "))?;
        }
        writeln!(
            f,
            "terms with {MANY_RENDERINGS} or more accepted renderings: {}",
            self.many_renderings.len()
        )?;
        for (zh, n) in &self.many_renderings {
            writeln!(f, "  {zh}: {n}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "coverage ({} text, {} chars): {} term(s) found, {} hit(s), {}% of the {} covered",
            self.lang,
            self.chars,
            self.found,
            self.hits,
            self.covered_percent,
            if self.lang == Lang::Zh {
                "chars"
            } else {
                "words"
            }
        )?;
        for t in &self.terms {
            writeln!(f, "  {:>4}  {}  {}", t.count, t.zh, t.en)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Glossary {
        Glossary::from_csv_str(
            "zh,en,variants,forbidden,type\n\
             上海合作组织,Shanghai Cooperation Organization,SCO|Shanghai Cooperation Organisation|SCO bloc,,org\n\
             上合组织,Shanghai Cooperation Organization,SCO,,abbr\n\
             上海精神,Shanghai Spirit,,,term\n\
             习近平,Xi Jinping,Xi,,person\n",
            "t",
        )
        .unwrap()
    }

    #[test]
    fn counts_and_ambiguity() {
        let s = stats(&g());
        assert_eq!(s.entries, 4);
        assert_eq!(s.by_type[0], (TermType::Term, 1));
        assert_eq!(s.by_type[5], (TermType::Abbr, 1));
        assert_eq!(s.renderings, 9);
        let shared: Vec<(&str, usize)> = s
            .shared_en
            .iter()
            .map(|x| (x.en.as_str(), x.zh.len()))
            .collect();
        assert_eq!(
            shared,
            [("SCO", 2), ("Shanghai Cooperation Organization", 2)]
        );
        assert_eq!(s.many_renderings, [("上海合作组织".to_string(), 4)]);
    }

    #[test]
    fn coverage_of_both_languages() {
        let g = g();
        let m = TermMatcher::new(&g).unwrap();
        let zh = "习近平说，上合组织要弘扬上海精神。上海精神";
        assert_eq!(detect_lang(zh), Lang::Zh);
        let c = coverage(&g, &m, zh, Lang::Zh);
        assert_eq!((c.found, c.hits), (3, 4));
        assert_eq!(c.terms[0].zh, "上海精神");
        assert_eq!(c.terms[0].count, 2);
        // 15 of the 21 chars are inside a term.
        assert_eq!(c.covered_percent, 71.4);
        let en = "Xi said the SCO must carry forward the Shanghai Spirit.";
        assert_eq!(detect_lang(en), Lang::En);
        let c = coverage(&g, &m, en, Lang::En);
        // SCO is a rendering of two entries: both are counted.
        assert_eq!(c.found, 4);
        assert_eq!(c.covered_percent, 40.0);
    }
}
