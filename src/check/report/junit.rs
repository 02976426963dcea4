//! JUnit XML, valid against the schema Jenkins' xunit plugin and most CI
//! servers validate with (`junit-10.xsd`), as GitLab
//! (`artifacts:reports:junit`) and Jenkins read it.
//!
//! One `<testsuite>` per input file (its `name` and `file` are the file),
//! one `<testcase>` per unit with findings, named `unit N (line L)` with
//! the file as `classname`. The schema has no `file`/`line` attributes on
//! a testcase, so the location is in the name and in every line of the
//! body (`file:line: severity rule: message`).
//!
//! - A unit with a finding at or above `--fail-on` has one `<failure>`
//!   (parsers keep one per testcase) listing all its findings.
//! - A unit whose findings are all below `--fail-on` (warnings, by
//!   default) is `<skipped>`, with the findings in its message and body:
//!   CI servers list skipped tests with their message but do not fail the
//!   build for them, so the test results agree with the exit status.
//! - A run without findings has one passing testcase saying how many units
//!   were checked: CI servers treat a report without tests as an error.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Report, Reporter};
use crate::check::Finding;
use crate::error::Result;

pub(super) struct JunitReporter;

/// Counts of one suite, or of all of them.
#[derive(Default)]
struct Counts {
    tests: usize,
    failures: usize,
    skipped: usize,
}

impl Reporter for JunitReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        let failing = |c: &[Finding]| c.iter().any(|f| report.summary.fails(f.severity));
        // Findings are in input order, so a unit's findings are adjacent,
        // and so are a file's units.
        let mut suites: Vec<Vec<&[Finding]>> = Vec::new();
        let mut rest = report.findings;
        while let Some(first) = rest.first() {
            let n = rest
                .iter()
                .take_while(|f| f.file == first.file && f.unit == first.unit)
                .count();
            match suites.last_mut() {
                Some(s) if s[0][0].file == first.file => s.push(&rest[..n]),
                _ => suites.push(vec![&rest[..n]]),
            }
            rest = &rest[n..];
        }
        let count = |cases: &[&[Finding]]| {
            let failures = cases.iter().filter(|c| failing(c)).count();
            Counts {
                tests: cases.len(),
                failures,
                skipped: cases.len() - failures,
            }
        };
        let mut total = Counts::default();
        for s in &suites {
            let c = count(s);
            total.tests += c.tests;
            total.failures += c.failures;
            total.skipped += c.skipped;
        }
        let clean_run = suites.is_empty();
        if clean_run {
            total.tests = 1;
        }

        let mut x = Writer::new_with_indent(out, b' ', 2);
        x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let (tests, failures) = (total.tests.to_string(), total.failures.to_string());
        // `skipped` is allowed on <testsuite> only.
        x.write_event(Event::Start(BytesStart::new("testsuites").with_attributes(
            [
                ("name", "termalign check"),
                ("tests", tests.as_str()),
                ("failures", failures.as_str()),
                ("errors", "0"),
            ],
        )))?;
        if clean_run {
            x.write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
                [
                    ("name", "termalign check"),
                    ("tests", "1"),
                    ("failures", "0"),
                    ("errors", "0"),
                    ("skipped", "0"),
                ],
            )))?;
            let name = format!("{}: no findings", report.summary.line());
            x.write_event(Event::Empty(BytesStart::new("testcase").with_attributes([
                ("classname", "termalign"),
                ("name", clean(&name).as_str()),
            ])))?;
            x.write_event(Event::End(BytesEnd::new("testsuite")))?;
        }
        for cases in &suites {
            let file = clean(&cases[0][0].file);
            let c = count(cases);
            let (tests, failures, skipped) = (
                c.tests.to_string(),
                c.failures.to_string(),
                c.skipped.to_string(),
            );
            x.write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
                [
                    ("name", file.as_str()),
                    ("tests", tests.as_str()),
                    ("failures", failures.as_str()),
                    ("errors", "0"),
                    ("skipped", skipped.as_str()),
                    ("file", file.as_str()),
                ],
            )))?;
            for case in cases {
                write_case(&mut x, case, failing(case), report)?;
            }
            x.write_event(Event::End(BytesEnd::new("testsuite")))?;
        }
        x.write_event(Event::End(BytesEnd::new("testsuites")))?;
        x.into_inner().write_all(b"\n")?;
        Ok(())
    }
}

/// One unit's testcase: a failure, or skipped with its findings.
fn write_case(
    x: &mut Writer<&mut dyn Write>,
    case: &[Finding],
    failing: bool,
    report: &Report<'_>,
) -> Result<()> {
    let f0 = &case[0];
    let name = format!("unit {} (line {})", f0.unit, f0.line);
    x.write_event(Event::Start(BytesStart::new("testcase").with_attributes([
        ("classname", clean(&f0.file).as_str()),
        ("name", name.as_str()),
    ])))?;
    let body: String = case
        .iter()
        .map(|f| {
            format!(
                "{}:{}: {} {}: {}\n",
                f.file,
                f.line,
                f.severity,
                f.rule.id(),
                f.message
            )
        })
        .collect();
    // The findings that decide the outcome: those at or above --fail-on
    // for a failure, all of them for a skipped unit.
    let shown: Vec<&Finding> = case
        .iter()
        .filter(|f| !failing || report.summary.fails(f.severity))
        .collect();
    let message = if case.len() == 1 {
        format!("{} {}: {}", f0.severity, f0.rule.id(), f0.message)
    } else {
        let ids: Vec<String> = shown
            .iter()
            .map(|f| format!("{} {}", f.severity, f.rule.id()))
            .collect();
        format!("{} findings: {}", case.len(), ids.join(", "))
    };
    let (element, kind) = if failing {
        ("failure", shown[0].rule.id())
    } else {
        ("skipped", shown[0].severity.as_str())
    };
    x.write_event(Event::Start(
        BytesStart::new(element).with_attributes([("type", kind), ("message", &clean(&message))]),
    ))?;
    x.write_event(Event::Text(BytesText::new(&clean(&body))))?;
    x.write_event(Event::End(BytesEnd::new(element)))?;
    x.write_event(Event::End(BytesEnd::new("testcase")))?;
    Ok(())
}

/// Drop the characters XML 1.0 cannot hold.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}
