//! `{"findings":[…],"summary":{…}}`, pretty-printed, keys in a fixed order.

use std::io::Write;

use serde::Serialize;

use super::{Report, Reporter, Summary};
use crate::check::Finding;
use crate::error::{Error, ErrorKind, Result};

pub(super) struct JsonReporter;

#[derive(Serialize)]
struct Doc<'a> {
    findings: &'a [Finding],
    summary: &'a Summary,
}

impl Reporter for JsonReporter {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
        let doc = Doc {
            findings: report.findings,
            summary: &report.summary,
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| match e.io_error_kind() {
            Some(_) => Error::io(e.into()),
            None => Error::new(ErrorKind::Format, e.to_string()),
        })?;
        out.write_all(b"\n")?;
        Ok(())
    }
}
