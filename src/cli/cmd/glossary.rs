//! `termalign glossary lint|convert|stats`: check, convert and describe
//! glossary files.

use std::io::Write;
use std::path::PathBuf;

use termalign::format_table::FormatTable;
use termalign::glossary::lint::{self, Severity};
use termalign::glossary::{Format, Glossary, TermMatcher, convert, stats};
use termalign::{Error, ErrorKind, Lang, Result};

use crate::cli::Status;
use crate::cli::args::input::InputArgs;

/// Check, convert and describe glossaries.
///
/// A glossary is CSV (header row `zh,en,variants,forbidden,type,note`), TSV
/// with the same columns, TBX 2008 (TBX-Basic style) or an OmegaT glossary
/// (`source<TAB>target<TAB>comment`, `.utf8`). The format comes from the
/// file name: .csv, .tsv/.tab, .tbx/.xml, .utf8/.txt.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Lint(LintArgs),
    Convert(ConvertArgs),
    Stats(StatsArgs),
}

/// Report everything wrong with glossary files.
///
/// Each finding is printed as `FILE:LINE: error|warning: what is wrong [rule]`.
///
/// Errors: bad encoding (not UTF-8, U+FFFD, control characters), format
/// (unknown, missing or repeated columns, short rows, bad XML), empty `zh`
/// or `en`, unknown `type`, the same `zh` twice in a file (or with
/// different approved renderings in two of the files given), a forbidden
/// rendering equal to the approved one or a variant.
///
/// Warnings: leading or trailing blanks and empty `|` items, a rendering
/// listed twice, a term inside a longer term whose rendering uses one the
/// shorter term forbids or writes its rendering in another case, two terms
/// that are one term in another script (`发展`/`發展`: an error when their
/// renderings differ) [script].
///
/// Exit status: 0 clean (or warnings only), 1 warnings with --strict, 2 errors.
///
/// Example: termalign glossary lint glossary/default.csv house.tsv
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Glossary files to check (together: approved renderings must agree
    /// across them).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Exit with 1 when there are warnings (and no errors).
    #[arg(long)]
    pub strict: bool,

    /// `text`: one finding per line; `json`: the whole report as JSON.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

/// Convert a glossary between CSV, TSV, TBX and OmegaT.
///
/// Formats come from the file names (.csv; .tsv or .tab; .tbx or .xml;
/// .utf8 or .txt for OmegaT) unless --from/--to say otherwise. Every field
/// the target format can carry is kept: TBX carries all of them (variants
/// as admitted terms, forbidden renderings as deprecated terms); OmegaT
/// gets one line per accepted rendering, with the type and the forbidden
/// renderings in the comment of the approved one. OUT is written whole or
/// not at all.
///
/// Example: termalign glossary convert glossary/default.csv terms.tbx
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The glossary to read.
    #[arg(value_name = "IN")]
    pub input: PathBuf,

    /// The file to write.
    #[arg(value_name = "OUT")]
    pub output: PathBuf,

    #[arg(long, value_name = "FORMAT",
          help = format!("Format of IN: {}", <Format as FormatTable>::expected()))]
    pub from: Option<Format>,

    #[arg(long, value_name = "FORMAT",
          help = format!("Format of OUT: {}", <Format as FormatTable>::expected()))]
    pub to: Option<Format>,

    /// Write the Chinese terms in this script: zh-HK, zh-TW, zh-Hant
    /// (traditional) or zh-CN/zh-Hans (simplified), converted phrase by
    /// phrase with OpenCC's tables; TBX tags them with it. termalign itself
    /// matches either script with one glossary; this is for other tools.
    #[arg(long, value_name = "CODE", value_parser = parse_script)]
    pub script: Option<termalign::script::Script>,
}

fn parse_script(s: &str) -> std::result::Result<termalign::script::Script, String> {
    termalign::script::Script::from_tag(s).ok_or_else(|| {
        format!("`{s}` names no Chinese script (zh-HK, zh-TW, zh-Hant, zh-CN, zh-Hans)")
    })
}

/// Describe a glossary: entries by type, ambiguity, coverage of a text.
///
/// Without FILE, describes the built-in glossary. Ambiguity lists English
/// renderings accepted for several Chinese terms (a full name and its short
/// form share one on purpose) and terms with four or more accepted
/// renderings. With --text, also lists which terms occur in that text (a
/// Chinese text is searched for the Chinese terms, an English one for the
/// renderings) and how much of it they cover.
///
/// Example: termalign glossary stats --text release.zh.txt
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Glossary files or folders (merged); the built-in glossary when absent.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// A text whose coverage to report.
    #[arg(long, value_name = "FILE")]
    pub text: Option<PathBuf>,

    /// The text's language (detected from its characters by default).
    #[arg(long, value_parser = ["zh", "en"])]
    pub lang: Option<String>,

    /// `text` or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,

    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: Args) -> Result<Status> {
    match args.command {
        Sub::Lint(a) => run_lint(a),
        Sub::Convert(a) => run_convert(a),
        Sub::Stats(a) => run_stats(a),
    }
}

fn run_lint(args: LintArgs) -> Result<Status> {
    let report = lint::lint_files(&args.files)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == "json" {
        serde_json::to_writer_pretty(&mut out, &report).map_err(|e| Error::io(e.into()))?;
        writeln!(out)?;
    } else {
        for f in &report.findings {
            writeln!(out, "{f}")?;
        }
    }
    out.flush()?;
    let (errors, warnings) = (report.errors(), report.warnings());
    eprintln!(
        "termalign: {} file(s), {} entries: {errors} error(s), {warnings} warning(s)",
        args.files.len(),
        report.entries
    );
    if errors > 0 {
        // Exit 2 like every other bad input, without repeating the findings.
        return Err(Error::new(
            ErrorKind::Glossary,
            format!("{errors} error(s) in the glossary"),
        ));
    }
    if args.strict
        && report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Warning)
    {
        return Ok(Status::Findings);
    }
    Ok(Status::Ok)
}

fn run_convert(args: ConvertArgs) -> Result<Status> {
    let n = convert::convert_file_to_script(
        &args.input,
        &args.output,
        args.from,
        args.to,
        args.script,
    )?;
    eprintln!(
        "termalign: {} → {}: {n} entries",
        args.input.display(),
        args.output.display()
    );
    Ok(Status::Ok)
}

fn run_stats(args: StatsArgs) -> Result<Status> {
    let glossary = if args.files.is_empty() {
        Glossary::builtin()
    } else {
        let mut g = Glossary::new();
        for f in &args.files {
            g.merge(Glossary::load(f)?)?;
        }
        g
    };
    let s = stats::stats(&glossary);
    let coverage = match &args.text {
        None => None,
        Some(path) => {
            let text = args.input.read(path)?.text;
            let lang: Lang = match &args.lang {
                Some(l) => l.parse().expect("clap checked the value"),
                None => stats::detect_lang(&text),
            };
            let matcher = TermMatcher::new(&glossary)?;
            Some(stats::coverage(&glossary, &matcher, &text, lang))
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == "json" {
        let v = serde_json::json!({ "stats": s, "coverage": coverage });
        serde_json::to_writer_pretty(&mut out, &v).map_err(|e| Error::io(e.into()))?;
        writeln!(out)?;
    } else {
        write!(out, "{s}")?;
        if let Some(c) = &coverage {
            write!(out, "{c}")?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
