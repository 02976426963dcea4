//! Matching on real text: every seed term in the seed release, their
//! renderings in our English fixtures, and span invariants (property tests).

mod common;

use proptest::prelude::*;
use termalign::Lang;
use termalign::glossary::{Glossary, Rendering, TermMatcher};
use termalign::segment::Segmenter;

fn seed_terms() -> Vec<String> {
    common::read(&common::data("glossary/seed_terms.txt"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(String::from)
        .collect()
}

/// Entry ids hit in the segments of a document.
fn hits(text: &str, lang: Lang, g: &Glossary, m: &TermMatcher) -> Vec<u32> {
    let seg = Segmenter::new(lang).with_protected_terms(g.entries().iter().map(|e| e.zh.clone()));
    let mut ids = Vec::new();
    for s in seg.segment(text) {
        match lang {
            Lang::Zh => ids.extend(m.find_zh(&s.text).iter().map(|h| h.entry.0)),
            Lang::En => ids.extend(
                m.find_en(&s.text)
                    .iter()
                    .filter(|h| !matches!(h.rendering, Rendering::Forbidden(_)))
                    .map(|h| h.entry.0),
            ),
        }
    }
    ids
}

#[test]
fn every_seed_term_is_found_in_the_seed_and_its_rendering_in_english() {
    let g = Glossary::builtin();
    let m = TermMatcher::new(&g).unwrap();
    let terms = seed_terms();
    assert_eq!(terms.len(), 114);
    let zh = common::read(&common::data("sco/zh.txt"));
    let en = common::read(&common::data("sco/en.txt"))
        + "\n\n"
        + &common::read(&common::data("glossary/en_extra.txt"));
    let zh_hits = hits(&zh, Lang::Zh, &g, &m);
    // Most seed terms are hit on their own, not just inside a longer one.
    let alone = terms
        .iter()
        .filter(|t| zh_hits.iter().any(|&h| g.entries()[h as usize].zh == **t))
        .count();
    assert_eq!(alone, 110, "seed terms hit on their own");
    let en_hits = hits(&en, Lang::En, &g, &m);
    let mut missing_zh = Vec::new();
    let mut missing_en = Vec::new();
    for t in &terms {
        let e = g
            .find_zh(t)
            .unwrap_or_else(|| panic!("{t} is not in the glossary"));
        let id = g.entries().iter().position(|x| x.zh == e.zh).unwrap() as u32;
        // Leftmost-longest: a term that only occurs inside a longer term
        // (经济全球化 in 普惠包容的经济全球化) is found as part of that hit.
        let inside_longer = zh_hits
            .iter()
            .any(|&h| g.entries()[h as usize].zh.contains(t.as_str()));
        if !zh_hits.contains(&id) && !inside_longer {
            missing_zh.push(t.as_str());
        }
        if !en_hits.contains(&id) {
            missing_en.push(format!("{t} ({})", e.en));
        }
    }
    assert!(
        missing_zh.is_empty(),
        "not found in the seed: {missing_zh:?}"
    );
    assert!(missing_en.is_empty(), "rendering not found: {missing_en:?}");
}

#[test]
fn english_hits_record_what_was_written() {
    let g = Glossary::builtin();
    let m = TermMatcher::new(&g).unwrap();
    // (text, zh of the entry, found, exact_case)
    let cases = [
        (
            "guided by the Shanghai spirit,",
            "上海精神",
            "Shanghai spirit",
            false,
        ),
        (
            "the Shanghai Spirit’s appeal",
            "上海精神",
            "Shanghai Spirit’s",
            true,
        ),
        (
            "the Shanghai\n  Cooperation Organization",
            "上海合作组织",
            "Shanghai\n  Cooperation Organization",
            true,
        ),
        (
            "a two state solution",
            "两国方案",
            "two state solution",
            true,
        ),
        (
            "the “small yard, high fence” approach",
            "小院高墙",
            "small yard, high fence",
            true,
        ),
        (
            "Belt and Road Initiatives",
            "一带一路",
            "Belt and Road Initiatives",
            true,
        ),
    ];
    for (text, zh, found, exact) in cases {
        let hs = m.find_en(text);
        let h = hs
            .iter()
            .find(|h| g.get(h.entry).zh == zh)
            .unwrap_or_else(|| panic!("{text}: {hs:?}"));
        assert_eq!((h.found.as_str(), h.exact_case), (found, exact), "{text}");
        assert_eq!(&text[h.span.bytes.clone()], found);
    }
}

#[test]
fn chinese_matching_folds_width_and_keeps_spans() {
    let g = Glossary::from_csv_str(
        "zh,en\nＧ２０峰会,G20 summit\n上海精神,Shanghai Spirit\n",
        "t",
    )
    .unwrap();
    let m = TermMatcher::new(&g).unwrap();
    // Fullwidth in the text, halfwidth in the text, a compatibility
    // ideograph (U+F9B4 is 零's twin; here none) and the ideographic space.
    let text = "出席G20峰会\u{3000}和Ｇ２０峰会，弘扬上海精神";
    let hs = m.find_zh(text);
    let got: Vec<(&str, std::ops::Range<usize>)> = hs
        .iter()
        .map(|h| (&text[h.span.bytes.clone()], h.span.chars.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("G20峰会", 2..7),
            ("Ｇ２０峰会", 9..14),
            ("上海精神", 17..21)
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Spans slice back to text that folds to the term, chars agree with
    /// bytes, and hits are in order without overlap.
    #[test]
    fn zh_spans_are_consistent(prefix in "[上海精神合作组织，。Ａ-Ｚａ-ｚ０-９a-z \u{3000}㈠]{0,12}",
                                suffix in "[上海精神合作组织，。Ａ-Ｚ０-９ ㈠]{0,12}") {
        let g = Glossary::from_csv_str("zh,en\n上海精神,Shanghai Spirit\n上海合作组织,SCO\nＡＢ上海,X\n(一)上海,Y\n", "t").unwrap();
        let m = TermMatcher::new(&g).unwrap();
        let text = format!("{prefix}上海精神{suffix}");
        let hs = m.find_zh(&text);
        prop_assert!(!hs.is_empty());
        let mut last = 0;
        for h in &hs {
            let s = &text[h.span.bytes.clone()];
            prop_assert!(h.span.bytes.start >= last);
            last = h.span.bytes.end;
            prop_assert_eq!(text[..h.span.bytes.start].chars().count(), h.span.chars.start);
            prop_assert_eq!(s.chars().count(), h.span.chars.len());
            use unicode_normalization::UnicodeNormalization;
            let folded: String = s.chars().flat_map(|c| std::iter::once(c).nfkc().collect::<Vec<_>>()).collect();
            let term: String = g.get(h.entry).zh.nfkc().collect();
            prop_assert_eq!(folded, term);
        }
    }

    #[test]
    fn en_spans_are_consistent(words in proptest::collection::vec(
        "(the|Shanghai|spirit|Spirit|SCO|sco|Belt|and|Road|-|—|’s|s|\n|  |“|”|Ａ|ı|İ)", 0..30)) {
        let g = Glossary::from_csv_str(
            "zh,en,variants,forbidden\n上海精神,Shanghai Spirit,,\n上合组织,Shanghai Cooperation Organization,SCO,\n一带一路,Belt and Road,,One Belt One Road\n", "t").unwrap();
        let m = TermMatcher::new(&g).unwrap();
        let text = words.join(" ");
        for h in m.find_en(&text) {
            prop_assert_eq!(&text[h.span.bytes.clone()], h.found.as_str());
            prop_assert_eq!(text[..h.span.bytes.start].chars().count(), h.span.chars.start);
            prop_assert_eq!(h.found.chars().count(), h.span.chars.len());
        }
    }
}
