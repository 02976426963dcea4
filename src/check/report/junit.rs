//! JUnit XML, as GitLab (`artifacts:reports:junit`) and Jenkins read it:
//! one `<testsuite>`, one `<testcase>` per unit with findings. A unit with a
//! finding at or above `--fail-on` has one `<failure>` listing all its
//! findings (parsers keep one failure per testcase); a unit whose findings
//! are all below it passes, with them in `<system-out>`, so the test
//! results agree with the exit status.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Report, Reporter};
use crate::check::Finding;
use crate::error::Result;

pub(super) struct JunitReporter;

impl Reporter for JunitReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        // Findings are in input order, so a unit's findings are adjacent.
        let mut cases: Vec<&[Finding]> = Vec::new();
        let mut rest = report.findings;
        while let Some(first) = rest.first() {
            let n = rest
                .iter()
                .take_while(|f| f.file == first.file && f.unit == first.unit)
                .count();
            cases.push(&rest[..n]);
            rest = &rest[n..];
        }
        let failing = |c: &[Finding]| c.iter().any(|f| report.summary.fails(f.severity));
        let tests = cases.len().to_string();
        let failures = cases.iter().filter(|c| failing(c)).count().to_string();

        let mut x = Writer::new_with_indent(out, b' ', 2);
        x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let counts = [
            ("name", "termalign check"),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
            ("skipped", "0"),
        ];
        x.write_event(Event::Start(
            BytesStart::new("testsuites").with_attributes(counts),
        ))?;
        x.write_event(Event::Start(
            BytesStart::new("testsuite").with_attributes(counts),
        ))?;
        for case in &cases {
            let f0 = &case[0];
            let name = format!("unit {} (line {})", f0.unit, f0.line);
            let line = f0.line.to_string();
            x.write_event(Event::Start(BytesStart::new("testcase").with_attributes([
                ("classname", clean(&f0.file).as_str()),
                ("name", name.as_str()),
                ("file", clean(&f0.file).as_str()),
                ("line", line.as_str()),
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
            if failing(case) {
                let worst = case
                    .iter()
                    .filter(|f| report.summary.fails(f.severity))
                    .map(|f| f.rule.id())
                    .collect::<Vec<_>>();
                let message = if case.len() == 1 {
                    clean(&f0.message)
                } else {
                    format!("{} findings: {}", case.len(), worst.join(", "))
                };
                x.write_event(Event::Start(
                    BytesStart::new("failure")
                        .with_attributes([("type", worst[0]), ("message", message.as_str())]),
                ))?;
                x.write_event(Event::Text(BytesText::new(&clean(&body))))?;
                x.write_event(Event::End(BytesEnd::new("failure")))?;
            } else {
                x.write_event(Event::Start(BytesStart::new("system-out")))?;
                x.write_event(Event::Text(BytesText::new(&clean(&body))))?;
                x.write_event(Event::End(BytesEnd::new("system-out")))?;
            }
            x.write_event(Event::End(BytesEnd::new("testcase")))?;
        }
        x.write_event(Event::End(BytesEnd::new("testsuite")))?;
        x.write_event(Event::End(BytesEnd::new("testsuites")))?;
        x.into_inner().write_all(b"\n")?;
        Ok(())
    }
}

/// Drop the characters XML 1.0 cannot hold.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}
