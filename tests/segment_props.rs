//! Property tests of the segmenter's invariants, on random documents built
//! from the pieces real releases are made of (Chinese and English words,
//! end marks, quotes, 《》, abbreviations, datelines, broken lines, blank
//! lines) and on arbitrary Unicode:
//! - nothing is lost or added: the segments hold the input's non-space text;
//! - each span slices back to its segment, byte and char spans agree, spans
//!   are in order and disjoint, no segment is empty or holds a line break;
//! - indices count up, paragraphs and articles never go back;
//! - no break falls inside a protected term.

use proptest::prelude::*;
use termalign::Lang;
use termalign::segment::{Segment, Segmenter};

const ZH_PIECES: &[&str] = &[
    "上海合作组织",
    "习近平",
    "强调",
    "，",
    "。",
    "！",
    "？",
    "？！",
    "……",
    "…",
    "、",
    "；",
    "：",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "（",
    "）",
    "5.2%",
    "SCO",
    "COVID-19",
    "Yahoo!",
    "\n",
    "\n\n",
    " ",
    "　",
    "新华社北京7月5日电 ",
    "标题",
    "ＳＣＯ",
    "！",
    "\"",
    "等",
    "你好！中国",
];

const EN_PIECES: &[&str] = &[
    "The",
    "summit",
    "Xi",
    "said",
    " ",
    " ",
    " ",
    ".",
    ". ",
    "! ",
    "? ",
    "?! ",
    "...",
    ". . . ",
    "\"",
    "'",
    "(",
    ")",
    "[...]",
    "Mr.",
    "U.S.",
    "U.N.",
    "No. 1",
    "Jan. 5",
    "a.m.",
    "J.",
    "I.",
    "5.2",
    "$100.00",
    "1.",
    "2.",
    "a)",
    "b)",
    "• ",
    "\n",
    "\n\n",
    "ASTANA, July 4 (Xinhua) -- ",
    "Ｙａｈｏｏ！",
    "yahoo! Finance",
    "Yahoo! Finance",
    "…",
];

fn doc(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..80).prop_map(|v| v.concat())
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every invariant that holds whatever the input.
fn check_invariants(input: &str, segs: &[Segment]) -> Result<(), TestCaseError> {
    let all: String = segs.iter().map(|s| s.text.as_str()).collect();
    prop_assert_eq!(squeeze(&all), squeeze(input), "nothing lost or added");
    let chars: Vec<char> = input.chars().collect();
    let mut last_end = 0;
    for (i, s) in segs.iter().enumerate() {
        prop_assert_eq!(s.index, i);
        prop_assert!(!s.text.is_empty());
        prop_assert!(!s.text.contains('\n'));
        prop_assert_eq!(s.text.trim(), s.text.as_str());
        let b = s.span.bytes.clone();
        prop_assert!(b.start >= last_end && b.start < b.end, "{:?}", b);
        last_end = b.end;
        let by_bytes = &input[b];
        prop_assert_eq!(squeeze(by_bytes), squeeze(&s.text));
        let by_chars: String = chars[s.span.chars.clone()].iter().collect();
        prop_assert_eq!(by_chars.as_str(), by_bytes);
        if i > 0 {
            prop_assert!(s.paragraph >= segs[i - 1].paragraph);
            prop_assert!(s.article >= segs[i - 1].article);
        }
    }
    Ok(())
}

/// No segment boundary strictly inside an occurrence of `term` in `input`
/// (in English, an occurrence that stands as whole words).
fn check_protected(
    input: &str,
    segs: &[Segment],
    term: &str,
    lang: Lang,
) -> Result<(), TestCaseError> {
    for (at, _) in input.match_indices(term) {
        let end = at + term.len();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let glued = word(input[..at].chars().next_back()) || word(input[end..].chars().next());
        if lang == Lang::En && glued {
            continue;
        }
        let inside = segs
            .iter()
            .any(|s| s.span.bytes.start <= at && end <= s.span.bytes.end);
        prop_assert!(inside, "`{}` at {} split in {:?}", term, at, segs);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn chinese_documents(input in doc(ZH_PIECES)) {
        let seg = Segmenter::new(Lang::Zh).with_protected_terms(["你好！中国"]);
        let segs = seg.segment(&input);
        check_invariants(&input, &segs)?;
        check_protected(&input, &segs, "你好！中国", Lang::Zh)?;
        prop_assert_eq!(segs, seg.segment(&input), "deterministic");
    }

    #[test]
    fn english_documents(input in doc(EN_PIECES)) {
        let seg = Segmenter::new(Lang::En).with_protected_terms(["Yahoo! Finance"]);
        let segs = seg.segment(&input);
        check_invariants(&input, &segs)?;
        check_protected(&input, &segs, "Yahoo! Finance", Lang::En)?;
    }

    #[test]
    fn any_unicode_in_either_language(input in "\\PC*(\n\n?\\PC*){0,4}") {
        for lang in [Lang::Zh, Lang::En] {
            let segs = Segmenter::new(lang).segment(&input);
            check_invariants(&input, &segs)?;
        }
    }
}
