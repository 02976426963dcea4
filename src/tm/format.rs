//! The table of translation-memory output formats. Each format is one file
//! with a [`WriterSpec`] (how to build its writer) and one row here (its
//! name, extensions and spec); names, parsing, extension mapping, help
//! lists and [`TmOutput`](super::TmOutput) all read this table. Writers
//! depend only on [`super::write`], never on this table.

use super::write::WriterSpec;
use super::{beads, delimited, jsonl, moses, tmx};
use crate::format_table::{FormatTable, format_table};

format_table! {
    /// Output formats for translation memory.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format ("format") -> WriterSpec {
        /// TMX 1.4b.
        Tmx = "tmx" ext ["tmx"] => tmx::write::SPEC,
        /// Comma-separated values with a header row (`zh,en,score,bead,doc,terms`).
        Csv = "csv" ext ["csv"] => delimited::write::CSV_SPEC,
        /// Tab-separated values, same columns, no quoting.
        Tsv = "tsv" ext ["tsv", "tab"] => delimited::write::TSV_SPEC,
        /// Parallel text for MT training: `OUT.zh` and `OUT.en`, one segment
        /// per line.
        Moses = "moses" => moses::SPEC,
        /// One bead per line: `zh_indices<TAB>en_indices<TAB>confidence`.
        Beads = "beads" ext ["beads"] => beads::SPEC,
        /// One JSON object per bead, with its texts.
        Jsonl = "jsonl" ext ["jsonl"] => jsonl::SPEC,
    }
}

impl Format {
    /// Guess from a file name's extension (`.tmx`, `.csv`, `.tsv`/`.tab`,
    /// `.jsonl`, `.beads`).
    ///
    /// ```
    /// use termalign::tm::Format;
    /// assert_eq!(Format::from_path("a/b.TMX".as_ref()), Some(Format::Tmx));
    /// assert_eq!(Format::from_path("b.tab".as_ref()), Some(Format::Tsv));
    /// assert_eq!(Format::from_path("b.txt".as_ref()), None);
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        Format::from_extension(path)
    }

    /// The formats that can be written from an existing memory (every
    /// format but those that need sentence indices), for `tm convert`.
    pub fn from_memory() -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(|f| !f.spec().needs_indices)
    }

    /// For a format that writes more than one file, what it writes:
    /// `writes two files (OUT.zh and OUT.en)`.
    pub fn files_note(self) -> Option<String> {
        let files = self.spec().files;
        if files.len() < 2 {
            return None;
        }
        let count = match files.len() {
            2 => "two".to_string(),
            3 => "three".to_string(),
            n => n.to_string(),
        };
        let names: Vec<String> = files.iter().map(|f| format!("OUT.{f}")).collect();
        let (last, rest) = names.split_last().expect("at least two files");
        Some(format!(
            "writes {count} files ({} and {last})",
            rest.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::write::WriterOptions;
    use std::io::Write;

    #[test]
    fn every_format_round_trips_through_its_name_and_extensions() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
            assert_eq!(f.to_string(), f.name());
            for ext in f.extensions() {
                let p = format!("dir/memory.{}", ext.to_ascii_uppercase());
                assert_eq!(Format::from_path(p.as_ref()), Some(f), "{p}");
            }
        }
        assert_eq!(
            "xml".parse::<Format>().unwrap_err(),
            "unknown format `xml` (expected tmx, csv, tsv, moses, beads or jsonl)"
        );
    }

    #[test]
    fn every_format_opens_a_writer_over_its_files() {
        for f in Format::ALL {
            let spec = f.spec();
            let outs: Vec<Box<dyn Write>> = spec
                .files
                .iter()
                .map(|_| Box::new(Vec::new()) as Box<dyn Write>)
                .collect();
            let mut w = (spec.open)(outs, &WriterOptions::default());
            w.finish().unwrap();
            assert_eq!(w.written(), 0, "{f}");
        }
        assert_eq!(
            Format::Moses.files_note().as_deref(),
            Some("writes two files (OUT.zh and OUT.en)")
        );
        assert_eq!(
            Format::from_memory().collect::<Vec<_>>(),
            [
                Format::Tmx,
                Format::Csv,
                Format::Tsv,
                Format::Moses,
                Format::Jsonl
            ]
        );
    }
}
