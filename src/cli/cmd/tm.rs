//! `termalign tm`: maintain translation memories (merge, stats, convert).

use std::io::Write;
use std::path::{Path, PathBuf};

use termalign::format_table::{FormatTable, or_list};
use termalign::tm::read::{self, ReadFormat};
use termalign::tm::stats::{self, TmStats};
use termalign::tm::{Format, TmOutput, TmWriter};
use termalign::tm::{convert, merge};
use termalign::{Error, ErrorKind, Result};

use crate::cli::Status;
use crate::cli::args::output::{OutputArgs, TmArgs, format_for, warn};

/// Maintain translation memories: merge, count, convert.
///
/// The inputs are TMX (any version, UTF-8 or UTF-16), CSV or TSV, told
/// apart by their extension (.tmx, .csv, .tsv/.tab). Chinese is the source
/// language; languages are matched on their primary subtag, so zh-CN,
/// zh-Hans and zh-TW all count as Chinese. Files are streamed: memory does
/// not grow with their size.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: TmCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TmCommand {
    Merge(MergeArgs),
    Stats(StatsArgs),
    Convert(ConvertArgs),
}

/// Merge memories into one, removing exact duplicates.
///
/// Two units are duplicates when their source and target are the same
/// after trimming and collapsing whitespace. Of duplicates, the newest is
/// kept with its properties: the latest changedate (or creationdate) of
/// the <tu>; among undated or equally dated ones, the one read last, so a
/// later file on the command line overrides an earlier one. Each kept
/// unit is written where its newest copy was read, so the output follows
/// input order. The output languages are those of the first input unless
/// --src-lang/--tgt-lang are given.
///
/// Example: termalign tm merge 2023.tmx 2024.tmx -o all.tmx
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The memories to merge (TMX, CSV, TSV), oldest first.
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Count the units of a memory: pairs, languages, duplicates, and sources
/// translated in more than one way.
///
/// Example: termalign tm stats all.tmx
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The memory (TMX, CSV, TSV).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Print the counts as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Convert a memory between TMX, CSV and TSV (also to moses and jsonl).
///
/// termalign's properties carry over (x-doc, x-bead, x-confidence, x-terms
/// in TMX; the doc, bead, score, terms columns in CSV/TSV); TMX keeps every
/// other property too. The format of OUT comes from its extension unless
/// --format is given; TMX output keeps the input's languages unless
/// --src-lang/--tgt-lang are given.
///
/// Example: termalign tm convert memory.tmx memory.csv --bom
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The memory to read (TMX, CSV, TSV).
    #[arg(value_name = "IN")]
    pub input: PathBuf,

    /// The file to write (for moses, OUT.zh and OUT.en).
    #[arg(value_name = "OUT")]
    pub output: PathBuf,

    // Output format, from the table: every format but those needing
    // sentence indices (beads).
    #[arg(
        short,
        long,
        value_parser = clap::builder::PossibleValuesParser::new(writable_names()),
        help = format!(
            "Output format: {}; by default OUT's extension",
            or_list(&writable_names())
        )
    )]
    pub format: Option<String>,

    #[command(flatten)]
    pub tm: TmArgs,
}

/// The formats `tm convert` can write, as `--format` takes them.
fn writable_names() -> Vec<&'static str> {
    Format::from_memory().map(Format::name).collect()
}

pub fn run(args: Args) -> Result<Status> {
    match args.command {
        TmCommand::Merge(a) => merge_cmd(a),
        TmCommand::Stats(a) => stats_cmd(a),
        TmCommand::Convert(a) => convert_cmd(a),
    }
}

fn check_readable(path: &Path) -> Result<()> {
    if ReadFormat::from_path(path).is_none() {
        return Err(Error::new(
            ErrorKind::Config,
            format!(
                "cannot tell the translation memory format (expected {})",
                ReadFormat::expected_extensions()
            ),
        )
        .with_path(path));
    }
    Ok(())
}

