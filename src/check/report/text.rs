//! `file:line: severity rule: message`, the form compilers use, which
//! editors and CI logs turn into links; ANSI color only when asked (the CLI
//! asks when standard output is a terminal and `NO_COLOR` is unset).

use std::io::Write;

use super::{Report, Reporter};
use crate::check::Severity;
use crate::error::Result;

pub(super) struct TextReporter {
    pub(super) color: bool,
}

impl Reporter for TextReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        for f in report.findings {
            let sev = if self.color {
                let code = match f.severity {
                    Severity::Error => "1;31",
                    Severity::Warning => "1;33",
                    Severity::Note => "1;36",
                };
                format!("\x1b[{code}m{}\x1b[0m", f.severity)
            } else {
                f.severity.to_string()
            };
            // One line per finding, whatever the text holds.
            let message = f.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{}:{}: {sev} {}: {message} [unit {}]",
                f.file,
                f.line,
                f.rule.id(),
                f.unit
            )?;
        }
        writeln!(out, "{}", report.summary.line())?;
        Ok(())
    }
}
