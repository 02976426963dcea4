//! `termalign check`: terminology checks over translation memory, for CI.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use termalign::DocOptions;
use termalign::atomic::Output;
use termalign::check::baseline::Baseline;
use termalign::check::report::{Format, Report, Summary};
use termalign::check::{CheckOptions, Checker, Rule, Severity};
use termalign::tm::ReadUnit;
use termalign::{Error, ErrorKind, Pipeline, Result};

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::input::InputArgs;
use crate::cli::args::jobs;
use crate::cli::args::model::ModelArgs;

/// Check translation memory against the glossary: missing, forbidden,
/// miscased and misspelled terms, numbers, untranslated and inconsistent
/// units.
///
/// Each TM is a TMX file, or a CSV/TSV file with `zh` and `en` columns (the
/// format comes from the extension). A Chinese document and its English
/// version can be checked too (--zh FILE --en FILE): they are aligned on the
/// fly and their sentence pairs checked, reported at the lines of the
/// Chinese file. The built-in glossary applies unless
/// --no-default-glossary.
///
/// Rules (id, default severity):
///   term-missing         error    a source term has no approved rendering or variant in the target
///                                 (warning for generic entries: places, titles, common nouns)
///   term-forbidden       error    a forbidden rendering of a source term is in the target
///   term-case            warning  a rendering is there with other letter case
///   term-near-miss       warning  something close to a rendering is there (replaces term-missing)
///   number-mismatch      warning  a number or date of the source is not in the target
///   inconsistent-target  warning  the same source is translated differently elsewhere
///   inconsistent-source  warning  the same target translates different sources
///   untranslated         error    the target is empty, equals the source, or is mostly Chinese
///
/// Waivers: a TMX unit with `<prop type="x-termalign-waive">term-missing</prop>`, or a
/// CSV/TSV row with a `waive` column, does not report the rules listed there (ids separated
/// by commas, spaces or `|`; `all` waives every rule).
///
/// Baselines: --write-baseline FILE records the current findings as accepted; a later run
/// with --baseline FILE reports only findings not in it. Fingerprints depend on the unit's
/// text, not its position, so reordering or inserting units keeps the baseline valid.
///
/// Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on bad
/// arguments or unreadable input (the message names the file and line).
///
/// Examples:
///   termalign check memory.tmx
///   termalign check memory.tmx -g house.csv --format sarif -o check.sarif
///   termalign check --zh release.zh.txt --en release.en.txt --fail-on warning
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Translation memories to check: .tmx, .csv, .tsv (zh/en columns).
    #[arg(value_name = "TM")]
    pub tms: Vec<PathBuf>,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    /// A Chinese document to align with --en and check.
    #[arg(long, value_name = "FILE", requires = "en")]
    pub zh: Option<PathBuf>,

    /// The English version of --zh.
    #[arg(long, value_name = "FILE", requires = "zh")]
    pub en: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Report format: text (file:line: severity rule: message), json, junit (JUnit XML),
    /// github (workflow commands), sarif (SARIF 2.1.0), html (the `review` page, opened on
    /// the findings).
    #[arg(long, value_name = "FORMAT", default_value = "text",
          value_parser = ["text", "json", "junit", "github", "sarif", "html"])]
    pub format: String,

    /// Write the report to FILE (atomically; a device or pipe directly)
    /// instead of standard output. It may not be an input.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_name = "SEVERITY", default_value = "error",
          value_parser = ["error", "warning", "note", "never"])]
    pub fail_on: String,

    /// Do not report findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding (after waivers) as accepted in FILE; they are not
    /// reported in this run.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Turn a rule on, or set its severity: ID or ID=error|warning|note. Repeatable.
    #[arg(long = "rule", value_name = "ID[=SEVERITY]")]
    pub rules: Vec<String>,

    /// Turn a rule off. Repeatable.
    #[arg(long = "disable", value_name = "ID")]
    pub disable: Vec<String>,

    /// Severity of term-missing for generic glossary entries (places, titles, and
    /// lower-case terms of one or two words, such as summit or member state).
    #[arg(long, value_name = "SEVERITY", default_value = "warning",
          value_parser = ["error", "warning", "note"])]
    pub generic_severity: String,

    #[command(flatten)]
    pub model: ModelArgs,

    /// Threads (default: all cores). The report does not depend on it.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
}

/// `--format html`: the review page (see `termalign review`), written by
/// the command rather than by a report writer, as it shows the units.
pub const HTML_FORMAT: &str = "html";

fn config(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Config, msg)
}

impl Args {
    fn options(&self) -> Result<CheckOptions> {
        let mut o = CheckOptions::default();
        let mut touched: Vec<Rule> = Vec::new();
        for spec in &self.rules {
            let (id, sev) = match spec.split_once('=') {
                Some((id, sev)) => (id, Some(sev)),
                None => (spec.as_str(), None),
            };
            let rule: Rule = id.parse().map_err(config)?;
            let sev = match sev {
                Some(s) => s.parse::<Severity>().map_err(config)?,
                None => o.severity(rule).unwrap_or(rule.default_severity()),
            };
            o.set_severity(rule, sev);
            touched.push(rule);
        }
        for id in &self.disable {
            let rule: Rule = id.parse().map_err(config)?;
            if touched.contains(&rule) {
                return Err(config(format!(
                    "rule `{rule}` is both set with --rule and turned off with --disable"
                )));
            }
            o.disable(rule);
        }
        o.generic_severity = self.generic_severity.parse().map_err(config)?;
        Ok(o)
    }

