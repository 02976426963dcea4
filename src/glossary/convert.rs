//! Glossary file formats and conversion between them: CSV and TSV (our
//! columns, header row), TBX 2008 (TBX-Basic style, `super::tbx`) and
//! OmegaT's tab-separated glossary (`super::omegat`).

use std::io::Write;
use std::path::Path;

use super::{COLUMNS, Entry, Glossary, omegat, tbx};
use crate::atomic::Output;
use crate::error::{Error, ErrorKind, Result};
use crate::format_table::{FormatTable, format_table};
use crate::script::Script;

format_table! {
    /// A glossary file format.
    ///
    /// ```
    /// use std::path::Path;
    /// use termalign::glossary::Format;
    /// assert_eq!(Format::from_path(Path::new("terms.tbx")), Some(Format::Tbx));
    /// assert_eq!(Format::from_path(Path::new("glossary.utf8")), Some(Format::OmegaT));
    /// assert_eq!("tsv".parse::<Format>().unwrap(), Format::Tsv);
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Format ("glossary format") {
        /// Comma-separated, header row `zh,en,variants,forbidden,type,note`.
        Csv = "csv" ext ["csv"],
        /// Tab-separated, same header.
        Tsv = "tsv" aliases ["tab"] ext ["tsv", "tab"],
        /// TBX 2008 (`martif`), TBX-Basic style.
        Tbx = "tbx" ext ["tbx", "xml"],
        /// OmegaT glossary: `source<TAB>target<TAB>comment`, no header.
        OmegaT = "omegat" aliases ["utf8"] ext ["utf8", "txt"],
    }
    {
        const IGNORE_CASE: bool = true;

        // The message lists the names without "expected": kept as released.
        fn unknown(input: &str) -> String {
            format!(
                "unknown glossary format `{input}` ({})",
                <Format as FormatTable>::NAMES.join(", ")
            )
        }
    }
}

impl Format {
    /// The format a file name implies: `.csv`; `.tsv` or `.tab`; `.tbx` or
    /// `.xml`; OmegaT's `.utf8` or `.txt`.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_extension(path)
    }
}

/// Read a glossary file, in `format` or the one its name implies (CSV when
/// the name says nothing). Bytes are decoded as [`crate::decode::decode`]
/// does (BOM, UTF-16, GB18030 fallback).
pub fn read_path(path: &Path, format: Option<Format>) -> Result<Glossary> {
    let format = format
        .or_else(|| Format::from_path(path))
        .unwrap_or(Format::Csv);
    let bytes = std::fs::read(path).map_err(|e| Error::io(e).with_path(path))?;
    let text = crate::decode::decode(&bytes, Default::default()).map_err(|e| e.with_path(path))?;
    read_str(&text.text, &path.display().to_string(), format).map_err(|e| e.with_path(path))
}

/// Read glossary text in `format`; `source` names it in messages.
pub fn read_str(text: &str, source: &str, format: Format) -> Result<Glossary> {
    match format {
        Format::Csv => Glossary::from_reader(text.as_bytes(), source, b','),
        Format::Tsv => Glossary::from_reader(text.as_bytes(), source, b'\t'),
        Format::Tbx => Glossary::from_entries(tbx::read_entries(text, source)?),
        Format::OmegaT => Glossary::from_entries(omegat::read_entries(text, source)?),
    }
}

/// Write `glossary` in `format`.
pub fn write<W: Write>(glossary: &Glossary, format: Format, out: W) -> Result<()> {
    match format {
        Format::Csv => write_delimited(glossary.entries(), b',', out),
        Format::Tsv => write_delimited(glossary.entries(), b'\t', out),
        Format::Tbx => tbx::write(glossary.entries(), out),
        Format::OmegaT => omegat::write(glossary.entries(), out),
    }
}

/// `glossary` with every Chinese term written in `script` (OpenCC's
/// phrase and character tables: `发展`→`發展`, `头发`→`頭髮`; Hong Kong and
/// Taiwan forms for [`Script::HongKong`]/[`Script::Taiwan`]). Two entries
/// that become one term are an error naming both, as in any glossary.
///
/// ```
/// use termalign::glossary::{Glossary, convert::to_script};
/// use termalign::script::Script;
/// let g = Glossary::from_csv_str("zh,en\n上海合作组织,SCO\n", "t").unwrap();
/// assert_eq!(to_script(&g, Script::Taiwan).unwrap().entries()[0].zh, "上海合作組織");
/// ```
pub fn to_script(glossary: &Glossary, script: Script) -> Result<Glossary> {
    Glossary::from_entries(glossary.entries().iter().map(|e| {
        let mut e = e.clone();
        e.zh = crate::script::convert(&e.zh, script);
        e
    }))
}

/// `glossary` in `format`, as a string.
///
/// ```
/// use termalign::glossary::{Glossary, Format, convert};
/// let g = Glossary::from_csv_str("zh,en,variants\n一带一路,Belt and Road,BRI\n", "t").unwrap();
/// assert_eq!(convert::to_string(&g, Format::Csv).unwrap(),
///     "zh,en,variants,forbidden,type,note\n一带一路,Belt and Road,BRI,,term,\n");
/// ```
pub fn to_string(glossary: &Glossary, format: Format) -> Result<String> {
    let mut buf = Vec::new();
    write(glossary, format, &mut buf)?;
    Ok(String::from_utf8(buf).expect("writers emit UTF-8"))
}

