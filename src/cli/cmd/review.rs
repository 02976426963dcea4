//! `termalign review`: one self-contained HTML page to review an alignment
//! (or a memory) in a browser, fix it, and export corrected TMX or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use termalign::atomic::Output;
use termalign::batch::plan::{Folders, Pairing};
use termalign::batch::{self, BatchOptions, Job, Plan, ReadOptions, Runner};
use termalign::check::CheckOptions;
use termalign::check::baseline::Baseline;
use termalign::check::report::Summary;
use termalign::review::{Focus, PageBuilder, PageOptions};
use termalign::tm::ReadUnit;
use termalign::tm::read::ReadFormat;
use termalign::tm::{language_code, parse_date};
use termalign::{AlignedDocument, Error, ErrorKind, Lang, Pipeline, Result};

use crate::cli::Status;
use crate::cli::args::glossary::GlossaryArgs;
use crate::cli::args::input::InputArgs;
use crate::cli::args::jobs;
use crate::cli::args::model::ModelArgs;

/// Write an HTML page to review an alignment before importing it.
///
/// The page is one self-contained file (styles and script inline, no
/// network access, no server): beads side by side with their shape and
/// confidence, glossary terms and numbers marked, `check` findings inline,
/// counts at the top. The reviewer filters, walks the doubtful beads with
/// the keyboard (press ? on the page), merges, splits, detaches, approves
/// or rejects beads, and exports corrected TMX 1.4b or CSV (rejected beads
/// left out, edited ones marked with an `x-reviewed` property). Edits are
/// kept in the browser across reloads.
///
/// Inputs: a Chinese document and its English version (aligned here), one
/// or more memories (.tmx, .csv, .tsv: grouped into documents by their
/// `x-doc`/`doc`), or a batch (--zh-dir/--en-dir, --manifest), which gives
/// one page with a document list.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// ZH EN (two documents to align) or TM files (.tmx, .csv, .tsv).
    #[arg(value_name = "INPUT", required_unless_present_any = ["zh_dir", "manifest"],
          conflicts_with_all = ["zh_dir", "manifest"])]
    pub inputs: Vec<PathBuf>,

    /// The page to write (atomically: a failed run leaves nothing).
    #[arg(short, long, value_name = "FILE.html")]
    pub output: PathBuf,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub model: ModelArgs,

    /// Title of the page (default: the input's name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Creation date of the TMX the page exports (YYYYMMDDThhmmssZ, RFC
    /// 3339, YYYY-MM-DD or Unix seconds); default: when the reviewer
    /// exports. $SOURCE_DATE_EPOCH applies as for `align`.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Source language code of exported TMX (default zh-CN, or the input
    /// memory's).
    #[arg(long, value_name = "CODE")]
    pub src_lang: Option<String>,

    /// Target language code of exported TMX (default en-US, or the input
    /// memory's).
    #[arg(long, value_name = "CODE")]
    pub tgt_lang: Option<String>,

    /// Open the page on the beads with findings only.
    #[arg(long)]
    pub findings_only: bool,

    /// Folder of Chinese documents (batch; see `align --help`).
    #[arg(
        long,
        value_name = "DIR",
        requires = "en_dir",
        conflicts_with = "manifest",
        help_heading = "Batch"
    )]
    pub zh_dir: Option<PathBuf>,

    /// Folder of English documents.
    #[arg(long, value_name = "DIR", requires = "zh_dir", help_heading = "Batch")]
    pub en_dir: Option<PathBuf>,

    /// Only files matching this glob. Repeatable.
    #[arg(long, value_name = "GLOB", requires = "zh_dir", help_heading = "Batch")]
    pub glob: Vec<String>,

    /// CSV manifest of pairs (zh,en[,doc,zh_article,en_article,…]).
    #[arg(long, value_name = "FILE.csv", help_heading = "Batch")]
    pub manifest: Option<PathBuf>,

    /// Threads (default: all cores). The page does not depend on it.
    #[arg(short = 'j', long = "jobs", value_name = "N", help_heading = "Batch")]
    pub jobs: Option<usize>,
}

const EXAMPLES: &str = "\
Examples:
  termalign review zh.txt en.txt -o review.html
  termalign review zh.txt en.txt -g house.csv --dict cedict_ts.u8.gz -o review.html
  termalign review memory.tmx -o review.html
  termalign review --zh-dir zh/ --en-dir en/ -o batch.html
  termalign check memory.tmx --format html -o findings.html";

fn config(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Config, msg)
}

/// True when every input is a translation memory (by extension).
fn all_memories(inputs: &[PathBuf]) -> bool {
    !inputs.is_empty() && inputs.iter().all(|p| ReadFormat::from_path(p).is_some())
}

/// Read every unit of the memories; the first error stops (with its file
/// and line), and a non-empty memory with no unit is one.
pub(crate) fn read_memories(paths: &[PathBuf]) -> Result<Vec<ReadUnit>> {
    let mut units = Vec::new();
    for path in paths {
        for u in termalign::tm::read::open_whole(path)? {
            units.push(u?);
        }
    }
    Ok(units)
}