    fn fail_on(&self) -> Option<Severity> {
        self.fail_on.parse().ok()
    }
}

pub fn run(args: Args) -> Result<Status> {
    if args.tms.is_empty() && args.zh.is_none() {
        return Err(config(
            "nothing to check: give TM files and/or --zh FILE --en FILE",
        ));
    }
    // Fail on bad arguments before reading anything.
    let options = args.options()?;
    // No output may be an input; outputs are opened before the work, so an
    // unwritable folder fails now.
    let mut inputs: Vec<&Path> = args.tms.iter().map(PathBuf::as_path).collect();
    inputs.extend(args.zh.as_deref());
    inputs.extend(args.en.as_deref());
    inputs.extend(args.baseline.as_deref());
    inputs.extend(args.glossary.files());
    let outputs: Vec<&Path> = args
        .output
        .iter()
        .chain(&args.write_baseline)
        .map(PathBuf::as_path)
        .collect();
    termalign::atomic::refuse_overwrite(&inputs, &outputs)?;
    if let (Some(o), Some(b)) = (&args.output, &args.write_baseline)
        && o == b
    {
        return Err(config(format!(
            "-o and --write-baseline name the same file {}",
            o.display()
        )));
    }
    if args.format == HTML_FORMAT {
        return super::review::check_html(&args, options);
    }
    let format: Format = args.format.parse().map_err(config)?;
    let baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p)?),
        None => None,
    };
    let baseline_out = args
        .write_baseline
        .as_deref()
        .map(Output::open)
        .transpose()?;
    let report_out = match &args.output {
        Some(p) => Some(Output::open(p)?),
        None => None,
    };
    let pool = jobs::pool(args.jobs)?;
    let glossary = args.glossary.load()?;

    let mut doc_units: Vec<ReadUnit> = Vec::new();
    if let (Some(zh), Some(en)) = (&args.zh, &args.en) {
        let pipeline = args.model.pipeline(glossary.clone())?;
        let opts = args.model.doc_options();
        doc_units = pool.install(|| document_units(&args.input, &pipeline, &opts, zh, en))?;
    }

    let checker = Checker::new(glossary, options)?;
    // Streamed: the memories are read (twice, for the `inconsistent-*`
    // rules), never held whole.
    let open = || -> Result<_> {
        let mut streams = Vec::with_capacity(args.tms.len());
        for path in &args.tms {
            streams.push(termalign::tm::read::open_whole(path)?);
        }
        Ok(streams
            .into_iter()
            .flatten()
            .chain(doc_units.iter().cloned().map(Ok)))
    };
    let run = pool.install(|| checker.check_stream(open))?;
    let mut findings = run.findings;
    let mut baselined = 0;
    if let (Some(path), Some(mut file)) = (&args.write_baseline, baseline_out) {
        Baseline::write(&findings, &mut file).map_err(|e| e.with_path(path))?;
        file.commit()?;
        eprintln!(
            "termalign: recorded {} finding(s) in {}",
            findings.len(),
            path.display()
        );
        baselined = findings.len();
        findings.clear();
    } else if let Some(b) = &baseline {
        baselined = b.filter(&mut findings);
    }

    let summary = Summary::new(&findings, run.units, run.waived, baselined, args.fail_on());
    let failed = summary.failed;
    let report = Report {
        findings: &findings,
        summary,
    };
    match (&args.output, report_out) {
        (Some(path), Some(mut file)) => {
            format
                .reporter(false)
                .write(&report, &mut file)
                .map_err(|e| e.with_path(path))?;
            file.commit()?;
            // The report went to a file: say how it went where people look.
            eprintln!("termalign: {}", report.summary.line());
        }
        _ => {
            let stdout = std::io::stdout();
            let color = format == Format::Text
                && stdout.is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            // Errors name <stdout> (a full disk, a closed pipe).
            let mut out = Output::stdout();
            format.reporter(color).write(&report, &mut out)?;
            out.commit()?;
        }
    }
    Ok(if failed { Status::Findings } else { Status::Ok })
}

/// Align a document pair (as `align ZH EN` does, --presegmented
/// included) and turn its sentence pairs into units: numbered from 1 among
/// the pairs, at the line of their first Chinese sentence.
fn document_units(
    input: &InputArgs,
    pipeline: &Pipeline,
    opts: &DocOptions,
    zh: &Path,
    en: &Path,
) -> Result<Vec<ReadUnit>> {
    let zh_text = input.read_side_bounded(zh, termalign::Lang::Zh)?.text;
    let en_text = input.read_side_bounded(en, termalign::Lang::En)?.text;
    let aligned = pipeline.align_document(&zh_text, &en_text, opts)?;
    let file = zh.display().to_string();
    // Line of each byte offset, by one pass over the newlines.
    let newlines: Vec<usize> = zh_text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |byte: usize| newlines.partition_point(|&n| n < byte) as u64 + 1;
    Ok(aligned
        .articles
        .iter()
        .flat_map(|a| {
            pipeline
                .units(&a.doc, &file)
                .into_iter()
                .filter(|u| u.is_pair())
                .map(|u| (line_of(a.doc.zh[u.zh_sentences.start].span.bytes.start), u))
        })
        .enumerate()
        .map(|(i, (line, u))| ReadUnit {
            number: i + 1,
            file: file.clone(),
            line,
            source: u.zh,
            target: u.en,
            ..ReadUnit::default()
        })
        .collect())
}
