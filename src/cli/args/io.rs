//! `-` as standard input and standard output, for every command that reads
//! or writes a file.
//!
//! Standard input is read once, whole, and kept: a command that reads its
//! input twice (`check` over a memory, for the cross-unit rules) or peeks
//! at it first (`tm convert` for the languages) sees the same bytes.

use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::OnceLock;

use termalign::atomic::Output;
use termalign::format_table::FormatTable;
use termalign::tm::read::{self, ReadFormat, Units};
use termalign::{Error, ErrorKind, Result};

/// How standard input is named in messages and reports.
pub const STDIN_NAME: &str = "<stdin>";

/// True for the path `-`.
pub fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// All of standard input (read on first use).
pub fn stdin_bytes() -> Result<&'static [u8]> {
    static STDIN: OnceLock<Vec<u8>> = OnceLock::new();
    if let Some(b) = STDIN.get() {
        return Ok(b);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(e).with_path(STDIN_NAME))?;
    Ok(STDIN.get_or_init(|| bytes))
}

/// The format of a memory: `--input-format`, else the extension; standard
/// input needs `--input-format`.
pub fn tm_format(path: &Path, given: Option<ReadFormat>) -> Result<ReadFormat> {
    if let Some(f) = given {
        return Ok(f);
    }
    if is_dash(path) {
        return Err(Error::new(
            ErrorKind::Config,
            format!(
                "standard input has no extension: give --input-format {}",
                ReadFormat::NAMES.join("|")
            ),
        ));
    }
    ReadFormat::from_path(path).ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            format!(
                "cannot tell the translation memory format (expected {}); give --input-format",
                ReadFormat::expected_extensions()
            ),
        )
        .with_path(path)
    })
}

/// Stream a memory's units: `-` is standard input, the format is
/// `--input-format` or the extension.
pub fn open_tm(path: &Path, format: Option<ReadFormat>, src_lang: Option<&str>) -> Result<Units> {
    let f = tm_format(path, format)?;
    if is_dash(path) {
        return read::from_reader(Cursor::new(stdin_bytes()?), STDIN_NAME, f, src_lang);
    }
    if format.is_none() {
        return read::open_with(path, src_lang);
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(e).with_path(path))?;
    let reader = std::io::BufReader::with_capacity(64 * 1024, file);
    read::from_reader(reader, &path.display().to_string(), f, src_lang)
}

/// The name of a path in messages (`<stdin>`/`<stdout>` for `-`).
pub fn display(path: &Path, stdin: bool) -> String {
    match (is_dash(path), stdin) {
        (true, true) => STDIN_NAME.to_string(),
        (true, false) => "<stdout>".to_string(),
        _ => path.display().to_string(),
    }
}

/// An output (`None` or `-`: standard output), opened by
/// [`Output::open`]: written whole or not at all. Call `commit` at the end.
pub fn open_output(path: Option<&Path>) -> Result<Output> {
    match path {
        Some(p) => Output::open(p),
        None => Ok(Output::stdout()),
    }
}

/// The format of a glossary read from standard input, from its first line:
/// TBX when it starts with `<`, TSV when it has tabs and no comma, else CSV.
pub fn sniff_glossary(text: &str) -> termalign::glossary::Format {
    use termalign::glossary::Format;
    let head = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .lines()
        .next()
        .unwrap_or_default();
    if head.starts_with('<') {
        Format::Tbx
    } else if head.contains('\t') && !head.contains(',') {
        Format::Tsv
    } else {
        Format::Csv
    }
}