/// The languages of the first unit of `path` that has them (TMX only).
fn input_langs(path: &Path, src: Option<&str>) -> Result<Option<(String, String)>> {
    for u in read::open_with(path, src)?.take(1) {
        let u = u?;
        if !u.source_lang.is_empty() && !u.target_lang.is_empty() {
            return Ok(Some((u.source_lang, u.target_lang)));
        }
    }
    Ok(None)
}

fn langs_ref(l: &Option<(String, String)>) -> Option<(&str, &str)> {
    l.as_ref().map(|(a, b)| (a.as_str(), b.as_str()))
}

fn merge_cmd(a: MergeArgs) -> Result<Status> {
    a.inputs.iter().try_for_each(|p| check_readable(p))?;
    a.output.check()?;
    let format = a.output.format()?;
    if format.spec().needs_indices {
        return Err(Error::new(
            ErrorKind::Config,
            format!(
                "tm merge cannot write {format} (they need sentence indices, which only aligning gives)"
            ),
        ));
    }
    let inputs: Vec<&Path> = a.inputs.iter().map(PathBuf::as_path).collect();
    a.output.refuse_overwrite(&inputs)?;
    let src = a.output.tm.src_lang.as_deref();
    let langs = input_langs(&a.inputs[0], src)?;
    let mut out = a.output.open_writer(langs_ref(&langs))?;
    let report = merge::merge(&a.inputs, src, &mut out)?;
    out.finish()?;
    a.output.warn(&out.report());
    eprintln!(
        "termalign: merged {} unit(s) from {} file(s): {} duplicate(s) removed, {} written",
        report.read,
        a.inputs.len(),
        report.duplicates,
        out.report().written
    );
    Ok(Status::Ok)
}

fn stats_cmd(a: StatsArgs) -> Result<Status> {
    check_readable(&a.file)?;
    let s = stats::stats(read::open(&a.file)?)?;
    read::require_units(&a.file, s.units)?;
    // Errors name <stdout>.
    let mut out = termalign::atomic::Output::stdout();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &s).map_err(|e| Error::io(e.into()))?;
        writeln!(out)?;
    } else {
        print_stats(&mut out, &a.file, &s)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}

fn print_stats(out: &mut impl Write, file: &Path, s: &TmStats) -> Result<()> {
    let mut row = |label: &str, n: usize| writeln!(out, "  {label:<30} {n}");
    row("units", s.units)?;
    row("pairs (both sides)", s.pairs)?;
    row("empty source", s.empty_source)?;
    row("empty target", s.empty_target)?;
    for (langs, n) in &s.languages {
        row(&format!("languages {langs}"), *n)?;
    }
    row("duplicates", s.duplicates)?;
    row("sources with several targets", s.conflicting_sources)?;
    for c in &s.conflicts {
        writeln!(
            out,
            "    {}:{}: {} (also at line {})",
            file.display(),
            c.first_line,
            c.source,
            c.other_line
        )?;
    }
    Ok(())
}

fn convert_cmd(a: ConvertArgs) -> Result<Status> {
    check_readable(&a.input)?;
    let format = format_for(a.format.as_deref(), Some(&a.output))?;
    if format.spec().needs_indices {
        return Err(Error::new(
            ErrorKind::Config,
            format!(
                "tm convert cannot write {format} (they need sentence indices, which only aligning gives)"
            ),
        )
        .with_path(&a.output));
    }
    let outs = termalign::tm::output_files(&a.output, format);
    let outs: Vec<&Path> = outs.iter().map(PathBuf::as_path).collect();
    termalign::atomic::refuse_overwrite(&[a.input.as_path()], &outs)?;
    let src = a.tm.src_lang.as_deref();
    let langs = input_langs(&a.input, src)?;
    let opts = a.tm.options(langs_ref(&langs))?;
    let mut out = TmOutput::create(&a.output, format, &opts)?;
    let n = convert::convert(read::open_with(&a.input, src)?, &mut out)?;
    read::require_units(&a.input, n)?;
    out.finish()?;
    warn(
        &a.output.display().to_string(),
        &out.report(),
        a.tm.min_confidence,
    );
    Ok(Status::Ok)
}