/// Convert the glossary file `input` into `output` (formats from the names
/// unless given). The output is opened by [`Output::open`] (written whole
/// or not at all; `-`, devices and pipes directly) and may not be the
/// input. Returns the number of entries written.
pub fn convert_file(
    input: &Path,
    output: &Path,
    from: Option<Format>,
    to: Option<Format>,
) -> Result<usize> {
    convert_file_to_script(input, output, from, to, None)
}

/// [`convert_file`], the Chinese terms written in `script` when given
/// (phrase by phrase with OpenCC's tables, see [`to_script`]), for tools
/// that need a traditional-script glossary; TBX then tags them with the
/// script's language (`zh-HK`). termalign itself needs no such copy: its
/// matching folds scripts.
pub fn convert_file_to_script(
    input: &Path,
    output: &Path,
    from: Option<Format>,
    to: Option<Format>,
    script: Option<Script>,
) -> Result<usize> {
    let to = to.or_else(|| Format::from_path(output)).ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            "cannot tell the output format from the name; use --to csv|tsv|tbx|omegat",
        )
        .with_path(output)
    })?;
    crate::atomic::refuse_overwrite(&[input], &[output])?;
    // Opened first: an unwritable folder fails before the reading.
    let mut file = Output::open(output)?;
    let mut glossary = read_path(input, from)?;
    if let Some(s) = script {
        glossary = to_script(&glossary, s).map_err(|e| e.with_path(input))?;
    }
    write_in_script(&glossary, to, script, &mut file).map_err(|e| e.with_path(output))?;
    file.commit()?;
    Ok(glossary.len())
}

/// [`write()`], with TBX tagging the Chinese terms with `script`'s language
/// (`zh-HK`) when given (the terms are expected to be in that script
/// already, see [`to_script`]).
pub fn write_in_script<W: Write>(
    glossary: &Glossary,
    format: Format,
    script: Option<Script>,
    out: W,
) -> Result<()> {
    match format {
        Format::Tbx => {
            tbx::write_lang(glossary.entries(), script.map_or("zh-CN", Script::tag), out)
        }
        _ => write(glossary, format, out),
    }
}

fn write_delimited<W: Write>(entries: &[Entry], delimiter: u8, out: W) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let io = |e: csv::Error| Error::new(ErrorKind::Io, e.to_string());
    w.write_record(COLUMNS).map_err(io)?;
    for e in entries {
        let variants = join_list(&e.variants, e)?;
        let forbidden = join_list(&e.forbidden, e)?;
        let kind = e.kind.to_string();
        w.write_record([
            e.zh.as_str(),
            e.en.as_str(),
            &variants,
            &forbidden,
            &kind,
            e.note.as_str(),
        ])
        .map_err(io)?;
    }
    w.flush().map_err(Error::io)?;
    Ok(())
}

/// `|`-join a rendering list; a rendering that itself holds `|` cannot be
/// carried by CSV/TSV.
fn join_list(items: &[String], e: &Entry) -> Result<String> {
    if let Some(bad) = items.iter().find(|v| v.contains('|')) {
        return Err(Error::new(
            ErrorKind::Glossary,
            format!(
                "rendering `{bad}` of `{}` contains `|`, the list separator of CSV/TSV glossaries",
                e.zh
            ),
        )
        .with_path(&e.origin.source)
        .with_line(e.origin.line));
    }
    Ok(items.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        let cases = [
            ("a.csv", Some(Format::Csv)),
            ("a.TSV", Some(Format::Tsv)),
            ("a.tab", Some(Format::Tsv)),
            ("a.tbx", Some(Format::Tbx)),
            ("a.xml", Some(Format::Tbx)),
            ("a.utf8", Some(Format::OmegaT)),
            ("a.txt", Some(Format::OmegaT)),
            ("a.json", None),
            ("a", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::from_path(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn csv_and_tsv_quote_only_when_needed() {
        let g = Glossary::from_csv_str(
            "zh,en,variants,forbidden,type,note\n小院高墙,\"small yard, high fence\",,,term,\"say \"\"yard\"\"\"\n",
            "t",
        )
        .unwrap();
        assert_eq!(
            to_string(&g, Format::Csv).unwrap(),
            "zh,en,variants,forbidden,type,note\n小院高墙,\"small yard, high fence\",,,term,\"say \"\"yard\"\"\"\n"
        );
        assert_eq!(
            to_string(&g, Format::Tsv).unwrap(),
            "zh\ten\tvariants\tforbidden\ttype\tnote\n小院高墙\tsmall yard, high fence\t\t\tterm\t\"say \"\"yard\"\"\"\n"
        );
    }

    #[test]
    fn a_pipe_inside_a_rendering_is_refused() {
        let mut e = Glossary::from_csv_str("zh,en\n甲,A\n", "t.csv")
            .unwrap()
            .entries()[0]
            .clone();
        e.variants.push("B|C".into());
        let g = Glossary::from_entries([e]).unwrap();
        let err = to_string(&g, Format::Csv).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:2: glossary error: rendering `B|C` of `甲` contains `|`, the list separator of CSV/TSV glossaries"
        );
    }
}
