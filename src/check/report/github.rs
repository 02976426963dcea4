//! GitHub Actions workflow commands: `::error file=F,line=L,title=T::MESSAGE`
//! (`::warning`, `::notice`), which the Actions runner turns into
//! annotations on the pull request. Data is escaped as the runner expects
//! (`%`, CR, LF), and property values also escape `:` and `,`.

use std::io::Write;

use super::{Report, Reporter, title};
use crate::check::Severity;
use crate::error::Result;

pub(super) struct GithubReporter;

/// Escape a workflow command's message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value: as [`escape_data`], plus
/// `:` → `%3A` and `,` → `%2C`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        for f in report.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},title={}::{}",
                escape_property(&f.file),
                f.line,
                escape_property(&format!("termalign {}", title(f))),
                escape_data(&format!("{} [unit {}]", f.message, f.unit)),
            )?;
        }
        // A plain line: the runner shows it in the log as is.
        writeln!(out, "termalign: {}", report.summary.line())?;
        Ok(())
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn escape_data() {
        use crate::check::report::escape_data;
        assert_eq!(escape_data("100% done\nnext"), "100%25 done%0Anext");
    }

    #[test]
    fn escape_property() {
        use crate::check::report::escape_property;
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
