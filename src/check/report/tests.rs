//! Expected-string tests of every format on a fixed set of findings.

use super::*;
use crate::check::baseline::fingerprint;

fn finding(rule: Rule, severity: Severity, unit: usize, line: u64, message: &str) -> Finding {
    Finding {
        rule,
        severity,
        unit,
        file: "tm/a,b:c.tmx".into(),
        line,
        term: Some("上海精神".into()),
        source_term: None,
        expected: Some("Shanghai Spirit".into()),
        found: Some("Shanghai spirit".into()),
        message: message.into(),
        fingerprint: fingerprint(rule, "s", "t", None, None),
    }
}

fn sample() -> Vec<Finding> {
    vec![
        finding(Rule::TermMissing, Severity::Error, 2, 11, "missing"),
        finding(Rule::TermCase, Severity::Warning, 2, 11, "100% wrong\ncase"),
        finding(Rule::TermCase, Severity::Warning, 5, 40, "case <&>"),
    ]
}

fn render(format: Format, findings: &[Finding], fail_on: Option<Severity>) -> String {
    let report = Report {
        findings,
        summary: Summary::new(findings, 9, 1, 0, fail_on),
    };
    let mut out = Vec::new();
    format.reporter(false).write(&report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn text_lines() {
    let got = render(Format::Text, &sample(), Some(Severity::Error));
    assert_eq!(
        got,
        "tm/a,b:c.tmx:11: error term-missing: missing [unit 2]\n\
         tm/a,b:c.tmx:11: warning term-case: 100% wrong case [unit 2]\n\
         tm/a,b:c.tmx:40: warning term-case: case <&> [unit 5]\n\
         checked 9 units: 1 error, 2 warnings, 0 notes (1 waived, 0 in the baseline)\n"
    );
}

#[test]
fn github_commands_escape() {
    let got = render(Format::Github, &sample(), Some(Severity::Error));
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=tm/a%2Cb%3Ac.tmx,line=11,title=termalign term-missing 上海精神::missing [unit 2]"
    );
    assert_eq!(
        lines[1],
        "::warning file=tm/a%2Cb%3Ac.tmx,line=11,title=termalign term-case 上海精神::100%25 wrong%0Acase [unit 2]"
    );
    assert_eq!(lines.len(), 4);
    for (raw, want) in [
        ("a%b", "a%25b"),
        ("a\r\nb", "a%0D%0Ab"),
        ("x,y:z", "x%2Cy%3Az"),
    ] {
        assert_eq!(escape_property(raw), want);
    }
    assert_eq!(escape_data("x,y:z%"), "x,y:z%25");
}

#[test]
fn json_round_trips() {
    let got = render(Format::Json, &sample(), Some(Severity::Warning));
    let v: serde_json::Value = serde_json::from_str(&got).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
    assert_eq!(v["findings"][1]["rule"], "term-case");
    assert_eq!(v["findings"][1]["severity"], "warning");
    assert_eq!(v["findings"][1]["unit"], 2);
    assert_eq!(v["findings"][1]["expected"], "Shanghai Spirit");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["by_rule"]["term-case"], 2);
    assert_eq!(v["summary"]["fail_on"], "warning");
    assert_eq!(v["summary"]["failed"], true);
}

#[test]
fn junit_groups_units_and_follows_fail_on() {
    let got = render(Format::Junit, &sample(), Some(Severity::Error));
    assert!(got.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    // Unit 2 fails (an error), unit 5 passes (a warning below --fail-on).
    assert_eq!(got.matches("<testcase ").count(), 2);
    assert_eq!(got.matches("<failure ").count(), 1);
    assert!(got.contains("tests=\"2\" failures=\"1\""));
    assert!(got.contains("case &lt;&amp;&gt;"));
    let never = render(Format::Junit, &sample(), None);
    assert_eq!(never.matches("<failure ").count(), 0);
}

#[test]
fn empty_reports_are_valid() {
    for format in Format::ALL {
        let got = render(format, &[], Some(Severity::Error));
        assert!(!got.is_empty(), "{format}");
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_str::<serde_json::Value>(&got).unwrap();
        }
    }
}