/// Page options from the command's flags; `langs` are an input memory's.
fn page_options(args: &Args, title: String, langs: Option<(&str, &str)>) -> Result<PageOptions> {
    let pick = |given: &Option<String>, input: Option<&str>, default: &str| -> Result<String> {
        match (given, input) {
            (Some(code), _) => language_code(code),
            (None, Some(code)) if !code.is_empty() => language_code(&code.replace('_', "-")),
            _ => Ok(default.to_string()),
        }
    };
    let date = match (&args.date, std::env::var("SOURCE_DATE_EPOCH")) {
        (Some(d), _) => Some(parse_date(d)?),
        (None, Ok(e)) if !e.trim().is_empty() => Some(parse_date(&e)?),
        _ => None,
    };
    Ok(PageOptions {
        title: args.title.clone().unwrap_or(title),
        focus: if args.findings_only {
            Focus::Findings
        } else {
            Focus::All
        },
        date,
        src_lang: pick(&args.src_lang, langs.map(|l| l.0), "zh-CN")?,
        tgt_lang: pick(&args.tgt_lang, langs.map(|l| l.1), "en-US")?,
        ..PageOptions::default()
    })
}

pub fn run(args: Args) -> Result<Status> {
    if args.jobs == Some(0) {
        return Err(config("-j must be at least 1"));
    }
    // Bad flags fail before anything is read.
    page_options(&args, String::new(), None)?;
    let pipeline = args.model.pipeline(args.glossary.load()?)?;
    let name = |p: &Path| p.display().to_string();

    let html = if args.zh_dir.is_some() || args.manifest.is_some() {
        let docs = align_batch(&args, &pipeline)?;
        let title = match (&args.manifest, &args.zh_dir) {
            (Some(m), _) => format!("review: {}", name(m)),
            (None, Some(z)) => format!("review: {}", name(z)),
            _ => unreachable!("checked above"),
        };
        let mut page = PageBuilder::new(&pipeline, page_options(&args, title, None)?);
        for (n, d) in &docs {
            page.add_aligned(n, d);
        }
        page.check(CheckOptions::default(), None)?;
        page.render()
    } else if all_memories(&args.inputs) {
        let units = read_memories(&args.inputs)?;
        if units.is_empty() {
            return Err(
                Error::new(ErrorKind::Empty, "no translation unit").with_path(&args.inputs[0])
            );
        }
        let langs = units
            .iter()
            .find(|u| !u.source_lang.is_empty())
            .map(|u| (u.source_lang.clone(), u.target_lang.clone()));
        let title = format!("review: {}", name(&args.inputs[0]));
        let opts = page_options(
            &args,
            title,
            langs.as_ref().map(|(s, t)| (s.as_str(), t.as_str())),
        )?;
        let mut page = PageBuilder::new(&pipeline, opts);
        page.add_units(units);
        page.check(CheckOptions::default(), None)?;
        page.render()
    } else {
        let [zh, en] = args.inputs.as_slice() else {
            return Err(config(format!(
                "give a Chinese document and its English version, or translation memories \
                 (.tmx, .csv, .tsv); got {} input(s)",
                args.inputs.len()
            )));
        };
        let zh_text = args.input.read(zh)?.text;
        let en_text = args.input.read(en)?.text;
        let opts = args.model.doc_options();
        // Read side by side so that an empty side names its file.
        let zh_articles = pipeline
            .read_articles(&zh_text, Lang::Zh, &opts)
            .map_err(|e| e.with_path(zh))?;
        let en_articles = pipeline
            .read_articles(&en_text, Lang::En, &opts)
            .map_err(|e| e.with_path(en))?;
        let aligned = pipeline.align_articles(zh_articles, en_articles);
        // Named as `align` names it, so exports match its output.
        let title = format!("review: {}", name(zh));
        let mut page = PageBuilder::new(&pipeline, page_options(&args, title, None)?);
        for a in &aligned.articles {
            page.add_aligned(&name(zh), &a.doc);
        }
        page.check(CheckOptions::default(), None)?;
        page.render()
    };
    write_page(&args.output, &html)?;
    Ok(Status::Ok)
}

/// Write the page through [`Output`] (atomically; `-`, devices and pipes
/// directly).
pub(crate) fn write_page(path: &Path, html: &str) -> Result<()> {
    let mut f = Output::open(path)?;
    f.write_all(html.as_bytes())
        .map_err(|e| Error::io(e).with_path(path))?;
    f.commit()
}

/// Align every pair of a batch, in plan order (in parallel on the
/// runner's pool; the order and the result do not depend on the threads),
/// article by article and named as `align` names them. A document that
/// cannot be read stops the run: a review page is not written with holes.
fn align_batch(args: &Args, pipeline: &Pipeline) -> Result<Vec<(String, AlignedDocument)>> {
    let read = ReadOptions {
        decode: args.input.side_options(termalign::Lang::Zh)?,
        en_decode: Some(args.input.side_options(termalign::Lang::En)?),
        presegmented: args.model.presegmented,
    };
    let runner = Runner::new(
        pipeline,
        jobs::pool(args.jobs)?,
        BatchOptions {
            read,
            keep_going: false,
            strict: false,
        },
    );
    let plan = plan(args, &runner)?;
    if let Some(e) = plan.failures.into_iter().next() {
        return Err(e);
    }
    if plan.jobs.is_empty() {
        return Err(config("no document pair to review"));
    }
    let per_job: Vec<Result<Vec<(String, AlignedDocument)>>> = runner.pool().install(|| {
        plan.jobs
            .par_iter()
            .map(|job| align_job(pipeline, job, &read))
            .collect()
    });
    let mut out = Vec::new();
    for r in per_job {
        out.extend(r?);
    }
    Ok(out)
}

