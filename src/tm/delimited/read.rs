//! The streaming CSV and TSV reader: a header row, the source and target
//! columns found by name, every other column a property.

use std::io::Read;

use crate::error::{Error, ErrorKind, Result};
use crate::tm::ReadUnit;

/// A streaming CSV or TSV reader; see [`read_delimited`].
pub struct DelimitedReader<R: Read> {
    rows: csv::StringRecordsIntoIter<R>,
    file: String,
    source: usize,
    target: usize,
    lang: Option<usize>,
    /// (column index, name) of every other column.
    extra: Vec<(usize, String)>,
    number: usize,
    done: bool,
}

/// Stream the rows of a CSV (`delimiter` `b','`, RFC 4180 quoting) or TSV
/// (`b'\t'`, no quoting) translation memory with a header row. The source
/// column is `zh` or `source`, the target `en` or `target`; every other
/// column becomes a property, in column order (empty values left out).
pub fn read_delimited<R: Read + 'static>(
    reader: R,
    file: &str,
    delimiter: u8,
) -> Result<DelimitedReader<R>> {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter).flexible(false).has_headers(true);
    if delimiter == b'\t' {
        b.quoting(false);
    }
    let mut rdr = b.from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(e, file))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect::<Vec<_>>();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let missing = |what: &str| {
        Error::new(
            ErrorKind::Format,
            format!(
                "missing column `{what}` (header is `{}`)",
                headers.join(if delimiter == b'\t' { "\t" } else { "," })
            ),
        )
        .with_path(file)
        .with_line(1)
    };
    let source = find(&["zh", "source"]).ok_or_else(|| missing("zh"))?;
    let target = find(&["en", "target"]).ok_or_else(|| missing("en"))?;
    // termalign's `lang` column: the source text's language (zh-HK…).
    let lang = find(&[super::write::LANG_COLUMN]);
    let extra = headers
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != source && i != target && Some(i) != lang)
        .map(|(i, h)| (i, h.clone()))
        .collect();
    Ok(DelimitedReader {
        rows: rdr.into_records(),
        file: file.to_string(),
        source,
        target,
        lang,
        extra,
        number: 0,
        done: false,
    })
}

fn csv_error(e: csv::Error, file: &str) -> Error {
    let line = e.position().map(|p| p.line());
    let err = match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(io),
        csv::ErrorKind::Utf8 { err, .. } => {
            Error::new(ErrorKind::Encoding, format!("invalid UTF-8: {err}"))
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::new(
            ErrorKind::Format,
            format!("{len} fields where the header has {expected_len}"),
        ),
        other => Error::new(ErrorKind::Format, format!("{other:?}")),
    };
    let err = err.with_path(file);
    match line {
        Some(l) => err.with_line(l),
        None => err,
    }
}

impl<R: Read> Iterator for DelimitedReader<R> {
    type Item = Result<ReadUnit>;

    fn next(&mut self) -> Option<Result<ReadUnit>> {
        if self.done {
            return None;
        }
        let rec = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Some(Err(csv_error(e, &self.file)));
            }
        };
        self.number += 1;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: usize| rec.get(i).unwrap_or_default().to_string();
        Some(Ok(ReadUnit {
            number: self.number,
            file: self.file.clone(),
            line,
            source: get(self.source),
            target: get(self.target),
            props: self
                .extra
                .iter()
                .filter(|(i, _)| !rec.get(*i).unwrap_or_default().is_empty())
                .map(|(i, name)| (name.clone(), get(*i)))
                .collect(),
            source_lang: self.lang.map(get).unwrap_or_default(),
            target_lang: String::new(),
            date: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimited_columns_and_props() {
        let csv = "\u{FEFF}zh,en,score,waive\n\"你好，世界\",\"Hello, \"\"world\"\"\",0.9,\n再见,Bye,0.5,yes\n";
        let u: Vec<_> = read_delimited(csv.as_bytes(), "a.csv", b',')
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].source, "你好，世界");
        assert_eq!(u[0].target, "Hello, \"world\"");
        assert_eq!(u[0].props, [("score".into(), "0.9".into())]);
        assert_eq!(
            u[1].props,
            [
                ("score".into(), "0.5".into()),
                ("waive".into(), "yes".into())
            ]
        );
        assert_eq!((u[0].line, u[1].line), (2, 3));
        let tsv = "source\ttarget\n\"引号\"\t\"quoted\"\n";
        let u: Vec<_> = read_delimited(tsv.as_bytes(), "a.tsv", b'\t')
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(
            (u[0].source.as_str(), u[0].target.as_str()),
            ("\"引号\"", "\"quoted\"")
        );
    }

    #[test]
    fn delimited_errors_name_file_and_line() {
        let e = read_delimited("zh,fr\n".as_bytes(), "a.csv", b',')
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "a.csv:1: format error: missing column `en` (header is `zh,fr`)"
        );
        let r: Vec<_> = read_delimited("zh,en\na,b\nc\n".as_bytes(), "a.csv", b',')
            .unwrap()
            .collect();
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
    }
}
