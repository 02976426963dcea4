//! Planted errors: the SCO fixture's aligned pairs (clean: no errors), with
//! one error of each rule planted in its own unit; each must be found on
//! that unit, and nothing else may change.

mod check_support;

use check_support::sco_units;
use proptest::prelude::*;
use termalign::check::{CheckOptions, Checker, Finding, Rule, Severity};
use termalign::glossary::Glossary;
use termalign::tm::ReadUnit;

fn checker() -> Checker {
    Checker::new(Glossary::builtin(), CheckOptions::default()).unwrap()
}

/// The index of the first unit whose target holds `needle` (and whose
/// source holds `zh`), so plants do not depend on the aligner's numbering.
fn unit_with(units: &[ReadUnit], zh: &str, needle: &str, skip: &[usize]) -> usize {
    units
        .iter()
        .enumerate()
        .position(|(i, u)| !skip.contains(&i) && u.source.contains(zh) && u.target.contains(needle))
        .unwrap_or_else(|| panic!("no unit with {zh} / {needle}"))
}

/// A unit of its own (number 1, line 1 of a file named `t`).
fn one_unit(zh: &str, en: &str) -> ReadUnit {
    ReadUnit {
        number: 1,
        file: "t".into(),
        line: 1,
        source: zh.into(),
        target: en.into(),
        ..ReadUnit::default()
    }
}

fn on(findings: &[Finding], unit: usize) -> Vec<&Finding> {
    findings.iter().filter(|f| f.unit == unit).collect()
}

#[test]
fn clean_tm_has_no_errors() {
    let units = sco_units();
    assert!(units.len() >= 50, "{} units", units.len());
    let run = checker().check(&units).unwrap();
    let errors: Vec<_> = run
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The warnings the clean sample has are few and each is explained in
    // the README (generic term, title case in a headline, reworded names).
    assert!(run.findings.len() <= 6, "{:#?}", run.findings);
}

