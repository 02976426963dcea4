//! [`TmOutput`]: a memory being written in one format, to atomic files
//! (or any stream); the format table picks the writer.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::TmWriter;
use super::format::Format;
use super::write::{Record, WriteReport, WriterOptions};
use crate::atomic::{Output, OutputCommit};
use crate::error::{Error, ErrorKind, Result};

/// A translation memory being written in one format, to atomic files (or
/// any `Write`): units go out as they come, and [`TmWriter::finish`] moves
/// the files into place. Dropped unfinished, it leaves nothing behind.
///
/// ```
/// use termalign::tm::{Format, TmOutput, TmWriter, WriterOptions, TranslationUnit};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// let mut out = TmOutput::create(&path, Format::Csv, &WriterOptions::default()).unwrap();
/// out.write_unit(&TranslationUnit {
///     zh: "你好。".into(), en: "Hello.".into(), score: 0.9, bead: "1-1".into(),
///     doc: "d".into(), terms: vec![], zh_sentences: 0..1, en_sentences: 0..1, zh_lang: None,
/// }).unwrap();
/// assert!(!path.exists());
/// out.finish().unwrap();
/// assert_eq!(out.report().written, 1);
/// assert!(std::fs::read_to_string(&path).unwrap().starts_with("zh,en,score"));
/// ```
pub struct TmOutput {
    writer: Box<dyn TmWriter>,
    pending: Vec<OutputCommit>,
    path: Option<PathBuf>,
}

impl TmOutput {
    /// Write `format` to `path` (for `moses`, to `PATH.zh` and `PATH.en`),
    /// each opened by [`Output::open`]: `-` is standard output, devices and
    /// pipes are written directly, files through temporary files beside
    /// them. The files are created now, so an unwritable folder is an error
    /// before any work.
    pub fn create(path: &Path, format: Format, opts: &WriterOptions) -> Result<TmOutput> {
        let spec = format.spec();
        if path.as_os_str() == "-"
            && let Some(note) = format.files_note()
        {
            return Err(Error::new(
                ErrorKind::Config,
                format!("the {format} format {note}: standard output (-) is one stream"),
            ));
        }
        let mut outs: Vec<Box<dyn Write>> = Vec::with_capacity(spec.files.len());
        let mut pending = Vec::with_capacity(spec.files.len());
        for path in output_files(path, format) {
            let (w, pend) = Output::open(&path)?.into_parts()?;
            outs.push(Box::new(w));
            pending.push(pend);
        }
        Ok(TmOutput {
            writer: (spec.open)(outs, opts),
            pending,
            // Standard output's errors name it already (`<stdout>: …`).
            path: (path.as_os_str() != "-").then(|| path.to_path_buf()),
        })
    }

    /// Write `format` to any stream (standard output). `moses` needs two
    /// files and is refused here.
    pub fn to_writer(
        out: Box<dyn Write>,
        format: Format,
        opts: &WriterOptions,
    ) -> Result<TmOutput> {
        Ok(TmOutput {
            writer: writer_for(format, out, opts)?,
            pending: Vec::new(),
            path: None,
        })
    }

    /// Counts of what was written and left out so far.
    pub fn report(&self) -> WriteReport {
        self.writer.report()
    }

    fn locate(&self, e: Error) -> Error {
        match &self.path {
            Some(p) => e.with_path(p),
            None => e,
        }
    }
}

/// The files `format` writes for `-o path` (moses: `path.zh` and
/// `path.en`; every other format: `path`), for checking them against the
/// inputs before any work.
pub fn output_files(path: &Path, format: Format) -> Vec<PathBuf> {
    format
        .spec()
        .files
        .iter()
        .map(|suffix| file_path(path, suffix))
        .collect()
}

/// The file a format writes for `-o path`: `path` itself for `""`, else
/// `path.SUFFIX` (moses: `path.zh`, `path.en`).
fn file_path(path: &Path, suffix: &str) -> PathBuf {
    if suffix.is_empty() {
        return path.to_path_buf();
    }
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

/// The writer for `format` over one stream (every format that writes one
/// file; `moses` writes two and is refused).
pub fn writer_for<W: Write + 'static>(
    format: Format,
    out: W,
    opts: &WriterOptions,
) -> Result<Box<dyn TmWriter>> {
    if let Some(note) = format.files_note() {
        return Err(Error::new(
            ErrorKind::Config,
            format!("the {format} format {note}: give -o OUT"),
        ));
    }
    Ok((format.spec().open)(vec![Box::new(out)], opts))
}

impl TmWriter for TmOutput {
    fn write_record(&mut self, r: &Record<'_>) -> Result<()> {
        self.writer.write_record(r).map_err(|e| self.locate(e))
    }

    fn finish(&mut self) -> Result<()> {
        self.writer.finish().map_err(|e| self.locate(e))?;
        for p in self.pending.drain(..) {
            p.commit()?;
        }
        Ok(())
    }

    fn report(&self) -> WriteReport {
        self.writer.report()
    }
}