/// One job's article pairs, as [`batch::process`] aligns and names them.
fn align_job(
    pipeline: &Pipeline,
    job: &Job,
    read: &ReadOptions,
) -> Result<Vec<(String, AlignedDocument)>> {
    let mut warnings = Vec::new();
    let zh = batch::load_articles(pipeline, &job.zh, Lang::Zh, read, &mut warnings)?;
    let en = batch::load_articles(pipeline, &job.en, Lang::En, read, &mut warnings)?;
    for w in warnings {
        eprintln!("termalign: warning: {w}");
    }
    let aligned = pipeline.align_articles(zh, en);
    for &i in &aligned.unpaired_zh {
        let path = batch::plan::job_path(job);
        eprintln!(
            "termalign: {path}: Chinese article {} has no English partner",
            i + 1
        );
    }
    for &j in &aligned.unpaired_en {
        let path = batch::plan::job_path(job);
        eprintln!(
            "termalign: {path}: English article {} has no Chinese partner",
            j + 1
        );
    }
    let multi = aligned.zh_articles > 1 || aligned.en_articles > 1;
    Ok(aligned
        .articles
        .into_iter()
        .map(|a| {
            let name = if multi && job.zh.part == batch::Part::Articles {
                format!("{}#{}", job.name, a.zh + 1)
            } else {
                job.name.clone()
            };
            (name, a.doc)
        })
        .collect())
}

fn plan(args: &Args, runner: &Runner) -> Result<Plan> {
    if let Some(m) = &args.manifest {
        return Ok(batch::plan::by_manifest(batch::read_manifest(m)?));
    }
    let folders = Folders {
        zh: args.zh_dir.clone().expect("checked by caller"),
        en: args.en_dir.clone().expect("clap requires --en-dir"),
        globs: args.glob.clone(),
    };
    runner.plan_folders(&folders, &Pairing::Name)
}

/// `check … --format html`: the review page over the checked memories
/// (and the --zh/--en pair), opened on the findings. Exit status as for
/// the other formats.
pub(crate) fn check_html(args: &super::check::Args, options: CheckOptions) -> Result<Status> {
    if args.write_baseline.is_some() {
        return Err(config(
            "--write-baseline writes no report: use it without --format html",
        ));
    }
    let baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p)?),
        None => None,
    };
    let pipeline = args.model.pipeline(args.glossary.load()?)?;
    let units = read_memories(&args.tms)?;
    let langs = units
        .iter()
        .find(|u| !u.source_lang.is_empty())
        .map(|u| (u.source_lang.clone(), u.target_lang.clone()));
    let mut title = args
        .tms
        .first()
        .or(args.zh.as_ref())
        .map(|p| format!("check: {}", p.display()))
        .unwrap_or_else(|| "check".into());
    if args.tms.len() > 1 {
        title.push_str(&format!(" and {} more", args.tms.len() - 1));
    }
    let lang = |code: Option<&str>, default: &str| -> Result<String> {
        match code {
            Some(c) if !c.is_empty() => language_code(&c.replace('_', "-")),
            _ => Ok(default.to_string()),
        }
    };
    let opts = PageOptions {
        title,
        focus: Focus::Findings,
        src_lang: lang(langs.as_ref().map(|l| l.0.as_str()), "zh-CN")?,
        tgt_lang: lang(langs.as_ref().map(|l| l.1.as_str()), "en-US")?,
        ..PageOptions::default()
    };
    let mut page = PageBuilder::new(&pipeline, opts);
    page.add_units(units);
    if let (Some(zh), Some(en)) = (&args.zh, &args.en) {
        let zh_text = args.input.read(zh)?.text;
        let en_text = args.input.read(en)?.text;
        let aligned = pipeline
            .align_document(&zh_text, &en_text, &args.model.doc_options())
            .map_err(|e| e.with_path(zh))?;
        for a in &aligned.articles {
            page.add_aligned(&zh.display().to_string(), &a.doc);
        }
    }
    let outcome = page.check(options, baseline.as_ref())?;
    let summary = Summary::new(
        &outcome.findings,
        outcome.units,
        outcome.waived,
        outcome.baselined,
        args.fail_on.parse().ok(),
    );
    let html = page.render();
    match &args.output {
        Some(path) => {
            write_page(path, &html)?;
            eprintln!("termalign: {}", summary.line());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes()).map_err(Error::io)?;
            out.flush().map_err(Error::io)?;
        }
    }
    Ok(if summary.failed {
        Status::Findings
    } else {
        Status::Ok
    })
}
