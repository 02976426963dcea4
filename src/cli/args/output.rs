//! Where and how translation memory is written: `-o`, `--format`, and the
//! writer options (`--src-lang`, `--tgt-lang`, `--date`, `--bom`,
//! `--min-confidence`).

use std::path::{Path, PathBuf};

use termalign::tm::{
    Format, TmOutput, TmWriter, TmxHeader, TranslationUnit, WriteReport, WriterOptions,
};
use termalign::tm::{language_code, parse_date};
use termalign::{Error, ErrorKind, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output file; standard output when absent or `-`. Written to a
    /// temporary file beside it (.NAME.termalign-XXXXXX.tmp, created before
    /// any work and removed on Ctrl-C) and renamed at the end, so a failed
    /// run leaves no partial file; a device or pipe is written directly, a
    /// symbolic link through to its target. It may not be an input. With
    /// --format moses, OUT.zh and OUT.en are written.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format: tmx (TMX 1.4b), csv (zh,en,score,bead,doc,terms),
    /// tsv (same columns, tab-separated), moses (OUT.zh + OUT.en, one
    /// segment per line), beads (zh_indices<TAB>en_indices<TAB>confidence),
    /// jsonl (one bead per line with its texts). By default taken from the
    /// output file's extension (.tmx, .csv, .tsv, .tab, .jsonl, .beads),
    /// TMX on standard output.
    #[arg(short, long, value_parser = Format::NAMES)]
    pub format: Option<String>,

    #[command(flatten)]
    pub tm: TmArgs,
}

/// The writer options, shared by `align`, `batch` and `tm convert|merge`.
#[derive(Debug, Clone, clap::Args)]
pub struct TmArgs {
    /// Source language code in TMX (BCP 47: zh-CN, zh-Hans, zh-TW, zh-HK,
    /// zh-Hant…). Default: zh-CN, or the script detected in each Chinese
    /// document (zh-HK, zh-TW, zh-Hant for traditional text); `tm convert`
    /// and `tm merge` keep each unit's. Given, it is every unit's.
    #[arg(long, value_name = "CODE")]
    pub src_lang: Option<String>,

    /// Target language code in TMX (BCP 47: en-US, en-GB…). Default
    /// en-US; `tm convert` and `tm merge` keep the input's.
    #[arg(long, value_name = "CODE")]
    pub tgt_lang: Option<String>,

    /// Creation date written in the TMX header, for reproducible output:
    /// YYYYMMDDThhmmssZ, RFC 3339, YYYY-MM-DD or Unix seconds. Default:
    /// $SOURCE_DATE_EPOCH when set, else now.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Start CSV and TSV output with a UTF-8 byte order mark, so Excel
    /// reads the Chinese correctly.
    #[arg(long)]
    pub bom: bool,

    /// Put a `'` before CSV/TSV cells that begin with = + - @ TAB or CR,
    /// so a spreadsheet shows them as text instead of running them as
    /// formulas (OWASP's advice against CSV injection). On by default with
    /// --bom (the Excel mode); --excel-safe=false keeps the text
    /// byte-exact, as a TM needs for re-import.
    #[arg(
        long,
        value_name = "BOOL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        action = clap::ArgAction::Set
    )]
    pub excel_safe: Option<bool>,

    /// Leave units whose alignment confidence is below this (0 to 1) out of
    /// TMX and moses output; CSV, TSV and JSONL keep them and gain a
    /// `low_confidence` column (true/false).
    #[arg(long, value_name = "SCORE")]
    pub min_confidence: Option<f64>,
}

