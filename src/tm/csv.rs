//! CSV output: header `zh,en,score,bead,doc,terms`, RFC 4180 quoting.

use std::io::Write;

use serde::Serialize;

use super::{TmWriter, TranslationUnit};
use crate::error::{Error, Result};

#[derive(Serialize)]
struct Row<'a> {
    zh: &'a str,
    en: &'a str,
    score: String,
    bead: &'a str,
    doc: &'a str,
    terms: String,
}

/// Writes every unit, one-sided ones included, as a CSV row.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
    written: usize,
}

impl<W: Write> CsvWriter<W> {
    /// A writer that emits the header with the first row.
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::WriterBuilder::new().from_writer(out),
            written: 0,
        }
    }
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(io),
        other => Error::new(crate::error::ErrorKind::Format, format!("{other:?}")),
    }
}

impl<W: Write> TmWriter for CsvWriter<W> {
    fn write_unit(&mut self, u: &TranslationUnit) -> Result<()> {
        self.inner
            .serialize(Row {
                zh: &u.zh,
                en: &u.en,
                score: format!("{:.3}", u.score),
                bead: &u.bead,
                doc: &u.doc,
                terms: u.terms.join("|"),
            })
            .map_err(csv_err)?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if self.written == 0 {
            // An empty TM still gets its header, so scripts can read it.
            self.inner
                .write_record(["zh", "en", "score", "bead", "doc", "terms"])
                .map_err(csv_err)?;
        }
        self.inner.flush().map_err(Error::io)
    }

    fn written(&self) -> usize {
        self.written
    }
}
