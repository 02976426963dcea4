//! Where and how translation memory is written.

use std::io::Write;
use std::path::PathBuf;

use termalign::output::AtomicFile;
use termalign::tm::{CsvWriter, Format, TmWriter, TmxHeader, TmxWriter, TranslationUnit};
use termalign::{Error, ErrorKind, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output file; standard output when absent. Written to a temporary file
    /// beside it and renamed at the end, so a failed run leaves no partial file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format; by default taken from the output file's extension,
    /// TMX on standard output.
    #[arg(short, long, value_parser = ["tmx", "csv"])]
    pub format: Option<String>,
}

impl OutputArgs {
    pub fn format(&self) -> Result<Format> {
        if let Some(f) = &self.format {
            return f
                .parse()
                .map_err(|e: String| Error::new(ErrorKind::Config, e));
        }
        match &self.output {
            None => Ok(Format::Tmx),
            Some(p) => Format::from_path(p).ok_or_else(|| {
                Error::new(
                    ErrorKind::Config,
                    format!(
                        "cannot tell the format of {}; give --format tmx|csv",
                        p.display()
                    ),
                )
            }),
        }
    }

    /// Write all units, then commit the file.
    pub fn write_units(&self, units: &[TranslationUnit]) -> Result<()> {
        let format = self.format()?;
        match &self.output {
            Some(path) => {
                let mut file = AtomicFile::create(path)?;
                write_all(&mut file, format, units).map_err(|e| e.with_path(path))?;
                file.commit()
            }
            None => {
                let stdout = std::io::stdout();
                let mut lock = std::io::BufWriter::new(stdout.lock());
                write_all(&mut lock, format, units)?;
                lock.flush().map_err(Error::io)
            }
        }
    }
}

/// A writer of `format` on `out`, for callers that stream units (batch).
pub fn open_writer<'a, W: Write + 'a>(out: W, format: Format) -> Box<dyn TmWriter + 'a> {
    match format {
        Format::Tmx => Box::new(TmxWriter::new(out, TmxHeader::now())),
        Format::Csv => Box::new(CsvWriter::new(out)),
    }
}

fn write_all<W: Write>(out: W, format: Format, units: &[TranslationUnit]) -> Result<()> {
    let mut writer = open_writer(out, format);
    for u in units {
        writer.write_unit(u)?;
    }
    writer.finish()
}