impl TmArgs {
    /// The library's writer options; `langs` are the languages to keep
    /// when none is given (those of an input memory).
    pub fn options(&self, langs: Option<(&str, &str)>) -> Result<WriterOptions> {
        let pick = |given: &Option<String>, input: Option<&str>, default: &str| -> Result<String> {
            match (given, input) {
                (Some(code), _) => language_code(code),
                // Old TMX files write zh_CN: normalise rather than refuse what we read.
                (None, Some(code)) if !code.is_empty() => language_code(&code.replace('_', "-")),
                _ => Ok(default.to_string()),
            }
        };
        let src_lang = pick(&self.src_lang, langs.map(|l| l.0), "zh-CN")?;
        let tgt_lang = pick(&self.tgt_lang, langs.map(|l| l.1), "en-US")?;
        let primary = |c: &str| c.split('-').next().unwrap_or_default().to_string();
        if primary(&src_lang) == primary(&tgt_lang) {
            return Err(Error::new(
                ErrorKind::Config,
                format!("--src-lang {src_lang} and --tgt-lang {tgt_lang} name the same language"),
            ));
        }
        let creation_date = match (&self.date, std::env::var("SOURCE_DATE_EPOCH")) {
            (Some(d), _) => parse_date(d)?,
            (None, Ok(epoch)) if !epoch.trim().is_empty() => parse_date(&epoch).map_err(|e| {
                Error::new(
                    ErrorKind::Config,
                    format!("SOURCE_DATE_EPOCH: {}", e.message()),
                )
            })?,
            _ => TmxHeader::now().creation_date,
        };
        if let Some(m) = self.min_confidence
            && !(0.0..=1.0).contains(&m)
        {
            return Err(Error::new(
                ErrorKind::Config,
                format!("--min-confidence {m}: expected a number from 0 to 1"),
            ));
        }
        Ok(WriterOptions {
            header: TmxHeader {
                src_lang,
                tgt_lang,
                creation_date,
            },
            bom: self.bom,
            excel_safe: self.excel_safe.unwrap_or(self.bom),
            min_confidence: self.min_confidence,
            // A language the user gives is every unit's.
            unit_langs: self.src_lang.is_none(),
            ..WriterOptions::default()
        })
    }
}

/// The format `--format` names, else the one `path`'s extension names.
pub fn format_for(format: Option<&str>, path: Option<&Path>) -> Result<Format> {
    if let Some(f) = format {
        return f
            .parse()
            .map_err(|e: String| Error::new(ErrorKind::Config, e));
    }
    match path {
        None => Ok(Format::Tmx),
        Some(p) => Format::from_path(p).ok_or_else(|| {
            Error::new(
                ErrorKind::Config,
                format!(
                    "cannot tell the format from the extension; give --format {}",
                    Format::NAMES.join("|")
                ),
            )
            .with_path(p)
        }),
    }
}

impl OutputArgs {
    pub fn format(&self) -> Result<Format> {
        format_for(self.format.as_deref(), self.output.as_deref())
    }

    /// Check every option before any work is done.
    pub fn check(&self) -> Result<()> {
        let format = self.format()?;
        if let Some(note) = format.files_note()
            && self.output.is_none()
        {
            return Err(Error::new(
                ErrorKind::Config,
                format!("--format {format} {note}: give -o OUT"),
            ));
        }
        self.tm.options(None).map(drop)
    }

    /// A streaming writer for the chosen file (or standard output) and
    /// format: write units as they come, then call `finish` (which moves
    /// the file into place) and [`warn`] with its report. `langs` are the
    /// languages to keep when --src-lang/--tgt-lang are absent.
    pub fn open_writer(&self, langs: Option<(&str, &str)>) -> Result<TmOutput> {
        let format = self.format()?;
        let opts = self.tm.options(langs)?;
        match &self.output {
            Some(path) => TmOutput::create(path, format, &opts),
            None => TmOutput::create(Path::new("-"), format, &opts),
        }
    }

    /// Refuse, before any work, an output file (both moses files) that is
    /// one of `inputs`.
    pub fn refuse_overwrite(&self, inputs: &[&Path]) -> Result<()> {
        let Some(path) = &self.output else {
            return Ok(());
        };
        let files = termalign::tm::output_files(path, self.format()?);
        let outs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        termalign::atomic::refuse_overwrite(inputs, &outs)
    }

    /// Write all units to `out` (from [`OutputArgs::open_writer`]), commit
    /// the file and print the warnings.
    pub fn write_all(&self, mut out: TmOutput, units: &[TranslationUnit]) -> Result<()> {
        for u in units {
            out.write_unit(u)?;
        }
        out.finish()?;
        self.warn(&out.report());
        Ok(())
    }

