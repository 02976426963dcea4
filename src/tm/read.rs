//! Reading translation memory: [`open`] picks the reader by extension. The
//! readers (TMX, any version, UTF-8 or UTF-16, in `super::tmx::read`;
//! CSV and TSV in `super::delimited::read`) yield [`ReadUnit`]s one at a
//! time, so memory stays bounded by the largest unit, not by the file.
//!
//! ```
//! use termalign::tm::read::read_tmx;
//! let tmx = r#"<?xml version="1.0"?>
//! <!DOCTYPE tmx SYSTEM "tmx14.dtd">
//! <tmx version="1.4"><header srclang="zh-CN"/><body>
//! <tu><prop type="x-doc">a</prop>
//!   <tuv xml:lang="en-US"><seg>Click <ph>&lt;b&gt;</ph>here</seg></tuv>
//!   <tuv lang="zh-Hans"><seg>点击这里</seg></tuv>
//! </tu></body></tmx>"#;
//! let units: Vec<_> = read_tmx(tmx.as_bytes(), "t.tmx", None)
//!     .collect::<Result<_, _>>().unwrap();
//! assert_eq!(units[0].source, "点击这里");
//! assert_eq!(units[0].target, "Click here");
//! assert_eq!(units[0].line, 4);
//! assert_eq!(units[0].props, [("x-doc".to_string(), "a".to_string())]);
//! ```

use std::io::BufReader;
use std::path::Path;

use super::ReadUnit;
pub use super::delimited::read::{DelimitedReader, read_delimited};
pub use super::tmx::read::{DEFAULT_SOURCE_LANG, TmxReader, primary_subtag, read_tmx};
use crate::error::{Error, ErrorKind, Result};
use crate::format_table::{FormatTable, format_table};

/// A boxed stream of units, as [`open`] returns it.
pub type Units = Box<dyn Iterator<Item = Result<ReadUnit>>>;

format_table! {
    /// The formats the readers understand.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ReadFormat ("translation memory format") {
        /// TMX (1.1 to 1.4b).
        Tmx = "tmx" ext ["tmx"],
        /// Comma-separated, header row.
        Csv = "csv" ext ["csv"],
        /// Tab-separated, header row, no quoting.
        Tsv = "tsv" ext ["tsv", "tab"],
    }
}

impl ReadFormat {
    /// The format a file name's extension names (`.tmx`, `.csv`, `.tsv` or
    /// `.tab`), case-insensitively.
    pub fn from_path(path: &Path) -> Option<ReadFormat> {
        ReadFormat::from_extension(path)
    }
}

/// Open a translation memory, the format chosen by its extension (`.tmx`;
/// `.csv`; `.tsv` or `.tab`), and stream its units. Chinese (`zh`, any
/// region or script) is the source language of TMX units.
///
/// Errors carry the file and, for bad content, the line.
pub fn open(path: &Path) -> Result<Units> {
    open_with(path, None)
}

/// [`open`] with an explicit TMX source language (matched on its primary
/// subtag: `zh-CN` matches `zh`, `zh-Hans`, `zh-TW`).
pub fn open_with(path: &Path, src_lang: Option<&str>) -> Result<Units> {
    let format = ReadFormat::from_path(path).ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            format!(
                "cannot tell the translation memory format from the extension (expected {})",
                ReadFormat::expected_extensions()
            ),
        )
        .with_path(path)
    })?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(e).with_path(path))?;
    let name = path.display().to_string();
    let reader = BufReader::with_capacity(64 * 1024, file);
    Ok(match format {
        ReadFormat::Tmx => Box::new(read_tmx(reader, &name, src_lang)),
        ReadFormat::Csv => Box::new(read_delimited(reader, &name, b',')?),
        ReadFormat::Tsv => Box::new(read_delimited(reader, &name, b'\t')?),
    })
}

/// [`open`], and a memory whose file is not empty but gives no unit ends
/// with the error [`require_units`] gives, so a stream cannot pass as a
/// clean, empty memory.
pub fn open_whole(path: &Path) -> Result<Units> {
    let mut inner = open(path)?;
    let path = path.to_path_buf();
    let mut seen = 0usize;
    let mut done = false;
    Ok(Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        match inner.next() {
            Some(u) => {
                seen += 1;
                Some(u)
            }
            None => {
                done = true;
                require_units(&path, seen).err().map(Err)
            }
        }
    })))
}

/// Refuse a memory that gave no unit though its file is not empty: a
/// file that only looks like a memory (a TMX with an empty `<body>`, a
/// CSV with only its header) must not pass as a clean, empty one.
pub fn require_units(path: &Path, units: usize) -> Result<()> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if units == 0 && size > 0 {
        return Err(Error::new(
            ErrorKind::Empty,
            format!(
                "no translation units in {size} bytes: not a translation memory, or an empty one"
            ),
        )
        .with_path(path));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_picks_format_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.TSV");
        std::fs::write(&p, "zh\ten\n中\tChinese\n").unwrap();
        let u: Vec<_> = open(&p).unwrap().collect::<Result<_>>().unwrap();
        assert_eq!(u[0].target, "Chinese");
        assert!(open(&dir.path().join("x.txt")).is_err());
        let e = open(&dir.path().join("missing.tmx")).err().unwrap();
        assert!(e.to_string().contains("missing.tmx"));
    }
}
