//! `termalign check`: terminology checks over translation memory, for CI.

use std::path::{Path, PathBuf};

use termalign::DocOptions;
use termalign::atomic::Output;
use termalign::check::baseline::Baseline;
use termalign::check::report::{Format, Report, ReportOptions, Summary};
use termalign::check::{CheckOptions, Checker, Rule, Severity};
use termalign::tm::ReadUnit;
use termalign::tm::read::ReadFormat;
use termalign::{Error, ErrorKind, Pipeline, Result};

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::input::InputArgs;
use crate::cli::args::io;
use crate::cli::args::jobs;
use crate::cli::args::model::ModelArgs;
use crate::cli::ui::{self, note};

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
///   number-mismatch      error    a number or date of the source is not in the target, which has
///                                 another figure in its place (warning when the target has none)
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
    /// Translation memories to check: .tmx, .csv, .tsv (zh/en columns); `-`
    /// is standard input (with --input-format).
    #[arg(value_name = "TM")]
    pub tms: Vec<PathBuf>,

    /// Format of the memories, for standard input or a file whose extension
    /// does not say.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<ReadFormat>,

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
    /// instead of standard output (`-`). It may not be an input.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// SARIF: the URI relative file names are relative to (the repository
    /// root), e.g. file:///home/ci/repo/ or https://example.org/repo/blob/main/.
    /// Locations then carry uriBaseId SRCROOT; absolute paths under a file:
    /// base become relative to it. A folder path is turned into its file: URI.
    #[arg(long, value_name = "URI")]
    pub base_uri: Option<String>,

    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_name = "SEVERITY", default_value = "error",
          value_parser = ["error", "warning", "note", "never"])]
    pub fail_on: String,

    /// Do not report findings recorded in this baseline file (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding (after waivers) as accepted in FILE (`-`: standard
    /// output, with -o FILE for the report); they are not reported in this run.
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

    /// Severity of number-mismatch when a source number is simply missing from the target
    /// (no other figure of its kind there); a different figure gets the rule's severity
    /// (error). Never above the rule's severity.
    #[arg(long, value_name = "SEVERITY", default_value = "warning",
          value_parser = ["error", "warning", "note"])]
    pub missing_number_severity: String,

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
        o.missing_number_severity = self.missing_number_severity.parse().map_err(config)?;
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
    let base_uri = args.base_uri.as_deref().map(base_uri).transpose()?;
    let report_to_stdout = args.output.as_deref().is_none_or(io::is_dash);
    if args.write_baseline.as_deref().is_some_and(io::is_dash) && report_to_stdout {
        return Err(config(
            "--write-baseline - and the report both go to standard output: give -o FILE",
        ));
    }
    for path in &args.tms {
        io::tm_format(path, args.input_format)?;
    }
    let baseline = match &args.baseline {
        Some(p) if io::is_dash(p) => {
            let text = String::from_utf8_lossy(io::stdin_bytes()?).into_owned();
            Some(Baseline::from_json_str(&text, io::STDIN_NAME)?)
        }
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
            // `-` and --input-format need the CLI's reader (standard input
            // is kept, so the second pass sees it again).
            streams.push(if io::is_dash(path) || args.input_format.is_some() {
                io::open_tm(path, args.input_format, None)?
            } else {
                termalign::tm::read::open_whole(path)?
            });
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
        note!(
            "termalign: recorded {} finding(s) in {}",
            findings.len(),
            io::display(path, false)
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
    let to_file = args.output.as_deref().is_some_and(|p| !io::is_dash(p));
    if ui::quiet() && !to_file {
        // `check -q`: like `grep -q`, the exit status is the answer.
        return Ok(if failed { Status::Findings } else { Status::Ok });
    }
    // Errors name the file, or <stdout> (a full disk, a closed pipe).
    let mut out = report_out.unwrap_or_else(Output::stdout);
    let options = ReportOptions {
        color: format == Format::Text && out.is_stdout() && ui::color_stdout(),
        base_uri,
    };
    format
        .reporter_with(&options)
        .write(&report, &mut out)
        .map_err(|e| match (&args.output, to_file) {
            (Some(path), true) => e.with_path(path),
            _ => e,
        })?;
    out.commit()?;
    if to_file {
        // The report went to a file: say how it went where people look.
        note!("termalign: {}", report.summary.line());
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

/// `--base-uri`: an absolute URI ending in `/`; a folder path becomes its
/// `file:` URI.
fn base_uri(given: &str) -> Result<String> {
    let scheme = given.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let uri = if scheme {
        given.to_string()
    } else {
        let path = Path::new(given);
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().map_err(Error::io)?.join(path)
        };
        let mut u = String::from("file://");
        for b in abs.to_string_lossy().replace('\\', "/").bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                u.push(b as char);
            } else {
                u.push_str(&format!("%{b:02X}"));
            }
        }
        u
    };
    Ok(if uri.ends_with('/') { uri } else { uri + "/" })
}