    /// Print what the writer changed or left out (on stderr).
    pub fn warn(&self, report: &WriteReport) {
        let name = self
            .output
            .as_ref()
            .map_or_else(|| "<stdout>".to_string(), |p| p.display().to_string());
        warn(&name, report, self.tm.min_confidence);
    }
}

/// Print the warnings for a write report: removed characters, units left
/// out or flagged by --min-confidence.
pub fn warn(name: &str, r: &WriteReport, min_confidence: Option<f64>) {
    if r.removed_chars > 0 {
        eprintln!(
            "termalign: warning: {name}: removed {} character(s) that XML 1.0 forbids (control characters, U+FFFE, U+FFFF)",
            r.removed_chars
        );
    }
    if let Some(min) = min_confidence {
        if r.below_min > 0 {
            eprintln!(
                "termalign: note: {name}: left out {} unit(s) below --min-confidence {min}",
                r.below_min
            );
        }
        if r.flagged > 0 {
            eprintln!(
                "termalign: note: {name}: flagged {} unit(s) below --min-confidence {min} (low_confidence=true)",
                r.flagged
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use termalign::check::Severity;
    use termalign::check::report::Format as ReportFormat;
    use termalign::format_table::FormatTable;
    use termalign::glossary::Format as GlossaryFormat;
    use termalign::tm::Format;

    use crate::cli::Cli;

    /// The possible values clap offers for `--flag` of `termalign PATH…`.
    fn values(path: &[&str], flag: &str) -> Vec<String> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut c = &cmd;
        for p in path {
            c = c.find_subcommand(p).unwrap_or_else(|| panic!("{p}"));
        }
        let arg = c
            .get_arguments()
            .find(|a| a.get_id() == flag)
            .unwrap_or_else(|| panic!("{flag}"));
        arg.get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    #[test]
    fn tm_format_lists_come_from_the_table() {
        for cmd in [&["align"][..], &["tm", "merge"]] {
            assert_eq!(values(cmd, "format"), Format::NAMES, "{cmd:?}");
        }
        let writable: Vec<_> = Format::from_memory().map(Format::name).collect();
        assert_eq!(values(&["tm", "convert"], "format"), writable);
        // Every value the command line offers parses back to its format.
        for name in values(&["align"], "format") {
            let f: Format = name.parse().unwrap();
            assert_eq!(f.name(), name);
            assert_eq!(super::format_for(Some(&name), None).unwrap(), f);
        }
    }

    /// `--format`'s prose describes each format; it must not drift from
    /// the table (every name and extension mentioned).
    #[test]
    fn format_help_names_every_format_and_extension() {
        let mut cmd = Cli::command();
        cmd.build();
        let align = cmd.find_subcommand("align").unwrap();
        let arg = align
            .get_arguments()
            .find(|a| a.get_id() == "format")
            .unwrap();
        let help = arg.get_help().unwrap().to_string();
        for f in Format::ALL {
            assert!(help.contains(&format!("{} (", f.name())), "{f}: {help}");
            for ext in f.extensions() {
                assert!(help.contains(&format!(".{ext}")), "{ext}: {help}");
            }
        }
    }

    #[test]
    fn check_value_lists_name_table_values() {
        // The report formats of the table, then the review page, which
        // the command writes itself (it needs the units, not a report).
        let mut formats = values(&["check"], "format");
        assert_eq!(
            formats.pop().as_deref(),
            Some(crate::cli::cmd::check::HTML_FORMAT)
        );
        for name in &formats {
            assert_eq!(name.parse::<ReportFormat>().unwrap().name(), name);
        }
        assert_eq!(formats, ReportFormat::NAMES);
        assert_eq!(values(&["check"], "generic_severity"), Severity::NAMES);
        for name in values(&["check"], "fail_on") {
            if name != "never" {
                assert_eq!(name.parse::<Severity>().unwrap().name(), name);
            }
        }
        for f in GlossaryFormat::ALL {
            assert_eq!(f.name().parse::<GlossaryFormat>(), Ok(f));
        }
    }
}