#[test]
fn each_planted_error_is_found_on_its_unit() {
    let clean = sco_units();
    let clean_run = checker().check(&clean).unwrap();
    let mut units = clean.clone();
    let mut planted: Vec<(usize, Rule, Option<&str>, Option<&str>)> = Vec::new();
    let mut used = Vec::new();

    let plant =
        |units: &mut Vec<ReadUnit>, used: &mut Vec<usize>, zh: &str, from: &str, to: &str| {
            let i = unit_with(units, zh, from, used);
            used.push(i);
            units[i].target = units[i].target.replacen(from, to, 1);
            i
        };

    let i = plant(
        &mut units,
        &mut used,
        "上海精神",
        "Shanghai Spirit",
        "founding ethos",
    );
    planted.push((i, Rule::TermMissing, Some("上海精神"), None));
    let i = plant(
        &mut units,
        &mut used,
        "一带一路",
        "Belt and Road",
        "One Belt, One Road",
    );
    planted.push((
        i,
        Rule::TermForbidden,
        Some("一带一路"),
        Some("One Belt, One Road"),
    ));
    let i = plant(
        &mut units,
        &mut used,
        "上海精神",
        "Shanghai Spirit",
        "Shanghai spirit",
    );
    planted.push((i, Rule::TermCase, Some("上海精神"), Some("Shanghai spirit")));
    let i = plant(&mut units, &mut used, "古特雷斯", "Guterres", "Gutteres");
    planted.push((i, Rule::TermNearMiss, Some("古特雷斯"), None));
    let i = plant(&mut units, &mut used, "23年", "23 years", "25 years");
    planted.push((i, Rule::NumberMismatch, Some("23"), None));
    let i = unit_with(&units, "小院高墙", "small yard", &used);
    used.push(i);
    units[i].target = units[i].source.clone();
    planted.push((i, Rule::Untranslated, None, None));

    // Across units: a second translation of an existing source, and an
    // existing translation reused for another source (on a 1:1 tie the
    // alphabetically first is the reference: the plants sort after).
    let n = units.len();
    let mut quiet = used.clone();
    quiet.extend(clean_run.findings.iter().map(|f| f.unit - 1));
    let a = unit_with(&units, "", "posed for", &quiet);
    let mut dup = units[a].clone();
    dup.target = dup.target.replacen("posed for", "stood for", 1);
    dup.number = n + 1;
    units.push(dup);
    planted.push((n, Rule::InconsistentTarget, None, Some("stood for")));
    let b = unit_with(&units, "", "Cold War", &quiet);
    let mut reuse = units[b].clone();
    reuse.source = reuse.source.replacen("尚待弥合", "尚待进一步弥合", 1);
    reuse.number = n + 2;
    units.push(reuse);
    planted.push((n + 1, Rule::InconsistentSource, None, None));

    let run = checker().check(&units).unwrap();
    for &(i, rule, term, found) in &planted {
        let got = on(&run.findings, units[i].number);
        let hit = got
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("unit {}: no {rule}: {got:#?}", i + 1));
        assert_eq!(hit.term.as_deref(), term.or(hit.term.as_deref()), "{rule}");
        if let Some(found) = found {
            assert!(
                hit.found.as_deref().is_some_and(|f| f.contains(found)),
                "{rule}: {hit:#?}"
            );
        }
        assert_eq!(hit.line, units[i].line);
        assert_eq!(hit.file, units[i].file);
        assert_eq!(hit.severity, rule.default_severity(), "{rule}");
        // Only what was planted (plus what the clean unit already had).
        let before = i < clean.len();
        for f in &got {
            let was = before
                && on(&clean_run.findings, units[i].number)
                    .iter()
                    .any(|c| c.rule == f.rule && c.term == f.term);
            assert!(f.rule == rule || was, "unit {}: extra {f:#?}", i + 1);
        }
    }
    // The near miss names the misspelling and replaces term-missing.
    let nm = run
        .findings
        .iter()
        .find(|f| f.rule == Rule::TermNearMiss && f.term.as_deref() == Some("古特雷斯"))
        .unwrap();
    assert!(nm.found.as_deref().unwrap().contains("Gutteres"), "{nm:#?}");
    assert!(!run.findings.iter().any(|f| f.rule == Rule::TermMissing
        && f.unit == nm.unit
        && f.term.as_deref() == Some("古特雷斯")));
    // Untouched units report exactly what they did before.
    let touched: Vec<usize> = planted.iter().map(|p| units[p.0].number).collect();
    let rest = |fs: &[Finding]| -> Vec<Finding> {
        fs.iter()
            .filter(|f| !touched.contains(&f.unit))
            .cloned()
            .collect()
    };
    assert_eq!(rest(&run.findings), rest(&clean_run.findings));
}

#[test]
fn waivers_drop_only_the_named_rule_on_that_unit() {
    let mut units = sco_units();
    let i = unit_with(&units, "上海精神", "Shanghai Spirit", &[]);
    units[i].target = units[i].target.replace("Shanghai Spirit", "founding ethos");
    let j = unit_with(&units, "上海精神", "Shanghai Spirit", &[i]);
    units[j].target = units[j].target.replace("Shanghai Spirit", "founding ethos");
    units[i]
        .props
        .push(("x-termalign-waive".into(), "term-missing".into()));
    units[j]
        .props
        .push(("x-termalign-waive".into(), "term-case, untranslated".into()));
    let run = checker().check(&units).unwrap();
    let missing = |n| {
        run.findings
            .iter()
            .any(|f| f.unit == n && f.rule == Rule::TermMissing)
    };
    assert!(!missing(units[i].number));
    assert!(missing(units[j].number));
    assert_eq!(run.waived, 1);

    units[j].props.push(("waive".into(), "term-mising".into()));
    let err = checker().check(&units).unwrap_err();
    assert_eq!(err.line(), Some(units[j].line));
    assert!(
        err.to_string().contains("unknown rule `term-mising`"),
        "{err}"
    );
}

