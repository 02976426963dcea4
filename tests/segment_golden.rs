//! Segmentation quality, measured against gold with floors: the English
//! Golden Rules (pySBD's packaging of the Pragmatic Segmenter rules), the two
//! Chinese Golden Rules, and our own Chinese and English news cases.
//!
//! Each case is a whole document given to `Segmenter::segment` (layout and
//! rules together), with the segments' texts compared to the expected list.

mod common;

use serde::Deserialize;
use termalign::Lang;
use termalign::segment::Segmenter;

#[derive(Debug, Deserialize)]
struct Case {
    text: String,
    expected: Vec<String>,
    #[serde(default)]
    rule: String,
    /// Glossary terms to protect for this case (our own cases only).
    #[serde(default)]
    protect: Vec<String>,
    /// The article number of each expected segment, when the case checks it.
    #[serde(default)]
    articles: Option<Vec<usize>>,
}

fn load(path: &std::path::Path) -> Vec<Case> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Run every case; return the failures as printable lines.
fn run(lang: Lang, cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let seg = Segmenter::new(lang).with_protected_terms(&case.protect);
        let segments = seg.segment(&case.text);
        let got: Vec<String> = segments.iter().map(|s| s.text.clone()).collect();
        let got_articles: Vec<usize> = segments.iter().map(|s| s.article).collect();
        let articles_ok = case.articles.as_ref().is_none_or(|a| *a == got_articles);
        if got != case.expected || !articles_ok {
            failures.push(format!(
                "  #{} {}\n    want {:?} articles {:?}\n    got  {:?} articles {:?}",
                i + 1,
                case.rule,
                case.expected,
                case.articles,
                got,
                got_articles
            ));
        }
    }
    failures
}

fn report(name: &str, total: usize, failures: &[String]) {
    eprintln!("{name}: {}/{total} passed", total - failures.len());
    for f in failures {
        eprintln!("{f}");
    }
}

#[test]
fn golden_rules_en_all_48_pass() {
    let Some(path) = common::shared("segmentation/golden_rules_en.json") else {
        return;
    };
    let cases = load(&path);
    assert_eq!(cases.len(), 48);
    let failures = run(Lang::En, &cases);
    report("golden rules (en)", cases.len(), &failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_rules_zh_all_pass() {
    let Some(path) = common::shared("segmentation/golden_rules_zh.json") else {
        return;
    };
    let cases = load(&path);
    let failures = run(Lang::Zh, &cases);
    report("golden rules (zh)", cases.len(), &failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn own_zh_cases_all_pass() {
    let cases = load(&common::data("segment/zh_cases.json"));
    assert!(cases.len() >= 20, "only {} cases", cases.len());
    let failures = run(Lang::Zh, &cases);
    report("own cases (zh)", cases.len(), &failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn own_en_cases_all_pass() {
    let cases = load(&common::data("segment/en_cases.json"));
    let failures = run(Lang::En, &cases);
    report("own cases (en)", cases.len(), &failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Issue 16: release furniture, lists, brackets, ellipses, fragments and
/// the English news cases (rule 18, consecutive quotes, time stamps).
#[test]
fn news_cases_zh_all_pass() {
    let cases = load(&common::data("segment/news_cases_zh.json"));
    let failures = run(Lang::Zh, &cases);
    report("news cases (zh)", cases.len(), &failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn news_cases_en_all_pass() {
    let cases = load(&common::data("segment/news_cases_en.json"));
    let failures = run(Lang::En, &cases);
    report("news cases (en)", cases.len(), &failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