#[test]
fn rules_can_be_turned_off_and_reweighted() {
    let mut units = sco_units();
    let i = unit_with(&units, "一带一路", "Belt and Road", &[]);
    units[i].target = units[i]
        .target
        .replace("Belt and Road", "One Belt, One Road");
    let mut o = CheckOptions::default();
    o.set_severity(Rule::TermForbidden, Severity::Note);
    o.disable(Rule::TermCase);
    o.disable(Rule::TermNearMiss);
    let run = Checker::new(Glossary::builtin(), o)
        .unwrap()
        .check(&units)
        .unwrap();
    let f = run
        .findings
        .iter()
        .find(|f| f.rule == Rule::TermForbidden)
        .unwrap();
    assert_eq!(f.severity, Severity::Note);
    assert!(
        !run.findings
            .iter()
            .any(|f| matches!(f.rule, Rule::TermCase | Rule::TermNearMiss))
    );
}

#[test]
fn near_miss_thresholds_table() {
    let g = Glossary::from_csv_str(
        "zh,en,variants,type\n\
         古特雷斯,António Guterres,Guterres,person\n\
         一带一路,Belt and Road,BRI,term\n\
         俄罗斯,Russia,,place\n\
         奥地利,Austria,,place\n\
         哈萨克斯坦,Kazakhstan,,place\n\
         小院高墙,\"small yard, high fence\",,term\n",
        "t.csv",
    )
    .unwrap();
    let c = Checker::new(g, CheckOptions::default()).unwrap();
    // (source, target, expected rule, found)
    let cases: &[(&str, &str, Option<Rule>, &str)] = &[
        (
            "古特雷斯说",
            "Gutteres said",
            Some(Rule::TermNearMiss),
            "Gutteres",
        ),
        // A variant (Guterres) is in it: accepted, accent or not.
        ("古特雷斯说", "Antonio Guterres said", None, ""),
        ("古特雷斯说", "Guterres said", None, ""),
        ("古特雷斯说", "He said", Some(Rule::TermMissing), ""),
        (
            "一带一路",
            "the Belt-and-Road plan",
            Some(Rule::TermNearMiss),
            "Belt-and-Road",
        ),
        (
            "一带一路",
            "the Belt and Raod plan",
            Some(Rule::TermNearMiss),
            "Belt and Raod",
        ),
        (
            "一带一路",
            "the belt and road plan",
            Some(Rule::TermCase),
            "belt and road",
        ),
        (
            "一带一路",
            "the Silk Road plan",
            Some(Rule::TermMissing),
            "",
        ),
        (
            "小院高墙",
            "a small yard high fence",
            Some(Rule::TermNearMiss),
            "small yard high fence",
        ),
        // Adjectives of places are renderings, not misses.
        ("俄罗斯总统", "the Russian President", None, ""),
        ("哈萨克斯坦总统", "the Kazakh President", None, ""),
        ("俄罗斯", "the Russians", Some(Rule::TermMissing), ""),
        (
            "奥地利总统",
            "the Australian President",
            Some(Rule::TermMissing),
            "",
        ),
    ];
    for &(zh, en, rule, found) in cases {
        let unit = one_unit(zh, en);
        let got = c.check_unit(&unit);
        let rules: Vec<Rule> = got.iter().map(|f| f.rule).collect();
        match rule {
            None => assert!(got.is_empty(), "{en}: {got:#?}"),
            Some(r) => {
                assert_eq!(rules, [r], "{en}: {got:#?}");
                if !found.is_empty() {
                    assert_eq!(got[0].found.as_deref(), Some(found), "{en}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// Findings come in input order and do not depend on the order of the
    /// other units (per-unit rules), and fingerprints do not depend on the
    /// unit's number or line.
    #[test]
    fn order_and_position_do_not_change_findings(seed in any::<u64>()) {
        let units = sco_units();
        let c = checker();
        let base = c.check(&units).unwrap();
        let mut shuffled = units.clone();
        // A cheap deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        for (k, u) in shuffled.iter_mut().enumerate() {
            u.line += 1000;
            u.number = k + 1;
        }
        let run = c.check(&shuffled).unwrap();
        let pos: Vec<usize> = run.findings.iter().map(|f| f.unit).collect();
        let mut sorted = pos.clone();
        sorted.sort();
        prop_assert_eq!(&pos, &sorted);
        let mut a: Vec<&str> = base.findings.iter().map(|f| f.fingerprint.as_str()).collect();
        let mut b: Vec<&str> = run.findings.iter().map(|f| f.fingerprint.as_str()).collect();
        a.sort();
        b.sort();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn number_mismatch_table() {
    let c = Checker::new(Glossary::new(), CheckOptions::default()).unwrap();
    // (source, target, keys reported)
    let cases: &[(&str, &str, &[&str])] = &[
        ("七月四日会谈。", "Talks on July 4.", &[]),
        ("七月四日会谈。", "Talks on July 5.", &["date:7-4"]),
        ("一月会谈。", "Talks in February.", &["month:1"]),
        ("第一次会谈。", "The 1st round of talks.", &[]),
        ("第一次会谈。", "The second round of talks.", &["1"]),
        (
            "成立23年，成员国增加到10个。",
            "In 23 years the members grew to ten.",
            &[],
        ),
        ("共1000人。", "1,000 people.", &[]),
        ("一带一路。", "Belt and Road.", &[]),
        (
            "7月4日电 当地时间7月4日上午",
            "July 4 -- on Thursday morning",
            &[],
        ),
    ];
    for &(zh, en, want) in cases {
        let unit = one_unit(zh, en);
        let got: Vec<String> = c
            .check_unit(&unit)
            .into_iter()
            .filter(|f| f.rule == Rule::NumberMismatch)
            .map(|f| f.expected.unwrap())
            .collect();
        assert_eq!(got, want, "{zh} / {en}");
    }
}

/// number-mismatch severity: a figure the target changed is an error, a
/// figure it left out a warning, and one figure written four ways is one.
#[test]
fn number_mismatch_severity() {
    let c = Checker::new(Glossary::new(), CheckOptions::default()).unwrap();
    let check = |zh: &str, en: &str| -> Vec<(Severity, String)> {
        let unit = one_unit(zh, en);
        c.check_unit(&unit)
            .into_iter()
            .filter(|f| f.rule == Rule::NumberMismatch)
            .map(|f| (f.severity, f.message))
            .collect()
    };
    // Different on both sides: an error naming both figures.
    assert_eq!(
        check(
            "3000名代表出席会议。",
            "300 delegates attended the meeting."
        ),
        [(
            Severity::Error,
            "3000 is in the source, 300 in the target".to_string()
        )]
    );
    assert_eq!(
        check("增长5.2%。", "It grew by 5.3 percent.")[0].0,
        Severity::Error
    );
    // Missing from the target: a warning.
    assert_eq!(
        check(
            "3000名代表出席会议。",
            "The delegates attended the meeting."
        ),
        [(
            Severity::Warning,
            "3000 is in the source but not in the target".to_string()
        )]
    );
    // Equal however written.
    for zh in ["1000名代表出席。", "1,000名代表出席。", "一千名代表出席。"] {
        for en in [
            "1,000 delegates attended.",
            "1000 delegates attended.",
            "One thousand delegates attended.",
            "one thousand delegates attended.",
        ] {
            assert_eq!(check(zh, en), [], "{zh} / {en}");
        }
    }
    // A rounded figure is the same figure.
    assert_eq!(
        check("达到471495亿元。", "It reached 47.15 trillion yuan."),
        []
    );
    // Ambiguous or implausible pairings stay warnings: times of day move
    // to the 12-hour clock, a scale word changes a figure a thousandfold.
    for (zh, en) in [
        ("14时28分发生地震。", "The quake struck at 2:28 p.m."),
        ("增加到121万。", "It rose to 121 trillion."),
        (
            "成立23年，有10个成员。",
            "In 25 years it grew to 12 members.",
        ),
    ] {
        let got = check(zh, en);
        assert!(!got.is_empty(), "{zh}");
        assert!(
            got.iter().all(|(s, _)| *s == Severity::Warning),
            "{zh}: {got:?}"
        );
    }
    // The missing-number severity is configurable and capped at the rule's.
    let mut o = CheckOptions::default();
    o.missing_number_severity = Severity::Error;
    o.set_severity(Rule::NumberMismatch, Severity::Warning);
    let c = Checker::new(Glossary::new(), o).unwrap();
    let unit = ReadUnit {
        source: "3000名代表。".into(),
        target: "Delegates.".into(),
        ..ReadUnit::default()
    };
    assert_eq!(c.check_unit(&unit)[0].severity, Severity::Warning);
}
